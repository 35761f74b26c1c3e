"""Helpers for tests: running the CLI in a subprocess, small records."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def run_cli(*args: str, passphrase: str | None = None, env: dict[str, str] | None = None,
            input_text: str | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run ``python -m hrcase`` in a subprocess with a clean environment."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("HRCASE_")}
    full_env["PYTHONPATH"] = str(ROOT)
    full_env["HRCASE_LANG"] = "en"
    if passphrase is not None:
        full_env["HRCASE_PASSPHRASE"] = passphrase
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "hrcase", *args], capture_output=True,
                          text=True, env=full_env, input=input_text, timeout=timeout)


def add_person(services: Any, name: str, **fields: Any) -> Any:
    """A person with one primary name."""
    person = services.records.create("person", fields)
    script = "Cyrl" if any("\u0400" <= c <= "\u04ff" for c in name) else "Latn"
    services.records.create("person_name", {"person_id": person.id, "text": name,
                                            "script": script, "kind": "primary"})
    return person


def add_case(services: Any, title: str = "Detention case") -> Any:
    return services.records.create("case", {"title": {"en": title}, "country": "KZ"})


def make_colleagues(first: Any, first_name: str, second: Any, second_name: str,
                    organisation: str) -> None:
    """Give both vaults an identity and make each a verified contact of the other."""
    from hrcase.services import identities as ids

    ids.create_identity(first, first_name, organisation)
    ids.create_identity(second, second_name, organisation)
    for owner, other in ((first, second), (second, first)):
        contact, _new = ids.add_contact(owner, ids.identity_card(other).to_bytes())
        ids.verify_contact(owner, contact.id, contact.fingerprint)


def isolate_home(home: Path, monkeypatch: Any) -> Path:
    """Point HOME, the XDG folders and the temp folder of this process into ``home``."""
    import tempfile

    for name, sub in (("HOME", ""), ("XDG_CACHE_HOME", ".cache"), ("XDG_CONFIG_HOME", ".config"),
                      ("XDG_DATA_HOME", ".local/share"), ("XDG_STATE_HOME", ".local/state"),
                      ("TMPDIR", "tmp")):
        (home / sub).mkdir(parents=True, exist_ok=True)
        monkeypatch.setenv(name, str(home / sub))
    monkeypatch.setattr(tempfile, "tempdir", str(home / "tmp"))
    return home
