"""Destroying a vault from the desktop app: from the File menu and from the unlock dialog."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from hrcase.gui.controller import Controller
from hrcase.gui.dialogs.destroy import DestroyVaultDialog
from hrcase.gui.dialogs.unlock import UnlockDialog
from hrcase.gui.dialogs.welcome import WelcomeDialog
from hrcase.vault import Vault
from hrcase.vault.errors import NotAVault

from .conftest import PASSPHRASE, type_text

pytestmark = pytest.mark.gui


def _destroy_dialog(qtbot: Any) -> DestroyVaultDialog:
    qtbot.waitUntil(lambda: any(isinstance(w, DestroyVaultDialog) and w.isVisible()
                                for w in QApplication.allWidgets()))
    return next(w for w in QApplication.allWidgets()
                if isinstance(w, DestroyVaultDialog) and w.isVisible())


def _message(qtbot: Any) -> QMessageBox:
    qtbot.waitUntil(lambda: any(isinstance(w, QMessageBox) and w.isVisible()
                                for w in QApplication.allWidgets()))
    return next(w for w in QApplication.allWidgets() if isinstance(w, QMessageBox) and w.isVisible())


def test_destroy_from_the_menu_needs_the_folder_name_and_erases_the_key_slots(
        qtbot: Any, unlocked: Controller, closed_vault: Path) -> None:
    assert unlocked.main is not None
    unlocked.main.act_destroy.trigger()
    dialog = _destroy_dialog(qtbot)
    assert closed_vault.name in dialog._name_label.text()
    assert not dialog.destroy_button.isEnabled()
    type_text(dialog.name_edit, "wrong-name")
    assert not dialog.destroy_button.isEnabled()
    dialog.name_edit.clear()
    type_text(dialog.name_edit, closed_vault.name)
    assert dialog.destroy_button.isEnabled()
    qtbot.mouseClick(dialog.destroy_button, Qt.MouseButton.LeftButton)

    message = _message(qtbot)
    assert "Destroyed" in message.text() and str(closed_vault) in message.text()
    assert unlocked.main is None and unlocked.vault is None
    assert isinstance(unlocked.dialog, WelcomeDialog)
    assert not closed_vault.exists()


def test_destroy_from_the_unlock_dialog_without_the_passphrase(
        qtbot: Any, controller: Controller, closed_vault: Path) -> None:
    controller.start(closed_vault)
    unlock = controller.dialog
    assert isinstance(unlock, UnlockDialog)
    qtbot.mouseClick(unlock.destroy_button, Qt.MouseButton.LeftButton)
    dialog = _destroy_dialog(qtbot)
    type_text(dialog.name_edit, closed_vault.name)
    qtbot.keyClick(dialog.destroy_button, Qt.Key.Key_Space)
    _message(qtbot)
    assert not closed_vault.exists()
    assert isinstance(controller.dialog, WelcomeDialog)


def test_cancel_leaves_the_vault_untouched(qtbot: Any, unlocked: Controller,
                                           closed_vault: Path) -> None:
    assert unlocked.main is not None
    before = (closed_vault / "keyslots.json").read_bytes()
    unlocked.main.act_destroy.trigger()
    dialog = _destroy_dialog(qtbot)
    type_text(dialog.name_edit, closed_vault.name)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert unlocked.main is not None and unlocked.vault is not None
    assert (closed_vault / "keyslots.json").read_bytes() == before


def test_the_destroyed_vault_no_longer_opens_with_its_passphrase(
        qtbot: Any, unlocked: Controller, closed_vault: Path) -> None:
    assert unlocked.main is not None
    unlocked.main.act_destroy.trigger()
    dialog = _destroy_dialog(qtbot)
    type_text(dialog.name_edit, closed_vault.name)
    qtbot.mouseClick(dialog.destroy_button, Qt.MouseButton.LeftButton)
    _message(qtbot)
    with pytest.raises(NotAVault):
        Vault.open(closed_vault, PASSPHRASE)
