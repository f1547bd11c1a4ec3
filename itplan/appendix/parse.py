"""Reading an appendix table as typed into the projects, groups, budget lines and stated totals
it describes, with every problem pinned to its sheet, row and column.

Nothing here touches the database except to read the plan's agencies and projects; writing is
``itplan.appendix.write``'s job, after the user has seen this preview.
"""

from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from budgets.models import Source
from budgets.reconciliation import figure
from projects.models import Plan
from projects.names import comparable
from projects.periods import parse_period

from .amounts import AmountReader
from .columns import Column, ColumnMap, classify
from .header import HEADER_SEARCH_ROWS, HeaderReader, find_header, header_rows, pick_sheet
from .levels import Levels
from .preview import (
    Defaults,
    Group,
    Line,
    ParsedProject,
    Preview,
    Problem,
    StatedRow,
    relate,
)
from .rows import RowReader
from .sheet import cell_text
from .workbook import Grid

__all__ = [
    "ColumnMap",
    "Defaults",
    "Group",
    "Line",
    "ParsedProject",
    "Preview",
    "Problem",
    "StatedRow",
    "find_header",
    "parse",
    "pick_sheet",
    "relate",
]


def parse(
    grid: Grid,
    plan: Plan,
    *,
    file_name: str,
    sheets: list[str],
    defaults: Defaults | None = None,
    columns: ColumnMap | None = None,
) -> Preview:
    """The preview of importing ``grid`` into ``plan``, its columns read from their headers
    except where ``columns`` says what they are."""
    return _Parser(grid, plan, file_name, sheets, defaults or Defaults(), columns).run()


class _Parser(HeaderReader, RowReader, AmountReader):
    def __init__(
        self,
        grid: Grid,
        plan: Plan,
        file_name: str,
        sheets: list[str],
        defaults: Defaults,
        columns: ColumnMap | None = None,
    ):
        self.grid, self.plan, self.defaults = grid, plan, defaults
        self.mapping = columns or ColumnMap()
        self.preview = Preview(file_name, grid.name, sheets)
        self.group: Group | None = None
        self.levels = Levels()
        self.grand_total_row: int | None = None  # a grand total under the projects
        self.last: ParsedProject | None = None
        self.unsourced: dict[str, int] = {}  # money columns without a source: first row
        self.outside_rows: dict[int, list[int]] = {}  # rows of amounts in a column of a year
        # outside the plan's period, by column

    # -- problems ---------------------------------------------------------------------------
    def error(self, row, column, message, level="error"):
        label = column.label if isinstance(column, Column) else (column or "")
        self.preview.problems.append(Problem(self.grid.name, row, label, message, level))

    def warn(self, row, column, message):
        self.error(row, column, message, level="warning")

    # -- the table --------------------------------------------------------------------------
    def run(self) -> Preview:
        width = max((len(row) for row in self.grid.rows[:HEADER_SEARCH_ROWS]), default=0)
        for index in sorted(i for i in self.mapping.by_index if i >= width):
            self.error(
                None,
                get_column_letter(index + 1),
                _("cột này được chọn nhưng bảng chỉ có đến cột %(last)s.")
                % {"last": get_column_letter(max(width, 1))},
            )
        header = find_header(self.grid, self.mapping)
        if header is None:
            self.preview.shown_from, self.preview.shown_rows = header_rows(self.grid)
            # what the words of the first of those rows say, as the clerk's starting choices
            self.preview.columns = [
                classify(c, (text,) if text else ())
                for c, text in enumerate(
                    self.preview.shown_rows[0] if self.preview.shown_rows else []
                )
            ]
            self.error(
                None,
                "",
                _(
                    "Không tìm thấy dòng tiêu đề của bảng trong %(rows)s dòng đầu của trang "
                    "“%(sheet)s”: cần một cột tên như “Tên dự án”, “Tên nhiệm vụ” hoặc “Nhiệm "
                    "vụ cụ thể”. Chọn cột nào là tên dự án, nhiệm vụ ở phần “Nhận cột” bên dưới."
                )
                % {"rows": HEADER_SEARCH_ROWS, "sheet": self.grid.name},
            )
            return self.preview
        self.read_titles(header)
        depth, skip = self.header_depth(header)
        self.preview.header_rows = (header, header + depth - 1)
        self.columns = self.read_columns(header, depth)
        self.preview.columns = self.columns
        self.preview.shown_from = header
        width = len(self.columns)
        self.preview.shown_rows = [
            ([cell_text(v)[:120] for v in row[:width]] + [""] * width)[:width]
            for row in self.grid.rows[header - 1 : header + depth - 1]
        ]
        self.header_texts = {
            c: {
                cell_text(row[c])
                for row in self.grid.rows[header - 1 : header + depth - 1]
                if c < len(row) and cell_text(row[c])
            }
            for c in range(len(self.columns))
        }
        first_data = header + depth + skip
        self.check_unit(header, first_data)
        blank = False
        for r in range(first_data, len(self.grid.rows) + 1):
            if not any(cell_text(v) for v in self.grid.rows[r - 1]):
                blank = True
                continue
            if blank and self.preview.projects and not self.is_table_row(r):
                break  # notes and signatures under the table
            if self.preview.projects and self.under_table(r):
                break
            if self.is_note_row(r):
                continue
            blank = False
            self.read_row(r)
        self.finish()
        return self.preview

    # -- after the last row -----------------------------------------------------------------
    def finish(self) -> None:
        preview = self.preview
        ungrouped = [p for p in preview.projects if p.group is None]
        if preview.appendix and ungrouped:
            # The appendix is a group's: projects under no group title go to an untitled group
            # of the appendix, so that its totals cover them here and once stored.
            untitled = Group(ungrouped[0].row, preview.appendix, "", "")
            preview.groups.append(untitled)
            for project in ungrouped:
                project.group = untitled
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
        self.check_years()
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
            key = (project.group.key if project.group else None, comparable(project.name))
            if key in names:
                self.warn(
                    project.row,
                    self.col("name"),
                    _("trùng tên với dự án ở dòng %(row)s cùng nhóm.") % {"row": names[key].row},
                )
            names[key] = project

    def check_years(self) -> None:
        """One warning for each money column whose header names a year outside the plan's
        period, at the header row that names it, with the rows of its amounts."""
        plan = self.plan
        for column in self.columns:
            year = column.money.year if column.money else None
            if year is None or plan.start_year <= year <= plan.end_year:
                continue
            row = self.header_row_naming(column, str(year))
            rows = self.outside_rows.get(column.index, [])
            shown = ", ".join(str(r) for r in rows[:5]) + ("…" if len(rows) > 5 else "")
            self.warn(
                row,
                column,
                (
                    _(
                        "năm %(year)s nằm ngoài thời kỳ %(start)s–%(end)s của kế hoạch; số tiền "
                        "của cột (dòng %(rows)s) giữ như bảng ghi."
                    )
                    if rows
                    else _(
                        "năm %(year)s nằm ngoài thời kỳ %(start)s–%(end)s của kế hoạch; cột "
                        "chưa có số tiền."
                    )
                )
                % {"year": year, "start": plan.start_year, "end": plan.end_year, "rows": shown},
            )

    def header_row_naming(self, column: Column, text: str) -> int:
        """The header row whose cell of ``column`` holds ``text`` (the first header row if
        none)."""
        first, last = self.preview.header_rows
        for r in range(first, last + 1):
            row = self.grid.rows[r - 1]
            if column.index < len(row) and text in cell_text(row[column.index]):
                return r
        return first
