"""Widgets and helpers shared by the sharing pages: fingerprints, messages, file choosers."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (QBoxLayout, QCheckBox, QDialog, QDialogButtonBox, QFormLayout,
                               QHBoxLayout, QLabel, QLayout, QPushButton, QWidget)

from hrcase.gui.kinds import KIND_INFO
from hrcase.i18n import N_, _

FINGERPRINT_GROUPS_PER_LINE = 4
_OTHER_KINDS = {"person_name": N_("Names of persons"), "case_role": N_("Roles in cases"),
                "event_link": N_("Links between events"), "perpetrator": N_("Perpetrators"),
                "translation": N_("Translations"), "source_link": N_("Links to sources"),
                "attachment": N_("Attachments"), "recommendation": N_("Recommendations")}


def grouped_fingerprint(fingerprint: str) -> str:
    """A fingerprint as groups of four, four groups a line (easy to read out and compare)."""
    compact = "".join(fingerprint.split()).upper()
    groups = [compact[i:i + 4] for i in range(0, len(compact), 4)]
    lines = [" ".join(groups[i:i + FINGERPRINT_GROUPS_PER_LINE])
             for i in range(0, len(groups), FINGERPRINT_GROUPS_PER_LINE)]
    return "\n".join(lines)


class FingerprintLabel(QLabel):
    """A fingerprint in large fixed-width letters, selectable with the mouse and the keyboard."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(max(font.pointSizeF(), 9.0) * 1.4)
        font.setWeight(QFont.Weight.DemiBold)
        self.setFont(font)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.fingerprint = ""

    def set_fingerprint(self, fingerprint: str) -> None:
        """Show ``fingerprint`` grouped; screen readers get it group by group."""
        self.fingerprint = fingerprint
        self.setText(grouped_fingerprint(fingerprint))
        self.setAccessibleDescription(", ".join(fingerprint.split()))


def kind_title(kind: str) -> str:
    """The translated plural name of a kind of record."""
    if kind in KIND_INFO:
        return KIND_INFO[kind].title
    return _(_OTHER_KINDS.get(kind, kind))


def wrapping_label(parent: QWidget, *, selectable: bool = False) -> QLabel:
    """A label that wraps long (Russian, Kazakh) sentences instead of clipping them."""
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                      | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    return label


def problem_label(parent: QWidget) -> QLabel:
    """A wrapping label for a refusal or a problem, in the theme's warning colour, announced."""
    label = wrapping_label(parent, selectable=True)
    label.setStyleSheet("color: #b00020; font-weight: 600;")
    return label


def add_close_footer(dialog: QDialog, layout: QBoxLayout) -> tuple[QLabel, QLabel, QPushButton]:
    """Add a problem line, a status line and a Close button at the end of ``layout``.

    Returns (problem, status, close). Close is a plain button with the reject role, not Qt's
    standard one, whose text Qt would reset on a language change.
    """
    problem = problem_label(dialog)
    status = wrapping_label(dialog, selectable=True)
    buttons = QDialogButtonBox(dialog)
    close = buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
    buttons.rejected.connect(dialog.reject)
    for widget in (problem, status, buttons):
        layout.addWidget(widget)
    return problem, status, close


def mib(size: int) -> str:
    """A size in MiB with one decimal (attachments)."""
    return f"{size / 1024 ** 2:.1f}"


class LabelledForm(QFormLayout):
    """A form whose rows each get a label (set later, per language); long rows wrap below it."""

    def __init__(self) -> None:
        super().__init__()
        self.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.labels: list[QLabel] = []

    def add(self, field: QWidget | QLayout, buddy: QWidget | None = None) -> QLabel:
        """A row for ``field``; its label gives the keyboard focus to ``buddy`` (or ``field``)."""
        label = QLabel()
        target = buddy if buddy is not None else field if isinstance(field, QWidget) else None
        if target is not None:
            label.setBuddy(target)
        self.labels.append(label)
        self.addRow(label, field)
        return label

    def set_labels(self, texts: Iterable[str]) -> None:
        """The labels' texts in row order ("" for a row without one)."""
        for label, text in zip(self.labels, texts):
            label.setText(text)
            label.setVisible(bool(text))


class WrappingCheckBox(QWidget):
    """A check box whose sentence wraps (a QCheckBox's own text never does, and long Russian or
    Kazakh sentences would be clipped). Clicking the sentence toggles the box, as usual."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = QCheckBox(self)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setBuddy(self.box)
        self.label.mouseReleaseEvent = lambda _event: self.box.toggle()  # type: ignore[method-assign]
        self.toggled = self.box.toggled
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.box, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.label, 1)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt naming)
        """The sentence beside the box (also its accessible name)."""
        self.label.setText(text)
        self.box.setAccessibleName(text.replace("&", ""))

    def text(self) -> str:
        """The sentence beside the box."""
        return self.label.text()

    def isChecked(self) -> bool:  # noqa: N802 (Qt naming)
        """Whether the box is checked."""
        return self.box.isChecked()

    def setChecked(self, checked: bool) -> None:  # noqa: N802 (Qt naming)
        """Check or clear the box."""
        self.box.setChecked(checked)


def timestamp_text(value: str) -> str:
    """An ISO 8601 timestamp from the services as "YYYY-MM-DD HH:MM" (UTC)."""
    text = value.replace("T", " ")
    return text[:16] + " UTC" if len(text) >= 16 and text[10] == " " else value
