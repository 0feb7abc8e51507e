"""Opening a case file from the command line: who the user is and their password."""

from __future__ import annotations

import getpass
import os
import sys
import threading
import warnings
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casedesk.core.errors import UsageError

if TYPE_CHECKING:
    from casedesk.core.casefile import CaseFile


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


class _Unlocking(threading.Thread):
    """The key derivation (Argon2id, ~0.3 s of C code that releases the GIL) started before the
    command's heavy imports (SQLAlchemy, the models: ~0.5 s), so the two overlap."""

    def __init__(self, path: Path, user: str, password: str) -> None:
        super().__init__(name="casedesk-unlock", daemon=True)
        self.path, self.user, self.password = path, user, password
        self.result: Any = None
        self.error: BaseException | None = None

    def run(self) -> None:
        from casedesk.core.keyslots import KeySlots, keys_path

        try:
            slots = KeySlots.load(keys_path(self.path))
            self.result = (slots, slots.unlock_keys(self.user.strip().lower(), self.password))
        except BaseException as exc:  # handed to the caller as it is
            self.error = exc


_early: _Unlocking | None = None


def unlock_early(argv: list[str]) -> None:
    """When the command names an existing case file (``casedesk COMMAND FILE …``) and the
    credentials are in the environment, start unlocking it at once (see :class:`_Unlocking`).
    Nothing is decided here: :func:`open_case_file` uses the result only for the same file,
    user and password, and reports errors in its usual order."""
    global _early
    _early = None
    user, password = os.environ.get("CASEDESK_USER"), os.environ.get("CASEDESK_PASSWORD")
    words = [a for a in argv if not a.startswith("-")]
    if not user or password is None or len(words) < 2:
        return
    path = Path(words[1])
    if path.is_file() and Path(f"{path}.keys").is_file():
        _early = _Unlocking(path, user, password)
        _early.start()


def open_case_file(path: str | Path) -> CaseFile:
    from casedesk.core.casefile import CaseFile

    global _early
    user, password = credentials()
    path = Path(path)
    early, _early = _early, None  # used once: a later open derives the key again
    if early is not None and early.path == path and early.user == user \
            and early.password == password:
        early.join()
        if early.error is None:
            slots, unlocked = early.result
            return CaseFile.open(path, user, password, unlocked=(slots, unlocked))
    return CaseFile.open(path, user, password)


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
