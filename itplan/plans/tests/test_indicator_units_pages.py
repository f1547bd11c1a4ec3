"""Every page, report and export shows an indicator's values with its unit and names an
achievement past the target "Vượt chỉ tiêu" (``indicators.achievement.label``)."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from indicators.models import Indicator
from itplan.reports.content import build
from itplan.reports.period import Period
from tests.factories import IndicatorFactory, PlanFactory, ProvinceFactory, make_user

TODAY = datetime.date(2026, 11, 25)  # conftest's NOW


@pytest.fixture
def doubled(db):
    """A percentage indicator from 0 to 100 % by 2025, measured at 200 %, and a count of
    services; with the province's clerk and leader."""
    province = ProvinceFactory()
    plan = PlanFactory(province=province)
    indicator = IndicatorFactory(plan=plan, name="Tỷ lệ hồ sơ trực tuyến", baseline_value=0)
    indicator.measurements.create(date=datetime.date(2025, 6, 30), value=200)
    services = IndicatorFactory(
        plan=plan,
        name="Dịch vụ công mức độ 4",
        unit=Indicator.Unit.COUNT,
        unit_label="dịch vụ",
        baseline_value=20,
        target__value=120,
    )
    services.measurements.create(date=datetime.date(2025, 6, 30), value=70)
    return {
        "plan": plan,
        "indicator": indicator,
        "staff": make_user("canbo.x", "staff", province),
        "leader": make_user("lanhdao.x", "leader", province),
    }


def page(client, user, url) -> str:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_indicator_list_names_the_exceeded_indicator(client, doubled):
    html = page(client, doubled["staff"], reverse("indicator_list"))
    assert "200%" in html
    assert "Vượt chỉ tiêu" in html


def test_indicator_detail_shows_target_and_measurement_with_units(client, doubled):
    url = reverse("indicator_detail", args=[doubled["indicator"].pk])
    html = page(client, doubled["staff"], url)
    assert "0 % (2020)" in html  # the baseline
    assert "100 % (2025)" in html  # the target
    assert "30/06/2025: 200 %" in html
    assert "200 % (30/06/2025)" in html  # the latest measurement


def test_plan_page_shows_units_and_exceeded(client, doubled):
    html = page(client, doubled["staff"], reverse("plan_detail", args=[doubled["plan"].pk]))
    assert "100 % (2025)" in html
    assert "200 %" in html
    assert "120 dịch vụ (2025)" in html
    assert "70 dịch vụ" in html
    assert "Vượt chỉ tiêu" in html


def test_dashboard_indicator_table_shows_units_and_exceeded(client, doubled):
    client.force_login(doubled["leader"])
    response = client.get(reverse("dashboard"))
    rows = {row["indicator"].name: row for row in response.context["indicators"]}
    doubled_row = rows["Tỷ lệ hồ sơ trực tuyến"]
    assert (doubled_row["baseline"], doubled_row["target"], doubled_row["actual"]) == (
        "0 %",
        "100 %",
        "200 %",
    )
    assert doubled_row["label"] == "Vượt chỉ tiêu"
    assert rows["Dịch vụ công mức độ 4"]["target"] == "120 dịch vụ"
    assert "Vượt chỉ tiêu" in response.content.decode()


def test_ubnd_report_content_shows_units_and_exceeded(doubled):
    plan = doubled["plan"]
    data = build(
        params={"ke_hoach": str(plan.pk)}, period=Period(), user=doubled["staff"], today=TODAY
    )
    rows = {row["name"]: row for row in data["indicators"]}
    row = rows["Tỷ lệ hồ sơ trực tuyến"]
    assert (row["target"], row["actual"], row["percent"]) == ("100 %", "200 %", 200)
    assert row["achievement"] == "Vượt chỉ tiêu"
    assert rows["Dịch vụ công mức độ 4"]["actual"] == "70 dịch vụ"


def test_indicator_export_has_units_progress_and_exceeded(client, doubled):
    client.force_login(doubled["staff"])
    response = client.get(reverse("indicator_list"), {"xuat": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header, *rows = sheet.iter_rows(min_row=2, values_only=True)
    rows = {row[header.index("Chỉ tiêu")]: dict(zip(header, row, strict=True)) for row in rows}
    row = rows["Tỷ lệ hồ sơ trực tuyến"]
    assert row["Giá trị cơ sở"] == "0 %"
    assert row["Mục tiêu theo năm"] == "2025: 100 %"
    assert row["Số liệu thực hiện mới nhất"] == "30/06/2025: 200 %"
    assert row["Mức đạt"] == pytest.approx(2.0)
    assert row["Đánh giá"] == "Vượt chỉ tiêu"
    assert rows["Dịch vụ công mức độ 4"]["Mục tiêu theo năm"] == "2025: 120 dịch vụ"
    progress = sheet.cell(row=3, column=header.index("Mức đạt") + 1)
    assert progress.number_format == "0.0%"
