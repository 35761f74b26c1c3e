"""What locking needs on the Qt side: idle detection, the clipboard guard, and scrubbing widgets.

- :class:`LockWatcher` watches every keyboard, mouse, wheel and touch event of the application:
  it emits ``idle`` after the configured time without any, and ``panic`` on the panic key.
- :class:`ClipboardGuard` remembers a SHA-256 digest (never the text) of what hrcase put on the
  clipboard or the X11 selection, so that locking clears the clipboard only when it still holds
  hrcase content.
- :func:`scrub` empties every text-bearing widget of a window before it is destroyed, so no
  widget (nor an undo history) keeps record text while the window waits for deletion.
"""

from __future__ import annotations

import hashlib

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QClipboard, QGuiApplication, QKeyEvent, QKeySequence, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractButton, QAbstractItemView, QAbstractSpinBox, QComboBox, QGraphicsView, QLabel,
    QLineEdit, QListWidget, QPlainTextEdit, QTableWidget, QTextEdit, QTreeWidget, QWidget,
)

SCRUBBED = "hrcase_scrubbed"
"""Dynamic property set on a window that was emptied and waits for deletion."""

_INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate,
    QEvent.Type.TabletPress, QEvent.Type.ShortcutOverride,
})


class LockWatcher(QObject):
    """Watches every input event of the application while the vault is unlocked.

    Emits ``idle`` after ``timeout_ms`` without keyboard, mouse, wheel or touch input, and
    ``panic`` when the panic key is pressed — in any hrcase window, even under a modal dialog
    (an application-wide event filter sees the key before any shortcut or dialog does).
    """

    idle = Signal()
    panic = Signal()

    def __init__(self, panic_key: QKeySequence, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._panic_key = panic_key
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.idle)
        self._app: QObject | None = None

    def set_timeout_ms(self, ms: int) -> None:
        """Idle time before ``idle`` fires; 0 turns the idle lock off."""
        self._timer.setInterval(max(0, ms))
        if self.active and ms > 0:
            self._timer.start()
        elif ms <= 0:
            self._timer.stop()

    @property
    def active(self) -> bool:
        """Whether the watcher is on (between start() and stop())."""
        return self._app is not None

    def start(self) -> None:
        """Begin watching (call when the vault unlocks)."""
        app = QGuiApplication.instance()
        if self._app is None and app is not None:
            app.installEventFilter(self)
            self._app = app
        if self._timer.interval() > 0:
            self._timer.start()

    def stop(self) -> None:
        """Stop watching (call when the vault locks)."""
        self._timer.stop()
        if self._app is not None:
            self._app.removeEventFilter(self)
            self._app = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        """Qt hook: input restarts the countdown; the panic key locks."""
        kind = event.type()
        if kind not in _INPUT_EVENTS:
            return False
        if kind in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride) and isinstance(event, QKeyEvent) \
                and QKeySequence(event.keyCombination()) == self._panic_key:
            event.accept()
            if kind == QEvent.Type.KeyPress:
                QTimer.singleShot(0, self.panic)
            return True
        if self._timer.interval() > 0:
            self._timer.start()
        return False


def _digest(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()


class ClipboardGuard(QObject):
    """Knows whether the clipboard still holds text that came from hrcase."""

    def __init__(self, clipboard: QClipboard, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._clipboard = clipboard
        self._digests: dict[QClipboard.Mode, bytes] = {}
        clipboard.dataChanged.connect(lambda: self._changed(QClipboard.Mode.Clipboard))
        clipboard.selectionChanged.connect(lambda: self._changed(QClipboard.Mode.Selection))

    def _ours(self, mode: QClipboard.Mode) -> bool:
        if mode == QClipboard.Mode.Selection:
            return self._clipboard.ownsSelection()
        return self._clipboard.ownsClipboard()

    def _changed(self, mode: QClipboard.Mode) -> None:
        text = self._clipboard.text(mode)
        app_active = QGuiApplication.applicationState() == Qt.ApplicationState.ApplicationActive
        focused = QGuiApplication.focusWindow() is not None
        if text and (self._ours(mode) or (app_active and focused)):
            self._digests[mode] = _digest(text)
        elif mode in self._digests and not text:
            del self._digests[mode]

    def clear_if_ours(self) -> bool:
        """Clear the clipboard and selection where they hold hrcase text; True if any was."""
        cleared = False
        modes = [QClipboard.Mode.Clipboard]
        if self._clipboard.supportsSelection():
            modes.append(QClipboard.Mode.Selection)
        for mode in modes:
            digest = self._digests.pop(mode, None)
            text = self._clipboard.text(mode)
            if self._ours(mode) or (digest is not None and text and _digest(text) == digest):
                self._clipboard.clear(mode)
                cleared = True
        return cleared


def scrub(root: QWidget) -> None:
    """Empty every widget under ``root`` (inclusive) that may show record content.

    Each widget's signals are blocked while it is emptied, so no slot reacts to the change.
    """
    root.setProperty(SCRUBBED, True)
    widgets = [root, *root.findChildren(QWidget)]
    for w in widgets:
        blocked = w.blockSignals(True)  # no slot may react (say, ask a question) while we empty
        if isinstance(w, QLineEdit):
            w.setText("")  # setText, unlike clear(), also empties the undo history
        elif isinstance(w, (QTextEdit, QPlainTextEdit)):
            w.clear()
            w.document().clearUndoRedoStacks()
        elif isinstance(w, QLabel):
            w.clear()
        elif isinstance(w, (QListWidget, QTreeWidget, QTableWidget)):
            w.clear()
        elif isinstance(w, QComboBox) and w.isEditable():
            w.clear()
        elif isinstance(w, QGraphicsView) and w.scene() is not None:
            w.scene().clear()
        elif isinstance(w, QAbstractButton) and w.property("content"):
            w.setText("")
        if isinstance(w, QAbstractItemView) and not isinstance(
                w, (QListWidget, QTreeWidget, QTableWidget)):
            model = w.model()
            if isinstance(model, QStringListModel):
                model.setStringList([])
            elif isinstance(model, QStandardItemModel):
                model.clear()
            elif model is not None and hasattr(model, "scrub"):
                model.scrub()
        if isinstance(w, QAbstractSpinBox):
            w.clear()
        w.setToolTip("")
        if w.isWindow():
            w.setWindowTitle("")
        w.blockSignals(blocked)  # Qt and PySide need signals such as destroyed() afterwards
