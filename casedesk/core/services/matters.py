"""Matters (cases): numbering, the status life cycle, and their parties."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from sqlalchemy import select

from casedesk.core import validate as v
from casedesk.core.casefile import CaseFile
from casedesk.core.errors import ValidationError
from casedesk.core.models import Contact, Firm, Matter, MatterParty, MatterStatus, PartyRole
from casedesk.core.permissions import Right
from casedesk.core.services.common import assign, get_or_404, user_id_for
from casedesk.core.walls import INCLUDE_WALLED

#: The life cycle intake → open → pending → closed → archived, with the steps back a firm needs
#: (a pending matter resumes; a closed matter is re-opened).
TRANSITIONS: dict[str, frozenset[str]] = {
    "intake": frozenset({"open", "closed"}),
    "open": frozenset({"pending", "closed"}),
    "pending": frozenset({"open", "closed"}),
    "closed": frozenset({"open", "archived"}),
    "archived": frozenset({"closed"}),
}
LIFE_CYCLE = ("intake", "open", "pending", "closed", "archived")


def next_statuses(status: str) -> tuple[str, ...]:
    """The statuses a matter may move to next, in life-cycle order."""
    allowed = TRANSITIONS.get(status, frozenset())
    return tuple(s for s in LIFE_CYCLE if s in allowed)


STATUS_DATE = {
    "intake": "intake_on", "open": "opened_on", "pending": "pending_on",
    "closed": "closed_on", "archived": "archived_on",
}
#: Numbers are unique firm-wide, walled matters included (see :mod:`casedesk.core.walls`).
ALL_MATTERS = {INCLUDE_WALLED: True}
FIELDS = {"title", "number", "client_id", "practice_area", "court", "case_number", "judge",
          "responsible", "case_manager", "description", "status"}


def next_number(session: Any, today: date | None = None) -> str:
    """The next free number of the form YYYY-NNNN for this year."""
    year = (today or date.today()).year
    numbers = session.scalars(select(Matter.number).where(Matter.number.like(f"{year}-%")),
                              execution_options=ALL_MATTERS)
    highest = 0
    for n in numbers:
        m = re.fullmatch(rf"{year}-(\d+)", n)
        if m:
            highest = max(highest, int(m.group(1)))
    return f"{year}-{highest + 1:04d}"


def _clean(s: Any, values: dict[str, Any], *, partial: bool) -> dict[str, Any]:
    unknown = set(values) - FIELDS
    if unknown:
        raise ValidationError(f"Unknown matter field '{sorted(unknown)[0]}'.")
    out: dict[str, Any] = {}
    if not partial or "title" in values:
        out["title"] = v.text(values.get("title"), "title", required=True, max_len=500)
    if values.get("number"):
        out["number"] = v.text(values["number"], "number", required=True, max_len=50)
    if not partial or "client_id" in values:
        cid = v.text(values.get("client_id"), "client", required=True)
        if s.get(Contact, cid) is None:
            raise ValidationError("The chosen client does not exist.", field="client")
        out["client_id"] = cid
    if not partial or "practice_area" in values:
        area = v.text(values.get("practice_area"), "practice_area") or "other"
        areas = s.scalar(select(Firm.practice_areas)) or []
        if area not in areas:
            raise ValidationError(
                f"'{area}' is not one of the firm's practice areas ({', '.join(areas)}).",
                field="practice_area",
            )
        out["practice_area"] = area
    for key in ("court", "case_number", "judge"):
        if key in values:
            out[key] = v.text(values[key], key, max_len=300)
    if "description" in values:
        out["description"] = v.text(values["description"], "description", max_len=100_000)
    if "responsible" in values:
        out["responsible_id"] = user_id_for(s, values["responsible"], "responsible")
    if "case_manager" in values:
        out["case_manager_id"] = user_id_for(s, values["case_manager"], "case_manager")
    return out


def create(cf: CaseFile, *, status: str = "open", **values: Any) -> Matter:
    cf.require(Right.EDIT, "open matters")
    status = v.choice(status, MatterStatus, "status")
    with cf.write() as s:
        data = _clean(s, values, partial=False)
        number = data.pop("number", None) or next_number(s)
        if s.scalar(select(Matter.id).where(Matter.number == number),
                    execution_options=ALL_MATTERS):
            raise ValidationError(f"Matter number {number} is already taken.", field="number")
        matter = Matter(number=number, status=status, **data)
        setattr(matter, STATUS_DATE[status], date.today())
        s.add(matter)
        s.flush()
        s.refresh(matter)
    return matter


def update(cf: CaseFile, matter_id: str, **values: Any) -> Matter:
    cf.require(Right.EDIT, "edit matters")
    status = values.pop("status", None)
    with cf.write() as s:
        matter = get_or_404(s, Matter, matter_id, "matter")
        data = _clean(s, values, partial=True)
        if "number" in data and data["number"] != matter.number and s.scalar(
            select(Matter.id).where(Matter.number == data["number"]),
            execution_options=ALL_MATTERS,
        ):
            raise ValidationError(f"Matter number {data['number']} is already taken.",
                                  field="number")
        assign(matter, data)
        if status is not None:
            _set_status(matter, v.choice(status, MatterStatus, "status"))
    return matter


def _set_status(matter: Matter, new: str, on: date | None = None) -> None:
    if new == matter.status:
        return
    if new not in TRANSITIONS[matter.status]:
        allowed = ", ".join(sorted(TRANSITIONS[matter.status]))
        raise ValidationError(
            f"A matter cannot go from {matter.status} to {new} (next: {allowed}).",
            field="status",
        )
    matter.status = new
    setattr(matter, STATUS_DATE[new], on or date.today())


def set_status(cf: CaseFile, matter_id: str, status: str, on: date | None = None) -> Matter:
    cf.require(Right.EDIT, "change a matter's status")
    with cf.write() as s:
        matter = get_or_404(s, Matter, matter_id, "matter")
        _set_status(matter, v.choice(status, MatterStatus, "status"), on)
    return matter


def add_party(cf: CaseFile, matter_id: str, contact_id: str, role: str,
              notes: str | None = None) -> MatterParty:
    cf.require(Right.EDIT, "add parties")
    role = v.choice(role, PartyRole, "role")
    with cf.write() as s:
        get_or_404(s, Matter, matter_id, "matter")
        get_or_404(s, Contact, contact_id, "contact")
        exists = s.scalar(select(MatterParty.id).where(
            MatterParty.matter_id == matter_id, MatterParty.contact_id == contact_id,
            MatterParty.role == role))
        if exists:
            raise ValidationError("That contact already has this role on the matter.")
        party = MatterParty(matter_id=matter_id, contact_id=contact_id, role=role,
                            notes=v.text(notes, "notes"))
        s.add(party)
    return party


def change_party_role(cf: CaseFile, party_id: str, role: str) -> None:
    cf.require(Right.EDIT, "change a party's role")
    role = v.choice(role, PartyRole, "role")
    with cf.write() as s:
        party = get_or_404(s, MatterParty, party_id, "party")
        party.role = role


def remove_party(cf: CaseFile, party_id: str) -> None:
    cf.require(Right.EDIT, "remove parties")
    with cf.write() as s:
        s.delete(get_or_404(s, MatterParty, party_id, "party"))


def get(cf: CaseFile, matter_id: str) -> Matter:
    cf.require(Right.VIEW, "view matters")
    with cf.read() as s:
        return get_or_404(s, Matter, matter_id, "matter")


def by_number(cf: CaseFile, number: str) -> Matter:
    cf.require(Right.VIEW, "view matters")
    with cf.read() as s:
        matter = s.scalar(select(Matter).where(Matter.number == number.strip()))
        if matter is None:
            from casedesk.core.errors import NotFound

            raise NotFound(f"There is no matter numbered {number}.")
        return matter
