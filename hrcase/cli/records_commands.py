"""Commands on records: import-records, export-records."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from hrcase.cli.common import open_services, print_json
from hrcase.errors import UsageError
from hrcase.i18n import _, ngettext


def cmd_export_records(args: argparse.Namespace) -> int:
    from hrcase.services import records_io

    with open_services(args) as services, _output(args.out) as out:
        if args.format == "json":
            count = records_io.export_json(services.vault, out, services.actor)
        else:
            count = records_io.export_csv(services.vault, out, services.actor, args.kind)
    if args.out:
        print(ngettext("%(n)d record exported to %(path)s", "%(n)d records exported to %(path)s",
                       count) % {"n": count, "path": args.out}, file=sys.stderr)
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
        print_json({"created": result.created, "updated": result.updated,
                     "unchanged": result.unchanged, "dry_run": args.dry_run})
    else:
        message = (_("Dry run: %(created)d records would be created, %(updated)d updated.")
                   if args.dry_run else _("%(created)d records created, %(updated)d updated."))
        print(message % {"created": result.total_created, "updated": result.total_updated})
    return 0


def register(sub: Any) -> None:
    """Add this module's commands to the ``hrcase`` parser."""
    imp = sub.add_parser("import-records", help=_("import records from a .json or .csv file"))
    imp.add_argument("file")
    imp.add_argument("--dry-run", action="store_true", help=_("check and count, change nothing"))
    imp.add_argument("--case", help=_("CSV: link every imported person to this case"))
    imp.add_argument("--role", default="victim", help=_("CSV: their role in the case"))
    imp.add_argument("--json", action="store_true", help=_("machine-readable output"))
    imp.set_defaults(func=cmd_import_records)
    exp = sub.add_parser("export-records", help=_("export records as JSON or CSV (plaintext!)"))
    exp.add_argument("--format", choices=("json", "csv"), required=True)
    exp.add_argument("--kind", default="person", help=_("CSV: which kind of record"))
    exp.add_argument("--out", help=_("the file to write (default: standard output)"))
    exp.set_defaults(func=cmd_export_records)
