"""Identities and contacts stored in the vault (hrcase.services.identities). Invented people."""

from __future__ import annotations

import datetime as dt
import json
import stat
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from sqlmodel import select

from hrcase.domain.models import AuditEntry, Contact, Identity
from hrcase.errors import NotFoundError, UsageError
from hrcase.services import Services
from hrcase.services import identities as ids
from hrcase.services.identity_keys import IdentityCard, IdentityError, create_identity

NAME = "Айгерим Тестова"
ORG = "Invented Rights Bureau"


def actions(services: Services) -> list[str]:
    with services.vault.reading() as session:
        return [e.action for e in session.exec(select(AuditEntry).order_by(AuditEntry.seq))]


def test_create_show_and_card(services: Services, tmp_path: Path) -> None:
    with pytest.raises(ids.NoIdentityError):
        ids.show_identity(services)
    identity = ids.create_identity(services, NAME, ORG, "aigerim@example.org")
    info = ids.show_identity(services)
    assert (info.name, info.organisation, info.origin) == (NAME, ORG, "self-signed")
    assert info.fingerprint == identity.fingerprint and len(info.fingerprint) == 39
    assert info.age_recipient.startswith("age1")
    assert info.valid_until > dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=4 * 365)
    assert json.loads(json.dumps(info.to_json()))["fingerprint"] == info.fingerprint
    path = tmp_path / "card.json"
    card = ids.export_card(services, path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    parsed = IdentityCard.from_bytes(path.read_bytes())
    assert parsed.fingerprint == card.fingerprint == info.fingerprint
    assert parsed.name == NAME and parsed.organisation == ORG
    assert b"PRIVATE" not in path.read_bytes()
    assert {"identity-create", "identity-export-card"} <= set(actions(services))


def test_second_identity_needs_replace_and_keeps_the_old_one(services: Services) -> None:
    first = ids.create_identity(services, NAME)
    with pytest.raises(UsageError):
        ids.create_identity(services, "Someone Else")
    second = ids.create_identity(services, NAME, replace=True)
    with services.vault.reading() as session:
        rows = {row.id: row for row in session.exec(select(Identity))}
        assert ids.active_identity(session).id == second.id
        assert [i.id for i in ids.all_identities(session)] == [second.id, first.id]
    assert not rows[first.id].active and rows[second.id].active
    assert "identity-replace" in actions(services)


def _p12(password: bytes) -> bytes:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Ержан Тестов"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Invented NGO")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=365))
            .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False,
                                         False), critical=True)
            .sign(key, hashes.SHA256()))
    return pkcs12.serialize_key_and_certificates(
        b"org", key, cert, None, serialization.BestAvailableEncryption(password))


def test_import_pkcs12_pairs_the_certificate_with_a_fresh_age_key(services: Services) -> None:
    identity = ids.import_pkcs12(services, _p12(b"secret"), b"secret")
    assert (identity.name, identity.organisation, identity.origin) == (
        "Ержан Тестов", "Invented NGO", "pkcs12")
    assert identity.age_identity.startswith("AGE-SECRET-KEY-1")
    card = ids.identity_card(services)
    assert IdentityCard.from_bytes(card.to_bytes()).age_recipient == identity.age_recipient
    with pytest.raises(IdentityError):
        ids.import_pkcs12(services, _p12(b"secret"), b"wrong", replace=True)


def test_contacts_add_verify_find(services: Services, tmp_path: Path) -> None:
    ids.create_identity(services, NAME)
    colleague = create_identity("Boris Primerov", "Invented NGO")
    card = colleague.card().to_bytes()
    contact, new = ids.add_contact(services, card)
    assert new and not contact.verified and contact.fingerprint == colleague.fingerprint()
    again, new_again = ids.add_contact(services, card)
    assert again.id == contact.id and not new_again
    assert ids.find_contact(services, "boris primerov").id == contact.id
    assert ids.find_contact(services, contact.fingerprint.lower()).id == contact.id
    assert ids.find_contact(services, contact.fingerprint.replace(" ", "")[:8]).id == contact.id
    with pytest.raises(NotFoundError):
        ids.find_contact(services, "Nobody Known")
    with pytest.raises(IdentityError):
        ids.verify_contact(services, "Boris Primerov", "AAAA BBBB CCCC DDDD EEEE FFFF GGGG HHHH")
    assert not ids.find_contact(services, "Boris Primerov").verified
    verified = ids.verify_contact(services, "Boris Primerov", contact.fingerprint.lower())
    assert verified.verified and verified.verified_at is not None
    listed = ids.list_contacts(services)
    assert [c.name for c in listed] == ["Boris Primerov"]
    assert ids.contact_json(listed[0])["verified"] is True
    assert {"contact-add", "contact-verify"} <= set(actions(services))


def test_card_is_parsed_strictly_and_nothing_is_stored(services: Services) -> None:
    colleague = create_identity("Boris Primerov", None)
    document = json.loads(colleague.card().to_bytes())
    document["name"] = "Boris Primerov Jr"
    for bad in (json.dumps(document).encode(), b"{}", b"\xff" * 10, b"[1, 2]"):
        with pytest.raises(IdentityError):
            ids.add_contact(services, bad)
    assert ids.list_contacts(services) == []


def test_namesake_with_other_keys_is_refused_unless_replaced(services: Services) -> None:
    real = create_identity("Boris Primerov", None)
    impostor = create_identity("Boris Primerov", None)
    first, _new = ids.add_contact(services, real.card().to_bytes())
    ids.verify_contact(services, first.fingerprint)
    with pytest.raises(IdentityError):
        ids.add_contact(services, impostor.card().to_bytes())
    replaced, new = ids.add_contact(services, impostor.card().to_bytes(), replace=True)
    assert new and not replaced.verified
    with services.vault.reading() as session:
        assert [c.fingerprint for c in session.exec(select(Contact))] == [replaced.fingerprint]


def test_own_card_is_not_a_contact(services: Services) -> None:
    ids.create_identity(services, NAME)
    with pytest.raises(UsageError):
        ids.add_contact(services, ids.identity_card(services).to_bytes())


def test_two_contacts_with_one_name_need_the_fingerprint(services: Services) -> None:
    first = create_identity("Boris Primerov", None)
    second = create_identity("Борис Примеров", None)
    ids.add_contact(services, first.card().to_bytes())
    ids.add_contact(services, second.card().to_bytes())
    with services.vault.writing() as session:
        for contact in session.exec(select(Contact)):
            contact.name = "Boris"
            session.add(contact)
    with pytest.raises(UsageError):
        ids.find_contact(services, "Boris")
    assert ids.find_contact(services, second.fingerprint()).fingerprint == second.fingerprint()
