"""One rule per money figure: for each seed plan and a generated province, the need, allocated
and disbursed amounts are the same numbers on the plan page (its header and its money block), the
province dashboard, the national dashboard's province row, the budget list, the project list's
CSV export, and the UBND report as HTML, as PDF text and as Excel.

Each page is read as a user reads it (the rendered text, the downloaded file); the figures are
compared with each other, with an independent sum over the budget lines, and with the documents'
own totals where the seed README states them."""

import csv
import io
import re
import shutil
import subprocess
from decimal import Decimal

import openpyxl
import pytest
import time_machine
from django.db.models import Q, Sum
from django.urls import reverse

from budgets.models import BudgetLine
from itplan.dataset import generate, generated_plans
from projects.models import Plan
from tests.factories import make_user

TRIEU = 10**6
STAGES = ("need", "allocated", "disbursed")
NUMBER = r"(-?[\d.]+(?:,\d+)?)"

# The documents' own totals of need (seed README, and the plans' stated totals that match)
SEED_NEED = {
    "bac-lieu": 32_200 * TRIEU,  # 2213/QĐ-UBND: 32,20 tỷ
    "binh-dinh": 42_280 * TRIEU,
    "tra-vinh": 439_050 * TRIEU,
    "tien-giang": (22_644 + 26_162) * TRIEU,  # Phụ lục 1 and Phụ lục 2
}

HAS_PDFTOTEXT = shutil.which("pdftotext") is not None


@pytest.fixture(autouse=True)
def fixed_date():
    """The reports' "today" and the dashboard's current period are of a fixed date."""
    with time_machine.travel("2026-06-15 09:00 +0700", tick=False):
        yield


def dong(shown: str) -> int:
    """A figure shown in triệu đồng ("32.200", "1.234,5") back in đồng."""
    return int(Decimal(shown.replace(".", "").replace(",", ".")) * TRIEU)


def triple(*shown) -> dict:
    return dict(zip(STAGES, (dong(s) for s in shown), strict=True))


def flat(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def from_lines(lines) -> dict:
    """The plain sum of the lines by stage, written without the roll-up."""
    sums = lines.aggregate(**{s: Sum("amount", filter=Q(stage=s)) for s in STAGES})
    return {stage: sums[stage] or 0 for stage in STAGES}


def plan_page(client, plan) -> tuple[int, dict]:
    words = flat(client.get(reverse("plan_detail", args=[plan.pk])).content.decode())
    header = re.search(rf"Tổng nhu cầu vốn: {NUMBER} triệu đồng", words).group(1)
    block = re.search(
        rf"Nhu cầu {NUMBER} · bố trí {NUMBER} · giải ngân {NUMBER} · tỷ lệ giải ngân", words
    )
    return dong(header), triple(*block.groups())


def dashboard(client, params=None) -> dict:
    html = client.get(reverse("dashboard"), params or {}).content.decode()
    need = re.search(r'<strong id="need">([^<]+)</strong>', html).group(1)
    allocated, disbursed = (
        re.search(r'<strong id="allocated">([^<]+)</strong>', html).group(1).split(" · ")
    )
    return triple(need, allocated, disbursed)


def national_row(client, province_name: str) -> dict:
    html = client.get(reverse("dashboard")).content.decode()
    table = html[html.index('<table id="provinces">') :]
    row = next(r for r in table.split("<tr>") if f">{province_name}</a>" in r)
    cells = re.findall(r'<td class="money[^"]*">([^<]*)</td>', row)
    return triple(*cells[4:7])  # plans, projects, completed, unreported, then the money


def budget_list(client, params) -> dict:
    words = flat(client.get(reverse("budget_list"), params).content.decode())
    totals = re.search(
        rf"Nhu cầu {NUMBER} · bố trí {NUMBER} · giải ngân {NUMBER} triệu đồng", words
    )
    return triple(*totals.groups())


PROJECT_CSV_COLUMNS = {
    "need": "Nhu cầu vốn theo các dòng kinh phí (triệu đồng)",
    "allocated": "Vốn đã bố trí (triệu đồng)",
    "disbursed": "Vốn đã giải ngân (triệu đồng)",
}


def project_csv(client, params) -> dict:
    """The project list's CSV (";" and a decimal comma, triệu đồng) added up, in đồng."""
    response = client.get(reverse("project_list"), {**params, "xuat": "csv"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    return {
        stage: int(sum(Decimal(row[column].replace(",", ".") or 0) for row in rows) * TRIEU)
        for stage, column in PROJECT_CSV_COLUMNS.items()
    }


REPORT_SENTENCE = (
    rf"Tổng nhu cầu kinh phí: {NUMBER} triệu đồng.*?đã bố trí: {NUMBER} triệu đồng.*?"
    rf"đã giải ngân: {NUMBER} triệu đồng"
)


def report_html(client, params) -> dict:
    words = flat(client.get(reverse("ubnd_preview"), params).content.decode())
    return triple(*re.search(REPORT_SENTENCE, words).groups())


def report_pdf(client, params, tmp_path) -> dict:
    path = tmp_path / "report.pdf"
    path.write_bytes(client.get(reverse("ubnd_preview"), {**params, "dinh_dang": "pdf"}).content)
    text = subprocess.run(  # noqa: S603 - our own tool and file
        ["pdftotext", "-layout", str(path), "-"],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return triple(*re.search(REPORT_SENTENCE, " ".join(text.split())).groups())


def report_xlsx(client, params, tmp_path) -> dict:
    path = tmp_path / "report.xlsx"
    path.write_bytes(client.get(reverse("ubnd_preview"), {**params, "dinh_dang": "xlsx"}).content)
    figures = {}
    for title in ("Kinh phí theo năm", "Kinh phí theo nguồn"):
        sheet = openpyxl.load_workbook(path)[title]
        total = next(r for r in sheet.iter_rows(min_row=5, values_only=True) if r[0] == "Tổng cộng")
        figures[title] = {
            stage: int(Decimal(str(value)) * TRIEU)
            for stage, value in zip(STAGES, total[1:4], strict=True)
        }
    assert figures["Kinh phí theo năm"] == figures["Kinh phí theo nguồn"]
    return figures["Kinh phí theo năm"]


def every_figure(client, national, plans, province, tmp_path) -> dict:
    """The money of ``plans`` (all the plans of ``province``) as each page and file shows it."""
    scope = {"ke_hoach": str(plans[0].pk)} if len(plans) == 1 else {"tinh": str(province.pk)}
    leader = make_user(f"ld.{province.pk}", "leader", province)
    client.force_login(leader)
    pages = [plan_page(client, plan) for plan in plans]
    shown = {
        "plan page header": {"need": sum(header for header, _block in pages)},
        "plan page money": {s: sum(block[s] for _header, block in pages) for s in STAGES},
        "province dashboard": dashboard(client),
        "budget list": budget_list(client, scope),
        "project list CSV": project_csv(client, scope),
        "UBND report HTML": report_html(client, scope),
        "UBND report Excel": report_xlsx(client, scope, tmp_path),
    }
    if HAS_PDFTOTEXT:
        shown["UBND report PDF"] = report_pdf(client, scope, tmp_path)
    client.force_login(national)
    today = province.successor or province
    shown["national dashboard row"] = national_row(client, today.name)
    return shown


def assert_same(shown: dict, expected: dict) -> None:
    for where, figures in shown.items():
        for stage, value in figures.items():
            assert value == expected[stage], f"{where}: {stage} {value} != {expected[stage]}"


@pytest.mark.parametrize("slug", ["bac-lieu", "quang-tri", "binh-dinh", "tra-vinh", "tien-giang"])
def test_a_seed_plan_shows_the_same_money_everywhere(client, seed, slug, tmp_path):
    plan = seed[slug]
    expected = from_lines(BudgetLine.objects.filter(project__plan=plan))
    if slug in SEED_NEED:
        assert expected["need"] == SEED_NEED[slug]
    national = make_user("tw", "national")
    shown = every_figure(client, national, [plan], plan.province, tmp_path)
    assert_same(shown, expected)


def test_bac_lieu_figures_are_the_documents_own(client, seed):
    """The literal figures as a reader sees them, for one plan."""
    plan = seed["bac-lieu"]
    client.force_login(make_user("ld", "leader", plan.province))
    words = flat(client.get(reverse("plan_detail", args=[plan.pk])).content.decode())
    assert "Tổng nhu cầu vốn: 32.200 triệu đồng" in words
    assert "Nhu cầu 32.200 · bố trí 0 · giải ngân 0" in words
    html = client.get(reverse("dashboard")).content.decode()
    assert '<strong id="need">32.200</strong>' in html
    assert "Trung ương 14.890 · Địa phương 17.310" in flat(html)


def test_tien_giang_allocation_is_the_same_on_the_plan_page_and_the_report(client, seed):
    plan = seed["tien-giang"]
    client.force_login(make_user("ld", "leader", plan.province))
    expected = from_lines(BudgetLine.objects.filter(project__plan=plan))
    assert expected["allocated"] >= 4_950 * TRIEU  # the 2013 allocation of Phụ lục 1
    _header, block = plan_page(client, plan)
    assert block == expected
    assert report_html(client, {"ke_hoach": str(plan.pk)}) == expected


@pytest.mark.django_db
def test_a_generated_province_shows_the_same_money_everywhere(client, tmp_path):
    generate(provinces=1, scale=0.05)
    plans = list(generated_plans().select_related("province").order_by("pk"))
    province = plans[0].province
    assert {p.province_id for p in plans} == {province.pk}
    expected = from_lines(BudgetLine.objects.filter(project__plan__in=plans))
    assert expected["need"] > 0 and expected["allocated"] > 0 and expected["disbursed"] > 0
    everything = Plan.objects.filter(province=province)
    assert everything.count() == len(plans)  # the province has only the generated plans
    national = make_user("tw", "national")
    shown = every_figure(client, national, plans, province, tmp_path)
    assert_same(shown, expected)


def test_the_report_for_a_past_period_is_dated_not_the_money(client, seed):
    """The report's money is of the lines in its period: a year's report sums that year only,
    the same on the HTML and in the budget list for that year."""
    plan = seed["tien-giang"]
    client.force_login(make_user("ld", "leader", plan.province))
    expected = from_lines(BudgetLine.objects.filter(project__plan=plan, year=2014))
    assert expected["need"] > 0
    scope = {"ke_hoach": str(plan.pk)}
    assert report_html(client, {**scope, "ky": "2014"}) == expected
    assert budget_list(client, {**scope, "nam": "2014"}) == expected
