"""Double-booking detection and the nearest free slot."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from casedesk.core.casefile import CaseFile
from casedesk.core.services import calendar, schedule
from casedesk.core.services.deadlines import set_closure_days

ATH = ZoneInfo("Europe/Athens")


@pytest.fixture
def firm(cf: CaseFile) -> CaseFile:
    cf.add_user("eleni", "pw-eleni", "attorney")
    cf.add_user("james", "pw-james", "attorney")
    # Thu 2026-12-03 10:00-12:00 Athens: eleni's deposition in Meeting room A
    calendar.create_event(cf, title="Deposition", start="2026-12-03T10:00",
                          end="2026-12-03T12:00", kind="deposition", location="Meeting room A",
                          attendees=["eleni"])
    return cf


def _utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=ATH).astimezone(UTC)


def test_attendee_conflict(firm: CaseFile) -> None:
    found = schedule.find_conflicts(firm, _utc("2026-12-03T11:00"), _utc("2026-12-03T11:30"),
                                    ["eleni"], None)
    assert [c.event.title for c in found] == ["Deposition"]
    assert "eleni" in found[0].reason
    # another attendee, another room: no conflict; back-to-back is not a conflict
    assert schedule.find_conflicts(firm, _utc("2026-12-03T11:00"), _utc("2026-12-03T11:30"),
                                   ["james"], "Room B") == []
    assert schedule.find_conflicts(firm, _utc("2026-12-03T12:00"), _utc("2026-12-03T13:00"),
                                   ["eleni"], None) == []


def test_location_conflict_is_case_and_space_insensitive(firm: CaseFile) -> None:
    found = schedule.find_conflicts(firm, _utc("2026-12-03T09:30"), _utc("2026-12-03T10:30"),
                                    ["james"], "  meeting   ROOM a ")
    assert len(found) == 1 and "Meeting room A is booked" in found[0].reason


def test_moving_an_event_excludes_itself(firm: CaseFile) -> None:
    ev = calendar.create_event(firm, title="Call", start="2026-12-03T15:00",
                               end="2026-12-03T16:00", attendees=["eleni"])
    assert schedule.event_conflicts(firm, ev.id) == []
    calendar.update_event(firm, ev.id, start=datetime(2026, 12, 3, 11, 0),
                          end=datetime(2026, 12, 3, 11, 30))
    assert [c.event.title for c in schedule.event_conflicts(firm, ev.id)] == ["Deposition"]


def test_propose_slot_after_the_conflict(firm: CaseFile) -> None:
    slot = schedule.propose_slot(firm, datetime(2026, 12, 3, 10, 30), 60, ["eleni"], None)
    assert slot == datetime(2026, 12, 3, 12, 0, tzinfo=ATH)


def test_propose_slot_skips_evening_weekend_and_holiday(firm: CaseFile) -> None:
    # Thu 2026-12-24 16:30 + 60 min runs past 17:00; Fri 25 is Christmas (GR holiday),
    # Sat/Sun weekend -> Mon 2026-12-28 09:00
    slot = schedule.propose_slot(firm, datetime(2026, 12, 24, 16, 30), 60, ["eleni"], None)
    assert slot == datetime(2026, 12, 28, 9, 0, tzinfo=ATH)
    # ...and a firm closure on Monday moves it to Tuesday
    set_closure_days(firm, {datetime(2026, 12, 28).date(): "Firm retreat"})
    slot = schedule.propose_slot(firm, datetime(2026, 12, 24, 16, 30), 60, ["eleni"], None)
    assert slot == datetime(2026, 12, 29, 9, 0, tzinfo=ATH)


def test_propose_slot_before_opening_and_in_another_zone(firm: CaseFile) -> None:
    slot = schedule.propose_slot(firm, datetime(2026, 12, 3, 7, 0), 30, ["james"], None)
    assert slot == datetime(2026, 12, 3, 9, 0, tzinfo=ATH)
    ny = schedule.propose_slot(firm, datetime(2026, 12, 3, 8, 0), 30, ["james"], None,
                               tz="America/New_York")
    assert ny.tzinfo == ZoneInfo("America/New_York") and ny.hour == 9


def test_book_refuses_or_resolves(firm: CaseFile) -> None:
    with pytest.raises(schedule.SchedulingConflict) as exc:
        schedule.book(firm, title="Client call", start="2026-12-03T10:00", minutes=30,
                      attendees=["eleni"])
    assert "Deposition" in str(exc.value) and "2026-12-03 12:00" in str(exc.value)
    assert exc.value.proposed == datetime(2026, 12, 3, 12, 0, tzinfo=ATH)
    event, avoided = schedule.book(firm, title="Client call", start="2026-12-03T10:00",
                                   minutes=30, attendees=["eleni"], auto_resolve=True)
    assert avoided and event.starts_at == _utc("2026-12-03T12:00")
    assert event.ends_at == event.starts_at + timedelta(minutes=30)


def test_demo_double_booking_is_detected(tmp_path: object) -> None:
    from pathlib import Path

    from casedesk.core.demo import build_demo
    from casedesk.core.models import Event

    path = Path(str(tmp_path)) / "demo.casedesk"
    build_demo(path)
    demo = CaseFile.open(path, "eleni", "demo")
    try:
        with demo.read() as s:
            from sqlalchemy import select

            deps = s.scalars(select(Event).where(Event.title.like("Deposition — %"))).all()
        assert len(deps) == 2 and deps[0].starts_at == deps[1].starts_at
        start = deps[0].starts_at
        found = schedule.find_conflicts(demo, start, start + timedelta(hours=1), ["eleni"],
                                        "Meeting room A")
        assert len(found) >= 2
    finally:
        demo.close()
