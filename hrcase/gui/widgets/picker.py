"""Linking records without typing ids: search as you type, pick, or create one on the spot.

:class:`RecordPicker` holds the id of one linked record (a person, place, organisation, case,
event). Typing asks ``RecordService.list(kind, text=…)`` for matches after a short pause and
shows them in a popup; the last entry creates a new record with the typed name. The field then
shows the record's label; "Open" shows the linked record itself.
:class:`RecordListPicker` holds several ids (persons present at an interview).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCompleter, QHBoxLayout, QLineEdit, QListWidget, QListWidgetItem, QPushButton, QToolButton,
    QVBoxLayout, QWidget,
)

from hrcase.domain.translit import detect_script
from hrcase.errors import HrcaseError
from hrcase.gui.context import AppContext
from hrcase.gui.language import Retranslatable
from hrcase.i18n import _, current_language
from hrcase.services.display import record_label

ID_ROLE = Qt.ItemDataRole.UserRole
CREATE_ROLE = Qt.ItemDataRole.UserRole + 1
MAX_MATCHES = 15
CREATABLE = ("person", "place", "organisation", "case")


def create_named(ctx: AppContext, kind: str, name: str) -> str:
    """Create a record of ``kind`` that has only a name; returns its id."""
    if kind == "person":
        person = ctx.services.records.create("person", {})
        script = detect_script(name)
        ctx.services.records.create("person_name", {
            "person_id": person.id, "text": name, "kind": "primary",
            "script": script if script in ("Cyrl", "Latn") else "Latn"})
        return person.id
    field = "title" if kind == "case" else "name"
    return ctx.services.records.create(kind, {field: {current_language(): name}}).id


class RecordPicker(Retranslatable, QWidget):
    """One linked record, found by typing part of its name."""

    changed = Signal()

    def __init__(self, ctx: AppContext, kind: str, parent: QWidget | None = None, *,
                 creatable: bool | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.kind = kind
        self._creatable = kind in CREATABLE if creatable is None else creatable
        self._id: str | None = None
        self._label = ""
        self.edit = QLineEdit(self)
        self.edit.setClearButtonEnabled(True)
        self.matches = QStandardItemModel(self)
        self.completer = QCompleter(self.matches, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setMaxVisibleItems(MAX_MATCHES + 1)
        self.completer.setWidget(self.edit)
        self.completer.activated[QModelIndex].connect(self._picked)
        self.open_button = QToolButton(self)
        self.open_button.setText("→")
        self.open_button.clicked.connect(self._open)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.search)
        self.edit.textEdited.connect(self._edited)
        self.edit.editingFinished.connect(self._finished)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.open_button)
        self.setFocusProxy(self.edit)
        self.retranslate()

    def retranslate(self) -> None:
        """Set texts in the current language."""
        self.edit.setPlaceholderText(_("Type to search…"))
        self.open_button.setToolTip(_("Open the linked record"))
        self.open_button.setAccessibleName(_("Open the linked record"))
        self._update_buttons()

    def setAccessibleName(self, name: str) -> None:  # noqa: N802 (Qt naming)
        """Name the search field for screen readers."""
        self.edit.setAccessibleName(name)
        super().setAccessibleName(name)

    # -- value ---------------------------------------------------------------------------------
    def value(self) -> str | None:
        """The id of the linked record, or None."""
        return self._id

    def set_value(self, record_id: str | None) -> None:
        """Link ``record_id`` (None: nothing) and show its label."""
        self._id = record_id or None
        self._label = self._ctx.label(self.kind, self._id)
        self.edit.setText(self._label)
        self.edit.setCursorPosition(0)
        self._update_buttons()

    def error(self) -> str | None:
        """A message when typed text was not turned into a link."""
        text = self.edit.text().strip()
        if text and text != self._label:
            return _("“%(text)s” is not linked yet: choose a match from the list or create a new "
                     "record.") % {"text": text}
        return None

    # -- searching -----------------------------------------------------------------------------
    def _edited(self, text: str) -> None:
        if not text.strip():
            if self._id is not None:
                self._id, self._label = None, ""
                self._update_buttons()
                self.changed.emit()
            self._timer.stop()
            return
        self._timer.start()

    def search(self) -> None:
        """Fill the popup with records matching the typed text (and "create new")."""
        text = self.edit.text().strip()
        self.matches.clear()
        if not text:
            return
        records = self._ctx.services.records.list(self.kind, text=text, limit=MAX_MATCHES)
        if self.kind == "person":
            names = self._ctx.person_names(r.id for r in records)
            labels = [names.get(r.id, _("(unnamed)")) for r in records]
        else:
            labels = [record_label(self._ctx.services, self.kind, r) for r in records]
        for record, label in zip(records, labels):
            item = QStandardItem(label)
            item.setData(record.id, ID_ROLE)
            item.setEditable(False)
            self.matches.appendRow(item)
        if self._creatable:
            item = QStandardItem(_("Create new: “%(name)s”") % {"name": text})
            item.setData(text, CREATE_ROLE)
            item.setEditable(False)
            self.matches.appendRow(item)
        if self.matches.rowCount():
            self.completer.setCompletionPrefix("")
            self.completer.complete()

    def _picked(self, index: QModelIndex) -> None:
        new_name = index.data(CREATE_ROLE)
        try:
            record_id = (create_named(self._ctx, self.kind, new_name) if new_name
                         else index.data(ID_ROLE))
        except HrcaseError as err:
            self.edit.setToolTip(str(err))
            return
        self.set_value(record_id)
        self.matches.clear()
        self.changed.emit()

    def _finished(self) -> None:
        if not self.edit.text().strip() and self._id is None:
            self.edit.setText("")

    def _open(self) -> None:
        if self._id:
            self._ctx.open_record(self.kind, self._id)

    def _update_buttons(self) -> None:
        self.open_button.setEnabled(self._id is not None)


class RecordListPicker(Retranslatable, QWidget):
    """Several linked records of one kind (e.g. the persons present at an interview)."""

    changed = Signal()

    def __init__(self, ctx: AppContext, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.kind = kind
        self.list = QListWidget(self)
        self.list.setMaximumHeight(96)
        self.list.itemActivated.connect(
            lambda item: ctx.open_record(kind, item.data(ID_ROLE)))
        self.adder = RecordPicker(ctx, kind, self)
        self.adder.changed.connect(self._add)
        self.remove_button = QPushButton(self)
        self.remove_button.clicked.connect(self._remove)
        row = QHBoxLayout()
        row.addWidget(self.adder, 1)
        row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(row)
        self.retranslate()

    def retranslate(self) -> None:
        """Set texts in the current language."""
        self.remove_button.setText(_("Remove"))
        self.remove_button.setAccessibleName(_("Remove the selected entry"))

    def setAccessibleName(self, name: str) -> None:  # noqa: N802 (Qt naming)
        """Name the list and the field that adds to it."""
        self.list.setAccessibleName(name)
        self.adder.setAccessibleName(_("Add to: %(field)s") % {"field": name})
        super().setAccessibleName(name)

    def value(self) -> list[str]:
        """The linked ids in order."""
        return [self.list.item(i).data(ID_ROLE) for i in range(self.list.count())]

    def set_value(self, ids: list[str] | None) -> None:
        """Show the linked records."""
        self.list.clear()
        names = self._ctx.person_names(ids or ()) if self.kind == "person" else {}
        for record_id in ids or ():
            label = names.get(record_id) or self._ctx.label(self.kind, record_id)
            item = QListWidgetItem(label, self.list)
            item.setData(ID_ROLE, record_id)

    def error(self) -> str | None:
        """Typed text that was not turned into a link."""
        return self.adder.error()

    def _add(self) -> None:
        record_id = self.adder.value()
        if record_id and record_id not in self.value():
            item = QListWidgetItem(self._ctx.label(self.kind, record_id), self.list)
            item.setData(ID_ROLE, record_id)
            self.changed.emit()
        self.adder.set_value(None)

    def _remove(self) -> None:
        for item in self.list.selectedItems():
            self.list.takeItem(self.list.row(item))
            self.changed.emit()
