"""The person editor's duplicates notice, through the real widgets: type a name in one script,
see the existing person written in the other, open it or dismiss the notice, and save anyway."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from hrcase.gui.controller import Controller
from hrcase.gui.editor_window import EditorWindow
from hrcase.gui.editors.person import PersonEditor
from hrcase.gui.widgets.duplicate_notice import DuplicateNotice

from ..helpers import add_person
from .conftest import all_texts, find_window, type_text

pytestmark = pytest.mark.gui

LEFT = Qt.MouseButton.LeftButton


def _editor(qtbot: Any, unlocked: Controller, record_id: str | None = None) -> PersonEditor:
    """The main window's person editor: a new person (Ctrl+N) or ``record_id``."""
    main = unlocked.main
    assert main is not None
    main.show_section("person")
    if record_id is None:
        main.act_new.trigger()
    else:
        main.show_editor("person", record_id)
    editor = main.editor
    assert isinstance(editor, PersonEditor)
    qtbot.waitUntil(editor.isVisible, timeout=3000)
    return editor


def _open_buttons(notice: DuplicateNotice) -> list[QPushButton]:
    return [b for b in notice.findChildren(QPushButton) if b.text() == "Open" and b.isVisible()]


def test_a_new_name_offers_the_same_person_written_in_the_other_script(
        qtbot: Any, unlocked: Controller) -> None:
    ctx = unlocked.ctx
    assert ctx is not None
    existing = add_person(ctx.services, "Нурлан Абенов", birth="1980")
    add_person(ctx.services, "Нурлан Абенов", birth="1950")  # born too early to be him
    add_person(ctx.services, "Ерлан Сапаров", birth="1980")

    editor = _editor(qtbot, unlocked)
    notice = editor.duplicates
    birth = editor.widgets["birth"].edit  # type: ignore[attr-defined]
    birth.setFocus()
    type_text(birth, "1980")
    editor.names.rows[0].text.setFocus()
    type_text(editor.names.rows[0].text, "Nurlan Abenov")
    qtbot.waitUntil(notice.isVisible, timeout=10_000)
    assert [c.person_id for c in notice.candidates] == [existing.id]
    texts = all_texts()
    assert "Possibly the same person as:" in texts
    assert "Нурлан Абенов, born 1980" in texts
    assert len(_open_buttons(notice)) == 1

    qtbot.mouseClick(_open_buttons(notice)[0], LEFT)
    qtbot.waitUntil(lambda: find_window(EditorWindow) is not None, timeout=5000)
    window = find_window(EditorWindow)
    assert isinstance(window, EditorWindow) and window.editor.record_id == existing.id
    window.close()

    qtbot.mouseClick(notice.dismiss_button, LEFT)
    assert not notice.isVisible()
    qtbot.mouseClick(editor.save_button, LEFT)  # the notice never stood in the way
    assert editor.record_id not in (None, existing.id)
    assert "Saved." in all_texts()
    names = ctx.services.records.list("person_name", filters={"person_id": editor.record_id})
    assert [n.text for n in names] == ["Nurlan Abenov"]


def test_renaming_offers_others_but_never_the_person_itself(
        qtbot: Any, unlocked: Controller) -> None:
    ctx = unlocked.ctx
    assert ctx is not None
    other = add_person(ctx.services, "Kholboev Rustam")
    person = add_person(ctx.services, "Rustam Karimov")

    editor = _editor(qtbot, unlocked, person.id)
    notice = editor.duplicates
    line = editor.names.rows[0].text
    line.setFocus()
    line.selectAll()
    type_text(line, "Рустам Холбоев")
    qtbot.waitUntil(notice.isVisible, timeout=10_000)
    assert [c.person_id for c in notice.candidates] == [other.id]
    assert "Kholboev Rustam" in all_texts()

    line.selectAll()
    type_text(line, "Rustam Karimov")  # back to its own name: only itself matches
    qtbot.waitUntil(lambda: not notice.isVisible(), timeout=10_000)
    assert notice.candidates == []
