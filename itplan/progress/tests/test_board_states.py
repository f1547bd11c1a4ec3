"""The progress board and a report's page say where each report of the period stands (issue
18, item 3): approved and waiting counted apart ("đã duyệt N · chờ duyệt M"), and a report sent
again after a return shows its new state and who holds it, not the old reviewer.

The clock is conftest's NOW (25/11/2026): the current period is Quý IV/2026."""

from django.urls import reverse

from projects.progress import approve, return_, submit
from tests.factories import ProjectFactory, report


def test_board_counts_approved_waiting_and_owing_apart(client, world):
    staff, leader = world["staff_a"], world["leader_a"]
    plan = world["a"].plan
    waiting = ProjectFactory(plan=plan, name="Trung tâm dữ liệu", end_year=2030)
    ProjectFactory(plan=plan, name="Hội nghị truyền hình", end_year=2030)  # owes
    approve(submit(report(world["a"], staff), by=staff), by=leader)
    submit(report(waiting, staff), by=staff)
    client.force_login(staff)
    page = client.get(reverse("progress_board")).content.decode()
    counts = page.split('id="period-counts">')[1].split("</p>")[0]
    owing = page.count('class="badge warn"')
    assert counts == f"Quý IV/2026: đã duyệt 1 · chờ duyệt 1 · chưa báo cáo {owing}"
    row = page.split("Trung tâm dữ liệu")[1].split("</tr>")[0]
    assert '<span class="badge wait"' in row and "Chờ lãnh đạo duyệt" in row
    approved_row = page.split(world["a"].name)[1].split("</tr>")[0]
    assert "đã duyệt" in approved_row and "chờ duyệt" not in approved_row


def test_a_resent_report_shows_its_new_state_and_who_holds_it(client, world):
    staff, leader = world["staff_a"], world["leader_a"]
    update = return_(
        submit(report(world["a"], staff), by=staff), by=leader, reason="Thiếu ảnh nghiệm thu"
    )
    submit(update, by=staff)
    client.force_login(leader)
    page = client.get(reverse("report_detail", args=[update.pk])).content.decode()
    assert '<span id="state">Chờ duyệt</span>' in page
    assert "Chờ lãnh đạo duyệt · gửi lúc 25/11/2026" in page
    assert "Người duyệt" not in page  # the old reviewer is not shown as holding it
    assert "Thiếu ảnh nghiệm thu" in page  # the return stays in its history
    board = client.get(reverse("progress_board")).content.decode().split('id="projects"')[1]
    assert "Chờ lãnh đạo duyệt" in board.split(world["a"].name)[1].split("</tr>")[0]
