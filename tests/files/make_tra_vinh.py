"""Type the appendix of Trà Vinh 952/QĐ-UBND (15/06/2011) into Excel, as a clerk would.

Source: /work/shared/seeds/003_35f4b65cebf12e0c.txt, the table after "PHỤ LỤC / DANH MỤC CÁC DỰ
ÁN, NHIỆM VỤ TRIỂN KHAI KẾ HOẠCH" (4 groups, Kinh phí split Tổng số / NSTW / NSĐP / Vốn khác,
Ghi chú naming the sub-source) with its "Tổng cộng" row. Values are typed as printed, including the
document's own mistakes. Writes tra-vinh-952-2011.xlsx next to this script.
"""

from pathlib import Path

from openpyxl import Workbook
from sheet import set_widths, write_header, write_row, write_titles

OUT = Path(__file__).with_name("tra-vinh-952-2011.xlsx")

SHEET = "Phụ lục"
TITLE = ["PHỤ LỤC", "DANH MỤC CÁC DỰ ÁN, NHIỆM VỤ TRIỂN KHAI KẾ HOẠCH"]
NCOLS = 9

# Header cells: (row offset, first column, text, rows spanned, columns spanned).
HEADER = [
    (0, 1, "TT", 2, 1),
    (0, 2, "Tên dự án, nhiệm vụ", 2, 1),
    (0, 3, "Chủ đầu tư", 2, 1),
    (0, 4, "Năm thực hiện", 2, 1),
    (0, 5, "Kinh phí", 1, 4),
    (1, 5, "Tổng số", 1, 1),
    (1, 6, "NSTW", 1, 1),
    (1, 7, "NSĐP", 1, 1),
    (1, 8, "Vốn khác", 1, 1),
    (0, 9, "Ghi chú", 2, 1),
]
GROUPS = ("I", "II", "III", "IV")

# Columns: TT, Tên dự án nhiệm vụ, Chủ đầu tư, Năm thực hiện,
# Kinh phí (Tổng số, NSTW, NSĐP, Vốn khác), Ghi chú.  None = cell left empty.
ROWS = [
    ("I", "Phát triển nguồn nhân lực CNTT", None, None, "14.200", "3.000", "11.200", None, None),
    (
        1,
        (
            "Tập huấn kỹ năng quản lý CNTT cho cán bộ lãnh đạo phụ trách CNTT (cio) trong các cơ "
            "quan tổ chức nhà nước tỉnh"
        ),
        "Sở TTTT",
        "2012- 2015",
        1200,
        None,
        1200,
        None,
        "KH ƯDCNTT 2011-2015",
    ),
    (
        2,
        "Đào Tạo, tập huấn cán bộ CNTT Chuyên trách",
        "Sở TTTT",
        "2012- 2015",
        "2.000",
        None,
        "2.000",
        None,
        "KH ƯDCNTT 2011-2015",
    ),
    (
        3,
        "Đào tạo, tập huấn CNTT cho cán bộ, công chức viên chức trong tỉnh",
        "Sở Nội vụ",
        "2012- 2015",
        "2.000",
        None,
        "2.000",
        None,
        "Vốn SN Sở Nội vụ",
    ),
    (
        4,
        (
            "Tâp huấn khả năng ứng dụng CNTT Cho giáo viên các trường: Cao đẳng, trung cấp "
            "chuyên nghiệp, dạy nghề, trung học phổ thông, tiểu học"
        ),
        "Sở TTTT +Đại học TV",
        "2012- 2015",
        "6.000",
        None,
        "6.000",
        None,
        "Vốn SN giáo dục",
    ),
    (
        5,
        (
            "Tập huấn kỹ năng sử dụng máy tính và Internet cho các tổ chức và các đối tượng nhân "
            "dân trong tỉnh"
        ),
        "Sở TTTT",
        "2012- 2015",
        "3.000",
        "3.000",
        None,
        None,
        "Vốn SN TW",
    ),
    ("II", "Phát triển công nghiệp CNTT", None, None, "5.200", None, "2.200", "3.000", None),
    (
        1,
        (
            "Xây dựng và hòan thiện cơ chế, chính sách khuyến khích đầu tư, tổ chức hội thảo "
            "giới thiệu cơ hội đầu tư vào tỉnh Trà Vinh"
        ),
        "Sở TTTT",
        "2012- 2015",
        "1.000",
        None,
        "1.000",
        None,
        "Vốn SN địa phương",
    ),
    (
        2,
        (
            "Hỗ trợ doanh nghiệp CNTT đào tạo cán bộ quản lý, cán bộ kỹ thuật tiếp nhận, chuyển "
            "giao phần mềm lõi"
        ),
        "Sở TTTT",
        "2012- 2015",
        "2.000",
        None,
        None,
        "2.000",
        "ĐA 191: 40%, Bộ CT hỗ trợ: 40%, DN: 20%",
    ),
    (
        3,
        "Nghiên cứu phát triển phần mềm ứng dụng tỉnh Trà Vinh",
        "Sở TTTT",
        "2012- 2015",
        "1.000",
        None,
        None,
        "1.000",
        "Vốn KHCN",
    ),
    (
        4,
        "Thúc đẫy phát triển phần mềm nguồn mở",
        "Sở TTTT",
        "2012- 2015",
        "1.200",
        None,
        "1.200",
        None,
        "KH UDCNTT 2011-2015",
    ),
    (
        "III",
        "Ứng dụng CNTT trong cơ quan nhà nước, doanh nghiệp và xã hội",
        None,
        None,
        "221.900",
        "150.300",
        "68.600",
        "3.000",
        None,
    ),
    (
        1,
        (
            "Nhân rộng mô hình ứng dụng CNTT trong tiếp nhận và hoàn trả kết quả hồ sơ theo cơ "
            "chế một cửa tại UBND huyện Duyên Hải và Càng Long (2010- 2011)"
        ),
        "Sở TTTT",
        2011,
        "3.600",
        "300",
        "3.300",
        None,
        "Kế hoạch UDCNTT 2011-2015",
    ),
    (
        2,
        "Hoàn thiện hệ thống giao ban điện tử đa phương tiện tại tỉnh Trà Vinh (2011)",
        "Sở TTTT",
        2011,
        "2.200",
        None,
        "2.200",
        None,
        "Kế hoạch UDCNTT 2011-2015",
    ),
    (
        3,
        (
            "Nhân rộng mô hình ứng dụng CNTT trong tiếp nhận và hoàn trả kết quả hồ sơ theo cơ "
            "chế một cửa (mức độ 3) tại UBND tại các huyện còn lại (5 huyện) (2011:3.000 triệu- "
            "2012 4.500 triệu)."
        ),
        "Sở TTTT",
        "2011- 2012",
        "7.500",
        None,
        "7.500",
        None,
        "Kế hoạch UDCNTT 2011-2015",
    ),
    (
        4,
        "Đầu tư xây dựng Trung tâm thông tin dữ liệu chính quyền điện tử tỉnh Trà Vinh",
        "Sở TTTT",
        "2012- 2015",
        "30.000",
        "30.000",
        None,
        None,
        "NS đầu tư TW",
    ),
    (
        5,
        (
            "Đầu tư phát triển thông tin, dịch vụ trên Cổng thông tin điện tử và nâng cấp hệ "
            "thống bảo mật, chống sét"
        ),
        "Sở TTTT",
        "2012- 1015",
        "25.000",
        "25.000",
        None,
        None,
        "NS đầu tư TW",
    ),
    (
        6,
        (
            "Đầu tư phát triển hệ thống thông hành chính công và triển khai cung cấp dịch vụ "
            "công trực tuyến (từ mức 1 đến mức 4)"
        ),
        "Sở TTTT",
        None,
        "12.000",
        "12.000",
        None,
        None,
        "NS đầu tư TW",
    ),
    (
        7,
        "Duy trì và phát triển sàn giao dịch thương mại điện tử tỉnh Trà Vinh (2011- 2012)",
        "Sở Công thương",
        "2011- 2012",
        "3.000",
        None,
        None,
        "3.000",
        "ĐA 191: 40%, Bộ CT hỗ trợ: 40%, DN: 20%",
    ),
    (
        8,
        "Xây dựng, thu thập, cập nhật dữ liệu tài nguyên và môi trường",
        "Sở TNMT",
        None,
        "3.100",
        None,
        "3.100",
        None,
        "Vốn SN TNMT",
    ),
    (
        9,
        (
            "Triển khai phần mềm quản lý, điều hành, tác nghiệp cho 5 huyện và 1 số cơ quan tổ "
            "chức còn và các xã, thị trấn trong tỉnh"
        ),
        "Sở TTTT",
        "2012- 2015",
        "7.000",
        None,
        "7.000",
        None,
        "Kế hoạch ƯDCNTT 2011-2015",
    ),
    (
        10,
        (
            "Triển khai cung cấp dịch vụ công trực tuyến lên mức độ 4 cho tổ chức, doanh nghiệp "
            "tại Sở Xây dựng"
        ),
        "Sở Xây dựng",
        "1013- 2015",
        "2.500",
        None,
        "2.500",
        None,
        "Kế hoạch ƯDCNTT 2011-2015",
    ),
    (
        11,
        (
            "Triển khai cung cấp dịch vụ công trực tuyến lên mức độ 4 cho tổ chức, doanh nghiệp "
            "tại Sở TN- MT"
        ),
        "Sở TNMT",
        "2013- 2015",
        "2.500",
        None,
        "2.500",
        None,
        "Kế hoạch ƯDCNTT 2011-2015",
    ),
    (
        12,
        "Nâng cấp hệ thống quản lý thông tin doanh nghiệp tại Sở Kế hoạch và Đầu tư lên mức độ 4",
        "Sở KH- ĐT",
        "2012- 2014",
        "2.000",
        None,
        "2.000",
        None,
        "Kế hoạch ƯDCNTT 2011-2015",
    ),
    (
        13,
        "Xây dựng và hoàn thiện trung tâm thông tin và tích hợp dữ liệu của tỉnh",
        "Sở TTTT",
        "2013- 2014",
        "5.000",
        None,
        "5.000",
        None,
        "Kế hoạch ƯDCNT",
    ),
    (
        14,
        "Xây dựng và phát triển hệ thống thông tin ngành Y tế giai đoạn 2",
        "Sở Y tế",
        "2013- 2015",
        "4.500",
        None,
        "4.500",
        None,
        "Vốn SN y tế",
    ),
    (
        15,
        "Ứng dụng, triển khai hệ thống chứng thực điện tử và chữ ký số trong cơ quan nhà nước",
        "Sở TTTT",
        "2013- 2015",
        "3.000",
        None,
        "3.000",
        None,
        "Kế hoạch ƯDCNTT 2011-2015",
    ),
    (
        16,
        (
            "Nhân rộng mô hình ứng dụng CNTT trong tiếp nhận và hoàn trả kết quả hồ sơ theo cơ "
            "chế 1 cửa tại UBND các xã, phường, thị trấn"
        ),
        "Sở TTTT",
        "2012- 2015",
        65000,
        65000,
        None,
        None,
        "NS Đầu tư TW",
    ),
    (
        17,
        "Xây dựng hệ thống quản lý, lưu trữ và tra cứu hồ sơ địa chính tỉnh Trà Vinh",
        "Sở TN&MT",
        2015,
        "2.000",
        None,
        "2.000",
        None,
        "Kế hoạch ƯDCNTT 2011-2015",
    ),
    (
        18,
        (
            "Triển khai ứng dụng CNTT trong tiếp nhận và hoàn trả kết quả hồ sơ theo cơ chế 1 "
            "cửa tại các Sở ban ngành tỉnh."
        ),
        "Sở TTTT",
        "1012- 2015",
        "10.000",
        None,
        "10.000",
        None,
        "Kế hoạch ƯDCNTT 2011-2015",
    ),
    (
        19,
        "Nâng cấp hệ thống văn bản qui phạm pháp luật và trang công báo tỉnh",
        "VP UBND tỉnh",
        "2012- 2013",
        "1.000",
        None,
        "1.000",
        None,
        "Kinh phí sự nghiệp VP UBND tỉnh",
    ),
    (
        20,
        "Xây dựng cơ sở dữ liệu và quản lý lý lịch tư pháp",
        "Sở Tư Pháp",
        "2012- 2014",
        "2.000",
        None,
        "2.000",
        None,
        "Kinh phí SN tư pháp",
    ),
    (
        21,
        "Xây dựng và phát triển Hệ thống thông tin kinh tế xã hội",
        "Sở KH- ĐT",
        "2013- 2015",
        "18.000",
        "18.000",
        None,
        None,
        "NS đầu tư TW",
    ),
    (
        22,
        "Xây dựng và phát triển Hệ thống thông tin ngành giáo dục",
        "Sở GD- ĐT",
        "2014- 2015",
        "4.000",
        None,
        "4.000",
        None,
        "Kinh phí SN giáo dục",
    ),
    (
        23,
        "Xây dựng và phát triển nội dung thông tin phục vụ nông nghiệp nông dân nông thôn",
        "Sở NN&PT NT",
        "2012- 2015",
        "4.000",
        None,
        "4.000",
        None,
        "Vốn SN NN&PTNT",
    ),
    (
        24,
        "Hỗ trợ doanh nghiệp vừa và nhỏ ứng dụng CNTT phục vụ hội nhập và phát triển",
        "TT Xúc tiến đầu tư- TM- DL",
        "2012- 2015",
        "3.000",
        None,
        "3.000",
        None,
        "Vốn SN TT Xúc tiến đầu tư TM-DL",
    ),
    (
        "IV",
        "Phát triển hạ tầng viễn thông và CNTT",
        None,
        None,
        "197.750",
        None,
        "23.000",
        "174.750",
        None,
    ),
    (
        1,
        "Xây dựng trung tâm an ninh mạng và ứng cứu máy tính",
        "Sở TTTT",
        "2014- 2015",
        "5.000",
        None,
        "5.000",
        None,
        "KH ƯDCNTT 2011-2015",
    ),
    (
        2,
        (
            "Đầu tư máy tính phục vụ công tác giảng dạy CNTT cho các trường cao đẳng, trung học "
            "chuyên nghiệp, dạy nghề, trung học phổ thông, trung học cơ sở, tiểu học trong tỉnh"
        ),
        "Sở GD- ĐT+Các trường ĐH, CĐ, THCN, DN",
        "2012- 2015",
        "15.000",
        None,
        "15.000",
        None,
        "King phí sự nghiệp giáo dục, đào tạo",
    ),
    (
        3,
        "Xây dựng hệ thống VOIP",
        "Sở TTTT",
        "2013- 2015",
        "3.000",
        None,
        "3.000",
        None,
        "KH ƯDCNTT 2011-2015",
    ),
    (
        4,
        "Phát triển Internet cho cộng đồng (85 xã, mỗi xã 1 điểm)",
        "Sở TTTT",
        "2012- 2015",
        "7.750",
        None,
        None,
        "7.750",
        "Quỹ VTCI",
    ),
    (
        5,
        (
            "Hỗ trợ TV và thiết bị đầu cuối cho hộ nghèo, gia đình chính sách, người già, người "
            "khuyết tật"
        ),
        "Sở TTTT",
        "2012- 2015",
        63000,
        None,
        None,
        63000,
        "Quỹ VTCI",
    ),
    (
        6,
        (
            "Hỗ trợ máy tính và thiết bị đầu cuối cho hộ nghèo, gia đình chính sách và các đối "
            "tượng chính sách khác"
        ),
        "Sở TTTT",
        "2012- 2015",
        "104.000",
        None,
        None,
        "104.000",
        "Quỹ VTCI",
    ),
    (None, "Tổng cộng", None, None, "439.050", "153.300", "106.000", "180.750", None),
]

WIDTHS = [6, 60, 20, 13, 11, 11, 11, 11, 32]


def main():
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET

    top = write_titles(ws, TITLE, NCOLS)
    top = write_header(ws, top, HEADER, NCOLS, 2, boxed=False)
    for row, values in enumerate(ROWS, start=top):
        write_row(ws, row, values, bold=values[0] in GROUPS or values[1] == "Tổng cộng")

    set_widths(ws, WIDTHS)
    wb.save(OUT)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
