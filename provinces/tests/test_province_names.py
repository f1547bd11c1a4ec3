"""A province names itself in documents with its kind: "tỉnh Bạc Liêu", "UBND THÀNH PHỐ HÀ NỘI"."""

from provinces.models import Province, split_kind


def test_a_province_and_a_city_in_a_header_and_in_a_sentence():
    ca_mau = Province(name="Cà Mau", kind=Province.Kind.PROVINCE)
    ha_noi = Province(name="Hà Nội", kind=Province.Kind.CITY)
    hcm = Province(name="Hồ Chí Minh", kind=Province.Kind.CITY)
    assert ca_mau.committee == "UBND TỈNH CÀ MAU"
    assert ha_noi.committee == "UBND THÀNH PHỐ HÀ NỘI"
    assert hcm.committee == "UBND THÀNH PHỐ HỒ CHÍ MINH"
    assert Province(name="Bạc Liêu").full_name == "tỉnh Bạc Liêu"
    assert ha_noi.full_name == "thành phố Hà Nội"


def test_a_name_written_with_its_kind_is_not_doubled():
    """The dataset generator writes "Thành phố Hồ Chí Minh" (and a kind it does not set)."""
    hcm = Province(name="Thành phố Hồ Chí Minh")
    assert hcm.committee == "UBND THÀNH PHỐ HỒ CHÍ MINH"
    assert hcm.full_name == "thành phố Hồ Chí Minh"
    assert split_kind("Tỉnh Cà Mau") == ("province", "Cà Mau")
    assert split_kind("Cà Mau") == (None, "Cà Mau")
