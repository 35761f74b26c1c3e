"""Switching the running app to Russian and then Kazakh from View → Interface language.

Everything the user sees in the main window, an open editor and an editor window changes at
once, plural forms follow each language's rule, and no text the catalog translates is left
in English.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QMenu, QTabWidget, QWidget

from hrcase.gui.controller import Controller
from hrcase.gui.editors.case import CaseEditor
from hrcase.gui.language import switch_language
from hrcase.gui.main_window import MainWindow

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]
COUNTS = {"case": 1, "source": 2, "event": 5}
"""Records made per section, for the three Russian plural forms."""

EXPECTED = {
    "ru": {"menus": ["&Файл", "&Правка", "&Вид"], "language_menu": "&Язык интерфейса",
           "sections": ["Дела", "Лица", "Показания"], "case_columns": ["Название", "Страна"],
           "tab": "Подробности",
           "counts": {"case": "1 запись", "source": "2 записи", "event": "5 записей"}},
    "kk": {"menus": ["&Файл", "Ө&згерту", "&Көрініс"], "language_menu": "Интерфейс &тілі",
           "sections": ["Істер", "Адамдар", "Айғақтар"], "case_columns": ["Атауы", "Ел"],
           "tab": "Толығырақ",
           "counts": {"case": "1 жазба", "source": "2 жазба", "event": "5 жазба"}},
}


@pytest.fixture
def main(qtbot: Any, unlocked: Controller) -> Iterator[MainWindow]:
    """The main window on a small vault, with a case open in the editor; English again after."""
    records = unlocked.ctx.services.records
    case = records.create("case", {"title": {"en": "Invented case"}, "country": "KZ"})
    for n in range(COUNTS["source"]):
        records.create("source", {"title": f"Invented report {n}"})
    for _n in range(COUNTS["event"]):
        records.create("event", {"case_id": case.id, "event_type": "arrest"})
    window = unlocked.main
    assert window is not None
    window.show_section("source")  # a fresh list of cases afterwards
    window.show_section("case")
    qtbot.waitUntil(lambda: window.model is not None and window.model.total == 1)
    window.table.selectRow(0)
    qtbot.waitUntil(lambda: isinstance(window.editor, CaseEditor))
    yield window
    switch_language("en")


def choose_language(window: MainWindow, name: str) -> None:
    """Click View → Interface language → ``name`` (the action the menu shows)."""
    view = next(a.menu() for a in window.menuBar().actions() if a.menu() is window.view_menu)
    language = next(a.menu() for a in view.actions() if a.menu() is not None)
    action = next(a for a in language.actions() if a.text() == name)
    action.trigger()


def chrome_texts(widget: QWidget) -> list[str]:
    """The interface texts of a window: menus, actions, labels, buttons, tabs, headers."""
    texts: list[str] = []
    for menu in widget.findChildren(QMenu):
        texts.append(menu.title())
        texts += [a.text() for a in menu.actions() if not a.isSeparator()]
    for label in widget.findChildren(QLabel):
        if label.isVisibleTo(widget) and label.textFormat() != Qt.TextFormat.RichText:
            texts.append(label.text())
    texts += [b.text() for b in widget.findChildren(QAbstractButton) if b.isVisibleTo(widget)]
    texts += [g.title() for g in widget.findChildren(QGroupBox)]
    for tabs in widget.findChildren(QTabWidget):
        texts += [tabs.tabText(i) for i in range(tabs.count())]
    return [t for t in texts if t.strip()]


def translated_sources(lang: str) -> set[str]:
    """English texts the catalog of ``lang`` translates into something else."""
    with (ROOT / "translations" / lang / "LC_MESSAGES" / "hrcase.po").open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    found: set[str] = set()
    for message in catalog:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.id and not message.fuzzy and all(strings) and ids[0] not in strings:
            found.update(i for i in ids if "%" not in i and "{" not in i)
    return found


def test_switching_to_russian_then_kazakh_retranslates_everything(
        qtbot: Any, unlocked: Controller, main: MainWindow) -> None:
    window = main
    editor = window.editor
    assert isinstance(editor, CaseEditor)
    other = window.open_window("case", editor.record_id)
    qtbot.addWidget(other)
    english_columns = [window.model.headerData(i, Qt.Orientation.Horizontal) for i in range(2)]
    english_labels = [t for t in chrome_texts(editor) if t.endswith(":")]
    assert window.file_menu.title() == "&File" and english_labels

    for lang, name in (("ru", "Русский"), ("kk", "Қазақша")):
        expected = EXPECTED[lang]
        choose_language(window, name)
        qtbot.waitUntil(lambda: window.file_menu.title() == expected["menus"][0])
        assert unlocked.settings.language == lang
        assert [window.menuBar().actions()[i].text() for i in range(3)] == expected["menus"]
        assert window.language_menu.title() == expected["language_menu"]
        assert [a.isChecked() for a in window.language_menu.actions()] == [
            code == lang for code in ("en", "ru", "kk")]
        assert [window.navigator.item(i).text() for i in range(3)] == expected["sections"]
        columns = [window.model.headerData(i, Qt.Orientation.Horizontal) for i in range(2)]
        assert columns == expected["case_columns"] != english_columns
        assert editor.tabs.tabText(0) == expected["tab"]
        labels = [t for t in chrome_texts(editor) if t.endswith(":")]
        assert len(labels) == len(english_labels) and not set(labels) & set(english_labels)
        assert other.windowTitle().endswith("— hrcase") and other.editor is not None
        assert other.editor.tabs.tabText(0) == expected["tab"]

        leftovers = translated_sources(lang)
        for widget in (window, editor, other):
            stale = [t for t in chrome_texts(widget) if t in leftovers]
            assert not stale, (lang, stale)

        for kind, count_text in expected["counts"].items():
            window.show_section(kind)
            qtbot.waitUntil(lambda: window.model is not None and window.model.info.kind == kind
                            and window.model.total == COUNTS.get(kind, -1))
            assert window.count.text() == count_text
        window.show_section("case")
        window.table.selectRow(0)
        qtbot.waitUntil(lambda: isinstance(window.editor, CaseEditor))
        editor = window.editor
        assert isinstance(editor, CaseEditor)


def test_the_language_menu_offers_each_language_in_itself(main: MainWindow) -> None:
    names = [a.text() for a in main.language_menu.actions()]
    assert names == ["English", "Русский", "Қазақша"]
    choose_language(main, "Русский")
    assert [a.text() for a in main.language_menu.actions()] == names
    assert isinstance(main.act_languages["ru"], QAction) and main.act_languages["ru"].isChecked()
