"""An editor for every kind of record, built from field specs (see :mod:`.base`)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from hrcase.gui.context import AppContext
from hrcase.gui.editors.allegation import AllegationEditor
from hrcase.gui.editors.attachment import AttachmentEditor
from hrcase.gui.editors.base import RecordEditor
from hrcase.gui.editors.case import CaseEditor
from hrcase.gui.editors.person import PersonEditor
from hrcase.gui.editors.specs import simple_editor
from hrcase.gui.editors.testimony import TestimonyEditor
from hrcase.gui.editors.translation import TranslationEditor

EDITORS: dict[str, type[RecordEditor]] = {
    "case": CaseEditor,
    "person": PersonEditor,
    "allegation": AllegationEditor,
    "testimony": TestimonyEditor,
    "translation": TranslationEditor,
    "attachment": AttachmentEditor,
    **{kind: simple_editor(kind) for kind in ("organisation", "place", "event", "source",
                                               "intervention", "recommendation")},
}


def make_editor(ctx: AppContext, kind: str, record_id: str | None = None,
                defaults: dict[str, Any] | None = None, parent: QWidget | None = None) -> RecordEditor:
    """The editor of ``kind`` for a stored record or a new one."""
    return EDITORS[kind](ctx, kind, record_id, defaults, parent)
