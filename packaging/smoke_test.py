#!/usr/bin/env python3
"""Smoke test of a built hrcase application folder (standard library only).

    python3 packaging/smoke_test.py [dist/hrcase | dist/hrcase.app]

It runs the *built* program, never the source, in a throw-away home folder (settings and vaults
go there), and checks that:

1. the folder holds what is loaded from files at run time: the compiled ru/kk catalogs, alembic's
   migration scripts, the PT Sans fonts and the icons;
2. ``hrcase --version`` prints the version of the source tree;
3. ``init`` creates a vault with ``HRCASE_PASSPHRASE`` set (migrations run from the bundled
   scripts) and prints a recovery key; ``check`` and ``check --json`` pass;
4. ``--lang ru`` and ``--lang kk`` print translated messages (the catalogs are found);
5. a wrong passphrase gives exit code 11 and one line, no traceback;
6. ``demo --no-gui`` builds the demo vault and ``check`` passes on it;
7. the desktop app starts on the offscreen platform (``QT_QPA_PLATFORM=offscreen``) — once with
   the unlock dialog (``gui``) and once unlocked on the demo vault (``demo``) — is still running
   after a few seconds without an error on stderr, and ends on SIGTERM;
8. running the program wrote nothing into the application folder (no caches).

Exit code 0 when every check passes; each check prints one line.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSPHRASE = "smoke test passphrase, invented"
GUI_SECONDS = float(os.environ.get("HRCASE_SMOKE_GUI_SECONDS", "5"))
EXIT_WRONG_PASSPHRASE = 11
BAD_STDERR = ("Traceback", "could not load the Qt platform plugin", "could not load bundled font",
              "no catalog for language", "unexpected error", "ModuleNotFoundError")
"""Text on stderr that means the bundle is incomplete."""
CYRILLIC = re.compile("[а-яА-ЯәғқңөұүһіӘҒҚҢӨҰҮҺІ]")


class SmokeFailure(Exception):
    """One check failed."""


def executable(folder: Path) -> Path:
    """The console executable inside an application folder or a macOS .app."""
    if folder.suffix == ".app":
        return folder / "Contents" / "MacOS" / "hrcase"
    return folder / ("hrcase.exe" if os.name == "nt" else "hrcase")


def source_version() -> str | None:
    """The version of the source tree next to this script, if there is one."""
    init = ROOT / "hrcase" / "__init__.py"
    if not init.is_file():
        return None
    found = re.search(r'^__version__\s*=\s*"([^"]+)"', init.read_text("utf-8"), re.MULTILINE)
    return found.group(1) if found else None


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file of ``folder`` with its size and mtime."""
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in folder.rglob("*") if p.is_file() and not p.is_symlink()}


class Smoke:
    """Runs the built program in an isolated home folder."""

    def __init__(self, app: Path, home: Path) -> None:
        self.app = app
        self.exe = executable(app)
        self.home = home
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("HRCASE_", "QT_", "PYTHON"))}
        env.update(HOME=str(home), USERPROFILE=str(home), APPDATA=str(home / "AppData"),
                   LOCALAPPDATA=str(home / "LocalAppData"), XDG_CONFIG_HOME=str(home / ".config"),
                   XDG_DATA_HOME=str(home / ".local" / "share"),
                   XDG_CACHE_HOME=str(home / ".cache"), XDG_RUNTIME_DIR=str(home / "runtime"),
                   QT_QPA_PLATFORM="offscreen", HRCASE_LANG="en")
        (home / "runtime").mkdir(mode=0o700)
        self.env = env
        self.failures = 0

    def run(self, args: Sequence[str], passphrase: str | None = None,
            timeout: float = 180) -> subprocess.CompletedProcess[str]:
        """Run the program to its end; returns its result."""
        env = dict(self.env)
        if passphrase is not None:
            env["HRCASE_PASSPHRASE"] = passphrase
        return subprocess.run([str(self.exe), *args], env=env, check=False, capture_output=True, text=True,
                              encoding="utf-8", errors="replace", timeout=timeout,
                              stdin=subprocess.DEVNULL)

    def check(self, name: str, body: Callable[[], str | None]) -> None:
        """Run one check and print its outcome."""
        started = time.monotonic()
        try:
            detail = body()
        except (SmokeFailure, subprocess.TimeoutExpired, OSError) as exc:
            self.failures += 1
            print(f"FAIL {name}: {exc}", flush=True)
            return
        seconds = time.monotonic() - started
        print(f"ok   {name} ({seconds:.1f} s){': ' + detail if detail else ''}", flush=True)

    def gui_runs(self, args: Sequence[str], passphrase: str | None = None) -> str:
        """Start the desktop app, let it run, check it is alive and quiet, end it with SIGTERM."""
        env = dict(self.env)
        if passphrase is not None:
            env["HRCASE_PASSPHRASE"] = passphrase
        with tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as err, \
                tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as out:
            proc = subprocess.Popen([str(self.exe), *args], env=env, stdout=out, stderr=err,
                                    stdin=subprocess.DEVNULL)
            try:
                time.sleep(GUI_SECONDS)
                if proc.poll() is not None:
                    err.seek(0)
                    raise SmokeFailure(f"the app ended by itself with exit code {proc.returncode}: "
                                       f"{err.read()[-800:]}")
                proc.terminate()  # SIGTERM on POSIX, TerminateProcess on Windows
                try:
                    code = proc.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    raise SmokeFailure("still running 15 s after SIGTERM") from None
            finally:
                if proc.poll() is None:
                    proc.kill()
                    proc.wait()
            err.seek(0)
            stderr = err.read()
        bad = [marker for marker in BAD_STDERR if marker.lower() in stderr.lower()]
        if bad:
            raise SmokeFailure(f"stderr shows {bad}: {stderr[-800:]}")
        expected = {0, -signal.SIGTERM, 128 + signal.SIGTERM} if os.name != "nt" else {0, 1}
        if code not in expected:
            raise SmokeFailure(f"exit code {code} after SIGTERM (expected one of {sorted(expected)})")
        return f"alive after {GUI_SECONDS:.0f} s, ended on SIGTERM (exit code {code})"


def _expect(result: subprocess.CompletedProcess[str], code: int = 0) -> None:
    if result.returncode != code:
        raise SmokeFailure(f"exit code {result.returncode} (expected {code}); "
                           f"stderr: {result.stderr.strip()[-800:]}")
    if "Traceback" in result.stderr:
        raise SmokeFailure(f"a traceback on stderr: {result.stderr[-800:]}")


def bundled_files(app: Path) -> str:
    """The files loaded from disk at run time are in the folder."""
    files = [p.relative_to(app).as_posix() for p in app.rglob("*") if p.is_file()]
    wanted = {
        "Russian catalog": r"hrcase/locale/ru/LC_MESSAGES/hrcase\.mo$",
        "Kazakh catalog": r"hrcase/locale/kk/LC_MESSAGES/hrcase\.mo$",
        "alembic env.py": r"hrcase/vault/migrations/env\.py$",
        "first migration": r"hrcase/vault/migrations/versions/0001_[^/]*\.py$",
        "PT Sans": r"fontpkg_pt_sans/files/.*Regular\.ttf$",
        "PT Sans licence": r"fontpkg_pt_sans/LICENSE$",
        "icons": r"resources/icons/hrcase-256\.png$",
        "Qt offscreen plugin": r"platforms/[^/]*qoffscreen[^/]*$",
        "PySide6 metadata": r"pyside6_essentials-[^/]*\.dist-info/METADATA$",
    }
    missing = [name for name, pattern in wanted.items()
               if not any(re.search(pattern, f, re.IGNORECASE) for f in files)]
    if missing:
        raise SmokeFailure(f"missing from the folder: {', '.join(missing)}")
    return f"{len(files)} files"


def main(argv: list[str] | None = None) -> int:
    """Run every check on the folder named in ``argv``; returns the exit code."""
    argv = sys.argv[1:] if argv is None else argv
    app = Path(argv[0] if argv else ROOT / "dist" / "hrcase").resolve()
    if not executable(app).is_file():
        print(f"no hrcase executable in {app}", file=sys.stderr)
        return 2
    before = snapshot(app)
    with tempfile.TemporaryDirectory(prefix="hrcase-smoke-") as tmp:
        home = Path(tmp)
        smoke = Smoke(app, home)
        vault = home / "field.hrcase"
        demo = home / "demo.hrcase"
        print(f"smoke test of {smoke.exe}", flush=True)

        smoke.check("bundled data files", lambda: bundled_files(app))

        def version() -> str:
            result = smoke.run(["--version"])
            _expect(result)
            printed = result.stdout.strip()
            expected = source_version()
            if not re.fullmatch(r"hrcase \S+", printed) or (expected and printed != f"hrcase {expected}"):
                raise SmokeFailure(f"--version printed {printed!r}")
            return printed
        smoke.check("--version", version)

        def init() -> str:
            result = smoke.run(["--vault", str(vault), "init", "--name", "Smoke Tester"], PASSPHRASE)
            _expect(result)
            if "Recovery key" not in result.stdout or not vault.is_dir():
                raise SmokeFailure(f"no vault or no recovery key: {result.stdout[-400:]}")
            if os.name != "nt" and vault.stat().st_mode & 0o077:
                raise SmokeFailure(f"vault folder mode {oct(vault.stat().st_mode & 0o777)}")
            return "vault created, recovery key printed"
        smoke.check("init (HRCASE_PASSPHRASE)", init)

        def check() -> str:
            _expect(smoke.run(["--vault", str(vault), "check"], PASSPHRASE))
            result = smoke.run(["--vault", str(vault), "check", "--json"], PASSPHRASE)
            _expect(result)
            json.loads(result.stdout)
            return "plain and --json"
        smoke.check("check", check)

        def translated() -> str:
            english = smoke.run(["--vault", str(vault), "check"], PASSPHRASE).stdout
            for lang in ("ru", "kk"):
                result = smoke.run(["--lang", lang, "--vault", str(vault), "check"], PASSPHRASE)
                _expect(result)
                if result.stdout == english or not CYRILLIC.search(result.stdout):
                    raise SmokeFailure(f"--lang {lang} printed no translated text: {result.stdout[:200]!r}")
            return "ru, kk"
        smoke.check("translations (--lang ru/kk)", translated)

        def wrong_passphrase() -> str:
            result = smoke.run(["--vault", str(vault), "check"], "not the passphrase")
            _expect(result, EXIT_WRONG_PASSPHRASE)
            if len(result.stderr.strip().splitlines()) != 1:
                raise SmokeFailure(f"expected one line on stderr: {result.stderr!r}")
            return "exit code 11, one line"
        smoke.check("wrong passphrase", wrong_passphrase)

        demo_passphrase: list[str] = []

        def demo_vault() -> str:
            result = smoke.run(["--lang", "en", "--vault", str(demo), "demo", "--no-gui"])
            _expect(result)
            found = re.search(r"passphrase[^:]*:\s*(\S.*)$", result.stdout, re.MULTILINE | re.IGNORECASE)
            if not found:
                raise SmokeFailure(f"no demo passphrase printed: {result.stdout[-300:]}")
            demo_passphrase.append(found.group(1).strip())
            _expect(smoke.run(["--vault", str(demo), "check"], demo_passphrase[0]))
            return "created and checked"
        smoke.check("demo --no-gui", demo_vault)

        smoke.check("GUI offscreen: unlock dialog (gui)",
                    lambda: smoke.gui_runs(["--vault", str(vault), "gui"]))
        if demo_passphrase:
            smoke.check("GUI offscreen: demo vault unlocked (demo)",
                        lambda: smoke.gui_runs(["--vault", str(demo), "demo"]))

        def nothing_written() -> str:
            after = snapshot(app)
            changed = sorted(set(after) ^ set(before)
                             | {k for k in after if k in before and after[k] != before[k]})
            if changed:
                raise SmokeFailure(f"the program changed its own folder: {changed[:10]}")
            return "application folder unchanged"
        smoke.check("no files written into the application", nothing_written)

        if smoke.failures:
            print(f"smoke test: {smoke.failures} check(s) failed", flush=True)
            return 1
    print("smoke test: all checks passed", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
