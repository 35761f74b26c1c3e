"""Import and export records through the File menu's dialogs (background jobs, Cancel)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from hrcase.gui.controller import Controller
from hrcase.gui.jobs import Cancelled
from hrcase.gui.records_io_dialog import (
    ExportRecordsDialog, ImportRecordsDialog, export_file, import_file,
)

from ..helpers import add_person
from .conftest import all_texts, find_window, type_text

pytestmark = pytest.mark.gui

JOB_TIMEOUT_MS = 60_000


class StopAfter:
    """A stand-in for a job's context that the user cancels after ``n`` checks."""

    def __init__(self, n: int) -> None:
        self.left = n

    def check(self) -> None:
        self.left -= 1
        if self.left < 0:
            raise Cancelled()

    def progress(self, done: int, total: int = 0, text: str = "") -> None:
        self.check()


def open_import(qtbot: Any, unlocked: Controller) -> ImportRecordsDialog:
    main = unlocked.main
    assert main is not None
    main.show_section("person")
    main.act_import_records.trigger()
    dialog = find_window(ImportRecordsDialog)
    assert isinstance(dialog, ImportRecordsDialog)
    return dialog


def test_a_refused_csv_lists_its_lines_and_imports_nothing(qtbot: Any, unlocked: Controller,
                                                           tmp_path: Path) -> None:
    services = unlocked.ctx.services  # type: ignore[union-attr]
    csv = tmp_path / "detainees.csv"
    csv.write_text("name,birth_year,nationality\nBerik Dosov,1974,KZ\n,1980,KZ\n"
                   "Aigul Sarsen,19x0,KZ\n", encoding="utf-8")
    dialog = open_import(qtbot, unlocked)
    qtbot.mouseClick(dialog.file, Qt.MouseButton.LeftButton)
    type_text(dialog.file, str(csv))
    assert dialog.case_picker.isEnabled()  # CSV options apply
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.problems.isVisible(), timeout=JOB_TIMEOUT_MS)
    lines = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    assert lines == ["Line 3: name: This field must not be empty.",
                     "Line 4: birth_year: A year has four digits."]
    assert dialog.summary.text() == "Nothing was imported: 2 problems were found."
    assert services.records.count("person") == 0


def test_a_good_csv_is_imported_and_the_list_shows_it(qtbot: Any, unlocked: Controller,
                                                      tmp_path: Path) -> None:
    main = unlocked.main
    assert main is not None
    csv = tmp_path / "detainees.csv"
    csv.write_text("name,birth_year\nBerik Dosov,1974\nАйгүл Сәрсен,1980\n", encoding="utf-8")
    dialog = open_import(qtbot, unlocked)
    dialog.file.setText(str(csv))
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.imported is not None, timeout=JOB_TIMEOUT_MS)
    assert dialog.summary.text() == "2 records created, 0 updated."
    assert main.model is not None and main.model.total == 2
    assert "Айгүл Сәрсен" in all_texts()


def test_export_needs_the_plaintext_warning_accepted(qtbot: Any, unlocked: Controller,
                                                      tmp_path: Path) -> None:
    main = unlocked.main
    assert main is not None
    add_person(unlocked.ctx.services, "Dana Ermek")  # type: ignore[union-attr]
    main.act_export_records.trigger()
    dialog = find_window(ExportRecordsDialog)
    assert isinstance(dialog, ExportRecordsDialog)
    assert "NOT encrypted" in dialog.warning.text() and dialog.warning.isVisible()
    assert not dialog.export_button.isEnabled()
    out = tmp_path / "all.json"
    dialog.file.setText(str(out))
    qtbot.mouseClick(dialog.understood, Qt.MouseButton.LeftButton)
    assert dialog.export_button.isEnabled()
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.written is not None, timeout=JOB_TIMEOUT_MS)
    assert (out.stat().st_mode & 0o777) == 0o600
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert [n["text"] for n in doc["records"]["person_name"]] == ["Dana Ermek"]
    assert dialog.summary.text() == f"2 records were exported to {out} (not encrypted)."


def test_cancel_leaves_no_file_and_no_import(unlocked: Controller, tmp_path: Path) -> None:
    services = unlocked.ctx.services  # type: ignore[union-attr]
    for name in ("Dana Ermek", "Saule Ermek", "Asel Ermek"):
        add_person(services, name)
    out = tmp_path / "all.json"
    with pytest.raises(Cancelled):
        export_file(services, out, "json", "person", StopAfter(0))  # type: ignore[arg-type]
    assert not out.exists()
    export_file(services, out, "json", "person", StopAfter(1000))  # type: ignore[arg-type]
    assert json.loads(out.read_text(encoding="utf-8"))["format"] == "hrcase-records"
    csv = tmp_path / "more.csv"
    csv.write_text("name\nBerik Dosov\nAyan Serikov\n", encoding="utf-8")
    with pytest.raises(Cancelled):  # stopped inside the transaction, after a person was added
        import_file(services, csv, StopAfter(2))  # type: ignore[arg-type]
    assert services.records.count("person") == 3
