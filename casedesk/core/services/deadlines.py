"""Court rules applied to matters: triggers, their deadlines, recalculation and review.

Applying a rule set's trigger to a matter (:func:`apply_rule_set`) records a
:class:`~casedesk.core.calmodels.DeadlineTrigger` and creates one ``Deadline`` per rule of the
trigger.  Each deadline keeps ``rule_set``/``rule_key``/``trigger``/``trigger_date`` (its link to
the trigger), ``computed_due`` (what the rule gave), ``rule`` (the citation) and ``explanation``
(the counting steps).  The firm's closure days (``firm.settings["closure_days"]``) and the rule
set's suspensions (e.g. the Greek August suspension) apply.

Recalculation never silently overrides a person:

* moving a trigger (:func:`move_trigger`, or applying it again with another date) recomputes
  every *open* dependent deadline in one audited transaction, except the ones a user edited by
  hand (``due != computed_due``): those keep their date, get the new ``computed_due`` and a
  :class:`~casedesk.core.calmodels.DeadlineFlag` saying what the rules now give.
  :func:`preview_move` shows what a move would do, deadline by deadline, computed by the very
  same code and without writing anything (the GUI's move dialog shows it);
* when a rule set (new version) or a holiday calendar / the firm's closure days change,
  :func:`preview_recompute` lists the deadlines the change would move (nothing is written), and
  :func:`apply_recompute` recalculates only the ones the user confirmed (hand-edited ones among
  them are flagged, not moved).

Done and cancelled deadlines are history: they are never recalculated.

Recalculating many deadlines at once (a holiday-calendar change can move thousands) goes through
:func:`casedesk.core.audit.bulk_update`: one Core ``UPDATE`` executemany per set of changed
fields, audited exactly as the flush hook would audit it (the triggers' new rule-set versions
too).  Computed triggers are remembered per process (:data:`_COMPUTED`, keyed by the rule set
object, trigger, date, service and closure days), so recalculating what was just previewed
does not count the days again.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from casedesk.core import audit
from casedesk.core.calmodels import DeadlineFlag, DeadlineTrigger, FirmRuleSet
from casedesk.core.casefile import CaseFile
from casedesk.core.errors import NotFound, UsageError, ValidationError
from casedesk.core.models import Deadline, DeadlineStatus, Firm, Matter
from casedesk.core.permissions import Right
from casedesk.core.rules import (
    ComputedDeadline,
    RuleDeadline,
    RuleSet,
    load_rule_sets,
    parse_rule_set,
)
from casedesk.core.services.common import get_or_404

SERVICES = ("electronic", "mail")


# -- firm calendar settings ------------------------------------------------------------------


def closures_from_settings(settings: Mapping[str, Any] | None) -> dict[date, str]:
    """The firm's closure days ``{date: name}`` from ``firm.settings["closure_days"]``."""
    out: dict[date, str] = {}
    for item in (settings or {}).get("closure_days", []) or []:
        try:
            out[date.fromisoformat(item["date"])] = item.get("name") or "Firm closure"
        except (KeyError, TypeError, ValueError, AttributeError):
            continue
    return out


def firm_closures(cf: CaseFile) -> dict[date, str]:
    return closures_from_settings(cf.firm().settings)


def set_closure_days(cf: CaseFile, days: Mapping[date, str]) -> None:
    """Replace the firm's closure days (administrators).  Deadlines already computed are not
    moved: use :func:`preview_recompute` to see which would."""
    cf.require(Right.ADMINISTER, "change the firm's closure days")
    with cf.write() as s:
        firm = s.scalars(select(Firm)).one()
        settings = dict(firm.settings or {})
        settings["closure_days"] = [{"date": d.isoformat(), "name": name}
                                    for d, name in sorted(days.items())]
        firm.settings = settings


# -- rule sets ---------------------------------------------------------------------------------


def firm_rule_set_texts(session: Session) -> list[tuple[str, str]]:
    rows = session.execute(select(FirmRuleSet.rule_set_id, FirmRuleSet.text)
                           .order_by(FirmRuleSet.rule_set_id))
    return [(f"firm rule set {rid}", text) for rid, text in rows]


_LOADED: dict[tuple[tuple[str, str], ...], list[RuleSet]] = {}


def rule_sets(cf: CaseFile) -> list[RuleSet]:
    """Shipped rule sets plus the firm's own (a firm rule set with a shipped id replaces it).
    Parsed sets are remembered per process, keyed by the firm's rule-set texts."""
    with cf.read() as s:
        texts = tuple(firm_rule_set_texts(s))
    if texts not in _LOADED:
        if len(_LOADED) > 16:
            _LOADED.clear()
        _LOADED[texts] = load_rule_sets(extra_texts=texts)
    return list(_LOADED[texts])


def firm_rule_set_ids(cf: CaseFile) -> set[str]:
    with cf.read() as s:
        return set(s.scalars(select(FirmRuleSet.rule_set_id)))


def save_firm_rule_set(cf: CaseFile, text: str, *, source: str = "<rule set>") -> FirmRuleSet:
    """Add the firm's own rule set (TOML), or replace the one with the same id."""
    cf.require(Right.ADMINISTER, "add court-rule sets")
    rs = parse_rule_set(text, source=source)
    with cf.write() as s:
        row = s.scalar(select(FirmRuleSet).where(FirmRuleSet.rule_set_id == rs.id))
        if row is None:
            row = FirmRuleSet(rule_set_id=rs.id)
            s.add(row)
        row.name, row.version, row.effective = rs.name, rs.version, rs.effective
        row.jurisdiction, row.text = rs.jurisdiction, text
    return row


def find_rule_set(sets: Sequence[RuleSet], rule_set_id: str) -> RuleSet:
    for rs in sets:
        if rs.id == rule_set_id:
            return rs
    known = ", ".join(rs.id for rs in sets)
    raise NotFound(f"There is no rule set {rule_set_id!r} (known: {known}).")


def find_trigger(sets: Sequence[RuleSet], trigger: str, rule_set_id: str | None = None) -> RuleSet:
    """The rule set that has ``trigger`` (in ``rule_set_id`` if given; else it must be unique)."""
    if rule_set_id:
        rs = find_rule_set(sets, rule_set_id)
        rs.trigger(trigger)
        return rs
    having = [rs for rs in sets if any(t.name == trigger for t in rs.triggers)]
    if not having:
        raise NotFound(f"No rule set has a trigger {trigger!r}; see 'casedesk rules list'.")
    if len(having) > 1:
        ids = ", ".join(rs.id for rs in having)
        raise UsageError(f"The trigger {trigger!r} exists in several rule sets ({ids}); "
                         "name one with --rule-set.")
    return having[0]


# -- results -----------------------------------------------------------------------------------


@dataclass
class ApplyResult:
    """What applying, moving or recalculating did."""

    trigger: DeadlineTrigger | None = None
    created: list[Deadline] = field(default_factory=list)
    moved: list[Deadline] = field(default_factory=list)
    #: hand-edited deadlines left where they are, flagged for review (see DeadlineFlag)
    flagged: list[Deadline] = field(default_factory=list)
    unchanged: list[Deadline] = field(default_factory=list)


@dataclass(frozen=True)
class Proposed:
    """A deadline a rule set or holiday-calendar change would move (nothing written yet)."""

    deadline: Deadline
    old_due: date
    new_due: date | None  # None: the rule no longer exists in the rule set
    reason: str
    hand_edited: bool


#: What moving a trigger does to one dependent deadline (see :class:`ProposedMove`).
MOVE_OUTCOMES = ("moves", "unchanged", "flagged", "closed")


@dataclass(frozen=True)
class ProposedMove:
    """What :func:`move_trigger` would do to one dependent deadline (nothing written yet).

    ``what`` is ``"moves"`` (its due date changes to ``proposed``), ``"unchanged"`` (it keeps
    its date; its explanation may still be brought up to date), ``"flagged"`` (edited by hand,
    or its rule is gone: it keeps its date and is flagged for review, ``reason`` says why) or
    ``"closed"`` (done or cancelled: never recalculated).  ``proposed`` is the date the rules
    give for the new trigger date (``None`` when the rule is gone).
    """

    deadline: Deadline
    current: date
    proposed: date | None
    what: str
    reason: str | None = None


@dataclass(frozen=True)
class FlaggedDeadline:
    deadline: Deadline
    proposed_due: date | None
    reason: str


# -- computing ---------------------------------------------------------------------------------

_ComputedMap = dict[str, tuple[RuleDeadline, ComputedDeadline]]


class _ComputedTriggers:
    """Computed triggers, kept across calls (a preview and the recalculation confirmed after
    it compute the same triggers): (id of the rule set, trigger, date, service, closures) →
    (that rule set, its deadlines).  The rule set is kept too, so that its id is not reused.
    Holds at most ``limit`` computed deadlines (then starts again)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.size = 0
        self._data: dict[tuple[Any, ...], tuple[RuleSet, _ComputedMap]] = {}
        self._lock = threading.Lock()

    def get(self, key: tuple[Any, ...], rs: RuleSet) -> _ComputedMap | None:
        found = self._data.get(key)
        return found[1] if found is not None and found[0] is rs else None

    def put(self, key: tuple[Any, ...], rs: RuleSet, computed: _ComputedMap) -> None:
        with self._lock:
            if self.size + len(computed) > self.limit:
                self._data.clear()
                self.size = 0
            old = self._data.get(key)
            self.size += len(computed) - (len(old[1]) if old is not None else 0)
            self._data[key] = (rs, computed)


_COMPUTED = _ComputedTriggers(limit=20_000)


class _Computer:
    """Computes triggers' deadlines once per (rule set, trigger, date, service)."""

    def __init__(self, sets: Sequence[RuleSet], closures: Mapping[date, str]) -> None:
        self.sets = {rs.id: rs for rs in sets}
        self.closures = dict(closures)
        self._closures_key = tuple(sorted(self.closures.items()))

    def compute(self, rule_set: str, trigger: str, on: date, service: str
                ) -> _ComputedMap | None:
        rs = self.sets.get(rule_set)
        if rs is None:
            return None
        key = (id(rs), trigger, on, service, self._closures_key)
        found = _COMPUTED.get(key, rs)
        if found is not None:
            return found
        try:
            results = rs.compute(trigger, on, service=service,  # type: ignore[arg-type]
                                 closures=self.closures)
        except NotFound:
            return None
        computed = {dl.key: (dl, comp) for dl, comp in results}
        _COMPUTED.put(key, rs, computed)
        return computed


def _check_service(service: str) -> str:
    if service not in SERVICES:
        raise ValidationError(f"Service must be 'electronic' or 'mail', not {service!r}.",
                              field="service")
    return service


def _dependents(s: Session, trig: DeadlineTrigger) -> list[Deadline]:
    return list(s.scalars(select(Deadline).where(
        Deadline.matter_id == trig.matter_id, Deadline.rule_set == trig.rule_set,
        Deadline.trigger == trig.trigger)))


_CHUNK = 500  # ids per IN (...) list


@dataclass(frozen=True)
class _Decision:
    """What recalculating one deadline does: its outcome ("moved", "unchanged", "flagged",
    "closed"), the date the rules give, the columns to write and the review flag's text."""

    deadline: Deadline
    outcome: str
    new_due: date | None
    values: dict[str, Any] | None = None
    flag: str | None = None


def _decide(d: Deadline, comp: ComputedDeadline | None, trigger_date: date, reason: str,
            gone: str) -> _Decision:
    """Recalculate ``d`` to ``comp`` (None: its rule is gone, ``gone`` says so) without
    writing anything.  A hand-edited deadline keeps its date and is flagged."""
    if comp is None:
        return _Decision(d, "flagged", None, None, f"{reason}; {gone}")
    hand_edited = d.computed_due is not None and d.due != d.computed_due
    new_due = comp.due
    explanation = comp.explain()
    if hand_edited:
        if d.computed_due != new_due or d.trigger_date != trigger_date:
            return _Decision(
                d, "flagged", new_due,
                {"computed_due": new_due, "trigger_date": trigger_date,
                 "explanation": explanation},
                f"{reason}; the rules now give {new_due.isoformat()}, but the date was edited "
                f"by hand ({d.due.isoformat()}).")
        return _Decision(d, "unchanged", new_due)
    if d.due == new_due and d.trigger_date == trigger_date and d.explanation == explanation:
        return _Decision(d, "unchanged", new_due)
    return _Decision(d, "moved", new_due, {"due": new_due, "computed_due": new_due,
                                           "trigger_date": trigger_date,
                                           "explanation": explanation})


def _write(s: Session, decisions: Iterable[_Decision], result: ApplyResult) -> None:
    """Write the decisions: flags (through the ORM) and the deadlines' new values in bulk
    (:func:`casedesk.core.audit.bulk_update`, audited as the flush hook would)."""
    changes: list[tuple[Deadline, dict[str, Any]]] = []
    flags: dict[str, tuple[date | None, str]] = {}
    for dec in decisions:
        if dec.values:
            changes.append((dec.deadline, dec.values))
        if dec.flag is not None:
            flags[dec.deadline.id] = (dec.new_due, dec.flag)
        if dec.outcome == "moved":
            result.moved.append(dec.deadline)
        elif dec.outcome == "flagged":
            result.flagged.append(dec.deadline)
        elif dec.outcome == "unchanged":
            result.unchanged.append(dec.deadline)
    if flags:
        ids = list(flags)
        existing: dict[str, DeadlineFlag] = {}
        for i in range(0, len(ids), _CHUNK):
            existing.update((f.deadline_id, f) for f in s.scalars(select(DeadlineFlag).where(
                DeadlineFlag.deadline_id.in_(ids[i:i + _CHUNK]))))
        for did, (proposed, reason) in flags.items():
            flag = existing.get(did)
            if flag is None:
                s.add(DeadlineFlag(deadline_id=did, proposed_due=proposed, reason=reason))
            else:
                flag.proposed_due, flag.reason = proposed, reason
    if changes:
        audit.bulk_update(s, Deadline, changes)  # flushes the flags first


# -- applying and moving -----------------------------------------------------------------------


def apply_rule_set(
    cf: CaseFile, matter_id: str, trigger: str, trigger_date: date, *,
    service: str = "electronic", rule_set_id: str | None = None,
    assignee_id: str | None = None,
) -> ApplyResult:
    """Apply a trigger of a rule set to a matter and create its deadlines.

    Applying a trigger the matter already has with the same date and service creates only the
    deadlines that are missing (nothing is duplicated); with another date or service it moves
    the trigger (see :func:`move_trigger`).
    """
    cf.require(Right.EDIT, "apply court rules")
    _check_service(service)
    sets = rule_sets(cf)
    rs = find_trigger(sets, trigger, rule_set_id)
    closures = firm_closures(cf)
    computer = _Computer(sets, closures)
    result = ApplyResult()
    with cf.write() as s:
        matter = get_or_404(s, Matter, matter_id, "matter")
        trig = s.scalar(select(DeadlineTrigger).where(
            DeadlineTrigger.matter_id == matter.id, DeadlineTrigger.rule_set == rs.id,
            DeadlineTrigger.trigger == trigger))
        if trig is None:
            trig = DeadlineTrigger(matter_id=matter.id, rule_set=rs.id,
                                   rule_set_version=rs.version, trigger=trigger,
                                   trigger_date=trigger_date, service=service)
            s.add(trig)
            existing: dict[str, Deadline] = {}
        else:
            dependents = _dependents(s, trig)
            existing = {d.rule_key: d for d in dependents if d.rule_key}
            if (trig.trigger_date, trig.service) != (trigger_date, service):
                _move(s, trig, trigger_date, service, computer, result, dependents)
        result.trigger = trig
        computed = computer.compute(rs.id, trigger, trigger_date, service) or {}
        for key, (rule, comp) in computed.items():
            if key in existing:
                continue
            d = Deadline(
                matter_id=matter.id, title=rule.title, due=comp.due, computed_due=comp.due,
                rule=rule.citation, rule_set=rs.id, rule_key=key, trigger=trigger,
                trigger_date=trigger_date, explanation=comp.explain(),
                reminders_days=list(rule.reminders_days),
                assignee_id=assignee_id,
                status=DeadlineStatus.OPEN.value,
            )
            s.add(d)
            result.created.append(d)
        s.flush()
    result.created.sort(key=lambda d: (d.due, d.title))
    return result


def _plan_move(trig: DeadlineTrigger, dependents: Iterable[Deadline], new_date: date,
               service: str, computer: _Computer) -> list[_Decision]:
    """What moving ``trig`` to ``new_date`` (served by ``service``) does to its deadlines."""
    computed = computer.compute(trig.rule_set, trig.trigger, new_date, service) or {}
    reason = (f"The trigger '{trig.trigger}' moved from {trig.trigger_date.isoformat()} to "
              f"{new_date.isoformat()}")
    out = []
    for d in dependents:
        found = computed.get(d.rule_key or "")
        if d.status != DeadlineStatus.OPEN.value:
            out.append(_Decision(d, "closed", found[1].due if found else None))
            continue
        out.append(_decide(d, found[1] if found else None, new_date, reason,
                           f"the rule '{d.rule_key}' is no longer in the rule set."))
    return out


def _move(s: Session, trig: DeadlineTrigger, new_date: date, service: str, computer: _Computer,
          result: ApplyResult, dependents: Iterable[Deadline] | None = None) -> None:
    decisions = _plan_move(trig, _dependents(s, trig) if dependents is None else dependents,
                           new_date, service, computer)
    trig.trigger_date, trig.service = new_date, service
    rs = computer.sets.get(trig.rule_set)
    if rs is not None:
        trig.rule_set_version = rs.version
    _write(s, decisions, result)


def move_trigger(cf: CaseFile, trigger_id: str, new_date: date, *,
                 service: str | None = None) -> ApplyResult:
    """Move a trigger's date: every open dependent deadline is recomputed (audited), except
    hand-edited ones, which are flagged (returned in ``flagged``).  :func:`preview_move` shows
    the same without writing."""
    cf.require(Right.EDIT, "move a trigger date")
    sets = rule_sets(cf)
    computer = _Computer(sets, firm_closures(cf))
    result = ApplyResult()
    with cf.write() as s:
        trig = get_or_404(s, DeadlineTrigger, trigger_id, "trigger")
        _move(s, trig, new_date, _check_service(service or trig.service), computer, result)
        result.trigger = trig
    return result


def preview_move(cf: CaseFile, trigger_id: str, new_date: date, *,
                 service: str | None = None) -> list[ProposedMove]:
    """What :func:`move_trigger` with the same arguments would do to each of the trigger's
    deadlines (by due date), computed the same way; nothing is written."""
    cf.require(Right.VIEW, "preview moving a trigger date")
    sets = rule_sets(cf)
    computer = _Computer(sets, firm_closures(cf))
    with cf.read() as s:
        trig = get_or_404(s, DeadlineTrigger, trigger_id, "trigger")
        dependents = sorted(_dependents(s, trig), key=lambda d: (d.due, d.title, d.id))
        decisions = _plan_move(trig, dependents, new_date,
                               _check_service(service or trig.service), computer)
    out = []
    for dec in decisions:
        d, what = dec.deadline, dec.outcome
        if what == "moved":
            what = "moves" if dec.new_due != d.due else "unchanged"
        out.append(ProposedMove(d, d.due, dec.new_due, what, dec.flag))
    return out


def triggers(cf: CaseFile, matter_id: str | None = None) -> list[DeadlineTrigger]:
    cf.require(Right.VIEW, "view triggers")
    stmt = select(DeadlineTrigger).order_by(DeadlineTrigger.trigger_date)
    if matter_id:
        stmt = stmt.where(DeadlineTrigger.matter_id == matter_id)
    with cf.read() as s:
        return list(s.scalars(stmt))


# -- review of rule-set and holiday changes ----------------------------------------------------


def _rule_based_open(s: Session, rule_set_id: str | None, ids: Sequence[str] | None = None
                     ) -> list[tuple[Deadline, DeadlineTrigger]]:
    """The open deadlines of triggers (of one rule set; or only ``ids``) with their trigger,
    by due date.  Deadlines and triggers are loaded apart and matched here: loading them as
    pairs of a join costs the ORM far more."""
    stmt = select(Deadline).where(Deadline.status == DeadlineStatus.OPEN.value,
                                  Deadline.rule_set.is_not(None), Deadline.trigger.is_not(None))
    tstmt = select(DeadlineTrigger)
    if rule_set_id:
        stmt = stmt.where(Deadline.rule_set == rule_set_id)
        tstmt = tstmt.where(DeadlineTrigger.rule_set == rule_set_id)
    if ids is None:
        found = list(s.scalars(stmt))
        trigs = list(s.scalars(tstmt))
    else:
        found = []
        for i in range(0, len(ids), _CHUNK):
            found.extend(s.scalars(stmt.where(Deadline.id.in_(ids[i:i + _CHUNK]))))
        matters = sorted({d.matter_id for d in found if d.matter_id})
        trigs = []
        for i in range(0, len(matters), _CHUNK):
            trigs.extend(s.scalars(tstmt.where(
                DeadlineTrigger.matter_id.in_(matters[i:i + _CHUNK]))))
    by_key = {(t.matter_id, t.rule_set, t.trigger): t for t in trigs}
    rows = []
    for d in found:
        trig = by_key.get((d.matter_id, d.rule_set, d.trigger))
        if trig is not None:
            rows.append((d, trig))
    rows.sort(key=lambda row: (row[0].due, row[0].id))
    return rows


def _change_reason(rs: RuleSet | None, trig: DeadlineTrigger) -> str:
    if rs is None:
        return f"The rule set '{trig.rule_set}' is no longer available"
    if rs.version != trig.rule_set_version:
        return (f"Rule set {rs.id} changed from version {trig.rule_set_version} to "
                f"{rs.version} (effective {rs.effective.isoformat()})")
    return "The holiday calendar or the firm's closure days changed"


def preview_recompute(cf: CaseFile, rule_set_id: str | None = None) -> list[Proposed]:
    """The open rule-based deadlines that the current rule sets, holidays and closure days would
    move, with old and new dates and why.  Nothing is written."""
    cf.require(Right.VIEW, "review deadline changes")
    sets = rule_sets(cf)
    computer = _Computer(sets, firm_closures(cf))
    out: list[Proposed] = []
    reasons: dict[str, str] = {}
    with cf.read() as s:
        for d, trig in _rule_based_open(s, rule_set_id):
            computed = computer.compute(trig.rule_set, trig.trigger, trig.trigger_date,
                                        trig.service)
            found = (computed or {}).get(d.rule_key or "")
            new_due = found[1].due if found else None
            if found is not None and new_due == d.computed_due:
                continue
            reason = reasons.get(trig.id)
            if reason is None:
                reason = reasons[trig.id] = _change_reason(computer.sets.get(trig.rule_set),
                                                           trig)
            if computed is not None and found is None:
                reason += f"; the rule '{d.rule_key}' is no longer in it"
            hand = d.computed_due is not None and d.due != d.computed_due
            out.append(Proposed(d, d.due, new_due, reason, hand))
    return out


def apply_recompute(cf: CaseFile, ids: Iterable[str]) -> ApplyResult:
    """Recalculate the reviewed deadlines ``ids`` (from :func:`preview_recompute`).  Hand-edited
    ones and ones whose rule is gone are flagged instead of moved.  The deadlines are written
    in bulk, audited (:func:`casedesk.core.audit.bulk_update`), and so are their triggers'
    rule-set versions."""
    cf.require(Right.EDIT, "recalculate deadlines")
    wanted = list(dict.fromkeys(ids))
    sets = rule_sets(cf)
    computer = _Computer(sets, firm_closures(cf))
    result = ApplyResult()
    with cf.write() as s:
        rows = _rule_based_open(s, None, wanted) if wanted else []
        decisions = []
        reasons: dict[str, str] = {}
        triggers: dict[str, DeadlineTrigger] = {}
        for d, trig in rows:
            reason = reasons.get(trig.id)
            if reason is None:
                reason = reasons[trig.id] = _change_reason(computer.sets.get(trig.rule_set),
                                                           trig)
                triggers[trig.id] = trig
            computed = computer.compute(trig.rule_set, trig.trigger, trig.trigger_date,
                                        trig.service)
            found = (computed or {}).get(d.rule_key or "")
            decisions.append(_decide(d, found[1] if found else None, trig.trigger_date, reason,
                                     "its rule is no longer available."))
        _write(s, decisions, result)
        versions = []
        for trig in triggers.values():
            rs = computer.sets.get(trig.rule_set)
            if rs is not None and trig.rule_set_version != rs.version:
                versions.append((trig, {"rule_set_version": rs.version}))
        if versions:
            audit.bulk_update(s, DeadlineTrigger, versions)
    return result


# -- flags -------------------------------------------------------------------------------------


def flagged(cf: CaseFile, matter_id: str | None = None) -> list[FlaggedDeadline]:
    """Deadlines waiting for a person's review."""
    cf.require(Right.VIEW, "view deadlines")
    stmt = (select(Deadline, DeadlineFlag).join(DeadlineFlag, DeadlineFlag.deadline_id ==
                                                Deadline.id).order_by(Deadline.due))
    if matter_id:
        stmt = stmt.where(Deadline.matter_id == matter_id)
    with cf.read() as s:
        return [FlaggedDeadline(d, f.proposed_due, f.reason) for d, f in s.execute(stmt)]


def needs_review(cf: CaseFile, deadline_id: str) -> bool:
    with cf.read() as s:
        return s.scalar(select(DeadlineFlag.id).where(
            DeadlineFlag.deadline_id == deadline_id)) is not None


def resolve_flag(cf: CaseFile, deadline_id: str, *, accept: bool) -> Deadline:
    """Close a review: ``accept`` moves the deadline to the date the rules give; otherwise
    the hand-set date stays."""
    cf.require(Right.EDIT, "review deadlines")
    with cf.write() as s:
        d = get_or_404(s, Deadline, deadline_id, "deadline")
        flag = s.scalar(select(DeadlineFlag).where(DeadlineFlag.deadline_id == deadline_id))
        if flag is None:
            raise NotFound("That deadline is not waiting for review.")
        if accept and flag.proposed_due is not None:
            d.due = flag.proposed_due
            d.computed_due = flag.proposed_due
        s.delete(flag)
    return d
