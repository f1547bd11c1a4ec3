"""Reading cells as the parser needs them: text, years, a row of column numbers, a unit
written in a cell."""

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from projects.periods import YEAR_MAX, YEAR_MIN
from provinces.text import fold


def cell_text(value) -> str:
    """A cell as text: numbers without ".0", Unicode composed (Word often pastes "ê" as "e"
    plus a combining mark), surrounding spaces removed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFC", str(value)).strip()


def year_in(text: str) -> int | None:
    """The whole number a year cell holds ("2014", "2014,0"), or None: "nan", "1e309" and
    "2014,5" are no year."""
    try:
        number = Decimal(text.replace(",", "."))
    except InvalidOperation:
        return None
    if not number.is_finite() or number != number.to_integral_value():
        return None
    return int(number) if YEAR_MIN <= number <= YEAR_MAX else None


def looks_like_year(value) -> bool:
    return isinstance(value, (int, float)) and YEAR_MIN <= value <= YEAR_MAX and value == int(value)


def is_numbering(row: list) -> bool:
    """A row of column numbers under the header: 1, 2, 3 … or (1), (2), (3) …"""
    cells = [cell_text(v) for v in row if cell_text(v)]
    if len(cells) < 3:
        return False
    numbers = [c.strip("()") for c in cells]
    if not all(n.isdigit() for n in numbers):
        return False
    values = [int(n) for n in numbers]
    return values[0] <= 2 and values == sorted(values) and len(set(values)) == len(values)


def unit_word(text: str) -> str | None:
    folded = fold(text)
    if re.search(r"\d\s*(ty|ti)( dong)?$", folded):
        return "ty"
    if re.search(r"\d\s*(trieu|tr)( dong)?$", folded):
        return "trieu"
    return None
