"""Transliteration suggestions between Cyrillic and Latin (invented names only)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hrcase.domain.names import name_similarity, skeleton
from hrcase.domain.translit import (
    SYSTEMS,
    detect_script,
    suggest_variants,
    system_label,
    transliterate,
)

RU_LOWER = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
KK_LOWER = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"


@pytest.mark.parametrize(("cyrillic", "icao", "bgn"), [
    ("Холбоев", "Kholboev", "Kholboyev"),
    ("Юсупов", "Iusupov", "Yusupov"),
    ("Щукина", "Shchukina", "Shchukina"),
    ("Елена Алексеева", "Elena Alekseeva", "Yelena Alekseyeva"),
    ("Ёлкин", "Elkin", "Yëlkin"),
    ("Фёдор", "Fedor", "Fëdor"),
    ("Ильин", "Ilin", "Il’in"),
    ("Объедков", "Obieedkov", "Ob”yedkov"),
    ("Василий Белый", "Vasilii Belyi", "Vasiliy Belyy"),
    ("Мария Цой", "Mariia Tsoi", "Mariya Tsoy"),
    ("Жанна Чернова", "Zhanna Chernova", "Zhanna Chernova"),
])
def test_russian_to_latin(cyrillic: str, icao: str, bgn: str) -> None:
    assert transliterate(cyrillic, "ru", "Latn") == icao  # ICAO is the default
    assert transliterate(cyrillic, "ru", "Latn", "icao") == icao
    assert transliterate(cyrillic, "ru", "Latn", "bgn") == bgn


def test_case_is_preserved() -> None:
    assert transliterate("ХОЛБОЕВ Рустам", "ru", "Latn") == "KHOLBOEV Rustam"
    assert transliterate("Шамиль ШАРИПОВ", "ru", "Latn", "bgn") == "Shamil’ SHARIPOV"
    assert transliterate("Ш. Юнусов", "ru", "Latn") == "Sh. Iunusov"
    assert transliterate("щукин", "ru", "Latn") == "shchukin"
    assert transliterate("Ж.-Б. ЧЕ", "ru", "Latn") == "Zh.-B. CHE"


def test_other_characters_pass_through() -> None:
    assert transliterate("Холбоев (р. 1984), Kholboev", "ru", "Latn") == \
        "Kholboev (r. 1984), Kholboev"
    assert transliterate("", "kk", "Latn") == ""


@pytest.mark.parametrize(("cyrillic", "latin"), [
    ("Әлібек Қасымов", "Älıbek Qasymov"),
    ("Нұрлан Жұмабаев", "Nūrlan Jūmabaev"),
    ("Айгерім Шалқарова", "Aigerım Şalqarova"),
    ("Жаңабек Өтегенов", "Jañabek Ötegenov"),
    ("Ғалия Үсенова", "Ğaliia Üsenova"),
    ("Иса Хасенұлы", "İsa Hasenūly"),
    ("ИСА ҚАЙРАТҰЛЫ", "İSA QAİRATŪLY"),
    ("Шаһизада", "Şahizada"),
    ("Чапаева Юлия", "Çapaeva İuliia"),
    ("Іңкәр", "Iñkär"),
])
def test_kazakh_to_latin_2021(cyrillic: str, latin: str) -> None:
    assert transliterate(cyrillic, "kk", "Latn") == latin
    assert transliterate(cyrillic, "kk", "Latn", "kk2021") == latin


def test_kazakh_passport_style() -> None:
    assert transliterate("Әлібек Қасымов", "kk", "Latn", "icao") == "Alibek Kasymov"
    assert transliterate("Нұрлан Жұмабаев", "kk", "Latn", "icao") == "Nurlan Zhumabaev"
    assert transliterate("Жаңабек Өтегенов", "kk", "Latn", "icao") == "Zhanabek Otegenov"


@pytest.mark.parametrize(("cyrillic", "latin"), [
    ("Холбоев Рустам", "Xolboyev Rustam"),
    ("Ўринбоев Ғулом", "O'rinboyev G'ulom"),
    ("ЎРИНБОЕВ", "O'RINBOYEV"),
    ("Ҳасанов Шухрат", "Hasanov Shuxrat"),
    ("Чори Жўраев", "Chori Jo'rayev"),
    ("Эркин Ерматов", "Erkin Yermatov"),
    ("Цой Лицей", "Soy Litsey"),
    ("Ёдгор Юнусов Якубов", "Yodgor Yunusov Yakubov"),
    ("Маъмур", "Ma'mur"),
])
def test_uzbek_to_latin(cyrillic: str, latin: str) -> None:
    assert transliterate(cyrillic, "uz", "Latn") == latin


@pytest.mark.parametrize(("latin", "cyrillic"), [
    ("Kholboev", "Холбоев"),
    ("Kholboyev", "Холбоев"),
    ("Holboev", "Холбоев"),
    ("Xolboyev", "Холбоев"),
    ("Iusupov", "Юсупов"),
    ("Yusupov", "Юсупов"),
    ("Sergei Nikolay", "Сергей Николай"),
    ("Iurii Rybakov", "Юрий Рыбаков"),
    ("Mariia Maria Mariya", "Мария Мария Мария"),
    ("Zhanna Shchukina", "Жанна Щукина"),
    ("Maxim Alexeev", "Максим Алексеев"),
    ("Yelena Il'ina", "Елена Ильина"),
    ("KHOLBOEV Rustam", "ХОЛБОЕВ Рустам"),
    ("Jamshid Tsoy", "Джамшид Цой"),
])
def test_latin_to_russian(latin: str, cyrillic: str) -> None:
    assert transliterate(latin, "ru", "Cyrl") == cyrillic
    assert transliterate(latin, "ru", "Cyrl", "bgn") == cyrillic  # system names are accepted


@pytest.mark.parametrize(("latin", "cyrillic"), [
    ("Älıbek Qasymov", "Әлібек Қасымов"),
    ("Nūrlan Jūmabaev", "Нұрлан Жұмабаев"),
    ("Jañabek Ötegenov", "Жаңабек Өтегенов"),
    ("İSA QAİRATŪLY", "ИСА ҚАЙРАТҰЛЫ"),
    ("Aigerım Şalqarova", "Айгерім Шалқарова"),
    ("Qairat Aibek", "Қайрат Айбек"),
    ("Nurlan Zhumabaev", "Нурлан Жумабаев"),
    ("Aybek Shalqarov", "Айбек Шалқаров"),
])
def test_latin_to_kazakh(latin: str, cyrillic: str) -> None:
    assert transliterate(latin, "kk", "Cyrl") == cyrillic


@pytest.mark.parametrize(("latin", "cyrillic"), [
    ("Xolboyev Rustam", "Холбоев Рустам"),
    ("O'rinboyev G'ulom", "Ўринбоев Ғулом"),
    ("Oʻrinboyev Gʻulom", "Ўринбоев Ғулом"),
    ("O’RINBOYEV", "ЎРИНБОЕВ"),
    ("Eshmat Yermatov", "Эшмат Ерматов"),
    ("Hasanov Shuxrat", "Ҳасанов Шухрат"),
    ("Ma'mur", "Маъмур"),
])
def test_latin_to_uzbek(latin: str, cyrillic: str) -> None:
    assert transliterate(latin, "uz", "Cyrl") == cyrillic


@pytest.mark.parametrize("name", ["Холбоев Рустам", "Щукина Елена", "Юнусов Тимур",
                                  "Мария Рыбакова", "Жанна Черновая", "Сергей Алексеев"])
def test_bgn_round_trip_for_russian_names(name: str) -> None:
    assert transliterate(transliterate(name, "ru", "Latn", "bgn"), "ru", "Cyrl") == name


@pytest.mark.parametrize("name", ["Әлібек Қасымов", "Нұрлан Жұмабаев", "Айгерім Шалқарова",
                                  "Жаңабек Өтегенов", "Ғалия Үсенова", "Қайрат Иса"])
def test_kazakh_2021_round_trip(name: str) -> None:
    assert transliterate(transliterate(name, "kk", "Latn"), "kk", "Cyrl") == name


def test_invalid_arguments() -> None:
    with pytest.raises(ValueError):
        transliterate("Холбоев", "de", "Latn")
    with pytest.raises(ValueError):
        transliterate("Холбоев", "ru", "Grek")
    with pytest.raises(ValueError):
        transliterate("Холбоев", "ru", "Latn", "kk2021")


def test_detect_script() -> None:
    assert detect_script("Kholboev") == "Latn"
    assert detect_script("Älıbek Qasymov") == "Latn"
    assert detect_script("Холбоев") == "Cyrl"
    assert detect_script("Әлібек") == "Cyrl"
    assert detect_script("Холбоев / Kholboev") == "mixed"
    assert detect_script("Алiбек") == "mixed"  # a Latin i typed among Cyrillic letters
    assert detect_script("1984 — ?") == "none"
    assert detect_script("") == "none"


def test_suggest_variants_for_cyrillic() -> None:
    assert suggest_variants("Холбоев Рустам") == [
        ("Kholboev Rustam", "Latn", system_label("icao")),
        ("Kholboyev Rustam", "Latn", system_label("bgn")),
    ]
    assert suggest_variants("Холбоев Рустам", source="uz")[0] == \
        ("Xolboyev Rustam", "Latn", system_label("uz"))
    assert suggest_variants("Әлібек Қасымов") == [
        ("Älıbek Qasymov", "Latn", system_label("kk2021")),
        ("Alibek Kasymov", "Latn", system_label("icao")),
    ]
    assert [v[0] for v in suggest_variants("Ўринбоев")] == ["O'rinboyev", "Urinboev"]
    assert suggest_variants("Мария Цой")[0][0] == "Mariia Tsoi"


def test_suggest_variants_for_latin_and_edge_cases() -> None:
    assert suggest_variants("Kholboev") == [("Холбоев", "Cyrl", "Russian Cyrillic")]
    assert suggest_variants("Älıbek")[0][:2] == ("Әлібек", "Cyrl")
    assert suggest_variants("O'rinboyev")[0][:2] == ("Ўринбоев", "Cyrl")
    assert suggest_variants("Kholboev", source="kk")[0][0] == "Холбоев"
    assert suggest_variants("Холбоев Kholboev") == []
    assert suggest_variants("1984") == []
    # identical variants are given once
    assert len(suggest_variants("Анна")) == 1


def test_labels_are_translated_at_call_time(monkeypatch: pytest.MonkeyPatch) -> None:
    from hrcase.domain import translit

    monkeypatch.setattr(translit, "_", lambda message: "«" + message + "»")
    assert system_label("bgn") == "«BGN/PCGN»"
    assert suggest_variants("Kholboev")[0][2] == "«Russian Cyrillic»"


def test_systems_cover_each_language() -> None:
    assert SYSTEMS == {"ru": ("icao", "bgn"), "kk": ("kk2021", "icao"), "uz": ("uz", "icao")}


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=KK_LOWER + KK_LOWER.upper() + " .-", max_size=30),
       st.sampled_from([(lang, system) for lang, systems in SYSTEMS.items() for system in systems]))
def test_latin_output_has_no_cyrillic(text: str, lang_system: tuple[str, str]) -> None:
    lang, system = lang_system
    assert detect_script(transliterate(text, lang, "Latn", system)) in ("Latn", "none")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzäğñöūüışç'ABCDEFGHIJKLMNOPQRSTUVWXYZ -",
               max_size=30),
       st.sampled_from(sorted(SYSTEMS)))
def test_cyrillic_output_has_no_latin_letters(text: str, lang: str) -> None:
    assert detect_script(transliterate(text, lang, "Cyrl")) in ("Cyrl", "none")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=RU_LOWER, min_size=2, max_size=12), st.sampled_from(["icao", "bgn"]))
def test_capitals_in_capitals_out(word: str, system: str) -> None:
    assert transliterate(word.upper(), "ru", "Latn", system) == \
        transliterate(word, "ru", "Latn", system).upper()


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=RU_LOWER.replace("ъ", "") + " ", max_size=30))
def test_passport_spelling_folds_to_the_same_skeleton(text: str) -> None:
    assert skeleton(transliterate(text, "ru", "Latn", "icao")) == skeleton(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=KK_LOWER.replace("х", "").replace("һ", "") + " ", max_size=30))
def test_kazakh_2021_spelling_folds_to_the_same_skeleton(text: str) -> None:
    assert skeleton(transliterate(text, "kk", "Latn", "kk2021")) == skeleton(text)


def test_kazakh_2021_h_after_s_still_matches() -> None:
    # In the 2021 alphabet sh is s + h (ш is ş): Асхат is Ashat, its passport spelling Askhat.
    assert transliterate("Асхат", "kk", "Latn") == "Ashat"
    assert name_similarity("Ashat", "Асхат") == 1.0
    assert name_similarity("Ashat", "Askhat") == 1.0
