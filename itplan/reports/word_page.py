"""The Word page of a UBND report as Nghị định 30/2020/NĐ-CP lays it out (python-docx): A4,
margins 20/20/30/15 mm, Times New Roman 13 pt, page numbers from page 2; paragraphs and fixed-width
tables whose XML is in the order Word's schema requires (``itplan.reports.word`` fills it)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from itplan.models import Report

FONT = "Times New Roman"
BODY = Pt(13)
TABLE = Pt(11)
PAGE = {"width": Mm(210), "height": Mm(297), "top": Mm(20), "bottom": Mm(20), "left": Mm(30)}
RIGHT = Mm(15)
TEXT_WIDTH = PAGE["width"] - PAGE["left"] - RIGHT  # 165 mm
HEAD_LEFT = Mm(68)  # the agency's column; the Quốc hiệu's takes the rest
CENTER, RIGHT_ALIGN, JUSTIFY = (
    WD_ALIGN_PARAGRAPH.CENTER,
    WD_ALIGN_PARAGRAPH.RIGHT,
    WD_ALIGN_PARAGRAPH.JUSTIFY,
)
PPR_AFTER_BORDERS = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
TBLPR_AFTER_BORDERS = ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblPrChange")
TRPR_AFTER_CANT_SPLIT = ("w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden")


# --- The page and its styles --------------------------------------------------------------


def page(report: Report):
    document = Document()
    document.core_properties.title = report.summary
    document.core_properties.language = "vi-VN"
    fonts(document)
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE["width"], PAGE["height"]
    section.top_margin, section.bottom_margin = PAGE["top"], PAGE["bottom"]
    section.left_margin, section.right_margin = PAGE["left"], RIGHT
    section.header_distance = section.footer_distance = Mm(10)
    # Page numbers centred at the top from page 2 on: the first page has its own, empty header
    section.different_first_page_header_footer = True
    number = section.header.paragraphs[0]
    number.alignment = CENTER
    field(number, "PAGE")
    return document


def fonts(document) -> None:
    """Times New Roman 13 pt for every script (Vietnamese letters fall in several Unicode ranges
    Word picks fonts by), and Vietnamese as the language its spelling checker reads."""
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    run_defaults = defaults.find(qn("w:rPr"))
    set_fonts(run_defaults)
    lang = run_defaults.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        run_defaults.append(lang)
    lang.set(qn("w:val"), "vi-VN")
    for name in ("Normal", "Header"):
        style = document.styles[name]
        style.font.name = FONT
        set_fonts(style.element.get_or_add_rPr())
    normal = document.styles["Normal"]
    normal.font.size = BODY
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.1
    document.styles["Header"].font.size = BODY


def set_fonts(rpr) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(script), FONT)


def field(paragraph, code: str) -> None:
    """A Word field (``PAGE``), which Word and LibreOffice both update as they lay out pages."""

    def mark(kind: str):
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        return element

    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = f" {code} "
    shown = OxmlElement("w:t")
    shown.text = "2"  # until the field is updated
    piece = paragraph.add_run()
    for element in (mark("begin"), instruction, mark("separate"), shown, mark("end")):
        piece._r.append(element)


# --- Paragraphs -----------------------------------------------------------------------------


class Body:
    """Adds paragraphs and tables to a container (the document, or a table's cell) in the
    report's few kinds of text."""

    def __init__(self, container, *, cell=False):
        self.container = container
        self.first = container.paragraphs if cell else None  # a new cell's empty paragraph

    def para(
        self,
        text: str = "",
        *,
        bold=False,
        italic=False,
        size=None,
        align=JUSTIFY,
        indent=True,
        after=6,
        before=0,
        keep=False,
    ):
        """A paragraph: the body's is justified with its first line indented 1 cm."""
        if self.first:  # a cell starts with an empty paragraph: use it
            paragraph, self.first = self.first[0], None
        else:
            paragraph = self.container.add_paragraph()
        fmt = paragraph.paragraph_format
        paragraph.alignment = align
        fmt.first_line_indent = Mm(10) if indent and align == JUSTIFY else None
        fmt.space_after, fmt.space_before = Pt(after), Pt(before)
        fmt.keep_with_next = keep or None
        if text:
            run(paragraph, text, bold=bold, italic=italic, size=size)
        return paragraph

    def heading(self, text: str, *, level: int) -> None:
        """A section ("I. KẾT QUẢ THỰC HIỆN", upper case) or a part ("1. Tình hình chung"),
        bold and kept with what follows."""
        self.para(
            text.upper() if level == 1 else text,
            bold=True,
            indent=False,
            align=WD_ALIGN_PARAGRAPH.LEFT,
            before=10 if level == 1 else 8,
            after=4,
            keep=True,
        )

    def unit(self, text: str) -> None:
        self.para(text, italic=True, size=TABLE, align=RIGHT_ALIGN, after=2, keep=True)

    def table(self, columns: list["Column"], rows: list, total: list[str] | None = None):
        return data_table(self.container, columns, rows, total)


def run(paragraph, text: str, *, bold=False, italic=False, size=None):
    """A run of ``text``; what it does not set it takes from the paragraph's style."""
    piece = paragraph.add_run(text)
    piece.bold, piece.italic = bold or None, italic or None
    if size is not None:
        piece.font.size = size
    return piece


def rule(cell_body: Body, cell_width, width, before: float = 2) -> None:
    """A short rule under a header line, as NĐ30 draws them: an empty paragraph's top border,
    centred by equal indents."""
    paragraph = cell_body.para(align=CENTER, indent=False, after=0, before=before)
    side = (cell_width - width) // 2
    paragraph.paragraph_format.left_indent = paragraph.paragraph_format.right_indent = side
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(key), value)
    borders.append(top)
    paragraph._p.get_or_add_pPr().insert_element_before(borders, *PPR_AFTER_BORDERS)
    run(paragraph, "", size=Pt(4))
    paragraph.paragraph_format.line_spacing = Pt(4)


# --- Tables ---------------------------------------------------------------------------------


@dataclass
class Column:
    """A table's column: its header, its share of the width, how its cells align and what a
    row shows in it."""

    header: str
    weight: float
    value: Callable[[dict], str]
    align: object = WD_ALIGN_PARAGRAPH.LEFT
    italic: Callable[[dict], bool] | None = None


def num(header: str, weight: float, value) -> Column:
    return Column(header, weight, value, RIGHT_ALIGN)


def centred(header: str, weight: float, value) -> Column:
    return Column(header, weight, value, CENTER)


def layout(table) -> None:
    """A table that only places text (the header, the signature): no borders, and no cell
    margins, so the Quốc hiệu holds on one line."""
    properties = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "nil")
        borders.append(edge)
    properties.insert_element_before(borders, *TBLPR_AFTER_BORDERS)
    cell_margins(table, 0)


def cell_margins(table, width) -> None:
    """The space left and right of a cell's text (Word's default is 1,9 mm)."""
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(int(width / 635)))  # EMU to twentieths of a point
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    table._tbl.tblPr.insert_element_before(margins, *TBLPR_AFTER_BORDERS[3:])


def fixed(table, widths) -> None:
    """Fixed column widths, as Word (the cells' widths) and LibreOffice (the grid) read them."""
    table.autofit = False  # w:tblLayout "fixed"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    total = table._tbl.tblPr.find(qn("w:tblW"))
    total.set(qn("w:type"), "dxa")
    total.set(qn("w:w"), str(int(sum(widths) / 635)))  # EMU to twentieths of a point
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for tr in table._tbl.tr_lst:  # the cells of a row, a merged one spanning several columns
        start = 0
        for tc in tr.tc_lst:
            tc.width = sum(widths[start : start + tc.grid_span])
            start += tc.grid_span


def widths(weights: list[float]) -> list[int]:
    total = sum(weights)
    return [int(TEXT_WIDTH * weight / total) for weight in weights]


def row_settings(row, *, header=False) -> None:
    """A row stays on one page; the header row repeats on each page the table runs onto."""
    properties = row._tr.get_or_add_trPr()
    properties.insert_element_before(OxmlElement("w:cantSplit"), *TRPR_AFTER_CANT_SPLIT)
    if header:
        properties.insert_element_before(OxmlElement("w:tblHeader"), *TRPR_AFTER_CANT_SPLIT[2:])


def cell_text(cell, text: str, *, bold=False, italic=False, align=WD_ALIGN_PARAGRAPH.LEFT):
    paragraph = cell.paragraphs[0]
    paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.space_after = fmt.space_before = Pt(1)
    fmt.line_spacing = 1.0
    for i, line in enumerate(str(text).split("\n")):
        if i:
            paragraph.add_run().add_break(WD_BREAK.LINE)
        run(paragraph, line, bold=bold, italic=italic, size=TABLE)


def data_table(container, columns: list[Column], rows: list, total: list[str] | None):
    """A bordered table, 11 pt, its header bold and centred, ``total`` as a bold last row. A
    row is a dict, or ``("group", text)`` for a section's title across the table."""
    table = container.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    cell_margins(table, Mm(1))
    for cell, column in zip(table.rows[0].cells, columns, strict=True):
        cell_text(cell, column.header, bold=True, align=CENTER)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    row_settings(table.rows[0], header=True)
    for row in rows:
        added = table.add_row()
        row_settings(added)
        cells = added.cells
        if isinstance(row, tuple):  # ("group", "Kế hoạch … · Nhóm …")
            merged = cells[0].merge(cells[-1])
            cell_text(merged, row[1], bold=True)
            merged.paragraphs[0].paragraph_format.keep_with_next = True  # with its first row
            continue
        for cell, column in zip(cells, columns, strict=True):
            italic = bool(column.italic and column.italic(row))
            cell_text(cell, column.value(row), italic=italic, align=column.align)
    if total is not None:
        added = table.add_row()
        row_settings(added)
        for cell, text, column in zip(added.cells, total, columns, strict=True):
            cell_text(cell, text, bold=True, align=column.align)
    fixed(table, widths([column.weight for column in columns]))
    # Space after the table: an empty, small paragraph (Word puts none after a table)
    spacer = container.add_paragraph()
    spacer.paragraph_format.space_after = Pt(2)
    spacer.paragraph_format.line_spacing = Pt(6)
    return table


# --- The header ------------------------------------------------------------------------------


# --- The NĐ30 header and closing ----------------------------------------------------------


def header(body: Body, report: Report, ctx: dict) -> None:
    """The two columns of NĐ30: the issuing body and the number on the left; the Quốc hiệu,
    the Tiêu ngữ and the place and date on the right. Then "BÁO CÁO", the subject and
    "Kính gửi"."""
    if not report.issued:
        body.para(_("DỰ THẢO"), bold=True, size=Pt(12), align=RIGHT_ALIGN, after=2)
    table = body.container.add_table(rows=1, cols=2)
    layout(table)
    right_width = TEXT_WIDTH - HEAD_LEFT
    fixed(table, [HEAD_LEFT, right_width])
    agency, nation = (Body(cell, cell=True) for cell in table.rows[0].cells)
    compact = {"indent": False, "align": CENTER, "after": 0}
    if report.parent_body:
        agency.para(report.parent_body.upper(), size=Pt(12), **compact)
    agency.para(report.issuing_body.upper(), bold=True, size=Pt(12), **compact)
    rule(agency, HEAD_LEFT, Mm(22))
    number = report.number or "      /BC-SKHCN"
    number_line = agency.para(f"{_('Số:')} {number}", size=BODY, **compact)
    for text in number_line._p.iter(qn("w:t")):  # the blank before "/BC-…" is for the number
        text.set(qn("xml:space"), "preserve")
    nation.para("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=Pt(12), **compact)
    nation.para("Độc lập - Tự do - Hạnh phúc", bold=True, size=Pt(13.5), **compact)
    rule(nation, right_width, Mm(55))  # as long as the Tiêu ngữ
    date = nation.para(ctx["place_and_date"], italic=True, size=Pt(13.5), **compact)
    date.paragraph_format.space_before = Pt(4)

    body.para(_("BÁO CÁO"), bold=True, size=Pt(14), align=CENTER, before=14, after=0)
    body.para(report.summary, bold=True, size=Pt(14), align=CENTER, after=0)
    rule(body, TEXT_WIDTH, Mm(50), before=4)
    if report.recipient:
        to = body.para(align=CENTER, after=10)
        run(to, f"{_('Kính gửi:')} {report.recipient}.")


# --- The sections ----------------------------------------------------------------------------


def closing(body: Body, report: Report, ctx: dict) -> None:
    """The last sentence, then "Nơi nhận:" (12 pt bold italic, its list 11 pt) on the left and
    the signer on the right, kept on one page."""
    body.para(
        _("Trên đây là báo cáo kết quả thực hiện %(period)s, kính báo cáo để xem xét, chỉ đạo./.")
        % {"period": ctx["data"]["period"]["label"]},
        keep=True,
    )
    table = body.container.add_table(rows=1, cols=2)
    layout(table)
    left = Mm(75)
    fixed(table, [left, TEXT_WIDTH - left])
    row_settings(table.rows[0])
    to_list, signer = (Body(cell, cell=True) for cell in table.rows[0].cells)
    flush = {"indent": False, "align": WD_ALIGN_PARAGRAPH.LEFT, "after": 0}
    to_list.para(_("Nơi nhận:"), bold=True, italic=True, size=Pt(12), before=6, **flush)
    for line in ctx["recipients"]:
        to_list.para(line, size=TABLE, **flush)
    centred = {"indent": False, "align": CENTER, "after": 0}
    for i, line in enumerate(ctx["signer_lines"]):
        signer.para(line.upper(), bold=True, before=6 if i == 0 else 0, **centred)
    name = signer.para(report.signer_name, bold=True, **centred)
    name.paragraph_format.space_before = Pt(62)  # room for the signature and the seal
