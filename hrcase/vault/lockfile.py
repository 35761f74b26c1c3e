"""One writer at a time: an OS-level lock on a file in the vault folder.

The lock is held by the open file descriptor (``flock`` on POSIX, ``msvcrt.locking`` on
Windows), so the operating system releases it when the process ends, even when it is killed:
a lock left behind never blocks the next open. The file holds no content.
"""

from __future__ import annotations

import os
from pathlib import Path

from hrcase.vault.errors import VaultInUse
from hrcase.vault.fsutil import FILE_MODE


class VaultLock:
    """An exclusive lock on ``path``; ``acquire`` raises VaultInUse if another process holds it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(self) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, FILE_MODE)
        try:
            _lock(fd)
        except OSError as exc:
            os.close(fd)
            raise VaultInUse() from exc
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor releases the lock
            self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None


if os.name == "nt":  # pragma: no cover - exercised on Windows builds
    import msvcrt

    def _lock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
