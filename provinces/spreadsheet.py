"""Exports are data, never code: the cells and fields every Excel and CSV export writes.

A spreadsheet runs a text that begins with ``=``, ``+``, ``-`` or ``@`` (and, in a CSV, one
that begins with a tab or a carriage return) as a formula: a project named
``=HYPERLINK("http://…"&A1,"Bấm")`` would become a live link in the clerk's Excel (OWASP "CSV
injection"). Every export of the portal writes through this module:

- XLSX: such a text stays the exact text, in a string cell carrying Excel's quote prefix (the
  cell is not turned into a formula when the user edits it either); the appendix import reads it
  back unchanged. Numbers stay numbers.
- CSV: such a text is written with a leading ``'`` (what OWASP recommends; a CSV has no cell
  types), and every text is quoted, so a list separator of the reader's locale (``;``) cannot
  split a text and expose a ``=`` inside it. Numbers stay bare digits.

django-import-export's ``IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT`` (and tablib's
``escape=True``) are not enough: they only strip a leading ``=`` (the text changes; ``+ - @``,
tab and carriage return pass) and the former turns every cell, money included, into text. So the
list and admin exports use the ``XLSX`` and ``CSV`` formats below instead of the library's.

It lives in ``provinces``, beside the other helpers every app shares, because the admin export
mixin (``provinces.admin.ScopedExportMixin``) uses it and apps depend on ``provinces`` only.

What an Excel user expects of a list (``SheetResource`` and the formats below): a sheet named in
Vietnamese, the filter used written above the table, a bold frozen header with an autofilter,
numbers with their number format (money in triệu ``#,##0``, rates ``0.0%``), widths fitted to
the content and capped; a CSV in UTF-8 with a BOM, ``;`` between fields (Excel in a Vietnamese
locale splits on it) and a decimal comma, or ``,`` and a decimal point on request.
"""

import csv
import io
import re
from decimal import Decimal
from numbers import Number

import tablib
from import_export.formats import base_formats
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MAX_WIDTH = 60  # characters: a long objective wraps instead of making a column a page wide
HEADER_WIDTH = 24  # a long header wraps over a column of short numbers instead of widening it
MONEY_FORMAT = "#,##0"  # triệu đồng; Excel shows the separators of the reader's locale
RATE_FORMAT = "0.0%"
SEPARATORS = (";", ",")  # the first by default: Vietnamese Excel's list separator


def is_formula_like(value) -> bool:
    """Whether ``value`` is a text a spreadsheet would read as a formula. A number never is (a
    negative amount is a number); "-5 dự án" and "- Sở TT&TT" are."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_field(value):
    """``value`` as a CSV field: a formula-like text with a leading ``'``, anything else as is."""
    return "'" + value if is_formula_like(value) else value


def keep_as_text(cell) -> None:
    """Make an openpyxl ``cell`` hold its text as data: a formula-like text becomes a string
    cell (openpyxl makes any text starting with ``=`` a formula) with Excel's quote prefix, its
    text unchanged. Numbers, dates and empty cells are left alone."""
    if is_formula_like(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True


def save(book: Workbook) -> bytes:
    """``book`` as .xlsx bytes, every cell of every sheet first made data (``keep_as_text``).
    Every workbook the portal serves or stores is saved through here: the portal writes no
    formulas, so no writer can let one in by forgetting a cell."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                keep_as_text(cell)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


class SheetResource:
    """A resource (django-import-export) whose export is a named sheet with number formats:
    ``sheet_title`` names the sheet, ``number_formats`` maps a field to its Excel format. Put it
    before ``ModelResource``."""

    sheet_title = ""
    number_formats: dict = {}

    def export(self, *args, **kwargs) -> tablib.Dataset:
        dataset = super().export(*args, **kwargs)
        dataset.title = str(self.sheet_title)
        dataset.number_formats = {
            str(self.fields[name].column_name): number_format
            for name, number_format in self.number_formats.items()
            if name in self.fields
        }
        return dataset


def sheet_title(title: str | None) -> str:
    """``title`` as Excel accepts a sheet name: none of ``[]:*?/\\``, at most 31 characters."""
    return re.sub(r"[\[\]:*?/\\]", " ", title or "Sheet")[:31]


class XLSX(base_formats.XLSX):
    """django-import-export's XLSX, written by ``save``: the dataset's ``caption`` (the filter
    used) in row 1 when it has one, then a bold, frozen header row with an autofilter, then the
    rows; texts stay exact texts, numbers stay numbers in their ``number_formats``."""

    def export_data(self, dataset: tablib.Dataset, **kwargs) -> bytes:
        book = Workbook()
        sheet = book.active
        sheet.title = sheet_title(dataset.title)
        caption = getattr(dataset, "caption", "")
        if caption:
            sheet.append([_xlsx_value(caption)])
            sheet["A1"].font = Font(italic=True)
        header_row = sheet.max_row + 1 if caption else 1
        if dataset.headers:
            sheet.append([_xlsx_value(header) for header in dataset.headers])
            for cell in sheet[header_row]:
                cell.font = Font(bold=True)
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            sheet.freeze_panes = f"A{header_row + 1}"
        for row in dataset:
            sheet.append([_xlsx_value(value) for value in row])
        formats = getattr(dataset, "number_formats", {})
        for index, header in enumerate(dataset.headers or (), start=1):
            number_format = formats.get(str(header))
            if number_format:
                for (cell,) in sheet.iter_rows(
                    min_row=header_row + 1, min_col=index, max_col=index
                ):
                    if isinstance(cell.value, Number):
                        cell.number_format = number_format
        for column in sheet.iter_cols(min_row=header_row):
            header, *cells = column
            longest = max((_width(cell) for cell in cells), default=0)
            longest = max(longest, min(_width(header), HEADER_WIDTH))
            letter = get_column_letter(header.column)
            sheet.column_dimensions[letter].width = min(longest + 2, MAX_WIDTH)
            for cell in cells:
                if isinstance(cell.value, str) and "\n" in cell.value:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
        if dataset.headers:
            last = get_column_letter(len(dataset.headers))
            sheet.auto_filter.ref = f"A{header_row}:{last}{max(sheet.max_row, header_row)}"
        # Printed (or saved as PDF), the table is as wide as an A4 landscape page, the header
        # repeated on every page
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
        sheet.print_title_rows = f"{header_row}:{header_row}"
        return save(book)


class CSV(base_formats.CSV):
    """django-import-export's CSV with every formula-like text prefixed by ``'`` and every text
    quoted; numbers stay bare, with a decimal comma when the separator is ``;`` (the default: a
    Vietnamese Excel reads 1,5 there) and a point when it is ``,``. A CSV has no formats: a
    column formatted as a percentage is written as its percentage (0.455 -> 45,5)."""

    def export_data(self, dataset: tablib.Dataset, **kwargs) -> str:
        kwargs.setdefault("delimiter", SEPARATORS[0])
        comma = kwargs["delimiter"] != ","
        formats = getattr(dataset, "number_formats", {})
        percent = ["%" in formats.get(str(header), "") for header in dataset.headers or ()] or [
            False
        ] * dataset.width
        safe = tablib.Dataset(title=dataset.title)
        if dataset.headers:
            safe.headers = [csv_field(str(header)) for header in dataset.headers]
        for row in dataset:
            safe.append(
                [
                    csv_field(_csv_value(value, comma, as_percent))
                    for value, as_percent in zip(row, percent, strict=True)
                ]
            )
        kwargs.setdefault("quoting", csv.QUOTE_NONNUMERIC)
        return super().export_data(safe, **kwargs)


class _CommaDecimal(Decimal):
    """A number the CSV writer leaves bare (it is a number) written with a decimal comma."""

    def __str__(self):
        return super().__str__().replace(".", ",")


def _xlsx_value(value):
    """A dataset value as openpyxl takes it: numbers, dates and None as they are, anything else
    as text without the control characters an .xlsx cannot hold."""
    if value is None or isinstance(value, Number) or hasattr(value, "isoformat"):
        return value
    return ILLEGAL_CHARACTERS_RE.sub("\N{REPLACEMENT CHARACTER}", str(value))


def _csv_value(value, comma: bool = False, as_percent: bool = False):
    """Numbers and None as they are (the writer leaves numbers bare; a fraction with a decimal
    comma when ``comma``; a share as its percentage when ``as_percent``), anything else as
    text."""
    if value is None or isinstance(value, bool) or not isinstance(value, Number):
        return value if value is None else str(value)
    if as_percent:
        value = Decimal(str(value)) * 100
    if isinstance(value, int) or value == int(value):
        return int(value)
    number = Decimal(str(value)).normalize()
    return _CommaDecimal(number) if comma else number


def _width(cell) -> int:
    """The characters ``cell`` shows: a number as its format writes it, a text's longest line."""
    value = cell.value
    if value is None:
        return 0
    if isinstance(value, Number) and not isinstance(value, bool):
        if "%" in cell.number_format:
            return len(f"{value * 100:.1f}%")
        if cell.number_format == MONEY_FORMAT:
            return len(f"{value:,.0f}")
        return len(str(value))
    return max(len(line) for line in str(value).split("\n"))
