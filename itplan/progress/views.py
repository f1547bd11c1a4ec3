"""Progress tracking pages: "Cập nhật tiến độ" (the staff's projects and what is due this
quarter), the project page with its timeline, and a report's page where staff write and send it
and leaders approve or return it. Access: ``provinces.access``; another province's project or
report answers 404."""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import IntegrityError
from django.db.models import BooleanField, Count, ExpressionWrapper, Max, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from budgets.checks import money_warnings
from budgets.models import BudgetLine, Source, Stage
from budgets.money import with_unit
from budgets.rollup import roll_up
from indicators.models import Indicator
from itplan.progress import editing
from itplan.progress import money as money_entry
from itplan.progress.forms import (
    MeasurementForm,
    ReturnForm,
)
from projects.models import (
    ONE_PER_PERIOD,
    Project,
    ReportingPeriod,
    StatusUpdate,
    period_label,
)
from projects.progress import (
    REPORTED,
    WorkflowError,
    approve,
    current_period,
    due_reports,
    holder,
    later_approved,
    owes_report,
    period_state,
    reported_counts,
    return_,
    submit,
)
from projects.versioning import STALE_MESSAGE, StaleEdit
from provinces.access import can_change, can_edit, can_review, require_role, scope

# The board's filter of projects owing a report, named as the project list's (``chua_bao_cao``,
# a django-filter field: every filter parameter of the portal is written with underscores).
ONLY_OWING = "chua_bao_cao"


@login_required
def progress_board(request):
    require_role(request.user)
    if "chua-bao-cao" in request.GET:  # the board's old spelling, in bookmarks and old e-mails
        query = request.GET.copy()
        query[ONLY_OWING] = query.pop("chua-bao-cao")[-1]
        return redirect(f"{request.path}?{query.urlencode()}", permanent=True)
    year, quarter = current_period()
    owing = owes_report(year, quarter)
    projects = (
        scope(Project.objects.all(), request.user)
        .select_related("plan__province", "lead_agency")
        .annotate(
            last_report=Max(
                "status_updates__submitted_at", filter=Q(status_updates__state__in=REPORTED)
            ),
            now_state=period_state(year, quarter),
            owes=ExpressionWrapper(owing, output_field=BooleanField()),
        )
        .order_by("plan__province__name", "plan__document_number", "order", "id")
    )
    only_owing = request.GET.get(ONLY_OWING) not in (None, "", "0", "false", "False")
    if only_owing:
        projects = projects.filter(owing)
    page = Paginator(projects, 100).get_page(request.GET.get("trang"))
    for project in page:
        project.holder = holder(project.now_state)
    # "Reported" is two figures: approved, and waiting for a leader; owing is owes_report's.
    counts = (
        scope(Project.objects.all(), request.user)
        .order_by()
        .aggregate(**reported_counts(year, quarter), owing=Count("id", filter=owing))
    )
    deadline = ReportingPeriod.deadline_for(year, quarter)
    pending = (
        scope(StatusUpdate.objects.filter(state=StatusUpdate.State.SUBMITTED), request.user)
        .select_related("project__plan", "author")
        .order_by("submitted_at")[:50]
        if can_review(request.user)
        else []
    )
    returned = (
        scope(StatusUpdate.objects.filter(state=StatusUpdate.State.RETURNED), request.user)
        .filter(author=request.user)
        .select_related("project")
        if can_edit(request.user)
        else []
    )
    return render(
        request,
        "progress/progress_board.html",
        {
            "page": page,
            "period": period_label(year, quarter),
            "deadline": deadline,
            "days_left": (deadline - timezone.localdate()).days,
            "pending": pending,
            "returned": returned,
            "can_edit": can_edit(request.user),
            "only_missing": only_owing,
            "counts": counts,
        },
    )


def _project(request, project_id: int) -> Project:
    require_role(request.user)
    return get_object_or_404(
        scope(
            Project.objects.select_related("plan__province", "group", "lead_agency"), request.user
        ),
        pk=project_id,
    )


@login_required
def project_detail(request, project_id: int):
    project = _project(request, project_id)
    may_change = can_change(request.user, project)
    bound = {}
    if request.method == "POST":
        if not may_change:
            raise PermissionDenied(_("Chỉ cán bộ Sở của tỉnh mới được cập nhật kinh phí."))
        done, bound = money_entry.post(request, project)
        if done is not None:
            return done
    reports = project.status_updates.select_related("author", "reviewer").annotate(
        files=Count("attachments")
    )
    if not can_edit(request.user):
        reports = reports.exclude(state=StatusUpdate.State.DRAFT)
    changes = project.history.select_related("history_user").order_by("-history_date")[:30]
    lines = project.budget_lines.order_by("stage", "year", "source", "capital_type")
    money = roll_up(BudgetLine.objects.filter(project=project))  # the table and the warnings
    by_year = [
        {
            **row,
            "source_label": Source(row["source"]).label,
            **{stage: with_unit(row[stage]) for stage in Stage.values},
        }
        for row in money.by("year", "source")
    ]
    return render(
        request,
        "progress/project_detail.html",
        {
            "project": project,
            "reports": reports,
            "changes": changes,
            "lines": [{"line": line} for line in lines],
            **(money_entry.context(request, project, lines, bound) if may_change else {}),
            "by_year": by_year,
            "money_warnings": money_warnings(project, money),
            "estimate": with_unit(project.estimate),
            "can_edit": can_edit(request.user),
        },
    )


@login_required
def report_create(request, project_id: int):
    """The form for this period's report; a period has one report per project, so a draft or
    returned one is opened instead, and one already sent or approved is named and linked."""
    project = _project(request, project_id)
    if not can_edit(request.user):
        raise PermissionDenied(_("Chỉ cán bộ Sở của tỉnh mới được báo cáo tiến độ."))
    year, quarter = current_period()
    current = StatusUpdate.of_period(project.pk, year, quarter).first()
    if request.method == "GET" and current is not None and current.editable:
        messages.info(
            request,
            _("Dự án đã có báo cáo %(period)s (%(state)s): mở báo cáo đó để tiếp tục.")
            % {"period": current.period_label, "state": current.get_state_display()},
        )
        return redirect("report_detail", report_id=current.pk)
    form, previous = editing.bind(
        request,
        StatusUpdate(project=project, author=request.user),
        period=StatusUpdate(project=project, year=year, quarter=quarter),
        initial={
            "year": year,
            "quarter": quarter,
            "status": project.status,
            "percent_complete": project.percent_complete or 0,
        },
    )
    if request.POST.get("action") == "autosave":
        return editing.autosave(form)
    if request.method == "POST" and form.is_valid():
        try:
            update = editing.save(form, by=request.user)
        except IntegrityError:  # the same period sent from another tab at the same moment
            form.add_error(None, ONE_PER_PERIOD)
        else:
            return _after_save(request, update)
    taken = getattr(form, "taken", None) or current
    return render(
        request,
        "progress/report_form.html",
        {"project": project, "form": form, "taken": taken}
        | editing.context(project, form, previous),
    )


def _after_save(request, update: StatusUpdate):
    if request.POST.get("action") == "submit":
        try:
            submit(update, by=request.user)
        except WorkflowError as problem:
            messages.error(request, str(problem))
            return redirect("report_detail", report_id=update.pk)
        messages.success(
            request,
            _("Đã gửi báo cáo %(period)s để lãnh đạo duyệt.") % {"period": update.period_label},
        )
    else:
        messages.success(
            request, _("Đã lưu nháp báo cáo %(period)s.") % {"period": update.period_label}
        )
    return redirect("report_detail", report_id=update.pk)


def _report(request, report_id: int) -> StatusUpdate:
    require_role(request.user)
    update = get_object_or_404(
        scope(
            StatusUpdate.objects.select_related("project__plan__province", "author", "reviewer"),
            request.user,
        ),
        pk=report_id,
    )
    _check_draft_readable(request, update)
    return update


def _check_draft_readable(request, update: StatusUpdate) -> None:
    if update.state == StatusUpdate.State.DRAFT and not can_edit(request.user):
        raise PermissionDenied(_("Báo cáo nháp chỉ cán bộ Sở xem được."))


@login_required
def report_detail(request, report_id: int):
    update = _report(request, report_id)
    form, previous = None, None
    if can_change(request.user, update) and update.editable:
        form, previous = editing.bind(request, update, period=update)
    return_form = ReturnForm(request.POST or None) if can_review(request.user) else None
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "autosave" and form is not None:
                return editing.autosave(form)
            if action in ("draft", "submit") and form is not None:
                if form.is_valid():
                    # StaleEdit if another save won the race since clean()
                    update = editing.save(form, by=request.user)
                    return _after_save(request, update)
            elif action == "approve" and can_review(request.user):
                approve(update, by=request.user)
                messages.success(request, _approved_message(update))
                return redirect("project_detail", project_id=update.project_id)
            elif action == "return" and return_form is not None:
                if return_form.is_valid():
                    return_(update, by=request.user, reason=return_form.cleaned_data["reason"])
                    messages.success(request, _("Đã trả lại báo cáo cho người báo cáo."))
                    return redirect("progress_board")
            else:
                raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
        except WorkflowError as problem:
            messages.error(request, str(problem))
            return redirect("report_detail", report_id=update.pk)
        except StaleEdit:
            messages.error(request, STALE_MESSAGE)
            return redirect("report_detail", report_id=update.pk)
    # Each return once (the author's edits while it stays returned repeat the reason), newest
    # first, with the leader who returned it.
    returns = list(
        {
            record.reviewed_at: record
            for record in update.history.filter(state=StatusUpdate.State.RETURNED)
            .exclude(return_reason="")
            .select_related("reviewer")
            .order_by("-history_date")
        }.values()
    )
    return render(
        request,
        "progress/report_detail.html",
        {
            "update": update,
            "project": update.project,
            "form": form,
            "return_form": return_form
            if update.state == StatusUpdate.State.SUBMITTED and update.author_id != request.user.pk
            else None,
            "can_approve": can_review(request.user)
            and update.state == StatusUpdate.State.SUBMITTED
            and update.author_id != request.user.pk,
            "returns": returns,
            "attachments": update.attachments.select_related("uploaded_by"),
            "holder": holder(update.state),
        }
        | (editing.context(update.project, form, previous) if form is not None else {}),
    )


def _approved_message(update: StatusUpdate) -> str:
    later = later_approved(update)
    if later is None:
        return _("Đã duyệt: tình trạng của dự án được cập nhật.")
    return _(
        "Đã duyệt báo cáo %(period)s. Tình trạng và %% hoàn thành của dự án giữ theo báo cáo "
        "đã duyệt của kỳ sau (%(later)s)."
    ) % {"period": update.period_label, "later": later.period_label}


@login_required
def indicator_detail(request, indicator_id: int):
    require_role(request.user)
    indicator = get_object_or_404(
        scope(Indicator.objects.select_related("plan__province"), request.user).prefetch_related(
            "targets", "measurements"
        ),
        pk=indicator_id,
    )
    form = MeasurementForm(request.POST or None) if can_change(request.user, indicator) else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied(_("Chỉ cán bộ Sở của tỉnh mới được ghi số liệu."))
        if form.is_valid():
            measurement = form.save(commit=False)
            measurement.indicator = indicator
            measurement.save()
            messages.success(
                request,
                _("Đã ghi số liệu %(value)s ngày %(date)s.")
                % {"value": measurement.display, "date": measurement.date.strftime("%d/%m/%Y")},
            )
            return redirect("indicator_detail", indicator_id=indicator.pk)
    target, latest, result = indicator.progress(timezone.localdate())
    return render(
        request,
        "progress/indicator_detail.html",
        {
            "indicator": indicator,
            "target": target,
            "latest": latest,
            "result": result,
            "form": form,
        },
    )


@login_required
def missing_reports(request):
    """ "Chưa báo cáo": per lead agency, the projects without a report (sent or approved) for a
    period — by default the current quarter; ``?ky=2026-3`` picks another, ``?ky=2026`` a
    year."""
    require_role(request.user)
    year, quarter = current_period()
    if match := re.fullmatch(r"(\d{4})(?:-([1-4]))?", request.GET.get("ky", "")):
        year, quarter = int(match.group(1)), int(match.group(2)) if match.group(2) else None
    projects = (
        due_reports(scope(Project.objects.all(), request.user), year, quarter)
        .select_related("plan__province", "lead_agency")
        .order_by("lead_agency__name", "plan__document_number", "order", "id")
    )
    by_agency: dict = {}
    for project in projects:
        by_agency.setdefault(project.lead_agency, []).append(project)
    deadline = ReportingPeriod.deadline_for(year, quarter)
    overdue = (timezone.localdate() - deadline).days
    return render(
        request,
        "progress/missing_reports.html",
        {
            "by_agency": by_agency,
            "count": sum(len(p) for p in by_agency.values()),
            "period": period_label(year, quarter),
            "deadline": deadline,
            "overdue": overdue if overdue > 0 else 0,
            "can_edit": can_edit(request.user),
        },
    )
