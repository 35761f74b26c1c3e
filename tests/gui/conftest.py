"""Fixtures of the GUI tests: headless Qt, settings in a temporary folder, a small vault."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QEvent, QModelIndex, QSettings, Qt  # noqa: E402
from PySide6.QtGui import QKeyEvent  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QAbstractButton, QAbstractItemView, QApplication, QComboBox, QGraphicsSimpleTextItem,
    QGraphicsView, QLabel, QLineEdit, QPlainTextEdit, QTextEdit, QWidget,
)

from hrcase.gui.app import setup_application  # noqa: E402
from hrcase.gui.controller import Controller  # noqa: E402
from hrcase.gui.first_run import mark_first_run_done  # noqa: E402
from hrcase.gui.settings import GuiSettings  # noqa: E402

PASSPHRASE = "correct horse battery staple"
UNLOCK_TIMEOUT_MS = 30_000


@pytest.fixture
def settings_dir(tmp_path: Path) -> Path:
    """Where QSettings writes during one test."""
    folder = tmp_path / "settings"
    folder.mkdir()
    return folder


@pytest.fixture
def gui_settings(qapp: QApplication, settings_dir: Path) -> GuiSettings:
    """Application set up in English with settings in a temporary folder."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(settings_dir))
    settings = setup_application(qapp, "en")
    mark_first_run_done(QSettings())  # tests of the guide itself start from a fresh QSettings
    return settings


@pytest.fixture
def closed_vault(tmp_path: Path) -> Path:
    """A vault with the test passphrase, created and locked again."""
    from hrcase.vault import Vault

    path = tmp_path / "field.hrcase"
    vault, _recovery = Vault.create(path, PASSPHRASE)
    vault.close()
    return path


@pytest.fixture
def controller(qtbot: Any, gui_settings: GuiSettings) -> Iterator[Controller]:
    """A session controller; everything it opened is closed afterwards."""
    ctrl = Controller(gui_settings)
    yield ctrl
    ctrl.shutdown()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()


@pytest.fixture
def unlocked(qtbot: Any, controller: Controller, closed_vault: Path) -> Controller:
    """A controller with the test vault open in the main window."""
    controller.start(closed_vault, PASSPHRASE)
    qtbot.waitUntil(lambda: controller.main is not None, timeout=UNLOCK_TIMEOUT_MS)
    return controller


def widget_texts(widget: QWidget) -> list[str]:
    """The texts one widget holds: its text, items, model cells, scene texts, title, tooltip."""
    texts = [widget.windowTitle(), widget.toolTip(), widget.accessibleDescription()]
    if isinstance(widget, (QLineEdit, QLabel, QAbstractButton)):
        texts.append(widget.text())
    if isinstance(widget, (QTextEdit, QPlainTextEdit)):
        texts.append(widget.toPlainText())
    if isinstance(widget, QComboBox):
        texts += [widget.itemText(i) for i in range(widget.count())] + [widget.currentText()]
    if isinstance(widget, QAbstractItemView) and widget.model() is not None:
        model = widget.model()
        stack = [QModelIndex()]
        while stack:
            parent = stack.pop()
            for row in range(model.rowCount(parent)):
                column = 0  # columnCount() is private in some Qt models: walk until invalid
                while (index := model.index(row, column, parent)).isValid():
                    texts.append(str(model.data(index) or ""))
                    stack.append(index)
                    column += 1
    if isinstance(widget, QGraphicsView) and widget.scene() is not None:
        for item in widget.scene().items():
            if isinstance(item, QGraphicsSimpleTextItem):
                texts.append(item.text())
            texts.append(item.toolTip())
    return [t for t in texts if t]


def all_texts() -> list[str]:
    """Every text any live widget holds."""
    return [text for w in QApplication.allWidgets() for text in widget_texts(w)]


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` into ``widget`` key by key, any script (QTest types ASCII only)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def settings_files(folder: Path) -> list[Path]:
    """The files QSettings wrote under ``folder``."""
    return [p for p in folder.rglob("*") if p.is_file()]


def find_window(kind: type[QWidget]) -> QWidget | None:
    """The first visible top-level window of a class."""
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, kind) and widget.isVisible():
            return widget
    return None
