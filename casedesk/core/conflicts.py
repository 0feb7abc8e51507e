"""Conflict-of-interest checks.

A check puts names (a prospective client, every adverse party, a party about to be added to a
matter) to an in-memory :class:`~casedesk.core.names.NameIndex` of every contact in the firm and
of the names in declined intakes.  Each hit says who matched (the name as stored), the score,
every matter that contact is involved in (number, title, status, their role there) and the
contact's standing with the firm:

``current_client``
    client of a matter that is in intake, open or pending (or marked as a client with no matter);
``former_client``
    client only of closed or archived matters;
``adverse_party``
    opposing party or opposing counsel in some matter, and not a client;
``other``
    any other contact (witness, expert…);
``declined_intake``
    a name from an intake the firm declined.

The index holds names only; a hit's matters, roles and standing are read from the database for
the contacts that matched.  It is kept per :class:`~casedesk.core.casefile.CaseFile` and, so
that the first check after unlocking need not fold every name again, in the case file itself
(see "the cached index" below); the audit trail says which contacts and intakes changed since,
and only those are read again.  Checks for intakes are stored as :class:`ConflictCheck`
records with the reviewer's decision (see :func:`decide`); adding a party to a matter, or
changing a party's role, goes through :func:`add_party_checked` /
:func:`change_party_role_checked`, which raise :class:`ConflictWarning` until the user
acknowledges the hits.
"""

from __future__ import annotations

import gc
import json
import threading
import time
import weakref
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from casedesk.core import validate as v
from casedesk.core import walls
from casedesk.core.casefile import CaseFile
from casedesk.core.errors import CasedeskError, ValidationError
from casedesk.core.intakemodels import ConflictCheck, IntakeDraft
from casedesk.core.models import Contact, Matter, MatterParty, PartyRole
from casedesk.core.names import (
    DEFAULT_THRESHOLD,
    KEY_VERSION,
    ORGANISATION,
    PERSON,
    NameHit,
    NameIndex,
    name_key,
)
from casedesk.core.permissions import Right
from casedesk.core.services.common import get_or_404
from casedesk.core.storage import db, migrate

LIVE_STATUSES = frozenset({"intake", "open", "pending"})
ADVERSE_ROLES = frozenset({"opposing_party", "opposing_counsel"})
CLIENT_ROLES = frozenset({"client"})
DECISIONS = ("cleared", "waived", "declined")
STANDINGS = ("current_client", "former_client", "adverse_party", "other", "declined_intake",
             "walled")


class ConflictWarning(CasedeskError):
    """Saving would create a possible conflict of interest; ``hits`` lists what matched."""

    def __init__(self, message: str, hits: list[Hit]) -> None:
        super().__init__(message)
        self.hits = hits


@dataclass(frozen=True)
class Hit:
    """One match: the name checked, what it matched, and where that contact appears."""

    query: str
    query_role: str | None
    name: str  # as stored
    score: float
    exact: bool
    standing: str
    contact_id: str | None = None
    intake_id: str | None = None
    matter_id: str | None = None
    matter_number: str | None = None
    matter_title: str | None = None
    matter_status: str | None = None
    role: str | None = None  # their role on that matter (or in the declined intake)
    #: For a matter behind an ethical wall the user may not see: whom to ask (and nothing
    #: about the matter itself; standing is "walled").
    ask: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def describe(self) -> str:
        """One line for a person: who, where, as what, how close."""
        if self.ask:
            return (f"'{self.query}' matches {self.name}: a possible conflict with a matter "
                    f"behind an ethical wall; ask {self.ask} (score {self.score:g})")
        where = (f"{self.role or 'party'} in {self.matter_number} {self.matter_title}"
                 if self.matter_number else
                 "in a declined intake" if self.standing == "declined_intake" else "a contact")
        return (f"'{self.query}' matches {self.name} ({self.standing.replace('_', ' ')}; "
                f"{where}; score {self.score:g})")


# -- the cached index ---------------------------------------------------------------------------
#
# The index holds the names only: every contact (ref: the contact id) and the names of declined
# intakes (ref: ("i", draft id, n)).  What a hit needs besides (the contact's matters, roles and
# standing) is read from the database for the few contacts that matched, so matter and party
# changes never make the index stale.
#
# It is kept in memory per CaseFile, and in the case file itself (the local ``meta`` table,
# encrypted with the rest) so that the first check after unlocking loads it instead of folding
# 50,000 names again.  Both copies are tagged with the newest audit row they reflect: every write
# (local or synced) appends audit rows, so the rows after the tag name exactly the contacts and
# intakes to read again.


@dataclass
class _Index:
    #: rowid of the newest audit row this index reflects
    top: int
    names: NameIndex
    #: ("i", draft id, n) → (draft id, role)
    intake_refs: dict[tuple[str, str, int], tuple[str, str]]
    #: declined draft id → how many names it put in the index
    drafts: dict[str, int]
    #: "built" from the database or "loaded" from the copy in the case file
    source: str = "built"
    #: audit top of the copy kept in the case file (-1: none)
    stored_top: int = -1
    #: when writing that copy last failed (time.monotonic())
    failed_at: float = float("-inf")
    #: What checks read about the contacts that matched, kept for the next check until a
    #: contact, matter or party changes: contact id → ([(matter id, role)], standing), and
    #: matter id → (number, title, status).
    details: dict[str, tuple[list[tuple[str, str]], str]] = field(default_factory=dict)
    matters: dict[str, tuple[str, str, str]] = field(default_factory=dict)


_CACHE: weakref.WeakKeyDictionary[CaseFile, _Index] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()

#: Audit entities whose changes can change the name index (contacts, intakes) or what is kept
#: of the contacts' matters (contacts, matters, parties).
_WATCHED = ("contact", "intake_draft", "matter", "party")
#: Audit operations that never change a record.
_READ_ONLY_OPS = ("access", "note")
#: Beyond this many new audit rows, building afresh is cheaper than reading what changed.
_REBUILD_AFTER = 200_000
#: The copy in the case file is written again once it lags this many audit rows behind.
_STORE_LAG = 20_000
#: How long writing the copy waits for a busy case file before giving up (it is only a cache),
#: and how long before it tries again after that (or when the file is read-only).
_STORE_WAIT_MS = 100
_STORE_RETRY_S = 60.0
_CHUNK = 500
#: At most this many contacts' matters are kept between checks.
_DETAILS_KEPT = 20_000

_META_KEY = "conflict_index"
_FORMAT = 1
_FIELD_SEP = "\x1e"
_ITEM_SEP = "\x1f"
_KIND_CODES = {None: "-", PERSON: "p", ORGANISATION: "o"}
_CODE_KINDS = {code: kind for kind, code in _KIND_CODES.items()}
_SPOT_CHECKS = 64


@contextmanager
def _bulk() -> Iterator[None]:
    """No cyclic garbage collection while tens of thousands of dicts and tuples are made (none
    of them garbage): the collector would walk them over and over."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _chunks(items: Sequence[str], size: int = _CHUNK) -> Iterable[Sequence[str]]:
    return (items[i:i + size] for i in range(0, len(items), size))


def _audit_top(conn: Connection) -> int:
    return int(conn.exec_driver_sql("SELECT coalesce(max(rowid), 0) FROM audit").scalar_one())


def _audit_hash(conn: Connection, rowid: int) -> str:
    if rowid <= 0:
        return ""
    return str(conn.exec_driver_sql("SELECT hash FROM audit WHERE rowid = ?",
                                    (rowid,)).scalar() or "")


def _build(s: Session, top: int) -> _Index:
    """Read every contact name and declined intake (the state at audit row *top*)."""
    conn = s.connection()
    c = Contact.__table__.c
    names = NameIndex()
    with _bulk():
        names.add_many(conn.execute(select(c.id, c.name, c.kind)))
    index = _Index(top, names, {}, {})
    _read_intakes(s, index, None)
    return index


def _read_intakes(s: Session, index: _Index, draft_ids: Sequence[str] | None) -> None:
    """(Re-)index the names of these drafts (``None``: every declined draft)."""
    for draft_id in draft_ids or ():
        for n in range(index.drafts.pop(draft_id, 0)):
            index.names.remove(("i", draft_id, n))
            index.intake_refs.pop(("i", draft_id, n), None)
    stmt = select(IntakeDraft.id, IntakeDraft.answers).where(IntakeDraft.status == "declined")
    rows: list[Any] = []
    if draft_ids is None:
        rows = list(s.execute(stmt))
    else:
        for chunk in _chunks(draft_ids):
            rows += s.execute(stmt.where(IntakeDraft.id.in_(chunk)))
    if not rows:
        return
    from casedesk.core.intake import conflict_names  # a large module: only when needed

    for draft_id, answers in rows:
        items = conflict_names(answers or {})
        refs = [("i", draft_id, n) for n in range(len(items))]
        index.names.add_many((ref, item["name"], item.get("kind"))
                             for ref, item in zip(refs, items, strict=True))
        for ref, item in zip(refs, items, strict=True):
            index.intake_refs[ref] = (draft_id, item["role"])
        index.drafts[draft_id] = len(items)


def _catch_up(s: Session, index: _Index, top: int) -> None:
    """Apply what changed between the index's audit row and *top*: the contacts and intakes
    named by the audit rows in between are read again (or dropped when gone)."""
    conn = s.connection()
    # "+entity": walk the new rows by rowid rather than every contact row of the entity index.
    changed = conn.exec_driver_sql(
        "SELECT DISTINCT entity, entity_id FROM audit WHERE rowid > ? AND rowid <= ? AND "
        f"+entity IN ({', '.join('?' * len(_WATCHED))}) AND "
        f"op NOT IN ({', '.join('?' * len(_READ_ONLY_OPS))})",
        (index.top, top, *_WATCHED, *_READ_ONLY_OPS)).all()
    contact_ids = [eid for entity, eid in changed if entity == "contact"]
    draft_ids = [eid for entity, eid in changed if entity == "intake_draft"]
    if any(entity in ("matter", "party") for entity, _eid in changed):
        index.details.clear()
        index.matters.clear()
    for cid in contact_ids:  # (whether marked as a client)
        index.details.pop(cid, None)
    c = Contact.__table__.c
    for chunk in _chunks(contact_ids):
        rows = conn.execute(select(c.id, c.name, c.kind).where(c.id.in_(chunk))).all()
        found = {row[0] for row in rows}
        for cid in chunk:
            if cid not in found:
                index.names.remove(cid)
        index.names.add_many(rows)
    if draft_ids:
        _read_intakes(s, index, draft_ids)
    index.top = top


def _dump(index: _Index, audit_hash: str, schema: str | None) -> str | None:
    """The contact names as one text: a JSON header (what it reflects) and the columns (ids,
    names, kinds, keys), joined by control characters.  None if a name holds one."""
    refs, names, kinds, keys = index.names.columns()
    if index.drafts:  # intakes are read afresh on load
        keep = [i for i, ref in enumerate(refs) if isinstance(ref, str)]
        refs, names, kinds, keys = ([col[i] for i in keep] for col in (refs, names, kinds, keys))
    columns = [_ITEM_SEP.join(refs),  # type: ignore[arg-type]
               _ITEM_SEP.join(names),
               "".join(_KIND_CODES[k] for k in kinds),
               _ITEM_SEP.join(keys)]
    n = len(refs)
    for col in (columns[0], columns[1], columns[3]):
        if _FIELD_SEP in col or col.count(_ITEM_SEP) != max(n - 1, 0):
            return None
    head = json.dumps({"format": _FORMAT, "keys": KEY_VERSION, "schema": schema,
                       "top": index.top, "hash": audit_hash, "n": n})
    return _FIELD_SEP.join([head, *columns])


def _load(conn: Connection, top: int) -> _Index | None:
    """The copy kept in the case file, if there is one that this casedesk can trust: same
    format, key version and schema, and its audit row still in place.  Loaded as of that audit
    row; the caller catches it up."""
    text_ = conn.exec_driver_sql("SELECT value FROM meta WHERE key = ?", (_META_KEY,)).scalar()
    if not isinstance(text_, str):
        return None
    try:
        head, id_col, name_col, kind_col, key_col = text_.split(_FIELD_SEP)
        tag = json.loads(head)
        stored_top, n = int(tag["top"]), int(tag["n"])
        if (tag.get("format") != _FORMAT or tag.get("keys") != KEY_VERSION
                or tag.get("schema") != migrate.current(conn) or not 0 <= stored_top <= top
                or _audit_hash(conn, stored_top) != tag.get("hash")):
            return None
        ids, names, keys = ((col.split(_ITEM_SEP) if n else [])
                            for col in (id_col, name_col, key_col))
        kinds = list(map(_CODE_KINDS.__getitem__, kind_col))
        if not len(ids) == len(names) == len(kinds) == len(keys) == n:
            return None
        # The keys were computed by this KEY_VERSION; recompute a sample all the same.
        for i in range(0, n, max(1, n // _SPOT_CHECKS)):
            if name_key(names[i], kinds[i]) != keys[i]:
                return None
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
    index = NameIndex()
    with _bulk():
        index.add_keyed(ids, names, kinds, keys)
    return _Index(stored_top, index, {}, {}, source="loaded", stored_top=stored_top)


def _write_meta(cf: CaseFile, value: str | None) -> bool:
    """Store (or, with None, delete) the kept copy outside any session (it is a cache: no
    audit row, never synced).  Gives up at once when the file is busy or read-only."""
    try:
        raw = cf.engine.raw_connection()
    except (DBAPIError, CasedeskError):
        return False
    try:
        cur = raw.cursor()
        cur.execute(f"PRAGMA busy_timeout = {_STORE_WAIT_MS}")
        try:
            cur.execute("BEGIN IMMEDIATE")
            try:
                if value is None:
                    cur.execute("DELETE FROM meta WHERE key = ?", (_META_KEY,))
                else:
                    cur.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) "
                                "DO UPDATE SET value = excluded.value", (_META_KEY, value))
                cur.execute("COMMIT")
            except BaseException:
                cur.execute("ROLLBACK")
                raise
        finally:
            cur.execute(f"PRAGMA busy_timeout = {int(db.BUSY_TIMEOUT_S * 1000)}")
            cur.close()
        return True
    except sqlcipher.Error:
        return False
    finally:
        raw.close()


def _store_if_due(cf: CaseFile, conn: Connection, index: _Index) -> None:
    """Keep the index in the case file when there is no copy yet or it lags far behind."""
    if index.stored_top >= 0 and index.top - index.stored_top < _STORE_LAG:
        return
    if time.monotonic() - index.failed_at < _STORE_RETRY_S:
        return
    value = _dump(index, _audit_hash(conn, index.top), migrate.current(conn))
    if value is not None and _write_meta(cf, value):
        index.stored_top = index.top
    else:
        index.failed_at = time.monotonic()


def _current(cf: CaseFile, s: Session) -> _Index:
    """The index as of the session's snapshot (caller holds ``_LOCK``)."""
    conn = s.connection()
    top = _audit_top(conn)
    index = _CACHE.get(cf)
    if index is None:
        index = _load(conn, top)
        if index is not None:
            _read_intakes(s, index, None)
    if index is not None and index.top != top:
        if not index.top < top <= index.top + _REBUILD_AFTER:
            index = None
        else:
            _catch_up(s, index, top)
    if index is None:
        index = _build(s, top)
    _store_if_due(cf, conn, index)
    _CACHE[cf] = index
    return index


def _index(cf: CaseFile) -> _Index:
    """The name index, up to date."""
    with cf.read() as s, _LOCK:
        return _current(cf, s)


def prepare_index(cf: CaseFile) -> int:
    """Build (or bring up to date) the name index and keep it in the case file, e.g. after a
    large import, so that the next conflict check does not wait for it; returns its size."""
    return len(_index(cf).names)


def invalidate(cf: CaseFile) -> None:
    """Forget the index, in memory and in the case file (the next check rebuilds it)."""
    with _LOCK:
        _CACHE.pop(cf, None)
        _write_meta(cf, None)


# -- checking -------------------------------------------------------------------------------------

Query = str | tuple[str, str | None] | tuple[str, str | None, str | None]


def _queries(names: Iterable[Query]) -> list[tuple[str, str | None, str | None]]:
    out = []
    for item in names:
        if isinstance(item, str):
            name, kind, role = item, None, None
        else:
            name, kind, role = (*item, None, None)[:3]
        if not isinstance(name, str) or not name.strip():
            raise ValidationError("Give a name to check.", field="name")
        out.append((name.strip(), kind or None, role or None))
    return out


def _standing(pairs: Sequence[tuple[str, str]], matters: dict[str, tuple[str, str, str]],
              client_flag: bool) -> str:
    client_live = client_closed = adverse = False
    for mid, role in pairs:
        status = matters[mid][2] if mid in matters else "open"
        if role in CLIENT_ROLES:
            if status in LIVE_STATUSES:
                client_live = True
            else:
                client_closed = True
        elif role in ADVERSE_ROLES:
            adverse = True
    if client_live or (client_flag and not client_closed and not pairs):
        return "current_client"
    if client_closed:
        return "former_client"
    if adverse:
        return "adverse_party"
    return "other"


def _search(index: _Index, query: str, kind: str | None, limit: int,
            threshold: float) -> list[NameHit]:
    """Best first; ties (the same name twice) in a fixed order, so that which of them make the
    *limit* does not depend on the order the index learnt them in."""
    found = index.names.search(query, kind=kind, limit=None, threshold=threshold)
    found.sort(key=lambda h: (-h.score, h.stored_name.casefold(), h.stored_name,
                              ("c", h.ref) if isinstance(h.ref, str) else h.ref))
    return found[:max(limit, 0)]


def _details(s: Session, contact_ids: Sequence[str]) -> tuple[
        dict[str, tuple[list[tuple[str, str]], str]], dict[str, tuple[str, str, str]]]:
    """For these contacts: contact id → ([(matter id, role)], standing), and the matters
    involved: matter id → (number, title, status)."""
    conn = s.connection()
    m, p, c = Matter.__table__.c, MatterParty.__table__.c, Contact.__table__.c
    matters: dict[str, tuple[str, str, str]] = {}
    involvements: dict[str, list[tuple[str, str]]] = {cid: [] for cid in contact_ids}
    for chunk in _chunks(contact_ids):
        for mid, number, title, status, client_id in conn.execute(
                select(m.id, m.number, m.title, m.status, m.client_id)
                .where(m.client_id.in_(chunk))):
            matters[mid] = (number, title, status)
            involvements[client_id].append((mid, "client"))
        for cid, mid, role, number, title, status in conn.execute(
                select(p.contact_id, p.matter_id, p.role, m.number, m.title, m.status)
                .select_from(MatterParty.__table__.outerjoin(Matter.__table__,
                                                             m.id == p.matter_id))
                .where(p.contact_id.in_(chunk))):
            if number is not None:
                matters[mid] = (number, title, status)
            pairs = involvements[cid]
            if role != "client" or (mid, "client") not in pairs:
                pairs.append((mid, role))
    # Marked as a client only counts for someone in no matter at all.
    loose = [cid for cid, pairs in involvements.items() if not pairs]
    clients: set[str] = set()
    for chunk in _chunks(loose):
        clients.update(conn.execute(
            select(c.id).where(c.id.in_(chunk), c.is_client.is_(True))).scalars())
    details = {cid: (pairs, _standing(pairs, matters, cid in clients))
               for cid, pairs in involvements.items()}
    return details, matters


def check_names(
    cf: CaseFile, names: Iterable[Query], *, threshold: float = DEFAULT_THRESHOLD,
    limit: int = 50, exclude_matter_id: str | None = None,
    exclude_intake_id: str | None = None, exclude_contact_id: str | None = None,
) -> list[Hit]:
    """Check names (``"name"``, ``(name, kind)`` or ``(name, kind, role)``) against every
    contact, matter party and declined intake.  One :class:`Hit` per matter a matching contact
    is involved in (or one for a contact with no matter); best matches first.

    *exclude_matter_id* leaves out involvements in that matter (its own parties);
    *exclude_intake_id* leaves out that intake's own names; *exclude_contact_id* leaves out that
    contact where it has no other involvement."""
    cf.require(Right.VIEW, "run conflict checks")
    queries = _queries(names)
    with cf.read() as s:  # one snapshot for the index and the matters
        with _LOCK:
            index = _current(cf, s)
            top = index.top
            found = [(query, qrole, _search(index, query, kind, limit, threshold))
                     for query, kind, qrole in queries]
            intakes = {nh.ref: index.intake_refs[nh.ref]  # type: ignore[index]
                       for _q, _r, nhs in found for nh in nhs if not isinstance(nh.ref, str)}
            contact_ids: set[str] = {nh.ref for _q, _r, nhs in found for nh in nhs
                                     if isinstance(nh.ref, str)}
            details = {cid: index.details[cid] for cid in contact_ids if cid in index.details}
            matters = {mid: index.matters[mid] for pairs, _st in details.values()
                       for mid, _role in pairs if mid in index.matters}
        missing = sorted(contact_ids - details.keys())
        if missing:
            more, more_matters = _details(s, missing)
            details.update(more)
            matters.update(more_matters)
            with _LOCK:
                if index.top == top and _CACHE.get(cf) is index:  # nothing changed meanwhile
                    if len(index.details) > _DETAILS_KEPT:
                        index.details.clear()
                        index.matters.clear()
                    index.details.update(more)
                    index.matters.update(more_matters)
        # A hit on a matter behind a wall says only that a conflict exists, and whom to ask.
        hidden = walls.session_state(s).hidden
        walled = {mid: walls.responsible_contact(s, mid)
                  for pairs, _st in details.values() for mid, _r in pairs if mid in hidden}
    hits: list[Hit] = []
    for query, qrole, nhs in found:
        for nh in nhs:
            base = {"query": query, "query_role": qrole, "name": nh.stored_name,
                    "score": nh.score, "exact": nh.exact}
            if not isinstance(nh.ref, str):
                draft_id, role = intakes[nh.ref]
                if draft_id == exclude_intake_id:
                    continue
                hits.append(Hit(**base, standing="declined_intake", intake_id=draft_id,
                                role=role))
                continue
            cid = nh.ref
            pairs, standing = details[cid]
            shown = [(mid, r) for mid, r in pairs if mid != exclude_matter_id]
            if pairs and not shown:
                continue  # only a party of the matter being checked
            if not shown:
                if cid == exclude_contact_id:
                    continue
                hits.append(Hit(**base, standing=standing, contact_id=cid))
                continue
            for mid, role in shown:
                if mid in walled:
                    hits.append(Hit(**base, standing="walled", contact_id=cid,
                                    ask=walled[mid]))
                    continue
                number, title, status = matters.get(mid, ("", "", ""))
                hits.append(Hit(**base, standing=standing, contact_id=cid, matter_id=mid,
                                matter_number=number, matter_title=title, matter_status=status,
                                role=role))
    # Fully ordered: the same answer whichever order the rows and the index are in.
    hits.sort(key=lambda h: (-h.score, h.query, h.name.casefold(), h.matter_number or "",
                             h.name, h.query_role or "", h.contact_id or "", h.intake_id or "",
                             h.role or ""))
    return hits


def index_size(cf: CaseFile) -> int:
    """How many names the conflict index holds (builds it if needed)."""
    return len(_index(cf).names)


# -- decisions ------------------------------------------------------------------------------------


def decide(cf: CaseFile, check_id: str, decision: str, reason: str, *,
           consented_by: str | None = None) -> ConflictCheck:
    """Record the reviewer's decision on a check: ``cleared``, ``waived`` (naming who consented)
    or ``declined`` (which also declines the intake the check belongs to)."""
    cf.require(Right.EDIT, "decide conflict checks")
    if decision not in DECISIONS:
        raise ValidationError(f"'{decision}' is not a decision ({', '.join(DECISIONS)}).",
                              field="decision")
    reason_text = v.text(reason, "reason", required=True)
    consent = v.text(consented_by, "consented_by", max_len=2000)
    if decision == "waived" and not consent:
        raise ValidationError("A waiver needs the names of those who consented.",
                              field="consented_by")
    now = datetime.now(UTC)
    with cf.write() as s:
        check = get_or_404(s, ConflictCheck, check_id, "conflict check")
        if check.decision is not None:
            raise ValidationError(f"This conflict check was already {check.decision}; run a new "
                                  "check to decide again.")
        check.decision = decision
        check.reason = reason_text
        check.consented_by = consent if decision == "waived" else None
        check.decided_by = cf.user.username
        check.decided_at = now
        if check.intake_id:
            draft = s.get(IntakeDraft, check.intake_id)
            if draft is not None and draft.status == "draft":
                if draft.conflict_check_id != check.id:
                    raise ValidationError("This is not the intake's latest conflict check; "
                                          "decide the latest one.")
                if decision == "declined":
                    draft.status = "declined"
                    draft.decision = "declined"
                    draft.decision_reason = reason_text
                    draft.decided_by = cf.user.username
                    draft.decided_at = now
                    draft.updated_by = cf.user.username
    return check


def get_check(cf: CaseFile, check_id: str) -> ConflictCheck:
    cf.require(Right.VIEW, "see conflict checks")
    with cf.read() as s:
        return _redacted(s, get_or_404(s, ConflictCheck, check_id, "conflict check"))


def _redacted(s: Session, check: ConflictCheck) -> ConflictCheck:
    """A kept check as this user may read it: hits on matters behind a wall they are outside
    of say only that a conflict exists and whom to ask (the stored record is not changed)."""
    hidden = walls.session_state(s).hidden
    if hidden and any(h.get("matter_id") in hidden for h in check.hits or []):
        s.expunge(check)
        check.hits = [
            {k: v for k, v in h.items() if k in ("query", "query_role", "name", "score",
                                                  "exact", "contact_id")}
            | {"standing": "walled", "ask": walls.responsible_contact(s, h["matter_id"])}
            if h.get("matter_id") in hidden else h
            for h in check.hits]
    return check


def checks_for(cf: CaseFile, *, intake_id: str | None = None,
               matter_id: str | None = None) -> list[ConflictCheck]:
    """The checks kept with an intake or a matter, oldest first."""
    cf.require(Right.VIEW, "see conflict checks")
    stmt = select(ConflictCheck).order_by(ConflictCheck.checked_at, ConflictCheck.id)
    if intake_id:
        stmt = stmt.where(ConflictCheck.intake_id == intake_id)
    if matter_id:
        stmt = stmt.where(ConflictCheck.matter_id == matter_id)
    with cf.read() as s:
        return [_redacted(s, c) for c in s.scalars(stmt)]


# -- parties of existing matters -----------------------------------------------------------------


def _relevant(hit: Hit, role: str) -> bool:
    """Whether a hit matters for someone joining a matter in *role*."""
    if hit.standing == "declined_intake":
        return True
    if role in ADVERSE_ROLES:  # against one of our clients (current or former)?
        return hit.role in CLIENT_ROLES or hit.standing in ("current_client", "former_client")
    if role in CLIENT_ROLES or role == "co_counsel":  # on our side, adverse elsewhere?
        return hit.role in ADVERSE_ROLES or hit.standing == "adverse_party"
    return hit.role in CLIENT_ROLES or hit.role in ADVERSE_ROLES


def check_party_change(cf: CaseFile, matter_id: str, contact_id: str, role: str) -> list[Hit]:
    """Hits that matter if *contact_id* joins (or takes *role* on) *matter_id*; the matter's own
    parties are left out.  The GUI calls this before saving, to warn."""
    role = v.choice(role, PartyRole, "role")
    with cf.read() as s:
        get_or_404(s, Matter, matter_id, "matter")
        contact = get_or_404(s, Contact, contact_id, "contact")
        name, kind = contact.name, contact.kind
    hits = check_names(cf, [(name, kind, role)], exclude_matter_id=matter_id,
                       exclude_contact_id=contact_id)
    return [h for h in hits if _relevant(h, role)]


def _warning(hits: list[Hit]) -> ConflictWarning:
    first = hits[0].describe()
    more = f" and {len(hits) - 1} more" if len(hits) > 1 else ""
    return ConflictWarning(f"Possible conflict of interest: {first}{more}; acknowledge it to "
                           "continue.", hits)


def _record_party_check(cf: CaseFile, matter_id: str, name: str, role: str, hits: list[Hit],
                        reason: str | None, consented_by: str | None) -> None:
    now = datetime.now(UTC)
    with cf.write() as s:
        s.add(ConflictCheck(
            subject="party", matter_id=matter_id,
            names=[{"name": name, "role": role, "kind": None}],
            hits=[h.to_dict() for h in hits], checked_by=cf.user.username, checked_at=now,
            decision="waived", reason=v.text(reason, "reason") or "Acknowledged when saving "
            "the party.", consented_by=v.text(consented_by, "consented_by", max_len=2000)
            or cf.user.username, decided_by=cf.user.username, decided_at=now,
        ))


def add_party_checked(cf: CaseFile, matter_id: str, contact_id: str, role: str, *,
                      acknowledge: bool = False, reason: str | None = None,
                      consented_by: str | None = None, notes: str | None = None) -> MatterParty:
    """Add a party after a conflict check: raises :class:`ConflictWarning` listing the hits
    unless *acknowledge*; an acknowledged conflict is kept as a check with the matter."""
    from casedesk.core.services import matters

    cf.require(Right.EDIT, "add parties")
    hits = check_party_change(cf, matter_id, contact_id, role)
    if hits and not acknowledge:
        raise _warning(hits)
    party = matters.add_party(cf, matter_id, contact_id, role, notes)
    if hits:
        _record_party_check(cf, matter_id, _contact_name(cf, contact_id), role, hits, reason,
                            consented_by)
    return party


def _contact_name(cf: CaseFile, contact_id: str) -> str:
    with cf.read() as s:
        return get_or_404(s, Contact, contact_id, "contact").name


def change_party_role_checked(cf: CaseFile, party_id: str, role: str, *,
                              acknowledge: bool = False, reason: str | None = None,
                              consented_by: str | None = None) -> None:
    """Change a party's role after a conflict check (see :func:`add_party_checked`)."""
    from casedesk.core.services import matters

    cf.require(Right.EDIT, "change a party's role")
    with cf.read() as s:
        party = get_or_404(s, MatterParty, party_id, "party")
        matter_id, contact_id = party.matter_id, party.contact_id
    hits = check_party_change(cf, matter_id, contact_id, role)
    if hits and not acknowledge:
        raise _warning(hits)
    matters.change_party_role(cf, party_id, role)
    if hits:
        _record_party_check(cf, matter_id, _contact_name(cf, contact_id), role, hits, reason,
                            consented_by)
