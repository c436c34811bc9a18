"""What the operator sees and hears after every scan and action: one large coloured banner and a sound.

This is the one place where the core's answers become feedback. A `StationError` shows its
`.message` (written for the inspector by the core); anything else is a bug: the task runner has
already logged it with context, and the banner says the action was not saved.

Sound is best effort: PySide6-Essentials has no QtMultimedia, so the station beeps through
`QApplication.beep()` (which is silent on some platforms and always under the offscreen
platform); where QtMultimedia exists, the short WAV tones in resources/sounds play instead.
The banner is the feedback that must never fail.
"""

from __future__ import annotations

import enum
import importlib
import logging
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QLabel, QWidget

from app.errors import StationError
from resources import ROOT as RESOURCES

log = logging.getLogger(__name__)

SUCCESS_SHOWN_MS = 8000


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


class Sound:
    """A short tone per outcome: QtMultimedia WAVs where available, else the platform beep."""

    def __init__(self) -> None:
        self.enabled = True
        self._effects: dict[Tone, Any] = {}
        try:
            multimedia = importlib.import_module("PySide6.QtMultimedia")
        except ImportError:
            log.info("QtMultimedia is not installed: feedback sounds use the platform beep")
            return
        for tone in (Tone.SUCCESS, Tone.WARNING, Tone.ERROR):
            effect = multimedia.QSoundEffect()
            effect.setSource(QUrl.fromLocalFile(str(RESOURCES / "sounds" / f"{tone.value}.wav")))
            self._effects[tone] = effect

    @property
    def uses_multimedia(self) -> bool:
        return bool(self._effects)

    def play(self, tone: Tone) -> None:
        if not self.enabled or tone is Tone.NEUTRAL:
            return
        effect = self._effects.get(tone)
        if effect is not None:
            effect.play()
        elif tone is not Tone.SUCCESS:
            # One beep is all the platform offers; keep it for what needs attention.
            QApplication.beep()


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
        self.error(error.message)

    def bug(self) -> None:
        self.error(self.tr("Something went wrong — the action was not saved. Try again; if it happens again, call IT."))

    def stop(self) -> None:
        """The window is closing: no more timed changes to the banner."""
        self._calm.stop()

    def _show(self, message: Message) -> None:
        self.last = message
        self.banner.show_message(message)
        self.sound.play(message.tone)
        self.shown.emit(message)

    def _on_calm_timeout(self) -> None:
        self._show(Message(Tone.NEUTRAL, self.idle_text))
