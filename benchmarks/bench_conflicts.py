"""Benchmark the conflict check against a synthetic firm.

    python benchmarks/bench_conflicts.py [--size large] [--checks 50]

Target: a conflict check against the large synthetic firm (50k contacts, 100k parties) takes at
most 300 ms in-process, after unlock.  Prints the first check after unlock (which loads the name
index kept in the case file, or builds it when there is none yet), the warm checks (audit top
query + search + the hits' matters; p50/p95/max), a check right after a contact was added (the
index reads that contact), a check after the kept index was dropped (a full build from the
database, which also stores it again) and the first check after a second unlock (which loads
what was just stored).  The firm comes from ``benchmarks/firmgen.py`` (cached in
``benchmarks/.cache``).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import firmgen

from casedesk.core import conflicts
from casedesk.core.casefile import CaseFile
from casedesk.core.services import contacts

TARGET_MS = 300.0
QUERIES = [
    ["Nikolaos Papadopoulos", "Poseidon Maritime Inc"],
    ["Γιώργος Χατζηδάκης", "Aegean Shipping Ltd"],
    ["Maria Papadopoulou"],
    ["Helen Economou", "Northwind Traders Inc.", "Zeta Foods GmbH"],
    ["Kostas Konstantinidis", "Summit Realty Corp."],
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="large", choices=sorted(firmgen.SIZES))
    parser.add_argument("--checks", type=int, default=50)
    args = parser.parse_args(argv)

    path, _info = firmgen.cached(args.size)
    t0 = time.perf_counter()
    cf = CaseFile.open(path, firmgen.ADMIN, firmgen.PASSWORD)
    unlock = time.perf_counter() - t0
    try:
        t0 = time.perf_counter()
        first = conflicts.check_names(cf, QUERIES[0])
        first_ms = (time.perf_counter() - t0) * 1000
        first_source = conflicts._index(cf).source
        names = conflicts.index_size(cf)
        warm = []
        hits = 0
        for i in range(args.checks):
            t0 = time.perf_counter()
            hits += len(conflicts.check_names(cf, QUERIES[i % len(QUERIES)]))
            warm.append((time.perf_counter() - t0) * 1000)
        contacts.create(cf, name="Benchmark Newcomer Ltd", kind="organisation")
        t0 = time.perf_counter()
        conflicts.check_names(cf, QUERIES[0])
        updated_ms = (time.perf_counter() - t0) * 1000
        conflicts.invalidate(cf)  # drops the kept copy too
        t0 = time.perf_counter()
        conflicts.check_names(cf, QUERIES[0])
        rebuilt_ms = (time.perf_counter() - t0) * 1000
        [(kept,)] = cf.raw_execute(
            f"SELECT coalesce(length(value), 0) FROM meta WHERE key = '{conflicts._META_KEY}'")
    finally:
        cf.close()
    with CaseFile.open(path, firmgen.ADMIN, firmgen.PASSWORD) as cf:
        t0 = time.perf_counter()
        again = conflicts.check_names(cf, QUERIES[0])
        again_ms = (time.perf_counter() - t0) * 1000
        again_source = conflicts._index(cf).source
    warm.sort()
    p95 = warm[min(len(warm) - 1, int(len(warm) * 0.95))]
    print(f"firm: {args.size} ({names} names in the index); unlock {unlock * 1000:.0f} ms")
    print(f"first check after unlock (index {first_source}): {first_ms:.0f} ms, "
          f"{len(first)} hits")
    print(f"warm check: p50 {statistics.median(warm):.1f} ms, p95 {p95:.1f} ms, "
          f"max {warm[-1]:.1f} ms ({args.checks} checks, {hits} hits)")
    print(f"check after a contact was added (index updated): {updated_ms:.0f} ms")
    print(f"check with no kept index (full build, then stored: {kept / 1e6:.1f} MB): "
          f"{rebuilt_ms:.0f} ms")
    print(f"first check after a second unlock (index {again_source}): {again_ms:.0f} ms, "
          f"{len(again)} hits")
    ok = again_source == "loaded" and max(again_ms, p95) <= TARGET_MS and (
        first_source != "loaded" or first_ms <= TARGET_MS)
    print(f"target: first check after unlock and warm p95 <= {TARGET_MS:.0f} ms: "
          f"{'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
