"""Appendices as Word tables: a .docx decision with its appendix table imports to the same
projects and đồng as the same appendix typed in Excel, through the upload page and the command;
merged cells, tables continued over pages, other tables of the document, and bad files."""

import io
import json
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from docx import Document
from docx.oxml import parse_xml

from budgets.models import BudgetLine
from itplan.appendix import Defaults, apply, preview_file
from itplan.models import AppendixImport
from projects.models import Plan, Project
from provinces.text import fold
from tests.appendix import FILES, confirm, empty_copy, upload
from tests.factories import make_user

TRIEU = 10**6

# the seed appendices as written by tests/files/make_docx.py: (file, sheets, options, need)
SEEDS = {
    "bac-lieu": ("bac-lieu-2213-2011", [None], {}, 32_200 * TRIEU),
    "quang-tri": ("quang-tri-1024-2011", [None], {}, 49_850 * TRIEU),
    "binh-dinh": ("binh-dinh-576-2012", [None], {}, 42_280 * TRIEU),
    "tra-vinh": ("tra-vinh-952-2011", [None], {"unit": "trieu"}, 439_050 * TRIEU),
    "tien-giang": ("tien-giang-172-2013", ["Phụ lục 1", "Phụ lục 2"], {}, 48_806 * TRIEU),
}


def imported(path: Path, plan: Plan, sheets, options) -> list:
    """Import every sheet of ``path`` into ``plan``; the stated totals of the previews."""
    stated = []
    for sheet in sheets:
        preview = preview_file(
            path.name, path.read_bytes(), plan, sheet=sheet, defaults=Defaults(**options)
        )
        assert not preview.errors, [str(e) for e in preview.errors]
        apply(preview, plan)
        stated += [(s.label, s.amount, s.computed) for s in preview.stated]
    return stated


def contents(plan: Plan) -> tuple[list, Counter]:
    """The plan's projects as a user lists them, and its money per project and line."""
    projects = [
        (
            p.group.appendix if p.group else "",
            p.group.ref if p.group else "",
            p.ref,
            fold(p.name),
            p.estimate,
            p.lead_agency.name if p.lead_agency else "",
            p.period,
        )
        for p in Project.objects.filter(plan=plan)
        .select_related("group", "lead_agency")
        .order_by("group__appendix", "order")
    ]
    money = Counter()
    for line in BudgetLine.objects.filter(project__plan=plan).select_related("project"):
        key = (fold(line.project.name), line.year, line.source, line.sub_source)
        money[key + (line.capital_type, line.stage)] += line.amount
    return projects, money


@pytest.mark.parametrize("slug", SEEDS)
def test_seed_appendix_as_word_imports_like_the_workbook(seed, slug):
    name, sheets, options, need = SEEDS[slug]
    from_excel, from_word = empty_copy(seed[slug], "xlsx"), empty_copy(seed[slug], "docx")
    stated_excel = imported(FILES / f"{name}.xlsx", from_excel, sheets, options)
    stated_word = imported(FILES / f"{name}.docx", from_word, sheets, options)

    assert contents(from_word) == contents(from_excel)
    assert len(contents(from_word)[0]) == Project.objects.filter(plan=seed[slug]).count()
    assert BudgetLine.objects.for_plan(from_word).filter(stage="need").total() == need
    assert stated_word == stated_excel


def test_bac_lieu_word_decision_is_read_from_its_appendix_table(seed):
    content = (FILES / "bac-lieu-2213-2011.docx").read_bytes()
    preview = preview_file("qd-2213.docx", content, empty_copy(seed["bac-lieu"], "docx"))
    # the heading block and the signature block are tables too, without an appendix header
    assert preview.sheets == ["Bảng 1", "Bảng 2", "Phụ lục"]
    assert preview.sheet == "Phụ lục"
    assert len(preview.projects) == 11
    third = preview.projects[2]
    assert (third.ref, third.lead_agency, third.period) == (
        "3",
        "Sở Thông tin và Truyền thông",
        "Năm 2011 -2012",
    )
    assert [(s.label, s.amount, s.computed) for s in preview.stated] == [
        ("Cộng", 32_200 * TRIEU, 32_200 * TRIEU),
        ("Cộng", 14_890 * TRIEU, 14_890 * TRIEU),
        ("Cộng", 17_310 * TRIEU, 17_310 * TRIEU),
    ]


@pytest.fixture
def staff(seed):
    return make_user("cb", "staff", seed["bac-lieu"].province)


def test_upload_of_the_word_decision_previews_then_imports_32_200_trieu(client, staff, empty_plan):
    client.force_login(staff)
    response = upload(
        client, empty_plan, (FILES / "bac-lieu-2213-2011.docx").read_bytes(), "qd.docx"
    )
    record = AppendixImport.objects.get()
    assert response.url == reverse("import_preview", args=[record.pk])
    page = client.get(response.url).content.decode()
    assert "11 dự án, nhiệm vụ" in page
    assert "Hoàn thiện hệ thống một cửa huyện Đông Hải" in page
    assert "32.200" in page
    # the document's tables to choose from: heading block, signature block, the appendix
    assert "Bảng trong văn bản" in page
    assert "<option>Bảng 1</option><option>Bảng 2</option><option selected>Phụ lục</option>" in page
    assert Project.objects.filter(plan=empty_plan).count() == 0

    response = confirm(client, record)
    assert response.url == reverse("plan_detail", args=[empty_plan.pk])
    assert Project.objects.filter(plan=empty_plan).count() == 11
    assert BudgetLine.objects.for_plan(empty_plan).total() == 32_200_000_000
    record.refresh_from_db()
    assert (record.status, record.sheet, record.projects_created) == ("done", "Phụ lục", 11)


def test_command_imports_the_word_decision(seed):
    target = empty_copy(seed["bac-lieu"], "docx")
    out = io.StringIO()
    path = str(FILES / "bac-lieu-2213-2011.docx")
    call_command("import_appendix", path, "--plan", target.document_number, "--commit", stdout=out)
    data = json.loads(out.getvalue())
    assert data["sheet"] == "Phụ lục" and not data["errors"]
    assert data["computed_totals"]["total"] == 32_200_000_000
    assert data["result"]["projects_created"] == 11
    assert BudgetLine.objects.for_plan(target).total() == 32_200_000_000
    assert target.imports.get().file_name == "bac-lieu-2213-2011.docx"


# -- tables as Word makes them ------------------------------------------------------------------

HEADER = [
    ["TT", "Tên dự án", "Cơ quan chủ trì", "Kinh phí (triệu đồng)", None],
    [None, None, None, "NSTW", "NSĐP"],
]


def add_table(document, rows, merges=()):
    """A bordered table of ``rows``; ``merges`` are (top, left, bottom, right) cell ranges."""
    table = document.add_table(rows=len(rows), cols=5)
    table.style = "Table Grid"
    for top, left, bottom, right in merges:
        table.cell(top, left).merge(table.cell(bottom, right))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is not None:
                table.cell(r, c).paragraphs[0].add_run(str(value))
    return table


def docx_bytes(build) -> bytes:
    document = Document()
    heading = document.add_table(rows=1, cols=2)
    heading.cell(0, 0).text = "UBND TỈNH BẠC LIÊU"
    heading.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    document.add_paragraph("PHỤ LỤC")
    document.add_paragraph("Danh mục dự án")
    build(document)
    document.add_paragraph("Ghi chú: kinh phí là dự kiến.")
    signature = document.add_table(rows=1, cols=2)
    signature.cell(0, 1).text = "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


HEADER_MERGES = [(0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 1, 2), (0, 3, 0, 4)]
FIRST_PAGE = [
    [1, "Cổng thông tin điện tử", "Sở TT&TT", "1.000", "500"],
    # the agency cell merged down over projects 1 and 2: both are the Sở's
    [2, "Một cửa điện tử", None, None, "2.000"],
]
SECOND_PAGE = [
    [3, "Trục liên thông văn bản", "Văn phòng UBND tỉnh", "300", "700"],
    ["Cộng", None, None, "1.300", "3.200"],
]


@pytest.mark.parametrize("repeat_header", [False, True])
def test_merged_cells_and_a_table_continued_on_the_next_page(seed, repeat_header):
    def build(document):
        add_table(document, HEADER + FIRST_PAGE, HEADER_MERGES + [(2, 2, 3, 2)])
        document.add_paragraph("")  # Word keeps a paragraph between two tables
        if repeat_header:
            add_table(document, HEADER + SECOND_PAGE, HEADER_MERGES + [(3, 0, 3, 2)])
        else:
            add_table(document, SECOND_PAGE, [(1, 0, 1, 2)])

    preview = preview_file("pl.docx", docx_bytes(build), empty_copy(seed["bac-lieu"], "t"))
    assert not preview.errors, [str(e) for e in preview.errors]
    assert preview.sheets == ["Bảng 1", "Phụ lục", "Bảng 3"]
    assert [(p.ref, p.name, p.lead_agency) for p in preview.projects] == [
        ("1", "Cổng thông tin điện tử", "Sở TT&TT"),
        ("2", "Một cửa điện tử", "Sở TT&TT"),
        ("3", "Trục liên thông văn bản", "Văn phòng UBND tỉnh"),
    ]
    lines = [[(line.source, line.amount) for line in p.lines] for p in preview.projects]
    assert lines == [
        [("central", 1_000 * TRIEU), ("local", 500 * TRIEU)],
        [("local", 2_000 * TRIEU)],
        [("central", 300 * TRIEU), ("local", 700 * TRIEU)],
    ]
    assert [(s.label, s.amount, s.computed) for s in preview.stated] == [
        ("Cộng", 1_300 * TRIEU, 1_300 * TRIEU),
        ("Cộng", 3_200 * TRIEU, 3_200 * TRIEU),
    ]


def test_an_amount_merged_over_two_rows_counts_once_and_nested_tables_are_not_read(seed):
    def build(document):
        rows = HEADER + [
            [1, "Cổng thông tin điện tử", "Sở TT&TT", None, "500"],
            [None, "(giai đoạn 2)", None, None, "200"],
            [2, "Một cửa điện tử", "Sở TT&TT", "900", "100"],
        ]
        table = add_table(document, rows, HEADER_MERGES + [(2, 3, 3, 3)])
        table.cell(2, 3).paragraphs[0].add_run("400")
        table.cell(4, 1).add_table(rows=1, cols=1).cell(0, 0).text = "99.999"

    preview = preview_file("pl.docx", docx_bytes(build), empty_copy(seed["bac-lieu"], "t"))
    assert not preview.errors, [str(e) for e in preview.errors]
    assert [p.name for p in preview.projects] == [
        "Cổng thông tin điện tử (giai đoạn 2)",
        "Một cửa điện tử",
    ]
    totals = [sum(line.amount for line in p.lines) for p in preview.projects]
    assert totals == [(400 + 500 + 200) * TRIEU, 1_000 * TRIEU]


def test_a_table_after_text_is_not_joined_to_the_one_before(seed):
    def build(document):
        add_table(document, HEADER + FIRST_PAGE[:1], HEADER_MERGES)
        document.add_paragraph("Bảng 2: các dự án của huyện")
        add_table(document, HEADER + SECOND_PAGE[:1], HEADER_MERGES)

    preview = preview_file("pl.docx", docx_bytes(build), empty_copy(seed["bac-lieu"], "t"))
    assert preview.sheets == ["Bảng 1", "Phụ lục", "Bảng 3", "Bảng 4"]
    assert [p.name for p in preview.projects] == ["Cổng thông tin điện tử"]


# -- files that cannot be read --------------------------------------------------------------


def _zip(parts: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return buffer.getvalue()


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "quyet-dinh.docx",  # an old Word file renamed
            OLE + "WordDocument".encode("utf-16-le") + b"\0" * 512,
            "là định dạng Word 97-2003 (.doc). Hãy mở tệp trong Word và lưu lại",
        ),
        (
            "quyet-dinh.docx",
            OLE + "EncryptedPackage".encode("utf-16-le") + b"\0" * 512,
            "được bảo vệ bằng mật khẩu. Hãy mở tệp trong Word",
        ),
        (
            "quyet-dinh.docx",
            _zip({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document"}),
            "bị hỏng hoặc không phải là văn bản Word",
        ),
        (
            "quyet-dinh.docx",
            _zip({"word/document.xml": "<" + "a" * 2**20 + "/>"}),
            "giải nén ra quá lớn",
        ),
        ("quyet-dinh.docx", b"khong phai Word", "không phải là văn bản Word (.docx)"),
    ],
)
def test_bad_word_files_get_a_clear_message_and_no_write(
    client, staff, empty_plan, name, content, message
):
    client.force_login(staff)
    upload(client, empty_plan, content, name)
    record = AppendixImport.objects.get()
    page = client.get(reverse("import_preview", args=[record.pk])).content.decode()
    assert message in page
    confirm(client, record)
    assert Project.objects.filter(plan=empty_plan).count() == 0
    assert not BudgetLine.objects.for_plan(empty_plan).exists()


def test_a_document_of_more_cells_than_the_limit_is_not_parsed(client, staff, empty_plan, settings):
    settings.APPENDIX_MAX_CELLS = 100  # the Bạc Liêu decision has 255 paragraphs, rows and cells
    client.force_login(staff)
    upload(client, empty_plan, (FILES / "bac-lieu-2213-2011.docx").read_bytes(), "qd.docx")
    page = client.get(reverse("import_preview", args=[AppendixImport.objects.get().pk]))
    assert "có hơn 100 đoạn văn, dòng và ô bảng, quá giới hạn" in page.content.decode()
    assert Project.objects.filter(plan=empty_plan).count() == 0


def test_a_doc_file_is_refused_on_upload_with_how_to_save_it(client, staff, empty_plan):
    client.force_login(staff)
    response = upload(client, empty_plan, OLE + b"\0" * 512, "quyet-dinh.doc")
    assert response.status_code == 200
    assert "là văn bản Word 97-2003 (.doc)" in response.content.decode()
    assert not AppendixImport.objects.exists()


def test_staff_of_another_province_cannot_import_the_word_file(client, seed, empty_plan):
    client.force_login(make_user("tv", "staff", seed["tra-vinh"].province))
    content = (FILES / "bac-lieu-2213-2011.docx").read_bytes()
    assert upload(client, empty_plan, content, "qd.docx").status_code == 404
    assert not AppendixImport.objects.exists()
    assert Project.objects.filter(plan=empty_plan).count() == 0


def test_a_word_document_without_a_table_says_so(seed):
    document = Document()
    document.add_paragraph("PHỤ LỤC")
    document.add_paragraph("1. Cổng thông tin điện tử: 1.000 triệu đồng")
    buffer = io.BytesIO()
    document.save(buffer)
    preview = preview_file("pl.docx", buffer.getvalue(), empty_copy(seed["bac-lieu"], "t"))
    assert [e.message for e in preview.errors] == [
        "Văn bản “pl.docx” không có bảng nào: phụ lục cần là một bảng của Word (Chèn → Bảng), "
        "không phải các dòng chữ hay hình ảnh."
    ]


def test_amounts_in_smart_tags_and_tracked_changes_are_read_as_word_shows_them(seed):
    """Word 2003 wrapped places and numbers in smart tags, and a clerk's document may keep
    tracked changes: the text shown is what is read, the deleted text is not."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    def build(document):
        table = add_table(
            document, HEADER + [[1, "Cổng thông tin điện tử", "Sở TT&TT", None, None]]
        )
        tagged, revised = table.cell(2, 3).paragraphs[0], table.cell(2, 4).paragraphs[0]
        tagged._p.append(
            parse_xml(
                f'<w:smartTag xmlns:w="{w}" w:uri="urn:schemas-microsoft-com:office:smarttags" '
                'w:element="place"><w:r><w:t>1.000</w:t></w:r></w:smartTag>'
            )
        )
        revised._p.append(
            parse_xml(
                f'<w:del xmlns:w="{w}" w:id="1" w:author="cb"><w:r><w:delText>900</w:delText>'
                "</w:r></w:del>"
            )
        )
        revised._p.append(
            parse_xml(
                f'<w:ins xmlns:w="{w}" w:id="2" w:author="cb"><w:r><w:t>500</w:t></w:r></w:ins>'
            )
        )

    preview = preview_file("pl.docx", docx_bytes(build), empty_copy(seed["bac-lieu"], "t"))
    assert not preview.errors, [str(e) for e in preview.errors]
    (project,) = preview.projects
    assert [(line.source, line.amount) for line in project.lines] == [
        ("central", 1_000 * TRIEU),
        ("local", 500 * TRIEU),
    ]


def test_a_continued_table_whose_last_column_is_empty_is_still_joined(seed):
    def build(document):
        add_table(document, HEADER + FIRST_PAGE[:1], HEADER_MERGES)
        document.add_paragraph("(tiếp theo)")
        add_table(document, [[2, "Trục liên thông văn bản", "Văn phòng UBND tỉnh", "300", None]])

    preview = preview_file("pl.docx", docx_bytes(build), empty_copy(seed["bac-lieu"], "t"))
    assert not preview.errors, [str(e) for e in preview.errors]
    assert [(p.ref, sum(line.amount for line in p.lines)) for p in preview.projects] == [
        ("1", 1_500 * TRIEU),
        ("2", 300 * TRIEU),
    ]


def test_command_refuses_a_doc_file_with_how_to_save_it(seed, tmp_path):
    target = empty_copy(seed["bac-lieu"], "doc")
    path = tmp_path / "qd-2213.doc"
    path.write_bytes(OLE + "WordDocument".encode("utf-16-le") + b"\0" * 512)
    out = io.StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("import_appendix", str(path), "--plan", target.document_number, stdout=out)
    assert exit_.value.code == 1
    assert [e["message"] for e in json.loads(out.getvalue())["errors"]] == [
        "Tệp “qd-2213.doc” là định dạng Word 97-2003 (.doc). Hãy mở tệp trong Word và lưu lại "
        "dưới dạng “Tài liệu Word (.docx)” rồi tải lên lại."
    ]
    assert not target.imports.exists()


def test_rows_and_cells_inside_content_controls_are_read(seed):
    """Forms made in Word wrap rows and cells in content controls (w:sdt)."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    def wrap(element):
        control = parse_xml(f'<w:sdt xmlns:w="{w}"><w:sdtContent/></w:sdt>')
        element.addprevious(control)
        control[0].append(element)

    def build(document):
        table = add_table(document, HEADER + FIRST_PAGE, HEADER_MERGES + [(2, 2, 3, 2)])
        wrap(table.rows[3]._tr)  # project 2's row
        wrap(table.rows[2]._tr.tc_lst[4])  # project 1's NSĐP cell

    preview = preview_file("pl.docx", docx_bytes(build), empty_copy(seed["bac-lieu"], "t"))
    assert not preview.errors, [str(e) for e in preview.errors]
    assert [
        (p.ref, p.lead_agency, sum(line.amount for line in p.lines)) for p in preview.projects
    ] == [
        ("1", "Sở TT&TT", 1_500 * TRIEU),
        ("2", "Sở TT&TT", 2_000 * TRIEU),
    ]
