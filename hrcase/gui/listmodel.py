"""A lazy table of records: pages come from ``RecordService.list`` as the view scrolls.

The model knows the total (``RecordService.count``) but holds only the rows fetched so far, as
display strings plus ids, so a list of 100,000 records opens as fast as a list of 100. Each page
continues after the sort value and id of the last row fetched (keyset paging), so a page deep in
the list costs what the first one does. A page is a few screens of rows: their cells are
formatted in Python, which costs more than the query. Filtering and sorting reset the model and
fetch the first page again. ``bench/bench_gui_lists.py`` times all of this on 100,000 records.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from hrcase.gui.context import AppContext
from hrcase.gui.kinds import KindInfo
from hrcase.i18n import _

Index = QModelIndex | QPersistentModelIndex
PAGE_SIZE = 80


class RecordTableModel(QAbstractTableModel):
    """Rows of one kind of record, filtered by text, sorted by a column."""

    def __init__(self, ctx: AppContext, info: KindInfo, parent: Any = None) -> None:
        """An empty model: the first ``reload()`` (or ``sort()``) fetches the first page."""
        super().__init__(parent)
        self._ctx: AppContext | None = ctx
        self.info = info
        self._ids: list[str] = []
        self._cells: list[list[str]] = []
        self._total = 0
        self._after: tuple[Any, str] | None = None
        self._text: str | None = None
        self._sort_field: str | None = "updated_at"
        self._descending = True

    # -- queries -------------------------------------------------------------------------------
    def set_text(self, text: str) -> None:
        """Show only records whose texts contain ``text``."""
        self._text = text.strip() or None
        self.reload()

    def set_text_quietly(self, text: str) -> None:
        """Set the text filter without fetching (the next reload uses it)."""
        self._text = text.strip() or None

    def reload(self) -> None:
        """Count again and fetch the first page."""
        self.beginResetModel()
        ctx = self._ctx
        self._total = 0 if ctx is None else ctx.services.records.count(
            self.info.kind, text=self._text)
        self._after = None
        self._ids, self._cells = self._page(PAGE_SIZE)
        self.endResetModel()

    def scrub(self) -> None:
        """Forget every row and the services (the vault is locking)."""
        self.beginResetModel()
        self._ids, self._cells, self._total, self._after = [], [], 0, None
        self._ctx = None
        self.endResetModel()

    @property
    def total(self) -> int:
        """How many records match (fetched or not)."""
        return self._total

    def record_id(self, row: int) -> str | None:
        """The id of the record in ``row``."""
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, record_id: str) -> int:
        """The row of ``record_id`` among the fetched rows, or -1."""
        try:
            return self._ids.index(record_id)
        except ValueError:
            return -1

    def _page(self, count: int) -> tuple[list[str], list[list[str]]]:
        """Ids and cell texts of the next ``count`` records (after the last one fetched)."""
        ctx = self._ctx
        if ctx is None or count <= 0:
            return [], []
        records = ctx.services.records.list(
            self.info.kind, text=self._text, order_by=self._sort_field,
            descending=self._descending, limit=count, after=self._after)
        if records:
            last = records[-1]
            self._after = (getattr(last, self._sort_field or "created_at"), last.id)
        columns = [column.cells(ctx, records) for column in self.info.columns]
        return [r.id for r in records], [[col[i] for col in columns] for i in range(len(records))]

    # -- Qt model ------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        """Rows fetched so far."""
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        """One column per column spec."""
        return 0 if parent.isValid() else len(self.info.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cell text; the record id under ``UserRole``."""
        if not index.isValid() or index.row() >= len(self._ids):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._cells[index.row()][index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return self._ids[index.row()]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Column headers in the interface language."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(self.info.columns[section].header)
        return None

    def canFetchMore(self, parent: Index) -> bool:  # noqa: N802
        """More rows wait in the vault."""
        return not parent.isValid() and len(self._ids) < self._total

    def fetchMore(self, parent: Index) -> None:  # noqa: N802
        """Fetch the next page."""
        if parent.isValid() or self._ctx is None:
            return
        first = len(self._ids)
        ids, cells = self._page(min(PAGE_SIZE, self._total - first))
        if not ids:
            self._total = first
            return
        self.beginInsertRows(QModelIndex(), first, first + len(ids) - 1)
        self._ids.extend(ids)
        self._cells.extend(cells)
        self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column in the vault (a column without a sort field keeps the order)."""
        field = self.info.columns[column].sort_field if 0 <= column < len(self.info.columns) else None
        if field is not None:
            self._sort_field = field
            self._descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

    def sort_column(self) -> tuple[int, Qt.SortOrder]:
        """The column and order the rows are sorted by (for the header's indicator)."""
        column = next((i for i, c in enumerate(self.info.columns) if c.sort_field == self._sort_field), -1)
        return column, Qt.SortOrder.DescendingOrder if self._descending else Qt.SortOrder.AscendingOrder

    def is_sortable(self, column: int) -> bool:
        """Whether clicking this column's header sorts."""
        return 0 <= column < len(self.info.columns) and self.info.columns[column].sort_field is not None
