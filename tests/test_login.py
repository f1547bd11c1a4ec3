"""The portal's Vietnamese login page, where each role lands, and throttled failed logins."""

import pytest
from django.urls import reverse

from tests.factories import ProvinceFactory, make_user


@pytest.fixture
def staff(db):
    return make_user("canbo", "staff", ProvinceFactory())


def attempt(client, password):
    return client.post(
        reverse("login"), {"username": "canbo", "password": password}, REMOTE_ADDR="10.0.0.7"
    )


def test_login_page_is_vietnamese_and_staff_land_on_their_work(client, staff):
    page = client.get(reverse("login")).content.decode()
    assert "Tên đăng nhập" in page and "Mật khẩu" in page
    response = attempt(client, "sai-mat-khau")
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()
    response = attempt(client, "pw-test-123")
    assert response.url == reverse("home")
    assert client.get(response.url).url == reverse("progress_board")


def test_repeated_failed_logins_are_throttled(client, staff):
    for _ in range(4):
        assert attempt(client, "sai-mat-khau").status_code == 200
    assert attempt(client, "sai-mat-khau").status_code == 429  # the fifth failure locks
    locked = attempt(client, "pw-test-123")  # even the right password, for 15 minutes
    assert locked.status_code == 429
    assert "Tạm khóa đăng nhập" in locked.content.decode()
    assert "_auth_user_id" not in client.session
