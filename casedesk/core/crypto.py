"""Key management for the encrypted case file.

The database is encrypted with a random 256-bit *firm master key*, never with a password.  Each
user's password opens a **key slot**: Argon2id turns the password into a key-encryption key,
which AES-256-GCM uses to wrap the master key.  The associated data binds each wrapped key to its
firm and user, so a slot cannot be moved to another user or firm.  Separate subkeys for the
database, sync and document blobs are derived from the master key with HKDF.

No primitive here is written by hand: Argon2id comes from ``argon2-cffi``, AES-GCM and HKDF from
``cryptography``.
"""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

MASTER_KEY_BYTES = 32
SALT_BYTES = 16
NONCE_BYTES = 12


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost parameters, stored in each slot so they can be raised later."""

    time_cost: int = 4
    memory_kib: int = 128 * 1024
    parallelism: int = 2

    def to_dict(self) -> dict[str, int | str]:
        return {"alg": "argon2id", "t": self.time_cost, "m": self.memory_kib, "p": self.parallelism}

    @classmethod
    def from_dict(cls, d: dict[str, object]) -> KdfParams:
        if d.get("alg") != "argon2id":
            raise ValueError(f"unknown key derivation {d.get('alg')!r}")
        t, m, p = d["t"], d["m"], d["p"]
        if not all(isinstance(x, int) and x > 0 for x in (t, m, p)):
            raise ValueError("bad key derivation parameters")
        return cls(time_cost=int(t), memory_kib=int(m), parallelism=int(p))  # type: ignore[arg-type]


#: Tuned so one unlock takes about 0.3 s on a 2-core machine (see benchmarks/run.py).
DEFAULT_KDF = KdfParams()
#: Cheap parameters for tests only (never written by the application itself).
TEST_KDF = KdfParams(time_cost=1, memory_kib=8 * 1024, parallelism=1)


def new_master_key() -> bytes:
    return os.urandom(MASTER_KEY_BYTES)


def new_salt() -> bytes:
    return os.urandom(SALT_BYTES)


def derive_kek(secret: str, salt: bytes, params: KdfParams) -> bytes:
    """Argon2id(secret, salt) → 256-bit key-encryption key."""
    return hash_secret_raw(
        secret.encode("utf-8"),
        salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=32,
        type=Type.ID,
    )


def wrap_key(kek: bytes, key: bytes, aad: bytes) -> tuple[bytes, bytes]:
    """AES-256-GCM-encrypt ``key`` under ``kek``; returns (nonce, ciphertext+tag)."""
    nonce = os.urandom(NONCE_BYTES)
    return nonce, AESGCM(kek).encrypt(nonce, key, aad)


def unwrap_key(kek: bytes, nonce: bytes, wrapped: bytes, aad: bytes) -> bytes | None:
    """Inverse of :func:`wrap_key`; ``None`` when the key or the associated data is wrong."""
    try:
        return AESGCM(kek).decrypt(nonce, wrapped, aad)
    except InvalidTag:
        return None


def subkey(master: bytes, purpose: str) -> bytes:
    """Derive an independent 256-bit key for one purpose (``"sqlcipher"``, ``"sync"``, …)."""
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"casedesk/v1/" + purpose.encode()
    ).derive(master)


def encrypt(key: bytes, plaintext: bytes, aad: bytes = b"") -> bytes:
    """AES-256-GCM with a random nonce; returns nonce || ciphertext || tag."""
    nonce = os.urandom(NONCE_BYTES)
    return nonce + AESGCM(key).encrypt(nonce, plaintext, aad)


def decrypt(key: bytes, blob: bytes, aad: bytes = b"") -> bytes | None:
    """Inverse of :func:`encrypt`; ``None`` when the data was altered or the key is wrong."""
    if len(blob) < NONCE_BYTES + 16:
        return None
    try:
        return AESGCM(key).decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], aad)
    except InvalidTag:
        return None


# -- recovery keys ------------------------------------------------------------------------------

RECOVERY_BYTES = 20  # 160 bits → 32 base32 characters, shown as 8 groups of 4


def new_recovery_key() -> str:
    raw = base64.b32encode(os.urandom(RECOVERY_BYTES)).decode("ascii")
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def normalise_recovery_key(text: str) -> str:
    """Accept the key as printed, in any case, with or without dashes and spaces."""
    raw = "".join(ch for ch in text.upper() if ch.isalnum())
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def b64e(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def b64d(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


# -- per-user key pairs (ethical walls, key rotation) ---------------------------------------------
#
# Each user holds an X25519 key pair; the private key is wrapped in the user's key slot under the
# same password-derived key as the master key, the public key is recorded in the (encrypted,
# audited) users table.  A secret is *sealed* to a public key ECIES-style: an ephemeral X25519
# exchange, HKDF-SHA256 over both public keys, AES-256-GCM.  Only ``cryptography`` primitives.

BOX_INFO = b"casedesk/v1/seal"


def new_box_key() -> tuple[bytes, bytes]:
    """A fresh X25519 key pair as raw bytes: (private, public)."""
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    key = X25519PrivateKey.generate()
    return _raw_private(key), _raw_public(key.public_key())


def box_public(private: bytes) -> bytes:
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    return _raw_public(X25519PrivateKey.from_private_bytes(private).public_key())


def _raw_private(key: object) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return key.private_bytes(  # type: ignore[attr-defined, no-any-return]
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
        serialization.NoEncryption())


def _raw_public(key: object) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return key.public_bytes(  # type: ignore[attr-defined, no-any-return]
        serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def _seal_key(shared: bytes, eph_public: bytes, recipient: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=eph_public + recipient,
                info=BOX_INFO).derive(shared)


def seal(recipient_public: bytes, secret: bytes, aad: bytes = b"") -> bytes:
    """Encrypt ``secret`` so that only the holder of the matching private key can open it;
    returns ephemeral public key (32) || nonce || ciphertext || tag."""
    from cryptography.hazmat.primitives.asymmetric.x25519 import (
        X25519PrivateKey,
        X25519PublicKey,
    )

    eph = X25519PrivateKey.generate()
    eph_public = _raw_public(eph.public_key())
    shared = eph.exchange(X25519PublicKey.from_public_bytes(recipient_public))
    return eph_public + encrypt(_seal_key(shared, eph_public, recipient_public), secret, aad)


def unseal(private: bytes, sealed: bytes, aad: bytes = b"") -> bytes | None:
    """Inverse of :func:`seal`; ``None`` when it was not sealed to this key or was altered."""
    from cryptography.hazmat.primitives.asymmetric.x25519 import (
        X25519PrivateKey,
        X25519PublicKey,
    )

    if len(sealed) < 32 + NONCE_BYTES + 16:
        return None
    me = X25519PrivateKey.from_private_bytes(private)
    eph_public = sealed[:32]
    try:
        shared = me.exchange(X25519PublicKey.from_public_bytes(eph_public))
    except ValueError:
        return None
    return decrypt(_seal_key(shared, eph_public, _raw_public(me.public_key())), sealed[32:], aad)
