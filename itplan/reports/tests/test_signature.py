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
from cryptography.x509.oid import NameOID
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers
from pyhanko_certvalidator.registry import SimpleCertificateStore

from itplan.models import Report
from itplan.reports import Period, issue, new_report
from itplan.reports.signature import verify
from tests.factories import make_user

SIGNER = "Nguyễn Văn An"
AGENCY = "Sở Khoa học và Công nghệ tỉnh Cà Mau"
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
    return {"root_pem": root.public_bytes(serialization.Encoding.PEM), "signer": signer}


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
def issued(world):
    """Province A's plan report, issued: its PDF stored as the clerk downloads it."""
    staff, plan = world["staff_a"], world["a"].plan
    draft, _ = new_report(
        params={"ke_hoach": str(plan.pk)},
        period=Period(),
        user=staff,
        today=datetime.date(2026, 11, 25),
    )
    draft.save()
    return issue(draft, user=staff, number="15/BC-SKHCN")


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
