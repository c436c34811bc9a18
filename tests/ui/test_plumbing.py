"""The UI's plumbing: background lanes, the device bridge, the keyboard wedge, the lock, the action registry."""

from __future__ import annotations

import logging
import threading
from typing import Any

import pytest
from PySide6.QtCore import Qt, QThread
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QWidget

from app.domain.codes import CodeKind
from app.domain.model import Operator, Role
from app.errors import NotFound
from devices.events import Scan, ScanKind, ScanSource, TagRead
from ui.actions import ACTIONS, ActionId, ActionRegistry
from ui.bridge import DeviceBridge, scanned_code
from ui.feedback import Banner, Feedback, Tone
from ui.session import OperatorSession
from ui.tasks import Coalesced, Lane, TaskRunner
from ui.wedge import WedgeFilter


@pytest.fixture
def feedback(qtbot):
    banner = Banner()
    qtbot.addWidget(banner)
    sink = Feedback(banner)
    yield sink
    sink.stop()


@pytest.fixture
def runner(feedback, no_leaked_threads):
    tasks = TaskRunner(feedback)
    yield tasks
    tasks.shutdown()


def test_results_come_back_on_the_gui_thread(qtbot, runner):
    seen: list[tuple[str, bool]] = []
    gui = threading.current_thread()
    with qtbot.waitSignal(runner.settled):
        runner.run(
            Lane.DATABASE,
            lambda: threading.current_thread().name,
            context="t",
            on_done=lambda name: seen.append((name, threading.current_thread() is gui)),
        )
    assert seen[0][0].startswith("station-db")
    assert seen[0][1]


def test_station_errors_go_to_the_banner_in_their_own_words(qtbot, runner, feedback):
    def fails() -> None:
        raise NotFound("No return found for RMA-1.")

    with qtbot.waitSignal(feedback.shown) as shown:
        runner.run(Lane.IO, fails, context="t")
    assert shown.args[0].tone is Tone.ERROR
    assert shown.args[0].text == "No return found for RMA-1."


def test_a_bug_is_logged_with_context_and_shown_as_not_saved(qtbot, runner, feedback, caplog):
    def bug() -> None:
        raise KeyError("oops")

    with caplog.at_level(logging.ERROR), qtbot.waitSignal(feedback.shown) as shown:
        runner.run(Lane.DATABASE, bug, context="receiving a unit")
    assert "the action was not saved" in shown.args[0].text
    assert "bug while receiving a unit" in caplog.text
    assert "KeyError" in caplog.text


def test_settled_runs_after_a_result_an_error_and_a_bug_alike(qtbot, runner, caplog):
    def fails() -> None:
        raise NotFound("No return found for RMA-1.")

    def bug() -> None:
        raise KeyError("oops")

    settled: list[str] = []
    with caplog.at_level(logging.ERROR):
        for name, work in (("done", lambda: 1), ("error", fails), ("bug", bug)):
            with qtbot.waitSignal(runner.settled):
                runner.run(Lane.IO, work, context=name, on_settled=lambda name=name: settled.append(name))
    assert settled == ["done", "error", "bug"]


def test_database_lane_keeps_order(qtbot, runner):
    done: list[int] = []
    for n in range(50):
        runner.run(Lane.DATABASE, lambda n=n: n, context="t", on_done=done.append)
    qtbot.waitUntil(lambda: runner.idle)
    assert done == list(range(50))


def test_refreshes_fold_into_at_most_one_more(qtbot, runner):
    gate = threading.Event()
    loads: list[int] = []

    def load() -> int:
        gate.wait(5)
        loads.append(1)
        return len(loads)

    applied: list[int] = []
    refresh = Coalesced(runner, load, applied.append, context="t")
    for _ in range(20):
        refresh.request()
    gate.set()
    qtbot.waitUntil(lambda: runner.idle and len(applied) == 2)
    assert len(loads) == 2


def test_bridge_hops_events_from_any_thread_to_the_gui_thread(qtbot, no_leaked_threads):
    bridge = DeviceBridge()
    gui_thread = QThread.currentThread()
    threads: list[bool] = []
    bridge.scan_read.connect(lambda _scan: threads.append(QThread.currentThread() is gui_thread))
    scan = Scan(b"RMA-100001", "RMA-100001", ScanKind.RMA, ScanSource.SERIAL, value="RMA-100001")

    def reader() -> None:
        for _ in range(2000):
            bridge.post(scan)

    worker = threading.Thread(target=reader)
    worker.start()
    worker.join(10)
    qtbot.waitUntil(lambda: len(threads) == 2000, timeout=10000)
    assert all(threads)


def test_an_rfid_tag_becomes_an_item_scan(qtbot):
    bridge = DeviceBridge()
    with qtbot.waitSignal(bridge.scan_read) as read:
        bridge.post(TagRead("3034257BF7194E4000003039", antenna=1))
    code = scanned_code(read.args[0])
    assert code.kind is CodeKind.EPC
    assert code.gtin == "80614141123458"
    assert code.serial == "12345"


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def field(qtbot):
    host = QWidget()
    edit = QLineEdit(host)
    qtbot.addWidget(host)
    host.show()
    qtbot.waitExposed(host)
    host.activateWindow()
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    return host, edit


def type_keys(window, text: str, clock: Clock, gap: float) -> None:
    for char in text:
        if char == "\r":
            QTest.keyClick(window.windowHandle(), Qt.Key.Key_Return)
        else:
            QTest.keyClick(window.windowHandle(), char)  # type: ignore[call-overload]  # the (QWindow, char) overload is missing from the stubs
        clock.now += gap


def test_wedge_burst_is_a_scan_and_never_reaches_the_field(qapp, qtbot, field):
    host, edit = field
    clock = Clock()
    scans: list[Any] = []
    wedge = WedgeFilter(scans.append, clock=clock)
    qapp.installEventFilter(wedge)
    try:
        type_keys(host, "RMA-100001\r", clock, gap=0.01)
    finally:
        qapp.removeEventFilter(wedge)
        wedge.stop()
    assert edit.text() == ""
    assert len(scans) == 1
    assert scans[0].kind is ScanKind.RMA


def test_wedge_gives_a_persons_typing_back_to_the_field(qapp, qtbot, field):
    host, edit = field
    clock = Clock()
    scans: list[object] = []
    wedge = WedgeFilter(scans.append, clock=clock)
    qapp.installEventFilter(wedge)
    try:
        type_keys(host, "1234", clock, gap=0.2)
        wedge.flush()
    finally:
        qapp.removeEventFilter(wedge)
        wedge.stop()
    assert edit.text() == "1234"
    assert scans == []


def test_station_locks_after_inactivity(qtbot):
    session = OperatorSession(auto_lock_ms=50)
    ana = Operator("op-ana", "ana", "Ana Ruiz", Role.INSPECTOR)
    with qtbot.waitSignal(session.locked, timeout=2000) as locked:
        session.sign_in(ana)
    assert locked.args[0] == ana
    assert session.operator is None
    assert session.locked_operator == ana
    session.stop()


def test_every_action_has_a_stable_id_a_title_and_its_own_shortcut(qapp):
    ids = [spec.action_id.value for spec in ACTIONS]
    shortcuts = [QKeySequence(spec.shortcut).toString() for spec in ACTIONS]
    assert len(set(ids)) == len(ids) == len(ActionId)
    assert len(set(shortcuts)) == len(shortcuts)
    assert all(spec.title for spec in ACTIONS)
    registry = ActionRegistry()
    registry.set_role(Role.INSPECTOR)
    assert not registry.action(ActionId.GO_SETTINGS).isVisible()
    registry.set_role(Role.ADMIN)
    assert registry.action(ActionId.GO_SETTINGS).isVisible()
    registry.set_role(None)
    assert registry.action(ActionId.QUIT).isVisible()
    assert not registry.action(ActionId.GO_RECEIVE).isVisible()
    registry.deleteLater()
