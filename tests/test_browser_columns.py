"""In a real browser: a Bạc Liêu clerk uploads a workbook whose name column is headed with words
the importer does not know, says in the preview which column is the name, confirms, and the
province's next file (its columns in another order) is read without being asked again."""

import re

import openpyxl
from playwright.sync_api import expect

from itplan.models import ColumnMapping
from projects.models import Project
from tests.browser import SCREENSHOTS
from tests.test_appendix_mapping import NEXT, UNKNOWN
from tests.test_browser_import import logged_in_page, upload


def save(rows, path):
    book = openpyxl.Workbook()
    book.active.title = "Phụ lục"
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def test_clerk_maps_an_unknown_name_column_and_the_next_file_is_recognised(
    browser, live_server, empty_plan, tmp_path
):
    page = logged_in_page(browser, live_server, viewport={"width": 1366, "height": 900})
    upload(page, live_server, empty_plan, save(UNKNOWN, tmp_path / "chuyen-doi-so-2026.xlsx"))

    expect(page.locator("#errors")).to_contain_text("Không tìm thấy dòng tiêu đề của bảng")
    expect(page.get_by_role("button", name="Xác nhận nhập")).to_be_disabled()
    columns = page.locator("#columns")
    expect(columns).to_be_visible()
    expect(columns.locator("tbody tr").first).to_contain_text("Công việc trọng tâm")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "import_columns_unknown.png", full_page=True)

    page.get_by_label("Cột B là").select_option(label="Tên dự án, nhiệm vụ")
    page.get_by_role("button", name="Đọc lại bảng theo các cột đã chọn").click()
    summary = page.locator("#summary")
    expect(summary).to_contain_text("2 dự án, nhiệm vụ")
    expect(summary).to_contain_text(re.compile(r"\b0 lỗi"))
    expect(page.locator("#projects tbody tr", has_text="Số hóa hồ sơ một cửa")).to_contain_text(
        "1.200 triệu đồng"
    )
    expect(page.get_by_label("Cột B là")).to_have_value("name")
    expect(page.get_by_label("Cột C là")).to_have_value("lead")  # read by its words
    assert not Project.objects.filter(plan=empty_plan).exists()
    page.screenshot(path=SCREENSHOTS / "import_columns_mapped.png", full_page=True)

    page.get_by_role("button", name="Xác nhận nhập").click()
    page.wait_for_url(f"{live_server.url}/ke-hoach/{empty_plan.pk}/")
    expect(page.locator(".messages li.success")).to_contain_text("2 dự án mới")
    assert ColumnMapping.objects.get(province=empty_plan.province).roles == {
        "cong viec trong tam": "name"
    }

    upload(page, live_server, empty_plan, save(NEXT, tmp_path / "bo-sung-2026.xlsx"))
    expect(page.locator("#saved-columns")).to_contain_text("Dùng cách nhận cột đã lưu của tỉnh")
    expect(page.locator("#summary")).to_contain_text("1 dự án, nhiệm vụ")
    expect(page.locator("#summary")).to_contain_text(re.compile(r"\b0 lỗi"))
    expect(page.locator("#mapping")).not_to_have_attribute("open", "")
    page.screenshot(path=SCREENSHOTS / "import_columns_saved.png", full_page=True)
    page.get_by_role("button", name="Xác nhận nhập").click()
    page.wait_for_url(f"{live_server.url}/ke-hoach/{empty_plan.pk}/")
    assert Project.objects.filter(plan=empty_plan).count() == 3
