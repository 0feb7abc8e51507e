"""Opening a case file from the command line: who the user is and their password."""

from __future__ import annotations

import getpass
import os
import sys
import warnings
from datetime import date
from pathlib import Path

from casedesk.core.casefile import CaseFile
from casedesk.core.errors import UsageError


def _prompt(label: str, secret: bool) -> str:
    try:
        if secret:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # GetPassWarning when there is no terminal
                return getpass.getpass(label)
        print(label, end="", file=sys.stderr, flush=True)
        line = sys.stdin.readline()
        if not line:
            raise EOFError
        return line.rstrip("\n")
    except EOFError:
        raise UsageError(
            f"No answer for '{label.strip(': ')}': set CASEDESK_USER and CASEDESK_PASSWORD, "
            "or run the command in a terminal."
        ) from None


def credentials() -> tuple[str, str]:
    user = os.environ.get("CASEDESK_USER") or _prompt("User: ", secret=False)
    password = os.environ.get("CASEDESK_PASSWORD")
    if password is None:
        password = _prompt("Password: ", secret=True)
    return user, password


def new_password(env: str, who: str) -> str:
    """A new password from ``env``, else asked twice."""
    value = os.environ.get(env)
    if value is not None:
        return value
    first = _prompt(f"New password for {who}: ", secret=True)
    second = _prompt("Repeat it: ", secret=True)
    if first != second:
        raise UsageError("The two passwords differ; nothing was changed.")
    return first


def open_case_file(path: str | Path) -> CaseFile:
    user, password = credentials()
    return CaseFile.open(Path(path), user, password)


def firm_closures(path: str | Path) -> dict[date, str]:
    """The firm's own closure days (date → name), as kept in the firm's settings."""
    with open_case_file(path) as cf:
        firm = cf.firm()
        out: dict[date, str] = {}
        for item in firm.settings.get("closure_days", []):
            try:
                out[date.fromisoformat(item["date"])] = item.get("name") or "Firm closure"
            except (KeyError, TypeError, ValueError):
                continue
        return out
