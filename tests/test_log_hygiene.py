"""Error details that reach logs or messages never quote record content."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from hrcase.gui.jobs import code_frames
from hrcase.vault import KdfParams, Vault

SECRET = "Invented Witness Zhanargul Testkyzy"


def _raise_with_secret() -> None:
    raise ValueError(f"could not parse {SECRET}")


def test_job_failure_frames_name_code_not_the_message() -> None:
    with pytest.raises(ValueError) as raised:
        _raise_with_secret()
    frames = code_frames(raised.value)
    assert "test_log_hygiene.py" in frames and "_raise_with_secret" in frames
    assert SECRET not in frames and "Zhanargul" not in frames


def test_database_errors_do_not_quote_the_values(tmp_path: Path) -> None:
    vault, _recovery = Vault.create(tmp_path / "v.hrcase", "correct horse battery staple",
                                    KdfParams(memory_kib=8192, iterations=1, lanes=1))
    try:
        with pytest.raises(IntegrityError) as raised, vault.engine.begin() as conn:
            conn.execute(text("INSERT INTO person_name (id, text) VALUES (:id, :text)"),
                         {"id": "x", "text": SECRET})
        assert SECRET not in str(raised.value)
    finally:
        vault.close()
