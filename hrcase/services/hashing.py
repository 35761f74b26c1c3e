"""SHA-256 of large streams on a second CPU core.

A bundle of a gigabyte is hashed twice on its way (every part against the signed manifest, and
the whole file for the audit chain): about two seconds of CPU, as much as the encryption. The
hash functions release the interpreter lock on large inputs, so a thread that only hashes runs
beside the thread that reads, encrypts and writes. Small inputs are hashed in place: starting a
thread costs more than hashing a few megabytes.
"""

from __future__ import annotations

import hashlib
import queue
import threading
from typing import Protocol

BACKGROUND_FROM = 8 * 1024 * 1024
"""Streams of at least this many bytes (when known) are hashed on a thread of their own."""
BATCH_BYTES = 1024 * 1024
"""Small pieces are handed over in batches of about this size (one wake-up of the thread each)."""
MAX_PENDING = 32
"""Batches waiting to be hashed; the producer waits beyond this (memory stays bounded)."""


class Digest(Protocol):
    """What the callers need of a running SHA-256."""

    def update(self, data: bytes) -> None: ...

    def hexdigest(self) -> str: ...


class BackgroundSha256:
    """A SHA-256 computed by a worker thread; ``update`` takes immutable ``bytes`` only.

    Call ``hexdigest`` (or ``close``, when the result is not wanted) to end the thread.
    """

    def __init__(self) -> None:
        self._pending: queue.Queue[list[bytes] | None] = queue.Queue(MAX_PENDING)
        self._batch: list[bytes] = []
        self._batch_bytes = 0
        self._digest = hashlib.sha256()
        self._result: str | None = None
        self._thread = threading.Thread(target=self._run, name="sha256", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        update = self._digest.update
        while (batch := self._pending.get()) is not None:
            for data in batch:
                update(data)

    def update(self, data: bytes) -> None:
        """Queue ``data`` for hashing (it must not change afterwards: pass bytes)."""
        if self._result is not None:
            raise ValueError("the digest is already final")
        self._batch.append(bytes(data) if not isinstance(data, bytes) else data)
        self._batch_bytes += len(data)
        if self._batch_bytes >= BATCH_BYTES:
            self._hand_over()

    def _hand_over(self) -> None:
        if self._batch:
            self._pending.put(self._batch)
            self._batch, self._batch_bytes = [], 0

    def hexdigest(self) -> str:
        """Wait for the queued data to be hashed and return the hex digest."""
        self.close()
        assert self._result is not None
        return self._result

    def close(self) -> None:
        """End the worker thread (the digest is final from here on)."""
        if self._result is None:
            self._hand_over()
            self._pending.put(None)
            self._thread.join()
            self._result = self._digest.hexdigest()


def sha256_for(size: int | None) -> Digest:
    """A running SHA-256 for a stream of ``size`` bytes (``None``: unknown, possibly large)."""
    if size is not None and size < BACKGROUND_FROM:
        return hashlib.sha256()
    return BackgroundSha256()
