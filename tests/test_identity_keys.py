"""Identity keys: certificates, fingerprints, identity cards, PKCS#12 import, raw signatures."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable

import pyrage
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hrcase.errors import ValidationError
from hrcase.services.identity_keys import (
    DOCUMENT_SIGNING_MS,
    IdentityCard,
    IdentityError,
    IdentityMaterial,
    create_identity,
    import_pkcs12,
    sign_bytes,
    verify_bytes,
)

NAME = "Айгерим Сәрсенова"
ORG = "Қазақстан құқық бюросы"


@pytest.fixture(scope="module")
def material() -> IdentityMaterial:
    return create_identity(NAME, ORG, "aigerim@example.org")


@pytest.fixture(scope="module")
def card_bytes(material: IdentityMaterial) -> bytes:
    return material.card().to_bytes()


def make_cert(key: ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey, *, digital_signature: bool = True,
              non_repudiation: bool = True, cn: str = "Ержан Тестов") -> x509.Certificate:
    """A self-signed test certificate with the chosen key usages."""
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Invented NGO")])
    now = dt.datetime.now(dt.timezone.utc)
    return (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=365))
            .add_extension(x509.KeyUsage(digital_signature, non_repudiation, False, False, False,
                                         False, False, False, False), critical=True)
            .sign(key, hashes.SHA256()))


def p12(key: pkcs12.PKCS12PrivateKeyTypes | None, cert: x509.Certificate | None,
        password: bytes | None, cas: list[x509.Certificate] | None = None) -> bytes:
    encryption = (serialization.BestAvailableEncryption(password) if password
                  else serialization.NoEncryption())
    return pkcs12.serialize_key_and_certificates(b"test", key, cert, cas, encryption)


# --- created identities -------------------------------------------------------------------------

def test_certificate_is_a_signing_certificate(material: IdentityMaterial) -> None:
    cert = x509.load_pem_x509_certificate(material.certificate_pem)
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage)
    assert usage.critical
    assert usage.value.digital_signature and usage.value.content_commitment
    assert not usage.value.key_cert_sign
    constraints = cert.extensions.get_extension_for_class(x509.BasicConstraints)
    assert constraints.critical and constraints.value.ca is False
    eku = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert ExtendedKeyUsageOID.EMAIL_PROTECTION in eku and DOCUMENT_SIGNING_MS in eku
    cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier)
    san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert san.get_values_for_type(x509.RFC822Name) == ["aigerim@example.org"]
    assert cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == NAME
    assert cert.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value == ORG
    assert cert.issuer == cert.subject
    life = cert.not_valid_after_utc - cert.not_valid_before_utc
    assert dt.timedelta(days=5 * 365) <= life <= dt.timedelta(days=5 * 366)
    assert cert.not_valid_before_utc <= dt.datetime.now(dt.timezone.utc)
    cert.verify_directly_issued_by(cert)


def test_signing_key_is_unencrypted_pkcs8_p256(material: IdentityMaterial) -> None:
    assert material.signing_key_pem.startswith(b"-----BEGIN PRIVATE KEY-----")
    key = serialization.load_pem_private_key(material.signing_key_pem, None)
    assert isinstance(key, ec.EllipticCurvePrivateKey) and key.curve.name == "secp256r1"
    cert = x509.load_pem_x509_certificate(material.certificate_pem)
    assert key.public_key() == cert.public_key()


def test_age_key_pair_works(material: IdentityMaterial) -> None:
    assert material.age_identity.startswith("AGE-SECRET-KEY-1")
    assert material.age_recipient.startswith("age1")
    secret = pyrage.encrypt(b"testimony", [pyrage.x25519.Recipient.from_str(material.age_recipient)])
    identity = pyrage.x25519.Identity.from_str(material.age_identity)
    assert pyrage.decrypt(secret, [identity]) == b"testimony"


def test_fingerprint_is_short_comparable_and_reproducible(material: IdentityMaterial) -> None:
    fingerprint = material.fingerprint()
    assert re.fullmatch(r"([A-Z2-7]{4} ){7}[A-Z2-7]{4}", fingerprint)
    der = x509.load_pem_x509_certificate(material.certificate_pem).public_bytes(
        serialization.Encoding.DER)
    digest = hashlib.sha256(der + material.age_recipient.encode()).digest()
    assert fingerprint.replace(" ", "") == base64.b32encode(digest).decode()[:32]
    other_age = str(pyrage.x25519.Identity.generate().to_public())
    changed = IdentityMaterial(material.signing_key_pem, material.certificate_pem, "x", other_age)
    assert changed.fingerprint() != fingerprint


def test_identities_without_organisation_or_email() -> None:
    cert = x509.load_pem_x509_certificate(create_identity("Test Person", None).certificate_pem)
    assert not cert.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)
    with pytest.raises(x509.ExtensionNotFound):
        cert.extensions.get_extension_for_class(x509.SubjectAlternativeName)


@pytest.mark.parametrize(("name", "org", "email"), [
    ("", None, None), ("   ", None, None), ("x" * 65, None, None), ("ok", "y" * 65, None),
    ("bad\nname", None, None), ("ok", None, "not-an-address"), ("ok", None, "жж@example.org"),
])
def test_create_identity_refuses_bad_input(name: str, org: str | None, email: str | None) -> None:
    with pytest.raises(ValidationError):
        create_identity(name, org, email)


# --- identity cards -----------------------------------------------------------------------------

def test_card_round_trip(material: IdentityMaterial, card_bytes: bytes) -> None:
    document = json.loads(card_bytes.decode("utf-8"))
    assert document["format"] == "hrcase-identity-card" and document["version"] == 1
    assert NAME in card_bytes.decode("utf-8")
    card = IdentityCard.from_bytes(card_bytes)
    assert (card.name, card.organisation) == (NAME, ORG)
    assert card.age_recipient == material.age_recipient
    assert card.fingerprint == material.fingerprint()
    assert card.certificate_pem == material.certificate_pem
    assert card.to_bytes() == card_bytes
    assert "AGE-SECRET-KEY" not in card_bytes.decode() and b"PRIVATE KEY" not in card_bytes


def _edit(card_bytes: bytes, **changes: object) -> bytes:
    document = json.loads(card_bytes)
    document.update(changes)
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


def test_tampered_card_is_refused(material: IdentityMaterial, card_bytes: bytes) -> None:
    with pytest.raises(IdentityError, match="signature"):
        IdentityCard.from_bytes(_edit(card_bytes, name="Мэллори"))
    with pytest.raises(IdentityError, match="signature"):
        IdentityCard.from_bytes(_edit(card_bytes, organisation=None))
    other = create_identity("Mallory", None)
    # Swapping in another encryption key breaks the fingerprint ...
    with pytest.raises(IdentityError, match="fingerprint"):
        IdentityCard.from_bytes(_edit(card_bytes, age_recipient=other.age_recipient))
    # ... and fixing the fingerprint too breaks the signature.
    forged = IdentityMaterial(material.signing_key_pem, material.certificate_pem, "",
                              other.age_recipient)
    with pytest.raises(IdentityError, match="signature"):
        IdentityCard.from_bytes(_edit(card_bytes, age_recipient=other.age_recipient,
                                      fingerprint=forged.fingerprint()))
    # Another certificate with a matching fingerprint: the signature is still the old key's.
    swapped = IdentityMaterial(other.signing_key_pem, other.certificate_pem, "",
                               material.age_recipient)
    with pytest.raises(IdentityError, match="signature"):
        IdentityCard.from_bytes(_edit(card_bytes,
                                      certificate=other.certificate_pem.decode(),
                                      fingerprint=swapped.fingerprint()))


@pytest.mark.parametrize("mutate", [
    lambda b: b"",
    lambda b: b"\xff\xfe" + b,
    lambda b: b"[]",
    lambda b: b"{}",
    lambda b: b"null",
    lambda b: b"[" * 100_000,
    lambda b: b" " * (65 * 1024) + b,
    lambda b: _edit(b, format="something-else"),
    lambda b: _edit(b, version=2),
    lambda b: _edit(b, version=True),
    lambda b: _edit(b, extra="x"),
    lambda b: _edit(b, name=""),
    lambda b: _edit(b, name=None),
    lambda b: _edit(b, name=["a"]),
    lambda b: _edit(b, name="a\u0000b"),
    lambda b: _edit(b, signature="not base64!"),
    lambda b: _edit(b, signature=""),
    lambda b: _edit(b, certificate="-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"),
    lambda b: _edit(b, certificate=42),
    lambda b: _edit(b, age_recipient="age1notarecipient"),
    lambda b: b.replace(b'"version": 1', b'"version": 1, "version": 1'),
    lambda b: b.replace(b'"version": 1', b'"version": NaN'),
    lambda b: b[: len(b) // 2],
])
def test_malformed_cards_raise_identity_error(card_bytes: bytes,
                                              mutate: Callable[[bytes], bytes]) -> None:
    with pytest.raises(IdentityError) as info:
        IdentityCard.from_bytes(mutate(card_bytes))
    message = str(info.value)
    assert message.endswith(".") and "\n" not in message


def test_card_with_a_certificate_not_meant_for_signing_is_refused() -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    cert = make_cert(key, non_repudiation=False)
    material = IdentityMaterial(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                          serialization.NoEncryption()),
        cert.public_bytes(serialization.Encoding.PEM), "",
        str(pyrage.x25519.Identity.generate().to_public()))
    with pytest.raises(IdentityError, match="non-repudiation"):
        IdentityCard.from_bytes(material.card().to_bytes())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4096))
def test_fuzz_random_bytes_only_identity_error(data: bytes) -> None:
    with pytest.raises(IdentityError):
        IdentityCard.from_bytes(data)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                 max_size=4),
    max_leaves=12)
card_keys = st.sampled_from(["format", "version", "name", "organisation", "certificate",
                             "age_recipient", "fingerprint", "signature"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(changes=st.dictionaries(card_keys, json_values, max_size=3))
def test_fuzz_field_values_only_identity_error(card_bytes: bytes,
                                              changes: dict[str, object]) -> None:
    try:
        card = IdentityCard.from_bytes(_edit(card_bytes, **changes))
    except IdentityError:
        return
    assert card == IdentityCard.from_bytes(card_bytes)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_fuzz_byte_mutations_only_identity_error(card_bytes: bytes, data: st.DataObject) -> None:
    mutated = bytearray(card_bytes)
    for _ in range(data.draw(st.integers(1, 4))):
        position = data.draw(st.integers(0, len(mutated) - 1))
        mutated[position] = data.draw(st.integers(0, 255))
    try:
        card = IdentityCard.from_bytes(bytes(mutated))
    except IdentityError:
        return
    assert card == IdentityCard.from_bytes(card_bytes)  # only harmless (whitespace) edits pass


# --- raw signatures -----------------------------------------------------------------------------

def test_sign_and_verify_bytes_ec(material: IdentityMaterial) -> None:
    signature = sign_bytes(material.signing_key_pem, b"bundle manifest")
    assert verify_bytes(material.certificate_pem, b"bundle manifest", signature)
    assert not verify_bytes(material.certificate_pem, b"bundle manifesT", signature)
    assert not verify_bytes(material.certificate_pem, b"bundle manifest", b"\x00" * 70)
    assert not verify_bytes(material.certificate_pem, b"bundle manifest", b"")
    other = create_identity("Other Person", None)
    assert not verify_bytes(other.certificate_pem, b"bundle manifest", signature)


def test_sign_and_verify_bytes_rsa_pss() -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    key_pem, cert_pem, _chain = import_pkcs12(p12(key, make_cert(key), b"pw"), b"pw")
    signature = sign_bytes(key_pem, b"data")
    assert len(signature) == 256
    assert verify_bytes(cert_pem, b"data", signature)
    assert not verify_bytes(cert_pem, b"datA", signature)
    material = IdentityMaterial(key_pem, cert_pem, "",
                                str(pyrage.x25519.Identity.generate().to_public()))
    assert IdentityCard.from_bytes(material.card().to_bytes()).name == "Ержан Тестов"


def test_sign_bytes_refuses_garbage_key() -> None:
    with pytest.raises(IdentityError):
        sign_bytes(b"not a key", b"data")
    with pytest.raises(IdentityError):
        verify_bytes(b"not a certificate", b"data", b"sig")


# --- PKCS#12 import -----------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["ec", "rsa"])
def test_import_pkcs12(kind: str) -> None:
    key = (ec.generate_private_key(ec.SECP384R1()) if kind == "ec"
           else rsa.generate_private_key(public_exponent=65537, key_size=2048))
    cert = make_cert(key)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = make_cert(ca_key, cn="Invented Root CA")
    key_pem, cert_pem, chain = import_pkcs12(p12(key, cert, b"secret", [ca]), b"secret")
    assert key_pem.startswith(b"-----BEGIN PRIVATE KEY-----")
    loaded = serialization.load_pem_private_key(key_pem, None)
    assert loaded.public_key() == cert.public_key()
    assert x509.load_pem_x509_certificate(cert_pem) == cert
    assert [x509.load_pem_x509_certificate(pem) for pem in chain] == [ca]
    assert verify_bytes(cert_pem, b"x", sign_bytes(key_pem, b"x"))


def test_import_pkcs12_without_password() -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    key_pem, _cert, chain = import_pkcs12(p12(key, make_cert(key), None), None)
    assert key_pem and chain == ()


def test_import_pkcs12_wrong_password() -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    data = p12(key, make_cert(key), b"secret")
    for password in (b"wrong", None, b""):
        with pytest.raises(IdentityError, match="password is wrong"):
            import_pkcs12(data, password)


@pytest.mark.parametrize("data", [b"", b"hello", b"0\x03\x02\x01\x03", b"\x30" * 5000])
def test_import_pkcs12_not_pkcs12(data: bytes) -> None:
    with pytest.raises(IdentityError, match="not a PKCS#12"):
        import_pkcs12(data, b"pw")


def test_import_pkcs12_certificate_only() -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    with pytest.raises(IdentityError, match="no private key"):
        import_pkcs12(p12(None, make_cert(key), b"pw"), b"pw")


@pytest.mark.parametrize(("digital_signature", "non_repudiation", "missing"), [
    (True, False, "lacks non-repudiation"),
    (False, True, "lacks digital signature"),
    (False, False, "both digital signature and non-repudiation"),
])
def test_import_pkcs12_refuses_missing_key_usage(digital_signature: bool, non_repudiation: bool,
                                                 missing: str) -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    cert = make_cert(key, digital_signature=digital_signature, non_repudiation=non_repudiation)
    if not digital_signature and not non_repudiation:
        # A KeyUsage extension needs at least one bit; use one that does not allow signing.
        name = cert.subject
        now = dt.datetime.now(dt.timezone.utc)
        cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
                .public_key(key.public_key()).serial_number(1)
                .not_valid_before(now).not_valid_after(now + dt.timedelta(days=1))
                .add_extension(x509.KeyUsage(False, False, False, False, True, False, False,
                                             False, False), critical=True)
                .sign(key, hashes.SHA256()))
    with pytest.raises(IdentityError, match=missing):
        import_pkcs12(p12(key, cert, b"pw"), b"pw")


def test_import_pkcs12_refuses_short_rsa_and_mismatched_key() -> None:
    small = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    with pytest.raises(IdentityError, match="2048"):
        import_pkcs12(p12(small, make_cert(small), b"pw"), b"pw")
    key = ec.generate_private_key(ec.SECP256R1())
    other = ec.generate_private_key(ec.SECP256R1())
    with pytest.raises(IdentityError, match="no certificate for its key"):
        import_pkcs12(p12(key, None, b"pw", [make_cert(other)]), b"pw")
