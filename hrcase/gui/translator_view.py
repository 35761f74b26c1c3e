"""The translator's desk: testimonies that need a translation into one language, and the original
and its translation side by side.

A testimony is in the queue when its translation into the chosen language is missing, a draft,
reviewed but not approved, or stale (translated from an older revision of the testimony). Saving
records the testimony's current revision, so the translation is no longer stale. A translation is
reviewed by someone other than its translator, then approved.

The window is a child of the main window, so locking empties and destroys it with the others.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from babel.lists import format_list
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from hrcase.domain.models import Testimony, Translation
from hrcase.errors import HrcaseError
from hrcase.gui.context import AppContext
from hrcase.gui.language import LANGUAGE_NAMES, Retranslatable
from hrcase.i18n import LANGUAGES, N_, _, current_language, ngettext

if TYPE_CHECKING:
    from hrcase.gui.main_window import MainWindow

STATUSES = ("missing", "stale", "draft", "reviewed")
STATUS_NAMES = {"missing": N_("not translated"), "stale": N_("out of date"),
                "draft": N_("draft"), "reviewed": N_("reviewed, not approved")}


def paragraphs(text: str) -> list[str]:
    """The paragraphs of a text: pieces between blank lines, trimmed, empty ones dropped."""
    out: list[str] = []
    current: list[str] = []
    for line in text.splitlines():
        if line.strip():
            current.append(line.rstrip())
        elif current:
            out.append("\n".join(current))
            current = []
    if current:
        out.append("\n".join(current))
    return out


@dataclass(frozen=True)
class QueueEntry:
    """One testimony waiting for work on its translation."""

    testimony: Testimony
    translation: Translation | None
    status: str


def translation_queue(ctx: AppContext, language: str) -> list[QueueEntry]:
    """Testimonies whose translation into ``language`` is missing, stale, draft or reviewed."""
    records = ctx.services.records
    found: dict[str, Translation] = {}
    for record in records.list("translation", filters={"target_kind": "testimony",
                                                       "language": language, "field": "text"},
                               limit=None):
        assert isinstance(record, Translation)
        found.setdefault(record.target_id, record)
    queue: list[QueueEntry] = []
    for record in records.list("testimony", limit=None):
        assert isinstance(record, Testimony)
        if record.language == language or not record.text.strip():
            continue
        translation = found.get(record.id)
        if translation is None:
            status = "missing"
        elif translation.source_revision < record.revision:
            status = "stale"
        elif translation.status in ("draft", "reviewed"):
            status = translation.status
        else:
            continue
        queue.append(QueueEntry(record, translation, status))
    return queue


class TranslatorView(Retranslatable, QDialog):
    """The queue of testimonies to translate, and an original/translation editor."""

    def __init__(self, ctx: AppContext, main: MainWindow) -> None:
        super().__init__(main)
        self.ctx = ctx
        self.entries: list[QueueEntry] = []
        self.entry: QueueEntry | None = None
        self.queue = QListWidget(self)
        self.language = QComboBox(self)
        for code in LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[code], code)
        self.language.currentIndexChanged.connect(lambda _i: self.reload())
        self.language_label = QLabel(self)
        self.language_label.setBuddy(self.language)
        self.counts = QLabel(self)
        self.counts.setWordWrap(True)
        self.queue.currentRowChanged.connect(self._chosen)
        self.original = QPlainTextEdit(self)
        self.original.setReadOnly(True)
        self.translation = QPlainTextEdit(self)
        self.translation.textChanged.connect(self._update_paragraphs)
        self.original_label = QLabel(self)
        self.translation_label = QLabel(self)
        self.paragraph_note = QLabel(self)
        self.state = QLabel(self)
        self.state.setWordWrap(True)
        self.save_button = QPushButton(self)
        self.save_button.clicked.connect(self.save_draft)
        self.review_button = QPushButton(self)
        self.review_button.clicked.connect(self.mark_reviewed)
        self.approve_button = QPushButton(self)
        self.approve_button.clicked.connect(self.approve)
        self._syncing = False
        one, other = self.original.verticalScrollBar(), self.translation.verticalScrollBar()
        one.valueChanged.connect(lambda v: self._sync_scroll(one, other))
        other.valueChanged.connect(lambda v: self._sync_scroll(other, one))

        top = QHBoxLayout()
        top.addWidget(self.language_label)
        top.addWidget(self.language)
        top.addWidget(self.counts, 1)
        texts = QWidget(self)
        grid = QHBoxLayout(texts)
        grid.setContentsMargins(0, 0, 0, 0)
        for label, edit in ((self.original_label, self.original),
                            (self.translation_label, self.translation)):
            column = QVBoxLayout()
            column.addWidget(label)
            column.addWidget(edit, 1)
            grid.addLayout(column, 1)
        splitter = QSplitter(self)
        splitter.addWidget(self.queue)
        splitter.addWidget(texts)
        splitter.setStretchFactor(1, 3)
        buttons = QHBoxLayout()
        buttons.addWidget(self.paragraph_note, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.review_button)
        buttons.addWidget(self.approve_button)
        box = QVBoxLayout(self)
        box.addLayout(top)
        box.addWidget(splitter, 1)
        box.addWidget(self.state)
        box.addLayout(buttons)
        self.resize(1100, 640)
        self.language.setCurrentIndex(self.language.findData("en"))
        self.retranslate()
        self.reload()

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.setWindowTitle(_("Translations"))
        self.language_label.setText(_("Translate into:"))
        self.queue.setAccessibleName(_("Testimonies to translate"))
        self.original_label.setText(_("Original"))
        self.translation_label.setText(_("Translation"))
        self.original.setAccessibleName(_("Original"))
        self.translation.setAccessibleName(_("Translation"))
        self.save_button.setText(_("Save as &draft"))
        self.review_button.setText(_("Mark &reviewed"))
        self.approve_button.setText(_("&Approve"))
        self._fill_queue()
        self._update_state()
        self._update_paragraphs()

    # -- the queue -----------------------------------------------------------------------------
    @property
    def target_language(self) -> str:
        """The language translated into."""
        return str(self.language.currentData())

    def reload(self, keep: str | None = None) -> None:
        """Read the queue again and show the testimony ``keep`` if it is still in it."""
        if not self.ctx.active:
            return
        self.entries = translation_queue(self.ctx, self.target_language)
        self._fill_queue(keep)
        entries = {e.testimony.id: e for e in self.entries}
        self._show(entries.get(keep) if keep else None)

    def _fill_queue(self, keep: str | None = None) -> None:
        """List the queue (selecting ``keep``, else the testimony shown) without reloading."""
        keep = keep or (self.entry.testimony.id if self.entry is not None else None)
        self.queue.blockSignals(True)
        self.queue.clear()
        for entry in self.entries:
            label = self.ctx.label("testimony", entry.testimony.id)
            item = QListWidgetItem(_("%(label)s — %(status)s")
                                   % {"label": label, "status": _(STATUS_NAMES[entry.status])})
            item.setData(Qt.ItemDataRole.UserRole, entry.testimony.id)
            item.setToolTip(item.text())  # a long title is cut at the list's edge
            self.queue.addItem(item)
        ids = [e.testimony.id for e in self.entries]
        if keep is not None and keep in ids:
            self.queue.setCurrentRow(ids.index(keep))
        self.queue.blockSignals(False)
        self._update_counts()

    def _update_counts(self) -> None:
        total = len(self.entries)
        summary = ngettext("%(n)d testimony needs work on its translation.",
                           "%(n)d testimonies need work on their translations.", total) % {"n": total}
        details = []
        for status in STATUSES:
            n = sum(1 for e in self.entries if e.status == status)
            if n:
                details.append(_("%(status)s: %(n)d") % {"status": _(STATUS_NAMES[status]), "n": n})
        lines = [summary, format_list(details, locale=current_language())] if details else [summary]
        self.counts.setText("\n".join(lines))

    def _chosen(self, row: int) -> None:
        self._show(self.entries[row] if 0 <= row < len(self.entries) else None)

    def select(self, testimony_id: str) -> None:
        """Open the testimony ``testimony_id`` of the queue."""
        ids = [e.testimony.id for e in self.entries]
        self.queue.setCurrentRow(ids.index(testimony_id))

    def _show(self, entry: QueueEntry | None) -> None:
        self.entry = entry
        self.original.setPlainText(
            "\n\n".join(paragraphs(entry.testimony.text)) if entry is not None else "")
        self.translation.setPlainText(entry.translation.text if entry and entry.translation else "")
        self.translation.document().clearUndoRedoStacks()
        self._update_state()

    def _update_state(self) -> None:
        entry = self.entry
        for button in (self.save_button, self.review_button, self.approve_button):
            button.setEnabled(entry is not None)
        if entry is None:
            self.state.setText(_("Choose a testimony in the list."))
            return
        translation = entry.translation
        if translation is None:
            self.state.setText(_("Not translated yet."))
            return
        self.state.setText(_("Status: %(status)s. Translator: %(translator)s. Reviewer: "
                             "%(reviewer)s.") % {"status": _(STATUS_NAMES[entry.status]),
                                                 "translator": translation.translator or "—",
                                                 "reviewer": translation.reviewer or "—"})

    def _update_paragraphs(self) -> None:
        if self.entry is None:
            self.paragraph_note.setText("")
            return
        source = len(paragraphs(self.entry.testimony.text))
        done = len(paragraphs(self.translation.toPlainText()))
        self.paragraph_note.setText(
            ngettext("%(done)d of %(n)d paragraph translated.",
                     "%(done)d of %(n)d paragraphs translated.", source)
            % {"done": done, "n": source})

    def _sync_scroll(self, source: Any, target: Any) -> None:
        """Scroll the other text to the same relative place."""
        if self._syncing:
            return
        self._syncing = True
        span = source.maximum() - source.minimum()
        ratio = (source.value() - source.minimum()) / span if span else 0.0
        target.setValue(round(target.minimum() + ratio * (target.maximum() - target.minimum())))
        self._syncing = False

    # -- saving --------------------------------------------------------------------------------
    def _store(self, changes: dict[str, Any]) -> bool:
        """Save the translation text with ``changes``; False (after a message) on an error."""
        entry = self.entry
        if entry is None or not self.ctx.active:
            return False
        records = self.ctx.services.records
        try:
            testimony = records.get("testimony", entry.testimony.id)
            data = {"text": self.translation.toPlainText(),
                    "source_revision": testimony.revision, **changes}
            if entry.translation is None:
                records.create("translation", {"target_kind": "testimony",
                                               "target_id": testimony.id, "field": "text",
                                               "language": self.target_language, **data})
            else:
                records.update("translation", entry.translation.id, data,
                               expected_revision=entry.translation.revision)
        except HrcaseError as err:
            QMessageBox.warning(self, _("Translations"), str(err))
            return False
        self.reload(keep=testimony.id)
        if self.entry is None:
            self.state.setText(_("The translation is approved."))
        return True

    def save_draft(self) -> bool:
        """Save the translation as a draft by the current user."""
        return self._store({"status": "draft", "translator": self.ctx.services.actor,
                            "reviewer": ""})

    def mark_reviewed(self) -> bool:
        """Record that the current user reviewed the translation (not its translator)."""
        entry = self.entry
        actor = self.ctx.services.actor
        if entry is None:
            return False
        if entry.translation is None or not entry.translation.translator:
            QMessageBox.information(self, _("Translations"),
                                    _("Save the translation before it is reviewed."))
            return False
        if entry.translation.translator == actor:
            QMessageBox.information(self, _("Translations"),
                                    _("A translation is reviewed by someone other than its "
                                      "translator."))
            return False
        return self._store({"status": "reviewed", "reviewer": actor})

    def approve(self) -> bool:
        """Approve a reviewed, current translation."""
        entry = self.entry
        if entry is None:
            return False
        if entry.status != "reviewed":
            QMessageBox.information(self, _("Translations"),
                                    _("Only a reviewed translation of the current text can be "
                                      "approved."))
            return False
        return self._store({"status": "approved"})


def show_translator_view(ctx: AppContext, main: MainWindow) -> TranslatorView:
    """Open (or bring back) the translations window of ``main``."""
    view = main.findChild(TranslatorView)
    if not isinstance(view, TranslatorView):
        view = TranslatorView(ctx, main)
    else:
        view.reload()
    view.show()
    view.raise_()
    view.activateWindow()
    return view
