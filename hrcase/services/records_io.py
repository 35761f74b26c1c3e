"""Export and import of records as JSON (lossless) and CSV (spreadsheets, HURIDOCS Uwazi).

JSON document::

    {"format": "hrcase-records", "version": 1, "exported_at": "...",
     "records": {"case": [...], "person": [...], ...},
     "attachment_content": {"<attachment id>": "<base64>"}}

Records are exported in dependency order so an import can insert them as they come. Every
import validates everything first and reports every bad record or row; then it applies all of
it in one transaction, or nothing. Records merge by UUID and revision: an incoming record
replaces a stored one only when its revision is higher.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TextIO

from babel import Locale
from sqlmodel import Session, col, select

from hrcase.domain.base import Entity
from hrcase.domain.models import COMMON_FIELDS, RECORD_KINDS, Attachment, PersonName
from hrcase.domain.validation import country_codes, validate
from hrcase.errors import HrcaseError, ValidationError
from hrcase.i18n import _, ngettext
from hrcase.services.records import ChangeHook, check_references, insert_record
from hrcase.services.serialize import from_dict, to_dict
from hrcase.vault import Vault
from hrcase.vault import attachments as content
from hrcase.vault import audit

FORMAT = "hrcase-records"
VERSION = 1
MAX_JSON_BYTES = 2 * 1024**3

KIND_ORDER = ("case", "person", "person_name", "case_role", "organisation", "place", "event",
              "event_link", "allegation", "perpetrator", "testimony", "translation", "source",
              "source_link", "intervention", "attachment", "recommendation")
"""Kinds in an order where every record comes after the records it refers to."""

assert set(KIND_ORDER) == set(RECORD_KINDS)

CSV_PERSON_COLUMNS = ("name", "birth_year", "nationality", "sex", "alias", "name_latin",
                      "disclosure", "pseudonym", "occupation", "notes", "id")
"""Columns a persons CSV may have; only ``name`` is required. Unknown columns are refused."""


class ImportRefused(HrcaseError):
    """The file had problems; nothing was imported. ``problems`` lists every one."""

    exit_code = 6

    def __init__(self, problems: list[str]) -> None:
        super().__init__(ngettext("Nothing was imported: %(n)d problem was found.",
                                  "Nothing was imported: %(n)d problems were found.",
                                  len(problems)) % {"n": len(problems)})
        self.problems = self.details = problems


@dataclass
class ImportResult:
    """What an import did (or, with dry_run, would do)."""

    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: int = 0

    @property
    def total_created(self) -> int:
        return sum(self.created.values())

    @property
    def total_updated(self) -> int:
        return sum(self.updated.values())


# -- export -----------------------------------------------------------------------------------
def export_json(vault: Vault, out: TextIO, actor: str, include_attachments: bool = True) -> int:
    """Write every record (tombstones included) as JSON; returns the record count; audited."""
    count = 0
    with vault.reading() as session:
        out.write('{"format": "%s", "version": %d, "exported_at": %s, "records": {'
                  % (FORMAT, VERSION, json.dumps(_now())))
        for k, kind in enumerate(KIND_ORDER):
            out.write(("," if k else "") + "\n" + json.dumps(kind) + ": [")
            rows = session.exec(select(RECORD_KINDS[kind]).order_by(col(RECORD_KINDS[kind].id)))
            for n, record in enumerate(rows):
                out.write(("," if n else "") + "\n" + json.dumps(to_dict(record), ensure_ascii=False,
                                                                   sort_keys=True))
                count += 1
            out.write("]")
        out.write("},\n\"attachment_content\": {")
        if include_attachments:
            ids = session.exec(select(Attachment.id).order_by(col(Attachment.id))).all()
            for n, attachment_id in enumerate(ids):
                out.write(("," if n else "") + "\n" + json.dumps(attachment_id) + ": \"")
                for piece in content.read_content(session, attachment_id):
                    out.write(base64.b64encode(piece).decode("ascii"))
                out.write("\"")
        out.write("}}\n")
    with vault.writing() as session:
        audit.append(session, actor=actor, action="export", detail=f"json records={count}")
    return count


def export_csv(vault: Vault, out: TextIO, actor: str, kind: str = "person") -> int:
    """Write the live records of one kind as CSV (lists joined with "; ", texts per language as
    JSON); persons get the columns of the persons import first."""
    model = RECORD_KINDS[kind]
    fields = list(model.model_fields)
    with vault.reading() as session:
        rows = list(session.exec(select(model).where(col(model.deleted).is_(False))
                                 .order_by(col(model.created_at))))
        names = _primary_names(session) if kind == "person" else {}
    header = (["name", "birth_year"] if kind == "person" else []) + fields
    writer = csv.writer(out)
    writer.writerow(header)
    for record in rows:
        data = to_dict(record)
        prefix = [names.get(record.id, ""), data["birth"][:4]] if kind == "person" else []
        writer.writerow(prefix + [_csv_cell(data[f]) for f in fields])
    with vault.writing() as session:
        audit.append(session, actor=actor, action="export", detail=f"csv {kind}={len(rows)}")
    return len(rows)


def _csv_cell(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if value is None:
        return ""
    return str(value)


def _primary_names(session: Session) -> dict[str, str]:
    """Each person's primary name (else their first recorded name)."""
    names: dict[str, str] = {}
    query = select(PersonName).where(col(PersonName.deleted).is_(False))
    for name in session.exec(query.order_by(col(PersonName.created_at))):
        if name.kind == "primary":
            names[name.person_id] = name.text
        else:
            names.setdefault(name.person_id, name.text)
    return names


# -- import -----------------------------------------------------------------------------------
def parse_json(data: bytes) -> tuple[dict[str, list[dict[str, Any]]], dict[str, bytes]]:
    """Parse and structurally check an export; ImportRefused lists the problems."""
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise ImportRefused([_("The file is not valid JSON text.")]) from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ImportRefused([_("The file is not an hrcase records export.")])
    if doc.get("version") != VERSION:
        raise ImportRefused([_("This export was made by another version of hrcase.")])
    records, blobs = doc.get("records"), doc.get("attachment_content", {})
    if not isinstance(records, dict) or not isinstance(blobs, dict):
        raise ImportRefused([_("The file is not an hrcase records export.")])
    problems: list[str] = []
    for kind, items in records.items():
        if kind not in RECORD_KINDS or not isinstance(items, list) \
                or not all(isinstance(item, dict) for item in items):
            problems.append(_("Unknown or malformed section: %(kind)s") % {"kind": kind[:40]})
    decoded: dict[str, bytes] = {}
    for attachment_id, text in blobs.items():
        try:
            decoded[attachment_id] = base64.b64decode(text, validate=True)
        except (ValueError, TypeError):
            problems.append(_("Attachment content is damaged: %(id)s") % {"id": attachment_id[:40]})
    if problems:
        raise ImportRefused(problems)
    return records, decoded


def import_json(vault: Vault, data: bytes, actor: str, hooks: Iterable[ChangeHook] = (),
                dry_run: bool = False) -> ImportResult:
    """Import an export made by :func:`export_json` (all or nothing)."""
    records, blobs = parse_json(data)
    incoming: list[tuple[str, Entity]] = []
    problems: list[str] = []
    for kind in KIND_ORDER:
        for position, item in enumerate(records.get(kind, []), start=1):
            try:
                validate(kind, {k: v for k, v in item.items()
                                if k in RECORD_KINDS[kind].model_fields and k not in COMMON_FIELDS})
                incoming.append((kind, from_dict(kind, item)))
            except ValidationError as exc:
                problems.append(_("%(kind)s #%(n)d: %(error)s")
                                % {"kind": kind, "n": position, "error": exc})
    for kind, record in incoming:
        if kind == "attachment" and record.id not in blobs and not record.deleted:
            problems.append(_("Attachment content is missing: %(id)s") % {"id": record.id})
        elif kind == "attachment" and record.id in blobs and \
                hashlib.sha256(blobs[record.id]).hexdigest() != record.sha256:
            problems.append(_("Attachment content does not match its SHA-256: %(id)s")
                            % {"id": record.id})
    if problems:
        raise ImportRefused(problems)
    digest = hashlib.sha256(data).hexdigest()
    return apply_records(vault, incoming, blobs, actor, list(hooks), dry_run,
                         detail=f"json sha256={digest}")


def apply_records(vault: Vault, incoming: list[tuple[str, Entity]], blobs: dict[str, bytes],
                  actor: str, hooks: list[ChangeHook], dry_run: bool, detail: str) -> ImportResult:
    """Merge records by UUID and revision in one transaction (rolled back when dry_run)."""
    result = ImportResult()
    with vault.writing() as session:
        for kind, record in incoming:
            model = RECORD_KINDS[kind]
            existing = session.get(model, record.id)
            if existing is not None and existing.revision >= record.revision:
                result.unchanged += 1
                continue
            if not record.deleted:
                try:
                    check_references(session, kind, record)
                except ValidationError as exc:
                    raise ImportRefused([_("%(kind)s %(id)s: %(error)s")
                                         % {"kind": kind, "id": record.id, "error": exc}]) from exc
            target = result.updated if existing is not None else result.created
            target[kind] = target.get(kind, 0) + 1
            merged = merge_incoming(session, actor, kind, record, hooks)
            if kind == "attachment" and record.id in blobs:
                content.store_content(session, merged, [blobs[record.id]])
        audit.append(session, actor=actor, action="import",
                     detail=f"{detail} created={result.total_created} updated={result.total_updated}")
        if dry_run:
            session.rollback()
    return result


def merge_incoming(session: Session, actor: str, kind: str, record: Entity,
                   hooks: Iterable[ChangeHook], detail: str = "") -> Entity:
    """Store an incoming version of a record as it is (inserted, or replacing the stored one
    with the same UUID), run the change hooks and audit it; the caller checked it."""
    merged = session.merge(record)
    session.flush()
    for hook in hooks:
        hook(session, kind, merged)
    audit.append(session, actor=actor, action="import", entity=kind, entity_id=record.id,
                 state=to_dict(merged), detail=detail)
    return merged


def import_persons_csv(vault: Vault, text: str, actor: str, hooks: Iterable[ChangeHook] = (),
                       dry_run: bool = False, case_id: str | None = None,
                       role: str = "victim") -> ImportResult:
    """Import a list of persons (header ``name, birth_year, nationality`` and the optional
    columns of CSV_PERSON_COLUMNS); every bad row is reported by its line number."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    try:
        return _import_persons(vault, reader, text, actor, hooks, dry_run, case_id, role)
    except csv.Error as exc:  # e.g. a cell longer than csv.field_size_limit()
        raise ImportRefused([_("Line %(line)d: the CSV text cannot be read (a cell is too "
                               "long or badly quoted).") % {"line": reader.line_num}]) from exc


def _import_persons(vault: Vault, reader: csv.DictReader, text: str, actor: str,
                    hooks: Iterable[ChangeHook], dry_run: bool, case_id: str | None,
                    role: str) -> ImportResult:
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    if "name" not in header:
        raise ImportRefused([_("Line 1: the header must have a column \"name\".")])
    unknown = [h for h in header if h not in CSV_PERSON_COLUMNS]
    if unknown:
        raise ImportRefused([_("Line 1: unknown column \"%(column)s\".") % {"column": unknown[0][:40]}])
    reader.fieldnames = header
    rows: list[tuple[int, dict[str, Any], list[dict[str, Any]]]] = []
    problems: list[str] = []
    for row in reader:
        line = reader.line_num
        try:
            rows.append((line, *_person_from_row(row)))
        except ValidationError as exc:
            problems.append(_("Line %(line)d: %(error)s") % {"line": line, "error": exc})
    if problems:
        raise ImportRefused(problems)
    result = ImportResult()
    hook_list = list(hooks)
    with vault.writing() as session:
        for line, person, names in rows:
            try:  # what needs the database: an id already taken, a case that does not exist
                record = insert_record(session, actor, "person", person, hook_list)
                for name in names:
                    insert_record(session, actor, "person_name", {**name, "person_id": record.id},
                                  hook_list)
                if case_id:
                    insert_record(session, actor, "case_role",
                                  {"case_id": case_id, "person_id": record.id, "role": role},
                                  hook_list)
            except ValidationError as exc:  # the whole transaction is rolled back
                raise ImportRefused([_("Line %(line)d: %(error)s")
                                     % {"line": line, "error": exc}]) from exc
        result.created = {"person": len(rows)}
        audit.append(session, actor=actor, action="import",
                     detail=f"csv persons={len(rows)} sha256={hashlib.sha256(text.encode()).hexdigest()}")
        if dry_run:
            session.rollback()
    return result


def _person_from_row(row: dict[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    if None in row:
        raise ValidationError("row", _("The row has more cells than the header."))
    cell = {k: (v or "").strip() for k, v in row.items()}
    name = cell.get("name", "")
    if not name:
        raise ValidationError("name", _("This field must not be empty."))
    person: dict[str, Any] = {}
    year = cell.get("birth_year", "")
    if year:
        if not (year.isdigit() and len(year) == 4):
            raise ValidationError("birth_year", _("A year has four digits."))
        person["birth"] = year
    if cell.get("nationality"):
        person["nationality"] = country_code(cell["nationality"])
    for column in ("sex", "disclosure", "pseudonym", "occupation", "notes", "id"):
        if cell.get(column):
            person[column] = cell[column]
    person = validate("person", person)
    names = [{"text": name, "kind": "primary", "script": _script(name)}]
    for column, kind in (("alias", "alias"), ("name_latin", "transliteration")):
        if cell.get(column):
            names.append({"text": cell[column], "kind": kind, "script": _script(cell[column])})
    for item in names:
        validate("person_name", item)
    return person, names


def _script(text: str) -> str:
    return "Cyrl" if any("\u0400" <= ch <= "\u04ff" for ch in text) else "Latn"


def country_code(value: str) -> str:
    """An ISO code from a code or a country name in English, Russian or Kazakh."""
    if value.upper() in country_codes():
        return value.upper()
    wanted = value.casefold()
    for lang in ("en", "ru", "kk"):
        for code, name in Locale(lang).territories.items():
            if len(code) == 2 and name.casefold() == wanted:
                return code
    raise ValidationError("nationality", _("Not a country code or a known country name."))


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def read_file(path: Path) -> bytes:
    """Read an import file, refusing absurd sizes before reading."""
    try:
        if path.stat().st_size > MAX_JSON_BYTES:
            raise ImportRefused([_("The file is too large to import.")])
        return path.read_bytes()
    except OSError as exc:
        raise HrcaseError(_("The file could not be read.")) from exc
