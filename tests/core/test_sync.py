"""Sync through a shared folder: convergence, conflicts, faults."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from casedesk.core import audit, interchange
from casedesk.core.casefile import CaseFile
from casedesk.core.errors import AuthenticationError
from casedesk.core.services import calendar, contacts, documents, matters
from casedesk.core.sync import api
from casedesk.core.sync import share as share_mod
from casedesk.core.sync.apply import value_from_audit
from casedesk.core.sync.join import join
from casedesk.core.sync.share import SyncError
from tests.support import ADMIN_PW

SYNCED_SKIP = ("created_at", "updated_at", "device_id", "rev")


def dump(cf: CaseFile) -> dict[str, list[tuple]]:
    """Every synced table's content (the replica-describing columns left out)."""
    from casedesk.core.sync.apply import models

    out = {}
    with cf.engine.connect() as conn:
        for model in models().values():
            t = model.__table__
            cols = [c.name for c in t.columns if c.name not in SYNCED_SKIP]
            rows = conn.execute(text(f'SELECT {", ".join(cols)} FROM "{t.name}" ORDER BY id'))
            out[t.name] = [tuple(r) for r in rows]
    return out


def same(*cfs: CaseFile) -> None:
    first = cfs[0]
    for other in cfs[1:]:
        assert interchange.export_document(other) == interchange.export_document(first)
        assert dump(other) == dump(first)
    for cf in cfs:
        with cf.read() as s:
            assert audit.verify_chains(s)[1] == []


@pytest.fixture
def share(tmp_path: Path) -> Path:
    d = tmp_path / "share"
    d.mkdir()
    return d


@pytest.fixture
def pair(cf: CaseFile, share: Path, tmp_path: Path) -> Iterator[tuple[CaseFile, CaseFile]]:
    api.sync_now(cf, share)
    other = join(share, tmp_path / "laptop.casedesk", "admin", ADMIN_PW)
    try:
        yield cf, other
    finally:
        other.close()


def sync_all(share: Path, *cfs: CaseFile, rounds: int = 2) -> None:
    for _ in range(rounds):
        for cf in cfs:
            api.sync_now(cf, share)


def test_join_gives_an_identical_replica_opened_by_the_users_password(
        pair: tuple[CaseFile, CaseFile], tmp_path: Path, share: Path) -> None:
    a, b = pair
    assert b.device_id != a.device_id and b.firm_id == a.firm_id
    same(a, b)
    with pytest.raises(AuthenticationError):
        join(share, tmp_path / "x.casedesk", "admin", "wrong-password")
    assert not (tmp_path / "x.casedesk").exists()


def test_offline_edits_on_two_devices_converge(pair: tuple[CaseFile, CaseFile],
                                               share: Path) -> None:
    a, b = pair
    client = contacts.create(a, name="Μαρία Παπαδοπούλου", is_client=True,
                             emails=["m@example.com"])
    sync_all(share, a, b)
    m1 = matters.create(a, title="Lease", client_id=client.id, court="Athens")
    contacts.update(b, client.id, phones=["+30 210 0000000"])
    calendar.create_event(b, title="Hearing", start="2026-12-03T10:00", matter_id=None)
    matters.update(a, m1.id, judge="Judge Dredd")
    sync_all(share, a, b)
    same(a, b)
    assert contacts.get(b, client.id).phones == ["+30 210 0000000"]
    assert matters.get(b, m1.id).judge == "Judge Dredd"
    assert api.pending_changes(a) == 0 and api.pending_changes(b) == 0
    assert api.last_sync(a) is not None


def test_a_conflicting_edit_keeps_both_values_until_resolved(
        pair: tuple[CaseFile, CaseFile], share: Path) -> None:
    a, b = pair
    c = contacts.create(a, name="Base", is_client=True)
    sync_all(share, a, b)
    contacts.update(a, c.id, name="From A")
    contacts.update(b, c.id, name="From B")
    sync_all(share, a, b)
    same(a, b)
    ca, cb = api.open_conflicts(a), api.open_conflicts(b)
    assert [x.id for x in ca] == [x.id for x in cb] and len(ca) == 1
    values = {ca[0].winner_value, ca[0].loser_value}
    assert values == {"From A", "From B"}
    assert contacts.get(a, c.id).name == ca[0].winner_value
    api.resolve_conflict(a, ca[0].id[:8], "other")
    assert contacts.get(a, c.id).name == ca[0].loser_value
    sync_all(share, a, b)
    assert api.open_conflicts(a) == [] and api.open_conflicts(b) == []
    same(a, b)


def test_an_edit_racing_a_delete_is_a_conflict_and_the_record_stays_deleted(
        pair: tuple[CaseFile, CaseFile], share: Path) -> None:
    a, b = pair
    c = contacts.create(a, name="Doomed")
    sync_all(share, a, b)
    contacts.delete(a, c.id)
    contacts.update(b, c.id, notes="late note")
    sync_all(share, a, b)
    same(a, b)
    conflicts = api.open_conflicts(b)
    assert [(x.kind, x.loser_value) for x in conflicts] == [("delete", "late note")]


def test_matter_numbers_given_twice_offline_are_renumbered(
        pair: tuple[CaseFile, CaseFile], share: Path) -> None:
    a, b = pair
    c = contacts.create(a, name="Client", is_client=True)
    sync_all(share, a, b)
    ma = matters.create(a, title="On A", client_id=c.id, number="2026-0007")
    mb = matters.create(b, title="On B", client_id=c.id, number="2026-0007")
    api.sync_now(a, share)
    report = api.sync_now(b, share)
    sync_all(share, a, b)
    same(a, b)
    numbers = {matters.get(a, ma.id).number, matters.get(a, mb.id).number}
    assert numbers == {"2026-0007", "2026-0007-2"}
    assert report.renumbered == [("2026-0007", "2026-0007-2")]


def test_documents_travel_as_encrypted_content_addressed_blobs(
        pair: tuple[CaseFile, CaseFile], share: Path, tmp_path: Path) -> None:
    a, b = pair
    c = contacts.create(a, name="Client", is_client=True)
    m = matters.create(a, title="Docs", client_id=c.id)
    src = tmp_path / "secret-plan.txt"
    src.write_bytes(b"TOP SECRET client plan " * 50)
    doc = documents.add_document(a, m.id, src.name, src.read_bytes(), title="Plan")
    sync_all(share, a, b)
    same(a, b)
    _v, content = documents.get_content(b, doc.id)
    assert content == src.read_bytes()
    blobs = list(share.rglob("*.cdb"))
    assert len(blobs) == 1
    for f in share.rglob("*"):
        if f.is_file():
            data = f.read_bytes()
            assert b"TOP SECRET" not in data and b"Docs" not in data
            assert b"secret-plan" not in f.name.encode()
    with b.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM blobs")).scalar() == 1
    # the replica's search finds words inside the synced document, as the original's does
    from casedesk.core import search

    for device in (a, b):
        with device.read() as s:
            assert doc.id in {h.ref for h in search.search(s, "secret client plan")}
    # a new version made on the replica is indexed back on the original
    documents.add_version(b, doc.id, "plan-v2.txt", b"Revised strategy: mediation first")
    sync_all(share, a, b)
    with a.read() as s:
        assert doc.id in {h.ref for h in search.search(s, "mediation")}


def test_duplicate_delivery_and_a_crash_after_the_rename_change_nothing(
        pair: tuple[CaseFile, CaseFile], share: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = pair
    c = contacts.create(a, name="Once", is_client=True)
    from casedesk.core.sync import changesets

    real = changesets.set_state
    def crash(*args: object, **kw: object) -> None:
        raise KeyboardInterrupt  # the process dies after the file reached the share
    monkeypatch.setattr(changesets, "set_state", crash)
    with pytest.raises(KeyboardInterrupt):
        api.sync_now(a, share)
    monkeypatch.setattr(changesets, "set_state", real)
    contacts.update(a, c.id, notes="after the crash")
    api.sync_now(a, share)  # adopts the changeset written before the crash
    files = sorted((share / "devices" / a.device_id / "changes").iterdir())
    api.sync_now(b, share)
    # the same changeset delivered again (e.g. copied back by a sync tool) is ignored
    from casedesk.core.sync.changesets import set_state

    with b.engine.begin() as conn:
        set_state(conn, a.device_id, 0, "", 0)
    api.sync_now(b, share)
    same(a, b)
    assert len(files) == 3  # the first push, the crashed one, the later one
    with b.engine.connect() as conn:
        n = conn.execute(text("SELECT count(*) FROM contacts WHERE name = 'Once'")).scalar()
    assert n == 1


def test_a_half_written_temp_file_is_ignored_and_the_push_completes(
        pair: tuple[CaseFile, CaseFile], share: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = pair
    contacts.create(a, name="Retry me")

    def broken_link(src: str, dst: str) -> None:
        raise OSError(5, "Input/output error")
    monkeypatch.setattr(share_mod.os, "link", broken_link)
    monkeypatch.setattr(share_mod.os, "replace", broken_link)
    with pytest.raises(SyncError):
        api.sync_now(a, share)
    monkeypatch.undo()
    folder = share / "devices" / a.device_id / "changes"
    (folder / ".0000000002.cdc.half.tmp").write_bytes(b"casedesk-sync\n{\"form")
    api.sync_now(a, share)
    api.sync_now(b, share)
    same(a, b)


def _tamper(path: Path, how: str) -> None:
    data = bytearray(path.read_bytes())
    if how == "truncate":
        path.write_bytes(bytes(data[: len(data) // 2]))
    else:
        data[-5] ^= 0x01
        path.write_bytes(bytes(data))


@pytest.mark.parametrize("how", ["truncate", "bitflip"])
def test_a_damaged_changeset_is_quarantined_and_the_rest_still_syncs(
        pair: tuple[CaseFile, CaseFile], share: Path, tmp_path: Path, how: str) -> None:
    a, b = pair
    c3 = join(share, tmp_path / "third.casedesk", "admin", ADMIN_PW)
    with c3:
        contacts.create(a, name="From A")
        contacts.create(c3, name="From C")
        api.sync_now(a, share)
        api.sync_now(c3, share)
        newest = sorted((share / "devices" / a.device_id / "changes").iterdir())[-1]
        good = newest.read_bytes()
        _tamper(newest, how)
        report = api.sync_now(b, share)
        assert len(report.skipped) == 1 and newest.name in report.skipped[0]
        names = {x.name for x in contacts_of(b)}
        assert "From C" in names and "From A" not in names
        newest.write_bytes(good)  # the complete copy arrives later: retried and applied
        report = api.sync_now(b, share)
        assert report.skipped == []
        assert "From A" in {x.name for x in contacts_of(b)}
        with b.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM sync_quarantine")).scalar() == 0


def contacts_of(cf: CaseFile) -> list:
    from sqlalchemy import select

    from casedesk.core.models import Contact

    with cf.read() as s:
        return list(s.scalars(select(Contact)))


def test_a_foreign_firms_files_are_skipped(pair: tuple[CaseFile, CaseFile], share: Path,
                                           tmp_path: Path) -> None:
    a, b = pair
    other, _ = CaseFile.create(tmp_path / "other.casedesk", firm_name="Rivals", admin="admin",
                               password=ADMIN_PW)
    with other:
        contacts.create(other, name="Not yours")
        api.sync_now(other, share)
    contacts.create(a, name="Ours")
    api.sync_now(a, share)
    report = api.sync_now(b, share)
    assert any("another firm" in s for s in report.skipped)
    names = {x.name for x in contacts_of(b)}
    assert "Ours" in names and "Not yours" not in names


def test_a_newer_format_is_kept_and_not_applied(pair: tuple[CaseFile, CaseFile],
                                                share: Path, monkeypatch: pytest.MonkeyPatch
                                                ) -> None:
    a, b = pair
    contacts.create(a, name="Future")
    monkeypatch.setattr(share_mod, "FORMAT", 2)
    api.sync_now(a, share)
    monkeypatch.setattr(share_mod, "FORMAT", 1)
    report = api.sync_now(b, share)
    assert report.update_needed and "update casedesk" in report.newer[0]
    assert "Future" not in {x.name for x in contacts_of(b)}
    assert list((share / "devices" / a.device_id / "changes").iterdir())


def test_missing_or_unwritable_share_is_a_clear_error(cf: CaseFile, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    missing = tmp_path / "nowhere"
    with pytest.raises(SyncError, match="not reachable"):
        api.sync_now(cf, missing)
    assert not missing.exists()
    ro = tmp_path / "ro"
    ro.mkdir()

    def denied(*args: object, **kw: object) -> None:
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr(Path, "mkdir", denied)
    before = api.pending_changes(cf)
    with pytest.raises(SyncError, match="may not write"):
        api.sync_now(cf, ro)
    assert api.pending_changes(cf) == before > 0


def test_a_device_a_day_slow_still_converges(pair: tuple[CaseFile, CaseFile], share: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = pair
    c = contacts.create(a, name="First", is_client=True)
    sync_all(share, a, b)

    class Slow(datetime):
        @classmethod
        def now(cls, tz=None):  # type: ignore[no-untyped-def, override]
            return datetime.now(tz) - timedelta(days=1)
    monkeypatch.setattr(audit, "datetime", Slow)
    contacts.update(b, c.id, name="Later edit on the slow device")
    monkeypatch.undo()
    sync_all(share, a, b)
    same(a, b)
    assert contacts.get(a, c.id).name == "Later edit on the slow device"
    assert api.open_conflicts(a) == []


def test_a_removed_user_stays_removed_on_a_device_that_was_offline(
        pair: tuple[CaseFile, CaseFile], share: Path, tmp_path: Path) -> None:
    a, b = pair
    a.add_user("eleni", "pw-eleni", "attorney")
    sync_all(share, a, b)
    assert "eleni" in b.slots.slots
    CaseFile.open(b.path, "eleni", "pw-eleni").close()
    a.remove_user("eleni")
    sync_all(share, a, b)
    assert "eleni" not in b.slots.slots
    with pytest.raises(AuthenticationError):
        CaseFile.open(b.path, "eleni", "pw-eleni")


def test_value_from_audit_round_trips() -> None:
    from casedesk.core.models import Deadline, Event

    ev, dl = Event.__table__.c, Deadline.__table__.c
    when = datetime(2026, 12, 3, 8, 0, tzinfo=UTC)
    assert value_from_audit(ev.starts_at, audit.audit_value(when)) == when
    assert value_from_audit(ev.all_day, "true") is True
    assert value_from_audit(dl.reminders_days, "[7, 1]") == [7, 1]
    assert value_from_audit(dl.due, "2026-12-03").isoformat() == "2026-12-03"
    assert value_from_audit(ev.title, None) is None


def test_idle_sync_reads_no_file(pair: tuple[CaseFile, CaseFile], share: Path,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = pair
    sync_all(share, a, b)
    calls = []
    real = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda p: calls.append(p) or real(p))
    report = api.sync_now(b, share)
    assert report.pushed == report.pulled == 0
    assert [p for p in calls if p.suffix in (".cdc", ".cds", ".cdb")] == []

