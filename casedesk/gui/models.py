"""Table models over the core's read queries.

:class:`PagedTableModel` holds only the rows fetched so far, a page at a time
(``canFetchMore``/``fetchMore``); sorting and filtering are asked of the core (``ListQuery.sort``
and ``ListQuery.text``), never done in Python, so a firm of 20k matters opens at once.  Pages are
loaded through the context's runner: off the GUI thread in the application, immediately in tests.
:class:`RowsModel` shows a short, fully loaded list (a matter's parties, its history…).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from casedesk.core.services import queries
from casedesk.core.services.queries import ListQuery
from casedesk.gui import labels
from casedesk.gui.context import AppContext

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2


@dataclass(frozen=True)
class Column:
    key: str
    title: str  # source text, translated in the "columns" context
    value: Callable[[Any], Any]
    sortable: bool = True


def _tr_col(text: str) -> str:
    return QCoreApplication.translate("columns", text)


class _Base(QAbstractTableModel):
    def __init__(self, ctx: AppContext, columns: Sequence[Column], parent: Any = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.columns = list(columns)
        self.rows: list[Any] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.columns)):
            return _tr_col(self.columns[section].title)
        return None

    def display(self, value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, datetime):
            return self.ctx.format_datetime(value)
        if isinstance(value, date):
            return self.ctx.format_date(value)
        if isinstance(value, bool):
            return QCoreApplication.translate("values", "yes" if value else "no")
        return str(value)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows) \
                or index.column() >= len(self.columns):
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.display(self.columns[index.column()].value(row))
        if role == ID_ROLE:
            return getattr(row, "id", None)
        if role == ROW_ROLE:
            return row
        return None

    def row_at(self, row: int) -> Any:
        return self.rows[row]

    def retranslate(self) -> None:
        if self.columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)
        if self.rows:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self.rows) - 1, len(self.columns) - 1))


class PagedTableModel(_Base):
    """Rows fetched from ``fetch(ListQuery)`` a page at a time."""

    PAGE = 200
    #: A page arrived (or the load failed): tests and the status bar wait on it.
    loaded = Signal()

    def __init__(self, ctx: AppContext, columns: Sequence[Column],
                 fetch: Callable[[ListQuery], list[Any]], kinds: set[str],
                 parent: Any = None) -> None:
        super().__init__(ctx, columns, parent)
        self._fetch = fetch
        self.kinds = kinds
        self.query = ListQuery(limit=self.PAGE)
        self._more = True
        self._loading = False
        self._generation = 0
        ctx.changed.connect(self._on_changed)

    # -- lazy loading ------------------------------------------------------------------------------
    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return not parent.isValid() and self._more and not self._loading \
            and not self.ctx.is_locked

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        if not self.canFetchMore(parent):
            return
        self._loading = True
        generation = self._generation
        q = replace(self.query, offset=len(self.rows), limit=self.PAGE)

        def done(page: list[Any]) -> None:
            if generation != self._generation:
                return
            self._more = len(page) == self.PAGE
            if page:  # still "loading" while inserting: no re-entrant fetchMore
                self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(page) - 1)
                self.rows.extend(page)
                self.endInsertRows()
            self._loading = False
            self.loaded.emit()

        def failed(exc: BaseException) -> None:
            if generation != self._generation:
                return
            self._loading = False
            self._more = False
            self.loaded.emit()
            from casedesk.gui.errors import show_error

            show_error(None, exc)

        self.ctx.runner.run_task(lambda: self._fetch(q), done, failed)

    def refresh(self) -> None:
        """Drop the rows and load the first page again (after a write, sort or filter)."""
        self._generation += 1
        self.beginResetModel()
        self.rows = []
        self._more = True
        self._loading = False
        self.endResetModel()
        self.fetchMore()

    # -- sorting and filtering by the core ---------------------------------------------------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns) or not self.columns[column].sortable:
            return
        key = self.columns[column].key
        descending = order == Qt.SortOrder.DescendingOrder
        if self.query.sort == key and self.query.descending == descending:
            return
        self.query = replace(self.query, sort=key, descending=descending)
        self.refresh()

    def set_filter_text(self, text: str) -> None:
        if text.strip() != self.query.text:
            self.query = replace(self.query, text=text.strip())
            self.refresh()

    def set_filters(self, filters: tuple[tuple[str, Any], ...]) -> None:
        if filters != self.query.filters:
            self.query = replace(self.query, filters=filters)
            self.refresh()

    def _on_changed(self, kinds: set[str]) -> None:
        if kinds & self.kinds and not self.ctx.is_locked:
            self.refresh()


class RowsModel(_Base):
    """A short list loaded in full (``set_rows``)."""

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()


# -- the lists of the main window --------------------------------------------------------------

def _lbl(kind: str) -> Callable[[Any], Callable[[Any], str]]:
    return lambda attr: lambda row: labels.value(kind, getattr(row, attr))


def clients_model(ctx: AppContext, parent: Any = None) -> PagedTableModel:
    cols = [
        Column("name", "Name", lambda r: r.name),
        Column("kind", "Kind", lambda r: labels.value("kind", r.kind)),
        Column("email", "E-mail", lambda r: r.email, sortable=False),
        Column("phone", "Phone", lambda r: r.phone, sortable=False),
        Column("matters", "Matters", lambda r: r.matters, sortable=False),
    ]
    return PagedTableModel(ctx, cols, lambda q: queries.contacts(ctx.cf, q), {"contact", "matter"},
                           parent)


def matters_model(ctx: AppContext, parent: Any = None) -> PagedTableModel:
    cols = [
        Column("number", "Number", lambda r: r.number),
        Column("title", "Title", lambda r: r.title),
        Column("client", "Client", lambda r: r.client),
        Column("practice_area", "Practice area", lambda r: labels.value("area", r.practice_area)),
        Column("status", "Status", lambda r: labels.value("status", r.status)),
        Column("responsible", "Responsible", lambda r: r.responsible),
        Column("court", "Court", lambda r: r.court),
    ]
    return PagedTableModel(ctx, cols, lambda q: queries.matters(ctx.cf, q),
                           {"matter", "contact"}, parent)


def documents_model(ctx: AppContext, parent: Any = None) -> PagedTableModel:
    cols = [
        Column("title", "Title", lambda r: r.title),
        Column("matter", "Matter", lambda r: r.matter_number),
        Column("category", "Category", lambda r: labels.value("category", r.category)),
        Column("doc_date", "Date", lambda r: r.doc_date),
        Column("author", "Author", lambda r: r.author),
        Column("versions", "Versions", lambda r: r.versions, sortable=False),
        Column("filename", "File", lambda r: r.filename, sortable=False),
    ]
    return PagedTableModel(ctx, cols, lambda q: queries.documents(ctx.cf, q), {"document"}, parent)


def tasks_model(ctx: AppContext, parent: Any = None) -> PagedTableModel:
    cols = [
        Column("title", "Title", lambda r: r.title),
        Column("matter", "Matter", lambda r: r.matter_number),
        Column("assignee", "Assignee", lambda r: r.assignee),
        Column("due", "Due", lambda r: r.due),
        Column("status", "Status", lambda r: labels.value("task_status", r.status)),
    ]
    return PagedTableModel(ctx, cols, lambda q: queries.tasks(ctx.cf, q), {"task"}, parent)
