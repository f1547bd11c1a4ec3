"""How far an indicator has come: from its baseline towards its target, against the share of the
plan's time already gone.

progress = (actual − baseline) / (target − baseline) — the same formula for indicators that
should go down (both differences are negative). The status compares progress with the share of
time elapsed from the baseline year's start to the target year's end: on track when progress is
at most 10 points behind time, at risk up to 25 points behind, off track beyond; reaching the
target is on track whatever the date.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Case,
    CharField,
    F,
    FloatField,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Greatest, Least
from django.utils.translation import gettext_lazy as _

ON_TRACK, AT_RISK, OFF_TRACK, UNKNOWN = "on_track", "at_risk", "off_track", "unknown"
LABELS = {
    ON_TRACK: _("Đúng tiến độ"),
    AT_RISK: _("Có nguy cơ chậm"),
    OFF_TRACK: _("Chậm tiến độ"),
    UNKNOWN: _("Chưa đủ số liệu"),
}
AT_RISK_GAP = Decimal("0.10")
OFF_TRACK_GAP = Decimal("0.25")


def as_number(value: Decimal | None, denominator: Decimal | None) -> Decimal | None:
    """A value comparable with others of its indicator: "10/19" is 10/19 of the whole."""
    if value is None:
        return None
    return value / denominator if denominator else value


@dataclass
class Achievement:
    progress: Decimal | None  # 0 at the baseline, 1 at the target
    elapsed: Decimal | None  # share of the time from baseline to target gone by
    status: str

    @property
    def label(self) -> str:
        return str(LABELS[self.status])

    @property
    def percent(self) -> int | None:
        return None if self.progress is None else int((self.progress * 100).to_integral_value())


def achievement(
    *,
    baseline: Decimal | None,
    target: Decimal | None,
    actual: Decimal | None,
    start_year: int,
    target_year: int,
    today: datetime.date,
) -> Achievement:
    if baseline is None or target is None or actual is None:
        return Achievement(None, None, UNKNOWN)
    if target == baseline:
        progress = Decimal(1) if actual == target else Decimal(0)
    else:
        progress = (actual - baseline) / (target - baseline)
    start = datetime.date(start_year, 1, 1)
    end = datetime.date(target_year, 12, 31)
    span = max((end - start).days, 1)
    elapsed = min(max(Decimal((today - start).days) / span, Decimal(0)), Decimal(1))
    if progress >= 1 or progress >= elapsed - AT_RISK_GAP:
        status = ON_TRACK
    elif progress >= elapsed - OFF_TRACK_GAP:
        status = AT_RISK
    else:
        status = OFF_TRACK
    return Achievement(progress, elapsed, status)


# The same rule in SQL, for lists and dashboards over thousands of indicators (one query instead
# of every indicator's targets and measurements in Python). tests/test_indicator_achievement.py
# checks that both give the same status and progress on the same data.


def sql_number(prefix: str = ""):
    """``as_number`` in SQL, in floating point (SQLite keeps decimals as numbers of either kind,
    and 10/19 must not be integer division)."""
    value = Cast(f"{prefix}value", FloatField())
    denominator = Cast(f"{prefix}denominator", FloatField())
    return Case(
        When(**{f"{prefix}denominator__gt": 0}, then=value / denominator),
        default=value,
        output_field=FloatField(),
    )


def _jan1(year):
    """The proleptic Gregorian ordinal (``date.toordinal()``) of 1 January of ``year``, in
    integer arithmetic that SQLite and PostgreSQL evaluate alike."""
    y = year - 1
    return 365 * y + y / 4 - y / 100 + y / 400 + 1


def stored_progress():
    """``progress`` as ``achievement()`` computes it (0 at baseline, 1 at target; NULL without
    the numbers), from the indicator's stored inputs: it does not depend on the date, so the
    indicator stores it too (``Indicator.stored_progress``)."""
    baseline, target, actual = sql_number("baseline_"), F("final_target_number"), F("latest_number")
    missing = (
        Q(baseline_value__isnull=True)
        | Q(final_target_number__isnull=True)
        | Q(latest_number__isnull=True)
    )
    return Case(
        When(missing, then=Value(None)),
        When(
            final_target_number=baseline,
            then=Case(When(latest_number=target, then=Value(1.0)), default=Value(0.0)),
        ),
        default=(actual - baseline) / (target - baseline),
        output_field=FloatField(),
    )


def with_achievement(indicators: QuerySet, today: datetime.date) -> QuerySet:
    """``indicators`` annotated with ``target_year``, ``target_number``, ``actual_number`` (the
    stored ``final_target_*`` and ``latest_number``), ``baseline_number``, ``progress`` (0 at
    baseline, 1 at target, stored), ``elapsed`` and ``achievement`` (ON_TRACK, AT_RISK,
    OFF_TRACK or UNKNOWN), as ``achievement()`` decides."""
    indicators = indicators.annotate(
        target_year=F("final_target_year"),
        target_number=F("final_target_number"),
        actual_number=F("latest_number"),
        baseline_number=sql_number("baseline_"),
    )
    start = _jan1(Coalesce("baseline_year", "plan__start_year"))
    end = _jan1(Coalesce("target_year", "plan__end_year") + 1) - 1
    span = Greatest(end - start, 1)
    elapsed = Least(
        Greatest(Cast(today.toordinal() - start, FloatField()) / span, Value(0.0)), Value(1.0)
    )
    # Compiled once per query: the rule below names ``progress`` and ``elapsed`` three times,
    # and Django writes an annotation out in full each time it is named.
    indicators = indicators.annotate(elapsed=elapsed, progress=F("stored_progress"))
    return indicators.annotate(
        achievement=Case(
            When(progress__isnull=True, then=Value(UNKNOWN)),
            When(progress__gte=1, then=Value(ON_TRACK)),
            When(progress__gte=F("elapsed") - float(AT_RISK_GAP), then=Value(ON_TRACK)),
            When(progress__gte=F("elapsed") - float(OFF_TRACK_GAP), then=Value(AT_RISK)),
            default=Value(OFF_TRACK),
            output_field=CharField(),
        )
    )
