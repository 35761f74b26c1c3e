"""Creating a vault: where, the passphrase twice with a strength hint, then the recovery key.

The strength hint is a rough estimate (length and variety of characters), shown to nudge users
towards long passphrases; it never blocks a passphrase of 8 characters or more (the minimum of
``hrcase init`` too). The recovery key is shown exactly once, in :class:`RecoveryKeyDialog`,
which asks the user to write it down and confirm before going on.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox, QDialog, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QProgressBar,
    QPushButton, QVBoxLayout, QWidget,
)

from hrcase.gui.jobs import JobRunner
from hrcase.gui.language import Retranslatable
from hrcase.gui.widgets.common import MessageLabel, busy_bar
from hrcase.i18n import N_, _, ngettext
from hrcase.vault import Vault

MIN_LENGTH = 8
Creator = Callable[[Path, str], tuple[Any, str]]

_STRENGTH = (N_("Too short"), N_("Weak: add more words"), N_("Fair: longer is better"),
             N_("Good"), N_("Strong"))


def strength(passphrase: str) -> int:
    """A rough score 0–4 from the length and the variety of characters (an estimate only)."""
    if len(passphrase) < MIN_LENGTH:
        return 0
    pools = [
        any(c.islower() for c in passphrase) and 26,
        any(c.isupper() for c in passphrase) and 26,
        any(c.isdigit() for c in passphrase) and 10,
        any(not c.isalnum() for c in passphrase) and 20,
        any(ord(c) > 127 and c.isalpha() for c in passphrase) and 33,
    ]
    pool = sum(p for p in pools if p) or 10
    distinct = len(set(passphrase))
    bits = min(len(passphrase), distinct * 2) * math.log2(pool)
    return 1 if bits < 50 else 2 if bits < 65 else 3 if bits < 85 else 4


def default_vault_path() -> Path:
    """A suggested place for a first vault: ``~/hrcase/cases.hrcase`` (or a free variant)."""
    base = Path.home() / "hrcase"
    candidate = base / "cases.hrcase"
    n = 2
    while candidate.exists():
        candidate = base / f"cases-{n}.hrcase"
        n += 1
    return candidate


class CreateVaultDialog(Retranslatable, QDialog):
    """Asks where to create a vault and its passphrase; emits ``created(vault, recovery_key)``."""

    created = Signal(object, str, str)

    def __init__(self, runner: JobRunner, parent: QWidget | None = None,
                 creator: Creator = Vault.create) -> None:
        super().__init__(parent)
        self._runner = runner
        self._creator = creator
        self._busy = False

        self._intro = QLabel(self)
        self._intro.setWordWrap(True)
        self.location = QLineEdit(str(default_vault_path()), self)
        self.researcher = QLineEdit(self)
        self.browse = QPushButton(self)
        self.browse.clicked.connect(self._browse)
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit(self)
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.meter = QProgressBar(self)
        self.meter.setRange(0, 4)
        self.meter.setTextVisible(False)
        self.meter.setMaximumHeight(8)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.message = MessageLabel(self)
        self._busy_bar = busy_bar(self)
        self.create_button = QPushButton(self)
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.submit)
        self.cancel_button = QPushButton(self)
        self.cancel_button.clicked.connect(self.reject)
        self.passphrase.textChanged.connect(self._update_hint)
        self.repeat.textChanged.connect(self._update_hint)

        self._labels = [QLabel(self) for _i in range(4)]
        where = QHBoxLayout()
        where.addWidget(self.location, 1)
        where.addWidget(self.browse)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # long labels in ru/kk
        form.addRow(self._labels[0], where)
        form.addRow(self._labels[1], self.passphrase)
        form.addRow("", self.meter)
        form.addRow("", self.hint)
        form.addRow(self._labels[2], self.repeat)
        form.addRow(self._labels[3], self.researcher)
        for label, field in zip(self._labels, (self.location, self.passphrase, self.repeat,
                                               self.researcher)):
            label.setBuddy(field)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.create_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self._intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self._busy_bar)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.setMinimumWidth(560)
        self.retranslate()
        self.passphrase.setFocus()

    def retranslate(self) -> None:
        """Set texts in the current language."""
        self.setWindowTitle(_("Create a vault — hrcase"))
        self._intro.setText(_(
            "A vault is a folder that keeps your case files encrypted. Choose a long passphrase "
            "— several words you can remember. Without it, or the recovery key, nobody can open "
            "the vault, not even you."))
        self._labels[0].setText(_("&Folder:"))
        self._labels[1].setText(_("&Passphrase:"))
        self._labels[2].setText(_("&Repeat passphrase:"))
        self._labels[3].setText(_("Your &name or initials:"))
        self.researcher.setPlaceholderText(_("recorded with each change you make"))
        self.researcher.setAccessibleName(_("Your name or initials"))
        self.location.setAccessibleName(_("Vault folder"))
        self.passphrase.setAccessibleName(_("Passphrase"))
        self.repeat.setAccessibleName(_("Repeat passphrase"))
        self.meter.setAccessibleName(_("Passphrase strength"))
        self.browse.setText(_("&Choose…"))
        self.create_button.setText(_("C&reate vault"))
        self.cancel_button.setText(_("Cancel"))
        self._update_hint()

    def _update_hint(self) -> None:
        score = strength(self.passphrase.text())
        self.meter.setValue(score)
        text = _(_STRENGTH[score])
        if score == 0:
            text = ngettext("Too short: use at least %(n)d character, better several words.",
                            "Too short: use at least %(n)d characters, better several words.",
                            MIN_LENGTH) % {"n": MIN_LENGTH}
        self.hint.setText(text if self.passphrase.text() else
                          _("Tip: four or five unrelated words make a strong passphrase."))
        self.meter.setAccessibleDescription(self.hint.text())

    def _browse(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Where to create the vault"), self.location.text(), "",
            options=QFileDialog.Option.DontConfirmOverwrite)
        if path:
            if not path.endswith(".hrcase"):
                path += ".hrcase"
            self.location.setText(path)

    def submit(self) -> None:
        """Check the form and create the vault on a worker thread."""
        if self._busy:
            return
        location = self.location.text().strip()
        secret = self.passphrase.text()
        if not location:
            self.message.show_error(_("Choose a folder for the vault."))
            return
        if len(secret) < MIN_LENGTH:
            self.message.show_error(ngettext(
                "The passphrase is too short: use at least %(n)d character.",
                "The passphrase is too short: use at least %(n)d characters.", MIN_LENGTH)
                % {"n": MIN_LENGTH})
            return
        if secret != self.repeat.text():
            self.message.show_error(_("The two passphrases differ. Type them again."))
            self.passphrase.setText("")
            self.repeat.setText("")
            self.passphrase.setFocus()
            return
        self.passphrase.setText("")
        self.repeat.setText("")
        self._set_busy(True)
        path, creator = Path(location).expanduser(), self._creator
        job = self._runner.submit(lambda ctx: creator(path, secret))
        job.succeeded.connect(self._created)
        job.failed.connect(self._failed)
        job.start()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for w in (self.location, self.browse, self.passphrase, self.repeat, self.create_button):
            w.setEnabled(not busy)
        self._busy_bar.setVisible(busy)
        if busy:
            self.message.show_info(_("Creating the vault… Deriving the key takes a few seconds."))

    def _created(self, result: tuple[Any, str]) -> None:
        self._set_busy(False)
        vault, recovery = result
        self.message.clear_message()
        self.created.emit(vault, recovery, self.researcher.text().strip())
        self.accept()

    def _failed(self, message: str) -> None:
        self._set_busy(False)
        self.message.show_error(message)

    def reject(self) -> None:
        """Do not close while the vault is being created."""
        if not self._busy:
            super().reject()


class RecoveryKeyDialog(Retranslatable, QDialog):
    """Shows the recovery key once and asks the user to confirm they wrote it down."""

    def __init__(self, recovery_key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = QLabel(self)
        self._text.setWordWrap(True)
        self.key = QLabel(recovery_key, self)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setWeight(QFont.Weight.Bold)
        self.key.setFont(font)
        self.key.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                         | Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key.setWordWrap(True)
        self.key.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key.setFrameShape(QLabel.Shape.Box)
        self.key.setMargin(12)
        self.confirm = QCheckBox(self)
        self.continue_button = QPushButton(self)
        self.continue_button.setEnabled(False)
        self.continue_button.setDefault(True)
        self.confirm.toggled.connect(self.continue_button.setEnabled)
        self.continue_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.continue_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self._text)
        layout.addWidget(self.key)
        layout.addWidget(self.confirm)
        layout.addLayout(buttons)
        self.setMinimumWidth(560)
        self.retranslate()

    def retranslate(self) -> None:
        """Set texts in the current language."""
        self.setWindowTitle(_("Your recovery key — hrcase"))
        self._text.setText(_(
            "This is the recovery key of the new vault. It opens the vault if you forget the "
            "passphrase. Write it down on paper now and keep it apart from this computer. "
            "It will not be shown again."))
        self.key.setAccessibleName(_("Recovery key"))
        self.confirm.setText(_("I have &written the recovery key down"))
        self.continue_button.setText(_("&Continue"))

    def reject(self) -> None:
        """Escape does not skip the key: only the confirmed Continue closes the dialog."""

    def done(self, result: int) -> None:
        """Forget the key text when the dialog closes."""
        self.key.clear()
        super().done(result)
