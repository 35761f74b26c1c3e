"""A list of records linked to the one being edited (a testimony's allegations, a case's events)
with "Add…" and open-on-Enter. The caller supplies the query and the cell texts."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QPushButton, QTableWidget, QTableWidgetItem,
    QVBoxLayout, QWidget,
)

from hrcase.gui.context import AppContext
from hrcase.gui.language import Retranslatable
from hrcase.gui.widgets.common import MessageLabel
from hrcase.i18n import _

ID_ROLE = Qt.ItemDataRole.UserRole


class LinkedRecords(Retranslatable, QWidget):
    """Records of ``kind`` found by ``query()``; ``add()`` creates a new one."""

    def __init__(self, ctx: AppContext, kind: str, headers: Sequence[str],
                 query: Callable[[], list[Any]], cells: Callable[[list[Any]], list[list[str]]],
                 add_text: str, add: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.kind = kind
        self._headers = headers
        self._query = query
        self._cells = cells
        self._add_text = add_text
        self.table = QTableWidget(0, len(headers), self)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.itemActivated.connect(self._open)
        self.add_button = QPushButton(self)
        self.add_button.clicked.connect(add)
        self.message = MessageLabel(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.retranslate()

    def retranslate(self) -> None:
        """Set texts in the current language."""
        self.table.setHorizontalHeaderLabels([_(h) for h in self._headers])
        self.add_button.setText(_(self._add_text))

    def reload(self) -> None:
        """Run the query again."""
        records = self._query()
        rows = self._cells(records)
        self.table.setRowCount(len(records))
        for r, (record, cells) in enumerate(zip(records, rows)):
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, record.id)
                self.table.setItem(r, c, item)

    def _open(self, item: QTableWidgetItem) -> None:
        self._ctx.open_record(self.kind, item.data(ID_ROLE))
