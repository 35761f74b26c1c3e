"""Small building blocks shared by dialogs and editors."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QProgressBar, QSizePolicy, QWidget


class MessageLabel(QLabel):
    """An inline message under a field: hidden when empty, red for errors, wraps long text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.setVisible(False)
        self._error = False

    def show_error(self, text: str) -> None:
        """Show ``text`` as an error."""
        self._set(text, error=True)

    def show_info(self, text: str) -> None:
        """Show ``text`` as a neutral note."""
        self._set(text, error=False)

    def clear_message(self) -> None:
        """Hide the message."""
        self._set("", error=False)

    @property
    def is_error(self) -> bool:
        """Whether an error is shown."""
        return self._error and not self.isHidden()

    def _set(self, text: str, *, error: bool) -> None:
        self._error = error and bool(text)
        palette = self.palette()
        role = QPalette.ColorRole.WindowText
        default = self.parentWidget().palette().color(role) if self.parentWidget() else palette.color(role)
        palette.setColor(role, Qt.GlobalColor.darkRed if self._error else default)
        self.setPalette(palette)
        self.setText(text)
        self.setAccessibleDescription(text)
        self.setVisible(bool(text))


def busy_bar(parent: QWidget | None = None) -> QProgressBar:
    """An indeterminate progress bar (hidden until shown)."""
    bar = QProgressBar(parent)
    bar.setRange(0, 0)
    bar.setTextVisible(False)
    bar.setMaximumHeight(8)
    bar.setVisible(False)
    return bar


W = TypeVar("W", bound=QWidget)


def present(window: W) -> W:
    """Show a non-modal window above its parent, give it the focus, and return it."""
    window.show()
    window.raise_()
    window.activateWindow()
    return window
