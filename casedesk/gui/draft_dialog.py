""""Draft from template…": pick a shipped or firm template, see the merge fields, draft.

The draft is rendered and stored on the matter off the GUI thread
(:func:`casedesk.core.services.drafts.draft`); the dialog then offers to open it in Word at once.
Firm templates are managed here too: "Add firm template…" checks a ``.docx`` (problems are shown
in the dialog, in full) and "Remove" deletes a firm template.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from casedesk.core.drafting import FIELDS
from casedesk.core.errors import CasedeskError
from casedesk.core.permissions import Right
from casedesk.core.services import documents, drafts
from casedesk.gui.context import AppContext
from casedesk.gui.dialogs import ERROR_STYLE
from casedesk.gui.errors import show_error
from casedesk.gui.opened_docs import opened_manager

TEMPLATE_ROLE = Qt.ItemDataRole.UserRole + 1


def _tr(text: str) -> str:
    return QCoreApplication.translate("documents", text)


class DraftDialog(QDialog):
    """Templates on the left, the selected template's and all documented fields on the right."""

    #: The drafted document (stored on the matter).
    drafted = Signal(object)
    templates_loaded = Signal()

    def __init__(self, ctx: AppContext, matter_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("draftDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.setWindowTitle(_tr("Draft from template"))
        self.ctx, self.matter_id = ctx, matter_id
        self.templates: list[drafts.TemplateInfo] = []
        self.document: Any = None
        self.prompt: QMessageBox | None = None

        self.list = QListWidget(self)
        self.list.setObjectName("templateList")
        self.list.currentItemChanged.connect(self._selected)
        self.list.itemDoubleClicked.connect(lambda _i: self.draft())
        self.add_button = QPushButton(_tr("Add firm template…"), self)
        self.add_button.setObjectName("addTemplateButton")
        self.add_button.clicked.connect(self.add_template)
        self.remove_button = QPushButton(_tr("Remove"), self)
        self.remove_button.setObjectName("removeTemplateButton")
        self.remove_button.clicked.connect(self.remove_template)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(_tr("Templates:"), left))
        left_layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        left_layout.addLayout(row)

        self.description = QLabel(self)
        self.description.setObjectName("templateDescription")
        self.description.setWordWrap(True)
        self.description.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fields = QTreeWidget(self)
        self.fields.setObjectName("fieldList")
        self.fields.setColumnCount(3)
        self.fields.setHeaderLabels([_tr("Field"), _tr("Meaning"), _tr("Example")])
        self.fields.setRootIsDecorated(False)
        self.fields.setAlternatingRowColors(True)
        for doc in FIELDS:
            item = QTreeWidgetItem([doc.name, doc.description, doc.example.replace("\n", " ⏎ ")])
            item.setToolTip(1, doc.description)
            self.fields.addTopLevelItem(item)
        self.fields.setColumnWidth(0, 230)
        self.fields.setColumnWidth(1, 330)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.description)
        fields_title = QLabel(_tr("Merge fields a template can use (fields in bold are used by "
                                  "the selected template):"), right)
        fields_title.setWordWrap(True)
        right_layout.addWidget(fields_title)
        right_layout.addWidget(self.fields, 1)

        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([280, 720])

        self.message = QLabel(self)
        self.message.setObjectName("messageLabel")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        self.buttons = QDialogButtonBox(self)
        self.draft_button = self.buttons.addButton(_tr("Draft"),
                                                   QDialogButtonBox.ButtonRole.AcceptRole)
        self.draft_button.setObjectName("draftButton")
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.buttons.accepted.connect(self.draft)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(1040, 600)
        can_edit = ctx.cf.user.can(Right.EDIT)
        self.add_button.setEnabled(can_edit)
        self.draft_button.setEnabled(False)
        self.remove_button.setEnabled(False)
        self.reload()

    # -- templates --------------------------------------------------------------------------------
    def reload(self, select: str | None = None) -> None:
        cf = self.ctx.cf

        def show(templates: list[drafts.TemplateInfo]) -> None:
            self.templates = templates
            self.list.clear()
            for info in templates:
                text = info.description if info.source == "shipped" else \
                    _tr("%1 (firm)").replace("%1", info.name)
                item = QListWidgetItem(text, self.list)
                item.setData(TEMPLATE_ROLE, info.name)
                item.setToolTip(info.filename)
            wanted = [i for i in range(self.list.count())
                      if self.list.item(i).data(TEMPLATE_ROLE) == select]
            if self.list.count():
                self.list.setCurrentRow(wanted[0] if wanted else 0)
            self.templates_loaded.emit()

        self.ctx.runner.run_task(lambda: drafts.list_templates(cf), show,
                                 lambda exc: show_error(self, exc), parent=self)

    def current(self) -> drafts.TemplateInfo | None:
        item = self.list.currentItem()
        if item is None:
            return None
        name = item.data(TEMPLATE_ROLE)
        return next((t for t in self.templates if t.name == name), None)

    def select(self, name: str) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).data(TEMPLATE_ROLE) == name:
                self.list.setCurrentRow(i)

    def _selected(self, *_: Any) -> None:
        info = self.current()
        self.draft_button.setEnabled(info is not None and self.ctx.cf.user.can(Right.EDIT))
        self.remove_button.setEnabled(info is not None and info.source == "firm"
                                      and self.ctx.cf.user.can(Right.DELETE))
        used = set(info.fields) if info else set()
        for i in range(self.fields.topLevelItemCount()):
            item = self.fields.topLevelItem(i)
            font = item.font(0)
            font.setBold(item.text(0) in used)
            item.setFont(0, font)
        if info is None:
            self.description.setText("")
            return
        source = _tr("shipped with casedesk") if info.source == "shipped" else \
            _tr("firm template")
        self.description.setText(
            f"<b>{_escape(info.description)}</b> — {_escape(info.filename)} ({source})<br>"
            + _tr("Uses: %1").replace("%1", _escape(", ".join(info.fields) or "—")))

    # -- drafting ---------------------------------------------------------------------------------
    def draft(self) -> None:
        info = self.current()
        if info is None:
            return
        self._say("")
        cf, mid, name = self.ctx.cf, self.matter_id, info.name
        self.draft_button.setEnabled(False)
        self.ctx.runner.run_task(lambda: drafts.draft(cf, mid, name), self._drafted,
                                 self._failed, progress_title=_tr("Drafting…"), parent=self)

    def _drafted(self, doc: Any) -> None:
        self.document = doc
        self.draft_button.setEnabled(True)
        self.ctx.notify({"document"})
        self.drafted.emit(doc)
        box = QMessageBox(QMessageBox.Icon.Question, _tr("Draft ready"),
                          _tr("\u201c%1\u201d was stored on the matter. Open it in Word now?")
                          .replace("%1", doc.title),
                          QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Close,
                          self)
        box.setObjectName("openDraftPrompt")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        box.finished.connect(lambda result: self._prompt_answered(box, doc))
        self.prompt = box
        box.open()

    def _prompt_answered(self, box: QMessageBox, doc: Any) -> None:
        self.prompt = None
        if box.clickedButton() is box.button(QMessageBox.StandardButton.Open):
            self.open_draft(doc)
        self.accept()

    def open_draft(self, doc: Any) -> None:
        opened_manager(self.ctx).open(doc.id, self.matter_id, doc.title,
                                      parent=self.parentWidget())

    def _failed(self, exc: BaseException) -> None:
        self.draft_button.setEnabled(True)
        if isinstance(exc, CasedeskError):
            self._say(str(exc), error=True)
        else:
            show_error(self, exc)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else "")
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # -- firm templates ---------------------------------------------------------------------------
    def add_template(self) -> None:
        source, _f = QFileDialog.getOpenFileName(self, _tr("Add firm template"), "",
                                                 _tr("Word documents (*.docx)"))
        if not source:
            return
        path = Path(source)
        name, ok = QInputDialog.getText(self, _tr("Template name"),
                                        _tr("Name of the template:"), text=path.stem)
        if ok and name.strip():
            self.store_template(path, name.strip())

    def store_template(self, path: Path, name: str) -> None:
        cf = self.ctx.cf
        self._say("")

        def work() -> Any:
            data = documents.read_file(path)
            return drafts.add_template(cf, name, data, filename=path.name)

        def done(tpl: Any) -> None:
            self._say(_tr("The template \u201c%1\u201d was added.").replace("%1", tpl.name))
            self.reload(select=tpl.name)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, CasedeskError):
                self._say(_tr("%1 was not added: %2").replace("%1", path.name)
                          .replace("%2", str(exc)), error=True)
            else:
                show_error(self, exc)

        self.ctx.runner.run_task(work, done, failed, parent=self)

    def remove_template(self) -> None:
        info = self.current()
        if info is None or info.source != "firm":
            return
        answer = QMessageBox.question(self, _tr("Remove template"),
                                      _tr("Remove the firm template \u201c%1\u201d? Documents "
                                          "drafted from it stay.").replace("%1", info.name))
        if answer == QMessageBox.StandardButton.Yes:
            self.delete_template(info.name)

    def delete_template(self, name: str) -> None:
        cf = self.ctx.cf
        self.ctx.runner.run_task(
            lambda: drafts.remove_template(cf, name),
            lambda _r: (self._say(_tr("The template \u201c%1\u201d was removed.")
                                  .replace("%1", name)), self.reload()),
            lambda exc: self._failed(exc), parent=self)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
