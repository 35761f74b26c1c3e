"""Secure sharing through the desktop pages, two invented researchers in two vaults: identities,
cards, fingerprint checks, a bundle exported and imported through the wizard (preview, possible
duplicate persons), an unverified signer refused, and a conflict resolved side by side."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget, QWizard

from hrcase.gui.context import AppContext
from hrcase.gui.jobs import Cancelled, Job, JobRunner
from hrcase.gui.lock import ClipboardGuard
from hrcase.gui.sharing import (ConflictsDialog, ContactsDialog, ExportBundleDialog,
                                IdentityDialog, ImportWizard, VerifyDialog)
from hrcase.gui.sharing.common import grouped_fingerprint
from hrcase.gui.sharing.import_wizard import job_services
from hrcase.services import Services, bundles
from hrcase.services import identities as ids
from hrcase.services import identity_keys
from hrcase.services.bundles import ForgedSignerError, UnknownSignerError, UnverifiedSignerError
from hrcase.vault import Vault
from hrcase.vault.keyslots import KdfParams

from ..helpers import add_case, add_person
from .conftest import PASSPHRASE, type_text

pytestmark = pytest.mark.gui

FAST = KdfParams(memory_kib=8192, iterations=1, lanes=1)
JOB_TIMEOUT_MS = 60_000


@dataclass
class Desk:
    """One researcher: a vault, its services and a window context for the dialogs."""

    services: Services
    ctx: AppContext
    parent: QWidget


@pytest.fixture
def desks(qtbot: Any, gui_settings: Any, tmp_path: Path) -> Iterator[tuple[Desk, Desk]]:
    made: list[Desk] = []
    for name, researcher in (("a", "Aigerim Testova"), ("b", "Boris Primerov")):
        vault, _recovery = Vault.create(tmp_path / f"{name}.hrcase", PASSPHRASE, FAST)
        services = Services(vault, researcher)
        runner = JobRunner()
        ctx = AppContext(services, runner, ClipboardGuard(QGuiApplication.clipboard()),
                         open_record=lambda *_a: None, new_record=lambda *_a: None)
        parent = QWidget()
        qtbot.addWidget(parent)
        made.append(Desk(services, ctx, parent))
    yield made[0], made[1]
    for desk in made:
        desk.ctx.runner.abandon_all()
        desk.services.vault.close()


def click(qtbot: Any, widget: QWidget) -> None:
    assert widget.isEnabled(), widget
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def make_identity(qtbot: Any, desk: Desk, organisation: str) -> IdentityDialog:
    dialog = IdentityDialog(desk.ctx, desk.parent)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.pages.currentWidget() is dialog.create_page
    assert dialog.name.text() == desk.services.actor  # the researcher's name to start with
    dialog.organisation.setFocus()
    type_text(dialog.organisation, organisation)
    click(qtbot, dialog.create_button)
    assert dialog.pages.currentWidget() is dialog.show_page, dialog.problem.text()
    return dialog


def introduce(owner: Desk, other: Desk, *, verify: bool) -> None:
    """Without the dialogs: ``owner`` adds (and verifies) ``other``'s card."""
    contact, _new = ids.add_contact(owner.services, ids.identity_card(other.services).to_bytes())
    if verify:
        ids.verify_contact(owner.services, contact.id, contact.fingerprint)


def contact_row(dialog: ContactsDialog, name: str) -> int:
    return next(row for row in range(dialog.table.rowCount())
                if dialog.table.item(row, 0).text() == name)


def verify_through_dialog(qtbot: Any, dialog: ContactsDialog, name: str, read_out: str) -> None:
    """Select the contact, open the check, type what they read, confirm."""
    row = contact_row(dialog, name)
    dialog.table.setFocus()
    dialog.table.selectRow(row)
    click(qtbot, dialog.verify_button)
    check = next(w for w in QApplication.topLevelWidgets()
                 if isinstance(w, VerifyDialog) and w.isVisible())
    assert check.card_fingerprint.text() == grouped_fingerprint(
        dialog.contacts[row].fingerprint)
    assert not check.verify_button.isEnabled()
    check.typed.setFocus()
    type_text(check.typed, read_out[:9])
    assert check.match.text().startswith("The same so far")
    type_text(check.typed, read_out[9:].lower())
    assert check.match.text() == "The fingerprints are the same."
    assert not check.verify_button.isEnabled()  # the explicit confirmation is still missing
    check.confirm.box.setFocus()
    QTest.keyClick(check.confirm.box, Qt.Key.Key_Space)
    click(qtbot, check.verify_button)
    assert not check.isVisible()
    assert dialog.table.item(contact_row(dialog, name), 3).text() == "Verified"


def shared_case(desk: Desk) -> tuple[str, str]:
    services = desk.services
    case = add_case(services, "Invented detention case")
    person = add_person(services, "Холбоев Рустам", birth="1974")
    services.records.create("case_role", {"case_id": case.id, "person_id": person.id,
                                          "role": "victim"})
    return case.id, person.id


def export_through_dialog(qtbot: Any, desk: Desk, case_id: str, recipient: str,
                          out: Path) -> ExportBundleDialog:
    dialog = ExportBundleDialog(desk.ctx, desk.parent, [case_id])
    qtbot.addWidget(dialog)
    dialog.show()
    names = [dialog.recipients.item(i).text() for i in range(dialog.recipients.count())]
    row = next(i for i, text in enumerate(names) if text.startswith(recipient))
    item = dialog.recipients.item(row)
    assert item.flags() & Qt.ItemFlag.ItemIsUserCheckable
    dialog.recipients.setFocus()
    dialog.recipients.setCurrentRow(row)
    QTest.keyClick(dialog.recipients.viewport(), Qt.Key.Key_Space)
    if item.checkState() != Qt.CheckState.Checked:  # some styles toggle on Enter only
        QTest.keyClick(dialog.recipients, Qt.Key.Key_Space)
    assert dialog.chosen_contacts()
    dialog.output.selectAll()
    QTest.keyClicks(dialog.output, str(out))
    click(qtbot, dialog.export_button)
    qtbot.waitUntil(lambda: dialog.result is not None or bool(dialog.problem.text()),
                    timeout=JOB_TIMEOUT_MS)
    assert dialog.result is not None, dialog.problem.text()
    return dialog


def open_wizard(qtbot: Any, desk: Desk, bundle: Path) -> ImportWizard:
    wizard = ImportWizard(desk.ctx, desk.parent)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path.setFocus()
    QTest.keyClicks(wizard.file_page.path, str(bundle))
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    assert wizard.currentPage() is wizard.signer_page
    qtbot.waitUntil(lambda: not wizard.signer_page.busy, timeout=JOB_TIMEOUT_MS)
    return wizard


# -- tests ----------------------------------------------------------------------------------------
def test_identities_cards_and_fingerprint_checks(qtbot: Any, desks: tuple[Desk, Desk],
                                                 tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = desks
    mine = make_identity(qtbot, a, "Invented Rights Bureau")
    fingerprint_a = ids.show_identity(a.services).fingerprint
    assert mine.fingerprint.text() == grouped_fingerprint(fingerprint_a)
    assert mine.fingerprint.text().count("\n") == 1 and len(fingerprint_a.split()) == 8
    assert mine.fact_values[0].text() == "Aigerim Testova"
    theirs = make_identity(qtbot, b, "Another Invented Group")
    fingerprint_b = theirs.fingerprint.fingerprint

    cards = {}
    for key, dialog in (("a", mine), ("b", theirs)):
        cards[key] = tmp_path / f"{key}.card"
        monkeypatch.setattr(QFileDialog, "getSaveFileName",
                            lambda *_a, p=cards[key], **_k: (str(p), ""))
        click(qtbot, dialog.export_button)
        assert cards[key].is_file() and str(cards[key]) in dialog.status.text()

    contacts = ContactsDialog(a.ctx, a.parent)
    qtbot.addWidget(contacts)
    contacts.show()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(cards["b"]), ""))
    click(qtbot, contacts.add_button)
    row = contact_row(contacts, "Boris Primerov")
    assert contacts.table.item(row, 3).text() == "NOT verified"
    assert contacts.table.item(row, 2).text() == grouped_fingerprint(fingerprint_b)
    assert "Not verified yet" in contacts.status.text()
    # What Boris reads out must be what the card says; a wrong reading is flagged.
    contacts.table.selectRow(row)
    click(qtbot, contacts.verify_button)
    check = next(w for w in QApplication.topLevelWidgets()
                 if isinstance(w, VerifyDialog) and w.isVisible())
    type_text(check.typed, fingerprint_a)
    assert check.match.text().startswith("The fingerprints DIFFER")
    assert check.own_fingerprint.text() == grouped_fingerprint(fingerprint_a)
    click(qtbot, check.cancel_button)
    assert not ids.list_contacts(a.services)[0].verified
    verify_through_dialog(qtbot, contacts, "Boris Primerov", fingerprint_b)
    assert ids.list_contacts(a.services)[0].verified
    assert contacts.status.text() == "Contact verified: Boris Primerov."
    # Their own card is refused with the services' sentence.
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(cards["a"]), ""))
    click(qtbot, contacts.add_button)
    assert contacts.problem.text() == "This is your own identity card, not a colleague's."
    # Removing asks first.
    from PySide6.QtWidgets import QMessageBox
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    contacts.table.selectRow(contact_row(contacts, "Boris Primerov"))
    click(qtbot, contacts.remove_button)
    assert contacts.table.rowCount() == 0 and ids.list_contacts(a.services) == []


def test_bundle_exported_and_imported_through_the_pages(qtbot: Any, desks: tuple[Desk, Desk],
                                                        tmp_path: Path) -> None:
    a, b = desks
    for desk, name in ((a, "Aigerim Testova"), (b, "Boris Primerov")):
        ids.create_identity(desk.services, name, "Invented Rights Bureau")
    introduce(a, b, verify=True)
    introduce(b, a, verify=False)
    case_id, person_id = shared_case(a)
    local = add_person(b.services, "Kholboev Rustam", birth="1974-06")
    out = tmp_path / "case.age"
    exported = export_through_dialog(qtbot, a, case_id, "Boris Primerov", out)
    assert out.is_file()
    done = exported.done_label.text()
    assert f"The bundle was written to {out}." in done and "4 records (" in done
    assert exported.show_folder.isVisible()

    # Boris has not verified Aigerim yet: refused, with the sentence on the page.
    wizard = open_wizard(qtbot, b, out)
    page = wizard.signer_page
    assert page.problem.isVisible() and page.problem.text() == str(UnverifiedSignerError())
    assert page.values[0].text() == "Aigerim Testova"
    assert "NOT verified" in page.values[3].text()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    # He checks the fingerprint with her through the contacts page, then checks again.
    contacts = ContactsDialog(b.ctx, b.parent)
    qtbot.addWidget(contacts)
    contacts.show()
    verify_through_dialog(qtbot, contacts, "Aigerim Testova",
                          ids.show_identity(a.services).fingerprint)
    click(qtbot, page.recheck)
    qtbot.waitUntil(lambda: not page.busy and page.check is not None, timeout=JOB_TIMEOUT_MS)
    assert page.values[3].text() == "a verified contact" and page.problem.text() == ""
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))

    preview = wizard.preview_page
    qtbot.waitUntil(lambda: preview.preview is not None or bool(preview.problem.text()),
                    timeout=JOB_TIMEOUT_MS)
    assert preview.preview is not None, preview.problem.text()
    rows = {preview.table.item(r, 0).text(): [preview.table.item(r, c).text() for c in (1, 2, 3, 4)]
            for r in range(preview.table.rowCount())}
    assert rows["Cases"] == ["1", "0", "0", "0"] and rows["Persons"] == ["1", "0", "0", "0"]
    assert preview.summary.text().startswith("New: 4; changed: 0; deleted: 0; in conflict: 0")
    assert preview.duplicates_heading.text() == "1 incoming person may already be in your vault:"
    assert "Холбоев Рустам looks like Kholboev Rustam (born 1974-06)" in \
        preview.duplicates_list.text()
    assert b.services.records.list("case") == []  # nothing applied by the preview
    # Cancel is checked at every record while importing: cancelling rolls everything back.
    stopped = Job(lambda _ctx: None)
    stopped.cancel()
    with pytest.raises(Cancelled):
        bundles.import_bundle(job_services(b.services, stopped.context), out)
    assert b.services.records.list("case") == []
    commit = wizard.button(QWizard.WizardButton.CommitButton)
    assert commit.text() == "&Import"
    click(qtbot, commit)
    summary = wizard.summary_page
    qtbot.waitUntil(lambda: summary.result is not None or bool(summary.problem.text()),
                    timeout=JOB_TIMEOUT_MS)
    assert summary.summary.text().startswith("The bundle was imported. New: 4;")
    assert [c.id for c in b.services.records.list("case")] == [case_id]
    assert {p.id for p in b.services.records.list("person")} == {person_id, local.id}


def test_conflict_resolved_side_by_side(qtbot: Any, desks: tuple[Desk, Desk],
                                        tmp_path: Path) -> None:
    a, b = desks
    for desk, name in ((a, "Aigerim Testova"), (b, "Boris Primerov")):
        ids.create_identity(desk.services, name, "Invented Rights Bureau")
    introduce(a, b, verify=True)
    introduce(b, a, verify=True)
    case_id, _person = shared_case(a)
    first = tmp_path / "first.age"
    bundles.export_bundle(a.services, [case_id], ["Boris Primerov"], first)
    bundles.import_bundle(b.services, first)
    a.services.records.update("case", case_id, {"title": {"en": "Title written by Aigerim"}})
    b.services.records.update("case", case_id, {"title": {"en": "Title written by Boris"}})
    second = tmp_path / "second.age"
    export_through_dialog(qtbot, a, case_id, "Boris Primerov", second)
    wizard = open_wizard(qtbot, b, second)
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    preview = wizard.preview_page
    qtbot.waitUntil(lambda: preview.preview is not None, timeout=JOB_TIMEOUT_MS)
    assert preview.preview.conflicts == {"case": 1}
    click(qtbot, wizard.button(QWizard.WizardButton.CommitButton))
    summary = wizard.summary_page
    qtbot.waitUntil(lambda: summary.result is not None, timeout=JOB_TIMEOUT_MS)
    assert summary.resolve_button.isVisible()
    click(qtbot, summary.resolve_button)
    resolver = next(w for w in QApplication.topLevelWidgets()
                    if isinstance(w, ConflictsDialog) and w.isVisible())
    qtbot.addWidget(resolver)
    assert resolver.list.count() == 1
    assert resolver.list.item(0).text().startswith("Cases: Title written by Boris — from "
                                                   "Aigerim Testova")
    table = resolver.table
    cells = {table.item(r, 1).text(): (table.item(r, 0).text(), table.item(r, 2).text(),
                                       table.item(r, 3).text()) for r in range(table.rowCount())}
    assert cells["Title"] == ("≠", "en: Title written by Boris", "en: Title written by Aigerim")
    assert table.horizontalHeaderItem(3).text() == "Theirs (from Aigerim Testova)"
    click(qtbot, resolver.take_theirs)
    assert resolver.list.count() == 0
    assert resolver.status.text().startswith("Took their version of")
    assert b.services.records.get("case", case_id).title == {"en": "Title written by Aigerim"}
    assert bundles.list_conflicts(b.services) == []


def test_unknown_and_forged_signers_are_refused(qtbot: Any, desks: tuple[Desk, Desk],
                                                tmp_path: Path) -> None:
    a, b = desks
    for desk, name in ((a, "Aigerim Testova"), (b, "Boris Primerov")):
        ids.create_identity(desk.services, name, "Invented Rights Bureau")
    introduce(a, b, verify=True)
    case_id, _person = shared_case(a)
    out = tmp_path / "case.age"
    bundles.export_bundle(a.services, [case_id], ["Boris Primerov"], out)
    wizard = open_wizard(qtbot, b, out)
    page = wizard.signer_page
    assert page.problem.text() == str(UnknownSignerError()) and page.problem.isVisible()
    assert page.values[3].text() == "NOT one of your contacts"
    assert not page.accept_unverified.isVisible()  # no way around it here
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    # Someone else's card with her name, verified by mistake: her real bundle is now "forged".
    impostor = identity_keys.create_identity("Aigerim Testova", "Invented Rights Bureau")
    contact, _new = ids.add_contact(b.services, impostor.card().to_bytes())
    ids.verify_contact(b.services, contact.id, contact.fingerprint)
    click(qtbot, page.recheck)
    qtbot.waitUntil(lambda: not page.busy and page.check is not None, timeout=JOB_TIMEOUT_MS)
    assert page.problem.text() == str(ForgedSignerError())
    assert not page.accept_unverified.isVisible()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert b.services.records.list("case") == []
