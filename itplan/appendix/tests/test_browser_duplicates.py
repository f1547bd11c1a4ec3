"""In Chromium: a Bạc Liêu clerk imports a file that types a project of the plan otherwise
("CỔNG THÔNG TIN ĐIỆN TỬ." for "Cổng thông tin điện tử tỉnh Bạc Liêu"), sees the existing
project beside it with "Gộp vào dự án hiện có" proposed, keeps it apart, and confirms."""

from playwright.sync_api import expect

from itplan.appendix import Defaults, apply, preview_file
from itplan.appendix.tests.test_appendix_duplicates import AGAIN, FIRST
from projects.models import Project
from tests.appendix import browser_upload, logged_in_page, workbook_bytes
from tests.browser import SCREENSHOTS


def test_clerk_sees_the_matching_project_and_keeps_the_row_apart(
    browser, live_server, empty_plan, tmp_path
):
    apply(
        preview_file("lan-1.xlsx", workbook_bytes(FIRST), empty_plan, defaults=Defaults()),
        empty_plan,
    )
    again = tmp_path / "lan-2.xlsx"
    again.write_bytes(workbook_bytes(AGAIN))

    page = logged_in_page(browser, live_server, viewport={"width": 1366, "height": 900})
    browser_upload(page, live_server, empty_plan, again)
    expect(page.locator("#summary")).to_contain_text(
        "1 dự án trùng tên viết khác với dự án đã có: chọn gộp hay giữ riêng"
    )
    row = page.locator("#similar-projects tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("CỔNG THÔNG TIN ĐIỆN TỬ.")
    expect(row.get_by_role("link")).to_have_text("Cổng thông tin điện tử tỉnh Bạc Liêu")
    expect(row.get_by_label("Gộp vào dự án hiện có")).to_be_checked()
    page.locator("#similar").scroll_into_view_if_needed()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "import_duplicates.png", full_page=True)

    row.get_by_label("Giữ riêng (thêm dự án mới)").check()
    page.get_by_role("button", name="Xác nhận nhập").click()
    expect(page.locator(".messages, .notice").first).to_contain_text("2 dự án mới")
    names = set(Project.objects.filter(plan=empty_plan).values_list("name", flat=True))
    assert {"Cổng thông tin điện tử tỉnh Bạc Liêu", "CỔNG THÔNG TIN ĐIỆN TỬ."} <= names
    assert len(names) == 4
