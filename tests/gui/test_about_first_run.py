"""The About dialog and the first-run guide, driven with clicks on the offscreen platform."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QWizard

from hrcase import __version__
from hrcase.gui.about import AboutDialog, component_versions, show_about_dialog
from hrcase.gui.first_run import (
    PAGE_IDS,
    PANIC_SHORTCUT,
    FirstRunGuide,
    mark_first_run_done,
    should_show_first_run,
    show_first_run_guide,
)
from hrcase.gui.language import switch_language
from hrcase.gui.settings import GuiSettings
from tests.gui.conftest import widget_texts

pytestmark = pytest.mark.gui

CYRILLIC = re.compile("[А-Яа-яӘәҒғҚқҢңӨөҰұҮүҺһІі]")


@pytest.fixture
def english(gui_settings: GuiSettings) -> Any:
    """The app in English; English again afterwards (Qt's locale included)."""
    yield gui_settings
    switch_language("en")


def _click(qtbot: Any, button: Any) -> None:
    assert button is not None and button.isVisible() and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


# -- About ----------------------------------------------------------------------------------


def test_about_shows_version_licence_and_components(qtbot: Any, english: GuiSettings) -> None:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.title.text() == f"hrcase {__version__}"
    assert "GPL-3.0-or-later" in dialog.licence.text()
    texts = widget_texts(dialog.components)
    for name in ("PT Sans", "Qt / PySide6", "SQLCipher", "SQLAlchemy", "SQLModel", "Alembic",
                 "cryptography", "pyrage", "ReportLab", "pyHanko", "Babel", "Python"):
        assert any(name in text for text in texts), name
    assert "OFL-1.1" in texts and "LGPL-3.0-only" in texts


def test_about_versions_come_from_the_installed_packages(english: GuiSettings) -> None:
    from importlib import metadata

    rows = {name: (version, licence) for name, version, licence in component_versions()}
    assert all(version for version, _licence in rows.values()), rows
    assert rows["PT Sans (ParaType)"][0] == metadata.version("fontpkg-pt-sans")
    assert rows["Qt / PySide6"][0].startswith(metadata.version("PySide6-Essentials"))
    assert "(Qt 6." in rows["Qt / PySide6"][0]


def test_about_closes_with_its_button(qtbot: Any, english: GuiSettings) -> None:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    _click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Close))
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_about_follows_the_interface_language(qtbot: Any, english: GuiSettings) -> None:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    english_title = dialog.windowTitle()
    switch_language("ru")
    assert dialog.windowTitle() != english_title and CYRILLIC.search(dialog.windowTitle())
    assert any("PT Sans" in text for text in widget_texts(dialog.components))


def test_show_about_dialog_is_modal_and_returns(qtbot: Any, english: GuiSettings) -> None:
    seen: list[str] = []

    def close_it() -> None:
        widget = QApplication.activeModalWidget()
        assert isinstance(widget, AboutDialog)
        seen.append(widget.title.text())
        widget.reject()

    QTimer.singleShot(50, close_it)
    show_about_dialog(None)
    assert seen == [f"hrcase {__version__}"]


# -- first-run guide -----------------------------------------------------------------------


def test_guide_pages_can_be_stepped_through_with_clicks(qtbot: Any, english: GuiSettings) -> None:
    guide = FirstRunGuide()
    qtbot.addWidget(guide)
    guide.show()
    seen = [guide.currentPage().objectName()]
    for _page in PAGE_IDS[1:]:
        _click(qtbot, guide.button(QWizard.WizardButton.NextButton))
        seen.append(guide.currentPage().objectName())
    assert seen == [f"page_{page}" for page in PAGE_IDS]
    _click(qtbot, guide.button(QWizard.WizardButton.BackButton))
    assert guide.currentPage().objectName() == f"page_{PAGE_IDS[-2]}"
    _click(qtbot, guide.button(QWizard.WizardButton.NextButton))
    _click(qtbot, guide.button(QWizard.WizardButton.FinishButton))
    assert not guide.isVisible()
    assert guide.result() == QDialog.DialogCode.Accepted


@pytest.mark.parametrize("clicks_first", [0, 2])
def test_guide_can_be_skipped(qtbot: Any, english: GuiSettings, clicks_first: int) -> None:
    guide = FirstRunGuide()
    qtbot.addWidget(guide)
    guide.show()
    for _click_number in range(clicks_first):
        _click(qtbot, guide.button(QWizard.WizardButton.NextButton))
    assert guide.skip_button().text().replace("&", "") == "Skip the guide"
    _click(qtbot, guide.skip_button())
    assert not guide.isVisible()
    assert guide.result() == QDialog.DialogCode.Rejected


def test_guide_says_what_matters(qtbot: Any, english: GuiSettings) -> None:
    guide = FirstRunGuide()
    qtbot.addWidget(guide)
    bodies = {page: guide.pages[page].body.text() for page in PAGE_IDS}
    assert "vault" in bodies["vault"] and "passphrase" in bodies["vault"]
    assert "Write the recovery key down" in bodies["recovery"]
    assert "apart from the laptop" in bodies["recovery"]
    assert "5 minutes" in bodies["locking"] and "Ctrl+Shift+L" in bodies["locking"]
    assert "bundle" in bodies["sharing"] and "public dossier" in bodies["sharing"]


def test_panic_shortcut_is_the_main_windows(english: GuiSettings) -> None:
    from hrcase.gui.main_window import PANIC_KEY

    assert QKeySequence(PANIC_SHORTCUT).toString() == PANIC_KEY.toString()


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_guide_in_russian_and_kazakh(qtbot: Any, english: GuiSettings, lang: str) -> None:
    guide = FirstRunGuide()
    qtbot.addWidget(guide)
    english_texts = {page: guide.pages[page].body.text() for page in PAGE_IDS}
    switch_language(lang)
    for page in PAGE_IDS:
        text = guide.pages[page].body.text()
        assert text != english_texts[page] and CYRILLIC.search(text), (lang, page)
        assert CYRILLIC.search(guide.pages[page].title()), (lang, page)
    assert "Ctrl+Shift+L" in guide.pages["locking"].body.text()
    assert CYRILLIC.search(guide.skip_button().text())


def test_guide_language_choice_switches_and_is_remembered(qtbot: Any, english: GuiSettings) -> None:
    guide = FirstRunGuide()
    qtbot.addWidget(guide)
    guide.show()
    english_title = guide.windowTitle()
    guide.language.setCurrentIndex(guide.language.findData("ru"))
    assert guide.windowTitle() != english_title and CYRILLIC.search(guide.windowTitle())
    assert GuiSettings().language == "ru"


def test_show_first_run_guide_returns_when_skipped(qtbot: Any, english: GuiSettings) -> None:
    seen: list[str] = []

    def skip() -> None:
        widget = QApplication.activeModalWidget()
        assert isinstance(widget, FirstRunGuide)
        seen.append(widget.currentPage().objectName())
        qtbot.mouseClick(widget.skip_button(), Qt.MouseButton.LeftButton)

    QTimer.singleShot(50, skip)
    show_first_run_guide(None)
    assert seen == ["page_welcome"]


def test_first_run_marker(tmp_path: Path, english: GuiSettings) -> None:
    path = str(tmp_path / "settings.ini")
    settings = QSettings(path, QSettings.Format.IniFormat)
    assert should_show_first_run(settings)
    mark_first_run_done(settings)
    assert not should_show_first_run(settings)
    assert not should_show_first_run(QSettings(path, QSettings.Format.IniFormat))
    settings.setValue("guide/first_run_version", "garbage")
    assert should_show_first_run(settings)
