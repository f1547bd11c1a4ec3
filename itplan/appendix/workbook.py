"""Reading an uploaded appendix into plain grids of cell values, safely.

An upload is untrusted: it may be no spreadsheet at all, a password-protected or corrupt workbook,
a zip bomb, or far larger than an appendix. Every such case raises ``BadFile`` with a Vietnamese
message before anything is parsed, and workbooks are read in openpyxl's read-only, values-only
mode (formulas give their last computed values), with defusedxml guarding the XML.
"""

import csv
import io
import itertools
import re
import zipfile
from dataclasses import dataclass, field

import openpyxl
from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from openpyxl.utils import range_boundaries

MAX_ROWS = 5000
MAX_COLUMNS = 200

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")
WORD_MARK = "WordDocument".encode("utf-16-le")  # the main stream of a Word 97-2003 file
FORMULA = re.compile(rb"<(\w+:)?f[ >]")
MERGED = re.compile(rb'<(?:\w+:)?mergeCell [^>]*ref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"')


class BadFile(Exception):
    """The upload cannot be read; the message says why, in Vietnamese."""


@dataclass
class Grid:
    """One sheet as rows of values; ``rows[0]`` is the sheet's row 1.

    A merged range's value is repeated into every cell of the range, as the reader sees it;
    ``copies`` maps the (row, column) of those repeats to the range's top row, so that an amount
    merged over two rows is counted once and a title merged across a row fills one cell.
    ``formula_gaps`` holds the cells of formulas that were never calculated.
    """

    name: str
    rows: list[list] = field(default_factory=list)
    copies: dict[tuple[int, int], int] = field(default_factory=dict)
    formula_gaps: set[tuple[int, int]] = field(default_factory=set)


def read_upload(name: str, content: bytes) -> list[Grid]:
    """The sheets of an uploaded file (``.xlsx``/``.xlsm`` or ``.csv``), or the tables of a Word
    document (``.docx``), or ``BadFile``."""
    check_size(name, len(content))
    if not content:
        raise BadFile(_("Tệp “%(name)s” rỗng.") % {"name": name})
    if content.startswith(OLE_SIGNATURE):
        word = name.lower().endswith((".docx", ".doc"))
        if ENCRYPTED_MARK in content and word:
            raise BadFile(
                _(
                    "Tệp “%(name)s” được bảo vệ bằng mật khẩu. Hãy mở tệp trong Word, bỏ mật "
                    "khẩu (Tệp → Thông tin → Bảo vệ tài liệu) rồi tải lên lại."
                )
                % {"name": name}
            )
        if word or (WORD_MARK in content and not name.lower().endswith((".xls", ".xlsx"))):
            raise BadFile(
                _(
                    "Tệp “%(name)s” là định dạng Word 97-2003 (.doc). Hãy mở tệp trong Word và "
                    "lưu lại dưới dạng “Tài liệu Word (.docx)” rồi tải lên lại."
                )
                % {"name": name}
            )
        if ENCRYPTED_MARK in content:
            raise BadFile(
                _(
                    "Tệp “%(name)s” được bảo vệ bằng mật khẩu. Hãy mở tệp trong Excel, bỏ mật "
                    "khẩu (Tệp → Thông tin → Bảo vệ sổ làm việc) rồi tải lên lại."
                )
                % {"name": name}
            )
        raise BadFile(
            _(
                "Tệp “%(name)s” là định dạng Excel 97-2003 (.xls). Hãy mở tệp trong Excel và "
                "lưu lại dưới dạng “Sổ làm việc Excel (.xlsx)” rồi tải lên lại."
            )
            % {"name": name}
        )
    if zipfile.is_zipfile(io.BytesIO(content)):
        if _is_word(content):
            from .document import read_document  # it reads into this module's grids

            return read_document(name, content)
        return _read_xlsx(name, content)
    if name.lower().endswith(".csv"):
        return [_read_csv(name, content)]
    if name.lower().endswith(".docx"):
        raise BadFile(_("Tệp “%(name)s” không phải là văn bản Word (.docx).") % {"name": name})
    raise BadFile(_("Tệp “%(name)s” không phải là tệp Excel (.xlsx) hay CSV.") % {"name": name})


def _is_word(content: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return "word/document.xml" in archive.NameToInfo
    except zipfile.BadZipFile:
        return False


def check_size(name: str, size: int) -> None:
    """``BadFile`` for an upload over the limit, before anything reads it."""
    limit = settings.APPENDIX_MAX_UPLOAD_BYTES
    if size > limit:
        raise BadFile(
            _("Tệp “%(name)s” lớn %(size)s MB, quá giới hạn %(limit)s MB.")
            % {"name": name, "size": _mb(size), "limit": _mb(limit)}
        )


def _mb(size: int) -> str:
    return number_format(size / 1024 / 1024, decimal_pos=1, use_l10n=True)


def _read_xlsx(name: str, content: bytes) -> list[Grid]:
    _check_zip(name, content)
    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged package
        raise BadFile(
            _("Tệp “%(name)s” bị hỏng hoặc không phải là sổ làm việc Excel (%(error)s).")
            % {"name": name, "error": type(error).__name__}
        ) from error
    formulas = None
    try:
        grids = []
        for sheet in book.worksheets:
            if sheet.sheet_state != "visible":
                continue
            # The sheet's XML, already size-checked, tells the merged ranges and whether it has
            # formulas at all; only then is it read a second time for the formulas' text.
            with sheet._get_source() as source:
                xml = source.read()
            try:
                grid = _read_sheet(name, sheet, xml)
            except BadFile:
                raise
            except Exception as error:  # malformed sheet XML: openpyxl raises many kinds
                raise BadFile(
                    _("Trang “%(sheet)s” của tệp “%(name)s” bị hỏng (%(error)s).")
                    % {"sheet": sheet.title, "name": name, "error": type(error).__name__}
                ) from error
            if FORMULA.search(xml):
                if formulas is None:
                    formulas = openpyxl.load_workbook(
                        io.BytesIO(content), read_only=True, data_only=False
                    )
                _mark_formula_gaps(grid, formulas[sheet.title])
            for ref in MERGED.findall(xml):
                _spread(grid, ref.decode())
            grids.append(grid)
        return grids
    finally:
        book.close()
        if formulas is not None:
            formulas.close()


def _check_zip(name: str, content: bytes) -> None:
    """``BadFile`` unless the package stays within the settings' limits: read from the zip's
    central directory (sizes, entries, compression ratio of each part), then by counting the
    cells, rows, shared strings and cell formats of each XML part in a streamed pass, before
    openpyxl parses anything (openpyxl reads a sheet without ``<dimension>`` whole just to
    size it)."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        check_package(name, archive, "xl/workbook.xml", _("sổ làm việc Excel (.xlsx)"))
        for member in archive.infolist():
            if member.filename.endswith(".xml"):
                with archive.open(member) as stream:
                    _count_tags(name, stream)


def check_package(name: str, archive: zipfile.ZipFile, main_part: str, kind: str) -> None:
    """``BadFile`` unless the zip holds ``main_part`` (else it is no ``kind``) and stays within
    the settings' limits, read from its central directory: entries, unpacked size and the
    compression ratio of each part."""
    members = archive.infolist()
    if main_part not in {member.filename for member in members}:
        raise BadFile(_("Tệp “%(name)s” không phải là %(kind)s.") % {"name": name, "kind": kind})
    if len(members) > settings.APPENDIX_MAX_ENTRIES:
        raise BadFile(
            _(
                "Tệp “%(name)s” gồm %(count)s phần, quá giới hạn %(limit)s phần của một sổ "
                "làm việc (có thể là tệp độc hại); tệp không được đọc."
            )
            % {"name": name, "count": _n(len(members)), "limit": _n(_limit("ENTRIES"))}
        )
    unpacked = sum(member.file_size for member in members)
    if unpacked > settings.APPENDIX_MAX_UNPACKED_BYTES:
        raise BadFile(
            _(
                "Tệp “%(name)s” giải nén ra quá lớn: %(size)s MB, quá giới hạn %(limit)s MB "
                "của một phụ lục (có thể là tệp độc hại); tệp không được đọc."
            )
            % {"name": name, "size": _mb(unpacked), "limit": _mb(_limit("UNPACKED_BYTES"))}
        )
    ratio = settings.APPENDIX_MAX_RATIO
    for member in members:
        # tiny parts compress "badly" by nature; a 1 KB floor keeps them out of the ratio
        if member.file_size > ratio * max(member.compress_size, 1024):
            raise BadFile(
                _(
                    "Tệp “%(name)s” giải nén ra quá lớn: phần “%(part)s” nén %(ratio)s lần, "
                    "quá giới hạn %(limit)s lần (có thể là tệp độc hại); tệp không được đọc."
                )
                % {
                    "name": name,
                    "part": member.filename,
                    "ratio": _n(member.file_size // max(member.compress_size, 1)),
                    "limit": _n(ratio),
                }
            )


TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(c|row|si|xf)[\s/>]")
CHUNK = 1024 * 1024
MAX_FORMATS = 64_000  # Excel's own limit of distinct cell formats in a workbook


def _count_tags(name: str, stream) -> None:
    """``BadFile`` when one XML part holds more cells or rows than ``APPENDIX_MAX_CELLS`` (empty
    styled cells count: they cost the reader as much), more shared strings than that, or more
    cell formats than Excel allows. Reads the part a megabyte at a time and stops at the limit."""
    limits = {
        b"c": settings.APPENDIX_MAX_CELLS,
        b"row": settings.APPENDIX_MAX_CELLS,
        b"si": settings.APPENDIX_MAX_CELLS,
        b"xf": MAX_FORMATS,
    }
    counts = dict.fromkeys(limits, 0)
    tail = b""
    while True:
        chunk = stream.read(CHUNK)
        buffer = tail + chunk
        # a tag starts with "<" and holds no other "<": cutting there never splits one
        cut = buffer.rfind(b"<") if chunk else len(buffer)
        for tag in TAG.findall(buffer, 0, max(cut, 0)):
            counts[tag] += 1
        tail = buffer[cut:] if cut > 0 else b""
        for tag, count in counts.items():
            if count > limits[tag]:
                raise BadFile(_too_many(name, tag, limits[tag]))
        if not chunk:
            return


def _too_many(name: str, tag: bytes, limit: int) -> str:
    if tag == b"xf":
        return _(
            "Tệp “%(name)s” có hơn %(limit)s định dạng ô, quá giới hạn của Excel (có thể là tệp "
            "độc hại); tệp không được đọc."
        ) % {"name": name, "limit": _n(limit)}
    if tag == b"si":
        return _(
            "Tệp “%(name)s” có hơn %(limit)s chuỗi văn bản, quá giới hạn của một phụ lục (có "
            "thể là tệp độc hại); tệp không được đọc."
        ) % {"name": name, "limit": _n(limit)}
    return _(
        "Tệp “%(name)s” có một trang tính hơn %(limit)s ô hoặc dòng (kể cả ô trống đã định "
        "dạng), quá giới hạn của một phụ lục; hãy xóa các dòng, cột trống thừa rồi tải lên lại."
    ) % {"name": name, "limit": _n(limit)}


def _limit(key: str) -> int:
    return getattr(settings, f"APPENDIX_MAX_{key}")


def _n(number: int) -> str:
    return number_format(number, force_grouping=True, use_l10n=True)


ROW_LIMIT = MAX_ROWS + 50  # the data rows, under a header and the document's title rows
ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row\b([^>]*)>")
ROW_NUMBER = re.compile(rb"\br=[\"'](\d+)[\"']")
VALUE_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:v|is|f)[\s>]")


def _read_sheet(name: str, sheet, xml: bytes) -> Grid:
    """The sheet's first ``ROW_LIMIT`` rows and ``MAX_COLUMNS`` columns. The bounds are passed
    to openpyxl explicitly: the sheet's ``<dimension>`` may lie in both directions (a forged
    A1:A1 would hide rows; A1:XFD1048576 would walk a million empty ones). Rows past the limit
    are refused only if they hold a value; empty styled rows there are ignored."""
    grid = Grid(sheet.title)
    for values in sheet.iter_rows(max_row=ROW_LIMIT, max_col=MAX_COLUMNS, values_only=True):
        values = list(values)
        while values and values[-1] is None:
            values.pop()
        grid.rows.append(values)
    if _values_after_row(xml, ROW_LIMIT):
        raise BadFile(
            _("Trang “%(sheet)s” của tệp “%(name)s” có hơn %(max)s dòng; hãy chia nhỏ tệp.")
            % {"sheet": sheet.title, "name": name, "max": _n(MAX_ROWS)}
        )
    return grid


def _values_after_row(xml: bytes, limit: int) -> bool:
    """Whether a row numbered past ``limit`` holds a value (or a formula)."""
    number = 0
    for match in ROW_TAG.finditer(xml):
        found = ROW_NUMBER.search(match.group(1))
        number = int(found.group(1)) if found else number + 1
        if number > limit:
            return VALUE_TAG.search(xml, match.start()) is not None
    return False


def _mark_formula_gaps(grid: Grid, formula_sheet) -> None:
    """Formulas whose value Excel never stored (files written by programs) read as empty;
    remember where, so the parser can say so instead of reading them as blanks."""
    for r, values in enumerate(
        formula_sheet.iter_rows(max_row=len(grid.rows), max_col=MAX_COLUMNS, values_only=True)
    ):
        read = grid.rows[r]
        for c, value in enumerate(values):
            if (
                isinstance(value, str)
                and value.startswith("=")
                and (c >= len(read) or read[c] is None)
            ):
                grid.formula_gaps.add((r + 1, c + 1))


def _spread(grid: Grid, ref: str) -> None:
    min_col, min_row, max_col, max_row = range_boundaries(ref)
    if min_row > len(grid.rows):
        return
    top = grid.rows[min_row - 1]
    value = top[min_col - 1] if min_col - 1 < len(top) else None
    for r in range(min_row, min(max_row, len(grid.rows)) + 1):
        row = grid.rows[r - 1]
        for c in range(min_col, min(max_col, MAX_COLUMNS) + 1):
            while len(row) < c:
                row.append(None)
            if (r, c) != (min_row, min_col):
                row[c - 1] = value
                grid.copies[(r, c)] = min_row


def _read_csv(name: str, content: bytes) -> Grid:
    for encoding in ("utf-8-sig", "cp1258"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1258 decodes nearly any byte string
        raise BadFile(_("Không đọc được bảng mã của tệp “%(name)s”.") % {"name": name})
    dialect = ";" if text.count(";") > text.count(",") and re.search(r";", text) else ","
    reader = csv.reader(io.StringIO(text), delimiter=dialect)
    try:
        rows = [row[:MAX_COLUMNS] for row in itertools.islice(reader, ROW_LIMIT)]
        more = any(any(cell.strip() for cell in row) for row in reader)  # stops at the first
    except csv.Error as error:  # a field over csv's size limit, a NUL byte
        raise BadFile(
            _("Không đọc được tệp CSV “%(name)s” (%(error)s).") % {"name": name, "error": error}
        ) from error
    if more:
        raise BadFile(
            _("Tệp “%(name)s” có hơn %(max)s dòng; hãy chia nhỏ tệp.")
            % {"name": name, "max": _n(MAX_ROWS)}
        )
    return Grid(name.rsplit("/", 1)[-1], [[cell or None for cell in row] for row in rows])
