"""Showing errors: known ones as a sentence, anything else as a crash report.

A :class:`~casedesk.core.errors.CasedeskError` is a situation the user can act on: its text is
shown as is (dialogs show a ``ValidationError`` with a ``field`` next to that field instead).
Any other exception is a bug: :func:`show_error` opens a crash dialog with the traceback to copy
into a bug report, or to save with "Save report…" to a file the user picks (nothing is sent
anywhere; the log file gets the traceback without exception messages, see casedesk.logs).
:func:`install_excepthook` routes uncaught exceptions in slots to it.
"""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from casedesk.core.errors import CasedeskError

log = logging.getLogger(__name__)

#: Tests set this to collect errors instead of opening modal boxes.
SHOWN: list[BaseException] | None = None


def _tr(text: str) -> str:
    return QCoreApplication.translate("errors", text)


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    if SHOWN is not None:
        SHOWN.append(exc)
        if not isinstance(exc, CasedeskError):
            log.error("unexpected error", exc_info=exc)
        return
    if isinstance(exc, CasedeskError):
        QMessageBox.warning(parent, _tr("casedesk"), str(exc))
    else:
        show_crash(parent, exc)


def show_crash(parent: QWidget | None, exc: BaseException) -> None:
    details = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    log.error("unexpected error", exc_info=exc)  # the log file keeps frames, not messages
    box = QMessageBox(QMessageBox.Icon.Critical, _tr("Unexpected error"),
                      _tr("casedesk ran into a problem it did not expect. Your saved work is "
                          "safe. Please send the details below to your administrator."),
                      QMessageBox.StandardButton.Ok, parent)
    box.setDetailedText(details)
    save = box.addButton(_tr("Save report…"), QMessageBox.ButtonRole.ActionRole)
    while True:  # any button closes a QMessageBox: reopen it after saving
        box.exec()
        if box.clickedButton() is not save:
            break
        save_report(box, crash_report(details))


def crash_report(details: str) -> str:
    """The text of a crash report: versions and platform, then the traceback.  It is only
    ever written to a file the user picks; casedesk sends nothing anywhere."""
    import platform
    from datetime import datetime

    from casedesk import __version__

    kind = "bundle" if getattr(sys, "frozen", False) else "python"
    return (f"casedesk {__version__} ({kind}) crash report, "
            f"{datetime.now().astimezone().isoformat(timespec='seconds')}\n"
            f"Python {platform.python_version()} on {platform.platform()}\n\n{details}")


def save_report(parent: QWidget | None, text: str) -> str | None:
    """Ask where to save *text*; returns the path written, or None."""
    from PySide6.QtWidgets import QFileDialog

    path, _filter = QFileDialog.getSaveFileName(
        parent, _tr("Save report"), "casedesk-crash-report.txt", _tr("Text files (*.txt)"))
    if not path:
        return None
    try:
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
    except OSError as err:
        QMessageBox.warning(parent, _tr("casedesk"),
                            _tr("The report could not be saved: {0}").format(err.strerror))
        return None
    return path


def install_excepthook() -> None:
    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt) or QApplication.instance() is None:
            sys.__excepthook__(kind, exc, tb)
            return
        show_error(QApplication.activeWindow(), exc)
    sys.excepthook = hook
