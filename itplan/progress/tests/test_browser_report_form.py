"""In Chromium: the Bạc Liêu clerk types a report and attaches files in the same form. A file
the portal refuses leaves every word typed on the page, the error beside the file input; the
good file is then saved with the text. The form warns, without blocking, when the % typed is
below the last approved one, and the autosave keeps a draft ("Đã lưu nháp lúc HH:MM")."""

from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from projects.models import Attachment, Project, StatusUpdate
from projects.progress import approve, current_period, submit
from tests.browser import SCREENSHOTS, login

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
RESULTS = "Đã lắp đặt máy chủ tại 12 xã, đào tạo 40 cán bộ một cửa"
DIFFICULTIES = "Đường truyền xã Long Điền chưa ổn định"


def test_clerk_attaches_files_in_the_form_and_keeps_the_text(browser, live_server, seed):
    project = Project.objects.get(plan=seed["bac-lieu"], ref="3")
    year, quarter = current_period()
    users = get_user_model().objects
    clerk, leader = users.get(username="canbo.baclieu"), users.get(username="lanhdao.baclieu")
    earlier = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    last = StatusUpdate.objects.create(
        project=project,
        author=clerk,
        year=earlier[0],
        quarter=earlier[1],
        status=Project.Status.IN_PROGRESS,
        percent_complete=60,
        results="Kết quả kỳ trước",
    )
    approve(submit(last, by=clerk), by=leader)

    page = browser.new_page(locale="vi-VN", viewport={"width": 1280, "height": 900})
    login(page, live_server, "canbo.baclieu")
    page.goto(f"{live_server.url}/du-an/{project.pk}/bao-cao/")
    expect(page.locator("#last-approved")).to_contain_text("60% hoàn thành")
    page.fill("#id_percent_complete", "50")
    expect(page.locator("#percent-warning")).to_be_visible()  # lower than 60 %: warned
    page.fill("#id_results", RESULTS)
    page.fill("#id_difficulties", DIFFICULTIES)

    # starting from the previous report asks first; dismissed, the typed text stays
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.click("#use-previous")
    assert asked == ["Thay những gì bạn đang gõ bằng nội dung báo cáo trước?"]
    expect(page.locator("#id_results")).to_have_value(RESULTS)
    assert "tu=" not in page.url

    page.set_input_files(
        "#id_files",
        [
            {"name": "Biên bản nghiệm thu.pdf", "mimeType": "application/pdf", "buffer": PDF},
            {"name": "cai-dat.pdf", "mimeType": "application/pdf", "buffer": b"MZ\x90\x00exe"},
        ],
    )
    page.get_by_role("button", name="Lưu nháp").click()

    # refused: the text is still there, the error is beside the file input, nothing saved
    expect(page.locator("#field-files + .errorlist")).to_contain_text(
        "Nội dung tệp “cai-dat.pdf” không phải là tệp .pdf"
    )
    expect(page.locator("#id_results")).to_have_value(RESULTS)
    expect(page.locator("#id_difficulties")).to_have_value(DIFFICULTIES)
    expect(page.locator("#id_percent_complete")).to_have_value("50")
    assert not StatusUpdate.objects.filter(year=year, quarter=quarter).exists()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "report-form-file-refused.png", full_page=True)

    page.set_input_files(
        "#id_files",
        [{"name": "Biên bản nghiệm thu.pdf", "mimeType": "application/pdf", "buffer": PDF}],
    )
    page.get_by_role("button", name="Lưu nháp").click()
    expect(page.locator("#state")).to_have_text("Nháp")
    expect(page.locator("#attachments")).to_contain_text("Biên bản nghiệm thu.pdf")
    expect(page.locator("#id_results")).to_have_value(RESULTS)
    update = StatusUpdate.objects.get(year=year, quarter=quarter)
    assert (update.results, update.percent_complete) == (RESULTS, 50)
    assert [a.name for a in Attachment.objects.filter(report=update)] == ["Biên bản nghiệm thu.pdf"]

    # the autosave keeps what is typed next, as a draft
    page.fill("#id_proposals", "Đề nghị bổ sung kinh phí đường truyền")
    page.evaluate("document.getElementById('report').autosave()")
    expect(page.locator("#autosave-status")).to_contain_text("Đã lưu nháp lúc")
    update.refresh_from_db()
    assert (update.proposals, update.state) == (
        "Đề nghị bổ sung kinh phí đường truyền",
        StatusUpdate.State.DRAFT,
    )
    # then sent, from the same form, with the version the autosave gave it
    page.get_by_role("button", name="Gửi duyệt").click()
    expect(page.locator("#state")).to_have_text("Chờ duyệt")
    expect(page.locator("#holder")).to_contain_text("Chờ lãnh đạo duyệt")
    page.screenshot(path=SCREENSHOTS / "report-sent.png", full_page=True)
