"""Type Phụ lục 2 of Bình Định 576/QĐ-UBND (24/10/2012) into Excel, as a clerk would.

Source: /work/shared/seeds/002_f669e539c8f4d157.txt, the table after "PHỤ LỤC 2 / LỘ TRÌNH TRIỂN
KHAI VÀ KHÁI TOÁN KINH PHÍ ..." (tasks in 4 groups "Nội dung 1: ..." to "Nội dung 4: ...", Trách
nhiệm cụ thể split Đơn vị chủ trì / Đơn vị phối hợp, Tình trạng, Nguồn kinh phí, Kinh phí in triệu
đồng; a second funding line of a task is a row of its own) and the "ƯỚC TỔNG KINH PHÍ" lines under
it. Values are typed as printed, including the document's own mistakes. Writes
binh-dinh-576-2012.xlsx next to this script.

Some strings of the document are written with combining accents (decomposed Unicode) instead of
precomposed letters; they are kept that way, spelt with explicit \\u escapes so they show.
"""

from pathlib import Path

from openpyxl import Workbook
from sheet import BOLD, WRAP, box, merge, set_widths, write_header, write_row, write_titles

OUT = Path(__file__).with_name("binh-dinh-576-2012.xlsx")

SHEET = "Phụ lục 2"
TITLE = [
    "PHỤ LỤC 2",
    (
        "LỘ TRÌNH TRIỂN KHAI VA\u0300 KHA\u0301I TOA\u0301N KINH PHI\u0301 XÂY DỰNG CHÍNH QUYỀN "
        "ĐIỆN TỬ TỈNH BÌNH ĐỊNH GIAI ĐOẠN 2012 - 2015"
    ),
    "(Kèm theo Quyết định số 576/QĐ-UBND ngày 24/10/2012 của UBND tỉnh Bình Định)",
]
NCOLS = 8

# Header cells: (row offset, first column, text, rows spanned, columns spanned).
HEADER = [
    (0, 1, "STT", 2, 1),
    (0, 2, "Nhiệm vụ cụ thể", 2, 1),
    (0, 3, "Trách nhiệm cụ thể", 1, 2),
    (1, 3, "Đơn vị chủ trì", 1, 1),
    (1, 4, "Đơn vị phối hợp", 1, 1),
    (0, 5, "Thời gian thực hiện", 2, 1),
    (0, 6, "Tình trạng", 2, 1),
    (0, 7, "Nguồn kinh phí", 2, 1),
    (0, 8, "Kinh phi\u0301\n(Triệu đồng)", 2, 1),
]

SO_TTTT = "Sở Thông tin và Truyền thông"
CAC_SO = "Các sở, ban, ngành, UBND các huyện, thị xã, thành phố"
CAC_SO_TP = "Các sở, ban, ngành, UBND các huyện, thành phố"
HUYEN = "UBND các huyện, thị xã, thành phố"
SN = "Vốn sự nghiệp"
_ = None

# Group rows: (reference, title, last column the title cell spans).  Group II has one more
# (empty) cell after its title in the document, so its title spans one column less.
# Task rows: STT, Nhiệm vụ cụ thể, Đơn vị chủ trì, Đơn vị phối hợp, Thời gian thực hiện,
# Tình trạng, Nguồn kinh phí, Kinh phí.  None (or _) = cell left empty.
ROWS = [
    (
        "I",
        (
            "Nội dung 1: Hoàn thiện hệ thống văn bản pháp luật về ứng dụng CNTT trong hoạt động cơ "
            "quan nhà nước"
        ),
        8,
    ),
    (
        1,
        (
            "Xây dựng trình UBND tỉnh ban hành Quy chế an toàn thông tin số trên địa bàn tỉnh Bình "
            "Định"
        ),
        SO_TTTT,
        CAC_SO,
        2012,
        "Đã thực hiện",
        _,
        _,
    ),
    (
        2,
        (
            "Xây dựng Chỉ thị về đẩy mạnh việc cung cấp thông tin và các dịch vụ trên cổng thông "
            "tin điện tử của tỉnh và trang thông tin điện tử của cơ quan nhà nước"
        ),
        SO_TTTT,
        CAC_SO,
        2012,
        "Đang thực hiện",
        _,
        _,
    ),
    (
        3,
        (
            "Xây dựng chính sách khuyến khích phát triển và ứng dụng CNTT tỉnh Bình Định giai đoạn "
            "2012 - 2020"
        ),
        SO_TTTT,
        CAC_SO,
        2012,
        "Đang thực hiện",
        _,
        _,
    ),
    (
        4,
        (
            "Xây dựng Quy chế hoạt động trang thông tin điện tử của các sở, ban, ngành, UBND các "
            "huyện, thành phố"
        ),
        CAC_SO_TP,
        SO_TTTT,
        "2012-2012",
        "Đang thực hiện",
        _,
        _,
    ),
    ("II", "Nội dung 2: Hoàn thiện hạ tầng kỹ thuật CNTT", 7),
    (
        1,
        "Xây dựng Trung tâm CNTT của tỉnh ",
        SO_TTTT,
        "Sở Tài chính, Kế hoạch và Đầu tư",
        "2013-2015",
        "Chưa thực hiện",
        "Vốn đầu tư",
        20000,
    ),
    (
        2,
        (
            "Trang bị đầy đủ các thiết bị cần thiết đảm bảo Trung tâm tích hợp dữ liệu của tỉnh "
            "hoạt động ổn định, thông suốt"
        ),
        SO_TTTT,
        _,
        "2012-2013",
        "Đang thực hiện",
        "Vốn đấu tư",
        "6.000",
    ),
    (
        3,
        (
            "Hoàn thiện hệ thống mạng diện rộng của tỉnh, đảm bảo các CQNN có thể kết nối và khai "
            "thác thông tin đạt hiệu quả"
        ),
        SO_TTTT,
        _,
        "2012-2015",
        "Chưa thực hiện",
        "Vốn đầu tư",
        "1.000",
    ),
    (_, _, _, _, _, _, "Vốn TW", "1.000"),
    (
        4,
        (
            "Hoàn thiện hệ thống mạng nội bộ (LAN), hạ tầng CNTT, thiết bị bảo mật an toàn thông "
            "tin tại các sở, ban, ngành, UBND tỉnh, các huyện, thị xã, thành phố"
        ),
        CAC_SO_TP,
        SO_TTTT,
        "2012-2015",
        "Chưa thực hiện",
        "Vốn đâ\u0300u tư",
        "1.500",
    ),
    (
        5,
        (
            "Xây dựng hệ thống mạng LAN ở UBND một số xã, phường, thị trấn đảm bảo trang thiết bị "
            "CNTT phục vụ cho hoạt động tại đơn vị"
        ),
        "UBND các xã, phường, thị trấn liên quan",
        HUYEN,
        "2012-2015",
        "Chưa thực hiện",
        "Ngân sách các huyện",
        _,
    ),
    (
        6,
        (
            "Xây dựng hệ thống hội nghị giao ban trực tuyến giữa UBND tỉnh với UBND các huyện, thị "
            "xã, thành phố"
        ),
        SO_TTTT,
        HUYEN,
        2012,
        "Đang thực hiện",
        SN,
        1839,
    ),
    (
        "III",
        "Nội dung 3: Hoàn thiện hệ thống thông tin và nâng cao ứng dụng CNTT trong CQNN",
        8,
    ),
    (
        1,
        (
            "Nâng cấp Cổng thông tin điện tử tỉnh Bình Định; tích hợp các dịch vụ công trực tuyến; "
            "tích hợp các cơ sở dữ liệu của tỉnh"
        ),
        SO_TTTT,
        _,
        2012,
        "Đang thực hiện",
        "Vốn đầu tư",
        "1.000",
    ),
    (
        2,
        (
            "Triển khai ứng dụng hệ thống văn phòng điện tử trong công tác quản lý chỉ đạo, điều "
            "hành trong hoạt động hành chính của các CQNN"
        ),
        SO_TTTT,
        CAC_SO,
        "2012-2014",
        "Đang thực hiện",
        SN,
        "3.256",
    ),
    (
        3,
        (
            "Triển khai hệ thống phâ\u0300n mê\u0300m một cửa điện tử cho UBND các huyện, thị xã; "
            "một số sở, ngành và thí điểm triển khai hệ thống phâ\u0300n mê\u0300m một cửa điện tử "
            "liên thông tại 1 đơn vị cấp huyện."
        ),
        SO_TTTT,
        "Sở Nội vụ, sở, ban, ngành liên quan, UBND các huyện, thị xã, thành phố",
        "2013-2015",
        "Chưa thực hiện",
        SN,
        "1.050",
    ),
    (_, _, _, _, _, _, "Vốn TW", "1.050"),
    (
        4,
        "Xây dựng cơ sở dữ liệu về văn bản quy phạm pháp luật cấp tỉnh",
        "Sơ\u0309 Tư pháp",
        "Sơ\u0309 Tư pha\u0301p, Sơ\u0309 Nô\u0323i vu\u0323, Sở Thông tin và Truyền thông",
        "2012-2013",
        "Chưa thực hiện",
        SN,
        150,
    ),
    (
        5,
        (
            "Xây dựng cơ sở dữ liệu về quản lý hồ sơ cán bộ công chức toàn tỉnh, triển khai ứng "
            "dụng đến các cơ quan cấp tỉnh, cấp huyện"
        ),
        "Sở Nội vụ",
        CAC_SO,
        "2012-2013",
        "Chưa thực hiện",
        SN,
        "150",
    ),
    (
        6,
        "Xây dựng cơ sở dữ liệu về ngành thông tin và truyền thông",
        SO_TTTT,
        CAC_SO,
        2012,
        "Đang thực hiện",
        SN,
        "60",
    ),
    (
        7,
        (
            "Hoàn thiện, nâng cấp trang thông tin điện tử của các sở, ban, ngành, UBND các huyện, "
            "thành phố"
        ),
        "Các sở, ban, ngành, Văn phòng UBND các huyện,\nthị xã, thành phố",
        SO_TTTT,
        2013,
        "Đang thực hiện",
        SN,
        "300",
    ),
    (
        8,
        "Triển khai các dịch vụ công trực tuyến",
        "Các sở, ban, ngành",
        SO_TTTT,
        "2013-3015",
        "Chưa thực hiện",
        SN,
        "900",
    ),
    (_, _, _, _, _, _, "Vốn TW", "1.000"),
    (
        9,
        (
            "Xây dựng các hệ thống nghiệp vụ chuyên ngành: Quản lý nhân sự, quản lý tài sản, quản "
            "lý tài nguyên số và một số ứng dụng khác trong mỗi cơ quan"
        ),
        "Các sở, ban, ngành",
        SO_TTTT,
        "2013-2015",
        "Chưa thực hiện",
        SN,
        "200",
    ),
    ("IV", "Nội dung 4: Nâng cao trình độ chuyên môn CNTT cho cán bộ, công chức", 8),
    (
        1,
        (
            "Đào tạo hướng dẫn sử dụng các hệ thống thông tin cho CBCC khi triển khai đến các cơ "
            "quan, đơn vị "
        ),
        SO_TTTT,
        CAC_SO,
        "2012-2015",
        "Đang thực hiện",
        SN,
        915,
    ),
    (
        2,
        (
            "Đào tạo chuyên sâu về an toàn bảo mật thông tin cho CBCC chuyên trách hoặc kiêm nhiệm "
            "quản trị mạng tại các CQNN"
        ),
        SO_TTTT,
        CAC_SO,
        "2012-2015",
        "Đang thực hiện",
        SN,
        "910",
    ),
    (
        # The document gives this task no STT, no status, no source and no amount.
        _,
        (
            "Nâng cao nhận thức và trình độ ứng dụng CNTT trong hoạt động CQNN cho cán bộ lãnh đạo "
            "cấp huyện và cấp xã"
        ),
        SO_TTTT,
        CAC_SO,
        "2012-2015",
        _,
        _,
        _,
    ),
]

# Under the table (the document has no total row inside it).
AFTER = [
    ("ƯỚC TỔNG KINH PHÍ THỰC HIỆN: 42.280.000.000 đồng", _),
    ("(Bốn mươi hai tỷ, hai trăm tám mươi triệu đồng)", _),
    ("Trong đó:", _),
    ("- Vốn đầu tư:", "28.000.000.000 đồng"),
    ("- Vốn sự nghiệp:", "11.230.000.000 đồng"),
    ("- Vốn TW hỗ trợ:", "3.050.000.000 đồng"),
]

WIDTHS = [5, 50, 24, 28, 11, 14, 16, 11]


def main():
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET

    row = write_titles(ws, TITLE, NCOLS)
    row = write_header(ws, row, HEADER, NCOLS, 2)
    for values in ROWS:
        if len(values) == 3:
            ref, title, last = values
            box(ws, row, 1, NCOLS)
            ws.cell(row, 1, ref).font = BOLD
            ws.cell(row, 2, title).font = BOLD
            ws.cell(row, 2).alignment = WRAP
            merge(ws, row, 2, ncols=last - 1)
        else:
            write_row(ws, row, values, boxed=True)
        row += 1
    row += 1

    for label, amount in AFTER:
        ws.cell(row, 2, label)
        ws.cell(row, 3, amount)
        row += 1

    set_widths(ws, WIDTHS)
    wb.save(OUT)


if __name__ == "__main__":
    main()
