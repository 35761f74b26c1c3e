"""Files kept in the vault: add them, view images and text inside the app, save a decrypted copy.

Viewing reads the content into memory and shows it (``QImage.loadFromData`` for images, a
read-only text view for text); nothing is written to disk. Other types can only be saved as a
decrypted copy, after a warning, to a place the user chooses.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QMessageBox,
    QPlainTextEdit, QPushButton, QScrollArea, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from hrcase.domain.models import Attachment
from hrcase.gui.context import AppContext
from hrcase.gui.jobs import JobContext
from hrcase.gui.language import Retranslatable, ui_locale
from hrcase.gui.widgets.common import MessageLabel
from hrcase.i18n import _, ngettext
from hrcase.services.attachments import viewable_inside

ID_ROLE = Qt.ItemDataRole.UserRole
MAX_INLINE_BYTES = 64 * 1024 * 1024


class AttachmentViewer(Retranslatable, QWidget):
    """A window showing one image or text attachment from memory."""

    def __init__(self, attachment: Attachment, content: bytes, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._filename = attachment.filename
        layout = QVBoxLayout(self)
        if attachment.media_type.startswith("image/"):
            image = QImage()
            if image.loadFromData(content):
                label = QLabel(self)
                label.setPixmap(QPixmap.fromImage(image))
                label.setAlignment(Qt.AlignmentFlag.AlignCenter)
                scroll = QScrollArea(self)
                scroll.setWidget(label)
                scroll.setWidgetResizable(True)
                layout.addWidget(scroll)
                self.view: QWidget = label
            else:
                self.view = QLabel(_("This image cannot be shown (unknown or damaged format)."), self)
                layout.addWidget(self.view)
        else:
            text = QPlainTextEdit(self)
            text.setReadOnly(True)
            text.setPlainText(content.decode("utf-8", errors="replace"))
            layout.addWidget(text)
            self.view = text
        QShortcut(QKeySequence.StandardKey.Close, self, self.close)
        self.resize(800, 600)
        self.retranslate()

    def retranslate(self) -> None:
        """Window title in the current language."""
        self.setWindowTitle(_("%(name)s — hrcase") % {"name": self._filename})
        self.view.setAccessibleName(_("Attachment content"))


class AttachmentsPanel(Retranslatable, QWidget):
    """The attachments of one record, with Add, View and Save a decrypted copy."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._owner: tuple[str, str] | None = None
        self.table = QTableWidget(0, 3, self)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.itemActivated.connect(lambda _item: self.view_selected())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.add_button = QPushButton(self)
        self.add_button.clicked.connect(self.add_files)
        self.view_button = QPushButton(self)
        self.view_button.clicked.connect(self.view_selected)
        self.save_button = QPushButton(self)
        self.save_button.clicked.connect(self.save_selected)
        self.message = MessageLabel(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.view_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.retranslate()

    def retranslate(self) -> None:
        """Set texts in the current language."""
        self.table.setHorizontalHeaderLabels([_("File name"), _("Type"), _("Size")])
        self.table.setAccessibleName(_("Attachments"))
        self.add_button.setText(_("&Add files…"))
        self.view_button.setText(_("&View"))
        self.save_button.setText(_("Save a &decrypted copy…"))
        self._update_buttons()

    def show_owner(self, kind: str, record_id: str | None) -> None:
        """List the attachments of a record (a record not saved yet has none)."""
        self._owner = (kind, record_id) if record_id else None
        self.reload()

    def reload(self) -> None:
        """Read the list again."""
        self.table.setRowCount(0)
        self.message.clear_message()
        if self._owner is None:
            self.message.show_info(_("Save the record first, then add files to it."))
            self._update_buttons()
            return
        kind, owner_id = self._owner
        rows = self._ctx.services.records.list(
            "attachment", filters={"owner_kind": kind, "owner_id": owner_id},
            order_by="created_at", limit=None)
        self.table.setRowCount(len(rows))
        locale = ui_locale()
        for row, record in enumerate(rows):
            name = QTableWidgetItem(record.filename)
            name.setData(ID_ROLE, record.id)
            self.table.setItem(row, 0, name)
            self.table.setItem(row, 1, QTableWidgetItem(record.media_type))
            self.table.setItem(row, 2, QTableWidgetItem(locale.formattedDataSize(record.size)))
        self._update_buttons()

    def _selected(self) -> Attachment | None:
        items = self.table.selectedItems()
        if not items:
            return None
        record_id = self.table.item(items[0].row(), 0).data(ID_ROLE)
        record = self._ctx.services.records.get("attachment", record_id)
        return record if isinstance(record, Attachment) else None

    def _update_buttons(self) -> None:
        self.add_button.setEnabled(self._owner is not None)
        has = bool(self.table.selectedItems())
        self.view_button.setEnabled(has)
        self.save_button.setEnabled(has)

    def add_files(self) -> None:
        """Choose files and add them to the vault (in the background)."""
        if self._owner is None:
            return
        paths, _filter = QFileDialog.getOpenFileNames(self, _("Add files to the vault"), str(Path.home()))
        if paths and self._ctx.active:
            self.add_paths([Path(p) for p in paths])

    def add_paths(self, paths: list[Path]) -> None:
        """Add these files to the vault with a progress dialog."""
        if self._owner is None:
            return
        kind, owner_id = self._owner
        service = self._ctx.services.attachments

        def work(job: JobContext) -> int:
            for done, path in enumerate(paths):
                job.progress(done, len(paths))
                service.add(path, owner_kind=kind, owner_id=owner_id)
            return len(paths)

        def added(count: int) -> None:
            self.reload()
            self.message.show_info(ngettext("%(n)d file added.", "%(n)d files added.", count)
                                   % {"n": count})

        self._ctx.runner.run(self, _("Adding files…"), work, added, self.message.show_error)

    def view_selected(self) -> None:
        """Show the selected image or text inside the app; other types offer a saved copy."""
        record = self._selected()
        if record is not None:
            view_attachment(self._ctx, self, record, self.message)

    def save_selected(self) -> None:
        """After a warning, write a decrypted copy where the user chooses."""
        record = self._selected()
        if record is not None:
            save_decrypted_copy(self._ctx, self, record, self.message)


def view_attachment(ctx: AppContext, parent: QWidget, record: Attachment,
                    message: MessageLabel) -> None:
    """Open an image or text attachment in a viewer window, decrypted into memory only."""
    if not viewable_inside(record) or record.size > MAX_INLINE_BYTES:
        message.show_info(_("This type of file cannot be shown inside hrcase. Use "
                            "“Save a decrypted copy…” to open it with another program."))
        return
    service = ctx.services.attachments

    def shown(content: bytes) -> None:
        AttachmentViewer(record, content, parent.window()).show()

    ctx.runner.run(parent, _("Decrypting…"), lambda job: service.read(record.id), shown,
                   message.show_error)


def save_decrypted_copy(ctx: AppContext, parent: QWidget, record: Attachment,
                        message: MessageLabel) -> None:
    """After a warning, write a decrypted copy of ``record`` where the user chooses."""
    answer = QMessageBox.warning(
        parent, _("Save a decrypted copy"),
        _("The copy will NOT be encrypted: anyone with access to this computer or the "
          "place you save it to can read it, and deleting it later may not erase it from "
          "the disk. Save a decrypted copy anyway?"),
        QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel)
    if answer != QMessageBox.StandardButton.Save or not ctx.active:
        return
    dest, _filter = QFileDialog.getSaveFileName(
        parent, _("Save a decrypted copy"), str(Path.home() / record.filename), "",
        options=QFileDialog.Option.DontConfirmOverwrite)
    if not dest or not ctx.active:
        return
    if Path(dest).exists():
        message.show_error(_("A file with this name already exists; choose another name."))
        return
    service, record_id = ctx.services.attachments, record.id

    def saved(_path: Any) -> None:
        message.show_info(_("A decrypted copy was saved."))

    ctx.runner.run(parent, _("Saving a decrypted copy…"),
                   lambda job: service.save_copy(record_id, Path(dest)), saved, message.show_error)
