"""What every window of an unlocked vault shares: the services, the job runner, navigation.

One :class:`AppContext` exists per unlock. Locking drops it, and with it every reference to the
open vault. Display helpers here turn codes and partial dates into words in the interface
language; they fetch what they need from the services each time and keep no content.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

from hrcase.domain.dates import PartialDate
from hrcase.domain.models import PersonName
from hrcase.domain.vocab import vocabulary
from hrcase.errors import HrcaseError
from hrcase.i18n import _, current_language
from hrcase.i18n.dates import format_partial_date
from hrcase.services.display import localized, record_label

if TYPE_CHECKING:
    from hrcase.gui.jobs import JobRunner
    from hrcase.gui.lock import ClipboardGuard
    from hrcase.services import Services


@dataclass
class AppContext:
    """Shared state of one unlocked session."""

    services: "Services"
    runner: "JobRunner"
    clipboard: "ClipboardGuard"
    open_record: Callable[[str, str], None]
    """Show a record in its own editor window: ``open_record(kind, id)``."""
    new_record: Callable[[str, dict[str, Any]], None]
    """Open an editor for a new record of a kind with some fields filled in."""
    active: bool = True
    """False once the vault locked: code resuming after a modal dialog must stop."""

    def label(self, kind: str, record_id: str | None) -> str:
        """A one-line name of a record, or "" when there is none (or it is gone)."""
        if not record_id:
            return ""
        try:
            record = self.services.records.get(kind, record_id)
        except HrcaseError:
            return _("(deleted record)")
        return record_label(self.services, kind, record)

    def person_names(self, person_ids: Iterable[str | None]) -> dict[str, str]:
        """Primary names of several persons in one query (for lists)."""
        ids = sorted({pid for pid in person_ids if pid})
        if not ids:
            return {}
        names = self.services.records.list("person_name", filters={"person_id": ids}, limit=None)
        best: dict[str, PersonName] = {}
        for name in names:
            assert isinstance(name, PersonName)
            current = best.get(name.person_id)
            if current is None or (name.kind == "primary" and current.kind != "primary"):
                best[name.person_id] = name
        return {pid: name.text for pid, name in best.items()}


def vocab_label(vocab: str, code: str | None) -> str:
    """The label of a vocabulary code in the interface language ("" for none)."""
    return vocabulary(vocab).label(code, current_language()) if code else ""


def vocab_labels(vocab: str, codes: Iterable[str]) -> str:
    """Several labels joined by commas."""
    return ", ".join(vocab_label(vocab, code) for code in codes)


def date_words(edtf: str) -> str:
    """A stored partial date in words in the interface language ("" when unknown)."""
    if not edtf:
        return ""
    try:
        return format_partial_date(PartialDate.parse(edtf), current_language())
    except HrcaseError:
        return edtf


def texts(value: dict[str, str] | None) -> str:
    """A multilingual text in the interface language, the original marked if it is another."""
    return localized(value or {})
