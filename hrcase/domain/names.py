"""Cross-script name matching for search and duplicate detection.

One person's name reaches a case file in many spellings: Холбоев, Kholboev (passport),
Kholboyev (BGN), Xolboyev (Uzbek Latin), Holboev (informal). Each spelling is reduced to a
*skeleton*: lower-case Latin words in which letters that spellings confuse are one class.

How a name becomes a skeleton (words are split at spaces, digits and punctuation; hyphens and
apostrophes inside a word are removed, so Abdul-Karim → abdulkarim, Il'in → ilin):

1. Case-fold, drop diacritics, romanise Cyrillic (Russian, Kazakh, Uzbek, Kyrgyz, Tajik) the
   way a passport does (ICAO), so a passport spelling always has the Cyrillic's skeleton.
2. Fold letter classes: kh/x/h/х/һ/ҳ → ``h``; zh/j/dzh/dj/ж/дж → ``j``; sh/ş/š/ш/щ/shch →
   ``w``; ch/ç/č/ч/tch → ``x``; ts/tz/c/ц → ``c``; q/қ/ck → ``k``; gh/ғ/ğ → ``g``; w → ``v``;
   ph → ``f``; y/ы/й/і/ı → ``i``; ä/ә → ``a``; ö/ө → ``o``; ü/ү/ұ/ў/o'/ū → ``u``; ñ/ң → ``n``;
   ё and yo/io → ``e``. (``w``, ``x`` and ``c`` are class codes here, not letters.)
3. Drop glides (``i`` before a vowel at the start of a word or after a vowel: Yusupov and
   Iusupov → usupov, Kholboyev → holboev) and collapse doubled letters.

So Холбоев, Kholboev, Xolboyev, Holboev and Xolboev all become ``holboev``; Әлібек Қасымов,
Älıbek Qasymov and Alibek Kasymov all become ``alibek kasimov``. The folding is deliberately
lossy (Валеев and Валиев stay apart, but Ilyin and Ильин meet): skeletons find candidates,
people decide.

Latin words have other readings where a spelling is ambiguous: x → ks (Alexander), j as the
glide of German-style Jusupov, and sh as s + h (Kazakh 2021 Ashat = Асхат, where the
passport has Askhat). Matching uses the best reading; the skeleton
is the first. At most ``MAX_WORDS`` words of a name are used.

``name_similarity`` compares word skeletons (optimal-string-alignment Damerau-Levenshtein,
normalised by length; an initial matches a word it begins), pairs words whatever their order,
counts a word missing on one side half (a patronymic), and tries joining neighbouring words
(Abdul Karim ~ Abdulkarim).

Use by services: store ``skeleton(text)`` per name variant (an indexed column); prefilter
candidates whose skeleton has a word starting with one of ``search_prefixes(query)``
(``skeleton LIKE 'pre%' OR skeleton LIKE '% pre%'``) or sharing one of ``name_keys(query)``;
rank them with ``best_matches`` (pure Python: meant for the prefiltered few thousand, not
for every row). Nothing here keeps names after a call returns (no caches).
"""

from __future__ import annotations

import heapq
import re
import unicodedata
from collections.abc import Hashable, Iterable
from itertools import permutations
from math import fsum
from operator import itemgetter
from typing import TypeVar

K = TypeVar("K", bound=Hashable)
_Memo = dict[tuple[tuple[str, ...], tuple[str, ...]], float]
"""Word-pair scores of one comparison or one best_matches call (never kept after it)."""

MAX_WORDS = 6
_MISSING_WORD_WEIGHT = 0.5
_INITIAL_SCORE = 0.75

# Step 1a: after NFC and case-folding. Latin letters that stand for one sound become
# upper-case placeholders (the classes of step 2), so they never join a neighbour into a
# digraph; common letters with diacritics are mapped here so most names never need NFKD.
_PREMAP = str.maketrans({
    "ş": "W", "š": "W", "ç": "X", "č": "X", "ž": "J", "ğ": "G", "ǵ": "G", "ı": "i", "ŋ": "n",
    "ə": "a", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d", "ł": "l", "þ": "t",
    "ä": "a", "á": "a", "à": "a", "â": "a", "ā": "a", "ö": "o", "ó": "o", "ò": "o", "ô": "o",
    "ō": "o", "ü": "u", "ú": "u", "ù": "u", "û": "u", "ū": "u", "é": "e", "è": "e", "ê": "e",
    "ë": "e", "ē": "e", "í": "i", "ì": "i", "î": "i", "ï": "i", "ī": "i", "ý": "y", "ñ": "n",
    "ń": "n", "\u0307": "",
    "’": "'", "ʻ": "'", "ʼ": "'", "`": "'", "‘": "'", "´": "'", "ʹ": "", "ʺ": "", "”": "",
    "-": "", "‐": "", "‑": "", "‒": "", "–": "",
})

_PREMAP_ASCII = tuple((chr(code), new) for code, new in _PREMAP.items() if code < 128)

# Step 1b: Cyrillic (Russian, Kazakh, Uzbek, Kyrgyz, Tajik, Ukrainian) is romanised as the
# passport (ICAO) spelling is, so a passport spelling always has the Cyrillic's skeleton;
# Ъ is dropped (ICAO writes IE, every other system nothing).
_CYRILLIC = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iu",
    "я": "ia", "ә": "a", "ғ": "g", "қ": "k", "ң": "n", "ө": "o", "ұ": "u", "ү": "u",
    "һ": "h", "і": "i", "ў": "u", "ҳ": "kh", "ҷ": "dzh", "ӣ": "i", "ӯ": "u", "ј": "y",
    "є": "ie", "ї": "i", "ґ": "g",
})

# Step 2: digraphs (longest first) to placeholders, then single letters to classes. German
# sch is not read as ш: it would part the passport spelling of сч from its Cyrillic.
_DIGRAPHS = (("o'", "U"), ("shch", "W"), ("dzh", "J"), ("tch", "X"), ("zh", "J"), ("kh", "H"),
             ("sh", "W"), ("ch", "X"), ("ph", "F"), ("gh", "G"), ("ts", "C"), ("tz", "C"),
             ("dj", "J"), ("ck", "K"), ("dJ", "J"), ("tX", "X"), ("WX", "W"))
# Another reading of Latin text takes sh as s + h (Kazakh 2021 Ashat = Асхат).
_S_H_DIGRAPHS = tuple(pair for pair in _DIGRAPHS if pair[0] != "sh")
_LETTERS = {
    "q": "k", "w": "v", "x": "h", "y": "i",
    "U": "u", "W": "w", "J": "j", "X": "x", "H": "h", "C": "c", "F": "f", "G": "g", "K": "k",
}
_CLASSES = str.maketrans(_LETTERS)
_X_J_CLASSES = str.maketrans({**_LETTERS, "x": "ks", "j": "i"})

_SEPARATORS = re.compile(r"[\W\d_]+")
_NOT_CLASS = re.compile(r"[^a-z ]+")
_GLIDE = re.compile(r"(?:^|(?<=[aeou ]))i(?=[aeou])")
_DOUBLES = re.compile(r"(.)\1+")
_FIRST_GROUP = itemgetter(1)
"""A doubled letter's replacement (a C callable: faster than the template ``\\1``)."""


def _romanised(name: str) -> tuple[str, bool]:
    """Step 1: case-fold, drop diacritics, romanise Cyrillic; and is there a Latin "sh"?

    ASCII text needs only the few ASCII entries of ``_PREMAP`` (``str.translate`` looks up
    every character; a replace per entry is many times faster)."""
    text = unicodedata.normalize("NFC", name).casefold()
    if text.isascii():
        for old, new in _PREMAP_ASCII:
            text = text.replace(old, new)
        return text, "sh" in text
    text = text.translate(_PREMAP)
    latin_sh = "sh" in text
    text = text.translate(_CYRILLIC)
    if text.isascii():
        return text, latin_sh
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return text.translate(_PREMAP).translate(_CYRILLIC), latin_sh


def _plain(text: str, digraphs: tuple[tuple[str, str], ...]) -> str:
    """The digraphs of step 2; words end up separated by spaces."""
    for digraph, placeholder in digraphs:
        text = text.replace(digraph, placeholder)
    return _SEPARATORS.sub(" ", text.replace("'", ""))


def _classes(plain: str, table: dict[int, str]) -> list[str]:
    """The rest of steps 2 and 3: letter classes, glides, doubles; one string per word."""
    text = _NOT_CLASS.sub("", plain.translate(table))
    text = _DOUBLES.sub(_FIRST_GROUP, _GLIDE.sub("", text.replace("io", "e")))
    return text.split()[:MAX_WORDS]


def _name_readings(name: str, alternatives: bool = True) -> list[tuple[str, ...]]:
    """Per word: its skeleton first, then other readings of Latin spellings (x, j, sh)."""
    text, latin_sh = _romanised(name)
    plain = _plain(text, _DIGRAPHS)
    words = [[word] for word in _classes(plain, _CLASSES)]
    if not alternatives:
        return [tuple(readings) for readings in words]
    others = []
    if "x" in plain or "j" in plain:
        others.append(_classes(plain, _X_J_CLASSES))
    if latin_sh:
        others.append(_classes(_plain(text, _S_H_DIGRAPHS), _CLASSES))
    for other in others:
        if len(other) == len(words):
            for readings, reading in zip(words, other):
                if reading not in readings:
                    readings.append(reading)
    return [tuple(readings) for readings in words]


def token_skeletons(name: str) -> list[str]:
    """The skeleton of each word of ``name``, in order (at most ``MAX_WORDS`` words)."""
    return [r[0] for r in _name_readings(name, alternatives=False)]


def skeleton(name: str) -> str:
    """The skeleton of ``name``: its word skeletons joined by single spaces, in order."""
    return " ".join(token_skeletons(name))


def name_keys(name: str) -> set[str]:
    """Comparison keys: every word skeleton (all readings) and the order-free whole name.

    Two spellings of one name share the whole-name key when they fold alike (Kholboev Rustam,
    Рустам Холбоев → ``holboev rustam``), and share word keys when only some words do.
    """
    readings = _name_readings(name)
    keys = {r for word in readings for r in word}
    if len(readings) > 1:
        keys.add(" ".join(sorted(word[0] for word in readings)))
    return keys


def search_prefixes(name: str, length: int = 3) -> set[str]:
    """Prefixes of the word skeletons of ``name`` (all readings), for an indexed prefilter."""
    return {r[:length] for word in _name_readings(name) for r in word}


def _distance(a: str, b: str) -> int:
    """Optimal string alignment distance (Levenshtein plus adjacent transpositions).

    Bit-parallel (Hyyrö 2002, after Myers 1999): one pass over the shorter string with the
    longer as bit masks (the distance is symmetric; the pass is the costly part).
    """
    if a == b:
        return 0
    if len(a) < len(b):
        a, b = b, a
    m = len(a)
    if not b:
        return m
    masks: dict[str, int] = {}
    for i, ch in enumerate(a):
        masks[ch] = masks.get(ch, 0) | (1 << i)
    full = (1 << m) - 1
    top = 1 << (m - 1)
    vp, vn, d0, prev_eq, dist = full, 0, 0, 0, m
    for ch in b:
        eq = masks.get(ch, 0)
        tr = ((eq & ~d0) << 1) & prev_eq
        d0 = ((((eq & vp) + vp) ^ vp) | eq | vn | tr) & full
        hp = vn | (full ^ (d0 | vp))
        hn = d0 & vp
        if hp & top:
            dist += 1
        elif hn & top:
            dist -= 1
        hp = ((hp << 1) | 1) & full
        vp = ((hn << 1) & full) | (full ^ (d0 | hp))
        vn = d0 & hp
        prev_eq = eq
    return dist


def _string_similarity(a: str, b: str) -> float:
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    if len(a) == 1 or len(b) == 1:
        short, long_ = (a, b) if len(a) <= len(b) else (b, a)
        return _INITIAL_SCORE if long_.startswith(short) else 0.0
    return 1.0 - _distance(a, b) / max(len(a), len(b))


def _word_similarity(a: tuple[str, ...], b: tuple[str, ...], memo: _Memo) -> float:
    key = (a, b) if a <= b else (b, a)
    score = memo.get(key)
    if score is None:
        score = max(_string_similarity(x, y) for x in a for y in b)
        memo[key] = score
    return score


def _assign(small: list[tuple[str, ...]], large: list[tuple[str, ...]], memo: _Memo) -> float:
    """Best pairing of the words of ``small`` with distinct words of ``large``, as a score."""
    table = [[_word_similarity(x, y, memo) for y in large] for x in small]
    if len(small) == 1:
        best = max(table[0])
    elif len(small) == 2:  # a sum of two floats does not depend on the order
        best = max(table[0][i] + table[1][j] for i in range(len(large))
                   for j in range(len(large)) if i != j)
    else:
        best = max(fsum(row[c] for row, c in zip(table, cols))  # exact: same in either order
                   for cols in permutations(range(len(large)), len(small)))
    return best / (len(small) + _MISSING_WORD_WEIGHT * (len(large) - len(small)))


def _similarity(a: list[tuple[str, ...]], b: list[tuple[str, ...]], memo: _Memo) -> float:
    if not a or not b:
        return 0.0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    score = _assign(small, large, memo)
    if len(large) > len(small) and score < 1.0:
        # Abdul Karim ~ Abdulkarim: also try each pair of neighbouring words joined, unless
        # the joined word is too long to match any word of the other name well.
        longest = max(len(r) for word in small for r in word)
        for i in range(len(large) - 1):
            joined = tuple(x + y for x in large[i] for y in large[i + 1])
            if min(len(r) for r in joined) > 2 * longest:
                continue
            score = max(score, _assign(small, large[:i] + [joined] + large[i + 2:], memo))
    return min(1.0, score)


def name_similarity(a: str, b: str) -> float:
    """How alike two names are, from 0 (unrelated) to 1 (same skeletons), across scripts.

    Symmetric; tolerant of a letter or two of difference, of swapped word order and of a
    missing word (a patronymic). Names without letters are only alike if they are equal.
    """
    ra, rb = _name_readings(a), _name_readings(b)
    if not ra and not rb:
        return 1.0 if a.strip().casefold() == b.strip().casefold() else 0.0
    return _similarity(ra, rb, {})


def best_matches(query: str, candidates: Iterable[tuple[K, str]], limit: int = 10,
                 min_score: float = 0.6) -> list[tuple[K, float]]:
    """The ``limit`` candidates most like ``query`` with a score of at least ``min_score``.

    ``candidates`` are ``(key, name)`` pairs (a key may appear with several name variants;
    its best score counts). Returns ``(key, score)`` best first; ties keep input order.
    """
    query_readings = _name_readings(query)
    if not query_readings or limit <= 0:
        return []
    memo: _Memo = {}
    readings: dict[str, list[tuple[str, ...]]] = {}
    best: dict[K, tuple[float, int]] = {}
    for index, (key, name) in enumerate(candidates):
        words = readings.get(name)
        if words is None:
            words = readings[name] = _name_readings(name)
        score = _similarity(query_readings, words, memo)
        if score >= min_score and (key not in best or score > best[key][0]):
            best[key] = (score, best[key][1] if key in best else index)
    ranked = heapq.nsmallest(limit, best.items(), key=lambda item: (-item[1][0], item[1][1]))
    return [(key, score) for key, (score, _index) in ranked]
