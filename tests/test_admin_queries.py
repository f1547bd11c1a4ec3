"""Every changelist runs the same number of queries for 1 row as for 21 (no N+1)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import (
    AgencyFactory,
    BudgetLineFactory,
    IndicatorFactory,
    PlanFactory,
    ProjectFactory,
    ProvinceFactory,
    StatedTotalFactory,
    make_user,
)


def add_rows(name, province, count):
    """``count`` more rows of the changelist's model, each under its own plan and project."""
    for _ in range(count):
        plan = PlanFactory(province=province)
        project = ProjectFactory(plan=plan)
        if name in ("projects_plan", "projects_project", "budgets_budgetline"):
            BudgetLineFactory(project=project)
        elif name == "budgets_statedtotal":
            StatedTotalFactory(plan=plan)
        elif name == "indicators_indicator":
            IndicatorFactory(plan=plan)
        elif name == "provinces_agency":
            AgencyFactory(province=province)


@pytest.mark.parametrize(
    "name",
    [
        "projects_plan",
        "projects_project",
        "budgets_budgetline",
        "budgets_statedtotal",
        "indicators_indicator",
        "provinces_agency",
    ],
)
@pytest.mark.parametrize("role", ["staff", "admin"])
def test_changelist_query_count_does_not_grow_with_rows(
    client, db, django_assert_num_queries, name, role
):
    province = ProvinceFactory()
    client.force_login(make_user("u", role, province))
    url = reverse(f"admin:{name}_changelist")
    add_rows(name, province, 1)
    with CaptureQueriesContext(connection) as one_row:
        assert client.get(url).status_code == 200
    add_rows(name, province, 20)
    with django_assert_num_queries(len(one_row)):
        response = client.get(url)
    assert response.context["cl"].result_count >= 21


def test_province_changelist_query_count_does_not_grow(client, db, django_assert_num_queries):
    client.force_login(make_user("u", "admin"))
    url = reverse("admin:provinces_province_changelist")
    successor = ProvinceFactory()
    ProvinceFactory(successor=successor)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(20):
        ProvinceFactory(successor=successor)
    with django_assert_num_queries(len(few)):
        assert client.get(url).context["cl"].result_count == 22


def test_user_changelist_query_count_does_not_grow(client, db, django_assert_num_queries):
    admin_user = make_user("quantri", "admin")
    province = ProvinceFactory()
    client.force_login(admin_user)
    url = reverse("admin:auth_user_changelist")
    make_user("canbo.0", "staff", province)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(1, 21):
        make_user(f"canbo.{i}", "staff", province)
    with django_assert_num_queries(len(few)):
        assert client.get(url).context["cl"].result_count == 22
