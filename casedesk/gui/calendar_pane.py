"""The calendar pane: a month view with per-day marks and an agenda for a day or a week.

The month view paints, under each day's number, a dot per hearing (blue) and per other event
(green), and in the cell's corner a badge with the number of open deadlines (orange outline;
filled red when one of them is overdue).  Today has a frame.  Marks come from
:func:`queries.calendar_marks` for the visible page and reload when the page changes.

The agenda lists the selected day's (or week's, Monday to Sunday) events and deadlines.  Both
follow the filters: a person (the firm's attorneys, and "Me" for a user who is not one) and a
matter.  "My week" shows the current week of the logged-in user.  Double-clicking a row opens
its event or deadline (``open_event`` / ``open_deadline``); on the Matter column it opens the
matter (``open_matter``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import shiboken6
from PySide6.QtCore import (
    QDate,
    QMetaMethod,
    QModelIndex,
    QPoint,
    QRect,
    QRectF,
    QStringListModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCalendarWidget,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from casedesk.core.services import queries
from casedesk.core.services.queries import AgendaItem, DayMark, ListQuery
from casedesk.gui.calendar_model import (
    DEADLINE_COLOUR,
    EVENT_COLOUR,
    HEARING_COLOUR,
    OVERDUE_COLOUR,
    AgendaModel,
)
from casedesk.gui.context import AppContext
from casedesk.gui.errors import show_error

#: Entity kinds whose changes the pane reloads on.
WATCHED = {"event", "deadline", "matter"}


def week_of(day: date) -> tuple[date, date]:
    """Monday..Sunday of the week containing ``day``."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def page_range(year: int, month: int) -> tuple[date, date]:
    """Every day a month page of the calendar can show (the month ± a week)."""
    first = date(year, month, 1)
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return first - timedelta(days=7), nxt + timedelta(days=13)


class MonthCalendar(QCalendarWidget):
    """A QCalendarWidget that paints the day marks of the visible page."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.marks: dict[date, DayMark] = {}
        self.today: date = date.today()
        self.week: tuple[date, date] | None = None
        self.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.setGridVisible(True)
        self.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.setMinimumSize(380, 300)

    def set_week(self, week: tuple[date, date] | None) -> None:
        """Tint the days of the agenda's week (None: no tint)."""
        self.week = week
        self.updateCells()

    def set_marks(self, marks: dict[date, DayMark], today: date) -> None:
        self.marks = marks
        self.today = today
        self.updateCells()

    def mark(self, day: date) -> DayMark | None:
        return self.marks.get(day)

    def paintCell(self, painter: QPainter, rect: QRect, qdate: QDate | Any) -> None:
        super().paintCell(painter, rect, qdate)
        day: date = qdate.toPython()
        mark = self.marks.get(day)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.week and self.week[0] <= day <= self.week[1] and qdate != self.selectedDate():
            tint = QColor(self.palette().color(QPalette.ColorRole.Highlight))
            tint.setAlpha(45)
            painter.fillRect(rect, tint)
        if day == self.today:
            pen = QPen(self.palette().color(QPalette.ColorRole.Highlight), 2)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(rect).adjusted(1.5, 1.5, -1.5, -1.5), 3, 3)
        if mark is not None:
            self._paint_dots(painter, rect, mark)
            if mark.deadlines:
                self._paint_badge(painter, rect, mark)
        painter.restore()

    def _paint_dots(self, painter: QPainter, rect: QRect, mark: DayMark) -> None:
        size = max(4.0, min(7.0, rect.height() / 7))
        gap = size * 0.6
        colours = ([HEARING_COLOUR] * min(mark.hearings, 3)
                   + [EVENT_COLOUR] * min(mark.events, 3))
        if not colours:
            return
        width = len(colours) * size + (len(colours) - 1) * gap
        x = rect.center().x() - width / 2 + 0.5
        y = rect.bottom() - size - max(3.0, rect.height() / 10)
        painter.setPen(Qt.PenStyle.NoPen)
        for colour in colours:
            painter.setBrush(colour)
            painter.drawEllipse(QRectF(x, y, size, size))
            x += size + gap

    def _paint_badge(self, painter: QPainter, rect: QRect, mark: DayMark) -> None:
        font = QFont(painter.font())
        font.setBold(True)
        font.setPixelSize(max(8, min(11, rect.height() // 4)))
        painter.setFont(font)
        text = str(mark.deadlines)
        w = max(painter.fontMetrics().horizontalAdvance(text) + 6, font.pixelSize() + 4)
        h = font.pixelSize() + 4
        box = QRectF(rect.right() - w - 2, rect.top() + 2, w, h)
        if mark.overdue:
            painter.setPen(QPen(OVERDUE_COLOUR, 1.5))
            painter.setBrush(OVERDUE_COLOUR)
            painter.drawRoundedRect(box, 3, 3)
            painter.setPen(QColor("white"))
        else:
            painter.setPen(QPen(DEADLINE_COLOUR, 1.5))
            painter.setBrush(QColor(DEADLINE_COLOUR.red(), DEADLINE_COLOUR.green(),
                                    DEADLINE_COLOUR.blue(), 40))
            painter.drawRoundedRect(box, 3, 3)
            painter.setPen(DEADLINE_COLOUR.darker(130))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)


class CalendarPane(QWidget):
    open_matter = Signal(str)
    open_event = Signal(str)
    open_deadline = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._marks_gen = 0
        self._agenda_gen = 0
        self._matter_gen = 0
        self._matter_id: str | None = None
        self._matter_choices: dict[str, str] = {}
        self._week = False

        self.calendar = MonthCalendar(self)
        self.model = AgendaModel(ctx, self)
        self.agenda = QTableView(self)
        self.agenda.setObjectName("agenda")
        self.agenda.setModel(self.model)
        self.agenda.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.agenda.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.agenda.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.agenda.setAlternatingRowColors(True)
        self.agenda.setWordWrap(False)
        self.agenda.verticalHeader().hide()
        self.agenda.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header = self.agenda.horizontalHeader()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(60)
        for col, mode in ((AgendaModel.TIME, QHeaderView.ResizeMode.ResizeToContents),
                          (AgendaModel.KIND, QHeaderView.ResizeMode.ResizeToContents),
                          (AgendaModel.TITLE, QHeaderView.ResizeMode.Stretch),
                          (AgendaModel.MATTER, QHeaderView.ResizeMode.Interactive),
                          (AgendaModel.WHERE, QHeaderView.ResizeMode.Interactive)):
            header.setSectionResizeMode(col, mode)
        header.resizeSection(AgendaModel.MATTER, 200)
        header.resizeSection(AgendaModel.WHERE, 140)

        # -- the filter bar
        self.day_button = QToolButton(self)
        self.day_button.setText(self.tr("Day"))
        self.week_button = QToolButton(self)
        self.week_button.setText(self.tr("Week"))
        self.range_group = QButtonGroup(self)
        for button in (self.day_button, self.week_button):
            button.setCheckable(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self.range_group.addButton(button)
        self.day_button.setChecked(True)
        self.today_button = QPushButton(self.tr("Today"), self)
        self.my_week_button = QPushButton(self.tr("My week"), self)
        self.my_week_button.setToolTip(self.tr("This week's events you attend and deadlines "
                                               "of your matters"))
        self.person_combo = QComboBox(self)
        self.person_combo.setObjectName("personFilter")
        self.person_combo.setToolTip(self.tr("Show one attorney's events and deadlines"))
        self.person_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.matter_edit = QLineEdit(self)
        self.matter_edit.setObjectName("matterFilter")
        self.matter_edit.setPlaceholderText(self.tr("Filter by matter (number or title)…"))
        self.matter_edit.setClearButtonEnabled(True)
        self.matter_edit.setMinimumWidth(260)
        self._completion_model = QStringListModel(self)
        self.completer = QCompleter(self._completion_model, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.matter_edit.setCompleter(self.completer)
        self._matter_timer = QTimer(self)
        self._matter_timer.setSingleShot(True)
        self._matter_timer.setInterval(150)

        bar = QHBoxLayout()
        bar.addWidget(self.day_button)
        bar.addWidget(self.week_button)
        bar.addSpacing(8)
        bar.addWidget(self.today_button)
        bar.addWidget(self.my_week_button)
        bar.addSpacing(16)
        bar.addWidget(QLabel(self.tr("Attorney:"), self))
        bar.addWidget(self.person_combo)
        bar.addSpacing(8)
        bar.addWidget(QLabel(self.tr("Matter:"), self))
        bar.addWidget(self.matter_edit, 1)

        self.legend = QLabel(self)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setText(self._legend_html())
        self.title_label = QLabel(self)
        self.title_label.setObjectName("agendaTitle")
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.title_label.setFont(font)
        self.empty_label = QLabel(self)
        self.empty_label.setStyleSheet("color: palette(mid);")

        left = QWidget(self)
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        left_box.addWidget(self.calendar, 1)
        left_box.addWidget(self.legend)
        right = QWidget(self)
        right_box = QVBoxLayout(right)
        right_box.setContentsMargins(0, 0, 0, 0)
        right_box.addWidget(self.title_label)
        right_box.addWidget(self.agenda, 1)
        right_box.addWidget(self.empty_label)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([440, 760])

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)

        # -- wiring
        self.calendar.selectionChanged.connect(self._reload_agenda)
        self.calendar.currentPageChanged.connect(lambda _y, _m: self._reload_marks())
        self.range_group.buttonClicked.connect(self._range_clicked)
        self.today_button.clicked.connect(self.go_today)
        self.my_week_button.clicked.connect(self.my_week)
        self.person_combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.matter_edit.textEdited.connect(self._matter_edited)
        self.matter_edit.returnPressed.connect(self._matter_entered)
        self.completer.activated[str].connect(self._matter_chosen)
        self._matter_timer.timeout.connect(self._load_matter_choices)
        self.agenda.doubleClicked.connect(self._row_activated)
        self.agenda.activated.connect(self._row_activated)
        self.agenda.customContextMenuRequested.connect(self._context_menu)
        ctx.changed.connect(self._changed)
        ctx.unlocked.connect(self.reload)

        self._fill_people()
        self.go_today()

    # -- state ------------------------------------------------------------------------------------
    @property
    def today(self) -> date:
        return datetime.now(ZoneInfo(self.ctx.firm_timezone)).date()

    @property
    def week_mode(self) -> bool:
        return self._week

    @property
    def person(self) -> str | None:
        return self.person_combo.currentData() or None

    @property
    def matter_id(self) -> str | None:
        return self._matter_id

    def selected_day(self) -> date:
        return self.calendar.selectedDate().toPython()  # type: ignore[no-any-return]

    def agenda_range(self) -> tuple[date, date]:
        day = self.selected_day()
        return week_of(day) if self._week else (day, day)

    # -- public actions ---------------------------------------------------------------------------
    def set_week_mode(self, week: bool) -> None:
        self._week = week
        (self.week_button if week else self.day_button).setChecked(True)
        self._reload_agenda()

    def select_day(self, day: date) -> None:
        qd = QDate(day.year, day.month, day.day)
        changed = self.calendar.selectedDate() != qd
        self.calendar.setSelectedDate(qd)  # emits selectionChanged → agenda
        if self.calendar.yearShown() != day.year or self.calendar.monthShown() != day.month:
            self.calendar.setCurrentPage(day.year, day.month)  # → marks
        if not changed:
            self._reload_agenda()

    def go_today(self) -> None:
        self.select_day(self.today)
        if not self.calendar.marks:
            self._reload_marks()

    def my_week(self) -> None:
        """The logged-in user's current week: their events and their matters' deadlines."""
        me = self.ctx.cf.user.username
        index = self.person_combo.findData(me)
        self.person_combo.blockSignals(True)
        self.person_combo.setCurrentIndex(max(index, 0))
        self.person_combo.blockSignals(False)
        self._week = True
        self.week_button.setChecked(True)
        self.select_day(self.today)
        self._reload_marks()

    def set_person(self, username: str | None) -> None:
        index = self.person_combo.findData(username or "")
        self.person_combo.setCurrentIndex(max(index, 0))

    def set_matter(self, matter_id: str | None) -> None:
        """Filter by a matter (None: all matters)."""
        brief = queries.matter_brief(self.ctx.cf, matter_id) if matter_id else None
        self._matter_id = brief.id if brief else None
        self.matter_edit.setText(f"{brief.number} — {brief.title}" if brief else "")
        self.reload()

    def reload(self) -> None:
        self._reload_marks()
        self._reload_agenda()

    # -- loading ----------------------------------------------------------------------------------
    def _run(self, fn: Callable[[], Any], done: Callable[[Any], None]) -> None:
        if self.ctx.is_locked:
            return

        def deliver(result: Any) -> None:
            if shiboken6.isValid(self):  # the pane may be gone when a result comes back
                done(result)

        def failed(exc: BaseException) -> None:
            if shiboken6.isValid(self):
                show_error(self, exc)

        self.ctx.runner.run_task(fn, on_done=deliver, on_error=failed)

    def _reload_marks(self) -> None:
        self._marks_gen += 1
        gen = self._marks_gen
        first, last = page_range(self.calendar.yearShown(), self.calendar.monthShown())
        cf, person, matter_id, today = self.ctx.cf, self.person, self._matter_id, self.today

        def done(marks: dict[date, DayMark]) -> None:
            if gen == self._marks_gen:
                self.calendar.set_marks(marks, today)

        self._run(lambda: queries.calendar_marks(cf, first, last, attendee=person,
                                                 matter_id=matter_id, today=today), done)

    def _reload_agenda(self) -> None:
        self._agenda_gen += 1
        gen = self._agenda_gen
        first, last = self.agenda_range()
        week = self._week
        cf, person, matter_id, today = self.ctx.cf, self.person, self._matter_id, self.today
        self.title_label.setText(self._range_title(first, last))
        self.calendar.set_week((first, last) if week else None)

        def done(items: list[AgendaItem]) -> None:
            if gen != self._agenda_gen:
                return
            self.model.set_items(items, show_day=week)
            self.empty_label.setText(
                "" if items else (self.tr("Nothing scheduled this week.") if week
                                  else self.tr("Nothing scheduled on this day.")))
            self.empty_label.setVisible(not items)

        self._run(lambda: queries.agenda(cf, first, last, person=person, matter_id=matter_id,
                                         today=today), done)

    def _fill_people(self) -> None:
        self.person_combo.blockSignals(True)
        self.person_combo.clear()
        self.person_combo.addItem(self.tr("All attorneys"), "")
        me = self.ctx.cf.user
        users = queries.user_choices(self.ctx.cf)
        if me.role != "attorney":
            name = next((u.display_name for u in users if u.username == me.username),
                        me.username)
            self.person_combo.addItem(self.tr("Me ({name})").format(name=name), me.username)
        for user in users:
            if user.role == "attorney":
                self.person_combo.addItem(user.display_name or user.username, user.username)
        self.person_combo.blockSignals(False)

    def _range_title(self, first: date, last: date) -> str:
        loc = self.ctx.locale
        if first == last:
            text = loc.toString(QDate(first.year, first.month, first.day), "dddd d MMMM yyyy")
            return text + ("  ·  " + self.tr("today") if first == self.today else "")
        a = loc.toString(QDate(first.year, first.month, first.day), "d MMM")
        b = loc.toString(QDate(last.year, last.month, last.day), "d MMM yyyy")
        return self.tr("Week of {start} – {end}").format(start=a, end=b)

    def _legend_html(self) -> str:
        def dot(colour: QColor, label: str) -> str:
            return f"<span style='color:{colour.name()}'>●</span>&nbsp;{label}"

        overdue = (f"<span style='background:{OVERDUE_COLOUR.name()};color:white;"
                   f"font-weight:bold'>&nbsp;n&nbsp;</span>&nbsp;{self.tr('overdue')}")
        c = DEADLINE_COLOUR
        tint = QColor(*(round(v * 0.2 + 255 * 0.8) for v in (c.red(), c.green(), c.blue())))
        due = (f"<span style='color:{DEADLINE_COLOUR.darker(130).name()};font-weight:bold;"
               f"background:{tint.name()}'>&nbsp;n&nbsp;</span>"
               f"&nbsp;{self.tr('deadlines due')}")
        return "&nbsp;&nbsp;&nbsp;".join([dot(HEARING_COLOUR, self.tr("hearing")),
                                          dot(EVENT_COLOUR, self.tr("other event")), due,
                                          overdue])

    # -- reactions --------------------------------------------------------------------------------
    def _changed(self, kinds: set[str]) -> None:
        if kinds & WATCHED:
            self.reload()

    def _range_clicked(self, button: Any) -> None:
        self.set_week_mode(button is self.week_button)

    def _matter_edited(self, text: str) -> None:
        if not text.strip():
            self._matter_timer.stop()
            if self._matter_id is not None:
                self._matter_id = None
                self.reload()
            return
        self._matter_timer.start()

    def _load_matter_choices(self) -> None:
        self._matter_gen += 1
        gen = self._matter_gen
        cf, text = self.ctx.cf, self.matter_edit.text().strip()

        def done(rows: list[queries.MatterRow]) -> None:
            if gen != self._matter_gen:
                return
            self._matter_choices = {f"{r.number} — {r.title}": r.id for r in rows}
            self._completion_model.setStringList(list(self._matter_choices))
            if rows and self.matter_edit.hasFocus():
                self.completer.complete()

        self._run(lambda: queries.matters(cf, ListQuery(text=text, limit=20)), done)

    def _matter_chosen(self, text: str) -> None:
        matter_id = self._matter_choices.get(text)
        if matter_id and matter_id != self._matter_id:
            self._matter_id = matter_id
            self.reload()

    def _matter_entered(self) -> None:
        text = self.matter_edit.text().strip()
        if not text:
            return
        if text in self._matter_choices:
            self._matter_chosen(text)
            return
        rows = queries.matters(self.ctx.cf, ListQuery(text=text, limit=2))
        exact = [r for r in rows if r.number.casefold() == text.casefold()]
        pick = exact[0] if exact else (rows[0] if len(rows) == 1 else None)
        if pick is None:
            self.empty_label.setText(self.tr("No single matter matches “{text}”.")
                                     .format(text=text))
            self.empty_label.show()
            return
        self.set_matter(pick.id)

    def _row_activated(self, index: QModelIndex) -> None:
        it = self.model.item(index.row())
        if it is None:
            return
        if index.column() == AgendaModel.MATTER and it.matter_id:
            self.open_matter.emit(it.matter_id)
        else:
            self._open_item(it)

    def _open_item(self, it: AgendaItem) -> None:
        signal = self.open_event if it.kind == "event" else self.open_deadline
        if not self.isSignalConnected(QMetaMethod.fromSignal(signal)) and it.matter_id:
            self.open_matter.emit(it.matter_id)  # nobody edits events here: show the matter
        else:
            signal.emit(it.id)

    def _context_menu(self, pos: QPoint) -> None:
        it = self.model.item(self.agenda.indexAt(pos).row())
        if it is None:
            return
        menu = QMenu(self)
        label = self.tr("Open event") if it.kind == "event" else self.tr("Open deadline")
        menu.addAction(label, lambda: (self.open_event if it.kind == "event"
                                       else self.open_deadline).emit(it.id))
        if it.matter_id:
            menu.addAction(self.tr("Open matter {number}").format(number=it.matter_number),
                           lambda: self.open_matter.emit(it.matter_id))
        menu.exec(self.agenda.viewport().mapToGlobal(pos))
