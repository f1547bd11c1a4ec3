"""Type the appendix of Quảng Trị 1024/KH-UBND (06/05/2011) into Excel, as a clerk would.

Source: /work/shared/seeds/001_896f676807870d56.txt, the table after "Phụ lục. Danh mục các dự án
ứng dụng CNTT thuộc kế hoạch ..." (groups 1 and 2 with "-" project rows, Nhu cầu vốn đầu tư các năm
2011..2015 split Vốn DTPT / Vốn SN, Tổng mức đầu tư, in triệu đồng) with its two closing total
rows. The table runs over three pages and the document repeats its header on each; the repeats
are typed too. Values are typed as printed, including the document's own mistakes. Writes
quang-tri-1024-2011.xlsx next to this script.
"""

from pathlib import Path

from openpyxl import Workbook
from sheet import RIGHT, set_widths, write_header, write_row, write_titles

OUT = Path(__file__).with_name("quang-tri-1024-2011.xlsx")

SHEET = "Phụ lục"
TITLE = [
    "Phụ lục. Danh mục các dự án ứng dụng CNTT thuộc kế hoạch",
    "Ứng dụng CNTT trong hoạt động của cơ quan nhà nước tỉnh Quảng Trị, giai đoạn 2011-2015",
    "(Kèm theo Kế hoạch số: 1024 /KH-UBND ngày 06 /5/2011 của UBND tỉnh Quảng Trị)",
]
UNIT = "DVT: Triệu đồng"
NCOLS = 15
HEADER_ROWS = 3
YEARS = [2011, 2012, 2013, 2014, 2015]


def header(tt):
    """Header cells (row offset, first column, text, rows spanned, columns spanned).

    The first page's header reads "T T" in the first cell, the repeats on pages 2 and 3 read "T".
    """
    cells = [
        (0, 1, tt, 3, 1),
        (0, 2, "Tên dự án", 3, 1),
        (0, 3, "Đơn vị thực hiện", 3, 1),
        (0, 4, "Đơn vị phối hợp", 3, 1),
        (0, 5, "Nhu cầu vốn đầu tư các năm", 1, 10),
        (0, 15, "Tổng mức đầu tư", 3, 1),
    ]
    for i, year in enumerate(YEARS):
        cells.append((1, 5 + 2 * i, year, 1, 2))
        cells.append((2, 5 + 2 * i, "Vốn DTPT", 1, 1))
        cells.append((2, 6 + 2 * i, "Vốn SN", 1, 1))
    return cells


SO = "Sở TT và TT"
VP = "VP UBND tỉnh"
LQ = "Các đơn vị liên quan"
_ = None

# Columns: TT, Tên dự án, Đơn vị thực hiện, Đơn vị phối hợp,
# 2011 DTPT, 2011 SN, 2012 DTPT, 2012 SN, 2013 DTPT, 2013 SN, 2014 DTPT, 2014 SN,
# 2015 DTPT, 2015 SN, Tổng mức đầu tư.  None (or _) = cell left empty.
# "HEADER T" marks where the document starts a new page with the header repeated.
ROWS = [
    (1, "Xây dựng cơ sở hạ tầng thông tin", _, _, _, _, _, _, _, _, _, _, _, _, "36.300"),
    (
        "-",
        (
            "Đầu tư mới, nâng cấp trang thiết bị CNTT và nâng cấp hệ thống mạng Lan cho các sở, "
            "ban, ngành và 09 huyện, thị xã, thành phố (29 DV)"
        ),
        SO,
        LQ,
        "3.500",
        _,
        "4.500",
        "600",
        "4.000",
        "600",
        "1.000",
        "1.000",
        "600",
        _,
        15800,
    ),
    (
        "-",
        "Nâng cấp hạ tầng CNTT cho Trung tâm tích hợp dữ liệu tỉnh",
        VP,
        "TT Tích hợp dữ liệu",
        _,
        _,
        _,
        _,
        "1.000",
        _,
        "1.000",
        _,
        _,
        _,
        "2.000",
    ),
    (
        "-",
        "Hệ thống giao ban trực tuyến cho 05 đơn vị cấp huyện",
        VP,
        LQ,
        _,
        _,
        "2.000",
        _,
        "2.000",
        _,
        "1.000",
        _,
        _,
        _,
        "5.000",
    ),
    (
        "-",
        "Hệ thống giao ban trực tuyến cho 04 đơn vị cấp huyện",
        SO,
        LQ,
        2000,
        _,
        "2.000",
        _,
        "2.000",
        _,
        "2.000",
        _,
        _,
        _,
        "8.000",
    ),
    (
        "-",
        "Nâng cấp hạ tầng CNTT cho Trung tâm CNTT và Truyền thông tỉnh",
        SO,
        "TT CNTT-TT",
        "1.000",
        _,
        "2.000",
        "500",
        _,
        _,
        _,
        _,
        _,
        _,
        "3.500",
    ),
    (
        # The 3.000 stands in a stray cell after the 2015 Vốn SN column; typed under 2015 Vốn DTPT.
        "-",
        "Cung cấp thiết bị, xây dựng mạng LAN cho các xã, phường, thị trấn (141 DV)",
        SO,
        LQ,
        _,
        _,
        _,
        _,
        "2.000",
        _,
        "2.000",
        _,
        "3.000",
        _,
        "7.000",
    ),
    (2, "Ứng dụng CNTT trong QLNN", _, _, _, _, _, _, _, _, _, _, _, _, "7.800"),
    (
        # The name is cut by the page break; its end is on the first row of the next page.
        "-",
        "Nâng cấp Trang thông tin điện tử tỉnh (đã được XD theo công nghệ Portal) thành Công",
        VP,
        LQ,
        _,
        _,
        "500",
        _,
        "500",
        _,
        _,
        _,
        _,
        _,
        "1.000",
    ),
    "HEADER T",
    (
        "-",
        "thông tin, tích hợp website các sở, ban, ngành và các địa phương trong tỉnh",
        _,
        _,
        _,
        _,
        _,
        _,
        _,
        _,
        _,
        _,
        _,
        _,
        _,
    ),
    (
        "-",
        ("Triển khai hệ thống quản lý Hồ sơ văn bản và điều hành tác nghiệp mới cho khoảng 50 DV"),
        VP,
        LQ,
        _,
        "500",
        _,
        "1.000",
        _,
        _,
        _,
        _,
        _,
        _,
        "1.500",
    ),
    (
        "-",
        (
            "XD và triển khai hệ thống gửi, nhận văn bản qua mạng tin học giữa các sở, ban ngành, "
            "UBND các huyện, thị xã, TP với nhau và giữa đơn vị trực thuộc UBND các UBND huyện, "
            "thị xã, TP với nhau"
        ),
        VP,
        LQ,
        _,
        "500",
        _,
        "500",
        _,
        _,
        _,
        _,
        _,
        _,
        "1.500",
    ),
    (
        "-",
        (
            "Xây dựng quy chế vận hành mạng tin học điện rộng, chia sẻ thông tin; trao đổi văn bản "
            "điện tử và hệ thống chi tiêu báo cáo KTXH của tỉnh qua mạng tin học điện rộng"
        ),
        VP,
        LQ,
        _,
        "300",
        _,
        "200",
        _,
        _,
        _,
        _,
        _,
        _,
        "500",
    ),
    (
        "-",
        "Xây dựng các hệ thống, phần mềm chuyên ngành về Tài chính – Ngân sách",
        "Sở Tài Chính",
        LQ,
        _,
        "300",
        _,
        "600",
        _,
        "600",
        _,
        _,
        _,
        _,
        "1.500",
    ),
    (
        "-",
        "XD hệ thống quản lý đơn thư khiếu nại tố cáo của tỉnh",
        "Thanh tra tỉnh",
        _,
        _,
        _,
        _,
        _,
        _,
        _,
        _,
        300,
        _,
        _,
        "300",
    ),
    (
        "-",
        "Xây dựng hệ thống quản lý cán bộ công chức tỉnh",
        "Sở Nội vụ",
        LQ,
        _,
        _,
        _,
        "300",
        _,
        "200",
        _,
        _,
        _,
        _,
        "500",
    ),
    (
        "-",
        "Dự án GIS cơ sở (Giai đoạn 2)",
        SO,
        LQ,
        _,
        "1.000",
        _,
        _,
        _,
        _,
        _,
        _,
        _,
        _,
        "1.000",
    ),
    (
        "-",
        "Dự án GIS chuyên đề Thông tin và Truyền thông",
        SO,
        _,
        _,
        _,
        _,
        _,
        _,
        "1.000",
        _,
        _,
        _,
        _,
        "2.000",
    ),
    "HEADER T",
    (
        "-",
        (
            "Tập huấn kỹ năng quản trị mạng (cho khoảng 200 HV là cán bộ chuyên trách CNTT trong "
            "các đơn vị)"
        ),
        SO,
        LQ,
        _,
        _,
        _,
        "150",
        _,
        _,
        _,
        _,
        _,
        _,
        "300",
    ),
    (
        "-",
        (
            "Tập huấn CIO, lập và quản lý dự án ứng dụng CNTT (khoảng 200 HV là cán bộ lãnh đạo, "
            "phụ trách hoặc chuyên trách CNTT trong các đơn vị cơ quan QLNN và doanh nghiệp)"
        ),
        SO,
        LQ,
        _,
        _,
        _,
        _,
        _,
        "50",
        _,
        _,
        _,
        "50",
        "100",
    ),
]

# Closing rows: the label stands in the TT cell, the next three cells are empty.
TOTALS = [
    (
        "Tổng vốn đầu tư phát triển",
        _,
        _,
        _,
        "9.100",
        _,
        "14.400",
        _,
        "14.800",
        _,
        "8.300",
        _,
        "3.500",
        _,
        50100,
    ),
    (
        "Tổng vốn sự nghiệp TT&TT",
        _,
        _,
        _,
        _,
        "2.050",
        _,
        "3.500",
        _,
        "2.300",
        _,
        "2.150",
        _,
        "1.500",
        "11.500",
    ),
]

# TT, Tên dự án, Đơn vị thực hiện, Đơn vị phối hợp, the ten year columns, Tổng mức đầu tư.
WIDTHS = [5, 48, 14, 18, *[9] * 10, 11]


def main():
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET

    row = write_titles(ws, TITLE, NCOLS)
    ws.cell(row, NCOLS, UNIT).alignment = RIGHT
    row = write_header(ws, row + 1, header("T T"), NCOLS, HEADER_ROWS)
    for values in ROWS:
        if values == "HEADER T":
            row = write_header(ws, row, header("T"), NCOLS, HEADER_ROWS)
            continue
        write_row(ws, row, values, boxed=True, bold=isinstance(values[0], int))
        row += 1
    for values in TOTALS:
        write_row(ws, row, values, boxed=True, bold=True)
        row += 1

    set_widths(ws, WIDTHS)
    wb.save(OUT)


if __name__ == "__main__":
    main()
