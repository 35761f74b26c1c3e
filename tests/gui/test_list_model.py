"""The record list stays cheap: few columns and a fixed number of queries per page, counts off
the GUI thread, and a filter too short for a long list says so instead of reading everything."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex
from sqlalchemy import event

from hrcase.gui import listmodel
from hrcase.gui.controller import Controller
from hrcase.gui.kinds import KIND_INFO
from hrcase.gui.listmodel import RecordTableModel

from .conftest import type_text

pytestmark = pytest.mark.gui


@pytest.fixture
def statements(unlocked: Controller) -> Iterator[list[str]]:
    """The SQL statements the vault runs while the test lasts."""
    seen: list[str] = []
    engine = unlocked.ctx.services.vault.engine

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    yield seen
    event.remove(engine, "before_cursor_execute", record)


def _testimonies(unlocked: Controller, n: int, title: str) -> None:
    records = unlocked.ctx.services.records
    case = records.create("case", {"title": {"en": "Invented case"}})
    for i in range(n):
        person = records.create("person", {})
        records.create("person_name", {"person_id": person.id, "text": f"Invented Person {i}"})
        records.create("testimony", {"case_id": case.id, "interviewee_id": person.id,
                                     "title": f"{title} {i:02d}", "text": "long text " * 100})


def test_a_page_reads_its_columns_and_linked_names_in_two_queries(
        qtbot: Any, unlocked: Controller, statements: list[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(listmodel, "PAGE_SIZE", 4)
    _testimonies(unlocked, 10, "Interview")
    model = RecordTableModel(unlocked.ctx, KIND_INFO["testimony"])
    model.reload()
    statements.clear()
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 8
    pages = [s for s in statements if "FROM testimony" in s]
    names = [s for s in statements if "FROM person_name" in s]
    assert len(pages) == 1 and len(names) == 1, statements
    assert "testimony.text" not in pages[0] and "likely(" in names[0]
    column = [c.header for c in KIND_INFO["testimony"].columns].index("Interviewee")
    assert model.data(model.index(0, column)).startswith("Invented Person ")


def test_the_count_of_a_filtered_list_arrives_from_the_background(
        qtbot: Any, unlocked: Controller, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(listmodel, "PAGE_SIZE", 4)
    _testimonies(unlocked, 6, "Hearing")
    main = unlocked.main
    main.show_section("testimony")
    type_text(main.filter, "hearing")
    qtbot.waitUntil(lambda: main.count.text() == "6 records")
    assert main.model.rowCount() == 4 and main.model.canFetchMore(QModelIndex())
    main.model.fetchMore(QModelIndex())
    assert main.model.rowCount() == 6 and not main.model.canFetchMore(QModelIndex())


def test_one_or_two_letters_do_not_filter_a_long_list_and_say_so(
        qtbot: Any, unlocked: Controller, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(listmodel, "SCAN_LIMIT", 3)
    _testimonies(unlocked, 5, "Interview")
    main = unlocked.main
    main.show_section("testimony")
    type_text(main.filter, "01")
    qtbot.waitUntil(lambda: "Type at least 3 letters" in main.count.text())
    assert main.count.text().startswith("5 records.") and main.model.rowCount() == 5
    type_text(main.filter, "x")
    qtbot.waitUntil(lambda: main.count.text() == "0 records")
    monkeypatch.setattr(listmodel, "SCAN_LIMIT", 1000)
    main.filter.clear()
    type_text(main.filter, "01")
    qtbot.waitUntil(lambda: main.count.text() == "1 record")
    assert main.model.rowCount() == 1
