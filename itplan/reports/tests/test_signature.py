"""Signed UBND reports: the issued PDF signed outside the portal (here by a certification
authority and certificates made in the test, no network) is uploaded back, kept when its
signatures are intact, cover the whole file and sign the issued PDF, refused with the reason
otherwise; who may upload it; the page shows the signer, the time and the trust."""

import datetime
import io

import pytest
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers
from pyhanko.sign.fields import SigFieldSpec, append_signature_field
from pyhanko_certvalidator.registry import SimpleCertificateStore

from itplan.models import Report
from itplan.reports import Period, issue, new_report
from itplan.reports.render import pdf
from itplan.reports.signature import verify

SIGNER = "Nguyễn Văn An"
AGENCY = "Sở Khoa học và Công nghệ tỉnh Cà Mau"
PASSPHRASE = "mat-khau-thu"  # noqa: S105 — the test's own PKCS#12 file
VALID = (
    datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC),
    datetime.datetime(2040, 1, 1, tzinfo=datetime.UTC),
)


def _name(common_name: str, organisation: str = "") -> x509.Name:
    attributes = [x509.NameAttribute(NameOID.COMMON_NAME, common_name)]
    if organisation:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation))
    return x509.Name(attributes)


def _usage(*, ca: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=not ca,
        content_commitment=not ca,  # non-repudiation: what pyHanko asks of a signer
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=ca,
        crl_sign=ca,
        encipher_only=False,
        decipher_only=False,
    )


def _certificate(subject, key, issuer_name, issuer_key, *, ca: bool, serial: int):
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer_name)
        .public_key(key.public_key())
        .serial_number(serial)
        .not_valid_before(VALID[0])
        .not_valid_after(VALID[1])
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(_usage(ca=ca), critical=True)
        .sign(issuer_key, hashes.SHA256())
    )


def _der(certificate) -> bytes:
    return certificate.public_bytes(serialization.Encoding.DER)


def _authority(name: str, serial: int) -> dict:
    """A root CA and a signer certificate (Nguyễn Văn An of the Cà Mau department) under it."""
    root_key, key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    root = _certificate(_name(name), root_key, _name(name), root_key, ca=True, serial=serial)
    cert = _certificate(
        _name(SIGNER, AGENCY), key, root.subject, root_key, ca=False, serial=serial + 1
    )
    private = key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    signer = signers.SimpleSigner(
        signing_cert=asn1_x509.Certificate.load(_der(cert)),
        signing_key=asn1_keys.PrivateKeyInfo.load(private),
        cert_registry=SimpleCertificateStore.from_certs([asn1_x509.Certificate.load(_der(root))]),
    )
    return {
        "root_pem": root.public_bytes(serialization.Encoding.PEM),
        "signer": signer,
        "root": root,
        "cert": cert,
        "key": key,
    }


@pytest.fixture(scope="module")
def pki():
    """The authority the department's signer holds a certificate of, and another one."""
    return {"ours": _authority("CA Thử nghiệm Quốc gia", 10), "other": _authority("CA Khác", 20)}


def sign(pdf: bytes, signer, field: str = "ChuKy1") -> bytes:
    """``pdf`` signed as a signing program does: an incremental update with the signature."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    meta = signers.PdfSignatureMetadata(field_name=field)
    return signers.sign_pdf(writer, meta, signer=signer).getvalue()


@pytest.fixture
def issued(world, django_capture_on_commit_callbacks):
    """Province A's plan report, issued: its PDF stored (printed once the issue is committed,
    by the background task) as the clerk downloads it."""
    staff, plan = world["staff_a"], world["a"].plan
    draft, _ = new_report(
        params={"ke_hoach": str(plan.pk)},
        period=Period(),
        user=staff,
        today=datetime.date(2026, 11, 25),
    )
    draft.save()
    with django_capture_on_commit_callbacks(execute=True):
        report = issue(draft, user=staff, number="15/BC-SKHCN")
    report.refresh_from_db()
    return report


def stored_pdf(report: Report) -> bytes:
    with report.pdf.open("rb") as handle:
        return handle.read()


def upload(client, report: Report, data: bytes, name: str = "bao-cao-da-ky.pdf"):
    file = SimpleUploadedFile(name, data, content_type="application/pdf")
    return client.post(reverse("ubnd_sign", args=[report.pk]), {"file": file}, follow=True)


def kept(report: Report) -> tuple:
    """What an upload may change, read from the database; and the report's history length."""
    report = Report.objects.get(pk=report.pk)
    return (
        report.signed_pdf.name,
        report.signature,
        report.signed_uploaded_by_id,
        report.signed_uploaded_at,
        report.history.count(),
    )


def test_the_signed_issued_pdf_is_kept_and_the_page_shows_its_signer(client, world, issued, pki):
    signed = sign(stored_pdf(issued), pki["ours"]["signer"])
    client.force_login(world["staff_a"])
    page = upload(client, issued, signed).content.decode()
    assert "Đã nhận bản đã ký số của báo cáo." in page
    assert SIGNER in page and AGENCY in page
    assert "ký lúc 25/11/2026 09:00" in page  # the signing time, in Vietnam's time
    assert "chữ ký toàn vẹn, phủ toàn bộ tệp" in page
    assert "chưa xác minh được chứng thư số (do CA Thử nghiệm Quốc gia cấp)" in page
    issued.refresh_from_db()
    assert issued.signed_uploaded_by == world["staff_a"]
    assert issued.signature["signatures"][0]["signer"] == SIGNER
    # whoever reads the report downloads the signed copy as it was uploaded
    client.force_login(world["leader_a"])
    download = client.get(reverse("ubnd_download", args=[issued.pk, "signed"]))
    assert b"".join(download.streaming_content) == signed
    assert "da-ky-so.pdf" in download["Content-Disposition"]
    listed = client.get(reverse("ubnd_index")).content.decode()
    assert reverse("ubnd_download", args=[issued.pk, "signed"]) in listed


def flip_byte(data: bytes, at: int) -> bytes:
    changed = bytearray(data)
    changed[at] ^= 0x01
    return bytes(changed)


def test_one_byte_changed_in_the_signed_range_is_refused_and_nothing_is_kept(
    client, world, issued, pki
):
    original = stored_pdf(issued)
    signed = sign(original, pki["ours"]["signer"])
    # a byte of the issued document's body, inside the range the signature covers
    tampered = flip_byte(signed, len(original) // 2)
    before = kept(issued)
    client.force_login(world["staff_a"])
    page = upload(client, issued, tampered).content.decode()
    assert f"Không nhận tệp đã ký: Chữ ký số của {SIGNER} không còn toàn vẹn" in page
    assert kept(issued) == before
    assert "Chưa có bản đã ký số." in page


def test_bytes_appended_after_signing_are_refused(client, world, issued, pki):
    signed = sign(stored_pdf(issued), pki["ours"]["signer"])
    verdict = verify(signed + b"\n% sua sau khi ky\n", issued=stored_pdf(issued))
    assert not verdict.accepted
    assert verdict.reason == (
        f"Tệp đã bị sửa sau khi ký: chữ ký số của {SIGNER} không phủ toàn bộ tệp."
    )


def test_a_change_saved_after_signing_is_refused(issued, pki):
    """A program that saves an edit after signing adds a revision the signature does not
    cover."""
    signed = sign(stored_pdf(issued), pki["ours"]["signer"])
    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    writer.root["/PageMode"] = generic.NameObject("/UseOutlines")
    writer.update_root()
    edited = io.BytesIO()
    writer.write(edited)
    verdict = verify(edited.getvalue(), issued=stored_pdf(issued))
    assert "Tệp đã bị sửa sau khi ký" in verdict.reason


def test_an_unsigned_or_unreadable_file_is_refused(client, world, issued):
    client.force_login(world["staff_a"])
    before = kept(issued)
    assert "Tệp chưa được ký số." in upload(client, issued, stored_pdf(issued)).content.decode()
    page = upload(client, issued, b"MZ\x90\x00 not a pdf", name="bao-cao.pdf").content.decode()
    assert "Tệp tải lên không phải tệp PDF." in page
    broken = verify(b"%PDF-1.7\n1 0 obj <<")
    assert broken.reason.startswith("Không đọc được tệp PDF tải lên")
    assert kept(issued) == before


def test_a_signed_pdf_that_is_not_the_issued_one_is_refused(client, world, issued, pki):
    client.force_login(world["staff_a"])
    other = Report.objects.get(pk=issued.pk)
    other.pk, other.number = None, "16/BC-SKHCN"
    # the same report printed again to PDF before signing: other bytes
    other.save()
    reprinted = pdf(other, other.data)
    page = upload(client, issued, sign(reprinted, pki["ours"]["signer"])).content.decode()
    assert "Tệp đã ký không phải tệp PDF đã ban hành của báo cáo này" in page
    assert Report.objects.get(pk=issued.pk).signature is None


def test_content_changed_while_signing_is_refused(issued, pki):
    """The signing revision itself may hold more than the signature: a page changed in the
    same update is not the issued document."""
    writer = IncrementalPdfFileWriter(io.BytesIO(stored_pdf(issued)))
    page = writer.root["/Pages"]["/Kids"][0]
    page_ref = writer.root["/Pages"].raw_get("/Kids")[0]
    fake = generic.StreamObject(stream_data=b"BT /F1 24 Tf 100 700 Td (0 trieu) Tj ET")
    page["/Contents"] = writer.add_object(fake)
    writer.update_container(page_ref.get_object())
    meta = signers.PdfSignatureMetadata(field_name="ChuKy1")
    signed = signers.sign_pdf(writer, meta, signer=pki["ours"]["signer"]).getvalue()
    verdict = verify(signed, issued=stored_pdf(issued))
    assert verdict.reason.startswith("Tệp đã ký có nội dung khác tệp PDF đã ban hành")


def test_a_second_signature_after_the_first_is_accepted(issued, pki):
    """The director signs, then the department's văn thư adds the seal signature."""
    first = sign(stored_pdf(issued), pki["ours"]["signer"], field="GiamDoc")
    both = sign(first, pki["other"]["signer"], field="VanThu")
    verdict = verify(both, issued=stored_pdf(issued))
    assert verdict.accepted, verdict.reason
    assert [s.issuer for s in verdict.signatures] == ["CA Thử nghiệm Quốc gia", "CA Khác"]


def test_trust_follows_the_configured_roots(client, world, issued, pki, settings, tmp_path):
    root = tmp_path / "root.pem"
    root.write_bytes(pki["ours"]["root_pem"])
    settings.REPORT_SIGNATURE_TRUST_ROOTS = [str(root)]
    ours = verify(sign(stored_pdf(issued), pki["ours"]["signer"]), issued=stored_pdf(issued))
    assert ours.accepted and ours.trusted
    # another authority's certificate: accepted, said to be unverified
    client.force_login(world["staff_a"])
    page = upload(client, issued, sign(stored_pdf(issued), pki["other"]["signer"]))
    text = page.content.decode()
    assert "Đã nhận bản đã ký số của báo cáo." in text
    assert "chưa xác minh được chứng thư số (do CA Khác cấp)" in text
    # the first, trusted, replaces it; the history keeps the other
    page = upload(client, issued, sign(stored_pdf(issued), pki["ours"]["signer"])).content
    assert "do CA Thử nghiệm Quốc gia cấp, thuộc tổ chức chứng thực tin cậy" in page.decode()
    history = [h.signature["signatures"][0]["issuer"] for h in issued.history.all()[:2]]
    assert history == ["CA Thử nghiệm Quốc gia", "CA Khác"]


def test_an_oversized_file_is_refused_before_it_is_read(client, world, issued, settings):
    settings.ATTACHMENT_MAX_BYTES = 1024 * 1024
    client.force_login(world["staff_a"])
    before = kept(issued)
    page = upload(client, issued, b"%PDF-1.7\n" + b"0" * (1536 * 1024)).content.decode()
    assert "Không nhận tệp đã ký: Tệp lớn 1,5 MB, quá giới hạn 1,0 MB." in page
    assert kept(issued) == before


def test_while_the_pdf_is_being_made_the_upload_waits(client, world, issued, pki):
    signed = sign(stored_pdf(issued), pki["ours"]["signer"])
    Report.objects.filter(pk=issued.pk).update(pdf="")
    client.force_login(world["staff_a"])
    page = upload(client, issued, signed).content.decode()
    assert "Tệp PDF của báo cáo đang được tạo, hãy thử lại sau." in page
    assert Report.objects.get(pk=issued.pk).signature is None


def test_a_draft_takes_no_signed_file(client, world, issued, pki):
    signed = sign(stored_pdf(issued), pki["ours"]["signer"])
    Report.objects.filter(pk=issued.pk).update(state=Report.State.DRAFT)
    client.force_login(world["staff_a"])
    page = upload(client, issued, signed).content.decode()
    assert "Chỉ báo cáo đã ban hành mới nhận bản đã ký số." in page
    assert "Tải lên bản đã ký số" not in page
    assert Report.objects.get(pk=issued.pk).signature is None


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("staff_a", 200),
        ("leader_a", 403),
        ("staff_b", 404),
        ("national", 404),
        (None, 302),
    ],
)
def test_only_the_provinces_staff_upload_a_signed_copy(client, world, issued, pki, who, status):
    signed = sign(stored_pdf(issued), pki["ours"]["signer"])
    before = kept(issued)
    if who:
        client.force_login(world[who])
    file = SimpleUploadedFile("da-ky.pdf", signed, content_type="application/pdf")
    response = client.post(reverse("ubnd_sign", args=[issued.pk]), {"file": file})
    if status == 200:  # kept, then back to the report
        assert response.status_code == 302
        assert kept(issued)[1]["signatures"][0]["signer"] == SIGNER
        assert kept(issued)[4] == before[4] + 1
        return
    assert response.status_code == status
    if who is None:
        assert response["Location"].startswith(reverse("login"))
    assert kept(issued) == before


def test_the_page_offers_the_upload_to_staff_only_and_the_copy_to_readers(
    client, world, issued, pki
):
    client.force_login(world["staff_a"])
    upload(client, issued, sign(stored_pdf(issued), pki["ours"]["signer"]))
    assert (
        "Thay bằng bản đã ký số mới"
        in client.get(reverse("ubnd_detail", args=[issued.pk])).content.decode()
    )
    assert client.get(reverse("ubnd_sign", args=[issued.pk])).status_code == 405  # POST only
    client.force_login(world["leader_a"])
    page = client.get(reverse("ubnd_detail", args=[issued.pk])).content.decode()
    assert SIGNER in page and "Tải bản đã ký số" in page
    assert "Tải lên bản đã ký số" not in page and "Thay bằng bản đã ký số mới" not in page
    client.force_login(world["staff_b"])
    assert client.get(reverse("ubnd_download", args=[issued.pk, "signed"])).status_code == 404


def test_a_visible_signature_box_is_accepted(issued, pki):
    """Signing programs draw the signature (name, time, the seal's image) in a box on the page:
    a signature widget, not a change to the page's content."""
    writer = IncrementalPdfFileWriter(io.BytesIO(stored_pdf(issued)))
    append_signature_field(writer, SigFieldSpec("ChuKy1", box=(320, 60, 540, 140), on_page=-1))
    meta = signers.PdfSignatureMetadata(field_name="ChuKy1")
    signed = signers.sign_pdf(writer, meta, signer=pki["ours"]["signer"]).getvalue()
    verdict = verify(signed, issued=stored_pdf(issued))
    assert verdict.accepted, verdict.reason
    assert verdict.signatures[0].organisation == AGENCY


@pytest.fixture
def server_certificate(pki, settings, tmp_path):
    """The department's certificate and key as the server holds them: a PKCS#12 file."""
    bundle = pkcs12.serialize_key_and_certificates(
        b"so-khcn",
        pki["ours"]["key"],
        pki["ours"]["cert"],
        [pki["ours"]["root"]],
        serialization.BestAvailableEncryption(PASSPHRASE.encode()),
    )
    path = tmp_path / "so-khcn.p12"
    path.write_bytes(bundle)
    settings.REPORT_SIGNING_PKCS12 = str(path)
    settings.REPORT_SIGNING_PKCS12_PASSPHRASE = PASSPHRASE
    return path


def test_the_server_signs_with_the_departments_certificate(
    client, world, issued, server_certificate
):
    client.force_login(world["leader_a"])
    before = kept(issued)
    url = reverse("ubnd_sign_on_server", args=[issued.pk])
    assert client.post(url).status_code == 403
    assert kept(issued) == before
    client.force_login(world["staff_a"])
    page = client.post(url, follow=True).content.decode()
    assert "Máy chủ đã ký số báo cáo." in page
    assert SIGNER in page and "ký lúc 25/11/2026 09:00" in page
    issued.refresh_from_db()
    with issued.signed_pdf.open("rb") as handle:
        assert handle.read().startswith(stored_pdf(issued))


def test_without_a_certificate_the_server_does_not_sign(client, world, issued, settings):
    settings.REPORT_SIGNING_PKCS12 = ""
    client.force_login(world["staff_a"])
    page = client.get(reverse("ubnd_detail", args=[issued.pk])).content.decode()
    assert "Ký số bằng chứng thư của Sở trên máy chủ" not in page
    page = client.post(reverse("ubnd_sign_on_server", args=[issued.pk]), follow=True)
    assert "Máy chủ chưa được cấu hình chứng thư số" in page.content.decode()
    assert Report.objects.get(pk=issued.pk).signature is None


def test_a_wrong_passphrase_is_said(client, world, issued, server_certificate, settings):
    settings.REPORT_SIGNING_PKCS12_PASSPHRASE = PASSPHRASE + "-sai"
    client.force_login(world["staff_a"])
    page = client.post(reverse("ubnd_sign_on_server", args=[issued.pk]), follow=True)
    assert "Không đọc được chứng thư số của máy chủ" in page.content.decode()
