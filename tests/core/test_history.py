"""A matter's history reads as a person would: names, not ids; local times; deleted records."""

from __future__ import annotations

from casedesk.core.casefile import CaseFile
from casedesk.core.services import calendar, contacts, matters, queries


def test_matter_history_in_words(cf: CaseFile) -> None:
    cf.add_user("alice", "alice-pass", "attorney")
    client = contacts.create(cf, name="Maria Papadopoulou", is_client=True)
    acme = contacts.create(cf, name="Acme Corp", kind="organisation")
    m = matters.create(cf, client_id=client.id, title="Lease dispute", practice_area="litigation",
                       responsible="alice")
    party = matters.add_party(cf, m.id, acme.id, "opposing_party")
    calendar.create_event(cf, title="Hearing", start="2026-07-01T10:00", matter_id=m.id)
    matters.update(cf, m.id, title="Lease dispute (appeal)")
    matters.remove_party(cf, party.id)

    rows = queries.matter_history(cf, m.id)
    lines = {(r.entity, r.op, r.field): r for r in rows}
    assert lines[("matter", "insert", "client_id")].new == "Maria Papadopoulou"
    assert lines[("matter", "insert", "responsible_id")].new == "alice"
    assert lines[("matter", "update", "title")].old == "Lease dispute"
    assert lines[("matter", "update", "title")].new == "Lease dispute (appeal)"
    # the removed party is still in the history, named
    assert lines[("party", "delete", "contact_id")].old == "Acme Corp"
    assert lines[("party", "insert", "role")].record == "Acme Corp"
    # times in the firm's zone (Europe/Athens, summer: UTC+3)
    assert lines[("event", "insert", "starts_at")].new == "2026-07-01 10:00"
    assert rows[0].ts >= rows[-1].ts  # newest first
    assert all(r.field != "matter_id" for r in rows)
