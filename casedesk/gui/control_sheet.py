"""The deadline-control sheet as PDF: per attorney or per matter, for a period.

:func:`render_control_sheet_pdf` draws a :class:`~casedesk.core.services.reminders.ControlSheet`
(A4 landscape, one HTML table laid out by ``QTextDocument`` and printed to ``QPdfWriter``) with
the firm's name, the period and a signature column; it needs a ``QGuiApplication`` (the CLI can
create an offscreen one).  :class:`ControlSheetDialog` chooses attorney or matter and the period
and saves the file.
"""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QMarginsF, QSizeF, Qt, Signal
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from casedesk.core.errors import CasedeskError
from casedesk.core.services import reminders
from casedesk.core.services.reminders import ControlSheet
from casedesk.gui import labels
from casedesk.gui.context import AppContext
from casedesk.gui.errors import show_error
from casedesk.gui.ical import attorney_combo, find_matter

ERROR_STYLE = "color: #b00020;"


def _tr(text: str) -> str:
    return QCoreApplication.translate("ControlSheet", text)


def _status(value: str) -> str:
    try:
        return labels.value("deadline_status", value)
    except Exception:  # labels are optional here: the CLI may render without them
        return value


def control_sheet_html(sheet: ControlSheet, firm_name: str | None = None,
                       date_format: Any = None) -> str:
    """The sheet as HTML for QTextDocument (``date_format(date) -> str``, default ISO)."""
    fmt = date_format or (lambda d: d.isoformat())
    title = sheet.title.removesuffix(f" – {sheet.start.isoformat()} – {sheet.end.isoformat()}")
    parts = title.split(" – ", 2)  # firm – "Deadline control" – attorney / matter
    firm = firm_name or parts[0]
    scope = parts[2] if len(parts) > 2 else _tr("All attorneys and matters")
    esc = html.escape
    widths = (9, 22, 20, 13, 7, 11, 18)
    head = ("<tr>" + "".join(f"<th width='{w}%'>{esc(h)}</th>" for w, h in zip(widths, (
        _tr("Date"), _tr("Matter"), _tr("Deadline"), _tr("Citation"), _tr("Status"),
        _tr("Responsible"), _tr("Signature")), strict=True)) + "</tr>")
    rows = []
    for r in sheet.rows:
        matter = f"<b>{esc(r.matter_number)}</b><br/>{esc(r.matter_title)}"
        rows.append(
            "<tr>"
            f"<td class='date'>{esc(fmt(r.date))}</td><td>{matter}</td><td>{esc(r.deadline)}</td>"
            f"<td>{esc(r.citation)}</td><td>{esc(_status(r.status))}</td>"
            f"<td>{esc(r.responsible)}</td><td class='sign'>&nbsp;</td></tr>")
    if not rows:
        rows.append(f"<tr><td colspan='7'><i>{esc(_tr('No deadlines in this period.'))}</i>"
                    "</td></tr>")
    generated = sheet.generated_at.strftime("%Y-%m-%d %H:%M UTC")
    return f"""
<html><head><style>
body {{ font-family: sans-serif; font-size: 9pt; }}
h1 {{ font-size: 15pt; margin: 0; }}
h2 {{ font-size: 12pt; margin: 2pt 0 0 0; font-weight: normal; }}
table.rows {{ border-collapse: collapse; }}
table.rows th {{ background: #e6e9ef; text-align: left; padding: 4px; }}
table.rows td {{ padding: 4px; vertical-align: top; }}
td.date {{ white-space: nowrap; }}
</style></head><body>
<h1>{esc(firm)}</h1>
<h2>{esc(_tr("Deadline-control sheet"))} — {esc(scope)}</h2>
<p>{esc(_tr("Period:"))} <b>{esc(fmt(sheet.start))} – {esc(fmt(sheet.end))}</b>
&nbsp;&nbsp;·&nbsp;&nbsp;{esc(_tr("Deadlines:"))} {len(sheet.rows)}
&nbsp;&nbsp;·&nbsp;&nbsp;{esc(_tr("Generated:"))} {esc(generated)}</p>
<table class='rows' width='100%' border='1' cellspacing='0' cellpadding='4'>
<thead>{head}</thead>
{''.join(rows)}
</table>
<p>&nbsp;</p>
<table width='100%' cellpadding='4'><tr>
<td width='50%'>{esc(_tr("Checked by:"))} ______________________________</td>
<td width='25%'>{esc(_tr("Date:"))} ______________</td>
<td width='25%'>{esc(_tr("Signature:"))} ______________</td>
</tr></table>
</body></html>"""


def render_control_sheet_pdf(sheet: ControlSheet, path: str | Path, *,
                             firm_name: str | None = None, date_format: Any = None) -> Path:
    """Write the control sheet as a PDF (A4 landscape) and return its path."""
    path = Path(path)
    writer = QPdfWriter(str(path))
    writer.setTitle(sheet.title)
    writer.setCreator("casedesk")
    writer.setResolution(300)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Landscape,
                                     QMarginsF(12, 12, 12, 12), QPageLayout.Unit.Millimeter))
    doc = QTextDocument()
    doc.setDocumentMargin(0)
    doc.setHtml(control_sheet_html(sheet, firm_name, date_format))
    # Lay the document out on the page in points so the 9 pt text prints at 9 pt.
    rect = writer.pageLayout().paintRect(QPageLayout.Unit.Point)
    doc.setPageSize(QSizeF(rect.width(), rect.height()))
    doc.print_(writer)
    del writer  # finishes the file
    if not path.exists() or path.stat().st_size == 0:
        raise CasedeskError(_tr("The PDF could not be written to %1.").replace("%1", str(path)))
    return path


class ControlSheetDialog(QDialog):
    """Per attorney or per matter, a period; save the PDF."""

    saved = Signal(str)

    def __init__(self, ctx: AppContext, matter_id: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("controlSheetDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.ctx = ctx
        self.setWindowTitle(_tr("Deadline-control sheet (PDF)"))
        self.by_attorney = QRadioButton(_tr("Attorney:"), self)
        self.by_matter = QRadioButton(_tr("Matter:"), self)
        group = QButtonGroup(self)
        group.addButton(self.by_attorney)
        group.addButton(self.by_matter)
        self.attorney = attorney_combo(ctx, self, _tr("All attorneys"))
        self.attorney.setObjectName("attorneyCombo")
        me = self.attorney.findData(ctx.cf.user.username)
        if me >= 0:
            self.attorney.setCurrentIndex(me)
        self.matter = QLineEdit(self)
        self.matter.setObjectName("matterEdit")
        self.matter.setPlaceholderText(_tr("Matter number"))
        if matter_id:
            from casedesk.core.services import queries

            brief = queries.matter_brief(ctx.cf, matter_id)
            self.matter.setText(brief.number if brief else "")
            self.by_matter.setChecked(True)
        else:
            self.by_attorney.setChecked(True)
        self.start, self.end = QDateEdit(self), QDateEdit(self)
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(ctx.locale.dateFormat(ctx.locale.FormatType.ShortFormat))
        today = QDate.currentDate()
        self.start.setDate(today)
        self.end.setDate(today.addDays(30))
        period = QHBoxLayout()
        period.addWidget(self.start)
        period.addWidget(QLabel(_tr("to"), self))
        period.addWidget(self.end)
        period.addStretch(1)
        form = QFormLayout()
        form.addRow(self.by_attorney, self.attorney)
        form.addRow(self.by_matter, self.matter)
        form.addRow(_tr("Period:"), period)
        self.message = QLabel(self)
        self.message.setObjectName("messageLabel")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.hide()
        box = QDialogButtonBox(self)
        box.addButton(_tr("Save PDF…"), QDialogButtonBox.ButtonRole.AcceptRole)
        box.addButton(QDialogButtonBox.StandardButton.Cancel)
        box.accepted.connect(self.choose_file)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(box)
        self.resize(520, 200)

    def set_period(self, start: date, end: date) -> None:
        self.start.setDate(QDate(start.year, start.month, start.day))
        self.end.setDate(QDate(end.year, end.month, end.day))

    def _period(self) -> tuple[date, date]:
        s, e = self.start.date(), self.end.date()
        return date(s.year(), s.month(), s.day()), date(e.year(), e.month(), e.day())

    def choose_file(self) -> None:
        start, _end = self._period()
        name = (self.matter.text().strip() if self.by_matter.isChecked()
                else self.attorney.currentData() or "all")
        suggested = Path.home() / f"deadline-control-{name}-{start.isoformat()}.pdf"
        path, _f = QFileDialog.getSaveFileName(self, _tr("Save the control sheet"),
                                               str(suggested), _tr("PDF files (*.pdf)"))
        if path:
            self.save_to(Path(path))

    def save_to(self, path: Path) -> None:
        self.message.hide()
        cf = self.ctx.cf
        start, end = self._period()
        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(".pdf")
        try:
            matter = find_matter(cf, self.matter.text()) if self.by_matter.isChecked() else None
            if self.by_matter.isChecked() and matter is None:
                raise CasedeskError(_tr("Type the number of the matter."))
        except CasedeskError as exc:
            self._failed(exc)
            return
        attorney = None if self.by_matter.isChecked() else (self.attorney.currentData() or None)
        mid = matter.id if matter else None
        self.ctx.runner.run_task(
            lambda: reminders.control_sheet(cf, start, end, attorney=attorney, matter_id=mid),
            lambda sheet: self._render(sheet, path), self._failed, parent=self)

    def _render(self, sheet: ControlSheet, path: Path) -> None:
        try:
            render_control_sheet_pdf(sheet, path, firm_name=self.ctx.firm_name,
                                     date_format=self.ctx.format_date)
        except (CasedeskError, OSError) as exc:
            self._failed(exc)
            return
        self.saved.emit(str(path))
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, CasedeskError | OSError):
            self.message.setText(str(exc))
            self.message.show()
        else:
            show_error(self, exc)

