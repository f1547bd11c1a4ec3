"""Text helpers shared by every app: diacritic-insensitive search keys."""

import unicodedata


def fold(text: str) -> str:
    """Return ``text`` lower-cased without Vietnamese diacritics: "Một cửa Đông Hải" -> "mot cua dong hai".

    NFD decomposition strips the tone and vowel marks; "đ" is a letter of its own, not a
    decomposable one, so it is mapped by hand.
    """
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return " ".join(stripped.lower().split())
