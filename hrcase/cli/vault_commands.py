"""Commands that create, open, check and protect a vault: init, passwd, check, backup, demo, gui."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import Any

from hrcase.cli.common import open_services, print_json, read_passphrase, vault_path
from hrcase.errors import UsageError
from hrcase.vault.keyslots import check_passphrase_strength
from hrcase.i18n import _, ngettext

DEFAULT_DEMO_VAULT = Path.home() / "hrcase-demo.hrcase"


def cmd_init(args: argparse.Namespace) -> int:
    from hrcase.services import Services
    from hrcase.vault import Vault

    passphrase = read_passphrase(args, _("New passphrase: "), confirm=True)
    check_passphrase_strength(passphrase)
    vault, recovery = Vault.create(vault_path(args), passphrase)
    try:
        if args.name:
            Services(vault).set_researcher_name(args.name)
    finally:
        vault.close()
    print(_("Vault created: %(path)s") % {"path": vault.path})
    print(_("Recovery key (write it down and keep it apart from this computer; it is shown only once):"))
    print("    " + recovery)
    return 0


def cmd_passwd(args: argparse.Namespace) -> int:
    from hrcase.vault import Vault

    vault = Vault.open(vault_path(args), read_passphrase(args, _("Current passphrase: ")))
    try:
        new_env = os.environ.get("HRCASE_NEW_PASSPHRASE")
        if args.new_passphrase_file:
            new = Path(args.new_passphrase_file).read_text(encoding="utf-8").rstrip("\r\n")
        elif new_env:
            new = new_env
        elif sys.stdin.isatty():
            new = getpass.getpass(_("New passphrase: "))
            if getpass.getpass(_("Repeat the passphrase: ")) != new:
                raise UsageError(_("The two passphrases differ."))
        else:
            raise UsageError(_("No new passphrase: set HRCASE_NEW_PASSPHRASE or use --new-passphrase-file."))
        check_passphrase_strength(new)
        vault.change_passphrase(new)
    finally:
        vault.close()
    print(_("Passphrase changed. The recovery key still works."))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from hrcase.services.check import check_vault

    with open_services(args) as services:
        report = check_vault(services.vault)
    if args.json:
        print_json({"ok": report.ok, "problems": report.problems,
                     "audit_entries": report.audit_entries, "attachments": report.attachments})
    else:
        for problem in report.problems:
            print(problem)
        if report.ok:
            print(_("The vault is intact."))
            print(ngettext("%(n)d audit entry verified.", "%(n)d audit entries verified.",
                           report.audit_entries) % {"n": report.audit_entries})
            print(ngettext("%(n)d attachment checked.", "%(n)d attachments checked.",
                           report.attachments) % {"n": report.attachments})
    return 0 if report.ok else 9


def cmd_backup(args: argparse.Namespace) -> int:
    from datetime import datetime, timezone

    with open_services(args) as services:
        dest = Path(args.out) if args.out else services.vault.path.with_name(
            services.vault.path.stem + "-backup-"
            + datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ") + ".hrcase")
        path = services.backup(dest)
    print(_("Backup written: %(path)s") % {"path": path})
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from hrcase.services.demo import DEMO_PASSPHRASE, create_demo_vault
    from hrcase.vault import is_vault

    path = Path(args.vault or os.environ.get("HRCASE_VAULT") or DEFAULT_DEMO_VAULT).expanduser()
    if not is_vault(path):
        create_demo_vault(path)
        print(_("Demo vault created with invented data: %(path)s") % {"path": path})
    print(_("Demo passphrase (public, the demo holds only invented people): %(p)s")
          % {"p": DEMO_PASSPHRASE})
    if args.no_gui:
        return 0
    from hrcase.gui.app import run

    return run(path, DEMO_PASSPHRASE, args.lang)


def cmd_gui(args: argparse.Namespace) -> int:
    from hrcase.gui.app import run

    path = args.vault or os.environ.get("HRCASE_VAULT")
    return run(Path(path).expanduser() if path else None, None, args.lang)


def register(sub: Any) -> None:
    """Add this module's commands to the ``hrcase`` parser."""
    gui = sub.add_parser("gui", help=_("open the desktop app (the default)"))
    gui.set_defaults(func=cmd_gui)
    demo = sub.add_parser("demo", help=_("create a demo vault of invented data and open it"))
    demo.add_argument("--no-gui", action="store_true", help=_("only create the demo vault"))
    demo.set_defaults(func=cmd_demo)
    init = sub.add_parser("init", help=_("create a vault"))
    init.add_argument("--name", help=_("your name as researcher (recorded as author of changes)"))
    init.set_defaults(func=cmd_init)
    passwd = sub.add_parser("passwd", help=_("change the passphrase (the store is not rewritten)"))
    passwd.add_argument("--new-passphrase-file", help=_("read the new passphrase from this file"))
    passwd.set_defaults(func=cmd_passwd)
    check = sub.add_parser("check", help=_("verify encryption, structure, audit chain and attachments"))
    check.add_argument("--json", action="store_true", help=_("machine-readable output"))
    check.set_defaults(func=cmd_check)
    backup = sub.add_parser("backup", help=_("write a consistent encrypted copy of the vault"))
    backup.add_argument("--out", help=_("the new backup folder"))
    backup.set_defaults(func=cmd_backup)
