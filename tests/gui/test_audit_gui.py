"""The History pane, the report preview, and the forced password change at log-in (issue 8)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QInputDialog

from casedesk.core import policy
from casedesk.core.casefile import CaseFile
from casedesk.gui import autolock
from casedesk.gui.audit_pane import AuditPane, ReportDialog
from casedesk.gui.context import AppContext
from casedesk.gui.login import LoginDialog
from casedesk.gui.main_window import MainWindow
from casedesk.gui.tasks import SyncRunner

pytestmark = pytest.mark.gui


def test_history_pane_filters_and_exports(qtbot: Any, ctx: AppContext, tmp_path: Path) -> None:
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    pane = win.admin_tools.pane  # type: ignore[attr-defined]
    assert isinstance(pane, AuditPane) and win.stack.indexOf(pane) >= 0
    assert win.nav.item(win.nav.count() - 1).text() == "History"
    pane.start.setDate(QDate(2000, 1, 1))
    pane.end.setDate(QDate.currentDate().addDays(1))
    pane.refresh()
    assert pane.table.rowCount() > 0
    pane.entity.setCurrentIndex(pane.entity.findData("matter"))
    pane.refresh()
    kinds = {pane.table.item(r, 2).text() for r in range(pane.table.rowCount())}
    assert kinds == {"matter"}
    n = pane.export_to(tmp_path / "h.csv")
    assert n > 0 and (tmp_path / "h.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_report_preview_saves_pdf_and_word(qtbot: Any, ctx: AppContext, tmp_path: Path) -> None:
    dialog = ReportDialog(ctx, "monthly")
    qtbot.addWidget(dialog)
    assert "Open matters" in dialog.browser.toHtml() or dialog.report is not None
    assert dialog.report is not None and dialog.report.kind == "monthly"
    pdf = dialog.save_to(tmp_path / "m.pdf")
    assert pdf is not None and pdf.read_bytes().startswith(b"%PDF")
    assert dialog.save_to(tmp_path / "m.docx") is not None


def test_autolock_policy_overrides_the_users_setting(ctx: AppContext, demo_path: Path) -> None:
    with CaseFile.open(demo_path, "admin", "demo") as admin:
        policy.set_value(admin, "autolock_minutes", 3)
    win = MainWindow(ctx)
    try:
        assert autolock.autolock_minutes(ctx.settings) == 3
    finally:
        autolock.POLICY_MINUTES.clear()
        win.close()


def test_login_asks_for_a_new_password_after_a_reset(qtbot: Any, demo_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    with CaseFile.open(demo_path, "admin", "demo") as admin:
        temporary = admin.reset_password("sofia")
    answers = iter(["sofia-new-pw-1", "sofia-new-pw-1"])
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (next(answers), True))
    dialog = LoginDialog(demo_path, SyncRunner(), username="sofia")
    qtbot.addWidget(dialog)
    got: list[CaseFile] = []
    dialog.unlocked.connect(got.append)
    dialog.password.setText(temporary)
    dialog.try_login()
    assert got and not got[0].must_change_password
    got[0].close()
    with CaseFile.open(demo_path, "sofia", "sofia-new-pw-1") as cf:
        assert not cf.must_change_password
