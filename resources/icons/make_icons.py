"""Render ``casedesk.svg`` to the PNG, ICO (Windows) and ICNS (macOS) icons next to it.

Run with the project's venv after editing the SVG:
``.venv/bin/python resources/icons/make_icons.py`` (QT_QPA_PLATFORM=offscreen works without a
display).  The ICO and ICNS files hold PNG images,
which every Windows since Vista and every macOS since 10.7 read; no Pillow needed.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt  # noqa: TID251 (a dev tool)
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: TID251 (a dev tool)
from PySide6.QtSvg import QSvgRenderer  # noqa: TID251 (a dev tool)

HERE = Path(__file__).resolve().parent
SVG = HERE / "casedesk.svg"


def render_png(renderer: QSvgRenderer, size: int) -> bytes:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def ico(images: dict[int, bytes]) -> bytes:
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    entries, blobs = b"", b""
    for size, png in sorted(images.items()):
        dim = 0 if size >= 256 else size
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(png), offset + len(blobs))
        blobs += png
    return header + entries + blobs


def icns(images: dict[int, bytes]) -> bytes:
    kinds = {32: b"ic11", 64: b"ic12", 128: b"ic07", 256: b"ic08", 512: b"ic09", 1024: b"ic10"}
    body = b"".join(kinds[s] + struct.pack(">I", 8 + len(png)) + png
                    for s, png in sorted(images.items()) if s in kinds)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        print(f"cannot read {SVG}", file=sys.stderr)
        return 1
    pngs = {s: render_png(renderer, s) for s in (16, 32, 48, 64, 128, 256, 512, 1024)}
    (HERE / "casedesk.png").write_bytes(pngs[256])
    (HERE / "casedesk-48.png").write_bytes(pngs[48])
    (HERE / "casedesk.ico").write_bytes(ico({s: pngs[s] for s in (16, 32, 48, 64, 128, 256)}))
    (HERE / "casedesk.icns").write_bytes(icns(pngs))
    del app
    print("wrote casedesk.png, casedesk-48.png, casedesk.ico, casedesk.icns")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
