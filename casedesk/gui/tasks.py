"""Running database work off the GUI thread.

Every call into the core that may take noticeable time (unlocking a case file, loading a page
of a list, saving a dialog) goes through a :class:`Runner`::

    ctx.runner.run_task(lambda: queries.matters(cf, q), on_done=model.add_rows,
                        on_error=show_error, progress_title="Loading matters…")

:class:`ThreadRunner` runs ``fn`` on a single worker thread (database work is serialised) and
delivers the result or the exception back on the GUI thread through queued signals, so
callbacks may touch widgets but ``fn`` never does.  ``progress_title`` shows a cancellable
progress dialog when the work takes longer than half a second; cancelling drops the result (a
function that accepts a ``progress`` argument also gets a :class:`Progress` to report steps and to
poll ``cancelled``).  :class:`SyncRunner` calls everything immediately and is used by tests.
"""

from __future__ import annotations

import inspect
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class Progress:
    """Handed to work functions that take a ``progress`` argument (thread-safe)."""

    def __init__(self, relay: _Relay | None = None) -> None:
        self._cancel = threading.Event()
        self._relay = relay

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def report(self, done: int, total: int) -> None:
        if self._relay is not None:
            self._relay.progressed.emit(done, total)


def _call(fn: Callable[..., Any], progress: Progress) -> Any:
    try:
        params = inspect.signature(fn).parameters
    except (TypeError, ValueError):
        params = {}  # type: ignore[assignment]
    return fn(progress=progress) if "progress" in params else fn()


class Runner(QObject):
    """The interface: run ``fn`` and call ``on_done(result)`` or ``on_error(exc)``."""

    def run_task(self, fn: Callable[..., Any], on_done: Done | None = None,
                 on_error: Failed | None = None, progress_title: str | None = None,
                 parent: QWidget | None = None) -> Progress:
        raise NotImplementedError

    def wait_idle(self, msecs: int = 30_000) -> bool:
        return True


class SyncRunner(Runner):
    """Runs work immediately on the calling thread (tests, and scripted use)."""

    def run_task(self, fn: Callable[..., Any], on_done: Done | None = None,
                 on_error: Failed | None = None, progress_title: str | None = None,
                 parent: QWidget | None = None) -> Progress:
        progress = Progress()
        try:
            result = _call(fn, progress)
        except Exception as exc:  # handed to the caller's error handler
            _fail(on_error, exc)
            return progress
        if on_done is not None:
            on_done(result)
        return progress


def _fail(on_error: Failed | None, exc: BaseException) -> None:
    if on_error is not None:
        on_error(exc)
    else:
        from casedesk.gui.errors import show_error

        show_error(None, exc)


class _Relay(QObject):
    """Lives on the GUI thread; the worker emits, the GUI thread receives (queued)."""

    finished = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int)


class _Job(QRunnable):
    def __init__(self, fn: Callable[..., Any], relay: _Relay, progress: Progress) -> None:
        super().__init__()
        self.fn, self.relay, self.progress = fn, relay, progress
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = _call(self.fn, self.progress)
        except BaseException as exc:
            self.relay.failed.emit(exc)
        else:
            self.relay.finished.emit(result)


class ThreadRunner(Runner):
    """One worker thread for all database work; results come back on the GUI thread."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._live: set[_Relay] = set()

    def run_task(self, fn: Callable[..., Any], on_done: Done | None = None,
                 on_error: Failed | None = None, progress_title: str | None = None,
                 parent: QWidget | None = None) -> Progress:
        relay = _Relay()
        progress = Progress(relay)
        self._live.add(relay)
        dialog: QProgressDialog | None = None
        if progress_title:
            dialog = QProgressDialog(progress_title, self.tr("Cancel"), 0, 0, parent)
            dialog.setWindowTitle(self.tr("Please wait"))
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.setMinimumDuration(500)
            dialog.setAutoClose(False)
            dialog.setAutoReset(False)
            dialog.canceled.connect(progress.cancel)

            def on_progress(done: int, total: int) -> None:
                if dialog is not None:
                    dialog.setMaximum(total)
                    dialog.setValue(done)
            relay.progressed.connect(on_progress)

        def finish() -> None:
            self._live.discard(relay)
            if dialog is not None:
                dialog.canceled.disconnect(progress.cancel)
                dialog.close()
                dialog.deleteLater()

        @Slot(object)
        def done(result: Any) -> None:
            finish()
            if not progress.cancelled and on_done is not None:
                on_done(result)

        @Slot(object)
        def failed(exc: BaseException) -> None:
            finish()
            if not progress.cancelled:
                _fail(on_error, exc)

        relay.finished.connect(done, Qt.ConnectionType.QueuedConnection)
        relay.failed.connect(failed, Qt.ConnectionType.QueuedConnection)
        self.pool.start(_Job(fn, relay, progress))
        return progress

    def wait_idle(self, msecs: int = 30_000) -> bool:
        return self.pool.waitForDone(msecs)


def blocking_progress(parent: QWidget, text: str, object_name: str,
                      title: str = "Please wait") -> QProgressDialog:
    """A window-modal, busy progress dialog without Cancel, for work that cannot stop half-way
    (a firm-key rotation, an erasure); shown only when it lasts over half a second."""
    progress = QProgressDialog(text, "", 0, 0, parent)
    progress.setObjectName(object_name)
    progress.setCancelButton(None)  # type: ignore[arg-type]
    progress.setWindowTitle(title)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(500)
    progress.setAutoClose(False)
    progress.setAutoReset(False)
    return progress
