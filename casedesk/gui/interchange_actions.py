"""File ▸ Import… / Export… / Export calendar: long work off the GUI thread, with a progress
dialog that can be cancelled.

Import (:func:`casedesk.core.interchange.read_file` + ``import_document``) runs in three steps on
the worker: read the file, check it (``check_document``), then write it in one transaction.
Cancelling during the first two steps writes nothing.  The core has no cancel hook inside the
transaction, so once writing starts the Cancel button is disabled and the label says the import
can no longer be cancelled; a cancel that races with the start of the write is decided under a
lock, so "cancelled" always means the case file is unchanged.  The report (created / updated /
unchanged per section) is shown at the end; errors are shown as the core's sentence.

Export writes a ``.part`` file next to the target and renames it at the end: cancelling leaves
no file behind (and the case file is never changed by a JSON export).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QProgressDialog, QPushButton

from casedesk.core.permissions import Right
from casedesk.gui.context import AppContext
from casedesk.gui.errors import show_error

#: Kinds of records an import may change (``AppContext.changed``).
IMPORTED_KINDS = {"contact", "matter", "party", "event", "deadline"}


class Cancelled(Exception):
    """Raised on the worker when the user cancelled before anything was written."""


class Job:
    """What the GUI and the worker share about one long job (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.cancelled = False
        self.committing = False
        self.step = ""

    def cancel(self) -> bool:
        """Ask to cancel; False when it is too late (the write has started)."""
        with self._lock:
            if self.committing:
                return False
            self.cancelled = True
            return True

    def check(self, step: str = "") -> None:
        """On the worker, between steps: stop if cancelled."""
        with self._lock:
            if self.cancelled:
                raise Cancelled()
            if step:
                self.step = step

    def start_commit(self) -> None:
        """On the worker, right before the write: from now on Cancel is refused."""
        with self._lock:
            if self.cancelled:
                raise Cancelled()
            self.committing = True
            self.step = "write"


class ImportExport(QObject):
    """The File menu's import and export actions of a main window."""

    def __init__(self, window: QMainWindow, ctx: AppContext) -> None:
        super().__init__(window)
        self.window, self.ctx = window, ctx
        self.act_import = QAction(window)
        self.act_import.setObjectName("actImport")
        self.act_import.triggered.connect(lambda: self.import_file())
        self.act_export = QAction(window)
        self.act_export.setObjectName("actExport")
        self.act_export.triggered.connect(lambda: self.export_file())
        self.act_export_ics = QAction(window)
        self.act_export_ics.setObjectName("actExportIcs")
        self.act_export_ics.triggered.connect(lambda: self.export_ics())
        user = ctx.cf.user
        self.act_import.setEnabled(user.can(Right.EDIT))
        self.act_export.setEnabled(user.can(Right.EXPORT))
        self.act_export_ics.setEnabled(user.can(Right.EXPORT))
        self.dialog: QProgressDialog | None = None
        self.report_box: QMessageBox | None = None
        self.last_job: Job | None = None
        self.retranslate()
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    def actions(self) -> list[QAction]:
        return [self.act_import, self.act_export, self.act_export_ics]

    def retranslate(self) -> None:
        self.act_import.setText(self.tr("Import…"))
        self.act_export.setText(self.tr("Export…"))
        self.act_export_ics.setText(self.tr("Export calendar (.ics)…"))

    # -- import ----------------------------------------------------------------------------------
    def import_file(self, path: str | Path | None = None) -> Job | None:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self.window, self.tr("Import"), "",
                self.tr("casedesk interchange files (*.json *.csv)"))
            if not path:
                return None
        from casedesk.core import interchange

        cf = self.ctx.cf
        source = Path(path)
        job = Job()

        def work() -> Any:
            job.check("read")
            doc = interchange.read_file(source)
            job.check("check")
            cleaned = interchange.check_document(doc)
            job.start_commit()
            return interchange.import_document(cf, doc, cleaned)

        def done(report: Any) -> None:
            self._finish()
            self.ctx.notify(IMPORTED_KINDS)
            self._show_report(report)

        self._start(job, work, done, self.tr("Importing %1…").replace("%1", source.name),
                    self.tr("Import cancelled; nothing was changed."))
        return job

    def report_text(self, report: Any) -> str:
        names = {"clients": self.tr("Clients"), "contacts": self.tr("Contacts"),
                 "matters": self.tr("Matters"), "events": self.tr("Events"),
                 "deadlines": self.tr("Deadlines")}
        lines = []
        for section, label in names.items():
            c, u, n = (report.created[section], report.updated[section],
                       report.unchanged[section])
            if c or u or n:
                lines.append(self.tr("%1: %2 created, %3 updated, %4 unchanged")
                             .replace("%1", label).replace("%2", str(c))
                             .replace("%3", str(u)).replace("%4", str(n)))
        return "\n".join(lines) or self.tr("The file had nothing to import.")

    def _show_report(self, report: Any) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Import finished"),
                          self.report_text(report), QMessageBox.StandardButton.Ok, self.window)
        box.setObjectName("importReport")
        self.report_box = box
        box.open()

    # -- export ----------------------------------------------------------------------------------
    def export_file(self, path: str | Path | None = None) -> Job | None:
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self.window, self.tr("Export"), "casedesk-export.json",
                self.tr("casedesk interchange file (*.json)"))
            if not path:
                return None
        from casedesk.core import interchange

        cf = self.ctx.cf

        def make(job: Job) -> bytes:
            doc = interchange.export_document(cf)
            job.check("write")
            return interchange.dumps(doc).encode("utf-8")

        return self._export(Path(path), make, self.tr("Exporting…"))

    def export_ics(self, path: str | Path | None = None) -> Job | None:
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self.window, self.tr("Export calendar"), "casedesk-calendar.ics",
                self.tr("iCalendar file (*.ics)"))
            if not path:
                return None
        from casedesk.core.services import icalexport

        cf = self.ctx.cf
        return self._export(Path(path), lambda job: icalexport.export_ics(cf),
                            self.tr("Exporting the calendar…"))

    def _export(self, target: Path, make: Callable[[Job], bytes], title: str) -> Job:
        job = Job()

        def work() -> Path:
            job.check("read")
            data = make(job)
            job.check("write")
            part = target.with_name(target.name + ".part")
            try:
                part.write_bytes(data)
                job.check()
                os.replace(part, target)
            except BaseException:
                part.unlink(missing_ok=True)
                raise
            return target

        def done(written: Path) -> None:
            self._finish()
            self.window.statusBar().showMessage(
                self.tr("Exported to %1").replace("%1", str(written)), 8000)

        self._start(job, work, done, title, self.tr("Export cancelled; no file was written."))
        return job

    # -- the progress dialog ---------------------------------------------------------------------
    def _start(self, job: Job, work: Callable[[], Any], on_done: Callable[[Any], None],
               title: str, cancelled_text: str) -> None:
        self.last_job = job
        dialog = QProgressDialog(title, "", 0, 0, self.window)
        dialog.setObjectName("longWorkProgress")
        dialog.setWindowTitle(self.tr("Please wait"))
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(300)
        button = QPushButton(self.tr("Cancel"), dialog)
        button.setObjectName("longWorkCancel")
        dialog.setCancelButton(button)
        self.dialog = dialog
        poll = QTimer(dialog)
        poll.setInterval(100)
        seen = {"committing": False}

        def on_cancel() -> None:
            if job.cancel():
                dialog.setLabelText(self.tr("Cancelling…"))
            else:
                dialog.show()  # too late: the write finishes
            button.setEnabled(False)

        def watch() -> None:
            if job.committing and not seen["committing"]:
                seen["committing"] = True
                button.setEnabled(False)
                dialog.setLabelText(self.tr("Writing to the case file… This can no longer be "
                                            "cancelled."))

        dialog.canceled.connect(on_cancel)
        poll.timeout.connect(watch)
        poll.start()

        def failed(exc: BaseException) -> None:
            self._finish()
            if isinstance(exc, Cancelled):
                self.window.statusBar().showMessage(cancelled_text, 8000)
            else:  # a CasedeskError shows as the core's sentence, anything else as a crash
                show_error(self.window, exc)

        self.ctx.runner.run_task(work, on_done, failed)

    def _finish(self) -> None:
        if self.dialog is not None:
            self.dialog.canceled.disconnect()
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None
