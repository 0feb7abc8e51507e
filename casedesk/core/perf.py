"""Small helpers for hot paths."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """The cyclic garbage collector paused (a context manager, or a decorator).  Reading,
    checking and writing a large import, or exporting a large calendar, makes very many
    short-lived objects with no cycles among them, which the collector would otherwise scan
    again and again.  Nested uses are fine; the collector runs again when the outermost ends."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
