"""Starting the GUI: display checks, the start screen, log-in, the main window and the lock.

:func:`run` is what ``casedesk`` (no arguments), ``casedesk gui FILE`` and ``make demo`` call.
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import Any

from casedesk.gui.platform_check import display_problem


def run(path: Path | None = None, *, user: str | None = None, password: str | None = None,
        screenshot: str | None = None) -> int:
    """Open the GUI (exit code 1 with one sentence on stderr when no window can be shown)."""
    problem = display_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 1
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setOrganizationName("casedesk")
    app.setApplicationName("casedesk")
    from casedesk.gui.about import set_identity

    set_identity(app)  # version, icon, desktop file name, the rotating log file
    from casedesk.gui.errors import install_excepthook
    from casedesk.gui.tasks import ThreadRunner

    install_excepthook()
    controller = Controller(ThreadRunner(app))
    app.setProperty("casedeskController", id(controller))
    if screenshot:
        controller.screenshot_to = screenshot
    controller.start(path, user, password)
    code = app.exec()
    controller.shutdown()
    return code


class Controller:
    """Moves between start screen, log-in, main window and lock; owns the CaseFile handle."""

    def __init__(self, runner: Any, settings: Any = None) -> None:
        from PySide6.QtCore import QSettings
        from PySide6.QtWidgets import QApplication

        from casedesk.gui import i18n
        from casedesk.gui.autolock import IdleWatcher

        self.runner = runner
        self.settings = settings or QSettings()
        self.locale = i18n.install(i18n.current_language(self.settings))
        self.ctx: Any = None
        self.window: Any = None
        self.start_screen: Any = None
        self.login: Any = None
        self.screenshot_to: str | None = None
        self.hidden: list[Any] = []
        self.watcher = IdleWatcher(self.settings)
        self.watcher.idle.connect(self.lock)
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self.watcher)

    # -- flow ------------------------------------------------------------------------------------
    def start(self, path: Path | None, user: str | None = None,
              password: str | None = None) -> None:
        from casedesk.gui import preload

        preload.schedule()  # import the main window's modules while the log-in runs
        if path is not None and user and password is not None:
            from casedesk.core.casefile import CaseFile
            from casedesk.gui.errors import show_error

            self.runner.run_task(lambda: CaseFile.open(Path(path), user, password),
                                 self.open_main, lambda exc: (show_error(None, exc),
                                                              self.show_login(Path(path))))
        elif path is not None:
            self.show_login(Path(path))
        else:
            self.show_start()

    def show_start(self) -> None:
        from casedesk.gui.start_screen import StartScreen

        self.start_screen = StartScreen(self.settings, self.runner)
        self.start_screen.chosen.connect(self._chosen)
        self.start_screen.created.connect(self.open_main)
        self.start_screen.show()

    def _chosen(self, path: Path) -> None:
        if self.start_screen is not None:
            self.start_screen.hide()
        self.show_login(path)

    def show_login(self, path: Path, username: str = "") -> Any:
        from casedesk.gui.login import LoginDialog

        if not username:
            username = str(self.settings.value("login/last_user", "") or "")
        self.login = LoginDialog(path, self.runner, username=username)
        self.login.unlocked.connect(self.open_main)
        self.login.rejected.connect(self._login_cancelled)
        self.login.show()
        return self.login

    def _login_cancelled(self) -> None:
        if self.window is None:
            if self.start_screen is None:
                self.show_start()
            else:
                self.start_screen.show()

    def open_main(self, cf: Any) -> Any:
        from casedesk.gui.context import AppContext
        from casedesk.gui.main_window import MainWindow
        from casedesk.gui.start_screen import remember

        if self.window is not None:  # switching files
            self.close_file()
        remember(self.settings, cf.path)
        self.settings.setValue("login/last_user", cf.user.username)
        self.ctx = AppContext(cf, self.runner, self.settings, self.locale)
        self.window = MainWindow(self.ctx)
        self.window.lock_requested.connect(self.lock)
        self.window.settings_requested.connect(self.open_settings)
        self.window.switch_file_requested.connect(self.switch_file)
        self.window.show()
        if self.start_screen is not None:
            self.start_screen.close()
            self.start_screen = None
        self.login = None
        self.watcher.start()
        # Everything built so far lives as long as the window: keep it out of the collector's
        # full passes, which otherwise stall the GUI thread for 100+ ms on large firms (the
        # worker holds the interpreter lock while it collects).
        gc.collect()
        gc.freeze()
        if self.screenshot_to:
            from casedesk.gui.screenshots import take_screenshots

            take_screenshots(self, self.screenshot_to)
        return self.window

    def switch_file(self) -> None:
        self.close_file()
        self.show_start()

    def close_file(self) -> None:
        self.watcher.stop()
        if self.window is not None:
            self.window.close()
            self.window.deleteLater()
            self.window = None
        if self.ctx is not None and not self.ctx.is_locked:
            self.runner.wait_idle()
            self.ctx.cf.close()
        self.ctx = None

    def shutdown(self) -> None:
        self.runner.wait_idle()
        if self.ctx is not None and not self.ctx.is_locked:
            self.ctx.cf.close()
            self.ctx.replace_casefile(None)

    # -- settings --------------------------------------------------------------------------------
    def open_settings(self) -> Any:
        from casedesk.gui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self.window)
        dialog.language_changed.connect(self.set_language)
        dialog.accepted.connect(lambda: self.watcher.start() if self.ctx else None)
        dialog.open()
        return dialog

    def set_language(self, lang: str) -> None:
        from casedesk.gui import i18n

        self.settings.setValue(i18n.SETTING, lang)
        self.locale = i18n.install(lang)
        if self.ctx is not None:
            self.ctx.locale = self.locale

    # -- the lock --------------------------------------------------------------------------------
    def lock(self) -> Any:
        """Close the case file handle and cover every window; open dialogs are hidden, not
        destroyed, so their typed content survives."""
        from PySide6.QtWidgets import QApplication

        if self.ctx is None or self.ctx.is_locked:
            return self.login
        self.watcher.stop()
        self.runner.wait_idle()
        cf = self.ctx.cf
        path, username = cf.path, cf.user.username
        self.hidden = [w for w in QApplication.topLevelWidgets()
                       if w.isVisible() and w is not self.window]
        for w in self.hidden:
            w.hide()
        cf.close()
        self.ctx.replace_casefile(None)
        self.window.set_locked(True)
        from casedesk.gui.login import LoginDialog

        self.login = LoginDialog(path, self.runner, username=username, lock_user=True,
                                 parent=self.window)
        self.login.setWindowModality(self.login.windowModality().ApplicationModal)
        self.login.unlocked.connect(self.unlock)
        self.login.rejected.connect(self._quit_locked)
        self.login.show()
        return self.login

    def unlock(self, cf: Any) -> None:
        self.ctx.replace_casefile(cf)
        self.window.set_locked(False)
        for w in self.hidden:
            w.show()
        self.hidden = []
        self.login = None
        self.watcher.start()

    def _quit_locked(self) -> None:
        from PySide6.QtWidgets import QApplication

        if self.ctx is not None and self.ctx.is_locked:
            self.window.close()
            QApplication.quit()

