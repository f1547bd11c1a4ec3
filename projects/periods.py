"""Reading the periods documents write ("Năm 2011 - 2012", "2013-3015", "2014")."""

import re
from dataclasses import dataclass

from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext as _

# Any year outside this range is a typo in the document ("1013", "3015"), not a plan year.
YEAR_MIN = 1990
YEAR_MAX = 2100
YEAR_VALIDATORS = [MinValueValidator(YEAR_MIN), MaxValueValidator(YEAR_MAX)]

_NUMBER = re.compile(r"\d{3,4}")


@dataclass(frozen=True)
class Period:
    start: int | None
    end: int | None
    problems: tuple[str, ...] = ()


def parse_period(text: str) -> Period:
    """The first and last year written in ``text``; impossible years are reported, not kept.

    "Năm 2011 - 2012" -> 2011..2012; "2014" -> 2014..2014; "2013-3015" -> 2013..None with a problem
    naming "3015".
    """
    numbers = [int(n) for n in _NUMBER.findall(text or "")]
    problems = tuple(
        _("năm %(year)s không hợp lệ trong “%(text)s”") % {"year": n, "text": text}
        for n in numbers
        if not YEAR_MIN <= n <= YEAR_MAX
    )
    if not numbers:
        return Period(None, None, problems)
    start, end = numbers[0], numbers[-1]
    start_ok = YEAR_MIN <= start <= YEAR_MAX
    end_ok = YEAR_MIN <= end <= YEAR_MAX
    if start_ok and end_ok and end < start:
        problems += (_("năm kết thúc trước năm bắt đầu trong “%(text)s”") % {"text": text},)
    return Period(start if start_ok else None, end if end_ok else None, problems)
