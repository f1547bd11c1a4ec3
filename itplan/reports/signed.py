"""Keeping the signed copy of an issued UBND report: the staff of its province upload the PDF
signed outside the portal; it is kept only when its signatures check out
(``itplan.reports.signature``), with the verdict, who uploaded it and when. A later valid upload
replaces it; the report's history keeps the earlier one (and its file stays in storage)."""

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from itplan.models import Report
from itplan.reports.signature import Verdict, refused, verify
from projects.attachments import megabytes
from provinces.access import require_change


def keep_signed(report: Report, upload, *, by) -> Verdict:
    """Check ``upload`` (the report's PDF signed by its signer) and, when accepted, store it on
    the issued ``report`` with the verdict. Refuses (``PermissionDenied``) anyone but the
    province's staff and admins; a refused file, or any file for a draft, changes nothing (the
    verdict says why)."""
    require_change(by, report)
    limit = settings.ATTACHMENT_MAX_BYTES
    if upload.size > limit:
        return refused(
            _("Tệp lớn %(size)s MB, quá giới hạn %(limit)s MB.")
            % {"size": megabytes(upload.size), "limit": megabytes(limit)}
        )
    data = b"".join(upload.chunks())
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        if not report.issued:
            return refused(_("Chỉ báo cáo đã ban hành mới nhận bản đã ký số."))
        if not report.pdf:
            return refused(_("Tệp PDF của báo cáo đang được tạo, hãy thử lại sau."))
        with report.pdf.open("rb") as stored:
            issued = stored.read()
        verdict = verify(data, issued=issued)
        if not verdict.accepted:
            return verdict
        report.signature = verdict.as_json()
        report.signed_uploaded_by, report.signed_uploaded_at = by, timezone.now()
        name = f"{report.number.replace('/', '-')}-da-ky.pdf"
        report.signed_pdf.save(name, ContentFile(data), save=False)
        report.save(
            update_fields=["signed_pdf", "signature", "signed_uploaded_by", "signed_uploaded_at"]
        )
    return verdict
