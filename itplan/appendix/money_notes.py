"""Words where an appendix expects an amount: what a money cell may hold that is not a sum of
money, in one place.

- A blank mark ("-", "—", "x") says "nothing here": the cell is read as empty, silently, as an
  empty cell is (a plan's table is full of them; keeping each as a note would bury the notes
  that say something).
- A note ("Lồng ghép trong Chương trình MTQG", "Không sử dụng NSNN", "Theo dự án được duyệt",
  "Xã hội hóa", "Chưa xác định") says where the money comes from or why there is none: the
  project keeps it as its note, with a warning naming the cell, and is imported without that
  amount. Only these words make a note: "ba trăm" (an amount in words) or "abc" stays an error.
- Anything else that does not read as an amount ("1.2.00", "12a") is a typing error, reported
  on its cell; nothing is written.
"""

import re

from provinces.text import fold

BLANK_MARKS = frozenset({"-", "–", "—", "x", "..."})
# how a note begins, folded (no accents, lower case)
NOTE_WORDS = (
    "long ghep",
    "khong su dung",
    "khong dung",
    "khong bo tri",
    "khong co",
    "ngoai ngan sach",
    "theo du an",
    "theo de an",
    "theo ke hoach",
    "theo quyet dinh",
    "theo thuc te",
    "xa hoi hoa",
    "chua xac dinh",
    "chua co",
    "chua bo tri",
    "dang xac dinh",
    "da bo tri",
    "da co",
    "tu can doi",
    "doanh nghiep",
    "von doanh nghiep",
    "nguon khac",
    "huy dong",
    "ke thua",
    "thuoc",
    "trong",
    "nam trong",
    "su dung",
    "thue dich vu",
    "oda",
)
NOTE_START = re.compile("^(" + "|".join(re.escape(word) for word in NOTE_WORDS) + r")\b")


def is_blank(text: str) -> bool:
    """A cell that says there is no amount ("-", "x"), or nothing at all."""
    return text.strip().lower() in BLANK_MARKS or not text.strip()


def is_note(text: str) -> bool:
    """Words where an amount is expected that are a note, not a mistyped number."""
    return bool(NOTE_START.match(fold(" ".join(text.split()))))
