"""Export a dossier through the real dialog: public audience, withheld preview, a PDF written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from hrcase.gui.controller import Controller
from hrcase.gui.dossier_dialog import DossierDialog
from hrcase.services.identities import NoIdentityError

from ..helpers import add_person
from .conftest import all_texts, find_window

pytestmark = pytest.mark.gui

BUILD_TIMEOUT_MS = 120_000


def test_export_a_public_dossier(qtbot: Any, unlocked: Controller, tmp_path: Path) -> None:
    main, ctx = unlocked.main, unlocked.ctx
    assert main is not None and ctx is not None
    services = ctx.services
    case = services.records.create("case", {"title": {"en": "Invented case"}})
    victim = add_person(services, "Айгерим Тестова")
    services.records.create("testimony", {"case_id": case.id, "interviewee_id": victim.id,
                                          "language": "ru", "consent": "internal",
                                          "text": "Меня задержали у станции."})
    main.restore_place("case", case.id)

    main.act_dossier.trigger()
    dialog = find_window(DossierDialog)
    assert isinstance(dialog, DossierDialog)
    assert dialog.case_picker.value() == case.id  # the case open in the main window
    dialog.audience.setCurrentIndex(dialog.audience.findData("public"))
    qtbot.waitUntil(lambda: dialog.preview.text() not in ("", "Checking…"), timeout=30_000)
    preview = dialog.preview.text()
    assert preview == "• 1 testimony is left out because its consent does not allow this audience."
    assert preview in all_texts()
    dialog.audience.setCurrentIndex(dialog.audience.findData("internal"))
    qtbot.waitUntil(lambda: dialog.preview.text() == "Nothing will be withheld.", timeout=30_000)
    dialog.audience.setCurrentIndex(dialog.audience.findData("public"))
    qtbot.waitUntil(lambda: dialog.preview.text() == preview, timeout=30_000)

    out = tmp_path / "public.pdf"
    dialog.output.setText(str(out))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=BUILD_TIMEOUT_MS)
    assert out.is_file() and out.read_bytes().startswith(b"%PDF")
    assert (out.stat().st_mode & 0o777) == 0o600
    done = dialog.done_label.text()
    assert done.startswith("The dossier (") and str(out) in done
    assert dialog.show_folder.isVisible()


def test_signing_without_an_identity_says_so(qtbot: Any, unlocked: Controller, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    main, ctx = unlocked.main, unlocked.ctx
    assert main is not None and ctx is not None
    case = ctx.services.records.create("case", {"title": {"en": "Invented case"}})
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: shown.append(text))
    main.act_dossier.trigger()
    dialog = find_window(DossierDialog)
    assert isinstance(dialog, DossierDialog)
    dialog.case_picker.set_value(case.id)
    dialog.sign.setChecked(True)
    assert dialog.visible_signature.isEnabled()
    dialog.output.setText(str(tmp_path / "signed.pdf"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(shown), timeout=BUILD_TIMEOUT_MS)
    assert shown == [str(NoIdentityError())]
    assert not (tmp_path / "signed.pdf").exists() and dialog.export_button.isEnabled()


def test_show_in_folder_opens_the_folder(qtbot: Any, unlocked: Controller, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    main, ctx = unlocked.main, unlocked.ctx
    assert main is not None and ctx is not None
    case = ctx.services.records.create("case", {"title": {"en": "Invented case"}})
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    main.act_dossier.trigger()
    dialog = find_window(DossierDialog)
    assert isinstance(dialog, DossierDialog)
    dialog.scope.setCurrentIndex(dialog.scope.findData("article"))
    assert dialog.chooser.currentWidget() is dialog.article
    assert dialog.article.findData("cat_1") >= 0
    dialog.scope.setCurrentIndex(dialog.scope.findData("case"))
    dialog.case_picker.set_value(case.id)
    dialog.output.setText(str(tmp_path / "article.pdf"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result is not None or bool(dialog.done_label.text()),
                    timeout=BUILD_TIMEOUT_MS)
    assert (tmp_path / "article.pdf").is_file()
    qtbot.mouseClick(dialog.show_folder, Qt.MouseButton.LeftButton)
    assert [url.toLocalFile() for url in opened] == [str(tmp_path)]
