"""Classifying the rows under the header: a project, the continuation of the one above, a
group title (at its level, ``levels``), a total, a repeated header, notes under the table."""

import re

from django.utils.translation import gettext as _

from projects.models import Project
from provinces.text import fold

from .columns import Column
from .levels import style
from .preview import Group, ParsedProject
from .sheet import cell_text, is_numbering

# "Cộng", "Cộng I", "Cộng A", "Tổng cộng", "Tổng vốn đầu tư phát triển" — but not "Cổng thông
# tin" (which folds to "cong thong tin") nor "Tổng hợp …".
TOTAL_LABEL = re.compile(
    r"^cong(\s*\(?\s*(nhom|phan)?\s*([ivx]+|\d+|[a-h])\s*\)?)?\s*:?$"
    r"|^tong(\s+(cong|so|von|kinh phi|nhu cau|muc)\b.*)?\s*:?$"
)
LABEL_IN_REF = re.compile(r"^([IVXLC]+|\d+|[A-H])[.)]\s*(.+)$")
# A note or footnote, in the table or under it: "Ghi chú: …", "(*) …", "Lưu ý", "Nguồn: …".
NOTE_ROW = re.compile(r"^(ghi chu|chu thich|luu y|nguon\s*:|\(\*+\)|\*+\s*\D)")
# The signature block under a table: "Nơi nhận:", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", then the name.
SIGNATURE = re.compile(
    r"^(noi nhan|(kt|tm|tl|ktl)\s*\.|(pho )?chu tich\b|(pho )?giam doc\b|nguoi lap\b"
    r"|thu truong\b)"
)
GROUP_LABEL = re.compile(r"^(noi dung|nhom|phan|chuong trinh)\s*(\d+|[ivx]+)?\s*[:.\-]?")
STATUS_WORDS = [
    (r"hoan thanh|da thuc hien|da trien khai", Project.Status.COMPLETED),
    (r"dang (thuc hien|trien khai)", Project.Status.IN_PROGRESS),
    (r"chuan bi|da (duoc )?phe duyet", Project.Status.PREPARING),
    (r"tam (dung|ngung)", Project.Status.PAUSED),
    (r"huy|khong thuc hien", Project.Status.CANCELLED),
    (r"chua (thuc hien|trien khai)", Project.Status.NOT_STARTED),
]


class RowReader:
    """The parser's second stage: what each row of the table is."""

    # -- rows -------------------------------------------------------------------------------
    def cell(self, r: int, column: Column | None, *, raw: bool = False):
        """The cell's value; a title merged across the row counts only in its first cell."""
        if column is None:
            return None
        if not raw and self.grid.copies.get((r, column.index + 1)) == r:
            return None
        row = self.grid.rows[r - 1]
        return row[column.index] if column.index < len(row) else None

    def text(self, r: int, kind: str) -> str:
        return cell_text(self.cell(r, self.col(kind)))

    def read_row(self, r: int) -> None:
        row = self.grid.rows[r - 1]
        if not any(cell_text(v) for v in row) or is_numbering(row):
            return
        ref, name = self.text(r, "ref"), self.text(r, "name")
        name_col = self.col("name")
        if name_col and (r, name_col.index + 1) in self.grid.copies:
            if self.grid.copies[(r, name_col.index + 1)] < r:
                name = ""  # a name merged over two rows belongs to the row above
            elif ref and cell_text(self.cell(r, name_col, raw=True)) == ref:
                # "I. Các dự án …" typed in the TT cell and merged across the row
                match = LABEL_IN_REF.match(ref)
                ref, name = (match.group(1), match.group(2)) if match else ("", ref)
        folded_ref, folded_name = fold(ref), fold(name)
        if self.is_repeated_header(r):
            return
        label = folded_name or folded_ref
        if TOTAL_LABEL.match(label) and not self.text(r, "lead"):
            self.read_total(r, name or ref)
            return
        if self.is_group(r, ref, folded_name):
            numbering = style(ref)
            if not ref:
                match = GROUP_LABEL.match(folded_name)
                ref = (match.group(2) or "").upper() if match else ""
                numbering = "label " + match.group(1) if match else ""
            self.group = Group(r, self.preview.appendix, ref, name, style=numbering)
            self.levels.open_group(self.group)
            self.preview.groups.append(self.group)
            self.last = None
            self.read_group_amounts(r)
            return
        if self.last is not None and self.continues(r, ref, name):
            self.continue_project(r, name)
            return
        if not name:
            if ref:
                self.error(
                    r,
                    self.col("name"),
                    _("Dòng có số thứ tự “%(ref)s” nhưng không có tên dự án, nhiệm vụ.")
                    % {"ref": ref},
                )
            elif self.has_money(r):
                self.error(
                    r,
                    "",
                    _(
                        "Dòng có số tiền nhưng không thuộc dự án nào (không có số thứ tự, tên và "
                        "không có dự án ở dòng trên)."
                    ),
                )
            else:
                self.warn(r, "", _("Dòng không có số thứ tự và tên: bỏ qua."))
            return
        self.read_project(r, ref, name)

    def first_text(self, r: int) -> str:
        return next((cell_text(v) for v in self.grid.rows[r - 1] if cell_text(v)), "")

    def is_note_row(self, r: int) -> bool:
        """A note or footnote ("Ghi chú: …", "(*) …"): neither a project nor its text."""
        return bool(NOTE_ROW.match(fold(self.first_text(r))))

    def under_table(self, r: int) -> bool:
        """Whether the table has ended above row ``r``: the signature block starts it, or it
        follows the grand total at the bottom and is no numbered row or total."""
        first = self.first_text(r)
        if SIGNATURE.match(fold(first)):
            return True
        if self.grand_total_row is None or self.is_table_row(r):
            return False
        return not TOTAL_LABEL.match(fold(self.text(r, "name") or first))

    def is_table_row(self, r: int) -> bool:
        ref = self.text(r, "ref")
        return bool(ref and len(ref) <= 10) or self.is_repeated_header(r)

    def continues(self, r: int, ref: str, name: str) -> bool:
        """Whether the row carries on the project above: no reference (a cell broken over two
        rows, or a second funding line), or a page break's "-" before text that starts in
        lower case."""
        if self.text(r, "lead") and name:
            return False
        if not ref:
            return True
        return ref in ("-", "+") and name[:1].islower() and not self.has_money(r)

    def has_money(self, r: int) -> bool:
        return any(cell_text(self.cell(r, c)) for c in self.columns if c.kind == "money")

    def is_repeated_header(self, r: int) -> bool:
        """The header again, as tables broken over pages repeat it (merged or not)."""
        name_col = self.col("name")
        if name_col and name_col.path and self.text(r, "name") == name_col.path[0]:
            return True
        cells = [(c, cell_text(v)) for c, v in enumerate(self.grid.rows[r - 1]) if cell_text(v)]
        return bool(cells) and all(text in self.header_texts.get(c, ()) for c, text in cells)

    def is_group(self, r: int, ref: str, name: str) -> bool:
        """Whether the row is a group title (the rule is ``levels``'); ``name`` is folded."""
        numbering = style(ref)
        if numbering in ("A", "I"):
            return bool(name)
        if not ref and GROUP_LABEL.match(name) and not self.text(r, "lead"):
            return True
        if numbering and name and not self.has_content(r):
            # "1 Xây dựng cơ sở hạ tầng": a numbered heading whose items follow as "-" rows
            return self.levels.deeper(numbering, style(self.next_ref(r)))
        return False

    def has_content(self, r: int) -> bool:
        """Whether the row says what a project's row says beyond its name and money."""
        return any(
            self.text(r, kind) for kind in ("lead", "period", "objective", "partners", "status")
        )

    def next_ref(self, r: int) -> str:
        for nr in range(r + 1, min(r + 4, len(self.grid.rows)) + 1):
            ref = self.text(nr, "ref")
            if ref or self.text(nr, "name"):
                return ref
        return ""

    def read_project(self, r: int, ref: str, name: str) -> None:
        self.group = self.levels.place(style(ref))
        project = ParsedProject(r, ref, name, self.group)
        project.objective = self.text(r, "objective")
        project.scale = self.text(r, "scale")
        project.lead_agency = self.text(r, "lead")
        project.partners = self.text(r, "partners")
        project.period = self.text(r, "period")
        project.notes = self.text(r, "notes")
        if status := self.text(r, "status"):
            project.status = self.read_status(r, status)
            if not project.status:
                project.status = Project.Status.NOT_STARTED
                project.notes = "\n".join(filter(None, [project.notes, status]))
        self.read_money(r, project)
        self.preview.projects.append(project)
        self.last = project

    def read_status(self, r: int, text: str) -> str:
        folded = fold(text)
        for code, label in Project.Status.choices:
            if folded == fold(str(label)):
                return code
        for pattern, code in STATUS_WORDS:
            if re.search(pattern, folded):
                return code
        self.warn(
            r,
            self.col("status"),
            _(
                "không hiểu tình trạng “%(text)s”: ghi là “Chưa thực hiện”, chép nguyên "
                "chữ vào ghi "
                "chú."
            )
            % {"text": text},
        )
        return ""

    def continue_project(self, r: int, name: str) -> None:
        """A row without reference after a project: its text continues the project's cells and
        its amounts are more funding lines of the same project."""
        project = self.last
        for kind in ("name", "objective", "scale", "lead", "partners", "period", "notes"):
            text = name if kind == "name" else self.text(r, kind)
            column = self.col(kind)
            if not text or (column and (r, column.index + 1) in self.grid.copies):
                continue
            attribute = {"lead": "lead_agency"}.get(kind, kind)
            current = getattr(project, attribute)
            setattr(project, attribute, f"{current} {text}".strip() if current else text)
        self.read_money(r, project, continuation=True)

    # -- totals and groups ------------------------------------------------------------------
    def read_total(self, r: int, label: str) -> None:
        group = None
        match = TOTAL_LABEL.match(fold(label))
        if match and match.group(0).startswith("cong"):
            # "Cộng I" is group I's, wherever it is open; "Cộng" the innermost group's
            group = (match.group(3) and self.levels.by_ref(match.group(3))) or self.group
        if group is None and self.preview.projects:
            self.grand_total_row = r
        self.stated_amounts(r, label, group)
        self.last = None

    def read_group_amounts(self, r: int) -> None:
        self.stated_amounts(r, self.group.title or self.group.ref, self.group)
