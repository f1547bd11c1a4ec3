"""The dashboards and lists are served from the cache (itplan.pagecache) until the data changes:
a leader sees a write as soon as it is committed, and never another scope's page.

These tests commit (transactional database): inside a test transaction that wrote, the portal
computes every page afresh and caches nothing, so the other tests do not see the cache at all."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from budgets.models import BudgetLine
from projects.models import Project
from tests.appendix import FILES, SEED_CASES, empty_copy, import_file
from tests.pages import enter_disbursement, login, text_of

pytestmark = pytest.mark.django_db(transaction=True)
TRIEU = 10**6


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()  # the cache table outlives the flush between transactional tests
    yield
    cache.clear()


def get(client, name="dashboard", **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(name), params)
    assert response.status_code == 200
    return response, len(queries)


def main(response) -> str:
    """The page without its header (whose CSRF token changes on every response)."""
    page = response.content.decode()
    return page[page.index("<main>") : page.index("</main>")]


@pytest.mark.parametrize("name", ["dashboard", "project_list", "budget_list", "indicator_list"])
def test_a_second_visit_is_the_same_page_from_the_cache(client, seed, name):
    login(client, "lanhdao.baclieu")
    first, computed = get(client, name)
    second, cached = get(client, name)
    assert main(second) == main(first)
    # the session, the user, the role, the province's predecessors, the data version, the page
    assert cached <= 6 < computed


def test_the_same_filter_in_another_order_is_the_same_page(client, seed):
    login(client, "trunguong")
    get(client, nam=2014, nguon="central")
    _response, queries = get(client, nguon="central", nam=2014)
    assert queries <= 5


def test_a_budget_line_saved_shows_at_once(client, seed):
    login(client, "lanhdao.baclieu")
    assert text_of(get(client)[0], "need") == "32.200"
    line = BudgetLine.objects.filter(
        project__plan=seed["bac-lieu"], stage="need", amount__gte=TRIEU
    ).first()
    line.amount += 1_000 * TRIEU
    line.save()
    assert text_of(get(client)[0], "need") == "33.200"
    line.delete()
    left = (33_200 * TRIEU - line.amount) // TRIEU
    assert text_of(get(client)[0], "need") == f"{left:,}".replace(",", ".")


def test_money_entered_by_staff_reaches_the_leaders_cached_dashboard(client, seed):
    plan = seed["bac-lieu"]
    login(client, "lanhdao.baclieu")
    assert text_of(get(client)[0], "allocated") == "0 · 0"
    assert enter_disbursement(client, plan).status_code == 302
    login(client, "lanhdao.baclieu")
    assert text_of(get(client)[0], "allocated") == "0 · 1.250"


def test_a_status_change_moves_the_project_lists_count(client, seed):
    login(client, "lanhdao.baclieu")
    response, _ = get(client, "project_list", tinh_trang="completed")
    assert text_of(response, "count") == "0 dự án"
    project = seed["bac-lieu"].projects.first()
    project.status = Project.Status.COMPLETED
    project.save()
    response, _ = get(client, "project_list", tinh_trang="completed")
    assert text_of(response, "count") == "1 dự án"


def test_an_appendix_import_shows_at_once(client, seed):
    """The import writes with bulk_create (no signals) and marks the data changed itself."""
    login(client, "lanhdao.travinh")
    before = text_of(get(client)[0], "need")
    target = empty_copy(seed["tra-vinh"])
    file_name, sheets, defaults = SEED_CASES["tra-vinh"]
    for sheet in sheets:
        import_file(FILES / file_name, target, sheet=sheet, **defaults)
    after = text_of(get(client)[0], "need")
    assert int(after.replace(".", "")) == 2 * int(before.replace(".", ""))


def test_pages_are_not_shared_between_scopes(client, seed):
    """The national page, Bạc Liêu's and Trà Vinh's are cached side by side; each user gets
    their own, also by typing another province's filter."""
    pages = {}
    for username in ("trunguong", "lanhdao.baclieu", "lanhdao.travinh"):
        login(client, username)
        get(client)
        pages[username] = text_of(get(client)[0], "need")
    assert pages["lanhdao.baclieu"] == "32.200"
    assert len(set(pages.values())) == 3
    tra_vinh = seed["tra-vinh"].province.pk
    login(client, "trunguong")
    national_view_of_tra_vinh = text_of(get(client, tinh=tra_vinh)[0], "need")
    assert national_view_of_tra_vinh == pages["lanhdao.travinh"]
    login(client, "lanhdao.baclieu")
    response, _ = get(client, tinh=tra_vinh)
    assert text_of(response, "need") == "32.200"  # their own province, with a form error
    assert "errorlist" in response.content.decode()
