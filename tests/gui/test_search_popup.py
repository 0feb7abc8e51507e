"""The global search popup: results as you type, keyboard use, Greek without accents."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from casedesk.core import crypto
from casedesk.core.casefile import CaseFile
from casedesk.core.demo import build_demo
from casedesk.core.services import queries
from casedesk.core.services.queries import ListQuery
from casedesk.gui import search_popup
from casedesk.gui.context import AppContext
from casedesk.gui.search_popup import SearchPopup
from casedesk.gui.tasks import SyncRunner, ThreadRunner

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    build_demo(folder / "demo.casedesk", kdf=crypto.TEST_KDF)
    return folder


@pytest.fixture
def demo_cf(demo_dir: Path, tmp_path: Path) -> Iterator[CaseFile]:
    folder = tmp_path / "firm"
    shutil.copytree(demo_dir, folder)
    cf = CaseFile.open(folder / "demo.casedesk", "maria", "demo")
    try:
        yield cf
    finally:
        cf.close()


@pytest.fixture(params=["sync", "thread"])
def ctx(request: pytest.FixtureRequest, demo_cf: CaseFile, tmp_path: Path
        ) -> Iterator[AppContext]:
    runner = SyncRunner() if request.param == "sync" else ThreadRunner()
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    context = AppContext(demo_cf, runner, settings)
    yield context
    assert runner.wait_idle(10_000)


@pytest.fixture
def popup(qtbot, ctx: AppContext) -> Iterator[SearchPopup]:
    widget = SearchPopup(ctx)
    qtbot.addWidget(widget)
    widget.show_popup()
    qtbot.waitExposed(widget)
    yield widget
    ctx.runner.wait_idle(10_000)
    qtbot.wait(1)  # deliver queued results while the popup still exists


def client_id(cf: CaseFile, name: str) -> str:
    return next(c.id for c in queries.contacts(cf, ListQuery(text=name)) if c.name == name)


def hits(popup: SearchPopup) -> list[tuple[str, str]]:
    return [(h.kind, h.ref) for h in popup.model.hits()]


def test_typing_part_of_a_name_lists_the_client_and_enter_opens_it(
        qtbot, popup: SearchPopup, ctx: AppContext) -> None:
    cid = client_id(ctx.cf, "Harborview Logistics LLC")
    qtbot.keyClicks(popup.box, "harborv")
    qtbot.waitUntil(lambda: ("client", cid) in hits(popup))
    assert popup.model.hit(0) is not None and popup.model.hit(0).ref == cid
    with qtbot.waitSignal(popup.open_hit) as blocker:
        qtbot.keyClick(popup.box, Qt.Key.Key_Return)
    assert blocker.args == ["client", cid]
    assert not popup.isVisible()


def test_enter_before_the_results_arrive_opens_the_first_hit(
        qtbot, popup: SearchPopup, ctx: AppContext) -> None:
    cid = client_id(ctx.cf, "Northwind Traders Inc.")
    popup.box.setText("northwind trad")
    assert popup.timer.isActive()
    with qtbot.waitSignal(popup.open_hit) as blocker:
        qtbot.keyClick(popup.box, Qt.Key.Key_Enter)
    assert blocker.args == ["client", cid]


def test_a_matter_is_found_by_its_court_case_number(qtbot, popup: SearchPopup,
                                                    ctx: AppContext) -> None:
    matter = next(m for m in queries.matters(ctx.cf) if m.case_number)
    qtbot.keyClicks(popup.box, matter.case_number)
    qtbot.waitUntil(lambda: ("matter", matter.id) in hits(popup))


def test_greek_text_is_found_without_accents(qtbot, popup: SearchPopup,
                                             ctx: AppContext) -> None:
    cid = client_id(ctx.cf, "Θεοδώρα Λαμπράκη")
    for ch in "θεοδωρα λαμπρα":  # QTest cannot type non-Latin keys: insert as an IME does
        popup.box.insert(ch)
    qtbot.waitUntil(lambda: ("client", cid) in hits(popup))
    popup.box.setText("ΛΑΜΠΡΑΚΗ")
    qtbot.waitUntil(lambda: not popup.timer.isActive())
    ctx.runner.wait_idle()
    qtbot.waitUntil(lambda: popup.model.hit(0) is not None and popup.model.hit(0).ref == cid)


def test_arrows_move_through_results_and_esc_keeps_the_query(
        qtbot, popup: SearchPopup, ctx: AppContext) -> None:
    qtbot.keyClicks(popup.box, "lease")
    qtbot.waitUntil(lambda: not popup.timer.isActive() and popup.model.rowCount() >= 3)
    ctx.runner.wait_idle()
    qtbot.wait(1)
    assert popup.results.currentIndex().row() == 0
    qtbot.keyClick(popup.box, Qt.Key.Key_Down)
    qtbot.keyClick(popup.box, Qt.Key.Key_Down)
    qtbot.keyClick(popup.box, Qt.Key.Key_Up)
    assert popup.results.currentIndex().row() == 1
    assert popup.box.text() == "lease" and popup.box.cursorPosition() == 5
    second = popup.model.hit(1)
    assert second is not None
    with qtbot.waitSignal(popup.open_hit) as blocker:
        qtbot.keyClick(popup.box, Qt.Key.Key_Return)
    assert blocker.args == [second.kind, second.ref]

    popup.show_popup()
    qtbot.waitExposed(popup)
    qtbot.keyClick(popup.box, Qt.Key.Key_Escape)
    assert not popup.isVisible()
    popup.show_popup()
    assert popup.box.text() == "lease" and popup.box.selectedText() == "lease"


def test_one_character_is_not_searched(qtbot, popup: SearchPopup) -> None:
    qtbot.keyClicks(popup.box, "p")
    qtbot.waitUntil(lambda: not popup.timer.isActive())
    assert popup.model.rowCount() == 0
    assert str(search_popup.MIN_CHARS) in popup.status.text()
    qtbot.keyClicks(popup.box, "apadop")
    qtbot.waitUntil(lambda: popup.model.rowCount() > 0)
    assert any("Papadopoulou" in h.title for h in popup.model.hits())


def test_correspondence_text_and_parties_are_searched(qtbot, popup: SearchPopup) -> None:
    qtbot.keyClicks(popup.box, "documents hearing")
    qtbot.waitUntil(lambda: any(k == "correspondence" for k, _ in hits(popup)))
    hit = next(h for h in popup.model.hits() if h.kind == "correspondence")
    assert hit.matter_number  # shown next to the hit
    popup.box.setText("Petros Ioannou")
    qtbot.waitUntil(lambda: any(h.kind == "contact" and h.title == "Petros Ioannou"
                                for h in popup.model.hits()))
    popup.results.grab()  # paints the delegate
