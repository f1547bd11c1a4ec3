"""Finding the table in a sheet: its header row, how deep the header is, what each column
holds, the appendix and unit in the titles above."""

import re
from dataclasses import replace

from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from budgets.models import Source
from budgets.money import UNIT_LABELS
from projects.names import document_numbers
from provinces.text import fold

from .columns import Column, ColumnMap, classify, unit_in
from .sheet import cell_text, is_numbering, looks_like_year, unit_word
from .vocabulary import PROVINCE_LEVEL
from .workbook import Grid

HEADER_SEARCH_ROWS = 40
SHOWN_ROWS = 6  # header rows shown for the clerk's mapping
SHOWN_COLUMNS = 40
APPENDIX_TITLE = re.compile(r"^phu luc\s*(so\s*)?(\d+|[ivx]+)?\b")


def pick_sheet(
    grids: list[Grid], name: str | None, columns: ColumnMap | None = None
) -> Grid | None:
    """The sheet called ``name`` (ignoring case and accents), or the first with a header."""
    if name:
        return next((g for g in grids if fold(g.name) == fold(name)), None)
    return next(
        (g for g in grids if find_header(g, columns) is not None), grids[0] if grids else None
    )


def find_header(grid: Grid, columns: ColumnMap | None = None) -> int | None:
    """The 1-based row of the table header: the first row naming a name column among others
    (by its words, or as ``columns`` says)."""
    for r, row in enumerate(grid.rows[:HEADER_SEARCH_ROWS], start=1):
        if len({cell_text(v) for v in row if cell_text(v)}) < 3:  # a title line, not a header
            continue
        if any(is_name(c, v, columns) for c, v in enumerate(row)):
            return r
    return None


def is_name(index: int, value, columns: ColumnMap | None) -> bool:
    """Whether the header cell ``value`` in column ``index`` names the name column."""
    if not isinstance(value, str):
        return False
    if columns and columns.names(index, value):
        return True
    if columns and index in columns.by_index:
        return False  # the clerk said this column is something else
    return classify(0, (value,)).kind == "name"


def header_rows(grid: Grid) -> tuple[int, list[list[str]]]:
    """Where a table's header seems to start and its first rows as typed (up to the first row
    that holds numbers), for the clerk to say which column is which when the words are not
    understood: the first row of three or more different texts."""
    start = next(
        (
            r
            for r, row in enumerate(grid.rows[:HEADER_SEARCH_ROWS], start=1)
            if len({cell_text(v) for v in row if cell_text(v)}) >= 3
        ),
        1,
    )
    shown = []
    for row in grid.rows[start - 1 : start - 1 + SHOWN_ROWS]:
        shown.append([cell_text(v)[:120] for v in row[:SHOWN_COLUMNS]])
        if any(isinstance(v, (int, float)) and not looks_like_year(v) for v in row):
            break  # a data row (or the column numbers): shown as the first row under the header
    return start, _trimmed(shown)


def _trimmed(rows: list[list[str]]) -> list[list[str]]:
    width = max((i + 1 for row in rows for i, text in enumerate(row) if text), default=0)
    return [(row + [""] * width)[:width] for row in rows]


class HeaderReader:
    """The parser's first stage: the titles, the header and the columns."""

    def read_titles(self, header: int) -> None:
        named = []  # (row, column, text) of the titles naming a document number
        for r, row in enumerate(self.grid.rows[: header - 1], start=1):
            for c, value in enumerate(row):
                if not isinstance(value, str):
                    continue
                text = value.strip()
                repeat = (r, c + 1) in self.grid.copies  # a merged title counts once
                if not repeat and (numbers := document_numbers(text)):
                    named.append((r, c, text, numbers))
                unit = unit_in(text)
                if unit and not self.preview.unit:
                    self.preview.unit = unit
                match = APPENDIX_TITLE.match(fold(text))
                if match and not self.preview.appendix and match.group(2):
                    self.preview.appendix = _("Phụ lục") + " " + match.group(2).upper()
        match = APPENDIX_TITLE.match(fold(self.grid.name))
        if not self.preview.appendix and match and match.group(2):
            self.preview.appendix = _("Phụ lục") + " " + match.group(2).upper()
        self.check_document(named)

    def check_document(self, named: list) -> None:
        """A warning where the titles name document numbers and none is the plan's: the file
        may be another plan's appendix ("Kèm theo Kế hoạch số 123/KH-UBND" for 2213/QĐ-UBND)."""
        own = set(document_numbers(self.plan.document_number))
        if not own or not named or any(own.intersection(n) for *_, n in named):
            return
        for r, c, text, _numbers in named:
            self.warn(
                r,
                get_column_letter(c + 1),
                _(
                    "tệp ghi “%(text)s”, không phải số hiệu của kế hoạch này "
                    "(%(plan)s): kiểm tra lại có đúng tệp của kế hoạch không."
                )
                % {"text": text[:200], "plan": self.plan.document_number},
            )

    def header_depth(self, header: int) -> tuple[int, int]:
        """How many rows the header spans, and whether a row of column numbers follows."""
        name_col = next(
            c for c, v in enumerate(self.grid.rows[header - 1]) if is_name(c, v, self.mapping)
        )
        depth = 1
        while header + depth <= len(self.grid.rows) and depth < 4:
            r = header + depth
            row = self.grid.rows[r - 1]
            if is_numbering(row):
                return depth, 1
            below_name = cell_text(row[name_col] if name_col < len(row) else None)
            if below_name and below_name != cell_text(self.grid.rows[header - 1][name_col]):
                break  # a data row, or a group title merged across the name column
            if not any(cell_text(v) for v in row):
                break
            if any(isinstance(v, (int, float)) and not looks_like_year(v) for v in row):
                break
            depth += 1
        return depth, 0

    def read_columns(self, header: int, depth: int) -> list[Column]:
        rows = [list(self.grid.rows[header - 1 + i]) for i in range(depth)]
        width = max(len(row) for row in rows)
        for row in rows:
            row.extend([None] * (width - len(row)))
        # A parent header typed once over its children (not merged) covers them; deepest
        # first, so that "Năm 2012" over "NSĐP" over "Vốn ĐTPT" | "Vốn SN" covers both.
        for level in reversed(range(depth - 1)):
            for c in range(1, width):
                if (
                    not cell_text(rows[level][c])
                    and cell_text(rows[level + 1][c])
                    and cell_text(rows[level][c - 1])
                    and cell_text(rows[level + 1][c - 1])
                ):
                    rows[level][c] = rows[level][c - 1]
        columns = []
        for c in range(width):
            path: list[str] = []
            for level in range(depth):
                text = " ".join(cell_text(rows[level][c]).split())
                if text and (not path or path[-1] != text):
                    path.append(text)
            columns.append(classify(c, tuple(path), self.mapping))
        if (
            columns
            and not columns[0].path
            and not columns[0].chosen
            and not any(c.kind == "ref" for c in columns)
        ):
            columns[0].kind = columns[0].role = columns[0].auto = "ref"  # often unheaded
        kinds = [c.kind for c in columns if c.kind and c.kind != "money"]
        for kind in set(kinds):
            if kinds.count(kind) > 1:  # the first of two "Nội dung" columns is the one…
                same = sorted(
                    (c for c in columns if c.kind == kind),
                    key=lambda c: (
                        not c.chosen,
                        bool(c.path) and fold(c.path[-1]).startswith("noi dung"),
                    ),
                )
                for column in same[1:]:  # …unless the clerk chose another, or "Tên dự án" follows
                    column.kind = column.role = "scale" if kind == "name" else ""
        _local_levels(columns)
        self.preview.chosen = {c.key: c.role for c in columns if c.chosen and c.path}
        self.preview.saved_used = bool(
            self.mapping.by_text
            and any(c.chosen and c.index not in self.mapping.by_index for c in columns)
        )
        return columns

    def col(self, kind: str) -> Column | None:
        return next((c for c in self.columns if c.kind == kind), None)

    def check_unit(self, header: int, first_data: int) -> None:
        money = [c for c in self.columns if c.kind == "money"]
        if not money or self.preview.unit or all(c.unit for c in money):
            return
        if self.defaults.unit:
            self.preview.unit = self.defaults.unit
            return
        written = {
            unit
            for row in self.grid.rows[first_data - 1 :]
            for c in money
            if c.index < len(row)
            and isinstance(row[c.index], str)
            and (unit := unit_word(row[c.index]))
        }
        if len(written) == 1:
            self.preview.unit = written.pop()
            self.warn(
                header,
                "",
                _(
                    "Bảng không ghi đơn vị tính; các ô ghi số tiền kèm “%(unit)s” nên các số không "
                    "ghi đơn vị cũng được hiểu là %(unit)s."
                )
                % {"unit": UNIT_LABELS[self.preview.unit]},
            )
            return
        self.error(
            header,
            "",
            _(
                "Bảng không ghi đơn vị tính của số tiền. Thêm một dòng “ĐVT: triệu đồng” "
                "(hoặc tỷ đồng, đồng) phía trên bảng, ghi đơn vị trong tiêu đề cột, hoặc "
                "chọn đơn vị khi tải lên."
            ),
        )


def _local_levels(columns: list[Column]) -> None:
    """ "Ngân sách tỉnh" alone is the province's budget, NSĐP without more: its level is kept as
    the sub-source only beside another level's column ("NS tỉnh" and "NS cấp xã")."""
    money = [c for c in columns if c.kind == "money" and c.money.source == Source.LOCAL]
    if {c.money.sub_source for c in money if c.money.sub_source} == {PROVINCE_LEVEL}:
        for column in money:
            if column.money.sub_source == PROVINCE_LEVEL:
                column.money = replace(column.money, sub_source="")
