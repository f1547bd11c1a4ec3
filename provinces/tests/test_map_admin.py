"""The map in the admin: a province lists the provinces merged into it and its communes' number;
communes are looked up (without diacritics, or by code) and changed by nobody."""

import pytest
from django.urls import reverse

from itplan.dataset.seed import load_provinces
from provinces.divisions import load_divisions
from provinces.models import Commune, Province
from tests.factories import make_user


@pytest.fixture
def users(db):
    load_provinces()
    load_divisions()
    ca_mau = Province.objects.get(slug="ca-mau")
    gia_lai = Province.objects.get(slug="gia-lai")
    return {
        "admin": make_user("quantri", "admin"),
        "staff": make_user("canbo.camau", "staff", ca_mau),
        "leader": make_user("lanhdao.camau", "leader", ca_mau),
        "other staff": make_user("canbo.gialai", "staff", gia_lai),
        "national": make_user("trunguong", "national"),
        "anonymous": None,
    }


def test_the_province_list_names_predecessors_and_counts_communes(client, users):
    client.force_login(users["admin"])
    response = client.get(reverse("admin:provinces_province_changelist"), {"q": "Cà Mau"})
    rows = {str(p): p for p in response.context["cl"].result_list}
    admin = response.context["cl"].model_admin
    ca_mau = rows["Cà Mau"]
    assert admin.predecessor_list(ca_mau) == "Bạc Liêu, Cà Mau"
    assert admin.commune_count(ca_mau) == 64
    page = response.content.decode()
    assert "Bạc Liêu, Cà Mau" in page
    assert ">64<" in page


def test_the_current_provinces_filter_lists_the_34(client, users):
    client.force_login(users["national"])
    url = reverse("admin:provinces_province_changelist")
    assert client.get(url, {"thoi_ky": "hien-hanh"}).context["cl"].result_count == 34
    assert client.get(url, {"thoi_ky": "cu"}).context["cl"].result_count == 63


def test_communes_are_found_without_diacritics_and_by_code(client, users):
    client.force_login(users["national"])
    url = reverse("admin:provinces_commune_changelist")
    found = client.get(url, {"q": "hoan kiem"}).context["cl"].result_list
    assert [c.name for c in found] == ["Phường Hoàn Kiếm"]
    found = client.get(url, {"q": "70"}).context["cl"].result_list
    assert [c.name for c in found] == ["Phường Hoàn Kiếm"]


def test_staff_see_the_communes_of_their_province_only(client, users):
    client.force_login(users["staff"])
    response = client.get(reverse("admin:provinces_commune_changelist"))
    assert response.context["cl"].result_count == 64
    hoan_kiem = Commune.objects.get(code="00070")
    response = client.get(reverse("admin:provinces_commune_change", args=[hoan_kiem.pk]))
    assert response.status_code == 302


ROLES = ["admin", "staff", "leader", "other staff", "national", "anonymous"]


@pytest.mark.parametrize("role", ROLES)
def test_nobody_changes_adds_or_deletes_a_commune_in_the_admin(client, users, role):
    if users[role]:
        client.force_login(users[role])
    commune = Province.objects.get(slug="ca-mau").communes.order_by("code").first()
    before = list(Commune.objects.values().order_by("pk"))
    change = reverse("admin:provinces_commune_change", args=[commune.pk])
    client.post(change, {"name": "Xã Đổi Tên", "kind": "ward", "code": commune.code})
    client.post(reverse("admin:provinces_commune_delete", args=[commune.pk]), {"post": "yes"})
    client.post(
        reverse("admin:provinces_commune_add"),
        {"name": "Xã Mới", "kind": "commune", "code": "99999", "province": commune.province_id},
    )
    assert list(Commune.objects.values().order_by("pk")) == before
    assert client.get(reverse("admin:provinces_commune_add")).status_code in (302, 403)


@pytest.mark.parametrize("role", ROLES)
def test_only_an_administrator_changes_a_province(client, users, role):
    if users[role]:
        client.force_login(users[role])
    ca_mau = Province.objects.get(slug="ca-mau")
    client.post(
        reverse("admin:provinces_province_change", args=[ca_mau.pk]),
        {
            "name": "Cà Mau Mới",
            "kind": "province",
            "code": "96",
            "slug": "ca-mau",
            "valid_from": "01/07/2025",
        },
    )
    ca_mau.refresh_from_db()
    assert ca_mau.name == ("Cà Mau Mới" if role == "admin" else "Cà Mau")
