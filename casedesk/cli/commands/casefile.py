"""Commands about the case file itself: init, demo, check, user."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from casedesk.cli.firmaccess import new_password, open_case_file
from casedesk.cli.output import print_json, table, write_text
from casedesk.core.casefile import CaseFile
from casedesk.core.errors import UsageError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("init", help="create a new, empty case file for a firm")
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--firm", required=True, metavar="NAME", help="the firm's name")
    p.add_argument("--admin", required=True, metavar="USER", help="the first administrator")
    p.add_argument("--timezone", default=None, metavar="TZ",
                   help="the firm's time zone (IANA name; default: this computer's)")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("demo", help="create a case file for a realistic, fictitious firm")
    p.add_argument("file", type=Path, metavar="FILE")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("check", help="verify encryption, integrity and the audit chains")
    p.add_argument("file", type=Path, metavar="FILE")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("user", help="manage users: add, passwd, remove, list, disable, enable, "
                                    "role, reset, recovery")
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("action", choices=["add", "passwd", "remove", "list", "disable", "enable",
                                      "role", "reset", "recovery"])
    p.add_argument("name", nargs="?", metavar="USER")
    p.add_argument("--role", default=None,
                   help="admin, attorney, case_manager, assistant or read_only "
                        "(for add; default case_manager)")
    p.add_argument("--display-name", default=None, help="full name shown in the app")
    p.add_argument("--json", action="store_true", help="JSON output (for list)")
    p.set_defaults(func=cmd_user)


def local_timezone() -> str:
    """This computer's IANA time zone name, or UTC when it cannot be told."""
    tz = os.environ.get("TZ", "")
    if "/" in tz:
        return tz.lstrip(":")
    try:
        link = os.readlink("/etc/localtime")
        if "zoneinfo/" in link:
            return link.split("zoneinfo/", 1)[1]
    except OSError:
        pass
    return "UTC"


def cmd_init(args: argparse.Namespace) -> int:
    password = new_password("CASEDESK_PASSWORD", args.admin)
    cf, recovery = CaseFile.create(args.file, firm_name=args.firm, admin=args.admin,
                                   password=password, timezone=args.timezone or local_timezone())
    cf.close()
    write_text(
        f"Created the case file {args.file} for {args.firm}; administrator: {args.admin}.\n"
        f"Its key file is {args.file}.keys: keep the two together.\n\n"
        "RECOVERY KEY (shown only this once; print it or write it down and keep it locked away,\n"
        "it opens the case file if every administrator password is forgotten):\n\n"
        f"    {recovery}\n\n"
    )
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from casedesk.core.demo import DEMO_USERS, build_demo

    summary = build_demo(args.file)
    users = ", ".join(f"{u} ({role})" for u, role, _ in DEMO_USERS)
    write_text(
        f"Created the demo firm \"{summary['firm']}\" in {args.file}: {summary['clients']} "
        f"clients, {summary['matters']} matters, {summary['events']} events, "
        f"{summary['deadlines']} deadlines.\n"
        f"Users: {users}; every demo password is 'demo'.\n"
    )
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from casedesk.core.check import check

    with open_case_file(args.file) as cf:
        report = check(cf)
    write_text(report.text() + "\n")
    return 0 if report.sound else 1


def cmd_user(args: argparse.Namespace) -> int:
    if args.action not in ("list", "recovery") and not args.name:
        raise UsageError(f"'casedesk user FILE {args.action}' needs a USER name.")
    with open_case_file(args.file) as cf:
        if cf.must_change_password and not (args.action == "passwd"
                                            and (args.name or "").lower() == cf.user.username):
            print(f"Your password was reset by an administrator: choose a new one with "
                  f"`casedesk user {args.file} passwd {cf.user.username}`.", file=sys.stderr)
        if args.action == "list":
            users = cf.list_users()
            rows = [{"username": u.username, "display_name": u.display_name, "role": u.role,
                     "active": u.active, "can_log_in": u.username in cf.slots.slots}
                    for u in users]
            if args.json:
                print_json(rows)
            else:
                write_text(table(["user", "name", "role", "active"],
                                 [[r["username"], r["display_name"], r["role"],
                                   "yes" if r["active"] else "no"] for r in rows]))
            return 0
        if args.action == "recovery":
            exists = cf.recovery_key_exists()
            write_text("Recovery key: " + ("set (it opens the case file; keep it locked away).\n"
                                           if exists else "none: this case file has no "
                                           "recovery key.\n"))
            return 0
        name = args.name.strip().lower()
        if args.action in ("disable", "enable", "role", "reset"):
            return _user_admin(cf, args.action, name, args.role)
        if args.action == "add":
            password = new_password("CASEDESK_NEW_PASSWORD", name)
            role = args.role or "case_manager"
            cf.add_user(name, password, role, display_name=args.display_name)
            print(f"Added {name} ({role}).", file=sys.stderr)
        elif args.action == "passwd":
            password = new_password("CASEDESK_NEW_PASSWORD", name)
            cf.set_password(name, password)
            print(f"Changed the password of {name}.", file=sys.stderr)
        elif args.action == "remove":
            cf.remove_user(name)
            print(f"Removed {name}: the account is disabled and its key slot deleted.",
                  file=sys.stderr)
    return 0


def _user_admin(cf: CaseFile, action: str, name: str, role: str | None) -> int:
    if action == "disable":
        cf.set_active(name, False)
        print(f"Disabled {name}: they can no longer log in (their history stays).",
              file=sys.stderr)
    elif action == "enable":
        cf.set_active(name, True)
        hint = "" if name in cf.slots.slots else (
            f"; they have no password yet: run `casedesk user {cf.path} reset {name}`")
        print(f"Enabled {name}{hint}.", file=sys.stderr)
    elif action == "role":
        if not role:
            raise UsageError("'casedesk user FILE role USER' needs --role ROLE.")
        cf.set_role(name, role)
        print(f"{name} is now {role}.", file=sys.stderr)
    elif action == "reset":
        temporary = os.environ.get("CASEDESK_NEW_PASSWORD")
        temporary = cf.reset_password(name, temporary)
        write_text(f"Temporary password for {name}: {temporary}\n")
        print(f"Give it to {name} in person; they must choose a new password at their next "
              f"log-in (`casedesk user {cf.path} passwd {name}` or the log-in window).",
              file=sys.stderr)
    return 0
