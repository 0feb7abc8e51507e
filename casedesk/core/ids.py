"""Globally unique, time-ordered identifiers (UUIDv7, RFC 9562) for every row that syncs."""

from __future__ import annotations

import os
import threading
import time

_lock = threading.Lock()
_last_ms = 0
_counter = 0


def new_id() -> str:
    """Return a new UUIDv7 as text.

    Ids made by one process are strictly increasing (a 12-bit counter orders ids made within the
    same millisecond), so they sort by creation time; 62 random bits keep ids made on different
    devices apart.
    """
    global _last_ms, _counter
    with _lock:
        ms = time.time_ns() // 1_000_000
        if ms <= _last_ms:
            _counter += 1
            if _counter > 0xFFF:  # counter exhausted: borrow the next millisecond
                _last_ms += 1
                _counter = 0
            ms = _last_ms
        else:
            _last_ms = ms
            _counter = 0
        counter = _counter
    rand = int.from_bytes(os.urandom(8), "big") & ((1 << 62) - 1)
    value = (ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76  # version 7
    value |= counter << 64
    value |= 0b10 << 62  # RFC 4122 variant
    value |= rand
    h = f"{value:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def new_ids(n: int) -> list[str]:
    """``n`` new ids, as ``n`` calls of :func:`new_id` make them (UUIDv7,
    strictly increasing, also against ids made before and after), with one clock reading, one
    lock and one random read instead of one each per id."""
    global _last_ms, _counter
    with _lock:
        now = time.time_ns() // 1_000_000
        if now > _last_ms:
            first = now << 12
        else:  # continue after the newest id (the counter carries into the next millisecond)
            first = (_last_ms << 12) + _counter + 1
        last = first + n - 1
        _last_ms, _counter = last >> 12, last & 0xFFF
    rand = os.urandom(8 * n).hex()
    out = []
    prefix_of = None
    prefix = ""
    for i, tick in enumerate(range(first, last + 1)):
        ms = tick >> 12
        if ms != prefix_of:
            h = f"{ms & 0xFFFFFFFFFFFF:012x}"
            prefix, prefix_of = f"{h[:8]}-{h[8:]}-7", ms
        r = rand[16 * i:16 * i + 16]
        out.append(f"{prefix}{tick & 0xFFF:03x}-{_VARIANT[r[0]]}{r[1:4]}-{r[4:]}")
    return out


#: A random hex digit with the RFC 4122 variant bits (10) set in its top two bits.
_VARIANT = {d: "89ab"[int(d, 16) & 3] for d in "0123456789abcdef"}
