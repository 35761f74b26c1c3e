"""Locking: idle auto-lock, the panic key under a modal dialog, windows and clipboard cleared."""

from __future__ import annotations

import io
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from hrcase.gui.controller import Controller
from hrcase.gui.dialogs.unlock import UnlockDialog
from hrcase.gui.editor_window import EditorWindow
from hrcase.gui.widgets.attachments import AttachmentViewer

from .conftest import PASSPHRASE, UNLOCK_TIMEOUT_MS, all_texts, find_window

pytestmark = pytest.mark.gui

NAME = "Invented Person Lockwood"
NOTE = "met at the bus stop near the invented market"
PANIC = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def add_person(ctrl: Controller) -> str:
    services = ctrl.ctx.services
    person = services.records.create("person", {"notes": NOTE})
    services.records.create("person_name", {"person_id": person.id, "text": NAME, "kind": "primary"})
    return person.id


def test_idle_time_locks_and_unlocking_returns_to_the_record(qtbot: Any, unlocked: Controller) -> None:
    person_id = add_person(unlocked)
    main = unlocked.main
    main.show_section("person")
    main.restore_place("person", person_id)
    assert main.editor is not None and main.editor.record_id == person_id
    unlocked.watcher.set_timeout_ms(400)
    qtbot.waitUntil(lambda: unlocked.main is None, timeout=5000)
    dialog = unlocked.dialog
    assert isinstance(dialog, UnlockDialog)
    assert "without activity" in dialog._note.text()
    QApplication.sendPostedEvents(None, 0)
    assert not any(NAME in t or NOTE in t for t in all_texts())

    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: unlocked.main is not None, timeout=UNLOCK_TIMEOUT_MS)
    assert unlocked.main.kind == "person"
    assert unlocked.main.editor.record_id == person_id
    assert unlocked.main.editor.widgets["notes"].toPlainText() == NOTE


def test_input_keeps_the_vault_open(qtbot: Any, unlocked: Controller) -> None:
    unlocked.watcher.set_timeout_ms(600)
    for _i in range(6):
        qtbot.wait(200)
        qtbot.keyClick(unlocked.main.filter, Qt.Key.Key_A)
    assert unlocked.main is not None


def test_idle_lock_saves_valid_unsaved_work(qtbot: Any, unlocked: Controller) -> None:
    person_id = add_person(unlocked)
    main = unlocked.main
    main.show_section("person")
    main.restore_place("person", person_id)
    qtbot.keyClicks(main.editor.widgets["occupation"], "driver")
    assert main.editor.dirty
    unlocked.lock(idle=True)
    dialog = unlocked.dialog
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: unlocked.main is not None, timeout=UNLOCK_TIMEOUT_MS)
    assert unlocked.ctx.services.records.get("person", person_id).occupation == "driver"


def test_panic_key_clears_every_window_even_under_a_modal_dialog(qtbot: Any, unlocked: Controller) -> None:
    person_id = add_person(unlocked)
    main = unlocked.main
    main.show_section("person")
    main.restore_place("person", person_id)
    window = main.open_window("person", person_id)
    assert isinstance(window, EditorWindow) and NAME in window.windowTitle()
    attachment = unlocked.ctx.services.attachments.add(
        io.BytesIO(f"{NOTE}\n".encode()), filename="note.txt",
        owner_kind="person", owner_id=person_id)
    viewer = AttachmentViewer(attachment, f"{NOTE}\n".encode(), main)
    viewer.show()
    assert NOTE in viewer.view.toPlainText()
    assert any(NAME in t for t in all_texts())
    vault = unlocked.vault

    # Press the panic key while a modal message box runs its own event loop.
    def press_panic() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        qtbot.keyClick(box, Qt.Key.Key_L, PANIC)

    QTimer.singleShot(100, press_panic)
    answer = QMessageBox.question(main, "Question", "Still there?")
    assert answer != QMessageBox.StandardButton.Yes
    qtbot.waitUntil(lambda: unlocked.main is None)
    QApplication.sendPostedEvents(None, 0)
    assert not vault.is_open
    assert find_window(EditorWindow) is None and find_window(AttachmentViewer) is None
    texts = "\n".join(all_texts())
    assert NAME not in texts and NOTE not in texts
    assert isinstance(unlocked.dialog, UnlockDialog) and unlocked.dialog.isVisible()


def test_lock_clears_the_clipboard_when_it_holds_hrcase_text(qtbot: Any, unlocked: Controller) -> None:
    clipboard = QGuiApplication.clipboard()
    unlocked.main.filter.setText(NAME)
    unlocked.main.filter.selectAll()
    unlocked.main.filter.copy()  # copied from an hrcase field
    assert clipboard.text() == NAME
    unlocked.lock()
    assert clipboard.text() == ""


def test_the_lock_menu_entry_shows_the_panic_shortcut(unlocked: Controller) -> None:
    action = unlocked.main.act_lock
    assert action.shortcut().toString() == "Ctrl+Shift+L"
    assert action in unlocked.main.file_menu.actions()
    action.trigger()
    assert unlocked.main is None and unlocked.vault is None


def test_a_language_change_right_after_locking_finds_no_broken_window(
        qtbot: Any, unlocked: Controller) -> None:
    """Windows emptied by the lock are deleted on the next event loop pass; a language change
    before that (from the unlock dialog) must not trip over their emptied lists."""
    from hrcase.gui.language import switch_language
    from hrcase.gui.search_dialog import show_search_dialog
    from hrcase.gui.translator_view import show_translator_view

    main = unlocked.main
    assert main is not None and unlocked.ctx is not None
    show_search_dialog(unlocked.ctx, main)
    show_translator_view(unlocked.ctx, main)
    main.new_record()
    unlocked.lock()
    try:
        switch_language("ru")  # raises through pytest-qt if a retranslate() fails
        switch_language("kk")
    finally:
        switch_language("en")
    qtbot.waitUntil(lambda: unlocked.dialog is not None and unlocked.dialog.isVisible())
