"""Who governs a territory on a date, and what the documents of that date call it.

A plan keeps the province that issued it; a report on it is issued by whoever governs that
province's territory on the report's date: the province itself until it was merged, its
successor after (Nghị quyết 202/2025/QH15, from 01/07/2025). The IT department moved too: the Sở
Thông tin và Truyền thông joined the Sở Khoa học và Công nghệ on 01/03/2025 (Nghị quyết
176/2025/QH15 and each province's decision).
"""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from provinces.models import Province

PROVINCES_MERGED = datetime.date(2025, 7, 1)  # 63 provinces became 34, cấp huyện abolished
DEPARTMENTS_MERGED = datetime.date(2025, 3, 1)  # Sở TT&TT into Sở KH&CN, and others

# Official names, data rather than interface text: a document in any language names the agency
# so, as it names "Cà Mau".
IT_DEPARTMENT_BEFORE = "Sở Thông tin và Truyền thông"
IT_DEPARTMENT = "Sở Khoa học và Công nghệ"


def governing(province: Province, on: datetime.date) -> Province:
    """The province governing ``province``'s territory on ``on``: itself up to its
    ``valid_until``, then its successor (and the successor's, should it be merged again)."""
    seen = {province.pk}
    while province.valid_until and on > province.valid_until and province.successor_id:
        province = province.successor
        if province.pk in seen:  # a cycle typed in the admin: stop rather than loop
            break
        seen.add(province.pk)
    return province


def it_department(on: datetime.date) -> str:
    """The provincial department in charge of IT on ``on``."""
    return IT_DEPARTMENT if on >= DEPARTMENTS_MERGED else IT_DEPARTMENT_BEFORE


def named_on(province: Province, on: datetime.date) -> str:
    """How a document dated ``on`` names ``province`` in a sentence: "tỉnh Bạc Liêu" while it
    exists, "tỉnh Bạc Liêu (cũ)" once it has been merged (so "… của tỉnh Bạc Liêu (cũ)")."""
    if governing(province, on) == province:
        return province.full_name
    return _("%(province)s (cũ)") % {"province": province.full_name}


@dataclass(frozen=True)
class Issuer:
    """The head of a report on ``province``'s plan dated ``on``."""

    province: Province  # the governing province
    committee: str  # "UBND TỈNH CÀ MAU"
    department: str  # "Sở Khoa học và Công nghệ"
    plan_owner: str  # "tỉnh Bạc Liêu (cũ)"


def issuer(province: Province, on: datetime.date) -> Issuer:
    """Who issues, on ``on``, a report on a plan of ``province``, and how it names the plan's
    province."""
    today = governing(province, on)
    return Issuer(
        province=today,
        committee=today.committee,
        department=it_department(on),
        plan_owner=named_on(province, on),
    )
