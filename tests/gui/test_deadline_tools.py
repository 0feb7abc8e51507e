"""Issue 5 in the desktop app: court rules, reminders, needs attention, the control sheet,
double bookings and iCalendar."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from casedesk.core.calmodels import DeadlineTrigger
from casedesk.core.models import Deadline, Event, Matter, MatterStatus, User
from casedesk.core.services import calendar, reminders
from casedesk.gui.attention_pane import NeedsAttentionPane
from casedesk.gui.calendar_pane import CalendarPane
from casedesk.gui.context import AppContext
from casedesk.gui.control_sheet import ControlSheetDialog, render_control_sheet_pdf
from casedesk.gui.court_rules import (
    FLAG_MARK,
    ApplyRulesDialog,
    DeadlineDetailsDialog,
    MoveTriggerDialog,
)
from casedesk.gui.dialogs import EventDialog
from casedesk.gui.ical import IcsExportDialog, import_file
from casedesk.gui.reminders_panel import RemindersPanel, ReminderWatcher
from casedesk.gui.workspace import MatterWorkspace

pytestmark = pytest.mark.gui

TRIGGER_DATE = date(2026, 11, 20)  # 30 days later is Sun 20 Dec 2026: rolls over


def maria_matter(ctx: AppContext) -> str:
    with ctx.cf.read() as s:
        uid = s.scalar(select(User.id).where(User.username == "maria"))
        return str(s.scalar(select(Matter.id).where(
            Matter.case_manager_id == uid, Matter.status == MatterStatus.OPEN.value)
            .order_by(Matter.number)))


@pytest.fixture
def ws(qtbot, ctx: AppContext) -> MatterWorkspace:  # type: ignore[no-untyped-def]
    widget = MatterWorkspace(ctx, maria_matter(ctx))
    qtbot.addWidget(widget)
    return widget


def deadline_rows(ws: MatterWorkspace) -> dict[str, tuple[date, str]]:
    return {r.title: (r.due, r.rule) for r in ws.deadlines.rows}


def apply(qtbot, ctx: AppContext, ws: MatterWorkspace) -> ApplyRulesDialog:  # type: ignore[no-untyped-def]
    dialog = ApplyRulesDialog(ctx, ws.matter_id)
    qtbot.addWidget(dialog)
    dialog.set_choice("us-federal-civil", "discovery_served", TRIGGER_DATE)
    return dialog


def test_apply_rules_previews_then_creates_deadlines_with_citations(
        qtbot, ctx: AppContext, ws: MatterWorkspace) -> None:
    dialog = apply(qtbot, ctx, ws)
    preview = dialog.preview_rows()
    assert preview, "the trigger has deadlines"
    assert all(cite for _due, _title, cite in preview)
    assert "FRCP" in dialog.explanation.toPlainText()
    assert "Trigger:" in dialog.explanation.toPlainText()
    with qtbot.waitSignal(ws.loaded):
        dialog.create_button.click()
    rows = deadline_rows(ws)
    for due, title, cite in preview:
        assert rows[title] == (due, cite)
    # the citation is a column, the explanation a tooltip
    view = ws.deadlines_view
    model = view.model()
    titles = [model.index(i, 1).data() for i in range(model.rowCount())]
    row = titles.index(preview[0][1])
    assert preview[0][2] in [model.index(row, c).data() for c in range(model.columnCount())]
    assert "Rule set:" in model.index(row, 1).data(3)  # Qt.ToolTipRole
    # …and on the calendar pane, on the due day
    pane = CalendarPane(ctx)
    qtbot.addWidget(pane)
    pane.select_day(preview[0][0])
    items = [pane.model.item(i) for i in range(pane.model.rowCount())]
    assert any(it.title == preview[0][1] and it.rule == preview[0][2] for it in items)


def test_move_trigger_moves_deadlines_and_flags_hand_edited_ones(
        qtbot, ctx: AppContext, ws: MatterWorkspace) -> None:
    dialog = apply(qtbot, ctx, ws)
    with qtbot.waitSignal(ws.loaded):
        dialog.create_button.click()
    ruled = {title for _due, title, _cite in dialog.preview_rows()}
    before = {t: v for t, v in deadline_rows(ws).items() if t in ruled}
    edited_title = sorted(before)[0]
    edited_id = next(r.id for r in ws.deadlines.rows if r.title == edited_title)
    with qtbot.waitSignal(ws.loaded):
        calendar.update_deadline(ctx.cf, edited_id, due=before[edited_title][0]
                                 + timedelta(days=2))
        ctx.notify({"deadline"})

    move = MoveTriggerDialog(ctx, ws.matter_id)
    qtbot.addWidget(move)
    move.date_edit.setDate(move.date_edit.date().addDays(7))
    what = {r.deadline.title: r.what for r in move.rows}
    assert what[edited_title] == "flagged"
    assert "moves" in what.values()
    with qtbot.waitSignal(ws.loaded):
        move.move_button.click()
    after = deadline_rows(ws)
    for title, (due, _cite) in before.items():
        if title == edited_title:
            assert after[title][0] == due + timedelta(days=2)  # kept the hand-set date
        else:
            assert after[title][0] > due
    # the flagged one is marked in the tab, with a way to accept the rule's date
    model = ws.deadlines_view.model()
    row = [r.title for r in ws.deadlines.rows].index(edited_title)
    assert str(model.index(row, 0).data()).startswith(FLAG_MARK)
    assert not ws.court_rules.review_label.isHidden()
    details = DeadlineDetailsDialog(ctx, edited_id)
    qtbot.addWidget(details)
    with qtbot.waitSignal(ws.loaded):
        details.accept_button.click()
    with ctx.cf.read() as s:
        d = s.get(Deadline, edited_id)
        assert d is not None and d.due == d.computed_due
    assert not str(model.index(row, 0).data()).startswith(FLAG_MARK)


def test_reminder_for_a_deadline_due_tomorrow_shows_in_the_app(qtbot, ctx: AppContext) -> None:
    mid = maria_matter(ctx)
    tomorrow = reminders.firm_today(ctx.cf) + timedelta(days=1)
    d = calendar.create_deadline(ctx.cf, matter_id=mid, title="File the reply brief",
                                 due=tomorrow, reminders_days=[7, 1], rule="FRCP 6(c)(1)")
    panel = RemindersPanel(ctx)
    qtbot.addWidget(panel)
    watcher = ReminderWatcher(ctx, panel, tray=False)
    with qtbot.waitSignal(watcher.checked):
        watcher.start()
    watcher.stop()
    assert panel.isVisible()  # no tray here: the in-app list is shown
    titles = [panel.table.item(i, 3).text() for i in range(panel.table.rowCount())]
    row = next(i for i, t in enumerate(titles) if t.startswith("File the reply brief"))
    assert panel.table.item(row, 1).text() == "due tomorrow"
    panel.table.selectRow(row)
    with qtbot.waitSignal(watcher.checked):
        panel.done_button.click()
    with ctx.cf.read() as s:
        done = s.get(Deadline, d.id)
        assert done is not None and done.status == "done" and done.completed_by == "maria"
    assert not any(r.deadline.id == d.id for r in panel.reminders)


def test_needs_attention_lists_and_opens_matters(qtbot, ctx: AppContext) -> None:
    pane = NeedsAttentionPane(ctx)
    qtbot.addWidget(pane)
    assert pane.data is not None
    assert pane.tree.topLevelItemCount() == 3
    top = pane.tree.topLevelItem(0)
    assert top.childCount() == len(pane.data.overdue)
    item = next(pane.tree.topLevelItem(i).child(0) for i in range(3)
                if pane.tree.topLevelItem(i).childCount())
    with qtbot.waitSignal(pane.open_matter) as blocker:
        pane.tree.itemDoubleClicked.emit(item, 0)
    assert blocker.args[0]


def test_booking_over_a_colleagues_deposition_offers_the_next_free_slot(
        qtbot, ctx: AppContext) -> None:
    with ctx.cf.read() as s:
        dep = s.scalars(select(Event).where(Event.kind == "deposition",
                                            Event.title.like("Deposition — %"),
                                            Event.location == "Meeting room A")).first()
        assert dep is not None
        start = dep.starts_at.astimezone(ZoneInfo(dep.timezone))
        dep_end = dep.ends_at
    dialog = EventDialog(ctx, matter_id=maria_matter(ctx))
    qtbot.addWidget(dialog)
    dialog.title_edit.setText("Hearing on the motion")
    dialog.kind.setCurrentIndex(dialog.kind.findData("hearing"))
    from PySide6.QtCore import QDate, QDateTime, Qt, QTime

    qstart = QDateTime(QDate(start.year, start.month, start.day), QTime(start.hour + 1, 0))
    dialog.start.setDateTime(qstart)
    dialog.end.setDateTime(qstart.addSecs(3600))
    for i in range(dialog.attendees.count()):
        item = dialog.attendees.item(i)
        item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole)
                           == "eleni" else Qt.CheckState.Unchecked)
    dialog.submit()
    box = dialog.conflict_dialog
    assert "eleni" in box.list.item(0).text()
    proposed = box.check.proposed
    assert proposed is not None and proposed >= dep_end
    assert box.use_button.text() == "Use proposed time"
    with qtbot.waitSignal(dialog.saved) as saved:
        box.use_button.click()
    ev = saved.args[0]
    with ctx.cf.read() as s:
        booked = s.get(Event, ev.id)
        assert booked is not None
        assert booked.starts_at == proposed


def test_control_sheet_pdf_is_written(qtbot, ctx: AppContext, tmp_path: Path) -> None:
    dialog = ControlSheetDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.attorney.setCurrentIndex(dialog.attorney.findData("eleni"))
    today = date.today()
    dialog.set_period(today - timedelta(days=30), today + timedelta(days=60))
    target = tmp_path / "sheet.pdf"
    with qtbot.waitSignal(dialog.saved):
        dialog.save_to(target)
    data = target.read_bytes()
    assert data.startswith(b"%PDF")
    assert b"/Type /Page" in data or b"/Type/Page" in data
    # the helper the CLI can call
    sheet = reminders.control_sheet(ctx.cf, today, today + timedelta(days=30), matter_id=None)
    other = render_control_sheet_pdf(sheet, tmp_path / "all.pdf")
    assert other.read_bytes().startswith(b"%PDF")


def test_ics_export_dialog_writes_a_file_and_import_adds_events(
        qtbot, ctx: AppContext, tmp_path: Path) -> None:
    dialog = IcsExportDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.attorney.setCurrentIndex(dialog.attorney.findData("eleni"))
    target = tmp_path / "eleni.ics"
    with qtbot.waitSignal(dialog.exported):
        dialog.export_to(target)
    text = target.read_text(encoding="utf-8")
    assert text.startswith("BEGIN:VCALENDAR") and "BEGIN:VEVENT" in text

    notice = tmp_path / "notice.ics"
    when = datetime.now(UTC) + timedelta(days=40)
    notice.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//court//EN\r\nBEGIN:VEVENT\r\n"
        "UID:hearing-123@court.example\r\n"
        f"DTSTAMP:{when:%Y%m%dT%H%M%SZ}\r\nDTSTART:{when:%Y%m%dT%H%M%SZ}\r\n"
        "SUMMARY:Court hearing (notice)\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", encoding="utf-8")
    counts: list[int] = []
    mid = maria_matter(ctx)
    import_file(ctx, mid, notice, on_done=counts.append)
    assert counts == [1]
    with ctx.cf.read() as s:
        assert s.scalar(select(Event.id).where(Event.matter_id == mid,
                                               Event.title == "Court hearing (notice)"))


def test_trigger_is_recorded(ctx: AppContext, qtbot, ws: MatterWorkspace) -> None:  # type: ignore[no-untyped-def]
    dialog = apply(qtbot, ctx, ws)
    with qtbot.waitSignal(ws.loaded):
        dialog.create_button.click()
    with ctx.cf.read() as s:
        trig = s.scalar(select(DeadlineTrigger).where(DeadlineTrigger.matter_id == ws.matter_id))
        assert trig is not None and trig.trigger_date == TRIGGER_DATE
