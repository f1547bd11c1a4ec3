"""The period a UBND report covers: a quarter, six months, a year, or the whole plan period.

Written in URLs and on the command line as ``2014`` (the year), ``2014-q3`` (a quarter),
``2014-6t1`` / ``2014-6t2`` (the first or last six months), or nothing (the whole plan period).
"""

import datetime
import re
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _

from projects.models.reports import ROMAN
from projects.periods import YEAR_MAX, YEAR_MIN

_CODE = re.compile(r"^(?P<year>\d{1,4})(?:-(?:q(?P<quarter>[1-4])|6t(?P<half>[12])))?$")


class PeriodError(ValueError):
    """A period that cannot be read; the message names it, in Vietnamese."""


@dataclass(frozen=True)
class Period:
    year: int | None = None  # None: the whole plan period
    quarter: int | None = None
    half: int | None = None

    @classmethod
    def parse(cls, code: str | None) -> "Period":
        code = (code or "").strip().lower()
        if code in ("", "ca-ky"):
            return cls()
        match = _CODE.match(code)
        if not match:
            raise PeriodError(
                _(
                    "Kỳ báo cáo “%(code)s” không đọc được: ghi năm (2014), quý (2014-q3), "
                    "6 tháng (2014-6t1, 2014-6t2) hoặc để trống cho cả giai đoạn."
                )
                % {"code": code}
            )
        year = int(match["year"])
        if not YEAR_MIN <= year <= YEAR_MAX:
            raise PeriodError(
                _("Năm %(year)s của kỳ báo cáo không hợp lệ (từ %(min)s đến %(max)s).")
                % {"year": year, "min": YEAR_MIN, "max": YEAR_MAX}
            )
        quarter, half = match["quarter"], match["half"]
        return cls(year, int(quarter) if quarter else None, int(half) if half else None)

    @property
    def code(self) -> str:
        if self.year is None:
            return ""
        if self.quarter:
            return f"{self.year}-q{self.quarter}"
        if self.half:
            return f"{self.year}-6t{self.half}"
        return str(self.year)

    def label(self, plan_years: tuple[int, int] | None = None) -> str:
        """As the report's title writes it: "quý III năm 2014", "6 tháng đầu năm 2014",
        "năm 2014", "giai đoạn 2011 - 2015"."""
        if self.year is None:
            if plan_years:
                start, end = plan_years
                if start == end:
                    return _("năm %(year)s") % {"year": start}
                return _("giai đoạn %(start)s - %(end)s") % {"start": start, "end": end}
            return _("cả giai đoạn kế hoạch")
        if self.quarter:
            return _("quý %(quarter)s năm %(year)s") % {
                "quarter": ROMAN[self.quarter],
                "year": self.year,
            }
        if self.half == 1:
            return _("6 tháng đầu năm %(year)s") % {"year": self.year}
        if self.half == 2:
            return _("6 tháng cuối năm %(year)s") % {"year": self.year}
        return _("năm %(year)s") % {"year": self.year}

    def end(self, today: datetime.date) -> datetime.date:
        """The period's last day (today for the whole plan period, or a period not over yet):
        measurements after it are not the period's."""
        if self.year is None:
            return today
        month = 12
        if self.quarter:
            month = 3 * self.quarter
        elif self.half:
            month = 6 * self.half
        last = (datetime.date(self.year + month // 12, month % 12 + 1, 1)) - datetime.timedelta(1)
        return min(last, today)

    def reports(self) -> Q:
        """The progress reports (``StatusUpdate``) of the period: a year's include its
        quarters, the year's own reports included in the last six months and the year."""
        if self.year is None:
            return Q()
        if self.quarter:
            return Q(year=self.year, quarter=self.quarter)
        if self.half == 1:
            return Q(year=self.year, quarter__in=[1, 2])
        if self.half == 2:
            return Q(year=self.year) & (Q(quarter__in=[3, 4]) | Q(quarter__isnull=True))
        return Q(year=self.year)

    def cumulative_lines(self, start: int | None) -> Q | None:
        """The money lines from the plans' first year ``start`` to the period's year (lũy kế):
        None for the whole plan period, whose own figures are already the whole."""
        if self.year is None:
            return None
        years = Q(year__lte=self.year)
        return years & Q(year__gte=start) if start else years

    def takes(self, year: int | None) -> bool:
        """A money row of ``year`` is the period's: ``lines()`` read in Python."""
        return self.year is None or year == self.year

    def accumulates(self, year: int | None, start: int | None) -> bool:
        """A money row of ``year`` counts in the cumulative: ``cumulative_lines()`` in Python."""
        if self.year is None or year is None:
            return False
        return year <= self.year and (not start or year >= start)

    def cumulative_label(self, start: int | None) -> str:
        """ "Lũy kế từ năm 2011 đến năm 2014" (money is planned by year, so a quarter's
        cumulative runs to its year's end); "" for the whole plan period."""
        if self.year is None:
            return ""
        if not start or start >= self.year:
            return _("Lũy kế năm %(year)s") % {"year": self.year}
        return _("Lũy kế từ năm %(start)s đến năm %(end)s") % {"start": start, "end": self.year}

    def lines(self) -> Q:
        """The money of the period: budget lines are by year, so a quarter or six months shows
        its year's money; the whole plan period includes the lines without a year."""
        return Q() if self.year is None else Q(year=self.year)


def plan_years_of(plans) -> dict:
    """The first and last year of ``plans`` (already loaded): ``{"start": 2011, "end": 2015}``,
    both None without a plan; what a ``Min``/``Max`` aggregate over them gives."""
    plans = list(plans)
    if not plans:
        return {"start": None, "end": None}
    return {
        "start": min(plan.start_year for plan in plans),
        "end": max(plan.end_year for plan in plans),
    }
