"""The log-in dialog (also the unlock dialog of the auto-lock).

Unlocking (Argon2, ~0.3 s) runs on the runner, off the GUI thread.  After three failed tries the
button waits 2 s, then 4, 8… up to 30 s, with a countdown, to slow down guessing.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QPushButton, QWidget

from casedesk.core.casefile import CaseFile
from casedesk.core.errors import AuthenticationError, CasedeskError
from casedesk.gui.errors import show_error
from casedesk.gui.forms import child, load_form
from casedesk.gui.tasks import Runner

FREE_TRIES = 3
FIRST_DELAY = 2
MAX_DELAY = 30


def failure_delay(failures: int) -> int:
    """Seconds to wait after ``failures`` failed tries: 0, 0, 2 (3rd), 4, 8, 16, 30, 30…"""
    if failures < FREE_TRIES:
        return 0
    return min(FIRST_DELAY * 2 ** (failures - FREE_TRIES), MAX_DELAY)


class LoginDialog(QDialog):
    unlocked = Signal(object)  # the opened CaseFile

    def __init__(self, path: Path, runner: Runner, *, username: str = "",
                 lock_user: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self.runner = runner
        self.failures = 0
        self._wait = 0
        self.form = load_form("login_form", self)
        self.file_label = child(self.form, QLabel, "fileLabel")
        self.user = child(self.form, QLineEdit, "userEdit")
        self.password = child(self.form, QLineEdit, "passwordEdit")
        self.message = child(self.form, QLabel, "messageLabel")
        self.login_button = child(self.form, QPushButton, "loginButton")
        self.cancel_button = child(self.form, QPushButton, "cancelButton")
        self.locked_mode = lock_user
        self.user.setText(username)
        self.user.setReadOnly(lock_user)
        self.message.hide()
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self._tick)
        self.login_button.clicked.connect(self.try_login)
        self.cancel_button.clicked.connect(self.reject)
        self.password.returnPressed.connect(self.try_login)
        self.retranslate()
        (self.password if username else self.user).setFocus()
        self.resize(self.form.size())

    def retranslate(self) -> None:
        if self.locked_mode:
            self.setWindowTitle(self.tr("casedesk is locked"))
            text = self.tr("The case file %1 was locked after a period of inactivity. Enter "
                           "your password to continue where you left off.")
            self.cancel_button.setText(self.tr("Quit"))
        else:
            self.setWindowTitle(self.tr("Log in to casedesk"))
            text = self.tr("Case file: %1")
            self.cancel_button.setText(self.tr("Cancel"))
        self.file_label.setText(text.replace("%1", self.path.name))
        self.file_label.setToolTip(str(self.path))
        self._update_button()

    def _update_button(self) -> None:
        if self._wait > 0:
            self.login_button.setText(self.tr("Log in (%1)").replace("%1", str(self._wait)))
        else:
            self.login_button.setText(self.tr("Unlock") if self.locked_mode
                                      else self.tr("Log in"))

    def try_login(self) -> None:
        if self._wait > 0 or not self.login_button.isEnabled():
            return
        user, password = self.user.text().strip(), self.password.text()
        if not user:
            self._say(self.tr("Enter your user name."))
            self.user.setFocus()
            return
        self.login_button.setEnabled(False)
        self.message.hide()
        path = self.path
        self.runner.run_task(lambda: CaseFile.open(path, user, password), self._opened,
                             self._failed, parent=self)

    def _opened(self, cf: CaseFile) -> None:
        self.login_button.setEnabled(True)
        self.failures = 0
        self.password.clear()
        if cf.must_change_password and not self.choose_new_password(cf):
            cf.close()
            return
        self.unlocked.emit(cf)
        self.accept()

    def choose_new_password(self, cf: CaseFile) -> bool:
        """An administrator reset the password: ask for a new one (twice) before going on."""
        from PySide6.QtWidgets import QInputDialog

        ask = self.tr("An administrator reset your password. Choose a new one:")
        while True:
            first, ok = QInputDialog.getText(self, self.tr("Choose a new password"), ask,
                                             QLineEdit.EchoMode.Password)
            if not ok:
                return False
            second, ok = QInputDialog.getText(self, self.tr("Choose a new password"),
                                              self.tr("Repeat it:"), QLineEdit.EchoMode.Password)
            if not ok:
                return False
            if first != second:
                ask = self.tr("The two passwords differ. Choose a new one:")
                continue
            try:
                cf.set_password(cf.user.username, first)
                return True
            except CasedeskError as exc:
                ask = str(exc) + " " + self.tr("Choose a new one:")

    def _failed(self, exc: BaseException) -> None:
        self.login_button.setEnabled(True)
        if isinstance(exc, AuthenticationError):
            self.failures += 1
            self.password.clear()
            self.password.setFocus()
            delay = failure_delay(self.failures)
            if delay:
                self._say(self.tr("Wrong user name or password. Try again in %1 seconds.")
                          .replace("%1", str(delay)))
                self._wait = delay
                self.login_button.setEnabled(False)
                self.timer.start()
            else:
                self._say(self.tr("Wrong user name or password."))
            self._update_button()
        elif isinstance(exc, CasedeskError):
            self._say(str(exc))
            from casedesk.core.errors import CaseFileBusy, CaseFileError

            if isinstance(exc, CaseFileError) and not isinstance(exc, CaseFileBusy):
                from casedesk.gui.backup_ui import offer_restore

                offer_restore(self)  # damaged or missing: "Restore from backup…"
        else:
            show_error(self, exc)

    def _tick(self) -> None:
        self._wait -= 1
        if self._wait <= 0:
            self._wait = 0
            self.timer.stop()
            self.login_button.setEnabled(True)
        self._update_button()

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def wait_seconds(self) -> int:
        return self._wait

    def keyPressEvent(self, event: object) -> None:
        from PySide6.QtGui import QKeyEvent

        if isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Escape and self.locked_mode:
            return  # a locked session cannot be dismissed with Escape
        super().keyPressEvent(event)  # type: ignore[arg-type]
