"""A UBND report as a document: its header and narrative defaults, its content (live for a draft,
frozen for an issued report), and issuing it."""

import datetime
import logging
import re

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from itplan.models import Report
from itplan.reports.content import ReportError, build
from itplan.reports.period import Period
from itplan.reports.render import html, pdf
from itplan.reports.workbook import xlsx
from provinces import access

logger = logging.getLogger(__name__)

ISSUING_BODY = "SỞ KHOA HỌC VÀ CÔNG NGHỆ"  # the IT department's home since the 2025 merger
NUMBER = re.compile(r"^\d+/\S+$")
FILES = {  # format: (renderer, content type)
    "pdf": (pdf, "application/pdf"),
    "xlsx": (xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "html": (lambda report, data: html(report, data).encode(), "text/html; charset=utf-8"),
}


def new_report(*, params: dict, period: Period, user, today: datetime.date) -> tuple[Report, dict]:
    """An unsaved draft with the header, summary, signature and narrative a clerk would write
    for this scope and period, and its content. Raises ``ReportError`` for a scope outside the
    user's."""
    data = build(params=params, period=period, user=user, today=today)
    scope = data["scope"]
    province = scope["province"]  # its name; "" for a national report
    if scope["plan"]:
        plan = scope["plan"]
        subject = _("Kết quả thực hiện %(title)s (%(number)s)") % {
            "title": plan["title"],
            "number": plan["number"],
        }
        if period.year:  # the whole period is in the plan's title already
            subject += f", {data['period']['label']}"
    elif province:
        subject = _(
            "Kết quả thực hiện các kế hoạch ứng dụng công nghệ thông tin tỉnh %(province)s, "
            "%(period)s"
        ) % {"province": province, "period": data["period"]["label"]}
    else:
        subject = _("Kết quả thực hiện các kế hoạch ứng dụng công nghệ thông tin, %(period)s") % {
            "period": data["period"]["label"]
        }
    report = Report(
        province_id=scope["province_id"],
        params=params,
        period=period.code,
        parent_body=_("UBND TỈNH %(name)s") % {"name": province.upper()} if province else "",
        issuing_body=ISSUING_BODY,
        number="",
        place=province or _("Hà Nội"),
        issue_date=today,
        summary=subject,
        recipient=_("Ủy ban nhân dân tỉnh %(name)s") % {"name": province} if province else "",
        difficulties=data["difficulties"] or _none_reported(scope, _("khó khăn, vướng mắc")),
        proposals=data["proposals"] or _none_reported(scope, _("kiến nghị, đề xuất")),
        signer_title=_("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"),
        signer_name="",
        recipients=_("- Như trên;\n- Lãnh đạo Sở;\n- Lưu: VT."),
        created_by=user if user.pk else None,
    )
    return report, data


def _none_reported(scope: dict, what: str) -> str:
    if scope["national"]:
        return _("Xem %(what)s trong báo cáo của từng tỉnh, thành phố.") % {"what": what}
    return _("Các báo cáo tiến độ đã duyệt trong kỳ không nêu %(what)s.") % {"what": what}


def content(report: Report, user, today: datetime.date) -> dict:
    """What the report shows: as issued, or for a draft the data as it is now."""
    if report.issued:
        return report.data
    return build(params=report.params, period=Period.parse(report.period), user=user, today=today)


def as_file(report: Report, data: dict, fmt: str) -> tuple[bytes, str]:
    """The report as a ``fmt`` file ("pdf", "xlsx", "html") and its content type."""
    render, content_type = FILES[fmt]
    return render(report, data), content_type


def issue(report: Report, *, user, number: str) -> Report:
    """Give the draft its number (its date is the one the clerk wrote) and freeze it: its
    content is stored, so later changes to the data do not change the issued report; its PDF
    is printed from that content in the background once the issue is committed
    (``tasks.make_pdf``). Raises ``ReportError``."""
    number = number.strip()
    if not NUMBER.match(number):
        raise ReportError(
            _("Số, ký hiệu “%(number)s” chưa đúng: ghi số rồi ký hiệu, ví dụ 15/BC-SKHCN.")
            % {"number": number}
        )
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        if report.issued:
            raise ReportError(_("Báo cáo này đã ban hành, không ban hành lại được."))
        taken = Report.objects.filter(
            province=report.province, number=number, state=Report.State.ISSUED
        )
        if taken.exists():
            raise ReportError(
                _("Số %(number)s đã dùng cho một báo cáo đã ban hành khác.") % {"number": number}
            )
        report.number = number
        report.data = content(report, user, timezone.localdate())
        report.state = Report.State.ISSUED
        report.issued_by, report.issued_at = user, timezone.now()
        report.pdf_error = ""
        report.save()
        _print_after_commit(report.pk)
    return report


def remake_pdf(report: Report, *, user) -> Report:
    """Print again the PDF of an issued report whose PDF could not be made (the reason is on
    its page), in the background. Staff of the report's province only (``can_change``);
    raises ``ReportError`` for a draft or a report whose PDF is there."""
    access.require_change(user, report)
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        if not report.issued or report.pdf:
            raise ReportError(_("Báo cáo này không cần tạo lại tệp PDF."))
        report.pdf_error = ""
        report.save(update_fields=["pdf_error"])
        _print_after_commit(report.pk)
    return report


def pdf_state(report: Report) -> str:
    """Where the report's PDF stands: "draft" (printed on demand), "ready" (stored), "failed"
    (the reason in ``pdf_error``) or "pending" (being printed in the background)."""
    if not report.issued:
        return "draft"
    if report.pdf:
        return "ready"
    return "failed" if report.pdf_error else "pending"


def _print_after_commit(report_id: int) -> None:
    # Enqueued only once the report is committed as issued, so the worker reads it as such; a
    # queue that refuses the task leaves the reason on the report, and staff may try again.
    def enqueue():
        from itplan.reports.tasks import make_pdf

        try:
            make_pdf.enqueue(report_id)
        except Exception as error:
            logger.exception("Report %s: its PDF could not be queued", report_id)
            Report.objects.filter(pk=report_id).update(pdf_error=_reason(error))

    transaction.on_commit(enqueue)


def _reason(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"[:1000]


def store_pdf(report_id: int) -> bool:
    """Print issued report ``report_id`` from its frozen content and store the file; on a
    failure keep the reason in ``pdf_error`` instead. True when the PDF was stored; a report
    that is gone, not issued, or has its PDF already is left alone (a task run twice)."""
    report = Report.objects.filter(pk=report_id, state=Report.State.ISSUED).first()
    if report is None or report.pdf:
        return False
    try:
        document = pdf(report, report.data)
    except Exception as error:
        logger.exception("Report %s: its PDF could not be printed", report_id)
        report.pdf_error = _reason(error)
        report.save(update_fields=["pdf_error"])
        return False
    name = f"{report.number.replace('/', '-')}.pdf"
    report.pdf.save(name, ContentFile(document), save=False)
    report.pdf_error = ""
    report.save(update_fields=["pdf", "pdf_error"])
    return True
