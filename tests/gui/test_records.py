"""Every kind has an editor that saves; attachments open from memory; the case timeline."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QLabel, QMessageBox

from hrcase.gui.controller import Controller
from hrcase.gui.editor_window import EditorWindow
from hrcase.gui.editors import EDITORS, make_editor
from hrcase.gui.editors.case import CaseEditor
from hrcase.gui.timeline import TimelineView, _Bar
from hrcase.gui.widgets.attachments import AttachmentViewer

from .conftest import find_window

pytestmark = pytest.mark.gui

REQUIRED: dict[str, dict[str, Any]] = {
    "source": {"title": "Invented report"},
    "attachment": {"filename": "x.txt"},
}


def test_every_kind_has_an_editor_that_saves(qtbot: Any, unlocked: Controller) -> None:
    ctx = unlocked.ctx
    case = ctx.services.records.create("case", {"title": {"en": "Invented case"}})
    testimony = ctx.services.records.create("testimony", {"case_id": case.id, "text": "Original."})
    defaults: dict[str, dict[str, Any]] = {
        "translation": {"target_kind": "testimony", "target_id": testimony.id, "language": "en",
                        "source_revision": testimony.revision},
    }
    for kind in EDITORS:
        if kind == "attachment":
            continue  # attachments are made by adding a file (below)
        data = {"case_id": case.id} if "case_id" in {f.name for f in EDITORS[kind].fields} else {}
        data.update(defaults.get(kind, {}))
        editor = make_editor(ctx, kind, None, data)
        qtbot.addWidget(editor)
        for field, value in REQUIRED.get(kind, {}).items():
            editor.widgets[field].set_value(value)
        if kind == "person":
            editor.names.rows[0].text.set_value("Invented Name")
        assert editor.save(), (kind, editor.message.text())
        assert editor.record_id is not None
        assert editor.history.rowCount() == 1


def test_a_required_link_is_asked_for_inline(qtbot: Any, unlocked: Controller) -> None:
    editor = make_editor(unlocked.ctx, "event")
    qtbot.addWidget(editor)
    assert not editor.save()
    assert editor.message.text().startswith("Case:")
    assert editor.record_id is None


def test_images_and_text_open_inside_the_app(qtbot: Any, unlocked: Controller, tmp_path: Path) -> None:
    ctx = unlocked.ctx
    person = ctx.services.records.create("person", {"disclosure": "anonymous"})
    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(QColor("darkred"))
    png = tmp_path / "sketch.png"
    assert image.save(str(png))
    text = tmp_path / "notes.txt"
    text.write_text("Invented interview notes", encoding="utf-8")
    binary = tmp_path / "audio.ogg"
    binary.write_bytes(b"OggS\x00binary")

    editor = make_editor(ctx, "person", person.id)
    qtbot.addWidget(editor)
    panel = editor.attachments
    assert panel is not None
    panel.add_paths([png, text, binary])
    qtbot.waitUntil(lambda: panel.table.rowCount() == 3, timeout=5000)
    names = [panel.table.item(r, 0).text() for r in range(3)]
    assert names == ["sketch.png", "notes.txt", "audio.ogg"]

    panel.table.selectRow(0)
    panel.view_selected()
    qtbot.waitUntil(lambda: find_window(AttachmentViewer) is not None, timeout=5000)
    viewer = find_window(AttachmentViewer)
    assert isinstance(viewer.view, QLabel) and viewer.view.pixmap().width() == 40
    viewer.close()

    panel.table.selectRow(1)
    panel.view_selected()
    qtbot.waitUntil(lambda: find_window(AttachmentViewer) is not None, timeout=5000)
    viewer = find_window(AttachmentViewer)
    assert viewer.view.toPlainText() == "Invented interview notes"
    viewer.close()

    panel.table.selectRow(2)
    panel.view_selected()
    assert "cannot be shown inside hrcase" in panel.message.text()


def test_saving_a_decrypted_copy_warns_first(qtbot: Any, unlocked: Controller, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from hrcase.gui.widgets import attachments as module

    ctx = unlocked.ctx
    person = ctx.services.records.create("person", {"disclosure": "anonymous"})
    ctx.services.attachments.add(io.BytesIO(b"data"), filename="scan.pdf", owner_kind="person",
                                 owner_id=person.id)
    editor = make_editor(ctx, "person", person.id)
    qtbot.addWidget(editor)
    panel = editor.attachments
    panel.table.selectRow(0)
    warnings: list[str] = []
    monkeypatch.setattr(module.QMessageBox, "warning", lambda parent, title, text, *a: (
        warnings.append(text), QMessageBox.StandardButton.Cancel)[1])
    panel.save_selected()
    assert warnings and "NOT be encrypted" in warnings[0]
    assert not list(tmp_path.glob("*.pdf"))

    dest = tmp_path / "copy.pdf"
    monkeypatch.setattr(module.QMessageBox, "warning", lambda *a: QMessageBox.StandardButton.Save)
    monkeypatch.setattr(module.QFileDialog, "getSaveFileName", lambda *a, **k: (str(dest), ""))
    panel.save_selected()
    qtbot.waitUntil(dest.exists, timeout=5000)
    qtbot.waitUntil(lambda: "decrypted copy was saved" in panel.message.text(), timeout=5000)
    assert dest.read_bytes() == b"data"


def test_case_timeline_draws_partial_dates_as_spans_and_opens_events(qtbot: Any,
                                                                     unlocked: Controller) -> None:
    ctx = unlocked.ctx
    records = ctx.services.records
    case = records.create("case", {"title": {"en": "Invented case"}})
    arrest = records.create("event", {"case_id": case.id, "event_type": "arrest",
                                      "title": {"en": "Arrest"}, "start": "2011-12-16"})
    detention = records.create("event", {"case_id": case.id, "event_type": "detention",
                                         "title": {"en": "Detention"}, "start": "2011-12-16",
                                         "end": "2012-02"})
    records.create("event", {"case_id": case.id, "event_type": "hearing",
                             "title": {"en": "Hearing"}, "start": "c. 2012"})
    records.create("event", {"case_id": case.id, "event_type": "complaint",
                             "title": {"en": "Complaint"}})

    main = unlocked.main
    main.show_section("case")
    main.restore_place("case", case.id)
    editor = main.editor
    assert isinstance(editor, CaseEditor)
    main.act_timeline.trigger()
    assert editor.tabs.currentWidget() is editor.timeline_page
    view: TimelineView = editor.timeline
    view.resize(900, 300)
    view.redraw()
    bars = {item.event_id: item for item in view.scene().items() if isinstance(item, _Bar)}
    assert len(bars) == 4
    assert bars[detention.id].rect().width() > 10 * bars[arrest.id].rect().width()
    assert bars[detention.id].pen().style() == Qt.PenStyle.DashLine  # month precision: fuzzy end
    assert bars[arrest.id].pen().style() == Qt.PenStyle.SolidLine
    texts = [t.text() for t in view.scene().items() if hasattr(t, "text") and callable(t.text)]
    assert "Without a date:" in texts
    assert any(t.startswith("Detention · 16 December 2011 – February 2012") for t in texts)
    assert editor.events.table.rowCount() == 4

    view.show()
    qtbot.waitExposed(view)
    center = view.mapFromScene(bars[arrest.id].rect().center())
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=center)
    qtbot.waitUntil(lambda: find_window(EditorWindow) is not None)
    window = find_window(EditorWindow)
    assert window.editor.kind == "event" and window.editor.record_id == arrest.id
