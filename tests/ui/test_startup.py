"""`ui.startup.after_first_paint`: what the station does once its window is on screen, and only then."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QLabel

from ui.startup import after_first_paint


class PaintCount(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


def test_runs_once_right_after_the_first_paint_not_before(qtbot):
    window = QLabel("Returns Station")
    qtbot.addWidget(window)
    painted = PaintCount()
    window.installEventFilter(painted)
    paints_seen: list[int] = []
    after_first_paint(window, lambda: paints_seen.append(painted.paints), at_latest_ms=100)
    window.show()
    qtbot.waitUntil(lambda: paints_seen != [])
    assert paints_seen[0] >= 1
    # The fallback time passes as well: still once.
    later = QTimer()
    later.setSingleShot(True)
    with qtbot.waitSignal(later.timeout, timeout=2000):
        later.start(200)
    assert len(paints_seen) == 1


def test_a_window_that_never_paints_still_finishes_starting(qtbot):
    window = QLabel("Returns Station")  # never shown: opened on a hidden desktop, a display off
    qtbot.addWidget(window)
    called: list[bool] = []
    after_first_paint(window, lambda: called.append(True), at_latest_ms=50)
    qtbot.waitUntil(lambda: called == [True], timeout=2000)
