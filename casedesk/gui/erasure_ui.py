"""Erasing a person's data in the GUI (issue 10): Administration ▸ Erase personal data….

:class:`PersonalDataErasure` is the action of the administration menu
(:class:`casedesk.gui.audit_pane.AdminTools`); it opens :class:`ErasureDialog`:

* at the top, what the retention policy lets the firm erase now
  (:func:`casedesk.core.erasure.retention_report`: contacts whose every matter closed beyond the
  retention period, declined or discarded intakes), and a field to find any contact by name;
* selecting one shows :func:`casedesk.core.erasure.preview`: every record and value that will
  go, or - in red - why the retention policy keeps it;
* a required "Reason" (kept in the audit trail) and "Erase…", enabled only when the policy allows
  it, which asks a last confirmation (default "No") and runs
  :func:`casedesk.core.erasure.erase` on the worker thread.  Like the firm-key rotation, the
  progress dialog has no "Cancel": the erasure cannot be stopped half-way (it ends with a VACUUM)
  and a cancelled task would drop its result, the list of what was erased.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from casedesk.core import erasure
from casedesk.core.errors import CasedeskError
from casedesk.core.permissions import Right
from casedesk.core.services import queries
from casedesk.gui.context import AppContext
from casedesk.gui.errors import show_error
from casedesk.gui.tasks import blocking_progress

if TYPE_CHECKING:
    from casedesk.core.casefile import CaseFile
    from casedesk.gui.main_window import MainWindow

REFUSAL_STYLE = "color: #b00020;"
SEARCH_LIMIT = 50
#: what an erasure may change, for the panes to reload
CHANGED = {"contact", "intake", "matter", "document", "correspondence", "note", "task", "event",
           "deadline"}


def _tr(text: str) -> str:
    return QCoreApplication.translate("Erasure", text)


def find_contacts(cf: CaseFile, text: str) -> list[queries.ContactRow]:
    return queries.contacts(cf, queries.ListQuery(text=text, limit=SEARCH_LIMIT),
                            clients_only=False)


def erasable_rows(cf: CaseFile) -> list[erasure.RetentionRow]:
    return [r for r in erasure.retention_report(cf) if r.erasable]


class ErasureDialog(QDialog):
    """Pick a person, see what erasing them destroys, give a reason, erase."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        ctx.cf.require(Right.ADMINISTER, "erase personal data")
        self.ctx = ctx
        self.setObjectName("erasureDialog")
        self.setWindowTitle(_tr("Erase personal data"))
        self.plan: erasure.Plan | None = None
        self.subject_id: str | None = None
        self.progress: QProgressDialog | None = None
        self.result_box: QMessageBox | None = None

        report_box = QGroupBox(_tr("The retention policy allows erasing"), self)
        self.report = QListWidget(report_box)
        self.report.setObjectName("erasureReport")
        self.report_note = QLabel(report_box)
        self.report_note.setObjectName("erasureReportNote")
        self.report_note.setWordWrap(True)
        box_layout = QVBoxLayout(report_box)
        box_layout.addWidget(self.report)
        box_layout.addWidget(self.report_note)

        find_box = QGroupBox(_tr("Or find a contact"), self)
        self.search = QLineEdit(find_box)
        self.search.setObjectName("erasureSearch")
        self.search.setPlaceholderText(_tr("Name, e-mail or phone"))
        self.search.setClearButtonEnabled(True)
        self.found = QListWidget(find_box)
        self.found.setObjectName("erasureFound")
        find_layout = QVBoxLayout(find_box)
        find_layout.addWidget(self.search)
        find_layout.addWidget(self.found)

        self.heading = QLabel(_tr("Select a contact or an intake to see what would be erased."),
                              self)
        self.heading.setObjectName("erasureHeading")
        self.heading.setWordWrap(True)
        self.refusal = QLabel(self)
        self.refusal.setObjectName("erasureRefusal")
        self.refusal.setStyleSheet(REFUSAL_STYLE)
        self.refusal.setWordWrap(True)
        self.refusal.hide()
        self.preview = QPlainTextEdit(self)
        self.preview.setObjectName("erasurePreview")
        self.preview.setReadOnly(True)
        self.preview.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)

        self.reason = QLineEdit(self)
        self.reason.setObjectName("erasureReason")
        self.reason.setPlaceholderText(_tr("Required: why the data is erased (kept in the "
                                           "audit trail)"))
        form = QFormLayout()
        form.addRow(_tr("Reason"), self.reason)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.erase_button = QPushButton(_tr("Erase…"), self)
        self.erase_button.setObjectName("erasureGo")
        self.erase_button.setEnabled(False)
        buttons.addButton(self.erase_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(report_box)
        layout.addWidget(find_box)
        layout.addWidget(self.heading)
        layout.addWidget(self.refusal)
        layout.addWidget(self.preview, 1)
        layout.addLayout(form)
        layout.addWidget(buttons)

        self.report.currentItemChanged.connect(lambda it, _old: self._picked(it, self.found))
        self.found.currentItemChanged.connect(lambda it, _old: self._picked(it, self.report))
        self.search.textChanged.connect(self.find)
        self.reason.textChanged.connect(self._update)
        self.erase_button.clicked.connect(self.confirm)
        self.resize(720, 720)
        self.refresh_report()

    # -- the report and the contact search --------------------------------------------------------
    def refresh_report(self) -> None:
        cf = self.ctx.cf
        self.ctx.runner.run_task(lambda: erasable_rows(cf), self._show_report,
                                 lambda exc: show_error(self, exc))

    def _show_report(self, rows: list[erasure.RetentionRow]) -> None:
        self.report.blockSignals(True)
        self.report.clear()
        for row in rows:
            kind = _tr("Contact") if row.kind == "contact" else _tr("Intake")
            since = f" ({row.since})" if row.since else ""
            it = QListWidgetItem(f"{kind}: {row.label}{since} — {row.note}", self.report)
            it.setData(Qt.ItemDataRole.UserRole, row.id)
        self.report.blockSignals(False)
        self.report_note.setText(_tr("Nothing is due for erasure.") if not rows else "")
        self.report_note.setVisible(not rows)

    def find(self, text: str | None = None) -> None:
        text = (self.search.text() if text is None else text).strip()
        if not text:
            self._show_found([])
            return
        cf = self.ctx.cf
        self.ctx.runner.run_task(lambda: (text, find_contacts(cf, text)),
                                 lambda res: self._show_found(res[1], res[0]),
                                 lambda exc: show_error(self, exc))

    def _show_found(self, rows: list[queries.ContactRow], text: str = "") -> None:
        if text and text != self.search.text().strip():
            return  # an older search, overtaken by typing
        self.found.blockSignals(True)
        self.found.clear()
        for row in rows:
            extra = ", ".join(x for x in (row.email, row.phone) if x)
            role = _tr("client") if row.is_client else row.kind
            it = QListWidgetItem(f"{row.name} ({role}{'; ' + extra if extra else ''})",
                                 self.found)
            it.setData(Qt.ItemDataRole.UserRole, row.id)
        self.found.blockSignals(False)

    # -- the preview ------------------------------------------------------------------------------
    def _picked(self, item: QListWidgetItem | None, other: QListWidget) -> None:
        if item is None:
            return
        other.blockSignals(True)
        other.setCurrentItem(None)  # type: ignore[arg-type]
        other.blockSignals(False)
        self.select(item.data(Qt.ItemDataRole.UserRole))

    def select(self, subject_id: str) -> None:
        """Show what erasing ``subject_id`` (a contact or an intake) would destroy."""
        self.subject_id, self.plan = subject_id, None
        self.heading.setText(_tr("Loading…"))
        self.refusal.hide()
        self.preview.clear()
        self._update()
        cf = self.ctx.cf
        self.ctx.runner.run_task(lambda: erasure.preview(cf, subject_id), self._show_plan,
                                 self._preview_failed)

    def _show_plan(self, plan: erasure.Plan) -> None:
        if plan.subject_id != self.subject_id:
            return  # another one was selected meanwhile
        self.plan = plan
        kind = _tr("contact") if plan.subject == "contact" else _tr("intake")
        if plan.allowed:
            self.heading.setText(_tr("Erasing the %1 “%2” will remove (%3 records):")
                                 .replace("%1", kind).replace("%2", plan.label)
                                 .replace("%3", str(len(plan.items))))
            self.refusal.hide()
        else:
            self.heading.setText(_tr("The %1 “%2” cannot be erased.").replace("%1", kind)
                                 .replace("%2", plan.label))
            self.refusal.setText(plan.refusal or "")
            self.refusal.show()
        self.preview.setPlainText("\n".join(plan.lines()) if plan.allowed else "")
        self._update()

    def _preview_failed(self, exc: BaseException) -> None:
        self.heading.setText(_tr("Select a contact or an intake to see what would be erased."))
        show_error(self, exc)

    def _update(self) -> None:
        self.erase_button.setEnabled(self.plan is not None and self.plan.allowed
                                     and bool(self.reason.text().strip()))

    # -- erasing ----------------------------------------------------------------------------------
    def confirm(self) -> bool:
        """The last question (default "No"); erases on "Yes"."""
        plan = self.plan
        if plan is None or not self.erase_button.isEnabled():
            return False
        answer = QMessageBox.question(
            self, _tr("Erase personal data"),
            _tr("Erase the personal data of “%1” for good?\n\n%2 records are scrubbed and %3 "
                "file(s) deleted. This cannot be undone, and backups made from now on will not "
                "contain it either.").replace("%1", plan.label)
            .replace("%2", str(len(plan.items))).replace("%3", str(len(plan.digests))),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return False
        self.run(plan.subject_id, self.reason.text().strip())
        return True

    def run(self, subject_id: str, reason: str) -> None:
        cf = self.ctx.cf
        progress = blocking_progress(self, _tr("Erasing the personal data and compacting the "
                                               "case file…"), "erasureProgress",
                                     _tr("Please wait"))
        self.progress = progress
        self.setEnabled(False)
        self.ctx.runner.run_task(lambda: erasure.erase(cf, subject_id, reason),
                                 self._done, self._failed, parent=self)

    def _finish(self) -> None:
        self.setEnabled(True)
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _failed(self, exc: BaseException) -> None:
        self._finish()
        show_error(self, exc)
        if self.subject_id:  # the policy may have changed meanwhile: show the current plan
            self.select(self.subject_id)

    def _done(self, plan: erasure.Plan) -> None:
        self._finish()
        self.plan, self.subject_id = None, None
        self.reason.clear()
        self.heading.setText(_tr("Erased the personal data of “%1” (%2):")
                             .replace("%1", plan.label).replace("%2", plan.erased_at or ""))
        self.refusal.hide()
        self.preview.setPlainText("\n".join(plan.lines()))
        self._update()
        self.ctx.notify(CHANGED)
        self.refresh_report()
        self.find()
        box = QMessageBox(QMessageBox.Icon.Information, _tr("Erase personal data"),
                          _tr("The personal data of “%1” was erased (%2 records).")
                          .replace("%1", plan.label).replace("%2", str(len(plan.items))),
                          QMessageBox.StandardButton.Ok, self)
        box.setObjectName("erasureDoneBox")
        box.setDetailedText("\n".join(plan.lines()))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        box.finished.connect(lambda _r: setattr(self, "result_box", None))
        self.result_box = box
        box.open()


class PersonalDataErasure(QObject):
    """Administration ▸ Erase personal data… (kept as ``admin_tools.erasure``)."""

    def __init__(self, win: MainWindow) -> None:
        super().__init__(win)
        self.win = win
        self.action = QAction(_tr("Erase personal data…"), win)
        self.action.setObjectName("erasePersonalData")
        self.action.setEnabled(win.ctx.cf.user.can(Right.ADMINISTER))
        self.action.triggered.connect(self.open_dialog)
        self.dialog: ErasureDialog | None = None

    def open_dialog(self) -> Any:
        try:
            dialog = ErasureDialog(self.win.ctx, self.win)
        except CasedeskError as exc:
            show_error(self.win, exc)
            return None
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.destroyed.connect(lambda *_a: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.show()
        return dialog
