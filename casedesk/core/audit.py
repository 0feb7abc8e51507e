"""Every change tracked: the flush hooks that stamp and audit every write.

Writes happen in ORM sessions opened by :meth:`casedesk.core.casefile.CaseFile.write`, which put
an :class:`Actor` in ``session.info``.  Before each flush the hook gives new rows their UUIDv7 id,
timestamps, device id and revision, and bumps the revision of changed rows; after the flush it
appends one audit row per changed field (who, when, device, entity, id, field, old → new) and
keeps the full-text index in step.  A session without an actor cannot flush: a write that does not
go through the core fails loudly instead of going unaudited.

An insert or a delete is one audit row holding the whole record (``field`` is ``"*"`` and the
value is a JSON object of the record's fields); an update is one row per changed field, old → new.

The audit table is append-only (database triggers refuse UPDATE and DELETE) and hash-chained per
originating device: each row carries the SHA-256 of the previous row written by the same device,
so chains from several devices can be replicated in any order and still verify.
"""

from __future__ import annotations

import enum
import functools
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import event, inspect, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from casedesk.core import ids, personal, search
from casedesk.core.ids import new_id
from casedesk.core.models import AuditEntry, Base, Contact, Synced, entity_name
from casedesk.core.storage import db

GENESIS = "0" * 64


@dataclass
class Actor:
    """Who is writing, from which device.  ``extra`` carries per-session options."""

    username: str
    device_id: str
    extra: dict[str, Any] = field(default_factory=dict)


#: Built once: json.dumps with keyword arguments builds a new encoder on every call.
_ENCODE = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode


def audit_value(value: Any) -> str | None:
    """The text an audit row keeps for a value (stable, human-readable)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, dict)):
        return _ENCODE(value)
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    return str(value)


_CHAIN_FIELDS = ("id", "device_id", "seq", "ts", "user", "entity", "entity_id", "op", "field",
                 "old", "new")


def _canonical(row: dict[str, Any]) -> bytes:
    """Each field as ``<length>:<text>`` (``-`` for NULL): unambiguous whatever the text holds."""
    return _canonical_text(row).encode("utf-8")


def _canonical_text(row: dict[str, Any]) -> str:
    return "|".join("-" if (v := row[k]) is None else f"{len(t := str(v))}:{t}"
                    for k in _CHAIN_FIELDS)


def entry_hash(prev_hash: str, row: dict[str, Any]) -> str:
    return hashlib.sha256(prev_hash.encode("ascii") + _canonical(row)).hexdigest()


def chain_rows(
    rows: Iterable[dict[str, Any]], device_id: str, last_seq: int, last_hash: str
) -> list[dict[str, Any]]:
    """Give rows (id, user, entity, … filled) their seq, prev_hash and hash, in order."""
    out = []
    seq, prev = last_seq, last_hash
    sha256 = hashlib.sha256
    for row in rows:
        seq += 1
        row["device_id"] = device_id
        row["seq"] = seq
        row["prev_hash"] = prev
        prev = row["hash"] = sha256((prev + _canonical_text(row)).encode("utf-8")).hexdigest()
        out.append(row)
    return out


_INSERT = (
    "INSERT INTO audit (id, device_id, seq, ts, user, entity, entity_id, op, field, old, new, "
    "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_COLUMNS = (*_CHAIN_FIELDS, "prev_hash", "hash")


def _append(conn: Connection, actor: Actor, rows: list[dict[str, Any]]) -> None:
    append(conn, actor.username, actor.device_id, rows)


def append(conn: Connection, username: str, device_id: str, rows: list[dict[str, Any]]) -> None:
    """Append rows written by this device: one clock reading for them all (the hybrid logical
    clock), chained after the device's newest row, inserted.  Each row needs id, entity,
    entity_id, op, field, old, new; ``user`` defaults to ``username``.  The one way audit rows
    of this device are written."""
    personal.seal_rows(conn, rows)
    last_seq, last_hash, last_ts = _head(conn, device_id)
    ts = next_timestamp(conn, last_ts)
    for r in rows:
        r["ts"] = ts
        r.setdefault("user", username)
    insert_rows(conn, chain_rows(rows, device_id, last_seq, last_hash))


def insert_rows(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Append chained rows with one DB-API executemany (SQLAlchemy's per-row parameter
    processing costs more than SQLite itself for the hundreds of thousands of rows of an
    import)."""
    db.executemany(conn, _INSERT, [tuple(r[c] for c in _COLUMNS) for r in rows])


def chain_head(conn: Connection | Session, device_id: str) -> tuple[int, str]:
    """The (seq, hash) of the newest audit row written by ``device_id``."""
    seq, digest, _ts = _head(conn, device_id)
    return seq, digest


def _head(conn: Connection | Session, device_id: str) -> tuple[int, str, str]:
    found = conn.execute(
        select(AuditEntry.seq, AuditEntry.hash, AuditEntry.ts)
        .where(AuditEntry.device_id == device_id)
        .order_by(AuditEntry.seq.desc())
        .limit(1)
    ).first()
    return (found[0], found[1], found[2]) if found else (0, GENESIS, "")


# -- the hybrid logical clock --------------------------------------------------------------------
#
# Audit timestamps order changes for sync's last-writer-wins merge, so a device's clock must never
# run backwards nor behind what it has already seen from other devices.  Each new timestamp is the
# latest of: the wall clock, one microsecond after this device's previous row, and one
# microsecond after the newest timestamp received from another device (``meta.hlc_floor``, raised
# by sync).  A device whose clock is a day slow therefore still orders its new edits after the
# edits it has seen.

HLC_FLOOR_KEY = "hlc_floor"
_MICRO = timedelta(microseconds=1)


def _iso(dt: datetime) -> str:
    return dt.astimezone(UTC).isoformat(timespec="microseconds")


def next_timestamp(conn: Connection | Session, last_own: str) -> str:
    now = datetime.now(UTC)
    floor = conn.execute(text("SELECT value FROM meta WHERE key = :k"),
                         {"k": HLC_FLOOR_KEY}).scalar()
    for ts in (last_own, floor):
        if ts:
            after = datetime.fromisoformat(ts) + _MICRO
            now = max(now, after)
    return _iso(now)


def observe_remote_timestamp(conn: Connection | Session, ts: str) -> None:
    """Raise the clock's floor to a timestamp received from another device (sync calls this)."""
    current = conn.execute(text("SELECT value FROM meta WHERE key = :k"),
                           {"k": HLC_FLOOR_KEY}).scalar()
    if current is None:
        conn.execute(text("INSERT INTO meta (key, value) VALUES (:k, :v)"),
                     {"k": HLC_FLOOR_KEY, "v": ts})
    elif ts > current:
        conn.execute(text("UPDATE meta SET value = :v WHERE key = :k"),
                     {"k": HLC_FLOOR_KEY, "v": ts})


# -- the flush hooks -------------------------------------------------------------------------


@functools.cache
def _defaults(cls: type) -> tuple[tuple[str, Any], ...]:
    return tuple((c.key, c.default.arg) for c in inspect(cls).columns  # type: ignore[union-attr]
                 if c.default is not None)


@functools.cache
def _audited_columns(cls: type) -> tuple[str, ...]:
    return tuple(c.key for c in inspect(cls).columns if c.key not in Synced.AUDIT_SKIP)


def _apply_defaults(obj: Base) -> None:
    """Fill Python-side column defaults now, so the audit row records the stored value."""
    for key, arg in _defaults(type(obj)):
        if getattr(obj, key, None) is None:
            setattr(obj, key, arg(None) if callable(arg) else arg)


def _before_flush(session: Session, _ctx: Any, _instances: Any) -> None:
    actor: Actor | None = session.info.get("actor")
    if actor is None:
        raise RuntimeError("casedesk: a write outside CaseFile.write() would go unaudited")
    now = datetime.now(UTC)
    for obj in session.new:
        if isinstance(obj, Synced):
            if obj.id is None:
                obj.id = new_id()
            _apply_defaults(obj)  # type: ignore[arg-type]
            obj.created_at = obj.created_at or now
            obj.updated_at = now
            obj.device_id = actor.device_id
            obj.rev = 1
    for obj in session.dirty:
        if isinstance(obj, Synced) and session.is_modified(obj, include_collections=False):
            obj.updated_at = now
            obj.device_id = actor.device_id
            obj.rev = (obj.rev or 0) + 1


WHOLE_RECORD = "*"


def record_json(values: dict[str, Any]) -> str | None:
    """A record's non-empty fields as one JSON object of audit texts (keys sorted)."""
    skip = Synced.AUDIT_SKIP
    out = {k: v if type(v) is str else audit_value(v) for k, v in values.items()
           if v is not None and v != [] and v != "" and k not in skip}
    return _ENCODE(out) if out else None


def _record(obj: Synced) -> str | None:
    return record_json({k: getattr(obj, k) for k in _audited_columns(type(obj))})


def _changes(session: Session) -> Iterator[tuple[str, Synced, str, list[tuple[str, Any, Any]]]]:
    """(op, object, entity, [(field, old, new)]) for every synced row the flush touched."""
    for obj in session.new:
        if isinstance(obj, Synced):
            yield "insert", obj, entity_name(type(obj)), [(WHOLE_RECORD, None, _record(obj))]
    for obj in session.dirty:
        if not isinstance(obj, Synced):
            continue
        state = inspect(obj)
        colkeys = state.mapper.columns.keys()
        fields = []
        for key in list(state.committed_state):
            if key in Synced.AUDIT_SKIP or key not in colkeys:
                continue
            hist = state.attrs[key].history
            if not hist.has_changes():
                continue
            old = hist.deleted[0] if hist.deleted else None
            new = hist.added[0] if hist.added else None
            if audit_value(old) != audit_value(new):
                fields.append((key, old, new))
        if fields:
            yield "update", obj, entity_name(type(obj)), fields
    for obj in session.deleted:
        if isinstance(obj, Synced):
            yield "delete", obj, entity_name(type(obj)), [(WHOLE_RECORD, _record(obj), None)]


def _after_flush(session: Session, _ctx: Any) -> None:
    actor: Actor = session.info["actor"]
    rows: list[dict[str, Any]] = []
    touched: list[tuple[str, Synced]] = []
    # An erasure's placeholders are written in the clear (they stay readable once the erased
    # subject's key is destroyed; the values they replace are sealed under that key).
    plain_new = bool(actor.extra.get("erasure"))
    for op, obj, entity, fields in _changes(session):
        touched.append((op, obj))
        for name, old, new in fields:
            rows.append({
                "id": new_id(), "user": actor.username, "entity": entity,
                "entity_id": obj.id, "op": op, "field": name,
                "old": old if name == WHOLE_RECORD else audit_value(old),
                "new": new if name == WHOLE_RECORD else audit_value(new),
                "plain_new": plain_new,
            })
    rows.extend(session.info.pop("audit_extra", []))
    conn = session.connection()
    if rows:
        _append(conn, actor, rows)
    if touched:
        search.update_index(conn, touched)


def _as_is(value: Any) -> Any:
    return value


def _json_text(value: Any) -> str | None:
    return None if value is None else json.dumps(value)


@functools.lru_cache(maxsize=16)  # a bulk insert stamps every row with the same instant
def _utc_text(value: datetime | None) -> str | None:
    if value is None:
        return None
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _date_text(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _bool_int(value: bool | None) -> int | None:
    return None if value is None else int(bool(value))


@functools.cache
def _storage(model: type) -> tuple[tuple[str, ...], tuple[Any, ...]]:
    """Column names and value converters giving SQLAlchemy's own SQLite storage forms."""
    from sqlalchemy import JSON, Boolean, Date, DateTime

    from casedesk.core.models import UTCDateTime

    columns, converters = [], []
    for col in model.__table__.columns:  # type: ignore[attr-defined]
        t = col.type
        conv = (_utc_text if isinstance(t, UTCDateTime) else
                _json_text if isinstance(t, JSON) else
                _bool_int if isinstance(t, Boolean) else
                _utc_text if isinstance(t, DateTime) else
                _date_text if isinstance(t, Date) else _as_is)
        columns.append(col.name)
        converters.append(conv)
    return tuple(columns), tuple(converters)


def _stored_rows(rows: list[dict[str, Any]], columns: tuple[str, ...],
                 converters: tuple[Any, ...]) -> list[tuple[Any, ...]]:
    pairs = list(zip(columns, converters, strict=True))
    plain = [c for c, conv in pairs if conv is _as_is]
    if plain and len(plain) == len(columns):
        return [tuple(r[c] for c in columns) for r in rows]
    return [tuple(r[c] if conv is _as_is else conv(r[c]) for c, conv in pairs) for r in rows]


def bulk_insert(session: Session, model: type[Synced], rows: list[dict[str, Any]]) -> list[str]:
    """Insert many new records of one model at once, audited and indexed like ORM inserts.

    For imports of tens of thousands of rows, where building ORM objects and the unit of work
    cost far more than SQLite.  Each dict holds column values (other keys are ignored); ids,
    timestamps, device and revision are stamped here exactly as the flush hook stamps them, and
    each dict gets its new ``id``.  Returns the new ids.
    """
    actor: Actor | None = session.info.get("actor")
    if actor is None:
        raise RuntimeError("casedesk: a write outside CaseFile.write() would go unaudited")
    if not rows:
        return []
    session.flush()
    plan = _bulk_plan(model)
    conn = session.connection()
    last_seq, last_hash, last_ts = _head(conn, actor.device_id)
    ts = next_timestamp(conn, last_ts)
    first_rowid = search.next_rowid(conn)
    new_ids = ids.new_ids(2 * len(rows))
    row_ids, audit_ids = new_ids[0::2], new_ids[1::2]
    records: list[str | None] = []
    # One DB-API executemany per table, fed by generators: each row is made as SQLite takes it
    # (SQLAlchemy's per-row parameter processing would cost more than SQLite itself).
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.executemany(plan.insert_sql, _stored(plan, actor, rows, row_ids, records))
        # the personal values of the records, sealed under their subjects' keys (see
        # casedesk.core.personal), before the audit rows are chained over them
        records = personal.seal_bulk(conn, plan.entity, row_ids, records)
        cursor.executemany(_INSERT, _chain_inserts(
            actor.device_id, last_seq, last_hash, ts, actor.username, plan.entity, audit_ids,
            row_ids, records))
    finally:
        cursor.close()
    prepared = _index_rows(model, plan, rows, first_rowid)
    if prepared[0]:
        search.insert_prepared(conn, prepared)
    return row_ids


def _stored(plan: _BulkPlan, actor: Actor, rows: list[dict[str, Any]], row_ids: list[str],
            records: list[str | None]) -> Iterator[list[Any]]:
    """Each record's stored row, while its audit record (its non-empty fields, as
    :func:`record_json` writes them: keys sorted, a list encoded once, the same text stored and
    audited) is appended to ``records``."""
    now = datetime.now(UTC)
    template: list[Any] = [None] * len(plan.columns)
    for index, conv, value in ((plan.created_at, plan.created_conv, now),
                               (plan.updated_at, plan.updated_conv, now),
                               (plan.device, _as_is, actor.device_id), (plan.rev, _as_is, 1)):
        template[index] = conv(value)
    fields, id_index, esc = plan.fields, plan.id, _encode_string
    for values, row_id in zip(rows, row_ids, strict=True):
        values["id"] = row_id
        get = values.get
        row = template.copy()
        row[id_index] = row_id
        parts = []
        for name, index, conv, is_json, default, call_default, key in fields:
            value = get(name)
            if value is None:
                if default is None:
                    continue
                value = default(None) if call_default else default
            if is_json:
                row[index] = text = _json_value(value)
                if not value and (value == [] or value == ""):
                    continue
            else:
                row[index] = value if conv is None else conv(value)
                if type(value) is str:
                    if not value:
                        continue
                    text = value
                elif value == []:
                    continue
                else:
                    text = audit_value(value)  # type: ignore[assignment]
            parts.append(key + esc(text))
        records.append("{" + ", ".join(parts) + "}" if parts else None)
        yield row


@dataclass(frozen=True)
class _BulkPlan:
    """How bulk_insert turns a model's column values into its stored row and audit record."""

    entity: str
    columns: tuple[str, ...]
    insert_sql: str
    id: int
    created_at: int
    created_conv: Any
    updated_at: int
    updated_conv: Any
    device: int
    rev: int
    #: per audited column, by name: (name, index, converter or None, is JSON, default or None,
    #: the default is a callable, the JSON key text ``"name": ``)
    fields: tuple[tuple[str, int, Any, bool, Any, bool, str], ...]


@functools.cache
def _bulk_plan(model: type) -> _BulkPlan:
    columns, converters = _storage(model)
    index = {name: i for i, name in enumerate(columns)}
    defaults = dict(_defaults(model))
    fields = []
    for name in sorted(_audited_columns(model)):
        conv = converters[index[name]]
        default = defaults.get(name)
        fields.append((name, index[name], None if conv is _as_is else conv, conv is _json_text,
                       default, callable(default), _encode_string(name) + ": "))
    table = model.__tablename__  # type: ignore[attr-defined]
    return _BulkPlan(
        entity=entity_name(model), columns=columns,
        insert_sql=(f"INSERT INTO {table} ({', '.join(columns)}) "
                    f"VALUES ({', '.join('?' * len(columns))})"),
        id=index["id"], created_at=index["created_at"],
        created_conv=converters[index["created_at"]], updated_at=index["updated_at"],
        updated_conv=converters[index["updated_at"]], device=index["device_id"],
        rev=index["rev"], fields=tuple(fields))


#: The JSON text of one string, exactly as the audit encoder writes it (non-ASCII as itself).
_encode_string = json.encoder.encode_basestring


def _json_value(value: Any) -> str:
    """``_ENCODE(value)``, without building an encoder for the usual list of strings."""
    if type(value) is list:
        try:
            return "[" + ", ".join(map(_encode_string, value)) + "]"
        except TypeError:  # not all strings
            pass
    return _ENCODE(value)


def _index_rows(model: type, plan: _BulkPlan, rows: list[dict[str, Any]],
                first_rowid: int) -> search.Prepared:
    """The search index rows of freshly inserted records (each dict has its new id)."""
    if model is Contact:  # the hot path of a large import: no full record built per row
        return search.prepare_contacts(rows, first_rowid)
    docs = []
    for values in rows:
        full = dict.fromkeys(plan.columns)
        full.update(values)
        for name, _index, _conv, _json, default, call_default, _key in plan.fields:
            if full[name] is None and default is not None:
                full[name] = default(None) if call_default else default
        doc = search.doc_for_values(model, full)
        if doc is not None:
            docs.append(doc)
    return search.prepare(docs, first_rowid)


def _chain_inserts(device_id: str, last_seq: int, last_hash: str, ts: str, user: str,
                   entity: str, audit_ids: list[str], entity_ids: list[str],
                   records: list[str | None]) -> Iterator[tuple[Any, ...]]:
    """The audit table rows of whole-record inserts, chained: what :func:`chain_rows` and
    :func:`insert_rows` make of them, with the parts of the canonical text that every row
    shares built once (see :func:`_canonical`)."""

    def part(value: str | None) -> str:
        return "-" if value is None else f"{len(value)}:{value}"

    device = part(device_id)
    middle = "|".join(part(x) for x in (ts, user, entity))
    tail = "|".join(part(x) for x in ("insert", WHOLE_RECORD, None))
    sha256 = hashlib.sha256
    seq, prev = last_seq, last_hash
    for audit_id, entity_id, new in zip(audit_ids, entity_ids, records, strict=True):
        seq += 1
        s = str(seq)
        canonical = (f"{prev}{len(audit_id)}:{audit_id}|{device}|{len(s)}:{s}|{middle}|"
                     f"{len(entity_id)}:{entity_id}|{tail}|"
                     + ("-" if new is None else f"{len(new)}:{new}"))
        digest = sha256(canonical.encode("utf-8")).hexdigest()
        yield (audit_id, device_id, seq, ts, user, entity, entity_id, "insert", WHOLE_RECORD,
               None, new, prev, digest)
        prev = digest


def flush_extra(session: Session) -> None:
    """Write audit rows queued by :func:`record_event` that no data flush has written yet."""
    rows = session.info.pop("audit_extra", [])
    if not rows:
        return
    _append(session.connection(), session.info["actor"], rows)


def bulk_update(session: Session, model: type[Synced],
                changes: list[tuple[Synced, dict[str, Any]]]) -> int:
    """Update many loaded records of one model at once, audited like ORM updates (one audit row
    per changed field, the same clock and chain), for recomputations touching thousands of
    rows.  The objects' committed state is brought in step, so the session stays consistent.
    Returns how many records changed."""
    from sqlalchemy.orm.attributes import set_committed_value

    actor: Actor | None = session.info.get("actor")
    if actor is None:
        raise RuntimeError("casedesk: a write outside CaseFile.write() would go unaudited")
    now = datetime.now(UTC)
    entity = entity_name(model)
    table = model.__table__  # type: ignore[attr-defined]
    convert = dict(zip(*_storage(model), strict=True))
    stamp = (convert["updated_at"](now), actor.device_id)
    groups: dict[tuple[str, ...], list[tuple[Any, ...]]] = {}
    rows: list[dict[str, Any]] = []
    for obj, values in changes:
        fields = []
        for key, new in values.items():
            old_text, new_text = audit_value(getattr(obj, key)), audit_value(new)
            if old_text != new_text:
                fields.append(key)
                rows.append({"user": actor.username, "entity": entity, "entity_id": obj.id,
                             "op": "update", "field": key, "old": old_text, "new": new_text})
        if not fields:
            continue
        rev = (obj.rev or 0) + 1
        groups.setdefault(tuple(fields), []).append(
            (*(convert[k](values[k]) for k in fields), *stamp, rev, obj.id))
        for key in fields:
            set_committed_value(obj, key, values[key])
        set_committed_value(obj, "updated_at", now)
        set_committed_value(obj, "device_id", actor.device_id)
        set_committed_value(obj, "rev", rev)
    session.flush()  # pending ORM work first, so the audit chain stays in order
    conn = session.connection()
    with db.raw_cursor(conn) as cursor:  # one executemany per set of changed fields
        for fields, params in groups.items():
            assignments = ", ".join(f'"{name}" = ?'
                                    for name in (*fields, "updated_at", "device_id", "rev"))
            cursor.executemany(f'UPDATE "{table.name}" SET {assignments} WHERE id = ?', params)
    if rows:
        for row, audit_id in zip(rows, ids.new_ids(len(rows)), strict=True):
            row["id"] = audit_id
        _append(conn, actor, rows)
    return sum(len(p) for p in groups.values())


def record_event(session: Session, entity: str, entity_id: str, op: str, note: str,
                 field: str | None = None) -> None:
    """Append an audit row that is not a field change (e.g. a document was opened).  It is
    written with the session's next flush, or when the write session commits."""
    session.info.setdefault("audit_extra", []).append({
        "id": new_id(), "entity": entity, "entity_id": entity_id, "op": op,
        "field": field, "old": None, "new": note,
    })


def install(session_factory: Any) -> None:
    """Attach the hooks to a sessionmaker (or Session class)."""
    event.listen(session_factory, "before_flush", _before_flush)
    event.listen(session_factory, "after_flush", _after_flush)


# -- verification ------------------------------------------------------------------------------


@dataclass
class ChainProblem:
    device_id: str
    seq: int
    entry_id: str
    problem: str

    def __str__(self) -> str:
        return f"audit entry {self.entry_id} (device {self.device_id}, #{self.seq}): {self.problem}"


def verify_chains(conn: Connection | Session) -> tuple[int, list[ChainProblem]]:
    """Check every device's chain; returns (rows checked, first problem per broken device)."""
    cols = [
        AuditEntry.id, AuditEntry.device_id, AuditEntry.seq, AuditEntry.ts, AuditEntry.user,
        AuditEntry.entity, AuditEntry.entity_id, AuditEntry.op, AuditEntry.field, AuditEntry.old,
        AuditEntry.new, AuditEntry.prev_hash, AuditEntry.hash,
    ]
    result = conn.execute(select(*cols).order_by(AuditEntry.device_id, AuditEntry.seq))
    problems: list[ChainProblem] = []
    broken: set[str] = set()
    device, expect_seq, prev = None, 0, GENESIS
    count = 0
    keys = [c.key for c in cols]
    for values in result:
        count += 1
        row = dict(zip(keys, values, strict=True))
        if row["device_id"] != device:
            device, expect_seq, prev = row["device_id"], 0, GENESIS
        if device in broken:
            continue
        expect_seq += 1
        problem = None
        if row["seq"] != expect_seq:
            problem = f"entry #{expect_seq} is missing"
        elif row["prev_hash"] != prev:
            problem = "does not link to the entry before it"
        elif entry_hash(prev, row) != row["hash"]:
            problem = "its content was altered (hash mismatch)"
        if problem:
            problems.append(ChainProblem(device, row["seq"], row["id"], problem))
            broken.add(device)
            continue
        prev = row["hash"]
    return count, problems
