"""The "destroy this vault" dialog: crypto-erase, confirmed by typing the vault's folder name.

No passphrase is asked, as on the command line: someone under pressure must be able to destroy
a vault fast, from the unlock dialog too. The dialog only collects the confirmation; the
controller closes the vault first (our own process holds its lock) and then calls
:func:`hrcase.vault.erase.destroy_with_backups`. docs/security.md says what crypto-erase can and
cannot guarantee.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox, QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout,
    QWidget,
)

from hrcase.errors import HrcaseError
from hrcase.gui.language import Retranslatable
from hrcase.i18n import _, ngettext
from hrcase.vault.erase import DestroyReport, sibling_backups


class DestroyVaultDialog(Retranslatable, QDialog):
    """Asks to type the folder name of the vault at ``path``; emits ``confirmed(name, backups)``.

    ``backups`` tells whether the backup folders found beside the vault go too.
    """

    confirmed = Signal(str, bool)

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self.backups = sibling_backups(self.path)
        self._warning = QLabel(self)
        self._warning.setWordWrap(True)
        self._limits = QLabel(self)
        self._limits.setWordWrap(True)
        self.name_edit = QLineEdit(self)
        self.name_edit.setMinimumWidth(320)
        self.name_edit.textChanged.connect(self._update)
        self._name_label = QLabel(self)
        self._name_label.setWordWrap(True)
        self._name_label.setBuddy(self.name_edit)
        self.with_backups = QCheckBox(self)
        self.with_backups.setVisible(bool(self.backups))
        self._backup_list = QLabel(self)
        self._backup_list.setWordWrap(True)
        self._backup_list.setVisible(bool(self.backups))
        self.destroy_button = QPushButton(self)
        self.destroy_button.setEnabled(False)
        self.destroy_button.clicked.connect(self._confirm)
        self.cancel_button = QPushButton(self)
        self.cancel_button.setDefault(True)
        self.cancel_button.clicked.connect(self.reject)

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.addRow(self._name_label, self.name_edit)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.destroy_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self._warning)
        layout.addWidget(self._limits)
        layout.addLayout(form)
        layout.addWidget(self.with_backups)
        layout.addWidget(self._backup_list)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.setMinimumWidth(480)
        self.retranslate()
        self.name_edit.setFocus()

    def retranslate(self) -> None:
        """Set texts in the current language."""
        self.setWindowTitle(_("Destroy this vault — hrcase"))
        self._warning.setText(_("This destroys the vault %(path)s for ever: its key slots are "
                                "overwritten, so neither the passphrase nor the recovery key "
                                "will open it again.") % {"path": str(self.path)})
        self._limits.setText(_("Copies made elsewhere (backups on other drives, exported "
                               "bundles and dossiers, the printed recovery key) are not touched: "
                               "destroy them too."))
        self._name_label.setText(_("Type the vault's folder name (%(name)s) to destroy it:")
                                 % {"name": self.path.name})
        self.name_edit.setAccessibleName(_("Folder name of the vault"))
        self.with_backups.setText(ngettext(
            "Also destroy the backup found beside it",
            "Also destroy the %(n)d backups found beside it", len(self.backups))
            % {"n": len(self.backups)})
        self._backup_list.setText("\n".join(str(p) for p in self.backups))
        self.destroy_button.setText(_("&Destroy the vault"))
        self.destroy_button.setAccessibleName(_("Destroy the vault"))
        self.cancel_button.setText(_("Cancel"))

    def _update(self, text: str) -> None:
        self.destroy_button.setEnabled(text.strip() == self.path.name)

    def _confirm(self) -> None:
        if self.name_edit.text().strip() != self.path.name:
            return
        self.confirmed.emit(self.name_edit.text().strip(),
                            self.with_backups.isVisible() and self.with_backups.isChecked())
        self.accept()


def destroyed_message(path: Path, done: list[tuple[Path, DestroyReport]], with_backups: bool
                      ) -> str:
    """What to tell the user after destroying: what went, and what may still be elsewhere."""
    lines = [_("Destroyed: %(path)s (key slots overwritten, store removed).") % {"path": path}]
    left = sum(len(report.left_in_place) for _target, report in done)
    if left:
        lines.append(ngettext("%(n)d file that hrcase did not make was left in place.",
                              "%(n)d files that hrcase did not make were left in place.", left)
                     % {"n": left})
    if with_backups and len(done) > 1:
        lines.append(ngettext("%(n)d backup beside it was destroyed too.",
                              "%(n)d backups beside it were destroyed too.", len(done) - 1)
                     % {"n": len(done) - 1})
    lines.append(_("Destroy the printed recovery key and every other copy of this vault (USB "
                   "sticks, other computers, cloud folders) as well."))
    return "\n".join(lines)


def error_text(error: HrcaseError) -> str:
    """The sentence shown when destroying failed (nothing was touched)."""
    return _("The vault was not destroyed: %(reason)s") % {"reason": str(error)}
