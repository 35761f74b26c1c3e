"""The process the kill tests kill: runs one kind of change in a loop and reports each commit.

    python child.py OP VAULT PASSPHRASE [EXTRA]

It prints ``ready`` once it is about to start changing things, then ``committed N`` right after
change N is committed (stored for good), so the parent knows exactly what must survive the
SIGKILL it sends at a random moment. OP is one of ``create``, ``update``, ``import``,
``attach`` (a 3 MiB file each time), ``passwd``, ``backup``, ``bundle`` (EXTRA is then the
folder of bundles to import). Everything is invented test data.
"""

from __future__ import annotations

import io
import json
import os
import sys
import time
import uuid
from pathlib import Path

from hrcase.services import Services, records_io
from hrcase.services.bundles import import_bundle
from hrcase.services.records import insert_record, update_record
from hrcase.vault import KdfParams, Vault

ACTOR = "Kill test"
BATCH = 100
ATTACH_BYTES = 3 * 1024 * 1024
FAST_KDF = KdfParams(memory_kib=8192, iterations=1, lanes=1)


def passphrase_number(seed_passphrase: str, n: int) -> str:
    """The passphrase after ``n`` changes (0: the seed vault's own)."""
    return seed_passphrase if n == 0 else f"changed passphrase number {n}"


def say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def csv_batch(n: int) -> str:
    return "name,notes\n" + "".join(f"Imported Person {n}-{k},import {n}\n" for k in range(BATCH))


def json_batch(n: int) -> bytes:
    people = [{"id": str(uuid.uuid4()), "notes": f"import {n}", "revision": 1}
              for _k in range(BATCH)]
    return json.dumps({"format": "hrcase-records", "version": 1,
                       "records": {"person": people}}).encode()


def main(op: str, path: Path, passphrase: str, extra: str) -> None:
    if op == "create":
        say("ready")
        vault, _recovery = Vault.create(path, passphrase)
        vault.close()
        say("committed 1")
        return
    vault = Vault.open(path, passphrase)
    services = Services(vault, ACTOR)
    case_id = services.records.list("case", limit=1)[0].id
    say("ready")
    n = 0
    while True:
        n += 1
        if op == "update":
            with vault.writing() as session:
                update_record(session, ACTOR, "case", case_id, {"summary": {"en": f"rev {n}"}})
                insert_record(session, ACTOR, "person", {"notes": f"update {n}"})
        elif op == "import":
            if n % 2:
                records_io.import_persons_csv(vault, csv_batch(n), ACTOR)
            else:
                records_io.import_json(vault, json_batch(n), ACTOR)
        elif op == "attach":
            services.attachments.add(io.BytesIO(os.urandom(ATTACH_BYTES)),
                                     filename=f"evidence-{n}.bin", provenance=f"attach {n}")
        elif op == "passwd":
            params = KdfParams() if n % 4 == 0 else FAST_KDF
            vault.change_passphrase(passphrase_number(passphrase, n), params)
        elif op == "bundle":
            bundle = Path(extra) / f"b{n}.hrcase-bundle"
            if not bundle.exists():  # all imported: wait for the kill
                time.sleep(3600)
            import_bundle(services, bundle)
        elif op == "backup":
            services.records.create("person", {"notes": f"backup {n}"})
            services.backup(Path(extra) / f"b{n}.hrcase")
        else:
            raise SystemExit(f"unknown op {op}")
        say(f"committed {n}")


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]), sys.argv[3], sys.argv[4] if len(sys.argv) > 4 else "")
