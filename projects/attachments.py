"""Which files a progress report may carry: PDF, images and office documents, each within the size
limit, with content that really is what its extension says (a renamed .exe is refused)."""

import filetype
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from projects.archive import archive
from projects.models import Attachment, StatusUpdate
from provinces.access import can_change

# extension -> the kinds ``filetype`` may detect in the content. Office files are zip or OLE
# containers; ``filetype`` tells docx/xlsx/pptx apart by their parts.
ALLOWED = {
    "pdf": {"pdf"},
    "jpg": {"jpg"},
    "jpeg": {"jpg"},
    "png": {"png"},
    "doc": {"doc"},
    "docx": {"docx"},
    "xls": {"xls"},
    "xlsx": {"xlsx"},
    "ppt": {"ppt"},
    "pptx": {"pptx"},
    "odt": {"odt"},
    "ods": {"ods"},
}
# Old Word, Excel and PowerPoint files share one OLE container that ``filetype`` cannot always
# tell apart, so any of the three is accepted for any of them.
OLE = {"doc", "xls", "ppt"}
ACCEPT = ",".join(f".{ext}" for ext in ALLOWED)
MAX_PER_REPORT = 10


def megabytes(size: int) -> str:
    return number_format(size / 1024 / 1024, decimal_pos=1, use_l10n=True)


def check(upload) -> None:
    """``ValidationError`` naming the file and what is wrong with it: too large, an extension not
    accepted, or content that does not match the extension."""
    name, limit = upload.name, settings.ATTACHMENT_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("Tệp “%(name)s” lớn %(size)s MB, quá giới hạn %(limit)s MB.")
            % {"name": name, "size": megabytes(upload.size), "limit": megabytes(limit)}
        )
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext not in ALLOWED:
        raise ValidationError(
            _(
                "Tệp “%(name)s” không được nhận: chỉ nhận PDF, ảnh JPG/PNG, tệp Word, Excel, "
                "PowerPoint hoặc OpenDocument."
            )
            % {"name": name}
        )
    upload.seek(0)
    kind = filetype.guess(upload.read(8192))
    upload.seek(0)
    found = kind.extension if kind else None
    expected = ALLOWED[ext] | (OLE if ext in OLE else set())
    if found not in expected:
        raise ValidationError(
            _("Nội dung tệp “%(name)s” không phải là tệp .%(ext)s (tệp hỏng hoặc bị đổi đuôi).")
            % {"name": name, "ext": ext}
        )


def _require_editable(update: StatusUpdate, by) -> None:
    if not (can_change(by, update) and update.editable):
        raise PermissionDenied(
            _("Chỉ cán bộ Sở thêm, xóa tệp của báo cáo đang nháp hoặc bị trả lại.")
        )


@transaction.atomic
def replace_files(update: StatusUpdate, *, add=(), remove=(), by) -> list[Attachment]:
    """Attach ``add`` (checked uploads) to ``update`` and archive ``remove`` (its attachments),
    for staff of the report's province while it is a draft or returned; refuses
    (``PermissionDenied``) anyone else and, as ``check`` does, a file it would not take. Returns
    the new attachments."""
    _require_editable(update, by)
    for item in remove:
        if item.report_id != update.pk:
            raise PermissionDenied(_("Tệp không thuộc báo cáo này."))
        archive(item, by=by, reason=_("Xoá tệp đính kèm của báo cáo tiến độ"))
    added = []
    for upload in add:
        check(upload)
        added.append(
            Attachment.objects.create(
                report=update,
                file=upload,
                name=upload.name[-255:],
                size=upload.size,
                uploaded_by=by,
            )
        )
    return added
