"""bm25 of a search that is one exact phrase, without FTS5's second walk of the phrase.

FTS5's ``bm25()`` starts each query by counting the texts that hold each of its phrases (the
IDF's document count): it walks every match of the phrase, checking word positions in every
text that holds all its words. For a phrase of common words that walk costs as much as the
search (30–60 ms at 100,000 testimonies), and FTS5 takes no count from outside.

When the query is one phrase, the IDF is one factor shared by every text, so it does not
change the order, and the count is taken from the walk that found the texts to rank instead:
their number. That is exact when the walk saw every match (no filter, fewer matches than the
window); else it is a lower bound (the matches under the filter, or the window's worth),
which changes the scale of the scores, never their order. The rest is FTS5's formula
(``fts5Bm25Function``, k1 = 1.2, b = 0.75) on the same figures: the phrase's instances in the
text (counted here in the text as the ``body`` column's tokenizer reads it), times the
column's weight; the text's size in tokens over both columns (``search_fts_docsize``); the
average size (the index's averages record). With the exact count the scores equal FTS5's.
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator
from itertools import accumulate
from typing import Any

from hrcase.services import search_index as ix

K1, B = 1.2, 0.75
_AVERAGES_ROWID = 1
"""The ``search_fts_data`` row holding the number of texts and of tokens per column."""


def varints(blob: bytes) -> Iterator[int]:
    """The SQLite varints of ``blob`` in turn (FTS5's sizes are stored so)."""
    value, count = 0, 0
    for byte in blob:
        count += 1
        if count == 9:
            yield (value << 8) | byte
            value, count = 0, 0
        elif byte & 0x80:
            value = (value << 7) | (byte & 0x7F)
        else:
            yield (value << 7) | byte
            value, count = 0, 0


def index_totals(cur: Any) -> tuple[int, int]:
    """(texts, tokens over all columns) of the index, as FTS5's ``xRowCount`` and
    ``xColumnTotalSize(-1)`` read them."""
    row = cur.execute("SELECT block FROM search_fts_data WHERE id = ?",
                      (_AVERAGES_ROWID,)).fetchone()
    numbers = list(varints(row[0])) if row and row[0] else [0]
    return numbers[0], sum(numbers[1:])


_APART = "\x00"
"""Joins the texts searched together; never part of a phrase's gap (see ``count_phrase``)."""


def count_phrase(bodies: dict[int, str], forms: tuple[str, ...]) -> Counter[int]:
    """How often the words ``forms`` (folded as ``ix.body_fold`` folds) follow each other in
    each text of ``bodies`` (docid → ``body`` column): FTS5's instance count of the phrase.

    Plain texts (``ix.is_plain_text``: nearly all) are folded and searched as one string: one
    pattern finds the first word, then looks ahead for the others, apart by anything but
    letters, digits and the joiner; each instance is then given to its text by its offset.
    Other texts are split into words one by one, as the highlighter does."""
    counts: Counter[int] = Counter()
    plain: list[tuple[int, str]] = []
    for docid, body in bodies.items():
        if _APART not in body and ix.is_plain_text(body):
            plain.append((docid, body))
        else:
            counts[docid] = _count_words(body, forms)
    gap = f"(?:[^\\w{_APART}]|_)+"
    pattern = re.compile(re.escape(forms[0]) + "(?=" + "".join(
        gap + re.escape(form) for form in forms[1:]) + r"(?![^\W_]))")
    joined = ix.fold_plain_text(_APART.join(body for _docid, body in plain))
    starts = [0, *accumulate(len(body) + 1 for _docid, body in plain)]
    for match in pattern.finditer(joined):
        at = match.start()
        if not at or not joined[at - 1].isalnum():
            counts[plain[bisect_right(starts, at) - 1][0]] += 1
    return counts


def _count_words(body: str, forms: tuple[str, ...]) -> int:
    """``count_phrase`` for one text, word by word."""
    tokens = [ix.body_fold(word) for word in ix.split_words(body)[1::2]]
    return len(ix.phrase_starts(tokens, forms, prefix=False))


def phrase_bm25(cur: Any, forms: tuple[str, ...], weight: float, docids: list[int]
                ) -> dict[int, float]:
    """FTS5's bm25 of the phrase ``forms`` in the ``body`` column (of weight ``weight``) for
    the texts ``docids`` that a walk found holding it, taking their number as the number of
    texts that hold it (see the module docstring)."""
    texts, tokens = index_totals(cur)
    matches = len(docids)
    if not docids or not texts:
        return dict.fromkeys(docids, 0.0)
    idf = math.log((texts - matches + 0.5) / (matches + 0.5))
    idf = idf if idf > 0 else 1e-6
    average = tokens / texts
    wanted = json.dumps(docids)
    bodies = dict(cur.execute("SELECT id, c0 FROM search_fts_content WHERE id IN "
                              "(SELECT value FROM json_each(?))", (wanted,)))
    sizes = dict(cur.execute("SELECT id, sz FROM search_fts_docsize WHERE id IN "
                             "(SELECT value FROM json_each(?))", (wanted,)))
    counts = count_phrase(bodies, forms)
    scores = {}
    for docid in docids:
        freq = weight * counts[docid]
        size = sum(varints(sizes.get(docid) or b""))
        scores[docid] = -idf * (freq * (K1 + 1)) / (freq + K1 * (1 - B + B * size / average))
    return scores
