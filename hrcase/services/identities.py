"""The researcher's identity and the colleagues' identity cards, kept in the vault.

An identity (``Identity`` table) is this vault's signing key, X.509 certificate and age key pair;
the keys are made by :mod:`hrcase.services.identity_keys`, either all fresh or with the key and
certificate of an organisation's PKCS#12 file paired with a fresh age key pair. One identity is
active (it signs bundles and dossiers); replacing it keeps the old one inactive, so bundles sent
to its age key still open. Nothing secret leaves the vault: only the public identity card does.

A contact (``Contact`` table) is a colleague's identity card, parsed strictly (the card's own
signature and fingerprint are checked). It starts unverified: ``verify_contact`` records that the
user compared the fingerprint with the colleague out of band (in person, by voice). Bundles are
exported only to verified contacts; imports from unverified ones need explicit acceptance.

Decisions recorded here:

- A card whose name is that of an existing contact but whose keys differ is refused unless
  ``replace`` is given (a colleague's new laptop, or someone posing as them): the old contact is
  then removed and the new one starts unverified.
- Contacts are found by their full fingerprint (spaces and case ignored), a unique prefix of it
  of at least 8 characters, their id, or their name (case-insensitive, when unique).
- Every change (identity created, imported or replaced; contact added, replaced, verified) is in
  the audit chain, with fingerprints only (no key material).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyrage
from cryptography.hazmat.primitives import serialization
from cryptography.x509.oid import NameOID
from sqlmodel import Session, col, select

from hrcase.domain.base import utcnow
from hrcase.domain.models import Contact, Identity
from hrcase.errors import HrcaseError, NotFoundError, UsageError
from hrcase.i18n import _
from hrcase.services import identity_keys as keys
from hrcase.services.identity_keys import IdentityCard, IdentityError, IdentityMaterial
from hrcase.vault import audit
from hrcase.vault.fsutil import write_private_file

if TYPE_CHECKING:
    from hrcase.services import Services

MIN_FINGERPRINT_PREFIX = 8


class NoIdentityError(HrcaseError):
    """The vault has no identity yet."""

    exit_code = 23

    def __init__(self) -> None:
        super().__init__(_("This vault has no identity yet: create one with "
                           "\"hrcase identity create\"."))


@dataclass(frozen=True)
class IdentityInfo:
    """What ``identity show`` tells: public facts only."""

    id: str
    name: str
    organisation: str
    origin: str
    fingerprint: str
    certificate_fingerprint: str
    age_recipient: str
    created_at: dt.datetime
    valid_until: dt.datetime

    def to_json(self) -> dict[str, Any]:
        """Stable JSON for ``--json``."""
        return {"id": self.id, "name": self.name, "organisation": self.organisation,
                "origin": self.origin, "fingerprint": self.fingerprint,
                "certificate_fingerprint": self.certificate_fingerprint,
                "age_recipient": self.age_recipient,
                "created_at": self.created_at.isoformat(timespec="seconds"),
                "valid_until": self.valid_until.isoformat(timespec="seconds")}


def contact_json(contact: Contact) -> dict[str, Any]:
    """A contact as stable JSON for ``--json``."""
    return {"id": contact.id, "name": contact.name, "organisation": contact.organisation,
            "fingerprint": contact.fingerprint,
            "certificate_fingerprint": keys.certificate_fingerprint(
                contact.certificate_pem.encode("ascii")),
            "age_recipient": contact.age_recipient, "verified": contact.verified,
            "verified_at": _iso(contact.verified_at), "added_at": _iso(contact.added_at),
            "last_bundle_at": _iso(contact.last_bundle_at)}


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value is not None else None


# -- identity -----------------------------------------------------------------------------------
def active_identity(session: Session) -> Identity:
    """The identity that signs; ``NoIdentityError`` when there is none."""
    identity = session.exec(select(Identity).where(col(Identity.active).is_(True))
                            .order_by(col(Identity.created_at).desc())).first()
    if identity is None:
        raise NoIdentityError()
    return identity


def all_identities(session: Session) -> list[Identity]:
    """Every identity of the vault, the active one first (all can open bundles sent to them)."""
    rows = session.exec(select(Identity).order_by(col(Identity.created_at).desc())).all()
    return sorted(rows, key=lambda row: not row.active)


def material_of(identity: Identity) -> IdentityMaterial:
    """The key material of a stored identity."""
    return IdentityMaterial(signing_key_pem=identity.signing_key_pem.encode("ascii"),
                            certificate_pem=identity.certificate_pem.encode("ascii"),
                            age_identity=identity.age_identity,
                            age_recipient=identity.age_recipient)


def create_identity(services: Services, name: str, organisation: str | None = None,
                    email: str | None = None, *, replace: bool = False) -> Identity:
    """Make a new identity (ECDSA P-256, self-signed certificate, age key pair); audited."""
    material = keys.create_identity(name, organisation, email)
    return _store(services, material, origin="self-signed", chain=(), replace=replace)


def import_pkcs12(services: Services, data: bytes, password: bytes | None, *,
                  replace: bool = False) -> Identity:
    """Make the identity from an organisation's PKCS#12 file and a fresh age key pair; audited."""
    key_pem, certificate_pem, chain = keys.import_pkcs12(data, password)
    age_key = pyrage.x25519.Identity.generate()
    material = IdentityMaterial(signing_key_pem=key_pem, certificate_pem=certificate_pem,
                                age_identity=str(age_key), age_recipient=str(age_key.to_public()))
    return _store(services, material, origin="pkcs12", chain=chain, replace=replace)


def _store(services: Services, material: IdentityMaterial, *, origin: str,
           chain: tuple[bytes, ...], replace: bool) -> Identity:
    certificate = keys.load_certificate(material.certificate_pem)
    name = keys.subject_attribute(certificate, NameOID.COMMON_NAME) or "?"
    organisation = keys.subject_attribute(certificate, NameOID.ORGANIZATION_NAME) or ""
    with services.vault.writing() as session:
        current = session.exec(select(Identity).where(col(Identity.active).is_(True))).all()
        if current and not replace:
            raise UsageError(_("This vault already has an identity; replace it only on purpose "
                               "(--replace): colleagues must then verify the new one."))
        for old in current:
            old.active = False
            session.add(old)
        identity = Identity(name=name, organisation=organisation, origin=origin,
                            certificate_pem=material.certificate_pem.decode("ascii"),
                            chain_pem="".join(pem.decode("ascii") for pem in chain),
                            signing_key_pem=material.signing_key_pem.decode("ascii"),
                            age_identity=material.age_identity,
                            age_recipient=material.age_recipient,
                            fingerprint=material.fingerprint(), active=True)
        session.add(identity)
        session.flush()
        audit.append(session, actor=services.actor,
                     action="identity-replace" if current else "identity-create",
                     entity="identity", entity_id=identity.id,
                     detail=f"origin={origin} fingerprint={identity.fingerprint}")
        return identity


def show_identity(services: Services) -> IdentityInfo:
    """The public facts of the active identity."""
    with services.vault.reading() as session:
        identity = active_identity(session)
    certificate = keys.load_certificate(identity.certificate_pem.encode("ascii"))
    return IdentityInfo(id=identity.id, name=identity.name, organisation=identity.organisation,
                        origin=identity.origin, fingerprint=identity.fingerprint,
                        certificate_fingerprint=keys.certificate_fingerprint(certificate),
                        age_recipient=identity.age_recipient, created_at=identity.created_at,
                        valid_until=certificate.not_valid_after_utc)


def identity_card(services: Services) -> IdentityCard:
    """The signed public card of the active identity."""
    with services.vault.reading() as session:
        identity = active_identity(session)
    return material_of(identity).card()


def export_card(services: Services, path: Path) -> IdentityCard:
    """Write the identity card to ``path`` (public data; 0600 like every file); audited."""
    card = identity_card(services)
    try:
        write_private_file(Path(path), card.to_bytes())
    except OSError as exc:
        raise HrcaseError(_("The file could not be written.")) from exc
    with services.vault.writing() as session:
        audit.append(session, actor=services.actor, action="identity-export-card",
                     entity="identity", detail=f"fingerprint={card.fingerprint}")
    return card


# -- contacts -----------------------------------------------------------------------------------
def read_card_file(path: Path) -> bytes:
    """The bytes of a card file, refusing absurd sizes before reading."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(keys.MAX_CARD_BYTES + 1)
    except OSError as exc:
        raise HrcaseError(_("The file could not be read.")) from exc
    if len(data) > keys.MAX_CARD_BYTES:
        raise IdentityError(_("The identity card is too large or not a file."))
    return data


def add_contact(services: Services, card_bytes: bytes, *, replace: bool = False
                ) -> tuple[Contact, bool]:
    """Add a colleague's card (strictly parsed); returns the contact and whether it is new.

    Adding the same card again changes nothing. A card with an existing contact's name but
    other keys is refused unless ``replace``. The new contact is unverified; audited.
    """
    card = IdentityCard.from_bytes(card_bytes)
    with services.vault.writing() as session:
        existing = session.exec(select(Contact).where(Contact.fingerprint == card.fingerprint)).first()
        if existing is not None:
            return existing, False
        if any(identity.fingerprint == card.fingerprint for identity in all_identities(session)):
            raise UsageError(_("This is your own identity card, not a colleague's."))
        namesakes = [c for c in session.exec(select(Contact)).all()
                     if c.name.casefold() == card.name.casefold()]
        if namesakes and not replace:
            raise IdentityError(_("You already have a contact with this name but other keys. "
                                  "If your colleague really has new keys, add the card with "
                                  "--replace and verify the new fingerprint with them."))
        for old in namesakes:
            session.delete(old)
            audit.append(session, actor=services.actor, action="contact-remove",
                         entity="contact", entity_id=old.id, detail=f"fingerprint={old.fingerprint}")
        contact = Contact(name=card.name, organisation=card.organisation or "",
                          certificate_pem=card.certificate_pem.decode("ascii"),
                          age_recipient=card.age_recipient, fingerprint=card.fingerprint)
        session.add(contact)
        session.flush()
        audit.append(session, actor=services.actor, action="contact-add", entity="contact",
                     entity_id=contact.id, detail=f"fingerprint={contact.fingerprint}")
        return contact, True


def list_contacts(services: Services) -> list[Contact]:
    """Every contact, by name."""
    with services.vault.reading() as session:
        return sorted(session.exec(select(Contact)).all(),
                      key=lambda c: (c.name.casefold(), c.fingerprint))


def normalise_fingerprint(text: str) -> str:
    """A fingerprint without spaces or dashes, in capitals (for comparisons)."""
    return "".join(ch for ch in text if ch not in " -\t").upper()


def find_contact_in(session: Session, query: str) -> Contact:
    """A contact by id, fingerprint, unique name, or a unique fingerprint prefix (8+ characters)."""
    query = (query or "").strip()
    contacts = list(session.exec(select(Contact)).all())
    wanted = normalise_fingerprint(query)
    exact = [c for c in contacts
             if c.id == query or normalise_fingerprint(c.fingerprint) == wanted]
    if exact:
        return exact[0]
    named = [c for c in contacts if c.name.casefold() == query.casefold()]
    if len(named) == 1:
        return named[0]
    if len(named) > 1:
        raise UsageError(_("Several contacts have this name: name the contact by its "
                           "fingerprint."))
    if len(wanted) >= MIN_FINGERPRINT_PREFIX:
        matches = [c for c in contacts if normalise_fingerprint(c.fingerprint).startswith(wanted)]
        if len(matches) == 1:
            return matches[0]
    raise NotFoundError(_("No contact with this name or fingerprint."))


def find_contact(services: Services, query: str) -> Contact:
    """A contact by fingerprint, id or name (see :func:`find_contact_in`)."""
    with services.vault.reading() as session:
        return find_contact_in(session, query)


def verify_contact(services: Services, query: str, fingerprint: str | None = None) -> Contact:
    """Record that the contact's fingerprint was compared with them out of band; audited.

    When ``fingerprint`` (what the colleague read out) is given it must match the card's.
    """
    with services.vault.writing() as session:
        contact = find_contact_in(session, query)
        if fingerprint is not None and \
                normalise_fingerprint(fingerprint) != normalise_fingerprint(contact.fingerprint):
            raise IdentityError(_("The fingerprint does not match this contact's card: do not "
                                  "trust the card, and ask your colleague for it again."))
        if not contact.verified:
            contact.verified = True
            contact.verified_at = utcnow()
            session.add(contact)
            audit.append(session, actor=services.actor, action="contact-verify",
                         entity="contact", entity_id=contact.id,
                         detail=f"fingerprint={contact.fingerprint}")
        return contact


def remove_contact(services: Services, query: str) -> Contact:
    """Forget the contact named by ``query`` (id, fingerprint or unique name); audited.

    Bundles can no longer be made for them, and bundles they sign then come from an unknown
    signer. Records already imported from them stay.
    """
    with services.vault.writing() as session:
        contact = find_contact_in(session, query)
        session.delete(contact)
        audit.append(session, actor=services.actor, action="contact-remove", entity="contact",
                     entity_id=contact.id, detail=f"fingerprint={contact.fingerprint}")
        return contact


def certificate_der(certificate_pem: str | bytes) -> bytes:
    """The DER bytes of a PEM certificate (for exact comparisons)."""
    data = certificate_pem.encode("ascii") if isinstance(certificate_pem, str) else certificate_pem
    return keys.load_certificate(data).public_bytes(serialization.Encoding.DER)
