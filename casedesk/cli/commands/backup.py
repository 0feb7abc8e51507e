"""``casedesk backup`` and ``casedesk restore``: verified, encrypted backups of the whole firm."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from casedesk.cli.firmaccess import credentials, open_case_file
from casedesk.cli.output import write_text


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "backup", help="write a verified, encrypted backup of a case file (safe while in use)")
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--out", type=Path, default=None, metavar="DIR",
                   help="folder for the backup (must exist; default: the firm's backup folder, "
                        "else backups/ beside the case file)")
    p.add_argument("--prune", action="store_true",
                   help="afterwards delete old backups beyond the firm's retention policy")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser(
        "restore", help="restore a backup as a new case file (never over an existing one)")
    p.add_argument("backup", type=Path, metavar="BACKUP")
    p.add_argument("--to", dest="target", type=Path, required=True, metavar="FILE",
                   help="the new case file to create (must not exist)")
    p.set_defaults(func=cmd_restore)


def cmd_backup(args: argparse.Namespace) -> int:
    from casedesk.core import backup

    with open_case_file(args.file) as cf:
        info = backup.backup_now(cf, args.out)
        deleted = []
        if args.prune:
            deleted = backup.prune(info.path.parent, cf.firm_id, backup.get_settings(cf))
    write_text(f"{info.path}\n")
    print(f"Backed up {args.file} to {info.path} ({info.size:,} bytes, verified).",
          file=sys.stderr)
    if deleted:
        print(f"Deleted {len(deleted)} old backup(s) under the retention policy.", file=sys.stderr)
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from casedesk.core import backup

    recovery = os.environ.get("CASEDESK_RECOVERY_KEY")
    if recovery:
        restored = backup.restore(args.backup, args.target, recovery_key=recovery)
    else:
        # Fail fast on a bad target or a damaged backup before asking for a password.
        backup.check_restore_target(args.target)
        backup.verify_container(args.backup)
        user, password = credentials()
        restored = backup.restore(args.backup, args.target, username=user, password=password)
    taken = restored.backup.taken.strftime("%Y-%m-%d %H:%M UTC")
    print(f"Restored the backup of {taken} to {restored.path}; it opens with the passwords that "
          "were valid then.", file=sys.stderr)
    write_text(f"{restored.path}\n")
    return 0
