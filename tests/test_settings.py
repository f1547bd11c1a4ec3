"""Production settings refuse to start half-configured, and pass Django's deployment check."""

import datetime
import os
import secrets
import string
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.utils import formats, translation

ROOT = Path(__file__).resolve().parent.parent


def manage(*args, **env):
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in ("SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_DEBUG")  # pytest-env sets it
    }
    environment.update(env)
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_without_secret_key_refuses_to_start():
    result = manage("check", DJANGO_DEBUG="0", ALLOWED_HOSTS="itplan.example.vn")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_without_django_debug_the_portal_is_production_and_refuses_to_start():
    result = manage("check")  # DJANGO_DEBUG unset: not DEBUG, and no SECRET_KEY given
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr and "DJANGO_DEBUG=1" in result.stderr
    result = manage("check", DJANGO_DEBUG="true")  # only "1" turns DEBUG on
    assert result.returncode != 0


def test_debug_only_with_django_debug_1():
    show = "from django.conf import settings; print(settings.DEBUG)"
    result = manage("shell", "-v", "0", "-c", show, DJANGO_DEBUG="1")
    assert result.stdout.strip() == "True", result.stderr


def test_production_without_allowed_hosts_refuses_to_start():
    result = manage("check", DJANGO_DEBUG="0", SECRET_KEY="k" * 60)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_production_settings_pass_the_deployment_check():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_DEBUG="0",
        SECRET_KEY="a-long-random-production-secret-" + "x9Z" * 20,
        ALLOWED_HOSTS="itplan.example.vn",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_deployment_check_is_clean_with_a_random_secret():
    alphabet = string.ascii_letters + string.digits + "!@#%^&*"
    secret = "".join(secrets.choice(alphabet) for _ in range(50))
    result = manage(
        "check", "--deploy", DJANGO_DEBUG="0", SECRET_KEY=secret, ALLOWED_HOSTS="portal.example"
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_vietnamese_is_the_default_language_with_vietnamese_formats():
    assert settings.LANGUAGE_CODE == "vi"
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    with translation.override("vi"):
        assert formats.number_format(1234567, force_grouping=True) == "1.234.567"
        assert formats.number_format(1234.5, decimal_pos=1, force_grouping=True) == "1.234,5"
        assert formats.date_format(datetime.date(2011, 8, 18), "SHORT_DATE_FORMAT") == "18/08/2011"
