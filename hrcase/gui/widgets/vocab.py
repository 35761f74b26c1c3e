"""Widgets for controlled vocabularies: a combo box, a checkable (grouped) tree, a yes/no/unknown.

They store codes and show labels in the interface language; a language change relabels them
without losing the selection.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QTreeWidget, QTreeWidgetItem, QWidget

from hrcase.domain.vocab import vocabulary
from hrcase.gui.language import Retranslatable
from hrcase.i18n import _, current_language

CODE_ROLE = Qt.ItemDataRole.UserRole


class VocabCombo(Retranslatable, QComboBox):
    """Choose one code of a vocabulary (optionally none)."""

    changed = Signal()

    def __init__(self, vocab: str, *, allow_empty: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vocab = vocabulary(vocab)
        self._allow_empty = allow_empty
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(12)
        self.activated.connect(lambda _i: self.changed.emit())
        self.currentTextChanged.connect(self.setToolTip)  # the whole label when it is cut
        self.retranslate()

    def retranslate(self) -> None:
        """Relabel the items, keeping the selection."""
        code = self.value()
        self.blockSignals(True)
        self.clear()
        if self._allow_empty:
            self.addItem(_("(not set)"), "")
        for term_code, label in self._vocab.choices(current_language()):
            self.addItem(label, term_code)
        self.set_value(code)
        self.blockSignals(False)

    def value(self) -> str:
        """The chosen code ("" for none)."""
        data = self.currentData()
        return data if isinstance(data, str) else ""

    def set_value(self, code: str | None) -> None:
        """Select ``code`` (the first entry when it is unknown)."""
        index = self.findData(code or "")
        self.setCurrentIndex(index if index >= 0 else 0)

    def error(self) -> str | None:
        """Any value here can be saved."""
        return None


class VocabCheckTree(Retranslatable, QTreeWidget):
    """Tick any number of codes of a vocabulary, grouped by category where it has groups."""

    changed = Signal()

    def __init__(self, vocab: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vocab = vocabulary(vocab)
        self.setHeaderHidden(True)
        self.setRootIsDecorated(any(term.group for term in self._vocab.terms))
        self.setUniformRowHeights(True)
        self._items: dict[str, QTreeWidgetItem] = {}
        self._groups: dict[str, QTreeWidgetItem] = {}
        for group, _label, members in self._vocab.groups(current_language()):
            parent_item: QTreeWidget | QTreeWidgetItem = self
            if group:
                node = QTreeWidgetItem(self)
                node.setFlags(node.flags() | Qt.ItemFlag.ItemIsUserCheckable
                              | Qt.ItemFlag.ItemIsAutoTristate)
                node.setCheckState(0, Qt.CheckState.Unchecked)
                self._groups[group] = node
                parent_item = node
            for code, _term_label in members:
                item = QTreeWidgetItem(parent_item)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(0, Qt.CheckState.Unchecked)
                item.setData(0, CODE_ROLE, code)
                self._items[code] = item
        self.expandAll()
        if not self._groups:  # a short flat list: as tall as its rows, no scrolling
            rows = len(self._items)
            self.setFixedHeight(rows * max(self.sizeHintForRow(0), self.fontMetrics().height() + 4)
                                + 2 * self.frameWidth() + 4)
        self.itemChanged.connect(lambda _item, _col: self.changed.emit())
        self.retranslate()

    def retranslate(self) -> None:
        """Relabel groups and terms."""
        self.blockSignals(True)
        for group, label, members in self._vocab.groups(current_language()):
            if group in self._groups:
                self._groups[group].setText(0, label)
            for code, term_label in members:
                self._items[code].setText(0, term_label)
        self.blockSignals(False)
        self.setAccessibleDescription(self._vocab.title_in(current_language()))

    def value(self) -> list[str]:
        """Ticked codes in vocabulary order."""
        return [code for code, item in self._items.items()
                if item.checkState(0) == Qt.CheckState.Checked]

    def set_value(self, codes: list[str] | None) -> None:
        """Tick exactly ``codes``."""
        wanted = set(codes or ())
        self.blockSignals(True)
        for code, item in self._items.items():
            item.setCheckState(0, Qt.CheckState.Checked if code in wanted else Qt.CheckState.Unchecked)
        self.blockSignals(False)
        self.viewport().update()

    def error(self) -> str | None:
        """Any value here can be saved."""
        return None


class YesNoUnknown(Retranslatable, QComboBox):
    """A yes / no / unknown choice for optional booleans."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for _i in range(3):
            self.addItem("")
        self.activated.connect(lambda _i: self.changed.emit())
        self.retranslate()

    def retranslate(self) -> None:
        """Set the item texts."""
        for index, text in enumerate((_("Unknown"), _("Yes"), _("No"))):
            self.setItemText(index, text)

    def value(self) -> bool | None:
        """True, False or None (unknown)."""
        return {0: None, 1: True, 2: False}[self.currentIndex()]

    def set_value(self, value: bool | None) -> None:
        """Show ``value``."""
        self.setCurrentIndex(0 if value is None else 1 if value else 2)

    def error(self) -> str | None:
        """Any value here can be saved."""
        return None
