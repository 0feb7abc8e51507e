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
  :class:`~casedesk.core.calmodels.DeadlineFlag` saying what the rules now give;
* when a rule set (new version) or a holiday calendar / the firm's closure days change,
  :func:`preview_recompute` lists the deadlines the change would move (nothing is written), and
  :func:`apply_recompute` recalculates only the ones the user confirmed (hand-edited ones among
  them are flagged, not moved).

Done and cancelled deadlines are history: they are never recalculated.

Recalculating many deadlines at once (a holiday-calendar change can move thousands) goes through
:func:`casedesk.core.audit.bulk_update`: one Core ``UPDATE`` executemany per set of changed
fields, audited exactly as the flush hook would audit it.
"""

from __future__ import annotations

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
    #: pending column changes of moved/flagged deadlines, written by _write_changes
    _changes: list[tuple[Deadline, dict[str, Any]]] = field(default_factory=list, repr=False)
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


@dataclass(frozen=True)
class FlaggedDeadline:
    deadline: Deadline
    proposed_due: date | None
    reason: str


# -- computing ---------------------------------------------------------------------------------


class _Computer:
    """Computes triggers' deadlines once per (rule set, trigger, date, service)."""

    def __init__(self, sets: Sequence[RuleSet], closures: Mapping[date, str]) -> None:
        self.sets = {rs.id: rs for rs in sets}
        self.closures = dict(closures)
        self._memo: dict[tuple[str, str, date, str], dict[str, tuple[RuleDeadline,
                                                                     ComputedDeadline]]] = {}

    def compute(self, rule_set: str, trigger: str, on: date, service: str
                ) -> dict[str, tuple[RuleDeadline, ComputedDeadline]] | None:
        rs = self.sets.get(rule_set)
        if rs is None:
            return None
        key = (rule_set, trigger, on, service)
        if key not in self._memo:
            try:
                results = rs.compute(trigger, on, service=service,  # type: ignore[arg-type]
                                     closures=self.closures)
            except NotFound:
                return None
            self._memo[key] = {dl.key: (dl, comp) for dl, comp in results}
        return self._memo[key]


def _check_service(service: str) -> str:
    if service not in SERVICES:
        raise ValidationError(f"Service must be 'electronic' or 'mail', not {service!r}.",
                              field="service")
    return service


def _dependents(s: Session, trig: DeadlineTrigger) -> list[Deadline]:
    return list(s.scalars(select(Deadline).where(
        Deadline.matter_id == trig.matter_id, Deadline.rule_set == trig.rule_set,
        Deadline.trigger == trig.trigger)))


def _flag(s: Session, d: Deadline, proposed: date | None, reason: str) -> None:
    flag = s.scalar(select(DeadlineFlag).where(DeadlineFlag.deadline_id == d.id))
    if flag is None:
        s.add(DeadlineFlag(deadline_id=d.id, proposed_due=proposed, reason=reason))
    else:
        flag.proposed_due, flag.reason = proposed, reason


def _recompute_one(s: Session, d: Deadline, comp: ComputedDeadline, trigger_date: date,
                   reason: str, result: ApplyResult) -> None:
    hand_edited = d.computed_due is not None and d.due != d.computed_due
    new_due = comp.due
    explanation = comp.explain()
    if hand_edited:
        if d.computed_due != new_due or d.trigger_date != trigger_date:
            result._changes.append((d, {"computed_due": new_due, "trigger_date": trigger_date,
                                        "explanation": explanation}))
            _flag(s, d, new_due, f"{reason}; the rules now give {new_due.isoformat()}, but the "
                                 f"date was edited by hand ({d.due.isoformat()}).")
            result.flagged.append(d)
        else:
            result.unchanged.append(d)
        return
    if d.due == new_due and d.trigger_date == trigger_date and d.explanation == explanation:
        result.unchanged.append(d)
        return
    result._changes.append((d, {"due": new_due, "computed_due": new_due,
                                "trigger_date": trigger_date, "explanation": explanation}))
    result.moved.append(d)


def _write_changes(s: Session, result: ApplyResult) -> None:
    """Write the collected deadline changes in bulk, audited (see above)."""
    changes, result._changes = result._changes, []
    if changes:
        audit.bulk_update(s, Deadline, changes)


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
            existing = {d.rule_key: d for d in _dependents(s, trig) if d.rule_key}
            if (trig.trigger_date, trig.service) != (trigger_date, service):
                _move(s, trig, trigger_date, service, computer, result)
                _write_changes(s, result)
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


def _move(s: Session, trig: DeadlineTrigger, new_date: date, service: str, computer: _Computer,
          result: ApplyResult) -> None:
    old = trig.trigger_date
    trig.trigger_date, trig.service = new_date, service
    rs = computer.sets.get(trig.rule_set)
    if rs is not None:
        trig.rule_set_version = rs.version
    computed = computer.compute(trig.rule_set, trig.trigger, new_date, service) or {}
    reason = (f"The trigger '{trig.trigger}' moved from {old.isoformat()} to "
              f"{new_date.isoformat()}")
    for d in _dependents(s, trig):
        if d.status != DeadlineStatus.OPEN.value:
            continue
        found = computed.get(d.rule_key or "")
        if found is None:
            _flag(s, d, None, f"{reason}; the rule '{d.rule_key}' is no longer in the rule set.")
            result.flagged.append(d)
            continue
        _recompute_one(s, d, found[1], new_date, reason, result)


def move_trigger(cf: CaseFile, trigger_id: str, new_date: date, *,
                 service: str | None = None) -> ApplyResult:
    """Move a trigger's date: every open dependent deadline is recomputed (audited), except
    hand-edited ones, which are flagged (returned in ``flagged``)."""
    cf.require(Right.EDIT, "move a trigger date")
    sets = rule_sets(cf)
    computer = _Computer(sets, firm_closures(cf))
    result = ApplyResult()
    with cf.write() as s:
        trig = get_or_404(s, DeadlineTrigger, trigger_id, "trigger")
        _move(s, trig, new_date, _check_service(service or trig.service), computer, result)
        _write_changes(s, result)
        result.trigger = trig
    return result


def triggers(cf: CaseFile, matter_id: str | None = None) -> list[DeadlineTrigger]:
    cf.require(Right.VIEW, "view triggers")
    stmt = select(DeadlineTrigger).order_by(DeadlineTrigger.trigger_date)
    if matter_id:
        stmt = stmt.where(DeadlineTrigger.matter_id == matter_id)
    with cf.read() as s:
        return list(s.scalars(stmt))


# -- review of rule-set and holiday changes ----------------------------------------------------


def _rule_based_open(s: Session, rule_set_id: str | None, ids: Iterable[str] | None = None
                     ) -> list[tuple[Deadline, DeadlineTrigger]]:
    stmt = (select(Deadline, DeadlineTrigger)
            .join(DeadlineTrigger, (DeadlineTrigger.matter_id == Deadline.matter_id)
                  & (DeadlineTrigger.rule_set == Deadline.rule_set)
                  & (DeadlineTrigger.trigger == Deadline.trigger))
            .where(Deadline.status == DeadlineStatus.OPEN.value))
    if rule_set_id:
        stmt = stmt.where(Deadline.rule_set == rule_set_id)
    if ids is not None:
        stmt = stmt.where(Deadline.id.in_(list(ids)))
    return [(d, t) for d, t in s.execute(stmt.order_by(Deadline.due, Deadline.id))]


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
    with cf.read() as s:
        for d, trig in _rule_based_open(s, rule_set_id):
            computed = computer.compute(trig.rule_set, trig.trigger, trig.trigger_date,
                                        trig.service)
            found = (computed or {}).get(d.rule_key or "")
            new_due = found[1].due if found else None
            if found is not None and new_due == d.computed_due:
                continue
            reason = _change_reason(computer.sets.get(trig.rule_set), trig)
            if computed is not None and found is None:
                reason += f"; the rule '{d.rule_key}' is no longer in it"
            hand = d.computed_due is not None and d.due != d.computed_due
            out.append(Proposed(d, d.due, new_due, reason, hand))
    return out


def apply_recompute(cf: CaseFile, ids: Iterable[str]) -> ApplyResult:
    """Recalculate the reviewed deadlines ``ids`` (from :func:`preview_recompute`).  Hand-edited
    ones and ones whose rule is gone are flagged instead of moved."""
    cf.require(Right.EDIT, "recalculate deadlines")
    wanted = set(ids)
    sets = rule_sets(cf)
    computer = _Computer(sets, firm_closures(cf))
    result = ApplyResult()
    with cf.write() as s:
        rows = _rule_based_open(s, None, wanted) if wanted else []
        for d, trig in rows:
            rs = computer.sets.get(trig.rule_set)
            reason = _change_reason(rs, trig)
            computed = computer.compute(trig.rule_set, trig.trigger, trig.trigger_date,
                                        trig.service)
            found = (computed or {}).get(d.rule_key or "")
            if found is None:
                _flag(s, d, None, f"{reason}; its rule is no longer available.")
                result.flagged.append(d)
                continue
            _recompute_one(s, d, found[1], trig.trigger_date, reason, result)
        _write_changes(s, result)
        for trig in {t.id: t for _, t in rows}.values():
            rs = computer.sets.get(trig.rule_set)
            if rs is not None and trig.rule_set_version != rs.version:
                trig.rule_set_version = rs.version
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
