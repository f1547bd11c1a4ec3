"""The plan editor's writes: add, correct and archive a project and its money lines, each a
plain POST that goes back to the plan page at the project (``#du-an-<id>``), or shows the page
again with the form's errors beside its fields and the typed values kept. Every write asks
``provinces.access`` (here, and again in the service it calls)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from budgets import lines as money_lines
from budgets import rollup
from budgets.models import BudgetLine
from budgets.reconciliation import reconcile
from itplan.plans import editor
from itplan.plans.forms import ArchiveForm
from itplan.plans.views import plan_or_404
from projects import archive
from projects.editing import save_project
from projects.models import Project
from projects.versioning import STALE_MESSAGE, StaleEdit
from provinces.access import can_change, require_role, scope

REFUSED = gettext_lazy("Chỉ cán bộ Sở của tỉnh mới được nhập dữ liệu.")


def _at(project: Project):
    return redirect(reverse("plan_editor", args=[project.plan_id]) + f"#du-an-{project.pk}")


def _project(request, project_id: int) -> Project:
    """The project if the user may change it: 404 outside their provinces, 403 for a reader."""
    require_role(request.user)
    project = get_object_or_404(
        scope(Project.objects.select_related("plan__province"), request.user), pk=project_id
    )
    if not can_change(request.user, project):
        raise PermissionDenied(REFUSED)
    return project


def _line(request, line_id: int) -> BudgetLine:
    require_role(request.user)
    line = get_object_or_404(
        scope(BudgetLine.objects.select_related("project__plan__province"), request.user),
        pk=line_id,
    )
    if not can_change(request.user, line):
        raise PermissionDenied(REFUSED)
    return line


@login_required
def plan_editor(request, plan_id: int):
    """ "Nhập dự án và kinh phí": the plan's projects, each with its money lines, to add,
    correct and archive in place (staff of the plan's province and administrators)."""
    return editor_page(request, plan_or_404(request, plan_id, edit=True))


def editor_page(request, plan, *, bound: dict | None = None):
    """The editor (12 queries whatever the plan's size); ``bound``: a form posted with errors,
    shown again where it was typed (``editor.context``)."""
    projects = list(
        Project.objects.filter(plan=plan)
        .select_related("group", "lead_agency")
        .annotate(need=rollup.need_total())
        .order_by("group__order", "order", "id")
    )
    check = reconcile(plan, projects=projects)
    return render(
        request,
        "plans/plan_editor.html",
        {
            "plan": plan,
            "editor": editor.context(request, plan, projects, bound or {}),
            "money": rollup.of_plans([plan.pk]),
            "differences": [c.display() for c in check.differences],
            "stated": len(check.checks),
        },
    )


def _warn(request, warnings: list[str]) -> None:
    for warning in warnings:
        messages.warning(request, warning)


@login_required
@require_POST
def project_add(request, plan_id: int):
    plan = plan_or_404(request, plan_id, edit=True)
    form = editor.project_form(plan, data=request.POST)
    if not form.is_valid():
        return editor_page(request, plan, bound={"new_project": form})
    project = save_project(
        form.save(commit=False), by=request.user, new_group=form.cleaned_data["new_group"]
    )
    messages.success(request, _("Đã thêm dự án “%(name)s”.") % {"name": project})
    return _at(project)


@login_required
@require_POST
def project_edit(request, project_id: int):
    project = _project(request, project_id)
    form = editor.project_form(project.plan, project, data=request.POST)
    if form.is_valid():
        try:
            save_project(
                form.save(commit=False), by=request.user, new_group=form.cleaned_data["new_group"]
            )
        except StaleEdit:
            messages.error(request, STALE_MESSAGE)
        else:
            messages.success(request, _("Đã lưu dự án “%(name)s”.") % {"name": project})
        return _at(project)
    return editor_page(request, project.plan, bound={"project": (project.pk, form)})


@login_required
@require_POST
def project_archive(request, project_id: int):
    project = _project(request, project_id)
    archive.archive(project, by=request.user, reason=ArchiveForm.reason_in(request.POST))
    messages.success(
        request,
        _("Đã xoá dự án “%(name)s” (lưu vào mục Đã xoá, quản trị viên khôi phục được).")
        % {"name": project},
    )
    return redirect("plan_editor", plan_id=project.plan_id)


@login_required
@require_POST
def line_add(request, project_id: int):
    project = _project(request, project_id)
    form = editor.new_line_form(project.plan, project.pk, data=request.POST)
    form.instance.project = project
    return _save_line(request, form, project, bound={"new_line": (project.pk, form)})


@login_required
@require_POST
def line_edit(request, line_id: int):
    line = _line(request, line_id)
    form = editor.line_form(line.project.plan, line, data=request.POST)
    return _save_line(request, form, line.project, bound={"line": (line.pk, form)})


def _save_line(request, form, project: Project, *, bound: dict):
    """A money line's form saved (with its warnings as messages), or the editor again with
    ``bound``, the form and its errors, where it was typed."""
    if not form.is_valid():
        return editor_page(request, project.plan, bound=bound)
    line = form.save(commit=False)
    _warn(request, money_lines.save_line(line, by=request.user, reason=form.cleaned_data["reason"]))
    messages.success(request, money_lines.saved_message(line))
    return _at(project)


@login_required
@require_POST
def line_archive(request, line_id: int):
    line = _line(request, line_id)
    reason = ArchiveForm.reason_in(request.POST)
    _warn(request, money_lines.archive_line(line, by=request.user, reason=reason))
    messages.success(request, money_lines.archived_message(line))
    return _at(line.project)
