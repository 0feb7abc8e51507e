"""Models added by documents, correspondence and drafting (issue 4).

:class:`Template` is a firm's own Word template, kept inside the case file: its content lives in
the ``blobs`` table (like document content, de-duplicated by SHA-256 and encrypted by SQLCipher),
so templates sync and are backed up with everything else.
"""

from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from casedesk.core.models import Base, Synced


class Template(Synced, Base):
    """A firm template for Word drafting (the shipped ones live in ``resources/templates``)."""

    __tablename__ = "templates"
    __entity__ = "template"

    name: Mapped[str] = mapped_column(String(200), unique=True)
    filename: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(default=0)
    description: Mapped[str | None] = mapped_column(Text)
