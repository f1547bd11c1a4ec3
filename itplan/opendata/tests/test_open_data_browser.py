"""In Chromium: the Bạc Liêu leader opens the plan page, clicks "Dữ liệu mở (CSV)" and gets the
plan's package, a zip that validates."""

import frictionless
import pytest

from itplan.dataset.seed import FIXTURES, load_demo_users, load_plan, load_provinces
from tests.browser import SCREENSHOTS, login


@pytest.fixture
def seeded(transactional_db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_provinces()
    plan = load_plan(FIXTURES / "plans" / "bac-lieu-2213-2011.yaml")
    load_demo_users()
    return plan


def test_leader_downloads_the_plans_open_data_from_its_page(browser, live_server, seeded, tmp_path):
    page = browser.new_page(locale="vi-VN", viewport={"width": 1400, "height": 1000})
    login(page, live_server, "lanhdao.baclieu")
    page.goto(f"{live_server.url}/ke-hoach/{seeded.pk}/")
    link = page.get_by_role("link", name="Dữ liệu mở (CSV)")
    assert link.is_visible()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "plan-open-data.png"))
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "du-lieu-mo-ke-hoach-cntt-bac-lieu-2213-qd-ubnd.zip"
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert frictionless.validate(str(saved)).valid
