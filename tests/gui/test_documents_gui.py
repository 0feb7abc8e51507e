"""Documents, Open in Word, correspondence, the timeline and drafting in the desktop app."""

from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from casedesk.core.services import documents, queries
from casedesk.gui import opened_docs
from casedesk.gui.context import AppContext
from casedesk.gui.draft_dialog import DraftDialog
from casedesk.gui.workspace import MatterWorkspace

pytestmark = pytest.mark.gui


@pytest.fixture
def ws(qtbot: Any, ctx: AppContext, tmp_path: Path) -> MatterWorkspace:
    ctx.settings.setValue(opened_docs.SETTING_DIR, str(tmp_path / "opened"))
    matter = queries.matters(ctx.cf)[0]
    workspace = MatterWorkspace(ctx, matter.id)
    qtbot.addWidget(workspace)
    workspace.show()
    assert workspace.data is not None
    return workspace


def make_eml(subject: str) -> bytes:
    msg = EmailMessage()
    msg["From"] = "Opposing Counsel <counsel@northwind.example>"
    msg["To"] = "Maria Georgiou <maria@example.com>"
    msg["Subject"] = subject
    msg["Date"] = "Tue, 03 Nov 2026 10:15:00 +0200"
    msg.set_content("Please find our offer attached.")
    msg.add_attachment(b"We offer 10,000 EUR.", maintype="text", subtype="plain",
                       filename="offer.txt")
    return bytes(msg)


def titles(ws: MatterWorkspace) -> list[str]:
    return [r.title for r in ws.documents.rows]


def select_document(ws: MatterWorkspace, title: str) -> Any:
    row = next(i for i, r in enumerate(ws.documents.rows) if r.title == title)
    ws.documents_view.setCurrentIndex(ws.documents.index(row, 0))
    return ws.documents.rows[row]


def test_add_a_document_through_the_dialog(ws: MatterWorkspace, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch,
                                           shown_errors: list[BaseException]) -> None:
    path = tmp_path / "witness_statement.txt"
    path.write_text("The witness saw the blue car.", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        staticmethod(lambda *a, **k: ([str(path)], "")))
    dialog = ws.docs.add_files()
    assert dialog is not None
    assert dialog.title_edit.text() == "witness statement"
    dialog.title_edit.setText("x" * 600)
    dialog.submit()
    assert "title" in dialog.field_errors()  # shown at the field, nothing stored
    assert "witness statement" not in titles(ws)
    dialog.title_edit.setText("Statement of the witness")
    dialog.category.setCurrentIndex(dialog.category.findData("evidence"))
    dialog.tags.setText("witness, signed")
    dialog.submit()
    assert not shown_errors
    assert "Statement of the witness" in titles(ws)
    row = select_document(ws, "Statement of the witness")
    assert row.category == "evidence"
    assert "1 document(s) added" in ws.docs.doc_status.text()


def test_versions_dialog_lists_versions_and_saves_a_copy(
        ws: MatterWorkspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    doc = documents.add_document(ws.ctx.cf, ws.matter_id, "memo.txt", b"first")
    documents.add_version(ws.ctx.cf, doc.id, "memo.txt", b"second draft")
    ws.ctx.notify({"document"})
    select_document(ws, "memo")
    dialog = ws.docs.show_versions()
    assert [r.version for r in dialog.model.rows] == [2, 1]
    dialog.view.selectRow(1)
    out = tmp_path / "memo-v1.txt"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(out), "")))
    dialog.save_copy()
    assert out.read_bytes() == b"first"
    new = tmp_path / "memo.txt"
    new.write_bytes(b"third")
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(new), "")))
    dialog.add_version()
    assert [r.version for r in dialog.model.rows] == [3, 2, 1]


def drop(widget: Any, paths: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(QPoint(20, 20), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)  # the drop goes to whoever accepted the drag
    assert enter.isAccepted()
    event = QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)
    assert event.isAccepted()


def test_drop_a_file_and_an_email_onto_the_workspace(
        ws: MatterWorkspace, tmp_path: Path, shown_errors: list[BaseException]) -> None:
    txt = tmp_path / "site_visit_notes.txt"
    txt.write_text("Visited the site on Monday.", encoding="utf-8")
    eml = tmp_path / "offer.eml"
    eml.write_bytes(make_eml("Settlement offer from Northwind"))
    drop(ws, [txt, eml])
    assert not shown_errors
    assert "site visit notes" in titles(ws)
    assert "offer" in titles(ws)  # the attachment became a document
    assert "Settlement offer from Northwind" in [r.subject for r in ws.correspondence.rows]
    assert "1 e-mail(s) imported" in ws.docs.corr_status.text()


def test_unreadable_text_shows_the_extraction_warning(ws: MatterWorkspace,
                                                      tmp_path: Path) -> None:
    pdf = tmp_path / "scan.pdf"
    pdf.write_bytes(b"%PDF-1.4 this is not really a pdf")
    drop(ws, [pdf])
    assert "scan" in titles(ws)
    assert ws.tabs.currentWidget() is ws.docs.documents_page  # shown where it went
    assert ws.docs.warning.isVisibleTo(ws)
    assert "only its title can be searched" in ws.docs.warning.text() \
        or "title can be searched" in ws.docs.warning.text()


def test_open_in_word_round_trip(ws: MatterWorkspace, monkeypatch: pytest.MonkeyPatch,
                                 shown_errors: list[BaseException]) -> None:
    opened: list[Path] = []

    def fake_open(url: QUrl) -> bool:
        opened.append(Path(url.toLocalFile()))
        return True

    monkeypatch.setattr(opened_docs.QDesktopServices, "openUrl", staticmethod(fake_open))
    doc = documents.add_document(ws.ctx.cf, ws.matter_id, "letter.txt", b"Dear Sir,")
    ws.ctx.notify({"document"})
    select_document(ws, "letter")
    ws.docs.open_document()
    assert len(opened) == 1 and opened[0].read_bytes() == b"Dear Sir,"
    assert ws.docs.manager.timer.isActive()
    assert ws.docs.buttons["done_editing"].isEnabled()
    opened[0].write_bytes(b"Dear Sir or Madam, we accept.")  # "saved in Word"
    ws.docs.manager.poll()
    assert not shown_errors
    assert [v.version for v in documents.versions(ws.ctx.cf, doc.id)] == [1, 2]
    assert "Saved as version 2" in ws.docs.doc_status.text()
    assert next(r for r in ws.documents.rows if r.id == doc.id).versions == 2
    # a last save, then "Done editing": stored, and the copy is gone
    opened[0].write_bytes(b"Dear Sir or Madam, we accept. Regards")
    select_document(ws, "letter")
    ws.docs.done_editing()
    assert [v.version for v in documents.versions(ws.ctx.cf, doc.id)] == [1, 2, 3]
    assert not opened[0].exists()
    assert not ws.docs.manager.is_open(doc.id)


def test_copies_are_closed_with_the_workspace(ws: MatterWorkspace,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[Path] = []
    monkeypatch.setattr(opened_docs.QDesktopServices, "openUrl",
                        staticmethod(lambda url: opened.append(Path(url.toLocalFile())) or True))
    documents.add_document(ws.ctx.cf, ws.matter_id, "brief.txt", b"Brief")
    ws.ctx.notify({"document"})
    select_document(ws, "brief")
    ws.docs.open_document()
    assert opened[0].exists()
    ws.close()
    assert not opened[0].exists()


def test_leftovers_are_offered_and_kept(ctx: AppContext, tmp_path: Path) -> None:
    from casedesk.core.opened import OpenedDocuments

    doc = documents.add_document(ctx.cf, queries.matters(ctx.cf)[0].id, "contract.txt", b"v1")
    crashed = OpenedDocuments(ctx.cf, tmp_path / "opened")
    path = crashed.open(doc.id)
    path.write_bytes(b"v1 edited before the crash")
    assert crashed._lock_handle is not None
    crashed._lock_handle.close()  # the crashed casedesk no longer holds its lock
    ctx.settings.setValue(opened_docs.SETTING_DIR, str(tmp_path / "opened"))
    manager = opened_docs.opened_manager(ctx)
    box = manager._offer(manager.docs.clean_leftovers(), None)
    assert box is not None and "contract.txt" in box.text()
    keep = next(b for b in box.buttons()
                if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole)
    keep.click()
    assert [v.version for v in documents.versions(ctx.cf, doc.id)] == [1, 2]
    assert not path.exists()


def test_log_correspondence_through_the_dialog(ws: MatterWorkspace) -> None:
    dialog = ws.docs.log_correspondence()
    dialog.subject.setText("s" * 600)
    dialog.submit()
    assert "subject" in dialog.field_errors()
    dialog.subject.setText("Call with the court registry")
    dialog.channel.setCurrentIndex(dialog.channel.findData("phone"))
    dialog.counterpart.setText("Court registry")
    dialog.submit()
    assert "Call with the court registry" in [r.subject for r in ws.correspondence.rows]


def test_draft_dialog_produces_a_document(ws: MatterWorkspace, monkeypatch: pytest.MonkeyPatch,
                                          shown_errors: list[BaseException]) -> None:
    opened: list[Path] = []
    monkeypatch.setattr(opened_docs.QDesktopServices, "openUrl",
                        staticmethod(lambda url: opened.append(Path(url.toLocalFile())) or True))
    before = len(ws.documents.rows)
    dialog = ws.docs.draft()
    assert isinstance(dialog, DraftDialog)
    assert dialog.list.count() >= 1 and dialog.fields.topLevelItemCount() > 10
    assert dialog.draft_button.isEnabled()
    dialog.draft()
    assert not shown_errors, shown_errors
    assert dialog.document is not None
    assert len(ws.documents.rows) == before + 1
    assert dialog.document.id in {r.id for r in ws.documents.rows}
    assert dialog.prompt is not None
    dialog.prompt.button(QMessageBox.StandardButton.Open).click()
    assert len(opened) == 1 and opened[0].suffix == ".docx"


def test_firm_template_errors_are_shown(ws: MatterWorkspace, tmp_path: Path) -> None:
    dialog = ws.docs.draft()
    assert isinstance(dialog, DraftDialog)
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"not a word document")
    dialog.store_template(bad, "Broken letter")
    assert dialog.message.isVisibleTo(dialog)
    assert "broken.docx was not added" in dialog.message.text()
    # a good one: a copy of a shipped template, then removed again
    from casedesk.core.drafting import list_shipped_templates

    shipped = next(iter(list_shipped_templates().values()))
    good = tmp_path / "our_letter.docx"
    good.write_bytes(shipped.read_bytes())
    dialog.store_template(good, "Our letter")
    assert dialog.current() is not None and dialog.current().name == "Our letter"
    assert dialog.remove_button.isEnabled()
    dialog.delete_template("Our letter")
    assert "Our letter" not in [t.name for t in dialog.templates]


def test_timeline_lists_items_in_date_order(ws: MatterWorkspace) -> None:
    from casedesk.core.services import correspondence

    correspondence.log(ws.ctx.cf, ws.matter_id, "outgoing", "letter", "2001-01-02T09:00",
                       "Very old letter")
    documents.add_document(ws.ctx.cf, ws.matter_id, "ancient.txt", b"old",
                           doc_date="2000-05-01")
    ws.ctx.notify({"correspondence"})
    index = [ws.tabs.tabText(i) for i in range(ws.tabs.count())].index("Timeline")
    assert ws.tabs.widget(index) is ws.docs.timeline_view
    rows = ws.docs.timeline.rows
    assert len(rows) >= 2
    assert [r.when for r in rows] == sorted(r.when for r in rows)
    assert [r.title for r in rows[:2]] == ["ancient", "Very old letter"]
    assert ws.docs.timeline.data(ws.docs.timeline.index(1, 1)) == "Correspondence"
