"""Text filters of record lists: a scan for one or two letters, the search index from three."""

from __future__ import annotations

from hrcase.services import Services
from hrcase.services.search import SearchService

from .helpers import add_case, add_person


def names(services: Services, text: str) -> list[str]:
    """Primary names of the persons the list filter finds, sorted."""
    persons = services.records.list("person", text=text, limit=None)
    assert services.records.count("person", text=text) == len(persons)
    found = services.records.list("person_name", filters={"person_id": [p.id for p in persons]},
                                  limit=None)
    return sorted(n.text for n in found if n.kind == "primary")  # type: ignore[attr-defined]


def test_filters_as_the_user_types(services: Services) -> None:
    SearchService(services).ensure_index()  # a new vault's index is current once built
    berik = add_person(services, "Berik Dosov")
    services.records.create("person_name", {"person_id": berik.id, "text": "Берик Досов",
                                            "script": "Cyrl", "kind": "transliteration"})
    add_person(services, "Şenol Yılmaz", occupation="Driver")
    add_person(services, "Семён Пётров")
    add_person(services, "Dana_Ermek")
    gone = add_person(services, "Berik Gone")
    services.records.delete("person", gone.id)
    # one or two letters: anywhere in the text, as before (% and _ are letters here)
    assert names(services, "er") == ["Berik Dosov", "Dana_Ermek", "Şenol Yılmaz"]  # a driver
    assert names(services, "_") == ["Dana_Ermek"]
    # three letters or more: beginnings of words, in names and indexed texts, folded
    assert names(services, "Ber") == ["Berik Dosov"]
    assert names(services, "berik do") == ["Berik Dosov"]
    assert names(services, "ДОС") == ["Berik Dosov"]
    assert names(services, "senol") == ["Şenol Yılmaz"]
    assert names(services, "drive") == ["Şenol Yılmaz"]
    assert names(services, "Семен") == ["Семён Пётров"]
    assert names(services, "osov") == []  # not the middle of a word
    assert names(services, "dosov berik") == []  # words in the order typed


def test_testimony_text_and_fallback_without_a_current_index(services: Services) -> None:
    SearchService(services).ensure_index()
    case = add_case(services)
    services.records.create("testimony", {"case_id": case.id, "language": "ru",
                                          "title": "Интервью", "text": "Меня задержали ночью."})
    assert services.records.count("testimony", text="задерж") == 1
    assert services.records.count("testimony", text="ержал") == 0
    with services.vault.writing() as session:
        session.connection().exec_driver_sql(
            "DELETE FROM setting WHERE key = 'search.index_version'")
    assert services.records.count("testimony", text="ержал") == 1  # the scan answers
