"""Widgets on their own: partial dates, lazy lists, pickers, vocabularies, settings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt

from hrcase.gui.controller import Controller
from hrcase.gui.kinds import KIND_INFO
from hrcase.gui.language import switch_language
from hrcase.gui.listmodel import PAGE_SIZE, RecordTableModel
from hrcase.gui.widgets.partial_date import PartialDateEdit
from hrcase.gui.widgets.picker import RecordPicker
from hrcase.gui.widgets.vocab import VocabCheckTree, VocabCombo

from .conftest import settings_files, type_text

pytestmark = pytest.mark.gui


@pytest.mark.parametrize(("typed", "words"), [
    ("1974", "1974"),
    ("2011-12", "December 2011"),
    ("2011-12-16/2011-12-19", "16–19 December 2011"),
    ("c. 2010", "c. 2010"),
    ("late November 2005", "late November 2005"),
])
def test_partial_date_reads_what_researchers_write(qtbot: Any, gui_settings: Any, typed: str,
                                                   words: str) -> None:
    field = PartialDateEdit("birth")
    qtbot.addWidget(field)
    qtbot.keyClicks(field.edit, typed)
    assert field.note.text() == f"Reads as: {words}"
    assert not field.note.is_error and field.error() is None
    assert field.value()


def test_partial_date_shows_an_invalid_date_inline(qtbot: Any, gui_settings: Any) -> None:
    field = PartialDateEdit("birth")
    qtbot.addWidget(field)
    qtbot.keyClicks(field.edit, "31.02.2011")
    assert field.note.is_error
    assert field.note.text() == "This date names a day or month that does not exist."
    assert field.error() == field.note.text()
    field.edit.clear()
    assert field.note.isHidden() and field.value() == ""


def test_list_fetches_pages_as_it_scrolls_and_filters(qtbot: Any, unlocked: Controller) -> None:
    records = unlocked.ctx.services.records
    for i in range(PAGE_SIZE + 50):
        records.create("source", {"title": f"Report {i:03d}", "author": "Invented NGO"})
    records.create("source", {"title": "Letter to the prosecutor"})
    model = RecordTableModel(unlocked.ctx, KIND_INFO["source"])
    model.sort(0, Qt.SortOrder.AscendingOrder)
    assert model.total == PAGE_SIZE + 51 and model.rowCount() == PAGE_SIZE
    assert model.data(model.index(0, 0)) == "Letter to the prosecutor"
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == PAGE_SIZE + 51 and not model.canFetchMore(QModelIndex())
    model.set_text("report 01")
    assert model.total == 10 and model.rowCount() == 10
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert model.data(model.index(0, 0)) == "Report 019"
    model.scrub()
    assert model.rowCount() == 0


def test_picker_finds_and_creates_records(qtbot: Any, unlocked: Controller) -> None:
    records = unlocked.ctx.services.records
    place = records.create("place", {"name": {"ru": "ИВС Тестового района"}, "place_type": "other"})
    picker = RecordPicker(unlocked.ctx, "place")
    qtbot.addWidget(picker)
    type_text(picker.edit, "тестов")
    qtbot.waitUntil(lambda: picker.matches.rowCount() == 2)
    assert picker.matches.item(0).text().startswith("ИВС Тестового района")
    assert picker.matches.item(1).text() == "Create new: “тестов”"
    picker.completer.activated[QModelIndex].emit(picker.matches.index(0, 0))
    assert picker.value() == place.id and picker.error() is None

    picker.set_value(None)
    qtbot.keyClicks(picker.edit, "Border crossing Testpost")
    assert picker.error() is not None  # typed but not linked yet
    qtbot.waitUntil(lambda: picker.matches.rowCount() == 1)
    picker.completer.activated[QModelIndex].emit(picker.matches.index(0, 0))
    created = records.get("place", picker.value())
    assert created.name == {"en": "Border crossing Testpost"}


def test_methods_are_grouped_and_relabelled_in_the_interface_language(qtbot: Any,
                                                                      gui_settings: Any) -> None:
    tree = VocabCheckTree("methods")
    combo = VocabCombo("sex")
    qtbot.addWidget(tree)
    qtbot.addWidget(combo)
    groups = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert groups[0] == "Physical violence" and "Psychological violence" in groups
    tree.set_value(["beating", "electric_shock"])
    combo.set_value("female")
    try:
        switch_language("kk")
        assert tree.topLevelItem(0).text(0) == "Дене зорлығы"
        assert combo.currentText() != "Female" and combo.value() == "female"
    finally:
        switch_language("en")
    assert tree.value() == ["beating", "electric_shock"]


def test_settings_hold_layout_but_no_content_and_no_paths_unless_allowed(
        qtbot: Any, unlocked: Controller, closed_vault: Path, settings_dir: Path) -> None:
    records = unlocked.ctx.services.records
    records.create("source", {"title": "Secret report about Invented Town"})
    unlocked.main.show_section("source")
    unlocked.lock()
    stored = "".join(p.read_text(errors="replace") for p in settings_files(settings_dir))
    assert "layout" in stored
    assert "Invented Town" not in stored and str(closed_vault) not in stored
    assert closed_vault.name not in stored

    unlocked.settings.remember_recent = True
    unlocked.settings.add_recent_vault(closed_vault)
    unlocked.settings.sync()
    stored = "".join(p.read_text(errors="replace") for p in settings_files(settings_dir))
    assert closed_vault.name in stored
    unlocked.settings.remember_recent = False
    unlocked.settings.sync()
    stored = "".join(p.read_text(errors="replace") for p in settings_files(settings_dir))
    assert closed_vault.name not in stored
