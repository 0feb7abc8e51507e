"""The encrypted case file: bad files get clear errors and are left unchanged; nothing readable
reaches the disk; the audit trail cannot be rewritten; a second writer waits."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import select, text

from casedesk.core import audit
from casedesk.core.casefile import CaseFile
from casedesk.core.check import check
from casedesk.core.errors import CaseFileBusy, CaseFileError, DamagedCaseFile
from casedesk.core.keyslots import keys_path
from casedesk.core.models import AuditEntry, Contact
from casedesk.core.services import contacts
from casedesk.core.storage import backups, db
from tests.support import ADMIN_PW, REPO, opened_audit


def digest(*paths: Path) -> list[str]:
    return [hashlib.sha256(p.read_bytes()).hexdigest() for p in paths]


def test_missing_key_file(cf: CaseFile, case_path: Path) -> None:
    cf.close()
    keys_path(case_path).unlink()
    before = digest(case_path)
    with pytest.raises(CaseFileError, match=r"key file firm\.casedesk\.keys is missing"):
        CaseFile.open(case_path, "admin", ADMIN_PW)
    assert digest(case_path) == before


def test_missing_case_file(tmp_path: Path) -> None:
    with pytest.raises(CaseFileError, match="There is no case file"):
        CaseFile.open(tmp_path / "nope.casedesk", "admin", "x")


def test_truncated_file(cf: CaseFile, case_path: Path) -> None:
    cf.close()
    data = case_path.read_bytes()
    case_path.write_bytes(data[: len(data) // 2 + 100])
    before = digest(case_path, keys_path(case_path))
    with pytest.raises(DamagedCaseFile, match="truncated"):
        CaseFile.open(case_path, "admin", ADMIN_PW)
    assert digest(case_path, keys_path(case_path)) == before


def test_plain_sqlite_file_is_not_a_case_file(tmp_path: Path) -> None:
    path = tmp_path / "plain.casedesk"
    con = sqlite3.connect(path)
    con.execute("create table t (x)")
    con.commit()
    con.close()
    with pytest.raises(CaseFileError, match="unencrypted SQLite database"):
        CaseFile.open(path, "admin", "x")


def test_foreign_file_with_a_key_file_from_another_case_file(tmp_path: Path) -> None:
    a, _ = CaseFile.create(tmp_path / "a.casedesk", firm_name="A", admin="admin", password="pw-a1")
    b, _ = CaseFile.create(tmp_path / "b.casedesk", firm_name="B", admin="admin", password="pw-b1")
    a.close()
    b.close()
    keys_path(tmp_path / "a.casedesk").write_bytes(keys_path(tmp_path / "b.casedesk").read_bytes())
    before = digest(tmp_path / "a.casedesk")
    with pytest.raises(CaseFileError, match=r"does not match a\.casedesk"):
        CaseFile.open(tmp_path / "a.casedesk", "admin", "pw-b1")
    assert digest(tmp_path / "a.casedesk") == before


def test_random_bytes_are_reported_as_damaged_not_as_a_wrong_password(cf: CaseFile,
                                                                     case_path: Path) -> None:
    cf.close()
    salt = case_path.read_bytes()[:16]
    case_path.write_bytes(salt + os.urandom(4096 * 3 - 16))  # same salt, garbage pages
    with pytest.raises(DamagedCaseFile, match="damaged") as err:
        CaseFile.open(case_path, "admin", ADMIN_PW)
    assert "No backup" in str(err.value)


def test_damaged_file_names_the_newest_backup(cf: CaseFile, case_path: Path) -> None:
    contacts.create(cf, name="Backed Up Client", is_client=True)
    copy = backups.pre_migration_copy(case_path, cf.engine)
    cf.close()
    data = bytearray(case_path.read_bytes())
    data[100:600] = os.urandom(500)  # inside page 1, after the salt
    case_path.write_bytes(bytes(data))
    with pytest.raises(DamagedCaseFile) as err:
        CaseFile.open(case_path, "admin", ADMIN_PW)
    assert copy.name in str(err.value)
    # and that backup really opens with the same password and holds the data
    with CaseFile.open(copy, "admin", ADMIN_PW) as restored:
        assert [c.name for c in restored.read().__enter__().scalars(select(Contact))] == [
            "Backed Up Client"]


def test_no_plaintext_reaches_the_disk(cf: CaseFile, case_path: Path) -> None:
    secret = "Quixotic Zebulon Marchbanks"
    contacts.create(cf, name=secret, is_client=True, emails=["zebulon@example.org"],
                    notes="Secret settlement figure: 1,234,567")
    with cf.write() as s:  # a big write that would spill temp data if temp_store were on disk
        s.execute(text("CREATE TEMP TABLE scratch AS SELECT * FROM contacts"))
    needles = [secret, "zebulon@example.org", "Secret settlement"]

    def scan() -> None:
        for f in case_path.parent.iterdir():
            if f.is_file():
                data = f.read_bytes()
                for n in needles:
                    for enc in ("utf-8", "utf-16-le"):
                        assert n.encode(enc) not in data, f"{n!r} readable in {f.name}"

    scan()  # while open: the -wal and -shm files exist now
    assert any(p.name.endswith("-wal") for p in case_path.parent.iterdir())
    cf.close()
    scan()


def test_audit_trail_is_append_only(cf: CaseFile) -> None:
    contacts.create(cf, name="Alice", is_client=True)
    for stmt in ("UPDATE audit SET new = 'Mallory'", "DELETE FROM audit"):
        with pytest.raises(Exception, match="append-only"), cf.write() as s:
            s.execute(text(stmt))
    with cf.read() as s:
        assert any("Alice" in (r.new or "") for r in opened_audit(s.connection()))


def test_tampering_with_the_audit_chain_is_detected(cf: CaseFile) -> None:
    c = contacts.create(cf, name="Alice", is_client=True)
    contacts.update(cf, c.id, name="Alicia")
    assert check(cf).sound
    with cf.engine.begin() as conn:  # an attacker with the key drops the trigger and edits
        conn.execute(text("DROP TRIGGER audit_no_update"))
        conn.execute(text("UPDATE audit SET new = 'Mallory' WHERE field = 'name' "
                          "AND op = 'update'"))
    report = check(cf)
    assert not report.sound
    with cf.read() as s:
        bad = s.scalar(select(AuditEntry).where(AuditEntry.new == "Mallory"))
    assert f"first bad entry is #{bad.seq}" in report.text()
    assert "altered" in report.text()


def test_a_missing_audit_row_is_detected(cf: CaseFile) -> None:
    for name in ("Alice", "Bob", "Carol"):  # audit rows 3, 4, 5 after the firm and its admin
        contacts.create(cf, name=name, is_client=True)
    with cf.engine.begin() as conn:
        conn.execute(text("DROP TRIGGER audit_no_delete"))
        conn.execute(text("DELETE FROM audit WHERE seq = 3"))
    _count, problems = audit.verify_chains(cf.engine.connect())
    assert problems and problems[0].seq == 4 and "missing" in problems[0].problem


def test_newer_schema_is_refused_with_advice(cf: CaseFile, case_path: Path) -> None:
    with cf.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    cf.close()
    with pytest.raises(CaseFileError, match="newer casedesk"):
        CaseFile.open(case_path, "admin", ADMIN_PW)


def test_second_writer_waits_for_the_first(cf: CaseFile, case_path: Path) -> None:
    holder = textwrap.dedent(f"""
        import sys, time
        sys.path.insert(0, {str(REPO)!r})
        from casedesk.core.casefile import CaseFile
        from casedesk.core.services import contacts
        cf = CaseFile.open({str(case_path)!r}, "admin", {ADMIN_PW!r})
        with cf.write() as s:
            from casedesk.core.models import Contact
            s.add(Contact(name="From the other process", is_client=True))
            s.flush()
            print("locked", flush=True)
            time.sleep(1.5)
        cf.close()
    """)
    with subprocess.Popen([sys.executable, "-c", holder], stdout=subprocess.PIPE,
                          text=True) as proc:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
        contacts.create(cf, name="From this process", is_client=True)  # waits, then succeeds
        assert proc.wait(timeout=30) == 0
    with cf.read() as s:
        names = set(s.scalars(select(Contact.name)))
    assert names == {"From the other process", "From this process"}
    assert check(cf).sound


def test_writer_gets_a_clear_error_when_the_lock_is_held_too_long(
    case_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(db, "BUSY_TIMEOUT_S", 0.3)
    cf, _ = CaseFile.create(case_path, firm_name="T", admin="admin", password=ADMIN_PW)
    blocker = db.connect(case_path, bytes.fromhex(db.key_hex(cf.engine)))
    blocker.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(CaseFileBusy, match="busy"):
            contacts.create(cf, name="Waits too long", is_client=True)
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    contacts.create(cf, name="Now it works", is_client=True)
    cf.close()


def test_damaged_file_names_a_backup_taken_with_casedesk_backup(cf: CaseFile,
                                                               case_path: Path) -> None:
    from casedesk.core.backup import backup_now

    contacts.create(cf, name="Kept Safe", is_client=True)
    taken = backup_now(cf)
    cf.close()
    data = bytearray(case_path.read_bytes())
    data[100:600] = os.urandom(500)
    case_path.write_bytes(bytes(data))
    with pytest.raises(DamagedCaseFile) as err:
        CaseFile.open(case_path, "admin", ADMIN_PW)
    assert taken.path.name in str(err.value)
