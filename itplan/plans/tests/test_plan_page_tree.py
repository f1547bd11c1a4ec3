"""The plan page shows an appendix's groups as a tree (issue 17): each group's title once, above
the groups inside it, indented by its depth; in at most 12 queries, however many groups."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from itplan.appendix import apply
from tests.factories import PlanFactory, make_user
from tests.typed_appendix import preview_of, project

pytestmark = pytest.mark.usefixtures("no_page_cache")


@pytest.fixture
def no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


def nested(outer: int) -> list:
    """``outer`` groups A, B…, each with I and II inside, a project in each."""
    rows = []
    for a in range(outer):
        rows.append(["ABCDEFGH"[a], f"Nhóm lớn {a + 1}", None, None, None, 300])
        for roman, amount in (("I", 100), ("II", 200)):
            rows.append([roman, f"Nhóm {roman} của {a + 1}", None, None, None, amount])
            rows.append(project("1", f"Dự án {roman} của nhóm {a + 1}", None, amount))
    return rows


def group_rows(page: str) -> list[tuple[str, str]]:
    return re.findall(r'<tr class="group"><td>([^<]*)</td><td colspan="5"([^>]*)>', page)


def test_the_plan_page_shows_the_tree_in_at_most_12_queries_whatever_its_size(client, db):
    plan = PlanFactory(start_year=2026, end_year=2030)
    apply(preview_of(nested(1), plan), plan)
    client.force_login(make_user("cb", "staff", plan.province))
    url = reverse("plan_detail", args=[plan.pk])
    with CaptureQueriesContext(connection) as one:
        page = client.get(url).content.decode()
    assert group_rows(page) == [
        ("A", ""),
        ("I", ' style="padding-left: 1.5em"'),
        ("II", ' style="padding-left: 1.5em"'),
    ]
    assert "Dự án II của nhóm 1" in page

    bigger = PlanFactory(province=plan.province, start_year=2026, end_year=2030)
    apply(preview_of(nested(6), bigger), bigger)
    with CaptureQueriesContext(connection) as six:
        page = client.get(reverse("plan_detail", args=[bigger.pk])).content.decode()
    assert [ref for ref, _style in group_rows(page)] == ["A", "I", "II", "B", "I", "II"] + [
        "C",
        "I",
        "II",
        "D",
        "I",
        "II",
        "E",
        "I",
        "II",
        "F",
        "I",
        "II",
    ]
    assert len(six) == len(one) <= 12
