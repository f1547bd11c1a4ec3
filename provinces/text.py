"""Text helpers shared by every app: diacritic-insensitive search keys."""

import unicodedata

from django.db.models import Q


def fold(text: str) -> str:
    """``text`` lower-cased without Vietnamese diacritics: "Một cửa Đông Hải" -> "mot cua dong hai".

    NFD decomposition strips the tone and vowel marks; "đ" is a letter of its own, not a
    decomposable one, so it is mapped by hand.
    """
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return " ".join(stripped.lower().split())


def folded_search(field: str, text: str) -> Q:
    """A filter matching rows whose folded ``field`` contains every word of ``text``, in any
    order and without diacritics: "mot cua bac lieu" matches "Một cửa điện tử Bạc Liêu"."""
    condition = Q()
    for word in fold(text).split():
        condition &= Q(**{f"{field}__contains": word})
    return condition
