"""iCalendar export (read back with vobject), the persisted cache, the feed and .ics import."""

from __future__ import annotations

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
    with cf.read() as s:
        assert s.scalar(select(func.count()).select_from(IcsCacheEntry)) == 600
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
