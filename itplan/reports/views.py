"""The "Báo cáo UBND" pages: choose a scope and period, see the report, download it as PDF or
Excel; staff keep a draft, edit its narrative and issue it; issued reports are listed and
downloaded by the users of their province only.

Who may do what: reading needs a role; a scope outside the user's (another province's plan or
province in the URL) answers 400 with the reason; drafts are written and issued by the
province's staff (and admins); another province's report answers 404, national viewers
included: a report belongs to the department that sends it.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from itplan.models import Letterhead, Report
from itplan.reports import (
    Period,
    PeriodError,
    ReportError,
    clean_params,
    content,
    issue,
    new_report,
)
from itplan.reports.document import FILES, as_file, pdf_state, remake_pdf
from itplan.reports.forms import (
    IssueForm,
    LetterheadForm,
    ReportForm,
    SignedForm,
    period_choices,
)
from itplan.reports.heading import heading, number_suffix
from itplan.reports.period import plan_years_of
from itplan.reports.render import context
from itplan.reports.signature import Verdict
from itplan.reports.signed import keep_signed, server_signing, sign_on_server
from projects.models import Plan
from provinces.access import (
    can_change,
    can_edit,
    membership,
    province_ids,
    require_role,
    scope,
    sees_all,
)
from provinces.models import Province
from provinces.succession import governing


def _reports(user):
    """The stored reports ``user`` may see: their province's (admins: all)."""
    reports = Report.objects.select_related(
        "province", "created_by", "issued_by", "signed_uploaded_by"
    )
    return reports if user.is_superuser else reports.filter(province__in=province_ids(user))


def _choices(user) -> dict:
    plans = list(
        scope(Plan.objects.select_related("province"), user).order_by(
            "province__name", "-issue_date"
        )
    )
    years = plan_years_of(plans)  # the plans are listed in the form anyway
    today = timezone.localdate()
    start, end = years["start"] or today.year, max(years["end"] or today.year, today.year)
    return {
        "plans": plans,
        "provinces": Province.objects.filter(valid_until__isnull=True) if sees_all(user) else [],
        "periods": period_choices(start, end),
    }


@login_required
def report_index(request):
    require_role(request.user)
    return render(
        request,
        "reports/index.html",
        {
            **_choices(request.user),
            "reports": _reports(request.user)[:100],
            "can_edit": can_edit(request.user),
        },
    )


def _file_name(report: Report, extension: str) -> str:
    number = report.number or _("du-thao")
    return f"bao-cao-{slugify(number)}-{report.issue_date:%Y-%m-%d}.{extension}"


def _download(report: Report, data: dict, fmt: str) -> HttpResponse:
    response = HttpResponse(*as_file(report, data, fmt))
    response["Content-Disposition"] = f'attachment; filename="{_file_name(report, fmt)}"'
    return response


@login_required
def report_preview(request):
    """The report for the scope and period in the URL (the dashboard's filter and ``ky``),
    computed now; ``?dinh_dang=pdf|xlsx|html`` downloads it; staff POST it to keep a draft."""
    require_role(request.user)
    params = clean_params(request.GET)
    try:
        period = Period.parse(request.GET.get("ky"))
        report, data = new_report(
            params=params, period=period, user=request.user, today=timezone.localdate()
        )
    except (PeriodError, ReportError) as error:
        context_ = {**_choices(request.user), "error": str(error), "reports": []}
        return render(request, "reports/index.html", context_, status=400)
    if request.method == "POST":
        if not can_edit(request.user):
            raise PermissionDenied(_("Chỉ cán bộ Sở của tỉnh mới soạn được báo cáo ban hành."))
        if report.province_id is None:
            messages.error(
                request, _("Hãy chọn một tỉnh hoặc một kế hoạch để soạn báo cáo ban hành.")
            )
            return redirect(request.get_full_path())
        report.created_by = request.user
        report.save()
        messages.success(request, _("Đã lưu dự thảo. Sửa phần chữ rồi ban hành khi sẵn sàng."))
        return redirect("ubnd_detail", report.pk)
    fmt = request.GET.get("dinh_dang")
    if fmt in FILES:
        return _download(report, data, fmt)
    query = request.GET.copy()
    query.pop("dinh_dang", None)
    return render(
        request,
        "reports/preview.html",
        {
            **context(report, data),
            **_choices(request.user),
            "query": query.urlencode(),
            "period_code": period.code,
            "can_edit": can_edit(request.user) and report.province_id is not None,
        },
    )


def _report(request, report_id: int) -> Report:
    require_role(request.user)
    return get_object_or_404(_reports(request.user), pk=report_id)


@login_required
def report_detail(request, report_id: int):
    """A stored report: a draft with its form (staff), or the issued report as it was issued."""
    report = _report(request, report_id)
    editable = not report.issued and can_change(request.user, report)
    form = ReportForm(request.POST or None, instance=report) if editable else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied(_("Báo cáo đã ban hành hoặc bạn không có quyền sửa."))
        if form.is_valid():
            form.save()
            messages.success(request, _("Đã lưu dự thảo."))
            return redirect("ubnd_detail", report.pk)
    try:
        data = content(report, request.user, timezone.localdate())
    except ReportError as error:  # a draft whose plan was since deleted or moved
        messages.error(request, str(error))
        return redirect("ubnd_index")
    return render(
        request,
        "reports/detail.html",
        {
            **context(report, data),
            "form": form,
            "issue_form": IssueForm(initial={"number": f"/{_number_suffix(report)}"})
            if editable
            else None,
            **_pdf_context(request.user, report),
            **_signed_context(request.user, report),
        },
    )


def _number_suffix(report: Report) -> str:
    """The symbol after the number: the letterhead's, or the issuing body's initials."""
    letterhead = Letterhead.objects.filter(
        province=governing(report.province, report.issue_date)
    ).first()
    return (letterhead and letterhead.number_suffix) or number_suffix(report.issuing_body)


def _signed_context(user, report: Report) -> dict:
    """The signed copy's check as the page shows it, and the upload form for those who may."""
    return {
        "signed": Verdict.from_json(report.signature) if report.signed_pdf else None,
        "sign_form": SignedForm() if report.issued and can_change(user, report) else None,
        "server_signing": server_signing(),
    }


def _say(request, verdict: Verdict, *, done: str, failed: str) -> None:
    if verdict.accepted:
        messages.success(request, done)
    else:
        messages.error(request, failed % {"reason": verdict.reason})


@login_required
@require_POST
def report_sign(request, report_id: int):
    """Upload the issued report's PDF signed outside the portal: kept when its signatures
    check out, otherwise refused with the reason and the report left as it was."""
    report = _report(request, report_id)
    if not can_change(request.user, report):
        raise PermissionDenied(_("Chỉ cán bộ Sở của tỉnh mới tải lên bản đã ký số."))
    form = SignedForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Hãy chọn tệp PDF đã ký số."))
        return redirect("ubnd_detail", report.pk)
    _say(
        request,
        keep_signed(report, form.cleaned_data["file"], by=request.user),
        done=_("Đã nhận bản đã ký số của báo cáo."),
        failed=_("Không nhận tệp đã ký: %(reason)s"),
    )
    return redirect("ubnd_detail", report.pk)


@login_required
@require_POST
def report_sign_on_server(request, report_id: int):
    """Have the server sign the issued report with the department's certificate it holds."""
    report = _report(request, report_id)
    if not can_change(request.user, report):
        raise PermissionDenied(_("Chỉ cán bộ Sở của tỉnh mới ký số báo cáo."))
    _say(
        request,
        sign_on_server(report, by=request.user),
        done=_("Máy chủ đã ký số báo cáo."),
        failed=_("Không ký số được: %(reason)s"),
    )
    return redirect("ubnd_detail", report.pk)


@login_required
@require_POST
def report_issue(request, report_id: int):
    report = _report(request, report_id)
    if not can_change(request.user, report):
        raise PermissionDenied(_("Chỉ cán bộ Sở của tỉnh mới ban hành được báo cáo."))
    form = IssueForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy ghi số, ký hiệu của báo cáo."))
        return redirect("ubnd_detail", report.pk)
    try:
        issue(
            report,
            user=request.user,
            number=form.cleaned_data["number"],
        )
    except ReportError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Đã ban hành báo cáo số %(number)s.") % {"number": form.cleaned_data["number"]},
        )
    return redirect("ubnd_detail", report.pk)


@login_required
def report_download(request, report_id: int, fmt: str):
    """An issued report's stored PDF, its signed copy ("signed"), or its tables (from its
    stored data) as Excel; a draft's PDF or Excel drawn from the data now."""
    report = _report(request, report_id)
    if fmt == "signed":
        if not report.signed_pdf:
            raise Http404(_("Báo cáo chưa có bản đã ký số."))
        return FileResponse(
            report.signed_pdf.open("rb"),
            as_attachment=True,
            filename=_file_name(report, "pdf").replace(".pdf", "-da-ky-so.pdf"),
            content_type="application/pdf",
        )
    if fmt not in FILES:
        raise Http404
    if fmt == "pdf" and report.issued and report.pdf:
        return FileResponse(
            report.pdf.open("rb"),
            as_attachment=True,
            filename=_file_name(report, "pdf"),
            content_type="application/pdf",
        )
    if fmt == "pdf" and report.issued:  # made in the background: not there yet, or failed
        return render(
            request, "reports/pdf_pending.html", _pdf_context(request.user, report), status=409
        )
    data = content(report, request.user, timezone.localdate())
    return _download(report, data, fmt)


@login_required
def letterhead_edit(request):
    """The letterhead of the user's province, which heads the reports on its plans and its
    predecessors' (Cà Mau's heads Bạc Liêu's), for its staff: the gate (``can_change``) refuses
    anyone else, the account of a province merged in 2025 included. The defaults show beside
    the empty fields."""
    member = membership(request.user)
    province = member.province if member and member.province_id else None
    if province is not None:
        province = governing(province, timezone.localdate())
    letterhead = Letterhead.objects.filter(province=province).first() or Letterhead(
        province=province
    )
    if province is None or not can_change(request.user, letterhead):
        raise PermissionDenied(_("Chỉ cán bộ Sở của tỉnh mới đặt được mẫu đầu văn bản."))
    form = LetterheadForm(request.POST or None, instance=letterhead)
    if request.method == "POST" and form.is_valid():
        form.instance._history_user = request.user
        form.instance._change_reason = _("Sửa mẫu đầu văn bản trên cổng")
        form.save()
        messages.success(request, _("Đã lưu mẫu đầu văn bản. Các dự thảo mới sẽ dùng mẫu này."))
        return redirect("ubnd_letterhead")
    defaults = heading(province, timezone.localdate(), letterhead=None)
    defaults["number_suffix"] = number_suffix(defaults["issuing_body"])
    fields = [(form[name], defaults.get(name, "")) for name in form.fields]
    return render(
        request,
        "reports/letterhead.html",
        {"form": form, "province": province, "fields": fields},
    )


# The issued report's PDF, printed in the background after issuing (itplan.reports.tasks): the
# page shows its progress, asks the state every 2 s (static/js/report-status.js) and offers
# staff to make it again when it failed.


def _pdf_context(user, report: Report) -> dict:
    state = pdf_state(report)
    return {
        "report": report,
        "pdf_state": state,
        "pdf_waiting": state in ("pending", "failed"),
        "can_remake": state == "failed" and can_change(user, report),
    }


@login_required
def pdf_status(request, report_id: int):
    """The state of the report's PDF as JSON, read-only, for whoever may see the report:
    ``state`` ("draft", "pending", "ready", "failed"), the download address when ready, the
    reason when failed."""
    report = _report(request, report_id)
    state = pdf_state(report)
    return JsonResponse(
        {
            "state": state,
            "url": reverse("ubnd_download", args=[report.pk, "pdf"]) if state == "ready" else "",
            "error": report.pdf_error if state == "failed" else "",
        }
    )


@login_required
@require_POST
def pdf_remake(request, report_id: int):
    report = _report(request, report_id)
    try:
        remake_pdf(report, user=request.user)
    except ReportError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Đang tạo lại tệp PDF."))
    return redirect("ubnd_detail", report.pk)
