"""The record kinds the navigator shows, with their list columns.

Each column has a header, the field the list sorts by when the header is clicked (None: not
sortable, such as a person's name, which lives in another table), and a function giving the
cell texts of a page of records at once (so names of linked persons come in one query) and
naming the fields it needs (so a list reads only those columns).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QLocale

from hrcase.gui.context import AppContext, date_words, texts, vocab_label, vocab_labels
from hrcase.i18n import N_, _, current_language
from hrcase.i18n.dates import format_datetime


@dataclass(frozen=True)
class Cells:
    """The cell texts of a column for a page of records (read as attributes), and the record
    fields they need besides ``id`` (a list reads only these)."""

    fields: tuple[str, ...]
    texts: Callable[[AppContext, Sequence[Any]], list[str]]

    def __call__(self, ctx: AppContext, records: Sequence[Any]) -> list[str]:
        """The texts of ``records``, in order."""
        return self.texts(ctx, records)


@dataclass(frozen=True)
class Column:
    """One list column."""

    header: str
    sort_field: str | None
    cells: Cells


@dataclass(frozen=True)
class KindInfo:
    """A navigator section: its kind, names and list columns."""

    kind: str
    plural: str
    singular: str
    columns: tuple[Column, ...]

    @property
    def title(self) -> str:
        """The section name in the interface language."""
        return _(self.plural)

    @property
    def fields(self) -> tuple[str, ...]:
        """The record fields the columns show or sort by."""
        return tuple(dict.fromkeys(f for c in self.columns
                                   for f in (*c.cells.fields, c.sort_field) if f))


def _field(name: str, fmt: Callable[[Any], str] = str) -> Cells:
    return Cells((name,), lambda ctx, records: [
        fmt(getattr(r, name)) if getattr(r, name) not in (None, "") else "" for r in records])


def _vocab(name: str, vocab: str) -> Cells:
    return Cells((name,), lambda ctx, records: [vocab_label(vocab, getattr(r, name))
                                                for r in records])


def _vocab_list(name: str, vocab: str) -> Cells:
    return Cells((name,), lambda ctx, records: [vocab_labels(vocab, getattr(r, name))
                                                for r in records])


def _date(name: str) -> Cells:
    return Cells((name,), lambda ctx, records: [date_words(getattr(r, name)) for r in records])


def _texts(name: str) -> Cells:
    return Cells((name,), lambda ctx, records: [texts(getattr(r, name)) for r in records])


def _person(name: str) -> Cells:
    def cells(ctx: AppContext, records: Sequence[Any]) -> list[str]:
        names = ctx.person_names(getattr(r, name) for r in records)
        return [names.get(getattr(r, name) or "", "") for r in records]
    return Cells((name,), cells)


def _own_names(ctx: AppContext, records: Sequence[Any]) -> list[str]:
    names = ctx.person_names(r.id for r in records)
    return [names.get(r.id, _("(unnamed)")) for r in records]


def _size(n: int) -> str:
    return QLocale(current_language()).formattedDataSize(int(n))


def _updated(ctx: AppContext, records: Sequence[Any]) -> list[str]:
    return [format_datetime(r.updated_at.astimezone()) for r in records]


UPDATED = Column(N_("Changed"), "updated_at", Cells(("updated_at",), _updated))

KINDS: tuple[KindInfo, ...] = (
    KindInfo("case", N_("Cases"), N_("Case"), (
        Column(N_("Title"), None, _texts("title")),
        Column(N_("Country"), "country", _field("country")),
        Column(N_("Status"), "status", _vocab("status", "case_status")),
        UPDATED)),
    KindInfo("person", N_("Persons"), N_("Person"), (
        Column(N_("Name"), None, Cells((), _own_names)),
        Column(N_("Sex"), "sex", _vocab("sex", "sex")),
        Column(N_("Born"), "birth", _date("birth")),
        Column(N_("Nationality"), "nationality", _field("nationality")),
        UPDATED)),
    KindInfo("testimony", N_("Testimonies"), N_("Testimony"), (
        Column(N_("Title"), "title", _field("title")),
        Column(N_("Interviewee"), None, _person("interviewee_id")),
        Column(N_("Date"), "date", _date("date")),
        Column(N_("Language"), "language", _vocab("language", "languages")),
        Column(N_("Consent"), "consent", _vocab("consent", "consent")),
        UPDATED)),
    KindInfo("allegation", N_("Allegations"), N_("Allegation"), (
        Column(N_("Victim"), None, _person("victim_id")),
        Column(N_("Date"), "date", _date("date")),
        Column(N_("Methods"), None, _vocab_list("methods", "methods")),
        Column(N_("Articles"), None, _vocab_list("articles", "articles")),
        UPDATED)),
    KindInfo("event", N_("Events"), N_("Event"), (
        Column(N_("Title"), None, _texts("title")),
        Column(N_("Type"), "event_type", _vocab("event_type", "event_types")),
        Column(N_("Start"), "start", _date("start")),
        Column(N_("End"), "end", _date("end")),
        UPDATED)),
    KindInfo("place", N_("Places"), N_("Place"), (
        Column(N_("Name"), None, _texts("name")),
        Column(N_("Type"), "place_type", _vocab("place_type", "place_types")),
        Column(N_("Country"), "country", _field("country")),
        UPDATED)),
    KindInfo("organisation", N_("Organisations"), N_("Organisation"), (
        Column(N_("Name"), None, _texts("name")),
        Column(N_("Type"), "org_type", _vocab("org_type", "org_types")),
        Column(N_("Country"), "country", _field("country")),
        UPDATED)),
    KindInfo("source", N_("Sources"), N_("Source"), (
        Column(N_("Title"), "title", _field("title")),
        Column(N_("Author"), "author", _field("author")),
        Column(N_("Date"), "date", _date("date")),
        Column(N_("Reliability"), "reliability", _vocab("reliability", "reliability")),
        UPDATED)),
    KindInfo("intervention", N_("Interventions"), N_("Intervention"), (
        Column(N_("Body"), "body", _field("body")),
        Column(N_("Type"), "intervention_type", _vocab("intervention_type", "intervention_types")),
        Column(N_("Reference"), "reference", _field("reference")),
        Column(N_("Date"), "date", _date("date")),
        Column(N_("Status"), "status", _field("status")),
        UPDATED)),
    KindInfo("attachment", N_("Attachments"), N_("Attachment"), (
        Column(N_("File name"), "filename", _field("filename")),
        Column(N_("Type"), "media_type", _field("media_type")),
        Column(N_("Size"), "size", _field("size", _size)),
        Column(N_("Captured"), "captured_at", _date("captured_at")),
        UPDATED)),
)

KIND_INFO: dict[str, KindInfo] = {info.kind: info for info in KINDS}
