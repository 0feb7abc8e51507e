"""The client intake interview: a full window walking the practice area's questionnaire.

Choose the practice area, then answer step by step (the step list on the side; widgets
generated from the questionnaire, see :mod:`casedesk.gui.intake_fields`), then the conflict
check (:class:`~casedesk.gui.conflicts_ui.ConflictStepPage`), then accept or decline.

Nothing is lost: every answer is written into the case file with
:func:`casedesk.core.intake.save_answers` (one row updated in place) about a second after the
last keystroke, at once when a field is left or a value chosen, and on every step change - off
the GUI thread through ``ctx.runner``.  Reopening a draft (:class:`IntakeWizard` with a
``draft_id``) shows the same step with every answer.

Keyboard: Tab follows the form; Enter in a single-line field moves on; Ctrl+Enter or Alt+N is
Next, Ctrl+Backspace or Alt+B is Back; Ctrl+S saves now (it is saved anyway).
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QLocale, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from casedesk.core import intake
from casedesk.core.errors import CasedeskError, ValidationError
from casedesk.core.intake import Questionnaire, Step
from casedesk.core.services import queries
from casedesk.gui import labels
from casedesk.gui.conflicts_ui import ConflictStepPage
from casedesk.gui.context import AppContext
from casedesk.gui.errors import show_error
from casedesk.gui.intake_fields import (
    ERROR_STYLE,
    FieldEditor,
    FileEditor,
    GroupEditor,
    QuestionRow,
)

CONFLICT_STEP = "_conflicts"
DECISION_STEP = "_decision"
#: Save this long after the last keystroke.
DEBOUNCE_MS = 1000
#: Body font size of the interview (points).
FONT_PT = 12.5


def ui_language(ctx: AppContext) -> str:
    return "el" if ctx.locale.language() == QLocale.Language.Greek else "en"


class StepPage(QScrollArea):
    """One questionnaire step: its questions, top to bottom."""

    def __init__(self, wizard: IntakeWizard, step: Step) -> None:
        super().__init__(wizard.stack)
        self.step = step
        self.setObjectName(f"step:{step.id}")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget(self)
        box = QVBoxLayout(inner)
        box.setContentsMargins(24, 16, 32, 24)
        box.setSpacing(6)
        title = QLabel(step.title_el if wizard.lang == "el" else step.title, inner)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.45)
        font.setBold(True)
        title.setFont(font)
        title.setWordWrap(True)
        box.addWidget(title)
        self.rows: dict[str, QuestionRow] = {}
        self.groups: dict[str, GroupEditor] = {}
        self.order: list[str] = []
        for q in step.questions:
            self.order.append(q.id)
            if q.type == "group":
                group = GroupEditor(q, wizard.lang, inner, wizard.prepare_editor)
                group.edited.connect(wizard.on_edited)
                group.committed.connect(wizard.on_committed)
                group.layout_changed = wizard.fix_tab_order
                box.addWidget(group.widget)
                self.groups[q.id] = group
            else:
                row = QuestionRow(q, wizard.lang, inner)
                wizard.prepare_editor(row.editor)
                row.editor.edited.connect(wizard.on_edited)
                row.editor.committed.connect(wizard.on_committed)
                box.addWidget(row)
                self.rows[q.id] = row
        box.addStretch(1)
        inner.setMaximumWidth(900)
        self.setWidget(inner)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for qid, row in self.rows.items():
            out[qid] = row.editor.value()
        for qid, group in self.groups.items():
            out[qid] = group.value()
        return out

    def set_values(self, answers: dict[str, Any]) -> None:
        for qid, row in self.rows.items():
            row.editor.set_value(answers.get(qid))
        for qid, group in self.groups.items():
            group.set_value(answers.get(qid))

    def update_visibility(self, answers: dict[str, Any]) -> None:
        for row in self.rows.values():
            row.asked = intake.visible(row.q, answers)
            row.setVisible(row.asked)
        for group in self.groups.values():
            group.asked = intake.visible(group.q, answers)
            group.widget.setVisible(group.asked)
            group.update_visibility(answers)

    def focus_widgets(self) -> list[QWidget]:
        out: list[QWidget] = []
        for qid in self.order:
            if qid in self.rows:
                if self.rows[qid].asked:
                    out.extend(self.rows[qid].editor.focus_widgets())
            elif self.groups[qid].asked:
                out.extend(self.groups[qid].focus_widgets())
        return out

    def show_problems(self, problems: list[intake.Problem]) -> QWidget | None:
        """Messages at the fields; returns the first field with a problem."""
        own: dict[str, str] = {}
        in_groups: dict[str, dict[tuple[int, str], str]] = {}
        for p in problems:
            if "[" in p.question:
                gid, rest = p.question.split("[", 1)
                index, _, field = rest.partition("].")
                try:
                    in_groups.setdefault(gid, {})[(int(index), field)] = p.message
                except ValueError:
                    own[gid] = p.message
            else:
                own[p.question] = p.message
        first: QWidget | None = None
        for qid in self.order:
            if qid in self.rows:
                self.rows[qid].show_error(own.get(qid))
                if qid in own and first is None:
                    first = self.rows[qid].editor.focus_widgets()[0]
            else:
                group = self.groups[qid]
                group.show_errors(in_groups.get(qid, {}), own.get(qid))
                if first is None and (qid in own or qid in in_groups):
                    if qid in in_groups:
                        i, field = min(in_groups[qid])
                        row = next(r for r in group.items[i].rows if r.q.id == field)
                        first = row.editor.focus_widgets()[0]
                    else:
                        first = group.add_button
        return first


class DecisionPage(QWidget):
    """Accept (status, responsible attorney, case manager) or decline (with a reason)."""

    def __init__(self, wizard: IntakeWizard) -> None:
        super().__init__(wizard.stack)
        self.setObjectName("decisionStep")
        box = QVBoxLayout(self)
        box.setContentsMargins(24, 16, 32, 24)
        box.setSpacing(12)
        title = QLabel(self.tr("Accept or decline the client"), self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.45)
        font.setBold(True)
        title.setFont(font)
        box.addWidget(title)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        box.addWidget(self.summary)
        form = QFormLayout()
        form.setVerticalSpacing(12)
        self.status = QComboBox(self)
        self.status.setObjectName("statusCombo")
        for value in ("open", "intake"):
            self.status.addItem(labels.value("status", value), value)
        users = [(u.username, f"{u.display_name} ({u.username})")
                 for u in queries.user_choices(wizard.ctx.cf)]
        self.responsible = QComboBox(self)
        self.responsible.setObjectName("responsibleCombo")
        self.case_manager = QComboBox(self)
        self.case_manager.setObjectName("caseManagerCombo")
        for combo in (self.responsible, self.case_manager):
            combo.addItem("—", None)
            for username, label in users:
                combo.addItem(label, username)
            combo.setMinimumWidth(320)
        i = self.case_manager.findData(wizard.ctx.cf.user.username)
        self.case_manager.setCurrentIndex(max(i, 0))
        form.addRow(self.tr("Matter &status:"), self.status)
        form.addRow(self.tr("&Responsible attorney:"), self.responsible)
        form.addRow(self.tr("Case &manager:"), self.case_manager)
        box.addLayout(form)
        self.accept_button = QPushButton(self.tr("&Accept the client and open the matter"), self)
        self.accept_button.setObjectName("acceptButton")
        self.accept_button.clicked.connect(wizard.accept_client)
        box.addWidget(self.accept_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.message = QLabel(self)
        self.message.setObjectName("decisionMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        box.addWidget(self.message)
        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.HLine)
        box.addWidget(line)
        decline_form = QFormLayout()
        self.decline_reason = QLineEdit(self)
        self.decline_reason.setObjectName("declineReason")
        self.decline_reason.setPlaceholderText(self.tr("Why the firm does not take the client"))
        decline_form.addRow(self.tr("Reason to &decline:"), self.decline_reason)
        box.addLayout(decline_form)
        self.decline_button = QPushButton(self.tr("Dec&line the client"), self)
        self.decline_button.setObjectName("declineButton")
        self.decline_button.clicked.connect(wizard.decline_client)
        box.addWidget(self.decline_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.result = QLabel(self)
        self.result.setObjectName("decisionResult")
        self.result.setWordWrap(True)
        box.addWidget(self.result)
        box.addStretch(1)

    def focus_widgets(self) -> list[QWidget]:
        return [self.status, self.responsible, self.case_manager, self.accept_button,
                self.decline_reason, self.decline_button]


class IntakeWizard(QWidget):
    """The intake interview window (new: choose the practice area first; or resume a draft)."""

    #: the accepted intake's :class:`~casedesk.core.intake.Acceptance`
    accepted = Signal(object)
    #: a new matter to open (its id)
    open_matter = Signal(str)
    #: the draft was saved (changed answer ids)
    saved = Signal(list)

    def __init__(self, ctx: AppContext, draft_id: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("intakeWizard")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.ctx = ctx
        self.lang = ui_language(ctx)
        self.draft_id: str | None = None
        self.questionnaire: Questionnaire | None = None
        self.pages: list[StepPage] = []
        self.attachments: dict[str, str] = {}
        self._saved_answers: dict[str, Any] = {}
        self._saved_step: str | None = None
        self._in_flight = 0
        self._loading = False
        self.last_acceptance: Any = None
        font = QFont(self.font())
        font.setPointSizeF(FONT_PT)
        self.setFont(font)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.save_now)

        self.steps = QListWidget(self)
        self.steps.setObjectName("stepList")
        self.steps.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.steps.setMinimumWidth(240)
        self.steps.setMaximumWidth(300)
        self.steps.setSpacing(3)
        self.steps.setWordWrap(True)
        self.steps.itemClicked.connect(self._step_clicked)
        self.stack = QStackedWidget(self)
        self.header = QLabel(self)
        self.header.setObjectName("intakeHeader")
        self.header.setWordWrap(True)
        hfont = QFont(self.font())
        hfont.setPointSizeF(FONT_PT * 1.1)
        self.header.setFont(hfont)
        self.save_state = QLabel(self)
        self.save_state.setObjectName("saveState")
        self.back_button = QPushButton(self.tr("← &Back"), self)
        self.back_button.setObjectName("backButton")
        self.back_button.setToolTip(self.tr("Alt+B or Ctrl+Backspace"))
        self.back_button.clicked.connect(self.go_back)
        self.next_button = QPushButton(self.tr("&Next →"), self)
        self.next_button.setObjectName("nextButton")
        self.next_button.setToolTip(self.tr("Alt+N or Ctrl+Enter"))
        self.next_button.clicked.connect(self.go_next)
        self.close_button = QPushButton(self.tr("Close (answers are kept)"), self)
        self.close_button.clicked.connect(self.close)
        for b in (self.back_button, self.next_button, self.close_button):
            b.setMinimumHeight(38)
            b.setAutoDefault(False)

        body = QHBoxLayout()
        body.setSpacing(16)
        body.addWidget(self.steps)
        body.addWidget(self.stack, 1)
        bar = QHBoxLayout()
        bar.addWidget(self.save_state, 1)
        bar.addWidget(self.close_button)
        bar.addSpacing(24)
        bar.addWidget(self.back_button)
        bar.addWidget(self.next_button)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 12)
        outer.addWidget(self.header)
        outer.addLayout(body, 1)
        outer.addLayout(bar)

        for keys, slot in (("Ctrl+Return", self.go_next), ("Ctrl+Enter", self.go_next),
                           ("Ctrl+Backspace", self.go_back), ("Ctrl+S", self.save_now)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(slot)
        self.installEventFilter(self)
        self.resize(1180, 800)
        self.setMinimumSize(900, 600)

        self.area_page = self._make_area_page()
        self.stack.addWidget(self.area_page)
        self.conflict_page: ConflictStepPage | None = None
        self.decision_page: DecisionPage | None = None
        if draft_id:
            self.load_draft(draft_id)
        else:
            self.setWindowTitle(self.tr("New client intake — casedesk"))
            self.header.setText(self.tr("New client intake: choose the practice area"))
            self._update_buttons()
            self.area_list.setFocus()

    # -- practice area ----------------------------------------------------------------------------
    def _make_area_page(self) -> QWidget:
        page = QWidget(self.stack)
        box = QVBoxLayout(page)
        box.setContentsMargins(24, 16, 32, 24)
        label = QLabel(self.tr("&Which practice area is the matter in?"), page)
        font = label.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        label.setFont(font)
        self.area_list = QListWidget(page)
        self.area_list.setObjectName("areaList")
        self.area_list.setSpacing(4)
        label.setBuddy(self.area_list)
        found = intake.questionnaires(self.ctx.cf)
        for area in self.ctx.cf.firm().practice_areas or []:
            q = next((x for x in found.values() if x.practice_area == area), None)
            title = (q.title_el if self.lang == "el" else q.title) if q else ""
            text = labels.value("area", area) + (f" — {title}" if title else "")
            item = QListWidgetItem(text, self.area_list)
            item.setData(Qt.ItemDataRole.UserRole, area)
        if self.area_list.count():
            self.area_list.setCurrentRow(0)
        self.area_list.itemActivated.connect(lambda _i: self.go_next())
        box.addWidget(label)
        box.addWidget(self.area_list, 1)
        hint = QLabel(self.tr("Use the arrow keys and press Enter, or Alt+N."), page)
        box.addWidget(hint)
        return page

    def start(self, practice_area: str) -> None:
        """Start a new draft for *practice_area* and show its first step."""
        cf = self.ctx.cf
        self.ctx.runner.run_task(lambda: intake.start_draft(cf, practice_area),
                                 lambda d: self.load_draft(d.id),
                                 lambda exc: show_error(self, exc), parent=self)

    # -- loading ----------------------------------------------------------------------------------
    def load_draft(self, draft_id: str) -> None:
        cf = self.ctx.cf
        draft = intake.get_draft(cf, draft_id)
        if draft.status != "draft":
            raise ValidationError(self.tr("This intake was already %1.")
                                  .replace("%1", draft.status))
        found = intake.questionnaires(cf)
        q = found.get(draft.questionnaire_id) or intake.questionnaire_for(cf,
                                                                          draft.practice_area)
        self.draft_id = draft.id
        self.questionnaire = q
        self.attachments = {a["id"]: a["filename"] for a in draft.attachments or []}
        self._loading = True
        for step in q.steps:
            page = StepPage(self, step)
            self.pages.append(page)
            self.stack.addWidget(page)
        self.conflict_page = ConflictStepPage(self.ctx, lambda: self.draft_id, self.save_now,
                                              self.stack)
        self.conflict_page.decided.connect(self._decided)
        self.stack.addWidget(self.conflict_page)
        self.decision_page = DecisionPage(self)
        self.stack.addWidget(self.decision_page)
        answers = dict(draft.answers or {})
        for page in self.pages:
            page.set_values(answers)
        self._saved_answers = self.collect()
        self._saved_step = draft.current_step
        self._loading = False
        title = q.title_el if self.lang == "el" else q.title
        self.setWindowTitle(self.tr("Intake: %1 — casedesk").replace("%1", title))
        self._refresh_header()
        self._fill_step_list()
        self.update_visibility()
        self.fix_tab_order()
        self.go_to(draft.current_step or q.steps[0].id, save=False)

    def _fill_step_list(self) -> None:
        self.steps.clear()
        for page in self.pages:
            item = QListWidgetItem(page.step.title_el if self.lang == "el" else page.step.title,
                                   self.steps)
            item.setData(Qt.ItemDataRole.UserRole, page.step.id)
        for sid, text in ((CONFLICT_STEP, self.tr("Conflict check")),
                          (DECISION_STEP, self.tr("Accept or decline"))):
            item = QListWidgetItem(text, self.steps)
            item.setData(Qt.ItemDataRole.UserRole, sid)

    def _refresh_header(self) -> None:
        if self.questionnaire is None:
            return
        name = self._saved_answers.get("client.name") or self.tr("(new client)")
        area = labels.value("area", self.questionnaire.practice_area or "")
        self.header.setText(self.tr("Intake for %1 — %2").replace("%1", str(name))
                            .replace("%2", area))

    # -- editors ----------------------------------------------------------------------------------
    def prepare_editor(self, editor: FieldEditor) -> None:
        """Hook editors to the wizard (file attachments, Enter moves on)."""
        if isinstance(editor, FileEditor):
            editor.attach = self.attach_file
            editor.names = self.attachments
        for w in editor.focus_widgets():
            if isinstance(w, (QLineEdit, QComboBox, QAbstractSpinBox)):
                w.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        plain = not event.modifiers() & (Qt.KeyboardModifier.ControlModifier
                                         | Qt.KeyboardModifier.AltModifier) \
            if event.type() == QEvent.Type.KeyPress else False
        if plain and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
                isinstance(obj, (QLineEdit, QAbstractSpinBox))
                or (isinstance(obj, QComboBox) and not obj.view().isVisible())):
            self.focusNextChild()  # Enter moves on
            return True
        return super().eventFilter(obj, event)

    def attach_file(self, editor: FileEditor) -> None:
        if not self.draft_id:
            return
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Attach a document the client "
                                                            "brought"))
        if path:
            self.attach_path(editor, Path(path))

    def attach_path(self, editor: FileEditor, path: Path) -> None:
        cf, draft_id = self.ctx.cf, self.draft_id
        assert draft_id is not None

        def work() -> dict[str, Any]:
            return intake.attach_file(cf, draft_id, path.name, path.read_bytes())

        def done(item: dict[str, Any]) -> None:
            self.attachments[item["id"]] = item["filename"]
            editor.set_value(item["id"])
            self.on_committed()
        self.ctx.runner.run_task(work, done, lambda exc: show_error(self, exc),
                                 progress_title=self.tr("Attaching the file…"), parent=self)

    # -- answers and saving -----------------------------------------------------------------------
    def collect(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for page in self.pages:
            out.update(page.values())
        return {k: v for k, v in out.items() if v is not None}

    def update_visibility(self) -> None:
        answers = self.collect()
        for page in self.pages:
            page.update_visibility(answers)
        for i in range(self.steps.count()):
            item = self.steps.item(i)
            page = self._page(item.data(Qt.ItemDataRole.UserRole))
            item.setHidden(page is not None and not intake.visible(page.step, answers))

    def on_edited(self) -> None:
        if self._loading:
            return
        self.update_visibility()
        self.save_state.setText(self.tr("Typing…"))
        self.timer.start()

    def on_committed(self) -> None:
        if self._loading:
            return
        self.update_visibility()
        self.fix_tab_order()
        self.save_now()

    def has_unsaved(self) -> bool:
        """Typed answers not yet in the case file (or a save still running)."""
        return self.timer.isActive() or self._in_flight > 0 or bool(self._changes()[0])

    def _changes(self) -> tuple[dict[str, Any], str | None]:
        now = self.collect()
        changed: dict[str, Any] = {k: v for k, v in now.items()
                                   if self._saved_answers.get(k) != v}
        changed.update({k: None for k in self._saved_answers if k not in now})
        return changed, self.current_step()

    def save_now(self) -> None:
        """Write the changed answers and the current step (one small UPDATE, off the GUI
        thread; saves run in order on the runner's single worker)."""
        self.timer.stop()
        if not self.draft_id or self.ctx.is_locked:
            return
        changed, step = self._changes()
        if not changed and step == self._saved_step:
            return
        self._saved_answers = self.collect()
        self._saved_step = step
        cf, draft_id = self.ctx.cf, self.draft_id
        self._in_flight += 1
        self.save_state.setText(self.tr("Saving…"))
        self.ctx.runner.run_task(lambda: intake.save_answers(cf, draft_id, changed, step),
                                 self._save_done, self._save_failed)

    def _save_done(self, changed: list[str]) -> None:
        self._in_flight -= 1
        from datetime import datetime

        now = datetime.now()
        self.save_state.setText(self.tr("All answers saved at %1.")
                                .replace("%1", now.strftime("%H:%M:%S")))
        self._refresh_header()
        self.saved.emit(changed)

    def _save_failed(self, exc: BaseException) -> None:
        self._in_flight -= 1
        self._saved_answers = {}  # everything is resent on the next save
        self.save_state.setText(self.tr("Not saved: %1").replace("%1", str(exc)))
        if not isinstance(exc, CasedeskError):
            show_error(self, exc)

    # -- navigation -------------------------------------------------------------------------------
    def _page(self, step_id: str | None) -> StepPage | None:
        return next((p for p in self.pages if p.step.id == step_id), None)

    def current_step(self) -> str | None:
        w = self.stack.currentWidget()
        if isinstance(w, StepPage):
            return w.step.id
        if w is self.conflict_page:
            return CONFLICT_STEP
        if w is self.decision_page:
            return DECISION_STEP
        return None

    def _sequence(self) -> list[str]:
        answers = self.collect()
        ids = [p.step.id for p in self.pages if intake.visible(p.step, answers)]
        return [*ids, CONFLICT_STEP, DECISION_STEP]

    def go_to(self, step_id: str, *, save: bool = True) -> None:
        if self.draft_id is None:
            return
        if step_id == CONFLICT_STEP and self.conflict_page is not None:
            self.stack.setCurrentWidget(self.conflict_page)
        elif step_id == DECISION_STEP and self.decision_page is not None:
            self.stack.setCurrentWidget(self.decision_page)
            self._refresh_decision()
        else:
            page = self._page(step_id) or self.pages[0]
            self.stack.setCurrentWidget(page)
        sid = self.current_step()
        for i in range(self.steps.count()):
            item = self.steps.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == sid:
                self.steps.setCurrentRow(i)
        self._update_buttons()
        self.fix_tab_order()
        if save:
            self.save_now()
        if sid == CONFLICT_STEP and self.conflict_page is not None:
            self.conflict_page.enter()
        self.focus_first()

    def focus_first(self) -> None:
        w = self.stack.currentWidget()
        if isinstance(w, StepPage):
            w.verticalScrollBar().setValue(0)  # the step's title first
            widgets = w.focus_widgets()
            if widgets:
                widgets[0].setFocus(Qt.FocusReason.TabFocusReason)
        elif w is self.conflict_page and self.conflict_page is not None:
            self.conflict_page.decision.setFocus(Qt.FocusReason.TabFocusReason)
        elif w is self.decision_page and self.decision_page is not None:
            self.decision_page.status.setFocus(Qt.FocusReason.TabFocusReason)

    def _update_buttons(self) -> None:
        sid = self.current_step()
        seq = self._sequence() if self.draft_id else []
        self.back_button.setEnabled(bool(seq) and sid in seq and seq.index(sid) > 0)
        self.next_button.setEnabled(sid != DECISION_STEP)

    def _step_clicked(self, item: QListWidgetItem) -> None:
        self.go_to(item.data(Qt.ItemDataRole.UserRole))

    def go_next(self) -> None:
        if self.draft_id is None:
            item = self.area_list.currentItem()
            if item is not None:
                self.start(item.data(Qt.ItemDataRole.UserRole))
            return
        sid = self.current_step()
        page = self._page(sid)
        if page is not None and not self.check_step(page):
            return
        if sid == CONFLICT_STEP and self.conflict_page is not None \
                and self.conflict_page.decided_value is None:
            self.conflict_page.message.setText(self.tr(
                "Record a decision on the conflict check before going on."))
            self.conflict_page.decision.setFocus()
            return
        seq = self._sequence()
        if sid in seq and seq.index(sid) + 1 < len(seq):
            self.go_to(seq[seq.index(sid) + 1])

    def go_back(self) -> None:
        seq = self._sequence()
        sid = self.current_step()
        if sid in seq and seq.index(sid) > 0:
            self.go_to(seq[seq.index(sid) - 1])

    def check_step(self, page: StepPage) -> bool:
        """Show the step's problems at the fields; True when there are none."""
        assert self.questionnaire is not None
        problems = [p for p in intake.validate_answers(self.questionnaire, self.collect())
                    if p.step == page.step.id]
        first = page.show_problems(problems)
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)
            page.ensureWidgetVisible(first)
            self.save_state.setText(self.tr("Some answers need attention (marked in red)."))
            return False
        return True

    def fix_tab_order(self) -> None:
        """Tab follows the form, then Back / Next."""
        w = self.stack.currentWidget()
        if isinstance(w, StepPage):
            chain = w.focus_widgets()
        elif w is self.decision_page and self.decision_page is not None:
            chain = self.decision_page.focus_widgets()
        elif w is self.conflict_page and self.conflict_page is not None:
            cp = self.conflict_page
            chain = [cp.decision, cp.consent, cp.reason, cp.decide_button, cp.run_button,
                     cp.table]
        else:
            chain = [self.area_list]
        chain = [*chain, self.close_button, self.back_button, self.next_button]
        for a, b in itertools.pairwise(chain):
            QWidget.setTabOrder(a, b)

    # -- decisions --------------------------------------------------------------------------------
    def _decided(self, decision: str) -> None:
        if decision == "declined":
            self.save_state.setText(self.tr("The client was declined; the intake is kept."))
            self._finish_declined()
        else:
            self.go_to(DECISION_STEP)

    def _refresh_decision(self) -> None:
        page = self.decision_page
        if page is None or self.questionnaire is None:
            return
        problems = intake.validate_answers(self.questionnaire, self.collect())
        decided = self.conflict_page.decided_value if self.conflict_page else None
        parts = []
        if problems:
            parts.append(self.tr("%1 answer(s) still missing or wrong, first: %2")
                         .replace("%1", str(len(problems))).replace("%2", problems[0].message))
        if decided not in ("cleared", "waived"):
            parts.append(self.tr("The conflict check has not been cleared or waived yet."))
        page.summary.setText("\n".join(parts) or self.tr(
            "Everything is answered and the conflict check is decided."))

    def accept_client(self) -> None:
        page = self.decision_page
        if page is None or self.draft_id is None:
            return
        self.save_now()
        cf, draft_id = self.ctx.cf, self.draft_id
        status, resp = page.status.currentData(), page.responsible.currentData()
        cm = page.case_manager.currentData()
        page.message.clear()
        page.accept_button.setEnabled(False)

        def done(result: intake.Acceptance) -> None:
            page.accept_button.setEnabled(True)
            self.last_acceptance = result
            self.ctx.notify({"contact", "matter", "party", "deadline", "event", "task",
                             "document"})
            text = self.tr("Accepted as matter %1.").replace("%1", result.matter_number)
            if result.warnings:
                text += "\n" + self.tr("Warnings:") + "\n" + "\n".join(result.warnings)
            page.result.setText(text)
            self.accepted.emit(result)
            self.open_matter.emit(result.matter_id)
            if not result.warnings:
                self.close()

        def failed(exc: BaseException) -> None:
            page.accept_button.setEnabled(True)
            if isinstance(exc, ValidationError) and exc.field and self.questionnaire \
                    and exc.field in self.questionnaire.question_ids():
                step = self.questionnaire.step_of(exc.field).id
                self.go_to(step)
                p = self._page(step)
                if p is not None:
                    self.check_step(p)
                return
            if isinstance(exc, CasedeskError):
                page.message.setText(str(exc))
                return
            show_error(self, exc)
        self.ctx.runner.run_task(
            lambda: intake.accept(cf, draft_id, status=status, responsible=resp,
                                  case_manager=cm),
            done, failed, progress_title=self.tr("Opening the matter…"), parent=self)

    def decline_client(self) -> None:
        page = self.decision_page
        if page is None or self.draft_id is None:
            return
        self.save_now()
        cf, draft_id, reason = self.ctx.cf, self.draft_id, page.decline_reason.text()

        def failed(exc: BaseException) -> None:
            if isinstance(exc, CasedeskError):
                page.message.setText(str(exc))
                page.decline_reason.setFocus()
                return
            show_error(self, exc)
        self.ctx.runner.run_task(lambda: intake.decline(cf, draft_id, reason),
                                 lambda _d: self._finish_declined(), failed, parent=self)

    def _finish_declined(self) -> None:
        if self.decision_page is not None:
            self.decision_page.result.setText(self.tr("Declined. The intake is kept, and its "
                                                      "names are found by later checks."))
        self.draft_id = None  # nothing more to save
        self.ctx.notify({"intake"})
        self.close()

    # -- closing ----------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.ctx.is_locked:
            try:
                self.save_now()
                self.ctx.runner.wait_idle(10_000)
            except CasedeskError:  # the case file went away: saved up to the last save
                pass
        self.ctx.notify({"intake"})
        super().closeEvent(event)


def open_intake(ctx: AppContext, draft_id: str | None = None,
                parent: QWidget | None = None) -> IntakeWizard | None:
    """Open the intake window (a draft to resume, or a new intake)."""
    try:
        wizard = IntakeWizard(ctx, draft_id, parent)
    except CasedeskError as exc:
        show_error(parent, exc)
        return None
    wizard.show()
    wizard.raise_()
    wizard.activateWindow()
    return wizard
