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

The index is kept per :class:`~casedesk.core.casefile.CaseFile` and rebuilt lazily when the
audit trail shows that a contact, party, matter or intake changed since it was built.  Checks
for intakes are stored as :class:`ConflictCheck` records with the
reviewer's decision (see :func:`decide`); adding a party to a matter, or changing a party's role,
goes through :func:`add_party_checked` / :func:`change_party_role_checked`, which raise
:class:`ConflictWarning` until the user acknowledges the hits.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, text

from casedesk.core import validate as v
from casedesk.core.casefile import CaseFile
from casedesk.core.errors import CasedeskError, ValidationError
from casedesk.core.intakemodels import ConflictCheck, IntakeDraft
from casedesk.core.models import Contact, Matter, MatterParty, PartyRole
from casedesk.core.names import DEFAULT_THRESHOLD, NameIndex
from casedesk.core.permissions import Right
from casedesk.core.services.common import get_or_404

LIVE_STATUSES = frozenset({"intake", "open", "pending"})
ADVERSE_ROLES = frozenset({"opposing_party", "opposing_counsel"})
CLIENT_ROLES = frozenset({"client"})
DECISIONS = ("cleared", "waived", "declined")
STANDINGS = ("current_client", "former_client", "adverse_party", "other", "declined_intake")


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

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def describe(self) -> str:
        """One line for a person: who, where, as what, how close."""
        where = (f"{self.role or 'party'} in {self.matter_number} {self.matter_title}"
                 if self.matter_number else
                 "in a declined intake" if self.standing == "declined_intake" else "a contact")
        return (f"'{self.query}' matches {self.name} ({self.standing.replace('_', ' ')}; "
                f"{where}; score {self.score:g})")


# -- the cached index ---------------------------------------------------------------------------


@dataclass
class _Index:
    fingerprint: tuple[Any, ...]
    names: NameIndex
    #: contact id → [(matter id, role)]
    involvements: dict[str, list[tuple[str, str]]]
    #: matter id → (number, title, status)
    matters: dict[str, tuple[str, str, str]]
    #: contact id → standing
    standing: dict[str, str]
    is_client: set[str]
    #: ("i", draft id, n) → (draft id, role)
    intake_refs: dict[tuple[str, str, int], tuple[str, str]]


_CACHE: weakref.WeakKeyDictionary[CaseFile, _Index] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def _build(s: Any, fingerprint: tuple[Any, ...]) -> _Index:
    from casedesk.core.intake import conflict_names

    matters: dict[str, tuple[str, str, str]] = {}
    involvements: dict[str, list[tuple[str, str]]] = {}
    for mid, number, title, status, client_id in s.execute(
            select(Matter.id, Matter.number, Matter.title, Matter.status, Matter.client_id)):
        matters[mid] = (number, title, status)
        involvements.setdefault(client_id, []).append((mid, "client"))
    for cid, mid, role in s.execute(
            select(MatterParty.contact_id, MatterParty.matter_id, MatterParty.role)):
        pairs = involvements.setdefault(cid, [])
        if role != "client" or (mid, "client") not in pairs:
            pairs.append((mid, role))
    names = NameIndex()
    is_client: set[str] = set()
    for cid, name, kind, client_flag in s.execute(
            select(Contact.id, Contact.name, Contact.kind, Contact.is_client)):
        names.add(("c", cid), name, kind)
        if client_flag:
            is_client.add(cid)
    standing: dict[str, str] = {}
    for cid in set(involvements) | is_client:
        standing[cid] = _standing(involvements.get(cid, []), matters, cid in is_client)
    intake_refs: dict[tuple[str, str, int], tuple[str, str]] = {}
    for draft_id, answers in s.execute(
            select(IntakeDraft.id, IntakeDraft.answers).where(IntakeDraft.status == "declined")):
        for n, item in enumerate(conflict_names(answers or {})):
            ref = ("i", draft_id, n)
            names.add(ref, item["name"], item.get("kind"))
            intake_refs[ref] = (draft_id, item["role"])
    return _Index(fingerprint, names, involvements, matters, standing, is_client, intake_refs)


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


#: Audit entities whose changes can change a conflict check's answer.
_WATCHED = ("contact", "party", "matter", "intake_draft")


def _audit_top(s: Any) -> int:
    return int(s.execute(text("SELECT coalesce(max(rowid), 0) FROM audit")).scalar_one())


def _index(cf: CaseFile) -> _Index:
    """The cached name index, rebuilt only when a watched record changed.  Every write (local or
    synced) appends audit rows, so the audit trail's newest rowid says at once whether anything
    happened, and a range scan over the new rows says whether any of it matters here."""
    with _LOCK, cf.read() as s:
        top = _audit_top(s)
        cached = _CACHE.get(cf)
        if cached is not None:
            seen = cached.fingerprint[0]
            if top == seen:
                return cached
            touched = s.execute(text(
                "SELECT 1 FROM audit WHERE rowid > :seen AND entity IN "
                f"({', '.join(repr(e) for e in _WATCHED)}) LIMIT 1"), {"seen": seen}).first()
            if touched is None:
                cached.fingerprint = (top,)
                return cached
        built = _build(s, (top,))
        _CACHE[cf] = built
        return built


def invalidate(cf: CaseFile) -> None:
    """Forget the cached index (the next check rebuilds it)."""
    with _LOCK:
        _CACHE.pop(cf, None)


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
    index = _index(cf)
    hits: list[Hit] = []
    for query, kind, qrole in queries:
        for nh in index.names.search(query, kind=kind, limit=limit, threshold=threshold):
            ref = nh.ref
            assert isinstance(ref, tuple)
            base = {"query": query, "query_role": qrole, "name": nh.stored_name,
                    "score": nh.score, "exact": nh.exact}
            if ref[0] == "i":
                draft_id, role = index.intake_refs[ref]  # type: ignore[index]
                if draft_id == exclude_intake_id:
                    continue
                hits.append(Hit(**base, standing="declined_intake", intake_id=draft_id,
                                role=role))
                continue
            cid = ref[1]
            pairs = index.involvements.get(cid, [])
            standing = index.standing.get(cid, "other")
            shown = [(m, r) for m, r in pairs if m != exclude_matter_id]
            if pairs and not shown:
                continue  # only a party of the matter being checked
            if not shown:
                if cid == exclude_contact_id:
                    continue
                hits.append(Hit(**base, standing=standing, contact_id=cid))
                continue
            for mid, role in shown:
                number, title, status = index.matters.get(mid, ("", "", ""))
                hits.append(Hit(**base, standing=standing, contact_id=cid, matter_id=mid,
                                matter_number=number, matter_title=title, matter_status=status,
                                role=role))
    hits.sort(key=lambda h: (-h.score, h.query, h.name.casefold(), h.matter_number or ""))
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
        return get_or_404(s, ConflictCheck, check_id, "conflict check")


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
        return list(s.scalars(stmt))


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
