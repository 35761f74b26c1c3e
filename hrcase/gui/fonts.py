"""Bundled fonts: PT Sans covers Latin, Cyrillic and every Kazakh letter (Ә Ғ Қ Ң Ө Ұ Ү Һ І)."""

from __future__ import annotations

import logging
from pathlib import Path

import fontpkg_pt_sans
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

FAMILY = "PT Sans"
FONT_DIR = Path(fontpkg_pt_sans.__file__).resolve().parent / "files"


def install_fonts(app: QApplication, point_size: float = 10.5) -> str:
    """Register PT Sans with Qt and make it the application font; returns the family used.

    Falls back to the platform font when the files cannot be loaded (the app still works, only
    Kazakh letters may come from a fallback font).
    """
    families: set[str] = set()
    for path in sorted(FONT_DIR.glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("could not load bundled font %s", path.name)
            continue
        families.update(QFontDatabase.applicationFontFamilies(font_id))
    if FAMILY not in families:
        return app.font().family()
    font = QFont(FAMILY)
    font.setPointSizeF(point_size)
    app.setFont(font)
    return FAMILY
