"""Services the desktop sharing pages use: possible duplicates among the persons a bundle would
bring, and removing a contact. Every person here is invented."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from hrcase.errors import NotFoundError
from hrcase.services import Services, bundles
from hrcase.services import identities as ids
from hrcase.services.identities import remove_contact
from hrcase.services.duplicates import (IncomingPerson, IncomingPersonsHook,
                                        find_incoming_duplicates)
from hrcase.vault import Vault

from .conftest import PASSPHRASE
from .helpers import add_case, add_person


def make_peer(tmp_path: Path, name: str, researcher: str) -> Services:
    vault, _recovery = Vault.create(tmp_path / f"{name}.hrcase", PASSPHRASE)
    services = Services(vault, researcher)
    ids.create_identity(services, researcher, "Invented Rights Bureau")
    return services


@pytest.fixture
def peers(tmp_path: Path) -> Iterator[tuple[Services, Services]]:
    a, b = make_peer(tmp_path, "a", "Aigerim Testova"), make_peer(tmp_path, "b", "Boris Primerov")
    for owner, other in ((a, b), (b, a)):
        contact, _new = ids.add_contact(owner, ids.identity_card(other).to_bytes())
        ids.verify_contact(owner, contact.id, contact.fingerprint)
    yield a, b
    a.vault.close()
    b.vault.close()


def test_incoming_persons_that_look_like_existing_ones(peers: tuple[Services, Services],
                                                       tmp_path: Path) -> None:
    a, b = peers
    case = add_case(a, "Invented case")
    rustam = add_person(a, "Холбоев Рустам", birth="1974")
    stranger = add_person(a, "Петрова Анна", birth="1990")
    for person in (rustam, stranger):
        a.records.create("case_role", {"case_id": case.id, "person_id": person.id,
                                       "role": "victim"})
    local = add_person(b, "Kholboev Rustam", birth="1974-06")
    out = tmp_path / "case.hrbundle"
    bundles.export_bundle(a, [case.id], ["Boris Primerov"], out)

    hook = IncomingPersonsHook()
    watching = Services(b.vault, b.actor, hooks=[hook])
    preview = bundles.import_bundle(watching, out, dry_run=True)
    assert preview.new["person"] == 2 and not preview.applied
    persons = hook.persons()
    assert {p.person_id for p in persons} == {rustam.id, stranger.id}
    found = find_incoming_duplicates(b, persons)
    assert list(found) == [rustam.id]
    assert [c.person_id for c in found[rustam.id]] == [local.id]
    assert found[rustam.id][0].birth_match == "same"
    # Once imported, the same record is an update, never a duplicate of itself.
    bundles.import_bundle(b, out)
    again = find_incoming_duplicates(b, [IncomingPerson(local.id, ("Kholboev Rustam",), "1974")])
    assert [c.person_id for c in again[local.id]] == [rustam.id]


def test_remove_a_contact(peers: tuple[Services, Services]) -> None:
    a, _b = peers
    [contact] = ids.list_contacts(a)
    assert remove_contact(a, contact.fingerprint).id == contact.id
    assert ids.list_contacts(a) == []
    with pytest.raises(NotFoundError):
        remove_contact(a, contact.id)
