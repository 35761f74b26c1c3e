"""After an idle lock and a panic lock, nothing in the application still holds record text.

The session first shows a testimony and its witness everywhere it can: the main window's list
and editor, an editor window, the search dialog with results, the translator's desk, and the
clipboard. Then it locks, and the whole Qt object tree is walked: every widget of every
top-level window (texts, contents, item-model cells in every role, titles, tooltips,
placeholders, tabs, status bars), every action, every item model and completer, every graphics
scene, every native window title, the Python attributes of every live Qt object, and the
clipboard and selection in every format. Last, every file the session wrote (vault, Qt
settings, a private home with its cache, config, data and state folders, the temporary
folder) and every log line are searched too: a background job that failed on the witness's
record logs its error without the record's content.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QAction, QClipboard, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton, QAbstractItemView, QApplication, QComboBox, QCompleter,
    QGraphicsSimpleTextItem, QGraphicsTextItem, QGraphicsView, QGroupBox, QLabel, QLineEdit,
    QMainWindow, QPlainTextEdit, QStatusBar, QTabBar, QTextEdit, QWidget,
)

from hrcase.gui.controller import Controller
from hrcase.gui.dialogs.unlock import UnlockDialog
from hrcase.gui.editor_window import EditorWindow
from hrcase.gui.search_dialog import SearchDialog
from hrcase.gui.translator_view import TranslatorView

from ..helpers import isolate_home
from .conftest import find_window, type_text

pytestmark = pytest.mark.gui

NAME = "Жанаргуль Выдуманбекова"
SENTENCE = "Нас держали в подвале у старой мельницы трое суток без воды"
NEEDLES = (NAME, "Выдуманбеков", SENTENCE, "мельницы", "Zhanargul", "Vydumanbekov")
"""The name, the sentence, and pieces of them (snippets, transliterations) a widget might show."""
ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole,
         Qt.ItemDataRole.StatusTipRole, Qt.ItemDataRole.WhatsThisRole,
         Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.UserRole)
PANIC = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


# -- the walk ----------------------------------------------------------------------------------
def columns(model: QAbstractItemModel, parent: QModelIndex) -> int:
    """How many columns ``parent`` has (columnCount() is private in some Qt models)."""
    try:
        return model.columnCount(parent)
    except TypeError:
        count = 0
        while model.index(0, count, parent).isValid():
            count += 1
        return count


def model_texts(model: QAbstractItemModel) -> Iterator[str]:
    """Every cell of ``model``, in every role that may carry text, at every depth."""
    stack = [QModelIndex()]
    while stack:
        parent = stack.pop()
        width = columns(model, parent)
        for row in range(model.rowCount(parent)):
            for column in range(max(1, width)):
                index = model.index(row, column, parent)
                if not index.isValid():
                    continue
                for role in ROLES:
                    yield str(model.data(index, role) or "")
                if column == 0:
                    stack.append(index)
        for section in range(width):
            yield str(model.headerData(section, Qt.Orientation.Horizontal) or "")


def widget_texts(w: QWidget) -> Iterator[str]:
    """What one widget shows or keeps, apart from its item model."""
    yield from (w.windowTitle(), w.toolTip(), w.statusTip(), w.whatsThis(),
                w.accessibleName(), w.accessibleDescription(), w.windowIconText())
    if isinstance(w, (QLabel, QAbstractButton)):
        yield w.text()
    if isinstance(w, QLineEdit):
        yield from (w.text(), w.placeholderText(), w.displayText())
    if isinstance(w, (QTextEdit, QPlainTextEdit)):
        yield from (w.toPlainText(), w.placeholderText(), w.document().toHtml())
    if isinstance(w, QComboBox):
        yield from [w.itemText(i) for i in range(w.count())] + [w.currentText()]
    if isinstance(w, QGroupBox):
        yield w.title()
    if isinstance(w, QTabBar):
        for i in range(w.count()):
            yield from (w.tabText(i), w.tabToolTip(i), w.tabWhatsThis(i))
    if isinstance(w, QStatusBar):
        yield w.currentMessage()
    if isinstance(w, QMainWindow) and w.statusBar() is not None:
        yield w.statusBar().currentMessage()
    if isinstance(w, QGraphicsView) and w.scene() is not None:
        for item in w.scene().items():
            yield item.toolTip()
            if isinstance(item, QGraphicsSimpleTextItem):
                yield item.text()
            if isinstance(item, QGraphicsTextItem):
                yield item.toPlainText()


def object_texts(obj: QObject) -> Iterator[str]:
    """Actions, models, completers and dynamic properties of a Qt object, and the plain-data
    attributes its Python wrapper keeps (say, the hits of a search dialog kept alive)."""
    if isinstance(obj, QAction):
        yield from (obj.text(), obj.toolTip(), obj.statusTip(), obj.whatsThis(), obj.iconText())
    if isinstance(obj, QAbstractItemModel):
        yield from model_texts(obj)
    if isinstance(obj, QCompleter) and obj.model() is not None:
        yield from model_texts(obj.model())
    for name in obj.dynamicPropertyNames():
        try:
            yield str(obj.property(bytes(name).decode()))
        except RuntimeError:  # a Qt-internal value Python cannot convert: not text
            continue
    for value in getattr(obj, "__dict__", {}).values():
        if isinstance(value, (str, list, tuple, dict, set)) \
                or hasattr(value, "__dataclass_fields__"):
            yield repr(value)


def every_text(controller: Controller) -> list[str]:
    """All the text the application holds in Qt objects, and on the clipboard."""
    app = QApplication.instance()
    assert app is not None
    objects: list[QObject] = [app, controller, *app.findChildren(QObject),
                              *controller.findChildren(QObject)]
    texts: list[str] = []
    for top in QApplication.topLevelWidgets():
        objects += [top, *top.findChildren(QObject)]
    for widget in QApplication.allWidgets():
        texts += widget_texts(widget)
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            texts += model_texts(widget.model())
    for obj in objects:
        texts += object_texts(obj)
    texts += [window.title() for window in QGuiApplication.allWindows()]
    clipboard = QGuiApplication.clipboard()
    for mode in (QClipboard.Mode.Clipboard, QClipboard.Mode.Selection):
        data = clipboard.mimeData(mode)
        if data is not None:
            texts += [bytes(data.data(f)).decode("utf-8", "replace") for f in data.formats()]
            texts.append(data.text())
    return [t for t in texts if t]


def leaks(controller: Controller) -> list[str]:
    """The texts that hold any of the needles (case-insensitive)."""
    needles = [n.casefold() for n in NEEDLES]
    return [t[:120] for t in every_text(controller) if any(n in t.casefold() for n in needles)]


# -- the session -------------------------------------------------------------------------------
@pytest.fixture
def private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Home, XDG folders and TMPDIR of the session under ``tmp_path``."""
    home = isolate_home(tmp_path / "home", monkeypatch)
    return home


def files_holding_needles(root: Path) -> list[Path]:
    """Files under ``root`` holding a needle in UTF-8 or UTF-16."""
    needles = [n.encode(e) for n in NEEDLES for e in ("utf-8", "utf-16-le", "utf-16-be")]
    return [p for p in root.rglob("*") if p.is_file() and any(n in p.read_bytes() for n in needles)]


def fail_a_job(qtbot: Any, ctrl: Controller) -> None:
    """A background job meets an unexpected error whose message holds record content."""
    def work(_context: Any) -> None:
        raise RuntimeError(f"UNIQUE constraint failed: person_name.text = '{NAME}'")

    job = ctrl.runner.submit(work)
    with qtbot.waitSignal(job.failed, timeout=5000) as failed:
        job.start()
    assert NAME not in failed.args[0]


def show_everything(qtbot: Any, ctrl: Controller) -> None:
    """Put the name and the sentence in every kind of window, and on the clipboard."""
    main, ctx = ctrl.main, ctrl.ctx
    assert main is not None and ctx is not None
    records = ctx.services.records
    case = records.create("case", {"title": {"en": "Invented case of the mill"}})
    person = records.create("person", {"notes": "invented witness"})
    records.create("person_name", {"person_id": person.id, "text": NAME, "kind": "primary"})
    testimony = records.create("testimony", {"case_id": case.id, "interviewee_id": person.id,
                                             "language": "ru", "title": NAME, "text": SENTENCE})
    main.restore_place("person", person.id)  # the list and the editor of the main window
    window = main.open_window("testimony", testimony.id)
    assert isinstance(window, EditorWindow)
    text_box = window.editor.widgets["text"]
    assert text_box.toPlainText() == SENTENCE

    main.act_search.trigger()
    search = find_window(SearchDialog)
    assert isinstance(search, SearchDialog)
    type_text(search.query, "мельницы")
    qtbot.waitUntil(lambda: len(search.hits) >= 1, timeout=10_000)

    main.act_translations.trigger()
    translator = find_window(TranslatorView)
    assert isinstance(translator, TranslatorView)
    translator.select(testimony.id)
    assert translator.original.toPlainText() == SENTENCE

    window.activateWindow()
    text_box.setFocus()
    text_box.selectAll()
    text_box.copy()
    assert QGuiApplication.clipboard().text() == SENTENCE
    found = leaks(ctrl)
    for place in (SENTENCE, NAME):  # the walk sees what it must find
        assert any(place.casefold()[:30] in t.casefold() for t in found), place
    assert len(found) >= 6, found


@pytest.mark.parametrize("how", ["idle", "panic"])
def test_no_record_text_anywhere_after_locking(qtbot: Any, private_home: Path, tmp_path: Path,
                                               caplog: pytest.LogCaptureFixture,
                                               unlocked: Controller, how: str) -> None:
    caplog.set_level(logging.WARNING)  # as the application runs: nothing configures logging
    show_everything(qtbot, unlocked)
    fail_a_job(qtbot, unlocked)
    vault = unlocked.vault
    assert vault is not None
    if how == "idle":
        unlocked.watcher.set_timeout_ms(300)
    else:
        translator = find_window(TranslatorView)
        assert translator is not None
        qtbot.keyClick(translator.translation, Qt.Key.Key_L, PANIC)
    qtbot.waitUntil(lambda: unlocked.main is None, timeout=5000)
    QApplication.sendPostedEvents(None, 0)
    QApplication.processEvents()
    assert not vault.is_open
    assert isinstance(unlocked.dialog, UnlockDialog) and unlocked.dialog.isVisible()
    assert leaks(unlocked) == []
    assert "job failed: RuntimeError" in caplog.text
    logged = "\n".join(logging.Formatter().format(r) for r in caplog.records)
    assert not any(n.casefold() in logged.casefold() for n in NEEDLES)
    assert private_home.is_relative_to(tmp_path) and (tmp_path / "settings").is_dir()
    assert files_holding_needles(tmp_path) == []
