"""The testimony editor: interview metadata, consent and the text, with the interviewee's
allegations in this case and the translations of the text (stale ones marked)."""

from __future__ import annotations

from typing import Any

from hrcase.domain.models import Testimony
from hrcase.gui.context import date_words, vocab_label, vocab_labels
from hrcase.gui.editors.base import RecordEditor
from hrcase.gui.editors.specs import FIELDS
from hrcase.gui.widgets.linked import LinkedRecords
from hrcase.i18n import N_, _


class TestimonyEditor(RecordEditor):
    """Edits a testimony; its allegations and translations are one tab each."""

    fields = FIELDS["testimony"]

    def add_tabs(self) -> None:
        """Allegations and translations."""
        self.allegations = LinkedRecords(
            self.ctx, "allegation", (N_("Date"), N_("Methods"), N_("Articles")),
            self._allegations, self._allegation_cells, N_("Add an &allegation…"),
            self.add_allegation, self)
        self.translations = LinkedRecords(
            self.ctx, "translation", (N_("Language"), N_("Status"), N_("Translator")),
            self._translations, self._translation_cells, N_("Add a &translation…"),
            self.add_translation, self)
        self.tabs.addTab(self.allegations, "")
        self.tabs.addTab(self.translations, "")

    def retranslate(self) -> None:
        """Set texts in the current language."""
        super().retranslate()
        self.tabs.setTabText(self.tabs.indexOf(self.allegations), _("Allegations"))
        self.tabs.setTabText(self.tabs.indexOf(self.translations), _("Translations"))

    def load_children(self) -> None:
        """Refresh the allegation and translation lists."""
        self.allegations.reload()
        self.translations.reload()
        saved = self.record_id is not None
        self.allegations.add_button.setEnabled(saved)
        self.translations.add_button.setEnabled(saved)
        for linked in (self.allegations, self.translations):
            if saved:
                linked.message.clear_message()
            else:
                linked.message.show_info(_("Save the testimony first."))

    def _stored(self) -> Testimony | None:
        if self.record_id is None:
            return None
        record = self.ctx.services.records.get("testimony", self.record_id)
        return record if isinstance(record, Testimony) else None

    def _allegations(self) -> list[Any]:
        testimony = self._stored()
        if testimony is None or not testimony.interviewee_id:
            return []
        return self.ctx.services.records.list(
            "allegation", filters={"case_id": testimony.case_id,
                                   "victim_id": testimony.interviewee_id},
            order_by="date", limit=None)

    @staticmethod
    def _allegation_cells(records: list[Any]) -> list[list[str]]:
        return [[date_words(r.date), vocab_labels("methods", r.methods),
                 vocab_labels("articles", r.articles)] for r in records]

    def _translations(self) -> list[Any]:
        if self.record_id is None:
            return []
        return self.ctx.services.records.list(
            "translation", filters={"target_kind": "testimony", "target_id": self.record_id},
            limit=None)

    def _translation_cells(self, records: list[Any]) -> list[list[str]]:
        revision = self._revision or 0
        return [[vocab_label("languages", r.language),
                 self._status_text(r.status, stale=r.source_revision < revision),
                 r.translator] for r in records]

    @staticmethod
    def _status_text(status: str, stale: bool) -> str:
        label = vocab_label("translation_status", status)
        if not stale:
            return label
        return _("%(status)s — outdated: the original changed") % {"status": label}

    def add_allegation(self) -> None:
        """Open a new allegation of the interviewee in this case."""
        testimony = self._stored()
        if testimony is None:
            return
        self.ctx.new_record("allegation", {
            "case_id": testimony.case_id, "victim_id": testimony.interviewee_id,
            "language": testimony.language})

    def add_translation(self) -> None:
        """Open a new translation of this testimony's text."""
        testimony = self._stored()
        if testimony is None:
            return
        target = next((lang for lang in ("en", "ru", "kk") if lang != testimony.language), "en")
        self.ctx.new_record("translation", {
            "target_kind": "testimony", "target_id": testimony.id, "field": "text",
            "language": target, "source_revision": testimony.revision})
