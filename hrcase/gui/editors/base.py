"""The record editor: a form built from field specs, with Save, Revert, Delete and History.

Every field widget offers ``value()``, ``set_value()``, ``error()`` and a ``changed`` signal, so
loading and saving is one loop for every kind. Kinds with linked records that are edited with
them (a person's names, an allegation's perpetrators, the roles in a case) override
``load_children`` and ``linked_rows``; the record and its linked rows are saved in one
transaction (``RecordService.apply``), so a refused row leaves nothing half-saved. Errors from
the services (``ValidationError`` naming a field) are shown inline and the field gets the focus.
Saving passes the revision that was loaded, so a record changed elsewhere in between is not
silently overwritten.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout, QHBoxLayout, QLabel, QMessageBox, QPushButton, QScrollArea, QTabWidget,
    QVBoxLayout, QWidget,
)

from hrcase.errors import HrcaseError, ValidationError
from hrcase.gui.context import AppContext
from hrcase.gui.kinds import KIND_INFO
from hrcase.gui.language import Retranslatable
from hrcase.gui.widgets.attachments import AttachmentsPanel
from hrcase.gui.widgets.common import MessageLabel
from hrcase.gui.widgets.history import HistoryView
from hrcase.gui.widgets.rows import Row
from hrcase.i18n import N_, _
from hrcase.services.records import LinkedRows

Factory = Callable[[AppContext, QWidget], QWidget]

ATTACHABLE = ("case", "person", "testimony", "allegation", "event", "place", "organisation",
              "source", "intervention")

SINGULAR = {info.kind: info.singular for info in KIND_INFO.values()}
SINGULAR.update({"translation": N_("Translation"), "recommendation": N_("Recommendation")})


@dataclass(frozen=True)
class Field:
    """One row of an editor's form."""

    name: str
    label: str
    make: Factory
    required: bool = False
    """A link that must be set (the services would refuse the record without it)."""


class FieldProblem(Exception):
    """A field's value cannot be saved; carries the field name and the message."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class RecordEditor(Retranslatable, QWidget):
    """Edits one record of ``kind`` (a new one when ``record_id`` is None)."""

    saved = Signal(str, str)
    deleted = Signal(str, str)
    dirty_changed = Signal(bool)

    fields: tuple[Field, ...] = ()

    def __init__(self, ctx: AppContext, kind: str, record_id: str | None = None,
                 defaults: dict[str, Any] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.kind = kind
        self.record_id = record_id
        self._defaults = dict(defaults or {})
        self._revision: int | None = None
        self._dirty = False
        self._loading = False

        self.heading = QLabel(self)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.tabs = QTabWidget(self)
        self.form_page = QWidget()
        self.form = QFormLayout(self.form_page)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.form_page)
        self.tabs.addTab(scroll, "")
        self.widgets: dict[str, QWidget] = {}
        self._labels: dict[str, QLabel] = {}
        self.build_form()
        self.history = HistoryView(ctx, self)
        self.attachments = AttachmentsPanel(ctx, self) if kind in ATTACHABLE else None
        self.add_tabs()
        self.tabs.addTab(self.history, "")
        if self.attachments is not None:
            self.tabs.addTab(self.attachments, "")

        self.message = MessageLabel(self)
        self.save_button = QPushButton(self)
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(self)
        self.revert_button.clicked.connect(self.load)
        self.delete_button = QPushButton(self)
        self.delete_button.clicked.connect(self.delete)
        buttons = QHBoxLayout()
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.retranslate()
        self.load()

    def _align_labels(self) -> None:
        """Give every form label the width of the widest plus the spacing: the form then puts a
        field below its label whenever it would not fit beside the label column (QFormLayout's
        WrapLongRows decides per row, from that row's own label, without the spacing)."""
        widest = max((label.sizeHint().width() for label in self._labels.values()), default=0)
        widest += max(self.form.horizontalSpacing(), 0)
        for label in self._labels.values():
            label.setMinimumWidth(widest)
            label.setAlignment(self.form.labelAlignment())  # the text, inside the wider label

    # -- building ------------------------------------------------------------------------------
    def build_form(self) -> None:
        """Create one row per field spec (subclasses may add rows before or after)."""
        for spec in self.fields:
            self.add_field(spec)

    def add_field(self, spec: Field) -> QWidget:
        """Add one field row to the form and connect its ``changed`` signal."""
        widget = spec.make(self.ctx, self.form_page)
        label = QLabel(self.form_page)
        label.setBuddy(widget)  # one line: a long label puts its field below it (WrapLongRows)
        self.form.addRow(label, widget)
        self.widgets[spec.name] = widget
        self._labels[spec.name] = label
        widget.changed.connect(self.mark_dirty)  # type: ignore[attr-defined]
        return widget

    def add_tabs(self) -> None:
        """Subclasses add tabs between the form and the history here."""

    def retranslate(self) -> None:
        """Set texts in the current language."""
        for spec in self.fields:
            if spec.name in self._labels:
                self._labels[spec.name].setText(_("%(label)s:") % {"label": _(spec.label)})
                self.widgets[spec.name].setAccessibleName(_(spec.label))
        self._align_labels()
        self.tabs.setTabText(0, _("Details"))
        self.tabs.setTabText(self.tabs.indexOf(self.history), _("History"))
        if self.attachments is not None:
            self.tabs.setTabText(self.tabs.indexOf(self.attachments), _("Attachments"))
        self.save_button.setText(_("&Save"))
        self.save_button.setToolTip(_("Save (Ctrl+S)"))
        self.revert_button.setText(_("Re&vert"))
        self.delete_button.setText(_("&Delete…"))
        self._update_heading()

    def label_of(self, field: str) -> str:
        """The translated label of a field (its name when it has none)."""
        for spec in self.fields:
            if spec.name == field:
                return _(spec.label)
        return field

    # -- state ---------------------------------------------------------------------------------
    @property
    def dirty(self) -> bool:
        """Whether there are unsaved changes."""
        return self._dirty

    def mark_dirty(self) -> None:
        """Note an unsaved change."""
        if not self._loading and not self._dirty:
            self._dirty = True
            self.dirty_changed.emit(True)
            self._update_heading()

    def _set_clean(self) -> None:
        self._dirty = False
        self.dirty_changed.emit(False)
        self._update_heading()

    def _update_heading(self) -> None:
        kind = _(SINGULAR.get(self.kind, self.kind))
        if self.record_id is None:
            text = _("New: %(kind)s") % {"kind": kind}
        else:
            text = _("%(kind)s: %(name)s") % {"kind": kind,
                                              "name": self.ctx.label(self.kind, self.record_id)}
        self.heading.setText(text + (" *" if self._dirty else ""))
        self.delete_button.setEnabled(self.record_id is not None)

    # -- load and save -------------------------------------------------------------------------
    def load(self) -> None:
        """Show the stored record (or the defaults of a new one), discarding edits."""
        self._loading = True
        try:
            if self.record_id is not None:
                record = self.ctx.services.records.get(self.kind, self.record_id)
                self._revision = record.revision
                values = record.model_dump()
            else:
                values = dict(self._defaults)
            for spec in self.fields:
                if spec.name in values:
                    self.widgets[spec.name].set_value(values[spec.name])  # type: ignore[attr-defined]
            self.load_children()
        finally:
            self._loading = False
        self.history.show_record(self.kind, self.record_id)
        if self.attachments is not None:
            self.attachments.show_owner(self.kind, self.record_id)
        self.message.clear_message()
        self._set_clean()

    def load_children(self) -> None:
        """Subclasses load linked records edited with this one."""

    def collect(self) -> dict[str, Any]:
        """The values of every field; raises FieldProblem for the first bad one."""
        data: dict[str, Any] = {}
        for spec in self.fields:
            widget = self.widgets[spec.name]
            problem = widget.error()  # type: ignore[attr-defined]
            if problem:
                raise FieldProblem(spec.name, problem)
            value = widget.value()  # type: ignore[attr-defined]
            if spec.required and not value:
                raise FieldProblem(spec.name, _("Choose one: this field is required."))
            data[spec.name] = value
        return data

    def save(self) -> bool:
        """Validate and store the record (and its linked records); True when saved."""
        try:
            data = self.collect()
            self.check_children()
        except FieldProblem as problem:
            self.show_problem(problem.field, problem.message)
            return False
        if self.record_id is None:
            names = {spec.name for spec in self.fields}
            data = {**{k: v for k, v in self._defaults.items() if k not in names}, **data}
        try:
            record = self.ctx.services.records.apply(
                self.kind, self.record_id, data, linked=self.linked_rows(),
                expected_revision=self._revision if self.record_id is not None else None)
        except ValidationError as err:
            self.show_problem(err.field, err.detail)
            return False
        except HrcaseError as err:
            self.message.show_error(str(err))
            return False
        self.record_id = record.id
        self.load()
        self.message.show_info(_("Saved."))
        self.saved.emit(self.kind, self.record_id)
        return True

    def check_children(self) -> None:
        """Subclasses check their linked rows before anything is stored (raise FieldProblem)."""

    def linked_rows(self) -> list[LinkedRows]:
        """Subclasses give the linked rows to save with the record."""
        return []

    @staticmethod
    def rows_of(kind: str, owner_field: str, rows: list[Row], field: str) -> LinkedRows:
        """The rows of a ``RowsEditor`` as linked rows of ``kind`` (problems reported on
        ``field``)."""
        return LinkedRows(kind, owner_field, tuple((row.record_id, row.value()) for row in rows),
                          field)

    def show_problem(self, field: str, message: str) -> None:
        """Show a field's problem inline and move the focus there."""
        self.message.show_error(_("%(field)s: %(problem)s") % {"field": self.label_of(field),
                                                               "problem": message})
        widget = self.widgets.get(field)
        if widget is not None:
            self.tabs.setCurrentIndex(0)
            widget.setFocus()

    def delete(self) -> None:
        """Delete the record after confirmation (a tombstone; it stays in the history)."""
        if self.record_id is None:
            return
        answer = QMessageBox.question(
            self, _("Delete record"),
            _("Delete this record? It disappears from lists and searches; its history is kept."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes or not self.ctx.active:
            return
        try:
            self.ctx.services.records.delete(self.kind, self.record_id)
        except HrcaseError as err:
            self.message.show_error(str(err))
            return
        record_id, self.record_id = self.record_id, None
        self._set_clean()
        self.deleted.emit(self.kind, record_id)
