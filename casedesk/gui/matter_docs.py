"""The documents, correspondence and timeline tabs of the matter workspace.

:func:`attach_workspace` builds the three pages around the workspace's existing tables and
makes the whole workspace window a drop target: files dropped from the file manager become
documents of the matter, ``.eml``/``.msg`` e-mails (Outlook drops messages as ``.msg`` files)
are imported as correspondence with their attachments as linked documents.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from casedesk.core.opened import NewVersion
from casedesk.core.permissions import Right
from casedesk.core.services import correspondence
from casedesk.gui.context import AppContext
from casedesk.gui.document_dialogs import (
    WARNING_STYLE,
    AddResult,
    CorrespondenceDialog,
    DocumentDetailsDialog,
    VersionsDialog,
    add_paths,
    summary,
)
from casedesk.gui.errors import show_error
from casedesk.gui.models import Column, RowsModel
from casedesk.gui.opened_docs import opened_manager


def _tr(text: str) -> str:
    return QCoreApplication.translate("documents", text)


def dropped_paths(event: Any) -> list[Path]:
    """Local files carried by a drag (nothing for text, web links or folders)."""
    mime = event.mimeData()
    if mime is None or not mime.hasUrls():
        return []
    out = []
    for url in mime.urls():
        if url.isLocalFile():
            path = Path(url.toLocalFile())
            if not path.is_dir():
                out.append(path)
    return out


def kind_label(kind: str) -> str:
    return {"correspondence": _tr("Correspondence"), "document": _tr("Document"),
            "event": _tr("Event"), "deadline": _tr("Deadline")}.get(kind, kind)


class MatterDocs(QObject):
    """Documents, correspondence and timeline pages of one :class:`MatterWorkspace`."""

    def __init__(self, ws: Any) -> None:
        super().__init__(ws)
        self.ws = ws
        self.ctx: AppContext = ws.ctx
        self.matter_id: str = ws.matter_id
        self.manager = opened_manager(self.ctx)
        self.buttons: dict[str, QPushButton] = {}
        self.dialogs: list[QWidget] = []

        # documents
        self.documents_page = QWidget()
        self.documents_page.setObjectName("documentsPage")
        doc_buttons = self._buttons(self.documents_page, [
            ("add_documents", self.add_files), ("document_details", self.edit_details),
            ("document_versions", self.show_versions), ("open_document", self.open_document),
            ("done_editing", self.done_editing), ("draft_document", self.draft)])
        self.warning = QLabel(self.documents_page)
        self.warning.setObjectName("extractionWarning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(WARNING_STYLE)
        self.warning.hide()
        self.doc_status = QLabel(self.documents_page)
        self.doc_status.setObjectName("documentsStatus")
        self.doc_status.setWordWrap(True)
        self.drop_hint = QLabel(self.documents_page)
        self.drop_hint.setStyleSheet("color: palette(mid);")
        layout = QVBoxLayout(self.documents_page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(doc_buttons)
        layout.addWidget(self.warning)
        layout.addWidget(ws.documents_view, 1)
        status_row = QHBoxLayout()
        status_row.addWidget(self.doc_status, 1)
        status_row.addWidget(self.drop_hint)
        layout.addLayout(status_row)
        ws.documents_view.doubleClicked.connect(self.open_document)
        ws.documents_view.selectionModel().currentRowChanged.connect(self._update_buttons)

        # correspondence
        self.correspondence_page = QWidget()
        self.correspondence_page.setObjectName("correspondencePage")
        corr_buttons = self._buttons(self.correspondence_page, [
            ("log_correspondence", self.log_correspondence), ("import_mail", self.import_mail),
            ("delete_correspondence", self.delete_correspondence)])
        self.corr_status = QLabel(self.correspondence_page)
        self.corr_status.setObjectName("correspondenceStatus")
        self.corr_status.setWordWrap(True)
        layout = QVBoxLayout(self.correspondence_page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(corr_buttons)
        layout.addWidget(ws.correspondence_view, 1)
        layout.addWidget(self.corr_status)

        # timeline
        self.timeline = RowsModel(self.ctx, [
            Column("when", "When", self._when),
            Column("kind", "Kind", lambda r: kind_label(r.kind)),
            Column("title", "Title", lambda r: r.title),
            Column("detail", "Details", lambda r: r.detail)], self)
        self.timeline_view = QTableView()
        self.timeline_view.setObjectName("timelineView")
        self.timeline_view.setModel(self.timeline)
        self.timeline_view.setAlternatingRowColors(True)
        self.timeline_view.setWordWrap(False)
        self.timeline_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.timeline_view.verticalHeader().hide()
        self.timeline_view.horizontalHeader().setStretchLastSection(True)
        self.timeline_page = self.timeline_view

        ws.setAcceptDrops(True)
        ws.installEventFilter(self)
        ws.loaded.connect(self.load_timeline)
        ws.loaded.connect(self._update_buttons)
        self.manager.version_saved.connect(self._version_saved)
        self.retranslate()

    def _buttons(self, page: QWidget, specs: list[tuple[str, Any]]) -> QHBoxLayout:
        row = QHBoxLayout()
        for key, slot in specs:
            button = QPushButton(page)
            button.setObjectName(key)
            button.clicked.connect(lambda _c=False, s=slot: s())
            self.buttons[key] = button
            row.addWidget(button)
        row.addStretch(1)
        return row

    def retranslate(self) -> None:
        texts = {"add_documents": _tr("Add files…"), "document_details": _tr("Details…"),
                 "document_versions": _tr("Versions…"), "open_document": _tr("Open in Word"),
                 "done_editing": _tr("Done editing"),
                 "draft_document": _tr("Draft from template…"),
                 "log_correspondence": _tr("Log…"), "import_mail": _tr("Import e-mail…"),
                 "delete_correspondence": _tr("Delete")}
        for key, button in self.buttons.items():
            button.setText(texts[key])
        self.buttons["open_document"].setToolTip(
            _tr("Open a working copy in Word (or the default application); every save is "
                "stored as a new version."))
        self.drop_hint.setText(_tr("Drop files or e-mails here to add them."))
        self.timeline.retranslate()

    def _update_buttons(self, *_: Any) -> None:
        if self.ctx.is_locked:
            return
        can_edit = self.ctx.cf.user.can(Right.EDIT)
        row = self.current_document()
        for key in ("add_documents", "draft_document", "log_correspondence", "import_mail"):
            self.buttons[key].setEnabled(can_edit)
        self.buttons["delete_correspondence"].setEnabled(self.ctx.cf.user.can(Right.DELETE))
        for key in ("document_versions", "open_document"):
            self.buttons[key].setEnabled(row is not None)
        self.buttons["document_details"].setEnabled(row is not None and can_edit)
        self.buttons["done_editing"].setEnabled(row is not None
                                                and self.manager.is_open(row.id))

    # -- events on the workspace window ------------------------------------------------------------
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.ws:
            kind = event.type()
            if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
                if dropped_paths(event) and self.ctx.cf.user.can(Right.EDIT):
                    event.acceptProposedAction()
                    return True
            elif kind == QEvent.Type.Drop:
                assert isinstance(event, QDropEvent)
                paths = dropped_paths(event)
                if paths:
                    event.acceptProposedAction()
                    self.add_paths(paths)
                    return True
            elif kind == QEvent.Type.Close:
                self.manager.close_matter(self.matter_id)
            elif kind == QEvent.Type.LanguageChange:
                self.retranslate()
        return False

    # -- documents --------------------------------------------------------------------------------
    def current_document(self) -> Any | None:
        index = self.ws.documents_view.currentIndex()
        return self.ws.documents.row_at(index.row()) if index.isValid() else None

    def _dialog(self, dialog: QWidget) -> QWidget:
        self.dialogs = [d for d in self.dialogs if d is not None]
        self.last_dialog = dialog
        dialog.open()  # type: ignore[attr-defined]
        return dialog

    def add_files(self) -> QWidget | None:
        paths, _filter = QFileDialog.getOpenFileNames(self.ws, _tr("Add files to the matter"))
        if not paths:
            return None
        files = [Path(p) for p in paths]
        if all(p.suffix.lower() in (".eml", ".msg") for p in files):
            self.add_paths(files)
            return None
        dialog = DocumentDetailsDialog(self.ctx, self.matter_id, files, parent=self.ws)
        dialog.saved.connect(self._added)
        return self._dialog(dialog)

    def add_paths(self, paths: list[Path]) -> None:
        """Add dropped files and e-mails at once (their details can be edited afterwards)."""
        cf, mid = self.ctx.cf, self.matter_id
        self.doc_status.setText(_tr("Adding %n file(s)…").replace("%n", str(len(paths))))
        self.ctx.runner.run_task(lambda: add_paths(cf, mid, paths), self._added_and_notify,
                                 self._add_failed, progress_title=_tr("Adding files…"),
                                 parent=self.ws)

    def _add_failed(self, exc: BaseException) -> None:
        self.doc_status.setText("")
        show_error(self.ws, exc)

    def _added_and_notify(self, result: AddResult) -> None:
        self.ctx.notify({"document", "correspondence"})
        self._added(result)
        page = self.documents_page if result.documents or not result.mails \
            else self.correspondence_page
        self.ws.tabs.setCurrentWidget(page)

    def _added(self, result: Any) -> None:
        if not isinstance(result, AddResult):
            return
        text = summary(result)
        self.doc_status.setText(text)
        self.corr_status.setText(text if result.mails else "")
        self.show_warnings(result.warnings)

    def show_warnings(self, warnings: list[str]) -> None:
        if warnings:
            self.warning.setText("⚠ " + "\n⚠ ".join(warnings))
            self.warning.show()
        else:
            self.warning.hide()

    def edit_details(self) -> QWidget | None:
        row = self.current_document()
        if row is None:
            return None
        try:
            dialog = DocumentDetailsDialog(self.ctx, self.matter_id, document_id=row.id,
                                           parent=self.ws)
        except Exception as exc:
            show_error(self.ws, exc)
            return None
        return self._dialog(dialog)

    def show_versions(self) -> QWidget | None:
        row = self.current_document()
        if row is None:
            return None
        try:
            dialog = VersionsDialog(self.ctx, row.id, parent=self.ws)
        except Exception as exc:
            show_error(self.ws, exc)
            return None
        return self._dialog(dialog)

    def open_document(self, *_: Any) -> None:
        row = self.current_document()
        if row is None:
            return
        self.manager.open(row.id, self.matter_id, row.title, parent=self.ws)
        self.buttons["done_editing"].setEnabled(True)

    def done_editing(self) -> None:
        row = self.current_document()
        if row is not None:
            self.manager.close(row.id, parent=self.ws)
        self._update_buttons()

    def _version_saved(self, new: NewVersion) -> None:
        if any(r.id == new.document_id for r in self.ws.documents.rows):
            self.doc_status.setText(_tr("Saved as version %1 (%2).")
                                    .replace("%1", str(new.version)).replace("%2", new.filename))

    def draft(self) -> QWidget | None:
        from casedesk.gui.draft_dialog import DraftDialog

        try:
            dialog = DraftDialog(self.ctx, self.matter_id, parent=self.ws)
        except Exception as exc:
            show_error(self.ws, exc)
            return None
        return self._dialog(dialog)

    # -- correspondence ---------------------------------------------------------------------------
    def log_correspondence(self) -> QWidget:
        return self._dialog(CorrespondenceDialog(self.ctx, self.matter_id, parent=self.ws))

    def import_mail(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(
            self.ws, _tr("Import e-mails"), "", _tr("E-mails (*.eml *.msg)"))
        if paths:
            self.add_paths([Path(p) for p in paths])

    def delete_correspondence(self) -> None:
        index = self.ws.correspondence_view.currentIndex()
        if not index.isValid():
            return
        row = self.ws.correspondence.row_at(index.row())
        answer = QMessageBox.question(self.ws, _tr("Delete correspondence"),
                                      _tr("Delete \u201c%1\u201d? Documents linked to it stay "
                                          "on the matter.").replace("%1", row.subject))
        if answer == QMessageBox.StandardButton.Yes:
            cf = self.ctx.cf
            self.ctx.runner.run_task(lambda: correspondence.delete(cf, row.id),
                                     lambda _r: self.ctx.notify({"correspondence"}),
                                     lambda exc: show_error(self.ws, exc), parent=self.ws)

    # -- timeline ---------------------------------------------------------------------------------
    def load_timeline(self) -> None:
        if self.ctx.is_locked:
            return
        cf, mid = self.ctx.cf, self.matter_id

        def show(items: list[Any]) -> None:
            self.timeline.set_rows(items)
            self.timeline_view.resizeColumnsToContents()
            header = self.timeline_view.horizontalHeader()
            for i in range(header.count() - 1):
                header.resizeSection(i, min(header.sectionSize(i), 360))

        self.ctx.runner.run_task(lambda: correspondence.timeline(cf, mid), show,
                                 lambda exc: show_error(self.ws, exc))

    def _when(self, item: Any) -> str:
        from zoneinfo import ZoneInfo

        when = item.when
        if when.tzinfo is None:
            when = when.replace(tzinfo=ZoneInfo("UTC"))
        local = when.astimezone(ZoneInfo(self.ctx.firm_timezone))
        if (local.hour, local.minute, local.second) == (0, 0, 0):
            return self.ctx.format_date(local.date())
        return self.ctx.format_datetime(when)


def attach_workspace(ws: Any) -> MatterDocs:
    return MatterDocs(ws)


__all__ = ["MatterDocs", "attach_workspace", "dropped_paths"]
