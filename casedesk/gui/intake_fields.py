"""Widgets generated from intake questionnaire data (see :mod:`casedesk.core.intake`).

One :class:`FieldEditor` per question type (text, multiline, date, choice, yes/no, e-mail,
phone; the documents group's ``file`` field attaches a file), a :class:`QuestionRow` around it
(label above the field so long and Greek labels are never cut, a ``*`` for required questions,
the help text and a message line for validation errors), and :class:`GroupEditor` for repeatable
groups (add/remove entries).  Editors emit ``edited`` while the user types (the wizard saves
about a second later) and ``committed`` when a value is chosen or a field is left (saved now).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from casedesk.core.intake import Question, visible

ERROR_STYLE = "color: #b00020; font-weight: bold;"
HELP_STYLE = "color: #555555;"
EMPTY_DATE = QDate(1800, 1, 1)


def tr(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("IntakeWizard", text)


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value == []


class FieldEditor(QObject):
    """The widget for one question; ``value()`` is what goes into the answers (None: empty)."""

    edited = Signal()
    committed = Signal()

    def __init__(self, question: Question, lang: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.q = question
        self.lang = lang
        self.widget: QWidget = self.build(parent)
        self.widget.setObjectName(f"field:{question.id}")
        self.widget.setMinimumHeight(34)

    def build(self, parent: QWidget) -> QWidget:
        raise NotImplementedError

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def focus_widgets(self) -> list[QWidget]:
        return [self.widget]


class LineEditor(FieldEditor):
    def build(self, parent: QWidget) -> QWidget:
        edit = QLineEdit(parent)
        if self.q.type == "email":
            edit.setPlaceholderText("name@example.com")
            edit.setInputMethodHints(Qt.InputMethodHint.ImhEmailCharactersOnly)
        elif self.q.type == "phone":
            edit.setPlaceholderText("+30 210 1234567")
            edit.setInputMethodHints(Qt.InputMethodHint.ImhDialableCharactersOnly)
        edit.textEdited.connect(lambda _t: self.edited.emit())
        edit.editingFinished.connect(self.committed)
        self.edit = edit
        return edit

    def value(self) -> Any:
        text = self.edit.text()
        return text if text.strip() else None

    def set_value(self, value: Any) -> None:
        self.edit.setText(value if isinstance(value, str) else "")


class MultiEditor(FieldEditor):
    def build(self, parent: QWidget) -> QWidget:
        edit = QPlainTextEdit(parent)
        edit.setTabChangesFocus(True)  # Tab moves on; Enter makes a new line
        edit.setMinimumHeight(80)
        edit.setMaximumHeight(110)
        edit.textChanged.connect(self.edited)
        edit.installEventFilter(self)
        self.edit = edit
        return edit

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self.committed.emit()
        return False

    def value(self) -> Any:
        text = self.edit.toPlainText()
        return text if text.strip() else None

    def set_value(self, value: Any) -> None:
        self.edit.blockSignals(True)
        self.edit.setPlainText(value if isinstance(value, str) else "")
        self.edit.blockSignals(False)


class DateEditor(FieldEditor):
    """A QDateEdit (ISO format, calendar popup) that may be empty: empty shows a dash; on entry
    it offers today with the year selected, so typing ``20250110`` fills it in; leaving it
    untouched keeps it empty.  Ctrl+Delete empties it."""

    def build(self, parent: QWidget) -> QWidget:
        edit = QDateEdit(parent)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setCalendarPopup(True)
        edit.setMinimumDate(EMPTY_DATE)
        edit.setSpecialValueText("—")
        edit.setDate(EMPTY_DATE)
        edit.setMinimumWidth(180)
        edit.setMaximumWidth(280)
        edit.setToolTip(tr("Type the date as year, month, day (e.g. 20250110), or press "
                           "Alt+Down for the calendar.  Ctrl+Delete empties it."))
        edit.installEventFilter(self)
        edit.dateChanged.connect(self._changed)
        self.edit = edit
        self._is_empty = True
        self._offered = False
        return edit

    def _changed(self, d: QDate) -> None:
        if self._offered or d != EMPTY_DATE:
            self._is_empty = d == EMPTY_DATE
            self._offered = False
            self.edited.emit()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.FocusIn and self._is_empty:
            self.edit.blockSignals(True)
            self.edit.setDate(QDate.currentDate())
            self.edit.blockSignals(False)
            self.edit.setSelectedSection(QDateEdit.Section.YearSection)
            self._offered = True
        elif kind == QEvent.Type.FocusOut:
            if self._offered:  # offered today, nothing typed: stays empty
                self.edit.blockSignals(True)
                self.edit.setDate(EMPTY_DATE)
                self.edit.blockSignals(False)
                self._offered = False
            self.committed.emit()
        elif kind == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Delete \
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.set_value(None)
            self.edited.emit()
            return True
        return False

    def value(self) -> Any:
        if self._is_empty or self._offered:
            return None
        return self.edit.date().toString("yyyy-MM-dd")

    def set_value(self, value: Any) -> None:
        d = QDate.fromString(value, "yyyy-MM-dd") if isinstance(value, str) else QDate()
        self.edit.blockSignals(True)
        self.edit.setDate(d if d.isValid() else EMPTY_DATE)
        self.edit.blockSignals(False)
        self._is_empty = not d.isValid()
        self._offered = False


class ChoiceEditor(FieldEditor):
    def build(self, parent: QWidget) -> QWidget:
        combo = QComboBox(parent)
        combo.addItem(tr("— choose —"), None)
        for opt in self.options():
            combo.addItem(opt[1], opt[0])
        combo.setMinimumWidth(280)
        combo.currentIndexChanged.connect(lambda _i: self.committed.emit())
        self.combo = combo
        return combo

    def options(self) -> list[tuple[Any, str]]:
        el = self.lang == "el"
        return [(o.value, o.label_el if el else o.label) for o in self.q.options]

    def value(self) -> Any:
        return self.combo.currentData()

    def set_value(self, value: Any) -> None:
        i = self.combo.findData(value) if value is not None else 0
        self.combo.blockSignals(True)
        self.combo.setCurrentIndex(max(i, 0))
        self.combo.blockSignals(False)


class YesNoEditor(ChoiceEditor):
    def options(self) -> list[tuple[Any, str]]:
        return [(True, tr("Yes")), (False, tr("No"))]

    def set_value(self, value: Any) -> None:
        i = {True: 1, False: 2}.get(value, 0) if isinstance(value, bool) else 0
        self.combo.blockSignals(True)
        self.combo.setCurrentIndex(i)
        self.combo.blockSignals(False)


class FileEditor(FieldEditor):
    """The documents group's ``file``: an "Attach file…" button; the value is the attachment id
    returned by :func:`casedesk.core.intake.attach_file` (done by the wizard's ``attach``)."""

    #: Set by the wizard: ``attach(editor)`` picks a file, attaches it and calls ``set_value``.
    attach: Callable[[FileEditor], None] | None = None
    names: dict[str, str]

    def build(self, parent: QWidget) -> QWidget:
        self.names = {}
        box = QWidget(parent)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self.button = QPushButton(tr("Attach file…"), box)
        self.button.clicked.connect(self._attach)
        self.label = QLabel(tr("No file attached."), box)
        row.addWidget(self.button)
        row.addWidget(self.label, 1)
        self._value: str | None = None
        return box

    def _attach(self) -> None:
        if self.attach is not None:
            self.attach(self)

    def focus_widgets(self) -> list[QWidget]:
        return [self.button]

    def value(self) -> Any:
        return self._value

    def set_value(self, value: Any) -> None:
        self._value = value if isinstance(value, str) and value else None
        self.label.setText(self.names.get(self._value or "", self._value or "")
                           or tr("No file attached."))


def make_editor(q: Question, lang: str, parent: QWidget, *, in_group: str = "") -> FieldEditor:
    if in_group == "documents.brought" and q.id == "file":
        return FileEditor(q, lang, parent)
    kind = {"text": LineEditor, "email": LineEditor, "phone": LineEditor,
            "multiline": MultiEditor, "date": DateEditor, "choice": ChoiceEditor,
            "yesno": YesNoEditor}[q.type]
    return kind(q, lang, parent)


class QuestionRow(QWidget):
    """Label (``*`` when required) above the field, help text, and an error line."""

    def __init__(self, q: Question, lang: str, parent: QWidget, *, in_group: str = "") -> None:
        super().__init__(parent)
        self.q = q
        #: whether the question is asked (its condition holds); isHidden() is also true for
        #: rows not shown yet
        self.asked = True
        self.setObjectName(f"row:{in_group + '.' if in_group else ''}{q.id}")
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 4, 0, 8)
        box.setSpacing(4)
        text = q.label_for(lang)
        self.label = QLabel(text + (" *" if q.required else ""), self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        font = self.label.font()
        font.setBold(True)
        self.label.setFont(font)
        if q.required:
            self.label.setToolTip(tr("Required"))
        self.editor = make_editor(q, lang, self, in_group=in_group)
        self.label.setBuddy(self.editor.focus_widgets()[0])
        box.addWidget(self.label)
        box.addWidget(self.editor.widget)
        help_text = (q.help_el if lang == "el" and q.help_el else q.help)
        if help_text:
            hl = QLabel(help_text, self)
            hl.setWordWrap(True)
            hl.setStyleSheet(HELP_STYLE)
            box.addWidget(hl)
        self.error = QLabel("", self)
        self.error.setObjectName(f"error:{q.id}")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        box.addWidget(self.error)

    def show_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))


class GroupItem(QFrame):
    """One entry of a repeatable group."""

    def __init__(self, group: GroupEditor, number: int) -> None:
        super().__init__(group.rows_box)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("groupItem")
        box = QVBoxLayout(self)
        box.setContentsMargins(12, 8, 12, 8)
        head = QHBoxLayout()
        self.title = QLabel(self)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.remove = QPushButton(tr("Remove"), self)
        self.remove.setObjectName("removeItem")
        head.addWidget(self.title, 1)
        head.addWidget(self.remove)
        box.addLayout(head)
        self.rows: list[QuestionRow] = []
        for f in group.q.fields:
            row = QuestionRow(f, group.lang, self, in_group=group.q.id)
            box.addWidget(row)
            self.rows.append(row)
        self.title.setText(f"{group.q.label_for(group.lang)} #{number}")

    def value(self) -> dict[str, Any]:
        out = {}
        for row in self.rows:
            value = row.editor.value()
            if not _empty(value):
                out[row.q.id] = value
        return out


class GroupEditor(QObject):
    """A repeatable group: its entries and an "Add" button."""

    edited = Signal()
    committed = Signal()

    def __init__(self, q: Question, lang: str, parent: QWidget,
                 prepare: Callable[[FieldEditor], None]) -> None:
        super().__init__(parent)
        self.q, self.lang, self.prepare = q, lang, prepare
        self.widget = QWidget(parent)
        self.widget.setObjectName(f"group:{q.id}")
        box = QVBoxLayout(self.widget)
        box.setContentsMargins(0, 8, 0, 8)
        self.label = QLabel(q.label_for(lang), self.widget)
        self.label.setWordWrap(True)
        font = self.label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.label.setFont(font)
        box.addWidget(self.label)
        help_text = (q.help_el if lang == "el" and q.help_el else q.help)
        if help_text:
            hl = QLabel(help_text, self.widget)
            hl.setWordWrap(True)
            hl.setStyleSheet(HELP_STYLE)
            box.addWidget(hl)
        self.rows_box = QWidget(self.widget)
        self.rows_layout = QVBoxLayout(self.rows_box)
        self.rows_layout.setContentsMargins(0, 0, 0, 0)
        self.rows_layout.setSpacing(10)
        box.addWidget(self.rows_box)
        self.empty_label = QLabel(tr("None yet."), self.widget)
        self.empty_label.setStyleSheet(HELP_STYLE)
        box.addWidget(self.empty_label)
        self.add_button = QPushButton(tr("Add: %1").replace("%1", q.label_for(lang)),
                                      self.widget)
        self.add_button.setObjectName(f"add:{q.id}")
        self.add_button.clicked.connect(self.add_by_user)
        box.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.error = QLabel("", self.widget)
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        box.addWidget(self.error)
        self.items: list[GroupItem] = []
        self.asked = True
        #: called after rows are added or removed (the wizard fixes the tab order)
        self.layout_changed: Callable[[], None] = lambda: None

    def add_item(self, values: dict[str, Any] | None = None) -> GroupItem:
        item = GroupItem(self, len(self.items) + 1)
        for row in item.rows:
            self.prepare(row.editor)
            row.editor.edited.connect(self.edited)
            row.editor.committed.connect(self.committed)
            if values and row.q.id in values:
                row.editor.set_value(values[row.q.id])
        item.remove.clicked.connect(lambda: self.remove_item(item))
        self.items.append(item)
        self.rows_layout.addWidget(item)
        if self.rows_box.isVisible():
            item.show()  # now, not when the layout gets to it: the tab order needs it shown
        self.empty_label.hide()
        self.update_visibility({})
        return item

    def add_by_user(self) -> None:
        item = self.add_item()
        self.layout_changed()
        self.committed.emit()
        item.rows[0].editor.focus_widgets()[0].setFocus(Qt.FocusReason.TabFocusReason)

    def remove_item(self, item: GroupItem) -> None:
        i = self.items.index(item)
        self.items.remove(item)
        item.hide()
        item.deleteLater()
        for n, other in enumerate(self.items, 1):
            other.title.setText(f"{self.q.label_for(self.lang)} #{n}")
        self.empty_label.setVisible(not self.items)
        self.layout_changed()
        self.committed.emit()
        target = self.items[min(i, len(self.items) - 1)].remove if self.items else self.add_button
        target.setFocus(Qt.FocusReason.TabFocusReason)

    def value(self) -> Any:
        items = [item.value() for item in self.items]
        return items or None

    def set_value(self, value: Any) -> None:
        for item in list(self.items):
            item.setParent(None)
            item.deleteLater()
        self.items.clear()
        for entry in value if isinstance(value, list) else []:
            self.add_item(entry if isinstance(entry, dict) else {})
        self.empty_label.setVisible(not self.items)

    def update_visibility(self, answers: dict[str, Any]) -> None:
        for item in self.items:
            local = item.value()
            for row in item.rows:
                row.asked = visible(row.q, answers, local)
                row.setVisible(row.asked)

    def focus_widgets(self) -> list[QWidget]:
        out: list[QWidget] = []
        for item in self.items:
            for row in item.rows:
                if row.asked:
                    out.extend(row.editor.focus_widgets())
            out.append(item.remove)
        out.append(self.add_button)
        return out

    def show_errors(self, by_field: dict[tuple[int, str], str], own: str | None) -> None:
        for i, item in enumerate(self.items):
            for row in item.rows:
                row.show_error(by_field.get((i, row.q.id)))
        self.error.setText(own or "")
        self.error.setVisible(bool(own))
