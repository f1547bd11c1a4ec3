"""Finding a province's agency from the name a document writes, abbreviations and all.

Documents write the same agency many ways: "Sở TT&TT", "Sở TT và TT", "Sở Thông tin và Truyền
thông"; "VP UBND tỉnh", "Văn phòng Ủy ban nhân dân tỉnh". Names are compared by a key that folds
diacritics, expands the usual abbreviations and drops punctuation.
"""

import re
from functools import lru_cache

from provinces.models import Agency, Province
from provinces.text import fold

ABBREVIATIONS = [
    (r"\btt ?(&|va) ?tt\b|\btttt\b", "thong tin va truyen thong"),
    (r"\bkh ?(&|va) ?dt\b|\bkhdt\b", "ke hoach va dau tu"),
    (r"\bkh ?(&|va) ?cn\b|\bkhcn\b", "khoa hoc va cong nghe"),
    (r"\bgd ?(&|va) ?dt\b|\bgddt\b", "giao duc va dao tao"),
    (r"\btn ?(&|va) ?mt\b|\btnmt\b", "tai nguyen va moi truong"),
    (r"\bnn ?(&|va) ?ptnt\b", "nong nghiep va phat trien nong thon"),
    (r"\bld ?-? ?tb ?(&|va) ?xh\b|\bldtbxh\b", "lao dong thuong binh va xa hoi"),
    (r"\bvh ?,? ?tt ?(&|va) ?dl\b", "van hoa the thao va du lich"),
    (r"\bvp\b", "van phong"),
    (r"\bubnd\b", "uy ban nhan dan"),
    (r"\bhdnd\b", "hoi dong nhan dan"),
]


@lru_cache(maxsize=4096)
def agency_key(name: str) -> str:
    """The comparison key of an agency name: "Sở TT&TT" and "Sở Thông tin và Truyền thông"
    share "so thong tin va truyen thong"."""
    key = fold(name)
    for pattern, expansion in ABBREVIATIONS:
        key = re.sub(pattern, expansion, key)
    key = re.sub(r"[^\w ]+", " ", key)
    return " ".join(key.split())


def guess_kind(name: str) -> str:
    key = agency_key(name)
    if key.startswith("uy ban nhan dan"):
        return Agency.Kind.PEOPLES_COMMITTEE
    if key.startswith(("so ", "ban ", "van phong", "thanh tra", "cong an")):
        return Agency.Kind.DEPARTMENT
    return Agency.Kind.OTHER


class AgencyIndex:
    """The agencies of a province, looked up by ``agency_key`` (one query)."""

    def __init__(self, province: Province):
        self.province = province
        self.by_key = {agency_key(a.name): a for a in Agency.objects.filter(province=province)}

    def find(self, name: str) -> Agency | None:
        return self.by_key.get(agency_key(name)) if name else None

    def add(self, agency: Agency) -> None:
        self.by_key[agency_key(agency.name)] = agency
