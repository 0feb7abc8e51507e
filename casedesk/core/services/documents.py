"""Documents of a matter: content, versions, metadata and full-text indexing.

Where the content lives
-----------------------
Every version's bytes are kept **inside the SQLCipher case file**, in the ``blobs`` table keyed by
the SHA-256 of the content (the same bytes added twice, to any matter, are stored once).  The
alternative - content-addressed files beside the case file, each encrypted with
``cf.subkey("blobs")`` (AES-256-GCM) - was measured with ``benchmarks/bench_documents.py``
(``--compare-storage``) with 20 MB of content on the development machine: writing it into the
database took about 0.30 s and writing an encrypted, fsynced blob file about 0.05 s; reading back
0.12 s against 0.09 s.  The difference is small next to the whole operation (adding a 20 MB,
300-page PDF with its text extraction takes about 1.3 s, within the 2 s target), and the
in-database choice is the robust one:

* a document and its metadata are committed in one transaction: a crash never leaves a version
  without content or an orphan file;
* the case file stays one file: the existing backups, ``check``, the key slots and any copy a
  user makes carry the documents with them;
* nothing else has to be encrypted, named, garbage-collected or kept in step by hand.

Nothing readable reaches the disk: content goes from memory into SQLCipher (pages and WAL are
encrypted, temporary tables are in memory) and text is extracted in memory.  Only
:func:`export_document` and :mod:`casedesk.core.opened` write plaintext, because the user asked.

Search
------
The audit hook indexes matters, contacts and correspondence by itself; documents are indexed
here, in the same write transaction: kind ``document``, ref = document id, title = the document's
title, body = the text of its newest version.  A file whose text cannot be extracted (damaged,
password-protected, scanned without text) is still stored - only its title is indexed - and the
reason is passed to ``on_warning`` and kept as a note in the audit trail.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from casedesk.core import audit, search, walls
from casedesk.core import validate as v
from casedesk.core.casefile import CaseFile
from casedesk.core.docmodels import Template
from casedesk.core.errors import CasedeskError, NotFound, ValidationError
from casedesk.core.fsutil import atomic_write, os_error
from casedesk.core.models import (
    Blob,
    CorrespondenceDocument,
    Document,
    DocumentCategory,
    DocumentVersion,
    Matter,
)
from casedesk.core.permissions import Right
from casedesk.core.textextract import extract_text, sniff_mime

#: Largest file casedesk accepts as one document version.
MAX_DOCUMENT_BYTES = 512 * 1024 * 1024

Warn = Callable[[str], None]

CATEGORY_LABELS = {c.value: c.value.replace("_", " ").capitalize() for c in DocumentCategory}
_UNSAFE_NAME = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')


# -- content blobs --------------------------------------------------------------------------------


def put_blob(session: Session, data: bytes, digest: str | None = None) -> str:
    """Store ``data`` once (keyed by its SHA-256) and return the hash."""
    digest = digest or hashlib.sha256(data).hexdigest()
    exists = session.scalar(select(Blob.sha256).where(Blob.sha256 == digest))
    if exists is None:
        session.execute(insert(Blob), [{"sha256": digest, "size": len(data), "data": data}])
    return digest


def read_blob(session: Session, digest: str) -> bytes:
    data = session.scalar(select(Blob.data).where(Blob.sha256 == digest))
    if data is None:
        raise CasedeskError(
            f"The content {digest[:12]}… is missing from the case file; run `casedesk check`."
        )
    return bytes(data)


def drop_unused_blobs(session: Session, digests: Iterable[str]) -> None:
    """Delete blobs that no document version and no template refers to any more."""
    for digest in set(digests):
        used = session.scalar(select(DocumentVersion.id).where(DocumentVersion.sha256 == digest)
                              .limit(1))
        used = used or session.scalar(select(Template.id).where(Template.sha256 == digest)
                                      .limit(1))
        if used is None:
            session.query(Blob).filter(Blob.sha256 == digest).delete()


# -- preparing a file -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Prepared:
    """A file read into memory and examined before any write transaction starts."""

    filename: str
    data: bytes
    sha256: str
    mime: str
    text: str
    warning: str | None


def clean_filename(filename: str) -> str:
    name = re.split(r"[\\/]", filename or "")[-1].strip()
    name = _UNSAFE_NAME.sub("_", name).strip(". ")
    if not name:
        raise ValidationError("The file needs a name.", field="filename")
    if len(name) > 255:
        stem, dot, ext = name.rpartition(".")
        name = (stem[: 250 - len(ext)] + dot + ext) if dot and len(ext) < 10 else name[:255]
    return name


def prepare(filename: str, data: bytes) -> Prepared:
    """Hash, type and extract the text of a file (the slow part, done outside a transaction)."""
    name = clean_filename(filename)
    data = bytes(data)
    if len(data) > MAX_DOCUMENT_BYTES:
        raise ValidationError(
            f"{name} is {len(data) // (1024 * 1024)} MB; casedesk keeps documents of at most "
            f"{MAX_DOCUMENT_BYTES // (1024 * 1024)} MB.", field="file")
    warning = None
    try:
        text = extract_text(data, name)
    except CasedeskError as exc:
        text = ""
        warning = f"{exc} It was stored, but only its title can be searched."
    else:
        if not text.strip() and sniff_mime(data, name).startswith(("application/pdf", "image/")):
            warning = (f'"{name}" contains no text that can be searched (a scan?); it was '
                       "stored, and its title can be searched.")
    return Prepared(name, data, hashlib.sha256(data).hexdigest(), sniff_mime(data, name), text,
                    warning)


def read_file(path: Path) -> bytes:
    """Read a file the user named, with clear errors for a missing or unreadable path."""
    path = Path(path)
    if not path.exists():
        raise NotFound(f"There is no file {path}.")
    if path.is_dir():
        raise ValidationError(f"{path} is a folder, not a file.", field="file")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise CasedeskError(f"{path} could not be read ({exc.strerror}).") from None


# -- search index ---------------------------------------------------------------------------------


def document_index_entry(doc: Any, filename: str, text: str) -> search.IndexDoc:
    """A document's search entry: title, category and file name shown, the text searched."""
    subtitle = f"{CATEGORY_LABELS.get(doc.category, doc.category)} · {filename}"
    body = " ".join([filename, doc.author or "", " ".join(doc.tags or []), text])
    return search.IndexDoc(doc.id, "document", doc.matter_id, doc.title, subtitle, body)


def index_document(session: Session, doc: Document, filename: str, text: str) -> None:
    """(Re-)index a document (see :func:`document_index_entry`)."""
    conn = session.connection()
    search.remove(conn, [doc.id])
    search.add(conn, [document_index_entry(doc, filename, text)])


# -- queries ------------------------------------------------------------------------------------


def matter_by_number(cf: CaseFile, number: str) -> Matter:
    cf.require(Right.VIEW, "view matters")
    with cf.read() as s:
        m = s.scalar(select(Matter).where(Matter.number == number.strip()))
        if m is None:
            raise NotFound(f"There is no matter numbered {number}.")
        return m


def _matter(s: Session, matter_id: str) -> Matter:
    m = s.get(Matter, matter_id)
    if m is None:
        raise NotFound("That matter does not exist (it may have been deleted).")
    return m


def _document(s: Session, document_id: str) -> Document:
    d = s.get(Document, document_id)
    if d is None:
        raise NotFound(f"There is no document with id {document_id}.")
    return d


def _newest(s: Session, document_id: str) -> DocumentVersion:
    ver = s.scalar(select(DocumentVersion).where(DocumentVersion.document_id == document_id)
                   .order_by(DocumentVersion.version.desc()).limit(1))
    if ver is None:
        raise NotFound(f"The document {document_id} has no stored version.")
    return ver


@dataclass(frozen=True)
class DocumentInfo:
    """One document as listed on a matter (newest version's file facts)."""

    id: str
    matter_id: str
    title: str
    category: str
    doc_date: date | None
    author: str | None
    tags: list[str]
    versions: int
    filename: str
    size: int
    mime: str
    added_at: datetime
    updated_at: datetime


def list_documents(cf: CaseFile, matter_id: str) -> list[DocumentInfo]:
    """A matter's documents, newest document date (else newest addition) first."""
    cf.require(Right.VIEW, "view documents")
    with cf.read() as s:
        _matter(s, matter_id)
        docs = list(s.scalars(select(Document).where(Document.matter_id == matter_id)))
        newest: dict[str, DocumentVersion] = {}
        counts: dict[str, int] = {}
        if docs:
            rows = s.scalars(select(DocumentVersion)
                             .where(DocumentVersion.document_id.in_([d.id for d in docs]))
                             .order_by(DocumentVersion.version))
            for ver in rows:
                newest[ver.document_id] = ver
                counts[ver.document_id] = counts.get(ver.document_id, 0) + 1
    out = []
    for d in docs:
        ver = newest.get(d.id)
        out.append(DocumentInfo(
            d.id, d.matter_id, d.title, d.category, d.doc_date, d.author, list(d.tags or []),
            counts.get(d.id, 0), ver.filename if ver else "", ver.size if ver else 0,
            ver.mime if ver else "", d.created_at, d.updated_at))
    out.sort(key=lambda i: (i.doc_date or i.added_at.date(), i.added_at), reverse=True)
    return out


def get_document(cf: CaseFile, document_id: str) -> Document:
    cf.require(Right.VIEW, "view documents")
    with cf.read() as s:
        return _document(s, document_id)


def versions(cf: CaseFile, document_id: str) -> list[DocumentVersion]:
    """Every stored version of a document, oldest first."""
    cf.require(Right.VIEW, "view documents")
    with cf.read() as s:
        _document(s, document_id)
        return list(s.scalars(select(DocumentVersion)
                              .where(DocumentVersion.document_id == document_id)
                              .order_by(DocumentVersion.version)))


def get_content(cf: CaseFile, document_id: str, version: int | None = None
                ) -> tuple[DocumentVersion, bytes]:
    """A version (the newest by default) and its bytes, in memory.  Reading a walled matter's
    document is logged (who, when)."""
    cf.require(Right.VIEW, "view documents")
    with cf.read() as s:
        ver, data = _load_version(s, cf, document_id, version)
        walled = walls.is_walled(s, _document(s, document_id).matter_id)
    if walled:
        with cf.write() as w:
            audit.record_event(w, "document", document_id, "access",
                               f"read version {ver.version} ({ver.filename}) of a walled matter")
    return ver, data


def _load_version(s: Session, cf: CaseFile, document_id: str, version: int | None
                  ) -> tuple[DocumentVersion, bytes]:
    doc = _document(s, document_id)
    if version is None:
        ver = _newest(s, document_id)
    else:
        found = s.scalar(select(DocumentVersion).where(
            DocumentVersion.document_id == document_id, DocumentVersion.version == version))
        if found is None:
            raise NotFound(f"The document has no version {version}.")
        ver = found
    data = read_blob(s, ver.sha256)
    if walls.is_sealed(data):
        key = walls.matter_key(s, cf, doc.matter_id)
        if key is None:
            raise CasedeskError("This document's content is sealed but its matter has no wall "
                                "any more; run `casedesk check`.")
        data, _text = walls.open_content(key, doc.matter_id, ver.sha256, data)
    return ver, data


def export_document(cf: CaseFile, document_id: str, out: Path, version: int | None = None
                    ) -> DocumentVersion:
    """Write a version's bytes to ``out`` (the user's explicit export), audited."""
    cf.require(Right.EXPORT, "export documents")
    out = Path(out)
    if out.is_dir():
        raise ValidationError(f"{out} is a folder; give a file name.", field="out")
    if not out.parent.is_dir():
        raise NotFound(f"The folder {out.parent} does not exist.")
    with cf.write() as s:
        ver, data = _load_version(s, cf, document_id, version)
        try:
            atomic_write(out, data)
        except OSError as exc:
            raise os_error(exc, out) from exc
        audit.record_event(s, "document", document_id, "access",
                   f"exported version {ver.version} ({ver.filename}) to {out.name}")
    return ver


# -- writing --------------------------------------------------------------------------------


def _tags(value: Any) -> list[str]:
    if isinstance(value, (tuple, set, frozenset)):
        value = list(value)
    return v.string_list(value, "tags")


def _metadata(values: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if "title" in values:
        out["title"] = v.text(values["title"], "title", required=True, max_len=500)
    if "category" in values:
        out["category"] = v.choice(values["category"], DocumentCategory, "category",
                                   default=DocumentCategory.OTHER)
    if "doc_date" in values:
        out["doc_date"] = v.parse_date(values["doc_date"], "doc_date")
    if "author" in values:
        out["author"] = v.text(values["author"], "author", max_len=200)
    if "tags" in values:
        out["tags"] = _tags(values["tags"])
    return out


def default_title(filename: str) -> str:
    stem = Path(filename).stem if "." in filename else filename
    return stem.replace("_", " ").strip() or filename


def add_document(
    cf: CaseFile, matter_id: str, filename: str, data: bytes, *, title: str | None = None,
    category: str = "other", doc_date: date | str | None = None, author: str | None = None,
    tags: Sequence[str] = (), note: str | None = None, on_warning: Warn | None = None,
) -> Document:
    """Add a file to a matter as a new document (version 1); returns the document.

    When the text cannot be extracted the document is still stored (its title is searchable)
    and ``on_warning`` receives the reason.
    """
    cf.require(Right.EDIT, "add documents")
    prepared = prepare(filename, data)
    meta = _metadata({"title": title or default_title(prepared.filename), "category": category,
                      "doc_date": doc_date, "author": author, "tags": tags})
    with cf.write() as s:
        doc = add_prepared(s, cf, matter_id, prepared, meta, note=note)
    if prepared.warning and on_warning:
        on_warning(prepared.warning)
    return doc


def add_prepared(s: Session, cf: CaseFile, matter_id: str, prepared: Prepared,
                 meta: dict[str, Any], *, note: str | None = None) -> Document:
    """Add a prepared file as a new document inside an open write session.  In a walled
    matter the content and its text are sealed under the matter's key and the text stays out
    of the firm-wide index (see :mod:`casedesk.core.walls`)."""
    _matter(s, matter_id)
    digest, text = _store(s, cf, matter_id, prepared)
    doc = Document(matter_id=matter_id, **meta)
    doc.versions.append(DocumentVersion(
        version=1, filename=prepared.filename, sha256=digest, size=len(prepared.data),
        mime=prepared.mime, added_by=cf.user.username, note=note))
    s.add(doc)
    s.flush()
    index_document(s, doc, prepared.filename, text)
    if prepared.warning:
        audit.record_event(s, "document", doc.id, "note", prepared.warning)
    return doc


def _store(s: Session, cf: CaseFile, matter_id: str, prepared: Prepared) -> tuple[str, str]:
    """Store the content (sealed in a walled matter); returns its id and the text to index."""
    key = walls.matter_key(s, cf, matter_id)
    if key is None:
        put_blob(s, prepared.data, prepared.sha256)
        return prepared.sha256, prepared.text
    return walls.store_content(s, key, matter_id, prepared.data, prepared.text), ""


def add_version(cf: CaseFile, document_id: str, filename: str, data: bytes,
                note: str | None = None, *, on_warning: Warn | None = None) -> DocumentVersion:
    """Store new content for a document as its next version (every version is kept).

    Content identical to the newest version (same bytes, same name) adds nothing and returns
    that version.
    """
    cf.require(Right.EDIT, "add document versions")
    prepared = prepare(filename, data)
    with cf.write() as s:
        ver = add_prepared_version(s, cf, document_id, prepared, note)
    if prepared.warning and on_warning:
        on_warning(prepared.warning)
    return ver


def add_prepared_version(s: Session, cf: CaseFile, document_id: str, prepared: Prepared,
                         note: str | None) -> DocumentVersion:
    doc = _document(s, document_id)
    newest = _newest(s, document_id)
    key = walls.matter_key(s, cf, doc.matter_id)
    same = prepared.sha256 if key is None else walls.content_id(key, prepared.data)
    if newest.sha256 == same and newest.filename == prepared.filename:
        return newest
    digest, text = _store(s, cf, doc.matter_id, prepared)
    ver = DocumentVersion(document_id=doc.id, version=newest.version + 1,
                          filename=prepared.filename, sha256=digest,
                          size=len(prepared.data), mime=prepared.mime,
                          added_by=cf.user.username, note=v.text(note, "note", max_len=2000))
    s.add(ver)
    doc.updated_at = datetime.now(UTC)  # the document changed: it sorts as recently changed
    s.flush()
    index_document(s, doc, prepared.filename, text)
    if prepared.warning:
        audit.record_event(s, "document", doc.id, "note", prepared.warning)
    return ver


def update_metadata(cf: CaseFile, document_id: str, **changes: Any) -> Document:
    """Change title, category, doc_date, author and/or tags (audited field by field)."""
    cf.require(Right.EDIT, "edit documents")
    unknown = set(changes) - {"title", "category", "doc_date", "author", "tags"}
    if unknown:
        raise ValidationError(f"Unknown document field '{sorted(unknown)[0]}'.")
    values = _metadata(changes)
    with cf.read() as s:
        doc = _document(s, document_id)
        needs_index = any(getattr(doc, k) != values[k] for k in values)
        ver, data = _newest(s, document_id), b""
        if needs_index:
            data = read_blob(s, ver.sha256)
    text = ""
    if needs_index and not walls.is_sealed(data):  # walled text stays out of the index
        try:
            text = extract_text(data, ver.filename)
        except CasedeskError:
            text = ""
    with cf.write() as s:
        doc = _document(s, document_id)
        changed = False
        for key, value in values.items():
            if getattr(doc, key) != value:
                setattr(doc, key, value)
                changed = True
        if changed:
            s.flush()
            index_document(s, doc, ver.filename, text)
    return doc


def delete_document(cf: CaseFile, document_id: str) -> None:
    """Delete a document with all its versions (content no longer used anywhere goes too)."""
    cf.require(Right.DELETE, "delete documents")
    with cf.write() as s:
        doc = _document(s, document_id)
        digests = [ver.sha256 for ver in doc.versions]
        for link in s.scalars(select(CorrespondenceDocument)
                              .where(CorrespondenceDocument.document_id == document_id)):
            s.delete(link)
        s.delete(doc)
        s.flush()
        search.remove(s.connection(), [document_id])
        drop_unused_blobs(s, digests)


def blob_count(cf: CaseFile) -> int:
    """How many distinct contents the case file holds (for maintenance views and tests)."""
    with cf.read() as s:
        return int(s.scalar(select(func.count()).select_from(Blob)) or 0)
