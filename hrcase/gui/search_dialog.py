"""Global search (Ctrl+K): results appear as you type, grouped by kind of record.

The search runs as a background job a short while after the last key press; results of an older
query that arrive late are dropped. Enter or a double click opens the record in the main window.
The dialog is a child of the main window, so locking empties and destroys it with the others.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from hrcase.gui.context import AppContext
from hrcase.gui.editor_window import settle_unsaved
from hrcase.gui.jobs import JobContext
from hrcase.gui.kinds import KIND_INFO
from hrcase.gui.language import Retranslatable
from hrcase.gui.widgets.common import present
from hrcase.i18n import N_, _, ngettext
from hrcase.services.search import SEARCHED_KINDS, SearchHit, SearchService

if TYPE_CHECKING:
    from hrcase.gui.main_window import MainWindow

SEARCH_DELAY_MS = 200
SEARCH_LIMIT = 100

_OTHER_HEADINGS = {"translation": N_("Translations"), "recommendation": N_("Recommendations")}


def kind_heading(kind: str) -> str:
    """The translated heading of a group of results of ``kind``."""
    if kind in KIND_INFO:
        return KIND_INFO[kind].title
    return _(_OTHER_HEADINGS.get(kind, kind))


class SearchDialog(Retranslatable, QDialog):
    """Type to search every record; results grouped by kind; Enter opens one."""

    def __init__(self, ctx: AppContext, main: MainWindow) -> None:
        super().__init__(main)
        self.ctx = ctx
        self._main = main
        self._generation = 0
        self._searching = False
        self._open_when_found = False
        self.hits: list[SearchHit] = []
        self.query = QLineEdit(self)
        self.query.setClearButtonEnabled(True)
        self.query.textChanged.connect(lambda _t: self._timer.start())
        self.query.returnPressed.connect(self.open_current)
        self.results = QTreeWidget(self)
        self.results.setHeaderHidden(True)
        self.results.setRootIsDecorated(False)
        self.results.setColumnCount(1)
        self.results.itemActivated.connect(lambda item, _c: self._open_item(item))
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        box = QVBoxLayout(self)
        box.addWidget(self.query)
        box.addWidget(self.results, 1)
        box.addWidget(self.status)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._search)
        self.resize(640, 480)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.setWindowTitle(_("Search"))
        self.query.setPlaceholderText(_("Search names and texts…"))
        self.query.setAccessibleName(_("Search"))
        self.results.setAccessibleName(_("Search results"))
        if self.hits:
            self._show(self.hits)
        elif not self.query.text().strip():
            self.status.setText(_("Type a name or words to look for."))

    # -- searching -----------------------------------------------------------------------------
    def _search(self) -> None:
        text = self.query.text().strip()
        self._generation += 1
        generation = self._generation
        self._searching = bool(text)
        if not text:
            self._show([])
            self.status.setText(_("Type a name or words to look for."))
            return
        services = self.ctx.services

        def work(_job: JobContext) -> list[SearchHit]:
            return SearchService(services).search(text, limit=SEARCH_LIMIT)

        job = self.ctx.runner.submit(work)
        job.succeeded.connect(lambda hits, g=generation: self._arrived(g, hits))
        job.failed.connect(lambda message, g=generation: self._failed(g, message))
        self.status.setText(_("Searching…"))
        job.start()

    def _arrived(self, generation: int, hits: list[SearchHit]) -> None:
        if generation == self._generation and self.ctx.active:
            self._searching = False
            self._show(hits)
            if self._open_when_found:
                self._open_when_found = False
                self.open_current()

    def _failed(self, generation: int, message: str) -> None:
        if generation == self._generation and self.ctx.active:
            self._searching = self._open_when_found = False
            self._show([])
            self.status.setText(message)

    def _show(self, hits: list[SearchHit]) -> None:
        self.hits = hits
        self.results.clear()
        groups: dict[str, list[SearchHit]] = {}
        for hit in hits:
            groups.setdefault(hit.kind, []).append(hit)
        bold = QFont(self.results.font())
        bold.setBold(True)
        first: QTreeWidgetItem | None = None
        for kind in sorted(groups, key=lambda k: SEARCHED_KINDS.index(k)
                           if k in SEARCHED_KINDS else len(SEARCHED_KINDS)):
            heading = QTreeWidgetItem(self.results, [kind_heading(kind)])
            heading.setFont(0, bold)
            heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for hit in groups[kind]:
                text = hit.label if not hit.snippet else f"{hit.label} — {hit.snippet}"
                item = QTreeWidgetItem(heading, [text])
                item.setData(0, Qt.ItemDataRole.UserRole, (hit.kind, hit.id))
                item.setToolTip(0, hit.marked("«", "»") if hit.snippet else hit.label)
                first = first or item
        self.results.expandAll()
        if first is not None:
            self.results.setCurrentItem(first)
        if self.query.text().strip():
            self.status.setText(ngettext("%(n)d record found.", "%(n)d records found.", len(hits))
                                % {"n": len(hits)} if hits else _("Nothing found."))

    # -- opening -------------------------------------------------------------------------------
    def open_current(self) -> None:
        """Open the selected result (or the first one) in the main window."""
        if self._timer.isActive():  # Enter before the pause: search now, then open
            self._timer.stop()
            self._search()
        if self._searching:
            self._open_when_found = True
            return
        item = self.results.currentItem()
        if item is not None:
            self._open_item(item)

    def _open_item(self, item: QTreeWidgetItem) -> None:
        target: Any = item.data(0, Qt.ItemDataRole.UserRole)
        if not target:
            return
        kind, record_id = target
        main = self._main
        if kind in KIND_INFO:
            if not settle_unsaved(main.editor, self):
                return
            main.restore_place(kind, record_id)
        else:
            main.open_window(kind, record_id)
        self.accept()


def show_search_dialog(ctx: AppContext, main: MainWindow) -> SearchDialog:
    """Open (or bring back) the search dialog of ``main``."""
    dialog = main.findChild(SearchDialog)
    if not isinstance(dialog, SearchDialog):
        dialog = SearchDialog(ctx, main)
    present(dialog)
    dialog.query.setFocus()
    dialog.query.selectAll()
    return dialog


