"""Open in Word: the GUI side of :class:`casedesk.core.opened.OpenedDocuments`.

One :class:`OpenedManager` exists per :class:`AppContext` (:func:`opened_manager`).  ``open``
writes the private decrypted copy (off the GUI thread) and hands it to the operating system
(``QDesktopServices.openUrl``); a timer polls the open copies every two seconds (off the GUI
thread) and reports each save stored as a new version through ``message`` (the main window shows
it in its status bar, workspaces in their documents tab).  ``close`` ("Done editing") stores a
last change and deletes the copy; :meth:`close_all` runs when the main window closes.  At
start-up :meth:`check_leftovers` offers copies left behind by a crash.

The folder of the copies can be set with the ``documents/opened_dir`` setting (tests use it).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from casedesk.core.opened import Leftover, NewVersion, OpenedDocuments
from casedesk.gui.context import AppContext
from casedesk.gui.errors import show_error

POLL_MS = 2000
SETTING_DIR = "documents/opened_dir"


def _tr(text: str) -> str:
    return QCoreApplication.translate("documents", text)


def open_url(path: Path) -> bool:
    """Hand a file to the default application (tests replace QDesktopServices.openUrl)."""
    return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))


class OpenedManager(QObject):
    """Working copies handed to Word, polled for saves."""

    #: A user-facing sentence ("Saved as version 3 …") for a status bar.
    message = Signal(str)
    #: A copy was opened (document id, path).
    opened = Signal(str, object)
    #: A save was stored as a new version.
    version_saved = Signal(object)  # NewVersion

    def __init__(self, ctx: AppContext, base_dir: Path | None = None) -> None:
        super().__init__(ctx)
        self.ctx = ctx
        if base_dir is None:
            configured = ctx.settings.value(SETTING_DIR)
            base_dir = Path(str(configured)) if configured else None
        self.docs = OpenedDocuments(ctx.cf, base_dir)
        self.matters: dict[str, str] = {}  # document id → matter id
        self.titles: dict[str, str] = {}
        self._polling = False
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.poll)
        ctx.locked.connect(self.timer.stop)
        ctx.unlocked.connect(self._unlocked)

    def _unlocked(self) -> None:
        self.docs.cf = self.ctx.cf
        if self.matters:
            self.timer.start()

    # -- opening --------------------------------------------------------------------------------
    def open(self, document_id: str, matter_id: str, title: str = "",
             parent: QWidget | None = None) -> None:
        docs = self.docs

        def done(path: Path) -> None:
            self.matters[document_id] = matter_id
            self.titles[document_id] = title or path.name
            self.timer.start()
            self.opened.emit(document_id, path)
            if not open_url(path):
                self.message.emit(_tr("No application could open %1; it is at %2.")
                                  .replace("%1", path.name).replace("%2", str(path)))
            else:
                self.message.emit(_tr("Opened %1. Save it in Word: each save is stored as a "
                                      "new version.").replace("%1", path.name))

        self.ctx.runner.run_task(lambda: docs.open(document_id), done,
                                 lambda exc: show_error(parent, exc), parent=parent)

    def is_open(self, document_id: str) -> bool:
        return document_id in self.matters

    # -- polling --------------------------------------------------------------------------------
    def poll(self) -> None:
        if self._polling or self.ctx.is_locked or not self.matters:
            if not self.matters:
                self.timer.stop()
            return
        self._polling = True
        docs = self.docs

        def done(found: list[NewVersion]) -> None:
            self._polling = False
            self._report(found)

        def failed(exc: BaseException) -> None:
            self._polling = False
            show_error(None, exc)

        self.ctx.runner.run_task(docs.poll, done, failed)

    def _report(self, found: list[NewVersion | None]) -> None:
        stored = [f for f in found if f is not None]
        for new in stored:
            self.version_saved.emit(new)
            self.message.emit(_tr("Saved as version %1 (%2).").replace("%1", str(new.version))
                              .replace("%2", new.filename))
        if stored:
            self.ctx.notify({"document"})

    # -- closing ----------------------------------------------------------------------------------
    def close(self, document_id: str, parent: QWidget | None = None) -> None:
        """"Done editing": store a last change and delete the copy."""
        if document_id not in self.matters:
            return
        self.matters.pop(document_id, None)
        self.titles.pop(document_id, None)
        docs = self.docs

        def done(found: NewVersion | None) -> None:
            self._report([found])
            self.message.emit(_tr("Finished editing; the working copy was removed."))

        self.ctx.runner.run_task(lambda: docs.close(document_id), done,
                                 lambda exc: show_error(parent, exc))

    def close_matter(self, matter_id: str) -> None:
        """Close the copies of one matter's documents (its workspace closed)."""
        for document_id, mid in list(self.matters.items()):
            if mid == matter_id:
                self.close(document_id)

    def close_all(self) -> None:
        """At exit: store last changes and delete every copy (waits for the worker)."""
        self.timer.stop()
        self.matters.clear()
        if self.ctx.is_locked:
            return
        self.ctx.runner.wait_idle()
        try:
            self.docs.close_all()
        except Exception as exc:  # never block quitting
            show_error(None, exc)

    # -- leftovers from a crash -------------------------------------------------------------------
    def check_leftovers(self, parent: QWidget | None = None) -> None:
        if self.ctx.is_locked:
            return
        docs = self.docs
        self.ctx.runner.run_task(docs.clean_leftovers, lambda found: self._offer(found, parent),
                                 lambda exc: show_error(parent, exc))

    def _offer(self, found: list[Leftover], parent: QWidget | None) -> QMessageBox | None:
        if not found:
            return None
        box = QMessageBox(QMessageBox.Icon.Question, _tr("Edited copies found"),
                          _tr("casedesk stopped while these documents were open, and they were "
                              "changed after they were last stored:\n\n%1\n\nKeep the changes as "
                              "new versions?").replace(
                              "%1", "\n".join(f"• {lo.filename}" for lo in found)),
                          QMessageBox.StandardButton.NoButton, parent)
        keep = box.addButton(_tr("Keep as new versions"), QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(_tr("Discard the changes"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(_tr("Decide later"), QMessageBox.ButtonRole.RejectRole)

        def chosen(button: Any) -> None:
            if button is keep:
                self.resolve_leftovers(found, keep=True)
            elif button is discard:
                self.resolve_leftovers(found, keep=False)

        box.buttonClicked.connect(chosen)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        box.open()
        self.leftover_box = box
        return box

    def resolve_leftovers(self, found: list[Leftover], *, keep: bool) -> None:
        docs = self.docs

        def work() -> list[NewVersion]:
            out = []
            for leftover in found:
                if keep:
                    out.append(docs.recover_leftover(leftover.path))
                else:
                    docs.discard_leftover(leftover.path)
            return out

        self.ctx.runner.run_task(work, lambda stored: self._report(list(stored)),
                                 lambda exc: show_error(None, exc))


def opened_manager(ctx: AppContext) -> OpenedManager:
    """The context's manager (created on first use)."""
    manager = getattr(ctx, "_opened_manager", None)
    if manager is None:
        manager = OpenedManager(ctx)
        ctx._opened_manager = manager  # type: ignore[attr-defined]
    return manager


def attach_main_window(window: Any) -> OpenedManager:
    """Wire the manager into the main window: status bar messages, leftovers at start-up,
    every copy closed when the window closes (the application exits)."""
    from PySide6.QtCore import QEvent

    manager = opened_manager(window.ctx)
    manager.message.connect(lambda text: window.statusBar().showMessage(text, 8000))

    class _CloseWatcher(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if obj is window and event.type() == QEvent.Type.Close:
                manager.close_all()
            return False

    watcher = _CloseWatcher(window)
    window.installEventFilter(watcher)
    QTimer.singleShot(0, manager, lambda: manager.check_leftovers(window))
    return manager
