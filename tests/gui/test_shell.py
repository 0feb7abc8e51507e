"""The desktop shell: log-in, lists, dialogs, the matter workspace, the lock and languages."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from casedesk.core.casefile import CaseFile
from casedesk.core.services import contacts, matters, queries
from casedesk.gui import i18n
from casedesk.gui.app import Controller
from casedesk.gui.context import AppContext
from casedesk.gui.dialogs import ClientDialog, MatterDialog
from casedesk.gui.login import LoginDialog, failure_delay
from casedesk.gui.main_window import MainWindow
from casedesk.gui.models import clients_model, documents_model, matters_model, tasks_model
from casedesk.gui.platform_check import NO_DISPLAY, display_problem
from casedesk.gui.tasks import SyncRunner
from casedesk.gui.workspace import MatterWorkspace

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot, ctx: AppContext) -> MainWindow:  # type: ignore[no-untyped-def]
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    return win


@pytest.fixture
def controller(qapp, settings: QSettings, shown_errors):  # type: ignore[no-untyped-def]
    c = Controller(SyncRunner(), settings)
    yield c
    qapp.removeEventFilter(c.watcher)
    c.watcher.stop()
    for w in QApplication.topLevelWidgets():
        w.close()
    c.shutdown()
    i18n.install("en")


def test_wrong_password_message_and_growing_delay(qtbot, demo_path: Path) -> None:
    dialog = LoginDialog(demo_path, SyncRunner(), username="maria")
    qtbot.addWidget(dialog)
    dialog.password.setText("nope")
    dialog.try_login()
    assert dialog.message.text() == "Wrong user name or password."
    assert dialog.login_button.isEnabled()
    for _ in range(2):
        dialog.password.setText("nope")
        dialog.try_login()
    assert dialog.wait_seconds() == 2
    assert not dialog.login_button.isEnabled()
    assert "2" in dialog.login_button.text()
    qtbot.waitUntil(lambda: dialog.login_button.isEnabled(), timeout=5000)
    with qtbot.waitSignal(dialog.unlocked) as blocker:
        dialog.password.setText("demo")
        dialog.try_login()
    blocker.args[0].close()
    assert [failure_delay(n) for n in range(1, 9)] == [0, 0, 2, 4, 8, 16, 30, 30]


def test_create_client_through_dialog_appears_in_list(qtbot, window: MainWindow,
                                                      ctx: AppContext) -> None:
    window.nav.setCurrentRow(0)
    dialog = window.new_client()
    dialog.name.setText("Zacharias Testopoulos")
    dialog.emails.setPlainText("zach@example.com")
    with qtbot.waitSignal(dialog.saved):
        dialog.submit()
    window.clients.filter.setText("Testopoulos")
    window.clients.apply_filter()
    rows = window.clients.model.rows
    assert [r.name for r in rows] == ["Zacharias Testopoulos"]
    assert rows[0].email == "zach@example.com"


def test_validation_message_is_shown_at_the_field(qtbot, ctx: AppContext) -> None:
    dialog = ClientDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.emails.setPlainText("not an address")
    dialog.name.setText("Someone")
    dialog.submit()
    errors = dialog.field_errors()
    assert errors.get("emails")
    dialog.name.clear()
    dialog.submit()
    assert "name" in dialog.field_errors()
    matter = MatterDialog(ctx)
    qtbot.addWidget(matter)
    matter.title_edit.setText("Without a client")
    matter.submit()
    assert "client" in matter.field_errors()


def test_filter_and_sort_the_matters_list(window: MainWindow, ctx: AppContext) -> None:
    pane = window.matters
    pane.status.setCurrentIndex(pane.status.findData(""))
    total = queries.count_matters(ctx.cf)
    assert len(pane.model.rows) == min(total, pane.model.PAGE)
    target = pane.model.rows[5]
    pane.filter.setText(target.number)
    pane.apply_filter()
    assert [r.number for r in pane.model.rows] == [target.number]
    pane.filter.clear()
    pane.apply_filter()
    pane.model.sort(1, Qt.SortOrder.AscendingOrder)
    titles = [r.title for r in pane.model.rows]
    assert titles == [r.title for r in queries.matters(
        ctx.cf, queries.ListQuery(sort="title", limit=len(titles)))]
    pane.status.setCurrentIndex(pane.status.findData("closed"))
    assert all(r.status == "closed" for r in pane.model.rows)


def test_models_pass_the_model_tester(qtmodeltester, ctx: AppContext) -> None:
    for make in (clients_model, matters_model, documents_model, tasks_model):
        model = make(ctx)
        model.PAGE = 7
        model.refresh()
        qtmodeltester.check(model)
        assert len(model.rows) >= 7 or not model.canFetchMore()
        model.fetchMore()
        qtmodeltester.check(model)


def test_paging_loads_a_page_at_a_time(ctx: AppContext) -> None:
    model = matters_model(ctx)
    model.PAGE = 10
    model.refresh()
    assert len(model.rows) == 10 and model.canFetchMore()
    model.fetchMore()
    assert len(model.rows) == 20


def test_matter_workspace_shows_parties_and_history(qtbot, window: MainWindow,
                                                    ctx: AppContext) -> None:
    row = queries.matters(ctx.cf, queries.ListQuery(limit=1))[0]
    matters.update(ctx.cf, row.id, judge="Hon. Test Judge")
    ws = window.open_matter(row.id)
    assert isinstance(ws, MatterWorkspace)
    assert ws.data is not None
    names = {p.name for p in ws.parties.rows}
    assert names == {p.name for p in queries.matter_parties(ctx.cf, row.id)} and names
    assert ws.ov_labels["judge"][1].text() == "Hon. Test Judge"
    changes = [(h.user, h.field, h.new) for h in ws.history.rows]
    assert ("maria", "judge", "Hon. Test Judge") in changes
    texts = [ws.history.index(i, 4).data() for i in range(ws.history.rowCount())]
    assert any(t.endswith("→ Hon. Test Judge") for t in texts)
    # status follows the life cycle
    assert set(ws.status_combo.itemData(i) for i in range(ws.status_combo.count())) == \
        set(matters.TRANSITIONS[row.status])
    ws.status_combo.setCurrentIndex(ws.status_combo.findData("closed"))
    ws.change_status()
    assert queries.matter_overview(ctx.cf, row.id).status == "closed"
    assert ws.ov_labels["status"][1].text() == "Closed"


def test_autolock_keeps_a_dialogs_typed_text(qtbot, controller: Controller,
                                             demo_path: Path) -> None:
    window = controller.open_main(CaseFile.open(demo_path, "maria", "demo"))
    qtbot.waitExposed(window)
    dialog = window.new_client()
    dialog.name.setText("Half-typed client")
    controller.settings.setValue("security/autolock_minutes", 0.001)  # 60 ms
    controller.watcher.start()
    qtbot.waitUntil(lambda: controller.ctx.is_locked, timeout=5000)
    login = controller.login
    assert login is not None and login.locked_mode
    assert not dialog.isVisible()
    assert window.central.currentWidget() is window.locked_page
    login.password.setText("wrong")
    login.try_login()
    assert controller.ctx.is_locked
    login.password.setText("demo")
    login.try_login()
    assert not controller.ctx.is_locked
    assert dialog.isVisible()
    assert dialog.name.text() == "Half-typed client"
    with qtbot.waitSignal(dialog.saved) as saved:
        dialog.submit()
    assert contacts.get(controller.ctx.cf, saved.args[0].id).name == "Half-typed client"
    controller.settings.setValue("security/autolock_minutes", 10)


def test_switching_language_changes_labels(qtbot, controller: Controller,
                                           demo_path: Path) -> None:
    window = controller.open_main(CaseFile.open(demo_path, "maria", "demo"))
    assert window.nav.item(1).text() == "Matters"
    controller.set_language("el")
    qtbot.waitUntil(lambda: window.nav.item(1).text() == "Υποθέσεις")
    assert window.sync_label.text() == "Συγχρονισμός: δεν έχει ρυθμιστεί"
    dialog = window.new_client()
    label = dialog.form.findChild(type(dialog.message), "nameLabel")
    assert label.text() == "&Όνομα:"
    controller.set_language("en")
    qtbot.waitUntil(lambda: window.nav.item(1).text() == "Matters")


def test_status_bar(window: MainWindow) -> None:
    assert "Maria" in window.user_label.text()
    assert window.sync_label.text() == "Sync: not set up"
    assert "x.casedesk" in window.file_label.text()


def test_display_problem_sentences() -> None:
    assert display_problem({}, "linux") == NO_DISPLAY
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    message = display_problem({"DISPLAY": ":0"}, "linux", find_library=lambda name: None)
    assert message is not None and "libxcb-cursor0" in message and "apt install" in message
    assert display_problem({}, "darwin") is None


def test_casedesk_without_display_exits_1_with_a_sentence(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run([sys.executable, "-m", "casedesk"], env=env, capture_output=True,
                            text=True, timeout=60, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip() == NO_DISPLAY
    assert "xvfb-run" in result.stderr and "QT_QPA_PLATFORM=offscreen" in result.stderr


def test_casedesk_help_still_works() -> None:
    result = subprocess.run([sys.executable, "-m", "casedesk", "--help"], capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0 and "gui" in result.stdout


def test_forms_load_and_have_buddies(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLabel, QWidget

    from casedesk.gui.forms import forms_dirs, load_form

    for ui in sorted(forms_dirs()[0].glob("*.ui")):
        host = QWidget()
        qtbot.addWidget(host)
        form = load_form(ui.stem, host)
        for label in form.findChildren(QLabel):
            if label.text().endswith(":"):
                assert label.buddy() is not None, f"{ui.name}: {label.objectName()}"
        assert form.findChild(QLineEdit) is not None or ui.stem in (
            "party_form", "note_form", "settings_form")
