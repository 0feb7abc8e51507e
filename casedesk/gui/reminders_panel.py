"""Deadline reminders while the app runs: an in-app panel and system notifications.

:class:`ReminderWatcher` asks :func:`casedesk.core.services.reminders.due_reminders` at start-up
and every :data:`CHECK_MINUTES` minutes (and after deadlines change).  Reminders not announced
before in this session are announced: as a system notification
(``QSystemTrayIcon.showMessage``) when the desktop has a tray, otherwise by showing the
:class:`RemindersPanel` (a dock of the main window).  The panel lists every due and overdue
reminder with "Done" (``calendar.set_deadline_done``, which records who and when), "Dismiss
for today" (``reminders.dismiss``) and "Open matter".
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QSystemTrayIcon,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from casedesk.core.services import calendar, reminders
from casedesk.core.services.reminders import Reminder
from casedesk.gui.context import AppContext
from casedesk.gui.errors import show_error

CHECK_MINUTES = 5
OVERDUE_COLOUR = QColor("#c62828")
MINE_SETTING = "reminders/mine_only"


def _tr(text: str) -> str:
    return QCoreApplication.translate("Reminders", text)


def when_text(r: Reminder, today: date) -> str:
    days = (r.due - today).days
    if r.overdue:
        return (_tr("overdue by 1 day") if days == -1
                else _tr("overdue by %1 days").replace("%1", str(-days)))
    if days == 0:
        return _tr("due today")
    if days == 1:
        return _tr("due tomorrow")
    return _tr("due in %1 days").replace("%1", str(days))


class RemindersPanel(QDockWidget):
    """The list of due and overdue reminders."""

    open_matter = Signal(str)
    refresh_requested = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("remindersPanel")
        self.ctx = ctx
        self.reminders: list[Reminder] = []
        self.today: date = date.today()
        self.setWindowTitle(_tr("Reminders"))
        body = QWidget(self)
        self.summary = QLabel(body)
        self.summary.setObjectName("remindersSummary")
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 4, body)
        self.table.setObjectName("remindersTable")
        self.table.setHorizontalHeaderLabels([_tr("Due"), _tr("When"), _tr("Matter"),
                                              _tr("Deadline")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.setMinimumWidth(520)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda *_: self.open_selected())
        self.done_button = QPushButton(_tr("Done"), body)
        self.done_button.setObjectName("reminderDone")
        self.done_button.setToolTip(_tr("Mark the deadline done (your name and the time are "
                                        "recorded)"))
        self.dismiss_button = QPushButton(_tr("Dismiss for today"), body)
        self.dismiss_button.setObjectName("reminderDismiss")
        self.open_button = QPushButton(_tr("Open matter"), body)
        self.open_button.setObjectName("reminderOpen")
        self.mine = QCheckBox(_tr("Only my deadlines"), body)
        self.mine.setObjectName("reminderMine")
        self.mine.setChecked(str(ctx.settings.value(MINE_SETTING, "true")).lower()
                             in ("true", "1"))
        self.mine.toggled.connect(self._mine_toggled)
        self.done_button.clicked.connect(self.mark_done)
        self.dismiss_button.clicked.connect(self.dismiss_selected)
        self.open_button.clicked.connect(self.open_selected)
        buttons = QHBoxLayout()
        for b in (self.done_button, self.dismiss_button, self.open_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.mine)
        layout = QVBoxLayout(body)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.setWidget(body)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self._update_buttons()

    @property
    def mine_only(self) -> bool:
        return self.mine.isChecked()

    def _mine_toggled(self, on: bool) -> None:
        self.ctx.settings.setValue(MINE_SETTING, on)
        self.refresh_requested.emit()

    def set_reminders(self, items: list[Reminder], today: date) -> None:
        self.reminders, self.today = items, today
        overdue = sum(1 for r in items if r.overdue)
        if not items:
            self.summary.setText(_tr("No reminders are due."))
        else:
            self.summary.setText(_tr("%1 reminders, %2 overdue.").replace(
                "%1", str(len(items))).replace("%2", str(overdue)))
        self.table.setRowCount(len(items))
        for i, r in enumerate(items):
            cells = [self.ctx.format_date(r.due), when_text(r, today), r.matter_number,
                     r.deadline.title + (f"  ({r.deadline.rule})" if r.deadline.rule else "")]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(cells[3])
                if r.overdue:
                    item.setForeground(OVERDUE_COLOUR)
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(i, col, item)
        self.table.resizeColumnsToContents()
        self._update_buttons()

    def selected(self) -> Reminder | None:
        row = self.table.currentRow()
        return self.reminders[row] if 0 <= row < len(self.reminders) else None

    def _update_buttons(self) -> None:
        r = self.selected()
        for b in (self.done_button, self.dismiss_button):
            b.setEnabled(r is not None)
        self.open_button.setEnabled(r is not None and bool(r.deadline.matter_id))

    def _run(self, fn: Any, kinds: set[str]) -> None:
        self.ctx.runner.run_task(fn, lambda _r: (self.ctx.notify(kinds),
                                                 self.refresh_requested.emit()),
                                 lambda exc: show_error(self, exc), parent=self)

    def mark_done(self) -> None:
        r = self.selected()
        if r is not None:
            cf, did = self.ctx.cf, r.deadline.id
            self._run(lambda: calendar.set_deadline_done(cf, did, True), {"deadline"})

    def dismiss_selected(self) -> None:
        r = self.selected()
        if r is not None:
            cf, today = self.ctx.cf, self.today
            self._run(lambda: reminders.dismiss(cf, r, today), set())

    def open_selected(self) -> None:
        r = self.selected()
        if r is not None and r.deadline.matter_id:
            self.open_matter.emit(r.deadline.matter_id)


class ReminderWatcher(QObject):
    """Checks for due reminders at start-up and every few minutes; announces new ones."""

    checked = Signal(list)

    def __init__(self, ctx: AppContext, panel: RemindersPanel, parent: QObject | None = None,
                 tray: QSystemTrayIcon | bool | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.panel = ctx, panel
        self.announced: set[tuple[str, int]] = set()
        self.tray: QSystemTrayIcon | None = None
        if tray is None:
            tray = QSystemTrayIcon.isSystemTrayAvailable()
        if tray is True:
            self.tray = QSystemTrayIcon(self)
            self.tray.setIcon(_app_icon())
            self.tray.setToolTip("casedesk")
            self.tray.messageClicked.connect(self.show_panel)
            self.tray.activated.connect(lambda *_: self.show_panel())
            self.tray.show()
        elif isinstance(tray, QSystemTrayIcon):
            self.tray = tray
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_MINUTES * 60 * 1000)
        self.timer.timeout.connect(self.check)
        self._changed_timer = QTimer(self)
        self._changed_timer.setSingleShot(True)
        self._changed_timer.setInterval(500)
        self._changed_timer.timeout.connect(self.check)
        panel.refresh_requested.connect(self.check)
        ctx.changed.connect(lambda kinds: "deadline" in kinds and self._changed_timer.start())
        ctx.unlocked.connect(self.check)

    def start(self) -> None:
        self.check()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        self._changed_timer.stop()
        if self.tray is not None:
            self.tray.hide()

    def check(self) -> None:
        if self.ctx.is_locked:
            return
        cf = self.ctx.cf
        user = cf.user.username if self.panel.mine_only else None

        def work() -> tuple[list[Reminder], date]:
            today = reminders.firm_today(cf)
            return reminders.due_reminders(cf, today=today, user=user), today

        self.ctx.runner.run_task(work, self._show, lambda exc: None)

    def _show(self, result: tuple[list[Reminder], date]) -> None:
        items, today = result
        self.panel.set_reminders(items, today)
        new = [r for r in items if (r.deadline.id, r.lead_days) not in self.announced]
        self.announced |= {(r.deadline.id, r.lead_days) for r in items}
        if new:
            self.announce(new, today)
        self.checked.emit(items)

    def announce(self, new: list[Reminder], today: date) -> None:
        if self.tray is not None and self.tray.isVisible():
            first = new[0]
            title = (_tr("%1 deadline reminders").replace("%1", str(len(new))) if len(new) > 1
                     else _tr("Deadline reminder"))
            lines = [f"{r.matter_number} {r.deadline.title}: {when_text(r, today)}"
                     for r in new[:4]]
            if len(new) > 4:
                lines.append(_tr("… and %1 more").replace("%1", str(len(new) - 4)))
            icon = (QSystemTrayIcon.MessageIcon.Warning if first.overdue
                    else QSystemTrayIcon.MessageIcon.Information)
            self.tray.showMessage(title, "\n".join(lines), icon, 15000)
        else:
            self.show_panel()

    def show_panel(self) -> None:
        self.panel.show()
        self.panel.raise_()


def _app_icon() -> QIcon:
    app = QApplication.instance()
    icon = app.windowIcon() if isinstance(app, QApplication) else QIcon()
    if icon.isNull() and isinstance(app, QApplication):
        icon = app.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
    return icon

