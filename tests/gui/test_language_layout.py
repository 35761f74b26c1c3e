"""Nothing is clipped in the pseudo-locale or in Kazakh (the longest real language).

Every main screen is shown and each visible label, button and tab is compared with the width its
text needs (``QFontMetrics`` through the widget's own size hint): a one-line text that does not
fit is cut off for the user. Word-wrapped labels are left out (they grow in height instead), and
so are texts Qt elides itself (table cells, combo boxes).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QApplication, QCheckBox, QLabel, QPushButton, QRadioButton, QTabBar, QWidget,
)

from hrcase.gui.about import AboutDialog
from hrcase.gui.controller import Controller
from hrcase.gui.dialogs.create import CreateVaultDialog, RecoveryKeyDialog
from hrcase.gui.dialogs.destroy import DestroyVaultDialog
from hrcase.gui.dialogs.preferences import PreferencesDialog
from hrcase.gui.dialogs.unlock import UnlockDialog
from hrcase.gui.dialogs.welcome import WelcomeDialog
from hrcase.gui.dossier_dialog import DossierDialog
from hrcase.gui.editors import EDITORS
from hrcase.gui.first_run import FirstRunGuide
from hrcase.gui.jobs import JobRunner
from hrcase.gui.kinds import KINDS
from hrcase.gui.language import switch_language
from hrcase.gui.main_window import MainWindow
from hrcase.gui.records_io_dialog import ExportRecordsDialog, ImportRecordsDialog
from hrcase.gui.search_dialog import SearchDialog
from hrcase.gui.sharing.conflicts_dialog import ConflictsDialog
from hrcase.gui.sharing.contacts_dialog import ContactsDialog
from hrcase.gui.sharing.export_dialog import ExportBundleDialog
from hrcase.gui.sharing.identity_dialog import IdentityDialog
from hrcase.gui.sharing.import_wizard import ImportWizard
from hrcase.gui.translator_view import TranslatorView

pytestmark = pytest.mark.gui

SLACK_PX = 1
"""Rounding between a size hint and the pixels a widget got."""


def needed_width(widget: QWidget) -> int | None:
    """The width the text of ``widget`` needs on one line; None when it wraps or has none."""
    if isinstance(widget, QLabel):
        if widget.wordWrap() or not widget.text().strip() or widget.pixmap() is not None \
                and not widget.pixmap().isNull():
            return None
        return widget.sizeHint().width()
    if isinstance(widget, (QPushButton, QCheckBox, QRadioButton)) and widget.text().strip():
        return widget.sizeHint().width()
    return None


def clipped(window: QWidget) -> list[str]:
    """The visible texts of ``window`` that do not fit their widget."""
    found = []
    for widget in [window, *window.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        need = needed_width(widget)
        if need is not None and widget.width() + SLACK_PX < need:
            text = widget.text()  # type: ignore[attr-defined]
            found.append(f"{type(widget).__name__} {text!r}: {widget.width()} < {need} px")
        if isinstance(widget, QTabBar) and not widget.usesScrollButtons():
            metrics = QFontMetrics(widget.font())
            for i in range(widget.count()):
                text = widget.tabText(i).replace("&", "")
                if widget.tabRect(i).width() < metrics.horizontalAdvance(text):
                    found.append(f"tab {widget.tabText(i)!r}: {widget.tabRect(i).width()} px")
    return found


def settle(qtbot: Any) -> None:
    """Let pending layout requests run."""
    for _round in range(3):
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        QApplication.processEvents()
    qtbot.wait(20)


@pytest.fixture(params=["qps", "kk"])
def lang(request: pytest.FixtureRequest) -> Iterator[str]:
    """The language under test; English again afterwards."""
    yield request.param
    switch_language("en")


def dialogs(controller: Controller, main: MainWindow,
            vault: Path) -> dict[str, Callable[[], QWidget]]:
    """Every dialog of the app, made fresh."""
    return {
        "welcome": lambda: WelcomeDialog(controller.settings),
        "create": lambda: CreateVaultDialog(JobRunner()),
        "recovery key": lambda: RecoveryKeyDialog("EXAMP-LEKEY-NOTRE-ALXXX-XXXXX-XXXXX"),
        "unlock": lambda: UnlockDialog(vault, JobRunner()),
        "preferences": lambda: PreferencesDialog(controller.settings, main),
        "dossier": lambda: DossierDialog(main.ctx, main),
        "search": lambda: SearchDialog(main.ctx, main),
        "translations": lambda: TranslatorView(main.ctx, main),
        "guide": lambda: FirstRunGuide(main),
        "about": lambda: AboutDialog(main),
        "import records": lambda: ImportRecordsDialog(main.ctx, main),
        "export records": lambda: ExportRecordsDialog(main.ctx, main),
        "identity": lambda: IdentityDialog(main.ctx, main),
        "contacts": lambda: ContactsDialog(main.ctx, main),
        "export bundle": lambda: ExportBundleDialog(main.ctx, main),
        "import bundle": lambda: ImportWizard(main.ctx, main),
        "conflicts": lambda: ConflictsDialog(main.ctx, main),
        "destroy": lambda: DestroyVaultDialog(vault, main),
    }


def test_main_window_and_every_editor_fit(qtbot: Any, unlocked: Controller, lang: str) -> None:
    main = unlocked.main
    assert main is not None
    main.show()
    switch_language(lang)
    problems: list[str] = []
    for info in KINDS:
        main.show_section(info.kind)
        main.new_record()
        settle(qtbot)
        problems += [f"{info.kind}: {p}" for p in clipped(main)]
    for kind in sorted(set(EDITORS) - {info.kind for info in KINDS}):
        window = main.open_window(kind, None)  # deleted when closed
        settle(qtbot)
        problems += [f"{kind} window: {p}" for p in clipped(window)]
        window.close()
    assert not problems, "\n".join(problems)


def test_every_dialog_fits(qtbot: Any, unlocked: Controller, closed_vault: Path,
                           lang: str) -> None:
    main = unlocked.main
    assert main is not None
    switch_language(lang)
    problems: list[str] = []
    for name, make in dialogs(unlocked, main, closed_vault).items():
        dialog = make()
        qtbot.addWidget(dialog)
        dialog.show()
        settle(qtbot)
        problems += [f"{name}: {p}" for p in clipped(dialog)]
        dialog.close()
    assert not problems, "\n".join(problems)


def test_the_check_sees_a_clipped_button(qtbot: Any) -> None:
    button = QPushButton("[!! Ŝàṽé ţĥé ðöšŝîéŕ ~~~~~~~~ !!]")
    qtbot.addWidget(button)
    button.setFixedWidth(40)
    button.show()
    settle(qtbot)
    assert clipped(button)
    button.setFixedWidth(button.sizeHint().width())
    settle(qtbot)
    assert clipped(button) == []
