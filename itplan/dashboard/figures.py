"""The dashboard's figures, each from one aggregate query over the (scoped, filtered) projects
and indicators; the UBND reports take the same functions, so a figure on the screen, in the PDF
and in the Excel file is the same number.

Money is ``budgets.rollup``'s (whole đồng); pages format it.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import Coalesce

from budgets.money import rate
from budgets.rollup import STAGES, Money
from indicators.achievement import (
    AT_RISK,
    LABELS,
    OFF_TRACK,
    ON_TRACK,
    UNKNOWN,
    with_actual_as_written,
    with_target_as_written,
)
from projects.models import Project
from projects.progress import DONE, current_period, owes_report, reported_counts
from provinces.models import Province, predecessor_names


def _project_counts(today: datetime.date, period: tuple[int, int | None] | None = None) -> dict:
    """Plans, projects, projects by status, late (past their end year and not done) and owing
    a report (``owes_report``) for ``period`` (the current one by default): aggregates for one
    query."""
    year, quarter = period or current_period(today)
    active = ~Q(status__in=DONE)
    return {
        "plans": Count("plan", distinct=True),
        "projects": Count("id"),
        "late": Count("id", filter=active & Q(end_year__lt=today.year)),
        "unreported": Count("id", filter=owes_report(year, quarter)),
        **reported_counts(year, quarter),  # "approved" and "submitted", never one "reported"
        **{f"status_{s}": Count("id", filter=Q(status=s)) for s in Project.Status.values},
    }


def _by_status(counts: dict) -> dict:
    figures = {key: value for key, value in counts.items() if not key.startswith("status_")}
    figures["by_status"] = [
        {"status": s, "label": label, "count": counts[f"status_{s}"]}
        for s, label in Project.Status.choices
    ]
    return figures


def project_figures(
    projects: QuerySet, today: datetime.date, period: tuple[int, int | None] | None = None
) -> dict:
    """The projects' headline figures (``_project_counts``), in one query."""
    return _by_status(projects.order_by().aggregate(**_project_counts(today, period)))


def national_figures(provinces: list, today: datetime.date) -> dict:
    """The same figures as ``project_figures``, as the sum of the provinces' rows (a plan is of
    one province, so its distinct count adds up too): no second pass over the projects."""
    return _by_status(
        {key: sum(row.counts.get(key, 0) for row in provinces) for key in _project_counts(today)}
    )


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
    (``indicators`` annotated by ``indicators.achievement.as_of``)."""
    # One CASE grouped on (not one per status: Django would compile the whole rule five times)
    rows = indicators.order_by().values("achievement").annotate(n=Count("id"))
    counts = dict.fromkeys(LABELS, 0) | {row["achievement"]: row["n"] for row in rows}
    counts["total"] = sum(counts[status] for status in LABELS)
    counts["by_status"] = [
        {"status": status, "label": LABELS[status], "count": counts[status]}
        for status in (ON_TRACK, AT_RISK, OFF_TRACK, UNKNOWN)
    ]
    return counts


def furthest_behind(indicators: QuerySet, date: datetime.date, limit: int = 15) -> list:
    """The indicators furthest behind time (then by name), with the raw values of their
    baseline, final target and measurement to show as the documents write them
    (``indicators`` annotated by ``as_of`` at ``date``)."""
    return list(
        with_actual_as_written(with_target_as_written(indicators), date)
        .annotate(gap=F("elapsed") - F("progress"))
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
    def approved(self):
        return self.counts.get("approved", 0)

    @property
    def submitted(self):
        return self.counts.get("submitted", 0)

    @property
    def disbursement_rate(self):
        return rate(self.disbursed, self.allocated)


def provinces_side_by_side(
    projects: QuerySet,
    money: Money,
    today: datetime.date,
    period: tuple[int, int | None] | None = None,
) -> list:
    """One row per province as it is today: a province merged in 2025 counts in the province it
    joined, whose row names it. ``money`` is the roll-up ``by_province``
    (``budgets.rollup.roll_up``); ``period`` the one reports are owed for (``_project_counts``)."""
    provinces = {p.pk: p for p in Province.objects.all()}
    rows: dict[int, ProvinceRow] = {}

    def row(pk: int) -> ProvinceRow:
        if pk not in rows:
            rows[pk] = ProvinceRow(provinces[pk])
        return rows[pk]

    group = Coalesce("plan__province__successor", "plan__province")
    counts = _project_counts(today, period)
    # By today's province and the plan's own: a row names the old provinces whose plans it
    # counts, not every one of the 63 merged into it. The groups part the projects, so their
    # counts add up.
    grouped = projects.order_by().values("plan__province", today_province=group)
    for item in grouped.annotate(**counts):
        own, target = item.pop("plan__province"), row(item.pop("today_province"))
        target.counts = {key: target.counts.get(key, 0) + value for key, value in item.items()}
        if own != target.province.pk:
            target.predecessors.append(provinces[own].name)
    for pk, stages in money.by_province.items():
        target = row(pk)
        for stage in STAGES:
            setattr(target, stage, stages[stage])
    for item in rows.values():
        item.predecessors = predecessor_names(item.province.name, item.predecessors)
    return sorted(rows.values(), key=lambda r: r.province.name)
