"""A UBND report's tables as an Excel workbook (openpyxl), from the same content as the PDF: one
sheet per table, money in triệu đồng as numbers, each sheet set up to print on A4."""

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from budgets.models import Stage
from budgets.money import to_unit
from itplan.models import Report
from itplan.reports import content
from itplan.reports.render import place_and_date
from itplan.templatetags.portal import dmy
from provinces import spreadsheet

FONT = "Times New Roman"  # Tinos is metric-compatible with it; every office machine has it
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
MM = 1 / 25.4  # openpyxl's margins are in inches


def trieu(amount: int) -> Decimal:
    """Đồng as triệu đồng, exactly (no float rounding)."""
    return to_unit(amount, "trieu")


def _money_format(value: Decimal) -> str:
    # "#,##0.###" would leave a bare decimal separator after whole numbers
    return "#,##0" if value == value.to_integral_value() else "#,##0.###"


def _sheet(book, title: str, report: Report, caption: str, landscape: bool = False):
    sheet = book.create_sheet(title)
    sheet["A1"] = report.summary
    sheet["A1"].font = Font(name=FONT, bold=True, size=13)
    sheet["A2"] = caption
    sheet["A2"].font = Font(name=FONT, italic=True, size=12)
    setup = sheet.page_setup
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.orientation = "landscape" if landscape else "portrait"
    setup.fitToWidth, setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    margins = sheet.page_margins
    margins.left, margins.right, margins.top, margins.bottom = 30 * MM, 15 * MM, 20 * MM, 20 * MM
    sheet.print_title_rows = "4:4"
    return sheet


def _table(sheet, headers: list[str], rows: list[list], widths: list[int], total=None) -> None:
    """``headers`` in row 4, then ``rows`` (a Decimal is money in triệu), then ``total``."""
    for col, (header, width) in enumerate(zip(headers, widths, strict=True), start=1):
        cell = sheet.cell(row=4, column=col, value=header)
        cell.font = Font(name=FONT, bold=True, size=11)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = BOX
        sheet.column_dimensions[get_column_letter(col)].width = width
    body = rows + ([total] if total else [])
    for r, values in enumerate(body, start=5):
        bold = total is not None and r == 4 + len(body)
        for col, value in enumerate(values, start=1):
            cell = sheet.cell(row=r, column=col, value=value)
            cell.font = Font(name=FONT, size=11, bold=bold)
            cell.border = BOX
            cell.alignment = Alignment(vertical="top", wrap_text=isinstance(value, str))
            if isinstance(value, Decimal):
                cell.number_format = _money_format(value)
    sheet.freeze_panes = "A5"


def _stages(row: dict) -> list[Decimal]:
    return [trieu(row[stage]) for stage in Stage.values]


def xlsx(report: Report, data: dict) -> bytes:
    """The workbook of the report's tables, as bytes: status, money by year and by source, then
    the provinces side by side (a national report) or the projects and indicators, then the
    differences of the stated totals when there are any."""
    book = Workbook()
    book.remove(book.active)
    period = data["period"]["label"]
    _status_sheet(book, report, data["figures"], period)
    _money_sheets(book, report, data["money"], period)
    if data["money"].get("cumulative"):
        _cumulative_sheet(book, report, data)
    if "provinces" in data:
        _provinces_sheet(book, report, data["provinces"], period)
    else:
        _projects_sheet(book, report, data["projects"], period)
        if data["projects"] and "money" in data["projects"][0]:
            _project_money_sheet(book, report, data)
        _indicators_sheet(book, report, data["indicators"], period)
    if data.get("reconciliation"):
        _reconciliation_sheet(book, report, data["reconciliation"])
    return spreadsheet.save(book)


def _stage_labels() -> list[str]:
    return [str(label) for label in Stage.labels]


def _unit() -> str:
    return _("Đơn vị: triệu đồng")


def _status_sheet(book, report: Report, figures: dict, period: str) -> None:
    header = f"{place_and_date(report.place, report.issue_date)} · {period}"
    sheet = _sheet(book, _("Tình trạng"), report, header)
    _table(
        sheet,
        [_("Tình trạng"), _("Số dự án, nhiệm vụ"), _("Tỷ lệ (%)")],
        [[row["label"], row["count"], row["share"]] for row in figures["by_status"]],
        [30, 18, 12],
        total=[_("Cộng"), figures["projects"], 100 if figures["projects"] else None],
    )


def _money_sheets(book, report: Report, money: dict, period: str) -> None:
    """Money by year and by source, each with its total and the totals in words below."""
    stages = _stage_labels()
    unit = _unit()
    for title, key, first in (
        (_("Kinh phí theo năm"), "by_year", _("Năm")),
        (_("Kinh phí theo nguồn"), "by_source", _("Nguồn vốn · loại vốn")),
    ):
        sheet = _sheet(book, title, report, f"{title} · {period} · {unit}")
        _table(
            sheet,
            [first, *stages],
            [[row["label"], *_stages(row)] for row in money[key]],
            [32, 18, 18, 18],
            total=[_("Tổng cộng"), *_stages(money["total"])],
        )
        words = len(money[key]) + 7
        for n, (label, stage) in enumerate(zip(stages, Stage.values, strict=True)):
            cell = sheet.cell(row=words + n, column=1, value=f"{label}: {money['words'][stage]}")
            cell.font = Font(name=FONT, italic=True, size=11)


def _stages_and_rate(figures: dict | None) -> list:
    """Need, allocated, disbursed in triệu and the rate in % (a number): blank cells where
    there is no money to tell."""
    if not figures:
        return [None] * 4
    rate = None if figures["rate"] is None else Decimal(figures["rate"])
    return [amount or None for amount in _stages(figures)] + [rate]  # "–" in the document


def _cumulative_sheet(book, report: Report, data: dict) -> None:
    """The period's money beside the cumulative from the plans' start (lũy kế)."""
    money, period = data["money"], data["period"]
    sheet = _sheet(book, _("Kỳ và lũy kế"), report, f"{period['label']} · {_unit()}")
    period_figures = {**money["total"], "rate": money["rate"]} if money.get("lines") else None
    _table(
        sheet,
        ["", *_stage_labels(), _("Tỷ lệ giải ngân (%)")],
        [
            [period["label"], *_stages_and_rate(period_figures)],
            [period["cumulative_label"], *_stages_and_rate(money["cumulative"])],
        ],
        [36, 18, 18, 18, 14],
    )


def _project_money_sheet(book, report: Report, data: dict) -> None:
    """Each project's money of the period and cumulative, as the document's table."""
    period = data["period"]
    cumulative = bool(data["money"].get("cumulative"))
    headers = [_("STT"), _("Dự án, nhiệm vụ")]
    for label in [period["label"], *([period["cumulative_label"]] if cumulative else [])]:
        headers += [f"{stage} ({label})" for stage in _stage_labels()]
        headers.append(f"{_('Tỷ lệ (%)')} ({label})")
    rows = []
    for row in content.with_money(data["projects"]):
        money = row["money"]
        values = [row["ref"], row["name"], *_stages_and_rate(money["period"])]
        if cumulative:
            values += _stages_and_rate(money["cumulative"])
        rows.append(values)
    sheet = _sheet(book, _("Kinh phí dự án"), report, _unit(), landscape=True)
    _table(sheet, headers, rows, [6, 44, *[14] * (len(headers) - 2)])


def _provinces_sheet(book, report: Report, provinces: list, period: str) -> None:
    sheet = _sheet(book, _("Theo tỉnh"), report, f"{period} · {_unit()}", landscape=True)
    _table(
        sheet,
        [_("Tỉnh, thành phố"), _("Kế hoạch"), _("Dự án"), _("Hoàn thành"), *_stage_labels()],
        [
            [row["name"], row["plans"], row["projects"], row["completed"], *_stages(row)]
            for row in provinces
        ],
        [24, 10, 10, 12, 16, 16, 16],
    )


def _projects_sheet(book, report: Report, projects: list, period: str) -> None:
    sheet = _sheet(book, _("Dự án"), report, period, landscape=True)
    _table(
        sheet,
        [
            _("STT"),
            _("Dự án, nhiệm vụ"),
            _("Kế hoạch"),
            _("Đơn vị chủ trì"),
            _("Tình trạng"),
            # xgettext:no-python-format
            _("% hoàn thành"),
            _("Kết quả (báo cáo đã duyệt gần nhất trong kỳ)"),
            _("Kỳ báo cáo"),
        ],
        [
            [
                row["ref"],
                row["name"],
                row["plan"],
                row["agency"],
                row["status"],
                row["percent"],
                row["results"],
                row["report_period"],
            ]
            for row in projects
        ],
        [6, 48, 16, 28, 18, 12, 48, 14],
    )


def _indicators_sheet(book, report: Report, indicators: list, period: str) -> None:
    sheet = _sheet(book, _("Chỉ tiêu"), report, period, landscape=True)
    _table(
        sheet,
        [
            _("STT"),
            _("Chỉ tiêu"),
            _("Cơ sở"),
            _("Năm cơ sở"),
            pgettext("chỉ tiêu", "Mục tiêu"),
            _("Năm mục tiêu"),
            _("Thực hiện"),
            _("Ngày số liệu"),
            _("Mức đạt (%)"),
            _("Đánh giá"),
        ],
        [
            [
                row["ref"],
                row["name"],
                row["baseline"],
                row["baseline_year"],
                row["target"],
                row["target_year"],
                row["actual"],
                dmy(row["actual_date"]),
                row["percent"],
                row["achievement"],
            ]
            for row in indicators
        ],
        [6, 48, 12, 10, 12, 10, 12, 12, 10, 18],
    )


def _reconciliation_sheet(book, report: Report, plans: list) -> None:
    """Each plan's stated totals that differ from its lines, then its anomalies."""
    sheet = _sheet(book, _("Chênh lệch"), report, _unit(), landscape=True)
    _table(
        sheet,
        [
            _("Kế hoạch"),
            _("Số tổng"),
            _("Phạm vi"),
            _("Văn bản ghi"),
            _("Tính lại"),
            _("Chênh lệch"),
        ],
        [
            [
                plan["number"],
                row["label"],
                row["scope"],
                trieu(row["stated"]),
                trieu(row["computed"]),
                trieu(row["difference"]),
            ]
            for plan in plans
            for row in plan["rows"]
        ]
        + [[plan["number"], line, "", "", "", ""] for plan in plans for line in plan["anomalies"]],
        [16, 40, 40, 14, 14, 14],
    )
