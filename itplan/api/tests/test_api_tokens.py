"""The "Khóa API" page: a user makes a token (shown once), sees it listed by name and prefix,
and revokes it; only with a POST and the CSRF token, only their own."""

import pytest
from django.test import Client
from django.urls import reverse

from itplan.models import ApiToken
from tests.factories import make_user


@pytest.fixture
def staff(db):
    from tests.factories import ProvinceFactory

    user = make_user("canbo.x", "staff", ProvinceFactory())
    client = Client()
    client.force_login(user)
    return user, client


def test_a_new_token_is_shown_once_stored_hashed_and_opens_the_api(staff):
    user, client = staff
    page = client.post(reverse("api_tokens"), {"name": "Bảng điều khiển Bộ", "lifetime": "90"})
    assert page.status_code == 200
    assert page["Cache-Control"] == "no-store, private"
    secret = page.context["secret"]
    assert secret.startswith("itp_") and secret in page.content.decode()
    row = ApiToken.objects.get(user=user)
    assert row.name == "Bảng điều khiển Bộ"
    assert secret.startswith(row.prefix)
    assert secret not in (row.digest, row.prefix) and len(row.digest) == 64
    assert (row.expires_at - row.created_at).days == 90
    again = client.get(reverse("api_tokens")).content.decode()
    assert secret not in again and row.prefix in again and "Bảng điều khiển Bộ" in again
    api = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert api.get("/api/v1/plans/").status_code == 200


def test_revoking_keeps_the_row_and_closes_the_api(staff):
    user, client = staff
    secret = client.post(reverse("api_tokens"), {"name": "thử"}).context["secret"]
    row = ApiToken.objects.get(user=user)
    response = client.post(reverse("api_token_revoke", args=[row.pk]))
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.revoked_at is not None
    assert "Đã thu hồi" in client.get(reverse("api_tokens")).content.decode()
    assert Client(HTTP_AUTHORIZATION=f"Bearer {secret}").get("/api/v1/plans/").status_code == 401


def test_another_users_token_cannot_be_revoked_nor_seen(staff):
    user, client = staff
    other = make_user("canbo.y", "leader", user.membership.province)
    theirs = ApiToken.objects.create(user=other, name="của người khác", prefix="itp_x", digest="0")
    assert "của người khác" not in client.get(reverse("api_tokens")).content.decode()
    assert client.post(reverse("api_token_revoke", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.revoked_at is None


def test_get_changes_nothing_and_the_forms_need_csrf(staff):
    user, _client = staff
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert client.get(reverse("api_tokens"), {"name": "x"}).status_code == 200
    assert client.post(reverse("api_tokens"), {"name": "x"}).status_code == 403
    assert not ApiToken.objects.exists()
    row = ApiToken.objects.create(user=user, name="thử", prefix="itp_y", digest="1")
    assert client.get(reverse("api_token_revoke", args=[row.pk])).status_code == 405
    assert client.post(reverse("api_token_revoke", args=[row.pk])).status_code == 403
    row.refresh_from_db()
    assert row.revoked_at is None


def test_the_page_needs_a_login_and_is_in_the_user_menu(staff):
    assert Client().get(reverse("api_tokens")).status_code == 302
    _user, client = staff
    assert reverse("api_tokens") in client.get(reverse("password_change")).content.decode()
