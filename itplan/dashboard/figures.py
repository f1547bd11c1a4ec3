"""The dashboard's figures, each from one aggregate query over the (scoped, filtered) projects,
budget lines and indicators; the UBND reports take the same functions, so a figure on the screen,
in the PDF and in the Excel file is the same number.

Money is whole đồng throughout; pages format it.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from budgets.models import CapitalType, Source, Stage
from budgets.money import rate
from indicators.achievement import AT_RISK, LABELS, OFF_TRACK, ON_TRACK, UNKNOWN
from indicators.models import IndicatorTarget, Measurement
from projects.models import Project
from projects.progress import DONE, current_period, reported_projects
from provinces.models import Province

STAGES = Stage.values


def _project_counts(today: datetime.date) -> dict:
    """Plans, projects, projects by status, late (past their end year and not done) and without
    a report for the current period: aggregates for one query."""
    year, quarter = current_period(today)
    active = ~Q(status__in=DONE)
    return {
        "plans": Count("plan", distinct=True),
        "projects": Count("id"),
        "late": Count("id", filter=active & Q(end_year__lt=today.year)),
        "unreported": Count("id", filter=active & ~Q(pk__in=reported_projects(year, quarter))),
        **{f"status_{s}": Count("id", filter=Q(status=s)) for s in Project.Status.values},
    }


def _by_status(counts: dict) -> dict:
    figures = {key: value for key, value in counts.items() if not key.startswith("status_")}
    figures["by_status"] = [
        {"status": s, "label": label, "count": counts[f"status_{s}"]}
        for s, label in Project.Status.choices
    ]
    return figures


def project_figures(projects: QuerySet, today: datetime.date) -> dict:
    """The projects' headline figures (``_project_counts``), in one query."""
    return _by_status(projects.order_by().aggregate(**_project_counts(today)))


def national_figures(provinces: list, today: datetime.date) -> dict:
    """The same figures as ``project_figures``, as the sum of the provinces' rows (a plan is of
    one province, so its distinct count adds up too): no second pass over the projects."""
    return _by_status(
        {key: sum(row.counts.get(key, 0) for row in provinces) for key in _project_counts(today)}
    )


@dataclass
class Money:
    """Need, allocated and disbursed: in total, by year, and by source and capital type."""

    total: dict
    by_year: list[dict]
    by_source: list[dict]  # by source and capital type
    sources: list[dict]  # by source only

    @property
    def disbursement_rate(self):
        return rate(self.total["disbursed"], self.total["allocated"])


def money(lines: QuerySet) -> Money:
    """One pass over the lines (budget lines, or the plans' money summaries that sum them),
    grouped by year, source and capital type; the totals, the years and the sources are sums of
    those few rows."""
    rows = lines.stages_by("year", "source", "capital_type")
    total = dict.fromkeys(STAGES, 0)
    years: dict = defaultdict(lambda: dict.fromkeys(STAGES, 0))
    sources: dict = defaultdict(lambda: dict.fromkeys(STAGES, 0))
    for row in rows:
        for stage in STAGES:
            total[stage] += row[stage]
            years[row["year"]][stage] += row[stage]
            sources[row["source"], row["capital_type"]][stage] += row[stage]
    by_year = [
        {"year": year, **sums}
        for year, sums in sorted(years.items(), key=lambda item: (item[0] is None, item[0]))
    ]
    source_order = {value: n for n, value in enumerate(Source.values)}
    type_order = {value: n for n, value in enumerate(CapitalType.values)}
    by_source = [
        {
            "source": source,
            "source_label": Source(source).label,
            "capital_type": capital_type,
            "capital_type_label": CapitalType(capital_type).label,
            "label": f"{Source(source).label} · {CapitalType(capital_type).label}",
            **sums,
        }
        for (source, capital_type), sums in sorted(
            sources.items(), key=lambda item: (source_order[item[0][0]], type_order[item[0][1]])
        )
    ]
    sources_only: dict = defaultdict(lambda: dict.fromkeys(STAGES, 0))
    for row in by_source:
        for stage in STAGES:
            sources_only[row["source"]][stage] += row[stage]
    sources_total = [
        {"source": source, "label": Source(source).label, **sources_only[source]}
        for source in Source.values
        if source in sources_only
    ]
    return Money(total, by_year, by_source, sources_total)


def by_agency(projects: QuerySet, today: datetime.date, limit: int = 12) -> list[dict]:
    """The lead agencies with the most projects: how many, completed, late."""
    return list(
        projects.order_by()
        .values("lead_agency", agency=F("lead_agency__name"))
        .annotate(
            projects=Count("id"),
            completed=Count("id", filter=Q(status=Project.Status.COMPLETED)),
            late=Count("id", filter=~Q(status__in=DONE) & Q(end_year__lt=today.year)),
        )
        .order_by("-projects", "agency")[:limit]
    )


def indicator_figures(indicators: QuerySet) -> dict:
    """How many indicators are on track, at risk, off track, or without the data to tell
    (``indicators`` annotated by ``with_achievement``)."""
    # One CASE grouped on (not one per status: Django would compile the whole rule five times)
    rows = indicators.order_by().values("achievement").annotate(n=Count("id"))
    counts = dict.fromkeys(LABELS, 0) | {row["achievement"]: row["n"] for row in rows}
    counts["total"] = sum(counts[status] for status in LABELS)
    counts["by_status"] = [
        {"status": status, "label": LABELS[status], "count": counts[status]}
        for status in (ON_TRACK, AT_RISK, OFF_TRACK, UNKNOWN)
    ]
    return counts


def furthest_behind(indicators: QuerySet, limit: int = 15) -> list:
    """The indicators furthest behind time (then by name), with the raw values of their
    baseline, final target and latest measurement to show as the documents write them."""
    targets = IndicatorTarget.objects.filter(indicator=OuterRef("pk")).order_by("-year")
    latest = Measurement.objects.filter(indicator=OuterRef("pk")).order_by("-date", "-id")
    return list(
        indicators.annotate(
            target_value=Subquery(targets.values("value")[:1]),
            target_denominator=Subquery(targets.values("denominator")[:1]),
            target_text=Subquery(targets.values("text")[:1]),
            actual_value=Subquery(latest.values("value")[:1]),
            actual_denominator=Subquery(latest.values("denominator")[:1]),
            actual_date=Subquery(latest.values("date")[:1]),
            gap=F("elapsed") - F("progress"),
        )
        .select_related("plan__province")
        .order_by(F("gap").desc(nulls_last=True), "name")[:limit]
    )


@dataclass
class ProvinceRow:
    province: Province
    predecessors: list[str] = field(default_factory=list)
    counts: dict = field(default_factory=dict)  # the province's ``_project_counts``
    need: int = 0
    allocated: int = 0
    disbursed: int = 0

    @property
    def plans(self):
        return self.counts.get("plans", 0)

    @property
    def projects(self):
        return self.counts.get("projects", 0)

    @property
    def completed(self):
        return self.counts.get(f"status_{Project.Status.COMPLETED}", 0)

    @property
    def unreported(self):
        return self.counts.get("unreported", 0)

    @property
    def disbursement_rate(self):
        return rate(self.disbursed, self.allocated)


def provinces_side_by_side(projects: QuerySet, lines: QuerySet, today: datetime.date) -> list:
    """One row per province as it is today: a province merged in 2025 counts in the province it
    joined, whose row names it."""
    provinces = {p.pk: p for p in Province.objects.all()}
    rows: dict[int, ProvinceRow] = {}

    def row(pk: int) -> ProvinceRow:
        if pk not in rows:
            rows[pk] = ProvinceRow(provinces[pk])
        return rows[pk]

    group = Coalesce("plan__province__successor", "plan__province")
    for item in projects.order_by().values(today_province=group).annotate(**_project_counts(today)):
        row(item.pop("today_province")).counts = item
    sums = {stage: Sum("amount", filter=Q(stage=stage), default=0) for stage in STAGES}
    province = lines.model.province_lookup  # budget lines or the plans' money summaries
    for item in (
        lines.order_by()
        .values(today_province=Coalesce(f"{province}__successor", province))
        .annotate(**sums)
    ):
        target = row(item["today_province"])
        for stage in STAGES:
            setattr(target, stage, item[stage])
    for province in provinces.values():
        if province.successor_id in rows:
            rows[province.successor_id].predecessors.append(province.name)
    return sorted(rows.values(), key=lambda r: r.province.name)
