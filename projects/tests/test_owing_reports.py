"""Who owes a progress report for a period (``projects.progress.owes_report``): one rule, and
every place that shows it — the progress board, the dashboard's card and province rows, the
project list's filter, the reminders, the missing list and the UBND report — gives the same
projects on the same data."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse

from itplan.progress.reminders import reminders
from itplan.reports.content import build
from itplan.reports.period import Period
from projects.archive import archive
from projects.models import Project, StatusUpdate
from projects.progress import due_reports
from tests.factories import AgencyFactory, PlanFactory, ProjectFactory, logged_in, make_user

State = StatusUpdate.State
NOW = "2026-08-15 09:00 +0700"  # quarter 3 of 2026
OWING = {
    "Chỉ có bản nháp",
    "Bị trả lại",
    "Chưa báo cáo gì",
    "Không ghi năm",
    "Chỉ báo cáo quý 2",
    "Báo cáo quý 3 năm trước",
    "Chỉ trong năm nay",
}


@pytest.fixture
def province(db):
    """One province, one plan of 2021–2026, and a project of each kind for quarter 3/2026."""
    plan = PlanFactory(start_year=2021, end_year=2026)
    agency = AgencyFactory(province=plan.province, name="Sở Khoa học và Công nghệ")
    staff = make_user("canbo.tinh", "staff", plan.province)
    staff.email = "canbo@skhcn.gov.vn"
    staff.save()
    leader = make_user("lanhdao.tinh", "leader", plan.province)

    def project(
        name,
        *,
        period="2025 - 2027",
        status=Project.Status.IN_PROGRESS,
        state=None,
        year=2026,
        quarter=3,
    ):
        made = ProjectFactory(
            plan=plan, name=name, period=period, status=status, lead_agency=agency
        )
        if state:
            StatusUpdate.objects.create(
                project=made,
                year=year,
                quarter=quarter,
                state=state,
                author=staff,
                status=Project.Status.IN_PROGRESS,
                percent_complete=50,
            )
        return made

    project("Đã hoàn thành", status=Project.Status.COMPLETED)
    project("Đã hủy", status=Project.Status.CANCELLED)
    project("Chỉ có bản nháp", state=State.DRAFT)
    project("Bị trả lại", state=State.RETURNED)
    project("Đã gửi duyệt", state=State.SUBMITTED)
    project("Đã được duyệt", state=State.APPROVED)
    project("Ngoài thời gian thực hiện", period="2021 - 2023")
    project("Chưa bắt đầu", period="2027 - 2028")
    project("Chưa báo cáo gì", status=Project.Status.PAUSED)
    project("Không ghi năm", period="")  # the plan's years: 2021–2026
    project("Chỉ báo cáo quý 2", state=State.APPROVED, quarter=2)
    project("Báo cáo quý 3 năm trước", state=State.APPROVED, year=2025)
    project("Chỉ trong năm nay", period="2026")  # its first and last year
    archived = project("Đã lưu trữ")
    archive(archived, by=staff)
    return {"plan": plan, "staff": staff, "leader": leader}


def names_in(page: str, table_id: str) -> set[str]:
    table = page.split(f'id="{table_id}"', 1)[1].split("</table>", 1)[0]
    return set(re.findall(r'<a href="/[^"]*/\d+/">([^<]+)</a>', table))


@time_machine.travel(NOW, tick=False)
def test_the_rule_itself(province):
    owing = due_reports(Project.objects.all(), 2026, 3)
    assert set(owing.values_list("name", flat=True)) == OWING
    year_owing = due_reports(Project.objects.all(), 2026, None)  # nobody sent a year's report
    assert "Đã được duyệt" in set(year_owing.values_list("name", flat=True))
    assert "Ngoài thời gian thực hiện" in set(
        due_reports(Project.objects.all(), 2022, 3).values_list("name", flat=True)
    )


@time_machine.travel(NOW, tick=False)
def test_the_board_shows_the_owing_projects_and_counts_no_finished_one(province):
    client = logged_in(province["staff"])
    page = client.get(reverse("progress_board"), {"chua_bao_cao": "1"}).content.decode()
    assert names_in(page, "projects") == OWING
    every = client.get(reverse("progress_board")).content.decode()
    row = every.split(">Đã hoàn thành</a>", 1)[1].split("</tr>", 1)[0]
    assert "không phải báo cáo" in row and "chưa báo cáo" not in row


@time_machine.travel(NOW, tick=False)
def test_the_boards_old_parameter_redirects_to_the_one_parameter(province):
    client = logged_in(province["staff"])
    response = client.get(reverse("progress_board"), {"chua-bao-cao": "1", "trang": "2"})
    assert response.status_code == 301
    assert response["Location"] == reverse("progress_board") + "?trang=2&chua_bao_cao=1"


@time_machine.travel(NOW, tick=False)
def test_the_dashboard_card_and_the_project_list_behind_it(province):
    client = logged_in(province["leader"])
    response = client.get(reverse("dashboard"))
    card = response.content.decode().split('id="unreported">', 1)[1].split("<", 1)[0]
    assert card == "7"
    link = response.context["links"]["unreported"]
    assert link == reverse("project_list") + "?chua_bao_cao=1"
    listed = client.get(link).content.decode()
    assert set(re.findall(r">([^<]+)</a>", listed)) >= OWING
    for name in ("Đã hoàn thành", "Đã hủy", "Đã gửi duyệt", "Ngoài thời gian thực hiện"):
        assert f">{name}</a>" not in listed


@time_machine.travel(NOW, tick=False)
def test_the_national_dashboards_province_row(province):
    national = make_user("trunguong", "national")
    response = logged_in(national).get(reverse("dashboard"))
    rows = {row.province.pk: row for row in response.context["provinces"]}
    assert rows[province["plan"].province_id].unreported == 7
    assert response.context["figures"]["unreported"] == 7


@time_machine.travel(NOW, tick=False)
def test_the_missing_list(province):
    page = logged_in(province["leader"]).get(reverse("missing_reports"), {"ky": "2026-3"})
    text = page.content.decode()
    assert "7 dự án chưa báo cáo" in text
    for name in OWING:
        assert name in text
    for name in ("Đã hoàn thành", "Đã hủy", "Đã gửi duyệt", "Đã được duyệt", "Chưa bắt đầu"):
        assert name not in text


@time_machine.travel(NOW, tick=False)
def test_the_reminder(province):
    outcome = reminders(2026, 3, datetime.date(2026, 10, 8))
    (message,) = outcome.messages
    assert "7 dự án, nhiệm vụ của tỉnh" in message.body
    listed = {
        line.strip()[2:].rsplit(" (", 1)[0]
        for line in message.body.splitlines()
        if line.startswith("  - ")
    }
    assert listed == OWING


@time_machine.travel(NOW, tick=False)
def test_the_ubnd_report_of_the_quarter(province):
    data = build(
        params={"ke_hoach": str(province["plan"].pk)},
        period=Period(2026, 3),
        user=province["leader"],
        today=datetime.date(2026, 8, 15),
    )
    assert data["figures"]["unreported"] == 7
    year = build(
        params={"ke_hoach": str(province["plan"].pk)},
        period=Period(2026),
        user=province["leader"],
        today=datetime.date(2026, 8, 15),
    )
    assert "unreported" not in year["figures"]  # progress reports are by quarter
