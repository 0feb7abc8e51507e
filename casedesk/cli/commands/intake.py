"""Client intake from the command line: the conflict check and the list of intake drafts."""

from __future__ import annotations

import argparse
from pathlib import Path

from casedesk.cli.firmaccess import open_case_file
from casedesk.cli.output import print_json, table, write_text
from casedesk.core import conflicts, intake
from casedesk.core.errors import UsageError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("conflicts", help="check names for conflicts of interest")
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--name", action="append", required=True, metavar="NAME",
                   help="a name to check (repeat for several)")
    p.add_argument("--threshold", type=float, default=None, metavar="SCORE",
                   help="lowest score shown, 0-100 (default 80)")
    p.add_argument("--json", action="store_true", help="JSON output")
    p.set_defaults(func=cmd_conflicts)

    p = sub.add_parser("intake", help="client intake drafts")
    p.add_argument("file", type=Path, metavar="FILE")
    isub = p.add_subparsers(dest="intake_command", metavar="ACTION", required=True)
    lp = isub.add_parser("list", help="list intake drafts")
    lp.add_argument("--status", default="draft",
                    choices=[*intake.DRAFT_STATUSES, "all"], help="which intakes (default draft)")
    lp.add_argument("--json", action="store_true", help="JSON output")
    lp.set_defaults(func=cmd_intake_list)


def cmd_conflicts(args: argparse.Namespace) -> int:
    names = [n.strip() for n in args.name if n and n.strip()]
    if not names:
        raise UsageError("Give at least one non-empty --name.")
    threshold = conflicts.DEFAULT_THRESHOLD if args.threshold is None else args.threshold
    if not 0 <= threshold <= 100:
        raise UsageError("--threshold must be between 0 and 100.")
    with open_case_file(args.file) as cf:
        hits = conflicts.check_names(cf, names, threshold=threshold)
    if args.json:
        print_json([h.to_dict() for h in hits])
        return 0
    if not hits:
        write_text("No conflicts found for " + ", ".join(f"'{n}'" for n in names) + ".\n")
        return 0
    headers = ["query", "name", "score", "standing", "matter", "title", "role"]
    rows = [[h.query, h.name, f"{h.score:g}", h.standing.replace("_", " "),
             h.matter_number or "", h.matter_title or "", h.role or ""] for h in hits]
    write_text(table(headers, rows))
    return 0


def cmd_intake_list(args: argparse.Namespace) -> int:
    status = None if args.status == "all" else args.status
    with open_case_file(args.file) as cf:
        rows = intake.list_drafts(cf, status=status)
    data = [{"id": r.id, "client": r.label, "practice_area": r.practice_area,
             "status": r.status, "step": r.current_step, "created_by": r.created_by,
             "updated_by": r.updated_by, "updated": r.updated_at.isoformat(timespec="seconds"),
             "matter_id": r.matter_id} for r in rows]
    if args.json:
        print_json(data)
    else:
        headers = ["updated", "client", "practice_area", "status", "step", "updated_by", "id"]
        write_text(table(headers, [[d[h] for h in headers] for d in data]))
    return 0
