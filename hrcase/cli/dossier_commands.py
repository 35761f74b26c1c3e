"""The ``dossier`` command: a signed PDF dossier of a case, a person or a Convention article."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from hrcase.cli.common import open_services, print_json
from hrcase.errors import UsageError
from hrcase.i18n import LANGUAGES, _, ngettext


def cmd_dossier(args: argparse.Namespace) -> int:
    from hrcase.services.dossier import DossierRequest, build_dossier

    scopes = [(name, values) for name, values in
              (("case", args.case), ("person", args.person), ("article", args.article)) if values]
    if len(scopes) != 1:
        raise UsageError(_("Choose one scope: --case, --person or --article."))
    scope, ids = scopes[0]
    with open_services(args) as services:
        request = DossierRequest(scope=scope, ids=ids, lang=args.lang_of_dossier,
                                 audience=args.audience, out=Path(args.out).expanduser(),
                                 sign=not args.unsigned, visible_signature=args.visible_signature,
                                 organisation=args.organisation or "",
                                 author=args.author or services.actor)
        result = build_dossier(services, request)
    if args.json:
        print_json({"path": str(result.path), "pages": result.pages, "sha256": result.sha256,
                    "signed": result.signed, "withheld": result.withheld})
        return 0
    print(ngettext("Dossier written: %(path)s (%(n)d page).",
                   "Dossier written: %(path)s (%(n)d pages).", result.pages)
          % {"path": result.path, "n": result.pages})
    for line in result.withheld:
        print("  - " + line)
    if result.signed:
        print(_("Signed with your identity; check it with: hrcase verify FILE"))
    return 0


def register(sub: Any) -> None:
    """Add this module's commands to the ``hrcase`` parser."""
    dossier = sub.add_parser("dossier", help=_("write a signed PDF dossier"))
    dossier.add_argument("--case", action="append", metavar="ID", help=_("a case (repeatable)"))
    dossier.add_argument("--person", action="append", metavar="ID",
                         help=_("everything about a person, across cases"))
    dossier.add_argument("--article", action="append", metavar="CODE",
                         help=_("a Convention article across cases, e.g. cat_3"))
    dossier.add_argument("--lang", dest="lang_of_dossier", choices=LANGUAGES, required=True,
                         help=_("language of the dossier"))
    dossier.add_argument("--audience", choices=("internal", "un", "public"), required=True,
                         help=_("public and un leave out what consent and disclosure forbid"))
    dossier.add_argument("--out", required=True, help=_("the PDF file to write"))
    dossier.add_argument("--unsigned", action="store_true", help=_("do not sign the dossier"))
    dossier.add_argument("--visible-signature", action="store_true",
                         help=_("draw a signature block on the last page"))
    dossier.add_argument("--organisation", help=_("organisation named on the cover"))
    dossier.add_argument("--author", help=_("author named on the cover (default: your name)"))
    dossier.add_argument("--json", action="store_true", help=_("machine-readable output"))
    dossier.set_defaults(func=cmd_dossier)
