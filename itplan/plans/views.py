"""The plan pages: where a user lands and the plan page (its projects by group, its money, its
indicators and the reconciliation of its stated totals). Access goes through
``provinces.access``: a plan of another province answers 404, reading needs a role. The appendix
import and the Excel downloads of a plan are in ``itplan.appendix.views``."""

from collections import defaultdict

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from budgets import rollup
from budgets.money import in_unit, with_unit
from budgets.reconciliation import reconcile
from itplan.models import AppendixImport
from projects.models import Plan, Project
from provinces.access import can_change, can_edit, has_role, require_role, scope


@login_required
def home(request):
    """Where a user lands: staff on their work (the progress board), leaders, national viewers
    and administrators on the dashboard; a user without a role on the admin, which says so."""
    if can_edit(request.user) and not request.user.is_superuser:
        return redirect("progress_board")
    if has_role(request.user):
        return redirect("dashboard")
    return redirect("admin:index")


def plan_or_404(request, plan_id: int, *, edit: bool = False) -> Plan:
    """The plan if the user may read it (may change it, with ``edit``); 404 outside the
    user's provinces."""
    require_role(request.user)
    plan = get_object_or_404(scope(Plan.objects.all(), request.user), pk=plan_id)
    if edit and not can_change(request.user, plan):
        raise PermissionDenied(_("Chỉ cán bộ Sở của tỉnh mới được nhập dữ liệu."))
    return plan


@login_required
def plan_detail(request, plan_id: int):
    plan = plan_or_404(request, plan_id)
    projects = (
        Project.objects.filter(plan=plan)
        .select_related("group", "lead_agency")
        .annotate(need=rollup.need_total())
        .order_by("group__order", "order", "id")
    )
    groups = defaultdict(list)
    projects = list(projects)
    for project in projects:
        groups[project.group].append({"project": project, "need": in_unit(project.need or 0)})
    today = timezone.localdate()
    indicators = [
        (indicator, *indicator.progress(today))
        for indicator in plan.indicators.select_related("plan").prefetch_related(
            "targets", "measurements"
        )
    ]
    check = reconcile(plan, projects=projects)
    money = rollup.of_plans([plan.pk])  # the header's total and the money block: one roll-up
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "groups": dict(groups),
            "reconciliation": check.display(),
            "differences": check.differences,
            "total": with_unit(money.total["need"]),
            "imports": plan.imports.select_related("user").exclude(
                status__in=[AppendixImport.Status.PREVIEW, AppendixImport.Status.CANCELLED]
            )[:10],
            "can_edit": can_edit(request.user),
            "indicators": indicators,
            "money": money,
        },
    )
