"""Ethical walls (issue 8): a walled matter is invisible everywhere to those outside it, and its
documents' content and text are sealed under a key only its members hold."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from casedesk.core import auditview, interchange, reports, search, walls
from casedesk.core.casefile import CaseFile
from casedesk.core.errors import ImportDataError, NotFound, PermissionDenied, ValidationError
from casedesk.core.models import AuditEntry, Blob, DocumentVersion, MatterKey
from casedesk.core.services import (
    calendar,
    contacts,
    documents,
    icalexport,
    matters,
    queries,
    work,
)
from tests.support import ADMIN_PW

PW = "pw-{}-2024x"
SECRET_TEXT = "Zanzibar settlement memorandum quokka"


@pytest.fixture
def as_user(case_path: Path) -> Iterator[Callable[[str], CaseFile]]:
    opened: list[CaseFile] = []

    def _open(name: str, password: str | None = None) -> CaseFile:
        pw = password or (ADMIN_PW if name == "admin" else PW.format(name))
        c = CaseFile.open(case_path, name, pw)
        opened.append(c)
        return c

    yield _open
    for c in opened:
        c.close()


@pytest.fixture
def firm(cf: CaseFile) -> dict[str, Any]:
    for name in ("alice", "bob", "carol"):
        cf.add_user(name, PW.format(name), "attorney")
    client = contacts.create(cf, name="Acme Client", is_client=True)
    walled = matters.create(cf, title="Hermes takeover", client_id=client.id,
                            responsible="alice")
    open_m = matters.create(cf, title="Ordinary lease", client_id=client.id)
    doc = documents.add_document(cf, walled.id, "memo.txt", SECRET_TEXT.encode(),
                                 title="Strategy memo")
    calendar.create_event(cf, title="Hermes board hearing", start=datetime(2031, 3, 3, 9, 0),
                          matter_id=walled.id, kind="hearing")
    calendar.create_deadline(cf, title="Hermes filing", due=date(2031, 3, 4),
                             matter_id=walled.id, assignee="alice")
    calendar.create_deadline(cf, title="Lease renewal", due=date(2031, 3, 4),
                             matter_id=open_m.id, assignee="alice")
    work.create_task(cf, title="Hermes task", matter_id=walled.id)
    return {"walled": walled.id, "number": walled.number, "open": open_m.id, "doc": doc.id,
            "client": client.id}


def _restrict(as_user: Callable[..., CaseFile], firm: dict[str, Any],
              who: tuple[str, ...] = ("bob",)) -> walls.WallChange:
    alice = as_user("alice")
    return walls.set_wall(alice, firm["walled"], "restrict", list(who))


def test_walled_matter_appears_nowhere_for_an_excluded_user(as_user: Any, firm: dict) -> None:
    change = _restrict(as_user, firm)
    assert change.members == ["alice", "bob"] and change.documents == 1
    carol = as_user("carol")
    numbers = [r.number for r in queries.matters(carol)]
    assert firm["number"] not in numbers and len(numbers) == 1
    with pytest.raises(NotFound):
        matters.get(carol, firm["walled"])
    with pytest.raises(NotFound):
        documents.get_content(carol, firm["doc"])
    # calendar, tasks, search, iCal, reports, exports, the audit trail
    assert all("Hermes" not in e.title for e in queries.events(carol))
    assert [d.title for d in queries.deadlines(carol)] == ["Lease renewal"]
    assert all("Hermes" not in t.title for t in queries.tasks(carol))
    with carol.read() as s:
        assert search.search(s, "Hermes takeover") == []
        assert search.search(s, "Strategy memo") == []
        assert search.search(s, "quokka") == []
    ics = icalexport.export_ics(carol, use_cache=False)
    assert b"Hermes" not in ics and b"Lease renewal" in ics
    rep = reports.weekly(carol, date(2031, 3, 3))
    assert "Hermes" not in repr(rep) and "Lease renewal" in repr(rep)
    exported = interchange.dumps(interchange.export_document(carol))
    assert "Hermes takeover" not in exported and "Ordinary lease" in exported
    lines = auditview.all_lines(carol)
    assert lines and all("Hermes" not in f"{ln.record} {ln.old} {ln.new}" for ln in lines)


def test_members_see_everything_and_search_the_sealed_text(as_user: Any, firm: dict) -> None:
    _restrict(as_user, firm)
    bob = as_user("bob")
    assert firm["number"] in [r.number for r in queries.matters(bob)]
    _ver, data = documents.get_content(bob, firm["doc"])
    assert data == SECRET_TEXT.encode()
    with bob.read() as s:
        hits = search.search(s, "quokka")
        assert [h.ref for h in hits] == [firm["doc"]]
        assert search.search(s, "zanzib")[0].ref == firm["doc"]  # prefix of the last word
        # the firm-wide index itself has no trace of the text
        assert search.search(s.connection(), "quokka") == []
    assert "Hermes" in repr(reports.weekly(bob, date(2031, 3, 3)))
    # reading a walled document is logged
    with bob.read() as s:
        rows = s.scalars(select(AuditEntry).where(AuditEntry.entity_id == firm["doc"],
                                                  AuditEntry.op == "access")).all()
    assert rows and rows[-1].user == "bob"


def test_excluded_user_cannot_decrypt_even_with_the_file_and_password(
        as_user: Any, firm: dict, case_path: Path) -> None:
    _restrict(as_user, firm)
    carol = as_user("carol")
    # Carol bypasses the app: raw SQL over the whole file.
    rows = carol.raw_execute("SELECT sha256, data FROM blobs")
    assert rows and all(SECRET_TEXT.encode() not in bytes(r[1]) for r in rows)
    with carol.read() as s:
        ver_digest = s.execute(text(
            "SELECT v.sha256 FROM document_versions v WHERE v.document_id = :d"),
            {"d": firm["doc"]}).scalar_one()
        blob = s.execute(text("SELECT data FROM blobs WHERE sha256 = :h"),
                         {"h": ver_digest}).scalar_one()
        assert walls.is_sealed(blob)
        with pytest.raises(PermissionDenied):
            walls.matter_key(s, carol, firm["walled"])
        keys = s.execute(text("SELECT user_id FROM matter_keys")).all()
    assert carol.user.id not in {k[0] for k in keys}


def test_identical_content_is_not_shared_across_the_wall(as_user: Any, firm: dict) -> None:
    _restrict(as_user, firm)
    alice = as_user("alice")
    documents.add_document(alice, firm["open"], "memo.txt", SECRET_TEXT.encode())
    documents.add_document(alice, firm["walled"], "copy.txt", SECRET_TEXT.encode())
    with alice.read() as s:
        digests = set(s.scalars(select(DocumentVersion.sha256)))
        plain = s.scalar(select(Blob.sha256).where(Blob.data == SECRET_TEXT.encode()))
    assert len(digests) == 2 and plain is not None  # one plain copy, one sealed (same key)


def test_lifting_the_wall_restores_plain_content_and_search(as_user: Any, firm: dict) -> None:
    _restrict(as_user, firm)
    alice = as_user("alice")
    change = walls.set_wall(alice, firm["walled"], None)
    assert change.documents == 1
    carol = as_user("carol")
    assert documents.get_content(carol, firm["doc"])[1] == SECRET_TEXT.encode()
    with carol.read() as s:
        assert [h.ref for h in search.search(s, "quokka")] == [firm["doc"]]
        assert s.scalar(select(MatterKey.id)) is None


def test_exclude_mode_hides_only_from_the_named(as_user: Any, firm: dict) -> None:
    alice = as_user("alice")
    walls.set_wall(alice, firm["walled"], "exclude", ["carol"])
    assert firm["number"] in [r.number for r in queries.matters(as_user("bob"))]
    assert firm["number"] not in [r.number for r in queries.matters(as_user("carol"))]
    assert documents.get_content(as_user("bob"), firm["doc"])[1] == SECRET_TEXT.encode()
    with pytest.raises(ValidationError):
        walls.set_wall(alice, firm["walled"], "exclude", ["alice"])


def test_leaving_the_wall_rotates_the_matter_key(as_user: Any, firm: dict) -> None:
    _restrict(as_user, firm, ("bob", "carol"))
    alice = as_user("alice")
    with alice.read() as s:
        before = s.scalar(select(DocumentVersion.sha256))
    change = walls.set_wall(alice, firm["walled"], "restrict", ["bob"])
    assert change.rekeyed
    with alice.read() as s:
        after = s.scalar(select(DocumentVersion.sha256))
        gens = set(s.scalars(select(MatterKey.generation)))
        holders = set(s.scalars(select(MatterKey.user_id)))
    assert before != after and gens == {2}
    assert as_user("carol").user.id not in holders
    assert documents.get_content(as_user("bob"), firm["doc"])[1] == SECRET_TEXT.encode()


def test_a_reset_password_gets_the_key_back_from_a_member(as_user: Any, firm: dict,
                                                          cf: CaseFile) -> None:
    _restrict(as_user, firm)
    temporary = cf.reset_password("bob")  # admin is outside the wall: cannot re-share
    bob = as_user("bob", temporary)
    with pytest.raises(PermissionDenied, match="ethical wall"):
        documents.get_content(bob, firm["doc"])
    as_user("alice")  # a member opens the file: the key is sealed to bob's new public key
    bob = as_user("bob", temporary)
    assert documents.get_content(bob, firm["doc"])[1] == SECRET_TEXT.encode()


def test_new_user_in_exclude_mode_gets_access(as_user: Any, firm: dict, cf: CaseFile) -> None:
    walls.set_wall(as_user("alice"), firm["walled"], "exclude", ["carol"])
    cf.add_user("dave", PW.format("dave"), "assistant")
    as_user("alice")
    dave = as_user("dave")
    assert documents.get_content(dave, firm["doc"])[1] == SECRET_TEXT.encode()


def test_only_admins_or_the_responsible_attorney_manage_walls(as_user: Any, firm: dict) -> None:
    with pytest.raises(PermissionDenied, match="administer"):
        walls.set_wall(as_user("bob"), firm["walled"], "restrict", ["bob"])
    nothing = walls.describe(as_user("bob"), firm["walled"])
    assert nothing.mode is None


def test_new_documents_in_a_walled_matter_are_sealed(as_user: Any, firm: dict) -> None:
    _restrict(as_user, firm)
    bob = as_user("bob")
    doc = documents.add_document(bob, firm["walled"], "later.txt", b"pelican brief kumquat")
    documents.add_version(bob, doc.id, "later.txt", b"pelican brief kumquat v2")
    assert documents.get_content(bob, doc.id)[1] == b"pelican brief kumquat v2"
    rows = bob.raw_execute("SELECT data FROM blobs")
    assert all(b"kumquat" not in bytes(r[0]) for r in rows)
    with bob.read() as s:
        assert [h.ref for h in search.search(s, "kumquat")] == [doc.id]
    with as_user("carol").read() as s:
        assert search.search(s, "kumquat") == []


def test_wall_changes_are_audited(as_user: Any, firm: dict, cf: CaseFile) -> None:
    _restrict(as_user, firm)
    with cf.read() as s:
        rows = s.scalars(select(AuditEntry).where(AuditEntry.entity == "matter",
                                                  AuditEntry.field == "wall")).all()
    assert {r.user for r in rows} == {"alice"}
    assert any(r.op == "update" for r in rows)


def test_matter_number_is_not_reused_behind_a_wall(as_user: Any, firm: dict) -> None:
    alice = as_user("alice")
    newest = matters.create(alice, title="Newest", client_id=firm["client"],
                            responsible="alice")
    walls.set_wall(alice, newest.id, "restrict", [])
    carol = as_user("carol")
    new = matters.create(carol, title="Another", client_id=firm["client"])
    assert new.number not in (firm["number"], newest.number)
    with pytest.raises(ValidationError, match="already taken"):
        matters.create(carol, title="Clash", client_id=firm["client"], number=newest.number)


def test_deadline_reminders_respect_walls(as_user: Any, firm: dict) -> None:
    _restrict(as_user, firm)
    from casedesk.core.services import reminders

    carol = as_user("carol")
    today = date(2031, 3, 1)
    due = reminders.needs_attention(carol, today=today, user="alice")
    assert "Hermes" not in repr(due)


def test_conflict_hit_on_a_walled_matter_says_only_whom_to_ask(as_user: Any,
                                                                firm: dict) -> None:
    from casedesk.core import conflicts

    _restrict(as_user, firm)
    carol_hits = conflicts.check_names(as_user("carol"), ["Acme Client"])
    walled = [h for h in carol_hits if h.standing == "walled"]
    assert len(walled) == 1 and walled[0].ask == "alice"
    assert walled[0].matter_id is None and walled[0].matter_title is None
    assert "Hermes" not in repr(carol_hits) and "ethical wall" in walled[0].describe()
    assert any(h.matter_title == "Ordinary lease" for h in carol_hits)
    bob_hits = conflicts.check_names(as_user("bob"), ["Acme Client"])
    assert any(h.matter_title == "Hermes takeover" for h in bob_hits)
    assert not any(h.standing == "walled" for h in bob_hits)


def test_a_calendar_feed_applies_the_walls_of_its_owner(as_user: Any, firm: dict,
                                                        cf: CaseFile) -> None:
    calendar.create_event(cf, title="Hermes strategy call", start=datetime(2031, 3, 6, 9, 0),
                          matter_id=firm["walled"], attendees=["carol"])
    calendar.create_event(cf, title="Carol's own meeting", start=datetime(2031, 3, 5, 9, 0),
                          attendees=["carol"])
    _restrict(as_user, firm)  # carol was invited before the wall went up
    alice = as_user("alice")  # a member runs the app that serves everyone's feeds
    feed = icalexport.user_calendar(alice, "carol")
    assert b"Carol" in feed and b"Hermes" not in feed


def test_importing_over_a_walled_matter_is_refused_cleanly(as_user: Any, firm: dict,
                                                           cf: CaseFile) -> None:
    before = interchange.export_document(cf)  # made by the admin before the wall
    _restrict(as_user, firm)
    carol = as_user("carol")
    with pytest.raises(ImportDataError, match="ethical wall") as caught:
        interchange.import_document(carol, before)
    assert "Hermes" not in str(caught.value)
    assert matters.get(as_user("bob"), firm["walled"]).title == "Hermes takeover"


def test_erasure_reaches_records_behind_a_wall(as_user: Any, cf: CaseFile) -> None:
    from casedesk.core import erasure

    for name in ("alice", "bob"):
        cf.add_user(name, PW.format(name), "attorney")
    old = contacts.create(cf, name="Former Client Zephyrine", is_client=True)
    m = matters.create(cf, title="Zephyrine estate", client_id=old.id, responsible="alice")
    matters.set_status(cf, m.id, "closed", on=date(2010, 1, 1))
    walls.set_wall(as_user("alice"), m.id, "restrict", ["bob"])
    plan = erasure.preview(cf, old.id)  # the admin is outside the wall
    assert plan.allowed and any("Zephyrine estate" in line for line in plan.lines())
    erasure.erase(cf, old.id, "retention period over")
    assert matters.get(as_user("bob"), m.id).title.startswith("[erased")
