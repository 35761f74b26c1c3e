"""Consistent encrypted backups of an open vault.

A backup is a complete vault folder: a copy of the key slots, a copy of the store made with
SQLite's online backup API on a keyed connection, so it is consistent even while the vault is
in use, and encrypted with the same data key (the same passphrase and recovery key open it),
and the attachment content files that copy names. Content files are never rewritten (new content
gets a new file), so on the same file system a hard link is a faithful copy that costs no
space; elsewhere the (encrypted) file is copied.
A full disk gives StorageFull and leaves no partial copy behind; a process killed mid-way can
leave a ``<name>.partial`` folder, which is never a usable backup (docs/restore.md).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from hrcase.vault.attachments import named_files
from hrcase.vault.engine import connect, typed_error
from hrcase.vault.errors import StorageFull, VaultExists
from hrcase.vault.fsutil import FILE_MODE, fsync_dir, is_storage_error, make_private_dir
from hrcase.vault.layout import CONTENT_DIR, SLOTS_FILE, STORE_FILE

if TYPE_CHECKING:
    from hrcase.vault.store import Vault


def backup_to(vault: "Vault", dest: Path) -> Path:
    """Write a backup of ``vault`` into the new folder ``dest`` and return it."""
    dest = Path(dest)
    if dest.exists():
        raise VaultExists()
    make_private_dir(dest.parent)
    partial = dest.with_name(dest.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    make_private_dir(partial)
    try:
        (partial / SLOTS_FILE).write_bytes(vault.slots.to_bytes())
        target = connect(partial / STORE_FILE, vault.data_key)
        try:
            target.execute("PRAGMA journal_mode = DELETE")
            source = vault.engine.raw_connection()
            try:
                source.driver_connection.backup(target)
            finally:
                source.close()
            names = named_files(target.execute)
        finally:
            target.close()
        _copy_content(vault.content_dir, partial / CONTENT_DIR, names)
        partial.rename(dest)
    except BaseException as exc:
        shutil.rmtree(partial, ignore_errors=True)
        typed = StorageFull() if is_storage_error(exc) else typed_error(exc)
        if typed is not None:
            raise typed from exc
        raise
    fsync_dir(dest.parent)
    return dest


def _copy_content(source: Path, dest: Path, names: set[str]) -> None:
    """Link (or copy) the named content files from ``source`` into the new folder ``dest``.

    A file the vault has lost is skipped rather than refusing the backup: a failing laptop's
    records are worth saving with one attachment missing."""
    make_private_dir(dest)
    for name in names:
        if not (source / name).is_file():
            continue  # missing in the vault already: the copy lacks it too, check names it
        try:
            os.link(source / name, dest / name)
        except OSError:  # another file system, or links not allowed
            shutil.copyfile(source / name, dest / name)
            os.chmod(dest / name, FILE_MODE)
    fsync_dir(dest)
