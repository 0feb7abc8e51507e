"""Key management in the GUI: a matter's ethical wall, and the firm-key rotation.

* :func:`install_workspace` adds to a matter workspace an "Ethical wall…" button (enabled for
  administrators and the matter's responsible attorney; the core decides anyway) and, while the
  matter is walled, a label in its header ("Ethical wall: restricted to 3 users").  The button
  opens :class:`WallDialog`: no wall / only these users / everyone except these users, a
  checkable list of the firm's users, who will see the matter, and who will wait for the matter
  key.  Applying calls :func:`casedesk.core.walls.set_wall` on the worker thread (it re-encrypts
  the matter's documents, with progress; cancelling rolls the change back).
* :class:`FirmKeyRotation` is the "Rotate the firm key…" action of the administration menu
  (:class:`casedesk.gui.audit_pane.AdminTools`): an explanation to confirm, the rotation on the
  worker thread, then the new recovery key, shown once, to print or write down.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from casedesk.core import walls
from casedesk.core.errors import CasedeskError
from casedesk.core.permissions import ROLE_LABELS, Right
from casedesk.gui.context import AppContext
from casedesk.gui.errors import show_error
from casedesk.gui.tasks import Progress, blocking_progress

if TYPE_CHECKING:
    from casedesk.core.casefile import CaseFile
    from casedesk.gui.main_window import MainWindow
    from casedesk.gui.workspace import MatterWorkspace

NO_WALL, RESTRICT, EXCLUDE = "", "restrict", "exclude"
WALL_STYLE = "background: #fdecc8; color: #5c3b00; padding: 3px 6px; border-radius: 3px;"
NOTE_STYLE = "color: #8a5300;"


def _tr(text: str) -> str:
    return QCoreApplication.translate("EthicalWall", text)


def _users(n: int) -> str:
    return _tr("1 user") if n == 1 else _tr("%1 users").replace("%1", str(n))


# -- what the workspace and the dialog show (loaded on the worker thread) -------------------------


@dataclass(frozen=True)
class UserChoice:
    username: str
    display_name: str
    role: str
    active: bool
    has_keypair: bool  # without one a member waits for the matter key

    @property
    def label(self) -> str:
        return self.display_name or self.username


@dataclass(frozen=True)
class WallStatus:
    matter_id: str
    info: walls.WallInfo
    may_manage: bool
    users: list[UserChoice]


def may_manage(cf: CaseFile, matter_id: str) -> bool:
    """Whether to offer the wall dialog as enabled (the core decides the same)."""
    return walls.may_manage(cf, matter_id)


def load_status(cf: CaseFile, matter_id: str) -> WallStatus:
    info = walls.describe(cf, matter_id)
    users = [UserChoice(u.username, u.display_name or "", u.role, bool(u.active),
                        bool(u.box_public)) for u in cf.list_users()]
    return WallStatus(matter_id, info, may_manage(cf, matter_id), users)


def indicator_text(info: walls.WallInfo) -> str:
    """The header label of a walled matter ("" when it has no wall)."""
    if not info.mode:
        return ""
    if info.mode == RESTRICT:
        text = _tr("Ethical wall: restricted to %1").replace("%1", _users(len(info.members)))
    else:
        text = _tr("Ethical wall: closed to %1").replace("%1", _users(len(info.listed)))
    if info.waiting:
        text += _tr(" · %1 waiting for the key").replace("%1", str(len(info.waiting)))
    return text


def waiting_note(names: list[str]) -> str:
    return _tr("%1 cannot open this matter's documents yet: the matter key is shared with them "
               "when another member of the wall next opens the case file.").replace(
        "%1", ", ".join(names))


class _Cancelled(CasedeskError):
    def __init__(self) -> None:
        super().__init__("Cancelled; the ethical wall was not changed.")


class _Bridge(QObject):
    """Signals from a worker function to the GUI thread (queued), for what the runner does not
    deliver: rotation progress without a cancellable dialog, and the end of a cancelled task
    (the runner drops its result)."""

    progressed = Signal(int, int)
    settled = Signal()

    def __init__(self, parent: QObject, on_progress: Callable[[int, int], None] | None = None,
                 on_settled: Callable[[], None] | None = None) -> None:
        super().__init__(parent)
        queued = Qt.ConnectionType.QueuedConnection
        if on_progress is not None:
            self.progressed.connect(on_progress, queued)
        if on_settled is not None:
            self.settled.connect(on_settled, queued)


# -- the workspace entry point --------------------------------------------------------------------


class WorkspaceWall:
    """The "Ethical wall…" button and the header indicator of a matter workspace
    (kept as ``ws.wall``)."""

    def __init__(self, ws: MatterWorkspace) -> None:
        self.ws, self.ctx = ws, ws.ctx
        self.status: WallStatus | None = None
        self.dialog: WallDialog | None = None
        self.indicator = QLabel(ws)
        self.indicator.setObjectName("wallIndicator")
        self.indicator.setStyleSheet(WALL_STYLE)
        self.indicator.hide()
        self.button = QPushButton(_tr("Ethical wall…"), ws)
        self.button.setObjectName("wallButton")
        self.button.setEnabled(False)
        self.button.clicked.connect(self.open_dialog)
        head = ws.head
        head.insertWidget(head.indexOf(ws.heading) + 1, self.indicator)
        head.insertWidget(head.indexOf(ws.edit_button) + 1, self.button)
        ws.loaded.connect(self.refresh)  # the workspace's first load follows

    def refresh(self) -> None:
        if self.ctx.is_locked:
            return
        cf, mid = self.ctx.cf, self.ws.matter_id
        self.ctx.runner.run_task(lambda: load_status(cf, mid), self._show,
                                 lambda exc: show_error(self.ws, exc))

    def _show(self, status: WallStatus) -> None:
        self.status = status
        text = indicator_text(status.info)
        self.indicator.setText(text)
        self.indicator.setVisible(bool(text))
        if text:
            tip = _tr("Who sees this matter: %1").replace("%1", ", ".join(status.info.members))
            if status.info.waiting:
                tip += "\n" + waiting_note(status.info.waiting)
            self.indicator.setToolTip(tip)
        self.button.setEnabled(status.may_manage)
        self.button.setToolTip("" if status.may_manage else _tr(
            "Only an administrator or the matter's responsible attorney can change its ethical "
            "wall."))

    def open_dialog(self) -> WallDialog | None:
        try:
            dialog = WallDialog(self.ctx, self.ws.matter_id, self.status, self.ws)
        except CasedeskError as exc:
            show_error(self.ws, exc)
            return None
        self.dialog = dialog
        dialog.open()
        return dialog


def install_workspace(ws: MatterWorkspace) -> WorkspaceWall:
    ws.wall = WorkspaceWall(ws)  # type: ignore[attr-defined]
    return ws.wall  # type: ignore[attr-defined,no-any-return]


# -- the dialog -----------------------------------------------------------------------------------


class WallDialog(QDialog):
    """Set, change or lift the ethical wall of one matter."""

    changed = Signal(object)  # the WallChange

    def __init__(self, ctx: AppContext, matter_id: str, status: WallStatus | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("wallDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.ctx, self.matter_id = ctx, matter_id
        self.status = status if status is not None else load_status(ctx.cf, matter_id)
        self.me = ctx.cf.user.username
        self.result_box: QMessageBox | None = None
        self._bridge = _Bridge(self, on_settled=self._cancelled)
        self.setWindowTitle(_tr("Ethical wall"))

        intro = QLabel(_tr(
            "An ethical wall keeps this matter — its parties, documents, calendar, tasks and "
            "notes — out of sight of everyone outside it, and its documents are encrypted so "
            "that only the members can open them."), self)
        intro.setWordWrap(True)
        group = QGroupBox(_tr("Who may see this matter"), self)
        self.modes = QButtonGroup(self)
        self.radio: dict[str, QRadioButton] = {}
        group_layout = QVBoxLayout(group)
        for mode, label, name in ((NO_WALL, _tr("No wall: everyone in the firm"), "wallNone"),
                                  (RESTRICT, _tr("Only these users"), "wallRestrict"),
                                  (EXCLUDE, _tr("Everyone except these users"), "wallExclude")):
            radio = QRadioButton(label, group)
            radio.setObjectName(name)
            self.modes.addButton(radio)
            self.radio[mode] = radio
            group_layout.addWidget(radio)
        self.list = QListWidget(self)
        self.list.setObjectName("wallUsers")
        self.summary = QLabel(self)
        self.summary.setObjectName("wallSummary")
        self.summary.setWordWrap(True)
        self.waiting = QLabel(self)
        self.waiting.setObjectName("wallWaiting")
        self.waiting.setWordWrap(True)
        self.waiting.setStyleSheet(NOTE_STYLE)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.apply_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.apply_button.setObjectName("wallApply")
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(group)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.waiting)
        layout.addWidget(self.buttons)

        self._fill()
        self.modes.buttonToggled.connect(lambda *_: self._update())
        self.list.itemChanged.connect(lambda *_: self._update())
        self._update()
        self.resize(480, 560)

    # -- state -----------------------------------------------------------------------------------
    def _fill(self) -> None:
        info = self.status.info
        self.original = (info.mode or NO_WALL, sorted(info.listed))
        self.radio[info.mode or NO_WALL].setChecked(True)
        listed = set(info.listed)
        for u in self.status.users:
            if not u.active and u.username not in listed:
                continue
            role = ROLE_LABELS.get(_role(u.role), u.role)
            text = f"{u.label} ({u.username}) — {role}"
            if not u.active:
                text += _tr(" — disabled")
            item = QListWidgetItem(text, self.list)
            item.setData(Qt.ItemDataRole.UserRole, u.username)
            if u.username == self.me:
                item.setToolTip(_tr("You stay inside the walls you set."))
            item.setCheckState(Qt.CheckState.Checked if u.username in listed
                               else Qt.CheckState.Unchecked)

    def mode(self) -> str:
        return next(m for m, r in self.radio.items() if r.isChecked())

    def set_mode(self, mode: str | None) -> None:
        self.radio[mode or NO_WALL].setChecked(True)

    def _items(self) -> list[QListWidgetItem]:
        return [self.list.item(i) for i in range(self.list.count())]

    def checked(self) -> list[str]:
        return [it.data(Qt.ItemDataRole.UserRole) for it in self._items()
                if it.checkState() == Qt.CheckState.Checked
                and it.data(Qt.ItemDataRole.UserRole) != self.me]

    def set_checked(self, usernames: list[str]) -> None:
        wanted = set(usernames)
        for it in self._items():
            if it.flags() & Qt.ItemFlag.ItemIsEnabled:
                it.setCheckState(Qt.CheckState.Checked if it.data(Qt.ItemDataRole.UserRole)
                                 in wanted else Qt.CheckState.Unchecked)

    def members(self) -> list[UserChoice]:
        """Who would see the matter with the choices as they stand (active users)."""
        mode, chosen = self.mode(), set(self.checked())
        active = [u for u in self.status.users if u.active]
        if mode == RESTRICT:
            return [u for u in active if u.username in chosen or u.username == self.me]
        if mode == EXCLUDE:
            return [u for u in active if u.username not in chosen]
        return active

    def _update(self) -> None:
        mode = self.mode()
        self.list.blockSignals(True)
        for it in self._items():
            flags = it.flags()
            enabled = mode != NO_WALL and it.data(Qt.ItemDataRole.UserRole) != self.me
            it.setFlags(flags | Qt.ItemFlag.ItemIsEnabled if enabled
                        else flags & ~Qt.ItemFlag.ItemIsEnabled)
            if it.data(Qt.ItemDataRole.UserRole) == self.me:  # you always stay inside
                it.setCheckState(Qt.CheckState.Checked if mode == RESTRICT
                                 else Qt.CheckState.Unchecked)
        self.list.blockSignals(False)
        self.list.setEnabled(mode != NO_WALL)
        members = self.members()
        names = ", ".join(_tr("you") if u.username == self.me else u.label for u in members)
        if mode == NO_WALL:
            self.summary.setText(_tr("Everyone in the firm will see this matter."))
        else:
            self.summary.setText(_tr("Will see this matter (%1): %2")
                                 .replace("%1", str(len(members))).replace("%2", names))
        waiting = [u.label for u in members if not u.has_keypair] if mode != NO_WALL else []
        self.waiting.setText(waiting_note(waiting) if waiting else "")
        self.waiting.setVisible(bool(waiting))
        unchanged = (mode, sorted(self.checked())) == (self.original[0], sorted(
            n for n in self.original[1] if n != self.me))
        self.apply_button.setText(_tr("Lift the wall") if mode == NO_WALL and self.original[0]
                                  else _tr("Apply"))
        self.apply_button.setEnabled(not unchanged and (mode != EXCLUDE or bool(self.checked())))

    # -- applying --------------------------------------------------------------------------------
    def submit(self) -> None:
        if not self.apply_button.isEnabled():
            return
        cf, mid, bridge = self.ctx.cf, self.matter_id, self._bridge
        mode, names = self.mode() or None, self.checked() if self.mode() else []

        def work(progress: Progress) -> walls.WallChange:
            def step(done: int, total: int) -> None:
                if progress.cancelled:  # raised inside the write: it is rolled back
                    raise _Cancelled()
                progress.report(done, total)
            try:
                return walls.set_wall(cf, mid, mode, names, progress=step)
            finally:
                if progress.cancelled:
                    bridge.settled.emit()

        self.setEnabled(False)
        self.ctx.runner.run_task(work, self._done, self._failed,
                                 progress_title=_tr("Re-encrypting the matter's documents…"),
                                 parent=self)

    def _cancelled(self) -> None:
        """The progress dialog was cancelled: the change was rolled back (or, cancelled at the
        last moment, made); either way the views show what the file now holds."""
        self.setEnabled(True)
        self.ctx.notify({"matter", "document"})

    def _done(self, change: walls.WallChange) -> None:
        self.setEnabled(True)
        self.ctx.notify({"matter", "document"})
        self.changed.emit(change)
        if change.waiting:
            box = QMessageBox(QMessageBox.Icon.Information, _tr("Ethical wall"),
                              waiting_note(change.waiting), QMessageBox.StandardButton.Ok,
                              self.parentWidget())
            box.setObjectName("wallWaitingBox")
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
            self.result_box = box
            box.open()
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.setEnabled(True)
        show_error(self, exc)


def _role(value: str) -> Any:
    from casedesk.core.models import Role

    try:
        return Role(value)
    except ValueError:
        return value


# -- firm-key rotation ----------------------------------------------------------------------------


class FirmKeyRotation(QObject):
    """Administration ▸ Rotate the firm key… (kept as ``admin_tools.rotation``).

    Unlike other long work it shows a progress dialog without "Cancel": the rotation cannot be
    undone half-way, and a cancelled task would drop its result - the new recovery key."""

    def __init__(self, win: MainWindow) -> None:
        super().__init__(win)
        self.win = win
        self.action = QAction(_tr("Rotate the firm key…"), win)
        self.action.setObjectName("rotateFirmKey")
        self.action.setEnabled(win.ctx.cf.user.can(Right.ADMINISTER))
        self.action.triggered.connect(self.confirm)
        self.confirm_box: QMessageBox | None = None
        self.progress: QProgressDialog | None = None
        self.recovery_box: QMessageBox | None = None
        self._steps = _Bridge(self, on_progress=self._progressed)

    def confirm(self) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Warning, _tr("Rotate the firm key"), _tr(
            "Use this after removing a user whose access must end for good."),
            QMessageBox.StandardButton.Cancel, self.win)
        box.setObjectName("rotateConfirm")
        box.setInformativeText(_tr(
            "• The case file is re-encrypted under a new key.\n"
            "• Every remaining user keeps their password.\n"
            "• A new recovery key is issued: print it and keep it in a safe place.\n"
            "• Backups made before stay readable with the old passwords.\n"
            "• Other computers must join the case file again from the share.\n\n"
            "Close casedesk on the other computers first."))
        go = box.addButton(_tr("Rotate the key"), QMessageBox.ButtonRole.AcceptRole)
        go.setObjectName("rotateGo")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        box.finished.connect(lambda _r: self._confirmed(box.clickedButton() is go))
        self.confirm_box = box
        box.open()
        return box

    def _confirmed(self, yes: bool) -> None:
        self.confirm_box = None
        if yes:
            self.run()

    def run(self) -> None:
        from casedesk.core import rotation  # written alongside; imported when used

        cf, steps = self.win.ctx.cf, self._steps
        progress = blocking_progress(self.win, _tr("Re-encrypting the case file under a new "
                                                   "key…"), "rotateProgress", _tr("Please wait"))
        self.progress = progress
        self.action.setEnabled(False)
        self.win.ctx.runner.run_task(
            lambda: rotation.rotate_firm_key(cf, progress=steps.progressed.emit),
            self._done, self._failed, parent=self.win)

    def _progressed(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress.setMaximum(total)
            self.progress.setValue(done)

    def _finish(self) -> None:
        self.action.setEnabled(self.win.ctx.cf.user.can(Right.ADMINISTER))
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _failed(self, exc: BaseException) -> None:
        self._finish()
        show_error(self.win, exc)

    def _done(self, result: Any) -> None:
        self._finish()
        self.win.update_status()  # the file was reopened under the new key, as a new device
        self.show_recovery_key(result)

    def show_recovery_key(self, result: Any) -> QMessageBox:
        """The new recovery key, once (as after creating a case file), with "Print…"."""
        key = result.recovery_key
        box = QMessageBox(QMessageBox.Icon.Information, _tr("New recovery key"), _tr(
            "The firm key was rotated. Write down or print this new recovery key and keep it in "
            "a safe place. It is shown only once, replaces the old one and opens the case file "
            "if every password is lost:\n\n%1").replace("%1", key),
            QMessageBox.StandardButton.NoButton, self.win)
        box.setObjectName("recoveryKeyBox")
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        notes = []
        if result.sealed:
            notes.append(_tr("These users open the case file with their existing password: %1")
                         .replace("%1", ", ".join(result.sealed)))
        if result.must_reset:
            notes.append(_tr("These users need a password reset by an administrator before they "
                             "can log in again: %1").replace("%1", ", ".join(result.must_reset)))
        if result.backups_note:
            notes.append(result.backups_note)
        notes.append(_tr("Other computers must join the case file again from the share."))
        box.setInformativeText("\n\n".join(notes))
        printer = box.addButton(_tr("Print…"), QMessageBox.ButtonRole.ActionRole)
        printer.setObjectName("printRecoveryKey")
        stored = box.addButton(_tr("I have stored it"), QMessageBox.ButtonRole.AcceptRole)
        stored.setObjectName("recoveryKeyStored")

        def answered(_r: int) -> None:
            if box.clickedButton() is printer:  # any button closes a QMessageBox: reopen it
                print_recovery_key(box, self.win.ctx.firm_name, key)
                box.open()
                return
            self.recovery_box = None
            box.deleteLater()

        box.finished.connect(answered)
        self.recovery_box = box
        box.open()
        return box


def print_recovery_key(parent: QWidget, firm: str, key: str,
                       ask: Callable[[Any, QWidget], bool] | None = None) -> bool:
    """Print a sheet with the recovery key (the print dialog picks the printer or a PDF)."""
    from datetime import date

    from PySide6.QtGui import QTextDocument
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if ask is None:
        def ask(p: Any, w: QWidget) -> bool:
            return QPrintDialog(p, w).exec() == QDialog.DialogCode.Accepted
    if not ask(printer, parent):
        return False
    doc = QTextDocument()
    doc.setPlainText(_tr("casedesk recovery key\n\nFirm: %1\nIssued: %2\n\n%3\n\nKeep this sheet "
                         "in a safe place: it opens the case file if every password is lost.")
                     .replace("%1", firm).replace("%2", date.today().isoformat())
                     .replace("%3", key))
    doc.print_(printer)
    return True
