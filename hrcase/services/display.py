"""Short labels for records, in the interface language with a visible fallback."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from hrcase.domain.base import Entity
from hrcase.domain.models import PersonName
from hrcase.i18n import _, current_language

if TYPE_CHECKING:
    from hrcase.services import Services


def pick_language(texts: dict[str, str], lang: str | None = None) -> tuple[str, str]:
    """The text in ``lang`` (default: the interface language), else the first one there is.

    Returns (text, language of the text) so the caller can show the fallback visibly.
    """
    lang = lang or current_language()
    if texts.get(lang):
        return texts[lang], lang
    for other, text in texts.items():
        if text:
            return text, other
    return "", lang


def localized(texts: dict[str, str], lang: str | None = None) -> str:
    """The text in the user's language, or the original marked with its language: "Текст [ru]"."""
    lang = lang or current_language()
    text, found = pick_language(texts, lang)
    return text if found == lang or not text else f"{text} [{found}]"


def person_name(services: "Services", person_id: str) -> str:
    """A person's primary name (else the first recorded one)."""
    names = services.records.list("person_name", filters={"person_id": person_id}, limit=None)
    primary = [n for n in names if isinstance(n, PersonName) and n.kind == "primary"]
    chosen = primary or names
    return chosen[0].text if chosen else _("(unnamed)")  # type: ignore[attr-defined]


LABEL_FIELDS = ("title", "name", "text", "filename", "reference", "event_type", "description")
"""The fields a label is made of, the first one set wins (see ``label_of``)."""


def record_label(services: "Services", kind: str, record: Entity) -> str:
    """One line that names a record for lists and search results."""
    if kind == "person":
        return person_name(services, record.id)
    return label_of(record.id, {field: getattr(record, field, None) for field in LABEL_FIELDS})


def label_of(record_id: str, values: Mapping[str, Any]) -> str:
    """The label of a record (not a person) from its ``LABEL_FIELDS`` values: the first title,
    name or text (localized when it has several languages), else the first filename,
    reference, event type or description, else the id."""
    for field in ("title", "name", "text"):
        value = values.get(field)
        if isinstance(value, dict) and value:
            return localized(value)
        if isinstance(value, str) and value:
            return value[:80]
    for field in ("filename", "reference", "event_type", "description"):
        if values.get(field):
            return str(values[field])[:80]
    return record_id
