"""A lazy table of records: pages come from ``RecordService.rows`` as the view scrolls.

The model holds only the rows fetched so far, as display strings plus ids, so a list of 100,000
records opens as fast as a list of 100. A page reads only the columns the list shows (never a
testimony's text), and the names of linked persons of a whole page come in one query. Each page
continues after the sort value and id of the last row fetched (keyset paging), so a page deep in
the list costs what the first one does. Whether more rows wait is known from the page itself
(one row more is asked for), so the model never needs the total to scroll.

The total is shown, not used: without a text filter it is counted at once (an index count);
with one it is counted on the thread pool, as the count must visit every match, and arrives
with ``totalChanged``. A text filter shorter than ``FILTER_MIN_CHARS`` letters would have to read
every record, so on a list of more than ``SCAN_LIMIT`` records it is not applied and
``status_text`` asks for more letters. ``bench/bench_gui_lists.py`` times all of this.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from hrcase.gui.context import AppContext
from hrcase.gui.kinds import KindInfo
from hrcase.i18n import _, ngettext
from hrcase.services.search_index import FILTER_MIN_CHARS, body_fold, words

Index = QModelIndex | QPersistentModelIndex
PAGE_SIZE = 80
SCAN_LIMIT = 1000
"""Lists up to this size filter on one or two letters (by reading every record)."""


def _letters(text: str) -> int:
    """How many letters of ``text`` the search index matches on (as ``prefix_match`` counts)."""
    return sum(len(body_fold(word.text)) for word in words(text))


class RecordTableModel(QAbstractTableModel):
    """Rows of one kind of record, filtered by text, sorted by a column."""

    totalChanged = Signal()  # noqa: N815 - Qt's naming
    """The total (or whether it is known) changed after a background count."""

    def __init__(self, ctx: AppContext, info: KindInfo, parent: Any = None) -> None:
        """An empty model: the first ``reload()`` (or ``sort()``) fetches the first page."""
        super().__init__(parent)
        self._ctx: AppContext | None = ctx
        self.info = info
        self._ids: list[str] = []
        self._cells: list[tuple[str, ...]] = []
        self._more = False
        self._total: int | None = 0
        self._generation = 0
        self._short_text = False
        self._after: tuple[Any, str] | None = None
        self._text: str | None = None
        self._query_text: str | None = None
        self._sort_field: str = "updated_at"
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
        """Fetch the first page again, and count (see the module's description)."""
        self.beginResetModel()
        self._generation += 1
        self._after = None
        self._query_text = self._applied_text()
        self._ids, self._cells = self._page(PAGE_SIZE)
        self.endResetModel()
        self._count()

    def _applied_text(self) -> str | None:
        """The text filter as the vault applies it: None when too short for a large list."""
        ctx, text = self._ctx, self._text
        self._short_text = False
        if ctx is None or text is None or _letters(text) >= FILTER_MIN_CHARS:
            return text
        probe = ctx.services.records.rows(self.info.kind, (), order_by="updated_at",
                                          descending=True, limit=SCAN_LIMIT + 1)
        self._short_text = len(probe) > SCAN_LIMIT
        return None if self._short_text else text

    def _count(self) -> None:
        """Set the total: known from the pages, counted now, or counted on the thread pool."""
        ctx, text = self._ctx, self._query_text
        if ctx is None or not self._more:
            self._total = len(self._ids)
        elif text is None:
            self._total = ctx.services.records.count(self.info.kind)
        else:
            self._total = None
            generation, kind, records = self._generation, self.info.kind, ctx.services.records
            job = ctx.runner.submit(lambda _job: (generation, records.count(kind, text=text)))
            job.succeeded.connect(self._counted)
            job.start()
        self.totalChanged.emit()

    def _counted(self, result: tuple[int, int]) -> None:
        """A background count arrived; dropped if the rows changed since it started."""
        generation, total = result
        if generation == self._generation and self._ctx is not None:
            self._total = max(total, len(self._ids))
            self.totalChanged.emit()

    def scrub(self) -> None:
        """Forget every row and the services (the vault is locking)."""
        self.beginResetModel()
        self._ids, self._cells, self._total, self._after, self._more = [], [], 0, None, False
        self._generation += 1
        self._ctx = None
        self.endResetModel()

    @property
    def total(self) -> int:
        """How many records match (fetched or not); while they are being counted, the rows
        fetched so far (see ``total_known``)."""
        return len(self._ids) if self._total is None else self._total

    @property
    def total_known(self) -> bool:
        """False while a count runs in the background."""
        return self._total is not None

    def status_text(self) -> str:
        """The line under the list: how many records, and whether the filter applies."""
        if self._total is None:
            return _("Counting records…")
        n = self._total
        count = ngettext("%(n)s record", "%(n)s records", n) % {
            "n": f"{n:,}".replace(",", "\u202f")}
        if self._short_text:
            return _("%(count)s. Type at least %(min)d letters to filter a list this long.") % {
                "count": count, "min": FILTER_MIN_CHARS}
        return count

    def record_id(self, row: int) -> str | None:
        """The id of the record in ``row``."""
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, record_id: str) -> int:
        """The row of ``record_id`` among the fetched rows, or -1."""
        try:
            return self._ids.index(record_id)
        except ValueError:
            return -1

    def _page(self, count: int) -> tuple[list[str], list[tuple[str, ...]]]:
        """Ids and cell texts of the next ``count`` records (after the last one fetched); a row's
        texts are a tuple, which the garbage collector stops tracking, so 100,000 rows held do
        not make its pauses longer."""
        ctx = self._ctx
        if ctx is None or count <= 0:
            return [], []
        rows = ctx.services.records.rows(
            self.info.kind, (*self.info.fields, self._sort_field), text=self._query_text,
            order_by=self._sort_field, descending=self._descending, limit=count + 1,
            after=self._after)
        self._more = len(rows) > count
        rows = rows[:count]
        if rows:
            last = rows[-1]
            self._after = (getattr(last, self._sort_field), last.id)
        columns = [column.cells(ctx, rows) for column in self.info.columns]
        return [r.id for r in rows], list(zip(*columns, strict=True))

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
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index) -> None:  # noqa: N802
        """Fetch the next page."""
        if parent.isValid() or self._ctx is None or not self._more:
            return
        first = len(self._ids)
        ids, cells = self._page(PAGE_SIZE)
        if not ids:
            return
        self.beginInsertRows(QModelIndex(), first, first + len(ids) - 1)
        self._ids.extend(ids)
        self._cells.extend(cells)
        self.endInsertRows()
        if self._total is not None and not self._more:
            self._total = len(self._ids)
            self.totalChanged.emit()

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
