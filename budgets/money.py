"""Money: whole đồng in the database, triệu or tỷ đồng with Vietnamese separators on screen."""

import re
from decimal import ROUND_HALF_UP, Decimal

from django.utils import numberformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

UNITS = {"dong": 1, "trieu": 10**6, "ty": 10**9}
# Lazy: the unit follows the reader's language ("triệu đồng", "million VND").
UNIT_LABELS = {
    "dong": gettext_lazy("đồng"),
    "trieu": gettext_lazy("triệu đồng"),
    "ty": gettext_lazy("tỷ đồng"),
}


# An amount at or over this is a typo or a forged cell, not money of a plan (a whole
# province's budget for five years is far below); the database's bigint would overflow at 9.2e18.
MAX_AMOUNT = 10**15


def to_dong(amount: str | int | Decimal, unit: str) -> int:
    """``amount`` written in ``unit`` ("ty", "trieu", "dong") as whole đồng.

    Exact: "3.36" tỷ -> 3_360_000_000. A value that is not a whole number of đồng raises
    ``ValueError`` rather than being rounded, and so does one that ``checked`` refuses.
    """
    value = Decimal(str(amount)) * UNITS[unit]
    if not value.is_finite():
        raise ValueError(_("“%(value)s” không phải là số tiền") % {"value": amount})
    if value != value.to_integral_value():
        raise ValueError(
            _("“%(value)s” %(unit)s không phải là một số đồng nguyên")
            % {"value": amount, "unit": UNIT_LABELS[unit]}
        )
    return checked(value, f"{amount} {UNIT_LABELS[unit]}")


def checked(value: Decimal | int, shown: str) -> int:
    """``value`` đồng as an int if it can be money: not negative and below ``MAX_AMOUNT``;
    otherwise ``ValueError`` with a Vietnamese message naming ``shown`` (the value as written)."""
    if value < 0:
        raise ValueError(_("“%(value)s” là số âm: số tiền không được âm") % {"value": shown})
    if value >= MAX_AMOUNT:
        raise ValueError(
            _(
                "“%(value)s” quá lớn: số tiền phải dưới 10^15 đồng (một triệu tỷ đồng); hãy "
                "kiểm tra đơn vị tính và số chữ số."
            )
            % {"value": shown}
        )
    return int(value)


def to_unit(amount: int, unit: str = "trieu", decimals: int | None = None) -> Decimal:
    """``amount`` đồng as a number of ``unit`` ("dong", "trieu", "ty"): exact, or rounded to
    ``decimals`` places half away from zero as Excel's ROUND and the documents do
    (1_234_500 đồng -> 1,235 triệu; -1_234_500 -> -1,235). The one đồng -> triệu/tỷ
    conversion: pages, charts, the report's Excel and the appendix export all go through it."""
    value = Decimal(amount) / UNITS[unit]
    if decimals is None:
        return value
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def in_unit(amount: int | None, unit: str = "trieu", max_decimals: int = 3) -> str:
    """``amount`` đồng shown in ``unit``, grouped the Vietnamese way: 32_200_000_000 -> "32.200".

    Decimals are shown only as far as needed (3_360_000_000 in tỷ -> "3,36"), at most
    ``max_decimals``, the last rounded half up (``to_unit``); ``None`` shows as an empty string.
    """
    if amount is None:
        return ""
    value = to_unit(amount, unit, max_decimals).normalize()
    decimals = max(0, -value.as_tuple().exponent)
    return vietnamese_number(value, decimals)


_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")


def _hundreds(n: int, full: bool) -> list[str]:
    """0 < n < 1000 in words; ``full`` when digits come before it: "không trăm linh năm"."""
    hundreds, tens, units = n // 100, n // 10 % 10, n % 10
    words = [_DIGITS[hundreds], "trăm"] if hundreds or full else []
    if tens == 0:
        if units:
            words += ["linh", _DIGITS[units]] if words else [_DIGITS[units]]
    else:
        words += ["mười"] if tens == 1 else [_DIGITS[tens], "mươi"]
        if units == 1 and tens > 1:
            words.append("mốt")
        elif units == 5:
            words.append("lăm")
        elif units:
            words.append(_DIGITS[units])
    return words


def _number_words(n: int, full: bool = False) -> list[str]:
    """n > 0 in words: groups of three under "tỷ", the tỷ read as a number of its own
    (9.876 tỷ: "chín nghìn tám trăm bảy mươi sáu tỷ"); a zero group is skipped."""
    billions, rest = divmod(n, 10**9)
    words = _number_words(billions, full) + ["tỷ"] if billions else []
    full = full or bool(billions)
    for scale, name in ((10**6, "triệu"), (10**3, "nghìn"), (1, "")):
        group = rest // scale % 1000
        if group:
            words += _hundreds(group, full) + ([name] if name else [])
            full = True
    return words


def in_words(amount: int) -> str:
    """Whole đồng read out as documents write totals: 32_200_000_000 -> "Ba mươi hai tỷ hai
    trăm triệu đồng", 439_050_000_000 -> "Bốn trăm ba mươi chín tỷ không trăm năm mươi triệu
    đồng". Written here because num2words' Vietnamese drops the "không trăm" that documents and
    cheques write (it reads 439.050 triệu as "… chín tỷ năm mươi triệu")."""
    text = " ".join(_number_words(amount)) if amount else "không"
    return f"{text[:1].upper()}{text[1:]} đồng"


def vietnamese_number(value, decimal_pos: int | None = None) -> str:
    """``value`` with Vietnamese separators whatever the page's language: 1234567.5 ->
    "1.234.567,5". Money keeps the documents' notation even on the English pages."""
    return numberformat.format(
        value,
        decimal_sep=",",
        decimal_pos=decimal_pos,
        grouping=3,
        thousand_sep=".",
        force_grouping=True,
    )


def with_unit(amount: int | None, unit: str = "trieu") -> str:
    """``in_unit`` followed by the unit's name: "32.200 triệu đồng"."""
    return "" if amount is None else f"{in_unit(amount, unit)} {UNIT_LABELS[unit]}"


_UNIT_WORDS = [
    ("tỷ", "ty"),
    ("ty", "ty"),
    ("triệu", "trieu"),
    ("trieu", "trieu"),
    ("tr", "trieu"),
    ("đồng", "dong"),
    ("dong", "dong"),
    ("đ", "dong"),
]
_VI_NUMBER = re.compile(r"^\d{1,3}(\.\d{3})*(,\d+)?$|^\d+(,\d+)?$")
_SPACE_GROUPED = re.compile(r"^\d{1,3}( \d{3})+([,.]\d+)?$")  # "1 234 500", "1 234,5"
_ENGLISH = re.compile(r"^\d{1,3}(,\d{3})+\.\d+$")  # "1,234.5": commas group, the point divides
# "3.4", "0.915": no group of three after the point, or nothing before it to group
_DECIMAL_POINT = re.compile(r"^(\d+\.(\d{1,2}|\d{4,})|0\.\d+)$")


def _as_vietnamese(number: str) -> str:
    """The number written the Vietnamese way ("." groups thousands, "," marks decimals) when it
    is unmistakably written another way: thousands grouped by spaces, English separators
    ("1,234.5"), or a point followed by other than three digits ("3.4" tỷ). "3.400" stays
    three thousand four hundred, as Vietnamese documents mean it; anything else is left as typed
    (and "1.2.00" is still no amount)."""
    if _SPACE_GROUPED.match(number):
        return number.replace(" ", "").replace(".", ",")
    if _ENGLISH.match(number):
        return number.replace(",", "").replace(".", ",")
    if _DECIMAL_POINT.match(number):
        return number.replace(".", ",")
    return number


def parse_money(text: str, default_unit: str = "dong") -> int:
    """Whole đồng from a Vietnamese amount: "1.500.000.000", "3,4 tỷ", "500 triệu", "61.600".

    "." groups thousands and "," marks decimals, as Vietnamese documents write them; a unit word
    after the number overrides ``default_unit``. Raises ``ValueError`` with a Vietnamese message
    naming the value for text, negative amounts and fractions of a đồng.
    """
    raw = " ".join(str(text).strip().lower().split())
    unit = default_unit
    for word, code in _UNIT_WORDS:
        if raw.endswith(word):
            raw, unit = raw[: -len(word)].strip(), code
            break
    if raw.startswith("-"):
        raise ValueError(f"“{text}” là số âm: số tiền không được âm")
    raw = _as_vietnamese(raw)
    if not _VI_NUMBER.match(raw):
        raise ValueError(f"“{text}” không phải là số tiền")
    value = Decimal(raw.replace(".", "").replace(",", ".")) * UNITS[unit]
    if value != value.to_integral_value():
        raise ValueError(f"“{text}” không phải là một số đồng nguyên")
    return checked(value, str(text))


def rate(part: int, whole: int) -> Decimal | None:
    """``part`` as a percentage of ``whole``, one decimal (disbursed of allocated: the
    disbursement rate); ``None`` when ``whole`` is 0."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"))
