"""The plan pages: where a user lands and the plan page (its projects by group, its money, its
indicators and the reconciliation of its stated totals). Access goes through
``provinces.access``: a plan of another province answers 404, reading needs a role. The appendix
import and the Excel downloads of a plan are in ``itplan.appendix.views``."""

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from budgets import rollup
from budgets.lines import outside_plan_period
from budgets.models import MoneySummary
from budgets.money import in_unit, with_unit
from budgets.reconciliation import reconcile, reconcile_many
from itplan.models import AppendixImport
from itplan.plans.forms import PlanForm
from projects.editing import save_plan
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


def _sections(plan: Plan, groups: dict) -> list[tuple[list, list]]:
    """The plan's projects as the appendix shows them: each group's projects under its title,
    after the titles of the groups it lies in (each shown once, where its first rows start).
    The groups above are read in one more query, only when the plan has any."""
    above = {}
    if any(group is not None and group.path for group in groups):
        above = {group.pk: group for group in plan.groups.all()}
    shown: set[int] = set()
    sections = []
    for group, rows in groups.items():
        chain = [above[pk] for pk in group.ancestor_ids if pk in above] if group else []
        titles = [
            level
            for level in [*chain, group]
            if level is not None and (level.ref or level.title) and level.pk not in shown
        ]
        shown.update(level.pk for level in titles)
        sections.append((titles, rows))
    return sections


@login_required
def plan_detail(request, plan_id: int):
    return plan_page(request, plan_or_404(request, plan_id))


def plan_page(request, plan: Plan):
    """The plan page: the appendix, money, indicators, reconciliation and imports (12 queries
    with all of them; the staff's editor of projects and money is its own page,
    ``edit_views.plan_editor``)."""
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
    sections = _sections(plan, groups)
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
            "sections": sections,
            "reconciliation": check.display(),
            "differences": check.differences,
            "total": with_unit(money.total["need"]),
            "imports": plan.imports.select_related("user").exclude(
                status__in=[AppendixImport.Status.PREVIEW, AppendixImport.Status.CANCELLED]
            )[:10],
            "can_edit": can_edit(request.user),
            "can_change": can_change(request.user, plan),
            "indicators": indicators,
            "money": money,
        },
    )


PLANS_PER_PAGE = 50


@login_required
def plan_list(request):
    """ "Kế hoạch": the plans of the user's provinces (every plan for national viewers and
    administrators), newest first, with their projects, need and reconciliation state, in a
    fixed number of queries."""
    require_role(request.user)
    plans = (
        scope(Plan.objects.all(), request.user)
        .annotate(project_count=Count("projects", filter=Q(projects__deletion__isnull=True)))
        .order_by("province__name", "-issue_date", "id")
    )
    page = Paginator(plans, PLANS_PER_PAGE).get_page(request.GET.get("trang"))
    rows = list(page.object_list)
    money = rollup.roll_up_each(MoneySummary.objects.filter(plan__in=rows), "plan")
    checks = reconcile_many(rows)
    return render(
        request,
        "plans/plan_list.html",
        {
            "page": page,
            "rows": [
                {
                    "plan": plan,
                    "need": money[plan.pk].total["need"] if plan.pk in money else 0,
                    "state": _balance(check),
                }
                for plan, check in zip(rows, checks, strict=True)
            ],
            "can_add": can_edit(request.user),
        },
    )


def _balance(check) -> dict:
    """The reconciliation state of a plan as the list shows it: no stated total, "khớp", or
    "lệch N" (how many stated totals its lines do not add up to)."""
    if not check.checks:
        return {"label": _("chưa có số tổng"), "warn": False}
    if check.differences:
        return {"label": _("lệch %(n)s") % {"n": len(check.differences)}, "warn": True}
    return {"label": _("khớp"), "warn": False}


@login_required
def plan_create(request):
    """ "Thêm kế hoạch": a new plan of one of the staff's provinces; then its editor, to add
    its projects and money."""
    require_role(request.user)
    if not can_edit(request.user):
        raise PermissionDenied(_("Chỉ cán bộ Sở của tỉnh mới được nhập dữ liệu."))
    form = PlanForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        plan = save_plan(form.save(commit=False), by=request.user)
        messages.success(
            request,
            _("Đã thêm kế hoạch %(number)s. Nhập các dự án và kinh phí bên dưới.")
            % {"number": plan.document_number},
        )
        return redirect("plan_editor", plan_id=plan.pk)
    return render(request, "plans/plan_form.html", {"form": form})


@login_required
def plan_edit(request, plan_id: int):
    """ "Sửa thông tin kế hoạch": the number, date, signer, title and period of a plan, as its
    document writes them (who may change the plan; the province stays). A period that now
    leaves money lines outside it is saved, with a warning naming how many."""
    plan = plan_or_404(request, plan_id, edit=True)
    form = PlanForm(request.POST or None, instance=plan, user=request.user)
    if request.method == "POST" and form.is_valid():
        plan = save_plan(
            form.save(commit=False), by=request.user, reason=_("Sửa thông tin kế hoạch trên cổng")
        )
        outside = outside_plan_period(plan)
        if outside:
            messages.warning(
                request,
                ngettext(
                    "%(n)s dòng kinh phí có năm nằm ngoài giai đoạn %(start)s–%(end)s mới.",
                    "%(n)s dòng kinh phí có năm nằm ngoài giai đoạn %(start)s–%(end)s mới.",
                    outside,
                )
                % {"n": outside, "start": plan.start_year, "end": plan.end_year},
            )
        messages.success(
            request, _("Đã lưu kế hoạch %(number)s.") % {"number": plan.document_number}
        )
        return redirect("plan_editor", plan_id=plan.pk)
    return render(request, "plans/plan_form.html", {"form": form, "plan": plan})
