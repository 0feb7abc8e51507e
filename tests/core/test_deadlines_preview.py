"""Previewing a trigger move (deadlines.preview_move) and recalculating in bulk."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from casedesk.core.calmodels import DeadlineFlag, DeadlineTrigger
from casedesk.core.casefile import CaseFile
from casedesk.core.errors import NotFound, PermissionDenied, ValidationError
from casedesk.core.models import AuditEntry, Deadline
from casedesk.core.services import calendar, contacts, deadlines, matters


def _matter(cf: CaseFile, title: str = "Acme v. Widget") -> str:
    client = contacts.create(cf, name=f"Client of {title}", is_client=True)
    return matters.create(cf, title=title, client_id=client.id).id


def _state(cf: CaseFile) -> tuple[list[tuple[str, date, date | None, date | None]], int, int]:
    """The deadlines, the number of review flags and of audit rows."""
    with cf.read() as s:
        rows = sorted((d.id, d.due, d.computed_due, d.trigger_date)
                      for d in s.scalars(select(Deadline)))
        flags = s.scalar(select(func.count()).select_from(DeadlineFlag)) or 0
        audit_rows = s.scalar(select(func.count()).select_from(AuditEntry)) or 0
    return rows, flags, audit_rows


def _judgment(cf: CaseFile) -> tuple[str, dict[str, Deadline]]:
    """judgment_entered on Mon 2026-03-02: new trial and alter/amend motions, notice of appeal
    (Wed 2026-04-01); the appeal deadline is then moved by hand."""
    mid = _matter(cf)
    r = deadlines.apply_rule_set(cf, mid, "judgment_entered", date(2026, 3, 2))
    assert r.trigger is not None
    by_key = {d.rule_key or "": d for d in r.created}
    calendar.update_deadline(cf, by_key["notice_of_appeal"].id, due="2026-03-31")
    return r.trigger.id, by_key


def test_preview_move_shows_what_move_trigger_does_and_writes_nothing(cf: CaseFile) -> None:
    tid, _ = _judgment(cf)
    before = _state(cf)
    preview = deadlines.preview_move(cf, tid, date(2026, 3, 9))
    assert _state(cf) == before  # nothing written, not even an audit row
    what = {p.deadline.rule_key: (p.what, p.current, p.proposed) for p in preview}
    assert what == {
        "new_trial_motion": ("moves", date(2026, 3, 30), date(2026, 4, 6)),
        "alter_amend_motion": ("moves", date(2026, 3, 30), date(2026, 4, 6)),
        "notice_of_appeal": ("flagged", date(2026, 3, 31), date(2026, 4, 8)),
    }
    assert [p.current for p in preview] == sorted(p.current for p in preview)  # by due date
    flagged = next(p for p in preview if p.what == "flagged")
    assert flagged.reason is not None and "edited by hand" in flagged.reason

    moved = deadlines.move_trigger(cf, tid, date(2026, 3, 9))
    assert {d.id for d in moved.moved} == {p.deadline.id for p in preview if p.what == "moves"}
    assert {d.id for d in moved.flagged} == {p.deadline.id for p in preview
                                             if p.what == "flagged"}
    with cf.read() as s:
        due = {d.id: d.due for d in s.scalars(select(Deadline))}
        [flag] = s.scalars(select(DeadlineFlag)).all()
    for p in preview:
        assert due[p.deadline.id] == (p.proposed if p.what == "moves" else p.current)
    assert (flag.deadline_id, flag.proposed_due, flag.reason) == (
        flagged.deadline.id, flagged.proposed, flagged.reason)
    # previewing the date it now has: nothing would change
    again = deadlines.preview_move(cf, tid, date(2026, 3, 9))
    assert {p.what for p in again} == {"unchanged"}


def test_preview_move_with_mail_service_and_closed_deadlines(cf: CaseFile) -> None:
    mid = _matter(cf)
    r = deadlines.apply_rule_set(cf, mid, "judgment_entered", date(2026, 3, 2))
    assert r.trigger is not None
    done = r.created[0]
    calendar.set_deadline_done(cf, done.id)
    preview = deadlines.preview_move(cf, r.trigger.id, date(2026, 3, 16), service="mail")
    closed = [p for p in preview if p.what == "closed"]
    assert [p.deadline.id for p in closed] == [done.id]
    moved = deadlines.move_trigger(cf, r.trigger.id, date(2026, 3, 16), service="mail")
    assert {d.id for d in moved.moved} == {p.deadline.id for p in preview if p.what == "moves"}
    with cf.read() as s:
        due = {d.id: d.due for d in s.scalars(select(Deadline))}
        trig = s.get(DeadlineTrigger, r.trigger.id)
        assert trig is not None and trig.service == "mail"
    assert due[done.id] == done.due  # done deadlines are history
    for p in preview:
        if p.what == "moves":
            assert due[p.deadline.id] == p.proposed
    with pytest.raises(ValidationError):
        deadlines.preview_move(cf, r.trigger.id, date(2026, 3, 16), service="pigeon")
    with pytest.raises(NotFound):
        deadlines.preview_move(cf, "no-such-trigger", date(2026, 3, 16))


_FIRM_RULES = """
id = "firm-extra"
name = "Our own rules"
jurisdiction = "US"
version = "{version}"
effective = 2020-01-01

[[triggers]]
name = "client_meeting"
label = "Client meeting held"

[[triggers.deadlines]]
key = "memo"
title = "Send the meeting memo"
days = 7
{extra}"""

_SECOND = """
[[triggers.deadlines]]
key = "invoice"
title = "Send the invoice"
days = 14
"""


def test_preview_move_flags_a_deadline_whose_rule_is_gone(cf: CaseFile) -> None:
    deadlines.save_firm_rule_set(cf, _FIRM_RULES.format(version="1", extra=_SECOND))
    mid = _matter(cf)
    r = deadlines.apply_rule_set(cf, mid, "client_meeting", date(2026, 3, 2))
    assert r.trigger is not None and len(r.created) == 2
    deadlines.save_firm_rule_set(cf, _FIRM_RULES.format(version="2", extra=""))
    preview = {p.deadline.rule_key: p for p in
               deadlines.preview_move(cf, r.trigger.id, date(2026, 3, 4))}
    assert preview["invoice"].what == "flagged" and preview["invoice"].proposed is None
    assert "no longer in the rule set" in (preview["invoice"].reason or "")
    assert (preview["memo"].what, preview["memo"].proposed) == ("moves", date(2026, 3, 11))
    moved = deadlines.move_trigger(cf, r.trigger.id, date(2026, 3, 4))
    assert [d.rule_key for d in moved.flagged] == ["invoice"]
    [f] = deadlines.flagged(cf)
    assert (f.proposed_due, f.reason) == (None, preview["invoice"].reason)


def test_a_read_only_user_may_preview_but_not_move(cf: CaseFile, case_path: Path) -> None:
    tid, _ = _judgment(cf)
    cf.add_user("reader", "reader-pass", "read_only")
    reader = CaseFile.open(case_path, "reader", "reader-pass")
    try:
        assert len(deadlines.preview_move(reader, tid, date(2026, 3, 9))) == 3
        with pytest.raises(PermissionDenied):
            deadlines.move_trigger(reader, tid, date(2026, 3, 9))
    finally:
        reader.close()


_MANY = """
id = "many"
name = "Many deadlines"
jurisdiction = "US"
version = "{version}"
effective = 2020-01-01

[[triggers]]
name = "kickoff"
label = "Kick-off"
""" + "".join(f"""
[[triggers.deadlines]]
key = "d{i}"
title = "Deadline {i}"
days = {{days{i % 3}}}
counting = "{'court' if i % 2 else 'calendar'}"
""" for i in range(1200))


def test_recalculating_more_deadlines_than_one_query_takes_is_audited(cf: CaseFile) -> None:
    deadlines.save_firm_rule_set(cf, _MANY.format(version="1", days0=5, days1=10, days2=20))
    mids = [_matter(cf, f"Matter {i}") for i in range(2)]
    rs = [deadlines.apply_rule_set(cf, mid, "kickoff", date(2026, 3, 2)) for mid in mids]
    deadlines.save_firm_rule_set(cf, _MANY.format(version="2", days0=6, days1=10, days2=21))
    proposed = deadlines.preview_recompute(cf, "many")
    n = len(proposed)
    assert 500 < n < 2400  # more than one IN (...) list; the 10-day ones do not change
    hand = proposed[0].deadline
    calendar.update_deadline(cf, hand.id, due="2026-12-01")
    done = deadlines.apply_recompute(cf, [p.deadline.id for p in proposed])
    assert len(done.moved) == n - 1 and [d.id for d in done.flagged] == [hand.id]
    assert deadlines.preview_recompute(cf, "many") == []
    with cf.read() as s:
        trigs = list(s.scalars(select(DeadlineTrigger)))
        assert {t.rule_set_version for t in trigs} == {"2"}
        # every change is in the audit trail: the deadlines' fields and the triggers' versions
        assert s.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.entity == "deadline", AuditEntry.field == "due",
            AuditEntry.op == "update")) == n - 1 + 1  # + the hand edit
        assert s.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.entity == "deadline_trigger", AuditEntry.field == "rule_set_version",
            AuditEntry.new == "2")) == len(trigs) == len(rs)
