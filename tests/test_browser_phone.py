"""Every main page on a 375-px phone (Chromium, 375×800): nothing is wider than the screen, so
the page never scrolls sideways (wide tables scroll inside their own box, `.table-wrap`), each
opened as the user who works there. Screenshots of the dashboard and the UBND preview are left
in tests/screenshots/ (phone-dashboard.png, phone-ubnd.png) for a person to look at."""

from playwright.sync_api import expect

from indicators.models import Indicator
from projects.models import StatusUpdate
from tests.browser import SCREENSHOTS, login

PHONE = {"width": 375, "height": 800}


def _width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def _wider_elements(page) -> list[str]:
    """The elements reaching past the screen's right edge, to name in a failure."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('body *'))
          .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1
                       && !e.closest('.table-wrap'))
          .slice(0, 5)
          .map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '')
                    + ' (' + Math.round(e.getBoundingClientRect().right) + ' px)')"""
    )


def _pages(seed) -> dict[str, list[tuple[str, str]]]:
    """The pages to open, by the user who opens them: (name, path)."""
    plan = seed["bac-lieu"]
    project = plan.projects.order_by("order").first()
    indicator = Indicator.objects.filter(plan=plan).first()
    report = StatusUpdate.objects.filter(project__plan=plan).first()
    staff = [
        ("bảng cập nhật tiến độ", "/tien-do/"),
        ("trang dự án", f"/du-an/{project.pk}/"),
        ("form báo cáo tiến độ", f"/du-an/{project.pk}/bao-cao/"),
        ("trang kế hoạch", f"/ke-hoach/{plan.pk}/"),
        ("chỉ tiêu", f"/chi-tieu/{indicator.pk}/"),
        ("báo cáo UBND", "/bao-cao-ubnd/"),
    ]
    if report is not None:
        staff.append(("báo cáo tiến độ", f"/bao-cao/{report.pk}/"))
    leader = [
        ("tổng quan", "/tong-quan/"),
        ("danh sách dự án", "/du-an/"),
        ("danh sách kinh phí", "/kinh-phi/"),
        ("danh sách chỉ tiêu", "/chi-tieu/"),
        ("chưa báo cáo", "/chua-bao-cao/"),
        ("xem trước báo cáo UBND", f"/bao-cao-ubnd/xem/?ke_hoach={plan.pk}"),
    ]
    national = [
        ("tổng quan toàn quốc", "/tong-quan/"),
        ("danh sách dự án toàn quốc", "/du-an/"),
    ]
    return {"canbo.baclieu": staff, "lanhdao.baclieu": leader, "trunguong": national}


def test_no_page_scrolls_sideways_on_a_375_px_phone(browser, live_server, seed):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    too_wide = []
    page = browser.new_page(locale="vi-VN", viewport=PHONE)
    page.goto(f"{live_server.url}/dang-nhap/")
    if _width(page) > PHONE["width"] + 1:
        too_wide.append(f"đăng nhập: {_width(page)} px {_wider_elements(page)}")
    page.close()
    for username, pages in _pages(seed).items():
        page = browser.new_page(locale="vi-VN", viewport=PHONE)
        login(page, live_server, username)
        for name, path in pages:
            page.goto(f"{live_server.url}{path}")
            expect(page.locator("h1").first).to_be_visible()
            if _width(page) > PHONE["width"] + 1:
                too_wide.append(f"{name} ({path}): {_width(page)} px {_wider_elements(page)}")
            if path == "/tong-quan/" and username == "lanhdao.baclieu":
                page.wait_for_function("document.querySelectorAll('canvas[data-chart]').length > 0")
                page.screenshot(path=SCREENSHOTS / "phone-dashboard.png", full_page=True)
            if path.startswith("/bao-cao-ubnd/xem/"):
                page.screenshot(path=SCREENSHOTS / "phone-ubnd.png", full_page=True)
        page.close()
    assert too_wide == []
