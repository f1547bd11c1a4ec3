"""Type the appendix of Bạc Liêu 2213/QĐ-UBND (18/08/2011) into Excel, as a clerk would.

Source: /work/shared/seeds/000_4cd4febe21c63b6d.txt, the table after "PHỤ LỤC / DANH MỤC VÀ KINH
PHÍ THỰC HIỆN CÁC DỰ ÁN ..." (11 projects, Dự kiến kinh phí with "Trong đó" Trung ương hỗ trợ /
Ngân sách tỉnh, amounts written as "3,4 tỷ") with its "Cộng" row and the note under it. Values are
typed as printed. Writes bac-lieu-2213-2011.xlsx next to this script.
"""

from pathlib import Path

from openpyxl import Workbook
from sheet import BOLD, CENTER, box, merge, set_widths, write_header, write_row, write_titles

OUT = Path(__file__).with_name("bac-lieu-2213-2011.xlsx")

SHEET = "Phụ lục"
TITLE = [
    "PHỤ LỤC",
    (
        "DANH MỤC VÀ KINH PHÍ THỰC HIỆN CÁC DỰ ÁN TRONG KẾ HOẠCH ỨNG DỤNG CNTT TRONG HOẠT ĐỘNG "
        "CỦA CƠ QUAN NHÀ NƯỚC TỈNH BẠC LIÊU GIAI ĐOẠN 2011 - 2015"
    ),
    (
        "(Ban hành kèm theo Quyết định số 2213/QĐ-UBND ngày 18 tháng 8 năm 2011 của Chủ tịch "
        "Ủy ban nhân dân tỉnh Bạc Liêu)"
    ),
]
NCOLS = 8

# Header cells: (row offset, first column, text, rows spanned, columns spanned).
# The document's first header cell (over the numbers 1..11) is blank; it is left empty.
HEADER = [
    (0, 1, None, 2, 1),
    (0, 2, "Tên dự án", 2, 1),
    (0, 3, "Mục tiêu dự án", 2, 1),
    (0, 4, "Cơ quan chủ trì", 2, 1),
    (0, 5, "Thời gian thực hiện", 2, 1),
    (0, 6, "Dự kiến kinh phí", 2, 1),
    (0, 7, "Trong đó", 1, 2),
    (1, 7, "Trung ương hỗ trợ", 1, 1),
    (1, 8, "Ngân sách tỉnh", 1, 1),
]

SO_TTTT = "Sở Thông tin và Truyền thông"

# Columns: (blank header = TT), Tên dự án, Mục tiêu dự án, Cơ quan chủ trì, Thời gian thực hiện,
# Dự kiến kinh phí, Trung ương hỗ trợ, Ngân sách tỉnh.  None = cell left empty.
ROWS = [
    (
        1,
        (
            "Xây dựng hệ thống hội nghị giao ban trực tuyến từ tỉnh xuống huyện, thành phố và một "
            "số sở, ngành cấp tỉnh phục vụ điều hành của Lãnh đạo tỉnh và Trung ương"
        ),
        (
            "- Bảo đảm các cuộc họp của UBND tỉnh với Lãnh đạo UBND các huyện, thành phố được "
            "thực hiện qua môi trường mạng\n"
            "- Xây dựng được một số cầu hội nghị trực tuyến có thể nối kết với Trung ương (ngoài "
            "Văn phòng UBND tỉnh đã xây dựng xong)"
        ),
        SO_TTTT,
        "Năm 2011 - 2012",
        "3 tỷ",
        None,
        "3 tỷ",
    ),
    (
        2,
        (
            "Ứng dụng phần mềm quản lý hồ sơ, công việc và điều hành tác nghiệp các sở, ban, "
            "ngành cấp tỉnh và tương đương, UBND các huyện, thành phố"
        ),
        (
            "Tạo môi trường làm việc điện tử tăng hiệu quả công việc, giảm thiểu chi phí, thời "
            "gian và mở rộng không gian làm việc"
        ),
        "Các sở, ngành liên quan",
        "Năm 2012 - 2014",
        3.4,
        None,
        3.4,
    ),
    (
        3,
        (
            "Hoàn thiện hệ thống một cửa huyện Đông Hải và tiếp tục triển khai xây dựng hệ thống "
            "một cửa cho các huyện còn lại (Giá Rai, Vĩnh Lợi, Phước Long, Hồng Dân)"
        ),
        (
            "Tạo môi trường làm việc điện tử thân thiện với người dân, tăng hiệu quả công việc, "
            "giảm thiểu chi phí, thời gian"
        ),
        SO_TTTT,
        "Năm 2011 -2012",
        "4,8 tỷ",
        "3,36 tỷ",
        "1,44 tỷ",
    ),
    (
        4,
        (
            "Nâng cấp hệ thống mạng LAN và bổ sung, thay mới các máy vi tính đã hư hỏng, xuống cấp "
            "của cơ quan quản lý nhà nước trong tỉnh"
        ),
        (
            "Đảm bảo hạ tầng, trang thiết bị CNTT phục vụ tốt cho công việc, sẵn sàng đáp ứng ứng "
            "dụng hoạt động"
        ),
        SO_TTTT,
        "Năm 2012 - 2015",
        11,
        "7,7 tỷ",
        "3,3 tỷ",
    ),
    (
        5,
        "Nâng cấp phát triển Cổng Thông tin điện tử của tỉnh",
        (
            "Đáp ứng duy trì hệ thống và cung cấp thông tin phục vụ điều hành của lãnh đạo và môi "
            "trường trao đổi thông tin với người dân"
        ),
        SO_TTTT,
        "Năm 2012 -2015",
        "1 tỷ",
        None,
        "1 tỷ",
    ),
    (
        6,
        (
            "Triển khai Cổng Thành phần (subportal) trong Cổng Thông tin điện tử cho các sở, ban, "
            "ngành, đoàn thể cấp tỉnh và UBND các huyện, thành phố"
        ),
        (
            "Đảm bảo 100% các cơ quan nhà nước trong tỉnh tham gia vào Cổng Thông tin điện tử của "
            "tỉnh và cung cấp các dịch vụ công trực tuyến"
        ),
        SO_TTTT,
        "Năm 2011",
        "0,6 tỷ",
        None,
        "0,6 tỷ",
    ),
    (
        7,
        "Nâng cấp Trung tâm Tích hợp dữ liệu của tỉnh",
        (
            "Bảo đảm vận hành thông suốt 24/24, áp dụng các giải pháp an toàn thông tin và bảo "
            "mật, phù hợp với hệ thống của Trung ương"
        ),
        SO_TTTT,
        "Năm 2012 - 2014",
        "2,7 tỷ",
        "1,08 tỷ",
        "1,62 tỷ",
    ),
    (
        8,
        "Hoàn thiện mạng chuyên dụng của tỉnh kết nối các cơ quan Đảng, nhà nước các cấp",
        (
            "Đảm bảo thông suốt thông tin 24/24 và đảm bảo tính an ninh, an toàn thông tin trên "
            "hệ thống"
        ),
        SO_TTTT,
        "Năm 2012 - 2014",
        "1 tỷ",
        "0,4 tỷ",
        "0,6 tỷ",
    ),
    (
        9,
        "Đào tạo tập trung cán bộ CIO cho cơ quan quản lý nhà nước trong tỉnh",
        (
            "Nâng cao trình độ điều hành, quản lý cho cán bộ lãnh đạo của cơ quan quản lý nhà "
            "nước trong tỉnh"
        ),
        SO_TTTT,
        "Năm 2012 - 2015",
        "1,5 tỷ",
        0.75,
        "0,75 tỷ",
    ),
    (
        10,
        (
            "Đào tạo tập trung cán bộ chuyên trách và cán bộ sử dụng các ứng dụng CNTT của cơ quan "
            "quản lý nhà nước trong tỉnh"
        ),
        (
            "- Nâng cao trình độ quản lý, chuyên môn về CNTT cho cán bộ chuyên trách CNTT của cơ "
            "quan quản lý nhà nước trong tỉnh\n"
            "- Nâng cao trình độ, khả năng sử dụng các ứng dụng CNTT cho cán bộ của cơ quan quản "
            "lý nhà nước trong tỉnh"
        ),
        SO_TTTT,
        "Năm 2011 - 2015",
        "2,4 tỷ",
        "1,2 tỷ",
        "1,2 tỷ",
    ),
    (
        11,
        "Triển khai cài đặt chuyển đổi phần mềm thương mại sang phần mềm mã nguồn mở",
        (
            "Thực hiện Quyết định 50/2009/QĐ-TTg về Chương trình phát triển công nghiệp phần mềm "
            "và công nghiệp nội dung số Việt Nam"
        ),
        SO_TTTT,
        "Năm 2012 -2015",
        "0,8 tỷ",
        "0,4 tỷ",
        "0,4 tỷ",
    ),
]

# The "Cộng" cell spans the first five columns in the document.
TOTAL = ("Cộng", "32,20 tỷ", "14,89 tỷ", "17,31 tỷ")

# Under the table: the signing authority line, then the note, in the document's order.
AFTER = [
    (6, "UBND TỈNH BẠC LIÊU"),
    (
        1,
        "Ghi chú: Danh mục và kinh phí thực hiện các dự án nêu trên chỉ là dự kiến, quá trình "
        "triển khai thực hiện sẽ được xem xét, phê duyệt theo từng giai đoạn thời gian cụ thể, "
        "đảm bảo phù hợp với điều kiện thực tế và khả năng cân đối ngân sách.",
    ),
]

WIDTHS = [5, 40, 45, 22, 15, 12, 12, 12]


def main():
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET

    row = write_titles(ws, TITLE, NCOLS)
    ws.row_dimensions[2].height = 30
    row = write_header(ws, row, HEADER, NCOLS, 2)
    for values in ROWS:
        write_row(ws, row, values, boxed=True)
        row += 1

    label, *amounts = TOTAL
    ws.cell(row, 1, label).font = BOLD
    ws.cell(row, 1).alignment = CENTER
    for col, value in enumerate(amounts, start=6):
        ws.cell(row, col, value).font = BOLD
    box(ws, row, 1, NCOLS)
    merge(ws, row, 1, ncols=5)
    row += 2

    for col, text in AFTER:
        ws.cell(row, col, text)
        row += 1

    set_widths(ws, WIDTHS)
    wb.save(OUT)


if __name__ == "__main__":
    main()
