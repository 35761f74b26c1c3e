"""Export a bundle: the cases, the verified contacts it is encrypted for (or a passphrase), the
file; written as a background job with progress and Cancel, then the counts and "Show in folder".

Only verified contacts can be chosen: the services refuse the others, so they are listed but
disabled, with the reason. The bundle service reports its progress at every record and 1 MiB
chunk; Cancel stops it there, and the service then leaves no file and no audit entry. Cancel
pressed after the bundle was complete (while it is synced and audited) cannot undo it: the
dialog then shows the bundle as written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QLineEdit, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget,
)

from hrcase.gui.context import AppContext
from hrcase.gui.jobs import JobContext
from hrcase.gui.language import Retranslatable
from hrcase.gui.sharing.common import (LabelledForm, WrappingCheckBox, kind_title, mib,
                                       problem_label, wrapping_label)
from hrcase.gui.widgets.common import present
from hrcase.gui.widgets.picker import RecordListPicker
from hrcase.i18n import _, ngettext
from hrcase.services import bundles, identities
from hrcase.services.bundles import ExportResult

MIN_PASSPHRASE = 8
ID_ROLE = Qt.ItemDataRole.UserRole
PROGRESS_STEPS = 1000


def job_progress(job: JobContext, text: str) -> bundles.ProgressFn:
    """A bundle service's progress callback for a job: Cancel is checked at every call, the
    bar moves in ``PROGRESS_STEPS`` steps (no flood of signals, no overflow of Qt's int)."""
    last: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        job.check()
        step = (min(done, total) * PROGRESS_STEPS // total, PROGRESS_STEPS) if total else (0, 0)
        if not last or last[0] != step:
            last[:] = [step]
            job.progress(step[0], step[1], text)
    return progress


class ExportBundleDialog(Retranslatable, QDialog):
    """Choose what goes into a bundle and for whom, and write it."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None,
                 case_ids: list[str] | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.result: ExportResult | None = None
        self.job: Any = None
        self.intro = wrapping_label(self)
        self.cases = RecordListPicker(ctx, "case", self)
        self.cases.set_value(case_ids or [])
        self.since_last = WrappingCheckBox(self)
        self.recipients = QListWidget(self)
        self.recipients.setMinimumHeight(80)
        self.contacts = identities.list_contacts(ctx.services)
        for contact in self.contacts:
            item = QListWidgetItem(self.recipients)
            item.setData(ID_ROLE, contact.id)
            if contact.verified:
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
                              | Qt.ItemFlag.ItemIsSelectable)
                item.setCheckState(Qt.CheckState.Unchecked)
            else:
                item.setFlags(Qt.ItemFlag.NoItemFlags)
        self.recipients.itemActivated.connect(self._toggle)
        self.use_passphrase = WrappingCheckBox(self)
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_again = QLineEdit(self)
        self.passphrase_again.setEchoMode(QLineEdit.EchoMode.Password)
        self.use_passphrase.toggled.connect(self._passphrase_toggled)
        self.output = QLineEdit(self)
        self.output.setText(str(Path.home() / "bundle.age"))
        self.browse = QPushButton(self)
        self.browse.clicked.connect(self.choose_output)
        out_row = QHBoxLayout()
        out_row.addWidget(self.output, 1)
        out_row.addWidget(self.browse)
        self.form = LabelledForm()
        for field in (self.cases, self.since_last, self.recipients, self.use_passphrase,
                      self.passphrase, self.passphrase_again):
            self.form.add(field)
        self.form.add(out_row, self.output)
        self.problem = problem_label(self)
        self.done_label = wrapping_label(self, selectable=True)
        self.show_folder = QPushButton(self)
        self.show_folder.setVisible(False)
        self.show_folder.clicked.connect(self.open_folder)
        done_row = QHBoxLayout()
        done_row.addWidget(self.done_label, 1)
        done_row.addWidget(self.show_folder, 0, Qt.AlignmentFlag.AlignTop)
        self.buttons = QDialogButtonBox(self)
        self.export_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.export_button.clicked.connect(self.export)
        self.close_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form, 1)
        layout.addWidget(self.problem)
        layout.addLayout(done_row)
        layout.addWidget(self.buttons)
        self._passphrase_toggled(False)
        self.resize(680, 620)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.setWindowTitle(_("Export a bundle"))
        self.setAccessibleName(_("Export a bundle"))
        self.intro.setText(_("A bundle holds the chosen cases and everything linked to them, "
                             "signed by you and encrypted so that only the chosen colleagues "
                             "can open it. Its size and name remain visible: name it "
                             "neutrally."))
        self.form.set_labels((_("Cases:"), "", _("&For (verified contacts):"), "",
                              _("&Passphrase:"), _("&Repeat:"), _("&Save as:")))
        self.cases.setAccessibleName(_("Cases in the bundle"))
        self.since_last.setText(_("Only what changed since the last bundle to these contacts"))
        self.recipients.setAccessibleName(_("Recipients"))
        for row, contact in enumerate(self.contacts):
            item = self.recipients.item(row)
            if contact.verified:
                item.setText(_("%(name)s (%(organisation)s)")
                             % {"name": contact.name, "organisation": contact.organisation}
                             if contact.organisation else contact.name)
                item.setToolTip("")
            else:
                item.setText(_("%(name)s — not verified: verify the fingerprint in Contacts "
                               "first") % {"name": contact.name})
                item.setToolTip(_("Bundles can be made only for verified contacts."))
        self.use_passphrase.setText(_("Encrypt with a passphrase instead of for contacts"))
        self.passphrase.setAccessibleName(_("Bundle passphrase"))
        self.passphrase_again.setAccessibleName(_("Repeat the bundle passphrase"))
        self.output.setAccessibleName(_("File of the bundle"))
        self.browse.setText(_("Choose…"))
        self.show_folder.setText(_("Show in folder"))
        self.export_button.setText(_("&Export"))
        self.close_button.setText(_("Close"))
        self._render_result()

    # -- the request ---------------------------------------------------------------------------
    def _toggle(self, item: QListWidgetItem) -> None:
        if item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            item.setCheckState(Qt.CheckState.Unchecked if item.checkState() == Qt.CheckState.Checked
                               else Qt.CheckState.Checked)

    def _passphrase_toggled(self, on: bool) -> None:
        self.passphrase.setEnabled(on)
        self.passphrase_again.setEnabled(on)
        self.recipients.setEnabled(not on)

    def chosen_contacts(self) -> list[str]:
        """The ids of the checked recipients."""
        items = (self.recipients.item(row) for row in range(self.recipients.count()))
        return [item.data(ID_ROLE) for item in items
                if item.checkState() == Qt.CheckState.Checked]

    def check_request(self) -> str | None:
        """Why the export cannot start yet, or None."""
        if not self.cases.value() and not self.since_last.isChecked():
            return _("Choose at least one case.")
        if self.use_passphrase.isChecked():
            if len(self.passphrase.text()) < MIN_PASSPHRASE:
                return _("The passphrase is too short: use at least 8 characters, better a few "
                         "words.")
            if self.passphrase.text() != self.passphrase_again.text():
                return _("The two passphrases differ.")
        elif not self.chosen_contacts():
            return _("Choose at least one verified contact, or a passphrase.")
        if not self.output.text().strip():
            return _("Choose the file of the bundle.")
        return None

    def choose_output(self) -> None:
        """Choose the bundle file."""
        start = self.output.text().strip() or str(Path.home() / "bundle.age")
        path, _filter = QFileDialog.getSaveFileName(self, _("Save the bundle as"), start,
                                                    _("Bundles (*.age);;All files (*)"))
        if path and self.ctx.active:
            self.output.setText(path)

    # -- exporting -----------------------------------------------------------------------------
    def export(self) -> None:
        """Write the bundle as a background job (progress and Cancel)."""
        problem = self.check_request()
        self.problem.setText(problem or "")
        if problem:
            return
        services = self.ctx.services
        case_ids = self.cases.value()
        contacts = [] if self.use_passphrase.isChecked() else self.chosen_contacts()
        passphrase = self.passphrase.text() if self.use_passphrase.isChecked() else None
        since_last = self.since_last.isChecked()
        out = Path(self.output.text().strip()).expanduser()
        self.result = None
        self._render_result()
        self.export_button.setEnabled(False)

        written: list[ExportResult] = []

        def work(job: JobContext) -> ExportResult:
            result = bundles.export_bundle(
                services, case_ids, contacts, out, passphrase=passphrase, since_last=since_last,
                progress=job_progress(job, _("Writing the bundle…")))
            written.append(result)
            return result

        self.job = self.ctx.runner.run(self, _("Writing the bundle…"), work, self._exported,
                                       self._failed)
        self.job.cancelled.connect(lambda: self._cancelled(written))

    def _exported(self, result: Any) -> None:
        if not self.ctx.active:
            return
        assert isinstance(result, ExportResult)
        self.result = result
        self.export_button.setEnabled(True)
        self._render_result()

    def _render_result(self) -> None:
        result = self.result
        self.show_folder.setVisible(result is not None)
        if result is None:
            self.done_label.setText("")
            return
        kinds = "; ".join(f"{kind_title(kind)}: {count}"
                          for kind, count in sorted(result.records.items()))
        self.done_label.setText("\n".join((
            _("The bundle was written to %(path)s.") % {"path": str(result.path)},
            ngettext("%(n)d record", "%(n)d records", result.total_records)
            % {"n": result.total_records} + (f" ({kinds})" if kinds else ""),
            ngettext("%(n)d attachment (%(mib)s MiB)", "%(n)d attachments (%(mib)s MiB)",
                     result.attachments) % {"n": result.attachments,
                                            "mib": mib(result.attachment_bytes)},
            _("SHA-256 of the file: %(value)s") % {"value": result.sha256})))

    def _failed(self, message: str) -> None:
        if not self.ctx.active:
            return
        self.export_button.setEnabled(True)
        self.problem.setText(message)

    def _cancelled(self, written: list[ExportResult]) -> None:
        if written:  # Cancel came after the bundle was complete: it was written and audited
            self._exported(written[0])
            return
        if not self.ctx.active:
            return
        self.export_button.setEnabled(True)
        self.problem.setText(_("The export was cancelled; no bundle was written."))

    def open_folder(self) -> None:
        """Show the folder of the written bundle in the file manager."""
        if self.result is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(self.result.path).parent)))


def show_export_dialog(ctx: AppContext, parent: QWidget | None,
                       case_ids: list[str] | None = None) -> ExportBundleDialog:
    """Open the export dialog over ``parent`` (with these cases chosen)."""
    return present(ExportBundleDialog(ctx, parent, case_ids))
