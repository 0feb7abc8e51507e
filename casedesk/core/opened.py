"""Open in Word: decrypted working copies of documents, watched for saves.

Opening a document writes a decrypted copy, under its original file name, into a private folder
(mode 0700) in the user's cache directory; the GUI then hands that path to the operating system
(QDesktopServices) - launching the application is not the core's job.  :meth:`OpenedDocuments.poll`
(called by the GUI on a timer) notices when a copy was saved - modification time and size changed
*and* the content hash differs - and stores it as the document's next version.  Closing a copy
stores a last change and deletes it; :meth:`OpenedDocuments.close_all` runs at exit.

Layout::

    <cache>/opened/<firm id>/<session>/            one per running casedesk (holds a lock file)
    <cache>/opened/<firm id>/<session>/<doc id>/   one per opened document
        <original file name>                       the working copy (0600)
        .casedesk-open.json                        document id, version and hash it came from

A crash leaves a session folder behind whose lock nobody holds.  At start
:meth:`OpenedDocuments.clean_leftovers` deletes the leftover copies that are unchanged and returns
those that were edited, so the GUI can offer them; :meth:`recover_leftover` stores one as a new
version, :meth:`discard_leftover` deletes it.  Folders of another casedesk still running (its lock
is held) are left alone.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sys
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from casedesk.core import audit
from casedesk.core.casefile import CaseFile
from casedesk.core.errors import CasedeskError, NotFound
from casedesk.core.fsutil import os_error
from casedesk.core.ids import new_id
from casedesk.core.permissions import Right
from casedesk.core.services import documents

MANIFEST = ".casedesk-open.json"
LOCK = ".casedesk-session.lock"


@dataclass(frozen=True)
class NewVersion:
    """A saved working copy that was stored as a new version."""

    document_id: str
    version: int
    filename: str
    path: Path


@dataclass(frozen=True)
class Leftover:
    """An edited working copy left by a casedesk that stopped without closing it."""

    path: Path
    document_id: str
    based_on_version: int
    filename: str


@dataclass
class _Copy:
    document_id: str
    version: int
    path: Path
    sha256: str
    stat: tuple[int, int]  # (mtime_ns, size) last seen
    writable: bool


def default_base_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("casedesk", appauthor=False)) / "opened"


def _private_dir(path: Path) -> Path:
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if os.name == "posix":
        os.chmod(path, 0o700)
    return path


def _lock(handle: IO[bytes]) -> bool:
    """Take an exclusive, non-blocking lock on an open file; False when someone holds it."""
    try:
        if sys.platform == "win32":
            import msvcrt

            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


def _write_private(path: Path, data: bytes, *, writable: bool) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    if not writable:
        os.chmod(path, 0o400)


class OpenedDocuments:
    """The working copies this casedesk has handed out; see the module docstring."""

    def __init__(self, cf: CaseFile, base_dir: Path | None = None) -> None:
        self.cf = cf
        self.firm_dir = Path(base_dir or default_base_dir()) / cf.firm_id
        self._copies: dict[str, _Copy] = {}
        self._session_dir: Path | None = None
        self._lock_handle: IO[bytes] | None = None

    def __enter__(self) -> OpenedDocuments:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close_all()

    # -- the session folder ---------------------------------------------------------------------
    @property
    def session_dir(self) -> Path:
        if self._session_dir is None:
            try:
                _private_dir(self.firm_dir.parent)
                _private_dir(self.firm_dir)
                folder = _private_dir(self.firm_dir / new_id())
                handle = open(folder / LOCK, "a+b")  # noqa: SIM115 - held open while we run
            except OSError as exc:
                raise os_error(exc, self.firm_dir) from exc
            _lock(handle)
            self._session_dir, self._lock_handle = folder, handle
            # A manager dropped without close_all() (a window torn down, a crash of the caller)
            # still releases its lock; its folder is then a leftover for the next start.
            weakref.finalize(self, handle.close)
        return self._session_dir

    # -- opening, polling, closing ----------------------------------------------------------------
    def open(self, document_id: str, version: int | None = None) -> Path:
        """Write a decrypted copy of the document (newest version by default); returns its path.

        Opening a document already open returns the same copy.  Users without the right to edit
        get a read-only copy (their saves are not stored).
        """
        self.cf.require(Right.VIEW, "open documents")
        copy = self._copies.get(document_id)
        if copy is not None and copy.path.exists():
            return copy.path
        writable = self.cf.user.can(Right.EDIT)
        with self.cf.write() as s:
            ver, data = documents._load_version(s, self.cf, document_id, version)
            folder = self.session_dir / document_id
            if folder.exists():
                shutil.rmtree(folder, ignore_errors=True)
            path = _private_dir(folder) / ver.filename
            try:
                _write_private(path, data, writable=writable)
                digest = hashlib.sha256(data).hexdigest()  # of the content (walled: keyed id)
                (folder / MANIFEST).write_text(json.dumps({
                    "document_id": document_id, "version": ver.version, "sha256": digest,
                    "filename": ver.filename}), encoding="utf-8")
            except OSError as exc:
                shutil.rmtree(folder, ignore_errors=True)
                raise os_error(exc, path) from exc
            audit.record_event(s, "document", document_id, "access",
                                 f"opened version {ver.version} ({ver.filename}) "
                                 "in an external application")
        stat = _stat(path)
        assert stat is not None
        self._copies[document_id] = _Copy(document_id, ver.version, path, digest, stat,
                                          writable)
        return path

    def is_open(self, document_id: str) -> bool:
        return document_id in self._copies

    def poll(self) -> list[NewVersion]:
        """Store every working copy saved since the last look as a new version."""
        out = []
        for copy in list(self._copies.values()):
            found = self._check(copy)
            if found is not None:
                out.append(found)
        return out

    def _check(self, copy: _Copy) -> NewVersion | None:
        before = _stat(copy.path)
        if before is None or before == copy.stat or not copy.writable:
            return None
        try:
            data = copy.path.read_bytes()
        except OSError:  # the application is still writing or holds it locked: next time
            return None
        if _stat(copy.path) != before:  # changed while we read it: a save in progress
            return None
        digest = hashlib.sha256(data).hexdigest()
        copy.stat = before
        if digest == copy.sha256:
            return None
        ver = documents.add_version(self.cf, copy.document_id, copy.path.name, data,
                                    note="saved in an external application")
        copy.sha256, copy.version = digest, ver.version
        self._write_manifest(copy)
        return NewVersion(copy.document_id, ver.version, ver.filename, copy.path)

    def _write_manifest(self, copy: _Copy) -> None:
        with contextlib.suppress(OSError):
            (copy.path.parent / MANIFEST).write_text(json.dumps({
                "document_id": copy.document_id, "version": copy.version,
                "sha256": copy.sha256, "filename": copy.path.name}), encoding="utf-8")

    def close(self, document_id: str) -> NewVersion | None:
        """Store a last change of the copy (if any), then delete it."""
        copy = self._copies.get(document_id)
        if copy is None:
            return None
        copy.stat = (-1, -1)  # force a content comparison: a save may share the last stat
        found = self._check(copy)
        if found is None and copy.writable and copy.path.exists():
            # a save still in progress was skipped by _check: compare once more, plainly
            found = self._check(copy)
        del self._copies[document_id]
        shutil.rmtree(copy.path.parent, ignore_errors=True)
        return found

    def close_all(self) -> list[NewVersion]:
        """At exit: store last changes, delete every copy and this session's folder."""
        out = []
        for document_id in list(self._copies):
            found = self.close(document_id)
            if found is not None:
                out.append(found)
        if self._session_dir is not None:
            if self._lock_handle is not None:
                self._lock_handle.close()
                self._lock_handle = None
            shutil.rmtree(self._session_dir, ignore_errors=True)
            self._session_dir = None
        return out

    # -- leftovers from a crash -------------------------------------------------------------------
    def clean_leftovers(self) -> list[Leftover]:
        """Delete copies left by a casedesk that crashed, except edited ones: those are returned
        (and kept) so the user can choose to recover or discard them."""
        if not self.firm_dir.is_dir():
            return []
        out: list[Leftover] = []
        for session in sorted(p for p in self.firm_dir.iterdir() if p.is_dir()):
            if session == self._session_dir or self._alive(session):
                continue
            kept = False
            for folder in sorted(p for p in session.iterdir() if p.is_dir()):
                leftover = self._leftover(folder)
                if leftover is None:
                    shutil.rmtree(folder, ignore_errors=True)
                else:
                    out.append(leftover)
                    kept = True
            if not kept:
                shutil.rmtree(session, ignore_errors=True)
        return out

    @staticmethod
    def _alive(session: Path) -> bool:
        lock = session / LOCK
        if not lock.exists():
            return False
        try:
            with open(lock, "a+b") as handle:
                return not _lock(handle)
        except OSError:
            return True

    def _leftover(self, folder: Path) -> Leftover | None:
        manifest = self._manifest(folder)
        if manifest is None:
            return None
        path = folder / manifest["filename"]
        try:
            data = path.read_bytes()
        except OSError:
            return None
        if hashlib.sha256(data).hexdigest() == manifest["sha256"]:
            return None
        return Leftover(path, manifest["document_id"], int(manifest["version"]), path.name)

    @staticmethod
    def _manifest(folder: Path) -> dict[str, Any] | None:
        try:
            data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        keys = {"document_id", "version", "sha256", "filename"}
        if not isinstance(data, dict) or not keys <= set(data):
            return None
        if Path(str(data["filename"])).name != data["filename"]:
            return None
        return data

    def _leftover_manifest(self, path: Path) -> dict[str, Any]:
        path = Path(path)
        try:
            inside = path.resolve().is_relative_to(self.firm_dir.resolve())
        except OSError:
            inside = False
        manifest = self._manifest(path.parent) if inside else None
        if manifest is None or manifest["filename"] != path.name:
            raise NotFound(f"{path} is not a copy left over by casedesk.")
        return manifest

    def recover_leftover(self, path: Path) -> NewVersion:
        """Store a leftover copy as the document's next version, then delete it."""
        manifest = self._leftover_manifest(path)
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise CasedeskError(f"{path} could not be read ({exc.strerror}).") from None
        ver = documents.add_version(
            self.cf, manifest["document_id"], Path(path).name, data,
            note=f"recovered after casedesk stopped; based on version {manifest['version']}")
        self._remove_leftover(Path(path))
        return NewVersion(manifest["document_id"], ver.version, ver.filename, Path(path))

    def discard_leftover(self, path: Path) -> None:
        """Delete a leftover copy without storing it."""
        self._leftover_manifest(path)
        self._remove_leftover(Path(path))

    def _remove_leftover(self, path: Path) -> None:
        folder = path.parent
        session = folder.parent
        shutil.rmtree(folder, ignore_errors=True)
        with contextlib.suppress(OSError):
            if not any(p.is_dir() for p in session.iterdir()):
                shutil.rmtree(session, ignore_errors=True)
