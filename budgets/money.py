"""Money: whole đồng in the database, triệu or tỷ đồng with Vietnamese separators on screen."""

from decimal import Decimal

from django.utils.formats import number_format

UNITS = {"dong": 1, "trieu": 10**6, "ty": 10**9}
UNIT_LABELS = {"dong": "đồng", "trieu": "triệu đồng", "ty": "tỷ đồng"}


def to_dong(amount: str | int | Decimal, unit: str) -> int:
    """``amount`` written in ``unit`` ("ty", "trieu", "dong") as whole đồng.

    Exact: "3.36" tỷ -> 3_360_000_000. A value that is not a whole number of đồng raises
    ``ValueError`` rather than being rounded.
    """
    value = Decimal(str(amount)) * UNITS[unit]
    if value != value.to_integral_value():
        raise ValueError(f"{amount} {unit} không phải là một số đồng nguyên")
    return int(value)


def in_unit(amount: int | None, unit: str = "trieu", max_decimals: int = 3) -> str:
    """``amount`` đồng shown in ``unit``, grouped the Vietnamese way: 32_200_000_000 -> "32.200".

    Decimals are shown only as far as needed (3_360_000_000 in tỷ -> "3,36"), at most
    ``max_decimals``; ``None`` shows as an empty string.
    """
    if amount is None:
        return ""
    value = (Decimal(amount) / UNITS[unit]).quantize(Decimal(1).scaleb(-max_decimals))
    value = value.normalize()
    decimals = max(0, -value.as_tuple().exponent)
    return number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def with_unit(amount: int | None, unit: str = "trieu") -> str:
    """``in_unit`` followed by the unit's name: "32.200 triệu đồng"."""
    return "" if amount is None else f"{in_unit(amount, unit)} {UNIT_LABELS[unit]}"
