"""Backups of a whole firm: one verified, encrypted, self-contained file per backup.

Format (chosen over a ``.casedesk`` + ``.keys`` pair so a backup can never lose its key file,
is one thing to move, prune or copy off-site, and can be checked for truncation or alteration
before anything is unlocked).  ``<firm-stem>-20261128T071500Z.casedesk-backup``::

    b"CASEDESK-BACKUP\\n"        16 bytes, magic
    header length                4 bytes, big-endian
    header                       UTF-8 JSON: format, version, firm_id, stem, source, taken,
                                 keys_size, keys_sha256, db_size, db_sha256, audit_entries
    key-slot file                keys_size bytes (the case file's ``.keys``, wrapped keys only)
    database                     db_size bytes (a SQLCipher 4 file keyed like the case file)
    SHA-256 of all of the above  32 bytes

The header holds no client data (ids, sizes, hashes, the case file's path and the time); the
database part is as encrypted as the case file itself and opens with the passwords that were valid
when the backup was taken.  Document content lives in the database (``blobs``), so the backup is
the whole firm.

Taking a backup (:func:`backup_now`): SQLite's online backup API copies a consistent snapshot of
the live database (other writers carry on: WAL readers do not block them) into a hidden temporary
file in the destination folder, which is then opened read-only with the same key and verified
(``cipher_integrity_check``, ``integrity_check``, ``foreign_key_check``, every audit chain, the key
file's salt and firm).  The container is written to another hidden temporary file, fsynced, read
back and its hash checked, and only then given its final name, without ever replacing an existing
file.  Whatever fails, the temporary files are deleted: a failed backup leaves nothing behind.

The destination folder must exist (a missing folder is usually an unplugged drive or an unmounted
share, where creating it would silently write the firm onto the local disk); the one exception is
the default folder ``backups/`` beside the case file, which is created.

Restoring (:func:`restore`) writes a new case file only: it refuses a target that exists (or has
a ``-wal``/``-shm``/``-journal``/``.keys`` left beside it, i.e. a file in use), checks the
container's hash, unpacks into hidden temporary files beside the target, unlocks them with a
password (or the recovery key) that was valid at backup time and verifies them as above; then the
two files are put in place.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import struct
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO, Any

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import create_engine, select
from sqlalchemy.pool import StaticPool

from casedesk.core import audit, crypto
from casedesk.core.casefile import CaseFile
from casedesk.core.errors import (
    AuthenticationError,
    CasedeskError,
    CaseFileError,
    StorageFull,
    ValidationError,
)
from casedesk.core.fsutil import fsync_dir, os_error
from casedesk.core.keyslots import RECOVERY_USER, KeySlots, keys_path
from casedesk.core.models import Firm
from casedesk.core.permissions import Right
from casedesk.core.storage import backups, db

MAGIC = b"CASEDESK-BACKUP\n"
FORMAT = "casedesk-backup"
VERSION = 1
SUFFIX = ".casedesk-backup"
_PARTIAL = ".partial"
_CHUNK = 1024 * 1024

DEFAULTS: dict[str, Any] = {"folder": None, "keep_days": 30, "keep_count": 30,
                            "interval_hours": 24, "enabled": True}
#: A backup older than the interval plus this grace counts as overdue (status bar warning).
GRACE = timedelta(hours=1)


class BackupFailed(CasedeskError):
    """A backup could not be written or did not verify; nothing was left behind."""


class DamagedBackup(CaseFileError):
    """A backup file is truncated, altered or not a casedesk backup; nothing was restored."""


# -- the settings kept in the firm ----------------------------------------------------------------


@dataclass(frozen=True)
class BackupSettings:
    folder: str | None = None
    keep_days: int = 30
    keep_count: int = 30
    interval_hours: int = 24
    enabled: bool = True

    def folder_for(self, case_file: Path) -> Path:
        return Path(self.folder) if self.folder else backups.backup_dir(case_file)

    def to_dict(self) -> dict[str, Any]:
        return {"folder": self.folder, "keep_days": self.keep_days,
                "keep_count": self.keep_count, "interval_hours": self.interval_hours,
                "enabled": self.enabled}


def settings_from(raw: Any) -> BackupSettings:
    """Settings from ``firm.settings["backup"]`` (missing or bad values take the defaults)."""
    values = dict(DEFAULTS)
    if isinstance(raw, dict):
        values.update({k: v for k, v in raw.items() if k in DEFAULTS})
    try:
        return _validated(values)
    except ValidationError:
        return BackupSettings()


def _validated(values: dict[str, Any]) -> BackupSettings:
    folder = values.get("folder") or None
    out = {}
    for key, low, high in (("keep_days", 1, 3650), ("keep_count", 1, 1000),
                           ("interval_hours", 1, 24 * 31)):
        try:
            number = int(values[key])
        except (TypeError, ValueError):
            raise ValidationError(f"The backup setting {key} must be a whole number.",
                                  field=key) from None
        if not low <= number <= high:
            raise ValidationError(f"The backup setting {key} must be between {low} and {high}.",
                                  field=key)
        out[key] = number
    return BackupSettings(folder=str(folder) if folder else None, enabled=bool(values["enabled"]),
                          **out)


def get_settings(cf: CaseFile) -> BackupSettings:
    return settings_from((cf.firm().settings or {}).get("backup"))


def save_settings(cf: CaseFile, **changes: Any) -> BackupSettings:
    """Change the firm's backup settings (administrators only; audited)."""
    cf.require(Right.ADMINISTER, "change the backup settings")
    unknown = set(changes) - set(DEFAULTS)
    if unknown:
        raise ValidationError(f"Unknown backup setting(s): {', '.join(sorted(unknown))}.")
    with cf.write() as s:
        firm = s.scalars(select(Firm)).one()
        current = settings_from((firm.settings or {}).get("backup")).to_dict()
        current.update(changes)
        new = _validated(current)
        firm.settings = {**(firm.settings or {}), "backup": new.to_dict()}
    return new


# -- the container --------------------------------------------------------------------------------


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    firm_id: str
    stem: str
    source: str
    taken: datetime
    size: int
    header: dict[str, Any] = field(repr=False, default_factory=dict)


def _stamp(now: datetime) -> str:
    return now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def read_header(path: Path) -> BackupInfo:
    """The header of a backup (cheap: does not hash the file).  Raises DamagedBackup."""
    path = Path(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            magic = fh.read(len(MAGIC))
            if magic != MAGIC:
                raise DamagedBackup(f"{path.name} is not a casedesk backup.")
            (length,) = struct.unpack(">I", fh.read(4))
            if length > 1 << 20:
                raise ValueError("header too long")
            header = json.loads(fh.read(length).decode("utf-8"))
    except FileNotFoundError:
        raise CaseFileError(f"There is no backup at {path}.") from None
    except IsADirectoryError:
        raise CaseFileError(f"{path} is a folder, not a backup.") from None
    except (ValueError, struct.error, UnicodeDecodeError):
        raise DamagedBackup(f"The backup {path.name} is damaged (its header is unreadable); "
                            "nothing was restored.") from None
    if header.get("format") != FORMAT:
        raise DamagedBackup(f"{path.name} is not a casedesk backup.")
    if header.get("version") != VERSION:
        raise DamagedBackup(f"The backup {path.name} has format version {header.get('version')}; "
                            "this casedesk cannot read it: please update casedesk.")
    try:
        return BackupInfo(path, str(header["firm_id"]), str(header["stem"]),
                          str(header["source"]), datetime.fromisoformat(header["taken"]), size,
                          header)
    except (KeyError, ValueError, TypeError):
        raise DamagedBackup(f"The backup {path.name} is damaged (its header is incomplete); "
                            "nothing was restored.") from None


def _expected_size(header: dict[str, Any], header_len: int) -> int:
    return len(MAGIC) + 4 + header_len + int(header["keys_size"]) + int(header["db_size"]) + 32


def verify_container(path: Path) -> BackupInfo:
    """Check a backup's length and SHA-256 (no key needed).  Raises DamagedBackup."""
    info = read_header(path)
    header_len = len(_header_bytes(info.header))
    damaged = f"The backup {info.path.name} is damaged"
    try:
        expected = _expected_size(info.header, header_len)
    except (KeyError, ValueError, TypeError):
        raise DamagedBackup(f"{damaged} (its header is incomplete); nothing was restored.") \
            from None
    if info.size != expected:
        how = "truncated" if info.size < expected else "too long"
        raise DamagedBackup(f"{damaged} (it is {how}: {info.size} bytes instead of {expected}); "
                            "nothing was restored.")
    digest = hashlib.sha256()
    with info.path.open("rb") as fh:
        remaining = expected - 32
        while remaining:
            chunk = fh.read(min(_CHUNK, remaining))
            if not chunk:
                raise DamagedBackup(f"{damaged} (it is truncated); nothing was restored.")
            digest.update(chunk)
            remaining -= len(chunk)
        if fh.read(32) != digest.digest():
            raise DamagedBackup(f"{damaged} (its content was altered: checksum mismatch); "
                                "nothing was restored.")
    return info


def _header_bytes(header: dict[str, Any]) -> bytes:
    return json.dumps(header, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _write(fh: IO[bytes], data: bytes, digest: Any) -> None:
    fh.write(data)
    digest.update(data)


def _write_container(dest: Path, header: dict[str, Any], keys: Path, dbfile: Path) -> None:
    digest = hashlib.sha256()
    with dest.open("xb") as fh:
        hb = _header_bytes(header)
        _write(fh, MAGIC, digest)
        _write(fh, struct.pack(">I", len(hb)), digest)
        _write(fh, hb, digest)
        for part in (keys, dbfile):
            with part.open("rb") as src:
                for chunk in iter(lambda src=src: src.read(_CHUNK), b""):
                    _write(fh, chunk, digest)
        fh.write(digest.digest())
        fh.flush()
        os.fsync(fh.fileno())


# -- verifying a database part --------------------------------------------------------------------


def verify_database(path: Path, key: bytes, slots: KeySlots) -> int:
    """Open ``path`` read-only with ``key`` and check it (encryption, integrity, foreign keys,
    audit chains, pairing with ``slots``).  Returns the audit entries checked; raises
    DamagedBackup naming the first problem."""
    name = path.name
    if db.file_salt(path) != slots.file_salt:
        raise DamagedBackup(f"The key file in {name} does not match its database.")
    con = sqlcipher.connect(str(path), isolation_level=None, check_same_thread=False)
    try:
        con.execute("PRAGMA cipher_log_level = NONE")
        con.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        con.execute("PRAGMA temp_store = MEMORY")
        con.execute("PRAGMA query_only = ON")
        try:
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()
            cipher = [r[0] for r in con.execute("PRAGMA cipher_integrity_check")]
            if cipher:
                raise DamagedBackup(f"{name} failed the encryption check ({cipher[0]}).")
            integrity = [r[0] for r in con.execute("PRAGMA integrity_check")]
            if integrity != ["ok"]:
                raise DamagedBackup(f"{name} failed the integrity check ({integrity[0]}).")
            if con.execute("PRAGMA foreign_key_check").fetchone() is not None:
                raise DamagedBackup(f"{name} has broken references between records.")
            row = con.execute("SELECT value FROM meta WHERE key = 'firm_id'").fetchone()
            if row is None or row[0] != slots.firm_id:
                raise DamagedBackup(f"The key file in {name} belongs to another firm.")
        except sqlcipher.DatabaseError as exc:
            raise DamagedBackup(f"{name} cannot be read ({exc}).") from None
        engine = create_engine("sqlite://", creator=lambda: con, poolclass=StaticPool,
                               module=sqlcipher)
        with engine.connect() as conn:
            count, problems = audit.verify_chains(conn)
        if problems:
            raise DamagedBackup(f"{name} failed the audit check ({problems[0]}).")
        return count
    finally:
        con.close()


# -- taking a backup ------------------------------------------------------------------------------


def _free_name(folder: Path, stem: str, now: datetime) -> Path:
    base = f"{stem}-{_stamp(now)}"
    candidate = folder / f"{base}{SUFFIX}"
    n = 1
    while candidate.exists():
        candidate = folder / f"{base}-{n}{SUFFIX}"
        n += 1
    return candidate


def _place(tmp: Path, final: Path) -> None:
    """Give ``tmp`` the name ``final`` without ever replacing an existing file."""
    if os.name == "nt":
        os.rename(tmp, final)  # fails when final exists
        return
    os.link(tmp, final)  # fails with EEXIST when final exists
    os.unlink(tmp)


def _unlink_all(paths: list[Path]) -> None:
    for p in paths:
        with contextlib.suppress(OSError):
            p.unlink()


def _check_folder(folder: Path, case_file: Path, *, default: bool) -> None:
    if folder.is_dir():
        return
    if folder.exists():
        raise CaseFileError(f"The backup folder {folder} is a file, not a folder.")
    if default and folder.parent.is_dir():
        try:
            folder.mkdir()
        except OSError as exc:
            raise os_error(exc, folder) from exc
        return
    raise CaseFileError(f"The backup folder {folder} does not exist (is the drive connected?); "
                        "create it or choose another folder.")


def backup_now(cf: CaseFile, folder: Path | None = None, *,
               now: datetime | None = None) -> BackupInfo:
    """Write one verified backup of ``cf`` into ``folder`` (default: the firm's backup folder)."""
    cf.require(Right.VIEW, "back up the case file")
    settings = get_settings(cf)
    default = folder is None and not settings.folder
    folder = Path(folder) if folder is not None else settings.folder_for(cf.path)
    _check_folder(folder, cf.path, default=default)
    now = now or datetime.now(UTC)
    final = _free_name(folder, cf.path.stem, now)
    tmp_db = folder / f".{final.name}.db{_PARTIAL}"
    tmp_box = folder / f".{final.name}{_PARTIAL}"
    leftovers = [tmp_db, keys_path(tmp_db), tmp_box]
    key = bytes.fromhex(db.key_hex(cf.engine))
    try:
        try:
            backups.copy_to(cf.engine, cf.path, tmp_db)
        except sqlcipher.DatabaseError as exc:
            raise db.translate(exc, final) from None
        slots = KeySlots.load(keys_path(tmp_db))
        try:
            entries = verify_database(tmp_db, key, slots)
        except DamagedBackup as exc:
            raise BackupFailed(f"The backup of {cf.path.name} failed verification ({exc}) and "
                               "was deleted.") from None
        header = {
            "format": FORMAT, "version": VERSION, "firm_id": cf.firm_id, "stem": cf.path.stem,
            "source": str(cf.path.resolve()), "taken": now.astimezone(UTC).isoformat(),
            "by": cf.user.username, "audit_entries": entries,
            "keys_size": keys_path(tmp_db).stat().st_size,
            "keys_sha256": _sha256_file(keys_path(tmp_db)),
            "db_size": tmp_db.stat().st_size, "db_sha256": _sha256_file(tmp_db),
        }
        _write_container(tmp_box, header, keys_path(tmp_db), tmp_db)
        try:
            verify_container(tmp_box)
        except DamagedBackup as exc:
            raise BackupFailed(f"The backup of {cf.path.name} failed verification after it was "
                               f"written ({exc}) and was deleted.") from None
        _place(tmp_box, final)
        with contextlib.suppress(OSError):
            fsync_dir(folder)
    except (OSError, StorageFull) as exc:
        _unlink_all(leftovers)
        translated = os_error(exc, folder) if isinstance(exc, OSError) else exc
        if isinstance(translated, StorageFull):
            raise StorageFull(f"The backup of {cf.path.name} could not be written to {folder} "
                              "(the disk is full or read-only); no partial backup was left "
                              "behind.") from exc
        raise translated from exc
    except BaseException:
        _unlink_all(leftovers)
        raise
    _unlink_all(leftovers)
    with contextlib.suppress(CasedeskError), cf.write() as s:
        audit.record_event(s, "firm", cf.firm_id, "backup", f"backed up to {final}")
    return read_header(final)


# -- finding and pruning backups ------------------------------------------------------------------


def list_backups(folder: Path, *, firm_id: str | None = None,
                 stem: str | None = None) -> list[BackupInfo]:
    """The backups in ``folder`` (of one firm, or whose case file had ``stem``), oldest first.
    Files that are not readable backups are skipped."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    found = []
    for p in folder.glob(f"*{SUFFIX}"):
        if p.name.startswith("."):
            continue
        try:
            info = read_header(p)
        except CasedeskError:
            continue
        if firm_id is not None and info.firm_id != firm_id:
            continue
        if firm_id is None and stem is not None and info.stem != stem:
            continue
        found.append(info)
    return sorted(found, key=lambda i: (i.taken, i.path.name))


def newest_backup(case_file: Path, folders: list[Path] | None = None) -> BackupInfo | None:
    """The newest intact backup of ``case_file`` in ``folders`` and its ``backups/`` folder;
    works when the case file itself is damaged (matched by the key file's firm, else by name)."""
    case_file = Path(case_file)
    firm_id = None
    with contextlib.suppress(CasedeskError):
        firm_id = KeySlots.load(keys_path(case_file)).firm_id
    seen: set[Path] = set()
    candidates: list[BackupInfo] = []
    for folder in [*(folders or []), backups.backup_dir(case_file)]:
        key = Path(folder).resolve()
        if key in seen:
            continue
        seen.add(key)
        candidates.extend(list_backups(folder, firm_id=firm_id, stem=case_file.stem))
    for info in sorted(candidates, key=lambda i: i.taken, reverse=True):
        with contextlib.suppress(CasedeskError, OSError):
            return verify_container(info.path)
    return None


def prune(folder: Path, firm_id: str, settings: BackupSettings,
          now: datetime | None = None) -> list[Path]:
    """Delete this firm's backups beyond ``keep_count`` or older than ``keep_days``, never the
    newest intact one; also removes hidden partial files older than a day.  Returns the deleted."""
    now = now or datetime.now(UTC)
    found = list_backups(folder, firm_id=firm_id)
    keep: Path | None = None
    for info in reversed(found):
        with contextlib.suppress(CasedeskError, OSError):
            keep = verify_container(info.path).path
            break
    deleted = []
    newest_first = list(reversed(found))
    for rank, info in enumerate(newest_first):
        if info.path == keep:
            continue
        too_many = rank >= settings.keep_count
        too_old = now - info.taken > timedelta(days=settings.keep_days)
        if keep is not None and (too_many or too_old):
            with contextlib.suppress(OSError):
                info.path.unlink()
                deleted.append(info.path)
    for p in Path(folder).glob(f".*{_PARTIAL}"):
        with contextlib.suppress(OSError):
            if now.timestamp() - p.stat().st_mtime > 86400:
                p.unlink()
    return deleted


@dataclass(frozen=True)
class BackupStatus:
    settings: BackupSettings
    folder: Path
    last: BackupInfo | None
    due: bool
    overdue: bool


def status(cf: CaseFile, now: datetime | None = None) -> BackupStatus:
    """When the last backup in the firm's backup folder was taken, and whether one is due."""
    now = now or datetime.now(UTC)
    settings = get_settings(cf)
    folder = settings.folder_for(cf.path)
    found = list_backups(folder, firm_id=cf.firm_id)
    last = found[-1] if found else None
    interval = timedelta(hours=settings.interval_hours)
    age = now - last.taken if last else None
    return BackupStatus(settings, folder, last, due=age is None or age >= interval,
                        overdue=age is None or age > interval + GRACE)


def scheduled_backup(cf: CaseFile, now: datetime | None = None) -> BackupInfo | None:
    """Back up when due under the firm's settings, then prune; ``None`` when not due."""
    st = status(cf, now)
    if not st.settings.enabled or not st.due:
        return None
    info = backup_now(cf, now=now)
    prune(info.path.parent, cf.firm_id, st.settings, now)
    return info


# -- restoring ------------------------------------------------------------------------------------


def _in_use(target: Path) -> Path | None:
    for p in (target, keys_path(target), Path(f"{target}-wal"), Path(f"{target}-shm"),
              Path(f"{target}-journal")):
        if p.exists() or p.is_symlink():
            return p
    return None


def check_restore_target(target: Path) -> None:
    """Refuse a target that exists or is in use, or whose folder is missing."""
    target = Path(target)
    if target.suffix != ".casedesk":
        raise ValidationError(f"The restored case file needs a name ending in .casedesk, not "
                              f"{target.name}.", field="target")
    busy = _in_use(target)
    if busy is not None:
        raise CaseFileError(f"{busy} already exists; casedesk restores only to a new file and "
                            "never over an existing or open case file.")
    if not target.parent.is_dir():
        raise CaseFileError(f"The folder {target.parent} does not exist.")


def _unpack(box: Path, info: BackupInfo, db_out: Path, keys_out: Path) -> None:
    header = info.header
    offset = len(MAGIC) + 4 + len(_header_bytes(header))
    with box.open("rb") as src:
        src.seek(offset)
        for out, size, digest in ((keys_out, header["keys_size"], header["keys_sha256"]),
                                  (db_out, header["db_size"], header["db_sha256"])):
            h = hashlib.sha256()
            with out.open("xb") as fh:
                remaining = int(size)
                while remaining:
                    chunk = src.read(min(_CHUNK, remaining))
                    if not chunk:
                        raise DamagedBackup(f"The backup {box.name} is damaged (it is truncated);"
                                            " nothing was restored.")
                    fh.write(chunk)
                    h.update(chunk)
                    remaining -= len(chunk)
                fh.flush()
                os.fsync(fh.fileno())
            if h.hexdigest() != digest:
                raise DamagedBackup(f"The backup {box.name} is damaged (its content was altered);"
                                    " nothing was restored.")


@dataclass(frozen=True)
class Restored:
    path: Path
    backup: BackupInfo
    audit_entries: int


def restore(backup: Path, target: Path, *, username: str | None = None,
            password: str | None = None, recovery_key: str | None = None,
            progress: Callable[[str], None] | None = None) -> Restored:
    """Restore ``backup`` as a new case file ``target`` (plus its key file).

    The backup must unlock with ``username``/``password`` or ``recovery_key`` as they were when it
    was taken, and pass every check; otherwise nothing is written at ``target``.
    """
    backup, target = Path(backup), Path(target)
    check_restore_target(target)
    say = progress or (lambda _msg: None)
    say("checking the backup file")
    info = verify_container(backup)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".restoring",
                                dir=target.parent)
    os.close(fd)
    tmp_db = Path(name)
    tmp_db.unlink()
    tmp_keys = keys_path(tmp_db)
    placed: list[Path] = []
    try:
        _unpack(backup, info, tmp_db, tmp_keys)
        say("unlocking the backup")
        slots = KeySlots.load(tmp_keys)
        if slots.firm_id != info.firm_id:
            raise DamagedBackup(f"The key file in {backup.name} belongs to another firm.")
        if recovery_key is not None:
            master = slots.unlock_recovery(recovery_key)
        elif username is not None and password is not None:
            user = username.strip().lower()
            if user == RECOVERY_USER:
                raise AuthenticationError("Wrong user name or password.")
            master = slots.unlock(user, password)
        else:
            raise ValidationError("Restoring needs a user name and password (or the recovery "
                                  "key) that were valid when the backup was taken.")
        say("verifying the backup")
        entries = verify_database(tmp_db, crypto.subkey(master, "sqlcipher"), slots)
        busy = _in_use(target)
        if busy is not None:
            raise CaseFileError(f"{busy} appeared while restoring; nothing was written there.")
        _place(tmp_keys, keys_path(target))
        placed.append(keys_path(target))
        _place(tmp_db, target)
        placed.append(target)
        with contextlib.suppress(OSError):
            fsync_dir(target.parent)
    except OSError as exc:
        _unlink_all([tmp_db, tmp_keys, *placed])
        raise os_error(exc, target) from exc
    except BaseException:
        _unlink_all([tmp_db, tmp_keys, *placed])
        raise
    return Restored(target, info, entries)


def default_restore_target(case_file: Path, taken: datetime | None = None) -> Path:
    """A free name beside ``case_file`` for a restored copy (``firm-restored-<time>.casedesk``)."""
    stamp = _stamp(taken or datetime.now(UTC))
    base = case_file.parent / f"{case_file.stem}-restored-{stamp}"
    candidate, n = Path(f"{base}.casedesk"), 1
    while _in_use(candidate) is not None:
        candidate, n = Path(f"{base}-{n}.casedesk"), n + 1
    return candidate


def iter_backup_folders(values: Any) -> Iterator[Path]:
    """Paths from a stored list of folders (QSettings hands back str or list)."""
    if isinstance(values, str):
        values = [values]
    for v in values or []:
        if v:
            yield Path(str(v))

