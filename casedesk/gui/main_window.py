"""The main window: navigation between the Clients, Matters, Documents, Calendar and Tasks panes,
matter workspaces, the Ctrl+K search popup, and the status bar."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from casedesk.core.errors import CasedeskError
from casedesk.core.models import Role
from casedesk.core.permissions import ROLE_LABELS, Right
from casedesk.gui import models
from casedesk.gui.context import AppContext
from casedesk.gui.dialogs import ClientDialog, MatterDialog, TaskDialog, open_dialog
from casedesk.gui.errors import show_error
from casedesk.gui.panes import ListPane, MattersPane
from casedesk.gui.workspace import MatterWorkspace

PANES = ["clients", "matters", "documents", "calendar", "tasks"]


class MainWindow(QMainWindow):
    lock_requested = Signal()
    settings_requested = Signal()
    switch_file_requested = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.ctx = ctx
        self.workspaces: dict[str, MatterWorkspace] = {}
        self.search_popup: Any = None

        self.nav = QListWidget(self)
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(170)
        self.nav.setIconSize(QSize(20, 20))
        self.stack = QStackedWidget(self)
        self.clients = ListPane(ctx, "clients", models.clients_model(ctx), "New client…",
                                self.new_client)
        self.matters = MattersPane(ctx, models.matters_model(ctx), self.new_matter)
        self.documents = ListPane(ctx, "documents", models.documents_model(ctx))
        self.calendar = self._make_calendar()
        self.tasks = ListPane(ctx, "tasks", models.tasks_model(ctx), "New task…", self.new_task)
        self.clients.activated.connect(lambda row: self.edit_client(row.id))
        self.matters.activated.connect(lambda row: self.open_matter(row.id))
        self.documents.activated.connect(lambda row: self.open_matter(row.matter_id))
        self.tasks.activated.connect(self._edit_task_row)
        for pane in (self.clients, self.matters, self.documents, self.calendar, self.tasks):
            self.stack.addWidget(pane)
            QListWidgetItem(self.nav)
        self.nav.currentRowChanged.connect(self.show_pane)

        self.locked_page = QLabel(self)
        self.locked_page.setObjectName("lockedPage")
        self.locked_page.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body = QWidget(self)
        body_layout = QHBoxLayout(self.body)
        body_layout.addWidget(self.nav)
        body_layout.addWidget(self.stack, 1)
        self.central = QStackedWidget(self)
        self.central.addWidget(self.body)
        self.central.addWidget(self.locked_page)
        self.setCentralWidget(self.central)

        self.user_label = QLabel(self)
        self.user_label.setObjectName("statusUser")
        self.file_label = QLabel(self)
        self.file_label.setObjectName("statusFile")
        self.sync_label = QLabel(self)
        self.sync_label.setObjectName("statusSync")
        self.statusBar().addWidget(self.user_label)
        self.statusBar().addWidget(self.file_label, 1)
        self.statusBar().addPermanentWidget(self.sync_label)

        self._make_actions()
        self.search_shortcut = QShortcut(QKeySequence("Ctrl+K"), self)
        self.search_shortcut.activated.connect(self.open_search)
        from casedesk.gui.documents_pane import attach_documents

        self.opened = attach_documents(self)  # Open in Word, drops, leftovers at start-up
        from casedesk.gui.intake_drafts import install as install_intake

        install_intake(self, ctx)  # New ▸ Client intake…, Draft intakes…, drafts on start
        self.retranslate()
        self.restore_state()
        self.nav.setCurrentRow(int(ctx.settings.value("ui/pane", 1) or 1))
        from casedesk.gui.calendar_tools import install_main_window

        install_main_window(self)  # needs attention, reminders, control sheet, .ics, feed
        from casedesk.gui.audit_pane import install as install_admin

        install_admin(self)  # History pane, Reports menu, auto-lock policy
        from casedesk.gui.backup_ui import install_backup

        self.backup = install_backup(self)  # File ▸ Back up now…/Restore…/Backups…, status, timer
        from casedesk.gui.sync_ui import install_sync

        install_sync(self)  # Sync conflicts pane, status-bar item, background sync (issue 7)
        from casedesk.gui.about import install_help_menu

        self.help_menu = install_help_menu(self)  # Help ▸ About casedesk… (keep last)

    # -- building --------------------------------------------------------------------------------
    def _make_calendar(self) -> QWidget:
        try:
            from casedesk.gui.calendar_pane import CalendarPane
        except ImportError:  # the calendar pane is built by another change
            label = QLabel(self)
            label.setObjectName("calendarPlaceholder")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            return label
        pane = CalendarPane(self.ctx)
        signal = getattr(pane, "open_matter", None)
        if signal is not None:
            signal.connect(self.open_matter)
        return pane

    def _make_actions(self) -> None:
        self.menu_file = self.menuBar().addMenu("")
        self.menu_new = self.menuBar().addMenu("")
        self.act_switch = QAction(self)
        self.act_switch.triggered.connect(self.switch_file_requested)
        self.act_lock = QAction(self)
        self.act_lock.setShortcut(QKeySequence("Ctrl+L"))
        self.act_lock.triggered.connect(self.lock_requested)
        self.act_settings = QAction(self)
        self.act_settings.triggered.connect(self.settings_requested)
        self.act_quit = QAction(self)
        self.act_quit.setShortcut(QKeySequence.StandardKey.Quit)
        self.act_quit.triggered.connect(self.close)
        self.act_search = QAction(self)
        self.act_search.triggered.connect(self.open_search)
        for act in (self.act_search, self.act_switch, self.act_settings, self.act_lock):
            self.menu_file.addAction(act)
        from casedesk.gui.interchange_actions import ImportExport

        self.import_export = ImportExport(self, self.ctx)
        self.menu_file.addSeparator()
        self.menu_file.addActions(self.import_export.actions())
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_quit)
        self.act_new_client = QAction(self)
        self.act_new_client.triggered.connect(self.new_client)
        self.act_new_matter = QAction(self)
        self.act_new_matter.setShortcut(QKeySequence.StandardKey.New)
        self.act_new_matter.triggered.connect(self.new_matter)
        self.act_new_task = QAction(self)
        self.act_new_task.triggered.connect(self.new_task)
        for act in (self.act_new_client, self.act_new_matter, self.act_new_task):
            self.menu_new.addAction(act)
            act.setEnabled(self.ctx.cf.user.can(Right.EDIT))

    def retranslate(self) -> None:
        names = [self.tr("Clients"), self.tr("Matters"), self.tr("Documents"),
                 self.tr("Calendar"), self.tr("Tasks")]
        for i, name in enumerate(names):
            self.nav.item(i).setText(name)
        if isinstance(self.calendar, QLabel):
            self.calendar.setText(self.tr("Calendar"))
        self.setWindowTitle(self.tr("%1 — casedesk").replace("%1", self.ctx.firm_name))
        self.menu_file.setTitle(self.tr("&File"))
        self.menu_new.setTitle(self.tr("&New"))
        self.act_search.setText(self.tr("Search…  (Ctrl+K)"))
        self.act_switch.setText(self.tr("Open another case file…"))
        self.act_lock.setText(self.tr("Lock now"))
        self.act_settings.setText(self.tr("Settings…"))
        self.act_quit.setText(self.tr("Quit"))
        self.act_new_client.setText(self.tr("Client…"))
        self.act_new_matter.setText(self.tr("Matter…"))
        self.act_new_task.setText(self.tr("Task…"))
        self.locked_page.setText(self.tr("casedesk is locked."))
        self.update_status()

    def update_status(self) -> None:
        if self.ctx.is_locked:
            self.user_label.setText(self.tr("Locked"))
            return
        user = self.ctx.cf.user
        try:
            role = self.tr(ROLE_LABELS[Role(user.role)])
        except ValueError:
            role = user.role
        self.user_label.setText(self.tr("Logged in: %1 (%2)").replace("%1", user.display_name)
                                .replace("%2", role))
        self.file_label.setText(self.tr("Case file: %1").replace("%1", str(self.ctx.cf.path)))
        sync_ui = getattr(self, "sync_ui", None)
        if sync_ui is not None:
            sync_ui.show_status()
        else:
            self.sync_label.setText(self.tr("Sync: not set up"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            for pane in (self.clients, self.matters, self.documents, self.tasks):
                pane.retranslate()
        super().changeEvent(event)

    # -- navigation ------------------------------------------------------------------------------
    def show_pane(self, index: int) -> None:
        if 0 <= index < self.stack.count():
            self.stack.setCurrentIndex(index)
            self.ctx.settings.setValue("ui/pane", index)
            pane = self.stack.widget(index)
            if isinstance(pane, ListPane) and pane.model.rowCount() == 0:
                pane.model.fetchMore()

    def pane(self, name: str) -> QWidget:
        return self.stack.widget(PANES.index(name))

    def open_matter(self, matter_id: str) -> MatterWorkspace:
        ws = self.workspaces.get(matter_id)
        if ws is None:
            ws = MatterWorkspace(self.ctx, matter_id, self)
            ws.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
            ws.destroyed.connect(lambda *_: self.workspaces.pop(matter_id, None))
            ws.open_contact.connect(self.edit_client)
            self.workspaces[matter_id] = ws
        ws.show()
        ws.raise_()
        ws.activateWindow()
        return ws

    def open_hit(self, kind: str, ref: str) -> None:
        """Open what a search hit points at (``SearchPopup.open_hit``)."""
        try:
            if kind == "matter":
                self.open_matter(ref)
            elif kind in ("contact", "client"):
                self.edit_client(ref)
            else:
                matter_id = self._matter_of(kind, ref)
                if matter_id:
                    self.open_matter(matter_id)
        except CasedeskError as exc:
            show_error(self, exc)

    def _matter_of(self, kind: str, ref: str) -> str | None:
        from casedesk.core import models as m

        model = {"event": m.Event, "deadline": m.Deadline, "task": m.Task, "note": m.Note,
                 "document": m.Document, "correspondence": m.Correspondence,
                 "party": m.MatterParty}.get(kind)
        if model is None:
            return None
        with self.ctx.cf.read() as s:
            obj = s.get(model, ref)
            return getattr(obj, "matter_id", None) if obj is not None else None

    def open_search(self) -> None:
        try:
            from casedesk.gui.search_popup import SearchPopup
        except ImportError:  # the search popup is built by another change
            self.statusBar().showMessage(self.tr("Search is not available yet."), 3000)
            return
        if self.search_popup is None:
            self.search_popup = SearchPopup(self.ctx, self)
            self.search_popup.open_hit.connect(self.open_hit)
        self.search_popup.show()
        self.search_popup.raise_()
        self.search_popup.activateWindow()

    # -- dialogs ---------------------------------------------------------------------------------
    def _open(self, make: Any) -> Any:
        try:
            return open_dialog(make())
        except CasedeskError as exc:
            show_error(self, exc)
            return None

    def new_client(self) -> Any:
        return self._open(lambda: ClientDialog(self.ctx, parent=self))

    def edit_client(self, contact_id: str) -> Any:
        return self._open(lambda: ClientDialog(self.ctx, contact_id, parent=self))

    def new_matter(self) -> Any:
        row = self.clients.current_row() if self.stack.currentWidget() is self.clients else None
        dialog = self._open(lambda: MatterDialog(self.ctx, client_id=row.id if row else None,
                                                 parent=self))
        if dialog is not None:
            dialog.saved.connect(lambda m: self.open_matter(m.id))
        return dialog

    def new_task(self) -> Any:
        return self._open(lambda: TaskDialog(self.ctx, parent=self))

    def _edit_task_row(self, row: Any) -> None:
        self._open(lambda: TaskDialog(self.ctx, task_id=row.id, parent=self))

    # -- locking ---------------------------------------------------------------------------------
    def set_locked(self, locked: bool) -> None:
        self.central.setCurrentWidget(self.locked_page if locked else self.body)
        self.menuBar().setEnabled(not locked)
        self.search_shortcut.setEnabled(not locked)
        self.update_status()

    # -- remembered geometry ---------------------------------------------------------------------
    def restore_state(self) -> None:
        geometry = self.ctx.settings.value("ui/main_geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 800)

    def closeEvent(self, event: Any) -> None:
        self.ctx.settings.setValue("ui/main_geometry", self.saveGeometry())
        for pane in (self.clients, self.matters, self.documents, self.tasks):
            pane.save_layout()
        for ws in list(self.workspaces.values()):
            ws.close()
        super().closeEvent(event)
