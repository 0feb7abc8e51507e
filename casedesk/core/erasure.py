"""Erasing a person's data where the retention policy allows it (issue 10).

The *subject* of an erasure is a contact, or the prospective client of an intake that was
declined or discarded.  What is erased is everything :data:`casedesk.core.personal.SPEC` calls
personal and that belongs to the subject: the contact's name and details, the answers and
attachments of its intakes, the names in their conflict checks, its party notes and the
correspondence and notes linked to it, and — for a client — the title and description of its
matters and the text, titles and content of their documents, correspondence, notes, tasks,
events and deadlines.  Records that must remain keep a placeholder (``[erased 2026-11-28]``).

In one write transaction (``secure_delete`` on): the placeholders are written (audited: the old
values are sealed under the subject's key, the placeholders are in the clear), the document
content goes, the subject's keys are destroyed — so every earlier audit value about it reads
``[erased]`` while every hash chain still verifies — and one audit row (op ``erase``) records
who, when and why.  Then the search index is optimised (deleted words leave it), the WAL is
checkpointed and the file vacuumed, so no old page with the name is left in the case file or in
backups made afterwards.

A retention policy decides what may be erased: a declined or discarded intake at any time; a
contact once every matter it is client of or party to was closed more than
``policy.retention_years`` years ago.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from casedesk.core import audit, personal
from casedesk.core.errors import NotFound, ValidationError
from casedesk.core.intakemodels import ConflictCheck, IntakeDraft
from casedesk.core.models import (
    Blob,
    Contact,
    Correspondence,
    Deadline,
    Document,
    DocumentVersion,
    Event,
    Matter,
    MatterParty,
    Note,
    Task,
)
from casedesk.core.permissions import Right

if TYPE_CHECKING:
    from casedesk.core.casefile import CaseFile

#: The content digest an erased document version points to (no blob has it).
ERASED_DIGEST = "0" * 64
CLOSED = ("closed", "archived")
ERASABLE_INTAKES = ("declined", "discarded")

#: entity → model, for the records an erasure scrubs (in this order).
MODELS: dict[str, Any] = {
    "contact": Contact, "intake_draft": IntakeDraft, "conflict_check": ConflictCheck,
    "party": MatterParty, "matter": Matter, "document": Document,
    "document_version": DocumentVersion, "correspondence": Correspondence, "note": Note,
    "task": Task, "event": Event, "deadline": Deadline,
}


@dataclass
class Item:
    """One record an erasure touches, described for the admin (before erasure, with the values
    that will go)."""

    entity: str
    id: str
    what: str


@dataclass
class Plan:
    subject_id: str
    subject: str  # "contact" | "intake"
    label: str
    #: every key owner whose keys are destroyed (the contact and its intakes)
    subjects: list[str] = field(default_factory=list)
    records: dict[str, list[str]] = field(default_factory=dict)
    items: list[Item] = field(default_factory=list)
    digests: list[str] = field(default_factory=list)  # document content that goes
    refusal: str | None = None
    erased_at: str | None = None

    @property
    def allowed(self) -> bool:
        return self.refusal is None

    def lines(self) -> list[str]:
        return [f"{i.entity} {i.id[:8]}: {i.what}" for i in self.items] + (
            [f"document content: {len(self.digests)} file(s)"] if self.digests else [])

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["allowed"] = self.allowed
        return out


def _ids(conn: Connection, sql: str, params: dict[str, Any]) -> list[str]:
    return [r[0] for r in conn.execute(text(sql), params)]


def _in(conn: Connection, sql: str, ids: list[str]) -> list[str]:
    out: list[str] = []
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        marks = ", ".join(f":p{n}" for n in range(len(chunk)))
        out += _ids(conn, sql.format(ids=marks), {f"p{n}": x for n, x in enumerate(chunk)})
    return out


def collect(conn: Connection, subject_id: str) -> Plan:
    """What erasing ``subject_id`` (a contact or an intake id) touches; refusal not decided."""
    contact = conn.execute(text("SELECT name FROM contacts WHERE id = :i"),
                           {"i": subject_id}).first()
    intake = None if contact else conn.execute(
        text("SELECT label, status FROM intake_drafts WHERE id = :i"), {"i": subject_id}).first()
    if contact is None and intake is None:
        raise NotFound(f"There is no contact or intake with id {subject_id}.")
    plan = Plan(subject_id, "contact" if contact else "intake",
                contact[0] if contact else (intake[0] or "(no name)"))
    rec: dict[str, list[str]] = {}
    if contact:
        c = {"c": subject_id}
        rec["contact"] = [subject_id]
        rec["intake_draft"] = _ids(conn, "SELECT id FROM intake_drafts WHERE client_id = :c", c)
        rec["party"] = _ids(conn, "SELECT id FROM matter_parties WHERE contact_id = :c", c)
        matters = _ids(conn, "SELECT id FROM matters WHERE client_id = :c", c)
        rec["matter"] = matters
        rec["document"] = _in(conn, "SELECT id FROM documents WHERE matter_id IN ({ids})",
                              matters)
        rec["correspondence"] = sorted(set(_in(
            conn, "SELECT id FROM correspondence WHERE matter_id IN ({ids})", matters)) | set(
            _ids(conn, "SELECT id FROM correspondence WHERE contact_id = :c", c)))
        rec["note"] = sorted(set(_in(conn, "SELECT id FROM notes WHERE matter_id IN ({ids})",
                                     matters))
                             | set(_ids(conn, "SELECT id FROM notes WHERE contact_id = :c", c)))
        for entity, table in (("task", "tasks"), ("event", "events"),
                              ("deadline", "deadlines")):
            rec[entity] = _in(conn, f"SELECT id FROM {table} WHERE matter_id IN ({{ids}})",
                              matters)
    else:
        rec["intake_draft"] = [subject_id]
    rec["conflict_check"] = _in(conn, "SELECT id FROM conflict_checks WHERE intake_id IN ({ids})",
                                rec["intake_draft"])
    rec["document_version"] = _in(
        conn, "SELECT id FROM document_versions WHERE document_id IN ({ids})",
        rec.get("document", []))
    plan.records = {k: v for k, v in rec.items() if v}
    plan.subjects = sorted({subject_id, *rec["intake_draft"]})
    digests = set(_in(conn, "SELECT sha256 FROM document_versions WHERE id IN ({ids})",
                      rec["document_version"]))
    for raw in _in(conn, "SELECT attachments FROM intake_drafts WHERE id IN ({ids})",
                   rec["intake_draft"]):
        for att in json.loads(raw or "[]"):
            if isinstance(att, dict) and att.get("sha256"):
                digests.add(att["sha256"])
    digests.discard(ERASED_DIGEST)
    plan.digests = sorted(digests)
    return plan


def _describe(s: Session, plan: Plan) -> None:
    for entity, ids in plan.records.items():
        model = MODELS[entity]
        fields = sorted(personal.SPEC[entity][0])
        for i in range(0, len(ids), 500):
            for obj in s.scalars(select(model).where(model.id.in_(ids[i:i + 500]))):
                shown = [f"{f}={getattr(obj, f)!r}" for f in fields
                         if getattr(obj, f, None) not in (None, "", [], {})]
                plan.items.append(Item(entity, obj.id, "; ".join(shown) or "(nothing personal)"))


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def refusal(conn: Connection, plan: Plan, retention_years: int,
            today: date | None = None) -> str | None:
    """Why the retention policy keeps the subject's data, or None when it may be erased."""
    today = today or date.today()
    if plan.subject == "intake":
        status = conn.execute(text("SELECT status FROM intake_drafts WHERE id = :i"),
                              {"i": plan.subject_id}).scalar()
        if status not in ERASABLE_INTAKES:
            return (f"The intake is {status}: only a declined or discarded intake can be erased "
                    "(an accepted one goes with its client).")
        return None
    limit = _years_before(today, retention_years)
    rows = conn.execute(text(
        "SELECT number, status, closed_on, archived_on FROM matters WHERE client_id = :c OR id "
        "IN (SELECT matter_id FROM matter_parties WHERE contact_id = :c) ORDER BY number"),
        {"c": plan.subject_id}).all()
    for number, status, closed_on, archived_on in rows:
        if status not in CLOSED:
            return (f"Matter {number} is {status}: the contact's data must be kept until every "
                    "matter of theirs is closed.")
        ended = closed_on or archived_on
        if ended is None or date.fromisoformat(str(ended)[:10]) > limit:
            return (f"Matter {number} was closed on {ended or 'an unknown day'}: the firm keeps "
                    f"a client's data {retention_years} years after closing (until "
                    f"{_after(ended, retention_years)}).")
    return None


def _after(ended: Any, years: int) -> str:
    if ended is None:
        return "it has a closing date"
    day = date.fromisoformat(str(ended)[:10])
    return _years_before(day, -years).isoformat()


def preview(cf: CaseFile, subject_id: str, today: date | None = None) -> Plan:
    """Everything erasing ``subject_id`` would destroy, and whether the policy allows it."""
    from casedesk.core import policy

    cf.require(Right.ADMINISTER, "erase personal data")
    years = policy.get(cf).retention_years
    with cf.read() as s:
        _past_walls(s)
        conn = s.connection()
        plan = collect(conn, subject_id)
        plan.refusal = refusal(conn, plan, years, today)
        _describe(s, plan)
    return plan


def _past_walls(s: Session) -> None:
    """An erasure reaches the subject's records behind ethical walls too (the administrator who
    erases sees what goes, as the law requires; walled content is deleted, never decrypted)."""
    from casedesk.core import walls

    s.info["casedesk_walls"] = walls.NO_WALLS


def _placeholder(column: Any, stamp: str) -> Any:
    if isinstance(column.type, JSON):
        return {} if column.name == "answers" else []
    return None if column.nullable else stamp


def erase(cf: CaseFile, subject_id: str, reason: str, today: date | None = None) -> Plan:
    """Erase the subject's personal data (administrators, where the policy allows); returns
    what was erased.  Raises ValidationError naming the reason when the policy keeps it."""
    from casedesk.core import conflicts, policy

    cf.require(Right.ADMINISTER, "erase personal data")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("Say why the data is erased (it is kept in the audit trail).",
                              field="reason")
    years = policy.get(cf).retention_years
    now = datetime.now(UTC)
    stamp = f"[erased {now.date().isoformat()}]"
    with cf.write(erasure=subject_id) as s:
        _past_walls(s)
        conn = s.connection()
        conn.exec_driver_sql("PRAGMA secure_delete = ON")
        plan = collect(conn, subject_id)
        plan.refusal = refusal(conn, plan, years, today)
        if plan.refusal:
            raise ValidationError(plan.refusal)
        _describe(s, plan)
        for entity, ids in plan.records.items():
            model = MODELS[entity]
            columns = [model.__table__.c[f] for f in sorted(personal.SPEC[entity][0])]
            for i in range(0, len(ids), 500):
                for obj in s.scalars(select(model).where(model.id.in_(ids[i:i + 500]))):
                    for col in columns:
                        setattr(obj, col.key, _placeholder(col, stamp))
                    if entity == "document_version":
                        obj.sha256, obj.size = ERASED_DIGEST, 0
        s.flush()  # the audit rows of the placeholders are sealed now, under the keys below
        audit.record_event(s, "contact" if plan.subject == "contact" else "intake_draft",
                           subject_id, "erase", json.dumps(
                               {"reason": reason, "subjects": plan.subjects,
                                "digests": plan.digests}, sort_keys=True),
                           field="erasure")
        audit.flush_extra(s)
        scrub(conn, plan.subjects, plan.digests, now.isoformat(timespec="seconds"),
              plan.records)
        plan.erased_at = now.isoformat(timespec="seconds")
    conflicts.invalidate(cf)
    compact(cf.engine)
    return plan


def scrub(conn: Connection, subjects: list[str], digests: list[str], when: str,
          records: dict[str, list[str]] | None = None) -> None:
    """The local part of an erasure, here or on a device that receives it: destroy the keys,
    the unused content, the search entries' old words and the conflict-index copy."""
    from casedesk.core.sync.apply import _reindex_documents

    for subject in subjects:
        conn.execute(text("DELETE FROM personal_keys WHERE subject_id = :s"), {"s": subject})
        conn.execute(text("INSERT OR IGNORE INTO erased_subjects (subject_id, erased_at) "
                          "VALUES (:s, :t)"), {"s": subject, "t": when})
    for digest in digests:
        used = conn.execute(text("SELECT 1 FROM document_versions WHERE sha256 = :d UNION ALL "
                                 "SELECT 1 FROM templates WHERE sha256 = :d UNION ALL "
                                 "SELECT 1 FROM intake_drafts WHERE attachments LIKE :l "
                                 "LIMIT 1"), {"d": digest, "l": f"%{digest}%"}).first()
        if used is None:
            conn.execute(Blob.__table__.delete().where(Blob.sha256 == digest))
    if records:
        ids = [i for v in records.values() for i in v]
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            marks = ", ".join(f":p{n}" for n in range(len(chunk)))
            conn.execute(text(f"UPDATE sync_conflicts SET winner_value = :e, loser_value = :e "
                              f"WHERE entity_id IN ({marks})"),
                         {"e": personal.ERASED, **{f"p{n}": x for n, x in enumerate(chunk)}})
        docs = records.get("document", [])
        if docs:
            _reindex_documents(conn, set(docs))
    conn.execute(text("DELETE FROM meta WHERE key = 'conflict_index'"))
    conn.exec_driver_sql("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
    # the next sync deletes the subjects' key files, this device's copies of the erased
    # content and its older snapshots from the share
    pending = _share_pending(conn)
    value = {"subjects": sorted({*pending["subjects"], *subjects}),
             "digests": sorted({*pending["digests"], *digests})}
    conn.execute(text("INSERT INTO meta (key, value) VALUES (:k, :v) ON CONFLICT(key) "
                      "DO UPDATE SET value = :v"), {"k": SHARE_PENDING, "v": json.dumps(value)})


def _share_pending(conn: Connection) -> dict[str, list[str]]:
    raw = json.loads(conn.execute(text("SELECT value FROM meta WHERE key = :k"),
                                  {"k": SHARE_PENDING}).scalar() or "[]")
    if isinstance(raw, list):  # the first format: subjects only
        return {"subjects": raw, "digests": []}
    return {"subjects": list(raw.get("subjects", [])), "digests": list(raw.get("digests", []))}


SHARE_PENDING = "erasure_share_pending"


def apply_remote(conn: Connection, row: dict[str, Any]) -> None:
    """The local part of an erasure made on another device (its placeholders arrived as
    ordinary audit rows and are in place already)."""
    try:
        payload = json.loads(row["new"] or "{}")
    except ValueError:
        return
    subjects = [s for s in payload.get("subjects", []) if isinstance(s, str)]
    records: dict[str, list[str]] = {}
    try:
        plan = collect(conn, row["entity_id"])
        records = plan.records
    except NotFound:
        pass
    scrub(conn, subjects, [d for d in payload.get("digests", []) if isinstance(d, str)],
          row["ts"], records)


def after_sync(conn: Connection, share: Any) -> bool:
    """After a sync that erased something (here or elsewhere): delete the erased subjects' key
    files and this device's older snapshots from the share, once a fresh snapshot is written.
    Returns whether the case file should be compacted."""
    from casedesk.core.sync import snapshot
    from casedesk.core.sync.changesets import device_state

    if conn.execute(text("SELECT 1 FROM meta WHERE key = :k"), {"k": SHARE_PENDING}).first() \
            is None:
        return False
    pending = _share_pending(conn)
    for subject in pending["subjects"]:
        share.drop_pkeys(subject)
    for digest in pending["digests"]:
        share.drop_own_blob(digest)
    seq, _d, _a = device_state(conn, share.device_id)
    if seq and snapshot.write(conn, share):
        share.drop_snapshots(keep=seq)
    conn.execute(text("DELETE FROM meta WHERE key = :k"), {"k": SHARE_PENDING})
    return True


def compact(engine: Any) -> None:
    """Leave no free page or WAL frame with erased data behind: checkpoint, vacuum, truncate."""
    raw = engine.raw_connection()  # autocommit (casedesk issues BEGIN itself): VACUUM may run
    try:
        con = raw.driver_connection
        for sql in ("PRAGMA secure_delete = ON", "PRAGMA wal_checkpoint(TRUNCATE)", "VACUUM",
                    "PRAGMA wal_checkpoint(TRUNCATE)"):
            con.execute(sql).fetchall()
    finally:
        raw.close()


# -- the retention report --------------------------------------------------------------------


@dataclass
class RetentionRow:
    kind: str  # "matter" | "contact" | "intake"
    id: str
    label: str
    since: str  # closed on / decided on
    erasable: bool
    note: str = ""


def retention_report(cf: CaseFile, today: date | None = None) -> list[RetentionRow]:
    """Matters closed longer ago than the retention period, contacts whose every matter is, and
    declined or discarded intakes (not yet erased)."""
    from casedesk.core import policy

    cf.require(Right.ADMINISTER, "see the retention report")
    years = policy.get(cf).retention_years
    today = today or date.today()
    limit = _years_before(today, years)
    out: list[RetentionRow] = []
    with cf.read() as s:
        from casedesk.core import walls

        hidden = walls.session_state(s).hidden
        conn = s.connection()
        erased = {r[0] for r in conn.execute(text("SELECT subject_id FROM erased_subjects"))}
        clients: set[str] = set()
        for mid, number, _status, closed_on, archived_on, client in conn.execute(text(
                "SELECT id, number, status, closed_on, archived_on, client_id FROM matters "
                "WHERE status IN ('closed', 'archived') ORDER BY number")):
            ended = closed_on or archived_on
            if ended and date.fromisoformat(str(ended)[:10]) <= limit:
                out.append(RetentionRow(
                    "matter", mid, "(behind an ethical wall)" if mid in hidden else number,
                    str(ended)[:10], False, f"closed more than {years} year(s) ago"))
                if client not in erased:
                    clients.add(client)
        for cid in sorted(clients):
            plan = collect(conn, cid)
            if refusal(conn, plan, years, today) is None:
                out.append(RetentionRow("contact", cid, plan.label, "", True,
                                        "every matter closed beyond the retention period"))
        for did, label, status, decided in conn.execute(text(
                "SELECT id, label, status, decided_at FROM intake_drafts WHERE status IN "
                "('declined', 'discarded') ORDER BY decided_at")):
            if did not in erased:
                out.append(RetentionRow("intake", did, label or "(no name)",
                                        str(decided or "")[:10], True, f"intake {status}"))
    return out
