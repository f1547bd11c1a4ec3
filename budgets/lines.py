"""Writing a project's money lines from the portal (the plan editor and the project page): one
gate (``provinces.access``), the history with who and why, and the warnings a save leaves.

The warnings never block: a year outside the plan's period (saved only with a reason, which the
form asks for), money disbursed above the allocation (``budgets.checks.money_warnings``) and a
stated total of the plan that matched its lines before the save and no longer does
(``budgets.reconciliation``)."""

from django.db import transaction
from django.utils.translation import gettext as _

from budgets.checks import money_warnings
from budgets.models import BudgetLine
from budgets.money import with_unit
from budgets.reconciliation import reconcile
from projects import archive
from projects.models import Plan
from provinces import access


def _balanced(plan: Plan) -> set[int]:
    """The ids of the plan's stated totals that its lines add up to."""
    return {c.stated_total.pk for c in reconcile(plan).checks if c.matches}


def _unbalanced_since(plan: Plan, balanced: set[int]) -> list[str]:
    return [
        _(
            "Tổng “%(label)s” (%(scope)s) văn bản ghi %(stated)s, nay các dòng cộng lại "
            "%(computed)s: lệch %(difference)s."
        )
        % {
            "label": check.stated_total.label,
            "scope": check.scope_label,
            "stated": with_unit(check.stated_total.amount),
            "computed": with_unit(check.computed),
            "difference": with_unit(abs(check.difference)),
        }
        for check in reconcile(plan).checks
        if check.stated_total.pk in balanced and check.computed is not None and not check.matches
    ]


def outside_period(line: BudgetLine, plan: Plan) -> bool:
    """True when the line's year lies outside the plan's period (a line of the whole period,
    without a year, never does)."""
    return line.year is not None and not plan.start_year <= line.year <= plan.end_year


def outside_plan_period(plan: Plan) -> int:
    """How many of the plan's money lines have a year outside its period (after the period
    was changed, say)."""
    return (
        BudgetLine.objects.filter(project__plan=plan, year__isnull=False)
        .exclude(year__range=(plan.start_year, plan.end_year))
        .count()
    )


@transaction.atomic
def save_line(line: BudgetLine, *, by, reason: str = "") -> list[str]:
    """Add or correct ``line`` as ``by`` (refused unless ``access.can_change``), with ``reason``
    in its history; returns the warnings, in Vietnamese, that this save raises (those the
    project's money raised already stay beside its lines, not repeated)."""
    access.require_change(by, line)
    project = line.project
    plan = project.plan
    balanced = _balanced(plan)
    raised = set(money_warnings(project))
    line._history_user = by
    line._change_reason = reason or (
        _("Thêm dòng kinh phí trên cổng") if line.pk is None else _("Sửa dòng kinh phí trên cổng")
    )
    line.save()
    warnings = []
    if outside_period(line, plan):
        warnings.append(
            _("Năm %(year)s nằm ngoài giai đoạn %(start)s–%(end)s của kế hoạch (lý do: %(why)s).")
            % {"year": line.year, "start": plan.start_year, "end": plan.end_year, "why": reason}
        )
    warnings += [warning for warning in money_warnings(project) if warning not in raised]
    return warnings + _unbalanced_since(plan, balanced)


@transaction.atomic
def archive_line(line: BudgetLine, *, by, reason: str = "") -> list[str]:
    """Archive ``line`` (``projects.archive``: never deleted, restorable by an administrator) as
    ``by``; returns the stated totals it put out of balance, as Vietnamese sentences."""
    access.require_change(by, line)
    plan = line.project.plan
    balanced = _balanced(plan)
    archive.archive(line, by=by, reason=reason or _("Xoá dòng kinh phí trên cổng"))
    return _unbalanced_since(plan, balanced)


def archived_message(line: BudgetLine) -> str:
    """What an archive says: "Đã xoá dòng kinh phí 800 triệu đồng." """
    return _("Đã xoá dòng kinh phí %(amount)s.") % {"amount": with_unit(line.amount)}


def saved_message(line: BudgetLine) -> str:
    """What a save says: "Đã ghi bố trí 800 triệu đồng năm 2022." ("cả giai đoạn" without a
    year)."""
    return _("Đã ghi %(stage)s %(amount)s %(year)s.") % {
        "stage": line.get_stage_display().lower(),
        "amount": with_unit(line.amount),
        "year": _("năm %s") % line.year if line.year else _("cả giai đoạn"),
    }
