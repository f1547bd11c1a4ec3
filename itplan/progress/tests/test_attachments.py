"""Files attached to progress reports: what is accepted, where it is kept, who may download it."""

import datetime
import io
import zlib
from urllib.parse import quote

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from projects.archive import archive, purge, restore
from projects.attachments import MAX_PER_REPORT
from projects.models import Attachment, Deletion, StatusUpdate
from projects.progress import submit
from tests.factories import make_user, report

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def png() -> bytes:
    row = b"\x00\xff\x00\x00"
    chunk = lambda kind, data: (  # noqa: E731
        len(data).to_bytes(4, "big") + kind + data + zlib.crc32(kind + data).to_bytes(4, "big")
    )
    header = (1).to_bytes(4, "big") * 2 + b"\x08\x02\x00\x00\x00"
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row))
        + chunk(b"IEND", b"")
    )


def xlsx() -> bytes:
    book = openpyxl.Workbook()
    book.active["A1"] = "Giải ngân quý 4"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(client, update, name, content):
    return client.post(
        reverse("attachment_add", args=[update.pk]),
        {"file": SimpleUploadedFile(name, content)},
        follow=True,
    )


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


@pytest.fixture
def draft(world):
    return report(world["a"], world["staff_a"])


def test_staff_attach_files_that_the_provinces_users_download(client, world, draft, settings):
    client.force_login(world["staff_a"])
    name = "Biên bản nghiệm thu đợt 1.pdf"
    response = upload(client, draft, name, PDF)
    assert messages_of(response) == [f"Đã đính kèm tệp “{name}”."]
    upload(client, draft, "Ảnh lắp đặt.png", png())
    upload(client, draft, "Số liệu giải ngân.xlsx", xlsx())
    page = client.get(reverse("report_detail", args=[draft.pk])).content.decode()
    for listed in (name, "Ảnh lắp đặt.png", "Số liệu giải ngân.xlsx"):
        assert listed in page

    item = Attachment.objects.get(name=name)
    assert item.uploaded_by == world["staff_a"] and item.size == len(PDF)
    # Kept under MEDIA_ROOT by a random name, not the uploaded one.
    stored = settings.MEDIA_ROOT / item.file.name
    assert stored.read_bytes() == PDF and "Biên" not in item.file.name
    assert item.file.name.startswith(f"dinh-kem/{draft.project_id}/")

    submit(draft, by=world["staff_a"])
    client.force_login(world["leader_a"])
    response = client.get(reverse("attachment", args=[item.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;") and quote(name) in disposition
    client.force_login(world["national"])
    assert client.get(reverse("attachment", args=[item.pk])).status_code == 200


def test_files_are_not_served_from_media_url(client, world, draft):
    client.force_login(world["staff_a"])
    upload(client, draft, "bien-ban.pdf", PDF)
    item = Attachment.objects.get()
    assert client.get(f"/media/{item.file.name}").status_code == 404


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "cai-dat.exe",
            b"MZ\x90\x00" + b"\x00" * 60,
            "Tệp “cai-dat.exe” không được nhận: chỉ nhận PDF, ảnh JPG/PNG, tệp Word, Excel, "
            "PowerPoint hoặc OpenDocument.",
        ),
        (
            "Báo cáo.pdf",
            b"MZ\x90\x00" + b"\x00" * 60,
            "Nội dung tệp “Báo cáo.pdf” không phải là tệp .pdf (tệp hỏng hoặc bị đổi đuôi).",
        ),
        (
            "bang-tinh.xlsx",
            PDF,
            "Nội dung tệp “bang-tinh.xlsx” không phải là tệp .xlsx (tệp hỏng hoặc bị đổi đuôi).",
        ),
        (
            "khong-duoi",
            PDF,
            "Tệp “khong-duoi” không được nhận: chỉ nhận PDF, ảnh JPG/PNG, tệp Word, Excel, "
            "PowerPoint hoặc OpenDocument.",
        ),
    ],
)
def test_a_file_of_another_type_is_refused_by_name(client, world, draft, name, content, message):
    client.force_login(world["staff_a"])
    response = upload(client, draft, name, content)
    assert messages_of(response) == [message]
    assert not Attachment.objects.exists()


def test_a_file_over_the_limit_is_refused_and_nothing_is_kept(client, world, draft, settings):
    settings.ATTACHMENT_MAX_BYTES = 1024 * 1024
    client.force_login(world["staff_a"])
    response = upload(client, draft, "Ảnh lớn.png", png() + b"\x00" * (3 * 1024 * 1024))
    assert messages_of(response) == ["Tệp “Ảnh lớn.png” lớn 3,0 MB, quá giới hạn 1,0 MB."]
    assert not Attachment.objects.exists()
    assert not (settings.MEDIA_ROOT / "dinh-kem").exists()


def test_at_most_ten_files_per_report(client, world, draft):
    client.force_login(world["staff_a"])
    for n in range(MAX_PER_REPORT):
        upload(client, draft, f"anh-{n}.png", png())
    response = upload(client, draft, "anh-thua.png", png())
    assert messages_of(response) == ["Mỗi báo cáo đính kèm tối đa 10 tệp."]
    assert draft.attachments.count() == MAX_PER_REPORT


def test_files_are_fixed_once_the_report_is_sent(client, world, draft, settings):
    client.force_login(world["staff_a"])
    upload(client, draft, "bien-ban.pdf", PDF)
    item = Attachment.objects.get()
    stored = settings.MEDIA_ROOT / item.file.name
    submit(draft, by=world["staff_a"])
    assert upload(client, draft, "them.pdf", PDF).status_code == 403
    assert client.post(reverse("attachment_delete", args=[item.pk])).status_code == 403
    assert stored.exists()
    draft.state = StatusUpdate.State.RETURNED
    draft.save()
    client.post(reverse("attachment_delete", args=[item.pk]))
    assert not draft.attachments.exists()  # gone from the report
    assert stored.exists()  # but archived, file and all, under "Đã xoá"


def test_a_deleted_file_is_archived_restorable_and_removed_only_when_purged(
    client, world, draft, settings, fixed_clock, django_capture_on_commit_callbacks
):
    client.force_login(world["staff_a"])
    upload(client, draft, "bien-ban.pdf", PDF)
    item = Attachment.objects.get()
    stored = settings.MEDIA_ROOT / item.file.name

    response = client.post(reverse("attachment_delete", args=[item.pk]), follow=True)

    assert messages_of(response) == ["Đã xóa tệp “bien-ban.pdf”."]
    assert not Attachment.objects.exists() and stored.exists()
    deletion = Deletion.objects.get()
    assert (deletion.label, deletion.deleted_by) == ("bien-ban.pdf", world["staff_a"])
    assert client.get(reverse("attachment", args=[item.pk])).status_code == 404

    restore(deletion, by=make_user("qtv", "admin"))
    assert Attachment.objects.get().file.read() == PDF

    archive(Attachment.objects.get(), by=world["staff_a"])
    fixed_clock.shift(datetime.timedelta(days=Deletion.RESTORE_DAYS + 1))
    with django_capture_on_commit_callbacks(execute=True):
        purged, problems = purge()
    assert (len(purged), problems) == (1, [])
    assert not Attachment._base_manager.exists() and not stored.exists()


def test_access_to_files(client, world, draft):
    client.force_login(world["staff_a"])
    upload(client, draft, "bien-ban.pdf", PDF)
    item = Attachment.objects.get()
    download = reverse("attachment", args=[item.pk])
    delete = reverse("attachment_delete", args=[item.pk])
    add = reverse("attachment_add", args=[draft.pk])

    client.logout()
    assert client.get(download)["Location"].startswith(reverse("login"))
    assert client.post(add)["Location"].startswith(reverse("login"))

    client.force_login(world["staff_b"])  # another province: as if it did not exist
    assert client.get(download).status_code == 404
    assert client.post(delete).status_code == 404
    assert upload(client, draft, "x.pdf", PDF).status_code == 404
    client.force_login(world["leader_b"])
    assert client.get(download).status_code == 404

    client.force_login(world["leader_a"])  # a leader reads, never writes, and no drafts
    assert client.get(download).status_code == 403
    assert upload(client, draft, "x.pdf", PDF).status_code == 403
    assert client.post(delete).status_code == 403
    assert Attachment.objects.count() == 1
