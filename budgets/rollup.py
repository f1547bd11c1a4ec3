"""The one money roll-up: need, allocated and disbursed (the budget lines' stages) in total, by
year, by source and capital type from ONE grouped query (and by province from a second).

Every page, the dashboards, the UBND report (HTML, PDF, Excel), the project page and the lists
take their money from ``roll_up``; a figure on the screen and in a document is the same number
because it is the same function.

Two kinds of rows carry the same columns (``year``, ``source``, ``capital_type``, ``stage``,
``amount``): budget lines, for any set of projects, and the plans' money summaries
(``MoneySummary``, a few dozen rows per plan), for whole plans. ``of_plans`` reads the
summaries, ``of_projects`` the lines; the result is the same either way (tests prove it).

The per-project need (a list's column) is an annotation on the projects: ``need_total`` and
``need_subquery``, here too so that every money sum lives in this module.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from budgets.models import BudgetLine, CapitalType, MoneySummary, Source, Stage
from budgets.money import rate

STAGES = tuple(Stage.values)
KEY = ("year", "source", "capital_type")
_SOURCE_ORDER = {value: n for n, value in enumerate(Source.values)}
_TYPE_ORDER = {value: n for n, value in enumerate(CapitalType.values)}


def _zero() -> dict:
    return dict.fromkeys(STAGES, 0)


def _order(field: str, value):
    """Sort key of one grouped value: years ascending with the whole period last, sources and
    capital types in their declared order."""
    if field == "source":
        return _SOURCE_ORDER[value]
    if field == "capital_type":
        return _TYPE_ORDER[value]
    return (value is None, value or 0)


@dataclass(frozen=True)
class Money:
    """Money of a set of projects in đồng. ``total`` is ``{"need", "allocated", "disbursed"}``;
    ``by_year``, ``by_source`` (source × capital type) and ``sources`` (source only) are lists
    of such dicts with their key and labels; ``by_province`` maps today's province id (a
    province merged in 2025 counts in its successor) to its stages, when asked for; ``lines``
    is how many budget lines were summed; ``rows`` the grouped rows everything is added from
    (each with ``counted``, its number of lines)."""

    total: dict
    by_year: list
    by_source: list
    sources: list
    by_province: dict
    lines: int
    rows: tuple

    @property
    def disbursement_rate(self):
        """Disbursed as a percentage of allocated (``budgets.money.rate``), None without an
        allocation."""
        return rate(self.total["disbursed"], self.total["allocated"])

    def by(self, *fields: str) -> list[dict]:
        """The stages side by side for each value of ``fields`` (among year, source,
        capital_type), in their order: ``by("year", "source")`` -> ``[{"year": 2014,
        "source": "local", "need": …, "allocated": …, "disbursed": …}, …]``."""
        return _grouped(self.rows, fields)

    def where(self, keep) -> "Money":
        """The money of the grouped rows that ``keep(row)`` keeps, added up as ``roll_up``
        adds: a report's year out of its cumulative figures, with no second query."""
        return _money(tuple(row for row in self.rows if keep(row)), {})


def _grouped(rows, fields) -> list[dict]:
    sums: dict = defaultdict(_zero)
    for row in rows:
        target = sums[tuple(row[f] for f in fields)]
        for stage in STAGES:
            target[stage] += row[stage]
    keys = sorted(sums, key=lambda key: [_order(f, v) for f, v in zip(fields, key, strict=True)])
    return [{**dict(zip(fields, key, strict=True)), **sums[key]} for key in keys]


def roll_up(rows: QuerySet, *, by_province: bool = False) -> Money:
    """The money of ``rows`` (budget lines or money summaries, already scoped and filtered) in
    one query: a GROUP BY year, source and capital type, one conditional sum per stage. With
    ``by_province``, a second GROUP BY of the same rows by today's province (a few dozen rows:
    grouped by province *and* year, source and capital type, a national roll-up read, converted
    and added up thousands of rows in Python)."""
    if rows.model is MoneySummary:
        counted = Sum("lines", default=0)
    else:
        counted = Count("id")
    grouped = rows.order_by().values(*KEY).annotate(**_sums(), counted=counted)
    found = tuple(sorted(grouped, key=lambda r: [_order(f, r[f]) for f in KEY]))
    provinces = {}
    if by_province:
        province = rows.model.province_lookup
        today = Coalesce(f"{province}__successor", province)
        for row in rows.order_by().values(province=today).annotate(**_sums()):
            provinces[row.pop("province")] = row
    return _money(found, provinces)


def roll_up_each(rows: QuerySet, key: str) -> dict:
    """``roll_up`` of ``rows`` for each value of ``key`` ("project", "plan"), in one query:
    ``{id: Money}`` (an id without rows is absent). The plan list's money per plan and the plan
    editor's money per project come from it."""
    if rows.model is MoneySummary:
        counted = Sum("lines", default=0)
    else:
        counted = Count("id")
    grouped = rows.order_by().values(key, *KEY).annotate(**_sums(), counted=counted)
    found: dict = defaultdict(list)
    for row in grouped:
        found[row.pop(key)].append(row)
    return {
        pk: _money(tuple(sorted(each, key=lambda r: [_order(f, r[f]) for f in KEY])), {})
        for pk, each in found.items()
    }


def combine(moneys: Iterable[Money]) -> Money:
    """The money of several ``Money`` added up, as ``roll_up`` of all their rows would give
    it: a report's whole from its projects' ``roll_up_each``, with no second query."""
    sums: dict = {}
    for money in moneys:
        for row in money.rows:
            key = tuple(row[f] for f in KEY)
            target = sums.setdefault(
                key, dict(zip(KEY, key, strict=True)) | _zero() | {"counted": 0}
            )
            for stage in (*STAGES, "counted"):
                target[stage] += row[stage]
    return _money(tuple(sorted(sums.values(), key=lambda r: [_order(f, r[f]) for f in KEY])), {})


def _sums() -> dict:
    return {stage: Sum("amount", filter=Q(stage=stage), default=0) for stage in STAGES}


def _money(rows: tuple, provinces: dict) -> Money:
    total = _zero()
    for row in rows:
        for stage in STAGES:
            total[stage] += row[stage]
    by_source = []
    for row in _grouped(rows, ("source", "capital_type")):
        source, capital = Source(row["source"]).label, CapitalType(row["capital_type"]).label
        by_source.append(
            {
                **row,
                "source_label": source,
                "capital_type_label": capital,
                "label": f"{source} · {capital}",
            }
        )
    return Money(
        total=total,
        by_year=_grouped(rows, ("year",)),
        by_source=by_source,
        sources=[
            {**row, "label": Source(row["source"]).label} for row in _grouped(rows, ("source",))
        ],
        by_province=provinces,
        lines=sum(row["counted"] for row in rows),
        rows=rows,
    )


def of_plans(plan_ids: Iterable[int] | QuerySet) -> Money:
    """The money of whole plans, from their summaries (a few dozen rows a plan)."""
    return roll_up(MoneySummary.objects.filter(plan__in=plan_ids))


def of_projects(projects: Iterable[int] | QuerySet) -> Money:
    """The money of any set of projects, from their budget lines."""
    return roll_up(BudgetLine.objects.filter(project__in=projects))


def need_total(path: str = "budget_lines") -> models.Sum:
    """An aggregate of the estimated need (stage "need") in đồng over the live (not archived)
    budget lines reached by ``path``: ``Project.objects.annotate(need=need_total())``,
    ``Plan.objects.annotate(need=need_total("projects__budget_lines"))``."""
    return stage_total(Stage.NEED, path)


def stage_total(stage: str, path: str = "budget_lines") -> models.Sum:
    """An aggregate of one stage (need, allocated, disbursed) in đồng over the live budget
    lines reached by ``path``, as ``need_total``: the project export's money columns."""
    live = {f"{path}__stage": stage, f"{path}__deletion__isnull": True}
    return Sum(f"{path}__amount", filter=Q(**live))


def need_subquery() -> models.Subquery:
    """A project's estimated need in đồng as a correlated subquery: for a page of a long list,
    where a join and GROUP BY would sum every project's lines before the page is cut."""
    return models.Subquery(
        BudgetLine.objects.filter(project=models.OuterRef("pk"), stage=Stage.NEED)
        .order_by()
        .values("project")
        .annotate(total=Sum("amount"))
        .values("total")
    )
