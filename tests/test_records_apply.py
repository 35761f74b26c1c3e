"""RecordService.apply: a record and its linked rows saved in one transaction, or not at all."""

from __future__ import annotations

import pytest
from sqlmodel import Session, col, select

from hrcase.domain.base import Entity
from hrcase.domain.models import AuditEntry
from hrcase.errors import ConflictError, ValidationError
from hrcase.services import Services
from hrcase.services.records import LinkedRows
from hrcase.services.search import SearchService
from hrcase.vault import Vault

from .helpers import add_case


def names(*rows: tuple[str | None, str]) -> LinkedRows:
    """Name rows of a person: (id or None, text)."""
    return LinkedRows("person_name", "person_id",
                      tuple((rid, {"text": text, "script": "Latn", "kind": "primary"})
                            for rid, text in rows), "names")


def audit_count(services: Services) -> int:
    with services.vault.reading() as session:
        return session.connection().exec_driver_sql("SELECT count(*) FROM audit_entry").scalar_one()


def stored_names(services: Services, person_id: str) -> list[str]:
    rows = services.records.list("person_name", filters={"person_id": person_id},
                                 order_by="created_at", limit=None)
    return [r.text for r in rows]  # type: ignore[attr-defined]


def all_audit(vault: Vault) -> list[AuditEntry]:
    with vault.reading() as session:
        return list(session.exec(select(AuditEntry).order_by(col(AuditEntry.seq))))


def test_create_with_linked_rows_in_one_go(services: Services) -> None:
    person = services.records.apply("person", None, {"occupation": "driver"},
                                    linked=[names((None, "Berik Dosov"), (None, "Берик Досов"))])
    assert stored_names(services, person.id) == ["Berik Dosov", "Берик Досов"]
    history = [e.entity for e in all_audit(services.vault) if e.action == "create"]
    assert history == ["person", "person_name", "person_name"]
    assert SearchService(services).search_persons("Dosov")[0].id == person.id


def test_update_adds_changes_and_removes_rows(services: Services) -> None:
    person = services.records.apply("person", None, {},
                                    linked=[names((None, "Ayan Serikov"), (None, "Ajan"))])
    first, second = services.records.list("person_name", filters={"person_id": person.id},
                                          order_by="created_at", limit=None)
    services.records.apply("person", person.id, {"occupation": "teacher"},
                           expected_revision=person.revision,
                           linked=[names((first.id, "Ayan Serikuly"), (None, "Аян Серікұлы"))])
    assert stored_names(services, person.id) == ["Ayan Serikuly", "Аян Серікұлы"]
    assert services.records.get("person_name", second.id, include_deleted=True).deleted
    assert services.records.get("person", person.id).occupation == "teacher"  # type: ignore[attr-defined]


def test_a_bad_row_in_the_middle_leaves_nothing_half_saved(services: Services) -> None:
    person = services.records.apply("person", None, {"occupation": "driver"},
                                    linked=[names((None, "Marat Ospanov"), (None, "Marat O."))])
    first, second = services.records.list("person_name", filters={"person_id": person.id},
                                          order_by="created_at", limit=None)
    before = audit_count(services)
    bad = LinkedRows("person_name", "person_id", (
        (first.id, {"text": "Marat Ospanuly", "script": "Latn", "kind": "primary"}),
        (None, {"text": "Марат Оспанов", "script": "Cyrl", "kind": "alias"}),
        (None, {"text": "Marat", "script": "Latn", "kind": "nickname-of-sorts"}),
    ), "names")
    with pytest.raises(ValidationError) as err:
        services.records.apply("person", person.id, {"occupation": "teacher"},
                               expected_revision=person.revision, linked=[bad])
    assert err.value.field == "names"
    stored = services.records.get("person", person.id)
    assert stored.revision == person.revision and stored.occupation == "driver"  # type: ignore[attr-defined]
    assert stored_names(services, person.id) == ["Marat Ospanov", "Marat O."]
    assert not services.records.get("person_name", second.id).deleted
    assert audit_count(services) == before
    search = SearchService(services)
    assert not any(hit.id == person.id for hit in search.search("Ospanuly"))


def test_a_failing_hook_in_the_middle_rolls_everything_back(vault: Vault) -> None:
    calls: list[str] = []

    def fail_on_second_perpetrator(_session: Session, kind: str, _record: Entity) -> None:
        calls.append(kind)
        if calls.count("perpetrator") == 2:
            raise RuntimeError("disk trouble")

    setup = Services(vault, "Tester")
    case = add_case(setup)
    unit = setup.records.create("organisation", {"name": {"en": "Unit 7"}, "org_type": "police"})
    services = Services(vault, "Tester", hooks=[fail_on_second_perpetrator])
    rows = LinkedRows("perpetrator", "allegation_id", (
        (None, {"organisation_id": unit.id, "involvement": "carried_out"}),
        (None, {"organisation_id": unit.id, "involvement": "ordered"}),
    ), "perpetrators")
    before = audit_count(setup)
    with pytest.raises(RuntimeError):
        services.records.apply("allegation", None, {"case_id": case.id, "methods": ["beating"]},
                               linked=[rows])
    assert calls == ["allegation", "perpetrator", "perpetrator"]
    assert setup.records.count("allegation") == 0 and setup.records.count("perpetrator") == 0
    assert audit_count(setup) == before


def test_stale_revision_or_foreign_row_is_a_conflict(services: Services) -> None:
    person = services.records.apply("person", None, {}, linked=[names((None, "Dana Ermek"))])
    other = services.records.apply("person", None, {}, linked=[names((None, "Saule Ermek"))])
    foreign = services.records.list("person_name", filters={"person_id": other.id}, limit=None)[0]
    services.records.update("person", person.id, {"notes": "changed elsewhere"})
    with pytest.raises(ConflictError):
        services.records.apply("person", person.id, {"occupation": "x"},
                               expected_revision=person.revision, linked=[names((None, "New"))])
    fresh = services.records.get("person", person.id)
    with pytest.raises(ConflictError):
        services.records.apply("person", person.id, {}, expected_revision=fresh.revision,
                               linked=[names((foreign.id, "Taken over"))])
    assert stored_names(services, person.id) == ["Dana Ermek"]
    assert stored_names(services, other.id) == ["Saule Ermek"]
