"""A field for partial dates: accepts what researchers write and says it back in words.

"1974", "2011-12", "2011-12-16/2011-12-19", "c. 2010", "16.12.2011", "late November 2005" are
read by :meth:`hrcase.domain.dates.PartialDate.parse`; the line under the field shows the date in
words in the interface language, or what is wrong with it.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from hrcase.domain.dates import PartialDate
from hrcase.errors import ValidationError
from hrcase.gui.language import Retranslatable
from hrcase.gui.widgets.common import MessageLabel
from hrcase.i18n import _
from hrcase.i18n.dates import format_partial_date


class PartialDateEdit(Retranslatable, QWidget):
    """A line edit for a partial date with its reading (or error) shown inline."""

    changed = Signal()

    def __init__(self, field: str = "date", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._field = field
        self.edit = QLineEdit(self)
        self.note = MessageLabel(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.note)
        self.setFocusProxy(self.edit)
        self.edit.textChanged.connect(self._reparse)
        self.edit.textEdited.connect(lambda _t: self.changed.emit())
        self.retranslate()

    def retranslate(self) -> None:
        """Set texts in the current language."""
        self.edit.setPlaceholderText(_("e.g. 1974, 12.2011, 16–19.12.2011, c. 2010"))
        self._reparse()

    def setAccessibleName(self, name: str) -> None:  # noqa: N802 (Qt naming)
        """Name the line edit for screen readers."""
        self.edit.setAccessibleName(name)
        super().setAccessibleName(name)

    def _parse(self) -> PartialDate | None:
        text = self.edit.text().strip()
        return PartialDate.parse(text, self._field) if text else None

    def _reparse(self) -> None:
        try:
            parsed = self._parse()
        except ValidationError as err:
            self.note.show_error(err.detail)
            return
        if parsed is None or parsed.is_unknown:
            self.note.clear_message()
        else:
            self.note.show_info(_("Reads as: %(words)s") % {"words": format_partial_date(parsed)})

    def value(self) -> str:
        """The date in EDTF ("" when empty); raises ValidationError when it cannot be read."""
        parsed = self._parse()
        return "" if parsed is None else parsed.edtf

    def error(self) -> str | None:
        """The inline error shown, if any."""
        try:
            self._parse()
        except ValidationError as err:
            return err.detail
        return None

    def set_value(self, edtf: str | None) -> None:
        """Show a stored date."""
        self.edit.setText(edtf or "")
        self.edit.setCursorPosition(0)
