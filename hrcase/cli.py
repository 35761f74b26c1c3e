"""The ``hrcase`` command line (DESIGN.md section 6): a thin front end over the services.

Errors are one translated line on stderr and a non-zero exit code, never a traceback (set
``HRCASE_DEBUG=1`` to see one). The passphrase comes from ``HRCASE_PASSPHRASE``,
``--passphrase-file`` or a prompt, never from an argument.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from hrcase import __version__
from hrcase.errors import HrcaseError, UsageError
from hrcase.i18n import LANGUAGES, _, default_language, set_language

EXIT_UNEXPECTED = 70
EXIT_INTERRUPTED = 130
DEFAULT_DEMO_VAULT = Path.home() / "hrcase-demo.hrcase"


def _print_json(data: Any) -> None:
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


# -- commands ---------------------------------------------------------------------------------
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


def check_passphrase_strength(passphrase: str) -> None:
    """Refuse passphrases shorter than 8 characters."""
    if len(passphrase) < 8:
        raise UsageError(_("The passphrase is too short: use at least 8 characters, better a few words."))


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
        _print_json({"ok": report.ok, "problems": report.problems,
                     "audit_entries": report.audit_entries, "attachments": report.attachments})
    else:
        for problem in report.problems:
            print(problem)
        if report.ok:
            print(_("The vault is intact: %(entries)d audit entries, %(files)d attachments checked.")
                  % {"entries": report.audit_entries, "files": report.attachments})
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


def cmd_export_records(args: argparse.Namespace) -> int:
    from hrcase.services import records_io

    with open_services(args) as services, _output(args.out) as out:
        if args.format == "json":
            count = records_io.export_json(services.vault, out, services.actor)
        else:
            count = records_io.export_csv(services.vault, out, services.actor, args.kind)
    if args.out:
        print(_("%(n)d records exported to %(path)s") % {"n": count, "path": args.out}, file=sys.stderr)
    return 0


@contextmanager
def _output(path: str | None) -> Iterator[Any]:
    if not path:
        yield sys.stdout
        return
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
        yield handle


def cmd_import_records(args: argparse.Namespace) -> int:
    from hrcase.services import records_io

    path = Path(args.file)
    data = records_io.read_file(path)
    with open_services(args) as services:
        if path.suffix.lower() == ".csv":
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise records_io.ImportRefused([_("The file is not UTF-8 text.")]) from exc
            result = records_io.import_persons_csv(services.vault, text, services.actor,
                                                   services.hooks, args.dry_run, args.case, args.role)
        elif path.suffix.lower() == ".json":
            result = records_io.import_json(services.vault, data, services.actor, services.hooks,
                                            args.dry_run)
        else:
            raise UsageError(_("Import takes a .json or a .csv file."))
    if args.json:
        _print_json({"created": result.created, "updated": result.updated,
                     "unchanged": result.unchanged, "dry_run": args.dry_run})
    else:
        message = (_("Dry run: %(created)d records would be created, %(updated)d updated.")
                   if args.dry_run else _("%(created)d records created, %(updated)d updated."))
        print(message % {"created": result.total_created, "updated": result.total_updated})
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from hrcase.services.search import SearchService

    with open_services(args) as services:
        hits = SearchService(services).search(args.query, limit=args.limit)
    if args.json:
        _print_json([hit.to_json() for hit in hits])
    else:
        for hit in hits:
            print(f"{hit.kind}\t{hit.id}\t{hit.label}")
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


# -- parser -----------------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="hrcase", description=_(
        "Offline, encrypted case files for human-rights field researchers."))
    parser.add_argument("--version", action="version", version=f"hrcase {__version__}")
    parser.add_argument("--vault", help=_("the vault folder (default: HRCASE_VAULT)"))
    parser.add_argument("--lang", choices=LANGUAGES, help=_("language of messages"))
    parser.add_argument("--passphrase-file", help=_("read the passphrase from this file"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, func: Callable[[argparse.Namespace], int], help_text: str) -> argparse.ArgumentParser:
        command = sub.add_parser(name, help=help_text)
        command.set_defaults(func=func)
        return command

    add("gui", cmd_gui, _("open the desktop app (the default)"))
    demo = add("demo", cmd_demo, _("create a demo vault of invented data and open it"))
    demo.add_argument("--no-gui", action="store_true", help=_("only create the demo vault"))
    init = add("init", cmd_init, _("create a vault"))
    init.add_argument("--name", help=_("your name as researcher (recorded as author of changes)"))
    passwd = add("passwd", cmd_passwd, _("change the passphrase (the store is not rewritten)"))
    passwd.add_argument("--new-passphrase-file", help=_("read the new passphrase from this file"))
    check = add("check", cmd_check, _("verify encryption, structure, audit chain and attachments"))
    check.add_argument("--json", action="store_true", help=_("machine-readable output"))
    backup = add("backup", cmd_backup, _("write a consistent encrypted copy of the vault"))
    backup.add_argument("--out", help=_("the new backup folder"))
    search = add("search", cmd_search, _("search records"))
    search.add_argument("query")
    search.add_argument("--limit", type=int, default=50)
    search.add_argument("--json", action="store_true", help=_("machine-readable output"))
    imp = add("import-records", cmd_import_records, _("import records from a .json or .csv file"))
    imp.add_argument("file")
    imp.add_argument("--dry-run", action="store_true", help=_("check and count, change nothing"))
    imp.add_argument("--case", help=_("CSV: link every imported person to this case"))
    imp.add_argument("--role", default="victim", help=_("CSV: their role in the case"))
    imp.add_argument("--json", action="store_true", help=_("machine-readable output"))
    exp = add("export-records", cmd_export_records, _("export records as JSON or CSV (plaintext!)"))
    exp.add_argument("--format", choices=("json", "csv"), required=True)
    exp.add_argument("--kind", default="person", help=_("CSV: which kind of record"))
    exp.add_argument("--out", help=_("the file to write (default: standard output)"))
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    from hrcase.vault.fsutil import restrict_process_umask

    restrict_process_umask()
    argv = sys.argv[1:] if argv is None else argv
    set_language(_language_from(argv))
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.lang:
        set_language(args.lang)
    func = getattr(args, "func", cmd_gui)
    try:
        return func(args)
    except HrcaseError as exc:
        print(f"hrcase: {exc}", file=sys.stderr)
        for detail in exc.details:
            print(f"  - {detail}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(_("hrcase: interrupted; nothing more was changed."), file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception:  # the last guard: a one-line message instead of a traceback
        if os.environ.get("HRCASE_DEBUG"):
            raise
        print(_("hrcase: an unexpected error occurred; nothing more was changed. "
                "Run with HRCASE_DEBUG=1 to see details."), file=sys.stderr)
        return EXIT_UNEXPECTED


def _language_from(argv: list[str]) -> str:
    """The --lang value if given (parsed early so --help is translated), else the default."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in LANGUAGES:
            return argv[i + 1]
        if arg.startswith("--lang=") and arg[7:] in LANGUAGES:
            return arg[7:]
    env = os.environ.get("HRCASE_LANG")
    return env if env in LANGUAGES else default_language()
