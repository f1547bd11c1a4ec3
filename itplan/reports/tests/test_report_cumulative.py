"""The period's and the cumulative figures (lũy kế) of a UBND report: the same numbers in the
page, the PDF, the Excel file and the Word file, and the cumulative is the sum of the periods
before it. Trà Vinh's plan 952/QĐ-UBND (2011–2015) with its yearly needs and the allocations and
disbursements a clerk recorded for 2013 and 2014."""

import datetime
import io
import re
import shutil
import subprocess
from decimal import Decimal

import openpyxl
import pytest
from docx import Document

from budgets.lines import save_line
from budgets.models import BudgetLine, CapitalType, Source, Stage
from budgets.money import in_unit
from itplan.reports import Period, build, new_report
from itplan.reports.render import html, pdf
from itplan.reports.word import docx
from itplan.reports.workbook import xlsx
from itplan.templatetags.portal import percent, trieu_or_dash
from tests.factories import make_user

TODAY = datetime.date(2026, 12, 3)
RECORDED = [  # project (by order), year, allocated, disbursed, in đồng
    (0, 2013, 1_500_000_000, 1_200_000_000),
    (0, 2014, 2_000_000_000, 500_000_000),
    (1, 2014, 800_000_000, 800_000_000),
    (1, 2015, 600_000_000, 0),
]


@pytest.fixture
def tra_vinh(seed):
    plan = seed["tra-vinh"]
    staff = make_user("cb.tv", "staff", plan.province)
    projects = list(plan.projects.order_by("group__order", "order", "id")[:2])
    for n, year, allocated, disbursed in RECORDED:
        for stage, amount in ((Stage.ALLOCATED, allocated), (Stage.DISBURSED, disbursed)):
            line = BudgetLine(
                project=projects[n],
                year=year,
                source=Source.LOCAL,
                capital_type=CapitalType.RECURRENT,
                stage=stage,
                amount=amount,
            )
            save_line(line, by=staff, reason="Quyết định giao dự toán")
    return plan, staff, projects


def _report(tra_vinh, code: str) -> dict:
    plan, staff, _ = tra_vinh
    return build(
        params={"ke_hoach": str(plan.pk)}, period=Period.parse(code), user=staff, today=TODAY
    )


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_the_cumulative_is_the_sum_of_the_years_before_it(tra_vinh):
    years = {year: _report(tra_vinh, str(year)) for year in range(2011, 2015)}
    cumulative = years[2014]["money"]["cumulative"]
    for stage in ("need", "allocated", "disbursed"):
        assert cumulative[stage] == sum(data["money"]["total"][stage] for data in years.values()), (
            stage
        )
    assert cumulative["allocated"] == 1_500_000_000 + 2_000_000_000 + 800_000_000
    assert cumulative["disbursed"] == 2_500_000_000
    assert cumulative["rate"] == "58.1"  # 2.500 / 4.300
    assert years[2014]["period"]["cumulative_label"] == "Lũy kế từ năm 2011 đến năm 2014"
    # 2015's allocation is not yet in 2014's cumulative
    assert years[2014]["money"]["total"]["allocated"] == 2_800_000_000
    # Each project: its year and its cumulative, from the same lines
    first = years[2014]["projects"][0]["money"]
    assert first["period"]["disbursed"] == 500_000_000
    assert first["cumulative"]["disbursed"] == 1_700_000_000
    assert first["cumulative"]["rate"] == "48.6"  # 1.700 / 3.500


def test_the_page_the_pdf_the_excel_and_the_word_file_show_the_same_period_and_cumulative(
    tra_vinh, tmp_path
):
    plan, staff, projects = tra_vinh
    report, data = new_report(
        params={"ke_hoach": str(plan.pk)}, period=Period.parse("2014"), user=staff, today=TODAY
    )
    money = data["money"]
    period_row = [trieu_or_dash(money["total"][s]) for s in ("need", "allocated", "disbursed")]
    period_row.append(percent(Decimal(money["rate"])))
    cumulative = money["cumulative"]
    cumulative_row = [trieu_or_dash(cumulative[s]) for s in ("need", "allocated", "disbursed")]
    page = _flat(html(report, data))
    assert "Năm 2014 " + " ".join(period_row) in _strip_tags(page)
    assert "Lũy kế từ năm 2011 đến năm 2014 " + " ".join(cumulative_row) in _strip_tags(page)

    if shutil.which("pdftotext"):
        (tmp_path / "r.pdf").write_bytes(pdf(report, data))
        text = _flat(
            subprocess.run(  # noqa: S603 - our own tool and file
                ["pdftotext", "-layout", str(tmp_path / "r.pdf"), "-"],  # noqa: S607
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )
        assert "Năm 2014 " + " ".join(period_row) in text
        assert " ".join(cumulative_row) in text
        assert projects[0].name[:30] in text

    (tmp_path / "r.xlsx").write_bytes(xlsx(report, data))
    sheet = openpyxl.load_workbook(tmp_path / "r.xlsx")["Kỳ và lũy kế"]
    rows = [row for row in sheet.iter_rows(min_row=5, max_row=6, values_only=True)]
    assert rows[0][1] is None  # Trà Vinh's needs are for the whole period: none in 2014
    assert rows[0][0] == "năm 2014" and rows[1][0] == "Lũy kế từ năm 2011 đến năm 2014"
    as_shown = [[trieu_or_dash(round((v or 0) * 10**6)) for v in row[1:4]] for row in rows]
    assert as_shown == [period_row[:3], cumulative_row]
    document = Document(io.BytesIO(docx(report, data)))
    table = next(
        t for t in document.tables if "Lũy kế từ năm 2011 đến năm 2014" in t.rows[0].cells[-1].text
    )
    columns = [[_flat(row.cells[n].text) for row in table.rows[1:4]] for n in (1, 2)]
    assert columns == [period_row[:3], cumulative_row]
    assert percent(Decimal(cumulative["rate"])) in _flat(table.rows[4].cells[2].text)

    by_project = openpyxl.load_workbook(tmp_path / "r.xlsx")["Kinh phí dự án"]
    first = next(r for r in by_project.iter_rows(min_row=5, values_only=True) if r[1])
    assert first[1] == projects[0].name
    assert in_unit(round(first[4] * 10**6)) == in_unit(500_000_000)  # disbursed in 2014
    assert in_unit(round(first[8] * 10**6)) == in_unit(1_700_000_000)  # cumulative


def _strip_tags(text: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", text).split())


def test_a_quarter_says_its_money_is_the_years_and_lists_only_indicators_due(seed):
    plan = seed["binh-dinh"]  # targets for 2015 only
    staff = make_user("cb.bd", "staff", plan.province)
    early = build(
        params={"ke_hoach": str(plan.pk)}, period=Period.parse("2013-q2"), user=staff, today=TODAY
    )
    assert early["indicators"] == []  # nothing due, nothing measured by 30/06/2013
    assert early["period"]["money_year"] == 2013
    late = build(
        params={"ke_hoach": str(plan.pk)}, period=Period.parse("2015"), user=staff, today=TODAY
    )
    assert late["indicators"] and all(row["unit"] for row in late["indicators"])
