"""A 2025 province is named with the provinces merged into it, each once, and not with itself."""

from provinces.models import predecessor_names


def test_a_province_is_named_with_the_provinces_merged_into_it():
    assert predecessor_names("Cà Mau", ["Bạc Liêu"]) == ["Bạc Liêu"]


def test_a_province_that_only_took_its_own_old_self_is_named_once():
    assert predecessor_names("Quảng Trị", ["Quảng Trị"]) == []
    assert predecessor_names("Quảng Trị", []) == []


def test_its_own_name_stays_beside_another_predecessor_each_once():
    names = ["Quảng Bình", "Quảng Trị", "Quảng Bình"]
    assert predecessor_names("Quảng Trị", names) == ["Quảng Bình", "Quảng Trị"]
