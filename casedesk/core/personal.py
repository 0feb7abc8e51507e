"""Personal values in the audit trail, encrypted under per-person keys ("crypto-shredding").

The audit trail is append-only and hash-chained, so an erased person's name cannot be taken out
of it.  Instead the personal fields of the records that belong to a *data subject* (a contact, or
the prospective client of an intake) are kept in audit rows encrypted under a random key of that
subject (table ``personal_keys``)::

    "enc1:" <subject id> ":" base64(AES-256-GCM(key, value, aad = entity|entity id|field))

The hash chain covers the ciphertext, so destroying the key later (see
:mod:`casedesk.core.erasure`) leaves every chain verifiable while the values become unreadable:
readers (history, the audit viewer, sync's rebuild of records) show :data:`ERASED` for them.

Which fields are personal, and whose they are, is :data:`SPEC`: a contact's own details, an
intake's answers, the names in its conflict checks, a party's notes, and a matter's title,
description and the text of its documents, correspondence, notes, tasks, events and deadlines
(the subject of those is the matter's client).  Other values are written as they are.

Values written before this module existed stay as they were written (in the clear).
"""

from __future__ import annotations

import base64
import binascii
import json
import os
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import Boolean, LargeBinary, String, text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Mapped, Session, mapped_column

from casedesk.core import crypto
from casedesk.core.models import Base
from casedesk.core.storage import db

PREFIX = "enc1:"
#: What a reader shows for a value whose key was destroyed.
ERASED = "[erased]"
KEY_BYTES = 32


class PersonalKey(Base):
    """A data subject's key (local table; reaches other devices through the share)."""

    __tablename__ = "personal_keys"
    subject_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    key: Mapped[bytes] = mapped_column(LargeBinary, primary_key=True)
    #: Whether this device has put it on a sync share yet.
    published: Mapped[bool] = mapped_column(Boolean, default=False)


class ErasedSubject(Base):
    """Subjects erased here or on another device: their keys are never taken in again."""

    __tablename__ = "erased_subjects"
    subject_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    erased_at: Mapped[str] = mapped_column(String(32))


# -- whose data is it ----------------------------------------------------------------------------

Resolver = Callable[["Keyring", str, dict[str, Any]], "str | None"]


def _self(_k: Keyring, entity_id: str, _v: dict[str, Any]) -> str | None:
    return entity_id


def _column(table: str, column: str, then: Resolver | None = None,
            key: str | None = None) -> Resolver:
    """The subject named by ``column`` of the record (from its values, else from ``table``),
    optionally followed by another resolver on the id found there."""

    def resolve(k: Keyring, entity_id: str, values: dict[str, Any]) -> str | None:
        found = values.get(column) if column in values else k.lookup(table, column, entity_id)
        if not found:
            return None
        return then(k, found, {}) if then else found

    resolve.__name__ = key or f"{table}.{column}"
    return resolve


_matter_client = _column("matters", "client_id")


def _note(k: Keyring, entity_id: str, values: dict[str, Any]) -> str | None:
    contact = values.get("contact_id") if "contact_id" in values else k.lookup(
        "notes", "contact_id", entity_id)
    if contact:
        return str(contact)
    return _column("notes", "matter_id", _matter_client)(k, entity_id, values)


#: entity → (personal fields, how to find the record's subject).
SPEC: dict[str, tuple[frozenset[str], Resolver]] = {
    "contact": (frozenset({"name", "emails", "phones", "addresses", "salutation", "notes",
                           "import_key"}), _self),
    "intake_draft": (frozenset({"label", "answers", "attachments", "decision_reason"}), _self),
    "conflict_check": (frozenset({"names", "hits", "reason", "consented_by"}),
                       _column("conflict_checks", "intake_id")),
    "party": (frozenset({"notes"}), _column("matter_parties", "contact_id")),
    "matter": (frozenset({"title", "description"}), _column("matters", "client_id")),
    "document": (frozenset({"title", "author", "tags"}),
                 _column("documents", "matter_id", _matter_client)),
    "document_version": (frozenset({"filename", "note"}), _column(
        "document_versions", "document_id", _column("documents", "matter_id", _matter_client))),
    "correspondence": (frozenset({"counterpart", "subject", "body"}),
                       _column("correspondence", "matter_id", _matter_client)),
    "note": (frozenset({"body"}), _note),
    "task": (frozenset({"title", "description"}), _column("tasks", "matter_id", _matter_client)),
    "event": (frozenset({"title", "location", "notes"}),
              _column("events", "matter_id", _matter_client)),
    "deadline": (frozenset({"title", "notes"}),  # not "explanation": the rule arithmetic
                 _column("deadlines", "matter_id", _matter_client)),
}
#: Audit operations whose values are sealed ("note": free-text events about the record).
SEALED_OPS = frozenset({"insert", "update", "delete", "note"})


def _aad(entity: str, entity_id: str, field: str) -> bytes:
    return f"{entity}|{entity_id}|{field}".encode()


class Keyring:
    """The subject keys of one connection, loaded once per subject, created when missing."""

    def __init__(self, conn: Connection | Session) -> None:
        self.conn = conn
        self.keys: dict[str, list[bytes]] = {}
        self._lookups: dict[tuple[str, str, str], Any] = {}
        self._erased: dict[str, bool] = {}
        self._cursor: Any = None

    # -- reading ---------------------------------------------------------------------------
    def lookup(self, table: str, column: str, ident: str) -> Any:
        k = (table, column, ident)
        if k not in self._lookups:  # the DB-API cursor: a recomputation asks thousands of times
            if self._cursor is None:
                conn = self.conn.connection() if isinstance(self.conn, Session) else self.conn
                self._cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
            found = self._cursor.execute(f'SELECT "{column}" FROM "{table}" WHERE id = ?',
                                         (ident,)).fetchone()
            self._lookups[k] = found[0] if found else None
        return self._lookups[k]

    def load(self, *groups: Iterable[str]) -> None:
        wanted = sorted({s for subjects in groups for s in subjects if s not in self.keys})
        for s in wanted:
            self.keys[s] = []
        for i in range(0, len(wanted), 500):
            chunk = wanted[i:i + 500]
            marks = ", ".join(f":s{n}" for n in range(len(chunk)))
            for subject, key in self.conn.execute(
                    text(f"SELECT subject_id, key FROM personal_keys WHERE subject_id IN "
                         f"({marks}) ORDER BY rowid"),
                    {f"s{n}": s for n, s in enumerate(chunk)}):
                self.keys[subject].append(bytes(key))

    def keys_of(self, subject: str) -> list[bytes]:
        if subject not in self.keys:
            self.load([subject])
        return self.keys[subject]

    def is_erased(self, subject: str) -> bool:
        if subject not in self._erased:
            self._erased[subject] = self.conn.execute(
                text("SELECT 1 FROM erased_subjects WHERE subject_id = :s"),
                {"s": subject}).first() is not None
        return self._erased[subject]

    # -- writing ---------------------------------------------------------------------------
    def key_for(self, subject: str) -> bytes | None:
        """The subject's key, created now if it has none (None: the subject was erased, and
        what is written about it from now on stays readable)."""
        found = self.keys_of(subject)
        if found:
            return found[-1]
        if self.is_erased(subject):
            return None
        self.create([subject])
        return self.keys[subject][-1]

    def create(self, subjects: list[str]) -> None:
        """New keys for subjects that have none (one executemany: imports create thousands)."""
        rows = []
        for s in subjects:
            key = os.urandom(KEY_BYTES)
            self.keys.setdefault(s, []).append(key)
            rows.append({"s": s, "k": key})
        if rows:
            self.conn.execute(text("INSERT INTO personal_keys (subject_id, key, published) "
                                   "VALUES (:s, :k, 0)"), rows)

    # -- values ----------------------------------------------------------------------------
    def seal(self, subject: str, entity: str, entity_id: str, field: str,
             value: str | None) -> str | None:
        if value is None or value.startswith(PREFIX):
            return value
        key = self.key_for(subject)
        if key is None:
            return value
        box = crypto.encrypt(key, value.encode("utf-8"), _aad(entity, entity_id, field))
        return f"{PREFIX}{subject}:{base64.b64encode(box).decode('ascii')}"

    def open(self, entity: str, entity_id: str, field: str, value: Any) -> Any:
        """The plain value of an audit value (as it is when not sealed; :data:`ERASED` when
        its key is gone or it does not authenticate)."""
        if not isinstance(value, str) or not value.startswith(PREFIX):
            return value
        subject, _, body = value[len(PREFIX):].partition(":")
        try:
            box = base64.b64decode(body, validate=True)
        except (binascii.Error, ValueError):
            return ERASED
        aad = _aad(entity, entity_id, field)
        for key in reversed(self.keys_of(subject)):
            plain = crypto.decrypt(key, box, aad)
            if plain is not None:
                return plain.decode("utf-8")
        return ERASED


def subject_of(ring: Keyring, entity: str, entity_id: str, values: dict[str, Any]) -> str | None:
    spec = SPEC.get(entity)
    return spec[1](ring, entity_id, values) if spec else None


_ENCODE = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode


def seal_record(ring: Keyring, entity: str, entity_id: str, record: str | None,
                subject: str | None = None) -> str | None:
    """A whole-record audit value (JSON of audit texts) with its personal fields sealed."""
    spec = SPEC.get(entity)
    if spec is None or record is None:
        return record
    values = json.loads(record)
    fields = spec[0].intersection(values)
    if not fields:
        return record
    subject = subject or spec[1](ring, entity_id, values)
    if subject is None:
        return record
    for name in fields:
        values[name] = ring.seal(subject, entity, entity_id, name, values[name])
    return _ENCODE(values)


def open_record(ring: Keyring, entity: str, entity_id: str, record: str | None) -> str | None:
    """Inverse of :func:`seal_record` (sealed values whose key is gone read :data:`ERASED`)."""
    if record is None or PREFIX not in record:
        return record
    try:
        values = json.loads(record)
    except ValueError:
        return record
    if not isinstance(values, dict):
        return record
    return _ENCODE({k: ring.open(entity, entity_id, k, v) for k, v in values.items()})


def subjects_in(values: Iterable[Any]) -> set[str]:
    """The subjects whose keys sealed these audit values (whole-record JSON included)."""
    out: set[str] = set()
    for value in values:
        if isinstance(value, str) and PREFIX in value:
            start = value.find(PREFIX)
            while start != -1:
                begin = start + len(PREFIX)
                end = value.find(":", begin)
                if end == -1:
                    break
                out.add(value[begin:end])
                start = value.find(PREFIX, end)
    return out


def seal_rows(conn: Connection | Session, rows: list[dict[str, Any]]) -> None:
    """Seal the personal values of audit rows about to be appended (in place).  A row marked
    ``plain_new`` keeps its new value in the clear (an erasure's placeholders)."""
    ring: Keyring | None = None
    for row in rows:
        plain_new = row.pop("plain_new", False)
        entity = row["entity"]
        spec = SPEC.get(entity)
        if spec is None or row["op"] not in SEALED_OPS:
            continue
        ring = ring or Keyring(conn)
        eid, name = row["entity_id"], row["field"]
        if name == "*":
            row["old"] = seal_record(ring, entity, eid, row["old"])
            if not plain_new:
                row["new"] = seal_record(ring, entity, eid, row["new"])
            continue
        note = row["op"] == "note"
        if not note and name not in spec[0]:
            continue
        subject = spec[1](ring, eid, {})
        if subject is None:
            continue
        label = name or "note" if note else name
        row["old"] = ring.seal(subject, entity, eid, label, row["old"])
        if not plain_new:
            row["new"] = ring.seal(subject, entity, eid, label, row["new"])


def seal_bulk(conn: Connection | Session, entity: str, entity_ids: list[str],
              records: list[str | None]) -> list[str | None]:
    """:func:`seal_record` for the records of a bulk insert; the keys of new subjects that are
    the records themselves (contacts, intakes) are created in one statement."""
    spec = SPEC.get(entity)
    if spec is None:
        return records
    if spec[1] is _self:
        return _seal_new_subjects(conn, entity, spec[0], entity_ids, records)
    ring = Keyring(conn)
    return [seal_record(ring, entity, eid, rec) for eid, rec in
            zip(entity_ids, records, strict=True)]


def _seal_new_subjects(conn: Connection | Session, entity: str, personal: frozenset[str],
                       entity_ids: list[str], records: list[str | None]) -> list[str | None]:
    """The hot path of a large import: every record is a new subject (a contact) with a new
    key; one random read for all keys and nonces, one cipher per record, one executemany.
    Produces exactly what :func:`seal_record` would."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    n = len(entity_ids)
    keys = os.urandom(KEY_BYTES * n)
    out: list[str | None] = []
    key_rows = []
    b64 = base64.b64encode
    nb = crypto.NONCE_BYTES
    for i, (eid, record) in enumerate(zip(entity_ids, records, strict=True)):
        key = keys[KEY_BYTES * i:KEY_BYTES * (i + 1)]
        key_rows.append((eid, key))
        if record is None:
            out.append(record)
            continue
        values = json.loads(record)
        fields = [f for f in personal if f in values and values[f] is not None]
        if not fields:
            out.append(record)
            continue
        cipher = AESGCM(key)
        nonces = os.urandom(nb * len(fields))
        for j, name in enumerate(fields):
            value = values[name]
            if value.startswith(PREFIX):
                continue
            nonce = nonces[nb * j:nb * (j + 1)]
            box = nonce + cipher.encrypt(nonce, value.encode("utf-8"), _aad(entity, eid, name))
            values[name] = f"{PREFIX}{eid}:{b64(box).decode('ascii')}"
        out.append(_ENCODE(values))
    db.executemany(conn, "INSERT INTO personal_keys (subject_id, key, published) "
                   "VALUES (?, ?, 0)", key_rows)
    return out


def open_row(ring: Keyring, entity: str, entity_id: str, field: str | None, op: str,
             old: str | None, new: str | None) -> tuple[str | None, str | None]:
    """(old, new) of an audit row as plain texts."""
    if entity not in SPEC:
        return old, new
    if field == "*":
        return (open_record(ring, entity, entity_id, old),
                open_record(ring, entity, entity_id, new))
    label = field or "note" if op == "note" else field or ""
    return ring.open(entity, entity_id, label, old), ring.open(entity, entity_id, label, new)
