"""Dashboards and the lists behind them: the figures, the filters, access, and query counts."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from budgets.models import BudgetLine
from projects.models import Project, StatusUpdate
from tests.factories import (
    BudgetLineFactory,
    PlanFactory,
    ProjectFactory,
    ProvinceFactory,
    make_user,
    report,
)
from tests.pages import login, text_of

TRIEU = 10**6


def test_bac_lieu_dashboard_shows_the_plans_money(client, seed):
    login(client, "lanhdao.baclieu")
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    assert text_of(response, "need") == "32.200"
    by_source = response.content.decode().split('id="need-by-source">')[1].split("</span>")[0]
    assert by_source == "Trung ương 14.890 · Địa phương 17.310"
    money = response.context["money"]
    assert money.total["need"] == 32_200 * TRIEU
    # only Bạc Liêu: the other seed plans are not in the leader's figures
    assert response.context["figures"]["plans"] == 1
    assert "provinces" not in response.context


def test_the_leaders_home_is_the_dashboard_and_staff_land_on_their_work(client, seed):
    login(client, "lanhdao.baclieu")
    assert client.get(reverse("home"))["Location"] == reverse("dashboard")
    login(client, "canbo.baclieu")
    assert client.get(reverse("home"))["Location"] == reverse("progress_board")
    login(client, "trunguong")
    assert client.get(reverse("home"))["Location"] == reverse("dashboard")


def test_national_dashboard_puts_provinces_side_by_side_under_their_2025_names(client, seed):
    login(client, "trunguong")
    response = client.get(reverse("dashboard"))
    rows = {row.province.name: row for row in response.context["provinces"]}
    assert rows["Cà Mau"].predecessors == ["Bạc Liêu"]
    assert rows["Cà Mau"].need == 32_200 * TRIEU
    assert "Bạc Liêu" not in rows  # counted in Cà Mau
    assert "(gồm Bạc Liêu)" in response.content.decode()
    # the old Quảng Trị is in the new one: named once, not "Quảng Trị (gồm Quảng Trị)"
    assert rows["Quảng Trị"].predecessors == []
    assert "(gồm Quảng Trị)" not in response.content.decode()
    total = sum(row.need for row in rows.values())
    assert total == response.context["money"].total["need"]
    assert response.context["money"].total["need"] == sum(
        BudgetLine.objects.filter(stage="need").values_list("amount", flat=True)
    )


def test_late_and_unreported_projects_add_up_on_the_national_dashboard(client, world):
    """The national headline figures are the provinces' rows summed; each province's figures
    count a project late when past its end year and unreported when it owes a report for the
    period (``owes_report``: in its years, not done, nothing sent; a draft does not count)."""
    today = timezone.localdate()
    a, b = world["a"], world["b"]
    reported = ProjectFactory(plan=b.plan)
    report(reported, world["staff_b"], state=StatusUpdate.State.SUBMITTED)
    report(b, world["staff_b"])  # a draft: still unreported
    ProjectFactory(plan=b.plan, status=Project.Status.COMPLETED)  # done: owes nothing
    Project.objects.update(end_year=today.year + 1)
    # late, no report; its years are over, so it owes none (projects/tests/test_owing_reports.py)
    Project.objects.filter(pk=a.pk).update(end_year=today.year - 1)

    client.force_login(world["national"])
    national = client.get(reverse("dashboard")).context["figures"]
    assert (national["projects"], national["late"], national["unreported"]) == (4, 1, 1)
    assert national["plans"] == 2
    assert {s["status"]: s["count"] for s in national["by_status"]}["completed"] == 1

    client.force_login(world["leader_b"])
    province = client.get(reverse("dashboard")).context["figures"]
    assert (province["projects"], province["late"], province["unreported"]) == (3, 0, 1)


def test_choosing_a_province_on_the_national_dashboard(client, seed):
    login(client, "trunguong")
    ca_mau = seed["bac-lieu"].province.successor
    response = client.get(reverse("dashboard"), {"tinh": ca_mau.pk})
    assert response.context["national"] is False
    assert response.context["money"].total["need"] == 32_200 * TRIEU


def test_filters_narrow_every_figure(client, seed):
    login(client, "lanhdao.baclieu")
    response = client.get(reverse("dashboard"), {"nguon": "central"})
    assert response.context["money"].total["need"] == 14_890 * TRIEU
    login(client, "trunguong")
    plan = seed["quang-tri"]
    year = min(y for y in plan.projects.values_list("budget_lines__year", flat=True) if y)
    response = client.get(
        reverse("dashboard"), {"tinh": plan.province.pk, "nam": year, "giai_doan": "need"}
    )
    expected = sum(
        BudgetLine.objects.filter(project__plan=plan, year=year, stage="need").values_list(
            "amount", flat=True
        )
    )
    assert expected > 0
    assert response.context["money"].total["need"] == expected
    assert [row["year"] for row in response.context["money"].by_year] == [year]


def test_text_search_ignores_diacritics(client, seed):
    login(client, "trunguong")
    project = Project.objects.filter(name__icontains="một cửa").first()
    assert project is not None
    response = client.get(reverse("project_list"), {"q": "mot cua"})
    names = [p.name for p in response.context["page"]]
    assert project.name in names
    unrelated = Project.objects.exclude(search_key__contains="mot").first()
    assert unrelated.name not in names
    assert client.get(reverse("project_list"), {"q": "MỘT CỬA"}).context["page"].object_list


def test_a_bar_of_the_year_chart_opens_the_projects_with_money_that_year(client, seed):
    login(client, "trunguong")
    plan = seed["quang-tri"]
    response = client.get(reverse("dashboard"), {"tinh": plan.province.pk, "nguon": "local"})
    chart = response.context["charts"]["money_by_year"]
    year = response.context["money"].by_year[0]["year"]
    url = chart["urls"][0]
    assert "nguon=local" in url and f"nam={year}" in url and f"tinh={plan.province.pk}" in url
    listed = client.get(url).context["page"].paginator.object_list
    expected = Project.objects.filter(
        plan__province=plan.province, budget_lines__year=year, budget_lines__source="local"
    ).distinct()
    assert expected and {p.pk for p in listed} == {p.pk for p in expected}


def test_lists_export_the_filtered_rows_to_excel_and_csv(client, seed):
    login(client, "trunguong")
    response = client.get(reverse("project_list"), {"q": "mot cua", "xuat": "xlsx"})
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))  # row 1 says the filter
    names = [row[rows[0].index("Tên dự án, nhiệm vụ")] for row in rows[1:]]
    expected = client.get(reverse("project_list"), {"q": "mot cua"}).context["page"]
    assert sorted(names) == sorted(p.name for p in expected)
    response = client.get(
        reverse("budget_list"), {"tinh": seed["tra-vinh"].province.pk, "xuat": "csv"}
    )
    content = response.content.decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(content), delimiter=";"))
    assert lines[0][0] == "Tỉnh" and {row[0] for row in lines[1:]} == {"Trà Vinh"}
    assert (
        len(lines) - 1
        == BudgetLine.objects.filter(project__plan__province__slug="tra-vinh").count()
    )


def test_a_leader_sees_only_their_province_even_when_asking_for_another(client, seed):
    login(client, "lanhdao.baclieu")
    other = seed["tra-vinh"].province
    response = client.get(reverse("dashboard"), {"tinh": other.pk})
    assert "tinh" in response.context["filter"].form.errors  # not one of theirs
    assert response.context["money"].total["need"] == 32_200 * TRIEU  # still only Bạc Liêu
    # Bạc Liêu's seed plan: 11 projects, 18 budget lines, 35 indicators, all on the first page.
    for name, rows in (("project_list", 11), ("budget_list", 18), ("indicator_list", 35)):
        page = client.get(reverse(name)).context["page"]
        assert (page.paginator.count, len(page.object_list)) == (rows, rows), name
        assert set(_provinces_of(page)) == {"Bạc Liêu"}, name


def _provinces_of(page):
    for item in page:
        plan = getattr(item, "plan", None) or item.project.plan
        yield plan.province.name


def test_anonymous_users_are_sent_to_login_and_roleless_users_refused(client, db):
    for name in ("dashboard", "project_list", "budget_list", "indicator_list"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    client.force_login(make_user("khach", None))
    for name in ("dashboard", "project_list", "budget_list", "indicator_list"):
        assert client.get(reverse(name)).status_code == 403


def _province_with_projects(count: int):
    province = ProvinceFactory()
    plan = PlanFactory(province=province)
    for n in range(count):
        project = ProjectFactory(
            plan=plan, status=Project.Status.IN_PROGRESS if n % 2 else Project.Status.NOT_STARTED
        )
        for stage in ("need", "allocated", "disbursed"):
            BudgetLineFactory(
                project=project, year=2022 + n % 3, stage=stage, amount=(n + 1) * TRIEU
            )
    return province


@pytest.mark.parametrize("role", ["leader", "national"])
@pytest.mark.parametrize("name", ["dashboard", "project_list", "budget_list", "indicator_list"])
def test_query_count_does_not_grow_with_the_data(
    client, db, django_assert_max_num_queries, role, name
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for size in (1, 20):
        province = _province_with_projects(size)
        user = make_user(f"{role}{size}", role, province if role == "leader" else None)
        client.force_login(user)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(name)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    assert counts[1] <= 12, counts


def test_vietnamese_whatever_the_browser_says_until_the_user_switches(client, seed):
    login(client, "lanhdao.baclieu")
    response = client.get(reverse("dashboard"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="vi">' in response.content.decode()
    assert text_of(response, "need") == "32.200"
    client.post(reverse("set_language"), {"language": "en", "next": reverse("dashboard")})
    response = client.get(reverse("dashboard"))
    assert '<html lang="en">' in response.content.decode()
    assert text_of(response, "need") == "32.200"  # money keeps the documents' notation


def test_a_chosen_province_narrows_the_plan_and_agency_choices(client, seed):
    login(client, "trunguong")
    tra_vinh = seed["tra-vinh"].province
    form = client.get(reverse("project_list"), {"tinh": tra_vinh.pk}).context["filter"].form
    plans = [str(plan) for plan in form.fields["ke_hoach"].queryset]
    assert plans == [str(seed["tra-vinh"])]
    agencies = set(form.fields["don_vi"].queryset.values_list("province__slug", flat=True))
    assert agencies == {"tra-vinh"}
