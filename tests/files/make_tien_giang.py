"""Type Phụ lục 1 and Phụ lục 2 of Tiền Giang 172/KH-UBND (01/11/2013) into Excel, as a clerk would.

Source: /work/shared/seeds/004_f9c8816be1fcbb70.txt, the two appendix tables at the end of the
plan: Phụ lục 1 (2013 projects: total estimate, 2013 allocation, 2014 need) and Phụ lục 2 (2014
projects in 3 groups, 2014 work items, 2014 funding by Vốn đầu tư tỉnh / Vốn sự nghiệp CNTT Trung
ương / Vốn sự nghiệp tỉnh). Amounts are typed as printed ("8,000" = 8.000 triệu đồng), including
the document's repeated headers and its misplaced group-row figures. Writes
tien-giang-172-2013.xlsx next to this script.
"""

from pathlib import Path

from openpyxl import Workbook
from sheet import BOLD, RIGHT, merge, set_widths, write_header, write_row, write_titles

OUT = Path(__file__).with_name("tien-giang-172-2013.xlsx")

UNIT = "Đơn vị tính: Triệu đồng"
HEADER = "HEADER"  # marks where the document repeats Phụ lục 2's two header rows mid-table

PL1_TITLE = [
    "Phụ lục 1: DANH MỤC CÁC NỘI DUNG/DỰ ÁN TRIỂN KHAI THỰC HIỆN",
    "TRONG NĂM 2013",
    "(Kèm theo Kế hoạch số 172 /KH-UBND ngày 01 tháng 11 năm 2013",
    "của Chủ tịch Ủy ban nhân dân tỉnh Tiền Giang)",
]
PL1_HEADER = [
    "TT",
    "Tên dự án/ nhiệm vụ",
    "Mục tiêu, quy mô",
    "Thời gian thực hiện",
    "Đơn vị chủ trì",
    "Dự kiến tổng kinh phí đầu tư tỉnh",
    "Vốn đầu tư tỉnh bố trí năm 2013",
    "Nhu cầu kế hoạch vốn đầu tư tỉnh năm 2014",
]
# One row per table row, columns as PL1_HEADER. None = cell left empty. A text in the first
# column is merged over the empty cells that follow it, as in the document.
PL1 = [
    (
        (
            "I. Các dự án đã được UBND tỉnh phê duyệt chủ trương và bố trí vốn thực hiện chuẩn "
            "bị đầu tư trong năm 2013"
        ),
        None,
        None,
        None,
        None,
        None,
        None,
        None,
    ),
    (
        1,
        "Nâng cấp, mở rộng Cổng thông tin điện tử tỉnh Tiền Giang",
        (
            "Nâng cấp, mở rộng Cổng thông tin điện tử, tích hợp, cung cấp dịch vụ hành chính "
            "công trực tuyến trên mạng; nâng cao tính công khai, minh bạch trong quản lý nhà "
            "nước; hướng đến phát triển Chính phủ điện tử.."
        ),
        "2014-2015",
        "Văn phòng UBND tỉnh",
        8000,
        50,
        3500,
    ),
    (
        2,
        "Xây dựng cơ sở dữ liệu quản lý nhân khẩu ngành công an",
        (
            "Xây dựng hệ thống cơ sở dữ liệu điện tử quản lý hộ khẩu thường trú, tạm trú, cấp "
            "giấy CMND,..."
        ),
        "2014-2015",
        "Công an tỉnh",
        "8,600",
        "50",
        "4,000",
    ),
    (
        3,
        (
            "Ứng dụng hệ thống thông tin xây dựng cơ sở dữ liệu về cán bộ, công chức, viên chức "
            "tỉnh Tiền Giang"
        ),
        "Xây dựng hệ thống cơ sở dữ liệu quản lý cán bộ công chức, viên chức tỉnh",
        "2014-2015",
        "Sở Nội vụ",
        "3,000",
        "50",
        "1,500",
    ),
    (
        4,
        "Tin học hóa công tác quản lý của Sở Tư pháp (giai đoạn 2)",
        "Ứng dụng CNTT vào công tác quản lý của Sở Tư pháp",
        2014,
        "Sở Tư pháp",
        "2,050",
        "50",
        "2,000",
    ),
    (
        5,
        (
            "Ứng dụng công nghệ thông tin vào công tác giải quyết thủ tục hành chính theo mô "
            'hình "Một cửa" - "Một cửa" liên thông tỉnh Tiền Giang'
        ),
        (
            "Xây dựng ứng dụng công nghệ thông tin vào giải quyết thủ tục hành chính theo mô "
            'hình "Một cửa" các ngành KHĐT, TNMT, XD, Tư pháp, GTVT, ...'
        ),
        "2014-2015",
        "Sở Thông tin và Truyền thông",
        "15,000",
        "50",
        "6,000",
    ),
    ("Cộng (I)", None, None, None, None, "36,650", "250", "17,000"),
    (
        "II. Các dự án đã được UBND tỉnh phê duyệt và bố trí vốn thực hiện trong năm 2013",
        None,
        None,
        None,
        None,
        None,
        None,
        None,
    ),
    (
        1,
        (
            "Xây dựng và nâng cấp mạng LAN cho Ủy ban nhân dân các huyện Cái Bè, Cai Lậy, Châu "
            "Thành, Chợ Gạo, Gò Công Tây, Gò Công Đông, Tân Phú Đông, Thị xã Gò Công và Thành "
            "phố Mỹ Tho"
        ),
        (
            "Xây dựng và nâng cấp mạng LAN các phòng, ban thuộc UBND cấp huyện phục vụ công tác "
            "quản lý điều hành, chia sẻ thông tin."
        ),
        "2013 - 2014",
        "Sở Thông tin và Truyền thông",
        "3,900",
        "1,700",
        "2,179",
    ),
    (
        2,
        "Mở rộng, nâng cấp cơ sở hạ tầng mạng điện rộng của tỉnh",
        (
            "Mở rộng, nâng cấp cơ sở hạ tầng mạng điện rộng của tỉnh nhằm nâng cao hiệu lực quản "
            "lý, chỉ đạo, điều hành của chính quyền các cấp\n* Đơn vị phối hợp: các sở, ban "
            "ngành có liên quan, các huyện, thị, thành."
        ),
        "2013 - 2014",
        "Văn phòng UBND tỉnh",
        "6,500",
        "3,000",
        "3,465",
    ),
    ("Cộng (II)", None, None, None, None, "10,400", "4,700", "5,644"),
    ("Tổng cộng (I + II)", None, None, None, None, "47,050", "4,950", "22,644"),
]

PL2_TITLE = [
    "Phụ lục 2:",
    "DANH MỤC DỰ ÁN ỨNG DỤNG CÔNG NGHỆ THÔNG TIN TRONG HOẠT ĐỘNG CƠ QUAN NHÀ NƯỚC",
    "TỈNH TIỀN GIANG NĂM 2014",
    (
        "(Kèm theo Kế hoạch số 172 /KH-UBND ngày 01 / 11 /2013 của Chủ tịch Ủy ban nhân dân tỉnh "
        "Tiền Giang)"
    ),
]
# Header cells: (row offset, first column, text, rows spanned, columns spanned).
PL2_HEADER = [
    (0, 1, "Stt", 2, 1),
    (0, 2, "Tên dự án/ nhiệm vụ", 2, 1),
    (0, 3, "Mục tiêu, quy mô", 2, 1),
    (0, 4, "Thời gian thực hiện", 2, 1),
    (0, 5, "Đơn vị chủ trì", 2, 1),
    (0, 6, "Dự kiến tổng kinh phí", 2, 1),
    (0, 7, "Nội dung/hạng mục công việc 2014", 2, 1),
    (0, 8, "Dự kiến kinh phí năm 2014", 1, 4),
    (1, 8, "Vốn đầu tư tỉnh", 1, 1),
    (1, 9, "Vốn sự nghiệp CNTT Trung ương", 1, 1),
    (1, 10, "Vốn sự nghiệp tỉnh", 1, 1),
    (1, 11, "Cộng (năm 2014)", 1, 1),
    (0, 12, "Ghi chú", 2, 1),
]
PL2_NCOLS = 12
# Columns as PL2_HEADER: Stt .. Nội dung 2014, the four 2014 amounts, Ghi chú.
PL2 = [
    ("Tổng cộng", None, None, None, None, None, None, "24,744", "200", "1,218", "26,162", None),
    (
        "I. Nhóm dự án cơ sở hạ tầng công nghệ thông tin",
        None,
        None,
        None,
        None,
        None,
        None,
        "18,400",
        "9,644",
        "0",
        "0",
        "9,644",
    ),
    (
        1,
        (
            "Xây dựng và nâng cấp mạng LAN cho Ủy ban nhân dân các huyện Cái Bè, Cai Lậy, Châu "
            "Thành, Chợ Gạo, Gò Công Tây, Gò Công Đông, Tân Phú Đông, Thị xã Gò Công và Thành "
            "phố Mỹ Tho"
        ),
        (
            "Xây dựng và nâng cấp mạng LAN các phòng, ban thuộc UBND cấp huyện phục vụ công tác "
            "quản lý điều hành, chia sẻ thông tin."
        ),
        "2013-2014",
        "Sở Thông tin và Truyền thông",
        "3,900",
        (
            "Lắp đặt cài đặt hệ thống mạng LAN cho các UBND cấp huyện theo phạm vi của dự án và "
            "nghiệm thu dự án"
        ),
        "2,179",
        None,
        None,
        "2,179",
        "Kế hoạch số 58/KH-UBND, ngày 13/6/2011",
    ),
    (
        2,
        "Mở rộng, nâng cấp cơ sở hạ tầng mạng diện rộng của tỉnh",
        (
            "Mở rộng, nâng cấp cơ sở hạ tầng mạng diện rộng của tỉnh nhằm nâng cao hiệu lực quản "
            "lý, chỉ đạo, điều hành của chính quyền các cấp\n* Đơn vị phối hợp: các sở, ban "
            "ngành có liên quan, các huyện, thị, thành."
        ),
        "2013-2014",
        "Văn phòng UBND tỉnh",
        "6,500",
        "Lắp đặt cài đặt hệ thống mạng diện rộng của tỉnh và nghiệm thu dự án",
        "3,465",
        None,
        None,
        "3,465",
        "Kế hoạch số 58/KH-UBND, ngày 13/6/2011",
    ),
    (
        3,
        "Nâng cấp, mở rộng Công nghệ thông tin điện tử tỉnh Tiền Giang",
        (
            "Nâng cấp, mở rộng Công nghệ thông tin điện tử, tích hợp, cung cấp dịch vụ hành "
            "chính công trực tuyến trên mạng; nâng cao tính công khai, minh bạch trong quản lý "
            "nhà nước; hướng đến phát triển Chính phủ điện tử...\n* Đơn vị phối hợp: Văn phòng "
            "UBND tỉnh, huyện"
        ),
        "2014-2015",
        "Văn phòng UBND tỉnh",
        "8,000",
        (
            "- Nâng cấp, bổ sung thiết bị, cài đặt phần mềm, cấu hình dịch vụ hệ thống Công.\n- "
            "Xây dựng, mở rộng các subportal"
        ),
        "4,000",
        None,
        None,
        "4,000",
        "Kế hoạch số 58/KH-UBND, ngày 13/6/2011",
    ),
    (
        "II. Nhóm dự án ứng dụng công nghệ thông tin và cơ sở dữ liệu chuyên ngành",
        None,
        None,
        None,
        None,
        None,
        None,
        "37,651",
        "15,100",
        "200",
        "718",
        "16,018",
    ),
    (
        1,
        "Xây dựng cơ sở dữ liệu quản lý nhân khẩu ngành công an",
        (
            "Xây dựng hệ thống cơ sở dữ liệu điện tử quản lý hộ khẩu thường trú, tạm trú, cấp "
            "giấy CMND,... phục vụ cho hoạt động chuyên môn ngành công an, phục vụ cho các dịch "
            "vụ hành chính công trực tuyến, kết nối với Công nghệ thông tin điện tử của tỉnh.\n* "
            "Đơn vị phối hợp: huyện và các sở, ban ngành có liên quan"
        ),
        "2014-2015",
        "Công an tỉnh",
        "8,600",
        (
            "- Lập và phê duyệt Báo cáo thiết kế thi công tổng dự toán dự án.\n- Xây dựng và "
            "trình cơ quan có thẩm quyền phê duyệt Kế hoạch thầu của dự án.\n- Triển khai cài "
            "đặt phần mềm và tập huấn hướng dẫn sử dụng"
        ),
        "4,000",
        None,
        None,
        "4,000",
        "Kế hoạch số 58/KH-UBND, ngày 13/6/2011",
    ),
    HEADER,
    (
        2,
        (
            "Ứng dụng hệ thống thông tin xây dựng cơ sở dữ liệu về cán bộ, công chức, viên chức "
            "tỉnh Tiền Giang"
        ),
        (
            "Xây dựng hệ thống cơ sở dữ liệu quản lý cán bộ công chức, viên chức tỉnh\n* Đơn vị "
            "phối hợp : Văn phòng UBND tỉnh, huyện và các sở, ban ngành có liên quan"
        ),
        "2014-2015",
        "Sở Nội vụ",
        "3,000",
        (
            "- Lập và phê duyệt Báo cáo thiết kế thi công tổng dự toán dự án.\n- Xây dựng và "
            "trình cơ quan có thẩm quyền phê duyệt Kế hoạch thầu của dự án.\n- Triển khai cài "
            "đặt phần mềm và tập huấn"
        ),
        "1,500",
        None,
        None,
        "1,500",
        "Kế hoạch số 58/KH-UBND, ngày 13/6/2011",
    ),
    (
        3,
        (
            "Ứng dụng công nghệ thông tin vào công tác giải quyết thủ tục hành chính theo mô "
            'hình "Một cửa" - "Một cửa" liên thông tỉnh Tiền Giang (giai đoạn 1).'
        ),
        (
            "Xây dựng ứng dụng công nghệ thông tin vào giải quyết thủ tục hành chính theo mô "
            'hình "Một cửa" các ngành KHĐT, TNMT, XD, Tư pháp, GTVT, ...\n* Đơn vị phối hợp: các '
            "sở, ban ngành, huyện, thị, thành"
        ),
        "2014-2015",
        "Sở Thông tin và Truyền thông",
        "15,000",
        (
            "- Lập và phê duyệt Báo cáo thiết kế thi công tổng dự toán dự án.\n- Xây dựng và "
            "trình cơ quan có thẩm quyền phê duyệt Kế hoạch thầu của dự án.\n- Triển khai cài "
            "đặt phần mềm và tập huấn đến một số đơn vị huyện"
        ),
        "6,000",
        None,
        None,
        "6,000",
        "Kế hoạch số 58/KH-UBND, ngày 13/6/2011",
    ),
    (
        4,
        "Tin học hóa công tác quản lý của Sở Tư pháp (giai đoạn 2)",
        (
            "Ứng dụng CNTT vào công tác quản lý của Sở Tư pháp\n* Đơn vị phối hợp : huyện và các "
            "sở, ban ngành có liên quan"
        ),
        2014,
        "Sở Tư pháp",
        "5,000",
        (
            "- Lập và phê duyệt Báo cáo thiết kế thi công tổng dự toán dự án.\n- Xây dựng và "
            "trình cơ quan có thẩm quyền phê duyệt Kế hoạch thầu của dự án.\n- Triển khai cài "
            "đặt phần mềm và tập huấn\n- Hoàn thành dự án"
        ),
        "3,500",
        None,
        None,
        "3,500",
        "Dự án bổ sung theo đề nghị của Sở Tư pháp",
    ),
    (
        5,
        "Xây dựng phần mềm quản lý văn bản và điều hành",
        (
            "Triển khai nhân rộng mô hình mẫu phần mềm quản lý văn bản và điều hành phục vụ công "
            "tác số hóa dữ liệu, quản lý, điều hành, liên thông 1 cửa cho các sở, ban ngành cấp "
            "tỉnh, UBND cấp huyện và kết nối với cổng thông tin điện tử của tỉnh\n* Đơn vị phối "
            "hợp : các sở, ban ngành, huyện, thị, thành"
        ),
        "2013-2015",
        "Sở Thông tin và Truyền thông",
        "1,851",
        (
            "- Lập và phê duyệt Báo cáo thiết kế thi công tổng dự toán dự án.\n- Xây dựng và "
            "trình cơ quan có thẩm quyền phê duyệt Kế hoạch thầu của dự án.\n- Triển khai cài "
            "đặt phần mềm và tập huấn đến một số đơn vị"
        ),
        None,
        None,
        "718",
        "718",
        "Kế hoạch số 58/KH-UBND, ngày 13/6/2011",
    ),
    (
        6,
        "Thúc đẩy phát triển mã nguồn mở ứng dụng trên địa bàn tỉnh",
        "Tập huấn, triển khai, thúc đẩy ứng dụng phần mềm mã nguồn mở trên địa bàn tỉnh",
        2014,
        "Sở Thông tin và Truyền thông",
        "200",
        "Tổ chức các lớp tập huấn, hướng dẫn sử dụng phần mềm mã nguồn mở",
        None,
        "200",
        None,
        "200",
        "Kế hoạch số 58/KH-UBND, ngày 13/6/2011",
    ),
    (
        7,
        "Xây dựng hệ thống chứng thực chữ ký số",
        (
            "Xây dựng hệ thống chứng thực chữ ký số và giao dịch điện tử phục vụ phát triển kinh "
            "tế - xã hội.\n* Đơn vị phối hợp: Các sở, ban ngành, huyện, thị, thành có liên quan"
        ),
        "2014-2015",
        "Sở Nội Vụ",
        "3,000",
        "Xây dựng và trình phê duyệt Báo cáo đầu tư của dự án",
        "50",
        None,
        None,
        "50",
        "Kế hoạch số 58/KH-UBND, ngày 13/6/2011",
    ),
    (
        8,
        "Ứng dụng công nghệ thông tin trong quản lý phát triển sản xuất nông nghiệp",
        (
            "Phát triển sản xuất nông nghiệp Tiền Giang theo hướng hiện đại, đảm bảo chất lượng "
            "an toàn hiệu quả và bền vững"
        ),
        "2014-2015",
        "Sở Nông nghiệp và Phát triển Nông thôn",
        "1,000",
        "Xây dựng và trình phê duyệt Báo cáo đầu tư của dự án",
        "50",
        None,
        None,
        "50",
        "Dự án bổ sung theo đề nghị của Sở NN&PT NT",
    ),
    (
        "III. Nhóm dự án đào tạo nguồn nhân lực công nghệ thông tin",
        None,
        None,
        None,
        None,
        "500",
        None,
        "0",
        "0",
        "500",
        "500",
        None,
    ),
    HEADER,
    (
        1,
        "Tập huấn, cập nhật kiến thức công nghệ mới về công nghệ thông tin",
        (
            "Tập huấn, cập nhật kiến thức công nghệ mới phục vụ đẩy mạnh ứng dụng công nghệ "
            "thông tin trong công tác chuyên môn của cán bộ công chức"
        ),
        2014,
        "Sở Thông tin và Truyền thông",
        150,
        "Tổ chức tập huấn",
        None,
        None,
        150,
        150,
        "Kế hoạch số 58/KH-UBND, ngày 13/6/2011",
    ),
    (
        2,
        (
            "Đào tạo và nâng cao trình độ phụ trách mạng, các lớp chuyên đề công nghệ thông tin "
            "cho cơ quan nhà nước giai đoạn 2011-2015"
        ),
        (
            "Đào tạo kiến thức quản trị mạng và nâng cao, các lớp chuyên đề về công nghệ thông "
            "tin cho chuyên viên phụ trách công nghệ thông tin các cơ quan nhà nước cấp tỉnh, "
            "cấp huyện."
        ),
        2014,
        "Sở Thông tin và Truyền thông",
        "200",
        "Tổ chức tập huấn",
        None,
        None,
        "200",
        "200",
        "Kế hoạch số 58/KH-UBND, ngày 13/6/2011",
    ),
    (
        3,
        (
            "Tập huấn, bồi dưỡng kiến thức bảo mật, an toàn thông tin mạng cho cán bộ công chức "
            "cơ quan quản lý nhà nước các cấp"
        ),
        (
            "Tập huấn, bồi dưỡng nâng cao kiến thức bảo mật, an toàn thông tin mạng cho cán bộ "
            "công chức cơ quan quản lý nhà nước các cấp (lãnh đạo các cơ quan, chuyên viên phụ "
            "trách công nghệ thông tin)"
        ),
        2014,
        "Sở Thông tin và Truyền thông",
        "150",
        "Tổ chức tập huấn",
        None,
        None,
        "150",
        "150",
        "Kế hoạch số 58/KH-UBND, ngày 13/6/2011",
    ),
]

PL1_WIDTHS = [6, 38, 48, 12, 20, 14, 14, 16]
PL2_WIDTHS = [5, 34, 44, 11, 18, 12, 44, 11, 13, 11, 11, 24]


def write_title(ws, lines, ncols):
    """Title lines, then the unit line merged across; returns the header's row."""
    r = write_titles(ws, lines, ncols)
    ws.cell(r, 1, UNIT).alignment = RIGHT
    merge(ws, r, 1, ncols=ncols)
    return r + 1


def write_table_row(ws, r, values):
    """Write a row of either appendix.

    A group or total row (a text label in the first column) is bold, and its label is merged
    over the empty cells after it, as in the document.
    """
    write_row(ws, r, values)
    if isinstance(values[0], str):
        span = 1
        while span < len(values) and values[span] is None:
            span += 1
        merge(ws, r, 1, ncols=span)
        for c in range(1, len(values) + 1):
            ws.cell(r, c).font = BOLD


def main():
    wb = Workbook()
    ws = wb.active
    ws.title = "Phụ lục 1"
    ncols = len(PL1_HEADER)
    top = write_title(ws, PL1_TITLE, ncols)
    header = [(0, c, text, 1, 1) for c, text in enumerate(PL1_HEADER, start=1)]
    top = write_header(ws, top, header, ncols, 1, boxed=False)
    for r, values in enumerate(PL1, start=top):
        write_table_row(ws, r, values)
    set_widths(ws, PL1_WIDTHS)

    ws = wb.create_sheet("Phụ lục 2")
    r = write_title(ws, PL2_TITLE, PL2_NCOLS)
    r = write_header(ws, r, PL2_HEADER, PL2_NCOLS, 2, boxed=False)
    for values in PL2:
        if values == HEADER:
            r = write_header(ws, r, PL2_HEADER, PL2_NCOLS, 2, boxed=False)
            continue
        write_table_row(ws, r, values)
        r += 1
    set_widths(ws, PL2_WIDTHS)

    wb.save(OUT)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
