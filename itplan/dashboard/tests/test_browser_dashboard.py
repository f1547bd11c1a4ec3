"""The dashboards in a real browser (Debian's Chromium under Playwright): the charts draw, a click
on a bar opens the list behind it, the pages fit a 1366×768 screen and a 390-px phone, and a
screenshot of each is left in tests/screenshots/ for a person to look at."""

import pytest
from playwright.sync_api import expect

from tests.browser import SCREENSHOTS, login

DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}


def charts_drawn(page) -> list[str]:
    return page.evaluate(
        "Array.from(document.querySelectorAll('canvas[data-chart]'))"
        ".filter(c => window.Chart && Chart.getChart(c)).map(c => c.dataset.chart)"
    )


def overflow(page) -> int:
    """How far the page is wider than the screen (0 when it fits)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


@pytest.mark.parametrize(
    ("username", "charts", "name"),
    [
        ("lanhdao.baclieu", {"money_by_year", "money_by_source", "status", "agencies"}, "province"),
        ("trunguong", {"money_by_year", "money_by_source", "status", "provinces"}, "national"),
    ],
)
def test_dashboards_draw_their_charts_on_a_desktop_and_a_phone(
    browser, live_server, seed, username, charts, name
):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for size, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page = browser.new_page(locale="vi-VN", viewport=viewport)
        login(page, live_server, username)
        page.goto(f"{live_server.url}/tong-quan/")
        expect(page.locator("h1")).to_contain_text("Tổng quan")
        page.wait_for_function("document.querySelectorAll('canvas[data-chart]').length > 0")
        assert set(charts_drawn(page)) == charts
        assert overflow(page) <= 0, size
        page.screenshot(path=SCREENSHOTS / f"dashboard_{name}_{size}.png", full_page=True)
        page.close()


def test_a_click_on_a_bar_opens_the_filtered_list(browser, live_server, seed):
    page = browser.new_page(locale="vi-VN", viewport=DESKTOP)
    login(page, live_server, "lanhdao.baclieu")
    page.goto(f"{live_server.url}/tong-quan/")
    page.wait_for_function(
        "window.Chart && Chart.getChart(document.querySelector('[data-chart=status]'))"
    )
    page.locator("[data-chart=status]").scroll_into_view_if_needed()
    # the first bar of the status chart ("Chưa thực hiện"): where Chart.js drew it
    point = page.evaluate(
        """() => {
          const canvas = document.querySelector('[data-chart=status]');
          const bar = Chart.getChart(canvas).getDatasetMeta(0).data[0];
          const box = canvas.getBoundingClientRect();
          return {x: box.left + (bar.base + bar.x) / 2, y: box.top + bar.y};
        }"""
    )
    page.mouse.click(point["x"], point["y"])
    page.wait_for_url("**/du-an/?tinh_trang=not_started")
    expect(page.locator("h1")).to_have_text("Danh sách dự án, nhiệm vụ")
    count = seed["bac-lieu"].projects.filter(status="not_started").count()
    expect(page.locator("#count")).to_have_text(f"{count} dự án")
    page.screenshot(path=SCREENSHOTS / "project_list_from_chart.png", full_page=True)
