"""Tests of casedesk.core.ics: .ics export (read back with vobject and icalendar) and import."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import vobject
from dateutil.tz.tz import _tzicalvtz
from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard
from icalendar.timezone import tzp

from casedesk.core import ics
from casedesk.core.errors import CasedeskError
from casedesk.core.ics import (
    IcsCalendarBuilder,
    IcsEvent,
    ParsedIcsEvent,
    SerializedCache,
    build_vtimezone,
    calendar_name,
    category_for_kind,
    parse_ics,
    resolve_tzid,
    stable_uid,
)

NY = ZoneInfo("America/New_York")
ATHENS = ZoneInfo("Europe/Athens")
DTSTAMP = datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)
MODIFIED = datetime(2024, 12, 1, 8, 30, tzinfo=UTC)

# (zone, wall time, fold): January, July and both DST transition days of 2025.
TIMED_CASES = [
    (NY, datetime(2025, 1, 15, 10, 0), 0),
    (NY, datetime(2025, 7, 15, 10, 0), 0),
    (NY, datetime(2025, 3, 9, 1, 30), 0),  # just before DST starts (02:00 → 03:00)
    (NY, datetime(2025, 3, 9, 3, 30), 0),  # just after
    (NY, datetime(2025, 11, 2, 0, 30), 0),  # before DST ends
    (NY, datetime(2025, 11, 2, 1, 30), 0),  # repeated hour, first (EDT)
    (NY, datetime(2025, 11, 2, 1, 30), 1),  # repeated hour, second (EST)
    (NY, datetime(2025, 11, 2, 2, 30), 0),  # after
    (ATHENS, datetime(2025, 1, 15, 10, 0), 0),
    (ATHENS, datetime(2025, 7, 15, 10, 0), 0),
    (ATHENS, datetime(2025, 3, 30, 2, 30), 0),  # before DST starts (03:00 → 04:00)
    (ATHENS, datetime(2025, 3, 30, 4, 30), 0),  # after
    (ATHENS, datetime(2025, 10, 26, 3, 30), 0),  # repeated hour, first (EEST)
    (ATHENS, datetime(2025, 10, 26, 3, 30), 1),  # repeated hour, second (EET)
    (ATHENS, datetime(2025, 10, 26, 4, 30), 0),  # after
]


def _timed_items() -> list[IcsEvent]:
    items = []
    for index, (zone, wall, fold) in enumerate(TIMED_CASES):
        start = wall.replace(tzinfo=zone, fold=fold)
        items.append(
            IcsEvent(
                uid=stable_uid("event", index, "firm-1"),
                sequence=index % 3,
                summary=f"Hearing {index} ({zone.key})",
                start=start,
                end=start + timedelta(hours=1),
                timezone=zone.key,
                location="Courtroom 4, County Courthouse",
                description="Bring exhibits A–C; call the client, then the clerk.",
                categories=[category_for_kind("hearing")],
                alarms_minutes_before=[30, 1440],
                last_modified=MODIFIED,
                url=f"casedesk://event/{index}",
            )
        )
    return items


def _deadline(index: int = 0, day: date = date(2025, 7, 1), sequence: int = 0) -> IcsEvent:
    return IcsEvent(
        uid=stable_uid("deadline", index, "firm-1"),
        sequence=sequence,
        summary=f"Reply brief due ({index})",
        start=day,
        all_day=True,
        categories=["Deadline"],
        alarms_minutes_before=[1440, 7 * 1440],
        last_modified=MODIFIED,
    )


def _export(items: list[IcsEvent], *, name: str = "Smith & Partners", cache=None) -> bytes:
    cache = cache if cache is not None else SerializedCache()
    builder = IcsCalendarBuilder(name, dtstamp=DTSTAMP, cache=cache)
    for item in items:
        builder.add(item)
    return builder.to_bytes()


@pytest.fixture(scope="module")
def exported() -> bytes:
    items = [*_timed_items(), _deadline(0), _deadline(1, date(2025, 1, 31))]
    return _export(items, name=calendar_name("Smith & Partners", "J. Doe", "2025-0042"))


@pytest.fixture(scope="module")
def parsed(exported: bytes) -> Calendar:
    return Calendar.from_ical(exported)


def _expected_instants() -> dict[str, tuple[datetime, datetime]]:
    return {
        item.uid: (item.start.astimezone(UTC), item.end.astimezone(UTC)) for item in _timed_items()
    }


def _ambiguous(value: datetime) -> bool:
    """True if the (normalised) wall time of ``value`` occurs twice."""
    value = value.astimezone(UTC).astimezone(value.tzinfo)
    return value.utcoffset() != value.replace(fold=1 - value.fold).utcoffset()


# ---------------------------------------------------------------------------------------------
# read back with vobject: the VTIMEZONE we wrote must give the original instants
# ---------------------------------------------------------------------------------------------


def test_vobject_reads_original_instants_summer_winter_and_transition_days(exported):
    cal = vobject.readOne(exported.decode("utf-8"))
    expected = _expected_instants()
    seen = 0
    for vevent in cal.vevent_list:
        uid = vevent.uid.value
        if uid not in expected:
            continue
        start = vevent.dtstart.value
        end = vevent.dtend.value
        assert start.astimezone(UTC) == expected[uid][0], vevent.summary.value
        assert end.astimezone(UTC) == expected[uid][1], vevent.summary.value
        seen += 1
    assert seen == len(expected)


def test_vobject_uses_our_vtimezone_for_unambiguous_local_times(exported):
    """Times written with a TZID are resolved through the file's VTIMEZONE (dateutil tzical)."""
    cal = vobject.readOne(exported.decode("utf-8"))
    by_summary = {vevent.summary.value: vevent for vevent in cal.vevent_list}
    in_utc = 0
    for item, (zone, wall, _fold) in zip(_timed_items(), TIMED_CASES, strict=True):
        vevent = by_summary[item.summary]
        if _ambiguous(item.start) or _ambiguous(item.end):
            # the repeated hour is read differently by different programs: written in UTC
            assert vevent.dtstart.value.utcoffset() == timedelta(0)
            assert "TZID" not in vevent.dtstart.params
            in_utc += 1
            continue
        assert isinstance(vevent.dtstart.value.tzinfo, _tzicalvtz)
        assert repr(vevent.dtstart.value.tzinfo) == f"<tzicalvtz {zone.key!r}>"
        assert vevent.dtstart.value.replace(tzinfo=None) == wall
    assert in_utc == 5  # NY: 00:30–01:30, 01:30 (twice); Athens: 03:30 (twice)


def test_icalendar_reads_original_instants(parsed):
    expected = _expected_instants()
    events = {str(ev["UID"]): ev for ev in parsed.walk("VEVENT")}
    for uid, (start, end) in expected.items():
        assert events[uid].decoded("DTSTART").astimezone(UTC) == start
        assert events[uid].decoded("DTEND").astimezone(UTC) == end


@pytest.mark.parametrize(
    "tzname",
    [
        "America/New_York",
        "Europe/Athens",
        "Australia/Sydney",
        "Europe/Dublin",
        "Australia/Lord_Howe",
    ],
)
def test_vtimezone_gives_zoneinfo_offsets(tzname):
    """Our VTIMEZONE, read by dateutil (not by name), agrees with zoneinfo all through the span:
    every 6 hours, and every 15 minutes (and ±1 s) around each transition."""
    vtz = build_vtimezone(tzname, range(2024, 2027))
    assert vtz is not None
    their_zone = tzp.create_timezone(vtz)  # dateutil tzical, no lookup by name
    zone = ZoneInfo(tzname)
    instants = []
    instant = datetime(2024, 1, 1, tzinfo=UTC)
    while instant.year < 2027:
        instants.append(instant)
        instant += timedelta(hours=6)
    transitions = [ts for year in (2024, 2025, 2026) for ts, _, _ in ics._transitions(zone, year)]
    assert len(transitions) == 6
    for ts in transitions:
        at = datetime.fromtimestamp(ts, UTC)
        instants += [at - timedelta(seconds=1), at, at + timedelta(seconds=1)]
        instants += [at + timedelta(minutes=15 * k) for k in range(-12, 13)]
    for instant in instants:
        assert instant.astimezone(their_zone).utcoffset() == instant.astimezone(zone).utcoffset()
        # and wall time → instant (what a reader does with DTSTART;TZID=...)
        wall = instant.astimezone(zone)
        if wall.utcoffset() == wall.replace(fold=1 - wall.fold).utcoffset():  # unambiguous
            assert wall.replace(tzinfo=their_zone).astimezone(UTC) == instant


# ---------------------------------------------------------------------------------------------
# structure
# ---------------------------------------------------------------------------------------------


def test_one_vtimezone_per_tzid_built_from_rrules(parsed, exported):
    vtimezones = parsed.walk("VTIMEZONE")
    used = {
        str(ev["DTSTART"].params["TZID"])
        for ev in parsed.walk("VEVENT")
        if "TZID" in ev["DTSTART"].params
    }
    assert used == {"America/New_York", "Europe/Athens"}
    assert sorted(str(vtz["TZID"]) for vtz in vtimezones) == sorted(used)
    for vtz in vtimezones:
        subs = vtz.subcomponents
        assert sorted(sub.name for sub in subs) == ["DAYLIGHT", "STANDARD"]
        for sub in subs:
            assert "RRULE" in sub
            assert "RDATE" not in sub
    assert b"RDATE" not in exported
    # VTIMEZONEs come before the events
    assert exported.rindex(b"END:VTIMEZONE") < exported.index(b"BEGIN:VEVENT")


@pytest.mark.parametrize(
    ("tzname", "std", "dst"),
    [
        (
            "America/New_York",
            ("EST", -4, -5, 11, "1SU", (2, 0)),
            ("EDT", -5, -4, 3, "2SU", (2, 0)),
        ),
        (
            "Europe/Athens",
            ("EET", 3, 2, 10, "-1SU", (4, 0)),
            ("EEST", 2, 3, 3, "-1SU", (3, 0)),
        ),
        (
            "Australia/Sydney",
            ("AEST", 11, 10, 4, "1SU", (3, 0)),
            ("AEDT", 10, 11, 10, "1SU", (2, 0)),
        ),
    ],
)
def test_vtimezone_rules(tzname, std, dst):
    vtz = build_vtimezone(tzname, range(2025, 2027))
    assert vtz is not None
    assert str(vtz["TZID"]) == tzname
    subs = {sub.name: sub for sub in vtz.subcomponents}
    for name, (tzabbr, off_from, off_to, month, byday, clock) in (
        ("STANDARD", std),
        ("DAYLIGHT", dst),
    ):
        sub = subs[name]
        assert str(sub["TZNAME"]) == tzabbr
        assert sub.decoded("TZOFFSETFROM") == timedelta(hours=off_from)
        assert sub.decoded("TZOFFSETTO") == timedelta(hours=off_to)
        rrule = sub["RRULE"].to_ical().decode()
        assert sorted(rrule.split(";")) == sorted(
            ["FREQ=YEARLY", f"BYMONTH={month}", f"BYDAY={byday}"]
        )
        start = sub.decoded("DTSTART")
        assert start.tzinfo is None
        assert (start.hour, start.minute) == clock
        assert start.year == 2024  # anchored before the first exported year


def test_zone_without_dst_gets_single_standard():
    vtz = build_vtimezone("Asia/Tokyo", range(2025, 2026))
    assert vtz is not None
    assert [sub.name for sub in vtz.subcomponents] == ["STANDARD"]
    sub = vtz.subcomponents[0]
    assert sub.decoded("TZOFFSETFROM") == sub.decoded("TZOFFSETTO") == timedelta(hours=9)
    assert "RRULE" not in sub and "RDATE" not in sub


@pytest.mark.parametrize(
    ("tzname", "years"),
    [
        ("America/Santiago", range(2024, 2027)),  # "Sun>=2": 1st or 2nd Sunday
        ("Africa/Casablanca", range(2024, 2027)),  # moves with Ramadan
        ("America/Asuncion", range(2024, 2026)),  # DST abolished in October 2024
        ("America/New_York", range(2005, 2009)),  # US rule changed in 2007
    ],
)
def test_irregular_zone_has_no_vtimezone(tzname, years):
    assert build_vtimezone(tzname, years) is None


def test_irregular_zone_items_are_written_in_utc():
    santiago = ZoneInfo("America/Santiago")
    starts = [
        datetime(2024, 1, 10, 9, 0, tzinfo=santiago),
        datetime(2025, 7, 10, 9, 0, tzinfo=santiago),
        datetime(2026, 9, 6, 1, 30, tzinfo=santiago),
    ]
    items = [
        IcsEvent(f"cl-{index}@test", 0, f"Santiago {index}", start, start + timedelta(hours=2))
        for index, start in enumerate(starts)
    ]
    builder = IcsCalendarBuilder("Firm", dtstamp=DTSTAMP, cache=SerializedCache())
    for item in items:
        builder.add(item)
    data = builder.to_bytes()
    assert builder.utc_fallback_zones == {"America/Santiago"}
    assert b"VTIMEZONE" not in data
    assert b"TZID" not in data
    cal = vobject.readOne(data.decode())
    got = {vevent.uid.value: vevent.dtstart.value for vevent in cal.vevent_list}
    for item in items:
        assert got[item.uid] == item.start.astimezone(UTC)


def test_utc_and_naive_with_timezone():
    items = [
        IcsEvent("utc@test", 0, "UTC", datetime(2025, 5, 1, 12, 0, tzinfo=UTC)),
        IcsEvent("naive@test", 0, "Naive NY", datetime(2025, 5, 1, 12, 0), timezone="US/Eastern"),
    ]
    data = _export(items)
    events = {str(ev["UID"]): ev for ev in Calendar.from_ical(data).walk("VEVENT")}
    assert events["utc@test"].decoded("DTSTART") == datetime(2025, 5, 1, 12, 0, tzinfo=UTC)
    assert b"DTSTART:20250501T120000Z" in data
    assert b"DTSTART;TZID=US/Eastern:20250501T120000" in data
    assert events["naive@test"].decoded("DTSTART").astimezone(UTC) == datetime(
        2025, 5, 1, 16, 0, tzinfo=UTC
    )


def test_all_day_deadline_is_a_date_ending_next_day(parsed):
    events = {str(ev["UID"]): ev for ev in parsed.walk("VEVENT")}
    for index, day in ((0, date(2025, 7, 1)), (1, date(2025, 1, 31))):
        event = events[stable_uid("deadline", index, "firm-1")]
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert type(start) is date and type(end) is date
        assert start == day
        assert end == day + timedelta(days=1)
        assert event["DTSTART"].params.get("VALUE") == "DATE"
        assert str(event["TRANSP"]) == "TRANSPARENT"


def test_all_day_read_by_vobject(exported):
    cal = vobject.readOne(exported.decode())
    vevent = next(v for v in cal.vevent_list if v.uid.value == stable_uid("deadline", 1, "firm-1"))
    assert vevent.dtstart.value == date(2025, 1, 31)
    assert vevent.dtend.value == date(2025, 2, 1)
    triggers = sorted(alarm.trigger.value for alarm in vevent.valarm_list)
    assert triggers == [timedelta(days=-7), timedelta(days=-1)]


def test_alarms(parsed, exported):
    events = {str(ev["UID"]): ev for ev in parsed.walk("VEVENT")}
    deadline = events[stable_uid("deadline", 0, "firm-1")]
    alarms = deadline.walk("VALARM")
    assert [alarm.decoded("TRIGGER") for alarm in alarms] == [
        timedelta(days=-7),
        timedelta(days=-1),
    ]
    for alarm in alarms:
        assert str(alarm["ACTION"]) == "DISPLAY"
        assert str(alarm["DESCRIPTION"]) == "Reminder: Reply brief due (0)"
        assert alarm["TRIGGER"].params.get("RELATED", "START") == "START"
    assert b"TRIGGER:-P7D\r\n" in exported
    assert b"TRIGGER:-P1D\r\n" in exported
    hearing = events[stable_uid("event", 0, "firm-1")]
    assert sorted(a.decoded("TRIGGER") for a in hearing.walk("VALARM")) == [
        timedelta(days=-1),
        timedelta(minutes=-30),
    ]
    assert b"TRIGGER:-PT30M\r\n" in exported


def test_properties_and_calendar_name(parsed, exported):
    assert str(parsed["X-WR-CALNAME"]) == "Smith & Partners – J. Doe – 2025-0042"
    assert str(parsed["VERSION"]) == "2.0"
    assert str(parsed["PRODID"]) == ics.PRODID
    events = {str(ev["UID"]): ev for ev in parsed.walk("VEVENT")}
    hearing = events[stable_uid("event", 4, "firm-1")]
    assert hearing.decoded("SEQUENCE") == 4 % 3
    assert hearing.decoded("DTSTAMP") == MODIFIED  # last_modified is the stamp
    assert hearing.decoded("LAST-MODIFIED") == MODIFIED
    assert str(hearing["LOCATION"]) == "Courtroom 4, County Courthouse"
    assert str(hearing["DESCRIPTION"]) == "Bring exhibits A–C; call the client, then the clerk."
    assert str(hearing["URL"]) == "casedesk://event/4"
    assert hearing["CATEGORIES"].cats == ["Hearing"]
    deadline = events[stable_uid("deadline", 0, "firm-1")]
    assert deadline["CATEGORIES"].cats == ["Deadline"]
    # every line ends with CRLF, none is longer than 75 octets
    assert exported.endswith(b"END:VCALENDAR\r\n")
    lines = exported.split(b"\r\n")
    assert all(b"\n" not in line and b"\r" not in line for line in lines)
    assert max(len(line) for line in lines) <= 75
    assert exported.count(b"BEGIN:VCALENDAR") == 1


def test_dtstamp_falls_back_to_builder_stamp():
    item = IcsEvent("x@test", 0, "No modification time", date(2025, 2, 3), all_day=True)
    event = Calendar.from_ical(_export([item])).walk("VEVENT")[0]
    assert event.decoded("DTSTAMP") == DTSTAMP
    assert "LAST-MODIFIED" not in event


def test_uids_are_stable_across_exports():
    first = Calendar.from_ical(_export(_timed_items()))
    second = Calendar.from_ical(_export(_timed_items()))
    uids = [str(ev["UID"]) for ev in first.walk("VEVENT")]
    assert uids == [str(ev["UID"]) for ev in second.walk("VEVENT")]
    assert len(set(uids)) == len(uids)
    assert stable_uid("event", 17, "f") == stable_uid("event", 17, "f")
    assert stable_uid("event", 17, "f") != stable_uid("deadline", 17, "f")
    assert stable_uid("event", 17, "f").endswith("@casedesk")


def test_category_and_name_helpers():
    assert category_for_kind("Deposition") == "Deposition"
    assert category_for_kind("filing") == "Filing"
    assert category_for_kind("unknown") == "Other"
    assert calendar_name("Firm") == "Firm"
    assert calendar_name("Firm", None, "M-1") == "Firm – M-1"


def test_validation_errors():
    builder = IcsCalendarBuilder("Firm", cache=SerializedCache())
    builder.add(IcsEvent("a@test", 0, "naive", datetime(2025, 1, 1, 9, 0)))
    with pytest.raises(CasedeskError, match="without a time zone"):
        builder.to_bytes()
    builder = IcsCalendarBuilder("Firm", cache=SerializedCache())
    start = datetime(2025, 1, 1, 9, 0, tzinfo=NY)
    builder.add(IcsEvent("b@test", 0, "backwards", start, start - timedelta(hours=1)))
    with pytest.raises(CasedeskError, match="ends before it starts"):
        builder.to_bytes()
    builder = IcsCalendarBuilder("Firm", cache=SerializedCache())
    builder.add(IcsEvent("c@test", 0, "bad zone", start, timezone="Mars/Olympus_Mons"))
    with pytest.raises(CasedeskError, match="not known"):
        builder.to_bytes()
    with pytest.raises(CasedeskError):
        builder.add(IcsEvent("", 0, "no uid", start))


def test_empty_calendar_is_valid():
    data = _export([])
    cal = Calendar.from_ical(data)
    assert cal.walk("VEVENT") == []
    assert vobject.readOne(data.decode()).name == "VCALENDAR"


# ---------------------------------------------------------------------------------------------
# cache
# ---------------------------------------------------------------------------------------------


def _many_items(count: int, sequence_bump: set[int] = frozenset()) -> list[IcsEvent]:
    items = []
    for index in range(count):
        seq = 1 if index in sequence_bump else 0
        if index % 2:
            items.append(_deadline(index, date(2025, 1, 1) + timedelta(days=index), seq))
        else:
            start = datetime(2025, 1, 6, 9, 0, tzinfo=NY) + timedelta(days=index)
            items.append(
                IcsEvent(
                    stable_uid("event", index),
                    seq,
                    f"Deposition {index} v{seq}",
                    start,
                    start + timedelta(hours=3),
                    "America/New_York",
                    categories=["Deposition"],
                    alarms_minutes_before=[1440],
                    last_modified=MODIFIED,
                )
            )
    return items


def test_cached_reexport_is_byte_identical_and_much_faster(monkeypatch):
    cache = SerializedCache()
    items = _many_items(300)
    started = time.perf_counter()
    cold = _export(items, cache=cache)
    cold_seconds = time.perf_counter() - started
    assert len(cache) == 300

    calls = []
    real_serialize = ics._serialize_event

    def counting_serialize(*args, **kwargs):
        calls.append(args[0].uid)
        return real_serialize(*args, **kwargs)

    monkeypatch.setattr(ics, "_serialize_event", counting_serialize)
    started = time.perf_counter()
    warm = _export(_many_items(300), cache=cache)  # new but equal items
    warm_seconds = time.perf_counter() - started
    assert warm == cold
    assert calls == []
    assert warm_seconds * 5 < cold_seconds, (warm_seconds, cold_seconds)

    # raise the sequence of two items: only those two are serialized again
    changed = _many_items(300, sequence_bump={10, 11})
    updated = _export(changed, cache=cache)
    assert sorted(calls) == sorted([changed[10].uid, changed[11].uid])
    assert updated != cold
    assert updated.count(b"SEQUENCE:1\r\n") == 2
    assert Calendar.from_ical(updated).walk("VEVENT")[10].decoded("SEQUENCE") == 1


def test_changed_field_without_sequence_is_not_served_stale():
    cache = SerializedCache()
    item = _deadline(0)
    _export([item], cache=cache)
    changed = IcsEvent(**{**{f: getattr(item, f) for f in item.__slots__}, "summary": "Moved"})
    data = _export([changed], cache=cache)
    assert b"SUMMARY:Moved" in data


@pytest.mark.parametrize("text", [
    "short",
    "Συζήτηση: Ωμέγα ΑΕ v. Northwind Ναυτιλιακή — προσκόμιση πρωτοτύπων " * 3,
    "x" * 62 + "\\;,",  # escapes right at the fold
    "a" * 60 + "é" * 8 + "\\n" + "ü" * 40,
    "emoji 📅 " * 30,
])
def test_faster_serialization_gives_icalendars_bytes(text: str):
    item = IcsEvent("u-1", 3, text, datetime(2025, 3, 9, 1, 30, tzinfo=NY), None,
                    "America/New_York", location=text[:90], description=f"{text}\n\n{text}",
                    categories=["Hearing", text[:20]], alarms_minutes_before=[60, 1440],
                    last_modified=MODIFIED, url="https://example.com/" + "p" * 80)
    builder = IcsCalendarBuilder("Firm " + text[:40], dtstamp=DTSTAMP, cache=SerializedCache())
    builder.add(item)
    fast = builder.to_bytes()
    slow_builder = IcsCalendarBuilder("Firm " + text[:40], dtstamp=DTSTAMP,
                                      cache=SerializedCache())
    slow_builder.add(item)
    original = ics._to_ical
    try:
        ics._to_ical = lambda component: component.to_ical()
        slow = slow_builder.to_bytes()
    finally:
        ics._to_ical = original
    assert fast == slow
    assert Calendar.from_ical(fast).walk("VEVENT")[0]["SUMMARY"] == text


def test_serialized_entries_are_spliced_in_without_icalendar(monkeypatch):
    items = _many_items(40)
    frames: dict[str, bytes] = {}
    first = IcsCalendarBuilder("Firm", dtstamp=DTSTAMP, cache=SerializedCache(), frames=frames)
    first.extend(items)
    cold = first.to_bytes()
    assert (first.reused, first.rendered, first.fresh) == (0, 40, list(range(40)))
    assert len(frames) == 1 and len(first.written) == 40

    def fail(*args, **kwargs):
        raise AssertionError("serialized again")

    monkeypatch.setattr(ics, "_serialize_event", fail)
    monkeypatch.setattr(ics, "_vtimezone_component", fail)
    again = IcsCalendarBuilder("Firm", dtstamp=DTSTAMP, cache=SerializedCache(), frames=frames)
    # as stored: plain tuples, and a mix with new items
    again.extend_items([(tuple(entry), None) for entry in first.written])
    assert again.to_bytes() == cold
    assert (again.reused, again.rendered, again.fresh) == (40, 0, [])


def test_a_serialized_entry_follows_its_zones_vtimezone():
    ny = [IcsEvent(f"ny-{i}", 0, f"Hearing {i}", datetime(2025, 3, 10 + i, 9, 0, tzinfo=NY),
                   datetime(2025, 3, 10 + i, 10, 0, tzinfo=NY), "America/New_York",
                   last_modified=MODIFIED) for i in range(3)]
    first = IcsCalendarBuilder("Firm", dtstamp=DTSTAMP, cache=SerializedCache())
    first.extend(ny)
    assert b"TZID=America/New_York" in first.to_bytes()
    entries = list(first.written)
    assert all(e.zone_ok and e.local for e in entries)  # type: ignore[union-attr]
    # New York changed its rules in 2007: with an item in 2006 no yearly rule covers the span
    old = IcsEvent("ny-old", 0, "Old hearing", datetime(2006, 11, 1, 9, 0, tzinfo=NY),
                   datetime(2006, 11, 1, 10, 0, tzinfo=NY), "America/New_York",
                   last_modified=MODIFIED)
    fresh = IcsCalendarBuilder("Firm", dtstamp=DTSTAMP, cache=SerializedCache())
    fresh.extend([*ny, old])
    expected = fresh.to_bytes()
    assert b"TZID=" not in expected and fresh.utc_fallback_zones == {"America/New_York"}

    stale = IcsCalendarBuilder("Firm", dtstamp=DTSTAMP, cache=SerializedCache())
    for entry in entries:
        stale.add_serialized(entry)
    stale.add(old)
    with pytest.raises(ics.StaleSerializedEvent):
        stale.to_bytes()

    rebuilt = IcsCalendarBuilder("Firm", dtstamp=DTSTAMP, cache=SerializedCache(),
                                 rebuild=lambda index: ny[index])
    for index, entry in enumerate(entries):
        rebuilt.add_serialized(entry, index)
    rebuilt.add(old)
    assert rebuilt.to_bytes() == expected
    assert (rebuilt.reused, rebuilt.rendered) == (0, 4)


def test_serialized_cache_is_bounded():
    cache = SerializedCache(max_items=3)
    for index in range(5):
        cache[(f"u{index}", 0, b"d")] = b"x"
    assert len(cache) == 3
    assert ("u0", 0, b"d") not in cache
    assert cache.get(("u4", 0, b"d")) == b"x"
    with pytest.raises(KeyError):
        cache[("u0", 0, b"d")]
    cache.clear()
    assert len(cache) == 0


# ---------------------------------------------------------------------------------------------
# import
# ---------------------------------------------------------------------------------------------


def _outlook_vtimezone(tzid: str, std: tuple, dst: tuple) -> Timezone:
    """A VTIMEZONE the way Outlook writes it (rules anchored in 1601)."""
    vtz = Timezone()
    vtz.add("tzid", tzid)
    for cls, (start, byday, month, off_from, off_to) in (
        (TimezoneStandard, std),
        (TimezoneDaylight, dst),
    ):
        sub = cls()
        sub.add("dtstart", start)
        sub.add("rrule", {"freq": "yearly", "byday": byday, "bymonth": month})
        sub.add("tzoffsetfrom", timedelta(hours=off_from))
        sub.add("tzoffsetto", timedelta(hours=off_to))
        vtz.add_component(sub)
    return vtz


def _outlook_calendar() -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN")
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    eastern = (
        (datetime(1601, 11, 4, 2, 0), "1SU", 11, -4, -5),
        (datetime(1601, 3, 11, 2, 0), "2SU", 3, -5, -4),
    )
    cal.add_component(_outlook_vtimezone("Eastern Standard Time", *eastern))
    cal.add_component(_outlook_vtimezone("(UTC-05:00) Eastern Time (US & Canada)", *eastern))
    rows = [
        ("o-1", "Eastern Standard Time", datetime(2025, 1, 15, 9, 0)),
        ("o-2", "Eastern Standard Time", datetime(2025, 7, 15, 9, 0)),
        ("o-3", "GMT Standard Time", datetime(2025, 1, 15, 9, 0)),  # no VTIMEZONE in file
        ("o-4", "GMT Standard Time", datetime(2025, 7, 15, 9, 0)),
        ("o-5", "(UTC-05:00) Eastern Time (US & Canada)", datetime(2025, 7, 15, 9, 0)),
        ("o-6", "/mozilla.org/20050126_1/Europe/Berlin", datetime(2025, 7, 15, 9, 0)),
    ]
    for uid, tzid, wall in rows:
        event = Event()
        event.add("uid", uid)
        event.add("summary", f"Meeting {uid}")
        event.add("dtstamp", DTSTAMP)
        event.add("dtstart", wall, parameters={"TZID": tzid})
        event.add("dtend", wall + timedelta(minutes=45), parameters={"TZID": tzid})
        event.add("location", "Conference room")
        cal.add_component(event)
    all_day = Event()
    all_day.add("uid", "o-7")
    all_day.add("summary", "Filing day")
    all_day.add("dtstamp", DTSTAMP)
    all_day.add("dtstart", date(2025, 3, 3))
    cal.add_component(all_day)
    utc_event = Event()
    utc_event.add("uid", "o-8")
    utc_event.add("summary", "Call")
    utc_event.add("dtstamp", DTSTAMP)
    utc_event.add("dtstart", datetime(2025, 3, 3, 15, 0, tzinfo=UTC))
    utc_event.add("duration", timedelta(minutes=30))
    cal.add_component(utc_event)
    return cal.to_ical()


def test_parse_outlook_windows_tzids():
    data = _outlook_calendar()
    assert b"TZID=Eastern Standard Time:" in data
    events = {event.uid: event for event in parse_ics(data)}
    london = ZoneInfo("Europe/London")
    expected = {
        "o-1": ("America/New_York", datetime(2025, 1, 15, 9, 0, tzinfo=NY)),
        "o-2": ("America/New_York", datetime(2025, 7, 15, 9, 0, tzinfo=NY)),
        "o-3": ("Europe/London", datetime(2025, 1, 15, 9, 0, tzinfo=london)),
        "o-4": ("Europe/London", datetime(2025, 7, 15, 9, 0, tzinfo=london)),
        "o-5": ("America/New_York", datetime(2025, 7, 15, 9, 0, tzinfo=NY)),
        "o-6": ("Europe/Berlin", datetime(2025, 7, 15, 9, 0, tzinfo=ZoneInfo("Europe/Berlin"))),
    }
    for uid, (tzname, start) in expected.items():
        event = events[uid]
        assert event.timezone == tzname, uid
        assert event.start == start and event.start.utcoffset() == start.utcoffset(), uid
        assert str(event.start.tzinfo) == tzname
        assert event.end - event.start == timedelta(minutes=45)
        assert not event.all_day
        assert event.location == "Conference room"
        assert event.summary == f"Meeting {uid}"
    assert events["o-2"].start.astimezone(UTC) == datetime(2025, 7, 15, 13, 0, tzinfo=UTC)
    assert events["o-1"].start.astimezone(UTC) == datetime(2025, 1, 15, 14, 0, tzinfo=UTC)
    assert events["o-7"] == ParsedIcsEvent(
        "o-7", "Filing day", date(2025, 3, 3), date(2025, 3, 4), True, None, None, None
    )
    assert events["o-8"].start == datetime(2025, 3, 3, 15, 0, tzinfo=UTC)
    assert events["o-8"].end == datetime(2025, 3, 3, 15, 30, tzinfo=UTC)
    assert events["o-8"].timezone == "UTC"


def test_file_vtimezone_decides_the_instant():
    """A custom zone matching no IANA zone keeps its own offsets; the result is in UTC."""
    cal = Calendar()
    cal.add("prodid", "-//test//EN")
    cal.add("version", "2.0")
    odd = ((datetime(1970, 10, 1, 3), "1SU", 10, 7, 5), (datetime(1970, 4, 1, 2), "1SU", 4, 5, 7))
    cal.add_component(_outlook_vtimezone("Odd Standard Time", *odd))
    event = Event()
    event.add("uid", "odd-1")
    event.add("dtstamp", DTSTAMP)
    event.add("dtstart", datetime(2025, 7, 1, 12, 0), parameters={"TZID": "Odd Standard Time"})
    cal.add_component(event)
    (parsed_event,) = parse_ics(cal.to_ical())
    assert parsed_event.timezone == "UTC"
    assert parsed_event.start == datetime(2025, 7, 1, 5, 0, tzinfo=UTC)
    assert parsed_event.end is None


def test_parse_our_own_export_round_trip(exported):
    events = {event.uid: event for event in parse_ics(exported)}
    for item in _timed_items():
        event = events[item.uid]
        assert event.start.astimezone(UTC) == item.start.astimezone(UTC)
        assert event.timezone in (item.timezone, "UTC")
        assert event.summary == item.summary
        assert event.description == item.description
    deadline = events[stable_uid("deadline", 0, "firm-1")]
    assert deadline.all_day and deadline.start == date(2025, 7, 1)
    assert deadline.end == date(2025, 7, 2)


def test_resolve_tzid():
    assert resolve_tzid("Eastern Standard Time") == "America/New_York"
    assert resolve_tzid("GMT Standard Time") == "Europe/London"
    assert resolve_tzid("W. Europe Standard Time") == "Europe/Berlin"
    assert resolve_tzid('"Pacific Standard Time"') == "America/Los_Angeles"
    assert resolve_tzid("Europe/Athens") == "Europe/Athens"
    assert resolve_tzid("/citadel.org/20190914_1/America/Chicago") == "America/Chicago"
    assert resolve_tzid("Etc/UTC") == "UTC"
    assert resolve_tzid("Nowhere Standard Time") is None


def _broken_event(dtstart: str | None) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//test//EN")
    cal.add("version", "2.0")
    event = Event()
    event.add("uid", "broken-1")
    event.add("summary", "Broken")
    if dtstart is not None:
        event["DTSTART"] = dtstart  # a raw, unparseable value
    cal.add_component(event)
    return cal.to_ical()


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"   \r\n",
        b"this is not a calendar",
        b"\xff\xfe\x00garbage",
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\n",  # truncated
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jane Doe\r\nEND:VCARD\r\n",
        _broken_event("not-a-date"),
        _broken_event(None),
    ],
    ids=["empty", "blank", "text", "binary", "truncated", "vcard", "bad-dtstart", "no-dtstart"],
)
def test_malformed_ics_raises_casedesk_error(data):
    with pytest.raises(CasedeskError) as info:
        parse_ics(data)
    message = str(info.value)
    assert message.startswith("The calendar file could not be read: ")
    assert message.endswith(".")
    assert "\n" not in message
