"""The station's configured devices: their states, reconnection after an unplug, and a test action each.

Every device kind (serial scanner, RFID reader, label printer ...) implements the small `Device`
protocol below; `StationDevices` is generic over it. The manager owns each device's `DeviceState`:
devices only report what happened to them through the `DeviceReports` handed to `open()` (the link was
lost, a fault appeared or cleared). When a device is lost, or cannot be opened, the manager closes it
and tries again later with exponential backoff, so unplugging and replugging a cable just works.

Time is injected through a `Scheduler`: `ThreadScheduler` in the station, a manual one in tests, so
that reconnection is tested without sleeping.
"""

from __future__ import annotations

import enum
import heapq
import itertools
import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from devices.phrases import QT_TRANSLATE_NOOP, Phrase

log = logging.getLogger(__name__)


class DeviceState(enum.Enum):
    DISCONNECTED = "disconnected"
    CONNECTING = "connecting"
    READY = "ready"
    BUSY = "busy"
    FAULT = "fault"


class DeviceKind(enum.Enum):
    SCANNER = "scanner"
    CAMERA = "camera"
    RFID_READER = "rfid_reader"
    PRINTER = "printer"

    @property
    def label(self) -> str:
        """The English name in messages (the screens show their own translated names)."""
        return _KIND_NAMES[self]


# The English words of the device states' reasons; the screens show them translated.
CONNECTING = QT_TRANSLATE_NOOP("Devices", "Connecting")
CONNECTED = QT_TRANSLATE_NOOP("Devices", "Connected")
TESTING = QT_TRANSLATE_NOOP("Devices", "Testing")
STOPPED = QT_TRANSLATE_NOOP("Devices", "Stopped")
REMOVED = QT_TRANSLATE_NOOP("Devices", "Removed")

_KIND_NAMES = {
    DeviceKind.SCANNER: "Scanner",
    DeviceKind.CAMERA: "Camera",
    DeviceKind.RFID_READER: "RFID reader",
    DeviceKind.PRINTER: "Printer",
}


class DeviceUnavailable(Exception):
    """The device cannot be reached right now (unplugged, switched off, port missing).

    The message is for an inspector or IT: "Scanner not found at /dev/ttyACM0: check the cable."
    """


@dataclass(frozen=True, slots=True)
class DeviceCheck:
    """The outcome of a device's test action ("test scan", "test print")."""

    ok: bool
    message: str


class DeviceReports(Protocol):
    """What a device tells the manager after `open()` succeeded. Callable from any thread."""

    def lost(self, error: BaseException | None) -> None:
        """The link to the device is gone (cable pulled, connection dropped). Call at most once."""

    def report(self, state: DeviceState, message: str = "") -> None:
        """The device is READY, BUSY or in FAULT (e.g. a printer out of paper) while still connected."""


@runtime_checkable
class Device(Protocol):
    """A configured device the station can open, close and test."""

    @property
    def device_id(self) -> str: ...

    @property
    def kind(self) -> DeviceKind: ...

    def open(self, reports: DeviceReports) -> None:
        """Connect. Raise `DeviceUnavailable` (or `OSError`) when the device cannot be reached."""

    def close(self) -> None:
        """Disconnect and stop any threads; safe to call twice and from the device's own threads."""

    def test(self, timeout: float) -> DeviceCheck:
        """Exercise the device end to end, e.g. read one barcode or print one test label."""


@dataclass(frozen=True, slots=True)
class DeviceStatus:
    """A snapshot of one device's state, as handed to state-change callbacks."""

    device_id: str
    kind: DeviceKind
    state: DeviceState
    message: str = ""
    retry_in: float | None = None  # seconds until the next reconnection attempt, when one is planned


class ScheduledCall(Protocol):
    def cancel(self) -> None: ...


class Scheduler(Protocol):
    def call_later(self, delay: float, action: Callable[[], None]) -> ScheduledCall: ...


@dataclass(frozen=True, slots=True)
class Backoff:
    """Delays between reconnection attempts: first, first*factor, ... capped at `limit`, +/- jitter."""

    first: float = 0.5
    factor: float = 2.0
    limit: float = 30.0
    jitter: float = 0.1  # fraction of the delay; spreads out stations that lost power together

    def delay(self, attempt: int, rng: random.Random | None = None) -> float:
        base = min(self.limit, self.first * self.factor ** min(attempt, 32))
        if self.jitter <= 0:
            return base
        spread = base * self.jitter
        return base + (rng or random).uniform(-spread, spread)


@dataclass(eq=False)
class _Timer:
    due: float
    seq: int
    action: Callable[[], None]
    cancelled: bool = False

    def cancel(self) -> None:
        self.cancelled = True

    def __lt__(self, other: _Timer) -> bool:
        return (self.due, self.seq) < (other.due, other.seq)


class ThreadScheduler:
    """A single background thread running delayed actions in due order. `stop()` joins it."""

    def __init__(self, *, clock: Callable[[], float] = time.monotonic, name: str = "device-scheduler") -> None:
        self._clock = clock
        self._queue: list[_Timer] = []
        self._seq = itertools.count()
        self._wakeup = threading.Condition()
        self._running = False
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)

    def start(self) -> ThreadScheduler:
        self._running = True
        self._thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        with self._wakeup:
            self._running = False
            self._queue.clear()
            self._wakeup.notify()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(timeout)

    def call_later(self, delay: float, action: Callable[[], None]) -> ScheduledCall:
        timer = _Timer(self._clock() + max(0.0, delay), next(self._seq), action)
        with self._wakeup:
            heapq.heappush(self._queue, timer)
            self._wakeup.notify()
        return timer

    def _run(self) -> None:
        while True:
            with self._wakeup:
                while self._running and (not self._queue or self._queue[0].due > self._clock()):
                    wait = self._queue[0].due - self._clock() if self._queue else None
                    self._wakeup.wait(wait)
                if not self._running:
                    return
                timer = heapq.heappop(self._queue)
            if timer.cancelled:
                continue
            try:
                timer.action()
            except Exception:
                log.exception("Device scheduler action failed; the scheduler keeps running")


@dataclass(eq=False)
class _Slot:
    device: Device
    state: DeviceState = DeviceState.DISCONNECTED
    message: str = ""
    attempt: int = 0
    generation: int = 0
    retry: ScheduledCall | None = None
    retry_in: float | None = None
    wanted: bool = False  # the station wants this device open (cleared by stop())
    reported: tuple[DeviceState, str] | None = None  # what the device said while it was being opened
    lock: threading.Lock = field(default_factory=threading.Lock)  # serialises open/close/test


def _unwanted(slot: _Slot) -> bool:
    """Read afresh (another thread may have stopped or removed the device meanwhile)."""
    return not slot.wanted


class _Reports:
    """The `DeviceReports` handed to one `open()`; reports from an earlier connection are ignored."""

    def __init__(self, owner: StationDevices, device_id: str, generation: int) -> None:
        self._owner = owner
        self._device_id = device_id
        self._generation = generation

    def lost(self, error: BaseException | None) -> None:
        self._owner._on_lost(self._device_id, self._generation, error)

    def report(self, state: DeviceState, message: str = "") -> None:
        self._owner._on_report(self._device_id, self._generation, state, message)


class StationDevices:
    """The configured devices of one station, kept connected.

    State-change callbacks run on whichever thread caused the change (scheduler, a device's reader
    thread, or the caller of `test()`); they must be quick and must not block. The UI's device bridge
    re-emits them as Qt signals.
    """

    def __init__(
        self,
        scheduler: Scheduler,
        *,
        backoff: Backoff | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self._scheduler = scheduler
        self._backoff = backoff or Backoff()
        self._rng = rng or random.Random()
        self._slots: dict[str, _Slot] = {}
        self._retired: dict[str, int] = {}  # generation of removed devices: reports from them stay stale
        self._listeners: list[Callable[[DeviceStatus], None]] = []
        self._lock = threading.RLock()

    # -- configuration -------------------------------------------------------------------------

    def add(self, device: Device) -> None:
        with self._lock:
            if device.device_id in self._slots:
                raise ValueError(f"device id {device.device_id!r} is configured twice")
            self._slots[device.device_id] = _Slot(device, generation=self._retired.pop(device.device_id, 0))

    def subscribe(self, callback: Callable[[DeviceStatus], None]) -> None:
        """Be told of every state change of every device."""
        with self._lock:
            self._listeners.append(callback)

    # -- queries -------------------------------------------------------------------------------

    def device(self, device_id: str) -> Device:
        """The device itself, asked for each time it is needed (so a replugged device is the current one)."""
        return self._slot(device_id).device

    def status(self, device_id: str) -> DeviceStatus:
        with self._lock:
            return self._status(device_id, self._slot(device_id))

    def statuses(self) -> list[DeviceStatus]:
        with self._lock:
            return [self._status(device_id, slot) for device_id, slot in self._slots.items()]

    # -- actions -------------------------------------------------------------------------------

    def start(self) -> None:
        """Connect every configured device (in the background, through the scheduler)."""
        with self._lock:
            for device_id, slot in self._slots.items():
                slot.wanted = True
                slot.attempt = 0
                self._plan_connect(device_id, slot, 0.0)

    def reconnect(self, device_id: str) -> None:
        """Try again now, e.g. after IT fixed a cable; resets the backoff."""
        with self._lock:
            slot = self._slot(device_id)
            slot.wanted = True
            slot.attempt = 0
            self._plan_connect(device_id, slot, 0.0)

    def test(self, device_id: str, timeout: float = 10.0) -> DeviceCheck:
        """Run the device's test action ("test scan", "test print"); the device is BUSY meanwhile."""
        slot = self._slot(device_id)
        with self._lock:
            if slot.state is not DeviceState.READY:
                if slot.message:
                    not_ready = QT_TRANSLATE_NOOP("Devices", "{kind} is not ready ({state}): {reason}")
                else:
                    not_ready = QT_TRANSLATE_NOOP("Devices", "{kind} is not ready ({state})")
                return DeviceCheck(
                    False, Phrase(not_ready, kind=slot.device.kind, state=slot.state, reason=slot.message)
                )
            generation = slot.generation
            self._set(device_id, slot, DeviceState.BUSY, TESTING)
        try:
            with slot.lock:
                check = slot.device.test(timeout)
        except Exception as exc:
            log.exception("Test of device %s failed unexpectedly", device_id)
            check = DeviceCheck(
                False, Phrase(QT_TRANSLATE_NOOP("Devices", "The test could not run: {problem}"), problem=exc)
            )
        self._end_test(device_id, slot, generation)
        return check

    def _end_test(self, device_id: str, slot: _Slot, generation: int) -> None:
        with self._lock:
            # Unless the device was lost or reported a fault meanwhile, it is ready again.
            if slot.generation == generation and slot.state is DeviceState.BUSY:
                self._set(device_id, slot, DeviceState.READY, CONNECTED)

    def remove(self, device_id: str) -> None:
        """Close one device and forget it (its address changed or was cleared); `add` may bring it back.

        Blocks while the device closes. Listeners hear it DISCONNECTED, "Removed".
        """
        with self._lock:
            slot = self._slot(device_id)
            del self._slots[device_id]
            slot.wanted = False
            slot.generation += 1
            self._retired[device_id] = slot.generation + 1  # a later add() of this id starts above it
            if slot.retry is not None:
                slot.retry.cancel()
                slot.retry = None
            slot.retry_in = None
        self._close(device_id, slot)
        with self._lock:
            self._set(device_id, slot, DeviceState.DISCONNECTED, REMOVED)

    def stop(self) -> None:
        """Close every device and plan no more reconnections."""
        with self._lock:
            slots = list(self._slots.items())
            for _, slot in slots:
                slot.wanted = False
                slot.generation += 1
                if slot.retry is not None:
                    slot.retry.cancel()
                    slot.retry = None
                slot.retry_in = None
        for device_id, slot in slots:
            self._close(device_id, slot)
            with self._lock:
                self._set(device_id, slot, DeviceState.DISCONNECTED, STOPPED)

    # -- internals -----------------------------------------------------------------------------

    def _slot(self, device_id: str) -> _Slot:
        try:
            return self._slots[device_id]
        except KeyError:
            raise KeyError(f"no device {device_id!r} is configured") from None

    def _status(self, device_id: str, slot: _Slot) -> DeviceStatus:
        return DeviceStatus(device_id, slot.device.kind, slot.state, slot.message, slot.retry_in)

    def _set(self, device_id: str, slot: _Slot, state: DeviceState, message: str) -> None:
        """Change state and tell the listeners; called with self._lock held."""
        if state is slot.state and message == slot.message:
            return
        slot.state = state
        slot.message = message
        status = self._status(device_id, slot)
        log.info("Device %s: %s %s", device_id, state.value, message)
        for listener in list(self._listeners):
            try:
                listener(status)
            except Exception:
                log.exception("Device state listener failed")

    def _plan_connect(self, device_id: str, slot: _Slot, delay: float) -> None:
        if slot.retry is not None:
            slot.retry.cancel()
        generation = slot.generation
        slot.retry_in = delay if delay > 0 else None
        slot.retry = self._scheduler.call_later(delay, lambda: self._connect(device_id, generation))

    def _connect(self, device_id: str, generation: int) -> None:
        with self._lock:
            slot = self._slots.get(device_id)
            if slot is None or not slot.wanted or slot.generation != generation:
                return
            slot.generation += 1
            generation = slot.generation
            slot.retry = None
            slot.retry_in = None
            slot.reported = None
            self._set(device_id, slot, DeviceState.CONNECTING, CONNECTING)
        # Close what is left of an earlier connection before opening again.
        self._close(device_id, slot)
        kind = slot.device.kind
        try:
            with slot.lock:
                slot.device.open(_Reports(self, device_id, generation))
        except (DeviceUnavailable, OSError) as exc:
            missing = Phrase(QT_TRANSLATE_NOOP("Devices", "{kind} not connected: {problem}"), kind=kind, problem=exc)
            self._retry_later(device_id, slot, generation, DeviceState.DISCONNECTED, missing)
            return
        except Exception as exc:
            log.exception("Opening device %s failed unexpectedly", device_id)
            broken = Phrase(QT_TRANSLATE_NOOP("Devices", "{kind} could not start: {problem}"), kind=kind, problem=exc)
            self._retry_later(device_id, slot, generation, DeviceState.FAULT, broken)
            return
        with self._lock:
            if slot.generation == generation and slot.state is DeviceState.CONNECTING:
                slot.attempt = 0
                state, message = slot.reported or (DeviceState.READY, CONNECTED)
                self._set(device_id, slot, state, message)
        if _unwanted(slot):
            self._close(device_id, slot)  # stopped or removed while it was opening

    def _retry_later(self, device_id: str, slot: _Slot, generation: int, state: DeviceState, message: str) -> None:
        with self._lock:
            if slot.generation != generation or not slot.wanted:
                return
            delay = self._backoff.delay(slot.attempt, self._rng)
            slot.attempt += 1
            self._plan_connect(device_id, slot, delay)
            retrying = QT_TRANSLATE_NOOP("Devices", "{reason} (retrying in {seconds:.1f} s)")
            self._set(device_id, slot, state, Phrase(retrying, reason=message, seconds=delay))

    def _close(self, device_id: str, slot: _Slot) -> None:
        try:
            with slot.lock:
                slot.device.close()
        except Exception:
            log.exception("Closing device %s failed", device_id)

    def _on_lost(self, device_id: str, generation: int, error: BaseException | None) -> None:
        slot = self._slots.get(device_id)
        if slot is None:
            return  # removed meanwhile
        log.warning("Device %s lost: %s", device_id, error)
        lost = QT_TRANSLATE_NOOP("Devices", "{kind} disconnected: check its cable and power")
        # Reopening happens on the scheduler, never on the device's own (reader) thread.
        self._retry_later(device_id, slot, generation, DeviceState.DISCONNECTED, Phrase(lost, kind=slot.device.kind))

    def _on_report(self, device_id: str, generation: int, state: DeviceState, message: str) -> None:
        with self._lock:
            slot = self._slots.get(device_id)
            if slot is None or slot.generation != generation:
                return
            if slot.state is DeviceState.CONNECTING:
                slot.reported = (state, message)  # e.g. a printer that is out of paper from the start
            else:
                self._set(device_id, slot, state, message)
