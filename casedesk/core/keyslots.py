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

    def to_dict(self) -> dict[str, Any]:
        return {
            "user": self.user,
            "kind": self.kind,
            "kdf": {**self.kdf.to_dict(), "salt": crypto.b64e(self.salt)},
            "nonce": crypto.b64e(self.nonce),
            "wrapped": crypto.b64e(self.wrapped),
            "created": self.created,
            "must_change": self.must_change,
        }

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
        )


def _aad(firm_id: str, kind: str, user: str) -> bytes:
    return json.dumps(["casedesk-keyslot", VERSION, firm_id, kind, user]).encode()


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
    ) -> None:
        """Create or replace ``user``'s slot so that ``password`` opens ``master``."""
        kdf = kdf or crypto.DEFAULT_KDF
        kind = "recovery" if user == RECOVERY_USER else "password"
        salt = crypto.new_salt()
        kek = crypto.derive_kek(password, salt, kdf)
        nonce, wrapped = crypto.wrap_key(kek, master, _aad(self.firm_id, kind, user))
        self.slots[user] = Slot(
            user=user,
            kind=kind,
            kdf=kdf,
            salt=salt,
            nonce=nonce,
            wrapped=wrapped,
            created=datetime.now(UTC).isoformat(timespec="seconds"),
            must_change=must_change,
        )

    def remove(self, user: str) -> None:
        self.slots.pop(user, None)

    def unlock(self, user: str, password: str) -> bytes:
        """Return the master key, or raise :class:`AuthenticationError`.

        An unknown user costs the same Argon2 work as a wrong password, so the answer does not
        reveal which user names exist.
        """
        slot = self.slots.get(user)
        if slot is None:
            crypto.derive_kek(password, crypto.new_salt(), crypto.DEFAULT_KDF)
            raise AuthenticationError("Wrong user name or password.")
        kek = crypto.derive_kek(password, slot.salt, slot.kdf)
        aad = _aad(self.firm_id, slot.kind, user)
        master = crypto.unwrap_key(kek, slot.nonce, slot.wrapped, aad)
        if master is None:
            raise AuthenticationError("Wrong user name or password.")
        return master

    def unlock_recovery(self, recovery_key: str) -> bytes:
        try:
            return self.unlock(RECOVERY_USER, crypto.normalise_recovery_key(recovery_key))
        except AuthenticationError:
            raise AuthenticationError("That recovery key does not open this case file.") from None
