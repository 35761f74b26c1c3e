"""The command line in a subprocess: exit codes, one-line errors, readable JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import PASSPHRASE
from .helpers import run_cli


@pytest.fixture(scope="module")
def cli_vault(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "cli.hrcase"
    result = run_cli("--vault", str(path), "init", "--name", "Researcher", passphrase=PASSPHRASE)
    assert result.returncode == 0, result.stderr
    assert "Recovery key" in result.stdout
    csv = path.parent / "persons.csv"
    csv.write_text("name,birth_year,nationality\nХолбоев Рустам,1974,UZ\nЖанар Әлиева,1990,KZ\n",
                   encoding="utf-8")
    result = run_cli("--vault", str(path), "import-records", str(csv), passphrase=PASSPHRASE)
    assert result.returncode == 0, result.stderr
    return path


def _assert_one_line_error(result, code: int) -> None:
    assert result.returncode == code, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "hmac" not in result.stderr.lower()


def test_wrong_passphrase_one_line_distinct_code(cli_vault: Path) -> None:
    before = (cli_vault / "store.db").read_bytes()
    result = run_cli("--vault", str(cli_vault), "check", passphrase="wrong passphrase")
    _assert_one_line_error(result, 11)
    assert "Wrong passphrase" in result.stderr
    assert (cli_vault / "store.db").read_bytes() == before


def test_not_a_vault_and_truncated_vault(tmp_path: Path, cli_vault: Path) -> None:
    _assert_one_line_error(run_cli("--vault", str(tmp_path), "check", passphrase="x"), 12)
    broken = tmp_path / "broken.hrcase"
    broken.mkdir()
    for name in ("keyslots.json", "store.db"):
        (broken / name).write_bytes((cli_vault / name).read_bytes())
    (broken / "store.db").write_bytes((broken / "store.db").read_bytes()[:512])
    result = run_cli("--vault", str(broken), "check", passphrase=PASSPHRASE)
    _assert_one_line_error(result, 13)
    assert "damaged" in result.stderr


def test_missing_passphrase_and_vault(tmp_path: Path) -> None:
    _assert_one_line_error(run_cli("check"), 2)
    _assert_one_line_error(run_cli("--vault", str(tmp_path / "v"), "check"), 2)


def test_check_search_and_export_json(cli_vault: Path, tmp_path: Path) -> None:
    result = run_cli("--vault", str(cli_vault), "check", passphrase=PASSPHRASE)
    assert result.returncode == 0 and "intact" in result.stdout
    result = run_cli("--vault", str(cli_vault), "search", "Холбоев", "--json", passphrase=PASSPHRASE)
    assert result.returncode == 0, result.stderr
    assert "Холбоев Рустам" in result.stdout  # letters, not \\u escapes
    hits = json.loads(result.stdout)
    assert hits[0]["kind"] == "person"
    out = tmp_path / "all.json"
    result = run_cli("--vault", str(cli_vault), "export-records", "--format", "json",
                     "--out", str(out), passphrase=PASSPHRASE)
    assert result.returncode == 0, result.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert len(doc["records"]["person"]) == 2
    assert (out.stat().st_mode & 0o777) == 0o600


def test_import_refusal_lists_lines(cli_vault: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("name,birth_year\nGood Name,1970\nBad,70\n", encoding="utf-8")
    result = run_cli("--vault", str(cli_vault), "import-records", str(bad), passphrase=PASSPHRASE)
    assert result.returncode == 6
    assert "Line 3" in result.stderr + result.stdout
    assert "Traceback" not in result.stderr


def test_backup_and_passwd(cli_vault: Path, tmp_path: Path) -> None:
    dest = tmp_path / "b.hrcase"
    result = run_cli("--vault", str(cli_vault), "backup", "--out", str(dest), passphrase=PASSPHRASE)
    assert result.returncode == 0, result.stderr
    result = run_cli("--vault", str(dest), "passwd", passphrase=PASSPHRASE,
                     env={"HRCASE_NEW_PASSPHRASE": "another good passphrase"})
    assert result.returncode == 0, result.stderr
    assert run_cli("--vault", str(dest), "check", passphrase="another good passphrase").returncode == 0
    _assert_one_line_error(run_cli("--vault", str(dest), "check", passphrase=PASSPHRASE), 11)


def test_demo_no_gui_and_russian_messages(tmp_path: Path) -> None:
    path = tmp_path / "demo.hrcase"
    result = run_cli("--vault", str(path), "demo", "--no-gui")
    assert result.returncode == 0, result.stderr
    assert (path / "store.db").exists()


def test_version() -> None:
    result = run_cli("--version")
    assert result.returncode == 0 and result.stdout.startswith("hrcase ")


def test_the_readme_lists_every_exit_code() -> None:
    """Each exit code an error class declares has a row in the README's table, and vice versa."""
    import importlib
    import pkgutil
    import re

    import hrcase
    from hrcase.errors import HrcaseError

    for module in pkgutil.walk_packages(hrcase.__path__, "hrcase."):
        if not any(part in module.name for part in (".gui", "__main__", ".migrations.")):
            importlib.import_module(module.name)
    declared, stack = set(), [HrcaseError]
    while stack:
        cls = stack.pop()
        declared.add(cls.exit_code)
        stack += cls.__subclasses__()
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    listed = {int(code) for code in re.findall(r"^\| (\d+) \|", readme, re.MULTILINE)}
    assert declared | {0, 9} == listed
