"""The rules of budgets.money that the documents depend on: the limits of an amount, how amounts
are rounded on screen, the disbursement rate, and how a total is read out in words."""

from decimal import Decimal

import pytest

from budgets.money import in_unit, in_words, parse_money, rate, to_dong, vietnamese_number


def test_the_largest_amount_is_just_under_a_million_ty():
    assert parse_money("999.999.999.999.999") == 999_999_999_999_999
    with pytest.raises(ValueError, match="quá lớn"):
        parse_money("1.000.000.000.000.000")
    with pytest.raises(ValueError, match="quá lớn"):
        to_dong("1000000", "ty")  # 10^15 đồng
    assert to_dong("999999.999999999", "ty") == 999_999_999_999_999


def test_zero_is_an_amount_and_a_negative_one_is_refused():
    assert to_dong("0", "trieu") == 0
    with pytest.raises(ValueError, match="số tiền không được âm"):
        to_dong("-1", "dong")


def test_a_value_that_is_no_number_is_refused():
    with pytest.raises(ValueError, match="không phải là số tiền"):
        to_dong("Infinity", "ty")


@pytest.mark.parametrize(
    ("text", "dong"),
    [
        ("2 tr", 2_000_000),
        ("15 đ", 15),
        ("7 dong", 7),
        ("1,5 ty", 1_500_000_000),
        ("12 trieu", 12_000_000),
    ],
)
def test_unit_words_after_the_number(text, dong):
    assert parse_money(text) == dong


def test_a_default_unit_applies_without_a_unit_word():
    assert parse_money("61.600", default_unit="trieu") == 61_600_000_000


@pytest.mark.parametrize(
    ("amount", "unit", "shown"),
    [
        (1_234_567, "trieu", "1,235"),  # at most three decimals, rounded
        (1_234_400, "trieu", "1,234"),
        (600, "trieu", "0,001"),
        (400, "trieu", "0"),
        (999_999_999, "ty", "1"),
        (1_500_000, "trieu", "1,5"),
        (7, "dong", "7"),
    ],
)
def test_amounts_on_screen_are_rounded_to_at_most_three_decimals(amount, unit, shown):
    assert in_unit(amount, unit) == shown


def test_fewer_decimals_on_request():
    assert in_unit(1_234_567, "trieu", max_decimals=1) == "1,2"
    assert in_unit(3_360_000_000, "ty", max_decimals=0) == "3"


def test_numbers_keep_vietnamese_separators():
    assert vietnamese_number(Decimal("1234567.5"), 1) == "1.234.567,5"
    assert vietnamese_number(12345678) == "12.345.678"


@pytest.mark.parametrize(
    ("part", "whole", "percent"),
    [
        (1, 3, Decimal("33.3")),
        (2, 3, Decimal("66.7")),
        (3_000_000_000, 3_000_000_000, Decimal("100.0")),
        (0, 5, Decimal("0.0")),
        (5, 4, Decimal("125.0")),
    ],
)
def test_the_disbursement_rate_is_a_percentage_with_one_decimal(part, whole, percent):
    assert rate(part, whole) == percent
    assert str(rate(part, whole)) == str(percent)


def test_no_rate_without_an_allocation():
    assert rate(5, 0) is None
    assert rate(0, 0) is None


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (5, "Năm đồng"),
        (10, "Mười đồng"),
        (11, "Mười một đồng"),
        (15, "Mười lăm đồng"),
        (21, "Hai mươi mốt đồng"),
        (25, "Hai mươi lăm đồng"),
        (40, "Bốn mươi đồng"),
        (105, "Một trăm linh năm đồng"),
        (110, "Một trăm mười đồng"),
        (999, "Chín trăm chín mươi chín đồng"),
        (1_000, "Một nghìn đồng"),
        (2_000_050, "Hai triệu không trăm năm mươi đồng"),
        (1_000_000_001, "Một tỷ không trăm linh một đồng"),
        (3_000_000_000_000_000, "Ba triệu tỷ đồng"),
        (
            12_345_678_901,
            "Mười hai tỷ ba trăm bốn mươi lăm triệu sáu trăm bảy mươi tám nghìn "
            "chín trăm linh một đồng",
        ),
    ],
)
def test_totals_in_words_as_documents_write_them(amount, words):
    assert in_words(amount) == words
