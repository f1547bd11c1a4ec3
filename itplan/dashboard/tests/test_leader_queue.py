"""The leader's home starts with the reports waiting for him (issue 18, item 3): the count,
oldest sent first, with project, author and date; one click approves, a reason returns; a
return without a reason is refused beside the reason; only a leader of the report's province
(or an administrator) moves it from there; the queue is fresh even when the dashboard below it
comes from the page cache; the dashboard counts approved and waiting reports apart."""

import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projects.models import Project, StatusUpdate
from projects.progress import approve, return_, submit
from tests.database import changed_tables, snapshot
from tests.factories import ProjectFactory, make_user, report

State = StatusUpdate.State


def sent(project, author, day: int, **fields) -> StatusUpdate:
    with time_machine.travel(datetime.datetime(2026, 11, day, 8, tzinfo=datetime.UTC)):
        return submit(report(project, author, year=2026, quarter=4, **fields), by=author)


@pytest.fixture
def queue(world):
    """Three reports of province A sent on 10, 3 and 20/11, and one of province B."""
    staff = world["staff_a"]
    plan = world["a"].plan
    world["mid"] = sent(world["a"], staff, 10)
    world["old"] = sent(ProjectFactory(plan=plan, name="Trung tâm dữ liệu tỉnh"), staff, 3)
    world["new"] = sent(ProjectFactory(plan=plan, name="Hội nghị truyền hình"), staff, 20)
    world["other"] = sent(world["b"], world["staff_b"], 1)
    return world


def rows_of(page: str) -> list[str]:
    body = page.split('id="queue-rows"')[1].split("</tbody>")[0]
    return [chunk.split('"')[0] for chunk in body.split('<tr id="queue-')[1:]]


def test_the_leaders_home_starts_with_his_queue_oldest_first(client, queue):
    client.force_login(queue["leader_a"])
    response = client.get(reverse("home"), follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("dashboard")
    main = page[page.index("<main>") :]
    assert main.index('id="queue"') < main.index("Tổng quan kế hoạch ứng dụng CNTT")
    assert "Báo cáo chờ bạn duyệt: 3" in page
    assert rows_of(page) == [str(queue[k].pk) for k in ("old", "mid", "new")]
    row = page.split(f'<tr id="queue-{queue["old"].pk}">')[1].split("</tr>")[0]
    assert "Trung tâm dữ liệu tỉnh" in row and "Quý IV/2026" in row and "03/11/2026" in row
    assert "canbo.a" in row  # the author, by login when he has no full name
    assert queue["b"].name not in page  # another province's report is not his


def test_staff_and_national_viewers_have_no_queue(client, queue):
    for who in ("staff_a", "national"):
        client.force_login(queue[who])
        assert 'id="queue"' not in client.get(reverse("dashboard")).content.decode()


def test_one_click_approves_and_the_project_takes_the_figures(client, queue):
    client.force_login(queue["leader_a"])
    url = reverse("dashboard") + "?nam=2026"
    response = client.post(url, {"bao_cao": queue["mid"].pk, "action": "approve"})
    assert response.status_code == 302 and response.url == url  # back where he was
    update = StatusUpdate.objects.get(pk=queue["mid"].pk)
    assert (update.state, update.reviewer) == (State.APPROVED, queue["leader_a"])
    assert Project.objects.get(pk=queue["a"].pk).percent_complete == 40
    page = client.get(url).content.decode()
    assert "Đã duyệt báo cáo Quý IV/2026 của" in page
    assert "Báo cáo chờ bạn duyệt: 2" in page and str(queue["mid"].pk) not in rows_of(page)


def test_return_needs_a_reason_shown_beside_it(client, queue):
    client.force_login(queue["leader_a"])
    before = snapshot()
    response = client.post(
        reverse("dashboard"), {"bao_cao": queue["old"].pk, "action": "return", "reason": "  "}
    )
    assert response.status_code == 400
    assert changed_tables(before, snapshot()) == []
    page = response.content.decode()
    row = page.split(f'<tr id="queue-{queue["old"].pk}">')[1].split("</tr>")[0]
    assert "<details open>" in row
    assert "Hãy ghi lý do trả lại để người báo cáo biết cần sửa gì." in row
    assert "Hãy ghi lý do" not in page.split(f'<tr id="queue-{queue["mid"].pk}">')[1]


def test_return_with_a_reason_sends_it_back_to_its_author(client, queue):
    client.force_login(queue["leader_a"])
    response = client.post(
        reverse("dashboard"),
        {"bao_cao": queue["old"].pk, "action": "return", "reason": "Thiếu biên bản nghiệm thu"},
    )
    assert response.status_code == 302
    update = StatusUpdate.objects.get(pk=queue["old"].pk)
    assert (update.state, update.return_reason) == (State.RETURNED, "Thiếu biên bản nghiệm thu")


def test_a_report_already_moved_is_named_not_moved_twice(client, queue):
    approve(queue["old"], by=make_user("lanhdao.khac", "leader", queue["a"].plan.province))
    client.force_login(queue["leader_a"])
    response = client.post(
        reverse("dashboard"), {"bao_cao": queue["old"].pk, "action": "approve"}, follow=True
    )
    assert "Chỉ duyệt được báo cáo đang chờ duyệt; báo cáo này đang “Đã duyệt”." in (
        response.content.decode()
    )


# Who posts a queue move on a report of province A or B, and whether it may move it.
MOVERS = [
    ("staff_a", "a", False),
    ("staff_b", "a", False),
    ("national", "a", False),
    ("leader_b", "a", False),
    ("leader_a", "b", False),
    ("norole", "a", False),
    ("leader_a", "a", True),
    ("admin", "b", True),
]


@pytest.mark.parametrize("action", ["approve", "return"])
def test_only_a_leader_of_the_province_or_an_administrator_moves_a_report(client, queue, action):
    queue["admin"] = make_user("quantri", "admin")
    queue["norole"] = make_user("khach", None)
    target = {"a": queue["mid"], "b": queue["other"]}
    for who, province, allowed in MOVERS:
        client.force_login(queue[who])
        before = snapshot()
        response = client.post(
            reverse("dashboard"),
            {"bao_cao": target[province].pk, "action": action, "reason": "Thiếu số liệu"},
        )
        changed = changed_tables(before, snapshot())
        if allowed:
            assert response.status_code == 302, who
            assert "projects.statusupdate" in changed, who
        else:
            assert response.status_code in (403, 404), (who, response.status_code)
            assert changed == [], (who, changed)


@pytest.mark.django_db(transaction=True)
def test_the_queue_is_fresh_under_the_page_cache(client, queue, settings):
    """The dashboard body is cached by scope (committed data: a transactional test); the queue
    above it is read on every request."""
    settings.PAGE_CACHE_SECONDS = 900
    cache.clear()
    client.force_login(queue["leader_a"])
    assert "Báo cáo chờ bạn duyệt: 3" in client.get(reverse("dashboard")).content.decode()
    # a move that no signal of the page cache sees (a queryset update): the body stays cached
    StatusUpdate.objects.filter(pk=queue["new"].pk).update(state=State.RETURNED)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("dashboard")).content.decode()
    assert len(queries) <= 8  # the body came from the cache
    assert "Báo cáo chờ bạn duyệt: 2" in page
    cache.clear()


def test_the_dashboard_counts_approved_and_waiting_apart(client, queue):
    approve(queue["mid"], by=queue["leader_a"])
    return_(queue["new"], by=queue["leader_a"], reason="Thiếu ảnh")
    client.force_login(queue["leader_a"])
    page = client.get(reverse("dashboard")).content.decode()
    card = page.split('id="reported">')[1].split("</span>")[0]
    assert card == "đã duyệt 1 · chờ duyệt 1"


def test_the_national_table_counts_approved_and_waiting_per_province(client, queue):
    approve(queue["mid"], by=queue["leader_a"])
    client.force_login(queue["national"])
    rows = {
        row.province.name: (row.approved, row.submitted)
        for row in client.get(reverse("dashboard")).context["provinces"]
    }
    assert rows[queue["a"].plan.province.name] == (1, 2)
    assert rows[queue["b"].plan.province.name] == (0, 1)


def test_the_leaders_dashboard_runs_as_many_queries_with_20_more_reports_waiting(
    client, queue, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    client.force_login(queue["leader_a"])
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("dashboard"))
    for i in range(20):
        sent(ProjectFactory(plan=queue["a"].plan), queue["staff_a"], 4 + i % 20)
    with CaptureQueriesContext(connection) as many:
        page = client.get(reverse("dashboard")).content.decode()
    assert "Báo cáo chờ bạn duyệt: 23" in page
    assert len(many) == len(few) <= 12
