"""Resolve conflicts: records changed both here and by a colleague, kept side by side until a
person chooses. The local version ("yours") and the incoming one ("theirs") are compared field
by field, differences marked; "Keep mine" or "Take theirs" asks the services to write the
chosen version as a new revision (:func:`hrcase.services.bundles.resolve_conflict`).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QHBoxLayout, QHeaderView,
    QListWidget, QListWidgetItem, QPushButton, QSplitter, QTableWidget, QTableWidgetItem,
    QVBoxLayout, QWidget,
)

from hrcase.errors import HrcaseError
from hrcase.gui.context import AppContext
from hrcase.gui.editors.specs import FIELDS
from hrcase.gui.language import Retranslatable
from hrcase.gui.sharing.common import (WrappingCheckBox, add_close_footer, kind_title,
                                       timestamp_text, wrapping_label)
from hrcase.gui.widgets.common import present
from hrcase.i18n import N_, _
from hrcase.services import bundles
from hrcase.services.bundles import Conflict
from hrcase.services.records import REFERENCES
from hrcase.services.serialize import to_dict

HIDDEN_FIELDS = ("id", "created_at", "created_by")
TIMESTAMPS = ("created_at", "updated_at")
CONTEXT_FIELDS = ("revision", "updated_at", "updated_by")
"""Shown even when equal: who changed each version, and when."""
_COMMON_LABELS = {"revision": N_("Revision"), "updated_at": N_("Changed at"),
                  "updated_by": N_("Changed by"), "created_at": N_("Created at"),
                  "created_by": N_("Created by"), "deleted": N_("Deleted")}


def field_label(kind: str, name: str) -> str:
    """The translated label of a field, as its editor names it."""
    for field in FIELDS.get(kind, ()):
        if field.name == name:
            return _(field.label)
    if name in _COMMON_LABELS:
        return _(_COMMON_LABELS[name])
    return name.replace("_", " ")


class ConflictsDialog(Retranslatable, QDialog):
    """The list of conflicts and, for the selected one, both versions side by side."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.conflicts: list[Conflict] = []
        self.local: dict[str, Any] | None = None
        self.intro = wrapping_label(self)
        self.list = QListWidget(self)
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.currentRowChanged.connect(lambda _row: self._show_selected())
        self.only_differences = WrappingCheckBox(self)
        self.only_differences.setChecked(True)
        self.only_differences.toggled.connect(lambda _on: self._show_selected())
        self.table = QTableWidget(0, 4, self)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.keep_mine = QPushButton(self)
        self.keep_mine.clicked.connect(lambda: self.resolve("local"))
        self.take_theirs = QPushButton(self)
        self.take_theirs.clicked.connect(lambda: self.resolve("incoming"))
        right = QWidget(self)
        right_box = QVBoxLayout(right)
        right_box.setContentsMargins(0, 0, 0, 0)
        right_box.addWidget(self.only_differences)
        right_box.addWidget(self.table, 1)
        choose = QHBoxLayout()
        choose.addWidget(self.keep_mine)
        choose.addWidget(self.take_theirs)
        choose.addStretch(1)
        right_box.addLayout(choose)
        splitter = QSplitter(self)
        splitter.addWidget(self.list)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([280, 600])
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(splitter, 1)
        self.problem, self.status, self.close_button = add_close_footer(self, layout)
        self._resolved: tuple[str, str] | None = None
        self.resize(900, 520)
        self.refresh()
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.setWindowTitle(_("Resolve conflicts"))
        self.setAccessibleName(_("Resolve conflicts"))
        self.intro.setText(_("These records were changed both in your vault and by a "
                             "colleague. Both versions are kept until you choose one; your "
                             "choice becomes a new version that travels in later bundles."))
        self.list.setAccessibleName(_("Conflicts"))
        self.only_differences.setText(_("Show only the fields that differ"))
        self.table.setAccessibleName(_("Your version and theirs, field by field"))
        self.keep_mine.setText(_("Keep &mine"))
        self.take_theirs.setText(_("Take &theirs"))
        self.close_button.setText(_("Close"))
        for row, conflict in enumerate(self.conflicts):
            self.list.item(row).setText(self._conflict_text(conflict))
        if self._resolved is not None:
            keep, label = self._resolved
            self.status.setText((_("Kept your version of %(record)s.") if keep == "local"
                                 else _("Took their version of %(record)s."))
                                % {"record": label})
        elif not self.conflicts:
            self.status.setText(_("There are no conflicts."))
        self._show_selected()

    def _conflict_text(self, conflict: Conflict) -> str:
        return _("%(kind)s: %(record)s — from %(signer)s, %(date)s") % {
            "kind": kind_title(conflict.kind),
            "record": self.ctx.label(conflict.kind, conflict.record_id),
            "signer": conflict.signer_name, "date": conflict.received_at[:10]}

    def refresh(self) -> None:
        """Read the conflicts again."""
        self.conflicts = bundles.list_conflicts(self.ctx.services)
        self.list.clear()
        for conflict in self.conflicts:
            QListWidgetItem(self._conflict_text(conflict), self.list)
        if self.conflicts:
            self.list.setCurrentRow(0)
        self._show_selected()

    def selected(self) -> Conflict | None:
        """The conflict chosen in the list."""
        row = self.list.currentRow()
        return self.conflicts[row] if 0 <= row < len(self.conflicts) else None

    def _value(self, kind: str, name: str, value: Any) -> str:
        if value is None or value == "" or value == [] or value == {}:
            return "—"
        if name in TIMESTAMPS and isinstance(value, str):
            return timestamp_text(value)
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        target = REFERENCES.get(kind, {}).get(name)
        if target and isinstance(value, str):
            return self.ctx.label(target, value) or value
        if isinstance(value, dict):
            return "\n".join(f"{key}: {text}" for key, text in value.items())
        if isinstance(value, list):
            return ", ".join(str(item) for item in value)
        return str(value)

    def _show_selected(self) -> None:
        conflict = self.selected()
        self.keep_mine.setEnabled(conflict is not None)
        self.take_theirs.setEnabled(conflict is not None)
        self.table.setHorizontalHeaderLabels([
            "", _("Field"), _("Yours (in this vault)"),
            _("Theirs (from %(name)s)") % {"name": conflict.signer_name} if conflict
            else _("Theirs")])
        if conflict is None:
            self.table.setRowCount(0)
            return
        try:
            local = to_dict(self.ctx.services.records.get(conflict.kind, conflict.record_id,
                                                          include_deleted=True))
        except HrcaseError as err:
            self.problem.setText(str(err))
            self.table.setRowCount(0)
            return
        incoming = conflict.incoming
        rows = []
        for name in local:
            if name in HIDDEN_FIELDS:
                continue
            differs = local.get(name) != incoming.get(name)
            if self.only_differences.isChecked() and not differs and name not in CONTEXT_FIELDS:
                continue
            rows.append((name, differs))
        self.table.setRowCount(len(rows))
        for row, (name, differs) in enumerate(rows):
            mark = QTableWidgetItem("≠" if differs else "")
            mark.setToolTip(_("The versions differ here.") if differs else "")
            cells = [mark, QTableWidgetItem(field_label(conflict.kind, name)),
                     QTableWidgetItem(self._value(conflict.kind, name, local.get(name))),
                     QTableWidgetItem(self._value(conflict.kind, name, incoming.get(name)))]
            for column, item in enumerate(cells):
                if differs:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()
        QTimer.singleShot(0, self.table.resizeRowsToContents)  # again once the columns are wide

    def resolve(self, keep: str) -> None:
        """Keep the local (``"local"``) or the incoming (``"incoming"``) version."""
        conflict = self.selected()
        if conflict is None:
            return
        label = self.ctx.label(conflict.kind, conflict.record_id)
        self.problem.setText("")
        try:
            bundles.resolve_conflict(self.ctx.services, conflict.id, keep)
        except HrcaseError as err:
            self.problem.setText(str(err))
            return
        self._resolved = (keep, label)
        self.refresh()
        self.retranslate()


def show_conflicts_dialog(ctx: AppContext, parent: QWidget | None) -> ConflictsDialog:
    """Open the conflict resolver over ``parent``."""
    return present(ConflictsDialog(ctx, parent))
