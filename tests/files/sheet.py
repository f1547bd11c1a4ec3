"""Cell writing shared by the make_*.py scripts that type the seed appendices into Excel.

The scripts keep what they type from the document (titles, header cells, rows, widths); these
functions only lay it out the way all of them do. Columns and rows are numbered from 1.
"""

from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
CENTER = Alignment(wrap_text=True, horizontal="center", vertical="center")
RIGHT = Alignment(horizontal="right")


def merge(ws, row, col, nrows=1, ncols=1):
    """Merge the nrows x ncols block whose top-left cell is (row, col); a single cell is left."""
    if nrows > 1 or ncols > 1:
        ws.merge_cells(
            start_row=row,
            start_column=col,
            end_row=row + nrows - 1,
            end_column=col + ncols - 1,
        )


def box(ws, top, nrows, ncols):
    """Give every cell of nrows rows from `top`, columns 1..ncols, a thin border."""
    for row in range(top, top + nrows):
        for col in range(1, ncols + 1):
            ws.cell(row, col).border = BOX


def write_titles(ws, lines, ncols):
    """Write the title lines from row 1, bold and centred, each merged across ncols columns.

    Returns the row after the blank row that every appendix leaves under its title.
    """
    for row, text in enumerate(lines, start=1):
        cell = ws.cell(row, 1, text)
        cell.font = BOLD
        cell.alignment = CENTER
        merge(ws, row, 1, ncols=ncols)
    return len(lines) + 2


def write_header(ws, top, cells, ncols, depth, *, boxed=True):
    """Write a header of `depth` rows from row `top`; returns the row after it.

    `cells` are (row offset, column, text, rows spanned, columns spanned): each is bold, centred
    and merged over its span. With `boxed`, every cell of the depth x ncols block gets a thin
    border first, so that the merged ranges carry it too.
    """
    if boxed:
        box(ws, top, depth, ncols)
    for dr, col, text, nrows, span in cells:
        cell = ws.cell(top + dr, col, text)
        cell.font = BOLD
        cell.alignment = CENTER
        merge(ws, top + dr, col, nrows, span)
    return top + depth


def write_row(ws, row, values, *, boxed=False, bold=False):
    """Write values into `row` from column 1, wrapped and top-aligned, bold if `bold`.

    Unboxed, an empty value (None) leaves its cell alone; boxed, every cell is written and gets
    a thin border, empty or not.
    """
    for col, value in enumerate(values, start=1):
        if value is None and not boxed:
            continue
        cell = ws.cell(row, col, value)
        cell.alignment = WRAP
        if boxed:
            cell.border = BOX
        if bold:
            cell.font = BOLD


def set_widths(ws, widths):
    """Set the widths of columns A, B, ... in order."""
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
