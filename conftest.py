import os
from pathlib import Path

import pytest
import time_machine

from itplan.dataset.seed import FIXTURES, load_demo_users, load_plan, load_provinces
from projects.models import Plan
from tests.browser import CHROMIUM, LAUNCH_ARGS
from tests.factories import PlanFactory, ProjectFactory, ProvinceFactory, make_user

# The moment every test runs at: a working morning of the fourth quarter of 2026, when the suite
# was written (its tests take the third quarter as past, its deadline of 15/10/2026 as gone). The
# current period, the report deadlines, "Khôi phục được đến", session ages, purge ages and the
# indicators' elapsed share all follow the clock, so a test must not follow the real one.
NOW = "2026-11-25 09:00 +0700"


@pytest.fixture(autouse=True)
def fixed_clock(request):
    """Every test runs at ``NOW`` with the clock stopped, so it passes the same on any day; a
    test moves it with ``fixed_clock.shift(...)`` or its own ``time_machine.travel``.

    Not for the tests that drive Chromium against the live server (``live_server``), nor those
    marked ``real_clock``: the browser keeps the real time, and would drop a session cookie whose
    expiry the server computed from a stopped clock months in the past; those tests read no date.
    """
    if "live_server" in request.fixturenames or request.node.get_closest_marker("real_clock"):
        yield None
        return
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def seed(db):
    """The five seed plans, their provinces and the demo users, as `make run` loads them."""
    load_provinces()
    plans = {}
    for path in sorted((FIXTURES / "plans").glob("*.yaml")):
        plan = load_plan(path)
        plans[plan.province.slug] = plan
    load_demo_users()
    return plans


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Uploads (appendix files) go to a temporary folder, not the work tree's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def empty_plan(seed):
    """A Bạc Liêu plan without projects, to import into."""
    source = seed["bac-lieu"]
    return Plan.objects.create(
        province=source.province,
        kind=source.kind,
        document_number="99/KH-UBND",
        issue_date=source.issue_date,
        title="Kế hoạch thử",
        start_year=2011,
        end_year=2015,
    )


@pytest.fixture
def browser():
    """Debian's Chromium under Playwright; the test is skipped, saying why, where it is absent
    (a laptop); .ci/run installs it, so CI always runs these tests."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium không có trên máy này (apt-get install chromium); .ci/run cài nó.")
    sync_api = pytest.importorskip("playwright.sync_api")
    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls are
    # synchronous all the same.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield browser
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def world(db):
    """Two provinces, each with a project, a staff user and a leader; and a national viewer."""
    data = {}
    for key in ("a", "b"):
        province = ProvinceFactory()
        data[key] = ProjectFactory(plan=PlanFactory(province=province))
        data[f"staff_{key}"] = make_user(f"canbo.{key}", "staff", province)
        data[f"leader_{key}"] = make_user(f"lanhdao.{key}", "leader", province)
    data["national"] = make_user("trunguong", "national")
    return data
