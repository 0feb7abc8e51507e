"""iCalendar (.ics) export for Outlook & co., and import of incoming .ics files.

Pure Python (no database, no Qt).  Every piece of iCalendar text is produced by the
``icalendar`` package's component/property API; this module only concatenates bytes that
``icalendar`` serialized.

Export
======

``IcsCalendarBuilder(name).add(IcsEvent(...))`` … ``.to_bytes()`` yields one VCALENDAR with

* ``PRODID``, ``VERSION:2.0``, ``CALSCALE:GREGORIAN``, ``METHOD:PUBLISH`` and ``X-WR-CALNAME``
  (use :func:`calendar_name` for "firm – attorney – matter");
* one VTIMEZONE per TZID used, placed before the events;
* one VEVENT per item with the caller's stable ``UID`` and ``SEQUENCE``, ``DTSTAMP``,
  ``SUMMARY``, ``LOCATION``, ``DESCRIPTION``, ``CATEGORIES``, ``URL``, ``LAST-MODIFIED``,
  ``TRANSP`` (all-day items are ``TRANSPARENT``) and one ``VALARM`` (``ACTION:DISPLAY`` with a
  ``DESCRIPTION``) per reminder, its ``TRIGGER`` relative to the start (``-P7D``, ``-PT30M``).

All-day items (deadlines) are written as DATE values; ``end`` is *exclusive* as in iCalendar
(``None`` or ``end == start`` means "that one day", so ``DTEND`` is the next day).

``DTSTAMP`` of an item is its ``last_modified`` when given, else the builder's ``dtstamp``
(default: now).  Pass ``last_modified`` (or a fixed ``dtstamp``) so unchanged items serialize to
the same bytes and the cache below can reuse them.

Time zones
----------
icalendar's own generated zones (``Timezone.from_tzinfo``/``add_missing_timezones``) put all
transitions into one multi-valued RDATE, of which some readers (ical.js) only read the first
value: the zone then looks like a fixed offset.  So :func:`build_vtimezone` builds the
VTIMEZONE from RRULEs, the form Outlook, ical.js, vobject/dateutil and Apple read alike:

* the zone's transitions in every exported year are found by scanning ``zoneinfo``;
* a zone with two transitions a year, each on the same month, weekday and local time every
  year, on the n-th (``BYDAY=2SU``) or last (``BYDAY=-1SU``) weekday, gets one STANDARD and one
  DAYLIGHT sub-component with ``RRULE:FREQ=YEARLY;BYMONTH=..;BYDAY=..``;
* a zone without any transition in the exported years gets a single STANDARD;
* anything else cannot be expressed by one yearly rule: rules that changed within the exported
  years, transitions on fixed dates or moving with a lunar calendar (Morocco; Iran before 2023),
  "Friday before the last Sunday" style rules (Asia/Jerusalem, Asia/Gaza when the weekday falls
  sometimes in the 4th, sometimes in the 5th week) and offset changes without DST.
  :func:`build_vtimezone` returns ``None`` and the builder writes the times of that zone's
  items in UTC (``…Z``), which every calendar program reads correctly; the program then shows
  them in the user's own zone.

A local time that occurs twice (the repeated hour when DST ends) is ambiguous: RFC 5545 and
dateutil/vobject take the first occurrence, ical.js the second.  An item whose start or end falls
into that hour is therefore also written in UTC.  Items in ``UTC``/``Etc/UTC``/``GMT`` are always
written in UTC.

Cache
-----
Serializing with icalendar costs ~0.4 ms per item.  The builder keeps each item's serialized
VEVENT bytes in a :class:`SerializedCache` (module-level :data:`DEFAULT_CACHE` unless one is
injected) keyed by ``(uid, sequence, fingerprint)``: the fingerprint is the tuple of everything
that goes into the VEVENT, hashed by the dict and compared on lookup, so a changed field is never
served stale.  An export where little changed only serializes the changed items and splices the
cached bytes into a VCALENDAR that icalendar serialized (header, VTIMEZONEs and footer).

A caller that keeps serialized items itself (casedesk keeps them in the case file, see
:mod:`casedesk.core.services.icalexport`) hands them back with
:meth:`IcsCalendarBuilder.add_serialized`: each :class:`SerializedEvent` carries, besides its
bytes, its zone and years (which decide the VTIMEZONEs) and whether its zone had a VTIMEZONE
when it was written, so the builder splices it in without knowing the item; only when that zone
decision changed is the item rebuilt.  With ``frames`` the header and VTIMEZONEs are kept too,
and an export where nothing changed does not import icalendar at all (it is imported on first
use, also for parsing).

Import
======

:func:`parse_ics` reads a file with ``icalendar.Calendar.from_ical`` and returns
:class:`ParsedIcsEvent` records.  A TZID is resolved to an IANA name: an IANA name is taken as
is, a Windows name ("Eastern Standard Time", "GMT Standard Time" — as Outlook writes) through the
CLDR table, a "/vendor/Europe/Berlin" style id by its trailing IANA part, and any other TZID
that the file defines in its own VTIMEZONE by matching that definition's offsets against the
IANA zones.  When the file has a VTIMEZONE its definition fixes the instant; the result is then
shown in the resolved IANA zone (or in UTC when no IANA zone matches).  ``...Z`` times come back
in UTC with ``timezone="UTC"``; floating times (no zone at all, or an unknown TZID without a
VTIMEZONE) come back naive with ``timezone=None``.  Recurring events are returned as their
first occurrence (RRULEs are not expanded; overridden occurrences come as further records with
the same UID).  Malformed files raise :class:`casedesk.core.errors.ImportDataError` (a
``CasedeskError``) whose message starts "The calendar file could not be read: …".

icalendar itself remembers VTIMEZONEs with unknown TZIDs process-wide while parsing; this module
does not rely on that: it builds each file's zones from that file's own VTIMEZONE components.
"""

from __future__ import annotations

import calendar as _pycalendar
import hashlib
import threading
import uuid
import warnings
import zoneinfo
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, MutableMapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

from casedesk.core.errors import ImportDataError, ValidationError

if TYPE_CHECKING:  # icalendar itself is imported when something is serialized or parsed
    from icalendar import Calendar, Event, Timezone

    #: Windows time zone name → IANA name (CLDR "001" territory), common names first; made
    #: from icalendar's table on first use (see the module's ``__getattr__``).
    WINDOWS_TO_IANA: dict[str, str]

__all__ = [
    "DEFAULT_CACHE",
    "KIND_CATEGORIES",
    "PRODID",
    "WINDOWS_TO_IANA",
    "IcsCalendarBuilder",
    "IcsEvent",
    "ParsedIcsEvent",
    "SerializedCache",
    "SerializedEvent",
    "SerializedTuple",
    "StaleSerializedEvent",
    "build_vtimezone",
    "calendar_name",
    "category_for_kind",
    "parse_ics",
    "resolve_tzid",
    "stable_uid",
]

PRODID = "-//casedesk//casedesk calendar export//EN"

#: CATEGORIES value per kind of calendar item.
KIND_CATEGORIES: dict[str, str] = {
    "hearing": "Hearing",
    "deposition": "Deposition",
    "meeting": "Meeting",
    "filing": "Filing",
    "deadline": "Deadline",
    "other": "Other",
}

_UID_NAMESPACE = uuid.UUID("6f1c8f0e-3f43-5d55-9b7a-2c1f1d9f3e61")

_UTC_NAMES = frozenset(
    name.upper()
    for name in (
        "UTC",
        "Etc/UTC",
        "UCT",
        "Etc/UCT",
        "GMT",
        "Etc/GMT",
        "GMT0",
        "Etc/GMT0",
        "GMT+0",
        "Etc/GMT+0",
        "GMT-0",
        "Etc/GMT-0",
        "Greenwich",
        "Etc/Greenwich",
        "Universal",
        "Etc/Universal",
        "Zulu",
        "Etc/Zulu",
        "Z",
    )
)

_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


# --------------------------------------------------------------------------------------------
# Public records
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IcsEvent:
    """One calendar item to export (event or deadline).

    ``start`` is a tz-aware datetime, or a ``date`` for all-day items.  ``timezone`` is the IANA
    zone the item is shown in; ``None`` takes the zone of ``start`` (a ``ZoneInfo``) or UTC.
    A naive ``start`` is only accepted together with ``timezone`` (it is then the wall time in
    that zone).  For all-day items ``end`` is exclusive; ``None`` (or ``end == start``) means a
    one-day item.
    ``sequence`` must be raised by the caller whenever the item changes.
    """

    uid: str
    sequence: int
    summary: str
    start: datetime | date
    end: datetime | date | None = None
    timezone: str | None = None
    all_day: bool = False
    location: str | None = None
    description: str | None = None
    categories: list[str] = field(default_factory=list)
    alarms_minutes_before: list[int] = field(default_factory=list)
    last_modified: datetime | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class ParsedIcsEvent:
    """One VEVENT read from an .ics file.

    ``start``/``end`` are tz-aware datetimes in ``timezone`` (an IANA name, or ``"UTC"``),
    naive datetimes for floating times (``timezone is None``), or dates for all-day events
    (``end`` exclusive, as in iCalendar).  ``end`` is ``None`` when a timed event has neither
    DTEND nor DURATION.
    """

    uid: str
    summary: str
    start: datetime | date
    end: datetime | date | None
    all_day: bool
    timezone: str | None
    location: str | None
    description: str | None


def category_for_kind(kind: str) -> str:
    """The CATEGORIES value for an item kind ("hearing" → "Hearing"); unknown kinds → "Other"."""
    return KIND_CATEGORIES.get(kind.strip().lower(), "Other")


def calendar_name(firm: str, attorney: str | None = None, matter: str | None = None) -> str:
    """X-WR-CALNAME text: the firm, then the attorney and matter filter if any."""
    return " – ".join(part.strip() for part in (firm, attorney, matter) if part and part.strip())


def stable_uid(kind: str, record_id: int | str, firm_id: str = "") -> str:
    """A UID that never changes for the same record.  casedesk's record ids are UUIDv7s,
    unique across firms and devices already: ``<kind>-<id>@casedesk``.  Other ids (ints)
    become ``<uuid5 of firm/kind/id>@casedesk``."""
    if isinstance(record_id, str) and len(record_id) == 36 and record_id.count("-") == 4:
        return f"{kind}-{record_id}@casedesk"
    return f"{uuid.uuid5(_UID_NAMESPACE, f'{firm_id}/{kind}/{record_id}')}@casedesk"


# --------------------------------------------------------------------------------------------
# Serialized-component cache
# --------------------------------------------------------------------------------------------


class SerializedCache:
    """A thread-safe LRU mapping ``(uid, sequence, fingerprint) -> bytes`` with a maximum size.

    ``fingerprint`` is a hashable tuple of every normalised input of the serialized component.
    """

    def __init__(self, max_items: int = 100_000) -> None:
        if max_items < 1:
            raise ValueError("max_items must be at least 1")
        self.max_items = max_items
        self._data: OrderedDict[tuple[str, int, Hashable], bytes] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: tuple[str, int, Hashable], default: bytes | None = None) -> bytes | None:
        with self._lock:
            value = self._data.get(key)
            if value is None:
                self.misses += 1
                return default
            self._data.move_to_end(key)
            self.hits += 1
            return value

    def __getitem__(self, key: tuple[str, int, Hashable]) -> bytes:
        value = self.get(key)
        if value is None:
            raise KeyError(key)
        return value

    def __setitem__(self, key: tuple[str, int, Hashable], value: bytes) -> None:
        with self._lock:
            self._data[key] = value
            self._data.move_to_end(key)
            while len(self._data) > self.max_items:
                self._data.popitem(last=False)

    def __contains__(self, key: object) -> bool:
        with self._lock:
            return key in self._data

    def __len__(self) -> int:
        return len(self._data)

    def clear(self) -> None:
        with self._lock:
            self._data.clear()
            self.hits = 0
            self.misses = 0


#: The cache builders use unless one is injected.
DEFAULT_CACHE = SerializedCache()


# --------------------------------------------------------------------------------------------
# VTIMEZONE from RRULEs
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Observance:
    """One STANDARD/DAYLIGHT sub-component."""

    daylight: bool
    dtstart: datetime  # naive local time (in offset_from)
    offset_from: timedelta
    offset_to: timedelta
    tzname: str
    rrule: tuple[int, str] | None  # (month, "2SU") or None


def _is_utc_name(tzname: str) -> bool:
    return tzname.strip().upper() in _UTC_NAMES


@lru_cache(maxsize=1024)
def _zone(tzname: str) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(tzname)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValidationError(f"The time zone {tzname!r} is not known.", field="timezone") from None


def _offset_at(zone: tzinfo, ts: int) -> timedelta:
    return datetime.fromtimestamp(ts, zone).utcoffset()  # type: ignore[return-value]


def _scan(zone: tzinfo, start: int, stop: int, step: int) -> list[tuple[int, timedelta, timedelta]]:
    """UTC instants (epoch seconds) in [start, stop) where the offset changes, with from/to.

    Samples every ``step`` seconds and bisects to the second; two changes within one step
    (a flip and back) would be missed, which no zone does for the steps used here.
    """
    found = []
    prev_ts, prev_off = start, _offset_at(zone, start)
    ts = start
    while ts < stop:
        ts = min(ts + step, stop)
        off = _offset_at(zone, ts)
        if off != prev_off:
            lo, hi = prev_ts, ts  # offset(lo) == prev_off, offset(hi) != prev_off
            while hi - lo > 1:
                mid = (lo + hi) // 2
                if _offset_at(zone, mid) == prev_off:
                    lo = mid
                else:
                    hi = mid
            found.append((hi, prev_off, _offset_at(zone, hi)))
        prev_ts, prev_off = ts, off
    return found


def _year_bounds(year: int) -> tuple[int, int]:
    return (
        int(datetime(year, 1, 1, tzinfo=UTC).timestamp()),
        int(datetime(year + 1, 1, 1, tzinfo=UTC).timestamp()),
    )


def _transitions(zone: zoneinfo.ZoneInfo, year: int) -> list[tuple[int, timedelta, timedelta]]:
    """The offset changes of ``zone`` in the UTC year ``year``."""
    return _scan(zone, *_year_bounds(year), step=6 * 3600)


def _nth_candidates(day: date) -> frozenset[int]:
    """Which ``BYDAY`` ordinals describe ``day`` within its month (e.g. {4, -1})."""
    nth = (day.day - 1) // 7 + 1
    last = day.day + 7 > _pycalendar.monthrange(day.year, day.month)[1]
    return frozenset({nth, -1} if last else {nth})


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    days_in_month = _pycalendar.monthrange(year, month)[1]
    if nth > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    last = date(year, month, days_in_month)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


@lru_cache(maxsize=512)
def _vtimezone_spec(tzname: str, first_year: int, last_year: int) -> tuple[_Observance, ...] | None:
    """The observances of ``tzname`` valid for every year in the span, or None if irregular."""
    zone = _zone(tzname)
    per_year = [(year, _transitions(zone, year)) for year in range(first_year, last_year + 1)]
    counts = {len(found) for _, found in per_year}
    if counts == {0}:
        ts = int(datetime(last_year, 7, 1, tzinfo=UTC).timestamp())
        probe = datetime.fromtimestamp(ts, zone)
        offset = probe.utcoffset()
        assert offset is not None
        return (
            _Observance(
                daylight=False,
                dtstart=datetime(1970, 1, 1),
                offset_from=offset,
                offset_to=offset,
                tzname=probe.tzname() or tzname,
                rrule=None,
            ),
        )
    if counts != {2}:
        return None

    # kind of transition (offset_from, offset_to) -> list of (local datetime, tzname after)
    by_kind: dict[tuple[timedelta, timedelta], list[tuple[datetime, str]]] = {}
    for year, found in per_year:
        (_, a_from, a_to), (_, b_from, b_to) = found
        if a_to != b_from or b_to != a_from:
            return None
        if year == first_year:
            year_start = int(datetime(year, 1, 1, tzinfo=UTC).timestamp())
            if _offset_at(zone, year_start) != a_from:
                return None
        for ts, off_from, off_to in found:
            local = datetime.fromtimestamp(ts, UTC).replace(tzinfo=None) + off_from
            after = datetime.fromtimestamp(ts, zone).tzname() or tzname
            by_kind.setdefault((off_from, off_to), []).append((local, after))
    if len(by_kind) != 2:
        return None

    observances = []
    for (off_from, off_to), occurrences in by_kind.items():
        months = {local.month for local, _ in occurrences}
        weekdays = {local.weekday() for local, _ in occurrences}
        times = {local.time() for local, _ in occurrences}
        if len(months) != 1 or len(weekdays) != 1 or len(times) != 1:
            return None
        ordinals = frozenset.intersection(
            *(_nth_candidates(local.date()) for local, _ in occurrences)
        )
        if not ordinals:
            return None
        nth = -1 if -1 in ordinals else min(ordinals)
        month, weekday, clock = months.pop(), weekdays.pop(), times.pop()
        anchor = datetime.combine(_nth_weekday(first_year - 1, month, weekday, nth), clock)
        observances.append(
            _Observance(
                daylight=off_to > off_from,
                dtstart=anchor,
                offset_from=off_from,
                offset_to=off_to,
                tzname=occurrences[-1][1],
                rrule=(month, f"{nth}{_WEEKDAYS[weekday]}"),
            )
        )
    observances.sort(key=lambda obs: obs.daylight)  # STANDARD first
    return tuple(observances)


def _vtimezone_component(tzname: str, spec: tuple[_Observance, ...]) -> Timezone:
    from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

    vtz = Timezone()
    vtz.add("tzid", tzname)
    for obs in spec:
        sub = TimezoneDaylight() if obs.daylight else TimezoneStandard()
        sub.add("dtstart", obs.dtstart)
        if obs.rrule is not None:
            month, byday = obs.rrule
            sub.add("rrule", {"freq": "yearly", "bymonth": month, "byday": byday})
        sub.add("tzoffsetfrom", obs.offset_from)
        sub.add("tzoffsetto", obs.offset_to)
        sub.add("tzname", obs.tzname)
        vtz.add_component(sub)
    return vtz


def _year_span(years: range) -> tuple[int, int]:
    if len(years) == 0:
        this_year = datetime.now(UTC).year
        return this_year, this_year
    return min(years), max(years)


def build_vtimezone(tzname: str, years: range) -> Timezone | None:
    """A VTIMEZONE for ``tzname`` built from RRULEs, correct for every year in ``years``.

    Returns ``None`` when one yearly rule cannot describe the zone in those years (the builder
    then writes that zone's times in UTC).  Raises ``ValidationError`` for an unknown zone.
    """
    first, last = _year_span(years)
    spec = _vtimezone_spec(tzname, first, last)
    return None if spec is None else _vtimezone_component(tzname, spec)


# --------------------------------------------------------------------------------------------
# Export
# --------------------------------------------------------------------------------------------

# How an item's DTSTART/DTEND are written.
_ALL_DAY, _LOCAL, _UTC = "date", "tzid", "utc"


def _as_utc(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValidationError("A date and time for the calendar has no time zone.")
    value = value.astimezone(UTC)
    return value.replace(microsecond=0) if value.microsecond else value


def _is_ambiguous(local: datetime) -> bool:
    """True if the wall time of ``local`` occurs twice (the repeated hour when DST ends)."""
    return local.utcoffset() != local.replace(fold=1 - local.fold).utcoffset()


@dataclass(slots=True)
class _Plan:
    """An item normalised for writing (before the per-zone UTC decision)."""

    item: IcsEvent
    all_day: bool
    tzname: str | None  # IANA zone of a timed item; None = UTC
    start: datetime | date  # aware datetime in tzname's zone, or date
    end: datetime | date | None


def _plan(item: IcsEvent) -> _Plan:
    start, end = item.start, item.end
    tzname = item.timezone
    if tzname is not None and _is_utc_name(tzname):
        tzname = None
    if item.all_day or not isinstance(start, datetime):
        if isinstance(start, datetime):
            if start.tzinfo is not None and tzname is not None:
                start = start.astimezone(_zone(tzname))
            start = start.date()
        if isinstance(end, datetime):
            if end.tzinfo is not None and tzname is not None:
                end = end.astimezone(_zone(tzname))
            end = end.date()
        if end is None or end == start:
            end = start + timedelta(days=1)
        elif end < start:
            raise ValidationError(
                f"The calendar item {item.summary!r} ends before it starts.", field="end"
            )
        return _Plan(item, True, None, start, end)

    if tzname is None and isinstance(start.tzinfo, zoneinfo.ZoneInfo):
        key = start.tzinfo.key
        tzname = None if _is_utc_name(key) else key
    zone: tzinfo = UTC if tzname is None else _zone(tzname)
    if start.tzinfo is None:
        if tzname is None:
            raise ValidationError(
                f"The calendar item {item.summary!r} has a start time without a time zone.",
                field="start",
            )
        start = start.replace(tzinfo=zone)
    start = start.astimezone(UTC).astimezone(zone)
    if start.microsecond:
        start = start.replace(microsecond=0)
    if end is not None:
        if not isinstance(end, datetime):
            raise ValidationError(
                f"The calendar item {item.summary!r} has a start time but an end date only.",
                field="end",
            )
        if end.tzinfo is None:
            if tzname is None:
                raise ValidationError(
                    f"The calendar item {item.summary!r} has an end time without a time zone.",
                    field="end",
                )
            end = end.replace(tzinfo=zone)
        end = end.astimezone(UTC).astimezone(zone)
        if end.microsecond:
            end = end.replace(microsecond=0)
        if end.astimezone(UTC) < start.astimezone(UTC):  # same tzinfo would ignore fold
            raise ValidationError(
                f"The calendar item {item.summary!r} ends before it starts.", field="end"
            )
    return _Plan(item, False, tzname, start, end)


def _render_values(plan: _Plan, zone_ok: bool) -> tuple[str, object, object]:
    """(mode, start value, end value) exactly as they go into the VEVENT."""
    if plan.all_day:
        return _ALL_DAY, plan.start, plan.end
    start, end = plan.start, plan.end
    assert isinstance(start, datetime)
    assert end is None or isinstance(end, datetime)
    if (
        plan.tzname is None
        or not zone_ok
        or _is_ambiguous(start)
        or (end is not None and _is_ambiguous(end))
    ):
        return _UTC, _as_utc(start), None if end is None else _as_utc(end)
    return (
        _LOCAL,
        start.replace(tzinfo=None),
        None if end is None else end.replace(tzinfo=None),
    )


def _serialize_event(
    item: IcsEvent,
    dtstamp: datetime,
    mode: str,
    tzid: str | None,
    start: object,
    end: object,
    alarms: tuple[int, ...],
) -> bytes:
    from icalendar import Alarm, Event

    event = Event()
    event.add("uid", item.uid)
    event.add("dtstamp", dtstamp)
    event.add("sequence", item.sequence)
    event.add("summary", item.summary)
    if mode == _LOCAL:
        params = {"TZID": tzid}
        event.add("dtstart", start, parameters=params)
        if end is not None:
            event.add("dtend", end, parameters=params)
    else:
        event.add("dtstart", start)
        if end is not None:
            event.add("dtend", end)
    if item.location:
        event.add("location", item.location)
    if item.description:
        event.add("description", item.description)
    if item.categories:
        event.add("categories", list(item.categories))
    if item.url:
        event.add("url", item.url)
    if item.last_modified is not None:
        event.add("last-modified", _as_utc(item.last_modified))
    event.add("transp", "TRANSPARENT" if mode == _ALL_DAY else "OPAQUE")
    reminder = f"Reminder: {item.summary}"
    for minutes in alarms:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", reminder)
        alarm.add("trigger", timedelta(minutes=-minutes))
        event.add_component(alarm)
    return _to_ical(event)


_FOLD_LIMIT = 75  # icalendar's: a line of fewer octets is never folded


def _to_ical(component: Any) -> bytes:
    """``component.to_ical()``, the same bytes, faster: icalendar folds each content line with
    a Python loop over its characters, although a line shorter than 75 octets (most of them)
    comes out of it unchanged; only the longer ones are handed to its folding."""
    out = []
    for line in component.content_lines():
        if not line:
            continue
        data = line.encode("utf-8")
        out.append(data if len(data) < _FOLD_LIMIT else line.to_ical())
    out.append(b"")
    return b"\r\n".join(out)


class SerializedEvent(NamedTuple):
    """An item's VEVENT as the builder wrote it, and what the calendar around it depends on.

    ``tzname`` is the zone of a timed item (``None`` for all-day and UTC items) and
    ``first_year``/``last_year`` the local years of its start and end: together they decide
    that zone's VTIMEZONE.  ``zone_ok`` says whether the zone had a VTIMEZONE when ``data`` was
    written (if not, its times are in UTC) and ``local`` whether ``data`` refers to it by TZID.
    """

    data: bytes
    tzname: str | None
    first_year: int
    last_year: int
    zone_ok: bool
    local: bool


#: A :class:`SerializedEvent` as a plain tuple (as read back from storage), same fields.
SerializedTuple = tuple[bytes, str | None, int, int, bool, bool]


class StaleSerializedEvent(ValueError):
    """A :class:`SerializedEvent` was written under another VTIMEZONE decision for its zone
    and the builder has no ``rebuild`` to make its :class:`IcsEvent` again."""


_FRAME_LIMIT = 32


class IcsCalendarBuilder:
    """Collects items and writes one VCALENDAR (see the module docstring).

    Besides :class:`IcsEvent` items (:meth:`add`), it takes VEVENTs serialized before
    (:meth:`add_serialized`, e.g. from a persisted cache).  Such an entry is spliced in as it is
    unless the VTIMEZONE decision for its zone has changed since (the years of the calendar's
    items in that zone changed which rule describes it); then ``rebuild(source)`` must give the
    item again.  After :meth:`to_bytes`, :attr:`written` holds a :class:`SerializedEvent` per
    item, in order (for a reused one, the entry it was given), :attr:`fresh` the positions of
    those it serialized (not reused), :attr:`reused` how many entries were spliced in and
    :attr:`rendered` how many items were serialized.

    ``frames`` (optional) keeps the serialized VCALENDAR head (header and VTIMEZONEs) by what
    it depends on, so that an export made only of reused entries never needs icalendar.
    """

    def __init__(
        self,
        name: str,
        dtstamp: datetime | None = None,
        *,
        cache: SerializedCache | None = None,
        frames: MutableMapping[str, bytes] | None = None,
        rebuild: Callable[[Any], IcsEvent] | None = None,
    ) -> None:
        self.name = name
        self.dtstamp = _as_utc(dtstamp if dtstamp is not None else datetime.now(UTC))
        self.cache = cache if cache is not None else DEFAULT_CACHE
        self.frames = frames
        self._rebuild = rebuild
        self._items: list[IcsEvent | tuple[SerializedTuple, Any]] = []
        #: zones whose items were written in UTC by the last ``to_bytes`` (no yearly rule).
        self.utc_fallback_zones: set[str] = set()
        self.written: list[SerializedTuple] = []
        #: positions of the items that the last ``to_bytes`` serialized (not reused)
        self.fresh: list[int] = []
        self.reused = 0
        self.rendered = 0

    def add(self, item: IcsEvent) -> None:
        if not isinstance(item, IcsEvent):
            raise TypeError(f"expected IcsEvent, got {type(item).__name__}")
        if not item.uid:
            raise ValidationError("A calendar item has no UID.", field="uid")
        self._items.append(item)

    def extend(self, items: Iterable[IcsEvent]) -> None:
        for item in items:
            self.add(item)

    def extend_items(self, items: Iterable[IcsEvent | tuple[SerializedTuple, Any]]) -> None:
        """Add items in order, each an :class:`IcsEvent` (as :meth:`add`, checked when the
        calendar is written) or an ``(entry, source)`` pair (as :meth:`add_serialized`)."""
        self._items.extend(items)

    def add_serialized(self, entry: SerializedTuple, source: Any = None) -> None:
        """Add a VEVENT serialized before (a :class:`SerializedEvent`, or the same fields as a
        plain tuple); ``source`` is handed to ``rebuild`` if it must be made again."""
        self._items.append((entry, source))

    def __len__(self) -> int:
        return len(self._items)

    def to_bytes(self) -> bytes:
        # serialized entries are read by position (they may be plain tuples): 0 data,
        # 1 tzname, 2 first_year, 3 last_year, 4 zone_ok, 5 local
        items = self._items
        plans: dict[int, _Plan] = {}
        spans: dict[str, tuple[int, int]] = {}
        for position, obj in enumerate(items):
            if obj.__class__ is tuple:
                entry = obj[0]  # type: ignore[index]
                tz = entry[1]
                if tz is None:
                    continue
                lo, hi = entry[2], entry[3]
            elif isinstance(obj, IcsEvent):
                if not obj.uid:
                    raise ValidationError("A calendar item has no UID.", field="uid")
                plan = plans[position] = _plan(obj)
                if plan.tzname is None:
                    continue
                tz, lo = plan.tzname, plan.start.year
                hi = plan.end.year if plan.end is not None else lo
            else:
                raise TypeError(f"expected IcsEvent, got {type(obj).__name__}")
            old = spans.get(tz)
            spans[tz] = (lo, hi) if old is None else (min(old[0], lo), max(old[1], hi))
        specs = {tz: _vtimezone_spec(tz, lo, hi) for tz, (lo, hi) in spans.items()}
        self.utc_fallback_zones = {tz for tz, spec in specs.items() if spec is None}

        pieces: list[bytes] = []
        written: list[SerializedTuple] = []
        fresh: list[int] = []
        used_tzids: set[str] = set()
        add_piece, add_written = pieces.append, written.append
        for position, obj in enumerate(items):
            if obj.__class__ is tuple:
                reuse, source = obj  # type: ignore[misc]
                tz = reuse[1]
                if tz is None or (specs[tz] is not None) == reuse[4]:
                    if reuse[5]:
                        used_tzids.add(tz)
                    add_piece(reuse[0])
                    add_written(reuse)
                    continue
                if self._rebuild is None:
                    raise StaleSerializedEvent(
                        f"a serialized item was written when {tz} had "
                        f"{'a' if reuse[4] else 'no'} VTIMEZONE")
                plan = _plan(self._rebuild(source))
            else:
                plan = plans[position]
            entry = self._render(plan, specs)
            if entry.local:
                used_tzids.add(entry.tzname)  # type: ignore[arg-type]
            add_piece(entry.data)
            add_written(entry)
            fresh.append(position)
        self.written, self.fresh = written, fresh
        self.rendered = len(fresh)
        self.reused = len(written) - len(fresh)

        frame = self._frame(sorted(used_tzids), specs)
        return b"".join([frame, *pieces, b"END:VCALENDAR\r\n"])

    def _render(self, plan: _Plan, specs: dict[str, tuple[_Observance, ...] | None]
                ) -> SerializedEvent:
        item = plan.item
        zone_ok = plan.tzname is not None and specs[plan.tzname] is not None
        mode, start, end = _render_values(plan, zone_ok)
        tzid = plan.tzname if mode == _LOCAL else None
        dtstamp = _as_utc(item.last_modified) if item.last_modified is not None else self.dtstamp
        alarms = tuple(sorted({int(m) for m in item.alarms_minutes_before}, reverse=True))
        if alarms and alarms[-1] < 0:
            raise ValidationError(
                f"The calendar item {item.summary!r} has a reminder after its start.",
                field="alarms_minutes_before",
            )
        # everything the VEVENT bytes depend on, normalised; the dict hashes it and
        # compares it on lookup, so a changed field can never hit a stale entry
        fingerprint = (
            item.summary,
            mode,
            tzid,
            start,
            end,
            item.location,
            item.description,
            tuple(item.categories),
            alarms,
            item.url,
            item.last_modified is not None,
            dtstamp,
        )
        key = (item.uid, item.sequence, fingerprint)
        data = self.cache.get(key)
        if data is None:
            data = _serialize_event(item, dtstamp, mode, tzid, start, end, alarms)
            self.cache[key] = data
        if plan.tzname is None:
            return SerializedEvent(data, None, 0, 0, False, False)
        lo = plan.start.year
        hi = plan.end.year if plan.end is not None else lo
        return SerializedEvent(data, plan.tzname, lo, hi, zone_ok, mode == _LOCAL)

    def _frame(self, tzids: list[str], specs: dict[str, tuple[_Observance, ...] | None]
               ) -> bytes:
        """The VCALENDAR header and VTIMEZONEs (serialized by icalendar), without the footer."""
        key = None
        if self.frames is not None:
            what = (PRODID, self.name, [(tz, specs[tz]) for tz in tzids])
            key = hashlib.blake2b(repr(what).encode("utf-8"), digest_size=16).hexdigest()
            found = self.frames.get(key)
            if found is not None:
                return found
        from icalendar import Calendar

        head = Calendar()
        head.add("prodid", PRODID)
        head.add("version", "2.0")
        head.add("calscale", "GREGORIAN")
        head.add("method", "PUBLISH")
        head.add("x-wr-calname", self.name)
        for tzname in tzids:
            spec = specs[tzname]
            assert spec is not None
            head.add_component(_vtimezone_component(tzname, spec))
        frame = _to_ical(head)
        footer = b"END:VCALENDAR\r\n"
        if not frame.endswith(footer):  # pragma: no cover - icalendar always ends like this
            raise RuntimeError("unexpected VCALENDAR serialization")
        frame = frame[: -len(footer)]
        if self.frames is not None and key is not None:
            while len(self.frames) >= _FRAME_LIMIT:
                del self.frames[next(iter(self.frames))]
            self.frames[key] = frame
        return frame


# --------------------------------------------------------------------------------------------
# Import
# --------------------------------------------------------------------------------------------

#: Windows time zone names (as Outlook writes them) → IANA; the common ones, checked first.
_COMMON_WINDOWS_ZONES: dict[str, str] = {
    "Eastern Standard Time": "America/New_York",
    "Central Standard Time": "America/Chicago",
    "Mountain Standard Time": "America/Denver",
    "US Mountain Standard Time": "America/Phoenix",
    "Pacific Standard Time": "America/Los_Angeles",
    "Alaskan Standard Time": "America/Anchorage",
    "Hawaiian Standard Time": "Pacific/Honolulu",
    "Atlantic Standard Time": "America/Halifax",
    "Newfoundland Standard Time": "America/St_Johns",
    "Canada Central Standard Time": "America/Regina",
    "Central Standard Time (Mexico)": "America/Mexico_City",
    "SA Pacific Standard Time": "America/Bogota",
    "E. South America Standard Time": "America/Sao_Paulo",
    "Argentina Standard Time": "America/Argentina/Buenos_Aires",
    "GMT Standard Time": "Europe/London",
    "Greenwich Standard Time": "Atlantic/Reykjavik",
    "W. Europe Standard Time": "Europe/Berlin",
    "Romance Standard Time": "Europe/Paris",
    "Central Europe Standard Time": "Europe/Budapest",
    "Central European Standard Time": "Europe/Warsaw",
    "GTB Standard Time": "Europe/Athens",
    "FLE Standard Time": "Europe/Kyiv",
    "E. Europe Standard Time": "Europe/Chisinau",
    "Turkey Standard Time": "Europe/Istanbul",
    "Russian Standard Time": "Europe/Moscow",
    "Israel Standard Time": "Asia/Jerusalem",
    "South Africa Standard Time": "Africa/Johannesburg",
    "Egypt Standard Time": "Africa/Cairo",
    "Arabian Standard Time": "Asia/Dubai",
    "Arab Standard Time": "Asia/Riyadh",
    "India Standard Time": "Asia/Kolkata",
    "China Standard Time": "Asia/Shanghai",
    "Singapore Standard Time": "Asia/Singapore",
    "Tokyo Standard Time": "Asia/Tokyo",
    "Korea Standard Time": "Asia/Seoul",
    "AUS Eastern Standard Time": "Australia/Sydney",
    "New Zealand Standard Time": "Pacific/Auckland",
    "UTC": "UTC",
    "Coordinated Universal Time": "UTC",
}


@lru_cache(maxsize=1)
def _windows_table() -> dict[str, str]:
    table: dict[str, str] = {}
    try:  # the full CLDR table shipped with icalendar, if this version has it
        from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON
    except ImportError:  # pragma: no cover - depends on the icalendar version
        pass
    else:
        table.update(WINDOWS_TO_OLSON)
    table.update(_COMMON_WINDOWS_ZONES)
    return table


@lru_cache(maxsize=1)
def _windows_by_folded() -> dict[str, str]:
    return {name.casefold(): iana for name, iana in _windows_table().items()}


def __getattr__(name: str) -> Any:
    # WINDOWS_TO_IANA (Windows time zone name → IANA name, CLDR "001" territory, common names
    # first) comes from icalendar's table: built on first use, so that importing this module
    # (e.g. for an export served from the cache) does not import icalendar.
    if name == "WINDOWS_TO_IANA":
        return _windows_table()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

_IANA_AREAS = (
    "Africa/",
    "America/",
    "Antarctica/",
    "Asia/",
    "Atlantic/",
    "Australia/",
    "Europe/",
    "Indian/",
    "Pacific/",
)


def _iana_or_none(name: str) -> str | None:
    if not name or name.startswith("/") or ".." in name:
        return None
    try:
        zone = zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return None
    return "UTC" if _is_utc_name(zone.key) else zone.key


def resolve_tzid(tzid: str) -> str | None:
    """The IANA name for a TZID by name alone (IANA, Windows or "/vendor/Area/City"), or None."""
    cleaned = tzid.strip().strip('"').strip()
    found = _iana_or_none(cleaned)
    if found:
        return found
    windows = _windows_by_folded().get(cleaned.casefold())
    if windows:
        return _iana_or_none(windows)
    parts = [part for part in cleaned.split("/") if part]
    for first in range(1, len(parts)):
        found = _iana_or_none("/".join(parts[first:]))
        if found and "/" in found:
            return found
    return None


@lru_cache(maxsize=1)
def _candidate_zones() -> tuple[str, ...]:
    """IANA zones to match a custom VTIMEZONE against, preferred ones first."""
    ordered: dict[str, None] = {}
    for iana in (*_COMMON_WINDOWS_ZONES.values(), *_windows_table().values()):
        if iana.startswith(_IANA_AREAS):
            ordered[iana] = None
    for name in sorted(zoneinfo.available_timezones()):
        if name.startswith(_IANA_AREAS):
            ordered[name] = None
    for hours in range(-12, 15):
        ordered["UTC" if hours == 0 else f"Etc/GMT{-hours:+d}"] = None
    return tuple(name for name in ordered if _iana_or_none(name))


_SIGNATURE_STEP = 7 * 86400


def _signature(zone: tzinfo, year: int) -> tuple:
    """Offset at the start of ``year`` and every offset change in it (instant, from, to)."""
    start, stop = _year_bounds(year)
    return _offset_at(zone, start), tuple(_scan(zone, start, stop, _SIGNATURE_STEP))


@lru_cache(maxsize=8192)
def _iana_signature(name: str, year: int) -> tuple:
    return _signature(zoneinfo.ZoneInfo(name), year)


@lru_cache(maxsize=8192)
def _iana_offset(name: str, ts: int) -> timedelta:
    return _offset_at(zoneinfo.ZoneInfo(name), ts)


def _match_iana(file_zone: tzinfo, years: frozenset[int], hint: str | None) -> str | None:
    """An IANA zone with exactly the same UTC offsets as ``file_zone`` during ``years``."""
    ordered = sorted(years)
    probes = [
        int(datetime(year, month, 15, 12, tzinfo=UTC).timestamp())
        for year in ordered
        for month in (1, 7)
    ]
    want_probes = [_offset_at(file_zone, ts) for ts in probes]
    want = [_signature(file_zone, year) for year in ordered]
    candidates = _candidate_zones()
    if hint:
        candidates = (hint, *candidates)
    for name in candidates:
        if any(_iana_offset(name, ts) != off for ts, off in zip(probes, want_probes, strict=True)):
            continue
        if all(_iana_signature(name, year) == sig for year, sig in zip(ordered, want, strict=True)):
            return "UTC" if _is_utc_name(name) else name
    return None


def _read_error(reason: str) -> ImportDataError:
    reason = " ".join(reason.split()).rstrip(".")
    if len(reason) > 200:
        reason = reason[:199] + "…"
    return ImportDataError(f"The calendar file could not be read: {reason}.")


class _ZoneResolver:
    """Per-file TZID resolution: the file's VTIMEZONEs first, then names."""

    def __init__(self, vtimezones: dict[str, Timezone]) -> None:
        self._vtimezones = vtimezones
        self._file_zones: dict[str, tzinfo | None] = {}

    def file_zone(self, tzid: str) -> tzinfo | None:
        if tzid not in self._file_zones:
            component = self._vtimezones.get(tzid)
            zone = None
            if component is not None:
                try:
                    from icalendar.timezone import tzp

                    zone = tzp.create_timezone(component)
                except Exception:  # a broken VTIMEZONE: fall back to the TZID's name
                    zone = None
            self._file_zones[tzid] = zone
        return self._file_zones[tzid]

    def resolve(self, tzid: str, years: frozenset[int]) -> tuple[tzinfo | None, str | None]:
        """(zone that fixes the instant, IANA name to show it in) for a TZID."""
        by_name = resolve_tzid(tzid)
        file_zone = self.file_zone(tzid)
        if file_zone is None:
            return (None, None) if by_name is None else (zoneinfo.ZoneInfo(by_name), by_name)
        iana = _match_iana(file_zone, years, by_name)
        if iana is not None:
            # same offsets at every instant of the events' years: zoneinfo gives the same
            # instants as the file's definition, and far faster than dateutil's tzical
            return zoneinfo.ZoneInfo(iana), iana
        return file_zone, None


def _text(component: Event, name: str) -> str | None:
    value = component.get(name)
    if value is None:
        return None
    if isinstance(value, list):  # repeated property: keep the first
        value = value[0]
    text = str(value)
    return text if text else None


def _raw_datetime(event: Event, name: str, label: str) -> tuple[datetime | date, str | None] | None:
    prop = event.get(name)
    if prop is None:
        return None
    if isinstance(prop, list):
        prop = prop[0]
    try:
        value = prop.dt
    except Exception:
        value = None
    if not isinstance(value, date):
        try:
            raw = prop.to_ical().decode("utf-8", "replace")
        except Exception:
            raw = str(prop)
        raise _read_error(f"{label} has an invalid {name} value {raw[:60]!r}") from None
    tzid = prop.params.get("TZID") if hasattr(prop, "params") else None
    return value, (str(tzid) if tzid else None)


def _load_calendars(data: bytes) -> list[Calendar]:
    from icalendar import Calendar

    if not data.strip():
        raise _read_error("the file is empty")
    try:
        components = Calendar.from_ical(data, multiple=True)
    except Exception as exc:  # icalendar raises ValueError and friends for broken text
        raise _read_error(str(exc) or type(exc).__name__) from None
    calendars = [comp for comp in components if comp.name == "VCALENDAR"]
    if not calendars and b"BEGIN:VCALENDAR" in data.upper():
        raise _read_error("the file is incomplete, it ends before END:VCALENDAR")
    if not calendars:
        raise _read_error("it contains no VCALENDAR, so it is not an iCalendar file")
    return calendars


def parse_ics(data: bytes | str) -> list[ParsedIcsEvent]:
    """Read the VEVENTs of an .ics file (see the module docstring)."""
    from icalendar.error import GloballyUniqueTZIDGuessed

    with warnings.catch_warnings():
        # icalendar warns when it guesses "/vendor/Area/City" TZIDs; we resolve them ourselves
        warnings.simplefilter("ignore", GloballyUniqueTZIDGuessed)
        return _parse_ics(data)


def _parse_ics(data: bytes | str) -> list[ParsedIcsEvent]:
    if isinstance(data, str):
        data = data.encode("utf-8")
    calendars = _load_calendars(data)
    events = [event for cal in calendars for event in cal.walk("VEVENT")]
    vtimezones: dict[str, Timezone] = {}
    for cal in calendars:
        for vtz in cal.walk("VTIMEZONE"):
            tzid = vtz.get("TZID")
            if tzid:
                vtimezones.setdefault(str(tzid), vtz)

    raw: list[tuple[Event, str, tuple, tuple | None, timedelta | None]] = []
    years_by_tzid: dict[str, set[int]] = {}
    for index, event in enumerate(events, start=1):
        uid = _text(event, "UID")
        summary = _text(event, "SUMMARY") or ""
        label = f"event {summary!r}" if summary else f"event number {index}"
        if uid:
            label += f" (UID {uid})"
        start = _raw_datetime(event, "DTSTART", label)
        if start is None:
            raise _read_error(f"{label} has no start (DTSTART)")
        end = _raw_datetime(event, "DTEND", label)
        duration = None
        if end is None and event.get("DURATION") is not None:
            try:
                duration = event.get("DURATION").dt
            except Exception:
                raise _read_error(f"{label} has an invalid DURATION value") from None
            if not isinstance(duration, timedelta):
                raise _read_error(f"{label} has an invalid DURATION value")
        if not uid:
            digest = hashlib.sha1(
                f"{summary}|{start[0].isoformat()}".encode(), usedforsecurity=False
            ).hexdigest()
            uid = f"{digest}@import.casedesk"
        for value, tzid in (start, end or (None, None)):
            if tzid and isinstance(value, datetime):
                years_by_tzid.setdefault(tzid, set()).add(value.year)
        raw.append((event, uid, start, end, duration))

    resolver = _ZoneResolver(vtimezones)
    resolved = {
        tzid: resolver.resolve(tzid, frozenset(years)) for tzid, years in years_by_tzid.items()
    }

    def convert(value: datetime | date, tzid: str | None) -> tuple[datetime | date, str | None]:
        if not isinstance(value, datetime):
            return value, None
        if value.tzinfo is not None and not tzid:  # ...Z
            return value.astimezone(UTC), "UTC"
        wall = value.replace(tzinfo=None)
        if not tzid:
            return wall, None  # floating
        zone, iana = resolved[tzid]
        if zone is None:
            return wall, None  # unknown TZID and no VTIMEZONE: floating
        instant = wall.replace(tzinfo=zone)
        if iana is None:
            return instant.astimezone(UTC), "UTC"
        if iana == "UTC":
            return instant.astimezone(UTC), "UTC"
        return instant.astimezone(zoneinfo.ZoneInfo(iana)), iana

    result = []
    for event, uid, (start_raw, start_tzid), end_pair, duration in raw:
        all_day = not isinstance(start_raw, datetime)
        start, timezone = convert(start_raw, start_tzid)
        end: datetime | date | None
        if end_pair is not None:
            end, _ = convert(*end_pair)
            if timezone is not None and isinstance(end, datetime) and end.tzinfo is not None:
                end = end.astimezone(start.tzinfo)  # type: ignore[union-attr]
        elif duration is not None:
            end = start + duration
        else:
            end = start + timedelta(days=1) if all_day else None
        result.append(
            ParsedIcsEvent(
                uid=uid,
                summary=_text(event, "SUMMARY") or "",
                start=start,
                end=end,
                all_day=all_day,
                timezone=timezone,
                location=_text(event, "LOCATION"),
                description=_text(event, "DESCRIPTION"),
            )
        )
    return result
