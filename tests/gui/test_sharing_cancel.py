"""Cancel while a bundle is exported or imported in the desktop app: the progress bar moves with
real values, Cancel stops the job, the dialog says so in one sentence, and nothing is left
behind (no file, no audit entry, no imported record). A 24 MiB attachment of random bytes keeps
the job busy; a progress hook holds it after 2 MiB until Cancel was clicked, so the click
always lands in the middle of the work."""

from __future__ import annotations

import io
import os
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget, QWizard
from sqlalchemy import func
from sqlmodel import select

from hrcase.domain.models import AuditEntry
from hrcase.gui.jobs import JobContext
from hrcase.gui.sharing import export_dialog, import_wizard
from hrcase.services import Services, bundles
from hrcase.services import identities as ids

from .test_sharing_dialogs import (  # noqa: F401 (desks is a fixture)
    JOB_TIMEOUT_MS, Desk, click, desks, introduce, open_wizard, shared_case,
)

pytestmark = pytest.mark.gui

LARGE = 24 * 1024 * 1024
HOLD_AT = 2 * 1024 * 1024  # bytes of content: a few steps of the bar, well before the end
CANCEL_WITHIN_MS = 3000  # "about a second", with room for a loaded 2-core test machine


class HeldProgress:
    """Wraps ``job_progress``: once armed, holds the job at ``HOLD_AT`` bytes until released."""

    def __init__(self, real: Any) -> None:
        self.real = real
        self.armed = False
        self.reached = threading.Event()
        self.release = threading.Event()

    def __call__(self, job: JobContext, text: str) -> bundles.ProgressFn:
        progress = self.real(job, text)

        def held(done: int, total: int) -> None:
            progress(done, total)
            if self.armed and done >= HOLD_AT and not self.reached.is_set():
                self.reached.set()
                self.release.wait(JOB_TIMEOUT_MS / 1000)
        return held


def audit_length(services: Services) -> int:
    with services.vault.reading() as session:
        return session.exec(select(func.count()).select_from(AuditEntry)).one()


def large_case(desk: Desk) -> str:
    case_id, _person = shared_case(desk)
    desk.services.attachments.add(io.BytesIO(os.urandom(LARGE)), filename="video.mp4",
                                  owner_kind="case", owner_id=case_id)
    return case_id


def cancel_running_job(qtbot: Any, owner: QWidget, hold: HeldProgress) -> QProgressDialog:
    """Wait until the job is held mid-way with its bar showing, click Cancel, let it go on."""
    qtbot.waitUntil(hold.reached.is_set, timeout=JOB_TIMEOUT_MS)

    def shown() -> list[QProgressDialog]:
        return [d for d in owner.findChildren(QProgressDialog) if d.isVisible()]

    qtbot.waitUntil(lambda: len(shown()) == 1, timeout=JOB_TIMEOUT_MS)  # after 300 ms
    bar = shown()[0]
    qtbot.waitUntil(lambda: bar.maximum() > 0 and bar.value() > 0, timeout=JOB_TIMEOUT_MS)
    assert bar.value() < bar.maximum()
    cancel = bar.findChild(QPushButton)
    assert cancel is not None and cancel.text() == "Cancel"
    click(qtbot, cancel)
    hold.release.set()
    return bar


def test_cancel_during_export(qtbot: Any, desks: tuple[Desk, Desk], tmp_path: Path,
                              monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = desks
    for desk, name in ((a, "Aigerim Testova"), (b, "Boris Primerov")):
        ids.create_identity(desk.services, name, "Invented Rights Bureau")
    introduce(a, b, verify=True)
    case_id = large_case(a)
    hold = HeldProgress(export_dialog.job_progress)
    hold.armed = True
    monkeypatch.setattr(export_dialog, "job_progress", hold)
    entries = audit_length(a.services)
    out = tmp_path / "large.age"
    dialog = export_dialog.ExportBundleDialog(a.ctx, a.parent, [case_id])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.recipients.setFocus()
    dialog.recipients.setCurrentRow(0)
    dialog.recipients.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.output.selectAll()
    QTest.keyClicks(dialog.output, str(out))
    click(qtbot, dialog.export_button)
    cancel_running_job(qtbot, dialog, hold)
    qtbot.waitUntil(lambda: bool(dialog.problem.text()), timeout=CANCEL_WITHIN_MS)
    assert dialog.problem.text() == "The export was cancelled; no bundle was written."
    assert dialog.result is None and not dialog.show_folder.isVisible()
    assert dialog.export_button.isEnabled()
    assert list(tmp_path.glob("large.age*")) == []  # neither the bundle nor its .partial
    assert audit_length(a.services) == entries
    assert all(c.last_bundle_at is None for c in ids.list_contacts(a.services))


def test_cancel_during_import_after_one_reading(qtbot: Any, desks: tuple[Desk, Desk],
                                                tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = desks
    for desk, name in ((a, "Aigerim Testova"), (b, "Boris Primerov")):
        ids.create_identity(desk.services, name, "Invented Rights Bureau")
    introduce(a, b, verify=True)
    introduce(b, a, verify=True)
    out = tmp_path / "large.age"
    bundles.export_bundle(a.services, [large_case(a)], ["Boris Primerov"], out)
    passes: list[bool] = []
    real_import = bundles.import_bundle

    def counting(*args: Any, **kwargs: Any) -> bundles.ImportPreview:
        passes.append(bool(kwargs.get("dry_run")))
        return real_import(*args, **kwargs)

    monkeypatch.setattr(bundles, "import_bundle", counting)
    monkeypatch.setattr(bundles, "check_bundle", None)  # the wizard no longer checks separately
    hold = HeldProgress(import_wizard.job_progress)
    monkeypatch.setattr(import_wizard, "job_progress", hold)
    entries = audit_length(b.services)

    wizard = open_wizard(qtbot, b, out)
    assert wizard.signer_page.values[3].text() == "a verified contact"
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    preview = wizard.preview_page
    assert preview.preview is not None  # shown at once: the signer step's reading had it
    assert preview.preview.attachments == 1 and passes == [True]
    hold.armed = True
    click(qtbot, wizard.button(QWizard.WizardButton.CommitButton))
    cancel_running_job(qtbot, wizard, hold)
    summary = wizard.summary_page
    qtbot.waitUntil(lambda: bool(summary.problem.text()), timeout=CANCEL_WITHIN_MS)
    assert summary.problem.text() == "Stopped; nothing was imported."
    assert summary.result is None and passes == [True, False]
    assert b.services.records.list("case") == [] and b.services.records.list("attachment") == []
    assert audit_length(b.services) == entries
