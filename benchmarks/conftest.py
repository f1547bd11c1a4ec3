import os
from time import perf_counter

import pytest
from django.conf import settings
from django.db import connection

from itplan.dataset import generate
from projects.models import Plan
from provinces.models import Province
from tests.factories import make_user

PROVINCES = int(os.environ.get("BENCH_PROVINCES", "34"))


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """On SQLite, a fresh database file instead of pytest-django's in-memory one: the portal
    runs on a file, and an import pays for writing to it. (On PostgreSQL pytest-django already
    creates and drops ``test_<name>``.) The developer's db.sqlite3 is never opened."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        name = tmp_path_factory.mktemp("bench") / "bench.sqlite3"
        database.setdefault("TEST", {})["NAME"] = str(name)


@pytest.fixture(scope="session")
def national(django_db_setup, django_db_blocker):
    """The national dataset, written once for the session (committed: the pages and the
    reports read it)."""
    with django_db_blocker.unblock():
        started = perf_counter()
        generate(provinces=PROVINCES, seed=1)
        print(f"\ndataset: {PROVINCES} provinces in {perf_counter() - started:.1f} s")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as autovacuum would after a bulk load: planner statistics
        province = Province.objects.get(slug="ha-noi")
        users = {
            "national": make_user("bench.trunguong", "national"),
            "leader": make_user("bench.lanhdao", "leader", province),
        }
        plan = Plan.objects.filter(province=province).order_by("id").first()
        yield {"users": users, "province": province, "plan": plan}
