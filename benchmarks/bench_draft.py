"""Time rendering each shipped Word template (target: at most 300 ms per draft).

    .venv/bin/python benchmarks/bench_draft.py [--repeat N]

Builds a realistic matter context (synthetic data), renders every template in
resources/templates N times in memory and prints the best / median / worst time per template.
Exits with status 1 if a template's median exceeds the target.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

try:
    from casedesk.core.drafting import build_context, list_shipped_templates, render_template
except ImportError:  # running from a checkout without an installed package
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from casedesk.core.drafting import build_context, list_shipped_templates, render_template

TARGET_MS = 300.0


def sample_context() -> dict:
    today = date(2026, 11, 28)
    deadlines = [
        {
            "title": f"Procedural step {n}",
            "due": today + timedelta(days=7 * n),
            "rule": f"CPC art. {200 + n}",
        }
        for n in range(1, 26)
    ]
    hearings = [
        {
            "title": f"Hearing {n}",
            "start": datetime(2027, 1, 14, 9, 30) + timedelta(days=30 * n),
            "location": f"Courtroom {n}",
        }
        for n in range(6)
    ]
    return build_context(
        firm={
            "name": "Papadopoulos & Partners Law Firm",
            "address": "12 Akadimias Street\nAthens 106 71",
            "phone": "+30 210 123 4567",
            "email": "office@pp-law.example",
        },
        client={
            "name": "Maria Georgiou",
            "address": "5 Ermou Street\nThessaloniki 546 24",
            "salutation": "Dear Ms Georgiou",
            "email": "maria@example.com",
            "phone": "+30 694 000 0000",
        },
        matter={
            "number": "2026-0142",
            "title": "Georgiou v. Northwind Shipping S.A.",
            "court": "Athens Court of First Instance",
            "case_number": "4711/2026",
            "judge": "Hon. A. Nikolaou",
            "practice_area": "Commercial litigation",
            "status": "Open",
        },
        parties=[
            {"name": "Northwind Shipping S.A.", "role": "opposing_party"},
            {"name": "Dimitris Alexiou", "role": "opposing_counsel"},
            {"name": "Eleni Vlachou", "role": "witness"},
            {"name": "Nikos Pappas", "role": "witness"},
        ],
        attorney={"name": "Ioannis Papadopoulos", "email": "ip@pp-law.example"},
        case_manager={"name": "Sofia Karali", "email": "sk@pp-law.example"},
        deadlines=deadlines,
        hearings=hearings,
        locale="en",
        today=today,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10, help="renders per template")
    args = parser.parse_args(argv)

    templates = list_shipped_templates()
    if not templates:
        print("no shipped templates found", file=sys.stderr)
        return 1
    context = sample_context()
    # warm-up: imports, lxml and Jinja start-up
    render_template(next(iter(templates.values())).read_bytes(), context)

    width = max(len(name) for name in templates)
    print(f"{'template':<{width}}  {'best ms':>8}  {'median ms':>9}  {'worst ms':>8}  {'KiB':>5}")
    print("-" * (width + 40))
    failed = []
    for name, path in templates.items():
        data = path.read_bytes()
        timings = []
        size = 0
        for _ in range(args.repeat):
            start = time.perf_counter()
            size = len(render_template(data, context))
            timings.append((time.perf_counter() - start) * 1000)
        median = statistics.median(timings)
        flag = "" if median <= TARGET_MS else "  ← over target"
        if flag:
            failed.append(name)
        print(
            f"{name:<{width}}  {min(timings):8.1f}  {median:9.1f}  {max(timings):8.1f}"
            f"  {size / 1024:5.0f}{flag}"
        )
    print(f"\ntarget: ≤ {TARGET_MS:.0f} ms per render (median of {args.repeat})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
