"""Documents: versions, encrypted de-duplicated content, full-text search, open-in-Word copies."""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path

import pytest
from sqlalchemy import func, select

from casedesk.core import search
from casedesk.core.casefile import CaseFile
from casedesk.core.errors import NotFound, PermissionDenied, ValidationError
from casedesk.core.models import AuditEntry, Blob, Contact, Matter
from casedesk.core.opened import OpenedDocuments
from casedesk.core.services import documents
from tests.support import ADMIN_PW, make_pdf


def make_docx(*paragraphs: str) -> bytes:
    import docx

    document = docx.Document()
    for p in paragraphs:
        document.add_paragraph(p)
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def make_matter(cf: CaseFile, number: str = "2026-0001", client: str = "Maria Georgiou") -> str:
    with cf.write() as s:
        c = Contact(name=client, is_client=True)
        s.add(c)
        s.flush()
        m = Matter(number=number, title=f"{client} v. Northwind", client_id=c.id)
        s.add(m)
        s.flush()
        return m.id


def hits(cf: CaseFile, query: str) -> list[search.SearchHit]:
    with cf.read() as s:
        return search.search(s, query)


@pytest.fixture
def matter(cf: CaseFile) -> str:
    return make_matter(cf)


def test_add_version_list_get_round_trip(cf: CaseFile, matter: str) -> None:
    v1 = b"first draft of the lease\n" * 10
    doc = documents.add_document(cf, matter, "lease.txt", v1, title="Lease", category="contract",
                                 doc_date="2026-11-02", author="maria", tags=["lease", "lease"])
    assert (doc.title, doc.category, doc.tags) == ("Lease", "contract", ["lease"])
    v2 = b"second draft of the lease\n" * 10
    ver = documents.add_version(cf, doc.id, "lease.txt", v2, note="after the client's call")
    assert ver.version == 2
    assert [(x.version, x.size) for x in documents.versions(cf, doc.id)] == [(1, 250), (2, 260)]
    got_ver, got = documents.get_content(cf, doc.id)
    assert (got_ver.version, got) == (2, v2)
    assert documents.get_content(cf, doc.id, 1)[1] == v1
    [row] = documents.list_documents(cf, matter)
    assert (row.id, row.versions, row.filename, row.mime) == (doc.id, 2, "lease.txt", "text/plain")
    # identical content again adds no version
    assert documents.add_version(cf, doc.id, "lease.txt", v2).version == 2
    with pytest.raises(NotFound, match="no version 7"):
        documents.get_content(cf, doc.id, 7)


def test_same_content_twice_is_stored_once(cf: CaseFile, matter: str) -> None:
    data = os.urandom(5000)
    a = documents.add_document(cf, matter, "a.bin", data)
    b = documents.add_document(cf, matter, "b.bin", data)
    assert a.id != b.id
    with cf.read() as s:
        assert s.scalar(select(func.count()).select_from(Blob)) == 1
    documents.delete_document(cf, a.id)
    assert documents.blob_count(cf) == 1  # still used by b
    documents.delete_document(cf, b.id)
    assert documents.blob_count(cf) == 0


def test_search_finds_words_inside_docx_pdf_and_txt(cf: CaseFile, matter: str) -> None:
    d1 = documents.add_document(cf, matter, "memo.docx",
                                make_docx("Summary", "The quasiperiodic tenancy clause."))
    d2 = documents.add_document(cf, matter, "order.pdf", make_pdf(["Zanzibar ordinance 12"]))
    d3 = documents.add_document(cf, matter, "notes.txt", "Ξενοδοχείο παραλία".encode())
    assert [h.ref for h in hits(cf, "quasiperiodic")] == [d1.id]
    [hit] = hits(cf, "zanzibar")
    assert (hit.ref, hit.kind, hit.title, hit.matter_number) == (d2.id, "document", "order",
                                                                 "2026-0001")
    assert [h.ref for h in hits(cf, "ξενοδοχειο")] == [d3.id]
    # the newest version replaces the old text in the index
    documents.add_version(cf, d3.id, "notes.txt", b"nothing greek any more")
    assert hits(cf, "ξενοδοχειο") == []
    # a new title is searchable, the body still is
    documents.update_metadata(cf, d2.id, title="Court order on jurisdiction")
    assert [h.title for h in hits(cf, "zanzibar jurisdiction")] == ["Court order on jurisdiction"]


def test_unreadable_file_is_stored_with_a_warning(cf: CaseFile, matter: str) -> None:
    warnings: list[str] = []
    doc = documents.add_document(cf, matter, "broken.pdf", b"%PDF-1.4 this is not a pdf",
                                 title="Broken scan", on_warning=warnings.append)
    assert len(warnings) == 1 and "broken.pdf" in warnings[0] and "stored" in warnings[0]
    assert documents.get_content(cf, doc.id)[1].startswith(b"%PDF")
    assert [h.ref for h in hits(cf, "broken scan")] == [doc.id]
    with cf.read() as s:
        from tests.support import opened_audit

        notes = [r.new for r in opened_audit(s.connection(), "entity_id = :i AND op = 'note'",
                                             {"i": doc.id})]
    assert notes == [warnings[0]]


def test_no_plaintext_on_disk(cf: CaseFile, matter: str, case_path: Path) -> None:
    sentence = "The defendant hid the emerald under the ninth floorboard of the villa."
    documents.add_document(cf, matter, "secret.txt", sentence.encode() * 3)
    documents.add_document(cf, matter, "secret.docx", make_docx(sentence))
    needles = [sentence.encode(), sentence.encode("utf-16-le"), b"ninth floorboard"]
    files = [p for p in case_path.parent.rglob("*") if p.is_file()]
    assert any(p.name.endswith("-wal") or p.suffix == ".casedesk" for p in files)
    for p in files:
        data = p.read_bytes()
        for needle in needles:
            assert needle not in data, p


def test_metadata_validation_and_errors(cf: CaseFile, matter: str) -> None:
    doc = documents.add_document(cf, matter, "x.txt", b"x", category="Court order")
    assert doc.category == "court_order"
    with pytest.raises(ValidationError, match="not a valid category"):
        documents.add_document(cf, matter, "y.txt", b"y", category="gossip")
    with pytest.raises(ValidationError, match="not a valid date"):
        documents.update_metadata(cf, doc.id, doc_date="yesterday")
    with pytest.raises(NotFound):
        documents.add_document(cf, "no-such-matter", "z.txt", b"z")
    with pytest.raises(NotFound, match=r"There is no matter numbered 1999-0001\."):
        documents.matter_by_number(cf, "1999-0001")
    updated = documents.update_metadata(cf, doc.id, author="eleni", tags=["a", "b"])
    assert (updated.author, updated.tags) == ("eleni", ["a", "b"])
    assert len(documents.list_documents(cf, matter)) == 1


def test_read_only_user_cannot_add(cf: CaseFile, matter: str, case_path: Path) -> None:
    cf.add_user("reader", "reader-pass", "read_only")
    reader = CaseFile.open(case_path, "reader", "reader-pass")
    try:
        with pytest.raises(PermissionDenied):
            documents.add_document(reader, matter, "a.txt", b"a")
        assert documents.list_documents(reader, matter) == []
    finally:
        reader.close()


# -- open in Word ------------------------------------------------------------------------------


def test_open_poll_close(cf: CaseFile, matter: str, tmp_path: Path) -> None:
    original = make_docx("Version one text.")
    doc = documents.add_document(cf, matter, "Brief draft.docx", original)
    opened = OpenedDocuments(cf, base_dir=tmp_path / "cache")
    path = opened.open(doc.id)
    assert path.name == "Brief draft.docx" and path.read_bytes() == original
    if os.name == "posix":
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
        assert stat.S_IMODE(opened.session_dir.stat().st_mode) == 0o700
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert opened.open(doc.id) == path  # already open: same copy
    assert opened.poll() == []  # untouched

    edited = make_docx("Version two text, edited in Word.")
    path.write_bytes(edited)
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 5_000_000_000))
    [new] = opened.poll()
    assert (new.document_id, new.version) == (doc.id, 2)
    assert documents.get_content(cf, doc.id)[1] == edited
    assert opened.poll() == []  # nothing more

    final = make_docx("Version three, saved just before closing.")
    path.write_bytes(final)
    last = opened.close(doc.id)
    assert last is not None and last.version == 3
    assert not path.exists() and not path.parent.exists()
    assert [v.version for v in documents.versions(cf, doc.id)] == [1, 2, 3]
    with cf.read() as s:
        notes = s.scalars(select(AuditEntry.new).where(AuditEntry.entity_id == doc.id,
                                                       AuditEntry.op == "access")).all()
    assert notes == ["opened version 1 (Brief draft.docx) in an external application"]
    assert opened.close_all() == []
    assert not (tmp_path / "cache" / cf.firm_id).exists() or not any(
        (tmp_path / "cache" / cf.firm_id).iterdir())


def test_leftovers_are_offered_then_cleaned(cf: CaseFile, matter: str, tmp_path: Path) -> None:
    base = tmp_path / "cache"
    a = documents.add_document(cf, matter, "a.txt", b"alpha v1")
    b = documents.add_document(cf, matter, "b.txt", b"beta v1")
    crashed = OpenedDocuments(cf, base_dir=base)
    pa, pb = crashed.open(a.id), crashed.open(b.id)
    pa.write_bytes(b"alpha edited before the crash")
    # the crash: the lock is released without closing anything
    assert crashed._lock_handle is not None
    crashed._lock_handle.close()

    still_running = OpenedDocuments(cf, base_dir=base)
    running_copy = still_running.open(b.id)

    fresh = OpenedDocuments(cf, base_dir=base)
    leftovers = fresh.clean_leftovers()
    assert [(x.document_id, x.based_on_version, x.path) for x in leftovers] == [(a.id, 1, pa)]
    assert not pb.exists()  # unchanged copy removed
    assert running_copy.exists()  # another running casedesk's copy is left alone
    recovered = fresh.recover_leftover(leftovers[0].path)
    assert recovered.version == 2
    assert documents.get_content(cf, a.id)[1] == b"alpha edited before the crash"
    assert not pa.exists()
    assert fresh.clean_leftovers() == []
    with pytest.raises(NotFound):
        fresh.recover_leftover(tmp_path / "elsewhere.txt")
    still_running.close_all()
    fresh.close_all()


def test_discard_leftover(cf: CaseFile, matter: str, tmp_path: Path) -> None:
    doc = documents.add_document(cf, matter, "c.txt", b"gamma")
    crashed = OpenedDocuments(cf, base_dir=tmp_path)
    path = crashed.open(doc.id)
    path.write_bytes(b"gamma changed")
    assert crashed._lock_handle is not None
    crashed._lock_handle.close()
    fresh = OpenedDocuments(cf, base_dir=tmp_path)
    [left] = fresh.clean_leftovers()
    fresh.discard_leftover(left.path)
    assert not path.exists()
    assert [v.version for v in documents.versions(cf, doc.id)] == [1]


def test_read_only_user_gets_a_read_only_copy(cf: CaseFile, matter: str, case_path: Path,
                                              tmp_path: Path) -> None:
    doc = documents.add_document(cf, matter, "r.txt", b"read me")
    cf.add_user("reader", "reader-pass", "read_only")
    reader = CaseFile.open(case_path, "reader", "reader-pass")
    try:
        opened = OpenedDocuments(reader, base_dir=tmp_path)
        path = opened.open(doc.id)
        if os.name == "posix":
            assert not os.access(path, os.W_OK) or os.geteuid() == 0
        assert opened.close(doc.id) is None
        assert not path.exists()
        opened.close_all()
    finally:
        reader.close()
    assert ADMIN_PW  # the admin's case file stays usable
    assert len(documents.versions(cf, doc.id)) == 1
