"""Conflict-of-interest checks in the GUI.

:class:`HitsTable` shows hits (who matched as stored, the matter, their role there, the score and
their standing with the firm, highlighted); :class:`ConflictStepPage` is the intake wizard's
check step (run off the GUI thread, then record cleared / waived with consent / declined and a
reason); :class:`CheckedPartyDialog` is the Parties tab's add/change-role dialog that checks
first and, when there are hits, asks the user to acknowledge them
(:class:`ConflictWarningDialog`) before saving with ``acknowledge=True``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from casedesk.core import conflicts, intake
from casedesk.core.conflicts import ConflictWarning
from casedesk.core.errors import CasedeskError, ValidationError
from casedesk.gui import labels
from casedesk.gui.context import AppContext
from casedesk.gui.dialogs import PartyDialog
from casedesk.gui.errors import show_error

ERROR_STYLE = "color: #b00020; font-weight: bold;"

#: standing → (background colour, label)
STANDING_COLOURS = {
    "current_client": "#f8d7da",
    "former_client": "#ffe8c2",
    "adverse_party": "#fff3b0",
    "declined_intake": "#e2e3e5",
    "walled": "#f8d7da",
    "other": "",
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("ConflictStep", text)


def standing_label(standing: str) -> str:
    return {
        "current_client": _tr("Current client"),
        "former_client": _tr("Former client"),
        "adverse_party": _tr("Adverse party"),
        "declined_intake": _tr("Declined intake"),
        "walled": _tr("Behind an ethical wall"),
        "other": _tr("Other contact"),
    }.get(standing, standing)


def _hit_get(hit: Any, key: str) -> Any:
    return hit.get(key) if isinstance(hit, Mapping) else getattr(hit, key, None)


class HitsTable(QTableWidget):
    """Conflict hits, one row per matter a matching contact is involved in."""

    COLUMNS = ("Name checked", "Found (as stored)", "Standing", "Matter", "Role there", "Score")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(self.COLUMNS), parent)
        self.setObjectName("conflictHits")
        self.setHorizontalHeaderLabels([_tr(c) for c in self.COLUMNS])
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setAlternatingRowColors(False)
        self.setWordWrap(True)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.setMinimumHeight(160)

    def set_hits(self, hits: Iterable[Any]) -> None:
        rows = list(hits)
        self.setRowCount(len(rows))
        for r, hit in enumerate(rows):
            standing = str(_hit_get(hit, "standing") or "other")
            number = _hit_get(hit, "matter_number")
            ask = _hit_get(hit, "ask")
            matter = (f"{number} — {_hit_get(hit, 'matter_title') or ''}" if number
                      else _tr("A walled matter: ask {0}").format(ask) if ask
                      else _tr("(no matter)"))
            role = _hit_get(hit, "role")
            score = _hit_get(hit, "score")
            values = [str(_hit_get(hit, "query") or ""), str(_hit_get(hit, "name") or ""),
                      standing_label(standing), matter,
                      labels.value("role", role) if role else "",
                      f"{float(score or 0):g}"]
            colour = STANDING_COLOURS.get(standing, "")
            for c, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, standing)
                if colour:
                    item.setBackground(QBrush(QColor(colour)))
                    item.setForeground(QBrush(QColor("#000000")))
                if c == 2 and standing in ("current_client", "former_client"):
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
                self.setItem(r, c, item)
        self.resizeRowsToContents()


class ConflictStepPage(QWidget):
    """The intake's conflict check: run, look at the hits, decide."""

    #: the decision recorded ("cleared", "waived", "declined")
    decided = Signal(str)
    #: a check finished (the ConflictCheck)
    checked = Signal(object)

    def __init__(self, ctx: AppContext, draft_id: Callable[[], str | None],
                 before_check: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictStep")
        self.ctx = ctx
        self._draft_id = draft_id
        self._before_check = before_check
        self.check: Any = None
        box = QVBoxLayout(self)
        box.setSpacing(12)
        intro = QLabel(self.tr(
            "The client's name, the opposing parties and their lawyers are checked against "
            "every contact, matter party and declined intake of the firm."), self)
        intro.setWordWrap(True)
        box.addWidget(intro)
        head = QHBoxLayout()
        self.summary = QLabel(self)
        self.summary.setObjectName("conflictSummary")
        self.summary.setWordWrap(True)
        self.run_button = QPushButton(self.tr("Run the check &again"), self)
        self.run_button.setObjectName("runCheck")
        self.run_button.clicked.connect(self.run_check)
        head.addWidget(self.summary, 1)
        head.addWidget(self.run_button)
        box.addLayout(head)
        self.table = HitsTable(self)
        box.addWidget(self.table, 1)

        form = QFormLayout()
        form.setVerticalSpacing(10)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.decision = QComboBox(self)
        self.decision.setObjectName("decisionCombo")
        self.decision.addItem(self.tr("— choose —"), None)
        self.decision.addItem(self.tr("Cleared: no conflict"), "cleared")
        self.decision.addItem(self.tr("Waived: those affected consented"), "waived")
        self.decision.addItem(self.tr("Declined: we cannot act"), "declined")
        self.decision.currentIndexChanged.connect(self._decision_changed)
        self.consent = QLineEdit(self)
        self.consent.setObjectName("consentEdit")
        self.consent.setPlaceholderText(self.tr("Who consented, and how (e.g. letter of 3 May)"))
        self.reason = QPlainTextEdit(self)
        self.reason.setObjectName("reasonEdit")
        self.reason.setTabChangesFocus(True)
        self.reason.setMaximumHeight(90)
        self.decide_button = QPushButton(self.tr("&Record the decision"), self)
        self.decide_button.setObjectName("decideButton")
        self.decide_button.clicked.connect(self.record_decision)
        self.decision_label = QLabel(self.tr("&Decision *"), self)
        self.decision_label.setBuddy(self.decision)
        self.consent_label = QLabel(self.tr("C&onsented by *"), self)
        self.consent_label.setBuddy(self.consent)
        reason_label = QLabel(self.tr("Rea&son *"), self)
        reason_label.setBuddy(self.reason)
        form.addRow(self.decision_label, self.decision)
        form.addRow(self.consent_label, self.consent)
        form.addRow(reason_label, self.reason)
        box.addLayout(form)
        bottom = QHBoxLayout()
        self.message = QLabel(self)
        self.message.setObjectName("conflictMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.decide_button)
        box.addLayout(bottom)
        self.recorded = QLabel(self)
        self.recorded.setObjectName("decisionRecorded")
        self.recorded.setWordWrap(True)
        box.addWidget(self.recorded)
        self._decision_changed()

    # -- state ------------------------------------------------------------------------------------
    @property
    def decided_value(self) -> str | None:
        return getattr(self.check, "decision", None) if self.check is not None else None

    def _decision_changed(self) -> None:
        waived = self.decision.currentData() == "waived"
        self.consent.setVisible(waived)
        self.consent_label.setVisible(waived)

    def _set_editable(self, editable: bool) -> None:
        for w in (self.decision, self.consent, self.reason, self.decide_button):
            w.setEnabled(editable)

    def show_check(self, check: Any) -> None:
        self.check = check
        hits = list(check.hits or [])
        self.table.set_hits(hits)
        names = len(check.names or [])
        if hits:
            self.summary.setText(self.tr("%1 possible conflict(s) for %2 name(s) checked. "
                                         "Look at each one before deciding.")
                                 .replace("%1", str(len(hits))).replace("%2", str(names)))
            self.summary.setStyleSheet("font-weight: bold; color: #8a1c1c;")
        else:
            self.summary.setText(self.tr("No possible conflicts for the %1 name(s) checked.")
                                 .replace("%1", str(names)))
            self.summary.setStyleSheet("font-weight: bold; color: #1b5e20;")
        self.message.clear()
        if check.decision:
            self.recorded.setText(self.tr("Decision recorded: %1 by %2. Reason: %3")
                                  .replace("%1", self.decision.itemText(
                                      max(self.decision.findData(check.decision), 0)))
                                  .replace("%2", check.decided_by or "")
                                  .replace("%3", check.reason or ""))
            i = self.decision.findData(check.decision)
            self.decision.setCurrentIndex(max(i, 0))
            self.reason.setPlainText(check.reason or "")
            self.consent.setText(check.consented_by or "")
            self._set_editable(False)
        else:
            self.recorded.clear()
            self.decision.setCurrentIndex(0)
            self._set_editable(True)

    # -- actions ----------------------------------------------------------------------------------
    def enter(self) -> None:
        """Called when the wizard shows this step: reuse the draft's check while the names it
        checked are still the intake's names, else run a new one."""
        draft_id = self._draft_id()
        if not draft_id:
            return
        self._before_check()
        cf = self.ctx.cf

        def load() -> Any:
            draft = intake.get_draft(cf, draft_id)
            if not draft.conflict_check_id:
                return None
            check = conflicts.get_check(cf, draft.conflict_check_id)
            now = sorted((n["name"], n["role"]) for n in intake.conflict_names(draft.answers))
            then = sorted((n["name"], n["role"]) for n in check.names or [])
            return check if now == then else None

        def loaded(check: Any) -> None:
            if check is None:
                self.run_check()
            else:
                self.show_check(check)
                self.checked.emit(check)
        self.ctx.runner.run_task(load, loaded, self._failed, parent=self)

    def run_check(self) -> None:
        draft_id = self._draft_id()
        if not draft_id:
            return
        self._before_check()
        self.summary.setText(self.tr("Checking…"))
        self.run_button.setEnabled(False)
        cf = self.ctx.cf

        def done(check: Any) -> None:
            self.run_button.setEnabled(True)
            self.show_check(check)
            self.checked.emit(check)
        self.ctx.runner.run_task(lambda: intake.run_conflict_check(cf, draft_id), done,
                                 self._failed, progress_title=self.tr("Checking for conflicts…"),
                                 parent=self)

    def record_decision(self) -> None:
        if self.check is None:
            return
        decision = self.decision.currentData()
        if not decision:
            self.message.setText(self.tr("Choose a decision."))
            self.decision.setFocus()
            return
        cf, check_id = self.ctx.cf, self.check.id
        reason, consent = self.reason.toPlainText(), self.consent.text()

        def done(check: Any) -> None:
            self.show_check(check)
            self.decided.emit(decision)
        self.ctx.runner.run_task(
            lambda: conflicts.decide(cf, check_id, decision, reason,
                                     consented_by=consent or None),
            done, self._failed, parent=self)

    def _failed(self, exc: BaseException) -> None:
        self.run_button.setEnabled(True)
        if isinstance(exc, CasedeskError):
            self.message.setText(str(exc))
            if isinstance(exc, ValidationError):
                target = {"reason": self.reason, "consented_by": self.consent,
                          "decision": self.decision}.get(exc.field or "")
                if target is not None:
                    target.setFocus()
            return
        show_error(self, exc)


class ConflictWarningDialog(QDialog):
    """"Possible conflict of interest": the hits, an optional reason, Proceed / Cancel."""

    def __init__(self, warning: ConflictWarning, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictWarning")
        self.setWindowTitle(self.tr("Possible conflict of interest"))
        box = QVBoxLayout(self)
        text = QLabel(self.tr("Saving this party may create a conflict of interest. Look at the "
                              "matches below; proceed only if the conflict is cleared or "
                              "waived."), self)
        text.setWordWrap(True)
        box.addWidget(text)
        self.table = HitsTable(self)
        self.table.set_hits(warning.hits)
        box.addWidget(self.table, 1)
        form = QFormLayout()
        self.reason = QLineEdit(self)
        self.reason.setObjectName("ackReason")
        self.reason.setPlaceholderText(self.tr("Why it is acceptable (kept with the matter)"))
        form.addRow(self.tr("Reason:"), self.reason)
        box.addLayout(form)
        buttons = QDialogButtonBox(self)
        self.proceed = buttons.addButton(self.tr("&Proceed anyway"),
                                         QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box.addWidget(buttons)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setDefault(True)
        self.resize(820, 420)


class CheckedPartyDialog(PartyDialog):
    """The Parties tab's add / change-role dialog, with the conflict check before saving."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.acknowledged = False
        self.ack_reason: str | None = None
        self.warning_dialog: ConflictWarningDialog | None = None

    def save(self) -> Any:
        cf, role = self.ctx.cf, self.role.currentData()
        if self.party:
            conflicts.change_party_role_checked(cf, self.party.id, role,
                                                acknowledge=self.acknowledged,
                                                reason=self.ack_reason)
            return self.party.id
        i = self.contact.findText(self.contact.currentText())
        contact_id = str(self.contact.itemData(i) or "") if i >= 0 else ""
        if not contact_id:
            raise ValidationError(self.tr("Choose the contact to add."), field="contact")
        if not self.acknowledged:  # check first; the checked call below checks again
            hits = conflicts.check_party_change(cf, self.matter_id, contact_id, role)
            if hits:
                raise ConflictWarning(str(hits[0].describe()), hits)
        return conflicts.add_party_checked(cf, self.matter_id, contact_id, role,
                                           acknowledge=self.acknowledged,
                                           reason=self.ack_reason)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ConflictWarning):
            self.setEnabled(True)
            dialog = ConflictWarningDialog(exc, self)
            self.warning_dialog = dialog

            def proceed() -> None:
                self.acknowledged = True
                self.ack_reason = dialog.reason.text().strip() or None
                self.submit()
            dialog.accepted.connect(proceed)
            dialog.open()
            return
        super()._failed(exc)
