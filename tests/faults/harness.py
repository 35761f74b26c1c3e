"""SIGKILL at random moments during create, update, import, adding a file, passphrase change
and backup.

Shared by the fast CI subset (tests/faults/test_kills.py) and the soak run (tests/soak). A trial
copies a seed vault, starts tests/faults/child.py on it, waits until the child is about to
change things, waits a random time, sends SIGKILL, then checks what the vault holds against the
``committed N`` lines the child printed before it died:

- the vault opens (with the passphrase in force) and ``check`` passes;
- every change committed before the kill is there;
- the change in flight is there completely or not at all, and nothing after it;
- a passphrase change leaves the old or the new passphrase working (exactly one), and the
  recovery key still works;
- an interrupted create leaves a vault that opens, or a folder on which create works again;
- every backup that was finished opens, passes ``check`` and holds what was committed before it;
- attachment content files: ``check`` reads every one against its SHA-256, and after the
  unlock no content file is left that no attachment names (a write cut short leaves none).
"""

from __future__ import annotations

import io
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func
from sqlmodel import col, select

from hrcase.domain.models import Attachment, AttachmentBlob, Case, Person
from hrcase.services import Services
from hrcase.services.check import check_vault
from hrcase.vault import KdfParams, Vault, WrongPassphrase, is_vault

from ..helpers import ROOT, add_case, add_person, make_colleagues
from .child import BATCH, passphrase_number

SEED_PASSPHRASE = "kill test seed passphrase"
OPS = ("create", "update", "import", "attach", "passwd", "backup")
BUNDLE_OPS = (*OPS, "bundle")
"""With ``bundle``: importing signed bundles from a colleague (hrcase.services.bundles)."""
BUNDLES = 8
BUNDLE_PERSONS = 15
KILL_WINDOW_S = {"create": 1.6, "update": 1.2, "import": 3.0, "attach": 1.5, "passwd": 1.2,
                 "backup": 2.5, "bundle": 2.5}
"""The kill comes at a uniformly random time in [0, window] after the child said ``ready``; for
``create`` the window is at least 1.5 times what creating the seed vault took on this machine
(Argon2id twice, then the schema): a loaded machine must not see only kills before the slots."""
CHILD = Path(__file__).resolve().parent / "child.py"


@dataclass
class Seed:
    """A small vault every trial starts from (copied), its recovery key, the folder of the
    signed bundles a colleague sent it (for the ``bundle`` trials; empty when not made), and
    how long creating it took."""

    path: Path
    recovery_key: str
    bundles: Path | None = None
    create_seconds: float = 0.0


@dataclass
class TrialResult:
    """One kill: what was committed, what the vault showed, and whether every promise held."""

    op: str
    delay: float
    committed: int
    outcome: str
    failure: str = ""

    @property
    def ok(self) -> bool:
        return not self.failure


def make_seed(folder: Path, with_bundles: bool = False) -> Seed:
    """Create the seed vault (real Argon2id parameters): one case, a few persons, a photo; with
    ``with_bundles`` also an identity, and BUNDLES bundles from a verified colleague."""
    path = folder / "seed.hrcase"
    start = time.monotonic()
    vault, recovery = Vault.create(path, SEED_PASSPHRASE)
    create_seconds = time.monotonic() - start
    try:
        services = Services(vault, "Seeder")
        add_case(services, "Seed case")
        for i in range(5):
            add_person(services, f"Seed Person {i}")
        services.attachments.add(io.BytesIO(os.urandom(512 * 1024)), filename="seed.jpg")
        bundles = _make_bundles(services, folder) if with_bundles else None
    finally:
        vault.close()
    return Seed(path, recovery, bundles, create_seconds)


def _make_bundles(receiver: Services, folder: Path) -> Path:
    """A colleague's vault sends BUNDLES bundles, bundle n holding a case with BUNDLE_PERSONS
    persons noted ``bundle n`` and a 2 MiB file; both sides know and have verified each
    other."""
    from hrcase.services import identities as ids
    from hrcase.services.bundles import export_bundle

    sender_vault, _ = Vault.create(folder / "colleague.hrcase", SEED_PASSPHRASE,
                                   KdfParams(memory_kib=8192, iterations=1, lanes=1))
    try:
        sender = Services(sender_vault, "Invented Colleague")
        make_colleagues(sender, "Invented Colleague", receiver, "Invented Researcher",
                        "Invented Rights Bureau")
        recipient = ids.list_contacts(sender)[0].id
        out = folder / "bundles"
        out.mkdir()
        for n in range(1, BUNDLES + 1):
            case = add_case(sender, f"Bundle case {n}")
            for _k in range(BUNDLE_PERSONS):
                person = sender.records.create("person", {"notes": f"bundle {n}"})
                sender.records.create("case_role", {"case_id": case.id, "person_id": person.id,
                                                    "role": "victim"})
            sender.attachments.add(io.BytesIO(os.urandom(2 * 1024 * 1024)), filename=f"{n}.mp4",
                                   owner_kind="case", owner_id=case.id,
                                   provenance=f"bundle {n}")
            export_bundle(sender, [case.id], [recipient], out / f"b{n}.hrcase-bundle")
    finally:
        sender_vault.close()
    return out


def run_trial(op: str, seed: Seed, workdir: Path, rng: random.Random) -> TrialResult:
    """Run one kill of ``op`` in a fresh folder under ``workdir``; never raises for a broken
    promise (it is reported in the result), only for a broken harness."""
    workdir.mkdir(parents=True)
    vault = workdir / "v.hrcase"
    backups = workdir / "backups"
    if op != "create":
        shutil.copytree(seed.path, vault)
    backups.mkdir()
    window = KILL_WINDOW_S[op]
    if op == "create":
        window = max(window, 1.5 * seed.create_seconds)
    delay = rng.uniform(0, window)
    extra = seed.bundles if op == "bundle" and seed.bundles else backups
    lines, stderr_path = _run_and_kill(op, vault, extra, delay, workdir)
    committed = max((int(line.split()[1]) for line in lines if line.startswith("committed ")),
                    default=0)
    try:
        outcome = VERIFY[op](seed, vault, backups, committed)
    except Exception as exc:  # a broken promise: report it with what the child said
        tail = stderr_path.read_text(errors="replace")[-400:]
        return TrialResult(op, delay, committed, "FAILED",
                           f"{type(exc).__name__}: {exc} | child stderr: {tail}")
    return TrialResult(op, delay, committed, outcome)


def _run_and_kill(op: str, vault: Path, extra: Path, delay: float,
                  workdir: Path) -> tuple[list[str], Path]:
    stderr_path = workdir / "child.stderr"
    env = {k: v for k, v in os.environ.items() if not k.startswith("HRCASE_")}
    env["PYTHONPATH"] = str(ROOT)
    with open(stderr_path, "wb") as stderr:
        child = subprocess.Popen([sys.executable, str(CHILD), op, str(vault), SEED_PASSPHRASE,
                                  str(extra)], stdout=subprocess.PIPE, stderr=stderr,
                                 text=True, env=env)
    lines: list[str] = []
    ready = threading.Event()

    def read() -> None:
        assert child.stdout is not None
        for line in child.stdout:
            lines.append(line.strip())
            if line.strip() == "ready":
                ready.set()
        ready.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    if not ready.wait(60) or "ready" not in lines:
        child.kill()
        child.wait()
        raise RuntimeError(f"child {op} never got ready: {stderr_path.read_text()[-2000:]}")
    time.sleep(delay)
    child.send_signal(signal.SIGKILL)
    child.wait()
    reader.join(10)
    return lines, stderr_path


# -- verification -----------------------------------------------------------------------------
def _open_checked(path: Path, passphrase: str) -> Vault:
    vault = Vault.open(path, passphrase)
    report = check_vault(vault)
    with vault.reading() as session:
        named = set(session.exec(select(AttachmentBlob.file)).all())
    files = {p.name for p in vault.content_dir.iterdir()}
    if not report.ok or files != named:
        vault.close()
        raise AssertionError(f"check failed: {report.problems}; content files not named: "
                             f"{len(files - named)}, named but missing: {len(named - files)}")
    return vault


def _notes_counts(vault: Vault, prefix: str) -> dict[int, int]:
    """How many live persons carry the note ``<prefix> N``, by N."""
    with vault.reading() as session:
        rows = session.exec(select(Person.notes, func.count()).where(
            Person.notes.startswith(prefix + " ")).group_by(Person.notes)).all()  # type: ignore[attr-defined]
    return {int(notes.split()[1]): count for notes, count in rows}


def _expect_prefix(counts: dict[int, int], committed: int, size: int, what: str) -> bool:
    """Changes 1..committed complete, change committed+1 complete or absent, none after;
    returns whether the change in flight made it."""
    for n in range(1, committed + 1):
        if counts.get(n) != size:
            raise AssertionError(f"{what} {n} was committed but has {counts.get(n, 0)} of {size}")
    in_flight = counts.get(committed + 1, 0)
    if in_flight not in (0, size):
        raise AssertionError(f"{what} {committed + 1} is partial: {in_flight} of {size}")
    later = [n for n in counts if n > committed + 1]
    if later:
        raise AssertionError(f"{what} {later} appeared without being made")
    return in_flight == size


def _flight(present: bool) -> str:
    return "in-flight change present" if present else "in-flight change absent"


def verify_create(seed: Seed, vault: Path, backups: Path, committed: int) -> str:
    if committed:
        _open_checked(vault, SEED_PASSPHRASE).close()
        return "create finished"
    if is_vault(vault):
        _open_checked(vault, SEED_PASSPHRASE).close()
        return "slots written; vault completes on open"
    again, _recovery = Vault.create(vault, SEED_PASSPHRASE)  # must not say "exists"
    again.close()
    return "nothing usable made; create again works"


def verify_update(seed: Seed, vault: Path, backups: Path, committed: int) -> str:
    with _open_checked(vault, SEED_PASSPHRASE) as opened:
        present = _expect_prefix(_notes_counts(opened, "update"), committed, 1, "update")
        with opened.reading() as session:
            case = session.exec(select(Case)).first()
        assert case is not None
        last = committed + 1 if present else committed
        expected = {"en": f"rev {last}"} if last else {}
        if case.summary != expected:  # the update and the insert are one transaction
            raise AssertionError(f"case summary {case.summary} after update {last}")
    return _flight(present)


def verify_import(seed: Seed, vault: Path, backups: Path, committed: int) -> str:
    with _open_checked(vault, SEED_PASSPHRASE) as opened:
        present = _expect_prefix(_notes_counts(opened, "import"), committed, BATCH, "import")
    return _flight(present)


def verify_attach(seed: Seed, vault: Path, backups: Path, committed: int) -> str:
    with _open_checked(vault, SEED_PASSPHRASE) as opened, opened.reading() as session:
        rows = session.exec(select(Attachment.provenance).where(
            col(Attachment.provenance).startswith("attach "))).all()
        counts = Counter(int(text.split()[1]) for text in rows)
        present = _expect_prefix(dict(counts), committed, 1, "attachment")
    return _flight(present)


def verify_passwd(seed: Seed, vault: Path, backups: Path, committed: int) -> str:
    old, new = (passphrase_number(SEED_PASSPHRASE, n) for n in (committed, committed + 1))
    opened_with = []
    for label, passphrase in (("old", old), ("new", new)):
        try:
            _open_checked(vault, passphrase).close()
            opened_with.append(label)
        except WrongPassphrase:
            pass
    if len(opened_with) != 1:
        raise AssertionError(f"passphrases that open after change {committed}: {opened_with}")
    Vault.open(vault, recovery_key=seed.recovery_key).close()
    return f"{opened_with[0]} passphrase opens"


def verify_backup(seed: Seed, vault: Path, backups: Path, committed: int) -> str:
    with _open_checked(vault, SEED_PASSPHRASE) as opened:
        _expect_prefix(_notes_counts(opened, "backup"), committed, 1, "person before backup")
    names = {p.name for p in backups.iterdir()}
    missing = [n for n in range(1, committed + 1) if f"b{n}.hrcase" not in names]
    if missing:
        raise AssertionError(f"committed backups missing: {missing}")
    if committed:
        with _open_checked(backups / f"b{committed}.hrcase", SEED_PASSPHRASE) as last:
            _expect_prefix(_notes_counts(last, "backup"), committed, 1, "person in backup")
    flight = backups / f"b{committed + 1}.hrcase"
    if flight.is_dir():  # renamed into place before the kill: it must be whole
        with _open_checked(flight, SEED_PASSPHRASE) as copy:
            counts = _notes_counts(copy, "backup")
            if sorted(counts) != list(range(1, committed + 2)):
                raise AssertionError(f"in-flight backup holds {sorted(counts)}")
        return "in-flight backup finished"
    if (backups / f"b{committed + 1}.hrcase.partial").exists():
        return "unfinished .partial folder left"
    return "in-flight backup absent"


def verify_bundle(seed: Seed, vault: Path, backups: Path, committed: int) -> str:
    with _open_checked(vault, SEED_PASSPHRASE) as opened:
        present = _expect_prefix(_notes_counts(opened, "bundle"), committed, BUNDLE_PERSONS,
                                 "bundle")
        titles = {c.title.get("en", "") for c in Services(opened).records.list("case")}
        last = committed + 1 if present else committed
        expected = {f"Bundle case {n}" for n in range(1, last + 1)}
        if {t for t in titles if t.startswith("Bundle case")} != expected:
            raise AssertionError(f"bundle cases {sorted(titles)} after bundle {last}")
        with opened.reading() as session:
            files = session.exec(select(Attachment.provenance).where(
                col(Attachment.provenance).startswith("bundle "))).all()
        if sorted(files) != sorted(f"bundle {n}" for n in range(1, last + 1)):
            raise AssertionError(f"bundle files {sorted(files)} after bundle {last}")
    return _flight(present) if committed < BUNDLES else "all bundles in before the kill"


VERIFY: dict[str, Callable[[Seed, Path, Path, int], str]] = {
    "create": verify_create, "update": verify_update, "import": verify_import,
    "attach": verify_attach, "passwd": verify_passwd, "backup": verify_backup,
    "bundle": verify_bundle}


# -- running many ------------------------------------------------------------------------------
@dataclass
class Campaign:
    """The results of many trials, with the table the soak run prints."""

    results: list[TrialResult] = field(default_factory=list)

    @property
    def failures(self) -> list[TrialResult]:
        return [r for r in self.results if not r.ok]

    def table(self) -> str:
        """Per operation: kills, kills after which the child had reported a commit, commits
        verified, vaults that opened and passed ``check``; then every outcome."""
        rows = [f"{'operation':<10} {'kills':>5} {'after a commit':>14} {'commits verified':>16} "
                f"{'opened + check ok':>17}"]
        for op in sorted({r.op for r in self.results}):
            mine = [r for r in self.results if r.op == op]
            rows.append(f"{op:<10} {len(mine):>5} {sum(1 for r in mine if r.committed):>14} "
                        f"{sum(r.committed for r in mine):>16} {sum(1 for r in mine if r.ok):>17}")
        rows.append(f"{'all':<10} {len(self.results):>5} "
                    f"{sum(1 for r in self.results if r.committed):>14} "
                    f"{sum(r.committed for r in self.results):>16} "
                    f"{len(self.results) - len(self.failures):>17}")
        rows.append("")
        rows.append(f"{'operation':<10} {'outcome':<42} {'kills':>5}")
        counts = Counter((r.op, r.outcome) for r in self.results)
        for (op, outcome), n in sorted(counts.items()):
            rows.append(f"{op:<10} {outcome:<42} {n:>5}")
        return "\n".join(rows)


def run_campaign(ops: Iterable[str], workdir: Path, seed: Seed, rng_seed: int,
                 jobs: int = 2) -> Campaign:
    """Run one trial per entry of ``ops`` (``jobs`` at a time) and collect the results.

    Trials run in separate worker processes, not threads: a ``fork`` in one thread while
    another thread closes a vault keeps that vault's ``flock`` alive in the child until it
    ``exec``s, and the next open in the same process would then wrongly find the vault in use.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    plan = list(ops)
    rngs = [random.Random(rng_seed * 100_003 + i) for i in range(len(plan))]
    campaign = Campaign()
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        futures = [pool.submit(run_trial, op, seed, workdir / f"t{i:04d}-{op}", rngs[i])
                   for i, op in enumerate(plan)]
        for future in futures:
            campaign.results.append(future.result())
    return campaign
