"""The ``casedesk`` command line.

Exit codes: 0 success, 1 failure, 2 usage error, 3 wrong user or password, 4 missing right.
Errors are one sentence on stderr; ``--debug`` adds the traceback.
"""

from __future__ import annotations

import argparse
import logging
import sys
import traceback
from collections.abc import Sequence

from casedesk import __version__
from casedesk.core.errors import CasedeskError

#: Command modules, each with ``register(subparsers)``; their parsers set ``func``.
COMMAND_MODULES = [
    "casedesk.cli.commands.casefile",
    "casedesk.cli.commands.data",
    "casedesk.cli.commands.rules",
    "casedesk.cli.commands.documents",
    "casedesk.cli.commands.gui",
    "casedesk.cli.commands.intake",
    "casedesk.cli.commands.calendar",
    "casedesk.cli.commands.backup",
    "casedesk.cli.commands.admin",
    "casedesk.cli.commands.sync",
]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"casedesk: {message}", file=sys.stderr)
        raise SystemExit(2)


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The whole command line, or (given ``argv``) just enough of it for the command in it:
    command modules are imported in order until one registers that command, so ``casedesk
    import`` does not load what the document or intake commands need."""
    import importlib

    parser = _Parser(
        prog="casedesk",
        description="Encrypted, offline-first case management for law firms.",
    )
    parser.add_argument("--version", action="version", version=f"casedesk {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    parser.add_argument("--self-test", action="store_true",
                        help="check this installation (a demo case file in a temporary folder, "
                             "SQLCipher, FTS5, shipped files, the main window) and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    wanted = None if argv is None else next((a for a in argv if not a.startswith("-")), None)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
        if wanted is not None and wanted in sub.choices:
            break
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    from casedesk.cli.firmaccess import unlock_early

    unlock_early(argv)
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.debug else logging.WARNING,
                        format="casedesk: %(message)s")
    if args.self_test:
        from casedesk.selftest import run_self_test

        return run_self_test()
    if not getattr(args, "func", None):
        if args.command is None:  # plain `casedesk` opens the desktop application
            from casedesk.gui.app import run as run_gui

            return run_gui()
        build_parser().print_help()  # every command, not only the modules loaded so far
        return 0
    try:
        return int(args.func(args) or 0)
    except CasedeskError as exc:
        if args.debug:
            traceback.print_exc()
        print(f"casedesk: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("casedesk: interrupted; nothing further was changed.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug: say so plainly, keep the details for --debug
        if args.debug:
            traceback.print_exc()
        print(f"casedesk: unexpected error ({type(exc).__name__}: {exc}); "
              "run with --debug for details.", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
