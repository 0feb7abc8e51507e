"""Document actions in the main window: the Documents pane's buttons and drops, and Open in
Word's status bar messages, start-up leftovers and close-at-exit (:func:`attach_documents`).

The Documents pane lists every matter's documents; adding files there (button or drop) asks
which matter they belong to (preselecting the matter of the selected document).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QFileDialog, QInputDialog, QPushButton, QWidget

from casedesk.core.permissions import Right
from casedesk.core.services import queries
from casedesk.core.services.queries import ListQuery
from casedesk.gui.document_dialogs import (
    AddResult,
    DocumentDetailsDialog,
    VersionsDialog,
    add_paths,
    split_paths,
    summary,
)
from casedesk.gui.errors import show_error
from casedesk.gui.matter_docs import dropped_paths
from casedesk.gui.opened_docs import OpenedManager, attach_main_window


def _tr(text: str) -> str:
    return QCoreApplication.translate("documents", text)


class DocumentsPaneActions(QObject):
    """Buttons over the Documents pane acting on the selected document."""

    def __init__(self, window: Any, manager: OpenedManager) -> None:
        super().__init__(window)
        self.window, self.manager, self.ctx = window, manager, window.ctx
        self.pane = window.documents
        self.buttons: dict[str, QPushButton] = {}
        for key, slot in (("paneAddDocuments", self.add_files),
                          ("paneOpenDocument", self.open_document),
                          ("paneDoneEditing", self.done_editing),
                          ("paneDocumentVersions", self.show_versions),
                          ("paneDocumentDetails", self.edit_details)):
            button = QPushButton(self.pane)
            button.setObjectName(key)
            button.clicked.connect(lambda _c=False, s=slot: s())
            self.pane.extra.addWidget(button)
            self.buttons[key] = button
        self.buttons["paneAddDocuments"].setEnabled(self.ctx.cf.user.can(Right.EDIT))
        self.pane.setAcceptDrops(True)
        self.pane.installEventFilter(self)
        self.retranslate()

    def retranslate(self) -> None:
        for key, text in (("paneAddDocuments", _tr("Add files…")),
                          ("paneOpenDocument", _tr("Open in Word")),
                          ("paneDoneEditing", _tr("Done editing")),
                          ("paneDocumentVersions", _tr("Versions…")),
                          ("paneDocumentDetails", _tr("Details…"))):
            self.buttons[key].setText(text)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.pane:
            kind = event.type()
            if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove) and dropped_paths(event):
                event.acceptProposedAction()  # type: ignore[attr-defined]
                return True
            if kind == QEvent.Type.Drop:
                paths = dropped_paths(event)
                if paths:
                    event.acceptProposedAction()  # type: ignore[attr-defined]
                    self.add_dropped(paths)
                    return True
            if kind == QEvent.Type.LanguageChange:
                self.retranslate()
        return False

    # -- which matter ---------------------------------------------------------------------------
    def choose_matter(self) -> str | None:
        rows = queries.matters(self.ctx.cf, ListQuery(
            filters=(("status", ("intake", "open", "pending")),), limit=500))
        if not rows:
            return None
        current = self.pane.current_row()
        names = [f"{r.number} — {r.title}" for r in rows]
        index = next((i for i, r in enumerate(rows)
                      if current is not None and r.id == current.matter_id), 0)
        name, ok = QInputDialog.getItem(self.window, _tr("Add to which matter?"),
                                        _tr("Matter:"), names, index, False)
        return rows[names.index(name)].id if ok and name in names else None

    # -- actions ----------------------------------------------------------------------------------
    def add_files(self) -> QWidget | None:
        paths, _f = QFileDialog.getOpenFileNames(self.window, _tr("Add files to a matter"))
        if not paths:
            return None
        matter_id = self.choose_matter()
        if matter_id is None:
            return None
        files, mails = split_paths([Path(p) for p in paths])
        if mails or not files:
            self.add_dropped([Path(p) for p in paths], matter_id)
            return None
        dialog = DocumentDetailsDialog(self.ctx, matter_id, files, parent=self.window)
        dialog.saved.connect(self._added)
        dialog.open()
        return dialog

    def add_dropped(self, paths: list[Path], matter_id: str | None = None) -> None:
        matter_id = matter_id or self.choose_matter()
        if matter_id is None:
            return
        cf = self.ctx.cf

        def done(result: AddResult) -> None:
            self.ctx.notify({"document", "correspondence"})
            self._added(result)

        self.ctx.runner.run_task(lambda: add_paths(cf, matter_id, paths), done,
                                 lambda exc: show_error(self.window, exc),
                                 progress_title=_tr("Adding files…"), parent=self.window)

    def _added(self, result: Any) -> None:
        if isinstance(result, AddResult):
            text = " ".join([summary(result), *result.warnings])
            self.window.statusBar().showMessage(text, 15000)

    def open_document(self) -> None:
        row = self.pane.current_row()
        if row is not None:
            self.manager.open(row.id, row.matter_id, row.title, parent=self.window)

    def done_editing(self) -> None:
        row = self.pane.current_row()
        if row is not None:
            self.manager.close(row.id, parent=self.window)

    def show_versions(self) -> None:
        row = self.pane.current_row()
        if row is not None:
            try:
                VersionsDialog(self.ctx, row.id, parent=self.window).open()
            except Exception as exc:
                show_error(self.window, exc)

    def edit_details(self) -> None:
        row = self.pane.current_row()
        if row is not None:
            try:
                DocumentDetailsDialog(self.ctx, row.matter_id, document_id=row.id,
                                      parent=self.window).open()
            except Exception as exc:
                show_error(self.window, exc)


def attach_documents(window: Any) -> OpenedManager:
    manager = attach_main_window(window)
    window.documents_actions = DocumentsPaneActions(window, manager)
    return manager
