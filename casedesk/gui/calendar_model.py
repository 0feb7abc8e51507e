"""The agenda table of the calendar pane: the events and deadlines of a day or a week.

Rows are :class:`~casedesk.core.services.queries.AgendaItem` values loaded by the pane.  Times
are shown in the firm's time zone; when an event was scheduled in another zone its own wall
clock follows in brackets ("10:00 (New York 03:00)").  Deadlines are all-day "Deadline" rows:
open ones bold, overdue ones red, completed ones grey.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from casedesk.core.services.queries import AgendaItem
from casedesk.gui.context import AppContext

Index = QModelIndex | QPersistentModelIndex

#: Colours shared by the month view's marks, the legend and the agenda.
HEARING_COLOUR = QColor("#2f5fb3")
EVENT_COLOUR = QColor("#2b8a6e")
DEADLINE_COLOUR = QColor("#d9480f")
OVERDUE_COLOUR = QColor("#c00000")
DONE_COLOUR = QColor("#868e96")

#: Role returning the row's AgendaItem.
ItemRole = Qt.ItemDataRole.UserRole + 1


def _tr(text: str) -> str:
    return QCoreApplication.translate("AgendaModel", text)


def kind_label(kind: str) -> str:
    return {
        "hearing": _tr("Hearing"), "deposition": _tr("Deposition"), "meeting": _tr("Meeting"),
        "filing": _tr("Filing"), "other": _tr("Event"), "deadline": _tr("Deadline"),
    }.get(kind, kind.capitalize())


def zone_city(tz: str) -> str:
    """'America/New_York' → 'New York'; 'UTC' stays as is."""
    return tz.rsplit("/", 1)[-1].replace("_", " ")


class AgendaModel(QAbstractTableModel):
    TIME, KIND, TITLE, MATTER, WHERE = range(5)

    def __init__(self, ctx: AppContext, parent: Any = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._items: list[AgendaItem] = []
        self._show_day = False
        self._bold = QFont()
        self._bold.setBold(True)

    # -- contents ---------------------------------------------------------------------------------
    def set_items(self, items: list[AgendaItem], *, show_day: bool = False) -> None:
        self.beginResetModel()
        self._items = list(items)
        self._show_day = show_day
        self.endResetModel()

    def item(self, row: int) -> AgendaItem | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def items(self) -> list[AgendaItem]:
        return list(self._items)

    # -- Qt model interface -----------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return [_tr("Time"), _tr("Kind"), _tr("Title"), _tr("Matter"),
                    _tr("Location / rule")][section] if 0 <= section < 5 else None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._items):
            return None
        it = self._items[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(it, col)
        if role == ItemRole:
            return it
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(it, col)
        if role == Qt.ItemDataRole.ForegroundRole:
            if it.kind == "deadline":
                if it.overdue:
                    return QBrush(OVERDUE_COLOUR)
                if it.status != "open":
                    return QBrush(DONE_COLOUR)
                if col == self.KIND:
                    return QBrush(DEADLINE_COLOUR)
            elif col == self.KIND:
                return QBrush(HEARING_COLOUR if it.event_kind == "hearing" else EVENT_COLOUR)
            return None
        if role == Qt.ItemDataRole.FontRole:
            if it.kind == "deadline" and it.status == "open":
                return self._bold
            if it.kind == "deadline":
                font = QFont()
                font.setStrikeOut(it.status == "done")
                return font
            return None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return " ".join(filter(None, (self._display(it, c) for c in range(5))))
        return None

    # -- text -------------------------------------------------------------------------------------
    def _day_prefix(self, day: date) -> str:
        if not self._show_day:
            return ""
        return self.ctx.locale.toString(QDate(day.year, day.month, day.day), "ddd d MMM") + "  "

    def time_text(self, it: AgendaItem) -> str:
        if it.starts_at is None or it.all_day:
            return self._day_prefix(it.day) + _tr("All day")
        firm_tz = self.ctx.firm_timezone
        local = it.starts_at.astimezone(ZoneInfo(firm_tz))
        text = self.ctx.format_time(local)
        if it.ends_at is not None:
            end = it.ends_at.astimezone(ZoneInfo(firm_tz))
            if end.date() == local.date():
                text += "–" + self.ctx.format_time(end)
        if it.timezone and it.timezone != firm_tz:
            own = it.starts_at.astimezone(ZoneInfo(it.timezone))
            text += f" ({zone_city(it.timezone)} {self.ctx.format_time(own)})"
        return self._day_prefix(local.date() if local.date() >= it.day else it.day) + text

    def _display(self, it: AgendaItem, col: int) -> str:
        if col == self.TIME:
            return self.time_text(it)
        if col == self.KIND:
            if it.kind == "deadline":
                if it.overdue:
                    return _tr("Deadline (overdue)")
                if it.status == "done":
                    return _tr("Deadline (done)")
            return kind_label(it.event_kind)
        if col == self.TITLE:
            return it.title
        if col == self.MATTER:
            if not it.matter_number:
                return ""
            if not it.matter_title:
                return it.matter_number
            return f"{it.matter_number} · {it.matter_title}"
        if col == self.WHERE:
            return it.rule if it.kind == "deadline" else it.location
        return ""

    def _tooltip(self, it: AgendaItem, col: int) -> str:
        if col == self.MATTER and it.matter_number:
            return f"{it.matter_number} — {it.matter_title}"
        if it.kind == "deadline":
            text = _tr("Deadline due {day}").format(day=self.ctx.format_date(it.day))
            if it.overdue:
                text += " — " + _tr("overdue")
            elif it.status == "done":
                text += " — " + _tr("done")
            return text
        if it.starts_at is not None and not it.all_day:
            text = self.ctx.format_datetime(it.starts_at)
            if it.timezone != self.ctx.firm_timezone:
                own: datetime = it.starts_at.astimezone(ZoneInfo(it.timezone))
                text += f" ({zone_city(it.timezone)}: {self.ctx.format_datetime(own, it.timezone)})"
            return text
        return self.ctx.format_date(it.day)
