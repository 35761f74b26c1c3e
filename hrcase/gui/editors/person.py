"""The person editor: name variants (text, script, language, kind) above the person's fields.

"Suggest spellings" adds the other-script spellings of the first name (Cyrillic ⇄ Latin, by the
usual romanisation systems) as transliteration rows, so a person is found whatever the spelling.
When the user types or changes a name, a notice under the names lists existing persons who are
probably the same (any script, compatible birth), with buttons to open them or dismiss the
notice; it never blocks saving.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from hrcase.domain.translit import detect_script, suggest_variants
from hrcase.gui.editors.base import FieldProblem, RecordEditor
from hrcase.gui.editors.specs import FIELDS
from hrcase.gui.widgets.duplicate_notice import DuplicateNotice
from hrcase.gui.widgets.fields import TextLine
from hrcase.gui.widgets.rows import Row, RowsEditor
from hrcase.gui.widgets.vocab import VocabCombo
from hrcase.i18n import N_, _
from hrcase.services.records import LinkedRows


class NameRow(Row):
    """One written form of the name."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = self.add(TextLine(self), 1)
        self.script = self.add(VocabCombo("scripts", parent=self))
        self.language = self.add(VocabCombo("languages", allow_empty=True, parent=self))
        self.kind = self.add(VocabCombo("name_kind", parent=self))
        self.text.setMinimumWidth(self.text.fontMetrics().averageCharWidth() * 22)
        for combo in (self.script, self.language, self.kind):
            combo.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.text.textEdited.connect(self._guess_script)
        self.finish()
        self.setFocusProxy(self.text)
        self.text.setAccessibleName(_("Name"))
        self.script.setAccessibleName(_("Script"))
        self.language.setAccessibleName(_("Language of the name"))
        self.kind.setAccessibleName(_("Kind of name"))

    def _guess_script(self, text: str) -> None:
        script = detect_script(text)
        if script in ("Cyrl", "Latn"):
            self.script.set_value(script)

    def value(self) -> dict[str, Any]:
        """The name's fields."""
        return {"text": self.text.value(), "script": self.script.value(),
                "language": self.language.value(), "kind": self.kind.value()}

    def set_value(self, record: Any) -> None:
        """Show a stored name."""
        self.text.set_value(record.text)
        self.script.set_value(record.script)
        self.language.set_value(record.language)
        self.kind.set_value(record.kind)

    def error(self) -> str | None:
        """An empty name cannot be saved."""
        return None if self.text.value() else _("A name is empty: type it or remove the row.")


class PersonEditor(RecordEditor):
    """Edits a person and the person's names."""

    fields = FIELDS["person"]

    def build_form(self) -> None:
        """Names first, then the person's fields."""
        box = QWidget(self.form_page)
        self.names = RowsEditor(NameRow, N_("Add a &name"), box)
        self.names.changed.connect(self.mark_dirty)
        self.names.changed.connect(self._names_edited)
        self.duplicates = DuplicateNotice(self.ctx, box)
        self.duplicates.open_requested.connect(lambda pid: self.ctx.open_record("person", pid))
        self.suggest_button = QPushButton(box)
        self.suggest_button.clicked.connect(self.suggest_spellings)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.suggest_button)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.names)
        layout.addLayout(buttons)
        layout.addWidget(self.duplicates)
        self.names_label = QLabel(self.form_page)
        self.form.addRow(self.names_label, box)
        super().build_form()

    def retranslate(self) -> None:
        """Set texts in the current language."""
        self.names_label.setText(_("Names:"))
        self.names.setAccessibleName(_("Names"))
        self.suggest_button.setText(_("Suggest &spellings in the other script"))
        super().retranslate()

    def load_children(self) -> None:
        """Show the stored names (a new person starts with one empty row)."""
        self.duplicates.set_person(self.record_id)
        if self.record_id is None:
            self.names.set_records([])
            self.names.add_row()
            return
        names = self.ctx.services.records.list("person_name", filters={"person_id": self.record_id},
                                               order_by="created_at", limit=None)
        self.names.set_records(names)

    def check_children(self) -> None:
        """Every name row must have text, and a person needs a name unless anonymous."""
        problem = self.names.error()
        if problem:
            raise FieldProblem("names", problem)
        disclosure = self.widgets["disclosure"].value()  # type: ignore[attr-defined]
        if not self.names.rows and disclosure != "anonymous":
            raise FieldProblem("names", _("Add at least one name (or mark the person anonymous)."))

    def label_of(self, field: str) -> str:
        """The names block has a label too."""
        return _("Names") if field == "names" else super().label_of(field)

    def linked_rows(self) -> list[LinkedRows]:
        """The names, saved with the person."""
        return [self.rows_of("person_name", "person_id", self.names.rows, "names")]

    def _names_edited(self) -> None:
        """After the user changed a name: look for persons who may be the same."""
        if self.dirty:  # not while a record is being loaded
            birth = self.widgets["birth"].value()  # type: ignore[attr-defined]
            self.duplicates.check([row.value()["text"] for row in self.names.rows], birth)

    def suggest_spellings(self) -> None:
        """Add other-script spellings of the first name as transliteration rows."""
        if not self.names.rows:
            return
        first = self.names.rows[0].value()["text"]
        known = {row.value()["text"] for row in self.names.rows}
        added = 0
        for text, script, _system in suggest_variants(first):
            if text and text not in known:
                row = self.names.add_row()
                assert isinstance(row, NameRow)
                row.text.set_value(text)
                row.script.set_value(script)
                row.kind.set_value("transliteration")
                known.add(text)
                added += 1
        if not added:
            self.message.show_info(_("No other spellings to suggest."))
