"""Flat Excel/CSV export of projects, budget lines and indicators from the admin: Vietnamese
columns, labels and money in triệu đồng, only the rows of the user's province, no N+1."""

import codecs
import csv
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from budgets.models import BudgetLine
from indicators.models import Indicator
from projects.models import Project
from provinces.models import Province
from tests.factories import (
    AgencyFactory,
    BudgetLineFactory,
    IndicatorFactory,
    PlanFactory,
    ProjectFactory,
    ProvinceFactory,
    make_user,
)


def export(client, name, file_format, query=""):
    """POST the admin export form of ``name`` ("projects_project"...) as the page offers it;
    returns the response."""
    url = reverse(f"admin:{name}_export") + query
    form = client.get(url).context["form"]
    choice = {label: value for value, label in form.fields["format"].choices}[file_format]
    return client.post(url, {"format": choice, "resource": "0"})


def read(response) -> list[dict]:
    """The exported rows as dicts keyed by the header a user sees."""
    if response["Content-Type"] == "text/csv":
        assert response.content.startswith(codecs.BOM_UTF8)  # Excel then reads UTF-8
        text = response.content.decode("utf-8-sig")
        return list(csv.DictReader(io.StringIO(text), delimiter=";"))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header, *rows = sheet.iter_rows(values_only=True)
    return [dict(zip(header, row, strict=True)) for row in rows]


@pytest.fixture
def bac_lieu(seed):
    """The seed Bạc Liêu plan, its project 1 in progress, and a Bạc Liêu staff user."""
    plan = seed["bac-lieu"]
    project = plan.projects.get(ref="1")
    project.status = Project.Status.IN_PROGRESS
    project.save()
    staff = make_user("canbo.bl", "staff", plan.province)
    return {"plan": plan, "project": project, "staff": staff}


def project_names(province_slug):
    projects = Project.objects.filter(plan__province__slug=province_slug)
    return set(projects.values_list("name", flat=True))


def test_staff_exports_own_projects_as_xlsx_in_vietnamese_and_trieu(client, bac_lieu):
    client.force_login(bac_lieu["staff"])
    response = export(client, "projects_project", "xlsx")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    rows = read(response)
    assert list(rows[0])[:5] == ["Tỉnh", "Kế hoạch", "Nhóm", "Số thứ tự", "Tên dự án, nhiệm vụ"]
    (row,) = [r for r in rows if r["Tên dự án, nhiệm vụ"] == bac_lieu["project"].name]
    assert row["Tên dự án, nhiệm vụ"].startswith(
        "Xây dựng hệ thống hội nghị giao ban trực tuyến từ tỉnh xuống huyện"
    )
    assert row["Kế hoạch"] == "2213/QĐ-UBND"
    assert row["Cơ quan chủ trì"] == "Sở Thông tin và Truyền thông"
    assert row["Tình trạng"] == "Đang thực hiện"
    assert row["Dự kiến kinh phí (triệu đồng)"] == 3_000
    assert type(row["Dự kiến kinh phí (triệu đồng)"]) is int
    assert row["Nhu cầu vốn theo các dòng kinh phí (triệu đồng)"] == 3_000
    assert {r["Tỉnh"] for r in rows} == {"Bạc Liêu"}
    assert {r["Tên dự án, nhiệm vụ"] for r in rows} == project_names("bac-lieu")


def test_staff_exports_own_projects_as_csv_that_excel_reads(client, bac_lieu):
    client.force_login(bac_lieu["staff"])
    response = export(client, "projects_project", "csv")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.csv"')
    rows = read(response)
    (row,) = [r for r in rows if r["Tên dự án, nhiệm vụ"] == bac_lieu["project"].name]
    assert row["Tình trạng"] == "Đang thực hiện"
    assert row["Dự kiến kinh phí (triệu đồng)"] == "3000"
    assert {r["Tỉnh"] for r in rows} == {"Bạc Liêu"}
    assert {r["Tên dự án, nhiệm vụ"] for r in rows} == project_names("bac-lieu")
    assert not project_names("tra-vinh") & {r["Tên dự án, nhiệm vụ"] for r in rows}


def test_staff_exports_own_budget_lines_with_source_labels_and_trieu(client, bac_lieu):
    client.force_login(bac_lieu["staff"])
    rows = read(export(client, "budgets_budgetline", "xlsx"))
    assert len(rows) == BudgetLine.objects.filter(project__plan=bac_lieu["plan"]).count()
    assert {r["Tỉnh"] for r in rows} == {"Bạc Liêu"}
    (line,) = [r for r in rows if r["Dự án, nhiệm vụ"] == bac_lieu["project"].name]
    assert line["Năm"] == "cả giai đoạn"
    assert line["Nguồn vốn"] == "Địa phương"
    assert line["Loại vốn"] == "Không ghi rõ"
    assert line["Giai đoạn"] == "Nhu cầu, dự kiến"
    assert line["Số tiền (triệu đồng)"] == 3_000
    assert {"Trung ương", "Địa phương"} <= {r["Nguồn vốn"] for r in rows}
    # The plan states 32,20 tỷ in all: the export adds up to it.
    assert sum(r["Số tiền (triệu đồng)"] for r in rows if r["Giai đoạn"] == "Nhu cầu, dự kiến") == (
        32_200
    )


def test_staff_exports_own_indicators_with_targets(client, bac_lieu):
    client.force_login(bac_lieu["staff"])
    rows = read(export(client, "indicators_indicator", "csv"))
    assert len(rows) == Indicator.objects.filter(plan=bac_lieu["plan"]).count()
    assert {r["Tỉnh"] for r in rows} == {"Bạc Liêu"}
    (row,) = [r for r in rows if r["Số thứ tự"] == "I.2.a.1"]
    assert row["Chỉ tiêu"].startswith("Cơ quan quản lý nhà nước trong tỉnh ứng dụng")
    assert row["Đơn vị"] == "Tỷ lệ %"
    assert row["Chiều mong muốn"] == "Tăng"
    assert row["Mục tiêu theo năm"] == "2015: 70 %"


@pytest.mark.parametrize("name", ["projects_project", "budgets_budgetline"])
def test_other_province_cannot_export_bac_lieu_rows(client, bac_lieu, name):
    tra_vinh = Province.objects.get(slug="tra-vinh")
    client.force_login(make_user("canbo.tv", "staff", tra_vinh))
    rows = read(export(client, name, "xlsx"))
    assert rows
    assert {r["Tỉnh"] for r in rows} == {"Trà Vinh"}
    names = {r.get("Tên dự án, nhiệm vụ") or r.get("Dự án, nhiệm vụ") for r in rows}
    assert not names & project_names("bac-lieu")


def test_changelist_filter_cannot_widen_the_export_to_another_province(client, bac_lieu):
    tra_vinh = Province.objects.get(slug="tra-vinh")
    client.force_login(bac_lieu["staff"])
    url = reverse("admin:projects_project_export") + f"?plan__province__id__exact={tra_vinh.pk}"
    rows = read(client.post(url, {"format": "0", "resource": "0"}))
    assert {r["Tỉnh"] for r in rows} == {"Bạc Liêu"}  # a filter on a province out of scope
    assert not project_names("tra-vinh") & {r["Tên dự án, nhiệm vụ"] for r in rows}


def test_export_follows_the_changelist_filter(client, bac_lieu):
    client.force_login(bac_lieu["staff"])
    response = export(client, "projects_project", "csv", query="?status__exact=in_progress")
    assert [r["Tên dự án, nhiệm vụ"] for r in read(response)] == [bac_lieu["project"].name]


def test_leader_may_export_what_they_read(client, bac_lieu):
    client.force_login(make_user("lanhdao.bl", "leader", bac_lieu["plan"].province))
    rows = read(export(client, "projects_project", "csv"))
    assert {r["Tên dự án, nhiệm vụ"] for r in rows} == project_names("bac-lieu")


def test_anonymous_is_sent_to_login(client, bac_lieu):
    url = reverse("admin:projects_project_export")
    for response in (client.get(url), client.post(url, {"format": "0", "resource": "0"})):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize("name", ["projects_project", "budgets_budgetline", "indicators_indicator"])
def test_staff_without_a_portal_role_cannot_export(client, bac_lieu, name):
    client.force_login(make_user("khach", None))
    url = reverse(f"admin:{name}_export")
    assert client.get(url).status_code == 403
    assert client.post(url, {"format": "0", "resource": "0"}).status_code == 403


def test_changelist_offers_export_button(client, bac_lieu):
    client.force_login(bac_lieu["staff"])
    html = client.get(reverse("admin:projects_project_changelist")).content.decode()
    assert reverse("admin:projects_project_export") in html


def add_rows(name, province, count):
    """``count`` more rows of ``name``, each under its own plan, with its related rows."""
    for _ in range(count):
        plan = PlanFactory(province=province)
        if name == "indicators_indicator":
            indicator = IndicatorFactory(plan=plan)
            indicator.measurements.create(date="2023-12-31", value=50)
            continue
        project = ProjectFactory(plan=plan)
        project.partner_agencies.add(AgencyFactory(province=province))
        BudgetLineFactory(project=project)


@pytest.mark.parametrize("name", ["projects_project", "budgets_budgetline", "indicators_indicator"])
@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_export_query_count_does_not_grow_with_rows(
    client, db, django_assert_num_queries, name, file_format
):
    province = ProvinceFactory()
    client.force_login(make_user("canbo", "staff", province))
    add_rows(name, province, 1)
    with CaptureQueriesContext(connection) as one_row:
        assert len(read(export(client, name, file_format))) == 1
    add_rows(name, province, 20)
    with django_assert_num_queries(len(one_row)):
        assert len(read(export(client, name, file_format))) == 21
