"""What every screen shares: the context it works in and its base class."""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.codes import ScannedCode
from app.domain.model import Operator, Role
from app.errors import NotAllowed, StationError
from app.services.values import Changed
from ui.actions import ActionId, ActionRegistry
from ui.core import StationCore
from ui.feedback import Feedback
from ui.models.base import RecordTableModel
from ui.ports import Ports
from ui.preferences import PreferencesFile
from ui.print_log import PrintLog
from ui.profiles import Profile
from ui.session import OperatorSession
from ui.tasks import Lane, TaskRunner
from ui.workbench import Workbench

if TYPE_CHECKING:
    from app.services.station import Station


class ScreenId(enum.Enum):
    SIGN_IN = "sign_in"
    RECEIVE = "receive"
    INSPECT = "inspect"
    DISPOSITION = "disposition"
    APPROVALS = "approvals"
    LABELS = "labels"
    SYNC = "sync"
    HISTORY = "history"
    SETTINGS = "settings"


class Shell(QObject):
    """Requests from a screen to the window around it: show another screen, change language, theme, profile."""

    go_requested = Signal(object)  # ScreenId
    language_requested = Signal(object)  # Language
    theme_requested = Signal(object)  # Theme
    profile_requested = Signal(object)  # Profile

    def go(self, screen: ScreenId) -> None:
        self.go_requested.emit(screen)


@dataclass(frozen=True, slots=True)
class ScreenContext:
    core: StationCore
    runner: TaskRunner
    feedback: Feedback
    session: OperatorSession
    actions: ActionRegistry
    workbench: Workbench
    navigator: Shell
    ports: Ports
    preferences: PreferencesFile
    print_log: PrintLog
    demo: bool = False

    @property
    def station(self) -> Station:
        """The core services: open once the window first painted, before any input reaches a screen."""
        return self.core.station

    @property
    def station_id(self) -> str:
        return self.core.station_id


TITLES = "Screens"


class Screen(QWidget):
    """A page of the station. Subclasses build widgets in __init__ and set every text in `retranslate()`."""

    screen_id: ClassVar[ScreenId]
    title_source: ClassVar[str]
    role: ClassVar[Role] = Role.INSPECTOR
    action_ids: ClassVar[tuple[ActionId, ...]] = ()  # this screen's own commands, enabled while it is shown
    global_ids: ClassVar[tuple[ActionId, ...]] = ()  # always-available commands it also shows as buttons

    @classmethod
    def button_ids(cls) -> tuple[ActionId, ...]:
        return cls.global_ids + cls.action_ids

    def __init__(self, ctx: ScreenContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("screen")
        self.profile = Profile.DESKTOP
        self.outer = QVBoxLayout(self)
        self.outer.setContentsMargins(12, 8, 12, 8)
        self.title_label = QLabel(self)
        self.title_label.setObjectName("screenTitle")
        self.outer.addWidget(self.title_label)
        self.is_current = False
        self.body: QBoxLayout | None = None
        self.button_bar: QWidget | None = None
        for action_id in self.action_ids:
            ctx.actions.set_enabled(action_id, False)

    # -- what subclasses may override ------------------------------------------------------------

    def title(self) -> str:
        return QCoreApplication.translate(TITLES, self.title_source)

    def take_scan(self, code: ScannedCode) -> bool:
        """Use a scan that arrived while this screen is shown; False lets the window route it elsewhere."""
        return False

    def on_station_changed(self, changed: Changed) -> None:
        """A use case committed something; refresh what this screen shows of it."""

    def on_shown(self) -> None:
        """The screen became current: refresh from the store."""

    def on_profile(self, profile: Profile) -> None:
        """Lay out for the desktop or the handheld profile: columns side by side or stacked; the
        screen's own buttons on the desktop (the window's button rows carry them on a handheld)."""
        if self.body is not None:
            self.body.setDirection(columns_layout(profile))
        if self.button_bar is not None:
            self.button_bar.setVisible(profile is Profile.DESKTOP)

    def place_columns(
        self,
        left: QLayout | QWidget,
        right: QLayout | QWidget,
        stretch: tuple[int, int] = (1, 1),
        *,
        below: Sequence[QWidget] = (),
    ) -> None:
        """The usual screen body: two columns, then `below` (full width), then the screen's buttons."""
        body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        for part, factor in ((left, stretch[0]), (right, stretch[1])):
            if isinstance(part, QLayout):
                body.addLayout(part, factor)
            else:
                body.addWidget(part, factor)
        self.body = body
        self.outer.addLayout(body, 1)
        for widget in below:
            self.outer.addWidget(widget)
        if self.button_ids():
            self.button_bar = self.ctx.actions.button_bar(self.button_ids(), self)
            self.outer.addWidget(self.button_bar)

    def retranslate(self) -> None:
        self.title_label.setText(self.title())

    def action_enabled(self, action_id: ActionId) -> bool:
        """Whether one of this screen's actions makes sense right now (e.g. a unit is selected)."""
        return True

    # -- helpers -------------------------------------------------------------------------------

    def activate(self, current: bool) -> None:
        """Called by the window: this screen's actions work only while it is the current screen."""
        self.is_current = current
        self.refresh_actions()

    def refresh_actions(self) -> None:
        for action_id in self.action_ids:
            self.ctx.actions.set_enabled(action_id, self.is_current and self.action_enabled(action_id))

    # -- helpers -------------------------------------------------------------------------------

    @property
    def station(self) -> Station:
        return self.ctx.station

    @property
    def operator(self) -> Operator:
        operator = self.ctx.session.operator
        if operator is None:
            raise NotAllowed(self.tr("Sign in first: scan your badge."))
        return operator

    def set_profile(self, profile: Profile) -> None:
        self.profile = profile
        for view in self.findChildren(QTableView):
            model = view.model()
            if isinstance(model, RecordTableModel):
                for index, column in enumerate(model.columns):
                    view.setColumnHidden(index, profile is Profile.HANDHELD and not column.handheld)
                if model.columns:  # the profile's font size changes the widths the columns need
                    model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(model.columns) - 1)
        # Captions above their fields on the narrow screen, beside them on the desktop.
        wrap = (
            QFormLayout.RowWrapPolicy.WrapAllRows
            if profile is Profile.HANDHELD
            else QFormLayout.RowWrapPolicy.DontWrapRows
        )
        for form in self.findChildren(QFormLayout):
            form.setRowWrapPolicy(wrap)
        self.on_profile(profile)

    def run(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        *,
        context: str,
        lane: Lane = Lane.DATABASE,
        on_error: Callable[[StationError], None] | None = None,
        on_settled: Callable[[], None] | None = None,
    ) -> None:
        self.ctx.runner.run(lane, work, context=context, on_done=on_done, on_error=on_error, on_settled=on_settled)

    def guarded(self, action: Callable[[], None]) -> None:
        """Run a GUI-side check that may refuse with a StationError (e.g. nobody signed in)."""
        try:
            action()
        except StationError as exc:
            self.ctx.feedback.station_error(exc)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def table(model: RecordTableModel[Any], parent: QWidget, *, wrap_rows: bool = False) -> QTableView:
    """A read-only, row-selecting table over one of our models, usable with the keyboard alone."""
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(wrap_rows)
    view.setTabKeyNavigation(False)  # Tab leaves the table, so the keyboard can reach the buttons
    view.verticalHeader().setVisible(False)
    view.setMinimumHeight(100)
    if wrap_rows:
        WrappedRowHeights(view)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    stretched = [i for i, column in enumerate(model.columns) if column.stretch]
    for index in stretched:
        header.setSectionResizeMode(index, QHeaderView.ResizeMode.Stretch)
    header.setStretchLastSection(not stretched)
    # Columns are sized from their header and a typical value, never by measuring every row: a
    # scan adds a row without making the table re-measure itself.
    fit = QTimer(view)
    fit.setSingleShot(True)
    fit.setInterval(0)

    def fit_columns() -> None:
        metrics = view.fontMetrics()
        bold = QFontMetrics(view.horizontalHeader().font())
        for index, column in enumerate(model.columns):
            if column.stretch:
                continue
            header = str(model.headerData(index, Qt.Orientation.Horizontal) or "")
            width = max(metrics.horizontalAdvance(column.sample), bold.horizontalAdvance(header) + 8) + 16
            view.setColumnWidth(index, width)

    fit.timeout.connect(fit_columns)
    model.headerDataChanged.connect(fit.start)
    model.modelReset.connect(fit.start)
    fit.start()
    return view


class WrappedRowHeights(QObject):
    """Rows as tall as their wrapped text, measured only where something changed.

    Qt's ResizeToContents mode measures every row again after any change, so each scan that adds
    an exception re-wrapped the whole list on the GUI thread. Here a new or changed row is measured
    alone; all rows only when the columns get wider or narrower, the font changes or the model resets.
    """

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self._view = view
        self._all = QTimer(self)
        self._all.setSingleShot(True)
        self._all.setInterval(0)
        self._all.timeout.connect(view.resizeRowsToContents)
        model = view.model()
        model.rowsInserted.connect(self._on_rows_inserted)
        model.dataChanged.connect(self._on_data_changed)
        model.modelReset.connect(self._all.start)
        model.layoutChanged.connect(self._all.start)
        view.horizontalHeader().sectionResized.connect(self._all.start)
        view.installEventFilter(self)

    def _fit(self, first: int, last: int) -> None:
        for row in range(first, last + 1):
            self._view.resizeRowToContents(row)

    def _on_rows_inserted(self, _parent: QModelIndex, first: int, last: int) -> None:
        self._fit(first, last)

    def _on_data_changed(self, top_left: QModelIndex, bottom_right: QModelIndex, _roles: Any = ()) -> None:
        self._fit(top_left.row(), bottom_right.row())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange, QEvent.Type.Show):
            self._all.start()
        return False


def columns_layout(profile: Profile) -> QBoxLayout.Direction:
    """Side by side on the desktop, stacked on the handheld."""
    return QBoxLayout.Direction.TopToBottom if profile is Profile.HANDHELD else QBoxLayout.Direction.LeftToRight


def section(text_source: str, parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setObjectName("sectionTitle")
    label.setProperty("source", text_source)
    return label


def retranslate_sections(widget: QWidget, context: str) -> None:
    for label in widget.findChildren(QLabel, "sectionTitle"):
        source = label.property("source")
        if source:
            label.setText(QCoreApplication.translate(context, str(source)))
