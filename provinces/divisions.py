"""The administrative map of 2025, loaded from maintained packages rather than typed by hand.

- ``vietnam_provinces``: the 34 provinces and cities from 01/07/2025 and their 3.321 communes.
- ``vietnamadminunits`` (its data files only; importing the package loads its parsers, ~1 s):
  ``parser_legacy.json`` the 63 provinces before, ``converter_2025.json`` which old provinces
  each new one took.

The 11 provinces that took only themselves (Hà Nội, Huế, Cao Bằng…) are one row, valid before
and after. A merged province is two rows even under the same name: the old one (valid until
30/06/2025, its successor the new one) and the new one (valid from 01/07/2025). 63 + 34 - 11 = 86.

Slugs: a current province takes the slug of its short name ("ca-mau", "ho-chi-minh"), as the
dataset generator names them; an old province that shares its name with the new one takes
"-cu" ("vinh-long-cu"). ``KEPT_SLUGS``: the seed fixtures named the two Quảng Trị before this
loader. Rows already in the database (the seed, the generator) are reused, matched by slug or by
code, name and era, and keep their slug: plans and bookmarks point at it.
"""

import datetime
import importlib.util
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify
from vietnam_provinces import Province as NewProvince
from vietnam_provinces import Ward

from provinces.models import Commune, Province, split_kind
from provinces.succession import PROVINCES_MERGED
from provinces.text import fold

LAST_DAY_BEFORE = PROVINCES_MERGED - datetime.timedelta(days=1)  # 30/06/2025

# (code, current?) -> slug the seed fixtures gave before this loader existed.
KEPT_SLUGS = {("44", True): "quang-tri-2025", ("45", False): "quang-tri"}

COMMUNE_KINDS = {
    "xã": Commune.Kind.COMMUNE,
    "phường": Commune.Kind.WARD,
    "đặc khu": Commune.Kind.SPECIAL_ZONE,
}


@dataclass
class Entry:
    """One province row as the packages describe it."""

    code: str
    name: str
    kind: str
    current: bool  # valid on 01/07/2025 and after
    merged: bool  # took part in the 2025 merger (otherwise valid before and after)
    key: str  # vietnamadminunits' key, "tinhcamau"
    successor: "Entry | None" = None
    slug: str = ""
    row: Province | None = field(default=None, repr=False)

    @property
    def valid_from(self):
        return PROVINCES_MERGED if self.current and self.merged else None

    @property
    def valid_until(self):
        return None if self.current else LAST_DAY_BEFORE


@dataclass
class Counts:
    provinces: int = 0
    provinces_created: int = 0
    provinces_updated: int = 0
    communes: int = 0
    communes_created: int = 0
    communes_updated: int = 0

    def __str__(self):
        return (
            f"{self.provinces} tỉnh ({self.provinces_created} mới, {self.provinces_updated} "
            f"cập nhật), {self.communes} xã ({self.communes_created} mới, "
            f"{self.communes_updated} cập nhật)"
        )


def _data(name: str) -> dict:
    spec = importlib.util.find_spec("vietnamadminunits")  # finds it without importing it
    path = Path(spec.origin).parent / "data" / name
    with path.open(encoding="utf-8") as f:
        return json.load(f)


def _key(kind: str, short: str) -> str:
    """vietnamadminunits' key of a province: "tinhcamau", "thanhphohochiminh"."""
    label = "thành phố" if kind == Province.Kind.CITY else "tỉnh"
    return fold(f"{label} {short}").replace(" ", "")


def _kind(division_type: str) -> str:
    return Province.Kind.CITY if "thành phố" in division_type else Province.Kind.PROVINCE


def entries() -> list[Entry]:
    """The 86 province rows: the 34 current ones (11 of them valid before 2025 too), then the
    52 old ones merged into them, each with its successor."""
    legacy = _data("parser_legacy.json")["DICT_PROVINCE"]
    took = _data("converter_2025.json")["DICT_PROVINCE"]
    rows: list[Entry] = []
    olds: list[Entry] = []
    for item in NewProvince.iter_all():
        kind = _kind(item.division_type.value)
        _prefix, short = split_kind(item.name)
        key = _key(kind, short)
        if key not in took:
            raise ValueError(f"vietnamadminunits does not know {item.name} ({key})")
        merged = took[key] != [key]
        new = Entry(f"{item.code.value:02d}", short, kind, True, merged, key)
        rows.append(new)
        if not merged:
            continue
        for old_key in took[key]:
            old = legacy[old_key]
            old_kind = split_kind(old["province"])[0] or Province.Kind.PROVINCE
            olds.append(
                Entry(
                    code=old["provinceCode"],
                    name=old["provinceShort"],
                    kind=old_kind,
                    current=False,
                    merged=True,
                    key=old_key,
                    successor=new,
                )
            )
    current_slugs = set()
    for entry in rows:
        entry.slug = KEPT_SLUGS.get((entry.code, True)) or slugify(fold(entry.name))
        current_slugs.add(entry.slug)
    for entry in olds:
        slug = slugify(fold(entry.name))
        entry.slug = KEPT_SLUGS.get((entry.code, False)) or (
            f"{slug}-cu" if slug in current_slugs else slug
        )
    return rows + olds


def _same(row: Province, entry: Entry) -> bool:
    """``row`` is ``entry`` by code, name and era (the generator wrote "Thành phố Hồ Chí Minh")."""
    return (
        row.code == entry.code
        and fold(split_kind(row.name)[1]) == fold(entry.name)
        and (row.valid_until is None) == entry.current
    )


def _values(entry: Entry) -> dict:
    return {
        "code": entry.code,
        "name": entry.name,
        "kind": entry.kind,
        "valid_from": entry.valid_from,
        "valid_until": entry.valid_until,
    }


PROVINCE_FIELDS = ["code", "name", "kind", "valid_from", "valid_until", "successor"]


@transaction.atomic
def load_divisions() -> Counts:
    """Create or update the 86 provinces and the 3.321 communes; loading again changes nothing.
    Existing rows (the seed's, the generator's) are reused, not duplicated."""
    counts = Counts()
    wanted = entries()
    existing = list(Province.objects.all())
    by_slug = {row.slug: row for row in existing}
    for entry in wanted:
        row = by_slug.get(entry.slug)
        if row is None or (row.valid_until is None) != entry.current:
            row = next((r for r in existing if _same(r, entry)), None)
        entry.row = row
    new_rows = [Province(slug=e.slug, **_values(e)) for e in wanted if e.row is None]
    Province.objects.bulk_create(new_rows)  # without successors: some are not yet saved
    slugs = [row.slug for row in new_rows]
    created = {row.slug: row for row in Province.objects.filter(slug__in=slugs)}
    for entry in wanted:
        entry.row = entry.row or created[entry.slug]
    changed = []
    for entry in wanted:
        values = _values(entry) | {
            "successor_id": entry.successor.row.pk if entry.successor else None
        }
        if any(getattr(entry.row, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(entry.row, name, value)
            changed.append(entry.row)
    Province.objects.bulk_update(changed, PROVINCE_FIELDS)
    counts.provinces = len(wanted)
    counts.provinces_created = len(new_rows)
    counts.provinces_updated = len([row for row in changed if row.slug not in created])
    _load_communes({e.code: e.row for e in wanted if e.current}, counts)
    return counts


def _load_communes(provinces: dict[str, Province], counts: Counts) -> None:
    existing = {c.code: c for c in Commune.objects.all()}
    new, changed = [], []
    for ward in Ward.iter_all():
        values = {
            "province_id": provinces[f"{ward.province_code.value:02d}"].pk,
            "name": ward.name,
            "kind": COMMUNE_KINDS[ward.division_type.value],
            "search_key": fold(ward.name),
        }
        code = f"{ward.code.value:05d}"
        row = existing.get(code)
        if row is None:
            new.append(Commune(code=code, **values))
        elif any(getattr(row, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(row, name, value)
            changed.append(row)
        counts.communes += 1
    Commune.objects.bulk_create(new, batch_size=1000)
    Commune.objects.bulk_update(changed, ["province", "name", "kind", "search_key"], batch_size=500)
    counts.communes_created, counts.communes_updated = len(new), len(changed)
