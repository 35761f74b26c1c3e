"""The packaging files: desktop entry, AppStream metadata, icons, the PyInstaller spec and the
reproducible archive of packaging/build.py. (Building the application itself takes minutes and
is done by ``packaging/build.py``, not by the test suite.)"""

from __future__ import annotations

import importlib.util
import re
import shutil
import struct
import subprocess
import tarfile
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
ICONS = ROOT / "resources" / "icons"
APP_ID = "org.hrcase.HRCase"
DESKTOP = PACKAGING / "linux" / f"{APP_ID}.desktop"
METAINFO = PACKAGING / "linux" / f"{APP_ID}.metainfo.xml"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def _load(name: str) -> ModuleType:
    """A script of packaging/ as a module (packaging/ is no package: it would shadow the
    ``packaging`` distribution)."""
    spec = importlib.util.spec_from_file_location(f"hrcase_packaging_{name}", PACKAGING / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# -- desktop integration -------------------------------------------------------------------


def test_desktop_entry_passes_desktop_file_validate() -> None:
    tool = shutil.which("desktop-file-validate")
    if tool is None:
        pytest.skip("desktop-file-validate is not installed (Debian package desktop-file-utils)")
    result = subprocess.run([tool, str(DESKTOP)], check=False, capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_metainfo_passes_appstreamcli_validate() -> None:
    tool = shutil.which("appstreamcli")
    if tool is None:
        pytest.skip("appstreamcli is not installed (Debian package appstream)")
    result = subprocess.run([tool, "validate", "--no-net", str(METAINFO)],
                            check=False, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_desktop_entry_and_metainfo_agree() -> None:
    entry = dict(line.split("=", 1) for line in DESKTOP.read_text("utf-8").splitlines()
                 if "=" in line and not line.startswith("#"))
    assert entry["Exec"].split()[0] == "hrcase" and entry["Icon"] == APP_ID
    assert entry["Terminal"] == "false"
    assert {"Name", "Comment", "Comment[ru]", "Comment[kk]"} <= set(entry)
    metainfo = METAINFO.read_text("utf-8")
    assert f"<id>{APP_ID}</id>" in metainfo
    assert f'<launchable type="desktop-id">{DESKTOP.name}</launchable>' in metainfo
    assert "<project_license>GPL-3.0-or-later</project_license>" in metainfo
    version = re.search(r'__version__ = "([^"]+)"', (ROOT / "hrcase" / "__init__.py").read_text())
    assert version and f'<release version="{version.group(1)}"' in metainfo


# -- icons ---------------------------------------------------------------------------------


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:32]
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", path.name
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.parametrize("size", SIZES)
def test_icon_png_exists_at_each_size(size: int) -> None:
    path = ICONS / f"hrcase-{size}.png"
    assert path.is_file(), "run packaging/make_icons.py"
    assert _png_size(path) == (size, size)


def test_windows_icon_holds_every_size_up_to_256() -> None:
    data = (ICONS / "hrcase.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    sizes = sorted((data[6 + 16 * i] or 256) for i in range(count))
    assert sizes == [16, 24, 32, 48, 64, 128, 256]


def test_icon_sources_are_svg() -> None:
    for name in ("hrcase.svg", "hrcase-small.svg"):
        text = (ICONS / name).read_text("utf-8")
        assert "<svg" in text and "viewBox" in text


# -- PyInstaller spec and build script -----------------------------------------------------


def test_spec_bundles_the_files_loaded_at_run_time() -> None:
    spec = (PACKAGING / "hrcase.spec").read_text("utf-8")
    for needle in ('"hrcase" / "locale"', '"hrcase/locale"', ".mo",  # compiled translations
                   '"vault" / "migrations"', '"hrcase/vault/migrations"', ".mako",  # alembic
                   'collect_data_files("fontpkg_pt_sans")', "fontpkg-pt-sans",  # fonts
                   '"resources" / "icons"', '"resources/icons"', "hrcase.ico",  # icons
                   "copy_metadata", "PySide6-Essentials",  # versions for the About dialog
                   "COLLECT(", "BUNDLE("):  # one folder; the macOS .app
        assert needle in spec, needle
    assert "onefile" not in spec.lower().replace("one file", "")


def test_spec_entry_script_and_paths_exist() -> None:
    assert (PACKAGING / "hrcase_entry.py").is_file()
    assert (ROOT / "hrcase" / "vault" / "migrations" / "env.py").is_file()
    assert (ROOT / "hrcase" / "vault" / "migrations" / "script.py.mako").is_file()
    assert (PACKAGING / "windows" / "hrcase.iss").is_file()
    assert (PACKAGING / "macos" / "build_app.sh").is_file()


def test_build_lock_is_fully_hashed_and_does_not_repeat_the_main_lock() -> None:
    def pins(path: Path) -> dict[str, str]:
        found: dict[str, str] = {}
        text = path.read_text("utf-8")
        for block in re.split(r"\n(?=[A-Za-z])", text):
            match = re.match(r"([A-Za-z0-9_.-]+)==(\S+)", block)
            if match:
                assert "--hash=sha256:" in block, match.group(1)
                found[match.group(1).lower()] = match.group(2)
        return found

    build = pins(PACKAGING / "requirements-build.lock")
    main = pins(ROOT / "requirements.lock")
    assert "pyinstaller" in build and "pyinstaller-hooks-contrib" in build
    assert not set(build) & set(main)


def _tree(base: Path) -> Path:
    folder = base / "hrcase"
    (folder / "_internal" / "sub").mkdir(parents=True)
    (folder / "hrcase").write_bytes(b"#!/bin/sh\necho hi\n")
    (folder / "hrcase").chmod(0o700)
    (folder / "_internal" / "b.txt").write_text("b")
    (folder / "_internal" / "a.txt").write_text("a")
    (folder / "_internal" / "sub" / "c.dat").write_bytes(bytes(range(256)))
    (folder / "_internal" / "link").symlink_to("a.txt")
    return folder


def test_archive_is_reproducible(tmp_path: Path) -> None:
    build = _load("build")
    first = _tree(tmp_path / "one")
    second = _tree(tmp_path / "two")
    for path in second.rglob("*"):  # other times and modes must not matter
        if not path.is_symlink():
            path.touch()
    (second / "_internal" / "a.txt").chmod(0o666)
    one = build.reproducible_tar(first, tmp_path / "one.tar.gz", 1_700_000_000)
    two = build.reproducible_tar(second, tmp_path / "two.tar.gz", 1_700_000_000)
    assert one.read_bytes() == two.read_bytes()
    with tarfile.open(one) as tar:
        members = tar.getmembers()
    names = [m.name for m in members]
    assert names == ["hrcase", "hrcase/_internal", "hrcase/_internal/a.txt",
                     "hrcase/_internal/b.txt", "hrcase/_internal/link", "hrcase/_internal/sub",
                     "hrcase/_internal/sub/c.dat", "hrcase/hrcase"]
    assert {(m.uid, m.gid, m.uname, m.gname, m.mtime) for m in members} == {(0, 0, "", "", 1_700_000_000)}
    modes = {m.name: m.mode for m in members}
    assert modes["hrcase/hrcase"] == 0o755 and modes["hrcase/_internal/a.txt"] == 0o644
    assert next(m for m in members if m.name.endswith("link")).linkname == "a.txt"
    assert one.read_bytes()[4:8] == b"\0\0\0\0"  # no time in the gzip header


def test_zip_is_reproducible(tmp_path: Path) -> None:
    build = _load("build")
    first = _tree(tmp_path / "one")
    (first / "_internal" / "link").unlink()
    one = build.reproducible_zip(first, tmp_path / "one.zip", 1_700_000_000)
    for path in first.rglob("*"):
        path.touch()
    two = build.reproducible_zip(first, tmp_path / "two.zip", 1_700_000_000)
    assert one.read_bytes() == two.read_bytes()


def test_checksum_file_is_in_sha256sum_format(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build = _load("build")
    monkeypatch.setattr(build, "DIST", tmp_path)
    artefact = tmp_path / "hrcase-0-linux.tar.gz"
    artefact.write_bytes(b"abc")
    sums = build.write_checksums([artefact]).read_text()
    assert sums == ("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
                    "  hrcase-0-linux.tar.gz\n")


def test_source_date_epoch_is_honoured(monkeypatch: pytest.MonkeyPatch) -> None:
    build = _load("build")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1234567890")
    assert build.source_date_epoch() == 1234567890


def test_smoke_test_finds_the_executable() -> None:
    smoke = _load("smoke_test")
    assert smoke.executable(Path("dist/hrcase")).name in ("hrcase", "hrcase.exe")
    assert smoke.executable(Path("dist/hrcase.app")).parts[-3:] == ("Contents", "MacOS", "hrcase")
