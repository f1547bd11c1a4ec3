"""Reading the amounts of a row: each money cell in đồng, the source, capital type, stage and
year its column and its row say, the budget lines and stated totals they make."""

import functools
import math
import re
from decimal import Decimal

from django.utils.translation import gettext as _

from budgets.models import CapitalType, Source, Stage
from budgets.money import parse_money, to_dong, with_unit
from projects.periods import YEAR_MAX, YEAR_MIN
from provinces.text import fold

from .columns import Column, Money, describe, describe_source
from .money_notes import is_blank, is_note
from .preview import Group, Line, ParsedProject, StatedRow
from .sheet import year_in

SOURCE_CHOICES = {fold(str(label)): code for code, label in Source.choices}
CAPITAL_CHOICES = {fold(str(label)): code for code, label in CapitalType.choices}
STAGE_CHOICES = {fold(str(label)): code for code, label in Stage.choices}


# Amounts only one convention reads: English "1,234.5", "3.4", "0.915"; Vietnamese "1.234,5",
# "3,45", "1.234.500". ("1.500" reads both ways and decides nothing.)
ENGLISH_AMOUNT = re.compile(r"\d{1,3}(,\d{3})+\.\d+|\d+\.(\d{1,2}|\d{4,})|0\.\d+")
VIETNAMESE_AMOUNT = re.compile(r"\d{1,3}(\.\d{3})+,\d+|\d+,\d{1,2}|\d{1,3}(\.\d{3}){2,}")


class AmountReader:
    """The parser's third stage: the money of project, group and total rows."""

    # -- money ------------------------------------------------------------------------------
    @functools.cached_property
    def english_separators(self) -> bool:
        """Whether the table's amounts are typed the English way, commas grouping thousands and
        a point before decimals: at least two money cells only that way reads ("1,234.5",
        "3.4", "0.915"), and none only the Vietnamese way reads ("1.234,5", "3,45"). The
        preview says so, for "1.500" then is one and a half."""
        money = [c.index for c in self.columns if c.kind == "money"]
        texts = [
            " ".join(row[i].split())
            for row in self.grid.rows
            for i in money
            if i < len(row) and isinstance(row[i], str)
        ]
        english = sum(1 for text in texts if ENGLISH_AMOUNT.fullmatch(text))
        if english < 2 or any(VIETNAMESE_AMOUNT.fullmatch(text) for text in texts):
            return False
        self.warn(
            None,
            "",
            _(
                "Số tiền trong bảng được đọc theo cách viết dấu chấm thập phân (1,234.5 là một "
                "nghìn hai trăm ba mươi tư phẩy năm): hãy kiểm tra các số dưới đây."
            ),
        )
        return True

    def amount(self, r: int, column: Column, notes: list[str] | None = None) -> int | None:
        """The cell's amount in đồng; None when empty; errors are reported here. A note where
        the amount should be (``money_notes``) is added to ``notes`` (a project's) with a
        warning naming the cell; on a total's row, where there are no ``notes``, it is left."""
        value = self.cell(r, column)
        if (r, column.index + 1) in self.grid.formula_gaps:
            self.error(
                r,
                column,
                _(
                    "ô chứa công thức chưa được tính giá trị; hãy mở tệp trong Excel, lưu "
                    "lại rồi tải"
                    " lên."
                ),
            )
            return None
        if (r, column.index + 1) in self.grid.copies:
            return None
        unit = column.unit or self.preview.unit or "trieu"
        if value is None or (isinstance(value, str) and is_blank(value)):
            return None
        try:
            if isinstance(value, bool):
                raise ValueError(_("“%(value)s” không phải là số tiền") % {"value": value})
            if isinstance(value, float) and not math.isfinite(value):
                raise ValueError(_("“%(value)s” không phải là số tiền") % {"value": value})
            if isinstance(value, (int, float)):
                # to_dong refuses NaN, infinities, negatives, fractions of a đồng and amounts
                # of 10^15 đồng or more, each with a message naming the value
                return to_dong(Decimal(repr(value)), unit)
            text = " ".join(str(value).split())
            if self.english_separators:  # "1,234.5" → "1.234,5"
                text = text.replace(",", "").replace(".", ",")
            elif unit != "ty" and re.fullmatch(r"\d{1,3}(,\d{3})+", text):
                # "8,000" in a table of triệu đồng is eight thousand: nobody plans to the
                # thousand đồng, and this document groups thousands with commas.
                text = text.replace(",", ".")
            return parse_money(text, unit)
        except ValueError as problem:
            if isinstance(value, str) and is_note(value):
                self.note_in_money(r, column, " ".join(value.split()), notes)
            else:
                self.error(r, column, str(problem))
            return None

    def note_in_money(self, r: int, column: Column, text: str, notes: list[str] | None) -> None:
        cell = f"{column.letter}{r}"
        if notes is None:
            message = _("Ô %(cell)s ghi “%(text)s”, không phải số tiền: bỏ qua ô này.")
        else:
            notes.append(text)
            message = _(
                "Ô %(cell)s ghi “%(text)s”, không phải số tiền: giữ làm ghi chú của dự án; dự "
                "án được nhập không có số tiền này."
            )
        self.warn(r, column, message % {"cell": cell, "text": text})

    def row_money(self, r: int) -> Money:
        """What the row's own text cells say about its money: "Vốn TW", "Sự nghiệp", "2014"."""
        said = Money()
        if text := self.text(r, "source"):
            said = self.choice(r, "source", text, SOURCE_CHOICES, describe_source(text))
        if text := self.text(r, "capital_type"):
            said = said.merged(
                self.choice(r, "capital_type", text, CAPITAL_CHOICES, describe([text]))
            )
        if text := self.text(r, "stage"):
            said = said.merged(self.choice(r, "stage", text, STAGE_CHOICES, describe([text])))
        if text := self.text(r, "year"):
            year = year_in(text)
            if year is None or not YEAR_MIN <= year <= YEAR_MAX:
                self.error(
                    r,
                    self.col("year"),
                    _("“%(text)s” không phải là một năm (%(min)s–%(max)s).")
                    % {"text": text, "min": YEAR_MIN, "max": YEAR_MAX},
                )
            else:
                said = Money(year=year).merged(said)
        return said

    def choice(self, r, kind, text, choices, described: Money) -> Money:
        folded = fold(text)
        code = choices.get(folded)
        if kind == "source" and (code or described.source or described.capital_type):
            return Money(
                source=code or described.source,
                sub_source=described.sub_source,
                capital_type=described.capital_type,
            )
        if kind == "capital_type" and (code or described.capital_type):
            return Money(capital_type=code or described.capital_type)
        if kind == "stage" and (code or described.stage):
            return Money(stage=code or described.stage)
        self.error(r, self.col(kind), _("Không hiểu “%(text)s”.") % {"text": text})
        return Money()

    def read_money(self, r: int, project: ParsedProject, continuation: bool = False) -> None:
        said = self.row_money(r)
        values, notes = {}, []
        for column in self.columns:
            if column.kind == "money":
                amount = self.amount(r, column, notes)
                if amount is not None:
                    values[column.index] = amount
        for note in dict.fromkeys(notes):
            if note not in project.notes:
                project.notes = "\n".join(filter(None, [project.notes, note]))
        totals = [c for c in self.columns if c.kind == "money" and c.money.total]
        parts = [c for c in self.columns if c.kind == "money" and not c.money.total]
        for column in totals:
            if column.index not in values:
                continue
            amount = values[column.index]
            if column.money.estimate and not continuation:
                project.estimate = amount
            inside = [
                c
                for c in parts
                if c.parent[: len(column.parent)] == column.parent and column.parent
            ]
            given = [
                values[c.index] for c in (inside if column.parent else parts) if c.index in values
            ]
            if given and column.parent and sum(given) != amount:
                self.warn(
                    r,
                    column,
                    _(
                        "tổng %(total)s khác tổng các cột thành phần %(sum)s; giữ cả hai như "
                        "bảng ghi."
                    )
                    % {"total": self.show(amount), "sum": self.show(sum(given))},
                )
            if not given and (column.parent or not parts):
                self.add_line(r, project, column, column.money, said, amount)
        for column in parts:
            if column.index in values:
                self.add_line(r, project, column, column.money, said, values[column.index])

    def add_line(self, r, project, column, money: Money, said: Money, amount: int) -> None:
        money = said.merged(money) if said.source or said.capital_type else money.merged(said)
        if not money.source:
            self.unsourced.setdefault(column.letter, r)
        year = money.year
        outside = year is not None and not self.plan.start_year <= year <= self.plan.end_year
        if outside and column.money is not None and column.money.year == year:
            # the column's header says the year: one warning for the column (parse.finish)
            self.outside_rows.setdefault(column.index, []).append(r)
        elif outside:
            self.warn(
                r,
                column,
                _(
                    "năm %(year)s nằm ngoài thời kỳ %(start)s–%(end)s của kế "
                    "hoạch; giữ như bảng ghi."
                )
                % {"year": year, "start": self.plan.start_year, "end": self.plan.end_year},
            )
        project.lines.append(
            Line(
                year=year,
                source=money.source or self.defaults.source,
                sub_source=money.sub_source,
                capital_type=money.capital_type or self.defaults.capital_type,
                stage=money.stage or self.defaults.stage,
                amount=amount,
                column=column.index,
            )
        )

    def show(self, amount: int) -> str:
        return with_unit(amount, self.preview.unit or "trieu")

    def stated_amounts(self, r: int, label: str, group: Group | None) -> None:
        said = self.row_money(r)
        # "Tổng vốn sự nghiệp": the row sums recurrent money, in every column
        named = describe([label]) if group is None else Money()
        for column in self.columns:
            if column.kind != "money":
                continue
            amount = self.amount(r, column)
            if amount is None:
                continue
            money = column.money.merged(said).merged(named).merged(self.assumed(column))
            scoped = named.source or named.capital_type
            measure = "estimate" if column.money.estimate and not scoped else "budget"
            self.preview.stated.append(
                StatedRow(r, label, column, money, amount, group, self.preview.appendix, measure)
            )

    def assumed(self, column: Column) -> Money:
        """What a stated amount in ``column`` covers where nothing says it: the stage the lines
        get; in a column of its own (not a "Tổng" column) also the source and capital type its
        lines get, so that its subtotal adds up that column's cells, here and once stored."""
        if column.money.total:
            return Money(stage=self.defaults.stage)
        return Money(
            source=self.defaults.source,
            capital_type=self.defaults.capital_type,
            stage=self.defaults.stage,
        )
