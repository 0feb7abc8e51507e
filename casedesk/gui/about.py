"""Help ▸ About casedesk: the version, casedesk's licence, the licences of the components a
bundle ships (from :mod:`casedesk.about`, mirrored in ``packaging/THIRD_PARTY.md``) and where
the log files are."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QAction, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from casedesk import about


def _tr(text: str) -> str:
    return QCoreApplication.translate("about", text)


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(_tr("About casedesk"))
        self.resize(640, 520)
        from casedesk.logs import log_dir
        from casedesk.resources import resource_path

        icon = QLabel(self)
        pixmap = QPixmap(str(resource_path("icons", "casedesk.png")))
        if not pixmap.isNull():
            icon.setPixmap(pixmap.scaled(96, 96, Qt.AspectRatioMode.KeepAspectRatio,
                                         Qt.TransformationMode.SmoothTransformation))
        self.heading = QLabel(self)
        self.heading.setObjectName("aboutHeading")
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setOpenExternalLinks(True)
        self.heading.setWordWrap(True)
        self.heading.setText(
            f"<h2>casedesk {html.escape(about.__version__)}</h2>"
            f"<p>{html.escape(_tr('Offline-first, encrypted case management for law firms.'))}</p>"
            f"<p>{html.escape(_tr('Licence:'))} <a href='{about.HOMEPAGE}'>{about.LICENCE}</a>"
            f" — {html.escape(_tr('free software: you may share and change it.'))}</p>"
            f"<p>{html.escape(_tr('Log files (no client data):'))} "
            f"<code>{html.escape(str(log_dir()))}</code></p>")
        top = QHBoxLayout()
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.heading, 1)

        self.components = QTextBrowser(self)
        self.components.setObjectName("aboutComponents")
        self.components.setOpenExternalLinks(True)
        rows = "".join(
            f"<tr><td>{html.escape(c.name)}</td><td>{html.escape(c.licence)}</td>"
            f"<td><a href='{html.escape(c.url)}'>{html.escape(c.url)}</a></td></tr>"
            for c in about.COMPONENTS)
        self.components.setHtml(
            f"<p><b>{html.escape(_tr('Bundled components and their licences'))}</b></p>"
            f"<table cellspacing='0' cellpadding='3'>{rows}</table>")

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        about_qt = buttons.addButton(_tr("About Qt"), QDialogButtonBox.ButtonRole.ActionRole)
        about_qt.clicked.connect(lambda: QMessageBox.aboutQt(self))
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.components, 1)
        layout.addWidget(buttons)


class _HelpMenu(QObject):
    """Keeps the Help menu's texts in the current language."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.menu = window.menuBar().addMenu("")
        self.menu.setObjectName("menuHelp")
        self.act_about = QAction(self)
        self.act_about.setObjectName("actionAbout")
        self.act_about.setMenuRole(QAction.MenuRole.AboutRole)
        self.act_about.triggered.connect(self.show_about)
        self.menu.addAction(self.act_about)
        self.dialog: AboutDialog | None = None
        self.retranslate()
        window.installEventFilter(self)

    def retranslate(self) -> None:
        self.menu.setTitle(_tr("&Help"))
        self.act_about.setText(_tr("&About casedesk…"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    def show_about(self) -> AboutDialog:
        self.dialog = AboutDialog(self.window)
        self.dialog.open()
        return self.dialog


def install_help_menu(window: QMainWindow) -> _HelpMenu:
    """Add Help ▸ About casedesk… to *window*'s menu bar."""
    return _HelpMenu(window)


def set_identity(app: QCoreApplication) -> None:
    """Name, version and icon of the running application, and the log file.

    The organisation and application names decide where QSettings keeps the settings and
    recent files (``~/.config/casedesk/casedesk.conf`` on Linux, the registry key
    ``HKCU\\Software\\casedesk\\casedesk`` on Windows, a plist in ``~/Library/Preferences``
    on macOS).
    """
    from PySide6.QtGui import QGuiApplication, QIcon

    from casedesk.logs import setup_file_logging
    from casedesk.resources import resource_path

    app.setOrganizationName("casedesk")
    app.setApplicationName("casedesk")
    app.setApplicationVersion(about.__version__)
    if isinstance(app, QGuiApplication):
        app.setDesktopFileName("casedesk")  # matches casedesk.desktop (Wayland task bars)
        app.setWindowIcon(QIcon(str(resource_path("icons", "casedesk.png"))))
    setup_file_logging()
