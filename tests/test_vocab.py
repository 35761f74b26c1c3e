"""Controlled vocabularies: complete labels in en/ru/kk, stable codes, validation."""

from __future__ import annotations

import re
import unicodedata

import pytest

import hrcase.domain.vocab as vocab_module
from hrcase.domain.vocab import LABEL_LANGUAGES, VOCABULARIES, vocabulary
from hrcase.errors import HrcaseError, ValidationError

SNAKE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")

# Codes are stored in vaults and travel in bundles: changing one breaks old data. Adding a code
# means adding it here too; renaming or removing one needs a migration.
STABLE_CODES = {
    "methods": (
        "beating", "wounding", "breaking_bones", "burns", "electric_shock", "asphyxiation",
        "strangulation", "forced_postures", "immobilisation", "rape", "sexual_threats_harassment",
        "extreme_temperature", "sensory_stress", "isolation", "deprivation_food",
        "deprivation_water", "deprivation_sleep", "deprivation_medical_care", "degradation",
        "threats_victim", "threats_family", "death_threats", "psychological_torture",
        "pharmacological", "other"),
    "intents": ("confession", "information", "punishment", "intimidation", "discrimination",
                "other"),
    "roles": ("victim", "witness", "alleged_perpetrator", "relative", "lawyer", "official",
              "source"),
    "event_types": ("arrest", "detention", "interrogation", "ill_treatment", "death_in_custody",
                    "hearing", "verdict", "extradition", "asylum_decision", "complaint",
                    "interim_measures", "release"),
    "involvement": ("carried_out", "ordered", "present", "failed_to_prevent"),
    "org_types": ("police", "special_police", "prison_service", "security_service", "prosecutor",
                  "court", "un_body", "ngo", "other"),
    "place_types": ("police_station", "temporary_detention", "pretrial_detention", "prison",
                    "court", "border_crossing", "town", "other"),
    "articles": ("cat_1", "cat_2", "cat_3", "cat_4", "cat_12", "cat_13", "cat_14", "cat_15",
                 "cat_16", "iccpr_7", "echr_3", "rc_33"),
    "consequences": ("injury", "illness", "death", "psychological_harm"),
    "investigation_status": ("no_complaint", "preliminary_inquiry", "refused", "opened",
                             "suspended", "closed", "charged", "convicted", "acquitted",
                             "unknown"),
    "consent": ("internal", "un_bodies", "publish_anonymised", "publish_named"),
    "disclosure": ("named", "pseudonym", "anonymous"),
    "case_status": ("open", "monitoring", "submitted", "closed"),
    "confidentiality": ("public", "restricted", "confidential"),
    "testimony_mode": ("in_person", "phone", "video", "written"),
    "translation_status": ("draft", "reviewed", "approved"),
    "intervention_types": ("complaint", "urgent_appeal", "interim_measures_request",
                           "interim_measures_granted", "letter"),
    "name_kind": ("primary", "alias", "transliteration"),
    "scripts": ("Cyrl", "Latn"),
    "reliability": ("high", "medium", "low", "unknown"),
    "sex": ("female", "male", "other", "unknown"),
    "languages": ("ru", "kk", "en", "uz", "ky", "tg", "other"),
}

ALL = sorted(VOCABULARIES)
KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")


def _has_latin(text: str) -> bool:
    return any(ch.isalpha() and unicodedata.name(ch, "").startswith("LATIN") for ch in text)


def _has_cyrillic(text: str) -> bool:
    return any(unicodedata.name(ch, "").startswith("CYRILLIC") for ch in text)


def test_all_vocabularies_are_present_with_stable_codes() -> None:
    assert set(VOCABULARIES) == set(STABLE_CODES)
    for name, codes in STABLE_CODES.items():
        assert VOCABULARIES[name].codes == codes, name
        assert VOCABULARIES[name].name == name


@pytest.mark.parametrize("name", ALL)
def test_codes_are_unique_and_snake_case(name: str) -> None:
    codes = vocabulary(name).codes
    assert len(codes) == len(set(codes))
    for code in codes:
        if name == "scripts":
            assert re.fullmatch(r"[A-Z][a-z]{3}", code)  # ISO 15924
        else:
            assert SNAKE.fullmatch(code), code


@pytest.mark.parametrize("name", ALL)
def test_every_term_has_labels_in_three_languages(name: str) -> None:
    vocab = vocabulary(name)
    for lang in LABEL_LANGUAGES:
        assert vocab.title.get(lang, "").strip(), (name, lang)
    for term in vocab.terms:
        assert set(term.labels) == set(LABEL_LANGUAGES), term.code
        for lang in LABEL_LANGUAGES:
            label = term.labels[lang]
            assert label.strip() == label and label, (name, term.code, lang)
        assert not _has_cyrillic(term.labels["en"]), term.code
        for lang in ("ru", "kk"):
            assert _has_cyrillic(term.labels[lang]), (term.code, lang)
            assert not _has_latin(term.labels[lang]), (term.code, lang)


@pytest.mark.parametrize("name", ALL)
def test_labels_are_distinct_within_a_vocabulary(name: str) -> None:
    vocab = vocabulary(name)
    for lang in LABEL_LANGUAGES:
        labels = [term.labels[lang] for term in vocab.terms]
        assert len(labels) == len(set(labels)), (name, lang)


def test_kazakh_labels_are_kazakh_not_russian() -> None:
    terms = [term for vocab in VOCABULARIES.values() for term in vocab.terms]
    differing = [t for t in terms if t.labels["kk"] != t.labels["ru"]]
    assert len(differing) / len(terms) > 0.9
    with_letters = [t for t in terms if KAZAKH_LETTERS & set(t.labels["kk"])]
    assert len(with_letters) / len(terms) > 0.5


def test_methods_are_grouped_by_huridocs_category() -> None:
    methods = vocabulary("methods")
    groups = {"physical", "sexual", "environmental", "deprivation", "psychological",
              "pharmacological", "other"}
    assert {term.group for term in methods.terms} == groups
    assert set(methods.group_labels) == groups
    for labels in methods.group_labels.values():
        assert all(labels[lang] for lang in LABEL_LANGUAGES)
    by_group = {code: [c for c, _label in members] for code, _l, members in methods.groups("en")}
    assert by_group["deprivation"] == ["deprivation_food", "deprivation_water",
                                       "deprivation_sleep", "deprivation_medical_care"]
    assert {"threats_victim", "threats_family", "death_threats"} <= set(by_group["psychological"])
    assert "rape" in by_group["sexual"]
    assert methods.groups("en")[0][0] == "physical"


def test_groups_of_ungrouped_vocabulary_and_labels_in_russian() -> None:
    groups = vocabulary("roles").groups("ru")
    assert len(groups) == 1 and groups[0][0] == "" and groups[0][2][0] == ("victim", "Пострадавший")
    kk_groups = {g: label for g, label, _m in vocabulary("methods").groups("kk")}
    assert kk_groups["deprivation"] == "Негізгі қажеттіліктерден айыру"


def test_label_falls_back_to_english_then_code() -> None:
    articles = vocabulary("articles")
    assert articles.label("cat_3", "en") == "CAT Article 3 (non-refoulement)"
    assert "невысылки" in articles.label("cat_3", "ru")
    assert "3-бап" in articles.label("cat_3", "kk")
    assert articles.label("cat_3", "de") == "CAT Article 3 (non-refoulement)"
    assert articles.label("no_such_code", "ru") == "no_such_code"
    assert vocabulary("org_types").label("special_police", "ru").endswith("(напр., ОМОН)")
    assert vocabulary("place_types").label("pretrial_detention", "kk") == "Тергеу изоляторы (ТИ)"
    assert vocabulary("methods").title_in("kk") == "Азаптау немесе қатыгез қарау әдістері"
    assert vocabulary("methods").title_in("fr") == "Methods of torture or ill-treatment"


def test_choices_and_membership() -> None:
    sex = vocabulary("sex")
    assert sex.choices("kk")[0] == ("female", "Әйел")
    assert "male" in sex and "Male" not in sex and None not in sex
    assert sex.term("unknown") is not None and sex.term("x") is None


def test_validate_accepts_known_codes() -> None:
    assert vocabulary("roles").validate("victim", "role") == "victim"
    assert vocabulary("scripts").validate("Cyrl", "script") == "Cyrl"


@pytest.mark.parametrize("bad", ["torture", "Victim", " victim", "", None, 3, ["victim"]])
def test_validate_rejects_and_names_the_field(bad: object) -> None:
    with pytest.raises(ValidationError) as info:
        vocabulary("roles").validate(bad, "role")
    assert info.value.field == "role"
    assert str(info.value).startswith("role: ")
    assert isinstance(info.value, HrcaseError)
    # the message never echoes the rejected value (it may be record content)
    if isinstance(bad, str) and bad.strip():
        assert bad.strip() not in info.value.detail


def test_validate_message_is_translated_at_call_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vocab_module, "_", lambda message: "ПЕРЕВОД: " + message)
    with pytest.raises(ValidationError) as info:
        vocabulary("sex").validate("nope", "sex")
    assert info.value.detail.startswith("ПЕРЕВОД: ")


def test_validate_many() -> None:
    methods = vocabulary("methods")
    assert methods.validate_many(["beating", "rape", "beating"], "methods") == ["beating", "rape"]
    assert methods.validate_many([], "methods") == []
    with pytest.raises(ValidationError) as info:
        methods.validate_many(["beating", "waterboarding"], "methods")
    assert info.value.field == "methods"
    with pytest.raises(ValidationError):
        methods.validate_many("beating", "methods")


def test_unknown_vocabulary_is_a_programming_error() -> None:
    with pytest.raises(KeyError):
        vocabulary("colours")
