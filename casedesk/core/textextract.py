"""Plain-text extraction from the documents a firm files (for the search index and previews).

Everything works on ``bytes`` held in memory: a client's document is never written to disk in
plaintext, not even to a temporary file.

Supported: PDF (pypdfium2), Word ``.docx`` (body paragraphs and tables, text boxes, headers,
footers, foot-/endnotes and comments), plain text (``.txt``, ``.md``, ``.csv``, …), HTML, and
e-mail (``.eml``, Outlook ``.msg`` – see :mod:`casedesk.core.mailparse`).  Unknown types give
``""``.  A damaged file raises :class:`~casedesk.core.errors.CasedeskError` with one sentence for
the user (e.g. ``"report.pdf" could not be read: it is not a valid PDF file.``); the caller may
still store the document, with empty text.

The type is taken from the file name's extension (then the ``mime`` argument); a file whose
bytes clearly are another supported binary format (PDF, ``.docx``, ``.msg``) is read as that
format, and a file without a usable extension is recognised by its first bytes.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import re
import threading
import warnings
import zipfile
from collections.abc import Callable
from html.parser import HTMLParser
from typing import TYPE_CHECKING

from casedesk.core.errors import CasedeskError

if TYPE_CHECKING:
    from casedesk.core.mailparse import ParsedMail

__all__ = [
    "DEFAULT_MAX_CHARS",
    "decode_text",
    "detect_kind",
    "extract_text",
    "html_bytes_to_text",
    "html_to_text",
    "mail_to_text",
    "sniff_mime",
]

#: Extracted text is cut after this many characters to protect the search index.
DEFAULT_MAX_CHARS = 5_000_000

#: A ``.docx`` whose parts would unpack to more than this is refused (zip bomb guard).
MAX_DOCX_UNPACKED_BYTES = 1024 * 1024 * 1024

# --------------------------------------------------------------------------------------------
# Type detection
# --------------------------------------------------------------------------------------------

_EXT_KIND = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".docm": "docx",
    ".dotx": "docx",
    ".dotm": "docx",
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".markdown": "text",
    ".csv": "text",
    ".tsv": "text",
    ".log": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".eml": "eml",
    ".msg": "msg",
}

_MIME_KIND = {
    "application/pdf": "pdf",
    "application/x-pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.ms-word.document.macroenabled.12": "docx",
    "text/plain": "text",
    "text/markdown": "text",
    "text/x-markdown": "text",
    "text/csv": "text",
    "text/tab-separated-values": "text",
    "text/html": "html",
    "application/xhtml+xml": "html",
    "message/rfc822": "eml",
    "application/vnd.ms-outlook": "msg",
}

_KIND_MIME = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "text": "text/plain",
    "html": "text/html",
    "eml": "message/rfc822",
    "msg": "application/vnd.ms-outlook",
}

_EXT_MIME = {
    ".pdf": "application/pdf",
    ".docx": _KIND_MIME["docx"],
    ".docm": "application/vnd.ms-word.document.macroEnabled.12",
    ".dotx": "application/vnd.openxmlformats-officedocument.wordprocessingml.template",
    ".dotm": "application/vnd.ms-word.template.macroEnabled.12",
    ".doc": "application/msword",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".xls": "application/vnd.ms-excel",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".ppt": "application/vnd.ms-powerpoint",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".rtf": "application/rtf",
    ".txt": "text/plain",
    ".text": "text/plain",
    ".log": "text/plain",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".csv": "text/csv",
    ".tsv": "text/tab-separated-values",
    ".html": "text/html",
    ".htm": "text/html",
    ".xhtml": "application/xhtml+xml",
    ".xml": "application/xml",
    ".json": "application/json",
    ".eml": "message/rfc822",
    ".msg": "application/vnd.ms-outlook",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".tif": "image/tiff",
    ".tiff": "image/tiff",
    ".bmp": "image/bmp",
    ".webp": "image/webp",
    ".zip": "application/zip",
    ".7z": "application/x-7z-compressed",
    ".ics": "text/calendar",
    ".vcf": "text/vcard",
    ".p7m": "application/pkcs7-mime",
    ".p7s": "application/pkcs7-signature",
}

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MSG_MARKER = "__properties_version1.0".encode("utf-16-le")
_ENCRYPTED_OFFICE_MARKER = "EncryptedPackage".encode("utf-16-le")
_ZIP_MAGIC = b"PK\x03\x04"
_IMAGE_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
    (b"BM", "image/bmp"),
)
_MAIL_HEADERS = frozenset(
    {
        "from",
        "to",
        "cc",
        "subject",
        "date",
        "message-id",
        "mime-version",
        "received",
        "return-path",
        "delivered-to",
        "reply-to",
        "x-mailer",
        "content-type",
    }
)
_HEADER_LINE = re.compile(rb"^([A-Za-z][A-Za-z0-9-]{0,75}):[ \t]?")

_KIND_LABEL = {
    "pdf": "PDF",
    "docx": "Word (.docx)",
    "text": "text",
    "html": "HTML",
    "eml": "e-mail (.eml)",
    "msg": "Outlook message (.msg)",
}


def _extension(filename: str) -> str:
    name = _basename(filename)
    dot = name.rfind(".")
    return name[dot:].lower() if dot > 0 else ""


def _basename(filename: str) -> str:
    return re.split(r"[\\/]", filename or "")[-1]


def _label(filename: str, fallback: str = "The document") -> str:
    name = _basename(filename).strip()
    return f'"{name}"' if name else fallback


def _zip_names(data: bytes) -> list[str]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, RuntimeError):
        return []


def _looks_like_mail(data: bytes) -> bool:
    head = data[:8192]
    if head.startswith(b"From "):  # mbox-style envelope line
        head = head.split(b"\n", 1)[-1]
    known = 0
    for line in head.splitlines():
        if not line.strip():
            break
        if line[:1] in (b" ", b"\t"):
            continue  # folded continuation line
        match = _HEADER_LINE.match(line)
        if match is None:
            return False
        if match.group(1).decode("ascii").lower() in _MAIL_HEADERS:
            known += 1
    return known >= 2


def _strong_magic(data: bytes) -> str | None:
    """A supported binary format the bytes unmistakably are, whatever the file is called."""
    if data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n\x00")[:5] == b"%PDF-":
        return "pdf"
    if data.startswith(_ZIP_MAGIC) and "word/document.xml" in _zip_names(data):
        return "docx"
    if data.startswith(_OLE_MAGIC) and _MSG_MARKER in data:
        return "msg"
    return None


def _weak_magic(data: bytes) -> str | None:
    """Best guess for a file with no usable extension or MIME type."""
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if _looks_like_mail(data):
        return "eml"
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    return None


def detect_kind(data: bytes, filename: str, mime: str | None = None) -> str | None:
    """The extractor for ``data``: ``"pdf"``, ``"docx"``, ``"text"``, ``"html"``, ``"eml"``,
    ``"msg"`` – or ``None`` when the type is not one text can be extracted from."""
    kind = _EXT_KIND.get(_extension(filename))
    if kind is None and mime:
        kind = _MIME_KIND.get(mime.split(";", 1)[0].strip().lower())
    strong = _strong_magic(data)
    if strong is not None:
        return strong
    if kind is None:
        kind = _weak_magic(data)
    return kind


def sniff_mime(data: bytes, filename: str) -> str:
    """A sensible MIME type for a document, from its bytes and its file name."""
    strong = _strong_magic(data)
    ext = _extension(filename)
    if strong is not None:
        if strong == "docx" and _EXT_KIND.get(ext) == "docx":
            return _EXT_MIME[ext]  # keep .docm/.dotx distinctions
        return _KIND_MIME[strong]
    if ext in _EXT_MIME:
        return _EXT_MIME[ext]
    for magic, mime in _IMAGE_MAGIC:
        if data.startswith(magic):
            return mime
    if data.startswith(_ZIP_MAGIC):
        names = _zip_names(data)
        if "xl/workbook.xml" in names:
            return _EXT_MIME[".xlsx"]
        if "ppt/presentation.xml" in names:
            return _EXT_MIME[".pptx"]
        return "application/zip"
    if data.startswith(_OLE_MAGIC):
        return "application/x-ole-storage"
    if data.startswith(b"{\\rtf"):
        return "application/rtf"
    weak = _weak_magic(data)
    if weak is not None:
        return _KIND_MIME[weak]
    if data and b"\x00" not in data[:8192]:
        try:
            data[:8192].decode("utf-8")
        except UnicodeDecodeError as exc:
            if exc.start < min(len(data), 8192) - 3:
                return "application/octet-stream"
        return "text/plain"
    return "application/octet-stream"


# --------------------------------------------------------------------------------------------
# Public entry point
# --------------------------------------------------------------------------------------------


def extract_text(
    data: bytes,
    filename: str,
    mime: str | None = None,
    *,
    max_chars: int | None = DEFAULT_MAX_CHARS,
) -> str:
    """The plain text of a document (``""`` for unsupported types or documents without text).

    ``max_chars`` caps the result (``None``: no cap).  Raises ``CasedeskError`` when the file is
    damaged, not what its name says, or password-protected.
    """
    if not data:
        return ""
    data = bytes(data)
    kind = detect_kind(data, filename, mime)
    if kind is None:
        return ""
    label = _label(filename)
    if data.startswith(_OLE_MAGIC) and kind == "docx" and _ENCRYPTED_OFFICE_MARKER in data:
        raise CasedeskError(f"{label} could not be read: it is password-protected.")
    extractor = _EXTRACTORS[kind]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # library warnings must not reach the user
            text = extractor(data, filename, max_chars)
    except CasedeskError:
        raise
    except Exception as exc:  # any library failure means the file is damaged
        raise CasedeskError(
            f"{label} could not be read: it is not a valid {_KIND_LABEL[kind]} file."
        ) from exc
    return _finish(text, max_chars)


_CONTROL_CHARS = dict.fromkeys(
    [c for c in range(32) if chr(c) not in "\t\n\f"] + [0x7F, 0xFFFE, 0xFFFF]
)


def _finish(text: str, max_chars: int | None) -> str:
    if max_chars is not None and len(text) > max_chars * 2:
        text = text[: max_chars * 2]  # don't clean what will be cut away anyway
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_CONTROL_CHARS)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    if max_chars is not None and len(text) > max_chars:
        text = text[:max_chars]
    return text


# --------------------------------------------------------------------------------------------
# Plain text
# --------------------------------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _bom_encoding(data: bytes) -> tuple[str, int] | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    return None


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without BOM: many zero bytes, nearly all at odd (LE) or even (BE) offsets."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    pairs = len(sample) // 2
    even = sample[0 : pairs * 2 : 2].count(0)
    odd = sample[1 : pairs * 2 : 2].count(0)
    if odd > pairs * 0.3 and even < pairs * 0.05:
        return "utf-16-le"
    if even > pairs * 0.3 and odd < pairs * 0.05:
        return "utf-16-be"
    return None


def _bomless_utf16_non_latin(data: bytes) -> str | None:
    """UTF-16 without BOM of mostly non-Latin text (Greek, Cyrillic, …): few zero bytes, but the
    high byte of each character takes only a handful of values."""
    sample = data[:4096]
    even_length = len(sample) - len(sample) % 2
    if even_length < 8:
        return None
    for encoding, high in (("utf-16-le", 1), ("utf-16-be", 0)):
        highs = sample[high:even_length:2]
        values = set(highs)
        if len(values) > 4 or max(highs.count(value) for value in values) < len(highs) / 2:
            continue  # one script block (plus some ASCII) dominates real text
        try:
            text = sample[:even_length].decode(encoding)
        except UnicodeDecodeError:
            continue
        readable = sum(ch.isprintable() or ch in "\r\n\t" for ch in text)
        if readable >= len(text) * 0.95:
            return encoding
    return None


_GREEK = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]")
_LATIN = re.compile(r"[A-Za-z]")


def _decode_legacy(data: bytes) -> str:
    """Greek Windows (cp1253) or Western Windows (cp1252) text, whichever reads better."""
    candidates: dict[str, str] = {}
    for encoding in ("cp1253", "cp1252"):
        with contextlib.suppress(UnicodeDecodeError):
            candidates[encoding] = data.decode(encoding)
    if not candidates:
        return data.decode("cp1253", errors="replace")
    if len(candidates) == 1:
        return next(iter(candidates.values()))
    # Western text read as cp1253 turns accented letters into Greek ones inside Latin words
    # ("café" -> "cafι"); real Greek text gives whole Greek words.
    greek_words = mixed_words = 0
    for word in re.findall(r"\w+", candidates["cp1253"][:200_000]):
        if _GREEK.search(word):
            if _LATIN.search(word):
                mixed_words += 1
            else:
                greek_words += 1
    return candidates["cp1252"] if mixed_words > greek_words else candidates["cp1253"]


def decode_text(data: bytes, max_chars: int | None = None) -> str:
    """Text from bytes of unknown encoding; never raises.

    Order: BOM (UTF-8/16/32), BOM-less UTF-16, UTF-8, then Greek cp1253 or Western cp1252.
    With ``max_chars`` only as many bytes as can matter are decoded.
    """
    data = bytes(data)
    bom = _bom_encoding(data)
    if bom is not None:
        encoding, skip = bom
        return _decode_chunk(data[skip:], encoding, max_chars)
    utf16 = _bomless_utf16(data)
    if utf16 is not None:
        return _decode_chunk(data, utf16, max_chars)
    chunk = data if max_chars is None else data[: max_chars * 4 + 4]
    try:
        return chunk.decode("utf-8")
    except UnicodeDecodeError as exc:
        if len(chunk) < len(data) and exc.start >= len(chunk) - 3 and exc.end == len(chunk):
            try:
                return chunk[: exc.start].decode("utf-8")  # we cut through the last character
            except UnicodeDecodeError:
                pass
    utf16 = _bomless_utf16_non_latin(data)
    if utf16 is not None:
        return _decode_chunk(data, utf16, max_chars)
    if max_chars is not None:
        data = data[: max_chars + 1]
    return _decode_legacy(data)


def _decode_chunk(data: bytes, encoding: str, max_chars: int | None) -> str:
    if max_chars is not None:
        if encoding == "utf-8":
            data = data[: (max_chars + 1) * 4]  # a character cut in two only adds one "\ufffd"
        else:
            width = 4 if "32" in encoding else 2
            data = data[: (max_chars + 1) * width]
    return data.decode(encoding, errors="replace")


def _extract_plain(data: bytes, filename: str, max_chars: int | None) -> str:
    return decode_text(data, max_chars)


# --------------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------------

_HTML_SKIP = frozenset({"script", "style", "template", "head", "title", "noscript", "svg"})
_HTML_BLOCK = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "caption", "dd", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
        "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table",
        "tbody", "thead", "tfoot", "tr", "ul",
    }
)  # fmt: skip
_HTML_CELL = frozenset({"td", "th"})
_HTML_VOID = frozenset({"br", "hr", "img", "meta", "link", "input", "col", "area", "base", "wbr"})


class _HTMLText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0
        self._pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            self._skip = 0  # sloppy pages leave <head> unclosed
        elif tag in _HTML_SKIP:
            if tag not in _HTML_VOID:
                self._skip += 1
        elif tag in _HTML_BLOCK:
            self.parts.append("\n")
            if tag == "pre":
                self._pre += 1
        elif tag in _HTML_CELL:
            self.parts.append("\t")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HTML_BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HTML_SKIP:
            if self._skip:
                self._skip -= 1
        elif tag in _HTML_BLOCK:
            self.parts.append("\n")
            if tag == "pre" and self._pre:
                self._pre -= 1

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        self.parts.append(data if self._pre else re.sub(r"\s+", " ", data))


def html_to_text(markup: str) -> str:
    """The visible text of an HTML document (scripts, styles and the head left out)."""
    parser = _HTMLText()
    try:
        parser.feed(markup)
        parser.close()
    except Exception:  # html.parser is lenient; this only guards against the unforeseen
        pass
    text = "".join(parser.parts).replace("\xa0", " ")
    lines = [line.strip(" ") for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def html_bytes_to_text(data: bytes, charset: str | None = None) -> str:
    """Like :func:`html_to_text` for undecoded bytes (BOM, ``charset`` or ``<meta charset>``)."""
    return html_to_text(_decode_html(data, charset))


def _decode_html(data: bytes, charset: str | None = None) -> str:
    if _bom_encoding(data) is None:
        declared = [charset] if charset else []
        match = _META_CHARSET.search(data[:8192])
        if match:
            declared.append(match.group(1).decode("ascii"))
        for name in declared:
            try:
                codec = codecs.lookup(name).name
            except LookupError:
                continue
            if codec == "latin-1" or codec == "iso8859-1":
                codec = "cp1252"  # what "ISO-8859-1" pages really are
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                break
    return decode_text(data)


def _extract_html(data: bytes, filename: str, max_chars: int | None) -> str:
    return html_bytes_to_text(data)


# --------------------------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------------------------

# PDFium is not thread-safe: one document at a time in this process.
_PDFIUM_LOCK = threading.Lock()


def _extract_pdf(data: bytes, filename: str, max_chars: int | None) -> str:
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    label = _label(filename)
    pages: list[str] = []
    total = 0
    with _PDFIUM_LOCK:
        try:
            pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            if getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
                raise CasedeskError(
                    f"{label} could not be read: it is password-protected."
                ) from exc
            raise CasedeskError(f"{label} could not be read: it is not a valid PDF file.") from exc
        try:
            for index in range(len(pdf)):
                try:
                    page = pdf[index]
                except pdfium.PdfiumError:
                    continue  # salvage the readable pages of a partly damaged file
                try:
                    textpage = page.get_textpage()
                    try:
                        text = textpage.get_text_range()
                    finally:
                        textpage.close()
                finally:
                    page.close()
                pages.append(text)
                total += len(text) + 2
                if max_chars is not None and total > max_chars:
                    break
        finally:
            pdf.close()
    return "\n\n".join(page.strip() for page in pages)


# --------------------------------------------------------------------------------------------
# Word .docx
# --------------------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_W_P, _W_TBL, _W_TR, _W_TC = _W + "p", _W + "tbl", _W + "tr", _W + "tc"
_W_T, _W_TAB, _W_PTAB, _W_BR, _W_CR = _W + "t", _W + "tab", _W + "ptab", _W + "br", _W + "cr"
_W_NOBREAKHYPHEN, _W_TXBX = _W + "noBreakHyphen", _W + "txbxContent"
_W_WRAPPERS = frozenset({_W + "sdt", _W + "sdtContent", _W + "customXml", _W + "smartTag"})
_W_SKIP = frozenset(
    {
        _W + name
        for name in (
            "pPr", "rPr", "tcPr", "trPr", "tblPr", "tblPrEx", "tblGrid", "sectPr", "sdtPr",
            "sdtEndPr", "moveFrom", "del", "delText", "delInstrText", "instrText",
        )
    }
    | {_MC + "Fallback"}
)  # fmt: skip


def _docx_blocks(element, out: list[str]) -> None:
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _W_SKIP:
            continue
        if tag == _W_P:
            _docx_paragraph(child, out)
        elif tag == _W_TBL:
            _docx_table(child, out)
        else:  # content controls, custom XML, tracked insertions, …
            _docx_blocks(child, out)


def _docx_paragraph(paragraph, out: list[str]) -> None:
    pieces: list[str] = []
    nested: list[str] = []

    def walk(element) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _W_SKIP:
                continue
            if tag == _W_T:
                pieces.append(child.text or "")
            elif tag in (_W_TAB, _W_PTAB):
                pieces.append("\t")
            elif tag in (_W_BR, _W_CR):
                pieces.append("\n")
            elif tag == _W_NOBREAKHYPHEN:
                pieces.append("-")
            elif tag == _W_TXBX:
                _docx_blocks(child, nested)  # text box: its own paragraphs
            else:
                walk(child)

    walk(paragraph)
    text = "".join(pieces)
    if text.strip():
        out.append(text)
    out.extend(nested)


def _docx_children(element, tag: str):
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in _W_WRAPPERS:
            yield from _docx_children(child, tag)


def _docx_table(table, out: list[str]) -> None:
    for row in _docx_children(table, _W_TR):
        cells: list[str] = []
        for cell in _docx_children(row, _W_TC):
            cell_out: list[str] = []
            _docx_blocks(cell, cell_out)
            cells.append(" ".join(" ".join(part.split()) for part in cell_out))
        if any(cells):
            out.append("\t".join(cells))


_WORD_CONTENT_TYPES = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.",
    "application/vnd.ms-word.",
)


def _extract_docx(data: bytes, filename: str, max_chars: int | None) -> str:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml.parser import parse_xml
    from docx.package import Package

    label = _label(filename)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if sum(info.file_size for info in archive.infolist()) > MAX_DOCX_UNPACKED_BYTES:
            raise CasedeskError(f"{label} could not be read: it unpacks to an implausible size.")
    package = Package.open(io.BytesIO(data))
    main = package.main_document_part
    if not main.content_type.startswith(_WORD_CONTENT_TYPES):
        raise CasedeskError(f"{label} could not be read: it is not a Word document.")
    out: list[str] = []
    body = main.element.find(_W + "body")
    _docx_blocks(body if body is not None else main.element, out)

    order = (RT.HEADER, RT.FOOTER, RT.FOOTNOTES, RT.ENDNOTES, RT.COMMENTS)
    rels = sorted(
        (rel for rel in main.rels.values() if not rel.is_external and rel.reltype in order),
        key=lambda rel: (order.index(rel.reltype), rel.rId),
    )
    seen: set[str] = set()
    for rel in rels:
        part = rel.target_part
        element = getattr(part, "element", None)
        if element is None:
            element = parse_xml(part.blob)
        part_out: list[str] = []
        _docx_blocks(element, part_out)  # <w:footnote>/<w:comment> wrappers are walked into
        text = "\n".join(part_out)
        if text.strip() and text not in seen:  # sections often repeat the same header
            seen.add(text)
            out.append(text)
    return "\n".join(out)


# --------------------------------------------------------------------------------------------
# E-mail
# --------------------------------------------------------------------------------------------


def mail_to_text(mail: ParsedMail) -> str:
    """Subject, sender, recipients, date, attachment names and body of a mail, for indexing."""
    lines = [f"Subject: {mail.subject}"]
    if mail.sender:
        lines.append(f"From: {mail.sender}")
    if mail.to:
        lines.append("To: " + ", ".join(mail.to))
    if mail.cc:
        lines.append("Cc: " + ", ".join(mail.cc))
    if mail.date is not None:
        lines.append("Date: " + mail.date.isoformat(sep=" "))
    if mail.attachments:
        lines.append("Attachments: " + ", ".join(att.filename for att in mail.attachments))
    return "\n".join(lines) + "\n\n" + mail.body


def _extract_eml(data: bytes, filename: str, max_chars: int | None) -> str:
    from casedesk.core.mailparse import parse_eml

    return mail_to_text(parse_eml(data, filename=filename))


def _extract_msg(data: bytes, filename: str, max_chars: int | None) -> str:
    from casedesk.core.mailparse import parse_msg

    return mail_to_text(parse_msg(data, filename=filename))


_EXTRACTORS: dict[str, Callable[[bytes, str, int | None], str]] = {
    "pdf": _extract_pdf,
    "docx": _extract_docx,
    "text": _extract_plain,
    "html": _extract_html,
    "eml": _extract_eml,
    "msg": _extract_msg,
}
