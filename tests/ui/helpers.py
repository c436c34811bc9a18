"""Driving the station UI the way an operator does: scans through the bridge, keys into the window."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from devices.events import ScanSource
from devices.scanning.interpret import interpret
from ui.application import StationUi
from ui.feedback import Message, Tone
from ui.screens.base import ScreenId
from ui.screens.sign_in import SignInScreen


def scan(ui: StationUi, text: str) -> None:
    """A scan as a device thread would post it (here from the test thread, through the same bridge)."""
    ui.bridge.post(interpret(text.encode(), ScanSource.SERIAL, device_id="test-scanner"))


def answer(ui: StationUi, qtbot: QtBot, action, timeout: int = 5000) -> Message:
    """Do `action` and wait for the banner's next non-neutral message."""
    with qtbot.waitSignal(
        ui.feedback.shown, timeout=timeout, check_params_cb=lambda m: m.tone is not Tone.NEUTRAL
    ) as blocker:
        action()
    message = blocker.args[0]
    assert isinstance(message, Message)
    return message


def settle(ui: StationUi, qtbot: QtBot) -> None:
    """Wait until every background task has answered."""
    qtbot.waitUntil(lambda: ui.runner.idle, timeout=5000)


def sign_in(ui: StationUi, qtbot: QtBot, who: str = "ana", pin: str = "1111") -> Message:
    screen = ui.window.screens[ScreenId.SIGN_IN]
    assert isinstance(screen, SignInScreen)
    screen.who_edit.setText(who)
    screen.pin_edit.setText(pin)
    message = answer(ui, qtbot, lambda: qtbot.keyClick(screen.pin_edit, Qt.Key.Key_Return))
    settle(ui, qtbot)
    return message


# The offscreen platform does not implement size-hint propagation and says so on every window
# whose minimum size changes; it is the headless platform talking, not the station.
OFFSCREEN_NOISE = "This plugin does not support propagateSizeHints"


def ignore_offscreen_noise(items: list[pytest.Item], folder: Path) -> None:
    for item in items:
        if folder in item.path.parents:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@contextmanager
def threads_joined() -> Iterator[None]:
    """Fails when the block leaves a thread running that was not there before it."""
    before = set(threading.enumerate())
    yield
    leaked = [t for t in threading.enumerate() if t not in before and t.is_alive()]
    assert not leaked, f"threads left running: {[t.name for t in leaked]}"
