"""A bundle that cannot be used exits with its own code (7), in one line, on the command line."""

from __future__ import annotations

from pathlib import Path

from hrcase.services import Services
from hrcase.services import identities as ids
from hrcase.services.bundle_format import BundleError, NotABundleError, TruncatedError
from hrcase.services.bundles import UnverifiedSignerError
from hrcase.vault import Vault
from hrcase.vault.keyslots import KdfParams

from .conftest import PASSPHRASE
from .helpers import run_cli

FAST = KdfParams(memory_kib=8192, iterations=1, lanes=1)


def test_bundle_errors_have_their_own_exit_code(tmp_path: Path) -> None:
    assert BundleError.exit_code == NotABundleError.exit_code == TruncatedError.exit_code == 7
    assert UnverifiedSignerError.exit_code == 24  # refused signers keep their own code
    path = tmp_path / "field.hrcase"
    vault, _recovery = Vault.create(path, PASSPHRASE, FAST)
    ids.create_identity(Services(vault, "Tester"), "Invented Tester")
    vault.close()
    junk = tmp_path / "holiday-photos.age"
    junk.write_bytes(b"not a bundle at all\n" * 10)
    result = run_cli("--vault", str(path), "bundle", "import", str(junk), passphrase=PASSPHRASE)
    assert result.returncode == 7, (result.returncode, result.stderr)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0] == f"hrcase: {NotABundleError()}"
