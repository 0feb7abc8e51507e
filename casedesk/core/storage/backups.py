"""Encrypted backup copies of a case file, kept in a ``backups/`` folder beside it.

A copy is taken with SQLite's online backup API into a new file keyed with the same key (so it is
as encrypted as the original), together with a copy of the key-slot file, so each backup opens with
the same passwords as the case file had when it was taken.
"""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import Engine

from casedesk.core.keyslots import KeySlots, keys_path
from casedesk.core.storage import db

KEEP = 10
SUFFIX = ".casedesk"


def backup_dir(case_file: Path) -> Path:
    return case_file.parent / "backups"


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")


def copy_to(engine: Engine, case_file: Path, dest: Path) -> Path:
    """Online-backup the open database into ``dest`` (a new file) plus its key file."""
    if dest.exists():
        raise FileExistsError(dest)
    raw = engine.raw_connection()
    try:
        src = raw.driver_connection
        target = db.sqlcipher.connect(str(dest), isolation_level=None)
        try:
            target.execute("PRAGMA cipher_log_level = NONE")
            target.execute(f"PRAGMA key = \"x'{db.key_hex(engine)}'\"")
            src.backup(target)
            target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()
    except BaseException:
        with contextlib.suppress(OSError):
            dest.unlink()
        raise
    finally:
        raw.close()
    slots = KeySlots.load(keys_path(case_file))
    slots.file_salt = db.file_salt(dest)
    slots.save(keys_path(dest))
    return dest


def pre_migration_copy(case_file: Path, engine: Engine) -> Path:
    folder = backup_dir(case_file)
    folder.mkdir(exist_ok=True)
    dest = folder / f"{case_file.stem}-{_stamp()}-pre-migration{SUFFIX}"
    copy_to(engine, case_file, dest)
    rotate(case_file, "pre-migration")
    return dest


def rotate(case_file: Path, label: str, keep: int = KEEP) -> None:
    found = sorted(backup_dir(case_file).glob(f"{case_file.stem}-*-{label}{SUFFIX}"))
    for old in found[:-keep]:
        for p in (old, keys_path(old)):
            with contextlib.suppress(OSError):
                p.unlink()


def newest(case_file: Path) -> Path | None:
    folder = backup_dir(case_file)
    if not folder.is_dir():
        return None
    found = [p for p in folder.glob(f"{case_file.stem}-*{SUFFIX}") if keys_path(p).exists()]
    return max(found, key=lambda p: p.stat().st_mtime) if found else None
