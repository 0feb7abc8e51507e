"""Reports for partners: the data of the weekly and the monthly report (Qt-free).

Computed as if today were ``for_date``: the week is Monday–Sunday around it, the month the
calendar month containing it.  Rendering (PDF, Word) lives in :mod:`casedesk.reports_render`.

* deadlines: open deadlines due in the period; hearings: hearings starting in it (firm time);
* missed: open deadlines due before ``for_date``;
* matters opened (``opened_on``) and closed (``closed_on``) in the period, by practice area and
  by responsible attorney;
* workload per active attorney and case manager: open matters (open or pending, responsible or
  case manager), open deadlines due in the period on those matters or assigned to them, tasks
  assigned to them and past due as of ``for_date``;
* activity: documents added (created) and correspondence (occurred) in the period.

The requesting user needs the view right; saving a report to a file is an export.
"""

from __future__ import annotations

import calendar
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from casedesk.core.errors import ValidationError
from casedesk.core.models import (
    Correspondence,
    Deadline,
    DeadlineStatus,
    Document,
    Event,
    EventKind,
    Firm,
    Matter,
    MatterStatus,
    Role,
    Task,
    TaskStatus,
    User,
)
from casedesk.core.permissions import Right

if TYPE_CHECKING:
    from casedesk.core.casefile import CaseFile

OPEN_MATTER = (MatterStatus.OPEN.value, MatterStatus.PENDING.value)
OPEN_TASK = (TaskStatus.OPEN.value, TaskStatus.IN_PROGRESS.value)
UNASSIGNED = "(unassigned)"


@dataclass(frozen=True)
class Item:
    """A deadline or hearing line."""

    day: date
    time: str  # "HH:MM" firm-local for hearings, "" for deadlines
    matter_number: str
    matter_title: str
    title: str
    responsible: str
    overdue_days: int = 0


@dataclass(frozen=True)
class MatterLine:
    number: str
    title: str
    practice_area: str
    responsible: str
    day: date | None


@dataclass(frozen=True)
class Workload:
    username: str
    name: str
    role: str
    open_matters: int
    deadlines_due: int
    overdue_tasks: int


@dataclass
class Report:
    kind: str  # "weekly" | "monthly"
    for_date: date
    start: date
    end: date
    firm: str
    timezone: str
    generated_by: str
    generated_at: str
    deadlines: list[Item] = field(default_factory=list)
    hearings: list[Item] = field(default_factory=list)
    missed: list[Item] = field(default_factory=list)
    opened: list[MatterLine] = field(default_factory=list)
    closed: list[MatterLine] = field(default_factory=list)
    workload: list[Workload] = field(default_factory=list)
    documents_added: int = 0
    correspondence_logged: int = 0

    @property
    def title(self) -> str:
        if self.kind == "weekly":
            return f"Weekly report {self.start.isoformat()} – {self.end.isoformat()}"
        return f"Monthly report {self.start.strftime('%B %Y')}"

    @staticmethod
    def _count(lines: list[MatterLine], attr: str) -> dict[str, int]:
        return dict(sorted(Counter(getattr(m, attr) or UNASSIGNED for m in lines).items()))

    def opened_by_area(self) -> dict[str, int]:
        return self._count(self.opened, "practice_area")

    def opened_by_attorney(self) -> dict[str, int]:
        return self._count(self.opened, "responsible")

    def closed_by_area(self) -> dict[str, int]:
        return self._count(self.closed, "practice_area")

    def closed_by_attorney(self) -> dict[str, int]:
        return self._count(self.closed, "responsible")

    def open_matters_by_attorney(self) -> dict[str, int]:
        return {w.name: w.open_matters for w in self.workload if w.role == Role.ATTORNEY.value}

    def summary(self) -> dict[str, int]:
        return {
            "deadlines_due": len(self.deadlines), "hearings": len(self.hearings),
            "missed_deadlines": len(self.missed), "matters_opened": len(self.opened),
            "matters_closed": len(self.closed), "documents_added": self.documents_added,
            "correspondence_logged": self.correspondence_logged,
        }

    def to_dict(self) -> dict[str, Any]:
        from dataclasses import asdict

        return {
            "kind": self.kind, "title": self.title, "for": self.for_date.isoformat(),
            "start": self.start.isoformat(), "end": self.end.isoformat(), "firm": self.firm,
            "summary": self.summary(),
            "deadlines": [asdict(i) for i in self.deadlines],
            "hearings": [asdict(i) for i in self.hearings],
            "missed": [asdict(i) for i in self.missed],
            "opened": [asdict(m) for m in self.opened],
            "closed": [asdict(m) for m in self.closed],
            "opened_by_area": self.opened_by_area(), "opened_by_attorney":
            self.opened_by_attorney(), "closed_by_area": self.closed_by_area(),
            "closed_by_attorney": self.closed_by_attorney(),
            "workload": [asdict(w) for w in self.workload],
        }


def week_of(day: date) -> tuple[date, date]:
    start = day - timedelta(days=day.weekday())
    return start, start + timedelta(days=6)


def month_of(day: date) -> tuple[date, date]:
    last = calendar.monthrange(day.year, day.month)[1]
    return day.replace(day=1), day.replace(day=last)


def _utc(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time.min, tzinfo=zone).astimezone(UTC)


def weekly(cf: CaseFile, for_date: date) -> Report:
    start, end = week_of(for_date)
    return build(cf, "weekly", for_date, start, end)


def monthly(cf: CaseFile, for_date: date) -> Report:
    start, end = month_of(for_date)
    return build(cf, "monthly", for_date, start, end)


def build(cf: CaseFile, kind: str, for_date: date, start: date, end: date) -> Report:
    cf.require(Right.VIEW, "see reports")
    if end < start:
        raise ValidationError("The period ends before it starts.", field="to")
    with cf.read() as s:
        firm = s.scalars(select(Firm)).one()
        zone = ZoneInfo(firm.timezone or "UTC")
        lo, hi = _utc(start, zone), _utc(end + timedelta(days=1), zone)
        users = {u.id: u for u in s.scalars(select(User))}

        def who(uid: str | None) -> str:
            u = users.get(uid or "")
            return (u.display_name or u.username) if u else ""

        rep = Report(kind, for_date, start, end, firm.name, firm.timezone, cf.user.username,
                     datetime.now(UTC).astimezone(zone).strftime("%Y-%m-%d %H:%M"))
        rep.deadlines = _deadlines(s, who, Deadline.due.between(start, end), for_date)
        rep.missed = _deadlines(s, who, Deadline.due < for_date, for_date)
        for ev, m in s.execute(
            select(Event, Matter).outerjoin(Matter, Event.matter_id == Matter.id)
            .where(Event.kind == EventKind.HEARING.value, Event.starts_at >= lo,
                   Event.starts_at < hi).order_by(Event.starts_at)
        ).all():
            local = ev.starts_at.astimezone(zone)
            rep.hearings.append(Item(local.date(), "" if ev.all_day else local.strftime("%H:%M"),
                                     m.number if m else "", m.title if m else "", ev.title,
                                     who(m.responsible_id) if m else ""))
        for attr, target in (("opened_on", rep.opened), ("closed_on", rep.closed)):
            col = getattr(Matter, attr)
            for m in s.scalars(select(Matter).where(col.between(start, end))
                               .order_by(col, Matter.number)):
                target.append(MatterLine(m.number, m.title, m.practice_area,
                                         who(m.responsible_id), getattr(m, attr)))
        rep.workload = _workload(s, users, start, end, for_date)
        rep.documents_added = s.scalar(select(func.count(Document.id)).where(
            Document.created_at >= lo, Document.created_at < hi)) or 0
        rep.correspondence_logged = s.scalar(select(func.count(Correspondence.id)).where(
            Correspondence.occurred_at >= lo, Correspondence.occurred_at < hi)) or 0
    return rep


def _deadlines(s: Session, who: Any, cond: Any, today: date) -> list[Item]:
    out = []
    for d, m in s.execute(
        select(Deadline, Matter).outerjoin(Matter, Deadline.matter_id == Matter.id)
        .where(Deadline.status == DeadlineStatus.OPEN.value, cond)
        .order_by(Deadline.due, Matter.number, Deadline.title)
    ).all():
        out.append(Item(d.due, "", m.number if m else "", m.title if m else "", d.title,
                        who(d.assignee_id or (m.responsible_id if m else None)),
                        max(0, (today - d.due).days)))
    return out


def _workload(s: Session, users: dict[str, User], start: date, end: date,
              today: date) -> list[Workload]:
    people = [u for u in users.values() if u.active and u.role in (
        Role.ATTORNEY.value, Role.CASE_MANAGER.value)]
    people.sort(key=lambda u: (u.role, u.display_name or u.username))
    out = []
    for u in people:
        mine = or_(Matter.responsible_id == u.id, Matter.case_manager_id == u.id)
        open_matters = s.scalar(select(func.count(Matter.id)).where(
            Matter.status.in_(OPEN_MATTER), mine)) or 0
        m2 = aliased(Matter)
        due = s.scalar(
            select(func.count(Deadline.id)).outerjoin(m2, Deadline.matter_id == m2.id)
            .where(Deadline.status == DeadlineStatus.OPEN.value, Deadline.due.between(start, end),
                   or_(Deadline.assignee_id == u.id,
                       and_(Deadline.assignee_id.is_(None),
                            or_(m2.responsible_id == u.id, m2.case_manager_id == u.id))))) or 0
        overdue = s.scalar(select(func.count(Task.id)).where(
            Task.assignee_id == u.id, Task.status.in_(OPEN_TASK), Task.due < today)) or 0
        out.append(Workload(u.username, u.display_name or u.username, u.role, int(open_matters),
                            int(due), int(overdue)))
    return out
