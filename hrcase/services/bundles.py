"""Bundles: the selected cases' records and attachments, signed and encrypted for colleagues.

The container (age encryption, signed manifest, streamed parts) is
:mod:`hrcase.services.bundle_format`; this module decides what goes in, and how it merges.

Content. Part 1 is ``records.json``: ``{"format": "hrcase-bundle-records", "version": 1,
"cases": [...], "since_last": bool, "records": [{"kind", "record", "history"}, ...]}`` with the
records in dependency order (``KIND_ORDER``, parent places and organisations before their
children). Then one part per live attachment, named by its UUID, with its bytes streamed from its
encrypted content file; the manifest lists every part's size and SHA-256 and is signed by the
exporting identity over ``MANIFEST_CONTEXT`` + the manifest bytes (ECDSA-SHA256 or RSA-PSS, see
``identity_keys.sign_bytes``). ``signer_fingerprint`` in the manifest is the SHA-256 (hex) of the
signer's certificate (DER).

What a case brings along. Starting from each case, the walk follows live records: the case's
roles, events, allegations, testimonies, interventions and recommendations; the names of its
persons; the perpetrators of its allegations; every translation, source link and attachment of
a live record; and every record a live record refers to (persons, places and their parents,
organisations and their parents, sources, events). Of a deleted record, only the tombstones of
its children follow (so deleting a testimony and then its photo sends both deletions, never
the live records under a deleted one). Event links travel when both events do. A reference into
another case refuses the export (that case must be chosen too). Deleted records travel as
tombstones, stripped: only the common fields (id, revision, authorship, ``deleted``) and required
references are kept, every other field is blanked, so content someone deleted (say, a testimony
whose consent was withdrawn) does not leave the vault with the deletion. Tombstones of records the recipient never had are only created when their references
resolve there; otherwise there is nothing to delete and they are skipped.

Merging (by UUID). Revision numbers alone cannot tell "newer" from "changed on both sides" (two
vaults each at revision 2 after independent edits). So each record travels with its *history*:
the state hashes (SHA-256 of the canonical JSON of ``to_dict``, as the audit chain computes
them) of the versions it went through in the sender's vault, oldest first, the sent version
last, at most ``MAX_HISTORY``. A vault's history of a record is read from its audit chain: the
state hash of every entry about the record, plus the ancestors an import or a conflict
resolution recorded in the entry's detail (``ancestors=h1,h2,...``), plus its current state.
On import, with local version L and incoming version I:

- same hash, or both deleted, or I already in L's history: nothing changes (a replay);
- L in I's history: I descends from L and replaces it (a tombstone deletes: "deleted");
- otherwise both changed since their common version: a conflict. L stays; I is stored in the
  conflict list (the ``bundle_conflicts`` setting, inside the encrypted store) for a person to
  resolve with :func:`resolve_conflict`. Either choice writes a new version (revision above both)
  whose recorded ancestors include I, so the resolved record replaces both sides' versions when
  it travels back. A pending conflict is not an ancestor: an unresolved local version never
  silently replaces the other side's.

A version that leaves the vault but was never audited as such (an attachment's state once its
content is stored, a stripped tombstone) is recorded by the export in a ``bundle-state`` audit
entry, so the vault recognises it when it comes back as the other side's ancestor. A history
cut at ``MAX_HISTORY`` can only turn a replacement into a conflict, never the reverse.
Attachment content never changes under an id in hrcase; a bundle giving an existing attachment
other content is refused as invalid.

Importing. The bundle is decrypted with the vault's identities (and a passphrase if it has one);
the signature must verify with the certificate in the manifest, and that certificate must be the
vault's own or a *verified* contact's. An unknown or unverified signer is refused unless
explicitly accepted; a certificate that differs from the one of the contact with the same name
is refused as forged, always. Every record is validated (types, vocabularies, dates, references,
attachment sizes and hashes). Then everything is applied in ONE write transaction: records
first, attachments streamed from the decrypting reader straight into new encrypted content files
(``hrcase.vault.attachments``); the transaction commits only after the reader confirmed the
whole age stream and every part hash (a truncated file is refused, nothing stays: the content
files written go with the rollback). Decrypted data never touches a file.

Since last. ``since_last`` exports only the records of the chosen cases changed (any audit entry,
imports included) after the last bundle exported to each chosen contact for that case (the audit
sequence number is remembered per contact and case in the ``bundle_exports`` setting), plus the
records they refer to. With several contacts or cases the earliest point is used, which can only
send more, never less.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import uuid
from collections import deque
from contextlib import closing
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from sqlalchemy import func
from sqlmodel import Session, col, select

from hrcase.domain.base import Entity, utcnow
from hrcase.domain.models import (COMMON_FIELDS, KIND_OF, RECORD_KINDS, Attachment,
                                  AuditEntry, Contact, EventLink, Setting)
from hrcase.domain.validation import validate
from hrcase.errors import HrcaseError, NotFoundError, UsageError, ValidationError
from hrcase.i18n import _
from hrcase.services import bundle_format as bf
from hrcase.services import identity_keys as keys
from hrcase.services.hashing import BackgroundSha256
from hrcase.services.identities import (NoIdentityError, active_identity, all_identities,
                                        certificate_der, find_contact_in)
from hrcase.services.records import REFERENCES
from hrcase.services.records_io import KIND_ORDER, merge_incoming
from hrcase.services.serialize import from_dict, to_dict
from hrcase.vault import attachments as content
from hrcase.vault import audit
from hrcase.vault.errors import StorageFull
from hrcase.vault.fsutil import FILE_MODE, EarlyFlush, fsync_dir, is_storage_error

if TYPE_CHECKING:
    from hrcase.services import Services

MANIFEST_CONTEXT = b"hrcase-bundle-manifest/1\x00"
RECORDS_PART = "records.json"
RECORDS_FORMAT = "hrcase-bundle-records"
RECORDS_VERSION = 1
MAX_RECORDS_BYTES = 256 * 1024 * 1024
MAX_HISTORY = 256
CONFLICTS_SETTING = "bundle_conflicts"
EXPORTS_SETTING = "bundle_exports"
MAX_PROBLEMS = 20
WRITE_BUFFER = 1024 * 1024

CASE_OWNED = ("case_role", "event", "allegation", "testimony", "intervention", "recommendation")
"""Kinds that belong to one case (``case_id``)."""

CHILDREN: dict[str, tuple[tuple[str, str], ...]] = {
    "case": tuple((kind, "case_id") for kind in CASE_OWNED),
    "person": (("person_name", "person_id"),),
    "allegation": (("perpetrator", "allegation_id"),),
}
"""Records that travel with a live record of a kind: (child kind, its field naming the parent)."""

ATTACHED: tuple[tuple[str, str, str], ...] = (("translation", "target_kind", "target_id"),
                                              ("source_link", "entity_kind", "entity_id"),
                                              ("attachment", "owner_kind", "owner_id"))
"""Records attached to a record of any kind: (kind, field naming the kind, field naming the id)."""

_HEX64 = re.compile(r"[0-9a-f]{64}")
_ANCESTORS = re.compile(r"ancestors=([0-9a-f,]*)")
_ITEM_KEYS = frozenset({"kind", "record", "history"})
_DOC_KEYS = frozenset({"format", "version", "cases", "since_last", "records"})


# -- errors -------------------------------------------------------------------------------------
class SignerRefused(bf.BundleError):
    """The bundle's signer is not trusted; nothing was imported.

    ``signer`` and ``created_at`` say who signed it and when (the signature itself was valid).
    """

    exit_code = 24
    signer: SignerInfo | None = None
    created_at: str = ""


class UnknownSignerError(SignerRefused):
    """Signed by someone who is not a contact."""

    code = "unknown_signer"

    def default_message(self) -> str:
        return _("This bundle was signed by someone who is not among your contacts; nothing was "
                 "imported (add and verify their card, or accept an unverified signer "
                 "explicitly).")


class UnverifiedSignerError(SignerRefused):
    """Signed by a contact whose fingerprint was never verified."""

    code = "unverified_signer"

    def default_message(self) -> str:
        return _("This bundle was signed by a contact whose fingerprint you have not verified; "
                 "nothing was imported (verify the contact, or accept an unverified signer "
                 "explicitly).")


class ForgedSignerError(SignerRefused):
    """Signed with a certificate other than the one of the contact of the same name."""

    code = "forged_signer"

    def default_message(self) -> str:
        return _("This bundle claims to come from one of your contacts but was signed with "
                 "other keys: it is forged, or their keys changed; nothing was imported.")


class BundleRefused(HrcaseError):
    """The bundle's records are not acceptable; ``details`` lists the problems."""

    exit_code = 6

    def __init__(self, problems: list[str]) -> None:
        super().__init__(_("The bundle holds records that are not valid; nothing was imported."))
        self.problems = problems
        self.details = problems[:MAX_PROBLEMS]


class PreviewChanged(bf.BundleError):
    """The bundle read for the import is not the one whose preview the user accepted."""

    code = "preview_changed"

    def default_message(self) -> str:
        return _("The bundle file changed after the preview; nothing was imported. Start the "
                 "import again.")


def matches_preview(shown: ImportPreview) -> Callable[[ImportPreview], bool]:
    """A ``confirm`` for :func:`import_bundle`: go on only with the bundle previewed as ``shown``.

    Raises PreviewChanged (the import's transaction is rolled back) when the bundle or what it
    would do differs.
    """
    def confirm(preview: ImportPreview) -> bool:
        same = (preview.bundle_id == shown.bundle_id
                and all(getattr(preview, action) == getattr(shown, action)
                        for action in ("new", "changed", "deleted", "conflicts")))
        if not same:
            raise PreviewChanged()
        return True
    return confirm


ProgressFn = bf.ProgressFn
"""Progress of an export or import: (done, total) in bytes of the bundle's content (the part
sizes of its manifest); total 0 while not yet known. An import counts the records part twice:
once as it is decrypted, once spread over its records as they are applied, so that a bundle of
many small records moves as smoothly as one of large attachments. It is called at every
record and every chunk of up to 1 MiB; whatever it raises (the desktop app's jobs raise their
``Cancelled``) stops the work and passes on unchanged, with nothing written."""


def _no_progress(_done: int, _total: int) -> None:
    """The progress callback when none is given."""


class ImportCancelled(HrcaseError):
    """The person looking at the preview declined the import."""

    def __init__(self) -> None:
        super().__init__(_("The import was cancelled; nothing was imported."))


# -- results ------------------------------------------------------------------------------------
@dataclass
class ExportResult:
    """What an export wrote."""

    path: Path
    sha256: str
    bundle_id: str
    records: dict[str, int]
    attachments: int
    attachment_bytes: int
    recipients: list[str]
    passphrase: bool

    @property
    def total_records(self) -> int:
        return sum(self.records.values())

    def to_json(self) -> dict[str, Any]:
        """Stable JSON for ``--json``."""
        return {"path": str(self.path), "sha256": self.sha256, "bundle_id": self.bundle_id,
                "records": self.records, "attachments": self.attachments,
                "attachment_bytes": self.attachment_bytes, "recipients": self.recipients,
                "passphrase": self.passphrase}


@dataclass
class SignerInfo:
    """Who signed a bundle, and what this vault knows about them."""

    name: str
    organisation: str
    certificate_fingerprint: str
    fingerprint: str = ""
    contact_id: str = ""
    known: bool = False
    verified: bool = False
    own: bool = False

    def to_json(self) -> dict[str, Any]:
        """Stable JSON for ``--json``."""
        return {"name": self.name, "organisation": self.organisation,
                "certificate_fingerprint": self.certificate_fingerprint,
                "fingerprint": self.fingerprint, "contact_id": self.contact_id,
                "known": self.known, "verified": self.verified, "own": self.own}


@dataclass
class RecordChange:
    """One record an import creates, replaces, deletes or puts in conflict."""

    kind: str
    id: str
    action: str  # "new", "changed", "deleted", "conflict"


@dataclass
class ImportPreview:
    """What an import does (or, dry run, would do), per kind of record."""

    bundle_id: str
    created_at: str
    signer: SignerInfo
    new: dict[str, int] = field(default_factory=dict)
    changed: dict[str, int] = field(default_factory=dict)
    deleted: dict[str, int] = field(default_factory=dict)
    conflicts: dict[str, int] = field(default_factory=dict)
    unchanged: int = 0
    changes: list[RecordChange] = field(default_factory=list)
    attachments: int = 0
    attachment_bytes: int = 0
    bundle_sha256: str = ""
    dry_run: bool = False
    applied: bool = False

    def count(self, action: str) -> int:
        """The number of records with ``action`` (new, changed, deleted, conflicts)."""
        return sum(getattr(self, action).values())

    def to_json(self) -> dict[str, Any]:
        """Stable JSON for ``--json``."""
        return {"bundle_id": self.bundle_id, "created_at": self.created_at,
                "sha256": self.bundle_sha256, "signer": self.signer.to_json(),
                "new": self.new, "changed": self.changed, "deleted": self.deleted,
                "conflicts": self.conflicts, "unchanged": self.unchanged,
                "attachments": self.attachments, "attachment_bytes": self.attachment_bytes,
                "changes": [{"kind": c.kind, "id": c.id, "action": c.action}
                            for c in self.changes],
                "dry_run": self.dry_run, "applied": self.applied}


@dataclass
class Conflict:
    """An incoming version kept beside the local one until a person chooses."""

    id: str
    kind: str
    record_id: str
    incoming: dict[str, Any]
    incoming_hash: str
    incoming_history: list[str]
    local_hash: str
    local_revision: int
    bundle_id: str
    signer_fingerprint: str
    signer_name: str
    received_at: str

    def to_json(self) -> dict[str, Any]:
        """Stable JSON (the stored form, and ``--json``)."""
        return {"id": self.id, "kind": self.kind, "record_id": self.record_id,
                "incoming": self.incoming, "incoming_hash": self.incoming_hash,
                "incoming_history": self.incoming_history, "local_hash": self.local_hash,
                "local_revision": self.local_revision, "bundle_id": self.bundle_id,
                "signer_fingerprint": self.signer_fingerprint, "signer_name": self.signer_name,
                "received_at": self.received_at}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Conflict:
        """The stored form back."""
        return cls(**{name: data[name] for name in cls.__dataclass_fields__})


@dataclass
class BundleCheck:
    """What ``verify`` finds about a bundle: who signed, and whether it is intact."""

    intact: bool
    signer: SignerInfo | None
    bundle_id: str = ""
    created_at: str = ""
    parts: int = 0
    size: int = 0
    problems: list[str] = field(default_factory=list)


# -- state hashes and histories -----------------------------------------------------------------
def record_hash(data: dict[str, Any]) -> str:
    """The state hash of a record's dict (as the audit chain computes it)."""
    return audit.state_hash(data)


def tombstone_dict(kind: str, record: Entity) -> dict[str, Any]:
    """What a deleted record travels as: common fields and required references, else blank."""
    data = to_dict(record)
    model = RECORD_KINDS[kind]
    kept = set(COMMON_FIELDS) | {name for name in REFERENCES.get(kind, {})
                                 if model.model_fields[name].is_required()}
    out: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if name in kept:
            out[name] = data[name]
        elif info.is_required():
            out[name] = ""
        else:
            out[name] = info.get_default(call_default_factory=True)
    return out


def travelling_dict(kind: str, record: Entity) -> dict[str, Any]:
    """The dict a record travels as (stripped when deleted)."""
    return tombstone_dict(kind, record) if record.deleted else to_dict(record)


def _audit_histories(session: Session, ids: set[str]) -> dict[str, list[str]]:
    """Each record's recorded versions, oldest first, from one pass over the audit chain."""
    histories: dict[str, list[str]] = {}
    if not ids:
        return histories
    query = (select(AuditEntry.entity_id, AuditEntry.state_hash, AuditEntry.detail)
             .where(AuditEntry.entity != "").order_by(col(AuditEntry.seq))
             .execution_options(yield_per=5000))
    for entity_id, state, detail in session.execute(query):
        if entity_id not in ids:
            continue
        history = histories.setdefault(entity_id, [])
        match = _ANCESTORS.search(detail or "")
        if match:
            history.extend(h for h in match.group(1).split(",") if _HEX64.fullmatch(h))
        if state:
            history.append(state)
    return histories


def _trim(history: Sequence[str], head: str | None = None) -> list[str]:
    """Deduplicated (first occurrence kept), ``head`` last, at most MAX_HISTORY newest."""
    seen: dict[str, None] = {}
    for item in history:
        if item != head:
            seen.setdefault(item, None)
    items = list(seen)
    if head is not None:
        items.append(head)
    return items[-MAX_HISTORY:]


def _ancestors_detail(bundle_id: str, ancestors: Sequence[str]) -> str:
    return f"bundle={bundle_id} ancestors={','.join(_trim(ancestors))}"


# -- settings kept as JSON ------------------------------------------------------------------------
def _load_setting(session: Session, key: str, default: Any) -> Any:
    row = session.get(Setting, key)
    return default if row is None or row.value is None else row.value


def _save_setting(session: Session, key: str, value: Any) -> None:
    row = session.get(Setting, key) or Setting(key=key)
    row.value = value
    session.add(row)


# -- what travels -----------------------------------------------------------------------------
class _Scope:
    """The records that travel with some cases (see the module docstring)."""

    def __init__(self, session: Session, case_ids: Sequence[str]) -> None:
        self.session = session
        self.case_ids = set(case_ids)
        self.records: dict[tuple[str, str], Entity] = {}
        self._queue: deque[tuple[str, str]] = deque()
        self._expanded: set[tuple[str, str]] = set()
        self._by_reference: set[tuple[str, str]] = set()
        self._refs_pulled: set[tuple[str, str]] = set()

    def collect(self) -> dict[tuple[str, str], Entity]:
        """Walk from the cases; returns every record that travels, by (kind, id)."""
        for case_id in sorted(self.case_ids):
            case = self.session.get(RECORD_KINDS["case"], case_id)
            if case is None:
                raise NotFoundError(_("No case with the id %(id)s.") % {"id": case_id[:40]})
            self._visit("case", case, by_reference=False)
        self._drain()
        events = [rid for (kind, rid) in self.records if kind == "event"]
        for chunk in _chunks(events):
            for link in self.session.exec(select(EventLink)
                                          .where(col(EventLink.from_event_id).in_(chunk))):
                if ("event", link.to_event_id) in self.records:
                    self._visit("event_link", link, by_reference=False)
        self._drain()
        return self.records

    def _visit(self, kind: str, record: Entity, *, by_reference: bool) -> None:
        key = (kind, record.id)
        if key not in self.records:
            self.records[key] = record
            self._queue.append(key)
        if by_reference and key not in self._by_reference:
            self._by_reference.add(key)
            self._queue.append(key)

    def _drain(self) -> None:
        while self._queue:
            key = self._queue.popleft()
            kind, record = key[0], self.records[key]
            if key not in self._expanded:
                self._expanded.add(key)
                self._children(kind, record, deleted_only=record.deleted)
                if not record.deleted:
                    self._references(kind, record, required_only=False)
            if record.deleted and key in self._by_reference and key not in self._refs_pulled:
                self._refs_pulled.add(key)
                self._references(kind, record, required_only=True)

    def _children(self, kind: str, record: Entity, *, deleted_only: bool) -> None:
        """Records that travel with ``record``; only their tombstones when it is deleted."""
        queries = [select(RECORD_KINDS[child_kind]).where(
            getattr(RECORD_KINDS[child_kind], parent_field) == record.id)
            for child_kind, parent_field in CHILDREN.get(kind, ())]
        queries += [select(RECORD_KINDS[child_kind]).where(
            getattr(RECORD_KINDS[child_kind], id_field) == record.id,
            getattr(RECORD_KINDS[child_kind], kind_field) == kind)
            for child_kind, kind_field, id_field in ATTACHED]
        for query in queries:
            model = query.column_descriptions[0]["entity"]
            if deleted_only:
                query = query.where(col(model.deleted).is_(True))
            for child in self.session.exec(query):
                self._visit(KIND_OF[model], child, by_reference=False)

    def _references(self, kind: str, record: Entity, *, required_only: bool) -> None:
        model = RECORD_KINDS[kind]
        targets = [(target, getattr(record, name)) for name, target in REFERENCES.get(kind, {}).items()
                   if not required_only or model.model_fields[name].is_required()]
        if kind == "testimony" and not required_only:
            targets += [("person", person_id) for person_id in record.persons_present]  # type: ignore[attr-defined]
        for target_kind, target_id in targets:
            if not target_id:
                continue
            target = self.session.get(RECORD_KINDS[target_kind], target_id)
            if target is None:
                raise HrcaseError(_("A record of a chosen case refers to a record that does not "
                                    "exist; run \"hrcase check\"."))
            owner = target.id if target_kind == "case" else (
                getattr(target, "case_id", None) if target_kind in CASE_OWNED else None)
            if owner is not None and owner not in self.case_ids:
                raise UsageError(_("A record of a chosen case refers to case %(id)s: choose that "
                                   "case too.") % {"id": owner})
            self._visit(target_kind, target, by_reference=True)


def _chunks(items: Sequence[str], size: int = 500) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield list(items[start:start + size])


def _ordered(records: dict[tuple[str, str], Entity]) -> list[tuple[str, Entity]]:
    """Records in dependency order: KIND_ORDER, parents before children within a kind."""
    def depth(kind: str, record: Entity) -> int:
        level, seen, current = 0, {record.id}, record
        while kind in ("place", "organisation") and getattr(current, "parent_id", None):
            parent = records.get((kind, current.parent_id))  # type: ignore[attr-defined]
            if parent is None or parent.id in seen:
                break
            seen.add(parent.id)
            level, current = level + 1, parent
        return level

    rank = {kind: n for n, kind in enumerate(KIND_ORDER)}
    items = [(kind, record) for (kind, _id), record in records.items()]
    items.sort(key=lambda item: (rank[item[0]], depth(*item), item[1].id))
    return items


NOT_CHANGES = ("bundle-state", "bundle-conflict")
"""Audit actions about a record that do not change it."""


def _changed_since(session: Session, seq: int) -> set[str]:
    query = select(AuditEntry.entity_id).where(col(AuditEntry.seq) > seq,
                                               AuditEntry.entity_id != "",
                                               col(AuditEntry.action).not_in(NOT_CHANGES)
                                               ).distinct()
    return set(session.exec(query).all())


def _with_references(chosen: dict[tuple[str, str], Entity],
                     scope: dict[tuple[str, str], Entity]) -> dict[tuple[str, str], Entity]:
    """``chosen`` plus, from ``scope``, every record a chosen live record refers to."""
    result = dict(chosen)
    queue = deque(result)
    while queue:
        kind, record_id = queue.popleft()
        record = result[(kind, record_id)]
        model = RECORD_KINDS[kind]
        for name, target in REFERENCES.get(kind, {}).items():
            if record.deleted and not model.model_fields[name].is_required():
                continue
            key = (target, getattr(record, name))
            if key[1] and key not in result and key in scope:
                result[key] = scope[key]
                queue.append(key)
        if kind == "testimony" and not record.deleted:
            for person_id in record.persons_present:  # type: ignore[attr-defined]
                key = ("person", person_id)
                if key not in result and key in scope:
                    result[key] = scope[key]
                    queue.append(key)
    return result


# -- export ---------------------------------------------------------------------------------------
def export_bundle(services: Services, case_ids: Sequence[str], contacts: Sequence[str],
                  out: Path, *, passphrase: str | None = None, since_last: bool = False,
                  progress: ProgressFn | None = None) -> ExportResult:
    """Write a signed bundle of the cases for the contacts (or with a passphrase); audited.

    Only verified contacts can receive bundles. Without ``case_ids``, ``since_last`` uses the
    cases earlier bundles to these contacts held. The file is written as ``out.partial`` (0600,
    encrypted bytes only) and renamed to ``out`` when complete. ``progress`` (see
    :data:`ProgressFn`) may stop the export: then neither file is left, and nothing is audited
    or remembered as sent.
    """
    report = progress or _no_progress
    report(0, 0)
    vault = services.vault
    with vault.reading() as session:
        snapshot_seq = session.exec(select(func.max(AuditEntry.seq))).one() or 0
        identity = active_identity(session)
        chosen = [find_contact_in(session, ref) for ref in contacts]
        chosen = list({c.id: c for c in chosen}.values())
        for contact in chosen:
            if not contact.verified:
                raise UsageError(_("The contact %(name)s is not verified: compare the "
                                   "fingerprint with them first (\"hrcase contact verify\").")
                                 % {"name": contact.name})
        if passphrase is None and not chosen:
            raise UsageError(_("Name at least one contact to encrypt the bundle for, or use a "
                               "passphrase."))
        exports = _load_setting(session, EXPORTS_SETTING, {})
        cases = list(dict.fromkeys(case_ids))
        if not cases and since_last and chosen:
            shared = [set(exports.get(c.id, {})) for c in chosen]
            cases = sorted(set.intersection(*shared))
        if not cases:
            raise UsageError(_("Choose the cases to put in the bundle (--case)."))
        scope = _Scope(session, cases).collect()
        selected = scope
        if since_last:
            marks = [exports.get(c.id, {}).get(case_id) for c in chosen for case_id in cases]
            if chosen and all(isinstance(mark, int) for mark in marks):
                changed = _changed_since(session, min(marks))  # type: ignore[type-var]
                selected = _with_references({k: r for k, r in scope.items()
                                             if k[1] in changed}, scope)
                if not selected:
                    raise HrcaseError(_("Nothing has changed in these cases since the last "
                                        "bundle to these contacts."))
        ordered = _ordered(selected)
        histories = _audit_histories(session, {record.id for _kind, record in ordered})
        items, counts, unrecorded = [], {}, []
        for kind, record in ordered:
            report(0, 0)
            data = travelling_dict(kind, record)
            head = record_hash(data)
            if head not in histories.get(record.id, ()):
                unrecorded.append((kind, record.id, data))
            items.append({"kind": kind, "record": data,
                          "history": _trim(histories.get(record.id, []), head)})
            counts[kind] = counts.get(kind, 0) + 1
        document = {"format": RECORDS_FORMAT, "version": RECORDS_VERSION, "cases": cases,
                    "since_last": since_last, "records": items}
        records_bytes = json.dumps(document, ensure_ascii=False, sort_keys=True,
                                   separators=(",", ":")).encode("utf-8")
        if len(records_bytes) > MAX_RECORDS_BYTES:
            raise HrcaseError(_("These cases hold too many records for one bundle; choose fewer "
                                "cases."))
        attachments = [record for kind, record in ordered
                       if kind == "attachment" and not record.deleted]
        parts: list[tuple[bf.PartInfo, Callable[[], Iterator[bytes]]]] = [(
            bf.PartInfo(name=RECORDS_PART, kind="records", size=len(records_bytes),
                        sha256=hashlib.sha256(records_bytes).hexdigest()),
            lambda: iter([records_bytes]))]
        for attachment in attachments:
            assert isinstance(attachment, Attachment)
            parts.append((bf.PartInfo(name=attachment.id, kind="attachment",
                                      size=attachment.size, sha256=attachment.sha256),
                          lambda a=attachment.id: content.read_content(session, a)))
        certificate_pem = identity.certificate_pem
        signing_key = identity.signing_key_pem.encode("ascii")
        manifest = bf.Manifest(
            signer_fingerprint=hashlib.sha256(certificate_der(certificate_pem)).hexdigest(),
            signer_certificate_pem=certificate_pem)
        recipients = [] if passphrase is not None else [c.age_recipient for c in chosen]

        def sign(body: bytes) -> bytes:
            return keys.sign_bytes(signing_key, MANIFEST_CONTEXT + body)

        # The records part is hashed right above; every attachment comes from a sealed content
        # file (AES-GCM) whose SHA-256 was taken when it was stored: no second hashing pass.
        digest = _write_atomically(Path(out), lambda handle: bf.write_bundle(
            handle, manifest, parts, sign, recipients, passphrase, progress=report,
            check_hashes=False))
        bundle_id = manifest.bundle_id
    result = ExportResult(path=Path(out), sha256=digest, bundle_id=bundle_id, records=counts,
                          attachments=len(attachments),
                          attachment_bytes=sum(a.size for a in attachments),  # type: ignore[attr-defined]
                          recipients=[c.fingerprint for c in chosen],
                          passphrase=passphrase is not None)
    with vault.writing() as session:
        exports = _load_setting(session, EXPORTS_SETTING, {})
        now = utcnow()
        for contact in chosen:
            marks = dict(exports.get(contact.id, {}))
            marks.update({case_id: snapshot_seq for case_id in cases})
            exports[contact.id] = marks
            row = session.get(Contact, contact.id)
            if row is not None:
                row.last_bundle_at = now
                session.add(row)
        _save_setting(session, EXPORTS_SETTING, exports)
        for kind, record_id, data in unrecorded:
            audit.append(session, actor=services.actor, action="bundle-state", entity=kind,
                         entity_id=record_id, state=data, detail=f"bundle={bundle_id}")
        audit.append(session, actor=services.actor, action="bundle-export",
                     detail=(f"sha256={digest} bundle={bundle_id} "
                             f"to={','.join(c.fingerprint.replace(' ', '') for c in chosen)} "
                             f"passphrase={'yes' if passphrase is not None else 'no'} "
                             f"records={result.total_records} attachments={result.attachments} "
                             f"since_last={'yes' if since_last else 'no'}"))
    return result


def _write_atomically(out: Path, write: Callable[[BinaryIO], str]) -> str:
    """Write through ``out.partial`` (0600) and rename it to ``out`` once complete and synced."""
    if out.is_dir():
        raise UsageError(_("The output path is a folder; name a file."))
    partial = out.with_name(out.name + ".partial")
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0),
                     FILE_MODE)
    except OSError as exc:
        raise bf.BundleWriteError() from exc
    try:
        os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, "wb", buffering=WRITE_BUFFER) as handle:
            early = EarlyFlush(fd)
            try:
                digest = write(_FlushingWriter(handle, early))
                handle.flush()
            finally:
                early.close()
            os.fsync(handle.fileno())
        os.replace(partial, out)
    except BaseException as exc:
        partial.unlink(missing_ok=True)
        # Only write failures are looked into: bundle_format re-raises its own errors with
        # themselves as __cause__, a cycle that is_storage_error would follow for ever.
        if isinstance(exc, (OSError, bf.BundleWriteError)) and is_storage_error(exc):
            raise StorageFull() from exc
        if isinstance(exc, OSError):
            raise bf.BundleWriteError() from exc
        raise
    fsync_dir(out.parent)
    return digest


class _FlushingWriter:
    """Passes writes on to ``out`` and counts them for an :class:`EarlyFlush`."""

    def __init__(self, out: BinaryIO, early: EarlyFlush) -> None:
        self._out = out
        self._early = early

    def write(self, data: bytes | bytearray) -> int:
        written = self._out.write(data)
        self._early.wrote(len(data))
        return written


# -- reading a bundle -----------------------------------------------------------------------------
class _HashingReader:
    """The bundle file, hashed (on another core) as it is read: the hash names the bundle in
    the audit chain. ``hexdigest`` or ``close`` ends the hashing thread."""

    def __init__(self, raw: BinaryIO) -> None:
        self._raw = raw
        self._digest = BackgroundSha256()
        self.size = 0

    def read(self, size: int = -1) -> bytes:
        data = self._raw.read(size)
        self._digest.update(data)
        self.size += len(data)
        return data

    def readline(self, size: int = -1) -> bytes:
        data = self._raw.readline(size)
        self._digest.update(data)
        self.size += len(data)
        return data

    def hexdigest(self) -> str:
        """The SHA-256 of the whole file (reads what is left, if anything)."""
        while self.read(WRITE_BUFFER):
            pass
        return self._digest.hexdigest()

    def close(self) -> None:
        """Stop hashing (the import failed: no digest is wanted)."""
        self._digest.close()


def describe_signer(session: Session, certificate_pem: str) -> tuple[SignerInfo, bool]:
    """Who the certificate belongs to in this vault; and whether it is forged (another
    certificate than the one of a contact of the same name)."""
    from cryptography.x509.oid import NameOID

    certificate = keys.load_certificate(certificate_pem.encode("ascii"))
    der = certificate_der(certificate_pem)
    info = SignerInfo(name=keys.subject_attribute(certificate, NameOID.COMMON_NAME) or "",
                      organisation=keys.subject_attribute(certificate,
                                                          NameOID.ORGANIZATION_NAME) or "",
                      certificate_fingerprint=keys.certificate_fingerprint(certificate))
    for identity in all_identities(session):
        if certificate_der(identity.certificate_pem) == der:
            info.fingerprint, info.known, info.verified, info.own = (identity.fingerprint, True,
                                                                     True, True)
            return info, False
    contacts = list(session.exec(select(Contact)).all())
    matching = sorted((c for c in contacts if certificate_der(c.certificate_pem) == der),
                      key=lambda c: not c.verified)
    if matching:
        contact = matching[0]
        info.fingerprint, info.contact_id = contact.fingerprint, contact.id
        info.known, info.verified = True, contact.verified
        return info, False
    names = {info.name.casefold()} - {""}
    forged = any(c.name.casefold() in names for c in contacts)
    return info, forged


def _open(services: Services, raw: BinaryIO, passphrase: str | None) -> bf.BundleReader:
    with services.vault.reading() as session:
        identities = [identity.age_identity for identity in all_identities(session)]
    if not identities and passphrase is None:
        raise NoIdentityError()
    return bf.open_bundle(raw, identities or None, passphrase)


def _signature_ok(reader: bf.BundleReader, certificate_pem: str, data: bytes,
                  signature: bytes) -> bool:
    try:
        der = certificate_der(certificate_pem)
    except keys.IdentityError:
        return False
    if hashlib.sha256(der).hexdigest() != reader.manifest.signer_fingerprint:
        return False
    return keys.verify_bytes(certificate_pem.encode("ascii"), MANIFEST_CONTEXT + data, signature)


@dataclass
class _Incoming:
    kind: str
    record: Entity
    data: dict[str, Any]
    hash: str
    history: list[str]


def _parse_records(data: bytes) -> list[_Incoming]:
    """Parse and validate the records part; ``BundleRefused`` lists every problem."""
    def unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(pairs)
        if len(result) != len(pairs):
            raise ValueError("duplicate key")
        return result

    try:
        doc = json.loads(data.decode("utf-8"), object_pairs_hook=unique)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise BundleRefused([_("The list of records is not valid JSON.")]) from None
    if not isinstance(doc, dict) or doc.get("format") != RECORDS_FORMAT or set(doc) != _DOC_KEYS:
        raise BundleRefused([_("The list of records is not in the hrcase bundle format.")])
    if doc.get("version") != RECORDS_VERSION:
        raise bf.UnsupportedBundleError()
    items = doc["records"]
    if not isinstance(items, list):
        raise BundleRefused([_("The list of records is not in the hrcase bundle format.")])
    incoming: list[_Incoming] = []
    problems: list[str] = []
    seen: set[tuple[str, str]] = set()
    for position, item in enumerate(items, start=1):
        try:
            incoming.append(_parse_item(item, seen))
        except ValidationError as exc:
            problems.append(_("Record %(n)d: %(error)s") % {"n": position, "error": exc})
    if problems:
        raise BundleRefused(problems)
    return incoming


def _parse_item(item: Any, seen: set[tuple[str, str]]) -> _Incoming:
    if not isinstance(item, dict) or set(item) != _ITEM_KEYS or \
            item["kind"] not in RECORD_KINDS or not isinstance(item["record"], dict):
        raise ValidationError("record", _("The entry is malformed."))
    kind, data, history = item["kind"], item["record"], item["history"]
    if not (isinstance(history, list) and len(history) <= MAX_HISTORY
            and all(isinstance(h, str) and _HEX64.fullmatch(h) for h in history)):
        raise ValidationError("history", _("The entry is malformed."))
    model = RECORD_KINDS[kind]
    if set(data) != set(model.model_fields):
        raise ValidationError("record", _("The record's fields are not those of its kind."))
    record_id = data.get("id")
    if not isinstance(record_id, str) or not _is_uuid(record_id):
        raise ValidationError("id", _("The record id is not a UUID."))
    if (kind, record_id) in seen:
        raise ValidationError("id", _("The record appears twice."))
    seen.add((kind, record_id))
    record = from_dict(kind, data)
    if not isinstance(data["revision"], int) or data["revision"] < 1 \
            or not isinstance(data["deleted"], bool):
        raise ValidationError("revision", _("The value has the wrong type."))
    if not record.deleted:
        validate(kind, {k: v for k, v in data.items() if k not in COMMON_FIELDS})
        if kind == "attachment" and not _HEX64.fullmatch(data["sha256"] or ""):
            raise ValidationError("sha256", _("The value has the wrong type."))
    state = record_hash(to_dict(record))
    return _Incoming(kind=kind, record=record, data=data, hash=state, history=_trim(history, state))


def _is_uuid(value: str) -> bool:
    try:
        return str(uuid.UUID(value)) == value
    except ValueError:
        return False


def _check_parts(manifest: bf.Manifest, incoming: list[_Incoming]) -> None:
    """Parts and attachment records must match one to one, by size and SHA-256."""
    problems: list[str] = []
    parts = manifest.parts
    if not parts or parts[0].name != RECORDS_PART or parts[0].kind != "records" \
            or any(p.kind != "attachment" for p in parts[1:]):
        raise BundleRefused([_("The bundle's parts are not in the expected order.")])
    live = {i.record.id: i.record for i in incoming
            if i.kind == "attachment" and not i.record.deleted}
    named = {p.name: p for p in parts[1:]}
    for name, part in named.items():
        attachment = live.get(name)
        if attachment is None:
            problems.append(_("The bundle holds content for no attachment record."))
        elif (part.size, part.sha256) != (attachment.size, attachment.sha256):  # type: ignore[attr-defined]
            problems.append(_("Attachment %(id)s: its content does not match its size or "
                              "SHA-256.") % {"id": name})
    for attachment_id in live:
        if attachment_id not in named:
            problems.append(_("Attachment %(id)s: its content is missing.") % {"id": attachment_id})
    if problems:
        raise BundleRefused(problems)


# -- import ---------------------------------------------------------------------------------------
@dataclass
class _Plan:
    """The decision for every incoming record, made inside the import transaction."""

    actions: list[tuple[_Incoming, str]] = field(default_factory=list)
    content_for: set[str] = field(default_factory=set)  # attachments whose content is stored
    drop_content: list[str] = field(default_factory=list)


def import_bundle(services: Services, path: Path, *, passphrase: str | None = None,
                  accept_unverified: bool = False, dry_run: bool = False,
                  confirm: Callable[[ImportPreview], bool] | None = None,
                  progress: ProgressFn | None = None) -> ImportPreview:
    """Check and import a bundle, all or nothing (see the module docstring); audited.

    ``dry_run`` reads and checks everything and returns the preview without changing anything.
    ``confirm`` (optional) sees the preview before anything is applied and may decline.
    ``progress`` (see :data:`ProgressFn`) may stop the import until just before it commits:
    its one transaction is then rolled back. A refused signer raises a :class:`SignerRefused`
    that names the signer, before any part is decrypted.
    """
    report = progress or _no_progress
    report(0, 0)
    try:
        raw = open(path, "rb")
    except OSError as exc:
        raise bf.BundleReadError() from exc
    hashing = _HashingReader(raw)
    with raw, closing(hashing), _open(services, hashing, passphrase) as reader:
        signer_holder: list[SignerInfo] = []

        def check(certificate_pem: str, data: bytes, signature: bytes) -> bool:
            if not _signature_ok(reader, certificate_pem, data, signature):
                return False
            with services.vault.reading() as session:
                info, forged = describe_signer(session, certificate_pem)
            refusal: SignerRefused | None = None
            if forged:
                refusal = ForgedSignerError()
            elif not accept_unverified and not info.known:
                refusal = UnknownSignerError()
            elif not accept_unverified and not info.verified:
                refusal = UnverifiedSignerError()
            if refusal is not None:
                refusal.signer, refusal.created_at = info, reader.manifest.created_at
                raise refusal
            signer_holder.append(info)
            return True

        reader.verify_signature(check)
        signer = signer_holder[0]
        sizes = [part.size for part in reader.manifest.parts]
        counter = _ImportProgress(report, sum(sizes) + (sizes[0] if sizes else 0))
        parts = reader.parts()
        info, chunks = next(parts)
        if info.size > MAX_RECORDS_BYTES:
            raise BundleRefused([_("The list of records is too large.")])
        incoming = _parse_records(b"".join(counter.counted(chunks)))
        _check_parts(reader.manifest, incoming)
        preview = ImportPreview(bundle_id=reader.manifest.bundle_id,
                                created_at=reader.manifest.created_at, signer=signer,
                                dry_run=dry_run)
        with services.vault.writing() as session:
            plan = _analyse(session, incoming, preview, counter.check)
            if confirm is not None and not confirm(preview):
                raise ImportCancelled()
            _apply(services, session, plan, preview,
                   counter.spread(info.size, len(plan.actions)))
            for part, pieces in parts:
                if part.name in plan.content_for and not dry_run:
                    # the reader checks each part against the signed manifest's SHA-256
                    content.write_chunks(session, part.name, counter.counted(pieces))
                else:
                    for _piece in counter.counted(pieces):
                        pass
            reader.finish()
            preview.bundle_sha256 = hashing.hexdigest()
            audit.append(session, actor=services.actor, action="bundle-import", detail=(
                f"sha256={preview.bundle_sha256} bundle={preview.bundle_id} "
                f"signer={signer.certificate_fingerprint.replace(' ', '')} "
                f"verified={'yes' if signer.verified else 'no'} "
                f"new={preview.count('new')} changed={preview.count('changed')} "
                f"deleted={preview.count('deleted')} conflicts={preview.count('conflicts')}"))
            counter.check()  # the last chance to stop: the transaction commits next
            if dry_run:
                session.rollback()
            else:
                preview.applied = True
    return preview


class _ImportProgress:
    """Counts an import's progress for a :data:`ProgressFn` (see there for the units)."""

    def __init__(self, report: ProgressFn, total: int) -> None:
        self._report = report
        self.total = total
        self.done = 0

    def check(self) -> None:
        """Report where the import is (and let the callback stop it)."""
        self._report(self.done, self.total)

    def counted(self, pieces: Iterator[bytes]) -> Iterator[bytes]:
        """``pieces``, each one counted and reported as it passes."""
        for piece in pieces:
            self.done += len(piece)
            self._report(self.done, self.total)
            yield piece

    def spread(self, size: int, steps: int) -> Callable[[], None]:
        """A step function that moves ``size`` bytes forward over ``steps`` calls (at once
        when there are none)."""
        start, taken = self.done, [0]
        if not steps:
            self.done = start + size

        def step() -> None:
            taken[0] += 1
            self.done = start + size * min(taken[0], steps) // max(steps, 1)
            self._report(self.done, self.total)
        return step


def _references_of(kind: str, record: Entity) -> list[tuple[str, str]]:
    """The (kind, id) of every record this one refers to."""
    refs = [(target, getattr(record, name)) for name, target in REFERENCES.get(kind, {}).items()
            if getattr(record, name)]
    if kind == "testimony":
        refs += [("person", person_id) for person_id in record.persons_present]  # type: ignore[attr-defined]
    return refs


def _load_conflicts(session: Session) -> list[Conflict]:
    return [Conflict.from_json(item) for item in _load_setting(session, CONFLICTS_SETTING, [])]


def _save_conflicts(session: Session, conflicts: list[Conflict]) -> None:
    _save_setting(session, CONFLICTS_SETTING, [c.to_json() for c in conflicts])


def _analyse(session: Session, incoming: list[_Incoming], preview: ImportPreview,
             tick: Callable[[], None]) -> _Plan:
    """Decide, for every incoming record, what the import does; fill in the preview.

    ``tick`` is called at every record."""
    plan = _Plan()
    by_key = {(i.kind, i.record.id): i for i in incoming}
    ordered = [by_key[(kind, record.id)]
               for kind, record in _ordered({k: i.record for k, i in by_key.items()})]
    local = {key: session.get(RECORD_KINDS[key[0]], key[1]) for key in by_key}
    histories = _audit_histories(session, {key[1] for key, row in local.items() if row is not None})
    pending = {(c.record_id, c.incoming_hash) for c in _load_conflicts(session)}
    problems: list[str] = []

    def exists(key: tuple[str, str]) -> bool:
        return key in will_exist or session.get(RECORD_KINDS[key[0]], key[1]) is not None

    will_exist: set[tuple[str, str]] = {key for key, row in local.items() if row is not None}
    for item in ordered:
        tick()
        key = (item.kind, item.record.id)
        existing = local[key]
        refs_ok = all(exists(ref) for ref in _references_of(item.kind, item.record))
        if existing is None:
            if item.record.deleted:
                action = "tombstone" if refs_ok else "skip"
            else:
                action = "new"
        else:
            local_hash = record_hash(to_dict(existing))
            known = set(histories.get(item.record.id, ())) | {local_hash}
            if item.hash in known or (existing.deleted and item.record.deleted):
                action = "unchanged"
            elif local_hash in item.history:
                action = "deleted" if item.record.deleted and not existing.deleted else "changed"
            elif (item.record.id, item.hash) in pending:
                action = "unchanged"
            else:
                action = "conflict"
        if action in ("new", "changed") and not refs_ok:
            # TRANSLATORS: %(kind)s/%(id)s identifies a record as the command line does
            # ("allegation/5f0c…"); the kind stays in English.
            problems.append(_("The record %(kind)s/%(id)s links to a record that does not "
                              "exist.") % {"kind": item.kind, "id": item.record.id})
            continue
        if action in ("new", "tombstone", "changed", "deleted"):
            will_exist.add(key)
        if item.kind == "attachment":
            _plan_content(session, item, existing, action, plan, problems)
        plan.actions.append((item, action))
        _count(preview, item, action)
    if problems:
        raise BundleRefused(problems)
    return plan


def _plan_content(session: Session, item: _Incoming, existing: Entity | None, action: str,
                  plan: _Plan, problems: list[str]) -> None:
    """Which attachment contents the import stores (content never changes under an id)."""
    record = item.record
    assert isinstance(record, Attachment)
    if existing is not None and not record.deleted:
        assert isinstance(existing, Attachment)
        if existing.sha256 and existing.sha256 != record.sha256:
            problems.append(_("Attachment %(id)s: the bundle gives it other content, which "
                              "hrcase never does.") % {"id": record.id})
            return
    if record.deleted:
        if action == "deleted":
            plan.drop_content.append(record.id)
        return
    if action == "new" or (action in ("changed", "conflict")
                           and not content.has_content(session, record.id)):
        plan.content_for.add(record.id)


def _count(preview: ImportPreview, item: _Incoming, action: str) -> None:
    target = {"new": preview.new, "changed": preview.changed, "deleted": preview.deleted,
              "conflict": preview.conflicts}.get(action)
    if target is None:
        preview.unchanged += 1
        return
    target[item.kind] = target.get(item.kind, 0) + 1
    preview.changes.append(RecordChange(kind=item.kind, id=item.record.id, action=action))
    if item.kind == "attachment" and not item.record.deleted:
        preview.attachments += 1
        preview.attachment_bytes += item.record.size  # type: ignore[attr-defined]


def _apply(services: Services, session: Session, plan: _Plan, preview: ImportPreview,
           step: Callable[[], None]) -> None:
    """Write the planned changes and conflicts into the open transaction; ``step`` is called
    after every record."""
    conflicts = _load_conflicts(session)
    received_at = utcnow().isoformat(timespec="seconds")
    for item, action in plan.actions:
        superseded = {h for h in item.history if h != item.hash}
        conflicts = [c for c in conflicts
                     if not (c.record_id == item.record.id and c.incoming_hash in superseded)]
        if action in ("new", "changed", "deleted", "tombstone"):
            merge_incoming(session, services.actor, item.kind, item.record, services.hooks,
                           detail=_ancestors_detail(preview.bundle_id, item.history[:-1]))
        elif action == "conflict":
            local = session.get(RECORD_KINDS[item.kind], item.record.id)
            assert local is not None
            conflicts.append(Conflict(
                id=str(uuid.uuid4()), kind=item.kind, record_id=item.record.id,
                incoming=item.data, incoming_hash=item.hash, incoming_history=item.history,
                local_hash=record_hash(to_dict(local)), local_revision=local.revision,
                bundle_id=preview.bundle_id,
                signer_fingerprint=preview.signer.certificate_fingerprint,
                signer_name=preview.signer.name, received_at=received_at))
            audit.append(session, actor=services.actor, action="bundle-conflict",
                         entity=item.kind, entity_id=item.record.id,
                         detail=f"bundle={preview.bundle_id} incoming={item.hash}")
        step()
    for attachment_id in plan.drop_content:
        content.drop_content(session, attachment_id)
    _save_conflicts(session, conflicts)


# -- conflicts ------------------------------------------------------------------------------------
def list_conflicts(services: Services) -> list[Conflict]:
    """The incoming versions waiting for a person to choose, oldest first."""
    with services.vault.reading() as session:
        return _load_conflicts(session)


def resolve_conflict(services: Services, conflict_id: str, keep: str) -> Entity:
    """Keep the local or the incoming version of a record in conflict; audited.

    Either way a new version is written (revision above both) that records the incoming
    version as an ancestor, so it replaces both sides' versions when it travels.
    """
    if keep not in ("local", "incoming"):
        raise UsageError(_("Keep either the local or the incoming version."))
    with services.vault.writing() as session:
        conflicts = _load_conflicts(session)
        matches = [c for c in conflicts if c.id == conflict_id] or (
            [c for c in conflicts if c.id.startswith(conflict_id)] if len(conflict_id) >= 8 else [])
        if len(matches) != 1:
            raise NotFoundError(_("No such conflict."))
        conflict = matches[0]
        model = RECORD_KINDS[conflict.kind]
        local = session.get(model, conflict.record_id)
        if local is None:
            raise NotFoundError(_("No such record."))
        local_hash = record_hash(to_dict(local))
        incoming = from_dict(conflict.kind, conflict.incoming)
        if keep == "incoming":
            _check_resolution(session, conflict.kind, incoming)
            for name in model.model_fields:
                if name != "id":
                    setattr(local, name, getattr(incoming, name))
        local.revision = max(local.revision, incoming.revision) + 1
        local.updated_at = utcnow()
        local.updated_by = services.actor
        if conflict.kind == "attachment" and local.deleted:
            content.drop_content(session, local.id)
        session.add(local)
        session.flush()
        for hook in services.hooks:
            hook(session, conflict.kind, local)
        audit.append(session, actor=services.actor, action="conflict-resolve",
                     entity=conflict.kind, entity_id=local.id, state=to_dict(local),
                     detail=_ancestors_detail(conflict.bundle_id,
                                              [*conflict.incoming_history, local_hash])
                     + f" keep={keep}")
        _save_conflicts(session, [c for c in conflicts if c.id != conflict.id])
        return local


def _check_resolution(session: Session, kind: str, incoming: Entity) -> None:
    if incoming.deleted:
        return
    for target, target_id in _references_of(kind, incoming):
        if session.get(RECORD_KINDS[target], target_id) is None:
            raise ValidationError(target, _("The linked record does not exist."))
    if kind == "attachment":
        assert isinstance(incoming, Attachment)
        stored = Attachment(id=incoming.id, filename="-", size=incoming.size,
                            sha256=incoming.sha256)
        if not content.verify(session, stored):
            raise HrcaseError(_("The incoming version's content is not in this vault; import "
                                "the bundle again, then resolve."))


# -- verify -----------------------------------------------------------------------------------
_CANNOT_CHECK = (bf.WrongKeyError, bf.WrongPassphraseError, bf.InvalidKeyError,
                 bf.NotABundleError, bf.UnsupportedBundleError, bf.WorkFactorError,
                 bf.BundleReadError)


def check_bundle(services: Services, path: Path, passphrase: str | None = None) -> BundleCheck:
    """Who signed a bundle addressed to this vault, and whether every byte is intact.

    Reads and checks the whole bundle, stores nothing. Raises when the bundle cannot be opened
    here (not for this vault's keys, wrong passphrase, not a bundle).
    """
    result = BundleCheck(intact=False, signer=None)
    try:
        raw = open(path, "rb")
    except OSError as exc:
        raise bf.BundleReadError() from exc
    with raw:
        try:
            with _open(services, raw, passphrase) as reader:
                result.bundle_id = reader.manifest.bundle_id
                result.created_at = reader.manifest.created_at

                def check(certificate_pem: str, data: bytes, signature: bytes) -> bool:
                    ok = _signature_ok(reader, certificate_pem, data, signature)
                    with services.vault.reading() as session:
                        result.signer, forged = describe_signer(session, certificate_pem)
                    if forged:
                        result.problems.append(str(ForgedSignerError()))
                    return ok

                reader.verify_signature(check)
                for part, pieces in reader.parts():
                    for _piece in pieces:
                        pass
                    result.parts += 1
                    result.size += part.size
                reader.finish()
                result.intact = True
        except _CANNOT_CHECK:
            raise
        except (bf.BundleError, keys.IdentityError) as exc:
            result.problems.append(str(exc))
    signer = result.signer
    if signer is not None and not signer.known:
        result.problems.append(_("The signer is not one of your contacts: compare the "
                                 "fingerprint with them before you trust the bundle."))
    elif signer is not None and not signer.verified:
        result.problems.append(_("The signer is a contact whose fingerprint you have not "
                                 "verified."))
    return result
