"""The API's money is the portal's money: for each of the five seed plans, ``/api/v1/money/``
gives the need, allocated and disbursed that ``reconcile`` computes and the plan page shows,
and a filter of the budget list (year, source) gives what the list's totals give."""

import re

import pytest
from django.test import Client

from budgets.models import BudgetLine
from budgets.reconciliation import reconcile
from itplan.api import auth
from tests.factories import make_user
from tests.test_money_equality import NUMBER, flat, from_lines, plan_page, triple

SEED_PLANS = ["bac-lieu", "quang-tri", "binh-dinh", "tra-vinh", "tien-giang"]


@pytest.fixture
def national(seed):
    user = make_user("doc.api", "national")
    _row, token = auth.issue(user, name="thử")
    return user, Client(HTTP_AUTHORIZATION=f"Bearer {token}")


@pytest.mark.parametrize("slug", SEED_PLANS)
def test_money_of_each_seed_plan_equals_reconcile_and_the_plan_page(seed, national, slug):
    user, api = national
    plan = seed[slug]
    money = api.get("/api/v1/money/", {"ke_hoach": plan.pk}).json()
    computed = reconcile(plan).computed
    assert money["total"]["need"] == computed["total"]
    for stage in ("need", "allocated", "disbursed"):
        assert money["total"][stage] == computed["by_stage"].get(stage, 0)
    by_year = {str(row["year"] or ""): row["need"] for row in money["by_year"] if row["need"]}
    assert by_year == computed["by_year"]
    page = Client()
    page.force_login(user)
    header, block = plan_page(page, plan)
    assert money["total"]["need"] == header
    # the page shows triệu đồng with one decimal at most: compare at that precision
    for stage in ("need", "allocated", "disbursed"):
        assert abs(money["total"][stage] - block[stage]) < 100_000


def test_bac_lieu_needs_32_200_trieu_as_its_document_states(seed, national):
    _user, api = national
    money = api.get("/api/v1/money/", {"ke_hoach": seed["bac-lieu"].pk}).json()
    assert money["total"]["need"] == 32_200_000_000


def test_money_filtered_by_year_and_source_equals_the_budget_list(seed, national):
    user, api = national
    # a year and source of a seed line: its province's lines of that year and source
    line = BudgetLine.objects.filter(year__isnull=False).order_by("id").first()
    province = line.project.plan.province
    params = {"tinh": province.pk, "nam": line.year, "nguon": line.source}
    money = api.get("/api/v1/money/", params).json()
    lines = BudgetLine.objects.filter(
        project__plan__province=province, year=line.year, source=line.source
    )
    assert money["total"] == from_lines(lines)
    assert money["total"]["need"] > 0
    page = Client()
    page.force_login(user)
    listed = flat(page.get("/kinh-phi/", params).content.decode())
    assert f"{money['lines']} dòng kinh phí" in listed
    shown = re.search(rf"Nhu cầu {NUMBER} · bố trí {NUMBER} · giải ngân {NUMBER}", listed)
    assert triple(*shown.groups()) == {
        stage: round(amount, -5) for stage, amount in money["total"].items()
    }


def test_an_invalid_parameter_is_a_400_naming_it(seed, national):
    _user, api = national
    response = api.get("/api/v1/money/", {"nguon": "vang"})
    assert response.status_code == 400
    assert "nguon" in response.json()
