"""Court-rule sets: data files (TOML) that turn a triggering event into dated deadlines.

A rule set file looks like this (see ``resources/rules/`` for the shipped ones)::

    id = "us-federal-civil"
    name = "U.S. Federal Rules of Civil Procedure"
    jurisdiction = "US"            # holiday calendar code, see counting.py
    version = "2024.12"
    effective = 2024-12-01
    description = "..."            # optional
    service_applies = true         # optional default for FRCP 6(d) add-on (see below)

    [[suspensions]]                # optional, recurring every year
    start = "08-01"                # MM-DD
    end = "08-31"
    label = "August suspension"
    citation = "Κ.Πολ.Δ. 147(2)"   # optional

    [[triggers]]
    name = "complaint_served"      # machine name: lower case, digits, underscores
    label = "Summons and complaint served"
    title = "..."                  # optional, e.g. the name in the court's language
    service_applies = false        # optional, overrides the rule set's default

    [[triggers.deadlines]]
    key = "answer"
    title = "Answer due"
    label = "..."                  # optional, e.g. an English label for a Greek title
    days = 21
    direction = "after"            # after | before
    counting = "calendar"          # calendar | court
    citation = "FRCP 12(a)(1)(A)(i)"
    reminders_days = [7, 1]        # optional, default [7, 1]
    service_applies = true         # optional, overrides the trigger's setting
    note = "..."                   # optional

``service_applies`` says whether the service add-on (FRCP 6(d): +3 days for mail service) may
apply to a deadline: it only does for periods that run from *service of a paper* (a motion,
discovery requests), not from the entry of a judgment or the sending of a waiver request.

Files are validated when loaded: a malformed file raises :class:`CasedeskError` naming the file
and the problem.  Unknown keys are rejected, so that a misspelt key is not silently ignored.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from casedesk.core.errors import CasedeskError, NotFound
from casedesk.core.rules.counting import (
    COUNTINGS,
    DIRECTIONS,
    ComputedDeadline,
    Counting,
    Direction,
    RecurringSuspension,
    Service,
    check_jurisdiction,
    compute_deadline,
)

__all__ = [
    "RuleDeadline",
    "RuleSet",
    "Trigger",
    "load_rule_set_file",
    "load_rule_sets",
    "parse_rule_set",
    "shipped_rules_dir",
]

DEFAULT_REMINDERS: tuple[int, ...] = (7, 1)
_NAME_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
_MONTH_DAY_RE = re.compile(r"^(\d{2})-(\d{2})$")


def shipped_rules_dir() -> Path:
    """The directory of the rule sets shipped with casedesk."""
    from casedesk.resources import resource_path

    return resource_path("rules")


@dataclass(frozen=True)
class RuleDeadline:
    """One deadline a trigger starts, e.g. "answer due 21 days after service"."""

    key: str
    title: str
    days: int
    direction: Direction = "after"
    counting: Counting = "calendar"
    citation: str | None = None
    reminders_days: tuple[int, ...] = DEFAULT_REMINDERS
    label: str | None = None
    service_applies: bool = True
    note: str | None = None

    @property
    def display_label(self) -> str:
        """The label if there is one (e.g. English for a Greek title), else the title."""
        return self.label or self.title


@dataclass(frozen=True)
class Trigger:
    """An event (complaint served, judgment entered, ...) and the deadlines it starts."""

    name: str
    label: str
    deadlines: tuple[RuleDeadline, ...]
    title: str | None = None


@dataclass(frozen=True)
class RuleSet:
    """A versioned set of court rules for one jurisdiction."""

    id: str
    name: str
    jurisdiction: str
    version: str
    effective: date
    triggers: tuple[Trigger, ...]
    suspensions: tuple[RecurringSuspension, ...] = ()
    description: str = ""
    source: str = field(default="", compare=False)

    def trigger(self, name: str) -> Trigger:
        """The trigger called ``name``; :class:`NotFound` (naming it) if there is none."""
        for t in self.triggers:
            if t.name == name:
                return t
        known = ", ".join(t.name for t in self.triggers)
        raise NotFound(f"Rule set {self.id!r} has no trigger {name!r} (it has: {known}).")

    def compute(
        self,
        trigger_name: str,
        trigger_date: date,
        *,
        service: Service = "electronic",
        closures: Iterable[date] | Mapping[date, str] = (),
    ) -> list[tuple[RuleDeadline, ComputedDeadline]]:
        """Compute every deadline of a trigger that happened on ``trigger_date``.

        The rule set's jurisdiction and suspensions are applied; ``service`` only adds days to
        deadlines whose ``service_applies`` is true.  The explanation of each result starts
        with the rule set, version and trigger.
        """
        trig = self.trigger(trigger_name)
        closures = dict(closures) if isinstance(closures, Mapping) else frozenset(closures)
        header = [
            f"Rule set: {self.name} ({self.id}, version {self.version}, effective "
            f"{self.effective.isoformat()}).",
            f"Trigger: {trig.label} on {trigger_date.isoformat()}.",
        ]
        if trigger_date < self.effective:
            header.append(
                f"Note: the trigger date is before this rule set took effect "
                f"({self.effective.isoformat()}); the current rules are applied anyway."
            )
        results: list[tuple[RuleDeadline, ComputedDeadline]] = []
        for dl in trig.deadlines:
            svc: Service = service
            extra: list[str] = []
            if service != "electronic" and not dl.service_applies:
                svc = "electronic"
                extra.append(
                    f"Service: {service} service adds no days to this deadline under this rule "
                    "set (the service add-on does not apply to it)."
                )
            computed = compute_deadline(
                trigger_date,
                dl.days,
                direction=dl.direction,
                counting=dl.counting,
                jurisdiction=self.jurisdiction,
                service=svc,
                closures=closures,
                suspensions=self.suspensions,
                citation=dl.citation,
            )
            body = computed.steps
            if extra:  # drop the engine's own note about the substituted electronic service
                body = [s for s in body if not s.startswith("Service: ")]
            steps = [*header, f"Deadline: {dl.title}.", *extra, *body]
            if dl.note:
                steps.insert(len(steps) - 1, f"Note: {dl.note}")
            results.append((dl, ComputedDeadline(
                due=computed.due, steps=steps, start=computed.start, raw_end=computed.raw_end,
                skipped=computed.skipped)))
        return results


# --------------------------------------------------------------------------------------------
# Parsing and validation
# --------------------------------------------------------------------------------------------


class _Invalid(Exception):
    """Internal: a problem found while validating (turned into CasedeskError with the file)."""


def _check_keys(table: Mapping[str, Any], allowed: set[str], where: str) -> None:
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise _Invalid(f"{where}: unknown key {', '.join(repr(k) for k in unknown)}")


def _req_str(table: Mapping[str, Any], key: str, where: str) -> str:
    if key not in table:
        raise _Invalid(f"{where}: missing {key!r}")
    return _str(table[key], key, where)


def _str(value: Any, key: str, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _Invalid(f"{where}: {key!r} must be non-empty text, not {value!r}")
    return value.strip()


def _opt_str(table: Mapping[str, Any], key: str, where: str) -> str | None:
    return _str(table[key], key, where) if key in table else None


def _opt_bool(table: Mapping[str, Any], key: str, where: str, default: bool) -> bool:
    if key not in table:
        return default
    value = table[key]
    if not isinstance(value, bool):
        raise _Invalid(f"{where}: {key!r} must be true or false, not {value!r}")
    return value


def _table_list(table: Mapping[str, Any], key: str, where: str, *, required: bool) -> list[dict]:
    if key not in table:
        if required:
            raise _Invalid(f"{where}: missing {key!r} (at least one [[{key}]] table)")
        return []
    value = table[key]
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise _Invalid(f"{where}: {key!r} must be an array of tables ([[{key}]])")
    if required and not value:
        raise _Invalid(f"{where}: {key!r} must not be empty")
    return value


def _month_day(value: Any, key: str, where: str) -> tuple[int, int]:
    m = _MONTH_DAY_RE.match(value) if isinstance(value, str) else None
    if m is None:
        raise _Invalid(f'{where}: {key!r} must be a month and day like "08-01", not {value!r}')
    month, day = int(m.group(1)), int(m.group(2))
    try:
        date(2000, month, day)
    except ValueError:
        raise _Invalid(f"{where}: {key!r} {value!r} is not a valid month and day") from None
    return month, day


def _parse_deadline(raw: dict, where: str, service_default: bool) -> RuleDeadline:
    _check_keys(
        raw,
        {
            "key",
            "title",
            "label",
            "days",
            "direction",
            "counting",
            "citation",
            "reminders_days",
            "service_applies",
            "note",
        },
        where,
    )
    key = _req_str(raw, "key", where)
    if not _NAME_RE.match(key):
        raise _Invalid(f"{where}: 'key' {key!r} must be lower case letters, digits and _")
    where = f"{where} ({key!r})"
    title = _req_str(raw, "title", where)
    if "days" not in raw:
        raise _Invalid(f"{where}: missing 'days'")
    days = raw["days"]
    if isinstance(days, bool) or not isinstance(days, int) or days < 0:
        raise _Invalid(f"{where}: 'days' must be a whole number, 0 or more, not {days!r}")
    direction = raw.get("direction", "after")
    if direction not in DIRECTIONS:
        raise _Invalid(f'{where}: \'direction\' must be "after" or "before", not {direction!r}')
    counting = raw.get("counting", "calendar")
    if counting not in COUNTINGS:
        raise _Invalid(f'{where}: \'counting\' must be "calendar" or "court", not {counting!r}')
    reminders = raw.get("reminders_days", list(DEFAULT_REMINDERS))
    if not isinstance(reminders, list) or not all(
        isinstance(r, int) and not isinstance(r, bool) and r >= 0 for r in reminders
    ):
        raise _Invalid(
            f"{where}: 'reminders_days' must be a list of whole numbers of days, not {reminders!r}"
        )
    return RuleDeadline(
        key=key,
        title=title,
        days=days,
        direction=direction,
        counting=counting,
        citation=_opt_str(raw, "citation", where),
        reminders_days=tuple(sorted(set(reminders), reverse=True)),
        label=_opt_str(raw, "label", where),
        service_applies=_opt_bool(raw, "service_applies", where, service_default),
        note=_opt_str(raw, "note", where),
    )


def _parse_trigger(raw: dict, where: str, service_default: bool) -> Trigger:
    _check_keys(raw, {"name", "label", "title", "service_applies", "deadlines"}, where)
    name = _req_str(raw, "name", where)
    if not _NAME_RE.match(name):
        raise _Invalid(f"{where}: 'name' {name!r} must be lower case letters, digits and _")
    where = f"{where} ({name!r})"
    label = _req_str(raw, "label", where)
    service = _opt_bool(raw, "service_applies", where, service_default)
    deadlines = tuple(
        _parse_deadline(d, f"{where} deadline {i + 1}", service)
        for i, d in enumerate(_table_list(raw, "deadlines", where, required=True))
    )
    seen: set[str] = set()
    for dl in deadlines:
        if dl.key in seen:
            raise _Invalid(f"{where}: deadline key {dl.key!r} is used twice")
        seen.add(dl.key)
    return Trigger(name=name, label=label, deadlines=deadlines, title=_opt_str(raw, "title", where))


def _parse(data: dict, source: str) -> RuleSet:
    where = "rule set"
    _check_keys(
        data,
        {
            "id",
            "name",
            "jurisdiction",
            "version",
            "effective",
            "description",
            "service_applies",
            "suspensions",
            "triggers",
        },
        where,
    )
    rid = _req_str(data, "id", where)
    if not _ID_RE.match(rid):
        raise _Invalid(f"'id' {rid!r} must be lower case letters, digits, '-', '_' or '.'")
    name = _req_str(data, "name", where)
    jurisdiction = _req_str(data, "jurisdiction", where)
    try:
        jurisdiction = check_jurisdiction(jurisdiction)
    except CasedeskError as exc:
        raise _Invalid(str(exc).rstrip(".")) from None
    if "version" not in data:
        raise _Invalid("missing 'version'")
    version = data["version"]
    if isinstance(version, bool) or not isinstance(version, str | int | float):
        raise _Invalid(f"'version' must be text like \"2024.12\", not {version!r}")
    version = str(version).strip()
    if "effective" not in data:
        raise _Invalid("missing 'effective' (the date the rules took effect, like 2024-12-01)")
    effective = data["effective"]
    if isinstance(effective, str):
        try:
            effective = date.fromisoformat(effective)
        except ValueError:
            effective = None
    elif isinstance(effective, datetime):
        effective = effective.date()
    if not isinstance(effective, date):
        raise _Invalid(f"'effective' must be a date like 2024-12-01, not {data['effective']!r}")
    description = _opt_str(data, "description", where) or ""
    service_default = _opt_bool(data, "service_applies", where, True)

    suspensions = []
    for i, raw in enumerate(_table_list(data, "suspensions", where, required=False)):
        swhere = f"suspension {i + 1}"
        _check_keys(raw, {"start", "end", "label", "citation"}, swhere)
        for k in ("start", "end"):
            if k not in raw:
                raise _Invalid(f"{swhere}: missing {k!r}")
        sm, sd = _month_day(raw["start"], "start", swhere)
        em, ed = _month_day(raw["end"], "end", swhere)
        suspensions.append(
            RecurringSuspension(
                sm,
                sd,
                em,
                ed,
                label=_opt_str(raw, "label", swhere) or "Suspension of time limits",
                citation=_opt_str(raw, "citation", swhere),
            )
        )

    triggers = tuple(
        _parse_trigger(t, f"trigger {i + 1}", service_default)
        for i, t in enumerate(_table_list(data, "triggers", where, required=True))
    )
    seen: set[str] = set()
    for t in triggers:
        if t.name in seen:
            raise _Invalid(f"trigger name {t.name!r} is used twice")
        seen.add(t.name)
    return RuleSet(
        id=rid,
        name=name,
        jurisdiction=jurisdiction,
        version=version,
        effective=effective,
        triggers=triggers,
        suspensions=tuple(suspensions),
        description=description,
        source=source,
    )


def parse_rule_set(text: str, *, source: str = "<text>") -> RuleSet:
    """Parse and validate one rule set from TOML text.

    :param source: file name or other description used in error messages.
    :raises CasedeskError: naming ``source`` and the problem.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CasedeskError(f"Rule set file {source} is not valid TOML: {exc}.") from None
    except TypeError:
        raise CasedeskError(f"Rule set {source} must be TOML text.") from None
    try:
        return _parse(data, source)
    except _Invalid as exc:
        raise CasedeskError(f"Rule set file {source} is invalid: {exc}.") from None


def load_rule_set_file(path: str | os.PathLike[str]) -> RuleSet:
    """Read, parse and validate one rule set file (CasedeskError naming it on failure)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise CasedeskError(f"Rule set file {path} is not UTF-8 text.") from None
    except OSError as exc:
        raise CasedeskError(
            f"Rule set file {path} cannot be read: {exc.strerror or exc}."
        ) from None
    return parse_rule_set(text, source=str(path))


def _files_in(location: Path) -> list[Path]:
    if location.is_file():
        return [location]
    if location.is_dir():
        return sorted(p for p in location.glob("*.toml") if p.is_file())
    raise CasedeskError(f"Rule set folder {location} does not exist.")


def load_rule_sets(
    extra_dirs: Iterable[str | os.PathLike[str]] = (),
    *,
    extra_texts: Iterable[str | tuple[str, str]] = (),
) -> list[RuleSet]:
    """Load the shipped rule sets plus the firm's own.

    :param extra_dirs: folders of ``*.toml`` rule set files (or single files) the firm adds.
    :param extra_texts: rule sets as TOML text, or ``(source name, text)`` pairs (e.g. kept in
        the firm's database).
    :returns: the rule sets, shipped ones first (by file name), then the firm's in the order
        given.  A firm rule set with the same ``id`` as a shipped one replaces it; two firm rule
        sets with the same ``id`` are an error.
    :raises CasedeskError: a malformed file or text (named), a missing folder, a duplicate id.
    """
    shipped: list[RuleSet] = []
    shipped_dir = shipped_rules_dir()
    if shipped_dir.is_dir():
        shipped = [load_rule_set_file(p) for p in _files_in(shipped_dir)]
    firm: list[RuleSet] = []
    for location in extra_dirs:
        firm.extend(load_rule_set_file(p) for p in _files_in(Path(location)))
    for i, item in enumerate(extra_texts):
        if isinstance(item, tuple):
            source, text = item
        else:
            source, text = f"<firm rule set {i + 1}>", item
        firm.append(parse_rule_set(text, source=source))

    by_id: dict[str, RuleSet] = {}
    for rs in shipped:
        if rs.id in by_id:
            raise CasedeskError(
                f"Rule set id {rs.id!r} is used by both {by_id[rs.id].source} and {rs.source}."
            )
        by_id[rs.id] = rs
    firm_ids: dict[str, RuleSet] = {}
    for rs in firm:
        if rs.id in firm_ids:
            raise CasedeskError(
                f"Rule set id {rs.id!r} is used by both {firm_ids[rs.id].source} and {rs.source}."
            )
        firm_ids[rs.id] = rs
        by_id[rs.id] = rs  # replaces a shipped one in place, or appends
    return list(by_id.values())
