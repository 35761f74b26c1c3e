"""Validation of record fields: vocabulary codes, partial dates, languages, countries.

``validate(kind, data)`` returns a normalised copy of ``data`` (dates in canonical EDTF) or
raises ``ValidationError`` naming the first bad field. Checks that need the database (does a
referenced record exist?) are the services' job.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from babel import Locale

from hrcase.domain.dates import PartialDate
from hrcase.domain.models import RECORD_KINDS
from hrcase.domain.names import skeleton
from hrcase.domain.vocab import vocabulary
from hrcase.errors import ValidationError
from hrcase.i18n import _

VOCAB_FIELDS: dict[tuple[str, str], str] = {
    ("case", "status"): "case_status",
    ("case", "confidentiality"): "confidentiality",
    ("person", "sex"): "sex",
    ("person", "disclosure"): "disclosure",
    ("person_name", "script"): "scripts",
    ("person_name", "kind"): "name_kind",
    ("case_role", "role"): "roles",
    ("organisation", "org_type"): "org_types",
    ("place", "place_type"): "place_types",
    ("event", "event_type"): "event_types",
    ("allegation", "methods"): "methods",
    ("allegation", "intents"): "intents",
    ("allegation", "consequences"): "consequences",
    ("allegation", "investigation_status"): "investigation_status",
    ("allegation", "articles"): "articles",
    ("perpetrator", "involvement"): "involvement",
    ("testimony", "mode"): "testimony_mode",
    ("testimony", "consent"): "consent",
    ("translation", "status"): "translation_status",
    ("source", "reliability"): "reliability",
    ("intervention", "intervention_type"): "intervention_types",
}

DATE_FIELDS: dict[str, tuple[str, ...]] = {
    "person": ("birth", "deceased"),
    "event": ("start", "end"),
    "allegation": ("date",),
    "testimony": ("date",),
    "source": ("date", "accessed"),
    "intervention": ("date", "response_date"),
    "attachment": ("captured_at",),
}

LANGUAGE_FIELDS = {"language", "original_language"}
MULTILINGUAL_FIELDS = {"title", "summary", "name", "text"}
COUNTRY_FIELDS = {"country", "nationality"}
REQUIRED_TEXT: dict[str, tuple[str, ...]] = {"person_name": ("text",), "source": ("title",),
                                             "attachment": ("filename",)}


@cache
def country_codes() -> frozenset[str]:
    """ISO 3166-1 alpha-2 codes known to CLDR."""
    return frozenset(code for code in Locale("en").territories if len(code) == 2 and code.isalpha())


def validate(kind: str, data: dict[str, Any], *, new: bool = False) -> dict[str, Any]:
    """Check and normalise the fields of a record of ``kind``; raise ValidationError.

    With ``new`` (a record about to be created) every field the record cannot exist without
    (a case's event needs its case and its type, a name its text…) must be given.
    """
    model = RECORD_KINDS[kind]
    out = dict(data)
    unknown = set(out) - set(model.model_fields)
    if unknown:
        field = sorted(unknown)[0]
        raise ValidationError(field, _("This field does not exist for this kind of record."))
    if new:
        for field in required_fields(kind):
            if out.get(field) in (None, ""):
                raise ValidationError(field, _("This field is required."))
    for field, value in out.items():
        out[field] = _check_field(kind, field, value)
    if kind == "person_name" and "text" in out:
        out["skeleton"] = skeleton(str(out["text"]))
    for field in REQUIRED_TEXT.get(kind, ()):
        if field in out and not str(out[field]).strip():
            raise ValidationError(field, _("This field must not be empty."))
    if kind == "person" and out.get("disclosure") == "pseudonym" and "pseudonym" in out \
            and not str(out.get("pseudonym", "")).strip():
        raise ValidationError("pseudonym", _("A pseudonymous person needs a pseudonym."))
    if kind == "event" and out.get("start") and out.get("end"):
        start_at = PartialDate.parse(out["start"], "start").earliest
        end_at = PartialDate.parse(out["end"], "end").latest
        if start_at and end_at and end_at < start_at:
            raise ValidationError("end", _("The end comes before the start."))
    return out


@cache
def required_fields(kind: str) -> tuple[str, ...]:
    """The fields of ``kind`` that have no default: a new record must give them."""
    return tuple(name for name, info in RECORD_KINDS[kind].model_fields.items()
                 if info.is_required())


def _check_field(kind: str, field: str, value: Any) -> Any:
    vocab_name = VOCAB_FIELDS.get((kind, field))
    if vocab_name is not None:
        vocab = vocabulary(vocab_name)
        if isinstance(value, list):
            for code in value:
                vocab.validate(code, field)
            return list(dict.fromkeys(value))
        vocab.validate(value, field)
        return value
    if field in DATE_FIELDS.get(kind, ()):
        if value is None or value == "":
            return ""
        if not isinstance(value, str):
            raise ValidationError(field, _("A date must be written as text."))
        return PartialDate.parse(value, field).edtf
    if field in LANGUAGE_FIELDS and value not in ("", None):
        vocabulary("languages").validate(value, field)
    if field in COUNTRY_FIELDS and value not in ("", None):
        if not isinstance(value, str) or value.upper() not in country_codes():
            raise ValidationError(field, _("Not a country code (ISO 3166, two letters)."))
        return value.upper()
    if field in MULTILINGUAL_FIELDS and isinstance(value, dict):
        for lang, text in value.items():
            if not isinstance(lang, str) or not isinstance(text, str):
                raise ValidationError(field, _("Texts per language must be text."))
    return value
