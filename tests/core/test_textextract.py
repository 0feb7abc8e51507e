"""Text extraction from documents: synthetic fixtures built in memory, plus the shared samples."""

from __future__ import annotations

import builtins
import io
import os
from email.message import EmailMessage
from pathlib import Path

import pytest

from casedesk.core.errors import CasedeskError
from casedesk.core.textextract import (
    DEFAULT_MAX_CHARS,
    decode_text,
    detect_kind,
    extract_text,
    html_to_text,
    sniff_mime,
)
from tests.support import make_pdf

REPO_ROOT = Path(__file__).resolve().parents[2]
SAMPLES = REPO_ROOT.parent / "shared" / "samples"
MSG_SAMPLES = SAMPLES / "msg"

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


# --------------------------------------------------------------------------------------------
# Fixture builders (test data only, all in memory)
# --------------------------------------------------------------------------------------------


def make_docx() -> bytes:
    import docx

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Privileged and confidential header"
    document.sections[0].footer.paragraphs[0].text = "Footer of the firm"
    document.add_paragraph("Opening paragraph about the lease.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Party"
    table.cell(0, 1).text = "Role"
    table.cell(1, 0).text = "Παπαδόπουλος"
    table.cell(1, 1).text = "Quixotically landlord"
    document.add_paragraph("Closing paragraph.")
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def make_eml() -> bytes:
    message = EmailMessage()
    message["Subject"] = "Αγωγή αποζημίωσης – φάκελος 12"
    message["From"] = "Γιώργος Παπαδόπουλος <g.papadopoulos@example.gr>"
    message["To"] = "office@example-law.gr"
    message["Date"] = "Tue, 04 Mar 2025 10:15:00 +0200"
    message.set_content("Σας στέλνω το υπόμνημα. Marker word: zeppelin.")
    message.add_attachment(b"%PDF-1.4 fake", maintype="application", subtype="pdf",
                           filename="υπόμνημα.pdf")  # fmt: skip
    return message.as_bytes()


# --------------------------------------------------------------------------------------------
# .docx
# --------------------------------------------------------------------------------------------


def test_docx_paragraphs_tables_headers_and_footers() -> None:
    text = extract_text(make_docx(), "lease.docx")
    assert "Opening paragraph about the lease." in text
    assert "Quixotically landlord" in text
    assert "Παπαδόπουλος" in text
    assert "Privileged and confidential header" in text
    assert "Footer of the firm" in text
    # document order is kept: paragraph, table, paragraph
    assert text.index("Opening") < text.index("Quixotically") < text.index("Closing")
    # table cells of a row stay on one line
    assert "Παπαδόπουλος\tQuixotically landlord" in text


def test_docx_content_controls_text_boxes_and_tracked_changes() -> None:
    import docx
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    mc = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    document = docx.Document()
    body = document.element.body
    sect_pr = body[-1]
    sect_pr.addprevious(
        parse_xml(
            f"<w:sdt {w}><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>ControlledText</w:t></w:r>"
            "</w:p></w:sdtContent></w:sdt>"
        )
    )
    sect_pr.addprevious(
        parse_xml(
            f"<w:p {w} {mc}><w:r><w:t>Before</w:t></w:r><w:r><mc:AlternateContent><mc:Choice "
            'Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>BoxText</w:t></w:r></w:p>'
            "</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p>"
            "<w:r><w:t>BoxText</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback>"
            "</mc:AlternateContent></w:r></w:p>"
        )
    )
    sect_pr.addprevious(
        parse_xml(
            f"<w:p {w}><w:ins><w:r><w:t>InsertedWord</w:t></w:r></w:ins><w:del><w:r>"
            "<w:delText>DeletedWord</w:delText></w:r></w:del><w:r><w:tab/><w:t>After"
            "</w:t></w:r></w:p>"
        )
    )
    stream = io.BytesIO()
    document.save(stream)
    text = extract_text(stream.getvalue(), "controls.docx")
    assert "ControlledText" in text
    assert text.count("BoxText") == 1
    assert "InsertedWord\tAfter" in text
    assert "DeletedWord" not in text


def test_docx_recognised_by_content_when_misnamed_or_unnamed() -> None:
    data = make_docx()
    assert "Quixotically" in extract_text(data, "scan.pdf")
    assert "Quixotically" in extract_text(data, "attachment")
    assert detect_kind(data, "") == "docx"


def test_random_bytes_named_docx_is_a_clear_error() -> None:
    noise = bytes(range(256)) * 40
    with pytest.raises(
        CasedeskError, match=r'"contract\.docx" could not be read: it is not a valid'
    ):
        extract_text(noise, "contract.docx")


def test_zip_without_word_document_named_docx_is_an_error() -> None:
    import zipfile

    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        archive.writestr("hello.txt", "not a word file")
    with pytest.raises(CasedeskError, match="not a valid Word"):
        extract_text(stream.getvalue(), "contract.docx")


def test_encrypted_office_file_is_reported_as_password_protected() -> None:
    fake_ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
    fake_ole += "EncryptedPackage".encode("utf-16-le") + b"\x00" * 600
    with pytest.raises(CasedeskError, match="password-protected"):
        extract_text(fake_ole, "secret.docx")


# --------------------------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------------------------


def test_pdf_text_page_by_page() -> None:
    data = make_pdf(["First page mentions aardvark.", "Second page mentions zebra."])
    text = extract_text(data, "brief.pdf")
    assert "aardvark" in text
    assert "zebra" in text
    assert text.index("aardvark") < text.index("zebra")
    assert extract_text(data, "no-extension") == text  # found by its %PDF header
    assert extract_text(data, "x.bin", mime="application/pdf") == text


def test_pdf_many_pages_all_extracted() -> None:
    data = make_pdf([f"Page number {n} token{n}x" for n in range(120)])
    text = extract_text(data, "long.pdf")
    assert "token0x" in text
    assert "token119x" in text


def test_truncated_pdf_is_a_clear_error() -> None:
    data = make_pdf(["Some text that will be cut away."])
    with pytest.raises(CasedeskError) as info:
        extract_text(data[:200], "cut.pdf")
    assert str(info.value) == '"cut.pdf" could not be read: it is not a valid PDF file.'
    assert not isinstance(info.value.__cause__, CasedeskError)  # the library error is chained


def test_garbage_named_pdf_is_a_clear_error() -> None:
    with pytest.raises(CasedeskError, match="not a valid PDF file"):
        extract_text(b"this is not a pdf at all" * 10, "x.pdf")


def test_pdf_without_text_gives_empty_string() -> None:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    pdf.new_page(595, 842).close()
    out = io.BytesIO()
    pdf.save(out)
    pdf.close()
    assert extract_text(out.getvalue(), "scan.pdf") == ""


# --------------------------------------------------------------------------------------------
# Plain text and encodings
# --------------------------------------------------------------------------------------------

GREEK = "Καλημέρα σας, κύριε Παπαδόπουλε. Η δικάσιμος ορίστηκε για την Τρίτη."
WESTERN = "Café résumé: Grüße aus Köln, naïve façade, señor."


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        (GREEK.encode("utf-8"), GREEK),
        (b"\xef\xbb\xbf" + GREEK.encode("utf-8"), GREEK),
        (GREEK.encode("utf-16"), GREEK),  # with BOM
        (GREEK.encode("utf-16-be"), GREEK),  # no BOM
        (GREEK.encode("utf-16-le"), GREEK),  # no BOM
        (GREEK.encode("utf-32"), GREEK),
        (GREEK.encode("cp1253"), GREEK),
        (WESTERN.encode("cp1252"), WESTERN),
        (WESTERN.encode("utf-8"), WESTERN),
    ],
    ids=["utf8", "utf8-bom", "utf16", "utf16be", "utf16le", "utf32", "cp1253", "cp1252", "w-utf8"],
)
def test_text_encodings(payload: bytes, expected: str) -> None:
    assert decode_text(payload) == expected
    assert extract_text(payload, "note.txt") == expected


def test_text_files_written_to_disk_and_read_back(tmp_path: Path) -> None:
    (tmp_path / "utf16.txt").write_text(GREEK, encoding="utf-16")
    (tmp_path / "greek.csv").write_bytes(("όνομα;ποσό\n" + GREEK).encode("cp1253"))
    (tmp_path / "notes.md").write_text("# Τίτλος\n\n" + WESTERN, encoding="utf-8")
    for path in tmp_path.iterdir():
        text = extract_text(path.read_bytes(), path.name)
        assert GREEK in text or WESTERN in text, path.name


def test_undecodable_text_never_crashes() -> None:
    nasty = bytes([0x81, 0xAA, 0xD2, 0xFF, 0x8D, 0x41, 0x42]) * 50
    text = extract_text(nasty, "weird.txt")
    assert "AB" in text


def test_newlines_normalised_and_controls_removed() -> None:
    text = extract_text(b"one\r\ntwo\rthree\x00\x07four", "a.txt")
    assert text == "one\ntwo\nthreefour"


def test_utf8_cut_inside_a_character_by_the_cap_stays_utf8() -> None:
    data = ("α" * 100).encode("utf-8")
    assert decode_text(data, max_chars=9).startswith("α" * 9)
    assert extract_text(data, "a.txt", max_chars=9) == "α" * 9


def test_text_is_capped() -> None:
    data = b"word " * 1000
    assert len(extract_text(data, "big.txt", max_chars=100)) == 100
    assert len(extract_text(data, "big.txt", max_chars=None)) == len(data.strip())
    assert DEFAULT_MAX_CHARS == 5_000_000


def test_pdf_is_capped() -> None:
    data = make_pdf(["A" * 50] * 10)
    assert len(extract_text(data, "a.pdf", max_chars=120)) == 120


# --------------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------------


def test_html_tags_scripts_and_styles_removed() -> None:
    markup = (
        "<!DOCTYPE html><html><head><title>T</title><style>p {color: red}</style></head>"
        "<body><script>var secret = 1;</script><h1>Heading</h1>"
        "<p>First&nbsp;para &amp; more</p><p>Second<br>line</p>"
        "<table><tr><td>a</td><td>b</td></tr></table></body></html>"
    )
    text = extract_text(markup.encode("utf-8"), "page.html")
    assert "secret" not in text
    assert "color" not in text
    assert "First para & more" in text
    assert "Second\nline" in text
    assert "Heading" in text
    assert html_to_text("<p>x</p>") == "x"
    assert html_to_text("<html><head><title>t</title><body><p>unclosed head</p>") == "unclosed head"


def test_html_meta_charset_respected() -> None:
    markup = '<html><head><meta charset="windows-1253"></head><body>' + GREEK + "</body></html>"
    assert GREEK in extract_text(markup.encode("cp1253"), "page.htm")


# --------------------------------------------------------------------------------------------
# E-mail through extract_text
# --------------------------------------------------------------------------------------------


def test_eml_gives_headers_and_body() -> None:
    text = extract_text(make_eml(), "mail.eml")
    assert "Subject: Αγωγή αποζημίωσης – φάκελος 12" in text
    assert "From: Γιώργος Παπαδόπουλος <g.papadopoulos@example.gr>" in text
    assert "To: office@example-law.gr" in text
    assert "Date: 2025-03-04 10:15:00+02:00" in text
    assert "Attachments: υπόμνημα.pdf" in text
    assert "zeppelin" in text
    assert extract_text(make_eml(), "") == text  # recognised by its headers


def test_garbage_eml_is_a_clear_error() -> None:
    with pytest.raises(CasedeskError, match=r'"x\.eml" could not be read'):
        extract_text(bytes(range(256)), "x.eml")


def test_garbage_msg_is_a_clear_error() -> None:
    with pytest.raises(
        CasedeskError, match=r'"x\.msg" could not be read: it is not a valid Outlook'
    ):
        extract_text(b"\x00\x01garbage" * 100, "x.msg")


@pytest.mark.skipif(not MSG_SAMPLES.is_dir(), reason=f"shared samples not found at {SAMPLES}")
def test_msg_sample_text() -> None:
    data = (MSG_SAMPLES / "unicode.msg").read_bytes()
    text = extract_text(data, "unicode.msg")
    assert "Subject: Test for TIF files" in text
    assert "Date: 2013-11-18" in text
    assert "MS Outlook MSG Extractor" in text
    assert extract_text(data, "mail.bin") == text  # recognised by content


# --------------------------------------------------------------------------------------------
# Unknown types, sniffing
# --------------------------------------------------------------------------------------------


def test_unknown_types_give_empty_text() -> None:
    assert extract_text(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "photo.png") == ""
    assert extract_text(bytes(range(256)) * 8, "blob.xyz") == ""
    assert extract_text(b"", "empty.pdf") == ""


def test_sniff_mime() -> None:
    assert sniff_mime(make_pdf(["x"]), "a.pdf") == "application/pdf"
    assert sniff_mime(make_pdf(["x"]), "noname") == "application/pdf"
    assert sniff_mime(make_docx(), "a.docx") == DOCX_MIME
    assert sniff_mime(make_docx(), "download") == DOCX_MIME
    assert sniff_mime(make_eml(), "mail") == "message/rfc822"
    assert sniff_mime(b"\x89PNG\r\n\x1a\n" + b"\x00" * 10, "image") == "image/png"
    assert sniff_mime(b"\xff\xd8\xff\xe0" + b"\x00" * 10, "photo.jpg") == "image/jpeg"
    assert sniff_mime(GREEK.encode("utf-8"), "notes") == "text/plain"
    assert sniff_mime(b"a,b\n1,2\n", "table.csv") == "text/csv"
    assert sniff_mime(b"\x00\x01\x02\xff" * 10, "blob") == "application/octet-stream"


@pytest.mark.skipif(not MSG_SAMPLES.is_dir(), reason=f"shared samples not found at {SAMPLES}")
def test_sniff_mime_msg() -> None:
    data = (MSG_SAMPLES / "strangeDate.msg").read_bytes()
    assert sniff_mime(data, "strangeDate.msg") == "application/vnd.ms-outlook"
    assert sniff_mime(data, "unknown") == "application/vnd.ms-outlook"


# --------------------------------------------------------------------------------------------
# Nothing is written to disk
# --------------------------------------------------------------------------------------------


def test_extraction_never_writes_files(monkeypatch: pytest.MonkeyPatch) -> None:
    inputs = [(make_docx(), "a.docx"), (make_pdf(["x"]), "a.pdf"), (make_eml(), "a.eml")]
    inputs += [(GREEK.encode("utf-16"), "a.txt"), (b"<p>x</p>", "a.html")]
    if MSG_SAMPLES.is_dir():
        inputs.append(((MSG_SAMPLES / "unicode.msg").read_bytes(), "a.msg"))
    real_open, real_os_open = builtins.open, os.open
    writes: list[str] = []

    def guarded_open(file, mode="r", *args, **kwargs):
        if any(flag in mode for flag in "wax+"):
            writes.append(str(file))
        return real_open(file, mode, *args, **kwargs)

    def guarded_os_open(path, flags, *args, **kwargs):
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            writes.append(str(path))
        return real_os_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded_open)
    monkeypatch.setattr(io, "open", guarded_open)
    monkeypatch.setattr(os, "open", guarded_os_open)
    for data, name in inputs:
        extract_text(data, name)
    assert writes == []


def test_other_office_file_named_docx_is_an_error() -> None:
    import zipfile

    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>",
        )
        archive.writestr(
            "xl/workbook.xml",
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>',
        )
    with pytest.raises(CasedeskError, match="not a Word document"):
        extract_text(stream.getvalue(), "sheet.docx")
