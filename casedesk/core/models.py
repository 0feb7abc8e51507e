"""The firm's data: typed SQLAlchemy 2 ORM models.

Every table whose rows sync between devices derives from :class:`Synced`: a globally unique text
id (UUIDv7), created/updated timestamps (UTC), the id of the device that last changed the row and
a revision counter that rises with each change (used for iCalendar SEQUENCE and sync).  Those
columns are filled in by the core's flush hook (:mod:`casedesk.core.audit`), never by callers.

Records imported from interchange files keep the sender's key in ``import_key`` so importing the
same data again updates them in place.
"""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class UTCDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC datetimes out; stored as naive UTC text."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("casedesk stores only time-zone-aware datetimes")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {  # noqa: RUF012 - SQLAlchemy's declared mapping
        datetime: UTCDateTime(),
        date: Date(),
        dict[str, Any]: JSON(),
        list[str]: JSON(),
        list[int]: JSON(),
    }


class Synced:
    """Columns every synced row carries.  Filled in by the core, not by callers."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    device_id: Mapped[str] = mapped_column(String(36))
    rev: Mapped[int] = mapped_column(Integer, default=1)

    #: Columns that the audit trail does not record (they describe the row, not its content).
    AUDIT_SKIP = frozenset({"id", "created_at", "updated_at", "device_id", "rev"})


# -- enumerations (stored as their text values) ---------------------------------------------------


class Role(enum.StrEnum):
    ADMIN = "admin"
    ATTORNEY = "attorney"
    CASE_MANAGER = "case_manager"
    ASSISTANT = "assistant"
    READ_ONLY = "read_only"


class ContactKind(enum.StrEnum):
    PERSON = "person"
    ORGANISATION = "organisation"


class MatterStatus(enum.StrEnum):
    INTAKE = "intake"
    OPEN = "open"
    PENDING = "pending"
    CLOSED = "closed"
    ARCHIVED = "archived"


class PartyRole(enum.StrEnum):
    CLIENT = "client"
    OPPOSING_PARTY = "opposing_party"
    OPPOSING_COUNSEL = "opposing_counsel"
    WITNESS = "witness"
    EXPERT = "expert"
    CO_COUNSEL = "co_counsel"
    OTHER = "other"


class DocumentCategory(enum.StrEnum):
    PLEADING = "pleading"
    MOTION = "motion"
    MEMORANDUM = "memorandum"
    BRIEF = "brief"
    CORRESPONDENCE = "correspondence"
    EVIDENCE = "evidence"
    DISCOVERY = "discovery"
    CONTRACT = "contract"
    COURT_ORDER = "court_order"
    OTHER = "other"


class Direction(enum.StrEnum):
    INCOMING = "incoming"
    OUTGOING = "outgoing"
    INTERNAL = "internal"


class Channel(enum.StrEnum):
    EMAIL = "email"
    LETTER = "letter"
    PHONE = "phone"
    MEETING = "meeting"


class EventKind(enum.StrEnum):
    HEARING = "hearing"
    DEPOSITION = "deposition"
    MEETING = "meeting"
    FILING = "filing"
    OTHER = "other"


class DeadlineStatus(enum.StrEnum):
    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"


class TaskStatus(enum.StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"


DEFAULT_PRACTICE_AREAS = [
    "litigation",
    "family",
    "employment",
    "real_estate",
    "commercial",
    "criminal",
    "immigration",
    "personal_injury",
    "estates",
    "corporate",
    "other",
]


# -- local (per device, never synced) -----------------------------------------------------------


class Meta(Base):
    """Key/value facts about this replica: its device id, the firm id, schema notes."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


# -- the firm -------------------------------------------------------------------------------------


class Firm(Synced, Base):
    __tablename__ = "firm"
    name: Mapped[str] = mapped_column(String(200))
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    practice_areas: Mapped[list[str]] = mapped_column(default=lambda: list(DEFAULT_PRACTICE_AREAS))
    settings: Mapped[dict[str, Any]] = mapped_column(default=dict)


class User(Synced, Base):
    __tablename__ = "users"
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    #: The user's X25519 public key (base64): walled matters' keys are sealed to it.
    box_public: Mapped[str | None] = mapped_column(String(64))


class Contact(Synced, Base):
    """A person or organisation: a client, an opposing party, counsel, a witness…"""

    __tablename__ = "contacts"
    kind: Mapped[str] = mapped_column(String(20), default=ContactKind.PERSON.value)
    name: Mapped[str] = mapped_column(String(300))
    is_client: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    emails: Mapped[list[str]] = mapped_column(default=list)
    phones: Mapped[list[str]] = mapped_column(default=list)
    addresses: Mapped[list[str]] = mapped_column(default=list)
    salutation: Mapped[str | None] = mapped_column(String(200))
    language: Mapped[str | None] = mapped_column(String(16))
    notes: Mapped[str | None] = mapped_column(Text)
    import_key: Mapped[str | None] = mapped_column(String(200), unique=True)

    __table_args__ = (Index("ix_contacts_name", "name"),)


class Matter(Synced, Base):
    __tablename__ = "matters"
    number: Mapped[str] = mapped_column(String(50), unique=True)
    title: Mapped[str] = mapped_column(String(500))
    client_id: Mapped[str] = mapped_column(ForeignKey("contacts.id"), index=True)
    practice_area: Mapped[str] = mapped_column(String(50), default="other")
    status: Mapped[str] = mapped_column(String(20), default=MatterStatus.OPEN.value, index=True)
    intake_on: Mapped[date | None]
    opened_on: Mapped[date | None]
    pending_on: Mapped[date | None]
    closed_on: Mapped[date | None]
    archived_on: Mapped[date | None]
    court: Mapped[str | None] = mapped_column(String(300))
    case_number: Mapped[str | None] = mapped_column(String(100))
    judge: Mapped[str | None] = mapped_column(String(200))
    responsible_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"), index=True)
    case_manager_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"), index=True)
    description: Mapped[str | None] = mapped_column(Text)
    import_key: Mapped[str | None] = mapped_column(String(200), unique=True)
    #: An ethical wall: ``{"mode": "restrict" | "exclude", "users": [user ids]}``, or None.
    wall: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))

    client: Mapped[Contact] = relationship(lazy="joined", innerjoin=True)
    responsible: Mapped[User | None] = relationship(foreign_keys=[responsible_id])
    case_manager: Mapped[User | None] = relationship(foreign_keys=[case_manager_id])
    parties: Mapped[list[MatterParty]] = relationship(
        back_populates="matter", cascade="all, delete-orphan"
    )


class MatterParty(Synced, Base):
    __tablename__ = "matter_parties"
    matter_id: Mapped[str] = mapped_column(ForeignKey("matters.id"), index=True)
    contact_id: Mapped[str] = mapped_column(ForeignKey("contacts.id"), index=True)
    role: Mapped[str] = mapped_column(String(30))
    notes: Mapped[str | None] = mapped_column(Text)

    matter: Mapped[Matter] = relationship(back_populates="parties")
    contact: Mapped[Contact] = relationship(lazy="joined", innerjoin=True)

    __table_args__ = (UniqueConstraint("matter_id", "contact_id", "role"),)


class MatterKey(Synced, Base):
    """A walled matter's key, sealed to one allowed user's public key (see
    :mod:`casedesk.core.walls`)."""

    __tablename__ = "matter_keys"
    matter_id: Mapped[str] = mapped_column(ForeignKey("matters.id"), index=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    #: The public key it is sealed to (base64) and the sealed key (base64).
    public: Mapped[str] = mapped_column(String(64))
    sealed: Mapped[str] = mapped_column(Text)
    #: Which generation of the matter's key (a new one after anyone leaves the wall).
    generation: Mapped[int] = mapped_column(Integer, default=1)


class Blob(Base):
    """Document content, de-duplicated by SHA-256, encrypted at rest by SQLCipher."""

    __tablename__ = "blobs"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class Document(Synced, Base):
    __tablename__ = "documents"
    matter_id: Mapped[str] = mapped_column(ForeignKey("matters.id"), index=True)
    title: Mapped[str] = mapped_column(String(500))
    category: Mapped[str] = mapped_column(String(30), default=DocumentCategory.OTHER.value)
    doc_date: Mapped[date | None]
    author: Mapped[str | None] = mapped_column(String(200))
    tags: Mapped[list[str]] = mapped_column(default=list)
    import_key: Mapped[str | None] = mapped_column(String(200), unique=True)

    versions: Mapped[list[DocumentVersion]] = relationship(
        back_populates="document",
        cascade="all, delete-orphan",
        order_by="DocumentVersion.version",
    )


class DocumentVersion(Synced, Base):
    __tablename__ = "document_versions"
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    filename: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(Integer)
    mime: Mapped[str] = mapped_column(String(200), default="application/octet-stream")
    added_by: Mapped[str | None] = mapped_column(String(64))
    note: Mapped[str | None] = mapped_column(Text)

    document: Mapped[Document] = relationship(back_populates="versions")

    __table_args__ = (UniqueConstraint("document_id", "version"),)


class Correspondence(Synced, Base):
    __tablename__ = "correspondence"
    matter_id: Mapped[str] = mapped_column(ForeignKey("matters.id"), index=True)
    direction: Mapped[str] = mapped_column(String(20))
    channel: Mapped[str] = mapped_column(String(20))
    occurred_at: Mapped[datetime]
    counterpart: Mapped[str | None] = mapped_column(String(300))
    contact_id: Mapped[str | None] = mapped_column(ForeignKey("contacts.id"))
    subject: Mapped[str] = mapped_column(String(500), default="")
    body: Mapped[str | None] = mapped_column(Text)

    links: Mapped[list[CorrespondenceDocument]] = relationship(cascade="all, delete-orphan")


class CorrespondenceDocument(Synced, Base):
    __tablename__ = "correspondence_documents"
    correspondence_id: Mapped[str] = mapped_column(ForeignKey("correspondence.id"), index=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), index=True)

    __table_args__ = (UniqueConstraint("correspondence_id", "document_id"),)


class Event(Synced, Base):
    """A hearing, deposition, meeting, filing… Times are stored in UTC with their IANA zone."""

    __tablename__ = "events"
    matter_id: Mapped[str | None] = mapped_column(ForeignKey("matters.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20), default=EventKind.OTHER.value)
    title: Mapped[str] = mapped_column(String(500))
    starts_at: Mapped[datetime] = mapped_column(index=True)
    ends_at: Mapped[datetime | None]
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    all_day: Mapped[bool] = mapped_column(Boolean, default=False)
    location: Mapped[str | None] = mapped_column(String(300))
    notes: Mapped[str | None] = mapped_column(Text)
    import_key: Mapped[str | None] = mapped_column(String(200), unique=True)

    attendees: Mapped[list[EventAttendee]] = relationship(cascade="all, delete-orphan")


class EventAttendee(Synced, Base):
    __tablename__ = "event_attendees"
    event_id: Mapped[str] = mapped_column(ForeignKey("events.id"), index=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)

    user: Mapped[User] = relationship(lazy="joined", innerjoin=True)

    __table_args__ = (UniqueConstraint("event_id", "user_id"),)


class Deadline(Synced, Base):
    __tablename__ = "deadlines"
    matter_id: Mapped[str | None] = mapped_column(ForeignKey("matters.id"), index=True)
    title: Mapped[str] = mapped_column(String(500))
    due: Mapped[date] = mapped_column(index=True)
    rule: Mapped[str | None] = mapped_column(String(300))  # citation, e.g. "FRCP 12(a)(1)(A)(i)"
    rule_set: Mapped[str | None] = mapped_column(String(100))
    rule_key: Mapped[str | None] = mapped_column(String(100))
    trigger: Mapped[str | None] = mapped_column(String(100))
    trigger_date: Mapped[date | None]
    computed_due: Mapped[date | None]  # what the rule gave; differs from `due` after a hand edit
    explanation: Mapped[str | None] = mapped_column(Text)
    reminders_days: Mapped[list[int]] = mapped_column(default=lambda: [7, 1])
    status: Mapped[str] = mapped_column(String(20), default=DeadlineStatus.OPEN.value, index=True)
    completed_at: Mapped[datetime | None]
    completed_by: Mapped[str | None] = mapped_column(String(64))
    assignee_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"), index=True)
    notes: Mapped[str | None] = mapped_column(Text)
    import_key: Mapped[str | None] = mapped_column(String(200), unique=True)


class Task(Synced, Base):
    __tablename__ = "tasks"
    matter_id: Mapped[str | None] = mapped_column(ForeignKey("matters.id"), index=True)
    title: Mapped[str] = mapped_column(String(500))
    description: Mapped[str | None] = mapped_column(Text)
    assignee_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"), index=True)
    due: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(20), default=TaskStatus.OPEN.value)
    completed_at: Mapped[datetime | None]


class Note(Synced, Base):
    __tablename__ = "notes"
    matter_id: Mapped[str | None] = mapped_column(ForeignKey("matters.id"), index=True)
    contact_id: Mapped[str | None] = mapped_column(ForeignKey("contacts.id"), index=True)
    author: Mapped[str] = mapped_column(String(64))
    body: Mapped[str] = mapped_column(Text)


class AuditEntry(Base):
    """One field of one change.  Append-only (triggers refuse UPDATE/DELETE), hash-chained per
    originating device: ``hash = SHA-256(prev_hash ‖ canonical JSON of the row)``."""

    __tablename__ = "audit"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    device_id: Mapped[str] = mapped_column(String(36))
    seq: Mapped[int] = mapped_column(Integer)
    ts: Mapped[str] = mapped_column(String(32))  # ISO-8601 UTC with microseconds
    user: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(36))
    op: Mapped[str] = mapped_column(String(10))  # insert | update | delete | access | note
    field: Mapped[str | None] = mapped_column(String(64))
    old: Mapped[str | None] = mapped_column(Text)
    new: Mapped[str | None] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))

    __table_args__ = (
        UniqueConstraint("device_id", "seq"),
        Index("ix_audit_entity", "entity", "entity_id"),
        Index("ix_audit_ts", "ts"),
    )


#: Entity names used in the audit trail and the interchange format.
ENTITY_NAMES: dict[type[Base], str] = {
    Firm: "firm",
    User: "user",
    Contact: "contact",
    Matter: "matter",
    MatterParty: "party",
    MatterKey: "matter_key",
    Document: "document",
    DocumentVersion: "document_version",
    Correspondence: "correspondence",
    CorrespondenceDocument: "correspondence_document",
    Event: "event",
    EventAttendee: "attendee",
    Deadline: "deadline",
    Task: "task",
    Note: "note",
}


def entity_name(cls: type) -> str:
    """The audit/interchange name of a synced model: ``__entity__`` on the class, else the table
    above.  Modules that add models (documents, calendar rules, intake) set ``__entity__``."""
    name = cls.__dict__.get("__entity__") or ENTITY_NAMES.get(cls)  # type: ignore[call-overload]
    if name is None:
        raise KeyError(f"{cls.__name__} has no entity name (set __entity__ on the model)")
    return str(name)
