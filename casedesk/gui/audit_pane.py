"""The History pane (the firm-wide audit viewer) and the partners' report preview.

:func:`install` adds to the main window, without touching its own layout code:

* a "History" pane at the end of the navigation for roles with the audit right (admin,
  attorney, case manager): filters by user, matter number, record type and period, paged, with
  "Export CSV…";
* a "Reports" menu: weekly / monthly report preview (HTML in a QTextBrowser) with
  "Save as PDF…" and "Save as Word…";
* for administrators, an "Administration" menu with "Rotate the firm key…"
  (:class:`casedesk.gui.walls_ui.FirmKeyRotation`) and "Erase personal data…"
  (:class:`casedesk.gui.erasure_ui.PersonalDataErasure`);
* the firm's auto-lock policy, when set, for the idle watcher.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QDate, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from casedesk.core import auditview, reports
from casedesk.core.errors import CasedeskError
from casedesk.core.permissions import Right
from casedesk.gui.context import AppContext
from casedesk.gui.errors import show_error

if TYPE_CHECKING:
    from casedesk.gui.main_window import MainWindow

PAGE = 200
COLUMNS = ["When", "User", "Record type", "Record", "Operation", "Field", "Old value",
           "New value"]


def _tr(text: str) -> str:
    return QCoreApplication.translate("AuditPane", text)


class AuditPane(QWidget):
    """Filters over the audit trail, one page at a time, newest first."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyPane")
        self.ctx = ctx
        self.offset = 0
        self.user = QComboBox(self)
        self.user.setObjectName("historyUser")
        self.matter = QLineEdit(self)
        self.matter.setObjectName("historyMatter")
        self.matter.setPlaceholderText(_tr("Matter number"))
        self.entity = QComboBox(self)
        self.entity.setObjectName("historyEntity")
        self.start = QDateEdit(self)
        self.end = QDateEdit(self)
        for edit, days in ((self.start, -30), (self.end, 0)):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setDate(QDate.currentDate().addDays(days))
        self.apply_button = QPushButton(_tr("Show"), self)
        self.export_button = QPushButton(_tr("Export CSV…"), self)
        self.more_button = QPushButton(_tr("Older…"), self)
        self.status = QLabel(self)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("historyTable")
        self.table.setHorizontalHeaderLabels([_tr(c) for c in COLUMNS])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        filters = QHBoxLayout()
        for label, w in ((_tr("User"), self.user), (_tr("Matter"), self.matter),
                         (_tr("Record type"), self.entity), (_tr("From"), self.start),
                         (_tr("To"), self.end)):
            filters.addWidget(QLabel(label, self))
            filters.addWidget(w)
        filters.addWidget(self.apply_button)
        filters.addStretch(1)
        filters.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.more_button)
        layout.addLayout(bottom)
        self.apply_button.clicked.connect(self.refresh)
        self.matter.returnPressed.connect(self.refresh)
        self.more_button.clicked.connect(self.next_page)
        self.export_button.clicked.connect(self.choose_export)
        self.export_button.setEnabled(ctx.cf.user.can(Right.EXPORT))
        self._fill_choices()

    def _fill_choices(self) -> None:
        self.user.addItem(_tr("(anyone)"), None)
        for u in self.ctx.cf.list_users():
            self.user.addItem(u.username, u.username)
        self.entity.addItem(_tr("(any)"), None)
        for e in auditview.entities(self.ctx.cf):
            self.entity.addItem(e, e)

    def current_filter(self) -> auditview.AuditFilter:
        return auditview.AuditFilter(
            user=self.user.currentData(), matter=self.matter.text().strip() or None,
            entity=self.entity.currentData(), start=self.start.date().toPython(),
            end=self.end.date().toPython())

    def refresh(self) -> None:
        self.offset = 0
        self.table.setRowCount(0)
        self._load()

    def next_page(self) -> None:
        self.offset += PAGE
        self._load()

    def _load(self) -> None:
        try:
            page = auditview.query(self.ctx.cf, self.current_filter(), offset=self.offset,
                                   limit=PAGE)
        except CasedeskError as exc:
            show_error(self, exc)
            return
        for line in page.lines:
            row = self.table.rowCount()
            self.table.insertRow(row)
            for col, value in enumerate((line.when, line.user, line.entity, line.record,
                                         line.op, line.field, line.old, line.new)):
                self.table.setItem(row, col, QTableWidgetItem(value))
        self.more_button.setEnabled(page.has_more)
        self.status.setText(_tr("%1 changes match; showing %2 lines.")
                            .replace("%1", str(page.total_rows))
                            .replace("%2", str(self.table.rowCount())))

    def choose_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, _tr("Export history"), "history.csv",
                                              _tr("CSV files (*.csv)"))
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> int:
        try:
            n = auditview.export_csv(self.ctx.cf, self.current_filter(), path)
        except CasedeskError as exc:
            show_error(self, exc)
            return 0
        self.status.setText(_tr("Exported %1 lines to %2.").replace("%1", str(n))
                            .replace("%2", str(path)))
        return n


class ReportDialog(QDialog):
    """A preview of the weekly or monthly report with "Save as PDF…" / "Save as Word…"."""

    def __init__(self, ctx: AppContext, kind: str = "weekly",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from casedesk import reports_render
        from casedesk.core.services.reminders import firm_today

        self.ctx = ctx
        self.setObjectName("reportDialog")
        self.kind = QComboBox(self)
        self.kind.addItem(_tr("Weekly"), "weekly")
        self.kind.addItem(_tr("Monthly"), "monthly")
        self.kind.setCurrentIndex(0 if kind == "weekly" else 1)
        self.day = QDateEdit(self)
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setDate(QDate(firm_today(ctx.cf)))
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("reportPreview")
        self.pdf_button = QPushButton(_tr("Save as PDF…"), self)
        self.docx_button = QPushButton(_tr("Save as Word…"), self)
        close = QPushButton(_tr("Close"), self)
        top = QHBoxLayout()
        top.addWidget(self.kind)
        top.addWidget(QLabel(_tr("As of"), self))
        top.addWidget(self.day)
        top.addStretch(1)
        top.addWidget(self.pdf_button)
        top.addWidget(self.docx_button)
        top.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.browser, 1)
        self.render_module = reports_render
        self.report: reports.Report | None = None
        self.kind.currentIndexChanged.connect(self.refresh)
        self.day.dateChanged.connect(self.refresh)
        self.pdf_button.clicked.connect(lambda: self.choose_file(".pdf"))
        self.docx_button.clicked.connect(lambda: self.choose_file(".docx"))
        close.clicked.connect(self.accept)
        can_save = ctx.cf.user.can(Right.EXPORT)
        self.pdf_button.setEnabled(can_save)
        self.docx_button.setEnabled(can_save)
        self.setWindowTitle(_tr("Report"))
        self.resize(900, 800)
        self.refresh()

    def refresh(self) -> None:
        build = reports.weekly if self.kind.currentData() == "weekly" else reports.monthly
        try:
            self.report = build(self.ctx.cf, self.day.date().toPython())
        except CasedeskError as exc:
            show_error(self, exc)
            return
        self.browser.setDocument(self.render_module.text_document(self.report))
        self.setWindowTitle(self.report.title)

    def choose_file(self, suffix: str) -> None:
        kind = "PDF (*.pdf)" if suffix == ".pdf" else "Word (*.docx)"
        path, _ = QFileDialog.getSaveFileName(self, _tr("Save report"), f"report{suffix}", kind)
        if path:
            self.save_to(Path(path).with_suffix(suffix))

    def save_to(self, path: Path) -> Path | None:
        try:
            self.ctx.cf.require(Right.EXPORT, "save reports")
            assert self.report is not None
            return self.render_module.render(self.report, path)
        except CasedeskError as exc:
            show_error(self, exc)
            return None


class AdminTools(QObject):
    """What :func:`install` adds (kept as ``window.admin_tools``)."""

    def __init__(self, win: MainWindow) -> None:
        super().__init__(win)
        self.win = win
        ctx = win.ctx
        self.pane: AuditPane | None = None
        if ctx.cf.user.can(Right.AUDIT):
            self.pane = AuditPane(ctx)
            win.stack.addWidget(self.pane)
            item = QListWidgetItem(win.nav)
            item.setText(_tr("History"))
            self.pane_index = win.stack.indexOf(self.pane)
        menu = win.menuBar().addMenu(_tr("&Reports"))
        self.act_weekly = QAction(_tr("Weekly report…"), win)
        self.act_monthly = QAction(_tr("Monthly report…"), win)
        self.act_weekly.triggered.connect(lambda: self.open_report("weekly"))
        self.act_monthly.triggered.connect(lambda: self.open_report("monthly"))
        menu.addAction(self.act_weekly)
        menu.addAction(self.act_monthly)
        from casedesk.gui.walls_ui import FirmKeyRotation

        self.rotation = FirmKeyRotation(win)  # re-key the file after removing a user for good
        from casedesk.gui.erasure_ui import PersonalDataErasure

        self.erasure = PersonalDataErasure(win)  # erase a person's data where policy allows
        self.admin_menu: QMenu | None = None
        if ctx.cf.user.can(Right.ADMINISTER):
            self.admin_menu = win.menuBar().addMenu(_tr("&Administration"))
            self.admin_menu.addAction(self.rotation.action)
            self.admin_menu.addAction(self.erasure.action)
        self.apply_autolock_policy()

    def open_report(self, kind: str) -> Any:
        try:
            dialog = ReportDialog(self.win.ctx, kind, self.win)
        except CasedeskError as exc:
            show_error(self.win, exc)
            return None
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.show()
        return dialog

    def apply_autolock_policy(self) -> None:
        from casedesk.core import policy
        from casedesk.gui import autolock

        minutes = policy.get(self.win.ctx.cf).autolock_minutes
        autolock.POLICY_MINUTES[:] = [float(minutes)] if minutes else []


def install(win: MainWindow) -> AdminTools:
    win.admin_tools = AdminTools(win)  # type: ignore[attr-defined]
    return win.admin_tools  # type: ignore[attr-defined,no-any-return]
