"""The ethical-wall dialog of a matter workspace, and the firm-key rotation admin action."""

from __future__ import annotations

import importlib.util
import types
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale, QSettings, Qt
from PySide6.QtWidgets import QMessageBox

from casedesk.core.casefile import CaseFile
from casedesk.core.errors import CaseFileBusy, PermissionDenied
from casedesk.core.models import User
from casedesk.core.services import queries
from casedesk.gui import walls_ui
from casedesk.gui.context import AppContext
from casedesk.gui.main_window import MainWindow
from casedesk.gui.tasks import Progress, SyncRunner, ThreadRunner
from casedesk.gui.walls_ui import WallDialog
from casedesk.gui.workspace import MatterWorkspace

pytestmark = pytest.mark.gui

KEY = "RK-7F3Q-2MZ8-X4PA-9KLD-W2TE"


def _ctx(cf: CaseFile, tmp_path: Path, runner: Any = None) -> AppContext:
    settings = QSettings(str(tmp_path / f"{cf.user.username}.ini"), QSettings.Format.IniFormat)
    return AppContext(cf, runner or SyncRunner(), settings, QLocale(QLocale.Language.English))


@pytest.fixture
def admin_ctx(qapp: object, demo_path: Path, tmp_path: Path,
              shown_errors: list[BaseException]) -> Iterator[AppContext]:
    cf = CaseFile.open(demo_path, "admin", "demo")
    try:
        yield _ctx(cf, tmp_path)
    finally:
        cf.close()


def visible_to(demo_path: Path, username: str) -> set[str]:
    with CaseFile.open(demo_path, username, "demo") as cf:
        return {r.id for r in queries.matters(cf)}


def workspace(qtbot: Any, ctx: AppContext, matter_id: str) -> MatterWorkspace:
    ws = MatterWorkspace(ctx, matter_id)
    qtbot.addWidget(ws)
    return ws


def test_wall_dialog_restricts_and_lifts_through_the_core(
        qtbot: Any, admin_ctx: AppContext, demo_path: Path,
        shown_errors: list[BaseException]) -> None:
    matter = queries.matters(admin_ctx.cf)[0]
    ws = workspace(qtbot, admin_ctx, matter.id)
    wall: walls_ui.WorkspaceWall = ws.wall  # type: ignore[attr-defined]
    assert wall.button.isEnabled() and wall.indicator.isHidden()

    dialog = wall.open_dialog()
    assert isinstance(dialog, WallDialog) and dialog.parentWidget() is ws  # closed with it
    assert dialog.radio[""].isChecked() and not dialog.list.isEnabled()
    assert not dialog.apply_button.isEnabled()  # nothing changed yet
    dialog.set_mode("restrict")
    dialog.set_checked(["eleni", "james"])
    assert dialog.apply_button.isEnabled()
    assert dialog.summary.text().startswith("Will see this matter (3): ")
    assert "you" in dialog.summary.text() and "Eleni Papadaki" in dialog.summary.text()
    assert dialog.waiting.isHidden()  # every demo user has a key pair
    dialog.grab().save("/tmp/wall_dialog.png")
    changes: list[Any] = []
    dialog.changed.connect(changes.append)
    dialog.submit()
    assert not shown_errors, shown_errors
    assert changes and changes[0].members == ["admin", "eleni", "james"]
    assert changes[0].rekeyed
    assert matter.id not in visible_to(demo_path, "maria")
    assert matter.id in visible_to(demo_path, "eleni")
    assert not wall.indicator.isHidden()
    assert wall.indicator.text().endswith("Ethical wall: restricted to 3 users")

    again = wall.open_dialog()
    assert again is not None
    assert again.radio["restrict"].isChecked() and sorted(again.checked()) == ["eleni", "james"]
    again.set_mode(None)
    assert again.apply_button.text() == "Lift the wall" and again.apply_button.isEnabled()
    again.submit()
    assert not shown_errors, shown_errors
    assert matter.id in visible_to(demo_path, "maria")
    assert wall.indicator.isHidden()


def test_exclude_and_members_waiting_for_the_key(
        qtbot: Any, admin_ctx: AppContext, demo_path: Path,
        shown_errors: list[BaseException]) -> None:
    with admin_ctx.cf.write() as s:  # a user from before key pairs: waits for the matter key
        s.query(User).filter(User.username == "sofia").one().box_public = None
    matter = queries.matters(admin_ctx.cf)[1]
    ws = workspace(qtbot, admin_ctx, matter.id)
    dialog = ws.wall.open_dialog()  # type: ignore[attr-defined]
    dialog.set_mode("exclude")
    assert not dialog.apply_button.isEnabled()  # exclude nobody: nothing to apply
    me = next(dialog.list.item(i) for i in range(dialog.list.count())
              if dialog.list.item(i).text().endswith("(admin) — Administrator"))
    assert not me.flags() & Qt.ItemFlag.ItemIsEnabled  # you cannot wall yourself out
    dialog.set_checked(["maria"])
    assert "Maria Georgiou" not in dialog.summary.text()
    assert not dialog.waiting.isHidden() and "Sofia Andreou" in dialog.waiting.text()
    dialog.submit()
    assert not shown_errors, shown_errors
    assert matter.id not in visible_to(demo_path, "maria")
    assert matter.id in visible_to(demo_path, "nikos")
    box = ws.findChild(QMessageBox, "wallWaitingBox")
    assert box is not None and "sofia" in box.text()
    box.button(QMessageBox.StandardButton.Ok).click()
    assert ws.wall.indicator.text().endswith(  # type: ignore[attr-defined]
        "Ethical wall: closed to 1 user · 1 waiting for the key")


def test_permission_denied_is_shown_not_raised(
        qtbot: Any, ctx: AppContext, demo_path: Path,
        shown_errors: list[BaseException]) -> None:
    matter = queries.matters(ctx.cf)[0]  # maria, a case manager
    ws = workspace(qtbot, ctx, matter.id)
    assert not ws.wall.button.isEnabled()  # type: ignore[attr-defined]
    assert "responsible attorney" in ws.wall.button.toolTip()  # type: ignore[attr-defined]
    dialog = WallDialog(ctx, matter.id)
    qtbot.addWidget(dialog)
    dialog.set_mode("restrict")
    dialog.set_checked(["eleni"])
    dialog.submit()
    assert len(shown_errors) == 1 and isinstance(shown_errors[0], PermissionDenied)
    assert dialog.isEnabled() and dialog.result() == 0  # still open, to cancel or retry
    assert matter.id in visible_to(demo_path, "maria")


def test_the_responsible_attorney_may_manage_the_wall(demo_path: Path) -> None:
    with CaseFile.open(demo_path, "eleni", "demo") as eleni:
        mine = [walls_ui.may_manage(eleni, r.id) for r in queries.matters(eleni)]
    assert any(mine) and not all(mine)


def test_wall_change_runs_off_the_gui_thread(
        qtbot: Any, demo_path: Path, tmp_path: Path,
        shown_errors: list[BaseException]) -> None:
    runner = ThreadRunner()
    cf = CaseFile.open(demo_path, "admin", "demo")
    ctx = _ctx(cf, tmp_path, runner)
    try:
        matter = queries.matters(cf)[0]
        dialog = WallDialog(ctx, matter.id)  # deleted when accepted
        dialog.set_mode("restrict")
        dialog.set_checked(["james"])
        with qtbot.waitSignal(dialog.changed, timeout=30_000) as got:
            dialog.submit()
            assert not dialog.isEnabled()  # while the worker re-encrypts
        assert got.args[0].members == ["admin", "james"] and not shown_errors
        assert matter.id not in visible_to(demo_path, "maria")
    finally:
        runner.wait_idle()
        cf.close()


class CancelledRunner(SyncRunner):
    """As if the user pressed "Cancel" in the progress dialog at once."""

    def run_task(self, fn: Any, on_done: Any = None, on_error: Any = None,
                 progress_title: str | None = None, parent: Any = None) -> Progress:
        progress = Progress()
        progress.cancel()
        try:
            fn(progress=progress)
        except Exception as exc:  # dropped, as the real runner drops a cancelled task's end
            self.dropped = exc
        return progress


def test_cancelling_rolls_the_wall_back(
        qtbot: Any, demo_path: Path, tmp_path: Path,
        shown_errors: list[BaseException]) -> None:
    runner = CancelledRunner()
    with CaseFile.open(demo_path, "admin", "demo") as cf:
        ctx = _ctx(cf, tmp_path, runner)
        matter_id = queries.documents(cf)[0].matter_id  # it has documents to re-encrypt
        dialog = WallDialog(ctx, matter_id)
        qtbot.addWidget(dialog)
        dialog.set_mode("restrict")
        dialog.set_checked(["james"])
        dialog.submit()
        assert isinstance(runner.dropped, walls_ui._Cancelled)
        qtbot.waitUntil(dialog.isEnabled)  # the end of the cancelled task is delivered
        assert not shown_errors and dialog.result() == 0
        assert matter_id in visible_to(demo_path, "maria")


# -- firm-key rotation ----------------------------------------------------------------------------


@dataclass
class FakeRotation:
    recovery_key: str = KEY
    sealed: list[str] = field(default_factory=lambda: ["admin", "eleni"])
    must_reset: list[str] = field(default_factory=lambda: ["sofia"])
    backups_note: str = "Backups made before stay readable with the old passwords."


@pytest.fixture
def rotation_module() -> types.ModuleType:
    return importlib.import_module("casedesk.core.rotation")


def admin_window(qtbot: Any, ctx: AppContext) -> MainWindow:
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    return win


def test_rotation_confirms_runs_and_shows_the_key_once(
        qtbot: Any, admin_ctx: AppContext, rotation_module: types.ModuleType,
        monkeypatch: pytest.MonkeyPatch, shown_errors: list[BaseException]) -> None:
    calls: list[Any] = []

    def rotate(cf: CaseFile, *, progress: Any = None) -> FakeRotation:
        calls.append(cf)
        progress(1, 2)
        progress(2, 2)
        return FakeRotation()

    monkeypatch.setattr(rotation_module, "rotate_firm_key", rotate)
    win = admin_window(qtbot, admin_ctx)
    tools = win.admin_tools  # type: ignore[attr-defined]
    assert tools.admin_menu is not None and tools.rotation.action.isEnabled()
    assert tools.rotation.action in tools.admin_menu.actions()

    box = tools.rotation.confirm()  # "Cancel" runs nothing
    assert "removing a user" in box.text() and "re-encrypted" in box.informativeText()
    assert "re-join" in box.informativeText() or "join the case file again" in \
        box.informativeText()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert not calls and tools.rotation.recovery_box is None

    tools.rotation.action.trigger()
    box = tools.rotation.confirm_box
    assert box is not None
    next(b for b in box.buttons() if b.objectName() == "rotateGo").click()
    assert calls == [admin_ctx.cf] and not shown_errors
    shown = tools.rotation.recovery_box
    assert shown is not None and KEY in shown.text()
    assert "sofia" in shown.informativeText() and "password reset" in shown.informativeText()
    assert sorted(b.objectName() for b in shown.buttons()) == ["printRecoveryKey",
                                                               "recoveryKeyStored"]
    next(b for b in shown.buttons() if b.objectName() == "recoveryKeyStored").click()
    assert tools.rotation.recovery_box is None  # shown once, not kept
    assert tools.rotation.action.isEnabled()


def test_rotation_errors_are_shown(
        qtbot: Any, admin_ctx: AppContext, rotation_module: types.ModuleType,
        monkeypatch: pytest.MonkeyPatch, shown_errors: list[BaseException]) -> None:
    def busy(cf: CaseFile, *, progress: Any = None) -> Any:
        raise CaseFileBusy("The case file is in use: close casedesk on other computers first.")

    monkeypatch.setattr(rotation_module, "rotate_firm_key", busy)
    win = admin_window(qtbot, admin_ctx)
    rotation = win.admin_tools.rotation  # type: ignore[attr-defined]
    rotation.run()
    assert len(shown_errors) == 1 and isinstance(shown_errors[0], CaseFileBusy)
    assert rotation.recovery_box is None and rotation.progress is None


def test_rotation_for_real_keeps_the_window_working(
        qtbot: Any, admin_ctx: AppContext, demo_path: Path,
        shown_errors: list[BaseException]) -> None:
    win = admin_window(qtbot, admin_ctx)
    rotation = win.admin_tools.rotation  # type: ignore[attr-defined]
    rotation.run()
    shown = rotation.recovery_box
    assert not shown_errors and shown is not None
    key = next(w for w in shown.text().split() if w.count("-") >= 7)
    next(b for b in shown.buttons() if b.objectName() == "recoveryKeyStored").click()
    assert queries.matters(admin_ctx.cf)  # the same log-in goes on, on the new file
    CaseFile.open_with_recovery(demo_path, key).close()
    CaseFile.open(demo_path, "eleni", "demo").close()


def test_rotation_is_an_admin_action(qtbot: Any, ctx: AppContext) -> None:
    win = admin_window(qtbot, ctx)  # maria, a case manager
    tools = win.admin_tools  # type: ignore[attr-defined]
    assert tools.admin_menu is None and not tools.rotation.action.isEnabled()


def test_recovery_key_sheet_prints(qapp: object, tmp_path: Path) -> None:
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QWidget

    target = tmp_path / "key.pdf"

    def to_pdf(printer: QPrinter, _parent: Any) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        return True

    assert walls_ui.print_recovery_key(QWidget(), "Firm", KEY, ask=to_pdf)
    assert target.read_bytes().startswith(b"%PDF")
