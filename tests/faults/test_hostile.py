"""Hostile input to every parser of outside data (hypothesis; see hostile.py for the promises).

CI runs a few dozen examples per target (HRCASE_FUZZ_EXAMPLES to change it); the soak run
(``python -m tests.soak``) runs thousands. The number of inputs tried is printed at the end.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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


def test_the_real_files_are_accepted() -> None:
    """The mutations start from files the parsers accept (else the fuzzing would prove little)."""
    files = hostile.identity_files()
    assert hostile.check_identity_card(files["card"]) == "parsed"
    assert hostile.check_pkcs12(files["p12"], b"secret") == "imported"
    assert hostile.check_key_slots(hostile.key_slot_text().encode()) == "parsed"
    assert hostile.check_json_import(__import__("json").dumps(hostile.shared().export).encode()) \
        == "imported"
