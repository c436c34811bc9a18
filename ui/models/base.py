"""A thin Qt table model over a list of the core's frozen views.

The core answers with fresh immutable views after every change; `RecordTableModel.set_items`
compares them with what is shown by key and turns the difference into the precise Qt
notifications (rows removed, inserted, data changed), so selections survive a refresh and views
repaint only what changed. `DOMAIN_ROLE` hands the domain object itself to whoever asks.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

T = TypeVar("T")

DOMAIN_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS_CONTEXT = "Columns"

AnyIndex = QModelIndex | QPersistentModelIndex

_ANSWERED = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.AccessibleTextRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.FontRole,
        DOMAIN_ROLE,
    }
)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


@dataclass(frozen=True, slots=True)
class Column(Generic[T]):
    title: str  # English source text in the "Columns" context
    text: Callable[[T], str]
    numeric: bool = False
    emphasis: Callable[[T], bool] | None = None  # bold when true (e.g. missing quantities)
    stretch: bool = False  # takes the width left over (long texts)
    handheld: bool = True  # shown on the narrow handheld screen too
    sample: str = "MMMMMMMM"  # typical content, to size the column without measuring every row


class RecordTableModel(QAbstractTableModel, Generic[T]):
    """Rows are domain values identified by `key`; columns say how to show them."""

    def __init__(self, columns: Sequence[Column[T]], key: Callable[[T], Hashable]) -> None:
        super().__init__()
        self._columns = tuple(columns)
        self._key = key
        self._items: list[T] = []
        self._bold = QFont()
        self._bold.setBold(True)

    @property
    def columns(self) -> tuple[Column[T], ...]:
        return self._columns

    # -- domain side -------------------------------------------------------------------------------

    @property
    def items(self) -> list[T]:
        return list(self._items)

    def item(self, row: int) -> T:
        return self._items[row]

    def row_of(self, key: Hashable) -> int | None:
        for row, item in enumerate(self._items):
            if self._key(item) == key:
                return row
        return None

    def set_items(self, items: Sequence[T]) -> None:
        """Show `items`, telling views exactly which rows went, came or changed."""
        new = list(items)
        new_keys = [self._key(i) for i in new]
        if len(set(new_keys)) != len(new_keys):
            self._reset(new)
            return
        wanted = set(new_keys)
        for row in range(len(self._items) - 1, -1, -1):
            if self._key(self._items[row]) not in wanted:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._items[row]
                self.endRemoveRows()
        kept = [self._key(i) for i in self._items]
        still_there = set(kept)
        if kept != [k for k in new_keys if k in still_there]:
            self._reset(new)  # reordered: rare (a re-sorted feed), so a reset is fine
            return
        for row, (item, key) in enumerate(zip(new, new_keys, strict=True)):
            if row < len(self._items) and self._key(self._items[row]) == key:
                if self._items[row] != item:
                    self._items[row] = item
                    last = self.columnCount() - 1
                    self.dataChanged.emit(self.index(row, 0), self.index(row, last))
            else:
                self.beginInsertRows(QModelIndex(), row, row)
                self._items.insert(row, item)
                self.endInsertRows()

    def clear(self) -> None:
        self.set_items([])

    def _reset(self, items: list[T]) -> None:
        self.beginResetModel()
        self._items = items
        self.endResetModel()

    # -- Qt side ---------------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt signature
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt signature
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Views ask for many roles per cell on every paint: answer the ones we never use first.
        if role not in _ANSWERED:
            return None
        row, col = index.row(), index.column()
        if not (0 <= row < len(self._items) and 0 <= col < len(self._columns)) or not index.isValid():
            return None
        item = self._items[row]
        column = self._columns[col]
        if role == DOMAIN_ROLE:
            return item
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column.numeric else None
        if role == Qt.ItemDataRole.FontRole:
            return self._bold if column.emphasis is not None and column.emphasis(item) else None
        return column.text(item)

    def headerData(  # noqa: N802 - Qt signature
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            return QCoreApplication.translate(COLUMNS_CONTEXT, self._columns[section].title)
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._items):
            return str(section + 1)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def retranslate(self) -> None:
        """Headers and translated cell words changed language."""
        if self._columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._columns) - 1)
        if self._items:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._items) - 1, len(self._columns) - 1))


def domain_object(index: AnyIndex) -> Any:
    """The domain value behind any index of these models (also through a proxy)."""
    return index.data(DOMAIN_ROLE) if index.isValid() else None
