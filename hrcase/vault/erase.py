"""Crypto-erase: destroy a vault's key slots so that its store can never be decrypted again.

The store is encrypted with a random data key that exists on disk only inside the key slots
(``keyslots.json``: one slot sealed by the passphrase, one by the recovery key). Overwriting the
slot file destroys both seals at once: after that, neither the passphrase nor the recovery key
opens the store, and the store is random data to anyone without a copy of the data key.

Order, chosen so that the irreversible step comes first and takes milliseconds (a coerced user
may have seconds):

1. take the vault lock (refuse while another process has the vault, or a backup inside it,
   open: that process holds the data key in memory and would keep writing);
2. overwrite every slot file in place with random bytes of the same length and ``fsync`` it:
   ``keyslots.json``, a ``keyslots.json.new`` left by an interrupted passphrase change (it
   holds a valid slot), and the slot files of the backups inside the vault (``backups/``);
3. remove the slot files, then the store files (``store.db`` and its ``-wal``/``-shm``), then
   the attachment content files (each sealed with its own key, kept only in the store: they
   were unreadable from step 2 on), then the lock file and the folders.

Only files hrcase made are removed: anything else found in the folder is left in place and
reported, so a mistyped ``--vault`` can never delete a user's own files. No passphrase is
needed: destroying must work for someone who cannot or must not unlock.

What this cannot guarantee (docs/security.md, "Wiping"): on SSDs, flash and copy-on-write or
journaling file systems an overwrite may land in new blocks and leave the old ones readable to
forensic tools; older slot files (replaced by earlier passphrase changes) may survive in free
space; backups and copies elsewhere (other folders, USB sticks, cloud sync, system backups) and
the printed recovery key are out of reach and must be destroyed separately.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from hrcase.i18n import _
from hrcase.vault.errors import NotAVault, VaultError
from hrcase.vault.fsutil import fsync_dir
from hrcase.vault.blobs import remove_unlisted
from hrcase.vault.layout import BACKUPS_DIR, CONTENT_DIR, LOCK_FILE, SLOTS_FILE, STORE_FILE
from hrcase.vault.lockfile import VaultLock

SLOT_FILES = (SLOTS_FILE, SLOTS_FILE + ".new")
STORE_FILES = (STORE_FILE, STORE_FILE + "-wal", STORE_FILE + "-shm", STORE_FILE + "-journal")
PARTIAL_SUFFIX = ".partial"


class DestroyNotConfirmed(VaultError):
    """The confirmation typed does not match the vault's folder name; nothing was touched."""

    exit_code = 18

    def message(self) -> str:
        return _("The vault was not destroyed: the name typed is not the vault's folder name.")


@dataclass
class DestroyReport:
    """What ``destroy_vault`` did."""

    slot_files_overwritten: int = 0
    files_removed: int = 0
    left_in_place: list[Path] = field(default_factory=list)
    folder_removed: bool = False


def destroy_vault(path: Path, confirm: str) -> DestroyReport:
    """Crypto-erase the vault folder ``path``; ``confirm`` must be its folder name.

    Raises DestroyNotConfirmed (nothing touched), NotAVault (no slot or store file: nothing
    touched) or VaultInUse (another process has it open: nothing touched).
    """
    path = Path(path)
    if confirm != path.name:
        raise DestroyNotConfirmed()
    if not path.is_dir() or not _holds_vault_files(path):
        raise NotAVault()
    folders = [path, *_inner_backups(path)]
    locks: list[VaultLock] = []
    report = DestroyReport()
    try:
        for folder in folders:  # every lock first: refuse before anything is overwritten
            if (folder / LOCK_FILE).exists() or folder == path:
                lock = VaultLock(folder / LOCK_FILE)
                lock.acquire()
                locks.append(lock)
        for folder in folders:
            for name in SLOT_FILES:
                if (folder / name).is_file():
                    overwrite_in_place(folder / name)
                    report.slot_files_overwritten += 1
        for folder in folders:
            for name in (*SLOT_FILES, *STORE_FILES):
                if (folder / name).is_file():
                    (folder / name).unlink()
                    report.files_removed += 1
            report.files_removed += _remove_content(folder / CONTENT_DIR)
            fsync_dir(folder)
    finally:
        for lock in locks:
            lock.release()
    for folder in reversed(folders):  # inner backups first, the vault folder last
        if (folder / LOCK_FILE).is_file():
            (folder / LOCK_FILE).unlink()
            report.files_removed += 1
        _remove_if_empty(folder)
    if (path / BACKUPS_DIR).is_dir():
        _remove_if_empty(path / BACKUPS_DIR)
    report.folder_removed = not path.exists()
    if path.exists():
        report.left_in_place = sorted(p for p in path.rglob("*") if p.is_file())
    fsync_dir(path.parent)
    return report


def destroy_with_backups(path: Path, confirm: str, with_backups: bool
                         ) -> list[tuple[Path, DestroyReport]]:
    """Destroy the vault at ``path`` (``confirm``: its folder name) and, if asked, the backups
    beside it (:func:`sibling_backups`); returns what each destroy did, the vault first.

    Raises as :func:`destroy_vault` does; nothing is touched when the vault itself is refused.
    """
    targets = [Path(path), *(sibling_backups(path) if with_backups else [])]
    return [(target, destroy_vault(target, confirm if target == Path(path) else target.name))
            for target in targets]


def _remove_content(folder: Path) -> int:
    """Remove the content files (only those: a user's own file stays) and the folder if empty.

    Unlinked, not overwritten: a backup may hold the same file under a hard link."""
    removed = remove_unlisted(folder, set())
    if folder.is_dir():
        _remove_if_empty(folder)
    return removed


def overwrite_in_place(file: Path) -> None:
    """Overwrite ``file`` with random bytes of its own length, in place, and flush it to disk."""
    size = file.stat().st_size
    with open(file, "r+b") as handle:
        handle.write(os.urandom(size))
        handle.flush()
        os.fsync(handle.fileno())


def sibling_backups(path: Path) -> list[Path]:
    """Backup folders next to the vault named as ``hrcase backup`` names them by default.

    ``destroy_vault`` does not touch them: the caller says so, or destroys them too.
    """
    path = Path(path)
    stem = path.name[: -len(".hrcase")] if path.name.endswith(".hrcase") else path.name
    found = [p for pattern in (f"{stem}-backup-*.hrcase", f"{stem}-backup-*.hrcase{PARTIAL_SUFFIX}")
             for p in path.parent.glob(pattern) if p.is_dir() and _holds_vault_files(p)]
    return sorted(found)


def _holds_vault_files(folder: Path) -> bool:
    return any((folder / name).is_file() for name in (*SLOT_FILES, *STORE_FILES))


def _inner_backups(path: Path) -> list[Path]:
    """The backup folders inside a vault (taken before migrations), finished or not."""
    backups = path / BACKUPS_DIR
    if not backups.is_dir():
        return []
    return sorted(p for p in backups.iterdir() if p.is_dir() and _holds_vault_files(p))


def _remove_if_empty(folder: Path) -> None:
    try:
        folder.rmdir()
    except OSError:
        pass  # something that is not hrcase's is left in it: reported, never deleted
