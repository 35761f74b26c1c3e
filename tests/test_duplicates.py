"""Possible duplicate persons across scripts, and merging them as ordinary record updates.

Every person here is invented.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hrcase.errors import NotFoundError, ValidationError
from hrcase.services import Services, records_io
from hrcase.services.duplicates import (birth_match, find_duplicate_pairs, find_duplicates,
                                        merge_persons)
from hrcase.services.search import SearchService
from hrcase.vault import Vault

from .conftest import PASSPHRASE
from .helpers import add_case, add_person, run_cli


def test_birth_compatibility() -> None:
    assert birth_match("1974", "1974-05-02") == "same"
    assert birth_match("1974", "1975") == "close"
    assert birth_match("1973-12-30", "1974~") == "close"
    assert birth_match("1974", "1980") is None
    assert birth_match("", "1980") == "unknown"
    assert birth_match("1970/1975", "1975-03") == "same"


def test_duplicates_of_a_person_in_other_scripts(services: Services) -> None:
    rustam = add_person(services, "Холбоев Рустам", birth="1974")
    same = add_person(services, "Kholboev Rustam", birth="1974-06")
    close = add_person(services, "Xolboyev Rustam Alievich", birth="1975")
    unknown = add_person(services, "Rustam Holboev")
    typo = add_person(services, "Kholbaev Rustam", birth="1974")
    add_person(services, "Kholboev Rustam", birth="1990")  # born too far apart
    add_person(services, "Холбоев Бахтиёр", birth="1974")  # a brother
    gone = add_person(services, "Холбоев Рустам", birth="1974")
    services.records.delete("person", gone.id)
    found = find_duplicates(services, rustam.id)
    by_id = {c.person_id: c for c in found}
    assert set(by_id) == {same.id, close.id, unknown.id, typo.id}
    assert by_id[same.id].birth_match == "same" and by_id[close.id].birth_match == "close"
    assert by_id[unknown.id].birth_match == "unknown"
    assert found[0].person_id == same.id  # same skeleton and birth first
    assert by_id[typo.id].score < 1.0 <= by_id[same.id].score
    assert by_id[same.id].label == "Kholboev Rustam"


def test_duplicates_of_a_draft(services: Services) -> None:
    alibek = add_person(services, "Әлібек Қасымов", birth="1988")
    found = find_duplicates(services, names=["Älıbek Qasymov", "Alibek Kasymov"], birth="1988")
    assert [c.person_id for c in found] == [alibek.id]
    assert found[0].to_json()["birth_match"] == "same"
    assert find_duplicates(services, names=["Alibek Kasymov"], birth="1960") == []


def test_duplicate_pairs_of_the_vault(services: Services) -> None:
    a = add_person(services, "Жанар Садыкова", birth="1990")
    b = add_person(services, "Zhanar Sadykova", birth="1990")
    c = add_person(services, "Janar Sadikova")
    add_person(services, "Жанар Сатыбалдиева", birth="1990")
    d = add_person(services, "Тимур Юсупов", birth="1980")
    e = add_person(services, "Timur Iusupov Bakhtiyarovich", birth="1981")
    add_person(services, "Timur Yusupov", birth="1999")
    pairs = find_duplicate_pairs(services)
    found = {frozenset((p.first_id, p.second_id)) for p in pairs}
    assert found == {frozenset(x) for x in ((a.id, b.id), (a.id, c.id), (b.id, c.id),
                                            (d.id, e.id))}
    assert pairs == sorted(pairs, key=lambda p: -p.score)
    assert pairs[0].score == 1.0


def _merge_world(services: Services) -> dict[str, object]:
    case, other_case = add_case(services, "Case A"), add_case(services, "Case B")
    keep = add_person(services, "Холбоев Рустам")
    merge = add_person(services, "Kholboev Rustam", birth="1974", nationality="UZ")
    services.records.create("person_name", {"person_id": merge.id, "text": "Рустам Холбоев",
                                            "script": "Cyrl", "kind": "alias"})
    witness = add_person(services, "Janar Sadykova")
    r = services.records.create
    w: dict[str, object] = {"keep": keep, "merge": merge, "case": case}
    r("case_role", {"case_id": case.id, "person_id": keep.id, "role": "victim"})
    w["dup_role"] = r("case_role", {"case_id": case.id, "person_id": merge.id, "role": "victim"})
    w["role"] = r("case_role", {"case_id": other_case.id, "person_id": merge.id,
                                "role": "witness"})
    w["allegation"] = r("allegation", {"case_id": case.id, "victim_id": merge.id,
                                       "methods": ["beating"]})
    w["perpetrator"] = r("perpetrator", {"allegation_id": w["allegation"].id,  # type: ignore
                                         "person_id": merge.id})
    w["testimony"] = r("testimony", {"case_id": case.id, "interviewee_id": merge.id,
                                     "persons_present": [merge.id, witness.id, keep.id],
                                     "text": "Меня избили."})
    w["present"] = r("testimony", {"case_id": other_case.id, "interviewee_id": witness.id,
                                   "persons_present": [merge.id], "text": "Я видела."})
    source = r("source", {"title": "Report"})
    w["link"] = r("source_link", {"source_id": source.id, "entity_kind": "person",
                                  "entity_id": merge.id})
    return w


def test_merge_moves_everything_and_tombstones(services: Services) -> None:
    w = _merge_world(services)
    keep, merge = w["keep"].id, w["merge"].id  # type: ignore[attr-defined]
    result = merge_persons(services, keep, merge)
    get = services.records.get
    assert result.deleted == {"case_role": 1}
    assert result.updated["person_name"] == 2 and result.updated["testimony"] == 2
    names = services.records.list("person_name", filters={"person_id": keep})
    assert sorted((n.text, n.kind) for n in names) == [  # type: ignore[attr-defined]
        ("Kholboev Rustam", "alias"), ("Рустам Холбоев", "alias"), ("Холбоев Рустам", "primary")]
    assert get("case_role", w["role"].id).person_id == keep  # type: ignore[attr-defined]
    with pytest.raises(NotFoundError):
        get("case_role", w["dup_role"].id)  # type: ignore[attr-defined]
    assert get("allegation", w["allegation"].id).victim_id == keep  # type: ignore[attr-defined]
    assert get("perpetrator", w["perpetrator"].id).person_id == keep  # type: ignore
    testimony = get("testimony", w["testimony"].id)  # type: ignore[attr-defined]
    assert testimony.interviewee_id == keep  # type: ignore[attr-defined]
    assert testimony.persons_present.count(keep) == 1 and merge not in testimony.persons_present  # type: ignore
    assert get("testimony", w["present"].id).persons_present == [keep]  # type: ignore
    assert get("source_link", w["link"].id).entity_id == keep  # type: ignore[attr-defined]
    kept = get("person", keep)
    assert kept.birth == "1974" and kept.nationality == "UZ"  # type: ignore[attr-defined]
    with pytest.raises(NotFoundError):
        get("person", merge)
    assert get("allegation", w["allegation"].id).revision == 2  # type: ignore[attr-defined]
    audit = [e for e in services.records.history("person", keep) if e.action == "merge"]
    assert len(audit) == 1 and audit[0].detail == f"merged={merge}"
    hits = SearchService(services).search_persons("Kholboev Rustam")
    assert [h.id for h in hits] == [keep]
    assert find_duplicates(services, keep) == []


def test_merge_refuses_nonsense(services: Services) -> None:
    person = add_person(services, "Тимур Юсупов")
    with pytest.raises(ValidationError):
        merge_persons(services, person.id, person.id)
    with pytest.raises(NotFoundError):
        merge_persons(services, person.id, "00000000-0000-4000-8000-000000000000")


def test_merge_travels_to_another_vault(services: Services, tmp_path: Path) -> None:
    w = _merge_world(services)
    keep, merge = w["keep"].id, w["merge"].id  # type: ignore[attr-defined]
    before, after = tmp_path / "before.json", tmp_path / "after.json"
    with before.open("w", encoding="utf-8") as out:
        records_io.export_json(services.vault, out, "Tester")
    merge_persons(services, keep, merge)
    with after.open("w", encoding="utf-8") as out:
        records_io.export_json(services.vault, out, "Tester")
    colleague, _ = Vault.create(tmp_path / "colleague.hrcase", PASSPHRASE)
    try:
        theirs = Services(colleague, "Colleague")
        records_io.import_json(colleague, before.read_bytes(), "Colleague", theirs.hooks)
        assert len(SearchService(theirs).search_persons("Kholboev Rustam")) == 2
        result = records_io.import_json(colleague, after.read_bytes(), "Colleague", theirs.hooks)
        assert result.total_updated >= 8
        assert [h.id for h in SearchService(theirs).search_persons("Kholboev Rustam")] == [keep]
        victim = theirs.records.get("allegation", w["allegation"].id)  # type: ignore[attr-defined]
        assert victim.victim_id == keep  # type: ignore[attr-defined]
    finally:
        colleague.close()


def test_cli_duplicates_and_merge(tmp_path: Path) -> None:
    path = tmp_path / "cli.hrcase"
    vault, _ = Vault.create(path, PASSPHRASE)
    services = Services(vault, "Tester")
    keep = add_person(services, "Әлібек Қасымов", birth="1988")
    other = add_person(services, "Alibek Kasymov", birth="1988")
    vault.close()
    result = run_cli("--vault", str(path), "duplicates", "--json", passphrase=PASSPHRASE)
    assert result.returncode == 0, result.stderr
    pairs = json.loads(result.stdout)
    assert len(pairs) == 1 and {pairs[0]["first"]["id"], pairs[0]["second"]["id"]} == \
        {keep.id, other.id}
    result = run_cli("--vault", str(path), "duplicates", "--person", keep.id, "--json",
                     passphrase=PASSPHRASE)
    assert [c["person_id"] for c in json.loads(result.stdout)] == [other.id]
    result = run_cli("--vault", str(path), "merge-persons", keep.id, other.id, "--json",
                     passphrase=PASSPHRASE)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["updated"] == {"person_name": 1}
    result = run_cli("--vault", str(path), "duplicates", passphrase=PASSPHRASE)
    assert result.returncode == 0 and "No probable duplicates" in result.stdout
    result = run_cli("--vault", str(path), "merge-persons", keep.id, keep.id,
                     passphrase=PASSPHRASE)
    assert result.returncode == 3 and len(result.stderr.strip().splitlines()) == 1
