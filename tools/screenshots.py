#!/usr/bin/env python3
"""Render the main screens of the desktop app to PNG, in every interface language.

    python tools/screenshots.py [--out docs/screenshots] [--lang en ru kk] [--vault PATH]

Uses a demo vault of invented data (``hrcase.services.demo``): the one at ``--vault`` if it
exists, else a new one in a temporary folder that is removed afterwards. Runs headless
(``QT_QPA_PLATFORM=offscreen``) unless a display platform is set. Writes
``<out>/<lang>/<screen>.png`` for: welcome, create, unlock (with the wrong-passphrase message),
recovery key, the main window on each list, the person, testimony, allegation and case editors,
and the case timeline. The pseudo-locale ``qps`` is rendered too when hrcase offers it.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from hrcase.gui.app import setup_application  # noqa: E402
from hrcase.gui.controller import Controller  # noqa: E402
from hrcase.gui.dialogs.create import CreateVaultDialog, RecoveryKeyDialog  # noqa: E402
from hrcase.gui.dialogs.unlock import UnlockDialog  # noqa: E402
from hrcase.gui.dialogs.welcome import WelcomeDialog  # noqa: E402
from hrcase.gui.editors.case import CaseEditor  # noqa: E402
from hrcase.gui.first_run import mark_first_run_done  # noqa: E402
from hrcase.gui.jobs import JobRunner  # noqa: E402
from hrcase.gui.language import switch_language  # noqa: E402
from hrcase.gui.main_window import MainWindow  # noqa: E402
from hrcase.i18n import LANGUAGES  # noqa: E402
from hrcase.services.demo import DEMO_PASSPHRASE, create_demo_vault  # noqa: E402
from hrcase.vault import WrongPassphrase, is_vault  # noqa: E402

MAIN_SIZE = (1440, 900)
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


def dialogs(app: QApplication, controller: Controller, vault: Path, out: Path) -> None:
    """The windows shown before a vault is open."""
    welcome = WelcomeDialog(controller.settings)
    save(app, welcome, out / "welcome.png")
    welcome.deleteLater()
    create = CreateVaultDialog(JobRunner())
    create.passphrase.setText("steppe wind granite 1974")
    create.repeat.setText("steppe wind granite 1974")
    save(app, create, out / "create.png")
    create.deleteLater()
    recovery = RecoveryKeyDialog(EXAMPLE_RECOVERY_KEY)
    save(app, recovery, out / "recovery-key.png")
    recovery.deleteLater()
    unlock = UnlockDialog(vault, JobRunner())
    unlock.message.show_error(str(WrongPassphrase()))
    save(app, unlock, out / "unlock.png")
    unlock.deleteLater()


def main_screens(app: QApplication, main: MainWindow, out: Path) -> None:
    """The lists, the editors and the timeline."""
    main.resize(*MAIN_SIZE)
    for kind in ("case", "person", "testimony", "allegation", "event", "attachment"):
        main.show_section(kind)
        main.table.selectRow(0)
        wait(app, lambda: main.editor is not None)
        save(app, main, out / f"list-{kind}.png")
    for kind, name in (("person", "person-editor"), ("testimony", "testimony-editor"),
                       ("allegation", "allegation-editor")):
        main.show_section(kind)
        main.table.selectRow(0)
        wait(app, lambda: main.editor is not None)
        main.splitter.setSizes([150, 330, 960])
        save(app, main, out / f"{name}.png")
        if kind == "allegation":
            main.editor.form_page.parentWidget().parentWidget().verticalScrollBar().setValue(420)
            save(app, main, out / "allegation-editor-2.png")
    main.show_section("case")
    main.table.selectRow(1)
    wait(app, lambda: isinstance(main.editor, CaseEditor))
    main.splitter.setSizes([150, 330, 960])
    main.act_timeline.trigger()
    save(app, main, out / "timeline.png")


def main() -> int:
    """Render every screen in every language."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--lang", nargs="*", default=[*LANGUAGES, "qps"])
    parser.add_argument("--vault", type=Path, default=None)
    args = parser.parse_args()
    languages = [lang for lang in args.lang if lang in LANGUAGES]
    skipped = sorted(set(args.lang) - set(languages))
    if skipped:
        print(f"not offered by hrcase, skipped: {', '.join(skipped)}")

    with tempfile.TemporaryDirectory(prefix="hrcase-shots-") as scratch:
        vault = args.vault or Path(scratch) / "demo.hrcase"
        if not is_vault(vault):
            create_demo_vault(vault)
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                          str(Path(scratch) / "settings"))
        app = QApplication(sys.argv[:1])
        for lang in languages:
            settings = setup_application(app, lang)
            mark_first_run_done(QSettings())
            switch_language(lang)
            out = args.out / lang
            controller = Controller(settings)
            dialogs(app, controller, vault, out)
            controller.start(vault, DEMO_PASSPHRASE)
            wait(app, lambda: controller.main is not None)
            main_screens(app, controller.main, out)
            controller.shutdown()
            settle(app)
        switch_language("en")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
