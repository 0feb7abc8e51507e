"""``casedesk --self-test``: check that this installation (a source checkout, a wheel, or a
standalone bundle) has everything it needs, without touching the user's files.

It builds a small demo case file in a temporary folder (cheap key derivation), opens it, checks
the SQLCipher build (``PRAGMA cipher_version``, the file is really encrypted) and FTS5, loads the
shipped rule sets, questionnaires and templates through :func:`casedesk.resources.resource_path`
and drafts a document, loads the forms and the translation, and renders the main window once
(offscreen when there is no display).  It prints one line per check and returns 0, or 1 naming
the checks that failed.
"""

from __future__ import annotations

import os
import platform
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from casedesk import __version__

__all__ = ["run_self_test"]

Check = Callable[[], str]


class _State:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / "selftest.casedesk"
        self.cf: Any = None


def _check_resources() -> str:
    from casedesk.resources import data_root, resource_path

    found = []
    for parts, pattern in ((("rules",), "*.toml"), (("templates",), "*.docx"),
                           (("intake",), "*.toml"), (("translations",), "*.qm"),
                           (("icons",), "*.png"), (("forms",), "*.ui")):
        folder = resource_path(*parts)
        files = sorted(folder.glob(pattern)) if folder.is_dir() else []
        if not files:
            raise RuntimeError(f"no {pattern} in {folder}")
        found.append(f"{len(files)} {parts[0]}")
    return f"{data_root()}: " + ", ".join(found)


def _check_case_file(state: _State) -> str:
    from casedesk.core import crypto
    from casedesk.core.casefile import CaseFile
    from casedesk.core.demo import DEMO_CASE_MANAGER, PASSWORD, build_demo

    counts = build_demo(state.path, kdf=crypto.TEST_KDF)
    state.cf = CaseFile.open(state.path, DEMO_CASE_MANAGER, PASSWORD)
    summary = ", ".join(f"{v} {k}" for k, v in list(counts.items())[:3]
                        if isinstance(v, int))
    return f"demo firm created and opened ({summary})"


def _check_sqlcipher(state: _State) -> str:
    with state.cf.engine.connect() as conn:
        version = conn.exec_driver_sql("PRAGMA cipher_version").scalar()
        provider = conn.exec_driver_sql("PRAGMA cipher_provider").scalar()
        sqlite = conn.exec_driver_sql("SELECT sqlite_version()").scalar()
    if not version:
        raise RuntimeError("PRAGMA cipher_version is empty: this SQLite is not SQLCipher")
    with open(state.path, "rb") as fh:
        if fh.read(16) == b"SQLite format 3\x00":
            raise RuntimeError("the case file was written unencrypted")
    return f"SQLCipher {version} ({provider}), SQLite {sqlite}; the file is encrypted"


def _check_fts5(state: _State) -> str:
    import sqlcipher3.dbapi2 as sqlcipher

    mem = sqlcipher.connect(":memory:")
    try:
        mem.execute("CREATE VIRTUAL TABLE t USING fts5(body)")
        mem.execute("INSERT INTO t(body) VALUES ('notice of appeal filed')")
        hits = mem.execute("SELECT count(*) FROM t WHERE t MATCH 'appeal'").fetchone()[0]
    finally:
        mem.close()
    if hits != 1:
        raise RuntimeError("an FTS5 query found nothing")
    with state.cf.engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT count(*) FROM search_fts").scalar()
    return f"FTS5 works; the case file's search index has {rows} rows"


def _check_rules() -> str:
    from casedesk.core.rules import load_rule_sets, shipped_rules_dir

    sets = load_rule_sets()
    if not sets:
        raise RuntimeError(f"no rule sets in {shipped_rules_dir()}")
    return f"{len(sets)} rule sets: " + ", ".join(getattr(s, "id", "?") for s in sets)


def _check_questionnaires() -> str:
    from casedesk.core.intake import load_questionnaires, shipped_dir

    found = load_questionnaires()
    if not found:
        raise RuntimeError(f"no questionnaires in {shipped_dir()}")
    return f"{len(found)} questionnaires: " + ", ".join(sorted(found))


def _check_templates(state: _State) -> str:
    from sqlalchemy import select

    from casedesk.core.drafting import list_shipped_templates, shipped_templates_dir
    from casedesk.core.models import Matter
    from casedesk.core.services import drafts

    shipped = list_shipped_templates()
    if not shipped:
        raise RuntimeError(f"no templates in {shipped_templates_dir()}")
    with state.cf.read() as s:
        matter_id = s.scalars(select(Matter.id).order_by(Matter.number).limit(1)).one()
    name = "engagement_letter" if "engagement_letter" in shipped else next(iter(shipped))
    _filename, data = drafts.render(state.cf, matter_id, name)
    if not data.startswith(b"PK"):
        raise RuntimeError(f"drafting {name} did not produce a .docx")
    return f"{len(shipped)} templates; drafted {name} ({len(data) // 1024} KiB)"


def _check_gui(state: _State) -> str:
    from casedesk.gui.selftest import render_once

    return render_once(state.cf, state.folder)


def run_self_test(out: TextIO | None = None, *, gui: bool = True) -> int:
    out = out or sys.stdout
    frozen = "bundle" if getattr(sys, "frozen", False) else "python"
    print(f"casedesk {__version__} self-test ({frozen}, Python {platform.python_version()}, "
          f"{platform.system()} {platform.machine()})", file=out)
    failed: list[str] = []
    with tempfile.TemporaryDirectory(prefix="casedesk-selftest-") as tmp:
        state = _State(Path(tmp))
        checks: list[tuple[str, Check]] = [
            ("resources", _check_resources),
            ("case file", lambda: _check_case_file(state)),
            ("sqlcipher", lambda: _check_sqlcipher(state)),
            ("fts5", lambda: _check_fts5(state)),
            ("rule sets", _check_rules),
            ("questionnaires", _check_questionnaires),
            ("templates", lambda: _check_templates(state)),
        ]
        if gui:
            checks.append(("gui", lambda: _check_gui(state)))
        needs_case_file = {"sqlcipher", "fts5", "templates", "gui"}
        try:
            for name, check in checks:
                if name in needs_case_file and state.cf is None:
                    print(f"SKIP {name}: no case file", file=out)
                    failed.append(name)
                    continue
                started = time.perf_counter()
                try:
                    detail = check()
                except Exception as exc:
                    failed.append(name)
                    print(f"FAIL {name}: {type(exc).__name__}: {exc}", file=out)
                    if os.environ.get("CASEDESK_SELFTEST_DEBUG"):
                        traceback.print_exc(file=out)
                    continue
                ms = (time.perf_counter() - started) * 1000
                print(f"ok   {name}: {detail} [{ms:.0f} ms]", file=out)
        finally:
            if state.cf is not None:
                state.cf.close()
    if failed:
        print(f"self-test FAILED: {', '.join(failed)}", file=out)
        return 1
    print("self-test passed", file=out)
    return 0
