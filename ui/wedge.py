"""Keyboard-wedge scanners on any screen: an application event filter feeding devices/' detector.

A USB keyboard scanner "types" its barcode. Key presses reach the station's window first; this
filter holds back plain characters and hands them to `WedgeDetector` with their time. A burst the
detector recognises as a scan never reaches the focused field: it becomes a `Scan` routed like any
other. Keys a person typed are given back to the focused widget in order, a few tens of
milliseconds later. Shortcuts, arrows and function keys pass at once (after any held keys).

Only key events addressed to one of the station's windows are looked at: Qt delivers every key to
the window first and then to its focus widget, so each key is seen exactly once, and the keys this
filter gives back (sent straight to the widget) are not seen again.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from devices.events import Scan, ScanRejected
from devices.scanning.wedge import PassThrough, WedgeDetector, WedgeOutput, WedgeScan, WedgeSettings

log = logging.getLogger(__name__)

TICK_MS = 20
_SPECIAL_KEYS = {"\r": Qt.Key.Key_Return, "\n": Qt.Key.Key_Return, "\t": Qt.Key.Key_Tab}
_NOT_TEXT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier


class WedgeFilter(QObject):
    def __init__(
        self,
        on_scan: Callable[[Scan | ScanRejected], None],
        settings: WedgeSettings | None = None,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.detector = WedgeDetector(settings)
        self._on_scan = on_scan
        self._clock = clock
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self.enabled = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if not self.enabled or event.type() != QEvent.Type.KeyPress or not watched.isWindowType():
            return False
        assert isinstance(event, QKeyEvent)
        char = _character(event)
        if char is None:
            # Not text: whatever was held goes first, then this key, in the order they were pressed.
            self._act(self.detector.tick(float("inf")))
            return False
        self._act(self.detector.key(char, self._clock()))
        self._sync_timer()
        return True

    def flush(self) -> None:
        """Decide now about anything held (tests, and before the window closes)."""
        self._act(self.detector.tick(float("inf")))
        self._sync_timer()

    def stop(self) -> None:
        self.enabled = False
        self._timer.stop()

    def _on_timer_timeout(self) -> None:
        self._act(self.detector.tick(self._clock()))
        self._sync_timer()

    def _sync_timer(self) -> None:
        if self.detector.holding and not self._timer.isActive():
            self._timer.start()
        elif not self.detector.holding:
            self._timer.stop()

    def _act(self, outputs: list[WedgeOutput]) -> None:
        for output in outputs:
            if isinstance(output, WedgeScan):
                self._on_scan(output.result)
            elif isinstance(output, PassThrough):
                _give_back(output.text)


def _character(event: QKeyEvent) -> str | None:
    """The text of a plain key press, or None for shortcuts, navigation and function keys."""
    text = event.text()
    if event.isAutoRepeat() or not text or len(text) != 1:
        return None
    if text == "\x1d":  # Ctrl+]: how some scanners send the GS1 separator
        return text
    if event.modifiers() & _NOT_TEXT:
        return None
    if text in _SPECIAL_KEYS or text.isprintable():
        return text
    return None


def _give_back(text: str) -> None:
    """Deliver a person's keys to the focused widget, as if they had gone straight there."""
    target = QApplication.focusWidget()
    if target is None:
        return
    for char in text:
        key = _SPECIAL_KEYS.get(char)
        code = int(key) if key is not None else (ord(char.upper()) if char.isascii() else 0)
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(target, QKeyEvent(kind, code, Qt.KeyboardModifier.NoModifier, char))
