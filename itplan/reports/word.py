"""A UBND report as a Word file (python-docx), for the clerk who finishes its text before the
director signs: the same content as the HTML and the PDF (``render.context``: the same lines of
narrative, place and date, signer, and the same ``trieu``/``percent``/``dmy`` filters), in the
layout of Nghị định 30/2020/NĐ-CP: A4, margins 20/20/30/15 mm, Times New Roman 13 pt, the
two-column header, page numbers centred at the top from page 2.

The charts of the PDF are left out: Word cannot show their SVG, and a clerk edits text. Each
table takes only the columns whose keys its rows carry, so figures the content gains later
(cumulative money, indicator units) appear here as soon as ``content.build`` writes them.
"""

import io
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from itplan.models import Report
from itplan.reports.render import _lines, context
from itplan.templatetags.portal import dmy, percent, trieu, trieu_or_dash

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
ROMAN = ("I", "II", "III", "IV", "V", "VI")
STAGES = ("need", "allocated", "disbursed")  # budgets.models.Stage's values, in its order
# Word refuses a file whose elements are out of the schema's order: what may follow each one
PPR_AFTER_BORDERS = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
TBLPR_AFTER_BORDERS = ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblPrChange")
TRPR_AFTER_CANT_SPLIT = ("w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden")


def docx(report: Report, data: dict) -> bytes:
    """The report as a ``.docx`` file."""
    ctx = context(report, data)
    document = _document(report)
    body = _Body(document)
    _header(body, report, ctx)
    _sections(body, report, ctx)
    _closing(body, report, ctx)
    if data.get("reconciliation"):
        _annex(body, data["reconciliation"])
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --- The page and its styles --------------------------------------------------------------


def _document(report: Report):
    document = Document()
    document.core_properties.title = report.summary
    document.core_properties.language = "vi-VN"
    _fonts(document)
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
    _field(number, "PAGE")
    return document


def _fonts(document) -> None:
    """Times New Roman 13 pt for every script (Vietnamese letters fall in several Unicode ranges
    Word picks fonts by), and Vietnamese as the language its spelling checker reads."""
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    run_defaults = defaults.find(qn("w:rPr"))
    _set_fonts(run_defaults)
    lang = run_defaults.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        run_defaults.append(lang)
    lang.set(qn("w:val"), "vi-VN")
    for name in ("Normal", "Header"):
        style = document.styles[name]
        style.font.name = FONT
        _set_fonts(style.element.get_or_add_rPr())
    normal = document.styles["Normal"]
    normal.font.size = BODY
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.1
    document.styles["Header"].font.size = BODY


def _set_fonts(rpr) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(script), FONT)


def _field(paragraph, code: str) -> None:
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


class _Body:
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
        return _data_table(self.container, columns, rows, total)


def run(paragraph, text: str, *, bold=False, italic=False, size=None):
    """A run of ``text``; what it does not set it takes from the paragraph's style."""
    piece = paragraph.add_run(text)
    piece.bold, piece.italic = bold or None, italic or None
    if size is not None:
        piece.font.size = size
    return piece


def _rule(cell_body: _Body, cell_width, width, before: float = 2) -> None:
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


def _num(header: str, weight: float, value) -> Column:
    return Column(header, weight, value, RIGHT_ALIGN)


def _centred(header: str, weight: float, value) -> Column:
    return Column(header, weight, value, CENTER)


def _layout(table) -> None:
    """A table that only places text (the header, the signature): no borders, and no cell
    margins, so the Quốc hiệu holds on one line."""
    properties = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "nil")
        borders.append(edge)
    properties.insert_element_before(borders, *TBLPR_AFTER_BORDERS)
    _cell_margins(table, 0)


def _cell_margins(table, width) -> None:
    """The space left and right of a cell's text (Word's default is 1,9 mm)."""
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(int(width / 635)))  # EMU to twentieths of a point
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    table._tbl.tblPr.insert_element_before(margins, *TBLPR_AFTER_BORDERS[3:])


def _fixed(table, widths) -> None:
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


def _widths(weights: list[float]) -> list[int]:
    total = sum(weights)
    return [int(TEXT_WIDTH * weight / total) for weight in weights]


def _row_settings(row, *, header=False) -> None:
    """A row stays on one page; the header row repeats on each page the table runs onto."""
    properties = row._tr.get_or_add_trPr()
    properties.insert_element_before(OxmlElement("w:cantSplit"), *TRPR_AFTER_CANT_SPLIT)
    if header:
        properties.insert_element_before(OxmlElement("w:tblHeader"), *TRPR_AFTER_CANT_SPLIT[2:])


def _cell_text(cell, text: str, *, bold=False, italic=False, align=WD_ALIGN_PARAGRAPH.LEFT):
    paragraph = cell.paragraphs[0]
    paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.space_after = fmt.space_before = Pt(1)
    fmt.line_spacing = 1.0
    for i, line in enumerate(str(text).split("\n")):
        if i:
            paragraph.add_run().add_break(WD_BREAK.LINE)
        run(paragraph, line, bold=bold, italic=italic, size=TABLE)


def _data_table(container, columns: list[Column], rows: list, total: list[str] | None):
    """A bordered table, 11 pt, its header bold and centred, ``total`` as a bold last row. A
    row is a dict, or ``("group", text)`` for a section's title across the table."""
    table = container.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    _cell_margins(table, Mm(1))
    for cell, column in zip(table.rows[0].cells, columns, strict=True):
        _cell_text(cell, column.header, bold=True, align=CENTER)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    _row_settings(table.rows[0], header=True)
    for row in rows:
        added = table.add_row()
        _row_settings(added)
        cells = added.cells
        if isinstance(row, tuple):  # ("group", "Kế hoạch … · Nhóm …")
            merged = cells[0].merge(cells[-1])
            _cell_text(merged, row[1], bold=True)
            merged.paragraphs[0].paragraph_format.keep_with_next = True  # with its first row
            continue
        for cell, column in zip(cells, columns, strict=True):
            italic = bool(column.italic and column.italic(row))
            _cell_text(cell, column.value(row), italic=italic, align=column.align)
    if total is not None:
        added = table.add_row()
        _row_settings(added)
        for cell, text, column in zip(added.cells, total, columns, strict=True):
            _cell_text(cell, text, bold=True, align=column.align)
    _fixed(table, _widths([column.weight for column in columns]))
    # Space after the table: an empty, small paragraph (Word puts none after a table)
    spacer = container.add_paragraph()
    spacer.paragraph_format.space_after = Pt(2)
    spacer.paragraph_format.line_spacing = Pt(6)
    return table


# --- The header ------------------------------------------------------------------------------


def _header(body: _Body, report: Report, ctx: dict) -> None:
    """The two columns of NĐ30: the issuing body and the number on the left; the Quốc hiệu,
    the Tiêu ngữ and the place and date on the right. Then "BÁO CÁO", the subject and
    "Kính gửi"."""
    if not report.issued:
        body.para(_("DỰ THẢO"), bold=True, size=Pt(12), align=RIGHT_ALIGN, after=2)
    table = body.container.add_table(rows=1, cols=2)
    _layout(table)
    right_width = TEXT_WIDTH - HEAD_LEFT
    _fixed(table, [HEAD_LEFT, right_width])
    agency, nation = (_Body(cell, cell=True) for cell in table.rows[0].cells)
    compact = {"indent": False, "align": CENTER, "after": 0}
    if report.parent_body:
        agency.para(report.parent_body.upper(), size=Pt(12), **compact)
    agency.para(report.issuing_body.upper(), bold=True, size=Pt(12), **compact)
    _rule(agency, HEAD_LEFT, Mm(22))
    number = report.number or "      /BC-SKHCN"
    number_line = agency.para(f"{_('Số:')} {number}", size=BODY, **compact)
    for text in number_line._p.iter(qn("w:t")):  # the blank before "/BC-…" is for the number
        text.set(qn("xml:space"), "preserve")
    nation.para("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=Pt(12), **compact)
    nation.para("Độc lập - Tự do - Hạnh phúc", bold=True, size=Pt(13.5), **compact)
    _rule(nation, right_width, Mm(55))  # as long as the Tiêu ngữ
    date = nation.para(ctx["place_and_date"], italic=True, size=Pt(13.5), **compact)
    date.paragraph_format.space_before = Pt(4)

    body.para(_("BÁO CÁO"), bold=True, size=Pt(14), align=CENTER, before=14, after=0)
    body.para(report.summary, bold=True, size=Pt(14), align=CENTER, after=0)
    _rule(body, TEXT_WIDTH, Mm(50), before=4)
    if report.recipient:
        to = body.para(align=CENTER, after=10)
        run(to, f"{_('Kính gửi:')} {report.recipient}.")


# --- The sections ----------------------------------------------------------------------------


def _sections(body: _Body, report: Report, ctx: dict) -> None:
    """I. Kết quả thực hiện (with its "Đánh giá chung" when written), II. Khó khăn, vướng mắc,
    III. Kiến nghị, đề xuất and, when written, IV. Nhiệm vụ kỳ tới."""
    data = ctx["data"]
    body.para(
        _(
            "Căn cứ số liệu cập nhật trên Cổng theo dõi kế hoạch ứng dụng công nghệ thông tin "
            "đến ngày %(date)s, kết quả thực hiện %(period)s như sau:"
        )
        % {"date": dmy(data["today"]), "period": data["period"]["label"]}
    )
    numbered = _Numbering(body)
    numbered.section(_("Kết quả thực hiện"))
    numbered.part(_("Tình hình chung"))
    _general(body, data)
    if data.get("provinces"):
        numbered.part(_("Kết quả theo tỉnh, thành phố"))
        _provinces(body, data["provinces"], ctx["stage_labels"])
    else:
        numbered.part(_("Tình hình thực hiện các dự án, nhiệm vụ"))
        _projects(body, data)
    numbered.part(_("Kinh phí"))
    _money(body, data, ctx["stage_labels"])
    numbered.part(_("Thực hiện các chỉ tiêu"))
    _indicators(body, data)
    assessment = ctx.get("assessment", _lines(report.assessment))
    if assessment:
        numbered.part(_("Đánh giá chung"))
        _text(body, assessment)
    numbered.section(_("Khó khăn, vướng mắc"))
    _text(body, ctx["difficulties"])
    numbered.section(_("Kiến nghị, đề xuất"))
    _text(body, ctx["proposals"])
    next_tasks = ctx.get("next_tasks", _lines(report.next_tasks))
    if next_tasks:
        numbered.section(_("Nhiệm vụ kỳ tới"))
        _text(body, next_tasks)


class _Numbering:
    """Headings numbered as they come: I., II. … for sections, 1., 2. … for parts within."""

    def __init__(self, body: _Body):
        self.body, self.sections, self.parts = body, 0, 0

    def section(self, title: str) -> None:
        self.body.heading(f"{ROMAN[self.sections]}. {title}", level=1)
        self.sections, self.parts = self.sections + 1, 0

    def part(self, title: str) -> None:
        self.parts += 1
        self.body.heading(f"{self.parts}. {title}", level=2)


def _text(body: _Body, lines: list[str]) -> None:
    for line in lines:
        body.para(line)


def _general(body: _Body, data: dict) -> None:
    scope, figures = data["scope"], data["figures"]
    for plan in scope["plans"]:
        body.para(
            _("Kế hoạch số %(number)s ngày %(date)s: %(title)s.")
            % {"number": plan["number"], "date": dmy(plan["date"]), "title": plan["title"]},
            after=2,
        )
    if scope["plan_count"] > len(scope["plans"]):
        count = scope["plan_count"]
        more = ngettext("… trong tổng số %(n)s kế hoạch.", "… trong tổng số %(n)s kế hoạch.", count)
        body.para(more % {"n": count}, after=2)
    if scope["filter"]:
        body.para(f"{_('Báo cáo theo bộ lọc:')} {scope['filter']}.")
    body.para(
        _(
            "Tổng số %(projects)s dự án, nhiệm vụ thuộc %(plans)s kế hoạch; %(late)s dự án đã "
            "quá thời hạn thực hiện mà chưa hoàn thành. Tình trạng thực hiện:"
        )
        % {"projects": figures["projects"], "plans": figures["plans"], "late": figures["late"]},
        keep=True,
    )
    body.table(
        [
            Column(_("Tình trạng"), 60, lambda r: r["label"]),
            _num(_("Số dự án, nhiệm vụ"), 25, lambda r: str(r["count"])),
            _num(_("Tỷ lệ"), 15, lambda r: f"{r['share']}%"),
        ],
        figures["by_status"],
        total=[_("Cộng"), str(figures["projects"]), "100%" if figures["projects"] else ""],
    )
    if "unreported" in figures:
        body.para(
            _(
                "Đến ngày lập báo cáo, %(n)s dự án, nhiệm vụ đang thực hiện trong kỳ chưa gửi "
                "báo cáo tiến độ %(period)s."
            )
            % {"n": figures["unreported"], "period": data["period"]["label"]}
        )


def _provinces(body: _Body, provinces: list[dict], stage_labels: list[str]) -> None:
    body.unit(_("Đơn vị tiền: triệu đồng"))

    def name(row):
        if row.get("predecessors"):
            return f"{row['name']} ({_('gồm')} {', '.join(row['predecessors'])})"
        return row["name"]

    numbered = [{**row, "n": i} for i, row in enumerate(provinces, start=1)]
    body.table(
        [
            _centred(_("STT"), 6, lambda r: str(r["n"])),
            Column(_("Tỉnh, thành phố"), 28, name),
            _num(_("Kế hoạch"), 9, lambda r: str(r["plans"])),
            _num(_("Dự án"), 8, lambda r: str(r["projects"])),
            _num(_("Hoàn thành"), 10, lambda r: str(r["completed"])),
            *_stage_columns(stage_labels, 13),
        ],
        numbered,
    )


def _stage_columns(labels: list[str], weight: float) -> list[Column]:
    """Need, allocated and disbursed of a row, in triệu."""
    return [
        _num(label, weight, lambda row, stage=stage: trieu_or_dash(row[stage]))
        for label, stage in zip(labels, STAGES, strict=True)
    ]


def _disbursed(which: str):
    """A project's disbursement in the period (or cumulative) and its rate below it."""

    def value(row):
        money = (row.get("money") or {}).get(which)
        if not money:
            return ""
        rate = money.get("rate")
        shown = trieu_or_dash(money["disbursed"])
        return shown + (f"\n({percent(rate)})" if rate is not None else "")

    return value


def _projects(body: _Body, data: dict) -> None:
    rows = data.get("projects") or []
    if not rows:
        body.para(_("Không có dự án, nhiệm vụ trong phạm vi báo cáo."))
        return
    several = data["scope"]["plan_count"] > 1
    shown, heading = [], None
    for i, row in enumerate(rows, start=1):
        group = (row["plan"], row["group"])
        if group != heading and (row["group"] or several):
            parts = [row["plan"]] if several else []
            shown.append(("group", " · ".join([*parts, *([row["group"]] if row["group"] else [])])))
        heading = group
        shown.append({**row, "n": row["ref"] or str(i)})

    def result(row):
        if row["results"]:
            return f"{row['results']} ({row['report_period']})"
        if row["report_period"]:
            return f"({row['report_period']})"
        return _("Chưa báo cáo")

    columns = [
        _centred(_("STT"), 7, lambda r: r["n"]),
        Column(_("Dự án, nhiệm vụ"), 35, lambda r: r["name"]),
        Column(_("Đơn vị chủ trì"), 17, lambda r: r["agency"]),
        Column(_("Tình trạng"), 12, lambda r: r["status"]),
        _num(_("% hoàn thành"), 10, lambda r: "" if r["percent"] is None else f"{r['percent']}%"),
        Column(
            _("Kết quả (báo cáo đã duyệt gần nhất trong kỳ)"),
            19,
            result,
            italic=lambda r: not r["results"],
        ),
    ]
    # The money of each project, once the content carries it: a column each for the period's
    # and the cumulative disbursement, the rate beneath (the widths are shares: the others
    # narrow to make room)
    if any("money" in row for row in rows):
        columns.append(_num(_("Giải ngân trong kỳ (tỷ lệ)"), 11, _disbursed("period")))
    if any((row.get("money") or {}).get("cumulative") for row in rows):
        columns.append(_num(_("Giải ngân lũy kế (tỷ lệ)"), 11, _disbursed("cumulative")))
    if len(columns) > 6:
        body.unit(_("Đơn vị tiền: triệu đồng"))
    body.table(columns, shown)


def _money(body: _Body, data: dict, stage_labels: list[str]) -> None:
    """As the page: a sentence when the period has no money, else the totals (the need only
    when there is one), the period beside the cumulative, by year (more than one) and source."""
    money, period = data["money"], data["period"]
    total, words = money["total"], money["words"]
    cumulative = money.get("cumulative")
    if money.get("lines") == 0:
        text = _("Không có số liệu kinh phí của %(period)s.") % {"period": period["label"]}
        body.para(text)
        if cumulative:
            _period_and_cumulative(body, data, cumulative)
        return
    if period.get("money_year"):
        body.para(
            _("Kinh phí được bố trí theo năm: số liệu kinh phí dưới đây là của năm %(year)s.")
            % {"year": period["money_year"]}
        )
    paragraph = body.para()
    leads = (_("Tổng nhu cầu kinh phí:"), _("đã bố trí:"), _("đã giải ngân:"))
    shown = [(s, lead) for s, lead in zip(STAGES, leads, strict=True) if s != "need" or total[s]]
    if not total["need"]:
        run(paragraph, _("Kinh phí") + " ")
    for i, (stage, lead) in enumerate(shown):
        run(paragraph, ("; " if i else "") + f"{lead} ")
        run(paragraph, f"{trieu(total[stage])} {_('triệu đồng')}", bold=True)
        if total[stage]:
            run(paragraph, f" ({_('Bằng chữ:')} {words[stage]})", italic=True)
    if money["rate"]:
        run(paragraph, ", " + _("đạt %(rate)s số vốn đã bố trí") % {"rate": percent(money["rate"])})
    run(paragraph, ".")

    if cumulative:
        _period_and_cumulative(body, data, cumulative)
    label = _("Tổng cộng")
    totals = [trieu_or_dash(total[s]) for s in STAGES]
    if len(money["by_year"]) > 1:
        body.unit(_("Đơn vị: triệu đồng"))
        body.table(
            [
                _centred(_("Năm"), 34, lambda r: r["label"]),
                *_stage_columns(stage_labels, 22),
            ],
            money["by_year"],
            total=[label, *totals],
        )
    body.unit(_("Đơn vị: triệu đồng"))
    body.table(
        [
            Column(_("Nguồn vốn · loại vốn"), 40, lambda r: r["label"]),
            *_stage_columns(stage_labels, 20),
        ],
        money["by_source"],
        total=[label, *totals],
    )


def _period_and_cumulative(body: _Body, data: dict, cumulative: dict) -> None:
    """Need, allocated, disbursed and the rate, the period's beside the cumulative."""
    money = data["money"]
    period = {**money["total"], "rate": money["rate"]}
    rows = [
        {
            "label": label,
            "period": trieu_or_dash(period[s]),
            "cumulative": trieu_or_dash(cumulative.get(s)),
        }
        for label, s in zip(
            (_("Nhu cầu kinh phí"), _("Đã bố trí"), _("Đã giải ngân")), STAGES, strict=True
        )
    ]
    period_label = _("Kỳ báo cáo (%(period)s)") % {"period": data["period"]["label"]}
    cumulative_label = data["period"].get("cumulative_label") or _("Lũy kế")
    rows.append(
        {
            "label": _("Tỷ lệ giải ngân so với vốn đã bố trí"),
            "period": percent(period["rate"]),
            "cumulative": percent(cumulative.get("rate")),
        }
    )
    body.unit(_("Đơn vị: triệu đồng"))
    body.table(
        [
            Column(_("Nội dung"), 40, lambda r: r["label"]),
            _num(period_label, 30, lambda r: r["period"]),
            _num(cumulative_label, 30, lambda r: r["cumulative"]),
        ],
        rows,
    )


def _indicators(body: _Body, data: dict) -> None:
    if data.get("indicator_counts"):
        body.table(
            [
                Column(_("Đánh giá"), 70, lambda r: r["label"]),
                _num(_("Số chỉ tiêu"), 30, lambda r: str(r["count"])),
            ],
            data["indicator_counts"],
        )
        return
    rows = data.get("indicators") or []
    if not rows and data["scope"]["national"]:
        body.para(_("Không có chỉ tiêu trong phạm vi báo cáo."))
        return
    if not rows:
        body.para(
            _("Không có chỉ tiêu nào có mục tiêu hoặc số liệu đến hạn trước ngày %(date)s.")
            % {"date": dmy(data["period"]["end"])}
        )
        return

    def with_year(value, year):
        return f"{value} ({year})" if year else str(value or "")

    columns = [
        _centred(_("STT"), 9, lambda r: r["n"]),
        Column(_("Chỉ tiêu"), 35, lambda r: r["name"]),
        _centred(_("Cơ sở"), 10, lambda r: with_year(r["baseline"], r["baseline_year"])),
        _centred(
            pgettext("chỉ tiêu", "Mục tiêu"), 10, lambda r: with_year(r["target"], r["target_year"])
        ),
        _centred(_("Thực hiện"), 12, lambda r: with_year(r["actual"], dmy(r["actual_date"]))),
        _num(_("Mức đạt"), 8, lambda r: "" if r["percent"] is None else f"{r['percent']}%"),
        Column(_("Đánh giá"), 16, lambda r: r["achievement"]),
    ]
    if any("unit" in row for row in rows):
        columns.insert(2, _centred(_("Đơn vị tính"), 9, lambda r: r.get("unit") or ""))
    body.table(columns, [{**row, "n": row["ref"] or str(i)} for i, row in enumerate(rows, 1)])


# --- The closing and the annex ---------------------------------------------------------------


def _closing(body: _Body, report: Report, ctx: dict) -> None:
    """The last sentence, then "Nơi nhận:" (12 pt bold italic, its list 11 pt) on the left and
    the signer on the right, kept on one page."""
    body.para(
        _("Trên đây là báo cáo kết quả thực hiện %(period)s, kính báo cáo để xem xét, chỉ đạo./.")
        % {"period": ctx["data"]["period"]["label"]},
        keep=True,
    )
    table = body.container.add_table(rows=1, cols=2)
    _layout(table)
    left = Mm(75)
    _fixed(table, [left, TEXT_WIDTH - left])
    _row_settings(table.rows[0])
    to_list, signer = (_Body(cell, cell=True) for cell in table.rows[0].cells)
    flush = {"indent": False, "align": WD_ALIGN_PARAGRAPH.LEFT, "after": 0}
    to_list.para(_("Nơi nhận:"), bold=True, italic=True, size=Pt(12), before=6, **flush)
    for line in ctx["recipients"]:
        to_list.para(line, size=TABLE, **flush)
    centred = {"indent": False, "align": CENTER, "after": 0}
    for i, line in enumerate(ctx["signer_lines"]):
        signer.para(line.upper(), bold=True, before=6 if i == 0 else 0, **centred)
    name = signer.para(report.signer_name, bold=True, **centred)
    name.paragraph_format.space_before = Pt(62)  # room for the signature and the seal


def _annex(body: _Body, checks: list[dict]) -> None:
    """The differences between the plans' stated totals and the portal's, on a page of its own."""
    page = body.para(indent=False, after=0)
    page.add_run().add_break(WD_BREAK.PAGE)
    body.para(_("PHỤ LỤC"), bold=True, align=CENTER, after=0)
    body.para(
        _("Chênh lệch giữa số liệu văn bản kế hoạch ghi và số liệu tính lại trên cổng"),
        italic=True,
        align=CENTER,
        after=8,
    )
    for plan in checks:
        body.heading(_("Kế hoạch số %(number)s") % {"number": plan["number"]}, level=2)
        if plan["rows"]:
            body.unit(_("Đơn vị: triệu đồng"))
            body.table(
                [
                    Column(
                        _("Số tổng"),
                        34,
                        lambda r: r["label"] + (f"\n{r['where']}" if r["where"] else ""),
                    ),
                    Column(_("Phạm vi"), 27, lambda r: r["scope"]),
                    _num(_("Văn bản ghi"), 13, lambda r: trieu(r["stated"])),
                    _num(_("Tính lại"), 13, lambda r: trieu(r["computed"])),
                    _num(_("Chênh lệch"), 13, lambda r: trieu(r["difference"])),
                ],
                plan["rows"],
            )
        for line in plan["anomalies"]:
            body.para(f"- {line}", after=2)
