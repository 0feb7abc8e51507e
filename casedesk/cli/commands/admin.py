"""Administration commands: recover, policy, audit, report, wall, rekey, erase, retention."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

from casedesk.cli.firmaccess import _prompt, new_password, open_case_file
from casedesk.cli.output import print_json, write_text
from casedesk.core.errors import UsageError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("recover", help="set a new administrator password with the recovery key")
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--admin", required=True, metavar="USER",
                   help="the administrator whose password is set")
    p.set_defaults(func=cmd_recover)

    p = sub.add_parser("policy", help="show or set the firm's security policies")
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("action", choices=["show", "set"])
    p.add_argument("key", nargs="?", metavar="KEY")
    p.add_argument("value", nargs="?", metavar="VALUE")
    p.add_argument("--json", action="store_true", help="JSON output (for show)")
    p.set_defaults(func=cmd_policy)

    p = sub.add_parser("erase", help="erase a contact's (or a declined intake's) personal data "
                       "where the retention policy allows it (administrators)")
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--contact", required=True, metavar="ID",
                   help="the contact's id, or the id of a declined or discarded intake")
    p.add_argument("--reason", required=True, metavar="TEXT",
                   help="why (kept in the audit trail with who and when)")
    p.add_argument("--dry-run", action="store_true",
                   help="only list what would be erased")
    p.add_argument("--json", action="store_true", help="JSON output")
    p.set_defaults(func=cmd_erase)

    p = sub.add_parser("retention", help="matters and contacts past the firm's retention "
                       "period (administrators)")
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--json", action="store_true", help="JSON output")
    p.set_defaults(func=cmd_retention)

    p = sub.add_parser("audit", help="read the audit trail (who changed what, when)")
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--user", default=None, metavar="U", help="changes made by this user")
    p.add_argument("--matter", default=None, metavar="NUMBER",
                   help="the matter and its records (parties, events, deadlines, documents…)")
    p.add_argument("--entity", default=None, metavar="E",
                   help="record type: matter, contact, deadline, event, document, user, firm…")
    p.add_argument("--from", dest="start", default=None, metavar="DATE",
                   help="from this day (YYYY-MM-DD, firm time)")
    p.add_argument("--to", dest="end", default=None, metavar="DATE",
                   help="to this day, inclusive")
    p.add_argument("--limit", type=int, default=200, help="audit rows per page (default 200)")
    p.add_argument("--offset", type=int, default=0, help="skip this many audit rows")
    p.add_argument("--csv", type=Path, default=None, metavar="PATH",
                   help="write the whole filtered view as CSV (UTF-8 with BOM, for Excel)")
    p.add_argument("--json", action="store_true", help="JSON output")
    p.set_defaults(func=cmd_audit)

    p = sub.add_parser("report", help="the weekly or monthly report for partners (PDF or Word)")
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("period", choices=["weekly", "monthly"])
    p.add_argument("--for", dest="for_date", default=None, metavar="DATE",
                   help="compute as if today were DATE (default: today, firm time)")
    p.add_argument("--out", type=Path, required=True, metavar="PATH",
                   help="the report file: .pdf or .docx")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("wall", help="show or change a matter's ethical wall")
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("matter", metavar="NUMBER", help="the matter's number")
    p.add_argument("action", nargs="?", default="show",
                   choices=["show", "restrict", "exclude", "lift"],
                   help="restrict: only the named users (and you) see it; exclude: the named "
                        "users do not; lift: remove the wall (default: show)")
    p.add_argument("users", nargs="*", metavar="USER")
    p.add_argument("--json", action="store_true", help="JSON output (for show)")
    p.set_defaults(func=cmd_wall)

    p = sub.add_parser("rekey", help="rotate the firm key (after removing a user for good)")
    p.add_argument("file", type=Path, metavar="FILE")
    p.set_defaults(func=cmd_rekey)


def _date(text: str | None, flag: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"{flag} needs a date like 2025-03-31, not '{text}'.") from None


def cmd_recover(args: argparse.Namespace) -> int:
    from casedesk.core.casefile import CaseFile, check_username
    from casedesk.core.errors import ValidationError
    from casedesk.core.models import Role

    name = check_username(args.admin)
    key = os.environ.get("CASEDESK_RECOVERY_KEY") or _prompt("Recovery key: ", secret=True)
    with CaseFile.open_with_recovery(args.file, key) as cf:
        user = next((u for u in cf.list_users() if u.username == name), None)
        if user is None or user.role != Role.ADMIN.value:
            raise ValidationError(f"'{name}' is not an administrator of this firm; the recovery "
                                  "key sets administrator passwords only.", field="admin")
        password = new_password("CASEDESK_NEW_PASSWORD", name)
        cf.check_new_password(name, password)
        if not user.active:
            cf.set_active(name, True)
        cf.set_password(name, password)
    print(f"Set a new password for the administrator {name}; log in with it now. The recovery "
          "key stays valid: keep it locked away.", file=sys.stderr)
    return 0


def cmd_policy(args: argparse.Namespace) -> int:
    from casedesk.core import policy

    with open_case_file(args.file) as cf:
        if args.action == "set":
            if not args.key or args.value is None:
                raise UsageError("'casedesk policy FILE set' needs a KEY and a VALUE.")
            current = policy.set_value(cf, args.key, args.value)
            key = args.key.strip().lower().replace("-", "_")
            print(f"Set {key} = {_show(current.as_dict()[key])}.", file=sys.stderr)
            return 0
        values = policy.get(cf).as_dict()
    if args.json:
        print_json(values)
    else:
        write_text("".join(f"{k} = {_show(v)}\n" for k, v in values.items()))
    return 0


def _show(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "unset" if value is None else str(value)


def cmd_audit(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from casedesk.core import auditview

    flt = auditview.AuditFilter(user=args.user, matter=args.matter, entity=args.entity,
                                start=_date(args.start, "--from"), end=_date(args.end, "--to"))
    with open_case_file(args.file) as cf:
        if args.csv:
            n = auditview.export_csv(cf, flt, args.csv)
            print(f"Wrote {n} lines ({flt.describe()}) to {args.csv}.", file=sys.stderr)
            return 0
        page = auditview.query(cf, flt, offset=args.offset, limit=args.limit)
    if args.json:
        print_json({"total_rows": page.total_rows, "offset": page.offset, "limit": page.limit,
                    "lines": [asdict(line) for line in page.lines]})
    else:
        write_text("".join(line.text() + "\n" for line in page.lines))
        if page.has_more:
            print(f"More: {page.total_rows - page.offset - page.limit} further audit rows; use "
                  f"--offset {page.offset + page.limit}.", file=sys.stderr)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from casedesk.core import reports
    from casedesk.core.permissions import Right
    from casedesk.core.services.reminders import firm_today

    suffix = args.out.suffix.lower()
    if suffix not in (".pdf", ".docx"):
        raise UsageError(f"--out must end in .pdf or .docx, not '{args.out.name}'.")
    for_date = _date(args.for_date, "--for")
    with open_case_file(args.file) as cf:
        cf.require(Right.EXPORT, "save reports")
        day = for_date or firm_today(cf)
        report = (reports.weekly if args.period == "weekly" else reports.monthly)(cf, day)
    from casedesk import reports_render

    reports_render.render(report, args.out)
    s = report.summary()
    print(f"Wrote the {report.title} to {args.out}: {s['deadlines_due']} deadlines, "
          f"{s['hearings']} hearings, {s['missed_deadlines']} missed.", file=sys.stderr)
    return 0


def cmd_wall(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from casedesk.core import walls
    from casedesk.core.services import matters

    with open_case_file(args.file) as cf:
        matter = matters.by_number(cf, args.matter)
        if args.action != "show":
            if args.action == "exclude" and not args.users:
                raise UsageError("'casedesk wall FILE NUMBER exclude' needs at least one USER.")
            if args.action == "lift" and args.users:
                raise UsageError("'casedesk wall FILE NUMBER lift' takes no users.")
            mode = None if args.action == "lift" else args.action
            change = walls.set_wall(cf, matter.id, mode, args.users)
            what = "lifted" if mode is None else f"set ({mode})"
            print(f"Ethical wall of matter {matter.number} {what}; "
                  f"{change.documents} document version(s) re-encrypted.", file=sys.stderr)
            if change.waiting:
                print("Waiting for a key pair (they get access at their next log-in): "
                      + ", ".join(change.waiting) + ".", file=sys.stderr)
        info = walls.describe(cf, matter.id)
    if args.json:
        print_json({"matter": matter.number, **asdict(info)})
    elif info.mode is None:
        write_text(f"Matter {matter.number} has no ethical wall.\n")
    else:
        write_text(f"Matter {matter.number}: {info.mode} "
                   f"({', '.join(info.listed) or 'nobody'})\n"
                   f"members: {', '.join(info.members) or 'none'}\n"
                   f"holding the matter key: {', '.join(info.keyed) or 'none'}\n"
                   + (f"waiting for the key: {', '.join(info.waiting)}\n" if info.waiting
                      else ""))
    return 0


def cmd_rekey(args: argparse.Namespace) -> int:
    from casedesk.core import rotation

    with open_case_file(args.file) as cf:
        def progress(done: int, total: int) -> None:
            if total and sys.stderr.isatty():
                print(f"\rRe-encrypting: {100 * done // total}%", end="", file=sys.stderr)

        result = rotation.rotate_firm_key(cf, progress=progress)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(f"The firm key of {args.file.name} was rotated. Users who keep their password: "
          f"{', '.join(result.sealed) or 'none'}.", file=sys.stderr)
    if result.must_reset:
        print("Reset the password of (they have no key pair yet): "
              + ", ".join(result.must_reset) + ".", file=sys.stderr)
    print(result.backups_note, file=sys.stderr)
    print("Other computers must join again from a new share folder (casedesk join); "
          "sync this one to it first.", file=sys.stderr)
    print("The NEW recovery key (print it and keep it safe; the old one no longer works):",
          file=sys.stderr)
    print(result.recovery_key)
    return 0


def cmd_erase(args: argparse.Namespace) -> int:
    from casedesk.core import erasure

    with open_case_file(args.file) as cf:
        if args.dry_run:
            plan = erasure.preview(cf, args.contact)
        else:
            plan = erasure.erase(cf, args.contact, args.reason)
    if args.json:
        print_json(plan.to_dict())
        return 0 if plan.allowed else 1
    if args.dry_run:
        head = ("Would erase:" if plan.allowed else
                f"Cannot be erased now: {plan.refusal}\nIt would erase:")
    else:
        head = f"Erased the personal data of {plan.subject} {plan.subject_id}:"
    write_text(head + "\n" + "".join(f"  {line}\n" for line in plan.lines()))
    return 0 if plan.allowed else 1


def cmd_retention(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from casedesk.core import erasure

    with open_case_file(args.file) as cf:
        rows = erasure.retention_report(cf)
    if args.json:
        print_json([asdict(r) for r in rows])
        return 0
    if not rows:
        write_text("Nothing is past the firm's retention period.\n")
        return 0
    write_text("".join(
        f"{r.kind:8} {r.id}  {r.label}  {r.since}  "
        f"{'erasable' if r.erasable else ''}  {r.note}\n".replace("  \n", "\n")
        for r in rows))
    return 0
