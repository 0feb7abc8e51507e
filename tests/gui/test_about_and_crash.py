"""Help ▸ About casedesk, the crash dialog's saved report, and the GUI self-test."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from casedesk import __version__, about
from casedesk.gui import errors
from casedesk.gui.about import AboutDialog
from casedesk.gui.context import AppContext
from casedesk.gui.main_window import MainWindow

pytestmark = pytest.mark.gui


def test_help_menu_opens_the_about_box(ctx: AppContext, qtbot: object) -> None:
    win = MainWindow(ctx)
    qtbot.addWidget(win)  # type: ignore[attr-defined]
    titles = [a.text() for a in win.menuBar().actions()]
    assert titles[-1] == "&Help"
    dialog = win.help_menu.show_about()
    assert f"casedesk {__version__}" in dialog.heading.text()
    assert about.LICENCE in dialog.heading.text()
    text = dialog.components.toPlainText()
    for component in about.COMPONENTS:
        assert component.name in text and component.licence in text
    dialog.close()


def test_about_dialog_alone(qtbot: object) -> None:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    assert "PySide6 / Qt 6" in dialog.components.toPlainText()


def test_save_report_writes_the_chosen_file(qapp: object, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "report.txt"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "")))
    text = errors.crash_report("Traceback …\nValueError: boom\n")
    assert errors.save_report(None, text) == str(target)
    saved = target.read_text(encoding="utf-8")
    assert saved.startswith(f"casedesk {__version__}") and "ValueError: boom" in saved
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: ("", "")))
    assert errors.save_report(None, text) is None


def test_self_test_renders_the_main_window(qapp: object,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    from casedesk.selftest import run_self_test

    assert run_self_test() == 0
    out = capsys.readouterr().out
    assert "ok   gui: platform offscreen" in out and "main window rendered" in out
