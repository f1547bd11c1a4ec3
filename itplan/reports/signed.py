"""Keeping the signed copy of an issued UBND report: the staff of its province upload the PDF
signed outside the portal, or, where the server holds the department's certificate, have the
server sign it. Either way the file is kept only when its signatures check out
(``itplan.reports.signature``), with the verdict, who did it and when. A later valid copy
replaces it; the report's history keeps the earlier one (and its file stays in storage)."""

import io

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers

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
    return _keep(report, lambda issued, report: data, by=by)


def server_signing() -> bool:
    """True when the server holds a certificate to sign reports with."""
    return bool(settings.REPORT_SIGNING_PKCS12)


def sign_on_server(report: Report, *, by) -> Verdict:
    """Sign the issued ``report``'s PDF with the certificate the server holds
    (``settings.REPORT_SIGNING_PKCS12``) and keep it as its signed copy, checked as an upload
    is. Same permissions as ``keep_signed``."""
    require_change(by, report)
    if not server_signing():
        return refused(_("Máy chủ chưa được cấu hình chứng thư số để ký báo cáo."))
    passphrase = settings.REPORT_SIGNING_PKCS12_PASSPHRASE
    try:
        signer = signers.SimpleSigner.load_pkcs12(
            settings.REPORT_SIGNING_PKCS12, passphrase=passphrase.encode() or None
        )
    except (OSError, ValueError):
        signer = None
    if signer is None:  # pyHanko logs why and returns None for a wrong passphrase
        return refused(_("Không đọc được chứng thư số của máy chủ (tệp hoặc mật khẩu sai)."))

    def signed(issued: bytes, report: Report) -> bytes:
        meta = signers.PdfSignatureMetadata(field_name="ChuKySo", location=report.place)
        writer = IncrementalPdfFileWriter(io.BytesIO(issued))
        return signers.sign_pdf(writer, meta, signer=signer).getvalue()

    return _keep(report, signed, by=by)


def _keep(report: Report, make, *, by) -> Verdict:
    """Check the signed file ``make(issued PDF, report)`` gives and store it when accepted."""
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        if not report.issued:
            return refused(_("Chỉ báo cáo đã ban hành mới nhận bản đã ký số."))
        if not report.pdf:
            return refused(_("Tệp PDF của báo cáo đang được tạo, hãy thử lại sau."))
        with report.pdf.open("rb") as stored:
            issued = stored.read()
        data = make(issued, report)
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
