"""Backups in the desktop app: File → Back up now… / Restore a backup… / Backups…, the scheduled
backup, the status-bar item, and the "Restore from backup…" offer when a case file is damaged.

All backup work runs on ``ctx.runner`` (off the GUI thread).  The schedule is the firm's (kept in
the case file, see :mod:`casedesk.core.backup`): every few minutes :class:`BackupController` asks
whether a backup is due, takes it and prunes old ones.  The folders used are also remembered in
QSettings (``backup/folders``) so a backup can be offered when the case file itself is too
damaged to say where its backups are.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from casedesk.core import backup
from casedesk.core.errors import CasedeskError, ValidationError
from casedesk.core.permissions import Right
from casedesk.gui.errors import show_error
from casedesk.gui.tasks import Runner

FOLDERS = "backup/folders"
CHECK_EVERY_MS = 10 * 60 * 1000
FIRST_CHECK_MS = 60 * 1000
WARN_STYLE = "color: #b00020;"


def _tr(text: str) -> str:
    return QCoreApplication.translate("backup", text)


def remember_folder(settings: QSettings, folder: Path) -> None:
    known = [str(p) for p in backup.iter_backup_folders(settings.value(FOLDERS, []))]
    folder_s = str(Path(folder).resolve())
    settings.setValue(FOLDERS, [folder_s, *[k for k in known if k != folder_s]][:10])


def known_folders(settings: QSettings) -> list[Path]:
    return list(backup.iter_backup_folders(settings.value(FOLDERS, [])))


class BackupController(QObject):
    """Owns the backup actions, the status-bar label and the schedule of one main window."""

    finished = Signal(object)  # BackupInfo of a backup just taken
    status_changed = Signal(object)  # BackupStatus

    def __init__(self, window: QMainWindow, ctx: Any) -> None:
        super().__init__(window)
        self.window, self.ctx = window, ctx
        self.busy = False
        self.last_error: str | None = None
        self.status: backup.BackupStatus | None = None
        self.label = QLabel(window)
        self.label.setObjectName("statusBackup")
        window.statusBar().addPermanentWidget(self.label)
        menu = getattr(window, "menu_file", None) or window.menuBar().addMenu("")
        self.act_backup = QAction(window)
        self.act_backup.setObjectName("actBackupNow")
        self.act_backup.triggered.connect(self.back_up_now)
        self.act_restore = QAction(window)
        self.act_restore.setObjectName("actRestore")
        self.act_restore.triggered.connect(self.open_restore)
        self.act_settings = QAction(window)
        self.act_settings.setObjectName("actBackupSettings")
        self.act_settings.triggered.connect(self.open_settings)
        actions = menu.actions()
        quit_action = getattr(window, "act_quit", None)
        before = None
        if quit_action in actions:
            i = actions.index(quit_action)
            before = actions[i - 1] if i > 0 and actions[i - 1].isSeparator() else quit_action
        new = [self.act_backup, self.act_restore, self.act_settings]
        if before is not None:
            menu.insertSeparator(before)
            menu.insertActions(before, new)
        else:
            menu.addActions(new)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check_schedule)
        self.timer.start(CHECK_EVERY_MS)
        QTimer.singleShot(FIRST_CHECK_MS, self, self.check_schedule)
        window.installEventFilter(self)
        ctx.unlocked.connect(self.refresh)
        self.retranslate()
        self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    def retranslate(self) -> None:
        self.act_backup.setText(self.tr("Back up now…"))
        self.act_restore.setText(self.tr("Restore a backup…"))
        self.act_settings.setText(self.tr("Backups…"))
        self.show_status()

    # -- status ----------------------------------------------------------------------------------
    def refresh(self) -> None:
        if self.ctx.is_locked:
            return
        cf = self.ctx.cf
        self.ctx.runner.run_task(lambda: backup.status(cf), self._status, self._status_failed)

    def _status(self, st: backup.BackupStatus) -> None:
        self.status = st
        self.show_status()
        self.status_changed.emit(st)

    def _status_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, CasedeskError):
            show_error(self.window, exc)
            return
        self.last_error = str(exc)
        self.show_status()

    def show_status(self) -> None:
        st, warn = self.status, False
        if self.busy:
            text = self.tr("Backing up…")
        elif self.last_error:
            text, warn = self.tr("Backup failed"), True
        elif st is None:
            text = ""
        elif st.last is None:
            text, warn = self.tr("No backup yet"), True
        else:
            when = self.ctx.format_datetime(st.last.taken)
            text = self.tr("Last backup: %1").replace("%1", when)
            warn = st.overdue
            if warn:
                text = self.tr("Last backup: %1 (overdue)").replace("%1", when)
        self.label.setText(text)
        self.label.setStyleSheet(WARN_STYLE if warn else "")
        tip = self.last_error or (str(st.folder) if st is not None else "")
        self.label.setToolTip(tip)
        self.label.setProperty("warning", warn)

    # -- taking backups --------------------------------------------------------------------------
    def check_schedule(self) -> None:
        """Take a backup if the firm's policy says one is due (timer; also called by tests)."""
        if self.busy or self.ctx.is_locked:
            return
        cf = self.ctx.cf
        self._start(lambda: backup.scheduled_backup(cf), interactive=False)

    def back_up_now(self) -> None:
        if self.busy or self.ctx.is_locked:
            return
        cf = self.ctx.cf

        def work() -> backup.BackupInfo:
            info = backup.backup_now(cf)
            backup.prune(info.path.parent, cf.firm_id, backup.get_settings(cf))
            return info

        self._start(work, interactive=True)

    def _start(self, work: Any, *, interactive: bool) -> None:
        self.busy = True
        self.show_status()

        def done(info: backup.BackupInfo | None) -> None:
            self.busy = False
            if info is not None:
                self.last_error = None
                remember_folder(self.ctx.settings, info.path.parent)
                self.window.statusBar().showMessage(
                    self.tr("Backed up to %1.").replace("%1", str(info.path)), 8000)
                self.finished.emit(info)
            self.refresh()

        def failed(exc: BaseException) -> None:
            self.busy = False
            self.last_error = str(exc) if isinstance(exc, CasedeskError) else None
            self.show_status()
            if interactive or not isinstance(exc, CasedeskError):
                show_error(self.window, exc)

        self.ctx.runner.run_task(
            work, done, failed, parent=self.window,
            progress_title=self.tr("Backing up the case file…") if interactive else None)

    # -- dialogs ---------------------------------------------------------------------------------
    def open_settings(self) -> BackupSettingsDialog:
        dialog = BackupSettingsDialog(self.ctx, self.window)
        dialog.saved.connect(lambda _s: self.refresh())
        dialog.open()
        return dialog

    def open_restore(self) -> RestoreDialog:
        cf = self.ctx.cf
        folders = known_folders(self.ctx.settings)
        if self.status is not None:
            folders.insert(0, self.status.folder)
        newest = backup.newest_backup(cf.path, folders)
        dialog = RestoreDialog(self.ctx.runner, newest.path if newest else None,
                               backup.default_restore_target(cf.path), cf.user.username,
                               self.window)
        dialog.open()
        return dialog


def install_backup(window: QMainWindow) -> BackupController:
    """The hook the main window calls once it has its File menu and status bar."""
    return BackupController(window, window.ctx)  # type: ignore[attr-defined]


# -- the "Backups" settings -----------------------------------------------------------------------


class BackupSettingsDialog(QDialog):
    saved = Signal(object)  # BackupSettings

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("backupSettings")
        self.setWindowTitle(self.tr("Backups"))
        current = backup.get_settings(ctx.cf)
        self.enabled = QCheckBox(self.tr("Back up automatically"), self)
        self.enabled.setChecked(current.enabled)
        self.folder = QLineEdit(current.folder or "", self)
        self.folder.setPlaceholderText(str(current.folder_for(ctx.cf.path)))
        browse = QPushButton(self.tr("Choose…"), self)
        browse.clicked.connect(self.browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        self.interval = self._spin(1, 24 * 31, current.interval_hours, self.tr(" hours"))
        self.keep_count = self._spin(1, 1000, current.keep_count, self.tr(" backups"))
        self.keep_days = self._spin(1, 3650, current.keep_days, self.tr(" days"))
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet(WARN_STYLE)
        self.message.hide()
        form = QFormLayout()
        form.addRow(self.enabled)
        form.addRow(self.tr("Folder:"), folder_row)
        form.addRow(self.tr("Every:"), self.interval)
        form.addRow(self.tr("Keep at most:"), self.keep_count)
        form.addRow(self.tr("Keep for:"), self.keep_days)
        self.box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                    | QDialogButtonBox.StandardButton.Cancel, self)
        self.box.accepted.connect(self.submit)
        self.box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        note = QLabel(self.tr("Backups are encrypted like the case file and open with the "
                              "passwords valid when they were taken. The newest backup is never "
                              "deleted."), self)
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addWidget(self.message)
        layout.addWidget(self.box)
        if not ctx.cf.user.can(Right.ADMINISTER):
            for w in (self.enabled, self.folder, browse, self.interval, self.keep_count,
                      self.keep_days):
                w.setEnabled(False)
            self.box.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
            self._say(self.tr("Only an administrator can change the backup settings."))

    def _spin(self, low: int, high: int, value: int, suffix: str) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setRange(low, high)
        spin.setValue(value)
        spin.setSuffix(suffix)
        return spin

    def browse(self) -> None:
        name = QFileDialog.getExistingDirectory(self, self.tr("Backup folder"),
                                                self.folder.text())
        if name:
            self.folder.setText(name)

    def submit(self) -> None:
        folder = self.folder.text().strip() or None
        if folder and not Path(folder).is_dir():
            self._say(self.tr("The folder %1 does not exist.").replace("%1", folder))
            return
        cf = self.ctx.cf
        values = {"folder": folder, "enabled": self.enabled.isChecked(),
                  "interval_hours": self.interval.value(), "keep_count": self.keep_count.value(),
                  "keep_days": self.keep_days.value()}
        self.ctx.runner.run_task(lambda: backup.save_settings(cf, **values), self._saved,
                                 self._failed, parent=self)

    def _saved(self, settings: backup.BackupSettings) -> None:
        if settings.folder:
            remember_folder(self.ctx.settings, Path(settings.folder))
        self.saved.emit(settings)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, CasedeskError):
            self._say(str(exc))
        else:
            show_error(self, exc)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()


# -- restoring ------------------------------------------------------------------------------------


class RestoreDialog(QDialog):
    """Restore a backup to a new case file (never over an existing one)."""

    restored = Signal(object)  # Path of the new case file

    def __init__(self, runner: Runner, backup_path: Path | None, target: Path,
                 username: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.setObjectName("restoreDialog")
        self.setWindowTitle(self.tr("Restore a backup"))
        self.backup_edit = QLineEdit(str(backup_path) if backup_path else "", self)
        self.target_edit = QLineEdit(str(target), self)
        self.user = QLineEdit(username, self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        pick_backup = QPushButton(self.tr("Choose…"), self)
        pick_backup.clicked.connect(self.browse_backup)
        pick_target = QPushButton(self.tr("Choose…"), self)
        pick_target.clicked.connect(self.browse_target)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet(WARN_STYLE)
        self.message.hide()
        form = QFormLayout()
        form.addRow(self.tr("Backup:"), _row(self.backup_edit, pick_backup))
        form.addRow(self.tr("Restore to (new file):"), _row(self.target_edit, pick_target))
        form.addRow(self.tr("User name:"), self.user)
        form.addRow(self.tr("Password:"), self.password)
        note = QLabel(self.tr("Use a password that was valid when the backup was taken. The "
                              "backup is checked before anything is written."), self)
        note.setWordWrap(True)
        self.box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.restore_button = self.box.addButton(self.tr("Restore"),
                                                 QDialogButtonBox.ButtonRole.AcceptRole)
        self.box.accepted.connect(self.submit)
        self.box.rejected.connect(self.reject)
        self.password.returnPressed.connect(self.submit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.message)
        layout.addWidget(self.box)
        (self.password if username else self.user).setFocus()
        self.resize(560, self.sizeHint().height())

    def browse_backup(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a backup"), self.backup_edit.text(),
            self.tr("casedesk backups (*%1)").replace("%1", backup.SUFFIX))
        if name:
            self.backup_edit.setText(name)

    def browse_target(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Restore to"), self.target_edit.text(),
                                              self.tr("Case files (*.casedesk)"))
        if name:
            self.target_edit.setText(name if name.endswith(".casedesk") else name + ".casedesk")

    def submit(self) -> None:
        if not self.restore_button.isEnabled():
            return
        self.message.hide()
        src, target = self.backup_edit.text().strip(), self.target_edit.text().strip()
        if not src or not target:
            self._say(self.tr("Choose a backup and the new file to restore it to."))
            return
        user, password = self.user.text().strip(), self.password.text()
        self.restore_button.setEnabled(False)
        self.runner.run_task(
            lambda: backup.restore(Path(src), Path(target), username=user, password=password),
            self._done, self._failed, progress_title=self.tr("Checking and restoring the backup…"),
            parent=self)

    def _done(self, result: backup.Restored) -> None:
        self.restore_button.setEnabled(True)
        self.password.clear()
        self.restored.emit(result.path)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.restore_button.setEnabled(True)
        if isinstance(exc, CasedeskError):
            if not isinstance(exc, ValidationError):
                self.password.clear()
            self._say(str(exc))
        else:
            show_error(self, exc)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()


def _row(edit: QLineEdit, button: QPushButton) -> QWidget:
    box = QWidget(edit.parentWidget())
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(edit, 1)
    layout.addWidget(button)
    return box


# -- the offer on a damaged case file -------------------------------------------------------------


def offer_restore(login: Any, settings: QSettings | None = None) -> QPushButton:
    """Show a "Restore from backup…" button on a log-in dialog whose case file is damaged.
    Restoring points the dialog at the restored file, ready to log in."""
    button = login.findChild(QPushButton, "restoreFromBackup")
    if button is None:
        button = QPushButton(_tr("Restore from backup…"), login)
        button.setObjectName("restoreFromBackup")
        login.layout().addWidget(button)
        button.clicked.connect(lambda: open_restore_for(login, settings))
    button.show()
    return button


def open_restore_for(login: Any, settings: QSettings | None = None) -> RestoreDialog:
    path = Path(login.path)
    settings = settings or QSettings()
    newest = backup.newest_backup(path, known_folders(settings))
    dialog = RestoreDialog(login.runner, newest.path if newest else None,
                           backup.default_restore_target(path), login.user.text().strip(), login)

    def restored(new_path: Path) -> None:
        login.path = Path(new_path)
        login.retranslate()
        login._say(_tr("Restored to %1. Log in to open it.").replace("%1", str(new_path)))
        button = login.findChild(QPushButton, "restoreFromBackup")
        if button is not None:
            button.hide()

    dialog.restored.connect(restored)
    dialog.open()
    login.restore_dialog = dialog
    return dialog
