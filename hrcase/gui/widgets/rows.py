"""Linked records edited inside their owner's editor, one row each (names, perpetrators, roles).

A :class:`RowsEditor` holds row widgets; each row knows the id of the linked record it shows
(None for a new one). The editor saves the owner and its rows in one transaction
(``RecordService.apply``): new rows are created, changed ones updated, removed ones tombstoned.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QPushButton, QToolButton, QVBoxLayout, QWidget

from hrcase.gui.language import Retranslatable
from hrcase.i18n import _


class Row(QWidget):
    """One linked record: subclasses add field widgets with ``add`` and implement value()."""

    changed = Signal()
    remove_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.record_id: str | None = None
        self.layout_ = QHBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.remove_button = QToolButton(self)
        self.remove_button.setText("✕")
        self.remove_button.setToolTip(_("Remove this row"))
        self.remove_button.setAccessibleName(_("Remove this row"))
        self.remove_button.clicked.connect(self.remove_requested)

    def add(self, widget: QWidget, stretch: int = 0, layout: QBoxLayout | None = None) -> QWidget:
        """Put a field widget in the row (or in a sub-layout) and forward its ``changed``."""
        (layout or self.layout_).addWidget(widget, stretch)
        widget.changed.connect(self.changed)  # type: ignore[attr-defined]
        return widget

    def finish(self) -> None:
        """Call after the fields were added: puts the remove button last."""
        self.layout_.addWidget(self.remove_button)

    def value(self) -> dict[str, Any]:
        """The fields of the linked record."""
        raise NotImplementedError

    def set_value(self, record: Any) -> None:
        """Show a stored linked record."""
        raise NotImplementedError

    def error(self) -> str | None:
        """A problem that prevents saving, if any."""
        return None


class RowsEditor(Retranslatable, QWidget):
    """A growing list of rows with an "Add" button."""

    changed = Signal()

    def __init__(self, make_row: Callable[[QWidget], Row], add_text: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._make_row = make_row
        self._add_text = add_text
        self.rows: list[Row] = []
        self._box = QVBoxLayout()
        self._box.setContentsMargins(0, 0, 0, 0)
        self.add_button = QPushButton(self)
        self.add_button.clicked.connect(lambda: self.add_row().setFocus())
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._box)
        layout.addLayout(buttons)
        self.retranslate()

    def retranslate(self) -> None:
        """Set the button text."""
        self.add_button.setText(_(self._add_text))

    def add_row(self, record: Any = None) -> Row:
        """Append a row (showing ``record`` when given)."""
        row = self._make_row(self)
        if record is not None:
            row.record_id = record.id
            row.set_value(record)
        row.changed.connect(self.changed)
        row.remove_requested.connect(lambda r=row: self._remove(r))
        self._box.addWidget(row)
        self.rows.append(row)
        if record is None:
            self.changed.emit()
        return row

    def set_records(self, records: list[Any]) -> None:
        """Replace all rows with the stored records."""
        for row in self.rows:
            row.deleteLater()
        self.rows = []
        for record in records:
            self.add_row(record)

    def _remove(self, row: Row) -> None:
        self.rows.remove(row)
        row.deleteLater()
        self.changed.emit()

    def error(self) -> str | None:
        """The first row's problem, if any."""
        for row in self.rows:
            problem = row.error()
            if problem:
                return problem
        return None
