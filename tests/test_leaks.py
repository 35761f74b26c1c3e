"""No plaintext outside the vault: a recognisable sentence is in no file anywhere we wrote.

The full session (create, testimony, attachment, search, a refused import, a wrong passphrase,
a public dossier with the witness anonymous, an internal dossier, a bundle, a backup, lock)
runs with a private home (cache, config, data and state folders), a private temporary folder
and a log file collecting every hrcase log line of any level and every warning or error of any
library; then every file under the test's folder is scanned.
"""

from __future__ import annotations

import io
import logging
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from hrcase.errors import HrcaseError
from hrcase.services import Services, records_io
from hrcase.services import identities as ids
from hrcase.services.bundles import export_bundle
from hrcase.services.dossier import DossierRequest, build_dossier
from hrcase.services.search import SearchService
from hrcase.vault import KdfParams, Vault, WrongPassphrase

from .conftest import PASSPHRASE
from .helpers import add_case, add_person, isolate_home, make_colleagues

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


WITNESS = "Гүлназ Ойдантаева"
"""The anonymous witness of the full session (invented)."""
PDFTOTEXT = shutil.which("pdftotext")


class _HrcaseOrWarnings(logging.Filter):
    """hrcase's own lines at any level; other libraries' warnings and errors."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.name.startswith("hrcase") or record.levelno >= logging.WARNING


@pytest.fixture
def private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Home, XDG folders and TMPDIR under ``tmp_path``; a log file of everything hrcase logs.
    Yields the log file."""
    home = isolate_home(tmp_path / "home", monkeypatch)
    log_file = home / ".local/state/session.log"
    handler = logging.FileHandler(log_file, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))
    handler.addFilter(_HrcaseOrWarnings())
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    logging.captureWarnings(True)
    try:
        yield log_file
    finally:
        logging.captureWarnings(False)
        root.removeHandler(handler)
        root.setLevel(old_level)
        handler.close()


def _pdf_text(path: Path) -> str:
    assert PDFTOTEXT is not None
    return subprocess.run([PDFTOTEXT, "-enc", "UTF-8", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def _session(tmp_path: Path, out: Path) -> None:
    """Everything a researcher does in a day, through the services, ending locked."""
    fast = KdfParams(memory_kib=8192, iterations=1, lanes=1)
    colleague_vault, _ = Vault.create(tmp_path / "colleague.hrcase", PASSPHRASE, fast)
    vault, _ = Vault.create(tmp_path / "field.hrcase", PASSPHRASE)
    try:
        services = Services(vault, "Invented Researcher")
        colleague = Services(colleague_vault, "Invented Colleague")
        make_colleagues(services, "Invented Researcher", colleague, "Invented Colleague",
                        "Invented Rights Bureau")
        case = add_case(services, "Invented detention case")
        witness = add_person(services, WITNESS, disclosure="anonymous")
        services.records.create("case_role", {"case_id": case.id, "person_id": witness.id,
                                              "role": "witness"})
        testimony = services.records.create("testimony", {
            "case_id": case.id, "interviewee_id": witness.id, "language": "ru",
            "text": SENTENCE})
        services.attachments.add(io.BytesIO(FILE_SENTENCE.encode()), filename="canary.txt",
                                 owner_kind="testimony", owner_id=testimony.id)
        search = SearchService(services)
        assert search.search("подвале") and search.search(WITNESS)
        with pytest.raises(HrcaseError):  # a refused import names rows, not their content
            records_io.import_persons_csv(vault, f"name,sex\n{WITNESS},not-a-sex\n", "t")
        for audience in ("public", "internal"):
            build_dossier(services, DossierRequest(
                scope="case", ids=[case.id], lang="ru", audience=audience, sign=True,
                out=out / f"{audience}.pdf", author="Invented Researcher"))
        export_bundle(services, [case.id], [ids.list_contacts(services)[0].id],
                      out / "case.hrcase-bundle")
        services.backup(out / "backup.hrcase")
    finally:
        vault.close()
        colleague_vault.close()
    with pytest.raises(WrongPassphrase):
        Vault.open(tmp_path / "field.hrcase", "not the passphrase")


@pytest.mark.skipif(PDFTOTEXT is None, reason="poppler's pdftotext is not installed")
def test_full_session_leaves_the_witness_and_the_testimony_nowhere(
        tmp_path: Path, private_home: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    _session(tmp_path, out)
    internal = out / "internal.pdf"
    assert WITNESS in _pdf_text(internal)  # the internal-only output the user asked for
    public = " ".join(_pdf_text(out / "public.pdf").split())
    assert "Invented detention case" in public
    assert WITNESS not in public and "Ойдантаев" not in public and "подвале" not in public
    needles = [text.encode(encoding) for text in (WITNESS, "Ойдантаев", SENTENCE, "прижигал",
                                                  FILE_SENTENCE, "red notebook")
               for encoding in ("utf-8", "utf-16-le", "utf-16-be")]
    files = [p for p in _files_under(tmp_path) if p != internal]
    assert private_home in files and len(files) >= 10
    assert [p for p in files if _contains(p, needles)] == []
