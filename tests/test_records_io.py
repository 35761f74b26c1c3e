"""JSON export/import round trip, CSV import of persons, all-or-nothing imports."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from hrcase.domain.models import RECORD_KINDS
from hrcase.services import Services
from hrcase.services import records_io
from hrcase.services.records_io import ImportRefused
from hrcase.services.serialize import to_dict
from hrcase.vault import Vault

from .conftest import PASSPHRASE
from .helpers import add_case, add_person


def _fill(services: Services) -> None:
    case = services.records.create("case", {"title": {"ru": "Дело о выдаче", "en": "Extradition"},
                                            "summary": {"kk": "Қазақ тіліндегі түйіндеме"},
                                            "country": "KZ", "tags": ["CAT", "extradition"]})
    person = add_person(services, "Холбоев Рустам", birth="1974", nationality="UZ",
                        disclosure="pseudonym", pseudonym="R.")
    services.records.create("person_name", {"person_id": person.id, "text": "Kholboev Rustam",
                                            "script": "Latn", "kind": "transliteration"})
    services.records.create("case_role", {"case_id": case.id, "person_id": person.id, "role": "victim"})
    place = services.records.create("place", {"name": {"ru": "ИВС"}, "place_type": "temporary_detention",
                                              "latitude": 43.2, "longitude": 76.9})
    event = services.records.create("event", {"case_id": case.id, "event_type": "detention",
                                              "start": "2011-12-16", "end": "2011-12-19",
                                              "place_id": place.id})
    testimony = services.records.create("testimony", {
        "case_id": case.id, "interviewee_id": person.id, "date": "2012-01", "language": "ru",
        "text": "Меня били в ИВС.", "consent": "un_bodies", "persons_present": [person.id]})
    services.records.create("translation", {"target_kind": "testimony", "target_id": testimony.id,
                                            "language": "en", "text": "I was beaten.",
                                            "status": "approved"})
    allegation = services.records.create("allegation", {
        "case_id": case.id, "victim_id": person.id, "event_id": event.id,
        "methods": ["beating"], "articles": ["cat_1"], "statement_under_duress": True})
    services.records.create("perpetrator", {"allegation_id": allegation.id, "person_id": person.id,
                                            "involvement": "present"})
    source = services.records.create("source", {"title": "Report", "date": "2014"})
    services.records.create("source_link", {"source_id": source.id, "entity_kind": "case",
                                            "entity_id": case.id})
    services.records.create("intervention", {"case_id": case.id, "body": "UN CAT",
                                             "intervention_type": "interim_measures_granted",
                                             "reference": "CAT/000/2011"})
    services.records.create("recommendation", {"case_id": case.id, "text": {"en": "Investigate."}})
    services.records.create("organisation", {"name": {"ru": "ОМОН"}, "org_type": "special_police"})
    e2 = services.records.create("event", {"case_id": case.id, "event_type": "release"})
    services.records.create("event_link", {"from_event_id": event.id, "to_event_id": e2.id})
    services.attachments.add(io.BytesIO("Свидетельство".encode() * 1000), filename="note.txt",
                             owner_kind="testimony", owner_id=testimony.id)
    services.records.delete("organisation", services.records.list("organisation")[0].id)


def _dump(vault: Vault) -> dict[str, list[dict]]:
    from sqlmodel import select

    with vault.reading() as session:
        return {kind: sorted((to_dict(r) for r in session.exec(select(model))), key=lambda d: d["id"])
                for kind, model in RECORD_KINDS.items()}


def test_json_round_trips_every_field_of_every_entity(services: Services, tmp_path: Path) -> None:
    _fill(services)
    out = io.StringIO()
    count = records_io.export_json(services.vault, out, "Tester")
    assert count >= len(RECORD_KINDS)
    text = out.getvalue()
    assert "Холбоев" in text  # readable UTF-8, not escapes
    original = _dump(services.vault)
    assert all(original[kind] for kind in RECORD_KINDS), [k for k in RECORD_KINDS if not original[k]]
    with Vault.create(tmp_path / "other.hrcase", PASSPHRASE)[0] as other:
        result = records_io.import_json(other, text.encode(), "Importer")
        assert result.total_created == count
        assert _dump(other) == original
        attachment = Services(other).records.list("attachment")[0]
        assert Services(other).attachments.read(attachment.id) == "Свидетельство".encode() * 1000
        again = records_io.import_json(other, text.encode(), "Importer")
        assert again.total_created == 0 and again.unchanged == count


def test_json_import_refuses_bad_records_and_imports_nothing(services: Services) -> None:
    case = add_case(services)
    doc = {"format": "hrcase-records", "version": 1, "records": {
        "person": [{"id": "11111111-1111-1111-1111-111111111111", "birth": "1974"},
                   {"id": "22222222-2222-2222-2222-222222222222", "birth": "31.02.1990"}],
        "case_role": [{"case_id": case.id, "person_id": "11111111-1111-1111-1111-111111111111",
                       "role": "victim"}]}}
    with pytest.raises(ImportRefused) as err:
        records_io.import_json(services.vault, json.dumps(doc).encode(), "x")
    assert any("person #2" in p and "birth" in p for p in err.value.problems)
    assert services.records.count("person") == 0
    for bad in (b"not json", b"[]", json.dumps({"format": "other"}).encode()):
        with pytest.raises(ImportRefused):
            records_io.import_json(services.vault, bad, "x")


CSV_GOOD = """name,birth_year,nationality
Холбоев Рустам,1974,Uzbekistan
Ainur Sadykova,1981,KZ
Anonymous Detainee,,
"""


def test_csv_persons_import_like_the_annex_of_a_letter(services: Services) -> None:
    case = add_case(services)
    result = records_io.import_persons_csv(services.vault, CSV_GOOD, "x", case_id=case.id)
    assert result.created == {"person": 3}
    people = services.records.list("person", text="Холбоев")
    assert people[0].birth == "1974" and people[0].nationality == "UZ"
    assert services.records.count("case_role", filters={"case_id": case.id}) == 3


def test_csv_bad_rows_are_reported_by_line_and_nothing_imported(services: Services) -> None:
    text = CSV_GOOD + "Bad Year,19x4,KZ\n,1970,KZ\nNo Country,1970,Narnia\n"
    with pytest.raises(ImportRefused) as err:
        records_io.import_persons_csv(services.vault, text, "x")
    joined = "\n".join(err.value.problems)
    assert "Line 5" in joined and "birth_year" in joined
    assert "Line 6" in joined and "name" in joined
    assert "Line 7" in joined and "nationality" in joined
    assert services.records.count("person") == 0
    with pytest.raises(ImportRefused) as err:
        records_io.import_persons_csv(services.vault, "fullname,year\nX,1\n", "x")
    assert "Line 1" in err.value.problems[0]


def test_csv_export_starts_with_the_import_columns(services: Services) -> None:
    records_io.import_persons_csv(services.vault, CSV_GOOD, "x")
    out = io.StringIO()
    assert records_io.export_csv(services.vault, out, "x") == 3
    header = out.getvalue().splitlines()[0].split(",")
    assert header[:2] == ["name", "birth_year"]
    assert "Холбоев Рустам" in out.getvalue()
