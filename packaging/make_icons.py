#!/usr/bin/env python3
"""Render the application icon of hrcase from its SVG sources into every file a platform needs.

    python packaging/make_icons.py            # PNGs and the Windows .ico into resources/icons/
    python packaging/make_icons.py --icns build/icons/hrcase.icns   # also the macOS icon

``resources/icons/hrcase.svg`` is drawn for 32 px and up; ``hrcase-small.svg`` is the same picture
simplified for 16 and 24 px, where the sheet of paper and the keyhole would only be a blur. Qt's
``QSvgRenderer`` renders them on the offscreen platform (no display needed) and Pillow packs the
exact PNGs of each size into ``hrcase.ico`` (16-256 px; Windows shows 256 px at most).

The macOS ``.icns`` is not kept in the repository: ``--icns`` builds it on the Mac with
``iconutil`` from an ``.iconset`` folder (the documented Apple tool), or with Pillow anywhere else.
The generated files are committed so that a build needs no rendering; run this script again after
changing an SVG. The output is byte-for-byte stable (no time stamps in the PNGs).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
"""The PNG sizes made (the hicolor theme sizes a desktop looks for, plus 24)."""
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
SMALL_UP_TO = 24
"""Sizes up to this use the simplified drawing."""
ICONSET = {  # file name in an .iconset folder -> pixel size (Apple's naming)
    "icon_16x16.png": 16, "icon_16x16@2x.png": 32, "icon_32x32.png": 32,
    "icon_32x32@2x.png": 64, "icon_128x128.png": 128, "icon_128x128@2x.png": 256,
    "icon_256x256.png": 256, "icon_256x256@2x.png": 512, "icon_512x512.png": 512,
}


def png_path(size: int, folder: Path = ICONS) -> Path:
    """Where the PNG of one size lives."""
    return folder / f"hrcase-{size}.png"


def source_for(size: int, folder: Path = ICONS) -> Path:
    """The SVG drawn for ``size`` pixels."""
    return folder / ("hrcase-small.svg" if size <= SMALL_UP_TO else "hrcase.svg")


def render_png(svg: Path, size: int, target: Path) -> None:
    """Render ``svg`` into a square, transparent PNG of ``size`` pixels."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise SystemExit(f"cannot encode {target.name}")
    buffer.close()
    target.write_bytes(bytes(data))


def write_ico(folder: Path = ICONS) -> Path:
    """Pack the PNGs into ``hrcase.ico`` (each size drawn, not scaled from the largest)."""
    from PIL import Image

    images = [Image.open(png_path(size, folder)).convert("RGBA") for size in ICO_SIZES]
    target = folder / "hrcase.ico"
    largest = images[-1]
    largest.save(target, format="ICO", sizes=[(s, s) for s in ICO_SIZES],
                 append_images=images[:-1])
    return target


def write_icns(target: Path, folder: Path = ICONS) -> Path:
    """Build a macOS ``.icns``: ``iconutil`` on a Mac, Pillow elsewhere."""
    target.parent.mkdir(parents=True, exist_ok=True)
    iconutil = shutil.which("iconutil")
    if iconutil:
        with tempfile.TemporaryDirectory() as tmp:
            iconset = Path(tmp) / "hrcase.iconset"
            iconset.mkdir()
            for name, size in ICONSET.items():
                shutil.copyfile(png_path(size, folder), iconset / name)
            subprocess.run([iconutil, "-c", "icns", "-o", str(target), str(iconset)], check=True)
        return target
    from PIL import Image

    images = [Image.open(png_path(size, folder)).convert("RGBA") for size in (16, 32, 64, 128, 256)]
    Image.open(png_path(512, folder)).convert("RGBA").save(target, format="ICNS",
                                                            append_images=images)
    return target


def main(argv: list[str] | None = None) -> int:
    """Render every size; returns 0."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--icns", type=Path, help="also write a macOS .icns to this path")
    args = parser.parse_args(argv)
    for size in SIZES:
        render_png(source_for(size), size, png_path(size))
        print(f"wrote {png_path(size).relative_to(ROOT)}")
    print(f"wrote {write_ico().relative_to(ROOT)}")
    if args.icns:
        print(f"wrote {write_icns(args.icns)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
