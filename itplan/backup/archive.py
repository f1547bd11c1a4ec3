"""The archive file: members written with their SHA-256, and read back only as far as every
member matches the manifest."""

import gzip
import hashlib
import io
import json
import shutil
import tarfile
import zlib
from pathlib import Path, PurePosixPath

from django.utils.translation import gettext as _

FORMAT = "itplan-backup/1"
MANIFEST = "manifest.json"
DATABASE_MEMBERS = {"sqlite": "database/db.sqlite3", "postgresql": "database/postgresql.dump"}


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and where, in Vietnamese."""


class _Hashing:
    """A file read through: the SHA-256 of what was copied, computed on the way."""

    def __init__(self, raw):
        self.raw, self.sha256 = raw, hashlib.sha256()

    def read(self, size=-1):
        data = self.raw.read(size)
        self.sha256.update(data)
        return data


def add_file(tar: tarfile.TarFile, name: str, path: Path) -> dict:
    """Add ``path`` as member ``name``; return its manifest entry (SHA-256 and size)."""
    info = tar.gettarinfo(path, arcname=name)
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    with path.open("rb") as raw:
        reader = _Hashing(raw)
        tar.addfile(info, reader)
    return {"sha256": reader.sha256.hexdigest(), "size": info.size}


def add_manifest(tar: tarfile.TarFile, manifest: dict, mtime: int) -> None:
    """Add the manifest, the last member (it holds the checksums of all the others)."""
    data = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True).encode()
    info = tarfile.TarInfo(MANIFEST)
    info.size, info.mtime = len(data), mtime
    tar.addfile(info, io.BytesIO(data))


def extract(archive: Path, into: Path) -> dict:
    """Extract the archive's members into ``into`` while hashing them, then compare with the
    manifest (so what is checked is exactly what was extracted); return the manifest. Raises
    BackupError naming the member that is damaged, missing, doubled or unexpected."""
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
            # Read to the end, so that gzip checks the CRC and length of the whole stream.
            current = None
            while tar.fileobj.read(1 << 20):
                pass
    except (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile) as error:
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
    if manifest["database"]["member"] not in found:
        raise _refused(archive, _("thiếu mục “%(member)s”"), manifest["database"]["member"])
    return manifest


def _read_manifest(archive: Path, data: bytes) -> dict:
    try:
        manifest = json.loads(data)
        database = manifest["database"]
        ok = (
            manifest["format"] == FORMAT
            and isinstance(manifest["files"], dict)
            and database["member"] == DATABASE_MEMBERS[database["vendor"]]
        )
    except (ValueError, KeyError, TypeError):
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
    """Only the members a backup writes: no absolute path, no "..", nothing outside media/."""
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts:
        return False
    if path.parts[0] == "media":
        return len(path.parts) > 1
    return name in DATABASE_MEMBERS.values()
