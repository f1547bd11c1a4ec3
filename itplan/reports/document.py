"""A UBND report as a document: its header and narrative defaults, its content (live for a draft,
frozen for an issued report), and issuing it."""

import datetime
import logging
import re
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from budgets.money import in_unit
from itplan.models import Report
from itplan.reports.content import ReportError, build
from itplan.reports.heading import heading
from itplan.reports.period import Period
from itplan.reports.render import html, pdf
from itplan.reports.word import docx
from itplan.reports.workbook import xlsx
from itplan.templatetags.portal import dmy, percent
from projects.models import Project
from provinces import access
from provinces.models import Province
from provinces.succession import governing, named_on

logger = logging.getLogger(__name__)

NUMBER = re.compile(r"^\d+/\S+$")
FILES = {  # format: (renderer, content type)
    "pdf": (pdf, "application/pdf"),
    "xlsx": (xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "docx": (docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "html": (lambda report, data: html(report, data).encode(), "text/html; charset=utf-8"),
}


def new_report(*, params: dict, period: Period, user, today: datetime.date) -> tuple[Report, dict]:
    """An unsaved draft with the header, summary, signature and narrative a clerk would write
    for this scope and period, and its content. Raises ``ReportError`` for a scope outside the
    user's.

    The header is the issuer's on ``today``: a plan of Bạc Liêu (merged into Cà Mau on
    01/07/2025) is reported on today by Cà Mau's People's Committee and its Sở Khoa học và Công
    nghệ, and the subject says whose plan it was; the province's letterhead, when set, says the
    rest (``letterhead``)."""
    data = build(params=params, period=period, user=user, today=today)
    scope = data["scope"]
    covered, letterhead = None, None
    if scope["province_id"]:  # with its successor and both letterheads: one query
        covered = Province.objects.select_related(
            "letterhead", "successor", "successor__letterhead"
        ).get(pk=scope["province_id"])
    issuer = governing(covered, today) if covered else None
    if issuer is not None:
        letterhead = getattr(issuer, "letterhead", None)  # a province may have none
    head = heading(issuer, today, letterhead=letterhead)
    report = Report(
        province_id=scope["province_id"],
        params=params,
        period=period.code,
        number="",
        issue_date=today,
        summary=_subject(data, period, covered, issuer, today),
        assessment=assessment(data),
        difficulties=data["difficulties"] or _none_reported(scope, _("khó khăn, vướng mắc")),
        proposals=data["proposals"] or _none_reported(scope, _("kiến nghị, đề xuất")),
        next_tasks=next_tasks(data),
        created_by=user if user.pk else None,
        **head,
    )
    return report, data


def _subject(
    data: dict, period: Period, covered: Province | None, issuer, today: datetime.date
) -> str:
    """The trích yếu: the plan (or the province's plans) and the period; a plan of a province
    since merged says whose it was ("… của tỉnh Bạc Liêu (cũ)")."""
    scope, label = data["scope"], data["period"]["label"]
    former = covered is not None and issuer is not None and covered.pk != issuer.pk
    if scope["plan"]:
        plan = scope["plan"]
        subject = _("Kết quả thực hiện %(title)s (%(number)s)") % {
            "title": plan["title"],
            "number": plan["number"],
        }
        if former:
            subject += " " + _("của %(province)s") % {"province": named_on(covered, today)}
        if period.year:  # the whole period is in the plan's title already
            subject += f", {label}"
        return subject
    if covered is not None:
        province = named_on(covered, today)
        return _(
            "Kết quả thực hiện các kế hoạch ứng dụng công nghệ thông tin của %(province)s, "
            "%(period)s"
        ) % {"province": province, "period": label}
    return _("Kết quả thực hiện các kế hoạch ứng dụng công nghệ thông tin, %(period)s") % {
        "period": label
    }


def assessment(data: dict) -> str:
    """A first draft of "Đánh giá chung" from the report's own figures: the projects by
    state, the late ones, the money of the period and cumulative. The clerk rewrites it."""
    figures, money, period = data["figures"], data["money"], data["period"]
    counts = {row["status"]: row["count"] for row in figures["by_status"]}
    lines = [
        _(
            "Đến ngày %(date)s, trong tổng số %(projects)s dự án, nhiệm vụ: %(done)s đã hoàn "
            "thành, %(ongoing)s đang thực hiện, %(late)s quá thời hạn mà chưa hoàn thành."
        )
        % {
            "date": dmy(data["today"]),  # the projects' states are today's
            "projects": figures["projects"],
            "done": counts.get(Project.Status.COMPLETED, 0),
            "ongoing": counts.get(Project.Status.IN_PROGRESS, 0),
            "late": figures["late"],
        }
    ]
    if money.get("lines"):
        label = _("Kinh phí %(period)s") % {"period": period["label"]}
        lines.append(_money_sentence(label, money["total"], money["rate"]))
    if money.get("cumulative"):
        cumulative = money["cumulative"]
        lines.append(_money_sentence(period["cumulative_label"], cumulative, cumulative["rate"]))
    return "\n".join(lines)


def _money_sentence(label: str, stages: dict, rate: str | None) -> str:
    """ "Kinh phí năm 2014: đã bố trí 1.200 triệu đồng, đã giải ngân 900 triệu đồng, đạt
    75,0%." """
    line = _(
        "%(label)s: đã bố trí %(allocated)s triệu đồng, đã giải ngân %(disbursed)s triệu đồng"
    ) % {
        "label": label[:1].upper() + label[1:],
        "allocated": in_unit(stages["allocated"]),
        "disbursed": in_unit(stages["disbursed"]),
    }
    if rate is not None:
        line += _(", đạt %(rate)s") % {"rate": percent(Decimal(rate))}
    return line + "."


NEXT_TASKS_LISTED = 20  # beyond, the projects are counted, not listed


def next_tasks(data: dict) -> str:
    """A first draft of "Nhiệm vụ kỳ tới": the projects not finished, with their progress, in
    the plan's order (a national roll-up leaves it to the provinces)."""
    if data["scope"]["national"]:
        return ""
    open_ = [row for row in data.get("projects", []) if row.get("state") in OPEN]
    lines = [
        (
            _("- Tiếp tục thực hiện: %(name)s (%(status)s%(percent)s).")
            if row["state"] == Project.Status.IN_PROGRESS
            else _("- Triển khai: %(name)s (%(status)s%(percent)s).")
        )
        % {
            "name": row["name"],
            "status": row["status"].lower(),
            "percent": "" if row["percent"] is None else f", {row['percent']}%",
        }
        for row in open_[:NEXT_TASKS_LISTED]
    ]
    if len(open_) > NEXT_TASKS_LISTED:
        lines.append(
            _("- Và %(n)s dự án, nhiệm vụ khác chưa hoàn thành.")
            % {"n": len(open_) - NEXT_TASKS_LISTED}
        )
    lines.append(_("- Cập nhật báo cáo tiến độ và số liệu kinh phí trên Cổng đúng hạn."))
    return "\n".join(lines)


OPEN = (Project.Status.NOT_STARTED, Project.Status.PREPARING, Project.Status.IN_PROGRESS)


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
    """The report as a ``fmt`` file ("pdf", "xlsx", "docx", "html") and its content type."""
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
