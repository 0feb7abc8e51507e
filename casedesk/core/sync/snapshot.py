"""Snapshots: the whole firm as of one device's changeset, so a new device need not replay.

A snapshot holds every synced table's rows (as stored), the whole audit trail (so every
device's hash chain still verifies on the new device), the per-device high-water marks it
corresponds to, and the open conflicts.  It is encrypted and authenticated like a changeset.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from casedesk.core import audit
from casedesk.core.storage import db
from casedesk.core.sync import apply
from casedesk.core.sync.apply import ROW_FIELDS
from casedesk.core.sync.changesets import device_state, set_state
from casedesk.core.sync.models import SyncConflict, SyncDevice, SyncPending
from casedesk.core.sync.share import SNAPSHOTS, FileProblem, Share

EVERY = 200  # own changesets between snapshots


def _dump(conn: Connection, table: str) -> dict[str, Any]:
    result = conn.exec_driver_sql(f'SELECT * FROM "{table}"')
    return {"columns": list(result.keys()), "rows": [list(r) for r in result]}


def write(conn: Connection, share: Share) -> bool:
    """Write a snapshot if this device's audit rows are all pushed; returns whether written."""
    seq, _digest, audit_seq = device_state(conn, share.device_id)
    head, _h = audit.chain_head(conn, share.device_id)
    if seq == 0 or head != audit_seq:
        return False
    tables = {m.__table__.name: _dump(conn, m.__table__.name)  # type: ignore[attr-defined]
              for m in apply.models().values()}
    devices = {d: [s, h] for d, s, h in conn.execute(
        select(SyncDevice.device_id, SyncDevice.last_seq, SyncDevice.last_hash))}
    payload = {
        "created": datetime.now(UTC).isoformat(),
        "tables": tables, "audit": _dump(conn, "audit"),
        "conflicts": _dump(conn, SyncConflict.__tablename__),
        "pending": _dump(conn, SyncPending.__tablename__),
        "devices": devices,
    }
    if not share.numbered(SNAPSHOTS, share.device_id):
        _upload_all_blobs(conn, share)
    written, _d = share.write_numbered(SNAPSHOTS, seq, payload)
    return written


def _upload_all_blobs(conn: Connection, share: Share) -> None:
    """This device's first snapshot on a share (e.g. a new share after a firm-key rotation):
    whoever joins from it needs every document's content, not only that of this device's own
    changes."""
    from casedesk.core.docmodels import Template
    from casedesk.core.models import Blob, DocumentVersion

    digests = {r[0] for r in conn.execute(select(DocumentVersion.sha256))}
    digests |= {r[0] for r in conn.execute(select(Template.sha256))}
    for digest in sorted(digests):
        if share.find_blob(digest) is None:
            data = conn.execute(select(Blob.data).where(Blob.sha256 == digest)).scalar()
            if data is not None:
                share.put_blob(digest, bytes(data))


def due(share: Share, conn: Connection) -> bool:
    seq, _d, _a = device_state(conn, share.device_id)
    mine = share.numbered(SNAPSHOTS, share.device_id)
    last = mine[-1][0] if mine else 0
    return seq > 0 and (seq - last >= EVERY or not any(
        share.numbered(SNAPSHOTS, d) for d in share.devices()))


def newest(share: Share) -> tuple[dict[str, Any], Any] | None:
    """The most recent authentic snapshot on the share (header, payload), if any."""
    found = []
    for device in share.devices():
        for seq, path in share.numbered(SNAPSHOTS, device):
            found.append((path.stat().st_mtime, device, seq, path))
    for _m, device, seq, path in sorted(found, reverse=True):
        try:
            header, payload, _d = share.read_numbered(SNAPSHOTS, device, seq, path)
            return header, payload
        except FileProblem:
            continue
    return None


def _load(conn: Connection, table: str, part: dict[str, Any]) -> None:
    if not part["rows"]:
        return
    cols = ", ".join(f'"{c}"' for c in part["columns"])
    marks = ", ".join("?" for _ in part["columns"])
    db.executemany(conn, f'INSERT INTO "{table}" ({cols}) VALUES ({marks})',
                   [tuple(r) for r in part["rows"]])


def load(conn: Connection, payload: dict[str, Any]) -> None:
    """Fill an empty replica from a snapshot (inside the caller's transaction)."""
    conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
    audit_part = payload["audit"]
    rows = [dict(zip(audit_part["columns"], r, strict=True)) for r in audit_part["rows"]]
    audit.insert_rows(conn, [{k: r[k] for k in ROW_FIELDS} for r in rows])
    for table, part in payload["tables"].items():
        _load(conn, table, part)
    _load(conn, SyncConflict.__tablename__, payload["conflicts"])
    _load(conn, SyncPending.__tablename__, payload["pending"])
    for device, (seq, digest) in payload["devices"].items():
        set_state(conn, device, seq, digest, 0)
    if rows:
        audit.observe_remote_timestamp(conn, max(r["ts"] for r in rows))
    for model in apply.INDEXED:
        ids = [r[0] for r in conn.execute(select(model.id))]
        if ids:
            apply._reindex(conn, model, ids)
