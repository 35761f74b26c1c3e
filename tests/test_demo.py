"""The demo vault: invented but complete case material in Russian, Kazakh and English."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from hrcase.domain.dates import PartialDate
from hrcase.services import Services
from hrcase.services.check import check_vault
from hrcase.services.demo import DEMO_PASSPHRASE, DemoSummary, create_demo_vault
from hrcase.vault import Vault

KAZAKH_LETTERS = "әғқңөұүһі"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[DemoSummary, Services]]:
    """One demo vault for the whole module (building it takes a few seconds), reopened."""
    path = tmp_path_factory.mktemp("demo") / "demo.hrcase"
    summary = create_demo_vault(path)
    vault = Vault.open(path, DEMO_PASSPHRASE)
    try:
        yield summary, Services(vault, "Tester")
    finally:
        vault.close()


def _all(services: Services, kind: str, **filters: Any) -> list[Any]:
    return services.records.list(kind, filters=filters or None, limit=None)


def test_counts_match_the_vault_and_the_brief(demo: tuple[DemoSummary, Services]) -> None:
    summary, services = demo
    for kind, count in summary.counts.items():
        assert services.records.count(kind) == count, kind
    assert summary.count("case") == 2
    assert summary.count("person") >= 25
    assert summary.count("testimony") >= 12
    assert summary.count("attachment") == 1
    for kind in ("organisation", "place", "event", "event_link", "translation", "allegation",
                 "perpetrator", "intervention", "source", "source_link", "recommendation"):
        assert summary.count(kind) >= 2, kind
    assert set(summary.case_ids) == {c.id for c in _all(services, "case")}


def test_cases_are_multilingual(demo: tuple[DemoSummary, Services]) -> None:
    _summary, services = demo
    for case in _all(services, "case"):
        assert set(case.title) >= {"ru", "kk", "en"} and set(case.summary) >= {"ru", "kk", "en"}
        assert case.country == "KZ" and case.tags
    assert {c.confidentiality for c in _all(services, "case")} == {"confidential", "restricted"}


def test_testimonies_in_three_languages_with_kazakh_letters(
        demo: tuple[DemoSummary, Services]) -> None:
    _summary, services = demo
    testimonies = _all(services, "testimony")
    by_language: dict[str, list[Any]] = {}
    for testimony in testimonies:
        by_language.setdefault(testimony.language, []).append(testimony)
        assert testimony.text.count("\n\n") >= 2, "several paragraphs"
        assert testimony.interviewer and testimony.date and testimony.interviewee_id
    assert set(by_language) == {"ru", "kk", "en"}
    kazakh = " ".join(t.text for t in by_language["kk"]).casefold()
    assert all(letter in kazakh for letter in KAZAKH_LETTERS)
    assert {t.consent for t in testimonies} == {"internal", "un_bodies", "publish_anonymised",
                                                "publish_named"}
    assert any(t.interpreter for t in testimonies)
    assert any(t.persons_present for t in testimonies)
    assert len({t.mode for t in testimonies}) >= 3


def test_translations_name_the_revision_they_were_made_from(
        demo: tuple[DemoSummary, Services]) -> None:
    _summary, services = demo
    translations = _all(services, "translation")
    assert {t.status for t in translations} == {"draft", "reviewed", "approved"}
    stale = 0
    for translation in translations:
        original = services.records.get("testimony", translation.target_id)
        assert translation.target_kind == "testimony" and translation.field == "text"
        assert translation.language != original.language
        assert translation.source_revision <= original.revision
        stale += translation.source_revision < original.revision
    assert stale == 1


def test_persons_have_names_in_both_scripts_and_disclosure_levels(
        demo: tuple[DemoSummary, Services]) -> None:
    _summary, services = demo
    persons = _all(services, "person")
    names = _all(services, "person_name")
    scripts: dict[str, set[str]] = {}
    latin: dict[str, int] = {}
    for name in names:
        scripts.setdefault(name.person_id, set()).add(name.script)
        latin[name.person_id] = latin.get(name.person_id, 0) + (name.script == "Latn")
        assert name.skeleton
    assert sum(s == {"Cyrl", "Latn"} for s in scripts.values()) >= 20
    assert sum(count >= 2 for count in latin.values()) >= 5, "several Latin spellings"
    assert {n.kind for n in names} == {"primary", "alias", "transliteration"}
    assert any(p.disclosure == "anonymous" for p in persons)
    assert any(p.disclosure == "pseudonym" and p.pseudonym for p in persons)
    assert {"1981~", "1974"} <= {p.birth for p in persons}
    assert any(p.deceased for p in persons)
    assert {"KZ", "UZ", "TJ"} <= {p.nationality for p in persons}
    roles = {r.role for r in _all(services, "case_role")}
    assert roles >= {"victim", "witness", "alleged_perpetrator", "lawyer", "relative", "official"}


def test_places_organisations_and_events(demo: tuple[DemoSummary, Services]) -> None:
    _summary, services = demo
    places = _all(services, "place")
    assert {"temporary_detention", "pretrial_detention", "police_station", "court",
            "border_crossing", "town"} <= {p.place_type for p in places}
    assert sum(bool(p.parent_id) for p in places) >= 5
    orgs = _all(services, "organisation")
    assert {"special_police", "police", "prosecutor", "prison_service", "un_body",
            "ngo"} <= {o.org_type for o in orgs}
    assert sum(bool(o.parent_id) for o in orgs) >= 5
    assert all(set(o.name) >= {"en", "ru", "kk"} for o in orgs)
    events = _all(services, "event")
    precisions = {PartialDate.parse(e.start).precision for e in events}
    assert precisions == {"day", "month", "year"}
    assert any(PartialDate.parse(e.start).approximate for e in events)
    assert any(e.end for e in events)
    allegation_dates = [PartialDate.parse(a.date) for a in _all(services, "allegation")]
    assert any(d.is_interval for d in allegation_dates)


def test_allegations_perpetrators_and_articles(demo: tuple[DemoSummary, Services]) -> None:
    _summary, services = demo
    allegations = _all(services, "allegation")
    assert any(len(a.methods) >= 4 for a in allegations)
    assert any(a.statement_under_duress for a in allegations)
    assert any(a.medical_examination and a.medical_findings for a in allegations)
    assert any("death" in a.consequences for a in allegations)
    assert {"cat_3", "cat_15", "rc_33"} <= {art for a in allegations for art in a.articles}
    perpetrators = _all(services, "perpetrator")
    assert any(p.person_id and p.organisation_id for p in perpetrators)
    assert any(p.organisation_id and not p.person_id for p in perpetrators)
    assert {"carried_out", "ordered", "present", "failed_to_prevent"} == {
        p.involvement for p in perpetrators}


def test_interim_measures_sources_and_recommendations(
        demo: tuple[DemoSummary, Services]) -> None:
    summary, services = demo
    granted = _all(services, "intervention", intervention_type="interim_measures_granted")
    assert granted and all(g.case_id == summary.extradition_case_id for g in granted)
    assert all("Committee against Torture" in g.body and g.reference for g in granted)
    assert _all(services, "intervention", intervention_type="interim_measures_request")
    assert any("Prosecutor" in i.body for i in _all(services, "intervention",
                                                       intervention_type="complaint"))
    sources = _all(services, "source")
    assert any(s.url and s.accessed and s.author and s.organisation and s.excerpt
               for s in sources)
    assert {s.reliability for s in sources} >= {"high", "medium", "low"}
    assert {link.entity_kind for link in _all(services, "source_link")} >= {
        "case", "allegation", "event", "person", "intervention", "testimony"}
    for recommendation in _all(services, "recommendation"):
        assert set(recommendation.text) == {"en", "ru", "kk"} and recommendation.addressee


def test_image_attachment_verifies(demo: tuple[DemoSummary, Services]) -> None:
    _summary, services = demo
    (attachment,) = _all(services, "attachment")
    assert attachment.media_type == "image/png" and attachment.owner_kind == "testimony"
    services.records.get("testimony", attachment.owner_id)
    content = services.attachments.read(attachment.id)
    assert content.startswith(b"\x89PNG\r\n\x1a\n") and len(content) == attachment.size
    assert hashlib.sha256(content).hexdigest() == attachment.sha256


def test_check_vault_reports_ok(demo: tuple[DemoSummary, Services]) -> None:
    _summary, services = demo
    report = check_vault(services.vault)
    assert report.ok, report.problems
    assert report.attachments == 1 and report.audit_entries > 300


def test_demo_refuses_an_existing_vault(demo: tuple[DemoSummary, Services],
                                        tmp_path: Path) -> None:
    from hrcase.vault.errors import VaultExists

    target = tmp_path / "taken.hrcase"
    target.mkdir()
    (target / "something").write_text("x")
    with pytest.raises(VaultExists):
        create_demo_vault(target)
