"""Amounts typed with other separators than Vietnamese documents use: thousands grouped by
spaces, and tables typed the English way ("1,234.5"; "1.839" tỷ is then one point eight), read
to the đồng, with the preview saying which way it read them."""

import pytest

from itplan.appendix import preview_file
from tests.appendix import workbook_bytes
from tests.factories import PlanFactory

HEADER = ["TT", "Tên dự án", "Đơn vị chủ trì", "Năm", "NSĐP"]


def preview_of(amounts: list[str], unit="ĐVT: tỷ đồng"):
    rows = [[unit], HEADER]
    rows += [[i, f"Dự án {i}", "Sở KH&CN", "2026", a] for i, a in enumerate(amounts, 1)]
    plan = PlanFactory(start_year=2026, end_year=2030)
    return preview_file("phu-luc.xlsx", workbook_bytes(rows), plan)


def need(preview) -> list[int]:
    return [sum(line.amount for line in p.lines) for p in preview.projects]


@pytest.mark.django_db
def test_a_table_typed_the_english_way_is_read_so_and_the_preview_says_it():
    preview = preview_of(["1.839", "0.915", "1,234.5"])
    assert need(preview) == [1_839_000_000, 915_000_000, 1_234_500_000_000]
    assert [str(w) for w in preview.warnings] == [
        "Số tiền trong bảng được đọc theo cách viết dấu chấm thập phân (1,234.5 là một "
        "nghìn hai trăm ba mươi tư phẩy năm): hãy kiểm tra các số dưới đây."
    ]


@pytest.mark.django_db
def test_one_vietnamese_decimal_keeps_the_table_vietnamese():
    preview = preview_of(["1.839", "0.915", "2,5"])
    assert need(preview) == [1_839_000_000_000, 915_000_000, 2_500_000_000]
    assert preview.warnings == []


@pytest.mark.django_db
def test_thousands_grouped_by_spaces():
    preview = preview_of(["1 500", "2 000,5"], unit="ĐVT: triệu đồng")
    assert need(preview) == [1_500_000_000, 2_000_500_000]
    assert preview.errors == []


@pytest.mark.django_db
def test_a_typo_is_still_an_error_naming_the_cell():
    preview = preview_of(["1.2.00", "3"])
    assert [str(e) for e in preview.errors] == [
        "Dòng 3, cột E (NSĐP): “1.2.00” không phải là số tiền"
    ]
