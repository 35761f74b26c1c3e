"""Long work off the GUI thread: a job runs a function on the thread pool, reports progress, and
can be cancelled.

The function receives a :class:`JobContext`; it calls ``ctx.progress(done, total)`` now and then,
which raises :class:`Cancelled` once the user pressed Cancel. Results and errors come back as Qt
signals on the GUI thread. When the vault locks, every running job is cancelled and *abandoned*:
whatever it returns later is dropped, so no result reaches a window after the lock.
"""

from __future__ import annotations

import logging
import threading
import traceback
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QObject, QThreadPool, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from hrcase.errors import HrcaseError
from hrcase.i18n import _

log = logging.getLogger(__name__)


class Cancelled(Exception):
    """Raised inside a job when the user cancelled it."""


class JobContext:
    """What a job function sees: progress reporting and the cancel flag."""

    def __init__(self, job: "Job") -> None:
        self._job = job
        self._cancel = threading.Event()

    @property
    def cancelled(self) -> bool:
        """True once the user asked to stop."""
        return self._cancel.is_set()

    def check(self) -> None:
        """Raise :class:`Cancelled` if the user asked to stop."""
        if self._cancel.is_set():
            raise Cancelled()

    def progress(self, done: int, total: int = 0, text: str = "") -> None:
        """Report progress (``total`` 0 means unknown) and stop here if cancelled."""
        self.check()
        self._job.progressed.emit(int(done), int(total), text)


class Job(QObject):
    """One function running on the thread pool. Signals arrive on the GUI thread."""

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, fn: Callable[[JobContext], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fn = fn
        self.context = JobContext(self)
        self._done = threading.Event()
        self._abandoned = False

    def start(self) -> None:
        """Queue the job on the global thread pool."""
        QThreadPool.globalInstance().start(self._run)

    def cancel(self) -> None:
        """Ask the job to stop at its next progress report."""
        self.context._cancel.set()

    def abandon(self) -> None:
        """Cancel and drop whatever the job still reports (used when the vault locks)."""
        self._abandoned = True
        self.cancel()

    def wait(self, timeout_s: float) -> bool:
        """Block until the job ended; False on timeout."""
        return self._done.wait(timeout_s)

    def _run(self) -> None:
        try:
            result = self._fn(self.context)
        except Cancelled:
            self._emit(self.cancelled)
        except HrcaseError as err:
            self._emit(self.failed, str(err))
        except Exception as err:  # noqa: BLE001 - shown as one sentence, never a traceback
            log.error("job failed: %s", type(err).__name__)
            log.debug("job failed at %s", code_frames(err))
            self._emit(self.failed, _("The operation failed unexpectedly (%(kind)s).")
                       % {"kind": type(err).__name__})
        else:
            if self.context.cancelled:
                self._emit(self.cancelled)
            else:
                self._emit(self.succeeded, result)
        finally:
            self._done.set()

    def _emit(self, signal: Any, *args: Any) -> None:
        if not self._abandoned:
            signal.emit(*args)


class JobRunner(QObject):
    """Starts jobs and keeps them alive; cancels and abandons them all when the vault locks."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._jobs: set[Job] = set()

    def submit(self, fn: Callable[[JobContext], Any]) -> Job:
        """Create a job for ``fn``; connect its signals, then call ``job.start()``."""
        job = Job(fn, self)
        self._jobs.add(job)
        for signal in (job.succeeded, job.failed, job.cancelled):
            signal.connect(lambda *_a, j=job: self._jobs.discard(j))
        return job

    def run(self, parent: QWidget | None, title: str, fn: Callable[[JobContext], Any],
            on_success: Callable[[Any], None],
            on_failure: Callable[[str], None] | None = None) -> Job:
        """Run ``fn`` with a modal progress dialog that offers Cancel."""
        job = self.submit(fn)
        dialog = QProgressDialog(parent)
        dialog.setWindowTitle(title)
        dialog.setLabelText(title)
        dialog.setCancelButtonText(_("Cancel"))
        dialog.setAccessibleName(title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setRange(0, 0)
        dialog.canceled.connect(job.cancel)

        def progressed(done: int, total: int, text: str) -> None:
            if total > 0:
                dialog.setRange(0, total)
                dialog.setValue(min(done, total))
            if text:
                dialog.setLabelText(text)

        def finish() -> None:
            dialog.canceled.disconnect(job.cancel)
            dialog.close()
            dialog.deleteLater()

        def succeeded(result: Any) -> None:
            finish()
            on_success(result)

        def failed(message: str) -> None:
            finish()
            if on_failure is not None:
                on_failure(message)

        job.progressed.connect(progressed)
        job.succeeded.connect(succeeded)
        job.failed.connect(failed)
        job.cancelled.connect(finish)
        job.start()
        return job

    def abandon_all(self, timeout_s: float = 3.0) -> None:
        """Cancel every running job, wait a little for them to stop, and drop their results."""
        jobs = list(self._jobs)
        for job in jobs:
            job.abandon()
        for job in jobs:
            if not job.wait(timeout_s):
                log.warning("a background job did not stop within %.1f s", timeout_s)
        self._jobs.clear()


def code_frames(err: BaseException) -> str:
    """Where ``err`` was raised, as file:line function names only.

    A formatted traceback would carry the exception's message, which may quote record content
    (a value in an SQL error, a name in a parser error); the frames alone never do.
    """
    return " <- ".join(f"{Path(frame.filename).name}:{frame.lineno} {frame.name}"
                       for frame in reversed(traceback.extract_tb(err.__traceback__)))
