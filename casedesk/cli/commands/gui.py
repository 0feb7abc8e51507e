"""``casedesk gui [FILE]``: open the desktop application (also what ``casedesk`` alone does)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def register(sub: Any) -> None:
    p = sub.add_parser("gui", help="open the desktop application",
                       description="Open the desktop application, on FILE if given.")
    p.add_argument("file", nargs="?", type=Path, help="the case file to open")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from casedesk.gui.app import run as run_gui

    return run_gui(getattr(args, "file", None))
