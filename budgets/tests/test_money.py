import pytest

from budgets.money import in_unit, parse_money, to_dong, with_unit


@pytest.mark.parametrize(
    ("amount", "unit", "dong"),
    [
        ("3.36", "ty", 3_360_000_000),
        ("32.20", "ty", 32_200_000_000),
        ("61600", "trieu", 61_600_000_000),
        ("0.6", "ty", 600_000_000),
        ("1", "dong", 1),
    ],
)
def test_document_amounts_become_whole_dong(amount, unit, dong):
    assert to_dong(amount, unit) == dong


def test_a_fraction_of_a_dong_is_refused_not_rounded():
    with pytest.raises(ValueError, match="không phải là một số đồng nguyên"):
        to_dong("0.0000001", "trieu")


@pytest.mark.parametrize(
    ("text", "dong"),
    [
        ("1.500.000.000", 1_500_000_000),
        ("3,4 tỷ", 3_400_000_000),
        ("500 triệu", 500_000_000),
        ("61.600 triệu", 61_600_000_000),
        ("1.234,5 triệu", 1_234_500_000),
        ("250000", 250_000),
        ("0", 0),
    ],
)
def test_vietnamese_amounts_are_parsed(text, dong):
    assert parse_money(text) == dong


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("ba trăm", "“ba trăm” không phải là số tiền"),
        ("-5 triệu", "số tiền không được âm"),
        ("1.23.4", "không phải là số tiền"),
        ("0,5 đồng", "không phải là một số đồng nguyên"),
    ],
)
def test_bad_amounts_get_a_vietnamese_message_naming_the_value(text, message):
    with pytest.raises(ValueError, match=message):
        parse_money(text)


def test_display_uses_vietnamese_separators():
    assert in_unit(32_200_000_000) == "32.200"
    assert in_unit(3_360_000_000, "ty") == "3,36"
    assert in_unit(1_234_500_000) == "1.234,5"
    assert with_unit(61_600_000_000) == "61.600 triệu đồng"
    assert in_unit(-1_500_000_000) == "-1.500"
    assert in_unit(None) == ""
