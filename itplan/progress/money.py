"""Money entry on the project page: record an allocation or a disbursement, correct or archive
any of the project's lines. The same form (``budgets.forms.BudgetLineForm``) and the same
service (``budgets.lines``) as the plan editor: one rule for a year outside the plan's period,
the warnings and the history."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from budgets import lines as money_lines
from itplan.plans.forms import ArchiveForm
from itplan.progress.forms import MoneyReportForm
from projects.models import Project


def _back(project: Project):
    return redirect(reverse("project_detail", args=[project.pk]) + "#kinh-phi")


def post(request, project: Project):
    """Handle a money POST of a user who may change ``project``: a response (redirect) once
    written, else the bound forms with their errors, for the page (``{"new": form}`` or
    ``{"line": (id, form)}``)."""
    plan = project.plan
    if "archive_line" in request.POST:
        line = get_object_or_404(project.budget_lines, pk=request.POST["archive_line"])
        reason = ArchiveForm.reason_in(request.POST)
        for warning in money_lines.archive_line(line, by=request.user, reason=reason):
            messages.warning(request, warning)
        messages.success(request, money_lines.archived_message(line))
        return _back(project), {}
    if "line" in request.POST:
        line = get_object_or_404(project.budget_lines, pk=request.POST["line"])
        form = MoneyReportForm(
            request.POST, instance=line, plan=plan, any_stage=True, auto_id=f"id_dong{line.pk}_%s"
        )
        bound = {"line": (line.pk, form)}
    else:
        form = MoneyReportForm(request.POST, plan=plan)
        form.instance.project = project
        bound = {"new": form}
    if not form.is_valid():
        return None, bound
    line = form.save(commit=False)
    warnings = money_lines.save_line(line, by=request.user, reason=form.cleaned_data["reason"])
    for warning in warnings:
        messages.warning(request, warning)
    messages.success(request, money_lines.saved_message(line))
    return _back(project), {}


def context(request, project: Project, lines, bound: dict) -> dict:
    """The page's money forms: the entry form (open when it has errors) and the line being
    corrected (``?sua-dong=<id>``, or posted with errors) as a form in its row."""
    plan = project.plan
    new = bound.get("new") or MoneyReportForm(plan=plan)
    wanted = request.GET.get("sua-dong", "")
    line_id, line_form = bound.get("line", (int(wanted) if wanted.isdigit() else None, None))
    rows = []
    for line in lines:
        form = None
        if line.pk == line_id:
            form = line_form or MoneyReportForm(
                instance=line, plan=plan, any_stage=True, auto_id=f"id_dong{line.pk}_%s"
            )
        rows.append({"line": line, "outside": money_lines.outside_period(line, plan), "form": form})
    return {"money_form": new, "money_open": bool(new.errors), "lines": rows}
