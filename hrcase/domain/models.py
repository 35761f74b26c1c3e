"""The tables of a vault, after HURIDOCS Events Standard Formats and the Istanbul Protocol.

Conventions:
- Short multilingual texts (titles, names of places and units, recommendations) are a JSON
  object ``{language: text}``; the interface shows the user's language and falls back to the
  original.
- Long texts (testimonies, descriptions) are one text in one ``language``; other languages are
  ``Translation`` records that name the revision of the original they were made from.
- Dates are partial dates in EDTF notation (see ``hrcase.domain.dates``), "" when unknown.
- Codes of controlled vocabularies (``hrcase.domain.vocab``) are stored, never labels.
- Links between records are records themselves (with UUIDs), so they merge and travel in bundles.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Optional

from sqlalchemy import JSON, LargeBinary
from sqlmodel import Field, SQLModel

from hrcase.domain.base import Entity, UtcDateTime, new_id, utcnow


def _json_list() -> Any:
    return Field(default_factory=list, sa_type=JSON)


def _json_dict() -> Any:
    return Field(default_factory=dict, sa_type=JSON)


def _ref(table: str, *, required: bool = False) -> Any:
    """A reference to another record by UUID (indexed; "" or None when absent)."""
    if required:
        return Field(foreign_key=f"{table}.id", index=True, max_length=36)
    return Field(default=None, foreign_key=f"{table}.id", index=True, max_length=36)


class Case(Entity, table=True):
    """A case file: the unit researchers work on and dossiers are made of."""

    title: dict[str, str] = _json_dict()
    summary: dict[str, str] = _json_dict()
    original_language: str = "ru"
    country: str = ""
    status: str = "open"
    tags: list[str] = _json_list()
    confidentiality: str = "restricted"


class Person(Entity, table=True):
    """A person: victim, witness, alleged perpetrator, relative, lawyer, official."""

    sex: str = "unknown"
    birth: str = ""
    nationality: str = ""
    ethnicity: str = ""
    occupation: str = ""
    deceased: str = ""
    disclosure: str = "named"
    pseudonym: str = ""
    notes: str = ""


class PersonName(Entity, table=True):
    """One written form of a person's name (primary, alias or transliteration)."""

    __tablename__ = "person_name"
    person_id: str = _ref("person", required=True)
    text: str
    script: str = "Latn"
    language: str = ""
    kind: str = "primary"
    skeleton: str = Field(default="", index=True)


class CaseRole(Entity, table=True):
    """A person's role in a case."""

    __tablename__ = "case_role"
    case_id: str = _ref("case", required=True)
    person_id: str = _ref("person", required=True)
    role: str
    notes: str = ""


class Organisation(Entity, table=True):
    """An organisation or unit: police, OMON, prison service, court, UN body, NGO."""

    name: dict[str, str] = _json_dict()
    org_type: str = "other"
    parent_id: Optional[str] = _ref("organisation")
    country: str = ""


class Place(Entity, table=True):
    """A place: police station, detention facility, prison, court, border crossing, town."""

    name: dict[str, str] = _json_dict()
    place_type: str = "other"
    parent_id: Optional[str] = _ref("place")
    country: str = ""
    latitude: Optional[float] = None
    longitude: Optional[float] = None


class Event(Entity, table=True):
    """Something that happened: arrest, detention, interrogation, hearing, extradition…"""

    case_id: str = _ref("case", required=True)
    event_type: str
    title: dict[str, str] = _json_dict()
    start: str = ""
    end: str = ""
    place_id: Optional[str] = _ref("place")
    description: str = ""
    language: str = ""


class EventLink(Entity, table=True):
    """A chain of events: one event caused, followed or is part of another."""

    __tablename__ = "event_link"
    from_event_id: str = _ref("event", required=True)
    to_event_id: str = _ref("event", required=True)
    relation: str = "followed_by"


class Allegation(Entity, table=True):
    """An act of torture or ill-treatment alleged by or about a victim."""

    case_id: str = _ref("case", required=True)
    victim_id: Optional[str] = _ref("person")
    event_id: Optional[str] = _ref("event")
    place_id: Optional[str] = _ref("place")
    date: str = ""
    methods: list[str] = _json_list()
    intents: list[str] = _json_list()
    statement_under_duress: Optional[bool] = None
    consequences: list[str] = _json_list()
    medical_examination: Optional[bool] = None
    medical_findings: str = ""
    complaint_filed: Optional[bool] = None
    investigation_status: str = "unknown"
    articles: list[str] = _json_list()
    description: str = ""
    language: str = ""


class Perpetrator(Entity, table=True):
    """An alleged perpetrator of an allegation (a person, a unit, or both) and how involved."""

    allegation_id: str = _ref("allegation", required=True)
    person_id: Optional[str] = _ref("person")
    organisation_id: Optional[str] = _ref("organisation")
    involvement: str = "carried_out"


class Testimony(Entity, table=True):
    """An interview with its metadata, consent and original text."""

    case_id: str = _ref("case", required=True)
    interviewee_id: Optional[str] = _ref("person")
    interviewer: str = ""
    date: str = ""
    place_id: Optional[str] = _ref("place")
    mode: str = "in_person"
    language: str = "ru"
    interpreter: str = ""
    persons_present: list[str] = _json_list()
    consent: str = "internal"
    title: str = ""
    text: str = ""


class Translation(Entity, table=True):
    """A translation of a long text (a testimony's text, an event's description…)."""

    target_kind: str
    target_id: str = Field(index=True, max_length=36)
    field: str = "text"
    language: str
    text: str = ""
    translator: str = ""
    reviewer: str = ""
    status: str = "draft"
    source_revision: int = 1


class Source(Entity, table=True):
    """A source of information: a report, an article, a court decision, a letter."""

    title: str
    author: str = ""
    organisation: str = ""
    date: str = ""
    url: str = ""
    accessed: str = ""
    reliability: str = "unknown"
    excerpt: str = ""


class SourceLink(Entity, table=True):
    """A source attached to any record."""

    __tablename__ = "source_link"
    source_id: str = _ref("source", required=True)
    entity_kind: str
    entity_id: str = Field(index=True, max_length=36)
    note: str = ""


class Intervention(Entity, table=True):
    """A step taken: a complaint, an urgent appeal, a request for interim measures…"""

    case_id: str = _ref("case", required=True)
    body: str = ""
    intervention_type: str = "complaint"
    reference: str = ""
    date: str = ""
    response_date: str = ""
    status: str = ""
    response: str = ""


class Attachment(Entity, table=True):
    """A file kept encrypted in the vault (its bytes: see ``AttachmentBlob``)."""

    owner_kind: str = ""
    owner_id: Optional[str] = Field(default=None, index=True, max_length=36)
    filename: str
    media_type: str = "application/octet-stream"
    size: int = 0
    sha256: str = ""
    captured_at: str = ""
    provenance: str = ""


class AttachmentBlob(SQLModel, table=True):
    """Where an attachment's content is: an encrypted file in the vault's ``attachments/``
    folder, and the random key that opens it (kept only here, inside the encrypted store)."""

    __tablename__ = "attachment_blob"
    attachment_id: str = Field(foreign_key="attachment.id", primary_key=True, max_length=36)
    file: str = Field(max_length=32)
    key: bytes = Field(sa_type=LargeBinary)
    size: int


class Recommendation(Entity, table=True):
    """A recommendation to an authority, per language."""

    case_id: Optional[str] = _ref("case")
    text: dict[str, str] = _json_dict()
    addressee: str = ""


class AuditEntry(SQLModel, table=True):
    """One link of the audit hash chain: any later change to history breaks the chain."""

    __tablename__ = "audit_entry"
    seq: Optional[int] = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, sa_type=UtcDateTime)
    actor: str = ""
    action: str
    entity: str = ""
    entity_id: str = ""
    state_hash: str = ""
    detail: str = ""
    prev_hash: str = ""
    hash: str = ""


class Setting(SQLModel, table=True):
    """A vault setting (kept inside the encrypted store because it may reveal content)."""

    key: str = Field(primary_key=True)
    value: Any = Field(default=None, sa_type=JSON)


RECORD_KINDS: dict[str, type[Entity]] = {
    "case": Case,
    "person": Person,
    "person_name": PersonName,
    "case_role": CaseRole,
    "organisation": Organisation,
    "place": Place,
    "event": Event,
    "event_link": EventLink,
    "allegation": Allegation,
    "perpetrator": Perpetrator,
    "testimony": Testimony,
    "translation": Translation,
    "source": Source,
    "source_link": SourceLink,
    "intervention": Intervention,
    "attachment": Attachment,
    "recommendation": Recommendation,
}
"""Every record kind by its stable name (used in the CLI, JSON export, bundles and audit)."""

KIND_OF: dict[type[Entity], str] = {model: kind for kind, model in RECORD_KINDS.items()}

COMMON_FIELDS = ("id", "created_at", "updated_at", "created_by", "updated_by", "revision",
                 "deleted", "confidential")


def record_fields(kind: str) -> list[str]:
    """The column names of a kind, common fields first."""
    columns = list(RECORD_KINDS[kind].model_fields)
    return list(COMMON_FIELDS) + [c for c in columns if c not in COMMON_FIELDS]


class Identity(SQLModel, table=True):
    """This vault's researcher identity: signing key, X.509 certificate and age key pair.

    The private parts are kept only inside the encrypted store. Not a record: it never travels.
    """

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UtcDateTime)
    name: str
    organisation: str = ""
    origin: str = "self-signed"  # or "pkcs12"
    certificate_pem: str
    chain_pem: str = ""
    signing_key_pem: str
    age_identity: str
    age_recipient: str
    fingerprint: str = Field(index=True)
    active: bool = True


class Contact(SQLModel, table=True):
    """A colleague's public identity card; ``verified`` once the fingerprint was compared."""

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    added_at: datetime = Field(default_factory=utcnow, sa_type=UtcDateTime)
    name: str = Field(index=True)
    organisation: str = ""
    certificate_pem: str
    age_recipient: str
    fingerprint: str = Field(index=True, unique=True)
    verified: bool = False
    verified_at: Optional[datetime] = Field(default=None, sa_type=UtcDateTime)
    last_bundle_at: Optional[datetime] = Field(default=None, sa_type=UtcDateTime)
