"""The header of a UBND report: who issues it on its date (the province that governs then, its
IT department, or what the province's letterhead says), and the symbol after its number."""

import datetime

from django.utils.translation import gettext as _

from itplan.models import Letterhead
from provinces.models import Province
from provinces.succession import it_department
from provinces.text import fold

SAVED = object()  # ``heading``'s default: the province's saved letterhead


def heading(issuer: Province | None, on: datetime.date, letterhead=SAVED) -> dict:
    """The header, recipient and signature fields of a report of ``issuer`` dated ``on``: the
    province's letterhead where it sets them, otherwise the People's Committee and the IT
    department of that date (``letterhead=None``: those defaults only). A national roll-up (no
    issuer) has no parent body."""
    if letterhead is SAVED:
        letterhead = Letterhead.objects.filter(province=issuer).first() if issuer else None
    department = it_department(on)
    defaults = {
        "parent_body": issuer.committee if issuer else "",
        "issuing_body": department.upper(),
        "place": issuer.name if issuer else _("Hà Nội"),
        "recipient": _("Ủy ban nhân dân %(province)s") % {"province": issuer.full_name}
        if issuer
        else "",
        "signer_title": _("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"),
        "signer_name": "",
        "recipients": _("- Như trên;\n- Lãnh đạo Sở;\n- Lưu: VT."),
    }
    if letterhead is None:
        return defaults
    return {key: getattr(letterhead, key) or value for key, value in defaults.items()}


def number_suffix(issuing_body: str) -> str:
    """The report's symbol after its number, from the issuing body's initials: "SỞ KHOA HỌC VÀ
    CÔNG NGHỆ" -> "BC-SKHCN", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG" -> "BC-STTTT"."""
    initials = "".join(word[0] for word in fold(issuing_body).split() if word != "va")
    return f"BC-{initials.upper()}"
