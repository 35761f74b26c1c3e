"""Entry point of the desktop app: ``run(vault_path, passphrase, lang)``.

The CLI's ``gui`` command calls ``run(path_or_None)``; ``demo`` passes the demo vault and its
public passphrase so the app opens it directly (the passphrase still goes through the unlock
dialog's worker thread, so the key derivation never freezes the window).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from hrcase import __version__
from hrcase.gui.controller import Controller
from hrcase.gui.fonts import install_fonts
from hrcase.gui.language import switch_language
from hrcase.gui.settings import GuiSettings
from hrcase.i18n import LANGUAGES, current_language

ORGANISATION = "hrcase"
APPLICATION = "hrcase"


def setup_application(app: QApplication, lang: str | None = None) -> GuiSettings:
    """Names, fonts and language of the application; returns its settings."""
    QCoreApplication.setOrganizationName(ORGANISATION)
    QCoreApplication.setApplicationName(APPLICATION)
    QCoreApplication.setApplicationVersion(__version__)
    app.setQuitOnLastWindowClosed(False)
    install_fonts(app)
    settings = GuiSettings()
    chosen = lang if lang in LANGUAGES else settings.language or current_language()
    switch_language(chosen)
    return settings


def run(vault_path: Path | None, passphrase: str | None = None, lang: str | None = None) -> int:
    """Open the desktop app; returns the process exit code."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    settings = setup_application(app, lang)
    controller = Controller(settings)
    controller.start(vault_path, passphrase)
    code = app.exec()
    controller.quit()
    return code
