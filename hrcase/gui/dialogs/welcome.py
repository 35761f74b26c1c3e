"""The first window when no vault is open: create one, open one, or pick a recent one.

Recent vaults are listed only when the user allowed hrcase to remember them (the checkbox here
and in the preferences); turning it off forgets the list at once.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QFileDialog, QHBoxLayout, QLabel, QListWidget,
    QListWidgetItem, QPushButton, QVBoxLayout, QWidget,
)

from hrcase.gui.language import LANGUAGE_NAMES, Retranslatable, switch_language
from hrcase.gui.settings import GuiSettings
from hrcase.gui.widgets.common import MessageLabel
from hrcase.i18n import LANGUAGES, _, current_language
from hrcase.vault import is_vault


class WelcomeDialog(Retranslatable, QDialog):
    """Emits ``create_requested`` or ``open_requested(path)``; rejected means quit."""

    create_requested = Signal()
    open_requested = Signal(Path)

    def __init__(self, settings: GuiSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._title = QLabel(self)
        font = self._title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self._title.setFont(font)
        self._intro = QLabel(self)
        self._intro.setWordWrap(True)
        self.language = QComboBox(self)
        for code in LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[code], code)
        self.language.setCurrentIndex(LANGUAGES.index(current_language()))
        self.language.currentIndexChanged.connect(self._language_changed)
        self._language_label = QLabel(self)
        self._language_label.setBuddy(self.language)
        self.create_button = QPushButton(self)
        self.create_button.clicked.connect(self._create)
        self.open_button = QPushButton(self)
        self.open_button.clicked.connect(self._browse)
        self._recent_label = QLabel(self)
        self.recent = QListWidget(self)
        self.recent.itemActivated.connect(self._recent_activated)
        self.remember = QCheckBox(self)
        self.remember.setChecked(settings.remember_recent)
        self.remember.toggled.connect(self._remember_toggled)
        self._remember_note = QLabel(self)
        self._remember_note.setWordWrap(True)
        self.message = MessageLabel(self)
        self.quit_button = QPushButton(self)
        self.quit_button.clicked.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(self._title, 1)
        top.addWidget(self._language_label)
        top.addWidget(self.language)
        actions = QHBoxLayout()
        actions.addWidget(self.create_button)
        actions.addWidget(self.open_button)
        actions.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.quit_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self._intro)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        layout.addWidget(self._recent_label)
        layout.addWidget(self.recent, 1)
        layout.addWidget(self.remember)
        layout.addWidget(self._remember_note)
        layout.addLayout(bottom)
        self.setMinimumWidth(600)
        self._fill_recent()
        self.retranslate()

    def retranslate(self) -> None:
        """Set texts in the current language."""
        self.setWindowTitle(_("Welcome — hrcase"))
        self._title.setText("hrcase")
        self._intro.setText(_(
            "hrcase keeps case files — testimonies, allegations, persons, places and evidence — "
            "encrypted on this computer. Nothing leaves it unless you export it."))
        self._language_label.setText(_("&Language:"))
        self.language.setAccessibleName(_("Interface language"))
        self.create_button.setText(_("&Create a new vault…"))
        self.open_button.setText(_("&Open a vault…"))
        self._recent_label.setText(_("Recent vaults:"))
        self.recent.setAccessibleName(_("Recent vaults"))
        self.remember.setText(_("&Remember the vaults I open on this computer"))
        self._remember_note.setText(_(
            "The list is stored unencrypted in the settings of this computer; a folder name can "
            "reveal what it holds. Leave this off on a laptop that may be searched."))
        self.quit_button.setText(_("&Quit"))
        self._update_recent_visibility()

    def _fill_recent(self) -> None:
        self.recent.clear()
        for path in self._settings.recent_vaults():
            item = QListWidgetItem(str(path), self.recent)
            item.setData(Qt.ItemDataRole.UserRole, str(path))
        self._update_recent_visibility()

    def _update_recent_visibility(self) -> None:
        shown = self._settings.remember_recent and self.recent.count() > 0
        self.recent.setVisible(shown)
        self._recent_label.setVisible(shown)

    def _language_changed(self, index: int) -> None:
        code = self.language.itemData(index)
        if code and code != current_language():
            self._settings.language = code
            switch_language(code)

    def _remember_toggled(self, allowed: bool) -> None:
        self._settings.remember_recent = allowed
        self._fill_recent()

    def _create(self) -> None:
        self.create_requested.emit()
        self.accept()

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Open a vault (choose its folder)"),
                                                  str(Path.home()))
        if folder:
            self.try_open(Path(folder))

    def _recent_activated(self, item: QListWidgetItem) -> None:
        self.try_open(Path(item.data(Qt.ItemDataRole.UserRole)))

    def try_open(self, path: Path) -> None:
        """Ask for the passphrase of the vault at ``path`` (if it is one)."""
        if not is_vault(path):
            self.message.show_error(_("This is not an hrcase vault."))
            return
        self.open_requested.emit(path)
        self.accept()
