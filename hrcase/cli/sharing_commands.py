"""Commands for sharing: identity, contact, bundle, verify.

Secrets never come from arguments: a bundle passphrase comes from ``HRCASE_BUNDLE_PASSPHRASE``
or a prompt, a PKCS#12 password from ``HRCASE_P12_PASSWORD`` or a prompt. ``verify`` exits 0
when the file is intact and signed by you or a verified contact, 8 when it is intact but the
signer is not a verified contact, 9 when it is not intact.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import Any

from hrcase.cli.common import open_services, print_json
from hrcase.errors import UsageError
from hrcase.i18n import _

EXIT_UNTRUSTED = 8
EXIT_NOT_INTACT = 9
BUNDLE_PASSPHRASE_ENV = "HRCASE_BUNDLE_PASSPHRASE"
P12_PASSWORD_ENV = "HRCASE_P12_PASSWORD"


# -- secrets ------------------------------------------------------------------------------------
def _bundle_passphrase(*, confirm: bool) -> str:
    """From HRCASE_BUNDLE_PASSPHRASE, or a prompt (twice when making a bundle)."""
    env = os.environ.get(BUNDLE_PASSPHRASE_ENV)
    if env:
        return env
    if not sys.stdin.isatty():
        raise UsageError(_("No bundle passphrase: set HRCASE_BUNDLE_PASSPHRASE or run the "
                           "command in a terminal."))
    first = getpass.getpass(_("Bundle passphrase: "))
    if confirm:
        if len(first) < 8:
            raise UsageError(_("The passphrase is too short: use at least 8 characters, better "
                               "a few words."))
        if getpass.getpass(_("Repeat the passphrase: ")) != first:
            raise UsageError(_("The two passphrases differ."))
    return first


def _with_bundle_passphrase(action: Any) -> Any:
    """Run ``action(passphrase)``; ask for a passphrase when the bundle turns out to need one."""
    from hrcase.services.bundle_format import PassphraseRequiredError

    env = os.environ.get(BUNDLE_PASSPHRASE_ENV) or None
    try:
        return action(env)
    except PassphraseRequiredError:
        if env is not None:
            raise
        return action(_bundle_passphrase(confirm=False))


def _p12_password() -> bytes | None:
    env = os.environ.get(P12_PASSWORD_ENV)
    if env is not None:
        return env.encode("utf-8")
    if sys.stdin.isatty():
        return getpass.getpass(_("Password of the PKCS#12 file (empty if none): ")).encode("utf-8")
    return None


# -- identity -----------------------------------------------------------------------------------
def cmd_identity_create(args: argparse.Namespace) -> int:
    from hrcase.services import identities

    with open_services(args) as services:
        if args.from_p12:
            try:
                data = Path(args.from_p12).read_bytes()
            except OSError as exc:
                raise UsageError(_("The file could not be read.")) from exc
            identities.import_pkcs12(services, data, _p12_password(), replace=args.replace)
        else:
            name = args.name or services.actor
            if not name:
                raise UsageError(_("Give your name with --name."))
            identities.create_identity(services, name, args.organisation, args.email,
                                       replace=args.replace)
        info = identities.show_identity(services)
    if args.json:
        print_json(info.to_json())
    else:
        print(_("Identity created for %(name)s.") % {"name": info.name})
        _print_identity(info)
        print(_("Give your card to colleagues (\"hrcase identity export-card FILE\") and read "
                "them this fingerprint by voice or in person."))
    return 0


def cmd_identity_show(args: argparse.Namespace) -> int:
    from hrcase.services import identities

    with open_services(args) as services:
        info = identities.show_identity(services)
    if args.json:
        print_json(info.to_json())
    else:
        _print_identity(info)
    return 0


def _print_identity(info: Any) -> None:
    print(_("Name: %(value)s") % {"value": info.name})
    if info.organisation:
        print(_("Organisation: %(value)s") % {"value": info.organisation})
    print(_("Fingerprint: %(value)s") % {"value": info.fingerprint})
    print(_("Certificate fingerprint (SHA-256): %(value)s")
          % {"value": info.certificate_fingerprint})
    print(_("Valid until: %(value)s") % {"value": info.valid_until.date().isoformat()})


def cmd_identity_export_card(args: argparse.Namespace) -> int:
    from hrcase.services import identities

    with open_services(args) as services:
        card = identities.export_card(services, Path(args.file))
    print(_("Identity card written: %(path)s") % {"path": args.file})
    print(_("Fingerprint: %(value)s") % {"value": card.fingerprint})
    return 0


# -- contacts -----------------------------------------------------------------------------------
def cmd_contact_add(args: argparse.Namespace) -> int:
    from hrcase.services import identities

    data = identities.read_card_file(Path(args.file))
    with open_services(args) as services:
        contact, new = identities.add_contact(services, data, replace=args.replace)
    if args.json:
        print_json({**identities.contact_json(contact), "added": new})
        return 0
    if new:
        print(_("Contact added: %(name)s") % {"name": contact.name})
    else:
        print(_("This card is already a contact: %(name)s") % {"name": contact.name})
    print(_("Fingerprint: %(value)s") % {"value": contact.fingerprint})
    if not contact.verified:
        print(_("Not verified yet: compare this fingerprint with your colleague (in person or "
                "by voice), then run \"hrcase contact verify\"."))
    return 0


def cmd_contact_list(args: argparse.Namespace) -> int:
    from hrcase.services import identities

    with open_services(args) as services:
        contacts = identities.list_contacts(services)
    if args.json:
        print_json([identities.contact_json(c) for c in contacts])
        return 0
    for contact in contacts:
        state = _("verified") if contact.verified else _("NOT verified")
        print(f"{contact.name}\t{contact.fingerprint}\t{state}")
    return 0


def cmd_contact_verify(args: argparse.Namespace) -> int:
    from hrcase.services import identities

    with open_services(args) as services:
        fingerprint = args.fingerprint
        if fingerprint is None:
            contact = identities.find_contact(services, args.name)
            if not sys.stdin.isatty():
                raise UsageError(_("Give the fingerprint your colleague read to you with "
                                   "--fingerprint, or run the command in a terminal."))
            print(_("Ask %(name)s to read their fingerprint to you (\"hrcase identity "
                    "show\"), in person or by voice.") % {"name": contact.name})
            fingerprint = input(_("Type the fingerprint they read: "))
        contact = identities.verify_contact(services, args.name, fingerprint)
    if args.json:
        print_json(identities.contact_json(contact))
    else:
        print(_("Contact verified: %(name)s") % {"name": contact.name})
    return 0


def cmd_contact_remove(args: argparse.Namespace) -> int:
    from hrcase.services import identities

    with open_services(args) as services:
        contact = identities.remove_contact(services, args.name)
    if args.json:
        print_json({**identities.contact_json(contact), "removed": True})
    else:
        print(_("Contact removed: %(name)s") % {"name": contact.name})
    return 0


# -- bundles ------------------------------------------------------------------------------------
def cmd_bundle_export(args: argparse.Namespace) -> int:
    from hrcase.services import bundles

    passphrase = _bundle_passphrase(confirm=True) if args.passphrase else None
    with open_services(args) as services:
        result = bundles.export_bundle(services, args.case or [], args.to or [], Path(args.out),
                                       passphrase=passphrase, since_last=args.since_last)
    if args.json:
        print_json(result.to_json())
    else:
        print(_("Bundle written: %(path)s") % {"path": result.path})
        print(_("Records: %(records)d; attachments: %(attachments)d (%(mib).1f MiB)")
              % {"records": result.total_records, "attachments": result.attachments,
                 "mib": result.attachment_bytes / 1024**2})
        print(_("SHA-256 of the file: %(value)s") % {"value": result.sha256})
    return 0


def cmd_bundle_import(args: argparse.Namespace) -> int:
    from hrcase.services import bundles

    path = Path(args.file)
    with open_services(args) as services:
        preview = _with_bundle_passphrase(lambda passphrase: bundles.import_bundle(
            services, path, passphrase=passphrase, accept_unverified=args.accept_unverified,
            dry_run=args.dry_run))
    if args.json:
        print_json(preview.to_json())
        return 0
    signer = preview.signer
    print(_("Signed by %(name)s, certificate fingerprint %(fingerprint)s, on %(date)s.")
          % {"name": signer.name, "fingerprint": signer.certificate_fingerprint,
             "date": preview.created_at})
    if not signer.verified:
        print(_("Warning: the signer is not a verified contact; you accepted the bundle "
                "anyway."), file=sys.stderr)
    print(_("New: %(new)d; changed: %(changed)d; deleted: %(deleted)d; in conflict: "
            "%(conflicts)d; unchanged: %(unchanged)d.")
          % {"new": preview.count("new"), "changed": preview.count("changed"),
             "deleted": preview.count("deleted"), "conflicts": preview.count("conflicts"),
             "unchanged": preview.unchanged})
    if args.dry_run:
        print(_("Dry run: nothing was imported."))
    else:
        print(_("The bundle was imported."))
        if preview.count("conflicts"):
            print(_("Records changed on both sides keep both versions: see \"hrcase bundle "
                    "conflicts\"."))
    return 0


def cmd_bundle_conflicts(args: argparse.Namespace) -> int:
    from hrcase.services import bundles

    with open_services(args) as services:
        conflicts = bundles.list_conflicts(services)
    if args.json:
        print_json([{k: v for k, v in c.to_json().items() if k != "incoming_history"}
                    for c in conflicts])
        return 0
    for conflict in conflicts:
        print(f"{conflict.id}\t{conflict.kind}\t{conflict.record_id}\t{conflict.signer_name}"
              f"\t{conflict.received_at}")
    return 0


def cmd_bundle_resolve(args: argparse.Namespace) -> int:
    from hrcase.services import bundles

    with open_services(args) as services:
        record = bundles.resolve_conflict(services, args.conflict, args.keep)
    print(_("Conflict resolved; the record is now at revision %(revision)d.")
          % {"revision": record.revision})
    return 0


# -- verify -------------------------------------------------------------------------------------
def cmd_verify(args: argparse.Namespace) -> int:
    from hrcase.services.verify import verify_file

    path = Path(args.file)
    if args.vault or os.environ.get("HRCASE_VAULT"):
        with open_services(args) as services:
            report = _with_bundle_passphrase(
                lambda passphrase: verify_file(services, path, passphrase=passphrase))
    else:
        report = verify_file(None, path)
    if args.json:
        print_json(report.to_json())
    else:
        print(_("File: an encrypted bundle") if report.kind == "bundle"
              else _("File: a PDF document"))
        if report.signed:
            print(_("Signed by: %(name)s") % {"name": report.signer_name or "?"})
            if report.organisation:
                print(_("Organisation: %(value)s") % {"value": report.organisation})
            print(_("Certificate fingerprint (SHA-256): %(value)s")
                  % {"value": report.certificate_fingerprint})
            if report.fingerprint:
                print(_("Fingerprint: %(value)s") % {"value": report.fingerprint})
            if report.signed_at:
                print(_("Signed at: %(value)s") % {"value": report.signed_at})
        print(_("Intact: yes") if report.intact else _("Intact: NO"))
        if report.verified_signer:
            print(_("Signer: yourself or a verified contact"))
        elif report.known_signer:
            print(_("Signer: a contact you have NOT verified"))
        elif report.signed:
            print(_("Signer: NOT one of your contacts"))
        for problem in report.problems:
            print(f"  - {problem}")
    if not report.intact:
        return EXIT_NOT_INTACT
    return 0 if report.verified_signer else EXIT_UNTRUSTED


# -- parser -------------------------------------------------------------------------------------
def register(sub: Any) -> None:
    """Add this module's commands to the ``hrcase`` parser."""
    identity = sub.add_parser("identity", help=_("your signing and encryption identity"))
    identity_sub = identity.add_subparsers(dest="identity_command", metavar="ACTION",
                                           required=True)
    create = identity_sub.add_parser("create", help=_("create your identity (or import an "
                                                      "organisation's PKCS#12 file)"))
    create.add_argument("--name", help=_("your name as colleagues know it"))
    create.add_argument("--organisation", help=_("your organisation"))
    create.add_argument("--email", help=_("your e-mail address (put in the certificate)"))
    create.add_argument("--from-p12", metavar="FILE",
                        help=_("use the key and certificate of this PKCS#12 file (password "
                               "from HRCASE_P12_PASSWORD or a prompt)"))
    create.add_argument("--replace", action="store_true",
                        help=_("replace the existing identity (colleagues must verify the new "
                               "one)"))
    create.add_argument("--json", action="store_true", help=_("machine-readable output"))
    create.set_defaults(func=cmd_identity_create)
    show = identity_sub.add_parser("show", help=_("show your identity and its fingerprint"))
    show.add_argument("--json", action="store_true", help=_("machine-readable output"))
    show.set_defaults(func=cmd_identity_show)
    card = identity_sub.add_parser("export-card", help=_("write your public identity card"))
    card.add_argument("file", metavar="FILE")
    card.set_defaults(func=cmd_identity_export_card)

    contact = sub.add_parser("contact", help=_("colleagues' identity cards"))
    contact_sub = contact.add_subparsers(dest="contact_command", metavar="ACTION", required=True)
    add = contact_sub.add_parser("add", help=_("add a colleague's identity card"))
    add.add_argument("file", metavar="FILE")
    add.add_argument("--replace", action="store_true",
                     help=_("replace a contact of the same name whose keys changed"))
    add.add_argument("--json", action="store_true", help=_("machine-readable output"))
    add.set_defaults(func=cmd_contact_add)
    listing = contact_sub.add_parser("list", help=_("list your contacts"))
    listing.add_argument("--json", action="store_true", help=_("machine-readable output"))
    listing.set_defaults(func=cmd_contact_list)
    verify = contact_sub.add_parser("verify", help=_("record that you compared a contact's "
                                                     "fingerprint with them"))
    verify.add_argument("name", metavar="NAME", help=_("the contact's name or fingerprint"))
    verify.add_argument("--fingerprint", help=_("the fingerprint your colleague read to you"))
    verify.add_argument("--json", action="store_true", help=_("machine-readable output"))
    verify.set_defaults(func=cmd_contact_verify)
    remove = contact_sub.add_parser("remove", help=_("forget a contact's identity card"))
    remove.add_argument("name", metavar="NAME", help=_("the contact's name or fingerprint"))
    remove.add_argument("--json", action="store_true", help=_("machine-readable output"))
    remove.set_defaults(func=cmd_contact_remove)

    bundle = sub.add_parser("bundle", help=_("encrypted, signed bundles for colleagues"))
    bundle_sub = bundle.add_subparsers(dest="bundle_command", metavar="ACTION", required=True)
    export = bundle_sub.add_parser("export", help=_("write a bundle of cases for contacts"))
    export.add_argument("--case", nargs="+", action="extend", metavar="ID",
                        help=_("the cases to put in the bundle"))
    export.add_argument("--to", nargs="+", action="extend", metavar="CONTACT",
                        help=_("verified contacts to encrypt the bundle for"))
    export.add_argument("--passphrase", action="store_true",
                        help=_("encrypt with a passphrase instead (HRCASE_BUNDLE_PASSPHRASE or "
                               "a prompt)"))
    export.add_argument("--since-last", action="store_true",
                        help=_("only what changed since the last bundle to these contacts"))
    export.add_argument("--out", required=True, metavar="FILE", help=_("the bundle file"))
    export.add_argument("--json", action="store_true", help=_("machine-readable output"))
    export.set_defaults(func=cmd_bundle_export)
    imp = bundle_sub.add_parser("import", help=_("check and import a bundle (all or nothing)"))
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--dry-run", action="store_true",
                     help=_("check everything and show what would change; import nothing"))
    imp.add_argument("--accept-unverified", action="store_true",
                     help=_("accept a bundle signed by an unknown or unverified signer"))
    imp.add_argument("--json", action="store_true", help=_("machine-readable output"))
    imp.set_defaults(func=cmd_bundle_import)
    conflicts = bundle_sub.add_parser("conflicts", help=_("records changed on both sides"))
    conflicts.add_argument("--json", action="store_true", help=_("machine-readable output"))
    conflicts.set_defaults(func=cmd_bundle_conflicts)
    resolve = bundle_sub.add_parser("resolve", help=_("keep one version of a record in "
                                                      "conflict"))
    resolve.add_argument("conflict", metavar="ID")
    resolve.add_argument("--keep", required=True, choices=("local", "incoming"))
    resolve.set_defaults(func=cmd_bundle_resolve)

    check = sub.add_parser("verify", help=_("who signed a dossier PDF or a bundle, and is it "
                                            "intact"))
    check.add_argument("file", metavar="FILE")
    check.add_argument("--json", action="store_true", help=_("machine-readable output"))
    check.set_defaults(func=cmd_verify)
