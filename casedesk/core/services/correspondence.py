"""Correspondence on a matter: letters, e-mails, calls and meetings, e-mail import, the timeline.

Logged items are indexed for search by the audit hook (subject, counterpart and body).  Imported
``.eml``/``.msg`` files become one correspondence item; their attachments become documents of the
matter (category *correspondence*) linked to it.  The direction of an imported mail is guessed -
outgoing when the sender's address is a firm user's, otherwise incoming - and can be changed with
:func:`update`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from email.utils import parseaddr
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from casedesk.core import validate as v
from casedesk.core.casefile import CaseFile
from casedesk.core.errors import CasedeskError, ImportDataError, NotFound, ValidationError
from casedesk.core.mailparse import ParsedMail, parse_mail
from casedesk.core.models import (
    Channel,
    Contact,
    Correspondence,
    CorrespondenceDocument,
    Deadline,
    Direction,
    Document,
    DocumentVersion,
    Event,
    Firm,
    Matter,
    User,
)
from casedesk.core.permissions import Right
from casedesk.core.services import documents

Warn = Callable[[str], None]
FIELDS = {"direction", "channel", "occurred_at", "subject", "body", "counterpart", "contact_id",
          "document_ids"}


def _matter(s: Session, matter_id: str) -> Matter:
    m = s.get(Matter, matter_id)
    if m is None:
        raise NotFound("That matter does not exist (it may have been deleted).")
    return m


def _item(s: Session, item_id: str) -> Correspondence:
    c = s.get(Correspondence, item_id)
    if c is None:
        raise NotFound(f"There is no correspondence with id {item_id}.")
    return c


def _when(value: Any, firm_tz: str) -> datetime:
    """An aware datetime; naive values and dates are read in the firm's time zone."""
    if isinstance(value, datetime):
        dt = value
    elif isinstance(value, date):
        dt = datetime.combine(value, time(9, 0))
    elif value is None or value == "":
        raise ValidationError("'occurred_at' is required.", field="occurred_at")
    else:
        dt = v.parse_local_datetime(value, "occurred_at")
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=ZoneInfo(firm_tz))
    return dt


def _clean(s: Session, values: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if "direction" in values:
        out["direction"] = v.choice(values["direction"], Direction, "direction")
    if "channel" in values:
        out["channel"] = v.choice(values["channel"], Channel, "channel")
    if "occurred_at" in values:
        tz = s.scalar(select(Firm.timezone)) or "UTC"
        out["occurred_at"] = _when(values["occurred_at"], tz)
    if "subject" in values:
        out["subject"] = v.text(values["subject"], "subject", max_len=500) or ""
    if "body" in values:
        out["body"] = v.text(values["body"], "body", max_len=2_000_000)
    if "counterpart" in values:
        out["counterpart"] = v.text(values["counterpart"], "counterpart", max_len=300)
    if "contact_id" in values:
        cid = v.text(values["contact_id"], "contact")
        if cid is not None and s.get(Contact, cid) is None:
            raise ValidationError("The chosen contact does not exist.", field="contact")
        out["contact_id"] = cid
    return out


def _link(s: Session, item: Correspondence, document_ids: Sequence[str]) -> None:
    wanted = list(dict.fromkeys(document_ids))
    for doc_id in wanted:
        doc = s.get(Document, doc_id)
        if doc is None:
            raise ValidationError(f"There is no document with id {doc_id}.", field="documents")
        if doc.matter_id != item.matter_id:
            raise ValidationError(f"The document '{doc.title}' belongs to another matter.",
                                  field="documents")
    current = {link.document_id: link for link in item.links}
    for doc_id, link in current.items():
        if doc_id not in wanted:
            item.links.remove(link)
    for doc_id in wanted:
        if doc_id not in current:
            item.links.append(CorrespondenceDocument(document_id=doc_id))


def log(
    cf: CaseFile, matter_id: str, direction: str, channel: str, occurred_at: datetime | date | str,
    subject: str, body: str | None = None, counterpart: str | None = None,
    contact_id: str | None = None, document_ids: Sequence[str] = (),
) -> Correspondence:
    """Record a letter, e-mail, call or meeting on a matter."""
    cf.require(Right.EDIT, "log correspondence")
    with cf.write() as s:
        _matter(s, matter_id)
        values = _clean(s, {"direction": direction, "channel": channel,
                            "occurred_at": occurred_at, "subject": subject, "body": body,
                            "counterpart": counterpart, "contact_id": contact_id})
        if values["counterpart"] is None and values["contact_id"]:
            contact = s.get(Contact, values["contact_id"])
            values["counterpart"] = contact.name if contact else None
        item = Correspondence(matter_id=matter_id, **values)
        s.add(item)
        s.flush()
        _link(s, item, document_ids)
    return item


def update(cf: CaseFile, item_id: str, **changes: Any) -> Correspondence:
    """Change fields of a logged item (direction, channel, occurred_at, subject, body,
    counterpart, contact_id, document_ids); each change is audited."""
    cf.require(Right.EDIT, "edit correspondence")
    unknown = set(changes) - FIELDS
    if unknown:
        raise ValidationError(f"Unknown correspondence field '{sorted(unknown)[0]}'.")
    with cf.write() as s:
        item = _item(s, item_id)
        values = _clean(s, changes)
        for key, value in values.items():
            if getattr(item, key) != value:
                setattr(item, key, value)
        if "document_ids" in changes:
            _link(s, item, list(changes["document_ids"] or ()))
        s.flush()
        item.links  # noqa: B018 - load the links before the session closes
    return item


def delete(cf: CaseFile, item_id: str) -> None:
    """Delete a logged item (the documents it was linked to stay on the matter)."""
    cf.require(Right.DELETE, "delete correspondence")
    with cf.write() as s:
        s.delete(_item(s, item_id))


def get(cf: CaseFile, item_id: str) -> Correspondence:
    cf.require(Right.VIEW, "view correspondence")
    with cf.read() as s:
        item = _item(s, item_id)
        item.links  # noqa: B018 - loaded for the caller
        return item


def linked_documents(cf: CaseFile, item_id: str) -> list[Document]:
    cf.require(Right.VIEW, "view correspondence")
    with cf.read() as s:
        _item(s, item_id)
        return list(s.scalars(
            select(Document).join(CorrespondenceDocument,
                                  CorrespondenceDocument.document_id == Document.id)
            .where(CorrespondenceDocument.correspondence_id == item_id)
            .order_by(Document.title)))


def list_for_matter(cf: CaseFile, matter_id: str) -> list[Correspondence]:
    """A matter's correspondence, newest first."""
    cf.require(Right.VIEW, "view correspondence")
    with cf.read() as s:
        _matter(s, matter_id)
        return list(s.scalars(select(Correspondence).where(Correspondence.matter_id == matter_id)
                              .order_by(Correspondence.occurred_at.desc(), Correspondence.id)))


# -- e-mail import ----------------------------------------------------------------------------


@dataclass
class MailImport:
    """What importing one e-mail produced."""

    correspondence: Correspondence
    documents: list[Document] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _address(value: str) -> str:
    return parseaddr(value)[1].strip().lower()


def guess_direction(s: Session, mail: ParsedMail) -> str:
    """Outgoing when the sender is one of the firm's users, else incoming."""
    sender = _address(mail.sender)
    firm_addresses = {(e or "").strip().lower() for e in s.scalars(select(User.email))}
    firm_addresses.discard("")
    return Direction.OUTGOING.value if sender and sender in firm_addresses else \
        Direction.INCOMING.value


def _find_contact(s: Session, addresses: Sequence[str]) -> Contact | None:
    wanted = {_address(a) for a in addresses} - {""}
    if not wanted:
        return None
    for contact in s.scalars(select(Contact).order_by(Contact.is_client.desc(), Contact.name)):
        if wanted & {e.strip().lower() for e in contact.emails or []}:
            return contact
    return None


def _mail_body(mail: ParsedMail) -> str:
    head = [f"From: {mail.sender}"] if mail.sender else []
    if mail.to:
        head.append("To: " + ", ".join(mail.to))
    if mail.cc:
        head.append("Cc: " + ", ".join(mail.cc))
    return "\n".join(head) + ("\n\n" if head else "") + (mail.body or "")


def import_mail(
    cf: CaseFile, matter_id: str, filename: str, data: bytes, *, direction: str | None = None,
    keep_original: bool = False, on_warning: Warn | None = None,
) -> MailImport:
    """Import an ``.eml`` or ``.msg`` file as correspondence; attachments become linked documents.

    ``keep_original`` also stores the mail file itself as a linked document.
    """
    cf.require(Right.EDIT, "import e-mail")
    try:
        mail = parse_mail(data, filename)
    except CasedeskError as exc:
        raise ImportDataError(str(exc)) from None
    prepared = [documents.prepare(a.filename, a.data) for a in mail.attachments]
    if keep_original:
        prepared.insert(0, documents.prepare(filename, data))
    with cf.write() as s:
        _matter(s, matter_id)
        chosen = (v.choice(direction, Direction, "direction") if direction
                  else guess_direction(s, mail))
        outgoing = chosen == Direction.OUTGOING.value
        contact = _find_contact(s, mail.to + mail.cc if outgoing else [mail.sender])
        counterpart = ", ".join(mail.to) if outgoing else mail.sender
        occurred = mail.date or datetime.now(UTC)
        item = Correspondence(
            matter_id=matter_id, direction=chosen, channel=Channel.EMAIL.value,
            occurred_at=occurred, counterpart=(counterpart or None) and counterpart[:300],
            contact_id=contact.id if contact else None,
            subject=(mail.subject or "(no subject)")[:500], body=_mail_body(mail))
        s.add(item)
        s.flush()
        result = MailImport(item)
        tz = ZoneInfo(s.scalar(select(Firm.timezone)) or "UTC")
        for p in prepared:
            doc = documents.add_prepared(s, cf, matter_id, p, {
                "title": documents.default_title(p.filename), "category": "correspondence",
                "doc_date": occurred.astimezone(tz).date(), "author": None, "tags": ["e-mail"]},
                note=f"attached to the e-mail '{item.subject}'")
            item.links.append(CorrespondenceDocument(document_id=doc.id))
            result.documents.append(doc)
            if p.warning:
                result.warnings.append(p.warning)
        s.flush()
    if on_warning:
        for w in result.warnings:
            on_warning(w)
    return result


# -- the timeline -----------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineItem:
    """One dated thing on a matter: ``kind`` is correspondence, document, event or deadline."""

    kind: str
    id: str
    when: datetime
    title: str
    detail: str


def timeline(cf: CaseFile, matter_id: str, *, newest_first: bool = False) -> list[TimelineItem]:
    """Correspondence, documents (by document date, else when added), events and deadlines of a
    matter in date order (oldest first unless ``newest_first``).  Date-only items sort at the
    start of their day in the firm's time zone."""
    cf.require(Right.VIEW, "view matters")
    items: list[TimelineItem] = []
    with cf.read() as s:
        _matter(s, matter_id)
        tz = ZoneInfo(s.scalar(select(Firm.timezone)) or "UTC")

        def day(d: date) -> datetime:
            return datetime.combine(d, time(0, 0), tzinfo=tz)

        for c in s.scalars(select(Correspondence).where(Correspondence.matter_id == matter_id)):
            prep = {"incoming": "from", "outgoing": "to"}.get(c.direction, "with")
            who = f" {prep} {c.counterpart}" if c.counterpart else ""
            items.append(TimelineItem("correspondence", c.id, c.occurred_at,
                                      c.subject or "(no subject)",
                                      f"{c.direction.capitalize()} {c.channel}{who}"))
        latest: dict[str, DocumentVersion] = {}
        for ver in s.scalars(select(DocumentVersion).join(Document)
                             .where(Document.matter_id == matter_id)
                             .order_by(DocumentVersion.version)):
            latest[ver.document_id] = ver
        for d in s.scalars(select(Document).where(Document.matter_id == matter_id)):
            ver = latest.get(d.id)
            detail = documents.CATEGORY_LABELS.get(d.category, d.category)
            if ver is not None:
                detail += f" · {ver.filename} (version {ver.version})"
            items.append(TimelineItem("document", d.id, day(d.doc_date) if d.doc_date
                                      else d.created_at, d.title, detail))
        for e in s.scalars(select(Event).where(Event.matter_id == matter_id)):
            items.append(TimelineItem("event", e.id, e.starts_at, e.title,
                                      e.kind.capitalize() + (f" · {e.location}" if e.location
                                                             else "")))
        for dl in s.scalars(select(Deadline).where(Deadline.matter_id == matter_id)):
            items.append(TimelineItem("deadline", dl.id, day(dl.due), dl.title,
                                      f"Deadline ({dl.status})" + (f" · {dl.rule}" if dl.rule
                                                                   else "")))
    items.sort(key=lambda i: (i.when, i.kind, i.id), reverse=newest_first)
    return items
