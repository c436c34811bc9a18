"""The first window: what runs right after its first paint, and the cold-start measurement hook.

The composition root shows the station window as soon as it can take a badge, then finishes
starting (the core's database and services, sync, devices, warm-ups) from `after_first_paint`:
once the window has painted, on the next pass of the event loop. That work runs on the GUI thread,
so whatever the operator types or scans meanwhile waits in Qt's event queue and is handled, in
order, as soon as it is done.

`exit_after_first_window_if_asked(app)` serves the packaging check's cold-start measurement: with
``RETURNS_STATION_EXIT_AFTER_FIRST_WINDOW=1`` the application prints when its first window was
exposed and, when it was asked to wait for it, when the station had finished starting; then it quits.

This module is on the start-up path: it imports Qt's core and GUI modules only.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtGui import QWindow

EXIT_AFTER_FIRST_WINDOW = "RETURNS_STATION_EXIT_AFTER_FIRST_WINDOW"
FIRST_WINDOW_MARK = "RETURNS_STATION_FIRST_WINDOW_AT="
READY_MARK = "RETURNS_STATION_READY_AT="  # the station finished starting (after its first window)


class _FirstPaint(QObject):
    """Calls `then` once: on the event-loop pass after `widget` first painted, or after `at_latest_ms`."""

    def __init__(self, widget: QObject, then: Callable[[], None], at_latest_ms: int) -> None:
        super().__init__(widget)
        self._widget = widget
        self._then: Callable[[], None] | None = then
        # It stays, idle, as the window's child once done: deleting it (deleteLater) from its own
        # timer's slot corrupted the heap under PySide6 6.11.3 (malloc aborts in the test suite, one
        # run in four). Its timers are children so that nothing outlives it.
        self._soon = _one_shot(self, 0)
        # A window that is never painted (opened on a hidden desktop, a display switched off) must
        # still finish starting.
        _one_shot(self, at_latest_ms).start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            # Not from inside the paint: let it finish and reach the screen first.
            self._soon.start()
        return False

    def _done(self) -> None:
        then, self._then = self._then, None
        if then is None:
            return
        self._widget.removeEventFilter(self)
        then()


def _one_shot(owner: _FirstPaint, interval_ms: int) -> QTimer:
    timer = QTimer(owner)
    timer.setSingleShot(True)
    timer.setInterval(interval_ms)
    timer.timeout.connect(owner._done)
    return timer


def after_first_paint(widget: QObject, then: Callable[[], None], *, at_latest_ms: int = 2000) -> None:
    """Run `then` on the GUI thread right after `widget` (not yet shown) paints for the first time."""
    widget.installEventFilter(_FirstPaint(widget, then, at_latest_ms))


class FirstWindowExit(QObject):
    """Quits the application once its first top-level window is on screen (cold-start measurement).

    It prints when the first window was exposed (`FIRST_WINDOW_MARK`) and, when the application said
    it finishes starting after that (`expect_ready`), when it was ready too (`READY_MARK`), and quits
    once it has printed what it waits for.
    """

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self._app = app
        self.shown_at: float | None = None
        self.ready_at: float | None = None
        self._wait_for_ready = False

    def expect_ready(self) -> None:
        """Wait for `ready()` too before quitting."""
        self._wait_for_ready = True

    def ready(self) -> None:
        if self.ready_at is None:
            self.ready_at = _mark(READY_MARK)
            self._quit_when_done()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if (
            self.shown_at is None
            and event.type() == QEvent.Type.Expose
            and isinstance(watched, QWindow)
            and watched.isExposed()
        ):
            self.shown_at = _mark(FIRST_WINDOW_MARK)
            self._app.removeEventFilter(self)
            self._quit_when_done()
        return False

    def _quit_when_done(self) -> None:
        if self.shown_at is not None and (self.ready_at is not None or not self._wait_for_ready):
            QTimer.singleShot(0, self._app.quit)


def _mark(mark: str) -> float:
    now = time.time()
    print(f"{mark}{now:.6f}", file=sys.stderr, flush=True)
    return now


def exit_after_first_window_if_asked(app: QCoreApplication) -> FirstWindowExit | None:
    """With RETURNS_STATION_EXIT_AFTER_FIRST_WINDOW=1, quit after the first window shows; else nothing."""
    if os.environ.get(EXIT_AFTER_FIRST_WINDOW) != "1":
        return None
    existing = app.findChild(FirstWindowExit)
    if existing is not None:
        return existing  # already installed (packaging's launcher and the composition root both asked)
    watcher = FirstWindowExit(app)
    app.installEventFilter(watcher)
    return watcher
