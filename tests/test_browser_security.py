"""In a real browser, under the portal's Content-Security-Policy: the pages' scripts (charts, the
upload's progress, the issue confirmation) run and nothing is blocked; the menu's "Đăng xuất"
signs out."""

from playwright.sync_api import expect

from itplan.models import Report
from tests.browser import login


def watch_csp(page) -> list[str]:
    """The browser's console reports of anything the policy blocked on ``page``."""
    blocked = []
    page.on(
        "console",
        lambda message: (
            blocked.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return blocked


def test_pages_run_under_the_policy_with_nothing_blocked(browser, live_server, seed):
    leader = browser.new_page(locale="vi-VN", viewport={"width": 1366, "height": 900})
    blocked = watch_csp(leader)
    login(leader, live_server, "lanhdao.baclieu")
    for path in ("/tong-quan/", "/du-an/", "/kinh-phi/", "/chi-tieu/", "/tien-do/"):
        leader.goto(f"{live_server.url}{path}")
    leader.goto(f"{live_server.url}/tong-quan/")
    expect(leader.locator("canvas").first).to_be_visible()  # Chart.js ran
    leader.goto(f"{live_server.url}/admin/projects/plan/{seed['bac-lieu'].pk}/change/")
    assert blocked == []

    clerk = browser.new_page(locale="vi-VN", viewport={"width": 1366, "height": 900})
    blocked = watch_csp(clerk)
    login(clerk, live_server, "canbo.baclieu")
    clerk.goto(f"{live_server.url}/ke-hoach/{seed['bac-lieu'].pk}/nhap-phu-luc/")
    clerk.goto(f"{live_server.url}/bao-cao-ubnd/")
    clerk.select_option("select[name=ke_hoach]", label="Bạc Liêu · 2213/QĐ-UBND")
    clerk.get_by_role("button", name="Xem báo cáo").click()
    clerk.get_by_role("button", name="Soạn dự thảo để ban hành").click()
    clerk.fill("#id_number", "16/BC-SKHCN")
    questions = []

    def dismiss(dialog):
        questions.append(dialog.message)
        dialog.dismiss()

    clerk.on("dialog", dismiss)
    clerk.get_by_role("button", name="Ban hành").click()
    expect(clerk.locator("#id_number")).to_have_value("16/BC-SKHCN")
    assert questions == ["Ban hành sẽ cố định số liệu và tệp PDF của báo cáo. Tiếp tục?"]
    assert not Report.objects.get().issued  # "Hủy" in the question: nothing issued
    assert blocked == []


def test_menu_signs_out(browser, live_server, seed):
    page = browser.new_page(locale="vi-VN")
    login(page, live_server, "canbo.baclieu")
    page.goto(f"{live_server.url}/tien-do/")
    page.get_by_role("button", name="Đăng xuất").click()
    expect(page.locator("main")).to_contain_text("Bạn đã đăng xuất khỏi cổng.")
    page.goto(f"{live_server.url}/tien-do/")
    expect(page.locator("h1")).to_have_text("Đăng nhập")
