"""Search: word forms in Russian, Kazakh and English, names across scripts, filters, phrases,
ranking, snippets, safe query parsing, and an index kept in step with every change.

Every person and text here is invented.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlcipher3
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hrcase.domain.dates import PartialDate
from hrcase.errors import ValidationError
from hrcase.services import Services, records_io
from hrcase.services import search_index as ix
from hrcase.services.search import (Highlighter, SearchFilters, SearchQueryError, SearchService,
                                    db_cursor, parse_query, snippet)
from hrcase.services.search_names import _candidates as name_candidates
from hrcase.services.search_names import _heaviest as name_heaviest
from hrcase.services.search_names import _weights as name_weights
from hrcase.vault import Vault

from .conftest import PASSPHRASE
from .helpers import add_case, add_person, run_cli

LONG_RU = ("Это было в конце зимы. " * 12 + "Меня избили в отделе полиции, а потом заставили "
           "подписать признание. " + "Потом меня отвезли домой. " * 12)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """A vault with a small invented case file, shared by the read-only tests."""
    vault, _ = Vault.create(tmp_path_factory.mktemp("search") / "w.hrcase", PASSPHRASE)
    s = Services(vault, "Tester")
    r = s.records.create
    w: dict[str, Any] = {"services": s, "search": SearchService(s)}
    case = w["case"] = add_case(s, "Шымкент")
    other_case = w["other_case"] = add_case(s, "Тараз")
    town = w["town"] = r("place", {"name": {"ru": "Шымкент"}, "place_type": "town"})
    station = w["station"] = r("place", {"name": {"ru": "ОП-3"}, "place_type": "police_station",
                                         "parent_id": town.id})
    police = w["police"] = r("organisation", {"name": {"ru": "ДП области"}, "org_type": "police"})
    unit = w["unit"] = r("organisation", {"name": {"ru": "ОМОН"}, "org_type": "special_police",
                                          "parent_id": police.id})
    victim = w["victim"] = add_person(s, "Холбоев Рустам", birth="1974")
    w["brother"] = add_person(s, "Холбоев Бахтиёр", birth="1971")
    w["kolboev"] = add_person(s, "Kolboev Rustam")
    w["alibek"] = add_person(s, "Әлібек Қасымов")
    w["utkir"] = add_person(s, "Ўткир Тошматов")
    witness = w["witness"] = add_person(s, "Janar Sadykova")
    r("case_role", {"case_id": case.id, "person_id": victim.id, "role": "victim"})
    r("case_role", {"case_id": case.id, "person_id": witness.id, "role": "witness"})
    event = w["event"] = r("event", {"case_id": case.id, "event_type": "detention",
                                     "start": "2011-12-16", "end": "2011-12-19",
                                     "place_id": station.id,
                                     "description": "Задержание на рынке, доставлен в отдел."})
    w["allegation"] = r("allegation", {
        "case_id": case.id, "victim_id": victim.id, "event_id": event.id,
        "methods": ["beating", "asphyxiation"], "articles": ["cat_1"], "language": "ru",
        "description": "Надевали противогаз и избивали дубинками.",
        "medical_findings": "Гематомы на спине."})
    r("perpetrator", {"allegation_id": w["allegation"].id, "organisation_id": unit.id})
    w["t_ru"] = r("testimony", {"case_id": case.id, "interviewee_id": victim.id,
                                "language": "ru", "date": "2011-12", "place_id": station.id,
                                "title": "Показания Холбоева", "text": LONG_RU})
    w["t_ru2"] = r("testimony", {"case_id": case.id, "interviewee_id": witness.id,
                                 "language": "ru", "date": "2012-03-05",
                                 "text": "Избиение продолжалось всю ночь. Избиение, избиение."})
    w["t_kk"] = r("testimony", {"case_id": other_case.id, "language": "kk", "date": "2015",
                                "text": "Мені қамауға алды. Қазақ тілінде сөйлегенім үшін "
                                        "тергеуші ұрды. Тергеушілер қамауда ұстады."})
    w["t_en"] = r("testimony", {"case_id": other_case.id, "language": "en",
                                "text": "He was tortured at the station. The torture lasted "
                                        "days; no café, no water.", "date": ""})
    w["t_cossack"] = r("testimony", {"case_id": other_case.id, "language": "ru",
                                     "text": "Казак на коне проехал мимо."})
    w["translation"] = r("translation", {"target_kind": "testimony", "target_id": w["t_ru"].id,
                                         "language": "en", "text": "They beat me at the "
                                         "police station and made me sign a confession."})
    w["t_yo"] = r("testimony", {"case_id": other_case.id, "language": "ru",
                                "text": "Всё ещё болит ребро."})
    yield w
    vault.close()


def ids(hits: list[Any]) -> list[str]:
    return [h.id for h in hits]


def find(w: dict[str, Any], query: str, **filters: Any) -> list[Any]:
    return w["search"].search(query, filters=SearchFilters(**filters))


# -- languages --------------------------------------------------------------------------------
@pytest.mark.parametrize("query", ["избили", "ИЗБИЛИ", "избиение", "избит", "избивали",
                                   "Избиения"])
def test_russian_word_forms_find_one_another(world: dict[str, Any], query: str) -> None:
    found = ids(find(world, query))
    assert world["t_ru"].id in found and world["t_ru2"].id in found


def test_russian_forms_of_other_words(world: dict[str, Any]) -> None:
    assert world["event"].id in ids(find(world, "задержали"))
    assert world["allegation"].id in ids(find(world, "противогазом"))
    assert world["allegation"].id in ids(find(world, "гематома"))


def test_yo_and_ye_are_one_letter(world: dict[str, Any]) -> None:
    assert world["t_yo"].id in ids(find(world, "еще"))
    assert world["t_yo"].id in ids(find(world, "ещё"))
    assert world["t_yo"].id in ids(find(world, '"все еще"'))


def test_kazakh_letters_case_and_prefixes(world: dict[str, Any]) -> None:
    t_kk = world["t_kk"].id
    assert t_kk in ids(find(world, "ҚАЗАҚ"))
    assert t_kk in ids(find(world, "қамау"))  # қамауға, қамауда
    assert t_kk in ids(find(world, "тергеуші"))  # тергеушілер
    assert t_kk in ids(find(world, "тергеу*"))
    assert t_kk in ids(find(world, "Қамауға"))


def test_kazakh_typed_without_kazakh_letters(world: dict[str, Any]) -> None:
    found = ids(find(world, "Казак"))
    assert world["t_kk"].id in found and world["t_cossack"].id in found
    # the exact spelling ranks first either way
    assert ids(find(world, "Қазақ"))[0] == world["t_kk"].id
    assert ids(find(world, "Казак"))[0] == world["t_cossack"].id


def test_english_stems_and_diacritics(world: dict[str, Any]) -> None:
    assert world["t_en"].id in ids(find(world, "torturing"))
    assert world["t_en"].id in ids(find(world, "TORTURE"))
    assert world["t_en"].id in ids(find(world, "cafe"))
    assert world["translation"].id in ids(find(world, "confessions"))


# -- query language -----------------------------------------------------------------------------
def test_phrase_is_exact_and_in_order(world: dict[str, Any]) -> None:
    assert ids(find(world, '"меня избили"')) == [world["t_ru"].id]
    assert find(world, '"избили меня"') == []
    assert world["t_ru2"].id not in ids(find(world, '"избили"'))  # exact form only


def test_or_and_exclusion(world: dict[str, Any]) -> None:
    found = ids(find(world, "противогаз OR тергеуші"))
    assert world["allegation"].id in found and world["t_kk"].id in found
    assert world["t_ru2"].id not in ids(find(world, "избиение -ночь"))
    assert world["t_ru"].id in ids(find(world, "избиение -ночь"))
    found = ids(find(world, 'избиение -"меня избили"'))
    assert world["t_ru2"].id in found and world["t_ru"].id not in found


def test_parse_query_structure() -> None:
    parsed = parse_query('Абдул-Карим "меня избили" тергеу* a OR b -нет -"совсем нет"')
    assert [[p.words for p in g] for g in parsed.groups] == [
        [("Абдул", "Карим")], [("меня", "избили")], [("тергеу",)], [("a",), ("b",)]]
    assert parsed.groups[1][0].exact and parsed.groups[2][0].prefix
    assert [p.words for p in parsed.excluded] == [("нет",), ("совсем", "нет")]
    assert parse_query("Холбоев Рустам").name_text() == "Холбоев Рустам"
    assert parse_query('"Холбоев"').name_text() is None


INJECTIONS = ['"', '""', "*", "**", "NEAR(", "NEAR(a b, 2)", "OR", "AND", "NOT", "-", "--",
              "col:", "body:избили", "root : изб", "{body root}: x", "^избили", "избили)",
              "((избили", "a OR OR b", "' OR 1=1 --", '"unterminated избили', "избили*)*",
              "\x00избили", "ИЗБИЛИ; DROP TABLE person;", "+избили", "a AND NOT b", "😀"]


@pytest.mark.parametrize("query", INJECTIONS)
def test_fts_syntax_in_queries_is_text(world: dict[str, Any], query: str) -> None:
    try:
        hits = find(world, query)
    except SearchQueryError as err:
        assert str(err) and "\n" not in str(err)
        return
    assert isinstance(hits, list)
    for word in ("избили",):
        if word in query.lower() and '"' not in query and "-" not in query:
            assert world["t_ru"].id in ids(hits) or ":" in query or ";" in query


def test_nothing_to_search_is_one_clear_error(world: dict[str, Any]) -> None:
    for query in ("", "   ", "-избили", "OR", "*", "!!!"):
        with pytest.raises(SearchQueryError):
            find(world, query)
    with pytest.raises(SearchQueryError):
        find(world, " ".join(["слово"] * 40))


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)
       | st.lists(st.sampled_from(['"', "*", "-", "OR", "NOT", "NEAR(", ":", "(", ")", "{", "}",
                                  "^", "избили", "Қазақ", "col", " ", "+", "AND"]),
                  max_size=12).map("".join))
def test_any_text_gives_results_or_one_clear_error(world: dict[str, Any], query: str) -> None:
    try:
        hits = world["search"].search(query, limit=5)
    except SearchQueryError:
        return
    assert all(h.kind in ix.INDEXED_FIELDS for h in hits)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80),
       st.sampled_from(["", "ru", "kk", "en"]))
def test_root_column_has_one_fts_token_per_word(text: str, lang: str) -> None:
    conn = sqlcipher3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE f USING fts5(root, "
                 "tokenize='unicode61 remove_diacritics 2')")
    conn.execute("CREATE VIRTUAL TABLE v USING fts5vocab(f, 'instance')")
    conn.execute("INSERT INTO f VALUES (?)", (ix.root_column(text, lang),))
    offsets = sorted(row[0] for row in conn.execute("SELECT offset FROM v"))
    assert offsets == list(range(len(ix.words(text))))


# -- ranking and snippets -----------------------------------------------------------------------
def test_ranking_exact_form_and_frequency_first(world: dict[str, Any]) -> None:
    found = ids(find(world, "избиение"))
    assert found.index(world["t_ru2"].id) < found.index(world["t_ru"].id)
    scores = [h.score for h in find(world, "избиение")]
    assert scores == sorted(scores, reverse=True)


def test_snippet_highlights_the_word_as_written(world: dict[str, Any]) -> None:
    hit = next(h for h in find(world, "избиение") if h.id == world["t_ru"].id)
    assert "[избили]" in hit.marked()
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…")
    assert len(hit.snippet) < len(LONG_RU)
    assert all(hit.snippet[a:b] == "избили" for a, b in hit.highlights)
    assert hit.field == "text" and hit.language == "ru" and hit.match == "text"
    phrase = next(h for h in find(world, '"заставили подписать"'))
    assert "[заставили подписать]" in phrase.marked()


def test_snippet_function_cuts_at_words() -> None:
    text = "слово " * 100 + "цель " + "слово " * 100
    start = text.index("цель")
    part, spans = snippet(text, [(start, start + 4)], width=60)
    assert part.startswith("…") and part.endswith("…") and len(part) <= 64
    assert [part[a:b] for a, b in spans] == ["цель"]
    assert snippet("короткий текст", [(0, 8)]) == ("короткий текст", ((0, 8),))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80))
def test_split_words_reads_the_words_of_word(text: str) -> None:
    parts = ix.split_words(text)
    assert "".join(parts) == text
    assert parts[1::2] == ix.WORD.findall(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80)
       | st.text(alphabet="Ёё ЙйҚқӘәIİi-,.Straße\u0483", max_size=40))
def test_a_text_folded_whole_reads_each_word_as_body_fold(text: str) -> None:
    folded = ix.body_fold_text(text)
    if folded is not None:
        assert [folded[w.start:w.end] for w in ix.words(text)] == [
            ix.body_fold(w.text) for w in ix.words(text)]
    assert ix.body_fold_text("Меня ИЗБИЛИ, police") == "меня избили, police"


def test_plain_text_lowers_as_it_casefolds() -> None:
    plain = [chr(c) for c in range(0x3000) if ix.is_plain_text(chr(c))]
    assert len(plain) > 400 and all(ch.lower() == ch.casefold() for ch in plain)


def _plain_spans(query: str, body: str, root: str) -> list[tuple[int, int]]:
    """What the highlighter must find, by the plainest scan: every phrase of the query at every
    word, in the text as written and (unless quoted) through the root tokens."""
    found = ix.words(body)
    columns = {False: [ix.body_fold(w.text) for w in found], True: root.split(" ")}
    spans = []
    for group in parse_query(query).groups:
        for phrase in group:
            patterns = [(False, [ix.body_fold(w) for w in phrase.words])]
            if not phrase.exact and len(phrase.words) > 1:
                patterns += [(True, [ix.root(w, lang) for w in phrase.words])
                             for lang in ("", "kk")]
            elif not phrase.exact and not phrase.prefix:
                patterns += [(True, [r]) for r in ix.query_roots(phrase.words[0])]
            for in_root, forms in patterns:
                tokens = columns[in_root]
                for i in range(len(found) - len(forms) + 1):
                    got = tokens[i:i + len(forms)]
                    if got[:-1] == forms[:-1] and (got[-1].startswith(forms[-1]) if phrase.prefix
                                                   else got[-1] == forms[-1]):
                        spans.append((found[i].start, found[i + len(forms) - 1].end))
    return sorted(set(spans))


_HIGHLIGHT_WORDS = ["избили", "Избиение", "ИЗБИВАЛИ", "в", "отделе", "полиции", "қамауға",
                    "Қамау", "beaten", "beat", "Police", "José", "Jose\u0301", "ё", "е", "ёлка"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_HIGHLIGHT_WORDS + [", ", ". ", " - ", "\n", " — ", "«", "» ",
                                                   " № ", "…"]), max_size=30),
       st.lists(st.sampled_from(_HIGHLIGHT_WORDS), min_size=1, max_size=3),
       st.sampled_from(["{}", '"{}"', "{}*", "{} OR отделе"]), st.sampled_from(["ru", "kk", "en"]))
def test_highlighter_marks_what_a_plain_scan_marks(text: list[str], words: list[str],
                                                   shape: str, lang: str) -> None:
    body = ix.body_column(" ".join(text))
    query = shape.format(" ".join(words))
    highlighter = Highlighter(parse_query(query))
    root = ix.root_column(body, lang)
    assert sorted(set(highlighter.spans(body, root))) == _plain_spans(query, body, root)


# -- names ------------------------------------------------------------------------------------
@pytest.mark.parametrize("query", ["Kholboev Rustam", "Xolboyev Rustam", "Holboev Rustam",
                                   "Kholboyev Rustam", "Rustam Kholboev", "Xolboev Rustam",
                                   "Холбаев Рустам", "Kholbov Rustam", "ХОЛБОЕВ РУСТАМ",
                                   "Rustam Xolboyev"])
def test_person_found_however_the_name_is_written(world: dict[str, Any], query: str) -> None:
    hits = world["search"].search(query)
    assert hits[0].kind == "person" and hits[0].id == world["victim"].id, hits[:3]
    assert hits[0].match == "name"


@pytest.mark.parametrize("query", ["Холбоев", "Kholboev", "Xolboyev", "Holboev", "Kholboyev"])
def test_surname_alone_finds_the_family(world: dict[str, Any], query: str) -> None:
    hits = world["search"].search(query)
    assert {h.id for h in hits[:2]} == {world["victim"].id, world["brother"].id}
    assert hits[2].id == world["kolboev"].id  # a letter apart ranks below


@pytest.mark.parametrize(("query", "key"), [
    ("Alibek Kasymov", "alibek"), ("Älıbek Qasymov", "alibek"), ("Kasymov Alibek", "alibek"),
    ("O'tkir Toshmatov", "utkir"), ("Utkir Tashmatov", "utkir"), ("Otkir Toshmatov", "utkir"),
    ("Жанар Садыкова", "witness"), ("Zhanar Sadykova", "witness"),
])
def test_kazakh_uzbek_and_press_spellings(world: dict[str, Any], query: str, key: str) -> None:
    assert world["search"].search_persons(query)[0].id == world[key].id


def test_best_name_match_ranks_first(world: dict[str, Any]) -> None:
    hits = world["search"].search_persons("Kholboev Rustam")
    assert ids(hits)[:2] == [world["victim"].id, world["kolboev"].id]
    assert world["brother"].id not in ids(hits)  # another given name: another person
    assert hits[0].score >= hits[1].score
    assert hits[0].label == "Холбоев Рустам"
    surname = world["search"].search_persons("Холбоев")
    assert {world["victim"].id, world["brother"].id} <= set(ids(surname))


def test_name_candidates_are_the_most_weighted_names(world: dict[str, Any]) -> None:
    keys = sorted(ix.lookup_keys("Kholboev Rustam"))
    with world["search"].services.vault.reading() as session:
        cur = db_cursor(session)
        expected = cur.execute(
            "SELECT k.nid, sum(CASE substr(k.key, 1, 1) WHEN 'n' THEN 4 WHEN 'w' THEN 3 "
            "WHEN 'c' THEN 2 ELSE 1 END) AS w FROM search_name_key k "
            f"WHERE k.key IN ({', '.join('?' for _k in keys)}) GROUP BY k.nid "
            "ORDER BY w DESC, k.nid LIMIT 3", keys).fetchall()
        found = name_candidates(cur, keys, 3)
    assert len(found) == 3
    assert found == expected


@pytest.mark.parametrize(("common", "limit"), [(0, 20), (400, 20), (400, 200)])
def test_name_weights_leave_out_only_names_that_cannot_win(common: int, limit: int) -> None:
    rng = random.Random(common)
    postings = {"w:rustam": [str(n) for n in range(0, 300, 2)],
                "c:rstm": [str(n) for n in range(0, 300, 3)], "n:holboev rustam": ["6", "12"],
                "p:rust": [str(n) for n in range(0, 900, 5)],
                "s:stam": list(dict.fromkeys(str(rng.randrange(5000)) for _n in range(common)))}
    every: dict[str, int] = {}
    for key, nids in postings.items():
        for nid in nids:
            every[nid] = every.get(nid, 0) + {"n": 4, "w": 3, "c": 2}.get(key[0], 1)
    weights = name_weights(postings, limit)
    best = sorted(weights.items(), key=lambda item: (-item[1], int(item[0])))[:limit]
    assert best == sorted(every.items(), key=lambda item: (-item[1], int(item[0])))[:limit]
    assert all(weights[nid] == every[nid] for nid in weights)
    # 150 names weigh 3 or more without the two keys of weight 1: enough for 20, not for 200
    assert (len(weights) < len(every)) == (limit == 20)


@pytest.mark.parametrize("limit", [1, 5, 12, 40, 100])
def test_heaviest_names_are_ranked_by_weight_then_number(limit: int) -> None:
    rng = random.Random(limit)
    weights = Counter({str(nid): rng.choice([1, 1, 2, 5, 5, 9]) for nid in rng.sample(range(999),
                                                                                     60)})
    expected = sorted(((int(nid), weight) for nid, weight in weights.items()),
                      key=lambda item: (-item[1], item[0]))[:limit]
    assert name_heaviest(weights, limit) == expected  # all 60 when the limit is higher
    assert name_heaviest(Counter(), limit) == []


def test_unrelated_name_is_not_found(world: dict[str, Any]) -> None:
    assert world["search"].search_persons("Petrova Svetlana") == []


# -- filters ----------------------------------------------------------------------------------
def test_filters_by_kind_case_language(world: dict[str, Any]) -> None:
    assert set(ids(find(world, "избиение", kinds=("allegation",)))) == {world["allegation"].id}
    assert world["translation"].id in ids(find(world, "confession", kinds=("testimony",)))
    assert ids(find(world, "confession", kinds=("translation",))) == [world["translation"].id]
    assert world["translation"].id in ids(find(world, "confession", case_ids=(world["case"].id,)))
    assert find(world, "confession", case_ids=(world["other_case"].id,)) == []
    assert set(ids(find(world, "избиение", languages=("kk",)))) == set()
    assert world["t_kk"].id in ids(find(world, "қамау", languages=("kk",)))
    victim = find(world, "Холбоев", case_ids=(world["case"].id,), kinds=("person",))
    assert world["victim"].id in ids(victim) and world["kolboev"].id not in ids(victim)


def test_filters_by_method_article_organisation(world: dict[str, Any]) -> None:
    allegation, victim = world["allegation"].id, world["victim"].id
    for filters in ({"methods": ("asphyxiation",)}, {"articles": ("cat_1",)},
                    {"organisation_ids": (world["police"].id,)},  # the unit is under it
                    {"organisation_ids": (world["unit"].id,)}):
        assert allegation in ids(find(world, "противогаз", **filters)), filters
        assert world["t_ru"].id in ids(find(world, "избили", **filters))  # the victim's account
        assert victim in ids(find(world, "Холбоев Рустам", **filters))
    assert find(world, "противогаз", methods=("electric_shock",)) == []
    assert world["t_ru2"].id not in ids(find(world, "избиение", methods=("beating",)))
    assert world["unit"].id in ids(find(world, "ОМОН", organisation_ids=(world["police"].id,)))


def test_filters_by_place_and_role(world: dict[str, Any]) -> None:
    town = world["town"].id
    assert world["event"].id in ids(find(world, "рынке", place_ids=(town,)))
    assert world["allegation"].id in ids(find(world, "противогаз", place_ids=(town,)))
    assert world["t_ru"].id in ids(find(world, "избили", place_ids=(town,)))
    assert world["t_ru2"].id not in ids(find(world, "избиение", place_ids=(town,)))
    assert world["t_ru2"].id in ids(find(world, "избиение", roles=("witness",)))
    assert world["t_ru"].id not in ids(find(world, "избиение", roles=("witness",)))
    assert ids(find(world, "Sadykova", roles=("witness",), kinds=("person",))) == \
        [world["witness"].id]
    assert find(world, "Sadykova", roles=("victim",), kinds=("person",)) == []


@pytest.mark.parametrize(("start", "end", "expected"), [
    ("2011-12-18", "", {"event", "allegation", "t_ru", "t_ru2"}),   # event 16–19 Dec 2011
    ("2011", "2011", {"event", "allegation", "t_ru"}),               # testimony "2011-12"
    ("2011-12-20", "2012-02", {"t_ru"}),                             # only the month overlaps
    ("", "2011-11", set()),
    ("2012", "", {"t_ru2"}),
    ("late 2011", "2011", {"event", "allegation", "t_ru"}),
])
def test_date_filter_overlaps_partial_dates(world: dict[str, Any], start: str, end: str,
                                            expected: set[str]) -> None:
    found = set(ids(find(world, "избиение OR задержание OR противогаз", date_from=start,
                         date_to=end)))
    keys = {k for k in ("event", "allegation", "t_ru", "t_ru2") if world[k].id in found}
    assert keys == expected
    # the same answer as PartialDate.overlaps on the records' own dates
    span = PartialDate.parse(f"{start or '..'}/{end or '..'}")
    dates = {"event": "2011-12-16/2011-12-19", "allegation": "2011-12-16/2011-12-19",
             "t_ru": "2011-12", "t_ru2": "2012-03-05"}
    assert {k for k, d in dates.items() if PartialDate.parse(d).overlaps(span)} == expected


def test_bad_filters_are_clear_errors(world: dict[str, Any]) -> None:
    for filters in ({"methods": ("boxing",)}, {"kinds": ("planet",)}, {"languages": ("xx",)},
                    {"date_from": "the day after"}, {"date_from": "2012", "date_to": "2011"}):
        with pytest.raises(ValidationError):
            find(world, "избиение", **filters)


# -- the index in step ------------------------------------------------------------------------
def _index_snapshot(services: Services) -> tuple[Any, ...]:
    with services.vault.reading() as session:
        conn = session.connection()
        docs = sorted(conn.exec_driver_sql(
            "SELECT d.source_id, d.hit_kind, d.hit_id, d.subject_id, d.field, d.lang, f.body, "
            "f.root FROM search_doc d JOIN search_fts f ON f.rowid = d.docid").all())
        dates = sorted(conn.exec_driver_sql("SELECT * FROM search_date").all())
        keys = sorted(conn.exec_driver_sql(
            "SELECT n.name_id, n.person_id, k.key FROM search_name n "
            "JOIN search_name_key k ON k.nid = n.nid").all())
        fts = conn.exec_driver_sql("SELECT count(*) FROM search_fts").scalar()
    return docs, dates, keys, fts


def test_index_follows_updates_and_deletes(services: Services) -> None:
    search = SearchService(services)
    case = add_case(services)
    t = services.records.create("testimony", {"case_id": case.id, "language": "ru",
                                              "text": "Его душили пакетом."})
    assert ids(search.search("душили")) == [t.id]
    services.records.update("testimony", t.id, {"text": "Его били током."})
    assert search.search("душили") == [] and ids(search.search("током")) == [t.id]
    person = add_person(services, "Нуржан Ермеков")
    name = services.records.list("person_name", filters={"person_id": person.id})[0]
    services.records.update("person_name", name.id, {"text": "Бекзат Сулейменов"})
    assert search.search_persons("Ermekov Nurzhan") == []
    assert ids(search.search_persons("Suleimenov Bekzat")) == [person.id]
    services.records.delete("person", person.id)
    assert search.search_persons("Suleimenov Bekzat") == [] and search.search("Сулейменов") == []
    services.records.delete("testimony", t.id)
    assert search.search("током") == []
    before = _index_snapshot(services)
    search.rebuild_index()
    assert _index_snapshot(services) == before


def test_index_follows_imports(services: Services, tmp_path: Path) -> None:
    case = add_case(services)
    person = add_person(services, "Гульнара Тулегенова", birth="1980")
    t = services.records.create("testimony", {"case_id": case.id, "language": "kk",
                                              "text": "Тергеушілер түнде сұрақ қойды."})
    buffer = tmp_path / "out.json"
    with buffer.open("w", encoding="utf-8") as out:
        records_io.export_json(services.vault, out, "Tester")
    other, _ = Vault.create(tmp_path / "other.hrcase", PASSPHRASE)
    try:
        received = Services(other, "Other")
        records_io.import_json(other, buffer.read_bytes(), "Other", received.hooks)
        again = SearchService(received)
        assert ids(again.search("тергеуші")) == [t.id]
        assert ids(again.search_persons("Gulnara Tulegenova")) == [person.id]
        csv_text = "name,birth_year\nБакыт Омаров,1969\n"
        records_io.import_persons_csv(other, csv_text, "Other", received.hooks)
        assert again.search_persons("Bakyt Omarov")[0].label == "Бакыт Омаров"
        before = _index_snapshot(received)
        again.rebuild_index()
        assert _index_snapshot(received) == before
    finally:
        other.close()


def test_dates_follow_the_event_of_an_allegation(services: Services) -> None:
    search = SearchService(services)
    case = add_case(services)
    event = services.records.create("event", {"case_id": case.id, "event_type": "arrest",
                                              "start": "2009-05"})
    allegation = services.records.create("allegation", {"case_id": case.id,
                                                        "event_id": event.id,
                                                        "description": "Угрожали семье."})
    in_2009 = SearchFilters(date_from="2009", date_to="2009")
    assert ids(search.search("угрожали", filters=in_2009)) == [allegation.id]
    services.records.update("event", event.id, {"start": "2013-01"})
    assert search.search("угрожали", filters=in_2009) == []
    later = SearchFilters(date_from="2013")
    assert ids(search.search("угрожали", filters=later)) == [allegation.id]


def test_missing_index_is_rebuilt_before_searching(services: Services) -> None:
    case = add_case(services)
    quiet = Services(services.vault, "Tester")
    quiet.records.hooks = []  # a writer that forgot the hook
    t = quiet.records.create("testimony", {"case_id": case.id, "text": "Пытали током.",
                                           "language": "ru"})
    with services.vault.writing() as session:
        session.connection().exec_driver_sql(
            "DELETE FROM setting WHERE key = ?", (ix.VERSION_SETTING,))
    search = SearchService(services)
    assert not search.index_is_current()
    assert ids(search.search("пытки")) == [t.id]
    assert search.index_is_current()


# -- the command line ---------------------------------------------------------------------------
def test_cli_search_with_filters_and_errors(tmp_path: Path) -> None:
    path = tmp_path / "cli.hrcase"
    vault, _ = Vault.create(path, PASSPHRASE)
    s = Services(vault, "Tester")
    case = add_case(s)
    person = add_person(s, "Холбоев Рустам")
    t = s.records.create("testimony", {"case_id": case.id, "interviewee_id": person.id,
                                       "language": "ru", "date": "2011-12",
                                       "text": "Меня избили в отделе."})
    vault.close()
    result = run_cli("--vault", str(path), "search", "избиение", "--json", "--kind", "testimony",
                     "--from", "2011", "--to", "2012", "--lang", "ru", passphrase=PASSPHRASE)
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)
    assert [h["id"] for h in hits] == [t.id]
    assert hits[0]["highlights"] and "избили" in hits[0]["snippet"]
    result = run_cli("--vault", str(path), "search", "Xolboyev", passphrase=PASSPHRASE)
    assert result.returncode == 0 and result.stdout.startswith(f"person\t{person.id}\t")
    for bad, code in (('"', 2), ("избили --method boxing", 3)):
        args = bad.split(" --")
        extra = ["--" + a for a in args[1:]]
        result = run_cli("--vault", str(path), "search", args[0], *" ".join(extra).split(),
                         passphrase=PASSPHRASE)
        assert result.returncode == code, result.stderr
        assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
