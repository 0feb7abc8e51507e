"""Migrations run when a file opens, after an encrypted backup copy is made."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import text

from casedesk.core.casefile import CaseFile
from casedesk.core.services import contacts
from casedesk.core.storage import backups, db, migrate
from tests.support import ADMIN_PW


def test_models_and_migrations_agree(cf: CaseFile) -> None:
    """The tables the migrations create are the tables the models declare."""
    from casedesk.core import models_registry  # noqa: F401
    from casedesk.core.models import Base

    with cf.engine.connect() as conn:
        tables = {r[0] for r in conn.execute(text(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE 'search_fts%'"))}
        assert set(Base.metadata.tables) <= tables
        for name, table in Base.metadata.tables.items():
            cols = {r[1] for r in conn.execute(text(f"PRAGMA table_info('{name}')"))}
            assert set(table.columns.keys()) == cols, name


def test_an_older_file_is_backed_up_then_upgraded(cf: CaseFile, case_path: Path) -> None:
    contacts.create(cf, name="Before the upgrade", is_client=True)
    with cf.engine.begin() as conn:  # make it look like a file written before migration 0004
        cfg = migrate._config(conn)
        command.downgrade(cfg, "0003")
    cf.close()
    assert not (case_path.parent / "backups").exists()

    reopened = CaseFile.open(case_path, "admin", ADMIN_PW)
    key = bytes.fromhex(db.key_hex(reopened.engine))
    with reopened.engine.connect() as conn:
        assert migrate.current(conn) == migrate.head()
        assert conn.execute(text("SELECT count(*) FROM intake_drafts")).scalar() == 0
    reopened.close()

    copies = list((case_path.parent / "backups").glob("*-pre-migration.casedesk"))
    assert [backups.newest(case_path)] == copies
    raw = db.connect(copies[0], key)  # the copy is encrypted with the same key, as it was
    try:
        assert raw.execute("SELECT version_num FROM alembic_version").fetchone() == ("0003",)
        names = [r[0] for r in raw.execute("SELECT name FROM contacts")]
        assert names == ["Before the upgrade"]
    finally:
        raw.close()
    assert b"Before the upgrade" not in copies[0].read_bytes()


def test_fast_head_lookup_agrees_with_alembic() -> None:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(migrate._config())
    assert migrate.head() == script.get_current_head()
    assert migrate.known_revisions() == {s.revision for s in script.walk_revisions()}
