"""Province scoping in the admin: staff edit only their own province, leaders and national
viewers read, admins manage — on every changelist, object URL, history page and choice list."""

import pytest
from django.urls import reverse

from budgets.models import BudgetLine
from projects.models import Project
from tests.factories import ProvinceFactory, make_user, two_provinces


@pytest.fixture
def world(db):
    return two_provinces()


# (admin URL name prefix, key in world)
MODELS = [
    ("projects_plan", "plan"),
    ("projects_project", "project"),
    ("budgets_budgetline", "budgetline"),
    ("budgets_statedtotal", "statedtotal"),
    ("indicators_indicator", "indicator"),
    ("provinces_agency", "agency"),
    ("provinces_province", "province"),
    ("itplan_appendiximport", "appendiximport"),
    ("projects_statusupdate", "statusupdate"),
]


def changelist_pks(client, name):
    response = client.get(reverse(f"admin:{name}_changelist"))
    assert response.status_code == 200
    return {obj.pk for obj in response.context["cl"].result_list}


@pytest.mark.parametrize(("name", "key"), MODELS)
def test_staff_changelist_shows_own_province_only(client, world, name, key):
    client.force_login(world["staff"])
    assert changelist_pks(client, name) == {world["a"][key].pk}


@pytest.mark.parametrize(("name", "key"), MODELS)
def test_national_viewer_and_admin_see_every_province(client, world, name, key):
    for user in (world["national"], world["admin"]):
        client.force_login(user)
        assert changelist_pks(client, name) == {world["a"][key].pk, world["b"][key].pk}


@pytest.mark.parametrize(("name", "key"), MODELS)
def test_staff_opening_another_province_object_url_is_refused(client, world, name, key):
    client.force_login(world["staff"])
    other = world["b"][key]
    response = client.get(reverse(f"admin:{name}_change", args=[other.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")
    response = client.get(reverse(f"admin:{name}_delete", args=[other.pk]))
    assert response.status_code in (302, 403)  # 403: staff never delete provinces
    response = client.post(reverse(f"admin:{name}_delete", args=[other.pk]), {"post": "yes"})
    assert type(other).objects.filter(pk=other.pk).exists()


@pytest.mark.parametrize(
    ("name", "key"),
    [m for m in MODELS if m[1] not in ("agency", "province", "appendiximport")],
)
def test_staff_opening_another_province_history_gets_404(client, world, name, key):
    client.force_login(world["staff"])
    response = client.get(reverse(f"admin:{name}_history", args=[world["b"][key].pk]))
    assert response.status_code == 404
    response = client.get(reverse(f"admin:{name}_history", args=[world["a"][key].pk]))
    assert response.status_code == 200


def test_history_of_a_deleted_object_of_another_province_gets_404(client, world):
    project = world["b"]["project"]
    pk = project.pk
    project.delete()
    client.force_login(world["staff"])
    assert client.get(reverse("admin:projects_project_history", args=[pk])).status_code == 404


def test_staff_edits_own_project_and_history_records_who(client, world):
    client.force_login(world["staff"])
    project = world["a"]["project"]
    url = reverse("admin:projects_project_change", args=[project.pk])
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(
        {
            "plan": project.plan_id,
            "group": project.group_id,
            "lead_agency": project.lead_agency_id,
            "partner_agencies": [],
            "status": "in_progress",
            "estimate": "3,4 tỷ",
            "budget_lines-TOTAL_FORMS": "1",
            "budget_lines-INITIAL_FORMS": "1",
            "budget_lines-0-id": world["a"]["budgetline"].pk,
            "budget_lines-0-project": project.pk,
            "budget_lines-0-year": "2022",
            "budget_lines-0-source": "central",
            "budget_lines-0-capital_type": "investment",
            "budget_lines-0-stage": "need",
            "budget_lines-0-amount": "500 triệu",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    project.refresh_from_db()
    # the official status is read-only to staff: only an approved progress report sets it
    assert project.status == "not_started"
    assert project.estimate == 3_400_000_000
    assert BudgetLine.objects.get(project=project).amount == 500_000_000
    assert project.history.first().history_user == world["staff"]


def test_staff_cannot_move_a_project_into_another_province_plan(client, world):
    client.force_login(world["staff"])
    response = client.post(
        reverse("admin:projects_project_add"),
        {
            "plan": world["b"]["plan"].pk,
            "name": "Dự án lạc tỉnh",
            "status": "not_started",
            "order": 0,
            "budget_lines-TOTAL_FORMS": "0",
            "budget_lines-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "plan" in response.context["adminform"].form.errors
    assert not Project.objects.filter(name="Dự án lạc tỉnh").exists()


def test_choice_lists_offer_only_the_users_province(client, world):
    client.force_login(world["staff"])
    form = client.get(reverse("admin:projects_project_add")).context["adminform"].form
    assert set(form.fields["plan"].queryset) == {world["a"]["plan"]}
    assert set(form.fields["lead_agency"].queryset) == {world["a"]["agency"]}
    assert world["b"]["plan"].province.name not in str(form["group"])
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "projects", "model_name": "project", "field_name": "lead_agency"},
    )
    names = {item["text"] for item in response.json()["results"]}
    assert names == {world["a"]["agency"].name}


def test_leader_reads_but_cannot_change(client, world):
    client.force_login(world["leader"])
    project = world["a"]["project"]
    assert changelist_pks(client, "projects_project") == {project.pk}
    url = reverse("admin:projects_project_change", args=[project.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert response.context["has_change_permission"] is False
    assert client.post(url, {"name": "Sửa trái phép"}).status_code == 403
    assert client.get(reverse("admin:projects_project_add")).status_code == 403
    project.refresh_from_db()
    assert project.name != "Sửa trái phép"


def test_national_viewer_cannot_change(client, world):
    client.force_login(world["national"])
    url = reverse("admin:projects_plan_change", args=[world["b"]["plan"].pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"title": "x"}).status_code == 403


def test_user_without_role_sees_no_data(client, world):
    client.force_login(world["norole"])
    assert client.get(reverse("admin:projects_project_changelist")).status_code == 403
    assert "Một cửa" not in client.get(reverse("admin:index")).content.decode()


def test_anonymous_is_sent_to_login(client, world):
    response = client.get(reverse("admin:projects_project_changelist"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_only_admins_manage_users_and_provinces(client, world):
    client.force_login(world["staff"])
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
    for user in (world["staff"], world["leader"], world["national"]):
        client.force_login(user)
        periods = reverse("admin:projects_reportingperiod_changelist")
        assert client.get(periods).status_code == 403  # deadlines are set by administrators
    client.force_login(world["staff"])
    province = world["a"]["province"]
    url = reverse("admin:provinces_province_change", args=[province.pk])
    assert client.post(url, {"name": "Đổi tên"}).status_code == 403
    client.force_login(world["admin"])
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 200
    assert client.get(reverse("admin:projects_reportingperiod_changelist")).status_code == 200


def test_staff_of_merged_province_sees_predecessor_plans(client, world):
    successor = ProvinceFactory(name="Cà Mau")
    world["a"]["province"].successor = successor
    world["a"]["province"].save()
    user = make_user("canbo.camau", "staff", successor)
    client.force_login(user)
    assert changelist_pks(client, "projects_project") == {world["a"]["project"].pk}


def test_search_ignores_diacritics(client, world):
    client.force_login(world["admin"])
    response = client.get(reverse("admin:projects_project_changelist"), {"q": "mot cua dien tu"})
    found = {p.pk for p in response.context["cl"].result_list}
    assert found == {world["a"]["project"].pk, world["b"]["project"].pk}
    response = client.get(reverse("admin:projects_project_changelist"), {"q": "MỘT CỬA bạc liêu"})
    assert {p.pk for p in response.context["cl"].result_list} == {world["a"]["project"].pk}
