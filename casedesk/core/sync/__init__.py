"""Sync through a shared network folder (issue 7).

The share holds only write-once, encrypted and authenticated files (see :mod:`.share`): each
device's changesets (its audit rows), document content blobs, key slots and occasional
snapshots.  Applying merges field by field, last writer wins by hybrid-logical-clock time, so
every device converges (see :mod:`.apply`).

The public API (:mod:`.api`): :func:`sync_now`, :func:`open_conflicts`,
:func:`resolve_conflict`, :func:`pending_changes`, :func:`last_sync`; :func:`join_device`
(:func:`.join.join`) makes a new device's case file from the share.  This package is imported by the
model registry (for :mod:`.models`), so the API is loaded lazily.
"""

from __future__ import annotations

from typing import Any

_API = {"sync_now", "open_conflicts", "resolve_conflict", "pending_changes", "last_sync",
        "SyncReport", "SyncError"}


def __getattr__(name: str) -> Any:
    if name in _API:
        from casedesk.core.sync import api

        return getattr(api, name)
    if name == "join_device":
        from casedesk.core.sync.join import join

        return join
    raise AttributeError(name)
