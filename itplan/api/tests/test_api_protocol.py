"""How the API answers, whatever the data: a valid OpenAPI 3 schema, ETags and 304, cursor
pages that walk every row once, 429 past the rate limit, and a query count that does not grow
with the rows of a page."""

import pytest
import yaml
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from openapi_spec_validator import validate
from rest_framework.throttling import UserRateThrottle

from indicators.models import Indicator
from itplan.api import auth
from projects.models import StatusUpdate
from provinces.models import Province
from tests.factories import (
    IndicatorFactory,
    ProjectFactory,
    ProvinceFactory,
    make_user,
    two_provinces,
)


@pytest.fixture
def national(db):
    data = two_provinces()
    _row, token = auth.issue(data["national"], name="thử")
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}"), data


def test_the_schema_is_valid_openapi_and_names_every_endpoint(db):
    response = Client().get("/api/v1/schema/")
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    validate(schema)
    assert set(schema["paths"]) >= {
        "/api/v1/provinces/",
        "/api/v1/plans/",
        "/api/v1/projects/",
        "/api/v1/money/",
        "/api/v1/indicators/",
        "/api/v1/progress-reports/",
    }
    assert schema["components"]["securitySchemes"]["khoaApi"]["scheme"] == "bearer"
    money = {p["name"] for p in schema["paths"]["/api/v1/money/"]["get"]["parameters"]}
    assert {"tinh", "ke_hoach", "nam", "nguon", "loai_von", "giai_doan"} <= money


@pytest.mark.django_db(transaction=True)  # the data version changes when a write commits
def test_a_current_copy_gets_304_and_a_write_changes_the_etag(national):
    client, data = national
    first = client.get("/api/v1/projects/")
    etag = first["ETag"]
    again = client.get("/api/v1/projects/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    project = data["a"]["project"]
    project.name = "Tên mới"
    project.save()
    changed = client.get("/api/v1/projects/", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert "Tên mới" in {row["name"] for row in changed.json()["results"]}


def test_the_etag_differs_between_users_of_different_scope(national):
    client, data = national
    _row, token = auth.issue(data["staff"], name="thử")
    staff = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    etag = client.get("/api/v1/plans/")["ETag"]
    assert staff.get("/api/v1/plans/", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_cursor_pages_walk_every_row_once(national):
    client, data = national
    for n in range(23):
        ProjectFactory(plan=data["a"]["plan"], name=f"Dự án {n}")
    seen, url, pages = [], "/api/v1/projects/?limit=5", 0
    while url:
        body = client.get(url).json()
        seen += [row["id"] for row in body["results"]]
        url, pages = body["next"], pages + 1
    assert pages == 5
    assert len(seen) == len(set(seen)) == 25


def test_past_the_rate_limit_the_api_answers_429_in_vietnamese(national, settings):
    client, _data = national
    rates = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
    cache.clear()
    old = UserRateThrottle.THROTTLE_RATES
    UserRateThrottle.THROTTLE_RATES = {**rates, "user": "3/minute"}
    try:
        codes = [client.get("/api/v1/plans/").status_code for _ in range(4)]
        refused = client.get("/api/v1/plans/")
    finally:
        UserRateThrottle.THROTTLE_RATES = old
    assert codes == [200, 200, 200, 429]
    assert refused.status_code == 429
    assert refused.json()["detail"].startswith("Quá nhiều yêu cầu: hãy thử lại sau")
    assert int(refused["Retry-After"]) > 0


@pytest.mark.parametrize(
    "url", ["/api/v1/projects/", "/api/v1/indicators/", "/api/v1/progress-reports/"]
)
def test_a_page_costs_the_same_queries_for_1_or_21_rows(national, url, django_assert_num_queries):
    client, data = national
    StatusUpdate.objects.update(state="approved")
    client.get(url)  # warm: the data version, the membership
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    few = len(few)  # now: the next request clears the connection's log
    plan = data["a"]["plan"]
    for n in range(20):
        project = ProjectFactory(plan=plan, name=f"Thêm {n}")
        IndicatorFactory(plan=plan)
        StatusUpdate.objects.create(
            project=project,
            year=2026,
            quarter=3,
            status="in_progress",
            percent_complete=10,
            state="approved",
        )
    assert Indicator.objects.count() >= 21
    client.get(url)
    assert few <= 10
    with django_assert_num_queries(few):
        assert len(client.get(url).json()["results"]) >= 21


def test_provinces_name_their_predecessors_and_successor(db, django_assert_num_queries):
    new = ProvinceFactory(name="Cà Mau mới")
    old = ProvinceFactory(name="Bạc Liêu cũ")
    Province.objects.filter(pk=old.pk).update(successor=new)
    user = make_user("tw", "national")
    _row, token = auth.issue(user, name="thử")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    rows = {row["id"]: row for row in client.get("/api/v1/provinces/").json()["results"]}
    assert rows[new.pk]["predecessors"] == [old.pk]
    assert rows[old.pk]["successor"] == new.pk
