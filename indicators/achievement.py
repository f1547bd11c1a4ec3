"""How far an indicator has come: from its baseline towards its target, against the share of the
plan's time already gone.

progress = (actual − baseline) / (target − baseline) — the same formula for indicators that
should go down (both differences are negative). The status compares progress with the share of
time elapsed from the baseline year's start to the target year's end: on track when progress is
at most 10 points behind time, at risk up to 25 points behind, off track beyond; reaching the
target is on track whatever the date.
"""

import datetime
import weakref
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Case,
    CharField,
    ExpressionWrapper,
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
from django.db.models.lookups import Exact, GreaterThan, GreaterThanOrEqual, IsNull
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
EXCEEDED_LABEL = _("Vượt chỉ tiêu")


def exceeded(progress) -> bool:
    """Whether an indicator has gone past its target (progress above 1: 200 % of the way from
    the baseline). Its status stays ON_TRACK (it is counted on track); it is *named* exceeded."""
    return progress is not None and progress > 1


def label(status: str, progress=None) -> str:
    """How every page names an achievement: "Vượt chỉ tiêu" past the target, else its status's
    label ("Đúng tiến độ", …)."""
    return str(EXCEEDED_LABEL if exceeded(progress) else LABELS[status])


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
        return label(self.status, self.progress)

    @property
    def exceeded(self) -> bool:
        return exceeded(self.progress)

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
    # elapsed is at most 1: a progress of 1 (the target reached) is on track whatever the date
    if progress >= elapsed - AT_RISK_GAP:
        status = ON_TRACK
    elif progress >= elapsed - OFF_TRACK_GAP:
        status = AT_RISK
    else:
        status = OFF_TRACK
    return Achievement(progress, elapsed, status)


# The same rule in SQL, for lists and dashboards over thousands of indicators (one query instead
# of every indicator's targets and measurements in Python). indicators/tests/
# test_indicator_achievement.py and test_indicator_as_of.py check that both give the same status
# and progress.


def sql_number(prefix: str = "", ref=F):
    """``as_number`` in SQL, in floating point (SQLite keeps decimals as numbers of either kind,
    and 10/19 must not be integer division); ``ref=OuterRef`` reads the outer query's row."""
    value = Cast(ref(f"{prefix}value"), FloatField())
    denominator = Cast(ref(f"{prefix}denominator"), FloatField())
    return Case(
        When(GreaterThan(denominator, 0), then=value / denominator),
        default=value,
        output_field=FloatField(),
    )


class _PerCompiler(weakref.WeakKeyDictionary):
    """SQL by compiler, shared by an expression's copies; a pickled copy starts empty."""

    def __reduce__(self):
        return (_PerCompiler, ())

    def __deepcopy__(self, memo):
        return self


class CompiledOnce(ExpressionWrapper):
    """An annotation that other annotations name several times (the status names ``progress``
    three times): Django writes a referenced annotation out in full at each mention, and
    compiling ``as_of``'s subquery again each time is most of the query's Python time.
    Compiled once per query (per compiler): the same SQL and parameters at each mention."""

    def __init__(self, expression, output_field):
        super().__init__(expression, output_field=output_field)
        self._compiled = _PerCompiler()  # the copies Django makes at each mention share it
        self._resolved_in = None  # the alias prefix of the query it was resolved in

    def resolve_expression(self, query=None, *args, **kwargs):
        # A lookup on it (the status's ``progress >= …``) resolves its left side again at each
        # compile, copying the whole tree (subquery included) for the same query: once
        # resolved, the same query (its aliases: same prefix) gets it back as it is.
        if query is not None and self._resolved_in == query.alias_prefix:
            return self
        resolved = super().resolve_expression(query, *args, **kwargs)
        resolved._resolved_in = getattr(query, "alias_prefix", None)
        return resolved

    def relabeled_clone(self, change_map):
        clone = super().relabeled_clone(change_map)
        if change_map:  # other table aliases: other SQL, and resolved again in its new query
            clone._compiled = _PerCompiler()
            clone._resolved_in = None
        return clone

    def as_sql(self, compiler, connection):
        if compiler not in self._compiled:
            self._compiled[compiler] = compiler.compile(self.expression)
        return self._compiled[compiler]


def _jan1(year):
    """The proleptic Gregorian ordinal (``date.toordinal()``) of 1 January of ``year``, in
    integer arithmetic that SQLite and PostgreSQL evaluate alike."""
    y = year - 1
    return 365 * y + y / 4 - y / 100 + y / 400 + 1


def _progress(baseline, target, actual) -> Case:
    """``progress`` as ``achievement()`` computes it (0 at baseline, 1 at target; NULL without
    the numbers), from SQL expressions for the three numbers."""
    return Case(
        When(
            Q(IsNull(baseline, True)) | Q(IsNull(target, True)) | Q(IsNull(actual, True)),
            then=Value(None),
        ),
        When(
            Exact(target, baseline),
            then=Case(When(Exact(actual, target), then=Value(1.0)), default=Value(0.0)),
        ),
        default=(actual - baseline) / (target - baseline),
        output_field=FloatField(),
    )


def stored_progress():
    """``progress`` from the indicator's stored inputs (its final target and latest
    measurement ever): it does not depend on the date, so the indicator stores it too
    (``Indicator.stored_progress``)."""
    return _progress(sql_number("baseline_"), F("final_target_number"), F("latest_number"))


def _status(progress, elapsed) -> Case:
    """``achievement()``'s status in SQL, from expressions for ``progress`` and ``elapsed``
    (at most 1: a progress of 1, the target reached, is on track without a clause of its own)."""
    return Case(
        When(IsNull(progress, True), then=Value(UNKNOWN)),
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
    return indicators.annotate(elapsed=CompiledOnce(elapsed, output_field=FloatField()))


def _latest(date: datetime.date):
    """The indicator's (the outer query's row) measurements on or before ``date``, latest
    first (the one entered last among those of one day)."""
    from indicators.models import Measurement  # the models import this module's rule

    return Measurement.objects.filter(indicator=OuterRef("pk"), date__lte=date).order_by(
        "-date", "-id"
    )


def as_of(indicators: QuerySet, date: datetime.date) -> QuerySet:
    """``indicators`` annotated with their achievement at ``date``: the one rule of every
    report, dashboard and list. Each indicator's actual is its latest measurement on or before
    ``date``, so a report for a past period shows what was known at its end, whatever its
    scope (a plan, a province, the nation).

    Annotations: ``target_year``, ``target_number``, ``baseline_number``, ``elapsed`` (as
    ``_with_time``), ``actual_number`` (``as_number`` of that measurement), ``progress`` (0 at
    the baseline, 1 at the target; NULL without the numbers) and ``achievement`` (ON_TRACK,
    AT_RISK, OFF_TRACK or UNKNOWN), as ``achievement()`` decides.

    One query whatever the number of indicators. An indicator whose latest measurement ever
    (stored: ``latest_date``, ``latest_number``, ``stored_progress``) is on or before ``date``
    (every indicator, on today's dashboard) reads its stored row; the others look the
    measurement up in a correlated subquery (SQL evaluates a CASE branch only when taken)."""
    indicators = _with_time(indicators, date)
    stored = Q(latest_date__isnull=True) | Q(latest_date__lte=date)
    # One subquery, the measurement's number; its progress is computed here from that number
    # (as ``stored_progress`` is from ``latest_number``): a second subquery for the progress
    # cost as much Python to build and compile as the rest of the rule.
    measured = Subquery(_latest(date).annotate(number=sql_number()).values("number")[:1])
    indicators = indicators.annotate(
        actual_number=CompiledOnce(
            Case(When(stored, then=F("latest_number")), default=measured),
            output_field=FloatField(),
        ),
    )
    indicators = indicators.annotate(
        progress=CompiledOnce(
            Case(
                When(stored, then=F("stored_progress")),
                default=_progress(F("baseline_number"), F("target_number"), F("actual_number")),
            ),
            output_field=FloatField(),
        ),
    )
    return indicators.annotate(achievement=_status(F("progress"), F("elapsed")))


def with_actual_as_written(indicators: QuerySet, date: datetime.date) -> QuerySet:
    """``indicators`` with the measurement ``as_of`` takes at ``date`` as the document writes
    it: ``actual_value``, ``actual_denominator``, ``actual_text`` and ``actual_date``."""
    latest = _latest(date)
    return indicators.annotate(
        actual_value=Subquery(latest.values("value")[:1]),
        actual_denominator=Subquery(latest.values("denominator")[:1]),
        actual_text=Subquery(latest.values("text")[:1]),
        actual_date=Subquery(latest.values("date")[:1]),
    )


def with_target_as_written(indicators: QuerySet) -> QuerySet:
    """``indicators`` with their final target (the last year's) as the document writes it:
    ``target_value``, ``target_denominator`` and ``target_text``, to show beside ``as_of``."""
    from indicators.models import IndicatorTarget  # the models import this module's rule

    final = IndicatorTarget.objects.filter(indicator=OuterRef("pk")).order_by("-year")
    return indicators.annotate(
        target_value=Subquery(final.values("value")[:1]),
        target_denominator=Subquery(final.values("denominator")[:1]),
        target_text=Subquery(final.values("text")[:1]),
    )


def with_achievement(indicators: QuerySet, today: datetime.date) -> QuerySet:
    """Achievement from each indicator's stored latest measurement ever (``latest_number``,
    ``stored_progress``), whatever its date: ``as_of``'s fast path, kept apart to test that
    the two agree on a date no measurement is after (indicators/tests/test_indicator_as_of.py)."""
    indicators = _with_time(indicators, today).annotate(
        actual_number=F("latest_number"), progress=F("stored_progress")
    )
    # ``progress`` and ``elapsed`` are named several times by the rule: plain columns here.
    return indicators.annotate(achievement=_status(F("progress"), F("elapsed")))
