"""Deadline and calendar tools of the main window (issue 5).

:func:`install_main_window` adds, without touching the window's own layout code:

* a "Needs attention" pane at the end of the navigation;
* the reminders panel (a dock) and the :class:`ReminderWatcher` (start-up and every few
  minutes; tray notifications when the desktop has a tray);
* a "Deadlines" menu: reminders, deadline-control sheet (PDF), export calendar (.ics) and the
  calendar-feed settings (the feed server runs while the app runs, see :mod:`ical`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QListWidgetItem

from casedesk.core.errors import CasedeskError
from casedesk.gui.attention_pane import NeedsAttentionPane
from casedesk.gui.control_sheet import ControlSheetDialog
from casedesk.gui.errors import show_error
from casedesk.gui.ical import CalendarFeedDialog, FeedController, IcsExportDialog
from casedesk.gui.reminders_panel import RemindersPanel, ReminderWatcher

if TYPE_CHECKING:
    from casedesk.gui.main_window import MainWindow

PANE_NAME = "attention"


def _tr(text: str) -> str:
    return QCoreApplication.translate("CalendarTools", text)


class CalendarTools(QObject):
    """What :func:`install_main_window` adds (kept as ``window.calendar_tools``)."""

    def __init__(self, win: MainWindow) -> None:
        super().__init__(win)
        self.win = win
        ctx = win.ctx
        self.ctx = ctx
        # -- the pane
        self.attention = NeedsAttentionPane(ctx)
        self.attention.open_matter.connect(win.open_matter)
        win.stack.addWidget(self.attention)
        self.nav_item = QListWidgetItem(win.nav)
        self.pane_index = win.stack.indexOf(self.attention)
        if int(ctx.settings.value("ui/pane", -1) or -1) == self.pane_index:
            win.nav.setCurrentRow(self.pane_index)
        # -- reminders
        self.reminders = RemindersPanel(ctx, win)
        self.reminders.open_matter.connect(win.open_matter)
        win.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.reminders)
        self.reminders.hide()
        self.watcher = ReminderWatcher(ctx, self.reminders, self)
        # -- the feed
        self.feed = FeedController(ctx, self)
        # -- the menu
        self.menu = win.menuBar().addMenu("")
        self.act_reminders = QAction(self)
        self.act_reminders.triggered.connect(self.watcher.show_panel)
        self.act_attention = QAction(self)
        self.act_attention.triggered.connect(lambda: win.nav.setCurrentRow(self.pane_index))
        self.act_sheet = QAction(self)
        self.act_sheet.triggered.connect(self.control_sheet)
        self.act_export = QAction(self)
        self.act_export.triggered.connect(self.export_ics)
        self.act_feed = QAction(self)
        self.act_feed.triggered.connect(self.feed_settings)
        for act in (self.act_reminders, self.act_attention, self.act_sheet):
            self.menu.addAction(act)
        self.menu.addSeparator()
        self.menu.addAction(self.act_export)
        self.menu.addAction(self.act_feed)
        win.installEventFilter(self)
        self._dock_was_visible = False
        ctx.locked.connect(self._locked)
        ctx.unlocked.connect(self._unlocked)
        self.retranslate()
        self.watcher.start()

    def retranslate(self) -> None:
        self.nav_item.setText(_tr("Needs attention"))
        self.menu.setTitle(_tr("&Deadlines"))
        self.act_reminders.setText(_tr("Reminders"))
        self.act_attention.setText(_tr("Needs attention"))
        self.act_sheet.setText(_tr("Deadline-control sheet (PDF)…"))
        self.act_export.setText(_tr("Export calendar (.ics)…"))
        self.act_feed.setText(_tr("Calendar feed (Outlook)…"))

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.win:
            if event.type() == QEvent.Type.LanguageChange:
                self.retranslate()
            elif event.type() == QEvent.Type.Close:
                self.shutdown()
        return False

    def _locked(self) -> None:  # the dock shows deadlines: never over the lock screen
        self._dock_was_visible = self.reminders.isVisible()
        self.reminders.hide()
        self.watcher.timer.stop()

    def _unlocked(self) -> None:
        self.reminders.setVisible(self._dock_was_visible)
        self.watcher.timer.start()

    def shutdown(self) -> None:
        self.watcher.stop()
        self.feed.stop(remember=False)

    # -- dialogs ----------------------------------------------------------------------------------
    def _open(self, make: Any) -> Any:
        try:
            dialog = make()
        except CasedeskError as exc:
            show_error(self.win, exc)
            return None
        dialog.open()
        return dialog

    def control_sheet(self) -> ControlSheetDialog | None:
        dialog = self._open(lambda: ControlSheetDialog(self.ctx, parent=self.win))
        if dialog is not None:
            dialog.saved.connect(lambda p: self.win.statusBar().showMessage(
                _tr("Control sheet saved: %1").replace("%1", p), 8000))
        return dialog  # type: ignore[no-any-return]

    def export_ics(self) -> IcsExportDialog | None:
        dialog: IcsExportDialog | None = self._open(
            lambda: IcsExportDialog(self.ctx, parent=self.win))
        return dialog

    def feed_settings(self) -> CalendarFeedDialog | None:
        dialog: CalendarFeedDialog | None = self._open(
            lambda: CalendarFeedDialog(self.ctx, self.feed, self.win))
        return dialog


def install_main_window(win: MainWindow) -> CalendarTools:
    tools = CalendarTools(win)
    win.calendar_tools = tools  # type: ignore[attr-defined]
    return tools
