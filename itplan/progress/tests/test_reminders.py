"""Deadline reminders: on which days they go, to whom, and what they list."""

import datetime

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from itplan.progress.reminders import is_reminder_day, periods_to_remind, reminders
from projects.models import Project, ReportingPeriod
from projects.progress import submit
from tests.factories import AgencyFactory, ProjectFactory, report

D = datetime.date


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (D(2027, 1, 7), False),
        (D(2027, 1, 8), True),  # 7 days before
        (D(2027, 1, 9), False),
        (D(2027, 1, 12), True),  # 3 days
        (D(2027, 1, 14), True),  # 1 day
        (D(2027, 1, 15), True),  # the day
        (D(2027, 1, 16), False),
        (D(2027, 1, 22), True),  # a week late
        (D(2027, 1, 29), True),
        (D(2027, 4, 23), False),  # past 90 days the next quarter's reminders take over
    ],
)
def test_reminder_days_around_a_deadline(today, expected):
    assert is_reminder_day(today, D(2027, 1, 15)) is expected


@pytest.mark.django_db
def test_the_quarter_just_ended_is_reminded_into_the_next():
    assert periods_to_remind(D(2027, 1, 8)) == [(2026, 4)]  # Q4/2026 is due 15/01/2027
    assert periods_to_remind(D(2026, 11, 23)) == []
    ReportingPeriod.objects.create(year=2026, quarter=4, deadline=D(2026, 11, 30))
    assert periods_to_remind(D(2026, 11, 23)) == [(2026, 4)]  # an admin-set deadline counts


@pytest.fixture
def owing(world):
    """Province a owes two reports (one project per agency) and has a completed project;
    province b has sent its report."""
    year, quarter = 2026, 4
    a, b = world["a"], world["b"]
    a.lead_agency = AgencyFactory(province=a.plan.province, name="Sở Nội vụ")
    a.save()
    ProjectFactory(
        plan=a.plan,
        name="Phần mềm một cửa điện tử",
        lead_agency=AgencyFactory(province=a.plan.province, name="UBND huyện Hòa Bình"),
    )
    ProjectFactory(plan=a.plan, name="Dự án đã xong", status=Project.Status.COMPLETED)
    submit(report(b, world["staff_b"], year=year, quarter=quarter), by=world["staff_b"])
    for key in ("staff_a", "staff_b"):
        world[key].email = f"{key}@stttt.gov.vn"
        world[key].first_name = "Nguyễn Thị"
        world[key].last_name = "Hoa"
        world[key].save()
    return world


def test_staff_of_a_province_that_owes_reports_get_the_list(owing):
    outcome = reminders(2026, 4, D(2027, 1, 12))
    assert [m.to for m in outcome.messages] == [["staff_a@stttt.gov.vn"]]
    message = outcome.messages[0]
    assert message.subject == "Nhắc báo cáo tiến độ Quý IV/2026: còn 3 ngày (hạn 15/01/2027)"
    body = message.body
    assert "2 dự án, nhiệm vụ của tỉnh" in body
    assert "Sở Nội vụ\n  - " + owing["a"].name in body
    assert "UBND huyện Hòa Bình\n  - Phần mềm một cửa điện tử" in body
    assert "Dự án đã xong" not in body
    assert "/chua-bao-cao/?ky=2026-4" in body


def test_late_reminders_say_how_late_and_who_has_no_address(owing):
    owing["staff_a"].email = ""
    owing["staff_a"].save()
    outcome = reminders(2026, 4, D(2027, 1, 22))
    assert outcome.messages == [] and outcome.without_email == ["canbo.a"]
    owing["staff_a"].email = "a@stttt.gov.vn"
    owing["staff_a"].save()
    subject = reminders(2026, 4, D(2027, 1, 22)).messages[0].subject
    assert subject == "Nhắc báo cáo tiến độ Quý IV/2026: đã quá hạn 7 ngày (hạn 15/01/2027)"


def test_the_command_sends_for_a_chosen_period(owing, capsys):
    call_command("send_report_reminders", "--ky", "2026-4")
    assert [m.to for m in mail.outbox] == [["staff_a@stttt.gov.vn"]]
    assert "Quý IV/2026: đã gửi 1 thư nhắc." in capsys.readouterr().out
    with pytest.raises(CommandError, match="Kỳ “2026-5” không hợp lệ"):
        call_command("send_report_reminders", "--ky", "2026-5")
