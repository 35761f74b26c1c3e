"""Import records from a file and export them to one, as background jobs with progress and Cancel.

Import reads a JSON export of hrcase or a persons CSV (``hrcase.services.records_io``): every
problem is listed by its line or record and nothing is imported while there is one. Cancel stops
the import inside its one transaction (a change hook checks the cancel flag), so a cancelled
import leaves the vault as it was.

Export writes every record (JSON, lossless, with attachment contents) or one kind (CSV). DESIGN
lets records leave the machine only as a signed dossier or an encrypted bundle, and the format
section asks for JSON and CSV exchange: like ``export-records`` on the command line, the dialog
therefore offers these exports only after the user has confirmed that the file is plaintext
(the export button stays disabled until then) and points to bundles for sharing. The file is
created 0600; a cancelled or failed export removes it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout,
    QLabel, QLineEdit, QListWidget, QPushButton, QVBoxLayout, QWidget,
)
from sqlmodel import Session

from hrcase.domain.base import Entity
from hrcase.errors import HrcaseError
from hrcase.gui.context import AppContext
from hrcase.gui.jobs import JobContext
from hrcase.gui.kinds import KINDS
from hrcase.gui.language import Retranslatable
from hrcase.gui.widgets.common import MessageLabel, present
from hrcase.gui.widgets.picker import RecordPicker
from hrcase.gui.widgets.vocab import VocabCombo
from hrcase.i18n import _, ngettext
from hrcase.services import Services
from hrcase.services.records_io import (
    ImportRefused, ImportResult, export_csv, export_json, import_json, import_persons_csv,
    read_file,
)

if TYPE_CHECKING:
    from hrcase.gui.main_window import MainWindow

PROGRESS_EVERY_RECORDS = 200
PROGRESS_EVERY_CHARS = 1 << 20


# -- the work (on the thread pool) -------------------------------------------------------------
def import_file(services: Services, path: Path, job: JobContext, *, dry_run: bool = False,
                case_id: str | None = None, role: str = "victim") -> ImportResult | ImportRefused:
    """Import ``path`` (.json or .csv); a refused file is returned, not raised, so that the
    dialog can list every problem."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".json"):
        raise HrcaseError(_("Import takes a .json or a .csv file."))
    data = read_file(path)
    count = [0]

    def progress(_session: Session, _kind: str, _record: Entity) -> None:
        count[0] += 1
        if count[0] % PROGRESS_EVERY_RECORDS == 0:
            job.progress(count[0], 0, ngettext("%(n)d record imported…", "%(n)d records imported…",
                                               count[0]) % {"n": count[0]})
        job.check()

    hooks = [*services.hooks, progress]
    job.check()
    try:
        if suffix == ".json":
            return import_json(services.vault, data, services.actor, hooks, dry_run)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise ImportRefused([_("The file is not UTF-8 text.")]) from None
        return import_persons_csv(services.vault, text, services.actor, hooks, dry_run,
                                  case_id, role)
    except ImportRefused as refused:
        return refused


class _ProgressOut:
    """A text stream that reports how much was written (and stops when cancelled)."""

    def __init__(self, out: TextIO, job: JobContext) -> None:
        self._out = out
        self._job = job
        self._chars = self._reported = 0

    def write(self, text: str) -> int:
        self._job.check()
        self._out.write(text)
        self._chars += len(text)
        if self._chars - self._reported >= PROGRESS_EVERY_CHARS:
            self._reported = self._chars
            self._job.progress(0, 0, _("%(size)d MB written…") % {"size": self._chars >> 20})
        return len(text)


def export_file(services: Services, path: Path, fmt: str, kind: str, job: JobContext) -> int:
    """Write the export to ``path`` (created 0600, removed again on failure or Cancel);
    returns the number of records written."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    except OSError as exc:
        raise HrcaseError(_("The file could not be written.")) from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            out: Any = _ProgressOut(handle, job)
            if fmt == "json":
                return export_json(services.vault, out, services.actor)
            return export_csv(services.vault, out, services.actor, kind)
    except BaseException:
        path.unlink(missing_ok=True)
        raise


# -- dialogs -----------------------------------------------------------------------------------
def _path_row(parent: QWidget, choose: Any) -> tuple[QLineEdit, QPushButton, QHBoxLayout]:
    edit = QLineEdit(parent)
    button = QPushButton(parent)
    button.clicked.connect(choose)
    row = QHBoxLayout()
    row.addWidget(edit, 1)
    row.addWidget(button)
    return edit, button, row


def _set_labels(form: QFormLayout, labels: tuple[str, ...]) -> None:
    for row, text in enumerate(labels):
        item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        if item is not None and isinstance(item.widget(), QLabel):
            item.widget().setText(text)


class ImportRecordsDialog(Retranslatable, QDialog):
    """Choose a file (and, for persons from a CSV, their case and role) and import it."""

    def __init__(self, ctx: AppContext, main: MainWindow) -> None:
        super().__init__(main)
        self.ctx = ctx
        self._main = main
        self.imported: ImportResult | None = None
        self.file, self.browse, file_row = _path_row(self, self.choose_file)
        self.case_picker = RecordPicker(ctx, "case", self, creatable=False)
        self.role = VocabCombo("roles", parent=self)
        self.dry_run = QCheckBox(self)
        self.summary = MessageLabel(self)
        self.problems = QListWidget(self)
        self.problems.setVisible(False)
        self.buttons = QDialogButtonBox(self)
        self.import_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.import_button.clicked.connect(self.start_import)
        self.close_button.clicked.connect(self.reject)
        self.file.textChanged.connect(self._file_changed)
        self.form = QFormLayout()
        self.form.addRow("", file_row)
        self.form.addRow("", self.case_picker)
        self.form.addRow("", self.role)
        self.form.addRow("", self.dry_run)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        box = QVBoxLayout(self)
        box.addWidget(self.note)
        box.addLayout(self.form)
        box.addWidget(self.summary)
        box.addWidget(self.problems, 1)
        box.addWidget(self.buttons)
        self.resize(640, 420)
        self.retranslate()
        self._file_changed()

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.setWindowTitle(_("Import records"))
        self.note.setText(_("A JSON export of hrcase, or a list of persons as CSV (header: "
                            "name, birth_year, nationality, …). Nothing is imported while the "
                            "file has a problem."))
        _set_labels(self.form, (_("File:"), _("CSV: link the persons to the case:"),
                                _("CSV: their role in the case:"), ""))
        self.file.setAccessibleName(_("File to import"))
        self.browse.setText(_("Choose…"))
        self.case_picker.setAccessibleName(_("Case"))
        self.role.setAccessibleName(_("Role in the case"))
        self.dry_run.setText(_("Only check the file and count (import nothing)"))
        self.problems.setAccessibleName(_("Problems found in the file"))
        self.import_button.setText(_("&Import"))
        self.close_button.setText(_("Close"))

    def _file_changed(self) -> None:
        csv = self.file.text().strip().lower().endswith(".csv")
        self.case_picker.setEnabled(csv)
        self.role.setEnabled(csv)

    def choose_file(self) -> None:
        """Choose the file to import."""
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Import records"), str(Path.home()),
            _("Records (*.json *.csv);;JSON export (*.json);;Persons as CSV (*.csv)"))
        if path and self.ctx.active:
            self.file.setText(path)

    def start_import(self) -> None:
        """Import the chosen file as a background job (progress and Cancel)."""
        text = self.file.text().strip()
        if not text:
            self.summary.show_error(_("Choose the file to import."))
            return
        path = Path(text)
        services = self.ctx.services
        dry_run = self.dry_run.isChecked()
        case_id = self.case_picker.value() if self.case_picker.isEnabled() else None
        role = self.role.value() or "victim"
        self.summary.clear_message()
        self.problems.clear()
        self.problems.setVisible(False)
        self.import_button.setEnabled(False)
        job = self.ctx.runner.run(
            self, _("Importing records…"),
            lambda job: import_file(services, path, job, dry_run=dry_run, case_id=case_id,
                                    role=role),
            lambda outcome: self._imported(outcome, dry_run), self._failed)
        job.cancelled.connect(self._cancelled)

    def _imported(self, outcome: Any, dry_run: bool) -> None:
        if not self.ctx.active:
            return
        self.import_button.setEnabled(True)
        if isinstance(outcome, ImportRefused):
            self.summary.show_error(str(outcome))
            self.problems.addItems(outcome.problems)
            self.problems.setVisible(True)
            return
        assert isinstance(outcome, ImportResult)
        self.imported = outcome
        message = (_("Dry run: %(created)d records would be created, %(updated)d updated.")
                   if dry_run else _("%(created)d records created, %(updated)d updated."))
        self.summary.show_info(message % {"created": outcome.total_created,
                                          "updated": outcome.total_updated})
        if not dry_run and self._main.model is not None:
            self._main.model.reload()

    def _failed(self, message: str) -> None:
        if self.ctx.active:
            self.import_button.setEnabled(True)
            self.summary.show_error(message)

    def _cancelled(self) -> None:
        if self.ctx.active:
            self.import_button.setEnabled(True)
            self.summary.show_info(_("The import was cancelled; nothing was imported."))


class ExportRecordsDialog(Retranslatable, QDialog):
    """Export every record (JSON) or one kind (CSV), once the user accepted a plaintext file."""

    FORMATS = ("json", "csv")

    def __init__(self, ctx: AppContext, main: MainWindow) -> None:
        super().__init__(main)
        self.ctx = ctx
        self.written: int | None = None
        self.format = QComboBox(self)
        for code in self.FORMATS:
            self.format.addItem("", code)
        self.kind = QComboBox(self)
        for info in KINDS:
            self.kind.addItem("", info.kind)
        self.file, self.browse, file_row = _path_row(self, self.choose_file)
        self.warning = MessageLabel(self)
        self.understood = QCheckBox(self)
        self.understood.toggled.connect(self._update_button)
        self.summary = MessageLabel(self)
        self.buttons = QDialogButtonBox(self)
        self.export_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.export_button.clicked.connect(self.start_export)
        self.close_button.clicked.connect(self.reject)
        self.format.currentIndexChanged.connect(self._format_changed)
        self.form = QFormLayout()
        self.form.addRow("", self.format)
        self.form.addRow("", self.kind)
        self.form.addRow("", file_row)
        box = QVBoxLayout(self)
        box.addLayout(self.form)
        box.addWidget(self.warning)
        box.addWidget(self.understood)
        box.addStretch(1)
        box.addWidget(self.summary)
        box.addWidget(self.buttons)
        self.resize(620, 360)
        self.retranslate()
        self._format_changed()

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.setWindowTitle(_("Export records"))
        self.format.setItemText(0, _("Every record, lossless (JSON, with attachments)"))
        self.format.setItemText(1, _("One kind of record, for spreadsheets (CSV)"))
        for row, info in enumerate(KINDS):
            self.kind.setItemText(row, info.title)
        _set_labels(self.form, (_("What:"), _("Kind of record:"), _("Save as:")))
        self.format.setAccessibleName(_("Export format"))
        self.kind.setAccessibleName(_("Kind of record"))
        self.file.setAccessibleName(_("File to write"))
        self.browse.setText(_("Choose…"))
        self.warning.show_error(_(
            "The exported file is NOT encrypted: anyone who gets hold of it can read every record "
            "in it. Save it only on an encrypted disk and delete it when you are done. To share "
            "records with a colleague, use an encrypted bundle instead."))
        self.understood.setText(_("I understand that this file will not be encrypted"))
        self.export_button.setText(_("&Export"))
        self.close_button.setText(_("Close"))

    def _format_changed(self) -> None:
        fmt = self.format.currentData()
        self.kind.setEnabled(fmt == "csv")
        current = self.file.text().strip()
        if not current or Path(current).suffix.lower() in (".json", ".csv"):
            stem = Path(current).stem if current else "records"
            folder = Path(current).parent if current else Path.home()
            self.file.setText(str(folder / f"{stem}.{fmt}"))
        self._update_button()

    def _update_button(self) -> None:
        self.export_button.setEnabled(self.understood.isChecked())

    def choose_file(self) -> None:
        """Choose the file to write."""
        fmt = self.format.currentData()
        pattern = _("JSON files (*.json)") if fmt == "json" else _("CSV files (*.csv)")
        path, _filter = QFileDialog.getSaveFileName(self, _("Export records"),
                                                    self.file.text().strip(), pattern)
        if path and self.ctx.active:
            self.file.setText(path if path.lower().endswith("." + fmt) else f"{path}.{fmt}")

    def start_export(self) -> None:
        """Write the export as a background job (progress and Cancel)."""
        text = self.file.text().strip()
        if not self.understood.isChecked() or not text:
            return
        path, fmt, kind = Path(text), self.format.currentData(), self.kind.currentData()
        services = self.ctx.services
        self.summary.clear_message()
        self.export_button.setEnabled(False)
        job = self.ctx.runner.run(self, _("Exporting records…"),
                                  lambda job: export_file(services, path, fmt, kind, job),
                                  lambda count: self._exported(count, path), self._failed)
        job.cancelled.connect(self._cancelled)

    def _exported(self, count: Any, path: Path) -> None:
        if not self.ctx.active:
            return
        self.written = int(count)
        self._update_button()
        self.summary.show_info(ngettext("%(n)d record was exported to %(path)s (not encrypted).",
                                        "%(n)d records were exported to %(path)s (not encrypted).",
                                        self.written) % {"n": self.written, "path": str(path)})

    def _failed(self, message: str) -> None:
        if self.ctx.active:
            self._update_button()
            self.summary.show_error(message)

    def _cancelled(self) -> None:
        if self.ctx.active:
            self._update_button()
            self.summary.show_info(_("The export was cancelled; no file was left behind."))


def show_import_dialog(ctx: AppContext, main: MainWindow) -> ImportRecordsDialog:
    """Open the import dialog over ``main``."""
    return present(ImportRecordsDialog(ctx, main))


def show_export_dialog(ctx: AppContext, main: MainWindow) -> ExportRecordsDialog:
    """Open the export dialog over ``main``."""
    return present(ExportRecordsDialog(ctx, main))
