"""Backups, as an operator runs them: `manage.py backup` on a portal holding the seed plans and
uploaded files, the database and the media wiped, `manage.py restore`, and every table row by row
and every file byte by byte as before; a damaged archive refused with nothing changed.

The commands run in subprocesses against a temporary SQLite file (and, when DATABASE_URL names
PostgreSQL, against scratch PostgreSQL databases), exactly as `manage.py` runs on a server.
"""

import datetime
import gzip
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings

from itplan import backup
from itplan.backup import database

ROOT = settings.BASE_DIR
APPENDIX = ROOT / "tests" / "files" / "bac-lieu-2213-2011.xlsx"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"

# Uploads through the models that own them: an appendix import with its workbook, a progress
# report's attachment, a plan's source document.
UPLOADS = f"""
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from itplan.models import AppendixImport
from projects.models import Attachment, Plan, StatusUpdate

plan = Plan.objects.get(document_number="2213/QĐ-UBND")
user = User.objects.get(username="canbo.baclieu")
record = AppendixImport(plan=plan, user=user, file_name="{APPENDIX.name}", status="done",
                        projects_created=11, budget_lines=22)
record.file.save("{APPENDIX.name}", ContentFile(open("{APPENDIX}", "rb").read()))
update = StatusUpdate.objects.create(
    project=plan.projects.order_by("pk").first(), author=user, year=2014, quarter=3,
    status="in_progress", percent_complete=40, results="Đã lắp đặt thiết bị")
attachment = Attachment(report=update, name="Biên bản nghiệm thu.pdf", size={len(PDF)},
                        uploaded_by=user)
attachment.file.save("bien-ban.pdf", ContentFile({PDF!r}))
plan.source_file.save("Quyết định 2213.pdf", ContentFile({PDF!r} + b"2213"))
"""

# Every table of every model, values as tuples ordered by primary key.
ROWS = """
import json, os
from django.apps import apps
rows = {}
for model in apps.get_models():
    names = [field.attname for field in model._meta.concrete_fields]
    rows[model._meta.label] = [
        repr(row) for row in model._base_manager.order_by("pk").values_list(*names)
    ]
with open(os.environ["ROWS_OUT"], "w") as out:
    json.dump(rows, out)
"""


class Site:
    """A portal installation: its database, its MEDIA_ROOT, and manage.py run against them."""

    def __init__(self, folder: Path, database_url: str):
        self.folder, self.media = folder, folder / "media"
        self.database_url = database_url
        self.env = {
            **os.environ,
            "DJANGO_DEBUG": "1",
            "DATABASE_URL": database_url,
            "MEDIA_ROOT": str(self.media),
            "BACKUP_DIR": str(folder / "backups"),
        }

    def manage(self, *args: str, ok: bool = True) -> subprocess.CompletedProcess:
        result = subprocess.run(  # noqa: S603
            [sys.executable, str(ROOT / "manage.py"), *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        )
        if ok:
            assert result.returncode == 0, result.stderr
        return result

    def rows(self) -> dict[str, list[str]]:
        out = self.folder / f"rows-{uuid.uuid4().hex}.json"
        subprocess.run(  # noqa: S603
            [sys.executable, str(ROOT / "manage.py"), "shell", "-c", ROWS],
            cwd=ROOT,
            env={**self.env, "ROWS_OUT": str(out)},
            check=True,
            capture_output=True,
        )
        return json.loads(out.read_text())

    def files(self, media: Path | None = None) -> dict[str, bytes]:
        media = media or self.media
        return {
            path.relative_to(media).as_posix(): path.read_bytes()
            for path in sorted(media.rglob("*"))
            if path.is_file()
        }

    def sqlite_file(self) -> Path:
        return Path(self.database_url.removeprefix("sqlite:///"))


def build(site: Site) -> None:
    """The seed plans, as `make run` loads them, and the uploads."""
    site.manage("migrate", "--noinput", "-v", "0")
    site.manage("load_seed")
    site.manage("shell", "-c", UPLOADS)


@pytest.fixture(scope="module")
def original(tmp_path_factory):
    """A SQLite portal with the seed and three uploads, its rows and files, and its backup."""
    folder = tmp_path_factory.mktemp("original")
    site = Site(folder, f"sqlite:///{folder / 'db.sqlite3'}")
    build(site)
    output = site.manage("backup", "--output", str(folder / "archives")).stdout
    archive = next((folder / "archives").glob("itplan-backup-*.tar.gz"))
    return {
        "site": site,
        "rows": site.rows(),
        "files": site.files(),
        "archive": archive,
        "output": output,
    }


@pytest.fixture
def site(original, tmp_path):
    """A copy of the original portal (database file and media), for a test to damage."""
    source = original["site"]
    copy = Site(tmp_path, f"sqlite:///{tmp_path / 'db.sqlite3'}")
    shutil.copyfile(source.sqlite_file(), copy.sqlite_file())
    shutil.copytree(source.media, copy.media)
    return copy


def members(archive: Path) -> dict[str, bytes]:
    with tarfile.open(archive, "r:gz") as tar:
        return {m.name: tar.extractfile(m).read() for m in tar.getmembers()}


def write_archive(path: Path, contents: dict[str, bytes]) -> Path:
    with tarfile.open(path, "w:gz") as tar:
        for name, data in contents.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def test_the_seed_and_uploads_are_in_the_portal_before_the_drill(original):
    rows, files = original["rows"], original["files"]
    assert len(rows["projects.Plan"]) == 5
    assert len(rows["itplan.AppendixImport"]) == 1
    assert len(rows["projects.Attachment"]) == 1
    assert sorted(Path(name).parts[0] for name in files) == ["dinh-kem", "imports", "plans"]
    assert APPENDIX.read_bytes() in files.values()


def test_backup_drill_restores_every_table_row_by_row_and_every_file_byte_by_byte(original, site):
    site.sqlite_file().unlink()
    shutil.rmtree(site.media)
    site.manage("migrate", "--noinput", "-v", "0")  # a new server: an empty database
    assert len(site.rows()["projects.Plan"]) == 0

    result = site.manage("restore", str(original["archive"]))

    assert "Đã phục hồi từ" in result.stdout
    restored = site.rows()
    assert restored.keys() == original["rows"].keys()
    for model, rows in original["rows"].items():
        assert restored[model] == rows, model
    assert site.files() == original["files"]
    assert not list(site.folder.glob("*.truoc-phuc-hoi-*"))  # an empty database is not kept


def test_backup_writes_one_dated_archive_with_a_manifest_of_checksums_migrations_and_rows(
    original,
):
    archive = original["archive"]
    contents = members(archive)
    manifest = json.loads(contents.pop("manifest.json"))

    assert backup.NAME.fullmatch(archive.name)
    assert f"Đã sao lưu vào {archive}" in original["output"]
    assert manifest["database"] == {"vendor": "sqlite", "member": "database/db.sqlite3"}
    assert sorted(manifest["files"]) == sorted(contents)
    for name, data in contents.items():
        assert manifest["files"][name] == {
            "sha256": hashlib.sha256(data).hexdigest(),
            "size": len(data),
        }
    assert {"media/" + name for name in original["files"]} == set(contents) - {
        "database/db.sqlite3"
    }
    assert manifest["tables"]["projects_plan"] == 5
    assert manifest["tables"]["projects_attachment"] == 1
    assert (
        manifest["migrations"]["projects"]
        == sorted(p.stem for p in (ROOT / "projects" / "migrations").glob("0*.py"))[-1]
    )
    assert datetime.datetime.fromisoformat(
        manifest["created_at"]
    ).utcoffset() == datetime.timedelta(hours=7)


def assert_refused(site, archive, original, *, says: str):
    result = site.manage("restore", "--force", str(archive), ok=False)
    assert result.returncode != 0
    assert says in result.stderr
    assert "Không phục hồi gì" in result.stderr
    assert site.rows() == original["rows"]
    assert site.files() == original["files"]
    assert not list(site.folder.glob("*.truoc-phuc-hoi-*"))
    return result


def test_restore_refuses_a_member_changed_by_one_byte_and_names_it(original, site, tmp_path):
    contents = members(original["archive"])
    name = next(n for n in contents if n.startswith("media/dinh-kem/"))
    data = bytearray(contents[name])
    data[10] ^= 0x01
    contents[name] = bytes(data)
    damaged = write_archive(tmp_path / "itplan-backup-2026-12-03T0700.tar.gz", contents)

    assert_refused(site, damaged, original, says=f"mục “{name}” sai mã kiểm tra SHA-256")


def test_restore_refuses_an_archive_with_a_member_dropped_and_names_it(original, site, tmp_path):
    contents = members(original["archive"])
    name = next(n for n in contents if n.startswith("media/imports/"))
    del contents[name]
    damaged = write_archive(tmp_path / "itplan-backup-2026-12-03T0700.tar.gz", contents)

    assert_refused(site, damaged, original, says=f"thiếu mục “{name}”")


def test_restore_refuses_an_archive_with_the_database_swapped(original, site, tmp_path):
    contents = members(original["archive"])
    empty = tmp_path / "empty.sqlite3"
    Site(tmp_path, f"sqlite:///{empty}").manage("migrate", "--noinput", "-v", "0")
    contents["database/db.sqlite3"] = empty.read_bytes()
    damaged = write_archive(tmp_path / "itplan-backup-2026-12-03T0700.tar.gz", contents)

    assert_refused(site, damaged, original, says="mục “database/db.sqlite3” sai mã kiểm tra")


def test_restore_refuses_a_truncated_archive(original, site, tmp_path):
    data = original["archive"].read_bytes()
    truncated = tmp_path / "itplan-backup-2026-12-03T0700.tar.gz"
    truncated.write_bytes(data[: len(data) * 2 // 3])

    assert_refused(site, truncated, original, says="bị hỏng hoặc không trọn vẹn")


def test_restore_refuses_an_archive_with_a_byte_flipped_on_disk(original, site, tmp_path):
    data = bytearray(original["archive"].read_bytes())
    data[len(data) // 2] ^= 0x40
    flipped = tmp_path / "itplan-backup-2026-12-03T0700.tar.gz"
    flipped.write_bytes(bytes(data))

    result = assert_refused(site, flipped, original, says=str(flipped))
    assert "hỏng" in result.stderr


def test_restore_check_reads_the_archive_and_changes_nothing(original, site, tmp_path):
    result = site.manage("restore", "--check", str(original["archive"]))
    assert "nguyên vẹn" in result.stdout
    assert "4 mục đúng mã SHA-256" in result.stdout  # the database and three uploads

    data = original["archive"].read_bytes()
    truncated = tmp_path / "cut.tar.gz"
    truncated.write_bytes(data[:-100])
    refused = site.manage("restore", "--check", str(truncated), ok=False)
    assert refused.returncode != 0
    assert "không trọn vẹn" in refused.stderr


def test_restore_over_a_database_holding_data_needs_force(original, site):
    site.manage("shell", "-c", "from projects.models import Plan; Plan.objects.all().delete()")
    (site.media / "them.txt").write_bytes(b"added after the backup")
    before_rows, before_files = site.rows(), site.files()

    refused = site.manage("restore", str(original["archive"]), ok=False)

    assert refused.returncode != 0
    assert "đã có dữ liệu (auth_user: 9" in refused.stderr
    assert "Thêm --force" in refused.stderr
    assert site.rows() == before_rows
    assert site.files() == before_files

    forced = site.manage("restore", "--force", str(original["archive"]))

    assert site.rows() == original["rows"]
    assert site.files() == original["files"]
    aside = next(site.folder.glob("media.truoc-phuc-hoi-*"))
    assert f"chuyển sang {aside}" in forced.stdout
    assert site.files(aside) == before_files
    old_database = next(site.folder.glob("db.sqlite3.truoc-phuc-hoi-*"))
    kept = Site(site.folder, f"sqlite:///{old_database}")
    assert len(kept.rows()["projects.Plan"]) == 0  # the database replaced, kept aside


def test_restore_refuses_an_archive_of_another_database_vendor(original, site, tmp_path):
    contents = members(original["archive"])
    manifest = json.loads(contents["manifest.json"])
    dump = contents.pop("database/db.sqlite3")
    contents["database/postgresql.dump"] = dump
    manifest["files"]["database/postgresql.dump"] = manifest["files"].pop("database/db.sqlite3")
    manifest["database"] = {"vendor": "postgresql", "member": "database/postgresql.dump"}
    contents["manifest.json"] = json.dumps(manifest).encode()
    other = write_archive(tmp_path / "itplan-backup-2026-12-03T0700.tar.gz", contents)

    assert_refused(
        site, other, original, says="cơ sở dữ liệu postgresql, còn cổng đang dùng sqlite"
    )


def test_restore_refuses_an_archive_from_a_newer_version_of_the_portal(original, site, tmp_path):
    contents = members(original["archive"])
    manifest = json.loads(contents["manifest.json"])
    manifest["migrations"]["projects"] = "9999_from_the_future"
    contents["manifest.json"] = json.dumps(manifest).encode()
    newer = write_archive(tmp_path / "itplan-backup-2026-12-03T0700.tar.gz", contents)

    assert_refused(site, newer, original, says="migration projects.9999_from_the_future chưa có")


def test_backup_keep_removes_only_its_own_archives_older_than_the_days(tmp_path):
    names = [
        "itplan-backup-2026-11-25T2359.tar.gz",  # 8 days before
        "itplan-backup-2026-11-26T0130.tar.gz",  # 7 days before (at an earlier hour)
        "itplan-backup-2026-11-26T0130-2.tar.gz",
        "itplan-backup-2026-12-03T0130.tar.gz",
        "itplan-backup-2020-01-01T0130.tar.gz.partial",
        "ghi-chu-2020-01-01.txt",
    ]
    for name in names:
        (tmp_path / name).write_bytes(b"x")
    now = datetime.datetime(2026, 12, 3, 2, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))

    removed = backup.prune(tmp_path, keep_days=7, now=now)

    assert [p.name for p in removed] == ["itplan-backup-2026-11-25T2359.tar.gz"]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(names[1:])


def test_backup_command_keep_deletes_old_archives_after_a_good_backup(original, site, tmp_path):
    folder = tmp_path / "archives"
    folder.mkdir()
    (folder / "itplan-backup-2001-01-01T0130.tar.gz").write_bytes(b"old")
    (folder / "notes.txt").write_bytes(b"operator's")

    result = site.manage("backup", "--output", str(folder), "--keep", "30")

    assert "Đã xóa bản sao lưu cũ" in result.stdout
    left = sorted(p.name for p in folder.iterdir())
    assert len(left) == 2
    assert left[1] == "notes.txt"
    assert backup.NAME.fullmatch(left[0])
    assert site.manage("restore", "--check", str(folder / left[0])).returncode == 0


def test_restore_of_a_missing_archive_says_so(site):
    result = site.manage("restore", "/khong/co/tep.tar.gz", ok=False)
    assert result.returncode != 0
    assert "Không có tệp sao lưu “/khong/co/tep.tar.gz”" in result.stderr


# PostgreSQL: CI runs the suite again with DATABASE_URL=postgres://…


@pytest.fixture
def postgresql_sites(tmp_path):
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.skip(
            "DATABASE_URL không trỏ tới PostgreSQL: bài sao lưu PostgreSQL chạy ở lượt CI đó."
        )
    for program in ("pg_dump", "pg_restore", "psql"):
        if shutil.which(program) is None:
            pytest.skip(f"Không có {program} (gói postgresql-client) trên máy này.")
    server = url.rsplit("/", 1)[0]
    names = [f"itplan_backup_{kind}_{os.getpid()}" for kind in ("source", "target")]

    def psql(sql):
        subprocess.run(  # noqa: S603
            ["psql", f"{server}/postgres", "-q", "-c", sql],  # noqa: S607
            check=True,
            capture_output=True,
        )

    for name in names:
        psql(f"DROP DATABASE IF EXISTS {name}")
        psql(f"CREATE DATABASE {name}")
    yield [Site(tmp_path / name, f"{server}/{name}") for name in names]
    for name in names:
        psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def test_postgresql_backup_drill_restores_every_row_and_file(postgresql_sites):
    source, target = postgresql_sites
    for site in (source, target):
        site.folder.mkdir()
    build(source)
    rows, files = source.rows(), source.files()
    source.manage("backup", "--output", str(source.folder / "archives"))
    archive = next((source.folder / "archives").glob("itplan-backup-*.tar.gz"))
    manifest = json.loads(members(archive)["manifest.json"])
    assert manifest["database"] == {"vendor": "postgresql", "member": "database/postgresql.dump"}
    assert manifest["tables"]["projects_plan"] == 5

    target.manage("migrate", "--noinput", "-v", "0")  # a new server: an empty database
    target.manage("restore", str(archive))

    assert target.rows() == rows
    assert target.files() == files

    target.manage("shell", "-c", "from projects.models import Plan; Plan.objects.all().delete()")
    refused = target.manage("restore", str(archive), ok=False)
    assert "Thêm --force" in refused.stderr
    assert len(target.rows()["projects.Plan"]) == 0

    target.manage("restore", "--force", str(archive))
    assert target.rows() == rows


def test_backup_archive_member_damage_in_gzip_trailer_is_refused(original, site, tmp_path):
    data = bytearray(original["archive"].read_bytes())
    data[-5] ^= 0xFF  # the gzip trailer: CRC-32 and length of the whole stream
    damaged = tmp_path / "itplan-backup-2026-12-03T0700.tar.gz"
    damaged.write_bytes(bytes(data))
    with pytest.raises(gzip.BadGzipFile):
        gzip.decompress(bytes(data))

    assert_refused(site, damaged, original, says="bị hỏng hoặc không trọn vẹn")


def test_a_missing_pg_dump_is_named_in_vietnamese(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda program: None)

    with pytest.raises(backup.BackupError) as refused:
        database._run(["pg_dump", "--format=custom"])

    assert str(refused.value) == (
        "Không tìm thấy chương trình pg_dump: cài gói postgresql-client (cùng phiên bản với máy "
        "chủ PostgreSQL) rồi chạy lại."
    )
