"""Backups in the GUI: menu actions, the scheduled backup and the status bar, the Backups
settings, restoring, and the restore offer when a case file is damaged."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QPushButton

from casedesk.core import backup
from casedesk.core.casefile import CaseFile
from casedesk.core.errors import CaseFileError
from casedesk.gui.backup_ui import BackupSettingsDialog, known_folders, open_restore_for
from casedesk.gui.context import AppContext
from casedesk.gui.login import LoginDialog
from casedesk.gui.main_window import MainWindow
from casedesk.gui.tasks import SyncRunner

pytestmark = pytest.mark.gui


@pytest.fixture
def folder(demo_path: Path, tmp_path: Path) -> Path:
    out = tmp_path / "usb"
    out.mkdir()
    with CaseFile.open(demo_path, "admin", "demo") as admin:
        backup.save_settings(admin, folder=str(out))
    return out


@pytest.fixture
def window(qtbot, ctx: AppContext, folder: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    return win


def test_menu_actions_and_status_before_any_backup(window: MainWindow) -> None:
    texts = [a.text() for a in window.menu_file.actions()]
    for name in ("Back up now…", "Restore a backup…", "Backups…"):
        assert name in texts
    assert texts.index("Back up now…") < texts.index("Quit")
    label = window.backup.label
    assert label.objectName() == "statusBackup"
    assert label.text() == "No backup yet" and label.property("warning") is True


def test_scheduled_backup_updates_the_status_bar(window: MainWindow, ctx: AppContext,
                                                 folder: Path, settings: QSettings) -> None:
    window.backup.check_schedule()
    made = backup.list_backups(folder)
    assert len(made) == 1
    label = window.backup.label
    assert label.text().startswith("Last backup: ") and label.property("warning") is False
    window.backup.check_schedule()  # not due again yet
    assert len(backup.list_backups(folder)) == 1
    assert known_folders(settings) == [folder.resolve()]


def test_old_backup_shows_a_warning(window: MainWindow, ctx: AppContext, folder: Path) -> None:
    backup.backup_now(ctx.cf, now=datetime.now(UTC) - timedelta(days=3))
    window.backup.refresh()
    assert "(overdue)" in window.backup.label.text()
    assert window.backup.label.property("warning") is True


def test_back_up_now_and_its_failure(window: MainWindow, ctx: AppContext, folder: Path,
                                     shown_errors: list[BaseException]) -> None:
    window.backup.act_backup.trigger()
    assert len(backup.list_backups(folder)) == 1 and not shown_errors
    folder.rename(folder.with_name("unplugged"))
    window.backup.back_up_now()
    assert isinstance(shown_errors[-1], CaseFileError)
    assert "does not exist" in str(shown_errors[-1])
    assert window.backup.label.text() == "Backup failed"
    assert "does not exist" in window.backup.label.toolTip()


def test_settings_dialog_saves_for_admins_only(qtbot, demo_path: Path, folder: Path,
                                               settings: QSettings, tmp_path: Path,
                                               shown_errors: list[BaseException]) -> None:
    from PySide6.QtCore import QLocale

    with CaseFile.open(demo_path, "admin", "demo") as admin:
        actx = AppContext(admin, SyncRunner(), settings, QLocale(QLocale.Language.English))
        dialog = BackupSettingsDialog(actx)
        qtbot.addWidget(dialog)
        assert dialog.folder.text() == str(folder)
        dialog.keep_count.setValue(7)
        dialog.interval.setValue(12)
        dialog.folder.setText(str(tmp_path / "missing"))
        dialog.submit()
        assert "does not exist" in dialog.message.text()
        dialog.folder.setText(str(tmp_path))
        with qtbot.waitSignal(dialog.saved):
            dialog.submit()
        got = backup.get_settings(admin)
        assert (got.keep_count, got.interval_hours, got.folder) == (7, 12, str(tmp_path))
    with CaseFile.open(demo_path, "nikos", "demo") as assistant:
        actx = AppContext(assistant, SyncRunner(), settings)
        dialog = BackupSettingsDialog(actx)
        qtbot.addWidget(dialog)
        assert not dialog.keep_count.isEnabled()
        assert "Only an administrator" in dialog.message.text()


def test_restore_dialog_restores_to_a_new_file(qtbot, window: MainWindow, ctx: AppContext,
                                               folder: Path) -> None:
    info = backup.backup_now(ctx.cf)
    window.backup.refresh()
    dialog = window.backup.open_restore()
    qtbot.addWidget(dialog)
    assert dialog.backup_edit.text() == str(info.path)
    target = Path(dialog.target_edit.text())
    assert not target.exists() and target.parent == ctx.cf.path.parent
    dialog.password.setText("wrong")
    dialog.submit()
    assert "Wrong user name or password" in dialog.message.text()
    assert not target.exists()
    dialog.password.setText("demo")
    with qtbot.waitSignal(dialog.restored) as blocker:
        dialog.submit()
    assert blocker.args[0] == target
    CaseFile.open(target, "maria", "demo").close()
    dialog = window.backup.open_restore()
    qtbot.addWidget(dialog)
    dialog.target_edit.setText(str(ctx.cf.path))
    dialog.password.setText("demo")
    dialog.submit()
    assert "never over an existing or open case file" in dialog.message.text()


def test_damaged_case_file_offers_a_restore(qtbot, demo_path: Path, settings: QSettings,
                                            shown_errors: list[BaseException]) -> None:
    with CaseFile.open(demo_path, "maria", "demo") as cf:
        info = backup.backup_now(cf)  # into backups/ beside the case file
    data = bytearray(demo_path.read_bytes())
    for i in range(100, 164):  # page 1, past the salt: the database will not open
        data[i] ^= 0xFF
    demo_path.write_bytes(bytes(data))
    for suffix in ("-wal", "-shm"):
        Path(f"{demo_path}{suffix}").unlink(missing_ok=True)

    login = LoginDialog(demo_path, SyncRunner(), username="maria")
    qtbot.addWidget(login)
    login.password.setText("demo")
    login.try_login()
    assert "damaged" in login.message.text()
    button = login.findChild(QPushButton, "restoreFromBackup")
    assert button is not None and not button.isHidden()
    assert button.text() == "Restore from backup…"

    dialog = open_restore_for(login, settings)
    qtbot.addWidget(dialog)
    assert dialog.backup_edit.text() == str(info.path)
    assert dialog.user.text() == "maria"
    dialog.password.setText("demo")
    with qtbot.waitSignal(dialog.restored):
        dialog.submit()
    assert login.path != demo_path and login.path.exists()
    assert "Log in to open it" in login.message.text()
    with qtbot.waitSignal(login.unlocked) as blocker:
        login.password.setText("demo")
        login.try_login()
    restored = blocker.args[0]
    assert restored.path == login.path
    restored.close()
    assert not shown_errors
