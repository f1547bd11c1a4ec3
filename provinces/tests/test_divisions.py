"""The administrative map of 2025 loaded from the packages: 34 provinces and cities, the 63
they replaced with each one's successor, 3.321 communes; the seed's rows reused, a second load
a no-op."""

import time

import pytest

from itplan.dataset.context import Counts
from itplan.dataset.generator import _province
from itplan.dataset.material import PROVINCES
from itplan.dataset.seed import load_provinces
from provinces.divisions import _data, _key, load_divisions
from provinces.models import Commune, Province


@pytest.fixture
def full_map(db):
    """The seed provinces, then the full map over them, as ``load_seed`` does."""
    load_provinces()
    return load_divisions()


def current():
    return Province.objects.filter(valid_until__isnull=True)


def before_2025():
    return Province.objects.filter(valid_from__isnull=True)


def test_the_full_map_has_34_provinces_63_before_2025_and_3321_communes(full_map):
    assert current().count() == 34
    assert before_2025().count() == 63
    assert Province.objects.count() == 86  # the 11 not merged are one row, valid before and after
    assert Commune.objects.count() == 3321
    assert full_map.provinces == 86 and full_map.communes == 3321
    unmerged = current().filter(valid_from__isnull=True)
    assert sorted(unmerged.values_list("name", flat=True)) == sorted(
        ["Cao Bằng", "Hà Nội", "Hà Tĩnh", "Huế", "Lai Châu", "Lạng Sơn", "Nghệ An",
         "Quảng Ninh", "Sơn La", "Thanh Hóa", "Điện Biên"]
    )  # fmt: skip


def test_each_old_province_has_the_successor_the_converter_gives(full_map):
    took = _data("converter_2025.json")["DICT_PROVINCE"]
    legacy = _data("parser_legacy.json")["DICT_PROVINCE"]
    assert len(took) == 34
    merged = {key: olds for key, olds in took.items() if olds != [key]}
    assert len(merged) == 23
    for new_key, old_keys in merged.items():
        olds = Province.objects.filter(
            valid_until__isnull=False,
            code__in=[legacy[k]["provinceCode"] for k in old_keys],
            name__in=[legacy[k]["provinceShort"] for k in old_keys],
        ).select_related("successor")
        assert len(olds) == len(old_keys), new_key
        successors = {p.successor for p in olds}
        assert len(successors) == 1, new_key
        successor = successors.pop()
        assert _key(successor.kind, successor.name) == new_key
        assert successor.predecessors.count() == len(old_keys)


def test_known_mergers(full_map):
    def successor(slug):
        return Province.objects.get(slug=slug).successor.name

    assert successor("bac-lieu") == "Cà Mau"
    assert successor("ca-mau-cu") == "Cà Mau"
    assert successor("binh-dinh") == "Gia Lai"
    assert successor("tra-vinh") == "Vĩnh Long"
    assert successor("ben-tre") == "Vĩnh Long"
    assert successor("tien-giang") == "Đồng Tháp"
    assert successor("quang-binh") == "Quảng Trị"
    assert successor("ba-ria-vung-tau") == "Hồ Chí Minh"
    assert Province.objects.get(slug="ha-noi").successor is None


def test_the_seed_rows_are_reused_not_duplicated(full_map):
    for slug in ("ca-mau", "quang-tri-2025", "gia-lai", "vinh-long", "dong-thap"):
        assert current().filter(slug=slug).exists(), slug
    for slug in ("bac-lieu", "quang-tri", "binh-dinh", "tra-vinh", "tien-giang"):
        assert Province.objects.get(slug=slug).valid_until is not None, slug
    assert Province.objects.filter(name="Quảng Trị").count() == 2
    assert Province.objects.filter(name="Cà Mau").count() == 2
    assert Province.objects.get(slug="quang-tri-2025").code == "44"
    assert Province.objects.get(slug="quang-tri").successor.slug == "quang-tri-2025"
    assert full_map.provinces_created == 76  # 86 less the 10 seed rows


def test_loading_twice_changes_nothing(full_map):
    before = list(Province.objects.values().order_by("pk"))
    communes = list(Commune.objects.values().order_by("pk"))
    again = load_divisions()
    assert (again.provinces_created, again.provinces_updated) == (0, 0)
    assert (again.communes_created, again.communes_updated) == (0, 0)
    assert list(Province.objects.values().order_by("pk")) == before
    assert list(Commune.objects.values().order_by("pk")) == communes


def test_the_seed_fixture_loaded_after_the_map_changes_nothing(db):
    load_divisions()
    before = list(Province.objects.values().order_by("pk"))
    load_provinces()
    assert list(Province.objects.values().order_by("pk")) == before


def test_rows_of_the_dataset_generator_are_reused_and_named_short(db):
    """The generator writes "Thành phố Hồ Chí Minh" and the 2025 provinces it needs."""
    hcm = Province.objects.create(
        code="79", slug="ho-chi-minh", name="Thành phố Hồ Chí Minh", valid_from="2025-07-01"
    )
    hue = Province.objects.create(code="46", slug="hue", name="Huế")
    load_divisions()
    hcm.refresh_from_db()
    hue.refresh_from_db()
    assert (hcm.name, hcm.kind) == ("Hồ Chí Minh", Province.Kind.CITY)
    assert hcm.committee == "UBND THÀNH PHỐ HỒ CHÍ MINH"
    assert hue.kind == Province.Kind.CITY
    assert Province.objects.filter(code="79").count() == 2  # and the old city, until 30/06/2025
    assert Province.objects.get(slug="ho-chi-minh-cu").successor == hcm


def test_communes_belong_to_their_2025_province_with_their_kind(full_map):
    ca_mau = Province.objects.get(slug="ca-mau")
    assert ca_mau.communes.count() == 64
    assert set(Commune.objects.values_list("kind", flat=True)) == set(Commune.Kind.values)
    assert Commune.objects.filter(kind=Commune.Kind.SPECIAL_ZONE).count() == 13
    hoan_kiem = Commune.objects.get(code="00070")
    assert (hoan_kiem.name, hoan_kiem.kind) == ("Phường Hoàn Kiếm", Commune.Kind.WARD)
    assert hoan_kiem.province.slug == "ha-noi"
    assert hoan_kiem.search_key == "phuong hoan kiem"
    assert not Commune.objects.filter(province__valid_until__isnull=False).exists()


def test_loading_everything_takes_well_under_ten_seconds(db):
    start = time.perf_counter()
    load_divisions()
    assert time.perf_counter() - start < 5


def test_the_dataset_generator_finds_its_34_provinces_in_the_map(db):
    load_divisions()
    counts = Counts()
    for spec in PROVINCES:
        row = _province(spec, 1, counts).row
        assert (row.code, row.valid_until) == (spec[0], None), spec
        assert Province.Kind(row.kind).label == spec[3], spec
    assert (counts.provinces, counts.provinces_reused) == (0, 34)
    assert Province.objects.count() == 86
