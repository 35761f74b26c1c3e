"""Search: full text in Russian, Kazakh and English, and persons by name in any script.

**What a query may say.** Words (every one must occur, in any form: see
``hrcase.services.search_index`` for how word forms meet); ``"an exact phrase"`` (exact word
forms in this order); ``word*`` (words beginning so); ``A OR B`` (either); ``-word`` or
``-"a phrase"`` (must not occur). Everything else is text: punctuation separates words, and
FTS5's own syntax (``NEAR(``, ``col:``, ``^``, ``AND``/``NOT``, stray quotes or stars) has no
effect, because the query is parsed here and every word is passed to FTS5 quoted, never raw.
A query with nothing to look for raises :class:`SearchQueryError` (one clear sentence).

**Names.** When the query is plain words (up to six, no quotes, stars, OR or minus), persons
are also looked up by name across scripts and romanisations (``hrcase.domain.names``): name
keys from ``search_name_key`` find a few hundred candidates at most, which are scored with
``name_similarity``. The score of a name is how well the shorter of the two names is covered
by the longer (so "Холбоев" finds "Kholboev Rustam" fully); a letter or two of difference and a
swapped order are tolerated. Name matches come first (best first), then texts by bm25
(exact word forms weigh four times a match of a root). Only the newest ``RANK_WINDOW`` matching
texts are ranked (see ``_best_texts``): bm25 over every match of a common word would take
seconds at 100,000 testimonies.

**Filters** (``SearchFilters``) narrow the results; each filter keeps only the records it can
be checked on, and values of one filter are alternatives (OR) while filters combine (AND):

- ``kinds``: the kind of the record found, or of the record it belongs to (a translation of a
  testimony is found with ``kind=testimony`` too).
- ``case_ids``: the case itself, its events, allegations, testimonies, interventions and
  recommendations, persons with a role in it (or victim or interviewee in it), sources linked
  to any of these; translations and attachments through their record.
- ``methods``, ``articles``, ``organisation_ids``: allegations with such a method / article /
  a perpetrator of such a unit (or a unit under it), and the case, event, victim and the
  victim's testimonies in that case of such allegations; for an organisation also the unit
  itself and perpetrators who belonged to it.
- ``place_ids``: the place and places within it; events, allegations (or their event) and
  testimonies there, their cases, victims and interviewees.
- ``roles``: persons with that role (in the ``case_ids`` when given) and testimonies given by a
  person with that role in the testimony's case.
- ``date_from``/``date_to``: partial dates; a record is kept when its date (an event's span, an
  allegation's date or else its event's, a testimony's, an intervention's or a source's date)
  may share a day with the range (``PartialDate.overlaps``: "2011" overlaps "2011-12-16", an
  open end is unbounded). Records without a known date are left out.
- ``languages``: the language of the text that matched (persons' names are not texts here).

Snippets are the text around the best cluster of matches, with ``highlights`` (offsets into the
snippet) computed from the two stored FTS5 columns as FTS5's ``highlight()`` would mark them (that
function, given a list of rowids, re-runs the whole query per row), so a root match (избили for
избиение) is highlighted in the original wording. Ё is shown as Е in snippets.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
import json
import re
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

from sqlmodel import Session, col, select

from hrcase.domain.dates import PartialDate
from hrcase.domain.models import RECORD_KINDS
from hrcase.domain.names import MAX_WORDS, token_skeletons
from hrcase.domain.vocab import vocabulary
from hrcase.errors import UsageError, ValidationError
from hrcase.i18n import _, ngettext
from hrcase.services import Services
from hrcase.services import search_bm25 as bm25
from hrcase.services import search_index as ix
from hrcase.services.display import LABEL_FIELDS, label_of
from hrcase.services.search_names import score_names

MAX_QUERY_WORDS = 32
SNIPPET_CHARS = 200
BODY_WEIGHT, ROOT_WEIGHT = 4.0, 1.0

SEARCHED_KINDS = tuple(ix.INDEXED_FIELDS)
"""Kinds a search can return."""


class SearchQueryError(UsageError):
    """The query cannot be searched (nothing to look for, or too long)."""


@dataclass(frozen=True)
class SearchHit:
    """One search result. ``highlights`` are (start, end) offsets into ``snippet``."""

    kind: str
    id: str
    label: str
    snippet: str = ""
    score: float = 0.0
    highlights: tuple[tuple[int, int], ...] = ()
    field: str = ""
    language: str = ""
    match: str = "text"

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "id": self.id, "label": self.label, "snippet": self.snippet,
                "score": round(self.score, 4), "highlights": [list(h) for h in self.highlights],
                "field": self.field, "language": self.language, "match": self.match}

    def marked(self, start: str = "[", end: str = "]") -> str:
        """The snippet with each highlight wrapped in ``start`` and ``end``."""
        out, pos = [], 0
        for a, b in self.highlights:
            out += [self.snippet[pos:a], start, self.snippet[a:b], end]
            pos = b
        return "".join(out) + self.snippet[pos:]


@dataclass(frozen=True)
class SearchFilters:
    """Structured filters combined with the text (see the module docstring)."""

    kinds: tuple[str, ...] = ()
    methods: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()
    place_ids: tuple[str, ...] = ()
    organisation_ids: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    case_ids: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    date_from: str = ""
    date_to: str = ""

    def date_range(self) -> tuple[str, str] | None:
        """The (first, last) possible day of the range as ISO text; None without dates."""
        if not self.date_from and not self.date_to:
            return None
        first = PartialDate.parse(self.date_from, "from").earliest if self.date_from else None
        last = PartialDate.parse(self.date_to, "to").latest if self.date_to else None
        lo, hi = (first.isoformat() if first else "0001-01-01"), (last.isoformat() if last
                                                                   else "9999-12-31")
        if lo > hi:
            raise ValidationError("to", _("The end comes before the start."))
        return lo, hi

    def validate(self) -> None:
        """Raise ValidationError for an unknown kind, code, language or a bad date."""
        for kind in self.kinds:
            if kind not in SEARCHED_KINDS:
                raise ValidationError("kind", _("Unknown kind of record."))
        for name, values in (("methods", self.methods), ("articles", self.articles),
                             ("roles", self.roles), ("languages", self.languages)):
            vocabulary(name).validate_many(values, name)
        self.date_range()


# The tables' ``deleted`` columns are indexed; "+deleted" keeps SQLite (without statistics)
# from walking that index instead of a selective one.

# -- the query language ----------------------------------------------------------------------
@dataclass(frozen=True)
class Phrase:
    """Words to find together: one word, a hyphenated chunk, or a quoted phrase."""

    words: tuple[str, ...]
    raw: str = ""
    prefix: bool = False
    exact: bool = False


@dataclass(frozen=True)
class ParsedQuery:
    """All ``groups`` must match (each group: any of its phrases); no ``excluded`` may."""

    groups: tuple[tuple[Phrase, ...], ...]
    excluded: tuple[Phrase, ...] = ()

    def name_text(self) -> str | None:
        """The query as a name, when it is plain words (no syntax) of at most MAX_WORDS."""
        if self.excluded or any(len(g) > 1 or g[0].prefix or g[0].exact for g in self.groups):
            return None
        text = " ".join(g[0].raw for g in self.groups)
        return text if 0 < len(token_skeletons(text)) <= MAX_WORDS else None

    def rank_fts(self) -> str | None:
        """The expression bm25 ranks by: every phrase of the query that is not a prefix, ORed
        (prefixes are left out: ranking them costs a scan of every word they begin)."""
        parts = [_fts_phrase(p) for g in self.groups for p in g if not p.prefix]
        return " OR ".join(parts) or None

    def lone_phrase(self) -> tuple[str, ...] | None:
        """The words of the query's one exact phrase, folded as the ``body`` column is, when
        the query is that phrase alone (it is then ranked by ``search_bm25``)."""
        if self.excluded or len(self.groups) != 1 or len(self.groups[0]) != 1:
            return None
        phrase = self.groups[0][0]
        if not phrase.exact or phrase.prefix:
            return None
        return tuple(ix.body_fold(word) for word in phrase.words)

    def ranks_as_matched(self) -> bool:
        """Whether bm25 over the MATCH expression (``fts``) is bm25 over ``rank_fts`` for the
        texts it matches: true without prefixes. Both name the same phrases in the same order,
        and excluded phrases come after them: a text that matches holds none of those, so they
        add nothing to its score (only their document counts are walked)."""
        return not any(p.prefix for g in (*self.groups, self.excluded) for p in g)

    def fts(self, terms: PrefixTerms | None = None) -> str:
        """The FTS5 MATCH expression: every word quoted, columns named; a prefix found in
        ``terms`` is written as the words it begins."""
        terms = terms or {}
        positive = " AND ".join("(" + " OR ".join(_fts_phrase(p, terms) for p in group) + ")"
                                for group in self.groups)
        if not self.excluded:
            return positive
        excluded = " OR ".join(_fts_phrase(p, terms) for p in self.excluded)
        return f"({positive}) NOT ({excluded})"

    def prefixes(self) -> set[str]:
        """The one-word prefixes of the query, folded as the ``body`` column is."""
        return {ix.body_fold(p.words[0]) for g in (*self.groups, self.excluded) for p in g
                if p.prefix and len(p.words) == 1}


def parse_query(text: str) -> ParsedQuery:
    """Read a user's query (never fails on odd input; SearchQueryError if nothing to find)."""
    items: list[tuple[Phrase, bool] | None] = []  # (phrase, negated); None stands for OR
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        negated = ch == "-" and i + 1 < n and not text[i + 1].isspace()
        if negated:
            i += 1
        if text[i] == '"':
            close = text.find('"', i + 1)
            end = n if close < 0 else close
            raw, i = text[i + 1:end], end + 1
            prefix = i < n and text[i] == "*"
            exact = True
        else:
            j = i
            while j < n and not text[j].isspace() and text[j] != '"':
                j += 1
            raw, i = text[i:j], j
            if raw == "OR" and not negated:
                items.append(None)
                continue
            prefix, exact = raw.endswith("*"), False
        found = tuple(w.text for w in ix.words(raw))
        if found:
            items.append((Phrase(found, raw.strip().rstrip("*"), prefix, exact), negated))
    groups: list[list[Phrase]] = []
    excluded: list[Phrase] = []
    join_next = False
    for item in items:
        if item is None:
            join_next = bool(groups)
            continue
        phrase, negated = item
        if negated:
            excluded.append(phrase)
        elif join_next:
            groups[-1].append(phrase)
        else:
            groups.append([phrase])
        join_next = False
    count = sum(len(p.words) for g in groups for p in g) + sum(len(p.words) for p in excluded)
    if not groups:
        raise SearchQueryError(_("Type at least one word to look for."))
    if count > MAX_QUERY_WORDS:
        raise SearchQueryError(ngettext("The search is too long: use at most %(n)d word.",
                                        "The search is too long: use at most %(n)d words.",
                                        MAX_QUERY_WORDS) % {"n": MAX_QUERY_WORDS})
    return ParsedQuery(tuple(tuple(g) for g in groups), tuple(excluded))


def _quote(text: str, prefix: bool = False) -> str:
    return '"' + text.replace('"', '""') + '"' + (" *" if prefix else "")


PrefixTerms = dict[str, tuple[str, ...]]
"""A one-word prefix (folded) → the words of the ``body`` column it begins."""


def _fts_phrase(phrase: Phrase, terms: PrefixTerms | None = None) -> str:
    """One phrase as FTS5 syntax; every string quoted. A prefix (``word*``) looks in the text
    as written only, as the words it begins when ``terms`` has them."""
    if phrase.prefix and len(phrase.words) == 1 and terms:
        words = terms.get(ix.body_fold(phrase.words[0]))
        if words:
            return f"body : ({' OR '.join(_quote(w) for w in words)})"
    body_words = ix.body_column(" ".join(phrase.words))
    body = f"body : {_quote(body_words, phrase.prefix)}"
    if phrase.exact:
        return body
    if len(phrase.words) == 1:
        word = phrase.words[0]
        if phrase.prefix:
            return body
        alternatives = [_quote(r) for r in sorted(ix.query_roots(word))]
        return f"({body} OR root : ({' OR '.join(alternatives)}))"
    readings = {" ".join(ix.root(w, lang) for w in phrase.words) for lang in ("", "kk")}
    roots = " OR ".join(_quote(r, phrase.prefix) for r in sorted(readings))
    return f"({body} OR root : ({roots}))"


# -- filters as SQL --------------------------------------------------------------------------
def _values(name: str, values: Sequence[str], params: list[Any]) -> str:
    params.extend(values)
    return f"{name}(v) AS (VALUES {', '.join('(?)' for _item in values)})"


def _case_set(cases: Sequence[str], params: list[Any]) -> str:
    own = " UNION ALL ".join(f"SELECT id FROM {t} WHERE +deleted = 0 AND case_id IN cs"
                             for t in ("event", "allegation", "testimony", "intervention",
                                       "recommendation"))
    return (f"WITH {_values('cs', cases, params)}, "
            f"cr(id) AS (SELECT id FROM \"case\" WHERE id IN cs UNION ALL {own}) "
            "SELECT id FROM cr "
            "UNION ALL SELECT person_id FROM case_role WHERE +deleted = 0 AND case_id IN cs "
            "UNION ALL SELECT victim_id FROM allegation WHERE +deleted = 0 AND case_id IN cs "
            "UNION ALL SELECT interviewee_id FROM testimony WHERE +deleted = 0 AND case_id IN cs "
            "UNION ALL SELECT source_id FROM source_link WHERE +deleted = 0 "
            "AND entity_id IN (SELECT id FROM cr)")


def _allegation_set(condition: str, ctes: list[str], extra: str = "") -> str:
    ctes = [*ctes, "al(id, case_id, victim_id, event_id) AS (SELECT id, case_id, victim_id, "
                   f"event_id FROM allegation WHERE +deleted = 0 AND {condition})"]
    return (f"WITH RECURSIVE {', '.join(ctes)} "
            "SELECT id FROM al UNION ALL SELECT case_id FROM al "
            "UNION ALL SELECT event_id FROM al WHERE event_id IS NOT NULL "
            "UNION ALL SELECT victim_id FROM al WHERE victim_id IS NOT NULL "
            "UNION ALL SELECT t.id FROM testimony t JOIN al ON t.case_id = al.case_id "
            "AND t.interviewee_id = al.victim_id WHERE +t.deleted = 0" + extra)


def _list_set(column: str, codes: Sequence[str], params: list[Any]) -> str:
    cte = _values("codes", codes, params)
    return _allegation_set(f"EXISTS (SELECT 1 FROM json_each(allegation.{column}) j "
                           "WHERE j.value IN codes)", [cte])


def _organisation_set(ids: Sequence[str], params: list[Any]) -> str:
    ctes = [_values("os", ids, params),
            "ot(id) AS (SELECT id FROM organisation WHERE id IN os UNION SELECT o.id FROM "
            "organisation o JOIN ot ON o.parent_id = ot.id WHERE +o.deleted = 0)"]
    return _allegation_set(
        "id IN (SELECT allegation_id FROM perpetrator WHERE +deleted = 0 "
        "AND organisation_id IN ot)", ctes,
        " UNION ALL SELECT id FROM ot UNION ALL SELECT person_id FROM perpetrator "
        "WHERE +deleted = 0 AND organisation_id IN ot AND person_id IS NOT NULL")


def _place_set(ids: Sequence[str], params: list[Any]) -> str:
    return (f"WITH RECURSIVE {_values('ps', ids, params)}, "
            "pt(id) AS (SELECT id FROM place WHERE id IN ps UNION SELECT p.id FROM place p "
            "JOIN pt ON p.parent_id = pt.id WHERE +p.deleted = 0), "
            "ev(id, case_id) AS (SELECT id, case_id FROM event WHERE +deleted = 0 "
            "AND place_id IN pt), "
            "al(id, case_id, person) AS (SELECT id, case_id, victim_id FROM allegation "
            "WHERE +deleted = 0 AND (place_id IN pt OR event_id IN (SELECT id FROM ev))), "
            "te(id, case_id, person) AS (SELECT id, case_id, interviewee_id FROM testimony "
            "WHERE +deleted = 0 AND place_id IN pt) "
            "SELECT id FROM pt UNION ALL SELECT id FROM ev UNION ALL SELECT case_id FROM ev "
            "UNION ALL SELECT id FROM al UNION ALL SELECT case_id FROM al "
            "UNION ALL SELECT person FROM al WHERE person IS NOT NULL "
            "UNION ALL SELECT id FROM te UNION ALL SELECT case_id FROM te "
            "UNION ALL SELECT person FROM te WHERE person IS NOT NULL")


def _role_set(roles: Sequence[str], cases: Sequence[str], params: list[Any]) -> str:
    ctes = [_values("rs", roles, params)]
    in_case = ""
    if cases:
        ctes.append(_values("cs", cases, params))
        in_case = " AND case_id IN cs"
    ctes.append("r(person_id, case_id) AS (SELECT person_id, case_id FROM case_role "
                f"WHERE +deleted = 0 AND role IN rs{in_case})")
    return (f"WITH {', '.join(ctes)} SELECT person_id FROM r "
            "UNION ALL SELECT t.id FROM testimony t JOIN r ON r.person_id = t.interviewee_id "
            "AND r.case_id = t.case_id WHERE +t.deleted = 0")


def filter_sql(filters: SearchFilters, hit_kind: str, subject_kind: str, subject_id: str,
               lang: str | None) -> tuple[str, list[Any]]:
    """A boolean SQL expression over the given columns; "1" when nothing is filtered.

    ``lang`` is the column of the text's language, or None where there is no text (a name
    match: a language filter then keeps nothing).
    """
    conditions: list[str] = []
    params: list[Any] = []
    if filters.kinds:
        marks = ", ".join("?" for _item in filters.kinds)
        conditions.append(f"({hit_kind} IN ({marks}) OR {subject_kind} IN ({marks}))")
        params += [*filters.kinds, *filters.kinds]
    if filters.languages:
        if lang is None:
            return "0", []
        conditions.append(f"{lang} IN ({', '.join('?' for _item in filters.languages)})")
        params += filters.languages
    span = filters.date_range()
    if span:
        conditions.append(f"EXISTS (SELECT 1 FROM search_date sd WHERE sd.id = {subject_id} "
                          "AND sd.lo <= ? AND sd.hi >= ?)")
        params += [span[1], span[0]]
    sets: list[str] = []
    if filters.case_ids:
        sets.append(_case_set(filters.case_ids, params))
    if filters.methods:
        sets.append(_list_set("methods", filters.methods, params))
    if filters.articles:
        sets.append(_list_set("articles", filters.articles, params))
    if filters.organisation_ids:
        sets.append(_organisation_set(filters.organisation_ids, params))
    if filters.place_ids:
        sets.append(_place_set(filters.place_ids, params))
    if filters.roles:
        sets.append(_role_set(filters.roles, filters.case_ids, params))
    conditions += [f"{subject_id} IN ({s})" for s in sets]
    return (" AND ".join(conditions) or "1"), params


# -- snippets --------------------------------------------------------------------------------
class _Folds(dict[str, str]):
    """Words of one search's texts, folded as the ``body`` column is, each once."""

    def __missing__(self, word: str) -> str:
        folded = self[word] = ix.body_fold(word)
        return folded


class Highlighter:
    """Finds the spans of a text that a query's phrases match, in the exact form or through the
    aligned ``root`` tokens: what FTS5's ``highlight()`` would mark, computed here from the
    stored columns so that no second full-text lookup is needed. The query's forms are worked
    out once; each text is then split once, folded whole when it can be (``body_fold_text``),
    and searched with ``list.index`` (C speed); offsets are worked out for the matches only.
    One per search: it remembers the words it folded one by one until it is dropped."""

    def __init__(self, parsed: ParsedQuery) -> None:
        patterns: list[tuple[bool, tuple[str, ...], bool]] = []  # (in root, forms, prefix)
        for group in parsed.groups:
            for phrase in group:
                patterns.append((False, tuple(ix.body_fold(w) for w in phrase.words),
                                 phrase.prefix))
                if phrase.exact:
                    continue
                if len(phrase.words) == 1:
                    if not phrase.prefix:
                        patterns += [(True, (r,), False) for r in ix.query_roots(phrase.words[0])]
                else:
                    patterns += [(True, tuple(ix.root(w, lang) for w in phrase.words),
                                  phrase.prefix) for lang in ("", "kk")]
        self.patterns = list(dict.fromkeys(patterns))
        self._folded = _Folds()

    def spans(self, body: str, root: str) -> list[tuple[int, int]]:
        """Spans of ``body`` (the ``body`` column of a text) matched by the query."""
        folded = ix.body_fold_text(body)  # same offsets: its words are the text's, folded
        parts = ix.split_words(body if folded is None else folded)
        words = parts[1::2]
        ends = list(accumulate(map(len, parts)))  # word i spans ends[2i] to ends[2i + 1]
        columns = {False: words if folded is not None
                   else list(map(self._folded.__getitem__, words)),
                   True: root.split(" ")[:len(words)] if root else []}
        return [(ends[2 * i], ends[2 * (i + len(forms)) - 1])
                for in_root, forms, prefix in self.patterns
                for i in ix.phrase_starts(columns[in_root], forms, prefix)]


def _merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def snippet(text: str, spans: list[tuple[int, int]], width: int = SNIPPET_CHARS
            ) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The part of ``text`` (about ``width`` characters, cut at word ends) with the most
    highlighted spans, and those spans relative to it."""
    spans = _merge(spans)
    text = " ".join(text.split("\n"))
    if len(text) <= width:
        return text, tuple(spans)
    best, best_count = 0, -1
    for i, (a, _b) in enumerate(spans):
        count = sum(1 for x, y in spans[i:] if y <= a + width)
        if count > best_count:
            best, best_count = i, count
    anchor = spans[best][0] if spans else 0
    start = max(0, anchor - width // 4)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < anchor else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    lead = "…" if start else ""
    part = lead + text[start:end].strip() + ("…" if end < len(text) else "")
    shift = len(lead) - start - (len(text[start:end]) - len(text[start:end].lstrip()))
    inside = tuple((a + shift, b + shift) for a, b in spans if a >= start and b <= end)
    return part, inside


# -- the service -----------------------------------------------------------------------------
@dataclass
class _Found:
    kind: str
    id: str
    score: float
    match: str
    docid: int = 0
    field: str = ""
    language: str = ""
    snippet: str = ""
    highlights: tuple[tuple[int, int], ...] = ()


class SearchService:
    """Find records by their texts and persons by their names (see the module docstring)."""

    def __init__(self, services: Services) -> None:
        self.services = services

    # -- index upkeep -------------------------------------------------------------------------
    def index_is_current(self) -> bool:
        """Whether the index was built by this version's analysis."""
        with self.services.vault.reading() as session:
            return ix.index_version(session) == ix.INDEX_VERSION

    def rebuild_index(self) -> int:
        """Rebuild the whole index in one transaction; returns the number of texts indexed."""
        with self.services.vault.writing() as session:
            return ix.rebuild(session)

    def ensure_index(self) -> None:
        """Rebuild the index if it is missing or was built by an older analysis."""
        if not self.index_is_current():
            self.rebuild_index()

    @contextmanager
    def _reading(self) -> Iterator[Session]:
        """A read transaction on a current index (rebuilt first when it is not)."""
        with self.services.vault.reading() as session:
            keep_temp_tables(db_cursor(session))
            if ix.index_version(session) == ix.INDEX_VERSION:
                yield session
                return
        self.rebuild_index()
        with self.services.vault.reading() as session:
            keep_temp_tables(db_cursor(session))
            yield session

    # -- searching ----------------------------------------------------------------------------
    def search(self, query: str, limit: int = 50,
               filters: SearchFilters | None = None) -> list[SearchHit]:
        """Records matching ``query`` and ``filters``: name matches first, then texts by bm25."""
        filters = filters or SearchFilters()
        filters.validate()
        parsed = parse_query(query)
        limit = max(0, limit)
        with self._reading() as session:
            cur = db_cursor(session)
            found: dict[tuple[str, str], _Found] = {}
            name = parsed.name_text()
            if name and (not filters.kinds or "person" in filters.kinds):
                for hit in self._names(cur, name, filters, limit):
                    found[(hit.kind, hit.id)] = hit
            for hit in self._texts(cur, parsed, filters, limit):
                found.setdefault((hit.kind, hit.id), hit)
            ranked = list(found.values())[:limit]
            return self._hits(session, ranked)

    def search_persons(self, name: str, limit: int = 20,
                       filters: SearchFilters | None = None) -> list[SearchHit]:
        """Persons by name only (for pickers and duplicate checks), best first."""
        filters = filters or SearchFilters()
        filters.validate()
        if not token_skeletons(name):
            return []
        with self._reading() as session:
            return self._hits(session, self._names(db_cursor(session), name, filters, limit))

    def _names(self, cur: Any, name: str, filters: SearchFilters, limit: int) -> list[_Found]:
        """The persons named like ``name`` that ``filters`` allow, best first: the best
        ``limit`` are checked against the filters first, the next only if some were not
        allowed."""
        scored = score_names(cur, name, enough=limit)
        ranked = sorted(scored.items(), key=lambda item: (-item[1][0], -item[1][1], item[1][2],
                                                          item[0]))
        condition, params = filter_sql(filters, "'person'", "'person'", "p.id", None)
        step = limit if limit > 0 else max(1, len(ranked))
        hits: list[_Found] = []
        for start in range(0, len(ranked), step):
            chunk = ranked[start:start + step]
            marks = ", ".join("?" for _item in chunk)
            allowed = {row[0] for row in cur.execute(
                f"SELECT p.id FROM person p WHERE +p.deleted = 0 AND p.id IN ({marks}) "
                f"AND {condition}", (*(person_id for person_id, _found in chunk), *params))}
            hits += [_Found("person", person_id, coverage, "name", field=ix.NAME_FIELD,
                            snippet=text, highlights=((0, len(text)),))
                     for person_id, (coverage, similarity, text) in chunk
                     if person_id in allowed]
            if 0 < limit <= len(hits):
                break
        return hits[:limit]

    def _texts(self, cur: Any, parsed: ParsedQuery, filters: SearchFilters,
               limit: int) -> list[_Found]:
        condition, params = filter_sql(filters, "d.hit_kind", "d.subject_kind", "d.subject_id",
                                       "d.lang")
        rows = _best_texts(cur, parsed, condition, params, limit, *_driver(filters))
        if not rows:
            return []
        marks = ", ".join("?" for _item in rows)
        contents = {row[0]: (row[1], row[2]) for row in cur.execute(
            f"SELECT id, c0, c1 FROM search_fts_content WHERE id IN ({marks})",
            tuple(row[2] for row in rows))}
        highlighter = Highlighter(parsed)
        hits = []
        for kind, record_id, docid, field_name, lang, score in rows:
            body, root = contents.get(docid, ("", ""))
            part, highlights = snippet(body, highlighter.spans(body, root))
            hits.append(_Found(kind, record_id, -score, "text", docid, field_name, lang, part,
                               highlights))
        return hits

    def _hits(self, session: Session, found: list[_Found]) -> list[SearchHit]:
        labels = _labels(session, [(f.kind, f.id) for f in found])
        return [SearchHit(f.kind, f.id, labels.get((f.kind, f.id), f.id), f.snippet, f.score,
                          f.highlights, f.field, f.language, f.match) for f in found]


RANK = f"bm25({BODY_WEIGHT}, {ROOT_WEIGHT})"
RANK_WINDOW = 250
SELECTIVE_TEXTS = 10000
"""A filter passing at most this many texts drives the search (see ``_best_texts``)."""


def _driver(filters: SearchFilters) -> tuple[str | None, list[Any]]:
    """Where the texts passing ``filters`` are best read from when they may be few (a FROM
    clause and its parameters): the subjects of a set filter (a case, a place …) through
    ``search_doc (subject_id)``, or the subjects dated in the range; None when only kinds or
    languages are filtered: they pass too many texts to be read first.

    A range is read first whatever its length: the set is kept for the next searches (see
    ``_allowed``), and when it passes more than ``SELECTIVE_TEXTS`` texts that count is kept,
    so it is read once per filter and vault state either way. Checked per match instead, a word
    that passes rarely (a Kazakh word under the Russian-language filter) walks every match and
    looks up each one's text and date: 40–110 ms against 20–50 once the set is read (the
    benchmark's year and a half: 7,500 texts, read in 0.4 s with cold pages)."""
    if (filters.case_ids or filters.methods or filters.articles or filters.organisation_ids
            or filters.place_ids or filters.roles):
        return "search_doc d", []
    span = filters.date_range()
    if span:
        return ("search_date r CROSS JOIN search_doc d ON d.subject_id = r.id "
                "AND r.lo <= ? AND r.hi >= ?", [span[1], span[0]])
    return None, []


_ALLOWED = "temp.search_allowed"
"""The docids passing the last driving filter of the connection (see ``_allowed``)."""
_ALLOWED_FOR = "temp.search_allowed_for"
"""One row: what ``_ALLOWED`` holds (the filter, the vault's state when it was read, the
count)."""

TEMP_TABLES = {
    "search_vocab": "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocab "
                    "USING fts5vocab(main, search_fts, 'col')",
    "search_allowed": f"CREATE TABLE IF NOT EXISTS {_ALLOWED} (docid INTEGER PRIMARY KEY)",
    "search_allowed_for": f"CREATE TABLE IF NOT EXISTS {_ALLOWED_FOR} (id INTEGER PRIMARY KEY "
                          "CHECK (id = 1), filter TEXT, version INTEGER, changes INTEGER, "
                          "count INTEGER)",
}
"""Search's tables in the connection's in-memory temp schema: a view of the index's words
(``prefix_terms``; it stores nothing), ``_ALLOWED`` and ``_ALLOWED_FOR``. Nothing of them is
written to disk."""


def create_temp_tables(cur: Any) -> None:
    """Create the ``TEMP_TABLES`` that the connection lacks."""
    for sql in TEMP_TABLES.values():
        cur.execute(sql)


def keep_temp_tables(cur: Any) -> None:
    """Create the ``TEMP_TABLES`` once per connection, outside a transaction: call this at the
    start of a read, before it reads anything (the read transaction just begun is committed,
    the tables are made, and a new one begins). Made inside the read, they would go with its
    rollback, and a rolled-back schema change makes SQLite read the whole schema again at the
    connection's next statement: 10 ms added to the next search."""
    names = {row[0] for row in cur.execute("SELECT name FROM temp.sqlite_master")}
    if names >= TEMP_TABLES.keys():
        return
    cur.execute("COMMIT")
    try:
        create_temp_tables(cur)
    finally:
        cur.execute("BEGIN")


_CURRENT = (f"SELECT count FROM {_ALLOWED_FOR} WHERE filter = ? AND changes = total_changes() "
            "AND version = (SELECT data_version FROM pragma_data_version)")
"""The count of ``_ALLOWED`` when it holds the texts passing a filter in the vault as it is
now: the filter is the same, no other connection committed since (``data_version``) and this
one changed nothing (``total_changes``)."""


def _allowed(cur: Any, driver: str, condition: str, params: Sequence[Any]) -> int | None:
    """How many texts pass ``condition`` (read from ``driver``), at most
    ``SELECTIVE_TEXTS + 1``, with their docids in ``_ALLOWED``; None when the vault changed
    while they were read (check each match then).

    The set is kept for the next searches of the connection with the same filter (a user
    types several queries under one filter) until anything is written to the vault: it is
    read in a transaction of its own, which is committed (a read's changes to temp tables go
    with its rollback), and a new read begins.
    """
    create_temp_tables(cur)
    key = json.dumps([driver, condition, list(params)])
    row = cur.execute(_CURRENT, (key,)).fetchone()
    if row is None:
        cur.execute("COMMIT")
        cur.execute("BEGIN")
        try:
            _fill_allowed(cur, driver, condition, params)
            cur.execute(f"INSERT OR REPLACE INTO {_ALLOWED_FOR} SELECT 1, ?, data_version, "
                        f"total_changes() + 1, (SELECT count(*) FROM {_ALLOWED}) "
                        "FROM pragma_data_version", (key,))
        finally:
            cur.execute("COMMIT")
            cur.execute("BEGIN")
        row = cur.execute(_CURRENT, (key,)).fetchone()
    return None if row is None else int(row[0])


def _fill_allowed(cur: Any, driver: str, condition: str, params: Sequence[Any]) -> None:
    """Put the docids passing ``condition`` (read from ``driver``) into ``_ALLOWED``, at most
    ``SELECTIVE_TEXTS + 1`` of them. FTS5 checks its matches against this integer key faster
    than against a ``json_each`` list, which SQLite first builds into an index of its own
    (about 3 µs a value: 20 ms for a range's 7,000 texts)."""
    cur.execute(f"DELETE FROM {_ALLOWED}")
    cur.execute(f"INSERT OR IGNORE INTO {_ALLOWED} SELECT d.docid FROM {driver} "
                f"WHERE {condition} LIMIT ?", (*params, SELECTIVE_TEXTS + 1))


def _best_texts(cur: Any, parsed: ParsedQuery, condition: str, params: list[Any], limit: int,
                driver: str | None = None, driver_params: Sequence[Any] = ()
                ) -> list[tuple[str, str, int, str, str, float]]:
    """The best-ranked text of each of the ``limit`` best records, best first:
    (kind, id, docid, field, language, bm25).

    The matching texts that pass the filters are taken newest first (FTS5 walks its rowids
    upwards, the newest texts have the lowest, see ``ix.NEWEST_DOCID``, and it stops early), at
    most ``RANK_WINDOW`` of them (or four times ``limit``), and only those are ranked with
    bm25: ranking every match of a common word costs time in proportion to the matches
    (seconds at 100,000 testimonies), this costs a bounded amount.
    A query matching more texts than the window ranks the most recently written ones; more
    words or filters reach older ones. Without prefixes and exclusions bm25 is read in the walk
    that finds the window (``_window``), else by a second query over the window's rows; a
    query of one exact phrase is ranked here instead (``search_bm25``).

    A filter read from its ``driver`` (see ``_driver``) that passes at most
    ``SELECTIVE_TEXTS`` texts (one case, a date range of a few years) is evaluated first (into
    ``_ALLOWED``, kept for the next searches: see ``_allowed``) and the matches between its
    first and last text are checked against its texts; a broad one (a kind, a language, a range
    passing more texts) is checked on each match, which finds a window's worth of passing
    matches early.
    """
    window = max(RANK_WINDOW, 4 * limit)
    allowed = _allowed(cur, driver, condition, (*driver_params, *params)) if driver else None
    driving = allowed is not None and allowed <= SELECTIVE_TEXTS
    if driving and not allowed:
        return []
    rank_fts = parsed.rank_fts()
    lone = parsed.lone_phrase()
    inline = lone is None and rank_fts is not None and parsed.ranks_as_matched()
    rows = _window(cur, parsed.fts(prefix_terms(cur, parsed)), inline, window, condition, params,
                   driving)
    if not rows:
        return []
    if inline:
        scores = dict(rows)
    elif lone is not None:
        scores = bm25.phrase_bm25(cur, lone, BODY_WEIGHT, [row[0] for row in rows])
    else:
        scores = _window_scores(cur, rank_fts, sorted(row[0] for row in rows))
    return _best_of_records(cur, scores, limit)


def _best_of_records(cur: Any, scores: dict[int, float], limit: int
                     ) -> list[tuple[str, str, int, str, str, float]]:
    """The best text of each of the ``limit`` best records among the scored texts (best first:
    lowest bm25, then newest). Their records are read best first, ``2 * limit`` at a time,
    until ``limit`` records are found (a record's other texts rank near it)."""
    ranked = sorted(scores, key=lambda docid: (scores[docid], docid))
    best: dict[tuple[str, str], tuple[str, str, int, str, str, float]] = {}
    step = 2 * max(limit, 1)
    for start in range(0, len(ranked), step):
        chunk = ranked[start:start + step]
        docs = {row[0]: row[1:] for row in cur.execute(
            "SELECT docid, hit_kind, hit_id, field, lang FROM search_doc WHERE docid IN "
            f"({', '.join('?' for _item in chunk)})", chunk)}
        for docid in chunk:
            if docid in docs:
                kind, record_id, field_name, lang = docs[docid]
                best.setdefault((kind, record_id), (kind, record_id, docid, field_name, lang,
                                                    scores[docid]))
        if len(best) >= limit:
            break
    return list(best.values())[:limit]


def _window_scores(cur: Any, rank_fts: str | None, wanted: list[int]) -> dict[int, float]:
    """bm25 over ``rank_fts`` of the ``wanted`` docids (ascending); 0 for those it does not
    match (texts found by a prefix only rank last). "+rowid" keeps FTS5 from looking each row
    up: the walk is bounded by their span and bm25 runs for those rows only."""
    scores = dict.fromkeys(wanted, 0.0)
    if rank_fts:
        scores.update(cur.execute(
            "SELECT rowid, rank FROM search_fts WHERE search_fts MATCH ? AND rank MATCH ? "
            "AND rowid BETWEEN ? AND ? AND +rowid IN (SELECT value FROM json_each(?))",
            (rank_fts, RANK, wanted[0], wanted[-1], json.dumps(wanted))).fetchall())
    return scores


def _window(cur: Any, fts: str, ranked: bool, window: int, condition: str,
            params: Sequence[Any], driving: bool) -> list[tuple[Any, ...]]:
    """The newest ``window`` texts matching ``fts`` and passing ``condition`` (see
    ``_best_texts``; ``driving``: the texts passing it are in ``_ALLOWED``), newest first:
    (docid,), or (docid, bm25) when ``ranked`` (bm25 is then read in the same walk, for the
    rows returned only)."""
    columns, match = "f.rowid", "search_fts MATCH ?"
    head: tuple[str, ...] = (fts,)
    if ranked:
        columns, match, head = f"{columns}, f.rank", f"{match} AND f.rank MATCH ?", (fts, RANK)
    newest = " ORDER BY f.rowid LIMIT ?"  # the newest texts have the lowest numbers
    if condition == "1":
        return cur.execute(f"SELECT {columns} FROM search_fts f WHERE {match}{newest}",
                           (*head, window)).fetchall()
    if driving:
        span = cur.execute(f"SELECT min(docid), max(docid) FROM {_ALLOWED}").fetchone()
        return cur.execute(f"SELECT {columns} FROM search_fts f WHERE {match} "
                           f"AND f.rowid BETWEEN ? AND ? AND +f.rowid IN {_ALLOWED}{newest}",
                           (*head, *span, window)).fetchall()
    return cur.execute(f"SELECT {columns} FROM search_fts f JOIN search_doc d "
                       f"ON d.docid = f.rowid WHERE {match} AND {condition}{newest}",
                       (*head, *params, window)).fetchall()


PREFIX_TERMS = 300
"""A prefix beginning at most this many words is searched as those words (see
``prefix_terms``)."""
_PLAIN_PREFIX = re.compile("[0-9a-z\u0430-\u04ff]+")


def prefix_terms(cur: Any, parsed: ParsedQuery) -> PrefixTerms:
    """The words of the ``body`` column that each one-word prefix of ``parsed`` begins, for
    the prefixes that begin at most ``PREFIX_TERMS`` of them.

    FTS5 answers ``word *`` by merging the whole doclists of every word it begins before it
    returns a row (nearly a second for a common Russian beginning at 100,000 testimonies); an
    OR of those words is walked lazily, newest first, and stops at the window (opening each
    word costs about 0.5 ms, hence the bound: beyond it the merge is cheaper). The words are
    read from an ``fts5vocab`` view of the index (in the connection's in-memory temp schema:
    it stores nothing). Only prefixes of ASCII and Cyrillic letters and digits, which the
    tokenizer only lower-cases as ``ix.body_fold`` does, are expanded; others, and prefixes
    beginning too many words, are left to FTS5.
    """
    wanted = [p for p in sorted(parsed.prefixes()) if _PLAIN_PREFIX.fullmatch(p)]
    if not wanted:
        return {}
    create_temp_tables(cur)
    found: PrefixTerms = {}
    for start in wanted:
        words = [row[0] for row in cur.execute(
            "SELECT term FROM temp.search_vocab WHERE term >= ? AND term < ? AND col = 'body' "
            "LIMIT ?", (start, start + "\U0010ffff", PREFIX_TERMS + 1))]
        if 0 < len(words) <= PREFIX_TERMS:
            found[start] = tuple(words)
    return found


def db_cursor(session: Session) -> Any:
    """A DB-API cursor on the session's connection (inside its transaction)."""
    return session.connection().connection.driver_connection.cursor()  # type: ignore[union-attr]


def primary_names(session: Session, person_ids: Iterable[str]) -> dict[str, str]:
    """Each person's primary name (else the first recorded), as ``display.person_name``."""
    ids = list(dict.fromkeys(person_ids))
    names: dict[str, str] = {}
    primaries: set[str] = set()
    cur = db_cursor(session)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        rows = cur.execute(
            "SELECT person_id, text, kind FROM person_name WHERE person_id IN "
            f"({', '.join('?' for _item in chunk)}) AND +deleted = 0 ORDER BY created_at, id",
            chunk).fetchall()
        for person_id, text, kind in rows:
            if person_id not in names or (kind == "primary" and person_id not in primaries):
                names[person_id] = text
            if kind == "primary":
                primaries.add(person_id)
    return names


def _labels(session: Session, keys: list[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """The label of each record (``display.label_of``; a person's primary name), read from the
    label's columns only."""
    labels: dict[tuple[str, str], str] = {}
    persons = [record_id for kind, record_id in keys if kind == "person"]
    for person_id, text in primary_names(session, persons).items():
        labels[("person", person_id)] = text
    for person_id in persons:
        labels.setdefault(("person", person_id), _("(unnamed)"))
    by_kind: dict[str, list[str]] = {}
    for kind, record_id in keys:
        if kind != "person":
            by_kind.setdefault(kind, []).append(record_id)
    for kind, ids in by_kind.items():
        model = RECORD_KINDS[kind]
        fields = [field for field in LABEL_FIELDS if field in model.model_fields]
        query = select(model.id, *(getattr(model, field) for field in fields))
        for record_id, *values in session.exec(query.where(col(model.id).in_(ids))):
            labels[(kind, record_id)] = label_of(record_id, dict(zip(fields, values)))
    return labels
