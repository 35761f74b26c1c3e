"""PT Sans for dossiers: one family that covers Russian, Kazakh Cyrillic and Kazakh Latin.

ReportLab embeds a subset of each TrueType font it uses and writes a ToUnicode map, so every
letter (Ә Ғ Қ Ң Ө Ұ Ү Һ І, ä ğ ñ ö ū ü ı ş) is real, searchable text that ``pdftotext`` gets
back. The fonts come from the ``fontpkg-pt-sans`` package (SIL Open Font License); nothing is
downloaded or written anywhere. Registration is global in ReportLab, so it happens once,
under a lock (dossiers may be built from worker threads).
"""

from __future__ import annotations

import threading
from pathlib import Path

import fontpkg_pt_sans
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(fontpkg_pt_sans.__file__).parent / "files"
REGULAR = "hrcaseDossier-PTSans"
BOLD = "hrcaseDossier-PTSans-Bold"
ITALIC = "hrcaseDossier-PTSans-Italic"
BOLD_ITALIC = "hrcaseDossier-PTSans-BoldItalic"
_FILES = {
    REGULAR: "PT_Sans-Web-Regular.ttf",
    BOLD: "PT_Sans-Web-Bold.ttf",
    ITALIC: "PT_Sans-Web-Italic.ttf",
    BOLD_ITALIC: "PT_Sans-Web-BoldItalic.ttf",
}
_lock = threading.Lock()
_registered = False
_SUBSTITUTES = str.maketrans({
    "\u02bb": "\u2018",  # Uzbek Latin oʻ/gʻ: PT Sans has no U+02BB; ‘ is its usual stand-in
    "\u20b8": "KZT",      # the tenge sign is not in PT Sans
})


def register_fonts() -> str:
    """Register the PT Sans family with ReportLab (once); return the regular face's name.

    ``<b>`` and ``<i>`` in paragraphs map to the bold and italic faces.
    """
    global _registered
    with _lock:
        if not _registered:
            for name, filename in _FILES.items():
                pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / filename)))
            pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=ITALIC,
                                          boldItalic=BOLD_ITALIC)
            _registered = True
    return REGULAR


def printable(text: str) -> str:
    """``text`` with the few characters PT Sans lacks replaced by their usual stand-ins, so
    no letter is lost to an empty glyph box."""
    return text.translate(_SUBSTITUTES)
