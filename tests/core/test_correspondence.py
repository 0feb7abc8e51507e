"""Correspondence: logging, e-mail import with attachments, the matter timeline."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from email.message import EmailMessage

import pytest

from casedesk.core import search
from casedesk.core.casefile import CaseFile
from casedesk.core.errors import ImportDataError, ValidationError
from casedesk.core.models import Deadline, Event
from casedesk.core.services import correspondence as corr
from casedesk.core.services import documents
from tests.core.test_documents import make_matter
from tests.support import SAMPLES


@pytest.fixture
def matter(cf: CaseFile) -> str:
    return make_matter(cf)


def make_eml(sender: str, subject: str, body: str, attachment: bytes, name: str) -> bytes:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = "Maria Georgiou <maria@example.com>"
    msg["Subject"] = subject
    msg["Date"] = "Tue, 03 Nov 2026 10:15:00 +0200"
    msg.set_content(body)
    msg.add_attachment(attachment, maintype="text", subtype="plain", filename=name)
    return bytes(msg)


def test_log_update_list_delete(cf: CaseFile, matter: str) -> None:
    doc = documents.add_document(cf, matter, "letter.txt", b"Dear Sir")
    item = corr.log(cf, matter, "outgoing", "letter", "2026-11-03T10:00", "Notice of claim",
                    "We hereby notify you of the hippopotamus claim.", counterpart="Northwind",
                    document_ids=[doc.id])
    assert item.occurred_at == datetime(2026, 11, 3, 8, 0, tzinfo=UTC)  # Athens time given
    call = corr.log(cf, matter, "incoming", "phone", datetime(2026, 11, 4, 9, 0, tzinfo=UTC),
                    "Call from the client")
    assert [c.id for c in corr.list_for_matter(cf, matter)] == [call.id, item.id]
    assert [d.id for d in corr.linked_documents(cf, item.id)] == [doc.id]
    with cf.read() as s:
        assert [h.ref for h in search.search(s, "hippopotamus")] == [item.id]
    corr.update(cf, item.id, direction="internal", document_ids=[])
    assert corr.get(cf, item.id).direction == "internal"
    assert corr.linked_documents(cf, item.id) == []
    with pytest.raises(ValidationError, match="not a valid channel"):
        corr.log(cf, matter, "incoming", "pigeon", "2026-11-03", "x")
    corr.delete(cf, item.id)
    assert [c.id for c in corr.list_for_matter(cf, matter)] == [call.id]
    assert len(documents.list_documents(cf, matter)) == 1  # the document stays


def test_eml_import_keeps_the_attachment_as_a_linked_document(cf: CaseFile, matter: str) -> None:
    data = make_eml("Opposing Counsel <counsel@northwind.example>", "Settlement offer",
                    "Please find our offer attached.", b"We offer the platypus settlement.",
                    "offer.txt")
    result = corr.import_mail(cf, matter, "offer.eml", data)
    item = result.correspondence
    assert (item.direction, item.channel, item.subject) == ("incoming", "email",
                                                           "Settlement offer")
    assert item.occurred_at == datetime(2026, 11, 3, 8, 15, tzinfo=UTC)
    assert "counsel@northwind.example" in (item.counterpart or "")
    [doc] = result.documents
    assert (doc.title, doc.category, doc.doc_date) == ("offer", "correspondence",
                                                       date(2026, 11, 3))
    assert [d.id for d in corr.linked_documents(cf, item.id)] == [doc.id]
    assert documents.get_content(cf, doc.id)[1] == b"We offer the platypus settlement."
    with cf.read() as s:
        assert {h.kind for h in search.search(s, "platypus")} == {"document"}
    corr.update(cf, item.id, direction="outgoing")
    assert corr.get(cf, item.id).direction == "outgoing"


def test_mail_from_a_firm_user_is_outgoing(cf: CaseFile, matter: str) -> None:
    cf.add_user("eleni", "eleni-pass", "attorney", email="Eleni@Firm.example")
    data = make_eml("Eleni <eleni@firm.example>", "Our reply", "See attached.", b"reply",
                    "reply.txt")
    assert corr.import_mail(cf, matter, "reply.eml", data).correspondence.direction == "outgoing"


def test_msg_import_from_samples(cf: CaseFile, matter: str) -> None:
    sample = SAMPLES / "msg" / "unicode.msg"
    if not sample.exists():
        pytest.skip(f"the shared sample {sample} is not on this machine")
    result = corr.import_mail(cf, matter, sample.name, sample.read_bytes())
    assert result.correspondence.subject == "Test for TIF files"
    assert len(result.documents) == 2
    assert all(d.versions[0].mime == "image/tiff" for d in result.documents)
    linked = {d.id for d in corr.linked_documents(cf, result.correspondence.id)}
    assert linked == {d.id for d in result.documents}


def test_not_a_mail_is_refused_and_nothing_stored(cf: CaseFile, matter: str) -> None:
    with pytest.raises(ImportDataError, match="not an e-mail file"):
        corr.import_mail(cf, matter, "x.pdf", b"%PDF-1.4")
    assert corr.list_for_matter(cf, matter) == []
    assert documents.list_documents(cf, matter) == []


def test_timeline_merges_everything_in_date_order(cf: CaseFile, matter: str) -> None:
    base = datetime(2026, 10, 1, 9, 0, tzinfo=UTC)
    corr.log(cf, matter, "incoming", "email", base + timedelta(days=3), "Mail on day 3")
    documents.add_document(cf, matter, "memo.txt", b"m", title="Memo dated day 1",
                           doc_date=date(2026, 10, 2))
    with cf.write() as s:
        s.add(Event(matter_id=matter, kind="hearing", title="Hearing day 10",
                    starts_at=base + timedelta(days=9), timezone="Europe/Athens"))
        s.add(Deadline(matter_id=matter, title="Deadline day 5", due=date(2026, 10, 6)))
    items = corr.timeline(cf, matter)
    assert [(i.kind, i.title) for i in items] == [
        ("document", "Memo dated day 1"), ("correspondence", "Mail on day 3"),
        ("deadline", "Deadline day 5"), ("event", "Hearing day 10")]
    assert items[1].detail == "Incoming email"
    assert corr.timeline(cf, matter, newest_first=True)[0].title == "Hearing day 10"
