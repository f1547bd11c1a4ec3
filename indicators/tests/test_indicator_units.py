"""An indicator's values carry its unit ("85 %", "120 dịch vụ", "10/19 cơ quan"), and going past
the target is named "Vượt chỉ tiêu" by the one rule (``achievement.label``)."""

import datetime
from decimal import Decimal

import pytest

from indicators.achievement import ON_TRACK, achievement, exceeded, label
from indicators.models import Indicator

Unit = Indicator.Unit


@pytest.mark.parametrize(
    ("unit", "unit_label", "value", "denominator", "text", "shown"),
    [
        (Unit.PERCENT, "", Decimal(85), None, "", "85 %"),
        (Unit.PERCENT, "", Decimal("97.5"), None, "", "97,5 %"),
        (Unit.COUNT, "dịch vụ", Decimal(120), None, "", "120 dịch vụ"),
        (Unit.COUNT, "", Decimal(120), None, "", "120"),
        (Unit.RATIO, "cơ quan", Decimal(10), Decimal(19), "", "10/19 cơ quan"),
        (Unit.TEXT, "", None, None, "Hoàn thành", "Hoàn thành"),
        (Unit.PERCENT, "", None, None, "trên 80%", "trên 80%"),  # written as text: as written
        (Unit.PERCENT, "", None, None, "", ""),
    ],
)
def test_values_are_shown_with_their_unit(unit, unit_label, value, denominator, text, shown):
    indicator = Indicator(unit=unit, unit_label=unit_label)
    assert indicator.in_units(value, denominator, text) == shown


def test_baseline_is_shown_with_its_unit():
    indicator = Indicator(unit=Unit.PERCENT, baseline_value=Decimal(15))
    assert indicator.baseline_shown == "15 %"


def test_twice_the_way_to_the_target_is_exceeded_and_counted_on_track():
    result = achievement(
        baseline=Decimal(0),
        target=Decimal(100),
        actual=Decimal(200),
        start_year=2021,
        target_year=2025,
        today=datetime.date(2025, 6, 30),
    )
    assert result.percent == 200
    assert result.status == ON_TRACK
    assert result.exceeded
    assert result.label == "Vượt chỉ tiêu"


def test_reaching_the_target_exactly_is_not_exceeding_it():
    assert not exceeded(1.0)
    assert not exceeded(None)
    assert label(ON_TRACK, 1.0) == "Đúng tiến độ"
    assert label(ON_TRACK, 1.01) == "Vượt chỉ tiêu"
