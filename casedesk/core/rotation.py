"""Rotating the firm key: after removing a user whose access must end for good.

Every key slot wraps the same firm master key, so a removed user who kept a copy of the case file
and of their old slot (or who noted the master key) could still read a later copy of the file.
Rotation re-encrypts the database under a new master key and hands that key to every remaining
user *without knowing their passwords*: each slot's new master key is sealed to the user's public
key (:func:`casedesk.core.crypto.seal`), and their next log-in with their usual password opens it
and rewrites the slot (:meth:`KeySlots.unlock_keys`).  A new recovery key is issued (the old one
may have been seen by the person leaving).

Steps, each checked before the next:

1. take the file exclusively (other casedesk windows on this file must be closed);
2. copy the database with SQLite's online backup into a new file keyed with the new master key
   (SQLCipher re-encrypts every page; the new file has a new salt);
3. give this replica a new device id and forget its sync state: the share's files are encrypted
   under the old key, so this device syncs to a new share folder and the other devices re-join
   from it (README "Rotating the firm key");
4. verify the copy (it opens, every audit chain verifies, the row counts match);
5. write the new key slots, swap the files in, reopen, and audit the rotation.

Backups made before the rotation still open with the old passwords: delete them or keep them
where the person leaving cannot reach them.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from casedesk.core import audit, crypto
from casedesk.core.casefile import CaseFile
from casedesk.core.errors import CaseFileBusy, CaseFileError
from casedesk.core.ids import new_id
from casedesk.core.keyslots import RECOVERY_USER, KeySlots, keys_path
from casedesk.core.permissions import Right
from casedesk.core.storage import db

Progress = Callable[[int, int], None]

#: Local sync bookkeeping that refers to the old share (encrypted under the old key).
_SYNC_TABLES = ("sync_devices", "sync_quarantine")
_SYNC_META = ("sync_keys", "sync_last", "joined_from")

BACKUPS_NOTE = ("Backups made before the rotation still open with the old passwords and the old "
                "recovery key: delete them, or keep them where the person who left cannot reach "
                "them.")


@dataclass
class Rotation:
    recovery_key: str
    sealed: list[str]  # users who open the file with their usual password
    must_reset: list[str]  # users without a key pair: an administrator resets their password
    backups_note: str = BACKUPS_NOTE


def rotate_firm_key(cf: CaseFile, *, progress: Progress | None = None) -> Rotation:
    """Re-encrypt ``cf`` under a new firm key (administrators).  ``cf`` stays open, on the new
    file, as the same user.  Raises :class:`CaseFileBusy` when another program has it open."""
    cf.require(Right.ADMINISTER, "rotate the firm key")
    path = Path(cf.path)
    kpath = keys_path(path)
    tmp = path.with_name(f".{path.name}.rekey-partial")
    tmp_keys = keys_path(tmp)
    old_master = cf._master
    new_master = crypto.new_master_key()
    new_device = new_id()
    for leftover in (tmp, tmp_keys, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
        with contextlib.suppress(OSError):
            leftover.unlink()
    cf.engine.dispose()
    src = None
    try:
        src = db.connect(path, crypto.subkey(old_master, "sqlcipher"))
        src.execute("PRAGMA busy_timeout = 2000")
        try:
            # Exclusive locking mode keeps the lock a write takes until the connection closes:
            # nobody else reads or writes while the copy is made and swapped in.
            src.execute("PRAGMA locking_mode = EXCLUSIVE")
            src.execute("BEGIN IMMEDIATE")
            src.execute("UPDATE meta SET value = value WHERE key = 'device_id'")
            src.execute("COMMIT")
        except db.sqlcipher.OperationalError as exc:
            raise CaseFileBusy(
                f"{path.name} is open in another casedesk (on this or another computer); close "
                "it there, then rotate the key again. Nothing was changed.") from exc
        counts = _counts(src)
        tgt = db.sqlcipher.connect(str(tmp), isolation_level=None)
        try:
            tgt.execute("PRAGMA cipher_log_level = NONE")
            tgt.execute(f"PRAGMA key = \"x'{crypto.subkey(new_master, 'sqlcipher').hex()}'\"")

            def step(_status: int, remaining: int, total: int) -> None:
                if progress is not None:
                    progress(total - remaining, total)

            src.backup(tgt, pages=256, progress=step)
            tgt.execute("BEGIN")
            tgt.execute("UPDATE meta SET value = ? WHERE key = 'device_id'", (new_device,))
            tgt.execute(f"DELETE FROM meta WHERE key IN ({', '.join('?' * len(_SYNC_META))})",
                        _SYNC_META)
            for table in _SYNC_TABLES:
                tgt.execute(f"DELETE FROM {table}")
            tgt.execute("COMMIT")
            tgt.execute("PRAGMA journal_mode = DELETE")
        finally:
            tgt.close()
        _verify(tmp, new_master, counts)
        slots = KeySlots(firm_id=cf.slots.firm_id, file_salt=db.file_salt(tmp))
        sealed, must_reset = [], []
        for user, slot in sorted(cf.slots.slots.items()):
            if user == RECOVERY_USER:
                continue
            slots.slots[user] = dataclasses.replace(slot)
            if slots.seal_pending(user, new_master):
                sealed.append(user)
            else:
                del slots.slots[user]
                must_reset.append(user)
        old_recovery = cf.slots.slots.get(RECOVERY_USER)
        recovery = crypto.new_recovery_key()
        slots.set_password(RECOVERY_USER, recovery, new_master,
                           kdf=old_recovery.kdf if old_recovery else None)
        slots.save(tmp_keys)
        src.close()
        src = None
        _swap(path, kpath, tmp, tmp_keys)
    except BaseException:
        if src is not None:
            with contextlib.suppress(Exception):
                src.close()
        for leftover in (tmp, tmp_keys):
            with contextlib.suppress(OSError):
                leftover.unlink()
        cf._bind(db.make_engine(path, crypto.subkey(old_master, "sqlcipher")))
        raise
    cf._rebind(db.make_engine(path, crypto.subkey(new_master, "sqlcipher")), new_master, slots,
               new_device)
    with cf.write() as s:
        audit.record_event(s, "firm", cf.firm_id, "note",
                           f"firm key rotated by {cf.user.username}; {len(sealed)} user(s) kept "
                           f"their password, {len(must_reset)} need a reset; new recovery key "
                           "issued")
    return Rotation(recovery, sealed, must_reset)


def _counts(con: object) -> dict[str, int]:
    cur = con.cursor()  # type: ignore[attr-defined]
    try:
        return {t: int(cur.execute(f"SELECT count(*) FROM {t}").fetchone()[0])
                for t in ("audit", "matters", "contacts", "documents", "blobs")}
    finally:
        cur.close()


def _verify(tmp: Path, master: bytes, counts: dict[str, int]) -> None:
    con = db.connect(tmp, crypto.subkey(master, "sqlcipher"))
    try:
        if con.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise CaseFileError("The re-encrypted copy failed its integrity check; nothing "
                                "was changed.")
        if _counts(con) != counts:
            raise CaseFileError("The re-encrypted copy does not match the case file; nothing "
                                "was changed.")
    finally:
        con.close()


def _swap(path: Path, kpath: Path, tmp: Path, tmp_keys: Path) -> None:
    """Put the new file and key file in place.  The old pair is kept under ``.pre-rekey``
    names until both new ones are in place, so a crash in between loses nothing."""
    old = path.with_name(path.name + ".pre-rekey")
    old_keys = keys_path(old)
    for p in (Path(f"{path}-wal"), Path(f"{path}-shm")):
        with contextlib.suppress(OSError):
            p.unlink()
    os.replace(path, old)
    os.replace(kpath, old_keys)
    os.replace(tmp, path)
    os.replace(tmp_keys, kpath)
    from casedesk.core.fsutil import fsync_dir

    with contextlib.suppress(OSError):
        fsync_dir(path.parent)
    for p in (old, old_keys):
        with contextlib.suppress(OSError):
            p.unlink()
