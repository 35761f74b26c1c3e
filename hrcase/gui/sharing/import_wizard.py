"""Import a bundle, step by step: the file; who signed it (refused when the signer is forged or
unknown, or unverified unless explicitly accepted); a preview of what would be added, changed,
deleted and put in conflict per kind, with a warning for incoming persons who look like persons
already in the vault; then the import as a background job with Cancel; and a summary.

The bundle is read twice. The signer step runs a dry-run ``import_bundle``: a refused signer
stops it after the manifest, before any part is decrypted, and the refusal names the signer;
a trusted signer's pass goes on and yields the preview as well (an
:class:`IncomingPersonsHook` notes the incoming persons for the duplicate check), which the
preview step then shows without reading the bundle again. Only when an unverified signer is
accepted explicitly does the preview step make that dry run itself. The import is the second
pass, one transaction; the verified data is not kept in between (never on disk, and a large
bundle's plaintext not in memory either). Every pass shows its real progress and stops within a
chunk of 1 MiB or a record when Cancel is pressed; a cancelled import is rolled back until it
commits.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog, QHBoxLayout, QHeaderView, QLineEdit,
    QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget, QWizard, QWizardPage,
)

from hrcase.gui.context import AppContext
from hrcase.gui.jobs import JobContext
from hrcase.gui.language import Retranslatable
from hrcase.gui.sharing.common import (FingerprintLabel, LabelledForm, WrappingCheckBox, kind_title,
                                       mib, problem_label, timestamp_text, wrapping_label)
from hrcase.gui.sharing.export_dialog import job_progress
from hrcase.gui.widgets.common import present
from hrcase.i18n import _, ngettext
from hrcase.services import Services, bundles
from hrcase.services.bundles import (ImportPreview, SignerInfo, SignerRefused,
                                     UnverifiedSignerError)
from hrcase.services.duplicates import (DuplicateCandidate, IncomingPersonsHook,
                                        find_incoming_duplicates)

ACTIONS = ("new", "changed", "deleted", "conflicts")


def job_services(services: Services, job: JobContext, *hooks: Any) -> Services:
    """The vault's services with extra change hooks: Cancel is checked at every record."""
    def cancel_point(_session: Any, _kind: str, _record: Any) -> None:
        job.check()
    return Services(services.vault, services.actor, hooks=[*hooks, cancel_point])


@dataclass
class Reading:
    """One dry-run pass over a bundle: who signed it and, unless refused, what it would change."""

    signer: SignerInfo
    created_at: str
    refusal: SignerRefused | None = None
    preview: ImportPreview | None = None
    duplicates: dict[str, list[DuplicateCandidate]] = field(default_factory=dict)
    incoming_names: dict[str, str] = field(default_factory=dict)


def read_bundle(services: Services, job: JobContext, path: Path, passphrase: str | None,
                accept_unverified: bool) -> Reading:
    """Dry-run the import (progress and Cancel), then look for incoming duplicate persons."""
    hook = IncomingPersonsHook()
    try:
        preview = bundles.import_bundle(job_services(services, job, hook), path,
                                        passphrase=passphrase,
                                        accept_unverified=accept_unverified, dry_run=True,
                                        progress=job_progress(job, _("Reading the bundle…")))
    except SignerRefused as refusal:
        if refusal.signer is None:
            raise
        return Reading(refusal.signer, refusal.created_at, refusal=refusal)
    new_persons = [c.id for c in preview.changes if c.kind == "person" and c.action == "new"]
    persons = hook.persons(new_persons)
    job.progress(0, 0, _("Looking for persons you may already have…"))
    found = find_incoming_duplicates(services, persons)
    return Reading(preview.signer, preview.created_at, preview=preview, duplicates=found,
                   incoming_names={p.person_id: p.names[0] for p in persons})


class _Page(Retranslatable, QWizardPage):
    """A wizard page with a busy state, a problem line, and the wizard's context."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.w = wizard
        self.problem = problem_label(self)
        self.busy = False

    def run(self, title: str, fn: Callable[[JobContext], Any], done: Callable[[Any], None]) -> None:
        """Run ``fn`` as a job with the progress dialog; ``done`` gets its result, also when
        Cancel came too late to stop it."""
        self.busy = True
        self.problem.setText("")
        self.completeChanged.emit()
        finished: list[Any] = []

        def work(job: JobContext) -> Any:
            result = fn(job)
            finished.append(result)
            return result

        def succeeded(result: Any) -> None:
            self.busy = False
            if self.w.ctx.active:
                done(result)
                self.completeChanged.emit()

        def failed(message: str) -> None:
            self.busy = False
            if self.w.ctx.active:
                self.problem.setText(message)
                self.completeChanged.emit()

        def cancelled() -> None:
            if finished:
                succeeded(finished[0])
                return
            self.busy = False
            if self.w.ctx.active:
                self.problem.setText(_("Stopped; nothing was imported."))
                self.completeChanged.emit()

        job = self.w.ctx.runner.run(self.w, title, work, succeeded, failed)
        job.cancelled.connect(cancelled)


class FilePage(_Page):
    """Step 1: the bundle file, and a passphrase for bundles made with one."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.intro = wrapping_label(self)
        self.path = QLineEdit(self)
        self.path.textChanged.connect(lambda _t: self.completeChanged.emit())
        self.browse = QPushButton(self)
        self.browse.clicked.connect(self.choose)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.form = LabelledForm()
        self.form.add(row, self.path)
        self.form.add(self.passphrase)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.setTitle(_("Choose the bundle"))
        self.intro.setText(_("Choose a bundle a colleague sent you. Nothing is imported before "
                             "you have seen who signed it and what it would change."))
        self.form.set_labels((_("&Bundle file:"),
                              _("&Passphrase (only for bundles made with one):")))
        self.path.setAccessibleName(_("Bundle file"))
        self.browse.setText(_("Choose…"))
        self.passphrase.setAccessibleName(_("Bundle passphrase"))

    def choose(self) -> None:
        """Choose the bundle file."""
        path, _filter = QFileDialog.getOpenFileName(self, _("Import a bundle"), str(Path.home()),
                                                    _("Bundles (*.age);;All files (*)"))
        if path and self.w.ctx.active:
            self.path.setText(path)

    def isComplete(self) -> bool:  # noqa: N802 (Qt naming)
        """A file must be named."""
        return bool(self.path.text().strip())

    def validatePage(self) -> bool:  # noqa: N802 (Qt naming)
        """Refuse a file that is not there."""
        if not Path(self.path.text().strip()).expanduser().is_file():
            self.problem.setText(_("The file could not be read."))
            return False
        self.problem.setText("")
        return True


class SignerPage(_Page):
    """Step 2: who signed the bundle, and whether this vault trusts them."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.check: Reading | None = None
        self.refusal: str | None = None
        self.heading = wrapping_label(self)
        self.form = LabelledForm()
        self.values = [wrapping_label(self, selectable=True) for _i in range(4)]
        for value in self.values:
            self.form.add(value)
        self.fingerprint = FingerprintLabel(self)
        self.accept_unverified = WrappingCheckBox(self)
        self.accept_unverified.setVisible(False)
        self.accept_unverified.toggled.connect(lambda _on: self.completeChanged.emit())
        self.recheck = QPushButton(self)
        self.recheck.clicked.connect(lambda _checked=False: self.initializePage())
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(self.form)
        layout.addWidget(self.fingerprint)
        layout.addWidget(self.problem)
        layout.addWidget(self.accept_unverified)
        layout.addWidget(self.recheck, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.setTitle(_("Who signed the bundle"))
        self.form.set_labels((_("Signed by:"), _("Organisation:"), _("Signed on:"),
                              _("In your vault:")))
        self.fingerprint.setAccessibleName(_("Fingerprint of the signer"))
        self.accept_unverified.setText(_("I know where this file came from: import it although "
                                         "the signer is not verified"))
        self.recheck.setText(_("Check &again"))
        self._render()

    def initializePage(self) -> None:  # noqa: N802 (Qt naming)
        """Read the bundle in the background: its signer and, when trusted, the preview."""
        self.check, self.refusal = None, None
        self.accept_unverified.setChecked(False)
        self._render()
        services, path, passphrase = self.w.ctx.services, self.w.path(), self.w.passphrase()
        self.run(_("Checking the bundle…"),
                 lambda job: read_bundle(services, job, path, passphrase, False), self._checked)

    def _checked(self, reading: Reading) -> None:
        self.check = reading
        self.refusal = str(reading.refusal) if reading.refusal is not None else None
        self._render()

    def _render(self) -> None:
        check = self.check
        signer = check.signer if check is not None else None
        self.heading.setText(_("Checking who signed the bundle, and that every byte is "
                               "intact…") if check is None else _("The bundle was checked."))
        state = ""
        if signer is not None:
            state = (_("yourself") if signer.own else
                     _("a verified contact") if signer.verified else
                     _("a contact whose fingerprint you have NOT verified") if signer.known else
                     _("NOT one of your contacts"))
        values = (signer.name if signer else "", signer.organisation if signer else "",
                  timestamp_text(check.created_at) if check else "", state)
        for label, value in zip(self.values, values):
            label.setText(value)
        self.fingerprint.set_fingerprint(signer.fingerprint or signer.certificate_fingerprint
                                         if signer else "")
        if self.refusal is not None:
            self.problem.setText(self.refusal)
        unverified_contact = (signer is not None and signer.known and not signer.verified
                              and check is not None
                              and isinstance(check.refusal, UnverifiedSignerError))
        self.accept_unverified.setVisible(unverified_contact)
        self.recheck.setVisible(check is not None and self.refusal is not None)

    def accepted_unverified(self) -> bool:
        """True when the user explicitly accepted an unverified contact as signer."""
        return self.accept_unverified.isVisible() and self.accept_unverified.isChecked()

    def isComplete(self) -> bool:  # noqa: N802 (Qt naming)
        """Go on only with a trusted (or explicitly accepted) signer of a sound bundle."""
        return (not self.busy and self.check is not None
                and (self.refusal is None or self.accepted_unverified()))


class PreviewPage(_Page):
    """Step 3: what the import would change, per kind, and possible duplicate persons."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.preview: ImportPreview | None = None
        self.duplicates: dict[str, list[DuplicateCandidate]] = {}
        self.incoming_names: dict[str, str] = {}
        self.summary = wrapping_label(self)
        self.table = QTableWidget(0, 5, self)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.duplicates_heading = problem_label(self)
        self.duplicates_list = wrapping_label(self, selectable=True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.duplicates_heading)
        layout.addWidget(self.duplicates_list)
        layout.addWidget(self.problem)
        self.setCommitPage(True)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.setTitle(_("What the import would change"))
        self.setButtonText(QWizard.WizardButton.CommitButton, _("&Import"))
        self.table.setHorizontalHeaderLabels([_("Kind of record"), _("New"), _("Changed"),
                                              _("Deleted"), _("In conflict")])
        self.table.setAccessibleName(_("Changes per kind of record"))
        self._render()

    def initializePage(self) -> None:  # noqa: N802 (Qt naming)
        """Show the preview the signer step read, or (signer accepted unverified) read it now."""
        self.preview = None
        self.duplicates = {}
        self._render()
        reading = self.w.signer_page.check
        if reading is not None and reading.preview is not None:
            self._previewed(reading)
            return
        services, path = self.w.ctx.services, self.w.path()
        passphrase, accept = self.w.passphrase(), self.w.signer_page.accepted_unverified()
        self.run(_("Reading the bundle…"),
                 lambda job: read_bundle(services, job, path, passphrase, accept), self._previewed)

    def _previewed(self, reading: Reading) -> None:
        if reading.refusal is not None:
            self.problem.setText(str(reading.refusal))
            return
        self.preview, self.duplicates = reading.preview, reading.duplicates
        self.incoming_names = reading.incoming_names
        self._render()

    def _render(self) -> None:
        preview = self.preview
        if preview is None:
            self.summary.setText(_("Reading the bundle…"))
            self.table.setRowCount(0)
            self.duplicates_heading.setText("")
            self.duplicates_list.setText("")
            return
        kinds = sorted({kind for action in ACTIONS for kind in getattr(preview, action)},
                       key=kind_title)
        self.table.setRowCount(len(kinds))
        for row, kind in enumerate(kinds):
            cells = [kind_title(kind)] + [str(getattr(preview, action).get(kind, 0))
                                          for action in ACTIONS]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        sentences = [_(
            "New: %(new)d; changed: %(changed)d; deleted: %(deleted)d; in conflict: "
            "%(conflicts)d; unchanged: %(unchanged)d. Attachments to store: %(attachments)d "
            "(%(mib)s MiB).") % {"new": preview.count("new"), "changed": preview.count("changed"),
                                 "deleted": preview.count("deleted"),
                                 "conflicts": preview.count("conflicts"),
                                 "unchanged": preview.unchanged,
                                 "attachments": preview.attachments,
                                 "mib": mib(preview.attachment_bytes)}]
        if preview.count("conflicts"):
            sentences.append(_(
                "Records changed on both sides keep both versions; you choose afterwards in "
                "\"Resolve conflicts\"."))
        self.summary.setText("\n".join(sentences))
        self.duplicates_heading.setText(ngettext(
            "%(n)d incoming person may already be in your vault:",
            "%(n)d incoming persons may already be in your vault:", len(self.duplicates))
            % {"n": len(self.duplicates)} if self.duplicates else "")
        lines = []
        for person_id, candidates in self.duplicates.items():
            others = ", ".join(_("%(name)s (born %(birth)s)") % {"name": c.label,
                                                                 "birth": c.birth}
                               if c.birth else c.label for c in candidates)
            lines.append(_("• %(incoming)s looks like %(existing)s")
                         % {"incoming": self.incoming_names.get(person_id, "?"),
                            "existing": others})
        if lines:
            lines.append(_("The import adds them as new persons; if they are the same people, "
                           "merge them afterwards (\"hrcase merge-persons\")."))
        self.duplicates_list.setText("\n".join(lines))

    def isComplete(self) -> bool:  # noqa: N802 (Qt naming)
        """Go on once the preview is there."""
        return not self.busy and self.preview is not None


class SummaryPage(_Page):
    """Step 4: the import itself (background, Cancel), and what it did."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.result: ImportPreview | None = None
        self.summary = wrapping_label(self, selectable=True)
        self.resolve_button = QPushButton(self)
        self.resolve_button.setVisible(False)
        self.resolve_button.clicked.connect(self.w.open_resolver)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.problem)
        layout.addWidget(self.resolve_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.setTitle(_("Import"))
        self.resolve_button.setText(_("&Resolve conflicts…"))
        self._render()

    def initializePage(self) -> None:  # noqa: N802 (Qt naming)
        """Apply the bundle in the background."""
        self.result = None
        self._render()
        services, path = self.w.ctx.services, self.w.path()
        passphrase, accept = self.w.passphrase(), self.w.signer_page.accepted_unverified()
        shown = self.w.preview_page.preview
        confirm = bundles.matches_preview(shown) if shown is not None else None

        def work(job: JobContext) -> ImportPreview:
            return bundles.import_bundle(job_services(services, job), path,
                                         passphrase=passphrase, accept_unverified=accept,
                                         confirm=confirm,
                                         progress=job_progress(job, _("Importing the bundle…")))

        self.run(_("Importing the bundle…"), work, self._imported)

    def _imported(self, preview: ImportPreview) -> None:
        self.result = preview
        self._render()

    def _render(self) -> None:
        preview = self.result
        if preview is None:
            self.summary.setText("" if self.problem.text() else _("Importing the bundle…"))
            self.resolve_button.setVisible(False)
            return
        self.summary.setText(_(
            "The bundle was imported. New: %(new)d; changed: %(changed)d; deleted: %(deleted)d; "
            "in conflict: %(conflicts)d; unchanged: %(unchanged)d.")
            % {"new": preview.count("new"), "changed": preview.count("changed"),
               "deleted": preview.count("deleted"), "conflicts": preview.count("conflicts"),
               "unchanged": preview.unchanged})
        self.resolve_button.setVisible(preview.count("conflicts") > 0)

    def isComplete(self) -> bool:  # noqa: N802 (Qt naming)
        """Finish once the import ended (done, refused or cancelled)."""
        return not self.busy


class ImportWizard(Retranslatable, QWizard):
    """The four steps of importing a bundle."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.file_page = FilePage(self)
        self.signer_page = SignerPage(self)
        self.preview_page = PreviewPage(self)
        self.summary_page = SummaryPage(self)
        for page in (self.file_page, self.signer_page, self.preview_page, self.summary_page):
            self.addPage(page)
        self.resize(720, 560)
        self.retranslate()

    def retranslate(self) -> None:
        """Set the wizard's own texts in the current language."""
        self.setWindowTitle(_("Import a bundle"))
        self.setAccessibleName(_("Import a bundle"))
        self.setButtonText(QWizard.WizardButton.NextButton, _("&Next >"))
        self.setButtonText(QWizard.WizardButton.BackButton, _("< &Back"))
        self.setButtonText(QWizard.WizardButton.CancelButton, _("Cancel"))
        self.setButtonText(QWizard.WizardButton.FinishButton, _("&Finish"))

    def path(self) -> Path:
        """The chosen bundle file."""
        return Path(self.file_page.path.text().strip()).expanduser()

    def passphrase(self) -> str | None:
        """The bundle passphrase, if one was typed."""
        return self.file_page.passphrase.text() or None

    def open_resolver(self) -> None:
        """Open the conflict resolver over the main window."""
        from hrcase.gui.sharing.conflicts_dialog import show_conflicts_dialog

        show_conflicts_dialog(self.ctx, self.parentWidget())


def show_import_wizard(ctx: AppContext, parent: QWidget | None) -> ImportWizard:
    """Open the import wizard over ``parent``."""
    return present(ImportWizard(ctx, parent))
