"""Plain field widgets with one interface: ``value()``, ``set_value(v)``, ``changed``, ``error()``.

Editors are built from these and from the richer widgets of this package, so loading and
saving a record is the same loop for every kind.
"""

from __future__ import annotations

from typing import Any

from babel import Locale
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDoubleValidator
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QCompleter, QLineEdit, QPlainTextEdit, QSizePolicy, QWidget,
)

from hrcase.domain.validation import country_codes
from hrcase.gui.language import Retranslatable
from hrcase.i18n import _, current_language


class TextLine(QLineEdit):
    """One line of text."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.textEdited.connect(lambda _t: self.changed.emit())

    def value(self) -> str:
        """The text without surrounding spaces."""
        return self.text().strip()

    def set_value(self, value: str | None) -> None:
        """Show ``value`` from its beginning."""
        self.setText(value or "")
        self.setCursorPosition(0)

    def error(self) -> str | None:
        """Plain text is always acceptable here (the services validate)."""
        return None


class TextBlock(QPlainTextEdit):
    """A long text (testimonies, descriptions)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, min_lines: int = 4) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setMinimumHeight(self.fontMetrics().lineSpacing() * min_lines + 12)
        self.textChanged.connect(self.changed)

    def value(self) -> str:
        """The text (trailing spaces removed)."""
        return self.toPlainText().rstrip()

    def set_value(self, value: str | None) -> None:
        """Show ``value``."""
        self.setPlainText(value or "")

    def error(self) -> str | None:
        """Always acceptable."""
        return None


class TagsEdit(TextLine):
    """A list of short words, typed separated by commas."""

    def value(self) -> list[str]:  # type: ignore[override]
        """The tags in order, without duplicates."""
        return list(dict.fromkeys(t.strip() for t in self.text().split(",") if t.strip()))

    def set_value(self, value: list[str] | None) -> None:  # type: ignore[override]
        """Show the tags."""
        self.setText(", ".join(value or []))


class NumberEdit(TextLine):
    """An optional decimal number (coordinates)."""

    def __init__(self, low: float, high: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        validator = QDoubleValidator(low, high, 6, self)
        validator.setNotation(QDoubleValidator.Notation.StandardNotation)
        self.setValidator(validator)
        self._range = (low, high)

    def value(self) -> float | None:  # type: ignore[override]
        """The number, or None when empty or unreadable."""
        text = self.text().strip().replace(",", ".")
        try:
            return float(text) if text else None
        except ValueError:
            return None

    def set_value(self, value: float | None) -> None:  # type: ignore[override]
        """Show the number."""
        self.setText("" if value is None else f"{value:g}")

    def error(self) -> str | None:
        """A message when the text is not a number in range."""
        text = self.text().strip()
        number = self.value()
        if text and (number is None or not self._range[0] <= number <= self._range[1]):
            return _("“%(text)s” is not a number between %(low)g and %(high)g.") % {
                "text": text, "low": self._range[0], "high": self._range[1]}
        return None


class BoolCheck(Retranslatable, QCheckBox):
    """A yes/no flag."""

    changed = Signal()

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = text
        # never narrower than its text: a form puts it below its label instead (WrapLongRows)
        self.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        self.toggled.connect(lambda _b: self.changed.emit())
        self.retranslate()

    def retranslate(self) -> None:
        """Set the label."""
        self.setText(_(self._text))

    def value(self) -> bool:
        """Checked or not."""
        return self.isChecked()

    def set_value(self, value: bool | None) -> None:
        """Show ``value``."""
        self.setChecked(bool(value))

    def error(self) -> str | None:
        """Always acceptable."""
        return None


class CountryCombo(Retranslatable, QComboBox):
    """An ISO 3166 country, chosen by its name in the interface language (type to search)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self.activated.connect(lambda _i: self.changed.emit())
        self.lineEdit().textEdited.connect(lambda _t: self.changed.emit())
        self.retranslate()

    def retranslate(self) -> None:
        """Fill the list with country names in the current language."""
        code = self.value() if self.count() else ""
        names: dict[str, Any] = Locale(current_language()).territories
        self.blockSignals(True)
        self.clear()
        self.addItem("", "")
        for country in sorted(country_codes(), key=lambda c: str(names.get(c, c))):
            self.addItem(f"{names.get(country, country)} ({country})", country)
        self.set_value(code)
        self.blockSignals(False)

    def value(self) -> str:
        """The two-letter code ("" for none)."""
        text = self.currentText().strip()
        index = self.findText(text)
        if index >= 0:
            return self.itemData(index) or ""
        upper = text.upper()
        return upper if upper in country_codes() else ("" if not text else text)

    def set_value(self, code: str | None) -> None:
        """Select the country ``code``."""
        index = self.findData((code or "").upper())
        self.setCurrentIndex(max(index, 0))
        if index < 0 and code:
            self.setEditText(code)

    def error(self) -> str | None:
        """A message when the typed text is not a known country."""
        value = self.value()
        if value and value not in country_codes():
            return _("“%(text)s” is not a country in the list.") % {"text": self.currentText()}
        return None
