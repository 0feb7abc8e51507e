"""Reading the audit trail as a person would: who changed what, old → new, in words.

Audit rows keep raw stored values (ids, UTC timestamps, JSON lists); an insert or delete is one
row holding the whole record.  This module expands those rows into one line per field and turns
values into what a user recognises: a contact's name instead of its id, a local time instead of a
UTC timestamp, "yes" instead of "true".
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from casedesk.core import personal
from casedesk.core.audit import WHOLE_RECORD
from casedesk.core.models import Contact, Document, Event, Matter, User

#: Fields whose values are ids of other records, and where to find their names.
REFERENCES: dict[str, tuple[Any, Any]] = {
    "contact_id": (Contact, Contact.name),
    "client_id": (Contact, Contact.name),
    "matter_id": (Matter, Matter.number),
    "responsible_id": (User, User.username),
    "case_manager_id": (User, User.username),
    "assignee_id": (User, User.username),
    "user_id": (User, User.username),
    "document_id": (Document, Document.title),
    "event_id": (Event, Event.title),
}
#: The field that names a record in a history line, by entity.
NAME_FIELDS = {"contact": "name", "matter": "number", "party": "contact_id", "event": "title",
               "deadline": "title", "task": "title", "note": "body", "document": "title",
               "correspondence": "subject", "user": "username", "attendee": "user_id",
               "document_version": "filename"}


@dataclass(frozen=True)
class Change:
    ts: str
    user: str
    device_id: str
    entity: str
    entity_id: str
    op: str
    record: str  # e.g. "Acme Corp" for a party, the title of an event
    field: str  # "" for a record-level line
    old: str
    new: str


class _Names:
    """Resolves ids to names with one query per referenced table."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.cache: dict[str, dict[str, str]] = {}

    def load(self, field: str, ids: set[str]) -> None:
        model, column = REFERENCES[field]
        table = model.__tablename__
        known = self.cache.setdefault(table, {})
        wanted = sorted(i for i in ids if i and i not in known)
        for n in range(0, len(wanted), 500):
            chunk = wanted[n : n + 500]
            known.update(self.session.execute(select(model.id, column).where(
                model.id.in_(chunk))).all())

    def name(self, field: str, value: str) -> str:
        model, _ = REFERENCES[field]
        return self.cache.get(model.__tablename__, {}).get(value, value)


def _display(field: str, value: str | None, names: _Names, tz: ZoneInfo) -> str:
    if value is None or value == "":
        return ""
    if field in REFERENCES:
        return names.name(field, value)
    if value in ("true", "false"):
        return "yes" if value == "true" else "no"
    if value.startswith("[") and value.endswith("]"):
        try:
            items = json.loads(value)
            if isinstance(items, list):
                return ", ".join(str(x) for x in items)
        except ValueError:
            pass
    if len(value) >= 25 and value[4] == "-" and value[10] == "T" and value.endswith("+00:00"):
        try:
            return datetime.fromisoformat(value).astimezone(tz).strftime("%Y-%m-%d %H:%M")
        except ValueError:
            pass
    return value


def _expand(row: Any, ring: personal.Keyring) -> list[tuple[str, str | None, str | None]]:
    """One (field, old, new) per field, personal values decrypted (or "[erased]")."""
    old, new = personal.open_row(ring, row.entity, row.entity_id, row.field, row.op, row.old,
                                 row.new)
    if row.field != WHOLE_RECORD:
        return [(row.field or "", old, new)]
    blob = new if row.op == "insert" else old
    try:
        fields = json.loads(blob) if blob else {}
    except ValueError:
        return [("", old, new)]
    return [(k, None, v) if row.op == "insert" else (k, v, None) for k, v in sorted(fields.items())]


def describe(session: Session, rows: Iterable[Any], tz: str = "UTC") -> list[Change]:
    """Human-readable lines for audit rows (objects with ts, user, device_id, entity,
    entity_id, op, field, old, new), in the order given."""
    zone = ZoneInfo(tz)
    rows = list(rows)
    ring = personal.Keyring(session)
    expanded = [(r, _expand(r, ring)) for r in rows]
    names = _Names(session)
    wanted: dict[str, set[str]] = {}
    for _r, lines in expanded:
        for field, old, new in lines:
            if field in REFERENCES:
                wanted.setdefault(field, set()).update(v for v in (old, new) if v)
    # the names of the records themselves (current values, or what the insert recorded)
    record_names: dict[str, str] = {}
    for r, lines in expanded:
        key = NAME_FIELDS.get(r.entity)
        for field, old, new in lines:
            if field == key and (new or old):
                record_names.setdefault(r.entity_id, new or old or "")
                if key in REFERENCES:
                    wanted.setdefault(key, set()).add(new or old or "")
    for field, ids in wanted.items():
        names.load(field, ids)
    out = []
    for r, lines in expanded:
        key = NAME_FIELDS.get(r.entity, "")
        label = record_names.get(r.entity_id, "")
        if key in REFERENCES and label:
            label = names.name(key, label)
        label = label.replace("\n", " ")[:80]
        for field, old, new in lines:
            out.append(Change(r.ts, r.user, r.device_id, r.entity, r.entity_id, r.op, label,
                              field, _display(field, old, names, zone),
                              _display(field, new, names, zone)))
    return out
