"""Hostile input: what each parser of outside data must do with anything it is given.

Each ``check_*`` function takes one input, asserts the promise for it and counts it in
``TRIED``. The CI tests (test_hostile.py) and the soak run (tests/soak) drive them with
hypothesis strategies defined here; only the number of examples differs.

Promises:
- records import (CSV, JSON): ImportRefused or a result; never another exception; never a
  partial import (refused: nothing changed; accepted: exactly the reported records changed);
- partial dates: a PartialDate or ValidationError, and ``parse(d.edtf) == d``;
- key-slot files: KeySlots or VaultDamaged; a parsed slot file then opens or says
  WrongPassphrase (cheap parameters only: the expensive ones are a separate test);
- identity cards: an IdentityCard or IdentityError; PKCS#12 files: a result or IdentityError;
- attachment file names: ValidationError, or a name with no path separator, no control
  character, not empty, at most 255 characters; ``save_copy`` writes the destination asked and
  nothing else;
- search queries (FTS5 syntax included): results or SearchQueryError, within seconds, and the
  vault unchanged (a query is never run as SQL or FTS syntax);
- bundle manifests: a Manifest or BundleError; bundles from a verified contact with any byte
  flipped, cut off or added: refused with one typed error, the vault unchanged.
"""

from __future__ import annotations

import base64
import csv
import functools
import io
import json
import shutil
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import strategies as st
from sqlalchemy import text

from hrcase.domain.dates import PartialDate
from hrcase.domain.models import RECORD_KINDS
from hrcase.errors import HrcaseError, ValidationError
from hrcase.services import Services, records_io
from hrcase.services import identities as ids
from hrcase.services.attachments import MAX_FILENAME, safe_filename
from hrcase.services.bundle_format import BundleError, open_bundle, parse_manifest
from hrcase.services.bundles import export_bundle, import_bundle
from hrcase.services.identity_keys import (IdentityCard, IdentityError, create_identity,
                                           import_pkcs12)
from hrcase.services.search import SearchQueryError, SearchService
from hrcase.vault import KdfParams, Vault, VaultDamaged, WrongPassphrase
from hrcase.vault.keyslots import KeySlots

from ..helpers import make_colleagues

TRIED: Counter[str] = Counter()
"""How many inputs each target was given in this process."""
OUTCOMES: Counter[tuple[str, str]] = Counter()
"""What the targets did with them: (target, "refused" | "imported" | "parsed" | ...)."""


def counted(label: str) -> Callable[[Callable[..., str]], Callable[..., str]]:
    """Count every input a target is given, and what it did with it."""
    def wrap(check: Callable[..., str]) -> Callable[..., str]:
        @functools.wraps(check)
        def counting(*args: Any) -> str:
            TRIED[label] += 1
            outcome = check(*args)
            OUTCOMES[(label, outcome)] += 1
            return outcome
        return counting
    return wrap

FAST = KdfParams(memory_kib=8192, iterations=1, lanes=1)
PASSPHRASE = "hostile input test passphrase"


# -- a vault shared by the import targets ------------------------------------------------------
class _Shared:
    """One vault per process for the import targets, made on first use with some records."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="hrcase-hostile-"))
        self.vault, _recovery = Vault.create(self.folder / "hostile.hrcase", PASSPHRASE, FAST)
        services = Services(self.vault, "Fuzzer")
        case = services.records.create("case", {"title": {"en": "Fuzz case"}, "country": "KZ"})
        person = services.records.create("person", {"birth": "1974"})
        services.records.create("person_name", {"person_id": person.id, "text": "Invented Name",
                                                "script": "Latn", "kind": "primary"})
        services.records.create("event", {"case_id": case.id, "event_type": "detention",
                                          "start": "2011-12-16/2011-12-19"})
        services.records.create("testimony", {"case_id": case.id, "interviewee_id": person.id,
                                              "language": "ru", "text": "Выдуманный текст."})
        services.attachments.add(io.BytesIO(b"invented attachment"), filename="note.txt")
        out = io.StringIO()
        records_io.export_json(self.vault, out, "Fuzzer")
        self.export: dict[str, Any] = json.loads(out.getvalue())
        self.ids = [item["id"] for items in self.export["records"].values() for item in items]

    def fingerprint(self) -> dict[str, int]:
        with self.vault.engine.connect() as conn:
            counts = {t: conn.execute(text(f'SELECT count(*), coalesce(sum(revision), 0) FROM "{t}"'))
                      .one() for t in (m.__tablename__ for m in RECORD_KINDS.values())}
            counts["audit"] = conn.execute(text("SELECT count(*) FROM audit_entry")).scalar()
            counts["contents"] = conn.execute(text("SELECT count(*) FROM attachment_blob")).scalar()
        counts["content files"] = len(list(self.vault.content_dir.iterdir()))
        return counts

    def close(self) -> None:
        self.vault.close()
        shutil.rmtree(self.folder, ignore_errors=True)


_shared: _Shared | None = None


def shared() -> _Shared:
    global _shared
    if _shared is None:
        _shared = _Shared()
    return _shared


def close_shared() -> None:
    """Lock and remove the shared vault (end of a run)."""
    global _shared
    if _shared is not None:
        _shared.close()
        _shared = None


# -- targets -----------------------------------------------------------------------------------
@counted("csv import")
def check_csv_import(data: bytes) -> str:
    """As ``hrcase import-records FILE.csv`` does: decode, then import all or nothing."""
    s = shared()
    before = s.fingerprint()
    try:
        try:
            decoded = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise records_io.ImportRefused(["not UTF-8"]) from exc
        result = records_io.import_persons_csv(s.vault, decoded, "Fuzzer")
    except records_io.ImportRefused:
        assert s.fingerprint() == before, "a refused import changed the vault"
        return "refused"
    after = s.fingerprint()
    created = result.created.get("person", 0)
    assert after["person"][0] - before["person"][0] == created
    assert after["audit"] > before["audit"]
    return "imported"


@counted("json import")
def check_json_import(data: bytes) -> str:
    s = shared()
    before = s.fingerprint()
    try:
        result = records_io.import_json(s.vault, data, "Fuzzer")
    except records_io.ImportRefused:
        assert s.fingerprint() == before, "a refused import changed the vault"
        return "refused"
    after = s.fingerprint()
    added = sum(after[t][0] - before[t][0] for t in before
                if t not in ("audit", "contents", "content files"))
    assert added == result.total_created, (added, result)
    assert after["audit"] == before["audit"] + result.total_created + result.total_updated + 1
    return "imported"


@counted("partial date")
def check_partial_date(text_in: str) -> str:
    try:
        value = PartialDate.parse(text_in)
    except ValidationError:
        return "refused"
    assert PartialDate.parse(value.edtf) == value
    return "parsed"


@counted("key slots")
def check_key_slots(data: bytes) -> str:
    try:
        slots = KeySlots.from_bytes(data)
    except VaultDamaged:
        return "refused"
    cheap = all(s.params.memory_kib <= 1024 and s.params.iterations <= 2 for s in slots.slots)
    if cheap:
        try:
            slots.unlock(b"any passphrase")
        except WrongPassphrase:
            pass
    return "parsed"


@counted("identity card")
def check_identity_card(data: bytes) -> str:
    try:
        IdentityCard.from_bytes(data)
    except IdentityError:
        return "refused"
    return "parsed"


@counted("pkcs12")
def check_pkcs12(data: bytes, password: bytes | None) -> str:
    try:
        import_pkcs12(data, password)
    except IdentityError:
        return "refused"
    return "imported"


@counted("attachment file name")
def check_filename(name: str) -> str:
    try:
        safe = safe_filename(name)
    except ValidationError:
        return "refused"
    assert safe and safe not in (".", "..")
    assert "/" not in safe and "\\" not in safe and "\0" not in safe
    assert all(ch.isprintable() for ch in safe)
    assert len(safe) <= MAX_FILENAME
    return "named"


@counted("save_copy")
def check_save_copy(name: str) -> str:
    """Save a decrypted copy under the attachment's own (hostile) name into an empty folder:
    exactly that one file appears, inside that folder."""
    s = shared()
    services = Services(s.vault, "Fuzzer")
    try:
        safe = safe_filename(name)
    except ValidationError:
        return "refused"
    attachment = services.attachments.add(io.BytesIO(b"copy me"), filename=name)
    area = s.folder / f"area-{uuid.uuid4().hex}"
    dest_dir = area / "dest"
    dest_dir.mkdir(parents=True)
    written = services.attachments.save_copy(attachment.id, dest_dir / attachment.filename)
    files = [p for p in area.rglob("*") if p.is_file()]
    assert files == [dest_dir / safe] and written == dest_dir / safe
    assert files[0].read_bytes() == b"copy me"
    outside = [p for p in s.folder.iterdir() if p.is_file()]
    assert outside == [], outside
    shutil.rmtree(area)
    return "saved"


@counted("search query")
def check_search_query(query: str) -> str:
    """Any text typed into search: hits or one SearchQueryError, fast, nothing changed."""
    s = shared()
    before = s.fingerprint()
    start = time.monotonic()
    try:
        hits = SearchService(Services(s.vault, "Fuzzer")).search(query, limit=20)
    except SearchQueryError as exc:
        assert str(exc) and "\n" not in str(exc)
        outcome = "refused"
    else:
        assert all(hit.kind in RECORD_KINDS for hit in hits), "a hit that is not a record"
        outcome = "found" if hits else "nothing found"
    assert time.monotonic() - start < 10, f"query took {time.monotonic() - start:.1f} s"
    assert s.fingerprint() == before, "a search changed the vault"
    return outcome


@counted("bundle manifest")
def check_manifest(data: bytes) -> str:
    try:
        parse_manifest(data)
    except BundleError:
        return "refused"
    return "parsed"


@counted("bundle")
def check_bundle(data: bytes) -> str:
    """A bundle from a verified contact, changed: refused with a typed error, nothing changed."""
    s = shared()
    assert data != bundle_files()["bundle"], "not changed: the strategy must change the bundle"
    path = s.folder / "incoming.hrcase-bundle"
    path.write_bytes(data)
    before = s.fingerprint()
    try:
        import_bundle(Services(s.vault, "Fuzzer"), path)
    except HrcaseError as exc:
        assert str(exc) and s.fingerprint() == before, "a refused bundle changed the vault"
        return f"refused: {type(exc).__name__}"
    raise AssertionError("a changed bundle was imported")


_bundle_files: dict[str, bytes] = {}


def bundle_files() -> dict[str, bytes]:
    """A small signed bundle (one case, two persons, one attachment) from a verified contact of
    the shared vault, and its manifest; made once per process."""
    if not _bundle_files:
        s = shared()
        receiver = Services(s.vault, "Fuzzer")
        sender_vault, _ = Vault.create(s.folder / "sender.hrcase", PASSPHRASE, FAST)
        try:
            sender = Services(sender_vault, "Invented Sender")
            make_colleagues(sender, "Invented Sender", receiver, "Invented Receiver",
                            "Invented NGO")
            case = sender.records.create("case", {"title": {"en": "Bundle fuzz case"}})
            for name in ("Invented Sender Witness", "Invented Second Witness"):
                person = sender.records.create("person", {"notes": name})
                sender.records.create("case_role", {"case_id": case.id, "person_id": person.id,
                                                    "role": "witness"})
            sender.attachments.add(io.BytesIO(b"invented bundle attachment"),
                                   filename="statement.txt", owner_kind="case", owner_id=case.id)
            out = s.folder / "fuzz.hrcase-bundle"
            export_bundle(sender, [case.id], [ids.list_contacts(sender)[0].id], out)
        finally:
            sender_vault.close()
        _bundle_files["bundle"] = out.read_bytes()
        with s.vault.reading() as session:
            keys = [identity.age_identity for identity in ids.all_identities(session)]
        with open(out, "rb") as raw, open_bundle(raw, keys, None) as reader:
            _bundle_files["manifest"] = reader.manifest_bytes
    return _bundle_files


# -- strategies --------------------------------------------------------------------------------
def json_values(depth: int = 2) -> st.SearchStrategy[Any]:
    scalars = st.one_of(st.none(), st.booleans(), st.integers(-2**70, 2**70),
                        st.floats(allow_nan=False), st.text(max_size=40),
                        st.sampled_from(["", "1974", "2011-12-16/2011-12-19", "KZ", "ru", "kk",
                                         "beating", "victim", "named", "x" * 5000,
                                         "2011-13-45", "0000", "-1", "\u202e", "\ud800"]))
    if depth == 0:
        return scalars
    return st.one_of(scalars, st.lists(json_values(depth - 1), max_size=4),
                     st.dictionaries(st.text(max_size=10), json_values(depth - 1), max_size=4))


@st.composite
def json_documents(draw: st.DrawFn) -> bytes:
    """A real export with a few mutations, or raw and truncated bytes."""
    s = shared()
    base = json.loads(json.dumps(s.export))
    shape = draw(st.sampled_from(["mutate", "mutate", "mutate", "truncate", "raw", "new"]))
    if shape == "raw":
        return draw(st.binary(max_size=500))
    if shape == "truncate":
        data = json.dumps(base).encode()
        return data[: draw(st.integers(0, len(data)))]
    records: dict[str, list[dict[str, Any]]] = base["records"]
    if shape == "new":  # fresh ids: new records that reference each other or not
        for items in records.values():
            for item in items:
                item["id"] = draw(st.sampled_from([str(uuid.uuid4()), item["id"]]))
    for _step in range(draw(st.integers(0, 5))):
        kinds = sorted(k for k, v in records.items() if isinstance(v, list))
        if not kinds:
            break
        kind = draw(st.sampled_from(kinds))
        items = records[kind]
        action = draw(st.sampled_from(["set", "set", "drop", "dup", "ref", "bump", "section",
                                       "blob", "top"]))
        if action == "section":
            records[draw(st.text(max_size=8))] = draw(json_values(1))
            continue
        if action == "top":
            base[draw(st.sampled_from(["format", "version", "records", "attachment_content"]))] = \
                draw(json_values(1))
            continue
        if action == "blob":
            blobs = base.setdefault("attachment_content", {})
            if isinstance(blobs, dict):
                key = draw(st.sampled_from(list(blobs) or ["x"]))
                blobs[key] = draw(st.one_of(st.text(max_size=20),
                                            st.binary(max_size=20).map(
                                                lambda b: base64.b64encode(b).decode())))
            continue
        dicts = [item for item in items if isinstance(item, dict) and item]
        if not dicts:
            continue
        item = dicts[draw(st.integers(0, len(dicts) - 1))]
        field = draw(st.sampled_from(sorted(item)))
        if action == "set":
            item[field] = draw(json_values())
        elif action == "drop":
            item.pop(field, None)
        elif action == "dup":
            items.append(dict(item))
        elif action == "ref":
            item[field] = draw(st.sampled_from(s.ids + [str(uuid.uuid4()), ""]))
        elif action == "bump":
            item["revision"] = draw(st.integers(-3, 10**6))
    try:
        return json.dumps(base, ensure_ascii=draw(st.booleans())).encode()
    except (ValueError, UnicodeEncodeError):  # lone surrogates: not UTF-8
        return json.dumps(base).encode()


CSV_COLUMNS = list(records_io.CSV_PERSON_COLUMNS) + ["Name", " NAME ", "unknown", ""]
CELLS = st.one_of(st.text(max_size=30),
                  st.sampled_from(["Айгүл Серікқызы", "1974", "197", "19a4", "KZ", "Kazakhstan",
                                   "Казахстан", "Қазақстан", "XX", "female", "male", "unknown",
                                   "named", "pseudonym", "anonymous", "Code-7", "", " ", '"',
                                   "a\nb", "\x00", "\ufeff", "00000000-0000-0000-0000-000000000000",
                                   "x" * 200_000]))


@st.composite
def csv_documents(draw: st.DrawFn) -> bytes:
    """A persons CSV with any mix of known and unknown columns and hostile cells, or raw bytes."""
    if draw(st.integers(0, 9)) == 0:
        return draw(st.binary(max_size=400))
    header = draw(st.lists(st.sampled_from(CSV_COLUMNS), min_size=1, max_size=6))
    if draw(st.booleans()) and "name" not in header:
        header.insert(0, "name")
    rows = draw(st.lists(st.lists(CELLS, min_size=0, max_size=len(header) + 1), max_size=6))
    if draw(st.booleans()) and "id" in header:  # the same id twice, or an id that exists
        same = draw(st.sampled_from([str(uuid.uuid4()), *shared().ids[:3]]))
        rows = [[same if h == "id" else "Same Id Person" for h in header] for _ in range(2)] + rows
    out = io.StringIO()
    if draw(st.booleans()):
        csv.writer(out).writerows([header, *rows])
    else:  # written by hand: unbalanced quotes, stray separators
        out.write("\n".join(",".join(row) for row in [header, *rows]))
    prefix = draw(st.sampled_from(["", "\ufeff"]))
    return (prefix + out.getvalue()).encode("utf-8", "surrogatepass")


DATE_ALPHABET = "0123456789-/?~%.X ,–u" + "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz" \
                "январьмаяиюнсентбрдкйлгвфпхзцчшщъыэюёқңғүұһәіө"
DATE_WORDS = ["late", "early", "mid", "circa", "c.", "b.", "approx.", "between", "and", "to",
              "before", "after", "sometime in", "December", "Dec", "декабря", "желтоқсан",
              "2011", "16", "19", "1974", "0", "9999", "10000", "-", "/", "..", "?", "~", "%",
              "XX", "2011-12", "2011-12-16", "2011-02-30", "2011-21", "Y170000002"]


def date_texts() -> st.SearchStrategy[str]:
    words = st.lists(st.sampled_from(DATE_WORDS), max_size=6).map(
        lambda ws: " ".join(ws))
    return st.one_of(st.text(DATE_ALPHABET, max_size=30), words, st.text(max_size=20),
                     st.builds(lambda a, b: f"{a}/{b}", words, words))


_identity_files: dict[str, bytes] = {}


def identity_files() -> dict[str, bytes]:
    """A real identity card and PKCS#12 file (invented identity), made once per process."""
    if not _identity_files:
        from cryptography import x509
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.serialization import pkcs12

        material = create_identity("Invented Researcher", "Invented NGO")
        _identity_files["card"] = material.card().to_bytes()
        key = serialization.load_pem_private_key(material.signing_key_pem, None)
        cert = x509.load_pem_x509_certificate(material.certificate_pem)
        _identity_files["p12"] = pkcs12.serialize_key_and_certificates(
            b"invented", key, cert, None,  # type: ignore[arg-type]
            serialization.BestAvailableEncryption(b"secret"))
    return _identity_files


@st.composite
def mutated(draw: st.DrawFn, which: str) -> bytes:
    """A valid file with flipped, cut or inserted bytes; or, for JSON, a replaced field."""
    data = bytearray(identity_files()[which] if which in ("card", "p12") else which.encode())
    shape = draw(st.sampled_from(["flip", "cut", "insert", "field", "raw"]))
    if shape == "raw":
        return draw(st.binary(max_size=600))
    if shape == "flip":
        for _step in range(draw(st.integers(1, 4))):
            i = draw(st.integers(0, len(data) - 1))
            data[i] ^= draw(st.integers(1, 255))
    elif shape == "cut":
        return bytes(data[: draw(st.integers(0, len(data)))])
    elif shape == "insert":
        i = draw(st.integers(0, len(data)))
        data[i:i] = draw(st.binary(min_size=1, max_size=20))
    elif shape == "field" and data.lstrip().startswith(b"{"):
        doc = json.loads(bytes(data))
        path = [draw(st.sampled_from(sorted(doc)))]
        target = doc
        if isinstance(doc[path[0]], list) and doc[path[0]] and isinstance(doc[path[0]][0], dict):
            target = doc[path[0]][0]
            path.append(draw(st.sampled_from(sorted(target))))
        target[path[-1]] = draw(json_values())
        return json.dumps(doc).encode("utf-8", "surrogatepass")
    return bytes(data)


def key_slot_text() -> str:
    """A real slot file with cheap parameters (so parsed variants may be unlocked)."""
    slots = KeySlots.create("00000000-0000-4000-8000-000000000000", bytearray(32), b"pw",
                            b"RECOVERY", KdfParams(memory_kib=64, iterations=1, lanes=1))
    return slots.to_bytes().decode()


FILENAMES = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.sampled_from(list("./\\~ :\x00\x07\t\n\u202eAaЖә")),
            max_size=40),
    st.builds(lambda a, b, c: a + b + c,
              st.sampled_from(["", "/", "../../", "..\\..\\", "C:\\", "/etc/", "~/", "\\\\server\\"]),
              st.text(max_size=300),
              st.sampled_from(["", ".pdf", ".jpg", ".tar.gz", "." + "x" * 20, "/", "\x00"])),
    st.text(min_size=250, max_size=600))


QUERY_PIECES = ['"', "*", "-", "OR", "AND", "NOT", "NEAR(", ":", "(", ")", "{", "}", "^", "+",
                "col:", "text:", "' OR 1=1 --", "; DROP TABLE person;", "\x00", " ", "Invented",
                "Name", "Выдуманный", "текст", "Fuzz", "detention", "Қазақ", "😀", "x" * 300]
QUERIES = st.one_of(st.text(max_size=60),
                    st.lists(st.sampled_from(QUERY_PIECES), max_size=12).map("".join),
                    st.lists(st.sampled_from(QUERY_PIECES), max_size=12).map(" ".join))


@st.composite
def changed_bundles(draw: st.DrawFn) -> bytes:
    """The real bundle with bytes flipped, cut off or inserted anywhere; never unchanged."""
    data = bytearray(bundle_files()["bundle"])
    shape = draw(st.sampled_from(["flip", "flip", "cut", "insert", "swap"]))
    if shape == "flip":  # at distinct places, so that no flip undoes another
        for i in draw(st.lists(st.integers(0, len(data) - 1), min_size=1, max_size=3, unique=True)):
            data[i] ^= draw(st.integers(1, 255))
    elif shape == "cut":
        return bytes(data[: draw(st.integers(0, len(data) - 1))])
    elif shape == "insert":
        i = draw(st.integers(0, len(data)))
        data[i:i] = draw(st.binary(min_size=1, max_size=20))
    else:  # two different bytes exchanged
        i, j = draw(st.integers(0, len(data) - 1)), draw(st.integers(0, len(data) - 1))
        if data[i] == data[j]:
            data[i] ^= 0xFF
        data[i], data[j] = data[j], data[i]
    return bytes(data)
