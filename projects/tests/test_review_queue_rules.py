"""The rules issue 18 added to a report's life: a report sent again after a return waits for a
leader anew (no old reviewer on it), who holds it now, what waits for a leader, the project's
last approved report and the report a new one starts from, and "reported" split into approved
and waiting."""

import datetime

import time_machine
from django.utils import timezone

from projects.models import Project, StatusUpdate
from projects.progress import (
    approve,
    holder,
    last_approved,
    previous_report,
    reported_counts,
    return_,
    submit,
    waiting_for,
)
from provinces.access import scope
from tests.factories import report

State = StatusUpdate.State


def test_a_resent_report_waits_for_a_leader_again_without_the_old_review(world):
    staff, leader = world["staff_a"], world["leader_a"]
    update = return_(
        submit(report(world["a"], staff, year=2026, quarter=3), by=staff),
        by=leader,
        reason="Thiếu ảnh nghiệm thu",
    )
    submit(update, by=staff)
    update.refresh_from_db()
    assert (update.state, update.reviewer, update.reviewed_at, update.return_reason) == (
        State.SUBMITTED,
        None,
        None,
        "",
    )
    assert holder(update.state) == "Chờ lãnh đạo duyệt"
    # the return stays in the report's history, with who returned it and why
    returned = update.history.filter(state=State.RETURNED).first()
    assert (returned.reviewer, returned.return_reason) == (leader, "Thiếu ảnh nghiệm thu")


def test_who_holds_a_report_in_each_state():
    assert holder(State.DRAFT) == "Người báo cáo đang soạn"
    assert holder(State.RETURNED) == "Bị trả lại, người báo cáo đang sửa"
    assert holder(State.APPROVED) == ""


def test_a_leader_waits_on_the_sent_reports_of_his_province_oldest_first(world):
    staff, leader = world["staff_a"], world["leader_a"]
    other = Project.objects.create(plan=world["a"].plan, name="Trung tâm dữ liệu")
    with time_machine.travel(datetime.datetime(2026, 10, 2, 9, tzinfo=datetime.UTC)):
        older = submit(report(other, staff, year=2026, quarter=3), by=staff)
    with time_machine.travel(datetime.datetime(2026, 10, 5, 9, tzinfo=datetime.UTC)):
        newer = submit(report(world["a"], staff, year=2026, quarter=3), by=staff)
    report(world["a"], staff, year=2026, quarter=2)  # a draft waits for no one
    submit(report(world["b"], world["staff_b"], year=2026, quarter=3), by=world["staff_b"])
    reports = scope(StatusUpdate.objects.all(), leader)
    assert list(waiting_for(leader, reports)) == [older, newer]
    approve(older, by=leader)
    assert list(waiting_for(leader, reports)) == [newer]


def test_a_leader_does_not_wait_on_his_own_report(world):
    leader = world["leader_a"]
    own = report(world["a"], leader, year=2026, quarter=3)
    StatusUpdate.objects.filter(pk=own.pk).update(
        state=State.SUBMITTED, submitted_at=timezone.now()
    )
    assert list(waiting_for(leader, scope(StatusUpdate.objects.all(), leader))) == []


def test_last_approved_is_the_latest_period_approved(world):
    staff, leader = world["staff_a"], world["leader_a"]
    assert last_approved(world["a"].pk) is None
    q1 = approve(submit(report(world["a"], staff, year=2026, quarter=1), by=staff), by=leader)
    q2 = approve(
        submit(report(world["a"], staff, year=2026, quarter=2, percent_complete=60), by=staff),
        by=leader,
    )
    submit(report(world["a"], staff, year=2026, quarter=3, percent_complete=70), by=staff)
    assert last_approved(world["a"].pk) == q2
    assert q1 != q2


def test_previous_report_is_the_latest_earlier_period_not_a_draft(world):
    staff = world["staff_a"]
    q1 = submit(report(world["a"], staff, year=2026, quarter=1, results="Quý 1"), by=staff)
    report(world["a"], staff, year=2026, quarter=2, results="Nháp quý 2")
    q3 = report(world["a"], staff, year=2026, quarter=3)
    assert previous_report(q3) == q1
    assert previous_report(q1) is None


def test_reported_counts_approved_and_waiting_apart(world):
    quarter = 3
    staff, leader = world["staff_a"], world["leader_a"]
    second = Project.objects.create(plan=world["a"].plan, name="Trung tâm dữ liệu")
    third = Project.objects.create(plan=world["a"].plan, name="Hội nghị truyền hình")
    approve(submit(report(world["a"], staff, year=2026, quarter=quarter), by=staff), by=leader)
    submit(report(second, staff, year=2026, quarter=quarter), by=staff)
    report(third, staff, year=2026, quarter=quarter)  # a draft is neither
    counts = Project.objects.filter(plan=world["a"].plan).aggregate(
        **reported_counts(2026, quarter)
    )
    assert counts == {"approved": 1, "submitted": 1}
