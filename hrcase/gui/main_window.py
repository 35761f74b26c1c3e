"""The main window: navigator, lazy lists that filter and sort as you type, and the editor.

Layout (geometry, splitter, column widths) is remembered in QSettings; content never is.
Records linked from the open one open in windows of their own. Every action is in a menu with
its shortcut shown; Ctrl+1 … Ctrl+0 switch sections, Ctrl+F filters, Ctrl+N creates a record.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QListWidget,
    QListWidgetItem, QMainWindow, QMenu, QMessageBox, QPushButton, QSplitter, QStackedWidget,
    QTableView, QVBoxLayout, QWidget,
)

from hrcase.errors import HrcaseError
from hrcase.gui.about import show_about_dialog
from hrcase.gui.dossier_dialog import show_dossier_dialog
from hrcase.gui.records_io_dialog import show_export_dialog, show_import_dialog
from hrcase.gui.context import AppContext
from hrcase.gui.editor_window import EditorWindow, settle_unsaved
from hrcase.gui.editors import make_editor
from hrcase.gui.editors.base import RecordEditor
from hrcase.gui.editors.case import CaseEditor
from hrcase.gui.first_run import show_first_run_guide
from hrcase.gui.kinds import KIND_INFO, KINDS
from hrcase.gui.language import LANGUAGE_NAMES, Retranslatable
from hrcase.gui.listmodel import RecordTableModel
from hrcase.gui.search_dialog import show_search_dialog
from hrcase.gui.settings import GuiSettings
from hrcase.gui.sharing.menu import SharingMenu
from hrcase.gui.translator_view import show_translator_view
from hrcase.i18n import LANGUAGES, _, current_language

PANIC_KEY = QKeySequence("Ctrl+Shift+L")
FILTER_DELAY_MS = 200
SELECT_DELAY_MS = 120


class MainWindow(Retranslatable, QMainWindow):
    """The window of an unlocked vault."""

    lock_requested = Signal()
    preferences_requested = Signal()
    new_vault_requested = Signal()
    open_vault_requested = Signal()
    destroy_vault_requested = Signal()
    quit_requested = Signal()
    language_requested = Signal(str)

    def __init__(self, ctx: AppContext, settings: GuiSettings, vault_path: Path,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._settings = settings
        self._vault_path = vault_path
        self.kind = KINDS[0].kind
        self.model: RecordTableModel | None = None
        self.editor: RecordEditor | None = None
        self._selected_id: str | None = None
        self._pending_id: str | None = None

        # navigator
        self.navigator = QListWidget(self)
        for info in KINDS:
            item = QListWidgetItem(self.navigator)
            item.setData(Qt.ItemDataRole.UserRole, info.kind)
        self.navigator.currentRowChanged.connect(self._section_chosen)

        # list
        list_panel = QWidget(self)
        self.filter = QLineEdit(list_panel)
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(lambda _t: self._filter_timer.start())
        self.filter.returnPressed.connect(lambda: self.table.setFocus())
        self.count = QLabel(list_panel)
        self.new_button = QPushButton(list_panel)
        self.new_button.clicked.connect(self.new_record)
        self.table = QTableView(list_panel)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.activated.connect(lambda _i: self._focus_editor())
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._sort_indicator_changed)
        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        top.addWidget(self.new_button)
        box = QVBoxLayout(list_panel)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(top)
        box.addWidget(self.table, 1)
        box.addWidget(self.count)

        # editor
        self.editor_area = QStackedWidget(self)
        self.placeholder = QLabel(self.editor_area)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.editor_area.addWidget(self.placeholder)

        self.splitter = QSplitter(self)
        self.splitter.addWidget(self.navigator)
        self.splitter.addWidget(list_panel)
        self.splitter.addWidget(self.editor_area)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setStretchFactor(2, 3)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self._apply_filter)
        self._select_timer = QTimer(self)
        self._select_timer.setSingleShot(True)
        self._select_timer.setInterval(SELECT_DELAY_MS)
        self._select_timer.timeout.connect(self._show_selected)

        self._build_actions()
        self.status = QLabel(self)
        self.statusBar().addPermanentWidget(self.status)
        self.retranslate()
        self._restore_layout()
        self.navigator.setCurrentRow(0)

    # -- actions and menus ---------------------------------------------------------------------
    def _action(self, slot: Any, shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
                menu: QMenu | None = None) -> QAction:
        action = QAction(self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.addAction(action)
        if menu is not None:
            menu.addAction(action)
        return action

    def _build_actions(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.edit_menu = bar.addMenu("")
        self.view_menu = bar.addMenu("")
        self.tools_menu = bar.addMenu("")
        self.help_menu = bar.addMenu("")
        m = self.file_menu
        self.act_new_vault = self._action(self.new_vault_requested.emit, None, m)
        self.act_open_vault = self._action(self.open_vault_requested.emit, None, m)
        m.addSeparator()
        self.act_backup = self._action(self.backup, None, m)
        self.act_dossier = self._action(lambda _c=False: show_dossier_dialog(self.ctx, self), None, m)
        self.act_import_records = self._action(
            lambda _c=False: show_import_dialog(self.ctx, self), None, m)
        self.act_export_records = self._action(
            lambda _c=False: show_export_dialog(self.ctx, self), None, m)
        self.sharing = SharingMenu(self, m)
        m.addSeparator()
        self.act_destroy = self._action(self.destroy_vault_requested.emit, None, m)
        m.addSeparator()
        # The panic key itself is caught application-wide by LockWatcher (it must work under
        # modal dialogs too); the action shows it in the menu and locks when clicked.
        self.act_lock = self._action(self.lock_requested.emit, None, m)
        self.act_lock.setShortcut(PANIC_KEY)
        self.act_lock.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.act_quit = self._action(self.quit_requested.emit, QKeySequence.StandardKey.Quit, m)
        m = self.edit_menu
        self.act_new = self._action(self.new_record, QKeySequence.StandardKey.New, m)
        self.act_save = self._action(self.save, QKeySequence.StandardKey.Save, m)
        self.act_revert = self._action(self.revert, None, m)
        self.act_delete = self._action(self.delete, "Ctrl+Delete", m)
        m.addSeparator()
        self.act_find = self._action(self.focus_filter, QKeySequence.StandardKey.Find, m)
        self.act_edit = self._action(self._focus_editor, "Ctrl+E", m)
        self.act_search = self._action(lambda _c=False: show_search_dialog(self.ctx, self),
                                       "Ctrl+K", m)
        m = self.view_menu
        self.act_sections: list[QAction] = []
        for index, info in enumerate(KINDS):
            key = f"Ctrl+{(index + 1) % 10}"
            self.act_sections.append(self._action(lambda _c=False, k=info.kind: self.show_section(k),
                                                  key, m))
        m.addSeparator()
        self.act_timeline = self._action(self.show_timeline, "Ctrl+T", m)
        self.language_menu = m.addMenu("")
        self.act_languages: dict[str, QAction] = {}
        for code in LANGUAGES:
            action = self.language_menu.addAction(LANGUAGE_NAMES[code])
            action.setCheckable(True)
            action.triggered.connect(lambda _c=False, c=code: self.language_requested.emit(c))
            self.act_languages[code] = action
        self.act_preferences = self._action(self.preferences_requested.emit,
                                            QKeySequence.StandardKey.Preferences, self.tools_menu)
        if self.act_preferences.shortcut().isEmpty():
            self.act_preferences.setShortcut(QKeySequence("Ctrl+,"))
        self.act_translations = self._action(lambda _c=False: show_translator_view(self.ctx, self),
                                             None, self.tools_menu)
        self.act_guide = self._action(self.guide, QKeySequence.StandardKey.HelpContents,
                                      self.help_menu)
        self.act_about = self._action(self.about, None, self.help_menu)

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.setWindowTitle("hrcase")
        self.file_menu.setTitle(_("&File"))
        self.edit_menu.setTitle(_("&Edit"))
        self.view_menu.setTitle(_("&View"))
        self.tools_menu.setTitle(_("&Tools"))
        self.help_menu.setTitle(_("&Help"))
        self.act_new_vault.setText(_("&New vault…"))
        self.act_open_vault.setText(_("&Open vault…"))
        self.act_backup.setText(_("&Back up the vault…"))
        self.act_dossier.setText(_("E&xport dossier…"))
        self.act_import_records.setText(_("&Import records…"))
        self.act_export_records.setText(_("Export records (&unencrypted)…"))
        self.sharing.retranslate()
        self.act_destroy.setText(_("D&estroy this vault…"))
        self.act_lock.setText(_("&Lock now"))
        self.act_quit.setText(_("&Quit"))
        self.act_new.setText(_("&New record"))
        self.act_save.setText(_("&Save"))
        self.act_revert.setText(_("Re&vert changes"))
        self.act_delete.setText(_("&Delete record…"))
        self.act_find.setText(_("&Filter the list"))
        self.act_edit.setText(_("&Edit the selected record"))
        self.act_search.setText(_("Search &everything…"))
        for action, info in zip(self.act_sections, KINDS):
            action.setText(info.title)
        self.act_timeline.setText(_("&Timeline of the case"))
        self.language_menu.setTitle(_("Interface &language"))
        for code, action in self.act_languages.items():
            action.setChecked(code == current_language())
        self.act_preferences.setText(_("&Preferences…"))
        self.act_translations.setText(_("&Translations…"))
        self.act_guide.setText(_("&Getting started guide"))
        self.act_about.setText(_("&About hrcase"))
        for row, info in enumerate(KINDS):
            item = self.navigator.item(row)
            if item is not None:  # a window emptied by locking may see one last language change
                item.setText(info.title)
        self.navigator.setAccessibleName(_("Sections"))
        self.navigator.setMinimumWidth(self.navigator.sizeHintForColumn(0) + 16)
        self.filter.setPlaceholderText(_("Filter (Ctrl+F)…"))
        self.filter.setAccessibleName(_("Filter the list"))
        self.new_button.setText(_("&New"))
        self.new_button.setToolTip(_("New record (Ctrl+N)"))
        self.table.setAccessibleName(_("Records"))
        self.placeholder.setText(_("Select a record in the list, or create a new one with Ctrl+N."))
        self.status.setText(_("Vault: %(path)s") % {"path": str(self._vault_path)})
        self._update_count()

    # -- sections and lists --------------------------------------------------------------------
    def show_section(self, kind: str) -> None:
        """Switch the navigator to ``kind``."""
        row = next(i for i, info in enumerate(KINDS) if info.kind == kind)
        self.navigator.setCurrentRow(row)

    def _section_chosen(self, row: int) -> None:
        if row < 0:
            return
        kind = KINDS[row].kind
        if self.model is not None and kind == self.kind:
            return
        if not settle_unsaved(self.editor, self):
            self.navigator.blockSignals(True)
            self.navigator.setCurrentRow(next(i for i, k in enumerate(KINDS) if k.kind == self.kind))
            self.navigator.blockSignals(False)
            return
        self._save_header()
        self.kind = kind
        self._close_editor()
        self.model = RecordTableModel(self.ctx, KIND_INFO[kind], self)
        self.model.set_text_quietly(self.filter.text())
        self.model.modelReset.connect(self._update_count)
        self.model.rowsInserted.connect(self._update_count)
        self.model.totalChanged.connect(self._update_count)
        self.table.setSortingEnabled(False)
        self.table.setModel(self.model)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self._restore_header()
        header = self.table.horizontalHeader()
        if not self.model.is_sortable(header.sortIndicatorSection()):
            header.setSortIndicator(*self.model.sort_column())
        self.table.setSortingEnabled(True)  # sorts, which fetches the first page

    def _sort_indicator_changed(self, column: int, _order: Qt.SortOrder) -> None:
        """Columns that cannot sort (names kept in another table) keep the old indicator."""
        if self.model is not None and not self.model.is_sortable(column):
            header = self.table.horizontalHeader()
            header.blockSignals(True)
            header.setSortIndicator(*self.model.sort_column())
            header.blockSignals(False)

    def _apply_filter(self) -> None:
        if self.model is not None:
            self.model.set_text(self.filter.text())
            self._reselect()

    def _update_count(self) -> None:
        if self.model is None:
            self.count.setText("")
            return
        self.count.setText(self.model.status_text())

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self.model is None or not current.isValid():
            return
        record_id = self.model.record_id(current.row())
        if record_id == self._selected_id:
            return
        self._pending_id = record_id
        self._select_timer.start()

    def _show_selected(self) -> None:
        record_id = self._pending_id
        if record_id is None or record_id == self._selected_id:
            return
        if not settle_unsaved(self.editor, self):
            self._reselect()
            return
        self.show_editor(self.kind, record_id)

    def _reselect(self) -> None:
        """Select the row of the record in the editor, if it is loaded."""
        if self.model is None:
            return
        row = self.model.row_of(self._selected_id) if self._selected_id else -1
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        if row >= 0:
            index = self.model.index(row, 0)
            selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                      | QItemSelectionModel.SelectionFlag.Rows)
            self.table.scrollTo(index)
        else:
            selection.clearSelection()
        selection.blockSignals(False)

    # -- editor --------------------------------------------------------------------------------
    def show_editor(self, kind: str, record_id: str | None,
                    defaults: dict[str, Any] | None = None) -> RecordEditor:
        """Show an editor for a record of the current section (or a new one)."""
        self._close_editor()
        editor = make_editor(self.ctx, kind, record_id, defaults, self.editor_area)
        editor.saved.connect(self._editor_saved)
        editor.deleted.connect(self._editor_deleted)
        self.editor_area.addWidget(editor)
        self.editor_area.setCurrentWidget(editor)
        self.editor = editor
        self._selected_id = record_id
        return editor

    def _close_editor(self) -> None:
        if self.editor is not None:
            self.editor_area.removeWidget(self.editor)
            self.editor.deleteLater()
            self.editor = None
        self._selected_id = None
        self.editor_area.setCurrentWidget(self.placeholder)

    def _editor_saved(self, kind: str, record_id: str) -> None:
        self._selected_id = record_id
        if self.model is not None and kind == self.kind:
            self.model.reload()
            self._reselect()

    def _editor_deleted(self, kind: str, _record_id: str) -> None:
        self._close_editor()
        if self.model is not None and kind == self.kind:
            self.model.reload()

    def _focus_editor(self) -> None:
        if self.editor is not None:
            self.editor.tabs.setCurrentIndex(0)
            self.editor.focusNextChild()

    def new_record(self) -> None:
        """Open an editor for a new record of the current section."""
        if settle_unsaved(self.editor, self):
            self.table.clearSelection()
            self.show_editor(self.kind, None).focusNextChild()

    def save(self) -> None:
        """Save the open editor (in this window)."""
        if self.editor is not None:
            self.editor.save()

    def revert(self) -> None:
        """Discard the open editor's changes."""
        if self.editor is not None:
            self.editor.load()

    def delete(self) -> None:
        """Delete the record in the editor (after confirmation)."""
        if self.editor is not None:
            self.editor.delete()

    def focus_filter(self) -> None:
        """Put the cursor in the filter field."""
        self.filter.setFocus()
        self.filter.selectAll()

    def show_timeline(self) -> None:
        """Show the timeline of the open case, or of the case of the open record."""
        editor = self.editor
        if isinstance(editor, CaseEditor):
            editor.show_timeline()
            return
        if editor is None or editor.record_id is None:
            return
        case_id = getattr(self.ctx.services.records.get(editor.kind, editor.record_id), "case_id", None)
        if case_id:
            window = self.open_window("case", case_id)
            assert isinstance(window.editor, CaseEditor)
            window.editor.show_timeline()

    def open_window(self, kind: str, record_id: str | None,
                    defaults: dict[str, Any] | None = None) -> EditorWindow:
        """Open a record in a window of its own."""
        window = EditorWindow(self.ctx, kind, record_id, defaults, self)
        window.saved.connect(self._window_saved)
        window.show()
        return window

    def _window_saved(self, kind: str, record_id: str) -> None:
        if self.model is not None and kind == self.kind:
            self.model.reload()
            self._reselect()
        if self.editor is not None and not self.editor.dirty and self.editor.record_id:
            self.editor.load()

    # -- places, layout and other actions ------------------------------------------------------
    def current_place(self) -> tuple[str, str | None]:
        """The section and the record open in the editor (to come back after unlocking)."""
        return self.kind, self.editor.record_id if self.editor is not None else None

    def restore_place(self, kind: str, record_id: str | None) -> None:
        """Show a section and, if it still exists, the record that was open."""
        self.show_section(kind)
        if record_id:
            try:
                self.ctx.services.records.get(kind, record_id)
            except HrcaseError:  # the record has gone since: the list is enough
                return
            self.show_editor(kind, record_id)
            self._reselect()

    def save_all_valid(self) -> None:
        """Save every editor with valid unsaved changes (before an idle lock)."""
        editors = [w.editor for w in self.findChildren(EditorWindow)]
        for editor in [self.editor, *editors]:
            if editor is not None and editor.dirty:
                editor.save()

    def _save_header(self) -> None:
        if self.model is not None:
            self._settings.set_layout(f"main/header/{self.kind}",
                                      self.table.horizontalHeader().saveState())

    def _restore_header(self) -> None:
        state = self._settings.layout(f"main/header/{self.kind}")
        header = self.table.horizontalHeader()
        if state is None or not header.restoreState(state):
            for column in range(header.count() - 1):
                header.resizeSection(column, max(120, header.sectionSizeHint(column)))

    def save_layout(self) -> None:
        """Remember geometry, splitter and column widths (no content)."""
        self._settings.set_layout("main/geometry", self.saveGeometry())
        self._settings.set_layout("main/splitter", self.splitter.saveState())
        self._save_header()
        self._settings.sync()

    def _restore_layout(self) -> None:
        geometry = self._settings.layout("main/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 800)
        splitter = self._settings.layout("main/splitter")
        if splitter is None or not self.splitter.restoreState(splitter):
            self.splitter.setSizes([170, 480, 630])

    def backup(self) -> None:
        """Copy the vault (still encrypted) into a new folder chosen by the user."""
        folder = QFileDialog.getExistingDirectory(self, _("Where to put the backup"), str(Path.home()))
        if not folder or not self.ctx.active:
            return
        dest = Path(folder) / f"{self._vault_path.stem}-backup.hrcase"
        services = self.ctx.services

        def done(path: Any) -> None:
            QMessageBox.information(self, _("Backup"), _("The encrypted backup was written to %(path)s.")
                                    % {"path": str(path)})

        self.ctx.runner.run(self, _("Backing up the vault…"), lambda job: services.backup(dest), done,
                            lambda message: QMessageBox.warning(self, _("Backup"), message))

    def about(self) -> None:
        """Version, licence and the bundled components."""
        show_about_dialog(self)

    def guide(self) -> None:
        """The getting-started guide again."""
        show_first_run_guide(self)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        """Closing the window quits hrcase (after unsaved changes are settled)."""
        if self.ctx.active and not settle_unsaved(self.editor, self):
            event.ignore()
            return
        self.save_layout()
        event.accept()
        if self.ctx.active:
            self.quit_requested.emit()
