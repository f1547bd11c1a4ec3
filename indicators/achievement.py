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
    DateField,
    DecimalField,
    F,
    FloatField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Greatest, Least
from django.db.models.lookups import Exact, GreaterThanOrEqual, IsNull
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


def _status(progress, elapsed) -> Case:
    """``achievement()``'s status in SQL, from expressions for ``progress`` and ``elapsed``."""
    return Case(
        When(IsNull(progress, True), then=Value(UNKNOWN)),
        When(GreaterThanOrEqual(progress, 1.0), then=Value(ON_TRACK)),
        When(GreaterThanOrEqual(progress, elapsed - float(AT_RISK_GAP)), then=Value(ON_TRACK)),
        When(GreaterThanOrEqual(progress, elapsed - float(OFF_TRACK_GAP)), then=Value(AT_RISK)),
        default=Value(OFF_TRACK),
        output_field=CharField(),
    )


def _with_time(indicators: QuerySet, date: datetime.date) -> QuerySet:
    """``target_year``, ``target_number`` (the stored final target), ``baseline_number`` and
    ``elapsed``: the share of the time from the baseline year's start to the target year's end
    gone by at ``date``, as ``achievement()`` computes it."""
    indicators = indicators.annotate(
        target_year=F("final_target_year"),
        target_number=F("final_target_number"),
        baseline_number=sql_number("baseline_"),
    )
    start = _jan1(Coalesce("baseline_year", "plan__start_year"))
    end = _jan1(Coalesce("target_year", "plan__end_year") + 1) - 1
    span = Greatest(end - start, 1)
    elapsed = Least(
        Greatest(Cast(date.toordinal() - start, FloatField()) / span, Value(0.0)), Value(1.0)
    )
    return indicators.annotate(elapsed=elapsed)


def as_of(indicators: QuerySet, date: datetime.date) -> QuerySet:
    """``indicators`` annotated with their achievement at ``date``: the one rule of every
    report, dashboard and list. Each indicator's actual is its latest measurement on or before
    ``date`` (a report for a past period shows what was known at its end, whatever the scope).

    Annotations: ``target_year``, ``target_number``, ``baseline_number``, ``elapsed`` (as
    ``_with_time``), ``actual_number`` (``as_number`` of that measurement), ``actual_value``,
    ``actual_denominator`` and ``actual_date`` (the measurement as written), ``progress`` (0 at
    the baseline, 1 at the target; NULL without the numbers) and ``achievement`` (ON_TRACK,
    AT_RISK, OFF_TRACK or UNKNOWN), as ``achievement()`` decides.

    One query whatever the number of indicators: the latest measurement is a correlated
    subquery that computes the progress and the status itself, so the rule, which names the
    progress four times, is written out over the one measurement row instead of repeating a
    subquery four times."""
    from indicators.models import Measurement  # the models import this module's rule

    indicators = _with_time(indicators, date)
    baseline, target = OuterRef("baseline_number"), OuterRef("target_number")
    actual = F("number")
    progress = Case(
        When(Q(IsNull(baseline, True)) | Q(IsNull(target, True)), then=Value(None)),
        When(
            Exact(target, baseline),
            then=Case(When(Exact(actual, target), then=Value(1.0)), default=Value(0.0)),
        ),
        default=(actual - baseline) / (target - baseline),
        output_field=FloatField(),
    )
    latest = (
        Measurement.objects.filter(indicator=OuterRef("pk"), date__lte=date)
        .order_by("-date", "-id")
        .annotate(number=sql_number())
        .annotate(share=progress)
        .annotate(status=_status(F("share"), OuterRef("elapsed")))
    )

    def first(field, output):
        return Subquery(latest.values(field)[:1], output_field=output)

    return indicators.annotate(
        actual_number=first("number", FloatField()),
        actual_value=first("value", DecimalField()),
        actual_denominator=first("denominator", DecimalField()),
        actual_date=first("date", DateField()),
        progress=first("share", FloatField()),
        achievement=Coalesce(first("status", CharField()), Value(UNKNOWN)),
    )


def with_achievement(indicators: QuerySet, today: datetime.date) -> QuerySet:
    """The stored path: achievement from each indicator's stored ``latest_number`` and
    ``stored_progress`` (its latest measurement ever). ``as_of`` is the rule the pages use;
    on a date no measurement is after, the two agree (tests/test_indicator_as_of.py)."""
    indicators = _with_time(indicators, today).annotate(
        actual_number=F("latest_number"), progress=F("stored_progress")
    )
    # ``progress`` and ``elapsed`` are named several times by the rule: plain columns here.
    return indicators.annotate(achievement=_status(F("progress"), F("elapsed")))
