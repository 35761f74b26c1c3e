"""Records to and from plain JSON-ready dicts (the one format of JSON export and bundles)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from hrcase.domain.base import Entity
from hrcase.domain.models import KIND_OF, RECORD_KINDS
from hrcase.errors import ValidationError
from hrcase.i18n import _

TIMESTAMP_FIELDS = ("created_at", "updated_at")


def to_dict(record: Entity) -> dict[str, Any]:
    """Every field of ``record`` as JSON-ready values (timestamps as ISO 8601 text)."""
    data = record.model_dump()
    for field in TIMESTAMP_FIELDS:
        value = data.get(field)
        if isinstance(value, datetime):
            data[field] = value.isoformat(timespec="microseconds")
    return data


def kind_of(record: Entity) -> str:
    """The stable kind name of a record."""
    return KIND_OF[type(record)]


def from_dict(kind: str, data: dict[str, Any]) -> Entity:
    """Build a record of ``kind`` from a dict made by :func:`to_dict` (types checked)."""
    if kind not in RECORD_KINDS:
        raise ValidationError("kind", _("Unknown kind of record."))
    values = dict(data)
    for field in TIMESTAMP_FIELDS:
        if isinstance(values.get(field), str):
            try:
                values[field] = datetime.fromisoformat(values[field])
            except ValueError as exc:
                raise ValidationError(field, _("Not a valid timestamp.")) from exc
    model = RECORD_KINDS[kind]
    try:
        return model.model_validate(values)
    except ValueError as exc:
        field = _first_error_field(exc)
        raise ValidationError(field, _("The value has the wrong type.")) from exc


def _first_error_field(exc: Exception) -> str:
    errors = getattr(exc, "errors", None)
    if callable(errors):
        items = errors()
        if items and items[0].get("loc"):
            return str(items[0]["loc"][0])
    return "record"
