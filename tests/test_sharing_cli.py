"""identity, contact, bundle and verify on the command line, in subprocesses (invented people)."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from hrcase.services import Services
from hrcase.vault import Vault

from .conftest import PASSPHRASE
from .helpers import add_case, add_person, run_cli

BUNDLE_PASSPHRASE = "invented bundle passphrase"


def cli(vault: Path, *args: str, **kw: object):  # type: ignore[no-untyped-def]
    return run_cli("--vault", str(vault), *args, passphrase=PASSPHRASE, **kw)  # type: ignore[arg-type]


def one_line_error(result, code: int) -> str:  # type: ignore[no-untyped-def]
    assert result.returncode == code, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path | str]:
    """Two vaults with identities made on the command line, and a case in the first."""
    folder = tmp_path_factory.mktemp("sharing")
    paths = {"a": folder / "aigerim.hrcase", "b": folder / "boris.hrcase"}
    case_id = ""
    for key, path in paths.items():
        vault, _recovery = Vault.create(path, PASSPHRASE)
        services = Services(vault, "")
        if key == "a":
            case_id = add_case(services, "Invented CLI case").id
            person = add_person(services, "Иван Выдуманный")
            services.records.create("case_role", {"case_id": case_id, "person_id": person.id,
                                                  "role": "victim"})
        vault.close()
    for key, name in (("a", "Aigerim Testova"), ("b", "Boris Primerov")):
        result = cli(paths[key], "identity", "create", "--name", name, "--organisation",
                     "Invented Rights Bureau")
        assert result.returncode == 0, result.stderr
        assert "Fingerprint" in result.stdout
        card = folder / f"{key}.card"
        result = cli(paths[key], "identity", "export-card", str(card))
        assert result.returncode == 0, result.stderr
        assert stat.S_IMODE(card.stat().st_mode) == 0o600
    return {"folder": folder, "a": paths["a"], "b": paths["b"], "case": case_id}


def fingerprint(vault: Path) -> str:
    result = cli(vault, "identity", "show", "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["fingerprint"]


def test_identity_is_created_once(world: dict[str, Path | str]) -> None:
    result = cli(Path(world["a"]), "identity", "create", "--name", "Someone Else")
    assert "--replace" in one_line_error(result, 2)


def test_contacts_bundles_and_verify(world: dict[str, Path | str]) -> None:
    folder, a, b = Path(world["folder"]), Path(world["a"]), Path(world["b"])
    fp_a, fp_b = fingerprint(a), fingerprint(b)
    # Aigerim adds and verifies Boris; Boris adds Aigerim's card but does not verify it yet.
    result = cli(a, "contact", "add", str(folder / "b.card"), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["verified"] is False
    bundle = folder / "case.hrbundle"
    refused = cli(a, "bundle", "export", "--case", str(world["case"]), "--to", "Boris Primerov",
                  "--out", str(bundle))
    assert "not verified" in one_line_error(refused, 2) and not bundle.exists()
    wrong = cli(a, "contact", "verify", "Boris Primerov", "--fingerprint", fp_a)
    one_line_error(wrong, 20)
    result = cli(a, "contact", "verify", "Boris Primerov", "--fingerprint", fp_b.lower())
    assert result.returncode == 0, result.stderr
    listed = json.loads(cli(a, "contact", "list", "--json").stdout)
    assert [(c["name"], c["verified"]) for c in listed] == [("Boris Primerov", True)]
    result = cli(a, "bundle", "export", "--case", str(world["case"]), "--to", fp_b, "--out",
                 str(bundle), "--json")
    assert result.returncode == 0, result.stderr
    exported = json.loads(result.stdout)
    assert exported["attachments"] == 0 and exported["records"]["person"] == 1
    assert stat.S_IMODE(bundle.stat().st_mode) == 0o600
    assert not bundle.with_name(bundle.name + ".partial").exists()

    assert cli(b, "contact", "add", str(folder / "a.card")).returncode == 0
    # Unknown to verify: the signer is not verified.
    check = cli(b, "verify", str(bundle), "--json")
    assert check.returncode == 8, check.stderr
    report = json.loads(check.stdout)
    assert report["intact"] and report["signer_name"] == "Aigerim Testova"
    assert report["known_signer"] and not report["verified_signer"]
    refused = cli(b, "bundle", "import", str(bundle))
    assert "not verified" in one_line_error(refused, 24)
    dry = cli(b, "bundle", "import", str(bundle), "--accept-unverified", "--dry-run", "--json")
    assert dry.returncode == 0, dry.stderr
    preview = json.loads(dry.stdout)
    assert preview["dry_run"] and not preview["applied"] and preview["new"]["case"] == 1
    result = cli(b, "bundle", "import", str(bundle), "--accept-unverified")
    assert result.returncode == 0, result.stderr
    assert "not a verified contact" in result.stderr and "imported" in result.stdout
    again = cli(b, "bundle", "import", str(bundle), "--accept-unverified", "--json")
    assert json.loads(again.stdout)["new"] == {}
    # Verified now: verify says 0, a damaged copy 9, and import refuses it in one line.
    assert cli(b, "contact", "verify", "Aigerim Testova", "--fingerprint", fp_a).returncode == 0
    check = cli(b, "verify", str(bundle))
    assert check.returncode == 0, check.stdout + check.stderr
    assert "Intact: yes" in check.stdout
    data = bundle.read_bytes()
    damaged = folder / "damaged.hrbundle"
    damaged.write_bytes(data[: len(data) // 2] + bytes([data[len(data) // 2] ^ 8])
                        + data[len(data) // 2 + 1:])
    assert cli(b, "verify", str(damaged)).returncode == 9
    truncated = folder / "truncated.hrbundle"
    truncated.write_bytes(data[:-20])
    one_line_error(cli(b, "bundle", "import", str(truncated)), 7)  # BundleError
    one_line_error(run_cli("verify", str(bundle)), 2)
    conflicts = cli(b, "bundle", "conflicts", "--json")
    assert conflicts.returncode == 0 and json.loads(conflicts.stdout) == []


def test_passphrase_bundle_from_the_environment(world: dict[str, Path | str]) -> None:
    folder, a, b = Path(world["folder"]), Path(world["a"]), Path(world["b"])
    bundle = folder / "passphrase.hrbundle"
    env = {"HRCASE_BUNDLE_PASSPHRASE": BUNDLE_PASSPHRASE}
    result = cli(a, "bundle", "export", "--case", str(world["case"]), "--passphrase", "--out",
                 str(bundle), env=env)
    assert result.returncode == 0, result.stderr
    assert BUNDLE_PASSPHRASE not in result.stdout + result.stderr
    no_passphrase = cli(b, "bundle", "import", str(bundle), "--accept-unverified")
    assert "HRCASE_BUNDLE_PASSPHRASE" in one_line_error(no_passphrase, 2)
    result = cli(b, "bundle", "import", str(bundle), "--accept-unverified", "--dry-run",
                 "--json", env=env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["signer"]["name"] == "Aigerim Testova"


def test_a_removed_contact_gets_no_bundles_and_signs_as_a_stranger(
        world: dict[str, Path | str]) -> None:
    folder, a, b = Path(world["folder"]), Path(world["a"]), Path(world["b"])
    for owner, other in ((a, b), (b, a)):  # contacts both ways (again, if another test did it)
        card = folder / f"{other.stem}-again.card"
        assert cli(other, "identity", "export-card", str(card)).returncode == 0
        assert cli(owner, "contact", "add", str(card)).returncode == 0
    bundle = folder / "before-removal.hrbundle"
    fp_b = fingerprint(b)
    assert cli(a, "contact", "verify", "Boris Primerov", "--fingerprint", fp_b).returncode == 0
    assert cli(a, "bundle", "export", "--case", str(world["case"]), "--to", "Boris Primerov",
               "--out", str(bundle)).returncode == 0
    removed = cli(b, "contact", "remove", "Aigerim Testova", "--json")
    assert removed.returncode == 0, removed.stderr
    assert json.loads(removed.stdout)["removed"] is True
    assert json.loads(cli(b, "contact", "list", "--json").stdout) == []
    assert cli(b, "bundle", "import", str(bundle), "--dry-run").returncode == 24  # unknown signer
    one_line_error(cli(b, "contact", "remove", "Aigerim Testova"), 4)  # no such contact
