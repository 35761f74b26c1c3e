"""Vault benchmark: creation and unlock time, inserting persons, SQLCipher beside plain SQLite.

    python bench/bench_vault.py [--persons 100000] [--batch 1000]

The same workload (each person with a primary name, validated and audited through the services'
building blocks, committed in batches) runs on the vault's SQLCipher store and on a plain SQLite
file with the same pragmas, in alternating rounds so that changes of machine load hit both; the
table shows both and their ratio (target: at most 1.3x).
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import Engine, create_engine, event  # noqa: E402
from sqlalchemy.pool import QueuePool  # noqa: E402
from sqlmodel import Session  # noqa: E402

from hrcase.services.records import insert_record  # noqa: E402
from hrcase.vault import Vault, migrate  # noqa: E402
from hrcase.vault.engine import CACHE_KIB, fold  # noqa: E402

PASSPHRASE = "benchmark passphrase"


def plain_engine(path: Path) -> Engine:
    """A plain SQLite engine with the vault's pragmas, for comparison."""
    def connect() -> Any:
        conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        for pragma in ("journal_mode = WAL", "synchronous = NORMAL", "temp_store = MEMORY",
                       f"cache_size = -{CACHE_KIB}", "foreign_keys = ON", "secure_delete = ON"):
            conn.execute(f"PRAGMA {pragma}")
        conn.create_function("hr_fold", 1, fold, deterministic=True)
        return conn

    engine = create_engine("sqlite+pysqlite://", creator=connect, poolclass=QueuePool)

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def insert_persons(engine: Engine, count: int, batch: int) -> float:
    """Insert ``count`` persons with names in transactions of ``batch``; seconds taken."""
    start = time.perf_counter()
    for first in range(0, count, batch):
        with Session(engine, expire_on_commit=False) as session, session.begin():
            for i in range(first, min(first + batch, count)):
                person = insert_record(session, "bench", "person",
                                       {"birth": str(1940 + i % 60), "nationality": "KZ"})
                insert_record(session, "bench", "person_name",
                              {"person_id": person.id, "text": f"Person Number{i} Surname",
                               "script": "Latn", "kind": "primary"})
    return time.perf_counter() - start


def timed(action: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=1000)
    args = parser.parse_args()
    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:  # benchmark data is synthetic
        root = Path(tmp)
        create_s, (vault, _recovery) = timed(lambda: Vault.create(root / "bench.hrcase", PASSPHRASE))
        vault.close()
        unlock_s, vault = timed(lambda: Vault.open(root / "bench.hrcase", PASSPHRASE))
        rows += [("vault creation", f"{create_s:.2f} s"), ("unlock (Argon2id m=64 MiB, t=3, p=4)",
                                                          f"{unlock_s:.2f} s")]
        plain = plain_engine(root / "plain.db")
        migrate.upgrade(plain)
        cipher_s = plain_s = 0.0
        rounds = 10 if args.persons >= 10 * args.batch else 1
        per_round = args.persons // rounds
        for _ in range(rounds):  # alternate, so a change of machine load hits both alike
            cipher_s += insert_persons(vault.engine, per_round, args.batch)
            plain_s += insert_persons(plain, per_round, args.batch)
        vault.close()
        plain.dispose()
        rows += [
            (f"insert {args.persons:,} persons, SQLCipher", f"{cipher_s:.1f} s "
             f"({args.persons / cipher_s:,.0f}/s)"),
            (f"insert {args.persons:,} persons, plain SQLite", f"{plain_s:.1f} s "
             f"({args.persons / plain_s:,.0f}/s)"),
            ("SQLCipher / plain SQLite (target <= 1.3)", f"{cipher_s / plain_s:.2f}x"),
        ]
    width = max(len(name) for name, _ in rows)
    print(f"{'measure':<{width}}  value")
    print("-" * (width + 20))
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
