"""Sync in the desktop app (issue 7): the share folder in Settings, background syncs, the
status-bar item and the "Sync conflicts" pane.

The share folder is this computer's mount point of the firm's shared folder, so it is kept in
QSettings (per device), under the firm's id.  :class:`SyncController` (``window.sync_ui``) syncs
every few minutes and on demand through ``ctx.runner`` (off the GUI thread, one sync at a time);
a share that cannot be reached only changes the status (short text, the full sentence as
tooltip) and is tried again at the next tick.  After a sync that pulled changes, ``ctx.changed``
is emitted with the kinds of records touched so panes refresh.  :class:`ConflictsPane` lists the
open conflicts (record, field, both values with who and when) and settles one with
:func:`casedesk.core.sync.resolve_conflict`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from casedesk.core.errors import CasedeskError
from casedesk.core.permissions import Right
from casedesk.gui.errors import show_error

if TYPE_CHECKING:
    from casedesk.core.casefile import CaseFile
    from casedesk.core.sync.api import SyncReport
    from casedesk.gui.context import AppContext

MINUTES = "sync/minutes"
DEFAULT_MINUTES = 5
FIRST_SYNC_MS = 15 * 1000
WARN_STYLE = "color: #b00020;"
UPDATE_STYLE = "color: white; background: #b00020; font-weight: bold; padding: 0 6px;"
#: Record kinds whose change notification other kinds stand for (``ctx.changed``).
ALSO = {"document_version": "document", "attendee": "event",
        "correspondence_document": "correspondence", "party": "matter"}


def _tr(text: str) -> str:
    return QCoreApplication.translate("Sync", text)


def share_key(firm_id: str) -> str:
    return f"sync/{firm_id}/share"


def share_folder(settings: QSettings, firm_id: str) -> str:
    return str(settings.value(share_key(firm_id), "") or "")


def interval_minutes(settings: QSettings) -> int:
    try:
        return max(1, int(settings.value(MINUTES, DEFAULT_MINUTES) or DEFAULT_MINUTES))
    except (TypeError, ValueError):
        return DEFAULT_MINUTES


def changed_kinds(entities: list[str]) -> set[str]:
    kinds = set(entities)
    kinds |= {ALSO[e] for e in entities if e in ALSO}
    return kinds


def _work(cf: CaseFile, share: str | None) -> dict[str, Any]:
    """Runs on the worker: sync (when a share is given), then the status figures."""
    from casedesk.core.sync import api

    report = api.sync_now(cf, share) if share else None
    return {"report": report, "pending": api.pending_changes(cf),
            "last": api.last_sync(cf), "conflicts": len(api.open_conflicts(cf))}


class SyncController(QObject):
    """Owns the schedule, the status-bar item and the conflicts pane of one main window."""

    #: A sync finished: the :class:`SyncReport`.
    synced = Signal(object)
    #: The status changed (after a sync, a failure or a refresh).
    status_changed = Signal()

    def __init__(self, window: Any, ctx: AppContext) -> None:
        super().__init__(window)
        self.window, self.ctx = window, ctx
        self.busy = False
        self.again = False  # "Sync now" pressed while a sync ran
        self.error: str | None = None
        self.last: dict[str, Any] | None = None
        self.pending: int | None = None
        self.conflicts = 0
        self.newer: list[str] = []
        label = getattr(window, "sync_label", None)
        if label is None:
            label = QLabel(window)
            window.statusBar().addPermanentWidget(label)
        self.label: QLabel = label
        self.label.setObjectName("statusSync")
        self.label.setCursor(Qt.CursorShape.PointingHandCursor)
        self.label.installEventFilter(self)
        self.update_label = QLabel(window)
        self.update_label.setObjectName("statusSyncUpdate")
        self.update_label.setStyleSheet(UPDATE_STYLE)
        self.update_label.hide()
        window.statusBar().addPermanentWidget(self.update_label)
        self.pane = ConflictsPane(ctx, self)
        self.pane_index = -1
        stack, nav = getattr(window, "stack", None), getattr(window, "nav", None)
        if stack is not None and nav is not None:
            admin = getattr(window, "admin_tools", None)
            history = getattr(admin, "pane", None)
            at = stack.indexOf(history) if history is not None else -1
            self.nav_item = QListWidgetItem()
            if at >= 0:  # the History pane stays last
                stack.insertWidget(at, self.pane)
                nav.insertItem(at, self.nav_item)
                admin.pane_index = stack.indexOf(history)
            else:
                stack.addWidget(self.pane)
                nav.addItem(self.nav_item)
            self.pane_index = stack.indexOf(self.pane)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.tick)
        self.restart_timer()
        QTimer.singleShot(FIRST_SYNC_MS, self, self.tick)
        self.pending_timer = QTimer(self)  # local edits change the pending count; coalesce
        self.pending_timer.setSingleShot(True)
        self.pending_timer.setInterval(1500)
        self.pending_timer.timeout.connect(self.refresh)
        self._notifying = False
        ctx.changed.connect(self._on_changed)
        ctx.unlocked.connect(self.refresh)
        window.installEventFilter(self)
        self.retranslate()
        self.refresh()

    # -- settings --------------------------------------------------------------------------------
    @property
    def share(self) -> str:
        return "" if self.ctx.is_locked else share_folder(self.ctx.settings, self.ctx.cf.firm_id)

    def set_share(self, folder: str, minutes: int) -> None:
        settings = self.ctx.settings
        settings.setValue(share_key(self.ctx.cf.firm_id), folder)
        settings.setValue(MINUTES, int(minutes))
        self.error = None
        self.restart_timer()
        self.show_status()

    def restart_timer(self) -> None:
        self.timer.start(interval_minutes(self.ctx.settings) * 60 * 1000)

    # -- running ---------------------------------------------------------------------------------
    def tick(self) -> None:
        if self.share and not self.ctx.is_locked:
            self.sync_now()

    def sync_now(self) -> bool:
        """Start a sync in the background; False when none can start (no share, locked, or
        one is running: it is then run again right after)."""
        if self.ctx.is_locked or not self.share:
            self.show_status()
            return False
        if self.busy:
            self.again = True
            return False
        self.busy = True
        self.show_status()
        cf, share = self.ctx.cf, self.share
        self.ctx.runner.run_task(lambda: _work(cf, share), on_done=self._done,
                                 on_error=self._failed)
        return True

    def refresh(self) -> None:
        """Re-read the last sync, pending changes and open conflicts (no sync)."""
        if self.ctx.is_locked or self.busy:
            return
        cf = self.ctx.cf
        self.ctx.runner.run_task(lambda: _work(cf, None), on_done=self._figures,
                                 on_error=lambda exc: None)

    def _figures(self, result: dict[str, Any]) -> None:
        self.pending, self.last = result["pending"], result["last"]
        if self.last and not self.newer:
            self.newer = list(self.last.get("newer") or [])
        if result["conflicts"] != self.conflicts:
            self.conflicts = result["conflicts"]
            self.pane.reload()
        self.show_status()

    def _done(self, result: dict[str, Any]) -> None:
        self.busy = False
        self.error = None
        report: SyncReport = result["report"]
        self.newer = list(report.newer)
        self._figures(result)
        self.pane.reload()
        if report.pulled and report.entities:
            self._notifying = True
            try:
                self.ctx.notify(changed_kinds(report.entities))
            finally:
                self._notifying = False
        self.synced.emit(report)
        self._next()

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        if not isinstance(exc, CasedeskError):
            show_error(self.window, exc)
        self.error = str(exc) or type(exc).__name__
        self.show_status()
        self._next()

    def _next(self) -> None:
        if self.again:
            self.again = False
            self.sync_now()

    def _on_changed(self, kinds: set[str]) -> None:
        if not self._notifying and not self.ctx.is_locked:
            self.pending_timer.start()

    # -- status ----------------------------------------------------------------------------------
    def status_text(self) -> tuple[str, str]:
        """(short text, tooltip) for the status bar."""
        if self.ctx.is_locked:
            return "", ""
        if not self.share:
            return _tr("Sync: not set up"), _tr("Choose the share folder in Settings.")
        parts: list[str] = []
        tip: list[str] = [_tr("Share folder: %1").replace("%1", self.share)]
        if self.busy:
            parts.append(_tr("Sync: syncing…"))
        elif self.error:
            parts.append(_tr("Sync failed: share not reachable")
                         if "not reachable" in self.error or "may not" in self.error
                         else _tr("Sync failed"))
            tip.append(self.error)
            tip.append(_tr("Local work goes on; sync is tried again in a few minutes."))
        elif self.last and self.last.get("finished"):
            parts.append(_tr("Last sync: %1").replace("%1", self._when(self.last["finished"])))
        else:
            parts.append(_tr("Sync: never run"))
        if self.pending:
            parts.append(_tr("%1 pending").replace("%1", str(self.pending)))
        if self.conflicts:
            parts.append(_tr("%1 conflicts").replace("%1", str(self.conflicts)))
            tip.append(_tr("Click to see the sync conflicts."))
        return " · ".join(parts), "\n".join(tip)

    def show_status(self) -> None:
        text, tip = self.status_text()
        self.label.setText(text)
        self.label.setToolTip(tip)
        self.label.setStyleSheet(WARN_STYLE if (self.error or self.conflicts) else "")
        if self.newer:
            self.update_label.setText(_tr("casedesk must be updated"))
            self.update_label.setToolTip(
                _tr("Another computer uses a newer casedesk: its changes cannot be applied "
                    "until this casedesk is updated.") + "\n" + "\n".join(self.newer[:5]))
            self.update_label.show()
        else:
            self.update_label.hide()
        self.pane.show_banner(bool(self.newer))
        self.status_changed.emit()

    def _when(self, iso: str) -> str:
        try:
            return self.ctx.format_datetime(datetime.fromisoformat(iso))
        except ValueError:
            return iso

    def retranslate(self) -> None:
        if self.pane_index >= 0:
            self.nav_item.setText(_tr("Sync conflicts"))
        self.pane.retranslate()
        self.show_status()

    def open_pane(self) -> None:
        if self.pane_index >= 0:
            self.window.nav.setCurrentRow(self.pane_index)
        self.pane.reload()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.label and event.type() == QEvent.Type.MouseButtonRelease:
            self.open_pane()
            return True
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False


# -- the conflicts pane ---------------------------------------------------------------------------


def _stamp(user: str | None, ts: str | None, ctx: AppContext) -> str:
    when = ""
    if ts:
        try:
            when = ctx.format_datetime(datetime.fromisoformat(ts).astimezone(UTC))
        except ValueError:
            when = ts
    return _tr("%1, %2").replace("%1", user or "?").replace("%2", when) if when else (user or "?")


def _record_name(cf: CaseFile, entity: str, entity_id: str) -> str:
    from casedesk.core.sync.apply import models

    model = models().get(entity)
    if model is None:
        return entity_id[:8]
    with cf.read() as s:
        obj = s.get(model, entity_id)
        if obj is None:
            return entity_id[:8]
        for attr in ("number", "name", "title", "subject", "username"):
            value = getattr(obj, attr, None)
            if value:
                extra = getattr(obj, "title", None) if attr == "number" else None
                return f"{value} {extra}" if extra else str(value)
    return entity_id[:8]


def load_conflicts(cf: CaseFile) -> list[dict[str, Any]]:
    """The open conflicts as rows for the pane (worker thread)."""
    from casedesk.core.sync import api

    return [{"id": c.id, "kind": c.kind, "entity": c.entity, "entity_id": c.entity_id,
             "field": c.field or "", "record": _record_name(cf, c.entity, c.entity_id),
             "kept": c.winner_value, "kept_user": c.winner_user, "kept_ts": c.winner_ts,
             "other": c.loser_value, "other_user": c.loser_user, "other_ts": c.loser_ts}
            for c in api.open_conflicts(cf)]


class ConflictsPane(QWidget):
    """Open sync conflicts; the user picks the value to keep."""

    resolved = Signal(str)  # conflict id

    def __init__(self, ctx: AppContext, controller: SyncController | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncConflictsPane")
        self.ctx, self.controller = ctx, controller
        self.rows: list[dict[str, Any]] = []
        self.banner = QLabel(self)
        self.banner.setObjectName("syncUpdateBanner")
        self.banner.setStyleSheet(UPDATE_STYLE)
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("syncConflicts")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.keep_button = QPushButton(self)
        self.keep_button.setObjectName("keepValue")
        self.other_button = QPushButton(self)
        self.other_button.setObjectName("useOtherValue")
        self.sync_button = QPushButton(self)
        self.sync_button.setObjectName("syncNowPane")
        self.keep_button.clicked.connect(lambda: self.resolve_current("kept"))
        self.other_button.clicked.connect(lambda: self.resolve_current("other"))
        self.sync_button.clicked.connect(lambda: controller.sync_now() if controller else None)
        self.table.itemSelectionChanged.connect(self._enable)
        buttons = QHBoxLayout()
        buttons.addWidget(self.keep_button)
        buttons.addWidget(self.other_button)
        buttons.addStretch(1)
        buttons.addWidget(self.sync_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.retranslate()
        self._enable()

    def retranslate(self) -> None:
        self.intro.setText(_tr("The same field was changed on two computers before they synced. "
                               "The value in place now is kept until you choose."))
        self.table.setHorizontalHeaderLabels([_tr("Record"), _tr("Field"), _tr("Kept value"),
                                              _tr("Other value"), _tr("Kind")])
        self.keep_button.setText(_tr("Keep the value in place"))
        self.other_button.setText(_tr("Use the other value"))
        self.sync_button.setText(_tr("Sync now"))
        self.banner.setText(_tr("casedesk must be updated: another computer uses a newer "
                                "version, and its changes cannot be applied here until then."))

    def show_banner(self, on: bool) -> None:
        self.banner.setVisible(on)

    def reload(self) -> None:
        if self.ctx.is_locked:
            return
        cf = self.ctx.cf
        self.ctx.runner.run_task(lambda: load_conflicts(cf), on_done=self.set_rows,
                                 on_error=lambda exc: show_error(self, exc))

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        kinds = {"field": _tr("both changed"), "delete": _tr("deleted while changed"),
                 "unplaced": _tr("could not be placed")}
        for i, r in enumerate(rows):
            kept = (_tr("(deleted)") if r["kind"] == "delete" else (r["kept"] or ""))
            cells = [
                f"{r['entity']}: {r['record']}", r["field"],
                f"{kept}\n({_stamp(r['kept_user'], r['kept_ts'], self.ctx)})"
                if r["kept_user"] else kept,
                f"{r['other'] or ''}\n({_stamp(r['other_user'], r['other_ts'], self.ctx)})"
                if r["other_user"] else (r["other"] or ""),
                kinds.get(r["kind"], r["kind"]),
            ]
            for j, value in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, r["id"])
                self.table.setItem(i, j, item)
        self.table.resizeRowsToContents()
        self._enable()

    def current(self) -> dict[str, Any] | None:
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) and \
            self.table.selectionModel().hasSelection() else None

    def _enable(self) -> None:
        r = self.current()
        can = not self.ctx.is_locked and self.ctx.cf.user.can(Right.EDIT)
        self.keep_button.setEnabled(r is not None and can)
        self.other_button.setEnabled(r is not None and can and r["kind"] == "field")

    def resolve_current(self, choice: str) -> None:
        r = self.current()
        if r is not None:
            self.resolve(r["id"], choice)

    def resolve(self, conflict_id: str, choice: str) -> None:
        from casedesk.core.sync import api

        cf = self.ctx.cf
        entity = next((r["entity"] for r in self.rows if r["id"] == conflict_id), "")

        def done(_c: Any) -> None:
            self.ctx.notify(changed_kinds([entity]) if entity else set())
            self.resolved.emit(conflict_id)
            if self.controller is not None:
                self.controller.refresh()
            self.reload()

        self.ctx.runner.run_task(lambda: api.resolve_conflict(cf, conflict_id, choice),
                                 on_done=done, on_error=lambda exc: show_error(self, exc))


# -- the Settings section -------------------------------------------------------------------------


class SyncSection(QGroupBox):
    """Settings ▸ Sync: the share folder, the interval and "Sync now"."""

    def __init__(self, settings: QSettings, controller: SyncController | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncSection")
        self.settings, self.controller = settings, controller
        self.folder = QLineEdit(self)
        self.folder.setObjectName("syncFolder")
        self.browse = QPushButton(self)
        self.browse.setObjectName("syncBrowse")
        self.minutes = QSpinBox(self)
        self.minutes.setObjectName("syncMinutes")
        self.minutes.setRange(1, 240)
        self.minutes.setValue(interval_minutes(settings))
        self.sync_button = QPushButton(self)
        self.sync_button.setObjectName("syncNow")
        self.status = QLabel(self)
        self.status.setObjectName("syncSectionStatus")
        self.status.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(self.browse)
        self.form = QFormLayout(self)
        self.folder_label = QLabel(self)
        self.folder_label.setBuddy(self.folder)
        self.minutes_label = QLabel(self)
        self.minutes_label.setBuddy(self.minutes)
        self.form.addRow(self.folder_label, row)
        self.form.addRow(self.minutes_label, self.minutes)
        self.form.addRow(self.sync_button, self.status)
        self.browse.clicked.connect(self.choose)
        self.sync_button.clicked.connect(self.sync_now)
        usable = controller is not None and not controller.ctx.is_locked
        if usable and controller is not None:
            self.folder.setText(controller.share)
            controller.status_changed.connect(self._show)
            self._show()
        else:
            self.setEnabled(False)
        self.setTitle(_tr("Sync"))
        self.folder_label.setText(_tr("Share &folder:"))
        self.minutes_label.setText(_tr("Sync &every:"))
        self.minutes.setSuffix(_tr(" min"))
        self.browse.setText(_tr("Choose…"))
        self.sync_button.setText(_tr("Sync &now"))
        if not usable:
            self.status.setText(_tr("Open a case file to set up sync."))

    def choose(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _tr("Choose the share folder"),
                                                  self.folder.text())
        if folder:
            self.folder.setText(str(Path(folder)))

    def save(self) -> None:
        if self.controller is not None and self.isEnabled():
            self.controller.set_share(self.folder.text().strip(), self.minutes.value())

    def sync_now(self) -> None:
        self.save()
        if self.controller is not None:
            self.controller.sync_now()

    def _show(self) -> None:
        if self.controller is not None:
            text, tip = self.controller.status_text()
            self.status.setText(text)
            self.status.setToolTip(tip)


def add_settings_section(dialog: QDialog, settings: QSettings) -> SyncSection:
    """Put the Sync section in the settings dialog, above its buttons."""
    controller = getattr(dialog.parent(), "sync_ui", None)
    section = SyncSection(settings, controller if isinstance(controller, SyncController)
                          else None, dialog)
    form = getattr(dialog, "form", None)
    layout = form.layout() if form is not None else None
    if isinstance(layout, QFormLayout):
        layout.insertRow(max(0, layout.rowCount() - 2), section)
    else:
        (dialog.layout() or QVBoxLayout(dialog)).addWidget(section)
    return section


def install_sync(window: Any) -> SyncController:
    window.sync_ui = SyncController(window, window.ctx)
    return window.sync_ui  # type: ignore[no-any-return]
