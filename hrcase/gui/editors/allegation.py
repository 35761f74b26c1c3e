"""The allegation editor: methods grouped by category, perpetrators with their involvement,
purpose, duress, consequences, medical examination, complaint, investigation and articles."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QSizePolicy, QVBoxLayout, QWidget

from hrcase.gui.context import AppContext
from hrcase.gui.editors.base import FieldProblem, RecordEditor
from hrcase.gui.editors.specs import FIELDS
from hrcase.gui.widgets.picker import RecordPicker
from hrcase.gui.widgets.rows import Row, RowsEditor
from hrcase.gui.widgets.vocab import VocabCombo
from hrcase.i18n import N_, _
from hrcase.services.records import LinkedRows

METHODS_MIN_HEIGHT = 300


class PerpetratorRow(Row):
    """An alleged perpetrator: a person, a unit, or both, and how they were involved."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        who = QVBoxLayout()
        who.setSpacing(2)
        self.layout_.addLayout(who, 3)
        self.person = self.add(RecordPicker(ctx, "person", self), layout=who)
        self.organisation = self.add(RecordPicker(ctx, "organisation", self), layout=who)
        self.involvement = self.add(VocabCombo("involvement", parent=self), 1)
        self.involvement.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.involvement.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        self.layout_.setAlignment(self.involvement, Qt.AlignmentFlag.AlignTop)
        self.finish()
        self.layout_.setAlignment(self.remove_button, Qt.AlignmentFlag.AlignTop)
        self.setFocusProxy(self.person)
        self.person.setAccessibleName(_("Perpetrator (person)"))
        self.organisation.setAccessibleName(_("Perpetrator (unit or organisation)"))
        self.involvement.setAccessibleName(_("Degree of involvement"))
        self.person.edit.setPlaceholderText(_("Person…"))
        self.organisation.edit.setPlaceholderText(_("Unit or organisation…"))

    def value(self) -> dict[str, Any]:
        """The perpetrator's fields."""
        return {"person_id": self.person.value(), "organisation_id": self.organisation.value(),
                "involvement": self.involvement.value()}

    def set_value(self, record: Any) -> None:
        """Show a stored perpetrator."""
        self.person.set_value(record.person_id)
        self.organisation.set_value(record.organisation_id)
        self.involvement.set_value(record.involvement)

    def error(self) -> str | None:
        """A perpetrator needs a person or a unit."""
        problem = self.person.error() or self.organisation.error()
        if problem:
            return problem
        if not self.person.value() and not self.organisation.value():
            return _("A perpetrator needs a person or a unit: choose one or remove the row.")
        return None


class AllegationEditor(RecordEditor):
    """Edits an allegation and its perpetrators."""

    fields = FIELDS["allegation"]

    def build_form(self) -> None:
        """The fields, with the perpetrators right after the methods."""
        for spec in self.fields:
            widget = self.add_field(spec)
            if spec.name == "methods":
                widget.setMinimumHeight(METHODS_MIN_HEIGHT)
            if spec.name == "methods":
                self.perpetrators = RowsEditor(lambda parent: PerpetratorRow(self.ctx, parent),
                                               N_("Add a &perpetrator"), self.form_page)
                self.perpetrators.changed.connect(self.mark_dirty)
                self.perpetrators_label = QLabel(self.form_page)
                self.form.addRow(self.perpetrators_label, self.perpetrators)

    def retranslate(self) -> None:
        """Set texts in the current language."""
        self.perpetrators_label.setText(_("Alleged perpetrators:"))
        self.perpetrators.setAccessibleName(_("Alleged perpetrators"))
        super().retranslate()

    def load_children(self) -> None:
        """Show the stored perpetrators."""
        records = [] if self.record_id is None else self.ctx.services.records.list(
            "perpetrator", filters={"allegation_id": self.record_id}, order_by="created_at",
            limit=None)
        self.perpetrators.set_records(records)

    def check_children(self) -> None:
        """Every perpetrator row must name someone."""
        problem = self.perpetrators.error()
        if problem:
            raise FieldProblem("perpetrators", problem)

    def label_of(self, field: str) -> str:
        """The perpetrators block has a label too."""
        return _("Alleged perpetrators") if field == "perpetrators" else super().label_of(field)

    def linked_rows(self) -> list[LinkedRows]:
        """The perpetrators, saved with the allegation."""
        return [self.rows_of("perpetrator", "allegation_id", self.perpetrators.rows, "perpetrators")]
