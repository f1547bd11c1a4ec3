"""Reconciliation: what a plan document states against what its rows add up to.

Stated totals are kept as the document writes them; every difference, every impossible year and
every project whose own estimate disagrees with its budget lines is listed, never corrected.
"""

from dataclasses import dataclass, field

from django.db.models import Sum
from django.utils.translation import gettext as _

from budgets.models import BudgetLine, CapitalType, Stage, StatedTotal
from budgets.money import in_unit, with_unit
from projects.models import Plan, Project


@dataclass
class StatedCheck:
    stated_total: StatedTotal
    computed: int | None  # None: the rows do not carry the dimension the total is scoped by

    @property
    def difference(self) -> int | None:
        """Computed minus stated, in đồng (None when it cannot be computed)."""
        return None if self.computed is None else self.computed - self.stated_total.amount

    @property
    def matches(self) -> bool:
        return self.difference == 0

    @property
    def scope_label(self) -> str:
        """The scope in words: "Phụ lục 1 · nhóm I · năm 2014 · Địa phương · Bố trí"."""
        t = self.stated_total
        parts = [
            t.appendix,
            _("nhóm %s") % (t.group.ref or t.group.title) if t.group_id else "",
            _("năm %s") % t.year if t.year else _("cả giai đoạn"),
            t.get_source_display() if t.source else "",
            t.sub_source,
            t.get_capital_type_display() if t.capital_type else "",
            t.get_measure_display()
            if t.measure == StatedTotal.Measure.ESTIMATE
            else t.get_stage_display(),
        ]
        return " · ".join(str(p) for p in parts if p)

    def display(self) -> dict:
        """The check as the plan page shows it, amounts in triệu đồng."""
        return {
            "label": self.stated_total.label,
            "where": self.stated_total.where,
            "scope": self.scope_label,
            "stated": in_unit(self.stated_total.amount),
            "computed": in_unit(self.computed),
            "difference": in_unit(self.difference),
            "matches": self.matches,
        }


@dataclass
class PlanReconciliation:
    plan: Plan
    projects: int
    checks: list[StatedCheck]
    computed: dict
    anomalies: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # the anomalies beyond the differences

    @property
    def differences(self) -> list[StatedCheck]:
        """The stated totals that the rows, computed, do not add up to."""
        return [c for c in self.checks if c.computed is not None and not c.matches]

    def display(self) -> dict:
        """The reconciliation as the plan page shows it."""
        return {
            "rows": [c.display() for c in self.checks],
            "total": with_unit(self.computed["total"]),
            "anomalies": self.anomalies,
        }

    def as_json(self) -> dict:
        """The plan's reconciliation as plain JSON data, amounts in đồng."""
        return {
            "document": self.plan.document_number,
            "province": self.plan.province.name,
            "projects": self.projects,
            "stated": [
                {
                    "label": c.stated_total.label,
                    "where": c.stated_total.where,
                    "scope": _scope(c.stated_total),
                    "amount": c.stated_total.amount,
                    "computed": c.computed,
                    "difference": c.difference,
                }
                for c in self.checks
            ],
            "computed": self.computed,
            "anomalies": self.anomalies,
        }


def _scope(stated: StatedTotal) -> dict:
    scope = {"measure": stated.measure, "stage": stated.stage}
    for name in ("appendix", "source", "sub_source", "capital_type"):
        if getattr(stated, name):
            scope[name] = getattr(stated, name)
    if stated.group_id:
        scope["group"] = stated.group.ref or stated.group.title
    if stated.year:
        scope["year"] = stated.year
    return scope


def _in_scope(lines, stated: StatedTotal):
    """``lines`` (budget lines or projects, by ``prefix``) narrowed to the stated total's scope."""
    filters = {}
    if stated.appendix:
        filters["project__group__appendix"] = stated.appendix
    if stated.group_id:
        filters["project__group"] = stated.group_id
    if stated.year:
        filters["year"] = stated.year
    if stated.source:
        filters["source"] = stated.source
    if stated.sub_source:
        filters["sub_source"] = stated.sub_source
    if stated.capital_type:
        filters["capital_type"] = stated.capital_type
    return lines.filter(stage=stated.stage, **filters)


def _computed_for(stated: StatedTotal, lines, projects, years_given: bool) -> int | None:
    if stated.year and not years_given:
        return None
    if stated.measure == StatedTotal.Measure.ESTIMATE:
        scoped = projects
        if stated.appendix:
            scoped = scoped.filter(group__appendix=stated.appendix)
        if stated.group_id:
            scoped = scoped.filter(group=stated.group_id)
        return scoped.aggregate(total=Sum("estimate"))["total"] or 0
    return _in_scope(lines, stated).total()


def computed_totals(plan: Plan) -> dict:
    """The plan's estimated need (stage "need") summed over its budget lines, in đồng:
    total, by source, capital type and year ("" = whole period), and every stage's total."""
    lines = BudgetLine.objects.for_plan(plan)
    need = lines.filter(stage=Stage.NEED)
    by_year = {
        str(year or ""): total
        for year, total in sorted(need.sums_by("year").items(), key=lambda item: item[0] or 0)
    }
    result = {
        "total": need.total(),
        "by_source": need.sums_by("source"),
        "by_capital_type": need.sums_by("capital_type"),
        "by_year": by_year,
        "by_stage": lines.sums_by("stage"),
    }
    appendices = need.order_by().values_list("project__group__appendix", flat=True).distinct()
    if len(set(appendices)) > 1:
        result["by_appendix"] = need.sums_by("project__group__appendix")
    return result


def reconcile(plan: Plan) -> PlanReconciliation:
    """Compare each of ``plan``'s stated totals with the sum computed over its scope, and list
    every discrepancy and impossible year as a Vietnamese sentence."""
    lines = BudgetLine.objects.for_plan(plan)
    projects = Project.objects.filter(plan=plan)
    years_given = lines.filter(year__isnull=False).exists()
    checks = [
        StatedCheck(stated, _computed_for(stated, lines, projects, years_given))
        for stated in plan.stated_totals.select_related("group")
    ]
    unchecked = [c for c in checks if c.computed is None]
    differences = [
        _(
            "“%(label)s” (%(where)s): văn bản ghi %(stated)s, các dòng cộng lại %(computed)s, "
            "chênh lệch %(diff)s."
        )
        % {
            "label": c.stated_total.label,
            "where": c.stated_total.where or _("không rõ vị trí"),
            "stated": with_unit(c.stated_total.amount),
            "computed": with_unit(c.computed),
            "diff": with_unit(abs(c.difference)),
        }
        for c in checks
        if c.computed is not None and not c.matches
    ]
    notes = []
    if unchecked:
        notes.append(
            _(
                "%(count)s tổng số theo năm không đối chiếu được: các dòng dự án của văn bản không "
                "chia kinh phí theo năm."
            )
            % {"count": len(unchecked)}
        )
    unspecified = lines.filter(capital_type=CapitalType.UNSPECIFIED, stage=Stage.NEED)
    if unspecified.exists() and any(c.stated_total.capital_type for c in checks):
        notes.append(
            _(
                "%(count)s dòng kinh phí (tổng %(total)s) không ghi loại vốn nên không được tính "
                "vào các tổng theo vốn đầu tư phát triển hay sự nghiệp."
            )
            % {"count": unspecified.count(), "total": with_unit(unspecified.total())}
        )
    notes += _project_anomalies(plan, projects)
    return PlanReconciliation(
        plan=plan,
        projects=projects.count(),
        checks=checks,
        computed=computed_totals(plan),
        anomalies=differences + notes,
        notes=notes,
    )


def _project_anomalies(plan: Plan, projects) -> list[str]:
    found = []
    need_sums = dict(
        BudgetLine.objects.for_plan(plan)
        .filter(stage=Stage.NEED)
        .order_by()
        .values_list("project")
        .annotate(total=Sum("amount"))
    )
    for project in projects:
        label = f"{project.ref} {project}".strip()
        for problem in project.period_problems:
            found.append(
                _("Dự án “%(project)s”: %(problem)s.") % {"project": label, "problem": problem}
            )
        # In a multi-year plan a row's estimate is the sum of its cells; an annual plan's
        # estimate is the project's whole cost, beyond the year the plan funds.
        total = need_sums.get(project.pk)
        multi_year = plan.start_year < plan.end_year
        if multi_year and project.estimate is not None and total is not None:
            if total != project.estimate:
                found.append(
                    _(
                        "Dự án “%(project)s”: dự kiến kinh phí %(estimate)s, các dòng kinh phí "
                        "cộng lại %(total)s."
                    )
                    % {
                        "project": label,
                        "estimate": with_unit(project.estimate),
                        "total": with_unit(total),
                    }
                )
    return found
