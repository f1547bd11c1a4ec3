"""A seed table typed in one layout: first as a ``Sheet`` (cell values and merges), then as the
bytes of an .xlsx workbook (openpyxl) or a .docx document whose table holds the sheet's table
rows (python-docx)."""

import io
import random
from dataclasses import dataclass, field
from decimal import Decimal

from budgets.money import UNITS

from .layout import UNIT_NAMES, Layout
from .seeds import Key, Project, Table

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
LETTERS = "abcdefghiklmnopqrstuvxy"


@dataclass
class Sheet:
    name: str
    rows: list[list] = field(default_factory=list)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # 1-based, inclusive
    table: tuple[int, int] = (0, 0)  # first and last row of the table (header included)
    stated: int = 0  # how many amounts the total and subtotal rows state
    breaks: list[int] = field(default_factory=list)  # rows where the header is typed again
    # the totals typed wrong on purpose: {label of the row: computed minus stated, đồng}
    wrong: dict[str, int] = field(default_factory=dict)

    def add(self, values: dict[int, object] | None = None, width: int = 0) -> int:
        row = [None] * width
        for c, value in (values or {}).items():
            row[c] = value
        self.rows.append(row)
        return len(self.rows)

    def merge(self, r1, c1, r2, c2) -> None:  # 0-based columns in, 1-based stored
        if (r1, c1) != (r2, c2):
            self.merges.append((r1, c1 + 1, r2, c2 + 1))


# -- columns -----------------------------------------------------------------------------------
@dataclass
class Col:
    role: str  # ref, name, lead, period, estimate, money
    path: tuple[str, ...]
    key: Key | None = None


def columns(table: Table, layout: Layout) -> list[Col]:
    unit = f"({UNIT_NAMES[layout.unit]})"
    in_header = layout.unit_place != "line"
    money: list[Col] = []
    if table.has_estimates:
        path = (layout.word("estimate"),)
        money.append(Col("estimate", (f"{path[0]} {unit}",) if in_header else path))
    stages = {k[4] for k in table.keys}
    keys = table.keys
    if layout.key_seed:
        rng = random.Random(layout.key_seed)  # noqa: S311 - a shuffle, not a secret
        ranks: dict[object, float] = {}
        keys = sorted(keys, key=lambda k: tuple(ranks.setdefault(v, rng.random()) for v in k))
    for key in keys:
        year, source, sub, capital, stage = key
        levels = []
        if len(stages) > 1:
            levels.append(layout.word(stage))
        if year is not None:
            levels.append(layout.word("year").format(year))
        levels.append(layout.word(source))
        if sub:
            levels.append(sub)
        if capital != "unspecified":
            levels.append(layout.word(capital))
        if layout.header == "flat":
            levels = [" ".join(levels)]
        elif len(levels) < 4:
            levels.insert(0, layout.word("umbrella"))
        if in_header and (layout.header == "flat" or layout.unit_place == "column"):
            levels[-1] = f"{levels[-1]} {unit}"
        elif in_header:  # on the umbrella, or the top level if there is none
            levels[0] = f"{levels[0]} {unit}"
        money.append(Col("money", tuple(levels), key))
    text = [Col(role, (layout.word(role),)) for role in layout.text_order]
    at = min(layout.money_after, len(text))
    return [Col("ref", (layout.word("ref"),))] + text[:at] + money + text[at:]


# -- amounts -----------------------------------------------------------------------------------
def amount(dong: int | None, layout: Layout):
    """``dong`` written in the layout's unit and separators ("1.234,5", 1234.5 …)."""
    if dong is None:
        return None
    value = Decimal(dong) / UNITS[layout.unit]
    if layout.separator == "numeric":
        return int(value) if value == value.to_integral_value() else float(value)
    whole, _, fraction = format(value.normalize(), "f").partition(".")
    thousands, decimal = {"dot": (".", ","), "comma": (",", "."), "space": (" ", ",")}[
        layout.separator
    ]
    grouped = f"{int(whole):,}".replace(",", thousands)
    return f"{grouped}{decimal}{fraction}" if fraction else grouped


def total_of(projects: list[Project], col: Col, table: Table) -> int | None:
    """What a total row states in ``col`` for ``projects``: the sum of the column. Nothing in a
    column of no year beside columns of years of the same source and capital (Bình Định's): the
    reconciliation reads a total there as covering every year, not the column."""
    if col.role == "money" and col.key[0] is None:
        rest = col.key[1:]
        if any(k[1:] == rest and k[0] is not None for k in table.keys):
            return None
    if col.role == "estimate":
        values = [p.estimate for p in projects if p.estimate is not None]
    else:
        values = [p.lines[col.key] for p in projects if col.key in p.lines]
    return sum(values) if values else None


# -- the sheet ---------------------------------------------------------------------------------
def sheet(table: Table, layout: Layout) -> Sheet:
    cols = columns(table, layout)
    width = len(cols)
    at = {c.role: i for i, c in enumerate(cols) if c.role != "money"}
    out = Sheet(table.appendix or "Phụ lục")

    titles = [
        (table.appendix or "Phụ lục").upper(),
        "DANH MỤC CÁC DỰ ÁN, NHIỆM VỤ ỨNG DỤNG CÔNG NGHỆ THÔNG TIN",
        f"(Kèm theo Kế hoạch của Ủy ban nhân dân tỉnh giai đoạn {table.start_year} - "
        f"{table.end_year})",
    ]
    count = (
        layout.titles if layout.format == "xlsx" or not table.appendix else max(1, layout.titles)
    )
    for text in titles[:count]:
        r = out.add({0: text}, width)
        if layout.merged:
            out.merge(r, 0, r, width - 1)
    if layout.unit_place == "line":
        line = layout.word("unit_line").replace("triệu đồng", UNIT_NAMES[layout.unit])
        out.add({width - 1: line}, width)
    if out.rows:
        out.add({}, width)

    # header
    depth = max(len(c.path) for c in cols)
    top = len(out.rows) + 1
    for _level in range(depth):
        out.add({}, width)
    for i, col in enumerate(cols):
        for level, text in enumerate(col.path):
            out.rows[top - 1 + level][i] = text
        if len(col.path) < depth and layout.merged:
            last = top + len(col.path) - 1
            out.merge(last, i, top + depth - 1, i)
    if layout.merged:  # a parent over adjacent children with the same parent path: one cell
        for level in range(depth - 1):
            i = 0
            while i < width:
                j = i
                while (
                    j + 1 < width
                    and len(cols[i].path) > level + 1
                    and len(cols[j + 1].path) > level + 1
                    and cols[j + 1].path[: level + 1] == cols[i].path[: level + 1]
                ):
                    j += 1
                if j > i:
                    out.merge(top + level, i, top + level, j)
                    for k in range(i + 1, j + 1):
                        out.rows[top - 1 + level][k] = None
                i = j + 1
    else:  # typed once, over the first child
        for level in range(depth - 1):
            for i in range(width - 1, 0, -1):
                if (
                    len(cols[i].path) > level + 1
                    and len(cols[i - 1].path) > level + 1
                    and cols[i].path[: level + 1] == cols[i - 1].path[: level + 1]
                ):
                    out.rows[top - 1 + level][i] = None
    if layout.column_numbers:
        out.add({i: f"({i + 1})" for i in range(width)}, width)
    header_rows = [list(row) for row in out.rows[top - 1 :]]
    header_merges = [m for m in out.merges if m[0] >= top]

    def repeat_header() -> None:
        """The header again, as a table continued on the next page (or a Word table of its
        own) has it."""
        start = len(out.rows) + 1
        out.breaks.append(start)
        for row in header_rows:
            out.rows.append(list(row))
        for r1, c1, r2, c2 in header_merges:
            out.merges.append((r1 - top + start, c1, r2 - top + start, c2))

    def amounts_row(values: dict, projects: list[Project], *, wrong: str = "") -> int:
        """A total row; ``wrong``: its label, to state the first money column's sum one unit
        too high, as three of the five seed documents state a total their rows do not make."""
        for i, col in enumerate(cols):
            if col.role in ("estimate", "money"):
                dong = total_of(projects, col, table)
                if wrong and col.role == "money" and dong is not None and wrong not in out.wrong:
                    out.wrong[wrong] = -UNITS[layout.unit]
                    dong += UNITS[layout.unit]
                values[i] = amount(dong, layout)
                out.stated += values[i] is not None
        return out.add(values, width)

    def title_row(ref: str, title: str, projects: list[Project]) -> None:
        values = {at["ref"]: ref, at["name"]: title}
        if layout.subtotals == "group_row":
            r = amounts_row(values, projects)
        else:
            r = out.add(values, width)
        if layout.merged:  # the title over the empty text cells after it
            end = at["name"]
            while end + 1 < width and cols[end + 1].role in ("lead", "period"):
                end += 1
            out.merge(r, at["name"], r, end)

    def grand_total() -> None:
        label = "Tổng cộng"
        amounts_row({at["name"]: label}, table.projects, wrong=label if layout.wrong_total else "")

    if layout.total == "top":
        grand_total()
    groups = [g for g in table.groups if g.projects]
    if layout.groups == "flat":
        outer = [("", [(None, g) for g in groups])]
    elif layout.groups == "nested":
        half = (len(groups) + 1) // 2
        outer = [("A", list(enumerate(groups[:half]))), ("B", list(enumerate(groups[half:])))]
        outer = [(ref, inner) for ref, inner in outer if inner]
    else:
        outer = [("", list(enumerate(groups)))]
    number = 0
    middle = table.projects[len(table.projects) // 2]
    for outer_ref, inner in outer:
        if outer_ref:
            projects = [p for _i, g in inner for p in g.projects]
            title_row(outer_ref, f"Nhóm dự án {outer_ref}", projects)
        for position, group in inner:
            if position is not None and (group.title or len(groups) > 1):
                ref = ROMAN[position]
                title_row(ref, group.title or f"Nhóm {ref}", group.projects)
            if layout.numbering == "restart" and position is not None:
                number = 0
            for project in group.projects:
                if layout.repeated_header and project is middle:
                    repeat_header()  # a page break before the middle project
                number += 1
                ref = {
                    "restart": str(number),
                    "continuous": str(number),
                    "dash": "-",
                    "plus": "+",
                    "letter": f"{LETTERS[(number - 1) % len(LETTERS)]})",
                }[layout.numbering]
                values = {
                    at["ref"]: ref,
                    at["name"]: project.name,
                    at["lead"]: project.lead or None,
                    at["period"]: project.period or None,
                }
                for i, col in enumerate(cols):
                    if col.role == "estimate":
                        values[i] = amount(project.estimate, layout)
                    elif col.role == "money":
                        values[i] = amount(project.lines.get(col.key), layout)
                out.add(values, width)
            if layout.note_rows:
                out.add(
                    {at["name"]: "Ghi chú: kinh phí các dự án trên được bố trí theo tiến độ."},
                    width,
                )
            if layout.subtotals == "after" and position is not None:
                amounts_row({at["name"]: f"Cộng ({ROMAN[position]})"}, group.projects)
            if layout.blank_rows:
                out.add({}, width)
    if layout.blank_rows and out.rows[-1] == [None] * width:
        out.rows.pop()
    if layout.total == "bottom":
        grand_total()
    out.table = (top, len(out.rows))

    if layout.signature:
        out.add({}, width)
        out.add({0: "Ghi chú: Danh mục và kinh phí các dự án nêu trên chỉ là dự kiến."}, width)
        sign = min(width - 1, at["name"] + 2)
        out.add({0: "Nơi nhận:", sign: "TM. ỦY BAN NHÂN DÂN"}, width)
        out.add({0: "- Như Điều 3;", sign: "KT. CHỦ TỊCH"}, width)
        out.add({0: "- Lưu: VT.", sign: "PHÓ CHỦ TỊCH"}, width)
        out.add({sign: "Nguyễn Văn An"}, width)
    return out


# -- files -------------------------------------------------------------------------------------
def xlsx(sheets: list[Sheet]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for s in sheets:
        ws = workbook.create_sheet(s.name[:31])
        for row in s.rows:
            ws.append(row)
        for r1, c1, r2, c2 in s.merges:
            ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def docx(sheets: list[Sheet]) -> bytes:
    """A Word document: each sheet's lines above and under its table as paragraphs, its table
    rows as a Word table with the same merges."""
    from docx import Document

    document = Document()
    for s in sheets:
        first, last = s.table
        for row in s.rows[: first - 1]:
            document.add_paragraph("\t".join(str(v) for v in row if v is not None))
        # a repeated header starts a Word table of its own, as a table continued on the next
        # page of a decision is typed
        starts = [first, *s.breaks, last + 1]
        for begin, end in zip(starts, starts[1:], strict=False):
            if begin != first:
                document.add_paragraph("")
            _table(document, s, begin, end - 1)
        for row in s.rows[last:]:
            document.add_paragraph("\t".join(str(v) for v in row if v is not None))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _table(document, s: Sheet, first: int, last: int) -> None:
    width = len(s.rows[0])
    grid = document.add_table(rows=last - first + 1, cols=width)
    grid.style = "Table Grid"
    cells = [row.cells for row in grid.rows]  # Table.cell() re-reads the grid each call
    for r in range(first, last + 1):
        for c, value in enumerate(s.rows[r - 1]):
            if value is not None:
                cells[r - first][c].text = str(value)
    for r1, c1, r2, c2 in s.merges:
        if first <= r1 and r2 <= last:
            a, b = cells[r1 - first][c1 - 1], cells[r2 - first][c2 - 1]
            text = a.text
            a.merge(b).text = text
