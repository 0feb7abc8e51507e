"""Rotating the firm key after a user leaves (issue 8)."""

from __future__ import annotations

from pathlib import Path

import pytest

from casedesk.core import check, rotation
from casedesk.core.casefile import CaseFile
from casedesk.core.errors import AuthenticationError, CaseFileBusy, CaseFileError
from casedesk.core.keyslots import KeySlots, keys_path
from casedesk.core.services import contacts, documents, matters, queries
from tests.support import ADMIN_PW


def _firm(cf: CaseFile) -> dict[str, str]:
    cf.add_user("bob", "pw-bob-2024x", "attorney")
    cf.add_user("mallory", "pw-mallory-2024x", "attorney")
    client = contacts.create(cf, name="Client One", is_client=True)
    m = matters.create(cf, title="Important case", client_id=client.id)
    doc = documents.add_document(cf, m.id, "a.txt", b"the content")
    return {"matter": m.id, "doc": doc.id}


def test_rotation_locks_out_the_old_key_and_keeps_everyone_else(
        cf: CaseFile, case_path: Path) -> None:
    ids = _firm(cf)
    old_keys = KeySlots.load(keys_path(case_path))
    old_master = old_keys.unlock("mallory", "pw-mallory-2024x")
    cf.remove_user("mallory")
    seen = []
    result = rotation.rotate_firm_key(cf, progress=lambda d, t: seen.append((d, t)))
    assert sorted(result.sealed) == ["admin", "bob"] and result.must_reset == []
    assert seen and seen[-1][0] == seen[-1][1]
    # the same handle goes on working on the new file
    assert [r.title for r in queries.matters(cf)] == ["Important case"]
    cf.close()
    # the old master key (kept by the person who left) no longer opens the file
    from casedesk.core import crypto
    from casedesk.core.storage import db

    with pytest.raises(Exception):  # noqa: B017 - "file is not a database"
        db.connect(case_path, crypto.subkey(old_master, "sqlcipher"))
    # remaining users log in with their usual passwords; the slot is rewritten on the way
    bob = CaseFile.open(case_path, "bob", "pw-bob-2024x")
    try:
        assert documents.get_content(bob, ids["doc"])[1] == b"the content"
        assert not KeySlots.load(keys_path(case_path)).slots["bob"].pending
    finally:
        bob.close()
    with pytest.raises(AuthenticationError):
        CaseFile.open(case_path, "mallory", "pw-mallory-2024x")
    admin = CaseFile.open(case_path, "admin", ADMIN_PW)
    try:
        report = check.check(admin)
        assert report.sound, report.text()
    finally:
        admin.close()
    rec = CaseFile.open_with_recovery(case_path, result.recovery_key)
    rec.close()


def test_rotation_refuses_while_the_file_is_open_elsewhere(cf: CaseFile,
                                                          case_path: Path) -> None:
    _firm(cf)
    other = CaseFile.open(case_path, "bob", "pw-bob-2024x")
    try:
        with other.read() as s:
            s.connection().exec_driver_sql("SELECT count(*) FROM matters").fetchall()
            before = case_path.read_bytes()[:16]
            with pytest.raises(CaseFileBusy):
                rotation.rotate_firm_key(cf)
        assert case_path.read_bytes()[:16] == before
        assert [r.title for r in queries.matters(cf)] == ["Important case"]
    finally:
        other.close()


def test_only_administrators_rotate(cf: CaseFile, case_path: Path) -> None:
    _firm(cf)
    bob = CaseFile.open(case_path, "bob", "pw-bob-2024x")
    try:
        from casedesk.core.errors import PermissionDenied

        with pytest.raises(PermissionDenied, match="administer"):
            rotation.rotate_firm_key(bob)
    finally:
        bob.close()


def test_another_handle_learns_the_file_was_rotated(cf: CaseFile, case_path: Path) -> None:
    _firm(cf)
    other = CaseFile.open(case_path, "bob", "pw-bob-2024x")
    other.engine.dispose()  # idle: holds no lock, as a window left open elsewhere
    rotation.rotate_firm_key(cf)
    try:
        with pytest.raises(CaseFileError, match="re-encrypted"):
            contacts.create(other, name="Lost write")
    finally:
        other.close()
    assert [c.name for c in contacts_named(cf, "Lost write")] == []


def contacts_named(cf: CaseFile, name: str) -> list:
    return [r for r in queries.contacts(cf, clients_only=False) if r.name == name]


def test_other_devices_rejoin_from_a_new_share(cf: CaseFile, case_path: Path,
                                               tmp_path: Path) -> None:
    from casedesk.core.sync import api
    from casedesk.core.sync.join import join

    ids = _firm(cf)
    old_device = cf.device_id
    rotation.rotate_firm_key(cf)
    assert cf.device_id != old_device
    share = tmp_path / "share2"
    share.mkdir()
    api.sync_now(cf, share)
    laptop = join(share, tmp_path / "laptop.casedesk", "bob", "pw-bob-2024x")
    try:
        assert documents.get_content(laptop, ids["doc"])[1] == b"the content"
    finally:
        laptop.close()
    again = CaseFile.open(tmp_path / "laptop.casedesk", "bob", "pw-bob-2024x")
    again.close()
