"""Nested groups in an appendix (issue 17): A / B, then I / II / III, then 1 / 2, with projects
numbered 1, "-", "+", "a)"; each subtotal compared with the rows under it at its level, the
tree written, reconciled on the plan and exported as it was typed."""

import io
import json

import pytest

from budgets.models import StatedTotal
from budgets.reconciliation import reconcile
from itplan.appendix import apply, preview_file
from itplan.appendix.export import plan_workbook
from itplan.appendix.stored import dump, load
from projects.models import Project, ProjectGroup
from tests.factories import PlanFactory
from tests.typed_appendix import preview_of, project

TRIEU = 10**6


# A / B, each with I / II inside, projects numbered 1, 2: every subtotal right but one (B.II's
# local money says 900, its projects add up to 800; B and the grand total are right).
TWO_LEVELS = [
    ["A", "Dự án chuyển tiếp", None, None, 300, 1200],
    ["I", "Hạ tầng", None, None, 300, 500],
    project("1", "Mạng diện rộng của tỉnh", 300, 200),
    project("2", "Trung tâm dữ liệu", None, 300),
    ["II", "Ứng dụng", None, None, None, 700],
    project("1", "Phần mềm một cửa", None, 700),
    ["B", "Dự án khởi công mới", None, None, 100, 1400],
    ["I", "Hạ tầng", None, None, 100, 600],
    project("1", "Camera giám sát", 100, 600),
    ["II", "Ứng dụng", None, None, None, 900],
    project("1", "Cổng dịch vụ công", None, 500),
    project("2", "Chữ ký số", None, 300),
    ["", "Tổng cộng", None, None, 400, 2600],
]


@pytest.fixture
def plan(db):
    return PlanFactory(start_year=2026, end_year=2030)


def tree(preview) -> list[tuple]:
    return [(g.depth, g.ref, g.title, g.parent.ref if g.parent else None) for g in preview.groups]


def test_two_levels_give_a_tree_and_exactly_the_one_real_difference(plan):
    preview = preview_of(TWO_LEVELS, plan)
    assert not preview.errors, [str(e) for e in preview.errors]
    assert tree(preview) == [
        (0, "A", "Dự án chuyển tiếp", None),
        (1, "I", "Hạ tầng", "A"),
        (1, "II", "Ứng dụng", "A"),
        (0, "B", "Dự án khởi công mới", None),
        (1, "I", "Hạ tầng", "B"),
        (1, "II", "Ứng dụng", "B"),
    ]
    assert [(p.ref, p.name, p.group.parent.ref, p.group.ref) for p in preview.projects][3:] == [
        ("1", "Camera giám sát", "B", "I"),
        ("1", "Cổng dịch vụ công", "B", "II"),
        ("2", "Chữ ký số", "B", "II"),
    ]
    differences = preview.differences()
    assert [(d.row, d.label, d.amount, d.computed) for d in differences] == [
        (13, "Ứng dụng", 900 * TRIEU, 800 * TRIEU)
    ]
    # nine subtotals of A, B, their I and II and the total, one message, at B.II
    assert [str(w) for w in preview.warnings if "cộng lại" in w.message] == [
        "Dòng 13, cột F (NSĐP): “Ứng dụng” ghi 900 triệu đồng, các dòng cộng lại được 800 "
        "triệu đồng (chênh 100 triệu đồng); giữ số ghi trong văn bản."
    ]


# A > I > 1 / 2, then B; projects numbered "-", "a)", "+"; every subtotal right.
THREE_LEVELS = [
    ["A", "Dự án đầu tư", None, None, None, 1000],
    ["I", "Hạ tầng", None, None, None, 1000],
    ["1", "Mạng truyền số liệu", None, None, None, 600],
    project("-", "Mạng LAN các sở", None, 400),
    project("-", "Mạng WAN của tỉnh", None, 200),
    ["2", "Máy chủ", None, None, None, 400],
    project("a)", "Máy chủ ứng dụng", None, 300),
    project("b)", "Máy chủ dự phòng", None, 100),
    ["B", "Nhiệm vụ chi thường xuyên", None, None, None, 150],
    project("+", "Đào tạo cán bộ", None, 100),
    project("+", "Tuyên truyền", None, 50),
    ["", "Tổng cộng", None, None, None, 1150],
]


def test_three_levels_and_projects_numbered_dash_letter_plus(plan):
    preview = preview_of(THREE_LEVELS, plan)
    assert not preview.errors, [str(e) for e in preview.errors]
    assert tree(preview) == [
        (0, "A", "Dự án đầu tư", None),
        (1, "I", "Hạ tầng", "A"),
        (2, "1", "Mạng truyền số liệu", "I"),
        (2, "2", "Máy chủ", "I"),
        (0, "B", "Nhiệm vụ chi thường xuyên", None),
    ]
    assert [(p.ref, p.group.ref, p.lines[0].amount // TRIEU) for p in preview.projects] == [
        ("-", "1", 400),
        ("-", "1", 200),
        ("a)", "2", 300),
        ("b)", "2", 100),
        ("+", "B", 100),
        ("+", "B", 50),
    ]
    assert len(preview.stated) == 6
    assert preview.differences() == []


def test_a_numbered_row_with_an_agency_is_a_project_beside_the_groups_of_its_number(plan):
    rows = [
        ["I", "Hạ tầng", None, None, None, 900],
        ["1", "Mạng truyền số liệu", None, None, None, 600],
        project("-", "Mạng LAN các sở", None, 600),
        project("2", "Trung tâm dữ liệu", None, 300),
        ["II", "Ứng dụng", None, None, None, 100],
        project("1", "Phần mềm một cửa", None, 100),
    ]
    preview = preview_of(rows, plan)
    assert not preview.errors, [str(e) for e in preview.errors]
    assert tree(preview) == [
        (0, "I", "Hạ tầng", None),
        (1, "1", "Mạng truyền số liệu", "I"),
        (0, "II", "Ứng dụng", None),
    ]
    assert [(p.name, str(p.group)) for p in preview.projects] == [
        ("Mạng LAN các sở", "I › 1 Mạng truyền số liệu"),
        ("Trung tâm dữ liệu", "I Hạ tầng"),
        ("Phần mềm một cửa", "II Ứng dụng"),
    ]
    assert preview.differences() == []


def imported(preview) -> list[tuple]:
    return [
        (p.ref, p.name, str(p.group), [line.as_json() for line in p.lines])
        for p in preview.projects
    ]


UNDER_THE_TABLE = [
    ["Ghi chú: số liệu theo báo cáo của các sở, ngành."],
    ["(*) Dự án chuyển tiếp từ giai đoạn trước."],
    [None, None, None, None, "KT. CHỦ TỊCH"],
    [None, None, None, None, "PHÓ CHỦ TỊCH"],
    [None, None, None, None, "Nguyễn Văn An"],
]


def test_grand_total_on_top_or_at_the_bottom_and_the_signature_under_it_import_the_same(plan):
    total = TWO_LEVELS[-1]
    bottom = preview_of(TWO_LEVELS + UNDER_THE_TABLE, plan)
    top = preview_of([total, *TWO_LEVELS[:-1], *UNDER_THE_TABLE], plan)
    for preview in (top, bottom):
        assert not preview.errors, [str(e) for e in preview.errors]
        assert len(preview.projects) == 6
        grand = [s for s in preview.stated if s.group is None]
        assert [(s.label, s.amount, s.computed) for s in grand] == [
            ("Tổng cộng", 400 * TRIEU, 400 * TRIEU),
            ("Tổng cộng", 2600 * TRIEU, 2600 * TRIEU),
        ]
        # the notes and the signature are neither projects nor problems
        assert not [p for p in preview.problems if p.row and p.row > 16]
    assert imported(top) == imported(bottom)
    assert [w.message for w in top.warnings] == [w.message for w in bottom.warnings]


def test_the_tree_is_written_reconciled_on_the_plan_and_not_duplicated_by_a_second_import(plan):
    apply(preview_of(TWO_LEVELS, plan), plan)
    groups = ProjectGroup.objects.filter(plan=plan).select_related("parent").order_by("order")
    assert [(g.ref, g.title, g.parent.ref if g.parent else None) for g in groups] == [
        ("A", "Dự án chuyển tiếp", None),
        ("I", "Hạ tầng", "A"),
        ("II", "Ứng dụng", "A"),
        ("B", "Dự án khởi công mới", None),
        ("I", "Hạ tầng", "B"),
        ("II", "Ứng dụng", "B"),
    ]
    assert Project.objects.get(plan=plan, name="Chữ ký số").group.parent.ref == "B"
    result = reconcile(plan)
    assert len(result.checks) == 12  # NSTW and NSĐP of each row but the two II (NSĐP only)
    assert [
        (c.stated_total.group.parent.ref, c.stated_total.group.ref, c.computed // TRIEU)
        for c in result.differences
    ] == [("B", "II", 800)]
    assert result.differences[0].scope_label.startswith("nhóm B › II · ")

    again = preview_of(TWO_LEVELS, plan)
    assert len(again.existing) == 6
    result = apply(again, plan)
    assert (result.groups_created, result.projects_created) == (0, 0)
    assert StatedTotal.objects.filter(plan=plan).count() == 12


def test_the_exported_workbook_shows_the_tree_and_imports_back_to_it(plan):
    apply(preview_of(THREE_LEVELS, plan), plan)
    sheet = plan_workbook(plan).worksheets[0]
    rows = [
        (sheet.cell(r, 1).value, sheet.cell(r, 2).value, sheet.cell(r, 2).alignment.indent)
        for r in range(1, sheet.max_row + 1)
        if sheet.cell(r, 1).value in ("A", "I", "1", "2", "B")
    ]
    assert rows == [
        ("A", "Dự án đầu tư", 0),
        ("I", "Hạ tầng", 1),
        ("1", "Mạng truyền số liệu", 2),
        ("2", "Máy chủ", 2),
        ("B", "Nhiệm vụ chi thường xuyên", 0),
    ]
    buffer = io.BytesIO()
    plan_workbook(plan).save(buffer)
    copy = PlanFactory(province=plan.province, start_year=2026, end_year=2030)
    preview = preview_file("xuat.xlsx", buffer.getvalue(), copy)
    assert not preview.errors, [str(e) for e in preview.errors]
    assert tree(preview) == tree(preview_of(THREE_LEVELS, plan))
    # each group row carries the money of every row under it: no difference on import
    assert preview.differences() == []
    assert sum(line.amount for line in preview.lines) == 1150 * TRIEU


def test_the_stored_preview_the_confirmation_writes_keeps_the_tree(plan):
    preview = preview_of(TWO_LEVELS, plan)
    stored = load(json.loads(json.dumps(dump(preview))))
    assert tree(stored) == tree(preview)
    assert [(d.row, d.computed) for d in stored.differences()] == [(13, 800 * TRIEU)]
    apply(stored, plan)
    assert Project.objects.get(plan=plan, name="Camera giám sát").group.parent.ref == "B"


def test_a_subtotal_under_its_rows_names_its_group(plan):
    rows = [
        ["A", "Dự án đầu tư", None, None, None, None],
        ["I", "Hạ tầng", None, None, None, None],
        project("1", "Mạng truyền số liệu", None, 600),
        ["", "Cộng I", None, None, None, 600],
        ["II", "Ứng dụng", None, None, None, None],
        project("1", "Phần mềm một cửa", None, 100),
        ["", "Cộng II", None, None, None, 100],
        ["", "Cộng A", None, None, None, 700],
        ["B", "Nhiệm vụ", None, None, None, None],
        project("1", "Đào tạo cán bộ", None, 50),
        ["", "Cộng", None, None, None, 60],
    ]
    preview = preview_of(rows, plan)
    assert not preview.errors, [str(e) for e in preview.errors]
    assert len(preview.projects) == 3
    assert [(s.label, str(s.group), s.computed // TRIEU) for s in preview.stated] == [
        ("Cộng I", "A › I Hạ tầng", 600),
        ("Cộng II", "A › II Ứng dụng", 100),
        ("Cộng A", "A Dự án đầu tư", 700),
        ("Cộng", "B Nhiệm vụ", 50),
    ]
    assert [d.label for d in preview.differences()] == ["Cộng"]


def test_projects_numbered_1_1_under_a_numbered_group(plan):
    rows = [
        ["I", "Hạ tầng", None, None, None, 500],
        ["1", "Mạng truyền số liệu", None, None, None, 500],
        project("1.1", "Mạng LAN các sở", None, 300),
        project("1.2", "Mạng WAN của tỉnh", None, 200),
        project("2", "Trung tâm dữ liệu", None, 400),
    ]
    preview = preview_of(rows, plan)
    assert not preview.errors, [str(e) for e in preview.errors]
    assert [(p.ref, str(p.group)) for p in preview.projects] == [
        ("1.1", "I › 1 Mạng truyền số liệu"),
        ("1.2", "I › 1 Mạng truyền số liệu"),
        ("2", "I Hạ tầng"),
    ]
    # I states 500 but holds 900: its difference, and none at 1
    assert [(d.label, d.computed // TRIEU) for d in preview.differences()] == [("Hạ tầng", 900)]


def test_a_note_row_inside_the_table_is_no_project_and_does_not_end_it(plan):
    rows = [
        ["I", "Hạ tầng", None, None, None, 300],
        project("1", "Mạng truyền số liệu", None, 300),
        [None, "Ghi chú: kinh phí các dự án trên được bố trí theo tiến độ."],
        ["II", "Ứng dụng", None, None, None, 100],
        project("1", "Phần mềm một cửa", None, 100),
        ["(*) Dự án chuyển tiếp."],
        ["", "Tổng cộng", None, None, None, 400],
    ]
    preview = preview_of(rows, plan)
    assert not preview.errors, [str(e) for e in preview.errors]
    assert [(p.name, str(p.group)) for p in preview.projects] == [
        ("Mạng truyền số liệu", "I Hạ tầng"),
        ("Phần mềm một cửa", "II Ứng dụng"),
    ]
    assert preview.differences() == []
