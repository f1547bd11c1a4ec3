"""A large appendix in the Trà Vinh 952/QĐ-UBND layout (tests/files/tra-vinh-952-2011.xlsx),
generated from a fixed seed, with the same rows kept as plain values for the baseline.

Layout: title lines, "ĐVT: triệu đồng", a two-row header ("Kinh phí (triệu đồng)" over "Tổng số",
"NSTW", "NSĐP", "Vốn khác"), group rows "I", "II"… carrying their group's sums, projects numbered
from 1 in each group, a "Tổng cộng" row. Amounts are mostly text as documents print them
("1.200", "850,5"), some numbers; every group and total row agrees with its projects.
"""

import io
import random
from dataclasses import dataclass, field

from openpyxl import Workbook

from budgets.models import Source

SEED = 952
START_YEAR, END_YEAR = 2021, 2025
TRIEU = 1_000_000

# (name as the province's agency list holds it, how the appendix writes it)
AGENCIES = [
    ("Sở Thông tin và Truyền thông", "Sở TT&TT"),
    ("Sở Nội vụ", "Sở Nội vụ"),
    ("Sở Tài chính", "Sở Tài chính"),
    ("Sở Kế hoạch và Đầu tư", "Sở KH&ĐT"),
    ("Sở Y tế", "Sở Y tế"),
    ("Sở Giáo dục và Đào tạo", "Sở GD&ĐT"),
    ("Sở Tài nguyên và Môi trường", "Sở TN&MT"),
    ("Sở Tư pháp", "Sở Tư pháp"),
    ("Sở Xây dựng", "Sở Xây dựng"),
    ("Sở Công Thương", "Sở Công Thương"),
    ("Sở Nông nghiệp và Phát triển nông thôn", "Sở NN&PTNT"),
    ("Sở Lao động - Thương binh và Xã hội", "Sở Lao động - Thương binh và Xã hội"),
    ("Sở Văn hóa, Thể thao và Du lịch", "Sở Văn hóa, Thể thao và Du lịch"),
    ("Sở Khoa học và Công nghệ", "Sở KH&CN"),
    ("Sở Giao thông vận tải", "Sở Giao thông vận tải"),
    ("Văn phòng Ủy ban nhân dân tỉnh", "VP UBND tỉnh"),
    ("Thanh tra tỉnh", "Thanh tra tỉnh"),
    ("Công an tỉnh", "Công an tỉnh"),
    ("Ban Dân tộc", "Ban Dân tộc"),
    ("Đài Phát thanh và Truyền hình tỉnh", "Đài Phát thanh và Truyền hình tỉnh"),
    ("Bảo hiểm xã hội tỉnh", "Bảo hiểm xã hội tỉnh"),
    ("Cục Thuế tỉnh", "Cục Thuế tỉnh"),
    ("Ủy ban nhân dân thành phố Trà Vinh", "UBND thành phố Trà Vinh"),
    ("Ủy ban nhân dân huyện Càng Long", "UBND huyện Càng Long"),
    ("Ủy ban nhân dân huyện Cầu Kè", "UBND huyện Cầu Kè"),
    ("Ủy ban nhân dân huyện Tiểu Cần", "UBND huyện Tiểu Cần"),
    ("Ủy ban nhân dân huyện Châu Thành", "UBND huyện Châu Thành"),
    ("Ủy ban nhân dân huyện Cầu Ngang", "UBND huyện Cầu Ngang"),
    ("Ủy ban nhân dân huyện Trà Cú", "UBND huyện Trà Cú"),
    ("Ủy ban nhân dân thị xã Duyên Hải", "UBND thị xã Duyên Hải"),
]
GROUP_TITLES = [
    "Phát triển nguồn nhân lực CNTT",
    "Phát triển công nghiệp CNTT",
    "Ứng dụng CNTT trong cơ quan nhà nước",
    "Phát triển hạ tầng viễn thông và CNTT",
    "Chính quyền điện tử và dịch vụ công trực tuyến",
    "Cơ sở dữ liệu chuyên ngành",
    "An toàn, an ninh thông tin",
    "Ứng dụng CNTT phục vụ người dân và doanh nghiệp",
    "Đô thị thông minh",
    "Chuyển đổi số trong doanh nghiệp",
]
ACTIONS = [
    "Xây dựng",
    "Nâng cấp",
    "Triển khai",
    "Duy trì và phát triển",
    "Đầu tư",
    "Tập huấn",
    "Hoàn thiện",
    "Nhân rộng mô hình",
]
SUBJECTS = [
    "hệ thống một cửa điện tử",
    "cơ sở dữ liệu tài nguyên và môi trường",
    "phần mềm quản lý văn bản và điều hành",
    "cổng thông tin điện tử",
    "hệ thống giao ban trực tuyến",
    "dịch vụ công trực tuyến mức độ 4",
    "trung tâm dữ liệu",
    "hệ thống thông tin ngành y tế",
    "hệ thống chứng thực điện tử và chữ ký số",
    "mạng diện rộng (WAN)",
    "kỹ năng sử dụng máy tính và Internet",
    "hệ thống quản lý hồ sơ địa chính",
]
PLACES = [
    "tỉnh Trà Vinh",
    "các sở, ban, ngành tỉnh",
    "UBND các huyện, thị xã, thành phố",
    "UBND các xã, phường, thị trấn",
    "các trường trung học phổ thông",
    "bệnh viện đa khoa tỉnh",
]
SOURCE_COLUMNS = [Source.CENTRAL, Source.LOCAL, Source.OTHER]  # NSTW, NSĐP, Vốn khác
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


@dataclass
class Row:
    """A project row as its values: amounts in đồng, ``lines`` as {source: amount}."""

    group: int  # index into Appendix.groups
    ref: str
    name: str
    lead_agency: str  # the agency's full name
    lead_as_written: str
    period: str | int
    lines: dict[str, int]

    @property
    def estimate(self) -> int:
        return sum(self.lines.values())


@dataclass
class Appendix:
    groups: list[str]
    rows: list[Row] = field(default_factory=list)
    xlsx: bytes = b""

    @property
    def group_refs(self) -> list[tuple[str, str]]:
        return [(ROMAN[g], title) for g, title in enumerate(self.groups)]

    @property
    def budget_lines(self) -> int:
        return sum(len(row.lines) for row in self.rows)


def generate(projects: int = 2000, seed: int = SEED) -> Appendix:
    """The same appendix for the same arguments, as rows and as an .xlsx file."""
    rng = random.Random(seed)  # noqa: S311 - a reproducible sheet, not a secret
    groups = GROUP_TITLES[: rng.randint(4, 10)]
    appendix = Appendix(groups)
    # Every group gets at least one project; the rest are spread unevenly, as in real plans.
    sizes = [1] * len(groups)
    for _ in range(projects - len(groups)):
        sizes[rng.randrange(len(groups))] += 1
    seen: set[str] = set()
    for g, size in enumerate(sizes):
        for n in range(1, size + 1):
            name = f"{rng.choice(ACTIONS)} {rng.choice(SUBJECTS)} tại {rng.choice(PLACES)}"
            stage = 2
            while name in seen:  # the importer warns about repeated names in a group
                name = f"{name.rsplit(' (giai đoạn', 1)[0]} (giai đoạn {stage})"
                stage += 1
            seen.add(name)
            full, written = rng.choice(AGENCIES)
            start = rng.randint(START_YEAR, END_YEAR)
            end = rng.randint(start, END_YEAR)
            period = start if start == end else rng.choice([f"{start}- {end}", f"{start} - {end}"])
            sources = rng.sample(SOURCE_COLUMNS, rng.choice([1, 1, 2, 2, 3]))
            lines = {
                source: rng.randint(1, 400) * 50 * TRIEU + rng.choice([0] * 9 + [TRIEU // 2])
                for source in sources
            }
            appendix.rows.append(Row(g, str(n), name, full, written, period, lines))
    appendix.xlsx = _workbook(appendix, rng)
    return appendix


def _workbook(appendix: Appendix, rng: random.Random) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Phụ lục"
    ws.append(["PHỤ LỤC"])
    ws.append(["DANH MỤC CÁC DỰ ÁN, NHIỆM VỤ TRIỂN KHAI KẾ HOẠCH"])
    ws.append([None, None, None, None, None, None, "ĐVT: triệu đồng"])
    ws.merge_cells("A1:H1")
    ws.merge_cells("A2:H2")
    top = 4
    ws.append(["TT", "Tên dự án, nhiệm vụ", "Đơn vị chủ trì", "Thời gian thực hiện"])
    ws.cell(top, 5, "Kinh phí (triệu đồng)")
    ws.append([None, None, None, None, "Tổng số", "NSTW", "NSĐP", "Vốn khác"])
    for col in "ABCD":
        ws.merge_cells(f"{col}{top}:{col}{top + 1}")
    ws.merge_cells(f"E{top}:H{top}")

    def amounts(lines: dict[str, int]) -> list:
        total = sum(lines.values())
        return [_cell(total, rng)] + [
            _cell(lines[s], rng) if s in lines else None for s in SOURCE_COLUMNS
        ]

    def sums(rows: list[Row]) -> dict[str, int]:
        return {s: sum(r.lines.get(s, 0) for r in rows) for s in SOURCE_COLUMNS}

    for g, (ref, title) in enumerate(appendix.group_refs):
        rows = [r for r in appendix.rows if r.group == g]
        ws.append([ref, title, None, None, *amounts(sums(rows))])
        for row in rows:
            ws.append(
                [int(row.ref), row.name, row.lead_as_written, row.period, *amounts(row.lines)]
            )
    ws.append([None, "Tổng cộng", None, None, *amounts(sums(appendix.rows))])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _cell(amount: int, rng: random.Random) -> str | int | float:
    """An amount in triệu đồng as a clerk types it: mostly text "1.200" / "850,5", some numbers."""
    whole, half = divmod(amount, TRIEU)
    if rng.random() < 0.2:
        return whole + 0.5 if half else whole
    text = f"{whole:,}".replace(",", ".")
    return f"{text},5" if half else text
