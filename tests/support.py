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
