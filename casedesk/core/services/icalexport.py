"""The firm's calendar as iCalendar: export, per-user feeds, and import of .ics files.

Export
------
:func:`build_calendar` turns events and deadlines into one VCALENDAR with
:class:`casedesk.core.ics.IcsCalendarBuilder`:

* ``UID`` = :func:`~casedesk.core.ics.stable_uid` of the record kind and id within the firm, so
  it never changes across exports; ``SEQUENCE`` = the record's ``rev`` (rises on every change);
  ``DTSTAMP``/``LAST-MODIFIED`` = the record's ``updated_at`` (stable while it is unchanged);
* events keep their own time zone (one VTIMEZONE per TZID); all-day events and deadlines are
  DATE values (a deadline is its due day; ``DTEND`` the next day).  An all-day event's stored
  end is its *last* day (inclusive), so ``DTEND`` is the day after it;
* a VALARM per reminder: a deadline's ``reminders_days``, an event's :data:`EVENT_ALARMS`
  (1 day and 1 hour before);
* ``X-WR-CALNAME`` names the firm and the attorney / matter filter; ``CATEGORIES`` the kind.

Cancelled deadlines are left out; done ones are included with "✓ " before the title.

Persisted cache
---------------
A new process starts with an empty in-memory cache, so each item's serialized VEVENT is also kept
in the case file's local ``ics_cache`` table (uid → sequence, fingerprint hash, bytes; inside the
encrypted database, never synced).  Before building, those rows are handed to the builder as its
cache; after building, new and changed entries are written back (and, after an unfiltered
export, the entries of records that no longer exist are removed).  An entry is only reused when
the item's UID, SEQUENCE and the hash of everything that goes into its VEVENT are the same.

Feeds
-----
Each user may have a feed token (:func:`feed_token`, regenerable with
:func:`regenerate_feed_token`); :mod:`casedesk.core.feed` serves ``/feed/<token>.ics`` on the
loopback interface.  A user's feed (:func:`user_calendar`) holds the events they attend and the
deadlines assigned to them or of matters they are responsible for or case manager of.
:func:`write_feed_file` writes it to a file instead; the GUI must first show
:data:`FEED_FILE_WARNING`.

Import
------
:func:`import_ics` adds the VEVENTs of an .ics file (a hearing notice…) to a matter's events.
Each keeps ``import_key = "ics:<UID>"``, so importing the same file again updates the events
instead of duplicating them.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Hashable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import delete, insert, or_, select
from sqlalchemy.orm import Session

from casedesk.core import validate as v
from casedesk.core.calmodels import FeedToken, IcsCacheEntry
from casedesk.core.casefile import CaseFile
from casedesk.core.errors import CaseFileBusy, NotFound, PermissionDenied, ValidationError
from casedesk.core.fsutil import atomic_write
from casedesk.core.ics import (
    IcsCalendarBuilder,
    IcsEvent,
    SerializedCache,
    calendar_name,
    category_for_kind,
    parse_ics,
    stable_uid,
)
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
from casedesk.core.services.calendar import event_times

#: Reminders of events, in minutes before the start: 1 day and 1 hour.
EVENT_ALARMS = (24 * 60, 60)

#: What the GUI must show before turning on "write my feed to a folder".
FEED_FILE_WARNING = (
    "The calendar file is not encrypted: it is readable by anyone with access to that folder "
    "(and by anything that synchronizes or backs up the folder). It contains the titles, times, "
    "places and matters of your hearings, meetings and deadlines."
)

_CHUNK = 500


# -- the persisted serialized-item cache -------------------------------------------------------


def _fp_hash(fingerprint: Hashable) -> str:
    return hashlib.blake2b(repr(fingerprint).encode("utf-8"), digest_size=16).hexdigest()


class PersistentIcsCache(SerializedCache):
    """The ``ics_cache`` rows as a :class:`SerializedCache` for the builder."""

    def __init__(self, rows: dict[str, tuple[int, str, bytes]]) -> None:
        super().__init__(max_items=1)
        self._rows = rows
        self.loaded = frozenset(rows)
        self.changed: dict[str, tuple[int, str, bytes]] = {}

    def get(self, key: tuple[str, int, Hashable], default: bytes | None = None) -> bytes | None:
        uid, sequence, fingerprint = key
        row = self._rows.get(uid)
        if row is not None and row[0] == sequence and row[1] == _fp_hash(fingerprint):
            self.hits += 1
            return row[2]
        self.misses += 1
        return default

    def __setitem__(self, key: tuple[str, int, Hashable], value: bytes) -> None:
        uid, sequence, fingerprint = key
        row = (sequence, _fp_hash(fingerprint), value)
        self._rows[uid] = row
        self.changed[uid] = row

    def __contains__(self, key: object) -> bool:
        return isinstance(key, tuple) and self.get(key) is not None  # type: ignore[arg-type]

    def __len__(self) -> int:
        return len(self._rows)

    def clear(self) -> None:
        self._rows.clear()
        self.changed.clear()


def _load_cache(cf: CaseFile) -> PersistentIcsCache:
    with cf.read() as s:
        rows = {uid: (seq, fp, data) for uid, seq, fp, data in s.execute(
            select(IcsCacheEntry.uid, IcsCacheEntry.sequence, IcsCacheEntry.fingerprint,
                   IcsCacheEntry.data))}
    return PersistentIcsCache(rows)


def _save_cache(cf: CaseFile, cache: PersistentIcsCache, seen: set[str] | None) -> None:
    stale = sorted(cache.loaded - seen) if seen is not None else []
    if not cache.changed and not stale:
        return
    try:
        with cf.write() as s:
            for i in range(0, len(stale), _CHUNK):
                s.execute(delete(IcsCacheEntry).where(
                    IcsCacheEntry.uid.in_(stale[i:i + _CHUNK])))
            if cache.changed:
                s.execute(insert(IcsCacheEntry).prefix_with("OR REPLACE"), [
                    {"uid": uid, "sequence": seq, "fingerprint": fp, "data": data}
                    for uid, (seq, fp, data) in cache.changed.items()])
    except CaseFileBusy:
        return  # the cache is an optimisation: the next export writes it
    cache.changed = {}


def clear_cache(cf: CaseFile) -> None:
    with cf.write() as s:
        s.execute(delete(IcsCacheEntry))


# -- building ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CalendarExport:
    data: bytes
    events: int
    deadlines: int
    cache_hits: int
    cache_misses: int


def _user_id(s: Session, username: str) -> tuple[str, str]:
    row = s.execute(select(User.id, User.display_name).where(
        User.username == username.strip().lower())).first()
    if row is None:
        raise NotFound(f"There is no user named '{username}'.")
    return row[0], row[1] or username


def _matter_line(number: str | None, title: str | None) -> str | None:
    if not number:
        return None
    return f"Matter {number}: {title}" if title else f"Matter {number}"


def _event_items(s: Session, firm_id: str, person: str | None, matter_id: str | None,
                 start: date | None, end: date | None, firm_tz: str) -> list[IcsEvent]:
    stmt = (select(Event.id, Event.title, Event.kind, Event.starts_at, Event.ends_at,
                   Event.timezone, Event.all_day, Event.location, Event.notes, Event.rev,
                   Event.updated_at, Matter.number, Matter.title)
            .outerjoin(Matter, Matter.id == Event.matter_id))
    if person:
        stmt = stmt.where(Event.id.in_(select(EventAttendee.event_id)
                                       .where(EventAttendee.user_id == person)))
    if matter_id:
        stmt = stmt.where(Event.matter_id == matter_id)
    zone = ZoneInfo(firm_tz)
    if start is not None:  # a day before, for all-day items in zones ahead of the firm's
        lo = datetime.combine(start - timedelta(days=1), time(), tzinfo=zone)
        stmt = stmt.where(or_(Event.starts_at >= lo, Event.ends_at >= lo))
    if end is not None:
        hi = datetime.combine(end + timedelta(days=2), time(), tzinfo=zone)
        stmt = stmt.where(Event.starts_at < hi)
    items = []
    for (eid, title, kind, starts, ends, tz, all_day, location, notes, rev, updated,
         number, mtitle) in s.connection().execute(stmt.order_by(Event.starts_at, Event.id)):
        ezone = ZoneInfo(tz)
        local = starts.astimezone(ezone)
        first_day = local.date() if all_day else local.astimezone(zone).date()
        if start is not None and first_day < start and (
                ends is None or ends.astimezone(ezone if all_day else zone).date() < start):
            continue
        if end is not None and first_day > end:
            continue
        desc = "\n\n".join(p for p in (_matter_line(number, mtitle), notes) if p) or None
        summary = f"{number} · {title}" if number else title
        if all_day:
            last = ends.astimezone(ezone).date() if ends is not None else local.date()
            item = IcsEvent(uid=stable_uid("event", eid, firm_id), sequence=rev,
                            summary=summary, start=local.date(),
                            end=max(last, local.date()) + timedelta(days=1), timezone=tz,
                            all_day=True, location=location, description=desc,
                            categories=[category_for_kind(kind)],
                            alarms_minutes_before=list(EVENT_ALARMS[:1]),
                            last_modified=updated)
        else:
            item = IcsEvent(uid=stable_uid("event", eid, firm_id), sequence=rev,
                            summary=summary, start=local,
                            end=ends.astimezone(ezone) if ends is not None else None,
                            timezone=tz, location=location, description=desc,
                            categories=[category_for_kind(kind)],
                            alarms_minutes_before=list(EVENT_ALARMS), last_modified=updated)
        items.append(item)
    return items


def _deadline_items(s: Session, firm_id: str, person: str | None, matter_id: str | None,
                    start: date | None, end: date | None, firm_tz: str) -> list[IcsEvent]:
    stmt = (select(Deadline.id, Deadline.title, Deadline.due, Deadline.rule, Deadline.status,
                   Deadline.reminders_days, Deadline.rev, Deadline.updated_at, Matter.number,
                   Matter.title)
            .outerjoin(Matter, Matter.id == Deadline.matter_id)
            .where(Deadline.status != DeadlineStatus.CANCELLED.value))
    if person:
        stmt = stmt.where(or_(Deadline.assignee_id == person, Deadline.matter_id.in_(
            select(Matter.id).where(or_(Matter.responsible_id == person,
                                        Matter.case_manager_id == person)))))
    if matter_id:
        stmt = stmt.where(Deadline.matter_id == matter_id)
    if start is not None:
        stmt = stmt.where(Deadline.due >= start)
    if end is not None:
        stmt = stmt.where(Deadline.due <= end)
    items = []
    for did, title, due, rule, status, reminders, rev, updated, number, mtitle in (
            s.connection().execute(stmt.order_by(Deadline.due, Deadline.id))):
        lines = [_matter_line(number, mtitle), f"Rule: {rule}" if rule else None]
        if status == DeadlineStatus.DONE.value:
            lines.append("Done.")
        summary = f"{number} · {title}" if number else title
        if status == DeadlineStatus.DONE.value:
            summary = "✓ " + summary
        items.append(IcsEvent(
            uid=stable_uid("deadline", did, firm_id), sequence=rev, summary=summary, start=due,
            timezone=firm_tz, all_day=True, description="\n".join(x for x in lines if x) or None,
            categories=[category_for_kind("deadline")],
            alarms_minutes_before=[int(d) * 24 * 60 for d in (reminders or []) if int(d) >= 0],
            last_modified=updated))
    return items


def build_calendar(
    cf: CaseFile, *, attorney: str | None = None, matter_id: str | None = None,
    start: date | None = None, end: date | None = None, use_cache: bool = True,
    right: Right = Right.EXPORT,
) -> CalendarExport:
    """Build the calendar (see the module docstring).  ``attorney`` (a user name) keeps the
    events they attend and the deadlines that are theirs; ``matter_id`` one matter's items;
    ``start``/``end`` (firm-local days, inclusive) a period; by default everything."""
    cf.require(right, "export the calendar")
    if start and end and end < start:
        raise ValidationError("The period ends before it starts.", field="to")
    with cf.read() as s:
        firm = s.scalars(select(Firm)).one()
        person, person_name, matter_label = None, None, None
        if attorney:
            person, person_name = _user_id(s, attorney)
        if matter_id:
            m = s.get(Matter, matter_id)
            if m is None:
                raise NotFound(f"There is no matter with id {matter_id}.")
            matter_label = f"{m.number} {m.title}"
        events = _event_items(s, cf.firm_id, person, matter_id, start, end, firm.timezone)
        deadlines = _deadline_items(s, cf.firm_id, person, matter_id, start, end,
                                    firm.timezone)
        name = calendar_name(firm.name, person_name, matter_label)
    cache: SerializedCache = _load_cache(cf) if use_cache else SerializedCache()
    builder = IcsCalendarBuilder(name, cache=cache)
    builder.extend(events)
    builder.extend(deadlines)
    data = builder.to_bytes()
    if isinstance(cache, PersistentIcsCache):
        whole = not (attorney or matter_id or start or end)
        seen = {i.uid for i in events} | {i.uid for i in deadlines} if whole else None
        _save_cache(cf, cache, seen)
    return CalendarExport(data, len(events), len(deadlines), cache.hits, cache.misses)


def export_ics(cf: CaseFile, **filters: Any) -> bytes:
    """The calendar as .ics bytes (see :func:`build_calendar` for the filters)."""
    return build_calendar(cf, **filters).data


# -- feeds ---------------------------------------------------------------------------------------


def _check_self_or_admin(cf: CaseFile, username: str) -> str:
    username = username.strip().lower()
    if username != cf.user.username and not cf.user.can(Right.ADMINISTER):
        raise PermissionDenied("Only an administrator can manage another user's calendar feed.")
    return username


def feed_token(cf: CaseFile, username: str | None = None) -> str:
    """The user's feed token (created on first use)."""
    username = _check_self_or_admin(cf, username or cf.user.username)
    with cf.read() as s:
        uid, _ = _user_id(s, username)
        token = s.scalar(select(FeedToken.token).where(FeedToken.user_id == uid))
    return token or regenerate_feed_token(cf, username)


def regenerate_feed_token(cf: CaseFile, username: str | None = None) -> str:
    """A new token: the old feed URL stops working."""
    username = _check_self_or_admin(cf, username or cf.user.username)
    token = secrets.token_urlsafe(32)
    with cf.write() as s:
        uid, _ = _user_id(s, username)
        row = s.scalar(select(FeedToken).where(FeedToken.user_id == uid))
        if row is None:
            s.add(FeedToken(user_id=uid, token=token))
        else:
            row.token = token
    return token


def user_for_token(cf: CaseFile, token: str) -> str | None:
    """The user name a feed token belongs to (active users only), else None."""
    if not token or len(token) > 64:
        return None
    with cf.read() as s:
        row = s.execute(select(User.username, User.active).join(
            FeedToken, FeedToken.user_id == User.id).where(FeedToken.token == token)).first()
    if row is None or not row[1]:
        return None
    return str(row[0])


def user_calendar(cf: CaseFile, username: str) -> bytes:
    """One user's calendar: events they attend, deadlines that are theirs."""
    return build_calendar(cf, attorney=username, right=Right.VIEW).data


def write_feed_file(cf: CaseFile, username: str, path: Path) -> Path:
    """Write the user's calendar to ``path`` atomically (opt-in; see FEED_FILE_WARNING)."""
    username = _check_self_or_admin(cf, username)
    path = Path(path)
    if path.is_dir():
        path = path / f"{username}.ics"
    atomic_write(path, user_calendar(cf, username))
    return path


# -- import --------------------------------------------------------------------------------------


def _import_key(uid: str) -> str:
    key = f"ics:{uid}"
    if len(key) <= 200:
        return key
    return "ics:#" + hashlib.sha256(uid.encode("utf-8")).hexdigest()


def import_ics(cf: CaseFile, matter_id: str, data: bytes, *, kind: str = "other") -> list[Event]:
    """Add (or, for UIDs imported before, update) the file's events on a matter."""
    cf.require(Right.EDIT, "import calendar files")
    kind = v.choice(kind, EventKind, "kind")
    parsed = parse_ics(data)
    out: list[Event] = []
    with cf.write() as s:
        matter = s.get(Matter, matter_id)
        if matter is None:
            raise NotFound(f"There is no matter with id {matter_id}.")
        firm_tz = s.scalar(select(Firm.timezone)) or "UTC"
        seen: set[str] = set()
        for p in parsed:
            key = _import_key(p.uid)
            if key in seen:  # an overridden occurrence of a recurring event: keep the first
                continue
            seen.add(key)
            tz = p.timezone if p.timezone and p.timezone != "UTC" else firm_tz
            zone = ZoneInfo(tz)
            if p.all_day:
                first = p.start if not isinstance(p.start, datetime) else p.start.date()
                last = None
                if isinstance(p.end, date):
                    last_excl = p.end if not isinstance(p.end, datetime) else p.end.date()
                    last = last_excl - timedelta(days=1) if last_excl > first else None
                starts, ends = event_times(first, last, tz, True)
            else:
                assert isinstance(p.start, datetime)
                s_local = p.start.astimezone(zone) if p.start.tzinfo else p.start.replace(
                    tzinfo=zone)
                e_local = None
                if isinstance(p.end, datetime):
                    e_local = p.end.astimezone(zone) if p.end.tzinfo else p.end.replace(
                        tzinfo=zone)
                starts, ends = event_times(s_local.replace(tzinfo=None),
                                           e_local.replace(tzinfo=None) if e_local else None,
                                           tz, False)
            values = {
                "title": v.text(p.summary or "(untitled)", "title", required=True,
                                max_len=500),
                "starts_at": starts, "ends_at": ends, "timezone": tz, "all_day": p.all_day,
                "location": v.text(p.location, "location", max_len=300),
                "notes": v.text(p.description, "notes"), "matter_id": matter.id,
            }
            ev = s.scalar(select(Event).where(Event.import_key == key))
            if ev is None:
                ev = Event(import_key=key, kind=kind, **values)
                s.add(ev)
            else:
                for name, value in values.items():
                    if getattr(ev, name) != value:
                        setattr(ev, name, value)
            out.append(ev)
        s.flush()
    return out

