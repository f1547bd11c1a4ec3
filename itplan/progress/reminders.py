"""Deadline reminders for progress reports: an e-mail to each staff member (cán bộ Sở) whose
province still owes reports, listing the projects by lead agency.

Run once a day (cron: ``manage.py send_report_reminders``). It sends nothing on most days: only
7, 3 and 1 days before a quarter's deadline, on the day itself, and every 7 days after it while
reports are missing. Which days is decided from the date alone, so the job keeps no state and a
missed or repeated run does no harm beyond one missing or one extra e-mail.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils.translation import gettext as _

from projects.models import Project, ReportingPeriod, period_label
from projects.progress import due_reports
from provinces.access import province_ids
from provinces.models import Membership

DAYS_BEFORE = (7, 3, 1, 0)
OVERDUE_EVERY = 7


def periods_to_remind(today: datetime.date) -> list[tuple[int, int]]:
    """The quarters (this one and the one before, whose deadline falls in the next) for which
    today is a reminder day."""
    year, quarter = today.year, (today.month - 1) // 3 + 1
    previous = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    return [
        period
        for period in (previous, (year, quarter))
        if is_reminder_day(today, ReportingPeriod.deadline_for(*period))
    ]


def is_reminder_day(today: datetime.date, deadline: datetime.date) -> bool:
    days_left = (deadline - today).days
    if days_left >= 0:
        return days_left in DAYS_BEFORE
    return -days_left % OVERDUE_EVERY == 0 and -days_left <= 90


@dataclass
class Outcome:
    messages: list[EmailMessage]
    without_email: list[str]  # staff who would have been reminded but have no address


def reminders(year: int, quarter: int | None, today: datetime.date) -> Outcome:
    """The e-mails for one period: one per staff member with an address whose province owes
    reports."""
    deadline = ReportingPeriod.deadline_for(year, quarter)
    period = period_label(year, quarter)
    days_left = (deadline - today).days
    if days_left > 0:
        when = _("còn %(days)s ngày") % {"days": days_left}
    elif days_left == 0:
        when = _("hạn là hôm nay")
    else:
        when = _("đã quá hạn %(days)s ngày") % {"days": -days_left}
    staff = (
        Membership.objects.filter(role=Membership.Role.STAFF, user__is_active=True)
        .select_related("user", "province")
        .order_by("province__name", "user__username")
    )
    outcome = Outcome([], [])
    owed: dict[int, list[Project]] = {}
    for member in staff:
        if member.province_id not in owed:
            owed[member.province_id] = list(
                due_reports(
                    Project.objects.filter(plan__province__in=province_ids(member.user)),
                    year,
                    quarter,
                )
                .select_related("lead_agency", "plan")
                .order_by("lead_agency__name", "plan__document_number", "order", "id")
            )
        projects = owed[member.province_id]
        if not projects:
            continue
        if not member.user.email:
            outcome.without_email.append(member.user.get_username())
            continue
        subject = _("Nhắc báo cáo tiến độ %(period)s: %(when)s (hạn %(deadline)s)") % {
            "period": period,
            "when": when,
            "deadline": f"{deadline:%d/%m/%Y}",
        }
        outcome.messages.append(
            EmailMessage(
                subject=subject,
                body=_body(member, projects, period, deadline, when, year, quarter),
                to=[member.user.email],
            )
        )
    return outcome


def _body(member, projects, period, deadline, when, year, quarter) -> str:
    name = member.user.get_full_name() or member.user.get_username()
    lines = [
        _("Kính gửi %(name)s,") % {"name": name},
        "",
        _(
            "Hạn nộp báo cáo tiến độ %(period)s là ngày %(deadline)s (%(when)s). "
            "%(count)s dự án, nhiệm vụ của tỉnh %(province)s chưa có báo cáo gửi duyệt:"
        )
        % {
            "period": period,
            "deadline": f"{deadline:%d/%m/%Y}",
            "when": when,
            "count": len(projects),
            "province": member.province.name,
        },
    ]
    agency = object()
    for project in projects:
        if project.lead_agency != agency:
            agency = project.lead_agency
            lines += ["", str(agency or _("Chưa ghi đơn vị chủ trì"))]
        lines.append(f"  - {project.name} ({project.plan.document_number})")
    ky = f"{year}-{quarter}" if quarter else str(year)
    lines += [
        "",
        _("Danh sách và nút báo cáo: %(url)s")
        % {"url": settings.SITE_URL + reverse("missing_reports") + f"?ky={ky}"},
        "",
        _("Thư gửi tự động từ Cổng theo dõi kế hoạch ứng dụng CNTT; xin đừng trả lời thư này."),
    ]
    return "\n".join(lines)
