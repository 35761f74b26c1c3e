"""The soak run: hundreds of kills, thousands of hostile inputs, random full disks and damage.

    python -m tests.soak [--kills 210] [--ops create,bundle] [--examples 1500] [--disk 30]
                         [--flips 200] [--seed N]

Prints, for each part, what was tried and what happened, and exits non-zero if any promise
broke (tests/faults/harness.py and tests/faults/hostile.py state the promises). Takes about
40 minutes on a busy 2-core machine with the defaults (the kills take most of it).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def kills(count: int, seed: int, work: Path, only: list[str]) -> int:
    from tests.faults.harness import BUNDLE_OPS, OPS, make_seed, run_campaign

    with_bundles = importlib.util.find_spec("hrcase.services.bundles") is not None
    ops = [op for op in (BUNDLE_OPS if with_bundles else OPS) if not only or op in only]
    start = time.monotonic()
    (work / "seed").mkdir(parents=True)
    vault_seed = make_seed(work / "seed", with_bundles="bundle" in ops)
    plan = [ops[i % len(ops)] for i in range(count)]
    campaign = run_campaign(plan, work / "kills", vault_seed, rng_seed=seed)
    print(f"\n== SIGKILL at random moments: {len(campaign.results)} kills "
          f"in {time.monotonic() - start:.0f} s (seed {seed})")
    print(campaign.table())
    for failure in campaign.failures:
        print(f"FAILED {failure.op} after {failure.delay:.2f}s, committed {failure.committed}: "
              f"{failure.failure}")
    return len(campaign.failures)


def hostile(examples: int) -> int:
    import pytest

    os.environ["HRCASE_FUZZ_EXAMPLES"] = str(examples)
    start = time.monotonic()
    code = pytest.main(["-q", "-p", "no:cacheprovider", "--tb=short", "-W", "ignore",
                        str(ROOT / "tests" / "faults" / "test_hostile.py")])
    from tests.faults.hostile import OUTCOMES, TRIED

    print(f"\n== Hostile input (hypothesis, {examples} examples per target) in "
          f"{time.monotonic() - start:.0f} s")
    print(f"{'target':<24} {'tried':>6}  outcomes")
    for target, tried in sorted(TRIED.items()):
        outcomes = ", ".join(f"{o} {n}" for (t, o), n in sorted(OUTCOMES.items()) if t == target)
        print(f"{target:<24} {tried:>6}  {outcomes}")
    print(f"{'all':<24} {sum(TRIED.values()):>6}  pytest exit code {code}")
    return int(code != 0)


def disk_full(count: int, seed: int, work: Path) -> int:
    from tests.faults.diskfull_child import NEW_PASSPHRASE
    from tests.faults.test_disk_full import CHILD, FAST, PASSPHRASE, state
    from tests.helpers import add_case, add_person

    from hrcase.services import Services
    from hrcase.vault import Vault

    rng = random.Random(seed)
    template = work / "template.hrcase"
    vault, _ = Vault.create(template, PASSPHRASE, FAST)
    services = Services(vault, "t")
    add_case(services)
    for i in range(30):
        add_person(services, f"Existing Person {i}")
    vault.close()
    before = state(template)
    store = (template / "store.db").stat().st_size
    table: Counter[tuple[str, str]] = Counter()
    failures = 0
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("HRCASE_")},
           "PYTHONPATH": str(ROOT)}
    start = time.monotonic()
    for i in range(count):
        op = rng.choice(["import-csv", "attach", "create", "backup", "passwd"])
        limit = rng.choice([rng.randint(100, 4096), store + rng.randint(0, 2 * 1024 * 1024)])
        path = work / f"d{i}.hrcase"
        shutil.copytree(template, path)
        result = subprocess.run([sys.executable, str(CHILD), op, str(path), PASSPHRASE, str(limit),
                                 str(work / f"d{i}")], capture_output=True, text=True, env=env,
                                timeout=300)
        out = result.stdout.strip()
        try:
            if out.startswith("refused StorageFull"):
                assert state(path) == before, "refused but changed"
                outcome = "StorageFull, vault unchanged"
            elif out == "done":  # it fitted: opens (with the new passphrase) and passes check
                state(path, NEW_PASSPHRASE if op == "passwd" else PASSPHRASE)
                outcome = "fitted, change saved"
            else:
                raise AssertionError(f"child said {out!r}: {result.stderr[-500:]}")
        except Exception as exc:  # a broken promise
            failures += 1
            outcome = "FAILED"
            print(f"FAILED {op} limit {limit}: {exc}")
        table[(op, outcome)] += 1
        shutil.rmtree(path, ignore_errors=True)
    print(f"\n== Write refused (RLIMIT_FSIZE at random sizes): {count} runs in "
          f"{time.monotonic() - start:.0f} s")
    for (op, outcome), n in sorted(table.items()):
        print(f"{op:<12} {outcome:<32} {n:>4}")
    return failures


def damage(count: int, seed: int, work: Path) -> int:
    import io

    from tests.helpers import add_case, add_person

    from hrcase.errors import HrcaseError
    from hrcase.services import Services
    from hrcase.services.check import check_vault
    from hrcase.vault import KdfParams, Vault

    rng = random.Random(seed)
    template = work / "template.hrcase"
    vault, recovery = Vault.create(template, "damage soak passphrase", KdfParams(8192, 1, 1))
    services = Services(vault, "t")
    add_case(services)
    for i in range(60):
        add_person(services, f"Person Number {i}")
    services.attachments.add(io.BytesIO(os.urandom(1024 * 1024)), filename="evidence.bin")
    vault.close()
    [content] = (template / "attachments").iterdir()
    targets = {"store.db": "store.db", "keyslots.json": "keyslots.json",
               "attachment file": f"attachments/{content.name}"}
    table: Counter[tuple[str, str]] = Counter()
    failures = 0
    start = time.monotonic()
    for i in range(count):
        file = rng.choice(["store.db", "store.db", "keyslots.json", "attachment file"])
        path = work / f"x{i}.hrcase"
        shutil.copytree(template, path)
        data = bytearray((path / targets[file]).read_bytes())
        offset = rng.randrange(len(data))
        data[offset] ^= rng.choice([0x01, 0x80, 0xFF, rng.randint(1, 255)])
        (path / targets[file]).write_bytes(bytes(data))
        try:
            key = rng.choice([{"passphrase": "damage soak passphrase"}, {"recovery_key": recovery}])
            with Vault.open(path, **key) as opened:
                problems = check_vault(opened).problems
            outcome = ("opens, check names the damage" if problems
                       else "opens, check passes (byte not in use)")
        except HrcaseError as exc:
            outcome = f"refused on open: {type(exc).__name__}"
        except Exception as exc:  # never: only typed errors
            failures += 1
            outcome = f"FAILED: {type(exc).__name__}"
            print(f"FAILED {file} offset {offset}: {exc!r}")
        table[(file, outcome)] += 1
        shutil.rmtree(path)
    print(f"\n== Flipped bytes: {count} damaged copies in {time.monotonic() - start:.0f} s")
    for (file, outcome), n in sorted(table.items()):
        print(f"{file:<16} {outcome:<44} {n:>4}")
    return failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    parser.add_argument("--kills", type=int, default=210)
    parser.add_argument("--ops", default="", help="kinds of change to kill, comma-separated "
                        "(default: all of create, update, import, passwd, backup, bundle)")
    parser.add_argument("--examples", type=int, default=1500)
    parser.add_argument("--disk", type=int, default=30)
    parser.add_argument("--flips", type=int, default=200)
    parser.add_argument("--seed", type=int, default=int(time.time()) % 100_000)
    args = parser.parse_args()
    os.umask(0o077)
    work = Path(tempfile.mkdtemp(prefix="hrcase-soak-"))
    failures = 0
    try:
        if args.kills:
            failures += kills(args.kills, args.seed, work / "k",
                              [op for op in args.ops.split(",") if op])
        if args.disk:
            (work / "d").mkdir()
            failures += disk_full(args.disk, args.seed, work / "d")
        if args.flips:
            (work / "x").mkdir()
            failures += damage(args.flips, args.seed, work / "x")
        if args.examples:
            failures += hostile(args.examples)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"\nsoak: {'OK' if not failures else f'{failures} FAILURES'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
