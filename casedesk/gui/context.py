"""The application context shared by every pane, dialog and model of the GUI.

One :class:`AppContext` exists per unlocked case file.  It carries the open :class:`CaseFile`,
the background runner for database work, the QSettings store and the UI locale, and it
broadcasts which kinds of records changed (``changed``) so panes refresh after writes::

    ctx.changed.connect(lambda kinds: "matter" in kinds and model.refresh())
    ...
    matters.update(ctx.cf, matter_id, title="New title")
    ctx.notify({"matter"})

Entity names used in ``changed``: ``"contact"``, ``"matter"``, ``"party"``, ``"event"``,
``"deadline"``, ``"task"``, ``"note"``, ``"document"``, ``"correspondence"``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QDateTime, QLocale, QObject, QSettings, QTime, Signal

from casedesk.core.casefile import CaseFile

if TYPE_CHECKING:
    from casedesk.gui.tasks import Runner


class AppContext(QObject):
    """Everything a GUI component needs to talk to the core."""

    #: Entity kinds that changed (e.g. ``{"matter", "event"}``): panes refresh on it.
    changed = Signal(set)
    #: Emitted when the case file is locked (handle closed) and unlocked again.
    locked = Signal()
    unlocked = Signal()

    def __init__(self, cf: CaseFile, runner: Runner, settings: QSettings,
                 locale: QLocale | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cf: CaseFile | None = cf
        self.runner = runner
        self.settings = settings
        self.locale = locale or QLocale()
        self._firm_tz: str | None = None
        self._firm_name: str | None = None

    # -- the case file ---------------------------------------------------------------------------
    @property
    def cf(self) -> CaseFile:
        if self._cf is None:
            from casedesk.core.errors import CaseFileError

            raise CaseFileError("The case file is locked; log in again to continue.")
        return self._cf

    @property
    def is_locked(self) -> bool:
        return self._cf is None

    def replace_casefile(self, cf: CaseFile | None) -> None:
        """Swap the handle (``None`` while locked).  Used by the auto-lock."""
        self._cf = cf
        if cf is None:
            self.locked.emit()
        else:
            self.unlocked.emit()

    @property
    def firm_timezone(self) -> str:
        if self._firm_tz is None:
            firm = self.cf.firm()
            self._firm_tz = firm.timezone or "UTC"
            self._firm_name = firm.name
        return self._firm_tz

    @property
    def firm_name(self) -> str:
        if self._firm_name is None:
            _ = self.firm_timezone
        return self._firm_name or ""

    # -- change notifications --------------------------------------------------------------------
    def notify(self, kinds: Iterable[str]) -> None:
        """Tell every pane that records of these kinds changed."""
        self.changed.emit(set(kinds))

    # -- locale-aware formatting -----------------------------------------------------------------
    def format_date(self, d: date | None) -> str:
        if d is None:
            return ""
        if isinstance(d, datetime):
            d = d.date()
        return self.locale.toString(QDate(d.year, d.month, d.day), QLocale.FormatType.ShortFormat)

    def format_time(self, dt: datetime) -> str:
        return self.locale.toString(QTime(dt.hour, dt.minute), QLocale.FormatType.ShortFormat)

    def format_datetime(self, dt_aware: datetime | None, tz: str | tzinfo | None = None) -> str:
        """Format a moment in ``tz`` (a zone name, a tzinfo, or the firm's zone when None).
        Naive datetimes are taken as UTC."""
        if dt_aware is None:
            return ""
        if dt_aware.tzinfo is None:
            dt_aware = dt_aware.replace(tzinfo=ZoneInfo("UTC"))
        zone = ZoneInfo(tz) if isinstance(tz, str) else (tz or ZoneInfo(self.firm_timezone))
        local = dt_aware.astimezone(zone)
        qdt = QDateTime(QDate(local.year, local.month, local.day),
                        QTime(local.hour, local.minute, local.second))
        return self.locale.toString(qdt, QLocale.FormatType.ShortFormat)
