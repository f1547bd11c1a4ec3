"""Appendix import (an Excel table as typed → projects, groups, budget lines, stated totals) and
export (a plan → Excel in its appendix layout).

``preview_file`` reads and parses an upload without writing anything; ``apply`` writes a
confirmed preview. The portal's upload page, the admin and ``manage.py import_appendix`` all go
through these two functions.
"""

from django.utils.translation import gettext as _

from .columns import BadColumns, ColumnMap, parse_letters
from .parse import Defaults, Preview, Problem, parse, pick_sheet
from .workbook import BadFile, read_upload
from .write import NotImportable, Result, apply

__all__ = [
    "BadColumns",
    "BadFile",
    "ColumnMap",
    "Defaults",
    "NotImportable",
    "Preview",
    "Result",
    "apply",
    "parse_letters",
    "preview_file",
]


def preview_file(
    name: str,
    content: bytes,
    plan,
    *,
    sheet: str | None = None,
    defaults: Defaults | None = None,
    columns: ColumnMap | None = None,
) -> Preview:
    """What importing the file would do to ``plan`` (its columns as ``columns`` says where
    given); a file that cannot be read gives a preview holding only that error."""
    try:
        grids = read_upload(name, content)
    except BadFile as problem:
        preview = Preview(name, "", [])
        preview.problems.append(Problem("", None, "", str(problem)))
        return preview
    names = [grid.name for grid in grids]
    grid = pick_sheet(grids, sheet, columns)
    if grid is None:
        preview = Preview(name, sheet or "", names)
        message = (
            _("Tệp không có trang “%(sheet)s”; các trang có: %(sheets)s.")
            % {"sheet": sheet, "sheets": ", ".join(names)}
            if sheet
            else _("Tệp không có trang nào.")
        )
        preview.problems.append(Problem(sheet or "", None, "", message))
        return preview
    return parse(grid, plan, file_name=name, sheets=names, defaults=defaults, columns=columns)
