"""The unlock dialog: passphrase in, vault out — with the Argon2id wait shown as a busy state.

Opening runs on a worker thread (the key derivation takes seconds on purpose), so the window
keeps painting and the user sees that hrcase is working. A wrong passphrase is said inline, in
the interface language, and the user can try again at once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget,
)

from hrcase.gui.jobs import JobRunner
from hrcase.gui.language import Retranslatable
from hrcase.gui.widgets.common import MessageLabel, busy_bar
from hrcase.i18n import _
from hrcase.vault import Vault

Opener = Callable[[Path, str], Any]


class UnlockDialog(Retranslatable, QDialog):
    """Asks for the passphrase of the vault at ``path`` and opens it off the GUI thread.

    Emits ``unlocked(vault)`` on success; ``other_vault`` when the user wants another one.
    """

    unlocked = Signal(object)
    other_vault = Signal()
    destroy_requested = Signal()

    def __init__(self, path: Path, runner: JobRunner, parent: QWidget | None = None,
                 opener: Opener = Vault.open, reason: str = "") -> None:
        super().__init__(parent)
        self.path = Path(path)
        self._runner = runner
        self._opener = opener
        self._reason = reason
        self._busy = False

        self._intro = QLabel(self)
        self._intro.setWordWrap(True)
        self._where = QLabel(self)
        self._where.setWordWrap(True)
        self._note = MessageLabel(self)
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setMinimumWidth(320)
        self._pass_label = QLabel(self)
        self._pass_label.setBuddy(self.passphrase)
        self.message = MessageLabel(self)
        self._busy_bar = busy_bar(self)
        self._busy_text = QLabel(self)
        self._busy_text.setWordWrap(True)
        self._busy_text.setVisible(False)

        self.unlock_button = QPushButton(self)
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.submit)
        self.other_button = QPushButton(self)
        self.other_button.clicked.connect(self._other)
        self.quit_button = QPushButton(self)
        self.quit_button.clicked.connect(self.reject)
        self.destroy_button = QPushButton(self)
        self.destroy_button.clicked.connect(self.destroy_requested.emit)

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self._pass_label, self.passphrase)
        buttons = QHBoxLayout()
        buttons.addWidget(self.other_button)
        buttons.addWidget(self.destroy_button)
        buttons.addStretch(1)
        buttons.addWidget(self.quit_button)
        buttons.addWidget(self.unlock_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self._intro)
        layout.addWidget(self._where)
        layout.addWidget(self._note)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self._busy_bar)
        layout.addWidget(self._busy_text)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.retranslate()
        if reason:
            self._note.show_info(reason)
        self.passphrase.setFocus()

    def retranslate(self) -> None:
        """Set texts in the current language."""
        self.setWindowTitle(_("Unlock vault — hrcase"))
        self._intro.setText(_("This vault is locked. Enter its passphrase to open it."))
        self._where.setText(_("Vault: %(path)s") % {"path": str(self.path)})
        self._pass_label.setText(_("&Passphrase:"))
        self.passphrase.setAccessibleName(_("Passphrase"))
        self.unlock_button.setText(_("&Unlock"))
        self.unlock_button.setAccessibleName(_("Unlock"))
        self.other_button.setText(_("&Other vault…"))
        self.quit_button.setText(_("&Quit"))
        self.destroy_button.setText(_("&Destroy…"))
        self.destroy_button.setAccessibleName(_("Destroy this vault"))
        self.destroy_button.setToolTip(_("Crypto-erase this vault without its passphrase"))
        self._busy_text.setText(_("Unlocking… Deriving the key takes a few seconds on purpose."))

    @property
    def busy(self) -> bool:
        """Whether an unlock attempt is running."""
        return self._busy

    def submit(self) -> None:
        """Try the passphrase typed (on a worker thread)."""
        if self._busy:
            return
        secret = self.passphrase.text()
        if not secret:
            self.message.show_error(_("Enter the passphrase."))
            return
        self.passphrase.setText("")
        self._set_busy(True)
        path, opener = self.path, self._opener
        job = self._runner.submit(lambda ctx: opener(path, secret))
        job.succeeded.connect(self._opened)
        job.failed.connect(self._failed)
        job.start()

    def unlock_with(self, passphrase: str) -> None:
        """Start unlocking with a passphrase given by the caller (the demo command)."""
        self.passphrase.setText(passphrase)
        self.submit()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.passphrase.setEnabled(not busy)
        self.unlock_button.setEnabled(not busy)
        self.other_button.setEnabled(not busy)
        self.destroy_button.setEnabled(not busy)
        self._busy_bar.setVisible(busy)
        self._busy_text.setVisible(busy)
        if busy:
            self.message.clear_message()

    def _opened(self, vault: object) -> None:
        self._set_busy(False)
        self.unlocked.emit(vault)
        self.accept()

    def _failed(self, message: str) -> None:
        self._set_busy(False)
        self.message.show_error(message)
        self.passphrase.setFocus()

    def _other(self) -> None:
        self.other_vault.emit()
        self.reject()

    def reject(self) -> None:
        """Refuse to close while the key is being derived (the vault would open unseen)."""
        if not self._busy:
            super().reject()
