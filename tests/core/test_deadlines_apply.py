"""Court rules applied to matters: deadlines with roll-over, trigger moves, review of changes."""

from __future__ import annotations

import time
from datetime import date

import pytest
from sqlalchemy import select

from casedesk.core.calmodels import DeadlineTrigger
from casedesk.core.casefile import CaseFile
from casedesk.core.errors import NotFound, UsageError
from casedesk.core.models import AuditEntry, Deadline
from casedesk.core.services import calendar, contacts, deadlines, matters

US = "us-federal-civil"


def _matter(cf: CaseFile, title: str = "Acme v. Widget") -> str:
    client = contacts.create(cf, name=f"Client of {title}", is_client=True)
    return matters.create(cf, title=title, client_id=client.id).id


def test_apply_creates_deadlines_rolled_over_a_holiday(cf: CaseFile) -> None:
    mid = _matter(cf)
    # served Thu 2026-11-05; +21 days = Thu 2026-11-26, Thanksgiving -> Fri 2026-11-27
    result = deadlines.apply_rule_set(cf, mid, "complaint_served", date(2026, 11, 5))
    assert [d.due for d in result.created] == [date(2026, 11, 27)]
    d = result.created[0]
    assert d.computed_due == d.due
    assert d.rule == "FRCP 12(a)(1)(A)(i)"
    assert (d.rule_set, d.rule_key, d.trigger, d.trigger_date) == (
        US, "answer", "complaint_served", date(2026, 11, 5))
    assert "Thanksgiving Day" in (d.explanation or "")
    assert d.reminders_days == [7, 3, 1]
    with cf.read() as s:
        trig = s.scalars(select(DeadlineTrigger)).one()
        assert (trig.rule_set, trig.rule_set_version, trig.service) == (US, "2024.12",
                                                                        "electronic")
        # audited like every write
        assert s.scalar(select(AuditEntry.id).where(
            AuditEntry.entity == "deadline_trigger", AuditEntry.entity_id == trig.id))


def test_weekend_holiday_and_firm_closure_roll_over(cf: CaseFile) -> None:
    mid = _matter(cf)
    # served Sat 2026-12-05; +21 = Sat 2026-12-26 -> Sun -> Mon 2026-12-28
    r = deadlines.apply_rule_set(cf, mid, "complaint_served", date(2026, 12, 5))
    assert r.created[0].due == date(2026, 12, 28)
    # with the firm closed on Mon 2026-12-28 the same deadline is Tue 2026-12-29
    deadlines.set_closure_days(cf, {date(2026, 12, 28): "Firm retreat"})
    mid2 = _matter(cf, "Second v. Matter")
    r2 = deadlines.apply_rule_set(cf, mid2, "complaint_served", date(2026, 12, 5))
    assert r2.created[0].due == date(2026, 12, 29)
    assert "Firm retreat" in (r2.created[0].explanation or "")


def test_greek_august_suspension(cf: CaseFile) -> None:
    mid = _matter(cf)
    # filed Mon 2026-07-20: Jul 21-31 = 11 days, August suspended, Sep 1-19 = 19 more
    # -> Sat 2026-09-19 -> Mon 2026-09-21; 60 days -> Mon 2026-10-19
    r = deadlines.apply_rule_set(cf, mid, "action_filed", date(2026, 7, 20))
    assert {d.rule_key: d.due for d in r.created} == {
        "service_of_action": date(2026, 9, 21),
        "intervention_third_party": date(2026, 10, 19),
    }


def test_apply_twice_does_not_duplicate(cf: CaseFile) -> None:
    mid = _matter(cf)
    deadlines.apply_rule_set(cf, mid, "judgment_entered", date(2026, 3, 2))
    again = deadlines.apply_rule_set(cf, mid, "judgment_entered", date(2026, 3, 2))
    assert again.created == [] and again.moved == []
    with cf.read() as s:
        assert len(s.scalars(select(Deadline)).all()) == 3


def test_unknown_or_ambiguous_trigger(cf: CaseFile) -> None:
    mid = _matter(cf)
    with pytest.raises(NotFound):
        deadlines.apply_rule_set(cf, mid, "no_such_trigger", date(2026, 3, 2))
    deadlines.save_firm_rule_set(cf, _FIRM_RULES.replace("firm-extra", "firm-two").replace(
        "Our own", "Another"))
    deadlines.save_firm_rule_set(cf, _FIRM_RULES)
    with pytest.raises(UsageError):
        deadlines.apply_rule_set(cf, mid, "client_meeting", date(2026, 3, 2))
    r = deadlines.apply_rule_set(cf, mid, "client_meeting", date(2026, 3, 2),
                                 rule_set_id="firm-extra")
    assert r.created[0].due == date(2026, 3, 9)  # Mon + 7 = Mon


def test_moving_the_trigger_recomputes_but_flags_hand_edits(cf: CaseFile) -> None:
    mid = _matter(cf)
    r = deadlines.apply_rule_set(cf, mid, "judgment_entered", date(2026, 3, 2))
    by_key = {d.rule_key: d for d in r.created}
    assert by_key["notice_of_appeal"].due == date(2026, 4, 1)
    # someone moves the appeal deadline by hand
    calendar.update_deadline(cf, by_key["notice_of_appeal"].id, due="2026-03-31")
    moved = deadlines.move_trigger(cf, r.trigger.id, date(2026, 3, 9))  # type: ignore[union-attr]
    assert sorted(d.rule_key for d in moved.moved) == ["alter_amend_motion", "new_trial_motion"]
    assert [d.rule_key for d in moved.flagged] == ["notice_of_appeal"]
    with cf.read() as s:
        due = {d.rule_key: (d.due, d.computed_due, d.trigger_date)
               for d in s.scalars(select(Deadline))}
    assert due["new_trial_motion"] == (date(2026, 4, 6), date(2026, 4, 6), date(2026, 3, 9))
    # the hand-edited one stays, and is flagged with what the rules now give
    assert due["notice_of_appeal"][0] == date(2026, 3, 31)
    assert due["notice_of_appeal"][1] == date(2026, 4, 8)
    flags = deadlines.flagged(cf)
    assert [(f.deadline.rule_key, f.proposed_due) for f in flags] == [
        ("notice_of_appeal", date(2026, 4, 8))]
    assert deadlines.needs_review(cf, by_key["notice_of_appeal"].id)
    # the move is audited
    with cf.read() as s:
        changes = s.scalars(select(AuditEntry.new).where(
            AuditEntry.entity_id == by_key["new_trial_motion"].id, AuditEntry.field == "due"))
        assert "2026-04-06" in list(changes)
    # accepting the review moves it
    d = deadlines.resolve_flag(cf, by_key["notice_of_appeal"].id, accept=True)
    assert d.due == date(2026, 4, 8)
    assert deadlines.flagged(cf) == []


def test_applying_again_with_another_date_moves(cf: CaseFile) -> None:
    mid = _matter(cf)
    deadlines.apply_rule_set(cf, mid, "judgment_entered", date(2026, 3, 2))
    r = deadlines.apply_rule_set(cf, mid, "judgment_entered", date(2026, 3, 9))
    assert len(r.moved) == 3 and r.created == []


_FIRM_RULES = """
id = "firm-extra"
name = "Our own rules"
jurisdiction = "US"
version = "1"
effective = 2020-01-01

[[triggers]]
name = "client_meeting"
label = "Client meeting held"

[[triggers.deadlines]]
key = "memo"
title = "Send the meeting memo"
days = 7
"""


def test_rule_set_change_is_previewed_before_recalculation(cf: CaseFile) -> None:
    deadlines.save_firm_rule_set(cf, _FIRM_RULES)
    mid = _matter(cf)
    r = deadlines.apply_rule_set(cf, mid, "client_meeting", date(2026, 3, 2))
    assert r.created[0].due == date(2026, 3, 9)
    mid2 = _matter(cf, "Other v. Matter")
    r2 = deadlines.apply_rule_set(cf, mid2, "client_meeting", date(2026, 3, 2))
    calendar.update_deadline(cf, r2.created[0].id, due="2026-03-12")  # hand edit
    assert deadlines.preview_recompute(cf) == []
    # version 2 of the firm's rule set: 10 days instead of 7
    deadlines.save_firm_rule_set(cf, _FIRM_RULES.replace('version = "1"', 'version = "2"')
                                 .replace("days = 7", "days = 10"))
    proposed = deadlines.preview_recompute(cf, "firm-extra")
    assert {(p.old_due, p.new_due, p.hand_edited) for p in proposed} == {
        (date(2026, 3, 9), date(2026, 3, 12), False),
        (date(2026, 3, 12), date(2026, 3, 12), True),
    }
    assert all("version 1 to 2" in p.reason for p in proposed)
    with cf.read() as s:  # nothing was recalculated yet
        assert sorted(d.due for d in s.scalars(select(Deadline))) == [
            date(2026, 3, 9), date(2026, 3, 12)]
    done = deadlines.apply_recompute(cf, [p.deadline.id for p in proposed])
    assert [d.id for d in done.moved] == [r.created[0].id]
    assert [d.id for d in done.flagged] == [r2.created[0].id]
    assert deadlines.preview_recompute(cf) == []
    with cf.read() as s:
        assert {t.rule_set_version for t in s.scalars(select(DeadlineTrigger))} == {"2"}


def test_closure_change_is_previewed(cf: CaseFile) -> None:
    mid = _matter(cf)
    deadlines.apply_rule_set(cf, mid, "complaint_served", date(2026, 12, 5))  # due Mon 12-28
    deadlines.set_closure_days(cf, {date(2026, 12, 28): "Firm retreat"})
    [p] = deadlines.preview_recompute(cf)
    assert (p.old_due, p.new_due) == (date(2026, 12, 28), date(2026, 12, 29))
    assert "closure" in p.reason
    deadlines.apply_recompute(cf, [p.deadline.id])
    with cf.read() as s:
        assert s.scalars(select(Deadline.due)).one() == date(2026, 12, 29)


def test_recompute_of_1000_dependent_deadlines_is_fast(cf: CaseFile) -> None:
    deadlines.save_firm_rule_set(cf, _MANY)
    mid = _matter(cf)
    r = deadlines.apply_rule_set(cf, mid, "kickoff", date(2026, 3, 2))
    assert len(r.created) == 1000
    t0 = time.perf_counter()
    moved = deadlines.move_trigger(cf, r.trigger.id, date(2026, 3, 9))  # type: ignore[union-attr]
    elapsed = time.perf_counter() - t0
    assert len(moved.moved) == 1000
    assert elapsed < 3.0  # a guard against collapse; benchmarks/bench_calendar.py measures it


_MANY = """
id = "many"
name = "Many deadlines"
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
days = {1 + i % 200}
counting = "{'court' if i % 2 else 'calendar'}"
""" for i in range(1000))
