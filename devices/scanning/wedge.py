"""Keyboard-wedge scanner detection: telling a scanner's keystroke burst from a person typing.

A USB HID keyboard scanner "types" its data 7-16 ms per key and usually ends with Enter or Tab;
people type far slower. The UI's Qt event filter feeds every key here with its timestamp, holds the
keys back while the detector is undecided, and then either receives a finished scan (the keys are
swallowed) or gets the keys back to deliver to the focused widget.

Plain Python, no clock reads: every call carries the time, so tests control it exactly. Call `tick()`
from a short UI timer so that a lone key typed by a person is released without waiting for the next.
"""

from __future__ import annotations

from dataclasses import dataclass

from devices.events import Scan, ScanRejected, ScanSource
from devices.scanning.interpret import DEFAULT_PATTERNS, GS, ScanPatterns, interpret

ENTER = "\r"
TAB = "\t"
_TERMINATORS = frozenset({ENTER, "\n", TAB})


@dataclass(frozen=True, slots=True)
class WedgeSettings:
    max_gap: float = 0.05  # seconds between keys of one scanner burst
    min_length: int = 4  # shorter bursts are a person hitting keys quickly
    require_terminator: bool = True  # a burst must end with Enter/Tab (or the suffix) to count
    prefix: str = ""  # sentinel the scanner sends first (programmed on the scanner); empty = none
    suffix: str = ""  # sentinel the scanner sends last; empty = none
    gs_substitute: str = ""  # the character the scanner sends for GS (e.g. when Ctrl+] is lost)
    sentinel_timeout: float = 1.0  # after a prefix, give up waiting for the suffix/terminator
    device_id: str = "wedge"
    patterns: ScanPatterns = DEFAULT_PATTERNS


@dataclass(frozen=True, slots=True)
class WedgeScan:
    """A completed scanner burst: the keys were the scanner's and must not reach any widget."""

    result: Scan | ScanRejected


@dataclass(frozen=True, slots=True)
class PassThrough:
    """A person typed these characters: deliver them to the focused widget, in order."""

    text: str


WedgeOutput = WedgeScan | PassThrough


class WedgeDetector:
    """Feed it keys with `key(char, at)`; act on what it returns. One detector per keyboard focus scope.

    `char` is the key's text: one character, with Enter as "\\r" and Tab as "\\t" (Qt's `QKeyEvent.text()`
    gives exactly these, and "\\x1d" for Ctrl+]).
    """

    def __init__(self, settings: WedgeSettings | None = None) -> None:
        self.settings = settings or WedgeSettings()
        self._held: list[str] = []
        self._first_at = 0.0
        self._last_at = 0.0
        self._in_sentinel = False
        self._completed_at: float | None = None

    @property
    def holding(self) -> bool:
        """True while keys are held back, undecided: the UI should keep its tick timer running."""
        return bool(self._held) or self._in_sentinel

    def key(self, char: str, at: float) -> list[WedgeOutput]:
        settings = self.settings
        out: list[WedgeOutput] = []
        completed_at, self._completed_at = self._completed_at, None
        if char in _TERMINATORS and completed_at is not None and at - completed_at <= settings.max_gap:
            return out  # the scanner's Enter after its suffix sentinel belongs to the scan
        if self._in_sentinel:
            if at - self._first_at > settings.sentinel_timeout:
                out.extend(self._release())
            else:
                return out + self._sentinel_key(char, at)
        if settings.prefix and char == settings.prefix:
            out.extend(self._release())
            self._in_sentinel = True
            self._first_at = self._last_at = at
            return out
        if self._held and at - self._last_at > settings.max_gap:
            out.extend(self._release())
        if char in _TERMINATORS or (settings.suffix and char == settings.suffix):
            if self._held and self._is_burst():
                out.append(self._complete(at))
            else:
                out.extend(self._release())
                out.append(PassThrough(char))
            return out
        if not self._held:
            self._first_at = at
        self._held.append(char)
        self._last_at = at
        return out

    def tick(self, now: float) -> list[WedgeOutput]:
        """Release or complete whatever has waited too long; call every ~20 ms while `holding`."""
        settings = self.settings
        if self._in_sentinel:
            if now - self._first_at > settings.sentinel_timeout:
                return self._release()
            return []
        if not self._held or now - self._last_at <= settings.max_gap:
            return []
        if not settings.require_terminator and self._is_burst():
            return [self._complete(now)]
        return self._release()

    def _sentinel_key(self, char: str, at: float) -> list[WedgeOutput]:
        settings = self.settings
        ends = char == settings.suffix if settings.suffix else char in _TERMINATORS
        if ends:
            return [self._complete(at)]
        self._held.append(char)
        self._last_at = at
        return []

    def _is_burst(self) -> bool:
        return len(self._held) >= self.settings.min_length

    def _complete(self, at: float) -> WedgeScan:
        settings = self.settings
        text = "".join(self._held)
        if settings.gs_substitute:
            text = text.replace(settings.gs_substitute, GS)
        self._reset()
        self._completed_at = at
        return WedgeScan(
            interpret(
                text.encode("utf-8", errors="surrogatepass"),
                ScanSource.WEDGE,
                device_id=settings.device_id,
                patterns=settings.patterns,
            )
        )

    def _release(self) -> list[WedgeOutput]:
        text = "".join(self._held)
        if self._in_sentinel:
            text = self.settings.prefix + text
        self._reset()
        return [PassThrough(text)] if text else []

    def _reset(self) -> None:
        self._held.clear()
        self._in_sentinel = False
