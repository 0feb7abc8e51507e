"""The create/edit dialogs: a Qt Designer form (``forms/*.ui``) composed into a QDialog.

Each dialog collects the form's values and hands them to one core service call (which
validates, checks permissions and audits); it never re-implements a rule.  A
``ValidationError`` with a ``field`` is shown right under that field; other known errors in the
dialog's message line; anything else is a bug and gets the crash dialog.  Dialogs are opened
non-blocking (``open()``), so the auto-lock can hide them and show them again with their typed
content intact.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any, ClassVar

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QWidget,
)

from casedesk.core.errors import CasedeskError, ValidationError
from casedesk.core.services import calendar, contacts, matters, queries, work
from casedesk.gui import labels
from casedesk.gui.context import AppContext
from casedesk.gui.errors import show_error
from casedesk.gui.forms import child, load_form

ERROR_STYLE = "color: #b00020;"


def lines(edit: QPlainTextEdit) -> list[str]:
    return [x.strip() for x in edit.toPlainText().splitlines() if x.strip()]


def qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def pydate(d: QDate) -> date:
    return date(d.year(), d.month(), d.day())


def fill_combo(combo: QComboBox, items: list[tuple[str, str]], current: str | None = None,
               blank: str | None = None) -> None:
    combo.clear()
    if blank is not None:
        combo.addItem(blank, "")
    for value, label in items:
        combo.addItem(label, value)
    if current is not None:
        i = combo.findData(current)
        if i >= 0:
            combo.setCurrentIndex(i)


class FormDialog(QDialog):
    """A dialog around ``forms/<FORM>.ui``.  Subclasses set FORM, FIELDS and implement
    :meth:`save` (one core call returning the saved record)."""

    FORM = ""
    KINDS: ClassVar[set[str]] = set()
    #: core field name → object name of the widget it belongs to
    FIELDS: ClassVar[dict[str, str]] = {}
    saved = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.form = load_form(self.FORM, self)
        self.setWindowTitle(self.form.windowTitle())
        self.resize(self.form.size())
        self.message = child(self.form, QLabel, "messageLabel")
        self.message.hide()
        self._field_errors: list[QLabel] = []
        box = self.form.findChild(QDialogButtonBox, "buttonBox")
        if box is not None:
            box.accepted.connect(self.submit)
            box.rejected.connect(self.reject)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)

    def w(self, kind: type[Any], name: str) -> Any:
        return child(self.form, kind, name)

    # -- saving -----------------------------------------------------------------------------------
    def save(self) -> Any:
        raise NotImplementedError

    def submit(self) -> None:
        self.clear_errors()
        self.setEnabled(False)
        self.ctx.runner.run_task(self.save, self._saved, self._failed, parent=self)

    def _saved(self, result: Any) -> None:
        self.setEnabled(True)
        self.ctx.notify(self.KINDS)
        self.saved.emit(result)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.setEnabled(True)
        if isinstance(exc, ValidationError) and exc.field and self.show_field_error(exc):
            return
        if isinstance(exc, CasedeskError):
            self.message.setText(str(exc))
            self.message.show()
            return
        show_error(self, exc)

    # -- messages at the field --------------------------------------------------------------------
    def field_widget(self, field: str) -> QWidget | None:
        name = self.FIELDS.get(field)
        return self.form.findChild(QWidget, name) if name else None

    def show_field_error(self, exc: ValidationError) -> bool:
        widget = self.field_widget(exc.field or "")
        layout = self.form.layout()
        if widget is None or not isinstance(layout, QFormLayout):
            return False
        row, _role = layout.getWidgetPosition(widget)
        if row < 0:  # e.g. inside a nested row layout
            parent_layout = widget.parentWidget()
            row = -1 if parent_layout is None else row
        if row < 0:
            return False
        label = QLabel(str(exc), self.form)
        label.setObjectName(f"{exc.field}Error")
        label.setWordWrap(True)
        label.setStyleSheet(ERROR_STYLE)
        layout.insertRow(row + 1, "", label)
        self._field_errors.append(label)
        widget.setFocus()
        return True

    def clear_errors(self) -> None:
        layout = self.form.layout()
        for label in self._field_errors:
            if isinstance(layout, QFormLayout):
                layout.removeRow(label)
        self._field_errors.clear()
        self.message.hide()
        self.message.setText("")

    def field_errors(self) -> dict[str, str]:
        """Shown field messages by field name (for tests)."""
        return {lab.objectName().removesuffix("Error"): lab.text() for lab in self._field_errors}


def _users(ctx: AppContext) -> list[tuple[str, str]]:
    return [(u.username, f"{u.display_name} ({u.username})") for u in queries.user_choices(ctx.cf)]


class ClientDialog(FormDialog):
    FORM = "client_form"
    KINDS: ClassVar[set[str]] = {"contact"}
    FIELDS: ClassVar[dict[str, str]] = {
        "name": "nameEdit", "kind": "kindCombo", "emails": "emailsEdit",
              "phones": "phonesEdit", "addresses": "addressesEdit",
              "salutation": "salutationEdit", "language": "languageEdit", "notes": "notesEdit"}

    def __init__(self, ctx: AppContext, contact_id: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.contact_id = contact_id
        self.name = self.w(QLineEdit, "nameEdit")
        self.kind = self.w(QComboBox, "kindCombo")
        self.is_client = self.w(QCheckBox, "clientCheck")
        self.emails = self.w(QPlainTextEdit, "emailsEdit")
        self.phones = self.w(QPlainTextEdit, "phonesEdit")
        self.addresses = self.w(QPlainTextEdit, "addressesEdit")
        self.salutation = self.w(QLineEdit, "salutationEdit")
        self.language = self.w(QLineEdit, "languageEdit")
        self.notes = self.w(QPlainTextEdit, "notesEdit")
        fill_combo(self.kind, labels.choices("kind"))
        self.is_client.setChecked(True)
        if contact_id:
            c = contacts.get(ctx.cf, contact_id)
            self.setWindowTitle(self.tr("Edit contact: %1").replace("%1", c.name))
            self.name.setText(c.name)
            fill_combo(self.kind, labels.choices("kind"), c.kind)
            self.is_client.setChecked(c.is_client)
            self.emails.setPlainText("\n".join(c.emails or []))
            self.phones.setPlainText("\n".join(c.phones or []))
            self.addresses.setPlainText("\n".join(c.addresses or []))
            self.salutation.setText(c.salutation or "")
            self.language.setText(c.language or "")
            self.notes.setPlainText(c.notes or "")
        else:
            self.setWindowTitle(self.tr("New client"))

    def save(self) -> Any:
        values = dict(name=self.name.text(), kind=self.kind.currentData(),
                      is_client=self.is_client.isChecked(), emails=lines(self.emails),
                      phones=lines(self.phones), addresses=lines(self.addresses),
                      salutation=self.salutation.text(), language=self.language.text(),
                      notes=self.notes.toPlainText())
        if self.contact_id:
            return contacts.update(self.ctx.cf, self.contact_id, **values)
        return contacts.create(self.ctx.cf, **values)


class MatterDialog(FormDialog):
    FORM = "matter_form"
    KINDS: ClassVar[set[str]] = {"matter"}
    FIELDS: ClassVar[dict[str, str]] = {
        "number": "numberEdit", "title": "titleEdit", "client": "clientCombo",
              "practice_area": "practiceCombo", "court": "courtEdit",
              "case_number": "caseNumberEdit", "judge": "judgeEdit",
              "responsible": "responsibleCombo", "case_manager": "caseManagerCombo",
              "description": "descriptionEdit"}

    def __init__(self, ctx: AppContext, matter_id: str | None = None,
                 client_id: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.matter_id = matter_id
        self.number = self.w(QLineEdit, "numberEdit")
        self.title_edit = self.w(QLineEdit, "titleEdit")
        self.client = self.w(QComboBox, "clientCombo")
        self.area = self.w(QComboBox, "practiceCombo")
        self.court = self.w(QLineEdit, "courtEdit")
        self.case_number = self.w(QLineEdit, "caseNumberEdit")
        self.judge = self.w(QLineEdit, "judgeEdit")
        self.responsible = self.w(QComboBox, "responsibleCombo")
        self.case_manager = self.w(QComboBox, "caseManagerCombo")
        self.description = self.w(QPlainTextEdit, "descriptionEdit")
        self.client.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        clients = queries.contacts(ctx.cf, queries.ListQuery(sort="name"))
        fill_combo(self.client, [(c.id, c.name) for c in clients], client_id,
                   blank=self.tr("(choose a client)"))
        fill_combo(self.area, [(a, labels.value("area", a))
                               for a in queries.practice_areas(ctx.cf)], "other")
        users = _users(ctx)
        fill_combo(self.responsible, users, blank="—")
        fill_combo(self.case_manager, users, ctx.cf.user.username, blank="—")
        if matter_id:
            m = queries.matter_overview(ctx.cf, matter_id)
            self.setWindowTitle(self.tr("Edit matter %1").replace("%1", m.number))
            self.number.setText(m.number)
            self.title_edit.setText(m.title)
            fill_combo(self.client, [(c.id, c.name) for c in clients], m.client_id,
                       blank=self.tr("(choose a client)"))
            fill_combo(self.area, [(a, labels.value("area", a))
                                   for a in queries.practice_areas(ctx.cf)], m.practice_area)
            self.court.setText(m.court)
            self.case_number.setText(m.case_number)
            self.judge.setText(m.judge)
            fill_combo(self.responsible, users, m.responsible, blank="—")
            fill_combo(self.case_manager, users, m.case_manager, blank="—")
            self.description.setPlainText(m.description)
        else:
            self.setWindowTitle(self.tr("New matter"))

    def _client_id(self) -> str:
        i = self.client.findText(self.client.currentText())
        return str(self.client.itemData(i) or "") if i >= 0 else ""

    def save(self) -> Any:
        values = dict(title=self.title_edit.text(), client_id=self._client_id(),
                      practice_area=self.area.currentData(), court=self.court.text(),
                      case_number=self.case_number.text(), judge=self.judge.text(),
                      responsible=self.responsible.currentData() or None,
                      case_manager=self.case_manager.currentData() or None,
                      description=self.description.toPlainText())
        if self.number.text().strip():
            values["number"] = self.number.text().strip()
        if self.matter_id:
            return matters.update(self.ctx.cf, self.matter_id, **values)
        return matters.create(self.ctx.cf, **values)


class PartyDialog(FormDialog):
    FORM = "party_form"
    KINDS: ClassVar[set[str]] = {"party", "matter"}
    FIELDS: ClassVar[dict[str, str]] = {
        "contact": "contactCombo", "contact_id": "contactCombo", "role": "roleCombo"}

    def __init__(self, ctx: AppContext, matter_id: str, party: queries.PartyRow | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.matter_id = matter_id
        self.party = party
        self.contact = self.w(QComboBox, "contactCombo")
        self.role = self.w(QComboBox, "roleCombo")
        self.contact.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        people = queries.contacts(ctx.cf, queries.ListQuery(sort="name"), clients_only=False)
        fill_combo(self.contact, [(c.id, c.name) for c in people],
                   party.contact_id if party else None, blank=self.tr("(choose a contact)"))
        fill_combo(self.role, labels.choices("role"), party.role if party else "opposing_party")
        if party:
            self.contact.setEnabled(False)
            self.setWindowTitle(self.tr("Change the role of %1").replace("%1", party.name))
        else:
            self.setWindowTitle(self.tr("Add a party"))

    def save(self) -> Any:
        if self.party:
            matters.change_party_role(self.ctx.cf, self.party.id, self.role.currentData())
            return self.party.id
        i = self.contact.findText(self.contact.currentText())
        contact_id = str(self.contact.itemData(i) or "") if i >= 0 else ""
        if not contact_id:
            raise ValidationError(self.tr("Choose the contact to add."), field="contact")
        return matters.add_party(self.ctx.cf, self.matter_id, contact_id,
                                 self.role.currentData())


class EventDialog(FormDialog):
    FORM = "event_form"
    KINDS: ClassVar[set[str]] = {"event"}
    FIELDS: ClassVar[dict[str, str]] = {
        "title": "titleEdit", "kind": "kindCombo", "start": "startEdit",
              "end": "endEdit", "location": "locationEdit", "attendees": "attendeesList",
              "notes": "notesEdit"}

    def __init__(self, ctx: AppContext, matter_id: str | None = None,
                 event_id: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.matter_id, self.event_id = matter_id, event_id
        self.title_edit = self.w(QLineEdit, "titleEdit")
        self.kind = self.w(QComboBox, "kindCombo")
        self.all_day = self.w(QCheckBox, "allDayCheck")
        self.start = self.w(QDateTimeEdit, "startEdit")
        self.end = self.w(QDateTimeEdit, "endEdit")
        self.location = self.w(QLineEdit, "locationEdit")
        self.attendees = self.w(QListWidget, "attendeesList")
        self.notes = self.w(QPlainTextEdit, "notesEdit")
        fill_combo(self.kind, labels.choices("event_kind"), "meeting")
        fmt = ctx.locale.dateTimeFormat(ctx.locale.FormatType.ShortFormat)
        for edit in (self.start, self.end):
            edit.setDisplayFormat(fmt)
        tomorrow = QDateTime(QDate.currentDate().addDays(1), QTime(10, 0))
        self.start.setDateTime(tomorrow)
        self.end.setDateTime(tomorrow.addSecs(3600))
        chosen: set[str] = {ctx.cf.user.username}
        if event_id:
            from casedesk.core.models import Event

            with ctx.cf.read() as s:
                ev = s.get(Event, event_id)
                if ev is None:
                    raise CasedeskError(self.tr("That event no longer exists."))
                start = calendar.local_start(ev)
                end = calendar.local_end(ev)
                self.title_edit.setText(ev.title)
                fill_combo(self.kind, labels.choices("event_kind"), ev.kind)
                self.all_day.setChecked(ev.all_day)
                self.location.setText(ev.location or "")
                self.notes.setPlainText(ev.notes or "")
                chosen = set(calendar.attendee_names(s, event_id))
                self.matter_id = ev.matter_id
            self.start.setDateTime(_qdt(start))
            if end is not None:
                self.end.setDateTime(_qdt(end))
            self.setWindowTitle(self.tr("Edit event"))
        else:
            self.setWindowTitle(self.tr("New event"))
        for username, label in _users(ctx):
            item = QListWidgetItem(label, self.attendees)
            item.setData(Qt.ItemDataRole.UserRole, username)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if username in chosen
                               else Qt.CheckState.Unchecked)

    def submit(self) -> None:  # double bookings are shown before saving (schedule_conflicts)
        from casedesk.gui.schedule_conflicts import check_then

        check_then(self, lambda: FormDialog.submit(self))

    def save(self) -> Any:
        names = [self.attendees.item(i).data(Qt.ItemDataRole.UserRole)
                 for i in range(self.attendees.count())
                 if self.attendees.item(i).checkState() == Qt.CheckState.Checked]
        start = _pydt(self.start.dateTime())
        end = _pydt(self.end.dateTime())
        values: dict[str, Any] = dict(title=self.title_edit.text(), kind=self.kind.currentData(),
                                      all_day=self.all_day.isChecked(),
                                      start=start.date() if self.all_day.isChecked() else start,
                                      end=end.date() if self.all_day.isChecked() else end,
                                      location=self.location.text(),
                                      notes=self.notes.toPlainText(), attendees=names)
        if self.event_id:
            return calendar.update_event(self.ctx.cf, self.event_id, **values)
        return calendar.create_event(self.ctx.cf, matter_id=self.matter_id, **values)


def _qdt(dt: datetime) -> QDateTime:
    return QDateTime(QDate(dt.year, dt.month, dt.day), QTime(dt.hour, dt.minute))


def _pydt(q: QDateTime) -> datetime:
    d, t = q.date(), q.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())


class DeadlineDialog(FormDialog):
    FORM = "deadline_form"
    KINDS: ClassVar[set[str]] = {"deadline"}
    FIELDS: ClassVar[dict[str, str]] = {
        "title": "titleEdit", "due": "dueEdit", "reminders_days": "remindersEdit",
              "rule": "ruleEdit", "assignee": "assigneeCombo", "notes": "notesEdit"}

    def __init__(self, ctx: AppContext, matter_id: str | None = None,
                 deadline_id: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.matter_id, self.deadline_id = matter_id, deadline_id
        self.title_edit = self.w(QLineEdit, "titleEdit")
        self.due = self.w(QDateEdit, "dueEdit")
        self.reminders = self.w(QLineEdit, "remindersEdit")
        self.rule = self.w(QLineEdit, "ruleEdit")
        self.assignee = self.w(QComboBox, "assigneeCombo")
        self.notes = self.w(QPlainTextEdit, "notesEdit")
        self.due.setDisplayFormat(ctx.locale.dateFormat(ctx.locale.FormatType.ShortFormat))
        self.due.setDate(QDate.currentDate().addDays(14))
        self.reminders.setText("7, 1")
        users = _users(ctx)
        fill_combo(self.assignee, users, blank="—")
        if deadline_id:
            from casedesk.core.models import Deadline, User

            with ctx.cf.read() as s:
                d = s.get(Deadline, deadline_id)
                if d is None:
                    raise CasedeskError(self.tr("That deadline no longer exists."))
                self.title_edit.setText(d.title)
                self.due.setDate(qdate(d.due))
                self.reminders.setText(", ".join(str(x) for x in d.reminders_days or []))
                self.rule.setText(d.rule or "")
                self.notes.setPlainText(d.notes or "")
                assignee = s.get(User, d.assignee_id) if d.assignee_id else None
                fill_combo(self.assignee, users, assignee.username if assignee else "",
                           blank="—")
            self.setWindowTitle(self.tr("Edit deadline"))
        else:
            self.setWindowTitle(self.tr("New deadline"))

    def save(self) -> Any:
        raw = [x.strip() for x in self.reminders.text().replace(";", ",").split(",") if x.strip()]
        values: dict[str, Any] = dict(title=self.title_edit.text(), due=pydate(self.due.date()),
                                      reminders_days=raw, rule=self.rule.text(),
                                      notes=self.notes.toPlainText(),
                                      assignee=self.assignee.currentData() or None)
        if self.deadline_id:
            return calendar.update_deadline(self.ctx.cf, self.deadline_id, **values)
        return calendar.create_deadline(self.ctx.cf, matter_id=self.matter_id, **values)


class TaskDialog(FormDialog):
    FORM = "task_form"
    KINDS: ClassVar[set[str]] = {"task"}
    FIELDS: ClassVar[dict[str, str]] = {
        "title": "titleEdit", "assignee": "assigneeCombo", "due": "dueEdit",
              "status": "statusCombo", "description": "descriptionEdit"}

    def __init__(self, ctx: AppContext, matter_id: str | None = None,
                 task_id: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.matter_id, self.task_id = matter_id, task_id
        self.title_edit = self.w(QLineEdit, "titleEdit")
        self.assignee = self.w(QComboBox, "assigneeCombo")
        self.has_due = self.w(QCheckBox, "hasDueCheck")
        self.due = self.w(QDateEdit, "dueEdit")
        self.status = self.w(QComboBox, "statusCombo")
        self.description = self.w(QPlainTextEdit, "descriptionEdit")
        self.due.setDisplayFormat(ctx.locale.dateFormat(ctx.locale.FormatType.ShortFormat))
        self.due.setDate(QDate.currentDate().addDays(7))
        self.has_due.toggled.connect(self.due.setEnabled)
        self.has_due.setChecked(True)
        users = _users(ctx)
        fill_combo(self.assignee, users, ctx.cf.user.username, blank="—")
        fill_combo(self.status, labels.choices("task_status"), "open")
        if task_id:
            from casedesk.core.models import Task, User

            with ctx.cf.read() as s:
                t = s.get(Task, task_id)
                if t is None:
                    raise CasedeskError(self.tr("That task no longer exists."))
                self.title_edit.setText(t.title)
                self.description.setPlainText(t.description or "")
                self.has_due.setChecked(t.due is not None)
                if t.due:
                    self.due.setDate(qdate(t.due))
                fill_combo(self.status, labels.choices("task_status"), t.status)
                who = s.get(User, t.assignee_id) if t.assignee_id else None
                fill_combo(self.assignee, users, who.username if who else "", blank="—")
                self.matter_id = t.matter_id
            self.setWindowTitle(self.tr("Edit task"))
        else:
            self.status.setEnabled(False)
            self.setWindowTitle(self.tr("New task"))

    def save(self) -> Any:
        due = pydate(self.due.date()) if self.has_due.isChecked() else None
        values: dict[str, Any] = dict(title=self.title_edit.text(), due=due,
                                      assignee=self.assignee.currentData() or None,
                                      description=self.description.toPlainText())
        if self.task_id:
            return work.update_task(self.ctx.cf, self.task_id, status=self.status.currentData(),
                                    **values)
        return work.create_task(self.ctx.cf, matter_id=self.matter_id, **values)


class NoteDialog(FormDialog):
    FORM = "note_form"
    KINDS: ClassVar[set[str]] = {"note"}
    FIELDS: ClassVar[dict[str, str]] = {
        "body": "bodyEdit"}

    def __init__(self, ctx: AppContext, matter_id: str, note: queries.NoteRow | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.matter_id, self.note = matter_id, note
        self.body = self.w(QPlainTextEdit, "bodyEdit")
        if note:
            self.body.setPlainText(note.body)
            self.setWindowTitle(self.tr("Edit note"))
        else:
            self.setWindowTitle(self.tr("New note"))

    def save(self) -> Any:
        if self.note:
            return work.update_note(self.ctx.cf, self.note.id, self.body.toPlainText())
        return work.add_note(self.ctx.cf, self.body.toPlainText(), matter_id=self.matter_id)


def open_dialog(dialog: FormDialog, on_saved: Callable[[Any], None] | None = None) -> FormDialog:
    """Show a dialog window-modal without blocking (so the auto-lock can hide it)."""
    if on_saved is not None:
        dialog.saved.connect(on_saved)
    dialog.open()
    return dialog
