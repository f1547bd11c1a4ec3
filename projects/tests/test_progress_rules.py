"""The rules of ``projects.progress`` pinned with literal values: the period being reported on
at a date, and who and when on each move of a report."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from projects.models import StatusUpdate
from projects.progress import WorkflowError, approve, current_period, return_, submit
from tests.factories import report

State = StatusUpdate.State
D = datetime.date


@pytest.mark.parametrize(
    ("today", "period"),
    [
        (D(2026, 1, 1), (2026, 1)),
        (D(2026, 3, 31), (2026, 1)),
        (D(2026, 4, 1), (2026, 2)),
        (D(2026, 6, 30), (2026, 2)),
        (D(2026, 7, 1), (2026, 3)),
        (D(2026, 9, 30), (2026, 3)),
        (D(2026, 10, 1), (2026, 4)),
        (D(2026, 12, 31), (2026, 4)),
    ],
)
def test_the_quarter_of_a_date(today, period):
    assert current_period(today) == period


@time_machine.travel("2026-12-31 23:30 +0700", tick=False)
def test_without_a_date_it_is_todays_quarter_in_vietnam():
    assert current_period() == (2026, 4)


@time_machine.travel("2026-12-31 18:00 +0000", tick=False)  # 1 January 2027, 01:00 in Hà Nội
def test_the_new_year_begins_at_vietnamese_midnight():
    assert current_period() == (2027, 1)


SENT = datetime.datetime(2026, 8, 3, 8, 15, tzinfo=datetime.UTC)
REVIEWED = datetime.datetime(2026, 8, 5, 14, 0, tzinfo=datetime.UTC)


def test_sending_records_when_and_who(world):
    staff = world["staff_a"]
    update = report(world["a"], staff, year=2026, quarter=3)
    with time_machine.travel(SENT, tick=False):
        submit(update, by=staff)
    update.refresh_from_db()
    assert (update.state, update.submitted_at) == (State.SUBMITTED, SENT)
    assert (update.reviewer, update.reviewed_at) == (None, None)
    assert update.history.order_by("-history_id").first().history_user == staff


def test_approving_records_the_reviewer_and_when(world):
    staff, leader = world["staff_a"], world["leader_a"]
    update = report(world["a"], staff, year=2026, quarter=3)
    with time_machine.travel(SENT, tick=False):
        submit(update, by=staff)
    with time_machine.travel(REVIEWED, tick=False):
        approve(update, by=leader)
    update.refresh_from_db()
    assert update.state == State.APPROVED
    assert (update.reviewer, update.reviewed_at, update.submitted_at) == (leader, REVIEWED, SENT)
    assert update.author == staff
    assert update.history.order_by("-history_id").first().history_user == leader


def test_returning_records_the_reviewer_when_and_the_reason(world):
    staff, leader = world["staff_a"], world["leader_a"]
    update = submit(report(world["a"], staff, year=2026, quarter=3), by=staff)
    with time_machine.travel(REVIEWED, tick=False):
        return_(update, by=leader, reason="  Thiếu số liệu giải ngân quý 3.  ")
    update.refresh_from_db()
    assert update.state == State.RETURNED
    assert (update.reviewer, update.reviewed_at) == (leader, REVIEWED)
    assert update.return_reason == "Thiếu số liệu giải ngân quý 3."
    assert update.history.order_by("-history_id").first().history_user == leader


def test_a_report_not_sent_cannot_be_returned_or_approved(world):
    staff, leader = world["staff_a"], world["leader_a"]
    draft = report(world["a"], staff, year=2026, quarter=3)
    with pytest.raises(WorkflowError) as refused:
        return_(draft, by=leader, reason="Sai số liệu")
    assert str(refused.value) == (
        "Chỉ trả lại được báo cáo đang chờ duyệt; báo cáo này đang “Nháp”."
    )
    with pytest.raises(WorkflowError) as refused:
        approve(draft, by=leader)
    assert str(refused.value) == "Chỉ duyệt được báo cáo đang chờ duyệt; báo cáo này đang “Nháp”."
    draft.refresh_from_db()
    assert (draft.state, draft.reviewer, draft.reviewed_at, draft.return_reason) == (
        State.DRAFT,
        None,
        None,
        "",
    )


def test_a_returned_report_cannot_be_returned_again(world):
    staff, leader = world["staff_a"], world["leader_a"]
    update = return_(
        submit(report(world["a"], staff, year=2026, quarter=3), by=staff),
        by=leader,
        reason="Thiếu ảnh",
    )
    with pytest.raises(WorkflowError, match="báo cáo này đang “Trả lại”"):
        return_(update, by=leader, reason="Lần nữa")


def test_an_approved_report_cannot_be_sent_again_but_a_returned_one_can(world):
    staff, leader = world["staff_a"], world["leader_a"]
    returned = return_(
        submit(report(world["a"], staff, year=2026, quarter=2), by=staff),
        by=leader,
        reason="Thiếu ảnh",
    )
    assert submit(returned, by=staff).state == State.SUBMITTED
    approved = approve(returned, by=leader)
    with pytest.raises(WorkflowError) as refused:
        submit(approved, by=staff)
    assert str(refused.value) == "Báo cáo đang ở trạng thái “Đã duyệt”, không gửi duyệt được."


def test_a_reason_is_needed_to_return_and_blank_is_none(world):
    staff, leader = world["staff_a"], world["leader_a"]
    update = submit(report(world["a"], staff, year=2026, quarter=3), by=staff)
    with pytest.raises(WorkflowError, match="Hãy ghi lý do trả lại"):
        return_(update, by=leader, reason="   ")
    update.refresh_from_db()
    assert (update.state, update.reviewer) == (State.SUBMITTED, None)


def test_a_report_without_an_author_can_be_approved_by_any_leader_of_the_province(world):
    leader = world["leader_a"]
    update = StatusUpdate.objects.create(
        project=world["a"],
        year=2026,
        quarter=3,
        status="in_progress",
        percent_complete=30,
        state=State.SUBMITTED,
        submitted_at=timezone.now(),
    )
    assert approve(update, by=leader).reviewer == leader
