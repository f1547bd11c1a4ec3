"""Backups: one archive holding the database and every uploaded file, and the restore that
rebuilds both from it after checking every checksum (`manage.py backup`, `manage.py restore`).

An archive (``itplan-backup-2026-12-03T0700.tar.gz``, named in local time) holds::

    database/db.sqlite3        SQLite: a copy made with SQLite's online backup API
    database/postgresql.dump   PostgreSQL: pg_dump --format=custom
    media/<path>               every file under MEDIA_ROOT
    manifest.json              SHA-256 and size of every other member, the last applied migration
                               of each app, the database vendor, the creation time, rows per table

The checksums find an archive damaged on disk or in transit, or edited without its manifest;
they are not a signature (whoever can rewrite the archive can rewrite the manifest too).
"""

import os
import re
import shutil
import tarfile
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

import django
from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from projects.models import Plan
from projects.signals import data_written

from . import database
from .archive import DATABASE_MEMBERS, FORMAT, BackupError, add_file, add_manifest, extract
from .database import pending_migrations

__all__ = [
    "NAME",
    "BackupError",
    "backup_dir",
    "create",
    "pending_migrations",
    "prune",
    "restore",
    "verify",
]

NAME = re.compile(r"itplan-backup-(?P<stamp>\d{4}-\d\d-\d\dT\d{4})(?:-\d+)?\.tar\.gz")


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
        copy, migrations, tables = database.dump(Path(work))
        member = DATABASE_MEMBERS[connection.vendor]
        partial = Path(work) / "archive.tar.gz"
        with tarfile.open(partial, "w:gz") as tar:
            files = {member: add_file(tar, member, copy)}
            media = Path(settings.MEDIA_ROOT)
            for path in _media_files(media):
                name = "media/" + path.relative_to(media).as_posix()
                files[name] = add_file(tar, name, path)
            manifest = {
                "format": FORMAT,
                "created_at": timezone.localtime(now).isoformat(),
                "django": django.get_version(),
                "database": {"vendor": connection.vendor, "member": member},
                "migrations": migrations,
                "tables": tables,
                "files": files,
            }
            add_manifest(tar, manifest, int(now.timestamp()))
        os.replace(partial, target)
    return target, manifest


def verify(archive: Path) -> dict:
    """Read the whole archive and check every member against the manifest; return the manifest.
    Raises BackupError naming the member that is damaged, missing or unexpected."""
    with tempfile.TemporaryDirectory(prefix=".itplan-verify-") as work:
        return extract(archive, Path(work))


def restore(archive: Path, *, force: bool = False) -> tuple[dict, Path | None]:
    """Rebuild the configured database and MEDIA_ROOT from ``archive``; return its manifest and
    the folder the previous media were moved to (None when there were none).

    Nothing is changed unless every member matches its checksum, the archive's database is of
    the configured vendor and its migrations are known to this code, and the database is empty
    (only what ``migrate`` writes) or ``force`` is given. SQLite: the archive's file is moved in
    place of the old one, which is kept aside if it held data. PostgreSQL: ``pg_restore --clean
    --if-exists --no-owner`` in one transaction. Media: the old folder is moved aside whole."""
    media = Path(settings.MEDIA_ROOT)
    media.parent.mkdir(parents=True, exist_ok=True)
    # Staged beside MEDIA_ROOT so that the media folder is moved into place, not copied.
    staging = Path(tempfile.mkdtemp(prefix=".itplan-restore-", dir=media.parent))
    try:
        manifest = extract(archive, staging)
        database.check_compatible(manifest)
        filled = database.filled_tables()
        if filled and not force:
            raise BackupError(
                _(
                    "Cơ sở dữ liệu “%(database)s” đã có dữ liệu (%(tables)s); phục hồi sẽ thay "
                    "toàn bộ. Thêm --force nếu đó đúng là ý muốn. Không phục hồi gì."
                )
                % {"database": connection.settings_dict["NAME"], "tables": ", ".join(filled[:5])}
            )
        database.load(staging / manifest["database"]["member"], keep_old=bool(filled))
        kept = _restore_media(staging / "media", media)
        # The money summaries came with their lines in the snapshot: no plan to refresh. The
        # cached pages (outside the database where a deployment uses Redis) are stale.
        data_written.send(sender=Plan, plan_ids=set())
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return manifest, kept


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


def _free_name(folder: Path, local: datetime) -> Path:
    stem = f"itplan-backup-{local:%Y-%m-%dT%H%M}"
    target, n = folder / f"{stem}.tar.gz", 1
    while target.exists():  # two backups in one minute
        n += 1
        target = folder / f"{stem}-{n}.tar.gz"
    return target


def _media_files(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())


def _restore_media(staged: Path, media: Path) -> Path | None:
    kept = None
    if media.exists():
        if any(media.iterdir()):
            kept = database.aside(media)
            media.rename(kept)
        else:
            media.rmdir()
    if staged.is_dir():
        staged.rename(media)
    else:
        media.mkdir(parents=True)
    return kept
