"""A user's session and account: the idle timeout, signing out, changing and resetting the
password by e-mail (Vietnamese pages and mail)."""

import datetime
import re
import zoneinfo

import pytest
import time_machine
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.urls import reverse

from tests.factories import ProvinceFactory, make_user

START = datetime.datetime(2026, 3, 2, 8, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh"))


@pytest.fixture
def staff(db):
    user = make_user("canbo", "staff", ProvinceFactory())
    user.email = "canbo@stttt.example.vn"
    user.first_name, user.last_name = "An", "Nguyễn Văn"
    user.save()
    return user


PASSWORD = "pw-test-123"  # noqa: S105 - tests.factories.make_user's


def sign_in(client, password=PASSWORD):
    return client.post(reverse("login"), {"username": "canbo", "password": password})


def signed_in(client) -> bool:
    return SESSION_KEY in client.session


# --- idle timeout -------------------------------------------------------------------------------


def test_session_ends_after_thirty_idle_minutes(client, staff):
    with time_machine.travel(START, tick=False) as clock:
        sign_in(client)
        clock.shift(datetime.timedelta(minutes=29))
        assert client.get(reverse("progress_board")).status_code == 200
        clock.shift(datetime.timedelta(minutes=30, seconds=1))  # 30 idle minutes since then
        response = client.get(reverse("progress_board"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert not signed_in(client)


def test_a_user_at_work_stays_signed_in_past_the_idle_time(client, staff):
    with time_machine.travel(START, tick=False) as clock:
        sign_in(client)
        for _ in range(8):  # two hours, a page every quarter of an hour
            clock.shift(datetime.timedelta(minutes=15))
            assert client.get(reverse("progress_board")).status_code == 200
        assert signed_in(client)


def test_idle_minutes_come_from_the_setting(client, staff, settings):
    settings.SESSION_COOKIE_AGE = 10 * 60  # SESSION_IDLE_MINUTES=10
    with time_machine.travel(START, tick=False) as clock:
        sign_in(client)
        clock.shift(datetime.timedelta(minutes=10, seconds=1))
        assert client.get(reverse("progress_board")).status_code == 302


def test_session_cookie_no_longer_lives_fourteen_days(client, staff, settings):
    response = sign_in(client)
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert cookie["max-age"] == ""  # ends with the browser
    assert client.session.get_expiry_age() == 30 * 60


# --- logout ---------------------------------------------------------------------------------------


def test_portal_menu_signs_out_with_a_post_form(client, staff):
    sign_in(client)
    page = client.get(reverse("progress_board")).content.decode()
    form = re.search(r'<form method="post" action="([^"]+)">(.*?)</form>', page, re.S)
    assert form and form[1] == reverse("logout") == "/dang-xuat/"
    assert "csrfmiddlewaretoken" in form[2] and "Đăng xuất" in form[2]
    response = client.post(reverse("logout"))
    assert "Bạn đã đăng xuất khỏi cổng." in response.content.decode()
    assert not signed_in(client)
    assert client.get(reverse("progress_board")).status_code == 302


def test_a_get_does_not_sign_out(client, staff):
    sign_in(client)
    assert client.get(reverse("logout")).status_code == 405
    assert signed_in(client)


# --- password change ------------------------------------------------------------------------------


def test_password_change_in_vietnamese(client, staff):
    sign_in(client)
    page = client.get(reverse("progress_board")).content.decode()
    assert f'href="{reverse("password_change")}"' in page and "Đổi mật khẩu" in page
    response = client.post(
        reverse("password_change"),
        {"old_password": "sai", "new_password1": "Mua-thu-2026", "new_password2": "Mua-thu-2026"},
    )
    assert "Chưa đổi được mật khẩu" in response.content.decode()
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "pw-test-123",
            "new_password1": "Mua-thu-2026",
            "new_password2": "Mua-thu-2026",
        },
        follow=True,
    )
    assert "Mật khẩu của bạn đã được đổi" in response.content.decode()
    assert signed_in(client)  # the session that changed it goes on
    client.post(reverse("logout"))
    assert not signed_in(client)
    sign_in(client, "pw-test-123")
    assert not signed_in(client)
    sign_in(client, "Mua-thu-2026")
    assert signed_in(client)


def test_password_change_needs_a_signed_in_user(client, db):
    response = client.get(reverse("password_change"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


# --- password reset by e-mail ---------------------------------------------------------------------


def test_forgotten_password_is_reset_by_the_link_in_a_vietnamese_email(client, staff, settings):
    settings.SITE_URL = "https://kehoach.example.vn"
    login_page = client.get(reverse("login")).content.decode()
    assert f'href="{reverse("password_reset")}"' in login_page and "Quên mật khẩu?" in login_page

    response = client.post(reverse("password_reset"), {"email": "canbo@stttt.example.vn"})
    assert response.url == reverse("password_reset_done")
    assert "đã được gửi đến đó" in client.get(response.url).content.decode()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["canbo@stttt.example.vn"]
    assert message.subject == "Đặt lại mật khẩu trên Cổng kế hoạch CNTT"
    assert "Kính gửi An Nguyễn Văn," in message.body
    assert "Tên đăng nhập: canbo" in message.body
    link = re.search(r"https://kehoach\.example\.vn(/dat-lai-mat-khau/\S+/\S+/)", message.body)
    assert link, message.body

    response = client.get(link[1], follow=True)  # Django moves the token into the session
    assert "Đặt mật khẩu mới" in response.content.decode()
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url, {"new_password1": "Dong-bang-2026", "new_password2": "Dong-bang-2026"}
    )
    assert response.url == reverse("password_reset_complete")
    assert "Mật khẩu mới của bạn đã được lưu" in client.get(response.url).content.decode()

    sign_in(client, "Dong-bang-2026")
    assert signed_in(client)
    client.post(reverse("logout"))
    # The link works once.
    used = client.get(link[1], follow=True).content.decode()
    assert "Đường dẫn đặt lại mật khẩu không dùng được" in used


def test_reset_for_an_unknown_address_sends_nothing_and_says_the_same(client, staff):
    response = client.post(reverse("password_reset"), {"email": "khong-co@example.vn"})
    assert response.url == reverse("password_reset_done")
    assert mail.outbox == []


def test_reset_link_is_built_from_site_url_not_the_host_header(client, staff, settings):
    settings.SITE_URL = "https://kehoach.example.vn"
    settings.ALLOWED_HOSTS = ["*"]
    client.post(
        reverse("password_reset"), {"email": "canbo@stttt.example.vn"}, HTTP_HOST="evil.example"
    )
    assert "evil.example" not in mail.outbox[0].body
    assert "https://kehoach.example.vn/dat-lai-mat-khau/" in mail.outbox[0].body
