"""The choices that make one appendix layout, each belonging to one dimension, and the hypothesis
strategy that draws them. A dimension left out of ``enabled`` keeps its baseline value: the
baseline is the plain layout today's importer reads (the seed appendices' own habits)."""

from dataclasses import dataclass, fields

from hypothesis import strategies as st

# Real spellings of each column role, the first one the baseline's. Some are spellings today's
# header vocabulary does not know (issue 17 item 1): they are what the "synonyms" dimension tests.
WORDS = {
    "ref": ["TT", "STT", "Số TT", "T T", "Stt"],
    "name": [
        "Tên dự án, nhiệm vụ",
        "Tên dự án",
        "Nhiệm vụ cụ thể",
        "Danh mục dự án",
        "Tên nhiệm vụ",
        "Tên chương trình, dự án",
        "Nội dung nhiệm vụ",
        "Tên công việc",
        "Dự án/Nhiệm vụ",
        "Danh mục",
    ],
    "lead": [
        "Cơ quan chủ trì",
        "Đơn vị chủ trì",
        "Chủ đầu tư",
        "Đơn vị thực hiện",
        "Cơ quan thực hiện",
        "Cơ quan chủ trì thực hiện",
        "Đơn vị đầu mối",
    ],
    "period": [
        "Thời gian thực hiện",
        "Tiến độ",
        "Năm thực hiện",
        "Thời gian",
        "Giai đoạn thực hiện",
        "Thời gian triển khai",
        "Thời hạn hoàn thành",
    ],
    "estimate": [
        "Tổng mức đầu tư",
        "Dự kiến tổng kinh phí",
        "Tổng kinh phí",
        "Tổng dự toán",
        "Kinh phí dự kiến",
        "Tổng mức đầu tư dự kiến",
    ],
    "umbrella": ["Kinh phí", "Nguồn vốn", "Kinh phí thực hiện", "Cơ cấu nguồn vốn"],
    "central": ["NSTW", "Ngân sách trung ương", "Vốn TW", "Trung ương hỗ trợ", "NS Trung ương"],
    "local": ["NSĐP", "Ngân sách địa phương", "Ngân sách tỉnh", "NS tỉnh", "Vốn địa phương"],
    "other": ["Vốn khác", "Nguồn khác", "Khác", "Nguồn vốn khác", "Huy động khác"],
    "investment": ["Vốn ĐTPT", "Đầu tư phát triển", "Vốn đầu tư", "Vốn XDCB", "ĐTPT"],
    "recurrent": ["Vốn SN", "Sự nghiệp", "Kinh phí sự nghiệp", "Vốn sự nghiệp", "SN"],
    "need": ["Nhu cầu vốn", "Nhu cầu kinh phí", "Đề xuất"],
    "allocated": ["Vốn đã bố trí", "Kế hoạch vốn được giao", "Đã phân bổ"],
    "year": ["Năm {}", "{}", "Năm {} (dự kiến)"],
    "unit_line": ["ĐVT: triệu đồng", "Đơn vị tính: triệu đồng", "Đơn vị: triệu đồng"],
}
UNIT_NAMES = {"trieu": "triệu đồng", "ty": "tỷ đồng", "dong": "đồng"}


@dataclass(frozen=True)
class Layout:
    """One way to type an appendix. ``DIMENSION`` of each field says which dimension varies it."""

    # synonyms: an index into WORDS[role] for each role
    words: tuple[tuple[str, int], ...] = ()
    # order: the text columns after TT, where the money block goes, how money columns sort
    text_order: tuple[str, ...] = ("name", "lead", "period")
    money_after: int = 3  # how many text columns come before the money block
    key_seed: int = 0  # 0: the table's own order; otherwise a shuffle of the column keys
    # units
    unit: str = "trieu"
    unit_place: str = "line"  # line (above the table) | column (each money header) | umbrella
    # separators: dot "1.234.500" | comma "1,234,500" | space "1 234 500" | numeric cells
    separator: str = "dot"
    # header: stacked (one level per attribute) | flat (one row, attributes in one cell)
    header: str = "stacked"
    # merges: header cells and group titles merged (True) or typed once (False)
    merged: bool = True
    # groups: seed (I, II …) | flat (no group rows) | nested (A, B over I, II …)
    groups: str = "seed"
    # numbering of projects: restart (1, 2 in each group) | continuous | dash | plus | letter
    numbering: str = "restart"
    # totals: the grand total row bottom | top | none; group subtotals on the group's row,
    # in a "Cộng" row after it, or none
    total: str = "bottom"
    subtotals: str = "group_row"
    # wrong_total: the grand total of the first money column typed one unit too high
    wrong_total: bool = False
    # blank_rows / note_rows inside the table
    blank_rows: bool = False
    note_rows: bool = False
    # titles: lines above the header (0–3) and a row of column numbers under it
    titles: int = 2
    column_numbers: bool = False
    # repeated_header: the header typed again before the middle project (a table continued over
    # pages; in Word, a table of its own)
    repeated_header: bool = False
    # signature: a signature block and a footnote under the table
    signature: bool = False
    # docx: the file format
    format: str = "xlsx"

    def word(self, role: str) -> str:
        index = dict(self.words).get(role, 0)
        return WORDS[role][index % len(WORDS[role])]

    def changed(self) -> dict:
        """The fields that differ from the baseline: how a failing example reads."""
        base = Layout()
        return {
            f.name: getattr(self, f.name)
            for f in fields(self)
            if getattr(self, f.name) != getattr(base, f.name)
        }


DIMENSION = {
    "words": "synonyms",
    "text_order": "order",
    "money_after": "order",
    "key_seed": "order",
    "unit": "units",
    "unit_place": "units",
    "separator": "separators",
    "header": "header",
    "merged": "merges",
    "groups": "groups",
    "numbering": "numbering",
    "total": "totals",
    "subtotals": "totals",
    "wrong_total": "wrong_total",
    "blank_rows": "blank_rows",
    "note_rows": "note_rows",
    "titles": "titles",
    "column_numbers": "titles",
    "repeated_header": "repeated_header",
    "signature": "signature",
    "format": "docx",
}
DIMENSIONS = tuple(dict.fromkeys(DIMENSION.values()))

_CHOICES = {
    "words": st.lists(st.tuples(st.sampled_from(sorted(WORDS)), st.integers(0, 9)), max_size=8).map(
        lambda pairs: tuple(sorted(dict(pairs).items()))
    ),
    "text_order": st.permutations(["name", "lead", "period"]).map(tuple),
    "money_after": st.integers(1, 3),
    "key_seed": st.integers(0, 50),
    "unit": st.sampled_from(["trieu", "ty", "dong"]),
    "unit_place": st.sampled_from(["line", "column", "umbrella"]),
    "separator": st.sampled_from(["dot", "comma", "space", "numeric"]),
    "header": st.sampled_from(["stacked", "flat"]),
    "merged": st.booleans(),
    "groups": st.sampled_from(["seed", "flat", "nested"]),
    "numbering": st.sampled_from(["restart", "continuous", "dash", "plus", "letter"]),
    "total": st.sampled_from(["bottom", "top", "none"]),
    "subtotals": st.sampled_from(["group_row", "after", "none"]),
    "wrong_total": st.booleans(),
    "blank_rows": st.booleans(),
    "note_rows": st.booleans(),
    "titles": st.integers(0, 3),
    "column_numbers": st.booleans(),
    "repeated_header": st.booleans(),
    "signature": st.booleans(),
    "format": st.sampled_from(["xlsx", "docx"]),
}


def layouts(enabled=DIMENSIONS) -> st.SearchStrategy[Layout]:
    """Layouts varying the ``enabled`` dimensions; every other field keeps its baseline."""
    unknown = set(enabled) - set(DIMENSIONS)
    if unknown:
        raise ValueError(f"unknown dimensions: {sorted(unknown)}")
    drawn = {name: s for name, s in _CHOICES.items() if DIMENSION[name] in enabled}
    return st.fixed_dictionaries(drawn).map(lambda values: Layout(**values))
