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
from casedesk.core.search import fold


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


def folded(text: str) -> str:
    return fold(text)
