"""The database's part of a backup: a consistent copy (SQLite's online backup API, pg_dump)
with its migration state and rows per table, and its restore (a file moved in, pg_restore)."""

import os
import shutil
import sqlite3
import subprocess  # noqa: S404 - pg_dump/pg_restore, with argument lists, never a shell
import tempfile
from pathlib import Path

from django.apps import apps
from django.db import connection, connections, transaction
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone
from django.utils.translation import gettext as _

from .archive import BackupError

# Rows that `migrate` writes into a new database: a database holding only these is empty.
BOOKKEEPING = {"contenttypes.contenttype", "auth.permission"}


def dump(folder: Path) -> tuple[Path, dict, dict]:
    """Copy the configured database into ``folder``; return the copy, the last applied migration
    of each app and the rows of each table, all as of the moment of the copy."""
    if connection.vendor == "sqlite":
        return _sqlite_copy(folder / "db.sqlite3")
    if connection.vendor == "postgresql":
        return _pg_dump(folder / "postgresql.dump")
    raise BackupError(
        _("Chưa sao lưu được cơ sở dữ liệu %(vendor)s.") % {"vendor": connection.vendor}
    )


def load(copy: Path, *, keep_old: bool) -> None:
    """Replace the configured database by ``copy`` (from ``dump``)."""
    if connection.vendor == "sqlite":
        _restore_sqlite(copy, keep_old=keep_old)
    else:
        _restore_postgresql(copy)


def check_compatible(manifest: dict) -> None:
    """Refuse an archive of another database vendor, or of a newer version of the portal."""
    vendor = manifest["database"]["vendor"]
    if vendor != connection.vendor:
        raise BackupError(
            _(
                "Bản sao lưu chứa cơ sở dữ liệu %(archive)s, còn cổng đang dùng %(current)s. "
                "Không phục hồi gì."
            )
            % {"archive": vendor, "current": connection.vendor}
        )
    loader = MigrationLoader(None, ignore_no_migrations=True)
    for app, name in manifest["migrations"].items():
        if app in loader.migrated_apps and (app, name) not in loader.disk_migrations:
            raise BackupError(
                _(
                    "Bản sao lưu đến từ phiên bản mới hơn của cổng (migration %(migration)s chưa "
                    "có ở đây): cập nhật mã nguồn trước khi phục hồi. Không phục hồi gì."
                )
                % {"migration": f"{app}.{name}"}
            )


def filled_tables() -> list[str]:
    """The tables holding data beyond what ``migrate`` writes, as "table: rows"."""
    existing = set(connection.introspection.table_names())
    filled = []
    for model in apps.get_models():
        table = model._meta.db_table
        if model._meta.label_lower in BOOKKEEPING or table not in existing:
            continue
        count = model._base_manager.count()
        if count:
            filled.append(f"{table}: {count}")
    return filled


def pending_migrations() -> list[str]:
    """Migrations of this code that the database has not applied: ``migrate`` runs them."""
    loader = MigrationLoader(connection)
    return sorted(
        f"{app}.{name}" for app, name in set(loader.graph.nodes) - loader.applied_migrations.keys()
    )


def aside(path: Path) -> Path:
    """Where a file or folder replaced by a restore is kept."""
    return path.with_name(f"{path.name}.truoc-phuc-hoi-{timezone.localtime():%Y%m%dT%H%M%S}")


def _sqlite_copy(target: Path) -> tuple[Path, dict, dict]:
    """A consistent copy of the live database (the online backup API: other connections may
    write meanwhile), with the migration state and row counts read from the copy itself."""
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
        tables = [
            row[0]
            for row in copy.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        counts = {t: _count(copy.execute, t) for t in sorted(tables)}
        rows = copy.execute("SELECT app, name FROM django_migrations") if tables else []
        migrations = _last_per_app(rows)
    finally:
        copy.close()
    return target, migrations, counts


def _pg_dump(target: Path) -> tuple[Path, dict, dict]:
    """pg_dump of the configured database. The counts, the migration state and the dump read one
    snapshot (exported from a repeatable-read transaction), so they agree on a busy site."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]

        def execute(sql):
            cursor.execute(sql)
            return cursor.fetchall()

        tables = sorted(connection.introspection.table_names(cursor))
        counts = {t: _count(execute, t) for t in tables}
        migrations = _last_per_app(execute("SELECT app, name FROM django_migrations"))
        _run(["pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={target}"])
    return target, migrations, counts


def _count(execute, table: str) -> int:
    # The table names come from the database's own catalogue, quoted.
    rows = execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
    return list(rows)[0][0]


def _last_per_app(rows) -> dict:
    last = {}
    for app, name in rows:
        last[app] = max(last.get(app, name), name)
    return dict(sorted(last.items()))


def _restore_sqlite(copy: Path, *, keep_old: bool) -> None:
    """Move the copy in place of the configured database file by one rename; the old file (and
    its write-ahead log) is kept aside when it held data, deleted otherwise."""
    name = str(connection.settings_dict["NAME"])
    if name == ":memory:" or "mode=memory" in name:
        raise BackupError(_("Cơ sở dữ liệu SQLite trong bộ nhớ: không phục hồi vào tệp được."))
    target = Path(name)
    target.parent.mkdir(parents=True, exist_ok=True)
    connections.close_all()
    # Copied beside the database first (same file system), then moved in by one rename.
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    with os.fdopen(handle, "wb") as out, copy.open("rb") as source:
        shutil.copyfileobj(source, out)
        out.flush()
        os.fsync(out.fileno())
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(temporary, target.stat().st_mode if target.exists() else 0o666 & ~umask)
    kept = aside(target)
    # A write-ahead log belongs to the old file; left there it would be replayed into the new.
    for old in (target, *(target.with_name(target.name + s) for s in ("-wal", "-shm"))):
        if old.exists():
            if keep_old:
                old.rename(kept.with_name(kept.name + old.name.removeprefix(target.name)))
            else:
                old.unlink()
    os.replace(temporary, target)


def _restore_postgresql(dump: Path) -> None:
    """pg_restore in one transaction (it changes all or nothing), then drop the portal's tables
    the archive does not hold, so that ``migrate`` starts again from the archive's state."""
    connections.close_all()
    _run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={connection.settings_dict['NAME']}",
            str(dump),
        ]
    )
    listing = _run(["pg_restore", "--list", str(dump)])
    archived = {
        parts[5]
        for parts in (line.split() for line in listing.splitlines() if not line.startswith(";"))
        if len(parts) > 5 and parts[3] == "TABLE"
    }
    extra = set(connection.introspection.django_table_names(only_existing=True)) - archived
    with transaction.atomic(), connection.cursor() as cursor:
        for table in sorted(extra):
            cursor.execute(f"DROP TABLE IF EXISTS {connection.ops.quote_name(table)} CASCADE")


def _run(command: list[str]) -> str:
    """Run a PostgreSQL client program with the connection of settings.DATABASES; the password
    goes through PGPASSWORD, never on the command line (which `ps` shows to every user)."""
    program = command[0]
    if shutil.which(program) is None:
        raise BackupError(
            _(
                "Không tìm thấy chương trình %(program)s: cài gói postgresql-client (cùng phiên "
                "bản với máy chủ PostgreSQL) rồi chạy lại."
            )
            % {"program": program}
        )
    db = connection.settings_dict
    env = dict(os.environ)
    for variable, key in (
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGDATABASE", "NAME"),
    ):
        if db.get(key):
            env[variable] = str(db[key])
    if db.get("OPTIONS", {}).get("sslmode"):
        env["PGSSLMODE"] = db["OPTIONS"]["sslmode"]
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(
            _("%(program)s không chạy được (mã %(code)s): %(error)s")
            % {"program": program, "code": result.returncode, "error": result.stderr.strip()}
        )
    return result.stdout
