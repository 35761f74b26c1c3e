"""Bundles between vaults: export, import, merge, conflicts, tombstones, tampering, interop.

Every person, case and key here is invented test data.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import random
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from reportlab.pdfgen import canvas
from sqlalchemy import func, text
from sqlmodel import select

from hrcase.domain.models import RECORD_KINDS, AttachmentBlob, AuditEntry
from hrcase.errors import HrcaseError, UsageError
from hrcase.services import Services
from hrcase.services import bundle_format as bf
from hrcase.services import bundles
from hrcase.services import identities as ids
from hrcase.services.check import check_vault
from hrcase.services.identity_keys import sign_bytes
from hrcase.services.pdf_signing import sign_pdf
from hrcase.services.serialize import to_dict
from hrcase.services.verify import verify_file
from hrcase.vault import Vault
from hrcase.vault.blobs import BlobDamaged

from .conftest import PASSPHRASE
from .helpers import add_case, add_person

AGE = shutil.which("age")
needs_age = pytest.mark.skipif(AGE is None, reason="the age command-line tool is not installed")
SECRET_TEXT = "Вымышленные показания: меня били в камере"


# -- helpers ------------------------------------------------------------------------------------
def make_peer(tmp_path: Path, name: str, researcher: str) -> Services:
    """A vault with an identity (invented researcher)."""
    vault, _recovery = Vault.create(tmp_path / f"{name}.hrcase", PASSPHRASE)
    services = Services(vault, researcher)
    ids.create_identity(services, researcher, "Invented Rights Bureau")
    return services


def introduce(owner: Services, other: Services, *, verify: bool = True) -> None:
    """``owner`` adds ``other``'s card, and verifies it (as if compared by voice)."""
    contact, _new = ids.add_contact(owner, ids.identity_card(other).to_bytes())
    if verify:
        ids.verify_contact(owner, contact.id, contact.fingerprint)


def name_of(services: Services) -> str:
    return ids.show_identity(services).name


@pytest.fixture
def peers(tmp_path: Path) -> Iterator[tuple[Services, Services]]:
    a = make_peer(tmp_path, "a", "Aigerim Testova")
    b = make_peer(tmp_path, "b", "Boris Primerov")
    introduce(a, b)
    introduce(b, a)
    yield a, b
    a.vault.close()
    b.vault.close()


def build_case(s: Services, title: str = "Detention in an invented town") -> dict[str, Any]:
    """A case with every kind of linked record, and attachments."""
    r = s.records
    case = add_case(s, title)
    victim = add_person(s, "Иван Выдуманный", birth="1974", nationality="KZ")
    r.create("person_name", {"person_id": victim.id, "text": "Ivan Vydumanny", "script": "Latn",
                             "kind": "transliteration"})
    witness = add_person(s, "Жанар Әлиева")
    officer = add_person(s, "Officer Invented")
    for person, role in ((victim, "victim"), (witness, "witness"),
                         (officer, "alleged_perpetrator")):
        r.create("case_role", {"case_id": case.id, "person_id": person.id, "role": role})
    town = r.create("place", {"name": {"en": "Invented Town"}, "place_type": "town"})
    station = r.create("place", {"name": {"ru": "ОВД"}, "place_type": "police_station",
                                 "parent_id": town.id})
    cell = r.create("place", {"name": {"en": "Cell 3"}, "place_type": "temporary_detention",
                              "parent_id": station.id})
    police = r.create("organisation", {"name": {"en": "Invented police"}, "org_type": "police"})
    unit = r.create("organisation", {"name": {"en": "Invented unit"}, "org_type": "special_police",
                                     "parent_id": police.id})
    arrest = r.create("event", {"case_id": case.id, "event_type": "arrest", "place_id": station.id,
                                "start": "2011-12-16"})
    detention = r.create("event", {"case_id": case.id, "event_type": "detention",
                                   "place_id": cell.id, "start": "2011-12-16/2011-12-19"})
    r.create("event_link", {"from_event_id": arrest.id, "to_event_id": detention.id})
    allegation = r.create("allegation", {"case_id": case.id, "victim_id": victim.id,
                                         "event_id": detention.id, "methods": ["beating"],
                                         "intents": ["confession"], "articles": ["cat_1"]})
    r.create("perpetrator", {"allegation_id": allegation.id, "person_id": officer.id,
                             "organisation_id": unit.id, "involvement": "carried_out"})
    testimony = r.create("testimony", {"case_id": case.id, "interviewee_id": victim.id,
                                       "place_id": town.id, "persons_present": [witness.id],
                                       "language": "ru", "text": SECRET_TEXT})
    r.create("translation", {"target_kind": "testimony", "target_id": testimony.id,
                             "language": "en", "text": "Invented testimony in English"})
    source = r.create("source", {"title": "Invented report"})
    r.create("source_link", {"source_id": source.id, "entity_kind": "case",
                             "entity_id": case.id})
    r.create("intervention", {"case_id": case.id, "body": "UN CAT"})
    r.create("recommendation", {"case_id": case.id, "text": {"en": "Investigate (invented)."}})
    photo = s.attachments.add(io.BytesIO(os.urandom(2 * 1024 * 1024 + 4321)), filename="photo.jpg",
                              owner_kind="testimony", owner_id=testimony.id)
    empty = s.attachments.add(io.BytesIO(b""), filename="empty.txt", owner_kind="case",
                              owner_id=case.id)
    note = s.attachments.add(io.BytesIO("заметка".encode()), filename="note.txt",
                             owner_kind="source", owner_id=source.id)
    return {"case": case, "victim": victim, "witness": witness, "officer": officer,
            "town": town, "cell": cell, "unit": unit, "arrest": arrest, "detention": detention,
            "allegation": allegation, "testimony": testimony, "source": source,
            "photo": photo, "empty": empty, "note": note}


def snapshot(s: Services) -> dict[str, dict[str, dict[str, Any]]]:
    """Every record of every kind, as dicts."""
    with s.vault.reading() as session:
        return {kind: {row.id: to_dict(row) for row in session.exec(select(model))}
                for kind, model in RECORD_KINDS.items()}


def state(s: Services) -> tuple[Any, ...]:
    """Everything an import could change: records, contents and their files, audit length,
    settings."""
    with s.vault.reading() as session:
        contents = session.exec(select(func.count()).select_from(AttachmentBlob)).one()
        entries = session.exec(select(func.count()).select_from(AuditEntry)).one()
        settings = list(session.execute(text("SELECT key, value FROM setting ORDER BY key")))
    files = sorted(p.name for p in s.vault.content_dir.iterdir())
    return json.dumps(snapshot(s), sort_keys=True), contents, files, entries, settings


def export(a: Services, case_ids: list[str], to: list[str], out: Path, **kw: Any
           ) -> bundles.ExportResult:
    return bundles.export_bundle(a, case_ids, to, out, **kw)


def read_records(path: Path, identity: str) -> dict[str, Any]:
    """The decrypted records part of a bundle (in memory, test only)."""
    with open(path, "rb") as raw, bf.open_bundle(raw, [identity], None) as reader:
        reader.verify_signature(lambda *args: True)
        _info, chunks = next(reader.parts())
        return json.loads(b"".join(chunks))


def age_identity(s: Services) -> str:
    with s.vault.reading() as session:
        return ids.active_identity(session).age_identity


def craft(signer: Services, recipient: Services, path: Path, document: dict[str, Any],
          attachments: dict[str, bytes] | None = None) -> None:
    """A bundle signed by ``signer`` holding any records document (to test validation)."""
    with signer.vault.reading() as session:
        identity = ids.active_identity(session)
    body = json.dumps(document).encode()
    parts = [(bf.PartInfo(bundles.RECORDS_PART, "records", len(body), hashlib.sha256(body).hexdigest()),
              lambda: iter([body]))]
    for name, data in (attachments or {}).items():
        parts.append((bf.PartInfo(name, "attachment", len(data), hashlib.sha256(data).hexdigest()),
                      lambda d=data: iter([d])))
    manifest = bf.Manifest(
        signer_fingerprint=hashlib.sha256(ids.certificate_der(identity.certificate_pem)).hexdigest(),
        signer_certificate_pem=identity.certificate_pem)
    with open(path, "wb") as out:
        bf.write_bundle(out, manifest, parts,
                        lambda b: sign_bytes(identity.signing_key_pem.encode(),
                                             bundles.MANIFEST_CONTEXT + b),
                        [ids.show_identity(recipient).age_recipient], None)


# -- round trip ---------------------------------------------------------------------------------
def test_round_trip_between_two_vaults(peers: tuple[Services, Services], tmp_path: Path) -> None:
    a, b = peers
    built = build_case(a)
    other_case = add_case(a, "Another invented case")
    outsider = add_person(a, "Not In The Case")
    a.records.create("case_role", {"case_id": other_case.id, "person_id": outsider.id,
                                   "role": "victim"})
    out = tmp_path / "to-boris.hrbundle"
    result = export(a, [built["case"].id], [name_of(b)], out)
    assert out.exists() and not out.with_name(out.name + ".partial").exists()
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    assert result.sha256 == hashlib.sha256(out.read_bytes()).hexdigest()
    assert result.attachments == 3
    assert SECRET_TEXT.encode() not in out.read_bytes()

    preview = bundles.import_bundle(b, out)
    assert preview.applied and preview.signer.verified and preview.signer.name == name_of(a)
    assert preview.bundle_sha256 == result.sha256
    assert preview.count("conflicts") == preview.count("changed") == 0
    assert preview.new == result.records
    source, target = snapshot(a), snapshot(b)
    for kind, records in target.items():
        for record_id, data in records.items():
            assert source[kind][record_id] == data, kind
    assert other_case.id not in target["case"] and outsider.id not in target["person"]
    assert sum(len(v) for v in target.values()) == result.total_records
    assert set(target["place"]) == {built["town"].id, built["cell"].id, built["cell"].parent_id}
    assert len(target["organisation"]) == 2 and len(target["event_link"]) == 1
    for key in ("photo", "empty", "note"):
        assert b.attachments.read(built[key].id) == a.attachments.read(built[key].id)
    assert check_vault(b.vault).ok
    with b.vault.reading() as session:
        entry = session.exec(select(AuditEntry).where(AuditEntry.action == "bundle-import")).one()
    assert f"sha256={result.sha256}" in entry.detail
    assert preview.signer.certificate_fingerprint.replace(" ", "") in entry.detail
    with a.vault.reading() as session:
        entry = session.exec(select(AuditEntry).where(AuditEntry.action == "bundle-export")).one()
        assert f"sha256={result.sha256}" in entry.detail
        assert ids.find_contact_in(session, name_of(b)).last_bundle_at is not None


def test_replay_and_older_bundles_change_nothing(peers: tuple[Services, Services],
                                                 tmp_path: Path) -> None:
    a, b = peers
    built = build_case(a)
    first = tmp_path / "1.hrbundle"
    export(a, [built["case"].id], [name_of(b)], first)
    bundles.import_bundle(b, first)
    a.records.update("person", built["victim"].id, {"occupation": "teacher"})
    second = tmp_path / "2.hrbundle"
    export(a, [built["case"].id], [name_of(b)], second)
    assert bundles.import_bundle(b, second).changed == {"person": 1}
    before = state(b)[:2]
    again = bundles.import_bundle(b, second)
    older = bundles.import_bundle(b, first)
    for preview in (again, older):
        assert preview.count("new") == preview.count("changed") == preview.count("conflicts") == 0
        assert preview.changes == []
    assert state(b)[:2] == before
    assert b.records.get("person", built["victim"].id).occupation == "teacher"


def test_dry_run_and_declined_preview_change_nothing(peers: tuple[Services, Services],
                                                     tmp_path: Path) -> None:
    a, b = peers
    built = build_case(a)
    out = tmp_path / "x.hrbundle"
    export(a, [built["case"].id], [name_of(b)], out)
    before = state(b)
    preview = bundles.import_bundle(b, out, dry_run=True)
    assert preview.dry_run and not preview.applied and preview.count("new") > 20
    assert preview.attachments == 3
    assert state(b) == before
    seen: list[bundles.ImportPreview] = []
    with pytest.raises(bundles.ImportCancelled):
        bundles.import_bundle(b, out, confirm=lambda p: seen.append(p) or False)
    assert seen and seen[0].new == preview.new
    assert state(b) == before


# -- conflicts ------------------------------------------------------------------------------------
def test_edits_on_both_sides_keep_both_versions(peers: tuple[Services, Services],
                                                tmp_path: Path) -> None:
    a, b = peers
    built = build_case(a)
    case_id = built["case"].id
    export(a, [case_id], [name_of(b)], tmp_path / "1.hrbundle")
    bundles.import_bundle(b, tmp_path / "1.hrbundle")
    # Same revision number on both sides, different content.
    a.records.update("case", case_id, {"summary": {"en": "Aigerim's summary"}})
    b.records.update("case", case_id, {"summary": {"en": "Boris's summary"}})
    export(a, [case_id], [name_of(b)], tmp_path / "2.hrbundle", since_last=True)
    preview = bundles.import_bundle(b, tmp_path / "2.hrbundle")
    assert preview.conflicts == {"case": 1} and preview.count("changed") == 0
    assert b.records.get("case", case_id).summary == {"en": "Boris's summary"}
    conflicts = bundles.list_conflicts(b)
    assert len(conflicts) == 1 and conflicts[0].incoming["summary"] == {"en": "Aigerim's summary"}
    assert conflicts[0].signer_name == name_of(a)
    # A replay does not add the same conflict again.
    bundles.import_bundle(b, tmp_path / "2.hrbundle")
    assert len(bundles.list_conflicts(b)) == 1
    # Boris keeps his version; it then replaces Aigerim's without a conflict.
    kept = bundles.resolve_conflict(b, conflicts[0].id[:8], "local")
    assert kept.revision == 3 and bundles.list_conflicts(b) == []
    export(b, [case_id], [name_of(a)], tmp_path / "3.hrbundle")
    back = bundles.import_bundle(a, tmp_path / "3.hrbundle")
    assert back.changed == {"case": 1} and back.count("conflicts") == 0
    assert to_dict(a.records.get("case", case_id)) == to_dict(b.records.get("case", case_id))
    # And once more the other way: nothing changes on Boris's side.
    export(a, [case_id], [name_of(b)], tmp_path / "4.hrbundle")
    assert bundles.import_bundle(b, tmp_path / "4.hrbundle").changes == []


def test_resolving_with_the_incoming_version_and_edit_against_delete(
        peers: tuple[Services, Services], tmp_path: Path) -> None:
    a, b = peers
    built = build_case(a)
    case_id, event_id = built["case"].id, built["arrest"].id
    export(a, [case_id], [name_of(b)], tmp_path / "1.hrbundle")
    bundles.import_bundle(b, tmp_path / "1.hrbundle")
    a.records.update("allegation", built["allegation"].id, {"methods": ["beating", "burns"]})
    b.records.update("allegation", built["allegation"].id, {"methods": ["electric_shock"]})
    a.records.delete("event", event_id)
    b.records.update("event", event_id, {"description": "Boris adds a detail"})
    export(a, [case_id], [name_of(b)], tmp_path / "2.hrbundle", since_last=True)
    preview = bundles.import_bundle(b, tmp_path / "2.hrbundle")
    assert preview.conflicts == {"allegation": 1, "event": 1}
    by_kind = {c.kind: c for c in bundles.list_conflicts(b)}
    taken = bundles.resolve_conflict(b, by_kind["allegation"].id, "incoming")
    assert taken.methods == ["beating", "burns"] and taken.revision == 3
    deleted = bundles.resolve_conflict(b, by_kind["event"].id, "incoming")
    assert deleted.deleted
    with pytest.raises(UsageError):
        bundles.resolve_conflict(b, by_kind["event"].id, "both")
    export(b, [case_id], [name_of(a)], tmp_path / "3.hrbundle")
    back = bundles.import_bundle(a, tmp_path / "3.hrbundle")
    assert back.count("conflicts") == 0 and back.changed == {"allegation": 1}
    assert a.records.get("allegation", built["allegation"].id).methods == ["beating", "burns"]


def test_history_travels_through_a_third_vault(peers: tuple[Services, Services],
                                               tmp_path: Path) -> None:
    a, b = peers
    c = make_peer(tmp_path, "c", "Chingiz Invented")
    try:
        for x, y in ((a, c), (c, a), (b, c), (c, b)):
            introduce(x, y)
        built = build_case(a)
        case_id = built["case"].id
        export(a, [case_id], [name_of(b), name_of(c)], tmp_path / "1.hrbundle")
        bundles.import_bundle(b, tmp_path / "1.hrbundle")
        bundles.import_bundle(c, tmp_path / "1.hrbundle")
        b.records.update("person", built["witness"].id, {"occupation": "nurse"})
        export(b, [case_id], [name_of(c)], tmp_path / "2.hrbundle")
        assert bundles.import_bundle(c, tmp_path / "2.hrbundle").changed == {"person": 1}
        # Chingiz passes Boris's version on to Aigerim: it descends from hers.
        export(c, [case_id], [name_of(a)], tmp_path / "3.hrbundle")
        preview = bundles.import_bundle(a, tmp_path / "3.hrbundle")
        assert preview.changed == {"person": 1} and preview.count("conflicts") == 0
    finally:
        c.vault.close()


# -- tombstones and since-last ------------------------------------------------------------------
def test_tombstones_propagate_without_the_deleted_content(peers: tuple[Services, Services],
                                                          tmp_path: Path) -> None:
    a, b = peers
    built = build_case(a)
    case_id = built["case"].id
    gone = a.records.create("recommendation", {"case_id": case_id, "text": {"en": "Invented"}})
    a.records.delete("recommendation", gone.id)
    export(a, [case_id], [name_of(b)], tmp_path / "1.hrbundle")
    bundles.import_bundle(b, tmp_path / "1.hrbundle")
    assert b.records.get("recommendation", gone.id, include_deleted=True).text == {}
    a.records.delete("testimony", built["testimony"].id)
    a.records.delete("attachment", built["photo"].id)
    out = tmp_path / "2.hrbundle"
    export(a, [case_id], [name_of(b)], out, since_last=True)
    document = read_records(out, age_identity(b))
    assert SECRET_TEXT not in json.dumps(document, ensure_ascii=False)
    tombstone = next(item["record"] for item in document["records"]
                     if item["record"]["id"] == built["testimony"].id)
    assert tombstone["deleted"] and tombstone["text"] == "" and tombstone["case_id"] == case_id
    preview = bundles.import_bundle(b, out)
    assert preview.deleted == {"testimony": 1, "attachment": 1}
    record = b.records.get("testimony", built["testimony"].id, include_deleted=True)
    assert record.deleted and record.text == ""
    with b.vault.reading() as session:
        count = session.exec(select(func.count()).select_from(AttachmentBlob).where(
            AttachmentBlob.attachment_id == built["photo"].id)).one()
    assert count == 0
    assert check_vault(b.vault).ok
    assert bundles.import_bundle(b, out).changes == []


def test_since_last_sends_what_changed_and_what_it_refers_to(
        peers: tuple[Services, Services], tmp_path: Path) -> None:
    a, b = peers
    built = build_case(a)
    case_id = built["case"].id
    export(a, [case_id], [name_of(b)], tmp_path / "1.hrbundle")
    bundles.import_bundle(b, tmp_path / "1.hrbundle")
    with pytest.raises(HrcaseError):
        export(a, [], [name_of(b)], tmp_path / "none.hrbundle", since_last=True)
    assert not (tmp_path / "none.hrbundle").exists()
    name = a.records.create("person_name", {"person_id": built["witness"].id,
                                            "text": "Zhanar Alieva", "kind": "alias"})
    result = export(a, [], [name_of(b)], tmp_path / "2.hrbundle", since_last=True)
    assert result.records == {"person": 1, "person_name": 1} and result.attachments == 0
    preview = bundles.import_bundle(b, tmp_path / "2.hrbundle")
    assert preview.new == {"person_name": 1} and preview.unchanged == 1
    assert b.records.get("person_name", name.id).text == "Zhanar Alieva"


# -- refusals -------------------------------------------------------------------------------------
def _exported(peers: tuple[Services, Services], tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    a, b = peers
    built = build_case(a)
    out = tmp_path / "good.hrbundle"
    export(a, [built["case"].id], [name_of(b)], out)
    return out, built


def test_flipped_bits_anywhere_are_refused_and_nothing_changes(
        peers: tuple[Services, Services], tmp_path: Path) -> None:
    _a, b = peers
    out, _built = _exported(peers, tmp_path)
    data = out.read_bytes()
    header_end = data.index(b"\n---") + 4
    rng = random.Random(6)
    offsets = sorted({0, 3, 25, 40, header_end - 2, header_end + 5, header_end + 60,
                      header_end + 300, len(data) // 2, len(data) - 1, len(data) - 17,
                      len(data) - 70_000, *(rng.randrange(len(data)) for _ in range(24))})
    before, threads = state(b), threading.active_count()
    bad = tmp_path / "bad.hrbundle"
    for offset in offsets:
        flipped = bytearray(data)
        flipped[offset] ^= 1 << rng.randrange(8)
        bad.write_bytes(bytes(flipped))
        with pytest.raises(bf.BundleError) as caught:
            bundles.import_bundle(b, bad, accept_unverified=True)
        message = str(caught.value)
        assert message and "\n" not in message and "Traceback" not in message, offset
    assert state(b) == before
    assert threading.active_count() == threads  # no hashing thread left behind


def test_truncated_bundles_are_refused(peers: tuple[Services, Services], tmp_path: Path) -> None:
    _a, b = peers
    out, _built = _exported(peers, tmp_path)
    data = out.read_bytes()
    before, threads = state(b), threading.active_count()
    bad = tmp_path / "short.hrbundle"
    for length in (0, 10, 200, len(data) // 3, len(data) - 65_552, len(data) - 1000,
                   len(data) - 17, len(data) - 1):
        bad.write_bytes(data[:length])
        with pytest.raises(bf.BundleError):
            bundles.import_bundle(b, bad)
    bad.write_bytes(data + b"\x00")
    with pytest.raises(bf.BundleError):
        bundles.import_bundle(b, bad)
    assert state(b) == before
    assert threading.active_count() == threads


def test_wrong_recipient_is_refused(peers: tuple[Services, Services], tmp_path: Path) -> None:
    a, _b = peers
    out, _built = _exported(peers, tmp_path)
    c = make_peer(tmp_path, "c", "Chingiz Invented")
    try:
        introduce(c, a)
        with pytest.raises(bf.WrongKeyError):
            bundles.import_bundle(c, out)
        assert snapshot(c)["case"] == {}
    finally:
        c.vault.close()


def test_forged_and_unverified_signers(peers: tuple[Services, Services], tmp_path: Path) -> None:
    a, b = peers
    # Mallory makes an identity with Aigerim's name and sends Boris a bundle.
    mallory = make_peer(tmp_path, "m", name_of(a))
    fresh = make_peer(tmp_path, "f", "Fatima Invented")
    try:
        introduce(mallory, b)
        introduce(mallory, fresh)
        case = add_case(mallory, "Forged case")
        out = tmp_path / "forged.hrbundle"
        export(mallory, [case.id], [ids.show_identity(b).fingerprint], out)
        before = state(b)
        for accept in (False, True):
            with pytest.raises(bundles.ForgedSignerError):
                bundles.import_bundle(b, out, accept_unverified=accept)
        assert state(b) == before
        # Fatima received Mallory's card in place of Aigerim's and never verified it.
        introduce(fresh, mallory, verify=False)
        out2 = tmp_path / "to-fatima.hrbundle"
        export(mallory, [case.id], [ids.show_identity(fresh).fingerprint], out2)
        with pytest.raises(bundles.UnverifiedSignerError):
            bundles.import_bundle(fresh, out2)
        preview = bundles.import_bundle(fresh, out2, accept_unverified=True)
        assert preview.applied and not preview.signer.verified and preview.signer.known
        check = bundles.check_bundle(fresh, out2)
        assert check.intact and check.signer is not None and not check.signer.verified
        assert check.problems
    finally:
        mallory.vault.close()
        fresh.vault.close()


def test_unknown_signer_needs_acceptance(peers: tuple[Services, Services], tmp_path: Path) -> None:
    a, b = peers
    stranger = make_peer(tmp_path, "s", "Stranger Invented")
    try:
        introduce(stranger, b)
        case = add_case(stranger, "Stranger's case")
        out = tmp_path / "stranger.hrbundle"
        export(stranger, [case.id], [name_of(b)], out)
        with pytest.raises(bundles.UnknownSignerError):
            bundles.import_bundle(b, out)
        assert case.id not in snapshot(b)["case"]
        preview = bundles.import_bundle(b, out, accept_unverified=True)
        assert preview.new == {"case": 1} and not preview.signer.known
    finally:
        stranger.vault.close()


def _document(records: list[dict[str, Any]]) -> dict[str, Any]:
    return {"format": bundles.RECORDS_FORMAT, "version": 1, "cases": [], "since_last": False,
            "records": [{"kind": kind, "record": record, "history": []}
                        for kind, record in ((r.pop("_kind"), r) for r in records)]}


def test_invalid_records_refuse_the_whole_bundle(peers: tuple[Services, Services],
                                                 tmp_path: Path) -> None:
    a, b = peers
    case = add_case(a, "Valid case")
    good = to_dict(case)
    role = to_dict(a.records.create("case_role", {"case_id": case.id,
                                                  "person_id": add_person(a, "Invented").id,
                                                  "role": "victim"}))
    before = state(b)
    path = tmp_path / "crafted.hrbundle"
    bad_status = {**good, "status": "no-such-status"}
    dangling = dict(role)  # its person is not in the bundle nor in Boris's vault
    wrong_type = {**good, "revision": "two"}
    for records in ([{**bad_status, "_kind": "case"}],
                    [{**good, "_kind": "case"}, {**dangling, "_kind": "case_role"}],
                    [{**wrong_type, "_kind": "case"}],
                    [{**good, "_kind": "case"}, {**good, "_kind": "case"}]):
        craft(a, b, path, _document(records))
        with pytest.raises(bundles.BundleRefused) as caught:
            bundles.import_bundle(b, path)
        assert caught.value.details
    assert state(b) == before
    craft(a, b, path, _document([{**good, "_kind": "case"}]))
    assert bundles.import_bundle(b, path).new == {"case": 1}


def test_attachment_content_must_match_and_never_changes(peers: tuple[Services, Services],
                                                         tmp_path: Path) -> None:
    a, b = peers
    case = add_case(a, "Attachment case")
    attachment = a.attachments.add(io.BytesIO(b"original invented content"), filename="a.txt",
                                   owner_kind="case", owner_id=case.id)
    export(a, [case.id], [name_of(b)], tmp_path / "1.hrbundle")
    bundles.import_bundle(b, tmp_path / "1.hrbundle")
    before = state(b)
    other = b"other invented content!!"
    record = {**to_dict(a.records.get("attachment", attachment.id)), "revision": 5,
              "size": len(other), "sha256": hashlib.sha256(other).hexdigest()}
    path = tmp_path / "crafted.hrbundle"
    craft(a, b, path, _document([{**to_dict(case), "_kind": "case"},
                                 {**record, "_kind": "attachment"}]), {attachment.id: other})
    with pytest.raises(bundles.BundleRefused):
        bundles.import_bundle(b, path)
    craft(a, b, path, _document([{**to_dict(case), "_kind": "case"},
                                 {**record, "_kind": "attachment"}]), {})
    with pytest.raises(bundles.BundleRefused):
        bundles.import_bundle(b, path)
    assert state(b) == before


def test_passphrase_bundles_and_absurd_work_factor(peers: tuple[Services, Services],
                                                   tmp_path: Path) -> None:
    a, b = peers
    case = add_case(a, "Passphrase case")
    out = tmp_path / "pass.hrbundle"
    result = export(a, [case.id], [], out, passphrase="invented bundle passphrase")
    assert result.passphrase and result.recipients == []
    with pytest.raises(bf.PassphraseRequiredError):
        bundles.import_bundle(b, out)
    with pytest.raises(bf.WrongPassphraseError):
        bundles.import_bundle(b, out, passphrase="wrong passphrase")
    data = out.read_bytes()
    line_end = data.index(b"\n", data.index(b"-> scrypt"))
    assert data[line_end - 3:line_end] == b" 18"
    costly = tmp_path / "costly.hrbundle"
    costly.write_bytes(data[:line_end - 2] + b"30" + data[line_end:])
    with pytest.raises(bf.WorkFactorError):
        bundles.import_bundle(b, costly, passphrase="invented bundle passphrase")
    preview = bundles.import_bundle(b, out, passphrase="invented bundle passphrase")
    assert preview.new == {"case": 1}


def test_export_refusals_leave_no_file(peers: tuple[Services, Services], tmp_path: Path) -> None:
    a, b = peers
    built = build_case(a)
    out = tmp_path / "x.hrbundle"
    stranger = make_peer(tmp_path, "s", "Stranger Invented")
    try:
        introduce(a, stranger, verify=False)
        with pytest.raises(UsageError):
            export(a, [built["case"].id], [name_of(stranger)], out)
    finally:
        stranger.vault.close()
    with pytest.raises(UsageError):
        export(a, [], [name_of(b)], out)
    other = add_case(a, "Other invented case")
    foreign = a.records.create("event", {"case_id": other.id, "event_type": "hearing"})
    linked = a.records.create("allegation", {"case_id": built["case"].id,
                                             "event_id": foreign.id})
    with pytest.raises(UsageError):
        export(a, [built["case"].id], [name_of(b)], out)
    a.records.delete("allegation", linked.id)
    with a.vault.reading() as session:  # damage one attachment's content in the vault
        name = session.get(AttachmentBlob, built["note"].id).file
    (a.vault.content_dir / name).write_bytes(b"damaged")
    threads = threading.active_count()
    with pytest.raises(BlobDamaged):
        export(a, [built["case"].id], [name_of(b)], out)
    assert threading.active_count() == threads  # the bundle's hashing thread ended too
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == []


# -- interop and verify -------------------------------------------------------------------------
@needs_age
def test_age_cli_decrypts_a_bundle(peers: tuple[Services, Services], tmp_path: Path) -> None:
    a, b = peers
    case = add_case(a, "Interop case")
    out = tmp_path / "interop.hrbundle"
    export(a, [case.id], [name_of(b)], out)
    key_file = tmp_path / "boris.agekey"  # test data only: an invented researcher's key
    key_file.write_text(age_identity(b) + "\n")
    try:
        result = subprocess.run([AGE, "-d", "-i", str(key_file), str(out)], capture_output=True,
                                timeout=60, check=False)
    finally:
        key_file.unlink()
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(bf.MAGIC)
    assert b'"title":{"en":"Interop case"}' in result.stdout


def _pdf() -> bytes:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(60, 780, "Invented dossier")
    page.showPage()
    page.save()
    return buffer.getvalue()


def test_verify_file_for_bundles_and_pdfs(peers: tuple[Services, Services], tmp_path: Path) -> None:
    a, b = peers
    out, _built = _exported(peers, tmp_path)
    report = verify_file(b, out)
    assert report.kind == "bundle" and report.intact and report.trusted
    assert report.signer_name == name_of(a) and report.fingerprint == ids.show_identity(a).fingerprint
    data = bytearray(out.read_bytes())
    data[len(data) // 2] ^= 4
    bad = tmp_path / "bad.hrbundle"
    bad.write_bytes(bytes(data))
    damaged = verify_file(b, bad)
    assert not damaged.intact and damaged.problems
    with pytest.raises(UsageError):
        verify_file(None, out)
    with a.vault.reading() as session:
        identity = ids.active_identity(session)
    signed = sign_pdf(_pdf(), identity.signing_key_pem.encode(), identity.certificate_pem.encode(),
                      reason="dossier", location=None, signer_name=identity.name)
    pdf = tmp_path / "dossier.pdf"
    pdf.write_bytes(signed)
    known = verify_file(b, pdf)
    assert known.kind == "pdf" and known.intact and known.trusted
    unknown = verify_file(None, pdf)
    assert unknown.intact and not unknown.known_signer and not unknown.trusted
    pdf.write_bytes(signed + b"%appended\n")
    assert not verify_file(b, pdf).intact
    other = tmp_path / "notes.txt"
    other.write_text("plain text")
    with pytest.raises(UsageError):
        verify_file(b, other)
