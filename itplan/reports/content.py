"""What a UBND report says, as plain data: the figures of the dashboard (``itplan.dashboard``)
over the report's scope (the dashboard's filter parameters: a plan is ``ke_hoach``, a province
``tinh``) and period.

The result holds only numbers and text (JSON), so an issued report keeps it as it was, and the
HTML, the PDF and the Excel file are all drawn from the same dictionary. Money is whole đồng.
"""

import datetime
from types import SimpleNamespace

from django.db.models import Exists, F, Max, Min, OuterRef, Q, Subquery
from django.utils.translation import gettext as _

from budgets.models import BudgetLine, MoneySummary, Stage
from budgets.money import in_words
from budgets.reconciliation import PlanReconciliation, reconcile_many
from budgets.rollup import Money, combine, need_subquery, roll_up, roll_up_each
from indicators.achievement import (
    as_of,
    with_actual_as_written,
    with_target_as_written,
)
from indicators.achievement import label as achievement_label
from indicators.models import Indicator, IndicatorTarget, Measurement
from itplan.dashboard import figures as dashboard
from itplan.plans import filters
from itplan.plans.filters import BudgetLineFilter, IndicatorFilter, ProjectFilter
from itplan.reports.period import Period, plan_years_of
from projects.models import Plan, Project, StatusUpdate, period_label
from provinces.access import membership, scope, sees_all

# The filter parameters a report keeps: the dashboard's, without sorting, paging or export.
PARAMS = ("tinh", "ke_hoach", "don_vi", "tinh_trang", "q", "nam", "nguon", "loai_von")


class ReportError(ValueError):
    """A scope the user may not report on, or cannot be read; the message says why."""


def clean_params(query) -> dict:
    """The report's scope from a query string (a ``QueryDict`` or a dict): the filter only."""
    return {key: str(query.get(key)) for key in PARAMS if query.get(key) not in (None, "")}


def build(*, params: dict, period: Period, user, today: datetime.date) -> dict:
    """The report's content for ``user`` (whose scope bounds it) as JSON data. Raises
    ``ReportError`` naming a parameter outside the user's scope or unreadable."""
    request = SimpleNamespace(user=user)
    projects = ProjectFilter(params, queryset=scope(Project.objects.all(), user), request=request)
    if not projects.is_valid():
        problems = "; ".join(
            f"{projects.form.fields[name].label}: {' '.join(errors)}"
            for name, errors in projects.form.errors.items()
        )
        raise ReportError(
            _("Phạm vi báo cáo không hợp lệ (%(problems)s).") % {"problems": problems}
        )
    chosen = projects.form.cleaned_data
    plan, province = chosen.get("ke_hoach"), chosen.get("tinh")
    if province is None and plan is not None:
        province = plan.province
    if province is None and not sees_all(user):  # staff and leaders report on their province
        member = membership(user)
        province = member.province if member and member.province_id else None
    plans = scope(Plan.objects.select_related("province"), user).order_by("issue_date")
    if province is not None:
        plans = plans.filter(Q(province=province) | Q(province__successor=province))
    national = province is None
    if plan is not None:  # the filter has read it, within the user's scope
        listed, plan_count, years = [plan], 1, plan_years_of([plan])
    elif national:  # thousands of plans: the first ten, their number and years by aggregates
        listed, plan_count = list(plans[:10]), plans.count()
        years = plans.aggregate(start=Min("start_year"), end=Max("end_year"))
    else:  # a province's plans: read once
        listed = list(plans)
        plan_count, years = len(listed), plan_years_of(listed)
    plan_years = (years["start"], years["end"]) if years["start"] else None
    end = period.end(today)
    # Progress reports are by quarter: a quarter's report says who has not sent theirs
    owing = (period.year, period.quarter) if period.quarter else None

    lines = BudgetLineFilter(
        params, queryset=scope(BudgetLine.objects.all(), user), request=request
    )
    # From the plans' first year to the period's (lũy kế): none for the whole plan period
    start = plan_years[0] if plan_years else None
    cumulative = period.cumulative_lines(start)
    wanted = period.lines() if cumulative is None else period.lines() | cumulative
    if national:  # the plans' summaries, by province
        money_rows = filters.money_rows(lines, scope(MoneySummary.objects.all(), user))
        money = roll_up(money_rows.filter(period.lines()), by_province=True)
        cumulative_money = None if cumulative is None else roll_up(money_rows.filter(cumulative))
        by_project = {}
    else:  # one grouped query gives each project's money, and the whole as their sum
        by_project = roll_up_each(lines.qs.filter(wanted), "project")
        whole = combine(by_project.values())
        money = whole.where(lambda row: period.takes(row["year"]))
        cumulative_money = None
        if cumulative is not None:
            cumulative_money = whole.where(lambda row: period.accumulates(row["year"], start))
    if national:  # the nation's figures are the sum of its provinces' rows: one pass
        provinces = dashboard.provinces_side_by_side(projects.qs, money, today, owing)
        figures = dashboard.national_figures(provinces, today)
    else:
        figures = dashboard.project_figures(projects.qs, today, owing)
    data = {
        "scope": {
            "params": params,
            "national": national,
            "province": province.name if province else "",
            "province_id": province.pk if province else None,
            "plan": _plan(plan) if plan else None,
            "plans": [_plan(p) for p in listed[:10]],
            "plan_count": plan_count,
            "filter": _describe(projects.form, params),
        },
        "period": {
            "code": period.code,
            "label": period.label(plan_years),
            "end": end.isoformat(),
            "cumulative_label": period.cumulative_label(plan_years[0] if plan_years else None),
            # Money is planned by year: a quarter's or half-year's money is its year's
            "money_year": period.year if period.quarter or period.half else None,
        },
        "today": today.isoformat(),
        "figures": _figures(figures, owing),
        "money": _money(money) | {"cumulative": _stages_and_rate(cumulative_money)},
    }
    indicators = scope(Indicator.objects.all(), user)
    indicator_params = {k: v for k, v in params.items() if k in ("tinh", "ke_hoach")}
    indicators = IndicatorFilter(indicator_params, queryset=indicators, request=request).qs
    if national:
        data["provinces"] = [
            {
                "name": row.province.name,
                "predecessors": row.predecessors,
                "plans": row.plans,
                "projects": row.projects,
                "completed": row.completed,
                "need": row.need,
                "allocated": row.allocated,
                "disbursed": row.disbursed,
            }
            for row in provinces
        ]
        counts = dashboard.indicator_figures(as_of(due(indicators, end), end))
        data["indicator_counts"] = [
            {"label": str(row["label"]), "count": row["count"]} for row in counts["by_status"]
        ]
        # Tens of thousands of projects: their difficulties are the provinces' reports' to tell
        data["difficulties"] = data["proposals"] = ""
    else:
        rows = list(
            projects.qs.select_related("plan", "group", "lead_agency")
            .annotate(need=need_subquery(), **_latest_report(period))
            .order_by("plan__issue_date", "plan", "group__order", "order", "id")
        )
        latest = {
            row.pk: {
                "project__name": row.name,
                **{name: getattr(row, f"report_{name}") for name in REPORT_FIELDS},
            }
            for row in rows
            if row.report_year is not None
        }
        data["difficulties"] = _gathered(latest, "difficulties")
        data["proposals"] = _gathered(latest, "proposals")
        data["projects"] = _projects(rows, latest, _project_money(by_project, period, start))
        data["indicators"] = _indicators(due(indicators, end), end)
        # Unfiltered, the report's projects are its plans' whole: reconciliation reuses them
        whole = rows if set(params) <= {"tinh", "ke_hoach"} else None
        data["reconciliation"] = [
            check for check in map(_reconciliation, reconcile_many(listed, projects=whole)) if check
        ]
    return data


def _describe(form, params: dict) -> str:
    """The filter beyond the province and plan, as the dashboard's form names it:
    "Tình trạng: Đang thực hiện; Năm: 2014"."""
    parts = []
    for name in params:
        value = form.cleaned_data.get(name)
        if name in ("tinh", "ke_hoach") or value in (None, ""):
            continue
        field = form.fields[name]
        shown = (
            dict(getattr(field, "choices", ())).get(value, value)
            if isinstance(value, str)
            else value
        )
        parts.append(f"{field.label}: {shown}")
    return "; ".join(parts)


def _plan(plan: Plan) -> dict:
    return {
        "number": plan.document_number,
        "date": plan.issue_date.isoformat(),
        "title": plan.title,
        "province": plan.province.name,
        "years": [plan.start_year, plan.end_year],
    }


def _figures(figures: dict, owing: tuple[int, int] | None) -> dict:
    """The project figures; ``unreported`` (``owes_report``) for a quarter's report only."""
    projects = figures["projects"]
    owed = {"unreported": figures["unreported"]} if owing else {}
    return owed | {
        "plans": figures["plans"],
        "projects": projects,
        "late": figures["late"],
        "by_status": [
            {
                "status": row["status"],
                "label": str(row["label"]),
                "count": row["count"],
                "share": round(100 * row["count"] / projects) if projects else 0,  # %
            }
            for row in figures["by_status"]
        ],
    }


def _money(money: Money) -> dict:
    stages = Stage.values
    return {
        "lines": money.lines,  # none: the period has no money to report, not a zero
        "total": money.total,
        "words": {stage: in_words(money.total[stage]) for stage in stages},
        "rate": None if money.disbursement_rate is None else str(money.disbursement_rate),
        "by_year": [
            {"label": str(row["year"] or _("Cả giai đoạn")), **{s: row[s] for s in stages}}
            for row in money.by_year
        ],
        "by_source": [
            {
                "label": row["label"],
                **{s: row[s] for s in stages},
            }
            for row in money.by_source
        ],
    }


REPORT_FIELDS = ("year", "quarter", "results", "difficulties", "proposals")


def _latest_report(period: Period) -> dict:
    """Annotations ``report_year``, ``report_quarter``, ``report_results``… of a project's
    newest approved progress report of the period (a year's own report counts after its
    quarters): read with the projects, one query for the report's table and its texts."""
    newest = StatusUpdate.objects.filter(
        period.reports(), state=StatusUpdate.State.APPROVED, project=OuterRef("pk")
    ).order_by("-year", F("quarter").desc(nulls_first=True), "-reviewed_at", "-pk")
    return {f"report_{name}": Subquery(newest.values(name)[:1]) for name in REPORT_FIELDS}


def _gathered(latest: dict[int, dict], field: str) -> str:
    """The difficulties (or proposals) of each project's latest report of the period, one line
    per project in the plan's order: the text a clerk edits before issuing."""
    lines = []
    for report in latest.values():
        text = " ".join(report[field].split())
        if text:
            period = period_label(report["year"], report["quarter"])
            lines.append(f"- {report['project__name']} ({period}): {text}")
    return "\n".join(lines)


def _stages_and_rate(money: Money | None) -> dict | None:
    """Need, allocated and disbursed in đồng and the disbursement rate (a string, None without
    an allocation); None where there is no money line: nothing to say, not zero."""
    if money is None or not money.lines:
        return None
    rate = money.disbursement_rate
    return {**money.total, "rate": None if rate is None else str(rate)}


def _project_money(by_project: dict[int, Money], period: Period, start) -> dict[int, dict]:
    """Each project's money of the period and, for a period within the plan, cumulative from
    the plan's start: ``{project id: {"period": …, "cumulative": …}}``, a project without
    lines absent."""
    found = {}
    for pk, money in by_project.items():
        cumulative = None
        if period.year is not None:
            cumulative = money.where(lambda row: period.accumulates(row["year"], start))
        found[pk] = {
            "period": _stages_and_rate(money.where(lambda row: period.takes(row["year"]))),
            "cumulative": _stages_and_rate(cumulative),
        }
    return found


def with_money(projects: list[dict]) -> list[dict]:
    """The projects with money in the period or before it (lũy kế): the rows of the per-project
    money table, in the document and in the workbook alike."""
    return [
        row
        for row in projects
        if (row.get("money") or {}).get("period") or (row.get("money") or {}).get("cumulative")
    ]


def due(indicators, end: datetime.date):
    """The indicators with something to say by ``end``: a target of a year up to ``end``'s, or
    a measurement taken on or before it. A report lists only these: an indicator due in 2015
    has no place in the report on 2013 unless it was measured."""
    targets = IndicatorTarget.objects.filter(indicator=OuterRef("pk"), year__lte=end.year)
    measured = Measurement.objects.filter(indicator=OuterRef("pk"), date__lte=end)
    return indicators.filter(Exists(targets) | Exists(measured))


def _projects(projects, latest: dict[int, dict], money: dict[int, dict]) -> list[dict]:
    rows = []
    for project in projects:
        report = latest.get(project.pk)
        rows.append(
            {
                "ref": project.ref,
                "name": project.name,
                "plan": project.plan.document_number,
                "group": project.group.label if project.group else "",
                "agency": project.lead_agency.name if project.lead_agency else "",
                "status": project.get_status_display(),
                "state": project.status,
                "percent": project.percent_complete,
                "results": " ".join(report["results"].split()) if report else "",
                "report_period": period_label(report["year"], report["quarter"]) if report else "",
                "money": money.get(project.pk, {"period": None, "cumulative": None}),
            }
        )
    return rows


def _indicators(indicators, end: datetime.date) -> list[dict]:
    """Each indicator's baseline, final target, latest measurement up to the period's end and
    achievement at that date (``as_of``, as the national report and the dashboard count it)."""
    rows = []
    shown = with_actual_as_written(with_target_as_written(as_of(indicators, end)), end)
    for i in shown.select_related("plan"):
        rows.append(
            {
                "ref": i.ref,
                "name": i.name,
                "unit": i.unit_suffix or i.get_unit_display(),
                "plan": i.plan.document_number,
                "baseline": i.baseline_shown,
                "baseline_year": i.baseline_year,
                "target": i.in_units(i.target_value, i.target_denominator, i.target_text),
                "target_year": i.target_year,
                "actual": i.in_units(i.actual_value, i.actual_denominator, i.actual_text),
                "actual_date": i.actual_date.isoformat() if i.actual_date else None,
                "achievement": achievement_label(i.achievement, i.progress),
                "percent": None if i.progress is None else round(i.progress * 100),
            }
        )
    return rows


def _reconciliation(check: PlanReconciliation) -> dict | None:
    """The plan's stated totals that its rows do not add up to, and its other anomalies."""
    rows = [
        {
            "label": c.stated_total.label,
            "where": c.stated_total.where,
            "scope": c.scope_label,
            "stated": c.stated_total.amount,
            "computed": c.computed,
            "difference": c.difference,
        }
        for c in check.differences
    ]
    if not rows and not check.notes:
        return None
    # The differences are in the table; their sentences (``anomalies``) would repeat them
    return {"number": check.plan.document_number, "rows": rows, "anomalies": check.notes}
