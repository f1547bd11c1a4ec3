"""The clerk's journey in a real browser (Debian's Chromium under Playwright): a Sở clerk signs
in, opens "Kế hoạch", creates a plan, adds two projects and their money typed as clerks type it,
and sees the plan's total equal the sum, without ever opening the admin. A screenshot of the
editor is left in tests/screenshots/plan-editor.png for a person to look at."""

from playwright.sync_api import expect

from itplan.dataset.seed import DEMO_PASSWORD
from tests.browser import SCREENSHOTS

DESKTOP = {"width": 1366, "height": 900}


def sign_in(page, live_server, username: str) -> None:
    """Through the portal's own sign-in page, not the admin's."""
    page.goto(f"{live_server.url}/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/dang-nhap/" not in url)


def add_project(page, name: str, group: str, period: str) -> str:
    """Fill "Thêm dự án, nhiệm vụ" and return the new project's card selector."""
    form = page.locator("#them-du-an form")
    form.locator("[name=name]").fill(name)
    form.locator("[name=new_group]").fill(group)
    form.locator("[name=period]").fill(period)
    form.locator("button[type=submit]").click()
    page.wait_for_url("**#du-an-*")
    return "#du-an-" + page.url.rsplit("#du-an-", 1)[1]


def add_line(page, card: str, year: str, amount: str) -> None:
    form = page.locator(f"{card} form.new-line")
    form.locator("[name=year]").fill(year)
    form.locator("[name=stage]").select_option("need")
    form.locator("[name=source]").select_option("local")
    form.locator("[name=capital_type]").select_option("investment")
    form.locator("[name=amount]").fill(amount)
    form.locator("button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text("Đã ghi nhu cầu")


def test_the_clerk_enters_a_plan_with_two_projects_without_the_admin(browser, live_server, seed):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(locale="vi-VN", viewport=DESKTOP)
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    sign_in(page, live_server, "canbo.baclieu")

    page.locator("header nav").get_by_role("link", name="Kế hoạch", exact=True).click()
    expect(page.locator("h1")).to_have_text("Kế hoạch")
    page.get_by_role("link", name="Thêm kế hoạch").click()
    page.select_option("#id_kind", "five_year")
    page.fill("#id_document_number", "15/KH-UBND")
    page.fill("#id_issue_date", "20/01/2026")
    page.fill("#id_title", "Kế hoạch chuyển đổi số tỉnh Bạc Liêu giai đoạn 2026 - 2030")
    page.fill("#id_start_year", "2026")
    page.fill("#id_end_year", "2030")
    page.screenshot(path=SCREENSHOTS / "plan-form.png")
    page.click("#plan-form button[type=submit]")
    expect(page.locator(".messages")).to_contain_text("Đã thêm kế hoạch 15/KH-UBND")

    first = add_project(page, "Nền tảng tích hợp, chia sẻ dữ liệu tỉnh", "Hạ tầng số", "2026")
    add_line(page, first, "2026", "1,2 tỷ")
    second = add_project(page, "Hệ thống thông tin báo cáo", "Chính quyền số", "2026 - 2027")
    add_line(page, second, "2027", "350 triệu")
    expect(page.locator(f"{first} .need")).to_have_text("1.200")
    expect(page.locator(f"{second} .need")).to_have_text("350")
    expect(page.locator("#money-summary strong").first).to_have_text("1.550")
    page.screenshot(path=SCREENSHOTS / "plan-editor.png", full_page=True)
    page.set_viewport_size({"width": 375, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    page.screenshot(path=SCREENSHOTS / "plan-editor-phone.png", full_page=True)
    page.set_viewport_size(DESKTOP)

    # A mistyped line: the page comes back with the errors beside the fields, the text kept
    form = page.locator(f"{second} form.new-line")
    form.locator("[name=year]").fill("2031")
    form.locator("[name=source]").select_option("local")
    form.locator("[name=amount]").fill("tám trăm")
    form.locator("button[type=submit]").click()
    form = page.locator(f"{second} form.new-line")
    expect(form.locator(".field-amount .errorlist")).to_have_text(
        "“tám trăm” không phải là số tiền"
    )
    expect(form.locator(".field-reason .errorlist")).to_contain_text(
        "Năm 2031 nằm ngoài giai đoạn 2026–2030"
    )
    expect(form.locator("[name=amount]")).to_have_value("tám trăm")
    page.locator(second).screenshot(path=SCREENSHOTS / "plan-editor-errors.png")

    page.get_by_role("link", name="Xem trang kế hoạch").click()
    expect(page.locator("h2").first).to_contain_text("Tổng nhu cầu vốn: 1.550 triệu đồng")
    expect(page.locator("#money-summary")).to_contain_text("Nhu cầu 1.550")
    page.locator("header nav").get_by_role("link", name="Kế hoạch", exact=True).click()
    row = page.locator("#plans tr", has_text="15/KH-UBND")
    expect(row).to_contain_text("20/01/2026")
    expect(row).to_contain_text("1.550")
    page.screenshot(path=SCREENSHOTS / "plan-list.png")
    assert not [url for url in requested if "/admin/" in url]
    page.close()


def test_the_project_page_shows_money_errors_and_corrects_a_line(browser, live_server, seed):
    plan = seed["bac-lieu"]
    project = plan.projects.order_by("order").first()
    page = browser.new_page(locale="vi-VN", viewport=DESKTOP)
    sign_in(page, live_server, "canbo.baclieu")
    page.goto(f"{live_server.url}/du-an/{project.pk}/")
    page.click("#money-entry summary")
    form = page.locator("#money-form")
    form.locator("[name=year]").fill(str(plan.end_year + 5))
    form.locator("[name=stage]").select_option("disbursed")
    form.locator("[name=source]").select_option("local")
    form.locator("[name=amount]").fill("2 tỷ")
    form.locator("button[type=submit]").click()
    expect(page.locator("#money-entry")).to_have_attribute("open", "")
    expect(page.locator("#money-form .field-reason .errorlist")).to_contain_text(
        f"Năm {plan.end_year + 5} nằm ngoài giai đoạn"
    )
    page.locator("#money-form [name=year]").fill(str(plan.end_year))
    page.locator("#money-form button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text(
        f"Đã ghi giải ngân 2.000 triệu đồng năm {plan.end_year}."
    )
    expect(page.locator(".messages")).to_contain_text("vượt số bố trí")
    row = page.locator("#money-lines tr", has_text="Giải ngân")
    row.get_by_role("link", name="Sửa").click()
    editing = page.locator("#money-lines tr.editing")
    expect(editing.locator("[name=amount]")).to_have_value("2.000.000.000")
    editing.locator("[name=amount]").fill("1,5 tỷ")
    editing.locator("button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text("Đã ghi giải ngân 1.500 triệu đồng")
    page.screenshot(path=SCREENSHOTS / "project-money.png", full_page=True)
    page.close()
