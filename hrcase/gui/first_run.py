"""The first-run guide: five short pages a new user can step through or skip.

What a vault is, why the recovery key matters, how locking works and how to share safely — in
the interface language, which the first page lets the user change (the choice is remembered like
the one on the welcome dialog). The guide shows no record content and needs no open vault.

The front end decides when to show it::

    settings = QSettings()
    if should_show_first_run(settings):
        show_first_run_guide(parent)
        mark_first_run_done(settings)

The marker lives in QSettings (outside the vault, unencrypted): it only says that hrcase has been
started on this account, which the installed program says anyway. It holds a guide number, so a
later, substantially changed guide can be shown once more by raising :data:`GUIDE_VERSION`.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from hrcase.gui.about import application_icon_path
from hrcase.gui.language import LANGUAGE_NAMES, Retranslatable, switch_language
from hrcase.gui.settings import DEFAULT_IDLE_MINUTES, GuiSettings
from hrcase.i18n import LANGUAGES, _, current_language, ngettext

GUIDE_VERSION = 1
"""Raise to show a changed guide once more to users who saw an older one."""
SETTINGS_KEY = "guide/first_run_version"
PANIC_SHORTCUT = "Ctrl+Shift+L"
"""The panic-lock key as the main window defines it (``main_window.PANIC_KEY``; a test checks
they agree — importing the main window here would make an import cycle)."""

PAGE_IDS = ("welcome", "vault", "recovery", "locking", "sharing")


def should_show_first_run(settings: QSettings) -> bool:
    """Whether the guide has not been shown (or skipped) yet in its current version."""
    try:
        seen = int(settings.value(SETTINGS_KEY, 0))
    except (TypeError, ValueError):
        seen = 0
    return seen < GUIDE_VERSION


def mark_first_run_done(settings: QSettings) -> None:
    """Remember that the guide was shown (finished or skipped)."""
    settings.setValue(SETTINGS_KEY, GUIDE_VERSION)
    settings.sync()


def _shortcut_text() -> str:
    """The panic key as the platform writes it (⌃⇧L on a Mac)."""
    return QKeySequence(PANIC_SHORTCUT).toString(QKeySequence.SequenceFormat.NativeText)


class _TextPage(QWizardPage):
    """A page with a title, a subtitle and one block of text."""

    def __init__(self, page_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"page_{page_id}")
        self.body = QLabel(self)
        self.body.setObjectName(f"body_{page_id}")
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.PlainText)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.content = QVBoxLayout(self)
        self.content.addWidget(self.body, 1)

    def set_texts(self, title: str, subtitle: str, body: str) -> None:
        """Set the three texts of the page."""
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self.body.setText(body)


class FirstRunGuide(Retranslatable, QWizard):
    """The guide itself: Back/Next through five pages, Finish, or Skip at any page."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunGuide")
        if sys.platform != "darwin":
            self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        icon_path = application_icon_path(64)
        if icon_path is not None:
            self.setPixmap(QWizard.WizardPixmap.LogoPixmap, QPixmap(str(icon_path)))
        self.pages: dict[str, _TextPage] = {}
        for page_id in PAGE_IDS:
            page = _TextPage(page_id, self)
            self.pages[page_id] = page
            self.addPage(page)
        welcome = self.pages["welcome"]
        self.language = QComboBox(welcome)
        self.language.setObjectName("guideLanguage")
        for code in LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[code], code)
        self.language.setCurrentIndex(LANGUAGES.index(current_language()))
        self.language.currentIndexChanged.connect(self._language_changed)
        self.language_label = QLabel(welcome)
        self.language_label.setBuddy(self.language)
        row = QHBoxLayout()
        row.addWidget(self.language_label)
        row.addWidget(self.language)
        row.addStretch(1)
        welcome.content.insertLayout(0, row)
        self.resize(640, 480)
        self.retranslate()

    def skip_button(self) -> QWidget:
        """The button that closes the guide at once (Qt's Cancel button, renamed)."""
        return self.button(QWizard.WizardButton.CancelButton)

    def _language_changed(self, index: int) -> None:
        code = self.language.itemData(index)
        if code and code != current_language():
            GuiSettings().language = code
            switch_language(code)

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.setWindowTitle(_("Getting started with hrcase"))
        self.setButtonText(QWizard.WizardButton.BackButton, _("< &Back"))
        self.setButtonText(QWizard.WizardButton.NextButton, _("&Next >"))
        self.setButtonText(QWizard.WizardButton.FinishButton, _("&Start working"))
        self.setButtonText(QWizard.WizardButton.CancelButton, _("S&kip the guide"))
        self.language_label.setText(_("&Language:"))
        self.language.setAccessibleName(_("Interface language"))
        self.language.blockSignals(True)
        self.language.setCurrentIndex(LANGUAGES.index(current_language()))
        self.language.blockSignals(False)
        minutes = DEFAULT_IDLE_MINUTES
        self.pages["welcome"].set_texts(
            _("Welcome to hrcase"),
            _("A one-minute guide. You can skip it and open it again from the Help menu."),
            _("hrcase keeps your case files — testimonies, allegations, persons, places, events "
              "and attachments — encrypted on this computer. It works without any network "
              "connection and sends nothing anywhere.\n\n"
              "The next pages explain the four things that keep the people in your files safe: "
              "the vault, the recovery key, locking, and sharing."))
        self.pages["vault"].set_texts(
            _("Your vault"),
            _("Everything you record lives in one encrypted folder."),
            _("A vault is a folder that holds all your records and attachments, encrypted. "
              "Without its passphrase nobody can read it — not a thief, not whoever seizes the "
              "laptop, and not the authors of hrcase.\n\n"
              "• Choose a passphrase of several words that you can remember and nobody can "
              "guess.\n"
              "• You may keep several vaults, for example one per project.\n"
              "• Back up your vault often (File → Back up the vault). A backup is encrypted just "
              "like the vault."))
        self.pages["recovery"].set_texts(
            _("The recovery key"),
            _("The only way back in if the passphrase is forgotten."),
            _("When a vault is created, hrcase shows a recovery key once. Nobody can reset a "
              "forgotten passphrase: without the recovery key the records are lost for good.\n\n"
              "• Write the recovery key down on paper, by hand.\n"
              "• Keep it apart from the laptop: not in the laptop bag, not as a photo on your "
              "phone.\n"
              "• Whoever holds it together with a copy of the vault can read everything: guard "
              "it like the passphrase."))
        self.pages["locking"].set_texts(
            _("Locking"),
            _("A locked vault cannot be read, even on a running computer."),
            ngettext(
                "Locking removes the key from memory and closes every window that shows records. "
                "The passphrase is needed to open the vault again.\n\n"
                "• hrcase locks by itself after %(minutes)d minute without use (change this in "
                "Preferences).\n"
                "• Press %(key)s at any moment, even while typing, to lock at once. The clipboard "
                "is cleared too if it holds text from hrcase.\n"
                "• Lock before you leave the laptop, and before a checkpoint.",
                "Locking removes the key from memory and closes every window that shows records. "
                "The passphrase is needed to open the vault again.\n\n"
                "• hrcase locks by itself after %(minutes)d minutes without use (change this in "
                "Preferences).\n"
                "• Press %(key)s at any moment, even while typing, to lock at once. The clipboard "
                "is cleared too if it holds text from hrcase.\n"
                "• Lock before you leave the laptop, and before a checkpoint.",
                minutes) % {"minutes": minutes, "key": _shortcut_text()})
        self.pages["sharing"].set_texts(
            _("Sharing safely"),
            _("Records leave hrcase in two ways only."),
            _("• An encrypted bundle for named colleagues. Verify a colleague's contact card "
              "with them in person or by a call before you send them anything. A bundle is "
              "signed by you; on import hrcase checks the signature, shows what will change, "
              "and applies all of it or nothing.\n"
              "• A signed PDF dossier. A public dossier leaves out everything that consent and "
              "disclosure settings forbid; read it through before it goes out.\n\n"
              "Exports to JSON or CSV are plaintext: make them only when you must, and delete "
              "them afterwards."))


def show_first_run_guide(parent: QWidget | None) -> None:
    """Show the guide and wait until it is finished or skipped."""
    guide = FirstRunGuide(parent)
    guide.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    guide.exec()
