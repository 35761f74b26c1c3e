"""Records: create, update with revisions, tombstones, validation, references, audit."""

from __future__ import annotations

import pytest

from hrcase.errors import ConflictError, NotFoundError, ValidationError
from hrcase.services import Services

from .helpers import add_case, add_person


def test_create_update_delete_with_revisions_and_audit(services: Services) -> None:
    person = add_person(services, "Berik Dosov", birth="1974")
    assert person.revision == 1 and person.created_by == "Tester"
    updated = services.records.update("person", person.id, {"occupation": "driver"})
    assert updated.revision == 2 and updated.occupation == "driver"
    same = services.records.update("person", person.id, {"occupation": "driver"})
    assert same.revision == 2  # no change, no new revision
    with pytest.raises(ConflictError):
        services.records.update("person", person.id, {"notes": "x"}, expected_revision=1)
    deleted = services.records.delete("person", person.id)
    assert deleted.deleted and deleted.revision == 3
    with pytest.raises(NotFoundError):
        services.records.get("person", person.id)
    assert services.records.get("person", person.id, include_deleted=True).deleted
    assert services.records.count("person") == 0
    actions = [e.action for e in services.records.history("person", person.id)]
    assert actions == ["create", "update", "delete"]


@pytest.mark.parametrize(("kind", "data", "field"), [
    ("person", {"birth": "1974-13-40"}, "birth"),
    ("person", {"sex": "robot"}, "sex"),
    ("person", {"nationality": "Atlantis"}, "nationality"),
    ("person", {"disclosure": "pseudonym", "pseudonym": ""}, "pseudonym"),
    ("person", {"favourite_colour": "red"}, "favourite_colour"),
    ("case", {"status": "maybe"}, "status"),
    ("event", {"start": "2011-12-16"}, "case_id"),
    ("source", {"title": ""}, "title"),
    ("person_name", {"text": "Invented Name"}, "person_id"),
])
def test_invalid_values_are_refused_naming_the_field(services: Services, kind: str,
                                                     data: dict, field: str) -> None:
    with pytest.raises(ValidationError) as err:
        services.records.create(kind, data)
    assert err.value.field == field
    assert field in str(err.value)
    assert services.records.count(kind) == 0


def test_an_event_needs_its_type_and_nothing_is_written_without_it(services: Services) -> None:
    case = add_case(services)
    with pytest.raises(ValidationError) as err:
        services.records.create("event", {"case_id": case.id, "start": "2011-12-16"})
    assert err.value.field == "event_type"
    assert services.records.count("event") == 0


def test_allegation_fields_and_references(services: Services) -> None:
    case = add_case(services)
    victim = add_person(services, "Victim Person")
    unit = services.records.create("organisation", {"name": {"en": "Special police unit"},
                                                    "org_type": "special_police"})
    allegation = services.records.create("allegation", {
        "case_id": case.id, "victim_id": victim.id, "date": "2011-12-16/2011-12-19",
        "methods": ["beating", "asphyxiation", "beating"], "articles": ["cat_1", "cat_15"],
        "statement_under_duress": True})
    assert allegation.methods == ["beating", "asphyxiation"]
    services.records.create("perpetrator", {"allegation_id": allegation.id,
                                            "organisation_id": unit.id, "involvement": "ordered"})
    with pytest.raises(ValidationError) as err:
        services.records.create("allegation", {"case_id": case.id, "methods": ["tickling"]})
    assert err.value.field == "methods"
    with pytest.raises(ValidationError) as err:
        services.records.create("allegation", {"case_id": "00000000-0000-0000-0000-000000000000"})
    assert err.value.field == "case_id"


def test_partial_dates_are_stored_canonically(services: Services) -> None:
    person = services.records.create("person", {"birth": "c. 2010"})
    assert person.birth == "2010~"


def test_list_filters_sorts_and_pages(services: Services) -> None:
    for name, sex in [("Ainur", "female"), ("Bolat", "male"), ("Сауле", "female")]:
        add_person(services, name, sex=sex)
    assert services.records.count("person", filters={"sex": "female"}) == 2
    assert services.records.count("person", text="сау") == 1
    page = services.records.list("person", order_by="created_at", offset=1, limit=1)
    assert len(page) == 1
    with pytest.raises(ValidationError):
        services.records.list("person", filters={"nope": 1})
