"""What an audience may see, and the replacement of withheld names inside texts.

Audiences (decided here):

- ``internal``: everything, including confidential records and every testimony.
- ``un``: for UN treaty bodies and special procedures. Testimonies whose consent is
  ``un_bodies``, ``publish_anonymised`` or ``publish_named``; otherwise as ``public``.
- ``public``: testimonies whose consent is ``publish_anonymised`` or ``publish_named`` only.

For ``un`` and ``public``: every record with ``confidential=True`` is left out, and so is
everything that depends on it (a confidential case takes its records with it; a left-out
testimony takes its translations and attachments). A person marked ``anonymous`` (or a
confidential person) is shown as a role and a letter ("Witness A", "Victim B"; the letter is
stable within one dossier); a person marked ``pseudonym`` by the pseudonym. A *named*
interviewee of a testimony that may only be published anonymised is anonymised throughout the
dossier: naming them anywhere else would tie the anonymised testimony to them.

Names inside texts. Every stored spelling (``PersonName``, all scripts and transliterations) of a
withheld person is replaced by the substitute in square brackets, in every text the dossier
quotes. Russian and Kazakh inflect names (Эргашходжаева, Есімхановтың), so besides exact
spellings each capitalised word is compared by its cross-script skeleton
(``hrcase.domain.names``): a word whose skeleton starts with the skeleton of a word of a
withheld name (plus at most ``MAX_SUFFIX`` letters of ending) is a mention, and neighbouring
name words and initials go with it ("Б. Т. Эргашходжаеву" becomes one substitute). A name word
that a *named* person shares (relatives share surnames) only counts when the full name or a
distinctive word of the withheld person stands with it, or when the initials before it are the
withheld person's and not the named person's: a named husband is not hidden behind his
anonymised wife's substitute. Spellings with digits ("Witness K-2") are code names and are
replaced only as a whole. The rule errs on the side of withholding; it cannot remove
descriptions that identify someone (a relationship, an office): public dossiers still need a
human read before release.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise

from hrcase.domain.names import token_skeletons

AUDIENCES = ("internal", "un", "public")
ALLOWED_CONSENT: dict[str, frozenset[str] | None] = {
    "internal": None,
    "un": frozenset({"un_bodies", "publish_anonymised", "publish_named"}),
    "public": frozenset({"publish_anonymised", "publish_named"}),
}
"""Consent values a testimony needs for each audience (None: every testimony)."""

MAX_SUFFIX = 7
MIN_TOKEN = 3
_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’\-](?=[^\W\d_]))*")
_INITIALS_BEFORE = re.compile(r"(?:(?<![^\W\d_])[^\W\d_]\.\s*){1,3}$")
_INITIALS_AFTER = re.compile(r"(?:\s*[^\W\d_]\.(?![^\W\d_])){1,2}")
_VOWELS = frozenset("aeiou")
_GAP = re.compile(r"^[\s\u00a0\-‐]*$")


def audience_allows(audience: str, consent: str) -> bool:
    """Whether a testimony with ``consent`` may appear in a dossier for ``audience``."""
    allowed = ALLOWED_CONSENT[audience]
    return allowed is None or consent in allowed


def letter_code(index: int) -> str:
    """A, B, …, Z, AA, AB, … for 0, 1, …"""
    code = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        code = chr(ord("A") + rest) + code
    return code


@dataclass
class WithheldName:
    """A person whose stored spellings must not appear, and what stands in their place."""

    key: str
    spellings: list[str]
    substitute: str


@dataclass
class _Token:
    """One word of a withheld name, by skeleton."""

    owner: int
    ambiguous: bool = False
    own_initials: set[str] = field(default_factory=set)
    other_initials: set[str] = field(default_factory=set)


@dataclass
class _Span:
    start: int
    end: int
    owner: int
    definite: bool
    token: _Token | None = None


def _is_code_name(spelling: str) -> bool:
    return any(ch.isdigit() for ch in spelling)


def _words(spelling: str) -> list[str]:
    return [m.group() for m in _WORD.finditer(spelling)]


def _skeleton(word: str) -> str:
    parts = token_skeletons(word)
    return "".join(parts)


def _code_pattern(spelling: str) -> re.Pattern[str]:
    """A code name ("Задержанный № 6") in any grammatical case ("задержанного № 6")."""
    parts = []
    for token in re.findall(r"[^\W\d_]+|\d+|[^\w\s]", spelling):
        if token.isdigit():
            parts.append(re.escape(token) + r"(?!\d)")
        elif token.isalpha() and len(token) >= 4:
            parts.append(re.escape(token[:max(3, len(token) - 2)]) + r"[^\W\d_]{0,4}")
        else:
            parts.append(re.escape(token))
    return re.compile(r"(?<![^\W_])" + r"\s*".join(parts), re.IGNORECASE)


def _stem(skeleton: str) -> str:
    """A skeleton without its final vowel, which inflection replaces (Жанболатова →
    Жанболатовой, Мунира → Муниру)."""
    if len(skeleton) > MIN_TOKEN + 1 and skeleton[-1] in _VOWELS:
        return skeleton[:-1]
    return skeleton


def _related(a: str, b: str) -> bool:
    """Whether two skeletons may be one word with different endings."""
    a, b = _stem(a), _stem(b)
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return long_.startswith(short) and len(long_) - len(short) <= MAX_SUFFIX


class NameRedactor:
    """Replaces every mention of withheld persons in texts by their substitutes.

    ``named`` are the spellings of persons who stay named (to tell shared surnames apart).
    ``replaced`` counts the replacements made so far.
    """

    def __init__(self, withheld: Iterable[WithheldName], named: Iterable[str] = ()) -> None:
        self.people = [w for w in withheld if w.spellings]
        self.replaced = 0
        self._skeletons: dict[str, str] = {}
        self._tokens: dict[str, _Token] = {}
        self._lengths: list[int] = []
        self._spellings: dict[str, list[tuple[tuple[str, ...], tuple[str, ...], int]]] = {}
        self._codes: list[tuple[re.Pattern[str], int]] = []
        if self.people:
            self._prepare(named)

    def _prepare(self, named: Iterable[str]) -> None:
        person_words: list[list[str]] = []
        for owner, person in enumerate(self.people):
            words: list[str] = []
            for spelling in person.spellings:
                text = " ".join(spelling.split())
                if _is_code_name(text):
                    self._codes.append((_code_pattern(text), owner))
                    continue
                self._add_spelling(text, owner)
                words.extend(w for w in _words(text) if len(w) >= MIN_TOKEN)
            person_words.append(words)
        for candidates in self._spellings.values():
            candidates.sort(key=lambda c: -len(c[0]))

        named_by_prefix: dict[str, list[tuple[str, set[str]]]] = {}
        for spelling in named:
            if _is_code_name(spelling):
                continue
            words = [w for w in _words(spelling) if len(w) >= MIN_TOKEN]
            for word in words:
                skel = self._skel(word)
                initials = {other[0].upper() for other in words if other is not word}
                named_by_prefix.setdefault(skel[:MIN_TOKEN], []).append((skel, initials))

        for owner, words in enumerate(person_words):
            skeletons = [(self._skel(w), w[0].upper()) for w in words]
            for skel, _initial in skeletons:
                stem = _stem(skel)
                if len(skel) < MIN_TOKEN or stem in self._tokens:
                    continue
                token = _Token(owner)
                token.own_initials = {i for s, i in skeletons if not _related(s, skel)}
                for named_skel, initials in named_by_prefix.get(skel[:MIN_TOKEN], ()):
                    if _related(named_skel, skel):
                        token.ambiguous = True
                        token.other_initials |= initials
                self._tokens[stem] = token
        self._lengths = sorted({len(s) for s in self._tokens}, reverse=True)

    def _add_spelling(self, text: str, owner: int) -> None:
        """Index a spelling by its first word: (words, punctuation between them, owner)."""
        matches = list(_WORD.finditer(text))
        if not matches:
            return
        words = tuple(m.group().casefold() for m in matches)
        gaps = tuple("".join(text[left.end():right.start()].split())
                     for left, right in pairwise(matches))
        self._spellings.setdefault(words[0], []).append((words, gaps, owner))

    def _skel(self, word: str) -> str:
        skel = self._skeletons.get(word)
        if skel is None:
            skel = _skeleton(word)
            self._skeletons[word] = skel
        return skel

    def _token_for(self, word: str) -> _Token | None:
        skel = self._skel(word)
        for length in self._lengths:
            if length <= len(skel) <= length + MAX_SUFFIX:
                token = self._tokens.get(skel[:length])
                if token is not None:
                    return token
        return None

    def clean(self, text: str) -> str:
        """``text`` with every mention of a withheld person replaced by ``[substitute]``."""
        if not self.people or not text:
            return text
        spans = self._find(text)
        if not spans:
            return text
        runs = self._runs(text, spans)
        pieces: list[str] = []
        position = 0
        for start, end, owner in runs:
            pieces.append(text[position:start])
            pieces.append(f"[{self.people[owner].substitute}]")
            position = end
            self.replaced += 1
        pieces.append(text[position:])
        return "".join(pieces)

    def finds(self, text: str) -> bool:
        """Whether ``text`` mentions one of the persons (nothing is counted)."""
        if not self.people or not text:
            return False
        spans = self._find(text)
        return bool(spans and self._runs(text, spans))

    def _find(self, text: str) -> list[_Span]:
        spans: list[_Span] = []
        words = list(_WORD.finditer(text))
        covered = [False] * len(words)
        for j, match in enumerate(words):
            candidates = self._spellings.get(match.group().casefold())
            if not candidates or match.group()[0].islower():
                continue  # names are written with a capital: "пакет" is not "Пак"
            for spelling, gaps, owner in candidates:
                last = j + len(spelling) - 1
                if last >= len(words) or not self._same(text, words, j, spelling, gaps):
                    continue
                spans.append(_Span(match.start(), words[last].end(), owner, True))
                for k in range(j, last + 1):
                    covered[k] = True
                break
        for pattern, owner in self._codes:
            for found in pattern.finditer(text):
                spans.append(_Span(found.start(), found.end(), owner, True))
                for k, match in enumerate(words):
                    if match.start() < found.end() and found.start() < match.end():
                        covered[k] = True
        for j, match in enumerate(words):
            word = match.group()
            if covered[j] or not word[0].isupper():
                continue
            start, end = match.span()
            if word.endswith(("'s", "’s")):
                word, end = word[:-2], end - 2
            token = self._token_for(word)
            if token is not None:
                spans.append(_Span(start, end, token.owner, not token.ambiguous, token))
        spans.sort(key=lambda s: s.start)
        return spans

    @staticmethod
    def _same(text: str, words: list[re.Match[str]], j: int, spelling: tuple[str, ...],
              gaps: tuple[str, ...]) -> bool:
        """Whether the words from ``j`` on spell ``spelling`` (the last may be inflected)."""
        for i, expected in enumerate(spelling):
            word = words[j + i].group().casefold()
            if i == len(spelling) - 1:
                if not (word.startswith(expected) and len(word) - len(expected) <= MAX_SUFFIX):
                    return False
            elif word != expected:
                return False
            if i and "".join(text[words[j + i - 1].end():words[j + i].start()].split()) != \
                    gaps[i - 1]:
                return False
        return True

    def _runs(self, text: str, spans: list[_Span]) -> list[tuple[int, int, int]]:
        """Neighbouring spans joined with their initials; ambiguous runs decided."""
        groups: list[list[_Span]] = []
        for span in spans:
            if groups and _GAP.match(text[groups[-1][-1].end:span.start]):
                groups[-1].append(span)
            else:
                groups.append([span])
        runs: list[tuple[int, int, int]] = []
        for group in groups:
            start, end = group[0].start, group[-1].end
            before = _INITIALS_BEFORE.search(text, max(0, start - 16), start)
            initials = [c for c in (before.group() if before else "") if c.isalpha()]
            if initials and not all(c.isupper() for c in initials):
                initials, before = [], None
            definite = [s for s in group if s.definite]
            if definite:
                owner = definite[0].owner
            else:
                token = group[0].token
                assert token is not None
                if not initials or initials[0] not in token.own_initials or \
                        initials[0] in token.other_initials:
                    continue
                owner = token.owner
            if before is not None:
                start = before.start()
            after = _INITIALS_AFTER.match(text, end)
            if after is not None and all(c.isupper() for c in after.group() if c.isalpha()):
                end = after.end()
            runs.append((start, end, owner))
        return runs
