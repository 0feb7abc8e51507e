"""Models added by the court calendar (issue 5).

Synced (they travel with the firm's data and every change is audited):

* :class:`DeadlineTrigger` – a rule set applied to a matter: "complaint served on 2026-12-03,
  by mail, under us-federal-civil version 2024.12".  Its deadlines are the ``deadlines`` rows of
  the same matter with the same ``rule_set`` and ``trigger`` (``rule_key`` names the rule,
  ``trigger_date`` repeats the date they were computed from).  A matter has at most one trigger
  of a given name per rule set; applying it again with another date moves it.
* :class:`DeadlineFlag` – a deadline the rules would move but that a user edited by hand
  (``due != computed_due``), or that the user left out of a reviewed recalculation: it stays
  where it is and is listed for review with the date the rules now give.
* :class:`FirmRuleSet` – the firm's own court-rule set (TOML text), kept in the case file.
* :class:`FeedToken` – the unguessable token of a user's read-only calendar feed URL.

Local to this replica (never synced, not audited):

* :class:`ReminderDismissal` – "I have seen this reminder today" per user (a display
  preference of this computer: dismissing a reminder here does not hide it on another device).
* :class:`IcsCacheEntry` – each calendar item's serialized VEVENT bytes, so a repeated export or
  feed refresh in a new process only serializes what changed.  It lives inside the encrypted
  case file: nothing of a client's reaches the disk in plain text.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from casedesk.core.models import Base, Synced


class DeadlineTrigger(Synced, Base):
    """A triggering event of a matter to which a rule set was applied."""

    __tablename__ = "deadline_triggers"
    __entity__ = "deadline_trigger"

    matter_id: Mapped[str] = mapped_column(ForeignKey("matters.id"), index=True)
    rule_set: Mapped[str] = mapped_column(String(100))
    rule_set_version: Mapped[str] = mapped_column(String(40))
    trigger: Mapped[str] = mapped_column(String(100))
    trigger_date: Mapped[date]
    service: Mapped[str] = mapped_column(String(20), default="electronic")

    __table_args__ = (UniqueConstraint("matter_id", "rule_set", "trigger"),)


class DeadlineFlag(Synced, Base):
    """A deadline that needs a person's review: the rules now give ``proposed_due``."""

    __tablename__ = "deadline_flags"
    __entity__ = "deadline_flag"

    deadline_id: Mapped[str] = mapped_column(ForeignKey("deadlines.id"), unique=True)
    proposed_due: Mapped[date | None]
    reason: Mapped[str] = mapped_column(Text)


class FirmRuleSet(Synced, Base):
    """A court-rule set of the firm's own (same TOML format as ``resources/rules``)."""

    __tablename__ = "firm_rule_sets"
    __entity__ = "firm_rule_set"

    rule_set_id: Mapped[str] = mapped_column(String(100), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    version: Mapped[str] = mapped_column(String(40))
    effective: Mapped[date]
    jurisdiction: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)


class FeedToken(Synced, Base):
    """The secret part of a user's calendar feed URL (``/feed/<token>.ics``)."""

    __tablename__ = "feed_tokens"
    __entity__ = "feed_token"

    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), unique=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)


class ReminderDismissal(Base):
    """Local: ``username`` dismissed the reminder ``lead_days`` of a deadline on ``day``."""

    __tablename__ = "reminder_dismissals"

    username: Mapped[str] = mapped_column(String(64), primary_key=True)
    deadline_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    lead_days: Mapped[int] = mapped_column(Integer, primary_key=True)
    day: Mapped[date] = mapped_column(primary_key=True)


class IcsCacheEntry(Base):
    """Local: one calendar item's VEVENT bytes, valid for (``sequence``, ``fingerprint``)."""

    __tablename__ = "ics_cache"

    uid: Mapped[str] = mapped_column(String(200), primary_key=True)
    sequence: Mapped[int] = mapped_column(Integer)
    fingerprint: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary)
