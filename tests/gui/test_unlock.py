"""First start, creating a vault, unlocking: wrong passphrase, busy state."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer

from hrcase.gui.controller import Controller
from hrcase.gui.dialogs.create import CreateVaultDialog, RecoveryKeyDialog, strength
from hrcase.gui.dialogs.unlock import UnlockDialog
from hrcase.gui.dialogs.welcome import WelcomeDialog
from hrcase.gui.first_run import SETTINGS_KEY, FirstRunGuide, should_show_first_run
from hrcase.vault import Vault, WrongPassphrase, is_vault

from .conftest import PASSPHRASE, UNLOCK_TIMEOUT_MS, find_window

pytestmark = pytest.mark.gui


def test_create_a_vault_from_the_welcome_window(qtbot: Any, controller: Controller,
                                                tmp_path: Path) -> None:
    controller.start(None)
    welcome = controller.dialog
    assert isinstance(welcome, WelcomeDialog)
    assert not welcome.recent.isVisible()  # nothing is remembered unless the user opts in
    qtbot.mouseClick(welcome.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(controller.dialog, CreateVaultDialog))
    create = controller.dialog
    assert isinstance(create, CreateVaultDialog)

    target = tmp_path / "new.hrcase"
    create.location.setText(str(target))
    qtbot.keyClicks(create.passphrase, "short")
    assert "Too short" in create.hint.text()
    create.passphrase.clear()
    qtbot.keyClicks(create.passphrase, PASSPHRASE)
    assert create.meter.value() >= 2
    qtbot.keyClicks(create.repeat, PASSPHRASE + "x")
    qtbot.mouseClick(create.create_button, Qt.MouseButton.LeftButton)
    assert "differ" in create.message.text()
    assert not target.exists()

    qtbot.keyClicks(create.passphrase, PASSPHRASE)
    qtbot.keyClicks(create.repeat, PASSPHRASE)
    qtbot.keyClicks(create.researcher, "A. Researcher")
    qtbot.mouseClick(create.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(controller.dialog, RecoveryKeyDialog), timeout=UNLOCK_TIMEOUT_MS)

    recovery = controller.dialog
    assert isinstance(recovery, RecoveryKeyDialog)
    key = recovery.key.text()
    assert len(key.replace("-", "")) >= 30
    assert not recovery.continue_button.isEnabled()
    recovery.reject()  # Escape does not skip the key
    assert recovery.isVisible()
    recovery.confirm.setChecked(True)
    qtbot.mouseClick(recovery.continue_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: controller.main is not None)
    assert recovery.key.text() == ""
    assert is_vault(target)
    assert controller.ctx is not None and controller.ctx.services.actor == "A. Researcher"

    controller.shutdown()
    Vault.open(target, recovery_key=key).close()  # the key shown is the vault's recovery key


def test_the_very_first_start_shows_the_guide_then_the_welcome(qtbot: Any, controller: Controller,
                                                               settings_dir: Path) -> None:
    QSettings().remove(SETTINGS_KEY)
    controller.start(None)
    guide = find_window(FirstRunGuide)
    assert isinstance(guide, FirstRunGuide) and controller.dialog is guide
    qtbot.mouseClick(guide.skip_button(), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(controller.dialog, WelcomeDialog))
    assert not should_show_first_run(QSettings())


def test_wrong_passphrase_is_said_and_the_user_tries_again(qtbot: Any, controller: Controller,
                                                           closed_vault: Path) -> None:
    controller.start(closed_vault)
    dialog = controller.dialog
    assert isinstance(dialog, UnlockDialog)
    qtbot.keyClicks(dialog.passphrase, "not the passphrase")
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.message.isVisible(), timeout=UNLOCK_TIMEOUT_MS)
    assert dialog.message.text() == str(WrongPassphrase())
    assert "Wrong passphrase" in dialog.message.text()
    assert dialog.passphrase.isEnabled() and dialog.passphrase.text() == ""
    assert controller.main is None

    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: controller.main is not None, timeout=UNLOCK_TIMEOUT_MS)


def test_the_key_derivation_wait_shows_a_busy_state_and_the_window_keeps_working(
        qtbot: Any, gui_settings: Any, closed_vault: Path) -> None:
    def slow_open(path: Path, passphrase: str) -> Vault:
        time.sleep(0.8)
        return Vault.open(path, passphrase)

    controller = Controller(gui_settings, opener=slow_open)
    try:
        controller.start(closed_vault)
        dialog = controller.dialog
        assert isinstance(dialog, UnlockDialog)
        ticks: list[int] = []
        timer = QTimer()
        timer.timeout.connect(lambda: ticks.append(1))
        timer.start(20)
        qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
        qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
        assert dialog.busy
        assert not dialog.passphrase.isEnabled() and not dialog.unlock_button.isEnabled()
        assert dialog._busy_bar.isVisible()
        assert "Unlocking" in dialog._busy_text.text()
        qtbot.waitUntil(lambda: controller.main is not None, timeout=UNLOCK_TIMEOUT_MS)
        timer.stop()
        assert len(ticks) >= 10  # the event loop ran while the key was derived
    finally:
        controller.shutdown()


def test_strength_hint_prefers_long_passphrases() -> None:
    assert strength("abc") == 0
    assert strength("aaaaaaaaaa") <= 1
    assert strength("горы степь ветер 1974") >= 3
    assert strength("correct horse battery staple") > strength("Tr0ub4dor&3")
