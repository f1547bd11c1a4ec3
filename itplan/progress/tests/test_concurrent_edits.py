"""Two people editing the same report or project: the second save is refused with what the
first changed, never a silent overwrite."""

import pytest
from django.urls import reverse

from itplan.progress.forms import StatusUpdateForm
from projects.models import Project, StatusUpdate
from projects.versioning import StaleEdit
from tests.factories import PlanFactory, ProjectFactory, ProvinceFactory, make_user


@pytest.fixture
def setting(db):
    province = ProvinceFactory()
    project = ProjectFactory(plan=PlanFactory(province=province))
    return {
        "project": project,
        "an": make_user("an", "staff", province),
        "binh": make_user("binh", "staff", province),
    }


def report_data(**changes):
    return {
        "year": 2026,
        "quarter": 4,
        "status": "in_progress",
        "percent_complete": 30,
        "results": "",
        "difficulties": "",
        "proposals": "",
        "action": "draft",
        "version_seen": 0,
    } | changes


def test_second_report_save_is_refused_with_the_first_ones_values(client, setting):
    update = StatusUpdate.objects.create(
        project=setting["project"],
        year=2026,
        quarter=4,
        status="in_progress",
        percent_complete=30,
        author=setting["an"],
    )
    url = reverse("report_detail", args=[update.pk])
    client.force_login(setting["an"])
    client.post(url, report_data(percent_complete=50))  # opened at version 0, saved first
    client.force_login(setting["binh"])
    response = client.post(url, report_data(percent_complete=40))  # also opened at version 0
    page = response.content.decode()
    assert response.status_code == 200
    assert "Người khác (an) đã lưu thay đổi sau khi bạn mở trang này" in page
    assert "% hoàn thành: “50”" in page
    update.refresh_from_db()
    assert update.percent_complete == 50


def test_racing_saves_are_caught_by_the_database_too(setting):
    first = Project.objects.get(pk=setting["project"].pk)
    second = Project.objects.get(pk=setting["project"].pk)
    first.name = "Cổng dịch vụ công (sửa lần 1)"
    first.save()
    second.name = "Cổng dịch vụ công (sửa lần 2)"
    with pytest.raises(StaleEdit):
        second.save()
    assert Project.objects.get(pk=first.pk).name == "Cổng dịch vụ công (sửa lần 1)"


def test_admin_project_form_refuses_a_stale_save(client, setting):
    project = setting["project"]
    url = reverse("admin:projects_project_change", args=[project.pk])
    client.force_login(setting["an"])
    form = client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(
        {
            "plan": project.plan_id,
            "group": project.group_id or "",
            "lead_agency": project.lead_agency_id or "",
            "partner_agencies": [],
            "estimate": "",
            "budget_lines-TOTAL_FORMS": 0,
            "budget_lines-INITIAL_FORMS": 0,
            "version_seen": 0,
            "name": "Tên do An sửa",
        }
    )
    assert client.post(url, data).status_code == 302
    client.force_login(setting["binh"])
    data["name"] = "Tên do Bình sửa"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Người khác (an) đã lưu thay đổi" in response.content.decode()
    assert Project.objects.get(pk=project.pk).name == "Tên do An sửa"


def test_a_race_after_the_form_check_is_reported_not_an_error_page(client, setting, monkeypatch):
    update = StatusUpdate.objects.create(
        project=setting["project"],
        year=2026,
        quarter=4,
        status="in_progress",
        percent_complete=30,
        author=setting["an"],
    )
    url = reverse("report_detail", args=[update.pk])
    real_clean = StatusUpdateForm.clean

    def clean_then_lose_the_race(form):
        cleaned = real_clean(form)
        StatusUpdate.objects.filter(pk=update.pk).update(version=5)  # someone saved meanwhile
        return cleaned

    monkeypatch.setattr(StatusUpdateForm, "clean", clean_then_lose_the_race)
    client.force_login(setting["binh"])
    response = client.post(url, report_data(percent_complete=40), follow=True)
    assert "Người khác vừa lưu cùng lúc với bạn" in response.content.decode()
    update.refresh_from_db()
    assert update.percent_complete == 30
