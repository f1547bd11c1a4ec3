"""In a real browser (Debian's Chromium driven by Playwright): the Bạc Liêu staff user logs in
to the Vietnamese admin and sees the 11 Bạc Liêu projects and nothing of other provinces."""

import os
import shutil
from pathlib import Path

import pytest

from itplan.seed import FIXTURES, load_demo_users, load_plan, load_provinces

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Screenshots for a person to look at; CI keeps them in the work tree (ignored by git).
SCREENSHOTS = Path(os.environ.get("SCREENSHOT_DIR", Path(__file__).parent / "screenshots"))

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(),
    reason="Chromium không có trên máy này (apt-get install chromium); .ci/run cài nó.",
)


@pytest.fixture
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls are
    # synchronous all the same.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
            ],
        )
        yield browser
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def seeded(transactional_db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_provinces()
    for path in sorted((FIXTURES / "plans").glob("*.yaml")):
        load_plan(path)
    load_demo_users()


def login(page, live_server, username):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "itplan-demo")
    page.click("input[type=submit]")


def test_bac_lieu_staff_sees_the_eleven_bac_lieu_projects_only(browser, live_server, seeded):
    page = browser.new_page(locale="vi-VN", viewport={"width": 1400, "height": 1000})
    login(page, live_server, "canbo.baclieu")
    page.goto(f"{live_server.url}/admin/projects/project/")
    rows = page.locator("#result_list tbody tr")
    assert rows.count() == 11
    text = page.inner_text("body")
    assert "11 dự án, nhiệm vụ" in text
    assert "Xây dựng hệ thống hội nghị giao ban trực tuyến" in text
    assert "Trà Vinh" not in text and "Tiền Giang" not in text
    # Money in triệu đồng with Vietnamese separators: project 4 is 11 tỷ.
    assert "11.000" in text
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "bac-lieu-projects.png"), full_page=True)

    page.goto(f"{live_server.url}/admin/projects/plan/")
    page.click("#result_list a:has-text('2213/QĐ-UBND')")
    page.wait_for_selector("table.reconciliation")
    page_text = page.inner_text("body")
    assert "Tổng nhu cầu vốn tính từ các dòng: 32.200 triệu đồng" in page_text
    page.screenshot(path=str(SCREENSHOTS / "bac-lieu-plan.png"), full_page=True)
