"""Indicator achievement as of a date (``indicators.achievement.as_of``): the one rule of every
report, dashboard and list. Thresholds and the elapsed share are pinned with literal cases on
both the Python rule (``achievement()``) and the SQL one."""

import datetime
import random
from decimal import Decimal

import pytest
from django.db.models import Prefetch

from indicators.achievement import (
    AT_RISK,
    OFF_TRACK,
    ON_TRACK,
    UNKNOWN,
    achievement,
    as_number,
    as_of,
    with_achievement,
    with_actual_as_written,
    with_target_as_written,
)
from indicators.models import Indicator, IndicatorTarget, Measurement
from tests.factories import PlanFactory, varied_indicators

D = datetime.date


def python(baseline, target, actual, today, start=2012, end=2013):
    return achievement(
        baseline=Decimal(baseline),
        target=Decimal(target),
        actual=None if actual is None else Decimal(actual),
        start_year=start,
        target_year=end,
        today=today,
    )


def sql(baseline, target, actual, today, start=2012, end=2013):
    """The same case through ``as_of``: one indicator with one measurement."""
    plan = PlanFactory(start_year=2000, end_year=2001)  # the indicator's own years must count
    indicator = Indicator.objects.create(
        plan=plan,
        name="Tỷ lệ hồ sơ trực tuyến",
        unit=Indicator.Unit.PERCENT,
        baseline_year=start,
        baseline_value=Decimal(baseline),
    )
    IndicatorTarget.objects.create(indicator=indicator, year=end, value=Decimal(target))
    if actual is not None:
        Measurement.objects.create(indicator=indicator, date=D(2012, 1, 1), value=Decimal(actual))
    return as_of(Indicator.objects.filter(pk=indicator.pk), today).get()


# 2012-01-01 .. 2013-12-31 is 730 days (2012 is a leap year); 2012-12-31 is 365 days in:
# elapsed exactly 0.5.
HALF = D(2012, 12, 31)
BOUNDARIES = [
    (40, ON_TRACK),  # progress 0.40 = elapsed − 0.10: still on track
    (39, AT_RISK),  # just under
    (25, AT_RISK),  # 0.25 = elapsed − 0.25: still at risk
    (24, OFF_TRACK),  # just under
    (100, ON_TRACK),
]


@pytest.mark.parametrize(("actual", "status"), BOUNDARIES)
def test_thresholds_at_their_boundaries_in_python(actual, status):
    result = python(0, 100, actual, HALF)
    assert result.elapsed == Decimal("0.5")
    assert result.status == status


@pytest.mark.django_db
@pytest.mark.parametrize(("actual", "status"), BOUNDARIES)
def test_thresholds_at_their_boundaries_in_sql(actual, status):
    row = sql(0, 100, actual, HALF)
    assert row.elapsed == 0.5
    assert row.achievement == status
    assert row.progress == actual / 100


def test_reaching_the_target_before_time_and_a_target_equal_to_the_baseline():
    assert python(0, 100, 100, D(2012, 1, 2)).status == ON_TRACK
    assert python(0, 100, 120, HALF).percent == 120
    same = python(50, 50, 50, HALF)
    assert (same.percent, same.status) == (100, ON_TRACK)
    missed = python(50, 50, 49, HALF)
    assert (missed.percent, missed.status) == (0, OFF_TRACK)


@pytest.mark.django_db
def test_a_target_equal_to_the_baseline_in_sql():
    assert (sql(50, 50, 50, HALF).progress, sql(50, 50, 50, HALF).achievement) == (1, ON_TRACK)
    row = sql(50, 50, 49, HALF)
    assert (row.progress, row.achievement) == (0, OFF_TRACK)


ELAPSED = [
    (D(2011, 6, 1), 0),  # before the baseline year: nothing gone by
    (D(2012, 1, 1), 0),  # the baseline year's first day
    (D(2012, 12, 31), 0.5),  # 365 of 730 days
    (D(2013, 12, 31), 1),  # the target year's last day
    (D(2015, 3, 1), 1),  # after it: all of it
]


@pytest.mark.parametrize(("today", "elapsed"), ELAPSED)
def test_elapsed_share_in_python(today, elapsed):
    assert python(0, 100, 0, today).elapsed == Decimal(elapsed)


@pytest.mark.django_db
@pytest.mark.parametrize(("today", "elapsed"), ELAPSED)
def test_elapsed_share_in_sql(today, elapsed):
    assert sql(0, 100, 0, today).elapsed == elapsed


def test_at_the_start_nothing_is_behind_and_at_the_end_everything_short_is_off_track():
    assert python(0, 100, 0, D(2012, 1, 1)).status == ON_TRACK  # 0 ≥ 0 − 0.10
    after = D(2014, 1, 1)  # all the time gone: on track from 0.90, at risk from 0.75
    assert [python(0, 100, a, after).status for a in (90, 89, 75, 74)] == [
        ON_TRACK,
        AT_RISK,
        AT_RISK,
        OFF_TRACK,
    ]


@pytest.mark.django_db
def test_without_a_target_or_a_baseline_or_a_measurement_the_status_is_unknown():
    plan = PlanFactory(start_year=2021, end_year=2025)
    no_target = Indicator.objects.create(plan=plan, name="A", unit="percent", baseline_value=1)
    Measurement.objects.create(indicator=no_target, date=D(2022, 1, 1), value=5)
    no_baseline = Indicator.objects.create(plan=plan, name="B", unit="percent")
    IndicatorTarget.objects.create(indicator=no_baseline, year=2025, value=100)
    Measurement.objects.create(indicator=no_baseline, date=D(2022, 1, 1), value=5)
    unmeasured = Indicator.objects.create(plan=plan, name="C", unit="percent", baseline_value=1)
    IndicatorTarget.objects.create(indicator=unmeasured, year=2025, value=100)
    rows = as_of(Indicator.objects.all(), D(2023, 1, 1)).order_by("name")
    assert [(r.name, r.progress, r.achievement) for r in rows] == [
        ("A", None, UNKNOWN),
        ("B", None, UNKNOWN),
        ("C", None, UNKNOWN),
    ]


@pytest.mark.django_db
def test_a_past_date_takes_the_latest_measurement_on_or_before_it():
    """Measured 40 % at the end of 2023 and 90 % in mid-2025: a report on 2024 shows 40 %
    (measured then, as written), one on 2025 shows 90 %; before any measurement, unknown."""
    plan = PlanFactory(start_year=2021, end_year=2025)
    indicator = Indicator.objects.create(
        plan=plan, name="Tỷ lệ", unit="ratio", baseline_year=2021, baseline_value=0
    )
    IndicatorTarget.objects.create(indicator=indicator, year=2025, value=19, denominator=19)
    Measurement.objects.create(indicator=indicator, date=D(2023, 12, 31), value=8, denominator=20)
    Measurement.objects.create(indicator=indicator, date=D(2025, 6, 30), value=18, denominator=20)
    Measurement.objects.create(indicator=indicator, date=D(2025, 6, 30), value=17, denominator=20)

    def at(day):
        return with_actual_as_written(as_of(Indicator.objects.all(), day), day).get()

    row = at(D(2024, 12, 31))
    assert (row.actual_number, row.actual_value, row.actual_denominator) == (0.4, 8, 20)
    assert row.actual_date == D(2023, 12, 31)
    assert row.progress == 0.4  # (8/20 − 0) / (19/19 − 0)
    assert row.achievement == OFF_TRACK  # 4 of 5 years gone: 0.80 − 0.25 > 0.40
    row = at(D(2023, 12, 31))  # the measurement's own day counts
    assert (row.actual_value, row.achievement) == (8, AT_RISK)  # 0.40 < 1094/1825 − 0.10
    row = at(D(2025, 12, 31))  # two on one day: the one entered last
    assert (row.actual_value, row.progress, row.achievement) == (17, 0.85, AT_RISK)
    row = at(D(2023, 12, 30))
    assert (row.actual_number, row.progress, row.achievement) == (None, None, UNKNOWN)


@pytest.mark.django_db
def test_as_of_agrees_with_the_python_rule_on_the_measurements_up_to_the_date():
    varied_indicators(random.Random(11), D(2026, 6, 30))  # noqa: S311 (test data)
    for day in [D(2021, 3, 1), D(2023, 7, 15), D(2024, 12, 31), D(2026, 11, 23)]:
        known = Prefetch("measurements", queryset=Measurement.objects.filter(date__lte=day))
        expected = {
            i.pk: i.progress(day)
            for i in Indicator.objects.select_related("plan").prefetch_related("targets", known)
        }
        rows = list(with_actual_as_written(as_of(Indicator.objects.all(), day), day))
        assert len(rows) == 120
        for row in rows:
            _target, latest, result = expected[row.pk]
            assert row.achievement == result.status, (row.name, day)
            assert row.actual_date == (latest.date if latest else None)
            if result.progress is None:
                assert row.progress is None
            else:
                assert abs(row.progress - float(result.progress)) < 1e-9
        statuses = {result.status for _t, _l, result in expected.values()}
        assert len(statuses) >= 3 or day.year == 2021, statuses


@pytest.mark.django_db
def test_as_of_today_equals_the_stored_latest_measurement_path():
    """Dated up to today, the latest measurement on or before today is the latest ever, which
    each indicator stores (``latest_number``, ``stored_progress``)."""
    today = D(2026, 6, 15)
    varied_indicators(random.Random(5), today)  # noqa: S311 (test data)
    stored = {
        row.pk: (row.actual_number, row.progress, row.achievement, row.elapsed)
        for row in with_achievement(Indicator.objects.all(), today)
    }
    rows = as_of(Indicator.objects.all(), today)
    assert {row.pk: (row.actual_number, row.achievement) for row in rows} == {
        pk: (number, status) for pk, (number, _p, status, _e) in stored.items()
    }
    for row in rows:
        number, progress, status, elapsed = stored[row.pk]
        assert row.elapsed == elapsed
        assert (row.progress is None) == (progress is None)
        if progress is not None:
            assert abs(row.progress - progress) < 1e-9
    assert {s for _n, _p, s, _e in stored.values()} >= {ON_TRACK, AT_RISK, OFF_TRACK, UNKNOWN}


@pytest.mark.django_db
def test_a_measurement_dated_after_the_date_is_not_yet_known():
    """Entered ahead (a figure dated at the end of the year): today's dashboard still shows
    the measurement of today or before, where the stored latest measurement is the later one."""
    plan = PlanFactory(start_year=2021, end_year=2025)
    indicator = Indicator.objects.create(
        plan=plan, name="Tỷ lệ", unit="percent", baseline_year=2021, baseline_value=0
    )
    IndicatorTarget.objects.create(indicator=indicator, year=2025, value=100)
    Measurement.objects.create(indicator=indicator, date=D(2024, 6, 30), value=70)
    Measurement.objects.create(indicator=indicator, date=D(2024, 12, 31), value=20)
    day = D(2024, 7, 1)
    stored = with_achievement(Indicator.objects.all(), day).get()
    assert (stored.actual_number, stored.achievement) == (20, OFF_TRACK)
    row = as_of(Indicator.objects.all(), day).get()
    assert (row.actual_number, row.progress, row.achievement) == (70, 0.7, ON_TRACK)
    indicator.refresh_from_db()
    assert indicator.latest_date == D(2024, 12, 31)
    assert indicator.progress(day)[1].value == 70  # the Python rule too


@pytest.mark.django_db
def test_as_of_runs_one_query_whatever_the_number_of_indicators(django_assert_num_queries):
    varied_indicators(random.Random(3), D(2025, 1, 1))  # noqa: S311 (test data)
    with django_assert_num_queries(1):
        rows = list(as_of(Indicator.objects.all(), D(2024, 6, 30)))
    assert len(rows) == 120


def test_percent_rounds_half_to_even_not_down():
    assert python(0, 1000, 475, HALF).percent == 48  # 47,5 %
    assert python(0, 1000, 474, HALF).percent == 47
    assert python(0, 1000, 465, HALF).percent == 46  # 46,5 %: to the even neighbour


INVERTED = [(D(2024, 6, 1), 0), (D(2026, 6, 15), 1)]  # a target year before the baseline year


@pytest.mark.parametrize(("today", "elapsed"), INVERTED)
def test_a_target_year_before_the_baseline_year_counts_one_day_in_python(today, elapsed):
    assert python(0, 100, 50, today, start=2025, end=2024).elapsed == elapsed


@pytest.mark.django_db
@pytest.mark.parametrize(("today", "elapsed"), INVERTED)
def test_a_target_year_before_the_baseline_year_counts_one_day_in_sql(today, elapsed):
    assert sql(0, 100, 50, today, start=2025, end=2024).elapsed == elapsed


@pytest.mark.django_db
def test_filtering_by_achievement_inside_another_query_keeps_each_indicators_status():
    """``as_of`` compiles its progress once per query (``CompiledOnce``); used as a subquery
    (the lists' "Đánh giá" filter, a count by status) under other table aliases, it must still
    read each indicator's own figures: one indicator on track, one off track at mid-2012."""
    on_track = sql(0, 100, 60, HALF)
    off_track = sql(0, 100, 10, HALF)
    for status, expected in ((ON_TRACK, on_track), (OFF_TRACK, off_track)):
        inner = as_of(Indicator.objects.all(), HALF).filter(achievement=status).values("pk")
        outer = Indicator.objects.filter(pk__in=inner).exclude(pk=0)
        assert list(outer.values_list("name", "pk")) == [(expected.name, expected.pk)]
        both = as_of(Indicator.objects.filter(pk__in=inner), HALF)
        assert [(i.pk, i.achievement, round(i.progress, 2)) for i in both] == [
            (expected.pk, status, 0.6 if status == ON_TRACK else 0.1)
        ]


# -- pinned by mutation testing (benchmarks/mutation.py): each case below fails on a rule changed
# by one symbol -------------------------------------------------------------------------------


def test_a_ratio_is_its_numerator_over_its_denominator():
    assert as_number(Decimal(8), Decimal(20)) == Decimal("0.4")
    assert as_number(Decimal(8), None) == 8  # not a ratio: the value itself
    assert as_number(None, Decimal(20)) is None
    # Bình Định: 2/19 agencies at baseline, all 19/19 targeted, 8 of 20 measured (an agency
    # added since): (0.40 − 0.105) / (1 − 0.105) = 33 %
    result = achievement(
        baseline=as_number(Decimal(2), Decimal(19)),
        target=as_number(Decimal(19), Decimal(19)),
        actual=as_number(Decimal(8), Decimal(20)),
        start_year=2012,
        target_year=2013,
        today=HALF,
    )
    assert (result.percent, result.status) == (33, AT_RISK)


@pytest.mark.django_db
def test_a_fractional_denominator_divides_in_sql_as_in_python():
    """0.4 of a denominator 0.5 is 0.8 of the whole (the model accepts any denominator above 0)."""
    plan = PlanFactory(start_year=2012, end_year=2013)
    indicator = Indicator.objects.create(
        plan=plan, name="Tỷ lệ", unit="ratio", baseline_year=2012, baseline_value=0
    )
    IndicatorTarget.objects.create(indicator=indicator, year=2013, value=10, denominator=10)
    Measurement.objects.create(
        indicator=indicator, date=D(2012, 6, 1), value=Decimal("0.4"), denominator=Decimal("0.5")
    )
    row = as_of(Indicator.objects.all(), HALF).get()
    assert row.actual_number == pytest.approx(0.8)
    assert row.progress == pytest.approx(0.8)
    assert indicator.progress(HALF)[2].percent == 80


def test_each_status_reads_in_vietnamese():
    assert [python(0, 100, actual, HALF).label for actual in (40, 39, 24, None)] == [
        "Đúng tiến độ",
        "Có nguy cơ chậm",
        "Chậm tiến độ",
        "Chưa đủ số liệu",
    ]


# The day after the baseline year's start, a target year before it has all its time gone.
INVERTED_NEXT_DAY = (D(2025, 1, 2), 1)


def test_a_target_year_before_the_baseline_year_is_all_gone_the_next_day_in_python():
    today, elapsed = INVERTED_NEXT_DAY
    assert python(0, 100, 50, today, start=2025, end=2024).elapsed == elapsed


@pytest.mark.django_db
def test_a_target_year_before_the_baseline_year_is_all_gone_the_next_day_in_sql():
    today, elapsed = INVERTED_NEXT_DAY
    assert sql(0, 100, 50, today, start=2025, end=2024).elapsed == elapsed


# The calendar's leap years: 2004 is one, 2000 too (divisible by 400), 2100 is not.
CALENDAR = [
    (2003, 2005, D(2004, 1, 1), 365, 1095),
    (2000, 2001, D(2001, 1, 1), 366, 730),
    (2099, 2100, D(2100, 1, 1), 365, 729),
]


@pytest.mark.parametrize(("start", "end", "today", "gone", "span"), CALENDAR)
def test_elapsed_counts_calendar_days_in_python(start, end, today, gone, span):
    assert python(0, 100, 0, today, start=start, end=end).elapsed == Decimal(gone) / span


@pytest.mark.django_db
@pytest.mark.parametrize(("start", "end", "today", "gone", "span"), CALENDAR)
def test_elapsed_counts_calendar_days_in_sql(start, end, today, gone, span):
    assert sql(0, 100, 0, today, start=start, end=end).elapsed == gone / span


@pytest.mark.django_db
def test_the_target_as_written_is_the_last_years():
    plan = PlanFactory(start_year=2021, end_year=2025)
    indicator = Indicator.objects.create(plan=plan, name="Sở có hệ thống", unit="ratio")
    IndicatorTarget.objects.create(indicator=indicator, year=2023, value=10, denominator=19)
    IndicatorTarget.objects.create(
        indicator=indicator, year=2025, value=19, denominator=19, text="19/19 sở, ngành"
    )
    row = with_target_as_written(Indicator.objects.all()).get()
    assert (row.target_value, row.target_denominator, row.target_text) == (
        19,
        19,
        "19/19 sở, ngành",
    )
