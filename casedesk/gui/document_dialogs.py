"""Dialogs for documents and correspondence: document details (when adding files and when
editing), the versions of a document, and logging a letter, e-mail, call or meeting.

They are built in code (not Designer forms) and follow the same rules as :mod:`dialogs`: one
core call per save, off the GUI thread; a ``ValidationError`` naming a field is shown under that
field, other known errors in the dialog's message line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from casedesk.core.errors import CasedeskError, ValidationError
from casedesk.core.services import correspondence, documents
from casedesk.gui import labels
from casedesk.gui.context import AppContext
from casedesk.gui.dialogs import ERROR_STYLE, fill_combo, pydate, qdate
from casedesk.gui.errors import show_error
from casedesk.gui.models import Column, RowsModel

MAIL_SUFFIXES = (".eml", ".msg")
WARNING_STYLE = ("background: #fff4ce; color: #5c4400; border: 1px solid #e0c870; "
                 "padding: 4px 6px;")


def _tr(text: str) -> str:
    return QCoreApplication.translate("documents", text)


def human_size(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"


def split_paths(paths: Sequence[Path]) -> tuple[list[Path], list[Path]]:
    """(files to add as documents, e-mails to import as correspondence)."""
    files = [Path(p) for p in paths if Path(p).suffix.lower() not in MAIL_SUFFIXES]
    mails = [Path(p) for p in paths if Path(p).suffix.lower() in MAIL_SUFFIXES]
    return files, mails


@dataclass
class AddResult:
    """What adding files and e-mails produced."""

    documents: list[Any] = field(default_factory=list)
    mails: list[Any] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def add_paths(cf: Any, matter_id: str, paths: Sequence[Path], meta: dict[str, Any] | None = None
              ) -> AddResult:
    """Worker-side: add files as documents and import e-mails as correspondence."""
    result = AddResult()
    files, mails = split_paths(paths)
    meta = dict(meta or {})
    for path in files:
        data = documents.read_file(path)
        result.documents.append(documents.add_document(
            cf, matter_id, path.name, data, on_warning=result.warnings.append, **meta))
    for path in mails:
        data = documents.read_file(path)
        result.mails.append(correspondence.import_mail(
            cf, matter_id, path.name, data, on_warning=result.warnings.append))
    return result


def summary(result: AddResult) -> str:
    parts = []
    if result.documents:
        parts.append(_tr("%n document(s) added").replace("%n", str(len(result.documents))))
    if result.mails:
        parts.append(_tr("%n e-mail(s) imported").replace("%n", str(len(result.mails))))
    return "; ".join(parts) + "." if parts else ""


class CodeDialog(QDialog):
    """A form built in code: rows in a QFormLayout, field errors under the field."""

    saved = Signal(object)
    KINDS: frozenset[str] = frozenset()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.layout_ = QVBoxLayout(self)
        self.form = QFormLayout()
        self.layout_.addLayout(self.form)
        self.message = QLabel(self)
        self.message.setObjectName("messageLabel")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.hide()
        self.layout_.addWidget(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.setObjectName("buttonBox")
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.layout_.addWidget(self.buttons)
        self.fields: dict[str, QWidget] = {}
        self._errors: list[QLabel] = []

    def add_row(self, key: str, label: str, widget: QWidget) -> QWidget:
        widget.setObjectName(f"{key}Edit")
        self.form.addRow(label, widget)
        self.fields[key] = widget
        return widget

    # -- saving -------------------------------------------------------------------------------
    def save(self) -> Any:
        raise NotImplementedError

    def submit(self) -> None:
        self.clear_errors()
        try:
            work = self.save()
        except CasedeskError as exc:  # a problem found before any core call
            self._failed(exc)
            return
        self.setEnabled(False)
        self.ctx.runner.run_task(work, self._saved, self._failed, parent=self)

    def _saved(self, result: Any) -> None:
        self.setEnabled(True)
        if self.KINDS:
            self.ctx.notify(self.KINDS)
        self.saved.emit(result)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.setEnabled(True)
        if isinstance(exc, ValidationError) and exc.field in self.fields:
            self.show_field_error(exc.field or "", str(exc))
            return
        if isinstance(exc, CasedeskError):
            self.message.setText(str(exc))
            self.message.show()
            return
        show_error(self, exc)

    def show_field_error(self, key: str, text: str) -> None:
        widget = self.fields[key]
        row, _role = self.form.getWidgetPosition(widget)
        label = QLabel(text, self)
        label.setObjectName(f"{key}Error")
        label.setWordWrap(True)
        label.setStyleSheet(ERROR_STYLE)
        self.form.insertRow(row + 1, "", label)
        self._errors.append(label)
        widget.setFocus()

    def clear_errors(self) -> None:
        for label in self._errors:
            self.form.removeRow(label)
        self._errors.clear()
        self.message.hide()

    def field_errors(self) -> dict[str, str]:
        return {lab.objectName().removesuffix("Error"): lab.text() for lab in self._errors}


class DocumentDetailsDialog(CodeDialog):
    """Title, category, date, author and tags: for files being added (``paths``) or for an
    existing document (``document_id``).  With several files the title comes from each file
    name and the other values apply to all of them."""

    KINDS = frozenset({"document", "correspondence"})

    def __init__(self, ctx: AppContext, matter_id: str, paths: Sequence[Path] = (),
                 document_id: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("documentDetailsDialog")
        self.matter_id, self.paths, self.document_id = matter_id, list(paths), document_id
        self.files_label = QLabel(self)
        self.files_label.setWordWrap(True)
        self.form.addRow(self.files_label)
        self.title_edit = self.add_row("title", _tr("Title:"), QLineEdit(self))
        self.category = self.add_row("category", _tr("Category:"), QComboBox(self))
        date_row = QWidget(self)
        row_layout = QHBoxLayout(date_row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        self.dated = QCheckBox(_tr("Dated"), date_row)
        self.dated.setObjectName("datedCheck")
        self.date_edit = QDateEdit(date_row)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat(ctx.locale.dateFormat(ctx.locale.FormatType.ShortFormat))
        self.dated.toggled.connect(self.date_edit.setEnabled)
        row_layout.addWidget(self.dated)
        row_layout.addWidget(self.date_edit, 1)
        self.add_row("doc_date", _tr("Date:"), date_row)
        self.author = self.add_row("author", _tr("Author:"), QLineEdit(self))
        self.tags = self.add_row("tags", _tr("Tags:"), QLineEdit(self))
        self.tags.setPlaceholderText(_tr("comma-separated, e.g. signed, final"))
        fill_combo(self.category, labels.choices("category"), "other")
        self.date_edit.setDate(QDate.currentDate())
        self.dated.setChecked(True)
        self.result_: Any = None
        if document_id:
            doc = documents.get_document(ctx.cf, document_id)
            self.setWindowTitle(_tr("Document details: %1").replace("%1", doc.title))
            self.files_label.hide()
            self.title_edit.setText(doc.title)
            fill_combo(self.category, labels.choices("category"), doc.category)
            self.dated.setChecked(doc.doc_date is not None)
            if doc.doc_date is not None:
                self.date_edit.setDate(qdate(doc.doc_date))
            self.author.setText(doc.author or "")
            self.tags.setText(", ".join(doc.tags or []))
        else:
            self.setWindowTitle(_tr("Add documents"))
            names = ", ".join(p.name for p in self.paths[:5])
            if len(self.paths) > 5:
                names += " …"
            self.files_label.setText(_tr("Files: %1").replace("%1", names))
            self.author.setText(ctx.cf.user.display_name)
            if len(self.paths) == 1:
                self.title_edit.setText(documents.default_title(self.paths[0].name))
            else:
                self.title_edit.setEnabled(False)
                self.title_edit.setPlaceholderText(_tr("taken from each file name"))
        self.resize(460, self.sizeHint().height())

    def values(self) -> dict[str, Any]:
        tags = [t.strip() for t in self.tags.text().split(",") if t.strip()]
        out: dict[str, Any] = {
            "category": self.category.currentData(),
            "doc_date": pydate(self.date_edit.date()) if self.dated.isChecked() else None,
            "author": self.author.text().strip() or None, "tags": tags}
        if self.title_edit.isEnabled():
            out["title"] = self.title_edit.text()
        return out

    def save(self) -> Any:
        cf, values = self.ctx.cf, self.values()
        if self.document_id:
            doc_id = self.document_id
            return lambda: documents.update_metadata(cf, doc_id, **values)
        mid, paths = self.matter_id, list(self.paths)
        return lambda: add_paths(cf, mid, paths, values)


class VersionsDialog(QDialog):
    """Every version of a document (who, when, size), with "Save a copy…" (an explicit,
    audited export of the selected version) and "Add new version…"."""

    def __init__(self, ctx: AppContext, document_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("versionsDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.ctx, self.document_id = ctx, document_id
        doc = documents.get_document(ctx.cf, document_id)
        self.setWindowTitle(_tr("Versions: %1").replace("%1", doc.title))
        self.model = RowsModel(ctx, [
            Column("version", "Version", lambda r: r.version),
            Column("filename", "File", lambda r: r.filename),
            Column("size", "Size", lambda r: human_size(r.size)),
            Column("added_by", "Who", lambda r: r.added_by or ""),
            Column("when", "When", lambda r: r.created_at),
            Column("note", "Note", lambda r: r.note or "")], self)
        self.view = QTableView(self)
        self.view.setObjectName("versionsView")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.export_button = QPushButton(_tr("Save a copy…"), self)
        self.export_button.setObjectName("exportButton")
        self.export_button.clicked.connect(self.save_copy)
        self.add_button = QPushButton(_tr("Add new version…"), self)
        self.add_button.setObjectName("addVersionButton")
        self.add_button.clicked.connect(self.add_version)
        from casedesk.core.permissions import Right

        self.add_button.setEnabled(ctx.cf.user.can(Right.EDIT))
        self.export_button.setEnabled(ctx.cf.user.can(Right.EXPORT))
        self.message = QLabel(self)
        self.message.setObjectName("messageLabel")
        self.message.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.export_button)
        row.addWidget(self.add_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.message)
        layout.addWidget(close)
        self.resize(760, 360)
        self.reload()

    def reload(self) -> None:
        cf, doc_id = self.ctx.cf, self.document_id

        def show(rows: list[Any]) -> None:
            self.model.set_rows(list(reversed(rows)))  # newest first
            self.view.resizeColumnsToContents()
            if rows:
                self.view.selectRow(0)

        self.ctx.runner.run_task(lambda: documents.versions(cf, doc_id), show,
                                 lambda exc: show_error(self, exc), parent=self)

    def selected(self) -> Any | None:
        index = self.view.currentIndex()
        if index.isValid():
            return self.model.row_at(index.row())
        return self.model.rows[0] if self.model.rows else None

    def save_copy(self) -> None:
        ver = self.selected()
        if ver is None:
            return
        target, _filter = QFileDialog.getSaveFileName(self, _tr("Save a copy"), ver.filename)
        if not target:
            return
        cf, doc_id, number = self.ctx.cf, self.document_id, ver.version
        self.ctx.runner.run_task(
            lambda: documents.export_document(cf, doc_id, Path(target), number),
            lambda _v: self.message.setText(_tr("Version %1 saved to %2.")
                                            .replace("%1", str(number)).replace("%2", target)),
            lambda exc: show_error(self, exc), parent=self)

    def add_version(self) -> None:
        source, _filter = QFileDialog.getOpenFileName(self, _tr("Add new version"))
        if not source:
            return
        cf, doc_id, warnings = self.ctx.cf, self.document_id, []

        def work() -> Any:
            path = Path(source)
            return documents.add_version(cf, doc_id, path.name, documents.read_file(path),
                                         note="added from a file", on_warning=warnings.append)

        def done(ver: Any) -> None:
            text = _tr("Stored as version %1.").replace("%1", str(ver.version))
            self.message.setText("\n".join([text, *warnings]))
            self.ctx.notify({"document"})
            self.reload()

        self.ctx.runner.run_task(work, done, lambda exc: show_error(self, exc), parent=self)


class CorrespondenceDialog(CodeDialog):
    """Log a letter, e-mail, call or meeting on a matter."""

    KINDS = frozenset({"correspondence"})

    def __init__(self, ctx: AppContext, matter_id: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("correspondenceDialog")
        self.setWindowTitle(_tr("Log correspondence"))
        self.matter_id = matter_id
        self.direction = self.add_row("direction", _tr("Direction:"), QComboBox(self))
        self.channel = self.add_row("channel", _tr("Kind:"), QComboBox(self))
        self.when = self.add_row("occurred_at", _tr("Date and time:"), QDateTimeEdit(self))
        self.when.setCalendarPopup(True)
        self.counterpart = self.add_row("counterpart", _tr("With whom:"), QLineEdit(self))
        self.subject = self.add_row("subject", _tr("Subject:"), QLineEdit(self))
        self.body = self.add_row("body", _tr("Notes / text:"), QPlainTextEdit(self))
        fill_combo(self.direction, labels.choices("direction"), "incoming")
        fill_combo(self.channel, labels.choices("channel"), "letter")
        now = datetime.now()
        self.when.setDateTime(QDateTime(QDate(now.year, now.month, now.day),
                                        QTime(now.hour, now.minute)))
        self.resize(520, 440)

    def values(self) -> dict[str, Any]:
        from zoneinfo import ZoneInfo

        qdt = self.when.dateTime()
        d, t = qdt.date(), qdt.time()
        local = datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(),
                         tzinfo=ZoneInfo(self.ctx.firm_timezone))
        return {"direction": self.direction.currentData(), "channel": self.channel.currentData(),
                "occurred_at": local.astimezone(UTC), "subject": self.subject.text(),
                "body": self.body.toPlainText() or None,
                "counterpart": self.counterpart.text().strip() or None}

    def save(self) -> Any:
        cf, mid, values = self.ctx.cf, self.matter_id, self.values()
        return lambda: correspondence.log(cf, mid, **values)
