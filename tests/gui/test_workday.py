"""A field researcher's day through the real widgets: a case, a person, a testimony with an
allegation, the panic lock, unlocking back to the same record, and finding it again."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from hrcase.gui.controller import Controller
from hrcase.gui.dialogs.unlock import UnlockDialog
from hrcase.gui.editor_window import EditorWindow
from hrcase.gui.editors.allegation import AllegationEditor, PerpetratorRow
from hrcase.gui.editors.case import CaseEditor
from hrcase.gui.editors.person import NameRow, PersonEditor
from hrcase.gui.editors import testimony as testimony_editor
from hrcase.gui.widgets.picker import RecordPicker

from .conftest import PASSPHRASE, UNLOCK_TIMEOUT_MS, all_texts, find_window, type_text

pytestmark = pytest.mark.gui

CTRL = Qt.KeyboardModifier.ControlModifier
PERSON = "Нурлан Тестов"
CASE_TITLE = "Detention after the Testville rally"
TESTIMONY_TEXT = "They put a bag over my head in the basement of the station."
UNIT = "Testville OMON unit"


def pick(qtbot: Any, picker: RecordPicker, typed: str, row: int = 0) -> None:
    """Type into a record picker and choose the popup entry at ``row`` (-1: create new)."""
    type_text(picker.edit, typed)
    popup = picker.completer.popup()
    qtbot.waitUntil(popup.isVisible, timeout=3000)
    index = picker.matches.index(row if row >= 0 else picker.matches.rowCount() - 1, 0)
    popup.setCurrentIndex(index)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: picker.value() is not None, timeout=3000)


def test_a_researchers_day(qtbot: Any, unlocked: Controller) -> None:
    main = unlocked.main
    assert main is not None

    # A case.
    main.show_section("case")
    qtbot.keyClick(main.table, Qt.Key.Key_N, CTRL)
    case_editor = main.editor
    assert isinstance(case_editor, CaseEditor) and case_editor.record_id is None
    qtbot.keyClicks(case_editor.widgets["title"].edits["en"], CASE_TITLE)
    assert case_editor.dirty and case_editor.heading.text().endswith("*")
    qtbot.keyClick(case_editor, Qt.Key.Key_S, CTRL)
    assert case_editor.record_id is not None, case_editor.message.text()
    assert main.model is not None and main.model.total == 1
    assert CASE_TITLE in main.model.data(main.model.index(0, 0))

    # A person, with a partial date of birth.
    main.show_section("person")
    main.act_new.trigger()
    person_editor = main.editor
    assert isinstance(person_editor, PersonEditor)
    name_row = person_editor.names.rows[0]
    assert isinstance(name_row, NameRow)
    type_text(name_row.text, PERSON)
    assert name_row.script.value() == "Cyrl"
    birth = person_editor.widgets["birth"]
    qtbot.keyClicks(birth.edit, "c. 1974")
    assert birth.note.text() == "Reads as: c. 1974"
    qtbot.keyClick(person_editor, Qt.Key.Key_S, CTRL)
    assert person_editor.record_id is not None, person_editor.message.text()
    assert main.model.total == 1 and main.model.data(main.model.index(0, 0)) == PERSON
    assert main.model.data(main.model.index(0, 2)) == "c. 1974"
    person_editor.tabs.setCurrentWidget(person_editor.history)
    assert person_editor.history.item(0, 2).text() == "Created"

    # A testimony linked to both by typing, not by ids.
    main.show_section("testimony")
    main.act_new.trigger()
    testimony = main.editor
    assert isinstance(testimony, testimony_editor.TestimonyEditor)
    pick(qtbot, testimony.widgets["case_id"], "Testville")
    pick(qtbot, testimony.widgets["interviewee_id"], "Тестов")
    assert testimony.widgets["interviewee_id"].edit.text() == PERSON
    qtbot.keyClicks(testimony.widgets["title"], "Interview in Testville")
    qtbot.keyClicks(testimony.widgets["date"].edit, "16.12.2011")
    assert "16 December 2011" in testimony.widgets["date"].note.text()
    qtbot.keyClicks(testimony.widgets["text"], TESTIMONY_TEXT)
    qtbot.mouseClick(testimony.save_button, Qt.MouseButton.LeftButton)
    assert testimony.record_id is not None, testimony.message.text()
    testimony_id = testimony.record_id

    # An allegation from the testimony, in its own window.
    testimony.tabs.setCurrentWidget(testimony.allegations)
    qtbot.mouseClick(testimony.allegations.add_button, Qt.MouseButton.LeftButton)
    window = find_window(EditorWindow)
    assert isinstance(window, EditorWindow)
    allegation = window.editor
    assert isinstance(allegation, AllegationEditor)
    assert allegation.widgets["victim_id"].value() is not None
    methods = allegation.widgets["methods"]
    beating = methods._items["beating"]
    methods.setCurrentItem(beating)
    qtbot.keyClick(methods, Qt.Key.Key_Space)
    assert methods.value() == ["beating"]
    qtbot.mouseClick(allegation.perpetrators.add_button, Qt.MouseButton.LeftButton)
    row = allegation.perpetrators.rows[0]
    assert isinstance(row, PerpetratorRow)
    pick(qtbot, row.organisation, UNIT, row=-1)  # "Create new: …"
    assert row.organisation.edit.text() == UNIT
    articles = allegation.widgets["articles"]
    articles.setCurrentItem(articles._items["cat_1"])
    qtbot.keyClick(articles, Qt.Key.Key_Space)
    duress = allegation.widgets["statement_under_duress"]
    duress.setCurrentIndex(1)
    duress.activated.emit(1)
    qtbot.keyClick(allegation, Qt.Key.Key_S, CTRL)
    assert allegation.record_id is not None, allegation.message.text()
    stored = unlocked.ctx.services.records.get("allegation", allegation.record_id)
    assert stored.methods == ["beating"] and stored.articles == ["cat_1"]
    assert stored.statement_under_duress is True
    perpetrators = unlocked.ctx.services.records.list(
        "perpetrator", filters={"allegation_id": allegation.record_id})
    assert [p.involvement for p in perpetrators] == ["carried_out"]
    qtbot.waitUntil(lambda: testimony.allegations.table.rowCount() == 1)

    # Panic: everything with content goes, at once.
    vault = unlocked.vault
    qtbot.keyClick(main.table, Qt.Key.Key_L, CTRL | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: unlocked.main is None)
    QApplication.sendPostedEvents(None, 0)  # run the deferred deletions
    assert vault is not None and not vault.is_open
    texts = "\n".join(all_texts())
    for secret in (PERSON, CASE_TITLE, TESTIMONY_TEXT, UNIT, "Interview in Testville"):
        assert secret not in texts
    dialog = unlocked.dialog
    assert isinstance(dialog, UnlockDialog) and dialog.isVisible()

    # Unlock: back to the same section and record, read again from the vault.
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: unlocked.main is not None, timeout=UNLOCK_TIMEOUT_MS)
    main = unlocked.main
    assert main.kind == "testimony"
    assert main.editor is not None and main.editor.record_id == testimony_id
    assert main.editor.widgets["text"].toPlainText() == TESTIMONY_TEXT

    # Find the person again by a part of the name.
    main.show_section("person")
    type_text(main.filter, "тесто")
    qtbot.waitUntil(lambda: main.model.total == 1 and main.model.rowCount() == 1)
    main.filter.clear()
    qtbot.keyClicks(main.filter, "nobody")
    qtbot.waitUntil(lambda: main.model.total == 0)
