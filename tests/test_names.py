"""Cross-script name matching (invented names only)."""

from __future__ import annotations

from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hrcase.domain.names import (
    MAX_WORDS,
    best_matches,
    name_keys,
    name_similarity,
    search_prefixes,
    skeleton,
    token_skeletons,
)

KHOLBOEV = ["Kholboev Rustam", "Холбоев Рустам", "Xolboyev Rustam", "Rustam Holboev",
            "Xolboev Rustam", "Kholboyev Rustam", "ХОЛБОЕВ РУСТАМ", "Холбоев  Рустам,"]
KASYMOV = ["Әлібек Қасымов", "Älıbek Qasymov", "Alibek Kasymov", "Алибек Касымов",
           "ÄLIBEK QASYMOV", "Qasymov Älıbek"]
URINBOEV = ["Ўринбоев Ғулом", "O'rinboyev G'ulom", "Oʻrinboyev Gʻulom", "O’rinboyev G’ulom",
            "Urinboev Gulom", "Уринбоев Гулом"]
JUMABAEVA = ["Жұмабаева Айгерім", "Jūmabaeva Aigerım", "Zhumabaeva Aigerim",
             "Джумабаева Айгерим", "Dzhumabaeva Aigerim", "Jumabayeva Aygerim"]


@pytest.mark.parametrize("spelling", ["Kholboev", "Холбоев", "Xolboyev", "Holboev", "Xolboev",
                                      "Kholboyev", "KHOLBOEV", "ХОЛБОЕВ"])
def test_spellings_share_one_skeleton(spelling: str) -> None:
    assert skeleton(spelling) == "holboev"


@pytest.mark.parametrize("group", [KHOLBOEV, KASYMOV, URINBOEV, JUMABAEVA])
def test_spellings_of_one_name_score_high(group: list[str]) -> None:
    for a, b in combinations(group, 2):
        assert name_similarity(a, b) >= 0.9, (a, b)


@pytest.mark.parametrize(("a", "b"), [
    ("Yusupov", "Юсупов"), ("Iusupov", "Юсупов"), ("Jusupov", "Юсупов"),
    ("Fyodorov", "Фёдоров"), ("Fedorov", "Фёдоров"), ("Федоров", "Фёдоров"),
    ("Ilyin", "Ильин"), ("Il'in", "Ильин"), ("Il’in", "Ильин"),
    ("Mariia", "Мария"), ("Mariya", "Мария"), ("Maria", "Мария"),
    ("Alekseyev", "Алексеев"), ("Yevgeniy", "Евгений"), ("Evgenii", "Евгений"),
    ("Zhanna", "Жанна"), ("Janna", "Жанна"), ("Tsoy", "Цой"), ("Tsoi", "Цой"),
    ("Shamshieva", "Шамшиева"), ("Şamşieva", "Шамшиева"), ("Shchukina", "Щукина"),
    ("Ashat", "Асхат"), ("Askhat", "Асхат"), ("Xasanov", "Ҳасанов"), ("Khasanov", "Ҳасанов"),
    ("Abdul-Karim", "Abdulkarim"), ("Hasenūly", "Хасенұлы"), ("Yerlan", "Ерлан"),
])
def test_transliteration_pairs_match_fully(a: str, b: str) -> None:
    assert name_similarity(a, b) == 1.0


def test_one_or_two_letters_of_difference() -> None:
    assert name_similarity("Kholbaev Rustam", "Kholboev Rustam") >= 0.9
    assert name_similarity("Kholbaev Rustan", "Холбоев Рустам") >= 0.8
    assert name_similarity("Kasymova", "Kasimov") >= 0.85
    assert name_similarity("Nurlanov Timur", "Nurlanova Timur") >= 0.9
    assert name_similarity("Qasymvo", "Касымов") >= 0.8  # transposed letters


def test_swapped_order_missing_patronymic_and_initials() -> None:
    assert name_similarity("Rustam Kholboev", "Холбоев Рустам") == 1.0
    assert name_similarity("Kholboev Rustam Akmalovich", "Rustam Kholboev") >= 0.75
    assert name_similarity("Холбоев Рустам Акмалович", "Kholboev Rustam Akmalovich") == 1.0
    assert name_similarity("R. Kholboev", "Rustam Kholboev") >= 0.8
    assert name_similarity("Abdul Karim Yusupov", "Abdulkarim Yusupov") >= 0.9
    assert name_similarity("Yusupov Abdul Karim", "Абдулкарим Юсупов") >= 0.9


@pytest.mark.parametrize(("a", "b"), [
    ("Kholboev Rustam", "Aigerim Nurlanova"),
    ("Юсупов Тимур", "Шалқарова Айгерім"),
    ("Qasymov Älıbek", "Ўринбоев Ғулом"),
    ("Zhanna Tsoy", "Ерлан Бекмұратов"),
    ("Kholboev", "Nurlanova"),
])
def test_unrelated_names_score_low(a: str, b: str) -> None:
    assert name_similarity(a, b) < 0.4


def test_a_shared_given_name_alone_is_not_a_match() -> None:
    assert name_similarity("Kholboev Rustam", "Karimov Rustam") < 0.6


def test_names_without_letters() -> None:
    assert name_similarity("", "") == 1.0
    assert name_similarity("???", "???") == 1.0
    assert name_similarity("???", "!!") == 0.0
    assert name_similarity("", "Kholboev") == 0.0
    assert skeleton("  1984 — ") == ""
    assert name_keys("") == set()


def test_skeleton_shape() -> None:
    assert skeleton("Kholboev  Rustam-Bek, b. 1984") == "holboev rustambek b"
    assert token_skeletons("Холбоев Рустам") == ["holboev", "rustam"]
    assert skeleton("Жұмабаева Айгерім") == skeleton("Zhumabaeva Aigerim") == "jumabaeva aigerim"
    assert skeleton("Ўринбоев") == skeleton("O'rinboyev") == "urinboev"
    many = " ".join(f"Name{chr(97 + i)}" for i in range(MAX_WORDS + 3))
    assert len(token_skeletons(many)) == MAX_WORDS


def test_name_keys_and_prefixes() -> None:
    assert "holboev rustam" in name_keys("Kholboev Rustam") & name_keys("Рустам Холбоев")
    assert name_keys("Xolboyev") >= {"holboev", "ksolboev"}  # x read as kh and as ks
    assert name_keys("Jusupov") >= {"jusupov", "usupov"}
    assert name_keys("Юсупов") == {"usupov"}
    assert search_prefixes("Kholboev Rustam") == {"hol", "rus"}
    assert search_prefixes("Alexander", length=4) == {"aleh", "alek"}
    stored = skeleton("Холбоев Рустам Акмалович")
    assert any(word.startswith(prefix) for prefix in search_prefixes("Rustam Kholbaev")
               for word in stored.split())


def test_best_matches_ranks_and_limits() -> None:
    candidates = [
        ("p1", "Karimov Rustam"),
        ("p2", "Холбоев Рустам"),
        ("p3", "Nurlanova Aigerim"),
        ("p4", "Kholbaev Rustan"),
        ("p2", "Xolboyev Rustam"),  # a second variant of the same person
        ("p5", "Kholboeva Dilnoza"),
    ]
    result = best_matches("Rustam Kholboev", candidates, limit=10)
    assert [key for key, _score in result] == ["p2", "p4"]  # p5 is a relative, not a match
    assert result[0] == ("p2", 1.0)
    assert all(score >= 0.6 for _key, score in result)
    assert best_matches("Rustam Kholboev", candidates, limit=1) == [("p2", 1.0)]
    everyone = best_matches("Rustam Kholboev", candidates, min_score=0.0)
    assert [k for k, _s in everyone][2:] == ["p1", "p5", "p3"]
    assert best_matches("Rustam Kholboev", iter(candidates), limit=0) == []
    assert best_matches("", candidates) == []
    assert best_matches("Rustam Kholboev", []) == []


def test_best_matches_ties_keep_input_order() -> None:
    candidates = [("b", "Kholboev Rustam"), ("a", "Холбоев Рустам"), ("c", "Holboev Rustam")]
    assert [k for k, _s in best_matches("Xolboyev Rustam", candidates)] == ["b", "a", "c"]


NAME_ALPHABET = ("abcdefghijklmnopqrstuvwxyzäğñöūüışç'ABCKXJSH "
                 "абвгдежзийклмнопрстуфхцчшщъыьэюяәғқңөұүһіўҳАБКХЖШЧЁЮЯӘҚҰІ -.")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=NAME_ALPHABET, max_size=40), st.text(alphabet=NAME_ALPHABET, max_size=40))
def test_similarity_is_symmetric_and_bounded(a: str, b: str) -> None:
    score = name_similarity(a, b)
    assert 0.0 <= score <= 1.0
    assert score == name_similarity(b, a)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30), st.text(max_size=30))
def test_similarity_bounded_for_any_text(a: str, b: str) -> None:
    score = name_similarity(a, b)
    assert 0.0 <= score <= 1.0
    assert score == name_similarity(b, a)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_identity_scores_one(name: str) -> None:
    assert name_similarity(name, name) == 1.0


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=NAME_ALPHABET, max_size=40))
def test_case_and_skeleton_shape(name: str) -> None:
    assert name_similarity(name, name.upper()) == 1.0
    assert name_similarity(name, name.lower()) == 1.0
    folded = skeleton(name)
    assert folded == " ".join(folded.split())
    assert all("a" <= ch <= "z" or ch == " " for ch in folded)
    assert set(token_skeletons(name)) <= name_keys(name)
