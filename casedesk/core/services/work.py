"""Tasks and notes."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from casedesk.core import validate as v
from casedesk.core.casefile import CaseFile
from casedesk.core.errors import ValidationError
from casedesk.core.models import Contact, Matter, Note, Task, TaskStatus
from casedesk.core.permissions import Right
from casedesk.core.services.common import assign, get_or_404, user_id_for


def create_task(cf: CaseFile, *, title: str, matter_id: str | None = None,
                assignee: str | None = None, due: Any = None,
                description: str | None = None) -> Task:
    cf.require(Right.EDIT, "add tasks")
    with cf.write() as s:
        if matter_id:
            get_or_404(s, Matter, matter_id, "matter")
        task = Task(title=v.text(title, "title", required=True, max_len=500),
                    matter_id=matter_id or None, assignee_id=user_id_for(s, assignee, "assignee"),
                    due=v.parse_date(due, "due"), description=v.text(description, "description"))
        s.add(task)
    return task


def update_task(cf: CaseFile, task_id: str, **values: Any) -> Task:
    cf.require(Right.EDIT, "edit tasks")
    with cf.write() as s:
        task = get_or_404(s, Task, task_id, "task")
        data: dict[str, Any] = {}
        if "title" in values:
            data["title"] = v.text(values["title"], "title", required=True, max_len=500)
        if "description" in values:
            data["description"] = v.text(values["description"], "description")
        if "due" in values:
            data["due"] = v.parse_date(values["due"], "due")
        if "assignee" in values:
            data["assignee_id"] = user_id_for(s, values["assignee"], "assignee")
        if "status" in values:
            status = v.choice(values["status"], TaskStatus, "status")
            data["status"] = status
            data["completed_at"] = datetime.now(UTC) if status == TaskStatus.DONE else None
        assign(task, data)
    return task


def delete_task(cf: CaseFile, task_id: str) -> None:
    cf.require(Right.DELETE, "delete tasks")
    with cf.write() as s:
        s.delete(get_or_404(s, Task, task_id, "task"))


def add_note(cf: CaseFile, body: str, *, matter_id: str | None = None,
             contact_id: str | None = None) -> Note:
    cf.require(Right.EDIT, "add notes")
    if not matter_id and not contact_id:
        raise ValidationError("A note belongs to a matter or a contact.")
    with cf.write() as s:
        if matter_id:
            get_or_404(s, Matter, matter_id, "matter")
        if contact_id:
            get_or_404(s, Contact, contact_id, "contact")
        note = Note(body=v.text(body, "note", required=True, max_len=1_000_000) or "",
                    matter_id=matter_id or None, contact_id=contact_id or None,
                    author=cf.user.username)
        s.add(note)
    return note


def update_note(cf: CaseFile, note_id: str, body: str) -> Note:
    cf.require(Right.EDIT, "edit notes")
    with cf.write() as s:
        note = get_or_404(s, Note, note_id, "note")
        assign(note, {"body": v.text(body, "note", required=True, max_len=1_000_000)})
    return note


def delete_note(cf: CaseFile, note_id: str) -> None:
    cf.require(Right.DELETE, "delete notes")
    with cf.write() as s:
        s.delete(get_or_404(s, Note, note_id, "note"))
