"""Possible duplicate persons, and merging two records of one person into one.

**Who may be the same person.** Two persons whose names are alike in any script or
romanisation (``name_similarity`` of their best pair of name variants at least
``DUPLICATE_MIN_SCORE``: the same skeleton, a letter or two apart, words swapped, or a
patronymic on one side only) and whose births are compatible: the partial dates may share a
day, or the years are at most one apart, or one of them is unknown. A candidate with the same
birth ranks above one with a compatible or unknown birth of equal name score.

``find_duplicates`` checks one person (or a draft not yet saved: its names and birth) against
the vault through the name index; ``find_incoming_duplicates`` does it for the persons a bundle
would bring (noted by ``IncomingPersonsHook`` during a dry-run import). ``find_duplicate_pairs`` lists every probable pair of the
vault: names are blocked by keys made of two of their word skeletons (one of the two may be
reduced to its consonants, first or last three letters, so a typo still meets), only blocks of
at most ``BLOCK_LIMIT`` names are compared, and every compared pair is scored as above.

**Merging.** ``merge_persons`` keeps one record and moves everything that names the other to
it, as ordinary record updates in one transaction (each audited, each raising a revision, each
through the change hooks), so a merge travels in bundles like any other change: name variants
(the other's primary name becomes an alias when the kept person has a primary name), roles in
cases (a role the kept person already has in that case is deleted instead), allegations
(victim), perpetrators, testimonies (interviewee, persons present), source links, attachments
and translations of the person's notes. Fields the kept record leaves empty (birth, sex,
nationality …) are taken from the other. The other person is then deleted (a tombstone), and
an audit entry with the action ``merge`` records which record was merged into which.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session, col, select

from hrcase.domain.dates import PartialDate
from hrcase.domain.models import (Allegation, Attachment, CaseRole, Perpetrator, Person,
                                  PersonName, SourceLink, Testimony, Translation)
from hrcase.domain.names import name_similarity, token_skeletons
from hrcase.errors import ValidationError
from hrcase.i18n import _
from hrcase.services import Services
from hrcase.services.records import delete_record, get_record, update_record
from hrcase.services.search import SearchService, db_cursor, primary_names
from hrcase.services.search_names import score_names
from hrcase.services.serialize import to_dict
from hrcase.vault import audit

DUPLICATE_MIN_SCORE = 0.8
BLOCK_LIMIT = 50
FILLED_FIELDS = ("sex", "birth", "nationality", "ethnicity", "occupation", "deceased")
"""Person fields the kept record takes from the merged one when it has none."""
_EMPTY = ("", "unknown", None)


@dataclass(frozen=True)
class DuplicateCandidate:
    """A person who may be the same as the one checked."""

    person_id: str
    label: str
    score: float
    name: str
    matched_name: str
    birth: str
    birth_match: str  # "same" (dates may share a day), "close" (years ±1) or "unknown"

    def to_json(self) -> dict[str, Any]:
        return {"person_id": self.person_id, "label": self.label, "score": round(self.score, 4),
                "name": self.name, "matched_name": self.matched_name, "birth": self.birth,
                "birth_match": self.birth_match}


@dataclass(frozen=True)
class DuplicatePair:
    """Two persons of the vault who may be one."""

    first_id: str
    second_id: str
    first_label: str
    second_label: str
    score: float
    first_name: str
    second_name: str
    birth_match: str

    def to_json(self) -> dict[str, Any]:
        return {"first": {"id": self.first_id, "label": self.first_label,
                          "name": self.first_name},
                "second": {"id": self.second_id, "label": self.second_label,
                           "name": self.second_name},
                "score": round(self.score, 4), "birth_match": self.birth_match}


@dataclass
class MergeResult:
    """What a merge changed: record kind → how many records were updated (or deleted)."""

    kept_id: str
    merged_id: str
    updated: dict[str, int] = field(default_factory=dict)
    deleted: dict[str, int] = field(default_factory=dict)


def birth_match(a: str, b: str) -> str | None:
    """"same", "close" or "unknown" when two births are compatible; None when they are not."""
    try:
        first, second = PartialDate.parse(a or ""), PartialDate.parse(b or "")
    except ValidationError:
        return "unknown"
    if first.is_unknown or second.is_unknown:
        return "unknown"
    if first.overlaps(second):
        return "same"
    assert first.earliest and first.latest and second.earliest and second.latest  # overlaps
    gap = max(second.earliest.year - first.latest.year, first.earliest.year - second.latest.year)
    return "close" if gap <= 1 else None


_BIRTH_RANK = {"same": 2, "close": 1, "unknown": 0}


def find_duplicates(services: Services, person_id: str | None = None, *,
                    names: Iterable[str] = (), birth: str = "",
                    min_score: float = DUPLICATE_MIN_SCORE, limit: int = 20
                    ) -> list[DuplicateCandidate]:
    """Persons who may be ``person_id`` (its live names and birth), or a draft given by
    ``names`` and ``birth``; best first."""
    names = [n for n in names if n.strip()]
    SearchService(services).ensure_index()
    with services.vault.reading() as session:
        if person_id is not None:
            person = get_record(session, "person", person_id)
            birth = person.birth  # type: ignore[attr-defined]
            names += [n.text for n in _names_of(session, [person_id])]
        best: dict[str, tuple[float, str, str]] = {}
        cur = db_cursor(session)
        for name in dict.fromkeys(names):
            for other, (_cov, score, text) in score_names(cur, name, min_coverage=min_score,
                                                          by_similarity=True).items():
                if other != person_id and score >= min_score and \
                        score > best.get(other, (0.0, "", ""))[0]:
                    best[other] = (score, text, name)
        if not best:
            return []
        births = dict(session.exec(select(Person.id, Person.birth)
                                   .where(col(Person.id).in_(list(best)))).all())
        labels = primary_names(session, best)
    found = []
    for other, (score, text, matched) in best.items():
        match = birth_match(birth, births.get(other, ""))
        if match is not None:
            found.append(DuplicateCandidate(other, labels.get(other, text), score, text, matched,
                                            births.get(other, ""), match))
    found.sort(key=lambda c: (-c.score, -_BIRTH_RANK[c.birth_match], c.label, c.person_id))
    return found[:limit]


@dataclass(frozen=True)
class IncomingPerson:
    """A person about to arrive (from a bundle), not in the vault yet: its names and birth."""

    person_id: str
    names: tuple[str, ...]
    birth: str = ""


class IncomingPersonsHook:
    """A change hook that notes the live persons and names an import writes.

    Used on a dry-run import: the transaction is rolled back, and what the hook noted is then
    checked against the vault with :func:`find_incoming_duplicates`.
    """

    def __init__(self) -> None:
        self._births: dict[str, str] = {}
        self._names: dict[str, list[str]] = defaultdict(list)

    def __call__(self, session: Session, kind: str, record: Any) -> None:
        if record.deleted:
            return
        if kind == "person":
            self._births[record.id] = record.birth or ""
        elif kind == "person_name":
            self._names[record.person_id].append(record.text)

    def persons(self, ids: Iterable[str] | None = None) -> list[IncomingPerson]:
        """The noted persons with at least one name (only ``ids`` when given)."""
        wanted = set(self._births if ids is None else ids)
        return [IncomingPerson(pid, tuple(self._names[pid]), self._births.get(pid, ""))
                for pid in sorted(wanted) if self._names.get(pid)]


def find_incoming_duplicates(services: Services, persons: Iterable[IncomingPerson], *,
                             min_score: float = DUPLICATE_MIN_SCORE, limit: int = 5
                             ) -> dict[str, list[DuplicateCandidate]]:
    """For persons about to arrive, the persons of the vault each may be; best first.

    A person with the same id is the same record (an update), never a duplicate of itself.
    """
    found: dict[str, list[DuplicateCandidate]] = {}
    for person in persons:
        candidates = [c for c in find_duplicates(services, names=person.names, birth=person.birth,
                                                 min_score=min_score, limit=limit + 1)
                      if c.person_id != person.person_id][:limit]
        if candidates:
            found[person.person_id] = candidates
    return found


def _names_of(session: Session, person_ids: list[str]) -> list[PersonName]:
    return list(session.exec(select(PersonName).where(col(PersonName.person_id).in_(person_ids),
                                                      col(PersonName.deleted).is_(False))))


def _block_keys(text: str) -> set[str]:
    """Keys of two word skeletons; one of them may be reduced so that a typo still meets."""
    words = sorted({w for w in token_skeletons(text) if len(w) > 1})
    if len(words) == 1:
        return {words[0]}
    keys = set()
    for a, b in itertools.combinations(words, 2):
        keys.add(f"{a}|{b}")
        for exact, other in ((a, b), (b, a)):
            consonants = "".join(ch for ch in other if ch not in "aeiou")
            keys.update({f"{exact}|c:{consonants}", f"{exact}|p:{other[:3]}",
                         f"{exact}|s:{other[-3:]}"})
    return keys


def find_duplicate_pairs(services: Services, min_score: float = DUPLICATE_MIN_SCORE
                         ) -> list[DuplicatePair]:
    """Every probable pair of duplicate persons in the vault, best first."""
    with services.vault.reading() as session:
        rows = session.exec(select(PersonName.person_id, PersonName.text)
                            .join(Person, col(Person.id) == col(PersonName.person_id))
                            .where(col(PersonName.deleted).is_(False),
                                   col(Person.deleted).is_(False))).all()
        births = dict(session.exec(select(Person.id, Person.birth)
                                   .where(col(Person.deleted).is_(False))).all())
        variants: dict[str, list[str]] = defaultdict(list)
        blocks: dict[str, set[str]] = defaultdict(set)
        for person_id, text in rows:
            variants[person_id].append(text)
            for key in _block_keys(text):
                blocks[key].add(person_id)
        pairs: set[tuple[str, str]] = set()
        for members in blocks.values():
            if 1 < len(members) <= BLOCK_LIMIT:
                pairs.update(itertools.combinations(sorted(members), 2))
        found: list[tuple[float, str, str, str, str, str]] = []
        for first, second in pairs:
            match = birth_match(births.get(first, ""), births.get(second, ""))
            if match is None:
                continue
            score, a, b = max((name_similarity(a, b), a, b) for a in variants[first]
                              for b in variants[second])
            if score >= min_score:
                found.append((score, first, second, a, b, match))
        labels = primary_names(session, {p for f in found for p in f[1:3]})
    found.sort(key=lambda f: (-f[0], -_BIRTH_RANK[f[5]], labels.get(f[1], ""), f[1], f[2]))
    return [DuplicatePair(first, second, labels.get(first, a), labels.get(second, b), score, a,
                          b, match) for score, first, second, a, b, match in found]


# -- merging ---------------------------------------------------------------------------------
def merge_persons(services: Services, keep_id: str, merge_id: str) -> MergeResult:
    """Merge person ``merge_id`` into ``keep_id`` (see the module docstring); audited."""
    if keep_id == merge_id:
        raise ValidationError("merge_id", _("A person cannot be merged with itself."))
    result = MergeResult(keep_id, merge_id)
    actor, hooks = services.actor, services.hooks
    with services.vault.writing() as session:
        keep = get_record(session, "person", keep_id)
        other = get_record(session, "person", merge_id)

        def update(kind: str, record_id: str, changes: dict[str, Any]) -> None:
            update_record(session, actor, kind, record_id, changes, hooks=hooks)
            result.updated[kind] = result.updated.get(kind, 0) + 1

        kept_names = _names_of(session, [keep_id])
        has_primary = any(n.kind == "primary" for n in kept_names)
        for name in _names_of(session, [merge_id]):
            changes: dict[str, Any] = {"person_id": keep_id}
            if name.kind == "primary" and has_primary:
                changes["kind"] = "alias"
            update("person_name", name.id, changes)
        kept_roles = {(r.case_id, r.role) for r in _live(session, CaseRole, CaseRole.person_id,
                                                         keep_id)}
        for role in _live(session, CaseRole, CaseRole.person_id, merge_id):
            if (role.case_id, role.role) in kept_roles:
                delete_record(session, actor, "case_role", role.id, hooks)
                result.deleted["case_role"] = result.deleted.get("case_role", 0) + 1
            else:
                kept_roles.add((role.case_id, role.role))
                update("case_role", role.id, {"person_id": keep_id})
        for allegation in _live(session, Allegation, Allegation.victim_id, merge_id):
            update("allegation", allegation.id, {"victim_id": keep_id})
        for perpetrator in _live(session, Perpetrator, Perpetrator.person_id, merge_id):
            update("perpetrator", perpetrator.id, {"person_id": keep_id})
        for testimony in _testimonies_naming(session, merge_id):
            changes = {}
            if testimony.interviewee_id == merge_id:
                changes["interviewee_id"] = keep_id
            if merge_id in testimony.persons_present:
                present = [keep_id if p == merge_id else p for p in testimony.persons_present]
                changes["persons_present"] = list(dict.fromkeys(present))
            update("testimony", testimony.id, changes)
        for link in _live(session, SourceLink, SourceLink.entity_id, merge_id):
            if link.entity_kind == "person":
                update("source_link", link.id, {"entity_id": keep_id})
        for attachment in _live(session, Attachment, Attachment.owner_id, merge_id):
            if attachment.owner_kind == "person":
                update("attachment", attachment.id, {"owner_id": keep_id})
        for translation in _live(session, Translation, Translation.target_id, merge_id):
            if translation.target_kind == "person":
                update("translation", translation.id, {"target_id": keep_id})
        filled = {f: getattr(other, f) for f in FILLED_FIELDS
                  if getattr(keep, f) in _EMPTY and getattr(other, f) not in _EMPTY}
        if filled:
            update("person", keep_id, filled)
        delete_record(session, actor, "person", merge_id, hooks)
        audit.append(session, actor=actor, action="merge", entity="person", entity_id=keep_id,
                     state=to_dict(get_record(session, "person", keep_id)),
                     detail=f"merged={merge_id}")
    return result


def _live(session: Session, model: Any, column: Any, value: str) -> list[Any]:
    return list(session.exec(select(model).where(col(column) == value,
                                                 col(model.deleted).is_(False))))


def _testimonies_naming(session: Session, person_id: str) -> list[Testimony]:
    """Live testimonies whose interviewee or persons present include ``person_id``."""
    query = select(Testimony).where(col(Testimony.deleted).is_(False))
    rows = session.exec(query.where(col(Testimony.interviewee_id) == person_id)).all()
    present = session.connection().exec_driver_sql(
        "SELECT t.id FROM testimony t, json_each(t.persons_present) j "
        "WHERE t.deleted = 0 AND j.value = ?", (person_id,)).all()
    ids = {t.id for t in rows} | {row[0] for row in present}
    return list(session.exec(query.where(col(Testimony.id).in_(sorted(ids))))) if ids else []
