"""Backups: real backups taken while the firm is being written to, restored and compared;
damaged backups refused; retention; settings; failures leave nothing behind."""

from __future__ import annotations

import errno
import hashlib
import os
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from casedesk.core import backup
from casedesk.core.casefile import CaseFile
from casedesk.core.check import check
from casedesk.core.errors import (
    AuthenticationError,
    CaseFileError,
    PermissionDenied,
    StorageFull,
    ValidationError,
)
from casedesk.core.interchange import export_document
from casedesk.core.models import AuditEntry, Blob, Contact, DocumentVersion
from casedesk.core.services import documents
from casedesk.core.storage import backups
from tests.core.test_documents import make_matter
from tests.support import ADMIN_PW

T0 = datetime(2026, 11, 28, 7, 15, tzinfo=UTC)


def populate(cf: CaseFile) -> str:
    """A firm with several users, matters and documents."""
    cf.add_user("bob", "bob-pass", "attorney", display_name="Bob Papas")
    cf.add_user("eva", "eva-pass", "assistant")
    matter = make_matter(cf, "2026-0001", "Maria Georgiou")
    make_matter(cf, "2026-0002", "Nikos Demetriou")
    for i in range(5):
        documents.add_document(cf, matter, f"note-{i}.txt",
                               f"Memo {i} on the aardwolf case.\n".encode() * (i + 1))
    documents.add_document(cf, matter, "big.bin", os.urandom(300_000))
    return matter


def snapshot(cf: CaseFile) -> dict[str, object]:
    """The firm's export, users and every document version's bytes."""
    with cf.read() as s:
        versions = sorted((v.document_id, v.version, v.sha256)
                          for v in s.scalars(select(DocumentVersion)))
        blobs = {b.sha256: hashlib.sha256(b.data).hexdigest() for b in s.scalars(select(Blob))}
    return {"export": export_document(cf), "users": [u.username for u in cf.list_users()],
            "versions": versions, "blobs": blobs}


def assert_consistent(cf: CaseFile) -> None:
    report = check(cf)
    assert report.sound, report.text()
    with cf.read() as s:
        for v in s.scalars(select(DocumentVersion)):
            data = s.scalar(select(Blob.data).where(Blob.sha256 == v.sha256))
            assert data is not None and hashlib.sha256(data).hexdigest() == v.sha256
            assert len(data) == v.size


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# -- real backups, restored -----------------------------------------------------------------------


def test_backup_while_writing_restores_consistent_then_exact(cf: CaseFile, case_path: Path,
                                                             tmp_path: Path) -> None:
    matter = populate(cf)
    out = tmp_path / "out"
    out.mkdir()
    stop = threading.Event()
    written = [0]
    failures: list[BaseException] = []

    def writer() -> None:  # another session of the firm, writing all the time
        other = CaseFile.open(case_path, "bob", "bob-pass")
        try:
            i = 0
            while not stop.is_set():
                i += 1
                with other.write() as s:
                    s.add(Contact(name=f"Walk-in client {i}", is_client=True))
                documents.add_document(other, matter, f"letter-{i}.txt",
                                       f"Letter {i}\n".encode() + os.urandom(2000))
                written[0] = i
        except BaseException as exc:  # reported by the test
            failures.append(exc)
        finally:
            other.close()

    thread = threading.Thread(target=writer)
    thread.start()
    taken = []
    try:
        while written[0] < 3:
            stop.wait(0.01)
        before = written[0]
        for k in range(4):
            taken.append(backup.backup_now(cf, out, now=T0 + timedelta(minutes=k)))
        during = written[0]
    finally:
        stop.set()
        thread.join()
    assert not failures, failures
    assert during > before, "the writer made no progress while the backups ran"

    for k, info in enumerate(taken):
        target = tmp_path / f"during-{k}.casedesk"
        restored = backup.restore(info.path, target, username="admin", password=ADMIN_PW)
        assert restored.audit_entries > 0
        with CaseFile.open(target, "bob", "bob-pass") as r:
            assert_consistent(r)
            with r.read() as s:
                assert s.scalar(select(func.count()).select_from(DocumentVersion)) >= 6

    # Writes have stopped: a backup now restores to exactly the source.
    final = backup.backup_now(cf, out, now=T0 + timedelta(hours=1))
    target = tmp_path / "after.casedesk"
    backup.restore(final.path, target, username="eva", password="eva-pass")
    expected = snapshot(cf)
    with CaseFile.open(target, "admin", ADMIN_PW) as r:
        assert_consistent(r)
        assert snapshot(r) == expected
        with r.read() as s:
            n_audit = s.scalar(select(func.count()).select_from(AuditEntry))
    assert n_audit and n_audit > 0


def test_restored_file_opens_with_the_passwords_of_backup_time(cf: CaseFile, tmp_path: Path
                                                                ) -> None:
    populate(cf)
    info = backup.backup_now(cf, tmp_path)
    cf.set_password("bob", "bob-new-pass")
    cf.remove_user("eva")
    target = tmp_path / "restored.casedesk"
    backup.restore(info.path, target, username="bob", password="bob-pass")
    assert Path(f"{target}.keys").exists()
    with CaseFile.open(target, "eva", "eva-pass") as r:
        assert r.user.username == "eva"
    with pytest.raises(AuthenticationError):
        CaseFile.open(target, "bob", "bob-new-pass")
    CaseFile.open(target, "bob", "bob-pass").close()


def test_restore_with_the_recovery_key(recovery: tuple[CaseFile, str], tmp_path: Path) -> None:
    cf, key = recovery
    info = backup.backup_now(cf, tmp_path)
    target = tmp_path / "r.casedesk"
    backup.restore(info.path, target, recovery_key=key)
    CaseFile.open_with_recovery(target, key).close()


def test_backup_is_one_encrypted_file_without_client_plaintext(cf: CaseFile, tmp_path: Path
                                                               ) -> None:
    matter = make_matter(cf, "2026-0001", "Zebulon Quartermaine")
    documents.add_document(cf, matter, "secret.txt", b"The aardwolf settlement is 4711 euros.")
    out = tmp_path / "out"
    out.mkdir()
    info = backup.backup_now(cf, out)
    assert files_in(out) == [info.path.name]
    assert info.path.name.startswith("firm-") and info.path.name.endswith(".casedesk-backup")
    raw = info.path.read_bytes()
    for secret in (b"Zebulon", b"aardwolf", b"4711", b"Test & Partners"):
        assert secret not in raw


# -- damaged backups ------------------------------------------------------------------------------


@pytest.fixture
def one_backup(cf: CaseFile, tmp_path: Path) -> Path:
    populate(cf)
    folder = tmp_path / "out"
    folder.mkdir()
    return backup.backup_now(cf, folder).path


@pytest.mark.parametrize("cut", [1, 32, 4096, 100_000])
def test_truncated_backup_is_refused(one_backup: Path, tmp_path: Path, cut: int) -> None:
    data = one_backup.read_bytes()
    one_backup.write_bytes(data[:-cut])
    target = tmp_path / "r.casedesk"
    with pytest.raises(backup.DamagedBackup, match=r"is damaged .*truncated.*nothing was restored"):
        backup.restore(one_backup, target, username="admin", password=ADMIN_PW)
    assert files_in(tmp_path) == ["firm.casedesk", "firm.casedesk-shm", "firm.casedesk-wal",
                                  "firm.casedesk.keys", "out"]


@pytest.mark.parametrize("where", ["header", "keys", "database", "end"])
def test_altered_backup_is_refused(one_backup: Path, tmp_path: Path, where: str) -> None:
    info = backup.read_header(one_backup)
    start = len(backup.MAGIC) + 4 + len(backup._header_bytes(info.header))
    offset = {"header": len(backup.MAGIC) + 10, "keys": start + 50,
              "database": start + info.header["keys_size"] + info.header["db_size"] // 2,
              "end": info.size - 1}[where]
    data = bytearray(one_backup.read_bytes())
    data[offset] ^= 0x01
    one_backup.write_bytes(bytes(data))
    target = tmp_path / "r.casedesk"
    with pytest.raises(CaseFileError, match=r"nothing was restored|not a casedesk backup") as exc:
        backup.restore(one_backup, target, username="admin", password=ADMIN_PW)
    assert "\n" not in str(exc.value)
    assert not target.exists() and not Path(f"{target}.keys").exists()
    assert not [p for p in tmp_path.iterdir() if "restoring" in p.name]


def test_altered_page_with_fixed_checksum_fails_the_encryption_check(one_backup: Path,
                                                                     tmp_path: Path) -> None:
    """Someone who rewrites the container's checksums still cannot slip a changed page in."""
    info = backup.read_header(one_backup)
    hlen = len(backup._header_bytes(info.header))
    start = len(backup.MAGIC) + 4 + hlen
    data = bytearray(one_backup.read_bytes())
    db_start = start + info.header["keys_size"]
    data[db_start + 4096 + 200] ^= 0x01
    header = dict(info.header)
    db_bytes = bytes(data[db_start:db_start + header["db_size"]])
    header["db_sha256"] = hashlib.sha256(db_bytes).hexdigest()
    assert len(backup._header_bytes(header)) == hlen
    body = bytes(data[:len(backup.MAGIC) + 4]) + backup._header_bytes(header) + \
        bytes(data[start:-32])
    one_backup.write_bytes(body + hashlib.sha256(body).digest())
    target = tmp_path / "r.casedesk"
    with pytest.raises(backup.DamagedBackup, match=r"encryption check|cannot be read|integrity"):
        backup.restore(one_backup, target, username="admin", password=ADMIN_PW)
    assert not target.exists()


def test_not_a_backup_and_wrong_password(one_backup: Path, tmp_path: Path) -> None:
    junk = tmp_path / "junk.casedesk-backup"
    junk.write_bytes(b"hello" * 100)
    with pytest.raises(backup.DamagedBackup, match="is not a casedesk backup"):
        backup.restore(junk, tmp_path / "r.casedesk", username="admin", password=ADMIN_PW)
    with pytest.raises(AuthenticationError):
        backup.restore(one_backup, tmp_path / "r.casedesk", username="admin", password="nope")
    assert not (tmp_path / "r.casedesk").exists()
    assert not [p for p in tmp_path.iterdir() if "restoring" in p.name]


# -- restore never overwrites ---------------------------------------------------------------------


def test_restore_refuses_existing_or_live_targets(cf: CaseFile, case_path: Path,
                                                   one_backup: Path, tmp_path: Path) -> None:
    with pytest.raises(CaseFileError, match="never over an existing or open case file"):
        backup.restore(one_backup, case_path, username="admin", password=ADMIN_PW)
    for leftover in (".keys", "-wal"):
        target = tmp_path / f"t{leftover[1:]}.casedesk"
        Path(f"{target}{leftover}").write_bytes(b"x")
        with pytest.raises(CaseFileError, match="already exists"):
            backup.restore(one_backup, target, username="admin", password=ADMIN_PW)
        assert not target.exists()
    with pytest.raises(CaseFileError, match="does not exist"):
        backup.restore(one_backup, tmp_path / "nowhere" / "r.casedesk", username="admin",
                       password=ADMIN_PW)
    with pytest.raises(ValidationError, match=r"ending in \.casedesk"):
        backup.restore(one_backup, tmp_path / "r.db", username="admin", password=ADMIN_PW)
    assert check(cf).sound


def test_restore_to_source_path_after_it_was_lost(cf: CaseFile, case_path: Path,
                                                  one_backup: Path) -> None:
    expected = snapshot(cf)
    cf.close()
    for suffix in ("", ".keys", "-wal", "-shm"):
        Path(f"{case_path}{suffix}").unlink(missing_ok=True)
    backup.restore(one_backup, case_path, username="admin", password=ADMIN_PW)
    with CaseFile.open(case_path, "admin", ADMIN_PW) as r:
        assert snapshot(r) == expected


# -- writing backups: folders, names, failures ----------------------------------------------------


def test_missing_out_folder_is_an_error_but_default_folder_is_created(cf: CaseFile,
                                                                      case_path: Path,
                                                                      tmp_path: Path) -> None:
    with pytest.raises(CaseFileError, match=r"does not exist .*is the drive connected"):
        backup.backup_now(cf, tmp_path / "usb" / "backups")
    assert not (tmp_path / "usb").exists()
    info = backup.backup_now(cf)
    assert info.path.parent == backups.backup_dir(case_path)


def test_backups_never_overwrite(cf: CaseFile, tmp_path: Path) -> None:
    a = backup.backup_now(cf, tmp_path, now=T0)
    b = backup.backup_now(cf, tmp_path, now=T0)
    assert a.path != b.path
    assert a.path.name == "firm-20261128T071500Z.casedesk-backup"
    assert b.path.name == "firm-20261128T071500Z-1.casedesk-backup"
    backup.verify_container(a.path)


def test_disk_full_while_writing_leaves_nothing(cf: CaseFile, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    populate(cf)
    real = backup._write_container

    def full(dest: Path, *args: object) -> None:
        real(dest, *args)  # a partial file exists, then the disk fills up
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup, "_write_container", full)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(StorageFull, match="no partial backup was left behind"):
        backup.backup_now(cf, out)
    assert files_in(out) == []


def test_disk_full_in_the_database_copy_leaves_nothing(cf: CaseFile, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlcipher3.dbapi2 as sqlcipher

    def full(engine: object, case_file: Path, dest: Path) -> Path:
        dest.write_bytes(b"\0" * 8192)
        raise sqlcipher.OperationalError("database or disk is full")

    monkeypatch.setattr(backups, "copy_to", full)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(StorageFull, match="disk is full"):
        backup.backup_now(cf, out)
    assert files_in(out) == []


def test_backup_that_fails_verification_is_deleted(cf: CaseFile, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    def bad(path: Path, key: bytes, slots: object) -> int:
        raise backup.DamagedBackup(f"{path.name} failed the integrity check (page 3 is bad).")

    monkeypatch.setattr(backup, "verify_database", bad)
    with pytest.raises(backup.BackupFailed, match=r"failed verification .* was deleted"):
        backup.backup_now(cf, tmp_path)
    assert files_in(tmp_path) == sorted(["firm.casedesk", "firm.casedesk.keys",
                                         "firm.casedesk-wal", "firm.casedesk-shm"])


# -- retention, status, settings ------------------------------------------------------------------


def test_prune_keeps_count_and_days_and_never_the_newest_intact(cf: CaseFile,
                                                                tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    made = [backup.backup_now(cf, out, now=T0 + timedelta(days=d)).path for d in range(8)]
    settings = backup.BackupSettings(keep_count=5, keep_days=3)
    deleted = backup.prune(out, cf.firm_id, settings, now=T0 + timedelta(days=7))
    # days 0-2 are beyond 5 newest; day 3 is older than 3 days; days 4-7 are kept
    assert sorted(deleted) == made[:4]
    assert sorted(i.path for i in backup.list_backups(out)) == made[4:]

    # Long after: everything is too old, but the newest intact backup stays.  A damaged newer
    # one does not count as the newest.
    made[7].write_bytes(made[7].read_bytes()[:-10])
    deleted = backup.prune(out, cf.firm_id, settings, now=T0 + timedelta(days=100))
    assert [i.path for i in backup.list_backups(out)] == [made[6]]
    assert made[7] in deleted


def test_prune_leaves_other_firms_alone(cf: CaseFile, tmp_path: Path) -> None:
    other, _ = CaseFile.create(tmp_path / "other.casedesk", firm_name="Other", admin="admin",
                               password=ADMIN_PW)
    with other:
        theirs = backup.backup_now(other, tmp_path, now=T0 - timedelta(days=50))
    mine = [backup.backup_now(cf, tmp_path, now=T0 + timedelta(days=d)).path for d in range(3)]
    backup.prune(tmp_path, cf.firm_id, backup.BackupSettings(keep_count=1), now=T0)
    assert theirs.path.exists() and mine[2].exists() and not mine[0].exists()


def test_status_due_and_overdue(cf: CaseFile, tmp_path: Path) -> None:
    backup.save_settings(cf, folder=str(tmp_path), interval_hours=24)
    st = backup.status(cf, now=T0)
    assert st.last is None and st.due and st.overdue
    backup.backup_now(cf, now=T0)
    assert not backup.status(cf, now=T0 + timedelta(hours=23)).due
    st = backup.status(cf, now=T0 + timedelta(hours=24, minutes=30))
    assert st.due and not st.overdue
    assert backup.status(cf, now=T0 + timedelta(hours=26)).overdue
    assert backup.scheduled_backup(cf, now=T0 + timedelta(hours=2)) is None
    info = backup.scheduled_backup(cf, now=T0 + timedelta(hours=25))
    assert info is not None and info.path.parent == tmp_path


def test_settings_defaults_validation_rights_and_audit(cf: CaseFile) -> None:
    assert backup.get_settings(cf) == backup.BackupSettings(None, 30, 30, 24, True)
    new = backup.save_settings(cf, keep_count=7, folder="/mnt/backups")
    assert new.keep_count == 7 and cf.firm().settings["backup"]["folder"] == "/mnt/backups"
    assert backup.get_settings(cf) == new
    with pytest.raises(ValidationError, match="keep_days must be between"):
        backup.save_settings(cf, keep_days=0)
    with pytest.raises(ValidationError, match="Unknown backup setting"):
        backup.save_settings(cf, colour="red")
    with cf.read() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry)
                        .where(AuditEntry.entity == "firm", AuditEntry.field == "settings"))
    cf.add_user("eva", "eva-pass", "assistant")
    with CaseFile.open(cf.path, "eva", "eva-pass") as eva, pytest.raises(PermissionDenied):
        backup.save_settings(eva, keep_count=3)
    assert backup.settings_from({"keep_days": "nonsense"}) == backup.BackupSettings()


def test_newest_backup_is_found_for_a_damaged_case_file(cf: CaseFile, case_path: Path,
                                                        tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    backup.backup_now(cf, out, now=T0)
    newer = backup.backup_now(cf, now=T0 + timedelta(hours=1))
    cf.close()
    case_path.write_bytes(b"\0" * 4096)
    found = backup.newest_backup(case_path, [out])
    assert found is not None and found.path == newer.path
