"""Read-side queries: paged, filtered, sorted lists for the CLI and the GUI's table models.

Lists return plain rows (dataclasses of display values, plus the record id), fetched a page at a
time with the sort and the filter done in SQL, so a firm of 20k matters opens at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, String, and_, func, or_, select, type_coerce
from sqlalchemy.orm import aliased

from casedesk.core.casefile import CaseFile
from casedesk.core.models import Contact, Deadline, Event, Matter, User
from casedesk.core.permissions import Right


@dataclass(frozen=True)
class ListQuery:
    text: str = ""
    sort: str | None = None
    descending: bool = False
    offset: int = 0
    limit: int | None = None
    filters: tuple[tuple[str, Any], ...] = ()


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _page(stmt: Select[Any], q: ListQuery, columns: dict[str, Any], default: list[Any]) -> Any:
    if q.sort and q.sort in columns:
        col = columns[q.sort]
        stmt = stmt.order_by(col.desc() if q.descending else col.asc(), *default)
    else:
        stmt = stmt.order_by(*default)
    if q.offset:
        stmt = stmt.offset(q.offset)
    if q.limit is not None:
        stmt = stmt.limit(q.limit)
    return stmt


# -- clients / contacts ----------------------------------------------------------------------------

CLIENT_COLUMNS = ["name", "kind", "email", "phone", "matters"]


@dataclass(frozen=True)
class ContactRow:
    id: str
    name: str
    kind: str
    email: str
    phone: str
    matters: int
    is_client: bool


def _contacts_stmt(q: ListQuery, clients_only: bool) -> Select[Any]:
    n_matters = (select(func.count()).where(Matter.client_id == Contact.id)
                 .correlate(Contact).scalar_subquery())
    stmt = select(Contact.id, Contact.name, Contact.kind, Contact.emails, Contact.phones,
                  n_matters.label("matters"), Contact.is_client)
    if clients_only:
        stmt = stmt.where(Contact.is_client.is_(True))
    if q.text.strip():
        pat = _like(q.text.strip())
        stmt = stmt.where(or_(Contact.name.ilike(pat, escape="\\"),
                              type_coerce(Contact.emails, String).ilike(pat, escape="\\")))
    return stmt


def contacts(cf: CaseFile, q: ListQuery = ListQuery(), *, clients_only: bool = True
             ) -> list[ContactRow]:
    cf.require(Right.VIEW, "view contacts")
    stmt = _contacts_stmt(q, clients_only)
    sortable = {"name": Contact.name, "kind": Contact.kind}
    stmt = _page(stmt, q, sortable, [Contact.name, Contact.id])
    with cf.read() as s:
        return [ContactRow(r[0], r[1], r[2], (r[3] or [""])[0], (r[4] or [""])[0], r[5], r[6])
                for r in s.execute(stmt)]


def count_contacts(cf: CaseFile, q: ListQuery = ListQuery(), *, clients_only: bool = True) -> int:
    stmt = select(func.count()).select_from(_contacts_stmt(q, clients_only).subquery())
    with cf.read() as s:
        return int(s.scalar(stmt) or 0)


# -- matters -----------------------------------------------------------------------------------

MATTER_COLUMNS = ["number", "title", "client", "practice_area", "status", "responsible", "court"]


@dataclass(frozen=True)
class MatterRow:
    id: str
    number: str
    title: str
    client: str
    practice_area: str
    status: str
    responsible: str
    court: str
    case_number: str


def _matters_stmt(q: ListQuery) -> tuple[Select[Any], dict[str, Any]]:
    resp = aliased(User)
    stmt = (
        select(Matter.id, Matter.number, Matter.title, Contact.name, Matter.practice_area,
               Matter.status, resp.username, Matter.court, Matter.case_number)
        .join(Contact, Contact.id == Matter.client_id)
        .outerjoin(resp, resp.id == Matter.responsible_id)
    )
    text = q.text.strip()
    if text:
        pat = _like(text)
        stmt = stmt.where(or_(Matter.number.ilike(pat, escape="\\"),
                              Matter.title.ilike(pat, escape="\\"),
                              Contact.name.ilike(pat, escape="\\"),
                              Matter.case_number.ilike(pat, escape="\\")))
    for key, value in q.filters:
        if key == "status" and value:
            stmt = stmt.where(Matter.status.in_(value) if isinstance(value, (list, tuple))
                              else Matter.status == value)
        elif key == "responsible" and value:
            stmt = stmt.where(resp.username == value)
        elif key == "practice_area" and value:
            stmt = stmt.where(Matter.practice_area == value)
        elif key == "client_id" and value:
            stmt = stmt.where(Matter.client_id == value)
    columns = {"number": Matter.number, "title": Matter.title, "client": Contact.name,
               "practice_area": Matter.practice_area, "status": Matter.status,
               "responsible": resp.username, "court": Matter.court}
    return stmt, columns


def matters(cf: CaseFile, q: ListQuery = ListQuery()) -> list[MatterRow]:
    cf.require(Right.VIEW, "view matters")
    stmt, columns = _matters_stmt(q)
    stmt = _page(stmt, q, columns, [Matter.number.desc(), Matter.id])
    with cf.read() as s:
        return [MatterRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6] or "", r[7] or "", r[8] or "")
                for r in s.execute(stmt)]


def count_matters(cf: CaseFile, q: ListQuery = ListQuery()) -> int:
    stmt, _ = _matters_stmt(q)
    with cf.read() as s:
        return int(s.scalar(select(func.count()).select_from(stmt.subquery())) or 0)


# -- events and deadlines -------------------------------------------------------------------------


@dataclass(frozen=True)
class EventRow:
    id: str
    kind: str
    title: str
    starts_at: datetime
    ends_at: datetime | None
    timezone: str
    all_day: bool
    location: str
    matter_number: str
    matter_title: str


def events(cf: CaseFile, *, start: datetime | None = None, end: datetime | None = None,
           matter_id: str | None = None, attendee: str | None = None,
           limit: int | None = None, offset: int = 0) -> list[EventRow]:
    cf.require(Right.VIEW, "view the calendar")
    from casedesk.core.models import EventAttendee

    stmt = (select(Event.id, Event.kind, Event.title, Event.starts_at, Event.ends_at,
                   Event.timezone, Event.all_day, Event.location, Matter.number, Matter.title)
            .outerjoin(Matter, Matter.id == Event.matter_id))
    if start is not None:
        stmt = stmt.where(or_(Event.starts_at >= start,
                              and_(Event.ends_at.is_not(None), Event.ends_at > start)))
    if end is not None:
        stmt = stmt.where(Event.starts_at < end)
    if matter_id:
        stmt = stmt.where(Event.matter_id == matter_id)
    if attendee:
        stmt = stmt.where(Event.id.in_(
            select(EventAttendee.event_id).join(User, User.id == EventAttendee.user_id)
            .where(User.username == attendee)))
    stmt = stmt.order_by(Event.starts_at, Event.id).offset(offset)
    if limit is not None:
        stmt = stmt.limit(limit)
    with cf.read() as s:
        return [EventRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7] or "", r[8] or "",
                         r[9] or "") for r in s.execute(stmt)]


@dataclass(frozen=True)
class DeadlineRow:
    id: str
    title: str
    due: date
    status: str
    rule: str
    matter_number: str
    matter_title: str
    reminders_days: list[int]


def deadlines(cf: CaseFile, *, start: date | None = None, end: date | None = None,
              matter_id: str | None = None, status: str | None = None,
              responsible: str | None = None, limit: int | None = None,
              offset: int = 0) -> list[DeadlineRow]:
    cf.require(Right.VIEW, "view deadlines")
    stmt = (select(Deadline.id, Deadline.title, Deadline.due, Deadline.status, Deadline.rule,
                   Matter.number, Matter.title, Deadline.reminders_days)
            .outerjoin(Matter, Matter.id == Deadline.matter_id))
    if start is not None:
        stmt = stmt.where(Deadline.due >= start)
    if end is not None:
        stmt = stmt.where(Deadline.due <= end)
    if matter_id:
        stmt = stmt.where(Deadline.matter_id == matter_id)
    if status:
        stmt = stmt.where(Deadline.status == status)
    if responsible:
        stmt = stmt.where(Matter.responsible_id.in_(
            select(User.id).where(User.username == responsible)))
    stmt = stmt.order_by(Deadline.due, Deadline.id).offset(offset)
    if limit is not None:
        stmt = stmt.limit(limit)
    with cf.read() as s:
        return [DeadlineRow(r[0], r[1], r[2], r[3], r[4] or "", r[5] or "", r[6] or "",
                            list(r[7] or [])) for r in s.execute(stmt)]


# -- matter workspace (read-only views of one matter) ---------------------------------------------


@dataclass(frozen=True)
class MatterOverview:
    id: str
    number: str
    title: str
    client_id: str
    client: str
    status: str
    next_statuses: tuple[str, ...]
    practice_area: str
    court: str
    case_number: str
    judge: str
    responsible: str
    case_manager: str
    description: str
    opened_on: date | None


def matter_overview(cf: CaseFile, matter_id: str) -> MatterOverview:
    cf.require(Right.VIEW, "view matters")
    from casedesk.core.errors import NotFound
    from casedesk.core.services.matters import next_statuses

    with cf.read() as s:
        m = s.get(Matter, matter_id)
        if m is None:
            raise NotFound("That matter does not exist (it may have been deleted).")
        return MatterOverview(
            m.id, m.number, m.title, m.client_id, m.client.name, m.status,
            next_statuses(m.status), m.practice_area, m.court or "",
            m.case_number or "", m.judge or "",
            m.responsible.username if m.responsible else "",
            m.case_manager.username if m.case_manager else "", m.description or "", m.opened_on,
        )


@dataclass(frozen=True)
class PartyRow:
    id: str
    contact_id: str
    name: str
    role: str
    email: str
    phone: str


def matter_parties(cf: CaseFile, matter_id: str) -> list[PartyRow]:
    cf.require(Right.VIEW, "view a matter's parties")
    from casedesk.core.models import MatterParty

    stmt = (select(MatterParty.id, Contact.id, Contact.name, MatterParty.role, Contact.emails,
                   Contact.phones)
            .join(Contact, Contact.id == MatterParty.contact_id)
            .where(MatterParty.matter_id == matter_id)
            .order_by(MatterParty.role, Contact.name))
    with cf.read() as s:
        return [PartyRow(r[0], r[1], r[2], r[3], (r[4] or [""])[0], (r[5] or [""])[0])
                for r in s.execute(stmt)]


@dataclass(frozen=True)
class DocumentRow:
    id: str
    matter_id: str
    matter_number: str
    title: str
    category: str
    doc_date: date | None
    author: str
    versions: int
    filename: str


DOCUMENT_COLUMNS = ["title", "matter", "category", "doc_date", "author", "versions"]


def _documents_stmt(q: ListQuery, matter_id: str | None) -> tuple[Select[Any], dict[str, Any]]:
    from casedesk.core.models import Document, DocumentVersion

    n_versions = (select(func.count()).where(DocumentVersion.document_id == Document.id)
                  .correlate(Document).scalar_subquery())
    latest = (select(DocumentVersion.filename).where(DocumentVersion.document_id == Document.id)
              .order_by(DocumentVersion.version.desc()).limit(1)
              .correlate(Document).scalar_subquery())
    stmt = (select(Document.id, Document.matter_id, Matter.number, Document.title,
                   Document.category, Document.doc_date, Document.author,
                   n_versions.label("versions"), latest.label("filename"))
            .join(Matter, Matter.id == Document.matter_id))
    if matter_id:
        stmt = stmt.where(Document.matter_id == matter_id)
    text = q.text.strip()
    if text:
        pat = _like(text)
        stmt = stmt.where(or_(Document.title.ilike(pat, escape="\\"),
                              Matter.number.ilike(pat, escape="\\"),
                              Document.author.ilike(pat, escape="\\")))
    columns = {"title": Document.title, "matter": Matter.number, "category": Document.category,
               "doc_date": Document.doc_date, "author": Document.author}
    return stmt, columns


def documents(cf: CaseFile, q: ListQuery = ListQuery(), *, matter_id: str | None = None
              ) -> list[DocumentRow]:
    cf.require(Right.VIEW, "view documents")
    from casedesk.core.models import Document

    stmt, columns = _documents_stmt(q, matter_id)
    stmt = _page(stmt, q, columns, [Document.doc_date.desc(), Document.id])
    with cf.read() as s:
        return [DocumentRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6] or "", int(r[7] or 0),
                            r[8] or "") for r in s.execute(stmt)]


@dataclass(frozen=True)
class CorrespondenceRow:
    id: str
    occurred_at: datetime
    direction: str
    channel: str
    counterpart: str
    subject: str


def matter_correspondence(cf: CaseFile, matter_id: str) -> list[CorrespondenceRow]:
    cf.require(Right.VIEW, "view correspondence")
    from casedesk.core.models import Correspondence

    stmt = (select(Correspondence.id, Correspondence.occurred_at, Correspondence.direction,
                   Correspondence.channel, Correspondence.counterpart, Correspondence.subject)
            .where(Correspondence.matter_id == matter_id)
            .order_by(Correspondence.occurred_at.desc(), Correspondence.id))
    with cf.read() as s:
        return [CorrespondenceRow(r[0], r[1], r[2], r[3], r[4] or "", r[5] or "")
                for r in s.execute(stmt)]


@dataclass(frozen=True)
class TaskRow:
    id: str
    title: str
    matter_id: str
    matter_number: str
    assignee: str
    due: date | None
    status: str


TASK_COLUMNS = ["title", "matter", "assignee", "due", "status"]


def _tasks_stmt(q: ListQuery, matter_id: str | None) -> tuple[Select[Any], dict[str, Any]]:
    from casedesk.core.models import Task

    assignee = aliased(User)
    stmt = (select(Task.id, Task.title, Task.matter_id, Matter.number, assignee.username,
                   Task.due, Task.status)
            .outerjoin(Matter, Matter.id == Task.matter_id)
            .outerjoin(assignee, assignee.id == Task.assignee_id))
    if matter_id:
        stmt = stmt.where(Task.matter_id == matter_id)
    text = q.text.strip()
    if text:
        pat = _like(text)
        stmt = stmt.where(or_(Task.title.ilike(pat, escape="\\"),
                              Matter.number.ilike(pat, escape="\\"),
                              assignee.username.ilike(pat, escape="\\")))
    for key, value in q.filters:
        if key == "status" and value:
            stmt = stmt.where(Task.status.in_(value) if isinstance(value, (list, tuple))
                              else Task.status == value)
        elif key == "assignee" and value:
            stmt = stmt.where(assignee.username == value)
    columns = {"title": Task.title, "matter": Matter.number, "assignee": assignee.username,
               "due": Task.due, "status": Task.status}
    return stmt, columns


def tasks(cf: CaseFile, q: ListQuery = ListQuery(), *, matter_id: str | None = None
          ) -> list[TaskRow]:
    cf.require(Right.VIEW, "view tasks")
    from casedesk.core.models import Task

    stmt, columns = _tasks_stmt(q, matter_id)
    stmt = _page(stmt, q, columns, [Task.due.is_(None), Task.due, Task.id])
    with cf.read() as s:
        return [TaskRow(r[0], r[1], r[2] or "", r[3] or "", r[4] or "", r[5], r[6])
                for r in s.execute(stmt)]


@dataclass(frozen=True)
class NoteRow:
    id: str
    created_at: datetime
    author: str
    body: str


def matter_notes(cf: CaseFile, matter_id: str) -> list[NoteRow]:
    cf.require(Right.VIEW, "view notes")
    from casedesk.core.models import Note

    stmt = (select(Note.id, Note.created_at, Note.author, Note.body)
            .where(Note.matter_id == matter_id).order_by(Note.created_at.desc(), Note.id))
    with cf.read() as s:
        return [NoteRow(r[0], r[1], r[2], r[3]) for r in s.execute(stmt)]


@dataclass(frozen=True)
class HistoryRow:
    ts: str
    user: str
    entity: str
    entity_id: str
    op: str
    field: str
    old: str
    new: str
    record: str = ""


def matter_history(cf: CaseFile, matter_id: str, *, limit: int = 2000) -> list[HistoryRow]:
    """The audit trail of a matter and of the records hanging off it (parties, events,
    deadlines, tasks, notes, documents, correspondence), newest first, one line per field, in
    words (see :mod:`casedesk.core.history`).  Records deleted since are found through the
    ``matter_id`` their delete row recorded."""
    cf.require(Right.VIEW, "view a matter's history")
    from casedesk.core import history, walls
    from casedesk.core.models import AuditEntry

    tz = cf.firm().timezone
    with cf.read() as s:
        if s.get(Matter, matter_id) is None:  # walls apply: a hidden matter has no history
            return []
        ids = walls.matter_record_ids(s, [matter_id])
        found = []
        id_list = sorted(ids)
        for i in range(0, len(id_list), 500):
            found.extend(s.scalars(select(AuditEntry).where(
                AuditEntry.entity_id.in_(id_list[i:i + 500]))))
        found.sort(key=lambda r: (r.ts, r.device_id, r.seq), reverse=True)
        lines = history.describe(s, found[:limit], tz)
    return [HistoryRow(c.ts, c.user, c.entity, c.entity_id, c.op, c.field, c.old, c.new, c.record)
            for c in lines if c.field != "matter_id"][:limit]


@dataclass(frozen=True)
class UserChoice:
    username: str
    display_name: str
    role: str


def user_choices(cf: CaseFile) -> list[UserChoice]:
    """Active users, for responsible / case manager / assignee pickers."""
    cf.require(Right.VIEW, "list users")
    with cf.read() as s:
        return [UserChoice(r[0], r[1] or r[0], r[2]) for r in s.execute(
            select(User.username, User.display_name, User.role)
            .where(User.active.is_(True)).order_by(User.username))]


def practice_areas(cf: CaseFile) -> list[str]:
    cf.require(Right.VIEW, "view the firm's practice areas")
    from casedesk.core.models import Firm

    with cf.read() as s:
        return list(s.scalar(select(Firm.practice_areas)) or [])


# -- calendar: month marks and the agenda ---------------------------------------------------------
#
# "A person's" items: events they attend; deadlines assigned to them or on a matter they are the
# responsible attorney or the case manager of (so "My week" works for attorneys and case managers).


@dataclass(frozen=True)
class DayMark:
    hearings: int = 0
    events: int = 0
    deadlines: int = 0  # open deadlines due that day
    overdue: int = 0  # of those, the ones already past (due before today)


def _person_id(username: str) -> Any:
    return select(User.id).where(User.username == username).scalar_subquery()


def _events_of(person: str) -> Any:
    from casedesk.core.models import EventAttendee

    return Event.id.in_(select(EventAttendee.event_id)
                        .where(EventAttendee.user_id == _person_id(person)))


def _deadlines_of(person: str) -> Any:
    uid = _person_id(person)
    return or_(Deadline.assignee_id == uid,
               Deadline.matter_id.in_(select(Matter.id).where(
                   or_(Matter.responsible_id == uid, Matter.case_manager_id == uid))))


def _local_bounds(first: date, last: date, tz: str) -> tuple[datetime, datetime]:
    """UTC bounds wide enough for every event whose local day (in any zone) is in the range."""
    from datetime import time, timedelta

    from casedesk.core.services.calendar import to_utc

    return (to_utc(datetime.combine(first - timedelta(days=1), time()), tz),
            to_utc(datetime.combine(last + timedelta(days=2), time()), tz))


def _event_day(starts_at: datetime, all_day: bool, event_tz: str, firm_zone: Any) -> date:
    """An event's day: in the firm's zone, or for an all-day event, the date in its own zone."""
    from zoneinfo import ZoneInfo

    return starts_at.astimezone(ZoneInfo(event_tz) if all_day else firm_zone).date()


def calendar_marks(cf: CaseFile, first: date, last: date, *, attendee: str | None = None,
                   matter_id: str | None = None, today: date | None = None
                   ) -> dict[date, DayMark]:
    """Per-day counts for a calendar page (``first``..``last`` inclusive, firm-local days):
    hearings, other events, open deadlines and overdue ones.  ``attendee`` limits the marks to
    one person's items (see above), ``matter_id`` to one matter.  Days without items are left
    out."""
    cf.require(Right.VIEW, "view the calendar")
    from datetime import UTC
    from zoneinfo import ZoneInfo

    from sqlalchemy import case

    from casedesk.core.services.calendar import firm_timezone

    counts: dict[date, list[int]] = {}
    with cf.read() as s:
        tz = firm_timezone(s)
        zone = ZoneInfo(tz)
        today = today or datetime.now(zone).date()
        lo, hi = _local_bounds(first, last, tz)
        minute = func.substr(type_coerce(Event.starts_at, String), 1, 16)
        hearing = case((Event.kind == "hearing", 1), else_=0)
        ev = (select(minute, Event.timezone, Event.all_day, hearing, func.count())
              .where(Event.starts_at >= lo, Event.starts_at < hi)
              .group_by(minute, Event.timezone, Event.all_day, hearing))
        if attendee:
            ev = ev.where(_events_of(attendee))
        if matter_id:
            ev = ev.where(Event.matter_id == matter_id)
        for at, ev_tz, all_day, is_hearing, n in s.execute(ev):
            start = datetime.strptime(at, "%Y-%m-%d %H:%M").replace(tzinfo=UTC)
            day = _event_day(start, bool(all_day), ev_tz or tz, zone)
            if first <= day <= last:
                slot = counts.setdefault(day, [0, 0, 0, 0])
                slot[0 if is_hearing else 1] += int(n)
        is_open = Deadline.status == "open"
        dl = (select(Deadline.due, func.count(),
                     func.sum(case((Deadline.due < today, 1), else_=0)))
              .where(is_open, Deadline.due >= first, Deadline.due <= last)
              .group_by(Deadline.due))
        if attendee:
            dl = dl.where(_deadlines_of(attendee))
        if matter_id:
            dl = dl.where(Deadline.matter_id == matter_id)
        for due, n, overdue in s.execute(dl):
            slot = counts.setdefault(due, [0, 0, 0, 0])
            slot[2] += int(n)
            slot[3] += int(overdue or 0)
    return {day: DayMark(*c) for day, c in counts.items()}


@dataclass(frozen=True)
class AgendaItem:
    kind: str  # "event" or "deadline"
    id: str
    event_kind: str  # hearing, deposition, meeting, filing, other; "deadline" for deadlines
    title: str
    day: date  # the firm-local day it is listed under
    starts_at: datetime | None  # aware UTC; None for deadlines
    ends_at: datetime | None
    timezone: str
    all_day: bool
    location: str
    rule: str
    status: str  # a deadline's status; "" for events
    overdue: bool
    matter_id: str
    matter_number: str
    matter_title: str


def agenda(cf: CaseFile, first: date, last: date, *, person: str | None = None,
           matter_id: str | None = None, today: date | None = None) -> list[AgendaItem]:
    """Events and deadlines of the firm-local days ``first``..``last``: per day, deadlines and
    all-day events first, then events by start time.  Cancelled deadlines are left out."""
    cf.require(Right.VIEW, "view the calendar")
    from zoneinfo import ZoneInfo

    from casedesk.core.services.calendar import firm_timezone

    items: list[AgendaItem] = []
    with cf.read() as s:
        tz = firm_timezone(s)
        zone = ZoneInfo(tz)
        today = today or datetime.now(zone).date()
        lo, hi = _local_bounds(first, last, tz)
        ev = (select(Event.id, Event.kind, Event.title, Event.starts_at, Event.ends_at,
                     Event.timezone, Event.all_day, Event.location, Event.matter_id,
                     Matter.number, Matter.title)
              .outerjoin(Matter, Matter.id == Event.matter_id)
              .where(Event.starts_at < hi,
                     or_(Event.starts_at >= lo, and_(Event.ends_at.is_not(None),
                                                     Event.ends_at > lo))))
        if person:
            ev = ev.where(_events_of(person))
        if matter_id:
            ev = ev.where(Event.matter_id == matter_id)
        for r in s.execute(ev):
            day = _event_day(r[3], bool(r[6]), r[5] or tz, zone)
            if day > last:
                continue
            if day < first:
                end = r[4]
                end_day = (_event_day(end, bool(r[6]), r[5] or tz, zone) if end else day)
                if end_day < first:
                    continue
                day = first
            items.append(AgendaItem("event", r[0], r[1], r[2], day, r[3], r[4], r[5] or tz,
                                    bool(r[6]), r[7] or "", "", "", False, r[8] or "",
                                    r[9] or "", r[10] or ""))
        dl = (select(Deadline.id, Deadline.title, Deadline.due, Deadline.status, Deadline.rule,
                     Deadline.matter_id, Matter.number, Matter.title)
              .outerjoin(Matter, Matter.id == Deadline.matter_id)
              .where(Deadline.due >= first, Deadline.due <= last,
                     Deadline.status != "cancelled"))
        if person:
            dl = dl.where(_deadlines_of(person))
        if matter_id:
            dl = dl.where(Deadline.matter_id == matter_id)
        for r in s.execute(dl):
            items.append(AgendaItem("deadline", r[0], "deadline", r[1], r[2], None, None, tz,
                                    True, "", r[4] or "", r[3], r[3] == "open" and r[2] < today,
                                    r[5] or "", r[6] or "", r[7] or ""))

    def order(item: AgendaItem) -> tuple[Any, ...]:
        timed = item.starts_at is not None and not item.all_day
        return (item.day, timed, item.kind != "deadline", item.starts_at or _EPOCH, item.title,
                item.id)

    items.sort(key=order)
    return items


_EPOCH = datetime(1970, 1, 1).astimezone()


@dataclass(frozen=True)
class MatterBrief:
    id: str
    number: str
    title: str


def matter_brief(cf: CaseFile, matter_id: str) -> MatterBrief | None:
    """A matter's number and title, or None when it no longer exists."""
    cf.require(Right.VIEW, "view matters")
    with cf.read() as s:
        row = s.execute(select(Matter.id, Matter.number, Matter.title)
                        .where(Matter.id == matter_id)).first()
    return MatterBrief(row[0], row[1], row[2]) if row else None
