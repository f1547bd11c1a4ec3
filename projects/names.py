"""When two project names are the same project: the one rule every matcher of names uses (the
appendix import's duplicates, the preview's "same name" warnings)."""

import re

from provinces.text import fold

# Words that never belong to a place name: "tỉnh và các huyện" is not a suffix naming the province.
_NOT_PLACE = {"va", "cac", "cho", "voi", "den", "nam", "giai", "doan", "trong", "theo", "cua"}
# "… tỉnh Bạc Liêu", "… của tỉnh", "… trên địa bàn tỉnh Bà Rịa Vũng Tàu", "… thành phố Cần Thơ"
_PLACE_SUFFIX = re.compile(
    r"(?:\s+(?:tren dia ban|tai|cua|o))?\s+(?:tinh|thanh pho|tp)(?P<place>(?:\s+\w+){0,4})$"
)


def comparable(name: str) -> str:
    """The key under which two spellings of one project's name are equal: diacritics, case,
    spacing and punctuation folded, and a closing place ("tỉnh Bạc Liêu", "của tỉnh", "trên địa
    bàn tỉnh …", "thành phố …") left out, since a plan lies in one province.

    "Cổng thông tin điện tử tỉnh Bạc Liêu" and "Cổng Thông tin điện tử." share "cong thong tin
    dien tu"; "Đào tạo cho cán bộ tỉnh và các huyện" keeps its words, which name no place.
    """
    key = " ".join(re.sub(r"[^\w]+", " ", fold(name)).replace("_", " ").split())
    match = _PLACE_SUFFIX.search(key)
    if match and not _NOT_PLACE.intersection(match.group("place").split()):
        stripped = key[: match.start()].strip()
        if stripped:
            return stripped
    return key


# "2213/QĐ-UBND", "1024 /KH-UBND", "05/2011/QĐ-UBND", folded: number, an optional year, the
# kind and the issuing body
_DOCUMENT_NUMBER = re.compile(
    r"(?<![\w/])(\d{1,5})\s*/\s*(?:(\d{4})\s*/\s*)?([a-z]{1,8}(?:\s*-\s*[a-z0-9]{1,12})+)(?![\w-])"
)


def document_numbers(text: str) -> list[str]:
    """The document numbers ("số, ký hiệu") ``text`` names, each as a key that does not depend
    on spacing, case or diacritics: "Kèm theo Kế hoạch số 1024 /KH-UBND" -> ["1024/kh-ubnd"]."""
    return [
        "/".join(part for part in (str(int(number)), year, re.sub(r"\s+", "", kind)) if part)
        for number, year, kind in _DOCUMENT_NUMBER.findall(fold(text))
    ]
