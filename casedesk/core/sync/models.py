"""Sync's local bookkeeping (per replica, never synced themselves).

* :class:`SyncDevice` – per device: the sequence number and file hash of the newest changeset
  applied from it (for this device itself: the newest one pushed, and the audit seq it covers).
* :class:`SyncQuarantine` – share files that were skipped (damaged, foreign, tampered, newer
  format); they are retried on every sync and never applied until they read correctly.
* :class:`SyncConflict` – two values of one field written concurrently on two devices (or an
  edit that raced a delete, or a record that could not be placed).  Both values are kept until a
  user resolves it.  Conflicts are derived deterministically from the replicated audit trail, so
  every device finds the same ones with the same ids; a resolution travels as an audit row.
* :class:`SyncPending` – records whose changes arrived but which cannot be placed yet (their
  parent record has not arrived, or their content blob is not on the share yet); retried.

Which operations were applied is not kept in a table of its own: an operation's id is the id of
its audit row, and a remote audit row is inserted in the same transaction that applies it.
"""

from __future__ import annotations

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from casedesk.core.models import Base


class SyncDevice(Base):
    __tablename__ = "sync_devices"
    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    last_seq: Mapped[int] = mapped_column(Integer, default=0)
    last_hash: Mapped[str] = mapped_column(String(64), default="")
    audit_seq: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[str | None] = mapped_column(String(40))


class SyncQuarantine(Base):
    __tablename__ = "sync_quarantine"
    name: Mapped[str] = mapped_column(String(300), primary_key=True)
    device_id: Mapped[str | None] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(Text)
    first_seen: Mapped[str] = mapped_column(String(40))
    last_tried: Mapped[str] = mapped_column(String(40))
    attempts: Mapped[int] = mapped_column(Integer, default=1)


class SyncConflict(Base):
    __tablename__ = "sync_conflicts"
    __entity__ = "sync_conflict"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # field | delete | unplaced
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(36))
    field: Mapped[str | None] = mapped_column(String(64))
    winner_op: Mapped[str | None] = mapped_column(String(36))
    winner_value: Mapped[str | None] = mapped_column(Text)
    winner_user: Mapped[str | None] = mapped_column(String(64))
    winner_device: Mapped[str | None] = mapped_column(String(36))
    winner_ts: Mapped[str | None] = mapped_column(String(40))
    loser_op: Mapped[str | None] = mapped_column(String(36))
    loser_value: Mapped[str | None] = mapped_column(Text)
    loser_user: Mapped[str | None] = mapped_column(String(64))
    loser_device: Mapped[str | None] = mapped_column(String(36))
    loser_ts: Mapped[str | None] = mapped_column(String(40))
    detected_at: Mapped[str] = mapped_column(String(40))
    resolved_at: Mapped[str | None] = mapped_column(String(40))
    resolved_by: Mapped[str | None] = mapped_column(String(64))
    resolution: Mapped[str | None] = mapped_column(Text)


class SyncPending(Base):
    __tablename__ = "sync_pending"
    entity: Mapped[str] = mapped_column(String(40), primary_key=True)
    entity_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    reason: Mapped[str] = mapped_column(Text)
