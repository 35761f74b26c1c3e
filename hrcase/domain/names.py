"""Cross-script name matching for search and duplicate detection.

One person's name reaches a case file in many spellings: Холбоев, Kholboev (passport),
Kholboyev (BGN), Xolboyev (Uzbek Latin), Holboev (informal). Each spelling is reduced to a
*skeleton*: a lower-case Latin string in which letters that spellings confuse are one class.

How a name becomes a skeleton (per word; words are split at spaces and punctuation, while
hyphens and apostrophes inside a word are removed, Abdul-Karim → abdulkarim):

1. Case-fold, drop diacritics, romanise Cyrillic (Russian, Kazakh, Uzbek, Kyrgyz, Tajik).
2. Fold letter classes: kh/x/h/х/һ/ҳ → ``h``; zh/j/dzh/dj/ж/дж → ``j``; sh/ş/š/ш/щ/sch/shch →
   ``w``; ch/ç/č/ч/tch → ``x``; ts/tz/c/ц → ``c``; q/қ/ck → ``k``; gh/ғ/ğ → ``g``; w → ``v``;
   ph → ``f``; y/ы/й/і/ı → ``i``; ä/ә → ``a``; ö/ө → ``o``; ü/ү/ұ/ў/o'/ū → ``u``; ñ/ң → ``n``;
   ё and yo/io → ``e``. (``w``, ``x`` and ``c`` are class codes, not letters.)
3. Drop glides (``i`` before a vowel at the start of a word or after a vowel: Yusupov and
   Iusupov → usupov, Kholboyev → holboev), and collapse doubled letters.

So Холбоев, Kholboev, Xolboyev, Holboev and Xolboev all become ``holboev``.

Latin words with ``x`` or ``j`` have a second reading (x → ks as in Alexander, j as the glide
of German-style Jusupov); matching uses the better of the two.

``name_similarity`` compares word skeletons (optimal-string-alignment Damerau-Levenshtein,
normalised by length) and pairs words regardless of their order, so a swapped given name and
surname match fully and a missing patronymic costs little.

Use by services: store ``skeleton(text)`` per name variant (indexed column), and prefilter
candidates whose skeleton contains a word that starts with one of ``search_prefixes(query)``
(``skeleton LIKE 'pre%' OR skeleton LIKE '% pre%'``), then rank them with ``best_matches``.
Nothing here keeps names after a call returns (no caches).
"""

from __future__ import annotations

import heapq
import re
import unicodedata
from itertools import permutations
from math import fsum
from typing import Hashable, Iterable, TypeVar

K = TypeVar("K", bound=Hashable)

MAX_WORDS = 6
_MISSING_WORD_WEIGHT = 0.5
_INITIAL_SCORE = 0.75

# Step 1a: after NFC and case-folding. ş must become sh (NFKD would give s); common letters
# with diacritics are mapped here so that most names never need NFKD.
_PREMAP = str.maketrans({
    "ş": "sh", "š": "sh", "ç": "ch", "č": "ch", "ž": "zh", "ı": "i", "ŋ": "n", "ə": "a",
    "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d", "ł": "l", "þ": "th",
    "ä": "a", "á": "a", "à": "a", "â": "a", "ā": "a", "ö": "o", "ó": "o", "ò": "o", "ô": "o",
    "ō": "o", "ü": "u", "ú": "u", "ù": "u", "û": "u", "ū": "u", "é": "e", "è": "e", "ê": "e",
    "ë": "e", "ē": "e", "í": "i", "ì": "i", "î": "i", "ï": "i", "ī": "i", "ý": "y", "ñ": "n",
    "ń": "n", "ğ": "g", "ǵ": "g", "\u0307": "",
    "’": "'", "ʻ": "'", "ʼ": "'", "`": "'", "‘": "'", "´": "'", "ʹ": "", "ʺ": "", "”": "",
    "-": "", "‐": "", "‑": "", "‒": "", "–": "",
})

# Step 1b: Cyrillic (Russian, Kazakh, Uzbek, Kyrgyz, Tajik, Ukrainian) to plain Latin.
_CYRILLIC = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "ә": "a", "ғ": "gh", "қ": "q", "ң": "n", "ө": "o", "ұ": "u", "ү": "u",
    "һ": "h", "і": "i", "ў": "u", "ҳ": "h", "ҷ": "dzh", "ӣ": "i", "ӯ": "u", "ј": "y",
    "є": "ye", "ї": "yi", "ґ": "g",
})

# Step 2: digraphs first (longest first) to upper-case placeholders, then single letters.
_DIGRAPHS = (("o'", "U"), ("shch", "W"), ("dzh", "J"), ("sch", "W"), ("tch", "X"),
             ("zh", "J"), ("kh", "H"), ("sh", "W"), ("ch", "X"), ("ts", "C"), ("tz", "C"),
             ("dj", "J"), ("ph", "F"), ("gh", "G"), ("ck", "K"))
_LETTERS = {
    "q": "k", "w": "v", "x": "h", "y": "i",
    "U": "u", "W": "w", "J": "j", "X": "x", "H": "h", "C": "c", "F": "f", "G": "g", "K": "k",
}
_CLASSES = str.maketrans(_LETTERS)
_ALT_CLASSES = str.maketrans({**_LETTERS, "x": "ks", "j": "i"})

_SEPARATORS = re.compile(r"[\W\d_]+")
_NOT_CLASS = re.compile(r"[^a-z ]+")
_GLIDE = re.compile(r"(?:^|(?<=[aeou ]))i(?=[aeou])")
_DOUBLES = re.compile(r"(.)\1+")


def _plain(name: str) -> str:
    """Steps 1 and the digraphs of step 2; words end up separated by single spaces."""
    text = unicodedata.normalize("NFC", name).casefold().translate(_PREMAP).translate(_CYRILLIC)
    if not text.isascii():
        text = "".join(c for c in unicodedata.normalize("NFKD", text)
                       if not unicodedata.combining(c)).translate(_CYRILLIC)
    for digraph, placeholder in _DIGRAPHS:
        text = text.replace(digraph, placeholder)
    return _SEPARATORS.sub(" ", text.replace("'", ""))


def _classes(plain: str, table: dict[int, str]) -> list[str]:
    """The rest of steps 2 and 3: letter classes, glides, doubles; one string per word."""
    text = _NOT_CLASS.sub("", plain.translate(table))
    text = _DOUBLES.sub(r"\1", _GLIDE.sub("", text.replace("io", "e")))
    return text.split()[:MAX_WORDS]


def _name_readings(name: str) -> list[tuple[str, ...]]:
    """Per word, its skeleton and (for Latin words with x or j) a second reading."""
    plain = _plain(name)
    primary = _classes(plain, _CLASSES)
    if "x" not in plain and "j" not in plain:
        return [(word,) for word in primary]
    alternative = _classes(plain, _ALT_CLASSES)
    if len(alternative) != len(primary):
        return [(word,) for word in primary]
    return [(p,) if p == a else (p, a) for p, a in zip(primary, alternative)]


def token_skeletons(name: str) -> list[str]:
    """The skeleton of each word of ``name``, in order (at most ``MAX_WORDS`` words)."""
    return [r[0] for r in _name_readings(name)]


def skeleton(name: str) -> str:
    """The skeleton of ``name``: its word skeletons joined by single spaces, in order."""
    return " ".join(token_skeletons(name))


def name_keys(name: str) -> set[str]:
    """Comparison keys: every word skeleton (both readings) and the order-free whole name.

    Two spellings of one name share the whole-name key when they fold alike (Kholboev Rustam,
    Рустам Холбоев → ``holboev rustam``), and share word keys when only some words do.
    """
    readings = _name_readings(name)
    keys = {r for word in readings for r in word}
    if len(readings) > 1:
        keys.add(" ".join(sorted(word[0] for word in readings)))
    return keys


def search_prefixes(name: str, length: int = 3) -> set[str]:
    """Prefixes of the word skeletons of ``name`` (both readings), for an indexed prefilter."""
    return {r[:length] for word in _name_readings(name) for r in word}


def _distance(a: str, b: str) -> int:
    """Optimal string alignment distance (Levenshtein plus adjacent transpositions).

    Bit-parallel (Hyyrö 2002, after Myers 1999): one pass over ``b`` with ``a`` as bit masks.
    """
    if a == b:
        return 0
    m = len(a)
    if not m or not b:
        return m or len(b)
    masks: dict[str, int] = {}
    for i, ch in enumerate(a):
        masks[ch] = masks.get(ch, 0) | (1 << i)
    full = (1 << m) - 1
    top = 1 << (m - 1)
    vp, vn, d0, prev_eq, dist = full, 0, 0, 0, m
    for ch in b:
        eq = masks.get(ch, 0)
        tr = (((~d0) & eq) << 1) & prev_eq
        d0 = ((((eq & vp) + vp) ^ vp) | eq | vn | tr) & full
        hp = vn | (~(d0 | vp) & full)
        hn = d0 & vp
        if hp & top:
            dist += 1
        elif hn & top:
            dist -= 1
        hp = ((hp << 1) | 1) & full
        hn = (hn << 1) & full
        vp = hn | (~(d0 | hp) & full)
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


def _word_similarity(a: tuple[str, ...], b: tuple[str, ...], memo: dict) -> float:
    key = (a, b) if a <= b else (b, a)
    score = memo.get(key)
    if score is None:
        score = max(_string_similarity(x, y) for x in a for y in b)
        memo[key] = score
    return score


def _assign(small: list[tuple[str, ...]], large: list[tuple[str, ...]], memo: dict) -> float:
    """Best pairing of the words of ``small`` with distinct words of ``large``, as a score."""
    table = [[_word_similarity(x, y, memo) for y in large] for x in small]
    best = 0.0
    for cols in permutations(range(len(large)), len(small)):
        total = fsum(row[c] for row, c in zip(table, cols))  # exact: same in either order
        if total > best:
            best = total
    return best / (len(small) + _MISSING_WORD_WEIGHT * (len(large) - len(small)))


def _similarity(a: list[tuple[str, ...]], b: list[tuple[str, ...]], memo: dict) -> float:
    if not a or not b:
        return 0.0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    score = _assign(small, large, memo)
    if len(large) > len(small) and score < 1.0:
        # Abdul Karim ~ Abdulkarim: also try each pair of neighbouring words joined.
        for i in range(len(large) - 1):
            joined = tuple(x + y for x in large[i] for y in large[i + 1])
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
    memo: dict = {}
    best: dict[K, tuple[float, int]] = {}
    for index, (key, name) in enumerate(candidates):
        score = _similarity(query_readings, _name_readings(name), memo)
        if score >= min_score and (key not in best or score > best[key][0]):
            best[key] = (score, best[key][1] if key in best else index)
    ranked = heapq.nsmallest(limit, best.items(), key=lambda item: (-item[1][0], item[1][1]))
    return [(key, score) for key, (score, _index) in ranked]
