"""Search: the faster query paths give the same hits as the plain ones.

A selective filter drives the search from its texts, a prefix is searched as the words it
begins, and bm25 is computed for the window's rows only; each is compared here with the path
it replaces (forced by setting its bound to zero) or with FTS5's own ranking. Every person and
text here is invented.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from hrcase.services import Services
from hrcase.services import search as search_module
from hrcase.services.search import (RANK, ParsedQuery, SearchFilters, SearchService, db_cursor,
                                    parse_query)
from hrcase.services.search_bm25 import count_phrase
from hrcase.vault import Vault

from .conftest import PASSPHRASE
from .helpers import add_case, add_person

RU = ("меня задержали в отделе полиции избили дубинками задержание продолжалось всю ночь "
      "следователь угрожал семье камера была холодной признание подписал").split()
EN = "they detained him at the station beat him and threatened his family overnight".split()
KK = "мені қамауға алды тергеуші ұрды тергеушілер қамауда ұстады".split()


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """Three cases with sixty short testimonies of shuffled common words."""
    vault, _ = Vault.create(tmp_path_factory.mktemp("paths") / "p.hrcase", PASSPHRASE)
    s = Services(vault, "Tester")
    rng = random.Random(3)
    cases = [add_case(s, name) for name in ("Шымкент", "Тараз", "Актобе")]
    persons = [add_person(s, name) for name in ("Холбоев Рустам", "Janar Sadykova",
                                                  "Әлібек Қасымов")]
    for case, person, role in zip(cases, persons, ("victim", "witness", "victim")):
        s.records.create("case_role", {"case_id": case.id, "person_id": person.id,
                                       "role": role})
    for i in range(60):
        lang, pool = [("ru", RU), ("en", EN), ("kk", KK)][i % 3]
        s.records.create("testimony", {
            "case_id": cases[i % len(cases)].id, "interviewee_id": persons[i % 3].id,
            "language": lang, "date": f"{2010 + i % 5}-0{1 + i % 9}",
            "text": " ".join(rng.choice(pool) for _word in range(12 + i % 7))
                    + (" всю ночь" if i % 4 == 0 else "")})
    yield {"search": SearchService(s), "cases": [c.id for c in cases]}
    vault.close()


QUERIES = ["избили", "задержание полиции", '"всю ночь"', "ночь -камера", "detained family",
           "тергеуші", "камера OR threatened", "зад*", "ЗАДЕРЖ*", "thr*", "тергеу*",
           "полиции -кам*", "st*"]


def _hits(w: dict[str, Any], query: str, filters: SearchFilters) -> list[tuple[Any, ...]]:
    return [(h.kind, h.id, round(h.score, 9), h.snippet, h.highlights)
            for h in w["search"].search(query, limit=50, filters=filters)]


def _filters(w: dict[str, Any]) -> list[SearchFilters]:
    return [SearchFilters(case_ids=(w["cases"][0],)),
            SearchFilters(case_ids=(w["cases"][1],), kinds=("testimony",)),
            SearchFilters(languages=("ru",), date_from="2011", date_to="2012-06"),
            SearchFilters(date_from="2012-02", date_to="2012-06"),  # short: drives
            SearchFilters(roles=("victim",))]


@pytest.mark.parametrize("query", QUERIES)
def test_selective_filter_finds_what_walking_the_matches_finds(
        world: dict[str, Any], query: str, monkeypatch: pytest.MonkeyPatch) -> None:
    driven = [_hits(world, query, f) for f in _filters(world)]
    monkeypatch.setattr(search_module, "SELECTIVE_TEXTS", 0)  # every filter checked per match
    assert driven == [_hits(world, query, f) for f in _filters(world)]
    assert any(driven)


def test_a_date_range_of_any_length_drives_and_kinds_or_languages_alone_do_not() -> None:
    assert search_module._driver(SearchFilters(date_from="2012-02", date_to="2012-06"))[0]
    assert search_module._driver(SearchFilters(date_from="1990"))[0]
    assert search_module._driver(SearchFilters(case_ids=("x",), date_from="2011"))[0]
    assert search_module._driver(SearchFilters(kinds=("testimony",),
                                               languages=("ru",)))[0] is None


def test_a_range_passing_too_many_texts_is_read_once_then_checked_per_match(
        world: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    wide = SearchFilters(languages=("ru",), date_from="2010", date_to="2014")
    with monkeypatch.context() as patch:
        patch.setattr(search_module, "_driver", lambda _filters: (None, []))
        walked = [_hits(world, q, wide) for q in QUERIES[:4]]
    monkeypatch.setattr(search_module, "SELECTIVE_TEXTS", 3)
    fills: list[Any] = []
    fill = search_module._fill_allowed
    monkeypatch.setattr(search_module, "_fill_allowed", lambda *a: fills.append(a) or fill(*a))
    assert [_hits(world, q, wide) for q in QUERIES[:4]] == walked
    assert len(fills) == 1  # the count is kept with the filter: not read again
    assert any(walked)


@pytest.mark.parametrize("limit", [1, 2, 5, 50])
def test_best_of_records_reads_records_until_enough(world: dict[str, Any], limit: int) -> None:
    rng = random.Random(limit)
    with world["search"].services.vault.reading() as session:
        cur = db_cursor(session)
        docs = {row[0]: row[1:] for row in cur.execute(
            "SELECT docid, hit_kind, hit_id, field, lang FROM search_doc")}
        scores = {docid: -float(rng.randrange(4)) for docid in docs}  # many ties
        found = search_module._best_of_records(cur, scores, limit)
    every: dict[tuple[str, str], tuple[Any, ...]] = {}
    for docid in sorted(scores, key=lambda d: (scores[d], d)):
        kind, record_id, field_name, lang = docs[docid]
        every.setdefault((kind, record_id), (kind, record_id, docid, field_name, lang,
                                             scores[docid]))
    assert found == list(every.values())[:limit]


def test_temp_tables_outlive_the_read_that_made_them(tmp_path: Path) -> None:
    vault, _ = Vault.create(tmp_path / "t.hrcase", PASSPHRASE)
    try:
        with vault.reading() as session:
            cur = db_cursor(session)
            search_module.keep_temp_tables(cur)
            assert cur.connection.in_transaction  # the read goes on in a transaction
            raw = cur.connection
        tables = {row[0] for row in raw.execute("SELECT name FROM temp.sqlite_master")}
        assert set(search_module.TEMP_TABLES) <= tables  # not rolled back with the read
    finally:
        vault.close()


def _case_texts(case_id: str) -> tuple[Any, ...]:
    """The arguments of ``_allowed`` for a filter on one case."""
    filters = SearchFilters(case_ids=(case_id,))
    condition, params = search_module.filter_sql(filters, "d.hit_kind", "d.subject_kind",
                                                 "d.subject_id", "d.lang")
    driver, driver_params = search_module._driver(filters)
    assert driver
    return driver, condition, (*driver_params, *params)


def test_driving_filter_set_is_kept_until_the_vault_changes(
        services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    s, vault = services, services.vault
    fills: list[str] = []
    fill = search_module._fill_allowed
    monkeypatch.setattr(search_module, "_fill_allowed",
                        lambda cur, *args: fills.append(args[0]) or fill(cur, *args))
    case, other = add_case(s, "Шымкент"), add_case(s, "Тараз")
    s.records.create("testimony", {"case_id": case.id, "text": "избили ночью"})
    args = _case_texts(case.id)
    with vault.reading() as session:
        cur = db_cursor(session)
        search_module.keep_temp_tables(cur)
        assert search_module._allowed(cur, *args) == 2  # the case's title and the text
        assert search_module._allowed(cur, *args) == 2 and len(fills) == 1  # kept
        assert search_module._allowed(cur, *_case_texts(other.id)) == 1
        assert search_module._allowed(cur, *args) == 2 and len(fills) == 3  # another filter
        s.records.create("testimony", {"case_id": case.id, "text": "задержали"})
        assert search_module._allowed(cur, *args) == 2  # this read does not see it yet
        cur.execute("COMMIT")
        cur.execute("BEGIN")  # a new read: another connection wrote
        assert search_module._allowed(cur, *args) == 3 and len(fills) == 4
        cur.execute("COMMIT")
        cur.execute("INSERT INTO setting (key, value) VALUES ('test.other', '1')")
        cur.execute("BEGIN")  # this connection wrote
        assert search_module._allowed(cur, *args) == 3 and len(fills) == 5
        assert search_module._allowed(cur, *args) == 3 and len(fills) == 5


def test_search_under_a_kept_filter_finds_a_new_text(services: Services) -> None:
    s = services
    search = SearchService(s)
    case = add_case(s, "Шымкент")
    s.records.create("testimony", {"case_id": case.id, "text": "избили ночью"})
    filters = SearchFilters(case_ids=(case.id,))
    assert len(search.search("избили", filters=filters)) == 1
    assert search.search("противогазом", filters=filters) == []
    added = s.records.create("testimony", {"case_id": case.id, "text": "противогазом"})
    assert [h.id for h in search.search("противогазом", filters=filters)] == [added.id]
    s.records.update("testimony", added.id, {"case_id": add_case(s, "Тараз").id})
    assert search.search("противогазом", filters=filters) == []


def test_a_driving_set_bounds_the_walk_to_its_span(services: Services) -> None:
    s = services
    written: dict[str, list[str]] = {}
    for title in ("Шымкент", "избили в Таразе", "Актобе"):  # each case, then its texts
        case = add_case(s, title)
        written[title] = [case.id] + [
            s.records.create("testimony", {"case_id": case.id, "text": text}).id
            for text in ("избили ночью", "задержали", "избили днём")]
    middle = written["избили в Таразе"]
    found = SearchService(s).search("избили", filters=SearchFilters(case_ids=(middle[0],)))
    # its first text (the case's title) and its last one are among the hits
    assert {hit.id for hit in found} == {middle[0], middle[1], middle[3]}


@pytest.mark.parametrize("query", [q for q in QUERIES if "*" in q] + ["Қамау*", "ca*"])
def test_prefix_as_its_words_finds_what_fts5_finds(
        world: dict[str, Any], query: str, monkeypatch: pytest.MonkeyPatch) -> None:
    expanded = _hits(world, query, SearchFilters())
    monkeypatch.setattr(search_module, "PREFIX_TERMS", 0)  # every prefix left to FTS5
    assert expanded == _hits(world, query, SearchFilters())


def test_prefix_words_come_from_the_body_column(world: dict[str, Any]) -> None:
    with world["search"].services.vault.reading() as session:
        terms = search_module.prefix_terms(db_cursor(session), parse_query("ЗАД* thr* q*"))
    assert terms == {"зад": ("задержали", "задержание"),
                     "thr": ("threatened",)}  # "q*" begins nothing: left to FTS5


def _fts5_and_ours(services: Services, parsed: ParsedQuery
                   ) -> tuple[dict[int, float], list[tuple[Any, ...]]]:
    """FTS5's bm25 of every text the query's ranking expression matches, and the best texts
    as search ranks them (no filter)."""
    with services.vault.reading() as session:
        cur = db_cursor(session)
        fts5 = dict(cur.execute(
            "SELECT rowid, rank FROM search_fts WHERE search_fts MATCH ? AND rank MATCH ?",
            (parsed.rank_fts(), RANK)).fetchall())
        return fts5, search_module._best_texts(cur, parsed, "1", [], 50)


@pytest.mark.parametrize("query", ["избили", "задержание полиции", "ночь -камера",
                                   "detained family", "камера OR threatened", '"всю ночь"',
                                   "тергеу* ұрды"])
def test_window_scores_are_fts5_bm25(world: dict[str, Any], query: str) -> None:
    every, found = _fts5_and_ours(world["search"].services, parse_query(query))
    assert found
    assert [round(row[5], 9) for row in found] == [round(every[row[2]], 9) for row in found]
    assert [row[5] for row in found] == sorted(row[5] for row in found)


AWKWARD = [
    "Меня её меня её меня увели ночью.",  # overlapping instances
    "МЕНЯ ЕЁ МЕНЯ — сказал он; меня,её,меня.",  # capitals, Ё, punctuation as the gap
    "меня_её_меня и меняеё меня: underscores part words, glued words do not match",
    "Café au lait, café au lait; CAFÉ AU LAIT.",  # Latin diacritics: not a plain text
    "cafe\u0301 au lait and cafe au lait",  # a combining accent
    "Қамауға алды. қамауға алды! ҚАМАУҒА АЛДЫ",  # Kazakh letters
    "ночь\nночью ночь 2011 ночь",  # one word as a phrase; a new line
]


@pytest.mark.parametrize("query", ['"меня её меня"', '"cafe au lait"', '"қамауға алды"',
                                   '"ночь"', '"ночь 2011"', '"её"'])
def test_a_lone_phrase_is_ranked_as_fts5_ranks_it(services: Services, query: str) -> None:
    case = add_case(services, "Ночь")
    for text in AWKWARD:
        services.records.create("testimony", {"case_id": case.id, "language": "ru",
                                              "text": text})
    parsed = parse_query(query)
    assert parsed.lone_phrase() is not None
    fts5, found = _fts5_and_ours(services, parsed)
    assert fts5
    assert {row[2]: round(row[5], 9) for row in found} == {
        docid: round(score, 9) for docid, score in fts5.items()}


def test_phrase_instances_are_counted_in_each_text() -> None:
    bodies = {1: "Всю ночь, всю  ночь", 2: "всю ночью", 3: "всю ночь_", 4: "и всю",
              5: "ночь и всю", 6: "ночь", 7: "всю\x00ночь"}  # 4–6: none across texts
    assert count_phrase(bodies, ("всю", "ночь")) == {1: 2, 3: 1, 7: 1}


@pytest.mark.parametrize("query", ['"всю ночь"', '"задержание"'])
def test_a_lone_phrase_under_a_filter_keeps_fts5s_order(
        world: dict[str, Any], query: str, monkeypatch: pytest.MonkeyPatch) -> None:
    ours = [[hit[:2] for hit in _hits(world, query, f)] for f in _filters(world)]
    monkeypatch.setattr(search_module.ParsedQuery, "lone_phrase", lambda self: None)
    assert ours == [[hit[:2] for hit in _hits(world, query, f)] for f in _filters(world)]
    assert any(ours)


def test_the_newest_texts_have_the_lowest_numbers(services: Services) -> None:
    case = add_case(services, "Numbering")
    first, second = (services.records.create("testimony", {"case_id": case.id, "text": text})
                     for text in ("первый текст", "второй текст"))
    search = SearchService(services)

    def numbers() -> dict[str, int]:
        with services.vault.reading() as session:
            return dict(db_cursor(session).execute(
                "SELECT source_id, min(docid) FROM search_doc WHERE source_id IN (?, ?) "
                "GROUP BY source_id", (first.id, second.id)).fetchall())

    assert numbers()[second.id] < numbers()[first.id]
    services.records.update("testimony", first.id, {"text": "первый текст, исправленный"})
    assert numbers()[first.id] < numbers()[second.id]
    search.rebuild_index()  # the rebuild numbers records in the order they were changed
    assert numbers()[first.id] < numbers()[second.id]
    with services.vault.reading() as session:  # a window of one holds the newest text
        cur = db_cursor(session)
        (newest,), = search_module._window(cur, parse_query("текст").fts(), False, 1, "1", [],
                                           False)
        assert cur.execute("SELECT source_id FROM search_doc WHERE docid = ?",
                           (newest,)).fetchone()[0] == first.id
