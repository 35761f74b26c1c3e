"""The attachment editor: name, capture date and provenance, the file's fingerprint, and
View / Save a decrypted copy."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from hrcase.domain.models import Attachment
from hrcase.gui.editors.base import RecordEditor
from hrcase.gui.editors.specs import FIELDS
from hrcase.gui.language import ui_locale
from hrcase.gui.widgets.attachments import save_decrypted_copy, view_attachment
from hrcase.i18n import _


class AttachmentEditor(RecordEditor):
    """Edits an attachment's description; the content itself never changes."""

    fields = FIELDS["attachment"]

    def build_form(self) -> None:
        """File facts and the view/save buttons, then the fields."""
        self.facts = QLabel(self.form_page)
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QWidget(self.form_page)
        self.view_button = QPushButton(buttons)
        self.view_button.clicked.connect(self._view)
        self.copy_button = QPushButton(buttons)
        self.copy_button.clicked.connect(self._save_copy)
        row = QHBoxLayout(buttons)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.view_button)
        row.addWidget(self.copy_button)
        row.addStretch(1)
        self.form.addRow(self.facts)
        self.form.addRow(buttons)
        super().build_form()

    def retranslate(self) -> None:
        """Set texts in the current language."""
        self.view_button.setText(_("&View"))
        self.copy_button.setText(_("Save a &decrypted copy…"))
        super().retranslate()
        self._show_facts()

    def _record(self) -> Attachment | None:
        if self.record_id is None:
            return None
        record = self.ctx.services.records.get("attachment", self.record_id)
        return record if isinstance(record, Attachment) else None

    def _show_facts(self) -> None:
        record = self._record()
        if record is None:
            self.facts.setText("")
            return
        self.facts.setText(_("Type: %(type)s · Size: %(size)s\nSHA-256: %(sha)s") % {
            "type": record.media_type, "size": ui_locale().formattedDataSize(record.size),
            "sha": record.sha256})

    def load_children(self) -> None:
        """Refresh the file facts."""
        self._show_facts()

    def _view(self) -> None:
        record = self._record()
        if record is not None:
            view_attachment(self.ctx, self, record, self.message)

    def _save_copy(self) -> None:
        record = self._record()
        if record is not None:
            save_decrypted_copy(self.ctx, self, record, self.message)
