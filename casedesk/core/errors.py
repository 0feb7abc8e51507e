"""Known errors: situations a user can understand and act on.

Every error casedesk expects (wrong password, damaged file, bad import, missing right, …) is a
``CasedeskError`` whose message is one clear sentence for the user.  The CLI prints it and exits
with ``exit_code``; the GUI shows it in a message box.  Anything else is a bug and gets a crash
report.
"""

from __future__ import annotations


class CasedeskError(Exception):
    """A known, user-facing failure. ``str(err)`` is one sentence for the user."""

    exit_code: int = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class UsageError(CasedeskError):
    """The command was called wrongly (bad flag value, missing argument)."""

    exit_code = 2


class AuthenticationError(CasedeskError):
    """Wrong user name or password (or recovery key)."""

    exit_code = 3


class PermissionDenied(CasedeskError):
    """The user lacks the right the operation needs; nothing was written."""

    exit_code = 4


class CaseFileError(CasedeskError):
    """The case file or its key file is missing, foreign, damaged or unusable."""


class DamagedCaseFile(CaseFileError):
    """The keys unlocked but the database will not open or fails its checks."""


class CaseFileBusy(CaseFileError):
    """Another process holds the case file's write lock for too long."""


class ValidationError(CasedeskError):
    """A value given by the user is not acceptable (names the field and the problem)."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class NotFound(CasedeskError):
    """A record the user named does not exist (or is not visible to them)."""


class ImportDataError(CasedeskError):
    """Import data is malformed; the message names the record, the field and the problem."""


class TemplateError(CasedeskError):
    """A document template cannot be rendered (names the field or line)."""


class StorageFull(CasedeskError):
    """The disk is full or the folder is read-only; nothing was lost."""
