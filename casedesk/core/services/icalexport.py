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
in the case file's local ``ics_cache`` table (inside the encrypted database, never synced), and
reading it must cost far less than serializing, so that a re-export in a new process (unlock
included) stays quick:

* the rows of events, deadlines and matters are read as their stored values (no ORM objects, no
  conversions); an item's *key* is a hash of its stored row and its matter's number and title,
  which is everything its VEVENT is made of.  Only an item whose key changed (or that is new)
  is converted and serialized; the others are spliced in as cached bytes
  (:meth:`~casedesk.core.ics.IcsCalendarBuilder.add_serialized`);
* the entries (kind and id → key, VEVENT bytes, zone and years) live in :data:`_BUCKETS` rows
  (an item's bucket is a hash of its kind and id), each a zlib-compressed ``marshal`` of its
  entries: loading is a few hundred rows.  New entries go to a *patch* row, read after the
  buckets, so saving after a small change writes one small row; once the patch holds more
  than :data:`_PATCH_LIMIT` entries it is merged into the buckets.  One more row keeps the
  serialized VCALENDAR heads (header and VTIMEZONEs), so an export where nothing changed
  does not even import icalendar;
* every row carries :data:`_FORMAT` and a hash of what all entries depend on (firm, time zone,
  reminders, the installed icalendar): rows written under anything else are ignored and
  replaced.  Bump :data:`_FORMAT` whenever the VEVENT text of an unchanged row changes.

After an unfiltered export that saw every matter, entries of records that no longer exist are
removed.  The output is byte-identical to an export without the cache (``use_cache=False``).

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
import json
import marshal
import os
import secrets
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache, partial
from itertools import compress, repeat
from operator import itemgetter, methodcaller, ne, not_
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Integer, Select, String, delete, insert, or_, select, type_coerce
from sqlalchemy.orm import Session

from casedesk.core import validate as v
from casedesk.core import walls
from casedesk.core.calmodels import FeedToken, IcsCacheEntry
from casedesk.core.casefile import CaseFile
from casedesk.core.errors import CaseFileBusy, NotFound, PermissionDenied, ValidationError
from casedesk.core.fsutil import atomic_write
from casedesk.core.ics import (
    PRODID,
    IcsCalendarBuilder,
    IcsEvent,
    SerializedCache,
    SerializedTuple,
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
from casedesk.core.perf import gc_paused
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


# -- the items' stored rows ------------------------------------------------------------------------

# Stored values as they are (text dates, 0/1, JSON text): hashing them is the cache key, and
# only the items that miss are converted.
_EVENT_COLUMNS = (
    Event.id, Event.title, Event.kind, type_coerce(Event.starts_at, String),
    type_coerce(Event.ends_at, String), Event.timezone, type_coerce(Event.all_day, Integer),
    Event.location, Event.notes, Event.rev, type_coerce(Event.updated_at, String),
    Event.matter_id,
)
_DEADLINE_COLUMNS = (
    Deadline.id, Deadline.title, type_coerce(Deadline.due, String), Deadline.rule,
    Deadline.status, type_coerce(Deadline.reminders_days, String), Deadline.rev,
    type_coerce(Deadline.updated_at, String), Deadline.matter_id,
)

#: (number, title) of a matter, or None
_MatterText = tuple[str | None, str | None] | None
#: where the kinds of rows keep ``updated_at`` (an item without one cannot be cached)
_UPDATED_AT = {"event": 10, "deadline": 7}


def _utc(value: str | datetime) -> datetime:
    when = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    return when.replace(tzinfo=UTC)


def _day(value: str | date) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


def _fetch(s: Session, stmt: Select[Any]) -> list[tuple[Any, ...]]:
    """The rows of a Core select of stored values (no column needs converting), as the DBAPI
    gives them."""
    result = s.connection().execute(stmt)
    try:
        return result.cursor.fetchall()  # type: ignore[no-any-return]
    finally:
        result.close()


def _matter_texts(s: Session) -> tuple[dict[str, tuple[str | None, str | None]], frozenset[str]]:
    """Number and title of every matter the session may see, and the ids of those it may not
    (behind an ethical wall: their events and deadlines are not exported either)."""
    hidden = walls.session_state(s).hidden
    visible = {mid: (number, title) for mid, number, title in
               _fetch(s, select(Matter.__table__.c.id, Matter.__table__.c.number,
                                Matter.__table__.c.title)) if mid not in hidden}
    return visible, hidden


def _visible(rows: list[tuple[Any, ...]], hidden: frozenset[str]) -> list[tuple[Any, ...]]:
    """``rows`` (matter id last) without those of hidden matters."""
    if not hidden:
        return rows
    return [row for row in rows if row[-1] is None or row[-1] not in hidden]


def _event_rows(s: Session, person: str | None, matter_id: str | None, start: date | None,
                end: date | None, firm_tz: str, hidden: frozenset[str]) -> list[tuple[Any, ...]]:
    """The stored rows of the events to export, in order (start, id)."""
    stmt = select(*_EVENT_COLUMNS)
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
    rows = _visible(_fetch(s, stmt), hidden)
    if start is not None or end is not None:
        rows = [row for row in rows if _in_period(row, start, end, zone)]
    rows.sort(key=itemgetter(3, 0))  # (start, id): stored text sorts as the instants do
    return rows


def _in_period(row: Sequence[Any], start: date | None, end: date | None, zone: ZoneInfo) -> bool:
    ezone = ZoneInfo(row[5])
    local = _utc(row[3]).astimezone(ezone)
    all_day = bool(row[6])
    first_day = local.date() if all_day else local.astimezone(zone).date()
    if start is not None and first_day < start and (
            row[4] is None or _utc(row[4]).astimezone(ezone if all_day else zone).date() < start):
        return False
    return end is None or first_day <= end


def _deadline_rows(s: Session, person: str | None, matter_id: str | None, start: date | None,
                   end: date | None, hidden: frozenset[str]) -> list[tuple[Any, ...]]:
    """The stored rows of the deadlines to export (not cancelled), in order (due, id)."""
    stmt = select(*_DEADLINE_COLUMNS).where(Deadline.status != DeadlineStatus.CANCELLED.value)
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
    rows = _visible(_fetch(s, stmt), hidden)
    rows.sort(key=itemgetter(2, 0))  # (due, id): ISO dates sort as the days do
    return rows


def _matter_line(number: str | None, title: str | None) -> str | None:
    if not number:
        return None
    return f"Matter {number}: {title}" if title else f"Matter {number}"


def _event_item(firm_id: str, row: Sequence[Any], matter: _MatterText) -> IcsEvent:
    (eid, title, kind, starts, ends, tz, all_day, location, notes, rev, updated,
     _) = row
    number, mtitle = matter or (None, None)
    ezone = ZoneInfo(tz)
    local = _utc(starts).astimezone(ezone)
    ends_at = _utc(ends) if ends is not None else None
    desc = "\n\n".join(p for p in (_matter_line(number, mtitle), notes) if p) or None
    summary = f"{number} · {title}" if number else title
    uid = stable_uid("event", eid, firm_id)
    if all_day:
        last = ends_at.astimezone(ezone).date() if ends_at is not None else local.date()
        return IcsEvent(uid=uid, sequence=rev, summary=summary, start=local.date(),
                        end=max(last, local.date()) + timedelta(days=1), timezone=tz,
                        all_day=True, location=location, description=desc,
                        categories=[category_for_kind(kind)],
                        alarms_minutes_before=list(EVENT_ALARMS[:1]),
                        last_modified=_utc(updated))
    return IcsEvent(uid=uid, sequence=rev, summary=summary, start=local,
                    end=ends_at.astimezone(ezone) if ends_at is not None else None,
                    timezone=tz, location=location, description=desc,
                    categories=[category_for_kind(kind)],
                    alarms_minutes_before=list(EVENT_ALARMS), last_modified=_utc(updated))


def _deadline_item(firm_id: str, firm_tz: str, row: Sequence[Any],
                   matter: _MatterText) -> IcsEvent:
    did, title, due, rule, status, reminders, rev, updated, _ = row
    number, mtitle = matter or (None, None)
    if isinstance(reminders, str):
        reminders = json.loads(reminders)
    lines = [_matter_line(number, mtitle), f"Rule: {rule}" if rule else None]
    if status == DeadlineStatus.DONE.value:
        lines.append("Done.")
    summary = f"{number} · {title}" if number else title
    if status == DeadlineStatus.DONE.value:
        summary = "✓ " + summary
    return IcsEvent(
        uid=stable_uid("deadline", did, firm_id), sequence=rev, summary=summary, start=_day(due),
        timezone=firm_tz, all_day=True, description="\n".join(x for x in lines if x) or None,
        categories=[category_for_kind("deadline")],
        alarms_minutes_before=[int(d) * 24 * 60 for d in (reminders or []) if int(d) >= 0],
        last_modified=_utc(updated))


def _event_items(s: Session, firm_id: str, person: str | None, matter_id: str | None,
                 start: date | None, end: date | None, firm_tz: str) -> list[IcsEvent]:
    """The events to export as items (without the cache)."""
    matters, hidden = _matter_texts(s)
    return [_event_item(firm_id, row, matters.get(row[-1]) if row[-1] else None)
            for row in _event_rows(s, person, matter_id, start, end, firm_tz, hidden)]


def _deadline_items(s: Session, firm_id: str, person: str | None, matter_id: str | None,
                    start: date | None, end: date | None, firm_tz: str) -> list[IcsEvent]:
    """The deadlines to export as items (without the cache)."""
    matters, hidden = _matter_texts(s)
    return [_deadline_item(firm_id, firm_tz, row, matters.get(row[-1]) if row[-1] else None)
            for row in _deadline_rows(s, person, matter_id, start, end, hidden)]


# -- the persisted serialized-item cache -------------------------------------------------------

#: Version of the cached entries: bump it when the VEVENT text of an unchanged row changes.
_FORMAT = 2
_BUCKETS = 512
_PREFIX, _PREFIX_END = "~ics/", "~ics0"  # "0" follows "/": the range of the cache's rows
_FRAMES = _PREFIX + "frames"
_PATCH = _PREFIX + "patch"
_PATCH_LIMIT = 1_000  # entries in the patch row before it is merged into the buckets

#: An item: (kind, record id); its UID follows from them and the firm (see the context).
_Item = tuple[str, Any]
#: item -> (key, (VEVENT bytes, zone, first year, last year, zone had a VTIMEZONE, TZID used))
_Entry = tuple[bytes, SerializedTuple]


def _bucket_uid(index: int) -> str:
    return f"{_PREFIX}{index:04d}"


def _bucket_of(item: _Item) -> int:
    return zlib.crc32(f"{item[0]}:{item[1]}".encode()) % _BUCKETS


_HASHED = partial(hashlib.blake2b, digest_size=16)
_DIGEST = methodcaller("digest")
_ABSENT: _Entry = (b"", (b"", None, 0, 0, False, False))  # no key is empty


def _row_keys(rows: list[tuple[Any, ...]], matters: list[_MatterText]) -> list[bytes]:
    """Each item's key: a hash of everything its VEVENT is made of, its stored row and its
    matter's number and title (marshal version 2 has no back-references, so equal values
    always give equal bytes).  With map(): no Python code runs per item."""
    pairs = zip(rows, matters, strict=True)
    return list(map(_DIGEST, map(_HASHED, map(marshal.dumps, pairs, repeat(2)))))


@lru_cache(maxsize=1)
def _icalendar_identity() -> str:
    """Which icalendar is installed (it writes the bytes), found without importing it."""
    import importlib.util

    spec = importlib.util.find_spec("icalendar")
    origin = spec.origin if spec is not None else None
    if not origin:
        return "?"
    site = os.path.dirname(os.path.dirname(origin))
    try:
        dists = sorted(n for n in os.listdir(site)
                       if n.startswith("icalendar-") and n.endswith((".dist-info", ".egg-info")))
        size = os.stat(origin).st_size
    except OSError:
        return origin
    return f"{','.join(dists)}:{size}"


def _context(firm_id: str, firm_tz: str) -> str:
    what = (_FORMAT, _BUCKETS, firm_id, firm_tz, EVENT_ALARMS, PRODID, _icalendar_identity())
    return hashlib.blake2b(repr(what).encode("utf-8"), digest_size=16).hexdigest()


class _PersistedCache:
    """The entries of the ``ics_cache`` rows (see the module docstring).

    New entries first go to one *patch* row (rewriting it costs little, whatever the size of
    the firm); when it holds more than :data:`_PATCH_LIMIT` entries, or buckets must be
    rewritten anyway, the patch is merged into its buckets."""

    def __init__(self, context: str) -> None:
        self.context = context
        self.entries: dict[_Item, _Entry] = {}
        self.buckets: list[dict[_Item, _Entry]] = [{} for _ in range(_BUCKETS)]
        self.stored: set[int] = set()  # buckets that have a row
        self.dirty: set[int] = set()  # buckets to write (or to delete when empty)
        self.patch: dict[_Item, _Entry] = {}
        self.patch_stored = False  # there is a patch row (valid or not)
        self.patch_dirty = False
        self.frames: dict[str, bytes] = {}
        self.frames_loaded: frozenset[str] = frozenset()
        self.foreign = False  # rows of another layout (outside the range): removed on save
        self.strays: list[str] = []  # unknown rows inside the range: removed on save

    def load(self, s: Session) -> None:
        rows = s.execute(select(IcsCacheEntry.uid, IcsCacheEntry.sequence,
                                IcsCacheEntry.fingerprint, IcsCacheEntry.data)
                         .where(IcsCacheEntry.uid >= _PREFIX, IcsCacheEntry.uid < _PREFIX_END))
        for uid, sequence, fingerprint, data in rows:
            valid = sequence == _FORMAT and fingerprint == self.context
            if uid == _FRAMES:
                if valid:
                    self.frames = self._decode(data) or {}
                    self.frames_loaded = frozenset(self.frames)
                continue
            if uid == _PATCH:
                self.patch_stored = True
                patch = self._decode(data) if valid else None
                if patch is None:
                    self.patch_dirty = True  # another layout or firm: rewritten or removed
                else:
                    self.patch = patch
                continue
            try:
                index = int(uid[len(_PREFIX):])
            except ValueError:
                index = -1
            if not 0 <= index < _BUCKETS or uid != _bucket_uid(index):
                self.strays.append(uid)
                continue
            self.stored.add(index)
            entries = self._decode(data) if valid else None
            if entries is None:
                self.dirty.add(index)  # another layout or firm: rewritten or removed
                continue
            self.buckets[index] = entries
            self.entries.update(entries)
        self.entries.update(self.patch)  # newer than the buckets' entries
        self.foreign = s.execute(select(IcsCacheEntry.uid).where(
            or_(IcsCacheEntry.uid < _PREFIX, IcsCacheEntry.uid >= _PREFIX_END)).limit(1)
        ).first() is not None

    @staticmethod
    def _decode(data: bytes) -> Any:
        try:
            value = marshal.loads(zlib.decompress(data))
        except (ValueError, EOFError, TypeError, zlib.error):
            return None
        return value if isinstance(value, dict) else None

    def put(self, item: _Item, entry: _Entry) -> None:
        self.entries[item] = entry
        self.patch[item] = entry
        self.patch_dirty = True

    def keep_only(self, seen: set[_Item]) -> None:
        for item in self.entries.keys() - seen:
            del self.entries[item]
            if self.patch.pop(item, None) is not None:
                self.patch_dirty = True
            index = _bucket_of(item)
            if self.buckets[index].pop(item, None) is not None:
                self.dirty.add(index)

    def save(self, cf: CaseFile) -> None:
        if self.patch and (self.dirty or len(self.patch) > _PATCH_LIMIT):
            for item, entry in self.patch.items():  # merge the patch into its buckets
                index = _bucket_of(item)
                self.buckets[index][item] = entry
                self.dirty.add(index)
            self.patch = {}
            self.patch_dirty = True
        frames_changed = set(self.frames) != self.frames_loaded
        if not (self.dirty or self.patch_dirty or frames_changed or self.foreign
                or self.strays):
            return
        rows, gone = [], list(self.strays)
        for index in sorted(self.dirty):
            if self.buckets[index]:
                rows.append(self._row(_bucket_uid(index), self.buckets[index]))
            elif index in self.stored:
                gone.append(_bucket_uid(index))
        if self.patch_dirty:
            if self.patch:
                rows.append(self._row(_PATCH, self.patch))
            elif self.patch_stored:
                gone.append(_PATCH)
        if frames_changed:
            rows.append(self._row(_FRAMES, self.frames))
        try:
            with cf.write() as s:
                if self.foreign:
                    s.execute(delete(IcsCacheEntry).where(
                        or_(IcsCacheEntry.uid < _PREFIX, IcsCacheEntry.uid >= _PREFIX_END)))
                if gone:
                    s.execute(delete(IcsCacheEntry).where(IcsCacheEntry.uid.in_(gone)))
                if rows:
                    s.execute(insert(IcsCacheEntry).prefix_with("OR REPLACE"), rows)
        except CaseFileBusy:
            return  # the cache is an optimisation: the next export writes it
        self.stored.update(i for i in self.dirty if self.buckets[i])
        self.stored.difference_update(i for i in self.dirty if not self.buckets[i])
        self.dirty.clear()
        self.patch_stored, self.patch_dirty = bool(self.patch), False
        self.frames_loaded = frozenset(self.frames)
        self.foreign = False
        self.strays = []

    def _row(self, uid: str, entries: dict[Any, Any]) -> dict[str, Any]:
        return {"uid": uid, "sequence": _FORMAT, "fingerprint": self.context,
                "data": zlib.compress(marshal.dumps(entries), 1)}


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


def build_calendar(
    cf: CaseFile, *, attorney: str | None = None, matter_id: str | None = None,
    start: date | None = None, end: date | None = None, use_cache: bool = True,
    right: Right = Right.EXPORT, as_attorney: bool = False,
) -> CalendarExport:
    """Build the calendar (see the module docstring).  ``attorney`` (a user name) keeps the
    events they attend and the deadlines that are theirs; ``matter_id`` one matter's items;
    ``start``/``end`` (firm-local days, inclusive) a period; by default everything.  Ethical
    walls are those of the logged-in user, or of ``attorney`` with ``as_attorney`` (a feed)."""
    cf.require(right, "export the calendar")
    if start and end and end < start:
        raise ValidationError("The period ends before it starts.", field="to")
    with gc_paused():
        return _build_calendar(cf, attorney, matter_id, start, end, use_cache, as_attorney)


def _build_calendar(cf: CaseFile, attorney: str | None, matter_id: str | None,
                    start: date | None, end: date | None, use_cache: bool,
                    as_attorney: bool = False) -> CalendarExport:
    firm_id = cf.firm_id
    with cf.read() as s:
        firm_name, firm_tz = s.execute(select(Firm.name, Firm.timezone)).one()
        person, person_name, matter_label = None, None, None
        if attorney:
            person, person_name = _user_id(s, attorney)
            if as_attorney:  # their walls, not those of whoever runs the feed
                s.info["casedesk_viewer"] = person
                s.info.pop("casedesk_walls", None)
        if matter_id:
            m = s.get(Matter, matter_id)
            if m is None:
                raise NotFound(f"There is no matter with id {matter_id}.")
            matter_label = f"{m.number} {m.title}"
        matters, hidden = _matter_texts(s)
        events = _event_rows(s, person, matter_id, start, end, firm_tz, hidden)
        deadlines = _deadline_rows(s, person, matter_id, start, end, hidden)
        # everything seen (no filter, no ethical wall hiding a matter): pruning is safe
        everything = not (attorney or matter_id or start or end or hidden)
        cache = None
        if use_cache:
            cache = _PersistedCache(_context(firm_id, firm_tz))
            cache.load(s)
    name = calendar_name(firm_name, person_name, matter_label)

    def make(source: tuple[str, Sequence[Any], _MatterText]) -> IcsEvent:
        kind, row, matter = source
        if kind == "event":
            return _event_item(firm_id, row, matter)
        return _deadline_item(firm_id, firm_tz, row, matter)

    builder = IcsCalendarBuilder(name, cache=SerializedCache(), rebuild=make,
                                 frames=cache.frames if cache is not None else None)
    if cache is None:
        for kind, rows in (("event", events), ("deadline", deadlines)):
            for row in rows:
                builder.add(make((kind, row, matters.get(row[-1]) if row[-1] else None)))
        data = builder.to_bytes()
        return CalendarExport(data, len(events), len(deadlines), 0, builder.rendered)

    # Per item: its (kind, id), its key (see _row_keys), and its entry if the key is
    # unchanged, else it is made again.  With map/zip: no Python code runs per item.
    items: list[_Item] = []
    keys: list[bytes] = []
    slots: list[Any] = []  # IcsEvent, or (entry, source) for IcsCalendarBuilder.extend_items
    uncached: set[int] = set()  # without updated_at (DTSTAMP would be "now"): never kept
    for kind, rows in (("event", events), ("deadline", deadlines)):
        base = len(items)
        texts = list(map(matters.get, map(itemgetter(-1), rows)))  # a None id gets None
        sources = list(zip(repeat(kind), rows, texts))
        kind_items = list(zip(repeat(kind), map(itemgetter(0), rows)))
        kind_keys = _row_keys(rows, texts)
        found = list(map(cache.entries.get, kind_items, repeat(_ABSENT)))
        fresh = map(ne, map(itemgetter(0), found), kind_keys)
        slots.extend(zip(map(itemgetter(1), found), sources, strict=True))
        for index in compress(range(len(rows)), fresh):
            slots[base + index] = make(sources[index])
        uncached.update(base + index for index in compress(
            range(len(rows)), map(not_, map(itemgetter(_UPDATED_AT[kind]), rows))))
        items.extend(kind_items)
        keys.extend(kind_keys)
    builder.extend_items(slots)
    data = builder.to_bytes()
    written = builder.written
    for index in builder.fresh:  # serialized now: keep them
        if index not in uncached:
            cache.put(items[index], (keys[index], tuple(written[index])))  # type: ignore[arg-type]
    if everything and len(cache.entries) != len(items) - len(uncached):
        cache.keep_only({item for index, item in enumerate(items) if index not in uncached})
    cache.save(cf)
    return CalendarExport(data, len(events), len(deadlines), builder.reused, builder.rendered)


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
    return build_calendar(cf, attorney=username, right=Right.VIEW, as_attorney=True).data


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

