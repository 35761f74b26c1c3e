"""The cryptographic identity of a researcher: signing key, X.509 certificate, age key pair.

Pure functions, no storage: the vault keeps the secret parts (``IdentityMaterial``) inside its
encrypted store; only the public ``IdentityCard`` ever leaves the machine.

Decisions recorded here:

- Signing keys are ECDSA P-256 (made here) or RSA >= 2048 / ECDSA P-256, P-384, P-521 (imported
  from an organisation's PKCS#12 file). Certificates made here are self-signed, valid five years,
  with key usage digitalSignature + nonRepudiation (critical), extended key usage emailProtection
  (what NSS/poppler need for a signer), Microsoft documentSigning (1.3.6.1.4.1.311.10.3.12, which
  Adobe recognises) and RFC 9336 documentSigning (1.3.6.1.5.5.7.3.36), basicConstraints CA=false.
- ``sign_bytes`` signs with ECDSA-SHA256 (DER signature) or RSA-PSS-SHA256 (MGF1-SHA256, salt
  length 32) according to the key type.
- The identity fingerprint is SHA-256 over the certificate's DER bytes followed by the ASCII age
  recipient, shown as the first 32 base32 characters in 8 groups of 4 (160 bits). Anyone can
  recompute it: ``(openssl x509 -outform DER -in cert.pem; printf %s age1...) | sha256sum``.
  The certificate fingerprint (``certificate_fingerprint``) is plain SHA-256 over the DER bytes in
  16 groups of 4 hex digits: the same value as ``openssl x509 -fingerprint -sha256`` and the
  SHA-256 fingerprint PDF readers show.
- Identity card, version 1: a UTF-8 JSON object with exactly the keys ``format``
  ("hrcase-identity-card"), ``version`` (1), ``name``, ``organisation`` (string or null),
  ``certificate`` (one PEM certificate), ``age_recipient``, ``fingerprint`` and ``signature``.
  ``signature`` is base64 of ``sign_bytes`` over ``CARD_SIGNATURE_CONTEXT`` followed by the
  canonical JSON (sorted keys, no spaces, ASCII escapes) of every other key. The parser checks
  all of it, recomputes the fingerprint, and raises only ``IdentityError``.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

import pyrage
from asn1crypto import pkcs12 as asn1_pkcs12
from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID, ObjectIdentifier

from hrcase.errors import HrcaseError, ValidationError
from hrcase.i18n import _, ngettext

CARD_FORMAT = "hrcase-identity-card"
CARD_VERSION = 1
CARD_SIGNATURE_CONTEXT = b"hrcase-identity-card/1\x00"
MAX_CARD_BYTES = 64 * 1024
MAX_NAME_CHARS = 64
MAX_CERTIFICATE_CHARS = 16 * 1024
MAX_RECIPIENT_CHARS = 128
MAX_SIGNATURE_CHARS = 1024
VALIDITY = dt.timedelta(days=5 * 365 + 1)
CLOCK_SKEW = dt.timedelta(hours=1)
MIN_RSA_BITS = 2048
SUPPORTED_CURVES = (ec.SECP256R1, ec.SECP384R1, ec.SECP521R1)
DOCUMENT_SIGNING_MS = ObjectIdentifier("1.3.6.1.4.1.311.10.3.12")
DOCUMENT_SIGNING_RFC9336 = ObjectIdentifier("1.3.6.1.5.5.7.3.36")
_CARD_KEYS = frozenset({"format", "version", "name", "organisation", "certificate",
                        "age_recipient", "fingerprint", "signature"})


class IdentityError(HrcaseError):
    """An identity, certificate, key file or identity card cannot be used; one sentence why."""

    exit_code = 20


@dataclass(frozen=True)
class IdentityCard:
    """The public part of an identity, as exchanged between colleagues (signed, versioned)."""

    name: str
    organisation: str | None
    certificate_pem: bytes
    age_recipient: str
    fingerprint: str
    signature: bytes

    def _signed_fields(self) -> dict[str, Any]:
        return {"format": CARD_FORMAT, "version": CARD_VERSION, "name": self.name,
                "organisation": self.organisation,
                "certificate": self.certificate_pem.decode("ascii"),
                "age_recipient": self.age_recipient, "fingerprint": self.fingerprint}

    def to_bytes(self) -> bytes:
        """The card as a small JSON document (UTF-8), ready to hand to a colleague."""
        document = self._signed_fields()
        document["signature"] = base64.b64encode(self.signature).decode("ascii")
        return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")

    @classmethod
    def from_bytes(cls, data: bytes) -> IdentityCard:
        """Parse and check a card from outside; any problem raises ``IdentityError``."""
        if not isinstance(data, (bytes, bytearray)) or len(data) > MAX_CARD_BYTES:
            raise IdentityError(_("The identity card is too large or not a file."))
        document = _parse_card_json(bytes(data))
        if document.get("format") != CARD_FORMAT:
            raise IdentityError(_("This file is not an hrcase identity card."))
        version = document.get("version")
        if type(version) is not int or version != CARD_VERSION:
            raise IdentityError(_("This identity card was made by a newer or unknown version "
                                  "of hrcase."))
        if set(document) != _CARD_KEYS:
            raise IdentityError(_("The identity card has missing or unexpected fields."))
        name = _text_field(document["name"], required=True)
        organisation = _text_field(document["organisation"], required=False)
        certificate_text = document["certificate"]
        recipient = document["age_recipient"]
        fingerprint = document["fingerprint"]
        signature_text = document["signature"]
        if not all(isinstance(value, str) for value in
                   (certificate_text, recipient, fingerprint, signature_text)):
            raise IdentityError(_("The identity card has a field of the wrong type."))
        certificate = _card_certificate(certificate_text)
        _check_recipient(recipient)
        card = cls(name=name, organisation=organisation,
                   certificate_pem=certificate.public_bytes(serialization.Encoding.PEM),
                   age_recipient=recipient, fingerprint=fingerprint,
                   signature=_decode_signature(signature_text))
        if fingerprint != identity_fingerprint(card.certificate_pem, recipient):
            raise IdentityError(_("The identity card's fingerprint does not match its keys."))
        if not verify_bytes(card.certificate_pem, card.signed_message(), card.signature):
            raise IdentityError(_("The identity card's signature is not valid: it was changed "
                                  "after it was made."))
        return card

    def signed_message(self) -> bytes:
        """The exact bytes the card's signature covers."""
        canonical = json.dumps(self._signed_fields(), ensure_ascii=True, sort_keys=True,
                               separators=(",", ":"))
        return CARD_SIGNATURE_CONTEXT + canonical.encode("ascii")


@dataclass(frozen=True)
class IdentityMaterial:
    """The secret and public keys of one identity. Store it only inside the vault."""

    signing_key_pem: bytes
    certificate_pem: bytes
    age_identity: str
    age_recipient: str

    def fingerprint(self) -> str:
        """The short fingerprint colleagues compare by voice or on paper."""
        return identity_fingerprint(self.certificate_pem, self.age_recipient)

    def card(self) -> IdentityCard:
        """The public identity card, signed with this identity's signing key."""
        certificate = load_certificate(self.certificate_pem)
        unsigned = IdentityCard(
            name=subject_attribute(certificate, NameOID.COMMON_NAME) or "?",
            organisation=subject_attribute(certificate, NameOID.ORGANIZATION_NAME),
            certificate_pem=certificate.public_bytes(serialization.Encoding.PEM),
            age_recipient=self.age_recipient, fingerprint=self.fingerprint(), signature=b"")
        signature = sign_bytes(self.signing_key_pem, unsigned.signed_message())
        return IdentityCard(name=unsigned.name, organisation=unsigned.organisation,
                            certificate_pem=unsigned.certificate_pem,
                            age_recipient=unsigned.age_recipient,
                            fingerprint=unsigned.fingerprint, signature=signature)


def create_identity(name: str, organisation: str | None, email: str | None = None
                    ) -> IdentityMaterial:
    """A new identity: ECDSA P-256 key, self-signed certificate, age X25519 key pair."""
    name = _check_name_input("name", name)
    organisation = _check_name_input("organisation", organisation) if organisation else None
    if email is not None:
        email = email.strip()
        if not (email.isascii() and email.count("@") == 1 and 3 <= len(email) <= 254
                and email.isprintable() and " " not in email):
            raise ValidationError("email", _("The e-mail address is not valid."))
    key = ec.generate_private_key(ec.SECP256R1())
    attributes = [x509.NameAttribute(NameOID.COMMON_NAME, name)]
    if organisation:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation))
    subject = x509.Name(attributes)
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    public_key = key.public_key()
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject).issuer_name(subject)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - CLOCK_SKEW)
        .not_valid_after(now + VALIDITY)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(
            digital_signature=True, content_commitment=True, key_encipherment=False,
            data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
            encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION,
                                              DOCUMENT_SIGNING_MS, DOCUMENT_SIGNING_RFC9336]),
                       critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(public_key),
                       critical=False)
    )
    if email:
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.RFC822Name(email)]), critical=False)
    certificate = builder.sign(key, hashes.SHA256())
    age_identity = pyrage.x25519.Identity.generate()
    return IdentityMaterial(
        signing_key_pem=key.private_bytes(serialization.Encoding.PEM,
                                          serialization.PrivateFormat.PKCS8,
                                          serialization.NoEncryption()),
        certificate_pem=certificate.public_bytes(serialization.Encoding.PEM),
        age_identity=str(age_identity),
        age_recipient=str(age_identity.to_public()),
    )


def import_pkcs12(data: bytes, password: bytes | None
                  ) -> tuple[bytes, bytes, tuple[bytes, ...]]:
    """Signing key (PKCS#8 PEM), certificate (PEM) and chain (PEMs) from a PKCS#12 file."""
    if not _looks_like_pkcs12(data):
        raise IdentityError(_("This file is not a PKCS#12 (.p12 / .pfx) certificate file."))
    attempts = [password] if password is not None else [None, b""]
    loaded = None
    for attempt in attempts:
        try:
            loaded = pkcs12.load_pkcs12(data, attempt)
            break
        except (ValueError, TypeError, UnsupportedAlgorithm):
            continue
    if loaded is None:
        raise IdentityError(_("The PKCS#12 file did not open: the password is wrong, or the "
                              "file uses an encryption hrcase does not support."))
    if loaded.key is None:
        raise IdentityError(_("The PKCS#12 file contains no private key."))
    if loaded.cert is None:
        raise IdentityError(_("The PKCS#12 file contains no certificate for its key."))
    key = loaded.key
    certificate = load_certificate(
        loaded.cert.certificate.public_bytes(serialization.Encoding.DER))
    _check_key_type(key.public_key())
    if key.public_key() != certificate.public_key():
        raise IdentityError(_("The certificate in the PKCS#12 file does not belong to its "
                              "private key."))
    check_signing_key_usage(certificate)
    key_pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    chain = tuple(extra.certificate.public_bytes(serialization.Encoding.PEM)
                  for extra in loaded.additional_certs)
    return key_pem, certificate.public_bytes(serialization.Encoding.PEM), chain


def sign_bytes(key_pem: bytes, data: bytes) -> bytes:
    """Sign ``data``: ECDSA-SHA256 (DER) for EC keys, RSA-PSS-SHA256 for RSA keys."""
    try:
        key = serialization.load_pem_private_key(key_pem, password=None)
    except (ValueError, TypeError) as exc:
        raise IdentityError(_("The signing key is damaged or not supported.")) from exc
    if isinstance(key, ec.EllipticCurvePrivateKey):
        return key.sign(data, ec.ECDSA(hashes.SHA256()))
    if isinstance(key, rsa.RSAPrivateKey):
        return key.sign(data, _pss(), hashes.SHA256())
    raise IdentityError(_("Only RSA and elliptic-curve (ECDSA) keys can sign."))


def verify_bytes(certificate_pem: bytes, data: bytes, signature: bytes) -> bool:
    """True if ``signature`` over ``data`` was made by the key of this certificate."""
    public_key = load_certificate(certificate_pem).public_key()
    try:
        if isinstance(public_key, ec.EllipticCurvePublicKey):
            public_key.verify(signature, data, ec.ECDSA(hashes.SHA256()))
        elif isinstance(public_key, rsa.RSAPublicKey):
            public_key.verify(signature, data, _pss(), hashes.SHA256())
        else:
            raise IdentityError(_("Only RSA and elliptic-curve (ECDSA) keys can sign."))
    except (InvalidSignature, ValueError):
        return False
    return True


def load_certificate(data: bytes) -> x509.Certificate:
    """One X.509 certificate from PEM or DER bytes; ``IdentityError`` if it is not one."""
    try:
        if bytes(data).lstrip().startswith(b"-----BEGIN"):
            certificate = x509.load_pem_x509_certificate(data)
        else:
            certificate = x509.load_der_x509_certificate(data)
        # Touch the lazily parsed parts now, so a malformed certificate fails here.
        certificate.public_key()
        certificate.extensions  # noqa: B018
        certificate.subject.rfc4514_string()
    except Exception as exc:  # outside data: the parser may raise several types
        raise IdentityError(_("The certificate is damaged or not a certificate.")) from exc
    return certificate


def subject_attribute(certificate: x509.Certificate, oid: ObjectIdentifier) -> str | None:
    """The first value of one subject attribute (e.g. the common name), if present."""
    values = certificate.subject.get_attributes_for_oid(oid)
    if not values:
        return None
    value = values[0].value
    return value if isinstance(value, str) else value.decode("utf-8", "replace")


def check_signing_key_usage(certificate: x509.Certificate) -> None:
    """Refuse a certificate whose key usage lacks digitalSignature or nonRepudiation."""
    try:
        usage = certificate.extensions.get_extension_for_class(x509.KeyUsage).value
        has_digital_signature, has_non_repudiation = (usage.digital_signature,
                                                      usage.content_commitment)
    except x509.ExtensionNotFound:
        has_digital_signature = has_non_repudiation = False
    if not has_digital_signature and not has_non_repudiation:
        raise IdentityError(_("The certificate is not meant for signing: its key usage lacks "
                              "both digital signature and non-repudiation."))
    if not has_digital_signature:
        raise IdentityError(_("The certificate is not meant for signing: its key usage lacks "
                              "digital signature."))
    if not has_non_repudiation:
        raise IdentityError(_("The certificate is not meant for signing documents: its key "
                              "usage lacks non-repudiation."))


def identity_fingerprint(certificate_pem: bytes, age_recipient: str) -> str:
    """SHA-256 over certificate DER + age recipient: 8 groups of 4 base32 characters."""
    der = load_certificate(certificate_pem).public_bytes(serialization.Encoding.DER)
    digest = hashlib.sha256(der + age_recipient.encode("ascii")).digest()
    text = base64.b32encode(digest).decode("ascii")[:32]
    return " ".join(text[i:i + 4] for i in range(0, 32, 4))


def certificate_fingerprint(certificate: bytes | x509.Certificate) -> str:
    """SHA-256 over the certificate DER: 16 groups of 4 hex digits (as PDF readers show it)."""
    if not isinstance(certificate, x509.Certificate):
        certificate = load_certificate(certificate)
    text = certificate.fingerprint(hashes.SHA256()).hex().upper()
    return " ".join(text[i:i + 4] for i in range(0, len(text), 4))


def _pss() -> padding.PSS:
    return padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=padding.PSS.DIGEST_LENGTH)


def _check_name_input(field: str, value: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError(field, _("This field is required."))
    if len(value) > MAX_NAME_CHARS:
        raise ValidationError(field, ngettext("At most %(n)d character is allowed.",
                                              "At most %(n)d characters are allowed.",
                                              MAX_NAME_CHARS) % {"n": MAX_NAME_CHARS})
    if not value.isprintable():
        raise ValidationError(field, _("Control characters are not allowed."))
    return value


def _check_key_type(public_key: object) -> None:
    if isinstance(public_key, rsa.RSAPublicKey):
        if public_key.key_size < MIN_RSA_BITS:
            raise IdentityError(_("The RSA key is too short: at least 2048 bits are needed."))
    elif isinstance(public_key, ec.EllipticCurvePublicKey):
        if not isinstance(public_key.curve, SUPPORTED_CURVES):
            raise IdentityError(_("The elliptic curve of this key is not supported; use "
                                  "P-256, P-384 or P-521."))
    else:
        raise IdentityError(_("Only RSA and elliptic-curve (ECDSA) keys can sign."))


def _looks_like_pkcs12(data: bytes) -> bool:
    """True if ``data`` has the outer structure of a PKCS#12 file (no password needed)."""
    try:
        pfx = asn1_pkcs12.Pfx.load(bytes(data), strict=True)
        return (pfx["version"].native == "v3"
                and pfx["auth_safe"]["content_type"].native in ("data", "signed_data"))
    except Exception:  # outside data: asn1crypto raises several types on garbage
        return False


def _parse_card_json(data: bytes) -> dict[str, Any]:
    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(pairs)
        if len(result) != len(pairs):
            raise ValueError("duplicate key")
        return result

    def no_constants(name: str) -> None:
        raise ValueError(name)

    try:
        document = json.loads(data.decode("utf-8"), object_pairs_hook=no_duplicates,
                              parse_constant=no_constants)
    except (ValueError, RecursionError) as exc:
        raise IdentityError(_("This file is not an hrcase identity card.")) from exc
    if not isinstance(document, dict):
        raise IdentityError(_("This file is not an hrcase identity card."))
    return document


def _text_field(value: object, *, required: bool) -> str | None:
    if value is None and not required:
        return None
    if (not isinstance(value, str) or not value or len(value) > 4 * MAX_NAME_CHARS
            or not value.isprintable() or value != value.strip()
            or any("\ud800" <= ch <= "\udfff" for ch in value)):
        raise IdentityError(_("The identity card has a name or organisation that is not valid."))
    return value


def _card_certificate(text: str) -> x509.Certificate:
    if (len(text) > MAX_CERTIFICATE_CHARS or not text.isascii()
            or not text.startswith("-----BEGIN CERTIFICATE-----")
            or text.count("-----BEGIN") != 1):
        raise IdentityError(_("The identity card does not hold exactly one certificate."))
    certificate = load_certificate(text.encode("ascii"))
    if certificate.public_bytes(serialization.Encoding.PEM) != text.encode("ascii"):
        raise IdentityError(_("The identity card's certificate is not in canonical form."))
    _check_key_type(certificate.public_key())
    check_signing_key_usage(certificate)
    return certificate


def _check_recipient(recipient: str) -> None:
    if not (recipient.isascii() and recipient.startswith("age1")
            and len(recipient) <= MAX_RECIPIENT_CHARS):
        raise IdentityError(_("The identity card's encryption key (age recipient) is not valid."))
    try:
        parsed = pyrage.x25519.Recipient.from_str(recipient)
    except Exception as exc:  # pyrage raises its own RecipientError (not a ValueError)
        raise IdentityError(_("The identity card's encryption key (age recipient) is not "
                              "valid.")) from exc
    if str(parsed) != recipient:
        raise IdentityError(_("The identity card's encryption key (age recipient) is not "
                              "valid."))


def _decode_signature(text: str) -> bytes:
    if not text or len(text) > MAX_SIGNATURE_CHARS:
        raise IdentityError(_("The identity card's signature is missing or damaged."))
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (ValueError, binascii.Error) as exc:
        raise IdentityError(_("The identity card's signature is missing or damaged.")) from exc
