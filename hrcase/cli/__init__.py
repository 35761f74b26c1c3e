"""The ``hrcase`` command line (DESIGN.md section 6): a thin front end over the services.

Each ``*_commands`` module registers its commands. Errors are one translated line on stderr
(plus the list of problems, for refused imports) and a non-zero exit code, never a traceback
(set ``HRCASE_DEBUG=1`` to see one). The passphrase comes from ``HRCASE_PASSPHRASE``,
``--passphrase-file`` or a prompt, never from an argument.
"""

from __future__ import annotations

import argparse
import os
import sys

from hrcase import __version__
from hrcase.cli import (dossier_commands, records_commands, safety_commands, search_commands,
                        sharing_commands, vault_commands)
from hrcase.errors import HrcaseError
from hrcase.i18n import LANGUAGES, PSEUDO_LANGUAGE, _, default_language, set_language

EXIT_UNEXPECTED = 70
EXIT_INTERRUPTED = 130

COMMAND_MODULES = [vault_commands, records_commands, search_commands, safety_commands,
                   sharing_commands, dossier_commands]


def build_parser() -> argparse.ArgumentParser:
    """The parser with the global options and every module's commands."""
    parser = argparse.ArgumentParser(prog="hrcase", description=_(
        "Offline, encrypted case files for human-rights field researchers."))
    parser.add_argument("--version", action="version", version=f"hrcase {__version__}")
    parser.add_argument("--vault", help=_("the vault folder (default: HRCASE_VAULT)"))
    parser.add_argument("--lang", choices=LANGUAGES, help=_("language of messages"))
    parser.add_argument("--passphrase-file", help=_("read the passphrase from this file"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    from hrcase.vault.fsutil import restrict_process_umask
    from hrcase.vault.hardening import harden_process

    restrict_process_umask()
    harden_process()
    argv = sys.argv[1:] if argv is None else argv
    set_language(_language_from(argv))
    args = build_parser().parse_args(argv)
    if args.lang:
        set_language(args.lang)
    func = getattr(args, "func", vault_commands.cmd_gui)
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
    """The --lang value if given (read early so --help is translated), else the default.

    Only options before the command count: after it, ``search --lang`` is a filter.
    """
    skip = False
    for i, arg in enumerate(argv):
        if skip:
            skip = False
            continue
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in LANGUAGES:
            return argv[i + 1]
        if arg.startswith("--lang=") and arg[7:] in LANGUAGES:
            return arg[7:]
        if arg in ("--vault", "--passphrase-file", "--lang"):
            skip = True
        elif not arg.startswith("-"):
            break
    env = os.environ.get("HRCASE_LANG")
    return env if env in (*LANGUAGES, PSEUDO_LANGUAGE) else default_language()
