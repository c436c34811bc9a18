"""What the operator sees and hears after every scan and action: one large coloured banner and a sound.

This is the one place where the core's answers become feedback. A `StationError` shows its
message (written for the inspector by the core, in the operator's language through
`ui.words.shown`); anything else is a bug: the task runner has
already logged it with context, and the banner says the action was not saved.

Banner and sound start in the same event-loop pass as the answer. The sound goes through a
`TonePlayer` injected by whoever builds the feedback: the station uses `ui/sound.py`, which plays
the WAV tones in resources/sounds (success, warning, error) through playsound3 on a worker thread,
and beeps (`QApplication.beep()`, warnings and errors only) where the machine has no audio player;
tests hand in a recording player. The player gets ready (finds its audio backend) shortly after the
banner is first on screen, never before the first window. The banner is the feedback that must
never fail; the sound never raises into the GUI.
"""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QLabel, QWidget

from app.errors import StationError
from ui.words import shown

log = logging.getLogger(__name__)

SUCCESS_SHOWN_MS = 8000
# The sound player looks for its audio backend this long after the banner is first on screen: after
# the first window, and long before anyone can have signed in and scanned.
PREPARE_SOUND_AFTER_MS = 300


class Tone(enum.Enum):
    NEUTRAL = "neutral"
    SUCCESS = "success"
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class Message:
    tone: Tone
    text: str


class Banner(QFrame):
    """The large coloured strip at the top of every screen; its colour comes from the theme (QSS)."""

    first_shown = Signal()  # once, when the window around it first shows

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._symbol = QLabel(self)
        self._symbol.setObjectName("bannerSymbol")
        self._text = QLabel(self)
        self._text.setObjectName("bannerText")
        self._text.setWordWrap(True)
        self._text.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.addWidget(self._symbol)
        layout.addWidget(self._text, 1)
        self.setAccessibleName(self.tr("Scan result"))
        self.show_message(Message(Tone.NEUTRAL, ""))
        self._was_shown = False

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self._was_shown:
            self._was_shown = True
            self.first_shown.emit()

    @property
    def text(self) -> str:
        return self._text.text()

    @property
    def tone(self) -> Tone:
        return Tone(self.property("tone"))

    def show_message(self, message: Message) -> None:
        # Colour is never the only signal: each tone has its own symbol for colour-blind operators.
        symbols = {Tone.NEUTRAL: "", Tone.SUCCESS: "✔", Tone.WARNING: "⚠", Tone.ERROR: "✖"}
        self._symbol.setText(symbols[message.tone])
        self._symbol.setVisible(bool(symbols[message.tone]))
        self._text.setText(message.text)
        self.setAccessibleDescription(message.text)
        if self.property("tone") == message.tone.value:
            return
        self.setProperty("tone", message.tone.value)
        # Re-polish so the QSS selector on the dynamic property picks up the new colour at once
        # (only when the tone changes: polishing is the costly part of a scan's feedback).
        for widget in (self, self._symbol, self._text):
            widget.style().unpolish(widget)
            widget.style().polish(widget)


class TonePlayer(Protocol):
    """Plays an outcome's tone. Every method returns at once and never raises (ui/sound.py has the real one)."""

    def prepare(self) -> None:
        """Get ready in the background (find the audio backend), so that the first tone is not late."""

    def play(self, tone: Tone) -> None:
        """Start the tone; it interrupts the one still playing."""

    def stop(self) -> None:
        """The station is closing: stop playing and end any thread the player started."""


class BeepPlayer:
    """The platform beep for warnings and errors: for a station built without an audio player.

    `QApplication.beep()` is silent on some platforms and always under the offscreen platform. One
    beep cannot tell outcomes apart, so a success stays silent: it is the common case.
    """

    def prepare(self) -> None:
        """Nothing to find."""

    def play(self, tone: Tone) -> None:
        if tone in (Tone.WARNING, Tone.ERROR):
            QApplication.beep()

    def stop(self) -> None:
        """Nothing runs."""


class Sound:
    """Whether scans make a sound (Settings: "Sound on scans") and the player that makes it."""

    def __init__(self, player: TonePlayer | None = None) -> None:
        self.enabled = True
        self.player: TonePlayer = player or BeepPlayer()

    def play(self, tone: Tone) -> None:
        if self.enabled and tone is not Tone.NEUTRAL:
            self.player.play(tone)


class Feedback(QObject):
    """Shows each outcome on the banner and plays its sound; the ErrorSink of the task runner."""

    shown = Signal(object)  # the Message, after it is on the banner

    def __init__(self, banner: Banner, sound: Sound | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.banner = banner
        self.sound = sound or Sound()
        self.last: Message = Message(Tone.NEUTRAL, "")
        self._calm = QTimer(self)
        self._calm.setSingleShot(True)
        self._calm.timeout.connect(self._on_calm_timeout)
        self._prepare = QTimer(self)
        self._prepare.setSingleShot(True)
        self._prepare.setInterval(PREPARE_SOUND_AFTER_MS)
        self._prepare.timeout.connect(self._on_prepare_timeout)
        banner.first_shown.connect(self._prepare.start)
        self.idle_text = ""

    def set_idle_text(self, text: str) -> None:
        """What the banner says when nothing happened lately (e.g. "Scan anything to start")."""
        self.idle_text = text
        if self.last.tone is Tone.NEUTRAL:
            self._show(Message(Tone.NEUTRAL, text))

    def success(self, text: str) -> None:
        self._show(Message(Tone.SUCCESS, text))
        self._calm.start(SUCCESS_SHOWN_MS)

    def warning(self, text: str) -> None:
        self._calm.stop()
        self._show(Message(Tone.WARNING, text))

    def error(self, text: str) -> None:
        self._calm.stop()
        self._show(Message(Tone.ERROR, text))

    def station_error(self, error: StationError) -> None:
        self.error(shown(error))

    def bug(self) -> None:
        self.error(self.tr("Something went wrong — the action was not saved. Try again; if it happens again, call IT."))

    def stop(self) -> None:
        """The window is closing: no more timed changes to the banner, and the sound player ends its thread."""
        self._calm.stop()
        self._prepare.stop()
        self.sound.player.stop()

    def _show(self, message: Message) -> None:
        self.last = message
        self.banner.show_message(message)
        self.sound.play(message.tone)
        self.shown.emit(message)

    def _on_calm_timeout(self) -> None:
        self._show(Message(Tone.NEUTRAL, self.idle_text))

    def _on_prepare_timeout(self) -> None:
        self.sound.player.prepare()
