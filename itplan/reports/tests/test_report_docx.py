"""The UBND report as a Word file, read back with python-docx as a clerk opening it would see it:
the page of Nghị định 30/2020/NĐ-CP, its header, the figures the HTML shows, each project, the
signer; the columns the content gains later; who may download it; and the file as LibreOffice
prints it."""

import datetime
import io
import re
import shutil
import subprocess

import pytest
from django.core.management import call_command
from django.urls import reverse
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from itplan.models import Report
from itplan.reports import Period, new_report
from itplan.reports.render import html, place_and_date
from itplan.reports.word import docx
from tests.factories import make_user

TODAY = datetime.date(2026, 11, 23)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def flat(text: str) -> str:
    return " ".join(text.split())


def paragraphs(document) -> list:
    """Every paragraph in reading order, those in tables' cells included."""
    found = []
    for block in document.iter_inner_content():
        if hasattr(block, "rows"):
            for row in block.rows:
                seen = set()
                for cell in row.cells:
                    if id(cell._tc) not in seen:  # a merged cell is listed once per column
                        seen.add(id(cell._tc))
                        found.extend(cell.paragraphs)
        else:
            found.append(block)
    return found


def words(document) -> str:
    return flat(" ".join(p.text for p in paragraphs(document)))


def table_rows(table) -> list[list[str]]:
    return [[flat(cell.text) for cell in row.cells] for row in table.rows]


def table_headed(document, header: str):
    """The first table whose header row has ``header``."""
    return next(t for t in document.tables if header in table_rows(t)[0])


def draft(plan, user, period="", **fields):
    report, data = new_report(
        params={"ke_hoach": str(plan.pk)}, period=Period.parse(period), user=user, today=TODAY
    )
    for name, value in fields.items():
        setattr(report, name, value)
    return report, data


@pytest.fixture
def tra_vinh(seed):
    plan = seed["tra-vinh"]
    staff = make_user("cb.tv", "staff", plan.province)
    report, data = draft(plan, staff, signer_name="Nguyễn Văn An")
    return report, data, Document(io.BytesIO(docx(report, data)))


def test_the_page_is_a4_with_the_decree_30_margins_in_times_new_roman(tra_vinh):
    _report, _data, document = tra_vinh
    section = document.sections[0]
    mm = {
        name: round(getattr(section, name).mm)
        for name in (
            "page_width",
            "page_height",
            "top_margin",
            "bottom_margin",
            "left_margin",
            "right_margin",
        )
    }
    assert mm == {
        "page_width": 210,
        "page_height": 297,
        "top_margin": 20,
        "bottom_margin": 20,
        "left_margin": 30,
        "right_margin": 15,
    }
    normal = document.styles["Normal"]
    assert (normal.font.name, normal.font.size) == ("Times New Roman", Pt(13))
    defaults = document.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:rFonts"))
    assert {defaults.get(qn(f"w:{s}")) for s in ("ascii", "hAnsi", "eastAsia", "cs")} == {
        "Times New Roman"
    }
    # No run names another font
    assert {r.font.name for p in paragraphs(document) for r in p.runs} <= {None, "Times New Roman"}


def test_page_numbers_are_centred_at_the_top_from_page_2(tra_vinh):
    section = tra_vinh[2].sections[0]
    assert section.different_first_page_header_footer
    number = section.header.paragraphs[0]
    assert number.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert "PAGE" in "".join(number._p.itertext())
    assert not "".join(p.text for p in section.first_page_header.paragraphs).strip()


def test_the_header_has_the_issuer_the_national_motto_the_subject_and_the_addressee(tra_vinh):
    report, _data, document = tra_vinh
    agency, nation = (
        [p for p in cell.paragraphs if p.text.strip()] for cell in document.tables[0].rows[0].cells
    )
    assert [p.text for p in agency] == [
        "UBND TỈNH VĨNH LONG",  # Trà Vinh is part of Vĩnh Long since 01/07/2025
        "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        "Số:       /BC-SKHCN",  # the number is left blank on a draft
    ]
    assert agency[1].runs[0].bold and not agency[0].runs[0].bold
    assert [p.text for p in nation] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        place_and_date("Vĩnh Long", TODAY),
    ]
    assert nation[0].runs[0].bold and nation[1].runs[0].bold and nation[2].runs[0].italic
    body = [p for p in document.paragraphs if p.text.strip()]
    assert body[0].text == "DỰ THẢO"
    title, subject = body[1], body[2]
    assert (title.text, subject.text) == ("BÁO CÁO", report.summary)
    assert subject.runs[0].bold and subject.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert "952/QĐ-UBND" in subject.text
    assert "của tỉnh Trà Vinh (cũ)" in subject.text
    assert body[3].text == "Kính gửi: Ủy ban nhân dân tỉnh Vĩnh Long."


def html_words(report, data) -> str:
    return flat(re.sub(r"<[^>]+>", " ", html(report, data)))


def test_the_totals_are_in_trieu_as_the_html_shows_them(tra_vinh):
    report, data, document = tra_vinh
    text, page = words(document), html_words(report, data)
    for shown in (
        "Tổng nhu cầu kinh phí: 439.050 triệu đồng",
        "Bằng chữ: Bốn trăm ba mươi chín tỷ không trăm năm mươi triệu đồng",
        "Tổng số 39 dự án, nhiệm vụ thuộc 1 kế hoạch",
    ):
        assert shown in text and shown in page, shown
    sources = table_rows(table_headed(document, "Nguồn vốn · loại vốn"))
    assert sources[-1][:2] == ["Tổng cộng", "439.050"]
    for label, need, allocated, disbursed in sources[1:]:
        assert f"{label} {need} {allocated} {disbursed}" in page, label


def test_each_project_the_signer_and_the_recipients(tra_vinh):
    report, data, document = tra_vinh
    projects = table_headed(document, "Dự án, nhiệm vụ")
    names = {row[1] for row in table_rows(projects)}
    assert len(data["projects"]) == 39
    for project in data["projects"]:
        assert flat(project["name"]) in names, project["name"]
    sign = next(t for t in document.tables if "Nơi nhận:" in t.rows[0].cells[0].text)
    to_list, signer = sign.rows[0].cells
    label = to_list.paragraphs[0]
    assert label.text == "Nơi nhận:"
    assert (label.runs[0].bold, label.runs[0].italic, label.runs[0].font.size) == (
        True,
        True,
        Pt(12),
    )
    assert "- Như trên;" in to_list.text and to_list.paragraphs[1].runs[0].font.size == Pt(11)
    lines = [p.text for p in signer.paragraphs if p.text]
    assert lines == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Văn An"]
    assert "Trên đây là báo cáo kết quả thực hiện giai đoạn 2011 - 2015" in words(document)
    assert "PHỤ LỤC" in words(document)  # Trà Vinh's stated totals differ from its rows


def test_the_sections_follow_the_order_of_the_report(seed):
    plan = seed["bac-lieu"]
    report, data = draft(plan, make_user("cb.bl", "staff", plan.province))
    headings = [
        p.text
        for p in Document(io.BytesIO(docx(report, data))).paragraphs
        if re.match(r"^([IV]+|\d)\. ", p.text)
    ]
    assert headings == [
        "I. KẾT QUẢ THỰC HIỆN",
        "1. Tình hình chung",
        "2. Tình hình thực hiện các dự án, nhiệm vụ",
        "3. Kinh phí",
        "4. Thực hiện các chỉ tiêu",
        "5. Đánh giá chung",
        "II. KHÓ KHĂN, VƯỚNG MẮC",
        "III. KIẾN NGHỊ, ĐỀ XUẤT",
        "IV. NHIỆM VỤ KỲ TỚI",
    ]


def test_the_figures_the_content_gains_appear_as_columns_and_sections(seed):
    """Cumulative money, each project's money and the indicators' units, and the assessment and
    next tasks of the Report, as ``content.build`` and the form will give them."""
    plan = seed["bac-lieu"]
    report, data = draft(
        plan,
        make_user("cb.bl", "staff", plan.province),
        period="2014",
        assessment="Các dự án triển khai chậm so với kế hoạch.",
        next_tasks="- Hoàn thành trung tâm dữ liệu.\n- Giải ngân hết vốn đã bố trí.",
    )
    data["money"]["cumulative"] = {
        "need": 32_200_000_000,
        "allocated": 12_500_000_000,
        "disbursed": 10_000_000_000,
        "rate": "80.0",
    }
    data["period"]["cumulative_label"] = "Lũy kế từ năm 2011 đến hết năm 2014"
    for row in data["projects"]:
        row["money"] = {
            "period": {"need": 0, "allocated": 0, "disbursed": 0, "rate": None},
            "cumulative": None,
        }
    data["projects"][0]["money"] = {
        "period": {
            "need": 0,
            "allocated": 2_000_000_000,
            "disbursed": 1_500_000_000,
            "rate": "75.0",
        },
        "cumulative": {
            "need": 5_000_000_000,
            "allocated": 4_000_000_000,
            "disbursed": 3_000_000_000,
            "rate": "75.0",
        },
    }
    for row in data["indicators"]:
        row["unit"] = "%"
    document = Document(io.BytesIO(docx(report, data)))

    money = table_headed(document, "Lũy kế từ năm 2011 đến hết năm 2014")
    assert table_rows(money)[1:] == [
        ["Nhu cầu kinh phí", "–", "32.200"],  # nothing in the period: a dash, not a zero
        ["Đã bố trí", "–", "12.500"],
        ["Đã giải ngân", "–", "10.000"],
        ["Tỷ lệ giải ngân so với vốn đã bố trí", "—", "80,0%"],
    ]
    projects = table_rows(table_headed(document, "Dự án, nhiệm vụ"))
    assert projects[0][-2:] == ["Giải ngân trong kỳ (tỷ lệ)", "Giải ngân lũy kế (tỷ lệ)"]
    first = next(row for row in projects if row[1] == flat(data["projects"][0]["name"]))
    assert first[-2:] == ["1.500 (75,0%)", "3.000 (75,0%)"]
    indicators = table_rows(table_headed(document, "Chỉ tiêu"))
    assert indicators[0][2] == "Đơn vị tính" and indicators[1][2] == "%"
    text = words(document)
    assert "5. Đánh giá chung Các dự án triển khai chậm so với kế hoạch." in text
    assert "IV. NHIỆM VỤ KỲ TỚI - Hoàn thành trung tâm dữ liệu." in text


def test_without_those_figures_their_columns_and_sections_are_left_out(tra_vinh):
    """The whole plan period has no cumulative beside it; a clerk who empties the assessment
    and the next tasks leaves their sections out."""
    report, data, document = tra_vinh
    text = words(document)
    assert "Lũy kế" not in text and "Giải ngân lũy kế" not in text
    assert "Đánh giá chung" in text and "NHIỆM VỤ KỲ TỚI" in text  # drafted from the figures
    report.assessment = report.next_tasks = ""
    text = words(Document(io.BytesIO(docx(report, data))))
    assert "Đánh giá chung" not in text and "NHIỆM VỤ KỲ TỚI" not in text


def test_the_command_writes_the_word_file(seed, tmp_path):
    path = tmp_path / "bac-lieu.docx"
    call_command("render_report", plan="2213/QĐ-UBND", format="docx", output=path)
    assert "Tổng nhu cầu kinh phí: 32.200 triệu đồng" in words(Document(path))


@pytest.mark.parametrize(
    ("who", "status"),
    [("staff", 200), ("leader", 200), ("staff_other", 404), ("national", 404), (None, 302)],
)
def test_the_stored_reports_word_file_is_its_provinces_only(client, seed, who, status):
    plan = seed["bac-lieu"]
    staff = make_user("cb.bl", "staff", plan.province)
    report, _data = draft(plan, staff)
    report.save()
    tra_vinh = seed["tra-vinh"].province
    users = {
        "staff": lambda: staff,
        "leader": lambda: make_user("ld.bl", "leader", plan.province),
        "staff_other": lambda: make_user("cb.tv", "staff", tra_vinh),
        "national": lambda: make_user("tw", "national"),
        None: lambda: None,
    }
    user = users[who]()
    if user is not None:
        client.force_login(user)
    before = list(Report.objects.values())
    response = client.get(reverse("ubnd_download", args=[report.pk, "docx"]))
    assert response.status_code == status
    if status == 200:
        detail = client.get(reverse("ubnd_detail", args=[report.pk])).content.decode()
        assert reverse("ubnd_download", args=[report.pk, "docx"]) in detail
        assert response["Content-Type"] == DOCX
        assert response["Content-Disposition"].endswith('.docx"')
        assert report.summary in words(Document(io.BytesIO(response.content)))
    assert list(Report.objects.values()) == before  # reading changes nothing


def test_the_preview_offers_and_serves_the_word_file(client, seed):
    plan = seed["bac-lieu"]
    client.force_login(make_user("cb.bl", "staff", plan.province))
    page = client.get(reverse("ubnd_preview"), {"ke_hoach": plan.pk})
    assert "dinh_dang=docx" in page.content.decode()
    response = client.get(reverse("ubnd_preview"), {"ke_hoach": plan.pk, "dinh_dang": "docx"})
    assert response["Content-Type"] == DOCX
    assert "UBND TỈNH CÀ MAU" in words(Document(io.BytesIO(response.content)))


@pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice hoặc pdftotext không có trên máy này (apt-get install libreoffice-writer "
    "poppler-utils).",
)
def test_libreoffice_prints_it_on_a4_with_the_subject(tra_vinh, tmp_path):
    report, _data, _document = tra_vinh
    path = tmp_path / "bao-cao.docx"
    path.write_bytes(docx(report, _data))
    subprocess.run(  # noqa: S603 - our own tool and file
        [
            shutil.which("soffice"),
            f"-env:UserInstallation=file://{tmp_path}/lo",  # its own profile: tests run at once
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        capture_output=True,
        check=True,
        timeout=120,
    )
    printed = tmp_path / "bao-cao.pdf"
    run = subprocess.run  # noqa: S603
    info = run(["pdfinfo", str(printed)], capture_output=True, text=True, check=True).stdout  # noqa: S603, S607
    assert "A4" in info
    assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) >= 1
    text = flat(
        run(["pdftotext", str(printed), "-"], capture_output=True, text=True, check=True).stdout  # noqa: S603, S607
    )
    assert flat(report.summary) in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Tổng nhu cầu kinh phí: 439.050 triệu đồng" in text


def test_an_issued_report_has_its_number_and_no_draft_mark(seed):
    plan = seed["tra-vinh"]
    report, data = draft(plan, make_user("cb.tv", "staff", plan.province))
    report.state, report.number = Report.State.ISSUED, "15/BC-SKHCN"
    document = Document(io.BytesIO(docx(report, data)))
    assert "Số: 15/BC-SKHCN" in words(document)
    assert "DỰ THẢO" not in words(document)


def test_a_national_report_lists_the_provinces(seed):
    report, data = new_report(
        params={}, period=Period(), user=make_user("tw", "national"), today=TODAY
    )
    document = Document(io.BytesIO(docx(report, data)))
    provinces = table_rows(table_headed(document, "Tỉnh, thành phố"))
    assert len(provinces) == len(data["provinces"]) + 1
    assert "2. Kết quả theo tỉnh, thành phố" in words(document)
    assert "Số chỉ tiêu" in table_rows(table_headed(document, "Đánh giá"))[0]
