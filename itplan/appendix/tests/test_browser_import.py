"""In a real browser (Debian's Chromium driven by Playwright): a Bạc Liêu clerk uploads the
seed appendix to an empty plan, reads the preview, confirms, and finds the projects on the plan
page; a file with an error cannot be confirmed."""

import re
from pathlib import Path

import openpyxl
from playwright.sync_api import expect

from projects.models import Plan, Project
from tests.appendix import FILES
from tests.browser import SCREENSHOTS, login

PREVIEW_URL = re.compile(r"/nhap-phu-luc/\d+/$")


def upload(page, live_server, plan: Plan, path: Path):
    """From the plan page, through "Nhập phụ lục", to the preview of ``path``."""
    page.goto(f"{live_server.url}/ke-hoach/{plan.pk}/")
    page.locator(".actions").get_by_role("link", name="Nhập phụ lục").click()
    page.set_input_files("#id_file", path)
    page.get_by_role("button", name="Tải lên và xem trước").click()
    # The form posts with XMLHttpRequest (for the progress bar), then navigates.
    page.wait_for_url(PREVIEW_URL)


def logged_in_page(browser, live_server, **options):
    page = browser.new_page(locale="vi-VN", **options)
    login(page, live_server, "canbo.baclieu")
    return page


def test_clerk_uploads_previews_and_confirms_the_bac_lieu_appendix(
    browser, live_server, empty_plan
):
    page = logged_in_page(browser, live_server, viewport={"width": 1366, "height": 768})
    upload(page, live_server, empty_plan, FILES / "bac-lieu-2213-2011.xlsx")

    summary = page.locator("#summary")
    expect(summary).to_contain_text("11 dự án, nhiệm vụ")
    expect(summary).to_contain_text(re.compile(r"\b0 lỗi"))
    # The "Cộng" row as stated for the whole-amount column, and as added up from the projects.
    total = page.locator("#totals tbody tr", has_text="Dự kiến kinh phí").locator("td")
    expect(total).to_have_text(
        ["18", "Cộng", "F (Dự kiến kinh phí)", "32.200", "32.200", "0"], use_inner_text=True
    )
    dong_hai = page.locator(
        "#projects tbody tr", has_text="Hoàn thiện hệ thống một cửa huyện Đông Hải"
    )
    expect(dong_hai).to_contain_text("Tổng mức: 4.800 triệu đồng")
    expect(dong_hai).to_contain_text("3.360 triệu đồng")
    expect(dong_hai).to_contain_text("1.440 triệu đồng")
    expect(page.locator("#projects tbody tr")).to_have_count(11)
    assert not Project.objects.filter(plan=empty_plan).exists()  # nothing written yet
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "import_preview.png", full_page=True)

    # The same preview on a phone, signed in with the same session.
    phone = browser.new_context(
        locale="vi-VN",
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
        storage_state=page.context.storage_state(),
    )
    phone_page = phone.new_page()
    phone_page.goto(page.url)
    expect(phone_page.locator("#summary")).to_contain_text("11 dự án, nhiệm vụ")
    # The amounts sit in the projects table's last column, reached by scrolling the table.
    phone_amount = phone_page.locator("#projects tbody tr", has_text="Đông Hải").locator("li")
    phone_amount.first.scroll_into_view_if_needed()
    expect(phone_amount.first).to_be_in_viewport()
    expect(phone_amount.first).to_contain_text("3.360 triệu đồng")
    phone_confirm = phone_page.get_by_role("button", name="Xác nhận nhập")
    phone_confirm.scroll_into_view_if_needed()
    expect(phone_confirm).to_be_in_viewport()
    expect(phone_confirm).to_be_enabled()
    # Wide tables scroll inside their frame; the page itself does not scroll sideways.
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    phone_page.screenshot(path=SCREENSHOTS / "import_preview_phone.png", full_page=True)
    phone.close()

    page.get_by_role("button", name="Xác nhận nhập").click()
    page.wait_for_url(f"{live_server.url}/ke-hoach/{empty_plan.pk}/")
    expect(page.locator(".messages li.success")).to_contain_text(
        "Đã nhập “bac-lieu-2213-2011.xlsx”: 11 dự án mới"
    )
    rows = page.locator("table").first.locator("tbody tr")
    expect(rows).to_have_count(11)
    expect(rows.filter(has_text="Hoàn thiện hệ thống một cửa huyện Đông Hải")).to_contain_text(
        "4.800"
    )
    expect(rows.filter(has_text="Nâng cấp Trung tâm Tích hợp dữ liệu của tỉnh")).to_contain_text(
        "2.700"
    )
    expect(page.get_by_role("heading", name=re.compile("Tổng nhu cầu vốn"))).to_contain_text(
        "32.200 triệu đồng"
    )
    assert Project.objects.filter(plan=empty_plan).count() == 11
    page.screenshot(path=SCREENSHOTS / "import_plan_page.png", full_page=True)


def test_appendix_with_a_bad_amount_shows_the_error_and_cannot_be_confirmed(
    browser, live_server, empty_plan, tmp_path
):
    book = openpyxl.Workbook()
    for row in (
        ["ĐVT: triệu đồng"],
        ["TT", "Tên dự án", "Đơn vị chủ trì", "NSĐP"],
        [1, "Cổng thông tin", "Sở TT&TT", "ba trăm"],
    ):
        book.active.append(row)
    path = tmp_path / "loi.xlsx"
    book.save(path)

    page = logged_in_page(browser, live_server, viewport={"width": 1366, "height": 768})
    upload(page, live_server, empty_plan, path)

    expect(page.locator("#summary")).to_contain_text(re.compile(r"\b1 lỗi"))
    error = page.locator("#errors tbody tr")
    expect(error).to_have_count(1)
    expect(error.locator("td")).to_have_text(
        ["Sheet", "3", "D (NSĐP)", "“ba trăm” không phải là số tiền"]
    )
    expect(page.get_by_role("button", name="Xác nhận nhập")).to_be_disabled()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "import_error.png", full_page=True)
    assert not Project.objects.filter(plan=empty_plan).exists()
