"""The translator's desk through the real widgets: stale and missing translations, saving, review
by a second person, approval, and the counts in words."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from hrcase.gui.controller import Controller
from hrcase.gui.translator_view import TranslatorView, paragraphs

from .conftest import all_texts, find_window

pytestmark = pytest.mark.gui

ORIGINAL = "Меня задержали у станции.\n\nПотом отвезли в отдел."
OTHER = "Another researcher"


def test_paragraphs_split_on_blank_lines() -> None:
    assert paragraphs("One\ntwo\n\n\n  \nThree\n") == ["One\ntwo", "Three"]
    assert paragraphs("") == []


def test_stale_translation_saved_reviewed_and_approved(qtbot: Any, unlocked: Controller,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    main, ctx = unlocked.main, unlocked.ctx
    assert main is not None and ctx is not None
    records = ctx.services.records
    case = records.create("case", {"title": {"en": "Invented case"}})
    stale = records.create("testimony", {"case_id": case.id, "language": "ru",
                                         "title": "Stale one", "text": "Меня задержали."})
    records.create("translation", {"target_kind": "testimony", "target_id": stale.id,
                                   "field": "text", "language": "en", "text": "I was detained.",
                                   "translator": OTHER, "reviewer": "Someone",
                                   "status": "approved", "source_revision": stale.revision})
    records.update("testimony", stale.id, {"text": ORIGINAL})  # the original changed since
    missing = records.create("testimony", {"case_id": case.id, "language": "ru",
                                           "title": "Missing one", "text": "Текст."})
    records.create("testimony", {"case_id": case.id, "language": "en", "text": "Already English."})

    main.act_translations.trigger()
    view = find_window(TranslatorView)
    assert isinstance(view, TranslatorView)
    assert view.target_language == "en"
    assert view.counts.text().startswith("2 testimonies need work on their translations.")
    statuses = {e.testimony.id: e.status for e in view.entries}
    assert statuses == {stale.id: "stale", missing.id: "missing"}
    assert any("out of date" in t for t in all_texts())

    view.select(stale.id)
    assert view.original.toPlainText() == ORIGINAL
    assert view.translation.toPlainText() == "I was detained."
    assert view.paragraph_note.text() == "1 of 2 paragraphs translated."
    view.translation.selectAll()
    qtbot.keyClicks(view.translation, "I was detained at the station.")
    qtbot.keyClick(view.translation, Qt.Key.Key_Return)
    qtbot.keyClick(view.translation, Qt.Key.Key_Return)
    qtbot.keyClicks(view.translation, "Then they took me to the police.")
    assert view.paragraph_note.text() == "2 of 2 paragraphs translated."
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    saved = records.list("translation", filters={"target_id": stale.id})[0]
    assert saved.source_revision == records.get("testimony", stale.id).revision
    assert saved.status == "draft" and saved.translator == ctx.services.actor
    assert {e.testimony.id: e.status for e in view.entries}[stale.id] == "draft"

    # The translator cannot review their own work.
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: said.append(text))
    qtbot.mouseClick(view.review_button, Qt.MouseButton.LeftButton)
    assert said == ["A translation is reviewed by someone other than its translator."]
    assert records.get("translation", saved.id).status == "draft"

    # Someone else translated it: the current user reviews, then approves.
    records.update("translation", saved.id, {"translator": OTHER})
    view.reload(keep=stale.id)
    qtbot.mouseClick(view.review_button, Qt.MouseButton.LeftButton)
    reviewed = records.get("translation", saved.id)
    assert reviewed.status == "reviewed" and reviewed.reviewer == ctx.services.actor
    qtbot.mouseClick(view.approve_button, Qt.MouseButton.LeftButton)
    assert records.get("translation", saved.id).status == "approved"
    assert [e.testimony.id for e in view.entries] == [missing.id]
    assert view.counts.text().startswith("1 testimony needs work on its translation.")
    assert view.state.text() == "The translation is approved."


def test_scrollbars_move_together(qtbot: Any, unlocked: Controller) -> None:
    main, ctx = unlocked.main, unlocked.ctx
    assert main is not None and ctx is not None
    case = ctx.services.records.create("case", {"title": {"en": "Invented case"}})
    long_text = "\n\n".join(f"Абзац номер {i}." for i in range(200))
    t = ctx.services.records.create("testimony", {"case_id": case.id, "language": "ru",
                                                  "text": long_text})
    main.act_translations.trigger()
    view = find_window(TranslatorView)
    assert isinstance(view, TranslatorView)
    view.select(t.id)
    view.translation.setPlainText("\n\n".join(f"Paragraph {i}." for i in range(200)))
    one, other = view.original.verticalScrollBar(), view.translation.verticalScrollBar()
    qtbot.waitUntil(lambda: one.maximum() > 0 and other.maximum() > 0, timeout=3000)
    one.setValue(one.maximum())
    assert other.value() == other.maximum()
    other.setValue(0)
    assert one.value() == 0


def test_locking_empties_search_dossier_and_translation_windows(qtbot: Any,
                                                                unlocked: Controller) -> None:
    from hrcase.gui.dossier_dialog import DossierDialog
    from hrcase.gui.search_dialog import SearchDialog

    from .conftest import type_text

    main, ctx = unlocked.main, unlocked.ctx
    assert main is not None and ctx is not None
    case = ctx.services.records.create("case", {"title": {"en": "Invented case"}})
    t = ctx.services.records.create("testimony", {"case_id": case.id, "language": "ru",
                                                  "text": "Секретный абзац."})
    main.act_translations.trigger()
    view = find_window(TranslatorView)
    assert isinstance(view, TranslatorView)
    view.select(t.id)
    main.act_search.trigger()
    search = find_window(SearchDialog)
    assert isinstance(search, SearchDialog)
    type_text(search.query, "Секретный")
    qtbot.waitUntil(lambda: bool(search.hits), timeout=10_000)
    main.restore_place("case", case.id)
    main.act_dossier.trigger()
    dossier = find_window(DossierDialog)
    assert isinstance(dossier, DossierDialog)
    assert any("Секретный" in text for text in all_texts())

    unlocked.lock()
    assert not any("Секретный" in text or "Invented case" in text for text in all_texts())
    assert find_window(TranslatorView) is None and find_window(SearchDialog) is None
    assert find_window(DossierDialog) is None
