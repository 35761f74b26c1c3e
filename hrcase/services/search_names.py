"""Persons by name across scripts: candidates from the index's name keys, scored with
``name_similarity`` (see ``hrcase.services.search`` for where this is used)."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from itertools import compress
from typing import Any

from hrcase.domain.names import MAX_WORDS, best_matches, token_skeletons
from hrcase.services import search_index as ix

NAME_MIN_COVERAGE = 0.75
NAME_CANDIDATES = 200


_KEY_WEIGHTS = {"n": 4, "w": 3, "c": 2}
"""How much sharing a lookup key counts (by its kind; other kinds count 1)."""


def _key_weight(keys: Iterable[str]) -> int:
    return sum(_KEY_WEIGHTS.get(key[0], 1) for key in keys)


def score_names(cur: Any, name: str, candidates: int = NAME_CANDIDATES,
                min_coverage: float = NAME_MIN_COVERAGE, by_similarity: bool = False,
                enough: int = 20) -> dict[str, tuple[float, float, str]]:
    """Persons with names like ``name``: person id → (coverage, similarity, the best-matching
    name variant), for coverage of at least ``min_coverage``.

    Candidates are the names sharing the most lookup keys with ``name`` (at most
    ``candidates``); each is scored with ``name_similarity``. Coverage is the similarity
    without the penalty for words only the longer name has. A person's best variant is the
    one of highest coverage (or of highest similarity, with ``by_similarity``).

    Scoring is the costly part, so the candidates that share keys of more than one word of a
    name of several words (a surname that is common, or spelt with a typo, still meets the
    given name) are scored first; the others, which share one word only (often just a common
    given name), are read and scored only when that gave fewer than ``enough`` persons.
    """
    ranked = _candidates(cur, sorted(ix.lookup_keys(name)), candidates)
    chunks = name.split()
    one_word = max(_key_weight(ix.lookup_keys(c)) for c in chunks) if len(chunks) > 1 else -1
    strong = [nid for nid, weight in ranked if weight > one_word]
    weak = [nid for nid, weight in ranked if weight <= one_word]
    rows = _texts(cur, strong)
    result = _scored(name, rows, min_coverage, by_similarity)
    if len(result) < enough and weak:
        for person_id, found in _scored(name, _texts(cur, weak), min_coverage,
                                        by_similarity).items():
            old = result.get(person_id)
            if old is None or _rank(found, by_similarity) > _rank(old, by_similarity):
                result[person_id] = found
    return result


def _candidates(cur: Any, keys: list[str], limit: int) -> list[tuple[int, int]]:
    """The ``limit`` names sharing the most (weighted) keys: (name number, weight), heaviest
    first; ties go to the lower name number.

    The postings of each key are read as one string (``group_concat``) and counted here in C
    (``Counter``, see ``_weights``): one row per posting, or a ``GROUP BY`` in SQL, took
    several times longer at 100,000 persons, where a given name has thousands."""
    postings: dict[str, list[str]] = {}
    for key in keys:
        (nids,) = cur.execute("SELECT group_concat(nid) FROM search_name_key WHERE key = ?",
                              (key,)).fetchone()
        if nids:
            postings[key] = nids.split(",")
    return _heaviest(_weights(postings, limit), limit)


def _weights(postings: dict[str, list[str]], limit: int) -> Counter[str]:
    """The weight of every name that may be among the ``limit`` heaviest: the sum of the weights
    of the keys it has (``postings``: key → name numbers).

    The keys of weight 1 (first and last letters) are the longest lists: a common ending is
    shared by a tenth of all names. When at least ``limit`` names weigh more by the other keys
    alone than all those keys together, no name outside them can be among the heaviest, and
    the long lists are only checked against them (a set intersection, in C)."""
    light = [nids for key, nids in postings.items() if _KEY_WEIGHTS.get(key[0], 1) == 1]
    weights: Counter[str] = Counter()
    for key, nids in postings.items():
        if _KEY_WEIGHTS.get(key[0], 1) > 1:
            weights.update(nids * _KEY_WEIGHTS[key[0]])
    by_weight = Counter(weights.values())
    if sum(count for weight, count in by_weight.items() if weight > len(light)) < limit:
        for nids in light:
            weights.update(nids)
        return weights
    for nids in light:
        weights.update(weights.keys() & nids)
    return weights


def _heaviest(weights: Counter[str], limit: int) -> list[tuple[int, int]]:
    """The ``limit`` heaviest names as (name number, weight), heaviest first, then by number.

    Only the names of the lowest weight that is kept (often thousands that share just a
    given name) need their numbers compared; they and the heavier ones are picked in C."""
    by_weight = Counter(weights.values())
    floor, heavier = 0, 0  # all names when there are fewer than ``limit``
    for weight in sorted(by_weight, reverse=True):
        if heavier + by_weight[weight] >= limit:
            floor = weight
            break
        heavier += by_weight[weight]
    above = compress(weights.keys(), map(floor.__lt__, weights.values()))
    ranked = sorted((-weights[nid], int(nid)) for nid in above)
    tied = sorted(map(int, compress(weights.keys(), map(floor.__eq__, weights.values()))))
    return [(nid, -weight) for weight, nid in ranked] + [(nid, floor)
                                                          for nid in tied[:limit - heavier]]


def _texts(cur: Any, nids: list[int]) -> list[tuple[str, str]]:
    """(person id, text) of the names ``nids``, in that order (names no longer there left
    out)."""
    if not nids:
        return []
    found = {nid: (person_id, text) for nid, person_id, text in cur.execute(
        "SELECT sn.nid, sn.person_id, pn.text FROM search_name sn "
        "JOIN person_name pn ON pn.id = sn.name_id WHERE sn.nid IN "
        "(SELECT value FROM json_each(?))", (json.dumps(nids),))}
    return [found[nid] for nid in nids if nid in found]


def _rank(found: tuple[float, float, str], by_similarity: bool) -> tuple[float, float]:
    return (found[1], found[0]) if by_similarity else (found[0], found[1])


def _scored(name: str, rows: list[tuple[str, str]], min_coverage: float,
            by_similarity: bool) -> dict[str, tuple[float, float, str]]:
    """Score the candidates ``rows``: (person id, text) (see ``score_names``)."""
    query_words = len(token_skeletons(name))
    texts = [(i, text) for i, (_person_id, text) in enumerate(rows)]
    result: dict[str, tuple[float, float, str]] = {}
    for i, similarity in best_matches(name, texts, limit=len(texts), min_score=0.3):
        person_id, text = rows[i]
        words = _word_count(text)
        short, long_ = sorted((query_words, words))
        coverage = min(1.0, similarity * (short + 0.5 * (long_ - short)) / short) if short else 0.0
        found = (coverage, similarity, text)
        old = result.get(person_id)
        if coverage >= min_coverage and (old is None or _rank(found, by_similarity) >
                                         _rank(old, by_similarity)):
            result[person_id] = found
    return result


_NAME_WORD = re.compile(r"[^\W\d_]+")


def _word_count(name: str) -> int:
    """How many words ``names`` reads in a name (hyphens and apostrophes join, as there)."""
    joined = name.translate(_JOINERS)
    return min(MAX_WORDS, len(_NAME_WORD.findall(joined)))


_JOINERS = str.maketrans({c: None for c in "-‐‑‒–'’ʻʼ`‘´"})
