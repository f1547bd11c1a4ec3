"""Nested groups in an appendix (issue 17): A / B, then I / II / III, then 1 / 2, with projects
numbered 1, "-", "+", "a)"; each subtotal compared with the rows under it at its level, the
tree written, reconciled on the plan and exported as it was typed."""

import io

import openpyxl
import pytest

from budgets.models import StatedTotal
from budgets.reconciliation import reconcile
from itplan.appendix import apply, preview_file
from itplan.appendix.export import plan_workbook
from projects.models import Project, ProjectGroup
from tests.factories import PlanFactory

TRIEU = 10**6
HEADER = ["TT", "Tên dự án", "Đơn vị chủ trì", "Thời gian thực hiện", "NSTW", "NSĐP"]


def xlsx(rows, *, unit="Đơn vị tính: triệu đồng") -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Phụ lục: Danh mục dự án"])
    sheet.append([unit])
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def project(ref, name, central=None, local=None):
    return [ref, name, "Sở Khoa học và Công nghệ", "2026-2027", central, local]


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


def preview_of(rows, plan, **kwargs):
    return preview_file("phu-luc.xlsx", xlsx(rows, **kwargs), plan)


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
