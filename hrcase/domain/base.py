"""Columns every record shares: identity, authorship, revision and tombstone.

Every row has a UUID so records from several vaults merge; a revision number that each change
increments so bundles can tell newer from older; and a ``deleted`` tombstone instead of a hard
delete so that deletions travel in bundles too.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timezone

from sqlalchemy import Index
from sqlalchemy.orm import declared_attr
from sqlalchemy.types import String, TypeDecorator
from sqlmodel import Field, SQLModel


def new_id() -> str:
    """A fresh random UUID as text."""
    return str(uuid.uuid4())


def utcnow() -> datetime:
    """The current time in UTC, to the microsecond."""
    return datetime.now(timezone.utc)


class UtcDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC datetime stored as ISO 8601 text (sorts correctly as text)."""

    impl = String(32)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> str | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc).isoformat(timespec="microseconds")

    def process_result_value(self, value: str | None, dialect: object) -> datetime | None:
        return None if value is None else datetime.fromisoformat(value)


SORTABLE_FIELDS: dict[str, tuple[str, ...]] = {
    "case": ("country", "status"),
    "person": ("sex", "birth", "nationality"),
    "testimony": ("title", "date", "language", "consent"),
    "allegation": ("date",),
    "event": ("event_type", "start", "end"),
    "place": ("place_type", "country"),
    "organisation": ("org_type", "country"),
    "source": ("title", "author", "date", "reliability"),
    "intervention": ("body", "intervention_type", "reference", "date", "status"),
    "attachment": ("filename", "media_type", "size", "captured_at"),
}
"""Fields the record lists sort by, per table, besides creation and change time. Each gets an
index on (deleted, field, id), so a sorted page of 100,000 rows is read in index order (keyset
paging) instead of sorting the whole table."""


class Entity(SQLModel):
    """Fields common to every record kind.

    Every record table gets two indexes that let lists of live records come newest-first (or
    oldest-first) straight from an index, even with 100,000 rows.
    """

    @declared_attr  # type: ignore[misc]
    def __table_args__(cls) -> tuple[Index, ...]:  # noqa: N805 - SQLAlchemy's convention
        table = cls.__tablename__
        return tuple(Index(f"ix_{table}_live_{field.removesuffix('_at')}", "deleted", field, "id")
                     for field in ("created_at", "updated_at", *SORTABLE_FIELDS.get(table, ())))

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UtcDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UtcDateTime)
    created_by: str = ""
    updated_by: str = ""
    revision: int = 1
    deleted: bool = Field(default=False, index=True)
    confidential: bool = False
