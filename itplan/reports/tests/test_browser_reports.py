"""In a real browser: the Bạc Liêu leader opens the report of the dashboard's view; the Bạc Liêu
clerk picks the plan and year, keeps a draft, writes the proposals and a signer, issues it; the
report lists as issued and its PDF downloads; a Trà Vinh leader opening its address gets 404."""

from playwright.sync_api import expect

from itplan.models import Report
from tests.browser import SCREENSHOTS, login


def test_leader_opens_the_dashboards_report_clerk_drafts_and_issues(browser, live_server, seed):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    leader = browser.new_page(locale="vi-VN", viewport={"width": 1366, "height": 900})
    login(leader, live_server, "lanhdao.baclieu")
    leader.goto(f"{live_server.url}/tong-quan/")
    leader.click("#report-link")
    expect(leader.locator("article.vb")).to_contain_text("UBND TỈNH CÀ MAU")
    expect(leader.locator("article.vb")).to_contain_text("32.200")
    expect(leader.get_by_role("button", name="Soạn dự thảo để ban hành")).to_have_count(0)
    leader.screenshot(path=SCREENSHOTS / "report_leader_preview.png", full_page=True)

    clerk = browser.new_page(locale="vi-VN", viewport={"width": 1366, "height": 900})
    login(clerk, live_server, "canbo.baclieu")
    clerk.goto(f"{live_server.url}/bao-cao-ubnd/")
    clerk.select_option("select[name=ke_hoach]", label="Bạc Liêu · 2213/QĐ-UBND")
    clerk.get_by_role("button", name="Xem báo cáo").click()
    expect(clerk.locator("article.vb")).to_contain_text("Ba mươi hai tỷ hai trăm triệu đồng")
    clerk.get_by_role("button", name="Soạn dự thảo để ban hành").click()
    expect(clerk.locator(".messages")).to_contain_text("Đã lưu dự thảo")
    clerk.fill("#id_proposals", "Đề nghị UBND tỉnh bố trí vốn năm 2027 cho đường truyền.")
    clerk.fill("#id_signer_name", "Nguyễn Văn An")
    clerk.get_by_role("button", name="Lưu dự thảo").click()
    expect(clerk.locator("article.vb")).to_contain_text("Nguyễn Văn An")
    clerk.fill("#id_number", "15/BC-SKHCN")
    clerk.on("dialog", lambda dialog: dialog.accept())  # "Ban hành sẽ cố định số liệu…"
    clerk.get_by_role("button", name="Ban hành").click()
    expect(clerk.locator("h1")).to_contain_text("Báo cáo số 15/BC-SKHCN")
    expect(clerk.locator("article.vb")).to_contain_text("Số: 15/BC-SKHCN")
    expect(clerk.locator("article.vb")).to_contain_text("bố trí vốn năm 2027")
    clerk.screenshot(path=SCREENSHOTS / "report_issued.png", full_page=True)
    with clerk.expect_download() as download:
        clerk.get_by_role("link", name="Tải PDF").click()
    assert download.value.suggested_filename == (
        f"bao-cao-15bc-skhcn-{Report.objects.get().issue_date:%Y-%m-%d}.pdf"
    )
    clerk.goto(f"{live_server.url}/bao-cao-ubnd/")
    expect(clerk.locator("table.data")).to_contain_text("Đã ban hành")

    other = browser.new_page(locale="vi-VN")
    login(other, live_server, "lanhdao.travinh")
    response = other.goto(f"{live_server.url}/bao-cao-ubnd/{Report.objects.get().pk}/")
    assert response.status == 404
