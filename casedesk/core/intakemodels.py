"""Models for client intake (issue 6): intake drafts and conflict-of-interest checks.

Both are synced records.  An :class:`IntakeDraft` is one row updated in place while the case
manager answers the questionnaire; its answers live in one JSON column so that resuming a draft
is one read.  Answer saves are written with a plain UPDATE plus one compact audit row (see
:func:`casedesk.core.intake.save_answers`) instead of an audited ORM flush, so the audit trail
records *that* and *which* answers changed without copying the whole answers document twice per
keystroke pause.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from casedesk.core.models import Base, Synced


class IntakeDraft(Synced, Base):
    """One prospective client's intake, from the first answer to acceptance or decline."""

    __tablename__ = "intake_drafts"
    __entity__ = "intake_draft"

    practice_area: Mapped[str] = mapped_column(String(50))
    questionnaire_id: Mapped[str] = mapped_column(String(100))
    questionnaire_version: Mapped[int] = mapped_column(Integer, default=1)
    #: A display label kept in step with the answers (the prospective client's name).
    label: Mapped[str] = mapped_column(String(300), default="")
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    current_step: Mapped[str | None] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    created_by: Mapped[str] = mapped_column(String(64))
    updated_by: Mapped[str] = mapped_column(String(64))
    #: Files the client brought: ``[{"id", "filename", "sha256", "size"}]`` (content in blobs).
    attachments: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    conflict_check_id: Mapped[str | None] = mapped_column(String(36))
    decision: Mapped[str | None] = mapped_column(String(20))
    decision_reason: Mapped[str | None] = mapped_column(Text)
    decided_by: Mapped[str | None] = mapped_column(String(64))
    decided_at: Mapped[datetime | None]
    client_id: Mapped[str | None] = mapped_column(ForeignKey("contacts.id"))
    matter_id: Mapped[str | None] = mapped_column(ForeignKey("matters.id"), index=True)


class ConflictCheck(Synced, Base):
    """One conflict-of-interest check: the names checked, what was found, and the decision."""

    __tablename__ = "conflict_checks"
    __entity__ = "conflict_check"

    #: ``intake`` (a prospective client) or ``party`` (a party added to / changed on a matter).
    subject: Mapped[str] = mapped_column(String(20), default="intake")
    intake_id: Mapped[str | None] = mapped_column(ForeignKey("intake_drafts.id"), index=True)
    matter_id: Mapped[str | None] = mapped_column(ForeignKey("matters.id"), index=True)
    #: ``[{"name", "role", "kind"}]`` as checked.
    names: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    hits: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    checked_by: Mapped[str] = mapped_column(String(64))
    checked_at: Mapped[datetime]
    #: ``cleared`` | ``waived`` | ``declined``; empty while undecided.
    decision: Mapped[str | None] = mapped_column(String(20), index=True)
    reason: Mapped[str | None] = mapped_column(Text)
    consented_by: Mapped[str | None] = mapped_column(Text)
    decided_by: Mapped[str | None] = mapped_column(String(64))
    decided_at: Mapped[datetime | None]
