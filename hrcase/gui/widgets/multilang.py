"""Texts kept per language ({"ru": …, "kk": …, "en": …}): one field per interface language."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QPlainTextEdit, QTabWidget, QWidget

from hrcase.domain.vocab import vocabulary
from hrcase.gui.language import Retranslatable
from hrcase.i18n import LANGUAGES, _, current_language


class MultiLangLineEdit(Retranslatable, QWidget):
    """A short text per language, one line each, the interface language first."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._name = ""
        self._extra: dict[str, str] = {}
        self.edits: dict[str, QLineEdit] = {}
        self._labels: dict[str, QLabel] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(2)
        for row, lang in enumerate(self._order()):
            label = QLabel(lang.upper(), self)
            edit = QLineEdit(self)
            edit.textEdited.connect(lambda _t: self.changed.emit())
            label.setBuddy(edit)
            grid.addWidget(label, row, 0)
            grid.addWidget(edit, row, 1)
            self.edits[lang] = edit
            self._labels[lang] = label
        grid.setColumnStretch(1, 1)
        self.setFocusProxy(self.edits[self._order()[0]])
        self.retranslate()

    @staticmethod
    def _order() -> list[str]:
        first = current_language()
        return [first, *[lang for lang in LANGUAGES if lang != first]]

    def setAccessibleName(self, name: str) -> None:  # noqa: N802 (Qt naming)
        """Name every language's field after the field and its language."""
        self._name = name
        super().setAccessibleName(name)
        self.retranslate()

    def retranslate(self) -> None:
        """Name the fields in the current language."""
        languages = vocabulary("languages")
        for lang, edit in self.edits.items():
            lang_name = languages.label(lang, current_language())
            self._labels[lang].setToolTip(lang_name)
            edit.setAccessibleName(_("%(field)s (%(language)s)") % {"field": self._name,
                                                                     "language": lang_name}
                                   if self._name else lang_name)

    def value(self) -> dict[str, str]:
        """The non-empty texts by language (and any kept from languages without a field)."""
        own = {lang: edit.text().strip() for lang, edit in self.edits.items() if edit.text().strip()}
        return {**self._extra, **own}

    def set_value(self, texts: dict[str, str] | None) -> None:
        """Show stored texts."""
        texts = texts or {}
        self._extra = {lang: text for lang, text in texts.items() if lang not in self.edits}
        for lang, edit in self.edits.items():
            edit.setText(texts.get(lang, ""))
            edit.setCursorPosition(0)

    def error(self) -> str | None:
        """Any value here can be saved."""
        return None


class MultiLangTextEdit(Retranslatable, QTabWidget):
    """A longer text per language in tabs."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edits: dict[str, QPlainTextEdit] = {}
        self._extra: dict[str, str] = {}
        self._name = ""
        first = current_language()
        for lang in [first, *[lang for lang in LANGUAGES if lang != first]]:
            edit = QPlainTextEdit(self)
            edit.textChanged.connect(self.changed)
            self.addTab(edit, lang.upper())
            self.edits[lang] = edit
        self.retranslate()

    def setAccessibleName(self, name: str) -> None:  # noqa: N802 (Qt naming)
        """Name every tab's field after the field and its language."""
        self._name = name
        super().setAccessibleName(name)
        self.retranslate()

    def retranslate(self) -> None:
        """Name the tabs in the current language."""
        languages = vocabulary("languages")
        for index, (lang, edit) in enumerate(self.edits.items()):
            lang_name = languages.label(lang, current_language())
            self.setTabToolTip(index, lang_name)
            edit.setAccessibleName(_("%(field)s (%(language)s)") % {"field": self._name,
                                                                     "language": lang_name}
                                   if self._name else lang_name)

    def value(self) -> dict[str, str]:
        """The non-empty texts by language (and any kept from other languages)."""
        own = {lang: edit.toPlainText().strip() for lang, edit in self.edits.items()
               if edit.toPlainText().strip()}
        return {**self._extra, **own}

    def set_value(self, texts: dict[str, str] | None) -> None:
        """Show stored texts."""
        texts = texts or {}
        self._extra = {lang: text for lang, text in texts.items() if lang not in self.edits}
        for lang, edit in self.edits.items():
            edit.setPlainText(texts.get(lang, ""))

    def error(self) -> str | None:
        """Any value here can be saved."""
        return None
