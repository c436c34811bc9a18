"""Who is at the station: the signed-in operator, sign-out, and the automatic lock after inactivity.

Any key press, mouse press or touch in the window counts as activity (an application event
filter); a scan counts too. When the station has been idle for the configured time it locks: the
operator's name stays on the sign-in screen, and whoever signs in next takes over.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

from app.domain.model import Operator

_ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.TouchBegin,
        QEvent.Type.Wheel,
    }
)


class OperatorSession(QObject):
    signed_in = Signal(object)  # Operator
    signed_out = Signal()
    locked = Signal(object)  # the Operator who was signed in

    def __init__(self, auto_lock_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.operator: Operator | None = None
        self.locked_operator: Operator | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(auto_lock_ms)
        self._timer.timeout.connect(self._on_timer_timeout)

    @property
    def auto_lock_ms(self) -> int:
        return self._timer.interval()

    def set_auto_lock_ms(self, ms: int) -> None:
        self._timer.setInterval(ms)
        if self.operator is not None:
            self._timer.start()

    def sign_in(self, operator: Operator) -> None:
        self.operator = operator
        self.locked_operator = None
        self._timer.start()
        self.signed_in.emit(operator)

    def sign_out(self) -> None:
        self.operator = None
        self.locked_operator = None
        self._timer.stop()
        self.signed_out.emit()

    def lock(self) -> None:
        if self.operator is None:
            return
        who = self.operator
        self.operator = None
        self.locked_operator = who
        self._timer.stop()
        self.locked.emit(who)

    def stop(self) -> None:
        """The window is closing: no automatic lock any more."""
        self._timer.stop()

    def touch(self) -> None:
        """Activity: restart the inactivity countdown."""
        if self.operator is not None:
            self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in _ACTIVITY:
            self.touch()
        return False

    def _on_timer_timeout(self) -> None:
        self.lock()
