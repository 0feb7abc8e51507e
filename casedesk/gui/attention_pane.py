"""The "Needs attention" pane: overdue deadlines, deadlines due this week, and open matters with
nothing upcoming (:func:`casedesk.core.services.reminders.needs_attention`).  Double-clicking a
row opens its matter."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from casedesk.core.models import Matter, User
from casedesk.core.services import reminders
from casedesk.gui import labels
from casedesk.gui.context import AppContext
from casedesk.gui.errors import show_error

WATCHED = {"deadline", "event", "task", "matter"}
OVERDUE_COLOUR = QColor("#c62828")
MATTER_ROLE = Qt.ItemDataRole.UserRole + 1
SETTING = "attention/mine_only"


def _tr(text: str) -> str:
    return QCoreApplication.translate("NeedsAttention", text)


@dataclass(frozen=True)
class Row:
    matter_id: str
    cells: tuple[str, ...]


@dataclass(frozen=True)
class Attention:
    today: date
    overdue: list[Row]
    this_week: list[Row]
    unwatched: list[Row]


def load(cf: Any, user: str | None) -> Attention:
    today = reminders.firm_today(cf)
    na = reminders.needs_attention(cf, today=today, user=user)
    ids = {d.matter_id for d in na.overdue + na.due_this_week if d.matter_id}
    with cf.read() as s:
        numbers = dict(s.execute(select(Matter.id, Matter.number).where(Matter.id.in_(ids))).all()
                       ) if ids else {}
        people = dict(s.execute(select(User.id, User.display_name)).all())

    def dl_row(d: Any) -> Row:
        return Row(d.matter_id or "", (d.due.isoformat(), numbers.get(d.matter_id, ""), d.title,
                                       d.rule or ""))

    unwatched = [Row(m.id, ("", m.number, m.title,
                            people.get(m.responsible_id, "") or labels.value("status", m.status)))
                 for m in na.unwatched]
    return Attention(today, [dl_row(d) for d in na.overdue],
                     [dl_row(d) for d in na.due_this_week], unwatched)


class NeedsAttentionPane(QWidget):
    open_matter = Signal(str)
    loaded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("needsAttentionPane")
        self.ctx = ctx
        self._gen = 0
        self.data: Attention | None = None
        self.title = QLabel(_tr("Needs attention"), self)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.title.setFont(font)
        self.mine = QCheckBox(_tr("Only my matters and deadlines"), self)
        self.mine.setObjectName("attentionMine")
        self.mine.setChecked(str(ctx.settings.value(SETTING, "false")).lower() in ("true", "1"))
        self.mine.toggled.connect(self._mine_toggled)
        self.refresh_button = QPushButton(_tr("Refresh"), self)
        self.refresh_button.clicked.connect(self.reload)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("attentionTree")
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels([_tr("Due"), _tr("Matter"), _tr("What"),
                                   _tr("Citation / responsible")])
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.itemDoubleClicked.connect(self._activated)
        self.tree.itemActivated.connect(self._activated)
        hint = QLabel(_tr("Double-click a row to open its matter."), self)
        hint.setStyleSheet("color: palette(dark);")
        bar = QHBoxLayout()
        bar.addWidget(self.title)
        bar.addStretch(1)
        bar.addWidget(self.mine)
        bar.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.tree, 1)
        layout.addWidget(hint)
        ctx.changed.connect(lambda kinds: bool(kinds & WATCHED) and self.reload())
        ctx.unlocked.connect(self.reload)
        self.reload()

    def _mine_toggled(self, on: bool) -> None:
        self.ctx.settings.setValue(SETTING, on)
        self.reload()

    def reload(self) -> None:
        if self.ctx.is_locked:
            return
        self._gen += 1
        gen = self._gen
        cf = self.ctx.cf
        user = cf.user.username if self.mine.isChecked() else None

        def done(data: Attention) -> None:
            if shiboken6.isValid(self) and gen == self._gen:
                self._show(data)

        def failed(exc: BaseException) -> None:
            if shiboken6.isValid(self):
                show_error(self, exc)

        self.ctx.runner.run_task(lambda: load(cf, user), done, failed)

    def _show(self, data: Attention) -> None:
        self.data = data
        self.tree.clear()
        sections = [
            (_tr("Overdue deadlines (%1)"), data.overdue, True),
            (_tr("Deadlines due this week (%1)"), data.this_week, False),
            (_tr("Open matters with nothing upcoming (%1)"), data.unwatched, False),
        ]
        for title, rows, overdue in sections:
            top = QTreeWidgetItem(self.tree, [title.replace("%1", str(len(rows)))])
            top.setFirstColumnSpanned(True)
            font = QFont(top.font(0))
            font.setBold(True)
            top.setFont(0, font)
            if overdue and rows:
                top.setForeground(0, OVERDUE_COLOUR)
            for row in rows:
                cells = list(row.cells)
                if cells[0]:
                    cells[0] = self.ctx.format_date(date.fromisoformat(cells[0]))
                item = QTreeWidgetItem(top, cells)
                item.setData(0, MATTER_ROLE, row.matter_id)
                if overdue:
                    for col in range(4):
                        item.setForeground(col, OVERDUE_COLOUR)
            top.setExpanded(True)
        for col in range(3):
            self.tree.resizeColumnToContents(col)
        self.loaded.emit()

    def section_rows(self, index: int) -> list[list[str]]:
        """The rows of section 0 (overdue), 1 (this week) or 2 (unwatched), for tests."""
        top = self.tree.topLevelItem(index)
        return [[top.child(i).text(c) for c in range(4)] for i in range(top.childCount())]

    def _activated(self, item: QTreeWidgetItem, _col: int = 0) -> None:
        matter_id = item.data(0, MATTER_ROLE)
        if matter_id:
            self.open_matter.emit(matter_id)
