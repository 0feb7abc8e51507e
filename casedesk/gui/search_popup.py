"""The global search popup (Ctrl+K): one box over clients, contacts, matters and correspondence.

Typing searches the core's FTS5 index (:func:`casedesk.core.search.search`) after a short pause
(:data:`DEBOUNCE_MS`); results show as you type.  Up/Down/PageUp/PageDown move through the
results while the focus stays in the box, Enter opens the selected hit (or the first one) and
closes the popup, Esc closes it.  The last query is kept for the next time the popup opens.
"""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QLabel,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from casedesk.core.casefile import CaseFile
from casedesk.core.permissions import Right
from casedesk.core.search import SearchHit, fold, search
from casedesk.gui.context import AppContext
from casedesk.gui.errors import show_error

Index = QModelIndex | QPersistentModelIndex

#: Pause after the last keystroke before searching.
DEBOUNCE_MS = 120
#: Queries shorter than this (letters and digits, after folding) are not run: a single
#: character can only match one-letter words, which is noise (see benchmarks/bench_search.py).
MIN_CHARS = 2
#: Hits shown.
LIMIT = 30
#: While every word typed is shorter than SHORT_WORD, only these kinds are searched: a two-letter
#: prefix matches a large part of all correspondence text, which is slow to rank and useless
#: as a result (see benchmarks/bench_search.py).
SHORT_WORD = 3
SHORT_KINDS = ("client", "contact", "matter")

HitRole = Qt.ItemDataRole.UserRole + 1

KIND_COLOURS = {
    "client": QColor("#2f5fb3"), "contact": QColor("#5f6b7a"), "matter": QColor("#7b3fb3"),
    "correspondence": QColor("#2b8a6e"), "document": QColor("#b35f00"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("SearchPopup", text)


def kind_label(kind: str) -> str:
    return {"client": _tr("Client"), "contact": _tr("Contact"), "matter": _tr("Matter"),
            "correspondence": _tr("Letter/email"), "document": _tr("Document")
            }.get(kind, kind.capitalize())


def query_length(text: str) -> int:
    return sum(1 for ch in fold(text) if ch.isalnum())


def longest_word(text: str) -> int:
    words = "".join(ch if ch.isalnum() else " " for ch in fold(text)).split()
    return max((len(w) for w in words), default=0)


def run_search(cf: CaseFile, text: str, *, limit: int = LIMIT) -> list[SearchHit]:
    """What the popup runs for a query (Qt-free, so benchmarks can time it)."""
    cf.require(Right.VIEW, "search the case file")
    if query_length(text) < MIN_CHARS:
        return []
    kinds = SHORT_KINDS if longest_word(text) < SHORT_WORD else ()
    with cf.read() as s:
        return search(s, text, limit=limit, kinds=kinds)


class HitModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hits: list[SearchHit] = []

    def set_hits(self, hits: list[SearchHit]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def hit(self, row: int) -> SearchHit | None:
        return self._hits[row] if 0 <= row < len(self._hits) else None

    def hits(self) -> list[SearchHit]:
        return list(self._hits)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return hit.title
        if role == HitRole:
            return hit
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            parts = [kind_label(hit.kind), hit.title, hit.subtitle]
            if hit.matter_number and hit.kind != "matter":
                parts.append(hit.matter_number)
            return " — ".join(p for p in parts if p)
        return None


class HitDelegate(QStyledItemDelegate):
    """A kind badge, the title (bold) over the subtitle, and the matter number on the right."""

    PAD = 6

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        fm = QFontMetrics(option.font)  # type: ignore[attr-defined]
        return QSize(300, fm.height() * 2 + self.PAD * 2 + 2)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        hit: SearchHit | None = index.data(HitRole)
        if hit is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""  # type: ignore[attr-defined]
        widget = opt.widget  # type: ignore[attr-defined]
        style = widget.style() if widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect: QRect = opt.rect.adjusted(self.PAD, self.PAD, -self.PAD, -self.PAD)  # type: ignore[attr-defined]
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        pal: QPalette = opt.palette  # type: ignore[attr-defined]
        text_colour = pal.color(QPalette.ColorRole.HighlightedText if selected
                                else QPalette.ColorRole.Text)
        dim = QColor(text_colour)
        dim.setAlpha(160)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        base: QFont = QFont(opt.font)  # type: ignore[attr-defined]
        fm = QFontMetrics(base)
        line = fm.height()

        # kind badge
        small = QFont(base)
        small.setPointSizeF(max(6.0, base.pointSizeF() * 0.8))
        small.setBold(True)
        sfm = QFontMetrics(small)
        label = kind_label(hit.kind)
        badge_w = max(sfm.horizontalAdvance(kind_label(k)) for k in KIND_COLOURS) + 10
        badge = QRectF(rect.left(), rect.top() + (rect.height() - sfm.height() - 4) / 2,
                       badge_w, sfm.height() + 4)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(KIND_COLOURS.get(hit.kind, QColor("#5f6b7a")))
        painter.drawRoundedRect(badge, 4, 4)
        painter.setFont(small)
        painter.setPen(QColor("white"))
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, label)

        # matter number on the right
        left = rect.left() + badge_w + 10
        right = rect.right()
        if hit.matter_number and hit.kind != "matter":
            painter.setFont(base)
            painter.setPen(dim)
            num_w = fm.horizontalAdvance(hit.matter_number)
            painter.drawText(QRect(right - num_w, rect.top(), num_w, line),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             hit.matter_number)
            right -= num_w + 12

        bold = QFont(base)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(text_colour)
        width = max(10, right - left)
        painter.drawText(QRect(left, rect.top(), width, line),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         QFontMetrics(bold).elidedText(hit.title, Qt.TextElideMode.ElideRight,
                                                       width))
        if hit.subtitle:
            painter.setFont(base)
            painter.setPen(dim)
            sub_w = max(10, rect.right() - left)
            painter.drawText(QRect(left, rect.top() + line + 2, sub_w, line),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             fm.elidedText(hit.subtitle, Qt.TextElideMode.ElideRight, sub_w))
        painter.restore()


class SearchPopup(QDialog):
    open_hit = Signal(str, str)  # kind, ref

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Search"))
        self.setObjectName("searchPopup")
        self.resize(640, 460)
        self._seq = 0  # number of the latest search started
        self._shown_seq = 0  # number of the search whose hits are shown
        self._shown_text = ""
        self._open_when_ready = False

        self.box = QLineEdit(self)
        self.box.setObjectName("searchBox")
        self.box.setPlaceholderText(self.tr("Search clients, matters, case numbers, parties, "
                                            "correspondence…"))
        self.box.setClearButtonEnabled(True)
        font = self.box.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.box.setFont(font)
        self.box.installEventFilter(self)

        self.model = HitModel(self)
        self.results = QListView(self)
        self.results.setObjectName("searchResults")
        self.results.setModel(self.model)
        self.results.setItemDelegate(HitDelegate(self.results))
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setUniformItemSizes(True)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.status = QLabel(self)
        self.status.setObjectName("searchStatus")
        self.status.setStyleSheet("color: palette(dark);")

        layout = QVBoxLayout(self)
        layout.addWidget(self.box)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.status)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.search_now)
        self.box.textChanged.connect(self._text_changed)
        self.box.returnPressed.connect(self.open_selected)
        self.results.activated.connect(lambda index: self._open_row(index.row()))
        self.results.doubleClicked.connect(lambda index: self._open_row(index.row()))
        self.ctx.changed.connect(self._records_changed)
        self._show_status()

    # -- public -----------------------------------------------------------------------------------
    def show_popup(self) -> None:
        """Show (non-modal), with the last query selected so typing replaces it."""
        parent = self.parentWidget()
        if parent is not None and not self.isVisible():
            geo = parent.window().frameGeometry()
            self.move(geo.center().x() - self.width() // 2, geo.top() + geo.height() // 8)
        self.show()
        self.raise_()
        self.activateWindow()
        self.box.setFocus(Qt.FocusReason.PopupFocusReason)
        self.box.selectAll()
        if self.box.text() and self._shown_text != self.box.text():
            self.search_now()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.box.setFocus(Qt.FocusReason.PopupFocusReason)
        self.box.selectAll()

    def done(self, result: int) -> None:
        """Closing drops the search in flight and any pending keystroke timer."""
        self.timer.stop()
        self._seq += 1
        self._shown_text = ""  # search the kept query again when shown next
        self._open_when_ready = False
        super().done(result)

    def search_now(self) -> None:
        """Run the search for the box's text (the debounce timer calls this)."""
        self.timer.stop()
        self._seq += 1
        seq = self._seq
        text = self.box.text()
        if query_length(text) < MIN_CHARS:
            self._show_hits(seq, text, [])
            return
        cf = self.ctx.cf
        self.ctx.runner.run_task(lambda: run_search(cf, text),
                                 on_done=lambda hits: self._show_hits(seq, text, hits),
                                 on_error=lambda exc: self._failed(seq, exc))

    def open_selected(self) -> None:
        """Enter: open the selected hit, or the first one, once the current query's hits are
        in (a search still pending is run at once)."""
        if self.timer.isActive() or self._shown_seq != self._seq:
            self._open_when_ready = True
            if self.timer.isActive():
                self.search_now()
            return
        row = self.results.currentIndex().row()
        self._open_row(row if row >= 0 else 0)

    # -- internals --------------------------------------------------------------------------------
    def _text_changed(self, _text: str) -> None:
        self._open_when_ready = False
        self.timer.start()

    def _records_changed(self, kinds: set[str]) -> None:
        if self.isVisible() and kinds & {"contact", "matter", "party", "correspondence",
                                         "document"}:
            self.search_now()
        else:
            self._shown_text = ""  # search again when shown next

    def _show_hits(self, seq: int, text: str, hits: list[SearchHit]) -> None:
        if not shiboken6.isValid(self) or seq != self._seq:
            return  # closed and deleted, or an older search finished after a newer one started
        self._shown_seq = seq
        self._shown_text = text
        self.model.set_hits(hits)
        if hits:
            self.results.setCurrentIndex(self.model.index(0, 0))
        self._show_status()
        if self._open_when_ready:
            self._open_when_ready = False
            if hits:
                self._open_row(0 if self.results.currentIndex().row() < 0
                               else self.results.currentIndex().row())

    def _failed(self, seq: int, exc: BaseException) -> None:
        if shiboken6.isValid(self) and seq == self._seq:
            self._shown_seq = seq
            self._open_when_ready = False
            show_error(self, exc)

    def _show_status(self) -> None:
        text = self.box.text()
        n = self.model.rowCount()
        if not text.strip():
            msg = self.tr("Type a name, a matter or case number, or words from a letter.")
        elif query_length(text) < MIN_CHARS:
            msg = self.tr("Type at least {n} letters or digits.").format(n=MIN_CHARS)
        elif n == 0:
            msg = self.tr("No matches.")
        elif n >= LIMIT:
            msg = self.tr("The first {n} matches — type more to narrow them.").format(n=n)
        else:
            msg = self.tr("1 match") if n == 1 else self.tr("{n} matches").format(n=n)
        self.status.setText(msg + "   " + self.tr("↑↓ to move, Enter to open, Esc to close"))

    def _open_row(self, row: int) -> None:
        hit = self.model.hit(row)
        if hit is None:
            return
        self.open_hit.emit(hit.kind, hit.ref)
        self.accept()

    def _move(self, delta: int) -> None:
        n = self.model.rowCount()
        if n == 0:
            return
        row = self.results.currentIndex().row()
        row = min(n - 1, max(0, (row if row >= 0 else -1) + delta))
        index = self.model.index(row, 0)
        self.results.setCurrentIndex(index)
        self.results.scrollTo(index)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.box and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            page = max(1, self.results.viewport().height()
                       // max(1, self.results.sizeHintForRow(0)) - 1)
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: page,
                    Qt.Key.Key_PageUp: -page}.get(Qt.Key(event.key()))
            if step is not None:
                self._move(step)
                return True
        return super().eventFilter(watched, event)
