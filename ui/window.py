"""The station's main window: banner, code entry, navigation, the screens, and the status bar.

It routes every scan: to the sign-in screen while nobody is signed in, else to the current
screen, else to Receive (which opens whatever return the scan points at). It lays itself out for
the desktop or the handheld profile, generating menus, toolbar, navigation and the handheld
button row from the action registry.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.codes import CodeKind
from app.errors import PermissionDenied
from app.services.values import Changed, require_role
from devices.events import Scan, ScanRejected, ScanSource
from ui.actions import GO_ACTIONS, ActionButton, ActionId, ActionRegistry
from ui.bridge import read_typed, scanned_code
from ui.feedback import Banner
from ui.profiles import Profile
from ui.screens.base import Screen, ScreenContext, ScreenId
from ui.status_bar import StationStatusBar
from ui.words import fill, shown

log = logging.getLogger(__name__)

_GO = {
    ActionId.GO_RECEIVE: ScreenId.RECEIVE,
    ActionId.GO_INSPECT: ScreenId.INSPECT,
    ActionId.GO_DISPOSITION: ScreenId.DISPOSITION,
    ActionId.GO_APPROVALS: ScreenId.APPROVALS,
    ActionId.GO_LABELS: ScreenId.LABELS,
    ActionId.GO_SYNC: ScreenId.SYNC,
    ActionId.GO_HISTORY: ScreenId.HISTORY,
    ActionId.GO_SETTINGS: ScreenId.SETTINGS,
}


class MainWindow(QMainWindow):
    def __init__(self, ctx: ScreenContext, banner: Banner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.ctx = ctx
        self.banner = banner
        self.profile = Profile.DESKTOP
        self.screens: dict[ScreenId, Screen] = {}
        self.current: Screen | None = None
        self.actions_registry: ActionRegistry = ctx.actions
        for action in ctx.actions.actions():
            self.addAction(action)

        self.code_entry = QLineEdit(self)
        self.code_entry.setObjectName("codeEntry")
        self.code_entry.setClearButtonEnabled(True)
        self.code_entry.returnPressed.connect(self._on_code_entry_return_pressed)
        self.code_caption = QLabel(self)
        self.code_caption.setBuddy(self.code_entry)
        self.menu_button = QToolButton(self)
        self.menu_button.setObjectName("handheldMenu")
        self.menu_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.go_menu = QMenu(self.menu_button)
        self.go_menu.addActions([ctx.actions.action(spec.action_id) for spec in GO_ACTIONS])
        self.menu_button.setMenu(self.go_menu)

        self.nav = QListWidget(self)
        self.nav.setObjectName("navList")
        self.nav.setFixedWidth(170)
        for spec in GO_ACTIONS:
            item = QListWidgetItem(self.nav)
            item.setData(Qt.ItemDataRole.UserRole, spec.action_id)
        self.nav.itemActivated.connect(self._on_nav_item_activated)
        self.nav.itemClicked.connect(self._on_nav_item_activated)

        self.stack = QStackedWidget(self)
        self.handheld_row = QGridLayout()
        self.handheld_buttons: list[QWidget] = []

        entry_row = QHBoxLayout()
        entry_row.addWidget(self.menu_button)
        entry_row.addWidget(self.code_caption)
        entry_row.addWidget(self.code_entry, 1)
        main_column = QVBoxLayout()
        main_column.setContentsMargins(0, 0, 0, 0)
        main_column.addWidget(self.banner)
        main_column.addLayout(entry_row)
        main_column.addWidget(self.stack, 1)
        main_column.addLayout(self.handheld_row)
        body = QHBoxLayout()
        body.setContentsMargins(8, 8, 8, 4)
        body.addWidget(self.nav)
        body.addLayout(main_column, 1)
        central = QWidget(self)
        central.setLayout(body)
        self.setCentralWidget(central)

        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.addToolBar(self.toolbar)
        self.status = StationStatusBar(self)
        self.setStatusBar(self.status)
        self.demo_dock: QDockWidget | None = None

        for action_id, screen_id in _GO.items():
            ctx.actions.bind(action_id, self._going_to(screen_id))
        ctx.actions.bind(ActionId.TYPE_CODE, self._on_type_code)
        ctx.actions.bind(ActionId.SIGN_OUT, self._on_sign_out)
        ctx.actions.bind(ActionId.LOCK, ctx.session.lock)
        ctx.actions.bind(ActionId.QUIT, self._on_quit)
        ctx.session.signed_in.connect(self._on_session_signed_in)
        ctx.session.signed_out.connect(self._on_session_signed_out)
        ctx.session.locked.connect(self._on_session_locked)
        ctx.actions.set_role(None)

    # -- building ----------------------------------------------------------------------------------

    def add_screens(self, screens: Sequence[Screen]) -> None:
        """Add screens (the sign-in screen first: the window opens on it), laid out for the current profile."""
        for screen in screens:
            self.screens[screen.screen_id] = screen
            screen.set_profile(self.profile)
            # A screen taller than a handheld's display scrolls instead of stretching the window.
            page = QScrollArea(self.stack)
            page.setObjectName(f"page-{screen.screen_id.value}")
            page.setWidgetResizable(True)
            page.setFrameShape(QFrame.Shape.NoFrame)
            page.setWidget(screen)
            self.stack.addWidget(page)
        if self.current is None:
            self._show(ScreenId.SIGN_IN)
        self.retranslate()

    def add_demo_panel(self, panel: QWidget) -> None:
        dock = QDockWidget(self)
        dock.setObjectName("demoDock")
        dock.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)
        scroll = QScrollArea(dock)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(panel)
        dock.setWidget(scroll)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        self.demo_dock = dock
        self.retranslate()

    def set_profile(self, profile: Profile) -> None:
        self.profile = profile
        handheld = profile is Profile.HANDHELD
        self.nav.setVisible(not handheld)
        self.toolbar.setVisible(not handheld)
        self.menuBar().setVisible(not handheld)
        self.menu_button.setVisible(handheld)
        self.code_caption.setVisible(not handheld)
        self.status.set_compact(handheld)
        for screen in self.screens.values():
            screen.set_profile(profile)
        if self.demo_dock is not None:
            area = Qt.DockWidgetArea.BottomDockWidgetArea if handheld else Qt.DockWidgetArea.RightDockWidgetArea
            self.addDockWidget(area, self.demo_dock)
            # Beside the screens on the desktop; on the handheld a short strip under them.
            self.demo_dock.setMaximumWidth(16777215 if handheld else 290)
            self.demo_dock.setMaximumHeight(150 if handheld else 16777215)
        self._build_handheld_row()

    def retranslate(self) -> None:
        self.setWindowTitle(fill(self.tr("Returns Station %1"), self.ctx.station_id))
        self.ctx.actions.retranslate()
        self.ctx.actions.fill_menu_bar(self.menuBar())
        self.ctx.actions.fill_toolbar(self.toolbar)
        self.code_caption.setText(self.tr("&Code:"))
        self.code_entry.setPlaceholderText(self.tr("Scan, or type a code and press Enter (Ctrl+L)"))
        self.menu_button.setText(self.tr("☰ Menu"))
        for row in range(self.nav.count()):
            item = self.nav.item(row)
            action = self.ctx.actions.action(item.data(Qt.ItemDataRole.UserRole))
            item.setText(f"{action.text()}  ({action.shortcut().toString()})")
            item.setHidden(not action.isVisible())
        # Wide enough for the longest name in the current language.
        self.nav.setFixedWidth(max(170, self.nav.sizeHintForColumn(0) + 2 * self.nav.frameWidth() + 8))
        if self.demo_dock is not None:
            self.demo_dock.setWindowTitle(self.tr("Demo"))
        self.ctx.feedback.set_idle_text(self._idle_text())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- navigation --------------------------------------------------------------------------------

    def go(self, screen_id: ScreenId) -> None:
        """Show a screen; refused with the core's words when the operator's role may not use it."""
        screen = self.screens[screen_id]
        operator = self.ctx.session.operator
        if operator is None:
            self._show(ScreenId.SIGN_IN)
            return
        try:
            require_role(operator, screen.role, fill(self.tr("open %1"), screen.title()))
        except PermissionDenied as exc:
            self.ctx.feedback.station_error(exc)
            return
        self._show(screen_id)

    def _show(self, screen_id: ScreenId) -> None:
        screen = self.screens[screen_id]
        if self.current is not None and self.current is not screen:
            self.current.activate(False)
        self.current = screen
        self.stack.setCurrentWidget(self._page(screen))
        screen.activate(True)
        screen.on_shown()
        for row in range(self.nav.count()):
            item = self.nav.item(row)
            if _GO.get(item.data(Qt.ItemDataRole.UserRole)) is screen_id:
                self.nav.setCurrentRow(row)
        self._build_handheld_row()

    def _page(self, screen: Screen) -> QWidget:
        for index in range(self.stack.count()):
            page = self.stack.widget(index)
            if isinstance(page, QScrollArea) and page.widget() is screen:
                return page
        raise KeyError(screen.screen_id)

    def _build_handheld_row(self) -> None:
        for button in self.handheld_buttons:
            self.handheld_row.removeWidget(button)
            if isinstance(button, ActionButton):
                button.detach()
            button.hide()  # gone from the screen now; the object itself goes at the next loop pass
            button.deleteLater()
        self.handheld_buttons = []
        if self.profile is not Profile.HANDHELD or self.current is None:
            return
        ids = self.current.button_ids()
        # The screen's main action across the width, then one more and "More…" for the rest: the
        # screen keeps its room and every button stays a 48 px touch target.
        shown, overflow = (ids, ()) if len(ids) <= 3 else (ids[:2], ids[2:])
        widgets: list[QWidget] = list(self.ctx.actions.buttons(shown, self))
        if overflow:
            more = QToolButton(self)
            more.setObjectName("moreActions")
            more.setText(self.tr("More…"))
            more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
            menu = QMenu(more)
            menu.addActions([self.ctx.actions.action(action_id) for action_id in overflow])
            more.setMenu(menu)
            widgets.append(more)
        for index, widget in enumerate(widgets):
            # Long words (German, Spanish) are cut short rather than pushing the window wider.
            widget.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            widget.setMinimumWidth(0)
            if index == 0 and len(widgets) > 1:
                self.handheld_row.addWidget(widget, 0, 0, 1, 2)
            else:
                slot = index - 1 if len(widgets) > 1 else 0
                self.handheld_row.addWidget(widget, 1 + slot // 2, slot % 2)
            self.handheld_buttons.append(widget)
        central = self.centralWidget()
        layout = central.layout() if central is not None else None
        if layout is not None:
            layout.activate()  # place the new buttons now, not at the next pass of the event loop

    def _going_to(self, screen_id: ScreenId) -> Callable[[], None]:
        return lambda: self.go(screen_id)

    def _on_quit(self) -> None:
        self.close()

    def _on_nav_item_activated(self, item: QListWidgetItem) -> None:
        self.ctx.actions.trigger(item.data(Qt.ItemDataRole.UserRole))

    # -- scans -------------------------------------------------------------------------------------

    def route_scan(self, event: Scan | ScanRejected) -> None:
        """Every scan, from any source, ends here (on the GUI thread)."""
        self.ctx.session.touch()
        if isinstance(event, ScanRejected):
            self.ctx.feedback.error(shown(event.message))
            return
        code = scanned_code(event)
        if self.ctx.session.operator is None:
            self.screens[ScreenId.SIGN_IN].take_scan(code)
            return
        if self.current is not None and self.current.take_scan(code):
            return
        if event.source is ScanSource.CAMERA and self.current is self.screens.get(ScreenId.INSPECT):
            # The camera at the inspection bench sees the unit's own labels while its photos are taken:
            # such a read must not carry the station off to Receive and receive the unit again.
            self.ctx.feedback.warning(
                fill(self.tr("The camera read %1. On Inspect it only opens licence plates."), code.text)
            )
            return
        if code.kind is CodeKind.BADGE:
            self.ctx.feedback.warning(self.tr("Someone is already signed in. Sign out first (Ctrl+Shift+Q)."))
            return
        self.go(ScreenId.RECEIVE)
        if self.current is self.screens[ScreenId.RECEIVE]:
            self.current.take_scan(code)

    def _on_code_entry_return_pressed(self) -> None:
        text = self.code_entry.text().strip()
        if not text:
            return
        self.code_entry.clear()
        self.route_scan(read_typed(text))

    def _on_type_code(self) -> None:
        self.code_entry.setFocus()
        self.code_entry.selectAll()

    # -- session and changes -----------------------------------------------------------------------

    def on_station_changed(self, changed: Changed) -> None:
        self.ctx.workbench.on_station_changed(changed)
        for screen in self.screens.values():
            screen.on_station_changed(changed)

    def _on_session_signed_in(self, operator: object) -> None:
        self.ctx.actions.set_role(self.ctx.session.operator.role if self.ctx.session.operator else None)
        self.status.show_operator(self.ctx.session.operator)
        self.retranslate()
        self.go(ScreenId.RECEIVE)

    def _on_session_signed_out(self) -> None:
        self.ctx.workbench.clear()
        self._to_sign_in()

    def _on_session_locked(self, _who: object) -> None:
        self._to_sign_in()
        self.ctx.feedback.warning(self.tr("Station locked after inactivity. Scan your badge to continue."))

    def _on_sign_out(self) -> None:
        self.ctx.session.sign_out()
        self.ctx.feedback.success(self.tr("Signed out."))

    def _to_sign_in(self) -> None:
        self.ctx.actions.set_role(None)
        self.status.show_operator(None)
        self.retranslate()
        self._show(ScreenId.SIGN_IN)

    def _idle_text(self) -> str:
        if self.ctx.session.operator is None:
            return self.tr("Scan your badge to sign in.")
        return self.tr("Ready: scan anything.")

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        log.info("station window closing")
        super().closeEvent(event)
