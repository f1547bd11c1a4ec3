"""Reconciliation: what a plan document states against what its rows add up to.

Stated totals are kept as the document writes them; every difference, every impossible year and
every project whose own estimate disagrees with its budget lines is listed, never corrected.

One rule computes a stated total's figure: ``figure(rows, scope)``, over the plan's budget lines
summed by every dimension a scope can name (``Rows``). ``reconcile`` and ``reconcile_many`` read
those rows for any number of plans in three queries; the appendix import builds the same rows
from the lines it is about to write and calls the same ``figure``.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from budgets.models import BudgetLine, CapitalType, Stage, StatedTotal
from budgets.money import in_unit, with_unit
from budgets.rollup import need_total
from projects.models import Plan, Project, ProjectGroup


@dataclass(frozen=True)
class LineSum:
    """Budget lines of one plan summed by every dimension a stated total can be scoped by.
    ``group`` is any key naming the project group (an id, or a parsed group's key); ``appendix``
    is the group's appendix, None for a project without group."""

    appendix: str | None
    group: object
    year: int | None
    source: str
    sub_source: str
    capital_type: str
    stage: str
    amount: int  # đồng
    lines: int = 1


@dataclass(frozen=True)
class EstimateSum:
    """The projects' own estimates ("Tổng mức đầu tư") summed by appendix and group; a project
    without estimate adds nothing."""

    appendix: str | None
    group: object
    amount: int  # đồng


@dataclass(frozen=True)
class Scope:
    """What a stated total covers; a blank field (or None) is not a restriction."""

    measure: str = StatedTotal.Measure.BUDGET
    stage: str = Stage.NEED
    appendix: str = ""
    group: object = None
    year: int | None = None
    source: str = ""
    sub_source: str = ""
    capital_type: str = ""

    @classmethod
    def of(cls, stated: StatedTotal) -> "Scope":
        return cls(
            measure=stated.measure,
            stage=stated.stage,
            appendix=stated.appendix,
            group=stated.group_id,
            year=stated.year,
            source=stated.source,
            sub_source=stated.sub_source,
            capital_type=stated.capital_type,
        )


@dataclass
class Rows:
    """The rows every figure of one plan is computed from. ``ancestors`` maps a group (as the
    rows name it) to the groups it lies in: a stated total of group A covers the rows of its
    sub-groups I, II… and theirs, at any depth."""

    lines: list[LineSum]
    estimates: list[EstimateSum]
    ancestors: dict = field(default_factory=dict)

    def in_group(self, group, scope_group) -> bool:
        """Whether a row of ``group`` counts in a total scoped to ``scope_group``."""
        return (
            scope_group is None
            or group == scope_group
            or scope_group in self.ancestors.get(group, ())
        )

    @property
    def years_given(self) -> bool:
        """Whether any line carries a year: without, a total scoped by year cannot be checked."""
        return any(line.year is not None for line in self.lines)


def grouped_lines(lines: Iterable[LineSum]) -> list[LineSum]:
    """``lines`` (one per budget line, say) summed by every scope dimension."""
    sums: dict[tuple, list[int]] = {}
    for line in lines:
        key = (
            line.appendix,
            line.group,
            line.year,
            line.source,
            line.sub_source,
            line.capital_type,
            line.stage,
        )
        total = sums.setdefault(key, [0, 0])
        total[0] += line.amount
        total[1] += line.lines
    return [LineSum(*key, amount, count) for key, (amount, count) in sums.items()]


def grouped_estimates(projects: Iterable[tuple[str | None, object, int | None]]) -> list:
    """``(appendix, group, estimate)`` of each project summed by appendix and group."""
    sums: dict[tuple, int] = defaultdict(int)
    for appendix, group, estimate in projects:
        sums[(appendix, group)] += estimate or 0
    return [EstimateSum(appendix, group, amount) for (appendix, group), amount in sums.items()]


def figure(rows: Rows, scope: Scope) -> int | None:
    """What the rows add up to over ``scope``, in đồng: the budget lines of the scope's stage
    (``measure=budget``) or the projects' own estimates (``measure=estimate``, narrowed only by
    appendix and group). A group's scope holds its sub-groups' rows. None when the scope names a
    year and no line carries one."""
    if scope.year and not rows.years_given:
        return None
    if scope.measure == StatedTotal.Measure.ESTIMATE:
        return sum(
            row.amount
            for row in rows.estimates
            if (not scope.appendix or row.appendix == scope.appendix)
            and rows.in_group(row.group, scope.group)
        )
    return sum(
        row.amount
        for row in rows.lines
        if row.stage == scope.stage
        and (not scope.appendix or row.appendix == scope.appendix)
        and rows.in_group(row.group, scope.group)
        and (not scope.year or row.year == scope.year)
        and (not scope.source or row.source == scope.source)
        and (not scope.sub_source or row.sub_source == scope.sub_source)
        and (not scope.capital_type or row.capital_type == scope.capital_type)
    )


def _sums_by(lines: list[LineSum], attribute: str) -> dict:
    sums: dict = defaultdict(int)
    for line in lines:
        sums[getattr(line, attribute)] += line.amount
    return dict(sums)


def totals(rows: Rows) -> dict:
    """The estimated need (stage "need") over the rows, in đồng: total, by source, capital type
    and year ("" = whole period), every stage's total, and by appendix when there are several."""
    need = [line for line in rows.lines if line.stage == Stage.NEED]
    by_year = _sums_by(need, "year")
    result = {
        "total": sum(line.amount for line in need),
        "by_source": _sums_by(need, "source"),
        "by_capital_type": _sums_by(need, "capital_type"),
        "by_year": {
            str(year or ""): by_year[year] for year in sorted(by_year, key=lambda y: y or 0)
        },
        "by_stage": _sums_by(rows.lines, "stage"),
    }
    if len({line.appendix for line in need}) > 1:
        result["by_appendix"] = _sums_by(need, "appendix")
    return result


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
            _("nhóm %s") % t.group.short_name if t.group_id else "",
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
        scope["group"] = stated.group.short_name
    if stated.year:
        scope["year"] = stated.year
    return scope


def _plan_rows(plan_ids: list[int]) -> dict[int, Rows]:
    """Each plan's ``Rows`` in two queries: its budget lines summed by every scope dimension
    with the groups their group lies in, and its projects (whose estimates are summed here)."""
    rows = {pk: Rows([], []) for pk in plan_ids}
    lines = (
        BudgetLine.objects.filter(project__plan__in=plan_ids)
        .order_by()
        .values_list(
            "project__plan",
            "project__group__appendix",
            "project__group",
            "project__group__path",
            "year",
            "source",
            "sub_source",
            "capital_type",
            "stage",
        )
        .annotate(amount=Sum("amount"), lines=Count("id"))
    )
    for plan_id, appendix, group, path, *key, amount, count in lines:
        rows[plan_id].lines.append(LineSum(appendix, group, *key, amount, count))
        if path:
            rows[plan_id].ancestors[group] = ProjectGroup.ids_in(path)
    return rows


def reconcile_many(
    plans: Iterable[Plan], *, projects: Iterable[Project] | None = None
) -> list[PlanReconciliation]:
    """``reconcile`` for each of ``plans``, in the same order, in three queries whatever their
    number and their stated totals'. A caller that has loaded every project of the plans with
    their group and ``need=need_total()`` passes them and spares one."""
    plans = list(plans)
    ids = [plan.pk for plan in plans]
    if projects is None:
        projects = (
            Project.objects.filter(plan__in=ids).select_related("group").annotate(need=need_total())
        )
    by_plan: dict[int, list[Project]] = defaultdict(list)
    for project in projects:
        by_plan[project.plan_id].append(project)
    return _reconcile(plans, by_plan)


def reconcile(plan: Plan, *, projects: Iterable[Project] | None = None) -> PlanReconciliation:
    """Compare each of ``plan``'s stated totals with the sum computed over its scope, and list
    every discrepancy and impossible year as a Vietnamese sentence (three queries). A page that
    has loaded the plan's ``projects`` with their group and ``need=need_total()`` passes them
    and spares one."""
    if projects is None:
        return reconcile_many([plan])[0]
    return _reconcile([plan], {plan.pk: list(projects)})[0]


def _reconcile(plans: list[Plan], projects: dict[int, list[Project]]) -> list:
    ids = [plan.pk for plan in plans]
    rows = _plan_rows(ids)
    stated: dict[int, list[StatedTotal]] = defaultdict(list)
    for total in StatedTotal.objects.filter(plan__in=ids).select_related("group__parent"):
        stated[total.plan_id].append(total)
    for plan_id, members in projects.items():
        members.sort(key=lambda p: (p.order, p.pk))
        rows[plan_id].estimates = grouped_estimates(
            (p.group.appendix if p.group else None, p.group_id, p.estimate) for p in members
        )
        rows[plan_id].ancestors.update(
            {p.group_id: p.group.ancestor_ids for p in members if p.group_id and p.group.path}
        )
    return [
        _reconciliation(plan, rows[plan.pk], stated[plan.pk], projects[plan.pk]) for plan in plans
    ]


def computed_totals(plan: Plan) -> dict:
    """The plan's estimated need (stage "need") summed over its budget lines, in đồng:
    total, by source, capital type and year ("" = whole period), and every stage's total."""
    return totals(_plan_rows([plan.pk])[plan.pk])


def _reconciliation(
    plan: Plan, rows: Rows, stated: list[StatedTotal], projects: list[Project]
) -> PlanReconciliation:
    checks = [StatedCheck(total, figure(rows, Scope.of(total))) for total in stated]
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
    unspecified = [
        line
        for line in rows.lines
        if line.capital_type == CapitalType.UNSPECIFIED and line.stage == Stage.NEED
    ]
    by_capital_type = (CapitalType.INVESTMENT, CapitalType.RECURRENT)
    if unspecified and any(c.stated_total.capital_type in by_capital_type for c in checks):
        notes.append(
            _(
                "%(count)s dòng kinh phí (tổng %(total)s) không ghi loại vốn nên không được tính "
                "vào các tổng theo vốn đầu tư phát triển hay sự nghiệp."
            )
            % {
                "count": sum(line.lines for line in unspecified),
                "total": with_unit(sum(line.amount for line in unspecified)),
            }
        )
    notes += _project_anomalies(plan, projects)
    return PlanReconciliation(
        plan=plan,
        projects=len(projects),
        checks=checks,
        computed=totals(rows),
        anomalies=differences + notes,
        notes=notes,
    )


def _project_anomalies(plan: Plan, projects: list[Project]) -> list[str]:
    found = []
    for project in projects:
        label = f"{project.ref} {project}".strip()
        for problem in project.period_problems:
            found.append(
                _("Dự án “%(project)s”: %(problem)s.") % {"project": label, "problem": problem}
            )
        # In a multi-year plan a row's estimate is the sum of its cells; an annual plan's
        # estimate is the project's whole cost, beyond the year the plan funds.
        total = project.need  # None without need lines
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
