"""In Chromium: the Bạc Liêu leader lands on his home, which starts with the reports waiting
for him; he approves one with one click and returns another, first without a reason (refused
beside the reason), then with one. Screenshot: tests/screenshots/leader-home.png."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from projects.models import Project, StatusUpdate
from projects.progress import current_period, submit
from tests.browser import SCREENSHOTS, login


def test_leader_approves_and_returns_from_his_home_queue(browser, live_server, seed):
    clerk = get_user_model().objects.get(username="canbo.baclieu")
    year, quarter = current_period()
    projects = list(Project.objects.filter(plan=seed["bac-lieu"]).order_by("order", "id")[:3])
    sent = []
    for days, project, percent in zip((5, 9, 2), projects, (35, 60, 80), strict=True):
        update = StatusUpdate.objects.create(
            project=project,
            author=clerk,
            year=year,
            quarter=quarter,
            status=Project.Status.IN_PROGRESS,
            percent_complete=percent,
            results="Đã triển khai theo kế hoạch",
        )
        submit(update, by=clerk)
        StatusUpdate.objects.filter(pk=update.pk).update(
            submitted_at=timezone.now() - datetime.timedelta(days=days)
        )
        sent.append(update)
    oldest, middle, newest = sent[1], sent[0], sent[2]  # sent 9, 5 and 2 days ago

    page = browser.new_page(locale="vi-VN", viewport={"width": 1366, "height": 900})
    login(page, live_server, "lanhdao.baclieu")
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(f"{live_server.url}/tong-quan/")
    expect(page.locator("#queue h2")).to_have_text("Báo cáo chờ bạn duyệt: 3")
    rows = page.locator("#queue-rows tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_contain_text(oldest.project.name[:40])
    expect(rows.nth(2)).to_contain_text(newest.project.name[:40])
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "leader-home.png", full_page=False)

    # one click approves the oldest
    rows.nth(0).get_by_role("button", name="Duyệt").click()
    expect(page.locator(".messages")).to_contain_text("Đã duyệt báo cáo")
    expect(page.locator("#queue h2")).to_have_text("Báo cáo chờ bạn duyệt: 2")
    assert StatusUpdate.objects.get(pk=oldest.pk).state == StatusUpdate.State.APPROVED
    assert Project.objects.get(pk=oldest.project_id).percent_complete == 60

    # return without a reason: refused beside the reason, nothing moved
    row = page.locator(f"#queue-{middle.pk}")
    row.locator("summary").click()
    row.get_by_role("button", name="Trả lại").click()
    row = page.locator(f"#queue-{middle.pk}")
    expect(row.locator(".errorlist")).to_have_text(
        "Hãy ghi lý do trả lại để người báo cáo biết cần sửa gì."
    )
    assert StatusUpdate.objects.get(pk=middle.pk).state == StatusUpdate.State.SUBMITTED
    row.locator("textarea").fill("Thiếu biên bản nghiệm thu giai đoạn 1")
    row.get_by_role("button", name="Trả lại").click()
    expect(page.locator(".messages")).to_contain_text("cho người báo cáo")
    expect(page.locator("#queue h2")).to_have_text("Báo cáo chờ bạn duyệt: 1")
    returned = StatusUpdate.objects.get(pk=middle.pk)
    assert (returned.state, returned.return_reason) == (
        StatusUpdate.State.RETURNED,
        "Thiếu biên bản nghiệm thu giai đoạn 1",
    )
    expect(page.locator("#reported")).to_have_text("đã duyệt 1 · chờ duyệt 1")
    page.screenshot(path=SCREENSHOTS / "leader-home-after.png", full_page=False)

    # on a phone the queue scrolls inside its own box, not the page
    page.set_viewport_size({"width": 375, "height": 800})
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.screenshot(path=SCREENSHOTS / "leader-home-phone.png", full_page=False)
