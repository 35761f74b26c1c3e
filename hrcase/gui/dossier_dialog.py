"""Export a dossier: scope, language, audience, signing, a preview of what will be withheld, and
the PDF built as a background job with progress and Cancel.

The dialog is a child of the main window, so locking empties and destroys it with the others.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
)

from hrcase.domain.vocab import vocabulary
from hrcase.errors import HrcaseError
from hrcase.gui.context import AppContext
from hrcase.gui.jobs import JobContext
from hrcase.gui.language import LANGUAGE_NAMES, Retranslatable
from hrcase.gui.widgets.common import present
from hrcase.gui.widgets.picker import RecordPicker
from hrcase.i18n import LANGUAGES, N_, _, current_language, ngettext
from hrcase.services.dossier import (
    DossierRequest,
    DossierResult,
    build_dossier,
    preview_withheld,
)

if TYPE_CHECKING:
    from hrcase.gui.main_window import MainWindow

PREVIEW_DELAY_MS = 300
SCOPE_NAMES = (("case", N_("A case")), ("person", N_("A person, across cases")),
               ("article", N_("A Convention article, across cases")))
AUDIENCE_NAMES = (("internal", N_("Internal (everything)")),
                  ("un", N_("UN treaty body or special procedure")),
                  ("public", N_("Public (press, website)")))


def current_case_id(main: MainWindow) -> str | None:
    """The case open in the main window, or the case of the open record."""
    editor = main.editor
    if editor is None or editor.record_id is None:
        return None
    if editor.kind == "case":
        return editor.record_id
    try:
        record = main.ctx.services.records.get(editor.kind, editor.record_id)
    except HrcaseError:
        return None
    return getattr(record, "case_id", None)


class DossierDialog(Retranslatable, QDialog):
    """Choose what goes into a dossier and for whom, preview what is withheld, and export."""

    def __init__(self, ctx: AppContext, main: MainWindow) -> None:
        super().__init__(main)
        self.ctx = ctx
        self._preview_generation = 0
        self.result: DossierResult | None = None

        self.scope = QComboBox(self)
        for code, _name in SCOPE_NAMES:
            self.scope.addItem("", code)
        self.case_picker = RecordPicker(ctx, "case", self, creatable=False)
        self.person_picker = RecordPicker(ctx, "person", self, creatable=False)
        self.article = QComboBox(self)
        self.chooser = QStackedWidget(self)
        for widget in (self.case_picker, self.person_picker, self.article):
            self.chooser.addWidget(widget)
        self.language = QComboBox(self)
        for code in LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[code], code)
        self.language.setCurrentIndex(max(0, self.language.findData(current_language())))
        self.audience = QComboBox(self)
        for code, _name in AUDIENCE_NAMES:
            self.audience.addItem("", code)
        self.sign = QCheckBox(self)
        self.visible_signature = QCheckBox(self)
        self.visible_signature.setEnabled(False)
        self.sign.toggled.connect(self.visible_signature.setEnabled)
        self.preview_heading = QLabel(self)
        self.preview = QLabel(self)
        self.preview.setWordWrap(True)
        self.output = QLineEdit(self)
        self.browse = QPushButton(self)
        self.browse.clicked.connect(self.choose_output)
        out_row = QHBoxLayout()
        out_row.addWidget(self.output, 1)
        out_row.addWidget(self.browse)
        self.done_label = QLabel(self)
        self.done_label.setWordWrap(True)
        self.show_folder = QPushButton(self)
        self.show_folder.setVisible(False)
        self.show_folder.clicked.connect(self.open_folder)
        self.buttons = QDialogButtonBox(self)
        self.export_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        # Not a standard button: Qt would reset its text on a language change.
        self.close_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.export_button.clicked.connect(self.export)
        self.close_button.clicked.connect(self.reject)

        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self._labels: list[QLabel] = []
        for field in (self.scope, self.chooser, self.language, self.audience):
            label = QLabel(self)
            label.setBuddy(field)
            self._labels.append(label)
            self.form.addRow(label, field)
        self.form.addRow(self.sign)
        self.form.addRow(self.visible_signature)
        self._output_label = QLabel(self)
        self._output_label.setBuddy(self.output)
        self._labels.append(self._output_label)
        self.form.addRow(self._output_label, out_row)
        box = QVBoxLayout(self)
        box.addLayout(self.form)
        box.addWidget(self.preview_heading)
        box.addWidget(self.preview)
        box.addStretch(1)
        done_row = QHBoxLayout()
        done_row.addWidget(self.done_label, 1)
        done_row.addWidget(self.show_folder)
        box.addLayout(done_row)
        box.addWidget(self.buttons)

        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self.refresh_preview)
        self.scope.currentIndexChanged.connect(self._scope_changed)
        self.audience.currentIndexChanged.connect(lambda _i: self._preview_timer.start())
        self.article.currentIndexChanged.connect(lambda _i: self._preview_timer.start())
        self.case_picker.changed.connect(self._preview_timer.start)
        self.person_picker.changed.connect(self._preview_timer.start)

        case_id = current_case_id(main)
        if case_id:
            self.case_picker.set_value(case_id)
        self.output.setText(str(Path.home() / "dossier.pdf"))
        self.resize(620, 520)
        self.retranslate()
        self._preview_timer.start()

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.setWindowTitle(_("Export a dossier"))
        for row, (_code, name) in enumerate(SCOPE_NAMES):
            self.scope.setItemText(row, _(name))
        for row, (_code, name) in enumerate(AUDIENCE_NAMES):
            self.audience.setItemText(row, _(name))
        article = self.article.currentData()
        self.article.blockSignals(True)
        self.article.clear()
        for code, label in vocabulary("articles").choices(current_language()):
            self.article.addItem(label, code)
        self.article.setCurrentIndex(max(0, self.article.findData(article)))
        self.article.blockSignals(False)
        labels = (_("&What:"), _("Which:"), _("&Language of the dossier:"), _("A&udience:"),
                  _("&Save as:"))
        for label, text in zip(self._labels, labels):
            label.setText(text)
        self.case_picker.setAccessibleName(_("Case"))
        self.person_picker.setAccessibleName(_("Person"))
        self.article.setAccessibleName(_("Article"))
        self.sign.setText(_("Sign the dossier with my identity"))
        self.visible_signature.setText(_("Show the signature on the first page"))
        self.preview_heading.setText(_("What this audience will not see:"))
        self.output.setAccessibleName(_("File of the dossier"))
        self.browse.setText(_("Choose…"))
        self.show_folder.setText(_("Show in folder"))
        self.export_button.setText(_("&Export"))
        self.close_button.setText(_("Close"))

    # -- the request ---------------------------------------------------------------------------
    def _scope_changed(self, row: int) -> None:
        self.chooser.setCurrentIndex(max(0, row))
        self._preview_timer.start()

    def _ids(self) -> list[str]:
        scope = self.scope.currentData()
        if scope == "case":
            value = self.case_picker.value()
        elif scope == "person":
            value = self.person_picker.value()
        else:
            value = self.article.currentData()
        return [value] if value else []

    def request(self, out: Path | None = None) -> DossierRequest | None:
        """The request the dialog describes, or None while nothing is chosen."""
        ids = self._ids()
        if not ids:
            return None
        sign = self.sign.isChecked()
        return DossierRequest(scope=self.scope.currentData(), ids=ids,
                              lang=self.language.currentData(), audience=self.audience.currentData(),
                              out=out or Path(self.output.text().strip() or "dossier.pdf"),
                              sign=sign, visible_signature=sign and self.visible_signature.isChecked(),
                              author=self.ctx.services.actor)

    def refresh_preview(self) -> None:
        """Ask (in the background) what the chosen audience's rules will leave out."""
        self._preview_generation += 1
        generation = self._preview_generation
        request = self.request(out=Path.home() / "preview.pdf")
        if request is None:
            self.preview.setText(_("Choose what the dossier is about."))
            return
        services = self.ctx.services

        def work(_job: JobContext) -> list[str]:
            return preview_withheld(services, request)

        job = self.ctx.runner.submit(work)
        job.succeeded.connect(lambda lines, g=generation: self._previewed(g, lines))
        job.failed.connect(lambda message, g=generation: self._previewed(g, [message]))
        self.preview.setText(_("Checking…"))
        job.start()

    def _previewed(self, generation: int, lines: list[str]) -> None:
        if generation != self._preview_generation or not self.ctx.active:
            return
        self.preview.setText("\n".join(f"• {line}" for line in lines) if lines
                             else _("Nothing will be withheld."))

    # -- exporting -----------------------------------------------------------------------------
    def choose_output(self) -> None:
        """Choose the PDF file to write."""
        start = self.output.text().strip() or str(Path.home() / "dossier.pdf")
        path, _filter = QFileDialog.getSaveFileName(self, _("Save the dossier as"), start,
                                                    _("PDF documents (*.pdf)"))
        if path and self.ctx.active:
            self.output.setText(path if path.lower().endswith(".pdf") else path + ".pdf")

    def export(self) -> None:
        """Build the dossier as a background job (progress and Cancel)."""
        request = self.request()
        if request is None:
            QMessageBox.warning(self, _("Export a dossier"), _("Choose what the dossier is about."))
            return
        services = self.ctx.services
        self.done_label.setText("")
        self.show_folder.setVisible(False)
        self.export_button.setEnabled(False)

        def work(job: JobContext) -> DossierResult:
            return build_dossier(services, request,
                                 progress=lambda done, total, text: job.progress(done, total, text))

        job = self.ctx.runner.run(self, _("Writing the dossier…"), work, self._exported,
                                  self._failed)
        job.cancelled.connect(lambda: self.export_button.setEnabled(True))

    def _exported(self, result: Any) -> None:
        if not self.ctx.active:
            return
        assert isinstance(result, DossierResult)
        self.result = result
        self.export_button.setEnabled(True)
        if result.signed:
            text = ngettext("The signed dossier (%(pages)d page) was written to %(path)s.",
                            "The signed dossier (%(pages)d pages) was written to %(path)s.",
                            result.pages)
        else:
            text = ngettext("The dossier (%(pages)d page) was written to %(path)s.",
                            "The dossier (%(pages)d pages) was written to %(path)s.",
                            result.pages)
        self.done_label.setText(text % {"pages": result.pages, "path": str(result.path)})
        self.show_folder.setVisible(True)

    def _failed(self, message: str) -> None:
        if not self.ctx.active:
            return
        self.export_button.setEnabled(True)
        QMessageBox.warning(self, _("Export a dossier"), message)

    def open_folder(self) -> None:
        """Show the folder of the written dossier in the file manager."""
        if self.result is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(self.result.path).parent)))


def show_dossier_dialog(ctx: AppContext, main: MainWindow) -> DossierDialog:
    """Open the export dialog over ``main``."""
    return present(DossierDialog(ctx, main))


