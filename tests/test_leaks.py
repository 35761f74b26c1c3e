"""No plaintext outside the vault: a recognisable sentence is in no file anywhere we wrote."""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path

import pytest

from hrcase.services import Services
from hrcase.vault import Vault

from .conftest import PASSPHRASE
from .helpers import add_case, add_person

SENTENCE = "Следователь Кенжебаев прижигал мне руки сигаретой в подвале"
FILE_SENTENCE = "Attachment canary: the red notebook under the floorboards"


def _files_under(*roots: Path) -> list[Path]:
    found = []
    for root in roots:
        for dirpath, _dirs, files in os.walk(root):
            found.extend(Path(dirpath) / f for f in files)
    return found


def _contains(path: Path, needles: list[bytes]) -> bool:
    try:
        data = path.read_bytes()
    except OSError:
        return False
    return any(needle in data for needle in needles)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16-le"])
def test_testimony_and_attachment_text_are_nowhere_in_plaintext(tmp_path: Path, encoding: str,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    path = tmp_path / "leak.hrcase"
    vault, _ = Vault.create(path, PASSPHRASE)
    services = Services(vault, "t")
    case = add_case(services)
    person = add_person(services, "Witness Person")
    testimony = services.records.create("testimony", {"case_id": case.id, "interviewee_id": person.id,
                                                      "language": "ru", "text": SENTENCE * 50})
    services.records.update("testimony", testimony.id, {"text": SENTENCE + " (edited)"})
    services.attachments.add(io.BytesIO(FILE_SENTENCE.encode() * 100), filename="canary.txt")
    services.records.list("testimony", text="подвале")
    services.backup(tmp_path / "backup.hrcase")
    vault.close()
    needles = [SENTENCE.encode(encoding), FILE_SENTENCE.encode(encoding),
               "прижигал".encode(encoding), b"red notebook"]
    leaking = [p for p in _files_under(tmp_path) if _contains(p, needles)]
    assert leaking == []
    assert len(_files_under(path)) >= 2
