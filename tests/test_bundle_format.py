"""Tests of the encrypted, signed bundle format (hrcase.services.bundle_format)."""

from __future__ import annotations

import hashlib
import io
import json
import os
import pty
import re
import select
import shutil
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pyrage
import pytest
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pyrage import x25519

from hrcase.errors import HrcaseError, UsageError
from hrcase.services import bundle_format as bf
from hrcase.services.bundle_format import (
    BundleError, CorruptedError, InvalidKeyError, KeyRequiredError, Manifest, ManifestError,
    NotABundleError, NotAddressedError, PartInfo, PartMismatchError, PassphraseRequiredError,
    SignatureError, SigningError, SourceError, TruncatedError, UnsupportedBundleError,
    WorkFactorError, WrongKeyError, WrongPassphraseError, encode_manifest, open_bundle,
    parse_manifest, write_bundle)

ROOT = Path(__file__).resolve().parent.parent
AGE = shutil.which("age")
needs_age = pytest.mark.skipif(AGE is None, reason="the age command-line tool is not installed")


# ------------------------------------------------------------------------------------ helpers

class Signer:
    """An invented researcher's ECDSA P-256 key and self-signed certificate (test data)."""

    def __init__(self, name: str = "Aigerim Testova") -> None:
        self.key = ec.generate_private_key(ec.SECP256R1())
        subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
        now = datetime.now(timezone.utc)
        cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject)
                .public_key(self.key.public_key()).serial_number(x509.random_serial_number())
                .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=30))
                .sign(self.key, hashes.SHA256()))
        self.pem = cert.public_bytes(serialization.Encoding.PEM).decode("ascii")
        self.fingerprint = cert.fingerprint(hashes.SHA256()).hex()

    def sign(self, data: bytes) -> bytes:
        return self.key.sign(data, ec.ECDSA(hashes.SHA256()))

    def manifest(self) -> Manifest:
        return Manifest(signer_fingerprint=self.fingerprint, signer_certificate_pem=self.pem)

    def verifier(self) -> Callable[[str, bytes, bytes], bool]:
        """Accepts only this signer's certificate, as a known-contact check would."""
        def verify(cert_pem: str, data: bytes, signature: bytes) -> bool:
            if cert_pem != self.pem:
                return False
            cert = x509.load_pem_x509_certificate(cert_pem.encode("ascii"))
            try:
                cert.public_key().verify(signature, data, ec.ECDSA(hashes.SHA256()))
            except InvalidSignature:
                return False
            return True
        return verify


SIGNER = Signer()
IDENTITY = x25519.Identity.generate()
OTHER_IDENTITY = x25519.Identity.generate()
RECIPIENT = str(IDENTITY.to_public())


def part(name: str, data: bytes, kind: str = "attachment", piece: int = 100_003
         ) -> tuple[PartInfo, Callable[[], Iterator[bytes]]]:
    info = PartInfo(name=name, kind=kind, size=len(data), sha256=hashlib.sha256(data).hexdigest())
    return info, lambda: iter([data[i:i + piece] for i in range(0, len(data), piece)])


def sample_parts() -> dict[str, bytes]:
    records = json.dumps({"persons": [{"name": "Invented Person", "born": "1974"}]}).encode()
    return {
        "records.json": records,
        "photo.jpg": os.urandom(3 * 1024 * 1024 + 12345),
        "empty.txt": b"",
        "exact.bin": os.urandom(bf.CHUNK_SIZE),
        "testimony-ru.txt": "Показания вымышленного свидетеля".encode(),
    }


def make_bundle(parts: dict[str, bytes], *, passphrase: str | None = None,
                recipients: list[str] | None = None, signer: Signer = SIGNER,
                piece: int = 100_003) -> bytes:
    out = io.BytesIO()
    plan = [part(name, data, "records" if name.endswith(".json") else "attachment", piece)
            for name, data in parts.items()]
    recips = [] if passphrase is not None else (recipients or [RECIPIENT])
    digest = write_bundle(out, signer.manifest(), plan, signer.sign, recips, passphrase)
    assert digest == hashlib.sha256(out.getvalue()).hexdigest()
    return out.getvalue()


def read_all(data: bytes, *, identities: list[str] | None = None, passphrase: str | None = None,
             signer: Signer = SIGNER) -> tuple[dict[str, bytes], bf.BundleReader]:
    """Stage every part as a consumer would and 'commit' only after finish()."""
    staged: dict[str, bytearray] = {}
    with open_bundle(io.BytesIO(data), identities if identities is not None else [str(IDENTITY)],
                     passphrase) as reader:
        reader.verify_signature(signer.verifier())
        for info, chunks in reader.parts():
            buf = staged.setdefault(info.name, bytearray())
            for chunk in chunks:
                assert type(chunk) is bytes and 0 < len(chunk) <= bf.CHUNK_SIZE
                buf += chunk
        reader.finish()
        assert reader.finished
    return {name: bytes(buf) for name, buf in staged.items()}, reader


def inner_plaintext(data: bytes) -> bytes:
    """The framed container inside a recipients bundle (test-only, in memory)."""
    return pyrage.decrypt(data, [IDENTITY])


def seal(inner: bytes) -> bytes:
    return pyrage.encrypt(inner, [IDENTITY.to_public()])


def seal_ours(inner: bytes, recipients: list[str], pieces: int = 1) -> bytes:
    """Our own age encryption of arbitrary plaintext for X25519 recipients (test-only)."""
    out, key = io.BytesIO(), os.urandom(16)
    stanzas = [bf._x25519_stanza(key, bf._parse_recipient(r)) for r in recipients]
    step = max(1, -(-len(inner) // pieces))
    bf._age_encrypt((inner[i:i + step] for i in range(0, len(inner), step)),
                    bf._HashingWriter(out), key, stanzas)
    return out.getvalue()


def seal_with_passphrase(inner: bytes, passphrase: str) -> bytes:
    """Our own age scrypt encryption of arbitrary plaintext (test-only)."""
    out, key = io.BytesIO(), os.urandom(16)
    bf._age_encrypt(iter([inner]), bf._HashingWriter(out), key,
                    [bf._scrypt_stanza(key, passphrase)])
    return out.getvalue()


@pytest.fixture(autouse=True)
def cheap_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    """Passphrase bundles in tests use a tiny scrypt work factor unless a test resets it."""
    monkeypatch.setattr(bf, "SCRYPT_LOG2N", 2)


# ---------------------------------------------------------------------------- round trips

def test_round_trip_recipients_several_parts() -> None:
    parts = sample_parts()
    data = make_bundle(parts)
    assert data.startswith(b"age-encryption.org/v1\n-> X25519 ")
    got, reader = read_all(data)
    assert got == parts
    manifest = reader.manifest
    assert [p.name for p in manifest.parts] == list(parts)
    assert manifest.recipients == (RECIPIENT,)
    assert manifest.signer_certificate_pem == reader.signer_certificate_pem == SIGNER.pem
    assert manifest.signer_fingerprint == SIGNER.fingerprint
    assert reader.manifest_bytes == encode_manifest(manifest)
    assert manifest.parts[0].kind == "records"


def test_round_trip_several_recipients_each_can_open() -> None:
    parts = {"a.bin": os.urandom(70_000)}
    data = make_bundle(parts, recipients=[str(OTHER_IDENTITY.to_public()), RECIPIENT])
    assert read_all(data)[0] == parts
    assert read_all(data, identities=[str(OTHER_IDENTITY)])[0] == parts


def test_round_trip_with_one_megabyte_source_pieces() -> None:
    parts = {"video.mp4": os.urandom(5 * bf.CHUNK_SIZE + 7)}
    assert read_all(make_bundle(parts, piece=bf.CHUNK_SIZE))[0] == parts


def test_round_trip_with_tiny_source_pieces() -> None:
    parts = {"a.bin": os.urandom(300_000), "b.bin": os.urandom(10)}
    assert read_all(make_bundle(parts, piece=997))[0] == parts


def test_round_trip_manifest_larger_than_two_decryption_batches() -> None:
    """A frame that spans several of the reader's reused plaintext buffers is read intact."""
    parts = {f"{i:05}-" + "x" * 240: b"" for i in range(7_500)} | {"last.bin": os.urandom(99)}
    data = make_bundle(parts)
    got, reader = read_all(data)
    assert len(reader.manifest_bytes) > 2 * bf._AGE_BATCH * bf._AGE_CHUNK
    assert got == parts
    assert reader.manifest_bytes == inner_plaintext(data)[len(bf._PREAMBLE) + 9:][
        : len(reader.manifest_bytes)]


def test_round_trip_no_parts() -> None:
    got, reader = read_all(make_bundle({}))
    assert got == {} and reader.manifest.parts == ()


def test_round_trip_passphrase() -> None:
    parts = sample_parts()
    data = make_bundle(parts, passphrase="correct horse battery staple")
    assert re.match(rb"age-encryption.org/v1\n-> scrypt \S{22} 2\n", data)
    got, reader = read_all(data, identities=[], passphrase="correct horse battery staple")
    assert got == parts
    assert reader.manifest.recipients == ()


def test_passphrase_default_work_factor_round_trip(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bf, "SCRYPT_LOG2N", 18)
    data = make_bundle({"a.txt": b"hello"}, passphrase="Ünïcødé пароль")
    assert re.match(rb"age-encryption.org/v1\n-> scrypt \S{22} 18\n", data)
    assert read_all(data, passphrase="Ünïcødé пароль")[0] == {"a.txt": b"hello"}


def test_passphrase_given_with_a_key_bundle_uses_the_key() -> None:
    parts = {"a.txt": b"x"}
    assert read_all(make_bundle(parts), passphrase="unused")[0] == parts


# ------------------------------------------------------------------------------ interoperability

def test_rage_decrypts_a_passphrase_bundle() -> None:
    data = make_bundle({"a.txt": b"interop"}, passphrase="pw for rage")
    inner = pyrage.passphrase.decrypt(data, "pw for rage")
    assert inner.startswith(bf.MAGIC)


def test_rage_decrypts_a_multi_chunk_passphrase_bundle() -> None:
    parts = {"a.bin": os.urandom(3 * 65536)}          # ends on an age chunk boundary (plus frames)
    data = make_bundle(parts, passphrase="pw")
    inner = pyrage.passphrase.decrypt(data, "pw")
    assert inner.endswith(bf._FRAME_HEADER.pack(bf.FRAME_END, 0))


def _inner_of_length(total: int) -> bytes:
    """A valid framed container of exactly ``total`` bytes (one attachment fills the gap)."""
    size = total
    while True:            # the manifest and the ECDSA signature lengths depend on the size
        data = os.urandom(size)
        info = PartInfo("a.bin", "attachment", size, hashlib.sha256(data).hexdigest())
        body, sig = _signed_manifest([info], recipients=())
        inner = _inner(body, sig, _frame(bf.FRAME_DATA, data))
        if len(inner) == total:
            return inner
        size += total - len(inner)


@pytest.mark.parametrize("total", [2 * 65536 - 1, 2 * 65536, 2 * 65536 + 1])
def test_rage_reads_our_scrypt_files_at_chunk_boundaries(total: int) -> None:
    """A last age chunk that is short, exactly full, or a single byte."""
    inner = _inner_of_length(total)
    assert pyrage.passphrase.decrypt(seal_with_passphrase(inner, "pw"), "pw") == inner


def test_we_read_rage_scrypt_files_ending_on_a_full_chunk() -> None:
    inner = _inner_of_length(2 * 65536)
    rage_file = pyrage.passphrase.encrypt(inner, "pw")   # work factor calibrated on this machine
    log2n = int(re.match(rb"age-encryption.org/v1\n-> scrypt \S+ (\d+)\n", rage_file).group(1))
    if log2n > bf.MAX_SCRYPT_LOG2N:
        with pytest.raises(WorkFactorError):
            open_bundle(io.BytesIO(rage_file), None, "pw")
    else:
        assert consume(rage_file, passphrase="pw").finished


@needs_age
def test_age_cli_decrypts_a_recipients_bundle(tmp_path: Path) -> None:
    key_file = tmp_path / "key.txt"       # a test-only key file: invented test data
    key_file.write_text(str(IDENTITY) + "\n")
    key_file.chmod(0o600)
    data = make_bundle({"a.txt": b"for the age tool"})
    result = subprocess.run([AGE, "-d", "-i", str(key_file)], input=data, capture_output=True,
                            timeout=60, check=True)
    assert result.stdout.startswith(bf.MAGIC)
    assert result.stdout == inner_plaintext(data)


@needs_age
def test_we_read_what_the_age_cli_encrypted() -> None:
    parts = {"a.bin": os.urandom(200_000)}
    inner = inner_plaintext(make_bundle(parts))
    result = subprocess.run([AGE, "-r", RECIPIENT], input=inner, capture_output=True, timeout=60,
                            check=True)
    assert read_all(result.stdout)[0] == parts


# ------------------------------------------------- our age implementation against rage and age

def our_decrypt(data: bytes, identities: list[str] | None = None) -> bytes:
    """Our own age decryption of arbitrary plaintext (test-only): header, unwrap, STREAM."""
    inp = io.BytesIO(data)
    header = bf._read_age_header(inp)
    keys = [bf._parse_identity(text) for text in (identities or [str(IDENTITY)])]
    source = bf._StreamSource(inp, header, bf._x25519_file_key(header, keys))
    out = bytearray()
    while piece := source.read(1 << 20):
        out += piece
    return bytes(out)


def seal_custom(inner: bytes, stanzas: Callable[[bytes], list[bytes]]) -> bytes:
    """Our age encryption with a hand-made list of header stanzas (the MAC is right)."""
    out, key = io.BytesIO(), os.urandom(16)
    bf._age_encrypt(iter([inner]), bf._HashingWriter(out), key, stanzas(key))
    return out.getvalue()


def ours_for(key: bytes, identity: x25519.Identity = IDENTITY) -> bytes:
    return bf._x25519_stanza(key, bf._parse_recipient(str(identity.to_public())))


C, B = 65536, 16 * 65536                    # an age chunk; a batch of chunks sealed or opened at once
STREAM_SIZES = [0, 1, C - 1, C, C + 1, B - 1, B, B + 1, B + C, 2 * B, 2 * B + 5]


@pytest.mark.parametrize("size", STREAM_SIZES)
def test_rage_decrypts_our_x25519_files(size: int) -> None:
    plain = os.urandom(size)
    for pieces in (1, 7):
        assert pyrage.decrypt(seal_ours(plain, [RECIPIENT], pieces), [IDENTITY]) == plain


@pytest.mark.parametrize("size", STREAM_SIZES)
def test_we_decrypt_rage_x25519_files(size: int) -> None:
    plain = os.urandom(size)
    assert our_decrypt(pyrage.encrypt(plain, [IDENTITY.to_public()])) == plain


@settings(max_examples=25, deadline=None)
@given(st.sampled_from(STREAM_SIZES), st.integers(-3, 3), st.integers(1, 6))
def test_property_stream_sizes_and_piece_splits(size: int, delta: int, pieces: int) -> None:
    plain = os.urandom(max(0, size + delta))
    ours = seal_ours(plain, [RECIPIENT], pieces)
    assert pyrage.decrypt(ours, [IDENTITY]) == plain
    assert our_decrypt(ours) == plain


def test_several_recipients_interoperate() -> None:
    identities = [x25519.Identity.generate() for _ in range(3)]
    plain = os.urandom(100_000)
    ours = seal_ours(plain, [str(i.to_public()) for i in identities])
    assert ours.count(b"\n-> X25519 ") == 3
    theirs = pyrage.encrypt(plain, [i.to_public() for i in identities])
    for identity in identities:
        assert pyrage.decrypt(ours, [identity]) == plain
        assert our_decrypt(theirs, [str(identity)]) == plain
        assert our_decrypt(ours, [str(identity)]) == plain
    with pytest.raises(WrongKeyError):
        our_decrypt(theirs, [str(OTHER_IDENTITY)])
    assert our_decrypt(theirs, [str(OTHER_IDENTITY), str(identities[2])]) == plain


def test_stream_truncated_or_reordered_chunks() -> None:
    plain = os.urandom(40 * C)                # all chunks full: the last one is full too
    data = pyrage.encrypt(plain, [IDENTITY.to_public()])
    start = len(data) - 40 * (C + 16)         # header and payload nonce
    assert our_decrypt(data) == plain
    for chunks in (0, 1, 16, 17, 32, 39):      # cut at chunk and batch boundaries
        with pytest.raises(TruncatedError):
            our_decrypt(data[: start + chunks * (C + 16)])
    with pytest.raises(TruncatedError):
        our_decrypt(data[: start - 1])
    with pytest.raises(TruncatedError):
        our_decrypt(data[: start + 5])          # a final chunk shorter than its tag
    chunk = slice(start + 3 * (C + 16), start + 4 * (C + 16))
    for damaged in (data[: chunk.start] + data[chunk.stop:],                       # dropped
                    data[: chunk.start] + data[chunk] + data[chunk] + data[chunk.stop:],  # repeated
                    data[: chunk.start] + data[chunk.stop: chunk.stop + C + 16] + data[chunk]
                    + data[chunk.stop + C + 16:]):                                  # swapped
        with pytest.raises(CorruptedError):
            our_decrypt(damaged)
    with pytest.raises(CorruptedError):         # a byte after it: the final chunk is not final
        our_decrypt(data + b"\x00")


def test_empty_final_chunk_only_for_an_empty_payload() -> None:
    """A full last chunk followed by an empty final one is not what age writes; refused."""
    key, nonce = os.urandom(16), os.urandom(16)
    header = b"age-encryption.org/v1\n" + ours_for(key) + b"---"
    mac = bf._header_mac(key, header)
    aead = bf.ChaCha20Poly1305(bf._hkdf(key, nonce, b"payload"))
    payload = (aead.encrypt(bf._stream_nonce(0, False), os.urandom(C), None)
               + aead.encrypt(bf._stream_nonce(1, True), b"", None))
    with pytest.raises(CorruptedError):
        our_decrypt(header + b" " + bf._b64encode(mac) + b"\n" + nonce + payload)


@needs_age
def test_age_cli_interop_several_recipients_and_sizes(tmp_path: Path) -> None:
    key_file = tmp_path / "key.txt"           # a test-only key file: invented test data
    key_file.write_text(str(IDENTITY) + "\n")
    key_file.chmod(0o600)
    other = str(OTHER_IDENTITY.to_public())
    for size in (0, C, B, B + 1, 3 * B + 17):
        plain = os.urandom(size)
        ours = seal_ours(plain, [other, RECIPIENT], pieces=3)
        result = subprocess.run([AGE, "-d", "-i", str(key_file)], input=ours, capture_output=True,
                                timeout=60, check=True)
        assert result.stdout == plain, size
        result = subprocess.run([AGE, "-r", RECIPIENT, "-r", other], input=plain,
                                capture_output=True, timeout=60, check=True)
        assert our_decrypt(result.stdout, [str(OTHER_IDENTITY)]) == plain, size
        assert our_decrypt(result.stdout) == plain, size


@needs_age
def test_age_cli_reads_a_bundle_for_several_recipients(tmp_path: Path) -> None:
    key_file = tmp_path / "key.txt"
    key_file.write_text(str(OTHER_IDENTITY) + "\n")
    key_file.chmod(0o600)
    data = make_bundle({"a.bin": os.urandom(3 * bf.CHUNK_SIZE)},
                       recipients=[RECIPIENT, str(OTHER_IDENTITY.to_public())])
    result = subprocess.run([AGE, "-d", "-i", str(key_file)], input=data, capture_output=True,
                            timeout=60, check=True)
    assert result.stdout == inner_plaintext(data)


AGE_KEYGEN = shutil.which("age-keygen")


@pytest.mark.skipif(AGE_KEYGEN is None, reason="age-keygen is not installed")
def test_keys_of_age_keygen() -> None:
    output = subprocess.run([AGE_KEYGEN], capture_output=True, text=True, timeout=30,
                            check=True).stdout
    public = re.search(r"# public key: (age1\S+)", output).group(1)
    secret = output.strip().splitlines()[-1]
    identity = bf._parse_identity(secret)
    assert bf._recipient_string(identity.public_key) == public
    assert bf._identity_string(bf._decode_key(secret, bf._IDENTITY_HRP)) == secret
    ours = bf._identity_string(os.urandom(32))           # age derives the same public key
    result = subprocess.run([AGE_KEYGEN, "-y"], input=ours + "\n", capture_output=True, text=True,
                            timeout=30, check=True)
    assert result.stdout.strip() == bf._recipient_string(bf._parse_identity(ours).public_key)


def test_unknown_stanzas_are_skipped_like_rage() -> None:
    inner = inner_plaintext(make_bundle({"a.txt": b"x"}))
    data = seal_custom(inner, lambda key: [
        bf._stanza(b"grease-stanza", [b"a", b"#b"], os.urandom(48)),   # body of exactly 64 columns
        bf._stanza(b"other", [], os.urandom(100)),
        ours_for(key)])
    assert pyrage.decrypt(data, [IDENTITY]) == inner
    assert consume(data).finished
    alone = seal_custom(inner, lambda key: [bf._stanza(b"grease", [], b""),
                                            ours_for(key, OTHER_IDENTITY)])
    with pytest.raises(WrongKeyError):
        consume(alone)


@pytest.mark.parametrize("bad", [
    lambda: bf._stanza(b"X25519", [bf._b64encode(os.urandom(32)), b"x"], os.urandom(32)),
    lambda: bf._stanza(b"X25519", [], os.urandom(32)),
    lambda: bf._stanza(b"X25519", [bf._b64encode(os.urandom(31))], os.urandom(32)),
    lambda: bf._stanza(b"X25519", [bf._b64encode(os.urandom(33))], os.urandom(32)),
    lambda: bf._stanza(b"X25519", [bf._b64encode(os.urandom(32))], os.urandom(31)),
    lambda: bf._stanza(b"X25519", [bf._b64encode(os.urandom(32))], os.urandom(48)),
    lambda: bf._stanza(b"X25519", [bf._b64encode(bytes(32))], os.urandom(32)),     # low order
], ids=["two-args", "no-args", "short-share", "long-share", "short-body", "long-body",
        "low-order-share"])
def test_malformed_x25519_stanza_refused_like_rage(bad: Callable[[], bytes]) -> None:
    """Refused when met before the stanza that works; after it, age and rage never look at it."""
    inner = inner_plaintext(make_bundle({"a.txt": b"x"}))
    data = seal_custom(inner, lambda key: [bad(), ours_for(key)])
    with pytest.raises(CorruptedError):
        consume(data)
    with pytest.raises(pyrage.DecryptError):
        pyrage.decrypt(data, [IDENTITY])
    data = seal_custom(inner, lambda key: [ours_for(key), bad()])
    assert consume(data).finished
    assert pyrage.decrypt(data, [IDENTITY]) == inner
    with pytest.raises(CorruptedError):       # another identity tried first meets it
        open_bundle(io.BytesIO(data), [str(OTHER_IDENTITY), str(IDENTITY)], None)
    with pytest.raises(pyrage.DecryptError):
        pyrage.decrypt(data, [OTHER_IDENTITY, IDENTITY])


def test_scrypt_stanza_must_be_alone_even_with_a_valid_mac() -> None:
    inner = inner_plaintext(make_bundle({"a.txt": b"x"}))
    for stanzas in (lambda key: [bf._scrypt_stanza(key, "pw"), ours_for(key)],
                    lambda key: [ours_for(key), bf._scrypt_stanza(key, "pw")],
                    lambda key: [bf._scrypt_stanza(key, "pw"), bf._scrypt_stanza(key, "pw")],
                    lambda key: [bf._scrypt_stanza(key, "pw"), bf._stanza(b"grease", [], b"")]):
        data = seal_custom(inner, stanzas)
        with pytest.raises(CorruptedError):
            open_bundle(io.BytesIO(data), [str(IDENTITY)], "pw")
        with pytest.raises(CorruptedError):
            open_bundle(io.BytesIO(data), None, "pw")
        with pytest.raises(pyrage.DecryptError):
            pyrage.passphrase.decrypt(data, "pw")


def test_low_order_recipient_refused_before_signing() -> None:
    def must_not_sign(data: bytes) -> bytes:
        raise AssertionError("signed for an unusable recipient")

    for low_order in (bytes(32), (1).to_bytes(32, "little")):
        with pytest.raises(InvalidKeyError):
            write_bundle(io.BytesIO(), SIGNER.manifest(), [part("a.txt", b"x")], must_not_sign,
                         [RECIPIENT, bf._recipient_string(low_order)], None)


def test_written_buffers_are_not_reused() -> None:
    """A writer may keep what it was given (io allows reuse; we do not rely on it)."""
    class Keeper:
        def __init__(self) -> None:
            self.pieces: list[object] = []

        def write(self, data: bytes) -> int:
            self.pieces.append(data)
            return len(data)

    parts = {"a.bin": os.urandom(3 * bf.CHUNK_SIZE + 99), "b.txt": b"short"}
    for recipients, passphrase in (([RECIPIENT], None), ([], "pw")):
        keeper = Keeper()
        plan = [part(name, data) for name, data in parts.items()]
        digest = write_bundle(keeper, SIGNER.manifest(), plan, SIGNER.sign, recipients, passphrase)
        data = b"".join(keeper.pieces)
        assert hashlib.sha256(data).hexdigest() == digest
        assert read_all(data, passphrase=passphrase)[0] == parts


def _age_decrypt_with_passphrase(path: Path, passphrase: str) -> tuple[int, bytes]:
    """Run ``age -d`` on a pseudo-terminal (it reads passphrases only from a terminal)."""
    out_r, out_w = os.pipe()
    pid, master = pty.fork()
    if pid == 0:  # child: plaintext to the pipe, prompt on the terminal
        os.dup2(out_w, 1)
        os.close(out_r)
        os.close(out_w)
        os.execv(AGE, [AGE, "-d", str(path)])
    os.close(out_w)
    prompt, deadline = b"", time.monotonic() + 30
    while b"passphrase" not in prompt.lower() and time.monotonic() < deadline:
        if select.select([master], [], [], 0.5)[0]:
            try:
                prompt += os.read(master, 1024)
            except OSError:
                break
    os.write(master, passphrase.encode("utf-8") + b"\n")
    output = bytearray()
    while chunk := os.read(out_r, 65536):
        output += chunk
    _pid, status = os.waitpid(pid, 0)
    os.close(out_r)
    os.close(master)
    return status, bytes(output)


@needs_age
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses a Linux pseudo-terminal")
def test_age_cli_decrypts_a_passphrase_bundle(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bf, "SCRYPT_LOG2N", 18)
    path = tmp_path / "bundle.age"
    path.write_bytes(make_bundle({"a.txt": b"for the age tool"}, passphrase="pässwörd für age"))
    status, output = _age_decrypt_with_passphrase(path, "pässwörd für age")
    assert status == 0
    assert output.startswith(bf.MAGIC)
    status, output = _age_decrypt_with_passphrase(path, "wrong")
    assert status != 0 and output == b""


# ------------------------------------------------------------------------- keys and passphrases

def test_wrong_identity() -> None:
    data = make_bundle({"a.txt": b"x"})
    with pytest.raises(WrongKeyError) as info:
        open_bundle(io.BytesIO(data), [str(OTHER_IDENTITY)], None)
    assert info.value.code == "wrong_key"


def test_key_bundle_without_identities() -> None:
    with pytest.raises(KeyRequiredError):
        open_bundle(io.BytesIO(make_bundle({"a.txt": b"x"})), None, "some passphrase")


def test_wrong_passphrase() -> None:
    data = make_bundle({"a.txt": b"x"}, passphrase="right")
    with pytest.raises(WrongPassphraseError) as info:
        open_bundle(io.BytesIO(data), None, "wrong")
    assert info.value.code == "wrong_passphrase"


def test_passphrase_bundle_without_passphrase() -> None:
    with pytest.raises(PassphraseRequiredError):
        open_bundle(io.BytesIO(make_bundle({"a.txt": b"x"}, passphrase="pw")), [str(IDENTITY)], None)


def test_invalid_keys() -> None:
    with pytest.raises(InvalidKeyError):
        open_bundle(io.BytesIO(make_bundle({"a.txt": b"x"})), ["AGE-SECRET-KEY-1NOTAKEY"], None)
    with pytest.raises(InvalidKeyError):
        make_bundle({"a.txt": b"x"}, recipients=["age1notakey"])


def test_recipients_and_passphrase_are_exclusive() -> None:
    plan = [part("a.txt", b"x")]
    with pytest.raises(UsageError):
        write_bundle(io.BytesIO(), SIGNER.manifest(), plan, SIGNER.sign, [RECIPIENT], "pw")
    with pytest.raises(UsageError):
        write_bundle(io.BytesIO(), SIGNER.manifest(), plan, SIGNER.sign, [], None)
    with pytest.raises(UsageError):
        write_bundle(io.BytesIO(), SIGNER.manifest(), plan, SIGNER.sign, [], "")


def _scrypt_header(log2n: bytes) -> bytes:
    return (b"age-encryption.org/v1\n-> scrypt " + bf._b64encode(os.urandom(16)) + b" " + log2n
            + b"\n" + bf._b64encode(os.urandom(32)) + b"\n--- " + bf._b64encode(os.urandom(32))
            + b"\n" + os.urandom(16) + os.urandom(100))


@pytest.mark.parametrize("log2n", [b"40", b"21", b"64", b"99999999999999999999"])
def test_scrypt_work_factor_too_high_refused_fast(log2n: bytes) -> None:
    start = time.monotonic()
    with pytest.raises(WorkFactorError) as info:
        open_bundle(io.BytesIO(_scrypt_header(log2n)), None, "any passphrase")
    assert time.monotonic() - start < 0.2
    assert info.value.code == "work_factor"
    with pytest.raises(WorkFactorError):     # refused even before asking for a passphrase
        open_bundle(io.BytesIO(_scrypt_header(log2n)), None, None)


@pytest.mark.parametrize("log2n", [b"0", b"020", b"-1", b"1e3", b"x"])
def test_scrypt_work_factor_malformed(log2n: bytes) -> None:
    with pytest.raises(CorruptedError):
        open_bundle(io.BytesIO(_scrypt_header(log2n)), None, "pw")


def test_scrypt_mixed_with_other_stanzas_refused() -> None:
    data = make_bundle({"a.txt": b"x"})
    mixed = data.replace(b"\n-> X25519 ", b"\n-> scrypt " + bf._b64encode(os.urandom(16))
                         + b" 10\n" + bf._b64encode(os.urandom(32)) + b"\n-> X25519 ", 1)
    with pytest.raises(CorruptedError):
        open_bundle(io.BytesIO(mixed), [str(IDENTITY)], "pw")


# ---------------------------------------------------------------------------- bech32 and keys

BIP173_VALID = [
    "A12UEL5L",
    "a12uel5l",
    "an83characterlonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1tt5tgs",
    "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw",
    "11qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqc8247j",
    "split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w",
    "?1ezyfcl",
]
BIP173_INVALID = [
    " 1nwldj5",             # HRP character out of range
    "\x7f1axkwrx",
    "\x801eym55h",
    "pzry9x0s0muk",         # no separator
    "1pzry9x0s0muk",        # empty HRP
    "x1b4n0q5v",            # invalid data character
    "li1dgmt3",             # too short checksum
    "de1lg7wt\xff",         # invalid character in checksum
    "A1G7SGD8",             # checksum calculated with the upper-case HRP
    "10a06t8",              # empty HRP
    "1qzzfhee",             # empty HRP
    "a12UEL5L",             # mixed case
    "A12uEL5L",
    "a1lqfn3a",             # a valid bech32m (BIP-350) string is not bech32
]


@pytest.mark.parametrize("text", BIP173_VALID)
def test_bech32_bip173_valid_checksums(text: str) -> None:
    hrp, data = bf._bech32_decode(text)
    assert bf._bech32_encode(hrp, data) == text.lower()


@pytest.mark.parametrize("text", BIP173_INVALID)
def test_bech32_bip173_invalid_strings(text: str) -> None:
    with pytest.raises(ValueError):
        bf._bech32_decode(text)


def test_bech32_length_limit_not_applied_as_in_age() -> None:
    """BIP-173 caps strings at 90 characters; age does not (a key's length is checked instead)."""
    hrp, data = bf._bech32_decode("an84characterslonghumanreadablepartthatcontainsthenumber1and"
                                  "theexcludedcharactersbio1569pvx")
    assert len(hrp) == 84 and data == []


def test_bech32_data_and_bit_conversion() -> None:
    hrp, data = bf._bech32_decode("abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw")
    assert hrp == "abcdef" and data == list(range(32))
    assert bf._bits_5_to_8(data).hex() == "00443214c74254b635cf84653a56d7c675be77df"
    hrp, data = bf._bech32_decode("split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w")
    raw = bytes.fromhex("c5f38b70305f519bf66d85fb6cf03058f3dde463ecd7918f2dc743918f2d")
    assert bf._bits_5_to_8(data) == raw and bf._bits_8_to_5(raw) == data
    with pytest.raises(ValueError):
        bf._bits_5_to_8([31])                 # 5 bits left over: not a whole byte
    with pytest.raises(ValueError):
        bf._bits_5_to_8([0, 1])               # 2 non-zero padding bits


def test_pyrage_keys_round_trip() -> None:
    for _ in range(50):
        identity = x25519.Identity.generate()
        secret, public = str(identity), str(identity.to_public())
        assert bf._recipient_string(bf._parse_identity(secret).public_key) == public
        assert bf._recipient_string(bf._parse_recipient(public)) == public
        assert bf._identity_string(bf._decode_key(secret, bf._IDENTITY_HRP)) == secret
    for _ in range(50):                       # our strings are rage's strings
        text = bf._identity_string(os.urandom(32))
        theirs = x25519.Identity.from_str(text)
        assert str(theirs) == text
        assert str(theirs.to_public()) == bf._recipient_string(bf._parse_identity(text).public_key)


@pytest.mark.parametrize("transform", [
    str.upper, str.lower, lambda s: f" {s}\n", lambda s: s[:10].swapcase() + s[10:],
    lambda s: s[:-1].swapcase() + s[-1],
], ids=["upper", "lower", "spaces", "mixed-head", "mixed-tail"])
def test_key_case_and_spacing_accepted_as_before(transform: Callable[[str], str]) -> None:
    """The same strings are accepted as when pyrage parsed them (after strip())."""
    for ours, theirs, text in ((bf._parse_recipient, x25519.Recipient.from_str, RECIPIENT),
                               (bf._parse_identity, x25519.Identity.from_str, str(IDENTITY))):
        candidate = transform(text)
        try:
            theirs(candidate.strip())
        except (pyrage.RecipientError, pyrage.IdentityError):
            with pytest.raises(InvalidKeyError):
                ours(candidate)
        else:
            ours(candidate)


def _bech32m(hrp: str, data: list[int]) -> str:
    polymod = bf._bech32_polymod(bf._bech32_hrp_expand(hrp) + data + [0] * 6) ^ 0x2BC830A3
    return hrp + "1" + "".join(bf._BECH32_CHARSET[d] for d in
                               data + [(polymod >> 5 * (5 - i)) & 31 for i in range(6)])


def _padded(hrp: str) -> str:
    """A key whose 4 padding bits are not zero: BIP-173 and age refuse it, rage ignores them."""
    key5 = bf._bits_8_to_5(os.urandom(32))
    return bf._bech32_encode(hrp, key5[:-1] + [key5[-1] | 1])


def _malformed_keys(hrp: str, good: str) -> list[str]:
    """Strings that rage refuses as well."""
    key5 = bf._bits_8_to_5(os.urandom(32))
    other_hrp = bf._IDENTITY_HRP if hrp == bf._RECIPIENT_HRP else bf._RECIPIENT_HRP
    return [
        "", "   ", hrp + "1", good[:-1] + ("q" if good[-1] != "q" else "p"),
        good[:-6], good + "q", good.replace("1", "b", 1) if hrp == "age" else good[:-2] + "bb",
        good[:12] + "\u0430" + good[13:],                                # a Cyrillic letter
        bf._bech32_encode(hrp, bf._bits_8_to_5(os.urandom(31))),
        bf._bech32_encode(hrp, bf._bits_8_to_5(os.urandom(33))),
        bf._bech32_encode(other_hrp, key5),
        bf._bech32_encode(hrp + "x", key5),
        _bech32m(hrp, key5),
        hrp + "1" + "q" * 5000,
    ]


def test_malformed_recipients_refused() -> None:
    for text in _malformed_keys(bf._RECIPIENT_HRP, RECIPIENT):
        with pytest.raises(InvalidKeyError):
            make_bundle({"a.txt": b"x"}, recipients=[text])
        with pytest.raises(pyrage.RecipientError):        # rage agrees
            x25519.Recipient.from_str(text)
    with pytest.raises(InvalidKeyError):
        bf._parse_recipient(None)             # type: ignore[arg-type]
    with pytest.raises(InvalidKeyError):
        make_bundle({"a.txt": b"x"}, recipients=[_padded(bf._RECIPIENT_HRP)])


def test_malformed_identities_refused() -> None:
    data = make_bundle({"a.txt": b"x"})
    for text in _malformed_keys(bf._IDENTITY_HRP, str(IDENTITY).lower()):
        with pytest.raises(InvalidKeyError):
            open_bundle(io.BytesIO(data), [str(IDENTITY), text], None)
        with pytest.raises(pyrage.IdentityError):
            x25519.Identity.from_str(text)
    with pytest.raises(InvalidKeyError):
        open_bundle(io.BytesIO(data), [b"AGE-SECRET-KEY-1"], None)   # type: ignore[list-item]
    with pytest.raises(InvalidKeyError):
        open_bundle(io.BytesIO(data), [_padded(bf._IDENTITY_HRP).upper()], None)


@pytest.mark.skipif(AGE_KEYGEN is None, reason="age-keygen is not installed")
def test_nonzero_padding_refused_as_by_age() -> None:
    """Where rage is lenient (it ignores non-zero padding bits), we follow BIP-173 and age."""
    text = _padded(bf._IDENTITY_HRP).upper()
    result = subprocess.run([AGE_KEYGEN, "-y"], input=text + "\n", capture_output=True, text=True,
                            timeout=30, check=False)
    assert result.returncode != 0
    with pytest.raises(InvalidKeyError):
        bf._parse_identity(text)


def test_every_single_character_change_in_a_key_is_refused() -> None:
    for text, parse in ((RECIPIENT, bf._parse_recipient), (str(IDENTITY).lower(), bf._parse_identity)):
        start = text.rindex("1") + 1
        for position in range(start, len(text)):
            for char in bf._BECH32_CHARSET:
                if char != text[position]:
                    with pytest.raises(InvalidKeyError):
                        parse(text[:position] + char + text[position + 1:])


# ---------------------------------------------------------------------- truncation and bit flips

def consume(data: bytes, *, passphrase: str | None = None) -> bf.BundleReader | None:
    """Read like an importer; return the reader if finish() passed, raise BundleError otherwise."""
    reader = open_bundle(io.BytesIO(data), None if passphrase else [str(IDENTITY)], passphrase)
    with reader:
        reader.verify_signature(SIGNER.verifier())
        for _info, chunks in reader.parts():
            for _chunk in chunks:
                pass
        reader.finish()
    return reader


def _offsets(size: int) -> list[int]:
    """Every offset of the first 2 KiB, then a dense sample with age chunk boundaries +-2."""
    near = {b + d for b in range(0, size, 65536) for d in range(-20, 21)}
    near |= {size - d for d in range(1, 300)}
    return sorted(o for o in set(range(0, min(size, 2048))) | set(range(0, size, 997)) | near
                  if 0 <= o < size)


@pytest.mark.parametrize("passphrase", [None, "pw"])
def test_truncation_at_many_offsets(passphrase: str | None) -> None:
    data = make_bundle({"records.json": b"{}", "a.bin": os.urandom(3 * 65536 + 100),
                        "b.bin": os.urandom(5000)}, passphrase=passphrase)
    assert consume(data, passphrase=passphrase).finished
    for offset in _offsets(len(data)):
        reader = None
        with pytest.raises(BundleError):
            reader = consume(data[:offset], passphrase=passphrase)
        assert reader is None, offset


@pytest.mark.parametrize("passphrase", [None, "pw"])
def test_truncation_errors_are_classified(passphrase: str | None) -> None:
    data = make_bundle({"a.bin": os.urandom(5 * 65536)}, passphrase=passphrase)
    with pytest.raises(TruncatedError):
        consume(data[:-1000], passphrase=passphrase)
    with pytest.raises(TruncatedError):
        consume(data[: len(data) - len(data) % 65536], passphrase=passphrase)


@pytest.mark.parametrize("passphrase", [None, "pw"])
def test_truncated_data_is_released_but_never_finished(passphrase: str | None) -> None:
    """The pitfall: authenticated chunks arrive before truncation shows; finish() must fail."""
    payload = os.urandom(4 * bf.CHUNK_SIZE)
    data = make_bundle({"a.bin": payload}, passphrase=passphrase)
    cut = data[: len(data) - 200_000]
    reader = open_bundle(io.BytesIO(cut), None if passphrase else [str(IDENTITY)], passphrase)
    reader.verify_signature(SIGNER.verifier())
    received = 0
    with pytest.raises(TruncatedError):
        for _info, chunks in reader.parts():
            for chunk in chunks:
                received += len(chunk)
    assert 0 < received < len(payload)
    with pytest.raises(TruncatedError):
        reader.finish()
    assert not reader.finished
    reader.close()


def _flip_positions(size: int) -> list[tuple[int, int]]:
    return [(i, 1 << (i % 8)) for i in range(size)] + [(i, 0x80) for i in range(0, size, 3)]


@pytest.mark.parametrize("passphrase", [None, "pw"])
def test_bit_flips_at_every_byte(passphrase: str | None) -> None:
    data = make_bundle({"records.json": b'{"k":1}', "a.txt": b"Invented testimony text."},
                       passphrase=passphrase)
    assert len(data) < 4096
    assert consume(data, passphrase=passphrase).finished
    for position, mask in _flip_positions(len(data)):
        flipped = bytearray(data)
        flipped[position] ^= mask
        reader = None
        with pytest.raises(BundleError):
            reader = consume(bytes(flipped), passphrase=passphrase)
        assert reader is None, (position, mask)


def test_bit_flips_in_a_multi_chunk_bundle_sample() -> None:
    data = make_bundle({"a.bin": os.urandom(4 * 65536)})
    for position in range(0, len(data), 4099):
        flipped = bytearray(data)
        flipped[position] ^= 0x10
        with pytest.raises(BundleError):
            consume(bytes(flipped))
    middle = bytearray(data)
    middle[len(data) // 2] ^= 1
    with pytest.raises(CorruptedError):
        consume(bytes(middle))


def test_trailing_garbage_refused() -> None:
    with pytest.raises(BundleError):
        consume(make_bundle({"a.txt": b"x"}) + b"\x00")
    with pytest.raises(BundleError):
        consume(make_bundle({"a.txt": b"x"}, passphrase="pw") + b"\x00", passphrase="pw")


@pytest.mark.parametrize("content", [b"", b"hello", b"age-encryption.org/v2\n",
                                     b"-----BEGIN AGE ENCRYPTED FILE-----\nYWdl\n", os.urandom(500)])
def test_not_an_age_file(content: bytes) -> None:
    with pytest.raises(NotABundleError) as info:
        open_bundle(io.BytesIO(content), [str(IDENTITY)], "pw")
    assert info.value.code == "not_a_bundle"


def test_age_file_that_is_not_a_bundle() -> None:
    with pytest.raises(NotABundleError):
        open_bundle(io.BytesIO(seal(b"just some other age file")), [str(IDENTITY)], None)
    with pytest.raises(NotABundleError):
        open_bundle(io.BytesIO(seal(b"")), [str(IDENTITY)], None)


def test_unreadable_input() -> None:
    class Broken(io.RawIOBase):
        def readable(self) -> bool:
            return True

        def readinto(self, buffer: object) -> int:
            raise OSError(5, "I/O error")

    with pytest.raises(bf.BundleReadError):
        open_bundle(io.BufferedReader(Broken()), [str(IDENTITY)], None)

    class FailsLater(io.BytesIO):
        limit = 0

        def read(self, size: int | None = -1) -> bytes:
            if self.tell() > self.limit:
                raise OSError(5, "I/O error")
            return super().read(size)

    for size, limit in ((300_000, 100_000), (6 * bf.CHUNK_SIZE, 5 * bf.CHUNK_SIZE // 2)):
        data = make_bundle({"a.bin": os.urandom(size)})
        FailsLater.limit = limit
        with pytest.raises(bf.BundleReadError):
            with open_bundle(FailsLater(data), [str(IDENTITY)], None) as reader:
                reader.finish()


# ------------------------------------------------------------------- inner container, crafted

def _frame(kind: int, payload: bytes) -> bytes:
    return bf._FRAME_HEADER.pack(kind, len(payload)) + payload


def _inner(manifest: bytes, signature: bytes, body: bytes = b"", end: bool = True,
           preamble: bytes = bf._PREAMBLE) -> bytes:
    return (preamble + _frame(bf.FRAME_MANIFEST, manifest) + _frame(bf.FRAME_SIGNATURE, signature)
            + body + (_frame(bf.FRAME_END, b"") if end else b""))


def _signed_manifest(parts: list[PartInfo], recipients: tuple[str, ...] = (RECIPIENT,)
                     ) -> tuple[bytes, bytes]:
    manifest = Manifest(signer_fingerprint=SIGNER.fingerprint, signer_certificate_pem=SIGNER.pem,
                        recipients=recipients, parts=tuple(parts))
    body = encode_manifest(manifest)
    return body, SIGNER.sign(body)


def test_crafted_inner_variants() -> None:
    good = b"abc" * 1000
    info = PartInfo("a.bin", "attachment", len(good), hashlib.sha256(good).hexdigest())
    body, sig = _signed_manifest([info])
    data_frame = _frame(bf.FRAME_DATA, good)
    assert consume(seal(_inner(body, sig, data_frame))).finished

    cases: list[tuple[bytes, type[BundleError]]] = [
        (_inner(body, sig, data_frame, preamble=b"HRCASE-BUNDLX\x00\x00\x01"), NotABundleError),
        (_inner(body, sig, data_frame, preamble=bf.MAGIC + b"\x00\x02"), UnsupportedBundleError),
        (_inner(body, sig, data_frame, end=False), CorruptedError),
        (_inner(body, sig, data_frame) + b"\x00", CorruptedError),
        (_inner(body, sig, data_frame) + _frame(bf.FRAME_END, b""), CorruptedError),
        (_inner(body, sig, data_frame[:-1] + b"x"), CorruptedError),                 # hash mismatch
        (_inner(body, sig, _frame(bf.FRAME_DATA, good + b"!")), CorruptedError),      # over size
        (_inner(body, sig, _frame(bf.FRAME_DATA, good[:10]) + _frame(bf.FRAME_DATA, b"")
                + _frame(bf.FRAME_DATA, good[10:])), CorruptedError),                # empty frame
        (_inner(body, sig, _frame(0x09, good)), CorruptedError),                     # unknown type
        (_inner(body, sig, _frame(bf.FRAME_DATA, good))[:-1] + b"\x01", CorruptedError),
        (_inner(body + b" ", sig, data_frame), ManifestError),                       # not canonical
        (_inner(body, b"", data_frame), SignatureError),
        (_inner(body, b"\x00" * (bf.MAX_SIGNATURE_BYTES + 1), data_frame), SignatureError),
        (_inner(body, sig[:-1] + bytes([sig[-1] ^ 1]), data_frame), SignatureError),
        (_inner(body[:10], sig, data_frame), ManifestError),
        (bf._PREAMBLE + bf._FRAME_HEADER.pack(bf.FRAME_MANIFEST, 2**63), ManifestError),
        (bf._PREAMBLE + bf._FRAME_HEADER.pack(bf.FRAME_MANIFEST, 100), CorruptedError),
        (bf._PREAMBLE + _frame(bf.FRAME_SIGNATURE, sig), CorruptedError),
        (bf._PREAMBLE[:-1], NotABundleError),
    ]
    for inner, error in cases:
        with pytest.raises(error):
            consume(seal(inner))


def test_oversized_data_frame_refused_before_reading_it() -> None:
    info = PartInfo("a.bin", "attachment", 10 * bf.CHUNK_SIZE, "0" * 64)
    body, sig = _signed_manifest([info])
    inner = _inner(body, sig, bf._FRAME_HEADER.pack(bf.FRAME_DATA, 2 * bf.CHUNK_SIZE), end=False)
    with pytest.raises(CorruptedError):
        consume(seal(inner))


def test_last_chunk_of_a_part_with_a_wrong_hash_is_withheld() -> None:
    first, second = os.urandom(bf.CHUNK_SIZE), os.urandom(1000)
    info = PartInfo("a.bin", "attachment", len(first) + len(second),
                    hashlib.sha256(first + second[:-1] + b"?").hexdigest())
    body, sig = _signed_manifest([info])
    inner = _inner(body, sig, _frame(bf.FRAME_DATA, first) + _frame(bf.FRAME_DATA, second))
    received: list[bytes] = []
    with open_bundle(io.BytesIO(seal(inner)), [str(IDENTITY)], None) as reader:
        reader.verify_signature(SIGNER.verifier())
        with pytest.raises(CorruptedError):
            for _info, chunks in reader.parts():
                received.extend(chunks)
        assert received == [first]
        with pytest.raises(CorruptedError):       # sticky
            reader.finish()
        assert not reader.finished


def test_empty_part_with_wrong_hash() -> None:
    body, sig = _signed_manifest([PartInfo("e", "attachment", 0, "0" * 64)])
    with pytest.raises(CorruptedError):
        consume(seal(_inner(body, sig)))


# --------------------------------------------------------------------------------- signatures

def test_signature_verified_with_ecdsa_p256() -> None:
    data = make_bundle({"a.txt": b"signed"})
    with open_bundle(io.BytesIO(data), [str(IDENTITY)], None) as reader:
        cert = x509.load_pem_x509_certificate(reader.signer_certificate_pem.encode())
        cert.public_key().verify(reader.signature, reader.manifest_bytes, ec.ECDSA(hashes.SHA256()))


def test_parts_need_an_accepted_signature() -> None:
    data = make_bundle({"a.txt": b"x"})
    with open_bundle(io.BytesIO(data), [str(IDENTITY)], None) as reader:
        with pytest.raises(RuntimeError):
            next(reader.parts())


def test_unknown_signer_refused() -> None:
    stranger = Signer("Invented Stranger")
    data = make_bundle({"a.txt": b"x"}, signer=stranger)
    with pytest.raises(SignatureError) as info:
        consume(data)
    assert info.value.code == "bad_signature"


def test_signature_by_other_key_refused() -> None:
    stranger = Signer("Invented Stranger")
    out = io.BytesIO()
    write_bundle(out, SIGNER.manifest(), [part("a.txt", b"x")], stranger.sign, [RECIPIENT], None)
    with pytest.raises(SignatureError):
        consume(out.getvalue())


def test_verifier_exceptions_mapped() -> None:
    data = make_bundle({"a.txt": b"x"})

    def broken(cert: str, body: bytes, sig: bytes) -> bool:
        raise ValueError("bad certificate")

    with open_bundle(io.BytesIO(data), [str(IDENTITY)], None) as reader:
        with pytest.raises(SignatureError):
            reader.verify_signature(broken)

    def unknown_contact(cert: str, body: bytes, sig: bytes) -> bool:
        raise HrcaseError("unknown contact")

    with open_bundle(io.BytesIO(data), [str(IDENTITY)], None) as reader:
        with pytest.raises(HrcaseError, match="unknown contact"):
            reader.verify_signature(unknown_contact)


def test_forwarded_bundle_detected() -> None:
    """A recipient who re-encrypts a signed bundle for a third person is caught."""
    inner = inner_plaintext(make_bundle({"a.txt": b"x"}))
    forwarded = pyrage.encrypt(inner, [OTHER_IDENTITY.to_public()])
    with open_bundle(io.BytesIO(forwarded), [str(OTHER_IDENTITY)], None) as reader:
        with pytest.raises(NotAddressedError):
            reader.verify_signature(SIGNER.verifier())
        with pytest.raises(RuntimeError):
            next(reader.parts())


def test_key_bundle_rewrapped_with_a_passphrase_detected() -> None:
    inner = inner_plaintext(make_bundle({"a.txt": b"x"}))
    with open_bundle(io.BytesIO(seal_with_passphrase(inner, "pw")), None, "pw") as reader:
        with pytest.raises(NotAddressedError):
            reader.verify_signature(SIGNER.verifier())


# ------------------------------------------------------------------------------- writer errors

def test_part_size_or_hash_mismatch_refused() -> None:
    data = b"attachment bytes"
    good = part("a.bin", data)[0]
    for info in (PartInfo("a.bin", "attachment", len(data) + 1, good.sha256),
                 PartInfo("a.bin", "attachment", len(data) - 1, good.sha256),
                 PartInfo("a.bin", "attachment", len(data), "0" * 64)):
        out = io.BytesIO()
        with pytest.raises(PartMismatchError):
            write_bundle(out, SIGNER.manifest(), [(info, lambda: iter([data]))], SIGNER.sign,
                         [RECIPIENT], None)
        with pytest.raises(BundleError):      # what was written is never a valid bundle
            consume(out.getvalue())


def test_big_part_hash_mismatch_refused() -> None:
    data = os.urandom(3 * bf.CHUNK_SIZE)
    info = PartInfo("a.bin", "attachment", len(data), "0" * 64)
    for piece in (bf.CHUNK_SIZE, 65536):
        out = io.BytesIO()
        with pytest.raises(PartMismatchError):
            write_bundle(out, SIGNER.manifest(),
                         [(info, lambda: iter([data[i:i + piece] for i in range(0, len(data), piece)]))],
                         SIGNER.sign, [], "pw")


def _hash_threads() -> int:
    return sum(1 for thread in threading.enumerate() if thread.name == "sha256")


def test_big_part_failing_half_way_leaves_no_hashing_thread() -> None:
    data = os.urandom(10 * bf.CHUNK_SIZE)  # hashed on a thread of its own
    info = part("a.bin", data)[0]

    def failing() -> Iterator[bytes]:
        yield data[: 4 * bf.CHUNK_SIZE]
        raise OSError("the invented disk went away")

    before = _hash_threads()
    with pytest.raises(SourceError):
        write_bundle(io.BytesIO(), SIGNER.manifest(), [(info, failing)], SIGNER.sign,
                     [RECIPIENT], None)
    assert _hash_threads() == before


def test_big_part_cut_in_the_reader_leaves_no_hashing_thread() -> None:
    data = os.urandom(10 * bf.CHUNK_SIZE)
    bundle = make_bundle({"a.bin": data})
    before = _hash_threads()
    with pytest.raises(BundleError):
        consume(bundle[: len(bundle) // 2])
    assert _hash_threads() == before


def test_trusted_parts_are_checked_by_size_only() -> None:
    data = os.urandom(2 * bf.CHUNK_SIZE + 5)
    wrong_hash = PartInfo("a.bin", "attachment", len(data), "0" * 64)
    out = io.BytesIO()
    write_bundle(out, SIGNER.manifest(), [(wrong_hash, lambda: iter([data]))], SIGNER.sign,
                 [RECIPIENT], None, check_hashes=False)
    with pytest.raises(BundleError):  # the reader still checks every part's SHA-256
        consume(out.getvalue())
    short = PartInfo("a.bin", "attachment", len(data) + 1, "0" * 64)
    with pytest.raises(PartMismatchError):
        write_bundle(io.BytesIO(), SIGNER.manifest(), [(short, lambda: iter([data]))],
                     SIGNER.sign, [RECIPIENT], None, check_hashes=False)


def test_source_errors_mapped() -> None:
    def failing() -> Iterator[bytes]:
        yield b"abc"
        raise OSError("disk gone")

    info = PartInfo("a.bin", "attachment", 6, "0" * 64)
    with pytest.raises(SourceError):
        write_bundle(io.BytesIO(), SIGNER.manifest(), [(info, failing)], SIGNER.sign, [RECIPIENT], None)

    def locked() -> Iterator[bytes]:
        raise HrcaseError("vault locked")
        yield b""

    with pytest.raises(HrcaseError, match="vault locked"):
        write_bundle(io.BytesIO(), SIGNER.manifest(), [(info, locked)], SIGNER.sign, [], "pw")


def test_sign_errors_mapped() -> None:
    def broken(data: bytes) -> bytes:
        raise RuntimeError("token missing")

    with pytest.raises(SigningError):
        write_bundle(io.BytesIO(), SIGNER.manifest(), [part("a", b"x")], broken, [RECIPIENT], None)
    with pytest.raises(SigningError):
        write_bundle(io.BytesIO(), SIGNER.manifest(), [part("a", b"x")], lambda d: b"", [RECIPIENT], None)


@pytest.mark.parametrize("passphrase", [None, "pw"])
def test_output_errors_mapped(passphrase: str | None) -> None:
    class Full(io.RawIOBase):
        def writable(self) -> bool:
            return True

        def write(self, data: object) -> int:
            raise OSError(28, "No space left on device")

    with pytest.raises(bf.BundleWriteError):
        write_bundle(Full(), SIGNER.manifest(), [part("a", os.urandom(200_000))], SIGNER.sign,
                     [] if passphrase else [RECIPIENT], passphrase)


def test_unsafe_part_names_refused_on_write() -> None:
    for name in ("../etc/passwd", "a/b", "a\\b", "..", "bad\x00name", "x" * 256, "",
                 "invoice\u202egpj.exe"):
        with pytest.raises(ManifestError):
            make_bundle({name: b"x"})


def test_manifest_parts_must_match_arguments() -> None:
    manifest = Manifest(signer_fingerprint=SIGNER.fingerprint, signer_certificate_pem=SIGNER.pem,
                        parts=(PartInfo("other", "attachment", 0, hashlib.sha256().hexdigest()),))
    with pytest.raises(ValueError):
        write_bundle(io.BytesIO(), manifest, [part("a", b"x")], SIGNER.sign, [RECIPIENT], None)


def test_error_messages_are_single_sentences() -> None:
    classes = [cls for cls in vars(bf).values()
               if isinstance(cls, type) and issubclass(cls, BundleError)]
    assert len({cls.code for cls in classes}) == len(classes)
    for cls in classes:
        message = str(cls())
        assert message and message[0].isupper() and message.endswith(".") and "\n" not in message
        assert isinstance(cls(), HrcaseError)


# --------------------------------------------------------------------------- reader lifecycle

def test_parts_left_unread_are_checked_by_finish() -> None:
    parts = {"a.bin": os.urandom(2 * bf.CHUNK_SIZE + 5), "b.bin": os.urandom(10)}
    data = make_bundle(parts)
    with open_bundle(io.BytesIO(data), [str(IDENTITY)], None) as reader:
        reader.verify_signature(SIGNER.verifier())
        iterator = reader.parts()
        info, chunks = next(iterator)
        assert next(chunks) == parts["a.bin"][: bf.CHUNK_SIZE]
        info, chunks = next(iterator)                 # the rest of a.bin is skipped, checked
        assert info.name == "b.bin" and b"".join(chunks) == parts["b.bin"]
        reader.finish()
        assert reader.finished


def test_verify_only_without_reading_parts() -> None:
    data = make_bundle({"a.bin": os.urandom(500_000)})
    with open_bundle(io.BytesIO(data), [str(IDENTITY)], None) as reader:
        reader.finish()
        assert reader.finished
    flipped = bytearray(data)
    flipped[-5000] ^= 1
    with pytest.raises(BundleError):
        with open_bundle(io.BytesIO(bytes(flipped)), [str(IDENTITY)], None) as reader:
            reader.finish()


def test_close_early_stops_the_worker() -> None:
    data = make_bundle({"a.bin": os.urandom(30 * bf.CHUNK_SIZE)})
    before = threading.active_count()
    reader = open_bundle(io.BytesIO(data), [str(IDENTITY)], None)
    reader.verify_signature(SIGNER.verifier())
    info, chunks = next(reader.parts())
    next(chunks)
    reader.close()
    reader.close()
    deadline = time.monotonic() + 5
    while threading.active_count() > before and time.monotonic() < deadline:
        time.sleep(0.01)
    assert threading.active_count() <= before
    assert not reader.finished


# ----------------------------------------------------------------------- manifest: strictness

def _valid_manifest_obj() -> dict:
    return json.loads(encode_manifest(Manifest(
        signer_fingerprint=SIGNER.fingerprint, signer_certificate_pem=SIGNER.pem,
        recipients=(RECIPIENT,),
        parts=(PartInfo("records.json", "records", 10, "a" * 64),
               PartInfo("photo.jpg", "attachment", 0, "b" * 64)))))


def _encode(obj: object) -> bytes:
    return bf._canonical_json(obj)


def test_manifest_valid_parses() -> None:
    manifest = parse_manifest(_encode(_valid_manifest_obj()))
    assert manifest.parts[1] == PartInfo("photo.jpg", "attachment", 0, "b" * 64)


@pytest.mark.parametrize("mutate", [
    lambda m: m.pop("parts"),
    lambda m: m.update(extra=1),
    lambda m: m.update(format="other"),
    lambda m: m.update(version="1"),
    lambda m: m.update(version=True),
    lambda m: m.update(bundle_id="not-a-uuid"),
    lambda m: m.update(bundle_id=m["bundle_id"].upper()),
    lambda m: m.update(created_at="2024-02-30T00:00:00Z"),
    lambda m: m.update(created_at="2024-01-01 00:00:00"),
    lambda m: m.update(signer_fingerprint="AB" * 32),
    lambda m: m.update(signer_fingerprint="ab" * 31),
    lambda m: m.update(signer_certificate="not a pem"),
    lambda m: m.update(signer_certificate=m["signer_certificate"] + "\x00"),
    lambda m: m.update(recipients=["age1notvalid"]),
    lambda m: m.update(recipients=[RECIPIENT, RECIPIENT]),
    lambda m: m.update(recipients=RECIPIENT),
    lambda m: m.update(parts={}),
    lambda m: m["parts"].append(dict(m["parts"][0])),
    lambda m: m["parts"][0].update(size=-1),
    lambda m: m["parts"][0].update(size=2**63),
    lambda m: m["parts"][0].update(size=True),
    lambda m: m["parts"][0].update(kind="video"),
    lambda m: m["parts"][0].update(sha256="A" * 64),
    lambda m: m["parts"][0].update(sha256="a" * 63),
    lambda m: m["parts"][0].update(extra="x"),
    lambda m: m["parts"][0].pop("kind"),
    lambda m: m["parts"][0].update(name="a/b"),
    lambda m: m["parts"][0].update(name="..\\x"),
    lambda m: m["parts"][0].update(name=".."),
    lambda m: m["parts"][0].update(name="line\nbreak"),
    lambda m: m["parts"][0].update(name="\u2028"),
    lambda m: m["parts"][0].update(name="x" * 256),
    lambda m: m["parts"][0].update(name=""),
    lambda m: m["parts"][0].update(name=7),
])
def test_manifest_invalid_refused(mutate: Callable[[dict], object]) -> None:
    obj = _valid_manifest_obj()
    mutate(obj)
    with pytest.raises(ManifestError) as info:
        parse_manifest(_encode(obj))
    assert type(info.value) is ManifestError


def test_manifest_unknown_version() -> None:
    obj = _valid_manifest_obj()
    obj["version"] = 2
    obj["new_field"] = "from the future"
    with pytest.raises(UnsupportedBundleError):
        parse_manifest(_encode(obj))


@pytest.mark.parametrize("text", [
    b"", b"null", b"[]", b"{}", b"\xef\xbb\xbf{}", b"\xff", b'{"format":"hrcase-bundle"}',
    b"[" * 100_000, b'{"a":1,"a":1}', b'{"version":1.0}', b'{"version":NaN}',
    b'{"version":' + b"9" * 5000 + b"}",
])
def test_manifest_garbage_refused(text: bytes) -> None:
    with pytest.raises(ManifestError):
        parse_manifest(text)


def test_manifest_not_canonical_refused() -> None:
    canonical = _encode(_valid_manifest_obj())
    parse_manifest(canonical)
    obj = _valid_manifest_obj()
    unsorted = {key: obj[key] for key in reversed(sorted(obj))}
    for variant in (json.dumps(obj, sort_keys=True).encode(),                    # spaces
                    json.dumps(unsorted, separators=(",", ":")).encode(),        # key order
                    canonical + b"\n", b" " + canonical,
                    canonical.replace(b'"records"', b'"r\\u0065cords"')):       # escapes
        with pytest.raises(ManifestError):
            parse_manifest(variant)


def test_manifest_size_limit() -> None:
    with pytest.raises(ManifestError):
        parse_manifest(b" " * (bf.MAX_MANIFEST_BYTES + 1))


# ----------------------------------------------------------------- manifest: property tests

_hex64 = st.text(alphabet="0123456789abcdef", min_size=64, max_size=64)
_names = st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cf", "Cs", "Co", "Zl", "Zp"),
                                        blacklist_characters="/\\"),
                 min_size=1, max_size=bf.MAX_PART_NAME).filter(lambda n: n not in (".", ".."))
_parts = st.lists(st.builds(PartInfo, name=_names, kind=st.sampled_from(bf.PART_KINDS),
                            size=st.integers(0, bf.MAX_PART_SIZE), sha256=_hex64),
                  max_size=8, unique_by=lambda p: p.name)
_recipient_pool = [str(x25519.Identity.generate().to_public()) for _ in range(5)]
_manifests = st.builds(
    Manifest,
    signer_fingerprint=_hex64,
    signer_certificate_pem=st.text(alphabet="ABCDEFabcdef0123456789+/=\n", max_size=200).map(
        lambda body: "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n"),
    bundle_id=st.uuids().map(str),
    created_at=st.datetimes(min_value=datetime(1000, 1, 1), max_value=datetime(9999, 12, 31)).map(
        lambda d: d.strftime("%Y-%m-%dT%H:%M:%SZ")),
    recipients=st.lists(st.sampled_from(_recipient_pool), unique=True).map(tuple),
    parts=_parts.map(tuple),
)
_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.sampled_from(sorted(bf._MANIFEST_KEYS | bf._PART_KEYS) + ["x"]), children,
                      max_size=9),
    max_leaves=30)


@settings(max_examples=300, deadline=None)
@given(_manifests)
def test_property_valid_manifests_round_trip(manifest: Manifest) -> None:
    data = encode_manifest(manifest)
    assert parse_manifest(data) == manifest
    assert encode_manifest(parse_manifest(data)) == data


@settings(max_examples=500, deadline=None)
@given(st.binary(max_size=2000))
def test_property_random_bytes_only_bundle_errors(data: bytes) -> None:
    try:
        parse_manifest(data)
    except BundleError:
        pass


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_json)
def test_property_random_json_only_bundle_errors(value: object) -> None:
    try:
        parse_manifest(_encode(value))
    except BundleError:
        pass


@settings(max_examples=300, deadline=None)
@given(_manifests, st.data())
def test_property_mutated_manifests_only_bundle_errors(manifest: Manifest, data: st.DataObject) -> None:
    raw = bytearray(encode_manifest(manifest))
    for _ in range(data.draw(st.integers(1, 4))):
        position = data.draw(st.integers(0, len(raw) - 1))
        action = data.draw(st.sampled_from(["flip", "delete", "insert"]))
        if action == "flip":
            raw[position] ^= 1 << data.draw(st.integers(0, 7))
        elif action == "delete":
            del raw[position]
        else:
            raw.insert(position, data.draw(st.sampled_from(b'{}[]",:0 -a\\\x00')))
    try:
        parsed = parse_manifest(bytes(raw))
    except BundleError:
        return
    assert encode_manifest(parsed) == bytes(raw)


@settings(max_examples=200, deadline=None)
@given(_manifests, st.sampled_from(sorted(bf._MANIFEST_KEYS)),
       st.none() | st.booleans() | st.integers() | st.text(max_size=5) | st.lists(st.integers(), max_size=2))
def test_property_wrong_field_values_only_bundle_errors(manifest: Manifest, key: str, value: object) -> None:
    obj = json.loads(encode_manifest(manifest))
    obj[key] = value
    try:
        parse_manifest(_encode(obj))
    except BundleError:
        pass


# ------------------------------------------------------------------------------------- memory

_MEMORY_SCRIPT = textwrap.dedent("""
    import hashlib, io, os, resource, sys, tempfile
    from pyrage import x25519
    from hrcase.services import bundle_format as bf

    def rss_mib():
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    size_mib = int(sys.argv[1])
    passphrase = sys.argv[2] or None
    bf.SCRYPT_LOG2N = 2
    identity = x25519.Identity.generate()
    block = os.urandom(1024 * 1024)
    digest = hashlib.sha256()
    for _ in range(size_mib):
        digest.update(block)
    info = bf.PartInfo("big.bin", "attachment", size_mib * len(block), digest.hexdigest())
    source = lambda: (bytes(block) for _ in range(size_mib))
    manifest = bf.Manifest(signer_fingerprint="ab" * 32,
                           signer_certificate_pem="-----BEGIN CERTIFICATE-----\\nAA==\\n")
    baseline = rss_mib()
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "bundle.age")
        with open(path, "wb") as out:
            bf.write_bundle(out, manifest, [(info, source)], lambda b: b"sig",
                            [] if passphrase else [str(identity.to_public())], passphrase)
        after_write = rss_mib()
        total = 0
        with open(path, "rb") as inp, bf.open_bundle(inp, [str(identity)], passphrase) as reader:
            reader.verify_signature(lambda cert, data, sig: sig == b"sig")
            for _info, chunks in reader.parts():
                for chunk in chunks:
                    total += len(chunk)
            reader.finish()
    assert total == size_mib * len(block)
    print(baseline, after_write, rss_mib())
""")


@pytest.mark.slow
@pytest.mark.parametrize("passphrase", ["", "pw"])
def test_memory_stays_bounded_for_a_200_mib_part(passphrase: str) -> None:
    result = subprocess.run([sys.executable, "-c", _MEMORY_SCRIPT, "200", passphrase],
                            capture_output=True, text=True, timeout=600, cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stderr
    baseline, after_write, after_read = map(float, result.stdout.split())
    assert after_write - baseline < 40, result.stdout
    assert after_read - baseline < 40, result.stdout
