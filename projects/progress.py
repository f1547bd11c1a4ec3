"""The moves of a progress report (báo cáo tiến độ): draft → submitted → approved, or returned
with a reason and submitted again. Each move takes the acting user (``by``) and checks it with
``provinces.access``'s rules, so no caller can forget; which moves a report allows is this
module's."""

import datetime

from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from projects.models import Project, StatusUpdate
from provinces import access

State = StatusUpdate.State


class WorkflowError(Exception):
    """A move the report's state does not allow; the message says why, in Vietnamese."""


def current_period(today: datetime.date | None = None) -> tuple[int, int]:
    """The (year, quarter) being reported on today."""
    today = today or timezone.localdate()
    return today.year, (today.month - 1) // 3 + 1


REPORTED = [State.SUBMITTED, State.APPROVED]
DONE = [Project.Status.COMPLETED, Project.Status.CANCELLED]


def reported_projects(year: int, quarter: int | None) -> QuerySet:
    """The ids of the projects with a report sent or approved for the period, for
    ``pk__in``: counting over thousands of projects, the database reads it once (a hash)
    where ``reported_in`` probes the reports once per project."""
    return StatusUpdate.objects.filter(year=year, quarter=quarter, state__in=REPORTED).values(
        "project"
    )


def reported_in(year: int, quarter: int | None) -> Exists:
    """Whether a project (the outer query's row) has a report sent or approved for the period."""
    return Exists(reported_projects(year, quarter).filter(project=OuterRef("pk")))


def active_in(year: int) -> Q:
    """Projects whose years cover ``year``: the project's own start and end years, or its
    plan's where the project states none."""
    started = Q(start_year__lte=year) | Q(start_year__isnull=True, plan__start_year__lte=year)
    not_ended = Q(end_year__gte=year) | Q(end_year__isnull=True, plan__end_year__gte=year)
    return started & not_ended


def owes_report(year: int, quarter: int | None) -> Q:
    """THE rule for who owes a progress report for a period (a quarter, or a year with
    ``quarter`` None): a project active in the period's year (``active_in``), neither
    completed nor cancelled, with no report sent or approved for the period (a draft or a
    returned report does not count). A condition on projects, for ``filter()`` and for
    ``Count(filter=...)``; the progress board, the dashboard's card and province rows, the
    project list's filter, the reminders, the missing list and the UBND report all use it."""
    return active_in(year) & ~Q(status__in=DONE) & ~Q(pk__in=reported_projects(year, quarter))


def due_reports(projects: QuerySet, year: int, quarter: int | None) -> QuerySet:
    """The projects among ``projects`` that owe a report for the period (``owes_report``)."""
    return projects.filter(owes_report(year, quarter))


# What only the moves below write: on a report, its place in the workflow; on a project, its
# official figures (those of its latest approved report). The admin shows them read-only to all
# but administrators, and an administrator's direct change there needs a reason.
REPORT_WORKFLOW_FIELDS = ("state", "reviewer", "submitted_at", "reviewed_at", "return_reason")
PROJECT_OFFICIAL_FIELDS = ("status", "percent_complete")


def approved_projects(year: int, quarter: int | None) -> QuerySet:
    """The ids of the projects whose report for the period is approved (``pk__in``)."""
    return StatusUpdate.objects.filter(year=year, quarter=quarter, state=State.APPROVED).values(
        "project"
    )


def submitted_projects(year: int, quarter: int | None) -> QuerySet:
    """The ids of the projects whose report for the period waits for a leader (``pk__in``)."""
    return StatusUpdate.objects.filter(year=year, quarter=quarter, state=State.SUBMITTED).values(
        "project"
    )


def reported_counts(year: int, quarter: int | None) -> dict:
    """The two halves of "reported" for the period, as aggregates over projects: ``approved``
    (đã duyệt) and ``submitted`` (chờ duyệt). Their sum is what ``owes_report`` no longer owes;
    pages show them apart, so a report nobody approved yet is not taken for done."""
    return {
        "approved": Count("id", filter=Q(pk__in=approved_projects(year, quarter))),
        "submitted": Count("id", filter=Q(pk__in=submitted_projects(year, quarter))),
    }


def waiting_for(by, reports: QuerySet) -> QuerySet:
    """The reports among ``reports`` (already scoped to ``by``'s provinces) that wait for
    ``by`` to approve or return them, oldest sent first; his own reports are not his to
    review (``approve``)."""
    return (
        reports.filter(state=State.SUBMITTED)
        .exclude(author_id=by.pk)
        .order_by("submitted_at", "pk")
    )


def holder(state: str) -> str:
    """Who holds a report in ``state`` now, as pages show it: the province's leaders while it
    waits (no one leader is named before one acts: any of them may), its author while it is a
    draft or returned, no one once approved."""
    return {
        State.SUBMITTED: _("Chờ lãnh đạo duyệt"),
        State.RETURNED: _("Bị trả lại, người báo cáo đang sửa"),
        State.DRAFT: _("Người báo cáo đang soạn"),
    }.get(state, "")


def period_state(year: int, quarter: int | None) -> Subquery:
    """The state of the project's (the outer query's row) live report for the period, or None
    when it has none: for a board that shows approved, waiting and returned apart."""
    return Subquery(
        StatusUpdate.objects.filter(project=OuterRef("pk"), year=year, quarter=quarter).values(
            "state"
        )[:1]
    )


def last_approved(project_id: int) -> StatusUpdate | None:
    """The project's approved report of the latest period: the one its official status and %
    come from."""
    return (
        StatusUpdate.objects.filter(project_id=project_id, state=State.APPROVED)
        .annotate(period_end=Coalesce("quarter", 4))
        .order_by("-year", "-period_end", "-reviewed_at")
        .first()
    )


def previous_report(update: StatusUpdate) -> StatusUpdate | None:
    """The project's report of the latest period before ``update``'s (any state but a draft),
    whose text a new report may start from."""
    year, end = update.year, _period_end(update.quarter)
    return (
        StatusUpdate.objects.filter(project_id=update.project_id)
        .exclude(pk=update.pk)
        .exclude(state=State.DRAFT)
        .annotate(period_end=Coalesce("quarter", 4))
        .filter(Q(year__lt=year) | Q(year=year, period_end__lt=end))
        .order_by("-year", "-period_end")
        .first()
    )


def _period_end(quarter: int | None) -> int:
    """A year's report ends with the year, as its fourth quarter does."""
    return quarter or 4


def later_approved(update: StatusUpdate) -> StatusUpdate | None:
    """The project's latest approved report of a period after ``update``'s, if any: while it
    exists, approving ``update`` leaves the project's figures alone."""
    year, end = update.year, _period_end(update.quarter)
    return (
        StatusUpdate.objects.filter(project_id=update.project_id, state=State.APPROVED)
        .exclude(pk=update.pk)
        .annotate(period_end=Coalesce("quarter", 4))
        .filter(Q(year__gt=year) | Q(year=year, period_end__gt=end))
        .order_by("-year", "-period_end")
        .first()
    )


def _province_of(update: StatusUpdate) -> int | None:
    return update.project.plan.province_id


@transaction.atomic
def submit(update: StatusUpdate, *, by) -> StatusUpdate:
    """Send a draft or returned report for review; only staff of the project's province (or an
    administrator) may."""
    access.require_staff_of(by, _province_of(update))
    if update.state not in (State.DRAFT, State.RETURNED):
        raise WorkflowError(
            _("Báo cáo đang ở trạng thái “%(state)s”, không gửi duyệt được.")
            % {"state": update.get_state_display()}
        )
    update.state = State.SUBMITTED
    update.submitted_at = timezone.now()
    # A report sent again after a return waits for a leader anew: the last review stays in its
    # history (the report page lists each return), not on the report.
    update.reviewer, update.reviewed_at, update.return_reason = None, None, ""
    _save(update, by)
    return update


def _check_reviewer(update: StatusUpdate, by, not_submitted: str) -> None:
    access.require_leader_of(by, _province_of(update))
    if update.author_id is not None and update.author_id == by.pk:
        raise WorkflowError(_("Không tự duyệt báo cáo của mình."))
    if update.state != State.SUBMITTED:
        raise WorkflowError(not_submitted % {"state": update.get_state_display()})


@transaction.atomic
def approve(update: StatusUpdate, *, by) -> StatusUpdate:
    """Approve a submitted report, by a leader of the project's province (or an administrator)
    who is not its author. Its status and % complete become the project's, unless the project
    already has an approved report of a later period (``later_approved``): the project's
    official figures are always those of its latest approved period."""
    _check_reviewer(
        update, by, _("Chỉ duyệt được báo cáo đang chờ duyệt; báo cáo này đang “%(state)s”.")
    )
    # Two approvals of one project at once: the second waits here and sees the first.
    project = Project.objects.select_for_update().get(pk=update.project_id)
    update.state = State.APPROVED
    update.reviewer, update.reviewed_at = by, timezone.now()
    _save(update, by)
    if later_approved(update) is None:
        project.status, project.percent_complete = update.status, update.percent_complete
        project._history_user = by
        project._change_reason = _("Duyệt báo cáo tiến độ %(period)s") % {
            "period": update.period_label
        }
        project.save(update_fields=["status", "percent_complete"])
    return update


@transaction.atomic
def return_(update: StatusUpdate, *, by, reason: str) -> StatusUpdate:
    """Send a submitted report back to its author with a reason (kept in its history), by a
    leader of the project's province (or an administrator) who is not its author."""
    _check_reviewer(
        update, by, _("Chỉ trả lại được báo cáo đang chờ duyệt; báo cáo này đang “%(state)s”.")
    )
    if not reason.strip():
        raise WorkflowError(_("Hãy ghi lý do trả lại để người báo cáo biết cần sửa gì."))
    update.state = State.RETURNED
    update.reviewer, update.reviewed_at = by, timezone.now()
    update.return_reason = reason.strip()
    _save(update, by)
    return update


def _save(update: StatusUpdate, user) -> None:
    update._history_user = user
    update.save()
