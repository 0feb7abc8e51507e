"""Scheduling: double-booking detection and the nearest free slot.

A new or moved event conflicts with an existing event when their times overlap and they share
an attendee, or the same location (compared case-insensitively, with surrounding and repeated
spaces ignored).  All-day events (filing days, closures) never block a timed slot.  An event
without an end counts as :data:`DEFAULT_EVENT_MINUTES` long.

:func:`propose_slot` searches *forward* from the wanted start for the nearest slot of the same
length that lies within the firm's business hours (``firm.settings["business_hours"]``, default
Monday–Friday 09:00–17:00 in the firm's time zone), on a day that is neither a public holiday of
the firm's jurisdiction (``firm.settings["jurisdiction"]``, else guessed from the firm's time
zone) nor one of the firm's closure days, and that conflicts with nothing.  It never proposes a
time before the wanted one (an earlier slot may already have been promised to someone else).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import and_, or_, select

from casedesk.core import validate as v
from casedesk.core.casefile import CaseFile
from casedesk.core.errors import CasedeskError, ValidationError
from casedesk.core.models import Event, EventAttendee, Firm, User
from casedesk.core.permissions import Right
from casedesk.core.rules import holiday_name
from casedesk.core.services import calendar
from casedesk.core.services.deadlines import closures_from_settings

DEFAULT_EVENT_MINUTES = 60
DEFAULT_HOURS = {"start": "09:00", "end": "17:00", "days": [0, 1, 2, 3, 4]}
SEARCH_DAYS = 366

#: Firm time zone → holiday jurisdiction, when the firm has not set one.
_ZONE_JURISDICTIONS = {
    "Europe/Athens": "GR", "Asia/Nicosia": "CY", "Europe/London": "GB", "Europe/Berlin": "DE",
    "Europe/Paris": "FR", "Europe/Rome": "IT", "Europe/Madrid": "ES", "America/New_York": "US",
    "America/Chicago": "US", "America/Denver": "US", "America/Los_Angeles": "US",
    "America/Phoenix": "US", "America/Anchorage": "US", "Pacific/Honolulu": "US",
}


class SchedulingConflict(CasedeskError):
    """The wanted slot is taken; ``conflicts`` names why and ``proposed`` a free slot."""

    def __init__(self, message: str, conflicts: list[Conflict], proposed: datetime | None) -> None:
        super().__init__(message)
        self.conflicts = conflicts
        self.proposed = proposed


@dataclass(frozen=True)
class Conflict:
    event: Event
    reason: str


@dataclass(frozen=True)
class BusinessHours:
    start: time
    end: time
    days: frozenset[int]  # Monday = 0
    timezone: str
    jurisdiction: str | None
    closures: dict[date, str]

    def is_business_day(self, day: date) -> bool:
        if day.weekday() not in self.days:
            return False
        if self.jurisdiction:
            return holiday_name(day, self.jurisdiction, self.closures) is None
        return day not in self.closures


def normalize_location(location: str | None) -> str:
    return " ".join((location or "").split()).casefold()


def _hm(value: Any, field: str) -> time:
    try:
        h, m = str(value).split(":")
        return time(int(h), int(m))
    except (ValueError, TypeError):
        raise ValidationError(f"Business hours need times like 09:00, not {value!r}.",
                              field=field) from None


def business_hours(cf: CaseFile, tz: str | None = None) -> BusinessHours:
    """The firm's business hours, holiday jurisdiction and closure days."""
    firm: Firm = cf.firm()
    settings = firm.settings or {}
    hours = {**DEFAULT_HOURS, **(settings.get("business_hours") or {})}
    start, end = _hm(hours["start"], "business_hours"), _hm(hours["end"], "business_hours")
    if end <= start:
        raise ValidationError("Business hours end before they start.", field="business_hours")
    jurisdiction = settings.get("jurisdiction") or _ZONE_JURISDICTIONS.get(firm.timezone)
    return BusinessHours(start, end, frozenset(int(d) for d in hours["days"]),
                         tz or firm.timezone, jurisdiction, closures_from_settings(settings))


def _end_of(ev: Event) -> datetime:
    return ev.ends_at or ev.starts_at + timedelta(minutes=DEFAULT_EVENT_MINUTES)


def _user_ids(s: Any, attendees: Sequence[str]) -> dict[str, str]:
    names = [a.strip().lower() for a in attendees if a and a.strip()]
    if not names:
        return {}
    found = dict(s.execute(select(User.id, User.username).where(User.username.in_(names))).all())
    missing = set(names) - set(found.values())
    if missing:
        raise ValidationError(f"There is no user named '{sorted(missing)[0]}'.",
                              field="attendees")
    return found


def _fmt(ev: Event) -> str:
    zone = ZoneInfo(ev.timezone)
    s = ev.starts_at.astimezone(zone)
    e = _end_of(ev).astimezone(zone)
    return f"{s:%Y-%m-%d %H:%M}–{e:%H:%M} {ev.timezone}"


def find_conflicts(
    cf: CaseFile, start_utc: datetime, end_utc: datetime, attendees: Sequence[str] = (),
    location: str | None = None, exclude_event_id: str | None = None,
) -> list[Conflict]:
    """Events overlapping [start_utc, end_utc) that share an attendee or the location."""
    cf.require(Right.VIEW, "check the calendar")
    if end_utc <= start_utc:
        raise ValidationError("The event must end after it starts.", field="end")
    loc = normalize_location(location)
    with cf.read() as s:
        users = _user_ids(s, attendees)
        return _conflicts(s, start_utc, end_utc, users, loc, exclude_event_id)


def _conflicts(s: Any, start: datetime, end: datetime, users: dict[str, str], loc: str,
               exclude: str | None) -> list[Conflict]:
    if not users and not loc:
        return []
    earliest = start - timedelta(minutes=DEFAULT_EVENT_MINUTES)
    stmt = select(Event).where(
        Event.all_day.is_(False), Event.starts_at < end,
        or_(Event.ends_at > start, and_(Event.ends_at.is_(None), Event.starts_at > earliest)),
    ).order_by(Event.starts_at)
    if exclude:
        stmt = stmt.where(Event.id != exclude)
    out: list[Conflict] = []
    for ev in s.scalars(stmt):
        if not (ev.starts_at < end and _end_of(ev) > start):
            continue
        reasons = []
        if users:
            shared = sorted(users[a.user_id] for a in ev.attendees if a.user_id in users)
            if shared:
                who = ", ".join(shared)
                reasons.append(f"{who} {'is' if len(shared) == 1 else 'are'} already at "
                               f"'{ev.title}' ({_fmt(ev)})")
        if loc and normalize_location(ev.location) == loc:
            reasons.append(f"{ev.location.strip()} is booked for '{ev.title}' ({_fmt(ev)})")
        if reasons:
            out.append(Conflict(ev, "; ".join(reasons)))
    return out


def event_conflicts(cf: CaseFile, event_id: str) -> list[Conflict]:
    """Conflicts of an existing event (after adding or moving it)."""
    with cf.read() as s:
        ev = s.get(Event, event_id)
        if ev is None or ev.all_day:
            return []
        names = [u for (u,) in s.execute(select(User.username).join(
            EventAttendee, EventAttendee.user_id == User.id).where(
            EventAttendee.event_id == event_id))]
        start, end = ev.starts_at, _end_of(ev)
        location = ev.location
    return find_conflicts(cf, start, end, names, location, exclude_event_id=event_id)


def propose_slot(
    cf: CaseFile, start: datetime | str, minutes: int, attendees: Sequence[str] = (),
    location: str | None = None, tz: str | None = None, exclude_event_id: str | None = None,
) -> datetime:
    """The nearest free slot of ``minutes`` at or after ``start`` (naive = wall time in ``tz``,
    default the firm's zone) within business hours, skipping weekends, holidays and closure
    days.  Returns an aware datetime in ``tz``."""
    cf.require(Right.VIEW, "check the calendar")
    if minutes <= 0:
        raise ValidationError("The length must be at least one minute.", field="minutes")
    hours = business_hours(cf, v.timezone(tz) if tz else None)
    zone = ZoneInfo(hours.timezone)
    if isinstance(start, str):
        start = v.parse_local_datetime(start, "start")
    cand = start.astimezone(zone) if start.tzinfo else start.replace(tzinfo=zone)
    length = timedelta(minutes=minutes)
    day_span = datetime.combine(date.min, hours.end) - datetime.combine(date.min, hours.start)
    if length > day_span:
        raise ValidationError(f"{minutes} minutes do not fit into the business hours.",
                              field="minutes")
    loc = normalize_location(location)
    limit = cand.date() + timedelta(days=SEARCH_DAYS)
    with cf.read() as s:
        users = _user_ids(s, attendees)
        while cand.date() <= limit:
            day = cand.date()
            opening = datetime.combine(day, hours.start, tzinfo=zone)
            closing = datetime.combine(day, hours.end, tzinfo=zone)
            if not hours.is_business_day(day) or cand + length > closing:
                cand = datetime.combine(day + timedelta(days=1), hours.start, tzinfo=zone)
                continue
            if cand < opening:
                cand = opening
                continue
            found = _conflicts(s, cand.astimezone(UTC), (cand + length).astimezone(UTC), users,
                               loc, exclude_event_id)
            if not found:
                return cand
            cand = max(_end_of(c.event) for c in found).astimezone(zone)
    raise CasedeskError(f"There is no free slot of {minutes} minutes within a year.")


def book(
    cf: CaseFile, *, title: str, start: datetime | str, minutes: int, attendees: Sequence[str],
    location: str | None = None, tz: str | None = None, matter_id: str | None = None,
    kind: str = "meeting", notes: str | None = None, auto_resolve: bool = False,
) -> tuple[Event, list[Conflict]]:
    """Book an event at ``start`` (wall time in ``tz``).  On a conflict: raise
    :class:`SchedulingConflict` naming it and the nearest free slot, nothing booked; with
    ``auto_resolve`` book that free slot instead.  Returns the event and the conflicts that
    were avoided."""
    cf.require(Right.EDIT, "add events")
    if minutes <= 0:
        raise ValidationError("The length must be at least one minute.", field="minutes")
    zone_name = v.timezone(tz) if tz else cf.firm().timezone
    zone = ZoneInfo(zone_name)
    if isinstance(start, str):
        start = v.parse_local_datetime(start, "start")
    local = start.astimezone(zone) if start.tzinfo else start.replace(tzinfo=zone)
    begin = local.astimezone(UTC)
    conflicts = find_conflicts(cf, begin, begin + timedelta(minutes=minutes), attendees,
                               location)
    if conflicts:
        slot = propose_slot(cf, local, minutes, attendees, location, zone_name)
        if not auto_resolve:
            first = conflicts[0]
            raise SchedulingConflict(
                f"{local:%Y-%m-%d %H:%M} is taken: {first.reason}; the nearest free slot is "
                f"{slot:%Y-%m-%d %H:%M} {zone_name}. Nothing was booked.", conflicts, slot)
        local = slot
    naive = local.replace(tzinfo=None)
    event = calendar.create_event(
        cf, title=title, start=naive, end=naive + timedelta(minutes=minutes),
        timezone=zone_name, kind=kind, matter_id=matter_id, location=location, notes=notes,
        attendees=list(attendees))
    return event, conflicts
