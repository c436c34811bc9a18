"""The self-test checks of devices, central server and Qt, run through the core's runner."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import keyring.backends.fail
import pytest

from app.selftest import Verdict, run_checks
from devices.selftest_checks import CameraCheck, DevicePortCheck, device_checks
from devices.simulators.camera import SnapshotCameraSimulator
from sync.enroll import enroll
from sync.selftest_checks import server_checks
from tests.packaging.conftest import TOKEN, provision
from ui.selftest_checks import qt_checks
from ui.startup import EXIT_AFTER_FIRST_WINDOW, FIRST_WINDOW_MARK, READY_MARK, exit_after_first_window_if_asked

ROOT = Path(__file__).resolve().parents[2]
CHILD_TIMEOUT_S = 60


@pytest.fixture
def pty_path() -> Iterator[str]:
    controller, port = os.openpty()
    try:
        yield os.ttyname(port)
    finally:
        os.close(port)
        os.close(controller)


@pytest.fixture
def listening() -> Iterator[int]:
    with socket.create_server(("127.0.0.1", 0)) as server:
        yield server.getsockname()[1]


def free_port() -> int:
    with socket.create_server(("127.0.0.1", 0)) as server:
        return server.getsockname()[1]


def verdicts(checks) -> list[tuple[str, Verdict, str]]:
    return [(r.name, r.verdict, r.summary) for r in run_checks(checks).results]


# -- devices ------------------------------------------------------------------------------------------


def test_configured_devices_that_are_there_pass(pty_path, listening):
    results = verdicts(device_checks(scanner=pty_path, printer=f"tcp://127.0.0.1:{listening}"))
    assert results == [
        ("Scanner", Verdict.PASS, f"{pty_path} present"),
        ("RFID reader", Verdict.PASS, "none configured"),
        ("Label printer", Verdict.PASS, f"answers at 127.0.0.1:{listening}"),
        ("Camera", Verdict.PASS, "none configured"),
    ]


def test_devices_that_are_not_there_fail_in_words(tmp_path):
    port = free_port()
    results = verdicts(
        device_checks(scanner=str(tmp_path / "ttyACM9"), rfid=f"llrp://127.0.0.1:{port}", printer="nonsense://printer")
    )
    assert [verdict for _, verdict, _ in results] == [Verdict.FAIL] * 3 + [Verdict.PASS]  # no camera: fine
    assert (
        results[0][2]
        == f"Scanner not found at {tmp_path / 'ttyACM9'}: check the cable, or the port name in station.toml"
    )
    assert results[1][2].startswith(f"RFID reader not reachable at 127.0.0.1:{port}")
    assert "check that it is switched on" in results[1][2]
    assert results[2][2].startswith("Label printer port 'nonsense://printer' is not one this station can open")


def test_the_camera_must_answer_with_a_picture():
    with SnapshotCameraSimulator() as camera:
        (result,) = verdicts([CameraCheck("Camera", camera.url)])
        assert result == ("Camera", Verdict.PASS, f"answers at 127.0.0.1:{camera.port} with a 1280×720 JPEG picture")
        (_, verdict, summary) = verdicts([CameraCheck("Camera", camera.base_url + "/")])[0]
        assert verdict is Verdict.FAIL
        assert "answered with something that is not a picture (text/html" in summary
    (_, verdict, summary) = verdicts([CameraCheck("Camera", camera.url)])[0]
    assert verdict is Verdict.FAIL
    assert summary.startswith(f"The camera at 127.0.0.1:{camera.port} cannot be reached")


def test_pyserial_urls_are_checked_by_pyserial(listening):
    assert verdicts([DevicePortCheck("Scanner", "loop://")])[0][1] is Verdict.PASS
    assert verdicts([DevicePortCheck("Scanner", f"socket://127.0.0.1:{listening}")])[0][1] is Verdict.PASS
    (_, verdict, summary) = verdicts([DevicePortCheck("Scanner", f"socket://127.0.0.1:{free_port()}")])[0]
    assert verdict is Verdict.FAIL
    assert "not reachable" in summary


# -- central server -------------------------------------------------------------------------------------


def test_a_reachable_server_passes_and_an_unenrolled_station_warns(config, central):
    results = verdicts(server_checks(config))
    assert results[0][:2] == ("Central server", Verdict.PASS)
    assert results[0][2].startswith(f"{central.base_url} answers (central ")
    assert results[1] == ("Enrollment", Verdict.WARN, "station DOCK-1 is not enrolled yet")
    enroll(config, TOKEN)
    assert verdicts(server_checks(config))[1][:2] == ("Enrollment", Verdict.PASS)


def test_an_unreachable_server_is_reported_offline_not_failed(tmp_path):
    config = provision(tmp_path, f"http://127.0.0.1:{free_port()}")
    report = run_checks(server_checks(config))
    assert report.ok
    server = report.results[0]
    assert server.verdict is Verdict.WARN
    assert server.summary == "offline: Central server not reachable: connection refused"
    assert "works offline" in server.details[1]


def test_a_wrong_address_fails(tmp_path, central):
    config = provision(tmp_path, f"{central.base_url}/not-the-api")
    (_name, verdict, summary) = verdicts(server_checks(config))[0]
    assert verdict is Verdict.FAIL
    assert "address looks wrong" in summary


def test_no_server_configured_warns_and_needs_no_enrollment(tmp_path):
    config = provision(tmp_path, "")
    assert verdicts(server_checks(config)) == [
        ("Central server", Verdict.WARN, "none configured (server.url): changes stay on this station"),
        ("Enrollment", Verdict.PASS, "not needed (no central server)"),
    ]


def test_a_machine_without_a_keyring_fails_the_enrollment_check(config):
    keyring.set_keyring(keyring.backends.fail.Keyring())
    result = run_checks(server_checks(config)).results[1]
    assert result.verdict is Verdict.FAIL
    assert "no secure credential store" in result.summary
    assert "Kiosk keyring" in result.details[0]


# -- Qt: platform and fonts ---------------------------------------------------------------------------


def test_the_qt_checks_pass_with_fonts_installed(qapp):
    results = verdicts(qt_checks())
    assert [(name, verdict) for name, verdict, _ in results] == [
        ("Qt platform", Verdict.PASS),
        ("Fonts", Verdict.PASS),
    ]
    assert "render as distinct letters" in results[1][2]


def _child(code: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT_S,
        check=False,
    )


SELF_TEST_QT = (
    "import sys; from app.selftest import run_checks; from ui.selftest_checks import qt_checks; "
    "report = run_checks(qt_checks()); print(report.as_json()); sys.exit(report.exit_code)"
)


def test_without_fonts_the_self_test_fails_because_text_renders_as_boxes(tmp_path):
    # A fontconfig set-up that knows no font folder: what a bare machine without fonts-dejavu-core has.
    fonts_conf = tmp_path / "fonts.conf"
    fonts_conf.write_text(f"<?xml version='1.0'?><fontconfig><cachedir>{tmp_path}/cache</cachedir></fontconfig>")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "FONTCONFIG_FILE": str(fonts_conf)}
    child = _child(SELF_TEST_QT, env)
    assert child.returncode == 1, child.stderr
    checks = {c["name"]: c for c in json.loads(child.stdout)["checks"]}
    assert checks["Qt platform"]["verdict"] == "pass"
    assert checks["Fonts"]["verdict"] == "fail"
    assert "boxes" in checks["Fonts"]["summary"]
    assert "fonts-dejavu-core" in checks["Fonts"]["summary"]


def test_a_display_that_cannot_be_used_fails_readably_instead_of_aborting(tmp_path):
    display = next(n for n in range(77, 200) if not Path(f"/tmp/.X11-unix/X{n}").exists())
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    env["DISPLAY"] = f":{display}"
    child = _child(SELF_TEST_QT, env)
    assert child.returncode == 1, child.stderr
    checks = {c["name"]: c for c in json.loads(child.stdout)["checks"]}
    assert checks["Qt platform"]["verdict"] == "fail"
    assert "'xcb' platform could not be loaded" in checks["Qt platform"]["summary"]
    assert "QT_DEBUG_PLUGINS=1" in checks["Qt platform"]["summary"]


def test_the_first_window_hook_quits_after_the_first_window_and_says_when():
    code = (
        "import sys; from PySide6.QtWidgets import QApplication, QLabel; "
        "from ui.startup import exit_after_first_window_if_asked; "
        "app = QApplication(sys.argv[:1]); assert exit_after_first_window_if_asked(app) is not None; "
        "assert exit_after_first_window_if_asked(app) is not None; "
        "w = QLabel('Returns Station'); w.show(); sys.exit(app.exec())"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", EXIT_AFTER_FIRST_WINDOW: "1"}
    child = _child(code, env)
    assert child.returncode == 0, child.stderr
    marks = [line for line in child.stderr.splitlines() if line.startswith(FIRST_WINDOW_MARK)]
    assert len(marks) == 1
    assert float(marks[0].removeprefix(FIRST_WINDOW_MARK)) > 0


def test_the_first_window_hook_waits_for_ready_when_the_station_says_it_finishes_later():
    code = (
        "import sys; from PySide6.QtCore import QTimer; from PySide6.QtWidgets import QApplication, QLabel; "
        "from ui.startup import after_first_paint, exit_after_first_window_if_asked; "
        "app = QApplication(sys.argv[:1]); hook = exit_after_first_window_if_asked(app); hook.expect_ready(); "
        "w = QLabel('Returns Station'); after_first_paint(w, hook.ready); w.show(); sys.exit(app.exec())"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", EXIT_AFTER_FIRST_WINDOW: "1"}
    child = _child(code, env)
    assert child.returncode == 0, child.stderr
    lines = child.stderr.splitlines()
    shown = [float(line.removeprefix(FIRST_WINDOW_MARK)) for line in lines if line.startswith(FIRST_WINDOW_MARK)]
    ready = [float(line.removeprefix(READY_MARK)) for line in lines if line.startswith(READY_MARK)]
    assert len(shown) == len(ready) == 1
    assert ready[0] >= shown[0]


def test_the_first_window_hook_does_nothing_unless_asked(qapp, monkeypatch):
    monkeypatch.delenv(EXIT_AFTER_FIRST_WINDOW, raising=False)
    assert exit_after_first_window_if_asked(qapp) is None
