"""SHA-256 on a second core (hrcase.services.hashing): same digests, no thread left behind."""

from __future__ import annotations

import hashlib
import os
import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hrcase.services.hashing import BACKGROUND_FROM, BackgroundSha256, sha256_for


def _hash_threads() -> int:
    return sum(1 for thread in threading.enumerate() if thread.name == "sha256")


@settings(max_examples=40, deadline=None)
@given(st.lists(st.binary(max_size=3000), max_size=30))
def test_same_digest_as_hashlib(pieces: list[bytes]) -> None:
    digest = BackgroundSha256()
    for piece in pieces:
        digest.update(piece)
    assert digest.hexdigest() == hashlib.sha256(b"".join(pieces)).hexdigest()


def test_large_pieces_and_mutable_buffers_are_hashed_as_they_were_given() -> None:
    data = os.urandom(3 * 1024 * 1024 + 5)
    buffer = bytearray(data[:1000])
    digest = BackgroundSha256()
    digest.update(buffer)
    buffer[:] = bytes(1000)  # changed after update: the digest keeps what it was given
    digest.update(memoryview(data)[1000:])
    assert digest.hexdigest() == hashlib.sha256(data).hexdigest()


def test_closing_ends_the_thread_and_the_digest_is_final() -> None:
    before = _hash_threads()
    digest = BackgroundSha256()
    digest.update(b"invented")
    assert _hash_threads() == before + 1
    digest.close()
    assert _hash_threads() == before
    assert digest.hexdigest() == hashlib.sha256(b"invented").hexdigest()
    with pytest.raises(ValueError):
        digest.update(b"more")


def test_small_streams_are_hashed_in_place() -> None:
    assert not isinstance(sha256_for(BACKGROUND_FROM - 1), BackgroundSha256)
    large, unknown = sha256_for(BACKGROUND_FROM), sha256_for(None)
    assert isinstance(large, BackgroundSha256) and isinstance(unknown, BackgroundSha256)
    large.close()
    unknown.close()
