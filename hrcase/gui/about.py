"""The About dialog: hrcase's version and licence, and every bundled component with its licence.

Versions are read at run time with :mod:`importlib.metadata`, so the dialog always names what is
really installed (the frozen application ships the ``.dist-info`` folders for this, see
``packaging/hrcase.spec``; their licence files are the full licence texts). Licences are given as
SPDX identifiers, which are the same in every language. Open it with :func:`show_about_dialog`.
"""

from __future__ import annotations

import platform
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QFont, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hrcase import __version__
from hrcase.gui.language import Retranslatable
from hrcase.i18n import _

LICENCE = "GPL-3.0-or-later"
"""hrcase's own licence (SPDX)."""


@dataclass(frozen=True)
class Component:
    """One bundled component: what it is called, where its version comes from, its licence."""

    name: str
    distributions: tuple[str, ...]
    """Distribution names to read the version from (the first one installed wins)."""
    licence: str
    """SPDX licence expression."""


COMPONENTS: tuple[Component, ...] = (
    Component("Qt / PySide6", ("PySide6-Essentials", "PySide6"), "LGPL-3.0-only"),
    Component("PT Sans (ParaType)", ("fontpkg-pt-sans",), "OFL-1.1"),
    Component("sqlcipher3 (SQLCipher)", ("sqlcipher3",), "Zlib; SQLCipher: BSD-3-Clause"),
    Component("SQLAlchemy", ("SQLAlchemy",), "MIT"),
    Component("SQLModel", ("sqlmodel",), "MIT"),
    Component("Alembic", ("alembic",), "MIT"),
    Component("cryptography", ("cryptography",), "Apache-2.0 OR BSD-3-Clause"),
    Component("age (pyrage, rage)", ("pyrage",), "MIT; rage: MIT OR Apache-2.0"),
    Component("ReportLab", ("reportlab",), "BSD-3-Clause"),
    Component("pyHanko", ("pyHanko",), "MIT"),
    Component("Babel", ("Babel",), "BSD-3-Clause"),
    Component("Pillow", ("Pillow",), "MIT-CMU"),
    Component("Snowball stemmers", ("snowballstemmer",), "BSD-3-Clause"),
)
"""The components named in the dialog, in the order shown (Python itself comes last)."""

ICON_SIZE = 64


def distribution_version(names: tuple[str, ...]) -> str | None:
    """The installed version of the first of ``names`` that is installed, else None."""
    for name in names:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return None


def component_versions() -> list[tuple[str, str | None, str]]:
    """(component, version or None, licence) for every bundled component and Python."""
    rows: list[tuple[str, str | None, str]] = []
    for component in COMPONENTS:
        found = distribution_version(component.distributions)
        if found is not None and component.distributions[0] == "PySide6-Essentials":
            found = f"{found} (Qt {qVersion()})"
        rows.append((component.name, found, component.licence))
    rows.append(("Python", platform.python_version(), "PSF-2.0"))
    return rows


def icon_folder() -> Path:
    """Where the application icons are: inside the frozen application, or in the checkout."""
    bundled = getattr(sys, "_MEIPASS", None)
    if bundled:
        return Path(bundled) / "resources" / "icons"
    return Path(__file__).resolve().parent.parent.parent / "resources" / "icons"


def application_icon_path(size: int = 256) -> Path | None:
    """The PNG of the application icon closest to ``size`` pixels (None when none is there)."""
    folder = icon_folder()
    candidates = sorted(folder.glob("hrcase-*.png"),
                        key=lambda p: abs(int(p.stem.rsplit("-", 1)[1]) - size)
                        if p.stem.rsplit("-", 1)[1].isdigit() else 1 << 30)
    return candidates[0] if candidates else None


class AboutDialog(Retranslatable, QDialog):
    """Version, licence and the bundled components with their versions and licences."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.icon = QLabel(self)
        icon_path = application_icon_path(ICON_SIZE)
        if icon_path is not None:
            pixmap = QPixmap(str(icon_path))
            if not pixmap.isNull():
                self.icon.setPixmap(pixmap.scaled(
                    ICON_SIZE, ICON_SIZE, Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation))
        self.title = QLabel(self)
        self.title.setObjectName("versionLabel")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        title_font = QFont(self.title.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.5)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.tagline = QLabel(self)
        self.tagline.setWordWrap(True)
        self.licence = QLabel(self)
        self.licence.setWordWrap(True)
        self.components_heading = QLabel(self)
        self.components = QTreeWidget(self)
        self.components.setObjectName("componentsTable")
        self.components.setColumnCount(3)
        self.components.setRootIsDecorated(False)
        self.components.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.components.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.components.setUniformRowHeights(True)
        self.components.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.components.header().setStretchLastSection(True)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)

        heading = QVBoxLayout()
        heading.addWidget(self.title)
        heading.addWidget(self.tagline)
        top = QHBoxLayout()
        top.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(heading, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.licence)
        layout.addWidget(self.components_heading)
        layout.addWidget(self.components, 1)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self.resize(620, 560)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.setWindowTitle(_("About hrcase"))
        self.title.setText(_("hrcase %(version)s") % {"version": __version__})
        self.tagline.setText(_("Offline, encrypted case files for human-rights field researchers."))
        self.licence.setText(_(
            "hrcase is free software: you can redistribute it and modify it under the terms of "
            "the GNU General Public License, version 3 or (at your option) any later version "
            "(%(licence)s). It comes with no warranty.") % {"licence": LICENCE})
        self.components_heading.setText(_("Components included in this program:"))
        self.components.setHeaderLabels([_("Component"), _("Version"), _("Licence")])
        self.components.setAccessibleName(_("Components and their licences"))
        self.components.clear()
        for name, version, licence in component_versions():
            item = QTreeWidgetItem([name, version or _("not installed"), licence])
            self.components.addTopLevelItem(item)
        self.note.setText(_(
            "Licences are given as SPDX identifiers. Their full texts come with the program, next "
            "to each component. Press Ctrl+Shift+L at any time to lock at once."))
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        if close is not None:
            close.setText(_("&Close"))


def show_about_dialog(parent: QWidget | None = None) -> None:
    """Show the About dialog and wait until it is closed."""
    dialog = AboutDialog(parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.exec()
