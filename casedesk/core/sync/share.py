"""The shared folder: what lies on it, how it is encrypted, how it is written.

Layout (every file is written once, through a temp name that is flushed, fsynced and renamed;
each device writes only below its own ``devices/<device id>/`` folder)::

    SHARE/devices/<device>/changes/<seq>.cdc     changesets: the device's audit rows, in order
    SHARE/devices/<device>/snapshots/<seq>.cds   the whole firm as of that device's changeset seq
    SHARE/devices/<device>/blobs/<name>.cdb      document content; name = HMAC-SHA256(k, sha256)
    SHARE/devices/<device>/keys/<user>.<v>.cdk   key slots (newest version per user wins)
    SHARE/devices/<device>/pkeys/<subject>.cpk   personal-data keys of a contact or intake,
                                                 encrypted; deleted when the subject is erased

A changeset or snapshot file is ``MAGIC``, one line of JSON header (format version, kind, firm
id, device id, sequence number) and the AES-256-GCM encryption of the zlib-compressed payload,
with the header line as associated data: a changed header, a truncated or altered body, or a
file of another firm fails authentication.  The format version is readable before decrypting,
so a device that meets a newer format can say that casedesk must be updated.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from casedesk.core import crypto
from casedesk.core.errors import CasedeskError
from casedesk.core.fsutil import atomic_write, fsync_dir, os_error

FORMAT = 1
MAGIC = b"casedesk-sync\n"
CHANGES, SNAPSHOTS, BLOBS, KEYS = "changes", "snapshots", "blobs", "keys"
PKEYS = "pkeys"
SUFFIX = {CHANGES: ".cdc", SNAPSHOTS: ".cds", BLOBS: ".cdb", KEYS: ".cdk", PKEYS: ".cpk"}


class SyncError(CasedeskError):
    """Sync could not run (the share is missing or not writable); nothing local was changed."""


class FileProblem(Exception):
    """A share file that cannot be used: ``kind`` is damaged | foreign | tampered | newer."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True)
class SyncKeys:
    """Independent keys for each use, derived (HKDF) from the case file's ``sync`` subkey."""

    changes: bytes
    snapshot: bytes
    blobs: bytes
    blob_names: bytes
    keyslots: bytes
    pkeys: bytes

    @classmethod
    def derive(cls, sync_key: bytes) -> SyncKeys:
        return cls(*(crypto.subkey(sync_key, f"sync/{p}")
                     for p in ("changes", "snapshot", "blobs", "blob-names", "keyslots",
                               "pkeys")))


def seal(key: bytes, header: dict[str, Any], payload: Any) -> bytes:
    line = json.dumps(header, sort_keys=True, separators=(",", ":")).encode("utf-8")
    body = zlib.compress(json.dumps(payload, separators=(",", ":"),
                                    ensure_ascii=False).encode("utf-8"), 6)
    return MAGIC + line + b"\n" + crypto.encrypt(key, body, line)


def read_header(data: bytes) -> tuple[dict[str, Any], bytes, bytes]:
    if not data.startswith(MAGIC):
        raise FileProblem("damaged", "it is not a casedesk sync file (or it is truncated)")
    end = data.find(b"\n", len(MAGIC))
    if end < 0:
        raise FileProblem("damaged", "it is truncated")
    line = data[len(MAGIC):end]
    try:
        header = json.loads(line.decode("utf-8"))
        if not isinstance(header, dict):
            raise ValueError
    except ValueError:
        raise FileProblem("damaged", "its header is unreadable") from None
    return header, line, data[end + 1:]


def unseal(key: bytes, data: bytes, *, firm_id: str, kind: str) -> tuple[dict[str, Any], Any]:
    """(header, payload) of an authentic file of this firm, else :class:`FileProblem`."""
    header, line, body = read_header(data)
    fmt = header.get("format")
    if not isinstance(fmt, int):
        raise FileProblem("damaged", "its header has no format version")
    if fmt > FORMAT:
        raise FileProblem("newer", f"it has format version {fmt}, newer than this casedesk "
                          f"understands ({FORMAT}): please update casedesk")
    if header.get("firm") != firm_id:
        raise FileProblem("foreign", "it belongs to another firm")
    if header.get("kind") != kind:
        raise FileProblem("tampered", f"it is not a {kind} file")
    plain = crypto.decrypt(key, body, line)
    if plain is None:
        raise FileProblem("tampered", "it fails authentication (truncated, damaged or altered)")
    try:
        return header, json.loads(zlib.decompress(plain).decode("utf-8"))
    except (ValueError, zlib.error):
        raise FileProblem("damaged", "its content is unreadable") from None


def write_once(path: Path, data: bytes) -> bool:
    """Write a new file atomically (temp name, flush, fsync, rename); never replace one.

    Returns False when ``path`` already exists (the file is left as it is)."""
    if path.exists():
        return False
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.link(tmp, path)  # fails if the name exists: write-once even between devices
        except FileExistsError:
            return False
        except OSError:  # no hard links on this file system (some network shares)
            if path.exists():
                return False
            os.replace(tmp, path)
        fsync_dir(path.parent)
        return True
    except OSError as exc:
        raise SyncError(f"casedesk could not write to the share ({os_error(exc, path)}); "
                        "nothing local was changed.") from exc
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


class Share:
    """A share folder as seen by one device of one firm."""

    def __init__(self, root: Path | str, firm_id: str, device_id: str, keys: SyncKeys) -> None:
        self.root = Path(root)
        self.firm_id = firm_id
        self.device_id = device_id
        self.keys = keys

    # -- checks and paths -------------------------------------------------------------------
    def check(self) -> None:
        if not self.root.is_dir():
            raise SyncError(f"The share folder {self.root} is not reachable (missing, or not a "
                            "folder); nothing was synced and local data is untouched.")
        if not os.access(self.root, os.R_OK | os.X_OK):
            raise SyncError(f"casedesk may not read the share folder {self.root}; nothing was "
                            "synced and local data is untouched.")

    @property
    def devices_dir(self) -> Path:
        return self.root / "devices"

    def folder(self, kind: str, device: str | None = None, *, create: bool = False) -> Path:
        path = self.devices_dir / (device or self.device_id) / kind
        if create and not path.is_dir():
            try:
                path.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise SyncError(f"casedesk may not write to the share folder {self.root} "
                                f"({exc.strerror}); nothing local was changed.") from exc
        return path

    def devices(self) -> list[str]:
        try:
            return sorted(e.name for e in os.scandir(self.devices_dir)
                          if e.is_dir() and not e.name.startswith("."))
        except FileNotFoundError:
            return []

    def numbered(self, kind: str, device: str) -> list[tuple[int, Path]]:
        """The (seq, path) of a device's changesets or snapshots, in order (temp files and
        names that are not ours are ignored)."""
        folder = self.folder(kind, device)
        out = []
        try:
            entries = os.scandir(folder)
        except (FileNotFoundError, NotADirectoryError):
            return []
        with entries:
            for e in entries:
                name = e.name
                if name.startswith(".") or not name.endswith(SUFFIX[kind]):
                    continue
                stem = name[: -len(SUFFIX[kind])]
                if stem.isdigit():
                    out.append((int(stem), Path(e.path)))
        out.sort()
        return out

    def numbered_path(self, kind: str, seq: int, device: str | None = None) -> Path:
        return self.folder(kind, device) / f"{seq:010d}{SUFFIX[kind]}"

    def rel(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    # -- changesets and snapshots -----------------------------------------------------------
    def header(self, kind: str, seq: int, device: str | None = None) -> dict[str, Any]:
        return {"format": FORMAT, "kind": kind, "firm": self.firm_id,
                "device": device or self.device_id, "seq": seq}

    def key_for(self, kind: str) -> bytes:
        return self.keys.snapshot if kind == SNAPSHOTS else self.keys.changes

    def read_numbered(self, kind: str, device: str, seq: int, path: Path
                      ) -> tuple[dict[str, Any], Any, str]:
        """(header, payload, sha256 of the file) of an authentic changeset/snapshot."""
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise FileProblem("damaged", f"it cannot be read ({exc.strerror})") from None
        header, payload = unseal(self.key_for(kind), data, firm_id=self.firm_id, kind=kind)
        if header.get("device") != device or header.get("seq") != seq:
            raise FileProblem("tampered", "its header names another device or number")
        return header, payload, hashlib.sha256(data).hexdigest()

    def write_numbered(self, kind: str, seq: int, payload: Any) -> tuple[bool, str]:
        data = seal(self.key_for(kind), self.header(kind, seq), payload)
        self.folder(kind, create=True)
        written = write_once(self.numbered_path(kind, seq), data)
        return written, hashlib.sha256(data).hexdigest()

    # -- blobs --------------------------------------------------------------------------------
    def blob_name(self, sha256: str) -> str:
        return hmac.new(self.keys.blob_names, sha256.encode("ascii"), "sha256").hexdigest()

    def find_blob(self, sha256: str) -> Path | None:
        name = self.blob_name(sha256) + SUFFIX[BLOBS]
        mine = self.folder(BLOBS) / name
        if mine.exists():
            return mine
        for device in self.devices():
            p = self.folder(BLOBS, device) / name
            if p.exists():
                return p
        return None

    def _blob_aad(self, sha256: str) -> bytes:
        return json.dumps(["casedesk-blob", FORMAT, self.firm_id, sha256]).encode("utf-8")

    def put_blob(self, sha256: str, data: bytes) -> bool:
        """Upload content once (skipped when any device already put it on the share)."""
        if self.find_blob(sha256) is not None:
            return False
        folder = self.folder(BLOBS, create=True)
        sealed = crypto.encrypt(self.keys.blobs, data, self._blob_aad(sha256))
        return write_once(folder / (self.blob_name(sha256) + SUFFIX[BLOBS]), sealed)

    def get_blob(self, sha256: str) -> bytes | None:
        """The content with this SHA-256, or None when no authentic copy is on the share."""
        path = self.find_blob(sha256)
        if path is None:
            return None
        try:
            plain = crypto.decrypt(self.keys.blobs, path.read_bytes(), self._blob_aad(sha256))
        except OSError:
            return None
        if plain is None or hashlib.sha256(plain).hexdigest() != sha256:
            return None
        return plain

    # -- key slots ----------------------------------------------------------------------------
    def key_files(self) -> list[tuple[str, Path]]:
        out = []
        for device in self.devices():
            folder = self.folder(KEYS, device)
            if not folder.is_dir():
                continue
            for p in folder.iterdir():
                if p.name.endswith(SUFFIX[KEYS]) and not p.name.startswith("."):
                    out.append((device, p))
        return out

    # -- personal-data keys (mutable files: the only ones a later erasure deletes) ----------------
    def _pkey_aad(self, subject: str) -> bytes:
        return json.dumps(["casedesk-pkey", FORMAT, self.firm_id, subject]).encode("utf-8")

    def put_pkeys(self, keys: dict[str, list[bytes]]) -> None:
        """Write (or replace) this device's files of these subjects' keys, durably: each file
        atomically, the folder synced once at the end."""
        if not keys:
            return
        folder = self.folder(PKEYS, create=True)
        try:
            for subject, subject_keys in keys.items():
                body = json.dumps([crypto.b64e(k) for k in subject_keys]).encode("utf-8")
                sealed = crypto.encrypt(self.keys.pkeys, body, self._pkey_aad(subject))
                atomic_write(folder / f"{subject}{SUFFIX[PKEYS]}", sealed, sync_dir=False)
            fsync_dir(folder)
        except (OSError, CasedeskError) as exc:
            detail = exc if isinstance(exc, CasedeskError) else os_error(exc, folder)
            raise SyncError(f"casedesk could not write to the share ({detail}); nothing local "
                            "was changed.") from exc

    def pkey_files(self, newer_than: int = 0) -> list[tuple[str, Path, int]]:
        """(subject, path, mtime in ns) of every device's key files changed after
        ``newer_than``."""
        out = []
        for device in self.devices():
            try:
                entries = os.scandir(self.folder(PKEYS, device))
            except (FileNotFoundError, NotADirectoryError):
                continue
            with entries:
                for e in entries:
                    if e.name.startswith(".") or not e.name.endswith(SUFFIX[PKEYS]):
                        continue
                    mtime = e.stat().st_mtime_ns
                    if mtime > newer_than:
                        out.append((e.name[:-len(SUFFIX[PKEYS])], Path(e.path), mtime))
        return out

    def read_pkeys(self, subject: str, path: Path) -> list[bytes]:
        try:
            plain = crypto.decrypt(self.keys.pkeys, path.read_bytes(), self._pkey_aad(subject))
            return [crypto.b64d(k) for k in json.loads(plain or b"[]")]
        except (OSError, ValueError):
            return []

    def drop_own_blob(self, sha256: str) -> None:
        """Delete this device's copy of erased content (every device deletes its own)."""
        with contextlib.suppress(OSError):
            (self.folder(BLOBS) / (self.blob_name(sha256) + SUFFIX[BLOBS])).unlink()

    def drop_pkeys(self, subject: str) -> None:
        """Delete every device's file of an erased subject's keys."""
        for device in self.devices():
            with contextlib.suppress(OSError):
                (self.folder(PKEYS, device) / f"{subject}{SUFFIX[PKEYS]}").unlink()

    def drop_snapshots(self, keep: int) -> None:
        """Delete this device's snapshots older than number ``keep`` (after an erasure: they
        hold the erased data)."""
        for seq, path in self.numbered(SNAPSHOTS, self.device_id):
            if seq < keep:
                with contextlib.suppress(OSError):
                    path.unlink()
