"""Importing the main window's modules while the log-in runs.

The main window pulls in every pane, dialog and the core services behind them (about a second of
imports on a cold start).  Done after the log-in, that second is added to the time until the
first rows show; done while the user types the password or while the key derivation runs on
the worker thread (which releases the GIL), it costs nothing visible.  One module is imported
per turn of the event loop, so the log-in's result is never kept waiting behind the imports.
"""

from __future__ import annotations

import importlib
import logging

from PySide6.QtCore import QTimer

log = logging.getLogger(__name__)

#: The main window and the modules its constructor imports lazily, in the order it needs them.
MODULES = (
    "casedesk.gui.main_window", "casedesk.gui.panes", "casedesk.gui.models",
    "casedesk.gui.documents_pane", "casedesk.gui.intake_drafts", "casedesk.gui.calendar_tools",
    "casedesk.gui.audit_pane", "casedesk.gui.backup_ui", "casedesk.gui.sync_ui",
    "casedesk.gui.about", "casedesk.gui.calendar_pane", "casedesk.gui.interchange_actions",
    "casedesk.gui.search_popup", "casedesk.gui.workspace",
)


def _next(index: int) -> None:
    if index >= len(MODULES):
        return
    try:
        importlib.import_module(MODULES[index])
    except ImportError:  # a module another change has not added yet: imported when needed
        log.debug("preload: %s is not there", MODULES[index])
    QTimer.singleShot(0, lambda: _next(index + 1))


def schedule() -> None:
    """Start importing the main window's modules, one per turn of the event loop."""
    QTimer.singleShot(0, lambda: _next(0))
