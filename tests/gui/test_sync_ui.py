"""Sync in the GUI: the Settings section, the status bar, the conflicts pane (issue 7)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QSettings, Qt
from PySide6.QtWidgets import QFileDialog

from casedesk.core.casefile import CaseFile
from casedesk.core.models import Contact
from casedesk.core.services import contacts
from casedesk.core.sync import api
from casedesk.core.sync.join import join
from casedesk.gui import sync_ui
from casedesk.gui.context import AppContext
from casedesk.gui.main_window import MainWindow
from casedesk.gui.settings_dialog import SettingsDialog
from casedesk.gui.tasks import SyncRunner, ThreadRunner
from tests.support import ADMIN_PW

pytestmark = pytest.mark.gui


@pytest.fixture
def share(tmp_path: Path) -> Path:
    d = tmp_path / "share"
    d.mkdir()
    return d


def make_window(qtbot, ctx: AppContext) -> MainWindow:  # type: ignore[no-untyped-def]
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    return win


@pytest.fixture
def window(qtbot, ctx: AppContext) -> MainWindow:  # type: ignore[no-untyped-def]
    return make_window(qtbot, ctx)


def test_settings_choose_share_and_sync_now_shows_last_sync(
        qtbot, window: MainWindow, ctx: AppContext, share: Path,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch, shown_errors: list[BaseException]) -> None:
    assert window.sync_label.text() == "Sync: not set up"
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        staticmethod(lambda *a, **k: str(share)))
    dialog = SettingsDialog(ctx.settings, window)
    qtbot.addWidget(dialog)
    section = dialog.sync_section
    assert section.isEnabled() and section.minutes.value() == sync_ui.DEFAULT_MINUTES
    section.browse.click()
    assert section.folder.text() == str(share)
    section.minutes.setValue(7)
    section.sync_button.click()  # saves the folder, then syncs (SyncRunner: at once)
    assert ctx.settings.value(sync_ui.share_key(ctx.cf.firm_id)) == str(share)
    assert sync_ui.interval_minutes(ctx.settings) == 7
    assert window.sync_ui.timer.interval() == 7 * 60 * 1000
    assert window.sync_label.text().startswith("Last sync: ")
    assert "pending" not in window.sync_label.text()
    assert section.status.text() == window.sync_label.text()
    assert (share / "devices" / ctx.cf.device_id).is_dir()
    assert api.last_sync(ctx.cf) is not None and shown_errors == []
    # a local edit makes a pending change, shown after the (coalesced) refresh
    contacts.create(ctx.cf, name="New Client", is_client=True)
    ctx.notify({"contact"})
    window.sync_ui.pending_timer.timeout.emit()
    assert window.sync_ui.pending and window.sync_ui.pending > 0
    assert f"{window.sync_ui.pending} pending" in window.sync_label.text()


def _ctx(cf: CaseFile, settings: QSettings) -> AppContext:
    return AppContext(cf, SyncRunner(), settings, QLocale(QLocale.Language.English))


@pytest.fixture
def other(cf: CaseFile, share: Path, tmp_path: Path) -> Iterator[CaseFile]:
    api.sync_now(cf, share)
    b = join(share, tmp_path / "laptop.casedesk", "admin", ADMIN_PW)
    try:
        yield b
    finally:
        b.close()


def test_conflict_is_listed_with_both_values_and_resolved_everywhere(
        qtbot, qapp, cf: CaseFile, other: CaseFile, share: Path,  # type: ignore[no-untyped-def]
        tmp_path: Path, shown_errors: list[BaseException]) -> None:
    settings = QSettings(str(tmp_path / "a.ini"), QSettings.Format.IniFormat)
    ctx = _ctx(cf, settings)
    win = make_window(qtbot, ctx)
    ctl: sync_ui.SyncController = win.sync_ui
    ctl.set_share(str(share), 5)
    c = contacts.create(cf, name="Anna Client", is_client=True)
    assert ctl.sync_now()
    api.sync_now(other, share)
    with cf.write() as s:
        s.get(Contact, c.id).phones = ["+30 210 1111111"]
    with other.write() as s:
        s.get(Contact, c.id).phones = ["+30 210 2222222"]
    api.sync_now(other, share)
    seen: list[set[str]] = []
    ctx.changed.connect(seen.append)
    assert ctl.sync_now()  # pulls the laptop's edit: a conflict
    assert {"contact"} <= seen[-1]
    assert "1 conflicts" in win.sync_label.text()
    pane = ctl.pane
    assert len(pane.rows) == 1 and pane.table.rowCount() == 1
    cells = [pane.table.item(0, j).text() for j in range(5)]
    assert "Anna Client" in cells[0] and cells[1] == "phones"
    assert "2222222" in cells[2] + cells[3] and "1111111" in cells[2] + cells[3]
    assert "admin" in cells[2] and "admin" in cells[3]
    # the status-bar label opens the pane
    qtbot.mouseClick(win.sync_label, Qt.MouseButton.LeftButton)
    assert win.stack.currentWidget() is pane
    # pick the value that is not in place now
    in_place = api.open_conflicts(cf)[0].winner_value
    wanted = api.open_conflicts(cf)[0].loser_value
    assert in_place != wanted
    pane.table.selectRow(0)
    assert pane.other_button.isEnabled()
    pane.other_button.click()
    assert api.open_conflicts(cf) == [] and pane.table.rowCount() == 0
    with cf.read() as s:
        assert s.get(Contact, c.id).phones == json.loads(wanted)
    assert ctl.sync_now()
    api.sync_now(other, share)
    assert api.open_conflicts(other) == []
    with other.read() as s:
        assert s.get(Contact, c.id).phones == json.loads(wanted)
    assert shown_errors == []


def test_unreachable_share_shows_the_error_and_does_not_block(
        qtbot, qapp, demo_cf: CaseFile, tmp_path: Path,  # type: ignore[no-untyped-def]
        shown_errors: list[BaseException]) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    runner = ThreadRunner()
    ctx = AppContext(demo_cf, runner, settings, QLocale(QLocale.Language.English))
    try:
        win = make_window(qtbot, ctx)
        ctl: sync_ui.SyncController = win.sync_ui
        ctl.set_share(str(tmp_path / "unplugged-drive"), 5)
        assert ctl.sync_now()
        assert ctl.busy and win.sync_label.text() == "Sync: syncing…"
        assert not ctl.sync_now()  # never two at once: queued to run again after this one
        qtbot.waitUntil(lambda: not ctl.busy and not ctl.again, timeout=20_000)
        runner.wait_idle()
        qtbot.waitUntil(lambda: "failed" in win.sync_label.text(), timeout=20_000)
        assert win.sync_label.text().startswith("Sync failed: share not reachable")
        assert "unplugged-drive" in win.sync_label.toolTip()
        assert "tried again" in win.sync_label.toolTip()
        assert shown_errors == []
        contacts.create(ctx.cf, name="Still Working", is_client=True)  # local work goes on
        ctl.set_share(str(tmp_path), 5)  # the drive is back: the next sync succeeds
        ctl.tick()
        qtbot.waitUntil(lambda: win.sync_label.text().startswith("Last sync: "), timeout=60_000)
    finally:
        runner.wait_idle()


def test_newer_format_shows_update_needed(window: MainWindow) -> None:
    ctl: sync_ui.SyncController = window.sync_ui
    ctl.newer = ["devices/x/changes/000001: written by a newer casedesk"]
    ctl.show_status()
    assert not ctl.update_label.isHidden()
    assert ctl.update_label.text() == "casedesk must be updated"
    assert not ctl.pane.banner.isHidden()
