"""Notes where an appendix expects an amount (issue 17): "Lồng ghép", "Không sử dụng NSNN"…
are kept as the project's note with a warning naming the cell, and the project is imported
without that amount; a mistyped number is still an error naming the cell."""

import pytest

from budgets.models import BudgetLine
from itplan.appendix import NotImportable, apply
from itplan.appendix.money_notes import is_blank, is_note
from projects.models import Project
from tests.factories import PlanFactory
from tests.typed_appendix import preview_of, project

TRIEU = 10**6


@pytest.mark.parametrize(
    ("text", "blank", "note"),
    [
        ("Lồng ghép", False, True),
        ("Lồng ghép trong Chương trình MTQG xây dựng nông thôn mới", False, True),
        ("lồng  ghép trong Đề án 06", False, True),
        ("Không sử dụng NSNN", False, True),
        ("Không sử dụng ngân sách nhà nước", False, True),
        ("Theo dự án được duyệt", False, True),
        ("Xã hội hóa", False, True),
        ("XÃ HỘI HÓA", False, True),
        ("Chưa xác định", False, True),
        ("Vốn doanh nghiệp", False, True),
        ("Doanh nghiệp tự đầu tư", False, True),
        ("ODA", False, True),
        ("-", True, False),
        ("—", True, False),
        ("–", True, False),
        ("x", True, False),
        ("X", True, False),
        ("", True, False),
        ("1.2.00", False, False),
        ("12a", False, False),
        ("ba trăm", False, False),
        ("Longghep", False, False),
    ],
)
def test_what_a_money_cell_may_hold_besides_an_amount(text, blank, note):
    assert (is_blank(text), is_note(text)) == (blank, note)


@pytest.fixture
def plan(db):
    return PlanFactory(start_year=2026, end_year=2030)


def test_a_note_in_a_money_cell_becomes_the_projects_note_with_a_warning_and_no_line(plan):
    rows = [
        project("1", "Cổng dịch vụ công", 300, "Lồng ghép trong Đề án 06"),
        project("2", "Chữ ký số", None, 200),
        ["", "Tổng cộng", None, None, 300, 200],
    ]
    preview = preview_of(rows, plan)
    assert preview.errors == []
    assert [str(w) for w in preview.warnings if "F4" in w.message] == [
        "Dòng 4, cột F (NSĐP): Ô F4 ghi “Lồng ghép trong Đề án 06”, không phải số tiền: giữ "
        "làm ghi chú của dự án; dự án được nhập không có số tiền này."
    ]
    assert preview.differences() == []
    apply(preview, plan)
    portal = Project.objects.get(plan=plan, ref="1")
    assert portal.notes == "Lồng ghép trong Đề án 06"
    assert [(line.source, line.amount) for line in portal.budget_lines.all()] == [
        ("central", 300 * TRIEU)
    ]
    assert BudgetLine.objects.for_plan(plan).total() == 500 * TRIEU


def test_a_note_on_a_subtotal_row_is_left_with_a_warning(plan):
    rows = [
        ["I", "Hạ tầng", None, None, 300, "Xã hội hóa"],
        project("1", "Mạng truyền số liệu", 300, None),
    ]
    preview = preview_of(rows, plan)
    assert preview.errors == []
    assert [w.message for w in preview.warnings if w.row == 4] == [
        "Ô F4 ghi “Xã hội hóa”, không phải số tiền: bỏ qua ô này."
    ]
    assert [(s.label, s.amount) for s in preview.stated] == [("Hạ tầng", 300 * TRIEU)]


@pytest.mark.parametrize("typo", ["1.2.00", "12a"])
def test_a_mistyped_amount_is_an_error_naming_the_cell_and_nothing_is_written(plan, typo):
    rows = [
        project("1", "Cổng dịch vụ công", 300, typo),
        project("2", "Chữ ký số", None, 200),
    ]
    preview = preview_of(rows, plan)
    assert [str(e) for e in preview.errors] == [
        f"Dòng 4, cột F (NSĐP): “{typo}” không phải là số tiền"
    ]
    with pytest.raises(NotImportable):
        apply(preview, plan)
    assert not Project.objects.filter(plan=plan).exists()
