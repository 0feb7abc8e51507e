"""iCalendar for Outlook: export a .ics file, the loopback calendar feed, and importing an .ics
file into a matter's events.

* :class:`IcsExportDialog` — filters (attorney, matter, period) and a file; the calendar is built
  by :func:`casedesk.core.services.icalexport.build_calendar` off the GUI thread.
* :class:`FeedController` — the per-window owner of the :class:`~casedesk.core.feed.FeedServer`
  (127.0.0.1 only, while the app runs and the case file is unlocked) and of the opt-in "write my
  feed to a folder after every change" (:func:`icalexport.write_feed_file`).
* :class:`CalendarFeedDialog` — the "Calendar feed" settings: start/stop, the user's URL with a
  copy button, a new token, the feed-file option behind :data:`icalexport.FEED_FILE_WARNING`, and
  why New Outlook / Outlook on the web cannot subscribe (``docs/outlook.md``).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QDate, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from casedesk.core.errors import CasedeskError, NotFound
from casedesk.core.feed import FeedServer
from casedesk.core.fsutil import atomic_write
from casedesk.core.services import icalexport, queries
from casedesk.core.services.queries import ListQuery
from casedesk.gui.context import AppContext
from casedesk.gui.errors import show_error

if TYPE_CHECKING:
    from casedesk.gui.workspace import MatterWorkspace

ERROR_STYLE = "color: #b00020;"
FEED_KINDS = {"event", "deadline", "matter"}
OUTLOOK_DOC = Path(__file__).resolve().parents[2] / "docs" / "outlook.md"


def _tr(text: str) -> str:
    return QCoreApplication.translate("Ical", text)


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


def find_matter(cf: Any, text: str) -> queries.MatterRow | None:
    """The matter a number (or a unique title fragment) names; None for empty text."""
    text = text.strip()
    if not text:
        return None
    rows = queries.matters(cf, ListQuery(text=text, limit=5))
    exact = [r for r in rows if r.number.casefold() == text.casefold()]
    if exact:
        return exact[0]
    if len(rows) == 1:
        return rows[0]
    raise NotFound(_tr("No single matter matches “%1”.").replace("%1", text))


def attorney_combo(ctx: AppContext, parent: QWidget, blank: str) -> QComboBox:
    combo = QComboBox(parent)
    combo.addItem(blank, "")
    for u in queries.user_choices(ctx.cf):
        if u.role == "attorney":
            combo.addItem(u.display_name or u.username, u.username)
    return combo


def date_range_row(parent: QWidget) -> tuple[QCheckBox, QDateEdit, QDateEdit, QHBoxLayout]:
    check = QCheckBox(_tr("Only from"), parent)
    start, end = QDateEdit(parent), QDateEdit(parent)
    for edit in (start, end):
        edit.setCalendarPopup(True)
        edit.setEnabled(False)
        check.toggled.connect(edit.setEnabled)
    start.setDate(QDate.currentDate().addDays(-30))
    end.setDate(QDate.currentDate().addDays(365))
    row = QHBoxLayout()
    row.addWidget(check)
    row.addWidget(start)
    row.addWidget(QLabel(_tr("to"), parent))
    row.addWidget(end)
    row.addStretch(1)
    return check, start, end, row


# -- export --------------------------------------------------------------------------------------


class IcsExportDialog(QDialog):
    """Export the calendar to an .ics file (filters: attorney, matter, period)."""

    exported = Signal(str)

    def __init__(self, ctx: AppContext, matter_id: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("icsExportDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.ctx = ctx
        self.setWindowTitle(_tr("Export calendar (.ics)"))
        self.attorney = attorney_combo(ctx, self, _tr("Everyone"))
        self.attorney.setObjectName("attorneyCombo")
        self.matter = QLineEdit(self)
        self.matter.setObjectName("matterEdit")
        self.matter.setPlaceholderText(_tr("All matters (or type a matter number)"))
        if matter_id:
            brief = queries.matter_brief(ctx.cf, matter_id)
            if brief is not None:
                self.matter.setText(brief.number)
        self.limit, self.start, self.end, period = date_range_row(self)
        form = QFormLayout()
        form.addRow(_tr("Attorney:"), self.attorney)
        form.addRow(_tr("Matter:"), self.matter)
        form.addRow(_tr("Period:"), period)
        hint = QLabel(_tr("For New Outlook or Outlook on the web: import the file into a "
                          "dedicated calendar (e.g. “casedesk”), never into your main calendar. "
                          "Importing a newer file into the same calendar updates the items."),
                      self)
        hint.setWordWrap(True)
        hint.setStyleSheet("color: palette(dark);")
        self.message = QLabel(self)
        self.message.setObjectName("messageLabel")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.hide()
        box = QDialogButtonBox(self)
        self.export_button = box.addButton(_tr("Export…"), QDialogButtonBox.ButtonRole.AcceptRole)
        box.addButton(QDialogButtonBox.StandardButton.Cancel)
        box.accepted.connect(self.choose_file)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.message)
        layout.addWidget(box)
        self.resize(560, 260)

    def choose_file(self) -> None:
        name = self.attorney.currentData() or "casedesk"
        path, _f = QFileDialog.getSaveFileName(self, _tr("Export calendar"),
                                               str(Path.home() / f"{name}-calendar.ics"),
                                               _tr("iCalendar files (*.ics)"))
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        self.message.hide()
        cf = self.ctx.cf
        try:
            matter = find_matter(cf, self.matter.text())
        except CasedeskError as exc:
            self._failed(exc)
            return
        filters: dict[str, Any] = {"attorney": self.attorney.currentData() or None,
                                   "matter_id": matter.id if matter else None}
        if self.limit.isChecked():
            filters["start"] = _pydate(self.start.date())
            filters["end"] = _pydate(self.end.date())
        if path.suffix.lower() != ".ics":
            path = path.with_suffix(".ics")

        def work() -> Any:
            result = icalexport.build_calendar(cf, **filters)
            atomic_write(path, result.data)
            return result

        self.setEnabled(False)
        self.ctx.runner.run_task(work, lambda r: self._done(path, r), self._failed,
                                 progress_title=_tr("Exporting the calendar…"), parent=self)

    def _done(self, path: Path, result: Any) -> None:
        self.setEnabled(True)
        self.exported.emit(str(path))
        self.accept()
        parent = self.parentWidget()
        if parent is not None and hasattr(parent, "statusBar"):
            parent.statusBar().showMessage(
                _tr("%1 events and %2 deadlines exported to %3.")
                .replace("%1", str(result.events)).replace("%2", str(result.deadlines))
                .replace("%3", str(path)), 8000)

    def _failed(self, exc: BaseException) -> None:
        self.setEnabled(True)
        if isinstance(exc, CasedeskError):
            self.message.setText(str(exc))
            self.message.show()
        elif isinstance(exc, OSError):
            self.message.setText(_tr("The file could not be written: %1").replace(
                "%1", exc.strerror or str(exc)))
            self.message.show()
        else:
            show_error(self, exc)


# -- the feed ------------------------------------------------------------------------------------


class FeedController(QObject):
    """The loopback feed server and the opt-in feed file, while the app runs."""

    state_changed = Signal()
    SERVE = "feed/serve"
    FILE_ON = "feed/file_enabled"
    FILE_PATH = "feed/file_path"

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.server: FeedServer | None = None
        self.last_error = ""
        self.last_written = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(2000)
        self._timer.timeout.connect(self.write_file)
        ctx.changed.connect(self._changed)
        ctx.locked.connect(self._locked)
        ctx.unlocked.connect(self._unlocked)
        if _truthy(ctx.settings.value(self.SERVE, False)):
            self.start()

    # -- server -----------------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self.server is not None

    def start(self) -> None:
        if self.server is not None or self.ctx.is_locked:
            return
        try:
            self.server = FeedServer(self.ctx.cf).start()
            self.last_error = ""
        except CasedeskError as exc:
            self.server = None
            self.last_error = str(exc)
        self.ctx.settings.setValue(self.SERVE, self.server is not None)
        self.state_changed.emit()

    def stop(self, remember: bool = True) -> None:
        server, self.server = self.server, None
        if server is not None:
            server.stop()
        if remember:
            self.ctx.settings.setValue(self.SERVE, False)
        self.state_changed.emit()

    def url(self) -> str:
        if self.server is None:
            return ""
        return self.server.url_for(icalexport.feed_token(self.ctx.cf))

    def regenerate(self) -> None:
        icalexport.regenerate_feed_token(self.ctx.cf)
        self.state_changed.emit()

    def _locked(self) -> None:
        was = self.server is not None
        self.stop(remember=False)
        self._resume = was

    def _unlocked(self) -> None:
        if getattr(self, "_resume", False):
            self.start()

    # -- the file ---------------------------------------------------------------------------------
    @property
    def file_enabled(self) -> bool:
        return _truthy(self.ctx.settings.value(self.FILE_ON, False)) and bool(self.file_path)

    @property
    def file_path(self) -> str:
        return str(self.ctx.settings.value(self.FILE_PATH, "") or "")

    def set_file(self, enabled: bool, folder: str = "") -> None:
        self.ctx.settings.setValue(self.FILE_ON, bool(enabled))
        if folder:
            self.ctx.settings.setValue(self.FILE_PATH, folder)
        if self.file_enabled:
            self.write_file()
        self.state_changed.emit()

    def _changed(self, kinds: set[str]) -> None:
        if kinds & FEED_KINDS and self.file_enabled:
            self._timer.start()

    def write_file(self) -> None:
        if not self.file_enabled or self.ctx.is_locked:
            return
        cf, user, folder = self.ctx.cf, self.ctx.cf.user.username, Path(self.file_path)

        def done(path: Path) -> None:
            self.last_written, self.last_error = str(path), ""
            self.state_changed.emit()

        def failed(exc: BaseException) -> None:
            self.last_error = str(exc) if isinstance(exc, CasedeskError | OSError) else repr(exc)
            self.state_changed.emit()

        self.ctx.runner.run_task(lambda: icalexport.write_feed_file(cf, user, folder), done,
                                 failed)


def _truthy(value: Any) -> bool:
    return value in (True, 1) or str(value).lower() in ("true", "1", "yes")


def outlook_help_text() -> str:
    """The Outlook guide (``docs/outlook.md``) as Markdown, or a short version without it."""
    try:
        return OUTLOOK_DOC.read_text(encoding="utf-8")
    except OSError:
        return _tr("New Outlook and Outlook on the web run on Microsoft's servers and cannot "
                   "reach a feed on your own computer. Export a .ics file instead and import it "
                   "into a dedicated calendar.")


class CalendarFeedDialog(QDialog):
    """The "Calendar feed" settings section."""

    def __init__(self, ctx: AppContext, feed: FeedController,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calendarFeedDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.ctx, self.feed = ctx, feed
        self.setWindowTitle(_tr("Calendar feed (Outlook)"))

        server = QGroupBox(_tr("Feed for classic Outlook (this computer only)"), self)
        self.status = QLabel(server)
        self.status.setObjectName("feedStatus")
        self.status.setWordWrap(True)
        self.toggle = QPushButton(server)
        self.toggle.setObjectName("feedToggle")
        self.toggle.clicked.connect(self._toggle)
        self.url = QLineEdit(server)
        self.url.setObjectName("feedUrl")
        self.url.setReadOnly(True)
        self.copy = QPushButton(_tr("Copy"), server)
        self.copy.setObjectName("copyUrl")
        self.copy.clicked.connect(self.copy_url)
        self.regenerate = QPushButton(_tr("New address…"), server)
        self.regenerate.setObjectName("regenerateToken")
        self.regenerate.setToolTip(_tr("Make a new secret address; the old one stops working "
                                       "at once."))
        self.regenerate.clicked.connect(self._regenerate)
        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(self.toggle)
        url_row = QHBoxLayout()
        url_row.addWidget(self.url, 1)
        url_row.addWidget(self.copy)
        url_row.addWidget(self.regenerate)
        how = QLabel(_tr("In classic Outlook: Home → Add Calendar → From Internet…, paste the "
                         "address. It works only while casedesk runs on this computer."), server)
        how.setWordWrap(True)
        sbox = QVBoxLayout(server)
        sbox.addLayout(top)
        sbox.addLayout(url_row)
        sbox.addWidget(how)

        file_box = QGroupBox(_tr("Write my calendar to a folder after every change"), self)
        self.file_check = QCheckBox(_tr("Write the feed file to:"), file_box)
        self.file_check.setObjectName("feedFileCheck")
        self.folder = QLineEdit(file_box)
        self.folder.setObjectName("feedFolder")
        self.folder.setReadOnly(True)
        self.folder.setText(feed.file_path)
        self.browse = QPushButton(_tr("Choose folder…"), file_box)
        self.browse.clicked.connect(self._browse)
        warning = QLabel("⚠ " + icalexport.FEED_FILE_WARNING, file_box)
        warning.setObjectName("feedWarning")
        warning.setWordWrap(True)
        warning.setStyleSheet("background: #fff1c2; padding: 6px;")
        self.file_status = QLabel(file_box)
        self.file_status.setWordWrap(True)
        frow = QHBoxLayout()
        frow.addWidget(self.file_check)
        frow.addWidget(self.folder, 1)
        frow.addWidget(self.browse)
        fbox = QVBoxLayout(file_box)
        fbox.addWidget(warning)
        fbox.addLayout(frow)
        fbox.addWidget(self.file_status)
        self.file_check.setChecked(feed.file_enabled)
        self.file_check.clicked.connect(self._file_clicked)

        limits = QLabel(_tr("<b>New Outlook and Outlook on the web</b> run on Microsoft's servers "
                            "and cannot reach a feed on your computer: use <i>File → Export "
                            "calendar (.ics)…</i> and import the file into a dedicated calendar. "
                            "Details below."), self)
        limits.setWordWrap(True)
        limits.setTextFormat(Qt.TextFormat.RichText)
        self.help = QTextBrowser(self)
        self.help.setObjectName("outlookHelp")
        self.help.setMarkdown(outlook_help_text())
        self.help.setMinimumHeight(160)

        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(server)
        layout.addWidget(file_box)
        layout.addWidget(limits)
        layout.addWidget(self.help, 1)
        layout.addWidget(box)
        self.resize(720, 680)
        feed.state_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        running = self.feed.running
        self.toggle.setText(_tr("Stop the feed") if running else _tr("Start the feed"))
        if running:
            self.status.setText(_tr("The feed is running. Your address:"))
            try:
                self.url.setText(self.feed.url())
            except CasedeskError as exc:
                self.url.setText("")
                self.status.setText(str(exc))
        else:
            self.status.setText(self.feed.last_error or _tr("The feed is stopped."))
            self.url.setText("")
        self.copy.setEnabled(running)
        self.regenerate.setEnabled(running)
        if self.feed.last_error and self.feed.file_enabled:
            self.file_status.setText(self.feed.last_error)
        elif self.feed.last_written:
            self.file_status.setText(_tr("Last written: %1").replace("%1", self.feed.last_written))
        else:
            self.file_status.setText("")

    def _toggle(self) -> None:
        if self.feed.running:
            self.feed.stop()
        else:
            self.feed.start()

    def copy_url(self) -> None:
        if self.url.text():
            QGuiApplication.clipboard().setText(self.url.text())

    def _regenerate(self) -> None:
        answer = QMessageBox.question(
            self, _tr("New feed address"),
            _tr("Make a new address? Calendars subscribed to the old one stop updating until "
                "you subscribe again with the new one."))
        if answer == QMessageBox.StandardButton.Yes:
            try:
                self.feed.regenerate()
            except CasedeskError as exc:
                show_error(self, exc)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _tr("Folder for the calendar file"),
                                                  self.folder.text() or str(Path.home()))
        if folder:
            self.folder.setText(folder)
            if self.file_check.isChecked():
                self.feed.set_file(True, folder)

    def _file_clicked(self, checked: bool) -> None:
        if not checked:
            self.feed.set_file(False)
            return
        if not self.folder.text():
            self._browse()
        if not self.folder.text():
            self.file_check.setChecked(False)
            return
        answer = QMessageBox.warning(
            self, _tr("Unencrypted calendar file"), icalexport.FEED_FILE_WARNING
            + "\n\n" + _tr("Write the file anyway?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer == QMessageBox.StandardButton.Yes:
            self.feed.set_file(True, self.folder.text())
        else:
            self.file_check.setChecked(False)


# -- import into a matter ------------------------------------------------------------------------


def import_file(ctx: AppContext, matter_id: str, path: Path, parent: QWidget | None = None,
                on_done: Any = None) -> None:
    """Add an .ics file's events to a matter (re-importing updates them)."""
    cf = ctx.cf

    def work() -> int:
        return len(icalexport.import_ics(cf, matter_id, Path(path).read_bytes()))

    def done(n: int) -> None:
        ctx.notify({"event"})
        if on_done is not None:
            on_done(n)

    def failed(exc: BaseException) -> None:
        if isinstance(exc, OSError):
            exc = CasedeskError(_tr("The file could not be read: %1").replace(
                "%1", exc.strerror or str(exc)))
        show_error(parent, exc)

    ctx.runner.run_task(work, done, failed, parent=parent)


def install_import_button(ws: MatterWorkspace) -> QPushButton:
    """Add "Import .ics…" to the workspace's events buttons."""
    anchor = ws.buttons["add_event"]
    button = QPushButton(_tr("Import .ics…"), anchor.parentWidget())
    button.setObjectName("import_ics")
    button.setToolTip(_tr("Add the events of a calendar file (a court's hearing notice…) to "
                          "this matter; importing the same file again updates them."))
    page = anchor.parentWidget()
    layout = page.layout() if page is not None else None
    for i in range(layout.count() if layout is not None else 0):
        sub = layout.itemAt(i).layout()  # type: ignore[union-attr]
        if isinstance(sub, QHBoxLayout) and sub.indexOf(anchor) >= 0:
            sub.insertWidget(sub.count() - 1, button)
            break

    def choose() -> None:
        path, _f = QFileDialog.getOpenFileName(ws, _tr("Import calendar file"), str(Path.home()),
                                               _tr("iCalendar files (*.ics)"))
        if path:
            import_file(ws.ctx, ws.matter_id, Path(path), ws, lambda n: QMessageBox.information(
                ws, _tr("Import calendar file"),
                _tr("%1 events imported or updated.").replace("%1", str(n))))

    button.clicked.connect(choose)
    button.setEnabled(ws.ctx.cf.user.can(_edit_right()))
    return button


def _edit_right() -> Any:
    from casedesk.core.permissions import Right

    return Right.EDIT
