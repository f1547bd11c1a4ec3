"""The UBND report's PDF as a reader sees it: its text (pdftotext), fonts and pages; and its Excel
file holding the same numbers. The seed plans are the acceptance cases."""

import datetime
import shutil
import subprocess
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import call_command

from itplan.reports import Period, new_report
from itplan.reports.render import pdf
from itplan.reports.workbook import xlsx
from itplan.templatetags.portal import trieu_or_dash
from tests.factories import make_user

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None,
    reason="pdftotext không có trên máy này (apt-get install poppler-utils); .ci/run cài nó.",
)


def poppler(tool: str, *args) -> str:
    return subprocess.run([tool, *args], capture_output=True, text=True, check=True).stdout  # noqa: S603 - our own tool and file


def page_text(path, first: int | None = None, last: int | None = None) -> str:
    pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
    return poppler("pdftotext", "-layout", *pages, str(path), "-")


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def bac_lieu_pdf(seed, tmp_path):
    path = tmp_path / "bac-lieu.pdf"
    call_command("render_report", plan="2213/QĐ-UBND", format="pdf", output=path)
    return path


def test_bac_lieu_pdf_has_the_decree_30_header_and_the_seed_totals(bac_lieu_pdf):
    text = page_text(bac_lieu_pdf)
    words = flat(text)
    for line in (
        "UBND TỈNH CÀ MAU",  # Bạc Liêu is part of Cà Mau since 01/07/2025
        "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "BÁO CÁO",
        "Kính gửi: Ủy ban nhân dân tỉnh Cà Mau.",
        "I. KẾT QUẢ THỰC HIỆN",
        "II. KHÓ KHĂN, VƯỚNG MẮC",
        "III. KIẾN NGHỊ, ĐỀ XUẤT",
        "KT. GIÁM ĐỐC",
        "PHÓ GIÁM ĐỐC",
        "Nơi nhận:",
    ):
        assert line in text, line
    assert "Số: /BC-SKHCN" in words  # the number is left blank on a draft
    assert "Cà Mau, ngày" in words
    assert "của tỉnh Bạc Liêu (cũ)" in words
    # The seed's total need, by source, and in words
    assert "Tổng nhu cầu kinh phí: 32.200 triệu đồng" in words
    assert "Bằng chữ: Ba mươi hai tỷ hai trăm triệu đồng" in words
    assert "14.890" in words and "17.310" in words
    assert "Tổng số 11 dự án, nhiệm vụ thuộc 1 kế hoạch" in words


def test_bac_lieu_pdf_is_a4_with_tinos_embedded_and_page_numbers_from_page_2(bac_lieu_pdf):
    info = poppler("pdfinfo", str(bac_lieu_pdf))
    assert "A4" in info
    pages = int(next(line for line in info.splitlines() if line.startswith("Pages:")).split()[1])
    assert pages >= 3
    fonts = poppler("pdffonts", str(bac_lieu_pdf)).splitlines()[2:]
    assert fonts and all("Tinos" in line and " yes yes yes " in line for line in fonts)
    assert page_text(bac_lieu_pdf, 1, 1).split()[0] == "DỰ"  # "DỰ THẢO", no number on page 1
    for page in range(2, pages + 1):
        assert page_text(bac_lieu_pdf, page, page).split()[0] == str(page)


def test_tra_vinh_pdf_has_the_reconciliation_annex(seed, tmp_path):
    path = tmp_path / "tra-vinh.pdf"
    call_command("render_report", plan="952/QĐ-UBND", format="pdf", output=path)
    words = flat(page_text(path))
    assert "Tổng nhu cầu kinh phí: 439.050 triệu đồng" in words
    assert "Bốn trăm ba mươi chín tỷ không trăm năm mươi triệu đồng" in words
    annex = words[words.index("PHỤ LỤC") :]
    # The document states 106.000 triệu from the local budget; its rows add up to 105.000
    assert "Tổng cộng" in annex and "106.000 105.000 -1.000" in annex
    assert "năm 1015 không hợp lệ" in annex


def test_the_excel_file_holds_the_numbers_of_the_pdf(seed, tmp_path):
    plan = seed["tra-vinh"]
    staff = make_user("cb.tv", "staff", plan.province)
    report, data = new_report(
        params={"ke_hoach": str(plan.pk)},
        period=Period(),
        user=staff,
        today=datetime.date(2026, 11, 23),
    )
    (tmp_path / "r.pdf").write_bytes(pdf(report, data))
    (tmp_path / "r.xlsx").write_bytes(xlsx(report, data))
    words = flat(page_text(tmp_path / "r.pdf"))
    sheet = openpyxl.load_workbook(tmp_path / "r.xlsx")["Kinh phí theo nguồn"]
    rows = [row for row in sheet.iter_rows(min_row=5, values_only=True) if row[1] is not None]
    assert len(rows) == len(data["money"]["by_source"]) + 1  # the sources and the total
    for label, need, allocated, disbursed in rows:
        shown = " ".join(  # a stage with nothing is "–" in the document, empty in the sheet
            trieu_or_dash(int(Decimal(str(v or 0)) * 10**6)) for v in (need, allocated, disbursed)
        )
        assert f"{label} {shown}" in words, label
    assert rows[-1][:2] == ("Tổng cộng", 439050)
    status = openpyxl.load_workbook(tmp_path / "r.xlsx")["Tình trạng"]
    assert status["B11"].value == 39  # the total row: every project of the plan


def test_render_report_writes_html_and_refuses_a_bad_period(seed, tmp_path):
    path = tmp_path / "r.html"
    call_command("render_report", plan="2213/QĐ-UBND", period="2014-q3", format="html", output=path)
    html = path.read_text(encoding="utf-8")
    assert "quý III năm 2014" in html and "@font-face" in html
    with pytest.raises(Exception, match="2014-q5"):
        call_command(
            "render_report", plan="2213/QĐ-UBND", period="2014-q5", format="pdf", output=path
        )
