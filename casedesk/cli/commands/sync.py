"""Sync through a shared folder, list and resolve sync conflicts, join a firm from a share.

``casedesk sync FILE --share DIR`` pushes this device's changes to the share folder, then pulls
and applies the other devices' changes, and prints what it did (pushed, pulled, conflicts,
renumbered matters, skipped files).  Exit 0 when the sync completed, 1 with a clear message when
it could not (the share is missing or read-only; local data is untouched).  The share folder is
never created.

``casedesk sync FILE --conflicts`` lists open conflicts with both values (with ``--share`` it
syncs first).  ``casedesk sync FILE --resolve ID --choose kept|other`` settles one.

``casedesk join DIR FILE`` creates this computer's case file FILE from the share DIR; the user's
own password (CASEDESK_USER / CASEDESK_PASSWORD, or asked) opens it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from casedesk.cli.firmaccess import credentials, open_case_file
from casedesk.cli.output import table, write_text
from casedesk.core.errors import UsageError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "sync", help="sync with the other devices through a shared folder",
        description="Push this device's changes to the share, then pull the others'.")
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--share", type=Path, metavar="DIR", help="the shared folder")
    p.add_argument("--conflicts", action="store_true", help="list open sync conflicts")
    p.add_argument("--resolve", metavar="ID", help="resolve the conflict with this id")
    p.add_argument("--choose", choices=["kept", "other"],
                   help="with --resolve: keep the value in place, or take the other one")
    p.set_defaults(func=cmd_sync)

    j = sub.add_parser("join", help="make this computer's case file from a shared folder",
                       description="Create a new device's case file from the share.")
    j.add_argument("share", type=Path, metavar="DIR")
    j.add_argument("file", type=Path, metavar="FILE")
    j.set_defaults(func=cmd_join)


def cmd_sync(args: argparse.Namespace) -> int:
    from casedesk.core.sync import api

    if args.share is None and not args.conflicts and not args.resolve:
        raise UsageError("Give --share DIR to sync, --conflicts to list conflicts, or "
                         "--resolve ID --choose kept|other.")
    if args.resolve and not args.choose:
        raise UsageError("--resolve needs --choose kept or --choose other.")
    with open_case_file(args.file) as cf:
        if args.share is not None:
            report = api.sync_now(cf, args.share)
            write_text("".join(line + "\n" for line in report.lines()))
            if report.update_needed:
                print("casedesk: some changes on the share were written by a newer casedesk "
                      "and were not applied; please update casedesk.", file=sys.stderr)
        if args.resolve:
            c = api.resolve_conflict(cf, args.resolve, args.choose)
            write_text(f"resolved {c.id[:8]}: {c.resolution}\n")
        if args.conflicts:
            found = api.open_conflicts(cf)
            if not found:
                write_text("no open conflicts\n")
            else:
                write_text(table(
                    ["id", "record", "field", "kept", "by", "other", "by"],
                    [[c.id[:8], f"{c.entity} {c.entity_id[:8]}", c.field or "",
                      c.winner_value if c.kind != "unplaced" else "(not placed)",
                      c.winner_user or "", c.loser_value, c.loser_user or ""]
                     for c in found], max_width=60))
    return 0


def cmd_join(args: argparse.Namespace) -> int:
    from casedesk.core.sync.join import join

    user, password = credentials()
    with join(args.share, args.file, user, password) as cf:
        firm = cf.firm().name
    write_text(f"joined {firm}: {args.file} is this computer's case file "
               f"(device {cf.device_id[:8]})\n")
    return 0
