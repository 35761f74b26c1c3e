"""Hostile input to every parser of outside data (hypothesis; see hostile.py for the promises).

CI runs a few dozen examples per target (HRCASE_FUZZ_EXAMPLES to change it); the soak run
(``python -m tests.soak``) runs thousands. The number of inputs tried is printed at the end.
"""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hrcase.services import Services
from hrcase.services.bundles import import_bundle
from hrcase.vault import VaultDamaged
from hrcase.vault.keyslots import KeySlots

from . import hostile

EXAMPLES = int(os.environ.get("HRCASE_FUZZ_EXAMPLES", "40"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=False, database=None,
                suppress_health_check=list(HealthCheck))


@FUZZ
@given(hostile.csv_documents())
def test_csv_import_refuses_or_imports_all(data: bytes) -> None:
    hostile.check_csv_import(data)


@FUZZ
@given(hostile.json_documents())
def test_json_import_refuses_or_imports_all(data: bytes) -> None:
    hostile.check_json_import(data)


@FUZZ
@given(hostile.date_texts())
def test_partial_dates_parse_or_refuse(text: str) -> None:
    hostile.check_partial_date(text)


@FUZZ
@given(st.one_of(st.binary(max_size=300), hostile.mutated(hostile.key_slot_text())))
def test_key_slot_files_parse_or_are_damaged(data: bytes) -> None:
    hostile.check_key_slots(data)


@FUZZ
@given(st.one_of(st.binary(max_size=300), hostile.mutated("card")))
def test_identity_cards_parse_or_refuse(data: bytes) -> None:
    hostile.check_identity_card(data)


@FUZZ
@given(st.one_of(st.binary(max_size=300), hostile.mutated("p12")),
       st.one_of(st.none(), st.just(b"secret"), st.binary(max_size=10)))
def test_pkcs12_imports_or_refuses(data: bytes, password: bytes | None) -> None:
    hostile.check_pkcs12(data, password)


@FUZZ
@given(hostile.FILENAMES)
def test_attachment_file_names_are_safe(name: str) -> None:
    hostile.check_filename(name)


@settings(FUZZ, max_examples=max(5, EXAMPLES // 4))
@given(hostile.FILENAMES)
def test_save_copy_writes_only_the_destination(name: str) -> None:
    hostile.check_save_copy(name)


@FUZZ
@given(hostile.QUERIES)
def test_search_queries_find_or_refuse(query: str) -> None:
    hostile.check_search_query(query)


@FUZZ
@given(st.one_of(st.binary(max_size=300),
                 st.builds(lambda: hostile.bundle_files()["manifest"].decode())
                 .flatmap(hostile.mutated)))
def test_bundle_manifests_parse_or_refuse(data: bytes) -> None:
    hostile.check_manifest(data)


@settings(FUZZ, max_examples=max(5, EXAMPLES // 4))
@given(hostile.changed_bundles())
def test_changed_bundles_are_refused(data: bytes) -> None:
    hostile.check_bundle(data)


def test_slot_file_whose_vault_id_is_a_lone_surrogate_is_damaged() -> None:
    """Found by the soak: the id parsed, and unlocking then failed with UnicodeEncodeError."""
    doc = json.loads(hostile.key_slot_text())
    doc["vault_id"] = "\ud800"
    data = json.dumps(doc).encode()
    with pytest.raises(VaultDamaged):
        KeySlots.from_bytes(data)
    assert hostile.check_key_slots(data) == "refused"


def test_the_real_files_are_accepted() -> None:
    """The mutations start from files the parsers accept (else the fuzzing would prove little)."""
    files = hostile.identity_files()
    assert hostile.check_identity_card(files["card"]) == "parsed"
    assert hostile.check_pkcs12(files["p12"], b"secret") == "imported"
    assert hostile.check_key_slots(hostile.key_slot_text().encode()) == "parsed"
    assert hostile.check_json_import(json.dumps(hostile.shared().export).encode()) \
        == "imported"
    assert hostile.check_manifest(hostile.bundle_files()["manifest"]) == "parsed"
    assert hostile.check_search_query("Invented Name") == "found"
    shared = hostile.shared()
    real = shared.folder / "real.hrcase-bundle"
    real.write_bytes(hostile.bundle_files()["bundle"])
    preview = import_bundle(Services(shared.vault, "Fuzzer"), real, dry_run=True)
    assert preview.count("new") >= 4
