import pytest
from django.conf import settings


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """On SQLite, a fresh database file instead of pytest-django's in-memory one: the portal
    runs on a file, and an import pays for writing to it. (On PostgreSQL pytest-django already
    creates and drops ``test_<name>``.) The developer's db.sqlite3 is never opened."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        name = tmp_path_factory.mktemp("bench") / "bench.sqlite3"
        database.setdefault("TEST", {})["NAME"] = str(name)
