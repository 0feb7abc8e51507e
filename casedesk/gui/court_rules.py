"""Court rules in the matter workspace: apply a rule set's trigger, move a trigger, review
flagged (hand-edited) deadlines, and see how a deadline was computed.

The dialogs only *show* what the core computes: the preview uses the same rule sets and closure
days as :func:`casedesk.core.services.deadlines.apply_rule_set` (``RuleSet.compute``), and
creating or moving is one core call each.  :func:`install_workspace` adds the buttons to a
:class:`~casedesk.gui.workspace.MatterWorkspace`'s "Events and deadlines" tab, marks flagged
deadlines and gives every deadline its explanation as a tooltip.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QIdentityProxyModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from casedesk.core.calmodels import DeadlineFlag, DeadlineTrigger
from casedesk.core.errors import CasedeskError
from casedesk.core.models import Deadline
from casedesk.core.permissions import Right
from casedesk.core.rules import ComputedDeadline, RuleDeadline, RuleSet
from casedesk.core.services import deadlines as dl_service
from casedesk.core.services import queries
from casedesk.gui.context import AppContext
from casedesk.gui.errors import show_error

if TYPE_CHECKING:
    from casedesk.gui.workspace import MatterWorkspace

FLAG_COLOUR = QColor("#fff1c2")
FLAG_MARK = "⚑ "
ERROR_STYLE = "color: #b00020;"


def _tr(text: str) -> str:
    return QCoreApplication.translate("CourtRules", text)


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


def _long_date(ctx: AppContext, d: date | None) -> str:
    if d is None:
        return "—"
    return ctx.locale.toString(_qdate(d), "ddd ") + ctx.format_date(d)


def _table(parent: QWidget, headers: list[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _item(text: str, tooltip: str = "") -> QTableWidgetItem:
    it = QTableWidgetItem(text)
    if tooltip:
        it.setToolTip(tooltip)
    return it


def rollover_text(comp: ComputedDeadline, fmt: Any = None) -> str:
    """Why the due date differs from the end of the count, naming each skipped day
    (``fmt(date) -> str`` formats the dates, ISO by default)."""
    if comp.raw_end is None or comp.raw_end == comp.due:
        return ""
    fmt = fmt or (lambda d: d.isoformat())
    lo, hi = min(comp.raw_end, comp.due), max(comp.raw_end, comp.due)
    names = [f"{fmt(d)} {why}" for d, why in comp.skipped if lo <= d <= hi and d != comp.due]
    text = _tr("from %1, skipping %2").replace("%1", fmt(comp.raw_end))
    return text.replace("%2", ", ".join(names)) if names else \
        _tr("rolled over from %1").replace("%1", fmt(comp.raw_end))


# -- apply a rule set ----------------------------------------------------------------------------


@dataclass(frozen=True)
class PreviewRow:
    rule: RuleDeadline
    computed: ComputedDeadline


class ApplyRulesDialog(QDialog):
    """Choose rule set, trigger, date and service; preview; create the deadlines."""

    applied = Signal(object)  # the core's ApplyResult

    def __init__(self, ctx: AppContext, matter_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("applyRulesDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.ctx, self.matter_id = ctx, matter_id
        self.sets: list[RuleSet] = dl_service.rule_sets(ctx.cf)
        self.closures = dl_service.firm_closures(ctx.cf)
        self.existing = {(t.rule_set, t.trigger): t
                         for t in dl_service.triggers(ctx.cf, matter_id)}
        self.rows: list[PreviewRow] = []
        brief = queries.matter_brief(ctx.cf, matter_id)
        self.setWindowTitle(_tr("Apply court rules — %1").replace(
            "%1", f"{brief.number} {brief.title}" if brief else ""))

        self.rule_set = QComboBox(self)
        self.rule_set.setObjectName("ruleSetCombo")
        for rs in self.sets:
            self.rule_set.addItem(f"{rs.name} ({_tr('version')} {rs.version})", rs.id)
        self.trigger = QComboBox(self)
        self.trigger.setObjectName("triggerCombo")
        self.trigger.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.trigger.setMinimumContentsLength(50)
        self.trigger_info = QLabel(self)
        self.trigger_info.setObjectName("triggerInfo")
        self.trigger_info.setWordWrap(True)
        self.trigger_info.setStyleSheet("color: palette(dark);")
        self.date_edit = QDateEdit(self)
        self.date_edit.setObjectName("triggerDate")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat(ctx.locale.dateFormat(ctx.locale.FormatType.ShortFormat))
        self.date_edit.setDate(QDate.currentDate())
        self.electronic = QRadioButton(_tr("Electronic / personal"), self)
        self.electronic.setObjectName("serviceElectronic")
        self.mail = QRadioButton(_tr("Mail (adds the service days where the rule allows)"), self)
        self.mail.setObjectName("serviceMail")
        self.service_group = QButtonGroup(self)
        self.service_group.addButton(self.electronic)
        self.service_group.addButton(self.mail)
        self.electronic.setChecked(True)
        service_row = QHBoxLayout()
        service_row.addWidget(self.electronic)
        service_row.addWidget(self.mail)
        service_row.addStretch(1)
        self.assignee = QComboBox(self)
        self.assignee.setObjectName("assigneeCombo")
        self.assignee.addItem("—", "")
        for u in queries.user_choices(ctx.cf):
            self.assignee.addItem(f"{u.display_name} ({u.username})", u.username)

        form = QFormLayout()
        form.addRow(_tr("Rule set:"), self.rule_set)
        form.addRow(_tr("Trigger:"), self.trigger)
        form.addRow("", self.trigger_info)
        form.addRow(_tr("Trigger date:"), self.date_edit)
        form.addRow(_tr("Service:"), service_row)
        form.addRow(_tr("Assign to:"), self.assignee)

        self.preview_title = QLabel(self)
        font = self.preview_title.font()
        font.setBold(True)
        self.preview_title.setFont(font)
        self.preview = _table(self, [_tr("Due"), _tr("Deadline"), _tr("Citation"),
                                     _tr("Roll-over / suspension")], "previewTable")
        self.explanation = QPlainTextEdit(self)
        self.explanation.setObjectName("explanation")
        self.explanation.setReadOnly(True)
        self.explanation.setPlaceholderText(_tr("Select a deadline to see how it was counted."))
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.preview)
        splitter.addWidget(self.explanation)
        splitter.setSizes([230, 200])
        self.note = QLabel(self)
        self.note.setObjectName("noteLabel")
        self.note.setWordWrap(True)
        self.message = QLabel(self)
        self.message.setObjectName("messageLabel")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.hide()
        self.buttons = QDialogButtonBox(self)
        self.create_button = self.buttons.addButton(_tr("Create deadlines"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.create_button.setObjectName("createButton")
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview_title)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.note)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(900, 720)

        self.rule_set.currentIndexChanged.connect(self._fill_triggers)
        self.trigger.currentIndexChanged.connect(self.update_preview)
        self.date_edit.dateChanged.connect(self.update_preview)
        self.service_group.buttonClicked.connect(self.update_preview)
        self.preview.currentCellChanged.connect(lambda row, *_: self._explain(row))
        self._fill_triggers()

    # -- choices ----------------------------------------------------------------------------------
    def current_rule_set(self) -> RuleSet | None:
        rid = self.rule_set.currentData()
        return next((rs for rs in self.sets if rs.id == rid), None)

    def service(self) -> str:
        return "mail" if self.mail.isChecked() else "electronic"

    def set_choice(self, rule_set_id: str, trigger: str, on: date, service: str = "electronic"
                   ) -> None:
        """Choose everything at once (tests, and re-opening from a trigger)."""
        self.rule_set.setCurrentIndex(max(0, self.rule_set.findData(rule_set_id)))
        self.trigger.setCurrentIndex(max(0, self.trigger.findData(trigger)))
        (self.mail if service == "mail" else self.electronic).setChecked(True)
        self.date_edit.setDate(_qdate(on))
        self.update_preview()

    def _fill_triggers(self) -> None:
        rs = self.current_rule_set()
        self.trigger.blockSignals(True)
        self.trigger.clear()
        for t in rs.triggers if rs else ():
            self.trigger.addItem(t.label, t.name)
            cites = ", ".join(d.citation for d in t.deadlines if d.citation)
            self.trigger.setItemData(self.trigger.count() - 1,
                                     f"{t.title or t.label}\n{cites}",
                                     Qt.ItemDataRole.ToolTipRole)
        self.trigger.blockSignals(False)
        self.update_preview()

    # -- preview ----------------------------------------------------------------------------------
    def update_preview(self, *_: Any) -> None:
        rs = self.current_rule_set()
        name = self.trigger.currentData()
        self.rows = []
        self.message.hide()
        if rs is None or not name:
            self.preview.setRowCount(0)
            return
        trig = rs.trigger(name)
        cites = ", ".join(dict.fromkeys(d.citation for d in trig.deadlines if d.citation))
        info = trig.title if trig.title and trig.title != trig.label else ""
        self.trigger_info.setText("\n".join(x for x in (
            info, _tr("Citations: %1").replace("%1", cites) if cites else "") if x))
        on = _pydate(self.date_edit.date())
        try:
            results = rs.compute(name, on, service=self.service(),  # type: ignore[arg-type]
                                 closures=self.closures)
        except CasedeskError as exc:
            self.message.setText(str(exc))
            self.message.show()
            results = []
        self.rows = [PreviewRow(r, c) for r, c in results]
        self.preview.setRowCount(len(self.rows))
        for i, row in enumerate(self.rows):
            roll = rollover_text(row.computed, self._short)
            suspended = [st.split(":", 1)[1].strip() for st in row.computed.steps
                         if st.startswith("Suspension applied:")]
            if suspended:
                roll = "; ".join(x for x in (roll, _tr("suspension: %1").replace(
                    "%1", suspended[0])) if x)
            title = row.rule.title
            if row.rule.label and row.rule.label != row.rule.title:
                title = f"{row.rule.title} — {row.rule.label}"
            explain = row.computed.explain()
            self.preview.setItem(i, 0, _item(_long_date(self.ctx, row.computed.due), explain))
            self.preview.setItem(i, 1, _item(title, explain))
            self.preview.setItem(i, 2, _item(row.rule.citation or "", explain))
            self.preview.setItem(i, 3, _item(roll, roll))
        self.preview.resizeColumnsToContents()
        header = self.preview.horizontalHeader()
        for col in range(header.count() - 1):
            header.resizeSection(col, min(header.sectionSize(col), 340))
        self.preview_title.setText(
            _tr("%1 deadlines will be created:").replace("%1", str(len(self.rows))))
        existing = self.existing.get((rs.id, name))
        if existing is None:
            self.note.setText("")
        elif (existing.trigger_date, existing.service) == (on, self.service()):
            self.note.setText(_tr("This matter already has this trigger on %1: only missing "
                                  "deadlines are created.")
                              .replace("%1", self.ctx.format_date(existing.trigger_date)))
        else:
            self.note.setText(_tr("This matter already has this trigger on %1: applying it "
                                  "with this date moves it and its open deadlines (hand-edited "
                                  "ones are flagged for review, not moved).")
                              .replace("%1", self.ctx.format_date(existing.trigger_date)))
        self.note.setVisible(bool(self.note.text()))
        if self.rows:
            self.preview.selectRow(0)
            self._explain(0)
        self.create_button.setEnabled(bool(self.rows) and self.ctx.cf.user.can(Right.EDIT))

    def _short(self, d: date) -> str:
        return self.ctx.locale.toString(_qdate(d), "ddd d MMM")

    def _explain(self, row: int) -> None:
        if 0 <= row < len(self.rows):
            self.explanation.setPlainText(self.rows[row].computed.explain())

    def preview_rows(self) -> list[tuple[date, str, str]]:
        """(due, title, citation) per previewed deadline (for tests)."""
        return [(r.computed.due, r.rule.title, r.rule.citation or "") for r in self.rows]

    # -- create -----------------------------------------------------------------------------------
    def submit(self) -> None:
        rs = self.current_rule_set()
        name = self.trigger.currentData()
        if rs is None or not name:
            return
        cf, mid, on, service = self.ctx.cf, self.matter_id, _pydate(self.date_edit.date()), \
            self.service()
        assignee = self.assignee.currentData() or None
        assignee_id = None
        if assignee:
            from casedesk.core.models import User

            with cf.read() as s:
                assignee_id = s.scalar(select(User.id).where(User.username == assignee))
        self.setEnabled(False)
        self.ctx.runner.run_task(
            lambda: dl_service.apply_rule_set(cf, mid, name, on, service=service,
                                              rule_set_id=rs.id, assignee_id=assignee_id),
            self._done, self._failed, parent=self)

    def _done(self, result: Any) -> None:
        self.setEnabled(True)
        self.ctx.notify({"deadline"})
        self.applied.emit(result)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.setEnabled(True)
        if isinstance(exc, CasedeskError):
            self.message.setText(str(exc))
            self.message.show()
        else:
            show_error(self, exc)


# -- move a trigger ------------------------------------------------------------------------------


#: The "What happens" column for each :data:`deadlines.MOVE_OUTCOMES` (the dialog shows
#: :func:`deadlines.preview_move`, the same computation as :func:`deadlines.move_trigger`).
WHAT_TEXT = {
    "moves": "moves",
    "flagged": "edited by hand: keeps its date, flagged for review",
    "unchanged": "stays",
    "closed": "done or cancelled: not recalculated",
}


class MoveTriggerDialog(QDialog):
    moved = Signal(object)

    def __init__(self, ctx: AppContext, matter_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("moveTriggerDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.ctx, self.matter_id = ctx, matter_id
        self.setWindowTitle(_tr("Move a trigger date"))
        sets = {rs.id: rs for rs in dl_service.rule_sets(ctx.cf)}
        self.triggers = dl_service.triggers(ctx.cf, matter_id)
        self.trigger = QComboBox(self)
        self.trigger.setObjectName("triggerCombo")
        for t in self.triggers:
            rs = sets.get(t.rule_set)
            label = t.trigger
            if rs is not None:
                with contextlib.suppress(CasedeskError):
                    label = rs.trigger(t.trigger).label
            if len(label) > 90:
                label = label[:89] + "…"
            self.trigger.addItem(f"{label} — {ctx.format_date(t.trigger_date)}", t.id)
        self.date_edit = QDateEdit(self)
        self.date_edit.setObjectName("newDate")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat(ctx.locale.dateFormat(ctx.locale.FormatType.ShortFormat))
        self.service = QComboBox(self)
        self.service.addItem(_tr("Electronic / personal"), "electronic")
        self.service.addItem(_tr("Mail"), "mail")
        form = QFormLayout()
        form.addRow(_tr("Trigger:"), self.trigger)
        form.addRow(_tr("New date:"), self.date_edit)
        form.addRow(_tr("Service:"), self.service)
        self.table = _table(self, [_tr("Deadline"), _tr("Citation"), _tr("Now due"),
                                   _tr("New due"), _tr("What happens")], "moveTable")
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.hide()
        box = QDialogButtonBox(self)
        self.move_button = box.addButton(_tr("Move"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.move_button.setObjectName("moveButton")
        box.addButton(QDialogButtonBox.StandardButton.Cancel)
        box.accepted.connect(self.submit)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(box)
        self.resize(880, 460)
        self.rows: list[dl_service.ProposedMove] = []
        self.trigger.currentIndexChanged.connect(self._trigger_changed)
        self.date_edit.dateChanged.connect(self.update_preview)
        self.service.currentIndexChanged.connect(self.update_preview)
        self._trigger_changed()

    def current_trigger(self) -> DeadlineTrigger | None:
        tid = self.trigger.currentData()
        return next((t for t in self.triggers if t.id == tid), None)

    def _trigger_changed(self) -> None:
        t = self.current_trigger()
        if t is None:
            self.move_button.setEnabled(False)
            self.message.setText(_tr("No court rules were applied to this matter yet."))
            self.message.show()
            return
        self.date_edit.blockSignals(True)
        self.date_edit.setDate(_qdate(t.trigger_date))
        self.date_edit.blockSignals(False)
        self.service.blockSignals(True)
        self.service.setCurrentIndex(max(0, self.service.findData(t.service)))
        self.service.blockSignals(False)
        self.update_preview()

    def update_preview(self, *_: Any) -> None:
        t = self.current_trigger()
        if t is None:
            return
        try:
            self.rows = dl_service.preview_move(self.ctx.cf, t.id,
                                                _pydate(self.date_edit.date()),
                                                service=self.service.currentData())
        except CasedeskError as exc:
            self.message.setText(str(exc))
            self.message.show()
            return
        self.table.setRowCount(len(self.rows))
        for i, r in enumerate(self.rows):
            items = [_item(r.deadline.title), _item(r.deadline.rule or ""),
                     _item(_long_date(self.ctx, r.current)),
                     _item(_long_date(self.ctx, r.proposed)),
                     _item(_tr(WHAT_TEXT[r.what]), r.reason or "")]
            for col, it in enumerate(items):
                if r.what == "flagged":
                    it.setBackground(FLAG_COLOUR)
                elif r.what == "moves":
                    f = QFont(it.font())
                    f.setBold(col in (3, 4))
                    it.setFont(f)
                self.table.setItem(i, col, it)
        self.table.resizeColumnsToContents()
        self.move_button.setEnabled(self.ctx.cf.user.can(Right.EDIT))

    def submit(self) -> None:
        t = self.current_trigger()
        if t is None:
            return
        cf, tid, on, svc = (self.ctx.cf, t.id, _pydate(self.date_edit.date()),
                            self.service.currentData())
        self.ctx.runner.run_task(lambda: dl_service.move_trigger(cf, tid, on, service=svc),
                                 self._done, self._failed, parent=self)

    def _done(self, result: Any) -> None:
        self.ctx.notify({"deadline"})
        self.moved.emit(result)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, CasedeskError):
            self.message.setText(str(exc))
            self.message.show()
        else:
            show_error(self, exc)


# -- flagged deadlines and explanations ----------------------------------------------------------


@dataclass(frozen=True)
class DeadlineInfo:
    explanation: str
    computed_due: date | None
    flag_reason: str | None
    proposed_due: date | None
    flagged: bool


def deadline_infos(cf: Any, matter_id: str) -> dict[str, DeadlineInfo]:
    """Explanation and review flag of each deadline of a matter."""
    with cf.read() as s:
        flags = {f.deadline_id: f for f in s.scalars(select(DeadlineFlag).join(
            Deadline, Deadline.id == DeadlineFlag.deadline_id).where(
            Deadline.matter_id == matter_id))}
        out = {}
        for did, expl, computed in s.execute(select(
                Deadline.id, Deadline.explanation, Deadline.computed_due).where(
                Deadline.matter_id == matter_id)):
            f = flags.get(did)
            out[did] = DeadlineInfo(expl or "", computed, f.reason if f else None,
                                    f.proposed_due if f else None, f is not None)
    return out


class DeadlineMarks(QIdentityProxyModel):
    """Marks flagged deadlines (⚑, tinted) and gives each row its explanation as a tooltip."""

    def __init__(self, source: Any, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSourceModel(source)
        self.infos: dict[str, DeadlineInfo] = {}

    def set_infos(self, infos: dict[str, DeadlineInfo]) -> None:
        self.infos = infos
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(self.rowCount() - 1, self.columnCount() - 1))

    def info(self, row: int) -> DeadlineInfo | None:
        src = self.sourceModel()
        if not 0 <= row < src.rowCount():
            return None
        return self.infos.get(src.row_at(row).id)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        value = super().data(index, role)
        info = self.info(index.row()) if index.isValid() else None
        if info is None:
            return value
        if role == Qt.ItemDataRole.DisplayRole and index.column() == 0 and info.flagged:
            return FLAG_MARK + str(value or "")
        if role == Qt.ItemDataRole.BackgroundRole and info.flagged:
            return FLAG_COLOUR
        if role == Qt.ItemDataRole.ToolTipRole:
            parts = []
            if info.flagged:
                parts.append(_tr("Needs review: %1").replace("%1", info.flag_reason or ""))
            if info.explanation:
                parts.append(info.explanation)
            return "\n\n".join(parts) or value
        return value


class DeadlineDetailsDialog(QDialog):
    """How a deadline was computed; for a flagged one, accept or reject the rule's date."""

    def __init__(self, ctx: AppContext, deadline_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deadlineDetails")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.ctx, self.deadline_id = ctx, deadline_id
        with ctx.cf.read() as s:
            d = s.get(Deadline, deadline_id)
            if d is None:
                raise CasedeskError(_tr("That deadline no longer exists."))
            flag = s.scalar(select(DeadlineFlag).where(DeadlineFlag.deadline_id == deadline_id))
            title, due, rule, expl, computed = (d.title, d.due, d.rule, d.explanation,
                                                d.computed_due)
            done_by, done_at = d.completed_by, d.completed_at
            self.flag_reason = flag.reason if flag else None
            self.proposed = flag.proposed_due if flag else None
            self.flagged = flag is not None
        self.setWindowTitle(_tr("Deadline: %1").replace("%1", title))
        form = QFormLayout()
        form.addRow(_tr("Due:"), QLabel(_long_date(ctx, due)))
        form.addRow(_tr("Citation:"), QLabel(rule or "—"))
        if computed is not None and computed != due:
            form.addRow(_tr("Rules give:"), QLabel(_long_date(ctx, computed)))
        if done_by:
            form.addRow(_tr("Done:"), QLabel(f"{done_by}, {ctx.format_datetime(done_at)}"))
        text = QPlainTextEdit(self)
        text.setObjectName("explanation")
        text.setReadOnly(True)
        text.setPlainText(expl or _tr("This deadline was entered by hand; no rule computed it."))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        if self.flagged:
            banner = QLabel(FLAG_MARK + _tr("Needs review: %1").replace("%1",
                                                                        self.flag_reason or ""))
            banner.setObjectName("flagBanner")
            banner.setWordWrap(True)
            banner.setStyleSheet(f"background: {FLAG_COLOUR.name()}; padding: 6px;")
            layout.addWidget(banner)
        layout.addWidget(text, 1)
        box = QDialogButtonBox(self)
        if self.flagged:
            self.accept_button = box.addButton(
                _tr("Use the rule's date (%1)").replace("%1", _long_date(ctx, self.proposed)),
                QDialogButtonBox.ButtonRole.ActionRole)
            self.accept_button.setObjectName("acceptRuleDate")
            self.accept_button.setEnabled(self.proposed is not None)
            self.reject_button = box.addButton(_tr("Keep my date"),
                                               QDialogButtonBox.ButtonRole.ActionRole)
            self.reject_button.setObjectName("keepDate")
            self.accept_button.clicked.connect(lambda: self.resolve(True))
            self.reject_button.clicked.connect(lambda: self.resolve(False))
            for b in (self.accept_button, self.reject_button):
                b.setEnabled(b.isEnabled() and ctx.cf.user.can(Right.EDIT))
        box.addButton(QDialogButtonBox.StandardButton.Close)
        box.rejected.connect(self.reject)
        layout.addWidget(box)
        self.resize(720, 460)

    def resolve(self, accept: bool) -> None:
        cf, did = self.ctx.cf, self.deadline_id

        def done(_r: Any) -> None:
            self.ctx.notify({"deadline"})
            self.accept()

        self.ctx.runner.run_task(lambda: dl_service.resolve_flag(cf, did, accept=accept), done,
                                 lambda exc: show_error(self, exc), parent=self)


# -- the workspace -------------------------------------------------------------------------------


class WorkspaceRules:
    """The court-rule tools of one matter workspace (kept as ``ws.court_rules``)."""

    BUTTONS: ClassVar[dict[str, str]] = {
        "apply_rules": "Apply court rules…",
        "move_trigger": "Move trigger…",
        "explain_deadline": "Explanation / review…",
    }

    def __init__(self, ws: MatterWorkspace) -> None:
        self.ws = ws
        self.ctx = ws.ctx
        self.marks = DeadlineMarks(ws.deadlines, ws.deadlines_view)
        ws.deadlines_view.setModel(self.marks)
        row = _button_row(ws.buttons["add_deadline"])
        self.buttons: dict[str, QPushButton] = {}
        for key, label in self.BUTTONS.items():
            button = QPushButton(_tr(label), ws.buttons["add_deadline"].parentWidget())
            button.setObjectName(key)
            self.buttons[key] = button
            if row is not None:
                row.insertWidget(row.count() - 1, button)
        self.buttons["apply_rules"].clicked.connect(self.apply_rules)
        self.buttons["move_trigger"].clicked.connect(self.move_trigger)
        self.buttons["explain_deadline"].clicked.connect(self.explain)
        self.review_label = QLabel(ws)
        self.review_label.setObjectName("flaggedLabel")
        self.review_label.setStyleSheet(f"background: {FLAG_COLOUR.name()}; padding: 3px;")
        self.review_label.hide()
        if row is not None:
            row.insertWidget(row.count() - 1, self.review_label)
        ws.loaded.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        if self.ctx.is_locked:
            return
        cf, mid = self.ctx.cf, self.ws.matter_id
        self.ctx.runner.run_task(lambda: deadline_infos(cf, mid), self._show,
                                 lambda exc: show_error(self.ws, exc))

    def _show(self, infos: dict[str, DeadlineInfo]) -> None:
        self.marks.set_infos(infos)
        n = sum(1 for i in infos.values() if i.flagged)
        self.review_label.setText(FLAG_MARK + _tr("%1 to review").replace("%1", str(n)))
        self.review_label.setToolTip(_tr("Hand-edited deadlines whose rule now gives another "
                                         "date: open them to accept or reject the rule's date."))
        self.review_label.setVisible(n > 0)
        can = self.ctx.cf.user.can(Right.EDIT)
        self.buttons["apply_rules"].setEnabled(can)
        self.buttons["move_trigger"].setEnabled(can)

    def apply_rules(self) -> ApplyRulesDialog | None:
        return _open(self.ws, lambda: ApplyRulesDialog(self.ctx, self.ws.matter_id, self.ws))

    def move_trigger(self) -> MoveTriggerDialog | None:
        return _open(self.ws, lambda: MoveTriggerDialog(self.ctx, self.ws.matter_id, self.ws))

    def explain(self, *_: Any) -> DeadlineDetailsDialog | None:
        index = self.ws.deadlines_view.currentIndex()
        if not index.isValid():
            return None
        row = self.ws.deadlines.row_at(index.row())
        return _open(self.ws, lambda: DeadlineDetailsDialog(self.ctx, row.id, self.ws))


def _button_row(button: QPushButton) -> QHBoxLayout | None:
    page = button.parentWidget()
    layout = page.layout() if page is not None else None
    if layout is None:
        return None
    for i in range(layout.count()):
        sub = layout.itemAt(i).layout()
        if isinstance(sub, QHBoxLayout) and sub.indexOf(button) >= 0:
            return sub
    return None


def _open(parent: QWidget, make: Any) -> Any:
    try:
        dialog = make()
    except CasedeskError as exc:
        show_error(parent, exc)
        return None
    dialog.open()
    return dialog


def install_workspace(ws: MatterWorkspace) -> None:
    """Add the court-rule tools and .ics import to a matter workspace."""
    ws.court_rules = WorkspaceRules(ws)  # type: ignore[attr-defined]
    from casedesk.gui.ical import install_import_button

    install_import_button(ws)
