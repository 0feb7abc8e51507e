"""The intake interview, by keyboard: answers saved as typed, resumed after a kill, the conflict
check, acceptance; and the Parties tab's conflict warning."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QLocale, QSettings, Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from casedesk.core import conflicts, intake
from casedesk.core.casefile import CaseFile
from casedesk.core.services import matters, queries
from casedesk.gui.context import AppContext
from casedesk.gui.tasks import SyncRunner

pytestmark = pytest.mark.gui

NOMOD = Qt.KeyboardModifier.NoModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def focus() -> QWidget:
    w = QApplication.focusWidget()
    assert w is not None, "nothing has the keyboard focus"
    return w


def keys(qtbot: Any, *seq: Any) -> None:
    """Press keys on whatever has the focus: Qt.Key values, (key, modifier) or text."""
    for k in seq:
        if isinstance(k, str):
            qtbot.keyClicks(focus(), k)
        elif isinstance(k, tuple):
            qtbot.keyClick(focus(), k[0], k[1])
        else:
            qtbot.keyClick(focus(), k, NOMOD)


TAB, DOWN, ENTER, SPACE = Qt.Key.Key_Tab, Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Space
NEXT = (Qt.Key.Key_Return, CTRL)


def show(qtbot: Any, w: QWidget) -> None:
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)


def error_text(wizard: Any, qid: str) -> str:
    label = wizard.findChild(QLabel, f"error:{qid}")
    return label.text() if label is not None and label.isVisible() else ""


def walk_to_deadlines(qtbot: Any, wizard: Any) -> None:
    """Practice area, client, matter, contract and parties steps, all by keyboard."""
    from casedesk.gui.intake_wizard import StepPage

    show(qtbot, wizard)
    qtbot.waitUntil(lambda: focus() is wizard.area_list)
    keys(qtbot, DOWN, DOWN, DOWN, DOWN, NEXT)  # litigation → … → commercial
    qtbot.waitUntil(lambda: wizard.current_step() == "client")
    assert wizard.questionnaire.practice_area == "commercial"
    # Required answers are checked at the field before moving on.
    keys(qtbot, NEXT)
    assert wizard.current_step() == "client"
    assert "required" in error_text(wizard, "client.kind")
    page = wizard.stack.currentWidget()
    assert isinstance(page, StepPage)
    assert page.rows["client.registration_number"].isHidden()
    # client.kind has the focus again (the first problem)
    keys(qtbot, DOWN, DOWN)  # "A company or organisation"
    assert not page.rows["client.registration_number"].isHidden()  # shown live
    assert page.rows["client.date_of_birth"].isHidden()
    keys(qtbot, TAB, "Aegean Shipping SA", ENTER, "123456789000", ENTER, "Eleni Markou", ENTER,
         "EL099999999", ENTER, "info@aegean.example", ENTER, "+30 210 5555555", ENTER,
         "1 Akti Miaouli, Piraeus", TAB, DOWN, TAB, DOWN, NEXT)
    assert wizard.current_step() == "matter", error_text(wizard, "client.name")
    # the client step's answers are in the case file already (saved on the step change)
    saved = intake.get_draft(wizard.ctx.cf, wizard.draft_id).answers
    assert saved["client.name"] == "Aegean Shipping SA"
    assert saved["client.kind"] == "organisation"

    keys(qtbot, "Breach of charter", ENTER, "Aegean v Poseidon", ENTER,
         "They stopped paying the hire.", TAB, SPACE, "20250110", TAB, "Last payment", TAB,
         TAB, TAB, "Piraeus", NEXT)
    assert wizard.current_step() == "contract"
    keys(qtbot, DOWN, TAB, "Time charter", ENTER, "250000", ENTER, "English law", NEXT)
    assert wizard.current_step() == "parties"
    keys(qtbot, SPACE, "Poseidon Maritime Inc", TAB, DOWN, DOWN, TAB, TAB, TAB,
         SPACE, "Nikolaos Papadopoulos", TAB, DOWN, TAB, TAB, TAB,
         TAB, SPACE, "Andreas Vlachos", TAB, "Vlachos & Co", NEXT)
    assert wizard.current_step() == "deadlines"


EXPECTED = {
    "client.kind": "organisation", "client.name": "Aegean Shipping SA",
    "client.registration_number": "123456789000", "client.contact_person": "Eleni Markou",
    "client.tax_id": "EL099999999", "client.email": "info@aegean.example",
    "client.phone": "+30 210 5555555", "client.address": "1 Akti Miaouli, Piraeus",
    "client.language": "el", "client.channel": "email",
    "matter.type": "Breach of charter", "matter.title": "Aegean v Poseidon",
    "matter.narrative": "They stopped paying the hire.",
    "matter.key_dates": [{"date": "2025-01-10", "what": "Last payment"}],
    "matter.places": "Piraeus",
    "contract.work": "draft", "contract.type": "Time charter", "contract.value": "250000",
    "contract.governing_law": "English law",
    "parties.opposing": [{"name": "Poseidon Maritime Inc", "kind": "organisation"},
                         {"name": "Nikolaos Papadopoulos", "kind": "person"}],
    "parties.counsel": [{"name": "Andreas Vlachos", "firm": "Vlachos & Co"}],
    "deadlines.known": [{"kind": "court_date", "title": "First hearing", "date": "2026-12-15",
                         "time": "09:30", "location": "Piraeus Court of First Instance"}],
}


def test_keyboard_intake_survives_a_kill_and_is_accepted(
        qtbot: Any, ctx: AppContext, demo_path: Path, settings: QSettings, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from casedesk.gui import intake_wizard
    from casedesk.gui.intake_drafts import DraftsWindow
    from casedesk.gui.intake_wizard import IntakeWizard

    wizard = IntakeWizard(ctx)  # not given to qtbot: the test destroys it
    walk_to_deadlines(qtbot, wizard)
    keys(qtbot, SPACE, DOWN, TAB, "First hearing", TAB, "20261215", TAB, "09:30", ENTER,
         "Piraeus Court of First Instance")
    # Typing is saved about a second after the last keystroke, with no explicit save.
    assert wizard.has_unsaved()
    qtbot.waitUntil(lambda: not wizard.has_unsaved(), timeout=5000)

    # Kill: the window is destroyed without closing, the case file handle goes away.
    draft_id = wizard.draft_id
    wizard.hide()
    shiboken6.delete(wizard)
    ctx.cf.close()

    cf2 = CaseFile.open(demo_path, "maria", "demo")
    try:
        ctx2 = AppContext(cf2, SyncRunner(), settings, QLocale(QLocale.Language.English))
        drafts = DraftsWindow(ctx2)
        qtbot.addWidget(drafts)
        assert [r.id for r in drafts.rows] == [draft_id]
        assert drafts.table.item(0, 0).text() == "Aegean Shipping SA"
        opened: list[str] = []
        drafts.resume_requested.connect(opened.append)
        drafts.table.selectRow(0)
        drafts.resume_button.click()
        assert opened == [draft_id]
        resumed = IntakeWizard(ctx2, draft_id)
        resumed.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        qtbot.addWidget(resumed)
        show(qtbot, resumed)
        assert resumed.current_step() == "deadlines"
        assert resumed.collect() == EXPECTED
        resumed.focus_first()

        # Documents (file dialog answered by the test), fees, then the conflict check.
        doc = tmp_path / "charter.txt"
        doc.write_text("Time charter party, 2024.", encoding="utf-8")
        monkeypatch.setattr(intake_wizard.QFileDialog, "getOpenFileName",
                            lambda *a, **k: (str(doc), ""))
        keys(qtbot, NEXT)
        assert resumed.current_step() == "documents"
        keys(qtbot, SPACE, "Charter party", TAB, SPACE, TAB, DOWN, NEXT)
        assert resumed.current_step() == "fees", resumed.save_state.text()
        keys(qtbot, DOWN, TAB, DOWN, TAB, DOWN, NEXT)
        assert resumed.current_step() == "_conflicts"
        page = resumed.conflict_page
        found = {(page.table.item(r, 0).text(), page.table.item(r, 1).text())
                 for r in range(page.table.rowCount())}
        assert ("Nikolaos Papadopoulos", "Νικόλαος Παπαδόπουλος") in found
        assert ("Poseidon Maritime Inc", "Poseidon Maritime Ltd") in found
        assert "possible conflict" in page.summary.text()
        # Cannot go on without a decision; then waive by keyboard.
        keys(qtbot, NEXT)
        assert resumed.current_step() == "_conflicts"
        assert focus() is page.decision
        keys(qtbot, DOWN, DOWN, TAB, "Aegean Shipping SA; Poseidon Maritime Ltd (letter)", TAB,
             "Different charter; both informed.", TAB, SPACE)
        assert page.check.decision == "waived"
        assert resumed.current_step() == "_decision"
        accepted: list[Any] = []
        resumed.accepted.connect(accepted.append)
        keys(qtbot, TAB, DOWN, TAB, TAB, SPACE)  # status open, first attorney, me, Accept
        assert accepted, resumed.decision_page.message.text()
        result = accepted[0]
        m = queries.matter_overview(cf2, result.matter_id)
        assert m.title == "Aegean v Poseidon"
        assert m.practice_area == "commercial"
        assert [c.id for c in queries.contacts(cf2, queries.ListQuery(text="Aegean Shipping"))
                if c.name == "Aegean Shipping SA"] == [m.client_id]
        parties = {(p.name, p.role) for p in queries.matter_parties(cf2, result.matter_id)}
        assert {("Poseidon Maritime Inc", "opposing_party"),
                ("Nikolaos Papadopoulos", "opposing_party"),
                ("Andreas Vlachos", "opposing_counsel")} <= parties
        assert len(result.event_ids) == 1  # the court date became a hearing
        assert [t.title for t in queries.tasks(cf2, matter_id=result.matter_id)]
        assert len(queries.tasks(cf2, matter_id=result.matter_id)) >= 3
        assert len(result.document_ids) == 1
        assert intake.list_drafts(cf2) == []
    finally:
        cf2.close()


def test_key_dates_become_deadlines_on_acceptance(qtbot: Any, ctx: AppContext) -> None:
    """A non-court known date becomes a deadline of the new matter (and the accept button
    opens it)."""
    from casedesk.gui.intake_wizard import DECISION_STEP, IntakeWizard

    cf = ctx.cf
    draft = intake.start_draft(cf, "commercial")
    intake.save_answers(cf, draft.id, {
        "client.kind": "person", "client.name": "Irini Kalogerou", "client.language": "en",
        "matter.type": "Contract review", "matter.narrative": "Review a lease.",
        "contract.work": "review", "contract.type": "Lease",
        "deadlines.known": [{"kind": "response", "title": "Reply to the offer",
                             "date": "2030-01-15"}],
        "fees.arrangement": "fixed", "consent.data_protection": True,
        "consent.engagement": True}, "fees")
    wizard = IntakeWizard(ctx, draft.id)
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    qtbot.addWidget(wizard)
    assert wizard.current_step() == "fees"
    wizard.go_next()
    assert wizard.conflict_page.check is not None
    wizard.conflict_page.decision.setCurrentIndex(wizard.conflict_page.decision.findData(
        "cleared"))
    wizard.conflict_page.reason.setPlainText("No matches.")
    wizard.conflict_page.record_decision()
    assert wizard.current_step() == DECISION_STEP
    opened: list[str] = []
    wizard.open_matter.connect(opened.append)
    wizard.decision_page.accept_button.click()
    assert opened
    rows = queries.deadlines(cf, matter_id=opened[0])
    assert [d.title for d in rows] == ["Reply to the offer"]


def test_discarding_a_draft_asks_and_is_kept(qtbot: Any, ctx: AppContext,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from casedesk.gui import intake_drafts

    draft = intake.start_draft(ctx.cf, "family", answers={"client.name": "Maria K"})
    window = intake_drafts.DraftsWindow(ctx)
    qtbot.addWidget(window)
    assert window.table.item(0, 0).text() == "Maria K"
    asked: list[str] = []
    monkeypatch.setattr(intake_drafts, "ask_discard",
                        lambda parent, label: (asked.append(label) or True, "Duplicate"))
    window.table.selectRow(0)
    window.discard_button.click()
    assert asked == ["Maria K"]
    assert window.rows == []
    kept = intake.list_drafts(ctx.cf, status="discarded")
    assert [d.id for d in kept] == [draft.id]


def test_main_window_lists_unfinished_intakes(qtbot: Any, ctx: AppContext) -> None:
    from casedesk.gui.main_window import MainWindow

    intake.start_draft(ctx.cf, "family", answers={"client.name": "Maria K"})
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    ui = window.intake_ui
    assert ui.status_button.text().startswith("1 ")
    drafts = ui.open_drafts()
    drafts.table.selectRow(0)
    drafts.resume_button.click()
    wizard = next(iter(ui.wizards.values()))
    assert wizard.collect() == {"client.name": "Maria K"}
    wizard.close()
    drafts.close()


def _former_client(cf: CaseFile) -> tuple[str, str]:
    for row in queries.contacts(cf, queries.ListQuery(sort="name"), clients_only=True):
        hits = conflicts.check_names(cf, [row.name])
        if any(h.contact_id == row.id and h.standing == "former_client" for h in hits):
            return row.id, row.name
    raise AssertionError("the demo firm has no former client")


def test_parties_tab_warns_when_a_former_client_becomes_an_opposing_party(
        qtbot: Any, ctx: AppContext) -> None:
    from casedesk.gui.conflicts_ui import CheckedPartyDialog, ConflictWarningDialog
    from casedesk.gui.workspace import MatterWorkspace

    cf = ctx.cf
    contact_id, name = _former_client(cf)
    live = next(m for m in queries.matters(cf) if m.status == "open")
    ws = MatterWorkspace(ctx, live.id)
    qtbot.addWidget(ws)
    ws.add_party()
    dialog = ws.findChild(CheckedPartyDialog)
    assert dialog is not None
    dialog.contact.setCurrentIndex(dialog.contact.findData(contact_id))
    dialog.role.setCurrentIndex(dialog.role.findData("opposing_party"))
    dialog.submit()
    warning = dialog.warning_dialog
    assert isinstance(warning, ConflictWarningDialog) and warning.isVisible()
    standings = {warning.table.item(r, 2).text() for r in range(warning.table.rowCount())}
    assert "Former client" in standings
    assert warning.table.item(0, 1).text() == name
    before = {p.contact_id for p in queries.matter_parties(cf, live.id)}
    assert contact_id not in before  # nothing saved yet
    warning.reason.setText("Unrelated matter; consent on file.")
    warning.proceed.click()
    after = {(p.contact_id, p.role) for p in queries.matter_parties(cf, live.id)}
    assert (contact_id, "opposing_party") in after
    kept = conflicts.checks_for(cf, matter_id=live.id)
    assert kept and kept[-1].reason == "Unrelated matter; consent on file."


def test_changing_a_role_is_checked_too(qtbot: Any, ctx: AppContext) -> None:
    from casedesk.gui.conflicts_ui import CheckedPartyDialog

    cf = ctx.cf
    contact_id, _name = _former_client(cf)
    live = next(m for m in queries.matters(cf) if m.status == "open")
    party = matters.add_party(cf, live.id, contact_id, "witness")
    row = next(p for p in queries.matter_parties(cf, live.id) if p.id == party.id)
    dialog = CheckedPartyDialog(ctx, live.id, row)
    qtbot.addWidget(dialog)
    dialog.role.setCurrentIndex(dialog.role.findData("opposing_party"))
    dialog.submit()
    assert dialog.warning_dialog is not None
    dialog.warning_dialog.reject()
    roles = {p.role for p in queries.matter_parties(cf, live.id) if p.id == party.id}
    assert roles == {"witness"}
