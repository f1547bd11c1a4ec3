"""The national dashboard with the full 2025 map loaded (86 provinces, most without plans): the
same rows as with the five seed provinces only, each naming the old provinces whose plans it
counts, not every province merged into it."""

import pytest
from django.urls import reverse

from provinces.divisions import load_divisions
from tests.pages import login


def rows_of(client):
    login(client, "trunguong")
    response = client.get(reverse("dashboard"))
    return response, {row.province.name: row for row in response.context["provinces"]}


@pytest.mark.parametrize("full_map", [False, True], ids=["seed", "full map"])
def test_national_dashboard_lists_the_same_provinces_with_the_full_map(client, seed, full_map):
    if full_map:
        load_divisions()
    response, rows = rows_of(client)
    assert sorted(rows) == ["Cà Mau", "Gia Lai", "Quảng Trị", "Vĩnh Long", "Đồng Tháp"]
    assert rows["Cà Mau"].predecessors == ["Bạc Liêu"]  # not the old Cà Mau, without plans
    assert rows["Quảng Trị"].predecessors == []  # not Quảng Bình, without plans
    assert rows["Vĩnh Long"].predecessors == ["Trà Vinh"]  # not Bến Tre
    page = response.content.decode()
    assert "(gồm Bạc Liêu)" in page
    assert "(gồm Trà Vinh)" in page
    assert "gồm Quảng Bình" not in page  # (the province filter lists every province)
