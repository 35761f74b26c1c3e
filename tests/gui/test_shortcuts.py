"""Keyboard shortcuts of the main window are unique (Qt ignores an ambiguous one)."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtGui import QAction, QKeySequence

from hrcase.gui.controller import Controller

pytestmark = pytest.mark.gui


def test_no_two_actions_share_a_shortcut(unlocked: Controller) -> None:
    assert unlocked.main is not None
    keys = Counter(action.shortcut().toString(QKeySequence.SequenceFormat.PortableText)
                   for action in unlocked.main.findChildren(QAction)
                   if not action.shortcut().isEmpty())
    assert keys, "the main window has shortcuts"
    assert [key for key, count in keys.items() if count > 1] == []

