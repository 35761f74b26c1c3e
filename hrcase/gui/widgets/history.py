"""The history of one record: its audit entries (when, who, what), newest first."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from hrcase.gui.context import AppContext
from hrcase.gui.language import Retranslatable
from hrcase.i18n import N_, _
from hrcase.i18n.dates import format_datetime

ACTIONS = {
    "create": N_("Created"),
    "update": N_("Changed"),
    "delete": N_("Deleted"),
    "attach": N_("File added"),
    "export": N_("Decrypted copy saved"),
    "import": N_("Imported"),
    "merge": N_("Merged"),
}


class HistoryView(Retranslatable, QTableWidget):
    """A read-only table of a record's audit entries."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(0, 4, parent)
        self._ctx = ctx
        self._target: tuple[str, str] | None = None
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)
        self.retranslate()

    def retranslate(self) -> None:
        """Headers and action names in the current language."""
        self.setHorizontalHeaderLabels([_("When"), _("Who"), _("What"), _("Entry")])
        self.setAccessibleName(_("History of this record"))
        if self._target:
            self.show_record(*self._target)

    def show_record(self, kind: str, record_id: str | None) -> None:
        """Load the entries of one record (nothing for a record not saved yet)."""
        self._target = (kind, record_id) if record_id else None
        self.setRowCount(0)
        if not record_id:
            return
        entries = self._ctx.services.records.history(kind, record_id)
        self.setRowCount(len(entries))
        for row, entry in enumerate(reversed(entries)):
            action = ACTIONS.get(entry.action)
            cells = (format_datetime(entry.at.astimezone()), entry.actor,
                     _(action) if action else entry.action, str(entry.seq))
            for column, text in enumerate(cells):
                self.setItem(row, column, QTableWidgetItem(text))
