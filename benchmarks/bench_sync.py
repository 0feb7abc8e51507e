"""Sync benchmarks (issue 7).

* an idle sync (nothing new) with 1,000 changeset files on the share, in-process after unlock:
  target ≤ 200 ms;
* pulling and applying 10,000 changes (inserts of new clients): target ≤ 5 s.

Run: ``.venv/bin/python benchmarks/bench_sync.py``.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from casedesk.core import audit, crypto
from casedesk.core.casefile import CaseFile
from casedesk.core.models import Contact
from casedesk.core.services import contacts
from casedesk.core.sync import api, changesets
from casedesk.core.sync.join import join

PW = "bench-pass"


def main() -> int:
    crypto.DEFAULT_KDF = crypto.TEST_KDF  # unlock cost is not what is measured here
    root = Path(tempfile.mkdtemp(prefix="bench-sync-"))
    share = root / "share"
    share.mkdir()
    a, _ = CaseFile.create(root / "a.casedesk", firm_name="Bench", admin="admin", password=PW)
    api.sync_now(a, share)
    b = join(share, root / "b.casedesk", "admin", PW)

    # 1,000 changeset files: one small edit per changeset
    c = contacts.create(a, name="Client 0", is_client=True)
    changesets.MAX_ROWS = 1
    for i in range(1000):
        with a.write() as s:
            s.get(Contact, c.id).notes = f"edit {i}"
    api.sync_now(a, share)
    changesets.MAX_ROWS = 5000
    n_files = len(list((share / "devices" / a.device_id / "changes").iterdir()))
    api.sync_now(b, share)
    best = min(_timed(lambda: api.sync_now(b, share)) for _ in range(5))
    print(f"idle sync with {n_files} changeset files on the share: {best * 1000:.0f} ms "
          "(target ≤ 200 ms)")

    # 10,000 changes pulled and applied
    with a.write() as s:
        audit.bulk_insert(s, Contact, [{"name": f"Bulk {i}", "is_client": True,
                                        "emails": [f"c{i}@example.com"]} for i in range(10_000)])
    api.sync_now(a, share)
    took = _timed(lambda: api.sync_now(b, share))
    report = api.last_sync(b)
    print(f"pull and apply {report['pulled'] if report else '?'} changes: {took:.2f} s "
          "(target ≤ 5 s)")
    a.close()
    b.close()
    return 0


def _timed(fn: object) -> float:
    t0 = time.perf_counter()
    fn()  # type: ignore[operator]
    return time.perf_counter() - t0


if __name__ == "__main__":
    raise SystemExit(main())
