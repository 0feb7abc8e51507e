"""The list panes of the main window: a filter box over a lazily loaded, core-sorted table.

Column widths and order are saved per pane in QSettings (``layout/<pane>/header``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from casedesk.gui import labels
from casedesk.gui.context import AppContext
from casedesk.gui.models import PagedTableModel


def _tr(text: str) -> str:
    return QCoreApplication.translate("ListPane", text)


class ListPane(QWidget):
    """A filter box, optional buttons and a table over a :class:`PagedTableModel`."""

    activated = Signal(object)  # the row object double-clicked / Enter

    def __init__(self, ctx: AppContext, name: str, model: PagedTableModel,
                 new_label: str | None = None, on_new: Callable[[], None] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.name, self.model = ctx, name, model
        self._new_label = new_label
        model.setParent(self)
        self.filter = QLineEdit(self)
        self.filter.setObjectName(f"{name}Filter")
        self.filter.setClearButtonEnabled(True)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self.apply_filter)
        self.filter.textChanged.connect(lambda _t: self._debounce.start())
        self.filter.returnPressed.connect(self.apply_filter)
        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        self.extra = top
        self.new_button: QPushButton | None = None
        if on_new is not None and new_label:
            self.new_button = QPushButton(self)
            self.new_button.setObjectName(f"{name}New")
            self.new_button.clicked.connect(on_new)
            top.addWidget(self.new_button)
        self.view = QTableView(self)
        self.view.setObjectName(f"{name}View")
        self.view.setModel(model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(
            self.view.fontMetrics().height() + 8)
        header = self.view.horizontalHeader()
        header.setSectionsMovable(True)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.sortIndicatorChanged.connect(self.model.sort)
        self.view.doubleClicked.connect(self._activated)
        self.view.activated.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        self.restore_layout()
        header.sectionResized.connect(lambda *_: self.save_layout())
        header.sectionMoved.connect(lambda *_: self.save_layout())
        self.retranslate()

    def retranslate(self) -> None:
        self.filter.setPlaceholderText(_tr("Filter…"))
        if self.new_button is not None and self._new_label:
            self.new_button.setText(_tr(self._new_label))
        self.model.retranslate()

    def apply_filter(self) -> None:
        self._debounce.stop()
        self.model.set_filter_text(self.filter.text())

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.activated.emit(self.model.row_at(index.row()))

    def current_row(self) -> Any | None:
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    # -- remembered layout ------------------------------------------------------------------------
    def _key(self) -> str:
        return f"layout/{self.name}/header"

    def save_layout(self) -> None:
        self.ctx.settings.setValue(self._key(), self.view.horizontalHeader().saveState())

    def restore_layout(self) -> None:
        state = self.ctx.settings.value(self._key())
        header = self.view.horizontalHeader()
        if state is not None and header.restoreState(state):
            header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
            return
        widths = {"number": 90, "title": 320, "client": 200, "name": 260, "email": 220,
                  "matter": 90, "court": 220}
        for i, col in enumerate(self.model.columns):
            header.resizeSection(i, widths.get(col.key, 120))


class MattersPane(ListPane):
    """Matters with a status filter besides the text filter."""

    def __init__(self, ctx: AppContext, model: PagedTableModel,
                 on_new: Callable[[], None] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "matters", model, "New matter…", on_new, parent)
        self.status = QComboBox(self)
        self.status.setObjectName("mattersStatus")
        self.extra.insertWidget(1, self.status)
        self.status.currentIndexChanged.connect(self._status_changed)
        self._fill_status()

    def _fill_status(self) -> None:
        current = self.status.currentData() if self.status.count() else "active"
        self.status.blockSignals(True)
        self.status.clear()
        self.status.addItem(_tr("Active matters"), "active")
        self.status.addItem(_tr("All matters"), "")
        for value, label in labels.choices("status"):
            self.status.addItem(label, value)
        self.status.setCurrentIndex(max(0, self.status.findData(current)))
        self.status.blockSignals(False)
        self._status_changed()

    def _status_changed(self, *_: Any) -> None:
        value = self.status.currentData()
        if value == "active":
            self.model.set_filters((("status", ("intake", "open", "pending")),))
        elif value:
            self.model.set_filters((("status", value),))
        else:
            self.model.set_filters(())

    def retranslate(self) -> None:
        super().retranslate()
        if hasattr(self, "status"):
            self._fill_status()
