"""The language switch in a real browser: a leader clicks "English" in the menu and reads the
dashboard in English, then "Tiếng Việt" brings Vietnamese back (a screenshot of the English
dashboard is left in tests/screenshots/)."""

from playwright.sync_api import expect

from tests.browser import SCREENSHOTS, login


def test_english_in_the_menu_turns_the_dashboard_english_and_back(browser, live_server, seed):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(locale="vi-VN", viewport={"width": 1366, "height": 768})
    login(page, live_server, "lanhdao.baclieu")
    page.goto(f"{live_server.url}/tong-quan/")
    expect(page.locator("h1")).to_contain_text("Tổng quan kế hoạch ứng dụng CNTT")

    page.get_by_role("button", name="English").click()
    expect(page.locator("h1")).to_contain_text("IT application plans overview")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator(".cards")).to_contain_text("Total funding need")
    expect(page.locator("header.top nav")).to_contain_text("Progress updates")
    expect(page.locator("header.top nav")).to_contain_text("Plans")
    expect(page.locator(".cards")).to_contain_text("Indicators")
    expect(page.locator("main thead").last).to_contain_text("Target")
    expect(page.locator("figcaption").first).to_contain_text("Funding by year")
    page.screenshot(path=SCREENSHOTS / "dashboard-english.png", full_page=True)

    page.get_by_role("button", name="Tiếng Việt").click()
    expect(page.locator("h1")).to_contain_text("Tổng quan kế hoạch ứng dụng CNTT")
    expect(page.locator(".cards")).to_contain_text("Tổng nhu cầu vốn")
    page.close()
