"""The report form keeps work (issue 18, item 2): files chosen in the form itself are saved with
the text in one transaction, a refused file leaves the typed text on the page with the error
beside the file input; the form shows the last approved figures, starts from the previous
report on request, warns when the % goes down; the autosave saves a draft and nothing more.

The clock is conftest's NOW (25/11/2026 09:00): the current period is Quý IV/2026."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from projects.attachments import MAX_PER_REPORT
from projects.models import Attachment, StatusUpdate
from projects.progress import approve, return_, submit
from tests.database import changed_tables, snapshot
from tests.factories import report

State = StatusUpdate.State
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
TEXT = "Đã lắp đặt máy chủ tại 12 xã; đào tạo 40 cán bộ"


def pdf(name="Biên bản nghiệm thu.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def fields(**more) -> dict:
    return {
        "year": "2026",
        "quarter": "4",
        "status": "in_progress",
        "percent_complete": "55",
        "results": TEXT,
        "difficulties": "Đường truyền chưa ổn định",
        "proposals": "",
        "action": "draft",
    } | more


@pytest.fixture
def staff(client, world):
    client.force_login(world["staff_a"])
    return client


def test_a_new_report_saves_its_text_and_several_files_at_once(staff, world):
    url = reverse("report_create", args=[world["a"].pk])
    page = staff.get(url).content.decode()
    assert 'type="file" name="files"' in page and "multiple" in page
    response = staff.post(url, fields(files=[pdf(), pdf("Ảnh lắp đặt.pdf")]))
    update = StatusUpdate.objects.get(project=world["a"])
    assert response.url == reverse("report_detail", args=[update.pk])
    assert (update.results, update.state) == (TEXT, State.DRAFT)
    assert sorted(update.attachments.values_list("name", flat=True)) == [
        "Biên bản nghiệm thu.pdf",
        "Ảnh lắp đặt.pdf",
    ]
    assert set(update.attachments.values_list("uploaded_by", flat=True)) == {world["staff_a"].pk}


def test_a_refused_file_keeps_the_typed_text_and_saves_nothing(staff, world):
    url = reverse("report_create", args=[world["a"].pk])
    fake = SimpleUploadedFile("bien-ban.pdf", b"MZ\x90\x00 not a pdf")
    before = snapshot()
    response = staff.post(url, fields(files=[pdf(), fake]))
    assert response.status_code == 200
    assert changed_tables(before, snapshot()) == []
    page = response.content.decode()
    assert TEXT in page  # what was typed is on the page again
    errors = response.context["form"].errors["files"]
    assert errors == [
        "Nội dung tệp “bien-ban.pdf” không phải là tệp .pdf (tệp hỏng hoặc bị đổi đuôi).",
        "Chưa lưu tệp nào; hãy chọn lại các tệp cần đính kèm.",
    ]
    # beside the file input, not at the top of the page
    assert page.index('id="field-files"') < page.index("bị đổi đuôi") < page.index("Gửi duyệt")


def test_editing_a_draft_attaches_and_removes_files_with_the_text(staff, world):
    draft = report(world["a"], world["staff_a"], year=2026, quarter=4)
    old = Attachment.objects.create(report=draft, file=pdf("cu.pdf"), name="cu.pdf", size=10)
    url = reverse("report_detail", args=[draft.pk])
    response = staff.post(
        url,
        fields(
            version_seen=str(draft.version),
            results="Nội dung sửa",
            files=[pdf("moi.pdf")],
            remove=[str(old.pk)],
        ),
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.results == "Nội dung sửa"
    assert list(draft.attachments.values_list("name", flat=True)) == ["moi.pdf"]
    assert Attachment._base_manager.get(pk=old.pk).deletion is not None  # archived, kept


def test_more_files_than_allowed_are_refused_beside_the_field(staff, world):
    draft = report(world["a"], world["staff_a"], year=2026, quarter=4)
    for i in range(MAX_PER_REPORT - 1):
        Attachment.objects.create(report=draft, file=pdf(f"{i}.pdf"), name=f"{i}.pdf", size=10)
    before = snapshot()
    response = staff.post(
        reverse("report_detail", args=[draft.pk]),
        fields(version_seen=str(draft.version), files=[pdf("a.pdf"), pdf("b.pdf")]),
    )
    assert changed_tables(before, snapshot()) == []
    assert response.context["form"].errors["files"] == [
        "Mỗi báo cáo đính kèm tối đa 10 tệp; báo cáo đã có 9 tệp."
    ]
    assert TEXT in response.content.decode()


def test_the_form_shows_the_last_approved_figures_and_warns_when_the_percent_goes_down(
    staff, world
):
    q3 = submit(
        report(world["a"], world["staff_a"], year=2026, quarter=3, percent_complete=60),
        by=world["staff_a"],
    )
    approve(q3, by=world["leader_a"])
    url = reverse("report_create", args=[world["a"].pk])
    page = staff.get(url).content.decode()
    assert "Lần duyệt gần nhất (Quý III/2026): Đang thực hiện · 60% hoàn thành." in page
    assert 'id="percent-warning" data-last="60" hidden' in page
    response = staff.post(
        url, fields(percent_complete="45", files=[SimpleUploadedFile("x.exe", b"MZ")])
    )
    page = response.content.decode()
    assert 'id="percent-warning" data-last="60">' in page  # shown: 45 < 60
    assert "thấp hơn lần duyệt gần nhất (60%, Quý III/2026)" in page
    # the warning does not block: without the refused file, the report is saved at 45 %
    staff.post(url, fields(percent_complete="45"))
    assert StatusUpdate.objects.get(quarter=4).percent_complete == 45


def test_the_form_starts_from_the_previous_report_on_request(staff, world):
    q3 = report(
        world["a"],
        world["staff_a"],
        year=2026,
        quarter=3,
        percent_complete=70,
        results="Kết quả quý 3",
        difficulties="Khó khăn quý 3",
        proposals="Kiến nghị quý 3",
    )
    submit(q3, by=world["staff_a"])
    url = reverse("report_create", args=[world["a"].pk])
    page = staff.get(url).content.decode()
    assert f'href="?tu={q3.pk}"' in page and "Dùng nội dung báo cáo trước" in page
    assert "Kết quả quý 3" not in page
    form = staff.get(url, {"tu": q3.pk}).context["form"]
    assert [form[name].value() for name in ("percent_complete", "results", "difficulties")] == [
        70,
        "Kết quả quý 3",
        "Khó khăn quý 3",
    ]
    assert form["quarter"].value() == 4  # still this period's report
    assert StatusUpdate.objects.count() == 1  # nothing saved by opening it


def test_a_report_of_another_project_is_not_offered_as_previous(staff, world):
    other = submit(
        report(world["b"], world["staff_b"], year=2026, quarter=3, results="Trà Vinh"),
        by=world["staff_b"],
    )
    url = reverse("report_create", args=[world["a"].pk])
    assert "Trà Vinh" not in staff.get(url, {"tu": other.pk}).content.decode()


def autosave(client, url, **more):
    response = client.post(url, fields(action="autosave") | more)
    return response.status_code, json.loads(response.content)


def test_autosave_creates_one_draft_then_updates_it_and_never_sends(staff, world):
    url = reverse("report_create", args=[world["a"].pk])
    status, body = autosave(staff, url)
    update = StatusUpdate.objects.get()
    assert status == 200
    assert body == {
        "message": "Đã lưu nháp lúc 09:00",
        "url": reverse("report_detail", args=[update.pk]),
        "version": 0,
    }
    assert (update.state, update.results) == (State.DRAFT, TEXT)
    # the next autosave goes to the report's address, with the version it was given
    status, body = autosave(staff, body["url"], version_seen="0", results="Sửa lần 2")
    update.refresh_from_db()
    assert (status, update.results, update.state, body["version"]) == (
        200,
        "Sửa lần 2",
        State.DRAFT,
        1,
    )
    # "action=autosave" with submit's other fields still only saves
    autosave(staff, body["url"], version_seen="1", submit="1")
    assert StatusUpdate.objects.get().state == State.DRAFT


def test_autosave_from_a_second_tab_makes_no_second_report(staff, world):
    url = reverse("report_create", args=[world["a"].pk])
    autosave(staff, url)
    before = snapshot()
    status, body = autosave(staff, url, results="Tab thứ hai")
    assert status == 400
    assert "Dự án đã có báo cáo Quý IV/2026 (Nháp)" in body["error"]
    assert changed_tables(before, snapshot()) == []


def test_autosave_of_a_returned_report_keeps_it_returned(staff, world):
    update = return_(
        submit(report(world["a"], world["staff_a"], year=2026, quarter=4), by=world["staff_a"]),
        by=world["leader_a"],
        reason="Thiếu ảnh",
    )
    url = reverse("report_detail", args=[update.pk])
    status, _body = autosave(staff, url, version_seen=str(update.version), results="Đã bổ sung")
    update.refresh_from_db()
    assert (status, update.state, update.results) == (200, State.RETURNED, "Đã bổ sung")


def test_autosave_of_a_sent_report_is_refused(staff, world):
    update = submit(report(world["a"], world["staff_a"], year=2026, quarter=4), by=world["staff_a"])
    before = snapshot()
    response = staff.post(reverse("report_detail", args=[update.pk]), fields(action="autosave"))
    assert response.status_code == 403
    assert changed_tables(before, snapshot()) == []


def test_autosave_with_a_stale_version_names_the_conflict(staff, world):
    draft = report(world["a"], world["staff_a"], year=2026, quarter=4)
    url = reverse("report_detail", args=[draft.pk])
    autosave(staff, url, version_seen=str(draft.version))  # saves TEXT: version 0 → 1
    status, body = autosave(staff, url, version_seen=str(draft.version), results="Cũ")
    assert status == 400
    assert "đã lưu thay đổi sau khi bạn mở trang này" in body["error"]
    draft.refresh_from_db()
    assert draft.results == TEXT
