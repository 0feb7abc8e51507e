"""Importing the main window's modules while the log-in runs.

The main window pulls in every pane, dialog and the core services behind them (about a second of
imports on a cold start).  Done after the log-in, that second is added to the time until the
first rows show; done while the user types the password or while the key derivation runs on
the worker thread (which releases the GIL), it costs nothing visible.
"""

from __future__ import annotations

import importlib

from PySide6.QtCore import QTimer

MODULES = ("casedesk.gui.main_window",)


def preload() -> None:
    for name in MODULES:
        importlib.import_module(name)


def schedule() -> None:
    """Import the main window's modules on the next turn of the event loop."""
    QTimer.singleShot(0, preload)
