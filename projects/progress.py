"""The moves of a progress report (báo cáo tiến độ): draft → submitted → approved, or returned
with a reason and submitted again. Who may make a move is ``provinces.access``'s rule; which
moves a report allows is this module's."""

import datetime

from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from projects.models import Project, StatusUpdate

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


def due_reports(projects: QuerySet, year: int, quarter: int | None) -> QuerySet:
    """The projects among ``projects`` that still owe a report for the period: not completed or
    cancelled, with no report sent or approved for it."""
    return projects.exclude(status__in=[Project.Status.COMPLETED, Project.Status.CANCELLED]).filter(
        ~reported_in(year, quarter)
    )


def submit(update: StatusUpdate, user) -> StatusUpdate:
    if update.state not in (State.DRAFT, State.RETURNED):
        raise WorkflowError(
            _("Báo cáo đang ở trạng thái “%(state)s”, không gửi duyệt được.")
            % {"state": update.get_state_display()}
        )
    update.state = State.SUBMITTED
    update.submitted_at = timezone.now()
    _save(update, user)
    return update


@transaction.atomic
def approve(update: StatusUpdate, user) -> StatusUpdate:
    """Approve a submitted report: its status and % complete become the project's."""
    if update.state != State.SUBMITTED:
        raise WorkflowError(
            _("Chỉ duyệt được báo cáo đang chờ duyệt; báo cáo này đang “%(state)s”.")
            % {"state": update.get_state_display()}
        )
    update.state = State.APPROVED
    update.reviewer, update.reviewed_at = user, timezone.now()
    _save(update, user)
    project = Project.objects.select_for_update().get(pk=update.project_id)
    project.status, project.percent_complete = update.status, update.percent_complete
    project._history_user = user
    project._change_reason = _("Duyệt báo cáo tiến độ %(period)s") % {"period": update.period_label}
    project.save(update_fields=["status", "percent_complete"])
    return update


def return_(update: StatusUpdate, user, reason: str) -> StatusUpdate:
    """Send a submitted report back to its author with a reason (kept in its history)."""
    if update.state != State.SUBMITTED:
        raise WorkflowError(
            _("Chỉ trả lại được báo cáo đang chờ duyệt; báo cáo này đang “%(state)s”.")
            % {"state": update.get_state_display()}
        )
    if not reason.strip():
        raise WorkflowError(_("Hãy ghi lý do trả lại để người báo cáo biết cần sửa gì."))
    update.state = State.RETURNED
    update.reviewer, update.reviewed_at = user, timezone.now()
    update.return_reason = reason.strip()
    _save(update, user)
    return update


def _save(update: StatusUpdate, user) -> None:
    update._history_user = user
    update.save()
