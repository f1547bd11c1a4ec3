"""Money allocated and disbursed per project and year: entered on the project page, summed by
the budgets app's queryset, and warned about (never refused) when it does not add up."""

import pytest
from django.urls import reverse

from budgets.checks import money_warnings
from budgets.models import BudgetLine
from budgets.rollup import roll_up
from tests.factories import (
    BudgetLineFactory,
    PlanFactory,
    ProjectFactory,
    ProvinceFactory,
    make_user,
)

TRIEU = 10**6


@pytest.fixture
def project(db):
    project = ProjectFactory(plan=PlanFactory(province=ProvinceFactory()), period="2022-2023")
    BudgetLineFactory(project=project, year=2022, source="local", amount=500 * TRIEU)
    return project


def line(project, year, stage, amount, source="local"):
    return BudgetLine.objects.create(
        project=project,
        year=year,
        source=source,
        stage=stage,
        capital_type="unspecified",
        amount=amount * TRIEU,
    )


def test_stages_side_by_side_in_one_query(project, django_assert_num_queries):
    line(project, 2022, "allocated", 400)
    line(project, 2022, "disbursed", 300)
    line(project, 2023, "allocated", 100)
    with django_assert_num_queries(1):
        rows = roll_up(BudgetLine.objects.filter(project=project)).by("year")
    assert rows == [
        {"year": 2022, "need": 500 * TRIEU, "allocated": 400 * TRIEU, "disbursed": 300 * TRIEU},
        {"year": 2023, "need": 0, "allocated": 100 * TRIEU, "disbursed": 0},
    ]


def test_consistent_money_has_no_warning(project):
    line(project, 2022, "allocated", 500)
    line(project, 2022, "disbursed", 450)
    assert money_warnings(project) == []


def test_warnings_name_the_year_source_and_amounts(project):
    line(project, 2022, "allocated", 600)
    line(project, 2022, "disbursed", 700)
    line(project, 2025, "disbursed", 10)
    warnings = money_warnings(project)
    assert "Năm 2022, Địa phương: giải ngân 700 triệu đồng vượt số bố trí 600 triệu đồng." in (
        warnings
    )
    assert "Năm 2022, Địa phương: bố trí 600 triệu đồng vượt nhu cầu 500 triệu đồng." in warnings
    assert any("năm 2025, ngoài thời gian thực hiện “2022-2023”" in w for w in warnings)


def test_whole_period_need_is_compared_with_all_years(db):
    project = ProjectFactory(plan=PlanFactory(province=ProvinceFactory()), period="2012-2015")
    BudgetLineFactory(project=project, year=None, source="central", amount=1_000 * TRIEU)
    line(project, 2013, "allocated", 600, source="central")
    line(project, 2014, "allocated", 600, source="central")
    assert money_warnings(project) == [
        "Trung ương: tổng bố trí 1.200 triệu đồng vượt nhu cầu cả giai đoạn 1.000 triệu đồng."
    ]


def test_staff_enter_money_on_the_project_page_and_see_the_warning(client, project):
    client.force_login(make_user("cb", "staff", project.plan.province))
    url = reverse("project_detail", args=[project.pk])
    response = client.post(
        url,
        {
            "year": 2022,
            "stage": "allocated",
            "source": "local",
            "sub_source": "",
            "capital_type": "investment",
            "amount": "0,8 tỷ",
        },
    )
    assert response.url == url + "#kinh-phi"
    page = client.get(url).content.decode()
    assert "Đã ghi bố trí 800 triệu đồng năm 2022." in page
    assert "bố trí 800 triệu đồng vượt nhu cầu 500 triệu đồng" in page
    assert BudgetLine.objects.get(stage="allocated").amount == 800 * TRIEU
    response = client.post(
        url,
        {
            "year": 2022,
            "stage": "allocated",
            "source": "local",
            "capital_type": "investment",
            "amount": "tám trăm",
        },
    )
    assert "“tám trăm” không phải là số tiền" in response.content.decode()


def test_leaders_cannot_enter_money_and_other_provinces_get_404(client, project):
    url = reverse("project_detail", args=[project.pk])
    data = {
        "year": 2022,
        "stage": "disbursed",
        "source": "local",
        "capital_type": "investment",
        "amount": "100 triệu",
    }
    client.force_login(make_user("ld", "leader", project.plan.province))
    assert client.post(url, data).status_code == 403
    client.force_login(make_user("khac", "staff", ProvinceFactory()))
    assert client.post(url, data).status_code == 404
    assert not BudgetLine.objects.filter(stage="disbursed").exists()


def test_the_plan_page_sums_money_by_year_and_source(client, seed):
    plan = seed["bac-lieu"]
    project = plan.projects.order_by("order").first()
    line(project, 2013, "allocated", 1_000, source="central")
    line(project, 2013, "disbursed", 400, source="central")
    client.force_login(make_user("xem", "national"))
    response = client.get(reverse("plan_detail", args=[plan.pk]))
    page = response.content.decode()
    summary = page[page.index('id="money-summary"') :].split("</p>")[0]
    assert "Nhu cầu <strong>32.200</strong>" in summary
    assert "bố trí <strong>1.000</strong> · giải ngân <strong>400</strong>" in summary
    assert "tỷ lệ giải ngân <strong>40,0%</strong>" in summary
    by_source = {
        (row["source"], row["capital_type"]): row for row in response.context["money"].by_source
    }
    need_by_source = {}
    for (source, _type), row in by_source.items():
        need_by_source[source] = need_by_source.get(source, 0) + row["need"]
    assert need_by_source == {"central": 14_890 * TRIEU, "local": 17_310 * TRIEU}
    years = {row["year"]: row for row in response.context["money"].by_year}
    assert (years[2013]["allocated"], years[2013]["disbursed"]) == (1_000 * TRIEU, 400 * TRIEU)
    assert sum(row["need"] for row in years.values()) == 32_200 * TRIEU
