"""Indicators in the API carry the achievement the indicator list shows
(``indicators.achievement.as_of``), today or on the date asked for."""

import datetime

import pytest
from django.test import Client

from indicators.models import Measurement
from itplan.api import auth
from tests.factories import IndicatorFactory, make_user


@pytest.fixture
def api(db):
    _row, token = auth.issue(make_user("tw", "national"), name="thử")
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


def test_achievement_follows_the_latest_measurement_on_or_before_the_date(api):
    # baseline 15 % in 2020, target 100 % in 2025 (the factory's)
    indicator = IndicatorFactory()
    Measurement.objects.create(indicator=indicator, date=datetime.date(2023, 6, 30), value=50)
    Measurement.objects.create(indicator=indicator, date=datetime.date(2025, 12, 31), value=100)
    today = api.get(f"/api/v1/indicators/{indicator.pk}/").json()
    assert (today["baseline"], today["target"], today["target_year"]) == (15, 100, 2025)
    assert today["actual"] == 100
    assert today["progress"] == 1
    assert (today["achievement"], today["achievement_label"]) == ("on_track", "Đúng tiến độ")
    earlier = api.get("/api/v1/indicators/", {"ngay": "2024-01-01"}).json()["results"][0]
    assert earlier["actual"] == 50
    assert earlier["progress"] == pytest.approx(35 / 85)
    assert earlier["achievement"] != "on_track"


def test_a_date_that_is_not_one_is_a_400(api):
    response = api.get("/api/v1/indicators/", {"ngay": "31/12/2024"})
    assert response.status_code == 400
    assert response.json() == {"ngay": ["Ngày không hợp lệ, cần dạng YYYY-MM-DD."]}


def test_head_answers_like_get_without_a_body(api):
    IndicatorFactory()
    head = api.head("/api/v1/indicators/")
    assert head.status_code == 200 and head.content == b""
    assert head["ETag"] == api.get("/api/v1/indicators/")["ETag"]
