"""PAdES signatures on dossier PDFs: sign in memory, and verify what a reader would trust.

Decisions recorded here:

- Signatures are PAdES baseline B-B: ``/SubFilter /ETSI.CAdES.detached``, SHA-256, made with
  pyHanko entirely in memory. RSA keys sign with PKCS#1 v1.5 inside the PDF (the widest reader
  support); ECDSA keys with ECDSA-SHA256. No time-stamp authority is used (hrcase is offline), so
  the signing time is the signer's own clock (``/M``).
- The optional visible signature is a box in the lower-left corner of the last page. Its
  appearance is drawn with ReportLab in PT Sans (Cyrillic and Kazakh letters render; pyHanko's
  built-in stamp fonts cannot) and imported from memory as a form XObject.
- ``verify_pdf`` reports the *first* signature of the file, because that is the author's. It is
  ``intact`` only if the signature is cryptographically valid *and* covers every byte of the file.
  Anything after the signed range (an incremental update, a second signature, even trailing
  bytes) sets ``modified_after_signing``: poppler's ``pdfsig`` still calls such a signature
  "valid", hrcase does not. Trust comes from the caller's known certificates (contacts), not
  from any certificate authority; nothing is fetched from the network.
- pyHanko and its certificate validator log certificate subjects (researchers' names) and
  tracebacks while they evaluate trust. hrcase logs never carry names, so importing this module
  silences those two loggers.
"""

from __future__ import annotations

import binascii
import datetime as dt
import logging
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from io import BytesIO
from pathlib import Path

import fontpkg_pt_sans
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils.content import PdfContent
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.layout import BoxConstraints
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko.stamp import StaticStampStyle
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from hrcase.errors import HrcaseError
from hrcase.i18n import _
from hrcase.services.identity_keys import (
    IdentityError,
    certificate_fingerprint,
    check_signing_key_usage,
    load_certificate,
    subject_attribute,
)

STAMP_WIDTH = 260
STAMP_HEIGHT = 78
STAMP_MARGIN = 36
STAMP_FONT = "hrcase-PTSans"
STAMP_FONT_FILE = Path(fontpkg_pt_sans.__file__).parent / "files" / "PT_Sans-Web-Regular.ttf"
FIELD_PREFIX = "hrcase-signature-"
PDF_HEADER_WINDOW = 1024
SILENCED_LOGGERS = ("pyhanko", "pyhanko_certvalidator")


def _silence_library_logs() -> None:
    for name in SILENCED_LOGGERS:
        logging.getLogger(name).setLevel(logging.CRITICAL + 1)


_silence_library_logs()


class PdfSigningError(HrcaseError):
    """A PDF could not be signed; one sentence why."""

    exit_code = 21


@dataclass
class SignatureReport:
    """Who signed a PDF, and whether the file is exactly what they signed."""

    signed: bool
    intact: bool
    modified_after_signing: bool = False
    signer_name: str | None = None
    organisation: str | None = None
    signed_at: dt.datetime | None = None
    fingerprint: str | None = None
    known_signer: bool = False
    problems: list[str] = field(default_factory=list)


def sign_pdf(pdf: bytes, signing_key_pem: bytes, certificate_pem: bytes,
             chain_pems: Iterable[bytes] = (), *, reason: str, location: str | None,
             signer_name: str, visible: bool = False) -> bytes:
    """The PDF with a PAdES signature appended as an incremental update (all in memory)."""
    certificate = load_certificate(certificate_pem)
    check_signing_key_usage(certificate)
    signer = _signer(signing_key_pem, certificate, chain_pems)
    try:
        writer = IncrementalPdfFileWriter(BytesIO(pdf), strict=False)
        if writer.prev.encrypted:
            raise PdfSigningError(_("Encrypted PDF files cannot be signed."))
        field_name = FIELD_PREFIX + uuid.uuid4().hex[:12]
        stamp_style = None
        field_spec = fields.SigFieldSpec(sig_field_name=field_name)
        if visible:
            x0, y0 = _last_page_origin(writer)
            field_spec = fields.SigFieldSpec(
                sig_field_name=field_name, on_page=-1,
                box=(x0 + STAMP_MARGIN, y0 + STAMP_MARGIN, x0 + STAMP_MARGIN + STAMP_WIDTH,
                     y0 + STAMP_MARGIN + STAMP_HEIGHT))
            appearance = _stamp_appearance(signer_name,
                                           subject_attribute(certificate,
                                                             NameOID.ORGANIZATION_NAME),
                                           reason, location)
            stamp_style = StaticStampStyle(background=_InMemoryPdfPage(appearance),
                                           border_width=0, background_opacity=1.0)
        metadata = signers.PdfSignatureMetadata(
            field_name=field_name, md_algorithm="sha256",
            subfilter=fields.SigSeedSubFilter.PADES, reason=reason or None,
            location=location or None, name=signer_name or None)
        pdf_signer = signers.PdfSigner(metadata, signer, stamp_style=stamp_style,
                                       new_field_spec=field_spec)
        output = pdf_signer.sign_pdf(writer, output=BytesIO())
    except HrcaseError:
        raise
    except Exception as exc:  # outside data: pyHanko raises many types on damaged PDFs
        raise PdfSigningError(_("The PDF could not be signed: it is damaged or not a PDF "
                                "file.")) from exc
    return output.getvalue()


def verify_pdf(pdf: bytes, known_certificates: Iterable[bytes] = ()) -> SignatureReport:
    """Check the first signature of a PDF against its bytes and the known certificates."""
    known = {load_certificate(cert).public_bytes(serialization.Encoding.DER)
             for cert in known_certificates}
    if not isinstance(pdf, (bytes, bytearray)) or b"%PDF-" not in bytes(pdf[:PDF_HEADER_WINDOW]):
        return SignatureReport(signed=False, intact=False,
                               problems=[_("The file is not a PDF document.")])
    pdf = bytes(pdf)
    try:
        reader = PdfFileReader(BytesIO(pdf), strict=False)
        if reader.encrypted:
            return SignatureReport(signed=False, intact=False, problems=[
                _("The PDF is encrypted; hrcase cannot check its signatures.")])
        signatures = reader.embedded_regular_signatures
    except Exception:  # outside data: pyHanko's reader raises many types on damaged files
        return SignatureReport(signed=False, intact=False,
                               problems=[_("The PDF is damaged and could not be read.")])
    if not signatures:
        return SignatureReport(signed=False, intact=False,
                               problems=[_("The PDF is not signed.")])
    return _check_signature(signatures[0], len(pdf), known)


def _check_signature(embedded: EmbeddedPdfSignature, file_size: int,
                     known: set[bytes]) -> SignatureReport:
    """The report on one embedded signature; any damage becomes a problem, not an exception."""
    report = SignatureReport(signed=True, intact=False)
    try:
        signer_der = embedded.signer_cert.dump()
        byte_range = [int(n) for n in embedded.byte_range]
        context = ValidationContext(trust_roots=[asn1_x509.Certificate.load(der)
                                                 for der in known],
                                    allow_fetching=False)
        status = validate_pdf_signature(embedded, signer_validation_context=context,
                                        skip_diff=True)
    except Exception:  # outside data: a damaged signature can fail in many ways
        report.problems.append(_("The signature is damaged or in a form hrcase cannot check."))
        return report
    certificate = _describe_signer(report, signer_der, known)
    crypto_ok = bool(status.intact and status.valid)
    covers_file = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    report.modified_after_signing = (not covers_file and len(byte_range) == 4
                                     and byte_range[2] + byte_range[3] < file_size)
    report.intact = crypto_ok and covers_file
    if status.signer_reported_dt is not None:
        report.signed_at = status.signer_reported_dt.astimezone(dt.timezone.utc)
    if not crypto_ok:
        report.problems.append(_("The signature does not match the document: the signed "
                                 "content was changed or the signature is damaged."))
    if report.modified_after_signing:
        report.problems.append(_("Content was added to the document after it was signed."))
    elif not covers_file:
        report.problems.append(_("The signature does not cover the whole document."))
    if certificate is not None and report.signed_at is not None and not (
            certificate.not_valid_before_utc <= report.signed_at
            <= certificate.not_valid_after_utc):
        report.problems.append(_("The signer's certificate was not valid at the stated "
                                 "signing time."))
    if not report.known_signer:
        report.problems.append(_("The signer is not one of your known contacts: compare the "
                                 "certificate fingerprint with the signer before you trust it."))
    return report


def _describe_signer(report: SignatureReport, signer_der: bytes,
                     known: set[bytes]) -> x509.Certificate | None:
    """Fill in who signed; the signer's certificate, or None if it is damaged."""
    try:
        certificate = load_certificate(signer_der)
    except IdentityError:
        report.problems.append(_("The signer's certificate is damaged."))
        return None
    report.signer_name = subject_attribute(certificate, NameOID.COMMON_NAME)
    report.organisation = subject_attribute(certificate, NameOID.ORGANIZATION_NAME)
    report.fingerprint = certificate_fingerprint(certificate)
    report.known_signer = signer_der in known
    return certificate


def _signer(key_pem: bytes, certificate: x509.Certificate,
            chain_pems: Iterable[bytes]) -> signers.SimpleSigner:
    try:
        key = serialization.load_pem_private_key(key_pem, password=None)
    except (ValueError, TypeError) as exc:
        raise PdfSigningError(_("The signing key is damaged or not supported.")) from exc
    if key.public_key() != certificate.public_key():
        raise PdfSigningError(_("The signing key does not belong to the certificate."))
    key_der = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    chain = [asn1_x509.Certificate.load(
        load_certificate(pem).public_bytes(serialization.Encoding.DER)) for pem in chain_pems]
    return signers.SimpleSigner(
        signing_cert=asn1_x509.Certificate.load(
            certificate.public_bytes(serialization.Encoding.DER)),
        signing_key=asn1_keys.PrivateKeyInfo.load(key_der),
        cert_registry=SimpleCertificateStore.from_certs(chain))


def _last_page_origin(writer: IncrementalPdfFileWriter) -> tuple[float, float]:
    """Lower-left corner of the last page's media box (inherited boxes included)."""
    page_ref, _resources = writer.find_page_for_modification(-1)
    node = page_ref.get_object()
    for _depth in range(32):
        box = node.get("/MediaBox")
        if box is not None:
            x0, y0, x1, y1 = (float(v) for v in box)
            return min(x0, x1), min(y0, y1)
        if "/Parent" not in node:
            break
        node = node["/Parent"].get_object()
    return 0.0, 0.0


@cache
def _stamp_font() -> str:
    pdfmetrics.registerFont(TTFont(STAMP_FONT, str(STAMP_FONT_FILE)))
    return STAMP_FONT


def _stamp_appearance(signer_name: str, organisation: str | None, reason: str,
                      location: str | None) -> bytes:
    """A one-page PDF, exactly the size of the signature box, with the stamp text."""
    font = _stamp_font()
    when = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    lines = [_("Digitally signed by %(name)s") % {"name": signer_name}]
    if organisation:
        lines.append(organisation)
    lines.append(_("Date: %(date)s") % {"date": when})
    if reason:
        lines.append(_("Reason: %(reason)s") % {"reason": reason})
    if location:
        lines.append(_("Place: %(place)s") % {"place": location})
    buffer = BytesIO()
    page = canvas.Canvas(buffer, pagesize=(STAMP_WIDTH, STAMP_HEIGHT), invariant=True)
    page.setStrokeColorRGB(0.2, 0.2, 0.2)
    page.setLineWidth(0.8)
    page.rect(0.5, 0.5, STAMP_WIDTH - 1, STAMP_HEIGHT - 1)
    size = min(9.0, (STAMP_HEIGHT - 8) / (len(lines) * 1.2))
    y = STAMP_HEIGHT - 4 - size
    for line in lines:
        page.setFont(font, size)
        page.drawString(5, y, _fit(line, font, size, STAMP_WIDTH - 10))
        y -= size * 1.2
    page.showPage()
    page.save()
    return buffer.getvalue()


def _fit(text: str, font: str, size: float, width: float) -> str:
    """``text`` shortened with an ellipsis until it fits ``width`` points."""
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    while text and pdfmetrics.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


class _InMemoryPdfPage(PdfContent):
    """The first page of an in-memory PDF as stamp content (pyHanko's own reads a file)."""

    def __init__(self, pdf: bytes) -> None:
        super().__init__()
        self.pdf = pdf

    def render(self) -> bytes:
        writer = self._ensure_writer
        xobject = writer.import_page_as_xobject(PdfFileReader(BytesIO(self.pdf)), page_ix=0)
        name = "/Stamp" + binascii.hexlify(uuid.uuid4().bytes).decode("ascii")
        self.resources.xobject[name] = xobject
        x1, y1, x2, y2 = (float(v) for v in xobject.get_object()["/BBox"])
        self.box = BoxConstraints(width=abs(x2 - x1), height=abs(y2 - y1))
        return name.encode("ascii") + b" Do"
