"""Backups: one archive holding the database and every uploaded file, and the restore that
rebuilds both from it after checking every checksum.

An archive (``itplan-backup-2026-12-03T0700.tar.gz``) holds::

    database/db.sqlite3        SQLite: a copy made with SQLite's online backup API
    database/postgresql.dump   PostgreSQL: pg_dump --format=custom
    media/<path>               every file under MEDIA_ROOT
    manifest.json              SHA-256 and size of every other member, the last applied migration
                               of each app, the database vendor, the creation time, rows per table

The checksums find an archive damaged on disk or in transit, or edited without its manifest;
they are not a signature (whoever can rewrite the archive can rewrite the manifest too).
"""

import gzip
import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess  # noqa: S404 - pg_dump/pg_restore, with argument lists, never a shell
import tarfile
import tempfile
import zlib
from datetime import date, datetime, timedelta
from pathlib import Path, PurePosixPath

import django
from django.apps import apps
from django.conf import settings
from django.db import connection, connections, transaction
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT = "itplan-backup/1"
MANIFEST = "manifest.json"
SQLITE_MEMBER = "database/db.sqlite3"
POSTGRESQL_MEMBER = "database/postgresql.dump"
DATABASE_MEMBERS = {"sqlite": SQLITE_MEMBER, "postgresql": POSTGRESQL_MEMBER}
NAME = re.compile(r"itplan-backup-(?P<stamp>\d{4}-\d\d-\d\dT\d{4})(?:-\d+)?\.tar\.gz")
# Rows that `migrate` writes into a new database: a database holding only these is empty.
BOOKKEEPING = {"contenttypes.contenttype", "auth.permission"}


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and where, in Vietnamese."""


def backup_dir() -> Path:
    """The folder archives go to when no other is given (setting BACKUP_DIR)."""
    return Path(settings.BACKUP_DIR)


def create(*, output_dir: Path, now: datetime | None = None) -> tuple[Path, dict]:
    """Write one archive of the database and of MEDIA_ROOT into ``output_dir``; return its path
    and manifest. The archive is assembled under a temporary name and renamed once complete,
    so a backup cut short never leaves a file that looks like an archive."""
    now = now or timezone.now()
    output_dir.mkdir(parents=True, exist_ok=True)
    target = _free_name(output_dir, timezone.localtime(now))
    with tempfile.TemporaryDirectory(dir=output_dir, prefix=".itplan-backup-") as work:
        work = Path(work)
        if connection.vendor == "sqlite":
            dump, migrations, tables = _sqlite_copy(work / "db.sqlite3")
        elif connection.vendor == "postgresql":
            dump, migrations, tables = _pg_dump(work / "postgresql.dump")
        else:
            raise BackupError(
                _("Chưa sao lưu được cơ sở dữ liệu %(vendor)s.") % {"vendor": connection.vendor}
            )
        member = DATABASE_MEMBERS[connection.vendor]
        partial = work / "archive.tar.gz"
        files = {}
        with tarfile.open(partial, "w:gz") as tar:
            files[member] = _add(tar, member, dump)
            media = Path(settings.MEDIA_ROOT)
            for path in _media_files(media):
                name = "media/" + path.relative_to(media).as_posix()
                files[name] = _add(tar, name, path)
            manifest = {
                "format": FORMAT,
                "created_at": timezone.localtime(now).isoformat(),
                "django": django.get_version(),
                "database": {"vendor": connection.vendor, "member": member},
                "migrations": migrations,
                "tables": tables,
                "files": files,
            }
            data = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime = len(data), int(now.timestamp())
            tar.addfile(info, io.BytesIO(data))
        os.replace(partial, target)
    return target, manifest


def verify(archive: Path) -> dict:
    """Read the whole archive and check every member against the manifest; return the manifest.
    Raises BackupError naming the member that is damaged, missing or unexpected."""
    with tempfile.TemporaryDirectory(prefix=".itplan-verify-") as work:
        return _extract(archive, Path(work))


def restore(archive: Path, *, force: bool = False) -> tuple[dict, Path | None]:
    """Rebuild the configured database and MEDIA_ROOT from ``archive``; return its manifest and
    the folder the previous media were moved to (None when there were none).

    Nothing is changed unless every member matches its checksum, the archive's database is of
    the configured vendor and its migrations are known to this code, and the database is empty
    (only what ``migrate`` writes) or ``force`` is given. SQLite: the old database file is moved
    aside and the archive's copy moved in. PostgreSQL: ``pg_restore --clean --if-exists
    --no-owner`` in one transaction, then tables the archive does not hold are dropped, so that a
    later ``migrate`` starts from the archive's state. Media: the old folder is moved aside."""
    media = Path(settings.MEDIA_ROOT)
    media.parent.mkdir(parents=True, exist_ok=True)
    # Staged beside MEDIA_ROOT so that the media folder is moved into place, not copied.
    staging = Path(tempfile.mkdtemp(prefix=".itplan-restore-", dir=media.parent))
    try:
        manifest = _extract(archive, staging)
        _check_compatible(manifest)
        filled = _filled_tables()
        if filled and not force:
            raise BackupError(
                _(
                    "Cơ sở dữ liệu “%(database)s” đã có dữ liệu (%(tables)s); phục hồi sẽ thay "
                    "toàn bộ. Thêm --force nếu đó đúng là ý muốn. Không phục hồi gì."
                )
                % {"database": connection.settings_dict["NAME"], "tables": ", ".join(filled[:5])}
            )
        dump = staging / manifest["database"]["member"]
        if connection.vendor == "sqlite":
            _restore_sqlite(dump, keep_old=bool(filled))
        else:
            _restore_postgresql(dump)
        aside = _restore_media(staging / "media", media)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return manifest, aside


def prune(folder: Path, *, keep_days: int, now: datetime) -> list[Path]:
    """Delete the archives in ``folder`` dated (by their name, in local time) more than
    ``keep_days`` calendar days before ``now``'s date; return them. A daily backup with
    ``keep_days=7`` keeps today's archive and those of the 7 days before, whatever the minute
    cron started it. Files not named as this module names archives are left alone."""
    oldest = timezone.localtime(now).date() - timedelta(days=keep_days)
    removed = []
    for path in sorted(folder.glob("itplan-backup-*.tar.gz")):
        match = NAME.fullmatch(path.name)
        if match and date.fromisoformat(match["stamp"][:10]) < oldest:
            path.unlink()
            removed.append(path)
    return removed


def pending_migrations() -> list[str]:
    """Migrations of this code that the (restored) database has not applied: ``migrate`` next."""
    loader = MigrationLoader(connection)
    return sorted(
        f"{app}.{name}" for app, name in set(loader.graph.nodes) - loader.applied_migrations.keys()
    )


# Backup


def _free_name(folder: Path, local: datetime) -> Path:
    stem = f"itplan-backup-{local:%Y-%m-%dT%H%M}"
    target, n = folder / f"{stem}.tar.gz", 1
    while target.exists():  # two backups in one minute
        n += 1
        target = folder / f"{stem}-{n}.tar.gz"
    return target


def _sqlite_copy(target: Path) -> tuple[Path, dict, dict]:
    """A consistent copy of the live SQLite database (the online backup API: other connections
    may write meanwhile), with the migration state and row counts read from the copy itself."""
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
    """pg_dump of the configured database. The counts, the migration state and the dump all read
    one snapshot (exported from a repeatable-read transaction), so they agree on a busy site."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]

        def execute(sql):
            cursor.execute(sql)
            return cursor.fetchall()

        counts = {
            t: _count(execute, t) for t in sorted(connection.introspection.table_names(cursor))
        }
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


def _media_files(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())


class _Hashing:
    """A file read through: the SHA-256 of what tarfile copied, computed on the way."""

    def __init__(self, raw):
        self.raw, self.sha256 = raw, hashlib.sha256()

    def read(self, size=-1):
        data = self.raw.read(size)
        self.sha256.update(data)
        return data


def _add(tar: tarfile.TarFile, name: str, path: Path) -> dict:
    info = tar.gettarinfo(path, arcname=name)
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    with path.open("rb") as raw:
        reader = _Hashing(raw)
        tar.addfile(info, reader)
    return {"sha256": reader.sha256.hexdigest(), "size": info.size}


# Restore


def _extract(archive: Path, into: Path) -> dict:
    """Extract the archive's members into ``into`` while hashing them, then compare with the
    manifest: what is checked is exactly what was extracted."""
    if not archive.is_file():
        raise BackupError(_("Không có tệp sao lưu “%(archive)s”.") % {"archive": archive})
    found, manifest, current = {}, None, None
    try:
        with tarfile.open(archive, "r:gz") as tar:
            for member in tar:
                current = member.name
                if member.name in found or (member.name == MANIFEST and manifest is not None):
                    raise _refused(archive, _("mục “%(member)s” có hai lần"), member.name)
                if member.name == MANIFEST:
                    manifest = _read_manifest(archive, tar.extractfile(member).read())
                    continue
                if not member.isfile() or not _safe(member.name):
                    raise _refused(archive, _("có mục lạ “%(member)s”"), member.name)
                target = into / member.name
                target.parent.mkdir(parents=True, exist_ok=True)
                with tar.extractfile(member) as source, target.open("wb") as out:
                    reader = _Hashing(source)
                    shutil.copyfileobj(reader, out)
                found[member.name] = reader.sha256.hexdigest()
            # Read to the end, so that gzip checks its own CRC and length of the whole file.
            current = None
            while tar.fileobj.read(1 << 20):
                pass
    except (tarfile.TarError, EOFError, zlib.error, OSError) as error:
        if isinstance(error, OSError) and not _is_read_error(error):
            raise
        where = _(" (hỏng từ mục “%(member)s”)") % {"member": current} if current else ""
        raise BackupError(
            _(
                "Tệp sao lưu “%(archive)s” bị hỏng hoặc không trọn vẹn%(where)s: %(error)s. "
                "Không phục hồi gì."
            )
            % {"archive": archive, "where": where, "error": error}
        ) from error
    if manifest is None:
        raise _refused(archive, _("thiếu mục “%(member)s”"), MANIFEST)
    for name, expected in manifest["files"].items():
        if name not in found:
            raise _refused(archive, _("thiếu mục “%(member)s”"), name)
        if found[name] != expected["sha256"]:
            raise _refused(
                archive, _("mục “%(member)s” sai mã kiểm tra SHA-256 (đã bị sửa hoặc hỏng)"), name
            )
    for name in found:
        if name not in manifest["files"]:
            raise _refused(archive, _("có mục “%(member)s” không ghi trong manifest"), name)
    if manifest["database"].get("member") not in found:
        raise _refused(archive, _("thiếu mục “%(member)s”"), manifest["database"].get("member"))
    return manifest


def _is_read_error(error: OSError) -> bool:
    # gzip reports a damaged stream as BadGzipFile, an OSError; a full disk is not a bad archive.
    return isinstance(error, gzip.BadGzipFile)


def _read_manifest(archive: Path, data: bytes) -> dict:
    try:
        manifest = json.loads(data)
        ok = manifest.get("format") == FORMAT and isinstance(manifest.get("files"), dict)
        ok = (
            ok
            and manifest["database"]["member"] == DATABASE_MEMBERS[manifest["database"]["vendor"]]
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        ok = False
    if not ok:
        raise _refused(archive, _("mục “%(member)s” không đọc được"), MANIFEST)
    return manifest


def _refused(archive: Path, problem: str, member: str) -> BackupError:
    return BackupError(
        _("Tệp sao lưu “%(archive)s” %(problem)s. Không phục hồi gì.")
        % {"archive": archive, "problem": problem % {"member": member}}
    )


def _safe(name: str) -> bool:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or "" in path.parts:
        return False
    if path.parts[0] == "media":
        return len(path.parts) > 1
    return name in DATABASE_MEMBERS.values()


def _check_compatible(manifest: dict) -> None:
    vendor = manifest["database"]["vendor"]
    if vendor != connection.vendor:
        raise BackupError(
            _(
                "Bản sao lưu chứa cơ sở dữ liệu %(archive)s, còn cổng đang dùng %(current)s: "
                "không phục hồi được. Không phục hồi gì."
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


def _filled_tables() -> list[str]:
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


def _aside(path: Path) -> Path:
    return path.with_name(f"{path.name}.truoc-phuc-hoi-{timezone.localtime():%Y%m%dT%H%M%S}")


def _restore_sqlite(copy: Path, *, keep_old: bool) -> None:
    """Move the archive's database file in place of the configured one, by one rename; the old
    file (and its write-ahead log) is kept aside when it held data, deleted otherwise."""
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
    aside = _aside(target)
    # A write-ahead log belongs to the old file; left there it would be replayed into the new.
    for old in (target, *(target.with_name(target.name + s) for s in ("-wal", "-shm"))):
        if old.exists():
            if keep_old:
                old.rename(aside.with_name(aside.name + old.name.removeprefix(target.name)))
            else:
                old.unlink()
    os.replace(temporary, target)


def _restore_postgresql(dump: Path) -> None:
    database = connection.settings_dict["NAME"]
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
            f"--dbname={database}",
            str(dump),
        ]
    )
    listing = _run(["pg_restore", "--list", str(dump)])
    archived = {
        parts[5]
        for parts in (line.split() for line in listing.splitlines() if not line.startswith(";"))
        if len(parts) > 5 and parts[3] == "TABLE"
    }
    extra = set(connection.introspection.table_names()) - archived
    with transaction.atomic(), connection.cursor() as cursor:
        for table in sorted(extra):
            cursor.execute(f"DROP TABLE IF EXISTS {connection.ops.quote_name(table)} CASCADE")


def _restore_media(staged: Path, media: Path) -> Path | None:
    aside = None
    if media.exists():
        if any(media.iterdir()):
            aside = _aside(media)
            media.rename(aside)
        else:
            media.rmdir()
    if staged.is_dir():
        staged.rename(media)
    else:
        media.mkdir(parents=True)
    return aside


def _run(command: list[str]) -> str:
    """Run a PostgreSQL client program with the connection taken from settings.DATABASES; the
    password goes through PGPASSWORD, never the command line (which `ps` shows)."""
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
