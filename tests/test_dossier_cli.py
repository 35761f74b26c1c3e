"""``hrcase dossier`` and ``hrcase verify`` on the demo vault, in a subprocess."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from .helpers import run_cli



@pytest.fixture(scope="module")
def demo_vault(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    from hrcase.services.demo import DEMO_PASSPHRASE

    path = tmp_path_factory.mktemp("dossier") / "demo.hrcase"
    assert run_cli("--vault", str(path), "demo", "--no-gui").returncode == 0
    result = run_cli("--vault", str(path), "identity", "create", "--name", "Demo Researcher",
                     passphrase=DEMO_PASSPHRASE)
    assert result.returncode == 0, result.stderr
    return path, DEMO_PASSPHRASE


def _case_id(vault: Path, passphrase: str) -> str:
    result = run_cli("--vault", str(vault), "export-records", "--format", "json",
                     passphrase=passphrase)
    return json.loads(result.stdout)["records"]["case"][0]["id"]


def test_signed_public_dossier_in_kazakh_verifies(demo_vault: tuple[Path, str], tmp_path: Path) -> None:
    vault, passphrase = demo_vault
    out = tmp_path / "dossier.pdf"
    result = run_cli("--vault", str(vault), "dossier", "--case", _case_id(vault, passphrase),
                     "--lang", "kk", "--audience", "public", "--out", str(out), "--json",
                     passphrase=passphrase)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["signed"] and report["pages"] > 3
    assert out.stat().st_mode & 0o777 == 0o600
    verified = run_cli("--vault", str(vault), "verify", str(out), passphrase=passphrase)
    assert verified.returncode == 0, verified.stderr
    assert "Demo Researcher" in verified.stdout
    if shutil.which("pdftotext"):
        import subprocess

        text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
        assert "Қ" in text or "қ" in text


def test_dossier_needs_exactly_one_scope(demo_vault: tuple[Path, str], tmp_path: Path) -> None:
    vault, passphrase = demo_vault
    result = run_cli("--vault", str(vault), "dossier", "--lang", "en", "--audience", "internal",
                     "--out", str(tmp_path / "x.pdf"), passphrase=passphrase)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert not (tmp_path / "x.pdf").exists()
