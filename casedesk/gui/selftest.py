"""The GUI half of ``casedesk --self-test`` (see :mod:`casedesk.selftest`): the Qt plugins,
the Designer forms, the Greek translation and one rendering of the main window."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any


def _no_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM"):
        return False
    if sys.platform.startswith("linux"):
        return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return False


def render_once(cf: Any, folder: Path) -> str:
    """Render the main window for *cf* once, without showing it; returns a one-line summary."""
    if _no_display():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QLocale, QSettings, QTranslator
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    from casedesk.gui.context import AppContext
    from casedesk.gui.forms import forms_dirs, load_form
    from casedesk.gui.i18n import translations_dir
    from casedesk.gui.main_window import MainWindow
    from casedesk.gui.tasks import SyncRunner

    translator = QTranslator()
    qm = translations_dir() / "casedesk_el.qm"
    if not translator.load(str(qm)):
        raise RuntimeError(f"cannot load the translation {qm}")

    forms = sorted(p.stem for p in forms_dirs()[0].glob("*.ui"))
    for name in forms:
        host = QWidget()
        load_form(name, host)
        host.deleteLater()

    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    ctx = AppContext(cf, SyncRunner(), settings, QLocale(QLocale.Language.English))
    window = MainWindow(ctx)
    window.resize(1100, 700)
    pixmap = window.grab()
    app.processEvents()
    window.close()
    window.deleteLater()
    app.processEvents()
    if pixmap.isNull() or pixmap.width() < 100:
        raise RuntimeError("the main window rendered as an empty image")
    return (f"platform {app.platformName()}, {len(forms)} forms loaded, translation loaded, "
            f"main window rendered {pixmap.width()}x{pixmap.height()}")
