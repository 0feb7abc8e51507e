"""The matter workspace: everything about one matter, in tabs.

Overview (client, status with its life-cycle steps, court, case number, judge, team), parties,
documents, correspondence, events and deadlines, tasks, notes, and the change history from the
audit trail.  All data is loaded in one background call and reloaded when the context reports
a change; edits open the Designer dialogs, which call the core services.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from casedesk.core.errors import CasedeskError
from casedesk.core.services import calendar, matters, queries, work
from casedesk.gui import labels
from casedesk.gui.conflicts_ui import CheckedPartyDialog
from casedesk.gui.context import AppContext
from casedesk.gui.dialogs import (
    DeadlineDialog,
    EventDialog,
    MatterDialog,
    NoteDialog,
    TaskDialog,
    open_dialog,
)
from casedesk.gui.errors import show_error
from casedesk.gui.models import Column, RowsModel

KINDS = {"matter", "party", "event", "deadline", "task", "note", "document", "correspondence",
         "contact"}


@dataclass
class WorkspaceData:
    overview: queries.MatterOverview
    parties: list[queries.PartyRow]
    documents: list[queries.DocumentRow]
    correspondence: list[queries.CorrespondenceRow]
    events: list[queries.EventRow]
    deadlines: list[queries.DeadlineRow]
    tasks: list[queries.TaskRow]
    notes: list[queries.NoteRow]
    history: list[queries.HistoryRow]


def load(cf: Any, matter_id: str) -> WorkspaceData:
    return WorkspaceData(
        queries.matter_overview(cf, matter_id), queries.matter_parties(cf, matter_id),
        queries.documents(cf, matter_id=matter_id), queries.matter_correspondence(cf, matter_id),
        queries.events(cf, matter_id=matter_id), queries.deadlines(cf, matter_id=matter_id),
        queries.tasks(cf, matter_id=matter_id), queries.matter_notes(cf, matter_id),
        queries.matter_history(cf, matter_id),
    )


def _tr(text: str) -> str:
    return QCoreApplication.translate("MatterWorkspace", text)


def _table(model: RowsModel, name: str, parent: QWidget) -> QTableView:
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return view


class MatterWorkspace(QWidget):
    """A window for one matter."""

    loaded = Signal()
    open_contact = Signal(str)

    def __init__(self, ctx: AppContext, matter_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("matterWorkspace")
        self.ctx, self.matter_id = ctx, matter_id
        self.data: WorkspaceData | None = None
        self.resize(1100, 720)

        self.heading = QLabel(self)
        self.heading.setObjectName("heading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_label = QLabel(self)
        self.status_combo = QComboBox(self)
        self.status_combo.setObjectName("statusCombo")
        self.status_button = QPushButton(self)
        self.status_button.setObjectName("statusButton")
        self.status_button.clicked.connect(self.change_status)
        self.edit_button = QPushButton(self)
        self.edit_button.clicked.connect(self.edit_matter)
        head = QHBoxLayout()
        head.addWidget(self.heading, 1)
        head.addWidget(self.status_label)
        head.addWidget(self.status_combo)
        head.addWidget(self.status_button)
        head.addWidget(self.edit_button)
        self.head = head

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("tabs")
        # overview
        self.overview = QWidget()
        self.ov_form = QFormLayout(self.overview)
        self.ov_labels: dict[str, tuple[QLabel, QLabel]] = {}
        for key in ("client", "status", "area", "court", "case_number", "judge", "responsible",
                    "case_manager", "opened", "description"):
            name, value = QLabel(), QLabel()
            value.setObjectName(f"ov_{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.ov_form.addRow(name, value)
            self.ov_labels[key] = (name, value)
        # tables
        self.parties = RowsModel(ctx, [
            Column("name", "Name", lambda r: r.name),
            Column("role", "Role", lambda r: labels.value("role", r.role)),
            Column("email", "E-mail", lambda r: r.email),
            Column("phone", "Phone", lambda r: r.phone)], self)
        self.documents = RowsModel(ctx, [
            Column("title", "Title", lambda r: r.title),
            Column("category", "Category", lambda r: labels.value("category", r.category)),
            Column("doc_date", "Date", lambda r: r.doc_date),
            Column("author", "Author", lambda r: r.author),
            Column("versions", "Versions", lambda r: r.versions),
            Column("filename", "File", lambda r: r.filename)], self)
        self.correspondence = RowsModel(ctx, [
            Column("when", "When", lambda r: r.occurred_at),
            Column("direction", "Direction", lambda r: labels.value("direction", r.direction)),
            Column("channel", "Channel", lambda r: labels.value("channel", r.channel)),
            Column("counterpart", "With", lambda r: r.counterpart),
            Column("subject", "Subject", lambda r: r.subject)], self)
        self.events = RowsModel(ctx, [
            Column("when", "When", lambda r: self._event_when(r)),
            Column("kind", "Kind", lambda r: labels.value("event_kind", r.kind)),
            Column("title", "Title", lambda r: r.title),
            Column("location", "Location", lambda r: r.location)], self)
        self.deadlines = RowsModel(ctx, [
            Column("due", "Due", lambda r: r.due),
            Column("title", "Title", lambda r: r.title),
            Column("status", "Status", lambda r: labels.value("deadline_status", r.status)),
            Column("rule", "Rule", lambda r: r.rule)], self)
        self.tasks = RowsModel(ctx, [
            Column("title", "Title", lambda r: r.title),
            Column("assignee", "Assignee", lambda r: r.assignee),
            Column("due", "Due", lambda r: r.due),
            Column("status", "Status", lambda r: labels.value("task_status", r.status))], self)
        self.notes = RowsModel(ctx, [
            Column("when", "When", lambda r: r.created_at),
            Column("author", "Author", lambda r: r.author),
            Column("body", "Note", lambda r: r.body.replace("\n", " ⏎ "))], self)
        self.history = RowsModel(ctx, [
            Column("when", "When", lambda r: self._ts(r.ts)),
            Column("user", "Who", lambda r: r.user),
            Column("what", "What", lambda r: f"{labels.value('entity', r.entity)} "
                                              f"{labels.value('op', r.op)}"
                                              + (f": {r.record}" if r.record else "")),
            Column("field", "Field", lambda r: r.field.replace("_", " ")),
            Column("change", "Old → new", lambda r: self._change(r))], self)

        self.parties_view = _table(self.parties, "partiesView", self)
        self.documents_view = _table(self.documents, "documentsView", self)
        self.correspondence_view = _table(self.correspondence, "correspondenceView", self)
        self.events_view = _table(self.events, "eventsView", self)
        self.deadlines_view = _table(self.deadlines, "deadlinesView", self)
        self.tasks_view = _table(self.tasks, "tasksView", self)
        self.notes_view = _table(self.notes, "notesView", self)
        self.history_view = _table(self.history, "historyView", self)

        self.buttons: dict[str, QPushButton] = {}
        parties_tab = self._tab(self.parties_view, [
            ("add_party", "Add party…", self.add_party),
            ("role_party", "Change role…", self.change_role),
            ("remove_party", "Remove", self.remove_party)])
        cal = QWidget()
        cal_layout = QVBoxLayout(cal)
        self.events_title, self.deadlines_title = QLabel(), QLabel()
        cal_layout.addWidget(self.events_title)
        cal_layout.addWidget(self._tab(self.events_view, [
            ("add_event", "New event…", self.add_event),
            ("edit_event", "Edit…", self.edit_event)]))
        cal_layout.addWidget(self.deadlines_title)
        cal_layout.addWidget(self._tab(self.deadlines_view, [
            ("add_deadline", "New deadline…", self.add_deadline),
            ("edit_deadline", "Edit…", self.edit_deadline),
            ("done_deadline", "Mark done / re-open", self.toggle_deadline)]))
        tasks_tab = self._tab(self.tasks_view, [
            ("add_task", "New task…", self.add_task), ("edit_task", "Edit…", self.edit_task)])
        notes_tab = self._tab(self.notes_view, [
            ("add_note", "New note…", self.add_note), ("edit_note", "Edit…", self.edit_note),
            ("delete_note", "Delete", self.delete_note)])
        self.events_view.doubleClicked.connect(self.edit_event)
        self.deadlines_view.doubleClicked.connect(self.edit_deadline)
        self.tasks_view.doubleClicked.connect(self.edit_task)
        self.notes_view.doubleClicked.connect(self.edit_note)
        self.parties_view.doubleClicked.connect(self._open_party_contact)

        from casedesk.gui.matter_docs import attach_workspace

        self.docs = attach_workspace(self)  # documents, correspondence, timeline, drops
        self._tab_widgets = [
            (self.overview, "Overview"), (parties_tab, "Parties"),
            (self.docs.documents_page, "Documents"),
            (self.docs.correspondence_page, "Correspondence"),
            (cal, "Events and deadlines"), (tasks_tab, "Tasks"), (notes_tab, "Notes"),
            (self.history_view, "History"), (self.docs.timeline_page, "Timeline")]
        for widget, _title in self._tab_widgets:
            self.tabs.addTab(widget, "")

        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.tabs, 1)
        from casedesk.gui.court_rules import install_workspace

        install_workspace(self)  # court rules, flagged deadlines, explanations, .ics import
        from casedesk.gui.walls_ui import install_workspace as install_wall

        install_wall(self)  # "Ethical wall…" button and the header's lock indicator
        self.retranslate()
        ctx.changed.connect(self._on_changed)
        self.reload()

    def _tab(self, view: QTableView, buttons: list[tuple[str, str, Any]]) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        for key, _label, slot in buttons:
            button = QPushButton(page)
            button.setObjectName(key)
            button.clicked.connect(slot)
            self.buttons[key] = button
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(view, 1)
        page.setProperty("buttonLabels", {k: label for k, label, _s in buttons})
        return page

    # -- text ------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        titles = {"client": "Client:", "status": "Status:", "area": "Practice area:",
                  "court": "Court:", "case_number": "Case number:", "judge": "Judge:",
                  "responsible": "Responsible attorney:", "case_manager": "Case manager:",
                  "opened": "Opened:", "description": "Description:"}
        for key, (name, _value) in self.ov_labels.items():
            name.setText(_tr(titles[key]))
        for i, (_w, title) in enumerate(self._tab_widgets):
            self.tabs.setTabText(i, _tr(title))
        labels_by_key: dict[str, str] = {
            "add_party": "Add party…", "role_party": "Change role…", "remove_party": "Remove",
            "add_event": "New event…", "edit_event": "Edit…", "add_deadline": "New deadline…",
            "edit_deadline": "Edit…", "done_deadline": "Mark done / re-open",
            "add_task": "New task…", "edit_task": "Edit…", "add_note": "New note…",
            "edit_note": "Edit…", "delete_note": "Delete"}
        for key, button in self.buttons.items():
            button.setText(_tr(labels_by_key[key]))
        self.events_title.setText(_tr("Events"))
        self.deadlines_title.setText(_tr("Deadlines"))
        self.status_label.setText(_tr("Move to:"))
        self.status_button.setText(_tr("Change status"))
        self.edit_button.setText(_tr("Edit matter…"))
        for model in (self.parties, self.documents, self.correspondence, self.events,
                      self.deadlines, self.tasks, self.notes, self.history):
            model.retranslate()
        if self.data is not None:
            self._show(self.data)

    def _ts(self, ts: str) -> str:
        from datetime import datetime

        try:
            return self.ctx.format_datetime(datetime.fromisoformat(ts))
        except ValueError:
            return ts

    def _event_when(self, r: queries.EventRow) -> str:
        if r.all_day:
            return self.ctx.format_date(r.starts_at.date())
        return self.ctx.format_datetime(r.starts_at, r.timezone)

    def _change(self, r: queries.HistoryRow) -> str:
        old, new = _short(r.old), _short(r.new)
        if r.op == "insert":
            return new
        if r.op == "delete":
            return old
        return f"{old or '∅'} → {new or '∅'}"

    # -- loading ---------------------------------------------------------------------------------
    def reload(self) -> None:
        if self.ctx.is_locked:
            return
        cf, mid = self.ctx.cf, self.matter_id
        self.ctx.runner.run_task(lambda: load(cf, mid), self._show, self._load_failed)

    def _load_failed(self, exc: BaseException) -> None:
        show_error(self, exc)
        self.loaded.emit()

    def _show(self, data: WorkspaceData) -> None:
        self.data = data
        o = data.overview
        self.setWindowTitle(f"{o.number} — {o.title}")
        self.heading.setText(f"{o.number} — {o.title}")
        values = {"client": o.client, "status": labels.value("status", o.status),
                  "area": labels.value("area", o.practice_area), "court": o.court,
                  "case_number": o.case_number, "judge": o.judge,
                  "responsible": o.responsible, "case_manager": o.case_manager,
                  "opened": self.ctx.format_date(o.opened_on), "description": o.description}
        for key, (_name, value) in self.ov_labels.items():
            value.setText(values[key] or "—")
        self.status_combo.clear()
        for status in o.next_statuses:
            self.status_combo.addItem(labels.value("status", status), status)
        can_edit = self.ctx.cf.user.can(_edit_right())
        self.status_combo.setEnabled(bool(o.next_statuses) and can_edit)
        self.status_button.setEnabled(bool(o.next_statuses) and can_edit)
        self.edit_button.setEnabled(can_edit)
        for button in self.buttons.values():
            button.setEnabled(can_edit)
        self.parties.set_rows(data.parties)
        self.documents.set_rows(data.documents)
        self.correspondence.set_rows(data.correspondence)
        self.events.set_rows(data.events)
        self.deadlines.set_rows(data.deadlines)
        self.tasks.set_rows(data.tasks)
        self.notes.set_rows(data.notes)
        self.history.set_rows(data.history)
        for view in (self.parties_view, self.documents_view, self.correspondence_view,
                     self.events_view, self.deadlines_view, self.tasks_view, self.history_view,
                     self.notes_view):
            view.resizeColumnsToContents()
            header = view.horizontalHeader()
            for i in range(header.count() - 1):
                header.resizeSection(i, min(header.sectionSize(i), 320))
        self.loaded.emit()

    def _on_changed(self, kinds: set[str]) -> None:
        if kinds & KINDS:
            self.reload()

    # -- actions ---------------------------------------------------------------------------------
    def _selected(self, view: QTableView, model: RowsModel) -> Any | None:
        index = view.currentIndex()
        return model.row_at(index.row()) if index.isValid() else None

    def _run(self, fn: Any, kinds: set[str]) -> None:
        self.ctx.runner.run_task(fn, lambda _r: self.ctx.notify(kinds),
                                 lambda exc: show_error(self, exc), parent=self)

    def change_status(self) -> None:
        status = self.status_combo.currentData()
        if status:
            cf, mid = self.ctx.cf, self.matter_id
            self._run(lambda: matters.set_status(cf, mid, status), {"matter"})

    def edit_matter(self) -> None:
        self._open(lambda: MatterDialog(self.ctx, self.matter_id, parent=self))

    def add_party(self) -> None:  # the conflict check runs before saving (conflicts_ui)
        self._open(lambda: CheckedPartyDialog(self.ctx, self.matter_id, parent=self))

    def change_role(self) -> None:
        row = self._selected(self.parties_view, self.parties)
        if row is not None:
            self._open(lambda: CheckedPartyDialog(self.ctx, self.matter_id, row, parent=self))

    def remove_party(self) -> None:
        row = self._selected(self.parties_view, self.parties)
        if row is None:
            return
        answer = QMessageBox.question(
            self, _tr("Remove party"),
            _tr("Remove %1 from this matter?").replace("%1", row.name))
        if answer == QMessageBox.StandardButton.Yes:
            cf = self.ctx.cf
            self._run(lambda: matters.remove_party(cf, row.id), {"party", "matter"})

    def add_event(self) -> None:
        self._open(lambda: EventDialog(self.ctx, matter_id=self.matter_id, parent=self))

    def edit_event(self, *_: Any) -> None:
        row = self._selected(self.events_view, self.events)
        if row is not None:
            self._open(lambda: EventDialog(self.ctx, event_id=row.id, parent=self))

    def add_deadline(self) -> None:
        self._open(lambda: DeadlineDialog(self.ctx, matter_id=self.matter_id, parent=self))

    def edit_deadline(self, *_: Any) -> None:
        row = self._selected(self.deadlines_view, self.deadlines)
        if row is not None:
            self._open(lambda: DeadlineDialog(self.ctx, deadline_id=row.id, parent=self))

    def toggle_deadline(self) -> None:
        row = self._selected(self.deadlines_view, self.deadlines)
        if row is not None:
            cf, done = self.ctx.cf, row.status != "done"
            self._run(lambda: calendar.set_deadline_done(cf, row.id, done), {"deadline"})

    def add_task(self) -> None:
        self._open(lambda: TaskDialog(self.ctx, matter_id=self.matter_id, parent=self))

    def edit_task(self, *_: Any) -> None:
        row = self._selected(self.tasks_view, self.tasks)
        if row is not None:
            self._open(lambda: TaskDialog(self.ctx, task_id=row.id, parent=self))

    def add_note(self) -> None:
        self._open(lambda: NoteDialog(self.ctx, self.matter_id, parent=self))

    def edit_note(self, *_: Any) -> None:
        row = self._selected(self.notes_view, self.notes)
        if row is not None:
            self._open(lambda: NoteDialog(self.ctx, self.matter_id, row, parent=self))

    def delete_note(self) -> None:
        row = self._selected(self.notes_view, self.notes)
        if row is None:
            return
        answer = QMessageBox.question(self, _tr("Delete note"), _tr("Delete this note?"))
        if answer == QMessageBox.StandardButton.Yes:
            cf = self.ctx.cf
            self._run(lambda: work.delete_note(cf, row.id), {"note"})

    def _open_party_contact(self, *_: Any) -> None:
        row = self._selected(self.parties_view, self.parties)
        if row is not None:
            self.open_contact.emit(row.contact_id)

    def _open(self, make: Any) -> None:
        try:
            dialog = make()
        except CasedeskError as exc:
            show_error(self, exc)
            return
        open_dialog(dialog)

    def changeEvent(self, event: Any) -> None:
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _edit_right() -> Any:
    from casedesk.core.permissions import Right

    return Right.EDIT


def _short(value: str, limit: int = 80) -> str:
    value = value.replace("\n", " ")
    return value if len(value) <= limit else value[: limit - 1] + "…"

