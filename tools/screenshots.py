#!/usr/bin/env python3
"""Render every main screen of the desktop app to PNG, in every interface language.

    python tools/screenshots.py [--out docs/screenshots] [--lang en ru kk qps] [--vault PATH]

Uses a demo vault of invented data (``hrcase.services.demo``): the one at ``--vault`` if it
exists, else a new one in a temporary folder that is removed afterwards. Runs headless
(``QT_QPA_PLATFORM=offscreen``) unless a display platform is set. Writes
``<out>/<lang>/<screen>.png`` for: welcome, create, unlock (with the wrong-passphrase message),
recovery key; the main window on each section (``list-<kind>``) and with each editor
(``<kind>-editor``; translations and recommendations in a window of their own), the case
timeline; preferences, search, dossier export, translations (the translator's view), the
getting-started guide, About, records import and export, the sharing windows (identity, contacts,
bundle export and import, conflicts) and "destroy this vault". ``qps`` is the pseudo-locale (longer, bracketed texts: what is
clipped loses its closing ``!!]``).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from hrcase.gui.about import AboutDialog  # noqa: E402
from hrcase.gui.app import setup_application  # noqa: E402
from hrcase.gui.controller import Controller  # noqa: E402
from hrcase.gui.dialogs.create import CreateVaultDialog, RecoveryKeyDialog  # noqa: E402
from hrcase.gui.dialogs.destroy import DestroyVaultDialog  # noqa: E402
from hrcase.gui.dialogs.preferences import PreferencesDialog  # noqa: E402
from hrcase.gui.dialogs.unlock import UnlockDialog  # noqa: E402
from hrcase.gui.dialogs.welcome import WelcomeDialog  # noqa: E402
from hrcase.gui.dossier_dialog import show_dossier_dialog  # noqa: E402
from hrcase.gui.editors.case import CaseEditor  # noqa: E402
from hrcase.gui.first_run import FirstRunGuide, mark_first_run_done  # noqa: E402
from hrcase.gui.jobs import JobRunner  # noqa: E402
from hrcase.gui.kinds import KINDS  # noqa: E402
from hrcase.gui.language import switch_language  # noqa: E402
from hrcase.gui.main_window import MainWindow  # noqa: E402
from hrcase.gui.records_io_dialog import show_export_dialog, show_import_dialog  # noqa: E402
from hrcase.gui.search_dialog import show_search_dialog  # noqa: E402
from hrcase.gui.sharing import (  # noqa: E402
    show_conflicts_dialog, show_contacts_dialog, show_identity_dialog, show_import_wizard,
)
from hrcase.gui.sharing import show_export_dialog as show_export_bundle_dialog  # noqa: E402
from hrcase.gui.translator_view import show_translator_view  # noqa: E402
from hrcase.i18n import LANGUAGES, PSEUDO_LANGUAGE  # noqa: E402
from hrcase.services.demo import DEMO_PASSPHRASE, create_demo_vault  # noqa: E402
from hrcase.vault import WrongPassphrase, is_vault  # noqa: E402

MAIN_SIZE = (1440, 900)
EDITOR_SPLIT = [150, 330, 960]
WINDOW_ONLY_KINDS = ("translation", "recommendation")
"""Kinds with an editor but no section of their own: shown in an editor window."""
SEARCH_QUERY = "interim measures"
EXAMPLE_RECOVERY_KEY = "EXAMP-LEKEY-NOTRE-ALXXX-XXXXX-XXXXX-XXXXX-XXXXX"


def settle(app: QApplication, seconds: float = 0.15) -> None:
    """Let Qt lay out and paint."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def wait(app: QApplication, done: Callable[[], bool], timeout: float = 60) -> None:
    """Process events until ``done()`` (or fail after ``timeout`` seconds)."""
    end = time.monotonic() + timeout
    while not done():
        if time.monotonic() > end:
            raise SystemExit("timed out waiting for the app")
        app.processEvents()
        time.sleep(0.01)


def save(app: QApplication, widget: QWidget, path: Path) -> None:
    """Show, lay out and grab ``widget`` into ``path``."""
    widget.show()
    settle(app)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not widget.grab().save(str(path)):
        raise SystemExit(f"could not write {path}")
    print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


def dispose(widget: QWidget) -> None:
    """Close ``widget`` and have Qt delete it (once)."""
    deletes_itself = widget.testAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    widget.close()
    if not deletes_itself:
        widget.deleteLater()


def dialogs(app: QApplication, controller: Controller, vault: Path, out: Path) -> None:
    """The windows shown before a vault is open."""
    welcome = WelcomeDialog(controller.settings)
    save(app, welcome, out / "welcome.png")
    dispose(welcome)
    create = CreateVaultDialog(JobRunner())
    create.passphrase.setText("steppe wind granite 1974")
    create.repeat.setText("steppe wind granite 1974")
    save(app, create, out / "create.png")
    dispose(create)
    recovery = RecoveryKeyDialog(EXAMPLE_RECOVERY_KEY)
    save(app, recovery, out / "recovery-key.png")
    dispose(recovery)
    unlock = UnlockDialog(vault, JobRunner())
    unlock.message.show_error(str(WrongPassphrase()))
    save(app, unlock, out / "unlock.png")
    dispose(unlock)


def main_screens(app: QApplication, main: MainWindow, out: Path) -> None:
    """The main window on every section and with every editor, and the case timeline."""
    main.resize(*MAIN_SIZE)
    for info in KINDS:
        main.show_section(info.kind)
        main.table.selectRow(0)
        wait(app, lambda: main.editor is not None)
        save(app, main, out / f"list-{info.kind}.png")
        main.splitter.setSizes(EDITOR_SPLIT)
        save(app, main, out / f"{info.kind}-editor.png")
        if info.kind == "allegation":
            main.editor.form_page.parentWidget().parentWidget().verticalScrollBar().setValue(420)
            save(app, main, out / "allegation-editor-2.png")
    for kind in WINDOW_ONLY_KINDS:
        first = main.ctx.services.records.list(kind, limit=1)
        window = main.open_window(kind, first[0].id if first else None)
        window.resize(900, 760)
        save(app, window, out / f"{kind}-editor.png")
        dispose(window)
    main.show_section("case")
    main.table.selectRow(1)
    wait(app, lambda: isinstance(main.editor, CaseEditor))
    main.splitter.setSizes(EDITOR_SPLIT)
    main.act_timeline.trigger()
    save(app, main, out / "timeline.png")


def main_dialogs(app: QApplication, controller: Controller, main: MainWindow, out: Path) -> None:
    """The dialogs opened from the main window's menus."""
    shots: list[tuple[str, Callable[[], QWidget]]] = [
        ("preferences", lambda: PreferencesDialog(controller.settings, main)),
        ("dossier", lambda: show_dossier_dialog(main.ctx, main)),
        ("translations", lambda: show_translator_view(main.ctx, main)),
        ("guide", lambda: FirstRunGuide(main)),
        ("about", lambda: AboutDialog(main)),
        ("import-records", lambda: show_import_dialog(main.ctx, main)),
        ("export-records", lambda: show_export_dialog(main.ctx, main)),
        ("identity", lambda: show_identity_dialog(main.ctx, main)),
        ("contacts", lambda: show_contacts_dialog(main.ctx, main)),
        ("export-bundle", lambda: show_export_bundle_dialog(main.ctx, main)),
        ("import-bundle", lambda: show_import_wizard(main.ctx, main)),
        ("conflicts", lambda: show_conflicts_dialog(main.ctx, main)),
        ("destroy", lambda: DestroyVaultDialog(controller.vault_path, main)),
    ]
    for name, make in shots:
        dialog = make()
        settle(app, 0.5)  # previews and queues load off the GUI thread
        save(app, dialog, out / f"{name}.png")
        dispose(dialog)
    search = show_search_dialog(main.ctx, main)
    search.query.setText(SEARCH_QUERY)
    wait(app, lambda: search.results.topLevelItemCount() > 0)
    save(app, search, out / "search.png")
    dispose(search)


def render_language(app: QApplication, lang: str, vault: Path, out: Path) -> None:
    """Every screen in one language (``qps``: English set-up, then the pseudo-locale)."""
    settings = setup_application(app, lang if lang in LANGUAGES else "en")
    mark_first_run_done(QSettings())
    switch_language(lang)
    controller = Controller(settings)
    dialogs(app, controller, vault, out)
    controller.start(vault, DEMO_PASSPHRASE)
    wait(app, lambda: controller.main is not None)
    main_screens(app, controller.main, out)
    main_dialogs(app, controller, controller.main, out)
    controller.shutdown()
    settle(app)


def render_alone(lang: str, vault: Path, out: Path) -> None:
    """Render one language in this process (settings in a scratch folder)."""
    with tempfile.TemporaryDirectory(prefix="hrcase-shots-") as scratch:
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                          str(Path(scratch) / "settings"))
        app = QApplication(sys.argv[:1])
        render_language(app, lang, vault, out / lang)
        switch_language("en")
        app.shutdown()  # delete the Qt objects now, not during interpreter finalisation


def main() -> int:
    """Render every screen in every language, each language in a process of its own (nothing
    carries over from one to the next)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--lang", nargs="*", default=[*LANGUAGES, PSEUDO_LANGUAGE],
                        choices=[*LANGUAGES, PSEUDO_LANGUAGE])
    parser.add_argument("--vault", type=Path, default=None)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="hrcase-shots-") as scratch:
        vault = args.vault or Path(scratch) / "demo.hrcase"
        if not is_vault(vault):
            create_demo_vault(vault)
        if len(args.lang) == 1:
            render_alone(args.lang[0], vault, args.out)
            return 0
        for lang in args.lang:
            command = [sys.executable, __file__, "--lang", lang, "--out", str(args.out),
                       "--vault", str(vault)]
            if subprocess.run(command, check=False).returncode != 0:
                print(f"rendering {lang} failed", file=sys.stderr)
                return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
