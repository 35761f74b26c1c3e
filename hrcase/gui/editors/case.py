"""The case editor: the case's fields, the people and their roles, the timeline of its events,
and its testimonies."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget
from PySide6.QtCore import Qt

from hrcase.errors import HrcaseError
from hrcase.gui.context import AppContext, date_words, texts, vocab_label
from hrcase.gui.editors.base import FieldProblem, RecordEditor
from hrcase.gui.editors.specs import FIELDS
from hrcase.gui.timeline import TimelineEvent, TimelineView
from hrcase.gui.widgets.linked import LinkedRecords
from hrcase.gui.widgets.picker import RecordPicker
from hrcase.gui.widgets.rows import Row, RowsEditor
from hrcase.gui.widgets.vocab import VocabCombo
from hrcase.i18n import N_, _
from hrcase.services.records import LinkedRows


class RoleRow(Row):
    """A person's role in the case."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.person = self.add(RecordPicker(ctx, "person", self), 3)
        self.role = self.add(VocabCombo("roles", parent=self), 1)
        self.finish()
        self.setFocusProxy(self.person)
        self.person.setAccessibleName(_("Person"))
        self.role.setAccessibleName(_("Role in the case"))

    def value(self) -> dict[str, Any]:
        """The role's fields."""
        return {"person_id": self.person.value(), "role": self.role.value()}

    def set_value(self, record: Any) -> None:
        """Show a stored role."""
        self.person.set_value(record.person_id)
        self.role.set_value(record.role)

    def error(self) -> str | None:
        """A role needs a person."""
        return self.person.error() or (None if self.person.value() else
                                       _("Choose a person for every role, or remove the row."))


def event_label(event: Any) -> str:
    """An event's title, else its type."""
    return texts(event.title) or vocab_label("event_types", event.event_type)


class CaseEditor(RecordEditor):
    """Edits a case; people, timeline and testimonies are tabs."""

    fields = FIELDS["case"]

    def add_tabs(self) -> None:
        """People, timeline (with the list of events) and testimonies."""
        self.people_page = QWidget(self)
        self.roles = RowsEditor(lambda parent: RoleRow(self.ctx, parent), N_("Add a &person"),
                                self.people_page)
        self.roles.changed.connect(self.mark_dirty)
        box = QVBoxLayout(self.people_page)
        box.addWidget(self.roles)
        box.addStretch(1)
        self.timeline_page = QSplitter(Qt.Orientation.Vertical, self)
        self.timeline = TimelineView(self.timeline_page)
        self.timeline.activated.connect(lambda event_id: self.ctx.open_record("event", event_id))
        self.events = LinkedRecords(
            self.ctx, "event", (N_("Event"), N_("Type"), N_("Start"), N_("End")),
            self._events, lambda rs: [[event_label(e), vocab_label("event_types", e.event_type),
                                       date_words(e.start), date_words(e.end)] for e in rs],
            N_("Add an &event…"), self.add_event, self.timeline_page)
        self.testimonies = LinkedRecords(
            self.ctx, "testimony", (N_("Title"), N_("Interviewee"), N_("Date")),
            self._testimonies, self._testimony_cells, N_("Add a &testimony…"),
            lambda: self._add_linked("testimony"), self)
        self.tabs.addTab(self.people_page, "")
        self.tabs.addTab(self.timeline_page, "")
        self.tabs.addTab(self.testimonies, "")

    def retranslate(self) -> None:
        """Set texts in the current language."""
        super().retranslate()
        self.tabs.setTabText(self.tabs.indexOf(self.people_page), _("People"))
        self.tabs.setTabText(self.tabs.indexOf(self.timeline_page), _("Timeline"))
        self.tabs.setTabText(self.tabs.indexOf(self.testimonies), _("Testimonies"))
        self.roles.setAccessibleName(_("People and their roles in the case"))

    def show_timeline(self) -> None:
        """Bring the timeline tab forward."""
        self.tabs.setCurrentWidget(self.timeline_page)

    def _events(self) -> list[Any]:
        if self.record_id is None:
            return []
        return self.ctx.services.records.list("event", filters={"case_id": self.record_id},
                                              order_by="start", limit=None)

    def _testimonies(self) -> list[Any]:
        if self.record_id is None:
            return []
        return self.ctx.services.records.list("testimony", filters={"case_id": self.record_id},
                                              order_by="date", limit=None)

    def _testimony_cells(self, records: list[Any]) -> list[list[str]]:
        names = self.ctx.person_names(r.interviewee_id for r in records)
        return [[r.title, names.get(r.interviewee_id or "", ""), date_words(r.date)] for r in records]

    def load_children(self) -> None:
        """Roles, events on the timeline, testimonies."""
        roles = [] if self.record_id is None else self.ctx.services.records.list(
            "case_role", filters={"case_id": self.record_id}, order_by="created_at", limit=None)
        self.roles.set_records(roles)
        self.events.reload()
        self.testimonies.reload()
        timeline: list[TimelineEvent] = []
        for event in self._events():
            try:
                timeline.append(TimelineEvent.of(event.id, event_label(event), event.start, event.end))
            except HrcaseError:
                timeline.append(TimelineEvent.of(event.id, event_label(event), "", ""))
        self.timeline.set_events(timeline)
        for linked in (self.events, self.testimonies):
            linked.add_button.setEnabled(self.record_id is not None)

    def check_children(self) -> None:
        """Every role row must name a person."""
        problem = self.roles.error()
        if problem:
            raise FieldProblem("roles", problem)

    def label_of(self, field: str) -> str:
        """The roles block has a label too."""
        return _("People") if field == "roles" else super().label_of(field)

    def linked_rows(self) -> list[LinkedRows]:
        """The roles, saved with the case."""
        return [self.rows_of("case_role", "case_id", self.roles.rows, "roles")]

    def add_event(self) -> None:
        """Open a new event of this case."""
        self._add_linked("event")

    def _add_linked(self, kind: str) -> None:
        if self.record_id is not None:
            self.ctx.new_record(kind, {"case_id": self.record_id})
