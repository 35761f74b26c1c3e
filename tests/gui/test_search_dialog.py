"""Global search through the real widgets: type a name, see grouped results, Enter opens it."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from hrcase.gui.controller import Controller
from hrcase.gui.editors.person import PersonEditor
from hrcase.gui.search_dialog import SearchDialog

from ..helpers import add_person
from .conftest import all_texts, find_window, type_text

pytestmark = pytest.mark.gui

CTRL = Qt.KeyboardModifier.ControlModifier


def test_search_groups_results_and_opens_the_record(qtbot: Any, unlocked: Controller) -> None:
    main, ctx = unlocked.main, unlocked.ctx
    assert main is not None and ctx is not None
    person = add_person(ctx.services, "Айгерим Тестова")
    case = ctx.services.records.create("case", {"title": {"en": "Invented case"}})
    ctx.services.records.create("testimony", {"case_id": case.id, "language": "ru",
                                              "text": "Айгерим Тестова видела задержание."})

    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow, timeout=3000)
    qtbot.keyClick(main, Qt.Key.Key_K, CTRL)
    dialog = find_window(SearchDialog)
    assert isinstance(dialog, SearchDialog)
    type_text(dialog.query, "Тестова")
    qtbot.waitUntil(lambda: len(dialog.hits) >= 2, timeout=10_000)
    headings = [dialog.results.topLevelItem(i).text(0)
                for i in range(dialog.results.topLevelItemCount())]
    assert headings == ["Persons", "Testimonies"]
    texts = all_texts()
    assert any("Айгерим Тестова" in t for t in texts)
    assert "2 records found." in texts

    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3000)
    assert main.kind == "person"
    assert isinstance(main.editor, PersonEditor) and main.editor.record_id == person.id
    assert any("Айгерим Тестова" in t for t in all_texts())


def test_nothing_found_and_stale_results_dropped(qtbot: Any, unlocked: Controller) -> None:
    main, ctx = unlocked.main, unlocked.ctx
    assert main is not None and ctx is not None
    main.act_search.trigger()
    dialog = find_window(SearchDialog)
    assert isinstance(dialog, SearchDialog)
    type_text(dialog.query, "Zzyzx")
    qtbot.waitUntil(lambda: dialog.status.text() == "Nothing found.", timeout=10_000)
    assert dialog.results.topLevelItemCount() == 0
