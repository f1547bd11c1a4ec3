"""``budgets.rollup.roll_up(..., by_province=True)``: each province's need, allocated and
disbursed over every year and source of its plans, from its own GROUP BY (the national pages'
rows), and the totals of the same rows beside it."""

import pytest

from budgets.models import BudgetLine, MoneySummary
from budgets.rollup import roll_up
from tests.factories import BudgetLineFactory, ProjectFactory, ProvinceFactory

TRIEU = 10**6


def line(province, year, source, stage, trieu_amount):
    return BudgetLineFactory(
        project=ProjectFactory(plan__province=province),
        year=year,
        source=source,
        capital_type="investment",
        stage=stage,
        amount=trieu_amount * TRIEU,
    )


@pytest.mark.django_db
def test_each_province_sums_its_years_sources_and_stages(django_assert_num_queries):
    ca_mau, hue = ProvinceFactory(name="Cà Mau"), ProvinceFactory(name="Huế")
    line(ca_mau, 2022, "local", "need", 300)
    line(ca_mau, 2023, "central", "need", 200)
    line(ca_mau, None, "local", "allocated", 150)
    line(hue, 2022, "local", "need", 40)
    line(hue, 2024, "other", "disbursed", 7)
    for rows in (BudgetLine.objects.all(), MoneySummary.objects.all()):
        with django_assert_num_queries(2):  # the roll-up's GROUP BY, then the provinces'
            money = roll_up(rows, by_province=True)
        assert money.by_province == {
            ca_mau.pk: {"need": 500 * TRIEU, "allocated": 150 * TRIEU, "disbursed": 0},
            hue.pk: {"need": 40 * TRIEU, "allocated": 0, "disbursed": 7 * TRIEU},
        }
        assert money.total == {
            "need": 540 * TRIEU,
            "allocated": 150 * TRIEU,
            "disbursed": 7 * TRIEU,
        }
        assert [row["year"] for row in money.by_year] == [2022, 2023, 2024, None]
        assert money.lines == 5
