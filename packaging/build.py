#!/usr/bin/env python3
"""Build the hrcase application folder with PyInstaller, from hashed inputs only.

    python3 packaging/build.py              # fresh environment, build, archive, checksums, smoke test
    python3 packaging/build.py --reuse-venv # keep build/venv when the locks did not change
    python3 packaging/build.py --no-smoke   # skip packaging/smoke_test.py

Steps (each one timed and printed):

0. The source is copied to ``build/src`` (``--source worktree``, the default: the working tree
   as it is now) or exported from the last commit (``--source git``: release builds). Everything
   below reads that snapshot only, so an edit made during the build cannot end up half in it.
1. A fresh virtual environment in ``build/venv`` gets exactly ``requirements.lock`` and
   ``packaging/requirements-build.lock`` (PyInstaller) with ``pip install --require-hashes
   --no-deps``: nothing is resolved at build time, and a file whose hash differs is refused.
2. ``tools/i18n.py compile`` writes the ``.mo`` catalogs the spec bundles.
3. PyInstaller runs ``packaging/hrcase.spec`` into ``dist/hrcase/`` (work files in
   ``build/pyinstaller``). On macOS the icon is made first and ``dist/hrcase.app`` comes too.
4. On Linux the desktop entry, AppStream file, icons (hicolor layout) and ``install.sh`` are
   added to the folder. The artefact is archived reproducibly: on Linux and macOS a
   ``.tar.gz`` (entries sorted, every mtime = SOURCE_DATE_EPOCH, owner 0/0, no user names,
   normalised modes, gzip header without name or time); on Windows a ``.zip`` made the same way. With ``--installer`` on Windows, Inno
   Setup's ``ISCC`` also builds the installer from ``packaging/windows/hrcase.iss``.
5. ``dist/SHA256SUMS`` lists every artefact (``sha256sum -c SHA256SUMS`` checks them).
6. ``packaging/smoke_test.py`` runs the built program.

``SOURCE_DATE_EPOCH`` is honoured when set; otherwise it is the time of the last git commit. It
is handed to PyInstaller (which uses it for the time stamps it writes, e.g. in Windows
executables) together with ``PYTHONHASHSEED=0``; the archive uses it for every entry.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import os
import platform
import shutil
import stat
import subprocess
import sys
import tarfile
import time
import venv
import zipfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build"
DIST = ROOT / "dist"
VENV = BUILD / "venv"
SRC = BUILD / "src"
"""The snapshot of the source that is built (never the live working tree)."""
SOURCE_PARTS = ("hrcase", "packaging", "resources", "tools", "translations", "babel.cfg",
                "pyproject.toml", "requirements.lock", "LICENSE", "COPYING")
"""What the snapshot holds (the parts that exist)."""
LOCKS = [SRC / "requirements.lock", SRC / "packaging" / "requirements-build.lock"]
APP_DIR = DIST / "hrcase"
IS_WINDOWS = sys.platform == "win32"
IS_MACOS = sys.platform == "darwin"


def log(message: str) -> None:
    """One progress line."""
    print(f"[build] {message}", flush=True)


class Timer:
    """Measures the steps of the build."""

    def __init__(self) -> None:
        self.start = time.monotonic()
        self.steps: list[tuple[str, float]] = []
        self._last = self.start

    def done(self, step: str) -> None:
        """Record that ``step`` just finished."""
        now = time.monotonic()
        seconds, self._last = now - self._last, now
        self.steps.append((step, seconds))
        log(f"{step}: {seconds:.0f} s")

    def report(self) -> str:
        """All steps and the total, one per line."""
        lines = [f"  {name:<28} {seconds:7.1f} s" for name, seconds in self.steps]
        lines.append(f"  {'total':<28} {time.monotonic() - self.start:7.1f} s")
        return "\n".join(lines)


def version() -> str:
    """hrcase's version, read from the source (no import: the build Python may differ)."""
    for line in (SRC / "hrcase" / "__init__.py").read_text("utf-8").splitlines():
        if line.startswith("__version__"):
            return line.split("=", 1)[1].strip().strip("\"'")
    raise SystemExit("no __version__ in hrcase/__init__.py")


def source_date_epoch() -> int:
    """SOURCE_DATE_EPOCH from the environment, else the time of the last git commit."""
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if value:
        return int(value)
    try:
        out = subprocess.run(["git", "log", "-1", "--pretty=%ct"], cwd=ROOT, check=True,
                             capture_output=True, text=True).stdout.strip()
        return int(out)
    except (OSError, subprocess.CalledProcessError, ValueError):
        raise SystemExit("not a git checkout: set SOURCE_DATE_EPOCH (seconds since 1970) "
                         "to the release time") from None


def venv_python() -> Path:
    """The interpreter of the build environment."""
    return VENV / ("Scripts/python.exe" if IS_WINDOWS else "bin/python")


def lock_digest() -> str:
    """A digest of both locks: an environment made from other locks is never reused."""
    digest = hashlib.sha256()
    for lock in LOCKS:
        digest.update(lock.read_bytes())
    return digest.hexdigest()


def snapshot_source(source: str) -> Path:
    """Copy the source into ``build/src`` and return it; the build reads nothing else.

    ``worktree`` copies the working tree as it is now (uncommitted changes included) in well
    under a second, so edits made while PyInstaller runs cannot mix two versions of a module.
    ``git`` takes the last commit (``git archive HEAD``): what a release is built from.
    """
    if SRC.exists():
        shutil.rmtree(SRC)
    SRC.mkdir(parents=True)
    if source == "git":
        tracked = set(subprocess.run(["git", "ls-tree", "--name-only", "HEAD"], cwd=ROOT, check=True,
                                     capture_output=True, text=True).stdout.split())
        parts = [part for part in SOURCE_PARTS if part in tracked]
        archive = subprocess.run(["git", "archive", "--format=tar", "HEAD", *parts],
                                 cwd=ROOT, check=True, capture_output=True).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(SRC, filter="data")
        return SRC
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".*")
    for part in SOURCE_PARTS:
        path = ROOT / part
        if path.is_dir():
            shutil.copytree(path, SRC / part, ignore=ignore, symlinks=True)
        elif path.is_file():
            shutil.copy2(path, SRC / part)
    stale = SRC / "hrcase" / "locale"  # compiled below from the snapshot's catalogs
    if stale.exists():
        shutil.rmtree(stale)
    return SRC


def make_environment(env: dict[str, str], reuse: bool) -> Path:
    """A build environment holding exactly the hashed locks; returns its Python."""
    stamp = VENV / ".hrcase-locks"
    if reuse and stamp.is_file() and stamp.read_text() == lock_digest():
        log(f"reusing {VENV.relative_to(ROOT)} (locks unchanged)")
        return venv_python()
    log(f"creating a fresh environment in {VENV.relative_to(ROOT)}")
    venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    python = venv_python()
    command = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
               "--require-hashes", "--no-deps"]
    for lock in LOCKS:
        command += ["-r", str(lock)]
    subprocess.run(command, check=True, env=env)
    problems = subprocess.run([str(python), "-m", "pip", "check"], env=env, check=False,
                              capture_output=True, text=True)
    if problems.returncode:
        log("warning: `pip check` reports unmet dependencies (requirements.lock is compiled on "
            "Linux; a platform may need more):\n" + problems.stdout)
    stamp.write_text(lock_digest())
    return python


def write_windows_version_info(ver: str) -> None:
    """The VERSIONINFO resource of the Windows executables (shown in Explorer's properties)."""
    parts = [int(p) if p.isdigit() else 0 for p in ver.split(".")[:3]] + [0]
    numbers = tuple((parts + [0, 0, 0, 0])[:4])
    text = f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={numbers}, prodvers={numbers}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('040904B0', [
      StringStruct('CompanyName', 'hrcase'),
      StringStruct('FileDescription', 'hrcase - offline, encrypted case files'),
      StringStruct('FileVersion', '{ver}'),
      StringStruct('InternalName', 'hrcase'),
      StringStruct('LegalCopyright', 'GPL-3.0-or-later'),
      StringStruct('OriginalFilename', 'hrcase.exe'),
      StringStruct('ProductName', 'hrcase'),
      StringStruct('ProductVersion', '{ver}')])]),
    VarFileInfo([VarStruct('Translation', [1033, 1200])])
  ]
)
"""
    (SRC / "build").mkdir(exist_ok=True)
    (SRC / "build" / "windows-version-info.txt").write_text(text, encoding="utf-8")


def run_pyinstaller(python: Path, env: dict[str, str], ver: str) -> None:
    """PyInstaller on the spec, into dist/ (the old output is removed first)."""
    if IS_WINDOWS:
        write_windows_version_info(ver)
    if IS_MACOS:
        subprocess.run([str(python), str(SRC / "packaging" / "make_icons.py"), "--icns",
                        str(SRC / "build" / "icons" / "hrcase.icns")], check=True, env=env)
    for stale in (APP_DIR, DIST / "hrcase.app"):
        if stale.exists():
            shutil.rmtree(stale)
    subprocess.run([str(python), "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
                    "--distpath", str(DIST), "--workpath", str(BUILD / "pyinstaller"),
                    str(SRC / "packaging" / "hrcase.spec")],
                   check=True, cwd=SRC, env=env)


def _walk(folder: Path) -> Iterator[Path]:
    """Every path below ``folder`` in a stable order (sorted by name, parents first)."""
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        yield path
        if path.is_dir() and not path.is_symlink():
            yield from _walk(path)


def _mode(path: Path) -> int:
    """0755 for folders and executables, 0644 for the rest (no group/world write, no setuid)."""
    if path.is_dir() or os.stat(path).st_mode & stat.S_IXUSR:
        return 0o755
    return 0o644


def reproducible_tar(folder: Path, target: Path, epoch: int) -> Path:
    """``folder`` as a .tar.gz whose bytes depend only on the files' names, contents and modes."""
    def member(path: Path) -> tarfile.TarInfo:
        info = tarfile.TarInfo(f"{folder.name}/{path.relative_to(folder).as_posix()}")
        info.mtime = epoch
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        if path.is_symlink():
            info.type = tarfile.SYMTYPE
            info.linkname = os.readlink(path)
            info.mode = 0o777
        elif path.is_dir():
            info.type = tarfile.DIRTYPE
            info.mode = 0o755
        else:
            info.size = path.stat().st_size
            info.mode = _mode(path)
        return info

    with target.open("wb") as raw, \
            gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=6) as gz, \
            tarfile.open(fileobj=gz, mode="w", format=tarfile.PAX_FORMAT) as tar:
        root = tarfile.TarInfo(folder.name)
        root.type, root.mode, root.mtime, root.uname, root.gname = tarfile.DIRTYPE, 0o755, epoch, "", ""
        tar.addfile(root)
        for path in _walk(folder):
            info = member(path)
            if info.isreg():
                with path.open("rb") as handle:
                    tar.addfile(info, handle)
            else:
                tar.addfile(info)
    return target


def reproducible_zip(folder: Path, target: Path, epoch: int) -> Path:
    """``folder`` as a .zip with sorted entries and every time stamp = ``epoch``."""
    stamp = time.gmtime(max(epoch, 315532800))[:6]  # zip cannot go before 1980
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in _walk(folder):
            name = f"{folder.name}/{path.relative_to(folder).as_posix()}"
            if path.is_dir():
                info = zipfile.ZipInfo(name + "/", stamp)
                info.external_attr = (0o40755 << 16) | 0x10
                archive.writestr(info, b"")
            else:
                info = zipfile.ZipInfo(name, stamp)
                info.external_attr = (0o100000 | _mode(path)) << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, path.read_bytes())
    return target


def add_linux_desktop_files() -> None:
    """Put the desktop entry, AppStream metadata, icons and ``install.sh`` into the folder.

    ``install.sh`` copies them into ``~/.local/share`` (or ``/usr/local/share``) so the desktop
    shows hrcase in its menu with its icon.
    """
    share = APP_DIR / "share"
    linux = SRC / "packaging" / "linux"
    for name, folder in (("org.hrcase.HRCase.desktop", "applications"),
                         ("org.hrcase.HRCase.metainfo.xml", "metainfo")):
        (share / folder).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(linux / name, share / folder / name)
    icons = SRC / "resources" / "icons"
    for png in sorted(icons.glob("hrcase-*.png")):
        size = png.stem.rsplit("-", 1)[1]
        target = share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "org.hrcase.HRCase.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(png, target)
    scalable = share / "icons" / "hicolor" / "scalable" / "apps"
    scalable.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(icons / "hrcase.svg", scalable / "org.hrcase.HRCase.svg")
    shutil.copyfile(linux / "install.sh", APP_DIR / "install.sh")
    (APP_DIR / "install.sh").chmod(0o755)


def platform_tag() -> str:
    """e.g. ``linux-x86_64``, ``windows-amd64``, ``macos-arm64``."""
    system = {"win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform.rstrip("0123456789"))
    return f"{system}-{platform.machine().lower()}"


def make_archives(ver: str, epoch: int, installer: bool) -> list[Path]:
    """The artefacts of this platform."""
    base = f"hrcase-{ver}-{platform_tag()}"
    for old in DIST.glob("hrcase-*"):
        if old.is_file():
            old.unlink()
    if IS_WINDOWS:
        artefacts = [reproducible_zip(APP_DIR, DIST / f"{base}.zip", epoch)]
        if installer:
            iscc = shutil.which("ISCC") or shutil.which("iscc")
            if not iscc:
                raise SystemExit("--installer needs Inno Setup's ISCC.exe on PATH")
            subprocess.run([iscc, f"/DAppVersion={ver}", f"/DSourceDir={APP_DIR}",
                            f"/O{DIST}", str(ROOT / "packaging" / "windows" / "hrcase.iss")], check=True)
            artefacts += sorted(DIST.glob("hrcase-*-setup.exe"))
        return artefacts
    if IS_MACOS:
        return [reproducible_tar(DIST / "hrcase.app", DIST / f"{base}.app.tar.gz", epoch)]
    add_linux_desktop_files()
    return [reproducible_tar(APP_DIR, DIST / f"{base}.tar.gz", epoch)]


def write_checksums(artefacts: list[Path]) -> Path:
    """``dist/SHA256SUMS`` in the format of ``sha256sum`` (checked with ``sha256sum -c``)."""
    lines = []
    for path in sorted(artefacts, key=lambda p: p.name):
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        lines.append(f"{digest.hexdigest()}  {path.name}\n")
    target = DIST / "SHA256SUMS"
    target.write_text("".join(lines), encoding="ascii", newline="\n")
    return target


def folder_size(folder: Path) -> int:
    """Bytes of every regular file below ``folder``."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def main(argv: list[str] | None = None) -> int:
    """Run the build; returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reuse-venv", action="store_true",
                        help="keep build/venv if it was made from the same locks")
    parser.add_argument("--no-smoke", action="store_true", help="do not run the smoke test")
    parser.add_argument("--source", choices=("worktree", "git"), default="worktree",
                        help="build the working tree as it is (default) or the last commit")
    parser.add_argument("--installer", action="store_true",
                        help="Windows: also build the Inno Setup installer (needs ISCC)")
    args = parser.parse_args(argv)
    if sys.version_info < (3, 11):  # noqa: UP036 (run by the system Python, before any venv)
        raise SystemExit("building hrcase needs Python 3.11 or newer")

    timer = Timer()
    BUILD.mkdir(exist_ok=True)
    DIST.mkdir(exist_ok=True)
    snapshot_source(args.source)
    timer.done(f"source snapshot ({args.source})")
    ver = version()
    epoch = source_date_epoch()
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(epoch), PYTHONHASHSEED="0",
               PYTHONNOUSERSITE="1", PYTHONDONTWRITEBYTECODE="1", QT_QPA_PLATFORM="offscreen")
    log(f"hrcase {ver}, {platform_tag()}, SOURCE_DATE_EPOCH={epoch}")

    python = make_environment(env, args.reuse_venv)
    timer.done("environment from the locks")
    subprocess.run([str(python), str(SRC / "tools" / "i18n.py"), "compile"], check=True, env=env)
    timer.done("translations compiled")
    run_pyinstaller(python, env, ver)
    timer.done("PyInstaller")
    artefacts = make_archives(ver, epoch, args.installer)
    sums = write_checksums(artefacts)
    timer.done("archive and checksums")

    size = folder_size(APP_DIR)
    log(f"{APP_DIR.relative_to(ROOT)}: {size / 2**20:.0f} MiB in "
        f"{sum(1 for p in APP_DIR.rglob('*') if p.is_file())} files")
    for path in artefacts:
        log(f"{path.relative_to(ROOT)}: {path.stat().st_size / 2**20:.0f} MiB")
    log(f"{sums.relative_to(ROOT)}:\n{sums.read_text()}")

    code = 0
    if not args.no_smoke:
        code = subprocess.call([sys.executable, str(SRC / "packaging" / "smoke_test.py"), str(APP_DIR)])
        timer.done("smoke test")
    log("times:\n" + timer.report())
    return code


if __name__ == "__main__":
    sys.exit(main())
