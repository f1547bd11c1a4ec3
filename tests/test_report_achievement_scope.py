"""A UBND report for a past period shows the same indicator achievement whether scoped to the
plan, the province or the nation: each takes every indicator's latest measurement up to the
period's end (``indicators.achievement.as_of``), never one measured after it."""

import datetime

import time_machine

from indicators.models import Indicator, IndicatorTarget, Measurement
from itplan.reports.content import build
from itplan.reports.period import Period
from tests.factories import PlanFactory, make_user

D = datetime.date


def indicator(plan, name, measured):
    """Baseline 0 in 2021, target 100 in 2025; ``measured`` is [(date, value)]."""
    made = Indicator.objects.create(
        plan=plan, name=name, unit="percent", baseline_year=2021, baseline_value=0
    )
    IndicatorTarget.objects.create(indicator=made, year=2025, value=100)
    for day, value in measured:
        Measurement.objects.create(indicator=made, date=day, value=value)
    return made


@time_machine.travel("2026-03-10 09:00 +0700", tick=False)
def test_a_past_years_report_shows_one_achievement_for_the_plan_the_province_and_the_nation(db):
    plan = PlanFactory(start_year=2021, end_year=2025)
    # At the end of 2024, 4 of 5 years are gone: on track from 70 %, at risk from 55 %
    indicator(plan, "Dịch vụ công trực tuyến", [(D(2024, 12, 31), 75), (D(2025, 12, 31), 76)])
    indicator(plan, "Hồ sơ điện tử", [(D(2024, 6, 30), 60), (D(2025, 6, 30), 100)])
    indicator(plan, "Chữ ký số", [(D(2024, 3, 1), 30), (D(2025, 3, 1), 95)])
    indicator(plan, "Kho dữ liệu", [(D(2025, 1, 1), 100)])  # nothing known by the end of 2024
    leader = make_user("lanhdao", "leader", plan.province)
    national = make_user("trunguong", "national")
    today, period = D(2026, 3, 10), Period(2024)

    by_plan = build(params={"ke_hoach": str(plan.pk)}, period=period, user=leader, today=today)
    rows = {
        row["name"]: (row["actual"], row["percent"], row["achievement"])
        for row in by_plan["indicators"]
    }
    assert rows == {
        "Dịch vụ công trực tuyến": ("75 %", 75, "Đúng tiến độ"),
        "Hồ sơ điện tử": ("60 %", 60, "Có nguy cơ chậm"),
        "Chữ ký số": ("30 %", 30, "Chậm tiến độ"),
    }  # "Kho dữ liệu": no target due nor measurement by the end of 2024, nothing to say
    first = by_plan["indicators"][0]
    assert (first["baseline"], first["target"], first["target_year"]) == ("0 %", "100 %", 2025)
    assert first["actual_date"] == "2024-12-31"
    by_province = build(
        params={"tinh": str(plan.province_id)}, period=period, user=leader, today=today
    )
    assert by_province["indicators"] == by_plan["indicators"]
    nation = build(params={}, period=period, user=national, today=today)
    counts = {row["label"]: row["count"] for row in nation["indicator_counts"]}
    assert counts == {  # the indicators the province's report lists, the same rule
        "Đúng tiến độ": 1,
        "Có nguy cơ chậm": 1,
        "Chậm tiến độ": 1,
        "Chưa đủ số liệu": 0,
    }
    # The report of 2025 takes the later measurements (all the time gone: on track from 90 %)
    later = build(params={"ke_hoach": str(plan.pk)}, period=Period(2025), user=leader, today=today)
    assert {row["name"]: (row["percent"], row["achievement"]) for row in later["indicators"]} == {
        "Dịch vụ công trực tuyến": (76, "Có nguy cơ chậm"),
        "Hồ sơ điện tử": (100, "Đúng tiến độ"),
        "Chữ ký số": (95, "Đúng tiến độ"),
        "Kho dữ liệu": (100, "Đúng tiến độ"),
    }
    nation = build(params={}, period=Period(2025), user=national, today=today)
    assert [row["count"] for row in nation["indicator_counts"]] == [3, 1, 0, 0]
