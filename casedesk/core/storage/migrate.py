"""Schema migrations (Alembic, bundled in the package) applied when a case file opens."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import Connection

from casedesk.core.errors import CaseFileError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def _config(conn: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if conn is not None:
        cfg.attributes["connection"] = conn
    return cfg


@cache
def head() -> str:
    """The newest schema revision this casedesk knows."""
    rev = ScriptDirectory.from_config(_config()).get_current_head()
    assert rev is not None
    return rev


@cache
def known_revisions() -> frozenset[str]:
    return frozenset(s.revision for s in ScriptDirectory.from_config(_config()).walk_revisions())


def current(conn: Connection) -> str | None:
    has_table = conn.execute(
        text("SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'")
    ).first()
    if not has_table:
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(conn: Connection) -> None:
    command.upgrade(_config(conn), "head")


def ensure_current(conn: Connection, path: Path, backup: Callable[[], object]) -> None:
    """Bring an existing case file to the current schema, backing it up first."""
    rev = current(conn)
    if rev == head():
        return
    if rev is None:
        raise CaseFileError(f"{path.name} is not a casedesk case file (it has no schema).")
    if rev not in known_revisions():
        raise CaseFileError(
            f"{path.name} was written by a newer casedesk (schema {rev}); "
            "please update casedesk on this computer."
        )
    backup()
    upgrade(conn)
