"""Schema migrations (Alembic, bundled in the package) applied when a case file opens."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

from casedesk.core.errors import CaseFileError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def _config(conn: Connection | None = None) -> Any:
    from alembic.config import Config  # imported only when a migration runs (start-up time)

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if conn is not None:
        cfg.attributes["connection"] = conn
    return cfg


_REVISION = re.compile(r'^revision: str = ["\'](\w+)["\']', re.M)
_DOWN = re.compile(r'^down_revision: str \| None = (?:["\'](\w+)["\']|None)', re.M)


@cache
def _graph() -> dict[str, str | None]:
    """revision → down_revision, read from the migration files without importing Alembic
    (opening a file must be fast; a test checks this agrees with Alembic)."""
    graph: dict[str, str | None] = {}
    for path in sorted((MIGRATIONS / "versions").glob("*.py")):
        source = path.read_text(encoding="utf-8")
        rev, down = _REVISION.search(source), _DOWN.search(source)
        if rev and down:
            graph[rev.group(1)] = down.group(1)
    return graph


@cache
def head() -> str:
    """The newest schema revision this casedesk knows."""
    graph = _graph()
    parents = {d for d in graph.values() if d}
    heads = [r for r in graph if r not in parents]
    assert len(heads) == 1, f"migrations have {len(heads)} heads: {heads}"
    return heads[0]


@cache
def known_revisions() -> frozenset[str]:
    return frozenset(_graph())


def current(conn: Connection) -> str | None:
    has_table = conn.execute(
        text("SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'")
    ).first()
    if not has_table:
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(conn: Connection) -> None:
    from alembic import command

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
