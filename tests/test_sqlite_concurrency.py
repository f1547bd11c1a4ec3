"""SQLite answers concurrent saves by making them wait their turn (WAL, a busy timeout,
transactions that take the write lock when they begin), never with "database is locked"."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="SQLite only (the suite runs on PostgreSQL here)",
)
def test_twenty_concurrent_saves_all_succeed_on_sqlite(tmp_path):
    environment = dict(os.environ, DATABASE_URL=f"sqlite:///{tmp_path / 'portal.sqlite3'}")
    result = subprocess.run(  # noqa: S603 - our own script with fixed arguments
        [sys.executable, "-m", "tests.concurrent_saves"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["errors"] == []
    assert outcome["projects"] == 20
    assert outcome["reports"] == 20
    assert outcome["journal_mode"] == "wal"
