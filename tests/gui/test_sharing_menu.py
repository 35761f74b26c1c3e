"""The File ▸ Sharing menu of the main window, and the sharing pages under a language switch:
every text is set again, nothing is left unmarked, every control has an accessible name."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QApplication, QHeaderView,
                               QLineEdit, QWidget)

from hrcase.gui.controller import Controller
from hrcase.gui.language import switch_language
from hrcase.gui.sharing import (ConflictsDialog, ContactsDialog, ExportBundleDialog,
                                IdentityDialog, ImportWizard)
from hrcase.i18n import PSEUDO_LANGUAGE

from .conftest import widget_texts

pytestmark = pytest.mark.gui

DIALOGS = (IdentityDialog, ContactsDialog, ExportBundleDialog, ImportWizard, ConflictsDialog)


def open_dialogs() -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, DIALOGS) and w.isVisible()]


def test_sharing_menu_opens_every_page_and_follows_the_language(qtbot: Any,
                                                                 unlocked: Controller) -> None:
    main = unlocked.main
    assert main is not None
    sharing = main.sharing
    assert sharing.menu.menuAction() in main.file_menu.actions()
    assert [a.text() for a in sharing.menu.actions() if not a.isSeparator()] == [
        "My &identity…", "&Contacts…", "&Export bundle…", "&Import bundle…",
        "&Resolve conflicts…"]
    assert sharing.act_export.shortcut().toString() == "Ctrl+Shift+E"
    assert sharing.act_import.shortcut().toString() == "Ctrl+Shift+I"
    for action in (sharing.act_identity, sharing.act_contacts, sharing.act_export,
                   sharing.act_import, sharing.act_conflicts):
        action.trigger()
    dialogs = open_dialogs()
    assert sorted(type(d).__name__ for d in dialogs) == sorted(d.__name__ for d in DIALOGS)
    titles = {type(d).__name__: d.windowTitle() for d in dialogs}
    assert titles["IdentityDialog"] == "My identity"
    for dialog in dialogs:
        for widget in dialog.findChildren(QWidget):
            if widget.isVisibleTo(dialog) and isinstance(widget, (QLineEdit, QAbstractItemView)) \
                    and not isinstance(widget, QHeaderView):
                assert widget.accessibleName(), (type(dialog).__name__, widget)
            if widget.isVisibleTo(dialog) and isinstance(widget, QAbstractButton):
                assert widget.text() or widget.accessibleName(), (type(dialog).__name__, widget)

    switch_language(PSEUDO_LANGUAGE)
    try:
        assert sharing.menu.title().startswith("[!!")
        for dialog in dialogs:
            assert dialog.windowTitle().startswith("[!!"), type(dialog).__name__
            for widget in dialog.findChildren(QWidget):
                if not widget.isVisibleTo(dialog) or isinstance(widget, QLineEdit):
                    continue
                for text in widget_texts(widget):
                    if any(ch.isalpha() and ch.isascii() for ch in text) and \
                            widget.accessibleName() not in ("Your name",):
                        assert "[!!" in text or "~~~" in text, (type(dialog).__name__, text)
    finally:
        switch_language("en")
    assert sharing.act_contacts.text() == "&Contacts…"
    assert all(not d.windowTitle().startswith("[!!") for d in dialogs)
