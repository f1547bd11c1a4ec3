"""Reading an appendix table as typed into the projects, groups, budget lines and stated totals
it describes, with every problem pinned to its sheet, row and column.

Nothing here touches the database except to read the plan's agencies and projects; writing is
``itplan.appendix.write``'s job, after the user has seen this preview.
"""

import math
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from budgets.models import CapitalType, Source, Stage
from budgets.money import UNIT_LABELS, parse_money, to_dong, with_unit
from budgets.reconciliation import (
    LineSum,
    Rows,
    Scope,
    figure,
    grouped_estimates,
    grouped_lines,
    totals,
)
from projects.models import Plan, Project
from projects.periods import YEAR_MAX, YEAR_MIN, parse_period
from provinces.agencies import AgencyIndex
from provinces.text import fold

from .columns import Column, Money, classify, describe, unit_in
from .workbook import Grid

HEADER_SEARCH_ROWS = 40
ROMAN = re.compile(r"^(?=[ivxlc])(c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})\.?$")
# "Cộng", "Cộng I", "Tổng cộng", "Tổng vốn đầu tư phát triển" — but not "Cổng thông tin" (which
# folds to "cong thong tin") nor "Tổng hợp …".
TOTAL_LABEL = re.compile(
    r"^cong(\s*\(?\s*(nhom|phan)?\s*([ivx]+|\d+)\s*\)?)?\s*:?$"
    r"|^tong(\s+(cong|so|von|kinh phi|nhu cau|muc)\b.*)?\s*:?$"
)
LABEL_IN_REF = re.compile(r"^([IVXLC]+|\d+|[A-H])[.)]\s*(.+)$")
GROUP_LABEL = re.compile(r"^(noi dung|nhom|phan|chuong trinh)\s*(\d+|[ivx]+)?\s*[:.\-]?")
APPENDIX_TITLE = re.compile(r"^phu luc\s*(so\s*)?(\d+|[ivx]+)?\b")
STATUS_WORDS = [
    (r"hoan thanh|da thuc hien|da trien khai", Project.Status.COMPLETED),
    (r"dang (thuc hien|trien khai)", Project.Status.IN_PROGRESS),
    (r"chuan bi|da (duoc )?phe duyet", Project.Status.PREPARING),
    (r"tam (dung|ngung)", Project.Status.PAUSED),
    (r"huy|khong thuc hien", Project.Status.CANCELLED),
    (r"chua (thuc hien|trien khai)", Project.Status.NOT_STARTED),
]
SOURCE_CHOICES = {fold(str(label)): code for code, label in Source.choices}
CAPITAL_CHOICES = {fold(str(label)): code for code, label in CapitalType.choices}
STAGE_CHOICES = {fold(str(label)): code for code, label in Stage.choices}


@dataclass
class Problem:
    sheet: str
    row: int | None
    column: str
    message: str
    level: str = "error"  # "error" blocks the import; "warning" is shown and kept as written

    def __str__(self):
        where = []
        if self.row:
            where.append(_("Dòng %(row)s") % {"row": self.row})
        if self.column:
            where.append(_("cột %(column)s") % {"column": self.column})
        return f"{', '.join(where)}: {self.message}" if where else self.message

    def as_json(self) -> dict:
        return {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "message": self.message,
            "level": self.level,
        }


@dataclass
class Line:
    year: int | None
    source: str
    sub_source: str
    capital_type: str
    stage: str
    amount: int  # đồng
    column: int | None = field(default=None, compare=False)  # where the sheet wrote it

    def as_json(self) -> dict:
        return {
            "year": self.year,
            "source": self.source,
            "sub_source": self.sub_source,
            "capital_type": self.capital_type,
            "stage": self.stage,
            "amount": self.amount,
        }


@dataclass
class Group:
    row: int
    appendix: str
    ref: str
    title: str

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.appendix, self.ref, fold(self.title))

    def __str__(self):
        return " ".join(part for part in (self.ref, self.title) if part)


@dataclass
class ParsedProject:
    row: int
    ref: str
    name: str
    group: Group | None
    objective: str = ""
    scale: str = ""
    lead_agency: str = ""
    partners: str = ""
    period: str = ""
    status: str = Project.Status.NOT_STARTED
    estimate: int | None = None
    notes: str = ""
    lines: list[Line] = field(default_factory=list)
    existing_id: int | None = None  # a project of the plan with the same name

    def as_json(self) -> dict:
        return {
            "row": self.row,
            "ref": self.ref,
            "group": str(self.group) if self.group else "",
            "name": self.name,
            "lead_agency": self.lead_agency,
            "partners": self.partners,
            "period": self.period,
            "status": self.status,
            "estimate": self.estimate,
            "exists": self.existing_id is not None,
            "budget_lines": [line.as_json() for line in self.lines],
        }


@dataclass
class StatedRow:
    """A subtotal or total the sheet states, with what the sheet's own rows add up to."""

    row: int
    label: str
    column: Column
    money: Money
    amount: int
    group: Group | None
    appendix: str
    measure: str = "budget"  # or "estimate": the sum of the projects' total column
    computed: int | None = None

    @property
    def difference(self) -> int | None:
        """Computed minus stated, as the plan's reconciliation reports it."""
        return None if self.computed is None else self.computed - self.amount

    @property
    def scope(self) -> Scope:
        """What the row covers, as the stated total it becomes will (groups by their key)."""
        return Scope(
            measure=self.measure,
            stage=self.money.stage or Stage.NEED,
            appendix=self.appendix,
            group=self.group.key if self.group else None,
            year=self.money.year,
            source=self.money.source,
            sub_source=self.money.sub_source,
            capital_type=self.money.capital_type,
        )

    @property
    def where(self) -> str:
        return _("Dòng %(row)s (“%(label)s”), cột %(column)s") % {
            "row": self.row,
            "label": self.label,
            "column": self.column.label,
        }

    def as_json(self) -> dict:
        return {
            "row": self.row,
            "label": self.label,
            "column": self.column.label,
            "group": str(self.group) if self.group else "",
            "measure": self.measure,
            "year": self.money.year,
            "source": self.money.source,
            "sub_source": self.money.sub_source,
            "capital_type": self.money.capital_type,
            "stage": self.money.stage or Stage.NEED,
            "stated": self.amount,
            "computed": self.computed,
            "difference": self.difference,
        }


@dataclass
class Defaults:
    """What to assume where the sheet does not say it (chosen by the user on upload)."""

    source: str = Source.LOCAL
    capital_type: str = CapitalType.UNSPECIFIED
    stage: str = Stage.NEED
    unit: str | None = None  # when the sheet declares none


@dataclass
class Preview:
    file_name: str
    sheet: str
    sheets: list[str]
    appendix: str = ""
    unit: str | None = None
    header_rows: tuple[int, int] | None = None
    columns: list[Column] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    projects: list[ParsedProject] = field(default_factory=list)
    stated: list[StatedRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    unknown_agencies: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "warning"]

    @property
    def importable(self) -> bool:
        return bool(self.projects) and not self.errors

    @property
    def lines(self) -> list[Line]:
        return [line for project in self.projects for line in project.lines]

    @property
    def existing(self) -> list[ParsedProject]:
        return [p for p in self.projects if p.existing_id is not None]

    def rows(self) -> Rows:
        """The rows the reconciliation computes from, as the import will write them: lines and
        estimates summed by appendix, group (by its key: groups of one key become one), year,
        source, capital type and stage."""
        lines = grouped_lines(
            LineSum(
                project.group.appendix if project.group else None,
                project.group.key if project.group else None,
                line.year,
                line.source,
                line.sub_source,
                line.capital_type,
                line.stage,
                line.amount,
            )
            for project in self.projects
            for line in project.lines
        )
        estimates = grouped_estimates(
            (
                project.group.appendix if project.group else None,
                project.group.key if project.group else None,
                project.estimate,
            )
            for project in self.projects
        )
        return Rows(lines, estimates)

    def computed_totals(self) -> dict:
        """What the plan page's reconciliation will show once imported, and the estimates."""
        rows = self.rows()
        return totals(rows) | {"estimate": sum(row.amount for row in rows.estimates)}

    def differences(self) -> list[StatedRow]:
        return [s for s in self.stated if s.difference]

    def as_json(self) -> dict:
        return {
            "file": self.file_name,
            "sheet": self.sheet,
            "appendix": self.appendix,
            "unit": self.unit,
            "projects": [p.as_json() for p in self.projects],
            "errors": [p.as_json() for p in self.errors],
            "warnings": [p.as_json() for p in self.warnings],
            "stated_totals": [s.as_json() for s in self.stated],
            "computed_totals": self.computed_totals(),
            "unknown_agencies": self.unknown_agencies,
        }


def pick_sheet(grids: list[Grid], name: str | None) -> Grid | None:
    """The sheet called ``name`` (ignoring case and accents), or the first with a header."""
    if name:
        return next((g for g in grids if fold(g.name) == fold(name)), None)
    return next((g for g in grids if find_header(g) is not None), grids[0] if grids else None)


def find_header(grid: Grid) -> int | None:
    """The 1-based row of the table header: the first row naming a name column among others."""
    for r, row in enumerate(grid.rows[:HEADER_SEARCH_ROWS], start=1):
        if len({_text(v) for v in row if _text(v)}) < 3:  # a title line, not a header
            continue
        for value in row:
            if isinstance(value, str) and classify(0, (value,)).kind == "name":
                return r
    return None


def parse(
    grid: Grid, plan: Plan, *, file_name: str, sheets: list[str], defaults: Defaults | None = None
) -> Preview:
    """The preview of importing ``grid`` into ``plan``."""
    return _Parser(grid, plan, file_name, sheets, defaults or Defaults()).run()


class _Parser:
    def __init__(
        self, grid: Grid, plan: Plan, file_name: str, sheets: list[str], defaults: Defaults
    ):
        self.grid, self.plan, self.defaults = grid, plan, defaults
        self.preview = Preview(file_name, grid.name, sheets)
        self.group: Group | None = None
        self.last: ParsedProject | None = None
        self.unsourced: dict[str, int] = {}  # money columns without a source: first row

    # -- problems ---------------------------------------------------------------------------
    def error(self, row, column, message, level="error"):
        label = column.label if isinstance(column, Column) else (column or "")
        self.preview.problems.append(Problem(self.grid.name, row, label, message, level))

    def warn(self, row, column, message):
        self.error(row, column, message, level="warning")

    # -- the table --------------------------------------------------------------------------
    def run(self) -> Preview:
        header = find_header(self.grid)
        if header is None:
            self.error(
                None,
                "",
                _(
                    "Không tìm thấy dòng tiêu đề của bảng trong %(rows)s dòng đầu của trang "
                    "“%(sheet)s”: cần một cột tên như “Tên dự án”, “Tên nhiệm vụ” hoặc “Nhiệm "
                    "vụ cụ thể”."
                )
                % {"rows": HEADER_SEARCH_ROWS, "sheet": self.grid.name},
            )
            return self.preview
        self.read_titles(header)
        depth, skip = self.header_depth(header)
        self.preview.header_rows = (header, header + depth - 1)
        self.columns = self.read_columns(header, depth)
        self.preview.columns = self.columns
        self.header_texts = {
            c: {
                _text(row[c])
                for row in self.grid.rows[header - 1 : header + depth - 1]
                if c < len(row) and _text(row[c])
            }
            for c in range(len(self.columns))
        }
        first_data = header + depth + skip
        self.check_unit(header, first_data)
        blank = False
        for r in range(first_data, len(self.grid.rows) + 1):
            if not any(_text(v) for v in self.grid.rows[r - 1]):
                blank = True
                continue
            if blank and self.preview.projects and not self.is_table_row(r):
                break  # notes and signatures under the table
            blank = False
            self.read_row(r)
        self.finish()
        return self.preview

    def read_titles(self, header: int) -> None:
        for row in self.grid.rows[: header - 1]:
            for value in row:
                if not isinstance(value, str):
                    continue
                text = value.strip()
                unit = unit_in(text)
                if unit and not self.preview.unit:
                    self.preview.unit = unit
                match = APPENDIX_TITLE.match(fold(text))
                if match and not self.preview.appendix and match.group(2):
                    self.preview.appendix = _("Phụ lục") + " " + match.group(2).upper()
        match = APPENDIX_TITLE.match(fold(self.grid.name))
        if not self.preview.appendix and match and match.group(2):
            self.preview.appendix = _("Phụ lục") + " " + match.group(2).upper()

    def header_depth(self, header: int) -> tuple[int, int]:
        """How many rows the header spans, and whether a row of column numbers follows."""
        name_col = next(
            c
            for c, v in enumerate(self.grid.rows[header - 1])
            if isinstance(v, str) and classify(0, (v,)).kind == "name"
        )
        depth = 1
        while header + depth <= len(self.grid.rows) and depth < 4:
            r = header + depth
            row = self.grid.rows[r - 1]
            if _is_numbering(row):
                return depth, 1
            below_name = _text(row[name_col] if name_col < len(row) else None)
            if below_name and below_name != _text(self.grid.rows[header - 1][name_col]):
                break  # a data row, or a group title merged across the name column
            if not any(_text(v) for v in row):
                break
            if any(isinstance(v, (int, float)) and not _looks_like_year(v) for v in row):
                break
            depth += 1
        return depth, 0

    def read_columns(self, header: int, depth: int) -> list[Column]:
        rows = [list(self.grid.rows[header - 1 + i]) for i in range(depth)]
        width = max(len(row) for row in rows)
        for row in rows:
            row.extend([None] * (width - len(row)))
        # A parent header typed once over its children (not merged) covers them.
        for level in range(depth - 1):
            for c in range(1, width):
                if (
                    not _text(rows[level][c])
                    and _text(rows[level + 1][c])
                    and _text(rows[level][c - 1])
                    and _text(rows[level + 1][c - 1])
                ):
                    rows[level][c] = rows[level][c - 1]
        columns = []
        for c in range(width):
            path: list[str] = []
            for level in range(depth):
                text = " ".join(_text(rows[level][c]).split())
                if text and (not path or path[-1] != text):
                    path.append(text)
            columns.append(classify(c, tuple(path)))
        if columns and not columns[0].path and not any(c.kind == "ref" for c in columns):
            columns[0].kind = "ref"  # the numbers column often has no header at all
        kinds = [c.kind for c in columns if c.kind and c.kind != "money"]
        for kind in set(kinds):
            if kinds.count(kind) > 1:  # the first of two "Nội dung" columns is the one
                for column in [c for c in columns if c.kind == kind][1:]:
                    column.kind = "scale" if kind == "name" else ""
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
            and (unit := _unit_word(row[c.index]))
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

    # -- rows -------------------------------------------------------------------------------
    def cell(self, r: int, column: Column | None, *, raw: bool = False):
        """The cell's value; a title merged across the row counts only in its first cell."""
        if column is None:
            return None
        if not raw and self.grid.copies.get((r, column.index + 1)) == r:
            return None
        row = self.grid.rows[r - 1]
        return row[column.index] if column.index < len(row) else None

    def text(self, r: int, kind: str) -> str:
        return _text(self.cell(r, self.col(kind)))

    def read_row(self, r: int) -> None:
        row = self.grid.rows[r - 1]
        if not any(_text(v) for v in row) or _is_numbering(row):
            return
        ref, name = self.text(r, "ref"), self.text(r, "name")
        name_col = self.col("name")
        if name_col and (r, name_col.index + 1) in self.grid.copies:
            if self.grid.copies[(r, name_col.index + 1)] < r:
                name = ""  # a name merged over two rows belongs to the row above
            elif ref and _text(self.cell(r, name_col, raw=True)) == ref:
                # "I. Các dự án …" typed in the TT cell and merged across the row
                match = LABEL_IN_REF.match(ref)
                ref, name = (match.group(1), match.group(2)) if match else ("", ref)
        folded_ref, folded_name = fold(ref), fold(name)
        if self.is_repeated_header(r):
            return
        label = folded_name or folded_ref
        if TOTAL_LABEL.match(label) and not self.text(r, "lead"):
            self.read_total(r, name or ref)
            return
        if self.is_group(r, folded_ref, folded_name):
            title = name
            if not ref:
                match = GROUP_LABEL.match(folded_name)
                ref = (match.group(2) or "").upper() if match else ""
            self.group = Group(r, self.preview.appendix, ref, title)
            self.preview.groups.append(self.group)
            self.last = None
            self.read_group_amounts(r)
            return
        if self.last is not None and self.continues(r, ref, name):
            self.continue_project(r, name)
            return
        if not name:
            if ref:
                self.error(
                    r,
                    self.col("name"),
                    _("Dòng có số thứ tự “%(ref)s” nhưng không có tên dự án, nhiệm vụ.")
                    % {"ref": ref},
                )
            elif self.has_money(r):
                self.error(
                    r,
                    "",
                    _(
                        "Dòng có số tiền nhưng không thuộc dự án nào (không có số thứ tự, tên và "
                        "không có dự án ở dòng trên)."
                    ),
                )
            else:
                self.warn(r, "", _("Dòng không có số thứ tự và tên: bỏ qua."))
            return
        self.read_project(r, ref, name)

    def is_table_row(self, r: int) -> bool:
        ref = self.text(r, "ref")
        return bool(ref and len(ref) <= 10) or self.is_repeated_header(r)

    def continues(self, r: int, ref: str, name: str) -> bool:
        """Whether the row carries on the project above: no reference (a cell broken over two
        rows, or a second funding line), or a page break's "-" before text that starts in
        lower case."""
        if self.text(r, "lead") and name:
            return False
        if not ref:
            return True
        return ref in ("-", "+") and name[:1].islower() and not self.has_money(r)

    def has_money(self, r: int) -> bool:
        return any(_text(self.cell(r, c)) for c in self.columns if c.kind == "money")

    def is_repeated_header(self, r: int) -> bool:
        """The header again, as tables broken over pages repeat it (merged or not)."""
        name_col = self.col("name")
        if name_col and name_col.path and self.text(r, "name") == name_col.path[0]:
            return True
        cells = [(c, _text(v)) for c, v in enumerate(self.grid.rows[r - 1]) if _text(v)]
        return bool(cells) and all(text in self.header_texts.get(c, ()) for c, text in cells)

    def is_group(self, r: int, ref: str, name: str) -> bool:
        if ROMAN.match(ref) or re.fullmatch(r"[a-h]\.?", ref):
            return bool(name)
        if not ref and GROUP_LABEL.match(name) and not self.text(r, "lead"):
            return True
        if (
            re.fullmatch(r"\d+\.?", ref)
            and name
            and not any(
                self.text(r, kind) for kind in ("lead", "period", "objective", "partners", "status")
            )
        ):
            # "1 Xây dựng cơ sở hạ tầng": a numbered heading whose items follow as "-" rows
            nxt = self.next_ref(r)
            return nxt in ("-", "+", "*") or bool(re.fullmatch(r"\d+\.\d+", nxt))
        return False

    def next_ref(self, r: int) -> str:
        for nr in range(r + 1, min(r + 4, len(self.grid.rows)) + 1):
            ref = self.text(nr, "ref")
            if ref or self.text(nr, "name"):
                return ref
        return ""

    def read_project(self, r: int, ref: str, name: str) -> None:
        project = ParsedProject(r, ref, name, self.group)
        project.objective = self.text(r, "objective")
        project.scale = self.text(r, "scale")
        project.lead_agency = self.text(r, "lead")
        project.partners = self.text(r, "partners")
        project.period = self.text(r, "period")
        project.notes = self.text(r, "notes")
        if status := self.text(r, "status"):
            project.status = self.read_status(r, status)
            if not project.status:
                project.status = Project.Status.NOT_STARTED
                project.notes = "\n".join(filter(None, [project.notes, status]))
        self.read_money(r, project)
        self.preview.projects.append(project)
        self.last = project

    def read_status(self, r: int, text: str) -> str:
        folded = fold(text)
        for code, label in Project.Status.choices:
            if folded == fold(str(label)):
                return code
        for pattern, code in STATUS_WORDS:
            if re.search(pattern, folded):
                return code
        self.warn(
            r,
            self.col("status"),
            _(
                "không hiểu tình trạng “%(text)s”: ghi là “Chưa thực hiện”, chép nguyên "
                "chữ vào ghi "
                "chú."
            )
            % {"text": text},
        )
        return ""

    def continue_project(self, r: int, name: str) -> None:
        """A row without reference after a project: its text continues the project's cells and
        its amounts are more funding lines of the same project."""
        project = self.last
        for kind in ("name", "objective", "scale", "lead", "partners", "period", "notes"):
            text = name if kind == "name" else self.text(r, kind)
            column = self.col(kind)
            if not text or (column and (r, column.index + 1) in self.grid.copies):
                continue
            attribute = {"lead": "lead_agency"}.get(kind, kind)
            current = getattr(project, attribute)
            setattr(project, attribute, f"{current} {text}".strip() if current else text)
        self.read_money(r, project, continuation=True)

    # -- money ------------------------------------------------------------------------------
    def amount(self, r: int, column: Column) -> int | None:
        """The cell's amount in đồng; None when empty; errors are reported here."""
        value = self.cell(r, column)
        if (r, column.index + 1) in self.grid.formula_gaps:
            self.error(
                r,
                column,
                _(
                    "ô chứa công thức chưa được tính giá trị; hãy mở tệp trong Excel, lưu "
                    "lại rồi tải"
                    " lên."
                ),
            )
            return None
        if (r, column.index + 1) in self.grid.copies:
            return None
        unit = column.unit or self.preview.unit or "trieu"
        if value is None or (isinstance(value, str) and value.strip() in ("", "-", "–", "x")):
            return None
        try:
            if isinstance(value, bool):
                raise ValueError(_("“%(value)s” không phải là số tiền") % {"value": value})
            if isinstance(value, float) and not math.isfinite(value):
                raise ValueError(_("“%(value)s” không phải là số tiền") % {"value": value})
            if isinstance(value, (int, float)):
                # to_dong refuses NaN, infinities, negatives, fractions of a đồng and amounts
                # of 10^15 đồng or more, each with a message naming the value
                return to_dong(Decimal(repr(value)), unit)
            text = " ".join(str(value).split())
            if unit != "ty" and re.fullmatch(r"\d{1,3}(,\d{3})+", text):
                # "8,000" in a table of triệu đồng is eight thousand: nobody plans to the
                # thousand đồng, and this document groups thousands with commas.
                text = text.replace(",", ".")
            return parse_money(text, unit)
        except ValueError as problem:
            self.error(r, column, str(problem))
            return None

    def row_money(self, r: int) -> Money:
        """What the row's own text cells say about its money: "Vốn TW", "Sự nghiệp", "2014"."""
        said = Money()
        if text := self.text(r, "source"):
            said = self.choice(r, "source", text, SOURCE_CHOICES, describe([text]))
        if text := self.text(r, "capital_type"):
            said = said.merged(
                self.choice(r, "capital_type", text, CAPITAL_CHOICES, describe([text]))
            )
        if text := self.text(r, "stage"):
            said = said.merged(self.choice(r, "stage", text, STAGE_CHOICES, describe([text])))
        if text := self.text(r, "year"):
            year = _year(text)
            if year is None or not YEAR_MIN <= year <= YEAR_MAX:
                self.error(
                    r,
                    self.col("year"),
                    _("“%(text)s” không phải là một năm (%(min)s–%(max)s).")
                    % {"text": text, "min": YEAR_MIN, "max": YEAR_MAX},
                )
            else:
                said = Money(year=year).merged(said)
        return said

    def choice(self, r, kind, text, choices, described: Money) -> Money:
        folded = fold(text)
        code = choices.get(folded)
        if kind == "source" and (code or described.source or described.capital_type):
            return Money(
                source=code or described.source,
                sub_source=described.sub_source,
                capital_type=described.capital_type,
            )
        if kind == "capital_type" and (code or described.capital_type):
            return Money(capital_type=code or described.capital_type)
        if kind == "stage" and (code or described.stage):
            return Money(stage=code or described.stage)
        self.error(r, self.col(kind), _("Không hiểu “%(text)s”.") % {"text": text})
        return Money()

    def read_money(self, r: int, project: ParsedProject, continuation: bool = False) -> None:
        said = self.row_money(r)
        values = {}
        for column in self.columns:
            if column.kind == "money":
                amount = self.amount(r, column)
                if amount is not None:
                    values[column.index] = amount
        totals = [c for c in self.columns if c.kind == "money" and c.money.total]
        parts = [c for c in self.columns if c.kind == "money" and not c.money.total]
        for column in totals:
            if column.index not in values:
                continue
            amount = values[column.index]
            if column.money.estimate and not continuation:
                project.estimate = amount
            inside = [
                c
                for c in parts
                if c.parent[: len(column.parent)] == column.parent and column.parent
            ]
            given = [
                values[c.index] for c in (inside if column.parent else parts) if c.index in values
            ]
            if given and column.parent and sum(given) != amount:
                self.warn(
                    r,
                    column,
                    _(
                        "tổng %(total)s khác tổng các cột thành phần %(sum)s; giữ cả hai như "
                        "bảng ghi."
                    )
                    % {"total": self.show(amount), "sum": self.show(sum(given))},
                )
            if not given and (column.parent or not parts):
                self.add_line(r, project, column, column.money, said, amount)
        for column in parts:
            if column.index in values:
                self.add_line(r, project, column, column.money, said, values[column.index])

    def add_line(self, r, project, column, money: Money, said: Money, amount: int) -> None:
        money = said.merged(money) if said.source or said.capital_type else money.merged(said)
        if not money.source:
            self.unsourced.setdefault(column.letter, r)
        year = money.year
        if year is not None and not self.plan.start_year <= year <= self.plan.end_year:
            self.warn(
                r,
                column,
                _(
                    "năm %(year)s nằm ngoài thời kỳ %(start)s–%(end)s của kế "
                    "hoạch; giữ như bảng ghi."
                )
                % {"year": year, "start": self.plan.start_year, "end": self.plan.end_year},
            )
        project.lines.append(
            Line(
                year=year,
                source=money.source or self.defaults.source,
                sub_source=money.sub_source,
                capital_type=money.capital_type or self.defaults.capital_type,
                stage=money.stage or self.defaults.stage,
                amount=amount,
                column=column.index,
            )
        )

    def show(self, amount: int) -> str:
        return with_unit(amount, self.preview.unit or "trieu")

    # -- totals and groups ------------------------------------------------------------------
    def read_total(self, r: int, label: str) -> None:
        group = self.group if fold(label).startswith("cong") else None
        self.stated_amounts(r, label, group)
        self.last = None

    def read_group_amounts(self, r: int) -> None:
        self.stated_amounts(r, self.group.title or self.group.ref, self.group)

    def stated_amounts(self, r: int, label: str, group: Group | None) -> None:
        said = self.row_money(r)
        # "Tổng vốn sự nghiệp": the row sums recurrent money, in every column
        named = describe([label]) if group is None else Money()
        for column in self.columns:
            if column.kind != "money":
                continue
            amount = self.amount(r, column)
            if amount is None:
                continue
            money = column.money.merged(said).merged(named).merged(self.assumed(column))
            scoped = named.source or named.capital_type
            measure = "estimate" if column.money.estimate and not scoped else "budget"
            self.preview.stated.append(
                StatedRow(r, label, column, money, amount, group, self.preview.appendix, measure)
            )

    def assumed(self, column: Column) -> Money:
        """What a stated amount in ``column`` covers where nothing says it: the stage the lines
        get; in a column of its own (not a "Tổng" column) also the source and capital type its
        lines get, so that its subtotal adds up that column's cells, here and once stored."""
        if column.money.total:
            return Money(stage=self.defaults.stage)
        return Money(
            source=self.defaults.source,
            capital_type=self.defaults.capital_type,
            stage=self.defaults.stage,
        )

    # -- after the last row -----------------------------------------------------------------
    def finish(self) -> None:
        preview = self.preview
        if self.unsourced:
            self.warn(
                min(self.unsourced.values()),
                ", ".join(self.unsourced),
                _(
                    "bảng không ghi nguồn vốn của các số tiền này: tính là “%(source)s”; "
                    "chọn nguồn "
                    "khác khi tải lên nếu không đúng."
                )
                % {"source": Source(self.defaults.source).label},
            )
        if not preview.projects and not preview.errors:
            self.error(None, "", _("Không tìm thấy dự án, nhiệm vụ nào dưới dòng tiêu đề."))
        for project in preview.projects:
            for problem in parse_period(project.period).problems:
                self.warn(project.row, self.col("period"), problem)
        rows = preview.rows()
        for stated in preview.stated:
            stated.computed = figure(rows, stated.scope)
            if stated.difference:
                self.warn(
                    stated.row,
                    stated.column,
                    _(
                        "“%(label)s” ghi %(stated)s, các dòng cộng lại được %(computed)s (chênh "
                        "%(diff)s); giữ số ghi trong văn bản."
                    )
                    % {
                        "label": stated.label,
                        "stated": self.show(stated.amount),
                        "computed": self.show(stated.computed),
                        "diff": self.show(abs(stated.difference)),
                    },
                )
        relate(preview, self.plan)
        names: dict[str, ParsedProject] = {}
        for project in preview.projects:
            key = (project.group.key if project.group else None, fold(project.name))
            if key in names:
                self.warn(
                    project.row,
                    self.col("name"),
                    _("trùng tên với dự án ở dòng %(row)s cùng nhóm.") % {"row": names[key].row},
                )
            names[key] = project


def relate(preview: Preview, plan: Plan) -> None:
    """Mark the projects ``plan`` already holds (same appendix, same name) and list the lead
    agencies the province does not know: what the database says about the file, as of now. A
    stored preview is related again before it is shown and again under the confirmation's lock.
    """
    appendix = preview.appendix
    existing = {
        fold(name): pk
        for pk, name in Project.objects.filter(plan=plan, group__appendix=appendix).values_list(
            "pk", "name"
        )
    }
    if not appendix:
        existing.update(
            {
                fold(name): pk
                for pk, name in Project.objects.filter(plan=plan, group__isnull=True).values_list(
                    "pk", "name"
                )
            }
        )
    for project in preview.projects:
        project.existing_id = existing.get(fold(project.name))
    index = AgencyIndex(plan.province)
    unknown = {
        p.lead_agency
        for p in preview.projects
        if p.lead_agency and index.find(p.lead_agency) is None
    }
    preview.unknown_agencies = sorted(unknown)


def _text(value) -> str:
    """A cell as text: numbers without ".0", Unicode composed (Word often pastes "ê" as "e"
    plus a combining mark), surrounding spaces removed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFC", str(value)).strip()


def _year(text: str) -> int | None:
    """The whole number a year cell holds ("2014", "2014,0"), or None: "nan", "1e309" and
    "2014,5" are no year."""
    try:
        number = Decimal(text.replace(",", "."))
    except InvalidOperation:
        return None
    if not number.is_finite() or number != number.to_integral_value():
        return None
    return int(number) if YEAR_MIN <= number <= YEAR_MAX else None


def _looks_like_year(value) -> bool:
    return isinstance(value, (int, float)) and YEAR_MIN <= value <= YEAR_MAX and value == int(value)


def _is_numbering(row: list) -> bool:
    """A row of column numbers under the header: 1, 2, 3 … or (1), (2), (3) …"""
    cells = [_text(v) for v in row if _text(v)]
    if len(cells) < 3:
        return False
    numbers = [c.strip("()") for c in cells]
    if not all(n.isdigit() for n in numbers):
        return False
    values = [int(n) for n in numbers]
    return values[0] <= 2 and values == sorted(values) and len(set(values)) == len(values)


def _unit_word(text: str) -> str | None:
    folded = fold(text)
    if re.search(r"\d\s*(ty|ti)( dong)?$", folded):
        return "ty"
    if re.search(r"\d\s*(trieu|tr)( dong)?$", folded):
        return "trieu"
    return None
