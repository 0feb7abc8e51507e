"""Benchmark of the .ics export (casedesk.core.ics).

Run: ``.venv/bin/python benchmarks/bench_ics.py [--events 10000] [--deadlines 10000]``

Prints
  (a) baseline: the same calendar built directly with icalendar components
      (same properties, VALARMs and VTIMEZONEs, one ``Calendar.to_ical()``);
  (b) cold export with ``IcsCalendarBuilder`` and an empty cache, and the ratio b/a
      (target: at most 2.0);
  (c) warm re-export: all items rebuilt from their "database rows", 1 % of them changed
      (sequence raised), the cache holding the rest (target: at most 1.5 s for 20k items).
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from icalendar import Alarm, Calendar, Event

from casedesk.core import ics
from casedesk.core.ics import (
    IcsCalendarBuilder,
    IcsEvent,
    SerializedCache,
    build_vtimezone,
    calendar_name,
    category_for_kind,
    stable_uid,
)

ZONES = ("America/New_York", "Europe/Athens", "America/Chicago", "Europe/London")
KINDS = ("hearing", "deposition", "meeting", "filing", "other")
DTSTAMP = datetime(2025, 1, 1, tzinfo=UTC)
MODIFIED = datetime(2024, 12, 1, 8, 30, tzinfo=UTC)


def make_rows(n_events: int, n_deadlines: int) -> list[tuple]:
    """Plain tuples standing in for database rows."""
    rows = []
    base = datetime(2025, 1, 6, 9, 0)
    for i in range(n_events):
        zone = ZONES[i % len(ZONES)]
        start = (base + timedelta(days=i % 700, hours=i % 8)).replace(tzinfo=ZoneInfo(zone))
        kind = KINDS[i % len(KINDS)]
        rows.append(("event", i, 0, kind, zone, start, start + timedelta(hours=1)))
    for i in range(n_deadlines):
        day = date(2025, 1, 1) + timedelta(days=i % 700)
        rows.append(("deadline", i, 0, "deadline", None, day, None))
    return rows


def row_to_item(row: tuple) -> IcsEvent:
    table, rid, seq, kind, zone, start, end = row
    all_day = table == "deadline"
    return IcsEvent(
        uid=stable_uid(table, rid, "bench-firm"),
        sequence=seq,
        summary=f"{category_for_kind(kind)} – matter {rid % 977} (rev {seq})",
        start=start,
        end=end,
        timezone=zone,
        all_day=all_day,
        location=None if all_day else f"Courtroom {rid % 40}, County Courthouse",
        description=f"Matter 2025-{rid:05d}. Client: Example Client {rid % 311}.",
        categories=[category_for_kind(kind)],
        alarms_minutes_before=[10080, 1440],
        last_modified=MODIFIED,
        url=f"casedesk://matter/{rid % 977}",
    )


def baseline(items: list[IcsEvent]) -> bytes:
    """The same calendar built directly with icalendar (no cache, one to_ical)."""
    cal = Calendar()
    cal.add("prodid", ics.PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", "Bench firm")
    years = range(2025, 2028)
    for zone in sorted(ZONES):
        vtz = build_vtimezone(zone, years)
        assert vtz is not None
        cal.add_component(vtz)
    for item in items:
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", item.last_modified)
        event.add("sequence", item.sequence)
        event.add("summary", item.summary)
        if item.all_day:
            event.add("dtstart", item.start)
            event.add("dtend", item.start + timedelta(days=1))
        else:
            params = {"TZID": item.timezone}
            event.add("dtstart", item.start.replace(tzinfo=None), parameters=params)
            event.add("dtend", item.end.replace(tzinfo=None), parameters=params)
        if item.location:
            event.add("location", item.location)
        event.add("description", item.description)
        event.add("categories", item.categories)
        event.add("url", item.url)
        event.add("last-modified", item.last_modified)
        event.add("transp", "TRANSPARENT" if item.all_day else "OPAQUE")
        for minutes in item.alarms_minutes_before:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", f"Reminder: {item.summary}")
            alarm.add("trigger", timedelta(minutes=-minutes))
            event.add_component(alarm)
        cal.add_component(event)
    return cal.to_ical()


def export(rows: list[tuple], cache: SerializedCache) -> bytes:
    builder = IcsCalendarBuilder(calendar_name("Bench firm"), dtstamp=DTSTAMP, cache=cache)
    for row in rows:
        builder.add(row_to_item(row))
    return builder.to_bytes()


def timed(func, *args):
    gc.collect()
    start = time.perf_counter()
    result = func(*args)
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--deadlines", type=int, default=10_000)
    parser.add_argument("--changed", type=float, default=0.01, help="share changed for (c)")
    args = parser.parse_args()

    rows = make_rows(args.events, args.deadlines)
    total = len(rows)
    items = [row_to_item(row) for row in rows]

    t_base, out_base = timed(baseline, items)
    print(f"items: {args.events} events + {args.deadlines} deadlines = {total}")
    print(
        f"(a) baseline, icalendar directly : {t_base:7.3f} s  "
        f"({t_base / total * 1000:.3f} ms/item, {len(out_base) / 1e6:.1f} MB)"
    )

    ics._vtimezone_spec.cache_clear()
    cache = SerializedCache(max_items=4 * total)
    t_cold, out_cold = timed(export, rows, cache)
    print(
        f"(b) cold export, builder          : {t_cold:7.3f} s  "
        f"({t_cold / total * 1000:.3f} ms/item)   ratio b/a = {t_cold / t_base:.2f}"
    )

    step = max(1, round(1 / args.changed)) if args.changed > 0 else total + 1
    changed_rows = [
        (*row[:2], row[2] + 1, *row[3:]) if index % step == 0 else row
        for index, row in enumerate(rows)
    ]
    n_changed = sum(1 for index in range(total) if index % step == 0)
    t_warm, out_warm = timed(export, changed_rows, cache)
    print(
        f"(c) warm re-export, {n_changed} changed : {t_warm:7.3f} s  "
        f"({t_warm / total * 1000:.3f} ms/item)   speed-up vs cold = {t_cold / t_warm:.1f}x"
    )

    t_same, out_same = timed(export, changed_rows, cache)
    print(
        f"    unchanged re-export           : {t_same:7.3f} s  "
        f"(byte-identical: {out_same == out_warm})"
    )
    assert out_cold.count(b"BEGIN:VEVENT") == total == out_warm.count(b"BEGIN:VEVENT")


if __name__ == "__main__":
    main()
