"""Automatic screenshots (``CASEDESK_SCREENSHOT=path.png``): once the main window has loaded,
grab the matters pane to ``path.png`` and the first matter's workspace to
``path-workspace.png``, then quit.  Used to check layouts under Xvfb."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication


def take_screenshots(controller: Any, target: str) -> None:
    out = Path(target)
    out.parent.mkdir(parents=True, exist_ok=True)
    window = controller.window
    window.nav.setCurrentRow(1)

    def grab_main() -> None:
        if not window.matters.model.rows:
            QTimer.singleShot(200, grab_main)
            return
        window.grab().save(str(out))
        ws = window.open_matter(window.matters.model.rows[0].id)
        ws.tabs.setCurrentIndex(int(__import__("os").environ.get("CASEDESK_SCREENSHOT_TAB", "0")))

        def grab_ws() -> None:
            if ws.data is None:
                QTimer.singleShot(200, grab_ws)
                return
            ws.grab().save(str(out.with_name(out.stem + "-workspace.png")))
            for i, name in ((1, "parties"), (7, "history")):
                ws.tabs.setCurrentIndex(i)
                QApplication.processEvents()
                ws.grab().save(str(out.with_name(f"{out.stem}-workspace-{name}.png")))
            QApplication.quit()

        QTimer.singleShot(800, grab_ws)

    QTimer.singleShot(1200, grab_main)
