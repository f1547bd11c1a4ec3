"""In a real browser (Debian's Chromium driven by Playwright): the Bạc Liêu staff user logs in
to the Vietnamese admin and sees the 11 Bạc Liêu projects and nothing of other provinces."""

import pytest

from itplan.dataset.seed import FIXTURES, load_demo_users, load_plan, load_provinces
from tests.browser import SCREENSHOTS, login


@pytest.fixture
def seeded(transactional_db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_provinces()
    for path in sorted((FIXTURES / "plans").glob("*.yaml")):
        load_plan(path)
    load_demo_users()


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
