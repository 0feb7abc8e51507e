"""The start screen: recent case files, create a new firm file, open a file."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar
from zoneinfo import available_timezones

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from casedesk.core.casefile import CaseFile
from casedesk.core.errors import CasedeskError, ValidationError
from casedesk.gui.errors import show_error
from casedesk.gui.forms import child, load_form
from casedesk.gui.tasks import Runner

RECENT = "recent/files"
MAX_RECENT = 10


def recent_files(settings: QSettings) -> list[Path]:
    value = settings.value(RECENT, []) or []
    if isinstance(value, str):
        value = [value]
    return [Path(p) for p in value]


def remember(settings: QSettings, path: Path) -> None:
    path = Path(path).resolve()
    files = [p for p in recent_files(settings) if p != path]
    settings.setValue(RECENT, [str(p) for p in [path, *files][:MAX_RECENT]])


class StartScreen(QWidget):
    chosen = Signal(object)   # Path to log in to
    created = Signal(object)  # CaseFile of a new firm (already logged in)

    def __init__(self, settings: QSettings, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings, self.runner = settings, runner
        self.setObjectName("startScreen")
        self.setWindowTitle("casedesk")
        self.title = QLabel(self)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.title.setFont(font)
        self.recent_label = QLabel(self)
        self.recent = QListWidget(self)
        self.recent.setObjectName("recentFiles")
        self.recent.itemActivated.connect(self._open_item)
        self.open_button = QPushButton(self)
        self.open_button.clicked.connect(self.open_selected)
        self.browse_button = QPushButton(self)
        self.browse_button.clicked.connect(self.browse)
        self.new_button = QPushButton(self)
        self.new_button.setObjectName("newFirm")
        self.new_button.clicked.connect(self.new_firm)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.browse_button)
        buttons.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.recent_label)
        layout.addWidget(self.recent, 1)
        layout.addLayout(buttons)
        self.resize(620, 420)
        self.retranslate()
        self.fill()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Welcome to casedesk"))
        self.recent_label.setText(self.tr("Recent case files:"))
        self.open_button.setText(self.tr("Open"))
        self.browse_button.setText(self.tr("Open a file…"))
        self.new_button.setText(self.tr("Create a new firm file…"))

    def fill(self) -> None:
        self.recent.clear()
        for path in recent_files(self.settings):
            item = QListWidgetItem(f"{path.name}  —  {path.parent}", self.recent)
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            if not path.exists():
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
                item.setToolTip(self.tr("This file no longer exists."))
        if self.recent.count():
            self.recent.setCurrentRow(0)
        self.open_button.setEnabled(self.recent.count() > 0)

    def _open_item(self, item: QListWidgetItem) -> None:
        self.chosen.emit(Path(item.data(Qt.ItemDataRole.UserRole)))

    def open_selected(self) -> None:
        item = self.recent.currentItem()
        if item is not None:
            self._open_item(item)

    def browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Open a case file"), "",
                                              self.tr("Case files (*.casedesk)"))
        if name:
            self.chosen.emit(Path(name))

    def new_firm(self) -> None:
        dialog = NewFirmDialog(self.runner, self)
        dialog.created.connect(self.created)
        dialog.open()


class NewFirmDialog(QDialog):
    created = Signal(object)

    FIELDS: ClassVar[dict[str, str]] = {
        "firm": "firmEdit", "timezone": "timezoneCombo", "username": "adminEdit",
              "password": "passwordEdit", "file": "fileEdit"}

    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.form = load_form("new_firm_form", self)
        self.setWindowTitle(self.tr("Create a new firm file"))
        self.firm = child(self.form, QLineEdit, "firmEdit")
        self.tz = child(self.form, QComboBox, "timezoneCombo")
        self.file = child(self.form, QLineEdit, "fileEdit")
        self.admin = child(self.form, QLineEdit, "adminEdit")
        self.password = child(self.form, QLineEdit, "passwordEdit")
        self.confirm = child(self.form, QLineEdit, "confirmEdit")
        self.message = child(self.form, QLabel, "messageLabel")
        self.message.hide()
        self.tz.addItems(sorted(available_timezones()))
        self.tz.setCurrentText("Europe/Athens")
        self.admin.setText("admin")
        self.file.setText(str(Path.home() / "firm.casedesk"))
        child(self.form, QPushButton, "browseButton").clicked.connect(self.browse)
        box = child(self.form, QDialogButtonBox, "buttonBox")
        box.accepted.connect(self.submit)
        box.rejected.connect(self.reject)
        self.resize(self.form.size())

    def browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("New case file"), self.file.text(),
                                              self.tr("Case files (*.casedesk)"))
        if name:
            self.file.setText(name if name.endswith(".casedesk") else name + ".casedesk")

    def submit(self) -> None:
        self.message.hide()
        if self.password.text() != self.confirm.text():
            self._say(self.tr("The two passwords differ."))
            return
        path, firm, tz = Path(self.file.text().strip()), self.firm.text(), self.tz.currentText()
        admin, password = self.admin.text(), self.password.text()
        self.setEnabled(False)
        self.runner.run_task(
            lambda: CaseFile.create(path, firm_name=firm, admin=admin, password=password,
                                    timezone=tz),
            self._done, self._failed, progress_title=self.tr("Creating the case file…"),
            parent=self)

    def _done(self, result: tuple[CaseFile, str]) -> None:
        self.setEnabled(True)
        cf, recovery = result
        QMessageBox.information(
            self, self.tr("Recovery key"),
            self.tr("Write down this recovery key and keep it in a safe place. It is shown only "
                    "once and opens the case file if every password is lost:\n\n%1")
            .replace("%1", recovery))
        self.created.emit(cf)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.setEnabled(True)
        if isinstance(exc, CasedeskError):
            prefix = ""
            if isinstance(exc, ValidationError) and exc.field in self.FIELDS:
                widget = self.form.findChild(QWidget, self.FIELDS[exc.field])
                if widget is not None:
                    widget.setFocus()
            self._say(prefix + str(exc))
        else:
            show_error(self, exc)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
