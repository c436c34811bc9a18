"""Collapsing repeated tag reads (a tag lying on the reader's pad is one item, not fifty reads a second)
and handing the result on: what the LLRP and the serial UHF reader share.

Readers report a tag every time they singulate it. `RepeatWindow` turns that stream into `TagRead`
events: a tag counts the first time it is seen, and again only after it has been out of the field for
`window` seconds (a sliding window: it keeps sliding while the tag is still being read). The first
sighting is delivered at once, so the inspector sees the item without waiting for the window to end.

Time comes from an injected clock so that tests need no sleeping.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from devices.events import TagRead
from devices.manager import DeviceCheck, DeviceState
from devices.phrases import QT_TRANSLATE_NOOP, Phrase

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Sighting:
    """One raw report of one tag, before collapsing."""

    epc_hex: str
    antenna: int | None = None
    rssi: int | None = None
    count: int = 1  # how many times the reader saw it for this report (TagSeenCount), when it says


class RepeatWindow:
    """Not thread-safe: one reader thread feeds it."""

    def __init__(self, window: float, *, device_id: str = "", clock: Callable[[], float] = time.monotonic) -> None:
        if window < 0:
            raise ValueError("the repeat window cannot be negative")
        self.window = window
        self.device_id = device_id
        self._clock = clock
        self._last_seen: dict[str, float] = {}
        self._next_prune = 0.0

    def offer(self, sighting: Sighting) -> TagRead | None:
        """The `TagRead` to deliver for this sighting, or None when it repeats a tag inside the window."""
        now = self._clock()
        epc = sighting.epc_hex.upper()
        previous = self._last_seen.get(epc)
        self._last_seen[epc] = now
        if now >= self._next_prune:
            self._prune(now)
        if previous is not None and now - previous < self.window:
            return None
        return TagRead(
            epc_hex=epc,
            antenna=sighting.antenna,
            rssi=sighting.rssi,
            seen_count=max(1, sighting.count),
            device_id=self.device_id,
        )

    def forget(self) -> None:
        """Start afresh, e.g. after a reconnect, so a tag still on the pad is reported again."""
        self._last_seen.clear()

    @property
    def tracked(self) -> int:
        return len(self._last_seen)

    def _prune(self, now: float) -> None:
        # Without this a busy dock door would remember every tag it ever saw.
        self._last_seen = {epc: seen for epc, seen in self._last_seen.items() if now - seen < self.window}
        self._next_prune = now + max(self.window, 1.0)


class TagFeed:
    """What every RFID reader does with what it sees: count it, collapse repeats, deliver, report state.

    Also serves the "test read" (the next sighting, repeats included: a tag already lying on the pad
    will do). Callbacks run on the reader's thread; a failing callback is logged and the reader goes on.
    """

    def __init__(
        self,
        window: float,
        on_tag: Callable[[TagRead], None],
        *,
        on_state: Callable[[DeviceState, str], None] | None = None,
        device_id: str = "",
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._window = RepeatWindow(window, device_id=device_id, clock=clock)
        self._on_tag = on_tag
        self._on_state = on_state
        self._lock = threading.Lock()
        self._test_waiters: list[tuple[threading.Event, list[Sighting]]] = []
        self.sightings = 0  # raw sightings before collapsing, for monitoring and benchmarks

    def seen(self, sighting: Sighting) -> None:
        self.sightings += 1
        if self._test_waiters:
            with self._lock:
                waiters, self._test_waiters = self._test_waiters, []
            for done, seen in waiters:
                seen.append(sighting)
                done.set()
        read = self._window.offer(sighting)
        if read is None:
            return
        try:
            self._on_tag(read)
        except Exception:
            log.exception("RFID tag callback failed for %s; the reader keeps running", read.epc_hex)

    def forget(self) -> None:
        self._window.forget()

    def state(self, state: DeviceState, message: str) -> None:
        if self._on_state is None:
            return
        try:
            self._on_state(state, message)
        except Exception:
            log.exception("RFID reader state callback failed")

    def test_read(self, timeout: float, *, hint: str) -> DeviceCheck:
        """Wait for the next sighting: the outcome of a "test read"."""
        done = threading.Event()
        seen: list[Sighting] = []
        with self._lock:
            self._test_waiters.append((done, seen))
        done.wait(timeout)
        with self._lock:
            if (done, seen) in self._test_waiters:
                self._test_waiters.remove((done, seen))
        if not seen:
            nothing = QT_TRANSLATE_NOOP("Devices", "No RFID tag was read within {seconds:g} s. {hint}")
            return DeviceCheck(False, Phrase(nothing, seconds=timeout, hint=hint))
        tag = seen[0]
        epc = tag.epc_hex.upper()
        if tag.antenna is not None and tag.rssi is not None:
            read_ok = QT_TRANSLATE_NOOP("Devices", "Test read OK: tag {epc} on antenna {antenna}, signal {rssi} dBm.")
        elif tag.antenna is not None:
            read_ok = QT_TRANSLATE_NOOP("Devices", "Test read OK: tag {epc} on antenna {antenna}.")
        elif tag.rssi is not None:
            read_ok = QT_TRANSLATE_NOOP("Devices", "Test read OK: tag {epc}, signal {rssi} dBm.")
        else:
            read_ok = QT_TRANSLATE_NOOP("Devices", "Test read OK: tag {epc}.")
        return DeviceCheck(True, Phrase(read_ok, epc=epc, antenna=tag.antenna, rssi=tag.rssi))
