"""Private files and folders: 0600 files, 0700 folders, atomic replacement; a full disk is
reported as StorageFull."""

from __future__ import annotations

import errno
import os
import threading
from pathlib import Path

from hrcase.vault.errors import StorageFull

FILE_MODE = 0o600
DIR_MODE = 0o700


def restrict_process_umask() -> None:
    """Make every file this process creates private to the user (umask 077)."""
    os.umask(0o077)


def make_private_dir(path: Path) -> None:
    """Create ``path`` (and parents) with mode 0700; tighten it if it exists."""
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    os.chmod(path, DIR_MODE)


def write_private_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (temp name in the same folder, fsync, rename), 0600.

    The temporary name holds the same (already encrypted or public) bytes as the target.
    """
    tmp = path.with_name(path.name + ".new")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    except OSError as exc:
        if is_storage_error(exc):
            raise StorageFull() from exc
        raise
    fsync_dir(path.parent)


STORAGE_ERRNOS = frozenset({errno.ENOSPC, errno.EFBIG, errno.EDQUOT, errno.EIO})
"""What a write that the disk refused fails with: full, file too large, over quota, I/O error."""


def is_storage_error(exc: BaseException) -> bool:
    """Whether ``exc`` (or an error it was raised from) is the disk refusing a write."""
    current: BaseException | None = exc
    visited: set[int] = set()
    while current is not None and id(current) not in visited:  # chains can loop
        visited.add(id(current))
        if isinstance(current, OSError) and current.errno in STORAGE_ERRNOS:
            return True
        current = current.__cause__ or current.__context__
    return False


def fsync_dir(path: Path) -> None:
    """Flush a folder's entries to disk where the platform allows it."""
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class EarlyFlush:
    """Sends a large file's data to the disk while it is still being written.

    Every ``EVERY`` bytes reported with ``wrote``, a thread asks the OS to write out what the
    file holds so far (``fdatasync``), unless one is still at it. The final ``fsync`` then
    waits only for the last part instead of the whole file: the disk works while the CPU
    encrypts. ``close`` waits for the thread; the caller's own ``fsync`` still makes the file
    durable (a failure of an early flush shows up there).
    """

    EVERY = 32 * 1024 * 1024

    def __init__(self, fd: int) -> None:
        self._fd = fd
        self._unflushed = 0
        self._thread: threading.Thread | None = None

    def wrote(self, size: int) -> None:
        """Count ``size`` more bytes written; start a flush when enough have gathered."""
        self._unflushed += size
        if self._unflushed < self.EVERY or (self._thread is not None and self._thread.is_alive()):
            return
        self._unflushed = 0
        self._thread = threading.Thread(target=self._flush, name="early-flush", daemon=True)
        self._thread.start()

    def _flush(self) -> None:
        sync = getattr(os, "fdatasync", os.fsync)  # macOS has no fdatasync
        try:
            sync(self._fd)
        except OSError:
            pass  # the caller's final fsync reports it

    def close(self) -> None:
        """Wait for a flush under way (before the file is synced and closed)."""
        if self._thread is not None:
            self._thread.join()
