"""Commands for finding records and persons: search, duplicates, merge-persons.

``hrcase search QUERY`` takes the query language of ``hrcase.services.search`` (words in any
form, "exact phrases", prefix*, A OR B, -excluded) and these filters (each may be repeated;
repeated values are alternatives, different filters all apply): ``--kind``, ``--method``,
``--article``, ``--place``, ``--organisation``, ``--role``, ``--case``, ``--from``/``--to``
(partial dates: 2011, 12.2011, 16.12.2011, late November 2005) and ``--lang`` (the language of
the text found; given after the command it filters, it does not change the language of
messages). Text output: kind, id, label and the snippet with [highlights], tab-separated.

``hrcase duplicates`` lists probable duplicate persons (pairs of the whole vault, or the
candidates for one ``--person``); ``hrcase merge-persons KEEP MERGE`` merges the second into the
first (see ``hrcase.services.duplicates``).
"""

from __future__ import annotations

import argparse
from typing import Any

from hrcase.cli.common import open_services, print_json
from hrcase.i18n import _, ngettext


def _filters(args: argparse.Namespace) -> Any:
    from hrcase.services.search import SearchFilters

    return SearchFilters(kinds=tuple(args.kind or ()), methods=tuple(args.method or ()),
                         articles=tuple(args.article or ()), place_ids=tuple(args.place or ()),
                         organisation_ids=tuple(args.organisation or ()),
                         roles=tuple(args.role or ()), case_ids=tuple(args.case or ()),
                         languages=tuple(args.text_lang or ()), date_from=args.date_from or "",
                         date_to=args.date_to or "")


def cmd_search(args: argparse.Namespace) -> int:
    from hrcase.services.search import SearchService

    with open_services(args) as services:
        hits = SearchService(services).search(args.query, limit=args.limit,
                                              filters=_filters(args))
    if args.json:
        print_json([hit.to_json() for hit in hits])
    else:
        for hit in hits:
            print(f"{hit.kind}\t{hit.id}\t{hit.label}\t{hit.marked()}")
    return 0


def cmd_duplicates(args: argparse.Namespace) -> int:
    from hrcase.services.duplicates import find_duplicate_pairs, find_duplicates

    with open_services(args) as services:
        if args.person:
            found: list[Any] = find_duplicates(services, args.person, min_score=args.min_score)
        else:
            found = find_duplicate_pairs(services, min_score=args.min_score)
    if args.json:
        print_json([item.to_json() for item in found])
        return 0
    for item in found:
        if args.person:
            print(f"{item.score:.2f}\t{item.person_id}\t{item.label}\t{item.birth}")
        else:
            print(f"{item.score:.2f}\t{item.first_id}\t{item.first_label}\t"
                  f"{item.second_id}\t{item.second_label}")
    if not found:
        print(_("No probable duplicates found."))
    return 0


def cmd_merge_persons(args: argparse.Namespace) -> int:
    from hrcase.services.duplicates import merge_persons

    with open_services(args) as services:
        result = merge_persons(services, args.keep, args.merge)
    if args.json:
        print_json({"kept": result.kept_id, "merged": result.merged_id,
                    "updated": result.updated, "deleted": result.deleted})
    else:
        updated = sum(result.updated.values())
        print(ngettext("Merged; %(n)d linked record now names the kept person.",
                       "Merged; %(n)d linked records now name the kept person.", updated)
              % {"n": updated})
    return 0


def register(sub: Any) -> None:
    """Add this module's commands to the ``hrcase`` parser."""
    search = sub.add_parser("search", help=_("search records and persons"))
    search.add_argument("query")
    search.add_argument("--limit", type=int, default=50)
    search.add_argument("--json", action="store_true", help=_("machine-readable output"))
    search.add_argument("--kind", action="append", help=_("only records of this kind"))
    search.add_argument("--method", action="append", help=_("a method of ill-treatment (code)"))
    search.add_argument("--article", action="append", help=_("a Convention article (code)"))
    search.add_argument("--place", action="append", help=_("a place id (places within count)"))
    search.add_argument("--organisation", action="append",
                        help=_("an organisation id (its units count)"))
    search.add_argument("--role", action="append", help=_("a role in a case (code)"))
    search.add_argument("--case", action="append", help=_("a case id"))
    search.add_argument("--from", dest="date_from", help=_("from this (partial) date"))
    search.add_argument("--to", dest="date_to", help=_("up to this (partial) date"))
    search.add_argument("--lang", "--language", dest="text_lang", action="append",
                        help=_("the language of the text found"))
    search.set_defaults(func=cmd_search)
    dup = sub.add_parser("duplicates", help=_("list persons who may be recorded twice"))
    dup.add_argument("--person", help=_("only candidates for this person id"))
    dup.add_argument("--min-score", type=float, default=0.8,
                     help=_("how alike names must be, 0 to 1 (default 0.8)"))
    dup.add_argument("--json", action="store_true", help=_("machine-readable output"))
    dup.set_defaults(func=cmd_duplicates)
    merge = sub.add_parser("merge-persons", help=_("merge a duplicate person into another"))
    merge.add_argument("keep", help=_("the id of the person to keep"))
    merge.add_argument("merge", help=_("the id of the person merged into it (then deleted)"))
    merge.add_argument("--json", action="store_true", help=_("machine-readable output"))
    merge.set_defaults(func=cmd_merge_persons)
