"""The header vocabulary: real spellings of appendix headers, each read as the column it is; units
written in a column's header; named sub-sources kept from the header to the exported workbook."""

import io

import openpyxl
import pytest

from budgets.models import BudgetLine, StatedTotal
from itplan.appendix import Defaults, apply, preview_file
from itplan.appendix.columns import classify, unit_in
from itplan.appendix.export import plan_workbook
from itplan.appendix.vocabulary import PROVINCE_LEVEL

TRIEU = 10**6

# (header levels as typed, the role read)
TEXT_HEADERS = [
    (("TT",), "ref"),
    (("STT",), "ref"),
    (("T T",), "ref"),
    (("Số TT",), "ref"),
    (("Số thứ tự",), "ref"),
    (("Tên dự án",), "name"),
    (("TÊN DỰ ÁN",), "name"),
    (("Tên  dự\nán",), "name"),
    (("Tên nhiệm vụ",), "name"),
    (("Tên dự án, nhiệm vụ",), "name"),
    (("Tên nhiệm vụ, dự án",), "name"),
    (("Tên dự án/ nhiệm vụ",), "name"),
    (("Tên đề án",), "name"),
    (("Tên chương trình, dự án",), "name"),
    (("Nhiệm vụ cụ thể",), "name"),
    (("Nhiệm vụ",), "name"),
    (("Các nhiệm vụ",), "name"),
    (("Dự án",), "name"),
    (("Dự án, nhiệm vụ",), "name"),
    (("Nhiệm vụ/dự án",), "name"),
    (("Danh mục",), "name"),
    (("Danh mục dự án",), "name"),
    (("Danh mục dự án, nhiệm vụ",), "name"),
    (("Danh mục các nhiệm vụ",), "name"),
    (("Nội dung",), "name"),
    (("Nội dung nhiệm vụ",), "name"),
    (("Nội dung/hạng mục công việc 2014",), "scale"),
    (("Quy mô, nội dung",), "scale"),
    (("Mục tiêu",), "objective"),
    (("Mục tiêu dự án",), "objective"),
    (("Mục tiêu, quy mô",), "objective"),
    (("Cơ quan chủ trì",), "lead"),
    (("Đơn vị chủ trì",), "lead"),
    (("Chủ đầu tư",), "lead"),
    (("Đơn vị thực hiện",), "lead"),
    (("Đơn vị đầu mối",), "lead"),
    (("Tên công việc",), "name"),
    (("Cơ quan thực hiện",), "lead"),
    (("Đơn vị triển khai",), "lead"),
    (("Đơn vị",), "lead"),
    (("Trách nhiệm cụ thể", "Đơn vị chủ trì"), "lead"),
    (("Cơ quan phối hợp",), "partners"),
    (("Đơn vị phối hợp",), "partners"),
    (("Trách nhiệm cụ thể", "Đơn vị phối hợp"), "partners"),
    (("Thời gian thực hiện",), "period"),
    (("Thời gian triển khai",), "period"),
    (("Thời gian",), "period"),
    (("Năm thực hiện",), "period"),
    (("Giai đoạn thực hiện",), "period"),
    (("Tiến độ thực hiện",), "period"),
    (("Thời gian hoàn thành",), "period"),
    (("Tình trạng",), "status"),
    (("Tình hình thực hiện",), "status"),
    (("Ghi chú",), "notes"),
    (("GHI CHÚ",), "notes"),
    (("Nguồn vốn",), "source"),
    (("Nguồn kinh phí",), "source"),
    (("Loại vốn",), "capital_type"),
    (("Năm",), "year"),
    (("Công việc trọng tâm",), ""),  # not a word the importer knows: the clerk says what it is
    (("Người ký",), ""),
]


@pytest.mark.parametrize(
    ("path", "role"), TEXT_HEADERS, ids=[" / ".join(p) for p, _ in TEXT_HEADERS]
)
def test_text_headers_are_read_by_their_words(path, role):
    assert classify(3, path).role == role


# (header levels as typed, (source, sub-source, capital type, year, stage, total, estimate))
MONEY_HEADERS = [
    (("Tổng mức đầu tư",), ("", "", "", None, "", True, True)),
    (("Tổng mức (tỷ đồng)",), ("", "", "", None, "", True, True)),
    (("Tổng kinh phí",), ("", "", "", None, "", True, True)),
    (("Dự kiến kinh phí",), ("", "", "", None, "", True, True)),
    (("Kinh phí dự kiến",), ("", "", "", None, "", True, True)),
    (("Tổng dự toán",), ("", "", "", None, "", True, True)),
    (("Tổng cộng",), ("", "", "", None, "", True, False)),
    (("Kinh phí", "Tổng số"), ("", "", "", None, "", True, True)),
    (("Kinh phí",), ("", "", "", None, "", True, False)),
    (("NSTW",), ("central", "", "", None, "", False, False)),
    (("NS TW",), ("central", "", "", None, "", False, False)),
    (("Ngân sách trung ương",), ("central", "", "", None, "", False, False)),
    (("Trung ương hỗ trợ",), ("central", "", "", None, "", False, False)),
    (("Vốn TW",), ("central", "", "", None, "", False, False)),
    (("NSĐP",), ("local", "", "", None, "", False, False)),
    (("Ngân sách địa phương",), ("local", "", "", None, "", False, False)),
    (("NS tỉnh",), ("local", PROVINCE_LEVEL, "", None, "", False, False)),
    (("Ngân sách tỉnh",), ("local", PROVINCE_LEVEL, "", None, "", False, False)),
    (("Ngân sách cấp tỉnh",), ("local", PROVINCE_LEVEL, "", None, "", False, False)),
    (("NS cấp xã",), ("local", "Ngân sách cấp xã", "", None, "", False, False)),
    (("NS xã",), ("local", "Ngân sách cấp xã", "", None, "", False, False)),
    (("NS huyện",), ("local", "Ngân sách cấp huyện", "", None, "", False, False)),
    (("Ngân sách cấp huyện",), ("local", "Ngân sách cấp huyện", "", None, "", False, False)),
    (("NS huyện, xã",), ("local", "Ngân sách cấp huyện, xã", "", None, "", False, False)),
    (
        ("Quỹ dịch vụ viễn thông công ích",),
        ("other", "Quỹ dịch vụ viễn thông công ích", "", None, "", False, False),
    ),
    (("Quỹ VTCI",), ("other", "Quỹ VTCI", "", None, "", False, False)),
    (("ODA",), ("other", "ODA", "", None, "", False, False)),
    (("Vốn ODA",), ("other", "Vốn ODA", "", None, "", False, False)),
    (("Vốn vay",), ("other", "Vốn vay", "", None, "", False, False)),
    (("Xã hội hóa",), ("other", "Xã hội hóa", "", None, "", False, False)),
    (("Vốn doanh nghiệp",), ("other", "Vốn doanh nghiệp", "", None, "", False, False)),
    (("Vốn khác",), ("other", "", "", None, "", False, False)),
    (("Nguồn khác",), ("other", "", "", None, "", False, False)),
    (("Huy động khác",), ("other", "", "", None, "", False, False)),
    (
        ("Vốn khác", "Bộ Công thương hỗ trợ"),
        ("other", "Bộ Công thương hỗ trợ", "", None, "", False, False),
    ),
    # A header written on one row: the words after "Vốn khác" name the sub-source.
    (
        ("Vốn khác Bộ Công thương hỗ trợ",),
        ("other", "Bộ Công thương hỗ trợ", "", None, "", False, False),
    ),
    (
        ("Vốn khác Bộ Công thương hỗ trợ (triệu đồng)",),
        ("other", "Bộ Công thương hỗ trợ", "", None, "", False, False),
    ),
    (("Vốn khác Vốn SN",), ("other", "", "recurrent", None, "", False, False)),
    (("Nguồn khác năm 2013",), ("other", "", "", 2013, "", False, False)),
    (("Đầu tư phát triển",), ("", "", "investment", None, "", False, False)),
    (("ĐTPT",), ("", "", "investment", None, "", False, False)),
    (("Vốn ĐTPT",), ("", "", "investment", None, "", False, False)),
    (("Sự nghiệp",), ("", "", "recurrent", None, "", False, False)),
    (("Vốn SN",), ("", "", "recurrent", None, "", False, False)),
    (("Chi thường xuyên",), ("", "", "recurrent", None, "", False, False)),
    (("NSTW", "Sự nghiệp"), ("central", "", "recurrent", None, "", False, False)),
    (("Năm 2026",), ("", "", "", 2026, "", False, False)),
    (("2026",), ("", "", "", 2026, "", False, False)),
    (("Giai đoạn 2026-2030",), ("", "", "", None, "", False, False)),
    (
        ("Nhu cầu vốn đầu tư các năm", "2011", "Vốn SN"),
        ("", "", "recurrent", 2011, "need", False, False),
    ),
    (
        ("Vốn đầu tư tỉnh bố trí năm 2013",),
        ("local", PROVINCE_LEVEL, "investment", 2013, "allocated", False, False),
    ),
    (("Giải ngân 2025", "NSTW"), ("central", "", "", 2025, "disbursed", False, False)),
]


@pytest.mark.parametrize(
    ("path", "expected"), MONEY_HEADERS, ids=[" / ".join(p) for p, _ in MONEY_HEADERS]
)
def test_money_headers_say_source_sub_source_capital_type_and_year(path, expected):
    column = classify(5, path)
    assert column.kind == "money"
    m = column.money
    assert (
        m.source,
        m.sub_source,
        m.capital_type,
        m.year,
        m.stage,
        m.total,
        m.estimate,
    ) == expected


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Tổng mức (tỷ đồng)", "ty"),
        ("Kinh phí (Tỷ đồng)", "ty"),
        ("Kinh phí\n(Triệu đồng)", "trieu"),
        ("Kinh phí (tr.đ)", "trieu"),
        ("Số tiền (đồng)", "dong"),
        ("NSTW", None),
    ],
)
def test_a_unit_in_a_header_cell_is_that_columns_unit(text, unit):
    assert classify(4, (text,)).unit == unit


@pytest.mark.parametrize(
    ("line", "unit"),
    [
        ("ĐVT: triệu đồng", "trieu"),
        ("(Đơn vị tính: Tỷ đồng)", "ty"),
        ("Đơn vị: đồng", "dong"),
        ("Đơn vị tính: triệu đồng", "trieu"),
        ("Kèm theo Quyết định số 12/QĐ-UBND", None),
    ],
)
def test_unit_lines_above_the_table(line, unit):
    assert unit_in(line) == unit


def book(rows) -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.title = "Phụ lục"
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_a_column_headed_in_ty_overrides_the_sheets_trieu(empty_plan):
    content = book(
        [
            ["ĐVT: triệu đồng"],
            ["TT", "Tên dự án", "Cơ quan chủ trì", "Tổng mức (tỷ đồng)", "NSTW", "NSĐP"],
            [1, "Cổng dịch vụ công", "Sở KH&CN", 3.5, 2000, 1500],
            [2, "Trung tâm dữ liệu", "Sở KH&CN", "1,2", 1200, None],
        ]
    )
    preview = preview_file("don-vi.xlsx", content, empty_plan)
    assert not preview.errors, [str(e) for e in preview.errors]
    assert preview.unit == "trieu"
    first, second = preview.projects
    assert first.estimate == 3_500 * TRIEU  # 3,5 tỷ
    assert second.estimate == 1_200 * TRIEU  # "1,2" tỷ
    assert [(line.source, line.amount) for line in first.lines] == [
        ("central", 2_000 * TRIEU),
        ("local", 1_500 * TRIEU),
    ]


def test_a_header_unit_needs_no_unit_line(empty_plan):
    content = book(
        [
            ["TT", "Tên nhiệm vụ", "Đơn vị thực hiện", "Kinh phí (đồng)"],
            [1, "Chữ ký số", "Sở KH&CN", 750_000_000],
        ]
    )
    preview = preview_file("dong.xlsx", content, empty_plan)
    assert not preview.errors, [str(e) for e in preview.errors]
    assert preview.projects[0].lines[0].amount == 750_000_000


SUB_SOURCES = [
    ["ĐVT: triệu đồng"],
    [
        "TT",
        "Danh mục dự án, nhiệm vụ",
        "Đơn vị chủ trì",
        "Thời gian triển khai",
        "Nguồn vốn",
        None,
        None,
        None,
    ],
    [None, None, None, None, "NS tỉnh", "NS cấp xã", "Quỹ dịch vụ viễn thông công ích", "ODA"],
    ["I", "Hạ tầng", None, None, 500, 300, 200, 0],
    [1, "Mạng nội bộ xã", "UBND các xã", "2026-2027", 400, 300, None, None],
    [2, "Wifi công cộng", "Sở KH&CN", "2026", 100, None, 200, None],
    ["Cộng", None, None, None, 500, 300, 200, None],
]


def merged_header(content: bytes) -> bytes:
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    sheet = workbook.active
    for letter in "ABCD":
        sheet.merge_cells(f"{letter}2:{letter}3")
    sheet.merge_cells("E2:H2")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_ns_tinh_and_ns_cap_xa_stay_distinct_from_preview_to_export_and_back(empty_plan):
    content = merged_header(book(SUB_SOURCES))
    preview = preview_file("nguon.xlsx", content, empty_plan)
    assert not preview.errors, [str(e) for e in preview.errors]
    commune = preview.projects[0]
    assert [(line.source, line.sub_source, line.amount) for line in commune.lines] == [
        ("local", PROVINCE_LEVEL, 400 * TRIEU),
        ("local", "Ngân sách cấp xã", 300 * TRIEU),
    ]
    assert [(line.source, line.sub_source) for line in preview.projects[1].lines] == [
        ("local", PROVINCE_LEVEL),
        ("other", "Quỹ dịch vụ viễn thông công ích"),
    ]
    assert not preview.differences()  # the group and the total add up by sub-source
    apply(preview, empty_plan)
    lines = BudgetLine.objects.for_plan(empty_plan)
    assert dict(lines.filter(source="local").sums_by("sub_source")) == {
        PROVINCE_LEVEL: 500 * TRIEU,
        "Ngân sách cấp xã": 300 * TRIEU,
    }
    assert StatedTotal.objects.filter(plan=empty_plan, sub_source="Ngân sách cấp xã").count() == 2

    exported = io.BytesIO()
    plan_workbook(empty_plan).save(exported)
    again = preview_file("xuat.xlsx", exported.getvalue(), empty_plan, sheet="Phụ lục")
    assert not again.errors, [str(e) for e in again.errors]
    assert sorted(
        (line.source, line.sub_source, line.amount) for p in again.projects for line in p.lines
    ) == sorted((line.source, line.sub_source, line.amount) for line in lines.order_by("pk"))


def test_ngan_sach_tinh_alone_is_the_provinces_budget_without_a_sub_source(empty_plan):
    content = book(
        [
            ["ĐVT: triệu đồng"],
            ["TT", "Tên dự án", "Cơ quan chủ trì", "Trung ương hỗ trợ", "Ngân sách tỉnh"],
            [1, "Một cửa điện tử", "Sở KH&CN", 300, 200],
        ]
    )
    preview = preview_file("tinh.xlsx", content, empty_plan, defaults=Defaults())
    assert [(line.source, line.sub_source) for line in preview.projects[0].lines] == [
        ("central", ""),
        ("local", ""),
    ]


def test_a_ten_du_an_column_wins_the_name_over_a_noi_dung_column_before_it(empty_plan):
    content = book(
        [
            ["ĐVT: triệu đồng"],
            ["TT", "Nội dung", "Tên dự án", "Cơ quan chủ trì", "NSĐP"],
            [1, "Hạ tầng số", "Mạng diện rộng của tỉnh", "Sở KH&CN", 700],
        ]
    )
    preview = preview_file("noi-dung.xlsx", content, empty_plan)
    (project,) = preview.projects
    assert (project.name, project.scale) == ("Mạng diện rộng của tỉnh", "Hạ tầng số")


def test_a_source_written_in_each_row_keeps_its_local_level(empty_plan):
    content = book(
        [
            ["ĐVT: triệu đồng"],
            ["TT", "Tên nhiệm vụ", "Đơn vị chủ trì", "Nguồn vốn", "Kinh phí"],
            [1, "Bộ phận một cửa cấp xã", "UBND các xã", "NS cấp xã", 300],
            [2, "Hội nghị truyền hình", "Văn phòng UBND tỉnh", "Ngân sách tỉnh", 500],
            [3, "Wifi công cộng", "Doanh nghiệp", "Xã hội hóa", 200],
        ]
    )
    preview = preview_file("nguon-tung-dong.xlsx", content, empty_plan)
    assert not preview.errors, [str(e) for e in preview.errors]
    assert [(p.lines[0].source, p.lines[0].sub_source) for p in preview.projects] == [
        ("local", "Ngân sách cấp xã"),
        ("local", ""),
        ("other", "Xã hội hóa"),
    ]


def test_one_row_headers_keep_each_vốn_khác_sub_source_apart(empty_plan):
    content = book(
        [
            ["ĐVT: triệu đồng"],
            [
                "TT",
                "Tên dự án",
                "Cơ quan chủ trì",
                "Vốn khác Bộ Công thương hỗ trợ",
                "Vốn khác Doanh nghiệp",
            ],
            [1, "Sàn thương mại điện tử", "Sở Công Thương", 800, 400],
            [2, "Cổng xúc tiến thương mại", "Sở Công Thương", 200, None],
            ["Cộng", None, None, 1000, 400],
        ]
    )
    preview = preview_file("mot-dong.xlsx", content, empty_plan)
    assert not preview.errors, [str(e) for e in preview.errors]
    assert [(line.sub_source, line.amount) for line in preview.projects[0].lines] == [
        ("Bộ Công thương hỗ trợ", 800 * TRIEU),
        ("Vốn khác Doanh nghiệp", 400 * TRIEU),
    ]
    assert not [str(w) for w in preview.warnings if "cộng lại được" in str(w)]


def test_a_parent_typed_once_over_unmerged_children_covers_each_of_them(empty_plan):
    # "Năm 2012" typed once over "NSĐP" typed once over "Vốn ĐTPT" | "Vốn SN", no merges.
    content = book(
        [
            ["ĐVT: triệu đồng"],
            ["TT", "Tên dự án", "Cơ quan chủ trì", "Kinh phí", None, None],
            [None, None, None, "Năm 2012", None, "Năm 2013"],
            [None, None, None, "NSĐP", None, "NSĐP"],
            [None, None, None, "Vốn ĐTPT", "Vốn SN", "Vốn SN"],
            [1, "Mạng nội bộ", "Sở KH&CN", 500, 300, 200],
        ]
    )
    preview = preview_file("khong-gop.xlsx", content, empty_plan)
    assert not preview.errors, [str(e) for e in preview.errors]
    lines = preview.projects[0].lines
    assert [(line.year, line.source, line.capital_type, line.amount) for line in lines] == [
        (2012, "local", "investment", 500 * TRIEU),
        (2012, "local", "recurrent", 300 * TRIEU),
        (2013, "local", "recurrent", 200 * TRIEU),
    ]


def test_a_blank_header_cell_over_a_blank_one_is_not_filled_from_its_left(empty_plan):
    # "NSTW" over "Vốn SN", then a column headed nowhere: it is not NSTW's second child.
    content = book(
        [
            ["ĐVT: triệu đồng"],
            ["TT", "Tên dự án", "Cơ quan chủ trì", "NSTW", None],
            [None, None, None, "Vốn SN", None],
            [1, "Mạng nội bộ", "Sở KH&CN", 300, 700],
        ]
    )
    preview = preview_file("khong-tieu-de.xlsx", content, empty_plan)
    assert not preview.errors, [str(e) for e in preview.errors]
    (project,) = preview.projects
    assert [(line.source, line.amount) for line in project.lines] == [("central", 300 * TRIEU)]
