"""The key-slot sidecar file beside each case file (``<case file>.keys``).

It holds one slot per user plus one recovery slot.  Each slot wraps the firm master key under a
key derived from that user's password (see :mod:`casedesk.core.crypto`).  The file is JSON and
contains nothing secret in the clear: salts, KDF parameters, nonces and wrapped keys.  It is
rewritten atomically; adding a user adds a slot, changing a password rewrites only that slot.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from casedesk.core import crypto
from casedesk.core.errors import AuthenticationError, CaseFileError
from casedesk.core.fsutil import atomic_write

FORMAT = "casedesk-keyslots"
VERSION = 1
RECOVERY_USER = "*recovery*"


def keys_path(case_file: Path) -> Path:
    return Path(str(case_file) + ".keys")


@dataclass
class Slot:
    user: str
    kind: str  # "password" | "recovery"
    kdf: crypto.KdfParams
    salt: bytes
    nonce: bytes
    wrapped: bytes
    created: str
    must_change: bool = False
    #: The user's X25519 key pair: public key, and the private key wrapped under the same
    #: password-derived key as the master key (see :func:`crypto.seal`).
    box_public: bytes = b""
    box_nonce: bytes = b""
    box_wrapped: bytes = b""
    #: After a firm-key rotation: the new master key sealed to ``box_public`` (``wrapped`` is
    #: then empty); the next log-in opens it and rewrites the slot.
    pending: bytes = b""

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "user": self.user,
            "kind": self.kind,
            "kdf": {**self.kdf.to_dict(), "salt": crypto.b64e(self.salt)},
            "nonce": crypto.b64e(self.nonce),
            "wrapped": crypto.b64e(self.wrapped),
            "created": self.created,
            "must_change": self.must_change,
        }
        if self.box_public:
            d["box"] = {"public": crypto.b64e(self.box_public),
                        "nonce": crypto.b64e(self.box_nonce),
                        "wrapped": crypto.b64e(self.box_wrapped)}
        if self.pending:
            d["pending"] = crypto.b64e(self.pending)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Slot:
        return cls(
            user=str(d["user"]),
            kind=str(d["kind"]),
            kdf=crypto.KdfParams.from_dict(d["kdf"]),
            salt=crypto.b64d(d["kdf"]["salt"]),
            nonce=crypto.b64d(d["nonce"]),
            wrapped=crypto.b64d(d["wrapped"]),
            created=str(d["created"]),
            must_change=bool(d.get("must_change", False)),
            box_public=crypto.b64d(d["box"]["public"]) if d.get("box") else b"",
            box_nonce=crypto.b64d(d["box"]["nonce"]) if d.get("box") else b"",
            box_wrapped=crypto.b64d(d["box"]["wrapped"]) if d.get("box") else b"",
            pending=crypto.b64d(d["pending"]) if d.get("pending") else b"",
        )


def _aad(firm_id: str, kind: str, user: str) -> bytes:
    return json.dumps(["casedesk-keyslot", VERSION, firm_id, kind, user]).encode()


def _box_aad(firm_id: str, user: str) -> bytes:
    return json.dumps(["casedesk-boxkey", VERSION, firm_id, user]).encode()


def pending_aad(firm_id: str, user: str) -> bytes:
    """Associated data of a rotated master key sealed to ``user``'s public key."""
    return json.dumps(["casedesk-rotated-master", VERSION, firm_id, user]).encode()


@dataclass
class Unlocked:
    """What a password opens: the master key and the user's private key (``b""`` for a slot
    made before key pairs existed); ``rotated`` when the master came from a pending rotation."""

    master: bytes
    box_private: bytes
    rotated: bool = False


@dataclass
class KeySlots:
    """The parsed sidecar: firm id, the case file's SQLCipher salt, and the slots by user."""

    firm_id: str
    file_salt: str  # hex of the case file's first 16 bytes (SQLCipher salt): pairs keys and file
    slots: dict[str, Slot] = field(default_factory=dict)

    # -- file I/O -------------------------------------------------------------------------------
    @classmethod
    def load(cls, path: Path) -> KeySlots:
        if not path.exists():
            raise CaseFileError(
                f"The key file {path.name} is missing; it must stay beside the case file "
                "(restore it from a backup, or copy it back from where the case file came from)."
            )
        try:
            doc = json.loads(path.read_bytes().decode("utf-8"))
            if doc.get("format") != FORMAT:
                raise ValueError("not a casedesk key file")
            if doc.get("version") != VERSION:
                raise CaseFileError(
                    f"The key file {path.name} has format version {doc.get('version')}; "
                    "this casedesk is too old to read it: please update casedesk."
                )
            slots = [Slot.from_dict(s) for s in doc["slots"]]
            return cls(
                firm_id=str(doc["firm_id"]),
                file_salt=str(doc["file_salt"]),
                slots={s.user: s for s in slots},
            )
        except CaseFileError:
            raise
        except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
            raise CaseFileError(f"The key file {path.name} is damaged ({exc}).") from None

    def save(self, path: Path) -> None:
        doc = {
            "format": FORMAT,
            "version": VERSION,
            "firm_id": self.firm_id,
            "file_salt": self.file_salt,
            "slots": [s.to_dict() for s in sorted(self.slots.values(), key=lambda s: s.user)],
        }
        atomic_write(path, json.dumps(doc, indent=1).encode("utf-8"))

    # -- slots ----------------------------------------------------------------------------------
    def set_password(
        self,
        user: str,
        password: str,
        master: bytes,
        *,
        kdf: crypto.KdfParams | None = None,
        must_change: bool = False,
        box_private: bytes | None = None,
    ) -> bytes:
        """Create or replace ``user``'s slot so that ``password`` opens ``master`` and
        ``box_private`` (a new key pair when not given); returns the slot's public key."""
        kdf = kdf or crypto.DEFAULT_KDF
        kind = "recovery" if user == RECOVERY_USER else "password"
        salt = crypto.new_salt()
        kek = crypto.derive_kek(password, salt, kdf)
        nonce, wrapped = crypto.wrap_key(kek, master, _aad(self.firm_id, kind, user))
        if not box_private:
            box_private, _ = crypto.new_box_key()
        public = crypto.box_public(box_private)
        box_nonce, box_wrapped = crypto.wrap_key(kek, box_private, _box_aad(self.firm_id, user))
        self.slots[user] = Slot(
            user=user,
            kind=kind,
            kdf=kdf,
            salt=salt,
            nonce=nonce,
            wrapped=wrapped,
            created=datetime.now(UTC).isoformat(timespec="seconds"),
            must_change=must_change,
            box_public=public,
            box_nonce=box_nonce,
            box_wrapped=box_wrapped,
        )
        return public

    def remove(self, user: str) -> None:
        self.slots.pop(user, None)

    def unlock(self, user: str, password: str) -> bytes:
        """Return the master key, or raise :class:`AuthenticationError`.

        An unknown user costs the same Argon2 work as a wrong password, so the answer does not
        reveal which user names exist.
        """
        return self.unlock_keys(user, password).master

    def unlock_keys(self, user: str, password: str) -> Unlocked:
        """Like :meth:`unlock`, with the user's private key; after a firm-key rotation the new
        master key is opened from the slot's pending entry."""
        slot = self.slots.get(user)
        if slot is None:
            crypto.derive_kek(password, crypto.new_salt(), crypto.DEFAULT_KDF)
            raise AuthenticationError("Wrong user name or password.")
        kek = crypto.derive_kek(password, slot.salt, slot.kdf)
        box_private = b""
        if slot.box_wrapped:
            box_private = crypto.unwrap_key(kek, slot.box_nonce, slot.box_wrapped,
                                            _box_aad(self.firm_id, user)) or b""
        if slot.pending:
            master = (crypto.unseal(box_private, slot.pending, pending_aad(self.firm_id, user))
                      if box_private else None)
            if master is None:
                raise AuthenticationError("Wrong user name or password.")
            return Unlocked(master, box_private, rotated=True)
        aad = _aad(self.firm_id, slot.kind, user)
        master = crypto.unwrap_key(kek, slot.nonce, slot.wrapped, aad)
        if master is None:
            raise AuthenticationError("Wrong user name or password.")
        return Unlocked(master, box_private)

    def seal_pending(self, user: str, master: bytes) -> bool:
        """Replace ``user``'s wrapped master key by ``master`` sealed to the slot's public key
        (a firm-key rotation); False when the slot has no key pair to seal to."""
        slot = self.slots.get(user)
        if slot is None or not slot.box_public:
            return False
        slot.pending = crypto.seal(slot.box_public, master, pending_aad(self.firm_id, user))
        slot.nonce, slot.wrapped = b"", b""
        return True

    def unlock_recovery(self, recovery_key: str) -> bytes:
        return self.unlock_recovery_keys(recovery_key).master

    def unlock_recovery_keys(self, recovery_key: str) -> Unlocked:
        try:
            return self.unlock_keys(RECOVERY_USER, crypto.normalise_recovery_key(recovery_key))
        except AuthenticationError:
            raise AuthenticationError("That recovery key does not open this case file.") from None
