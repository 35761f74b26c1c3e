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
from sqlalchemy.pool import QueuePool

from hrcase.vault.errors import VaultDamaged

BUSY_TIMEOUT_S = 30.0


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
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA secure_delete = ON")
        conn.create_function("hr_fold", 1, fold, deterministic=True)
    except sqlcipher.DatabaseError as exc:
        conn.close()
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
                           json_serializer=_json)

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        immediate = conn.get_execution_options().get("write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine
