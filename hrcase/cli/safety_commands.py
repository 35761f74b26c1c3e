"""Commands for emergencies: ``destroy`` (crypto-erase a vault, without its passphrase) and
``recover`` (set a new passphrase with the recovery key, when the passphrase is forgotten).

``hrcase --vault PATH destroy`` asks the user to type the vault's folder name; scripts pass it
as ``--yes-destroy NAME``. No passphrase is asked: someone under pressure must be able to
destroy a vault fast, and someone who forgot the passphrase must be able to get rid of it.
The command refuses while another process has the vault open. See hrcase.vault.erase and the
"Wiping" section of docs/security.md for what crypto-erase can and cannot guarantee.

``hrcase --vault PATH recover`` reads the recovery key from ``HRCASE_RECOVERY_KEY``,
``--recovery-key-file`` or a prompt (never from an argument), then the new passphrase like
``passwd`` does; docs/restore.md describes when to use it.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import Any

from hrcase.cli.common import vault_path
from hrcase.errors import UsageError
from hrcase.i18n import _, ngettext


def cmd_destroy(args: argparse.Namespace) -> int:
    from hrcase.vault.erase import destroy_with_backups, sibling_backups

    path = vault_path(args)
    if args.yes_destroy is not None:
        typed = args.yes_destroy
    else:
        print(_("This destroys the vault %(path)s for ever: its key slots are overwritten, so "
                "neither the passphrase nor the recovery key will open it again.")
              % {"path": path}, file=sys.stderr)
        print(_("Type the vault's folder name (%(name)s) to destroy it: ") % {"name": path.name},
              end="", file=sys.stderr, flush=True)
        line = sys.stdin.readline()
        typed = line.strip()
    for target, report in destroy_with_backups(path, typed, args.with_backups):
        print(_("Destroyed: %(path)s (key slots overwritten, store removed).") % {"path": target})
        if report.left_in_place:
            print(ngettext("%(n)d file that hrcase did not make was left in %(path)s.",
                           "%(n)d files that hrcase did not make were left in %(path)s.",
                           len(report.left_in_place))
                  % {"n": len(report.left_in_place), "path": target})
    remaining = [] if args.with_backups else sibling_backups(path)
    for backup in remaining:
        print(_("Not destroyed, a backup of this vault: %(path)s") % {"path": backup})
    if remaining:
        print(_("Destroy the backups too with --with-backups, or one by one with "
                "\"hrcase --vault BACKUP destroy\"."))
    print(_("Destroy the printed recovery key and every other copy of this vault (USB sticks, "
            "other computers, cloud folders) as well."))
    return 0


def cmd_recover(args: argparse.Namespace) -> int:
    from hrcase.cli.vault_commands import check_passphrase_strength
    from hrcase.vault import Vault

    vault = Vault.open(vault_path(args), recovery_key=_read_secret(
        args.recovery_key_file, "HRCASE_RECOVERY_KEY", _("Recovery key: "), confirm=False))
    try:
        new = _read_secret(args.new_passphrase_file, "HRCASE_NEW_PASSPHRASE",
                           _("New passphrase: "), confirm=True)
        check_passphrase_strength(new)
        vault.change_passphrase(new)
    finally:
        vault.close()
    print(_("New passphrase set. The recovery key still works: keep it apart from this computer."))
    return 0


def _read_secret(file: str | None, env_name: str, prompt: str, *, confirm: bool) -> str:
    """From a file, an environment variable or a prompt (twice to confirm); never an argument."""
    if file:
        try:
            return Path(file).read_text(encoding="utf-8").rstrip("\r\n")
        except OSError as exc:
            raise UsageError(_("The file could not be read.")) from exc
    if os.environ.get(env_name):
        return os.environ[env_name]
    if not sys.stdin.isatty():
        raise UsageError(_("Nothing to read: set %(name)s or name a file.") % {"name": env_name})
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass(_("Repeat the passphrase: ")) != first:
        raise UsageError(_("The two passphrases differ."))
    return first


def register(sub: Any) -> None:
    """Add this module's commands to the ``hrcase`` parser."""
    destroy = sub.add_parser(
        "destroy", help=_("crypto-erase the vault: overwrite its key slots and remove it "
                          "(no passphrase needed; cannot be undone)"))
    destroy.add_argument("--yes-destroy", metavar="NAME",
                         help=_("for scripts: confirm with the vault's folder name instead of "
                                "typing it"))
    destroy.add_argument("--with-backups", action="store_true",
                         help=_("also destroy the backups next to the vault that "
                                "\"hrcase backup\" made"))
    destroy.set_defaults(func=cmd_destroy)
    recover = sub.add_parser(
        "recover", help=_("forgotten passphrase: open the vault with its recovery key and set a "
                          "new passphrase"))
    recover.add_argument("--recovery-key-file", help=_("read the recovery key from this file"))
    recover.add_argument("--new-passphrase-file", help=_("read the new passphrase from this file"))
    recover.set_defaults(func=cmd_recover)
