"""What a column of an appendix table holds, read from its header as the document wrote it, or
as the clerk said in the preview.

Headers are matched by meaning, without diacritics or case (the words are in ``vocabulary``):
"Tên dự án", "Tên dự án, nhiệm vụ" and "Nhiệm vụ cụ thể" are all the name column; "Nhu cầu vốn
đầu tư các năm" over "2011" over "Vốn SN" is a money column of 2011, recurrent capital. The
deepest header level that says something wins, so "Vốn SN" under "Nhu cầu vốn đầu tư" is
recurrent, not investment.

Where the words are not understood, a ``ColumnMap`` says what a column is: by its position (the
command's ``--columns name=B``, the preview's choices) or by its header text, folded (what a
province's clerk chose before, so it applies to the next file even if the columns moved).
"""

import re
from dataclasses import dataclass, field, replace

from django.utils.translation import gettext_lazy as _
from openpyxl.utils import column_index_from_string, get_column_letter

from budgets.models import Source
from projects.periods import YEAR_MAX, YEAR_MIN
from provinces.text import fold

from .vocabulary import (
    AS_WRITTEN,
    CAPITAL_WORDS,
    ESTIMATE,
    LEAD_WORDS,
    LOCAL_LEVELS,
    MONEY_WORDS,
    PROVINCE_LEVEL,
    SOURCE_WORDS,
    STAGE_WORDS,
    TEXT_ROLES,
    TOTAL,
    UNIT_LINE,
    UNIT_WORDS,
    YEAR,
)

# What a clerk may say a column is; the code is also the command's ``--columns`` role.
ROLES = [
    ("", _("Bỏ qua cột này")),
    ("ref", _("Số thứ tự (TT)")),
    ("name", _("Tên dự án, nhiệm vụ")),
    ("objective", _("Mục tiêu")),
    ("scale", _("Quy mô, nội dung")),
    ("lead", _("Cơ quan chủ trì")),
    ("partners", _("Cơ quan phối hợp")),
    ("period", _("Thời gian thực hiện")),
    ("status", _("Tình trạng")),
    ("notes", _("Ghi chú")),
    ("total", _("Tổng mức đầu tư")),
    ("money", _("Kinh phí theo tiêu đề")),  # year, source, capital type as the header says
    ("central", _("Kinh phí NSTW")),
    ("local", _("Kinh phí NSĐP")),
    ("other", _("Kinh phí nguồn khác")),
    ("source", _("Nguồn vốn (chữ)")),
    ("capital_type", _("Loại vốn (chữ)")),
    ("year", _("Năm (từng dòng)")),
]
ROLE_CODES = [code for code, _label in ROLES]
MONEY_ROLES = {"total", "money", "central", "local", "other"}
SOURCE_ROLES = {"central": "central", "local": "local", "other": "other"}


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
    kind: str  # one of TEXT_ROLES' names, "money" or "" (not used)
    money: Money | None = None
    unit: str | None = None  # a unit declared in the header, "(tỷ đồng)"
    role: str = ""  # one of ROLE_CODES: what the preview's choice shows
    auto: str = ""  # the role the header's words give, before any ColumnMap
    chosen: bool = False  # the role comes from a ColumnMap

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

    @property
    def key(self) -> str:
        return header_key(self.path)


def header_key(path) -> str:
    """The folded header of a column, levels joined: how a saved mapping names the column."""
    return " / ".join(fold(str(text)) for text in path)


@dataclass
class ColumnMap:
    """What the clerk said the columns are: ``by_index`` (0-based column → role, from the
    preview's choices or ``--columns``) wins over ``by_text`` (folded header → role, the
    province's saved choices), which wins over the header's words."""

    by_index: dict[int, str] = field(default_factory=dict)
    by_text: dict[str, str] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.by_index or self.by_text)

    def role_for(self, index: int, path: tuple[str, ...]) -> str | None:
        if index in self.by_index:
            return self.by_index[index]
        return self.by_text.get(header_key(path)) if path else None

    def names(self, index: int, text: str) -> bool:
        """Whether the header cell ``text`` in column ``index`` is the name column's."""
        if self.by_index.get(index) == "name":
            return True
        folded = fold(text)
        return any(
            role == "name" and key.split(" / ")[0] == folded for key, role in self.by_text.items()
        )


class BadColumns(ValueError):
    """A ``--columns`` text that does not name roles and columns; the message says which."""


def parse_letters(spec: str) -> ColumnMap:
    """``name=B,total=F,local=G`` (roles and columns as Excel shows them) as a ``ColumnMap``."""
    by_index: dict[int, str] = {}
    known = ", ".join(code or "ignore" for code in ROLE_CODES)
    for part in filter(None, (p.strip() for p in spec.split(","))):
        role, sep, letter = (s.strip() for s in part.partition("="))
        role = "" if role.lower() in ("ignore", "skip", "bo-qua") else role.lower()
        if not sep or role not in ROLE_CODES:
            raise BadColumns(
                _("“%(part)s”: không có vai trò cột “%(role)s”; dùng một trong: %(known)s.")
                % {"part": part, "role": part.partition("=")[0].strip(), "known": known}
            )
        try:
            if not re.fullmatch(r"[A-Za-z]{1,3}", letter):
                raise ValueError
            index = column_index_from_string(letter.upper()) - 1
        except ValueError:
            raise BadColumns(
                _("“%(part)s”: “%(letter)s” không phải là tên cột Excel (A, B, …, AA).")
                % {"part": part, "letter": letter}
            ) from None
        if index in by_index:
            raise BadColumns(_("Cột %(letter)s được gán hai lần.") % {"letter": letter.upper()})
        by_index[index] = role
    return ColumnMap(by_index=by_index)


def classify(index: int, path: tuple[str, ...], columns: ColumnMap | None = None) -> Column:
    """The column at ``index`` (0-based) with header levels ``path``, as ``columns`` (if it
    names the column) or the header's words say."""
    column = _by_words(index, path)
    column.auto = column.role
    chosen = columns.role_for(index, path) if columns else None
    if chosen is None or chosen == column.role:
        return column
    return with_role(column, chosen)


def with_role(column: Column, role: str) -> Column:
    """``column`` as the clerk says it is."""
    kind, money = role, None
    if role in MONEY_ROLES:
        kind, described = "money", describe(column.path, levels=True)
        if role == "total":
            money = Money(stage=described.stage, total=True, estimate=True)
        elif role in SOURCE_ROLES:
            source = SOURCE_ROLES[role]
            sub = described.sub_source if described.source == source else ""
            money = replace(described, source=source, sub_source=sub, total=False, estimate=False)
        else:
            money = described
    return replace(column, kind=kind, money=money, role=role, chosen=True)


def _by_words(index: int, path: tuple[str, ...]) -> Column:
    if not path:
        return Column(index, path, "")
    levels = [fold(text) for text in path]
    whole = " ".join(levels)
    unit = _first(UNIT_WORDS, levels)
    for kind, pattern in TEXT_ROLES:
        if pattern.search(levels[-1]) or (
            len(levels) > 1 and not MONEY_WORDS.search(levels[-1]) and pattern.search(whole)
        ):
            return Column(index, path, kind, unit=unit, role=kind)
    if not MONEY_WORDS.search(whole):
        return Column(index, path, "")
    money = describe(path, levels=True)
    role = "total" if money.estimate else "money"
    return Column(index, path, "money", money=money, unit=unit, role=role)


def describe(path: tuple[str, ...] | list[str], *, levels: bool = False) -> Money:
    """The money attributes a header (or a cell such as "Vốn TW") gives. With ``levels``, a
    local budget level ("NS tỉnh", "NS cấp xã") is kept as the sub-source."""
    folded = [fold(str(text)) for text in path]
    year = None
    for level in reversed(folded):
        years = {int(y) for y in YEAR.findall(level) if YEAR_MIN <= int(y) <= YEAR_MAX}
        if len(years) == 1:
            year = years.pop()
            break
        if len(years) > 1:  # "2011-2015": the whole period
            break
    source, sub_source = "", ""
    for depth in range(len(folded) - 1, -1, -1):
        for pattern, code, named in SOURCE_WORDS:
            if match := pattern.search(folded[depth]):
                source = code
                if named == AS_WRITTEN:
                    sub_source = str(path[depth]).strip()
                elif named and levels:
                    sub_source = _level(folded[depth])
                elif code == Source.OTHER:
                    sub_source = _named_after(str(path[depth]), folded[depth], match.end())
                break
        if source:
            # "Vốn khác" over "Bộ Công thương hỗ trợ": a level under the source that says
            # nothing else names the sub-source.
            below = folded[depth + 1] if depth + 1 < len(folded) else ""
            if below and not sub_source and not _says_something(below):
                sub_source = str(path[depth + 1]).strip()
            break
    capital = _deepest(CAPITAL_WORDS, folded)
    stage = _deepest(STAGE_WORDS, folded)
    leaf = folded[-1]
    # "Dự kiến tổng kinh phí đầu tư tỉnh" is the project's whole cost even though it names a
    # source; a plain "Tổng số" under "Kinh phí" is the whole cost of its row.
    estimate = year is None and bool(
        ESTIMATE.search(" ".join(folded))
        or (not source and not capital and TOTAL.match(leaf) and len(folded) > 1)
    )
    total = estimate or (not source and not capital and bool(TOTAL.match(leaf)))
    return Money(year, source, sub_source, capital, stage, total, estimate)


def describe_source(text: str) -> Money:
    """What a row's "Nguồn vốn" cell says ("Vốn TW", "Ngân sách các huyện"): as ``describe``,
    with a local level other than the province's own kept as the sub-source."""
    money = describe([text], levels=True)
    return replace(money, sub_source="") if money.sub_source == PROVINCE_LEVEL else money


def _level(folded: str) -> str:
    """The local budget level(s) a header names: "Ngân sách cấp xã", or "" for NSĐP."""
    names = [name for pattern, name in LOCAL_LEVELS if pattern.search(folded)]
    if len(names) > 1:  # "NS huyện, xã"
        return names[0] + ", " + ", ".join(n.rsplit(" ", 1)[-1] for n in names[1:])
    return names[0] if names else ""


def _named_after(text: str, folded: str, end: int) -> str:
    """The words after "Vốn khác" in one cell ("Vốn khác Bộ Công thương hỗ trợ", a header
    written on one row) that name the sub-source, up to any that say something else (a year,
    a capital type, the unit)."""
    if end < len(folded) and folded[end] != " ":
        return ""  # the source's words end inside a word
    words = text.split()[len(folded[:end].split()) :]
    named: list[str] = []
    for word in words:
        said = fold(" ".join(named + [word]))
        if _says_something(said) or _first(UNIT_WORDS, [said]):
            break
        named.append(word)
    while named and fold(named[-1]) in LEAD_WORDS:  # the "Vốn" of "Vốn SN", "năm" of "năm 2013"
        named.pop()
    return " ".join(named).strip(" -–:,;(")


def _says_something(level: str) -> bool:
    return bool(
        YEAR.search(level)
        or TOTAL.match(level)
        or any(p.search(level) for p, _code in CAPITAL_WORDS + STAGE_WORDS)
        or any(p.search(level) for p, _code, _named in SOURCE_WORDS)
    )


def _deepest(table, levels: list[str]) -> str:
    for level in reversed(levels):
        for pattern, code in table:
            if pattern.search(level):
                return code
    return ""


def _first(table, levels: list[str]) -> str | None:
    for level in reversed(levels):
        for pattern, code in table:
            if pattern.search(level):
                return code
    return None


def unit_in(text: str) -> str | None:
    """The unit a line such as "ĐVT: triệu đồng" or "(Đơn vị tính: Tỷ đồng)" declares."""
    folded = fold(text)
    if not UNIT_LINE.search(folded):
        return None
    return _first(UNIT_WORDS, [folded]) or None
