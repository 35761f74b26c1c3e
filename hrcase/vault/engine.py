"""SQLCipher connections keyed with the raw data key, behind a thread-safe SQLAlchemy pool.

Connections are made by our own factory (``creator=``), never from a URL holding a key. Each
connection silences SQLCipher's own log (it would print HMAC failures to stderr), keys the
store with the raw 256-bit key, keeps temporary tables in memory, and uses WAL so readers do
not block the writer. The engine is disposed when the vault locks.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.pool import QueuePool

from hrcase.i18n import _
from hrcase.vault.errors import StorageFull, VaultDamaged, VaultError

BUSY_TIMEOUT_S = 30.0
CACHE_KIB = 65536
"""Page cache per connection: decrypted pages kept in memory spare SQLCipher re-decrypting."""
WAL_LIMIT_BYTES = 64 * 1024 * 1024
"""The size the WAL file is cut back to after a checkpoint. A large transaction (a bundle import
of gigabytes is one, so that it applies all or nothing) grows the WAL to its size; without a
limit the file would keep that size on disk for as long as the vault stays open."""


def raw_key_pragma(key: bytes | bytearray) -> str:
    """The PRAGMA that keys a connection with a raw key (no SQLCipher key derivation)."""
    return "PRAGMA key = \"x'%s'\"" % bytes(key).hex()


def connect(path: Path, key: bytes | bytearray) -> Any:
    """Open one keyed DB-API connection to the store at ``path``.

    Raises VaultDamaged when the key is right (the slot opened) but the store is not readable.
    """
    conn = sqlcipher.connect(str(path), check_same_thread=False, timeout=BUSY_TIMEOUT_S,
                             isolation_level=None)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(raw_key_pragma(key))
        conn.execute("PRAGMA cipher_memory_security = ON")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.execute("PRAGMA journal_mode = WAL").fetchone()
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute(f"PRAGMA journal_size_limit = {WAL_LIMIT_BYTES}")
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA secure_delete = ON")
        conn.create_function("hr_fold", 1, fold, deterministic=True)
    except sqlcipher.DatabaseError as exc:
        conn.close()
        if isinstance(typed_error(exc), StorageFull):  # e.g. no room for the WAL file
            raise StorageFull() from exc
        raise VaultDamaged() from exc
    return conn


def fold(text: object) -> object:
    """Case folding for SQL (SQLite's own lower() knows only ASCII)."""
    return text.casefold() if isinstance(text, str) else text


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def make_engine(path: Path, key: bytearray) -> Engine:
    """An engine whose pool hands out keyed connections, safe to share between threads.

    The pysqlite dialect's own transaction handling is replaced by an explicit BEGIN so that
    SQLite transactions start when SQLAlchemy's do (the documented recipe for SQLite). A
    connection with the execution option ``write=True`` begins IMMEDIATE: it takes the write
    lock at once instead of failing to upgrade a read lock later.
    """
    engine = create_engine("sqlite+pysqlite://", creator=lambda: connect(path, key),
                           module=sqlcipher, poolclass=QueuePool, pool_size=4, max_overflow=4,
                           json_serializer=_json,
                           hide_parameters=True)  # SQL errors must not quote record values

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        immediate = conn.get_execution_options().get("write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    @event.listens_for(engine, "handle_error")
    def _typed(context: ExceptionContext) -> None:
        error = typed_error(context.original_exception)
        if isinstance(error, VaultDamaged):
            # SQLCipher leaves a connection that met a bad page in an error state: drop it
            # (only it), so that the next transaction reads with a fresh one.
            context.is_disconnect = True
            context.invalidate_pool_on_disconnect = False
        if error is not None:
            raise error from context.original_exception

    return engine


def typed_error(exc: BaseException) -> VaultError | None:
    """The user-facing error for an SQLite failure that means damage or a full disk, else None.

    SQLite names the cause (``sqlite_errorname``): a page that fails its HMAC or a malformed
    b-tree is CORRUPT or NOTADB (damage, even when the vault opened: a later page may be bad); a
    full disk is FULL; a failed write, sync or truncate (EFBIG, EIO, quota) is an IOERR.
    """
    name = str(getattr(exc, "sqlite_errorname", "") or "")
    if not name and isinstance(exc, sqlcipher.Error):  # the backup API gives only the text
        name = _ERROR_NAMES.get(str(exc), "")
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or name == "SQLITE_IOERR_SHORT_READ":
        return VaultDamaged(_("Part of the vault is damaged and could not be read. "
                              "Run \"hrcase check\" and restore from a backup."))
    if name.startswith(("SQLITE_FULL", "SQLITE_IOERR")):
        return StorageFull()
    return None


_ERROR_NAMES = {"database disk image is malformed": "SQLITE_CORRUPT",
                "file is not a database": "SQLITE_NOTADB",
                "database or disk is full": "SQLITE_FULL",
                "disk I/O error": "SQLITE_IOERR"}
"""SQLite's fixed messages for the codes above (sqlite3ErrStr), for errors without a code."""
