"""Warnings on a project's money as it is reported: shown, never blocking. A province may well
disburse more than it has entered as allocated (a late allocation decision) — the portal says
so instead of refusing it or hiding it."""

from collections import defaultdict

from django.utils.translation import gettext as _

from budgets.models import BudgetLine, Source
from budgets.money import with_unit
from budgets.rollup import Money, roll_up
from projects.models import Project


def money_warnings(project: Project, money: Money | None = None) -> list[str]:
    """Vietnamese sentences for: disbursed above allocated (a year and source), allocated above
    the estimated need (a year, or the whole period where the plan gives the need for the whole
    period), and money allocated or disbursed in a year outside the project's period.
    ``money`` is the project's roll-up when the caller has it already (the project page)."""
    if money is None:
        money = roll_up(BudgetLine.objects.filter(project=project))
    rows = money.by("year", "source")
    warnings = []
    need_whole_period = {}
    allocated_by_source = defaultdict(int)
    for row in rows:
        where = _("Năm %(year)s, %(source)s") % {
            "year": row["year"] or _("cả giai đoạn"),
            "source": Source(row["source"]).label,
        }
        if row["disbursed"] > row["allocated"]:
            warnings.append(
                _("%(where)s: giải ngân %(disbursed)s vượt số bố trí %(allocated)s.")
                % {
                    "where": where,
                    "disbursed": with_unit(row["disbursed"]),
                    "allocated": with_unit(row["allocated"]),
                }
            )
        if row["year"] is None:
            need_whole_period[row["source"]] = row["need"]
        elif row["need"] and row["allocated"] > row["need"]:
            warnings.append(
                _("%(where)s: bố trí %(allocated)s vượt nhu cầu %(need)s.")
                % {
                    "where": where,
                    "allocated": with_unit(row["allocated"]),
                    "need": with_unit(row["need"]),
                }
            )
        allocated_by_source[row["source"]] += row["allocated"]
    for source, need in need_whole_period.items():
        if need and allocated_by_source[source] > need:
            warnings.append(
                _("%(source)s: tổng bố trí %(allocated)s vượt nhu cầu cả giai đoạn %(need)s.")
                % {
                    "source": Source(source).label,
                    "allocated": with_unit(allocated_by_source[source]),
                    "need": with_unit(need),
                }
            )
    if project.start_year and project.end_year:
        years = {
            row["year"]
            for row in rows
            if row["year"]
            and (row["allocated"] or row["disbursed"])
            and not project.start_year <= row["year"] <= project.end_year
        }
        for year in sorted(years):
            warnings.append(
                _(
                    "Có kinh phí bố trí hoặc giải ngân năm %(year)s, ngoài thời gian thực hiện "
                    "“%(period)s” của dự án."
                )
                % {"year": year, "period": project.period}
            )
    return warnings
