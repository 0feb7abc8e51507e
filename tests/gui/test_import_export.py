"""File ▸ Import… / Export…: the report, errors as the core's sentence, cancellation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from casedesk.core.errors import ImportDataError
from casedesk.core.interchange import export_document
from casedesk.core.services import queries
from casedesk.core.services.queries import ListQuery
from casedesk.gui.context import AppContext
from casedesk.gui.interchange_actions import Cancelled, Job
from casedesk.gui.main_window import MainWindow

pytestmark = pytest.mark.gui

DOC = {"format": "casedesk", "version": 1, "clients": [
    {"id": "X-1", "kind": "person", "name": "Zacharias Importovic", "email": "z@example.com"},
    {"id": "X-2", "kind": "organisation", "name": "Importhaus Ζ Α.Ε."},
]}


@pytest.fixture
def window(qtbot, ctx: AppContext) -> MainWindow:  # type: ignore[no-untyped-def]
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    return win


def _client_names(ctx: AppContext) -> set[str]:
    return {r.name for r in queries.contacts(ctx.cf, ListQuery(text="Import"))}


def test_import_through_the_file_menu_shows_the_clients(
        window: MainWindow, ctx: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        shown_errors: list[BaseException]) -> None:
    src = tmp_path / "clients.json"
    src.write_text(json.dumps(DOC, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(src), ""))
    assert window.import_export.act_import in window.menu_file.actions()
    window.import_export.act_import.trigger()
    assert shown_errors == []
    box = window.import_export.report_box
    assert box is not None
    assert "Clients: 2 created, 0 updated, 0 unchanged" in box.text()
    names = [r.name for r in window.clients.model.rows]
    assert "Zacharias Importovic" in names  # the pane refreshed
    assert _client_names(ctx) >= {"Zacharias Importovic", "Importhaus Ζ Α.Ε."}

    window.import_export.import_file(src)  # the same file again changes nothing
    assert "Clients: 0 created, 0 updated, 2 unchanged" in window.import_export.report_box.text()


def test_a_bad_import_file_shows_the_sentence_and_changes_nothing(
        window: MainWindow, ctx: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        shown_errors: list[BaseException]) -> None:
    before = export_document(ctx.cf)
    bad = dict(DOC, clients=[DOC["clients"][0], {"id": "X-3", "kind": "person", "name": ""}])
    src = tmp_path / "bad.json"
    src.write_text(json.dumps(bad), encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(src), ""))
    window.import_export.act_import.trigger()
    assert len(shown_errors) == 1
    assert isinstance(shown_errors[0], ImportDataError)
    assert "clients" in str(shown_errors[0]) and "name" in str(shown_errors[0])
    assert window.import_export.report_box is None
    assert export_document(ctx.cf) == before

    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    window.import_export.import_file(broken)
    assert str(shown_errors[1]).startswith("broken.json is not valid JSON")
    assert export_document(ctx.cf) == before


def test_export_writes_the_file(window: MainWindow, ctx: AppContext, tmp_path: Path,
                                monkeypatch: pytest.MonkeyPatch,
                                shown_errors: list[BaseException]) -> None:
    target = tmp_path / "out.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.import_export.act_export.trigger()
    assert shown_errors == []
    doc = json.loads(target.read_text(encoding="utf-8"))
    assert doc["format"] == "casedesk" and doc["clients"]
    assert doc == export_document(ctx.cf)
    assert not (tmp_path / "out.json.part").exists()

    ics = tmp_path / "cal.ics"
    window.import_export.export_ics(ics)
    assert ics.read_bytes().startswith(b"BEGIN:VCALENDAR")


def test_cancel_before_the_write_changes_nothing_and_is_refused_after(
        window: MainWindow, ctx: AppContext, tmp_path: Path,
        shown_errors: list[BaseException]) -> None:
    job = Job()
    assert job.cancel()
    with pytest.raises(Cancelled):
        job.start_commit()
    late = Job()
    late.check("read")
    late.start_commit()
    assert not late.cancel()  # the write has started: Cancel is refused
    assert late.committing and not late.cancelled

    # A cancel that lands while the file is being checked: nothing is written.
    src = tmp_path / "clients.json"
    src.write_text(json.dumps(DOC), encoding="utf-8")
    from casedesk.core import interchange

    real_check = interchange.check_document
    holder: dict[str, Job] = {}

    def check_and_cancel(doc: object) -> object:
        holder["job"] = window.import_export.last_job  # type: ignore[assignment]
        holder["job"].cancel()
        return real_check(doc)

    before = export_document(ctx.cf)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(interchange, "check_document", check_and_cancel)
        window.import_export.import_file(src)
    assert shown_errors == []
    assert window.import_export.report_box is None
    assert "nothing was changed" in window.statusBar().currentMessage()
    assert export_document(ctx.cf) == before
