"""Indicator actuals entered by staff, and their achievement on the plan and indicator pages."""

from decimal import Decimal

import pytest
from django.urls import reverse

from indicators.models import Indicator, Measurement
from tests.factories import ProvinceFactory, make_user


@pytest.fixture
def ratio_indicator(seed):
    """Bình Định's "cơ quan có trang thông tin điện tử" style indicator: x of 19 agencies."""
    return Indicator.objects.filter(plan=seed["binh-dinh"], unit="ratio").first()


def test_staff_enter_a_ratio_and_see_its_achievement(client, seed, ratio_indicator):
    province = ratio_indicator.plan.province
    client.force_login(make_user("cb", "staff", province))
    url = reverse("indicator_detail", args=[ratio_indicator.pk])
    response = client.post(
        url, {"reading": "18/19", "date": "31/12/2015", "source": "Báo cáo của Sở TT&TT"}
    )
    assert response.url == url
    measurement = Measurement.objects.get(indicator=ratio_indicator)
    assert (measurement.value, measurement.denominator) == (Decimal(18), Decimal(19))
    page = client.get(url).content.decode()
    assert "Đã ghi số liệu 18/19 ngày 31/12/2015." in page
    assert "Báo cáo của Sở TT&amp;TT" in page
    plan_page = client.get(reverse("plan_detail", args=[ratio_indicator.plan_id])).content
    assert "18/19" in plan_page.decode()


def test_bad_readings_are_refused_with_a_vietnamese_message(client, seed, ratio_indicator):
    client.force_login(make_user("cb", "staff", ratio_indicator.plan.province))
    url = reverse("indicator_detail", args=[ratio_indicator.pk])
    page = client.post(url, {"reading": "mười", "date": "31/12/2015"}).content.decode()
    assert "“mười” không phải là một số hay một tỉ số x/y." in page
    page = client.post(url, {"reading": "5/0", "date": "2015-12-31"}).content.decode()
    assert "mẫu số phải lớn hơn 0" in page and "Enter a valid date" not in page
    assert not Measurement.objects.exists()


def test_leaders_read_and_other_provinces_get_404(client, seed, ratio_indicator):
    url = reverse("indicator_detail", args=[ratio_indicator.pk])
    data = {"reading": "10/19", "date": "31/12/2014"}
    client.force_login(make_user("ld", "leader", ratio_indicator.plan.province))
    assert client.get(url).status_code == 200
    assert client.post(url, data).status_code == 403
    client.force_login(make_user("khac", "staff", ProvinceFactory()))
    assert client.get(url).status_code == 404
    assert not Measurement.objects.exists()
