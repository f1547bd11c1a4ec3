"""Where a row sits in the appendix's tree of groups: the numbering style of its reference and
the groups open above it.

The rule (issue 17):

- A reference's style: "A" (an upper-case letter A–H), "I" (an upper-case Roman number), "1"
  (Arabic), "1.1" (dotted, one style per depth), "a" (a lower-case letter), "i" (lower-case
  Roman of two letters or more), "-", "+", "*"; "a)", "(a)", "1." are their styles.
- "A" rows are the outermost groups and "I" rows the groups inside them, wherever they appear.
  Every other style nests in the order it first appears below the group it is in, which for
  the common Vietnamese scheme A > I > 1 > a > - > + gives that order, and for a document
  that skips a level ("I" then "-") reads the levels as typed.
- A row numbered in a style already open above it closes the groups down to that level: it is
  the next sibling of the open group of its style.
- An "A" or "I" row with a name is a group. A row of another style is a group when it carries
  no project content (lead or co-operating agency, time, objective, status) and the next
  numbered row is of a style not open above it (a deeper level), as "1 Xây dựng hạ tầng"
  followed by "-" rows; otherwise it is a project, in the innermost group open above it.
"""

import re

from .preview import Group

ROMAN = re.compile(r"^(?=[IVXLC])(C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
LOWER_ROMAN = re.compile(r"^(?=[ivx]{2})(x{0,3})(ix|iv|v?i{0,3})$")
# the two heading styles, outermost first: they close every group but those above them
HEADINGS = {"A": 0, "I": 1}


def style(ref: str) -> str:
    """The numbering style of a reference as typed: "A", "I", "1", "1.1", "a", "i", "-", "+",
    "*"; "" for none or one the rule does not know ("II.3")."""
    bare = ref.strip().lstrip("(").rstrip(".):").strip()
    if not bare:
        return ""
    if bare in ("-", "–", "—", "+", "*", "•"):
        return "-" if bare in "–—" else bare
    if len(bare) == 1 and bare in "ABCDEFGH":
        return "A"
    if ROMAN.match(bare):
        return "I"
    if bare.isdigit():
        return "1"
    if re.fullmatch(r"\d+(\.\d+)+", bare):
        return ".".join(["1"] * (bare.count(".") + 1))
    if LOWER_ROMAN.match(bare):
        return "i"
    if len(bare) == 1 and "a" <= bare <= "z":
        return "a"
    return ""


class Levels:
    """The groups open above the row being read, outermost first."""

    def __init__(self):
        self.open: list[Group] = []

    @property
    def current(self) -> Group | None:
        return self.open[-1] if self.open else None

    def above(self, row_style: str) -> list[Group]:
        """The open groups a row of ``row_style`` lies in."""
        for k, group in enumerate(self.open):
            if row_style and group.style == row_style:
                return self.open[:k]
        if row_style in HEADINGS:
            rank = HEADINGS[row_style]
            return [g for g in self.open if HEADINGS.get(g.style, rank) < rank]
        return list(self.open)

    def deeper(self, row_style: str, next_style: str) -> bool:
        """Whether a row of ``next_style`` after one of ``row_style`` is inside it."""
        if not next_style or next_style == row_style or next_style in HEADINGS:
            return False
        return next_style not in {g.style for g in self.above(row_style)}

    def open_group(self, group: Group) -> None:
        """``group`` starts: it closes the groups of its level and below, and lies in the rest."""
        self.open = self.above(group.style)
        group.parent = self.current
        self.open.append(group)

    def place(self, row_style: str) -> Group | None:
        """The group a project of ``row_style`` belongs to (closing those of its level)."""
        self.open = self.above(row_style) if row_style else self.open
        return self.current

    def by_ref(self, ref: str) -> Group | None:
        """The open group numbered ``ref`` ("Cộng I"), innermost first."""
        for group in reversed(self.open):
            if group.ref.upper().rstrip(".") == ref.upper():
                return group
        return None
