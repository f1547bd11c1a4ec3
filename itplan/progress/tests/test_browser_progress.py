"""In a real browser (Debian's Chromium driven by Playwright): the Bạc Liêu clerk reports on a
project, the Bạc Liêu leader approves it, and the project page shows the new status; a Trà Vinh
user opening that project's address gets 404."""

from django.utils import timezone
from playwright.sync_api import expect

from projects.models import Project, StatusUpdate
from tests.browser import SCREENSHOTS, login


def test_clerk_reports_leader_approves_other_province_gets_404(browser, live_server, seed):
    project = Project.objects.get(plan=seed["bac-lieu"], ref="3")
    # Extended into this year (the browser keeps the real clock): it owes this quarter's report
    Project.objects.filter(pk=project.pk).update(end_year=timezone.localdate().year)
    url = f"{live_server.url}/du-an/{project.pk}/"

    clerk = browser.new_page(locale="vi-VN", viewport={"width": 390, "height": 844})  # a phone
    login(clerk, live_server, "canbo.baclieu")
    clerk.goto(f"{live_server.url}/tien-do/")
    row = clerk.locator("#projects tbody tr", has_text=project.name)
    expect(row).to_contain_text("chưa báo cáo")
    row.get_by_role("link", name="Báo cáo").click()
    clerk.select_option("#id_status", label="Đang thực hiện")
    clerk.fill("#id_percent_complete", "45")
    clerk.fill("#id_results", "Đã triển khai một cửa tại huyện Đông Hải")
    clerk.fill("#id_difficulties", "Đường truyền xã chưa ổn định")
    clerk.get_by_role("button", name="Gửi duyệt").click()
    expect(clerk.locator("#state")).to_have_text("Chờ duyệt")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    clerk.screenshot(path=SCREENSHOTS / "progress_submitted_phone.png", full_page=True)

    leader = browser.new_page(locale="vi-VN", viewport={"width": 1366, "height": 768})
    login(leader, live_server, "lanhdao.baclieu")
    leader.goto(f"{live_server.url}/tien-do/")
    leader.locator("#pending").get_by_role("link", name=project.name[:40]).click()
    expect(leader.locator("body")).to_contain_text("Đường truyền xã chưa ổn định")
    leader.get_by_role("button", name="Duyệt").click()
    leader.wait_for_url(url)
    expect(leader.locator("#status")).to_have_text("Đang thực hiện")
    expect(leader.locator("#official")).to_contain_text("45%")
    expect(leader.locator("#reports")).to_contain_text("Đã duyệt")
    leader.screenshot(path=SCREENSHOTS / "progress_project_page.png", full_page=True)
    assert StatusUpdate.objects.get().state == StatusUpdate.State.APPROVED

    other = browser.new_page(locale="vi-VN")
    login(other, live_server, "canbo.travinh")
    response = other.goto(url)
    assert response.status == 404
