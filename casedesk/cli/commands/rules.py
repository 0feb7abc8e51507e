"""``casedesk rules``: compute court deadlines and list the rule sets.

``casedesk rules compute --from DATE --days N [--before] [--court-days] [--jurisdiction CODE]
[--service electronic|mail] [--file FILE] [--explain]`` prints only the due date
(``YYYY-MM-DD``); ``--explain`` adds the counting steps and the days skipped after it.
``--file`` adds the firm's own closure days from its case file.

``casedesk rules list [--file FILE]`` lists the rule sets and their triggers; with ``--file``
also the firm's own rule sets kept in that case file (marked "firm").

``casedesk rules apply FILE --matter NUMBER --trigger NAME --date DATE
[--service electronic|mail] [--rule-set ID]`` applies a trigger to a matter and prints the
deadlines it created (due date, title, citation).  Applying a trigger the matter already has
with another date moves it: the dependent deadlines are recomputed, hand-edited ones are listed
as flagged for review instead.

``casedesk rules add FILE RULES.toml`` keeps the firm's own rule set in the case file (an
existing one with the same id is replaced).
"""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date
from pathlib import Path

from casedesk.core.errors import CasedeskError, UsageError

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the ``rules`` command (with ``compute`` and ``list``) to the main parser."""
    p = subparsers.add_parser(
        "rules",
        help="compute court deadlines; list court-rule sets",
        description="Compute court deadlines (FRCP 6 counting) and list the court-rule sets.",
    )
    p.set_defaults(func=run)
    sub = p.add_subparsers(dest="rules_command", metavar="{compute,list,apply,add}")
    sub.required = True

    c = sub.add_parser(
        "compute",
        help="compute one deadline and print its date",
        description="Print the last day of a period counted from DATE, as YYYY-MM-DD.",
    )
    c.add_argument(
        "--from",
        dest="from_date",
        required=True,
        metavar="DATE",
        help="the day of the triggering event, like 2026-12-03 (not counted)",
    )
    c.add_argument("--days", type=int, required=True, metavar="N", help="length of the period")
    c.add_argument(
        "--before",
        action="store_true",
        help="count backward (a period before an event, e.g. a trial date)",
    )
    c.add_argument(
        "--court-days",
        action="store_true",
        help="count court days only (skip weekends and holidays)",
    )
    c.add_argument(
        "--jurisdiction",
        default="US",
        metavar="CODE",
        help="holiday calendar: US (default), US-NY, GR, ...",
    )
    c.add_argument(
        "--service",
        choices=("electronic", "mail"),
        default="electronic",
        help="how the paper was served; mail adds 3 days (FRCP 6(d))",
    )
    c.add_argument("--file", metavar="FILE", help="case file whose firm closure days apply")
    c.add_argument(
        "--explain", action="store_true", help="also print the counting steps and the days skipped"
    )
    c.set_defaults(func=run, rules_command="compute")

    ls = sub.add_parser(
        "list",
        help="list the court-rule sets and their triggers",
        description="List the court-rule sets (shipped and the firm's) and their triggers.",
    )
    ls.add_argument("--file", metavar="FILE", help="case file whose firm rule sets to include")
    ls.set_defaults(func=run, rules_command="list")

    ap = sub.add_parser(
        "apply",
        help="apply a rule set's trigger to a matter and create its deadlines",
        description="Create a matter's deadlines from a triggering event (or move the trigger).",
    )
    ap.add_argument("file", metavar="FILE", help="the case file")
    ap.add_argument("--matter", required=True, metavar="NUMBER", help="the matter's number")
    ap.add_argument("--trigger", required=True, metavar="NAME", help="see 'casedesk rules list'")
    ap.add_argument("--date", required=True, metavar="DATE", help="the day of the trigger")
    ap.add_argument("--service", choices=("electronic", "mail"), default="electronic",
                    help="how the paper was served; mail adds days where the rules say so")
    ap.add_argument("--rule-set", metavar="ID",
                    help="the rule set, when the trigger name exists in several")
    ap.set_defaults(func=run, rules_command="apply")

    ad = sub.add_parser(
        "add",
        help="keep the firm's own rule set (TOML) in the case file",
        description="Add the firm's own court-rule set to the case file, or replace it.",
    )
    ad.add_argument("file", metavar="FILE", help="the case file")
    ad.add_argument("rules", type=Path, metavar="RULES.toml")
    ad.set_defaults(func=run, rules_command="add")
    return p


def run(args: argparse.Namespace) -> int:
    """Run ``rules compute`` or ``rules list``; returns the exit code."""
    command = getattr(args, "rules_command", None)
    if command == "compute":
        return _compute(args)
    if command == "list":
        return _list(args)
    if command == "apply":
        return _apply(args)
    if command == "add":
        return _add(args)
    raise UsageError("Use 'casedesk rules compute', 'list', 'apply' or 'add'.")


def _parse_date(text: str, flag: str = "--from") -> date:
    if not isinstance(text, str) or not _DATE_RE.match(text.strip()):
        raise UsageError(f"{flag} must be a date like 2026-12-03")
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"{flag} must be a date like 2026-12-03") from None


def _compute(args: argparse.Namespace) -> int:
    from casedesk.core.rules import check_jurisdiction, compute_deadline

    start = _parse_date(args.from_date)
    if args.days < 0:
        raise UsageError("--days must be a whole number of days, 0 or more")
    try:
        jurisdiction = check_jurisdiction(args.jurisdiction)
    except CasedeskError as exc:
        raise UsageError(f"--jurisdiction: {exc}") from None
    closures: set[date] = set()
    if args.file:
        from casedesk.cli.firmaccess import firm_closures

        closures = set(firm_closures(Path(args.file)))
    result = compute_deadline(
        start,
        args.days,
        direction="before" if args.before else "after",
        counting="court" if args.court_days else "calendar",
        jurisdiction=jurisdiction,
        service=args.service,
        closures=closures,
    )
    print(result.due.isoformat())
    if args.explain:
        print(result.explain())
        if result.skipped:
            print("Days skipped:")
            for d, reason in result.skipped:
                print(f"  {d.isoformat()}  {reason}")
        else:
            print("Days skipped: none")
    return 0


def _list(args: argparse.Namespace) -> int:
    from casedesk.core.rules import load_rule_sets

    firm_ids: set[str] = set()
    if args.file:
        from casedesk.cli.firmaccess import open_case_file
        from casedesk.core.services import deadlines

        with open_case_file(Path(args.file)) as cf:
            rule_sets = deadlines.rule_sets(cf)
            firm_ids = deadlines.firm_rule_set_ids(cf)
    else:
        rule_sets = load_rule_sets()
    if not rule_sets:
        print("No rule sets found.")
        return 0
    for i, rs in enumerate(rule_sets):
        if i:
            print()
        origin = "  (firm)" if rs.id in firm_ids else ""
        print(f"{rs.id}  {rs.name}{origin}")
        print(
            f"  version {rs.version}, effective {rs.effective.isoformat()}, "
            f"jurisdiction {rs.jurisdiction}"
        )
        width = max(len(t.name) for t in rs.triggers)
        for t in rs.triggers:
            n = len(t.deadlines)
            print(f"  {t.name:<{width}}  {t.label} ({n} deadline{'' if n == 1 else 's'})")
    return 0


def _apply(args: argparse.Namespace) -> int:
    from casedesk.cli.firmaccess import open_case_file
    from casedesk.core.services import deadlines, matters

    on = _parse_date(args.date, "--date")
    with open_case_file(Path(args.file)) as cf:
        matter = matters.by_number(cf, args.matter)
        result = deadlines.apply_rule_set(cf, matter.id, args.trigger, on,
                                          service=args.service, rule_set_id=args.rule_set)
    for d in sorted(result.created + result.moved, key=lambda d: (d.due, d.title)):
        print(f"{d.due.isoformat()}  {d.title}  [{d.rule or 'no citation'}]")
    for d in result.flagged:
        print(f"{d.due.isoformat()}  {d.title}  [{d.rule or 'no citation'}]  NEEDS REVIEW: "
              f"edited by hand; the rules now give "
              f"{d.computed_due.isoformat() if d.computed_due else 'no date'}")
    if not (result.created or result.moved or result.flagged):
        print(f"Trigger {args.trigger} on {on.isoformat()} was already applied; nothing changed.",
              file=sys.stderr)
    return 0


def _add(args: argparse.Namespace) -> int:
    from casedesk.cli.firmaccess import open_case_file
    from casedesk.core.services import deadlines

    try:
        text = args.rules.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"Cannot read {args.rules}: {exc}.") from None
    with open_case_file(Path(args.file)) as cf:
        row = deadlines.save_firm_rule_set(cf, text, source=str(args.rules))
    print(f"Saved rule set {row.rule_set_id} version {row.version}.", file=sys.stderr)
    return 0
