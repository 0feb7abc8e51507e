"""Pushing this device's audit rows as changesets, pulling and applying other devices'.

A changeset's payload is ``{"prev": sha256 of the device's previous changeset file, "rows":
[audit rows]}``; its header carries firm id, device id, sequence number and format version (see
:mod:`casedesk.core.sync.share`).  A receiver applies a device's changesets strictly in order:
number n+1 must name the hash of number n, and its rows must continue the device's hash-chained
audit trail.  Anything else (truncated, damaged, altered, foreign, out of order) is quarantined
and retried on later syncs; the device's later changesets wait behind it, other devices go on.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.engine import Connection

from casedesk.core import audit
from casedesk.core.models import AuditEntry
from casedesk.core.storage import db
from casedesk.core.sync import apply
from casedesk.core.sync.apply import ROW_FIELDS, Context
from casedesk.core.sync.models import SyncDevice, SyncQuarantine
from casedesk.core.sync.share import CHANGES, FileProblem, Share, SyncError

MAX_ROWS = 5000  # audit rows per changeset file
MAX_FILES = 500  # changeset files applied per transaction


@dataclass
class PullResult:
    pulled: int = 0
    files: int = 0
    skipped: list[str] = field(default_factory=list)
    newer: list[str] = field(default_factory=list)
    waiting: list[str] = field(default_factory=list)
    more: bool = False
    erased: bool = False  # an erasure was applied: fresh snapshot, old ones and pages go


def device_state(conn: Connection, device_id: str) -> tuple[int, str, int]:
    row = conn.execute(select(SyncDevice.last_seq, SyncDevice.last_hash, SyncDevice.audit_seq)
                       .where(SyncDevice.device_id == device_id)).first()
    return (row[0], row[1], row[2]) if row else (0, "", 0)


def set_state(conn: Connection, device_id: str, seq: int, digest: str, audit_seq: int) -> None:
    conn.execute(text(
        "INSERT INTO sync_devices (device_id, last_seq, last_hash, audit_seq, updated) "
        "VALUES (:d, :s, :h, :a, :u) ON CONFLICT(device_id) DO UPDATE SET last_seq = :s, "
        "last_hash = :h, audit_seq = :a, updated = :u"),
        {"d": device_id, "s": seq, "h": digest, "a": audit_seq,
         "u": datetime.now(UTC).isoformat(timespec="seconds")})


def _rows_of(payload: Any) -> list[dict[str, Any]]:
    rows = payload.get("rows") if isinstance(payload, dict) else None
    if not isinstance(rows, list):
        raise FileProblem("damaged", "it holds no audit rows")
    try:
        return [dict(zip(ROW_FIELDS, r, strict=True)) for r in rows]
    except (TypeError, ValueError):
        raise FileProblem("damaged", "its audit rows are malformed") from None


# -- push -----------------------------------------------------------------------------------------


def push(conn: Connection, share: Share, device_id: str) -> int:
    """Write this device's new audit rows to the share; returns how many were pushed.

    Runs inside the caller's write transaction.  A changeset that reached the share before a
    crash (so the local note of it was lost) is adopted instead of being written again."""
    publish_keys(conn, share)
    seq, digest, audit_seq = device_state(conn, device_id)
    for n, path in share.numbered(CHANGES, device_id):
        if n <= seq:
            continue
        if n != seq + 1:
            raise SyncError(f"This device's changeset {seq + 1} is missing from the share; "
                            "nothing was pushed.")
        try:
            _h, payload, found = share.read_numbered(CHANGES, device_id, n, path)
            rows = _rows_of(payload)
        except FileProblem as exc:
            raise SyncError(f"This device's own changeset {share.rel(path)} on the share is "
                            f"unusable ({exc}); nothing was pushed.") from None
        seq, digest = n, found
        audit_seq = max([audit_seq, *(r["seq"] for r in rows)])
    cols = [getattr(AuditEntry, c) for c in ROW_FIELDS]
    rows = [list(r) for r in conn.execute(
        select(*cols).where(AuditEntry.device_id == device_id, AuditEntry.seq > audit_seq)
        .order_by(AuditEntry.seq))]
    pushed = 0
    for i in range(0, len(rows), MAX_ROWS):
        chunk = rows[i:i + MAX_ROWS]
        _upload_blobs(conn, share, chunk)
        written, found = share.write_numbered(CHANGES, seq + 1, {"prev": digest, "rows": chunk})
        if not written:
            raise SyncError("Another casedesk is syncing this case file right now; try again "
                            "in a moment.")
        seq, digest, audit_seq = seq + 1, found, chunk[-1][2]
        pushed += len(chunk)
    set_state(conn, device_id, seq, digest, audit_seq)
    return pushed


def _upload_blobs(conn: Connection, share: Share, rows: list[list[Any]]) -> None:
    import json

    from casedesk.core.models import Blob

    digests = set()
    for r in rows:
        entity, op, name, new = r[5], r[7], r[8], r[10]
        model = apply.models().get(entity)
        if model is None or "sha256" not in model.__table__.c or new is None:  # type: ignore[attr-defined]
            continue
        if op == "insert":
            value = json.loads(new).get("sha256")
            if value:
                digests.add(value)
        elif op == "update" and name == "sha256":
            digests.add(new)
    for digest in sorted(digests):
        if share.find_blob(digest) is not None:
            continue
        data = conn.execute(select(Blob.data).where(Blob.sha256 == digest)).scalar()
        if data is not None:
            share.put_blob(digest, bytes(data))


# -- pull -----------------------------------------------------------------------------------------


def quarantine(conn: Connection, name: str, device: str, reason: str) -> None:
    now = datetime.now(UTC).isoformat(timespec="seconds")
    conn.execute(text(
        "INSERT INTO sync_quarantine (name, device_id, reason, first_seen, last_tried, attempts) "
        "VALUES (:n, :d, :r, :t, :t, 1) ON CONFLICT(name) DO UPDATE SET reason = :r, "
        "last_tried = :t, attempts = attempts + 1"),
        {"n": name, "d": device, "r": reason, "t": now})


def pull(ctx: Context, conn: Connection, share: Share) -> PullResult:
    """Apply other devices' new changesets (at most ``MAX_FILES``; ``result.more`` says whether
    another round is needed).  Runs inside the caller's write transaction."""
    result = PullResult()
    conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
    adopt_keys(conn, share)
    erasures: list[dict[str, Any]] = []
    touched: set[tuple[str, str]] = set()
    newest_ts = ""
    for device in share.devices():
        if device == ctx.device_id:
            continue
        seq, digest, _a = device_state(conn, device)
        start = seq
        for n, path in share.numbered(CHANGES, device):
            if n <= seq:
                continue
            if result.files >= MAX_FILES:
                result.more = True
                break
            name = share.rel(path)
            if n != seq + 1:
                result.waiting.append(f"changeset {seq + 1} of device {device[:8]} is not on the "
                                      "share yet")
                break
            try:
                _h, payload, found = share.read_numbered(CHANGES, device, n, path)
                if payload.get("prev") != digest:
                    raise FileProblem("tampered", "it does not follow the device's previous "
                                      "changeset")
                rows = _rows_of(payload)
                fresh = _verify_chain(conn, device, rows)
            except FileProblem as exc:
                quarantine(conn, name, device, str(exc))
                (result.newer if exc.kind == "newer" else result.skipped).append(f"{name}: {exc}")
                break
            if fresh:
                audit.insert_rows(conn, fresh)
                newest_ts = max(newest_ts, max(r["ts"] for r in fresh))
                touched.update((r["entity"], r["entity_id"]) for r in fresh
                               if r["op"] in apply.DATA_OPS)
                erasures += [r for r in fresh if r["op"] == "erase"]
            conn.execute(SyncQuarantine.__table__.delete().where(SyncQuarantine.name == name))
            seq, digest = n, found
            result.pulled += len(fresh)
            result.files += 1
        if seq != start:
            set_state(conn, device, seq, digest, 0)
    if newest_ts:
        audit.observe_remote_timestamp(conn, newest_ts)
    apply.materialize(ctx, conn, touched)
    if erasures:
        from casedesk.core import erasure

        for r in erasures:
            erasure.apply_remote(conn, r)
            for subject in json.loads(r["new"] or "{}").get("subjects", []):
                share.drop_pkeys(subject)
        result.erased = True
    return result


PKEYS_SEEN = "sync_pkeys_seen"


def publish_keys(conn: Connection, share: Share) -> None:
    """Put the personal-data keys this device made since the last sync on the share."""
    keys: dict[str, list[bytes]] = {}
    for subject, key in conn.execute(text(
            "SELECT subject_id, key FROM personal_keys WHERE subject_id IN (SELECT subject_id "
            "FROM personal_keys WHERE published = 0) ORDER BY rowid")):
        keys.setdefault(subject, []).append(bytes(key))
    share.put_pkeys(keys)
    if keys:
        conn.execute(text("UPDATE personal_keys SET published = 1 WHERE published = 0"))


def adopt_keys(conn: Connection, share: Share) -> None:
    """Take in the personal-data keys other devices put on the share (those of subjects
    erased here are never taken in again)."""
    seen = int(conn.execute(text("SELECT value FROM meta WHERE key = :k"),
                            {"k": PKEYS_SEEN}).scalar() or 0)
    newest = seen
    # two seconds of slack: a file written in the same instant as the last look is read again
    files = list(share.pkey_files(max(0, seen - 2_000_000_000)))
    erased = {r[0] for r in conn.execute(text("SELECT subject_id FROM erased_subjects"))}
    rows = []
    for subject, path, mtime in files:
        newest = max(newest, mtime)
        if subject not in erased:
            rows.extend((subject, key) for key in share.read_pkeys(subject, path))
    if rows:  # one executemany (a first sync takes in a key per contact of the firm)
        db.executemany(conn, "INSERT OR IGNORE INTO personal_keys (subject_id, key, published) "
                       "VALUES (?, ?, 1)", rows)
    if newest != seen:
        conn.execute(text("INSERT INTO meta (key, value) VALUES (:k, :v) ON CONFLICT(key) "
                          "DO UPDATE SET value = :v"), {"k": PKEYS_SEEN, "v": str(newest)})


def _verify_chain(conn: Connection, device: str, rows: list[dict[str, Any]]
                  ) -> list[dict[str, Any]]:
    """The rows not yet held locally, checked to continue ``device``'s audit chain."""
    head_seq, head_hash = audit.chain_head(conn, device)
    fresh = []
    for r in rows:
        if r["device_id"] != device:
            raise FileProblem("tampered", "it carries audit rows of another device")
        if r["seq"] <= head_seq:
            continue
        if r["seq"] != head_seq + 1 or r["prev_hash"] != head_hash \
                or audit.entry_hash(head_hash, r) != r["hash"]:
            raise FileProblem("tampered", "its audit rows do not continue the device's audit "
                              "trail")
        head_seq, head_hash = r["seq"], r["hash"]
        fresh.append(r)
    return fresh
