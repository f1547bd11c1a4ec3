"""Every endpoint of the read API for every role: a user reads what the pages show them, and
another province's rows never appear (not in a list, not by id, not in the money)."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from itplan.api import auth
from projects.models import StatusUpdate
from provinces.models import Province
from tests.factories import PlanFactory, ProvinceFactory, make_user, two_provinces

LISTS = {
    "provinces": "province",
    "plans": "plan",
    "projects": "project",
    "indicators": "indicator",
    "progress-reports": "statusupdate",
}


@pytest.fixture
def data(db):
    data = two_provinces()
    # the reports of two_provinces are drafts: approve them, and add a draft that stays hidden
    StatusUpdate.objects.update(state=StatusUpdate.State.APPROVED)
    data["draft"] = StatusUpdate.objects.create(
        project=data["a"]["project"], year=2026, quarter=3, status="in_progress", percent_complete=5
    )
    return data


def bearer(user, **kwargs) -> Client:
    _row, token = auth.issue(user, name="thử", **kwargs)
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


def ids(client, name: str) -> set[int]:
    response = client.get(f"/api/v1/{name}/")
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def expected(data, name: str, keys) -> set[int]:
    return {data[key][LISTS[name]].pk for key in keys}


@pytest.mark.parametrize("name", LISTS)
@pytest.mark.parametrize("role", ["staff", "leader"])
def test_province_users_read_their_province_only(data, role, name):
    client = bearer(data[role])
    assert ids(client, name) == expected(data, name, ["a"])
    other = data["b"][LISTS[name]].pk
    assert client.get(f"/api/v1/{name}/{other}/").status_code == 404
    mine = data["a"][LISTS[name]].pk
    assert client.get(f"/api/v1/{name}/{mine}/").json()["id"] == mine


@pytest.mark.parametrize("name", LISTS)
@pytest.mark.parametrize("role", ["national", "admin"])
def test_national_viewers_and_admins_read_every_province(data, role, name):
    assert ids(bearer(data[role]), name) == expected(data, name, ["a", "b"])


@pytest.mark.parametrize("name", [*LISTS, "money"])
def test_the_session_of_the_portal_reads_as_a_token_does(data, name):
    client = Client()
    client.force_login(data["staff"])
    url = f"/api/v1/{name}/"
    assert client.get(url).json() == bearer(data["staff"]).get(url).json()


def test_drafts_and_reports_waiting_for_review_are_not_in_the_api(data):
    shown = ids(bearer(data["national"]), "progress-reports")
    assert data["draft"].pk not in shown
    assert data["a"]["statusupdate"].pk in shown


@pytest.mark.parametrize(
    "role, keys", [("staff", "a"), ("leader", "a"), ("national", "ab"), ("admin", "ab")]
)
def test_money_holds_the_lines_of_the_users_provinces_only(data, role, keys):
    lines = [data[key]["budgetline"] for key in keys]
    money = bearer(data[role]).get("/api/v1/money/").json()
    assert money["lines"] == len(lines)
    for stage in ("need", "allocated", "disbursed"):
        assert money["total"][stage] == sum(line.amount for line in lines if line.stage == stage)


def test_money_of_another_province_is_refused(data):
    # the other province is not among the staff's choices: refused, as the list's form does
    other = bearer(data["staff"]).get("/api/v1/money/", {"tinh": data["b"]["province"].pk})
    assert other.status_code == 400
    assert "tinh" in other.json()


@pytest.mark.parametrize("name", [*LISTS, "money"])
def test_a_user_without_a_role_reads_nothing(data, name):
    response = bearer(data["norole"]).get(f"/api/v1/{name}/")
    assert response.status_code == 403
    assert response.json()["detail"] == "Tài khoản chưa được giao vai trò trên cổng."


@pytest.mark.parametrize("name", [*LISTS, "money"])
def test_anonymous_gets_401_naming_the_bearer_scheme(data, name):
    response = Client().get(f"/api/v1/{name}/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_revoked_token_is_refused_and_its_row_kept(data):
    row, token = auth.issue(data["staff"], name="bảng điều khiển")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert client.get("/api/v1/projects/").status_code == 200
    auth.revoke(row, by=data["staff"])
    response = client.get("/api/v1/projects/")
    assert response.status_code == 401
    assert response.json()["detail"] == "Khóa API đã bị thu hồi hoặc đã hết hạn."
    row.refresh_from_db()
    assert row.revoked_at is not None


def test_an_expired_token_is_refused(data, fixed_clock):
    client = bearer(data["staff"], expires_at=timezone.now() + datetime.timedelta(days=30))
    assert client.get("/api/v1/plans/").status_code == 200
    fixed_clock.shift(datetime.timedelta(days=31))
    assert client.get("/api/v1/plans/").status_code == 401


def test_an_unknown_token_is_refused(data):
    client = Client(HTTP_AUTHORIZATION="Bearer itp_00000000_khongcokhoanay")
    assert client.get("/api/v1/plans/").status_code == 401


def test_a_token_acts_with_the_role_its_user_has_now(data):
    client = bearer(data["staff"])
    assert ids(client, "plans") == expected(data, "plans", ["a"])
    data["staff"].membership.delete()
    assert client.get("/api/v1/plans/").status_code == 403


def test_a_token_records_when_it_was_last_used(data):
    row, token = auth.issue(data["leader"], name="thử")
    assert row.last_used_at is None
    Client(HTTP_AUTHORIZATION=f"Bearer {token}").get("/api/v1/plans/")
    row.refresh_from_db()
    assert row.last_used_at == timezone.now()


def test_the_api_only_reads(data):
    client = bearer(data["admin"])
    plan = data["a"]["plan"]
    for method in ("post", "put", "patch", "delete"):
        response = getattr(client, method)(
            f"/api/v1/plans/{plan.pk}/", {"title": "đổi"}, content_type="application/json"
        )
        assert response.status_code == 405
    plan.refresh_from_db()
    assert plan.title != "đổi"


def test_errors_come_in_english_when_the_client_asks(data):
    response = Client(HTTP_ACCEPT_LANGUAGE="en").get(reverse("api-project-list"))
    assert response.status_code == 401
    assert response.json()["detail"].startswith("Not authenticated: send an API key")
    vietnamese = Client().get(reverse("api-project-list")).json()["detail"]
    assert vietnamese.startswith("Chưa xác thực: gửi khóa API")


def test_another_provinces_project_is_not_found_in_vietnamese(data):
    other = data["b"]["project"].pk
    response = bearer(data["staff"]).get(f"/api/v1/projects/{other}/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Không tìm thấy, hoặc không thuộc phạm vi bạn được xem."}


def test_a_successors_staff_reads_the_plans_of_the_province_merged_into_it(data):
    merged = data["a"]["province"]
    successor = ProvinceFactory(name="Cà Mau mới")
    Province.objects.filter(pk=merged.pk).update(successor=successor)
    own = PlanFactory(province=successor)
    staff = make_user("canbo.camau", "staff", successor)
    client = bearer(staff)
    assert ids(client, "plans") == {own.pk, data["a"]["plan"].pk}
    assert ids(client, "provinces") == {successor.pk, merged.pk}
    assert ids(client, "projects") == {data["a"]["project"].pk}
