"""The audit log: a hash chain of every change, appended in the same transaction as the change.

Each entry's hash covers its own fields and the previous entry's hash, so editing, removing or
reordering any past entry breaks the chain from that point on; ``verify_chain`` finds where.
``state_hash`` is the SHA-256 of the record's canonical JSON after the change.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from hrcase.domain.models import AuditEntry

GENESIS = "0" * 64
_HEAD = "hrcase.audit.head"


def canonical_json(data: Any) -> bytes:
    """Deterministic JSON (sorted keys, no spaces, UTF-8) for hashing."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      default=str).encode("utf-8")


def state_hash(state: Any) -> str:
    """SHA-256 of a record's canonical JSON."""
    return hashlib.sha256(canonical_json(state)).hexdigest()


def entry_hash(entry: AuditEntry) -> str:
    """The hash an entry must carry, given its fields and its ``prev_hash``."""
    body = [entry.seq, entry.at.isoformat(timespec="microseconds"), entry.actor, entry.action,
            entry.entity, entry.entity_id, entry.state_hash, entry.detail, entry.prev_hash]
    return hashlib.sha256(canonical_json(body)).hexdigest()


def append(session: Session, *, actor: str, action: str, entity: str = "", entity_id: str = "",
           state: Any = None, detail: str = "") -> AuditEntry:
    """Append an entry to the chain inside the caller's transaction.

    The chain's head is read once per session and then kept in ``session.info`` (sessions live
    for one transaction), so many appends in one import cost one query.
    """
    head = session.info.get(_HEAD)
    if head is None:
        last = session.exec(select(AuditEntry.seq, AuditEntry.hash)
                            .order_by(col(AuditEntry.seq).desc()).limit(1)).first()
        head = (last[0], last[1]) if last else (0, GENESIS)
    entry = AuditEntry(seq=head[0] + 1, actor=actor, action=action, entity=entity,
                       entity_id=entity_id,
                       state_hash=state_hash(state) if state is not None else "",
                       detail=detail, prev_hash=head[1])
    entry.hash = entry_hash(entry)
    session.add(entry)
    session.info[_HEAD] = (entry.seq, entry.hash)
    return entry


@dataclass(frozen=True)
class ChainProblem:
    """Where the chain breaks."""

    seq: int
    reason: str  # "hash" (entry altered), "link" (previous entry altered or removed), "gap"


def verify_chain(session: Session) -> list[ChainProblem]:
    """Walk the whole chain; an empty list means it is intact."""
    problems: list[ChainProblem] = []
    prev_hash, expected_seq = GENESIS, 1
    for entry in session.exec(select(AuditEntry).order_by(col(AuditEntry.seq))):
        assert entry.seq is not None
        if entry.seq != expected_seq:
            problems.append(ChainProblem(entry.seq, "gap"))
        if entry.prev_hash != prev_hash:
            problems.append(ChainProblem(entry.seq, "link"))
        if entry_hash(entry) != entry.hash:
            problems.append(ChainProblem(entry.seq, "hash"))
        prev_hash, expected_seq = entry.hash, entry.seq + 1
    return problems
