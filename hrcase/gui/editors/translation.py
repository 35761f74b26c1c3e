"""The translation editor: the original beside the translation, and whether it is outdated.

A translation names the revision of the original it was made from. When the original has
changed since, the editor says so; "Mark as up to date" records the current revision once the
translator has checked the text.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QPlainTextEdit, QPushButton, QSplitter, QVBoxLayout, QWidget

from hrcase.errors import HrcaseError
from hrcase.gui.context import vocab_label
from hrcase.gui.editors.base import RecordEditor
from hrcase.gui.editors.specs import FIELDS
from hrcase.gui.widgets.common import MessageLabel
from hrcase.i18n import _


class TranslationEditor(RecordEditor):
    """Edits a translation with its original in view."""

    fields = FIELDS["translation"]

    def build_form(self) -> None:
        """The fields, then original and translation side by side."""
        for spec in self.fields:
            if spec.name != "text":
                self.add_field(spec)
        text_spec = next(spec for spec in self.fields if spec.name == "text")
        splitter = QSplitter(self.form_page)
        left = QWidget(splitter)
        self.original_label = QLabel(left)
        self.original_label.setWordWrap(True)
        self.original = QPlainTextEdit(left)
        self.original.setReadOnly(True)
        box = QVBoxLayout(left)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.original_label)
        box.addWidget(self.original)
        right = QWidget(splitter)
        self.translation_label = QLabel(right)
        text = text_spec.make(self.ctx, right)
        text.changed.connect(self.mark_dirty)  # type: ignore[attr-defined]
        self.widgets["text"] = text
        box = QVBoxLayout(right)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.translation_label)
        box.addWidget(text)
        self.stale = MessageLabel(self.form_page)
        self.up_to_date_button = QPushButton(self.form_page)
        self.up_to_date_button.clicked.connect(self.mark_up_to_date)
        self.form.addRow(self.stale)
        self.form.addRow(self.up_to_date_button)
        self.form.addRow(splitter)
        self._source_revision: int | None = None

    def retranslate(self) -> None:
        """Set texts in the current language."""
        self.translation_label.setText(_("Translation:"))
        self.original.setAccessibleName(_("Original text"))
        self.up_to_date_button.setText(_("&Mark as up to date with the original"))
        super().retranslate()
        self._show_original()

    def _target(self) -> tuple[Any, str, int]:
        """The translated record, its translated field, and the revision translated from."""
        if self.record_id is not None:
            record = self.ctx.services.records.get("translation", self.record_id)
            values = record.model_dump()
        else:
            values = {"field": "text", "source_revision": 1, **self._defaults}
        revision = values["source_revision"] if self._source_revision is None else self._source_revision
        target = self.ctx.services.records.get(values["target_kind"], values["target_id"])
        return target, values["field"], revision

    def _show_original(self) -> None:
        try:
            target, field, revision = self._target()
        except (HrcaseError, KeyError):
            self.original.setPlainText("")
            return
        self.original.setPlainText(getattr(target, field, "") or "")
        self.original_label.setText(_("Original (%(language)s, revision %(revision)d):") % {
            "language": vocab_label("languages", getattr(target, "language", "")),
            "revision": target.revision})
        if revision < target.revision:
            self.stale.show_error(_("The original changed after this translation was made "
                                    "(revision %(old)d, now %(new)d). Check the translation, then "
                                    "mark it as up to date.") % {"old": revision, "new": target.revision})
            self.up_to_date_button.setVisible(True)
        else:
            self.stale.clear_message()
            self.up_to_date_button.setVisible(False)

    def load_children(self) -> None:
        """Forget a pending "up to date" mark and show the original."""
        self._source_revision = None
        self._show_original()

    def mark_up_to_date(self) -> None:
        """Record the original's current revision when this translation is saved next."""
        target, _field, _revision = self._target()
        self._source_revision = target.revision
        self.mark_dirty()
        self._show_original()

    def collect(self) -> dict[str, Any]:
        """The fields, plus the revision of the original when marked up to date."""
        data = super().collect()
        if self._source_revision is not None:
            data["source_revision"] = self._source_revision
        return data
