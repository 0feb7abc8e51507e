"""The "Draft intakes" list: unfinished intakes (client name, practice area, step, last change)
to resume or discard, and the main window's intake menu entries (:func:`install`)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMainWindow,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from casedesk.core import intake
from casedesk.core.errors import CasedeskError
from casedesk.core.permissions import Right
from casedesk.gui import labels
from casedesk.gui.context import AppContext
from casedesk.gui.errors import show_error
from casedesk.gui.intake_wizard import (
    CONFLICT_STEP,
    DECISION_STEP,
    IntakeWizard,
    open_intake,
    ui_language,
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("IntakeDrafts", text)


def ask_discard(parent: QWidget, label: str) -> tuple[bool, str]:
    """Confirm discarding (and ask why).  Tests replace this."""
    reason, ok = QInputDialog.getText(
        parent, _tr("Discard intake"),
        _tr("Discard the intake of %1? It is kept in the audit trail but can no longer be "
            "resumed.\n\nReason (optional):").replace("%1", label or _tr("(no name yet)")))
    return ok, reason


class DraftsWindow(QWidget):
    """Unfinished intakes, newest change first."""

    resume_requested = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("intakeDrafts")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Draft intakes — casedesk"))
        font = QFont(self.font())
        font.setPointSizeF(12)
        self.setFont(font)
        self.rows: list[intake.DraftSummary] = []
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("draftsTable")
        self.table.setHorizontalHeaderLabels([
            self.tr("Client"), self.tr("Practice area"), self.tr("Step"),
            self.tr("Last change"), self.tr("By")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda *_: self.resume())
        self.table.activated.connect(lambda *_: self.resume())
        self.empty = QLabel(self.tr("No unfinished intakes."), self)
        self.new_button = QPushButton(self.tr("&New intake…"), self)
        self.new_button.clicked.connect(self.new_intake)
        self.resume_button = QPushButton(self.tr("&Resume"), self)
        self.resume_button.setObjectName("resumeButton")
        self.resume_button.clicked.connect(self.resume)
        self.discard_button = QPushButton(self.tr("&Discard…"), self)
        self.discard_button.setObjectName("discardButton")
        self.discard_button.clicked.connect(self.discard)
        close = QPushButton(self.tr("Close"), self)
        close.clicked.connect(self.close)
        can_edit = ctx.cf.user.can(Right.EDIT)
        for b in (self.new_button, self.resume_button, self.discard_button):
            b.setEnabled(can_edit)
        for b in (self.new_button, self.resume_button, self.discard_button, close):
            b.setMinimumHeight(36)
        bar = QHBoxLayout()
        bar.addWidget(self.new_button)
        bar.addStretch(1)
        bar.addWidget(self.discard_button)
        bar.addWidget(self.resume_button)
        bar.addWidget(close)
        box = QVBoxLayout(self)
        box.setContentsMargins(16, 12, 16, 12)
        box.addWidget(QLabel(self.tr("Intakes not yet accepted or declined. Resume one to "
                                     "continue exactly where it stopped."), self))
        box.addWidget(self.table, 1)
        box.addWidget(self.empty)
        box.addLayout(bar)
        self.resize(900, 480)
        ctx.changed.connect(self._changed)
        self.refresh()

    def _changed(self, kinds: set[str]) -> None:
        if "intake" in kinds and not self.ctx.is_locked:
            self.refresh()

    def _step_title(self, row: intake.DraftSummary) -> str:
        if row.current_step == CONFLICT_STEP:
            return self.tr("Conflict check")
        if row.current_step == DECISION_STEP:
            return self.tr("Accept or decline")
        try:
            q = intake.questionnaires(self.ctx.cf).get(row.questionnaire_id)
        except CasedeskError:
            q = None
        el = ui_language(self.ctx) == "el"
        for step in q.steps if q else ():
            if step.id == row.current_step:
                return step.title_el if el else step.title
        return row.current_step or ""

    def refresh(self) -> None:
        try:
            self.rows = intake.list_drafts(self.ctx.cf)
        except CasedeskError as exc:
            show_error(self, exc)
            return
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            values = [row.label or self.tr("(no name yet)"),
                      labels.value("area", row.practice_area), self._step_title(row),
                      self.ctx.format_datetime(row.updated_at), row.updated_by]
            for c, text in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.empty.setVisible(not self.rows)
        self.table.setVisible(bool(self.rows))
        if self.rows and self.table.currentRow() < 0:
            self.table.selectRow(0)

    def current(self) -> intake.DraftSummary | None:
        r = self.table.currentRow()
        return self.rows[r] if 0 <= r < len(self.rows) else None

    def new_intake(self) -> None:
        self.resume_requested.emit("")

    def resume(self) -> None:
        row = self.current()
        if row is not None:
            self.resume_requested.emit(row.id)

    def discard(self) -> None:
        row = self.current()
        if row is None:
            return
        ok, reason = ask_discard(self, row.label)
        if not ok:
            return
        cf = self.ctx.cf

        def done(_d: Any) -> None:
            self.ctx.notify({"intake"})
            self.refresh()
        self.ctx.runner.run_task(lambda: intake.discard(cf, row.id, reason or None), done,
                                 lambda exc: show_error(self, exc), parent=self)


class IntakeUi:
    """The main window's intake entries: New ▸ Client intake…, File ▸ Draft intakes…, and a
    status-bar button while unfinished intakes exist (shown on start)."""

    def __init__(self, window: QMainWindow, ctx: AppContext) -> None:
        self.window, self.ctx = window, ctx
        self.wizards: dict[str, IntakeWizard] = {}
        self.drafts: DraftsWindow | None = None
        self.act_intake = QAction(_tr("Client &intake…"), window)
        self.act_intake.setObjectName("actionIntake")
        self.act_intake.setShortcut(QKeySequence("Ctrl+Shift+I"))
        self.act_intake.triggered.connect(lambda: self.open_wizard(None))
        self.act_intake.setEnabled(ctx.cf.user.can(Right.EDIT))
        self.act_drafts = QAction(_tr("Draft intakes…"), window)
        self.act_drafts.setObjectName("actionDraftIntakes")
        self.act_drafts.triggered.connect(self.open_drafts)
        menu_new = getattr(window, "menu_new", None)
        menu_file = getattr(window, "menu_file", None)
        if menu_new is not None:
            menu_new.addSeparator()
            menu_new.addAction(self.act_intake)
            menu_new.addAction(self.act_drafts)
        elif menu_file is not None:
            menu_file.addAction(self.act_intake)
            menu_file.addAction(self.act_drafts)
        self.status_button = QPushButton(window)
        self.status_button.setObjectName("draftIntakesButton")
        self.status_button.setFlat(True)
        self.status_button.clicked.connect(self.open_drafts)
        window.statusBar().addPermanentWidget(self.status_button)
        ctx.changed.connect(self._changed)
        self.update_count()

    def _changed(self, kinds: set[str]) -> None:
        if "intake" in kinds or "matter" in kinds:
            self.update_count()

    def update_count(self) -> None:
        try:
            n = 0 if self.ctx.is_locked else len(intake.list_drafts(self.ctx.cf))
        except CasedeskError:
            n = 0
        self.status_button.setText(_tr("%1 unfinished intake(s)…").replace("%1", str(n)))
        self.status_button.setVisible(n > 0)

    def open_drafts(self) -> DraftsWindow:
        if self.drafts is None:
            self.drafts = DraftsWindow(self.ctx, self.window)
            self.drafts.resume_requested.connect(
                lambda draft_id: self.open_wizard(draft_id or None))
            self.drafts.destroyed.connect(lambda *_: setattr(self, "drafts", None))
        self.drafts.show()
        self.drafts.raise_()
        self.drafts.activateWindow()
        return self.drafts

    def open_wizard(self, draft_id: str | None) -> IntakeWizard | None:
        if draft_id and draft_id in self.wizards:
            wizard = self.wizards[draft_id]
            wizard.show()
            wizard.raise_()
            wizard.activateWindow()
            return wizard
        wizard = open_intake(self.ctx, draft_id, self.window)
        if wizard is None:
            return None
        opener = getattr(self.window, "open_matter", None)
        if opener is not None:
            wizard.open_matter.connect(opener)
        key = draft_id or f"new-{id(wizard)}"
        self.wizards[key] = wizard
        wizard.destroyed.connect(lambda *_: self.wizards.pop(key, None))
        return wizard


def install(window: QMainWindow, ctx: AppContext) -> IntakeUi | None:
    """Add the intake entries to the main window (kept as ``window.intake_ui``)."""
    try:
        ui = IntakeUi(window, ctx)
    except CasedeskError as exc:
        show_error(window, exc)
        return None
    window.intake_ui = ui  # type: ignore[attr-defined]
    return ui
