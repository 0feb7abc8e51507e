"""Key slots on the share: write-once, versioned, authenticated; the newest version wins.

Each file holds one user's slot (or a tombstone when the user was removed) with a version
number, the firm id and the writing device, authenticated with HMAC-SHA256 under a key derived
from the sync key.  Slots are not encrypted (like the ``.keys`` file beside the case file they
hold no secret in the clear) so that ``join`` can unwrap the master key with the user's password
before it can derive any key; the slot's own AES-GCM wrapping authenticates it, and the MAC is
checked as soon as the master key is known.  A tombstone outranks the slot it replaces, so an
offline device that still holds the removed user's slot drops it instead of bringing it back.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

from casedesk.core.keyslots import KeySlots, Slot, keys_path
from casedesk.core.sync.share import FORMAT, KEYS, SUFFIX, Share, write_once

STATE_KEY = "sync_keys"
TOMB = "tombstone"


def fingerprint(slot: dict[str, Any] | None) -> str:
    if slot is None:
        return TOMB
    return hashlib.sha256(json.dumps(slot, sort_keys=True).encode()).hexdigest()


def mac(key: bytes, doc: dict[str, Any]) -> str:
    body = {k: v for k, v in doc.items() if k != "mac"}
    return hmac.new(key, json.dumps(body, sort_keys=True).encode(), "sha256").hexdigest()


def read_docs(share: Share) -> list[dict[str, Any]]:
    """Every parseable key-slot file on the share (not yet authenticated)."""
    out = []
    for device, path in share.key_files():
        try:
            doc = json.loads(path.read_bytes())
            if doc.get("kind") == "keyslot" and doc.get("device") == device \
                    and isinstance(doc.get("version"), int) and isinstance(doc.get("user"), str):
                out.append(doc)
        except (OSError, ValueError, AttributeError):
            continue
    return out


def newest(docs: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    best: dict[str, dict[str, Any]] = {}
    for d in docs:
        cur = best.get(d["user"])
        if cur is None or (d["version"], d["device"]) > (cur["version"], cur["device"]):
            best[d["user"]] = d
    return best


def load_state(conn: Connection) -> dict[str, dict[str, Any]]:
    raw = conn.execute(text("SELECT value FROM meta WHERE key = :k"), {"k": STATE_KEY}).scalar()
    return json.loads(raw) if raw else {}


def save_state(conn: Connection, state: dict[str, dict[str, Any]]) -> None:
    conn.execute(text("INSERT INTO meta (key, value) VALUES (:k, :v) ON CONFLICT(key) "
                      "DO UPDATE SET value = :v"), {"k": STATE_KEY, "v": json.dumps(state)})


def publish(share: Share, user: str, version: int, slot: dict[str, Any] | None) -> None:
    doc = {"format": FORMAT, "kind": "keyslot", "firm": share.firm_id,
           "device": share.device_id, "user": user, "version": version, "slot": slot}
    doc["mac"] = mac(share.keys.keyslots, doc)
    uname = hmac.new(share.keys.keyslots, user.encode(), "sha256").hexdigest()[:32]
    folder = share.folder(KEYS, create=True)
    write_once(folder / f"{uname}.{version:08d}{SUFFIX[KEYS]}",
               json.dumps(doc, indent=1).encode())


def sync_keys(conn: Connection, share: Share, slots: KeySlots, case_path: Any) -> list[str]:
    """Publish local slot changes, adopt newer ones; returns problems (unauthentic files)."""
    problems = []
    docs = []
    for d in read_docs(share):
        if d.get("firm") != share.firm_id or not hmac.compare_digest(
                str(d.get("mac", "")), mac(share.keys.keyslots, d)):
            problems.append(f"key file of device {str(d.get('device'))[:8]} for "
                            f"{d.get('user')} v{d.get('version')} is not authentic; ignored")
            continue
        docs.append(d)
    remote = newest(docs)
    state = load_state(conn)
    changed = False
    local = {u: s.to_dict() for u, s in slots.slots.items()}

    def top(user: str) -> int:
        return max(state.get(user, {}).get("v", 0), remote.get(user, {}).get("version", 0))

    for user, sd in local.items():
        st, r = state.get(user), remote.get(user)
        if r is not None and r["slot"] is None and (st is None or r["version"] > st["v"]):
            slots.remove(user)  # removed elsewhere: a tombstone is final
            state[user] = {"v": r["version"], "fp": TOMB}
            changed = True
        elif st is None or st["fp"] != fingerprint(sd):
            version = top(user) + 1
            publish(share, user, version, sd)
            state[user] = {"v": version, "fp": fingerprint(sd)}
        elif r is not None and r["version"] > st["v"]:
            slots.slots[user] = Slot.from_dict(r["slot"])
            state[user] = {"v": r["version"], "fp": fingerprint(r["slot"])}
            changed = True
    for user in sorted((set(remote) | set(state)) - set(local)):
        st, r = state.get(user), remote.get(user)
        if st is not None and st["fp"] != TOMB and (r is None or r["version"] <= st["v"]):
            version = top(user) + 1  # removed here since it was last published
            publish(share, user, version, None)
            state[user] = {"v": version, "fp": TOMB}
        elif r is not None and (st is None or r["version"] > st["v"]):
            if r["slot"] is not None:
                slots.slots[user] = Slot.from_dict(r["slot"])
                changed = True
            state[user] = {"v": r["version"], "fp": fingerprint(r["slot"])}
    if changed:
        slots.save(keys_path(case_path))
    save_state(conn, state)
    return problems
