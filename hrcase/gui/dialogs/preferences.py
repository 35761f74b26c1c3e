"""Preferences: auto-lock delay, remembering recent vaults, interface language."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QSpinBox, QVBoxLayout,
    QWidget,
)

from hrcase.gui.language import LANGUAGE_NAMES, Retranslatable
from hrcase.gui.settings import GuiSettings
from hrcase.i18n import LANGUAGES, _, current_language


class PreferencesDialog(Retranslatable, QDialog):
    """Edits :class:`GuiSettings`; the caller applies the language and the idle time."""

    def __init__(self, settings: GuiSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self.idle = QSpinBox(self)
        self.idle.setRange(1, 240)
        self.idle.setValue(settings.idle_minutes or 5)
        self.remember = QCheckBox(self)
        self.remember.setChecked(settings.remember_recent)
        self.language = QComboBox(self)
        for code in LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[code], code)
        self.language.setCurrentIndex(LANGUAGES.index(current_language()))
        self._labels = [QLabel(self) for _i in range(2)]
        self._labels[0].setBuddy(self.idle)
        self._labels[1].setBuddy(self.language)
        self._note = QLabel(self)
        self._note.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self._labels[0], self.idle)
        form.addRow(self._labels[1], self.language)
        form.addRow(self.remember)
        form.addRow(self._note)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)
        self.retranslate()

    def retranslate(self) -> None:
        """Set texts in the current language."""
        self.setWindowTitle(_("Preferences — hrcase"))
        self._labels[0].setText(_("&Lock after idle (minutes):"))
        self.idle.setAccessibleName(_("Minutes of inactivity before hrcase locks"))
        self._labels[1].setText(_("Interface &language:"))
        self.language.setAccessibleName(_("Interface language"))
        self.remember.setText(_("&Remember the vaults I open on this computer"))
        self._note.setText(_("Layout and these preferences are stored unencrypted on this "
                             "computer; no record content is."))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("OK"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))

    def accept(self) -> None:
        """Store the choices."""
        self._settings.idle_minutes = self.idle.value()
        self._settings.remember_recent = self.remember.isChecked()
        self._settings.language = self.language.currentData()
        super().accept()
