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


class Entity(SQLModel):
    """Fields common to every record kind.

    Every record table gets two indexes that let lists of live records come newest-first (or
    oldest-first) straight from an index, even with 100,000 rows.
    """

    @declared_attr  # type: ignore[misc]
    def __table_args__(cls) -> tuple[Index, ...]:  # noqa: N805 - SQLAlchemy's convention
        table = cls.__tablename__
        return (Index(f"ix_{table}_live_created", "deleted", "created_at", "id"),
                Index(f"ix_{table}_live_updated", "deleted", "updated_at", "id"))

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UtcDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UtcDateTime)
    created_by: str = ""
    updated_by: str = ""
    revision: int = 1
    deleted: bool = Field(default=False, index=True)
    confidential: bool = False
