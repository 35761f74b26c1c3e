"""Secure sharing in the desktop app: my identity, contacts and their fingerprints, exporting
and importing bundles, and resolving conflicts. Thin pages over :mod:`hrcase.services.identities`
and :mod:`hrcase.services.bundles`; every dialog is a child of the main window, so locking
closes it with the others.
"""

from hrcase.gui.sharing.conflicts_dialog import ConflictsDialog, show_conflicts_dialog
from hrcase.gui.sharing.contacts_dialog import ContactsDialog, VerifyDialog, show_contacts_dialog
from hrcase.gui.sharing.export_dialog import ExportBundleDialog, show_export_dialog
from hrcase.gui.sharing.identity_dialog import IdentityDialog, show_identity_dialog
from hrcase.gui.sharing.import_wizard import ImportWizard, show_import_wizard

__all__ = ["ConflictsDialog", "ContactsDialog", "ExportBundleDialog", "IdentityDialog",
           "ImportWizard", "VerifyDialog", "show_conflicts_dialog", "show_contacts_dialog",
           "show_export_dialog", "show_identity_dialog", "show_import_wizard"]
