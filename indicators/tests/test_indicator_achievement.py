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
from indicators.models import Indicator
from tests.factories import varied_indicators


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
    # Measured up to 1.500 days after 1 January 2022
    varied_indicators(random.Random(7), datetime.date(2026, 2, 9))  # noqa: S311 (test data)
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
