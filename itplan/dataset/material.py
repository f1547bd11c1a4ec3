"""What the generated dataset draws from: its date (``AS_OF``) and marks, the 34 provinces,
the agencies before and after the 2025 mergers, names of people, plan kinds, project groups with
their name templates, funding combinations, statuses and report texts, and indicators."""

import datetime
import zoneinfo

from budgets.models import CapitalType, Source
from indicators.models import Indicator
from projects.models import Plan, Project
from provinces import succession

AS_OF = datetime.date(2026, 10, 31)


CURRENT_YEAR = AS_OF.year


LAST_QUARTER = (2026, 3)  # the last quarter ended by AS_OF


TZ = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


PLAN_SUFFIX = "-DLT"


USER_EMAIL_DOMAIN = "dulieu-thu.invalid"


PER_PROVINCE = {"plans": 12, "projects": 600, "indicators": 200}


BATCH_SIZE = 1000


TRIEU = 10**6


MERGED = succession.PROVINCES_MERGED  # provinces merged, cấp huyện abolished


# Sở TT&TT into Sở KH&CN, and others: the date the UBND report's header follows too
DEPARTMENTS_MERGED = succession.DEPARTMENTS_MERGED

# (code, slug, name, "tỉnh"/"thành phố", merged on 01/07/2025)


PROVINCES = [
    ("01", "ha-noi", "Hà Nội", "thành phố", False),
    ("04", "cao-bang", "Cao Bằng", "tỉnh", False),
    ("08", "tuyen-quang", "Tuyên Quang", "tỉnh", True),
    ("11", "dien-bien", "Điện Biên", "tỉnh", False),
    ("12", "lai-chau", "Lai Châu", "tỉnh", False),
    ("14", "son-la", "Sơn La", "tỉnh", False),
    ("15", "lao-cai", "Lào Cai", "tỉnh", True),
    ("19", "thai-nguyen", "Thái Nguyên", "tỉnh", True),
    ("20", "lang-son", "Lạng Sơn", "tỉnh", False),
    ("22", "quang-ninh", "Quảng Ninh", "tỉnh", False),
    ("24", "bac-ninh", "Bắc Ninh", "tỉnh", True),
    ("25", "phu-tho", "Phú Thọ", "tỉnh", True),
    ("31", "hai-phong", "Hải Phòng", "thành phố", True),
    ("33", "hung-yen", "Hưng Yên", "tỉnh", True),
    ("37", "ninh-binh", "Ninh Bình", "tỉnh", True),
    ("38", "thanh-hoa", "Thanh Hóa", "tỉnh", False),
    ("40", "nghe-an", "Nghệ An", "tỉnh", False),
    ("42", "ha-tinh", "Hà Tĩnh", "tỉnh", False),
    ("44", "quang-tri-2025", "Quảng Trị", "tỉnh", True),
    ("46", "hue", "Huế", "thành phố", False),
    ("48", "da-nang", "Đà Nẵng", "thành phố", True),
    ("51", "quang-ngai", "Quảng Ngãi", "tỉnh", True),
    ("52", "gia-lai", "Gia Lai", "tỉnh", True),
    ("56", "khanh-hoa", "Khánh Hòa", "tỉnh", True),
    ("66", "dak-lak", "Đắk Lắk", "tỉnh", True),
    ("68", "lam-dong", "Lâm Đồng", "tỉnh", True),
    ("75", "dong-nai", "Đồng Nai", "tỉnh", True),
    ("79", "ho-chi-minh", "Thành phố Hồ Chí Minh", "thành phố", True),
    ("80", "tay-ninh", "Tây Ninh", "tỉnh", True),
    ("82", "dong-thap", "Đồng Tháp", "tỉnh", True),
    ("86", "vinh-long", "Vĩnh Long", "tỉnh", True),
    ("91", "an-giang", "An Giang", "tỉnh", True),
    ("92", "can-tho", "Cần Thơ", "thành phố", True),
    ("96", "ca-mau", "Cà Mau", "tỉnh", True),
]


IT_DEPT_OLD, IT_DEPT_NEW = succession.IT_DEPARTMENT_BEFORE, succession.IT_DEPARTMENT


DEPARTMENTS_OLD = [IT_DEPT_OLD, "Sở Kế hoạch và Đầu tư", "Sở Tài nguyên và Môi trường",
                   "Sở Lao động - Thương binh và Xã hội", "Sở Giao thông vận tải",
                   "Sở Nông nghiệp và Phát triển nông thôn"]  # fmt: skip


DEPARTMENTS_BOTH = ["Sở Tài chính", "Sở Nội vụ", "Sở Tư pháp", "Sở Xây dựng", "Sở Công Thương",
                    "Sở Y tế", "Sở Giáo dục và Đào tạo", "Sở Văn hóa, Thể thao và Du lịch",
                    "Văn phòng UBND {kind}", "Thanh tra {kind}", "Công an {kind}"]  # fmt: skip


DEPARTMENTS_NEW = [IT_DEPT_NEW, "Sở Nông nghiệp và Môi trường", "Sở Dân tộc và Tôn giáo"]


OTHER_AGENCIES = ["Trung tâm Phục vụ hành chính công {place}", "Viễn thông {name} (VNPT)",
                  "Viettel {name}", "Bưu điện {place}",
                  "Đài Phát thanh và Truyền hình {name}"]  # fmt: skip


SYLLABLES = ("An Bình Phú Tân Hòa Thạnh Long Mỹ Hưng Phước Thuận Lộc Vĩnh Xuân Hiệp Trung Đông "
             "Tây Nam Bắc Sơn Hải Thành Lợi Quang Minh Khánh Đức Phong Lâm").split()  # fmt: skip


FAMILY = "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý".split()


MIDDLE = "Văn Thị Hữu Minh Thanh Quốc Ngọc Đức Thu Hoàng".split()


GIVEN = ("An Bình Cường Dũng Hà Hải Hạnh Hùng Hương Lan Long Mai Nam Nga Phong Phương Quân Sơn "
         "Tâm Thảo Thắng Trung Tuấn Vân Yến").split()  # fmt: skip


DOMAINS = ["đất đai", "hộ tịch", "doanh nghiệp", "y tế", "giáo dục", "nông nghiệp", "giao thông",
           "văn hóa và du lịch", "cán bộ, công chức, viên chức", "quy hoạch xây dựng",
           "tài nguyên nước", "an sinh xã hội", "công chứng, chứng thực", "thủy sản"]  # fmt: skip

# Plans of a province, in the order a smaller scale keeps them:
# (kind, start, end, document type, title).


PLAN_SPECS = [
    (Plan.Kind.FIVE_YEAR, 2021, 2025, "QĐ", "Kế hoạch ứng dụng công nghệ thông tin, phát triển "
     "chính quyền số và bảo đảm an toàn thông tin mạng {place} giai đoạn 2021 - 2025"),
    (Plan.Kind.FIVE_YEAR, 2026, 2030, "QĐ", "Kế hoạch chuyển đổi số {place} giai đoạn 2026 - 2030"),
    (Plan.Kind.ANNUAL, 2024, 2024, "KH", "Kế hoạch ứng dụng công nghệ thông tin, phát triển "
     "chính quyền số {place} năm 2024"),
    (Plan.Kind.PROGRAMME, 2022, 2025, "KH", "Kế hoạch triển khai Đề án phát triển ứng dụng dữ "
     "liệu về dân cư, định danh và xác thực điện tử (Đề án 06) trên địa bàn {place} giai đoạn "
     "2022 - 2025"),
    (Plan.Kind.ANNUAL, 2025, 2025, "KH", "Kế hoạch chuyển đổi số {place} năm 2025"),
    (Plan.Kind.AMENDMENT, 2023, 2025, "QĐ", "Điều chỉnh, bổ sung Kế hoạch ứng dụng công nghệ "
     "thông tin, phát triển chính quyền số và bảo đảm an toàn thông tin mạng {place} giai đoạn "
     "2021 - 2025"),
    (Plan.Kind.ANNUAL, 2026, 2026, "KH", "Kế hoạch chuyển đổi số {place} năm 2026"),
    (Plan.Kind.PROGRAMME, 2021, 2025, "KH", "Kế hoạch thực hiện Chương trình chuyển đổi số {place} "
     "đến năm 2025, định hướng đến năm 2030"),
    (Plan.Kind.ANNUAL, 2023, 2023, "KH", "Kế hoạch ứng dụng công nghệ thông tin, phát triển "
     "chính quyền số {place} năm 2023"),
    (Plan.Kind.PROGRAMME, 2025, 2027, "KH", "Kế hoạch thực hiện Nghị quyết số 57-NQ/TW về đột phá "
     "phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số trên địa bàn {place} "
     "giai đoạn 2025 - 2027"),
    (Plan.Kind.ANNUAL, 2022, 2022, "KH", "Kế hoạch ứng dụng công nghệ thông tin, phát triển "
     "chính quyền điện tử {place} năm 2022"),
    (Plan.Kind.ANNUAL, 2021, 2021, "KH", "Kế hoạch ứng dụng công nghệ thông tin, phát triển "
     "chính quyền điện tử {place} năm 2021"),
]  # fmt: skip


KIND_WEIGHT = {"five_year": 1.6, "programme": 1.3, "amendment": 0.6, "annual": 0.6}


INV, REC = CapitalType.INVESTMENT, CapitalType.RECURRENT
# Groups (title, capital type most lines use, cost factor, project name templates).


GROUPS = [
    ("Phát triển hạ tầng số", INV, 2.0, [
        "Nâng cấp Trung tâm dữ liệu {place}",
        "Mở rộng mạng truyền số liệu chuyên dùng đến UBND {commune}",
        "Trang bị máy tính, thiết bị công nghệ thông tin cho {agency}",
        "Xây dựng hệ thống hội nghị truyền hình trực tuyến từ tỉnh đến cấp xã",
        "Phát triển hạ tầng điện toán đám mây phục vụ chính quyền số {place}",
        "Nâng cấp mạng nội bộ và hệ thống camera giám sát tại {agency}",
        "Phủ sóng Wi-Fi công cộng tại các điểm du lịch, trung tâm {place}"]),
    ("Phát triển nền tảng và dữ liệu số", INV, 1.5, [
        "Xây dựng cơ sở dữ liệu {domain} {place}",
        "Nâng cấp nền tảng tích hợp, chia sẻ dữ liệu (LGSP) {place}",
        "Xây dựng Kho dữ liệu dùng chung {place}",
        "Số hóa hồ sơ, tài liệu lưu trữ của {agency}",
        "Xây dựng hệ thống thông tin địa lý (GIS) phục vụ quản lý {domain}",
        "Xây dựng nền tảng dữ liệu mở {place}"]),
    ("Phát triển chính quyền số", INV, 1.0, [
        "Xây dựng hệ thống một cửa điện tử {place}",
        "Triển khai hệ thống quản lý văn bản và điều hành tại {agency}",
        "Xây dựng Trung tâm Giám sát, điều hành đô thị thông minh (IOC) {place}",
        "Nâng cấp Cổng thông tin điện tử của {agency}",
        "Xây dựng hệ thống thông tin báo cáo {place}",
        "Ứng dụng chữ ký số trong quản lý {domain}",
        "Cập nhật Kiến trúc chính quyền số {place}"]),
    ("Dịch vụ công trực tuyến, phục vụ người dân và doanh nghiệp", INV, 0.8, [
        "Nâng cấp Cổng dịch vụ công và Hệ thống thông tin giải quyết thủ tục hành chính {place}",
        "Triển khai dịch vụ công trực tuyến toàn trình lĩnh vực {domain}",
        "Tích hợp thanh toán trực tuyến trên Cổng dịch vụ công {place}",
        "Xây dựng ứng dụng di động phục vụ người dân và doanh nghiệp {place}",
        "Số hóa kết quả giải quyết thủ tục hành chính tại UBND {commune}"]),
    ("Phát triển kinh tế số và xã hội số", REC, 0.8, [
        "Hỗ trợ doanh nghiệp nhỏ và vừa chuyển đổi số trên địa bàn {place}",
        "Xây dựng sàn thương mại điện tử nông sản {place}",
        "Phát triển du lịch thông minh {place}",
        "Triển khai hồ sơ sức khỏe điện tử và bệnh án điện tử tại {agency}",
        "Chuyển đổi số trong dạy và học tại các trường học {place}",
        "Phổ cập kỹ năng số cho người dân {commune}"]),
    ("Phát triển nguồn nhân lực số", REC, 0.25, [
        "Đào tạo nguồn nhân lực công nghệ thông tin cho cán bộ, công chức {place}",
        "Bồi dưỡng kỹ năng số cho cán bộ, công chức cấp xã",
        "Tập huấn an toàn thông tin cho cán bộ chuyên trách công nghệ thông tin của {agency}",
        "Đào tạo chuyên gia chuyển đổi số cho {agency}",
        "Tập huấn kỹ năng số cho Tổ công nghệ số cộng đồng {commune}"]),
    ("Bảo đảm an toàn thông tin mạng", REC, 0.7, [
        "Triển khai Trung tâm Giám sát an toàn thông tin mạng (SOC) {place}",
        "Diễn tập thực chiến bảo đảm an toàn thông tin mạng {place}",
        "Đánh giá, phân loại hệ thống thông tin theo cấp độ tại {agency}",
        "Trang bị giải pháp phòng, chống mã độc tập trung cho {agency}",
        "Kiểm tra, đánh giá an toàn thông tin các hệ thống dùng chung {place}"]),
]  # fmt: skip


OBJECTIVES = [
    "Nâng cao hiệu quả quản lý, điều hành của cơ quan nhà nước {place}.",
    "Phục vụ người dân và doanh nghiệp tốt hơn, giảm thời gian, chi phí thực hiện thủ tục.",
    "Bảo đảm hạ tầng kỹ thuật an toàn, ổn định cho chính quyền số.",
    "Hình thành dữ liệu số dùng chung, kết nối với cơ sở dữ liệu quốc gia.",
    "Nâng cao kỹ năng số của cán bộ, công chức và người dân.",
]


SCALES = [
    "Khảo sát, thiết kế; mua sắm thiết bị; cài đặt, chuyển giao cho {n} đơn vị.",
    "Xây dựng phần mềm, chuyển đổi {n}.000 hồ sơ dữ liệu, đào tạo người dùng.",
    "Tổ chức {n} lớp đào tạo, tập huấn.",
    "Thuê dịch vụ công nghệ thông tin {n} năm.",
    "Triển khai tại {n} cơ quan, đơn vị và UBND cấp xã.",
]
# Funding combinations (source, sub-source, capital type or None for the group's own, weight).


COMBOS = [
    (Source.LOCAL, "Ngân sách tỉnh", None, 30),
    (Source.LOCAL, "Ngân sách tỉnh", REC, 18),
    (Source.LOCAL, "Ngân sách cấp huyện, xã", REC, 8),
    (Source.CENTRAL, "", INV, 14),
    (Source.CENTRAL, "Chương trình mục tiêu quốc gia xây dựng nông thôn mới", None, 6),
    (Source.CENTRAL, "Đề án 06", REC, 5),
    (Source.OTHER, "Quỹ Dịch vụ viễn thông công ích Việt Nam", CapitalType.UNSPECIFIED, 4),
    (Source.OTHER, "Doanh nghiệp", CapitalType.UNSPECIFIED, 4),
    (Source.OTHER, "Xã hội hóa", CapitalType.UNSPECIFIED, 3),
    (Source.OTHER, "Vốn ODA", INV, 2),
]


STATUS = Project.Status
# Status by where the project's period lies against AS_OF: past, current, future.


STATUS_WEIGHTS = {
    "past": {STATUS.COMPLETED: 70, STATUS.IN_PROGRESS: 12, STATUS.PAUSED: 6,
             STATUS.CANCELLED: 5, STATUS.NOT_STARTED: 4, STATUS.PREPARING: 3},
    "current": {STATUS.IN_PROGRESS: 55, STATUS.PREPARING: 20, STATUS.NOT_STARTED: 12,
                STATUS.COMPLETED: 8, STATUS.PAUSED: 3, STATUS.CANCELLED: 2},
    "future": {STATUS.NOT_STARTED: 75, STATUS.PREPARING: 25},
}  # fmt: skip
# How many reports a project gets, by status (choices, drawn uniformly).


REPORT_COUNTS = {
    STATUS.COMPLETED: (2, 3, 3, 4), STATUS.IN_PROGRESS: (2, 3, 4, 5), STATUS.PAUSED: (1, 2, 3, 4),
    STATUS.CANCELLED: (1, 2), STATUS.PREPARING: (1, 2, 3), STATUS.NOT_STARTED: (0, 0, 1),
}  # fmt: skip


RESULTS = [  # in the order a project gets there
    "Đã hoàn thành khảo sát, lập hồ sơ thiết kế và dự toán.",
    "Đã lựa chọn nhà thầu, đang triển khai cài đặt, cấu hình hệ thống.",
    "Đã chuyển đổi, số hóa {n}.000 hồ sơ; đã tổ chức {n} lớp tập huấn cho cán bộ, công chức.",
    "Đã đưa vào vận hành thử nghiệm tại {n} đơn vị.",
    "Đã nghiệm thu, hệ thống vận hành ổn định.",
]


DIFFICULTIES = [
    "", "", "Vốn bố trí chậm so với kế hoạch.",
    "Thủ tục đấu thầu kéo dài, phải tổ chức lựa chọn nhà thầu lại.",
    "Thiếu cán bộ chuyên trách công nghệ thông tin tại cấp xã.",
    "Dữ liệu đầu vào chưa đầy đủ, chưa được chuẩn hóa.",
    "Sắp xếp đơn vị hành chính làm thay đổi đầu mối triển khai.",
]  # fmt: skip


PROPOSALS = [
    "", "", "Đề nghị Sở Tài chính sớm bố trí vốn năm tiếp theo.",
    "Đề nghị gia hạn thời gian thực hiện đến hết năm sau.",
    "Đề nghị bổ sung biên chế cán bộ chuyên trách công nghệ thông tin.",
]  # fmt: skip


RETURN_REASONS = [
    "Số liệu giải ngân chưa khớp với báo cáo của Kho bạc, đề nghị kiểm tra lại.",
    "Tỷ lệ hoàn thành chưa phù hợp với khối lượng đã nghiệm thu.",
    "Bổ sung kết quả cụ thể và khó khăn, vướng mắc trong kỳ.",
]

# Indicators: (category, name, unit, unit label, direction, baseline range, target range).


PCT, CNT, RAT, TXT = (Indicator.Unit.PERCENT, Indicator.Unit.COUNT, Indicator.Unit.RATIO,
                      Indicator.Unit.TEXT)  # fmt: skip


UP, DOWN = Indicator.Direction.INCREASE, Indicator.Direction.DECREASE


INDICATORS = [
    ("Hạ tầng số", "Tỷ lệ hộ gia đình có kết nối Internet băng rộng cáp quang",
     PCT, "", UP, (55, 75), (85, 98)),
    ("Hạ tầng số", "Tỷ lệ dân số trưởng thành có điện thoại thông minh",
     PCT, "", UP, (65, 80), (90, 98)),
    ("Hạ tầng số", "Tỷ lệ thôn, ấp, bản được phủ sóng di động băng rộng 4G/5G",
     PCT, "", UP, (85, 95), (100, 100)),
    ("Hạ tầng số", "Số điểm phát Wi-Fi công cộng miễn phí",
     CNT, "điểm", UP, (10, 60), (150, 400)),
    ("Hạ tầng số", "Số cơ quan kết nối mạng truyền số liệu chuyên dùng cấp II",
     RAT, "cơ quan", UP, (40, 70), (90, 100)),
    ("Dữ liệu số", "Số cơ sở dữ liệu chuyên ngành được xây dựng, đưa vào sử dụng",
     CNT, "cơ sở dữ liệu", UP, (2, 8), (12, 25)),
    ("Dữ liệu số", "Tỷ lệ hồ sơ thủ tục hành chính được số hóa kết quả giải quyết",
     PCT, "", UP, (20, 45), (90, 100)),
    ("Dữ liệu số", "Tỷ lệ cơ sở dữ liệu dùng chung được kết nối với nền tảng LGSP",
     PCT, "", UP, (30, 50), (100, 100)),
    ("Dữ liệu số", "Số bộ dữ liệu mở được công bố",
     CNT, "bộ dữ liệu", UP, (0, 10), (30, 80)),
    ("Chính quyền số", "Tỷ lệ văn bản trao đổi giữa các cơ quan nhà nước dưới dạng điện tử",
     PCT, "", UP, (70, 90), (100, 100)),
    ("Chính quyền số", "Tỷ lệ hồ sơ công việc cấp tỉnh được xử lý trên môi trường mạng",
     PCT, "", UP, (50, 80), (95, 100)),
    ("Chính quyền số", "Tỷ lệ báo cáo định kỳ được gửi qua Hệ thống thông tin báo cáo",
     PCT, "", UP, (40, 70), (100, 100)),
    ("Chính quyền số", "Số sở, ban, ngành kết nối Trục liên thông văn bản",
     RAT, "cơ quan", UP, (60, 85), (100, 100)),
    ("Chính quyền số", "Số UBND cấp xã sử dụng hệ thống quản lý văn bản và điều hành",
     RAT, "xã", UP, (50, 80), (100, 100)),
    ("Chính quyền số", "Trung tâm Giám sát, điều hành thông minh (IOC) cấp tỉnh",
     TXT, "", UP, None, None),
    ("Chính quyền số", "Kiến trúc chính quyền số của tỉnh",
     TXT, "", UP, None, None),
    ("Dịch vụ công", "Tỷ lệ dịch vụ công trực tuyến toàn trình trên tổng số thủ tục hành chính",
     PCT, "", UP, (20, 45), (75, 90)),
    ("Dịch vụ công", "Tỷ lệ hồ sơ thủ tục hành chính được xử lý trực tuyến",
     PCT, "", UP, (15, 40), (70, 90)),
    ("Dịch vụ công", "Tỷ lệ hồ sơ giải quyết quá hạn",
     PCT, "", DOWN, (4, 10), (0.5, 1.5)),
    ("Dịch vụ công", "Tỷ lệ người dân, doanh nghiệp hài lòng với dịch vụ công trực tuyến",
     PCT, "", UP, (70, 85), (95, 98)),
    ("Dịch vụ công", "Tỷ lệ thủ tục hành chính có thanh toán trực tuyến",
     PCT, "", UP, (10, 30), (60, 80)),
    ("Dịch vụ công", "Số Bộ phận một cửa cấp xã hiện đại",
     RAT, "xã", UP, (10, 40), (100, 100)),
    ("Kinh tế số", "Tỷ trọng kinh tế số trong GRDP",
     PCT, "", UP, (5, 9), (15, 25)),
    ("Kinh tế số", "Tỷ lệ doanh nghiệp nhỏ và vừa sử dụng nền tảng số",
     PCT, "", UP, (20, 40), (60, 80)),
    ("Kinh tế số", "Tỷ lệ giao dịch thanh toán không dùng tiền mặt",
     PCT, "", UP, (30, 50), (70, 85)),
    ("Kinh tế số", "Số doanh nghiệp công nghệ số",
     CNT, "doanh nghiệp", UP, (30, 200), (400, 1200)),
    ("Xã hội số", "Tỷ lệ người trưởng thành có chữ ký số hoặc chữ ký điện tử cá nhân",
     PCT, "", UP, (5, 20), (50, 70)),
    ("Xã hội số", "Tỷ lệ dân số có hồ sơ sức khỏe điện tử",
     PCT, "", UP, (30, 60), (90, 95)),
    ("Xã hội số", "Tỷ lệ người dân kích hoạt tài khoản định danh điện tử mức độ 2",
     PCT, "", UP, (20, 50), (80, 90)),
    ("Xã hội số", "Số bệnh viện triển khai bệnh án điện tử",
     RAT, "bệnh viện", UP, (5, 20), (80, 100)),
    ("Xã hội số", "Số trường học triển khai sổ điểm điện tử",
     RAT, "trường", UP, (20, 50), (90, 100)),
    ("Xã hội số", "Số Tổ công nghệ số cộng đồng được thành lập",
     CNT, "tổ", UP, (0, 50), (150, 500)),
    ("Nhân lực số", "Tỷ lệ cán bộ, công chức được bồi dưỡng kỹ năng số",
     PCT, "", UP, (20, 50), (100, 100)),
    ("Nhân lực số", "Số cán bộ chuyên trách công nghệ thông tin được đào tạo chuyên sâu",
     CNT, "người", UP, (10, 40), (80, 200)),
    ("An toàn thông tin", "Tỷ lệ hệ thống thông tin được phê duyệt cấp độ an toàn thông tin",
     PCT, "", UP, (20, 50), (100, 100)),
    ("An toàn thông tin", "Số sự cố mất an toàn thông tin mạng nghiêm trọng",
     CNT, "sự cố", DOWN, (3, 12), (0, 1)),
    ("An toàn thông tin", "Tỷ lệ máy tính cài đặt giải pháp phòng, chống mã độc tập trung",
     PCT, "", UP, (40, 70), (100, 100)),
]  # fmt: skip
# A ratio's baseline and target ranges above are in % of its denominator, drawn from here.


DENOMINATORS = {"cơ quan": (18, 30), "xã": (60, 170), "bệnh viện": (10, 40), "trường": (200, 700)}


TEXT_VALUES = ["Chưa có", "Đang xây dựng", "Vận hành thử nghiệm", "Đưa vào vận hành chính thức"]


MEASUREMENT_SOURCES = ["Báo cáo của {it}", "Hệ thống thông tin giải quyết thủ tục hành chính",
                       "Báo cáo định kỳ của UBND {kind}", "Cục Thống kê {name}",
                       "Bộ chỉ số đánh giá chuyển đổi số (DTI)"]  # fmt: skip
