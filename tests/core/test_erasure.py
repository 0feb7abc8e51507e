"""Erasing a person's data (issue 10): gone from the file, its search index, exports and later
backups; the audit trail keeps that and when things changed, shows "[erased]" for the values,
and every hash chain still verifies."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from sqlalchemy import select

from casedesk.core import auditview, backup, erasure, intake, interchange, personal, policy, search
from casedesk.core.casefile import CaseFile
from casedesk.core.check import check
from casedesk.core.errors import NotFound, PermissionDenied, ValidationError
from casedesk.core.models import AuditEntry, Blob, Contact, Document
from casedesk.core.services import contacts, documents, matters
from casedesk.core.storage import db

NAME = "Theodora Vlachopoulou"
EMAIL = "theodora.vlachos@example.gr"
SECRET_DOC = b"Statement of Theodora Vlachopoulou about the quarry accident."

PAGE, RESERVE = 4096, 80  # SQLCipher 4 defaults: 16 bytes IV + 64 bytes HMAC per page


def plaintext_pages(path: Path, key: bytes) -> bytes:
    """Every page of a SQLCipher 4 database decrypted, free pages included (what an attacker
    holding the key and the raw file would see)."""
    raw = path.read_bytes()
    out = []
    for n in range(len(raw) // PAGE):
        page = raw[n * PAGE:(n + 1) * PAGE]
        start = 16 if n == 0 else 0  # page 1 begins with the salt
        iv = page[PAGE - RESERVE:PAGE - RESERVE + 16]
        dec = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
        out.append(dec.update(page[start:PAGE - RESERVE]) + dec.finalize())
    return b"".join(out)


def scan(path: Path, key: bytes, *needles: str) -> list[str]:
    data = plaintext_pages(path, key)
    assert b"CREATE TABLE" in data  # the decryption works
    return [n for n in needles if n.encode("utf-8") in data
            or search.fold(n).encode("utf-8") in data]


def closed_client(cf: CaseFile, years_ago: int) -> tuple[Contact, str]:
    c = contacts.create(cf, name=NAME, is_client=True, emails=[EMAIL], phones=["+30 697 000"],
                        notes="Prefers calls after six.")
    m = matters.create(cf, title=f"{NAME} v. Quarry SA", client_id=c.id)
    documents.add_document(cf, m.id, "statement.txt", SECRET_DOC, title=f"Statement of {NAME}")
    matters.set_status(cf, m.id, "closed", on=date.today() - timedelta(days=365 * years_ago + 2))
    return c, m.id


def key_of(cf: CaseFile) -> bytes:
    return bytes.fromhex(db.key_hex(cf.engine))


def test_personal_values_are_sealed_in_the_audit_trail_but_read_in_history(cf: CaseFile) -> None:
    c = contacts.create(cf, name=NAME, emails=[EMAIL])
    with cf.read() as s:
        raw = s.scalars(select(AuditEntry.new).where(AuditEntry.entity_id == c.id)).one()
    assert NAME not in raw and EMAIL not in raw and personal.PREFIX in raw
    lines = auditview.query(cf, auditview.AuditFilter(entity="contact")).lines
    assert {(ln.field, ln.new) for ln in lines} >= {("name", NAME), ("emails", EMAIL)}


def test_erasing_a_closed_client_leaves_the_name_nowhere(cf: CaseFile, tmp_path: Path) -> None:
    c, _matter_id = closed_client(cf, years_ago=7)
    plan = erasure.preview(cf, c.id)
    assert plan.allowed
    shown = "\n".join(plan.lines())
    assert NAME in shown and EMAIL in shown and "document content: 1 file" in shown

    done = erasure.erase(cf, c.id, "retention period over")
    assert done.erased_at

    with cf.read() as s:
        contact = s.get(Contact, c.id)
        assert contact.name.startswith("[erased ") and contact.emails == []
        assert contact.notes is None and contact.phones == []
        doc = s.scalars(select(Document)).one()
        assert doc.title.startswith("[erased ")
        assert s.scalar(select(Blob.sha256)) is None  # the content is gone
    assert search.search(cf.read().__enter__(), "Vlachopoulou") == []
    assert search.search(cf.read().__enter__(), "quarry") == []
    exported = json.dumps(interchange.export_document(cf), ensure_ascii=False)
    assert NAME not in exported and EMAIL not in exported

    lines = auditview.all_lines(cf)
    assert not [ln for ln in lines if NAME in ln.text() or EMAIL in ln.text()]
    assert any(ln.field == "name" and ln.new == personal.ERASED for ln in lines)
    erase_line = [ln for ln in lines if ln.op == "erase"]
    assert erase_line and erase_line[0].user == "admin"
    assert "retention period over" in erase_line[0].new
    assert check(cf).sound

    # nothing in the file's pages (free ones too), nor in a backup made afterwards
    assert not Path(f"{cf.path}-wal").exists() or Path(f"{cf.path}-wal").stat().st_size == 0
    assert scan(cf.path, key_of(cf), NAME, EMAIL, "Vlachopoulou", "quarry accident") == []
    (tmp_path / "bk").mkdir()
    info = backup.backup_now(cf, tmp_path / "bk")
    restored = tmp_path / "restored.casedesk"
    backup.restore(info.path, restored, username="admin", password="admin-pass")
    assert scan(restored, key_of(cf), NAME, EMAIL, "quarry accident") == []


def test_the_scan_would_find_a_name_that_is_there(cf: CaseFile) -> None:
    contacts.create(cf, name=NAME, emails=[EMAIL])
    with cf.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    assert scan(cf.path, key_of(cf), NAME) == [NAME]


def test_recent_matters_keep_their_client(cf: CaseFile) -> None:
    c, _m = closed_client(cf, years_ago=2)
    plan = erasure.preview(cf, c.id)
    assert not plan.allowed and "6 years" in (plan.refusal or "")
    with pytest.raises(ValidationError, match="closed on"):
        erasure.erase(cf, c.id, "asked by the client")
    open_client = contacts.create(cf, name="Still Open", is_client=True)
    matters.create(cf, title="Ongoing", client_id=open_client.id)
    with pytest.raises(ValidationError, match="is open"):
        erasure.erase(cf, open_client.id, "asked")
    policy.set_value(cf, "retention_years", 1)
    assert erasure.preview(cf, c.id).allowed
    with cf.read() as s:
        assert s.get(Contact, c.id).name == NAME


def test_only_administrators_erase(cf: CaseFile, case_path: Path) -> None:
    c, _m = closed_client(cf, years_ago=8)
    cf.add_user("maria", "maria-pass", "attorney")
    other = CaseFile.open(case_path, "maria", "maria-pass")
    try:
        with pytest.raises(PermissionDenied, match="administer"):
            erasure.erase(other, c.id, "retention")
        with pytest.raises(PermissionDenied):
            erasure.retention_report(other)
    finally:
        other.close()
    with pytest.raises(NotFound):
        erasure.erase(cf, "no-such-id", "retention")


def test_a_declined_intake_is_erased_with_its_answers_and_files(cf: CaseFile) -> None:
    draft = intake.start_draft(cf, "employment", answers={
        "client.name": NAME, "client.email": EMAIL,
        "matter.narrative": "Dismissed after reporting the quarry accident."})
    intake.attach_file(cf, draft.id, "contract.txt", SECRET_DOC)
    intake.run_conflict_check(cf, draft.id)
    with pytest.raises(ValidationError, match="declined or discarded"):
        erasure.erase(cf, draft.id, "too early")
    intake.decline(cf, draft.id, "Outside our practice.")
    report = erasure.retention_report(cf)
    assert [(r.kind, r.id) for r in report] == [("intake", draft.id)]

    erasure.erase(cf, draft.id, "declined intake")
    after = intake.get_draft(cf, draft.id)
    assert after.answers == {} and after.attachments == [] and after.label.startswith("[erased")
    assert erasure.retention_report(cf) == []
    lines = auditview.all_lines(cf)
    assert not [ln for ln in lines if NAME in ln.text() or "quarry" in ln.text()]
    assert check(cf).sound
    assert scan(cf.path, key_of(cf), NAME, EMAIL, "quarry accident") == []


def test_retention_report_lists_old_matters_and_their_clients(cf: CaseFile) -> None:
    old, old_matter = closed_client(cf, years_ago=9)
    recent = contacts.create(cf, name="Recent Client", is_client=True)
    m = matters.create(cf, title="Recent", client_id=recent.id)
    matters.set_status(cf, m.id, "closed")
    rows = erasure.retention_report(cf)
    assert [(r.kind, r.id, r.erasable) for r in rows] == [
        ("matter", old_matter, False), ("contact", old.id, True)]


def test_an_erasure_replicates_and_leaves_no_key_nor_snapshot_on_the_share(
        cf: CaseFile, tmp_path: Path) -> None:
    from casedesk.core.sync import api
    from casedesk.core.sync.join import join

    share = tmp_path / "share"
    share.mkdir()
    c, _m = closed_client(cf, years_ago=7)
    api.sync_now(cf, share)
    laptop = join(share, tmp_path / "laptop.casedesk", "admin", "admin-pass")
    try:
        assert contacts.get(laptop, c.id).name == NAME  # the key reached the laptop
        assert list(share.glob(f"devices/*/pkeys/{c.id}.cpk"))
        blobs_before = set(share.glob("devices/*/blobs/*"))
        assert blobs_before  # the client's document content went to the share
        erasure.erase(cf, c.id, "retention period over")
        for _ in range(2):
            api.sync_now(cf, share)
            api.sync_now(laptop, share)
        assert contacts.get(laptop, c.id).name.startswith("[erased ")
        assert not list(share.glob(f"devices/*/pkeys/{c.id}.cpk"))
        assert not blobs_before & set(share.glob("devices/*/blobs/*"))  # its content too
        with laptop.read() as s:
            assert s.scalar(select(personal.PersonalKey.key).where(
                personal.PersonalKey.subject_id == c.id)) is None
        lines = auditview.all_lines(laptop)
        assert not [ln for ln in lines if NAME in ln.text() or EMAIL in ln.text()]
        assert check(laptop).sound and check(cf).sound
        assert scan(laptop.path, key_of(laptop), NAME, EMAIL, "quarry accident") == []
        # the erasing device's snapshots made before the erasure are gone
        from casedesk.core.sync import share as share_mod
        from casedesk.core.sync import snapshot

        sh = api.share_for(cf, share)
        found = snapshot.newest(sh)
        assert found is not None and NAME not in json.dumps(found[1], ensure_ascii=False)
        assert len(sh.numbered(share_mod.SNAPSHOTS, cf.device_id)) == 1
    finally:
        laptop.close()
