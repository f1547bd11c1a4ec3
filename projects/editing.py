"""Entering plans and their projects in the portal, without the admin: each write asks
``provinces.access`` and leaves its user and reason in the row's history."""

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from projects.models import Plan, Project, ProjectGroup
from provinces import access


def _stamp(obj, by, reason: str) -> None:
    obj._history_user = by
    obj._change_reason = reason


@transaction.atomic
def save_plan(plan: Plan, *, by, reason: str = "") -> Plan:
    """Create or change ``plan`` as ``by`` (refused unless ``access.can_change``: staff of the
    plan's province, administrators)."""
    access.require_change(by, plan)
    _stamp(plan, by, reason or (_("Thêm kế hoạch trên cổng") if plan.pk is None else ""))
    plan.save()
    return plan


@transaction.atomic
def save_project(project: Project, *, by, new_group: str = "", reason: str = "") -> Project:
    """Create or change ``project`` as ``by`` (``access.can_change``); ``new_group``, when
    given, is the title of a new group of the plan that the project goes into. A new project
    goes last in the plan. Raises ``projects.versioning.StaleEdit`` when someone else saved the
    project since it was read."""
    access.require_change(by, project)
    if new_group:
        order = project.plan.groups.aggregate(last=Max("order"))["last"]
        project.group = ProjectGroup.objects.create(
            plan=project.plan, title=new_group, order=(order or 0) + 1
        )
    if project.pk is None:
        last = Project.objects.filter(plan=project.plan).aggregate(last=Max("order"))["last"]
        project.order = (last or 0) + 1
    _stamp(
        project,
        by,
        reason or (_("Thêm dự án trên cổng") if project.pk is None else _("Sửa dự án trên cổng")),
    )
    project.save()
    return project
