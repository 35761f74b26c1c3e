"""Commands for emergencies: ``destroy`` (crypto-erase a vault, without its passphrase).

``hrcase --vault PATH destroy`` asks the user to type the vault's folder name; scripts pass it
as ``--yes-destroy NAME``. No passphrase is asked: someone under pressure must be able to
destroy a vault fast, and someone who forgot the passphrase must be able to get rid of it.
The command refuses while another process has the vault open. See hrcase.vault.erase and the
"Wiping" section of docs/security.md for what crypto-erase can and cannot guarantee.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from hrcase.cli.common import vault_path
from hrcase.i18n import _, ngettext


def cmd_destroy(args: argparse.Namespace) -> int:
    from hrcase.vault.erase import destroy_vault, sibling_backups

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
    targets = [path, *(sibling_backups(path) if args.with_backups else [])]
    for target in targets:
        report = destroy_vault(target, typed if target == path else target.name)
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
