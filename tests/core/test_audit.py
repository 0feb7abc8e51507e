"""Every change through the core is audited: who, when, device, record, field, old → new."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from casedesk.core import audit, search
from casedesk.core.casefile import CaseFile
from casedesk.core.check import check
from casedesk.core.models import AuditEntry, Contact
from casedesk.core.services import contacts, matters


def rows_for(cf: CaseFile, entity_id: str) -> list[AuditEntry]:
    """The record's audit rows, personal values decrypted (see casedesk.core.personal)."""
    from tests.support import opened_audit

    with cf.read() as s:
        return opened_audit(s.connection(), "entity_id = :i", {"i": entity_id})  # type: ignore[return-value]


def test_insert_update_delete_are_recorded(cf: CaseFile) -> None:
    c = contacts.create(cf, name="Eleni Kosta", is_client=True, emails=["e@example.gr"])
    contacts.update(cf, c.id, name="Eleni Kostas", phones=["+30 1"], emails=["e@example.gr"])
    contacts.delete(cf, c.id)
    rows = rows_for(cf, c.id)
    assert [(r.op, r.field) for r in rows] == [
        ("insert", "*"), ("update", "name"), ("update", "phones"), ("delete", "*")]
    created = json.loads(rows[0].new)
    assert created == {"emails": '["e@example.gr"]', "is_client": "true",
                       "kind": "person", "name": "Eleni Kosta"}
    assert (rows[1].old, rows[1].new) == ("Eleni Kosta", "Eleni Kostas")
    assert (rows[2].old, rows[2].new) == ("[]", '["+30 1"]')
    assert json.loads(rows[3].old)["name"] == "Eleni Kostas" and rows[3].new is None
    assert {r.user for r in rows} == {"admin"}
    assert {r.device_id for r in rows} == {cf.device_id}
    assert all(r.ts.endswith("+00:00") for r in rows)


def test_setting_the_same_value_writes_no_audit_row(cf: CaseFile) -> None:
    c = contacts.create(cf, name="Same", is_client=True)
    contacts.update(cf, c.id, name="Same")
    assert len(rows_for(cf, c.id)) == 1
    with cf.read() as s:
        assert s.get(Contact, c.id).rev == 1


def test_revision_and_device_stamped_on_change(cf: CaseFile) -> None:
    c = contacts.create(cf, name="Rev", is_client=True)
    m = matters.create(cf, client_id=c.id, title="Matter", practice_area="family")
    assert m.number.endswith("-0001") and m.rev == 1
    matters.set_status(cf, m.id, "pending")
    with cf.read() as s:
        from casedesk.core.models import Matter

        again = s.get(Matter, m.id)
        assert again.rev == 2 and again.pending_on is not None
        assert again.device_id == cf.device_id and again.updated_at > again.created_at


def test_a_write_outside_the_core_is_refused(cf: CaseFile) -> None:
    with cf.read() as s:
        s.add(Contact(name="Sneaky"))
        with pytest.raises(RuntimeError, match="unaudited"):
            s.flush()


def test_bulk_insert_is_audited_chained_and_indexed(cf: CaseFile) -> None:
    with cf.write() as s:
        ids = audit.bulk_insert(s, Contact, [
            {"name": f"Bulk Person {i}", "is_client": True, "emails": [f"b{i}@example.com"]}
            for i in range(50)])
    assert len(set(ids)) == 50
    rows = rows_for(cf, ids[7])
    assert [(r.op, r.field) for r in rows] == [("insert", "*")]
    assert json.loads(rows[0].new)["name"] == "Bulk Person 7"
    with cf.read() as s:
        hits = search.search(s, "bulk person 7")
        assert ids[7] in {h.ref for h in hits}
        c = s.get(Contact, ids[7])
        assert c.kind == "person" and c.phones == [] and c.rev == 1
    assert check(cf).sound


def test_an_access_note_alone_is_recorded(cf: CaseFile) -> None:
    """record_event rows are written even when nothing else changes in the session."""
    c = contacts.create(cf, name="Viewed", is_client=True)
    with cf.write() as s:
        audit.record_event(s, "contact", c.id, "access", "opened the file")
    assert [(r.op, r.new) for r in rows_for(cf, c.id)][-1] == ("access", "opened the file")
    cf.set_password("admin", "another-pass")
    with cf.read() as s:
        user = s.scalar(select(AuditEntry).where(AuditEntry.op == "password"))
        assert user is not None and user.new == "password changed"
    assert check(cf).sound


def test_search_ranks_and_stays_fast_for_common_words(cf: CaseFile) -> None:
    with cf.write() as s:
        audit.bulk_insert(s, Contact, [
            {"name": f"Common Name {i}", "is_client": True} for i in range(3000)])
    contacts.create(cf, name="Common Rare Person", is_client=True)
    with cf.read() as s:
        hits = search.search(s, "common rare")
        assert [h.title for h in hits] == ["Common Rare Person"]
        assert len(search.search(s, "common", limit=20)) == 20
        assert search.search(s, "c") == []  # a single letter is a whole word, not a prefix


def test_audit_clock_never_runs_backwards(cf: CaseFile, monkeypatch: pytest.MonkeyPatch) -> None:
    """A hybrid logical clock: after a timestamp seen from another device (a day ahead), new
    local rows still sort after it, whatever the wall clock says."""
    c = contacts.create(cf, name="Clock", is_client=True)
    ahead = "2099-01-01T00:00:00.000000+00:00"
    with cf.write() as s:
        audit.observe_remote_timestamp(s.connection(), ahead)
    contacts.update(cf, c.id, name="Clock 2")
    contacts.update(cf, c.id, name="Clock 3")
    ts = [r.ts for r in rows_for(cf, c.id)]
    assert ts[0] < ahead < ts[1] < ts[2]
    assert check(cf).sound


def test_fold_matches_the_unicode_definition() -> None:
    import unicodedata

    for text in ["Παπαδόπουλος", "ΜΑΡΊΑ Γεωργίου", "Chloé Øster Ñandú", "ΟΔΟΣ Ερμού", "ἀρχή",
                 "Zoë", "İstanbul", "Ǆemal"]:
        slow = "".join(c for c in unicodedata.normalize("NFKD", text)
                       if not unicodedata.combining(c)).casefold().replace("ς", "σ")
        assert search.fold(text) == slow.lower(), text


def test_next_statuses_follow_the_life_cycle() -> None:
    assert matters.next_statuses("open") == ("pending", "closed")
    assert matters.next_statuses("closed") == ("open", "archived")
    assert matters.next_statuses("intake") == ("open", "closed")


def test_search_by_kind_keeps_only_that_kind_ranked(cf: CaseFile) -> None:
    with cf.write() as s:
        audit.bulk_insert(s, Contact, [
            {"name": f"Maria Demo {i}", "is_client": i % 2 == 0} for i in range(400)])
        audit.bulk_insert(s, Contact, [{"name": "Maria", "is_client": True}])
    with cf.read() as s:
        hits = search.search(s, "ma", kinds=("client",), limit=20)
        assert len(hits) == 20 and {h.kind for h in hits} == {"client"}
        assert hits[0].title == "Maria"  # the best match first (BM25), not the newest
        assert {h.kind for h in search.search(s, "maria demo", kinds=("contact",))} == {
            "contact"}


def test_bulk_and_orm_index_entries_are_the_same(cf: CaseFile) -> None:
    values = {"name": "Zoë Doe", "is_client": True, "emails": ["z@example.org", "y@example.org"],
              "phones": ["+30 1"], "addresses": ["Ερμού 1"], "notes": "Prefers mornings"}
    c = contacts.create(cf, **values)
    assert search.doc_for_values(Contact, {**values, "id": c.id}) == search.doc_for(c)
