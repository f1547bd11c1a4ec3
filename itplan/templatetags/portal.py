import datetime

from django import template

from budgets.money import in_unit, vietnamese_number
from indicators.achievement import label

register = template.Library()


@register.filter
def person(user) -> str:
    """A user as pages name them: the full name, else the login, else "—"."""
    if user is None:
        return "—"
    return user.get_full_name() or user.get_username()


@register.filter
def trieu(amount) -> str:
    """Đồng shown in triệu, Vietnamese separators: 32200000000 -> "32.200"."""
    return in_unit(amount)


@register.filter
def trieu_or_dash(amount) -> str:
    """As ``trieu``, with "–" for nothing: a report's money tables, where a stage without money
    in the period has nothing to say, not a zero."""
    return in_unit(amount) if amount else "–"


@register.filter
def percent(value) -> str:
    """A percentage with a decimal comma, or "—": Decimal("45.5") -> "45,5%"."""
    if value is None:
        return "—"
    return f"{vietnamese_number(value, 1)}%"


@register.filter
def as_percent(share) -> str:
    """A share (0.5) as a whole percentage: "50%"."""
    return "" if share is None else f"{round(share * 100)}%"


@register.filter
def achievement_label(status: str, progress=None) -> str:
    """``indicators.achievement.label``: "Vượt chỉ tiêu" past the target, else the status's."""
    return label(status, progress) if status else ""


@register.filter
def clamp_percent(value) -> int:
    """A percentage held to 0–100, for the width of a bar."""
    return max(0, min(100, int(value)))


@register.filter
def dmy(value) -> str:
    """A date, or an ISO date string (as reports store them), as dd/mm/yyyy."""
    if not value:
        return ""
    if isinstance(value, str):
        value = datetime.date.fromisoformat(value)
    return value.strftime("%d/%m/%Y")
