"""Reading e-mail files: RFC 822 ``.eml`` (stdlib ``email``) and Outlook ``.msg`` (extract-msg).

Everything works on ``bytes`` in memory; nothing is written to disk.  A file that cannot be read
raises :class:`~casedesk.core.errors.CasedeskError` with one sentence for the user.

extract-msg and RTFDE log chatty messages (missing streams, RTF details); their loggers are set
to stay silent unless the application configured a level for them itself, and Python warnings
raised inside the libraries are suppressed locally around the calls.
"""

from __future__ import annotations

import codecs
import email
import email.header
import email.utils
import io
import logging
import mimetypes
import re
import warnings
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage, Message
from typing import Any

from casedesk.core.errors import CasedeskError
from casedesk.core.textextract import (
    decode_text,
    detect_kind,
    html_bytes_to_text,
    html_to_text,
)

__all__ = ["MailAttachment", "ParsedMail", "parse_eml", "parse_mail", "parse_msg"]

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SIGNATURE_TYPES = frozenset(
    {"application/pkcs7-signature", "application/x-pkcs7-signature", "application/pgp-signature"}
)
_QUIET_LOGGERS = ("extract_msg", "RTFDE")


@dataclass(slots=True)
class MailAttachment:
    """A file attached to a mail (its content stays in memory)."""

    filename: str
    data: bytes = field(repr=False)
    mime: str = "application/octet-stream"

    @property
    def size(self) -> int:
        return len(self.data)


@dataclass(slots=True)
class ParsedMail:
    """What casedesk keeps of an e-mail.  ``body`` is plain text (made from HTML if needed)."""

    subject: str = ""
    sender: str = ""
    to: list[str] = field(default_factory=list)
    cc: list[str] = field(default_factory=list)
    date: datetime | None = None
    body: str = field(default="", repr=False)
    attachments: list[MailAttachment] = field(default_factory=list)
    message_id: str | None = None
    bcc: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------------------------
# Shared helpers
# --------------------------------------------------------------------------------------------


def _label(filename: str | None, fallback: str) -> str:
    name = re.split(r"[\\/]", filename or "")[-1].strip()
    return f'"{name}"' if name else fallback


def _fix_surrogates(text: str) -> str:
    """Undo ``surrogateescape`` left by the parser for raw 8-bit header bytes."""
    if not any("\udc80" <= ch <= "\udcff" for ch in text):
        return text
    raw = text.encode("utf-8", errors="surrogateescape")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return decode_text(raw)


def _clean(text: object) -> str:
    """A header value as one tidy line."""
    if text is None:
        return ""
    return " ".join(_fix_surrogates(str(text)).split())


def _format_address(name: str, addr: str) -> str:
    name, addr = _clean(name), _clean(addr).strip("<>")
    if name and addr and name.lower() != addr.lower():
        return f"{name} <{addr}>"
    return addr or name


_UNSAFE_FILENAME = re.compile(r'[\x00-\x1f\x7f<>:"|?*]')


def _safe_filename(name: object, fallback: str) -> str:
    """A file name without folders or characters Windows refuses."""
    text = _clean(name)
    text = re.split(r"[\\/]", text)[-1]
    text = _UNSAFE_FILENAME.sub("_", text).strip(" .")
    if len(text) > 200:
        stem, dot, ext = text.rpartition(".")
        text = (stem[: 200 - len(ext) - 1] + dot + ext) if dot and len(ext) <= 10 else text[:200]
    return text or fallback


def _generated_name(mime: str, number: int) -> str:
    ext = {"message/rfc822": ".eml", "text/plain": ".txt"}.get(mime)
    if ext is None:
        ext = mimetypes.guess_extension(mime, strict=False) or ".bin"
    return f"attachment-{number}{ext}"


def _aware(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


def _parse_date(raw: str) -> datetime | None:
    raw = raw.strip()
    if not raw:
        return None
    try:
        return _aware(email.utils.parsedate_to_datetime(raw))
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    try:
        return _aware(datetime.fromisoformat(raw))
    except ValueError:
        return None


def _normalise_body(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    return text.strip("\n")


# --------------------------------------------------------------------------------------------
# .eml
# --------------------------------------------------------------------------------------------


def parse_eml(data: bytes, *, filename: str | None = None) -> ParsedMail:
    """Parse an RFC 822 / MIME message (``.eml``).  ``filename`` only names it in errors."""
    label = _label(filename, "The e-mail")
    if not bytes(data).strip():
        raise CasedeskError(f"{label} could not be read: the file is empty.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            message = email.message_from_bytes(bytes(data), policy=policy.default)
            if not message.keys():
                raise CasedeskError(
                    f"{label} could not be read: it is not a valid e-mail (.eml) file."
                )
            return _from_email_message(message)
    except CasedeskError:
        raise
    except Exception as exc:
        raise CasedeskError(
            f"{label} could not be read: it is not a valid e-mail (.eml) file."
        ) from exc


def _raw_header(message: Message, name: str) -> str | None:
    for key, value in message.raw_items():
        if key.lower() == name:
            try:
                return str(email.header.make_header(email.header.decode_header(value)))
            except Exception:
                return value
    return None


def _header(message: Message, name: str) -> str:
    try:
        value = message.get(name)
    except Exception:  # the stdlib header parser has corner cases that raise
        value = _raw_header(message, name)
    return _clean(value)


def _addresses(message: Message, name: str) -> list[str]:
    result: list[str] = []
    try:
        for header in message.get_all(name) or []:
            addresses = getattr(header, "addresses", None)
            if addresses is None:
                raise ValueError("unstructured address header")
            for address in addresses:
                formatted = _format_address(address.display_name, address.addr_spec)
                if formatted:
                    result.append(formatted)
        return result
    except Exception:
        raw = [value for key, value in message.raw_items() if key.lower() == name]
        for display, addr in email.utils.getaddresses([_clean(v) for v in raw]):
            formatted = _format_address(display, addr)
            if formatted:
                result.append(formatted)
        return result


def _part_text(part: Message) -> str:
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    charset = part.get_content_charset()
    if part.get_content_subtype() == "html":
        return html_bytes_to_text(payload, charset)
    text: str | None = None
    if charset:
        try:
            codec = codecs.lookup(charset).name
            if codec in ("latin-1", "iso8859-1"):
                codec = "cp1252"  # what mail labelled ISO-8859-1 really is
            text = payload.decode(codec)
        except (LookupError, UnicodeDecodeError):
            text = None
    if text is None:
        text = decode_text(payload)
    if part.get_content_subtype() == "enriched":
        text = re.sub(r"<[^>]*>", "", text)
    return text


def _find_body(message: EmailMessage) -> Message | None:
    try:
        body = message.get_body(preferencelist=("plain", "html"))
    except Exception:
        body = None
    if body is not None:
        return body
    for part in message.walk():
        if part.is_multipart() or part.get_content_maintype() != "text":
            continue
        if part.get_content_disposition() == "attachment" or part.get_filename():
            continue
        return part
    return None


def _message_bytes(inner: Message) -> bytes:
    try:
        return inner.as_bytes()
    except Exception:
        return inner.as_string().encode("utf-8", errors="surrogateescape")


def _collect_attachments(
    part: Message, body: Message | None, out: list[MailAttachment], top: bool = False
) -> None:
    mime = part.get_content_type()
    if mime == "message/rfc822" and not top:
        payload = part.get_payload()
        inner = payload[0] if isinstance(payload, list) and payload else None
        if isinstance(inner, Message):
            subject = _header(inner, "subject")
            name = part.get_filename() or (subject or "forwarded message") + ".eml"
            fallback = _generated_name(mime, len(out) + 1)
            out.append(MailAttachment(_safe_filename(name, fallback), _message_bytes(inner), mime))
        return
    if part.is_multipart():
        payload = part.get_payload()
        for sub in payload if isinstance(payload, list) else []:
            if isinstance(sub, Message):
                _collect_attachments(sub, body, out)
        return
    if part is body or mime in _SIGNATURE_TYPES:
        return
    try:
        filename = part.get_filename()
    except Exception:
        filename = None
    if not filename and part.get_content_disposition() != "attachment":
        return  # alternative body text, inline images without a name, …
    data = part.get_payload(decode=True)
    if not isinstance(data, bytes):
        data = b""
    fallback = _generated_name(mime, len(out) + 1)
    out.append(MailAttachment(_safe_filename(filename or "", fallback), data, mime))


def _from_email_message(message: EmailMessage) -> ParsedMail:
    senders = _addresses(message, "from") or _addresses(message, "sender")
    body_part = _find_body(message)
    attachments: list[MailAttachment] = []
    _collect_attachments(message, body_part, attachments, top=True)
    return ParsedMail(
        subject=_header(message, "subject"),
        sender=", ".join(senders),
        to=_addresses(message, "to"),
        cc=_addresses(message, "cc"),
        date=_parse_date(_header(message, "date")),
        body=_normalise_body(_part_text(body_part)) if body_part is not None else "",
        attachments=attachments,
        message_id=_header(message, "message-id") or None,
        bcc=_addresses(message, "bcc"),
    )


# --------------------------------------------------------------------------------------------
# .msg
# --------------------------------------------------------------------------------------------


def _quiet_library_logging() -> None:
    """Keep extract-msg/RTFDE chatter off the user's console and out of the app's log.

    Only loggers the application has not configured itself are touched.
    """
    for name in _QUIET_LOGGERS:
        logger = logging.getLogger(name)
        if logger.level == logging.NOTSET:
            logger.setLevel(logging.CRITICAL + 1)


def _get(obj: Any, attribute: str) -> Any:
    """An extract-msg property, or None when the file lacks or garbles it."""
    try:
        return getattr(obj, attribute, None)
    except Exception:
        return None


def parse_msg(data: bytes, *, filename: str | None = None) -> ParsedMail:
    """Parse an Outlook message (``.msg``).  ``filename`` only names it in errors."""
    label = _label(filename, "The Outlook message")
    data = bytes(data)
    invalid = f"{label} could not be read: it is not a valid Outlook message (.msg) file."
    if not data.startswith(_OLE_MAGIC):
        raise CasedeskError(invalid)
    _quiet_library_logging()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import extract_msg
            from extract_msg.enums import ErrorBehavior

            behaviour = (
                ErrorBehavior.ATTACH_SUPPRESS_ALL
                | ErrorBehavior.RTFDE
                | ErrorBehavior.STANDARDS_VIOLATION
                | ErrorBehavior.NAMED_NAME_STREAM
            )
            # A file object, never the bytes themselves: extract-msg/olefile would take short
            # bytes for a file *name*.
            msg = extract_msg.openMsg(
                io.BytesIO(data), strict=False, delayAttachments=True, errorBehavior=behaviour
            )
            try:
                return _from_msg(msg)
            finally:
                msg.close()
    except CasedeskError:
        raise
    except Exception as exc:
        raise CasedeskError(invalid) from exc


def _msg_recipients(msg: Any) -> tuple[list[str], list[str], list[str]]:
    to: list[str] = []
    cc: list[str] = []
    bcc: list[str] = []
    recipients = _get(msg, "recipients")
    if recipients:
        from extract_msg.enums import RecipientType

        lists = {RecipientType.TO: to, RecipientType.CC: cc, RecipientType.BCC: bcc}
        for recipient in recipients:
            formatted = _format_address(
                _get(recipient, "name") or "", _get(recipient, "email") or ""
            )
            target = lists.get(_get(recipient, "type"))
            if formatted and target is not None:
                target.append(formatted)
    elif _get(msg, "to"):
        to = [_clean(item) for item in str(msg.to).split(";") if _clean(item)]
    return to, cc, bcc


def _msg_body(msg: Any) -> str:
    body = _get(msg, "body")
    if isinstance(body, bytes):
        body = decode_text(body)
    if isinstance(body, str) and body.strip():
        return _normalise_body(body)
    html = _get(msg, "htmlBody")
    if isinstance(html, bytes) and html.strip():
        return _normalise_body(html_bytes_to_text(html))
    if isinstance(html, str) and html.strip():
        return _normalise_body(html_to_text(html))
    rtf = _get(msg, "deencapsulatedRtf")
    if rtf is not None and _get(rtf, "content_type") == "text":
        text = _get(rtf, "text")
        if isinstance(text, bytes):
            text = decode_text(text)
        if isinstance(text, str):
            return _normalise_body(text)
    return ""


def _msg_attachments(msg: Any) -> list[MailAttachment]:
    result: list[MailAttachment] = []
    for attachment in _get(msg, "attachments") or []:
        data = _get(attachment, "data")
        name = _get(attachment, "name") or _get(attachment, "longFilename")
        name = name or _get(attachment, "shortFilename") or ""
        mime = _clean(_get(attachment, "mimetype")).lower()
        if isinstance(data, bytes):
            if not mime:
                mime = mimetypes.guess_type(str(name))[0] or "application/octet-stream"
        elif hasattr(data, "exportBytes"):  # an embedded Outlook message
            try:
                data = data.exportBytes()
            except Exception:
                continue
            mime = "application/vnd.ms-outlook"
            name = name or (_clean(_get(_get(attachment, "data"), "subject")) or "message")
            if not str(name).lower().endswith(".msg"):
                name = f"{name}.msg"
        else:
            continue  # web links, unsupported or broken attachments
        fallback = _generated_name(mime, len(result) + 1)
        result.append(MailAttachment(_safe_filename(name, fallback), bytes(data), mime))
    return result


def _from_msg(msg: Any) -> ParsedMail:
    to, cc, bcc = _msg_recipients(msg)
    date = _get(msg, "date")
    return ParsedMail(
        subject=_clean(_get(msg, "subject")),
        sender=_clean(_get(msg, "sender")),
        to=to,
        cc=cc,
        date=_aware(date) if isinstance(date, datetime) else None,
        body=_msg_body(msg),
        attachments=_msg_attachments(msg),
        message_id=_clean(_get(msg, "messageId")) or None,
        bcc=bcc,
    )


# --------------------------------------------------------------------------------------------
# Dispatch
# --------------------------------------------------------------------------------------------


def parse_mail(data: bytes, filename: str) -> ParsedMail:
    """Parse an ``.eml`` or ``.msg`` file, recognised by its extension or its first bytes."""
    data = bytes(data)
    name = re.split(r"[\\/]", filename or "")[-1].lower()
    if data.startswith(_OLE_MAGIC):
        return parse_msg(data, filename=filename)
    if name.endswith(".msg"):
        return parse_msg(data, filename=filename)  # raises: not an OLE file
    if name.endswith((".eml", ".mht", ".mhtml")) or detect_kind(data, "") == "eml":
        return parse_eml(data, filename=filename)
    raise CasedeskError(
        f"{_label(filename, 'The file')} could not be read: it is not an e-mail file "
        "(.eml or .msg)."
    )
