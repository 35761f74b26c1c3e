"""Bundles and signed dossiers made by earlier versions still import and verify.

``tests/fixtures/sharing-v0.1.0/`` was made by hrcase 0.1.0 (make_sharing_fixtures.py): a
recipient vault, a bundle of the Kendyaral demo case encrypted to it, and a public dossier of
that case signed by the bundle's sender. ``expected.json`` holds what 0.1.0 saw. A failure here
means a later version broke files that users already hold: fix the code, never the fixture.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from hrcase.services import Services, bundles
from hrcase.services.check import check_vault
from hrcase.services.verify import verify_file
from hrcase.vault import Vault
from hrcase.vault import migrate

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "sharing-v0.1.0"


@pytest.fixture(scope="module")
def expected() -> dict[str, Any]:
    return json.loads((FIXTURE / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture
def recipient(tmp_path: Path) -> Path:
    path = tmp_path / "recipient.hrcase"
    shutil.copytree(FIXTURE / "recipient.hrcase", path)
    return path


def test_the_fixture_files_are_the_ones_0_1_0_wrote(expected: dict[str, Any]) -> None:
    for name, key in (("case.bundle", "bundle_sha256"), ("dossier-signed.pdf", "dossier_sha256")):
        assert hashlib.sha256((FIXTURE / name).read_bytes()).hexdigest() == expected[key]


def test_bundle_made_by_0_1_0_imports_every_record(recipient: Path,
                                                   expected: dict[str, Any]) -> None:
    with Vault.open(recipient, expected["passphrase"]) as vault:
        assert migrate.current_revision(vault.engine) == migrate.head_revision()
        services = Services(vault)
        preview = bundles.import_bundle(services, FIXTURE / "case.bundle")
        assert preview.applied
        assert preview.signer.verified and preview.signer.name == expected["signer_name"]
        assert preview.new == expected["new"]
        assert sorted(f"{c.kind}:{c.id}" for c in preview.changes) == expected["changes"]
        image = services.attachments.read(expected["attachment_id"])
        assert hashlib.sha256(image).hexdigest() == expected["attachment_sha256"]
        for change in preview.changes:
            assert services.records.get(change.kind, change.id) is not None
        report = check_vault(vault)
        assert report.ok, report.problems
        again = bundles.import_bundle(services, FIXTURE / "case.bundle", dry_run=True)
        assert again.count("new") == 0 and again.count("conflicts") == 0  # a replay adds nothing


def test_dossier_signed_by_0_1_0_verifies_as_the_verified_contact(recipient: Path,
                                                                 expected: dict[str, Any]) -> None:
    with Vault.open(recipient, expected["passphrase"]) as vault:
        report = verify_file(Services(vault), FIXTURE / "dossier-signed.pdf")
    assert report.kind == "pdf" and report.signed and report.intact
    assert not report.modified_after_signing
    assert report.trusted and report.problems == []
    assert report.signer_name == expected["signer_name"]
    assert report.fingerprint == expected["signer_fingerprint"]
    assert report.certificate_fingerprint == expected["signer_certificate_fingerprint"]


def test_dossier_signed_by_0_1_0_is_intact_for_poppler() -> None:
    pdfsig = shutil.which("pdfsig")
    if pdfsig is None:
        pytest.skip("pdfsig (poppler-utils) is not installed")
    out = subprocess.run([pdfsig, str(FIXTURE / "dossier-signed.pdf")], capture_output=True,
                         text=True, timeout=60).stdout
    assert "Signature is Valid" in out
    assert "Total document signed" in out
