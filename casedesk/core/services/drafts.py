"""Word drafting from the case file: firm templates and drafts stored as documents.

Templates come from two places: the ones shipped with casedesk (``resources/templates``, named by
their file name without ``.docx``) and the firm's own, kept inside the case file
(:class:`~casedesk.core.docmodels.Template`, content in the encrypted ``blobs`` table).  A firm
template is checked before it is stored (a valid .docx, no merge-field syntax errors, only
documented fields); a bad one is refused with the drafting module's message naming the field or
line, and nothing is stored.

:func:`draft` builds the merge context from the case file (firm, client, matter, parties by role,
responsible attorney, case manager, open deadlines and upcoming hearings), renders the template in
memory and stores the result as a new document of the matter, which it returns - the GUI can open
it in Word straight away.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from casedesk.core import drafting
from casedesk.core import validate as v
from casedesk.core.casefile import CaseFile
from casedesk.core.docmodels import Template
from casedesk.core.errors import NotFound, TemplateError, ValidationError
from casedesk.core.models import (
    Deadline,
    DeadlineStatus,
    Document,
    Event,
    EventKind,
    Firm,
    Matter,
    MatterParty,
    User,
)
from casedesk.core.permissions import Right
from casedesk.core.services import documents

_NAME = re.compile(r"^[\w][\w .()&+-]{0,199}$")
MAX_TEMPLATE_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class TemplateInfo:
    """A template the user can draft from."""

    name: str
    source: str  # "shipped" | "firm"
    filename: str
    description: str
    fields: list[str]
    id: str | None = None  # the firm template's id


def _template_name(name: str) -> str:
    name = (name or "").strip()
    if name.lower().endswith(".docx"):
        name = name[:-5].strip()
    if not _NAME.match(name):
        raise ValidationError(
            f"'{name}' is not a usable template name: use letters, digits, spaces, '_', '-' or "
            "'.', at most 200 characters.", field="name")
    return name


def _label(name: str) -> str:
    return name.replace("_", " ").strip().capitalize()


# -- firm templates -------------------------------------------------------------------------


def add_template(cf: CaseFile, name: str, data: bytes, *, filename: str | None = None,
                 description: str | None = None, replace: bool = False) -> Template:
    """Check and store a firm template (``replace`` overwrites one of the same name)."""
    cf.require(Right.EDIT, "add templates")
    name = _template_name(name)
    if name in drafting.list_shipped_templates():
        raise ValidationError(f"'{name}' is the name of a template shipped with casedesk; "
                              "choose another name.", field="name")
    filename = documents.clean_filename(filename or f"{name}.docx")
    data = bytes(data)
    if len(data) > MAX_TEMPLATE_BYTES:
        raise ValidationError(f"The template {filename} is larger than "
                              f"{MAX_TEMPLATE_BYTES // (1024 * 1024)} MB.", field="file")
    problems = drafting.validate_template(data, name=filename)
    if problems:
        raise TemplateError(problems[0])
    description = v.text(description, "description", max_len=2000)
    with cf.write() as s:
        existing = s.scalar(select(Template).where(Template.name == name))
        if existing is not None and not replace:
            raise ValidationError(f"There is already a firm template named '{name}'.",
                                  field="name")
        digest = documents.put_blob(s, data)
        if existing is not None:
            old = existing.sha256
            existing.filename, existing.sha256, existing.size = filename, digest, len(data)
            if description is not None:
                existing.description = description
            s.flush()
            documents.drop_unused_blobs(s, [old])
            return existing
        tpl = Template(name=name, filename=filename, sha256=digest, size=len(data),
                       description=description)
        s.add(tpl)
    return tpl


def remove_template(cf: CaseFile, name: str) -> None:
    """Delete a firm template (shipped templates cannot be removed)."""
    cf.require(Right.DELETE, "remove templates")
    name = _template_name(name)
    with cf.write() as s:
        tpl = s.scalar(select(Template).where(Template.name == name))
        if tpl is None:
            if name in drafting.list_shipped_templates():
                raise ValidationError(f"'{name}' is shipped with casedesk and cannot be removed.")
            raise NotFound(f"There is no firm template named '{name}'.")
        digest = tpl.sha256
        s.delete(tpl)
        s.flush()
        documents.drop_unused_blobs(s, [digest])


def list_templates(cf: CaseFile) -> list[TemplateInfo]:
    """Shipped templates, then the firm's, each with the merge fields it uses."""
    cf.require(Right.VIEW, "view templates")
    out = []
    for name, path in drafting.list_shipped_templates().items():
        out.append(TemplateInfo(name, "shipped", path.name, _label(name),
                                sorted(drafting.template_fields(path.read_bytes(),
                                                                name=path.name))))
    with cf.read() as s:
        for tpl in s.scalars(select(Template).order_by(Template.name)):
            data = documents.read_blob(s, tpl.sha256)
            out.append(TemplateInfo(tpl.name, "firm", tpl.filename,
                                    tpl.description or _label(tpl.name),
                                    sorted(drafting.template_fields(data, name=tpl.filename)),
                                    tpl.id))
    return out


def template_content(cf: CaseFile, name: str) -> tuple[str, bytes]:
    """(file name, bytes) of a shipped or firm template."""
    cf.require(Right.VIEW, "view templates")
    name = (name or "").strip()
    if name.lower().endswith(".docx"):
        name = name[:-5]
    with cf.read() as s:
        tpl = s.scalar(select(Template).where(Template.name == name))
        if tpl is not None:
            return tpl.filename, documents.read_blob(s, tpl.sha256)
    shipped = drafting.list_shipped_templates()
    if name in shipped:
        return shipped[name].name, shipped[name].read_bytes()
    with cf.read() as s:
        firm_names = list(s.scalars(select(Template.name)))
    known = ", ".join(sorted([*shipped, *firm_names]))
    raise NotFound(f"There is no template named '{name}' (templates: {known}).")


# -- the merge context ----------------------------------------------------------------------


def _person(user: User | None) -> dict[str, Any] | None:
    if user is None:
        return None
    return {"name": user.display_name or user.username, "email": user.email or "", "phone": ""}


def _locale_for(firm: Firm, locale: str | None) -> str:
    """The language dates are written in: as asked, else the firm's ``draft_locale`` setting,
    else English (the shipped templates are English, so a Greek client's letter from them keeps
    English dates)."""
    if locale:
        return locale
    return str((firm.settings or {}).get("draft_locale") or "en")


def matter_context(s: Session, matter_id: str, *, locale: str | None = None,
                   today: date | None = None) -> dict[str, Any]:
    """The documented merge context for a matter, read in session ``s``."""
    matter = s.get(Matter, matter_id)
    if matter is None:
        raise NotFound("That matter does not exist (it may have been deleted).")
    firm = s.scalars(select(Firm)).one()
    tz = ZoneInfo(firm.timezone or "UTC")
    settings = firm.settings or {}
    client = matter.client
    parties = [{"name": p.contact.name, "role": p.role}
               for p in s.scalars(select(MatterParty).where(MatterParty.matter_id == matter_id))]
    deadlines = [{"title": d.title, "due": d.due, "rule": d.rule or ""}
                 for d in s.scalars(select(Deadline).where(
                     Deadline.matter_id == matter_id,
                     Deadline.status == DeadlineStatus.OPEN.value))]
    hearings = []
    for e in s.scalars(select(Event).where(Event.matter_id == matter_id,
                                           Event.kind == EventKind.HEARING.value)):
        local = e.starts_at.astimezone(ZoneInfo(e.timezone or "UTC"))
        start: date | datetime = local.date() if e.all_day else local.replace(tzinfo=None)
        hearings.append({"title": e.title, "start": start, "location": e.location or ""})
    return drafting.build_context(
        firm={"name": firm.name, "address": settings.get("address") or "",
              "phone": settings.get("phone") or "", "email": settings.get("email") or ""},
        client={"name": client.name, "address": (client.addresses or [""])[0],
                "salutation": client.salutation or "", "email": (client.emails or [""])[0],
                "phone": (client.phones or [""])[0]},
        matter={"number": matter.number, "title": matter.title, "court": matter.court,
                "case_number": matter.case_number, "judge": matter.judge,
                "practice_area": matter.practice_area, "status": matter.status},
        parties=parties,
        attorney=_person(matter.responsible),
        case_manager=_person(matter.case_manager),
        deadlines=deadlines,
        hearings=hearings,
        locale=_locale_for(firm, locale),
        today=today or datetime.now(tz).date(),
    )


def _category(template_name: str) -> str:
    words = set(re.split(r"[\W_]+", template_name.lower()))
    return "correspondence" if words & {"letter", "notice", "email", "mail"} else "other"


# -- drafting -------------------------------------------------------------------------------


def render(cf: CaseFile, matter_id: str, template_name: str, *, locale: str | None = None,
           today: date | None = None) -> tuple[str, bytes]:
    """The draft's suggested file name and .docx bytes (in memory; nothing stored)."""
    cf.require(Right.VIEW, "draft documents")
    tpl_filename, tpl = template_content(cf, template_name)
    with cf.read() as s:
        context = matter_context(s, matter_id, locale=locale, today=today)
    data = drafting.render_template(tpl, context, name=tpl_filename)
    stem = re.sub(r"\.docx$", "", tpl_filename, flags=re.I)
    return f"{stem} {context['matter']['number']} {context['today_iso']}.docx", data


def draft(cf: CaseFile, matter_id: str, template_name: str, *, locale: str | None = None,
          today: date | None = None) -> Document:
    """Fill a template with the matter's data and store it as a new document of the matter."""
    cf.require(Right.EDIT, "draft documents")
    filename, data = render(cf, matter_id, template_name, locale=locale, today=today)
    name = template_name.strip().removesuffix(".docx")
    return documents.add_document(
        cf, matter_id, filename, data, title=_label(name), category=_category(name),
        doc_date=today or datetime.now(ZoneInfo(cf.firm().timezone or "UTC")).date(),
        author=cf.user.display_name, tags=["draft"], note=f"drafted from the template '{name}'")
