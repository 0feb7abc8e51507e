"""The audit viewer: the audit trail filtered by user, matter, record type and period, in words.

Filters narrow the audit rows in SQL; the rows of one page are then expanded into human-readable
lines by :func:`casedesk.core.history.describe` (names instead of ids, firm-local times).  A
matter filter takes the matter and its child records (parties, events and their attendees,
deadlines, tasks, notes, documents and their versions, correspondence), deleted ones included.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from casedesk.core import history, walls
from casedesk.core.errors import NotFound, ValidationError
from casedesk.core.fsutil import atomic_write
from casedesk.core.models import (
    AuditEntry,
    Matter,
)
from casedesk.core.permissions import Right

if TYPE_CHECKING:
    from casedesk.core.casefile import CaseFile

CSV_HEADER = ["when", "user", "device", "record type", "record id", "operation", "record",
              "field", "old value", "new value"]


@dataclass(frozen=True)
class AuditFilter:
    user: str | None = None
    matter: str | None = None  # a matter number
    entity: str | None = None  # a record type: "matter", "deadline", …
    start: date | None = None  # firm-local days, inclusive
    end: date | None = None

    def describe(self) -> str:
        parts = [f"{k}={v}" for k, v in asdict(self).items() if v]
        return ", ".join(parts) or "everything"


@dataclass(frozen=True)
class AuditLine:
    when: str  # firm-local "YYYY-MM-DD HH:MM:SS"
    user: str
    device_id: str
    entity: str
    entity_id: str
    op: str
    record: str
    field: str
    old: str
    new: str

    def as_row(self) -> list[str]:
        return [self.when, self.user, self.device_id, self.entity, self.entity_id, self.op,
                self.record, self.field, self.old, self.new]

    def text(self) -> str:
        what = f"{self.entity} {self.record}".strip()
        if self.op == "update" and self.field:
            return f"{self.when} {self.user}: {what}: {self.field} {self.old!r} → {self.new!r}"
        if self.field:
            value = self.new or self.old
            return f"{self.when} {self.user}: {self.op} {what}: {self.field} = {value!r}"
        return f"{self.when} {self.user}: {self.op} {what} {self.new or self.old}".rstrip()


@dataclass
class AuditPage:
    lines: list[AuditLine] = field(default_factory=list)
    total_rows: int = 0  # audit rows matching the filter (a row can give several lines)
    offset: int = 0
    limit: int = 0

    @property
    def has_more(self) -> bool:
        return self.offset + self.limit < self.total_rows


def entities(cf: CaseFile) -> list[str]:
    """The record types present in the audit trail (for filter pickers)."""
    cf.require(Right.AUDIT, "view the audit trail")
    with cf.read() as s:
        return sorted(s.scalars(select(AuditEntry.entity).distinct()))


def _utc_bound(day: date, tz: str) -> str:
    local = datetime.combine(day, time.min, tzinfo=ZoneInfo(tz))
    return local.astimezone(UTC).isoformat(timespec="microseconds")


def _statement(s: Session, flt: AuditFilter, tz: str) -> Select[Any]:
    stmt = select(AuditEntry)
    if flt.start and flt.end and flt.end < flt.start:
        raise ValidationError("The period ends before it starts.", field="to")
    if flt.user:
        stmt = stmt.where(func.lower(AuditEntry.user) == flt.user.strip().lower())
    if flt.entity:
        stmt = stmt.where(AuditEntry.entity == flt.entity.strip().lower())
    if flt.start:
        stmt = stmt.where(AuditEntry.ts >= _utc_bound(flt.start, tz))
    if flt.end:
        stmt = stmt.where(AuditEntry.ts < _utc_bound(flt.end + timedelta(days=1), tz))
    if flt.matter:
        matter = s.scalar(select(Matter).where(Matter.number == flt.matter.strip()))
        if matter is None:
            raise NotFound(f"There is no matter numbered '{flt.matter}'.")
        ids = sorted(walls.matter_record_ids(s, [matter.id]))
        chunks = [ids[n:n + 500] for n in range(0, len(ids), 500)]
        stmt = stmt.where(or_(*(AuditEntry.entity_id.in_(c) for c in chunks)))
    hidden = _walled_ids(s)
    for n in range(0, len(hidden), 500):
        stmt = stmt.where(AuditEntry.entity_id.not_in(hidden[n:n + 500]))
    return stmt


def _walled_ids(s: Session) -> list[str]:
    """Every record of matters behind a wall this user may not see, deleted ones included: their
    history is as invisible as they are."""
    return sorted(walls.matter_record_ids(s, walls.session_state(s).hidden))


def _lines(s: Session, rows: Iterable[AuditEntry], tz: str) -> list[AuditLine]:
    zone = ZoneInfo(tz)
    out = []
    for c in history.describe(s, rows, tz):
        try:
            when = datetime.fromisoformat(c.ts).astimezone(zone).strftime("%Y-%m-%d %H:%M:%S")
        except ValueError:
            when = c.ts
        out.append(AuditLine(when, c.user, c.device_id, c.entity, c.entity_id, c.op, c.record,
                             c.field, c.old, c.new))
    return out


def query(cf: CaseFile, flt: AuditFilter = AuditFilter(), *, offset: int = 0,
          limit: int = 200) -> AuditPage:
    """One page of the filtered audit trail, newest first, as human-readable lines."""
    cf.require(Right.AUDIT, "view the audit trail")
    tz = cf.firm().timezone or "UTC"
    with cf.read() as s:
        stmt = _statement(s, flt, tz)
        total = s.scalar(select(func.count()).select_from(stmt.subquery())) or 0
        rows = list(s.scalars(stmt.order_by(AuditEntry.ts.desc(), AuditEntry.device_id,
                                             AuditEntry.seq.desc())
                              .offset(max(0, offset)).limit(max(1, limit))))
        return AuditPage(_lines(s, rows, tz), int(total), offset, limit)


def all_lines(cf: CaseFile, flt: AuditFilter = AuditFilter()) -> list[AuditLine]:
    """Every line of the filtered view (for exports)."""
    out: list[AuditLine] = []
    offset = 0
    while True:
        page = query(cf, flt, offset=offset, limit=2000)
        out.extend(page.lines)
        if not page.has_more:
            return out
        offset += page.limit


def to_csv(lines: Iterable[AuditLine]) -> bytes:
    """CSV, UTF-8 with a byte-order mark so that Excel reads accents correctly."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for line in lines:
        writer.writerow([_safe(v) for v in line.as_row()])
    return b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8")


def _safe(value: str) -> str:
    """Keep spreadsheet programs from running a cell as a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") and not _number(value) else value


def _number(value: str) -> bool:
    try:
        float(value)
        return True
    except ValueError:
        return False


def export_csv(cf: CaseFile, flt: AuditFilter, path: Path) -> int:
    """Write the filtered view to ``path``; returns the number of lines.  Needs the export
    right too (the policy on non-admin exports applies)."""
    cf.require(Right.AUDIT, "view the audit trail")
    cf.require(Right.EXPORT, "export the audit trail")
    lines = all_lines(cf, flt)
    atomic_write(Path(path), to_csv(lines))
    return len(lines)
