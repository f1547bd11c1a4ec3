"""The words appendix headers use, in one place: which column role, source, sub-source, capital
type, stage and unit each spelling means.

Every pattern is a regular expression matched (``re.search``) against header text folded by
``provinces.text.fold``: lower case, without diacritics, "đ" as "d", runs of spaces and line
breaks as one space. So "Tên dự án" is written ``ten du an`` and also matches "TÊN DỰ ÁN" or
"Tên  dự\nán". ``tests/test_appendix_columns.py`` (beside it) holds the real spellings each
must read.

Years: a header with one year ("Năm 2026", "2026", "Nhu cầu 2026") is that year's money; one
with a span ("Giai đoạn 2026-2030", "2026 - 2030") is money of the whole period (no year), like
a column without a year.
"""

import re

from budgets.models import CapitalType, Source, Stage


def _any(*patterns: str) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


# Text columns, tried in this order on the deepest header level, then on the whole header.
TEXT_ROLES: list[tuple[str, re.Pattern]] = [
    ("ref", _any(r"^(s?t ?t|so tt|so thu tu|tt\.|thu tu)$")),
    (
        "name",
        _any(
            # "Tên dự án", "Tên nhiệm vụ, dự án", "Tên dự án/ nhiệm vụ", "Tên đề án", …
            r"\bten (du an|nhiem vu|de an|chuong trinh|cong trinh|hang muc|ke hoach|goi thau"
            r"|cong viec)",
            r"^ten$",
            r"nhiem vu cu the",
            # "Danh mục", "Danh mục dự án", "Danh mục dự án, nhiệm vụ", "Danh mục nhiệm vụ"
            r"^danh muc( cac)?( (du an|nhiem vu|de an|chuong trinh)([,/ ]+(du an|nhiem vu))*)?$",
            # "Dự án", "Nhiệm vụ", "Dự án, nhiệm vụ", "Nhiệm vụ/dự án", "Các nhiệm vụ"
            r"^(cac )?(du an|nhiem vu|de an)([,/ ]+(va )?(du an|nhiem vu|de an))*$",
            r"^noi dung( (nhiem vu|du an|cong viec))?$",
        ),
    ),
    ("objective", _any(r"muc tieu")),
    (
        "lead",
        _any(
            r"chu tri",
            r"chu dau tu",
            r"(don vi|co quan) (thuc hien|trien khai|quan ly|de xuat|dau moi)",
            r"^(don vi|co quan)$",
        ),
    ),
    ("partners", _any(r"phoi hop")),
    (
        "period",
        _any(
            r"thoi gian",
            r"tien do",
            r"(nam|giai doan|thoi ky) (thuc hien|trien khai|hoan thanh|bat dau)",
            r"^thoi han",
        ),
    ),
    ("status", _any(r"tinh trang", r"tinh hinh thuc hien", r"trang thai", r"hien trang")),
    ("notes", _any(r"ghi chu", r"^chu thich$")),
    ("source", _any(r"^nguon (von|kinh phi)$", r"^nguon$")),
    ("capital_type", _any(r"^loai von$", r"^tinh chat von$")),
    ("stage", _any(r"^loai so lieu$")),
    ("year", _any(r"^nam$")),
    ("scale", _any(r"quy mo", r"noi dung", r"pham vi", r"hang muc", r"san pham")),
]

# Words that make a column a money column.
MONEY_WORDS = _any(
    r"kinh phi",
    r"von",
    r"tong",
    r"ngan sach",
    r"\bns",
    r"trung uong",
    r"dia phuong",
    r"\btinh\b",
    r"\btw\b",
    r"nhu cau",
    r"du kien",
    r"du toan",
    r"(19|20)\d\d",
    r"dtpt",
    r"dau tu phat trien",
    r"\bsn\b",
    r"su nghiep",
    r"thuong xuyen",
    r"bo tri",
    r"giai ngan",
    r"khac",
    r"doanh nghiep",
    r"\boda\b",
    r"xa hoi hoa",
    r"\bquy\b",
    r"dong\)?$",
)
YEAR = re.compile(r"(?<!\d)(19\d\d|20\d\d)(?!\d)")
# The row's whole amount: "Tổng", "Tổng cộng", "Cộng", "Kinh phí", "Dự kiến kinh phí"…
TOTAL = re.compile(r"^(du kien )?(tong|cong|kinh phi|du toan)")
# The project's estimated whole cost, whatever the columns beside it split.
ESTIMATE = _any(
    r"tong muc( dau tu)?\b",
    r"tong du toan",
    r"tong kinh phi",
    r"^du kien (tong )?kinh phi",
    r"^kinh phi du kien",
)

# (pattern, source, sub-source): the sub-source is "" (none), "as written" (the header's own
# text: "Quỹ VTCI", "ODA") or a local budget level's name.
AS_WRITTEN = "as written"
PROVINCE_LEVEL = "Ngân sách cấp tỉnh"
LOCAL_LEVELS = [  # each local budget level, the way headers write it
    (re.compile(r"\btinh\b"), PROVINCE_LEVEL),
    (re.compile(r"\bhuyen\b"), "Ngân sách cấp huyện"),
    (re.compile(r"\bxa\b"), "Ngân sách cấp xã"),
]
SOURCE_WORDS: list[tuple[re.Pattern, str, str]] = [
    (
        _any(
            r"vtci",
            r"vien thong cong ich",
            r"de an 191",
            r"doanh nghiep",
            r"xa hoi hoa",
            r"\boda\b",
            r"tai tro",
            r"vien tro",
            r"khoa hoc",
            r"\bkhcn\b",
            r"von vay",
            r"\bvay\b",
            r"tin dung",
            r"\bppp\b",
        ),
        Source.OTHER,
        AS_WRITTEN,
    ),
    (
        _any(r"von khac", r"nguon khac", r"huy dong khac", r"^khac$", r"^cac nguon (von )?khac$"),
        Source.OTHER,
        "",
    ),
    (_any(r"trung uong", r"ns ?tw", r"\btw\b", r"^tw$"), Source.CENTRAL, ""),
    (
        _any(
            r"ns ?dp",
            r"dia phuong",
            r"ngan sach tinh",
            r"von tinh",
            r"\bns (cap )?(tinh|huyen|xa)\b",
            r"ngan sach (cap )?(tinh|huyen|xa)\b",
            r"\btinh\b",
            r"\bhuyen\b",
            r"\bxa\b",
        ),
        Source.LOCAL,
        "level",
    ),
]
# Words that only introduce what follows them ("Vốn" SN, "năm" 2013): not part of a sub-source
# named after "Vốn khác" in a one-row header.
LEAD_WORDS = {"von", "nam", "nguon", "giai", "doan", "ngan", "sach", "kinh", "phi"}
CAPITAL_WORDS: list[tuple[re.Pattern, str]] = [
    (
        _any(
            r"dtpt",
            r"dau tu phat trien",
            r"von dau tu",
            r"chi dau tu",
            r"xay dung co ban",
            r"\bxdcb\b",
        ),
        CapitalType.INVESTMENT,
    ),
    (
        _any(r"\bsn\b", r"su nghiep", r"chi thuong xuyen", r"^thuong xuyen$", r"von tx\b"),
        CapitalType.RECURRENT,
    ),
]
STAGE_WORDS: list[tuple[re.Pattern, str]] = [  # need words first: "Nhu cầu kế hoạch vốn"
    (_any(r"nhu cau", r"de xuat"), Stage.NEED),
    (_any(r"giai ngan", r"thanh toan"), Stage.DISBURSED),
    (_any(r"bo tri", r"phan bo", r"da cap", r"duoc giao", r"ke hoach von"), Stage.ALLOCATED),
]
# A unit in a header cell ("Tổng mức (tỷ đồng)") or a line above the table.
UNIT_WORDS: list[tuple[re.Pattern, str]] = [
    (_any(r"\bty dong", r"\(ty\)", r"\bty d\b", r"\bty vnd\b"), "ty"),
    (_any(r"trieu dong", r"\btrieu\b", r"\btr\.? ?d\b", r"\btrd\b"), "trieu"),
    (_any(r"\(dong\)", r": ?dong$", r"\bvnd\)?$", r"don vi( tinh)?: ?dong\b"), "dong"),
]
UNIT_LINE = re.compile(r"dvt|don vi tinh|don vi\s*:|^\(?\s*(trieu|ty)? ?dong\)?$")
