"""Deadline reminders, the "needs attention" list and the deadline-control sheet (data part).

Reminders
---------
Each deadline carries reminder leads in days (``reminders_days``, default 7 and 1).  The reminder
with lead *L* is due once ``today >= due - L`` while the deadline is open.  :func:`due_reminders`
gives one :class:`Reminder` per deadline – the most urgent lead that has arrived (with leads
7 and 1: from 7 days before, "in 7 days"; from the day before, "tomorrow") – and marks overdue
deadlines (``today > due``) as such; overdue reminders keep coming until the deadline is done.

:func:`dismiss` records that the current user saw a reminder today (a local
:class:`~casedesk.core.calmodels.ReminderDismissal` row: a display preference of this computer,
not synced or audited); it is not shown to them again that day, but comes back the next day,
and a new lead (the 1-day one after the 7-day one) shows at once.

Marking a deadline done or open again (with who and when) is
:func:`casedesk.core.services.calendar.set_deadline_done`.

Needs attention
---------------
:func:`needs_attention` lists overdue open deadlines, open deadlines due in the rest of this
calendar week (today through Sunday), and open or pending matters that nobody is watching: no
open deadline due today or later, no event from now on and no open task.

Control sheet
-------------
:func:`control_sheet` gives the rows of the printable deadline-control sheet (per attorney or per
matter, for a period).  Rendering it to PDF needs Qt's PDF writer and is the GUI's job.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import delete, exists, or_, select

from casedesk.core.calmodels import ReminderDismissal
from casedesk.core.casefile import CaseFile
from casedesk.core.errors import NotFound, ValidationError
from casedesk.core.models import (
    Deadline,
    DeadlineStatus,
    Event,
    Matter,
    MatterStatus,
    Task,
    TaskStatus,
    User,
)
from casedesk.core.permissions import Right

WATCHED_STATUSES = (MatterStatus.OPEN.value, MatterStatus.PENDING.value)


def firm_today(cf: CaseFile) -> date:
    return datetime.now(ZoneInfo(cf.firm().timezone)).date()


def _uid(s: object, username: str) -> str:
    uid = s.scalar(select(User.id).where(User.username == username.strip().lower()))  # type: ignore[attr-defined]
    if uid is None:
        raise NotFound(f"There is no user named '{username}'.")
    return str(uid)


def _deadlines_of(uid: str) -> object:
    return or_(Deadline.assignee_id == uid,
               Deadline.matter_id.in_(select(Matter.id).where(
                   or_(Matter.responsible_id == uid, Matter.case_manager_id == uid))))


@dataclass(frozen=True)
class Reminder:
    deadline: Deadline
    lead_days: int
    due: date
    overdue: bool
    matter_number: str = ""


def due_reminders(cf: CaseFile, today: date | None = None, user: str | None = None
                  ) -> list[Reminder]:
    """The reminders due ``today`` (default: today in the firm's zone), overdue first.
    ``user`` limits them to that person's deadlines (assigned to them, or on a matter they are
    responsible for or case manager of).  Reminders the current user dismissed today are left
    out."""
    cf.require(Right.VIEW, "view reminders")
    today = today or firm_today(cf)
    with cf.read() as s:
        dismissed = set(s.execute(select(ReminderDismissal.deadline_id,
                                         ReminderDismissal.lead_days).where(
            ReminderDismissal.username == cf.user.username, ReminderDismissal.day == today)))
        horizon = select(Deadline, Matter.number).outerjoin(
            Matter, Matter.id == Deadline.matter_id).where(
            Deadline.status == DeadlineStatus.OPEN.value)
        if user:
            horizon = horizon.where(_deadlines_of(_uid(s, user)))  # type: ignore[arg-type]
        out: list[Reminder] = []
        for d, number in s.execute(horizon.order_by(Deadline.due, Deadline.id)):
            leads = sorted({int(x) for x in (d.reminders_days or []) if int(x) >= 0})
            overdue = today > d.due
            if overdue:
                lead = 0
            else:
                arrived = [lead for lead in leads if today >= d.due - timedelta(days=lead)]
                if not arrived and today != d.due:
                    continue
                lead = min(arrived) if arrived else 0
            if (d.id, lead) in dismissed:
                continue
            out.append(Reminder(d, lead, d.due, overdue, number or ""))
    out.sort(key=lambda r: (not r.overdue, r.due, r.deadline.title))
    return out


def dismiss(cf: CaseFile, reminder: Reminder, today: date | None = None) -> None:
    """Do not show ``reminder`` to the current user again today."""
    today = today or firm_today(cf)
    with cf.write() as s:
        s.execute(delete(ReminderDismissal).where(ReminderDismissal.day < today - timedelta(
            days=30)))
        s.merge(ReminderDismissal(username=cf.user.username, deadline_id=reminder.deadline.id,
                                  lead_days=reminder.lead_days, day=today))


@dataclass
class NeedsAttention:
    overdue: list[Deadline] = field(default_factory=list)
    due_this_week: list[Deadline] = field(default_factory=list)
    unwatched: list[Matter] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.overdue or self.due_this_week or self.unwatched)


def needs_attention(cf: CaseFile, today: date | None = None, user: str | None = None
                    ) -> NeedsAttention:
    """Overdue deadlines, deadlines due the rest of this week, and matters nobody watches.
    ``user`` limits it to that person's deadlines and the matters they are responsible for or
    case manager of."""
    cf.require(Right.VIEW, "view deadlines")
    firm_tz = cf.firm().timezone
    today = today or datetime.now(ZoneInfo(firm_tz)).date()
    week_end = today + timedelta(days=6 - today.weekday())
    now = max(datetime.now(UTC),
              datetime.combine(today, datetime.min.time(), tzinfo=ZoneInfo(firm_tz)))
    result = NeedsAttention()
    with cf.read() as s:
        base = select(Deadline).where(Deadline.status == DeadlineStatus.OPEN.value)
        matters = select(Matter).where(Matter.status.in_(WATCHED_STATUSES))
        if user:
            uid = _uid(s, user)
            base = base.where(_deadlines_of(uid))  # type: ignore[arg-type]
            matters = matters.where(or_(Matter.responsible_id == uid,
                                        Matter.case_manager_id == uid))
        result.overdue = list(s.scalars(base.where(Deadline.due < today)
                                        .order_by(Deadline.due, Deadline.id)))
        result.due_this_week = list(s.scalars(
            base.where(Deadline.due >= today, Deadline.due <= week_end)
            .order_by(Deadline.due, Deadline.id)))
        upcoming_deadline = exists().where(
            Deadline.matter_id == Matter.id, Deadline.status == DeadlineStatus.OPEN.value,
            Deadline.due >= today)
        upcoming_event = exists().where(
            Event.matter_id == Matter.id,
            or_(Event.starts_at >= now, Event.ends_at > now))
        open_task = exists().where(
            Task.matter_id == Matter.id,
            Task.status.in_((TaskStatus.OPEN.value, TaskStatus.IN_PROGRESS.value)))
        result.unwatched = list(s.scalars(
            matters.where(~upcoming_deadline, ~upcoming_event, ~open_task)
            .order_by(Matter.number)))
    return result


# -- control sheet ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ControlRow:
    date: date
    matter_number: str
    matter_title: str
    deadline: str
    citation: str
    status: str
    responsible: str
    signature: str = ""  # left blank: signed on paper


@dataclass(frozen=True)
class ControlSheet:
    title: str
    start: date
    end: date
    rows: list[ControlRow]
    generated_at: datetime


def control_sheet(cf: CaseFile, start: date, end: date, attorney: str | None = None,
                  matter_id: str | None = None) -> ControlSheet:
    """Rows of the deadline-control sheet for ``start``..``end`` (inclusive), per attorney
    (their matters and deadlines assigned to them) or per matter; cancelled deadlines are left
    out."""
    cf.require(Right.VIEW, "print deadline-control sheets")
    if end < start:
        raise ValidationError("The period ends before it starts.", field="end")
    firm = cf.firm()
    with cf.read() as s:
        responsible = select(User.display_name).where(
            User.id == Matter.responsible_id).scalar_subquery()
        stmt = (select(Deadline, Matter.number, Matter.title, responsible)
                .outerjoin(Matter, Matter.id == Deadline.matter_id)
                .where(Deadline.due >= start, Deadline.due <= end,
                       Deadline.status != DeadlineStatus.CANCELLED.value)
                .order_by(Deadline.due, Matter.number, Deadline.title))
        parts = [firm.name, "Deadline control"]
        if attorney:
            uid = _uid(s, attorney)
            stmt = stmt.where(_deadlines_of(uid))  # type: ignore[arg-type]
            parts.append(s.scalar(select(User.display_name).where(User.id == uid)) or attorney)
        if matter_id:
            m = s.get(Matter, matter_id)
            if m is None:
                raise NotFound(f"There is no matter with id {matter_id}.")
            stmt = stmt.where(Deadline.matter_id == matter_id)
            parts.append(f"{m.number} {m.title}")
        rows = [ControlRow(d.due, number or "", mtitle or "", d.title, d.rule or "", d.status,
                           resp or "") for d, number, mtitle, resp in s.execute(stmt)]
    parts.append(f"{start.isoformat()} – {end.isoformat()}")
    return ControlSheet(" – ".join(parts), start, end, rows, datetime.now(UTC))
