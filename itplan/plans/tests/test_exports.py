"""The list exports as an Excel user opens them: a Vietnamese sheet name, the filter written
above the table, a frozen header with an autofilter, money in triệu as numbers with ``#,##0``,
allocated, disbursed and the disbursement rate beside the need (the figures of
``budgets.rollup``), widths fitted and capped; a CSV that Vietnamese Excel splits on ``;``."""

import codecs
import csv
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from budgets.models import Stage
from budgets.money import to_unit
from budgets.rollup import of_plans
from provinces.spreadsheet import MAX_WIDTH
from tests.factories import BudgetLineFactory, make_user

NEED, ALLOCATED, DISBURSED, RATE = (
    "Nhu cầu vốn theo các dòng kinh phí (triệu đồng)",
    "Vốn đã bố trí (triệu đồng)",
    "Vốn đã giải ngân (triệu đồng)",
    "Tỷ lệ giải ngân",
)


@pytest.fixture
def bac_lieu(seed):
    """The seed Bạc Liêu plan with money allocated and partly disbursed for its project 1, and
    a Bạc Liêu clerk."""
    plan = seed["bac-lieu"]
    project = plan.projects.get(ref="1")
    BudgetLineFactory(project=project, year=2014, stage=Stage.ALLOCATED, amount=2_000_000_000)
    BudgetLineFactory(project=project, year=2014, stage=Stage.DISBURSED, amount=1_234_500_000)
    plan.refresh_from_db()
    staff = make_user("canbo.bl", "staff", plan.province)
    return {"plan": plan, "project": project, "staff": staff}


def workbook(response):
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    return openpyxl.load_workbook(io.BytesIO(response.content))


def table(sheet, header_row=2) -> tuple[list, list[dict]]:
    """The header and the rows (as dicts by header) of a sheet whose header is ``header_row``."""
    rows = list(sheet.iter_rows(min_row=header_row, values_only=True))
    header = list(rows[0])
    return header, [dict(zip(header, row, strict=True)) for row in rows[1:]]


def cells_of(sheet, header: list, name: str, header_row=2) -> list:
    column = header.index(name) + 1
    return [
        row[0] for row in sheet.iter_rows(min_row=header_row + 1, min_col=column, max_col=column)
    ]


def test_project_xlsx_is_a_sheet_an_excel_user_expects(client, bac_lieu):
    client.force_login(bac_lieu["staff"])
    province = bac_lieu["plan"].province
    response = client.get(reverse("project_list"), {"xuat": "xlsx", "tinh": province.pk})
    book = workbook(response)
    assert book.sheetnames == ["Dự án"]
    sheet = book["Dự án"]
    assert sheet["A1"].value == "Bộ lọc: Tỉnh: Bạc Liêu (cũ, đến 30/06/2025) (xuất ngày 25/11/2026)"
    assert sheet.freeze_panes == "A3"
    header, rows = table(sheet)
    assert (
        sheet.auto_filter.ref
        == f"A2:{openpyxl.utils.get_column_letter(len(header))}{len(rows) + 2}"
    )
    assert header[:5] == ["Tỉnh", "Kế hoạch", "Nhóm", "Số thứ tự", "Tên dự án, nhiệm vụ"]
    assert (
        header.index(NEED) < header.index(ALLOCATED) < header.index(DISBURSED) < header.index(RATE)
    )
    (row,) = [r for r in rows if r["Tên dự án, nhiệm vụ"] == bac_lieu["project"].name]
    assert row["Dự kiến kinh phí (triệu đồng)"] == 3_000
    assert row[NEED] == 3_000
    assert row[ALLOCATED] == 2_000
    assert row[DISBURSED] == pytest.approx(1_234.5)
    assert row[RATE] == pytest.approx(0.617)  # budgets.money.rate: 61,7 %
    for name in (NEED, ALLOCATED, DISBURSED):
        assert {c.number_format for c in cells_of(sheet, header, name) if c.value is not None} == {
            "#,##0"
        }
    rates = [c for c in cells_of(sheet, header, RATE) if c.value is not None]
    assert rates and {c.number_format for c in rates} == {"0.0%"}
    widths = {letter: dimension.width for letter, dimension in sheet.column_dimensions.items()}
    assert max(widths.values()) <= MAX_WIDTH
    name_column = openpyxl.utils.get_column_letter(header.index("Tên dự án, nhiệm vụ") + 1)
    assert widths[name_column] == MAX_WIDTH  # the long names are capped, not 200 wide
    money_column = openpyxl.utils.get_column_letter(header.index(ALLOCATED) + 1)
    assert widths[money_column] < 30  # a column of numbers is not as wide as its header


def test_project_export_money_is_the_roll_up_of_the_plan(client, bac_lieu):
    """One rule per figure: the columns add up to ``roll_up``'s totals, in triệu."""
    client.force_login(bac_lieu["staff"])
    plan = bac_lieu["plan"]
    response = client.get(reverse("project_list"), {"xuat": "xlsx", "ke_hoach": plan.pk})
    _header, rows = table(workbook(response).active)
    total = of_plans([plan.pk]).total
    assert total["need"] == 32_200_000_000
    for column, stage in ((NEED, "need"), (ALLOCATED, "allocated"), (DISBURSED, "disbursed")):
        exported = sum(Decimal(str(r[column])) for r in rows if r[column] is not None)
        assert exported == to_unit(total[stage], "trieu"), column


def test_budget_and_indicator_sheets_are_named_in_vietnamese(client, bac_lieu):
    client.force_login(bac_lieu["staff"])
    query = {"xuat": "xlsx", "nam": 2014, "giai_doan": "allocated"}
    book = workbook(client.get(reverse("budget_list"), query))
    assert book.sheetnames == ["Kinh phí"]
    sheet = book.active
    assert sheet["A1"].value.startswith("Bộ lọc: Năm: 2014 · Giai đoạn: Bố trí")
    header, rows = table(sheet)
    assert [r["Số tiền (triệu đồng)"] for r in rows] == [2_000]
    assert [c.number_format for c in cells_of(sheet, header, "Số tiền (triệu đồng)")] == ["#,##0"]
    indicators = workbook(client.get(reverse("indicator_list"), {"xuat": "xlsx"}))
    assert indicators.sheetnames == ["Chỉ tiêu"]
    assert indicators.active["A1"].value.startswith("Bộ lọc: không")
    assert indicators.active.freeze_panes == "A3"


def csv_text(response) -> str:
    assert response.status_code == 200
    assert response.content.startswith(codecs.BOM_UTF8)  # Excel then reads UTF-8
    return response.content.decode("utf-8-sig")


def test_csv_is_separated_by_semicolons_with_a_decimal_comma_and_keeps_diacritics(client, bac_lieu):
    client.force_login(bac_lieu["staff"])
    text = csv_text(client.get(reverse("project_list"), {"xuat": "csv"}))
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert {r["Tỉnh"] for r in rows} == {"Bạc Liêu"}
    (row,) = [r for r in rows if r["Tên dự án, nhiệm vụ"] == bac_lieu["project"].name]
    assert row[NEED] == "3000"
    assert row[DISBURSED] == "1234,5"
    assert row[RATE] == "61,7"  # a CSV has no formats: the percentage
    assert ";1234,5;61,7;" in text  # numbers bare: Excel reads them as numbers


def test_csv_with_commas_on_request(client, bac_lieu):
    client.force_login(bac_lieu["staff"])
    response = client.get(reverse("budget_list"), {"xuat": "csv", "phan_cach": ","})
    rows = list(csv.DictReader(io.StringIO(csv_text(response))))
    assert {r["Tỉnh"] for r in rows} == {"Bạc Liêu"}
    assert "1234.5" in {r["Số tiền (triệu đồng)"] for r in rows}


def test_a_separator_not_offered_falls_back_to_semicolons(client, bac_lieu):
    client.force_login(bac_lieu["staff"])
    response = client.get(reverse("indicator_list"), {"xuat": "csv", "phan_cach": "|"})
    header = csv_text(response).splitlines()[0]
    assert header.startswith('"Tỉnh";"Kế hoạch";')


def test_admin_export_has_the_sheet_name_and_formats_without_a_filter_row(client, bac_lieu):
    client.force_login(bac_lieu["staff"])
    url = reverse("admin:projects_project_export")
    form = client.get(url).context["form"]
    choice = {label: value for value, label in form.fields["format"].choices}["xlsx"]
    book = workbook(client.post(url, {"format": choice, "resource": "0"}))
    assert book.sheetnames == ["Dự án"]
    sheet = book.active
    assert sheet.freeze_panes == "A2"
    header, rows = table(sheet, header_row=1)
    assert sheet.auto_filter.ref.startswith("A1:")
    (row,) = [r for r in rows if r["Tên dự án, nhiệm vụ"] == bac_lieu["project"].name]
    assert row[ALLOCATED] == 2_000
    assert {c.number_format for c in cells_of(sheet, header, NEED, 1) if c.value} == {"#,##0"}
