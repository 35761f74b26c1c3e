"""My identity: create it (or import an organisation's PKCS#12 file), see its fingerprint in
groups of four, and export the public identity card for colleagues.

The keys are made and stored by :mod:`hrcase.services.identities`, inside the encrypted vault:
they are protected by the vault's passphrase like every record, and only the card leaves it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog, QFileDialog, QHBoxLayout, QInputDialog, QLineEdit, QMessageBox, QPushButton,
    QStackedWidget, QVBoxLayout, QWidget,
)

from hrcase.errors import HrcaseError
from hrcase.gui.context import AppContext
from hrcase.gui.language import Retranslatable
from hrcase.gui.sharing.common import (FingerprintLabel, LabelledForm, add_close_footer,
                                       wrapping_label)
from hrcase.gui.widgets.common import present
from hrcase.i18n import _
from hrcase.services import identities
from hrcase.services.identities import IdentityInfo, NoIdentityError


class IdentityDialog(Retranslatable, QDialog):
    """The researcher's identity: a form to make one, or its public facts and card export."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.info: IdentityInfo | None = None
        self.replacing = False
        self.card_path: Path | None = None

        self.pages = QStackedWidget(self)
        # -- making an identity
        self.create_page = QWidget(self.pages)
        self.create_intro = wrapping_label(self.create_page)
        self.name = QLineEdit(self.create_page)
        self.name.setText(ctx.services.actor)
        self.organisation = QLineEdit(self.create_page)
        self.email = QLineEdit(self.create_page)
        self.create_form = LabelledForm()
        for widget in (self.name, self.organisation, self.email):
            self.create_form.add(widget)
        self.create_button = QPushButton(self.create_page)
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.create)
        self.p12_button = QPushButton(self.create_page)
        self.p12_button.clicked.connect(self.choose_p12)
        self.cancel_replace = QPushButton(self.create_page)
        self.cancel_replace.clicked.connect(lambda: self._show(replacing=False))
        create_buttons = QHBoxLayout()
        create_buttons.addWidget(self.create_button)
        create_buttons.addWidget(self.p12_button)
        create_buttons.addWidget(self.cancel_replace)
        create_buttons.addStretch(1)
        box = QVBoxLayout(self.create_page)
        box.addWidget(self.create_intro)
        box.addLayout(self.create_form)
        box.addLayout(create_buttons)
        box.addStretch(1)
        # -- the identity
        self.show_page = QWidget(self.pages)
        self.fingerprint_heading = wrapping_label(self.show_page)
        self.fingerprint = FingerprintLabel(self.show_page)
        self.facts = LabelledForm()
        self.fact_values = [wrapping_label(self.show_page, selectable=True) for _i in range(5)]
        for value in self.fact_values:
            self.facts.add(value)
        self.card_hint = wrapping_label(self.show_page)
        self.export_button = QPushButton(self.show_page)
        self.export_button.clicked.connect(self.choose_card_file)
        self.replace_button = QPushButton(self.show_page)
        self.replace_button.clicked.connect(self.start_replacing)
        show_buttons = QHBoxLayout()
        show_buttons.addWidget(self.export_button)
        show_buttons.addWidget(self.replace_button)
        show_buttons.addStretch(1)
        box = QVBoxLayout(self.show_page)
        box.addWidget(self.fingerprint_heading)
        box.addWidget(self.fingerprint)
        box.addLayout(self.facts)
        box.addWidget(self.card_hint)
        box.addLayout(show_buttons)
        box.addStretch(1)
        self.pages.addWidget(self.create_page)
        self.pages.addWidget(self.show_page)

        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        self.problem, self.status, self.close_button = add_close_footer(self, layout)
        self.resize(640, 460)
        self.reload()

    # -- texts ---------------------------------------------------------------------------------
    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.setWindowTitle(_("My identity"))
        self.setAccessibleName(_("My identity"))
        self.create_intro.setText(
            _("You are making a new identity: colleagues must add your new card and verify its "
              "fingerprint again. Your keys stay inside this vault, protected by its "
              "passphrase.") if self.replacing else
            _("Your identity lets colleagues send you encrypted bundles and check that bundles "
              "and dossiers really come from you. Your keys stay inside this vault, protected "
              "by its passphrase; only your public identity card leaves it."))
        self.create_form.set_labels((_("Your &name:"), _("&Organisation:"),
                                     _("E-&mail (optional):")))
        self.name.setAccessibleName(_("Your name"))
        self.organisation.setAccessibleName(_("Organisation"))
        self.email.setAccessibleName(_("E-mail address"))
        self.create_button.setText(_("&Create my identity"))
        self.p12_button.setText(_("&Import an organisation's PKCS#12 file…"))
        self.cancel_replace.setText(_("Keep my current identity"))
        self.fingerprint_heading.setText(
            _("Your fingerprint. Read it to colleagues in person or on a call, so that they can "
              "check the card they received from you:"))
        self.fingerprint.setAccessibleName(_("Your fingerprint"))
        self.facts.set_labels((_("Name:"), _("Organisation:"), _("Made:"), _("Valid until:"),
                               _("Certificate fingerprint (SHA-256):")))
        self.card_hint.setText(_("Your identity card holds nothing secret: send it to colleagues "
                                 "any way you like, then compare the fingerprint with them."))
        self.export_button.setText(_("&Export my identity card…"))
        self.replace_button.setText(_("Make a &new identity…"))
        self.close_button.setText(_("Close"))
        self._render()

    def _render(self) -> None:
        info = self.info
        if info is not None:
            origin = (_("an organisation's certificate (PKCS#12)") if info.origin == "pkcs12"
                      else _("made by hrcase (self-signed)"))
            values = (info.name, info.organisation or "—",
                      f"{info.created_at.date().isoformat()}, {origin}",
                      info.valid_until.date().isoformat(), info.certificate_fingerprint)
            for label, value in zip(self.fact_values, values):
                label.setText(value)
        if self.card_path is not None:
            self.status.setText(_("Your identity card was written to %(path)s.")
                                % {"path": str(self.card_path)})

    # -- state ---------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the active identity (if any) and show the matching page."""
        try:
            self.info = identities.show_identity(self.ctx.services)
        except NoIdentityError:
            self.info = None
        if self.info is not None:
            self.fingerprint.set_fingerprint(self.info.fingerprint)
        self._show(replacing=False)

    def _show(self, *, replacing: bool) -> None:
        self.replacing = replacing
        making = self.info is None or replacing
        self.pages.setCurrentWidget(self.create_page if making else self.show_page)
        self.cancel_replace.setVisible(replacing)
        self.retranslate()
        (self.name if making else self.export_button).setFocus()

    def start_replacing(self) -> None:
        """Show the form again to make a new identity (after a warning)."""
        answer = QMessageBox.question(
            self, _("Make a new identity"),
            _("Colleagues will have to add your new card and verify its fingerprint again. "
              "Bundles sent to your current identity still open. Make a new identity?"))
        if answer == QMessageBox.StandardButton.Yes:
            self._show(replacing=True)

    # -- actions -------------------------------------------------------------------------------
    def create(self) -> None:
        """Make the identity from the form."""
        self._run(lambda: identities.create_identity(
            self.ctx.services, self.name.text(), self.organisation.text().strip() or None,
            self.email.text().strip() or None, replace=self.replacing))

    def choose_p12(self) -> None:
        """Ask for a PKCS#12 file and its password, and import it."""
        path, _filter = QFileDialog.getOpenFileName(
            self, _("An organisation's certificate"), str(Path.home()),
            _("PKCS#12 files (*.p12 *.pfx);;All files (*)"))
        if not path or not self.ctx.active:
            return
        password, ok = QInputDialog.getText(self, _("Password of the PKCS#12 file"),
                                            _("Password of the PKCS#12 file (empty if none):"),
                                            QLineEdit.EchoMode.Password)
        if ok and self.ctx.active:
            self.import_p12(Path(path), password)

    def import_p12(self, path: Path, password: str) -> None:
        """Make the identity from the key and certificate of a PKCS#12 file."""
        def work() -> object:
            try:
                data = path.read_bytes()
            except OSError as exc:
                raise HrcaseError(_("The file could not be read.")) from exc
            return identities.import_pkcs12(self.ctx.services, data,
                                            password.encode("utf-8") if password else None,
                                            replace=self.replacing)
        self._run(work)

    def _run(self, action: Callable[[], object]) -> None:
        self.problem.setText("")
        try:
            action()
        except HrcaseError as err:
            self.problem.setText(str(err))
            return
        self.card_path = None
        self.reload()
        self.status.setText(_("Your identity is ready. Export your card and give it to "
                              "colleagues."))

    def choose_card_file(self) -> None:
        """Ask where to write the identity card, and write it."""
        start = str(Path.home() / "identity.card")
        path, _filter = QFileDialog.getSaveFileName(self, _("Save your identity card as"), start,
                                                    _("Identity cards (*.card);;All files (*)"))
        if path and self.ctx.active:
            self.export_card_to(Path(path))

    def export_card_to(self, path: Path) -> None:
        """Write the public identity card to ``path``."""
        self.problem.setText("")
        try:
            identities.export_card(self.ctx.services, path)
        except HrcaseError as err:
            self.problem.setText(str(err))
            return
        self.card_path = path
        self._render()


def show_identity_dialog(ctx: AppContext, parent: QWidget | None) -> IdentityDialog:
    """Open the identity dialog over ``parent``."""
    return present(IdentityDialog(ctx, parent))
