"""The camera simulator: generated and file frames through the FrameSource interface, the HTTP snapshot camera,
and its command line."""

from __future__ import annotations

import io
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import numpy as np
import pytest
from PIL import Image

from devices.events import Scan
from devices.scanning.camera import DecodeSettings, Frame, decode_frame
from devices.simulators.camera import (
    LOOKS,
    WAREHOUSE_CODES,
    BarcodeSpec,
    CameraSimulator,
    SnapshotCameraSimulator,
    _serve_command,
    barcode_image,
    compose_frame,
    frames_from_files,
    generated_frames,
    label_spec,
    main,
)
from tests.devices.scanning.reads import assert_no_new_threads


@pytest.fixture(autouse=True)
def _no_leaked_threads() -> Iterator[None]:
    before = set(threading.enumerate())
    yield
    assert_no_new_threads(before)


def normalised(text: str) -> str:
    """Compare content, not presentation: no GS or HRI brackets, and UPC-A equal to its EAN-13 form."""
    text = text.replace("\x1d", "").replace("(", "").replace(")", "")
    return text.lstrip("0") if text.isdigit() else text


def test_every_warehouse_code_in_every_look_decodes_with_our_settings() -> None:
    frames = generated_frames()
    assert len(frames) == len(WAREHOUSE_CODES) * len(LOOKS)
    missed = []
    for generated in frames:
        assert generated.frame.image.shape == (1080, 1920)
        texts = [normalised(r.text) for r in decode_frame(generated.frame, DecodeSettings()) if isinstance(r, Scan)]
        if normalised(generated.spec.content) not in texts:
            missed.append((generated.spec.format, generated.look.name))
    # One known hard case: a Code 128 that is noisy, blurred and tilted at once (see the benchmark).
    assert len(missed) <= 1, missed


def test_generation_is_reproducible() -> None:
    spec = WAREHOUSE_CODES[:1]
    first = generated_frames(spec, LOOKS[-1:], seed=5)[0].frame.image
    again = generated_frames(spec, LOOKS[-1:], seed=5)[0].frame.image
    other = generated_frames(spec, LOOKS[-1:], seed=6)[0].frame.image
    assert np.array_equal(first, again)
    assert not np.array_equal(first, other)


def test_frames_from_image_files(tmp_path: Path) -> None:
    path = tmp_path / "label.png"
    Image.fromarray(compose_frame(barcode_image(BarcodeSpec("RMA-7654321", "Code128")))).convert("RGB").save(path)
    (frame,) = frames_from_files([path])
    (result,) = decode_frame(frame)
    assert isinstance(result, Scan)
    assert result.text == "RMA-7654321"


def test_simulated_camera_plays_frames_on_its_own_thread() -> None:
    frames = [Frame(np.zeros((4, 4), dtype=np.uint8)) for _ in range(5)]
    received: list[tuple[Frame, str]] = []

    def sink(frame: Frame) -> bool:
        received.append((frame, threading.current_thread().name))
        return len(received) % 2 == 1  # every second frame "dropped" by a busy decoder

    camera = CameraSimulator(frames, fps=500)
    camera.start(sink)
    try:
        assert camera.finished.wait(5)
    finally:
        camera.stop()
    assert len(received) == 5
    assert {name for _, name in received} == {"camera-sim"}
    assert all(frame.captured_at > 0 for frame, _ in received)
    assert (camera.delivered, camera.refused) == (3, 2)


def test_simulated_camera_play_is_synchronous() -> None:
    camera = CameraSimulator([Frame(np.zeros((4, 4), dtype=np.uint8))] * 3)
    seen: list[Frame] = []

    def sink(frame: Frame) -> bool:
        seen.append(frame)
        return True

    camera.play(sink)
    assert len(seen) == 3


def test_command_line_decodes_generated_and_saved_frames(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    saved = tmp_path / "frames"
    assert main(["--generate", "RMA-1234567", "--rotate", "10", "--noise", "10", "--save", str(saved)]) == 0
    out = capsys.readouterr().out
    assert "RMA-1234567: rma 'RMA-1234567' []C0]" in out
    (png,) = saved.glob("*.png")
    assert main(["--image", str(png)]) == 0
    assert "rma 'RMA-1234567'" in capsys.readouterr().out


def test_command_line_reports_frames_it_cannot_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blank = tmp_path / "blank.png"
    Image.new("L", (640, 480), 200).save(blank)
    assert main(["--image", str(blank)]) == 1
    captured = capsys.readouterr()
    assert "nothing read" in captured.out
    assert "0 of 1 frames read" in captured.err


ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize(
    ("code", "spec"),
    [
        ("RMA-100001", BarcodeSpec("RMA-100001", "Code128", module=8)),
        ("]C1010061414101001121HP200-0001", BarcodeSpec("(01)00614141010011(21)HP200-0001", "Code128", True, 8)),
        (
            "]d2010950110153000310ABC<GS>17250101",
            BarcodeSpec("(01)09501101530003(10)ABC(17)250101", "DataMatrix", True, 8),
        ),
        (
            "]d2010950110153000310ABC\\x1d17250101",
            BarcodeSpec("(01)09501101530003(10)ABC(17)250101", "DataMatrix", True, 8),
        ),
        ("]Q1LPN-ABCD1234", BarcodeSpec("LPN-ABCD1234", "QRCode", module=8)),
    ],
)
def test_a_label_is_printed_in_the_symbology_its_aim_prefix_names(code: str, spec: BarcodeSpec) -> None:
    assert label_spec(code) == spec


@pytest.mark.parametrize("code", ["]C1garbage", "]d2017", "]Q3(01)123"])
def test_a_gs1_prefix_on_data_that_is_not_gs1_is_refused_in_words(code: str) -> None:
    with pytest.raises(ValueError, match=r"is not a GS1 code \("):
        label_spec(code)


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("]C1garbage", "]C1garbage is not a GS1 code"),
        ("]E0ABCDEFGHIJKL", "]E0ABCDEFGHIJKL cannot be drawn as a EAN13 barcode (Error"),
        ("]Q1", "]Q1 cannot be drawn as a QRCode barcode"),
    ],
)
def test_a_code_no_label_can_carry_is_an_error_on_the_console_not_the_end(code: str, words: str) -> None:
    camera = SnapshotCameraSimulator()  # not serving: the console and what the lens sees only
    camera.show("RMA-1234567")
    with pytest.raises(ValueError, match=r"^\S+ (is not|cannot be drawn)"):
        camera.show(code)
    assert camera.showing == "RMA-1234567"  # the label held up before stays in view
    reply = _serve_command(camera, f"show {code}")
    assert reply is not None
    assert reply.startswith(f"error: {words}")
    assert "showing=RMA-1234567" in str(_serve_command(camera, "status"))


def test_cli_refuses_to_start_with_a_code_no_label_can_carry(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--serve", "--port", "0", "--no-stdin", "--show", "]C1garbage"]) == 2
    assert "--show: ]C1garbage is not a GS1 code" in capsys.readouterr().err


def _read(url: str) -> list[Scan]:
    answer = httpx.get(url, timeout=5)
    assert answer.headers["content-type"] == "image/jpeg"
    with Image.open(io.BytesIO(answer.content)) as picture:
        frame = Frame(picture.convert("L"))
    return [r for r in decode_frame(frame) if isinstance(r, Scan)]


def test_cli_serves_snapshots_and_obeys_its_console() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "devices.simulators", "camera", "--serve", "--port", "0", "--size", "960x540"],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdin is not None
    assert process.stdout is not None

    def command(line: str) -> str:
        assert process.stdin is not None
        assert process.stdout is not None
        process.stdin.write(line + "\n")
        process.stdin.flush()
        return process.stdout.readline()

    try:
        first = process.stdout.readline()
        assert first.startswith("camera simulator serving snapshots at http://127.0.0.1:")
        url = first.rsplit(" ", 1)[1].strip()
        assert url.endswith("/snapshot.jpg")
        assert "state=ok showing=-" in process.stdout.readline()
        assert _read(url) == []  # the bench, the carton, the product: no label in view
        assert "showing=RMA-1234567" in command("show RMA-1234567")
        assert [scan.text for scan in _read(url)] == ["RMA-1234567"]
        assert "state=garbage" in command("garbage")
        assert httpx.get(url, timeout=5).content[:2] == b"\xff\xd8"  # starts like a JPEG, and is none
        assert "state=error" in command("error")
        assert httpx.get(url, timeout=5).status_code == 503
        assert "state=ok showing=RMA-1234567" in command("ok")
        assert "state=ok showing=-" in command("hide")
        assert command("show ]C1garbage").startswith("error: ]C1garbage is not a GS1 code")  # and it keeps serving
        assert "state=ok showing=-" in command("status")
        assert command("quit") == ""
        assert process.wait(timeout=10) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
        process.stdin.close()
        process.stdout.close()
        assert process.stderr is not None
        process.stderr.close()
