"""Who issues a report on a seed plan, by date: the province itself until 30/06/2025, the one it
joined after; the IT department is the Sở Khoa học và Công nghệ from 01/03/2025."""

import datetime

import pytest

from itplan.dataset.seed import load_provinces
from provinces.divisions import load_divisions
from provinces.models import Province
from provinces.succession import governing, issuer, it_department, named_on

TODAY = datetime.date(2026, 12, 3)
LAST_DAY = datetime.date(2025, 6, 30)
FIRST_DAY = datetime.date(2025, 7, 1)

# seed province -> (its header before the merger, the header from 01/07/2025)
SEEDS = {
    "bac-lieu": ("UBND TỈNH BẠC LIÊU", "UBND TỈNH CÀ MAU"),
    "quang-tri": ("UBND TỈNH QUẢNG TRỊ", "UBND TỈNH QUẢNG TRỊ"),
    "binh-dinh": ("UBND TỈNH BÌNH ĐỊNH", "UBND TỈNH GIA LAI"),
    "tra-vinh": ("UBND TỈNH TRÀ VINH", "UBND TỈNH VĨNH LONG"),
    "tien-giang": ("UBND TỈNH TIỀN GIANG", "UBND TỈNH ĐỒNG THÁP"),
}
SUCCESSORS = {
    "bac-lieu": "ca-mau",
    "quang-tri": "quang-tri-2025",
    "binh-dinh": "gia-lai",
    "tra-vinh": "vinh-long",
    "tien-giang": "dong-thap",
}


@pytest.fixture(params=["seed", "full map"])
def provinces(request, db):
    """The tests' small fixture, and the full map loaded over it: the same answers."""
    load_provinces()
    if request.param == "full map":
        load_divisions()


@pytest.mark.parametrize("slug", SEEDS)
def test_a_seed_plan_is_issued_by_its_successor_after_the_merger(provinces, slug):
    province = Province.objects.get(slug=slug)
    before, after = SEEDS[slug]
    assert governing(province, TODAY).slug == SUCCESSORS[slug]
    assert governing(province, FIRST_DAY).slug == SUCCESSORS[slug]
    assert governing(province, LAST_DAY) == province
    assert issuer(province, TODAY).committee == after
    assert issuer(province, LAST_DAY).committee == before


def test_bac_lieu_on_both_sides_of_the_merger(provinces):
    bac_lieu = Province.objects.get(slug="bac-lieu")
    today = issuer(bac_lieu, TODAY)
    assert today.province.name == "Cà Mau"
    assert (today.committee, today.department) == ("UBND TỈNH CÀ MAU", "Sở Khoa học và Công nghệ")
    assert today.plan_owner == "tỉnh Bạc Liêu (cũ)"
    then = issuer(bac_lieu, datetime.date(2025, 2, 28))
    assert (then.committee, then.department) == (
        "UBND TỈNH BẠC LIÊU",
        "Sở Thông tin và Truyền thông",
    )
    assert then.plan_owner == "tỉnh Bạc Liêu"


def test_a_current_province_governs_itself(provinces):
    ca_mau = Province.objects.get(slug="ca-mau")
    assert governing(ca_mau, TODAY) == ca_mau
    assert named_on(ca_mau, TODAY) == "tỉnh Cà Mau"


def test_the_old_quang_tri_is_named_old_in_the_new_one(provinces):
    assert named_on(Province.objects.get(slug="quang-tri"), TODAY) == "tỉnh Quảng Trị (cũ)"


def test_an_unmerged_province_governs_itself_before_and_after(db):
    load_divisions()
    hue = Province.objects.get(slug="hue")
    for day in (LAST_DAY, TODAY):
        assert governing(hue, day) == hue
    assert issuer(hue, TODAY).committee == "UBND THÀNH PHỐ HUẾ"
    assert issuer(hue, TODAY).plan_owner == "thành phố Huế"


def test_the_it_department_changed_on_1_march_2025():
    assert it_department(datetime.date(2025, 2, 28)) == "Sở Thông tin và Truyền thông"
    assert it_department(datetime.date(2025, 3, 1)) == "Sở Khoa học và Công nghệ"


def test_a_chain_of_mergers_is_followed(db):
    a = Province.objects.create(code="1", slug="a", name="A", valid_until=LAST_DAY)
    b = Province.objects.create(code="2", slug="b", name="B", valid_until=TODAY)
    c = Province.objects.create(code="3", slug="c", name="C")
    a.successor, b.successor = b, c
    a.save()
    b.save()
    assert governing(a, FIRST_DAY) == b
    assert governing(a, TODAY + datetime.timedelta(days=1)) == c
