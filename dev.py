#!/usr/bin/env python3
"""Set up and run hrcase from a source checkout with nothing but Python 3.11+.

    python3 dev.py demo     install (first time) and open the desktop app on a demo vault
    python3 dev.py test     install (first time) and run the whole test suite
    python3 dev.py run ARGS run the hrcase command line, e.g. `python3 dev.py run --help`

The first call makes a virtual environment in `.venv/` and installs the pinned dependencies
from `requirements.lock` with their hashes (`pip --require-hashes`), so every install gets what
was tested. The checkout itself is put on the environment's path (no build step), and the
interface translations are compiled from `translations/`.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("HRCASE_VENV", ROOT / ".venv"))
LOCK = ROOT / "requirements.lock"
STAMP = VENV / ".hrcase-lock-installed"


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure_environment() -> Path:
    """Create the environment and install the lock if it changed since the last install."""
    if sys.version_info < (3, 11):
        sys.exit("hrcase needs Python 3.11 or newer.")
    python = venv_python()
    if not python.exists():
        print(f"Creating {VENV} ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    lock_text = LOCK.read_text()
    if not STAMP.exists() or STAMP.read_text() != lock_text:
        print("Installing pinned dependencies (first run takes a few minutes) ...", flush=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                        "--require-hashes", "--no-deps", "-r", str(LOCK)], check=True)
        STAMP.write_text(lock_text)
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             check=True, capture_output=True, text=True).stdout.strip()
    (Path(purelib) / "hrcase-checkout.pth").write_text(str(ROOT) + "\n")
    subprocess.run([str(python), str(ROOT / "tools" / "i18n.py"), "compile"], check=True)
    return python


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("demo", "test", "run"):
        print(__doc__)
        return 2
    python = ensure_environment()
    command, rest = argv[0], argv[1:]
    if command == "demo":
        return subprocess.call([str(python), "-m", "hrcase", "demo", *rest])
    if command == "run":
        return subprocess.call([str(python), "-m", "hrcase", *rest])
    checks = subprocess.call([str(python), str(ROOT / "tools" / "i18n.py"), "check"])
    if checks:
        print("Translation catalogs are stale or incomplete (see above).", file=sys.stderr)
        return checks
    # One worker per core: GUI tests then also run in processes of their own.
    return subprocess.call([str(python), "-m", "pytest", "-n", "auto", *rest], cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
