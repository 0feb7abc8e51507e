"""Calendar commands: book an event without double-booking, import .ics files, reminders.

``casedesk schedule FILE --matter NUMBER --title T --start ISO --minutes N --attendee USER
[--attendee USER…] [--location L] [--timezone TZ] [--kind KIND] [--auto-resolve]`` books an
event (``--start`` is the wall time in ``--timezone``, default the firm's zone) and prints the
slot it booked.  When an attendee or the location is already taken it exits 1 naming the
conflicting event and the nearest free slot, and books nothing; with ``--auto-resolve`` it books
that free slot instead.

``casedesk events FILE import --matter NUMBER PATH.ics [--kind KIND]`` adds the events of an
.ics file (e.g. a court's hearing notice) to a matter; importing the same file again updates
them.

``casedesk events FILE reminders [--user USER] [--date DATE]`` lists the reminders due and
``casedesk events FILE attention [--user USER] [--date DATE]`` the "needs attention" list.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from casedesk.cli.firmaccess import open_case_file
from casedesk.core.errors import UsageError
from casedesk.core.models import EventKind


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "schedule", help="book an event, refusing double bookings",
        description="Book an event; a double-booked attendee or room is refused (exit 1) with "
                    "the nearest free slot, or with --auto-resolve that slot is booked.")
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--matter", required=True, metavar="NUMBER")
    p.add_argument("--title", required=True, metavar="T")
    p.add_argument("--start", required=True, metavar="ISO",
                   help="local start, like 2026-12-03T10:00, in --timezone")
    p.add_argument("--minutes", required=True, type=int, metavar="N")
    p.add_argument("--attendee", action="append", default=[], metavar="USER",
                   help="a user who attends (repeatable)")
    p.add_argument("--location", metavar="L")
    p.add_argument("--timezone", metavar="TZ", help="default: the firm's time zone")
    p.add_argument("--kind", default="meeting", choices=[k.value for k in EventKind])
    p.add_argument("--auto-resolve", action="store_true",
                   help="on a conflict, book the nearest free slot instead")
    p.set_defaults(func=cmd_schedule)

    e = sub.add_parser("events", help="import .ics files; reminders; what needs attention")
    e.add_argument("file", type=Path, metavar="FILE")
    esub = e.add_subparsers(dest="events_command", metavar="{import,reminders,attention}")
    esub.required = True
    i = esub.add_parser("import", help="add the events of an .ics file to a matter")
    i.add_argument("--matter", required=True, metavar="NUMBER")
    i.add_argument("ics", type=Path, metavar="PATH.ics")
    i.add_argument("--kind", default="hearing", choices=[k.value for k in EventKind])
    i.set_defaults(func=cmd_events_import)
    for name, helptext, func in (
        ("reminders", "list the deadline reminders due", cmd_reminders),
        ("attention", "overdue, due this week, and matters nobody watches", cmd_attention),
    ):
        r = esub.add_parser(name, help=helptext)
        r.add_argument("--user", metavar="USER", help="only this person's deadlines and matters")
        r.add_argument("--date", metavar="DATE", help="as if today were DATE (YYYY-MM-DD)")
        r.set_defaults(func=func)


def _date(text: str | None, flag: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"{flag} must be a date like 2026-12-03.") from None


def cmd_schedule(args: argparse.Namespace) -> int:
    from casedesk.core.services import matters, schedule
    from casedesk.core.validate import parse_local_datetime

    if args.minutes <= 0:
        raise UsageError("--minutes must be a positive number of minutes.")
    if not args.attendee:
        raise UsageError("Name at least one --attendee.")
    try:
        start = parse_local_datetime(args.start, "start")
    except Exception:
        raise UsageError("--start must be a date and time like 2026-12-03T10:00.") from None
    with open_case_file(args.file) as cf:
        matter = matters.by_number(cf, args.matter)
        event, avoided = schedule.book(
            cf, title=args.title, start=start, minutes=args.minutes, attendees=args.attendee,
            location=args.location, tz=args.timezone, matter_id=matter.id, kind=args.kind,
            auto_resolve=args.auto_resolve)
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(event.timezone)
    begin = event.starts_at.astimezone(zone)
    end = event.ends_at.astimezone(zone) if event.ends_at else begin
    if avoided:
        print(f"{args.start} was taken ({avoided[0].reason}); booked the nearest free slot.",
              file=sys.stderr)
    print(f"Booked {begin:%Y-%m-%d %H:%M}–{end:%H:%M} {event.timezone}: {event.title}")
    return 0


def cmd_events_import(args: argparse.Namespace) -> int:
    from casedesk.core.services import icalexport, matters

    try:
        data = args.ics.read_bytes()
    except OSError as exc:
        raise UsageError(f"Cannot read {args.ics}: {exc.strerror or exc}.") from None
    with open_case_file(args.file) as cf:
        matter = matters.by_number(cf, args.matter)
        events = icalexport.import_ics(cf, matter.id, data, kind=args.kind)
    from zoneinfo import ZoneInfo

    for ev in events:
        local = ev.starts_at.astimezone(ZoneInfo(ev.timezone))
        when = local.date().isoformat() if ev.all_day else f"{local:%Y-%m-%d %H:%M} {ev.timezone}"
        print(f"{when}  {ev.title}")
    print(f"Imported {len(events)} event{'' if len(events) == 1 else 's'} into matter "
          f"{args.matter}.", file=sys.stderr)
    return 0


def cmd_reminders(args: argparse.Namespace) -> int:
    from casedesk.core.services import reminders

    with open_case_file(args.file) as cf:
        today = _date(args.date, "--date") or reminders.firm_today(cf)
        items = reminders.due_reminders(cf, today, args.user)
    for r in items:
        left = (r.due - today).days
        when = "OVERDUE" if r.overdue else ("today" if left == 0 else f"in {left}d")
        print(f"{r.due.isoformat()}  {when:<8} {r.matter_number:<10} {r.deadline.title}")
    if not items:
        print("No reminders due.", file=sys.stderr)
    return 0


def cmd_attention(args: argparse.Namespace) -> int:
    from casedesk.core.services import reminders

    with open_case_file(args.file) as cf:
        na = reminders.needs_attention(cf, _date(args.date, "--date"), args.user)
    print("Overdue:")
    for d in na.overdue:
        print(f"  {d.due.isoformat()}  {d.title}")
    print("Due this week:")
    for d in na.due_this_week:
        print(f"  {d.due.isoformat()}  {d.title}")
    print("Matters nobody is watching (no upcoming deadline, event or open task):")
    for m in na.unwatched:
        print(f"  {m.number}  {m.title}")
    return 0
