"""The desktop application's log file: where it is and what may go into it.

The GUI writes a rotating log (``casedesk.log``, 1 MB × 5) in the platform's user log folder
(``platformdirs.user_log_dir("casedesk")``: ``~/.local/state/casedesk/log`` on Linux,
``~/Library/Logs/casedesk`` on macOS, ``%LOCALAPPDATA%\\casedesk\\Logs`` on Windows).

**A log file never holds client data.**  Code logs event types and ids only
(``log.info("matter opened %s", matter_id)``), never names or values.  As a safety net
:class:`RedactingFormatter` on the file handler writes a redacted copy of every record: an
argument that is not a number is replaced by ``<redacted>`` (so a name passed by mistake never
reaches the disk), and a traceback keeps its frames and exception *type* but not the
exception's message (database errors quote the values they were given).  The full traceback
is only ever shown to the user in the crash dialog, who may save it to a file of their
choosing (``casedesk.gui.errors``); nothing is sent anywhere.
"""

from __future__ import annotations

import logging
import logging.handlers
import traceback
from pathlib import Path
from types import TracebackType
from typing import Any

__all__ = ["REDACTED", "RedactingFormatter", "log_dir", "redact", "setup_file_logging"]

REDACTED = "<redacted>"
LOG_NAME = "casedesk.log"
_HANDLER_NAME = "casedesk-file"


def log_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_log_dir("casedesk", appauthor=False))


def _safe_arg(value: Any) -> Any:
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float):
        return value
    return REDACTED


def redact(record: logging.LogRecord) -> logging.LogRecord:
    """A copy of *record* whose non-numeric arguments are ``<redacted>``; the message template
    (written by a developer, not typed by the user) is kept."""
    safe_record = logging.makeLogRecord(record.__dict__)
    args = record.args
    msg = record.msg if isinstance(record.msg, str) else f"<{type(record.msg).__name__}>"
    if args:
        if isinstance(args, dict):
            safe: Any = {k: _safe_arg(v) for k, v in args.items()}
        else:
            safe = tuple(_safe_arg(v) for v in args)
        try:
            msg = msg % safe
        except (TypeError, ValueError, KeyError):  # e.g. %d given "<redacted>"
            msg = f"{msg} [arguments {REDACTED}]"
    safe_record.msg, safe_record.args = msg, None
    safe_record.exc_text = None  # never reuse a traceback another handler formatted in full
    return safe_record


class RedactingFormatter(logging.Formatter):
    """Formats a redacted copy of each record (see :func:`redact`), and tracebacks with frames
    and exception types but without exception messages.

    This is a formatter, not a ``logging.Filter``: a filter would have to change the record in
    place, and the same record goes on to other handlers (the console with ``--debug``)."""

    def format(self, record: logging.LogRecord) -> str:
        return super().format(redact(record))

    def formatException(self, ei: Any) -> str:
        exc: BaseException | None = ei[1]
        if exc is None:
            return ""
        return "".join(_format_without_messages(exc)).rstrip("\n")


def _format_without_messages(exc: BaseException, seen: set[int] | None = None) -> list[str]:
    seen = seen if seen is not None else set()
    seen.add(id(exc))
    lines: list[str] = []
    cause = exc.__cause__ or (None if exc.__suppress_context__ else exc.__context__)
    if cause is not None and id(cause) not in seen:
        lines += _format_without_messages(cause, seen)
        lines.append("\nThe above exception led to:\n\n")
    tb: TracebackType | None = exc.__traceback__
    lines.append("Traceback (most recent call last):\n")
    lines += traceback.format_list(traceback.extract_tb(tb))
    kind = type(exc)
    lines.append(f"{kind.__module__}.{kind.__qualname__}: [message {REDACTED}]\n")
    return lines


def setup_file_logging(folder: Path | None = None, *, level: int = logging.INFO) -> Path | None:
    """Attach the rotating, redacting file handler to the ``casedesk`` logger (once); returns
    the log file's path, or None when the folder cannot be created (logging is then skipped)."""
    logger = logging.getLogger("casedesk")
    for handler in logger.handlers:
        if handler.get_name() == _HANDLER_NAME:
            return Path(getattr(handler, "baseFilename", ""))
    folder = folder or log_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            folder / LOG_NAME, maxBytes=1_000_000, backupCount=5, encoding="utf-8", delay=True)
    except OSError:
        return None
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.setLevel(level)
    logger.addHandler(handler)
    if logger.level == logging.NOTSET or logger.level > level:
        logger.setLevel(level)
    return folder / LOG_NAME
