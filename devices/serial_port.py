"""Opening a serial device the one way every driver does: by pyserial URL, exclusively, never
touching modem-control lines, and saying in plain words when the device is not there."""

from __future__ import annotations

import serial

from devices.manager import DeviceUnavailable
from devices.phrases import QT_TRANSLATE_NOOP, Phrase


def open_device_port(url: str, *, baudrate: int, timeout: float, write_timeout: float, what: str) -> serial.Serial:
    """`url` may be a device path, ``loop://``, ``socket://host:port`` or ``spy://``: one code path for
    hardware, simulators and tests. `what` names the device for the inspector (a marked "scanner")."""
    try:
        return serial.serial_for_url(
            url, baudrate=baudrate, timeout=timeout, write_timeout=write_timeout, exclusive=True
        )
    except (serial.SerialException, ValueError) as exc:
        missing = QT_TRANSLATE_NOOP("Devices", "no {what} at {url} (is it plugged in?): {problem}")
        raise DeviceUnavailable(Phrase(missing, what=what, url=url, problem=exc)) from exc
