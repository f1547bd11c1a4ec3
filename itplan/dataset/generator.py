"""A national-scale benchmark dataset: the 34 provinces of 2025, ~20.000 projects, ~500.000 budget
lines, ~7.000 indicators, ~50.000 progress reports (``manage.py generate_dataset``).

``generate(provinces=34, seed=1, scale=1.0)`` writes, in one transaction, for each of the first
``provinces`` provinces of ``PROVINCES`` (Nghị quyết 202/2025/QH15, with their official codes):
45 agencies (Sở before and after the 2025 mergers, UBND huyện/xã/phường, others); a staff and a
leader user (``canbo.<slug>``, ``lanhdao.<slug>``, unusable passwords: log in with
``force_login`` or set one in the admin); 12 plans (five-year, annual, programme, one
amendment); ~600 projects in groups I, II, III…; ~25 budget lines per project (year × source ×
capital type × need/allocated/disbursed, whole đồng rounded to triệu); ~200 indicators with
yearly targets and measurements; ~2,5 progress reports per project. ``scale`` multiplies the
per-province counts of plans, projects and indicators (``PER_PROVINCE``); budget lines and
reports follow the projects.

Deterministic: each province draws from its own ``random.Random(f"{seed}:{slug}")``, so a seed
gives the same rows (ids aside) on any database and whatever ``provinces`` is. Dates are relative
to ``AS_OF`` (31/10/2026: reports up to quarter 3/2026), never to today.

Marks, so that ``clear()`` removes only what was generated:

- plans: the document number ends in ``PLAN_SUFFIX`` ("-DLT", dữ liệu thử: "1520/QĐ-UBND-DLT");
  their groups, projects, budget lines, reports and indicators go with them;
- users: the e-mail is ``<username>@dulieu-thu.invalid`` (``USER_EMAIL_DOMAIN``).

Provinces and agencies are reference data: one with the same slug (province) or the same name in
the province (agency) is reused, otherwise created; ``clear()`` keeps them, and the next run
reuses them, so nothing is duplicated. Rows of ``fixtures/`` and demo users are never touched.

Rows are written with ``bulk_create``, which skips ``save()``: the ``search_key`` of agencies and
indicators and ``Project.set_derived_fields()`` are applied here as ``save()`` would, and
``version`` is what the workflow would have left (one per save after creation). No
simple-history rows are written, nor by ``clear()``: this is benchmark data, not edits anyone
made.
"""

import datetime
import math
import random
import zoneinfo
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.test.utils import override_settings

from budgets import summary
from budgets.models import BudgetLine, CapitalType, Source, Stage
from indicators.models import Indicator, IndicatorTarget, Measurement
from projects.models import Plan, Project, ProjectGroup, StatusUpdate
from projects.signals import data_written
from provinces.models import Agency, Membership, Province
from provinces.text import fold

AS_OF = datetime.date(2026, 10, 31)
CURRENT_YEAR = AS_OF.year
LAST_QUARTER = (2026, 3)  # the last quarter ended by AS_OF
TZ = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
PLAN_SUFFIX = "-DLT"
USER_EMAIL_DOMAIN = "dulieu-thu.invalid"
PER_PROVINCE = {"plans": 12, "projects": 600, "indicators": 200}
BATCH_SIZE = 1000
TRIEU = 10**6
MERGED = datetime.date(2025, 7, 1)  # provinces merged, cấp huyện abolished
DEPARTMENTS_MERGED = datetime.date(2025, 3, 1)  # Sở TT&TT into Sở KH&CN, and others

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

IT_DEPT_OLD, IT_DEPT_NEW = "Sở Thông tin và Truyền thông", "Sở Khoa học và Công nghệ"
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


@dataclass
class Counts:
    """What ``generate`` created (or ``clear`` deleted), model by model."""

    provinces: int = 0
    provinces_reused: int = 0
    agencies: int = 0
    users: int = 0
    plans: int = 0
    groups: int = 0
    projects: int = 0
    partner_links: int = 0
    budget_lines: int = 0
    status_updates: int = 0
    indicators: int = 0
    targets: int = 0
    measurements: int = 0


@dataclass
class _Province:
    """A province being generated: its random stream and what its rows draw from."""

    row: Province
    kind: str
    rng: random.Random
    staff: object = None
    leader: object = None
    agencies: dict[str, Agency] = field(default_factory=dict)
    communes: list[str] = field(default_factory=list)

    @property
    def place(self) -> str:
        """How a name mentions the province: "tỉnh Cà Mau", "thành phố Hà Nội"."""
        name = self.row.name
        return name[0].lower() + name[1:] if name.startswith("Thành phố") else f"{self.kind} {name}"

    def fill(self, template: str) -> str:
        return template.format(kind=self.kind, name=self.row.name, place=self.place)

    def agency(self, template: str) -> Agency:
        """The agency of an ``*_AGENCIES``/``DEPARTMENTS_*`` template, or of a UBND name."""
        return self.agencies[template]


class DatasetExists(Exception):
    """Generated data is already there: clear it first."""


def generated_plans():
    return Plan.objects.filter(document_number__endswith=PLAN_SUFFIX)


def generated_users():
    return get_user_model().objects.filter(email__endswith=f"@{USER_EMAIL_DOMAIN}")


def per_province(scale: float) -> dict[str, int]:
    """The plans, projects and indicators of one province at ``scale`` (at least one each)."""
    plans = min(len(PLAN_SPECS), max(1, round(PER_PROVINCE["plans"] * scale)))
    return {
        "plans": plans,
        "projects": max(plans, round(PER_PROVINCE["projects"] * scale)),
        "indicators": max(1, round(PER_PROVINCE["indicators"] * scale)),
    }


@transaction.atomic
def clear() -> Counts:
    """Delete the generated plans (with everything under them) and users; provinces, agencies,
    seed plans and demo users stay. Writes no history rows."""
    counts = Counts(plans=generated_plans().count(), users=generated_users().count())
    with override_settings(SIMPLE_HISTORY_ENABLED=False), summary.suspended():
        # Per province keeps the deletion collector's memory small. Projects go before their
        # plans (Project.group protects the groups) and amendments before the plans they amend.
        # Archived rows ("Đã xoá") go too: the base managers see them.
        every_plan = Plan._base_manager.filter(document_number__endswith=PLAN_SUFFIX)
        for province_id in set(every_plan.values_list("province_id", flat=True)):
            plans = every_plan.filter(province_id=province_id)
            Project._base_manager.filter(plan__in=plans).delete()
            plans.filter(amends__isnull=False).delete()
            plans.delete()
        generated_users().delete()
    return counts


@transaction.atomic
def generate(*, provinces: int = 34, seed: int = 1, scale: float = 1.0) -> Counts:
    """Create the dataset of the first ``provinces`` provinces; raises ``DatasetExists`` when
    generated plans are already present (call ``clear()`` first)."""
    if not 1 <= provinces <= len(PROVINCES):
        raise ValueError(f"provinces must be 1..{len(PROVINCES)}")
    if generated_plans().exists():
        raise DatasetExists
    counts = Counts()
    sizes = per_province(scale)
    password = make_password(None)  # unusable: benchmark users log in with force_login
    with _given_created_at():
        for spec in PROVINCES[:provinces]:
            ctx = _province(spec, seed, counts)
            _agencies(ctx, counts)
            _users(ctx, password, counts)
            _plans(ctx, sizes, counts)
    data_written.send(sender=Plan, plan_ids=set(generated_plans().values_list("pk", flat=True)))
    return counts


def _insert(model, rows: list) -> list:
    model.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    return rows


@contextmanager
def _given_created_at():
    """Keep the report dates set here: ``auto_now_add`` would stamp every row with now."""
    created_at = StatusUpdate._meta.get_field("created_at")
    created_at.auto_now_add = False
    try:
        yield
    finally:
        created_at.auto_now_add = True


def _province(spec, seed: int, counts: Counts) -> _Province:
    code, slug, name, kind, merged = spec
    row = (
        Province.objects.filter(slug=slug).first()
        or Province.objects.filter(code=code, name=name).first()
    )
    if row is None:
        row = Province.objects.create(
            code=code, slug=slug, name=name, valid_from=MERGED if merged else None
        )
        counts.provinces += 1
    else:
        counts.provinces_reused += 1
    rng = random.Random(f"{seed}:{slug}")  # noqa: S311 - reproducible data, not a secret
    return _Province(row=row, kind=kind, rng=rng)


def _agencies(ctx: _Province, counts: Counts) -> None:
    rng, names = ctx.rng, {}
    for template in DEPARTMENTS_OLD + DEPARTMENTS_BOTH + DEPARTMENTS_NEW:
        names[template] = Agency.Kind.DEPARTMENT
    for template in OTHER_AGENCIES:
        names[template] = Agency.Kind.OTHER
    places = rng.sample([f"{a} {b}" for a in SYLLABLES for b in SYLLABLES if a != b], 20)
    ctx.communes = [f"xã {p}" for p in places[:10]] + [f"phường {p}" for p in places[10:14]]
    for label in [f"huyện {p}" for p in places[14:]] + ctx.communes:
        names[f"UBND {label}"] = Agency.Kind.PEOPLES_COMMITTEE
    existing = {a.name: a for a in Agency.objects.filter(province=ctx.row)}
    new = []
    for template, kind in names.items():
        name = ctx.fill(template)
        agency = existing.get(name)
        if agency is None:
            agency = Agency(province=ctx.row, name=name, kind=kind, search_key=fold(name))
            new.append(agency)
        ctx.agencies[template] = agency
    counts.agencies += len(_insert(Agency, new))


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def _users(ctx: _Province, password: str, counts: Counts) -> None:
    """The province's staff and leader users (``canbo.<slug>``, ``lanhdao.<slug>``): reused
    when they exist, else created with their membership."""
    User = get_user_model()
    joined = datetime.datetime(2021, 1, 4, 8, tzinfo=TZ)
    users = {}
    for role, prefix in ((Membership.Role.STAFF, "canbo"), (Membership.Role.LEADER, "lanhdao")):
        username, name = f"{prefix}.{ctx.row.slug}", _person(ctx.rng)
        users[role] = User.objects.filter(username=username).first() or User(
            username=username,
            first_name=name,
            email=f"{username}@{USER_EMAIL_DOMAIN}",
            password=password,
            is_staff=True,
            date_joined=joined,
        )
    ctx.staff, ctx.leader = users[Membership.Role.STAFF], users[Membership.Role.LEADER]
    new = {role: user for role, user in users.items() if user.pk is None}
    _insert(User, list(new.values()))
    _insert(Membership, [Membership(user=u, role=r, province=ctx.row) for r, u in new.items()])
    counts.users += len(new)


def _weighted(total: int, weights: list[float], minimum: int = 0) -> list[int]:
    """``total`` shared in proportion to ``weights`` (largest remainder), each share at least
    ``minimum`` when ``total`` allows."""
    floor = minimum if total >= minimum * len(weights) else 0
    spare, scale = total - floor * len(weights), sum(weights)
    shares = [spare * w / scale for w in weights]
    whole = [int(s) for s in shares]
    by_remainder = sorted(range(len(weights)), key=lambda i: whole[i] - shares[i])
    for i in by_remainder[: spare - sum(whole)]:
        whole[i] += 1
    return [w + floor for w in whole]


def _plans(ctx: _Province, sizes: dict[str, int], counts: Counts) -> None:
    rng = ctx.rng
    numbers, plans = set(), []
    for kind, start, end, doc, title in PLAN_SPECS[: sizes["plans"]]:
        number = rng.randint(100, 3999)
        while number in numbers:
            number = rng.randint(100, 3999)
        numbers.add(number)
        if kind == Plan.Kind.ANNUAL:
            issued = datetime.date(start - 1, 12, rng.randint(5, 28))
        else:
            issued = datetime.date(start, rng.randint(1, 4), rng.randint(1, 28))
        plans.append(
            Plan(
                province=ctx.row,
                kind=kind,
                document_number=f"{number}/{doc}-UBND{PLAN_SUFFIX}",
                issue_date=issued,
                signer=f"Phó Chủ tịch {_person(rng)}",
                title=ctx.fill(title),
                start_year=start,
                end_year=end,
                notes="Dữ liệu thử do lệnh generate_dataset sinh ra để đo hiệu năng.",
            )
        )
    # The amendment amends the first plan, which must have its id first.
    amendments = [p for p in plans if p.kind == Plan.Kind.AMENDMENT]
    _insert(Plan, [p for p in plans if p.kind != Plan.Kind.AMENDMENT])
    for plan in amendments:
        plan.amends, plan.amends_text = plans[0], plans[0].document_number
    _insert(Plan, amendments)
    counts.plans += len(plans)

    weights = [KIND_WEIGHT[p.kind] * rng.uniform(0.8, 1.2) for p in plans]
    n_projects = _weighted(sizes["projects"], weights, minimum=1)
    n_indicators = _weighted(sizes["indicators"], weights)
    for plan, projects, indicators in zip(plans, n_projects, n_indicators, strict=True):
        _projects(ctx, plan, projects, counts)
        _indicators(ctx, plan, indicators, counts)


def _projects(ctx: _Province, plan: Plan, count: int, counts: Counts) -> None:
    """The plan's groups and ``count`` projects, with partners, budget lines and reports."""
    rng = ctx.rng
    many_years = plan.start_year < plan.end_year
    n_groups = min(count, len(GROUPS), rng.randint(4, 7) if many_years else rng.randint(3, 5))
    chosen = sorted(rng.sample(range(len(GROUPS)), n_groups))
    groups = [
        ProjectGroup(plan=plan, ref=ROMAN[i], title=GROUPS[g][0], order=i)
        for i, g in enumerate(chosen)
    ]
    counts.groups += len(_insert(ProjectGroup, groups))

    old = plan.issue_date < DEPARTMENTS_MERGED
    departments = (DEPARTMENTS_OLD if old else DEPARTMENTS_NEW) + DEPARTMENTS_BOTH
    it_dept = IT_DEPT_OLD if old else IT_DEPT_NEW
    # Cấp huyện ends with the 2025 merger: later plans name UBND xã/phường only.
    committees = [t for t in ctx.agencies if t.startswith("UBND") and (old or "huyện" not in t)]
    projects, partners_of, taken, lines, reports = [], {}, set(), [], []
    sizes = _weighted(count, [rng.uniform(0.6, 1.4) for _ in groups], minimum=1)
    for group, g, size in zip(groups, chosen, sizes, strict=True):
        _title, capital, cost, templates = GROUPS[g]
        for ref in range(1, size + 1):
            lead = rng.choices(
                [it_dept, rng.choice(departments), rng.choice(committees),
                 rng.choice(OTHER_AGENCIES)], weights=[40, 35, 15, 10],
            )[0]  # fmt: skip
            others = [t for t in departments if t != lead]
            partners = [ctx.agency(t) for t in rng.sample(others, rng.choice((0, 1, 1, 2, 3)))]
            partners_text = [a.name for a in partners]
            if rng.random() < 0.3:
                partners_text.append("UBND các xã, phường")
            # Projects of a multi-year plan mostly start early and last two to four years.
            start = rng.randint(plan.start_year, max(plan.start_year, plan.end_year - 1))
            end = min(plan.end_year, start + rng.choice((0, 1, 1, 2, 2, 3, 4)))
            project = Project(
                plan=plan,
                group=group,
                ref=str(ref),
                order=len(projects) + 1,
                name=_project_name(ctx, templates, ctx.agency(lead).name, taken),
                objective=ctx.fill(rng.choice(OBJECTIVES)),
                scale=rng.choice(SCALES).format(n=rng.randint(2, 40)),
                lead_agency=ctx.agency(lead),
                partners=", ".join(partners_text),
                period=_period_text(rng, start, end),
                estimate=_estimate(rng, cost) * TRIEU,
            )
            project.set_derived_fields()
            projects.append(project)
            partners_of[project.order] = partners
            # Budget and reports before the insert: the reports set the project's status, %
            # complete and version as approving them would have; bulk_create then fills in the
            # project ids of the lines and reports.
            status, percent = _status(rng, project)
            lines.extend(_budget_lines(rng, project, status, capital))
            reports.extend(_reports(ctx, project, status, percent))
    counts.projects += len(_insert(Project, projects))
    through = Project.partner_agencies.through
    links = [
        through(project_id=p.pk, agency_id=a.pk) for p in projects for a in partners_of[p.order]
    ]
    counts.partner_links += len(_insert(through, links))
    counts.budget_lines += len(_insert(BudgetLine, lines))
    counts.status_updates += len(_insert(StatusUpdate, reports))


ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


def _project_name(ctx: _Province, templates: list[str], lead: str, taken: set[str]) -> str:
    """A name from the group's templates, unique in the plan ("(giai đoạn 2)" when drawn
    again)."""
    rng = ctx.rng
    for _attempt in range(5):
        name = rng.choice(templates).format(
            place=ctx.place,
            agency=lead,
            commune=rng.choice(ctx.communes),
            domain=rng.choice(DOMAINS),
        )
        if name not in taken:
            break
    stage = 2
    while name in taken:
        name, stage = f"{name.split(' (giai đoạn')[0]} (giai đoạn {stage})", stage + 1
    taken.add(name)
    return name


def _period_text(rng: random.Random, start: int, end: int) -> str:
    """The period as documents write it: "Năm 2024", "2022 - 2024", "2022-2024"."""
    if start == end:
        return rng.choice((f"Năm {start}", str(start)))
    return rng.choice((f"{start} - {end}", f"Năm {start} - {end}", f"{start}-{end}"))


def _estimate(rng: random.Random, cost: float) -> int:
    """An estimate in triệu, rounded as documents round: hundreds of triệu to tens of tỷ."""
    trieu = math.exp(rng.uniform(math.log(300), math.log(30_000))) * cost
    step = 10 if trieu < 1_000 else 50 if trieu < 10_000 else 100
    return max(100, round(trieu / step) * step)


def _status(rng: random.Random, project: Project) -> tuple[str, int]:
    """A status for where the project's period lies against ``AS_OF``, and a % complete that
    goes with it."""
    if project.end_year < CURRENT_YEAR:
        weights = STATUS_WEIGHTS["past"]
    elif project.start_year > CURRENT_YEAR:
        weights = STATUS_WEIGHTS["future"]
    else:
        weights = STATUS_WEIGHTS["current"]
    status = rng.choices(list(weights), weights=list(weights.values()))[0]
    percent = {
        STATUS.COMPLETED: 100,
        STATUS.IN_PROGRESS: rng.randint(2, 19) * 5,
        STATUS.PAUSED: rng.randint(2, 14) * 5,
        STATUS.CANCELLED: rng.randint(0, 6) * 5,
        STATUS.PREPARING: rng.randint(0, 2) * 5,
        STATUS.NOT_STARTED: 0,
    }[status]
    return status, percent


def _budget_lines(rng: random.Random, project: Project, status: str, capital: str) -> list:
    """Need for each year of the period × funding combination, adding up to the estimate (but
    for a few projects, as in real documents); allocated and disbursed for the years reached,
    mostly within need and allocated. Amounts in whole triệu."""
    years = list(range(project.start_year, project.end_year + 1))
    n_combos = max(2, min(6, round(rng.uniform(7, 12) / len(years) ** 0.4)))
    combos = []  # (source, sub-source, capital type), each once
    while len(combos) < n_combos:
        source, sub_source, capital_type, _weight = rng.choices(COMBOS, [c[3] for c in COMBOS])[0]
        combo = (source, sub_source, capital_type or capital)
        if combo not in combos:
            combos.append(combo)
    cells = [(year, combo) for year in years for combo in combos]
    total = project.estimate // TRIEU
    if rng.random() < 0.05:
        total = round(total * rng.uniform(0.85, 1.15))
    unit = 10 if total >= 10 * len(cells) else 1
    lines = []
    needs = _weighted(total // unit, [rng.uniform(0.5, 1.5) for _ in cells], minimum=1)
    for (year, (source, sub_source, capital_type)), need in zip(cells, needs, strict=True):
        if not need:
            continue
        need *= unit
        line = {"project": project, "year": year, "source": source, "sub_source": sub_source,
                "capital_type": capital_type}  # fmt: skip
        lines.append(BudgetLine(**line, stage=Stage.NEED, amount=need * TRIEU))
        allocated = _allocated(rng, status, year, need)
        if allocated:
            lines.append(BudgetLine(**line, stage=Stage.ALLOCATED, amount=allocated * TRIEU))
            disbursed = _disbursed(rng, status, year, allocated)
            if disbursed:
                lines.append(BudgetLine(**line, stage=Stage.DISBURSED, amount=disbursed * TRIEU))
    return lines


def _allocated(rng: random.Random, status: str, year: int, need: int) -> int:
    if year > CURRENT_YEAR:
        return 0
    chance, low, high = {
        STATUS.COMPLETED: (0.95, 0.8, 1.0), STATUS.IN_PROGRESS: (0.85, 0.6, 1.0),
        STATUS.PAUSED: (0.6, 0.4, 0.9), STATUS.CANCELLED: (0.3, 0.1, 0.6),
        STATUS.PREPARING: (0.4, 0.05, 0.3), STATUS.NOT_STARTED: (0.05, 0.05, 0.2),
    }[status]  # fmt: skip
    if rng.random() >= chance:
        return 0
    if rng.random() < 0.03:  # above need: an addition the plan did not foresee
        low, high = 1.05, 1.25
    return max(1, round(need * rng.uniform(low, high)))


def _disbursed(rng: random.Random, status: str, year: int, allocated: int) -> int:
    chance, low, high = {
        STATUS.COMPLETED: (0.98, 0.85, 1.0), STATUS.IN_PROGRESS: (0.85, 0.5, 1.0),
        STATUS.PAUSED: (0.7, 0.3, 0.8), STATUS.CANCELLED: (0.5, 0.0, 0.5),
        STATUS.PREPARING: (0.3, 0.0, 0.5), STATUS.NOT_STARTED: (0.1, 0.0, 0.3),
    }[status]  # fmt: skip
    if year == CURRENT_YEAR:  # the year is not over
        chance, low, high = chance * 0.8, low * 0.3, high * 0.7
    if rng.random() >= chance:
        return 0
    if rng.random() < 0.02:  # above allocated: advances settled later
        low, high = 1.02, 1.1
    return round(allocated * rng.uniform(low, high))


def _quarters(start: int, end: int) -> list[tuple[int, int]]:
    """The quarters from ``start`` to ``end`` that ended by ``AS_OF``."""
    last = min(LAST_QUARTER, (end, 4))
    return [(y, q) for y in range(start, last[0] + 1) for q in range(1, 5) if (y, q) <= last]


def _quarter_end(year: int, quarter: int) -> datetime.date:
    return datetime.date(year, 3 * quarter, (31, 30, 30, 31)[quarter - 1])


def _moment(rng: random.Random, day: datetime.date, days: tuple[int, int]) -> datetime.datetime:
    """A working-hours moment some ``days`` after ``day``, not after ``AS_OF``."""
    moment = datetime.datetime.combine(
        day + datetime.timedelta(days=rng.randint(*days)),
        datetime.time(rng.randint(7, 16), rng.randint(0, 59)),
        tzinfo=TZ,
    )
    return min(moment, datetime.datetime.combine(AS_OF, datetime.time(17), tzinfo=TZ))


State = StatusUpdate.State
STATES = [State.APPROVED, State.SUBMITTED, State.DRAFT, State.RETURNED]


def _reports(ctx: _Province, project: Project, status: str, final: int) -> list[StatusUpdate]:
    """Reports on the project's latest quarters, % complete rising to ``final``; sets the
    project's status, % complete and version as approving them would have."""
    rng = ctx.rng
    ongoing = status not in (STATUS.COMPLETED, STATUS.CANCELLED)  # still reported when late
    quarters = _quarters(project.start_year, CURRENT_YEAR if ongoing else project.end_year)
    n = min(len(quarters), rng.choice(REPORT_COUNTS[status]))
    reports, percent = [], 0
    for i, (year, quarter) in enumerate(quarters[len(quarters) - n :]):
        last = i == n - 1
        if last:
            percent = final
            weights = (55, 20, 13, 12) if (year, quarter) == LAST_QUARTER else (94, 2, 2, 2)
        else:
            percent = max(percent, min(final, round(final * (i + 1) / n * rng.uniform(0.8, 1))))
            weights = (97, 1, 0, 2)
        state = rng.choices(STATES, weights=weights)[0]
        if last or status in (STATUS.NOT_STARTED, STATUS.PREPARING):
            report_status = status
        else:
            report_status = STATUS.IN_PROGRESS if percent else STATUS.PREPARING
        created = _moment(rng, _quarter_end(year, quarter), (1, 20))
        submitted = reviewed = None
        if state != State.DRAFT:
            submitted = max(created, _moment(rng, created.date(), (0, 4)))
        if state in (State.APPROVED, State.RETURNED):
            reviewed = max(submitted, _moment(rng, submitted.date(), (1, 8)))
        reports.append(
            StatusUpdate(
                project=project,
                year=year,
                quarter=quarter,
                status=report_status,
                percent_complete=percent,
                results=_results(rng, percent),
                difficulties=rng.choice(DIFFICULTIES),
                proposals=rng.choice(PROPOSALS),
                state=state,
                author=ctx.staff,
                created_at=created,
                submitted_at=submitted,
                reviewer=ctx.leader if reviewed else None,
                reviewed_at=reviewed,
                return_reason=rng.choice(RETURN_REASONS) if state == State.RETURNED else "",
                # one save to create, one to submit, one to approve or return
                version={State.DRAFT: 0, State.SUBMITTED: 1}.get(state, 2),
            )
        )
    approved = [r for r in reports if r.state == State.APPROVED]
    project.version = len(approved)  # each approval saves the project once
    if approved:
        project.status = approved[-1].status
        project.percent_complete = approved[-1].percent_complete
    else:  # as the appendix states it
        project.status = status
        project.percent_complete = None if status == STATUS.NOT_STARTED else final
    return reports


def _results(rng: random.Random, percent: int) -> str:
    """What a report at ``percent`` says it achieved: a survey early, acceptance at the end."""
    if not percent:
        return ""
    step = min(len(RESULTS) - 1, percent * len(RESULTS) // 100 + rng.choice((-1, 0, 0)))
    return RESULTS[max(0, step)].format(n=rng.randint(2, 30))


def _indicators(ctx: _Province, plan: Plan, count: int, counts: Counts) -> None:
    """``count`` indicators of the plan with a target per year of the plan and several
    measurements spread over the quarters ended by ``AS_OF``."""
    rng = ctx.rng
    picks = rng.sample(range(len(INDICATORS)), min(count, len(INDICATORS)))
    picks += rng.choices(range(len(INDICATORS)), k=count - len(picks))
    indicators, curves, seen = [], [], set()
    for order, i in enumerate(sorted(picks), start=1):
        category, name, unit, label, direction, base, goal = INDICATORS[i]
        curve = _curve(rng, unit, label, base, goal)
        indicators.append(
            Indicator(
                plan=plan,
                category=category,
                ref=str(order),
                order=order,
                name=f"{name} (cấp xã)" if i in seen else name,
                search_key=fold(f"{name} (cấp xã)" if i in seen else name),
                unit=unit,
                unit_label=label,
                direction=direction,
                baseline_year=plan.start_year - 1,
                **{f"baseline_{k}": v for k, v in curve(0, exact=True).items()},
            )
        )
        curves.append(curve)
        seen.add(i)
    counts.indicators += len(_insert(Indicator, indicators))

    it_dept = IT_DEPT_OLD if plan.issue_date < DEPARTMENTS_MERGED else IT_DEPT_NEW
    sources = [ctx.fill(s.replace("{it}", it_dept)) for s in MEASUREMENT_SOURCES]
    years = range(plan.start_year, plan.end_year + 1)
    days = [_quarter_end(y, q) for y, q in _quarters(plan.start_year, plan.end_year)]
    baseline_day = datetime.date(plan.start_year - 1, 12, 31)
    span = (datetime.date(plan.end_year, 12, 31) - baseline_day).days
    targets, measurements = [], []
    for indicator, curve in zip(indicators, curves, strict=True):
        for k, year in enumerate(years, start=1):
            share = k / len(years)
            targets.append(IndicatorTarget(indicator=indicator, year=year, **curve(share, True)))
        n = min(len(days), rng.randint(2, 5))
        performance = rng.uniform(0.5, 1.15)  # some on track, some off
        for k in range(n):
            day = days[round((len(days) - 1) * (k + 1) / n)]
            share = (day - baseline_day).days / span * performance
            source = rng.choice(sources)
            measurements.append(
                Measurement(indicator=indicator, date=day, source=source, **curve(share))
            )
    counts.targets += len(_insert(IndicatorTarget, targets))
    counts.measurements += len(_insert(Measurement, measurements))
    # bulk_create skips the save() that keeps these current
    Indicator.objects.filter(pk__in=[i.pk for i in indicators]).refresh_progress_inputs()


def _curve(rng: random.Random, unit: str, label: str, base, goal):
    """A function giving an indicator's value a share of the way from its baseline (0) to its
    final target (1), as ``value``, ``denominator`` and ``text``; measurements add noise."""
    if unit == TXT:
        last = len(TEXT_VALUES) - 1

        def text_at(share: float, exact: bool = False) -> dict:
            step = min(last, math.ceil(share * last))
            return {"value": None, "denominator": None, "text": TEXT_VALUES[step]}

        return text_at
    start, target = rng.uniform(*base), rng.uniform(*goal)
    denominator, digits, ceiling = None, (1 if unit == PCT else 0), math.inf
    if unit == PCT:
        ceiling = 100.0
    elif unit == RAT:  # ranges are in % of the denominator
        ceiling = rng.randint(*DENOMINATORS[label])
        denominator = Decimal(ceiling)
        start, target = start * ceiling / 100, target * ceiling / 100

    def value_at(share: float, exact: bool = False) -> dict:
        noise = 1 if exact else rng.uniform(0.97, 1.03)
        value = (start + (target - start) * min(share, 1.1)) * noise
        value = Decimal(str(round(min(ceiling, max(0.0, value)), digits)))
        return {"value": value, "denominator": denominator, "text": ""}

    return value_at
