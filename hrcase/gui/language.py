"""Switching the interface language at runtime.

``switch_language`` changes the gettext language, installs Qt's own catalog for its standard
dialogs, sets the locale used for numbers and dates, and sends ``QEvent.LanguageChange`` to every
window; widgets deriving from :class:`Retranslatable` then set their texts again.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from hrcase.gui.lock import SCRUBBED
from hrcase.i18n import current_language, set_language

_qt_translator: QTranslator | None = None

LANGUAGE_NAMES = {"en": "English", "ru": "Русский", "kk": "Қазақша"}
"""Each language named in itself (never translated: a user must find their own language)."""


class Retranslatable:
    """Mixin for widgets: ``retranslate()`` runs again whenever the language changes.

    Subclasses set every visible text in ``retranslate()`` and call it once at the end of
    ``__init__``.
    """

    def retranslate(self) -> None:
        """Set every visible text in the current language."""
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        """Qt hook: re-read texts on a language change."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)  # type: ignore[misc]


def _install_qt_catalog(lang: str) -> None:
    global _qt_translator
    app = QCoreApplication.instance()
    if app is None:
        return
    if _qt_translator is not None:
        app.removeTranslator(_qt_translator)
        _qt_translator = None
    if lang == "en":
        return
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(f"qtbase_{lang}", folder):
        app.installTranslator(translator)
        _qt_translator = translator


def switch_language(lang: str) -> None:
    """Make ``lang`` the interface language and retranslate every open window."""
    set_language(lang)
    QLocale.setDefault(QLocale(lang))
    _install_qt_catalog(lang)
    for widget in QApplication.topLevelWidgets():
        if not widget.property(SCRUBBED):  # emptied at a lock, waiting for deletion
            QCoreApplication.sendEvent(widget, QEvent(QEvent.Type.LanguageChange))


def ui_locale() -> QLocale:
    """The Qt locale of the current interface language."""
    return QLocale(current_language())

