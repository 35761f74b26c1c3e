"""The hrcase bundle: an age file holding a signed, framed stream of parts.

Decisions (the on-the-wire format; change them only with a new container version):

Outer layer - a standard age v1 file, so the ``age`` command-line tool decrypts a bundle.
  * Recipients mode: one age ``X25519`` stanza per recipient (``age1...``); identities are
    ``AGE-SECRET-KEY-1...`` strings. Both are bech32 (BIP-173: checksum checked, all lower or all
    upper case, 32 key bytes); anything else is an ``InvalidKeyError``.
  * Passphrase mode: one age ``scrypt`` stanza, work factor ``SCRYPT_LOG2N`` (18, age's default).
    As age requires, a scrypt stanza must be the only stanza of a file: a bundle is either for
    recipients or for a passphrase, never both, and a header mixing scrypt with anything is
    refused as damaged.
  * Before any key derivation the header is parsed here and a scrypt work factor above
    ``MAX_SCRYPT_LOG2N`` (2^20) is refused: a hostile file cannot make us spend minutes and GiBs.
  * Other stanza types are skipped (age's "grease"); a malformed X25519 or scrypt stanza makes
    the file invalid. The header MAC is checked before any payload is decrypted.

Why the age layers are written here. The whole age v1 format - X25519 (ECDH, HKDF-SHA-256 with
the ephemeral share and recipient key as salt, ChaCha20-Poly1305 wrap of the 16-byte file key),
scrypt, the header and its HMAC-SHA-256, and the 64 KiB ChaCha20-Poly1305 STREAM payload - is
implemented on ``cryptography``'s primitives exactly as the specification says, rather than
through pyrage (rage): pyrage 1.4 offers passphrases only as whole in-memory calls (no streaming,
which would hold a whole 2 GB bundle in memory), and its streaming ``encrypt_io``/``decrypt_io``
call back into Python every 8 KiB, which held recipients mode at 150-220 MiB/s, a quarter to a
third of the ``age`` tool. The tests check interoperability both ways against pyrage and the
``age`` command-line tool (pyrage and age encrypt, we decrypt; we encrypt, they decrypt), and the
bech32 codec against the BIP-173 vectors. pyrage is only a test dependency of this module.

Inner layer - never written to disk; it exists only as chunks in memory::

    "HRCASE-BUNDLE\\0"  version (uint16 BE, 1)
    frame* where frame = type (1 byte)  length (uint64 BE)  payload
      MANIFEST  (0x01)  canonical JSON, at most 16 MiB
      SIGNATURE (0x02)  the signer's signature over the exact MANIFEST payload bytes
      DATA      (0x03)  1..1 MiB of the current part; parts follow in manifest order, each
                        exactly its declared size (a part of size 0 has no DATA frame)
      END       (0x04)  empty; nothing may follow it

The manifest (canonical: UTF-8, keys sorted, no spaces, integers only; a manifest that is not
byte-for-byte canonical is refused) holds ``format`` ("hrcase-bundle"), ``version`` (1),
``bundle_id`` (UUID), ``created_at`` (``YYYY-MM-DDTHH:MM:SSZ``), ``signer_fingerprint`` (64 hex),
``signer_certificate`` (PEM), ``recipients`` (the age public keys the bundle was encrypted to,
empty in passphrase mode) and ``parts`` (``name``, ``kind`` "records"|"attachment", ``size``,
``sha256``). Signing ``recipients`` lets an importer see that a bundle was signed for someone
else and forwarded (sign-then-encrypt otherwise allows silent re-encryption to a third party).

Trust. age authenticates the stream but not the sender: anyone holding a public key can make
an age file for it. Authenticity comes from the signature over the manifest, whose per-part
SHA-256 values bind the data. ``BundleReader`` therefore lets no part data out before
``verify_signature`` accepted the signature and the addressing, checks every part's size and
hash while streaming (a part's last chunk is released only after its hash matched), and reports
success only from ``finish()``. age's STREAM releases authenticated chunks before a truncated
end can be noticed, so a consumer must stage everything (one database transaction) and commit
only after ``finish()`` returned; on any error it rolls back. Decrypted bytes never touch a file.

Memory and speed. Everything runs on the caller's thread; memory stays a few MiB whatever the
part sizes (passphrase mode adds scrypt's 256 MiB for a moment). Writing seals each 64 KiB
STREAM chunk straight from the frame it lies in; reading takes the input one encrypted chunk
per ``read`` call and decrypts ``_AGE_BATCH`` (16) chunks per step with ``decrypt_into`` into
two reused 1 MiB buffers. The Python-level calls per chunk proved cheap; what was not cheap was
a fresh 1 MiB allocation per step, which glibc returns to the kernel and page-faults in again
(one fault per 4 KiB of data, several times the system time), whereas 64 KiB objects are
recycled. Writing costs two SHA-256 passes (the part hashes and the digest of the output) plus
the encryption, reading one SHA-256 pass plus the decryption; hashing on a helper thread was
tried and gained nothing on a loaded 2-core machine. Recipients mode runs at roughly 0.65 (write)
and 0.8 (read) of the ``age`` tool's throughput; see ``bench/bench_bundle_format.py``.

Errors. Everything that can go wrong with outside data or the outer library is raised as a
``BundleError`` subclass whose ``str()`` is one translated sentence without content and whose
``code`` is stable for scripts; the original exception is chained as ``__cause__`` for debugging.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import re
import struct
import unicodedata
import uuid
from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from typing import Any, BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import (
    X25519PrivateKey,
    X25519PublicKey,
)
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from hrcase.errors import HrcaseError, UsageError
from hrcase.i18n import _
from hrcase.services.hashing import BackgroundSha256, Digest, sha256_for

__all__ = [
    "BundleError", "BundleReadError", "BundleReader", "BundleWriteError", "CorruptedError",
    "InvalidKeyError", "KeyRequiredError", "Manifest", "ManifestError", "NotABundleError",
    "NotAddressedError", "PartInfo", "PartMismatchError", "PassphraseRequiredError", "ProgressFn",
    "SignatureError", "SigningError", "SourceError", "TruncatedError", "UnsupportedBundleError",
    "WorkFactorError", "WrongKeyError", "WrongPassphraseError", "encode_manifest",
    "open_bundle", "parse_manifest", "write_bundle",
]

MAGIC = b"HRCASE-BUNDLE\x00"
CONTAINER_VERSION = 1
FORMAT = "hrcase-bundle"
MANIFEST_VERSION = 1
FRAME_MANIFEST, FRAME_SIGNATURE, FRAME_DATA, FRAME_END = 0x01, 0x02, 0x03, 0x04
CHUNK_SIZE = 1024 * 1024
MAX_MANIFEST_BYTES = 16 * 1024 * 1024
MAX_SIGNATURE_BYTES = 16 * 1024
MAX_CERTIFICATE_CHARS = 64 * 1024
MAX_PARTS = 100_000
MAX_RECIPIENTS = 1_000
MAX_PART_NAME = 255
MAX_PART_SIZE = 2**63 - 1
PART_KINDS = ("records", "attachment")
SCRYPT_LOG2N = 18
MAX_SCRYPT_LOG2N = 20

_PREAMBLE = MAGIC + struct.pack(">H", CONTAINER_VERSION)
_FRAME_HEADER = struct.Struct(">BQ")
_AGE_INTRO = b"age-encryption.org/v1\n"
_AGE_CHUNK = 64 * 1024
_AGE_TAG = 16
_AGE_ENCRYPTED_CHUNK = _AGE_CHUNK + _AGE_TAG
_AGE_BATCH = 16                      # STREAM chunks sealed or opened per Python-level step
_AGE_FILE_KEY = 16
_AGE_MAX_HEADER = 1024 * 1024
_AGE_MAX_LINE = 4096
_AGE_BODY_COLUMNS = 64
_SCRYPT_LABEL = b"age-encryption.org/v1/scrypt"
_X25519_LABEL = b"age-encryption.org/v1/X25519"
_ZERO_NONCE = bytes(12)
_RECIPIENT_HRP = "age"
_IDENTITY_HRP = "age-secret-key-"
_BECH32_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_BECH32_GENERATORS = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)
_BECH32_MAX_TEXT = 1024
_MANIFEST_KEYS = frozenset({"format", "version", "bundle_id", "created_at", "signer_fingerprint",
                            "signer_certificate", "recipients", "parts"})
_PART_KEYS = frozenset({"name", "kind", "size", "sha256"})
_HEX64 = re.compile(r"[0-9a-f]{64}")
_CREATED_AT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
_AGE_RECIPIENT = re.compile(r"age1[02-9ac-hj-np-z]{58}")
_B64 = re.compile(rb"[A-Za-z0-9+/]*")
_LOG2N = re.compile(rb"[1-9][0-9]*")
_PEM_BEGIN = "-----BEGIN CERTIFICATE-----"
_FORBIDDEN_NAME_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Zl", "Zp"})


# --------------------------------------------------------------------------------------- errors

class BundleError(HrcaseError):
    """A bundle cannot be written or read; ``code`` names the reason for scripts."""

    exit_code = 7
    code = "bundle"

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message if message is not None else self.default_message())

    def default_message(self) -> str:
        """The translated sentence shown when no more specific one is given."""
        return _("The bundle cannot be used.")


class NotABundleError(BundleError):
    """The file is not an age file, or its content is not an hrcase bundle."""

    code = "not_a_bundle"

    def default_message(self) -> str:
        return _("This file is not an hrcase bundle.")


class UnsupportedBundleError(BundleError):
    """The bundle uses a format version this hrcase does not know."""

    code = "unsupported_version"

    def default_message(self) -> str:
        return _("This bundle was made by a newer version of hrcase; update hrcase to open it.")


class WrongKeyError(BundleError):
    """None of the given identities can open the bundle."""

    code = "wrong_key"

    def default_message(self) -> str:
        return _("This bundle is not encrypted for your key.")


class KeyRequiredError(WrongKeyError):
    """A passphrase was given but the bundle is encrypted for keys."""

    code = "key_required"

    def default_message(self) -> str:
        return _("This bundle is encrypted for a key, not protected by a passphrase.")


class WrongPassphraseError(BundleError):
    """The passphrase does not open the bundle."""

    code = "wrong_passphrase"

    def default_message(self) -> str:
        return _("The passphrase does not open this bundle.")


class PassphraseRequiredError(WrongPassphraseError):
    """The bundle is protected by a passphrase and none was given."""

    code = "passphrase_required"

    def default_message(self) -> str:
        return _("This bundle is protected by a passphrase; enter it to open the bundle.")


class WorkFactorError(BundleError):
    """The passphrase stanza asks for more scrypt work than we accept."""

    code = "work_factor"

    def default_message(self) -> str:
        return _("This bundle asks for an unreasonably costly passphrase check and was refused.")


class TruncatedError(BundleError):
    """The file ends too early (or its last bytes are damaged, which looks the same)."""

    code = "truncated"

    def default_message(self) -> str:
        return _("The bundle file is incomplete: it ends too early or its end is damaged.")


class CorruptedError(BundleError):
    """Authentication failed or the content does not match what the manifest declares."""

    code = "corrupted"

    def default_message(self) -> str:
        return _("The bundle file is damaged or has been altered.")


class ManifestError(BundleError):
    """The manifest is not valid."""

    code = "bad_manifest"

    def default_message(self) -> str:
        return _("The table of contents of this bundle is not valid.")


class SignatureError(BundleError):
    """The signature over the manifest does not verify."""

    code = "bad_signature"

    def default_message(self) -> str:
        return _("The signature of this bundle is not valid.")


class NotAddressedError(SignatureError):
    """The signed manifest names other recipients: the bundle was forwarded."""

    code = "not_addressed"

    def default_message(self) -> str:
        return _("This bundle was signed for other recipients and has been passed on to you.")


class InvalidKeyError(BundleError):
    """A recipient or identity string is not a valid age X25519 key."""

    code = "invalid_key"

    def default_message(self) -> str:
        return _("A key is not a valid age key.")


class PartMismatchError(BundleError):
    """Data to export does not have the size or SHA-256 its part declares."""

    code = "part_mismatch"

    def default_message(self) -> str:
        return _("Data to export does not match its recorded size or checksum.")


class SourceError(BundleError):
    """Data to export could not be read."""

    code = "source_failed"

    def default_message(self) -> str:
        return _("The data to export could not be read.")


class SigningError(BundleError):
    """The signing callback failed."""

    code = "signing_failed"

    def default_message(self) -> str:
        return _("The bundle could not be signed.")


class BundleReadError(BundleError):
    """The encrypted file could not be read (an I/O error)."""

    code = "read_failed"

    def default_message(self) -> str:
        return _("The bundle file could not be read.")


class BundleWriteError(BundleError):
    """The encrypted file could not be written (an I/O error)."""

    code = "write_failed"

    def default_message(self) -> str:
        return _("The bundle file could not be written.")


# ------------------------------------------------------------------------------------- manifest

@dataclass(frozen=True, slots=True)
class PartInfo:
    """One part of a bundle: a name unique in the bundle, its kind, size and SHA-256 (hex)."""

    name: str
    kind: str
    size: int
    sha256: str


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _new_id() -> str:
    return str(uuid.uuid4())


@dataclass(frozen=True, slots=True)
class Manifest:
    """The signed table of contents of a bundle.

    ``write_bundle`` fills ``recipients`` and ``parts`` from its arguments when they are empty.
    """

    signer_fingerprint: str
    signer_certificate_pem: str
    bundle_id: str = field(default_factory=_new_id)
    created_at: str = field(default_factory=_now)
    recipients: tuple[str, ...] = ()
    parts: tuple[PartInfo, ...] = ()


def encode_manifest(manifest: Manifest) -> bytes:
    """The canonical JSON bytes of ``manifest``; raises ``ManifestError`` if it is not valid."""
    obj = {
        "format": FORMAT, "version": MANIFEST_VERSION, "bundle_id": manifest.bundle_id,
        "created_at": manifest.created_at, "signer_fingerprint": manifest.signer_fingerprint,
        "signer_certificate": manifest.signer_certificate_pem,
        "recipients": list(manifest.recipients),
        "parts": [{"name": p.name, "kind": p.kind, "size": p.size, "sha256": p.sha256}
                  for p in manifest.parts],
    }
    _manifest_from_obj(obj)
    data = _canonical_json(obj)
    if len(data) > MAX_MANIFEST_BYTES:
        raise ManifestError()
    return data


def parse_manifest(data: bytes) -> Manifest:
    """Parse manifest bytes from outside strictly; raises only ``ManifestError`` (or its subclass)."""
    if not isinstance(data, (bytes, bytearray)) or len(data) > MAX_MANIFEST_BYTES:
        raise ManifestError()
    try:
        obj = json.loads(bytes(data).decode("utf-8"), object_pairs_hook=_unique_keys,
                         parse_float=_refuse_number, parse_constant=_refuse_number)
    except (ValueError, RecursionError) as exc:
        raise ManifestError() from exc
    manifest = _manifest_from_obj(obj)
    if _canonical_json(obj) != data:
        raise ManifestError()
    return manifest


def _canonical_json(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      allow_nan=False).encode("utf-8")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise ValueError("duplicate key")
    return result


def _refuse_number(text: str) -> Any:
    raise ValueError("only integers are allowed")


def _manifest_from_obj(obj: Any) -> Manifest:
    """Check the manifest structure by hand; the format and version first."""
    if not isinstance(obj, dict) or obj.get("format") != FORMAT:
        raise ManifestError()
    version = obj.get("version")
    if not _is_int(version):
        raise ManifestError()
    if version != MANIFEST_VERSION:
        raise UnsupportedBundleError()
    if set(obj) != _MANIFEST_KEYS:
        raise ManifestError()
    bundle_id, created_at = obj["bundle_id"], obj["created_at"]
    fingerprint, certificate = obj["signer_fingerprint"], obj["signer_certificate"]
    if not (_is_uuid(bundle_id) and _is_timestamp(created_at)
            and isinstance(fingerprint, str) and _HEX64.fullmatch(fingerprint)
            and _is_certificate(certificate)):
        raise ManifestError()
    recipients, parts = obj["recipients"], obj["parts"]
    if not (isinstance(recipients, list) and len(recipients) <= MAX_RECIPIENTS
            and all(isinstance(r, str) and _AGE_RECIPIENT.fullmatch(r) for r in recipients)
            and len(set(recipients)) == len(recipients)):
        raise ManifestError()
    if not isinstance(parts, list) or len(parts) > MAX_PARTS:
        raise ManifestError()
    infos = tuple(_part_from_obj(p) for p in parts)
    if len({p.name for p in infos}) != len(infos):
        raise ManifestError()
    return Manifest(signer_fingerprint=fingerprint, signer_certificate_pem=certificate,
                    bundle_id=bundle_id, created_at=created_at, recipients=tuple(recipients),
                    parts=infos)


def _part_from_obj(obj: Any) -> PartInfo:
    if not isinstance(obj, dict) or set(obj) != _PART_KEYS:
        raise ManifestError()
    name, kind, size, digest = obj["name"], obj["kind"], obj["size"], obj["sha256"]
    if not (_is_part_name(name) and kind in PART_KINDS and _is_int(size)
            and 0 <= size <= MAX_PART_SIZE and isinstance(digest, str) and _HEX64.fullmatch(digest)):
        raise ManifestError()
    return PartInfo(name=name, kind=kind, size=size, sha256=digest)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_uuid(value: Any) -> bool:
    if not isinstance(value, str) or len(value) != 36:
        return False
    try:
        return str(uuid.UUID(value)) == value
    except ValueError:
        return False


def _is_timestamp(value: Any) -> bool:
    if not isinstance(value, str) or not _CREATED_AT.fullmatch(value):
        return False
    try:
        datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        return False
    return True


def _is_certificate(value: Any) -> bool:
    return (isinstance(value, str) and len(value) <= MAX_CERTIFICATE_CHARS
            and value.startswith(_PEM_BEGIN) and value.isascii()
            and all(ch.isprintable() or ch in "\r\n" for ch in value))


def _is_part_name(value: Any) -> bool:
    """A name safe to show and to use as a single path component: no separators, no controls."""
    return (isinstance(value, str) and 0 < len(value) <= MAX_PART_NAME
            and value not in (".", "..") and "/" not in value and "\\" not in value
            and not any(unicodedata.category(ch) in _FORBIDDEN_NAME_CATEGORIES for ch in value))


# --------------------------------------------------------------------------------------- writer

ProgressFn = Callable[[int, int], None]
"""Called with (done, total); whatever it raises stops the work and passes on unchanged."""


def write_bundle(out: BinaryIO, manifest: Manifest,
                 parts: Iterable[tuple[PartInfo, Callable[[], Iterator[bytes]]]],
                 sign: Callable[[bytes], bytes], recipients: list[str],
                 passphrase: str | None, progress: ProgressFn | None = None, *,
                 check_hashes: bool = True) -> str:
    """Encrypt a signed bundle into ``out``, streaming; return the SHA-256 (hex) of what was written.

    ``parts`` pairs each part with a function that yields its bytes (called once, in order);
    the bytes must match the declared size and SHA-256 or ``PartMismatchError`` is raised.
    ``sign`` gets the exact manifest bytes. Give X25519 ``recipients`` or a ``passphrase``, not
    both. ``progress`` gets (part bytes written, sum of the part sizes) before the first and
    after every DATA frame; what it raises (a cancellation) is raised unchanged. On any error
    what was written to ``out`` is not a valid bundle and must be discarded.

    ``check_hashes=False`` skips hashing the parts again, for sources that authenticate every
    byte they give and whose SHA-256 was taken as they were stored (the vault's sealed content
    files, ``hrcase.vault.blobs``): a gigabyte costs a second less. Sizes are always checked.
    """
    if bool(recipients) == (passphrase is not None):
        raise UsageError(_("A bundle is encrypted either for recipients' keys or with a "
                           "passphrase: give exactly one of the two."))
    if passphrase is not None:
        _check_passphrase(passphrase)
    public_keys = [_parse_recipient(r) for r in recipients]
    plan = list(parts)
    infos = tuple(info for info, _source in plan)
    names = tuple(_recipient_string(key) for key in public_keys)
    if (manifest.parts and manifest.parts != infos) or \
            (manifest.recipients and manifest.recipients != names):
        raise ValueError("manifest parts or recipients differ from the arguments")
    body = encode_manifest(replace(manifest, parts=infos, recipients=names))
    file_key = os.urandom(_AGE_FILE_KEY)
    stanzas = [_x25519_stanza(file_key, key) for key in public_keys]   # before signing: may refuse
    signature = _sign(sign, body)
    counter = _Progress(progress, sum(info.size for info in infos))
    counter.advance(0)
    frames = _TrackedIterator(_frames(body, signature, plan, counter, check_hashes))
    sink = _HashingWriter(out)
    try:
        if passphrase is not None:
            stanzas = [_scrypt_stanza(file_key, passphrase)]
        _age_encrypt(frames, sink, file_key, stanzas)
    except Exception as exc:
        if exc is counter.error:
            raise
        error = _writer_error(exc, frames, sink)
        if error is exc:
            raise
        raise error from exc
    finally:
        frames.close()  # a part left half-read ends its hashing thread now, not at collection
        digest = sink.hexdigest()  # also ends its hashing thread when the writing failed
    return digest


def _check_passphrase(passphrase: str) -> None:
    if not passphrase:
        raise UsageError(_("The passphrase must not be empty."))
    try:
        passphrase.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise UsageError(_("The passphrase contains characters that cannot be used.")) from exc


def _sign(sign: Callable[[bytes], bytes], body: bytes) -> bytes:
    try:
        signature = sign(body)
    except HrcaseError:
        raise
    except Exception as exc:
        raise SigningError() from exc
    if not isinstance(signature, (bytes, bytearray)) or not 0 < len(signature) <= MAX_SIGNATURE_BYTES:
        raise SigningError()
    return bytes(signature)


def _writer_error(exc: Exception, frames: _TrackedIterator, sink: _HashingWriter) -> HrcaseError:
    """The error to raise for a failure inside the encryption loop."""
    cause = frames.error or sink.error or exc
    if isinstance(cause, HrcaseError):
        return cause
    if cause is frames.error:
        return SourceError()
    return BundleWriteError()


class _Progress:
    """Counts the part bytes written for a ``ProgressFn``; keeps what it raised (a stop)."""

    def __init__(self, callback: ProgressFn | None, total: int) -> None:
        self._callback = callback
        self.total = total
        self.done = 0
        self.error: BaseException | None = None

    def advance(self, size: int) -> None:
        """Count ``size`` more bytes and report them."""
        self.done += size
        if self._callback is None:
            return
        try:
            self._callback(self.done, self.total)
        except BaseException as exc:
            self.error = exc
            raise


def _frames(body: bytes, signature: bytes,
            plan: list[tuple[PartInfo, Callable[[], Iterator[bytes]]]],
            counter: _Progress, check_hashes: bool) -> Generator[bytes, None, None]:
    """The inner plaintext as a sequence of byte strings."""
    yield _PREAMBLE
    yield _FRAME_HEADER.pack(FRAME_MANIFEST, len(body))
    yield body
    yield _FRAME_HEADER.pack(FRAME_SIGNATURE, len(signature))
    yield signature
    for info, source in plan:
        yield from _part_frames(info, source(), counter, check_hashes)
    yield _FRAME_HEADER.pack(FRAME_END, 0)


class _Trusted:
    """Stands in for the SHA-256 of a part whose source vouches for its bytes."""

    def __init__(self, expected: str) -> None:
        self._expected = expected

    def update(self, data: bytes) -> None:
        """Nothing to hash."""

    def hexdigest(self) -> str:
        return self._expected


def _part_frames(info: PartInfo, pieces: Iterator[bytes], counter: _Progress,
                 check_hash: bool) -> Iterator[bytes]:
    """DATA frames of at most ``CHUNK_SIZE`` for one part, checking its size (and its hash,
    if asked); each frame is counted once the consumer took it."""
    digest = sha256_for(info.size) if check_hash else _Trusted(info.sha256)
    try:
        yield from _checked_frames(info, pieces, counter, digest)
    finally:
        digest.hexdigest()  # ends a hashing thread whatever happened


def _checked_frames(info: PartInfo, pieces: Iterator[bytes], counter: _Progress,
                    digest: Digest) -> Iterator[bytes]:
    size, pending = 0, bytearray()
    data_header = _FRAME_HEADER.pack(FRAME_DATA, CHUNK_SIZE)
    for piece in pieces:
        size += len(piece)
        if size > info.size:
            raise PartMismatchError()
        if not pending and len(piece) == CHUNK_SIZE:
            piece = bytes(piece)
            digest.update(piece)
            if size == info.size and digest.hexdigest() != info.sha256:
                raise PartMismatchError()
            yield data_header
            yield piece
            counter.advance(CHUNK_SIZE)
            continue
        pending += piece
        while len(pending) >= CHUNK_SIZE:
            chunk = bytes(memoryview(pending)[:CHUNK_SIZE])
            del pending[:CHUNK_SIZE]
            digest.update(chunk)
            if size == info.size and not pending and digest.hexdigest() != info.sha256:
                raise PartMismatchError()
            yield data_header
            yield chunk
            counter.advance(CHUNK_SIZE)
    last = bytes(pending)
    if last:
        digest.update(last)
    if size != info.size or digest.hexdigest() != info.sha256:
        raise PartMismatchError()
    if last:
        yield _FRAME_HEADER.pack(FRAME_DATA, len(last))
        yield last
        counter.advance(len(last))


class _TrackedIterator:
    """Iterates over ``pieces`` and keeps the exception it raised (a source error)."""

    def __init__(self, pieces: Generator[bytes, None, None]) -> None:
        self._pieces = pieces
        self.error: BaseException | None = None

    def __iter__(self) -> _TrackedIterator:
        return self

    def __next__(self) -> bytes:
        try:
            return next(self._pieces)
        except StopIteration:
            raise
        except BaseException as exc:
            self.error = exc
            raise

    def close(self) -> None:
        """Close the underlying generator (its ``finally`` blocks run now)."""
        self._pieces.close()


class _HashingWriter:
    """Writes to ``out`` while hashing (on another core); keeps the first write error."""

    def __init__(self, out: BinaryIO) -> None:
        self._out = out
        self._digest = BackgroundSha256()
        self.error: BaseException | None = None

    def write(self, data: bytes | bytearray) -> int:
        try:
            self._out.write(data)
        except BaseException as exc:
            self.error = exc
            raise
        self._digest.update(data)
        return len(data)

    def hexdigest(self) -> str:
        return self._digest.hexdigest()


# ------------------------------------------------------------------------------ bech32 and keys

def _bech32_polymod(values: Iterable[int]) -> int:
    check = 1
    for value in values:
        top = check >> 25
        check = (check & 0x1FFFFFF) << 5 ^ value
        for bit, generator in enumerate(_BECH32_GENERATORS):
            if top >> bit & 1:
                check ^= generator
    return check


def _bech32_hrp_expand(hrp: str) -> list[int]:
    return [ord(ch) >> 5 for ch in hrp] + [0] + [ord(ch) & 31 for ch in hrp]


def _bech32_decode(text: str) -> tuple[str, list[int]]:
    """The lower-case HRP and 5-bit data of a BIP-173 bech32 string; ``ValueError`` if invalid.

    As in age, the 90-character limit of BIP-173 is not applied (the callers check the length
    of the decoded key), and the string must be all lower or all upper case.
    """
    if not isinstance(text, str) or not text.isascii() or len(text) > _BECH32_MAX_TEXT:
        raise ValueError("not an ASCII string of reasonable length")
    if text.lower() != text and text.upper() != text:
        raise ValueError("mixed case")
    text = text.lower()
    pos = text.rfind("1")
    if pos < 1 or pos + 7 > len(text):
        raise ValueError("separator misplaced")
    hrp = text[:pos]
    if any(not 33 <= ord(ch) <= 126 for ch in hrp):
        raise ValueError("invalid character in the human-readable part")
    try:
        data = [_BECH32_CHARSET.index(ch) for ch in text[pos + 1:]]
    except ValueError:
        raise ValueError("invalid data character") from None
    if _bech32_polymod(_bech32_hrp_expand(hrp) + data) != 1:
        raise ValueError("checksum mismatch")
    return hrp, data[:-6]


def _bech32_encode(hrp: str, data: list[int]) -> str:
    """The lower-case bech32 string of ``hrp`` (lower case) and 5-bit ``data``."""
    polymod = _bech32_polymod(_bech32_hrp_expand(hrp) + data + [0] * 6) ^ 1
    checksum = [(polymod >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(_BECH32_CHARSET[d] for d in data + checksum)


def _bits_8_to_5(data: bytes) -> list[int]:
    acc, bits, out = 0, 0, []
    for byte in data:
        acc, bits = acc << 8 | byte, bits + 8
        while bits >= 5:
            bits -= 5
            out.append(acc >> bits & 31)
    if bits:
        out.append(acc << (5 - bits) & 31)
    return out


def _bits_5_to_8(data: list[int]) -> bytes:
    """Bytes from 5-bit groups; the padding must be under 5 bits and zero, as BIP-173 requires."""
    acc, bits, out = 0, 0, bytearray()
    for value in data:
        acc, bits = acc << 5 | value, bits + 5
        if bits >= 8:
            bits -= 8
            out.append(acc >> bits & 0xFF)
    if bits >= 5 or acc & ((1 << bits) - 1):
        raise ValueError("invalid padding")
    return bytes(out)


def _decode_key(text: Any, hrp: str) -> bytes:
    """The 32 bytes of an age key string with this HRP; ``InvalidKeyError`` otherwise."""
    if not isinstance(text, str):
        raise InvalidKeyError()
    try:
        found, data = _bech32_decode(text.strip())
        key = _bits_5_to_8(data)
    except ValueError as exc:
        raise InvalidKeyError() from exc
    if found != hrp or len(key) != 32:
        raise InvalidKeyError()
    return key


def _parse_recipient(text: str) -> bytes:
    """The X25519 public key of an ``age1...`` recipient string."""
    return _decode_key(text, _RECIPIENT_HRP)


def _recipient_string(public_key: bytes) -> str:
    """The canonical (lower-case) ``age1...`` string of an X25519 public key."""
    return _bech32_encode(_RECIPIENT_HRP, _bits_8_to_5(public_key))


@dataclass(frozen=True, slots=True)
class _Identity:
    private_key: X25519PrivateKey
    public_key: bytes


def _parse_identity(text: str) -> _Identity:
    """An ``AGE-SECRET-KEY-1...`` identity string as an X25519 key pair."""
    private_key = X25519PrivateKey.from_private_bytes(_decode_key(text, _IDENTITY_HRP))
    return _Identity(private_key, private_key.public_key().public_bytes_raw())


def _identity_string(secret: bytes) -> str:
    """The canonical (upper-case) ``AGE-SECRET-KEY-1...`` string of 32 secret bytes."""
    return _bech32_encode(_IDENTITY_HRP, _bits_8_to_5(secret)).upper()


# ------------------------------------------------------------------------------ age v1 format

def _b64encode(data: bytes) -> bytes:
    return base64.b64encode(data).rstrip(b"=")


def _b64decode(text: bytes) -> bytes:
    """Canonical unpadded standard base64, as age requires; ``CorruptedError`` otherwise."""
    if not _B64.fullmatch(text) or len(text) % 4 == 1:
        raise CorruptedError()
    data = base64.b64decode(text + b"=" * (-len(text) % 4))
    if _b64encode(data) != text:
        raise CorruptedError()
    return data


def _hkdf(key: bytes, salt: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(key)


def _scrypt_key(passphrase: str, salt: bytes, log2n: int) -> bytes:
    return Scrypt(salt=_SCRYPT_LABEL + salt, length=32, n=1 << log2n, r=8, p=1).derive(
        passphrase.encode("utf-8"))


def _stanza(kind: bytes, args: Iterable[bytes], body: bytes) -> bytes:
    """One header stanza; the body is wrapped at 64 columns and always ends with a short line."""
    text = _b64encode(body)
    lines = [text[i: i + _AGE_BODY_COLUMNS] for i in range(0, len(text), _AGE_BODY_COLUMNS)]
    if len(text) % _AGE_BODY_COLUMNS == 0:
        lines.append(b"")
    return b"-> " + b" ".join([kind, *args]) + b"\n" + b"".join(line + b"\n" for line in lines)


def _scrypt_stanza(file_key: bytes, passphrase: str) -> bytes:
    salt = os.urandom(16)
    wrapped = ChaCha20Poly1305(_scrypt_key(passphrase, salt, SCRYPT_LOG2N)).encrypt(
        _ZERO_NONCE, file_key, None)
    return _stanza(b"scrypt", [_b64encode(salt), str(SCRYPT_LOG2N).encode()], wrapped)


def _x25519_stanza(file_key: bytes, public_key: bytes) -> bytes:
    """Wrap ``file_key`` for one recipient with a fresh ephemeral key (age's X25519 recipient)."""
    ephemeral = X25519PrivateKey.generate()
    share = ephemeral.public_key().public_bytes_raw()
    try:
        shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(public_key))
    except ValueError as exc:       # a low-order point: the shared secret would be all zero
        raise InvalidKeyError() from exc
    wrap_key = _hkdf(shared, share + public_key, _X25519_LABEL)
    wrapped = ChaCha20Poly1305(wrap_key).encrypt(_ZERO_NONCE, file_key, None)
    return _stanza(b"X25519", [_b64encode(share)], wrapped)


def _header_mac(file_key: bytes, mac_input: bytes) -> bytes:
    return hmac.new(_hkdf(file_key, b"", b"header"), mac_input, hashlib.sha256).digest()


def _stream_nonce(counter: int, last: bool) -> bytes:
    return counter.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


def _age_encrypt(pieces: Iterable[bytes], out: _HashingWriter, file_key: bytes,
                 stanzas: list[bytes]) -> None:
    """Write an age v1 file: the header with ``stanzas``, then the STREAM payload of ``pieces``."""
    header = _AGE_INTRO + b"".join(stanzas) + b"---"
    nonce = os.urandom(16)
    out.write(header + b" " + _b64encode(_header_mac(file_key, header)) + b"\n" + nonce)
    stream = _StreamEncryptor(ChaCha20Poly1305(_hkdf(file_key, nonce, b"payload")), out)
    for piece in pieces:
        stream.write(piece)
    stream.close()


class _StreamEncryptor:
    """age's STREAM: 64 KiB chunks, the last one flagged.

    A chunk is sealed only once a byte after it is known, because only the final chunk (which
    may be full, or empty for an empty payload) carries the last-chunk flag. Full chunks are
    sealed straight from the caller's buffer; only the piece that straddles two writes is
    copied. Each sealed chunk is written as a new 64 KiB object, which the C allocator recycles
    without page faults (unlike a new 1 MiB batch buffer) and which ``out`` may keep.
    """

    def __init__(self, aead: ChaCha20Poly1305, out: _HashingWriter) -> None:
        self._encrypt = aead.encrypt
        self._out = out
        self._pending = bytearray()                  # 0..64 KiB of plaintext not sealed yet
        self._counter = 0

    def write(self, data: bytes | bytearray | memoryview) -> None:
        with memoryview(data) as raw, raw.cast("B") as view:
            size, pending = len(view), self._pending
            start = min(_AGE_CHUNK - len(pending), size)
            pending += view[:start]
            if start == size:
                return
            self._seal(pending, last=False)              # more data follows the held chunk
            pending.clear()
            for _chunk in range((size - start - 1) // _AGE_CHUNK):   # keep at least one byte back
                self._seal(view[start: start + _AGE_CHUNK], last=False)
                start += _AGE_CHUNK
            pending += view[start:]

    def close(self) -> None:
        self._seal(self._pending, last=True)
        self._pending.clear()

    def _seal(self, chunk: bytes | bytearray | memoryview, last: bool) -> None:
        self._out.write(self._encrypt(_stream_nonce(self._counter, last), chunk, None))
        self._counter += 1


# ------------------------------------------------------------------------------- age header

@dataclass(frozen=True, slots=True)
class _Stanza:
    kind: bytes
    args: tuple[bytes, ...]
    body: bytes


@dataclass(frozen=True, slots=True)
class _AgeHeader:
    raw: bytes
    mac_input: bytes
    mac: bytes
    stanzas: tuple[_Stanza, ...]


def _read_age_header(inp: BinaryIO) -> _AgeHeader:
    """Read and check the age header line by line, consuming nothing after it."""
    raw = bytearray()

    def read(call: Callable[[], bytes]) -> bytes:
        try:
            data = call()
        except Exception as exc:
            raise BundleReadError() from exc
        if not isinstance(data, bytes):
            raise BundleReadError()
        raw.extend(data)
        if len(raw) > _AGE_MAX_HEADER:
            raise CorruptedError()
        return data

    def line() -> bytes:
        data = read(lambda: inp.readline(_AGE_MAX_LINE + 1))
        if not data.endswith(b"\n"):
            raise CorruptedError() if len(data) > _AGE_MAX_LINE else TruncatedError()
        return data[:-1]

    if read(lambda: inp.read(len(_AGE_INTRO))) != _AGE_INTRO:
        raise NotABundleError()
    stanzas: list[_Stanza] = []
    while True:
        text = line()
        if text.startswith(b"---"):
            if not text.startswith(b"--- "):
                raise CorruptedError()
            mac = _b64decode(text[4:])
            if len(mac) != 32 or not stanzas:
                raise CorruptedError()
            mac_input = bytes(raw[: len(raw) - len(text) - 1 + 3])
            return _AgeHeader(raw=bytes(raw), mac_input=mac_input, mac=mac, stanzas=tuple(stanzas))
        if not text.startswith(b"-> "):
            raise CorruptedError()
        words = text[3:].split(b" ")
        if not all(word and all(0x21 <= b <= 0x7E for b in word) for word in words):
            raise CorruptedError()
        body = bytearray()
        while True:
            body_line = line()
            if len(body_line) > _AGE_BODY_COLUMNS:
                raise CorruptedError()
            body += body_line
            if len(body_line) < _AGE_BODY_COLUMNS:
                break
        stanzas.append(_Stanza(kind=words[0], args=tuple(words[1:]), body=_b64decode(bytes(body))))


def _scrypt_params(header: _AgeHeader) -> tuple[bytes, int, bytes] | None:
    """Salt, log2(N) and wrapped key of a scrypt header, checked; ``None`` for other headers."""
    if not any(s.kind == b"scrypt" for s in header.stanzas):
        return None
    if len(header.stanzas) != 1 or len(header.stanzas[0].args) != 2:
        raise CorruptedError()
    stanza = header.stanzas[0]
    salt_text, log2n_text = stanza.args
    if not _LOG2N.fullmatch(log2n_text):
        raise CorruptedError()
    if len(log2n_text) > 2 or int(log2n_text) > MAX_SCRYPT_LOG2N:
        raise WorkFactorError()
    salt = _b64decode(salt_text)
    if len(salt) != 16 or len(stanza.body) != 32:
        raise CorruptedError()
    return salt, int(log2n_text), stanza.body


def _x25519_file_key(header: _AgeHeader, identities: list[_Identity]) -> bytes:
    """Unwrap the file key from the header's X25519 stanzas with one of ``identities``.

    In the order age and rage use (each identity in turn against the stanzas in header order):
    other stanza types are skipped, an unwrapping that fails authentication means "not for this
    key", and a malformed X25519 stanza (or a low-order share) met before a match makes the file
    invalid.
    """
    for identity in identities:
        for stanza in header.stanzas:
            if stanza.kind != b"X25519":
                continue
            if len(stanza.args) != 1 or len(stanza.body) != _AGE_FILE_KEY + _AGE_TAG:
                raise CorruptedError()
            share = _b64decode(stanza.args[0])
            if len(share) != 32:
                raise CorruptedError()
            try:
                shared = identity.private_key.exchange(X25519PublicKey.from_public_bytes(share))
            except ValueError as exc:
                raise CorruptedError() from exc
            wrap_key = _hkdf(shared, share + identity.public_key, _X25519_LABEL)
            try:
                return ChaCha20Poly1305(wrap_key).decrypt(_ZERO_NONCE, stanza.body, None)
            except InvalidTag:
                continue
    raise WrongKeyError()


def _scrypt_file_key(params: tuple[bytes, int, bytes], passphrase: str) -> bytes:
    salt, log2n, wrapped = params
    try:
        key = _scrypt_key(passphrase, salt, log2n)
        return ChaCha20Poly1305(key).decrypt(_ZERO_NONCE, wrapped, None)
    except (InvalidTag, UnicodeEncodeError) as exc:
        raise WrongPassphraseError() from exc


# ------------------------------------------------------------------------------ plaintext source

class _StreamSource:
    """Decrypts the STREAM payload of an age file on the caller's thread, a batch at a time.

    The input is read one encrypted chunk ahead, so that the final chunk is recognised, in
    reads of one chunk: a 64 KiB allocation is recycled by the C allocator, while a fresh 1 MiB
    one page-faults each time. ``_AGE_BATCH`` chunks are decrypted per step into one of two
    plaintext buffers used in turn, so a view returned by ``read`` is valid only until the
    next-but-one step; ``read_exact`` returns bytes and takes care of that.
    """

    def __init__(self, inp: BinaryIO, header: _AgeHeader, file_key: bytes) -> None:
        if not hmac.compare_digest(_header_mac(file_key, header.mac_input), header.mac):
            raise CorruptedError()
        self._inp = inp
        nonce = self._read_full(16)
        if len(nonce) != 16:
            raise TruncatedError()
        self._decrypt = ChaCha20Poly1305(_hkdf(file_key, nonce, b"payload")).decrypt_into
        self._counter = 0
        self._next = self._read_full(_AGE_ENCRYPTED_CHUNK)
        if not self._next:
            raise TruncatedError()     # a payload has at least one chunk
        self._buffers = [memoryview(bytearray(_AGE_BATCH * _AGE_CHUNK)) for _item in range(2)]
        self._plain = memoryview(b"")
        self._ended = False

    def _read_full(self, size: int) -> bytes:
        """``size`` bytes of input, fewer only at its end."""
        try:
            data = self._inp.read(size)
            if data and len(data) < size:
                pieces, got = [data], len(data)
                while got < size and (piece := self._inp.read(size - got)):
                    pieces.append(piece)
                    got += len(piece)
                data = b"".join(pieces)
        except Exception as exc:
            raise BundleReadError() from exc
        return bytes(data) if data else b""

    def _decrypt_next_block(self) -> None:
        target = self._buffers[0]
        self._buffers.reverse()
        read, decrypt, counter = self._read_full, self._decrypt, self._counter
        start = 0
        for _step in range(_AGE_BATCH):
            chunk = self._next
            self._next = read(_AGE_ENCRYPTED_CHUNK) if len(chunk) == _AGE_ENCRYPTED_CHUNK else b""
            last = not self._next
            if len(chunk) < _AGE_TAG:
                raise TruncatedError()         # a final chunk shorter than its tag
            end = start + len(chunk) - _AGE_TAG
            try:
                decrypt(_stream_nonce(counter, last), chunk, None, target[start:end])
            except (InvalidTag, ValueError) as exc:
                raise (TruncatedError() if last else CorruptedError()) from exc
            if last and end == start and counter:
                raise CorruptedError()         # only an empty payload may end on an empty chunk
            counter, start = counter + 1, end
            if last:
                self._ended = True
                break
        self._counter = counter
        self._plain = target[:start]

    def read(self, size: int) -> memoryview:
        """Up to ``size`` plaintext bytes; empty only once the age stream ended cleanly."""
        while not self._plain:
            if self._ended:
                return memoryview(b"")
            self._decrypt_next_block()
        data = self._plain[:size]
        self._plain = self._plain[size:]
        return data

    def read_exact(self, size: int) -> bytes:
        """``size`` plaintext bytes as new bytes (fewer only where the age stream ended)."""
        pieces: list[bytes | memoryview] = []
        got = refills = 0
        while got < size:
            if not self._plain:
                if self._ended:
                    break
                if refills:        # a second refill reuses the buffer the first pieces are in
                    pieces = [b"".join(pieces)]
                self._decrypt_next_block()
                refills += 1
                continue
            piece = self._plain[: size - got]
            self._plain = self._plain[len(piece):]
            pieces.append(piece)
            got += len(piece)
        return bytes(pieces[0]) if len(pieces) == 1 else b"".join(pieces)

    def close(self) -> None:
        self._plain = memoryview(b"")
        self._next = b""
        self._ended = True


# ---------------------------------------------------------------------------------------- reader

def open_bundle(inp: BinaryIO, identities: list[str] | None, passphrase: str | None) -> BundleReader:
    """Open an encrypted bundle and read its manifest and signature.

    ``identities`` are age X25519 secret keys (``AGE-SECRET-KEY-1...``); ``passphrase`` is used
    only if the bundle is passphrase-protected. The scrypt work factor is checked before any key
    derivation. Use the result as a context manager; see ``BundleReader`` for the protocol.
    """
    header = _read_age_header(inp)
    params = _scrypt_params(header)
    own_keys: tuple[str, ...] = ()
    if params is not None:
        if passphrase is None:
            raise PassphraseRequiredError()
        file_key = _scrypt_file_key(params, passphrase)
    else:
        if not identities:
            raise KeyRequiredError()
        parsed = [_parse_identity(text) for text in identities]
        own_keys = tuple(_recipient_string(identity.public_key) for identity in parsed)
        file_key = _x25519_file_key(header, parsed)
    source = _StreamSource(inp, header, file_key)
    try:
        return BundleReader(source, passphrase_mode=params is not None, own_keys=own_keys)
    except BaseException:
        source.close()
        raise


class BundleReader:
    """Reads a bundle as it decrypts; nothing it yields is final before ``finish()`` returned.

    Protocol::

        with open_bundle(f, identities, None) as reader:
            reader.manifest; reader.signature; reader.manifest_bytes   # show who signed what
            reader.verify_signature(check)        # check(cert_pem, data, signature) -> bool
            with session.begin():                  # stage everything, commit at the end
                for info, chunks in reader.parts():
                    for chunk in chunks: ...       # sizes and SHA-256 are checked as it streams
                reader.finish()                    # raises unless END came and age ended cleanly

    Any ``BundleError`` is sticky: later calls raise it again and ``finished`` stays false.
    """

    def __init__(self, source: _StreamSource, *, passphrase_mode: bool, own_keys: tuple[str, ...]) -> None:
        self._src = source
        self._passphrase_mode = passphrase_mode
        self._own_keys = own_keys
        self._error: BundleError | None = None
        self._verified = False
        self._parts_started = False
        self._finished = False
        self._part_index = 0
        self._remaining = 0
        self._digest: Digest = hashlib.sha256()
        with self._failing():
            preamble = self._read_up_to(len(_PREAMBLE))
            if preamble[: len(MAGIC)] != MAGIC or len(preamble) != len(_PREAMBLE):
                raise NotABundleError()
            if preamble != _PREAMBLE:
                raise UnsupportedBundleError()
            length = self._frame_header(FRAME_MANIFEST)
            if length > MAX_MANIFEST_BYTES:
                raise ManifestError()
            self.manifest_bytes: bytes = self._read_exact(length)
            self.manifest: Manifest = parse_manifest(self.manifest_bytes)
            length = self._frame_header(FRAME_SIGNATURE)
            if not 0 < length <= MAX_SIGNATURE_BYTES:
                raise SignatureError()
            self.signature: bytes = self._read_exact(length)

    @property
    def signer_certificate_pem(self) -> str:
        """The signer's certificate as embedded in the manifest (check it is a known contact)."""
        return self.manifest.signer_certificate_pem

    @property
    def finished(self) -> bool:
        """True only after ``finish()`` confirmed the whole bundle."""
        return self._finished

    def __enter__(self) -> BundleReader:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop decrypting and drop the buffers; safe to call more than once."""
        self._close_digest()
        self._src.close()

    def _close_digest(self) -> None:
        if isinstance(self._digest, BackgroundSha256):
            self._digest.close()

    def verify_signature(self, verify: Callable[[str, bytes, bytes], bool]) -> None:
        """Accept the bundle's signer: ``verify(cert_pem, manifest_bytes, signature)`` must be true.

        ``verify`` also decides whether the certificate belongs to a known contact. Raises
        ``SignatureError`` when it returns false or fails, ``NotAddressedError`` when the signed
        manifest was not made for this key or passphrase; an ``HrcaseError`` it raises passes on.
        """
        with self._failing():
            try:
                accepted = verify(self.manifest.signer_certificate_pem, self.manifest_bytes,
                                  self.signature)
            except HrcaseError:
                raise
            except Exception as exc:
                raise SignatureError() from exc
            if accepted is not True:
                raise SignatureError()
            if self._passphrase_mode:
                addressed = not self.manifest.recipients
            else:
                addressed = any(key in self.manifest.recipients for key in self._own_keys)
            if not addressed:
                raise NotAddressedError()
            self._verified = True

    def parts(self) -> Iterator[tuple[PartInfo, Iterator[bytes]]]:
        """Yield each part with an iterator of its chunks, in manifest order (once only).

        A part's iterator left unfinished is read to its end (and checked) before the next part.
        """
        if not self._verified:
            raise RuntimeError("verify_signature() must accept the bundle before parts()")
        if self._parts_started:
            raise RuntimeError("parts() can be iterated only once")
        self._parts_started = True
        while True:
            with self._failing():
                info = self._start_part()
            if info is None:
                return
            index = self._part_index
            chunks = self._chunks(index)
            yield info, chunks
            for _chunk in chunks:
                pass

    def finish(self) -> None:
        """Check the rest of the bundle: all parts, the END frame, and a clean end of the age file.

        Only when this returns may the caller commit what it staged from ``parts()``.
        """
        with self._failing():
            if self._finished:
                return
            while self._remaining:
                self._next_chunk()
            while self._start_part() is not None:
                while self._remaining:
                    self._next_chunk()
            self._frame_header(FRAME_END, exact_length=0)
            if self._src.read(1):
                raise CorruptedError()
            self._src.close()
            self._finished = True

    # -- internals

    @contextmanager
    def _failing(self) -> Iterator[None]:
        if self._error is not None:
            raise self._error
        try:
            yield
        except BundleError as exc:
            self._error = exc
            self._src.close()
            raise

    def _start_part(self) -> PartInfo | None:
        """Begin the next part (or return ``None`` when all were read); the current one is done."""
        if self._part_index >= len(self.manifest.parts):
            return None
        info = self.manifest.parts[self._part_index]
        self._part_index += 1
        self._remaining = info.size
        self._close_digest()
        self._digest = sha256_for(info.size)
        if info.size == 0 and self._digest.hexdigest() != info.sha256:
            raise CorruptedError()
        return info

    def _chunks(self, index: int) -> Iterator[bytes]:
        while self._part_index == index and self._remaining:
            with self._failing():
                chunk = self._next_chunk()
            yield chunk

    def _next_chunk(self) -> bytes:
        info = self.manifest.parts[self._part_index - 1]
        length = self._frame_header(FRAME_DATA)
        if not 0 < length <= min(CHUNK_SIZE, self._remaining):
            raise CorruptedError()
        data = self._read_exact(length)
        self._digest.update(data)
        self._remaining -= length
        if not self._remaining and self._digest.hexdigest() != info.sha256:
            raise CorruptedError()
        return data

    def _frame_header(self, expected: int, exact_length: int | None = None) -> int:
        kind, length = _FRAME_HEADER.unpack(self._read_exact(_FRAME_HEADER.size))
        if kind != expected or (exact_length is not None and length != exact_length):
            raise CorruptedError()
        return length

    def _read_up_to(self, size: int) -> bytes:
        return self._src.read_exact(size)

    def _read_exact(self, size: int) -> bytes:
        data = self._src.read_exact(size)
        if len(data) != size:
            raise CorruptedError()
        return data
