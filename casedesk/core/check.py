"""`casedesk check`: is the case file sound?

Runs SQLCipher's page authentication check (every page's HMAC), SQLite's integrity and
foreign-key checks, and verifies every device's audit hash chain.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import text

from casedesk.core.audit import verify_chains
from casedesk.core.casefile import CaseFile
from casedesk.core.permissions import Right


@dataclass
class CheckReport:
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def sound(self) -> bool:
        return not self.problems

    def text(self) -> str:
        lines = list(self.notes)
        if self.sound:
            lines.append("The case file is sound.")
        else:
            lines.append(f"The case file has {len(self.problems)} problem(s):")
            lines.extend(f"  - {p}" for p in self.problems)
        return "\n".join(lines)


def check(cf: CaseFile) -> CheckReport:
    cf.require(Right.VIEW, "check the case file")
    report = CheckReport()
    with cf.engine.connect() as conn:
        cipher = [r[0] for r in conn.execute(text("PRAGMA cipher_integrity_check"))]
        report.problems.extend(f"encryption: {p}" for p in cipher)
        integrity = [r[0] for r in conn.execute(text("PRAGMA integrity_check"))]
        if integrity != ["ok"]:
            report.problems.extend(f"database: {p}" for p in integrity[:20])
        fks = conn.execute(text("PRAGMA foreign_key_check")).fetchall()
        for table, rowid, parent, _ in fks[:20]:
            report.problems.append(
                f"foreign keys: row {rowid} of {table} points to a missing {parent} row"
            )
        if len(fks) > 20:
            report.problems.append(f"foreign keys: {len(fks) - 20} more broken references")
        count, chain_problems = verify_chains(conn)
        devices = conn.execute(text("SELECT count(DISTINCT device_id) FROM audit")).scalar()
    report.notes.append(f"Audit trail: {count} entries from {devices} device(s) checked.")
    report.problems.extend(
        f"audit chain of device {p.device_id}: first bad entry is #{p.seq} ({p.entry_id}): "
        f"{p.problem}"
        for p in chain_problems
    )
    return report
