"""Contacts: colleagues' identity cards, their fingerprints and whether they were verified.

Verifying is an explicit step (:class:`VerifyDialog`): the fingerprint on the card and the one
the colleague reads out (in person, or on a call the user placed) stand side by side, and the
services record the check only when the two are equal. Unverified contacts are marked, and the
export dialog does not offer them as recipients (the services refuse them).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QFileDialog, QGroupBox,
    QHBoxLayout, QHeaderView, QLineEdit, QMessageBox, QPushButton, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget,
)

from hrcase.domain.models import Contact
from hrcase.errors import HrcaseError
from hrcase.gui.context import AppContext
from hrcase.gui.language import Retranslatable
from hrcase.gui.sharing.common import (FingerprintLabel, WrappingCheckBox, add_close_footer,
                                       grouped_fingerprint, problem_label, wrapping_label)
from hrcase.gui.widgets.common import present
from hrcase.i18n import N_, _
from hrcase.services import identities
from hrcase.services.identities import remove_contact
from hrcase.services.identities import NoIdentityError, normalise_fingerprint
from hrcase.services.identity_keys import IdentityCard

ID_ROLE = Qt.ItemDataRole.UserRole


def verified_text(contact: Contact) -> str:
    """How a contact's state reads in lists."""
    return _("Verified") if contact.verified else _("NOT verified")


class VerifyDialog(Retranslatable, QDialog):
    """Compare a contact's card fingerprint with the one they read out, and confirm."""

    def __init__(self, ctx: AppContext, contact: Contact, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.contact = contact
        self.intro = wrapping_label(self)
        self.card_box = QGroupBox(self)
        self.card_fingerprint = FingerprintLabel(self.card_box)
        self.card_fingerprint.set_fingerprint(contact.fingerprint)
        QVBoxLayout(self.card_box).addWidget(self.card_fingerprint)
        self.read_box = QGroupBox(self)
        self.typed = QLineEdit(self.read_box)
        self.typed.setMaxLength(80)
        self.typed_grouped = FingerprintLabel(self.read_box)
        read_layout = QVBoxLayout(self.read_box)
        read_layout.addWidget(self.typed)
        read_layout.addWidget(self.typed_grouped)
        side_by_side = QHBoxLayout()
        side_by_side.addWidget(self.card_box, 1)
        side_by_side.addWidget(self.read_box, 1)
        self.match = wrapping_label(self)
        self.own_heading = wrapping_label(self)
        self.own_fingerprint = FingerprintLabel(self)
        self.own: str | None = None
        try:
            self.own = identities.show_identity(ctx.services).fingerprint
            self.own_fingerprint.set_fingerprint(self.own)
        except NoIdentityError:
            self.own_fingerprint.setVisible(False)
        self.confirm = WrappingCheckBox(self)
        self.problem = problem_label(self)
        self.buttons = QDialogButtonBox(self)
        self.verify_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.verify_button.clicked.connect(self.verify)
        self.cancel_button.clicked.connect(self.reject)
        self.typed.textChanged.connect(self._update)
        self.confirm.toggled.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(side_by_side)
        layout.addWidget(self.match)
        layout.addWidget(self.confirm)
        layout.addWidget(self.own_heading)
        layout.addWidget(self.own_fingerprint)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.resize(760, 420)
        self.retranslate()
        self.typed.setFocus()

    def retranslate(self) -> None:
        """Set every text in the current language."""
        name = self.contact.name
        self.setWindowTitle(_("Verify %(name)s") % {"name": name})
        self.setAccessibleName(self.windowTitle())
        self.intro.setText(_("Ask %(name)s to read their fingerprint to you, in person or on a "
                             "call you placed to a number you already knew. Type what you hear "
                             "and compare it with the card, group by group.") % {"name": name})
        self.card_box.setTitle(_("On the card you received"))
        self.card_fingerprint.setAccessibleName(_("Fingerprint on the card"))
        self.read_box.setTitle(_("What %(name)s reads to you") % {"name": name})
        self.typed.setPlaceholderText(_("Type the fingerprint they read"))
        self.typed.setAccessibleName(_("Fingerprint they read to you"))
        self.typed_grouped.setAccessibleName(_("What you typed, in groups"))
        self.confirm.setText(_("I compared the fingerprint with %(name)s themselves")
                             % {"name": name})
        self.own_heading.setText(_("Your own fingerprint, to read to them in return:")
                                 if self.own else "")
        self.own_fingerprint.setAccessibleName(_("Your fingerprint"))
        self.verify_button.setText(_("&Mark as verified"))
        self.cancel_button.setText(_("Cancel"))
        self._update()

    def matches(self) -> bool:
        """True when what was typed is the card's fingerprint."""
        return normalise_fingerprint(self.typed.text()) == \
            normalise_fingerprint(self.contact.fingerprint)

    def _update(self) -> None:
        typed = normalise_fingerprint(self.typed.text())
        self.typed_grouped.set_fingerprint(typed)
        wanted = normalise_fingerprint(self.contact.fingerprint)
        if not typed:
            self.match.setText(_("Type the fingerprint to compare it."))
        elif self.matches():
            self.match.setText(_("The fingerprints are the same."))
        elif wanted.startswith(typed):
            self.match.setText(_("The same so far: %(done)d of %(total)d characters.")
                               % {"done": len(typed), "total": len(wanted)})
        else:
            self.match.setText(_("The fingerprints DIFFER: do not trust this card, and ask "
                                 "your colleague for it again."))
        self.verify_button.setEnabled(self.matches() and self.confirm.isChecked())

    def verify(self) -> None:
        """Record the check (the services compare the fingerprints once more)."""
        try:
            self.contact = identities.verify_contact(self.ctx.services, self.contact.id,
                                                     self.typed.text())
        except HrcaseError as err:
            self.problem.setText(str(err))
            return
        self.accept()


class ContactsDialog(Retranslatable, QDialog):
    """The list of contacts, with adding a card, verifying and removing."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.contacts: list[Contact] = []
        self.intro = wrapping_label(self)
        self.table = QTableWidget(0, 4, self)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemActivated.connect(lambda _item: self.verify_selected())
        self.add_button = QPushButton(self)
        self.add_button.clicked.connect(self.choose_card)
        self.verify_button = QPushButton(self)
        self.verify_button.clicked.connect(self.verify_selected)
        self.remove_button = QPushButton(self)
        self.remove_button.clicked.connect(self.remove_selected)
        row = QHBoxLayout()
        for button in (self.add_button, self.verify_button, self.remove_button):
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self.problem, self.status, self.close_button = add_close_footer(self, layout)
        self._status: tuple[str, dict[str, str]] | None = None
        self.resize(780, 460)
        self.refresh()
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.setWindowTitle(_("Contacts"))
        self.setAccessibleName(_("Contacts"))
        self.intro.setText(_("Colleagues whose identity cards you added. Bundles can be made "
                             "only for verified contacts: compare the fingerprint with each "
                             "colleague before you trust their card."))
        self.table.setHorizontalHeaderLabels([_("Name"), _("Organisation"), _("Fingerprint"),
                                              _("State")])
        self.table.setAccessibleName(_("Contacts"))
        self.add_button.setText(_("&Add a card…"))
        self.verify_button.setText(_("&Verify fingerprint…"))
        self.remove_button.setText(_("&Remove…"))
        self.close_button.setText(_("Close"))
        for row, contact in enumerate(self.contacts):
            self.table.item(row, 3).setText(verified_text(contact))
        if self._status is not None:
            self.status.setText(_(self._status[0]) % self._status[1])

    def _say(self, message: str, **values: str) -> None:
        """Show a status sentence (kept untranslated so a language switch re-translates it)."""
        self._status = (message, values)
        self.problem.setText("")
        self.status.setText(_(message) % values)

    def refresh(self, select_id: str | None = None) -> None:
        """Read the contacts again."""
        self.contacts = identities.list_contacts(self.ctx.services)
        self.table.setRowCount(len(self.contacts))
        for row, contact in enumerate(self.contacts):
            cells = (contact.name, contact.organisation, grouped_fingerprint(contact.fingerprint),
                     verified_text(contact))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, contact.id)
                if not contact.verified:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.table.setItem(row, column, item)
            if contact.id == select_id:
                self.table.selectRow(row)
        self.table.resizeRowsToContents()
        self._update_buttons()

    def selected(self) -> Contact | None:
        """The selected contact."""
        rows = self.table.selectionModel().selectedRows()
        return self.contacts[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        contact = self.selected()
        self.verify_button.setEnabled(contact is not None and not contact.verified)
        self.remove_button.setEnabled(contact is not None)

    # -- actions -------------------------------------------------------------------------------
    def choose_card(self) -> None:
        """Ask for a card file and add it."""
        path, _filter = QFileDialog.getOpenFileName(self, _("A colleague's identity card"),
                                                    str(Path.home()),
                                                    _("Identity cards (*.card);;All files (*)"))
        if path and self.ctx.active:
            self.add_card(Path(path))

    def add_card(self, path: Path) -> Contact | None:
        """Add the card in ``path``; asks before replacing a namesake whose keys changed."""
        services = self.ctx.services
        try:
            data = identities.read_card_file(path)
            card = IdentityCard.from_bytes(data)
            namesakes = [c for c in self.contacts if c.name.casefold() == card.name.casefold()
                         and c.fingerprint != card.fingerprint]
            replace = False
            if namesakes:
                answer = QMessageBox.warning(
                    self, _("Contacts"),
                    _("You already have a contact named %(name)s with other keys. Replace it "
                      "only if your colleague told you their keys changed; then verify the new "
                      "fingerprint with them. Replace the contact?") % {"name": card.name},
                    QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                    QMessageBox.StandardButton.No)
                if answer != QMessageBox.StandardButton.Yes:
                    return None
                replace = True
            contact, new = identities.add_contact(services, data, replace=replace)
        except HrcaseError as err:
            self.problem.setText(str(err))
            return None
        self.refresh(select_id=contact.id)
        if not new:
            self._say(N_("This card is already a contact: %(name)s."), name=contact.name)
        elif contact.verified:
            self._say(N_("Contact added: %(name)s."), name=contact.name)
        else:
            self._say(N_("Contact added: %(name)s. Not verified yet: compare the fingerprint with "
                      "them, then press \"Verify fingerprint\"."), name=contact.name)
        return contact

    def verify_selected(self) -> VerifyDialog | None:
        """Open the fingerprint check for the selected contact."""
        contact = self.selected()
        if contact is None or contact.verified:
            return None
        dialog = VerifyDialog(self.ctx, contact, self)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.accepted.connect(lambda: self._verified(dialog.contact))
        return present(dialog)

    def _verified(self, contact: Contact) -> None:
        if not self.ctx.active:
            return
        self.refresh(select_id=contact.id)
        self._say(N_("Contact verified: %(name)s."), name=contact.name)

    def remove_selected(self) -> None:
        """Remove the selected contact after asking."""
        contact = self.selected()
        if contact is None:
            return
        answer = QMessageBox.question(
            self, _("Remove a contact"),
            _("Remove %(name)s from your contacts? You will no longer be able to make bundles "
              "for them, and their bundles will come from an unknown signer. Records already "
              "imported stay.") % {"name": contact.name})
        if answer != QMessageBox.StandardButton.Yes or not self.ctx.active:
            return
        try:
            remove_contact(self.ctx.services, contact.id)
        except HrcaseError as err:
            self.problem.setText(str(err))
            return
        self.refresh()
        self._say(N_("Contact removed: %(name)s."), name=contact.name)


def show_contacts_dialog(ctx: AppContext, parent: QWidget | None) -> ContactsDialog:
    """Open the contacts dialog over ``parent``."""
    return present(ContactsDialog(ctx, parent))
