"""PAdES signing and verification of dossier PDFs, checked by pyHanko and by poppler's pdfsig."""

from __future__ import annotations

import datetime as dt
import logging
import re
import shutil
import subprocess
import time
from io import BytesIO
from pathlib import Path

import fontpkg_pt_sans
import pytest
from asn1crypto import cms
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from hrcase.services.identity_keys import (
    IdentityError,
    IdentityMaterial,
    certificate_fingerprint,
    create_identity,
    import_pkcs12,
)
from hrcase.services.pdf_signing import PdfSigningError, SignatureReport, sign_pdf, verify_pdf

KAZAKH = "Қазақстан ӘҒҚҢӨҰҮҺІ"
FONT_FILE = Path(fontpkg_pt_sans.__file__).parent / "files" / "PT_Sans-Web-Regular.ttf"
PDFSIG = shutil.which("pdfsig")
PDFTOTEXT = shutil.which("pdftotext")
needs_pdfsig = pytest.mark.skipif(PDFSIG is None, reason="pdfsig (poppler-utils) is not installed")


def make_pdf(pages: int = 2, lines_per_page: int = 3) -> bytes:
    """A small dossier-like PDF with Kazakh text in PT Sans (embedded subset)."""
    pdfmetrics.registerFont(TTFont("TestPTSans", str(FONT_FILE)))
    buffer = BytesIO()
    page = canvas.Canvas(buffer)
    for number in range(pages):
        page.setFont("TestPTSans", 11)
        for line in range(lines_per_page):
            page.drawString(60, 780 - 14 * line,
                            f"{KAZAKH} — бет {number + 1}, жол {line + 1}. Айыпталушы тергеуші.")
        page.showPage()
    page.save()
    return buffer.getvalue()


def sign(pdf: bytes, who: IdentityMaterial, *, visible: bool = False) -> bytes:
    return sign_pdf(pdf, who.signing_key_pem, who.certificate_pem, reason="Досье / dossier",
                    location="Алматы", signer_name="Айгерим Сәрсенова", visible=visible)


@pytest.fixture(scope="module")
def researcher() -> IdentityMaterial:
    return create_identity("Айгерим Сәрсенова", "Invented Rights Bureau")


@pytest.fixture(scope="module")
def stranger() -> IdentityMaterial:
    return create_identity("Mallory Example", None)


@pytest.fixture(scope="module")
def plain_pdf() -> bytes:
    return make_pdf()


@pytest.fixture(scope="module")
def signed_pdf(plain_pdf: bytes, researcher: IdentityMaterial) -> bytes:
    return sign(plain_pdf, researcher)


def run_pdfsig(tmp_path: Path, pdf: bytes) -> str:
    path = tmp_path / "dossier.pdf"
    path.write_bytes(pdf)
    result = subprocess.run([PDFSIG or "pdfsig", str(path)], capture_output=True, text=True,
                            timeout=60)
    return result.stdout + result.stderr


def assert_intact(report: SignatureReport) -> None:
    assert report.signed and report.intact and not report.modified_after_signing


# --- signing ------------------------------------------------------------------------------------

def test_signed_pdf_is_pades_and_an_incremental_update(plain_pdf: bytes, signed_pdf: bytes) -> None:
    assert signed_pdf.startswith(plain_pdf)
    assert b"/ETSI.CAdES.detached" in signed_pdf
    assert b"/adbe.pkcs7.detached" not in signed_pdf


def test_sign_and_verify_intact(signed_pdf: bytes, researcher: IdentityMaterial) -> None:
    before = dt.datetime.now(dt.timezone.utc)
    report = verify_pdf(signed_pdf, [researcher.certificate_pem])
    assert_intact(report)
    assert report.known_signer
    assert report.problems == []
    assert report.signer_name == "Айгерим Сәрсенова"
    assert report.organisation == "Invented Rights Bureau"
    assert report.fingerprint == certificate_fingerprint(researcher.certificate_pem)
    assert report.signed_at is not None and report.signed_at.tzinfo is not None
    assert abs(report.signed_at - before) < dt.timedelta(minutes=5)


def test_visible_signature(plain_pdf: bytes, researcher: IdentityMaterial, tmp_path: Path) -> None:
    signed = sign(plain_pdf, researcher, visible=True)
    assert_intact(verify_pdf(signed, [researcher.certificate_pem]))
    if PDFTOTEXT:
        path = tmp_path / "visible.pdf"
        path.write_bytes(signed)
        text = subprocess.run([PDFTOTEXT, "-f", "2", "-l", "2", str(path), "-"],
                              capture_output=True, text=True, timeout=60).stdout
        assert KAZAKH in text
        assert "Айгерим Сәрсенова" in text and "Алматы" in text


@needs_pdfsig
@pytest.mark.parametrize("visible", [False, True])
def test_pdfsig_validates_the_signature(plain_pdf: bytes, researcher: IdentityMaterial,
                                        tmp_path: Path, visible: bool) -> None:
    output = run_pdfsig(tmp_path, sign(plain_pdf, researcher, visible=visible))
    assert "Signature is Valid" in output
    assert "Total document signed" in output
    assert "Not total document signed" not in output
    assert "ETSI.CAdES.detached" in output
    assert "SHA-256" in output


def _rsa_identity() -> tuple[bytes, bytes, tuple[bytes, ...]]:
    """An organisation-style RSA key with its own (invented) CA, via PKCS#12."""
    now = dt.datetime.now(dt.timezone.utc)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Invented Root CA")])
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name)
          .public_key(ca_key.public_key()).serial_number(1)
          .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=9))
          .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
          .sign(ca_key, hashes.SHA256()))
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    cert = (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Ержан Тестов"),
                                     x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Invented NGO")]))
            .issuer_name(ca_name).public_key(key.public_key()).serial_number(2)
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=9))
            .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False,
                                         False), critical=True)
            .sign(ca_key, hashes.SHA256()))
    data = pkcs12.serialize_key_and_certificates(
        b"org", key, cert, [ca], serialization.BestAvailableEncryption(b"pw"))
    return import_pkcs12(data, b"pw")


def test_rsa_pkcs12_identity_signs(plain_pdf: bytes, tmp_path: Path) -> None:
    key_pem, cert_pem, chain = _rsa_identity()
    signed = sign_pdf(plain_pdf, key_pem, cert_pem, chain, reason="Dossier", location=None,
                      signer_name="Ержан Тестов", visible=True)
    report = verify_pdf(signed, [cert_pem])
    assert_intact(report)
    assert report.known_signer and report.signer_name == "Ержан Тестов"
    if PDFSIG:
        output = run_pdfsig(tmp_path, signed)
        assert "Signature is Valid" in output and "Total document signed" in output


def test_sign_refuses_bad_input(plain_pdf: bytes, researcher: IdentityMaterial,
                                stranger: IdentityMaterial) -> None:
    for not_a_pdf in (b"", b"hello", b"%PDF-1.7\n" + b"\x00" * 100):
        with pytest.raises(PdfSigningError):
            sign(not_a_pdf, researcher)
    with pytest.raises(PdfSigningError, match="does not belong"):
        sign_pdf(plain_pdf, stranger.signing_key_pem, researcher.certificate_pem,
                 reason="x", location=None, signer_name="x")
    with pytest.raises(IdentityError):
        sign_pdf(plain_pdf, researcher.signing_key_pem, b"junk", reason="x", location=None,
                 signer_name="x")


# --- tampering ----------------------------------------------------------------------------------

def _flip(data: bytes, position: int) -> bytes:
    changed = bytearray(data)
    changed[position] ^= 0x01
    return bytes(changed)


def _contents_hole(signed: bytes) -> tuple[int, int]:
    """The byte range gap (the /Contents hex string), which the signature cannot cover."""
    match = re.search(rb"/ByteRange\s*\[\s*0\s+(\d+)\s+(\d+)\s+\d+\s*\]", signed)
    assert match
    return int(match.group(1)), int(match.group(2))


@pytest.mark.parametrize("target", [b"ReportLab PDF Library", b"/Type /Catalog", b"/Reason"])
def test_flipped_byte_in_signed_range_is_not_intact(signed_pdf: bytes, researcher: IdentityMaterial,
                                                    target: bytes) -> None:
    position = signed_pdf.rindex(target) + len(target) - 2
    report = verify_pdf(_flip(signed_pdf, position), [researcher.certificate_pem])
    assert not report.intact
    assert report.problems


def test_flipped_byte_in_content_stream_is_not_intact(signed_pdf: bytes,
                                                      researcher: IdentityMaterial) -> None:
    position = signed_pdf.index(b"stream\n") + 20
    report = verify_pdf(_flip(signed_pdf, position), [researcher.certificate_pem])
    assert report.signed and not report.intact
    assert any("does not match" in problem for problem in report.problems)


def test_damaged_signature_value_is_not_intact(signed_pdf: bytes,
                                               researcher: IdentityMaterial) -> None:
    start, end = _contents_hole(signed_pdf)
    der = bytes.fromhex(signed_pdf[start + 1:end - 1].decode("ascii"))
    signature = cms.ContentInfo.load(der, strict=False)["content"]["signer_infos"][0]["signature"]
    hex_position = start + 1 + 2 * (der.index(signature.native) + 10)
    damaged = bytearray(signed_pdf)
    damaged[hex_position] = ord("0") if damaged[hex_position] != ord("0") else ord("1")
    report = verify_pdf(bytes(damaged), [researcher.certificate_pem])
    assert report.signed and not report.intact and report.problems


def _incremental_update(signed: bytes) -> bytes:
    writer = IncrementalPdfFileWriter(BytesIO(signed))
    writer.root["/Lang"] = generic.TextStringObject("ru")
    writer.update_root()
    output = BytesIO()
    writer.write(output)
    return output.getvalue()


def test_incremental_update_after_signing_is_a_modification(
        signed_pdf: bytes, researcher: IdentityMaterial, tmp_path: Path) -> None:
    updated = _incremental_update(signed_pdf)
    assert updated.startswith(signed_pdf)
    report = verify_pdf(updated, [researcher.certificate_pem])
    assert report.signed and not report.intact and report.modified_after_signing
    assert report.known_signer and report.signer_name == "Айгерим Сәрсенова"
    assert any("added to the document after it was signed" in p for p in report.problems)
    if PDFSIG:
        # The pitfall hrcase guards against: pdfsig still calls this signature valid.
        output = run_pdfsig(tmp_path, updated)
        assert "Signature is Valid" in output and "Not total document signed" in output


def test_trailing_bytes_after_signing_are_a_modification(signed_pdf: bytes,
                                                         researcher: IdentityMaterial) -> None:
    report = verify_pdf(signed_pdf + b"\n% appended\n", [researcher.certificate_pem])
    assert report.signed and not report.intact and report.modified_after_signing


def test_second_signature_is_a_modification_of_the_first(
        signed_pdf: bytes, researcher: IdentityMaterial, stranger: IdentityMaterial) -> None:
    countersigned = sign(signed_pdf, stranger)
    report = verify_pdf(countersigned, [researcher.certificate_pem])
    assert report.signed and not report.intact and report.modified_after_signing
    assert report.signer_name == "Айгерим Сәрсенова" and report.known_signer


# --- who signed ---------------------------------------------------------------------------------

def test_known_and_unknown_signer(signed_pdf: bytes, researcher: IdentityMaterial,
                                  stranger: IdentityMaterial) -> None:
    known = verify_pdf(signed_pdf, [stranger.certificate_pem, researcher.certificate_pem])
    assert known.known_signer and known.problems == []
    der = x509.load_pem_x509_certificate(researcher.certificate_pem).public_bytes(
        serialization.Encoding.DER)
    assert verify_pdf(signed_pdf, [der]).known_signer
    for certificates in ([stranger.certificate_pem], []):
        unknown = verify_pdf(signed_pdf, certificates)
        assert unknown.intact and not unknown.known_signer
        assert any("not one of your known contacts" in p for p in unknown.problems)


def test_same_name_different_key_is_unknown(signed_pdf: bytes) -> None:
    impostor = create_identity("Айгерим Сәрсенова", "Invented Rights Bureau")
    report = verify_pdf(signed_pdf, [impostor.certificate_pem])
    assert not report.known_signer
    assert report.fingerprint != certificate_fingerprint(impostor.certificate_pem)


def test_logs_never_carry_the_signer_name(plain_pdf: bytes, researcher: IdentityMaterial,
                                          stranger: IdentityMaterial,
                                          caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG):
        signed = sign(plain_pdf, researcher, visible=True)
        verify_pdf(signed)
        verify_pdf(_incremental_update(signed), [stranger.certificate_pem])
    assert "Айгерим" not in caplog.text and "Invented Rights Bureau" not in caplog.text


# --- malformed input ----------------------------------------------------------------------------

@pytest.mark.parametrize("data", [b"", b"hello", b"%PDF-1.7\n", b"%PDF-1.4\n" + b"\xff" * 2000,
                                  b"\x00" * 5000])
def test_not_a_pdf_gives_a_report(data: bytes) -> None:
    report = verify_pdf(data)
    assert not report.signed and not report.intact and len(report.problems) == 1


def test_unsigned_pdf(plain_pdf: bytes) -> None:
    report = verify_pdf(plain_pdf)
    assert not report.signed and report.problems == ["The PDF is not signed."]


def test_truncated_signed_pdf(signed_pdf: bytes) -> None:
    for size in (len(signed_pdf) // 3, len(signed_pdf) - 200, len(signed_pdf) - 1):
        report = verify_pdf(signed_pdf[:size])
        assert not report.intact and report.problems


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_fuzz_byte_flips_never_raise(signed_pdf: bytes, researcher: IdentityMaterial,
                                     data: st.DataObject) -> None:
    position = data.draw(st.integers(0, len(signed_pdf) - 1))
    value = data.draw(st.integers(1, 255))
    changed = bytearray(signed_pdf)
    changed[position] ^= value
    report = verify_pdf(bytes(changed), [researcher.certificate_pem])
    assert isinstance(report, SignatureReport)
    start, end = _contents_hole(signed_pdf)
    if not start <= position < end:
        assert not report.intact


@pytest.mark.slow
def test_signing_a_300_page_dossier_is_fast(researcher: IdentityMaterial) -> None:
    big = make_pdf(pages=300, lines_per_page=40)
    sign(big, researcher)  # warm up (font and code loading)
    started = time.perf_counter()
    signed = sign(big, researcher, visible=True)
    elapsed = time.perf_counter() - started
    assert verify_pdf(signed, [researcher.certificate_pem]).intact
    assert elapsed < 2.0, f"signing took {elapsed:.2f} s"
