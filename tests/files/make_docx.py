"""Write the seed appendices as Word documents: the same rows as the .xlsx typed by the
make_*.py scripts, laid out as the provinces' decisions are.

Each .docx holds the document's heading block (a borderless table: "UBND TỈNH … / CỘNG HÒA …",
"Số: … / …, ngày …"), its title and a few lines of text, the signature block (another borderless
table), then on landscape pages each appendix: its title lines as paragraphs, the table with its
merged header cells (vertical and horizontal merges, as in the workbook) and the text under it.
Where the workbook repeats the header (a table broken over pages), the Word document starts a new
table there, as a clerk's document does when a table was pasted in parts. Cells hold text as
Word does: numbers are written the way a clerk types them ("1200", "65.000", "3,4", "2014").
The parts are the same at every run; only the zip's dates change.

`word_document(book)` gives any workbook (the layout generator's) as such a document.

    .venv/bin/python tests/files/make_docx.py [bac-lieu …]   # default: all five
"""

import sys
from pathlib import Path

import openpyxl
from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from openpyxl.utils import get_column_letter

HERE = Path(__file__).parent

# What the heading and signature blocks say: the issuer, number, place and date, the kind of
# document and what it is about, and who signs.
DOCUMENTS = {
    "bac-lieu": (
        "bac-lieu-2213-2011",
        "UBND TỈNH BẠC LIÊU",
        "Số: 2213/QĐ-UBND",
        "Bạc Liêu, ngày 18 tháng 8 năm 2011",
        "QUYẾT ĐỊNH",
        "Về việc ban hành Kế hoạch ứng dụng công nghệ thông tin trong hoạt động của cơ quan nhà "
        "nước tỉnh Bạc Liêu giai đoạn 2011 - 2015",
        "CHỦ TỊCH",
    ),
    "quang-tri": (
        "quang-tri-1024-2011",
        "UỶ BAN NHÂN DÂN\nTỈNH QUẢNG TRỊ",
        "Số: 1024/KH-UBND",
        "Quảng Trị, ngày 06 tháng 5 năm 2011",
        "KẾ HOẠCH",
        "Ứng dụng công nghệ thông tin trong hoạt động của cơ quan nhà nước tỉnh Quảng Trị, "
        "giai đoạn 2011 - 2015",
        "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
    ),
    "binh-dinh": (
        "binh-dinh-576-2012",
        "ỦY BAN NHÂN DÂN\nTỈNH BÌNH ĐỊNH",
        "Số: 576/QĐ-UBND",
        "Bình Định, ngày 24 tháng 10 năm 2012",
        "QUYẾT ĐỊNH",
        "Về việc điều chỉnh, bổ sung Quy hoạch phát triển công nghệ thông tin tỉnh Bình Định",
        "CHỦ TỊCH",
    ),
    "tra-vinh": (
        "tra-vinh-952-2011",
        "ỦY BAN NHÂN DÂN\nTỈNH TRÀ VINH",
        "Số: 952/QĐ-UBND",
        "Trà Vinh, ngày 15 tháng 6 năm 2011",
        "QUYẾT ĐỊNH",
        "Về việc ban hành Kế hoạch thực hiện Đề án “Đưa Việt Nam sớm trở thành nước mạnh về "
        "công nghệ thông tin và truyền thông” trên địa bàn tỉnh Trà Vinh",
        "CHỦ TỊCH",
    ),
    "tien-giang": (
        "tien-giang-172-2013",
        "ỦY BAN NHÂN DÂN\nTỈNH TIỀN GIANG",
        "Số: 172/KH-UBND",
        "Tiền Giang, ngày 01 tháng 11 năm 2013",
        "KẾ HOẠCH",
        "Ứng dụng công nghệ thông tin trong hoạt động của cơ quan nhà nước tỉnh Tiền Giang "
        "năm 2014",
        "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
    ),
}
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
BODY = [
    "Căn cứ Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân ngày 26 tháng 11 năm 2003;",
    "Căn cứ Nghị định số 64/2007/NĐ-CP ngày 10 tháng 4 năm 2007 của Chính phủ về ứng dụng công "
    "nghệ thông tin trong hoạt động của cơ quan nhà nước;",
    "Xét đề nghị của Giám đốc Sở Thông tin và Truyền thông,",
    "Danh mục và kinh phí các dự án, nhiệm vụ tại Phụ lục kèm theo.",
]
RECIPIENTS = "\n".join(
    [
        "Nơi nhận:",
        "- Bộ TT&TT;",
        "- TT. TU, TT. HĐND tỉnh;",
        "- CT, các PCT UBND tỉnh;",
        "- Lưu: VT.",
    ],
)
TEXT_WIDTH = 25.7  # cm on a landscape A4 page with 2 cm margins


# For a workbook that is no seed's (the layout generator's): a heading that names no province.
ANY = (
    "ỦY BAN NHÂN DÂN\nTỈNH …",
    "Số: …/QĐ-UBND",
    "…, ngày … tháng … năm …",
    "QUYẾT ĐỊNH",
    "Về việc ban hành Kế hoạch ứng dụng công nghệ thông tin",
    "CHỦ TỊCH",
)


def main(slugs):
    for slug in slugs or DOCUMENTS:
        name = DOCUMENTS[slug][0]
        book = openpyxl.load_workbook(HERE / f"{name}.xlsx")
        word_document(book, DOCUMENTS[slug][1:]).save(HERE / f"{name}.docx")


def word_document(book, heading=ANY):
    """The workbook's sheets as the appendices of a Word decision (a python-docx Document):
    each sheet's title rows as paragraphs, its table from the first row of two or more cells to
    the first empty row as a Word table (merged as the sheet is, a new table where the header's
    name cell repeats), the rows under it as paragraphs."""
    issuer, number, place_date, kind, subject, signer = heading
    document = Document()
    style = document.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(13)
    _heading_block(document, issuer, number, place_date)
    _paragraph(document, kind, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_before=12)
    _paragraph(document, subject, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    for text in BODY:
        _paragraph(document, text, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    _signature_block(document, signer)
    for sheet in book.worksheets:
        section = document.add_section(WD_SECTION.NEW_PAGE)
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(2))
        _appendix(document, sheet)
    return document


def _appendix(document, sheet) -> None:
    rows = [
        [sheet.cell(r, c).value for c in range(1, sheet.max_column + 1)]
        for r in range(1, sheet.max_row + 1)
    ]
    filled = [sum(v is not None for v in row) for row in rows]
    start = next(i for i, n in enumerate(filled) if n >= 2)  # the header: titles have one cell
    end = next((i for i in range(start, len(rows)) if not filled[i]), len(rows))
    for i in range(start):
        if filled[i]:
            text = _text(next(v for v in rows[i] if v is not None))
            right = text.lower().startswith(("đơn vị", "đvt", "dvt"))
            align = WD_ALIGN_PARAGRAPH.RIGHT if right else WD_ALIGN_PARAGRAPH.CENTER
            _paragraph(document, text, bold=not right, align=align, italic=right)
    # a table restarts where the workbook repeats the header's name cell (a page break)
    name_header = rows[start][1]
    cuts = [start] + [i for i in range(start + 1, end) if rows[i][1] == name_header] + [end]
    for top, bottom in zip(cuts, cuts[1:], strict=False):
        if top != start:
            document.add_paragraph()
        _table(document, sheet, top, bottom)
    for i in range(end, len(rows)):
        if filled[i]:
            cells = [_text(v) for v in rows[i] if v is not None]
            first = next(c for c, v in enumerate(rows[i]) if v is not None)
            # a line typed in the right half of the sheet is the signing authority's
            align = WD_ALIGN_PARAGRAPH.RIGHT if first >= len(rows[i]) / 2 else None
            _paragraph(document, " ".join(cells), align=align, bold=align is not None)


def _table(document, sheet, top: int, bottom: int) -> None:
    """Rows top..bottom-1 (from 0) of the sheet as a bordered Word table, merged as there."""
    ncols = sheet.max_column
    table = document.add_table(rows=bottom - top, cols=ncols)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = [
        sheet.column_dimensions[get_column_letter(c)].width or 10 for c in range(1, ncols + 1)
    ]
    table.autofit = False
    for c, column in enumerate(table.columns):  # the grid, which Word and LibreOffice lay out
        column.width = Cm(TEXT_WIDTH * widths[c] / sum(widths))
    for row in table.rows:
        for c, cell in enumerate(row.cells):
            cell.width = Cm(TEXT_WIDTH * widths[c] / sum(widths))
    for merged in sheet.merged_cells.ranges:
        if merged.min_row - 1 >= top and merged.max_row <= bottom:
            first = table.cell(merged.min_row - 1 - top, merged.min_col - 1)
            first.merge(table.cell(merged.max_row - 1 - top, merged.max_col - 1))
    for r in range(top, bottom):
        for c in range(ncols):
            cell = sheet.cell(r + 1, c + 1)
            if cell.value is None or type(cell).__name__ == "MergedCell":
                continue
            target = table.cell(r - top, c)
            paragraph = target.paragraphs[0]
            run = paragraph.add_run(_text(cell.value))
            run.font.size = Pt(10)
            run.bold = bool(cell.font and cell.font.bold)
            if cell.alignment and cell.alignment.horizontal == "center":
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _text(value) -> str:
    """A value as Word shows it when typed: thousands with dots, decimals with a comma; years
    and small numbers as they are."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return str(value) if value < 10_000 else f"{value:,}".replace(",", ".")
    if isinstance(value, float):
        return repr(value).replace(".", ",")
    return str(value)


def _paragraph(document, text, *, bold=False, italic=False, align=None, space_before=0):
    paragraph = document.add_paragraph()
    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic
    if align is not None:
        paragraph.alignment = align
    paragraph.paragraph_format.space_before = Pt(space_before)
    return paragraph


def _heading_block(document, issuer, number, place_date) -> None:
    table = document.add_table(rows=2, cols=2)
    cells = [(issuer, True, False), (NATION, True, False), (number, False, False)]
    cells.append((place_date, False, True))
    for cell, (text, bold, italic) in zip(
        (table.cell(0, 0), table.cell(0, 1), table.cell(1, 0), table.cell(1, 1)),
        cells,
        strict=True,
    ):
        run = cell.paragraphs[0].add_run(text)
        run.bold, run.italic, run.font.size = bold, italic, Pt(12)
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for row in table.rows:
        row.cells[0].width, row.cells[1].width = Cm(6.5), Cm(10)


def _signature_block(document, signer) -> None:
    table = document.add_table(rows=1, cols=2)
    left, right = table.cell(0, 0), table.cell(0, 1)
    run = left.paragraphs[0].add_run(RECIPIENTS)
    run.font.size = Pt(10)
    run = right.paragraphs[0].add_run(f"TM. ỦY BAN NHÂN DÂN\n{signer}\n\n\n\n(đã ký)")
    run.bold = True
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER


if __name__ == "__main__":
    main(sys.argv[1:])
