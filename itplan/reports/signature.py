"""Checking the digital signatures (chữ ký số) of an issued report's PDF signed outside the
portal (a USB token, a remote signing service) and uploaded back.

A signed PDF is the file it signs plus an incremental update holding the signature, so the
uploaded file must begin with the exact bytes of the PDF the portal issued, and what the later
revisions add must be signatures and nothing a reader sees. A file printed again to PDF, or
opened and saved by another program, before signing is refused: its bytes differ, and the
portal could no longer say that what was signed is what was issued; the clerk signs the PDF
downloaded from the portal instead.

Each signature must be intact (its digest matches) and the last must cover the whole file: a
change appended after signing is refused. Earlier signatures (the director's, then the
department's seal signature added by its văn thư) may be followed only by further signatures.

Trust: the signer's certificate is checked against the roots in
``settings.REPORT_SIGNATURE_TRUST_ROOTS``, without fetching revocation data from the network
(the server may have none). A signature that is intact but whose certificate does not chain to
a configured root is accepted and said to be unverified: the portal keeps the document the
department sent, and the reader judges the certificate; refusing it would only make the clerk
keep the signed file elsewhere.
"""

import datetime
import io
import logging
from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from pyhanko.keys import load_certs_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.errors import SignatureValidationError
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from itplan.reports.sameness import adds_only_signatures

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Signature:
    """What one signature says: who signed, for which organisation, when, under which
    authority, and whether its certificate chains to a trusted root."""

    signer: str
    organisation: str
    issuer: str
    signed_at: datetime.datetime | None
    trusted: bool


@dataclass
class Verdict:
    """The outcome of checking a signed file: accepted with its signatures, or refused with
    the reason a clerk can act on."""

    accepted: bool
    reason: str = ""
    signatures: list[Signature] = field(default_factory=list)

    @property
    def trusted(self) -> bool:
        return bool(self.signatures) and all(s.trusted for s in self.signatures)

    def as_json(self) -> dict:
        """The verdict as the report keeps it (``Report.signature``)."""
        return {
            "accepted": self.accepted,
            "reason": self.reason,
            "signatures": [
                {**asdict(s), "signed_at": s.signed_at.isoformat() if s.signed_at else None}
                for s in self.signatures
            ],
        }

    @classmethod
    def from_json(cls, data: dict | None) -> "Verdict | None":
        if not data:
            return None
        signatures = [
            Signature(**{**s, "signed_at": parse_datetime(s["signed_at"] or "")})
            for s in data.get("signatures", [])
        ]
        return cls(data.get("accepted", False), data.get("reason", ""), signatures)


def refused(reason: str) -> Verdict:
    return Verdict(accepted=False, reason=reason)


def trust_roots() -> list:
    """The certificates of the certification authorities a signature is checked against."""
    return list(load_certs_from_pemder(settings.REPORT_SIGNATURE_TRUST_ROOTS))


def _name(name, key: str) -> str:
    """One attribute ("common_name", "organization_name") of a certificate's subject or
    issuer name; several values (a name with two O attributes) are joined."""
    value = name.native.get(key, "") or ""
    return ", ".join(value) if isinstance(value, list) else value


def not_this_report() -> str:
    return _(
        "Tệp đã ký không phải tệp PDF đã ban hành của báo cáo này: hãy tải tệp PDF của báo cáo "
        "từ cổng rồi ký số trên chính tệp đó."
    )


def verify(pdf_bytes: bytes, *, issued: bytes | None = None) -> Verdict:
    """Check every signature of ``pdf_bytes``; with ``issued`` (the report's PDF as the portal
    issued it), also that the signed file is that PDF with signatures added and nothing else."""
    if pdf_bytes.lstrip()[:5] != b"%PDF-":
        return refused(_("Tệp tải lên không phải tệp PDF."))
    try:
        reader = PdfFileReader(io.BytesIO(pdf_bytes), strict=False)
        embedded = reader.embedded_signatures
    except Exception as error:  # noqa: BLE001 — any parser failure: the file cannot be read
        log.info("unreadable signed PDF: %r", error)
        return refused(_("Không đọc được tệp PDF tải lên (tệp hỏng hoặc không đúng định dạng)."))
    if not embedded:
        return refused(_("Tệp chưa được ký số."))
    context = ValidationContext(trust_roots=trust_roots(), allow_fetching=False)
    signatures = []
    for position, signature in enumerate(embedded, start=1):
        try:
            status = validate_pdf_signature(signature, context)
        except (SignatureValidationError, ValueError, KeyError) as error:
            log.info("unreadable signature: %r", error)
            return refused(
                _("Không đọc được chữ ký số thứ %(position)s trong tệp.") % {"position": position}
            )
        subject = status.signing_cert.subject
        signer = _name(subject, "common_name") or subject.human_friendly
        if not (status.intact and status.valid):
            return refused(
                _(
                    "Chữ ký số của %(signer)s không còn toàn vẹn: nội dung tệp không khớp với "
                    "chữ ký (tệp đã bị sửa sau khi ký)."
                )
                % {"signer": signer}
            )
        last = position == len(embedded)
        whole = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
        if (last and not whole) or (not last and not status.docmdp_ok):
            return refused(
                _("Tệp đã bị sửa sau khi ký: chữ ký số của %(signer)s không phủ toàn bộ tệp.")
                % {"signer": signer}
            )
        timestamp = status.timestamp_validity
        signed_at = timestamp.timestamp if timestamp and timestamp.intact else None
        signatures.append(
            Signature(
                signer=signer,
                organisation=_name(subject, "organization_name"),
                issuer=_name(status.signing_cert.issuer, "common_name"),
                signed_at=signed_at or status.signer_reported_dt,
                trusted=status.trusted,
            )
        )
    # after the signatures: a file changed after signing is refused for that, not as another file
    reason = _not_the_issued(reader, pdf_bytes, issued) if issued is not None else ""
    if reason:
        return refused(reason)
    return Verdict(accepted=True, signatures=signatures)


def _not_the_issued(reader: PdfFileReader, signed: bytes, issued: bytes) -> str:
    """Why ``signed`` is not ``issued`` with signatures added ("" when it is)."""
    if not signed.startswith(issued):
        return not_this_report()
    try:
        base = PdfFileReader(io.BytesIO(issued), strict=False).xrefs.total_revisions - 1
    except Exception:  # noqa: BLE001 — the stored PDF is the portal's own
        log.exception("the issued PDF cannot be read")
        return not_this_report()
    if not adds_only_signatures(reader, base):
        return _(
            "Tệp đã ký có nội dung khác tệp PDF đã ban hành của báo cáo này (đã thêm hoặc sửa "
            "nội dung ngoài chữ ký số)."
        )
    return ""
