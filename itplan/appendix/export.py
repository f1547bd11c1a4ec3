"""A plan back out to Excel in its appendix layout, and the blank template to fill in.

The layout is the one the importer reads: one sheet per appendix, title lines, a unit line, a
header of up to four rows ("Nhu cầu năm 2011" over "Ngân sách địa phương" over "Vốn ĐTPT"), group
rows with their subtotals, project rows, a grand total. Amounts are numbers, so the file adds up
in Excel and imports back to the same đồng.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from budgets.models import BudgetLine, CapitalType, Source, Stage
from budgets.money import to_unit
from budgets.reconciliation import reconcile
from projects.models import Plan, Project

THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="DDE7F0")
GROUP_FILL = PatternFill("solid", fgColor="F2F2F2")
WRAP = Alignment(wrap_text=True, vertical="top")
CENTER = Alignment(wrap_text=True, vertical="center", horizontal="center")
CAPITAL_HEADERS = {CapitalType.INVESTMENT: "Vốn ĐTPT", CapitalType.RECURRENT: "Vốn SN"}
SOURCE_HEADERS = {
    Source.CENTRAL: "Ngân sách trung ương",
    Source.LOCAL: "Ngân sách địa phương",
    Source.OTHER: "Vốn khác",
}
STAGE_HEADERS = {Stage.NEED: "Nhu cầu", Stage.ALLOCATED: "Bố trí", Stage.DISBURSED: "Giải ngân"}


@dataclass(frozen=True, order=True)
class Key:
    stage_order: int
    year: int
    source: str
    sub_source: str
    capital_type: str

    @classmethod
    def of(cls, line: BudgetLine) -> "Key":
        return cls(
            list(STAGE_HEADERS).index(line.stage),
            line.year or 0,
            line.source,
            line.sub_source,
            line.capital_type,
        )

    def header(self) -> list[str]:
        stage = list(STAGE_HEADERS.values())[self.stage_order]
        when = _("năm %(year)s") % {"year": self.year} if self.year else _("cả giai đoạn")
        levels = [f"{stage} {when}", SOURCE_HEADERS[self.source]]
        if self.sub_source:
            levels.append(self.sub_source)
        if self.capital_type in CAPITAL_HEADERS:
            levels.append(CAPITAL_HEADERS[self.capital_type])
        return levels


TEXT_COLUMNS = [
    ("ref", "TT", 6),
    ("name", "Tên dự án, nhiệm vụ", 45),
    ("objective", "Mục tiêu", 30),
    ("scale", "Quy mô, nội dung", 30),
    ("lead", "Đơn vị chủ trì", 22),
    ("partners", "Đơn vị phối hợp", 22),
    ("period", "Thời gian thực hiện", 12),
    ("status", "Tình trạng", 14),
    ("estimate", "Tổng mức đầu tư", 14),
]


def plan_workbook(plan: Plan) -> Workbook:
    """``plan`` as an Excel workbook in its appendix layout (one sheet per appendix) and a sheet
    of the stated totals against the computed sums."""
    projects = list(
        Project.objects.filter(plan=plan)
        .select_related("group", "lead_agency")
        .prefetch_related("budget_lines")
        .order_by("group__order", "order", "id")
    )
    amounts = [line.amount for p in projects for line in p.budget_lines.all()]
    amounts += [p.estimate for p in projects if p.estimate]
    unit = "trieu" if all(a % 1000 == 0 for a in amounts) else "dong"
    by_appendix: dict[str, list[Project]] = defaultdict(list)
    for project in projects:
        by_appendix[project.group.appendix if project.group else ""].append(project)
    book = Workbook()
    book.remove(book.active)
    tree = {group.pk: group for group in plan.groups.all()}  # the groups without projects too
    for appendix, rows in (by_appendix or {"": []}).items():
        _appendix_sheet(book, plan, appendix, rows, unit, tree)
    _reconciliation_sheet(book, plan)
    return book


def _appendix_sheet(book, plan, appendix, projects, unit, tree: dict) -> None:
    sheet = book.create_sheet((appendix or _("Phụ lục"))[:31])
    keys = sorted({Key.of(line) for p in projects for line in p.budget_lines.all()})
    depth = max((len(k.header()) for k in keys), default=1)
    width = len(TEXT_COLUMNS) + len(keys) + 1
    titles = [
        (appendix or _("Phụ lục")).upper(),
        plan.title,
        _("(Kèm theo văn bản số %(number)s ngày %(date)s)")
        % {"number": plan.document_number, "date": date_format(plan.issue_date, "d/m/Y")},
        _("ĐVT: triệu đồng") if unit == "trieu" else _("ĐVT: đồng"),
    ]
    for r, title in enumerate(titles, start=1):
        sheet.cell(r, 1, title).font = Font(bold=r <= 2, italic=r >= 3)
        sheet.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
        sheet.cell(r, 1).alignment = Alignment(horizontal="center" if r < 4 else "right")
    top = len(titles) + 2
    columns = [(label, size) for _kind, label, size in TEXT_COLUMNS]
    for c, (label, size) in enumerate(columns, start=1):
        _header(sheet, top, c, top + depth - 1, c, label)
        sheet.column_dimensions[get_column_letter(c)].width = size
    _money_headers(sheet, top, depth, len(columns) + 1, keys)
    notes_col = width
    _header(sheet, top, notes_col, top + depth - 1, notes_col, "Ghi chú")
    sheet.column_dimensions[get_column_letter(notes_col)].width = 24
    first_money = len(columns) + 1
    number_format = "#,##0.###" if unit == "trieu" else "#,##0"

    def money_row(r, estimate, sums):
        cell = sheet.cell(r, len(columns), _n(estimate, unit))
        cell.number_format = number_format
        for i, key in enumerate(keys):
            cell = sheet.cell(r, first_money + i, _n(sums.get(key), unit))
            cell.number_format = number_format

    r = top + depth
    grand: dict[Key, int] = defaultdict(int)
    grand_estimate = 0
    groups: dict = defaultdict(list)
    within: dict = defaultdict(list)  # each group's projects and its sub-groups'
    for project in projects:
        groups[project.group].append(project)
        if project.group is not None:
            for pk in (*project.group.ancestor_ids, project.group_id):
                within[pk].append(project)
    written: set[int] = set()
    for group, members in groups.items():
        sums, estimate = _sums(members)
        # the group's row, after those of the groups it lies in (each written once, with the
        # money of all the rows under it), its title indented by its depth
        chain = [tree[pk] for pk in group.ancestor_ids if pk in tree] if group else []
        for level in [*chain, group] if group is not None else []:
            if level.pk in written or not (level.ref or level.title):
                continue
            written.add(level.pk)
            sheet.cell(r, 1, level.ref)
            sheet.cell(r, 2, level.title or _("Nhóm %(ref)s") % {"ref": level.ref})
            level_sums, level_estimate = _sums(within[level.pk])
            money_row(r, level_estimate, level_sums)
            _style_row(sheet, r, width, bold=True, fill=GROUP_FILL)
            sheet.cell(r, 2).alignment = Alignment(
                wrap_text=True, vertical="top", indent=level.depth
            )
            r += 1
        for project in members:
            values = [
                project.ref,
                project.name,
                project.objective,
                project.scale,
                project.lead_agency.name if project.lead_agency else "",
                project.partners,
                project.period,
                project.get_status_display(),
            ]
            for c, value in enumerate(values, start=1):
                sheet.cell(r, c, value or None)
            money_row(r, project.estimate, _sums([project])[0])
            sheet.cell(r, notes_col, project.notes or None)
            _style_row(sheet, r, width)
            r += 1
        for key, amount in sums.items():
            grand[key] += amount
        grand_estimate += estimate or 0
    sheet.cell(r, 2, _("Tổng cộng"))
    money_row(r, grand_estimate or None, grand)
    _style_row(sheet, r, width, bold=True, fill=GROUP_FILL)
    sheet.freeze_panes = sheet.cell(top + depth, 3)
    sheet.print_title_rows = f"{top}:{top + depth - 1}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True


def _money_headers(sheet, top, depth, first, keys) -> None:
    """Header cells of the money columns, merging equal neighbours like the documents do."""
    levels = [key.header() for key in keys]
    for level in range(depth):
        c = 0
        while c < len(keys):
            text = levels[c][level] if level < len(levels[c]) else None
            end = c
            while (
                end + 1 < len(keys)
                and text is not None
                and level < len(levels[end + 1])
                and levels[end + 1][: level + 1] == levels[c][: level + 1]
            ):
                end += 1
            if text is not None:
                bottom = top + level if level + 1 < len(levels[c]) else top + depth - 1
                _header(sheet, top + level, first + c, bottom, first + end, text)
            c = end + 1
    for c in range(len(keys)):
        sheet.column_dimensions[get_column_letter(first + c)].width = 13


def _header(sheet, r1, c1, r2, c2, text) -> None:
    sheet.cell(r1, c1, text)
    if (r1, c1) != (r2, c2):
        sheet.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)
    for r in range(r1, r2 + 1):
        for c in range(c1, c2 + 1):
            cell = sheet.cell(r, c)
            cell.font, cell.fill, cell.alignment, cell.border = (
                Font(bold=True),
                HEADER_FILL,
                CENTER,
                BORDER,
            )


def _style_row(sheet, r, width, bold=False, fill=None) -> None:
    for c in range(1, width + 1):
        cell = sheet.cell(r, c)
        cell.border, cell.alignment = BORDER, WRAP
        if bold:
            cell.font = Font(bold=True)
        if fill:
            cell.fill = fill


def _sums(projects) -> tuple[dict, int | None]:
    sums: dict[Key, int] = defaultdict(int)
    for project in projects:
        for line in project.budget_lines.all():
            sums[Key.of(line)] += line.amount
    estimates = [p.estimate for p in projects if p.estimate is not None]
    return sums, (sum(estimates) if estimates else None)


def _n(amount: int | None, unit: str):
    """An amount in the sheet's unit, as a number Excel adds up (int when whole)."""
    if amount is None:
        return None
    value = to_unit(amount, unit)
    return int(value) if value == value.to_integral_value() else float(value)


def _reconciliation_sheet(book, plan) -> None:
    check = reconcile(plan)
    sheet = book.create_sheet(_("Đối chiếu"))
    sheet.append([_("Đối chiếu số tổng ghi trong văn bản với tổng tính từ các dòng (đồng)")])
    sheet.append([])
    header = [
        _("Số tổng"),
        _("Vị trí"),
        _("Phạm vi"),
        _("Văn bản ghi"),
        _("Tính từ các dòng"),
        _("Chênh lệch"),
    ]
    sheet.append(header)
    for c in range(1, len(header) + 1):
        cell = sheet.cell(3, c)
        cell.font, cell.fill, cell.border, cell.alignment = (
            Font(bold=True),
            HEADER_FILL,
            BORDER,
            CENTER,
        )
    for item in check.checks:
        sheet.append(
            [
                item.stated_total.label,
                item.stated_total.where,
                item.scope_label,
                item.stated_total.amount,
                item.computed,
                item.difference,
            ]
        )
        r = sheet.max_row
        for c in range(4, 7):
            sheet.cell(r, c).number_format = "#,##0"
        if item.difference:
            sheet.cell(r, 6).font = Font(bold=True, color="B00020")
    for anomaly in check.anomalies:
        sheet.append([anomaly])
    for letter, size in zip("ABCDEF", (30, 40, 40, 18, 18, 16), strict=True):
        sheet.column_dimensions[letter].width = size
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4


def template_workbook(plan: Plan) -> Workbook:
    """The blank appendix to fill in for ``plan``, one funding line per row, with lists to pick
    source, capital type, stage and status from, and a sheet of instructions."""
    book = Workbook()
    sheet = book.active
    sheet.title = _("Phụ lục")
    annual = plan.kind == Plan.Kind.ANNUAL
    columns = [label for _kind, label, _size in TEXT_COLUMNS]
    if not annual:
        columns.append("Năm")
    columns += ["Nguồn vốn", "Loại vốn", "Loại số liệu"]
    columns.append(
        _("Kinh phí năm %(year)s") % {"year": plan.start_year} if annual else _("Kinh phí")
    )
    columns.append("Ghi chú")
    sheet.append([_("PHỤ LỤC")])
    sheet.append([plan.title])
    sheet.append([_("(Kèm theo văn bản số %(number)s)") % {"number": plan.document_number}])
    sheet.append([_("ĐVT: triệu đồng")])
    sheet.append([])
    sheet.append(columns)
    widths = {label: size for _kind, label, size in TEXT_COLUMNS}
    for c, label in enumerate(columns, start=1):
        _header(sheet, 6, c, 6, c, label)
        sheet.column_dimensions[get_column_letter(c)].width = widths.get(label, 16)
    sheet.freeze_panes = "C7"

    lists = book.create_sheet(_("Danh mục"))
    choices = {
        "Nguồn vốn": Source.choices,
        "Loại vốn": CapitalType.choices,
        "Loại số liệu": Stage.choices,
        "Tình trạng": Project.Status.choices,
    }
    for c, (label, options) in enumerate(choices.items(), start=1):
        lists.cell(1, c, label)
        for r, (_code, text) in enumerate(options, start=2):
            lists.cell(r, c, str(text))
        letter = get_column_letter(c)
        target = get_column_letter(columns.index(label) + 1)
        validation = DataValidation(
            type="list",
            formula1=f"'{lists.title}'!${letter}$2:${letter}${len(options) + 1}",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=_("Giá trị không có trong danh mục"),
            error=_("Hãy chọn một giá trị trong danh sách."),
        )
        validation.add(f"{target}7:{target}5000")
        sheet.add_data_validation(validation)
    if not annual:
        year_col = get_column_letter(columns.index("Năm") + 1)
        years = DataValidation(
            type="whole",
            operator="between",
            formula1=str(plan.start_year),
            formula2=str(plan.end_year),
            allow_blank=True,
            showErrorMessage=True,
            error=_("Năm phải trong thời kỳ %(start)s–%(end)s của kế hoạch.")
            % {"start": plan.start_year, "end": plan.end_year},
        )
        years.add(f"{year_col}7:{year_col}5000")
        sheet.add_data_validation(years)
    lists.sheet_state = "hidden"

    guide = book.create_sheet(_("Hướng dẫn"))
    for line in _guide(plan, annual):
        guide.append([line])
    guide.column_dimensions["A"].width = 120
    return book


def _guide(plan: Plan, annual: bool) -> list[str]:
    return [
        _("Hướng dẫn nhập phụ lục cho kế hoạch %(number)s") % {"number": plan.document_number},
        "",
        _("1. Mỗi dòng là một dự án, nhiệm vụ; ghi số thứ tự ở cột TT và tên ở cột Tên."),
        _(
            "2. Dòng nhóm: ghi số La Mã (I, II, …) ở cột TT và tên nhóm ở cột Tên, để trống các cột"
            " khác. Các dự án bên dưới thuộc nhóm đó."
        ),
        _(
            "3. Dự án có nhiều khoản kinh phí (nhiều năm, nhiều nguồn): ghi khoản đầu trên dòng của"
            " dự án, mỗi khoản tiếp theo trên một dòng ngay dưới, để trống TT và Tên."
        ),
        _("4. Chọn Nguồn vốn, Loại vốn, Loại số liệu, Tình trạng trong danh sách của ô.")
        + ("" if annual else " " + _("Năm để trống nghĩa là cả giai đoạn.")),
        _(
            "5. Số tiền ghi bằng triệu đồng (theo dòng ĐVT); có thể ghi kiểu Việt Nam “1.500” hay "
            "“3,5”, hoặc ghi kèm đơn vị trong ô: “3,4 tỷ”, “500 triệu”."
        ),
        _("6. Dòng “Cộng”, “Tổng cộng” được đối chiếu với tổng các dòng, không nhập thành dự án."),
        _(
            "7. Tải tệp lên ở trang “Nhập phụ lục”: cổng hiển thị bản xem trước với mọi lỗi theo "
            "dòng, cột; chỉ khi bấm xác nhận mới ghi dữ liệu."
        ),
    ]
