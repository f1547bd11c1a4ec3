"""Indicator achievement: progress from baseline to target against the time gone by."""

import datetime
import random
from decimal import Decimal

import pytest

from indicators.achievement import (
    AT_RISK,
    OFF_TRACK,
    ON_TRACK,
    UNKNOWN,
    achievement,
    as_number,
    as_of,
)
from indicators.models import Indicator, IndicatorTarget, Measurement
from tests.factories import PlanFactory


def check(baseline, target, actual, today, start=2012, end=2015):
    return achievement(
        baseline=Decimal(baseline),
        target=Decimal(target),
        actual=None if actual is None else Decimal(actual),
        start_year=start,
        target_year=end,
        today=today,
    )


def test_halfway_through_time_and_halfway_to_target_is_on_track():
    result = check(20, 100, 60, datetime.date(2014, 1, 1))
    assert result.percent == 50 and result.status == ON_TRACK
    assert abs(result.elapsed - Decimal("0.5")) < Decimal("0.01")


def test_behind_time_is_at_risk_then_off_track():
    assert check(20, 100, 44, datetime.date(2014, 1, 1)).status == AT_RISK  # 30 % vs 50 %
    assert check(20, 100, 28, datetime.date(2014, 1, 1)).status == OFF_TRACK  # 10 % vs 50 %


def test_a_decreasing_indicator_uses_the_same_formula():
    # days to handle a file: 10 at baseline, target 4; now 7 → half way
    result = check(10, 4, 7, datetime.date(2014, 1, 1))
    assert result.percent == 50 and result.status == ON_TRACK
    assert check(10, 4, 11, datetime.date(2014, 1, 1)).status == OFF_TRACK  # got worse


def test_reaching_the_target_is_on_track_even_late():
    result = check(20, 100, 100, datetime.date(2016, 6, 1))
    assert result.percent == 100 and result.status == ON_TRACK


def test_ratios_compare_as_fractions_of_their_whole():
    # Bình Định: 2/19 agencies at baseline, target 19/19, now 10/19
    baseline, target = as_number(Decimal(2), Decimal(19)), as_number(Decimal(19), Decimal(19))
    actual = as_number(Decimal(10), Decimal(19))
    result = achievement(
        baseline=baseline,
        target=target,
        actual=actual,
        start_year=2012,
        target_year=2015,
        today=datetime.date(2014, 1, 1),
    )
    assert result.percent == 47  # (10 − 2) / (19 − 2)


def test_without_a_measurement_the_status_is_unknown():
    assert check(20, 100, None, datetime.date(2014, 1, 1)).status == UNKNOWN


@pytest.mark.django_db
def test_the_sql_rule_agrees_with_the_python_rule():
    """Dashboards compute achievement in SQL (``as_of``), indicator pages in Python;
    on the same 120 varied indicators, at four dates, both give the same status and progress."""
    rng = random.Random(7)  # noqa: S311 (test data)
    plan = PlanFactory(start_year=2021, end_year=2025)
    for n in range(120):
        ratio = n % 3 == 0
        denominator = Decimal(rng.choice([19, 24, 105])) if ratio else None
        baseline = None if n % 17 == 0 else Decimal(rng.randint(0, 40))
        indicator = Indicator.objects.create(
            plan=plan,
            name=f"Chỉ tiêu {n}",
            unit=Indicator.Unit.RATIO if ratio else Indicator.Unit.PERCENT,
            baseline_year=None if n % 5 == 0 else rng.choice([2019, 2020, 2021]),
            baseline_value=baseline,
            baseline_denominator=denominator,
        )
        decreasing = n % 4 == 0
        for year in sorted(rng.sample(range(2022, 2027), rng.randint(0 if n % 11 == 0 else 1, 3))):
            goal = Decimal(rng.randint(0, 15)) if decreasing else Decimal(rng.randint(41, 100))
            if n % 23 == 0 and baseline is not None:
                goal = baseline  # a target equal to the baseline
            IndicatorTarget.objects.create(
                indicator=indicator, year=year, value=goal, denominator=denominator
            )
        for _ in range(rng.randint(0, 3)):
            Measurement.objects.create(
                indicator=indicator,
                date=datetime.date(2022, 1, 1) + datetime.timedelta(days=rng.randint(0, 1500)),
                value=Decimal(rng.randint(0, 100)),
                denominator=denominator,
            )
    for today in [
        datetime.date(2021, 3, 1),
        datetime.date(2023, 7, 15),
        datetime.date(2026, 11, 23),
        datetime.date(2030, 1, 1),
    ]:
        python = {
            i.pk: i.progress(today)[2]
            for i in Indicator.objects.select_related("plan").prefetch_related(
                "targets", "measurements"
            )
        }
        sql = as_of(Indicator.objects.all(), today)
        for row in sql:
            expected = python[row.pk]
            assert row.achievement == expected.status, (row.name, today)
            if expected.progress is None:
                assert row.progress is None
            else:
                assert abs(row.progress - float(expected.progress)) < 1e-9
        statuses = {result.status for result in python.values()}
        if today.year == 2021:  # before the first measurement (2022): nothing to tell yet
            assert statuses == {UNKNOWN}
        else:
            assert len(statuses) >= 3 or today.year == 2030  # the sample covers the cases
