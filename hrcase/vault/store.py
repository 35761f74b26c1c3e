"""A vault: one folder a user can copy and back up.

Layout of ``<name>.hrcase/``::

    keyslots.json   the data key sealed by the passphrase and by the recovery key
    store.db        a standard SQLCipher 4 database keyed with the raw data key
    vault.lock      an OS lock: one writing process at a time (no content)
    attachments/    attachment content, one encrypted file each (keys in the store; blobs.py)
    backups/        encrypted copies taken before a schema migration

Opening a vault: lock, unseal the data key (wrong passphrase is told apart from a damaged
store here), key the store, check it, take a backup and migrate if the schema is older, and
delete content files that no committed row names (left by a process killed mid-write).
Locking (``close``) disposes the engine, overwrites the key bytes we hold and releases the lock.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from hrcase.domain.base import new_id
from hrcase.i18n import _
from hrcase.vault import migrate
from hrcase.vault.backup import backup_to
from hrcase.vault.engine import make_engine
from hrcase.vault.errors import (NotAVault, StorageFull, VaultDamaged, VaultExists,
                                 VaultLocked)
from hrcase.vault.fsutil import FILE_MODE, make_private_dir
from hrcase.vault.attachments import CONTENT_DIR_KEY, remove_orphans
from hrcase.vault.layout import BACKUPS_DIR, CONTENT_DIR, LOCK_FILE, SLOTS_FILE, STORE_FILE
from hrcase.vault.keyslots import KdfParams, KeySlots, new_recovery_key, normalise_recovery_key
from hrcase.vault.lockfile import VaultLock


def _secret(passphrase: str | bytes | bytearray) -> bytes:
    return passphrase.encode("utf-8") if isinstance(passphrase, str) else bytes(passphrase)


def is_vault(path: Path) -> bool:
    """Whether ``path`` looks like a vault folder."""
    return (path / SLOTS_FILE).is_file()


class Vault:
    """An open (unlocked) vault. Use ``create`` or ``open``; ``close`` locks it."""

    def __init__(self, path: Path, slots: KeySlots, data_key: bytearray, lock: VaultLock) -> None:
        self.path = path
        self.slots = slots
        self._key: bytearray | None = data_key
        self._lock = lock
        self._engine: Engine | None = make_engine(path / STORE_FILE, data_key)

    # -- life cycle -------------------------------------------------------------------------
    @classmethod
    def create(cls, path: Path, passphrase: str | bytes | bytearray,
               params: KdfParams | None = None) -> tuple["Vault", str]:
        """Create a vault at ``path`` (a new folder); returns it open with its recovery key."""
        path = Path(path)
        if path.exists() and (not path.is_dir() or not _empty_or_interrupted_create(path)):
            raise VaultExists()
        make_private_dir(path)
        lock = VaultLock(path / LOCK_FILE)
        lock.acquire()
        try:
            for leftover in (SLOTS_FILE + ".new", STORE_FILE):  # of a create killed early
                (path / leftover).unlink(missing_ok=True)
            data_key = bytearray(os.urandom(32))
            recovery = new_recovery_key()
            slots = KeySlots.create(new_id(), data_key, _secret(passphrase),
                                    normalise_recovery_key(recovery), params or KdfParams())
            # The empty store first, the slots second: a folder with slots is always a vault.
            os.close(os.open(path / STORE_FILE, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
            slots.save(path / SLOTS_FILE)
            vault = cls(path, slots, data_key, lock)
            make_private_dir(vault.content_dir)
            migrate.upgrade(vault.engine, content_dir=vault.content_dir)
        except BaseException:
            lock.release()
            raise
        return vault, recovery

    @classmethod
    def open(cls, path: Path, passphrase: str | bytes | bytearray | None = None, *,
             recovery_key: str | None = None) -> "Vault":
        """Unlock the vault at ``path`` with its passphrase or its recovery key."""
        path = Path(path)
        if not path.is_dir() or not is_vault(path):
            raise NotAVault()
        slots = KeySlots.load(path / SLOTS_FILE)
        if not (path / STORE_FILE).is_file():
            raise VaultDamaged()
        lock = VaultLock(path / LOCK_FILE)
        lock.acquire()
        try:
            if recovery_key is not None:
                data_key = slots.unlock(normalise_recovery_key(recovery_key), "recovery")
            else:
                data_key = slots.unlock(_secret(passphrase or b""), "passphrase")
            vault = cls(path, slots, data_key, lock)
            try:
                vault._migrate_if_needed()
                vault._remove_orphan_content()
            except BaseException:
                vault.close()
                raise
        except BaseException:
            lock.release()
            raise
        return vault

    def close(self) -> None:
        """Lock: dispose every connection, overwrite the key we hold, release the file lock."""
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
        if self._key is not None:
            self._key[:] = bytes(len(self._key))
            self._key = None
        self._lock.release()

    @property
    def is_open(self) -> bool:
        return self._engine is not None

    def __enter__(self) -> "Vault":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- database access --------------------------------------------------------------------
    @property
    def engine(self) -> Engine:
        if self._engine is None:
            raise VaultLocked()
        return self._engine

    @property
    def content_dir(self) -> Path:
        """The folder of attachment content files (see ``hrcase.vault.attachments``)."""
        return self.path / CONTENT_DIR

    @property
    def data_key(self) -> bytearray:
        """The raw store key (for backups and crypto-erase checks); VaultLocked once locked."""
        if self._key is None:
            raise VaultLocked()
        return self._key

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only session (a consistent snapshot while it lasts)."""
        with Session(self.engine, expire_on_commit=False,
                     info={CONTENT_DIR_KEY: self.content_dir}) as session:
            yield session

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """A write transaction: committed at the end of the block, rolled back on any error."""
        bind = self.engine.execution_options(write=True)
        with Session(bind, expire_on_commit=False,
                     info={CONTENT_DIR_KEY: self.content_dir}) as session:
            try:
                with session.begin():
                    yield session
            except OperationalError as exc:
                if _is_disk_error(exc):
                    raise StorageFull() from exc
                raise

    # -- keys ---------------------------------------------------------------------------------
    def change_passphrase(self, new_passphrase: str | bytes | bytearray,
                          params: KdfParams | None = None) -> None:
        """Rewrap the data key under a new passphrase; the store is not rewritten.

        The slot file is replaced atomically: a crash leaves the old or the new passphrase
        working, and a failed write (StorageFull) leaves the old one, on disk and in memory.
        """
        self._rewrap("passphrase", _secret(new_passphrase), params or KdfParams())

    def new_recovery_key(self) -> str:
        """Replace the recovery key; the old one stops working."""
        recovery = new_recovery_key()
        self._rewrap("recovery", normalise_recovery_key(recovery), KdfParams())
        return recovery

    def _rewrap(self, kind: str, secret: bytes, params: KdfParams) -> None:
        previous = list(self.slots.slots)
        try:
            self.slots.rewrap(self.data_key, kind, secret, params)
            self.slots.save(self.path / SLOTS_FILE)
        except BaseException:
            self.slots.slots = previous
            raise

    # -- migrations ---------------------------------------------------------------------------
    def _migrate_if_needed(self) -> None:
        current = migrate.current_revision(self.engine)
        if current == migrate.head_revision():
            return
        if not migrate.known_revision(current):
            raise VaultDamaged(_("This vault was made by a newer version of hrcase. "
                                 "Update hrcase to open it."))
        if current is not None:
            stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
            backup_to(self, self.path / BACKUPS_DIR / f"before-migration-{stamp}.hrcase")
        migrate.upgrade(self.engine, content_dir=self.content_dir)

    def _remove_orphan_content(self) -> None:
        make_private_dir(self.content_dir)
        with self.engine.connect() as conn:
            remove_orphans(conn, self.content_dir)


_CREATE_LEFTOVERS = (LOCK_FILE, SLOTS_FILE + ".new", STORE_FILE)
"""What a create killed before it saved the key slots can leave (the store is then empty)."""


def _empty_or_interrupted_create(path: Path) -> bool:
    """Whether a folder is empty or holds only the leftovers of an interrupted create."""
    names = {item.name for item in path.iterdir()}
    if not names <= set(_CREATE_LEFTOVERS):
        return False
    return STORE_FILE not in names or (path / STORE_FILE).stat().st_size == 0


def _is_disk_error(exc: OperationalError) -> bool:
    text = str(exc.orig).lower() if exc.orig is not None else ""
    return "disk" in text or "full" in text or "i/o" in text
