"""iCalendar export (read back with vobject), the persisted cache, the feed and .ics import."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import vobject
from sqlalchemy import func, select

from casedesk.core.calmodels import IcsCacheEntry
from casedesk.core.casefile import CaseFile
from casedesk.core.errors import ValidationError
from casedesk.core.feed import FeedServer
from casedesk.core.ics import stable_uid
from casedesk.core.models import Event
from casedesk.core.services import calendar, contacts, icalexport, matters
from tests.support import ADMIN_PW


@pytest.fixture
def firm(cf: CaseFile) -> dict[str, str]:
    cf.add_user("eleni", "pw-eleni", "attorney")
    cf.add_user("james", "pw-james", "attorney")
    client = contacts.create(cf, name="Client", is_client=True)
    m1 = matters.create(cf, title="Eleni's case", client_id=client.id, responsible="eleni")
    m2 = matters.create(cf, title="James's case", client_id=client.id, responsible="james")
    summer = calendar.create_event(cf, title="Summer hearing", start="2026-07-15T09:30",
                                   end="2026-07-15T11:00", timezone="America/New_York",
                                   kind="hearing", matter_id=m1.id, attendees=["eleni"])
    winter = calendar.create_event(cf, title="Winter hearing", start="2027-01-15T09:30",
                                   end="2027-01-15T11:00", timezone="America/New_York",
                                   kind="hearing", matter_id=m2.id, attendees=["james"])
    dl = calendar.create_deadline(cf, title="Answer due", due="2026-12-10", matter_id=m1.id,
                                  rule="FRCP 12(a)")
    return {"m1": m1.id, "m2": m2.id, "m1_number": m1.number, "summer": summer.id,
            "winter": winter.id, "deadline": dl.id}


def _vevents(data: bytes) -> dict[str, vobject.base.Component]:
    cal = vobject.readOne(data.decode("utf-8"))
    return {str(ev.summary.value): ev for ev in cal.vevent_list}


def test_export_reads_back_across_dst(cf: CaseFile, firm: dict[str, str]) -> None:
    data = icalexport.export_ics(cf)
    cal = vobject.readOne(data.decode("utf-8"))
    assert cal.contents["x-wr-calname"][0].value == "Test & Partners"
    assert [tz.tzid.value for tz in cal.vtimezone_list] == ["America/New_York"]
    evs = {ev.summary.value.split(" · ")[1]: ev for ev in cal.vevent_list}
    summer, winter = evs["Summer hearing"], evs["Winter hearing"]
    # 09:30 EDT = 13:30Z, 09:30 EST = 14:30Z
    assert summer.dtstart.value.astimezone(UTC) == datetime(2026, 7, 15, 13, 30, tzinfo=UTC)
    assert winter.dtstart.value.astimezone(UTC) == datetime(2027, 1, 15, 14, 30, tzinfo=UTC)
    assert summer.dtend.value.astimezone(UTC) == datetime(2026, 7, 15, 15, 0, tzinfo=UTC)
    assert summer.categories.value == ["Hearing"]
    assert sorted(a.trigger.value for a in summer.valarm_list) == [
        timedelta(days=-1), timedelta(hours=-1)]
    deadline = evs["Answer due"]
    assert deadline.dtstart.value == date(2026, 12, 10)
    assert deadline.dtend.value == date(2026, 12, 11)
    assert deadline.categories.value == ["Deadline"]
    assert sorted(a.trigger.value for a in deadline.valarm_list) == [
        timedelta(days=-7), timedelta(days=-1)]
    assert "FRCP 12(a)" in deadline.description.value
    assert deadline.uid.value == stable_uid("deadline", firm["deadline"], cf.firm_id)


def test_uids_stable_and_sequence_rises(cf: CaseFile, firm: dict[str, str]) -> None:
    first = {ev.uid.value: int(ev.sequence.value)
             for ev in vobject.readOne(icalexport.export_ics(cf).decode()).vevent_list}
    calendar.update_event(cf, firm["summer"], title="Summer hearing (moved room)")
    second = {ev.uid.value: int(ev.sequence.value)
              for ev in vobject.readOne(icalexport.export_ics(cf).decode()).vevent_list}
    assert set(first) == set(second)
    uid = stable_uid("event", firm["summer"], cf.firm_id)
    assert second[uid] == first[uid] + 1
    assert all(second[u] == first[u] for u in first if u != uid)


def test_filters(cf: CaseFile, firm: dict[str, str]) -> None:
    mine = icalexport.build_calendar(cf, attorney="eleni")
    names = {s.split(" · ")[1] for s in _vevents(mine.data)}
    assert names == {"Summer hearing", "Answer due"}
    assert "Test & Partners – eleni" in mine.data.decode()
    m2 = icalexport.export_ics(cf, matter_id=firm["m2"])
    assert {s.split(" · ")[1] for s in _vevents(m2)} == {"Winter hearing"}
    period = icalexport.export_ics(cf, start=date(2026, 12, 1), end=date(2026, 12, 31))
    assert {s.split(" · ")[1] for s in _vevents(period)} == {"Answer due"}
    with pytest.raises(ValidationError):
        icalexport.export_ics(cf, start=date(2026, 12, 31), end=date(2026, 12, 1))


def _cached(cf: CaseFile) -> dict[str, tuple]:
    """The entries of the persisted cache (uid → (key, entry))."""
    cache = icalexport._PersistedCache(icalexport._context(cf.firm_id, cf.firm().timezone))
    with cf.read() as s:
        cache.load(s)
    return cache.entries


def test_persisted_cache_gives_identical_bytes_faster(cf: CaseFile) -> None:
    cf.add_user("eleni", "pw-eleni", "attorney")
    start = datetime(2026, 1, 5, 9, 0)
    with cf.write() as s:
        for i in range(600):
            at = (start + timedelta(hours=i * 7)).replace(tzinfo=UTC)
            s.add(Event(title=f"Meeting {i}", starts_at=at, ends_at=at + timedelta(hours=1),
                        timezone="Europe/Athens", kind="meeting", location="Room A"))
    icalexport.clear_cache(cf)
    t0 = time.perf_counter()
    cold = icalexport.build_calendar(cf)
    cold_s = time.perf_counter() - t0
    assert cold.cache_misses == 600
    assert len(_cached(cf)) == 600
    t0 = time.perf_counter()
    warm = icalexport.build_calendar(cf)
    warm_s = time.perf_counter() - t0
    assert warm.data == cold.data
    assert (warm.cache_hits, warm.cache_misses) == (600, 0)
    assert warm_s < cold_s
    # a changed item misses, everything else still hits
    with cf.read() as s:
        one = s.scalars(select(Event.id).limit(1)).one()
    calendar.update_event(cf, one, title="Changed")
    again = icalexport.build_calendar(cf)
    assert (again.cache_hits, again.cache_misses) == (599, 1)
    assert b"Changed" in again.data


def test_cache_follows_matter_renames_and_removals(cf: CaseFile,
                                                  firm: dict[str, str]) -> None:
    icalexport.build_calendar(cf)
    # the matter's title is in its items but not in their rows: they must still be redone
    matters.update(cf, firm["m1"], title="Eleni's renamed case")
    again = icalexport.build_calendar(cf)
    assert again.data == icalexport.build_calendar(cf, use_cache=False).data
    assert (again.cache_hits, again.cache_misses) == (1, 2)
    assert b"Eleni's renamed case" in again.data
    # a deleted event leaves the cache with the next unfiltered export
    with cf.write() as s:
        s.delete(s.get(Event, firm["winter"]))
    icalexport.build_calendar(cf, matter_id=firm["m1"])  # filtered: keeps the entry
    assert ("event", firm["winter"]) in _cached(cf)
    icalexport.build_calendar(cf)
    assert set(_cached(cf)) == {("event", firm["summer"]), ("deadline", firm["deadline"])}


def _cache_rows(cf: CaseFile) -> dict[str, bytes]:
    with cf.read() as s:
        return {u: d for u, d in s.execute(select(IcsCacheEntry.uid, IcsCacheEntry.data))}


def test_a_small_change_writes_only_the_patch_row(cf: CaseFile, firm: dict[str, str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(icalexport, "_PATCH_LIMIT", 2)
    icalexport.build_calendar(cf)  # 3 new entries: more than the patch takes
    buckets = {u: d for u, d in _cache_rows(cf).items() if u != icalexport._FRAMES}
    assert icalexport._PATCH not in buckets and len(buckets) == 3
    calendar.update_event(cf, firm["summer"], title="Summer hearing, room 4")
    changed = icalexport.build_calendar(cf)
    assert changed.cache_misses == 1
    rows = _cache_rows(cf)
    assert icalexport._PATCH in rows
    assert {u: d for u, d in rows.items() if u in buckets} == buckets  # untouched
    assert icalexport.build_calendar(cf).data == changed.data
    assert icalexport.build_calendar(cf, use_cache=False).data == changed.data
    # past the limit the patch is merged into the buckets
    calendar.update_event(cf, firm["summer"], title="Summer hearing, room 6")
    assert icalexport.build_calendar(cf).cache_misses == 1
    assert icalexport._PATCH in _cache_rows(cf)  # still one entry in the patch
    calendar.update_event(cf, firm["winter"], title="Winter hearing, room 5")
    calendar.update_deadline(cf, firm["deadline"], title="Answer due (extended)")
    merged = icalexport.build_calendar(cf)  # three entries: merged
    assert merged.cache_misses == 2 and icalexport._PATCH not in _cache_rows(cf)
    assert icalexport.build_calendar(cf).cache_hits == 3
    assert icalexport.build_calendar(cf, use_cache=False).data == merged.data


def test_cache_rows_of_another_layout_are_ignored_and_removed(cf: CaseFile,
                                                              firm: dict[str, str]) -> None:
    uid = stable_uid("event", firm["summer"], cf.firm_id)
    with cf.write() as s:  # a row of the per-item layout, and a damaged bucket
        s.add(IcsCacheEntry(uid=uid, sequence=1, fingerprint="x", data=b"BEGIN:VEVENT"))
        s.add(IcsCacheEntry(uid=icalexport._bucket_uid(0), sequence=icalexport._FORMAT,
                            fingerprint=icalexport._context(cf.firm_id, "Europe/Athens"),
                            data=b"not zlib"))
        s.add(IcsCacheEntry(uid=icalexport._PREFIX + "junk", sequence=1, fingerprint="x",
                            data=b""))
    first = icalexport.build_calendar(cf)
    assert first.data == icalexport.build_calendar(cf, use_cache=False).data
    assert first.cache_misses == 3
    with cf.read() as s:
        uids = set(s.scalars(select(IcsCacheEntry.uid)))
    assert uid not in uids and all(u.startswith(icalexport._PREFIX) for u in uids)
    assert icalexport._PREFIX + "junk" not in uids
    assert icalexport.build_calendar(cf).cache_hits == 3


def test_cached_items_are_rebuilt_when_their_zone_loses_its_vtimezone(cf: CaseFile) -> None:
    # Sao Paulo has kept standard time since 2019: one STANDARD describes 2025-2026 ...
    for day in (10, 11, 12):
        calendar.create_event(cf, title=f"Audiência {day}", start=f"2026-03-{day}T10:00",
                              end=f"2026-03-{day}T11:00", timezone="America/Sao_Paulo")
    cold = icalexport.build_calendar(cf)
    assert b"BEGIN:VTIMEZONE" in cold.data and b"TZID=America/Sao_Paulo" in cold.data
    # ... but with an item in 2018 (DST then) no yearly rule does: every time goes in UTC
    calendar.create_event(cf, title="Old hearing", start="2018-12-10T10:00",
                          end="2018-12-10T11:00", timezone="America/Sao_Paulo")
    warm = icalexport.build_calendar(cf)
    assert warm.data == icalexport.build_calendar(cf, use_cache=False).data
    assert b"BEGIN:VTIMEZONE" not in warm.data and b"TZID=" not in warm.data
    assert (warm.cache_hits, warm.cache_misses) == (0, 4)
    assert icalexport.build_calendar(cf).cache_hits == 4


def test_an_unchanged_export_needs_no_icalendar(cf: CaseFile, firm: dict[str, str],
                                                case_path: Path) -> None:
    first = icalexport.export_ics(cf)
    code = (
        "import sys\n"
        "from casedesk.core.casefile import CaseFile\n"
        "from casedesk.core.services import icalexport\n"
        f"cf = CaseFile.open({str(case_path)!r}, 'admin', {ADMIN_PW!r})\n"
        "data = icalexport.export_ics(cf)\n"
        "cf.close()\n"
        "sys.stdout.buffer.write(data)\n"
        "assert 'icalendar' not in sys.modules, 'icalendar was imported'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=120,
                          cwd=Path(__file__).resolve().parents[2])
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout == first


def test_feed_server(cf: CaseFile, firm: dict[str, str], tmp_path: Path) -> None:
    token = icalexport.feed_token(cf, "eleni")
    assert icalexport.feed_token(cf, "eleni") == token and len(token) >= 43
    with FeedServer(cf) as server:
        with urllib.request.urlopen(server.url_for(token), timeout=10) as resp:
            assert resp.headers["Content-Type"] == "text/calendar; charset=utf-8"
            body = resp.read()
        names = {s.split(" · ")[1] for s in _vevents(body)}
        assert names == {"Summer hearing", "Answer due"}  # eleni's items only
        for bad in (server.url_for("x" * 43), f"http://127.0.0.1:{server.port}/other"):
            with pytest.raises(urllib.error.HTTPError) as exc:
                urllib.request.urlopen(bad, timeout=10)
            assert exc.value.code == 404
            exc.value.close()
        new = icalexport.regenerate_feed_token(cf, "eleni")
        with pytest.raises(urllib.error.HTTPError) as exc:
            urllib.request.urlopen(server.url_for(token), timeout=10)
        exc.value.close()
        assert new != token
    with pytest.raises(ValidationError):
        FeedServer(cf, host="0.0.0.0")
    out = icalexport.write_feed_file(cf, "eleni", tmp_path)
    assert out.name == "eleni.ics" and b"Summer hearing" in out.read_bytes()


NOTICE = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Court//Notices//EN\r
BEGIN:VEVENT\r
UID:hearing-4711@court.example\r
DTSTAMP:20261101T120000Z\r
DTSTART;TZID=America/New_York:20270115T093000\r
DTEND;TZID=America/New_York:20270115T103000\r
SUMMARY:Status conference\r
LOCATION:Courtroom 12B\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_import_ics_is_idempotent(cf: CaseFile, firm: dict[str, str]) -> None:
    [ev] = icalexport.import_ics(cf, firm["m1"], NOTICE, kind="hearing")
    assert ev.import_key == "ics:hearing-4711@court.example"
    assert ev.starts_at == datetime(2027, 1, 15, 14, 30, tzinfo=UTC)
    assert (ev.timezone, ev.location, ev.kind, ev.matter_id) == (
        "America/New_York", "Courtroom 12B", "hearing", firm["m1"])
    [again] = icalexport.import_ics(cf, firm["m1"], NOTICE.replace(b"Courtroom 12B",
                                                                    b"Courtroom 3"))
    assert again.id == ev.id and again.location == "Courtroom 3"
    with cf.read() as s:
        assert s.scalar(select(func.count()).select_from(Event).where(
            Event.import_key.like("ics:%"))) == 1
