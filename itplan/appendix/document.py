"""Reading the tables of an uploaded Word document (``.docx``) into the same grids a workbook
gives, so that a decision or plan typed in Word goes through the same parser as a sheet.

Each table of the document becomes a grid, headed by the few lines of text just above it (the
appendix's title and its "Đơn vị tính: …" line, which the parser reads as a sheet's titles).
A table continued on the next page as a second table of the same columns, with nothing but empty
lines (or "(tiếp theo)") between them, is read as one grid. Merged cells are repeated into every
cell they cover, with ``Grid.copies`` naming the repeats, as a workbook's merged ranges are.
Nested tables and the rest of the text are not read. Which grid holds the appendix is decided
as for a workbook's sheets: the first whose header the parser finds.
"""

import io
import re
import zipfile

import docx
from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from lxml import etree

from provinces.text import fold

from .workbook import MAX_COLUMNS, MAX_ROWS, ROW_LIMIT, BadFile, Grid, check_package

TITLE_LINES = 8  # the lines above a table kept as its titles
CONTINUED = re.compile(r"^\(?\s*(tiep( theo)?|continued)\s*\)?\.?$")
APPENDIX_NAME = re.compile(r"^phu luc\b\s*(so\s*)?(\d+|[ivx]+)?\b")
WHOLE_NUMBER = re.compile(r"[1-9]\d{0,14}")
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
P, TBL, TR, TC, SDT, SDT_CONTENT, CUSTOM_XML = (
    f"{{{W}}}{t}" for t in ("p", "tbl", "tr", "tc", "sdt", "sdtContent", "customXml")
)
TR_PR, TC_PR, GRID_BEFORE, GRID_AFTER, GRID_SPAN, V_MERGE = (
    f"{{{W}}}{t}" for t in ("trPr", "tcPr", "gridBefore", "gridAfter", "gridSpan", "vMerge")
)
T, TAB, BR, VAL, TYPE = (f"{{{W}}}{t}" for t in ("t", "tab", "br", "val", "type"))
# what the parser reads of a document: its paragraphs, rows and cells
PART_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(p|tr|tc)[\s/>]")


def read_document(name: str, content: bytes) -> list[Grid]:
    """The tables of a ``.docx`` as grids, or ``BadFile`` with a Vietnamese message."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        check_package(name, archive, "word/document.xml", _("văn bản Word (.docx)"))
        with archive.open("word/document.xml") as stream:
            _count_parts(name, stream)
    try:
        body = docx.Document(io.BytesIO(content)).element.body
    except Exception as error:  # python-docx raises many kinds for a damaged package
        raise BadFile(
            _("Tệp “%(name)s” bị hỏng hoặc không phải là văn bản Word (%(error)s).")
            % {"name": name, "error": type(error).__name__}
        ) from error
    grids: list[Grid] = []
    width = 0  # the columns of the last table read
    lines: list[str] = []  # the text since the last table
    for kind, item in _blocks(body):
        if kind == "p":
            lines.append(item)
            continue
        rows, copies, columns = _read_table(item)
        if not rows:
            continue
        if grids and _continues(lines) and columns == width:
            _append(grids[-1], rows, copies)
        else:
            titles = [[line] for line in lines if line][-TITLE_LINES:]
            grid = Grid(_name(titles, len(grids) + 1, grids))
            _append(grid, titles, {})
            _append(grid, rows, copies)
            grids.append(grid)
        width, lines = columns, []
        if len(grids[-1].rows) > ROW_LIMIT:
            raise BadFile(
                _("Bảng “%(table)s” của tệp “%(name)s” có hơn %(max)s dòng; hãy chia nhỏ tệp.")
                % {
                    "table": grids[-1].name,
                    "name": name,
                    "max": number_format(MAX_ROWS, force_grouping=True, use_l10n=True),
                }
            )
    if not grids:
        raise BadFile(
            _(
                "Văn bản “%(name)s” không có bảng nào: phụ lục cần là một bảng của Word (Chèn → "
                "Bảng), không phải các dòng chữ hay hình ảnh."
            )
            % {"name": name}
        )
    return grids


def _count_parts(name: str, stream) -> None:
    """``BadFile`` when the document holds more paragraphs, rows or cells than
    ``APPENDIX_MAX_CELLS``, counted in a streamed pass before anything parses it."""
    limit = settings.APPENDIX_MAX_CELLS
    count, tail = 0, b""
    while True:
        chunk = stream.read(1024 * 1024)
        buffer = tail + chunk
        cut = buffer.rfind(b"<") if chunk else len(buffer)
        count += len(PART_TAG.findall(buffer, 0, max(cut, 0)))
        tail = buffer[cut:] if cut > 0 else b""
        if count > limit:
            raise BadFile(
                _(
                    "Tệp “%(name)s” có hơn %(limit)s đoạn văn, dòng và ô bảng, quá giới hạn của "
                    "một phụ lục (có thể là tệp độc hại); tệp không được đọc."
                )
                % {"name": name, "limit": number_format(limit, force_grouping=True, use_l10n=True)}
            )
        if not chunk:
            return


def _blocks(parent):
    """The paragraphs (as text) and tables of the body in order, also inside content controls
    and custom XML; the tables inside a table's cells are not reached."""
    for child in _unwrapped(parent):
        if child.tag == P:
            yield "p", " ".join(_text(child).split())
        elif child.tag == TBL:
            yield "tbl", child


def _unwrapped(parent):
    """The children of ``parent``, those of a content control or custom XML element in its
    place (Word wraps paragraphs, tables, rows and cells in them)."""
    for child in parent.iterchildren():
        if child.tag == SDT:
            content = child.find(SDT_CONTENT)
            if content is not None:
                yield from _unwrapped(content)
        elif child.tag == CUSTOM_XML:
            yield from _unwrapped(child)
        else:
            yield child


def _read_table(table) -> tuple[list[list], dict[tuple[int, int], int], int]:
    """The table's rows on its grid of columns, a merged cell's value in each column and row
    it covers, where those repeats are (``{(row, column): top row}``, both from 0 here), and how
    many columns the table has (empty ones included: a continued table's "Ghi chú" may be)."""
    rows: list[list] = []
    columns = 0
    copies: dict[tuple[int, int], int] = {}
    tops: dict[int, int] = {}  # column → row where its vertically merged cell starts
    for r, tr in enumerate(row for row in _unwrapped(table) if row.tag == TR):
        if r >= ROW_LIMIT:
            rows.append(["…"])  # counted, not read: the caller refuses the table
            break
        properties = tr.find(TR_PR)
        row: list = [None] * min(_number(properties, GRID_BEFORE), MAX_COLUMNS)
        for tc in (cell for cell in _unwrapped(tr) if cell.tag == TC):
            c = len(row)
            if c >= MAX_COLUMNS:
                break
            properties = tc.find(TC_PR)
            span = max(_number(properties, GRID_SPAN, 1), 1)
            merge = properties.find(V_MERGE) if properties is not None else None
            if merge is not None and merge.get(VAL, "continue") == "continue" and c in tops:
                top = tops[c]
                above = rows[top]
                value = above[c] if c < len(above) else None
                row.extend([value] * span)
                for i in range(span):
                    copies[(r, c + i)] = top
                continue
            tops.update(dict.fromkeys(range(c, c + span), r))
            row.extend([_value(tc)] * span)
            for i in range(1, span):
                copies[(r, c + i)] = r
        del row[MAX_COLUMNS:]
        columns = max(columns, len(row) + _number(tr.find(TR_PR), GRID_AFTER))
        while row and row[-1] is None:
            row.pop()
        rows.append(row)
    return rows, copies, columns


def _number(properties, tag: str, default: int = 0) -> int:
    """The whole number ``w:val`` of a row's or cell's property, or ``default``."""
    element = properties.find(tag) if properties is not None else None
    value = element.get(VAL, "") if element is not None else ""
    return min(int(value), MAX_COLUMNS) if value.isdigit() else default


def _value(tc):
    """The cell's text, its paragraphs on separate lines; a whole number typed alone is read as
    the number, as a spreadsheet stores it ("2014", "12"); an empty cell is None."""
    text = "\n".join(_text(p) for p in tc.iterchildren(P)).strip()
    if not text:
        return None
    return int(text) if WHOLE_NUMBER.fullmatch(text) else text


# The text of every run of a paragraph, also of those python-docx's ``Paragraph.text`` leaves
# out: inside a smart tag (Word 2003 tagged places and dates), a tracked insertion, a field or a
# content control. Not a text box's (drawn elsewhere, and repeated in its fallback), nor deleted
# text. One XPath for the whole paragraph: a cell read run by run costs ten times as much.
TEXT = etree.XPath(
    ".//w:r[not(ancestor::w:txbxContent or ancestor::mc:Fallback or ancestor::w:del"
    " or ancestor::w:moveFrom)]/*[self::w:t or self::w:tab or self::w:br or self::w:cr"
    " or self::w:noBreakHyphen]",
    namespaces={"w": W, "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006"},
)


def _text(paragraph) -> str:
    """A paragraph's text as Word shows it: tabs, line breaks (not page breaks) and
    non-breaking hyphens as characters."""
    parts = []
    for node in TEXT(paragraph):
        tag = node.tag
        if tag == T:
            parts.append(node.text or "")
        elif tag == TAB:
            parts.append("\t")
        elif tag == BR:
            parts.append("" if node.get(TYPE) in ("page", "column") else "\n")
        elif tag.endswith("}cr"):
            parts.append("\n")
        else:
            parts.append("-")
    return "".join(parts)


def _continues(lines: list[str]) -> bool:
    """Whether the text between two tables lets the second carry on the first: nothing but
    empty lines or "(tiếp theo)"."""
    return not any(line and not CONTINUED.match(fold(line)) for line in lines)


def _append(grid: Grid, rows: list[list], copies: dict) -> None:
    offset = len(grid.rows)
    grid.rows.extend(rows)
    for (r, c), top in copies.items():
        grid.copies[(offset + r + 1, c + 1)] = offset + top + 1


def _name(titles: list[list], number: int, grids: list[Grid]) -> str:
    """A table's name: "Phụ lục 2" (or "Phụ lục") when the titles above it say so, else
    "Bảng 3" (its place among the document's tables)."""
    taken = {grid.name for grid in grids}
    for (line,) in titles:
        match = APPENDIX_NAME.match(fold(line))
        if match:
            name = " ".join([_("Phụ lục"), (match.group(2) or "").upper()]).strip()
            if name not in taken:
                return name
    return _("Bảng %(number)s") % {"number": number}
