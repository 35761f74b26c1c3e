"""Vaults made by earlier versions open, migrate, pass check and keep every record.

``tests/fixtures/vault-v0.1.0.hrcase`` was made by hrcase 0.1.0 (see the README there); its
records, as 0.1.0 serialised them, are in ``vault-v0.1.0.records.json``. A later version may add
fields, never lose or change the ones listed.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import col, select

from hrcase.domain.models import RECORD_KINDS, AuditEntry
from hrcase.services import Services
from hrcase.services.check import check_vault
from hrcase.services.serialize import to_dict
from hrcase.vault import KdfParams, Vault
from hrcase.vault import migrate
from hrcase.vault.layout import BACKUPS_DIR

from ..helpers import add_case, add_person

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
PASSPHRASE = "fixture vault of invented data, public"
RECOVERY_KEY = "TNQ3J-HFAKY-Y9S9Y-ZQXQC-4WFM5-7ZZWE-XS74F-QEFG7"
FAST = KdfParams(memory_kib=8192, iterations=1, lanes=1)


def _all_records(vault: Vault) -> dict[str, dict[str, dict[str, Any]]]:
    with vault.reading() as session:
        return {kind: {r.id: to_dict(r) for r in session.exec(select(model))}
                for kind, model in RECORD_KINDS.items()}


@pytest.fixture
def old_vault(tmp_path: Path) -> Path:
    path = tmp_path / "vault-v0.1.0.hrcase"
    shutil.copytree(FIXTURES / "vault-v0.1.0.hrcase", path)
    return path


def test_vault_made_by_0_1_0_opens_migrates_and_keeps_every_record(old_vault: Path) -> None:
    manifest = json.loads((FIXTURES / "vault-v0.1.0.records.json").read_text(encoding="utf-8"))
    with Vault.open(old_vault, PASSPHRASE) as vault:
        assert migrate.current_revision(vault.engine) == migrate.head_revision()
        report = check_vault(vault)
        assert report.ok, report.problems
        assert report.audit_entries >= manifest["audit_entries"]
        found = _all_records(vault)
        with vault.reading() as session:
            entry = session.exec(select(AuditEntry).where(
                col(AuditEntry.seq) == manifest["audit_entries"])).one()
        assert entry.hash == manifest["audit_head"]  # the history is the same history
        services = Services(vault)
        assert services.actor == "Demo researcher"
        titles = {c.title.get("en", "") for c in services.records.list("case")}
        assert any("Sarimozor" in t for t in titles) and any("Kendyaral" in t for t in titles)
        attachment = services.records.list("attachment")[0]
        assert services.attachments.read(attachment.id)[:8] == b"\x89PNG\r\n\x1a\n"
    total = 0
    for kind, records in manifest["records"].items():
        for old in records:
            new = found[kind].get(old["id"])
            assert new is not None, f"{kind} {old['id']} is lost"
            changed = {k: (v, new.get(k)) for k, v in old.items() if new.get(k) != v}
            assert not changed, f"{kind} {old['id']} changed: {changed}"
            total += 1
    assert total == sum(len(v) for v in manifest["records"].values()) > 250
    if manifest["schema_revision"] != migrate.head_revision():  # migrated: backup taken first
        assert list((old_vault / BACKUPS_DIR).iterdir())


def test_vault_made_by_0_1_0_opens_with_its_recovery_key(old_vault: Path) -> None:
    with Vault.open(old_vault, recovery_key=RECOVERY_KEY) as vault:
        assert Services(vault).records.count("person") > 0


def test_vault_downgraded_to_0001_with_data_migrates_with_records_intact(tmp_path: Path) -> None:
    path = tmp_path / "old.hrcase"
    vault, _ = Vault.create(path, "downgrade test passphrase", FAST)
    services = Services(vault, "Researcher")
    case = add_case(services, "Old case")
    victim = add_person(services, "Гүлнар Әбілқасымова")
    event = services.records.create("event", {"case_id": case.id, "event_type": "detention",
                                              "start": "2011-12-16", "end": "2011-12-19"})
    services.records.create("allegation", {"case_id": case.id, "victim_id": victim.id,
                                           "event_id": event.id, "methods": ["beating"]})
    services.records.create("testimony", {"case_id": case.id, "interviewee_id": victim.id,
                                          "language": "kk", "text": "Ойдан шығарылған куәлік."})
    services.records.delete("person", add_person(services, "Deleted Person").id)
    before = _all_records(vault)
    migrate.downgrade(vault.engine, "0001")
    assert migrate.current_revision(vault.engine) == "0001"
    vault.close()
    with Vault.open(path, "downgrade test passphrase") as again:
        assert migrate.current_revision(again.engine) == migrate.head_revision()
        assert check_vault(again).ok
        assert _all_records(again) == before
    backups = list((path / BACKUPS_DIR).iterdir())
    assert len(backups) == 1 and backups[0].name.startswith("before-migration-")
    with Vault.open(backups[0], "downgrade test passphrase") as copy:  # the pre-upgrade copy
        assert Services(copy).records.count("person") == 1  # it migrated too, on this open
