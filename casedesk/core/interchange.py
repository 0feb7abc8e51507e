"""The casedesk interchange format (version 1): import and export of clients, matters, events
and deadlines as JSON, and of contacts as CSV.

Import is idempotent: records are matched by the sender's ``id`` (kept as ``import_key``, or a
record's own id when it was created in casedesk), so importing the same data twice changes
nothing and a changed record is updated in place (and audited).  A JSON record is the record's
whole state: an optional field it leaves out is cleared.  A CSV row sets only the columns the file
has.  The whole import is one transaction: any error writes nothing, and the message names the
record, the field and the problem.
"""

from __future__ import annotations

import csv
import functools
import io
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from casedesk.core import audit
from casedesk.core import validate as v
from casedesk.core.casefile import CaseFile
from casedesk.core.errors import ImportDataError, ValidationError
from casedesk.core.models import (
    Contact,
    ContactKind,
    Deadline,
    DeadlineStatus,
    Event,
    EventAttendee,
    EventKind,
    Firm,
    Matter,
    MatterParty,
    MatterStatus,
    PartyRole,
    User,
)
from casedesk.core.perf import gc_paused
from casedesk.core.permissions import Right
from casedesk.core.services.calendar import to_utc
from casedesk.core.services.common import assign

FORMAT, VERSION = "casedesk", 1
SECTIONS = ("clients", "matters", "events", "deadlines")
CLIENT_FIELDS = {"id", "kind", "name", "email", "emails", "phone", "phones", "address",
                 "addresses", "salutation", "language", "notes"}
MATTER_FIELDS = {"id", "client", "number", "title", "practice_area", "status", "court",
                 "case_number", "judge", "responsible", "case_manager", "description", "opened",
                 "closed", "archived", "parties"}
PARTY_FIELDS = {"id", "client", "name", "kind", "role", "email", "phone", "notes"}
EVENT_FIELDS = {"id", "matter", "kind", "title", "start", "end", "timezone", "all_day",
                "location", "attendees", "notes"}
DEADLINE_FIELDS = {"id", "matter", "title", "due", "reminders_days", "status", "rule", "notes",
                   "assignee"}
PLURAL = {"email": "emails", "phone": "phones", "address": "addresses"}
CSV_COLUMNS = {"id", "kind", "name", "email", "phone", "address", "salutation", "language",
               "notes"}


@dataclass
class ImportReport:
    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)

    def summary(self) -> str:
        parts = []
        for section in ("clients", "contacts", "matters", "events", "deadlines"):
            c, u, n = self.created[section], self.updated[section], self.unchanged[section]
            if c or u or n:
                parts.append(f"{section}: {c} created, {u} updated, {n} unchanged")
        return "; ".join(parts) if parts else "nothing to import"


# -- reading files ---------------------------------------------------------------------------------


@gc_paused()
def read_file(path: Path) -> dict[str, Any]:
    """Read a .json interchange file or a .csv of contacts into an interchange document."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ImportDataError(f"There is no file at {path}.") from None
    except OSError as exc:
        raise ImportDataError(f"{path} cannot be read ({exc.strerror}).") from None
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return parse_csv(raw, path.name)
    if suffix != ".json":
        raise ImportDataError(f"{path.name}: casedesk imports .json or .csv files.")
    try:
        doc = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ImportDataError(f"{path.name} is not UTF-8 text.") from None
    except json.JSONDecodeError as exc:
        raise ImportDataError(
            f"{path.name} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}."
        ) from None
    return doc


def parse_csv(raw: bytes, name: str = "CSV") -> dict[str, Any]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportDataError(f"{name} is not UTF-8 text (save it as CSV UTF-8).") from None
    reader = csv.reader(io.StringIO(text))
    header = [h.strip().lower() for h in next(reader, [])]
    if not header:
        raise ImportDataError(f"{name} is empty: the first line must name the columns.")
    unknown = [h for h in header if h not in CSV_COLUMNS]
    if unknown:
        raise ImportDataError(
            f"{name}: unknown column '{unknown[0]}' (columns: {', '.join(sorted(CSV_COLUMNS))})."
        )
    for required in ("id", "name"):
        if required not in header:
            raise ImportDataError(f"{name}: the column '{required}' is required.")
    plan = [(i, PLURAL.get(key, key), key in PLURAL) for i, key in enumerate(header)]
    width = len(header)
    clients = []
    for row in reader:
        if not row:
            continue  # a blank line
        if len(row) != width:
            if len(row) > width:
                raise ImportDataError(f"{name} line {reader.line_num}: more values than columns.")
            row += [""] * (width - len(row))
        rec: dict[str, Any] = {"_line": reader.line_num, "_partial": True}
        for i, key, many in plan:
            value = row[i]
            if many:
                rec[key] = [p for p in map(str.strip, value.split(";")) if p] if value else []
            else:
                rec[key] = value.strip() or None
        clients.append(rec)
    return {"format": FORMAT, "version": VERSION, "clients": clients}


# -- validation (no database) ---------------------------------------------------------------------


def _place(section: str, index: int, rec: Any) -> str:
    if isinstance(rec, dict) and "_line" in rec:
        return f"{section} line {rec['_line']}"
    rid = rec.get("id") if isinstance(rec, dict) else None
    return f"{section}[{index}]" + (f" (id '{rid}')" if isinstance(rid, str) and rid else "")


class _Checker:
    def __init__(self, section: str, index: int, rec: Any, allowed: set[str]) -> None:
        self.place = _place(section, index, rec)
        if not isinstance(rec, dict):
            raise ImportDataError(f"{self.place}: each record must be a JSON object.")
        extra = [k for k in rec if k not in allowed and not k.startswith("_")]
        if extra:
            raise ImportDataError(f"{self.place}: unknown field '{extra[0]}'.")
        self.rec = rec

    def __call__(self, fn: Any, key: str, *args: Any, **kw: Any) -> Any:
        try:
            return fn(self.rec.get(key), key, *args, **kw)
        except ValidationError as exc:
            raise ImportDataError(f"{self.place}: field '{key}': {exc.message}") from None

    def fail(self, key: str, problem: str) -> ImportDataError:
        return ImportDataError(f"{self.place}: field '{key}': {problem}")


def _choice(value: Any, field: str, kind: Any, **kw: Any) -> str:
    return v.choice(value, kind, field, **kw)


def _key(c: _Checker) -> str:
    key = c(v.text, "id", required=True, max_len=200)
    assert key is not None
    return key


@gc_paused()
def check_document(doc: Any) -> dict[str, list[dict[str, Any]]]:
    """Validate a whole document; returns cleaned records per section (raises on the first
    problem, naming it)."""
    if not isinstance(doc, dict):
        raise ImportDataError("The import data must be a JSON object.")
    if doc.get("format") != FORMAT:
        raise ImportDataError("The import data is not in casedesk format ('format' must be "
                              "\"casedesk\").")
    if doc.get("version") != VERSION:
        raise ImportDataError(f"Interchange version {doc.get('version')!r} is not supported "
                              f"(this casedesk reads version {VERSION}).")
    unknown = [k for k in doc if k not in (*SECTIONS, "format", "version")]
    if unknown:
        raise ImportDataError(f"Unknown section '{unknown[0]}' (sections: {', '.join(SECTIONS)}).")
    out: dict[str, list[dict[str, Any]]] = {}
    for section, checker in (("clients", _check_client), ("matters", _check_matter),
                             ("events", _check_event), ("deadlines", _check_deadline)):
        records = doc.get(section, [])
        if not isinstance(records, list):
            raise ImportDataError(f"Section '{section}' must be a list.")
        cleaned, seen = [], {}
        for i, rec in enumerate(records):
            item = checker(section, i, rec)
            if item["key"] in seen:
                raise ImportDataError(f"{item['place']}: duplicate id '{item['key']}' "
                                      f"(also {seen[item['key']]}).")
            seen[item["key"]] = item["place"]
            cleaned.append(item)
        out[section] = cleaned
    numbers: dict[str, str] = {}
    for m in out["matters"]:
        if m["number"] in numbers:
            raise ImportDataError(f"{m['place']}: field 'number': '{m['number']}' is also used "
                                  f"by {numbers[m['number']]}.")
        numbers[m["number"]] = m["place"]
    return out


def _merged(rec: dict[str, Any], one: str, many: str, fn: Any) -> list[str]:
    out = fn(rec.get(many), many)
    if rec.get(one) is not None:
        out = out + [x for x in fn(rec.get(one), one) if x not in out]
    return out


def _client_list(rec: dict[str, Any], one: str, many: str, fn: Any) -> list[str]:
    """``_merged`` for a client's emails, phones or addresses, quick for the usual record: a
    list that is already what :func:`validate.string_list` makes of it (distinct, stripped,
    non-empty strings), as every list read from a CSV file is."""
    value = rec.get(many)
    if type(value) is list and rec.get(one) is None:
        for x in value:
            if type(x) is not str or not x or x.strip() != x:
                break
            if fn is v.email_list and ("@" not in x or x[0] == "@" or x[-1] == "@" or " " in x):
                break
        else:
            if len(value) < 2 or len(set(value)) == len(value):
                return list(value)
    return _merged(rec, one, many, fn)


@functools.lru_cache(maxsize=256)
def _client_shape(keys: tuple[str, ...]) -> tuple[str | None, frozenset[str]]:
    """For a client record with these keys: its first unknown field (or None), and the fields
    it sets (what a CSV row, which sets only its columns, changes)."""
    extra = [k for k in keys if k not in CLIENT_FIELDS and not k.startswith("_")]
    present = {k for k in keys if not k.startswith("_")}
    present |= {many for one, many in PLURAL.items() if one in keys or many in keys}
    fields = frozenset(k for k in ("name", "kind", "emails", "phones", "addresses", "salutation",
                                   "language", "notes") if k in present)
    return (extra[0] if extra else None), fields


_PERSON = ContactKind.PERSON.value
_CONTACT_KINDS = frozenset(k.value for k in ContactKind)


def _check_client(section: str, i: int, rec: Any) -> dict[str, Any]:
    # The hot path of a large import: validated with direct calls, the place named on error.
    if not isinstance(rec, dict):
        raise ImportDataError(f"{_place(section, i, rec)}: each record must be a JSON object.")
    unknown, fields = _client_shape(tuple(rec))
    if unknown is not None:
        raise ImportDataError(f"{_place(section, i, rec)}: unknown field '{unknown}'.")
    get = rec.get
    kind = get("kind")
    try:
        item: dict[str, Any] = {
            "key": v.text(get("id"), "id", required=True, max_len=200),
            "partial": get("_partial", False),
            "name": v.text(get("name"), "name", required=True, max_len=300),
            "kind": (_PERSON if kind is None or kind == "" else
                     kind if type(kind) is str and kind in _CONTACT_KINDS else
                     v.choice(kind, ContactKind, "kind")),
            "emails": _client_list(rec, "email", "emails", v.email_list),
            "phones": _client_list(rec, "phone", "phones", v.string_list),
            "addresses": _client_list(rec, "address", "addresses", v.string_list),
            "salutation": v.text(get("salutation"), "salutation", max_len=200),
            "language": v.text(get("language"), "language", max_len=200),
            "notes": v.text(get("notes"), "notes", max_len=1_000_000),
        }
    except ValidationError as exc:
        raise ImportDataError(
            f"{_place(section, i, rec)}: field '{exc.field}': {exc.message}") from None
    item["place"] = _place(section, i, rec)
    if item["partial"]:
        item["fields"] = fields
    return item


def _check_party(place: str, j: int, rec: Any) -> dict[str, Any]:
    c = _Checker(f"{place}: parties", j, rec, PARTY_FIELDS)
    item: dict[str, Any] = {"place": c.place}
    item["role"] = c(_choice, "role", PartyRole)
    item["client"] = c(v.text, "client")
    item["id"] = c(v.text, "id", max_len=200)
    item["name"] = c(v.text, "name", max_len=300)
    item["kind"] = c(_choice, "kind", ContactKind, default=ContactKind.PERSON)
    item["emails"] = c(v.email_list, "email")
    item["phones"] = c(v.string_list, "phone")
    item["notes"] = c(v.text, "notes")
    if item["client"] is None and item["name"] is None:
        raise c.fail("name", "a party needs a 'name' (or 'client', the id of a client).")
    return item


def _check_matter(section: str, i: int, rec: Any) -> dict[str, Any]:
    c = _Checker(section, i, rec, MATTER_FIELDS)
    item: dict[str, Any] = {"place": c.place, "key": _key(c)}
    item["client"] = c(v.text, "client", required=True)
    item["number"] = c(v.text, "number", required=True, max_len=50)
    item["title"] = c(v.text, "title", required=True, max_len=500)
    item["practice_area"] = c(v.text, "practice_area") or "other"
    item["status"] = c(_choice, "status", MatterStatus, default=MatterStatus.OPEN)
    for k in ("court", "case_number", "judge"):
        item[k] = c(v.text, k, max_len=300)
    item["description"] = c(v.text, "description", max_len=1_000_000)
    item["responsible"] = c(v.text, "responsible")
    item["case_manager"] = c(v.text, "case_manager")
    for k in ("opened", "closed", "archived"):
        item[k] = c(v.parse_date, k)
    parties = rec.get("parties")
    if parties is not None and not isinstance(parties, list):
        raise c.fail("parties", "must be a list.")
    item["parties"] = None if parties is None else [
        _check_party(c.place, j, p) for j, p in enumerate(parties)
    ]
    return item


def _check_event(section: str, i: int, rec: Any) -> dict[str, Any]:
    c = _Checker(section, i, rec, EVENT_FIELDS)
    item: dict[str, Any] = {"place": c.place, "key": _key(c)}
    item["title"] = c(v.text, "title", required=True, max_len=500)
    item["matter"] = c(v.text, "matter")
    item["kind"] = c(_choice, "kind", EventKind, default=EventKind.OTHER)
    item["all_day"] = c(v.boolean, "all_day") if "all_day" in rec else False
    item["timezone"] = c(v.timezone, "timezone") if rec.get("timezone") else None
    if rec.get("start") in (None, ""):
        raise c.fail("start", "is required.")
    if item["all_day"]:
        item["start"] = c(v.parse_date, "start")
        item["end"] = c(v.parse_date, "end")
    else:
        item["start"] = c(v.parse_local_datetime, "start")
        item["end"] = c(v.parse_local_datetime, "end") if rec.get("end") else None
        if item["end"] is not None and item["end"] < item["start"]:
            raise c.fail("end", "the event ends before it starts.")
    item["location"] = c(v.text, "location", max_len=300)
    item["notes"] = c(v.text, "notes")
    item["attendees"] = c(v.string_list, "attendees")
    return item


def _check_deadline(section: str, i: int, rec: Any) -> dict[str, Any]:
    c = _Checker(section, i, rec, DEADLINE_FIELDS)
    item: dict[str, Any] = {"place": c.place, "key": _key(c)}
    item["title"] = c(v.text, "title", required=True, max_len=500)
    item["matter"] = c(v.text, "matter")
    if rec.get("due") in (None, ""):
        raise c.fail("due", "is required.")
    item["due"] = c(v.parse_date, "due")
    item["reminders_days"] = (c(v.int_list, "reminders_days") if "reminders_days" in rec
                              else [7, 1])
    item["status"] = c(_choice, "status", DeadlineStatus, default=DeadlineStatus.OPEN)
    item["rule"] = c(v.text, "rule")
    item["notes"] = c(v.text, "notes")
    item["assignee"] = c(v.text, "assignee")
    return item


# -- applying ------------------------------------------------------------------------------------


def _chunks(items: list[str], n: int = 500) -> Iterable[list[str]]:
    for i in range(0, len(items), n):
        yield items[i : i + n]


def _existing(s: Session, model: Any, keys: list[str]) -> dict[str, Any]:
    """Existing rows by the sender's key: import_key first, then the row's own id."""
    found: dict[str, Any] = {}
    for chunk in _chunks(sorted(set(keys))):
        for obj in s.scalars(select(model).where(or_(model.import_key.in_(chunk),
                                                     model.id.in_(chunk)))):
            if obj.import_key in chunk:
                found[obj.import_key] = obj
            elif obj.id in chunk:
                found.setdefault(obj.id, obj)
    return found


def _refuse_walled(s: Session, items: list[dict[str, Any]]) -> None:
    """A matter of the file that is behind an ethical wall the importing user is outside of
    cannot be created or changed by them (nothing is imported; the message names no more than
    the file already does)."""
    from casedesk.core import walls

    hidden = walls.session_state(s).hidden
    if not hidden:
        return
    for chunk in _chunks([it["key"] for it in items]):
        for mid, key in s.execute(select(Matter.id, Matter.import_key).where(
                or_(Matter.import_key.in_(chunk), Matter.id.in_(chunk))),
                execution_options={walls.INCLUDE_WALLED: True}):
            if mid in hidden:
                place = next(it["place"] for it in items if it["key"] in (key, mid))
                raise ImportDataError(
                    f"{place}: this matter is behind an ethical wall you are outside of; "
                    "nothing was imported (ask an administrator).")


def _existing_ids(s: Session, model: Any, keys: list[str]) -> dict[str, str]:
    """The ids of existing rows by the sender's key: import_key first, then the row's own id.
    Two indexed lookups per key through the DB-API cursor: a large import asks about tens of
    thousands of keys, most of them new."""
    table = model.__tablename__
    found: dict[str, str] = {}
    by_id: dict[str, str] = {}
    cursor = s.connection().connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        for chunk in _chunks(sorted(set(keys))):
            marks = ", ".join("?" * len(chunk))
            cursor.execute(f"SELECT import_key, id FROM {table} WHERE import_key IN ({marks})",
                           chunk)
            found.update(cursor.fetchall())
            cursor.execute(f"SELECT id, id FROM {table} WHERE id IN ({marks})", chunk)
            by_id.update(cursor.fetchall())
    finally:
        cursor.close()
    for key, row_id in by_id.items():
        found.setdefault(key, row_id)
    return found


def _existing_rows(s: Session, model: Any, keys: list[str],
                   columns: tuple[str, ...]) -> dict[str, dict[str, Any]]:
    """Like :func:`_existing` but as plain dicts of ``columns`` (plus id and import_key)."""
    ids = _existing_ids(s, model, keys)
    if not ids:
        return {}
    table = model.__table__
    cols = [table.c.id, table.c.import_key, *(table.c[c] for c in columns)]
    by_id: dict[str, dict[str, Any]] = {}
    for chunk in _chunks(sorted(set(ids.values()))):
        for row in s.execute(select(*cols).where(table.c.id.in_(chunk))):
            by_id[row.id] = row._asdict()
    return {key: by_id[row_id] for key, row_id in ids.items()}


class _Ref(NamedTuple):
    """A record written by a bulk insert: only its id is needed afterwards."""

    id: str


CLIENT_COLUMNS = ("name", "kind", "emails", "phones", "addresses", "salutation", "language",
                  "notes", "is_client")


class _Apply:
    def __init__(self, s: Session, report: ImportReport) -> None:
        self.s, self.report = s, report
        self.users = dict(s.execute(select(User.username, User.id)).all())
        firm = s.scalars(select(Firm)).one()
        self.tz = firm.timezone
        self.areas = set(firm.practice_areas)
        self.clients: dict[str, Any] = {}
        self.matters: dict[str, Matter] = {}
        self.outcome: dict[int, str] = {}

    def user(self, name: str | None, place: str, fieldname: str) -> str | None:
        if name is None:
            return None
        uid = self.users.get(name.lower())
        if uid is None:
            raise ImportDataError(f"{place}: field '{fieldname}': there is no user named "
                                  f"'{name}'.")
        return uid

    def upsert(self, section: str, obj: Any, model: Any, key: str, values: dict[str, Any]) -> Any:
        if obj is None:
            obj = model(import_key=key, **values)
            self.s.add(obj)
            self.report.created[section] += 1
            self.outcome[id(obj)] = "created"
        elif assign(obj, values):
            self.report.updated[section] += 1
            self.outcome[id(obj)] = "updated"
        else:
            self.report.unchanged[section] += 1
            self.outcome[id(obj)] = "unchanged"
        return obj

    def touched(self, section: str, obj: Any) -> None:
        """A record whose own fields were unchanged but whose children (parties, attendees)
        changed counts as updated."""
        if self.outcome.get(id(obj)) == "unchanged":
            self.report.unchanged[section] -= 1
            self.report.updated[section] += 1
            self.outcome[id(obj)] = "updated"

    def clients_(self, items: list[dict[str, Any]]) -> None:
        # Compare against plain rows; ORM objects are loaded only for records that changed.
        existing = _existing_rows(self.s, Contact, [i["key"] for i in items], CLIENT_COLUMNS)
        new_rows: list[dict[str, Any]] = []
        changed: dict[str, dict[str, Any]] = {}
        for it in items:
            found = existing.get(it["key"])
            if found is None:
                # New clients go in one audited bulk insert, the checked record as it is (the
                # insert takes the columns it knows).  A CSV row's missing columns hold what
                # a new contact gets anyway: no text, no lists, a person.
                it["is_client"], it["import_key"] = True, it["key"]
                new_rows.append(it)
                continue
            values = {k: it[k] for k in CLIENT_COLUMNS if k != "is_client"}
            if it["partial"]:
                values = {k: val for k, val in values.items() if k in it["fields"]}
            values["is_client"] = True
            self.clients[it["key"]] = _Ref(found["id"])
            if any(found[k] != val for k, val in values.items()):
                changed[found["id"]] = values
            else:
                self.report.unchanged["clients"] += 1
        for chunk in _chunks(sorted(changed)):
            for obj in self.s.scalars(select(Contact).where(Contact.id.in_(chunk))):
                assign(obj, changed[obj.id])
                self.report.updated["clients"] += 1
        if new_rows:
            ids = audit.bulk_insert(self.s, Contact, new_rows)
            self.report.created["clients"] += len(new_rows)
            for it, row_id in zip(new_rows, ids, strict=True):
                self.clients[it["key"]] = _Ref(row_id)

    def client_ref(self, ref: str, place: str, fieldname: str) -> Contact:
        if ref in self.clients:
            return self.clients[ref]
        found = _existing(self.s, Contact, [ref]).get(ref)
        if found is None:
            raise ImportDataError(f"{place}: field '{fieldname}': there is no client with id "
                                  f"'{ref}'.")
        self.clients[ref] = found
        return found

    def matters_(self, items: list[dict[str, Any]]) -> None:
        _refuse_walled(self.s, items)
        existing = _existing(self.s, Matter, [i["key"] for i in items])
        numbers = {n: mid for n, mid in self.s.execute(
            select(Matter.number, Matter.id).where(Matter.number.in_([i["number"] for i in items]))
        )} if len(items) < 30_000 else dict(
            self.s.execute(select(Matter.number, Matter.id)).all())
        for it in items:
            place = it["place"]
            if it["practice_area"] not in self.areas:
                raise ImportDataError(
                    f"{place}: field 'practice_area': '{it['practice_area']}' is not one of the "
                    f"firm's practice areas ({', '.join(sorted(self.areas))})."
                )
            obj = existing.get(it["key"])
            holder = numbers.get(it["number"])
            if holder is not None and (obj is None or holder != obj.id):
                raise ImportDataError(f"{place}: field 'number': '{it['number']}' is already "
                                      "used by another matter in this firm.")
            values = {
                "client_id": self.client_ref(it["client"], place, "client").id,
                "number": it["number"], "title": it["title"],
                "practice_area": it["practice_area"], "status": it["status"],
                "court": it["court"], "case_number": it["case_number"], "judge": it["judge"],
                "description": it["description"],
                "responsible_id": self.user(it["responsible"], place, "responsible"),
                "case_manager_id": self.user(it["case_manager"], place, "case_manager"),
                "opened_on": it["opened"], "closed_on": it["closed"],
                "archived_on": it["archived"],
            }
            matter = self.upsert("matters", obj, Matter, it["key"], values)
            self.matters[it["key"]] = matter
            if it["parties"] is not None:
                self.s.flush()
                if self.parties(matter, it["parties"]):
                    self.touched("matters", matter)

    def parties(self, matter: Matter, items: list[dict[str, Any]]) -> bool:
        wanted: list[tuple[str, str, str | None]] = []
        for p in items:
            if p["client"] is not None:
                contact = self.client_ref(p["client"], p["place"], "client")
            else:
                contact = self.party_contact(p)
            self.s.flush()
            if (contact.id, p["role"]) not in [(w[0], w[1]) for w in wanted]:
                wanted.append((contact.id, p["role"], p["notes"]))
        current = {(mp.contact_id, mp.role): mp for mp in matter.parties}
        changed = False
        for key, mp in current.items():
            if key not in [(w[0], w[1]) for w in wanted]:
                matter.parties.remove(mp)
                changed = True
        for cid, role, notes in wanted:
            mp = current.get((cid, role))
            if mp is None:
                matter.parties.append(MatterParty(contact_id=cid, role=role, notes=notes))
                changed = True
            elif mp.notes != notes:
                mp.notes = notes
                changed = True
        return changed

    def party_contact(self, p: dict[str, Any]) -> Contact:
        values = {"name": p["name"], "kind": p["kind"], "emails": p["emails"],
                  "phones": p["phones"]}
        if p["id"] is not None:
            found = _existing(self.s, Contact, [p["id"]]).get(p["id"])
            if found is None:
                return self.upsert("contacts", None, Contact, p["id"], values)
            if p["name"] is not None:
                self.upsert("contacts", found, Contact, p["id"], values)
            return found
        found = self.s.scalars(select(Contact).where(
            Contact.name == p["name"], Contact.kind == p["kind"], Contact.is_client.is_(False)
        ).limit(1)).first()
        if found is not None:
            self.report.unchanged["contacts"] += 1
            return found
        contact = Contact(**values)
        self.s.add(contact)
        self.report.created["contacts"] += 1
        return contact

    def matter_ref(self, ref: str | None, place: str) -> str | None:
        if ref is None:
            return None
        m = self.matters.get(ref) or _existing(self.s, Matter, [ref]).get(ref)
        if m is None:
            raise ImportDataError(f"{place}: field 'matter': there is no matter with id '{ref}'.")
        self.matters[ref] = m
        return m.id

    def events_(self, items: list[dict[str, Any]]) -> None:
        self.s.flush()
        existing = _existing(self.s, Event, [i["key"] for i in items])
        for it in items:
            tz = it["timezone"] or self.tz
            if it["all_day"]:
                starts = to_utc(datetime.combine(it["start"], time()), tz)
                ends = to_utc(datetime.combine(it["end"], time()), tz) if it["end"] else None
            else:
                starts = to_utc(it["start"], tz)
                ends = to_utc(it["end"], tz) if it["end"] else None
            values = {"title": it["title"], "kind": it["kind"], "starts_at": starts,
                      "ends_at": ends, "timezone": tz, "all_day": it["all_day"],
                      "location": it["location"], "notes": it["notes"],
                      "matter_id": self.matter_ref(it["matter"], it["place"])}
            attendees = [self.user(a, it["place"], "attendees") for a in it["attendees"]]
            event = self.upsert("events", existing.get(it["key"]), Event, it["key"], values)
            have = {a.user_id: a for a in event.attendees}
            changed = False
            for uid, att in have.items():
                if uid not in attendees:
                    event.attendees.remove(att)
                    changed = True
            for uid in attendees:
                if uid not in have:
                    event.attendees.append(EventAttendee(user_id=uid))
                    changed = True
            if changed:
                self.touched("events", event)

    def deadlines_(self, items: list[dict[str, Any]]) -> None:
        self.s.flush()
        existing = _existing(self.s, Deadline, [i["key"] for i in items])
        for it in items:
            values = {"title": it["title"], "due": it["due"],
                      "reminders_days": it["reminders_days"], "status": it["status"],
                      "rule": it["rule"], "notes": it["notes"],
                      "assignee_id": self.user(it["assignee"], it["place"], "assignee"),
                      "matter_id": self.matter_ref(it["matter"], it["place"])}
            self.upsert("deadlines", existing.get(it["key"]), Deadline, it["key"], values)


@gc_paused()
def import_document(cf: CaseFile, doc: Any,
                    cleaned: dict[str, list[dict[str, Any]]] | None = None) -> ImportReport:
    """Validate (unless ``cleaned`` is the result of :func:`check_document` on ``doc``) and
    apply a whole interchange document in one transaction."""
    cf.require(Right.EDIT, "import data")
    if cleaned is None:
        cleaned = check_document(doc)
    report = ImportReport()
    with cf.write() as s:
        ap = _Apply(s, report)
        ap.clients_(cleaned["clients"])
        s.flush()
        ap.matters_(cleaned["matters"])
        ap.events_(cleaned["events"])
        ap.deadlines_(cleaned["deadlines"])
    names = sum(report.created[k] + report.updated[k] for k in ("clients", "contacts"))
    if names >= BIG_IMPORT:
        _prepare_conflict_index(cf)
    return report


#: From this many new or changed names on, an import prepares the conflict index at once, so
#: the next conflict check finds it ready (see :func:`casedesk.core.conflicts.prepare_index`).
BIG_IMPORT = 5_000


def _prepare_conflict_index(cf: CaseFile) -> None:
    import contextlib

    from casedesk.core import conflicts
    from casedesk.core.errors import CasedeskError

    with contextlib.suppress(CasedeskError):  # busy or read-only: the first check builds it
        conflicts.prepare_index(cf)


# -- export --------------------------------------------------------------------------------------


def _key_of(obj: Any) -> str:
    return obj.import_key or obj.id


def _put(rec: dict[str, Any], key: str, value: Any) -> None:
    if value is None or value == [] or value == "":
        return
    rec[key] = value


def _put_list(rec: dict[str, Any], one: str, many: str, values: list[str]) -> None:
    if len(values) == 1:
        rec[one] = values[0]
    elif values:
        rec[many] = values


def _local(dt: datetime, tz: str, all_day: bool) -> str:
    local = dt.astimezone(ZoneInfo(tz))
    return local.date().isoformat() if all_day else local.replace(tzinfo=None).isoformat()


def export_document(cf: CaseFile) -> dict[str, Any]:
    """The whole firm's clients, matters, events and deadlines, in a stable order."""
    cf.require(Right.EXPORT, "export data")
    with cf.read() as s:
        users = dict(s.execute(select(User.id, User.username)).all())
        contacts = {c.id: c for c in s.scalars(select(Contact))}
        clients = sorted((c for c in contacts.values() if c.is_client), key=_key_of)
        doc: dict[str, Any] = {"format": FORMAT, "version": VERSION, "clients": [],
                               "matters": [], "events": [], "deadlines": []}
        for c in clients:
            rec: dict[str, Any] = {"id": _key_of(c), "kind": c.kind, "name": c.name}
            _put_list(rec, "email", "emails", c.emails or [])
            _put_list(rec, "phone", "phones", c.phones or [])
            _put_list(rec, "address", "addresses", c.addresses or [])
            for k in ("salutation", "language", "notes"):
                _put(rec, k, getattr(c, k))
            doc["clients"].append(rec)
        parties: dict[str, list[MatterParty]] = {}
        for mp in s.scalars(select(MatterParty)):
            parties.setdefault(mp.matter_id, []).append(mp)
        matters = {m.id: m for m in s.scalars(select(Matter))}
        for m in sorted(matters.values(), key=lambda m: (m.number, _key_of(m))):
            rec = {"id": _key_of(m), "client": _key_of(contacts[m.client_id]),
                   "number": m.number, "title": m.title, "practice_area": m.practice_area,
                   "status": m.status}
            for k in ("court", "case_number", "judge", "description"):
                _put(rec, k, getattr(m, k))
            _put(rec, "responsible", users.get(m.responsible_id or ""))
            _put(rec, "case_manager", users.get(m.case_manager_id or ""))
            for k, attr in (("opened", "opened_on"), ("closed", "closed_on"),
                            ("archived", "archived_on")):
                d: date | None = getattr(m, attr)
                _put(rec, k, d.isoformat() if d else None)
            plist = []
            for mp in sorted(parties.get(m.id, []),
                             key=lambda p: (p.role, contacts[p.contact_id].name,
                                            _key_of(contacts[p.contact_id]))):
                pc = contacts[mp.contact_id]
                if pc.is_client:
                    prec: dict[str, Any] = {"client": _key_of(pc), "role": mp.role}
                else:
                    prec = {"id": _key_of(pc), "name": pc.name, "kind": pc.kind,
                            "role": mp.role}
                    _put(prec, "email", pc.emails[:1] if pc.emails else None)
                    _put(prec, "phone", pc.phones[:1] if pc.phones else None)
                _put(prec, "notes", mp.notes)
                plist.append(prec)
            _put(rec, "parties", plist)
            doc["matters"].append(rec)
        atts: dict[str, list[str]] = {}
        for ev_id, uid in s.execute(select(EventAttendee.event_id, EventAttendee.user_id)):
            atts.setdefault(ev_id, []).append(users[uid])
        for e in sorted(s.scalars(select(Event)), key=lambda e: (e.starts_at, _key_of(e))):
            rec = {"id": _key_of(e)}
            _put(rec, "matter", _key_of(matters[e.matter_id]) if e.matter_id else None)
            rec.update({"kind": e.kind, "title": e.title,
                        "start": _local(e.starts_at, e.timezone, e.all_day)})
            _put(rec, "end", _local(e.ends_at, e.timezone, e.all_day) if e.ends_at else None)
            rec["timezone"] = e.timezone
            if e.all_day:
                rec["all_day"] = True
            _put(rec, "location", e.location)
            _put(rec, "attendees", sorted(atts.get(e.id, [])))
            _put(rec, "notes", e.notes)
            doc["events"].append(rec)
        for d in sorted(s.scalars(select(Deadline)), key=lambda d: (d.due, _key_of(d))):
            rec = {"id": _key_of(d)}
            _put(rec, "matter", _key_of(matters[d.matter_id]) if d.matter_id else None)
            rec.update({"title": d.title, "due": d.due.isoformat(),
                        "reminders_days": list(d.reminders_days or []), "status": d.status})
            for k in ("rule", "notes"):
                _put(rec, k, getattr(d, k))
            _put(rec, "assignee", users.get(d.assignee_id or ""))
            doc["deadlines"].append(rec)
    return doc


def dumps(doc: dict[str, Any]) -> str:
    """UTF-8 JSON with non-ASCII characters written as themselves."""
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
