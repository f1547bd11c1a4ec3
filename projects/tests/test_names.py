"""One rule says when two project names are the same project, and what document number a title
names."""

import pytest

from projects.names import comparable, document_numbers

SAME = [
    ("Cổng thông tin điện tử tỉnh Bạc Liêu", "Cổng thông tin điện tử"),
    ("CỔNG THÔNG TIN  ĐIỆN TỬ.", "Cổng thông tin điện tử"),
    ("Cổng thông tin điện tử của tỉnh", "cong thong tin dien tu"),
    ("Cổng thông tin điện tử trên địa bàn tỉnh Bà Rịa - Vũng Tàu", "Cổng thông tin điện tử"),
    ("Hệ thống một cửa điện tử (tỉnh Trà Vinh)", "Hệ thống một cửa điện tử"),
    ("Trung tâm dữ liệu thành phố Cần Thơ", "Trung tâm dữ liệu"),
    ("Hội nghị truyền hình, trực tuyến", "Hội nghị truyền hình - trực tuyến"),
    ("Đào tạo CNTT", "Dao tao cntt"),
]
APART = [
    # words after "tỉnh" that name no place are the project's own
    ("Đào tạo cán bộ tỉnh và các huyện", "Đào tạo cán bộ"),
    ("Cổng thông tin điện tử", "Cổng dịch vụ công"),
    ("Nâng cấp mạng LAN giai đoạn 2", "Nâng cấp mạng LAN"),
]


@pytest.mark.parametrize(("one", "other"), SAME)
def test_spellings_of_one_project_compare_equal(one, other):
    assert comparable(one) == comparable(other)


@pytest.mark.parametrize(("one", "other"), APART)
def test_other_projects_stay_apart(one, other):
    assert comparable(one) != comparable(other)


def test_a_name_that_is_only_a_place_keeps_its_words():
    assert comparable("Tỉnh Bạc Liêu") == "tinh bac lieu"


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("(Kèm theo Kế hoạch số: 1024 /KH-UBND ngày 06 /5/2011 của UBND tỉnh)", ["1024/kh-ubnd"]),
        ("Ban hành kèm theo Quyết định số 2213/QĐ-UBND ngày 18/8/2011", ["2213/qd-ubnd"]),
        ("2213/QĐ-UBND (nhập thử)", ["2213/qd-ubnd"]),
        ("Quyết định số 05/2011/QĐ-UBND", ["5/2011/qd-ubnd"]),
        ("Kế hoạch 123/KH-UBND và Quyết định 45/QĐ-STTTT", ["123/kh-ubnd", "45/qd-stttt"]),
        ("ngày 06/5/2011, năm 2011 - 2015", []),
    ],
)
def test_document_numbers_named_in_a_title(text, numbers):
    assert document_numbers(text) == numbers
