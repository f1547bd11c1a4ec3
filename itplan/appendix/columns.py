"""What a column of an appendix table holds, read from its header as the document wrote it.

Headers are matched by meaning, without diacritics or case: "Tên dự án", "Tên dự án, nhiệm vụ"
and "Nhiệm vụ cụ thể" are all the name column; "Nhu cầu vốn đầu tư các năm" over "2011" over
"Vốn SN" is a money column of 2011, recurrent capital. The deepest header level that says
something wins, so "Vốn SN" under "Nhu cầu vốn đầu tư" is recurrent, not investment.
"""

import re
from dataclasses import dataclass

from openpyxl.utils import get_column_letter

from budgets.models import CapitalType, Source, Stage
from projects.periods import YEAR_MAX, YEAR_MIN
from provinces.text import fold

# Text columns, tried in this order on the deepest header level, then on the whole header.
TEXT_KINDS = [
    ("ref", r"^(s?t ?t|so tt|so thu tu|tt\.)$"),
    (
        "name",
        r"ten (du an|nhiem vu|de an|chuong trinh|cong trinh|hang muc)|nhiem vu cu the"
        r"|^danh muc( (du an|nhiem vu))?$|^(du an|nhiem vu)(, (du an|nhiem vu))?$",
    ),
    ("objective", r"muc tieu"),
    ("lead", r"chu tri|chu dau tu|(don vi|co quan) (thuc hien|trien khai)|^don vi$"),
    ("partners", r"phoi hop"),
    ("period", r"thoi gian|tien do|(nam|giai doan) thuc hien"),
    ("status", r"tinh trang|tinh hinh thuc hien|trang thai|hien trang"),
    ("notes", r"ghi chu"),
    ("source", r"^nguon (von|kinh phi)$|^nguon$"),
    ("capital_type", r"^loai von$"),
    ("stage", r"^loai so lieu$"),
    ("year", r"^nam$"),
    ("scale", r"quy mo|noi dung|pham vi|hang muc|san pham"),
]
MONEY_WORDS = re.compile(
    r"kinh phi|von|tong|ngan sach|\bns|trung uong|dia phuong|\btinh\b|\btw\b|nhu cau|du kien"
    r"|du toan|(19|20)\d\d|dtpt|\bsn\b|su nghiep|bo tri|giai ngan|khac|doanh nghiep|dong\)?$"
)
YEAR = re.compile(r"(?<!\d)(19\d\d|20\d\d)(?!\d)")
TOTAL = re.compile(r"^(du kien )?(tong|cong|kinh phi|du toan)")
ESTIMATE = re.compile(r"tong muc dau tu|tong du toan|tong kinh phi|^du kien (tong )?kinh phi")

SOURCE_WORDS = [
    # (pattern, source, whether the header names a sub-source worth keeping)
    (
        r"vtci|vien thong cong ich|de an 191|doanh nghiep|xa hoi hoa|\boda\b|tai tro|khoa hoc",
        Source.OTHER,
        True,
    ),
    (r"von khac|nguon khac|^khac$", Source.OTHER, False),
    (r"trung uong|ns ?tw|\btw\b", Source.CENTRAL, False),
    (r"ns ?dp|dia phuong|ngan sach tinh|von tinh|\btinh\b|huyen|\bxa\b", Source.LOCAL, False),
]
CAPITAL_WORDS = [
    (r"dtpt|dau tu phat trien|von dau tu|xay dung co ban|\bxdcb\b", CapitalType.INVESTMENT),
    (r"\bsn\b|su nghiep", CapitalType.RECURRENT),
]
STAGE_WORDS = [  # "Nhu cầu kế hoạch vốn" is a need: need words are tried first
    (r"nhu cau|de xuat", Stage.NEED),
    (r"giai ngan|thanh toan", Stage.DISBURSED),
    (r"bo tri|phan bo|da cap|duoc giao|ke hoach von", Stage.ALLOCATED),
]
UNIT_WORDS = [(r"ty dong", "ty"), (r"trieu dong|trieu", "trieu"), (r"\(dong\)|: ?dong$", "dong")]


@dataclass(frozen=True)
class Money:
    """What the amounts of a money column (or one cell) are: blank fields were not said."""

    year: int | None = None
    source: str = ""
    sub_source: str = ""
    capital_type: str = ""
    stage: str = ""
    total: bool = False
    estimate: bool = False

    def merged(self, other: "Money") -> "Money":
        """These attributes, completed by ``other``'s where these say nothing."""
        return Money(
            year=self.year if self.year is not None else other.year,
            source=self.source or other.source,
            sub_source=self.sub_source or other.sub_source,
            capital_type=self.capital_type or other.capital_type,
            stage=self.stage or other.stage,
            total=self.total,
            estimate=self.estimate,
        )


@dataclass
class Column:
    index: int  # 0-based
    path: tuple[str, ...]  # header texts, top to bottom, as written
    kind: str  # one of TEXT_KINDS' names, "money" or "" (not used)
    money: Money | None = None
    unit: str | None = None  # a unit declared in the header, "(tỷ đồng)"

    @property
    def letter(self) -> str:
        return get_column_letter(self.index + 1)

    @property
    def label(self) -> str:
        """How a message names the column: "F (2011 / Vốn SN)"."""
        return f"{self.letter} ({' / '.join(self.path[-2:])})" if self.path else self.letter

    @property
    def parent(self) -> tuple[str, ...]:
        return self.path[:-1]


def classify(index: int, path: tuple[str, ...]) -> Column:
    if not path:
        return Column(index, path, "")
    levels = [fold(text) for text in path]
    whole = " ".join(levels)
    unit = _first(UNIT_WORDS, levels)
    for kind, pattern in TEXT_KINDS:
        if re.search(pattern, levels[-1]) or (
            len(levels) > 1 and not MONEY_WORDS.search(levels[-1]) and re.search(pattern, whole)
        ):
            return Column(index, path, kind, unit=unit)
    if not MONEY_WORDS.search(whole):
        return Column(index, path, "")
    return Column(index, path, "money", money=describe(path), unit=unit)


def describe(path: tuple[str, ...] | list[str]) -> Money:
    """The money attributes a header (or a cell such as "Vốn TW") gives."""
    levels = [fold(str(text)) for text in path]
    year = None
    for level in reversed(levels):
        years = {int(y) for y in YEAR.findall(level) if YEAR_MIN <= int(y) <= YEAR_MAX}
        if len(years) == 1:
            year = years.pop()
            break
        if len(years) > 1:  # "2011-2015": the whole period
            break
    source, sub_source = "", ""
    for depth in range(len(levels) - 1, -1, -1):
        for pattern, code, named in SOURCE_WORDS:
            if re.search(pattern, levels[depth]):
                source, sub_source = code, (str(path[depth]).strip() if named else "")
                break
        if source:
            # "Vốn khác" over "Bộ Công thương hỗ trợ": a level under the source that says
            # nothing else names the sub-source.
            below = levels[depth + 1] if depth + 1 < len(levels) else ""
            if below and not sub_source and not _says_something(below):
                sub_source = str(path[depth + 1]).strip()
            break
    capital = _deepest(CAPITAL_WORDS, levels)
    stage = _deepest(STAGE_WORDS, levels)
    leaf = levels[-1]
    # "Dự kiến tổng kinh phí đầu tư tỉnh" is the project's whole cost even though it names a
    # source; a plain "Tổng số" under "Kinh phí" is the whole cost of its row.
    estimate = year is None and bool(
        ESTIMATE.search(" ".join(levels))
        or (not source and not capital and TOTAL.match(leaf) and len(levels) > 1)
    )
    total = estimate or (not source and not capital and bool(TOTAL.match(leaf)))
    return Money(year, source, sub_source, capital, stage, total, estimate)


def _says_something(level: str) -> bool:
    return bool(
        YEAR.search(level)
        or TOTAL.match(level)
        or any(re.search(p, level) for p, _code in CAPITAL_WORDS + STAGE_WORDS)
        or any(re.search(p, level) for p, _code, _named in SOURCE_WORDS)
    )


def _deepest(table, levels: list[str]) -> str:
    for level in reversed(levels):
        for pattern, code in table:
            if re.search(pattern, level):
                return code
    return ""


def _first(table, levels: list[str]) -> str | None:
    for level in reversed(levels):
        for pattern, code in table:
            if re.search(pattern, level):
                return code
    return None


def unit_in(text: str) -> str | None:
    """The unit a line such as "ĐVT: triệu đồng" or "(Đơn vị tính: Tỷ đồng)" declares."""
    folded = fold(text)
    if not re.search(r"dvt|don vi tinh|don vi\s*:|^\(?\s*(trieu|ty)? ?dong\)?$", folded):
        return None
    return _first(UNIT_WORDS, [folded]) or None
