"""The search index of a vault: full text (FTS5) and cross-script name keys, kept in step.

Tables (made by migration 0003 with raw SQL; derived data, never exported or bundled):

- ``search_doc``: one row per indexed text: a field of a record in one language. It names the
  record that wrote the text (``source_id``), the record a search returns (``hit_kind/hit_id``:
  a person for a name variant) and the record filters look at (``subject_kind/subject_id``: the
  original for a translation, the owner for an attachment, else the record itself).
- ``search_fts``: an FTS5 table with the same rowids and two columns (below).
- ``search_date``: the first and last possible day of each dated record (ISO text), for date
  filters; undated records have no row.
- ``search_name`` / ``search_name_key``: every live name variant and its lookup keys.

**Two columns per text.** ``body`` is the text itself (Ё read as Е), tokenised by FTS5's
``unicode61`` with ``remove_diacritics 2``: case-insensitive in every script, Latin diacritics
ignored (é = e, ş = s), Kazakh letters kept as letters of their own (Қ = қ, but қ ≠ к: they
are different letters, and unicode61 does not fold them). It serves exact words, phrases and
the highlighted snippets. ``root`` holds one token per word of the text, computed here in
Python, in the same order (so a match in ``root`` can be highlighted in the text):

- Russian words (Cyrillic, in a text not marked Kazakh): the Snowball Russian stem, then a
  light derivational reduction so that verbal nouns, participles and past forms meet
  (избили, избит, избиение, избивали → ``изб``; задержан, задержание → ``задерж``; пытки,
  пыток, пытали → ``пыт``). It conflates more than a dictionary would (a rare unrelated word
  may meet), which suits a search where a missed testimony costs more than an extra hit;
  matches of the exact form rank higher.
- Kazakh words (in a Kazakh text, or with a letter only Kazakh, Uzbek, Kyrgyz or Tajik use):
  Kazakh is agglutinative and Snowball has no Kazakh stemmer, so a light stemmer here takes
  off endings of plural, possessive, case and common verb forms (қамауға, қамауда, қамау →
  ``кама``), then writes Kazakh letters as their Russian look-alikes (Ә→А, Ғ→Г, Қ→К, Ң→Н, Ө→О,
  Ұ Ү→У, Һ→Х, І→И). The folding makes a query typed without a Kazakh keyboard (Казак) find
  қазақ, ranked below the exact spelling. Kazakh in Latin letters (2021) is folded likewise
  (ä→a, ğ→g, q→k …), unstemmed. (Matching Kazakh endings by prefix queries was tried and
  dropped: FTS5 merges every word a prefix begins before it returns anything, seconds for
  common beginnings at 100,000 testimonies.)
- English (and other Latin-script) words: the Snowball English stem of the word without
  diacritics. Digits are kept. Letters of other scripts are written as ``x<hex>`` so that every
  word is exactly one FTS5 token whatever Unicode version SQLite knows.

**In step.** :func:`on_change` is a change hook (``Services.hooks``): it runs inside the write
transaction of every create, update, delete, import and merge, so a change and its index entries
are stored together or not at all, and a deleted record leaves the index. A version number in
the ``setting`` table says which analysis built the index; when it is missing or older (a vault
migrated from before the index, or a newer analysis), the search service rebuilds the index
before its first search. No cache of words or names outlives a call (memos are per call).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import snowballstemmer
from sqlalchemy import TextualSelect, column, text as sql_text
from sqlmodel import Session, col, select

from hrcase.domain.base import Entity
from hrcase.domain.dates import PartialDate
from hrcase.domain.models import RECORD_KINDS, PersonName
from hrcase.domain.names import name_keys
from hrcase.errors import ValidationError

INDEX_VERSION = 2
"""Raised whenever the analysis below or the numbering of texts changes: the index is then
rebuilt before use (2: texts numbered newest lowest)."""

NEWEST_DOCID = 1 << 40
"""Texts are numbered downwards from here: each new text gets a number below every other, so
that FTS5, which walks a term's texts fastest in ascending order (20–40 % faster than
backwards), meets the newest first. A vault would need a trillion writes to reach zero, and
below zero the numbers go on (rowids are signed)."""

VERSION_SETTING = "search.index_version"

INDEX_TABLES = ("search_doc", "search_fts", "search_date", "search_name", "search_name_key")

Memo = dict[tuple[str, str], str]
"""Word analyses of one call (a rebuild, one record): never kept after it."""


# -- text analysis ---------------------------------------------------------------------------
_COMBINING = "\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
WORD = re.compile(rf"[{_COMBINING}]*[^\W_](?:[^\W_]|[{_COMBINING}])*")
"""A word: a run of letters, digits and combining marks."""
_YO = str.maketrans({"ё": "е", "Ё": "Е"})

_KAZAKH_LETTERS = frozenset("әғқңөұүһіўҳҷӣӯ")
_LOOSE_CYRILLIC = str.maketrans({
    "ё": "е", "ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у", "һ": "х",
    "і": "и", "ў": "у", "ҳ": "х", "ҷ": "ж", "ӣ": "и", "ӯ": "у", "є": "е", "ї": "и", "ґ": "г",
})
_LATIN_SPECIAL = {"ı": "i", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "đ": "d", "ł": "l",
                  "ə": "a", "þ": "th", "ŋ": "n"}
_RU_DERIVATIONAL = ("ени", "ани", "ива", "ыва", "ен", "ан", "ит", "ыт", "ят", "ат", "ва")
_RU_VOWELS = frozenset("аеиоуыэюяь")

_RU = snowballstemmer.stemmer("russian")
_EN = snowballstemmer.stemmer("english")


@dataclass(frozen=True)
class Word:
    """One word of a text: where it is and what it says."""

    start: int
    end: int
    text: str


def words(text: str) -> list[Word]:
    """The words of ``text`` (runs of letters, digits and combining marks), with offsets."""
    return [Word(m.start(), m.end(), m.group()) for m in WORD.finditer(text)]


_WORD_SPLIT = re.compile(f"({WORD.pattern})")
_PLAIN_WORD_SPLIT = re.compile(r"([^\W_]+)")
_COMBINING_MARK = re.compile(f"[{_COMBINING}]")


def split_words(text: str) -> list[str]:
    """``text`` as separators and words in turn (the words are the odd items), words as
    ``WORD`` reads them. A text without combining marks is split by the simpler pattern that
    then reads the same words, in half the time."""
    pattern = _WORD_SPLIT if _COMBINING_MARK.search(text) else _PLAIN_WORD_SPLIT
    return pattern.split(text)


def _is_latin(ch: str) -> bool:
    """A Latin letter outside ASCII (Latin-1, Extended-A/B, Extended Additional)?"""
    return "\u00c0" <= ch <= "\u024f" or "\u1e00" <= ch <= "\u1eff"


def _script(word: str) -> str:
    for ch in word:
        if "\u0400" <= ch <= "\u04ff" or "\u0500" <= ch <= "\u052f":
            return "cyrl"
        if ch.isascii() and ch.isalpha() or _is_latin(ch):
            return "latn"
    return "other"


def _fold(word: str) -> str:
    return unicodedata.normalize("NFC", word).casefold()


_CYRILLIC_LETTERS = re.compile("[\u0400-\u0482\u048a-\u052f]*")


def _latin_plain(word: str) -> str:
    """Latin letters without diacritics (other letters unchanged)."""
    if word.isascii() or _CYRILLIC_LETTERS.fullmatch(word):  # nothing to change
        return word
    out = []
    for ch in word:
        if ch in _LATIN_SPECIAL:
            out.append(_LATIN_SPECIAL[ch])
        elif _is_latin(ch):
            out.append(unicodedata.normalize("NFD", ch)[0])
        elif not unicodedata.combining(ch):
            out.append(ch)
    return "".join(out)


def kazakh_form(word: str) -> str:
    """A word with Kazakh letters as Russian (or plain Latin) look-alikes, lower case."""
    folded = _fold(word).translate(_LOOSE_CYRILLIC)
    if _script(folded) == "latn":
        folded = _latin_plain(folded).replace("q", "k")
    return "".join(ch for ch in folded if not unicodedata.combining(ch))


_KK_SUFFIXES = tuple(sorted({
    "лар", "лер", "дар", "дер", "тар", "тер",  # plural
    "ымыз", "іміз", "мыз", "міз", "ыңыз", "іңіз", "ңыз", "ңіз", "ым", "ім", "ың", "ің", "сы",
    "сі", "ы", "і", "м", "ң",  # possessive
    "ның", "нің", "дың", "дің", "тың", "тің", "ға", "ге", "қа", "ке", "на", "не", "а", "е",
    "ны", "ні", "ды", "ді", "ты", "ті", "н", "да", "де", "та", "те", "нда", "нде", "дан",
    "ден", "тан", "тен", "нан", "нен", "мен", "бен", "пен", "менен", "ша", "ше",  # cases
    "ған", "ген", "қан", "кен", "атын", "етін", "йтын", "йтін", "ып", "іп", "п", "у", "ю",
    "ушы", "уші", "шы", "ші", "лық", "лік", "дық", "дік", "тық", "тік",  # verbs, derivation
}, key=len, reverse=True))
_KK_MIN_STEM = 4


def kazakh_stem(word: str) -> str:
    """A light Kazakh stemmer: endings of plural, possessive, case and common verb and noun
    forms are taken off (at most four, a stem keeps four letters), then Kazakh letters are
    folded (қамауға, қамауда, қамау → ``кама``; тергеушілер, тергеуші → ``терг``)."""
    stem = _fold(word)
    for _round in range(4):
        for suffix in _KK_SUFFIXES:
            if stem.endswith(suffix) and len(stem) - len(suffix) >= _KK_MIN_STEM:
                stem = stem[:-len(suffix)]
                break
        else:
            break
    return kazakh_form(stem)


def russian_root(word: str) -> str:
    """The Snowball Russian stem reduced further to a rough root (at least three letters)."""
    stem = _RU.stemWord(_fold(word).translate(_LOOSE_CYRILLIC))
    while True:
        for suffix in _RU_DERIVATIONAL:
            if stem.endswith(suffix) and len(stem) - len(suffix) >= (3 if suffix[-1] == "т" or
                                                                      suffix[0] == "и" else 4):
                stem = stem[:-len(suffix)]
                break
        else:
            if len(stem) > 3 and stem[-1] in _RU_VOWELS:
                stem = stem[:-1]
            elif len(stem) > 4 and stem[-2:] in ("ок", "ек"):  # fleeting vowel: пыток, пытк-
                stem = stem[:-2]
            elif len(stem) > 3 and stem[-1] == "к" and stem[-2] not in _RU_VOWELS:
                stem = stem[:-1]  # noun suffix -к-: пытка, пытали → пыт
            else:
                return stem


def english_stem(word: str) -> str:
    """The Snowball English stem of the word without diacritics."""
    return _EN.stemWord(_latin_plain(_fold(word)))


def _safe(token: str) -> str:
    """``token`` as exactly one unicode61 token: letters of rare scripts as ``x<hex>``."""
    out = []
    for ch in token:
        if ch.isascii() and ch.isalnum() or ("\u00c0" <= ch <= "\u024f"
                                             or "\u0370" <= ch <= "\u052f") and ch.isalpha():
            out.append(ch)
        elif ch.isalnum():
            out.append(f"x{ord(ch):x}")
    return "".join(out) or "x0"


def root(word: str, lang: str, memo: Memo | None = None) -> str:
    """The ``root`` column token of one word of a text in language ``lang`` ("" if unknown)."""
    key = (word, lang)
    if memo is not None and key in memo:
        return memo[key]
    script = _script(word)
    folded = _fold(word)
    if script == "cyrl":
        kazakh = lang in ("kk", "uz", "ky", "tg") or any(ch in _KAZAKH_LETTERS for ch in folded)
        value = kazakh_stem(folded) if kazakh else russian_root(folded)
    elif script == "latn":
        value = kazakh_form(folded) if lang == "kk" else english_stem(folded)
    else:
        value = folded
    value = _safe(value)
    if memo is not None:
        memo[key] = value
    return value


def root_column(text: str, lang: str, memo: Memo | None = None) -> str:
    """The ``root`` column of a text: one token per word, in order, separated by spaces."""
    return " ".join(root(word, lang, memo) for word in WORD.findall(text))


def body_column(text: str) -> str:
    """The ``body`` column: the text with Ё read as Е (same length, so offsets hold)."""
    return text.translate(_YO)


def body_fold(word: str) -> str:
    """A word as the ``body`` column's tokenizer reads it (for highlighting in Python)."""
    return _latin_plain(_fold(word)).translate(_YO)


_PLAIN_TEXT = re.compile("[\x00-\x7f\u0400-\u0482\u048a-\u04ff"
                         "\u00a0-\u00a9\u00ab-\u00b1\u00b4\u00b6-\u00b8\u00bb\u00bf"
                         "\u2010-\u2027\u2030-\u205e\u2116]*")
"""ASCII, Cyrillic, and the punctuation and symbols of typeset text (« » — – … “ ” № § ° ·):
they have no case and are not parts of words."""


def is_plain_text(text: str) -> bool:
    """Whether ``text`` has ASCII and Cyrillic characters and typeset punctuation only
    (``_PLAIN_TEXT``): their case folding is one letter for one, and there is nothing to
    compose or strip."""
    return _PLAIN_TEXT.fullmatch(text) is not None


def fold_plain_text(text: str) -> str:
    """A plain text (``is_plain_text``) with every word as ``body_fold`` reads it, at the same
    offsets (``lower`` is ``casefold`` for these characters, and faster)."""
    return text.lower().replace("ё", "е")


def body_fold_text(text: str) -> str | None:
    """``text`` folded by ``fold_plain_text`` when it is plain, else None (fold word by
    word)."""
    return fold_plain_text(text) if is_plain_text(text) else None


def phrase_starts(tokens: list[str], forms: tuple[str, ...], prefix: bool) -> list[int]:
    """Where ``forms`` occur in ``tokens`` in a row (the last one as a beginning: ``prefix``)."""
    n = len(forms)
    if prefix and n == 1:
        return [i for i, token in enumerate(tokens) if token.startswith(forms[0])]
    middle, last = list(forms[1:-1]), forms[-1]
    found: list[int] = []
    i = -1
    while True:
        try:
            i = tokens.index(forms[0], i + 1)
        except ValueError:
            return found
        if i + n <= len(tokens) and tokens[i + 1:i + n - 1] == middle and (
                tokens[i + n - 1].startswith(last) if prefix else tokens[i + n - 1] == last):
            found.append(i)


def query_roots(word: str) -> set[str]:
    """What a query word may be in the ``root`` column.

    The query's language is unknown, so every reading is tried: a Cyrillic word as Russian
    (root) and as Kazakh (stem); a Latin word as English (stem) and as Kazakh Latin.
    """
    script = _script(word)
    folded = _fold(word)
    if script == "cyrl":
        roots = {russian_root(folded), kazakh_stem(folded)}
    elif script == "latn":
        roots = {english_stem(folded), kazakh_form(folded)}
    else:
        roots = {folded}
    return {_safe(r) for r in roots}


# -- which texts a record has ----------------------------------------------------------------
_TEXT, _MULTI, _LIST = "text", "multi", "list"
INDEXED_FIELDS: dict[str, tuple[tuple[str, str], ...]] = {
    "case": (("title", _MULTI), ("summary", _MULTI), ("tags", _LIST)),
    "person": (("notes", _TEXT), ("occupation", _TEXT), ("pseudonym", _TEXT)),
    "organisation": (("name", _MULTI),),
    "place": (("name", _MULTI),),
    "event": (("title", _MULTI), ("description", _TEXT)),
    "allegation": (("description", _TEXT), ("medical_findings", _TEXT)),
    "testimony": (("title", _TEXT), ("text", _TEXT)),
    "translation": (("text", _TEXT),),
    "source": (("title", _TEXT), ("author", _TEXT), ("organisation", _TEXT), ("excerpt", _TEXT)),
    "intervention": (("body", _TEXT), ("reference", _TEXT), ("response", _TEXT)),
    "recommendation": (("text", _MULTI), ("addressee", _TEXT)),
    "attachment": (("filename", _TEXT), ("provenance", _TEXT)),
}
"""The fields of each kind whose text is searchable (person names have their own index too)."""

NAME_FIELD = "name"


@dataclass(frozen=True)
class Doc:
    """One indexed text."""

    field: str
    lang: str
    text: str


def documents(kind: str, record: Entity) -> list[Doc]:
    """The searchable texts of a record (not a person's names)."""
    own_lang = str(getattr(record, "language", "") or "")
    docs: list[Doc] = []
    for field, shape in INDEXED_FIELDS.get(kind, ()):
        value: Any = getattr(record, field, None)
        if shape == _MULTI and isinstance(value, dict):
            docs.extend(Doc(field, str(lang), text) for lang, text in value.items()
                        if isinstance(text, str) and text.strip())
        elif shape == _LIST and isinstance(value, list):
            text = " · ".join(str(v) for v in value if v)
            if text.strip():
                docs.append(Doc(field, "", text))
        elif isinstance(value, str) and value.strip():
            docs.append(Doc(field, own_lang, value))
    return docs


def subject_of(kind: str, record: Entity) -> tuple[str, str]:
    """The record whose links and dates filters look at for ``record``."""
    if kind == "translation":
        return record.target_kind, record.target_id  # type: ignore[attr-defined]
    if kind == "attachment" and record.owner_id:  # type: ignore[attr-defined]
        return record.owner_kind, record.owner_id  # type: ignore[attr-defined]
    return kind, record.id


def date_bounds(*texts: str) -> tuple[str, str] | None:
    """First and last possible day (ISO) of the partial dates ``texts`` taken as one span.

    Open or unknown ends are unbounded (0001-01-01, 9999-12-31); None when nothing is known.
    """
    dates = []
    for text in texts:
        if not text:
            continue
        try:
            date = PartialDate.parse(text)
        except ValidationError:
            continue
        if not date.is_unknown:
            dates.append(date)
    if not dates:
        return None
    first = dates[0].earliest or dt.date.min
    last = dates[-1].latest or dt.date.max
    return first.isoformat(), last.isoformat()


# -- writing the index -----------------------------------------------------------------------
class _Writer:
    """Index writes on the DB-API connection of the current transaction.

    Removals run at once; additions are buffered and written by :meth:`flush` with one
    ``executemany`` per table (row ids are assigned here), which keeps a rebuild fast.
    """

    def __init__(self, session: Session) -> None:
        self.cur = session.connection().connection.driver_connection.cursor()  # type: ignore[union-attr]
        self.memo: Memo = {}
        self.next_docid: int | None = None
        self.next_nid = 0
        self.docs: list[tuple[Any, ...]] = []
        self.texts: list[tuple[int, str, str]] = []
        self.names: list[tuple[int, str, str]] = []
        self.keys: list[tuple[str, int]] = []
        self.dates: dict[str, tuple[str, str]] = {}
        self.event_dates: dict[str, tuple[str, str] | None] | None = None

    def rows(self, sql: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        return self.cur.execute(sql, tuple(params)).fetchall()

    def flush(self) -> None:
        """Write the buffered additions."""
        if self.docs:
            self.cur.executemany(
                "INSERT INTO search_doc (docid, source_id, hit_kind, hit_id, subject_kind, "
                "subject_id, field, lang) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", self.docs)
            self.cur.executemany("INSERT INTO search_fts (rowid, body, root) VALUES (?, ?, ?)",
                                 self.texts)
        if self.names:
            self.cur.executemany("INSERT INTO search_name (nid, name_id, person_id) "
                                 "VALUES (?, ?, ?)", self.names)
            self.cur.executemany("INSERT OR IGNORE INTO search_name_key (key, nid) "
                                 "VALUES (?, ?)", self.keys)
        if self.dates:
            self.cur.executemany("INSERT OR REPLACE INTO search_date (id, lo, hi) "
                                 "VALUES (?, ?, ?)",
                                 [(record_id, *span) for record_id, span in self.dates.items()])
        for buffer in (self.docs, self.texts, self.names, self.keys):
            buffer.clear()
        self.dates.clear()

    def drop_docs(self, column: str, value: str) -> None:
        rowids = [r[0] for r in self.rows(f"SELECT docid FROM search_doc WHERE {column} = ?",
                                          (value,))]
        for rowid in rowids:
            self.cur.execute("DELETE FROM search_fts WHERE rowid = ?", (rowid,))
        if rowids:
            self.cur.execute(f"DELETE FROM search_doc WHERE {column} = ?", (value,))

    def add_doc(self, source_id: str, hit: tuple[str, str], subject: tuple[str, str],
                doc: Doc) -> None:
        if self.next_docid is None:
            self.next_docid = self.rows("SELECT coalesce(min(docid), ?) - 1 FROM search_doc",
                                        (NEWEST_DOCID,))[0][0]
        docid = self.next_docid
        self.next_docid -= 1
        self.docs.append((docid, source_id, *hit, *subject, doc.field, doc.lang))
        self.texts.append((docid, body_column(doc.text),
                           root_column(doc.text, doc.lang, self.memo)))

    def set_date(self, record_id: str, bounds: tuple[str, str] | None) -> None:
        if bounds is not None:
            self.dates[record_id] = bounds
        else:
            self.dates.pop(record_id, None)
            self.cur.execute("DELETE FROM search_date WHERE id = ?", (record_id,))

    def drop_name(self, name_id: str) -> None:
        for (nid,) in self.rows("SELECT nid FROM search_name WHERE name_id = ?", (name_id,)):
            self.cur.execute("DELETE FROM search_name_key WHERE nid = ?", (nid,))
            self.cur.execute("DELETE FROM search_name WHERE nid = ?", (nid,))
        self.drop_docs("source_id", name_id)

    def add_name(self, name_id: str, person_id: str, text: str, lang: str) -> None:
        if not self.next_nid:
            self.next_nid = self.rows("SELECT coalesce(max(nid), 0) + 1 FROM search_name")[0][0]
        nid = self.next_nid
        self.next_nid += 1
        self.names.append((nid, name_id, person_id))
        self.keys.extend((key, nid) for key in lookup_keys(text))
        self.add_doc(name_id, ("person", person_id), ("person", person_id),
                     Doc(NAME_FIELD, lang, text))

    # -- records ----------------------------------------------------------------------------
    def index(self, kind: str, record: Entity, *, fresh: bool = False) -> None:
        """(Re)index one record after it was written (``fresh``: nothing of it is indexed yet,
        and its person's names are indexed separately)."""
        if kind == "person_name":
            self._index_name(record)  # type: ignore[arg-type]
            return
        if kind not in INDEXED_FIELDS:
            return
        if not fresh:
            if kind == "person":
                for (name_id,) in self.rows("SELECT name_id FROM search_name "
                                            "WHERE person_id = ?", (record.id,)):
                    self.drop_name(name_id)
            self.drop_docs("source_id", record.id)
        if record.deleted:
            self.set_date(record.id, None)
            return
        subject = subject_of(kind, record)
        for doc in documents(kind, record):
            self.add_doc(record.id, (kind, record.id), subject, doc)
        if kind == "person" and not fresh:
            for name_id, text, lang in self.rows(
                    "SELECT id, text, language FROM person_name WHERE person_id = ? "
                    "AND +deleted = 0", (record.id,)):
                self.add_name(name_id, record.id, text, lang)
        bounds = self._own_dates(kind, record)
        if bounds is not None or not fresh:
            self.set_date(record.id, bounds)
        if kind == "event":
            if self.event_dates is not None:
                self.event_dates[record.id] = bounds
            elif not fresh:
                for (allegation_id,) in self.rows(
                        "SELECT id FROM allegation WHERE event_id = ? AND date = '' "
                        "AND +deleted = 0", (record.id,)):
                    self.set_date(allegation_id, bounds)

    def _index_name(self, name: PersonName) -> None:
        self.drop_name(name.id)
        if name.deleted:
            return
        alive = self.rows("SELECT 1 FROM person WHERE id = ? AND +deleted = 0", (name.person_id,))
        if alive:
            self.add_name(name.id, name.person_id, name.text, name.language)

    def _event_dates(self, event_id: str | None) -> tuple[str, str] | None:
        if not event_id:
            return None
        if self.event_dates is not None:
            return self.event_dates.get(event_id)
        row = self.rows("SELECT start, \"end\" FROM event WHERE id = ? AND +deleted = 0",
                        (event_id,))
        return date_bounds(row[0][0], row[0][1]) if row else None

    def _own_dates(self, kind: str, record: Entity) -> tuple[str, str] | None:
        if kind == "event":
            return date_bounds(record.start, record.end)  # type: ignore[attr-defined]
        if kind == "allegation":
            return (date_bounds(record.date)  # type: ignore[attr-defined]
                    or self._event_dates(record.event_id))  # type: ignore[attr-defined]
        if kind in ("testimony", "intervention", "source"):
            return date_bounds(record.date)  # type: ignore[attr-defined]
        return None


def on_change(session: Session, kind: str, record: Entity) -> None:
    """The change hook: bring the index in step with ``record`` in the same transaction."""
    writer = _Writer(session)
    writer.index(kind, record)
    writer.flush()


def lookup_keys(name: str) -> set[str]:
    """Keys under which a name is found: each word's skeleton (``w:``, every reading), its
    consonants (``c:``, vowels differ most between spellings), first and last four letters
    (``p:``, ``s:``, for a letter wrong elsewhere), and the order-free whole name (``n:``).
    Initials give no key of their own."""
    keys = set()
    for key in name_keys(name):
        if " " in key:
            keys.add("n:" + key)
            continue
        if len(key) < 2:
            continue
        keys.add("w:" + key)
        consonants = "".join(ch for ch in key if ch not in "aeiou")
        if len(consonants) >= 2 and consonants != key:
            keys.add("c:" + consonants)
        if len(key) > 4:
            keys.add("p:" + key[:4])
            keys.add("s:" + key[-4:])
    return keys


# -- rebuilding ------------------------------------------------------------------------------
def index_version(session: Session) -> int | None:
    """The analysis version the index was built with (None: never built)."""
    row = session.connection().exec_driver_sql(
        "SELECT value FROM setting WHERE key = ?", (VERSION_SETTING,)).first()
    try:
        return int(json.loads(row[0])["version"]) if row else None
    except (TypeError, ValueError, KeyError):
        return None


def rebuild(session: Session) -> int:
    """Empty the index and index every live record again; returns the number of texts."""
    writer = _Writer(session)
    cur = writer.cur
    for table in ("search_fts", "search_doc", "search_date", "search_name_key", "search_name"):
        cur.execute(f"DELETE FROM {table}")
    writer.next_docid, writer.next_nid = NEWEST_DOCID - 1, 1
    writer.event_dates = {}
    for kind in INDEXED_FIELDS:  # events come before allegations
        for record in _live(session, kind):
            writer.index(kind, record, fresh=True)
            if len(writer.docs) >= 2000:
                writer.flush()
    names = cur.connection.cursor()  # reads while the writer's cursor writes
    names.execute("SELECT n.id, n.person_id, n.text, n.language FROM person_name n "
                  "JOIN person p ON p.id = n.person_id WHERE +n.deleted = 0 AND +p.deleted = 0")
    while batch := names.fetchmany(2000):
        for name_id, person_id, text, lang in batch:
            writer.add_name(name_id, person_id, text, lang)
        writer.flush()
    writer.flush()
    cur.execute("INSERT INTO search_fts (search_fts) VALUES ('optimize')")
    cur.execute("INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)",
                (VERSION_SETTING, json.dumps({"version": INDEX_VERSION})))
    return int(cur.execute("SELECT count(*) FROM search_doc").fetchone()[0])


def _live(session: Session, kind: str, batch_size: int = 2000) -> Iterator[Entity]:
    """Every live record of a kind, least recently changed first (so that text numbers follow
    the order of change, newest lowest, which search uses for very common words), in batches;
    the session forgets each batch after use."""
    model = RECORD_KINDS[kind]
    ids = list(session.exec(select(model.id).where(col(model.deleted).is_(False))
                            .order_by(col(model.updated_at), col(model.id))))
    for start in range(0, len(ids), batch_size):
        chunk = ids[start:start + batch_size]
        records = {r.id: r for r in session.exec(select(model).where(col(model.id).in_(chunk)))}
        yield from (records[record_id] for record_id in chunk)
        session.expunge_all()


# -- list filters ----------------------------------------------------------------------------
FILTER_MIN_CHARS = 3
"""Typed filters shorter than this are left to a scan (a prefix of one or two letters begins
too many words for FTS5 to merge quickly, and a scan finds a page of them at once)."""


def prefix_match(kind: str, typed: str) -> TextualSelect | None:
    """Ids of records of ``kind`` with an indexed text (a person: also a name) holding the words
    of ``typed`` in this order, the last one as the beginning of a word: what a list filter
    needs while the user types. Folded as the ``body`` column is (case, Latin diacritics, Ё).
    None when the index cannot answer: fewer than ``FILTER_MIN_CHARS`` letters typed, or a
    kind without indexed texts. The caller checks that the index is current."""
    tokens = [body_fold(word.text) for word in words(typed)]
    if sum(len(t) for t in tokens) < FILTER_MIN_CHARS:
        return None
    match = 'body : "%s" *' % " ".join(tokens)
    if kind == "person_name":
        sql = ("SELECT source_id AS id FROM search_doc WHERE field = :name_field AND docid IN "
               "(SELECT rowid FROM search_fts WHERE search_fts MATCH :prefix_match)")
        params = {"name_field": NAME_FIELD, "prefix_match": match}
    elif kind in INDEXED_FIELDS:
        sql = ("SELECT hit_id AS id FROM search_doc WHERE hit_kind = :hit_kind AND docid IN "
               "(SELECT rowid FROM search_fts WHERE search_fts MATCH :prefix_match)")
        params = {"hit_kind": kind, "prefix_match": match}
    else:
        return None
    return sql_text(sql).bindparams(**params).columns(column("id"))
