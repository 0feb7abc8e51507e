"""Key slots: passwords open the firm key; slots are bound to their user and firm."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from casedesk.core import crypto
from casedesk.core.casefile import CaseFile
from casedesk.core.errors import AuthenticationError, CaseFileError
from casedesk.core.keyslots import RECOVERY_USER, KeySlots, keys_path
from tests.support import ADMIN_PW


def test_wrong_password_and_unknown_user_are_the_same_error(cf: CaseFile, case_path: Path) -> None:
    cf.close()
    with pytest.raises(AuthenticationError, match="Wrong user name or password"):
        CaseFile.open(case_path, "admin", "not-it")
    with pytest.raises(AuthenticationError, match="Wrong user name or password"):
        CaseFile.open(case_path, "nobody", ADMIN_PW)
    reopened = CaseFile.open(case_path, "ADMIN", ADMIN_PW)  # user names are case-insensitive
    assert reopened.user.role == "admin"
    reopened.close()


def test_slot_cannot_be_moved_to_another_user(cf: CaseFile, case_path: Path) -> None:
    cf.add_user("bob", "bob-pass", "attorney")
    cf.close()
    kp = keys_path(case_path)
    doc = json.loads(kp.read_text())
    admin_slot = next(s for s in doc["slots"] if s["user"] == "admin")
    bob_slot = next(s for s in doc["slots"] if s["user"] == "bob")
    bob_slot.update({k: admin_slot[k] for k in ("kdf", "nonce", "wrapped")})
    kp.write_text(json.dumps(doc))
    # bob's slot now holds the admin's wrapped key: the admin's password must not open it as bob
    with pytest.raises(AuthenticationError):
        CaseFile.open(case_path, "bob", ADMIN_PW)


def test_slot_cannot_be_moved_between_firms(tmp_path: Path) -> None:
    a, _ = CaseFile.create(tmp_path / "a.casedesk", firm_name="A", admin="admin", password="pw-a1")
    b, _ = CaseFile.create(tmp_path / "b.casedesk", firm_name="B", admin="admin", password="pw-b1")
    a.close()
    b.close()
    doc_a = json.loads(keys_path(tmp_path / "a.casedesk").read_text())
    doc_b = json.loads(keys_path(tmp_path / "b.casedesk").read_text())
    doc_b["slots"] = doc_a["slots"]  # firm B's key file with firm A's slots
    keys_path(tmp_path / "b.casedesk").write_text(json.dumps(doc_b))
    with pytest.raises(AuthenticationError):
        CaseFile.open(tmp_path / "b.casedesk", "admin", "pw-a1")


def test_recovery_key_opens_the_file_as_administrator(recovery: tuple[CaseFile, str],
                                                      case_path: Path) -> None:
    cf, key = recovery
    cf.close()
    assert len(key.replace("-", "")) == 32
    opened = CaseFile.open_with_recovery(case_path, key.lower().replace("-", " "))
    assert opened.user.role == "admin"
    opened.set_password("admin", "brand-new-pw")  # the recovery flow: a new admin password
    opened.close()
    CaseFile.open(case_path, "admin", "brand-new-pw").close()
    with pytest.raises(AuthenticationError, match="recovery key"):
        CaseFile.open_with_recovery(case_path, "AAAA-" * 7 + "AAAA")


def test_password_change_rewrites_only_that_slot(cf: CaseFile, case_path: Path) -> None:
    cf.add_user("bob", "bob-pass", "attorney")
    before = KeySlots.load(keys_path(case_path)).slots
    cf.set_password("bob", "bob-new-pass")
    after = KeySlots.load(keys_path(case_path)).slots
    assert after["admin"] == before["admin"]
    assert after[RECOVERY_USER] == before[RECOVERY_USER]
    assert after["bob"].wrapped != before["bob"].wrapped
    cf.close()
    with pytest.raises(AuthenticationError):
        CaseFile.open(case_path, "bob", "bob-pass")
    CaseFile.open(case_path, "bob", "bob-new-pass").close()


def test_removed_user_cannot_log_in(cf: CaseFile, case_path: Path) -> None:
    cf.add_user("bob", "bob-pass", "assistant")
    cf.remove_user("bob")
    assert "bob" not in KeySlots.load(keys_path(case_path)).slots
    cf.close()
    with pytest.raises(AuthenticationError):
        CaseFile.open(case_path, "bob", "bob-pass")


def test_kdf_parameters_are_stored_in_each_slot(cf: CaseFile, case_path: Path) -> None:
    doc = json.loads(keys_path(case_path).read_text())
    for slot in doc["slots"]:
        assert slot["kdf"]["alg"] == "argon2id"
        assert {"t", "m", "p", "salt"} <= set(slot["kdf"])
    # a slot made with stronger parameters still opens: parameters can be raised later
    slots = KeySlots.load(keys_path(case_path))
    master = slots.unlock("admin", ADMIN_PW)
    strong = crypto.KdfParams(time_cost=2, memory_kib=16 * 1024, parallelism=1)
    slots.set_password("admin", ADMIN_PW, master, kdf=strong)
    slots.save(keys_path(case_path))
    cf.close()
    CaseFile.open(case_path, "admin", ADMIN_PW).close()


def test_production_kdf_unlock_takes_a_noticeable_time() -> None:
    """Argon2id at the shipped cost makes guessing slow (0.2–0.6 s target; benchmarks report)."""
    import time

    params = crypto.KdfParams()
    assert params.memory_kib >= 64 * 1024 and params.time_cost >= 3
    t = time.perf_counter()
    crypto.derive_kek("x", b"0" * 16, params)
    assert time.perf_counter() - t > 0.05


def test_damaged_key_file_is_a_clear_error(cf: CaseFile, case_path: Path) -> None:
    cf.close()
    keys_path(case_path).write_text("{ not json")
    with pytest.raises(CaseFileError, match=r"key file .* is damaged"):
        CaseFile.open(case_path, "admin", ADMIN_PW)
