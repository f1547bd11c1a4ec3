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
"""

import csv
import io
from numbers import Number

import tablib
from import_export.formats import base_formats
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MAX_WIDTH = 60  # characters: a long objective wraps instead of making a column a page wide


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


class XLSX(base_formats.XLSX):
    """django-import-export's XLSX, written by ``save``: a bold, frozen header row, then the
    rows; texts stay exact texts, numbers stay numbers."""

    def export_data(self, dataset: tablib.Dataset, **kwargs) -> bytes:
        book = Workbook()
        sheet = book.active
        sheet.title = (dataset.title or "Sheet")[:31]
        if dataset.headers:
            sheet.append([_xlsx_value(header) for header in dataset.headers])
            for cell in sheet[1]:
                cell.font = Font(bold=True)
            sheet.freeze_panes = "A2"
        for row in dataset:
            sheet.append([_xlsx_value(value) for value in row])
        for column in sheet.iter_cols():
            longest = max((_width(cell.value) for cell in column), default=0)
            sheet.column_dimensions[get_column_letter(column[0].column)].width = min(
                longest + 2, MAX_WIDTH
            )
            for cell in column:
                if isinstance(cell.value, str) and "\n" in cell.value:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
        return save(book)


class CSV(base_formats.CSV):
    """django-import-export's CSV with every formula-like text prefixed by ``'`` and every text
    quoted; numbers stay bare digits."""

    def export_data(self, dataset: tablib.Dataset, **kwargs) -> str:
        safe = tablib.Dataset(title=dataset.title)
        if dataset.headers:
            safe.headers = [csv_field(str(header)) for header in dataset.headers]
        for row in dataset:
            safe.append([csv_field(_csv_value(value)) for value in row])
        kwargs.setdefault("quoting", csv.QUOTE_NONNUMERIC)
        return super().export_data(safe, **kwargs)


def _xlsx_value(value):
    """A dataset value as openpyxl takes it: numbers, dates and None as they are, anything else
    as text without the control characters an .xlsx cannot hold."""
    if value is None or isinstance(value, Number) or hasattr(value, "isoformat"):
        return value
    return ILLEGAL_CHARACTERS_RE.sub("\N{REPLACEMENT CHARACTER}", str(value))


def _csv_value(value):
    """Numbers and None as they are (the writer leaves numbers bare), anything else as text."""
    return value if value is None or isinstance(value, Number) else str(value)


def _width(value) -> int:
    if value is None:
        return 0
    return max(len(line) for line in str(value).split("\n"))
