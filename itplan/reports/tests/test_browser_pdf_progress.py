"""In a real browser: the Trà Vinh clerk issues a report while no worker runs; the page says the
PDF is being made, and shows "Tải PDF" by itself once the worker has stored it (report-status.js
polling the state URL; the CSP allows only the portal's own scripts)."""

from playwright.sync_api import expect

from itplan.models import Report
from itplan.reports import Period, new_report
from itplan.reports.document import store_pdf
from tests.browser import SCREENSHOTS, login
from tests.factories import make_user


def test_the_issued_page_updates_when_its_pdf_is_ready(browser, live_server, seed, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # no worker
    plan = seed["tra-vinh"]
    draft, _ = new_report(
        params={"ke_hoach": str(plan.pk)},
        period=Period.parse("2014"),
        user=make_user("tw.browser", "national"),
        today=plan.issue_date,
    )
    draft.save()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    clerk = browser.new_page(locale="vi-VN", viewport={"width": 1366, "height": 900})
    login(clerk, live_server, "canbo.travinh")
    clerk.goto(f"{live_server.url}/bao-cao-ubnd/{draft.pk}/")
    clerk.fill("#id_number", "21/BC-SKHCN")
    clerk.on("dialog", lambda dialog: dialog.accept())
    clerk.get_by_role("button", name="Ban hành").click()
    expect(clerk.locator("#pdf-status")).to_contain_text("Đang tạo tệp PDF…")
    expect(clerk.get_by_role("link", name="Tải PDF")).to_have_count(0)
    clerk.screenshot(path=SCREENSHOTS / "report_pdf_pending.png")

    assert store_pdf(draft.pk)  # the worker's part
    expect(clerk.get_by_role("link", name="Tải PDF")).to_be_visible(timeout=10_000)
    expect(clerk.locator("#pdf-status")).to_have_count(0)
    with clerk.expect_download() as download:
        clerk.get_by_role("link", name="Tải PDF").click()
    assert download.value.suggested_filename.startswith("bao-cao-21bc-skhcn-")
    assert Report.objects.get(pk=draft.pk).pdf
