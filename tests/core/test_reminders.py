"""Reminders, the needs-attention list and the control-sheet data."""

from __future__ import annotations

from datetime import date

from casedesk.core.casefile import CaseFile
from casedesk.core.services import calendar, contacts, matters, reminders


def _setup(cf: CaseFile) -> tuple[str, str]:
    cf.add_user("eleni", "pw-eleni", "attorney")
    client = contacts.create(cf, name="Client", is_client=True)
    watched = matters.create(cf, title="Watched", client_id=client.id, responsible="eleni").id
    unwatched = matters.create(cf, title="Forgotten", client_id=client.id).id
    return watched, unwatched


def test_due_and_overdue_reminders(cf: CaseFile) -> None:
    mid, _ = _setup(cf)
    soon = calendar.create_deadline(cf, title="Answer", due="2026-12-10", matter_id=mid)
    late = calendar.create_deadline(cf, title="Reply", due="2026-12-01", matter_id=mid)
    calendar.create_deadline(cf, title="Far away", due="2027-03-01", matter_id=mid)
    today = date(2026, 12, 3)  # 7 days before "Answer"
    got = reminders.due_reminders(cf, today)
    assert [(r.deadline.title, r.lead_days, r.overdue) for r in got] == [
        ("Reply", 0, True), ("Answer", 7, False)]
    # the day before: the 1-day lead
    assert [(r.deadline.title, r.lead_days) for r in reminders.due_reminders(
        cf, date(2026, 12, 9)) if not r.overdue] == [("Answer", 1)]
    # the user's filter: eleni is responsible for the matter
    assert len(reminders.due_reminders(cf, today, "eleni")) == 2
    # dismissed today -> hidden today, back tomorrow
    reminders.dismiss(cf, got[1], today)
    assert [r.deadline.title for r in reminders.due_reminders(cf, today)] == ["Reply"]
    assert len(reminders.due_reminders(cf, date(2026, 12, 4))) == 2
    # done deadlines have no reminders; done records who and when
    done = calendar.set_deadline_done(cf, late.id, True)
    assert done.completed_by == "admin" and done.completed_at is not None
    assert [r.deadline.id for r in reminders.due_reminders(cf, date(2026, 12, 4))] == [soon.id]


def test_needs_attention(cf: CaseFile) -> None:
    mid, forgotten = _setup(cf)
    calendar.create_deadline(cf, title="Late", due="2026-12-01", matter_id=mid)
    calendar.create_deadline(cf, title="Friday", due="2026-12-04", matter_id=mid)
    calendar.create_deadline(cf, title="Next week", due="2026-12-08", matter_id=mid)
    na = reminders.needs_attention(cf, date(2026, 12, 2))  # a Wednesday
    assert [d.title for d in na.overdue] == ["Late"]
    assert [d.title for d in na.due_this_week] == ["Friday"]
    assert [m.id for m in na.unwatched] == [forgotten]
    assert [m.id for m in reminders.needs_attention(cf, date(2026, 12, 2), "eleni").unwatched
            ] == []
    # a task makes the forgotten matter watched
    from casedesk.core.models import Task

    with cf.write() as s:
        s.add(Task(matter_id=forgotten, title="Call the client"))
    assert reminders.needs_attention(cf, date(2026, 12, 2)).unwatched == []


def test_control_sheet_rows(cf: CaseFile) -> None:
    mid, _ = _setup(cf)
    calendar.create_deadline(cf, title="Answer", due="2026-12-10", matter_id=mid,
                             rule="FRCP 12(a)")
    calendar.create_deadline(cf, title="Outside", due="2027-01-10", matter_id=mid)
    sheet = reminders.control_sheet(cf, date(2026, 12, 1), date(2026, 12, 31), attorney="eleni")
    assert [(r.date, r.deadline, r.citation, r.status, r.responsible, r.signature)
            for r in sheet.rows] == [(date(2026, 12, 10), "Answer", "FRCP 12(a)", "open",
                                      "eleni", "")]
    assert "eleni" in sheet.title
