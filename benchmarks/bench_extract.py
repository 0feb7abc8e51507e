"""Benchmark: text extraction from a large PDF (~20 MB, 300 text pages, one scan-like image each).

The PDF is assembled in memory (nothing is written to disk) and fed to
``casedesk.core.textextract.extract_text``.  Run standalone::

    .venv/bin/python benchmarks/bench_extract.py [--pages 300] [--runs 5]

Target: well under 2 s for the 20 MB / 300-page document.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from casedesk.core.textextract import extract_text

TARGET_SECONDS = 2.0
IMAGE_SIDE = 260  # 260 x 260 8-bit grey, incompressible noise: ~66 KB per page
LINES_PER_PAGE = 46
WORDS = [
    "the",
    "court",
    "plaintiff",
    "defendant",
    "agreement",
    "lease",
    "tenant",
    "landlord",
    "hereby",
    "whereas",
    "pursuant",
    "article",
    "clause",
    "damages",
    "compensation",
    "hearing",
    "appeal",
    "deadline",
    "evidence",
    "witness",
    "claim",
    "contract",
    "party",
    "obligation",
    "notice",
    "termination",
    "payment",
    "invoice",
    "statute",
    "limitation",
    "jurisdiction",
    "filing",
    "motion",
    "counsel",
    "settlement",
]


def _text_content(page_number: int, rng: random.Random) -> bytes:
    lines = []
    for _ in range(LINES_PER_PAGE):
        words: list[str] = []
        while sum(len(w) + 1 for w in words) < 78:
            words.append(rng.choice(WORDS))
        lines.append(" ".join(words))
    lines[0] = f"Page {page_number} marker{page_number}x"
    ops = [b"q 160 0 0 160 400 40 cm /Im0 Do Q", b"BT /F1 10 Tf 13 TL 50 800 Td"]
    ops += [b"(" + line.encode("ascii") + b") '" for line in lines]
    ops.append(b"ET")
    return b"\n".join(ops)


def build_pdf(pages: int = 300, seed: int = 20240601) -> bytes:
    """A valid PDF: ``pages`` pages of Helvetica text plus one noise image each."""
    rng = random.Random(seed)
    objects: dict[int, bytes] = {}
    font_id = 3
    objects[font_id] = (
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    )
    kids = []
    next_id = 4
    for number in range(1, pages + 1):
        page_id, content_id, image_id = next_id, next_id + 1, next_id + 2
        next_id += 3
        kids.append(page_id)
        content = zlib.compress(_text_content(number, rng))
        objects[content_id] = (
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content)
            + content
            + b"\nendstream"
        )
        pixels = rng.randbytes(IMAGE_SIDE * IMAGE_SIDE)
        objects[image_id] = (
            b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
            b"/BitsPerComponent 8 /Length %d >>\nstream\n"
            % (IMAGE_SIDE, IMAGE_SIDE, len(pixels))
            + pixels
            + b"\nendstream"
        )
        objects[page_id] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
            b"/Resources << /Font << /F1 %d 0 R >> /XObject << /Im0 %d 0 R >> >> >>"
            % (content_id, font_id, image_id)
        )
    objects[1] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % kid for kid in kids),
        len(kids),
    )

    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for obj_id in sorted(objects):
        offsets[obj_id] = len(out)
        out += b"%d 0 obj\n" % obj_id + objects[obj_id] + b"\nendobj\n"
    xref_at = len(out)
    size = max(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for obj_id in range(1, size):
        out += b"%010d 00000 n \n" % offsets[obj_id]
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref_at)
    return bytes(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)

    started = time.perf_counter()
    data = build_pdf(args.pages)
    built = time.perf_counter() - started
    print(f"PDF built in memory: {len(data) / 1e6:.1f} MB, {args.pages} pages ({built:.2f} s)")

    timings = []
    text = ""
    for _ in range(args.runs):
        started = time.perf_counter()
        text = extract_text(data, "bench.pdf")
        timings.append(time.perf_counter() - started)
    if f"marker{args.pages}x" not in text or "marker1x" not in text:
        print("ERROR: extracted text is incomplete", file=sys.stderr)
        return 1
    best, median = min(timings), statistics.median(timings)
    print(f"extract_text: {len(text):,} characters")
    print(f"  best {best:.3f} s, median {median:.3f} s over {args.runs} runs")
    verdict = "OK" if median < TARGET_SECONDS else "TOO SLOW"
    print(f"  target < {TARGET_SECONDS:.1f} s: {verdict}")
    return 0 if median < TARGET_SECONDS else 2


if __name__ == "__main__":
    raise SystemExit(main())
