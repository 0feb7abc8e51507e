"""Opening an encrypted case file: SQLCipher 4 through SQLAlchemy 2.

The database key is a raw 256-bit key (derived from the firm master key), passed as
``PRAGMA key = "x'…'"`` so SQLCipher skips its own password KDF.  SQLCipher's defaults are kept
otherwise.  Every connection gets: WAL journal, foreign keys on, a busy timeout, temp tables in
memory (so nothing readable is spilled to disk) and SQLCipher's own logging silenced.

Write sessions begin with ``BEGIN IMMEDIATE`` so a second writer waits (up to the busy timeout)
for the write lock instead of failing half-way; readers never block writers in WAL mode.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.pool import QueuePool

from casedesk.core.errors import CaseFileBusy, CaseFileError, DamagedCaseFile

BUSY_TIMEOUT_S = 10.0
SQLITE_HEADER = b"SQLite format 3\x00"


def _pragmas(con: Any, key_hex: str, *, create: bool) -> None:
    cur = con.cursor()
    cur.execute("PRAGMA cipher_log_level = NONE")
    cur.execute(f"PRAGMA key = \"x'{key_hex}'\"")
    cur.execute("PRAGMA temp_store = MEMORY")
    # Raises "file is not a database" here when the key is wrong or the file is damaged.
    cur.execute("SELECT count(*) FROM sqlite_master").fetchone()
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = FULL")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
    cur.close()


def connect(path: Path, key: bytes, *, create: bool = False) -> Any:
    """One raw sqlcipher3 connection, keyed and configured (autocommit: we issue BEGIN)."""
    con = sqlcipher.connect(
        str(path), timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
    )
    try:
        _pragmas(con, key.hex(), create=create)
    except Exception:
        con.close()
        raise
    return con


def probe_file(path: Path) -> None:
    """Reject files that cannot be a SQLCipher case file before trying to decrypt them."""
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(16)
    except FileNotFoundError:
        raise CaseFileError(f"There is no case file at {path}.") from None
    except IsADirectoryError:
        raise CaseFileError(f"{path} is a folder, not a case file.") from None
    if head == SQLITE_HEADER:
        raise CaseFileError(
            f"{path.name} is an unencrypted SQLite database, not a casedesk case file."
        )
    if size < 1024 or size % 512:
        raise DamagedCaseFile(
            f"The case file {path.name} is damaged (it is truncated: {size} bytes)."
        )


def file_salt(path: Path) -> str:
    """The first 16 bytes of a SQLCipher file: its salt, which pairs it with its key file."""
    with path.open("rb") as fh:
        return fh.read(16).hex()


_KEYS: weakref.WeakKeyDictionary[Engine, str] = weakref.WeakKeyDictionary()


def key_hex(engine: Engine) -> str:
    return _KEYS[engine]


def make_engine(path: Path, key: bytes) -> Engine:
    """An engine whose connections are keyed.  Sessions on ``engine.execution_options(
    casedesk_write=True)`` begin with ``BEGIN IMMEDIATE``."""

    def creator() -> Any:
        try:
            return connect(path, key)
        except sqlcipher.DatabaseError as exc:
            raise translate(exc, path) from None

    engine = create_engine(
        "sqlite://", creator=creator, module=sqlcipher, poolclass=QueuePool,
        pool_size=4, max_overflow=4,
    )
    _KEYS[engine] = key.hex()  # for online backups of this engine's file

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        write = conn.get_execution_options().get("casedesk_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def translate(exc: BaseException, path: Path) -> Exception:
    """Map SQLite/SQLCipher failures to known errors where they are the environment's fault."""
    msg = str(getattr(exc, "orig", None) or exc).lower()
    if "database is locked" in msg or "database is busy" in msg:
        return CaseFileBusy(
            f"The case file {path.name} is busy: another casedesk is writing to it. "
            "Try again in a moment."
        )
    if "disk is full" in msg or "database or disk is full" in msg:
        from casedesk.core.errors import StorageFull

        return StorageFull(f"The disk holding {path.name} is full; nothing was changed.")
    if "readonly" in msg or "read-only" in msg:
        from casedesk.core.errors import StorageFull

        return StorageFull(f"The case file {path.name} is read-only; nothing was changed.")
    if "not a database" in msg or "malformed" in msg or "corrupt" in msg:
        return DamagedCaseFile(f"The case file {path.name} is damaged ({msg}).")
    return exc if isinstance(exc, Exception) else RuntimeError(str(exc))


@contextmanager
def raw_cursor(conn: Any) -> Iterator[Any]:
    """The DB-API cursor under a SQLAlchemy connection (or session), closed afterwards.  Large
    batches go through it: one ``executemany`` costs far less than SQLAlchemy's per-row
    parameter processing (imports, audit rows, sync)."""
    from sqlalchemy.orm import Session

    if isinstance(conn, Session):
        conn = conn.connection()
    cursor = conn.connection.driver_connection.cursor()
    try:
        yield cursor
    finally:
        cursor.close()


def executemany(conn: Any, sql: str, rows: Iterable[Sequence[Any]]) -> None:
    """One DB-API ``executemany`` of ``sql`` over ``rows`` (see :func:`raw_cursor`)."""
    with raw_cursor(conn) as cursor:
        cursor.executemany(sql, rows)
