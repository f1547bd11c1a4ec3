"""Every page of every seed plan and every list page runs at most 12 SQL queries, with stated
totals, progress reports, money and indicators present, for an administrator and for the staff
of the plan's province; and the count does not grow when the data doubles (issue 16).

Pages are computed each time (the page cache off): a cached page runs fewer."""

import datetime
import io

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from indicators.models import Measurement
from itplan.appendix.export import plan_workbook
from itplan.models import AppendixImport
from projects.models import Project, StatusUpdate
from tests.factories import (
    BudgetLineFactory,
    IndicatorFactory,
    ProjectFactory,
    StatedTotalFactory,
    make_user,
)

MAX_QUERIES = 12
pytestmark = pytest.mark.usefixtures("no_page_cache")


@pytest.fixture
def no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


def add_reports_and_measurements(plans, author):
    """A progress report (approved, submitted or draft) on each project and a measurement on
    each indicator of ``plans``."""
    states = list(StatusUpdate.State)
    for i, project in enumerate(Project.objects.filter(plan__in=plans)):
        StatusUpdate.objects.create(
            project=project,
            author=author,
            year=2026,
            quarter=2,
            status=Project.Status.IN_PROGRESS,
            percent_complete=10 + i % 80,
            results="Đã triển khai",
            difficulties="Thiếu kinh phí",
            state=states[i % len(states)],
        )
    for plan in plans:
        if not plan.indicators.exists():
            IndicatorFactory(plan=plan)
        for indicator in plan.indicators.all():
            Measurement.objects.create(
                indicator=indicator, date=datetime.date(2026, 3, 31), value=5
            )


def queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
    assert response.status_code == 200, url
    return len(captured)


def plan_pages(client, plan) -> dict:
    """Query count of each page of ``plan``: the plan page, its export, each project page and
    each indicator page (the largest of those)."""
    counts = {
        "plan": queries(client, reverse("plan_detail", args=[plan.pk])),
        "plan_editor": queries(client, reverse("plan_editor", args=[plan.pk])),
        "export": queries(client, reverse("plan_export", args=[plan.pk])),
    }
    counts["project"] = max(
        queries(client, reverse("project_detail", args=[pk]))
        for pk in plan.projects.values_list("pk", flat=True)
    )
    counts["indicator"] = max(
        (
            queries(client, reverse("indicator_detail", args=[pk]))
            for pk in plan.indicators.values_list("pk", flat=True)
        ),
        default=0,
    )
    return counts


def preview_page(client, plan) -> int:
    """Upload the plan's own workbook and count the queries of its preview page."""
    buffer = io.BytesIO()
    plan_workbook(plan).save(buffer)
    data = {
        "file": SimpleUploadedFile("phu-luc.xlsx", buffer.getvalue()),
        "default_source": "local",
        "default_capital_type": "unspecified",
        "unit": "",
    }
    client.post(reverse("import_upload", args=[plan.pk]), data)
    record = AppendixImport.objects.filter(plan=plan).latest("pk")
    assert record.status == AppendixImport.Status.PREVIEW
    return queries(client, reverse("import_preview", args=[record.pk]))


def list_pages(client, plan) -> dict:
    return {
        "plan_list": queries(client, reverse("plan_list")),
        "project_list": queries(client, reverse("project_list")),
        "progress_board": queries(client, reverse("progress_board")),
        "missing_reports": queries(client, reverse("missing_reports")),
        "dashboard": queries(client, reverse("dashboard")),
        "dashboard_filtered": queries(
            client, reverse("dashboard"), {"nguon": "local", "nam": plan.start_year}
        ),
        "dashboard_plan": queries(client, reverse("dashboard"), {"ke_hoach": plan.pk}),
        "report_index": queries(client, reverse("ubnd_index")),
        "report": queries(client, reverse("ubnd_preview"), {"ke_hoach": plan.pk, "ky": "2026"}),
    }


def all_pages(client, plan, admin, staff) -> dict:
    found = {}
    for name, user in (("admin", admin), ("staff", staff)):
        client.force_login(user)
        found[name] = plan_pages(client, plan) | list_pages(client, plan)
    found["staff"]["import_preview"] = preview_page(client, plan)
    return found


def double(plan, author):
    """As many projects again in ``plan``, each with a budget line, a stated total, a progress
    report, and as many indicators again with a measurement."""
    for project in list(plan.projects.all()):
        copy = ProjectFactory(plan=plan, group=project.group, lead_agency=project.lead_agency)
        BudgetLineFactory(project=copy, year=plan.start_year, amount=100 * 10**6)
        StatedTotalFactory(plan=plan, year=plan.start_year, amount=100 * 10**6)
        StatusUpdate.objects.create(
            project=copy,
            author=author,
            year=2026,
            quarter=2,
            status="in_progress",
            percent_complete=20,
            state=StatusUpdate.State.SUBMITTED,
        )
    for _ in range(plan.indicators.count()):
        copy = IndicatorFactory(plan=plan)
        Measurement.objects.create(indicator=copy, date=datetime.date(2026, 3, 31), value=7)


@time_machine.travel("2026-06-15 09:00 +0700", tick=False)
@pytest.mark.parametrize("slug", ["bac-lieu", "binh-dinh", "quang-tri", "tien-giang", "tra-vinh"])
def test_every_page_of_a_seed_plan_runs_at_most_12_queries(seed, slug, client):
    plan = seed[slug]
    admin = make_user("quantri", "admin")
    staff = make_user("canbo", "staff", plan.province)
    add_reports_and_measurements(list(seed.values()), staff)
    assert plan.stated_totals.exists() and plan.indicators.exists()
    found = all_pages(client, plan, admin, staff)
    over = {
        (user, page): count
        for user, counts in found.items()
        for page, count in counts.items()
        if count > MAX_QUERIES
    }
    assert over == {}


@time_machine.travel("2026-06-15 09:00 +0700", tick=False)
def test_no_page_runs_more_queries_when_the_data_doubles(seed, client):
    plan = seed["quang-tri"]
    admin = make_user("quantri", "admin")
    staff = make_user("canbo", "staff", plan.province)
    add_reports_and_measurements(list(seed.values()), staff)
    before = all_pages(client, plan, admin, staff)
    double(plan, staff)
    assert all_pages(client, plan, admin, staff) == before
