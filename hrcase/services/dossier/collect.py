"""Gather the records of a dossier's scope into plain data, in the dossier's language, with the
audience's withholding rules applied (see ``withhold``).

Scopes (decided here):

- ``case``: every record of the given cases.
- ``person``: the cases in which the person has a role; there, the allegations in which they
  are the victim or an alleged perpetrator, the testimonies they gave or attended, and the
  events, testimonies, interventions and recommendations whose text mentions them (by any
  stored spelling, see ``withhold.NameRedactor``); the interventions and recommendations of
  the cases in which they are a victim.
- ``article``: the allegations that engage one of the given Convention articles (vocabulary
  ``articles``), in every case; the testimonies given by their victims in those cases; the
  events, interventions and recommendations of those cases.

Everything the renderer needs is resolved here: vocabulary labels and partial dates in the
dossier's language, names replaced by substitutes, approved translations attached. The
renderer only lays it out. Records are read through ``RecordService`` (deleted records never
appear). Person notes are researchers' working notes: only internal dossiers show them.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from babel import Locale

from hrcase.domain.base import Entity
from hrcase.domain.dates import PartialDate
from hrcase.domain.vocab import vocabulary
from hrcase.errors import HrcaseError, NotFoundError
from hrcase.i18n import _
from hrcase.i18n.dates import format_partial_date
from hrcase.services.display import localized
from hrcase.services.dossier.texts import Texts
from hrcase.services.dossier.withhold import (
    NameRedactor,
    WithheldName,
    audience_allows,
    letter_code,
)

if TYPE_CHECKING:
    from hrcase.services import Services

SCOPES = ("case", "person", "article")
ROLE_ORDER = ("victim", "witness", "relative", "lawyer", "source", "official",
              "alleged_perpetrator")
"""Which role names a person's substitute when they have several ("Victim" before "Witness")."""
_IN_CHUNK = 500
_CHART_ITEMS = 16


class DossierError(HrcaseError):
    """A dossier cannot be made as asked; one sentence why."""

    exit_code = 22


# --- the collected content ------------------------------------------------------------------


@dataclass
class TranslationBlock:
    """An approved translation shown after its original."""

    text: str
    heading: str
    stale_note: str = ""


@dataclass
class LongText:
    """A text in its original language, with the approved translation when there is one."""

    text: str
    heading: str
    translation: TranslationBlock | None = None
    missing_note: str = ""


@dataclass
class CaseInfo:
    """A case as the introduction presents it."""

    number: int
    title: str
    summary: str
    facts: list[tuple[str, str]]
    confidential: bool = False


@dataclass
class PersonInfo:
    """One row of the persons table."""

    label: str
    note: str
    roles: str
    details: list[tuple[str, str]]
    confidential: bool = False


@dataclass
class TimelineItem:
    """One event on the case timeline."""

    date: str
    title: str
    place: str
    case_number: int
    description: LongText | None
    confidential: bool = False


@dataclass
class AllegationInfo:
    """One allegation, described once (under its first article in the dossier)."""

    number: int
    anchor: str
    heading: str
    facts: list[tuple[str, str]]
    description: LongText | None
    articles: list[str]
    confidential: bool = False


@dataclass
class ArticleGroup:
    """The allegations engaging one article; those described elsewhere are referred to."""

    code: str
    label: str
    anchor: str
    allegations: list[AllegationInfo] = field(default_factory=list)
    see_also: list[str] = field(default_factory=list)


@dataclass
class TestimonyInfo:
    """A testimony with its interview details, original text and approved translation."""

    number: int
    anchor: str
    heading: str
    facts: list[tuple[str, str]]
    body: LongText
    confidential: bool = False


@dataclass
class InterventionInfo:
    """A complaint, appeal, request or decision and the response to it."""

    heading: str
    facts: list[tuple[str, str]]
    response: str
    confidential: bool = False


@dataclass
class SourceInfo:
    """A source with its full citation."""

    number: int
    citation: str
    excerpt: str
    confidential: bool = False


@dataclass
class RecommendationInfo:
    """A recommendation to one addressee."""

    addressee: str
    text: str
    confidential: bool = False


@dataclass
class AttachmentInfo:
    """An entry of the annex."""

    number: int
    filename: str
    sha256: str
    facts: list[tuple[str, str]]
    confidential: bool = False


@dataclass
class Figures:
    """The summary figures and the data of the charts (label, count)."""

    counts: list[tuple[str, int]]
    by_method: list[tuple[str, int]]
    by_article: list[tuple[str, int]]
    by_place: list[tuple[str, int]]
    over_time: list[tuple[str, int]]


@dataclass
class Withheld:
    """What the audience's rules left out, by category."""

    testimonies: int = 0
    confidential: int = 0
    anonymous: int = 0
    pseudonymous: int = 0
    attachments: int = 0
    mentions: int = 0

    def lines(self, texts: Texts) -> list[str]:
        """One sentence per category that is not empty."""
        keys = (("ed_testimonies", self.testimonies), ("ed_confidential", self.confidential),
                ("ed_anonymous", self.anonymous), ("ed_pseudonym", self.pseudonymous),
                ("ed_attachments", self.attachments), ("ed_mentions", self.mentions))
        return [texts.plural(key, n) for key, n in keys if n]


@dataclass
class DossierContent:
    """Everything a dossier shows, resolved and in its language."""

    lang: str
    audience: str
    kind: str
    title: str
    scope_sentence: str
    quoting: str
    cover_facts: list[tuple[str, str]]
    audience_label: str
    mark: str
    cases: list[CaseInfo]
    figures: Figures
    timeline: list[TimelineItem]
    persons: list[PersonInfo]
    articles: list[ArticleGroup]
    testimonies: list[TestimonyInfo]
    interventions: list[InterventionInfo]
    sources: list[SourceInfo]
    recommendations: list[RecommendationInfo]
    attachments: list[AttachmentInfo]
    withheld: Withheld
    edition: list[str]
    keywords: list[str]


# --- loading --------------------------------------------------------------------------------


class _Records:
    """Reads records of the scope through the record service."""

    def __init__(self, services: Services) -> None:
        self.records = services.records

    def all(self, kind: str, **filters: Any) -> list[Any]:
        return self.records.list(kind, filters=filters or None, limit=None)

    def where_in(self, kind: str, column: str, ids: Iterable[str], **filters: Any) -> list[Any]:
        """Records whose ``column`` is one of ``ids`` (queried in chunks)."""
        values = sorted({i for i in ids if i})
        found: list[Any] = []
        for start in range(0, len(values), _IN_CHUNK):
            chunk = values[start:start + _IN_CHUNK]
            found.extend(self.all(kind, **{column: chunk}, **filters))
        return found


def _by_id(records: Iterable[Entity]) -> dict[str, Any]:
    return {r.id: r for r in records}


def _created(record: Entity) -> tuple[dt.datetime, str]:
    return record.created_at, record.id


# --- the collector --------------------------------------------------------------------------


class _Collector:
    """Builds a ``DossierContent`` for one request (one use only)."""

    def __init__(self, services: Services, scope: str, ids: Sequence[str], lang: str,
                 audience: str, organisation: str, author: str) -> None:
        self.db = _Records(services)
        self.scope = scope
        self.ids = list(dict.fromkeys(i for i in ids if i))
        self.lang = lang
        self.audience = audience
        self.internal = audience == "internal"
        self.organisation = organisation
        self.author = author
        self.t = Texts(lang)
        self.withheld = Withheld()
        self.redactor = NameRedactor(())
        self.places: dict[str, Any] = {}
        self.organisations: dict[str, Any] = {}
        self.persons: dict[str, Any] = {}
        self.names: dict[str, list[Any]] = {}
        self.substitutes: dict[str, str] = {}
        self.pseudonymous: set[str] = set()
        self.case_numbers: dict[str, int] = {}
        self.translations: dict[tuple[str, str, str], Any] = {}
        self.source_numbers: dict[str, int] = {}
        self.sources_of: dict[str, list[int]] = {}
        self.annex_of: dict[str, list[int]] = {}
        self.testimony_numbers: dict[str, int] = {}
        self.parsed_dates: dict[str, PartialDate | None] = {}
        self.roles_of: dict[str, list[str]] = {}
        self.source_records: list[Any] = []

    # -- visibility --------------------------------------------------------------------------

    def visible(self, records: Iterable[Any]) -> list[Any]:
        """The records this audience may see; confidential ones are counted and dropped."""
        kept = []
        for record in records:
            if record.confidential and not self.internal:
                self.withheld.confidential += 1
            else:
                kept.append(record)
        return kept

    def clean(self, text: str) -> str:
        """A record's text with withheld names replaced (nothing to do for internal)."""
        return self.redactor.clean(text) if text else ""

    # -- scope -------------------------------------------------------------------------------

    def scope_cases(self) -> tuple[list[Any], dict[str, Any]]:
        """The cases of the scope (visible ones) and scope details."""
        details: dict[str, Any] = {}
        if not self.ids:
            raise DossierError(_("Choose at least one record for the dossier."))
        if self.scope == "case":
            cases = self.db.where_in("case", "id", self.ids)
            if len(cases) != len(self.ids):
                raise NotFoundError(_("No such record."))
            order = {case_id: n for n, case_id in enumerate(self.ids)}
            cases.sort(key=lambda c: order[c.id])
        elif self.scope == "person":
            people = self.db.where_in("person", "id", self.ids)
            if len(people) != len(self.ids):
                raise NotFoundError(_("No such record."))
            details["focus"] = {p.id for p in people}
            roles = self.visible_quiet(self.db.where_in("case_role", "person_id", self.ids))
            details["focus_roles"] = roles
            case_ids = {r.case_id for r in roles}
            case_ids |= {a.case_id for a in self.db.where_in("allegation", "victim_id", self.ids)}
            case_ids |= {t.case_id for t in self.db.where_in("testimony", "interviewee_id",
                                                             self.ids)}
            acts = {p.allegation_id for p in self.db.where_in("perpetrator", "person_id",
                                                               self.ids)}
            case_ids |= {a.case_id for a in self.db.where_in("allegation", "id", acts)}
            cases = sorted(self.db.where_in("case", "id", case_ids), key=_created)
        elif self.scope == "article":
            articles = vocabulary("articles")
            if any(code not in articles for code in self.ids):
                raise DossierError(_("This value is not in the list of allowed values."))
            allegations = [a for a in self.db.all("allegation")
                           if set(a.articles) & set(self.ids)]
            details["allegations"] = allegations
            cases = sorted(self.db.where_in("case", "id", {a.case_id for a in allegations}),
                           key=_created)
        else:
            raise DossierError(_("This value is not in the list of allowed values."))
        return self.visible(cases), details

    def visible_quiet(self, records: Iterable[Any]) -> list[Any]:
        """Visible records, without counting what is left out (it is counted elsewhere)."""
        return [r for r in records if self.internal or not r.confidential]

    # -- persons and names -------------------------------------------------------------------

    def load_persons(self, person_ids: set[str], roles: list[Any]) -> None:
        """Persons of the dossier plus every non-named person (their names are withheld)."""
        extra = self.db.all("person", disclosure=["anonymous", "pseudonym"])
        if not self.internal:
            extra += self.db.all("person", confidential=True)
        people = self.db.where_in("person", "id", person_ids) + extra
        self.persons = _by_id(people)
        for name in self.db.where_in("person_name", "person_id", self.persons):
            self.names.setdefault(name.person_id, []).append(name)
        for names in self.names.values():
            names.sort(key=_created)
        for role in roles:
            self.roles_of.setdefault(role.person_id, []).append(role.role)

    def preferred_name(self, person_id: str, public_only: bool) -> str:
        """A person's name: a spelling in the dossier's language, else the primary one."""
        names = [n for n in self.names.get(person_id, [])
                 if not (public_only and n.confidential)]
        if not names:
            return ""
        rank = {"primary": 0, "transliteration": 1, "alias": 2}
        pool = ([n for n in names if n.language == self.lang]
                or [n for n in names if n.kind == "primary"] or names)
        return min(pool, key=lambda n: rank.get(n.kind, 3)).text

    def best_role(self, person_id: str) -> str | None:
        roles = self.roles_of.get(person_id, [])
        for role in ROLE_ORDER:
            if role in roles:
                return role
        return roles[0] if roles else None

    def role_word(self, person_id: str) -> str:
        role = self.best_role(person_id)
        return vocabulary("roles").label(role, self.lang) if role else self.t("person_generic")

    def decide_names(self, anonymised_interviewees: set[str], order: list[str]) -> None:
        """Substitutes for withheld persons and the redactor for texts (not internal)."""
        if self.internal:
            return
        withheld: list[WithheldName] = []
        letters = 0
        ordered = order + sorted((p for p in self.persons if p not in order),
                                 key=lambda p: _created(self.persons[p]))
        for person_id in ordered:
            person = self.persons[person_id]
            spellings = [n.text for n in self.names.get(person_id, [])]
            if person.disclosure == "pseudonym" and person.pseudonym and not person.confidential:
                substitute = person.pseudonym
                self.pseudonymous.add(person_id)
            elif (person.disclosure in ("anonymous", "pseudonym") or person.confidential
                  or person_id in anonymised_interviewees):
                substitute = f"{self.role_word(person_id)} {letter_code(letters)}"
                letters += 1
            else:
                hidden = [n.text for n in self.names.get(person_id, []) if n.confidential]
                if hidden:
                    withheld.append(WithheldName(person_id + ":hidden", hidden,
                                                 self.preferred_name(person_id, True)))
                continue
            self.substitutes[person_id] = substitute
            withheld.append(WithheldName(person_id, spellings, substitute))
        named = [n.text for pid, names in self.names.items() if pid not in self.substitutes
                 for n in names if not n.confidential]
        self.redactor = NameRedactor(withheld, named)

    def person_label(self, person_id: str | None) -> str:
        """How the dossier names a person (a substitute for withheld persons)."""
        if not person_id:
            return ""
        if person_id in self.substitutes:
            return self.substitutes[person_id]
        return self.preferred_name(person_id, not self.internal) or self.t("unknown")

    # -- small formatters ----------------------------------------------------------------------

    def partial_date(self, edtf: str, end: str = "") -> PartialDate | None:
        """The partial date ``edtf``, or from ``edtf`` to ``end`` (either may itself be a range,
        such as "late November 2005"); None when absent or invalid."""
        if end and end != edtf:
            first, last = self.partial_date(edtf), self.partial_date(end)
            if first is None or last is None:
                return first or last
            try:
                return PartialDate(first.start, last.end)
            except ValueError:
                return first
        if edtf not in self.parsed_dates:
            try:
                self.parsed_dates[edtf] = PartialDate.parse(edtf) if edtf else None
            except (HrcaseError, ValueError):
                self.parsed_dates[edtf] = None
        return self.parsed_dates[edtf]

    def date(self, edtf: str, end: str = "") -> str:
        """A partial date (or the range ``edtf``–``end``) in words; "" when unknown."""
        if end and end != edtf and ("/" in edtf or "/" in end):
            # ends that are ranges themselves ("late November 2005") are said one by one
            return " – ".join(text for text in (self.date(edtf), self.date(end)) if text)
        parsed = self.partial_date(edtf, end)
        if parsed is None:
            return f"{edtf}/{end}" if edtf and end else edtf
        return format_partial_date(parsed, self.lang)

    def sort_date(self, edtf: str, end: str = "") -> tuple[Any, ...]:
        parsed = self.partial_date(edtf, end)
        return parsed.sort_key if parsed is not None else (True,)

    def vocab(self, name: str, code: str | None) -> str:
        return vocabulary(name).label(code, self.lang) if code else ""

    def vocab_list(self, name: str, codes: Iterable[str]) -> str:
        return "; ".join(self.vocab(name, code) for code in codes)

    def yes_no(self, value: bool | None) -> str:
        return self.t("unknown") if value is None else self.t("yes" if value else "no")

    def place_label(self, place_id: str | None) -> str:
        place = self.places.get(place_id or "")
        if place is None:
            return ""
        name = localized(place.name, self.lang)
        parent = self.places.get(place.parent_id or "")
        for _depth in range(8):
            if parent is None or place.place_type == "town":
                break
            if parent.place_type == "town":
                town = localized(parent.name, self.lang)
                if town and town.split(" [")[0] not in name:
                    name = f"{name}, {town}"
                break
            parent = self.places.get(parent.parent_id or "")
        return name

    def organisation_label(self, organisation_id: str | None) -> str:
        organisation = self.organisations.get(organisation_id or "")
        return localized(organisation.name, self.lang) if organisation is not None else ""

    def country(self, code: str) -> str:
        if not code:
            return ""
        try:
            return Locale.parse(self.lang).territories.get(code.upper(), code)
        except (ValueError, LookupError):
            return code

    def language_name(self, code: str) -> str:
        return vocabulary("languages").label(code, self.lang) if code else ""

    def language_in_text(self, code: str) -> str:
        """A language's name inside a sentence ("русский", but "English")."""
        name = self.language_name(code)
        return name[:1].lower() + name[1:] if self.lang in ("ru", "kk") else name

    def long_text(self, text: str, language: str, kind: str, record: Any,
                  field_name: str) -> LongText:
        """``text`` in its language with the approved translation into the dossier's."""
        language = language or self.lang
        body = LongText(text=self.clean(text),
                        heading=self.t("original", language=self.language_in_text(language)))
        if language == self.lang:
            return body
        translation = self.translations.get((kind, record.id, field_name))
        if translation is None:
            body.missing_note = self.t("no_translation",
                                       language=self.language_in_text(self.lang))
            return body
        heading = self.t("translation", language=self.language_in_text(self.lang),
                         translator=self.clean(translation.translator) or self.t("unknown"))
        if translation.reviewer:
            heading += "; " + self.t("reviewed_by", reviewer=self.clean(translation.reviewer))
        stale = ""
        if translation.source_revision < record.revision:
            stale = self.t("stale", old=translation.source_revision, new=record.revision)
        body.translation = TranslationBlock(self.clean(translation.text), heading, stale)
        return body

    def sources_row(self, record_id: str) -> list[tuple[str, str]]:
        numbers = self.sources_of.get(record_id, [])
        if not numbers:
            return []
        return [(self.t("source_refs"), ", ".join(f"[{n}]" for n in numbers))]

    # -- the whole collection ----------------------------------------------------------------

    def collect(self) -> DossierContent:
        cases, details = self.scope_cases()
        if not cases:
            raise DossierError(_("Nothing in this dossier may be shown to the chosen audience."))
        case_ids = [c.id for c in cases]
        self.case_numbers = {case_id: n for n, case_id in enumerate(case_ids, start=1)}
        self.places = _by_id(self.visible_quiet(self.db.all("place")))
        self.organisations = _by_id(self.visible_quiet(self.db.all("organisation")))

        roles = self.visible_quiet(self.db.where_in("case_role", "case_id", case_ids))
        events = self.visible(self.db.where_in("event", "case_id", case_ids))
        allegations = self.visible(self.db.where_in("allegation", "case_id", case_ids))
        testimonies = self.visible(self.db.where_in("testimony", "case_id", case_ids))
        interventions = self.visible(self.db.where_in("intervention", "case_id", case_ids))
        recommendations = self.visible(self.db.where_in("recommendation", "case_id", case_ids))
        perpetrators = self.visible(self.db.where_in("perpetrator", "allegation_id",
                                                     [a.id for a in allegations]))
        withheld_testimonies = [t for t in testimonies
                                if not audience_allows(self.audience, t.consent)]
        testimonies = [t for t in testimonies if audience_allows(self.audience, t.consent)]

        person_ids = {r.person_id for r in roles} | set(details.get("focus", ()))
        person_ids |= {a.victim_id for a in allegations if a.victim_id}
        person_ids |= {p.person_id for p in perpetrators if p.person_id}
        for testimony in testimonies:
            person_ids.add(testimony.interviewee_id or "")
            person_ids.update(testimony.persons_present)
        person_ids.discard("")
        self.load_persons(person_ids, roles)

        if self.scope == "person":
            focus = details["focus"]
            if not self.internal and all(self.persons[p].confidential for p in focus):
                raise DossierError(_("Nothing in this dossier may be shown to the chosen "
                                     "audience."))
            finder = NameRedactor([WithheldName(pid, [n.text for n in self.names.get(pid, [])],
                                                "") for pid in focus],
                                  [n.text for pid, names in self.names.items()
                                   if pid not in focus for n in names])
            involved: dict[str, set[str]] = {}
            for perpetrator in perpetrators:
                involved.setdefault(perpetrator.allegation_id, set()).add(
                    perpetrator.person_id or "")
            allegations = [a for a in allegations
                           if a.victim_id in focus or involved.get(a.id, set()) & focus]
            victim_cases = {r.case_id for r in details["focus_roles"] if r.role == "victim"}

            def mentions(*texts: str) -> bool:
                return any(finder.finds(text) for text in texts if text)

            linked_events = {a.event_id for a in allegations}
            events = [e for e in events if e.id in linked_events
                      or mentions(e.description, *e.title.values())]
            testimonies = [t for t in testimonies if t.interviewee_id in focus
                           or set(t.persons_present) & focus or mentions(t.title, t.text)]
            interventions = [i for i in interventions if i.case_id in victim_cases
                             or mentions(i.body, i.reference, i.response)]
            recommendations = [r for r in recommendations if r.case_id in victim_cases
                               or mentions(*r.text.values())]
        elif self.scope == "article":
            chosen = {a.id for a in details["allegations"]}
            allegations = [a for a in allegations if a.id in chosen]
            victims = {(a.case_id, a.victim_id) for a in allegations if a.victim_id}
            testimonies = [t for t in testimonies if (t.case_id, t.interviewee_id) in victims]
        allegation_ids = {a.id for a in allegations}
        perpetrators = [p for p in perpetrators if p.allegation_id in allegation_ids]
        self.withheld.testimonies = len(withheld_testimonies)

        referenced = self.persons_referenced(allegations, perpetrators, testimonies)
        shown = [p for p in referenced if self.internal or not self.persons[p].confidential]
        self.withheld.confidential += len(referenced) - len(shown)
        anonymised: set[str] = set()
        if not self.internal:
            anonymised = {t.interviewee_id for t in testimonies
                          if t.consent == "publish_anonymised" and t.interviewee_id}
        self.decide_names(anonymised, referenced)
        self.withheld.anonymous = sum(1 for p in shown if p in self.substitutes
                                      and p not in self.pseudonymous)
        self.withheld.pseudonymous = sum(1 for p in shown if p in self.pseudonymous)

        included: dict[str, list[Any]] = {
            "case": cases, "event": events, "allegation": allegations,
            "testimony": testimonies, "intervention": interventions,
            "recommendation": recommendations, "person": [self.persons[p] for p in shown],
        }
        self.load_translations(included)
        self.load_sources(included)
        attachments = self.load_attachments(included, withheld_testimonies)
        content = self.build(cases, events, allegations, perpetrators, testimonies,
                             interventions, recommendations, attachments, shown)
        self.withheld.mentions = self.redactor.replaced
        content.edition = self.edition_lines()
        return content

    def persons_referenced(self, allegations: list[Any], perpetrators: list[Any],
                           testimonies: list[Any]) -> list[str]:
        """The persons the dossier names: by its records, and (case scope) by their roles."""
        used: set[str] = set()
        if self.scope == "case":
            used |= set(self.roles_of)
        elif self.scope == "person":
            used |= set(self.ids)
        used |= {a.victim_id for a in allegations if a.victim_id}
        used |= {p.person_id for p in perpetrators if p.person_id}
        for testimony in testimonies:
            used.add(testimony.interviewee_id or "")
            used.update(testimony.persons_present)
        return self.person_order(used & set(self.persons))

    def person_order(self, person_ids: set[str]) -> list[str]:
        """Persons by their most telling role, then as recorded."""

        def key(person_id: str) -> tuple[int, dt.datetime, str]:
            role = self.best_role(person_id)
            rank = ROLE_ORDER.index(role) if role in ROLE_ORDER else len(ROLE_ORDER)
            return (rank, *_created(self.persons[person_id]))

        return sorted(person_ids, key=key)

    def load_translations(self, included: dict[str, list[Any]]) -> None:
        targets = {r.id for kind in ("testimony", "event", "allegation")
                   for r in included[kind]}
        found = self.visible_quiet(self.db.where_in(
            "translation", "target_id", targets, status="approved", language=self.lang))
        for translation in sorted(found, key=lambda t: t.updated_at):
            self.translations[(translation.target_kind, translation.target_id,
                               translation.field)] = translation

    def load_sources(self, included: dict[str, list[Any]]) -> None:
        ids = {r.id for records in included.values() for r in records}
        links = self.visible_quiet(self.db.where_in("source_link", "entity_id", ids))
        sources = _by_id(self.visible(self.db.where_in("source", "id",
                                                       {link.source_id for link in links})))
        ordered = sorted(sources.values(), key=lambda s: (self.sort_date(s.date), s.title))
        self.source_numbers = {s.id: n for n, s in enumerate(ordered, start=1)}
        self.source_records = ordered
        for link in links:
            number = self.source_numbers.get(link.source_id)
            if number is not None:
                numbers = self.sources_of.setdefault(link.entity_id, [])
                if number not in numbers:
                    numbers.append(number)
        for numbers in self.sources_of.values():
            numbers.sort()

    def load_attachments(self, included: dict[str, list[Any]],
                         withheld_testimonies: list[Any]) -> list[Any]:
        owners = {r.id for records in included.values() for r in records}
        owners |= {s.id for s in self.source_records}
        hidden = {t.id for t in withheld_testimonies}
        candidates = self.db.where_in("attachment", "owner_id", owners | hidden)
        attachments = []
        for attachment in candidates:
            if attachment.owner_id in hidden:
                self.withheld.attachments += 1
            elif attachment.confidential and not self.internal:
                self.withheld.confidential += 1
            else:
                attachments.append(attachment)
        attachments.sort(key=_created)
        for number, attachment in enumerate(attachments, start=1):
            self.annex_of.setdefault(attachment.owner_id, []).append(number)
        return attachments

    # -- building the sections ----------------------------------------------------------------

    def build(self, cases: list[Any], events: list[Any], allegations: list[Any],
              perpetrators: list[Any], testimonies: list[Any], interventions: list[Any],
              recommendations: list[Any], attachments: list[Any], shown_persons: list[str]
              ) -> DossierContent:
        t = self.t
        case_infos = [self.case_info(case) for case in cases]
        kind = t(f"kind_{self.scope}")
        if self.scope == "case":
            title = "; ".join(c.title for c in case_infos)
            scope_sentence = t("scope_case" if len(cases) == 1 else "scope_cases")
        elif self.scope == "person":
            title = "; ".join(self.person_label(pid) for pid in self.ids)
            scope_sentence = t("scope_person", name=title)
        else:
            title = "; ".join(self.vocab("articles", code) for code in self.ids)
            scope_sentence = t("scope_article", article=title)
        audience_label = t(f"audience_{self.audience}")
        cover_facts = [(t("organisation"), self.organisation), (t("author"), self.author),
                       (t("date"), format_long_date(dt.date.today(), self.lang)),
                       (t("audience"), audience_label),
                       (t("language"), self.language_name(self.lang))]
        ordered_testimonies = sorted(testimonies, key=self.testimony_order)
        self.testimony_numbers = {t.id: n for n, t in enumerate(ordered_testimonies, start=1)}
        testimony_infos = [self.testimony_info(n, testimony) for n, testimony
                           in enumerate(ordered_testimonies, start=1)]
        article_groups, allegation_infos = self.article_groups(allegations, perpetrators)
        timeline = sorted(((self.sort_date(e.start, e.end), self.case_numbers[e.case_id], e)
                           for e in events), key=lambda item: (item[0], item[1], item[2].id))
        keywords = sorted({self.clean(tag) for case in cases for tag in case.tags})
        return DossierContent(
            lang=self.lang, audience=self.audience, kind=kind, title=title,
            scope_sentence=scope_sentence,
            quoting=t("quoting", language=self.language_in_text(self.lang)),
            cover_facts=[f for f in cover_facts if f[1]],
            audience_label=audience_label, mark=t(f"mark_{self.audience}"), cases=case_infos,
            figures=self.figures(cases, allegations, testimonies, events, interventions,
                                 attachments, shown_persons),
            timeline=[self.timeline_item(e) for _key, _n, e in timeline],
            persons=[self.person_info(pid) for pid in shown_persons],
            articles=article_groups,
            testimonies=testimony_infos,
            interventions=[self.intervention_info(i) for i in
                           sorted(interventions, key=lambda i: (self.case_numbers[i.case_id],
                                                                self.sort_date(i.date), i.id))],
            sources=[self.source_info(s) for s in self.source_records],
            recommendations=[self.recommendation_info(r) for r in
                             sorted(recommendations, key=lambda r: (r.addressee, *_created(r)))],
            attachments=[self.attachment_info(n, a, allegation_infos)
                         for n, a in enumerate(attachments, start=1)],
            withheld=self.withheld, edition=[], keywords=keywords)

    def edition_lines(self) -> list[str]:
        if self.internal:
            return [self.t("edition_internal")]
        lines = self.withheld.lines(self.t)
        if not lines:
            return [self.t("edition_restricted"), self.t("edition_nothing")]
        return [self.t("edition_restricted"), *lines, self.t("edition_caution")]

    def case_info(self, case: Any) -> CaseInfo:
        t = self.t
        facts = [(t("country"), self.country(case.country)),
                 (t("status"), self.vocab("case_status", case.status))]
        if self.internal:
            facts.append((t("classification"), self.vocab("confidentiality",
                                                          case.confidentiality)))
        if case.tags:
            facts.append((t("tags"), self.clean(", ".join(case.tags))))
        return CaseInfo(number=self.case_numbers[case.id],
                        title=self.clean(localized(case.title, self.lang)),
                        summary=self.clean(localized(case.summary, self.lang)),
                        facts=[f for f in facts if f[1]], confidential=case.confidential)

    def person_info(self, person_id: str) -> PersonInfo:
        t = self.t
        person = self.persons[person_id]
        roles = "; ".join(dict.fromkeys(vocabulary("roles").label(r, self.lang)
                                        for r in self.roles_of.get(person_id, [])))
        label = self.person_label(person_id)
        if person_id in self.substitutes and person_id not in self.pseudonymous:
            return PersonInfo(label=label, note=t("identity_withheld"), roles=roles,
                              details=[(t("sex"), self.vocab("sex", person.sex))])
        details = [(t("sex"), self.vocab("sex", person.sex)),
                   (t("nationality"), self.country(person.nationality))]
        note = ""
        if person_id in self.pseudonymous:
            note = t("pseudonym")
        else:
            details += [(t("born"), self.date(person.birth)),
                        (t("died"), self.date(person.deceased)),
                        (t("ethnicity"), self.clean(person.ethnicity)),
                        (t("occupation"), self.clean(person.occupation))]
            others = [n.text for n in self.names.get(person_id, [])
                      if n.text != label and (self.internal or not n.confidential)]
            if others:
                details.append((t("other_spellings"), "; ".join(others)))
            if self.internal:
                if person.disclosure != "named":
                    details.append((vocabulary("disclosure").title_in(self.lang),
                                    self.vocab("disclosure", person.disclosure)
                                    + (f": {person.pseudonym}" if person.pseudonym else "")))
                details.append((t("notes"), person.notes))
        details += self.sources_row(person_id)
        return PersonInfo(label=label, note=note, roles=roles,
                          details=[d for d in details if d[1]],
                          confidential=person.confidential)

    def timeline_item(self, event: Any) -> TimelineItem:
        title = self.clean(localized(event.title, self.lang)) if event.title else ""
        type_label = self.vocab("event_types", event.event_type)
        description = None
        if event.description:
            description = self.long_text(event.description, event.language, "event", event,
                                         "description")
        return TimelineItem(date=self.date(event.start, event.end) or self.t("unknown"),
                            title=f"{type_label}: {title}" if title else type_label,
                            place=self.place_label(event.place_id),
                            case_number=self.case_numbers[event.case_id],
                            description=description, confidential=event.confidential)

    def article_groups(self, allegations: list[Any], perpetrators: list[Any]
                       ) -> tuple[list[ArticleGroup], dict[str, AllegationInfo]]:
        """Allegations under the first article they engage; referred to under the others."""
        order = {code: n for n, code in enumerate(vocabulary("articles").codes)}
        chosen = set(self.ids) if self.scope == "article" else None
        perpetrators_of: dict[str, list[Any]] = {}
        for perpetrator in perpetrators:
            perpetrators_of.setdefault(perpetrator.allegation_id, []).append(perpetrator)

        def articles_of(allegation: Any) -> list[str]:
            codes = sorted((c for c in allegation.articles if c in order), key=order.get)
            if chosen is not None:
                codes = [c for c in codes if c in chosen] + [c for c in codes if c not in chosen]
            return codes

        ordered = sorted(allegations, key=lambda a: (
            order.get((articles_of(a) or ["~"])[0], len(order)), self.case_numbers[a.case_id],
            self.sort_date(a.date), *_created(a)))
        groups: dict[str, ArticleGroup] = {}
        infos: dict[str, AllegationInfo] = {}
        for number, allegation in enumerate(ordered, start=1):
            codes = articles_of(allegation)
            first = codes[0] if codes else ""
            info = self.allegation_info(number, allegation, perpetrators_of.get(allegation.id, []))
            infos[allegation.id] = info
            self.group(groups, first).allegations.append(info)
            for code in codes[1:]:
                if chosen is None or code in chosen:
                    self.group(groups, code).see_also.append(self.t(
                        "see_allegation", n=number, article=self.group(groups, first).label))
        keys = sorted(groups, key=lambda c: order.get(c, len(order)))
        return [groups[k] for k in keys], infos

    def group(self, groups: dict[str, ArticleGroup], code: str) -> ArticleGroup:
        if code not in groups:
            label = self.vocab("articles", code) if code else self.t("no_article")
            groups[code] = ArticleGroup(code=code, label=label, anchor=f"article-{code or 'none'}")
        return groups[code]

    def allegation_info(self, number: int, allegation: Any, perpetrators: list[Any]
                        ) -> AllegationInfo:
        t = self.t
        victim = self.person_label(allegation.victim_id)
        perpetrator_lines = []
        for perpetrator in perpetrators:
            who = ", ".join(x for x in (self.person_label(perpetrator.person_id),
                                        self.organisation_label(perpetrator.organisation_id))
                            if x)
            perpetrator_lines.append(f"{who or t('unknown')} "
                                     f"({self.vocab('involvement', perpetrator.involvement)})")
        facts = [
            (t("victim"), victim),
            (t("date"), self.date(allegation.date)),
            (t("place"), self.place_label(allegation.place_id)),
            (vocabulary("methods").title_in(self.lang),
             self.vocab_list("methods", allegation.methods)),
            (vocabulary("intents").title_in(self.lang),
             self.vocab_list("intents", allegation.intents)),
            (t("perpetrators"), "; ".join(perpetrator_lines)),
            (vocabulary("consequences").title_in(self.lang),
             self.vocab_list("consequences", allegation.consequences)),
            (t("duress"), self.yes_no(allegation.statement_under_duress)
             if allegation.statement_under_duress is not None else ""),
            (t("medical_exam"), self.yes_no(allegation.medical_examination)
             if allegation.medical_examination is not None else ""),
            (t("medical_findings"), self.clean(allegation.medical_findings)),
            (t("complaint_filed"), self.yes_no(allegation.complaint_filed)
             if allegation.complaint_filed is not None else ""),
            (vocabulary("investigation_status").title_in(self.lang),
             self.vocab("investigation_status", allegation.investigation_status)),
            (vocabulary("articles").title_in(self.lang),
             self.vocab_list("articles", allegation.articles)),
            *self.sources_row(allegation.id),
        ]
        heading = t("allegation_n", n=number)
        if victim:
            heading = f"{heading}: {victim}"
        description = None
        if allegation.description:
            description = self.long_text(allegation.description, allegation.language,
                                         "allegation", allegation, "description")
        return AllegationInfo(number=number, anchor=f"allegation-{number}", heading=heading,
                              facts=[f for f in facts if f[1]], description=description,
                              articles=list(allegation.articles),
                              confidential=allegation.confidential)

    def testimony_order(self, testimony: Any) -> tuple[Any, ...]:
        return (self.case_numbers[testimony.case_id], self.sort_date(testimony.date),
                *_created(testimony))

    def testimony_info(self, number: int, testimony: Any) -> TestimonyInfo:
        t = self.t
        present = "; ".join(self.person_label(p) for p in testimony.persons_present)
        facts = [
            (t("interviewee"), self.person_label(testimony.interviewee_id)),
            (t("interviewer"), self.clean(testimony.interviewer)),
            (t("date"), self.date(testimony.date)),
            (t("place"), self.place_label(testimony.place_id)),
            (vocabulary("testimony_mode").title_in(self.lang),
             self.vocab("testimony_mode", testimony.mode)),
            (vocabulary("languages").title_in(self.lang), self.language_name(testimony.language)),
            (t("interpreter"), self.clean(testimony.interpreter)),
            (t("present"), present),
            (vocabulary("consent").title_in(self.lang), self.vocab("consent", testimony.consent)),
            *self.sources_row(testimony.id),
        ]
        annex = self.annex_of.get(testimony.id, [])
        if annex:
            facts.append((t("attachments"), "; ".join(t("annex_item", n=n) for n in annex)))
        title = self.clean(testimony.title) or t("testimony_n", n=number)
        return TestimonyInfo(number=number, anchor=f"testimony-{number}",
                             heading=f"{number}. {title}", facts=[f for f in facts if f[1]],
                             body=self.long_text(testimony.text, testimony.language,
                                                 "testimony", testimony, "text"),
                             confidential=testimony.confidential)

    def intervention_info(self, intervention: Any) -> InterventionInfo:
        t = self.t
        kind = self.vocab("intervention_types", intervention.intervention_type)
        body = self.clean(intervention.body)
        facts = [(t("reference"), self.clean(intervention.reference)),
                 (t("date"), self.date(intervention.date)),
                 (t("status"), self.clean(intervention.status)),
                 (t("response_date"), self.date(intervention.response_date)),
                 *self.sources_row(intervention.id)]
        if len(self.case_numbers) > 1:
            facts.insert(0, (t("col_case"), str(self.case_numbers[intervention.case_id])))
        return InterventionInfo(heading=f"{kind}: {body}" if body else kind,
                                facts=[f for f in facts if f[1]],
                                response=self.clean(intervention.response),
                                confidential=intervention.confidential)

    def source_info(self, source: Any) -> SourceInfo:
        t = self.t
        who = ", ".join(x for x in (self.clean(source.author), self.clean(source.organisation))
                        if x)
        parts = [who, f"“{self.clean(source.title)}”", self.date(source.date)]
        if source.url:
            url = source.url
            if source.accessed:
                url += f" ({t('accessed', date=self.date(source.accessed))})"
            parts.append(url)
        parts.append(f"{vocabulary('reliability').title_in(self.lang)}: "
                     f"{self.vocab('reliability', source.reliability)}")
        return SourceInfo(number=self.source_numbers[source.id],
                          citation=". ".join(p for p in parts if p) + ".",
                          excerpt=self.clean(source.excerpt), confidential=source.confidential)

    def recommendation_info(self, recommendation: Any) -> RecommendationInfo:
        return RecommendationInfo(addressee=self.clean(recommendation.addressee),
                                  text=self.clean(localized(recommendation.text, self.lang)),
                                  confidential=recommendation.confidential)

    def attachment_info(self, number: int, attachment: Any,
                        allegations: dict[str, AllegationInfo]) -> AttachmentInfo:
        t = self.t
        owner_id = attachment.owner_id or ""
        owner = ""
        if owner_id in self.testimony_numbers:
            owner = t("testimony_n", n=self.testimony_numbers[owner_id])
        elif owner_id in allegations:
            owner = t("allegation_n", n=allegations[owner_id].number)
        elif owner_id in self.source_numbers:
            owner = t("source_n", n=self.source_numbers[owner_id])
        elif owner_id in self.persons:
            owner = self.person_label(owner_id)
        elif owner_id in self.case_numbers:
            owner = t("case_n", n=self.case_numbers[owner_id])
        facts = [(t("media_type"), attachment.media_type),
                 (t("size"), t.plural("bytes", attachment.size,
                                          n=format_number(attachment.size, self.lang))),
                 (t("captured"), self.date(attachment.captured_at)),
                 (t("belongs_to"), owner),
                 (t("provenance"), self.clean(attachment.provenance))]
        return AttachmentInfo(number=number, filename=self.clean(attachment.filename),
                              sha256=attachment.sha256, facts=[f for f in facts if f[1]],
                              confidential=attachment.confidential)

    def figures(self, cases: list[Any], allegations: list[Any], testimonies: list[Any],
                events: list[Any], interventions: list[Any], attachments: list[Any],
                persons: list[str]) -> Figures:
        t = self.t
        victims = {a.victim_id for a in allegations if a.victim_id}
        counts = [(t("n_cases"), len(cases)), (t("n_persons"), len(persons)),
                  (t("n_victims"), len(victims)), (t("n_allegations"), len(allegations)),
                  (t("n_testimonies"), len(testimonies)), (t("n_events"), len(events)),
                  (t("n_interventions"), len(interventions)),
                  (t("n_sources"), len(self.source_records)),
                  (t("n_attachments"), len(attachments))]
        methods = Counter(code for a in allegations for code in a.methods)
        articles = Counter(code for a in allegations for code in a.articles)
        places = Counter(self.place_label(a.place_id) or t("unknown_place") for a in allegations)
        return Figures(
            counts=counts,
            by_method=self.top([(_short(self.vocab("methods", c)), n)
                                for c, n in _vocab_order("methods", methods)]),
            by_article=self.top([(_short_article(c, self.lang), n)
                                 for c, n in _vocab_order("articles", articles)]),
            by_place=self.top(sorted(places.items(), key=lambda item: (-item[1], item[0]))),
            over_time=self.over_time(events))

    def top(self, items: list[tuple[str, int]]) -> list[tuple[str, int]]:
        if len(items) <= _CHART_ITEMS:
            return items
        ranked = sorted(items, key=lambda item: -item[1])
        kept = {label for label, _n in ranked[:_CHART_ITEMS - 1]}
        rest = sum(n for label, n in items if label not in kept)
        return [item for item in items if item[0] in kept] + [(self.t("other_items"), rest)]

    def over_time(self, events: list[Any]) -> list[tuple[str, int]]:
        """Events per year, or per month when they span at most two years."""
        days = []
        for event in events:
            parsed = self.partial_date(event.start)
            if parsed is not None and parsed.earliest is not None:
                days.append(parsed.earliest)
        if not days:
            return []
        first, last = min(days), max(days)
        if (last.year - first.year) * 12 + last.month - first.month < 24:
            counts = Counter((d.year, d.month) for d in days)
            months = []
            year, month = first.year, first.month
            while (year, month) <= (last.year, last.month):
                months.append((year, month))
                year, month = (year + 1, 1) if month == 12 else (year, month + 1)
            return [(format_month(y, m, self.lang), counts.get((y, m), 0)) for y, m in months]
        years = Counter(d.year for d in days)
        return [(str(y), years.get(y, 0)) for y in range(first.year, last.year + 1)]


def _vocab_order(name: str, counts: Counter[str]) -> list[tuple[str, int]]:
    codes = vocabulary(name).codes
    known = [(c, counts[c]) for c in codes if counts.get(c)]
    return known + sorted((c, n) for c, n in counts.items() if c not in codes)


def _short(label: str) -> str:
    """A vocabulary label without its explanation in brackets, for chart axes."""
    return label.split(" (")[0]


def _short_article(code: str, lang: str) -> str:
    label = vocabulary("articles").label(code, lang)
    return label.split(" (")[0]


def format_number(n: int, lang: str) -> str:
    """``n`` with the digit grouping of ``lang``."""
    from babel.numbers import format_decimal

    return format_decimal(n, locale=lang)


def format_long_date(day: dt.date, lang: str) -> str:
    """A date in words, e.g. "23 November 2025", "23 ноября 2025 г." (day before month in
    English too, as in UN documents and as ``format_partial_date`` writes it)."""
    from babel.dates import format_date as babel_format_date

    return babel_format_date(day, "long", locale="en_GB" if lang == "en" else lang)


def format_month(year: int, month: int, lang: str) -> str:
    """A short month and year, e.g. "Sep 2013", "сент. 2013"."""
    from babel.dates import format_date as babel_format_date

    return babel_format_date(dt.date(year, month, 1), "LLL y", locale=lang)


def collect_content(services: Services, scope: str, ids: Sequence[str], lang: str, audience: str,
            organisation: str = "", author: str = "") -> DossierContent:
    """The content of a dossier: the scope's records, resolved, with withholding applied."""
    collector = _Collector(services, scope, ids, lang, audience, organisation, author)
    return collector.collect()

