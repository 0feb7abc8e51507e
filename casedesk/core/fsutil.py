"""Small file-system helpers: atomic writes that never leave half a file behind."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from casedesk.core.errors import StorageFull


def fsync_dir(directory: Path) -> None:
    """Flush a directory entry (a rename) to disk where the platform allows it."""
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes, *, sync_dir: bool = True) -> None:
    """Write ``data`` to ``path`` through a temp file: write, flush, fsync, rename.

    A reader sees either the old file or the new one, never a mixture; a crash or a full disk
    leaves the old file untouched.  ``sync_dir=False`` leaves the folder's fsync (which makes
    the rename durable) to a caller writing many files into one folder.
    """
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        if sync_dir:
            fsync_dir(path.parent)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise os_error(exc, path) from exc


def os_error(exc: OSError, path: Path) -> Exception:
    """Turn environment failures (disk full, read-only, no permission) into known errors."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return StorageFull(f"The disk holding {path} is full; nothing was changed.")
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return StorageFull(f"casedesk may not write to {path.parent} (read-only or no permission).")
    return exc
