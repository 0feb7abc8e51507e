"""Helpers shared by the services."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from casedesk.core.errors import NotFound, ValidationError
from casedesk.core.models import Base, User

T = TypeVar("T", bound=Base)


def get_or_404(session: Session, model: type[T], ident: str, what: str) -> T:
    obj = session.get(model, ident)
    if obj is None:
        raise NotFound(f"There is no {what} with id {ident}.")
    return obj


def user_id_for(session: Session, username: str | None, field: str) -> str | None:
    if username is None or username == "":
        return None
    uid = session.scalar(select(User.id).where(User.username == username.strip().lower()))
    if uid is None:
        raise ValidationError(f"There is no user named '{username}' ({field}).", field=field)
    return uid


def assign(obj: Any, values: dict[str, Any]) -> bool:
    """Set attributes that differ; returns whether anything changed (unchanged → no audit)."""
    changed = False
    for key, value in values.items():
        if getattr(obj, key) != value:
            setattr(obj, key, value)
            changed = True
    return changed
