"""Double-booking check when an event is saved (created or moved).

:func:`check_then` is called by the event dialog before it saves: it asks
:func:`casedesk.core.services.schedule.find_conflicts` whether an attendee or the location is
already booked, and if so shows :class:`ConflictDialog` naming each clash and the nearest free
slot (:func:`schedule.propose_slot`): "Use proposed time" (moves the dialog's times and saves at
once), "Keep the conflict" (saves as typed) or "Cancel" (back to the dialog).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from casedesk.core.errors import CasedeskError
from casedesk.core.models import Event
from casedesk.core.services import schedule
from casedesk.core.services.schedule import Conflict
from casedesk.gui.context import AppContext


def _tr(text: str) -> str:
    return QCoreApplication.translate("Conflicts", text)


@dataclass(frozen=True)
class Check:
    conflicts: list[Conflict]
    proposed: datetime | None  # aware, in ``tz``
    tz: str
    minutes: int


def run_check(cf: Any, start: datetime, end: datetime, tz: str, attendees: list[str],
              location: str, exclude: str | None) -> Check:
    """``start``/``end`` are naive wall times in ``tz``."""
    zone = ZoneInfo(tz)
    s_utc = start.replace(tzinfo=zone).astimezone(UTC)
    e_utc = end.replace(tzinfo=zone).astimezone(UTC)
    minutes = max(1, int((e_utc - s_utc).total_seconds() // 60))
    found = schedule.find_conflicts(cf, s_utc, e_utc, attendees, location or None,
                                    exclude_event_id=exclude)
    proposed = None
    if found:
        try:
            proposed = schedule.propose_slot(cf, start, minutes, attendees, location or None,
                                             tz=tz, exclude_event_id=exclude)
        except CasedeskError:
            proposed = None
    return Check(found, proposed, tz, minutes)


class ConflictDialog(QDialog):
    USE, KEEP = 10, 11
    chosen = Signal(str)  # "use" | "keep" | "cancel"

    def __init__(self, ctx: AppContext, check: Check, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.check = check
        self.setWindowTitle(_tr("Scheduling conflict"))
        head = QLabel(_tr("<b>This time is already taken.</b>"), self)
        self.list = QListWidget(self)
        self.list.setObjectName("conflictList")
        self.list.setWordWrap(True)
        for c in check.conflicts:
            for part in c.reason.split("; "):
                self.list.addItem("• " + part)
        self.list.setMaximumHeight(140)
        self.proposal = QLabel(self)
        self.proposal.setObjectName("proposalLabel")
        self.proposal.setWordWrap(True)
        if check.proposed is not None:
            end = check.proposed + timedelta(minutes=check.minutes)
            self.proposal.setText(_tr("The nearest free slot for everyone is <b>%1</b>.").replace(
                "%1", f"{ctx.format_datetime(check.proposed, check.tz)} – "
                      f"{ctx.format_time(end)}"))
        else:
            self.proposal.setText(_tr("No free slot was found within business hours."))
        box = QDialogButtonBox(self)
        self.use_button = box.addButton(_tr("Use proposed time"),
                                        QDialogButtonBox.ButtonRole.AcceptRole)
        self.use_button.setObjectName("useProposed")
        self.use_button.setEnabled(check.proposed is not None)
        self.keep_button = box.addButton(_tr("Keep the conflict"),
                                         QDialogButtonBox.ButtonRole.DestructiveRole)
        self.keep_button.setObjectName("keepConflict")
        self.cancel_button = box.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.use_button.clicked.connect(lambda: self._choose("use"))
        self.keep_button.clicked.connect(lambda: self._choose("keep"))
        self.cancel_button.clicked.connect(lambda: self._choose("cancel"))
        self.use_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addWidget(self.list)
        layout.addWidget(self.proposal)
        layout.addWidget(box)
        self.resize(560, 300)

    def _choose(self, what: str) -> None:
        self.chosen.emit(what)
        if what == "cancel":
            self.reject()
        else:
            self.accept()


def _qdt(dt: datetime) -> QDateTime:
    return QDateTime(QDate(dt.year, dt.month, dt.day), QTime(dt.hour, dt.minute))


def _pydt(q: QDateTime) -> datetime:
    d, t = q.date(), q.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())


def check_then(dialog: Any, proceed: Callable[[], None]) -> None:
    """Check the event dialog's times for double bookings, then ``proceed`` (save) — at once
    when there is no clash, else after the user's choice in a :class:`ConflictDialog`."""
    ctx: AppContext = dialog.ctx
    if dialog.all_day.isChecked():
        proceed()
        return
    start, end = _pydt(dialog.start.dateTime()), _pydt(dialog.end.dateTime())
    if end <= start:
        proceed()  # the core says what is wrong
        return
    names = [dialog.attendees.item(i).data(Qt.ItemDataRole.UserRole)
             for i in range(dialog.attendees.count())
             if dialog.attendees.item(i).checkState() == Qt.CheckState.Checked]
    cf, event_id, location = ctx.cf, dialog.event_id, dialog.location.text()
    tz = ctx.firm_timezone
    if event_id:
        with cf.read() as s:
            ev = s.get(Event, event_id)
            tz = ev.timezone if ev is not None else tz

    def done(check: Check) -> None:
        if not check.conflicts:
            proceed()
            return
        box = ConflictDialog(ctx, check, dialog)
        dialog.conflict_dialog = box

        def chosen(what: str) -> None:
            if what == "use" and check.proposed is not None:
                local = check.proposed.astimezone(ZoneInfo(check.tz)).replace(tzinfo=None)
                dialog.start.setDateTime(_qdt(local))
                dialog.end.setDateTime(_qdt(local + timedelta(minutes=check.minutes)))
                proceed()
            elif what == "keep":
                proceed()

        box.chosen.connect(chosen)
        box.open()

    def failed(exc: BaseException) -> None:
        proceed()  # let the save report it (validation of attendees, times…)

    ctx.runner.run_task(lambda: run_check(cf, start, end, tz, names, location, event_id),
                        done, failed, parent=dialog)
