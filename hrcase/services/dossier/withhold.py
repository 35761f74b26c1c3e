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


def _related(a: str, b: str) -> bool:
    """Whether two skeletons may be one word with different endings."""
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return long_.startswith(short) and len(long_) - len(short) <= MAX_SUFFIX


class NameRedactor:
    """Replaces every mention of withheld persons in texts by their substitutes.

    ``named`` are the spellings of persons who stay named (to tell shared surnames apart).
    ``mentions`` counts the replacements made so far.
    """

    def __init__(self, withheld: Iterable[WithheldName], named: Iterable[str] = ()) -> None:
        self.people = [w for w in withheld if w.spellings]
        self.mentions = 0
        self._skeletons: dict[str, str] = {}
        self._tokens: dict[str, _Token] = {}
        self._lengths: list[int] = []
        self._exact: re.Pattern[str] | None = None
        self._exact_owner: dict[str, int] = {}
        if self.people:
            self._prepare(named)

    @property
    def active(self) -> bool:
        """Whether there is anything to replace."""
        return bool(self.people)

    def _prepare(self, named: Iterable[str]) -> None:
        exact: dict[str, int] = {}
        person_words: list[list[str]] = []
        for owner, person in enumerate(self.people):
            words: list[str] = []
            for spelling in person.spellings:
                text = " ".join(spelling.split())
                if len(text) >= 2:
                    exact.setdefault(text.casefold(), owner)
                if not _is_code_name(text):
                    words.extend(w for w in _words(text) if len(w) >= MIN_TOKEN)
            person_words.append(words)
        self._exact_owner = exact
        alternatives = sorted(exact, key=len, reverse=True)
        self._exact = re.compile(
            r"(?<![^\W_])(" + "|".join(re.escape(a) for a in alternatives) + r")", re.IGNORECASE)

        named_words: list[tuple[str, str]] = []  # (skeleton, initial) of named persons
        for spelling in named:
            if _is_code_name(spelling):
                continue
            named_words.extend((self._skel(w), w[0].upper()) for w in _words(spelling)
                               if len(w) >= MIN_TOKEN)
        named_initials_by_word: dict[str, set[str]] = {}
        for spelling in named:
            words = [w for w in _words(spelling) if len(w) >= MIN_TOKEN]
            for word in words:
                skel = self._skel(word)
                named_initials_by_word.setdefault(skel, set()).update(
                    other[0].upper() for other in words if other is not word)

        for owner, words in enumerate(person_words):
            skeletons = [(self._skel(w), w[0].upper()) for w in words]
            for skel, _initial in skeletons:
                if len(skel) < MIN_TOKEN or skel in self._tokens:
                    continue
                token = _Token(owner)
                token.own_initials = {i for s, i in skeletons if not _related(s, skel)}
                for named_skel, _ in named_words:
                    if _related(named_skel, skel):
                        token.ambiguous = True
                        token.other_initials |= named_initials_by_word.get(named_skel, set())
                self._tokens[skel] = token
        self._lengths = sorted({len(s) for s in self._tokens}, reverse=True)

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
            self.mentions += 1
        pieces.append(text[position:])
        return "".join(pieces)

    def _find(self, text: str) -> list[_Span]:
        spans: list[_Span] = []
        covered: list[tuple[int, int]] = []
        assert self._exact is not None
        for match in self._exact.finditer(text):
            found = match.group(1)
            if found[0].islower():
                continue  # names are written with a capital: "пакет" is not "Пак"
            end = match.end()
            if found[-1].isalpha():  # an inflected ending goes with the name
                while end < len(text) and end - match.end() < MAX_SUFFIX and text[end].isalpha():
                    end += 1
                if end < len(text) and text[end].isalpha():
                    continue  # a longer word that merely starts like the name
            owner = self._exact_owner[found.casefold()]
            spans.append(_Span(match.start(), end, owner, True))
            covered.append((match.start(), end))
        index = 0
        for match in _WORD.finditer(text):
            word = match.group()
            if not word[0].isupper():
                continue
            start, end = match.span()
            while index < len(covered) and covered[index][1] <= start:
                index += 1
            if index < len(covered) and covered[index][0] < end:
                continue
            if word.endswith(("'s", "’s")):
                word, end = word[:-2], end - 2
            token = self._token_for(word)
            if token is not None:
                spans.append(_Span(start, end, token.owner, not token.ambiguous, token))
        spans.sort(key=lambda s: s.start)
        return spans

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
