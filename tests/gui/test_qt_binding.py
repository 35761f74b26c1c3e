"""The Qt binding keeps Python's reference counts right (PySide6 6.12.0 did not).

PySide6 6.12.0 lost one reference to ``None`` each time an empty QVariant reached Python (an
item's ``data()`` with no value, an unset setting): after a long session the interpreter aborted
with "none_dealloc: deallocating None". requirements.lock pins a release without the bug; this
test fails on any that has it.
"""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QModelIndex

pytestmark = pytest.mark.gui

CALLS = 2000


def test_empty_values_from_qt_keep_none_alive() -> None:
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        assert QModelIndex().data() is None
    lost = before - sys.getrefcount(None)
    assert lost < CALLS // 10, f"{lost} references to None lost in {CALLS} calls"
