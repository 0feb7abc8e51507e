"""Administration ▸ Erase personal data…: the retention report, the preview, the refusal, and an
erasure through the real core after the last confirmation."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale, QSettings, Qt
from PySide6.QtWidgets import QListWidget, QMessageBox

from casedesk.core import erasure, intake
from casedesk.core.casefile import CaseFile
from casedesk.core.errors import ValidationError
from casedesk.core.services import contacts, matters
from casedesk.gui import erasure_ui
from casedesk.gui.context import AppContext
from casedesk.gui.erasure_ui import ErasureDialog
from casedesk.gui.main_window import MainWindow
from casedesk.gui.tasks import SyncRunner

pytestmark = pytest.mark.gui

NAME = "Theodora Vlachopoulou"
EMAIL = "theodora.vlachos@example.gr"


@pytest.fixture
def admin_ctx(qapp: object, demo_path: Path, tmp_path: Path,
              shown_errors: list[BaseException]) -> Iterator[AppContext]:
    cf = CaseFile.open(demo_path, "admin", "demo")
    settings = QSettings(str(tmp_path / "admin.ini"), QSettings.Format.IniFormat)
    try:
        yield AppContext(cf, SyncRunner(), settings, QLocale(QLocale.Language.English))
    finally:
        cf.close()


def closed_client(cf: CaseFile) -> str:
    c = contacts.create(cf, name=NAME, is_client=True, emails=[EMAIL], phones=["+30 697 000"])
    m = matters.create(cf, title=f"{NAME} v. Quarry SA", client_id=c.id)
    matters.set_status(cf, m.id, "closed", on=date(2010, 1, 1))
    return c.id


def declined_intake(cf: CaseFile) -> str:
    draft = intake.start_draft(cf, "employment", answers={
        "client.name": "Ioannis Declinedakis", "client.email": "ioannis@example.gr"})
    intake.run_conflict_check(cf, draft.id)
    intake.decline(cf, draft.id, "Outside our practice.")
    return draft.id


def ids(widget: QListWidget) -> list[str]:
    return [widget.item(i).data(Qt.ItemDataRole.UserRole) for i in range(widget.count())]


def pick(widget: QListWidget, subject_id: str) -> None:
    widget.setCurrentRow(ids(widget).index(subject_id))


def open_dialog(qtbot: Any, ctx: AppContext) -> ErasureDialog:
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    tools = win.admin_tools  # type: ignore[attr-defined]
    assert tools.admin_menu is not None and tools.erasure.action in tools.admin_menu.actions()
    assert tools.erasure.action.isEnabled()
    tools.erasure.action.trigger()
    dialog = tools.erasure.dialog
    assert isinstance(dialog, ErasureDialog)
    return dialog


def answer(monkeypatch: pytest.MonkeyPatch, button: QMessageBox.StandardButton) -> list[Any]:
    asked: list[Any] = []

    def question(*args: Any) -> QMessageBox.StandardButton:
        asked.append(args)
        return button

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked


def test_a_declined_intake_is_listed_previewed_and_erased(
        qtbot: Any, admin_ctx: AppContext, monkeypatch: pytest.MonkeyPatch,
        shown_errors: list[BaseException]) -> None:
    draft_id = declined_intake(admin_ctx.cf)
    dialog = open_dialog(qtbot, admin_ctx)
    assert draft_id in ids(dialog.report)
    pick(dialog.report, draft_id)
    assert dialog.plan is not None and dialog.plan.allowed
    assert "Ioannis Declinedakis" in dialog.preview.toPlainText()
    assert dialog.refusal.isHidden()

    assert not dialog.erase_button.isEnabled()  # no reason yet
    asked = answer(monkeypatch, QMessageBox.StandardButton.Yes)
    assert dialog.confirm() is False and not asked
    dialog.reason.setText("   ")
    assert not dialog.erase_button.isEnabled()

    dialog.reason.setText("declined intake, nothing to keep")
    assert dialog.erase_button.isEnabled()
    answer(monkeypatch, QMessageBox.StandardButton.No)  # "No" erases nothing
    assert dialog.confirm() is False
    assert intake.get_draft(admin_ctx.cf, draft_id).answers

    asked = answer(monkeypatch, QMessageBox.StandardButton.Yes)
    dialog.erase_button.click()
    assert len(asked) == 1 and asked[0][-1] == QMessageBox.StandardButton.No  # default "No"
    assert not shown_errors
    after = intake.get_draft(admin_ctx.cf, draft_id)
    assert after.answers == {} and after.label.startswith("[erased")
    assert draft_id not in ids(dialog.report)  # the report was refreshed
    assert "Erased" in dialog.heading.text()
    assert "Ioannis Declinedakis" in dialog.preview.toPlainText()  # what was erased
    assert dialog.result_box is not None and dialog.result_box.isVisible()
    assert not dialog.erase_button.isEnabled() and dialog.reason.text() == ""


def test_a_long_closed_client_is_found_by_name_and_erased(
        qtbot: Any, admin_ctx: AppContext, monkeypatch: pytest.MonkeyPatch,
        shown_errors: list[BaseException]) -> None:
    cid = closed_client(admin_ctx.cf)
    dialog = open_dialog(qtbot, admin_ctx)
    assert cid in ids(dialog.report)  # closed in 2010: beyond the retention period

    dialog.search.setText("Vlachopoul")
    assert ids(dialog.found) == [cid]
    pick(dialog.found, cid)
    assert dialog.report.currentItem() is None
    text = dialog.preview.toPlainText()
    assert NAME in text and EMAIL in text and "matter" in text
    dialog.reason.setText("retention period over")
    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    dialog.erase_button.click()

    assert not shown_errors
    assert contacts.get(admin_ctx.cf, cid).name.startswith("[erased ")
    assert cid not in ids(dialog.report) and ids(dialog.found) == []
    assert cid not in {r.id for r in erasure.retention_report(admin_ctx.cf)}


def test_a_contact_with_an_open_matter_is_refused_in_red(
        qtbot: Any, admin_ctx: AppContext, monkeypatch: pytest.MonkeyPatch) -> None:
    c = contacts.create(admin_ctx.cf, name="Still Openopoulos", is_client=True)
    matters.create(admin_ctx.cf, title="Ongoing", client_id=c.id)
    dialog = open_dialog(qtbot, admin_ctx)
    assert c.id not in ids(dialog.report)
    dialog.search.setText("Openopoulos")
    pick(dialog.found, c.id)
    assert dialog.plan is not None and not dialog.plan.allowed
    assert not dialog.refusal.isHidden() and "is open" in dialog.refusal.text()
    assert erasure_ui.REFUSAL_STYLE in dialog.refusal.styleSheet()
    assert "cannot be erased" in dialog.heading.text() and dialog.preview.toPlainText() == ""
    dialog.reason.setText("asked by the client")
    assert not dialog.erase_button.isEnabled()
    asked = answer(monkeypatch, QMessageBox.StandardButton.Yes)
    assert dialog.confirm() is False and not asked
    assert contacts.get(admin_ctx.cf, c.id).name == "Still Openopoulos"


def test_a_failed_erasure_is_shown_and_the_preview_reloaded(
        qtbot: Any, admin_ctx: AppContext, monkeypatch: pytest.MonkeyPatch,
        shown_errors: list[BaseException]) -> None:
    cid = closed_client(admin_ctx.cf)
    dialog = open_dialog(qtbot, admin_ctx)
    pick(dialog.report, cid)

    def refused(cf: CaseFile, subject_id: str, reason: str) -> Any:
        raise ValidationError("Matter 2010/001 was reopened.")

    monkeypatch.setattr(erasure, "erase", refused)
    dialog.reason.setText("retention period over")
    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    dialog.erase_button.click()
    assert len(shown_errors) == 1 and isinstance(shown_errors[0], ValidationError)
    assert dialog.isEnabled() and dialog.progress is None
    assert dialog.plan is not None and dialog.plan.subject_id == cid
    assert contacts.get(admin_ctx.cf, cid).name == NAME


def test_erasure_is_an_admin_action(qtbot: Any, ctx: AppContext,
                                    shown_errors: list[BaseException]) -> None:
    win = MainWindow(ctx)  # maria, a case manager
    qtbot.addWidget(win)
    tools = win.admin_tools  # type: ignore[attr-defined]
    assert tools.admin_menu is None and not tools.erasure.action.isEnabled()
    assert tools.erasure.open_dialog() is None and len(shown_errors) == 1
