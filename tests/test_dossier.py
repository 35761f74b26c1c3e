"""Signed PDF dossiers: scopes, languages, audiences, withholding, signature, files written.

Built on the invented demo vault plus a few records added here: an anonymous witness with
Cyrillic, Kazakh Latin and English spellings, a confidential person, a confidential testimony
and event, and a published testimony that mentions all of them (inflected, in several
scripts) next to named people. Text is checked with poppler's ``pdftotext`` when it is
installed; the same rules are also checked on the collected content (what the renderer
draws) and on the PDF's metadata and outline read with pyHanko, which need no external tool.
"""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import stat
import subprocess
import tempfile
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader

from hrcase.errors import NotFoundError
from hrcase.i18n import set_language, translation_for
from hrcase.services import Services, identities
from hrcase.services.demo import DEMO_PASSPHRASE, DemoSummary, create_demo_vault
from hrcase.services.dossier import (
    DossierError,
    DossierRequest,
    DossierResult,
    build_dossier,
    preview_withheld,
)
from hrcase.services.dossier.collect import DossierContent, collect_content
from hrcase.services.dossier.texts import Texts
from hrcase.services.dossier.withhold import NameRedactor, WithheldName, letter_code
from hrcase.services.identities import NoIdentityError
from hrcase.services.identity_keys import IdentityMaterial, create_identity
from hrcase.services.pdf_signing import verify_pdf
from hrcase.vault import Vault

PDFTOTEXT = shutil.which("pdftotext")
needs_pdftotext = pytest.mark.skipif(PDFTOTEXT is None,
                                     reason="poppler's pdftotext is not installed")
KAZAKH_LETTERS = "ӘҒҚҢӨҰҮҺІәғқңөұүһі"
ORGANISATION = "Steppe Justice Initiative"
AUTHOR = "Jane Whitcombe"
CONFIDENTIAL_TESTIMONY = "MARKERCONFIDENTIALTESTIMONY пыткам подвергали в подвале"
CONFIDENTIAL_EVENT = "MARKERCONFIDENTIALEVENT"
ANONYMOUS_SPELLINGS = ("Жанболатова Әйгерім", "Janbolatova Áıgerim", "Zhanbolatova Aigerim")
CONFIDENTIAL_SPELLINGS = ("Бекенова Сания", "Bekenova Saniya")
MENTIONS = (
    "Адвокат рассказала, что Әйгерім Жанболатова видела избиение; потом Жанболатовой "
    "угрожали. Zhanbolatova's sister and Janbolatova Áıgerim were both questioned.\n\n"
    "Сания Бекенова и Свидетель К-2 подтвердили это, как и Ерболат Дүйсенқұлов. Бахтиёр "
    "Эргашходжаев тоже говорил о пытках. Компенсация — 500 000 ₸; семья из Oʻzbekiston."
)


@dataclasses.dataclass
class Demo:
    """The demo vault with the records added for these tests."""

    summary: DemoSummary
    services: Services
    identity: IdentityMaterial
    person: dict[str, str]
    anonymous_id: str
    confidential_person_id: str
    mentions_testimony_id: str


def _person_id(services: Services, spelling: str) -> str:
    names = services.records.list("person_name", filters={"text": spelling}, limit=None)
    assert names, spelling
    return names[0].person_id  # type: ignore[attr-defined]


def _add_person(services: Services, spellings: tuple[str, ...], case_id: str, role: str,
                **fields: Any) -> str:
    person = services.records.create("person", {"sex": "female", "nationality": "KZ",
                                                **fields})
    for n, text in enumerate(spellings):
        script = "Cyrl" if re.search("[а-яәғқңөұүһі]", text.casefold()) else "Latn"
        services.records.create("person_name", {
            "person_id": person.id, "text": text, "script": script,
            "language": "kk" if script == "Cyrl" else "en",
            "kind": "primary" if n == 0 else "transliteration"})
    services.records.create("case_role", {"case_id": case_id, "person_id": person.id,
                                          "role": role})
    return person.id


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    """The demo vault (built once for the module) with this module's extra records."""
    path = tmp_path_factory.mktemp("dossier-vault") / "demo.hrcase"
    summary = create_demo_vault(path)
    vault = Vault.open(path, DEMO_PASSPHRASE)
    try:
        services = Services(vault, "Tester")
        kdr = summary.custody_case_id
        anonymous = _add_person(services, ANONYMOUS_SPELLINGS, kdr, "witness",
                                disclosure="anonymous")
        confidential = _add_person(services, CONFIDENTIAL_SPELLINGS, kdr, "witness",
                                   confidential=True)
        lawyer = _person_id(services, "Ларионова Ирина Сергеевна")
        mentions = services.records.create("testimony", {
            "case_id": kdr, "interviewee_id": lawyer, "interviewer": "Әсел Нұрмағанбетова",
            "date": "2014-06-02", "language": "ru", "consent": "publish_named",
            "title": "Адвокат о свидетелях избиения", "text": MENTIONS})
        services.records.create("testimony", {
            "case_id": kdr, "interviewee_id": lawyer, "interviewer": "Әсел Нұрмағанбетова",
            "date": "2014-06-03", "language": "ru", "consent": "publish_named",
            "title": "Конфиденциальная запись", "text": CONFIDENTIAL_TESTIMONY,
            "confidential": True})
        services.records.create("event", {
            "case_id": kdr, "event_type": "interrogation", "start": "2013-09-09",
            "title": {"en": "Night interrogation"}, "description": CONFIDENTIAL_EVENT,
            "language": "en", "confidential": True})
        person = {key: _person_id(services, spelling) for key, spelling in (
            ("bakhtiyor", "Эргашходжаев Бахтиёр Турсунович"),
            ("detainee6", "Задержанный № 6"),
            ("talgat", "Есімханов Талғат Серікұлы"))}
        yield Demo(summary, services, create_identity(AUTHOR, ORGANISATION), person, anonymous,
                   confidential, mentions.id)
    finally:
        vault.close()


def _request(out: Path, scope: str, ids: list[str], lang: str = "en",
             audience: str = "internal", **extra: Any) -> DossierRequest:
    return DossierRequest(scope=scope, ids=ids, lang=lang, audience=audience, out=out,
                          organisation=ORGANISATION, author=AUTHOR, **extra)


def _build(demo: Demo, out: Path, scope: str = "case", ids: list[str] | None = None,
           **extra: Any) -> DossierResult:
    ids = list(demo.summary.case_ids) if ids is None else ids
    return build_dossier(demo.services, _request(out, scope, ids, **extra))


def _pdftotext(path: Path) -> str:
    assert PDFTOTEXT is not None
    result = subprocess.run([PDFTOTEXT, "-enc", "UTF-8", str(path), "-"], capture_output=True,
                            text=True, check=True)
    return result.stdout


def _flat(text: str) -> str:
    """Words separated by single spaces (line breaks of the layout do not matter)."""
    return " ".join(text.split())


def _reader(path: Path) -> PdfFileReader:
    return PdfFileReader(BytesIO(path.read_bytes()), strict=False)


def _page_count(path: Path) -> int:
    return int(_reader(path).root["/Pages"]["/Count"])


def _outline_titles(path: Path) -> list[str]:
    titles: list[str] = []

    def walk(item: Any) -> None:
        while item is not None:
            titles.append(str(item["/Title"]))
            if "/First" in item:
                walk(item["/First"])
            # pyHanko resolves indirect objects on item access, not on .get()
            item = item["/Next"] if "/Next" in item else None  # noqa: SIM401

    walk(_reader(path).root["/Outlines"]["/First"])
    return titles


def _content_strings(content: Any) -> list[str]:
    """Every string in the collected content (what the renderer lays out)."""
    found: list[str] = []
    if isinstance(content, str):
        found.append(content)
    elif dataclasses.is_dataclass(content):
        for item in dataclasses.fields(content):
            found += _content_strings(getattr(content, item.name))
    elif isinstance(content, (list, tuple)):
        for item in content:
            found += _content_strings(item)
    return found


def _withheld_spellings(demo: Demo) -> dict[str, list[str]]:
    """Every stored spelling of the persons a public dossier must not name, by person."""
    services = demo.services
    interviewees = {t.interviewee_id for t in services.records.list(
        "testimony", filters={"consent": "publish_anonymised"}, limit=None)}
    withheld: dict[str, list[str]] = {}
    for person in services.records.list("person", limit=None):
        if (person.disclosure != "named" or person.confidential  # type: ignore[attr-defined]
                or person.id in interviewees):
            withheld[person.id] = [n.text for n in services.records.list(  # type: ignore
                "person_name", filters={"person_id": person.id}, limit=None)]
    return withheld


def _distinctive_words(demo: Demo, withheld: dict[str, list[str]]) -> set[str]:
    """Name words of withheld persons that no named person's spelling shares."""
    named_words = set()
    for name in demo.services.records.list("person_name", limit=None):
        if name.person_id not in withheld:  # type: ignore[attr-defined]
            named_words |= {w.casefold() for w in re.findall(r"\w+", name.text)}  # type: ignore
    words = set()
    for spellings in withheld.values():
        for spelling in spellings:
            if not re.search(r"\d", spelling):
                words |= {w for w in re.findall(r"[^\W\d_]+", spelling) if len(w) >= 4
                          and not any(w.casefold()[:5] == n[:5] for n in named_words)}
    return words


def _withheld_texts(demo: Demo, audience: str) -> list[str]:
    """Paragraphs of testimonies that ``audience`` may not see."""
    allowed = {"public": {"publish_anonymised", "publish_named"},
               "un": {"un_bodies", "publish_anonymised", "publish_named"}}[audience]
    texts = []
    for testimony in demo.services.records.list("testimony", limit=None):
        if testimony.consent not in allowed or testimony.confidential:  # type: ignore
            texts += [_flat(p)[:70] for p in testimony.text.split("\n\n")  # type: ignore
                      if len(p.strip()) > 30]
    return texts


# --- files, metadata, pages -----------------------------------------------------------------


@needs_pdftotext
def test_case_dossier_has_every_part_page_numbers_and_annex(demo: Demo, tmp_path: Path) -> None:
    out = tmp_path / "case.pdf"
    result = _build(demo, out)
    text = _pdftotext(out)
    flat = _flat(text)
    pages = _page_count(out)
    assert result.pages == pages and pages > 10
    for heading in ("Contents", "1. Introduction", "2. Summary figures", "3. Case timeline",
                    "4. Persons", "5. Allegations by Convention article", "6. Testimonies",
                    "7. Interventions and responses", "8. Sources", "9. Recommendations",
                    "Annex: attachments", "Allegations by method",
                    "Allegations by Convention article", "Allegations by place",
                    "Events over time", "CAT Article 3 (non-refoulement)"):
        assert heading in flat, heading
    for page in range(2, pages + 1):
        assert f"Page {page} of {pages}" in flat
    attachments = demo.services.records.list("attachment", limit=None)
    assert attachments
    for attachment in attachments:
        assert re.fullmatch(r"[0-9a-f]{64}", attachment.sha256)  # type: ignore[attr-defined]
        assert f"SHA-256: {attachment.sha256}" in flat  # type: ignore[attr-defined]
    assert "Translation (English); translator: Dana Kemelbekova" in flat
    assert "This translation was made from an earlier version of the original" in flat
    # internal: everything, with confidential records marked
    assert CONFIDENTIAL_EVENT in flat and "MARKERCONFIDENTIALTESTIMONY" in flat
    assert "[CONFIDENTIAL]" in flat
    assert result.sha256 == __import__("hashlib").sha256(out.read_bytes()).hexdigest()


def test_metadata_outline_and_fonts(demo: Demo, tmp_path: Path) -> None:
    out = tmp_path / "meta.pdf"
    _build(demo, out, scope="article", ids=["cat_3"])
    reader = _reader(out)
    info = reader.trailer["/Info"]
    assert str(info["/Title"]) == "Dossier by Convention article: CAT Article 3 (non-refoulement)"
    assert str(info["/Author"]) == AUTHOR and str(info["/Creator"]) == "hrcase"
    assert "Internal" in str(info["/Subject"])
    assert str(reader.root["/Lang"]) == "en"
    titles = _outline_titles(out)
    assert titles[:3] == ["Contents", "1. Introduction", "Cases"]
    assert "CAT Article 3 (non-refoulement)" in titles and "Annex: attachments" in titles
    raw = out.read_bytes()
    assert b"/FontFile2" in raw and b"/ToUnicode" in raw
    assert b"/BaseFont /Helvetica" not in raw, "every font is embedded"


def test_output_is_0600_and_nothing_else_is_written(demo: Demo, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    out = folder / "dossier.pdf"
    out.write_bytes(b"old")
    out.chmod(0o644)
    before = sorted(p.name for p in folder.iterdir())
    old_umask = os.umask(0)
    try:
        _build(demo, out, audience="public", sign=True, signing_key_pem=demo.identity.
               signing_key_pem, certificate_pem=demo.identity.certificate_pem)
    finally:
        os.umask(old_umask)
    assert sorted(p.name for p in folder.iterdir()) == before == ["dossier.pdf"]
    assert list(scratch.iterdir()) == []
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert out.read_bytes().startswith(b"%PDF-")


def test_cancelling_writes_nothing(demo: Demo, tmp_path: Path) -> None:
    class Cancelled(Exception):
        pass

    def cancel(done: int, total: int, text: str) -> None:
        raise Cancelled()

    with pytest.raises(Cancelled):
        build_dossier(demo.services, _request(tmp_path / "c.pdf", "case",
                                              list(demo.summary.case_ids)), progress=cancel)
    assert list(tmp_path.iterdir()) == []


def test_progress_is_reported(demo: Demo, tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    build_dossier(demo.services, _request(tmp_path / "p.pdf", "case",
                                          [demo.summary.custody_case_id]),
                  progress=lambda done, total, text: calls.append((done, total)))
    assert calls and all(0 < done <= total for done, total in calls)


# --- languages ------------------------------------------------------------------------------


@needs_pdftotext
@pytest.mark.parametrize("lang, headings", [
    ("ru", ("Содержание", "1. Введение", "2. Сводные данные", "3. Хронология дела",
            "4. Лица", "6. Показания", "Приложение: вложения", "Утверждения по методам")),
    ("kk", ("Мазмұны", "1. Кіріспе", "2. Жиынтық деректер", "3. Істің хронологиясы",
            "4. Адамдар", "6. Айғақтар", "Қосымша: тіркемелер", "Әдістер бойынша мәлімдемелер")),
])
def test_headings_dates_and_terms_in_the_dossier_language(demo: Demo, tmp_path: Path,
                                                          lang: str,
                                                          headings: tuple[str, ...]) -> None:
    out = tmp_path / f"{lang}.pdf"
    result = _build(demo, out, lang=lang)
    flat = _flat(_pdftotext(out))
    for heading in headings:
        assert heading in flat, heading
    texts = Texts(lang)
    assert texts("page_of", page=2, total=result.pages) in flat
    if lang == "ru":
        assert "17 декабря 2014 г." in flat  # a partial date in Russian
        assert "Избиение (в т. ч. удары дубинкой)" in flat  # a vocabulary label
    else:
        assert "2014 ж. 17 желтоқсан" in flat
        assert "Ұрып-соғу (соның ішінде таяқпен ұру)" in flat


@needs_pdftotext
def test_kazakh_cyrillic_and_latin_round_trip(demo: Demo, tmp_path: Path) -> None:
    title = "ӘҒҚҢӨҰҮҺІ әғқңөұүһі: Өскемен, Ұлытау, Үржар, Қарағанды, Ақсу, Һиджра, Ғани"
    case = demo.services.records.create("case", {"title": {"kk": title}, "country": "KZ"})
    out = tmp_path / "kk.pdf"
    _build(demo, out, lang="kk", ids=[case.id, demo.summary.custody_case_id])
    flat = _flat(_pdftotext(out))
    for letter in KAZAKH_LETTERS:
        assert letter in flat, letter
    assert title in flat
    assert "Есімханов Талғат Серікұлы" in flat
    assert "Esimhanov Talğat" in flat  # a Kazakh Latin spelling
    assert "Janbolatova Áıgerim" in flat  # Kazakh Latin (2021) with Á and dotless ı


@needs_pdftotext
def test_kazakh_testimony_text_is_extracted_word_for_word(demo: Demo, tmp_path: Path) -> None:
    out = tmp_path / "kk-case.pdf"
    _build(demo, out, lang="kk", ids=[demo.summary.custody_case_id])
    flat = _flat(_pdftotext(out))
    for testimony in demo.services.records.list("testimony", filters={
            "language": "kk", "case_id": demo.summary.custody_case_id}, limit=None):
        for paragraph in testimony.text.split("\n\n"):  # type: ignore[attr-defined]
            assert _flat(paragraph) in flat


def test_original_with_approved_translation_marked(demo: Demo) -> None:
    content = collect_content(demo.services, "case", [demo.summary.custody_case_id], "en",
                              "internal")
    translated = [t for t in content.testimonies if t.body.translation is not None]
    assert translated, "the demo has an approved English translation"
    block = translated[0].body
    assert block.heading == "Original (Russian)"
    assert block.translation is not None
    assert block.translation.heading.startswith("Translation (English); translator: ")
    # draft and reviewed translations never appear
    drafts = [t.text for t in demo.services.records.list("translation", limit=None)
              if t.status != "approved"]  # type: ignore[attr-defined]
    strings = "\n".join(_content_strings(content))
    for draft in drafts:
        assert _flat(draft)[:60] not in _flat(strings)
    missing = [t for t in content.testimonies if t.body.missing_note]
    assert missing and missing[0].body.missing_note == "No approved translation into English."


# --- audiences ------------------------------------------------------------------------------


def _assert_public(demo: Demo, text: str) -> None:
    flat = _flat(text).casefold()
    withheld = _withheld_spellings(demo)
    assert demo.anonymous_id in withheld and demo.confidential_person_id in withheld
    for spellings in withheld.values():
        for spelling in spellings:
            assert _flat(spelling).casefold() not in flat, spelling
    for word in _distinctive_words(demo, withheld):
        assert not re.search(r"(?<!\w)" + re.escape(word.casefold()), flat), word
    for paragraph in _withheld_texts(demo, "public"):
        assert paragraph.casefold() not in flat, paragraph
    assert CONFIDENTIAL_EVENT.casefold() not in flat
    assert "markerconfidentialtestimony" not in flat


@needs_pdftotext
def test_public_dossier_withholds_names_testimonies_and_confidential_records(
        demo: Demo, tmp_path: Path) -> None:
    out = tmp_path / "public.pdf"
    result = _build(demo, out, audience="public")
    text = _pdftotext(out)
    _assert_public(demo, text)
    flat = _flat(text)
    # substitutes, pseudonyms and named people are there
    assert re.search(r"\[Witness [A-Z]\] видела избиение", flat)
    assert "Aziz" in flat and "Dr Nur" in flat
    assert "Бахтиёр Эргашходжаев тоже говорил" in flat
    assert "identity withheld" in flat and "PUBLIC" in flat
    # characters PT Sans lacks are stood in for, not lost
    assert "500 000 KZT" in flat and "O‘zbekiston" in flat
    assert any("testimonies are left out" in line for line in result.withheld)


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_public_content_holds_no_withheld_name_in_any_language(demo: Demo, lang: str) -> None:
    """The same rules on the collected content: needs no external tool."""
    content = collect_content(demo.services, "case", list(demo.summary.case_ids), lang,
                              "public")
    _assert_public(demo, "\n".join(_content_strings(content)))


def test_withheld_person_letters_are_stable_and_role_words_localised(demo: Demo) -> None:
    content = collect_content(demo.services, "case", list(demo.summary.case_ids), "ru",
                              "public")
    labels = [p.label for p in content.persons if p.note == "личность не раскрывается"]
    assert labels and all(re.fullmatch(r"\w+ [A-Z]", label) for label in labels)
    assert len({label.split()[-1] for label in labels}) == len(labels)
    mentions = next(t for t in content.testimonies if "видела избиение" in t.body.text)
    anonymous = next(p.label for p in content.persons if p.label.startswith("Свидетель")
                     and f"[{p.label}] видела избиение" in mentions.body.text)
    assert mentions.body.text.count(f"[{anonymous}]") == 4  # every spelling and inflection
    again = collect_content(demo.services, "case", list(demo.summary.case_ids), "ru", "public")
    assert [p.label for p in again.persons] == [p.label for p in content.persons]


@needs_pdftotext
def test_un_audience_gets_testimonies_shared_with_un_bodies(demo: Demo, tmp_path: Path) -> None:
    out = tmp_path / "un.pdf"
    _build(demo, out, audience="un")
    flat = _flat(_pdftotext(out))
    un_only = [t for t in demo.services.records.list("testimony", limit=None)
               if t.consent == "un_bodies" and not t.confidential]  # type: ignore
    assert un_only
    for testimony in un_only:
        assert _flat(testimony.text.split("\n\n")[0])[:70] in flat  # type: ignore
    for paragraph in _withheld_texts(demo, "un"):
        assert paragraph not in flat
    assert "FOR UN BODIES" in flat


def test_preview_lists_what_is_withheld(demo: Demo, tmp_path: Path) -> None:
    request = _request(tmp_path / "x.pdf", "case", list(demo.summary.case_ids),
                       audience="public")
    lines = preview_withheld(demo.services, request)
    joined = "\n".join(lines)
    assert "testimonies are left out" in joined
    assert "marked confidential are left out" in joined
    assert "referred to by a letter" in joined and "referred to by a pseudonym" in joined
    assert "mentions of withheld names are replaced" in joined
    assert preview_withheld(demo.services, dataclasses.replace(request, audience="internal")) \
        == []
    assert not (tmp_path / "x.pdf").exists()
    set_language("ru")
    try:
        assert "не включены" in "\n".join(preview_withheld(demo.services, request))
    finally:
        set_language("en")


# --- scopes ---------------------------------------------------------------------------------


def test_person_scope_gathers_the_person_across_records(demo: Demo) -> None:
    content = collect_content(demo.services, "person", [demo.person["bakhtiyor"]], "en",
                              "internal")
    assert content.title == "Ergashkhodzhaev Bakhtiyor"
    assert [c.title for c in content.cases] == [
        "Sarimozor asylum seekers: extradition to Uzbekistan despite UN CAT interim measures"]
    allegations = [a for group in content.articles for a in group.allegations]
    assert allegations and all(a.heading.endswith("Ergashkhodzhaev Bakhtiyor")
                               for a in allegations)
    assert any("Эргашходжаев" in t.heading for t in content.testimonies)
    assert content.interventions, "the case's complaints concern its victims"


def test_person_scope_of_an_anonymous_person_in_public(demo: Demo) -> None:
    content = collect_content(demo.services, "person", [demo.person["detainee6"]], "ru",
                              "public")
    assert content.title == "Пострадавший A"
    strings = "\n".join(_content_strings(content))
    assert "Задержанный № 6" not in strings and "задержанного № 6" not in strings
    assert not content.testimonies  # his testimony is for internal use only


def test_article_scope_holds_only_allegations_engaging_it(demo: Demo) -> None:
    content = collect_content(demo.services, "article", ["cat_3"], "en", "internal")
    allegations = [a for group in content.articles for a in group.allegations]
    assert allegations and all("cat_3" in a.articles for a in allegations)
    assert content.articles[0].label == "CAT Article 3 (non-refoulement)"
    assert [c.title for c in content.cases] == [
        "Sarimozor asylum seekers: extradition to Uzbekistan despite UN CAT interim measures"]
    victims = {a.facts[0][1] for a in allegations}
    assert {t.facts[0][1] for t in content.testimonies} <= victims


# --- signature ------------------------------------------------------------------------------


def test_signed_dossier_verifies(demo: Demo, tmp_path: Path) -> None:
    out = tmp_path / "signed.pdf"
    result = _build(demo, out, lang="kk", audience="public", sign=True,
                    visible_signature=True, signing_key_pem=demo.identity.signing_key_pem,
                    certificate_pem=demo.identity.certificate_pem)
    assert result.signed
    report = verify_pdf(out.read_bytes(), [demo.identity.certificate_pem])
    assert report.intact and report.known_signer and report.signer_name == AUTHOR
    assert not report.modified_after_signing
    if PDFTOTEXT:
        # the last footer is still there, moved beside the stamp
        assert f"Бет {result.pages} / {result.pages}" in _flat(_pdftotext(out))
    pdfsig = shutil.which("pdfsig")
    if pdfsig:
        output = subprocess.run([pdfsig, str(out)], capture_output=True, text=True,
                                check=False).stdout
        assert "Signature is Valid" in output and "Total document signed" in output


def test_signing_uses_the_vault_identity_or_says_there_is_none(tmp_path: Path) -> None:
    vault, _recovery = Vault.create(tmp_path / "small.hrcase", "a passphrase for this test")
    try:
        services = Services(vault, "Tester")
        case = services.records.create("case", {"title": {"en": "Small case"}})
        out = tmp_path / "signed.pdf"
        with pytest.raises(NoIdentityError):
            build_dossier(services, _request(out, "case", [case.id], sign=True))
        assert not out.exists()
        identity = identities.create_identity(services, "Asel Researcher", "Dala Rights Monitor")
        build_dossier(services, _request(out, "case", [case.id], sign=True))
        report = verify_pdf(out.read_bytes(), [identity.certificate_pem.encode("ascii")])
        assert report.intact and report.known_signer
    finally:
        vault.close()


# --- errors ---------------------------------------------------------------------------------


def test_requests_that_cannot_be_made(demo: Demo, tmp_path: Path) -> None:
    with pytest.raises(DossierError):
        _build(demo, tmp_path / "a.pdf", lang="de")
    with pytest.raises(DossierError):
        _build(demo, tmp_path / "missing" / "a.pdf")
    with pytest.raises(DossierError):
        _build(demo, tmp_path / "a.pdf", scope="article", ids=["cat_99"])
    with pytest.raises(DossierError):
        _build(demo, tmp_path / "a.pdf", audience="everyone")
    with pytest.raises(NotFoundError):
        _build(demo, tmp_path / "a.pdf", ids=["no-such-case"])
    with pytest.raises(DossierError):
        _build(demo, tmp_path / "a.pdf", scope="person", ids=[demo.confidential_person_id],
               audience="public")
    assert list(tmp_path.iterdir()) == []


# --- the parts on their own -----------------------------------------------------------------


def test_dossier_words_come_from_the_catalog_of_the_dossier_language() -> None:
    set_language("kk")  # the interface language does not matter
    try:
        assert Texts("ru")("contents") == "Содержание"
        assert Texts("en")("contents") == "Contents"
    finally:
        set_language("en")
    for lang in ("ru", "kk"):  # one term per concept in the interface and the dossier
        catalog = translation_for(lang)
        assert Texts(lang)("n_allegations") == catalog.gettext("Allegations")
        assert Texts(lang)("case_n", n=3) == catalog.gettext("Case {n}").format(n=3)
    assert Texts("kk")("case_n", n=3) == "3-іс"


def test_plural_forms() -> None:
    assert Texts("en").plural("ed_pseudonym", 1) == "1 person is referred to by a pseudonym."
    assert Texts("ru").plural("ed_pseudonym", 3) == "3 лица названы псевдонимами."
    assert Texts("ru").plural("ed_pseudonym", 5) == "5 лиц названо псевдонимами."
    assert Texts("ru").plural("ed_pseudonym", 21) == "21 лицо названо псевдонимом."
    assert Texts("ru").plural("bytes", 3, n="3") == "3 байта"
    assert Texts("kk").plural("ed_confidential", 2) == "«Құпия» деп белгіленген 2 жазба енгізілмеді."


def test_letters() -> None:
    assert [letter_code(i) for i in (0, 1, 25, 26, 27)] == ["A", "B", "Z", "AA", "AB"]


def test_redactor_inflections_scripts_and_shared_surnames() -> None:
    redactor = NameRedactor(
        [WithheldName("m", ["Эргашходжаева Мунира", "Ergashkhodzhaeva Munira"], "Relative A"),
         WithheldName("s", ["Турсунбоев Шерзод", "Tursunboyev Sherzod"], "Aziz"),
         WithheldName("k", ["Свидетель К-2", "Witness K-2"], "Witness C")],
        named=["Эргашходжаев Бахтиёр Турсунович", "Ergashkhodzhaev Bakhtiyor",
               "Пак Виктория"])
    cases = {
        "Мунира Эргашходжаева сказала": "[Relative A] сказала",
        "спросили Муниру Эргашходжаеву": "спросили [Relative A]",
        "М. Эргашходжаева о выдаче": "[Relative A] о выдаче",
        "Задержание Б. Эргашходжаева": "Задержание Б. Эргашходжаева",  # her named husband
        "с Шерзодом Турсунбоевым": "с [Aziz]",
        "TURSUNBOYEV SHERZOD": "[Aziz]",
        "Tursunboyev's mother": "[Aziz]'s mother",
        "показания свидетеля К-2 и Witness K-2": "показания [Witness C] и [Witness C]",
        "Witness K-20 и просто свидетель": "Witness K-20 и просто свидетель",
        "Пакетом душили": "Пакетом душили",
    }
    for text, expected in cases.items():
        assert redactor.clean(text) == expected, text
    assert redactor.replaced == 8
    assert NameRedactor([]).clean("Мунира") == "Мунира"


def test_content_is_plain_data(demo: Demo) -> None:
    content = collect_content(demo.services, "case", [demo.summary.extradition_case_id], "en",
                              "public")
    assert isinstance(content, DossierContent)
    assert content.figures.by_method and content.figures.over_time
    assert all(isinstance(s, str) for s in _content_strings(content))
