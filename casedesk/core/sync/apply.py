"""Applying replicated changes: records are (re)built from the audit trail, field by field.

The audit rows are the changes.  Once a remote device's rows are in the local audit table, the
state of every record they touch is recomputed from *all* the audit rows of that record, local
and remote: the insert row gives the initial fields, and for each field the update with the
greatest ``(ts, device_id, seq)`` wins (the timestamps come from each device's hybrid logical
clock).  A delete anywhere wins over edits (a deleted id never comes back).  Because the result
depends only on the set of rows, every device reaches the same state whatever order changesets
arrive in, and a row delivered twice changes nothing.

Two updates of one field where the later one was not written from the earlier one's value
(``later.old != earlier.new``) were concurrent: both values are kept in a :class:`SyncConflict`.
An edit that the deleting device had not seen is a ``delete`` conflict.  Conflicts are found the
same way on every device (their ids derive from the two operations), and resolving one writes an
audit row (op ``resolve``) that closes it everywhere.

Entity tables are written with Core statements, bypassing the ORM audit hooks (the remote audit
row is the record of the change).  Foreign keys are checked at the end of the transaction
(``PRAGMA defer_foreign_keys``); a record whose parent has not arrived yet, or whose content blob
is not on the share yet, waits in ``sync_pending`` and is retried on the next sync.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, Integer, Table, select, text, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from casedesk.core import audit, personal, search, walls
from casedesk.core.errors import CasedeskError
from casedesk.core.ids import new_id
from casedesk.core.models import (
    AuditEntry,
    Base,
    Blob,
    Contact,
    Correspondence,
    Matter,
    Synced,
    UTCDateTime,
    entity_name,
)
from casedesk.core.storage import db
from casedesk.core.sync.models import SyncConflict, SyncPending

ROW_FIELDS = ("id", "device_id", "seq", "ts", "user", "entity", "entity_id", "op", "field",
              "old", "new", "prev_hash", "hash")
DATA_OPS = ("insert", "update", "delete", "resolve")
BOOKKEEPING = ("id", "created_at", "updated_at", "device_id", "rev")
INDEXED = (Contact, Matter, Correspondence)
DELETED = "(deleted)"


@functools.cache
def models() -> dict[str, type[Base]]:
    """Entity name → model, for every synced model."""
    out: dict[str, type[Base]] = {}
    for mapper in Base.registry.mappers:
        cls = mapper.class_
        if issubclass(cls, Synced):
            try:
                out[entity_name(cls)] = cls
            except KeyError:
                continue
    return out


def value_from_audit(column: Any, value: str | None) -> Any:
    """The column value an audit text stands for (inverse of :func:`audit.audit_value`)."""
    if value is None:
        return None
    kind = column.type
    if isinstance(kind, UTCDateTime):
        dt = datetime.fromisoformat(value)
        return (dt if dt.tzinfo else dt.replace(tzinfo=UTC)).astimezone(UTC)
    if isinstance(kind, Boolean):
        return value == "true"
    if isinstance(kind, Date):
        return date.fromisoformat(value)
    if isinstance(kind, Integer):
        return int(value)
    if isinstance(kind, JSON):
        return json.loads(value)
    return value


def _missing(column: Any) -> Any:
    """The value of a column absent from an insert row's JSON (empty values are not written)."""
    if column.nullable:
        return None
    if isinstance(column.type, JSON):
        return []
    return ""


def _key(row: dict[str, Any]) -> tuple[str, str, int]:
    return (row["ts"], row["device_id"], row["seq"])


def _conflict_id(a: str, b: str) -> str:
    return hashlib.sha256(f"{a}|{b}".encode()).hexdigest()[:32]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class ApplyReport:
    conflicts: list[str] = field(default_factory=list)  # new conflict ids
    renumbered: list[tuple[str, str]] = field(default_factory=list)
    waiting: int = 0


@dataclass
class Context:
    device_id: str
    user: str
    share: Any = None  # a Share, to fetch content blobs
    report: ApplyReport = field(default_factory=ApplyReport)
    own_rows: list[dict[str, Any]] = field(default_factory=list)
    entities: set[str] = field(default_factory=set)  # kinds of the records rebuilt


def load_history(conn: Connection, ids: Iterable[str]) -> dict[tuple[str, str], list[dict]]:
    """The data rows of each record, oldest first, their personal values decrypted (a value
    whose subject's key was destroyed reads ``personal.ERASED``)."""
    cols = [getattr(AuditEntry, c) for c in ROW_FIELDS[:11]]
    out: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    ids = sorted(set(ids))
    ring = personal.Keyring(conn)
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        result = list(conn.execute(select(*cols).where(AuditEntry.entity_id.in_(chunk),
                                                       AuditEntry.op.in_(DATA_OPS))))
        ring.load(personal.subjects_in(r[9] for r in result), personal.subjects_in(
            r[10] for r in result))  # every key these rows need, in a few queries
        for r in result:
            row = dict(zip(ROW_FIELDS[:11], r, strict=True))
            if row["entity"] in personal.SPEC and row["op"] != "resolve":
                row["old"], row["new"] = personal.open_row(
                    ring, row["entity"], row["entity_id"], row["field"], row["op"], row["old"],
                    row["new"])
            out[(row["entity"], row["entity_id"])].append(row)
    for rows in out.values():
        rows.sort(key=_key)
    return out


def _conflict(ctx: Context, conn: Connection, kind: str, entity: str, entity_id: str,
              fieldname: str | None, winner: dict[str, Any] | None, winner_value: str | None,
              loser: dict[str, Any] | None, loser_value: str | None, resolved: set[str]) -> None:
    cid = _conflict_id(loser["id"] if loser else entity_id, winner["id"] if winner else kind)
    exists = conn.execute(select(SyncConflict.id).where(SyncConflict.id == cid)).first()
    if exists:
        return
    done = cid in resolved
    conn.execute(SyncConflict.__table__.insert().values(
        id=cid, kind=kind, entity=entity, entity_id=entity_id, field=fieldname,
        winner_op=winner and winner["id"], winner_value=winner_value,
        winner_user=winner and winner["user"], winner_device=winner and winner["device_id"],
        winner_ts=winner and winner["ts"],
        loser_op=loser and loser["id"], loser_value=loser_value,
        loser_user=loser and loser["user"], loser_device=loser and loser["device_id"],
        loser_ts=loser and loser["ts"], detected_at=_now(),
        resolved_at=_now() if done else None, resolved_by="(another device)" if done else None,
        resolution="resolved on another device" if done else None,
    ))
    if not done:
        ctx.report.conflicts.append(cid)


def _target(ctx: Context, conn: Connection, entity: str, entity_id: str,
            hist: list[dict[str, Any]]) -> dict[str, str | None] | None:
    """The record's fields as audit texts (None: the record is absent), noting conflicts."""
    resolved = {r["new"] for r in hist if r["op"] == "resolve"}
    if resolved:
        conn.execute(update(SyncConflict).where(SyncConflict.id.in_(resolved),
                                                SyncConflict.resolved_at.is_(None))
                     .values(resolved_at=_now(), resolved_by="(another device)",
                             resolution="resolved on another device"))
    inserts = [r for r in hist if r["op"] == "insert"]
    deletes = [r for r in hist if r["op"] == "delete"]
    updates = [r for r in hist if r["op"] == "update" and r["field"]]
    if deletes:
        d = deletes[0]
        seen = json.loads(d["old"] or "{}")
        last_before: dict[str, dict[str, Any]] = {}
        for u in updates:
            if _key(u) < _key(d):
                last_before[u["field"]] = u
            else:  # written after the delete by a device that had not seen it
                _conflict(ctx, conn, "delete", entity, entity_id, u["field"], d, DELETED, u,
                          u["new"], resolved)
        for name, u in last_before.items():
            if u["device_id"] != d["device_id"] and seen.get(name) != u["new"]:
                _conflict(ctx, conn, "delete", entity, entity_id, name, d, DELETED, u,
                          u["new"], resolved)
        return None
    if not inserts:
        return None  # its creation has not arrived yet; the insert will bring it back here
    values: dict[str, str | None] = json.loads(inserts[0]["new"] or "{}")
    prev: dict[str, dict[str, Any]] = {}
    for u in updates:
        name = u["field"]
        before = prev.get(name)
        if before is not None and u["old"] != before["new"] and u["new"] != before["new"]:
            _conflict(ctx, conn, "field", entity, entity_id, name, u, u["new"], before,
                      before["new"], resolved)
        prev[name] = u
        values[name] = u["new"]
    return values


def _columns(table: Table) -> list[Any]:
    return [c for c in table.columns if c.key not in BOOKKEEPING]


def _utc_reader(value: str) -> datetime:
    dt = datetime.fromisoformat(value)
    return (dt if dt.tzinfo else dt.replace(tzinfo=UTC)).astimezone(UTC)


def _reader(column: Any) -> Any:
    """A function turning an audit text into the column's value (None: the text itself); the
    same conversions as :func:`value_from_audit`, chosen once per column."""
    kind = column.type
    if isinstance(kind, UTCDateTime):
        return _utc_reader
    if isinstance(kind, Boolean):
        return "true".__eq__
    if isinstance(kind, Date):
        return date.fromisoformat
    if isinstance(kind, Integer):
        return int
    if isinstance(kind, JSON):
        return json.loads
    return None


_LAYOUTS: dict[str, list[tuple[str, Any, Any]]] = {}


def _layout(table: Table) -> list[tuple[str, Any, Any]]:
    """(key, reader, value when absent) per non-bookkeeping column, computed once per table."""
    found = _LAYOUTS.get(table.name)
    if found is None:
        found = _LAYOUTS[table.name] = [(c.key, _reader(c), _missing(c)) for c in _columns(table)]
    return found


def _row_values(table: Table, texts: dict[str, str | None], hist: list[dict[str, Any]]
                ) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, reader, missing in _layout(table):
        if key in texts:
            value = texts[key]
            if value == personal.ERASED and reader is not None:  # its key was destroyed
                out[key] = [] if isinstance(missing, list) else missing
            else:
                out[key] = value if value is None or reader is None else reader(value)
        else:
            out[key] = [] if isinstance(missing, list) else missing
    last = hist[-1]
    flushes = {(r["device_id"], r["ts"]) for r in hist if r["op"] == "update"}
    out["updated_at"] = _utc_reader(last["ts"])
    out["device_id"] = last["device_id"]
    out["rev"] = 1 + len(flushes)
    return out


def _number_key(conn: Connection, matter_id: str) -> tuple[str, str, int]:
    rows = conn.execute(select(AuditEntry.ts, AuditEntry.device_id, AuditEntry.seq).where(
        AuditEntry.entity == "matter", AuditEntry.entity_id == matter_id,
        (AuditEntry.op == "insert") | ((AuditEntry.op == "update")
                                       & (AuditEntry.field == "number")))).all()
    return max((tuple(r) for r in rows), default=("", "", 0))  # type: ignore[return-value]


def _free_number(conn: Connection, base: str) -> str:
    n = 2
    while conn.execute(select(Matter.id).where(Matter.number == f"{base}-{n}")).first():
        n += 1
    return f"{base}-{n}"


def _own_update(ctx: Context, entity: str, entity_id: str, name: str, old: str | None,
                new: str | None) -> None:
    ctx.own_rows.append({"id": new_id(), "user": ctx.user, "entity": entity,
                         "entity_id": entity_id, "op": "update", "field": name, "old": old,
                         "new": new})


def _place_matter_number(ctx: Context, conn: Connection, entity_id: str,
                         values: dict[str, Any], hist: list[dict[str, Any]]) -> None:
    """Two devices gave the same number offline: the later assignment is renumbered."""
    number = values.get("number")
    other = conn.execute(select(Matter.id).where(Matter.number == number,
                                                 Matter.id != entity_id)).scalar()
    if other is None:
        return
    mine = max((_key(r) for r in hist if r["op"] == "insert"
                or (r["op"] == "update" and r["field"] == "number")), default=("", "", 0))
    new = _free_number(conn, number)
    if mine > _number_key(conn, other):
        values["number"] = new
        _own_update(ctx, "matter", entity_id, "number", number, new)
    else:
        conn.execute(update(Matter.__table__).where(Matter.__table__.c.id == other)
                     .values(number=new))
        _own_update(ctx, "matter", other, "number", number, new)
    ctx.report.renumbered.append((number, new))


def materialize(ctx: Context, conn: Connection, keys: set[tuple[str, str]]) -> None:
    """Rebuild the given records from the audit trail (see the module docstring).

    One pass per table: the records' target states are computed, then written with one
    executemany each for inserts and updates and one statement per 500 deletes (a batch that
    breaks a constraint is redone record by record to find the culprit); the search index is
    updated in one batch from the computed values."""
    known = models()
    keys = {k for k in keys if k[0] in known}
    if not keys:
        return
    history = load_history(conn, (eid for _, eid in keys))
    ctx.entities.update(e for e, _ in keys)
    by_table: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for k in keys:
        by_table[k[0]].append(k)
    indexed: dict[type, list[str]] = defaultdict(list)
    placed: dict[type, list[dict[str, Any]]] = defaultdict(list)
    dropped: set[str] = set()
    blob_rows: list[str] = []
    for entity, items in by_table.items():
        model = known[entity]
        table: Table = model.__table__  # type: ignore[attr-defined]
        ids = [eid for _, eid in items]
        current: set[str] = set()
        for i in range(0, len(ids), 500):
            current.update(row[0] for row in conn.execute(
                select(table.c.id).where(table.c.id.in_(ids[i:i + 500]))))
        inserts: list[dict[str, Any]] = []
        updates: list[dict[str, Any]] = []
        deletes: list[str] = []
        is_indexed = issubclass(model, INDEXED)
        for _, eid in items:
            hist = history.get((entity, eid), [])
            texts = _target(ctx, conn, entity, eid, hist) if hist else None
            if is_indexed:
                indexed[model].append(eid)
            if texts is None:
                if eid in current:
                    deletes.append(eid)
                continue
            values = _row_values(table, texts, hist)
            values["id"] = eid
            if model is Matter:
                _place_matter_number(ctx, conn, eid, values, hist)
            if "sha256" in table.c:
                blob_rows.append(values["sha256"])
            if is_indexed:
                placed[model].append(values)
            if eid in current:
                if model is Matter:  # numbers are checked one by one (collisions)
                    if not _write(ctx, conn, table, entity, eid, values, insert=False):
                        dropped.add(eid)
                else:
                    updates.append(values)
            else:
                values["created_at"] = _utc_reader(hist[0]["ts"])
                if model is Matter:
                    if not _write(ctx, conn, table, entity, eid, values, insert=True):
                        dropped.add(eid)
                else:
                    inserts.append(values)
        for i in range(0, len(deletes), 500):
            conn.execute(table.delete().where(table.c.id.in_(deletes[i:i + 500])))
        dropped |= _write_many(ctx, conn, model, entity, inserts, insert=True)
        dropped |= _write_many(ctx, conn, model, entity, updates, insert=False)
    dropped |= _settle_foreign_keys(ctx, conn)
    _fetch_blobs(ctx, conn, blob_rows)
    for model, ids in indexed.items():
        _reindex(conn, model, ids, [v for v in placed[model] if v["id"] not in dropped])
    touched_docs = {eid for entity, eid in keys if entity in ("document", "document_version")}
    if touched_docs:
        _reindex_documents(conn, touched_docs)


def _write_many(ctx: Context, conn: Connection, model: type, entity: str,
                rows: list[dict[str, Any]], *, insert: bool) -> set[str]:
    """Insert or update ``rows`` with one DB-API executemany (values converted to SQLite's
    storage form as SQLAlchemy would, see :func:`audit.bulk_insert`); returns the ids that could
    not be placed."""
    if not rows:
        return set()
    table: Table = model.__table__  # type: ignore[attr-defined]
    columns, converters = audit._storage(model)
    if insert:
        sql = (f'INSERT INTO "{table.name}" ({", ".join(columns)}) '
               f"VALUES ({', '.join('?' * len(columns))})")
        params = audit._stored_rows(rows, columns, converters)
    else:
        keep = [(c, conv) for c, conv in zip(columns, converters, strict=True)
                if c not in ("id", "created_at")]
        sql = (f'UPDATE "{table.name}" SET {", ".join(f"{c} = ?" for c, _ in keep)} '
               "WHERE id = ?")
        params = audit._stored_rows(rows, (*(c for c, _ in keep), "id"),
                                    (*(conv for _, conv in keep), audit._as_is))
    dbapi_error = conn.dialect.loaded_dbapi.IntegrityError
    try:
        with conn.begin_nested():
            db.executemany(conn, sql, params)
        return set()
    except (IntegrityError, dbapi_error):
        pass
    return {values["id"] for values in rows
            if not _write(ctx, conn, table, entity, values["id"], values, insert=insert)}


def _write(ctx: Context, conn: Connection, table: Table, entity: str, eid: str,
           values: dict[str, Any], *, insert: bool) -> bool:
    """Write one record; False when it collides with another (it then waits, and is removed
    if it was there)."""
    try:
        with conn.begin_nested():
            if insert:
                conn.execute(table.insert().values(**values))
            else:
                conn.execute(table.update().where(table.c.id == eid)
                             .values(**{k: v for k, v in values.items() if k != "id"}))
    except IntegrityError as exc:
        reason = f"it collides with another record ({str(exc.orig).split(':')[-1].strip()})"
        _pending(conn, entity, eid, reason)
        _conflict(ctx, conn, "unplaced", entity, eid, None, None, None, None, reason, set())
        if not insert:
            conn.execute(table.delete().where(table.c.id == eid))
        return False
    return True


def _pending(conn: Connection, entity: str, entity_id: str, reason: str) -> None:
    conn.execute(text("INSERT OR REPLACE INTO sync_pending (entity, entity_id, reason) "
                      "VALUES (:e, :i, :r)"), {"e": entity, "i": entity_id, "r": reason})


@functools.cache
def _table_entities() -> dict[str, str]:
    return {m.__table__.name: e for e, m in models().items()}  # type: ignore[attr-defined]


def _settle_foreign_keys(ctx: Context, conn: Connection) -> set[str]:
    """Records whose parent is missing wait (and, if the parent was deleted, a conflict says
    so); the rest of the sync commits.  Returns the ids of the records taken out."""
    dropped: set[str] = set()
    for _ in range(20):
        problems = conn.execute(text("PRAGMA foreign_key_check")).all()
        if not problems:
            return dropped
        for table_name, rowid, parent, fkid in problems:
            entity = _table_entities().get(table_name)
            row = conn.execute(text(f'SELECT * FROM "{table_name}" WHERE rowid = :r'),
                               {"r": rowid}).mappings().first()
            if row is None or entity is None:
                continue
            fks = conn.execute(text(f"PRAGMA foreign_key_list(\"{table_name}\")")).all()
            column = next((f[3] for f in fks if f[0] == fkid), None)
            parent_id = row.get(column) if column else None
            gone = parent_id and conn.execute(select(AuditEntry.id).where(
                AuditEntry.entity_id == parent_id, AuditEntry.op == "delete")).first()
            reason = (f"its {parent} record {parent_id} was deleted on another device" if gone
                      else f"waiting for its {parent} record {parent_id}")
            conn.execute(text(f'DELETE FROM "{table_name}" WHERE rowid = :r'), {"r": rowid})
            dropped.add(row["id"])
            _pending(conn, entity, row["id"], reason)
            ctx.report.waiting += 1
            if gone:
                _conflict(ctx, conn, "unplaced", entity, row["id"], column, None, None, None,
                          reason, set())
    return dropped


def _reindex_documents(conn: Connection, ids: set[str]) -> None:
    """Index the text of documents that arrived or changed, as adding them locally would: the
    newest version's content, once its blob is here (a version whose blob is still on its way is
    indexed by the sync that brings it)."""
    from casedesk.core.models import Document, DocumentVersion
    from casedesk.core.services.documents import document_index_entry
    from casedesk.core.textextract import extract_text

    doc_ids = set(ids) & {r[0] for r in conn.execute(select(Document.id).where(
        Document.id.in_(sorted(ids))))}
    doc_ids |= {r[0] for r in conn.execute(select(DocumentVersion.document_id).where(
        DocumentVersion.id.in_(sorted(ids))))}
    entries = []
    for doc_id in sorted(doc_ids):
        doc = conn.execute(select(Document).where(Document.id == doc_id)).first()
        ver = conn.execute(select(DocumentVersion).where(DocumentVersion.document_id == doc_id)
                           .order_by(DocumentVersion.version.desc()).limit(1)).first()
        if doc is None:
            continue
        text, filename = "", ver.filename if ver is not None else ""
        if ver is not None:
            blob = conn.execute(select(Blob.data).where(Blob.sha256 == ver.sha256)).scalar()
            if blob is not None and not walls.is_sealed(blob):  # walled text: never indexed
                try:
                    text = extract_text(blob, ver.filename)
                except CasedeskError:
                    text = ""
        entries.append(document_index_entry(doc, filename, text))
    search.remove(conn, sorted(doc_ids))
    if entries:
        search.add(conn, entries)


def _fetch_blobs(ctx: Context, conn: Connection, digests: list[str]) -> None:
    for digest in sorted(set(digests)):
        if digest == "0" * 64:  # erased content (casedesk.core.erasure.ERASED_DIGEST)
            continue
        if conn.execute(select(Blob.sha256).where(Blob.sha256 == digest)).first():
            continue
        data = ctx.share.get_blob(digest) if ctx.share is not None else None
        if data is None:
            _pending(conn, "blob", digest, "the content is not on the share yet")
            ctx.report.waiting += 1
            continue
        conn.execute(Blob.__table__.insert().values(sha256=digest, size=len(data), data=data))


def _reindex(conn: Connection, model: type, ids: list[str],
             rows: list[dict[str, Any]] | None = None) -> None:
    """Replace the index entries of ``ids`` by those of the records now in place: ``rows``
    (their column values) or, when not given, read back from the table; one batch each way."""
    search.remove(conn, ids)
    if rows is None:
        table = model.__table__  # type: ignore[attr-defined]
        rows = []
        for i in range(0, len(ids), 500):
            rows += [dict(r) for r in conn.execute(
                select(table).where(table.c.id.in_(ids[i:i + 500]))).mappings()]
    docs = [doc for doc in (search.doc_for_values(model, v) for v in rows) if doc is not None]
    if docs:
        search.add(conn, docs)


def retry_pending(ctx: Context, conn: Connection) -> None:
    """Try again the records and blobs that could not be placed before."""
    rows = conn.execute(select(SyncPending.entity, SyncPending.entity_id)).all()
    if not rows:
        return
    conn.execute(SyncPending.__table__.delete())
    blobs = [eid for e, eid in rows if e == "blob"]
    materialize(ctx, conn, {(e, eid) for e, eid in rows if e != "blob"})
    _fetch_blobs(ctx, conn, blobs)


def append_own(ctx: Context, conn: Connection) -> None:
    """Chain and insert the audit rows this device wrote while applying (renumbering)."""
    if not ctx.own_rows:
        return
    audit.append(conn, ctx.user, ctx.device_id, ctx.own_rows)
    ctx.own_rows = []
