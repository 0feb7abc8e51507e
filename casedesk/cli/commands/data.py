"""Commands that move data in and out: import, export, list."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from casedesk.cli.firmaccess import open_case_file
from casedesk.cli.output import print_json, table, write_text
from casedesk.core import interchange, perf
from casedesk.core.errors import UsageError
from casedesk.core.fsutil import atomic_write

if TYPE_CHECKING:
    from casedesk.core.services import queries


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("import", help="import clients, matters, events and deadlines")
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("data", type=Path, metavar="DATA", help="a .json interchange file or a .csv "
                   "of contacts")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("export", help="export the firm's data")
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--format", required=True, choices=["json", "ics"],
                   help="json: everything; ics: events and deadlines for calendar programs")
    p.add_argument("--out", type=Path, metavar="PATH", help="write here instead of to stdout")
    p.add_argument("--attorney", metavar="USER",
                   help="ics: only the events USER attends and the deadlines that are theirs")
    p.add_argument("--matter", metavar="NUMBER", help="ics: only this matter's items")
    p.add_argument("--from", dest="from_date", metavar="DATE", help="ics: from this day")
    p.add_argument("--to", dest="to_date", metavar="DATE", help="ics: up to this day")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("list", help="list clients, matters, events or deadlines")
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("what", choices=["clients", "matters", "events", "deadlines"])
    p.add_argument("--json", action="store_true", help="JSON output")
    p.set_defaults(func=cmd_list)


def cmd_import(args: argparse.Namespace) -> int:
    with perf.gc_paused():  # one pause for the whole import (see gc_paused)
        doc = interchange.read_file(args.data)  # read and check before asking for a password
        cleaned = interchange.check_document(doc)
        with open_case_file(args.file) as cf:
            report = interchange.import_document(cf, doc, cleaned)
        del doc, cleaned  # freed while paused: the collector need not look at them once more
    print(f"Imported {args.data.name}: {report.summary()}.", file=sys.stderr)
    return 0


def _day(text: str | None, flag: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"{flag} must be a date like 2026-12-03.") from None


def cmd_export(args: argparse.Namespace) -> int:
    if args.format == "ics":
        return _export_ics(args)
    if args.attorney or args.matter or args.from_date or args.to_date:
        raise UsageError("--attorney, --matter, --from and --to only apply to --format ics.")
    with open_case_file(args.file) as cf:
        doc = interchange.export_document(cf)
    text = interchange.dumps(doc)
    if args.out:
        if args.out.is_dir():
            raise UsageError(f"--out {args.out} is a folder; give a file name.")
        atomic_write(args.out, text.encode("utf-8"))
        print(f"Exported to {args.out}.", file=sys.stderr)
    else:
        write_text(text)
    return 0


def _export_ics(args: argparse.Namespace) -> int:
    from casedesk.core.services import icalexport, matters

    start, end = _day(args.from_date, "--from"), _day(args.to_date, "--to")
    if start and end and end < start:
        raise UsageError("--to is before --from.")
    if args.out is None:
        raise UsageError("--format ics needs --out PATH.")
    if args.out.is_dir():
        raise UsageError(f"--out {args.out} is a folder; give a file name.")
    with open_case_file(args.file) as cf:
        matter_id = matters.by_number(cf, args.matter).id if args.matter else None
        result = icalexport.build_calendar(cf, attorney=args.attorney, matter_id=matter_id,
                                           start=start, end=end)
    atomic_write(args.out, result.data)
    print(f"Exported {result.events} events and {result.deadlines} deadlines to {args.out}.",
          file=sys.stderr)
    return 0


def _fmt_event_time(row: queries.EventRow) -> str:
    local = row.starts_at.astimezone(ZoneInfo(row.timezone))
    if row.all_day:
        return local.date().isoformat()
    return local.strftime("%Y-%m-%d %H:%M")


def cmd_list(args: argparse.Namespace) -> int:
    from casedesk.core.services import queries

    with open_case_file(args.file) as cf:
        rows: list[Any]
        if args.what == "clients":
            rows = queries.contacts(cf, clients_only=True)
            data = [{"id": r.id, "name": r.name, "kind": r.kind, "email": r.email,
                     "phone": r.phone, "matters": r.matters} for r in rows]
            headers = ["name", "kind", "email", "phone", "matters"]
        elif args.what == "matters":
            rows = queries.matters(cf, queries.ListQuery(sort="number"))
            data = [{"id": r.id, "number": r.number, "title": r.title, "client": r.client,
                     "practice_area": r.practice_area, "status": r.status,
                     "responsible": r.responsible, "court": r.court} for r in rows]
            headers = ["number", "status", "practice_area", "client", "title", "responsible"]
        elif args.what == "events":
            rows = queries.events(cf)
            data = [{"id": r.id, "start": _fmt_event_time(r), "timezone": r.timezone,
                     "all_day": r.all_day, "kind": r.kind, "title": r.title,
                     "matter": r.matter_number, "location": r.location} for r in rows]
            headers = ["start", "kind", "title", "matter", "location"]
        else:
            rows = queries.deadlines(cf)
            today = date.today()
            data = [{"id": r.id, "due": r.due.isoformat(), "status": r.status,
                     "overdue": r.status == "open" and r.due < today, "title": r.title,
                     "matter": r.matter_number, "rule": r.rule} for r in rows]
            headers = ["due", "status", "title", "matter", "rule"]
    if args.json:
        print_json(data)
    else:
        write_text(table(headers, [[d[h] for h in headers] for d in data]))
    return 0
