"""The foundation benchmarks: unlock, the matters list, import throughput, check.

    python benchmarks/run.py --size tiny|medium|large [--only NAME ...] [--import-rows N]

NAME is one of: unlock, matters, import (also runs raw, for the ratio), raw, check.  The
firm of the chosen size is generated on first use and cached in ``benchmarks/.cache`` (see
``firmgen.py``).  Prints machine facts, then a table of measured value, target and verdict.  Exits
0 even when a target is missed (the verdict says so); exits 1 only when a benchmark fails to run.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sqlalchemy
import sqlcipher3.dbapi2 as sqlcipher

from benchmarks import firmgen
from casedesk.core.casefile import CaseFile
from casedesk.core.check import check
from casedesk.core.keyslots import keys_path
from casedesk.core.services.queries import ListQuery, matters

NAMES = ("unlock", "matters", "import", "raw", "check")
MATTERS_TARGET_MS = 150.0
IMPORT_ROWS = 50_000
IMPORT_TARGET_S = 10.0
WARM_RUNS = 20
UNLOCK_RUNS = 3

#: The raw baseline, run as its own process: a new SQLCipher file keyed with a raw key and the
#: pragmas casedesk uses (casedesk/core/storage/db.py), one executemany in one transaction.
RAW_SCRIPT = r"""
import csv, sys
import sqlcipher3.dbapi2 as sqlcipher
db, data, key = sys.argv[1:4]
with open(data, newline="", encoding="utf-8") as fh:
    rows = [tuple(r) for r in csv.reader(fh)][1:]
con = sqlcipher.connect(db, timeout=10.0, isolation_level=None)
cur = con.cursor()
cur.execute("PRAGMA cipher_log_level = NONE")
cur.execute(f"PRAGMA key = \"x'{key}'\"")
cur.execute("PRAGMA temp_store = MEMORY")
cur.execute("SELECT count(*) FROM sqlite_master").fetchone()
cur.execute("PRAGMA journal_mode = WAL")
cur.execute("PRAGMA synchronous = FULL")
cur.execute("PRAGMA foreign_keys = ON")
cur.execute("PRAGMA busy_timeout = 10000")
cur.execute("CREATE TABLE contacts (id TEXT PRIMARY KEY, kind TEXT, name TEXT, email TEXT, "
            "phone TEXT, address TEXT)")
cur.execute("BEGIN IMMEDIATE")
cur.executemany("INSERT INTO contacts VALUES (?, ?, ?, ?, ?, ?)", rows)
cur.execute("COMMIT")
assert cur.execute("SELECT count(*) FROM contacts").fetchone()[0] == len(rows)
con.close()
"""


@dataclass
class Row:
    name: str
    measured: str
    target: str = "—"
    verdict: str = "info"


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def _p95(values: Sequence[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def machine_facts() -> list[tuple[str, str]]:
    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    con = sqlcipher.connect(":memory:")
    try:
        cipher = con.execute("PRAGMA cipher_version").fetchone()
        sqlite = con.execute("SELECT sqlite_version()").fetchone()[0]
    finally:
        con.close()
    return [
        ("cpu", cpu),
        ("cores", str(os.cpu_count())),
        ("python", f"{platform.python_version()} ({sys.executable})"),
        ("sqlcipher", f"{cipher[0] if cipher else '?'} (SQLite {sqlite})"),
        ("sqlalchemy", sqlalchemy.__version__),
        ("date", datetime.now(UTC).isoformat(timespec="seconds")),
    ]


# -- the benchmarks -------------------------------------------------------------------------------


def bench_unlock(path: Path) -> list[Row]:
    times = []
    for _ in range(UNLOCK_RUNS):
        t = time.perf_counter()
        cf = CaseFile.open(path, firmgen.ADMIN, firmgen.PASSWORD)
        times.append(time.perf_counter() - t)
        cf.close()
    detail = ", ".join(f"{x:.2f}" for x in times)
    return [Row(f"unlock (CaseFile.open, median of {UNLOCK_RUNS})",
                f"{statistics.median(times):.2f} s [{detail}]")]


def bench_matters(path: Path) -> list[Row]:
    q = ListQuery(sort="number", limit=100)
    with CaseFile.open(path, firmgen.ADMIN, firmgen.PASSWORD) as cf:
        t = time.perf_counter()
        rows = matters(cf, q)
        cold = time.perf_counter() - t
        warm = []
        for _ in range(WARM_RUNS):
            t = time.perf_counter()
            matters(cf, q)
            warm.append(time.perf_counter() - t)
        expected = min(100, cf.raw_execute("SELECT count(*) FROM matters")[0][0])
    if len(rows) != expected:
        raise RuntimeError(f"the matters list returned {len(rows)} rows, not {expected}")
    target = f"≤ {MATTERS_TARGET_MS:.0f} ms"
    p95 = _p95(warm)
    return [
        Row("first 100 matters, cold (1st call after unlock)", _ms(cold), target,
            _verdict(cold * 1000 <= MATTERS_TARGET_MS)),
        Row(f"first 100 matters, warm p95 of {WARM_RUNS}",
            f"{_ms(p95)} (median {_ms(statistics.median(warm))})", target,
            _verdict(p95 * 1000 <= MATTERS_TARGET_MS)),
    ]


def _csv(n: int) -> Path:
    path = firmgen.CACHE / f"contacts-{n}-{firmgen.VERSION}.csv"
    if not path.exists():
        firmgen.CACHE.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        firmgen.contacts_csv(tmp, n)
        tmp.replace(path)
    return path


@dataclass
class Timed:
    """A benchmark process: wall-clock seconds, and the CPU seconds (user + system) it used,
    which a busy machine disturbs less; None where the platform does not report them."""

    wall: float
    cpu: float | None

    def text(self, rows: int) -> str:
        cpu = f", CPU {self.cpu:.2f} s" if self.cpu is not None else ""
        return f"{self.wall:.2f} s ({rows / self.wall:,.0f} rows/s{cpu})"


def _children_cpu() -> float | None:
    try:
        import resource
    except ImportError:  # not POSIX
        return None
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(cmd: list[str], env: dict[str, str] | None = None) -> Timed:
    cpu = _children_cpu()
    t = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - t
    after = _children_cpu()
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd[:4]} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return Timed(seconds, None if cpu is None or after is None else after - cpu)


def time_import(n: int, workdir: Path) -> Timed:
    """A whole ``casedesk import`` process of ``n`` contacts into a fresh copy of an empty
    firm (production KDF)."""
    empty = firmgen.empty_firm()
    target = workdir / "import.casedesk"
    shutil.copyfile(empty, target)
    shutil.copyfile(keys_path(empty), keys_path(target))
    env = {**os.environ, "CASEDESK_USER": firmgen.ADMIN, "CASEDESK_PASSWORD": firmgen.PASSWORD}
    return _run([sys.executable, "-m", "casedesk", "import", str(target), str(_csv(n))], env)


def time_raw(n: int, workdir: Path) -> Timed:
    """A whole process doing one raw executemany of the same rows."""
    db = workdir / "raw.db"
    return _run([sys.executable, "-c", RAW_SCRIPT, str(db), str(_csv(n)), os.urandom(32).hex()])


def bench_import(n: int, with_import: bool, with_raw: bool) -> list[Row]:
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="casedesk-bench-") as tmp:
        imp = raw = None
        if with_import:
            imp = time_import(n, Path(tmp))
            target = f"≤ {IMPORT_TARGET_S:.0f} s" if n == IMPORT_ROWS else "— (not 50k rows)"
            rows.append(Row(f"import {n} contacts (casedesk import process)", imp.text(n),
                            target,
                            _verdict(imp.wall <= IMPORT_TARGET_S) if n == IMPORT_ROWS else "info"))
        if with_raw:
            raw = time_raw(n, Path(tmp))
            rows.append(Row(f"raw executemany {n} rows (process)", raw.text(n)))
        if imp is not None and raw is not None:
            rows.append(Row("import / raw ratio (distance to the limit)",
                            f"{imp.wall / raw.wall:.1f}×"))
    return rows


def bench_check(path: Path) -> list[Row]:
    with CaseFile.open(path, firmgen.ADMIN, firmgen.PASSWORD) as cf:
        t = time.perf_counter()
        report = check(cf)
        seconds = time.perf_counter() - t
        n_audit = cf.raw_execute("SELECT count(*) FROM audit")[0][0]
    if not report.sound:
        print(report.text(), file=sys.stderr)
    return [Row("check (in-process)", f"{seconds:.2f} s ({n_audit:,} audit rows)", "sound",
                _verdict(report.sound))]


# -- output ---------------------------------------------------------------------------------------


def print_table(rows: Sequence[Row]) -> None:
    header = Row("benchmark", "measured", "target", "result")
    widths = [max(len(getattr(r, f)) for r in [header, *rows])
              for f in ("name", "measured", "target", "verdict")]

    def line(r: Row) -> str:
        cells = (r.name, r.measured, r.target, r.verdict)
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    print(line(header))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in rows:
        print(line(r))


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="casedesk foundation benchmarks")
    ap.add_argument("--size", choices=list(firmgen.SIZES), default="medium")
    ap.add_argument("--only", action="append", choices=NAMES, metavar="NAME",
                    help=f"run only this benchmark (repeatable): {', '.join(NAMES)}")
    ap.add_argument("--import-rows", type=int, default=None,
                    help=f"contacts in the import benchmark (default {IMPORT_ROWS}; "
                         "1000 for --size tiny)")
    args = ap.parse_args(argv)
    only = set(args.only or NAMES)
    n_import = args.import_rows or (1000 if args.size == "tiny" else IMPORT_ROWS)

    facts = machine_facts()
    path, info = None, None
    if only & {"unlock", "matters", "check"}:
        path, info = firmgen.cached(args.size)
        counts = ", ".join(f"{k} {v:,}" for k, v in info["counts"].items())
        facts += [
            ("firm", f"{args.size}: {counts}"),
            ("firm file", f"{path} ({path.stat().st_size / 2**20:,.0f} MiB)"),
            ("generated", f"{info['generated']} in {info['seconds']:.1f} s"),
        ]
    for k, v in facts:
        print(f"{k + ':':<11} {v}")
    print()

    rows: list[Row] = []
    failed = False
    plan = [
        ("unlock", lambda: bench_unlock(path)),  # type: ignore[arg-type]
        ("matters", lambda: bench_matters(path)),  # type: ignore[arg-type]
        ("import", lambda: bench_import(n_import, True, "raw" in only or "import" in only)),
        ("raw", lambda: [] if "import" in only else bench_import(n_import, False, True)),
        ("check", lambda: bench_check(path)),  # type: ignore[arg-type]
    ]
    for name, fn in plan:
        if name not in only:
            continue
        print(f"running {name}…", file=sys.stderr, flush=True)
        try:
            rows.extend(fn())
        except Exception as exc:
            failed = True
            rows.append(Row(name, f"error: {exc}".splitlines()[0][:80], "", "ERROR"))
            print(f"{name} failed: {exc}", file=sys.stderr)
    print_table(rows)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
