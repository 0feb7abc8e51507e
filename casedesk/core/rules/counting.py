"""Deadline counting: FRCP 6(a) periods with legal holidays, service add-ons and suspensions.

How a period is counted (FRCP 6(a)(1), applied to every jurisdiction)
---------------------------------------------------------------------
* The day of the triggering event is **not** counted.
* ``counting="calendar"``: every day is counted, Saturdays, Sundays and legal holidays included.
  ``counting="court"``: only court days are counted; Saturdays, Sundays, legal holidays and the
  firm's closure days are skipped altogether.
* The last day is counted, but if it is a Saturday, Sunday, legal holiday or closure day the
  period runs on to the next day that is none of them.  "Next" means *later* for periods that
  run after an event and *earlier* for periods counted backward from an event (FRCP 6(a)(5)).
* Service add-on (FRCP 6(d)): when the paper that started a forward period was served by mail
  (``service="mail"``) or left with the clerk (``service="clerk"``), 3 calendar days are added
  after the 6(a) period would otherwise expire -- that is, after its own roll-over -- and the
  last-day roll-over is applied again.  Electronic and personal service add nothing, and the
  add-on never applies to periods counted backward.
* Suspensions: a rule set may declare periods during which its time limits do not run (Greek
  civil procedure suspends them from 1 to 31 August, Κ.Πολ.Δ. art. 147(2)).  The common reading
  is implemented: days inside a suspension are not counted (the count pauses and resumes after
  the period) and a deadline that would fall inside one is pushed past it (forward periods: to
  the first day after it; backward periods: to the last day before it).  :func:`compute_deadline`
  applies **no** suspension unless given one; :meth:`RuleSet.compute` passes its rule set's.
* The current counting rules apply whatever the year of the dates: no historical versions of
  the rules (e.g. the pre-2009 FRCP rule that skipped weekends in short periods) are modelled.

Which days are legal holidays
-----------------------------
Holidays come from the ``holidays`` package, by jurisdiction code: a country code (``US``,
``GR``, ``DE``, ...) optionally followed by a subdivision (``US-NY``).  The package's default
("public") category is used with ``observed=True``, so both the holiday itself and the day it is
observed on count (July 4, 2026 is a Saturday and Friday July 3, 2026 is "Independence Day
(observed)").  For ``US`` this is the set of federal holidays from ``holidays.US`` --
New Year's Day, Martin Luther King Jr. Day, Washington's Birthday, Memorial Day, Juneteenth,
Independence Day, Labor Day, Columbus Day, Veterans Day, Thanksgiving and Christmas -- which is
FRCP 6(a)(6)(A)'s list.  Inauguration Day is only listed by the package for ``US-DC`` and is
otherwise ignored.  A ``US-<state>`` code adds that state's public holidays, matching FRCP
6(a)(6)(C) ("any day declared a holiday by the state where the district court is located").
Days the President or Congress declare ad hoc (6(a)(6)(B)) and days the clerk's office is
inaccessible (6(a)(3)) are not in the package: pass them as ``closures``, together with any
closure days the firm adds.  Holiday names are taken in English where the package offers it.
Holiday tables are built once per (jurisdiction, year) and cached.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from types import MappingProxyType
from typing import Literal, Protocol, runtime_checkable

import holidays

from casedesk.core.errors import ValidationError

__all__ = [
    "COUNTINGS",
    "DIRECTIONS",
    "FIRM_CLOSURE_NAME",
    "SERVICE_ADD_ON_DAYS",
    "ComputedDeadline",
    "Counting",
    "Direction",
    "FixedSuspension",
    "RecurringSuspension",
    "Service",
    "SuspensionPeriod",
    "check_jurisdiction",
    "compute_deadline",
    "holiday_name",
]

Direction = Literal["after", "before"]
Counting = Literal["calendar", "court"]
Service = Literal["electronic", "personal", "mail", "clerk"]

DIRECTIONS: tuple[str, ...] = ("after", "before")
COUNTINGS: tuple[str, ...] = ("calendar", "court")

#: Days FRCP 6(d) adds after a forward period, by method of service.
SERVICE_ADD_ON_DAYS: Mapping[str, int] = MappingProxyType(
    {"electronic": 0, "personal": 0, "mail": 3, "clerk": 3}
)
_SERVICE_WORDS = {
    "electronic": "served electronically",
    "personal": "served by hand",
    "mail": "served by mail",
    "clerk": "left with the clerk",
}

#: Name given to a closure day passed as a bare date (a mapping may name each day).
FIRM_CLOSURE_NAME = "Firm closure day"

_ONE_DAY = timedelta(days=1)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MAX_SPAN_DAYS = 366 * 200  # a count that runs further than this cannot end (all days suspended)


def _fmt(d: date) -> str:
    return f"{d.isoformat()} ({_WEEKDAYS[d.weekday()]})"


# --------------------------------------------------------------------------------------------
# Holidays
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Jurisdiction:
    code: str
    country: str
    subdiv: str | None
    language: str | None

    @property
    def is_us(self) -> bool:
        return self.country == "US"


@functools.lru_cache(maxsize=256)
def _jurisdiction(code: str) -> _Jurisdiction:
    """Parse and check a jurisdiction code such as ``US``, ``us-ny`` or ``GR`` (cached)."""
    text = code.strip() if isinstance(code, str) else ""
    country, _, subdiv_text = text.partition("-")
    country = country.upper()
    if not country:
        raise ValidationError(
            f"Unknown jurisdiction code {code!r}: use a country code such as US or GR, "
            "optionally with a subdivision such as US-NY.",
            field="jurisdiction",
        )
    try:
        probe = holidays.country_holidays(country, years=2000)
    except NotImplementedError:
        raise ValidationError(
            f"Unknown jurisdiction code {code!r}: the holiday calendar has no country {country!r}.",
            field="jurisdiction",
        ) from None
    subdiv: str | None = None
    if subdiv_text:
        by_upper = {str(s).upper(): str(s) for s in probe.subdivisions}
        subdiv = by_upper.get(subdiv_text.upper())
        if subdiv is None:
            raise ValidationError(
                f"Unknown jurisdiction code {code!r}: {country} has no subdivision "
                f"{subdiv_text!r}.",
                field="jurisdiction",
            )
    languages = tuple(getattr(probe, "supported_languages", ()) or ())
    language = "en_US" if "en_US" in languages else None
    canonical = f"{country}-{subdiv}" if subdiv else country
    return _Jurisdiction(canonical, country, subdiv, language)


def check_jurisdiction(code: str) -> str:
    """Return the canonical form of a jurisdiction code (``us-ny`` -> ``US-NY``).

    Raises :class:`~casedesk.core.errors.ValidationError` (a ``CasedeskError``) naming the code
    when the holiday calendar does not know it.
    """
    return _jurisdiction(code).code


@functools.lru_cache(maxsize=1024)
def _holiday_table(code: str, year: int) -> Mapping[date, str]:
    """The legal holidays of one jurisdiction and year as ``{date: name}`` (cached)."""
    j = _jurisdiction(code)
    table = holidays.country_holidays(
        j.country, subdiv=j.subdiv, years=year, observed=True, language=j.language
    )
    return MappingProxyType(dict(table.items()))


def _closure_map(closures: Iterable[date] | Mapping[date, str]) -> dict[date, str]:
    if isinstance(closures, Mapping):
        return {
            _as_date(d, "closures"): str(name or FIRM_CLOSURE_NAME) for d, name in closures.items()
        }
    return {_as_date(d, "closures"): FIRM_CLOSURE_NAME for d in closures}


def _as_date(value: object, what: str) -> date:
    if not isinstance(value, date):
        raise ValidationError(f"{what} must contain dates, not {value!r}.", field=what)
    # a datetime is a date too; keep only the calendar day
    return date(value.year, value.month, value.day)


def holiday_name(
    d: date,
    jurisdiction: str = "US",
    closures: Iterable[date] | Mapping[date, str] = (),
) -> str | None:
    """Name of the legal holiday or closure day on ``d``, or ``None`` for an ordinary day.

    Weekends are not holidays by themselves (``None`` for an ordinary Saturday).  Official
    holidays win over closure days; a closure given as a bare date is called
    :data:`FIRM_CLOSURE_NAME`, one given in a ``{date: name}`` mapping keeps its name.
    """
    name = _holiday_table(_jurisdiction(jurisdiction).code, d.year).get(d)
    if name is not None:
        return name
    return _closure_map(closures).get(d)


# --------------------------------------------------------------------------------------------
# Suspensions
# --------------------------------------------------------------------------------------------


@runtime_checkable
class SuspensionPeriod(Protocol):
    """Anything that can say which suspension period (if any) contains a day."""

    label: str
    citation: str | None

    def period_containing(self, d: date) -> tuple[date, date] | None:
        """First and last day of the period that contains ``d``, or ``None``."""
        ...


def _month_day_ok(month: int, day: int) -> bool:
    try:
        date(2000, month, day)  # a leap year, so 02-29 is accepted
    except (TypeError, ValueError):
        return False
    return True


@dataclass(frozen=True)
class RecurringSuspension:
    """A suspension that recurs every year, e.g. 1 to 31 August (may wrap over New Year)."""

    start_month: int
    start_day: int
    end_month: int
    end_day: int
    label: str = "Suspension of time limits"
    citation: str | None = None

    def __post_init__(self) -> None:
        if not _month_day_ok(self.start_month, self.start_day):
            raise ValidationError(
                f"Suspension start {self.start_month}-{self.start_day} is not a valid month/day."
            )
        if not _month_day_ok(self.end_month, self.end_day):
            raise ValidationError(
                f"Suspension end {self.end_month}-{self.end_day} is not a valid month/day."
            )

    @staticmethod
    def _on(year: int, month: int, day: int, *, start: bool) -> date:
        try:
            return date(year, month, day)
        except ValueError:  # 29 February in a common year
            return date(year, 3, 1) if start else date(year, 2, 28)

    def period_containing(self, d: date) -> tuple[date, date] | None:
        key = (d.month, d.day)
        first = (self.start_month, self.start_day)
        last = (self.end_month, self.end_day)
        y = d.year
        if first <= last:
            if not first <= key <= last:
                return None
            lo, hi = self._on(y, *first, start=True), self._on(y, *last, start=False)
        elif key >= first:
            lo, hi = self._on(y, *first, start=True), self._on(y + 1, *last, start=False)
        elif key <= last:
            lo, hi = self._on(y - 1, *first, start=True), self._on(y, *last, start=False)
        else:
            return None
        return (lo, hi) if lo <= d <= hi else None

    def describe(self) -> str:
        """E.g. ``08-01 to 08-31 every year``."""
        return (
            f"{self.start_month:02d}-{self.start_day:02d} to "
            f"{self.end_month:02d}-{self.end_day:02d} every year"
        )


@dataclass(frozen=True)
class FixedSuspension:
    """A one-off suspension between two dates (both included)."""

    start: date
    end: date
    label: str = "Suspension of time limits"
    citation: str | None = None

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValidationError(
                f"Suspension {self.label!r} ends ({self.end}) before it starts ({self.start})."
            )

    def period_containing(self, d: date) -> tuple[date, date] | None:
        return (self.start, self.end) if self.start <= d <= self.end else None


def _suspension_list(
    suspensions: Iterable[SuspensionPeriod | tuple[date, date]],
) -> tuple[SuspensionPeriod, ...]:
    out: list[SuspensionPeriod] = []
    for s in suspensions:
        if isinstance(s, tuple) and len(s) == 2:
            first, last = _as_date(s[0], "suspensions"), _as_date(s[1], "suspensions")
            out.append(FixedSuspension(first, last))
        elif isinstance(s, SuspensionPeriod):
            out.append(s)
        else:
            raise ValidationError(f"Not a suspension period: {s!r}.", field="suspensions")
    return tuple(out)


# --------------------------------------------------------------------------------------------
# The result
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ComputedDeadline:
    """A computed deadline: the due date and the steps that explain how it was reached.

    ``skipped`` lists the days passed over because they were not court days -- skipped while
    counting court days or rolled over at the end -- each with its reason ("Saturday",
    "Thanksgiving Day", ...).  ``raw_end`` is the end of the count before any roll-over.
    """

    due: date
    steps: list[str]
    start: date | None = None
    raw_end: date | None = None
    skipped: tuple[tuple[date, str], ...] = field(default=())

    def explain(self) -> str:
        """The steps as numbered lines, ending with the due date."""
        lines = [f"{i}. {step}" for i, step in enumerate(self.steps, 1)]
        return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# Counting
# --------------------------------------------------------------------------------------------


class _Calendar:
    __slots__ = ("_years", "closures", "code", "suspensions")

    def __init__(
        self, code: str, closures: dict[date, str], suspensions: tuple[SuspensionPeriod, ...]
    ) -> None:
        self.code = code
        self.closures = closures
        self.suspensions = suspensions
        self._years: dict[int, dict[date, tuple[str, str]]] = {}

    def days_off(self, year: int) -> dict[date, tuple[str, str]]:
        """``{day: (name, kind)}`` of the legal holidays and closure days of ``year`` (a legal
        holiday wins over a closure day on the same day)."""
        found = self._years.get(year)
        if found is None:
            found = {d: (name, "closure day") for d, name in self.closures.items()
                     if d.year == year}
            found.update((d, (name, "legal holiday"))
                         for d, name in _holiday_table(self.code, year).items())
            self._years[year] = found
        return found

    def holiday(self, d: date) -> tuple[str, str] | None:
        """(name, kind) of a legal holiday or closure day on ``d``."""
        return self.days_off(d.year).get(d)

    def closed(self, d: date) -> tuple[str, str] | None:
        """(short reason, sentence fragment) when ``d`` is not a court day, else ``None``."""
        wd = d.weekday()
        hol = self.holiday(d)
        if wd >= 5:
            day = _WEEKDAYS[wd]
            if hol is None:
                return day, f"a {day}"
            return f"{day} ({hol[0]})", f"a {day} and a {hol[1]} ({hol[0]})"
        if hol is None:
            return None
        return hol[0], f"a {hol[1]} ({hol[0]})"

    def suspension(self, d: date) -> tuple[date, date, SuspensionPeriod] | None:
        for s in self.suspensions:
            period = s.period_containing(d)
            if period is not None:
                return period[0], period[1], s
        return None


def _suspension_text(s: SuspensionPeriod) -> str:
    return f"{s.label}, {s.citation}" if s.citation else s.label


def _roll(
    cur: date,
    delta: timedelta,
    cal: _Calendar,
    steps: list[str],
    skipped: list[tuple[date, str]],
    cite: str,
    start: date,
) -> date:
    """Move ``cur`` off weekends, holidays, closures and suspensions in the count's direction."""
    word = "next" if delta.days > 0 else "previous"
    while True:
        if abs((cur - start).days) > _MAX_SPAN_DAYS:
            raise ValidationError(
                "The suspensions given leave no day on which the deadline can fall."
            )
        susp = cal.suspension(cur)
        if susp is not None:
            first, last, s = susp
            new = last + _ONE_DAY if delta.days > 0 else first - _ONE_DAY
            steps.append(
                f"{_fmt(cur)} falls within a suspension period ({first.isoformat()} to "
                f"{last.isoformat()}: {_suspension_text(s)}); the deadline is pushed past it "
                f"to {_fmt(new)}."
            )
            cur = new
            continue
        closed = cal.closed(cur)
        if closed is None:
            return cur
        new = cur + delta
        skipped.append((cur, closed[0]))
        shown = cur.isoformat() if cur.weekday() >= 5 else _fmt(cur)
        steps.append(
            f"{shown} is {closed[1]}; the period continues to the {word} day, {_fmt(new)}{cite}."
        )
        cur = new


def compute_deadline(
    start: date,
    days: int,
    *,
    direction: Direction = "after",
    counting: Counting = "calendar",
    jurisdiction: str = "US",
    service: Service = "electronic",
    closures: Iterable[date] | Mapping[date, str] = (),
    suspensions: Iterable[SuspensionPeriod | tuple[date, date]] = (),
    citation: str | None = None,
) -> ComputedDeadline:
    """Compute the last day of a period of ``days`` days after (or before) ``start``.

    :param start: the day of the triggering event (not counted).
    :param days: length of the period, 0 or more.
    :param direction: ``"after"`` (forward) or ``"before"`` (counted backward from ``start``).
    :param counting: ``"calendar"`` (every day counts) or ``"court"`` (only court days count).
    :param jurisdiction: holiday calendar code: ``US``, ``US-NY``, ``GR``, ...
    :param service: how the triggering paper was served: ``electronic``, ``personal``,
        ``mail`` or ``clerk``; mail and clerk add 3 days to forward periods (FRCP 6(d)).
    :param closures: extra non-court days (firm or court closures), as dates or ``{date: name}``.
    :param suspensions: periods during which the time limit does not run
        (:class:`RecurringSuspension`, :class:`FixedSuspension` or ``(first, last)`` tuples).
    :param citation: the rule the period comes from, shown first in the explanation.
    :raises ValidationError: bad arguments or an unknown jurisdiction code (named).
    """
    if not isinstance(start, date):
        raise ValidationError(f"The start date must be a date, not {start!r}.", field="start")
    start = _as_date(start, "start")
    if isinstance(days, bool) or not isinstance(days, int) or days < 0:
        raise ValidationError(
            f"The number of days must be a whole number, 0 or more, not {days!r}.", field="days"
        )
    if direction not in DIRECTIONS:
        raise ValidationError(
            f"Direction must be 'after' or 'before', not {direction!r}.", field="direction"
        )
    if counting not in COUNTINGS:
        raise ValidationError(
            f"Counting must be 'calendar' or 'court', not {counting!r}.", field="counting"
        )
    if service not in SERVICE_ADD_ON_DAYS:
        raise ValidationError(
            f"Service must be one of {', '.join(SERVICE_ADD_ON_DAYS)}, not {service!r}.",
            field="service",
        )
    j = _jurisdiction(jurisdiction)
    cal = _Calendar(j.code, _closure_map(closures), _suspension_list(suspensions))
    forward = direction == "after"
    delta = _ONE_DAY if forward else -_ONE_DAY
    us = j.is_us

    steps: list[str] = []
    skipped: list[tuple[date, str]] = []
    if citation:
        steps.append(f"Rule: {citation}.")
    unit = "calendar day" if counting == "calendar" else "court day"
    steps.append(
        f"Period: {days} {unit}{'' if days == 1 else 's'} "
        f"{'after' if forward else 'before'} {_fmt(start)}, counted "
        f"{'forward' if forward else 'backward'}; the trigger day itself is not counted"
        f"{' (FRCP 6(a)(1)(A))' if us else ''}."
    )
    holiday_source = f"legal holidays ({j.code} calendar, observed days included)"
    if cal.closures:
        n = len(cal.closures)
        holiday_source += f" plus {n} closure day{'' if n == 1 else 's'}"
    if counting == "calendar":
        steps.append(
            "Counting: calendar days -- every day counts, including Saturdays, Sundays and "
            f"{holiday_source}{' (FRCP 6(a)(1)(B))' if us else ''}."
        )
    else:
        steps.append(
            f"Counting: court days -- Saturdays, Sundays and {holiday_source} are skipped and "
            "not counted."
        )

    # 1. count the days
    cur = start
    remaining = days
    counted_holidays: list[tuple[date, str]] = []
    court_skips: list[tuple[date, str]] = []
    weekend_skips = 0
    suspended: list[tuple[date, date, SuspensionPeriod]] = []
    court = counting == "court"
    year, off = -1, cal.days_off(start.year)
    try:
        while remaining > 0:
            cur += delta
            if cur.year != year:
                year, off = cur.year, cal.days_off(cur.year)
            if not cal.suspensions:  # the common case, without calls per day
                hol = off.get(cur)
                if court and (hol is not None or cur.weekday() >= 5):
                    closed = cal.closed(cur)
                    assert closed is not None
                    skipped.append((cur, closed[0]))
                    if hol is None:
                        weekend_skips += 1
                    else:
                        court_skips.append((cur, hol[0]))
                    continue
                if not court and hol is not None:
                    counted_holidays.append((cur, hol[0]))
                remaining -= 1
                continue
            susp = cal.suspension(cur)
            if susp is not None:
                first, last, s = susp
                if forward:
                    suspended.append((max(first, cur), last, s))
                    cur = last
                else:
                    suspended.append((first, min(last, cur), s))
                    cur = first
                if abs((cur - start).days) > _MAX_SPAN_DAYS:
                    raise ValidationError(
                        "The suspensions given leave no days to count; the deadline never ends."
                    )
                continue
            if counting == "court":
                closed = cal.closed(cur)
                if closed is not None:
                    skipped.append((cur, closed[0]))
                    hol = cal.holiday(cur)
                    if hol is None:
                        weekend_skips += 1
                    else:
                        court_skips.append((cur, hol[0]))
                    continue
            else:
                hol = cal.holiday(cur)
                if hol is not None:
                    counted_holidays.append((cur, hol[0]))
            remaining -= 1
        raw_end = cur

        if counting == "court" and (weekend_skips or court_skips):
            parts = []
            if weekend_skips:
                parts.append(f"{weekend_skips} weekend day{'' if weekend_skips == 1 else 's'}")
            parts.extend(f"{name} ({d.isoformat()})" for d, name in court_skips)
            steps.append(f"Not counted (not court days): {'; '.join(parts)}.")
        if counted_holidays:
            listed = "; ".join(f"{name} ({d.isoformat()})" for d, name in counted_holidays)
            steps.append(f"Holidays inside the period, counted as ordinary days: {listed}.")
        for first, last, s in suspended:
            n = (last - first).days + 1
            steps.append(
                f"Suspension applied: {first.isoformat()} to {last.isoformat()} "
                f"({_suspension_text(s)}): {n} day{'' if n == 1 else 's'} not counted."
            )
        steps.append(f"Raw end date: {_fmt(raw_end)}.")

        # 2. last-day roll-over
        cite = ""
        if us:
            cite = " (FRCP 6(a)(1)(C))" if forward else " (FRCP 6(a)(1)(C), 6(a)(5))"
        due = _roll(raw_end, delta, cal, steps, skipped, cite, start)
        if due != raw_end:
            steps.append(f"Last day after roll-over: {_fmt(due)}.")

        # 3. service add-on
        add_on = SERVICE_ADD_ON_DAYS[service]
        rule_6d = " (FRCP 6(d))" if us else ""
        if forward and add_on:
            extended = due
            n = 0
            while n < add_on:
                extended += _ONE_DAY
                susp = cal.suspension(extended)
                if susp is not None:
                    steps.append(
                        f"Suspension applied to the service add-on: {susp[0].isoformat()} to "
                        f"{susp[1].isoformat()} ({_suspension_text(susp[2])})."
                    )
                    extended = susp[1]
                    continue
                n += 1
            steps.append(
                f"Service: the paper was {_SERVICE_WORDS[service]}, so {add_on} days are added "
                f"after the period would otherwise expire{rule_6d}: {due.isoformat()} + "
                f"{add_on} days = {_fmt(extended)}."
            )
            due = _roll(extended, delta, cal, steps, skipped, cite, start)
            if due != extended:
                steps.append(f"Last day after roll-over: {_fmt(due)}.")
        elif add_on:
            steps.append(
                f"Service: the paper was {_SERVICE_WORDS[service]}, but the service add-on "
                f"only applies to periods that run after an event{rule_6d}; nothing added."
            )
        elif forward:
            steps.append(f"Service: {_SERVICE_WORDS[service]}; nothing added{rule_6d}.")
    except OverflowError:
        raise ValidationError(
            "The deadline falls outside the range of dates casedesk can handle.", field="days"
        ) from None

    steps.append(f"Due date: {_fmt(due)}.")
    return ComputedDeadline(
        due=due, steps=steps, start=start, raw_end=raw_end, skipped=tuple(skipped)
    )
