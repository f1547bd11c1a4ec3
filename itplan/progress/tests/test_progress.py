"""Progress reports: the workflow, who may do what, and the pages staff and leaders use."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projects.models import Project, ReportingPeriod, StatusUpdate
from projects.progress import WorkflowError, approve, return_, submit
from tests.factories import ProjectFactory, report

State = StatusUpdate.State


def test_only_an_approved_report_changes_the_projects_status(world):
    project, staff, leader = world["a"], world["staff_a"], world["leader_a"]
    update = submit(report(project, staff), by=staff)
    project.refresh_from_db()
    assert (project.status, project.percent_complete) == (Project.Status.NOT_STARTED, None)
    approve(update, by=leader)
    project.refresh_from_db()
    assert (project.status, project.percent_complete) == (Project.Status.IN_PROGRESS, 40)
    change = project.history.first()
    assert change.history_user == leader and "Duyệt báo cáo tiến độ" in change.history_change_reason


def test_a_returned_report_must_be_resubmitted_before_approval(world):
    staff, leader = world["staff_a"], world["leader_a"]
    update = submit(report(world["a"], staff), by=staff)
    with pytest.raises(WorkflowError, match="lý do"):
        return_(update, by=leader, reason="  ")
    return_(update, by=leader, reason="Thiếu số liệu giải ngân quý này")
    with pytest.raises(WorkflowError, match="chờ duyệt"):
        approve(update, by=leader)
    with pytest.raises(WorkflowError):
        approve(report(world["a"], staff, year=2020, quarter=1), by=leader)  # a draft either
    submit(update, by=staff)
    approve(update, by=leader)
    with pytest.raises(WorkflowError):
        submit(update, by=staff)  # approved is final
    reasons = [h.return_reason for h in update.history.filter(state=State.RETURNED)]
    assert reasons == ["Thiếu số liệu giải ngân quý này"]


def test_staff_reports_and_leader_approves_through_the_pages(client, world):
    project = world["a"]
    client.force_login(world["staff_a"])
    response = client.post(
        reverse("report_create", args=[project.pk]),
        {
            "year": 2026,
            "quarter": 4,
            "status": "in_progress",
            "percent_complete": 35,
            "results": "Hoàn thành khảo sát",
            "difficulties": "Chậm giải ngân",
            "proposals": "",
            "action": "submit",
        },
    )
    update = StatusUpdate.objects.get()
    assert response.url == reverse("report_detail", args=[update.pk])
    assert (update.state, update.author) == (State.SUBMITTED, world["staff_a"])
    assert {h.history_user for h in update.history.all()} == {world["staff_a"]}
    # the leader cannot write reports, and sees it waiting on "Cập nhật tiến độ"
    client.force_login(world["leader_a"])
    assert client.get(reverse("report_create", args=[project.pk])).status_code == 403
    board = client.get(reverse("progress_board")).content.decode()
    assert "Báo cáo chờ duyệt" in board and project.name in board
    response = client.post(reverse("report_detail", args=[update.pk]), {"action": "approve"})
    assert response.url == reverse("project_detail", args=[project.pk])
    page = client.get(response.url).content.decode()
    assert "Đang thực hiện" in page and "35%" in page
    assert "Đã duyệt" in page


def test_returned_report_shows_the_reason_to_its_author(client, world):
    staff = world["staff_a"]
    update = submit(report(world["a"], staff), by=staff)
    client.force_login(world["leader_a"])
    client.post(
        reverse("report_detail", args=[update.pk]),
        {"action": "return", "reason": "Bổ sung kết quả nghiệm thu"},
    )
    update.refresh_from_db()
    assert update.state == State.RETURNED
    client.force_login(staff)
    board = client.get(reverse("progress_board")).content.decode()
    assert "Bổ sung kết quả nghiệm thu" in board
    page = client.get(reverse("report_detail", args=[update.pk])).content.decode()
    assert "Bổ sung kết quả nghiệm thu" in page and "Trả lại bởi lanhdao.a" in page
    # the author corrects it as a draft first: the reason is still shown, once
    client.post(
        reverse("report_detail", args=[update.pk]),
        {
            "year": update.year,
            "quarter": update.quarter,
            "status": "in_progress",
            "percent_complete": 50,
            "results": "Đã nghiệm thu",
            "action": "draft",
            "version_seen": StatusUpdate.objects.get(pk=update.pk).version,
        },
    )
    page = client.get(reverse("report_detail", args=[update.pk])).content.decode()
    assert page.count("Bổ sung kết quả nghiệm thu") == 1
    assert StatusUpdate.objects.get(pk=update.pk).percent_complete == 50


def test_staff_cannot_approve_and_other_province_gets_404(client, world):
    staff = world["staff_a"]
    update = submit(report(world["a"], staff), by=staff)
    client.force_login(staff)
    assert (
        client.post(reverse("report_detail", args=[update.pk]), {"action": "approve"}).status_code
        == 403
    )
    for user in (world["staff_b"], world["leader_b"]):
        client.force_login(user)
        for url in (
            reverse("project_detail", args=[world["a"].pk]),
            reverse("report_create", args=[world["a"].pk]),
            reverse("report_detail", args=[update.pk]),
        ):
            assert client.get(url).status_code == 404, (user, url)
        assert (
            client.post(
                reverse("report_detail", args=[update.pk]), {"action": "approve"}
            ).status_code
            == 404
        )
    update.refresh_from_db()
    assert update.state == State.SUBMITTED


def test_drafts_are_not_shown_to_leaders(client, world):
    draft = report(world["a"], world["staff_a"])
    client.force_login(world["leader_a"])
    assert client.get(reverse("report_detail", args=[draft.pk])).status_code == 403
    page = client.get(reverse("project_detail", args=[world["a"].pk])).content.decode()
    assert "Chưa có báo cáo." in page


def test_anonymous_is_sent_to_login(client, world):
    for url in (reverse("progress_board"), reverse("project_detail", args=[world["a"].pk])):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith("/dang-nhap/?next=")


def test_board_marks_projects_without_a_report_this_quarter(client, world):
    staff = world["staff_a"]
    other = ProjectFactory(plan=world["a"].plan, name="Cổng dịch vụ công")
    submit(report(world["a"], staff), by=staff)
    client.force_login(staff)
    rows = client.get(reverse("progress_board"), {"chua_bao_cao": 1}).content.decode()
    assert other.name in rows and world["a"].name not in rows
    assert world["b"].name not in client.get(reverse("progress_board")).content.decode()


@pytest.mark.parametrize("role", ["staff", "leader"])
def test_board_query_count_does_not_grow_with_projects(
    client, world, django_assert_num_queries, role
):
    user = world[f"{role}_a"]
    client.force_login(user)

    def add(count):
        for _ in range(count):
            project = ProjectFactory(plan=world["a"].plan)
            submit(report(project, world["staff_a"]), by=world["staff_a"])

    add(1)
    with CaptureQueriesContext(connection) as one:
        assert client.get(reverse("progress_board")).status_code == 200
    add(20)
    with django_assert_num_queries(len(one)):
        response = client.get(reverse("progress_board"))
    assert response.content.decode().count('<span class="badge wait"') == 21  # chờ duyệt


def test_missing_reports_board_groups_by_agency_with_the_deadline(client, world):
    staff = world["staff_a"]
    plan = world["a"].plan
    late = ProjectFactory(plan=plan, name="Hệ thống thư điện tử công vụ")
    done = ProjectFactory(plan=plan, status=Project.Status.COMPLETED, name="Dự án đã xong")
    submit(report(world["a"], staff), by=staff)
    ReportingPeriod.objects.create(year=2026, quarter=3, deadline=datetime.date(2026, 10, 15))
    client.force_login(world["leader_a"])
    page = client.get(reverse("missing_reports"), {"ky": "2026-3"}).content.decode()
    assert "Hạn nộp báo cáo: 15/10/2026" in page and "quá hạn" in page
    assert late.name in page and world["a"].name in page  # nothing sent for Q3
    assert done.name not in page and world["b"].name not in page
    assert f"{late.lead_agency.name} · 1" in page
    current = client.get(reverse("missing_reports")).content.decode()
    assert late.name in current and world["a"].name not in current  # reported this quarter


def test_missing_reports_board_query_count_does_not_grow(client, world, django_assert_num_queries):
    client.force_login(world["leader_a"])
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("missing_reports"))
    for _ in range(20):
        ProjectFactory(plan=world["a"].plan)
    with django_assert_num_queries(len(one)):
        response = client.get(reverse("missing_reports"))
    assert "21 dự án chưa báo cáo" in response.content.decode()


def test_default_deadline_is_fifteen_days_after_the_period(db):
    assert ReportingPeriod.deadline_for(2026, 1) == datetime.date(2026, 4, 15)
    assert ReportingPeriod.deadline_for(2025, None) == datetime.date(2026, 1, 15)


@time_machine.travel("2026-08-15 09:00 +0700", tick=False)
def test_the_board_shows_the_periods_deadline(client, world):
    period = ReportingPeriod.objects.create(
        year=2026, quarter=3, deadline=datetime.date(2026, 8, 20)
    )
    client.force_login(world["staff_a"])
    board = client.get(reverse("progress_board")).content.decode()
    assert "Hạn nộp báo cáo Quý III/2026: 20/08/2026 (còn 5 ngày)" in board
    period.deadline = datetime.date(2026, 8, 14)
    period.save()
    assert "(đã quá hạn)" in client.get(reverse("progress_board")).content.decode()
