"""Benchmarks of the court calendar (issue 5).

Run: ``.venv/bin/python benchmarks/bench_calendar.py``

Uses a copy of the cached "medium" synthetic firm of :mod:`firmgen` (10k events, 10k deadlines,
production key derivation) and prints

1. cold export of all 20k items through :func:`casedesk.core.services.icalexport.build_calendar`
   (empty cache) against building the same calendar directly with icalendar components
   (ratio target: at most 2);
2. a repeated export where 1 % of the items changed, as a whole process
   (``python -m casedesk export FILE --format ics --out PATH``), using the cache persisted in the
   case file (target: at most 1.5 s), and checks the output equals an uncached export;
3. recalculating 1,000 dependent deadlines after a rule-set change (target: at most 200 ms), and
   moving one trigger with 1,000 dependent deadlines.
"""

from __future__ import annotations

import gc
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import firmgen
from icalendar import Alarm, Calendar, Event, Timezone
from sqlalchemy import select

from casedesk.core.casefile import CaseFile
from casedesk.core.keyslots import keys_path
from casedesk.core.models import Event as EventRow
from casedesk.core.models import Matter
from casedesk.core.services import deadlines, icalexport
from casedesk.core.services.icalexport import _deadline_items, _event_items


def _copy_firm(tmp: Path) -> Path:
    src, _ = firmgen.cached("medium")
    dst = tmp / "firm.casedesk"
    shutil.copy2(src, dst)
    shutil.copy2(keys_path(src), keys_path(dst))
    return dst


def _direct_icalendar(cf: CaseFile) -> tuple[float, int]:
    """The same items built directly with icalendar (one VTIMEZONE per zone, VALARMs)."""
    with cf.read() as s:
        firm = cf.firm()
        items = (_event_items(s, cf.firm_id, None, None, None, None, firm.timezone)
                 + _deadline_items(s, cf.firm_id, None, None, None, None, firm.timezone))
    gc.collect()
    t0 = time.perf_counter()
    cal = Calendar()
    cal.add("prodid", "-//bench//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", firm.name)
    zones = sorted({i.timezone for i in items if i.timezone and not i.all_day})
    from zoneinfo import ZoneInfo

    for z in zones:
        cal.add_component(Timezone.from_tzinfo(ZoneInfo(z)))
    for i in items:
        ev = Event()
        ev.add("uid", i.uid)
        ev.add("dtstamp", i.last_modified)
        ev.add("sequence", i.sequence)
        ev.add("summary", i.summary)
        ev.add("dtstart", i.start)
        if i.end is not None:
            ev.add("dtend", i.end)
        if i.location:
            ev.add("location", i.location)
        if i.description:
            ev.add("description", i.description)
        ev.add("categories", i.categories)
        ev.add("last-modified", i.last_modified)
        for m in i.alarms_minutes_before:
            a = Alarm()
            a.add("action", "DISPLAY")
            a.add("description", f"Reminder: {i.summary}")
            a.add("trigger", timedelta(minutes=-m))
            ev.add_component(a)
        cal.add_component(ev)
    cal.to_ical()
    return time.perf_counter() - t0, len(items)


def bench_export(path: Path, tmp: Path) -> None:
    cf = CaseFile.open(path, firmgen.ADMIN, firmgen.PASSWORD)
    try:
        direct, n = _direct_icalendar(cf)
        icalexport.clear_cache(cf)
        gc.collect()
        t0 = time.perf_counter()
        icalexport.build_calendar(cf)  # also fills the persisted cache
        cold_s = time.perf_counter() - t0
        print(f"(1) {n} items: icalendar directly {direct:.2f} s; casedesk cold export "
              f"(incl. query and cache write) {cold_s:.2f} s; ratio {cold_s / direct:.2f} "
              f"(target <= 2)")
        with cf.read() as s:
            ids = list(s.scalars(select(EventRow.id).order_by(EventRow.id).limit(n // 100)))
        with cf.write() as s:  # 1 % of the items change (audited like any edit)
            for ev in s.scalars(select(EventRow).where(EventRow.id.in_(ids))):
                ev.title = ev.title + " (moved)"
        reference = icalexport.build_calendar(cf, use_cache=False).data
    finally:
        cf.close()
    out = tmp / "out.ics"
    env = {**os.environ, "CASEDESK_USER": firmgen.ADMIN, "CASEDESK_PASSWORD": firmgen.PASSWORD}
    cmd = [sys.executable, "-m", "casedesk", "export", str(path), "--format", "ics", "--out",
           str(out)]
    # An installed casedesk has its modules compiled (.pyc); a checkout may not (e.g. with
    # PYTHONDONTWRITEBYTECODE set), which would add ~0.15 s of compiling to every run.
    subprocess.run([sys.executable, "-m", "compileall", "-q", "casedesk"], check=True,
                   cwd=Path(__file__).resolve().parents[1])
    times = []
    for _ in range(3):
        t0 = time.perf_counter()
        subprocess.run(cmd, env=env, check=True, capture_output=True,
                       cwd=Path(__file__).resolve().parents[1])
        times.append(time.perf_counter() - t0)
    data = out.read_bytes()
    same = data == reference
    print(f"(2) whole-process re-export, 1 % changed: first {times[0]:.2f} s, then "
          f"{min(times[1:]):.2f} s (target <= 1.5 s); output equals an uncached export: {same}")
    print(f"    runs: {', '.join(f'{t:.2f} s' for t in times)} (the first one serializes the "
          f"changed items and saves them; the others find everything in the cache)")




_RULES = """
id = "bench"
name = "Benchmark rules"
jurisdiction = "US"
version = "{version}"
effective = 2020-01-01

[[triggers]]
name = "served"
label = "Served"
""" + "".join(f"""
[[triggers.deadlines]]
key = "d{i}"
title = "Deadline {i}"
days = {{days{i}}}
counting = "{'court' if i % 2 else 'calendar'}"
""" for i in range(4))


def _rules(version: str, extra: int) -> str:
    return _RULES.format(version=version, **{f"days{i}": 10 + 7 * i + extra for i in range(4)})


_ONE_TRIGGER = """
id = "wide"
name = "One trigger, 1000 deadlines"
jurisdiction = "US"
version = "1"
effective = 2020-01-01

[[triggers]]
name = "kickoff"
label = "Kick-off"
""" + "".join(f"""
[[triggers.deadlines]]
key = "d{i}"
title = "Deadline {i}"
days = {1 + i % 30}
""" for i in range(1000))


def bench_recompute(path: Path) -> None:
    cf = CaseFile.open(path, firmgen.ADMIN, firmgen.PASSWORD)
    try:
        deadlines.save_firm_rule_set(cf, _rules("1", 0))
        with cf.read() as s:
            mids = list(s.scalars(select(Matter.id).order_by(Matter.id).limit(250)))
        start = date(2026, 1, 5)
        for k, mid in enumerate(mids):
            deadlines.apply_rule_set(cf, mid, "served", start + timedelta(days=k % 200))
        deadlines.save_firm_rule_set(cf, _rules("2", 3))
        t0 = time.perf_counter()
        proposed = deadlines.preview_recompute(cf, "bench")
        preview_s = time.perf_counter() - t0
        gc.collect()
        t0 = time.perf_counter()
        result = deadlines.apply_recompute(cf, [p.deadline.id for p in proposed])
        apply_s = time.perf_counter() - t0
        print(f"(3) rule-set change: preview of {len(proposed)} deadlines {preview_s * 1000:.0f} "
              f"ms; recalculating {len(result.moved)} deadlines {apply_s * 1000:.0f} ms "
              f"(target <= 200 ms)")
        deadlines.save_firm_rule_set(cf, _ONE_TRIGGER)
        r = deadlines.apply_rule_set(cf, mids[0], "kickoff", start)
        assert r.trigger is not None
        gc.collect()
        t0 = time.perf_counter()
        moved = deadlines.move_trigger(cf, r.trigger.id, start + timedelta(days=7))
        move_s = time.perf_counter() - t0
        print(f"    moving one trigger: {len(moved.moved)} dependent deadlines recalculated in "
              f"{move_s * 1000:.0f} ms")
    finally:
        cf.close()


def main() -> int:
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        path = _copy_firm(tmp)
        bench_export(path, tmp)
        bench_recompute(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
