"""Commands about documents: doc (add, list, get, versions), search, draft, templates."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from casedesk.cli.firmaccess import open_case_file
from casedesk.cli.output import print_json, table, write_text
from casedesk.core import search
from casedesk.core.errors import NotFound, UsageError
from casedesk.core.fsutil import atomic_write, os_error
from casedesk.core.models import DocumentCategory
from casedesk.core.permissions import Right
from casedesk.core.services import documents, drafts

CATEGORIES = [c.value for c in DocumentCategory]


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("doc", help="add, list and get a matter's documents")
    p.add_argument("file", type=Path, metavar="FILE")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)

    a = actions.add_parser("add", help="add a file to a matter; prints the new document's id")
    a.add_argument("--matter", required=True, metavar="NUMBER", help="the matter's number")
    a.add_argument("path", type=Path, metavar="PATH", help="the file to add")
    a.add_argument("--title", default=None, help="title (default: the file name)")
    a.add_argument("--category", default="other", type=_category, metavar="CATEGORY",
                   help="one of: " + ", ".join(CATEGORIES) + " (default: other)")
    a.add_argument("--date", default=None, metavar="YYYY-MM-DD", help="the document's date")
    a.add_argument("--author", default=None, help="who wrote the document")
    a.add_argument("--tag", action="append", default=[], metavar="TAG", help="a tag (repeatable)")
    a.set_defaults(func=cmd_add)

    a = actions.add_parser("list", help="list a matter's documents")
    a.add_argument("--matter", required=True, metavar="NUMBER", help="the matter's number")
    a.add_argument("--json", action="store_true", help="JSON output")
    a.set_defaults(func=cmd_list)

    a = actions.add_parser("get", help="write a document's content to a file")
    a.add_argument("doc_id", metavar="DOC_ID")
    a.add_argument("--out", required=True, type=Path, metavar="PATH", help="where to write it")
    a.add_argument("--version", type=_positive, default=None, metavar="N",
                   help="which version (default: the newest)")
    a.set_defaults(func=cmd_get)

    a = actions.add_parser("versions", help="list every version of a document")
    a.add_argument("doc_id", metavar="DOC_ID")
    a.add_argument("--json", action="store_true", help="JSON output")
    a.set_defaults(func=cmd_versions)

    p = sub.add_parser("search", help="full-text search over clients, matters, parties, "
                       "correspondence and document text")
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("query", metavar="QUERY")
    p.add_argument("--limit", type=_positive, default=50, metavar="N", help="at most N hits")
    p.add_argument("--json", action="store_true", help="JSON output")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("draft", help="fill a Word template for a matter")
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--matter", required=True, metavar="NUMBER", help="the matter's number")
    p.add_argument("--template", required=True, metavar="NAME",
                   help="a shipped template (file name without .docx) or a firm template")
    p.add_argument("--out", required=True, type=Path, metavar="PATH.docx",
                   help="where to write the draft")
    p.add_argument("--locale", choices=["en", "el"], default=None,
                   help="language of dates (default: the client's language)")
    p.set_defaults(func=cmd_draft)

    p = sub.add_parser("templates", help="list Word templates with their fields; add or remove "
                       "firm templates")
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("action", nargs="?", choices=["list", "add", "remove"], default="list",
                   help="list (default), add NAME PATH.docx, or remove NAME")
    p.add_argument("name", nargs="?", metavar="NAME")
    p.add_argument("path", nargs="?", type=Path, metavar="PATH.docx")
    p.add_argument("--description", default=None, help="for add: what the template is for")
    p.add_argument("--replace", action="store_true", help="for add: replace a template of the "
                   "same name")
    p.add_argument("--json", action="store_true", help="JSON output (for list)")
    p.set_defaults(func=cmd_templates)


def _category(value: str) -> str:
    norm = value.strip().lower().replace("-", "_").replace(" ", "_")
    if norm not in CATEGORIES:
        raise argparse.ArgumentTypeError(
            f"'{value}' is not a category (one of: {', '.join(CATEGORIES)})")
    return norm


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"'{value}' is not a positive whole number")
    return n


def _check_out(out: Path) -> None:
    if out.is_dir():
        raise UsageError(f"--out {out} is a folder; give a file name.")
    if not out.parent.is_dir():
        raise NotFound(f"The folder {out.parent} does not exist.")


def _warn(message: str) -> None:
    print(f"casedesk: warning: {message}", file=sys.stderr)


def cmd_add(args: argparse.Namespace) -> int:
    data = documents.read_file(args.path)  # a missing file fails before the password prompt
    with open_case_file(args.file) as cf:
        matter = documents.matter_by_number(cf, args.matter)
        doc = documents.add_document(cf, matter.id, args.path.name, data, title=args.title,
                                     category=args.category, doc_date=args.date,
                                     author=args.author, tags=args.tag, on_warning=_warn)
    write_text(doc.id + "\n")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    with open_case_file(args.file) as cf:
        matter = documents.matter_by_number(cf, args.matter)
        rows = documents.list_documents(cf, matter.id)
    data = [{"id": r.id, "matter": matter.number, "title": r.title, "category": r.category,
             "date": r.doc_date.isoformat() if r.doc_date else None, "author": r.author,
             "tags": r.tags, "versions": r.versions, "filename": r.filename, "size": r.size,
             "mime": r.mime, "added_at": r.added_at.isoformat(),
             "updated_at": r.updated_at.isoformat()} for r in rows]
    if args.json:
        print_json(data)
    else:
        headers = ["id", "title", "category", "date", "versions", "filename"]
        write_text(table(headers, [[d[h] for h in headers] for d in data]))
    return 0


def cmd_get(args: argparse.Namespace) -> int:
    _check_out(args.out)
    with open_case_file(args.file) as cf:
        ver = documents.export_document(cf, args.doc_id, args.out, args.version)
    print(f"Wrote version {ver.version} ({ver.filename}, {ver.size} bytes) to {args.out}.",
          file=sys.stderr)
    return 0


def cmd_versions(args: argparse.Namespace) -> int:
    with open_case_file(args.file) as cf:
        rows = documents.versions(cf, args.doc_id)
    data = [{"version": r.version, "filename": r.filename, "size": r.size, "mime": r.mime,
             "sha256": r.sha256, "added_by": r.added_by, "added_at": r.created_at.isoformat(),
             "note": r.note} for r in rows]
    if args.json:
        print_json(data)
    else:
        headers = ["version", "filename", "size", "added_by", "added_at", "note"]
        write_text(table(headers, [[d[h] for h in headers] for d in data]))
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    with open_case_file(args.file) as cf:
        cf.require(Right.VIEW, "search")
        with cf.read() as s:
            hits = search.search(s, args.query, limit=args.limit)
    data = [{"kind": h.kind, "id": h.ref, "title": h.title, "subtitle": h.subtitle,
             "matter": h.matter_number} for h in hits]
    if args.json:
        print_json(data)
    else:
        headers = ["kind", "title", "matter", "subtitle"]
        write_text(table(headers, [[d[h] for h in headers] for d in data]))
        if not data:
            print(f"Nothing matches '{args.query}'.", file=sys.stderr)
    return 0


def cmd_draft(args: argparse.Namespace) -> int:
    _check_out(args.out)
    with open_case_file(args.file) as cf:
        matter = documents.matter_by_number(cf, args.matter)
        doc = drafts.draft(cf, matter.id, args.template, locale=args.locale)
        _ver, data = documents.get_content(cf, doc.id)
    try:
        atomic_write(args.out, data)
    except OSError as exc:
        raise os_error(exc, args.out) from exc
    print(f"Wrote {args.out}; stored on matter {matter.number} as document {doc.id}.",
          file=sys.stderr)
    return 0


def cmd_templates(args: argparse.Namespace) -> int:
    if args.action == "add":
        if not args.name or not args.path:
            raise UsageError("Use: casedesk templates FILE add NAME PATH.docx")
        data = documents.read_file(args.path)
        with open_case_file(args.file) as cf:
            tpl = drafts.add_template(cf, args.name, data, filename=args.path.name,
                                      description=args.description, replace=args.replace)
        print(f"Stored the firm template '{tpl.name}'.", file=sys.stderr)
        return 0
    if args.action == "remove":
        if not args.name or args.path:
            raise UsageError("Use: casedesk templates FILE remove NAME")
        with open_case_file(args.file) as cf:
            drafts.remove_template(cf, args.name)
        print(f"Removed the firm template '{args.name}'.", file=sys.stderr)
        return 0
    if args.name or args.path:
        raise UsageError("Use: casedesk templates FILE [list | add NAME PATH.docx | remove NAME]")
    with open_case_file(args.file) as cf:
        rows = drafts.list_templates(cf)
    data = [{"name": t.name, "source": t.source, "filename": t.filename,
             "description": t.description, "fields": t.fields} for t in rows]
    if args.json:
        print_json(data)
    else:
        write_text(table(["name", "source", "fields"],
                         [[d["name"], d["source"], ", ".join(d["fields"])] for d in data],
                         max_width=2000))
    return 0
