"""Every command of the station in one registry: stable id, title, shortcut, and where it appears.

Menus, the desktop toolbar, the handheld button row and the keyboard shortcuts are all generated
from `ACTIONS`; screens only `bind()` a handler to an id. Titles are translated when shown, so a
language switch relabels every menu and button at once.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QMenuBar, QPushButton, QToolBar, QWidget

from app.domain.model import Role
from ui.i18n import QT_TRANSLATE_NOOP

CONTEXT = "Actions"


class ActionId(enum.Enum):
    GO_RECEIVE = "go.receive"
    GO_INSPECT = "go.inspect"
    GO_DISPOSITION = "go.disposition"
    GO_APPROVALS = "go.approvals"
    GO_LABELS = "go.labels"
    GO_SYNC = "go.sync"
    GO_HISTORY = "go.history"
    GO_SETTINGS = "go.settings"
    TYPE_CODE = "scan.type"
    BLIND_RECEIPT = "receive.blind"
    PARCEL_DAMAGED = "receive.parcel_damaged"
    REPORT_PROBLEM = "receive.report_problem"
    CLOSE_RETURN = "receive.close"
    INSPECT_UNIT = "inspect.start"
    SAVE_INSPECTION = "inspect.save"
    TAKE_PHOTO = "inspect.take_photo"
    ADD_PHOTO = "inspect.add_photo"
    CONFIRM_DISPOSITION = "disposition.confirm"
    OVERRIDE_DISPOSITION = "disposition.override"
    APPROVE = "approvals.approve"
    DENY = "approvals.deny"
    REPRINT = "labels.reprint"
    PRINT_WAITING = "labels.print_waiting"
    SYNC_NOW = "sync.now"
    PULL_REFERENCE = "sync.pull"
    RETRY_PARKED = "sync.retry"
    DISCARD_PARKED = "sync.discard"
    SEARCH = "history.search"
    SIGN_OUT = "session.sign_out"
    LOCK = "session.lock"
    QUIT = "app.quit"


class Menu(enum.Enum):
    STATION = QT_TRANSLATE_NOOP("Actions", "&Station")
    GO = QT_TRANSLATE_NOOP("Actions", "&Go")
    WORK = QT_TRANSLATE_NOOP("Actions", "&Work")
    SYNC = QT_TRANSLATE_NOOP("Actions", "S&ync")


@dataclass(frozen=True, slots=True)
class ActionSpec:
    action_id: ActionId
    title: str  # English source text; translated in the "Actions" context
    shortcut: str
    menu: Menu
    role: Role = Role.INSPECTOR  # hidden from operators below this role (the core enforces it too)
    toolbar: bool = False  # on the desktop toolbar
    primary: bool = False  # styled as the screen's main action on handheld buttons


def _spec(
    action_id: ActionId,
    title: str,
    shortcut: str,
    menu: Menu,
    *,
    role: Role = Role.INSPECTOR,
    toolbar: bool = False,
    primary: bool = False,
) -> ActionSpec:
    return ActionSpec(action_id, title, shortcut, menu, role, toolbar, primary)


A, M = ActionId, Menu
ACTIONS: tuple[ActionSpec, ...] = (
    _spec(A.GO_RECEIVE, QT_TRANSLATE_NOOP("Actions", "Receive"), "F2", M.GO, toolbar=True),
    _spec(A.GO_INSPECT, QT_TRANSLATE_NOOP("Actions", "Inspect"), "F3", M.GO, toolbar=True),
    _spec(A.GO_DISPOSITION, QT_TRANSLATE_NOOP("Actions", "Disposition"), "F4", M.GO, toolbar=True),
    _spec(A.GO_APPROVALS, QT_TRANSLATE_NOOP("Actions", "Approvals"), "F5", M.GO, toolbar=True),
    _spec(A.GO_LABELS, QT_TRANSLATE_NOOP("Actions", "Labels"), "F6", M.GO, toolbar=True),
    _spec(A.GO_SYNC, QT_TRANSLATE_NOOP("Actions", "Sync"), "F7", M.GO, toolbar=True),
    _spec(A.GO_HISTORY, QT_TRANSLATE_NOOP("Actions", "History"), "F8", M.GO, toolbar=True),
    _spec(A.GO_SETTINGS, QT_TRANSLATE_NOOP("Actions", "Settings"), "F9", M.GO, role=Role.ADMIN, toolbar=True),
    _spec(A.TYPE_CODE, QT_TRANSLATE_NOOP("Actions", "Type a code"), "Ctrl+L", M.WORK),
    _spec(A.BLIND_RECEIPT, QT_TRANSLATE_NOOP("Actions", "Blind receipt"), "Ctrl+B", M.WORK),
    _spec(A.PARCEL_DAMAGED, QT_TRANSLATE_NOOP("Actions", "Parcel arrived damaged"), "Ctrl+K", M.WORK),
    _spec(A.REPORT_PROBLEM, QT_TRANSLATE_NOOP("Actions", "Report a problem"), "Ctrl+E", M.WORK),
    _spec(A.CLOSE_RETURN, QT_TRANSLATE_NOOP("Actions", "Close return"), "Ctrl+Shift+C", M.WORK),
    _spec(A.INSPECT_UNIT, QT_TRANSLATE_NOOP("Actions", "Inspect selected unit"), "Ctrl+I", M.WORK, primary=True),
    _spec(A.SAVE_INSPECTION, QT_TRANSLATE_NOOP("Actions", "Save inspection"), "Ctrl+S", M.WORK, primary=True),
    _spec(A.TAKE_PHOTO, QT_TRANSLATE_NOOP("Actions", "Take photo"), "Ctrl+Shift+T", M.WORK),
    _spec(A.ADD_PHOTO, QT_TRANSLATE_NOOP("Actions", "Add photo from file"), "Ctrl+Shift+F", M.WORK),
    _spec(
        A.CONFIRM_DISPOSITION, QT_TRANSLATE_NOOP("Actions", "Confirm disposition"), "Ctrl+Return", M.WORK, primary=True
    ),
    _spec(A.OVERRIDE_DISPOSITION, QT_TRANSLATE_NOOP("Actions", "Override disposition"), "Ctrl+O", M.WORK),
    _spec(A.APPROVE, QT_TRANSLATE_NOOP("Actions", "Approve"), "Ctrl+Shift+A", M.WORK, primary=True),
    _spec(A.DENY, QT_TRANSLATE_NOOP("Actions", "Deny"), "Ctrl+Shift+D", M.WORK),
    _spec(A.REPRINT, QT_TRANSLATE_NOOP("Actions", "Reprint label"), "Ctrl+P", M.WORK, primary=True),
    _spec(A.PRINT_WAITING, QT_TRANSLATE_NOOP("Actions", "Print waiting labels"), "Ctrl+Shift+P", M.WORK),
    _spec(A.SEARCH, QT_TRANSLATE_NOOP("Actions", "Search history"), "Ctrl+F", M.WORK),
    _spec(A.SYNC_NOW, QT_TRANSLATE_NOOP("Actions", "Sync now"), "Ctrl+Shift+S", M.SYNC, toolbar=True),
    _spec(A.PULL_REFERENCE, QT_TRANSLATE_NOOP("Actions", "Pull reference data"), "Ctrl+Shift+R", M.SYNC),
    _spec(A.RETRY_PARKED, QT_TRANSLATE_NOOP("Actions", "Retry parked item"), "Ctrl+R", M.SYNC),
    _spec(A.DISCARD_PARKED, QT_TRANSLATE_NOOP("Actions", "Discard parked item…"), "Ctrl+Shift+Del", M.SYNC),
    _spec(A.LOCK, QT_TRANSLATE_NOOP("Actions", "Lock station"), "Ctrl+Shift+L", M.STATION),
    _spec(A.SIGN_OUT, QT_TRANSLATE_NOOP("Actions", "Sign out"), "Ctrl+Shift+Q", M.STATION, toolbar=True),
    _spec(A.QUIT, QT_TRANSLATE_NOOP("Actions", "Quit"), "Ctrl+Q", M.STATION),
)

SPECS = {spec.action_id: spec for spec in ACTIONS}
GO_ACTIONS = tuple(spec for spec in ACTIONS if spec.action_id.value.startswith("go."))


def translated(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


class ActionRegistry(QObject):
    """One QAction per spec, owned here; screens bind handlers and toggle availability by id."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._actions: dict[ActionId, QAction] = {}
        self._handlers: dict[ActionId, Callable[[], None]] = {}
        self._role: Role | None = None
        for spec in ACTIONS:
            action = QAction(self)
            action.setObjectName(spec.action_id.value)
            action.setShortcut(QKeySequence(spec.shortcut))
            # Shortcuts work anywhere in the window, also while a text field has focus.
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
            action.triggered.connect(lambda _checked=False, aid=spec.action_id: self.trigger(aid))
            self._actions[spec.action_id] = action
        self.retranslate()

    def action(self, action_id: ActionId) -> QAction:
        return self._actions[action_id]

    def actions(self) -> list[QAction]:
        return list(self._actions.values())

    def bind(self, action_id: ActionId, handler: Callable[[], None]) -> None:
        self._handlers[action_id] = handler

    def trigger(self, action_id: ActionId) -> None:
        action = self._actions[action_id]
        handler = self._handlers.get(action_id)
        if handler is not None and action.isEnabled() and action.isVisible():
            handler()

    def trigger_by_id(self, action_id: str) -> None:
        """Trigger by the stable string id (scripts, tests, the demo panel)."""
        self.trigger(ActionId(action_id))

    def set_enabled(self, action_id: ActionId, enabled: bool) -> None:
        self._actions[action_id].setEnabled(enabled)

    def set_role(self, role: Role | None) -> None:
        """Show only what the signed-in operator may do; nothing but Quit while nobody is signed in."""
        self._role = role
        for spec in ACTIONS:
            allowed = role is not None and role.may(spec.role)
            self._actions[spec.action_id].setVisible(allowed or spec.action_id is ActionId.QUIT)

    def retranslate(self) -> None:
        for spec in ACTIONS:
            action = self._actions[spec.action_id]
            title = translated(spec.title)
            action.setText(title)
            shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{title.replace('&', '')} ({shortcut})")

    # -- generated views -------------------------------------------------------------------------

    def fill_menu_bar(self, menu_bar: QMenuBar) -> None:
        menu_bar.clear()
        for menu in Menu:
            qmenu = menu_bar.addMenu(translated(menu.value))
            qmenu.setObjectName(f"menu-{menu.name.lower()}")
            qmenu.addActions([self._actions[s.action_id] for s in ACTIONS if s.menu is menu])

    def fill_toolbar(self, toolbar: QToolBar) -> None:
        toolbar.clear()
        toolbar.addActions([self._actions[s.action_id] for s in ACTIONS if s.toolbar])

    def buttons(self, action_ids: Iterable[ActionId], parent: QWidget) -> list[QPushButton]:
        """Push buttons for a screen (the handheld row, or a desktop form), each driving its action."""
        return [ActionButton(self._actions[a], SPECS[a].primary, parent) for a in action_ids]

    def button_bar(self, action_ids: Iterable[ActionId], parent: QWidget) -> QWidget:
        """A row of buttons for these actions, in one widget so a profile can hide it as a whole."""
        bar = QWidget(parent)
        bar.setObjectName("actionBar")
        row = QHBoxLayout(bar)
        row.setContentsMargins(0, 0, 0, 0)
        for button in self.buttons(action_ids, bar):
            row.addWidget(button)
        row.addStretch(1)
        return bar


class ActionButton(QPushButton):
    """A push button that mirrors one QAction: text, enabled and visible state follow the action."""

    def __init__(self, action: QAction, primary: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._action = action
        if primary:
            self.setObjectName("primary")
        self.setProperty("actionId", action.objectName())
        self.clicked.connect(action.trigger)
        action.changed.connect(self._on_action_changed)
        self._on_action_changed()

    def detach(self) -> None:
        """Stop following the action (the button is being thrown away)."""
        self._action.changed.disconnect(self._on_action_changed)
        self.hide()

    def _on_action_changed(self) -> None:
        self.setText(self._action.text().replace("&", ""))
        self.setToolTip(self._action.toolTip())
        self.setEnabled(self._action.isEnabled())
        self.setVisible(self._action.isVisible())
