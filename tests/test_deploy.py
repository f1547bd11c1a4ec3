"""The production set-up in deploy/: REDIS_URL moves the cache and the sessions to Redis,
.env.example names every setting the code reads, and nginx's limits and config agree with the
settings. The stack itself runs in ``make prod-check`` (deploy/prod_check.sh)."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
SHOW = (
    "from django.conf import settings as s; "
    "print(s.CACHES['default']['BACKEND'], s.CACHES['default'].get('LOCATION'), s.SESSION_ENGINE)"
)


def settings_with(**env) -> list[str]:
    environment = {k: v for k, v in os.environ.items() if k != "REDIS_URL"} | env
    result = subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", "shell", "-v", "0", "-c", SHOW],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_redis_url_puts_the_page_cache_and_sessions_in_redis():
    backend, location, sessions = settings_with(REDIS_URL="redis://127.0.0.1:6390/2")
    assert backend == "django.core.cache.backends.redis.RedisCache"
    assert location == "redis://127.0.0.1:6390/2"
    # Written through to the database: an evicted or restarted Redis signs nobody out.
    assert sessions == "django.contrib.sessions.backends.cached_db"


def test_without_redis_url_the_cache_and_sessions_stay_in_the_database():
    backend, location, sessions = settings_with()
    assert backend == "django.core.cache.backends.db.DatabaseCache"
    assert location == "itplan_cache"
    assert sessions == "django.contrib.sessions.backends.db"


def test_the_suite_runs_on_the_database_cache():
    assert "REDIS_URL" not in os.environ
    assert settings.CACHES["default"]["BACKEND"].endswith("DatabaseCache")


def read_names(path: Path) -> set[str]:
    text = path.read_text(encoding="utf-8")
    return set(re.findall(r"""environ(?:\.get\(\s*|\[)\s*["']([A-Z][A-Z0-9_]+)["']""", text))


def test_env_example_lists_every_setting_the_code_reads():
    names = read_names(ROOT / "itplan" / "settings.py") | read_names(DEPLOY / "gunicorn.conf.py")
    names.add("DATABASE_URL")  # read by dj_database_url.config()
    assert {"SECRET_KEY", "REDIS_URL", "DEFAULT_FROM_EMAIL", "GUNICORN_WORKERS"} <= names
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    listed = set(re.findall(r"^#?([A-Z][A-Z0-9_]+)=", example, re.MULTILINE))
    assert sorted(names - listed) == []
    assert sorted(listed - names) == []  # nothing listed that no code reads


def test_nginx_takes_the_largest_upload_the_portal_takes_and_little_more():
    conf = (DEPLOY / "nginx" / "itplan.conf").read_text()
    megabytes = int(re.search(r"client_max_body_size (\d+)m;", conf)[1])
    largest = max(
        settings.APPENDIX_MAX_UPLOAD_BYTES,
        settings.ATTACHMENT_MAX_BYTES,
        settings.DATA_UPLOAD_MAX_MEMORY_SIZE,
    )
    # Room for the multipart framing and the form's fields, but no more than 2 MiB of it.
    assert largest < megabytes * 1024 * 1024 <= largest + 2 * 1024 * 1024


def test_nginx_sets_the_forwarded_headers_the_settings_trust():
    conf = (DEPLOY / "nginx" / "itplan.conf").read_text()
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in conf
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in conf  # SECURE_PROXY_SSL_HEADER
    assert "proxy_set_header X-Forwarded-Host $host;" in conf


def run(*args, **kwargs) -> subprocess.CompletedProcess:
    """A program of the machine (found on PATH) with these arguments."""
    program = shutil.which(str(args[0])) or str(args[0])
    return subprocess.run(  # noqa: S603 - fixed programs and arguments
        [program, *map(str, args[1:])], capture_output=True, text=True, **kwargs
    )


@pytest.mark.skipif(not shutil.which("nginx"), reason="nginx is not installed")
def test_the_rendered_nginx_config_is_valid(tmp_path):
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
        "-subj", "/CN=127.0.0.1", "-keyout", key, "-out", cert, check=True)  # fmt: skip
    run(sys.executable, DEPLOY / "render_nginx.py", "--dir", tmp_path,
        "--port", "18443", "--http-port", "18444",
        "--upstream", "127.0.0.1:18001", "--upstream", "127.0.0.1:18002",
        "--static-root", tmp_path / "static", "--cert", cert, "--key", key, check=True)  # fmt: skip
    conf = (tmp_path / "nginx.conf").read_text()
    assert "server 127.0.0.1:18001" in conf and "server 127.0.0.1:18002" in conf
    assert "listen 127.0.0.1:18443 ssl" in conf
    assert "alias " + str(tmp_path / "static") + "/;" in conf
    errors = re.search(r"alias (\S+/errors)/;", conf)[1]  # nginx's own pages, in Vietnamese
    assert "Tệp quá lớn" in (Path(errors) / "413.html").read_text(encoding="utf-8")
    result = run("nginx", "-t", "-p", tmp_path, "-c", tmp_path / "nginx.conf",
                 "-e", tmp_path / "error.log")  # fmt: skip
    assert result.returncode == 0, result.stderr
