"""Clients and other contacts (people and organisations)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from casedesk.core import validate as v
from casedesk.core.casefile import CaseFile
from casedesk.core.errors import ValidationError
from casedesk.core.models import Contact, ContactKind, Matter, MatterParty
from casedesk.core.permissions import Right
from casedesk.core.services.common import assign, get_or_404

FIELDS = {"name", "kind", "is_client", "emails", "phones", "addresses", "salutation", "language",
          "notes"}


def clean(values: dict[str, Any], *, partial: bool = False) -> dict[str, Any]:
    """Validate contact fields; ``partial`` for updates (only the given fields)."""
    unknown = set(values) - FIELDS
    if unknown:
        raise ValidationError(f"Unknown contact field '{sorted(unknown)[0]}'.")
    out: dict[str, Any] = {}
    if not partial or "name" in values:
        out["name"] = v.text(values.get("name"), "name", required=True, max_len=300)
    if not partial or "kind" in values:
        out["kind"] = v.choice(values.get("kind"), ContactKind, "kind", default=ContactKind.PERSON)
    if "is_client" in values:
        out["is_client"] = v.boolean(values["is_client"], "is_client")
    if "emails" in values:
        out["emails"] = v.email_list(values["emails"], "emails")
    for key in ("phones", "addresses"):
        if key in values:
            out[key] = v.string_list(values[key], key)
    for key in ("salutation", "language", "notes"):
        if key in values:
            out[key] = v.text(values[key], key, max_len=100_000 if key == "notes" else 200)
    return out


def create(cf: CaseFile, **values: Any) -> Contact:
    cf.require(Right.EDIT, "add contacts")
    data = clean(values)
    with cf.write() as s:
        contact = Contact(**data)
        s.add(contact)
    return contact


def update(cf: CaseFile, contact_id: str, **values: Any) -> Contact:
    cf.require(Right.EDIT, "edit contacts")
    data = clean(values, partial=True)
    with cf.write() as s:
        contact = get_or_404(s, Contact, contact_id, "contact")
        assign(contact, data)
    return contact


def delete(cf: CaseFile, contact_id: str) -> None:
    cf.require(Right.DELETE, "delete contacts")
    with cf.write() as s:
        contact = get_or_404(s, Contact, contact_id, "contact")
        n = s.scalar(select(func.count()).where(Matter.client_id == contact_id))
        p = s.scalar(select(func.count()).where(MatterParty.contact_id == contact_id))
        if n or p:
            raise ValidationError(
                f"{contact.name} cannot be deleted: they are the client of {n} matter(s) "
                f"and a party to {p}."
            )
        s.delete(contact)


def get(cf: CaseFile, contact_id: str) -> Contact:
    cf.require(Right.VIEW, "view contacts")
    with cf.read() as s:
        return get_or_404(s, Contact, contact_id, "contact")
