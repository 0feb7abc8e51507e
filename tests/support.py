"""Constants and helpers shared by tests."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO.parent / "shared" / "samples"
ADMIN_PW = "admin-pass"


def make_pdf(pages: list[str]) -> bytes:
    """A real PDF with one line of Helvetica text per page, made with PDFium itself."""
    import ctypes
    import io

    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    pdf = pdfium.PdfDocument.new()
    try:
        for line in pages:
            page = pdf.new_page(595, 842)
            text_obj = pdfium_c.FPDFPageObj_NewTextObj(pdf.raw, b"Helvetica", ctypes.c_float(12))
            encoded = (line + "\x00").encode("utf-16-le")
            buffer = ctypes.create_string_buffer(encoded, len(encoded))
            pdfium_c.FPDFText_SetText(text_obj, ctypes.cast(buffer, pdfium_c.FPDF_WIDESTRING))
            pdfium_c.FPDFPageObj_Transform(text_obj, 1, 0, 0, 1, 72, 760)
            pdfium_c.FPDFPage_InsertObject(page.raw, text_obj)
            assert pdfium_c.FPDFPage_GenerateContent(page.raw)
            page.close()
        out = io.BytesIO()
        pdf.save(out)
    finally:
        pdf.close()
    return out.getvalue()


def opened_audit(conn: object, where: str = "1", params: dict | None = None) -> list[object]:
    """Audit rows (ts, user, entity, entity_id, op, field, old, new, seq…) with their personal
    values decrypted, as readers see them (see casedesk.core.personal)."""
    from types import SimpleNamespace

    from sqlalchemy import text

    from casedesk.core import personal

    ring = personal.Keyring(conn)  # type: ignore[arg-type]
    out = []
    for r in conn.execute(text(f"SELECT * FROM audit WHERE {where} ORDER BY device_id, seq"),  # type: ignore[attr-defined]
                          params or {}).mappings():
        row = dict(r)
        row["old"], row["new"] = personal.open_row(ring, row["entity"], row["entity_id"],
                                                   row["field"], row["op"], row["old"],
                                                   row["new"])
        out.append(SimpleNamespace(**row))
    return out
