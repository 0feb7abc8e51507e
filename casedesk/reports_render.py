"""Rendering the partners' reports (:mod:`casedesk.core.reports`) to HTML, PDF and Word.

Outside the core because it uses Qt: the PDF is a ``QTextDocument`` (HTML) printed to a
``QPdfWriter``; the chart (open matters per attorney, a bar chart) is drawn with ``QPainter``
into a ``QImage`` that goes into the PDF as an image resource and into the .docx as a PNG.  It
works headless: without a running Qt application an offscreen ``QGuiApplication`` is created.
"""

from __future__ import annotations

import html
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from casedesk.core.errors import CasedeskError, UsageError
from casedesk.core.reports import Item, Report

CHART_URL = "casedesk-chart://open-matters.png"
_APP: Any = None


def ensure_app() -> None:
    """A Qt application for painting and fonts (offscreen when none is running).  A full
    ``QApplication``, not a ``QGuiApplication``: Qt allows one application object per process,
    and the GUI (or a test of it) started later in the same process needs widgets."""
    global _APP
    from PySide6.QtCore import QCoreApplication  # noqa: TID251
    from PySide6.QtWidgets import QApplication  # noqa: TID251

    if QCoreApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _APP = QApplication(["casedesk-report"])


# -- the chart -----------------------------------------------------------------------------------


def chart_image(data: dict[str, int], title: str, width: int = 1200, height: int = 520) -> Any:
    """A horizontal bar chart of ``data`` (label → value) as a ``QImage``."""
    ensure_app()
    from PySide6.QtCore import QRectF, Qt  # noqa: TID251
    from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen  # noqa: TID251

    img = QImage(width, height, QImage.Format.Format_ARGB32)
    img.fill(QColor("white"))
    p = QPainter(img)
    try:
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont("DejaVu Sans")
        font.setPixelSize(26)
        font.setBold(True)
        p.setFont(font)
        p.setPen(QColor("#1f2d3d"))
        p.drawText(QRectF(20, 10, width - 40, 40), Qt.AlignmentFlag.AlignLeft, title)
        font.setBold(False)
        font.setPixelSize(22)
        p.setFont(font)
        items = list(data.items())
        if not items:
            p.drawText(QRectF(20, 70, width - 40, 40), Qt.AlignmentFlag.AlignLeft,
                       "No data for this period.")
            return img
        top, bottom, label_w, right_pad = 70, 30, 330, 90
        plot_w = width - label_w - right_pad - 20
        slot = (height - top - bottom) / len(items)
        bar_h = min(56.0, slot * 0.7)
        peak = max(max(v for _, v in items), 1)
        p.setPen(QPen(QColor("#9aa5b1"), 2))
        p.drawLine(int(label_w + 20), top - 5, int(label_w + 20), height - bottom)
        for i, (label, value) in enumerate(items):
            y = top + i * slot + (slot - bar_h) / 2
            p.setPen(QColor("#1f2d3d"))
            p.drawText(QRectF(10, y, label_w, bar_h),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
            w = plot_w * value / peak
            p.fillRect(QRectF(label_w + 22, y, max(w, 2), bar_h), QColor("#2f6fb2"))
            p.drawText(QRectF(label_w + 30 + w, y, right_pad + 40, bar_h),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, str(value))
    finally:
        p.end()
    return img


def chart_png(report: Report) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice  # noqa: TID251

    img = chart_image(report.open_matters_by_attorney(), "Open matters per attorney")
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    img.save(buf, "PNG")
    buf.close()
    return bytes(data.data())


# -- HTML ----------------------------------------------------------------------------------------


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value))


def _table(headers: Sequence[str], rows: Sequence[Sequence[Any]], empty: str) -> str:
    if not rows:
        return f"<p class='empty'>{_e(empty)}</p>"
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in r) + "</tr>" for r in rows)
    return (f"<table width='100%' cellspacing='0' cellpadding='3' border='1'>"
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")


def _items(items: list[Item], with_time: bool = False, overdue: bool = False) -> list[list[Any]]:
    out = []
    for i in items:
        row: list[Any] = [i.day.isoformat()]
        if with_time:
            row.append(i.time)
        row += [i.matter_number, i.matter_title, i.title, i.responsible]
        if overdue:
            row.append(i.overdue_days)
        out.append(row)
    return out


def sections(report: Report) -> list[tuple[str, list[str], list[list[Any]], str]]:
    """The report's tables: (heading, headers, rows, text when empty)."""
    counts = lambda d: [[k, v] for k, v in d.items()]  # noqa: E731
    s = report.summary()
    return [
        ("Summary", ["figure", "count"], [
            ["Deadlines due in the period", s["deadlines_due"]],
            ["Hearings in the period", s["hearings"]],
            [f"Missed deadlines (open, past due on {report.for_date.isoformat()})",
             s["missed_deadlines"]],
            ["Matters opened", s["matters_opened"]], ["Matters closed", s["matters_closed"]],
            ["Documents added", s["documents_added"]],
            ["Correspondence logged", s["correspondence_logged"]],
        ], ""),
        ("Deadlines due in the period", ["due", "matter", "matter title", "deadline",
                                         "responsible"], _items(report.deadlines),
         "No open deadlines in the period."),
        ("Hearings", ["date", "time", "matter", "matter title", "hearing", "responsible"],
         _items(report.hearings, with_time=True), "No hearings in the period."),
        ("Missed deadlines", ["due", "matter", "matter title", "deadline", "responsible",
                              "days late"], _items(report.missed, overdue=True),
         "No missed deadlines."),
        ("Matters opened", ["opened", "matter", "title", "practice area", "attorney"],
         [[m.day, m.number, m.title, m.practice_area, m.responsible] for m in report.opened],
         "No matters opened in the period."),
        ("Opened by practice area", ["practice area", "matters"],
         counts(report.opened_by_area()), "—"),
        ("Opened by attorney", ["attorney", "matters"], counts(report.opened_by_attorney()), "—"),
        ("Matters closed", ["closed", "matter", "title", "practice area", "attorney"],
         [[m.day, m.number, m.title, m.practice_area, m.responsible] for m in report.closed],
         "No matters closed in the period."),
        ("Closed by practice area", ["practice area", "matters"],
         counts(report.closed_by_area()), "—"),
        ("Closed by attorney", ["attorney", "matters"], counts(report.closed_by_attorney()), "—"),
        ("Workload", ["person", "role", "open matters", "deadlines due", "overdue tasks"],
         [[w.name, w.role.replace("_", " "), w.open_matters, w.deadlines_due, w.overdue_tasks]
          for w in report.workload], "No attorneys or case managers."),
    ]


def to_html(report: Report, *, chart_src: str | None = CHART_URL) -> str:
    parts = [
        "<html><head><style>",
        "body { font-family: 'DejaVu Sans', sans-serif; font-size: 9pt; color: #1f2d3d; }",
        "h1 { font-size: 16pt; margin-bottom: 2px; } h2 { font-size: 11.5pt; margin-top: 14px;"
        " margin-bottom: 4px; color: #2f6fb2; }",
        "th { background-color: #e8eef5; text-align: left; } td, th { border-color: #b8c2cc; }",
        ".meta { color: #52606d; } .empty { color: #7b8794; font-style: italic; }",
        "</style></head><body>",
        f"<h1>{_e(report.firm)} — {_e(report.title)}</h1>",
        f"<p class='meta'>As of {_e(report.for_date.isoformat())} · period "
        f"{_e(report.start.isoformat())} to {_e(report.end.isoformat())} · time zone "
        f"{_e(report.timezone)} · prepared by {_e(report.generated_by)} on "
        f"{_e(report.generated_at)}</p>",
    ]
    for i, (heading, headers, rows, empty) in enumerate(sections(report)):
        parts.append(f"<h2>{_e(heading)}</h2>")
        parts.append(_table(headers, rows, empty))
        if i == 0 and chart_src:
            parts.append(f"<p><br><img src='{_e(chart_src)}' width='470'></p>")
    parts.append("</body></html>")
    return "".join(parts)


def text_document(report: Report) -> Any:
    """A ``QTextDocument`` of the report with the chart as an image resource."""
    ensure_app()
    from PySide6.QtCore import QUrl  # noqa: TID251
    from PySide6.QtGui import QTextDocument  # noqa: TID251

    doc = QTextDocument()
    doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(CHART_URL),
                    chart_image(report.open_matters_by_attorney(), "Open matters per attorney"))
    doc.setHtml(to_html(report))
    return doc


# -- files ---------------------------------------------------------------------------------------


def render_pdf(report: Report, path: str | Path) -> Path:
    ensure_app()
    from PySide6.QtCore import QMarginsF, QSizeF  # noqa: TID251
    from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter  # noqa: TID251

    path = Path(path)
    writer = QPdfWriter(str(path))
    writer.setTitle(f"{report.firm} — {report.title}")
    writer.setCreator("casedesk")
    writer.setResolution(300)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait,
                                     QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter))
    doc = text_document(report)
    doc.setDocumentMargin(0)
    rect = writer.pageLayout().paintRect(QPageLayout.Unit.Point)
    doc.setPageSize(QSizeF(rect.width(), rect.height()))
    doc.print_(writer)
    del writer
    if not path.exists() or path.stat().st_size == 0:
        raise CasedeskError(f"The PDF could not be written to {path}.")
    return path


def render_docx(report: Report, path: str | Path) -> Path:
    import io

    from docx import Document
    from docx.shared import Cm, Pt

    path = Path(path)
    doc = Document()
    style = doc.styles["Normal"]
    style.font.size = Pt(9)  # type: ignore[attr-defined]
    doc.add_heading(f"{report.firm} — {report.title}", level=1)
    doc.add_paragraph(
        f"As of {report.for_date.isoformat()} · period {report.start.isoformat()} to "
        f"{report.end.isoformat()} · time zone {report.timezone} · prepared by "
        f"{report.generated_by} on {report.generated_at}")
    for i, (heading, headers, rows, empty) in enumerate(sections(report)):
        doc.add_heading(heading, level=2)
        if not rows:
            doc.add_paragraph(empty)
        else:
            table = doc.add_table(rows=1, cols=len(headers))
            table.style = "Table Grid"
            for cell, h in zip(table.rows[0].cells, headers, strict=True):
                cell.text = h
                for run in cell.paragraphs[0].runs:
                    run.bold = True
            for r in rows:
                cells = table.add_row().cells
                for cell, value in zip(cells, r, strict=True):
                    cell.text = "" if value is None else str(value)
        if i == 0:
            doc.add_picture(io.BytesIO(chart_png(report)), width=Cm(16))
    try:
        doc.save(str(path))
    except OSError as exc:
        raise CasedeskError(f"The Word file could not be written to {path} ({exc}).") from None
    return path


def render(report: Report, path: str | Path) -> Path:
    """Write ``report`` as PDF or Word, by the file's extension."""
    suffix = Path(path).suffix.lower()
    if suffix == ".pdf":
        return render_pdf(report, path)
    if suffix == ".docx":
        return render_docx(report, path)
    raise UsageError(f"The report file must end in .pdf or .docx, not '{suffix or path}'.")
