"""The calendar pane: month marks, the day/week agenda, "My week" and the filters."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QSettings, Qt

from casedesk.core import crypto
from casedesk.core.casefile import CaseFile
from casedesk.core.demo import build_demo
from casedesk.core.services import calendar, queries
from casedesk.gui.calendar_model import OVERDUE_COLOUR, AgendaModel
from casedesk.gui.calendar_pane import CalendarPane, page_range, week_of
from casedesk.gui.context import AppContext
from casedesk.gui.tasks import SyncRunner

pytestmark = pytest.mark.gui

TZ = "Europe/Athens"


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    build_demo(folder / "demo.casedesk", kdf=crypto.TEST_KDF)
    return folder


@pytest.fixture
def demo_cf(demo_dir: Path, tmp_path: Path) -> Iterator[CaseFile]:
    """A private copy of the demo firm, logged in as the case manager maria."""
    folder = tmp_path / "firm"
    shutil.copytree(demo_dir, folder)
    cf = CaseFile.open(folder / "demo.casedesk", "maria", "demo")
    try:
        yield cf
    finally:
        cf.close()


@pytest.fixture
def ctx(demo_cf: CaseFile, tmp_path: Path) -> AppContext:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    return AppContext(demo_cf, SyncRunner(), settings)


@pytest.fixture
def pane(qtbot, ctx: AppContext) -> CalendarPane:
    widget = CalendarPane(ctx)
    qtbot.addWidget(widget)
    return widget


def today() -> date:
    return datetime.now(ZoneInfo(TZ)).date()


def some_matter(cf: CaseFile, responsible: str | None = None) -> queries.MatterRow:
    rows = queries.matters(cf)
    return next(r for r in rows if responsible in (None, r.responsible))


def titles(pane: CalendarPane) -> list[str]:
    return [it.title for it in pane.model.items()]


def test_a_deadline_shows_on_its_day(pane: CalendarPane, ctx: AppContext) -> None:
    day = today() + timedelta(days=12)
    m = some_matter(ctx.cf)
    calendar.create_deadline(ctx.cf, title="File the appeal brief", due=day, matter_id=m.id,
                             rule="ΚΠολΔ 518")
    ctx.notify({"deadline"})
    pane.select_day(day)
    mark = pane.calendar.mark(day)
    assert mark is not None and mark.deadlines >= 1 and mark.overdue == 0
    assert pane.selected_day() == day and not pane.week_mode
    assert "File the appeal brief" in titles(pane)
    row = titles(pane).index("File the appeal brief")
    model = pane.model
    assert model.index(row, AgendaModel.TIME).data() == "All day"
    assert model.index(row, AgendaModel.KIND).data() == "Deadline"
    assert model.index(row, AgendaModel.WHERE).data() == "ΚΠολΔ 518"
    assert m.number in model.index(row, AgendaModel.MATTER).data()
    # every item listed is on that day
    assert {it.day for it in model.items()} == {day}


def test_overdue_deadlines_are_marked_overdue(pane: CalendarPane, ctx: AppContext) -> None:
    day = today() - timedelta(days=3)
    m = some_matter(ctx.cf)
    late = calendar.create_deadline(ctx.cf, title="Late statement", due=day, matter_id=m.id)
    done = calendar.create_deadline(ctx.cf, title="Done statement", due=day, matter_id=m.id)
    calendar.set_deadline_done(ctx.cf, done.id)
    ctx.notify({"deadline"})
    pane.select_day(day)
    mark = pane.calendar.mark(day)
    assert mark is not None and mark.overdue >= 1
    assert mark.deadlines == mark.overdue  # the done one is not counted at all
    items = {it.id: it for it in pane.model.items()}
    assert items[late.id].overdue and not items[done.id].overdue
    row = [it.id for it in pane.model.items()].index(late.id)
    kind = pane.model.index(row, AgendaModel.KIND)
    assert kind.data() == "Deadline (overdue)"
    assert kind.data(Qt.ItemDataRole.ForegroundRole).color() == OVERDUE_COLOUR
    done_row = [it.id for it in pane.model.items()].index(done.id)
    assert pane.model.index(done_row, AgendaModel.KIND).data() == "Deadline (done)"


def test_my_week_lists_the_users_events(qtbot, pane: CalendarPane, ctx: AppContext) -> None:
    noon = datetime.combine(today(), datetime.min.time()).replace(hour=12)
    mine = calendar.create_event(ctx.cf, title="Maria's client call", start=noon,
                                 kind="meeting", attendees=["maria"])
    other = calendar.create_event(ctx.cf, title="James's deposition", start=noon,
                                  kind="deposition", attendees=["james"])
    ctx.notify({"event"})
    qtbot.mouseClick(pane.my_week_button, Qt.MouseButton.LeftButton)
    assert pane.week_mode and pane.person == "maria"
    assert pane.agenda_range() == week_of(today())
    ids = {it.id for it in pane.model.items()}
    assert mine.id in ids and other.id not in ids
    events = [it for it in pane.model.items() if it.kind == "event"]
    with ctx.cf.read() as s:
        assert all("maria" in calendar.attendee_names(s, it.id) for it in events)
    first, last = week_of(today())
    assert all(first <= it.day <= last for it in pane.model.items())
    # the person combo says whose week it is
    assert "maria" in pane.person_combo.currentText().lower() or "Me" in \
        pane.person_combo.currentText()
    # in the week view the time column names the day
    row = [it.id for it in pane.model.items()].index(mine.id)
    assert pane.model.index(row, AgendaModel.TIME).data().split()[0] != ""


def test_the_attorney_filter_narrows_results(pane: CalendarPane, ctx: AppContext) -> None:
    day = today() + timedelta(days=20)
    at = datetime.combine(day, datetime.min.time()).replace(hour=10)
    a = calendar.create_event(ctx.cf, title="Eleni's hearing", start=at, kind="hearing",
                              attendees=["eleni"])
    b = calendar.create_event(ctx.cf, title="James's hearing", start=at, kind="hearing",
                              attendees=["james"])
    ctx.notify({"event"})
    pane.select_day(day)
    everyone = pane.calendar.mark(day)
    assert {a.id, b.id} <= {it.id for it in pane.model.items()}
    pane.person_combo.setCurrentIndex(pane.person_combo.findData("james"))
    assert pane.person == "james"
    ids = {it.id for it in pane.model.items()}
    assert b.id in ids and a.id not in ids
    narrowed = pane.calendar.mark(day)
    assert everyone is not None and narrowed is not None
    assert narrowed.hearings < everyone.hearings
    # every deadline left belongs to one of james's matters
    james_matters = {r.number for r in queries.matters(ctx.cf) if r.responsible == "james"}
    pane.set_week_mode(True)
    assert all(it.matter_number in james_matters
               for it in pane.model.items() if it.kind == "deadline")
    pane.set_person(None)
    assert pane.person is None


def test_the_matter_filter(pane: CalendarPane, ctx: AppContext) -> None:
    m = some_matter(ctx.cf)
    day = today() + timedelta(days=5)
    calendar.create_deadline(ctx.cf, title="Matter filter check", due=day, matter_id=m.id)
    other = next(r for r in queries.matters(ctx.cf) if r.id != m.id)
    calendar.create_deadline(ctx.cf, title="Another matter's deadline", due=day,
                             matter_id=other.id)
    pane.select_day(day)
    pane.set_matter(m.id)
    assert pane.matter_id == m.id and m.number in pane.matter_edit.text()
    assert titles(pane) and all(it.matter_number == m.number for it in pane.model.items())
    assert "Another matter's deadline" not in titles(pane)
    first, last = page_range(day.year, day.month)
    assert pane.calendar.marks == queries.calendar_marks(ctx.cf, first, last, matter_id=m.id)
    pane.matter_edit.clear()
    pane.matter_edit.textEdited.emit("")
    assert pane.matter_id is None and "Another matter's deadline" in titles(pane)


def test_other_time_zones_are_noted(pane: CalendarPane, ctx: AppContext) -> None:
    day = today() + timedelta(days=30)
    ev = calendar.create_event(ctx.cf, title="Status conference (SDNY)",
                               start=datetime.combine(day, datetime.min.time()).replace(hour=9),
                               timezone="America/New_York", kind="hearing")
    pane.select_day(day)
    row = [it.id for it in pane.model.items()].index(ev.id)
    text = pane.model.index(row, AgendaModel.TIME).data()
    assert "(New York " in text and text.startswith(("15:00", "16:00", "3:00", "4:00"))


def test_double_click_opens(qtbot, pane: CalendarPane, ctx: AppContext) -> None:
    day = today() + timedelta(days=8)
    m = some_matter(ctx.cf)
    d = calendar.create_deadline(ctx.cf, title="Double click me", due=day, matter_id=m.id)
    pane.select_day(day)
    row = [it.id for it in pane.model.items()].index(d.id)
    opened: list[str] = []
    pane.open_deadline.connect(opened.append)
    with qtbot.waitSignal(pane.open_matter) as blocker:
        pane.agenda.doubleClicked.emit(pane.model.index(row, AgendaModel.MATTER))
    assert blocker.args == [m.id]
    pane.agenda.doubleClicked.emit(pane.model.index(row, AgendaModel.TITLE))
    assert opened == [d.id]


def test_agenda_model_passes_the_model_tester(qtmodeltester, pane: CalendarPane) -> None:
    pane.set_week_mode(True)
    for _ in range(4):
        if pane.model.rowCount():
            break
        pane.select_day(pane.selected_day() + timedelta(days=7))
    assert pane.model.rowCount() > 0
    qtmodeltester.check(pane.model)


def test_page_change_reloads_the_marks(pane: CalendarPane, ctx: AppContext) -> None:
    nxt = (today().replace(day=1) + timedelta(days=32)).replace(day=15)
    calendar.create_deadline(ctx.cf, title="Next month", due=nxt)
    pane.calendar.setCurrentPage(nxt.year, nxt.month)
    mark = pane.calendar.mark(nxt)
    assert mark is not None and mark.deadlines >= 1
    pane.calendar.grab()  # paints every cell with its marks
