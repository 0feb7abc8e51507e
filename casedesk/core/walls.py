"""Ethical walls: a matter restricted to named users, or closed to named users.

Two layers
----------
**Visibility, enforced by the core.**  Every ORM query of a session opened by
:meth:`CaseFile.read` / :meth:`CaseFile.write` is filtered (``do_orm_execute`` +
``with_loader_criteria``) so that a matter the user may not see - and every record that hangs
off it: parties, documents and their versions, correspondence, events and their attendees,
deadlines, triggers, tasks, notes, conflict checks, intake drafts - does not exist for them:
not in lists, the calendar, iCal exports, reports, interchange exports or ``get``.  Search, the
audit viewer and the conflict check (raw SQL or firm-wide by nature) apply the same rule
themselves (:func:`matter_record_ids`, :func:`session_state`).  The few places that must see
every matter (matter numbering, the conflict index) ask for it with
``execution_options={INCLUDE_WALLED: True}``.

**Cryptography, for what matters most.**  Every key-slot holder can decrypt the whole case file,
so the *content* and the *extracted text* of a walled matter's documents are encrypted again,
with a per-matter key (AES-256-GCM).  That key is sealed (X25519 + HKDF + AES-GCM, see
:func:`casedesk.core.crypto.seal`) to the public key of each user allowed in, and stored in
``matter_keys``; each user's private key sits in their key slot, wrapped under their password.
An excluded user holding the file and their own password has no way to the matter key.  Walled
content is stored under a keyed id (HMAC of the content under the matter key), so the same file
in two matters is never de-duplicated across a wall, and its text never enters the firm-wide
search index: allowed users search it in memory after unlock (:func:`text_hits`).

When someone leaves a wall the matter gets a new key and its content is re-encrypted; when a
user's key pair changes (a password reset by an administrator), any member who next opens the
file seals the matter key to the new public key (:func:`regrant`).

What the app alone protects (readable to anyone with a key slot and tools): a walled matter's
number, title, parties, dates, calendar entries, notes, correspondence and the titles of its
documents.  See README "Ethical walls".
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import struct
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import event, or_, select
from sqlalchemy.orm import ORMExecuteState, Session, with_loader_criteria

from casedesk.core import audit, crypto
from casedesk.core.errors import CasedeskError, NotFound, PermissionDenied, ValidationError
from casedesk.core.keyslots import RECOVERY_USER
from casedesk.core.models import (
    AuditEntry,
    Blob,
    Correspondence,
    CorrespondenceDocument,
    Document,
    DocumentVersion,
    Event,
    EventAttendee,
    Matter,
    MatterKey,
    Role,
    User,
)
from casedesk.core.permissions import Right

if TYPE_CHECKING:
    from casedesk.core.casefile import CaseFile

INCLUDE_WALLED = "casedesk_include_walled"
MODES = ("restrict", "exclude")
MAGIC = b"casedesk-walled\n"
MATTER_KEY_BYTES = 32


# -- who may see what -----------------------------------------------------------------------------


def may_see(wall: dict[str, Any] | None, user_id: str) -> bool:
    """Whether ``user_id`` is inside ``wall`` (no wall: everyone)."""
    if not wall:
        return True
    users = set(wall.get("users") or ())
    if wall.get("mode") == "restrict":
        return user_id in users
    return user_id not in users


@dataclass(frozen=True)
class WallState:
    """The walled matters of the file (id → wall) and those hidden from one user."""

    walled: dict[str, dict[str, Any]]
    hidden: frozenset[str]


NO_WALLS = WallState({}, frozenset())


def load_state(session: Session, user_id: str) -> WallState:
    rows = session.execute(select(Matter.id, Matter.wall).where(Matter.wall.is_not(None)),
                           execution_options={INCLUDE_WALLED: True}).all()
    walled = {mid: wall for mid, wall in rows if wall}
    if not walled:
        return NO_WALLS
    return WallState(walled, frozenset(m for m, w in walled.items() if not may_see(w, user_id)))


def session_state(session: Session) -> WallState:
    """The wall state of a CaseFile session (computed once per session, cached per file)."""
    state = session.info.get("casedesk_walls")
    if state is None:
        cf = session.info.get("casedesk_cf")
        if cf is None:
            return NO_WALLS
        state = cf.wall_state(session, session.info.get("casedesk_viewer"))
        session.info["casedesk_walls"] = state
    return state  # type: ignore[no-any-return]


def _filter(state: ORMExecuteState) -> None:
    if not state.is_select or state.execution_options.get(INCLUDE_WALLED):
        return
    if "casedesk_cf" not in state.session.info:
        return
    hidden = session_state(state.session).hidden
    if hidden:
        state.statement = state.statement.options(*_criteria(hidden))


def _matter_bound() -> list[type]:
    from casedesk.core.models import Base

    out = []
    for mapper in Base.registry.mappers:
        cls = mapper.class_
        if cls is not Matter and "matter_id" in mapper.columns:
            out.append(cls)
    return out


def _criteria(hidden: frozenset[str]) -> list[Any]:
    ids = sorted(hidden)
    opts: list[Any] = [with_loader_criteria(Matter, Matter.id.not_in(ids))]
    for cls in _matter_bound():
        col = cls.matter_id  # type: ignore[attr-defined]
        opts.append(with_loader_criteria(cls, or_(col.is_(None), col.not_in(ids))))
    hidden_docs = select(Document.id).where(Document.matter_id.in_(ids))
    opts.append(with_loader_criteria(DocumentVersion,
                                     DocumentVersion.document_id.not_in(hidden_docs)))
    hidden_mail = select(Correspondence.id).where(Correspondence.matter_id.in_(ids))
    opts.append(with_loader_criteria(CorrespondenceDocument,
                                     CorrespondenceDocument.correspondence_id.not_in(hidden_mail)))
    hidden_events = select(Event.id).where(Event.matter_id.in_(ids))
    opts.append(with_loader_criteria(EventAttendee, EventAttendee.event_id.not_in(hidden_events)))
    return opts


def install(session_factory: Any) -> None:
    event.listen(session_factory, "do_orm_execute", _filter)


def matter_record_ids(session: Session, matter_ids: Iterable[str]) -> set[str]:
    """The matters and every record that hangs off them — deleted ones too, found through the
    ``matter_id`` their delete row kept — walls or not: what a matter's history covers, and
    what the audit trail hides of matters behind a wall."""
    from casedesk.core.models import entity_name

    mids = sorted(set(matter_ids))
    if not mids:
        return set()
    opt = {INCLUDE_WALLED: True}
    bound = _matter_bound()
    out = set(mids)
    for i in range(0, len(mids), 500):
        chunk = mids[i:i + 500]
        for cls in bound:
            out.update(session.scalars(select(cls.id).where(  # type: ignore[attr-defined]
                cls.matter_id.in_(chunk)), execution_options=opt))  # type: ignore[attr-defined]
    wanted = set(mids)
    for entity_id, old in session.execute(select(AuditEntry.entity_id, AuditEntry.old).where(
            AuditEntry.entity.in_([entity_name(c) for c in bound]), AuditEntry.op == "delete",
            AuditEntry.field == audit.WHOLE_RECORD)):
        try:
            if json.loads(old or "{}").get("matter_id") in wanted:
                out.add(entity_id)
        except (AttributeError, ValueError):
            continue
    parents = sorted(out)
    for i in range(0, len(parents), 500):
        chunk = parents[i:i + 500]
        for column, ident in ((DocumentVersion.document_id, DocumentVersion.id),
                              (CorrespondenceDocument.correspondence_id,
                               CorrespondenceDocument.id),
                              (EventAttendee.event_id, EventAttendee.id)):
            out.update(session.scalars(select(ident).where(column.in_(chunk)),
                                       execution_options=opt))
    return out


def responsible_contact(session: Session, matter_id: str) -> str:
    """Whom to ask about a walled matter: its responsible attorney (else the firm's admins)."""
    row = session.execute(select(User.display_name, User.username).join(
        Matter, Matter.responsible_id == User.id).where(Matter.id == matter_id),
        execution_options={INCLUDE_WALLED: True}).first()
    if row is not None:
        return str(row[0] or row[1])
    admins = session.scalars(select(User.display_name).where(
        User.role == Role.ADMIN.value, User.active.is_(True)).order_by(User.username)).all()
    return ", ".join(a for a in admins if a) or "an administrator"


# -- matter keys ----------------------------------------------------------------------------------


def _key_aad(firm_id: str, matter_id: str, user_id: str, generation: int) -> bytes:
    return json.dumps(["casedesk-matter-key", firm_id, matter_id, user_id, generation]).encode()


def _wall_of(session: Session, matter_id: str) -> dict[str, Any] | None:
    return session.scalar(select(Matter.wall).where(Matter.id == matter_id),  # type: ignore[no-any-return]
                          execution_options={INCLUDE_WALLED: True})


def is_walled(session: Session, matter_id: str) -> bool:
    return bool(_wall_of(session, matter_id))


def matter_key(session: Session, cf: CaseFile, matter_id: str) -> bytes | None:
    """The matter's key for the current user; None when the matter has no wall.  Raises
    :class:`PermissionDenied` when it is walled and the key was not sealed to this user."""
    wall = _wall_of(session, matter_id)
    if not wall:
        return None
    key = _my_key(session, cf, matter_id)
    if key is None:
        raise PermissionDenied(
            "This matter is behind an ethical wall and its key has not been shared with you "
            "yet (it is when another member of the wall next opens the case file); ask "
            f"{responsible_contact(session, matter_id)}.")
    return key


def _my_key(session: Session, cf: CaseFile, matter_id: str) -> bytes | None:
    private = cf.box_private
    if not private:
        return None
    public = crypto.b64e(crypto.box_public(private))
    rows = session.execute(select(MatterKey.sealed, MatterKey.generation).where(
        MatterKey.matter_id == matter_id, MatterKey.user_id == cf.user.id,
        MatterKey.public == public).order_by(MatterKey.generation.desc()),
        execution_options={INCLUDE_WALLED: True}).all()
    for sealed, generation in rows:
        key = crypto.unseal(private, crypto.b64d(sealed),
                            _key_aad(cf.firm_id, matter_id, cf.user.id, generation))
        if key is not None:
            return key
    return None


def _grant(session: Session, cf: CaseFile, matter_id: str, user: User, key: bytes,
           generation: int) -> None:
    assert user.box_public
    sealed = crypto.seal(crypto.b64d(user.box_public), key,
                         _key_aad(cf.firm_id, matter_id, user.id, generation))
    session.add(MatterKey(matter_id=matter_id, user_id=user.id, public=user.box_public,
                          sealed=crypto.b64e(sealed), generation=generation))


def _generation(session: Session, matter_id: str) -> int:
    gens = session.scalars(select(MatterKey.generation).where(MatterKey.matter_id == matter_id),
                           execution_options={INCLUDE_WALLED: True}).all()
    return max(gens, default=0)


# -- sealed content -------------------------------------------------------------------------------


def content_id(key: bytes, data: bytes) -> str:
    """A walled version's content id: keyed, so it matches no other matter's copy."""
    return hmac.new(key, b"content\0" + data, hashlib.sha256).hexdigest()


def seal_content(key: bytes, matter_id: str, digest: str, data: bytes, text: str) -> bytes:
    encoded = text.encode("utf-8")
    payload = struct.pack(">I", len(encoded)) + encoded + data
    return MAGIC + crypto.encrypt(key, payload, f"{matter_id}\0{digest}".encode())


def is_sealed(blob: bytes) -> bool:
    return bytes(blob[:len(MAGIC)]) == MAGIC


def open_content(key: bytes, matter_id: str, digest: str, blob: bytes) -> tuple[bytes, str]:
    plain = crypto.decrypt(key, bytes(blob[len(MAGIC):]), f"{matter_id}\0{digest}".encode())
    if plain is None:
        raise PermissionDenied("This walled document cannot be decrypted with your key (it "
                               "was altered, or the matter's key changed since).")
    (n,) = struct.unpack(">I", plain[:4])
    return plain[4 + n:], plain[4:4 + n].decode("utf-8")


def _put(session: Session, digest: str, blob: bytes) -> None:
    if session.scalar(select(Blob.sha256).where(Blob.sha256 == digest)) is None:
        session.execute(Blob.__table__.insert(), [{"sha256": digest, "size": len(blob),  # type: ignore[attr-defined]
                                                    "data": blob}])


def store_content(session: Session, key: bytes, matter_id: str, data: bytes, text: str) -> str:
    """Store a walled version's content and text; returns its content id."""
    digest = content_id(key, data)
    _put(session, digest, seal_content(key, matter_id, digest, data, text))
    return digest


# -- changing a wall ------------------------------------------------------------------------------


@dataclass
class WallChange:
    matter_id: str
    mode: str | None
    members: list[str]  # user names with access
    waiting: list[str]  # allowed but without a key pair yet (get it when they next log in)
    documents: int  # versions re-encrypted
    rekeyed: bool


def _may_manage(cf: CaseFile, responsible_id: str | None) -> bool:
    if cf.user.id == RECOVERY_USER:
        return False
    return cf.user.can(Right.ADMINISTER) or (cf.user.can(Right.EDIT)
                                             and responsible_id == cf.user.id)


def may_manage(cf: CaseFile, matter_id: str) -> bool:
    """Whether the user may change this matter's wall: administrators, and the matter's
    responsible attorney (with the edit right)."""
    with cf.read() as s:
        return _may_manage(cf, s.scalar(select(Matter.responsible_id).where(
            Matter.id == matter_id)))


def _can_manage(s: Session, cf: CaseFile, matter: Matter) -> None:
    if _may_manage(cf, matter.responsible_id):
        return
    raise PermissionDenied("You need the 'administer' right (or to be the matter's responsible "
                           f"attorney) to change an ethical wall; the {cf.user.role} role "
                           "does not have it.")


def set_wall(cf: CaseFile, matter_id: str, mode: str | None, usernames: Sequence[str] = (),
             *, progress: Any = None) -> WallChange:
    """Restrict a matter to ``usernames`` (mode ``restrict``; you stay inside), close it to
    ``usernames`` (mode ``exclude``), or lift its wall (mode None).  Existing documents are
    re-encrypted in the same transaction; the change is audited."""
    cf.require(Right.EDIT, "change an ethical wall")
    if cf.user.id == RECOVERY_USER:
        raise ValidationError("The recovery key cannot manage ethical walls; log in as a user.")
    if mode is not None and mode not in MODES:
        raise ValidationError(f"Unknown wall mode '{mode}' (restrict, exclude or none).")
    with cf.write() as s:
        matter = s.get(Matter, matter_id)
        if matter is None:
            raise NotFound("There is no such matter.")
        _can_manage(s, cf, matter)
        users = {u.username: u for u in s.scalars(select(User))}
        chosen = []
        for name in usernames:
            name = name.strip().lower()
            if name not in users:
                raise ValidationError(f"There is no user named '{name}'.")
            chosen.append(users[name])
        if mode is None:
            new_wall = None
        else:
            ids = sorted({u.id for u in chosen} | ({cf.user.id} if mode == "restrict" else set()))
            if mode == "exclude" and cf.user.id in ids:
                raise ValidationError("You cannot wall yourself out of a matter.")
            if mode == "exclude" and not ids:
                raise ValidationError("Name at least one user to exclude.")
            new_wall = {"mode": mode, "users": ids}
        old_wall = matter.wall
        old_key = matter_key(s, cf, matter_id) if old_wall else None
        allowed = [u for u in users.values()
                   if u.active and new_wall is not None and may_see(new_wall, u.id)]
        was = {u.id for u in users.values() if old_wall and may_see(old_wall, u.id)}
        leaving = bool(old_wall) and bool(was - {u.id for u in allowed})
        new_key = old_key
        if new_wall is not None and (old_key is None or leaving):
            new_key = os.urandom(MATTER_KEY_BYTES)
        count = 0
        if new_key != old_key or new_wall is None:
            count = _reencrypt(s, cf, matter_id, old_key, new_key if new_wall else None,
                               progress)
        matter.wall = new_wall
        prev_generation = _generation(s, matter_id)
        if new_wall is None or new_key != old_key:
            for row in s.scalars(select(MatterKey).where(MatterKey.matter_id == matter_id),
                                 execution_options={INCLUDE_WALLED: True}):
                s.delete(row)
        waiting = []
        if new_wall is not None and new_key is not None:
            fresh = new_key != old_key
            have = set() if fresh else {
                (r.user_id, r.public) for r in s.scalars(select(MatterKey).where(
                    MatterKey.matter_id == matter_id), execution_options={INCLUDE_WALLED: True})}
            gen = prev_generation + 1 if fresh else prev_generation
            for u in allowed:
                if not u.box_public:
                    waiting.append(u.username)
                elif (u.id, u.box_public) not in have:
                    _grant(s, cf, matter_id, u, new_key, gen)
        s.flush()
        s.connection().exec_driver_sql("PRAGMA secure_delete = ON")
        audit.record_event(s, "matter", matter_id, "note",
                           f"ethical wall {'lifted' if new_wall is None else 'set'}"
                           f"{f' ({mode})' if mode else ''}", field="wall")
    cf.forget_walls()
    _checkpoint(cf)
    return WallChange(matter_id, mode, sorted(u.username for u in allowed),
                      sorted(waiting), count, new_key != old_key)


def _checkpoint(cf: CaseFile) -> None:
    """Old plaintext pages leave the WAL at once (freed pages were zeroed: secure_delete)."""
    import contextlib

    with contextlib.suppress(Exception), cf.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def _reencrypt(s: Session, cf: CaseFile, matter_id: str, old_key: bytes | None,
               new_key: bytes | None, progress: Any) -> int:
    """Move every version of the matter's documents from ``old_key`` (None: plain) to
    ``new_key`` (None: plain, indexed firm-wide again)."""
    from casedesk.core.services import documents
    from casedesk.core.textextract import extract_text

    opt = {INCLUDE_WALLED: True}
    docs = s.scalars(select(Document).where(Document.matter_id == matter_id),
                     execution_options=opt).all()
    vers = [v for d in docs for v in s.scalars(select(DocumentVersion).where(
        DocumentVersion.document_id == d.id).order_by(DocumentVersion.version),
        execution_options=opt)]
    newest = {}
    for v in vers:
        newest[v.document_id] = v
    old_digests = []
    texts: dict[str, str] = {}
    for i, ver in enumerate(vers):
        blob = documents.read_blob(s, ver.sha256)
        if old_key is not None and is_sealed(blob):
            data, text = open_content(old_key, matter_id, ver.sha256, blob)
        else:
            data, text = blob, ""
            if newest[ver.document_id] is ver:
                try:
                    text = extract_text(data, ver.filename)
                except CasedeskError:  # unreadable text: title only, as when added
                    text = ""
        if newest[ver.document_id] is ver:
            texts[ver.document_id] = text
        old_digests.append(ver.sha256)
        if new_key is None:
            digest = hashlib.sha256(data).hexdigest()
            documents.put_blob(s, data, digest)
        else:
            digest = store_content(s, new_key, matter_id, data,
                                   text if newest[ver.document_id] is ver else "")
        if digest != ver.sha256:
            ver.sha256 = digest
        if progress is not None:
            progress(i + 1, len(vers))
    s.flush()
    documents.drop_unused_blobs(s, old_digests)
    for doc in docs:
        ver = newest.get(doc.id)
        documents.index_document(s, doc, ver.filename if ver else "",
                                 texts.get(doc.id, "") if new_key is None else "")
    return len(vers)


# -- keeping keys with the right people ------------------------------------------------------------


def regrant(cf: CaseFile) -> int:
    """Seal each walled matter's key, that this user holds, to every allowed user whose current
    public key lacks it (new users, a reset password); drop keys of users no longer allowed.
    Run after log-in; returns how many keys were sealed."""
    if not cf.box_private:
        return 0
    with cf.read() as s:
        state = session_state(s)
        mine = [m for m in state.walled if m not in state.hidden]
        if not mine:
            return 0
        users = list(s.scalars(select(User).where(User.active.is_(True))))
        have = {(r.matter_id, r.user_id, r.public) for r in s.scalars(select(MatterKey).where(
            MatterKey.matter_id.in_(mine)), execution_options={INCLUDE_WALLED: True})}
        todo = []
        for mid in mine:
            for u in users:
                if (u.box_public and may_see(state.walled[mid], u.id)
                        and (mid, u.id, u.box_public) not in have):
                    todo.append((mid, u.id))
        if not todo:
            return 0
    sealed = 0
    with cf.write() as s:
        for mid, uid in todo:
            key = _my_key(s, cf, mid)
            user = s.get(User, uid)
            if key is None or user is None or not user.box_public:
                continue
            _grant(s, cf, mid, user, key, _generation(s, mid))
            sealed += 1
    return sealed


def drop_user_keys(session: Session, user_id: str) -> None:
    """A removed user's sealed matter keys go with their account."""
    for row in session.scalars(select(MatterKey).where(MatterKey.user_id == user_id),
                               execution_options={INCLUDE_WALLED: True}):
        session.delete(row)


# -- walled text search ---------------------------------------------------------------------------


def text_hits(session: Session, query: str, limit: int = 50) -> list[Any]:
    """Documents of walled matters this user may read whose text matches ``query`` (every word;
    the last as a prefix), searched in memory: their text is never in the firm-wide index."""
    from casedesk.core.search import SearchHit, fold

    cf = session.info.get("casedesk_cf")
    state = session_state(session)
    if cf is None or not state.walled:
        return []
    words = [w for w in "".join(ch if ch.isalnum() else " " for ch in fold(query)).split() if w]
    if not words:
        return []
    mine = [m for m in state.walled if m not in state.hidden]
    hits: list[Any] = []
    for mid in mine:
        key = _my_key(session, cf, mid)
        if key is None:
            continue
        number = session.scalar(select(Matter.number).where(Matter.id == mid))
        for doc in session.scalars(select(Document).where(Document.matter_id == mid)):
            ver = session.scalar(select(DocumentVersion).where(
                DocumentVersion.document_id == doc.id).order_by(
                DocumentVersion.version.desc()).limit(1))
            if ver is None:
                continue
            tokens = cf.walled_tokens(ver.sha256, lambda v=ver, k=key, m=mid: _tokens_of(
                session, k, m, v.sha256))
            if _matches(words, tokens):
                hits.append(SearchHit("document", doc.id, mid, doc.title,
                                      f"{ver.filename} · walled", number))
                if len(hits) >= limit:
                    return hits
    return hits


def _tokens_of(session: Session, key: bytes, matter_id: str, digest: str) -> frozenset[str]:
    from casedesk.core.search import fold

    blob = session.scalar(select(Blob.data).where(Blob.sha256 == digest))
    if blob is None or not is_sealed(blob):
        return frozenset()
    try:
        _data, text = open_content(key, matter_id, digest, blob)
    except PermissionDenied:
        return frozenset()
    return frozenset("".join(ch if ch.isalnum() else " " for ch in fold(text)).split())


def _matches(words: Iterable[str], tokens: frozenset[str]) -> bool:
    words = list(words)
    *whole, last = words
    if any(w not in tokens for w in whole):
        return False
    return last in tokens or (len(last) > 1 and any(t.startswith(last) for t in tokens))


@dataclass
class WallInfo:
    mode: str | None
    listed: list[str]  # the user names the wall names
    members: list[str]  # active users who may see the matter
    keyed: list[str]  # members whose current key pair holds the matter key
    waiting: list[str]  # members still waiting for it (see regrant)


def describe(cf: CaseFile, matter_id: str) -> WallInfo:
    """The wall of a matter the user can see."""
    cf.require(Right.VIEW, "view matters")
    with cf.read() as s:
        matter = s.get(Matter, matter_id)
        if matter is None:
            raise NotFound("There is no such matter.")
        users = list(s.scalars(select(User).order_by(User.username)))
        wall = matter.wall
        if not wall:
            return WallInfo(None, [], [u.username for u in users if u.active], [], [])
        by_id = {u.id: u for u in users}
        keys = {(r.user_id, r.public) for r in s.scalars(select(MatterKey).where(
            MatterKey.matter_id == matter_id))}
        members = [u for u in users if u.active and may_see(wall, u.id)]
        keyed = [u.username for u in members if (u.id, u.box_public) in keys]
        return WallInfo(str(wall.get("mode")),
                        sorted(by_id[i].username for i in wall.get("users", []) if i in by_id),
                        [u.username for u in members], keyed,
                        [u.username for u in members if u.username not in keyed])
