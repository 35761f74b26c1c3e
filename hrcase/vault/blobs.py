"""Encrypted content files: the bytes of attachments, outside the SQLite store.

A blob is one file in the vault's ``attachments/`` folder, named by 32 random hex digits (no
record id, no file name), sealed with its own random 256-bit key. The key exists only in the
encrypted store, beside the attachment it belongs to: without the store's data key a blob is
random bytes, and removing its row crypto-erases it.

Format (version 1)::

    MAGIC (8 bytes: b"hrcaseB1")
    chunk 0 .. chunk n-1, each AES-256-GCM(plaintext of CHUNK_SIZE bytes, the last one shorter
    or empty) followed by its 16-byte tag

The nonce of chunk ``i`` is ``i`` as 11 big-endian bytes and one byte that is 1 for the last
chunk, 0 otherwise (the STREAM construction, as age uses it), with the magic as associated
data. Reordered, repeated, dropped or appended chunks therefore fail to authenticate, and a file
cut at a chunk boundary has no last chunk. An empty content is one empty last chunk. A key
seals exactly one file, written once: nonces never repeat under a key.

Why files and not SQLite rows: writing a gigabyte into SQLCipher costs about ten times the CPU
of sealing it with AES-GCM here (page encryption, HMACs, overflow chains, the WAL writes every
page twice); see docs/sharing.md, Performance.
"""

from __future__ import annotations

import os
import queue
import secrets
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import BinaryIO
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from hrcase.i18n import _
from hrcase.vault.errors import StorageFull, VaultDamaged
from hrcase.vault.fsutil import (FILE_MODE, EarlyFlush, fsync_dir, is_storage_error,
                                 make_private_dir)

MAGIC = b"hrcaseB1"
CHUNK_SIZE = 1024 * 1024
TAG_SIZE = 16
KEY_SIZE = 32
NAME_LENGTH = 32


class BlobDamaged(VaultDamaged):
    """An attachment's content file is missing, cut short or altered."""

    def message(self) -> str:
        return _("An attachment's content is damaged or missing. Run \"hrcase check\" and "
                 "restore from a backup.")


@dataclass(frozen=True)
class Blob:
    """Where one content is and what opens it."""

    file: str
    key: bytes
    size: int


def is_blob_name(name: str) -> bool:
    """Whether ``name`` is the name of a blob file (32 lowercase hex digits)."""
    return len(name) == NAME_LENGTH and all(ch in "0123456789abcdef" for ch in name)


def chunk_count(size: int) -> int:
    """How many chunks a content of ``size`` bytes has (at least one)."""
    return max(1, -(-size // CHUNK_SIZE))


def file_size(size: int) -> int:
    """The size of the blob file that holds ``size`` bytes of content."""
    return len(MAGIC) + size + TAG_SIZE * chunk_count(size)


def _nonce(index: int, last: bool) -> bytes:
    return index.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


def write_blob(folder: Path, pieces: Iterable[bytes]) -> Blob:
    """Seal ``pieces`` into a new blob file in ``folder`` (made if missing), synced to disk.

    The caller's thread only reads ``pieces``; a worker thread seals and writes them, so that
    a producer that decrypts (a bundle import) and the sealing use two cores. A failure on
    either side removes the file; a full disk raises StorageFull. A process killed mid-way
    leaves a file no row names, which :func:`remove_unlisted` deletes at the next unlock.
    """
    make_private_dir(folder)
    key = secrets.token_bytes(KEY_SIZE)
    name = secrets.token_hex(NAME_LENGTH // 2)
    path = folder / name
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0),
                     FILE_MODE)
    except OSError as exc:
        raise (StorageFull() if is_storage_error(exc) else exc) from exc
    try:
        with os.fdopen(fd, "wb", buffering=0) as out:
            early = EarlyFlush(fd)
            try:
                size = _WriteBehind(out, AESGCM(key), early.wrote).write_all(pieces)
            finally:
                early.close()
            os.fsync(fd)
    except BaseException as exc:
        path.unlink(missing_ok=True)
        if is_storage_error(exc):
            raise StorageFull() from exc
        raise
    fsync_dir(folder)
    return Blob(file=name, key=key, size=size)


class _WriteBehind:
    """Seals and writes, on a worker thread, the pieces the caller's thread hands over."""

    DEPTH = 8
    """Pieces (of about 1 MiB) waiting: the memory a write-behind may hold."""

    def __init__(self, out: BinaryIO, cipher: AESGCM, wrote: Callable[[int], None]) -> None:
        self._queue: queue.Queue[bytes | None] = queue.Queue(self.DEPTH)
        self._size = 0
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(out, cipher, wrote),
                                        name="blob-writer", daemon=True)

    def _run(self, out: BinaryIO, cipher: AESGCM, wrote: Callable[[int], None]) -> None:
        try:
            self._size = _write_chunks(out, cipher, iter(self._queue.get, None), wrote)
        except BaseException as exc:  # handed to the caller's thread
            self._error = exc
            while self._queue.get() is not None:  # let the caller's puts finish
                pass

    def write_all(self, pieces: Iterable[bytes]) -> int:
        """Write every piece; return the size. Raises what either thread raised."""
        self._thread.start()
        try:
            for piece in pieces:
                if self._error is not None:
                    break
                self._queue.put(piece if isinstance(piece, bytes) else bytes(piece))
        finally:
            self._queue.put(None)
            self._thread.join()
        if self._error is not None:
            raise self._error
        return self._size


def _write_chunks(out: BinaryIO, cipher: AESGCM, pieces: Iterable[bytes],
                  wrote: Callable[[int], None]) -> int:
    """Write the magic and every chunk; the last one is sealed as last. Returns the size;
    ``wrote`` is told the length of every chunk written.

    One whole chunk is held back until the next one exists (it may be the last); pieces that
    are whole chunks already are sealed as they are, without a copy, into one reused buffer.
    """
    sealed = memoryview(bytearray(CHUNK_SIZE + TAG_SIZE))

    def seal(index: int, chunk: bytes, last: bool) -> None:
        length = len(chunk) + TAG_SIZE
        cipher.encrypt_into(_nonce(index, last), chunk, MAGIC, sealed[:length])
        _write_fully(out, sealed[:length])
        wrote(length)

    _write_fully(out, memoryview(MAGIC))
    size = index = 0
    held: bytes | None = None
    buffer = bytearray()
    for piece in pieces:
        size += len(piece)
        if not buffer and len(piece) == CHUNK_SIZE:
            whole = [piece]
        else:
            buffer += piece
            whole = []
            while len(buffer) >= CHUNK_SIZE:
                whole.append(bytes(buffer[:CHUNK_SIZE]))
                del buffer[:CHUNK_SIZE]
        for chunk in whole:
            if held is not None:
                seal(index, held, last=False)
                index += 1
            held = chunk
    if buffer:
        if held is not None:
            seal(index, held, last=False)
            index += 1
        held = bytes(buffer)
    seal(index, held or b"", last=True)
    return size


def _write_fully(out: BinaryIO, data: memoryview) -> None:
    """Write all of ``data`` to an unbuffered file (a raw write may take only part of it)."""
    while data:
        data = data[out.write(data):]


def read_blob(folder: Path, blob: Blob) -> Iterator[bytes]:
    """Yield the content of ``blob`` chunk by chunk, each one authenticated before it is given.

    Raises BlobDamaged for a missing file, a file of the wrong length or a chunk that fails to
    authenticate (nothing of that chunk is given).
    """
    path = folder / blob.file
    try:
        handle = open(path, "rb", buffering=0)
    except OSError as exc:
        raise BlobDamaged() from exc
    with handle:
        if os.fstat(handle.fileno()).st_size != file_size(blob.size) or \
                handle.read(len(MAGIC)) != MAGIC:
            raise BlobDamaged()
        cipher = AESGCM(blob.key)
        count = chunk_count(blob.size)
        sealed = memoryview(bytearray(CHUNK_SIZE + TAG_SIZE))  # reused: no fresh pages to fault
        for index in range(count):
            last = index == count - 1
            length = (blob.size - index * CHUNK_SIZE if last else CHUNK_SIZE) + TAG_SIZE
            if handle.readinto(sealed[:length]) != length:
                raise BlobDamaged()  # the file shrank while it was read
            try:
                yield cipher.decrypt(_nonce(index, last), sealed[:length], MAGIC)
            except (InvalidTag, ValueError) as exc:
                raise BlobDamaged() from exc


def remove_blob(folder: Path, name: str) -> None:
    """Delete one blob file (its key is already gone from the store)."""
    if is_blob_name(name):
        (folder / name).unlink(missing_ok=True)


def remove_unlisted(folder: Path, keep: set[str]) -> int:
    """Delete every blob file in ``folder`` that ``keep`` does not name; return how many.

    Such files are left by a transaction that was killed or rolled back: no row holds their
    key, so they can never be read.
    """
    if not folder.is_dir():
        return 0
    removed = 0
    for entry in os.scandir(folder):
        if is_blob_name(entry.name) and entry.name not in keep:
            os.unlink(entry.path)
            removed += 1
    if removed:
        fsync_dir(folder)
    return removed
