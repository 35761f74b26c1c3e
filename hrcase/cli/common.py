"""Shared pieces of the command line: passphrases, opening vaults, JSON output."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from hrcase.errors import UsageError
from hrcase.i18n import _


def print_json(data: Any) -> None:
    """Stable, readable JSON (Cyrillic as letters, sorted keys) on stdout."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")


# -- passphrases and vaults -------------------------------------------------------------------
def read_passphrase(args: argparse.Namespace, prompt: str, *, confirm: bool = False) -> str:
    """From --passphrase-file, HRCASE_PASSPHRASE, or an interactive prompt (twice to confirm)."""
    if getattr(args, "passphrase_file", None):
        try:
            return Path(args.passphrase_file).read_text(encoding="utf-8").rstrip("\r\n")
        except OSError as exc:
            raise UsageError(_("The passphrase file could not be read.")) from exc
    env = os.environ.get("HRCASE_PASSPHRASE")
    if env:
        return env
    if not sys.stdin.isatty():
        raise UsageError(_("No passphrase: set HRCASE_PASSPHRASE or use --passphrase-file."))
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass(_("Repeat the passphrase: ")) != first:
        raise UsageError(_("The two passphrases differ."))
    return first


def vault_path(args: argparse.Namespace) -> Path:
    """--vault, else HRCASE_VAULT; UsageError when neither names a vault."""
    value = args.vault or os.environ.get("HRCASE_VAULT")
    if not value:
        raise UsageError(_("Name the vault with --vault PATH or HRCASE_VAULT."))
    return Path(value).expanduser()


@contextmanager
def open_services(args: argparse.Namespace) -> Iterator[Any]:
    """Unlock the vault named by the arguments and yield its services; lock at the end."""
    from hrcase.services import Services
    from hrcase.vault import Vault

    path = vault_path(args)
    vault = Vault.open(path, read_passphrase(args, _("Passphrase: ")))
    try:
        yield Services(vault)
    finally:
        vault.close()
