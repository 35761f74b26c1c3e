"""Create, read, update, delete and list records of every kind, with audit and tombstones.

Every write runs in one transaction with its audit entry and with the change hooks (the search
index), so a change and its traces are stored together or not at all. Deletion sets the
``deleted`` tombstone, which travels in bundles like any other change.

The functions taking a ``Session`` are the building blocks for imports and merges that must put
many changes into one transaction; ``RecordService`` wraps them for single changes, and
``RecordService.apply`` saves a record with its linked rows (names, perpetrators, roles) in one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Row, func, literal, or_, tuple_
from sqlmodel import Session, col, select

from hrcase.domain.base import Entity, utcnow
from hrcase.domain.models import RECORD_KINDS, AuditEntry, PersonName
from hrcase.domain.validation import validate
from hrcase.errors import ConflictError, NotFoundError, ValidationError
from hrcase.i18n import _
from hrcase.services import search_index
from hrcase.services.serialize import to_dict
from hrcase.vault import Vault
from hrcase.vault import audit

ChangeHook = Callable[[Session, str, Entity], None]
"""Called after a record of a kind was written, inside the same transaction."""

PROTECTED_FIELDS = {"id", "created_at", "created_by", "revision", "updated_at", "updated_by"}
CONTENT_FIELDS = {"attachment": {"size", "sha256"}}
"""Fields that describe stored content: only the content store sets them (an edit is ignored
like one of a protected field), so they always match the bytes the vault holds."""

REFERENCES: dict[str, dict[str, str]] = {
    "person_name": {"person_id": "person"},
    "case_role": {"case_id": "case", "person_id": "person"},
    "organisation": {"parent_id": "organisation"},
    "place": {"parent_id": "place"},
    "event": {"case_id": "case", "place_id": "place"},
    "event_link": {"from_event_id": "event", "to_event_id": "event"},
    "allegation": {"case_id": "case", "victim_id": "person", "event_id": "event",
                   "place_id": "place"},
    "perpetrator": {"allegation_id": "allegation", "person_id": "person",
                    "organisation_id": "organisation"},
    "testimony": {"case_id": "case", "interviewee_id": "person", "place_id": "place"},
    "source_link": {"source_id": "source"},
    "intervention": {"case_id": "case"},
    "recommendation": {"case_id": "case"},
}
"""Which fields name which other kind of record (checked on every write)."""

TEXT_COLUMNS: dict[str, tuple[str, ...]] = {
    "case": ("title", "summary", "tags"),
    "person": ("pseudonym", "occupation", "notes", "nationality"),
    "person_name": ("text",),
    "organisation": ("name",),
    "place": ("name",),
    "event": ("title", "description"),
    "allegation": ("description", "medical_findings"),
    "testimony": ("title", "text", "interviewer"),
    "translation": ("text",),
    "source": ("title", "author", "organisation", "excerpt"),
    "intervention": ("body", "reference", "response"),
    "attachment": ("filename", "provenance"),
    "recommendation": ("text", "addressee"),
}
"""Columns a ``text`` filter scans (case-folded, anywhere in the text) when the search index
cannot answer: fewer than three letters typed, or an index not (re)built yet. From three letters
on, the index answers: words of the indexed texts and names beginning so (``prefix_match`` in
``search_index``), without reading every record."""


def model_of(kind: str) -> type[Entity]:
    """The table class of ``kind``; ValidationError for an unknown kind."""
    try:
        return RECORD_KINDS[kind]
    except KeyError:
        raise ValidationError("kind", _("Unknown kind of record.")) from None


def _exists(session: Session, kind: str, record_id: str) -> bool:
    """Whether a live record exists (records written earlier in this session are found in the
    session's identity map without a query)."""
    other = session.get(RECORD_KINDS[kind], record_id)
    return other is not None and not other.deleted


def check_references(session: Session, kind: str, record: Entity) -> None:
    """Every referenced record must exist (and not be deleted)."""
    for field, target in REFERENCES.get(kind, {}).items():
        ref = getattr(record, field)
        if ref and not _exists(session, target, ref):
            raise ValidationError(field, _("The linked record does not exist."))
    if kind == "testimony":
        for person_id in record.persons_present:  # type: ignore[attr-defined]
            if not _exists(session, "person", person_id):
                raise ValidationError("persons_present", _("The linked record does not exist."))


def insert_record(session: Session, actor: str, kind: str, data: dict[str, Any],
                  hooks: Sequence[ChangeHook] = ()) -> Entity:
    """Validate and insert a new record of ``kind``; audited."""
    model = model_of(kind)
    values = validate(kind, {k: v for k, v in data.items() if k not in PROTECTED_FIELDS - {"id"}},
                      new=True)
    if values.get("id") and session.get(model, values["id"]) is not None:
        raise ValidationError("id", _("A record with this id already exists."))
    record = model(**values)
    record.created_by = record.updated_by = actor
    check_references(session, kind, record)
    session.add(record)
    session.flush()  # rows reach SQLite in the order they were made (foreign keys)
    _after_write(session, actor, "create", kind, record, hooks)
    return record


def update_record(session: Session, actor: str, kind: str, record_id: str,
                  changes: dict[str, Any], expected_revision: int | None = None,
                  hooks: Sequence[ChangeHook] = ()) -> Entity:
    """Apply ``changes`` to a record, raising its revision; audited."""
    record = get_record(session, kind, record_id)
    if expected_revision is not None and record.revision != expected_revision:
        raise ConflictError(_("The record was changed elsewhere since you opened it. "
                              "Reopen it and apply your changes again."))
    fixed = PROTECTED_FIELDS | CONTENT_FIELDS.get(kind, set())
    values = validate(kind, {k: v for k, v in changes.items() if k not in fixed})
    changed = False
    for field, value in values.items():
        if getattr(record, field) != value:
            setattr(record, field, value)
            changed = True
    if not changed:
        return record
    check_references(session, kind, record)
    record.revision += 1
    record.updated_at = utcnow()
    record.updated_by = actor
    session.add(record)
    session.flush()
    _after_write(session, actor, "update", kind, record, hooks)
    return record


def delete_record(session: Session, actor: str, kind: str, record_id: str,
                  hooks: Sequence[ChangeHook] = ()) -> Entity:
    """Mark a record deleted (a tombstone that travels in bundles); audited."""
    record = get_record(session, kind, record_id)
    record.deleted = True
    record.revision += 1
    record.updated_at = utcnow()
    record.updated_by = actor
    session.add(record)
    session.flush()
    _after_write(session, actor, "delete", kind, record, hooks)
    return record


@dataclass(frozen=True)
class LinkedRows:
    """Every live row of one kind linked to a record, as they should be after an edit.

    Rows with an id are updated (when changed), rows without one are created, and stored rows
    of the owner missing here are deleted. ``field`` names the rows in a ``ValidationError``
    (the editor's block, such as "names"), whatever field of a row was refused.
    """

    kind: str
    owner_field: str
    rows: tuple[tuple[str | None, dict[str, Any]], ...]
    field: str


def sync_linked(session: Session, actor: str, owner_id: str, linked: LinkedRows,
                hooks: Sequence[ChangeHook] = ()) -> None:
    """Bring the rows of ``linked`` in step for ``owner_id``; every change audited."""
    model = model_of(linked.kind)
    owner = getattr(model, linked.owner_field)
    stored = {r.id for r in session.exec(select(model).where(owner == owner_id,
                                                              col(model.deleted).is_(False)))}
    try:
        for row_id, data in linked.rows:
            if row_id is None:
                insert_record(session, actor, linked.kind, {**data, linked.owner_field: owner_id},
                              hooks)
            elif row_id in stored:
                stored.discard(row_id)
                update_record(session, actor, linked.kind, row_id, data, hooks=hooks)
            else:
                raise ConflictError(_("The record was changed elsewhere since you opened it. "
                                      "Reopen it and apply your changes again."))
        for row_id in sorted(stored):
            delete_record(session, actor, linked.kind, row_id, hooks)
    except ValidationError as exc:
        raise ValidationError(linked.field, exc.detail) from exc


def get_record(session: Session, kind: str, record_id: str, include_deleted: bool = False) -> Entity:
    """One record by id; NotFoundError when absent (or deleted)."""
    record = session.get(model_of(kind), record_id)
    if record is None or (record.deleted and not include_deleted):
        raise NotFoundError(_("No such record."))
    return record


def _after_write(session: Session, actor: str, action: str, kind: str, record: Entity,
                 hooks: Sequence[ChangeHook]) -> None:
    for hook in hooks:
        hook(session, kind, record)
    audit.append(session, actor=actor, action=action, entity=kind, entity_id=record.id,
                 state=to_dict(record))


def _like(text: str) -> str:
    """A LIKE pattern for ``text`` anywhere (its own % and _ taken literally, escape "\\")."""
    escaped = text.casefold().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _conditions(kind: str, text: str | None, filters: dict[str, Any] | None,
                include_deleted: bool, indexed: bool = False) -> list[Any]:
    """The WHERE terms of ``list``, ``rows`` and ``count``; ``indexed``: the search index is
    current, so a text filter of three letters or more is answered by it
    (``search_index.prefix_match``)."""
    model = model_of(kind)
    terms: list[Any] = []
    if not include_deleted:
        live = col(model.deleted).is_(False)
        # With field filters (ids, mostly), SQLite must look them up in their index rather than
        # walk every live row in an index that starts with ``deleted``: likely() says so.
        terms.append(func.likely(live) if filters else live)
    for field, value in (filters or {}).items():
        if field not in model.model_fields:
            raise ValidationError(field, _("This field does not exist for this kind of record."))
        column = getattr(model, field)
        terms.append(column.in_(value) if isinstance(value, (list, tuple, set)) else column == value)
    matched = search_index.prefix_match(kind, text) if text and indexed else None
    if matched is not None:
        terms.append(col(model.id).in_(matched))
    elif text:
        pattern = _like(text)
        columns = [getattr(model, c) for c in TEXT_COLUMNS.get(kind, ())]
        if kind == "person":
            names = select(PersonName.person_id).where(
                func.hr_fold(PersonName.text).like(pattern, escape="\\"))
            terms.append(or_(col(model.id).in_(names),
                             *[func.hr_fold(c).like(pattern, escape="\\") for c in columns]))
        elif columns:
            terms.append(or_(*[func.hr_fold(c).like(pattern, escape="\\") for c in columns]))
    return terms


def _index_is_current(session: Session) -> bool:
    return search_index.index_version(session) == search_index.INDEX_VERSION


class RecordService:
    """Single-record use cases on an open vault, each in its own transaction."""

    def __init__(self, vault: Vault, actor: str, hooks: Sequence[ChangeHook] = ()) -> None:
        self.vault = vault
        self.actor = actor
        self.hooks = list(hooks)

    def create(self, kind: str, data: dict[str, Any]) -> Entity:
        with self.vault.writing() as session:
            return insert_record(session, self.actor, kind, data, self.hooks)

    def update(self, kind: str, record_id: str, changes: dict[str, Any],
               expected_revision: int | None = None) -> Entity:
        with self.vault.writing() as session:
            return update_record(session, self.actor, kind, record_id, changes,
                                 expected_revision, self.hooks)

    def apply(self, kind: str, record_id: str | None, data: dict[str, Any], *,
              expected_revision: int | None = None,
              linked: Sequence[LinkedRows] = ()) -> Entity:
        """Create (``record_id`` None) or update a record and bring its linked rows in step, all
        in one write transaction: on any error nothing of the change is stored."""
        with self.vault.writing() as session:
            if record_id is None:
                record = insert_record(session, self.actor, kind, data, self.hooks)
            else:
                record = update_record(session, self.actor, kind, record_id, data,
                                       expected_revision, self.hooks)
            for rows in linked:
                sync_linked(session, self.actor, record.id, rows, self.hooks)
            return record

    def delete(self, kind: str, record_id: str) -> Entity:
        with self.vault.writing() as session:
            return delete_record(session, self.actor, kind, record_id, self.hooks)

    def get(self, kind: str, record_id: str, include_deleted: bool = False) -> Entity:
        with self.vault.reading() as session:
            return get_record(session, kind, record_id, include_deleted)

    def list(self, kind: str, *, text: str | None = None, filters: dict[str, Any] | None = None,
             order_by: str | None = None, descending: bool = False, offset: int = 0,
             limit: int | None = 100, include_deleted: bool = False,
             after: tuple[Any, str] | None = None) -> list[Entity]:
        """Records of ``kind`` matching ``filters`` (field == value, or in a list) and ``text``,
        sorted by ``order_by`` (default: creation) and then id.

        ``after`` (the sort value and id of the last record of the previous page) continues a
        list where it stopped: the next page comes from the index straight away, where an
        ``offset`` would step over every record before it.
        """
        model = model_of(kind)
        with self.vault.reading() as session:
            query = self._sorted(session, select(model), kind, text, filters, include_deleted,
                                 order_by, descending, after)
            query = query.offset(offset) if offset else query
            return list(session.exec(query.limit(limit) if limit is not None else query))

    def rows(self, kind: str, fields: Sequence[str], *, text: str | None = None,
             filters: dict[str, Any] | None = None, order_by: str | None = None,
             descending: bool = False, limit: int | None = 100,
             after: tuple[Any, str] | None = None) -> list[Row[Any]]:
        """What ``list`` gives, as rows holding only ``id`` and ``fields`` (read as attributes):
        a record list reads the few columns it shows, not whole records with their long texts."""
        model = model_of(kind)
        for field in fields:
            if field not in model.model_fields:
                raise ValidationError(field, _("This field does not exist for this kind of "
                                               "record."))
        columns = [getattr(model, f) for f in dict.fromkeys(("id", *fields))]
        with self.vault.reading() as session:
            query = self._sorted(session, select(*columns), kind, text, filters, False,
                                 order_by, descending, after)
            return list(session.execute(query.limit(limit) if limit is not None else query))

    @staticmethod
    def _sorted(session: Session, query: Any, kind: str, text: str | None,
                filters: dict[str, Any] | None, include_deleted: bool, order_by: str | None,
                descending: bool, after: tuple[Any, str] | None) -> Any:
        """``query`` filtered, continued ``after`` a row, and sorted (see ``list``)."""
        model = model_of(kind)
        if order_by and order_by not in model.model_fields:
            raise ValidationError("order_by", _("This field does not exist for this kind of record."))
        order = getattr(model, order_by) if order_by else model.created_at
        tie = col(model.id)
        query = query.where(*_conditions(kind, text, filters, include_deleted,
                                         bool(text) and _index_is_current(session)))
        if after is not None:
            last = tuple_(order, tie)
            bound = tuple_(literal(after[0], order.type), literal(after[1], tie.type))
            query = query.where(last < bound if descending else last > bound)
        return query.order_by(order.desc() if descending else order,
                              tie.desc() if descending else tie)

    def count(self, kind: str, *, text: str | None = None, filters: dict[str, Any] | None = None,
              include_deleted: bool = False) -> int:
        """How many records ``list`` would give without offset and limit."""
        model = model_of(kind)
        with self.vault.reading() as session:
            terms = _conditions(kind, text, filters, include_deleted,
                                bool(text) and _index_is_current(session))
            return session.exec(select(func.count()).select_from(model).where(*terms)).one()

    def history(self, kind: str, record_id: str) -> list[AuditEntry]:
        """The audit entries of one record, oldest first."""
        with self.vault.reading() as session:
            query = select(AuditEntry).where(AuditEntry.entity == kind,
                                             AuditEntry.entity_id == record_id)
            return list(session.exec(query.order_by(col(AuditEntry.seq))))
