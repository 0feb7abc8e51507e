"""Conflict-of-interest checks (issue 6)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from casedesk.core import conflicts, crypto, intake
from casedesk.core.casefile import CaseFile
from casedesk.core.errors import ValidationError
from casedesk.core.keyslots import keys_path
from casedesk.core.models import Matter, MatterParty
from casedesk.core.services import contacts, matters


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from casedesk.core.demo import build_demo

    old = crypto.DEFAULT_KDF
    crypto.DEFAULT_KDF = crypto.TEST_KDF
    try:
        path = tmp_path_factory.mktemp("demo") / "demo.casedesk"
        build_demo(path)
    finally:
        crypto.DEFAULT_KDF = old
    return path


@pytest.fixture
def demo(demo_template: Path, tmp_path: Path) -> Iterator[CaseFile]:
    path = tmp_path / "demo.casedesk"
    shutil.copy(demo_template, path)
    shutil.copy(keys_path(demo_template), keys_path(path))
    with CaseFile.open(path, "maria", "demo") as cf:
        yield cf


def test_transliterated_greek_name_is_found_as_an_adverse_party(demo: CaseFile) -> None:
    hits = conflicts.check_names(demo, ["Nikolaos Papadopoulos"])
    mine = [h for h in hits if h.name == "Νικόλαος Παπαδόπουλος"]
    assert mine, hits
    with demo.read() as s:
        expected = set(s.execute(
            select(Matter.number, Matter.title, MatterParty.role)
            .join(MatterParty, MatterParty.matter_id == Matter.id)
            .where(MatterParty.contact_id == mine[0].contact_id)).all())
    assert {(h.matter_number, h.matter_title, h.role) for h in mine} == expected
    assert all(h.standing == "adverse_party" and h.role == "opposing_party" for h in mine)
    assert mine[0].exact and mine[0].score == 100


def test_company_under_another_legal_suffix_is_found(demo: CaseFile) -> None:
    hits = conflicts.check_names(demo, [("Poseidon Maritime Inc", "organisation")])
    assert {h.name for h in hits} == {"Poseidon Maritime Ltd"}
    assert all(h.matter_number and h.role == "opposing_party" for h in hits)


def test_current_and_former_clients_are_told_apart(cf: CaseFile) -> None:
    current = contacts.create(cf, name="Helen Economou", is_client=True)
    former = contacts.create(cf, name="Stavros Lambrakis", is_client=True)
    m1 = matters.create(cf, title="Lease dispute", client_id=current.id, practice_area="other")
    m2 = matters.create(cf, title="Old claim", client_id=former.id, practice_area="other")
    matters.set_status(cf, m2.id, "closed")
    m3 = matters.create(cf, title="Another", client_id=former.id, practice_area="other",
                        status="intake")
    matters.set_status(cf, m3.id, "closed")
    matters.set_status(cf, m3.id, "archived")
    del m1

    hits = conflicts.check_names(cf, ["Eleni Oikonomou", "Stavros Lamprakis"], threshold=75)
    by_name = {h.name: h for h in hits}
    assert by_name["Helen Economou"].standing == "current_client"
    assert by_name["Stavros Lambrakis"].standing == "former_client"
    assert {h.matter_status for h in hits if h.name == "Stavros Lambrakis"} == {"closed",
                                                                                "archived"}
    # Re-opening the closed matter makes the former client current again (index refreshed).
    matters.set_status(cf, m2.id, "open")
    hits = conflicts.check_names(cf, ["Stavros Lamprakis"])
    assert {h.standing for h in hits} == {"current_client"}


def test_index_follows_new_contacts(cf: CaseFile) -> None:
    assert conflicts.check_names(cf, ["Aegean Shipping"]) == []
    contacts.create(cf, name="Aegean Shipping S.A.", kind="organisation")
    hits = conflicts.check_names(cf, [("Aegean Shipping Ltd", "organisation")])
    assert [h.name for h in hits] == ["Aegean Shipping S.A."]
    assert hits[0].standing == "other" and hits[0].matter_number is None


def _intake(cf: CaseFile, client: str, opposing: list[str]) -> str:
    draft = intake.start_draft(cf, "litigation")
    intake.save_answers(cf, draft.id, {
        "client.kind": "person", "client.name": client,
        "parties.opposing": [{"name": n, "kind": "organisation"} for n in opposing],
    }, "parties")
    return draft.id


def test_decisions_are_recorded_and_audited(cf: CaseFile) -> None:
    client = contacts.create(cf, name="Poseidon Maritime Ltd", kind="organisation",
                             is_client=True)
    matters.create(cf, title="Charter dispute", client_id=client.id, practice_area="other")
    draft_id = _intake(cf, "Kostas Nikolaou", ["Poseidon Maritime Inc"])
    check = intake.run_conflict_check(cf, draft_id)
    assert [h["name"] for h in check.hits] == ["Poseidon Maritime Ltd"]
    assert check.hits[0]["standing"] == "current_client"
    assert check.hits[0]["query_role"] == "opposing_party"

    with pytest.raises(ValidationError, match="consented"):
        conflicts.decide(cf, check.id, "waived", "Unrelated matters.")
    with pytest.raises(ValidationError, match="decision"):
        conflicts.decide(cf, check.id, "maybe", "…")
    conflicts.decide(cf, check.id, "waived", "Unrelated subject matter.",
                     consented_by="Poseidon Maritime Ltd (letter of 3 May); Kostas Nikolaou")
    stored = conflicts.get_check(cf, check.id)
    assert stored.decision == "waived" and stored.decided_by == "admin"
    assert stored.consented_by.startswith("Poseidon")
    with pytest.raises(ValidationError, match="already waived"):
        conflicts.decide(cf, check.id, "cleared", "again")
    assert [c.id for c in conflicts.checks_for(cf, intake_id=draft_id)] == [check.id]
    with cf.read() as s:
        from tests.support import opened_audit

        rows = opened_audit(s.connection(), "entity = 'conflict_check' AND entity_id = :i",
                            {"i": check.id})
    fields = {(r.op, r.field) for r in rows}
    assert {("update", "decision"), ("update", "consented_by"), ("update", "reason")} <= fields
    assert any(r.op == "insert" and "Poseidon Maritime Ltd" in (r.new or "") for r in rows)


def test_declining_on_the_check_declines_the_intake_and_its_names_are_found_later(
    cf: CaseFile,
) -> None:
    draft_id = _intake(cf, "Ιωάννης Κυριακίδης", ["Summit Realty Corp."])
    check = intake.run_conflict_check(cf, draft_id)
    assert check.hits == []
    conflicts.decide(cf, check.id, "declined", "We act for the landlord's lender.")
    assert intake.get_draft(cf, draft_id).status == "declined"
    hits = conflicts.check_names(cf, ["Ioannis Kiriakidis", ("Summit Realty Inc", None)])
    assert {(h.name, h.standing, h.role, h.intake_id) for h in hits} == {
        ("Ιωάννης Κυριακίδης", "declined_intake", "client", draft_id),
        ("Summit Realty Corp.", "declined_intake", "opposing_party", draft_id),
    }


def test_adding_an_adverse_party_who_is_our_client_warns(cf: CaseFile) -> None:
    ours = contacts.create(cf, name="Northwind Traders Inc.", kind="organisation",
                           is_client=True)
    theirs = contacts.create(cf, name="Brightwater Capital LLP", kind="organisation")
    m1 = matters.create(cf, title="Supply contract", client_id=ours.id, practice_area="other")
    other_client = contacts.create(cf, name="Delphi Software Ltd", kind="organisation",
                                   is_client=True)
    m2 = matters.create(cf, title="Licence claim", client_id=other_client.id,
                        practice_area="other")
    dup = contacts.create(cf, name="Northwind Traders Ltd", kind="organisation")

    # A witness with no history: no warning.
    party = conflicts.add_party_checked(cf, m2.id, theirs.id, "witness")
    assert party.role == "witness"
    # Our client of m1, under another suffix, as the opposing party in m2: warned.
    assert [h.matter_number for h in conflicts.check_party_change(
        cf, m2.id, dup.id, "opposing_party")] == [m1.number]
    with pytest.raises(conflicts.ConflictWarning) as err:
        conflicts.add_party_checked(cf, m2.id, dup.id, "opposing_party")
    assert "Northwind Traders Inc." in str(err.value)
    assert err.value.hits[0].standing == "current_client"
    with cf.read() as s:
        assert s.scalar(select(MatterParty.id).where(MatterParty.contact_id == dup.id)) is None
    conflicts.add_party_checked(cf, m2.id, dup.id, "opposing_party", acknowledge=True,
                                reason="Different company, checked the register.")
    [kept] = conflicts.checks_for(cf, matter_id=m2.id)
    assert kept.subject == "party" and kept.decision == "waived"
    assert kept.hits[0]["matter_number"] == m1.number

    # The matter's own parties are not hits for a change on that same matter.
    assert all(h.matter_id != m1.id for h in conflicts.check_party_change(
        cf, m1.id, ours.id, "client"))
    # Turning the witness into the opposing party of our own client's matter: no client hit.
    p = conflicts.add_party_checked(cf, m1.id, theirs.id, "witness")
    conflicts.change_party_role_checked(cf, p.id, "opposing_party")
    # Our client as a witness elsewhere is worth a warning too; as the opposing party, more so.
    with pytest.raises(conflicts.ConflictWarning):
        conflicts.add_party_checked(cf, m2.id, ours.id, "witness")
    witness = conflicts.add_party_checked(cf, m2.id, ours.id, "witness", acknowledge=True)
    with pytest.raises(conflicts.ConflictWarning):
        conflicts.change_party_role_checked(cf, witness.id, "opposing_party")


def test_the_name_index_follows_changes_and_only_rebuilds_when_it_must(cf: CaseFile) -> None:
    from casedesk.core import conflicts
    from casedesk.core.services import calendar, contacts

    assert conflicts.check_names(cf, ["Zebediah Quill"]) == []
    built = conflicts._index(cf)
    size = len(built.names)
    calendar.create_deadline(cf, title="Unrelated", due="2026-12-01")  # not a name: no rebuild
    assert conflicts._index(cf) is built
    contacts.create(cf, name="Zebediah Quill", is_client=True)  # a new name: seen at once
    hits = conflicts.check_names(cf, ["Zebediah Quill"])
    assert {h.name for h in hits} == {"Zebediah Quill"}
    # ... by reading that one contact into the same index, not by building another.
    assert conflicts._index(cf) is built and len(built.names) == size + 1
