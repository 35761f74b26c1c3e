"""A record editor in a window of its own (linked records, new linked records, events opened
from the timeline), so the main window keeps its place and its unsaved work."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QMessageBox, QVBoxLayout, QWidget

from hrcase.gui.context import AppContext
from hrcase.gui.editors import make_editor
from hrcase.gui.editors.base import RecordEditor
from hrcase.gui.language import Retranslatable
from hrcase.i18n import _


def ask_unsaved(parent: QWidget) -> QMessageBox.StandardButton:
    """Ask what to do with unsaved changes: Save, Discard or Cancel."""
    box = QMessageBox(QMessageBox.Icon.Question, _("Unsaved changes"),
                      _("This record has changes that are not saved."),
                      QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                      | QMessageBox.StandardButton.Cancel, parent)
    box.setInformativeText(_("Save them before going on?"))
    box.button(QMessageBox.StandardButton.Save).setText(_("&Save"))
    box.button(QMessageBox.StandardButton.Discard).setText(_("&Discard"))
    box.button(QMessageBox.StandardButton.Cancel).setText(_("Cancel"))
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    return QMessageBox.StandardButton(box.exec())


def settle_unsaved(editor: RecordEditor | None, parent: QWidget) -> bool:
    """True when it is fine to leave ``editor``: nothing unsaved, saved, or discarded.

    After a lock there is nothing to ask: unsaved edits are gone with the windows.
    """
    if editor is None or not editor.dirty or not editor.ctx.active:
        return True
    answer = ask_unsaved(parent)
    if not editor.ctx.active:
        return False
    if answer == QMessageBox.StandardButton.Save:
        return editor.save()
    return answer == QMessageBox.StandardButton.Discard


class EditorWindow(Retranslatable, QWidget):
    """A window holding one record editor."""

    saved = Signal(str, str)

    def __init__(self, ctx: AppContext, kind: str, record_id: str | None = None,
                 defaults: dict[str, Any] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.editor = make_editor(ctx, kind, record_id, defaults, self)
        self.editor.saved.connect(self.saved)
        self.editor.deleted.connect(lambda _k, _i: self.close())
        self.editor.saved.connect(lambda _k, _i: self.retranslate())
        layout = QVBoxLayout(self)
        layout.addWidget(self.editor)
        for sequence, slot in ((QKeySequence.StandardKey.Save, self.editor.save),
                               (QKeySequence.StandardKey.Close, self.close)):
            action = QAction(self)
            action.setShortcut(sequence)
            action.triggered.connect(slot)
            self.addAction(action)
        self.resize(760, 820)
        self.retranslate()

    def retranslate(self) -> None:
        """Window title in the current language."""
        self.setWindowTitle(_("%(record)s — hrcase") % {"record": self.editor.heading.text()})

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        """Ask about unsaved changes first (not when the vault is locking)."""
        if self.editor.ctx.active and not settle_unsaved(self.editor, self):
            event.ignore()
            return
        event.accept()
