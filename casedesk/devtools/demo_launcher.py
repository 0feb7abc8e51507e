"""``make demo``: create the demo firm (if missing) and open the GUI on it as the demo case
manager ``maria`` (password ``demo``), skipping the log-in dialog.

``CASEDESK_SCREENSHOT=shot.png`` grabs the matters pane and a matter workspace and quits.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

DEMO_USER, DEMO_PASSWORD = "maria", "demo"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="demo_launcher", description=__doc__)
    parser.add_argument("path", nargs="?", default="demo/demo-firm.casedesk", type=Path)
    args = parser.parse_args(argv)
    from casedesk.gui.platform_check import display_problem

    problem = display_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 1
    path: Path = args.path
    if not path.exists():
        from casedesk.core.demo import build_demo

        path.parent.mkdir(parents=True, exist_ok=True)
        print(f"Creating the demo firm in {path} …", file=sys.stderr)
        build_demo(path)
    from casedesk.gui.app import run

    return run(path, user=DEMO_USER, password=DEMO_PASSWORD,
               screenshot=os.environ.get("CASEDESK_SCREENSHOT") or None)


if __name__ == "__main__":
    raise SystemExit(main())
