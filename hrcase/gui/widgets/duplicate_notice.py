"""A notice in the person editor: existing persons who are probably the same person.

When the user types or changes a name, the editor calls :meth:`DuplicateNotice.check`; a short
while after the last change the vault is asked off the GUI thread (``find_duplicates``: a
similar name in any script or romanisation, a compatible birth), and a late answer to an older
check is dropped. The notice never blocks anything: the user may open a candidate in its own
window, dismiss the notice (the persons it showed are not offered again in this editor), or
simply go on and save.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget,
)

from hrcase.gui.context import AppContext, date_words
from hrcase.gui.jobs import JobContext
from hrcase.gui.language import Retranslatable
from hrcase.i18n import _, ngettext
from hrcase.services.duplicates import DuplicateCandidate, find_duplicates

CHECK_DELAY_MS = 400
MAX_SHOWN = 3


def candidate_text(candidate: DuplicateCandidate) -> str:
    """One line that names a candidate: name, birth, and the spelling that matched."""
    text = candidate.label
    if candidate.birth:
        text = _("%(name)s, born %(birth)s") % {"name": text,
                                                 "birth": date_words(candidate.birth)}
    if candidate.name != candidate.label:
        text = _("%(person)s (written “%(spelling)s”)") % {"person": text,
                                                           "spelling": candidate.name}
    return text


class DuplicateNotice(Retranslatable, QFrame):
    """Shows the best matches for the names being typed; emits ``open_requested(person_id)``."""

    open_requested = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.candidates: list[DuplicateCandidate] = []
        self._own_id: str | None = None
        self._dismissed: set[str] = set()
        self._query: tuple[tuple[str, ...], str] = ((), "")
        self._generation = 0
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel(self)
        self.dismiss_button = QPushButton(self)
        self.dismiss_button.clicked.connect(self.dismiss)
        top = QHBoxLayout()  # buttons next to the texts: the form may be wider than the view
        top.addWidget(self.title)
        top.addWidget(self.dismiss_button)
        top.addStretch(1)
        self._rows = QGridLayout()
        self._rows.setColumnStretch(2, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(self._rows)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CHECK_DELAY_MS)
        self._timer.timeout.connect(self._run)
        self.setVisible(False)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.dismiss_button.setText(_("D&ismiss"))
        self.dismiss_button.setToolTip(_("Hide this notice; these persons are not offered again"))
        self._show()

    def set_person(self, person_id: str | None) -> None:
        """The person being edited (never offered as a duplicate of itself)."""
        self._own_id = person_id

    def check(self, names: list[str], birth: str) -> None:
        """Look for persons like ``names`` (and ``birth``) a short while from now."""
        self._query = (tuple(n for n in names if n.strip()), birth)
        self._timer.start()

    def dismiss(self) -> None:
        """Hide the notice; the persons it showed are not offered again in this editor."""
        self._dismissed.update(c.person_id for c in self.candidates)
        self.candidates = []
        self._show()

    # -- checking ------------------------------------------------------------------------------
    def _run(self) -> None:
        self._generation += 1
        generation = self._generation
        names, birth = self._query
        if not names:
            self._arrived(generation, [])
            return
        services = self.ctx.services
        wanted = MAX_SHOWN + len(self._dismissed) + 1

        def work(_job: JobContext) -> list[DuplicateCandidate]:
            return find_duplicates(services, names=names, birth=birth, limit=wanted)

        job = self.ctx.runner.submit(work)
        job.succeeded.connect(lambda found, g=generation: self._arrived(g, found))
        job.failed.connect(lambda _message, g=generation: self._arrived(g, []))
        job.start()

    def _arrived(self, generation: int, found: list[DuplicateCandidate]) -> None:
        if generation != self._generation or not self.ctx.active:
            return
        skip = self._dismissed | {self._own_id}
        self.candidates = [c for c in found if c.person_id not in skip][:MAX_SHOWN]
        self._show()

    def _show(self) -> None:
        while self._rows.count():
            item = self._rows.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()
        for row, candidate in enumerate(self.candidates):
            label = QLabel(candidate_text(candidate), self)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
            label.setMinimumWidth(label.fontMetrics().averageCharWidth() * 36)
            button = QPushButton(_("Open"), self)
            button.setToolTip(_("Open this person in a window of its own"))
            button.setAccessibleName(_("Open %(name)s") % {"name": candidate.label})
            button.clicked.connect(lambda _c=False, pid=candidate.person_id:
                                   self.open_requested.emit(pid))
            self._rows.addWidget(label, row, 0)
            self._rows.addWidget(button, row, 1)
        count = len(self.candidates)
        self.title.setText(ngettext("Possibly the same person as:",
                                    "Possibly the same person as one of these:", count))
        self.setAccessibleDescription(self.title.text())
        self.setVisible(bool(count))
