"""The File ▸ Sharing submenu of the main window: identity, contacts, bundles, conflicts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from hrcase.i18n import _

if TYPE_CHECKING:
    from hrcase.gui.main_window import MainWindow


class SharingMenu:
    """The submenu and its actions; ``retranslate()`` is called by the main window's."""

    def __init__(self, main: MainWindow, parent_menu: QMenu) -> None:
        from hrcase.gui.dossier_dialog import current_case_id
        from hrcase.gui.sharing import (show_conflicts_dialog, show_contacts_dialog,
                                        show_export_dialog, show_identity_dialog,
                                        show_import_wizard)

        self.menu = parent_menu.addMenu("")

        def action(slot: object, shortcut: str | None = None) -> QAction:
            act = QAction(main)
            if shortcut:
                act.setShortcut(QKeySequence(shortcut))
            act.triggered.connect(lambda _checked=False: slot())  # type: ignore[operator]
            main.addAction(act)
            self.menu.addAction(act)
            return act

        self.act_identity = action(lambda: show_identity_dialog(main.ctx, main))
        self.act_contacts = action(lambda: show_contacts_dialog(main.ctx, main))
        self.menu.addSeparator()
        self.act_export = action(lambda: show_export_dialog(
            main.ctx, main, [case] if (case := current_case_id(main)) else []), "Ctrl+Shift+E")
        self.act_import = action(lambda: show_import_wizard(main.ctx, main), "Ctrl+Shift+I")
        self.act_conflicts = action(lambda: show_conflicts_dialog(main.ctx, main))

    def retranslate(self) -> None:
        """Set the menu's texts in the current language."""
        self.menu.setTitle(_("S&haring"))
        self.act_identity.setText(_("My &identity…"))
        self.act_contacts.setText(_("&Contacts…"))
        self.act_export.setText(_("&Export bundle…"))
        self.act_import.setText(_("&Import bundle…"))
        self.act_conflicts.setText(_("&Resolve conflicts…"))
