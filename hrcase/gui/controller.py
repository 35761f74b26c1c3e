"""The life of a session: welcome, create or unlock, work, lock, unlock again.

Locking (idle time, the panic key, or the menu) does, in this order: save the open editors'
valid changes (idle lock only — the user was working on them; the panic lock never waits),
remember the section and record id on screen (ids only, no content), stop background jobs and
drop their results, empty and destroy every window that can show content, close the vault
(dispose the engine, overwrite the key), clear the clipboard if it still holds text copied from
hrcase, and show the unlock dialog. Unlocking builds fresh windows from the vault and returns to
the remembered section and record.
"""

from __future__ import annotations

import gc
import getpass
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QObject, QSettings, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from hrcase.gui.context import AppContext
from hrcase.errors import HrcaseError
from hrcase.gui.dialogs.create import CreateVaultDialog, RecoveryKeyDialog
from hrcase.gui.dialogs.destroy import DestroyVaultDialog, destroyed_message, error_text
from hrcase.gui.dialogs.preferences import PreferencesDialog
from hrcase.gui.dialogs.unlock import UnlockDialog
from hrcase.gui.dialogs.welcome import WelcomeDialog
from hrcase.gui.first_run import FirstRunGuide, mark_first_run_done, should_show_first_run
from hrcase.gui.jobs import JobRunner
from hrcase.gui.language import switch_language
from hrcase.gui.lock import ClipboardGuard, LockWatcher, scrub
from hrcase.gui.main_window import PANIC_KEY, MainWindow
from hrcase.gui.settings import GuiSettings
from hrcase.i18n import _, current_language, ngettext
from hrcase.services import Services
from hrcase.services.settings import RESEARCHER_NAME, get_setting
from hrcase.vault import Vault
from hrcase.vault.erase import destroy_with_backups


class Controller(QObject):
    """Owns the open vault (if any) and the windows of the session."""

    def __init__(self, settings: GuiSettings, *, opener: Callable[[Path, str], Any] = Vault.open,
                 creator: Callable[[Path, str], Any] = Vault.create,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self._opener = opener
        self._creator = creator
        self.runner = JobRunner(self)
        self.clipboard = ClipboardGuard(QGuiApplication.clipboard(), self)
        self.watcher = LockWatcher(PANIC_KEY, self)
        self.watcher.idle.connect(lambda: self.lock(idle=True))
        self.watcher.panic.connect(self.lock)
        self.vault: Vault | None = None
        self.vault_path: Path | None = None
        self.ctx: AppContext | None = None
        self.main: MainWindow | None = None
        self.dialog: QDialog | None = None
        self._place: tuple[Path, str, str | None] | None = None

    # -- before a vault is open ----------------------------------------------------------------
    def start(self, vault_path: Path | None = None, passphrase: str | None = None) -> None:
        """Show the first window: unlock ``vault_path`` (with ``passphrase`` if given) or welcome.

        On the very first start (no vault named) the getting-started guide comes first.
        """
        if vault_path is None and should_show_first_run(QSettings()):
            guide = FirstRunGuide()
            guide.finished.connect(lambda _result: self._guide_done())
            self._show_dialog(guide)
            return
        if vault_path is not None:
            self.show_unlock(Path(vault_path), passphrase=passphrase)
        else:
            self.show_welcome()

    def _guide_done(self) -> None:
        mark_first_run_done(QSettings())
        QTimer.singleShot(0, self.show_welcome)

    def show_welcome(self) -> None:
        """Create, open, or choose a recent vault."""
        dialog = WelcomeDialog(self.settings)
        dialog.create_requested.connect(lambda: QTimer.singleShot(0, self.show_create))
        dialog.open_requested.connect(lambda path: QTimer.singleShot(0, lambda: self.show_unlock(path)))
        dialog.rejected.connect(self.quit)
        self._show_dialog(dialog)

    def show_create(self) -> None:
        """Create a new vault."""
        dialog = CreateVaultDialog(self.runner, creator=self._creator)
        dialog.created.connect(self._created)
        dialog.rejected.connect(lambda: QTimer.singleShot(0, self.show_welcome))
        self._show_dialog(dialog)

    def show_unlock(self, path: Path, *, passphrase: str | None = None, reason: str = "") -> None:
        """Ask for the passphrase of the vault at ``path``."""
        dialog = UnlockDialog(path, self.runner, opener=self._opener, reason=reason)
        other = []
        dialog.unlocked.connect(self._unlocked)
        dialog.other_vault.connect(lambda: other.append(True))
        dialog.destroy_requested.connect(lambda: self.show_destroy(path))
        dialog.rejected.connect(lambda: QTimer.singleShot(0, self.show_welcome) if other else self.quit())
        self._show_dialog(dialog)
        if passphrase:
            dialog.unlock_with(passphrase)

    def _show_dialog(self, dialog: QDialog) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def _created(self, vault: Vault, recovery_key: str, name: str) -> None:
        if name:
            Services(vault, name).set_researcher_name(name)
        dialog = RecoveryKeyDialog(recovery_key)
        dialog.accepted.connect(lambda: self._unlocked(vault))
        self._show_dialog(dialog)

    # -- unlocked ------------------------------------------------------------------------------
    def _unlocked(self, vault: Vault) -> None:
        self.vault = vault
        self.vault_path = Path(vault.path)
        actor = get_setting(vault, RESEARCHER_NAME, "") or getpass.getuser()
        services = Services(vault, actor)
        self.ctx = AppContext(services, self.runner, self.clipboard,
                              open_record=lambda kind, rid: self._open_window(kind, rid),
                              new_record=lambda kind, defaults: self._open_window(kind, None, defaults))
        main = MainWindow(self.ctx, self.settings, self.vault_path)
        main.lock_requested.connect(self.lock)
        main.quit_requested.connect(self.quit)
        main.preferences_requested.connect(self.show_preferences)
        main.language_requested.connect(self.set_language)
        main.new_vault_requested.connect(lambda: self._leave_vault(self.show_create))
        main.open_vault_requested.connect(lambda: self._leave_vault(self.show_welcome))
        main.destroy_vault_requested.connect(lambda: self.show_destroy(self.vault_path))
        self.main = main
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None
        if self._place is not None and self._place[0] == self.vault_path:
            main.restore_place(self._place[1], self._place[2])
        self._place = None
        main.show()
        main.activateWindow()
        self.settings.add_recent_vault(self.vault_path)
        self.apply_idle_time()
        self.watcher.start()

    def _open_window(self, kind: str, record_id: str | None,
                     defaults: dict[str, Any] | None = None) -> None:
        if self.main is not None:
            self.main.open_window(kind, record_id, defaults)

    def apply_idle_time(self) -> None:
        """Use the idle time from the preferences."""
        self.watcher.set_timeout_ms(self.settings.idle_minutes * 60_000)

    def show_preferences(self) -> None:
        """Edit the preferences; apply the idle time and language at once."""
        dialog = PreferencesDialog(self.settings, self.main)
        dialog.accepted.connect(self._preferences_changed)
        dialog.open()

    def _preferences_changed(self) -> None:
        self.apply_idle_time()
        language = self.settings.language
        if language and language != current_language():
            switch_language(language)

    def set_language(self, lang: str) -> None:
        """Switch the interface language and remember it."""
        self.settings.language = lang
        switch_language(lang)

    # -- locking -------------------------------------------------------------------------------
    def lock(self, *, idle: bool = False) -> None:
        """Lock now: drop the key, destroy every window with content, clear our clipboard."""
        if self.vault is None:
            return
        path = self.vault_path
        minutes = self.settings.idle_minutes
        self._close_vault(save=idle)
        reason = (ngettext("hrcase locked itself after %(n)d minute without activity.",
                           "hrcase locked itself after %(n)d minutes without activity.", minutes)
                  % {"n": minutes}) if idle else _("hrcase is locked.")
        assert path is not None
        self.show_unlock(path, reason=reason)

    def _close_vault(self, *, save: bool) -> None:
        main, ctx, vault = self.main, self.ctx, self.vault
        if vault is None:
            return
        if main is not None:
            if save:
                main.save_all_valid()
            kind, record_id = main.current_place()
            assert self.vault_path is not None
            self._place = (self.vault_path, kind, record_id)
            main.save_layout()
        if ctx is not None:
            ctx.active = False
        self.watcher.stop()
        self.runner.abandon_all()
        destroy_windows(main)
        self.main = self.ctx = self.vault = None
        vault.close()
        self.clipboard.clear_if_ours()
        gc.collect()

    def _leave_vault(self, then: Callable[[], None]) -> None:
        """Close the open vault (as a lock does) and go on with ``then``."""
        self._close_vault(save=False)
        self._place = None
        QTimer.singleShot(0, then)

    # -- crypto-erase --------------------------------------------------------------------------
    def show_destroy(self, path: Path | None) -> None:
        """Ask to confirm destroying the vault at ``path`` (open or locked)."""
        if path is None:
            return
        dialog = DestroyVaultDialog(path, self.main or self.dialog)
        dialog.confirmed.connect(lambda typed, backups: QTimer.singleShot(
            0, lambda: self._destroy(Path(path), typed, backups)))
        dialog.open()

    def _destroy(self, path: Path, typed: str, with_backups: bool) -> None:
        """Close the vault (our process holds its lock), destroy it, then show the welcome."""
        self._close_vault(save=False)
        self._place = None
        try:
            done = destroy_with_backups(path, typed, with_backups)
        except HrcaseError as error:
            if path.exists():
                self.show_unlock(path)
            else:
                self.show_welcome()
            self._tell(QMessageBox.Icon.Warning, error_text(error))
            return
        self.settings.forget_recent_vault(path)
        self.show_welcome()
        self._tell(QMessageBox.Icon.Information, destroyed_message(path, done, with_backups))

    def _tell(self, icon: QMessageBox.Icon, text: str) -> None:
        box = QMessageBox(icon, _("Destroy this vault — hrcase"), text,
                          QMessageBox.StandardButton.Ok, self.dialog)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def shutdown(self) -> None:
        """Lock whatever is open and close every window."""
        self._close_vault(save=False)
        self._place = None
        dialog, self.dialog = self.dialog, None
        destroy_windows(dialog)

    def quit(self) -> None:
        """Lock whatever is open and leave."""
        self.shutdown()
        QApplication.instance().quit()


def destroy_windows(root: QWidget | None) -> None:
    """Empty and hide every window (dialogs first ended), then delete ``root``.

    Every window of an unlocked session has the main window as its ancestor, so deleting that
    root deletes them all. Other top-level windows are only emptied and hidden: some belong to
    Qt objects that delete them themselves (a QCompleter deletes its parentless popup), and
    deleting them here would leave their owners with dangling pointers.
    """
    windows: list[QWidget] = list(QApplication.topLevelWidgets())
    for window in windows:
        if isinstance(window, QDialog):
            # Ends a dialog's own event loop; its signals stay quiet so that no slot reacts
            # (the welcome dialog's "rejected" would quit the application).
            blocked = window.blockSignals(True)
            QDialog.done(window, QDialog.DialogCode.Rejected)
            window.blockSignals(blocked)
    for window in windows:
        scrub(window)
        window.hide()
    if root is not None:
        root.deleteLater()
