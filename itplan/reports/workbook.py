"""A UBND report's tables as an Excel workbook (openpyxl), from the same content as the PDF: one
sheet per table, money in triệu đồng as numbers, each sheet set up to print on A4."""

from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from budgets.models import Stage
from budgets.money import to_unit
from itplan.models import Report
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
    """The workbook of the report's tables, as bytes."""
    book = Workbook()
    book.remove(book.active)
    stages = [str(label) for label in Stage.labels]
    period = data["period"]["label"]
    money = data["money"]
    header = f"{place_and_date(report.place, report.issue_date)} · {period}"

    sheet = _sheet(book, _("Tình trạng"), report, header)
    figures = data["figures"]
    _table(
        sheet,
        [_("Tình trạng"), _("Số dự án, nhiệm vụ"), _("Tỷ lệ (%)")],
        [[row["label"], row["count"], row["share"]] for row in figures["by_status"]],
        [30, 18, 12],
        total=[_("Cộng"), figures["projects"], 100 if figures["projects"] else None],
    )

    unit = _("Đơn vị: triệu đồng")
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

    if "provinces" in data:
        sheet = _sheet(book, _("Theo tỉnh"), report, f"{period} · {unit}", landscape=True)
        _table(
            sheet,
            [_("Tỉnh, thành phố"), _("Kế hoạch"), _("Dự án"), _("Hoàn thành"), *stages],
            [
                [row["name"], row["plans"], row["projects"], row["completed"], *_stages(row)]
                for row in data["provinces"]
            ],
            [24, 10, 10, 12, 16, 16, 16],
        )
    else:
        sheet = _sheet(book, _("Dự án"), report, period, landscape=True)
        _table(
            sheet,
            [
                _("STT"),
                _("Dự án, nhiệm vụ"),
                _("Kế hoạch"),
                _("Đơn vị chủ trì"),
                _("Tình trạng"),
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
                for row in data["projects"]
            ],
            [6, 48, 16, 28, 18, 12, 48, 14],
        )
        sheet = _sheet(book, _("Chỉ tiêu"), report, period, landscape=True)
        _table(
            sheet,
            [
                _("STT"),
                _("Chỉ tiêu"),
                _("Cơ sở"),
                _("Năm cơ sở"),
                _("Mục tiêu"),
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
                for row in data["indicators"]
            ],
            [6, 48, 12, 10, 12, 10, 12, 12, 10, 18],
        )
    if data.get("reconciliation"):
        sheet = _sheet(book, _("Chênh lệch"), report, unit, landscape=True)
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
                for plan in data["reconciliation"]
                for row in plan["rows"]
            ]
            + [
                [plan["number"], line, "", "", "", ""]
                for plan in data["reconciliation"]
                for line in plan["anomalies"]
            ],
            [16, 40, 40, 14, 14, 14],
        )
    return spreadsheet.save(book)
