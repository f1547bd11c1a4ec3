"""The one money roll-up (``budgets.rollup``) and the one đồng -> triệu/tỷ conversion
(``budgets.money.to_unit``): what they return, that the plans' summaries and the lines give the
same roll-up, and that the project page groups its lines once."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from budgets.models import BudgetLine, MoneySummary
from budgets.money import in_unit, to_unit, with_unit
from budgets.rollup import of_plans, of_projects, roll_up
from itplan.reports.workbook import trieu
from projects.models import Project
from tests.factories import (
    BudgetLineFactory,
    PlanFactory,
    ProjectFactory,
    ProvinceFactory,
    make_user,
)

TRIEU = 10**6


# --- units --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "unit", "shown"),
    [
        (1_234_500, "trieu", "1,235"),  # half up, as Excel's ROUND and the documents
        (1_234_499, "trieu", "1,234"),
        (1_235_500, "trieu", "1,236"),  # not to even
        (-1_234_500, "trieu", "-1,235"),  # a negative difference: half away from zero
        (-11_750_000_000, "trieu", "-11.750"),
        (500, "trieu", "0,001"),
        (499, "trieu", "0"),
        (0, "trieu", "0"),
        (32_200_000_000, "trieu", "32.200"),
        (1_234_500_000, "trieu", "1.234,5"),
        (3_360_000_000, "ty", "3,36"),
        (439_050_000_000, "ty", "439,05"),
        (1_234_567_500, "ty", "1,235"),
        (-2_500_000, "ty", "-0,003"),
        (7, "dong", "7"),
        (1_234_567, "dong", "1.234.567"),
    ],
)
def test_in_unit_rounds_half_up_with_vietnamese_separators(amount, unit, shown):
    assert in_unit(amount, unit) == shown


def test_in_unit_and_with_unit_show_nothing_for_none():
    assert in_unit(None) == ""
    assert in_unit(None, "ty") == ""
    assert with_unit(None) == ""
    assert with_unit(1_234_500, "trieu") == "1,235 triệu đồng"
    assert with_unit(32_200_000_000, "ty") == "32,2 tỷ đồng"


def test_to_unit_is_exact_unless_asked_to_round():
    assert to_unit(1_234_567) == Decimal("1.234567")
    assert to_unit(1_234_567, "ty") == Decimal("0.001234567")
    assert to_unit(1_234_500, "trieu", 3) == Decimal("1.235")
    assert to_unit(-1_234_500, "trieu", 3) == Decimal("-1.235")
    assert to_unit(1_500_000, "trieu", 0) == Decimal("2")


def test_report_workbook_and_dashboard_chart_convert_through_to_unit():
    from itplan.dashboard.views import _trieu

    assert trieu(1_234_567) == Decimal("1.234567")  # the Excel cell keeps every đồng
    assert _trieu(1_234_500) == 1.235  # the chart's value, half up like the table beside it
    assert _trieu(-1_234_500) == -1.235


# --- the roll-up --------------------------------------------------------------------------------


def line(project, year, source, capital_type, stage, trieu_amount):
    return BudgetLineFactory(
        project=project,
        year=year,
        source=source,
        capital_type=capital_type,
        stage=stage,
        amount=trieu_amount * TRIEU,
    )


@pytest.fixture
def plan(db):
    plan = PlanFactory()
    first, second = ProjectFactory(plan=plan), ProjectFactory(plan=plan)
    line(first, 2022, "local", "investment", "need", 1_000)
    line(first, 2022, "local", "investment", "allocated", 800)
    line(first, 2022, "local", "investment", "disbursed", 600)
    line(first, 2023, "central", "recurrent", "need", 500)
    line(second, None, "other", "unspecified", "need", 250)
    line(second, 2023, "central", "recurrent", "allocated", 200)
    line(second, 2023, "central", "recurrent", "disbursed", 50)
    return plan


def test_roll_up_totals_years_sources_and_rate(plan, django_assert_num_queries):
    with django_assert_num_queries(1):
        money = of_projects(plan.projects.all())
    assert money.total == {
        "need": 1_750 * TRIEU,
        "allocated": 1_000 * TRIEU,
        "disbursed": 650 * TRIEU,
    }
    assert money.lines == 7
    assert money.disbursement_rate == Decimal("65.0")
    assert money.by_year == [
        {"year": 2022, "need": 1_000 * TRIEU, "allocated": 800 * TRIEU, "disbursed": 600 * TRIEU},
        {"year": 2023, "need": 500 * TRIEU, "allocated": 200 * TRIEU, "disbursed": 50 * TRIEU},
        {
            "year": None,
            "need": 250 * TRIEU,
            "allocated": 0,
            "disbursed": 0,
        },  # the whole period last
    ]
    assert [(r["label"], r["need"], r["disbursed"]) for r in money.by_source] == [
        ("Trung ương · Sự nghiệp", 500 * TRIEU, 50 * TRIEU),
        ("Địa phương · Đầu tư phát triển", 1_000 * TRIEU, 600 * TRIEU),
        ("Vốn khác · Không ghi rõ", 250 * TRIEU, 0),
    ]
    assert [(s["label"], s["allocated"]) for s in money.sources] == [
        ("Trung ương", 200 * TRIEU),
        ("Địa phương", 800 * TRIEU),
        ("Vốn khác", 0),
    ]


def test_roll_up_of_nothing_is_zero_without_a_rate(db):
    money = roll_up(BudgetLine.objects.none())
    assert money.total == {"need": 0, "allocated": 0, "disbursed": 0}
    assert money.by_year == money.by_source == money.sources == []
    assert money.lines == 0
    assert money.disbursement_rate is None


def test_roll_up_from_the_summaries_equals_the_roll_up_from_the_lines(plan):
    other = PlanFactory()  # a plan outside the scope, which neither side may count
    line(ProjectFactory(plan=other), 2022, "local", "investment", "need", 9_999)
    from_summary = of_plans([plan.pk])
    from_lines = of_projects(Project.objects.filter(plan=plan))
    assert from_summary == from_lines
    assert from_summary.total["need"] == 1_750 * TRIEU
    assert of_plans([plan.pk, other.pk]).total["need"] == 11_749 * TRIEU


def test_roll_up_by_province_counts_a_merged_province_in_its_successor(db):
    successor = ProvinceFactory(name="Cà Mau")
    merged = ProvinceFactory(name="Bạc Liêu", successor=successor)
    line(ProjectFactory(plan__province=merged), 2022, "local", "investment", "need", 300)
    line(ProjectFactory(plan__province=successor), 2022, "local", "investment", "need", 200)
    for rows in (BudgetLine.objects.all(), MoneySummary.objects.all()):
        money = roll_up(rows, by_province=True)
        assert money.by_province == {
            successor.pk: {"need": 500 * TRIEU, "allocated": 0, "disbursed": 0}
        }
        assert money.total["need"] == 500 * TRIEU
    assert roll_up(BudgetLine.objects.all()).by_province == {}


# --- the project page groups its lines once -----------------------------------------------------


def test_project_page_runs_its_money_group_by_once(client, plan):
    project = plan.projects.order_by("pk").first()
    client.force_login(make_user("ld", "leader", plan.province))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("project_detail", args=[project.pk]))
    assert response.status_code == 200
    sql = [q["sql"] for q in queries.captured_queries]
    assert len(sql) == len(set(sql)), [s for s in sql if sql.count(s) > 1]
    grouped = [s for s in sql if "budgetline" in s and "GROUP BY" in s]
    assert len(grouped) == 1
    page = response.content.decode()
    assert "1.000 triệu đồng" in page  # 2022 need, local
    assert "600 triệu đồng" in page  # 2022 disbursed
