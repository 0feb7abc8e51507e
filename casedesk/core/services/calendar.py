"""Events (hearings, depositions, meetings, filings) and deadlines."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from casedesk.core import validate as v
from casedesk.core.casefile import CaseFile
from casedesk.core.errors import ValidationError
from casedesk.core.models import (
    Deadline,
    DeadlineStatus,
    Event,
    EventAttendee,
    EventKind,
    Firm,
    Matter,
    User,
)
from casedesk.core.permissions import Right
from casedesk.core.services.common import assign, get_or_404, user_id_for


def to_utc(local: datetime, tz: str) -> datetime:
    """Wall-clock time in ``tz`` (naive) → aware UTC.  Aware inputs are converted as they are."""
    if local.tzinfo is None:
        local = local.replace(tzinfo=ZoneInfo(tz))
    return local.astimezone(UTC)


def local_start(event: Event) -> datetime:
    return event.starts_at.astimezone(ZoneInfo(event.timezone))


def local_end(event: Event) -> datetime | None:
    return event.ends_at.astimezone(ZoneInfo(event.timezone)) if event.ends_at else None


def firm_timezone(session: Any) -> str:
    return session.scalar(select(Firm.timezone)) or "UTC"


def event_times(start: Any, end: Any, tz: str, all_day: bool) -> tuple[datetime, datetime | None]:
    if all_day:
        d0 = v.parse_date(start, "start")
        if d0 is None:
            raise ValidationError("'start' is required.", field="start")
        d1 = v.parse_date(end, "end") if end not in (None, "") else None
        s = to_utc(datetime.combine(d0, time()), tz)
        e = to_utc(datetime.combine(d1, time()), tz) if d1 else None
    else:
        if start in (None, ""):
            raise ValidationError("'start' is required.", field="start")
        s = to_utc(v.parse_local_datetime(start, "start"), tz)
        e = to_utc(v.parse_local_datetime(end, "end"), tz) if end not in (None, "") else None
    if e is not None and e < s:
        raise ValidationError("The event ends before it starts.", field="end")
    return s, e


def create_event(
    cf: CaseFile, *, title: str, start: Any, end: Any = None, timezone: str | None = None,
    all_day: bool = False, kind: str = "other", matter_id: str | None = None,
    location: str | None = None, notes: str | None = None, attendees: list[str] = (),  # type: ignore[assignment]
) -> Event:
    cf.require(Right.EDIT, "add events")
    with cf.write() as s:
        tz = v.timezone(timezone) if timezone else firm_timezone(s)
        starts, ends = event_times(start, end, tz, all_day)
        if matter_id:
            get_or_404(s, Matter, matter_id, "matter")
        event = Event(
            title=v.text(title, "title", required=True, max_len=500), starts_at=starts,
            ends_at=ends, timezone=tz, all_day=all_day,
            kind=v.choice(kind, EventKind, "kind"), matter_id=matter_id or None,
            location=v.text(location, "location", max_len=300), notes=v.text(notes, "notes"),
        )
        s.add(event)
        for name in attendees:
            uid = user_id_for(s, name, "attendees")
            assert uid is not None
            event.attendees.append(EventAttendee(user_id=uid))
        s.flush()
    return event


def update_event(cf: CaseFile, event_id: str, **values: Any) -> Event:
    cf.require(Right.EDIT, "edit events")
    with cf.write() as s:
        event = get_or_404(s, Event, event_id, "event")
        tz = v.timezone(values["timezone"]) if values.get("timezone") else event.timezone
        all_day = bool(values.get("all_day", event.all_day))
        if {"start", "end", "timezone", "all_day"} & set(values):
            start = values.get("start", local_start(event).replace(tzinfo=None))
            old_end = local_end(event)
            end = values.get("end", old_end.replace(tzinfo=None) if old_end else None)
            if all_day and isinstance(start, datetime):
                start = start.date()
            if all_day and isinstance(end, datetime):
                end = end.date()
            starts, ends = event_times(start, end, tz, all_day)
            assign(event, {"starts_at": starts, "ends_at": ends, "timezone": tz,
                           "all_day": all_day})
        data: dict[str, Any] = {}
        if "title" in values:
            data["title"] = v.text(values["title"], "title", required=True, max_len=500)
        if "kind" in values:
            data["kind"] = v.choice(values["kind"], EventKind, "kind")
        for key in ("location", "notes"):
            if key in values:
                data[key] = v.text(values[key], key)
        if "matter_id" in values:
            if values["matter_id"]:
                get_or_404(s, Matter, values["matter_id"], "matter")
            data["matter_id"] = values["matter_id"] or None
        assign(event, data)
        if "attendees" in values:
            wanted = {user_id_for(s, n, "attendees") for n in values["attendees"]}
            for att in list(event.attendees):
                if att.user_id not in wanted:
                    event.attendees.remove(att)
            have = {a.user_id for a in event.attendees}
            for uid in wanted - have:
                event.attendees.append(EventAttendee(user_id=uid))
    return event


def delete_event(cf: CaseFile, event_id: str) -> None:
    cf.require(Right.DELETE, "delete events")
    with cf.write() as s:
        s.delete(get_or_404(s, Event, event_id, "event"))


def attendee_names(session: Any, event_id: str) -> list[str]:
    return list(session.scalars(
        select(User.username).join(EventAttendee, EventAttendee.user_id == User.id)
        .where(EventAttendee.event_id == event_id).order_by(User.username)
    ))


# -- deadlines -----------------------------------------------------------------------------------


def create_deadline(
    cf: CaseFile, *, title: str, due: Any, matter_id: str | None = None,
    reminders_days: list[int] | None = None, rule: str | None = None, notes: str | None = None,
    assignee: str | None = None,
) -> Deadline:
    cf.require(Right.EDIT, "add deadlines")
    due_date = v.parse_date(due, "due")
    if due_date is None:
        raise ValidationError("'due' is required.", field="due")
    with cf.write() as s:
        if matter_id:
            get_or_404(s, Matter, matter_id, "matter")
        deadline = Deadline(
            title=v.text(title, "title", required=True, max_len=500), due=due_date,
            matter_id=matter_id or None,
            reminders_days=v.int_list([7, 1] if reminders_days is None else reminders_days,
                                      "reminders_days"),
            rule=v.text(rule, "rule"), notes=v.text(notes, "notes"),
            assignee_id=user_id_for(s, assignee, "assignee"),
        )
        s.add(deadline)
    return deadline


def update_deadline(cf: CaseFile, deadline_id: str, **values: Any) -> Deadline:
    cf.require(Right.EDIT, "edit deadlines")
    with cf.write() as s:
        d = get_or_404(s, Deadline, deadline_id, "deadline")
        data: dict[str, Any] = {}
        if "title" in values:
            data["title"] = v.text(values["title"], "title", required=True, max_len=500)
        if "due" in values:
            data["due"] = v.parse_date(values["due"], "due")
            if data["due"] is None:
                raise ValidationError("'due' is required.", field="due")
        if "reminders_days" in values:
            data["reminders_days"] = v.int_list(values["reminders_days"], "reminders_days")
        for key in ("rule", "notes"):
            if key in values:
                data[key] = v.text(values[key], key)
        if "assignee" in values:
            data["assignee_id"] = user_id_for(s, values["assignee"], "assignee")
        if "status" in values:
            data["status"] = v.choice(values["status"], DeadlineStatus, "status")
        assign(d, data)
    return d


def set_deadline_done(cf: CaseFile, deadline_id: str, done: bool = True) -> Deadline:
    """Mark done (recording who and when) or re-open a deadline."""
    cf.require(Right.EDIT, "complete deadlines")
    with cf.write() as s:
        d = get_or_404(s, Deadline, deadline_id, "deadline")
        if done:
            assign(d, {"status": DeadlineStatus.DONE.value, "completed_at": datetime.now(UTC),
                       "completed_by": cf.user.username})
        else:
            assign(d, {"status": DeadlineStatus.OPEN.value, "completed_at": None,
                       "completed_by": None})
    return d


def delete_deadline(cf: CaseFile, deadline_id: str) -> None:
    cf.require(Right.DELETE, "delete deadlines")
    with cf.write() as s:
        s.delete(get_or_404(s, Deadline, deadline_id, "deadline"))


def day_bounds(day: date, tz: str) -> tuple[datetime, datetime]:
    start = to_utc(datetime.combine(day, time()), tz)
    return start, to_utc(datetime.combine(day + timedelta(days=1), time()), tz)
