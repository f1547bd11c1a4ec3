"""The plan page as an editor, for the staff who may change the plan: each project as a card
with its money lines, a form to add a line, the line or project being corrected as a form, and
a form to add a project. Reads in a fixed number of queries whatever the plan's size."""

from collections import defaultdict

from budgets.checks import money_warnings
from budgets.forms import BudgetLineForm
from budgets.lines import outside_period
from budgets.models import BudgetLine
from budgets.rollup import roll_up_each
from itplan.plans.forms import ProjectForm
from projects.models import Plan


def _number(request, name: str) -> int | None:
    value = request.GET.get(name, "")
    return int(value) if value.isdigit() else None


def new_line_form(plan: Plan, project_id: int, data=None) -> BudgetLineForm:
    return BudgetLineForm(data, plan=plan, auto_id=f"id_moi{project_id}_%s")


def line_form(plan: Plan, line: BudgetLine, data=None) -> BudgetLineForm:
    return BudgetLineForm(data, plan=plan, instance=line, auto_id=f"id_dong{line.pk}_%s")


def project_form(plan: Plan, project=None, data=None) -> ProjectForm:
    prefix = f"id_du_an{project.pk}_%s" if project is not None else "id_moi_%s"
    return ProjectForm(data, plan=plan, instance=project, auto_id=prefix)


def context(request, plan: Plan, projects: list, bound: dict) -> dict:
    """The editor's part of the plan page. ``bound`` holds a form posted with errors, shown
    where it was typed: ``{"new_project": form}``, ``{"project": (id, form)}``,
    ``{"new_line": (project id, form)}`` or ``{"line": (line id, form)}``."""
    lines = defaultdict(list)
    for line in BudgetLine.objects.filter(project__plan=plan).order_by(
        "project", "stage", "year", "source", "capital_type", "id"
    ):
        lines[line.project_id].append(line)
    money = roll_up_each(BudgetLine.objects.filter(project__plan=plan), "project")
    line_id, line_bound = bound.get("line", (_number(request, "sua-dong"), None))
    project_id, project_bound = bound.get("project", (_number(request, "sua-du-an"), None))
    new_line_for, new_line_bound = bound.get("new_line", (None, None))
    cards = []
    for project in projects:
        rows = [
            {
                "line": line,
                "outside": outside_period(line, plan),
                "form": (line_bound or line_form(plan, line)) if line.pk == line_id else None,
            }
            for line in lines[project.pk]
        ]
        own_money = money.get(project.pk)
        cards.append(
            {
                "project": project,
                "rows": rows,
                "money": own_money,
                "warnings": money_warnings(project, own_money) if own_money else [],
                "new_line": new_line_bound
                if new_line_for == project.pk
                else new_line_form(plan, project.pk),
                "form": (project_bound or project_form(plan, project))
                if project.pk == project_id
                else None,
            }
        )
    return {
        "cards": cards,
        "new_project": bound.get("new_project") or project_form(plan),
    }
