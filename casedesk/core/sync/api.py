"""What the CLI and the GUI call: sync now, list and resolve conflicts, status."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from casedesk.core import audit
from casedesk.core.errors import NotFound, ValidationError
from casedesk.core.ids import new_id
from casedesk.core.models import AuditEntry
from casedesk.core.permissions import Right
from casedesk.core.storage import db
from casedesk.core.sync import apply, changesets, keys, snapshot
from casedesk.core.sync.models import SyncConflict, SyncPending
from casedesk.core.sync.share import Share, SyncError, SyncKeys

if TYPE_CHECKING:
    from casedesk.core.casefile import CaseFile

LAST_SYNC_KEY = "sync_last"


@dataclass
class SyncReport:
    share: str
    pushed: int = 0
    pulled: int = 0
    files: int = 0
    conflicts: list[str] = field(default_factory=list)  # new conflicts, described
    renumbered: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # quarantined files and why
    newer: list[str] = field(default_factory=list)  # files of a newer format
    waiting: list[str] = field(default_factory=list)
    snapshot: bool = False
    finished: str = ""
    entities: list[str] = field(default_factory=list)  # kinds of records changed by the pull

    @property
    def update_needed(self) -> bool:
        return bool(self.newer)

    def lines(self) -> list[str]:
        out = [f"pushed {self.pushed} change(s), pulled {self.pulled} change(s) "
               f"from {self.files} file(s)"]
        out += [f"conflict: {c}" for c in self.conflicts]
        out += [f"matter {a} renumbered to {b} (the number was given twice offline)"
                for a, b in self.renumbered]
        out += [f"skipped {s}" for s in self.skipped]
        out += [f"not applied {s}" for s in self.newer]
        out += [f"waiting: {w}" for w in self.waiting]
        return out


def share_for(cf: CaseFile, root: Path | str) -> Share:
    return Share(root, cf.firm_id, cf.device_id, SyncKeys.derive(cf.subkey("sync")))


def sync_now(cf: CaseFile, share_dir: Path | str) -> SyncReport:
    """Push this device's changes, then pull and apply everyone else's.

    Raises :class:`SyncError` when the share is missing or not writable (nothing local changed).
    A damaged, foreign or newer-format file is skipped and named in the report."""
    share = share_for(cf, share_dir)
    share.check()
    report = SyncReport(share=str(share.root))
    ctx = apply.Context(cf.device_id, cf.user.username, share)
    write_engine = cf.engine.execution_options(casedesk_write=True)
    try:
        with write_engine.begin() as conn:
            report.skipped += keys.sync_keys(conn, share, cf.slots, cf.path)
            report.pushed = changesets.push(conn, share, cf.device_id)
        more = True
        while more:
            with write_engine.begin() as conn:
                result = changesets.pull(ctx, conn, share)
                apply.retry_pending(ctx, conn)
                apply.append_own(ctx, conn)
                if result.more is False:
                    report.pushed += changesets.push(conn, share, cf.device_id)
            report.pulled += result.pulled
            report.files += result.files
            report.skipped += result.skipped
            report.newer += result.newer
            report.waiting += result.waiting
            more = result.more
        compact = False
        with write_engine.begin() as conn:
            from casedesk.core import erasure

            compact = erasure.after_sync(conn, share)
            if snapshot.due(share, conn):
                report.snapshot = snapshot.write(conn, share)
            report.waiting += [f"{e} {i[:8]}: {r}" for e, i, r in conn.execute(
                select(SyncPending.entity, SyncPending.entity_id, SyncPending.reason))]
            report.finished = datetime.now(UTC).isoformat(timespec="seconds")
            conn.execute(text("INSERT INTO meta (key, value) VALUES (:k, :v) ON CONFLICT(key) "
                              "DO UPDATE SET value = :v"),
                         {"k": LAST_SYNC_KEY, "v": json.dumps(asdict(report))})
        if compact:  # an erasure: no old page with the erased data stays in the file
            from casedesk.core import conflicts, erasure

            conflicts.invalidate(cf)
            erasure.compact(cf.engine)
    except DBAPIError as exc:
        raise db.translate(exc, cf.path) from exc
    report.conflicts = [describe(c) for c in _conflicts(cf, ctx.report.conflicts)]
    report.renumbered = ctx.report.renumbered
    report.entities = sorted(ctx.entities)
    return report


def _conflicts(cf: CaseFile, ids: list[str]) -> list[SyncConflict]:
    if not ids:
        return []
    with cf.read() as s:
        return list(s.scalars(select(SyncConflict).where(SyncConflict.id.in_(ids))))


def describe(c: SyncConflict) -> str:
    if c.kind == "delete":
        return (f"{c.entity} {c.entity_id[:8]} was deleted by {c.winner_user} while "
                f"{c.loser_user} set {c.field} to {c.loser_value!r} [{c.id[:8]}]")
    if c.kind == "unplaced":
        return f"{c.entity} {c.entity_id[:8]} could not be placed: {c.loser_value} [{c.id[:8]}]"
    return (f"{c.entity} {c.entity_id[:8]} {c.field}: {c.winner_user} set {c.winner_value!r} "
            f"(kept), {c.loser_user} set {c.loser_value!r} [{c.id[:8]}]")


def open_conflicts(cf: CaseFile) -> list[SyncConflict]:
    """Conflicts no one has resolved yet, oldest first."""
    cf.require(Right.VIEW, "view sync conflicts")
    with cf.read() as s:
        return list(s.scalars(select(SyncConflict).where(SyncConflict.resolved_at.is_(None))
                              .order_by(SyncConflict.detected_at, SyncConflict.id)))


def _find(s: Any, conflict_id: str) -> SyncConflict:
    found = list(s.scalars(select(SyncConflict).where(SyncConflict.id.like(f"{conflict_id}%"))))
    if len(found) != 1:
        raise NotFound(f"There is no sync conflict {conflict_id}." if not found
                       else f"The conflict id {conflict_id} is ambiguous; give more of it.")
    return found[0]


def resolve_conflict(cf: CaseFile, conflict_id: str, choice: str) -> SyncConflict:
    """Settle a conflict: ``choice`` is ``"kept"`` (the value in place now) or ``"other"``
    (the value that lost).  The chosen value is written as a normal audited change, and the
    resolution travels to the other devices as an audit row."""
    cf.require(Right.EDIT, "resolve sync conflicts")
    if choice not in ("kept", "other"):
        raise ValidationError("Choose 'kept' or 'other' to resolve a conflict.", field="choice")
    with cf.write() as s:
        c = _find(s, conflict_id)
        if c.resolved_at is not None:
            raise ValidationError(f"The conflict {c.id[:8]} is already resolved.")
        model = apply.models().get(c.entity)
        if choice == "other" and c.kind == "field" and model is not None:
            obj = s.get(model, c.entity_id)
            if obj is None:
                raise ValidationError(f"The {c.entity} of conflict {c.id[:8]} no longer exists.")
            column = model.__table__.c[c.field]  # type: ignore[attr-defined]
            setattr(obj, c.field, apply.value_from_audit(column, c.loser_value))
        elif choice == "other":
            raise ValidationError("A deleted or unplaced record cannot be brought back here; "
                                  "choose 'kept' to acknowledge it.")
        value = c.loser_value if choice == "other" else c.winner_value
        s.info.setdefault("audit_extra", []).append({
            "id": new_id(), "entity": c.entity, "entity_id": c.entity_id, "op": "resolve",
            "field": c.field, "old": value, "new": c.id})
        c.resolved_at = datetime.now(UTC).isoformat(timespec="seconds")
        c.resolved_by = cf.user.username
        c.resolution = f"{choice}: {value}"
    return c


def pending_changes(cf: CaseFile) -> int:
    """How many of this device's changes are not on the share yet."""
    with cf.read() as s:
        _seq, _h, audit_seq = changesets.device_state(s.connection(), cf.device_id)
        head, _hash = audit.chain_head(s, cf.device_id)
        return max(0, head - audit_seq)


def last_sync(cf: CaseFile) -> dict[str, Any] | None:
    """The report of the last completed sync (as a dict), or None if it never synced."""
    with cf.read() as s:
        raw = s.execute(text("SELECT value FROM meta WHERE key = :k"),
                        {"k": LAST_SYNC_KEY}).scalar()
    return json.loads(raw) if raw else None


def audit_count(cf: CaseFile) -> int:
    with cf.read() as s:
        return int(s.scalar(select(func.count()).select_from(AuditEntry)) or 0)


__all__ = ["SyncError", "SyncReport", "last_sync", "open_conflicts", "pending_changes",
           "resolve_conflict", "sync_now"]
