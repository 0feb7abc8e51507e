"""Parsing of .eml (built in the tests) and .msg (the shared samples) files."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta, timezone
from email.message import EmailMessage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from pathlib import Path

import pytest

from casedesk.core.errors import CasedeskError
from casedesk.core.mailparse import (
    MailAttachment,
    ParsedMail,
    parse_eml,
    parse_mail,
    parse_msg,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
SAMPLES = REPO_ROOT.parent / "shared" / "samples"
MSG_SAMPLES = SAMPLES / "msg"
needs_samples = pytest.mark.skipif(
    not MSG_SAMPLES.is_dir(), reason=f"shared .msg samples not found at {MSG_SAMPLES}"
)

GREEK_SUBJECT = "Προθεσμία υπομνήματος — υπόθεση Παπαδόπουλου"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def greek_mail() -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = GREEK_SUBJECT
    message["From"] = "Μαρία Ιωάννου <maria@example.gr>"
    message["To"] = "Office <office@example-law.gr>, clerk@example-law.gr"
    message["Cc"] = '"Doe, Jane" <jane@example.com>'
    message["Date"] = "Mon, 18 Nov 2013 08:26:24 +0200"
    message["Message-ID"] = "<abc123@example.gr>"
    message.set_content("Καλησπέρα,\nεπισυνάπτω το σχέδιο.\n")
    message.add_alternative("<html><body><p>Καλησπέρα,<br>HTML version</p></body></html>",
                            subtype="html")  # fmt: skip
    message.add_attachment(b"%PDF-1.4 draft", maintype="application", subtype="pdf",
                           filename="σχέδιο υπομνήματος.pdf")  # fmt: skip
    return message


# --------------------------------------------------------------------------------------------
# .eml
# --------------------------------------------------------------------------------------------


def test_eml_greek_encoded_subject_and_attachment() -> None:
    raw = greek_mail().as_bytes()
    assert b"=?utf-8?" in raw.lower()  # the subject really is RFC 2047-encoded
    mail = parse_eml(raw)
    assert isinstance(mail, ParsedMail)
    assert mail.subject == GREEK_SUBJECT
    assert mail.sender == "Μαρία Ιωάννου <maria@example.gr>"
    assert mail.to == ["Office <office@example-law.gr>", "clerk@example-law.gr"]
    assert mail.cc == ["Doe, Jane <jane@example.com>"]
    assert mail.date == datetime(2013, 11, 18, 8, 26, 24, tzinfo=timezone(timedelta(hours=2)))
    assert mail.message_id == "<abc123@example.gr>"
    assert mail.body == "Καλησπέρα,\nεπισυνάπτω το σχέδιο."
    assert mail.attachments == [
        MailAttachment("σχέδιο υπομνήματος.pdf", b"%PDF-1.4 draft", "application/pdf")
    ]


def test_eml_missing_and_malformed_dates() -> None:
    message = EmailMessage()
    message["Subject"] = "no date"
    message.set_content("x")
    assert parse_eml(message.as_bytes()).date is None
    for bad in ("not a date", "Mon, 32 Foo 2013 99:99:99", "31/12/2024"):
        raw = b"Subject: bad date\r\nDate: " + bad.encode() + b"\r\n\r\nbody\r\n"
        assert parse_eml(raw).date is None, bad


def test_eml_date_without_zone_is_utc() -> None:
    raw = b"Subject: s\r\nDate: Mon, 18 Nov 2013 08:26:24 -0000\r\n\r\nbody\r\n"
    assert parse_eml(raw).date == datetime(2013, 11, 18, 8, 26, 24, tzinfo=UTC)


def test_eml_html_only_body_becomes_text() -> None:
    message = EmailMessage()
    message["Subject"] = "html only"
    message.set_content(
        "<html><head><style>.x{}</style></head><body><p>Dear client,</p>"
        "<p>see &amp; sign</p></body></html>",
        subtype="html",
    )
    mail = parse_eml(message.as_bytes())
    assert mail.body == "Dear client,\n\nsee & sign"


def test_eml_nested_multiparts_and_inline_images() -> None:
    outer = MIMEMultipart("mixed")
    outer["Subject"] = "nested"
    outer["From"] = "a@example.com"
    related = MIMEMultipart("related")
    alternative = MIMEMultipart("alternative")
    alternative.attach(MIMEText("plain body text", "plain", "utf-8"))
    alternative.attach(MIMEText("<p>html body <img src='cid:logo'></p>", "html", "utf-8"))
    related.attach(alternative)
    from email.mime.image import MIMEImage

    unnamed = MIMEImage(PNG, "png")
    unnamed["Content-ID"] = "<logo>"
    unnamed["Content-Disposition"] = "inline"
    related.attach(unnamed)
    named = MIMEImage(PNG, "png")
    named["Content-ID"] = "<sig>"
    named.add_header("Content-Disposition", "inline", filename="signature.png")
    related.attach(named)
    outer.attach(related)
    doc = MIMEText("attached notes", "plain", "utf-8")
    doc.add_header("Content-Disposition", "attachment", filename="notes.txt")
    outer.attach(doc)

    mail = parse_eml(outer.as_bytes())
    assert mail.body == "plain body text"
    assert [(a.filename, a.mime) for a in mail.attachments] == [
        ("signature.png", "image/png"),
        ("notes.txt", "text/plain"),
    ]
    assert mail.attachments[0].data == PNG
    assert mail.attachments[1].data == b"attached notes"


def test_eml_forwarded_message_becomes_eml_attachment() -> None:
    inner = greek_mail()
    outer = EmailMessage()
    outer["Subject"] = "Fwd"
    outer.set_content("see below")
    outer.add_attachment(inner)
    mail = parse_eml(outer.as_bytes())
    assert len(mail.attachments) == 1
    forwarded = mail.attachments[0]
    assert forwarded.mime == "message/rfc822"
    assert forwarded.filename.endswith(".eml")
    again = parse_eml(forwarded.data)
    assert again.subject == GREEK_SUBJECT
    assert again.attachments[0].filename == "σχέδιο υπομνήματος.pdf"


def test_eml_raw_8bit_headers_and_legacy_charsets() -> None:
    raw = (
        "From: Γιώργος <g@example.gr>\r\nSubject: Καλημέρα\r\n"
        "Content-Type: text/plain; charset=windows-1253\r\n"
        "Content-Transfer-Encoding: 8bit\r\n\r\n"
    ).encode() + "Η δικάσιμος".encode("cp1253")
    mail = parse_eml(raw)
    assert mail.sender == "Γιώργος <g@example.gr>"
    assert mail.subject == "Καλημέρα"
    assert mail.body == "Η δικάσιμος"


def test_eml_unknown_charset_does_not_crash() -> None:
    raw = b"Subject: s\r\nContent-Type: text/plain; charset=x-no-such-charset\r\n\r\nhello\r\n"
    assert parse_eml(raw).body == "hello"


def test_eml_attachment_names_are_made_safe() -> None:
    message = EmailMessage()
    message["Subject"] = "paths"
    message.set_content("x")
    message.add_attachment(b"1", maintype="application", subtype="octet-stream",
                           filename="..\\..\\evil/../bad:name?.exe")  # fmt: skip
    message.add_attachment(b"2", maintype="application", subtype="pdf", disposition="attachment")
    names = [a.filename for a in parse_eml(message.as_bytes()).attachments]
    assert names == ["bad_name_.exe", "attachment-2.pdf"]


def test_eml_signature_parts_are_not_attachments() -> None:
    signed = MIMEMultipart("signed", protocol="application/pkcs7-signature")
    signed["Subject"] = "signed"
    signed.attach(MIMEText("signed body", "plain", "utf-8"))
    from email.mime.application import MIMEApplication

    signature = MIMEApplication(b"0\x82", "pkcs7-signature", name="smime.p7s")
    signature.add_header("Content-Disposition", "attachment", filename="smime.p7s")
    signed.attach(signature)
    mail = parse_eml(signed.as_bytes())
    assert mail.body == "signed body"
    assert mail.attachments == []


@pytest.mark.parametrize("data", [b"", b"   \r\n", bytes(range(256)) * 4])
def test_eml_invalid_input_is_a_clear_error(data: bytes) -> None:
    with pytest.raises(CasedeskError, match=r'"bad\.eml" could not be read'):
        parse_eml(data, filename="bad.eml")


# --------------------------------------------------------------------------------------------
# .msg (shared samples)
# --------------------------------------------------------------------------------------------


@needs_samples
def test_msg_unicode_sample() -> None:
    mail = parse_msg((MSG_SAMPLES / "unicode.msg").read_bytes())
    assert mail.subject == "Test for TIF files"
    assert mail.date is not None
    assert mail.date.tzinfo is not None
    assert mail.date.astimezone(UTC).date().isoformat() == "2013-11-18"
    assert "brizhou@gmail.com" in mail.sender
    assert mail.to == ["brianzhou@me.com"]
    assert mail.cc == ["Brian Zhou <brizhou@gmail.com>"]
    assert "MS Outlook MSG Extractor" in mail.body
    assert "\r" not in mail.body
    assert mail.message_id and mail.message_id.startswith("<")
    assert len(mail.attachments) == 2
    for attachment in mail.attachments:
        assert attachment.filename.lower().endswith(".tif")
        assert attachment.mime == "image/tiff"
        assert attachment.data[:4] in (b"II*\x00", b"MM\x00*")


@needs_samples
def test_msg_strange_date_sample() -> None:
    mail = parse_msg((MSG_SAMPLES / "strangeDate.msg").read_bytes())
    assert mail.subject == "MSG Test File"
    assert mail.sender == ""
    assert mail.attachments == []
    assert mail.date is None or mail.date.tzinfo is not None
    assert "John Doe" in mail.body


@needs_samples
def test_msg_logging_stays_quiet(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG):
        parse_msg((MSG_SAMPLES / "strangeDate.msg").read_bytes())
        with pytest.raises(CasedeskError):
            parse_msg((MSG_SAMPLES / "unicode.msg").read_bytes()[:2048])
    noisy = [r for r in caplog.records if r.name.startswith(("extract_msg", "RTFDE"))]
    assert noisy == []


@needs_samples
def test_truncated_msg_is_a_clear_error() -> None:
    data = (MSG_SAMPLES / "unicode.msg").read_bytes()
    for cut in (512, 2048, len(data) // 3):
        with pytest.raises(CasedeskError, match=r'"cut\.msg" could not be read'):
            parse_msg(data[:cut], filename="cut.msg")


def test_msg_invalid_input_is_a_clear_error() -> None:
    with pytest.raises(CasedeskError, match="not a valid Outlook message"):
        parse_msg(b"hello")
    # OLE header but nothing behind it: must not be taken for a file name or crash
    with pytest.raises(CasedeskError, match="not a valid Outlook message"):
        parse_msg(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)


# --------------------------------------------------------------------------------------------
# Dispatch
# --------------------------------------------------------------------------------------------


@needs_samples
def test_parse_mail_dispatch_by_content() -> None:
    msg_data = (MSG_SAMPLES / "unicode.msg").read_bytes()
    assert parse_mail(msg_data, "x.msg").subject == "Test for TIF files"
    assert parse_mail(msg_data, "renamed.eml").subject == "Test for TIF files"
    assert parse_mail(msg_data, "").subject == "Test for TIF files"


def test_parse_mail_dispatch_eml() -> None:
    raw = greek_mail().as_bytes()
    assert parse_mail(raw, "a.eml").subject == GREEK_SUBJECT
    assert parse_mail(raw, "download").subject == GREEK_SUBJECT


def test_parse_mail_rejects_other_files() -> None:
    with pytest.raises(CasedeskError, match=r'"photo\.png" could not be read: it is not an e-mail'):
        parse_mail(PNG, "photo.png")
    with pytest.raises(CasedeskError, match="not a valid Outlook message"):
        parse_mail(b"plain text", "x.msg")
