"""A simulated camera: frames from image files or generated barcodes, through the `FrameSource` interface.

Barcodes are drawn with the zxing-cpp writer (Code 128, GS1-128, EAN/UPC, ITF, QR, DataMatrix incl. GS1)
onto a 1080p frame, optionally rotated, blurred and noisy, so the decoder sees what a warehouse camera
sees rather than a perfect symbol. The same generator feeds the tests and the scan benchmark.

Command line: ``python -m devices.simulators camera --help``. It decodes the frames with the station's
own decoder settings and prints what was read and how long each frame took, which is how IT checks a
station's camera decoding without a camera.
"""

from __future__ import annotations

import argparse
import random
import sys
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
import zxingcpp
from PIL import Image, ImageFilter

from devices.events import Scan, ScanRejected
from devices.scanning.camera import DecodeSettings, Frame, FrameSink, decode_frame

FRAME_SIZE = (1920, 1080)
BACKGROUND = 200  # a grey bench surface; labels are white


@dataclass(frozen=True, slots=True)
class BarcodeSpec:
    """One barcode to draw. GS1 content is written in HRI form: ``(01)09501101530003(21)12345``."""

    content: str
    format: str  # a zxing-cpp format name: Code128, EAN13, UPCA, ITF, QRCode, DataMatrix ...
    gs1: bool = False
    module: int = 3  # pixels per module (bar width / matrix cell)


@dataclass(frozen=True, slots=True)
class FrameLook:
    """How a frame differs from a perfect print: rotation, blur, sensor noise."""

    name: str = "straight"
    angle: float = 0.0  # degrees, counter-clockwise
    blur: float = 0.0  # Gaussian blur radius in pixels
    noise: float = 0.0  # Gaussian noise, standard deviation in grey levels


# Codes a returns desk meets: our own labels (Code 128, QR), retail (EAN/UPC), cartons (ITF-14),
# GS1-128 shipping labels and GS1 DataMatrix on products.
WAREHOUSE_CODES: tuple[BarcodeSpec, ...] = (
    BarcodeSpec("RMA-1234567", "Code128"),
    BarcodeSpec("(01)09501101530003(21)12345", "Code128", gs1=True),
    BarcodeSpec("9501101530003", "EAN13", module=4),
    BarcodeSpec("614141000036", "UPCA", module=4),
    BarcodeSpec("10614141000002", "ITF", module=4),
    BarcodeSpec("LPN-ABCD1234", "QRCode", module=8),
    BarcodeSpec("(01)09501101530003(10)ABC(17)250101", "DataMatrix", gs1=True, module=10),
    BarcodeSpec("BADGE-1234", "DataMatrix", module=10),
)

LOOKS: tuple[FrameLook, ...] = (
    FrameLook("straight"),
    FrameLook("tilted 12°", angle=12),
    FrameLook("rotated 90°", angle=90),
    FrameLook("upside down", angle=180),
    FrameLook("noisy", noise=28),
    FrameLook("noisy, blurred, tilted 7°", angle=7, blur=1.2, noise=20),
)


def barcode_image(spec: BarcodeSpec) -> Image.Image:
    """The barcode alone, black on white with its quiet zone, as a greyscale PIL image."""
    options = {"gs1": True} if spec.gs1 else {}
    barcode = zxingcpp.create_barcode(spec.content, zxingcpp.barcode_format_from_str(spec.format), **options)
    symbol = np.asarray(barcode.to_image(scale=spec.module))
    if spec.format in ("Code128", "EAN13", "UPCA", "ITF", "EAN8"):
        # Linear symbols come out as a thin strip; print them at a realistic label height.
        height = max(symbol.shape[0], symbol.shape[1] // 4)
        symbol = np.repeat(symbol[:1], height, axis=0)
    return Image.fromarray(symbol)


def compose_frame(
    code: Image.Image,
    look: FrameLook = FrameLook(),
    *,
    size: tuple[int, int] = FRAME_SIZE,
    rng: random.Random | None = None,
) -> npt.NDArray[np.uint8]:
    """Place a barcode on a grey frame at a random spot, then rotate, blur and add noise as asked."""
    rng = rng or random.Random(0)
    label = Image.new("L", (code.width + 80, code.height + 80), 255)
    label.paste(code, (40, 40))
    if look.angle:
        label = label.rotate(look.angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=BACKGROUND)
    frame = Image.new("L", size, BACKGROUND)
    x = rng.randint(0, max(0, size[0] - label.width))
    y = rng.randint(0, max(0, size[1] - label.height))
    frame.paste(label, (x, y))
    if look.blur:
        frame = frame.filter(ImageFilter.GaussianBlur(look.blur))
    pixels = np.asarray(frame, dtype=np.float32)
    if look.noise:
        generator = np.random.default_rng(rng.randrange(2**32))
        pixels = pixels + generator.normal(0.0, look.noise, pixels.shape).astype(np.float32)
    result: npt.NDArray[np.uint8] = np.clip(pixels, 0, 255).astype(np.uint8)
    return result


@dataclass(frozen=True, slots=True)
class GeneratedFrame:
    spec: BarcodeSpec
    look: FrameLook
    frame: Frame


def generated_frames(
    specs: Sequence[BarcodeSpec] = WAREHOUSE_CODES,
    looks: Sequence[FrameLook] = LOOKS,
    *,
    size: tuple[int, int] = FRAME_SIZE,
    seed: int = 7,
) -> list[GeneratedFrame]:
    """Every spec in every look: a reproducible set of frames (same seed, same frames)."""
    rng = random.Random(seed)
    frames = []
    for spec in specs:
        code = barcode_image(spec)
        for look in looks:
            frames.append(GeneratedFrame(spec, look, Frame(compose_frame(code, look, size=size, rng=rng))))
    return frames


def frames_from_files(paths: Iterable[str | Path]) -> list[Frame]:
    """Image files (PNG, JPEG ...) as greyscale frames."""
    frames = []
    for path in paths:
        with Image.open(path) as image:
            frames.append(Frame(np.asarray(image.convert("L"))))
    return frames


class CameraSimulator:
    """A `FrameSource` that plays a list of frames at a frame rate, once or in a loop.

    `start()` plays on a background thread, like a camera; `play()` pushes every frame synchronously
    for tests and benchmarks that want no timing at all.
    """

    def __init__(self, frames: Sequence[Frame], *, fps: float = 30.0, repeat: bool = False) -> None:
        self._frames = list(frames)
        self._interval = 1.0 / fps
        self._repeat = repeat
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.delivered = 0
        self.refused = 0  # frames the decoder dropped because it was still busy
        self.finished = threading.Event()

    def start(self, sink: FrameSink) -> None:
        self._stop.clear()
        self.finished.clear()
        self._thread = threading.Thread(target=self._run, args=(sink,), name="camera-sim", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(5)
        self._thread = None

    def play(self, sink: FrameSink) -> None:
        for frame in self._frames:
            self._push(sink, frame)

    def _push(self, sink: FrameSink, frame: Frame) -> None:
        if sink(Frame(frame.image, captured_at=time.monotonic())):
            self.delivered += 1
        else:
            self.refused += 1

    def _run(self, sink: FrameSink) -> None:
        while not self._stop.is_set():
            for frame in self._frames:
                if self._stop.wait(self._interval):
                    break
                self._push(sink, frame)
            if not self._repeat:
                break
        self.finished.set()


# -- command line ------------------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m devices.simulators camera",
        description="Simulated camera: decode image files or generated barcodes with the station's "
        "decoder settings and print what was read. Without --image or --generate, plays the built-in "
        "set of warehouse barcodes in every look (straight, rotated, noisy, blurred).",
    )
    parser.add_argument("--image", nargs="*", type=Path, default=[], help="image files to decode")
    parser.add_argument("--generate", action="append", default=[], help="barcode content to draw (repeatable)")
    parser.add_argument("--format", default="Code128", help="zxing-cpp format for --generate (QRCode, DataMatrix ...)")
    parser.add_argument("--gs1", action="store_true", help="--generate content is GS1 HRI, e.g. (01)...(21)...")
    parser.add_argument("--rotate", type=float, default=0.0, help="degrees to rotate generated frames")
    parser.add_argument("--blur", type=float, default=0.0, help="Gaussian blur radius for generated frames")
    parser.add_argument("--noise", type=float, default=0.0, help="noise standard deviation in grey levels")
    parser.add_argument("--save", type=Path, help="also write each frame as PNG into this folder")
    return parser


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    labelled: list[tuple[str, Frame]] = [
        (str(path), frame) for path, frame in zip(args.image, frames_from_files(args.image), strict=True)
    ]
    if args.generate:
        look = FrameLook("custom", angle=args.rotate, blur=args.blur, noise=args.noise)
        rng = random.Random(1)
        for content in args.generate:
            code = barcode_image(BarcodeSpec(content, args.format, gs1=args.gs1))
            labelled.append((content, Frame(compose_frame(code, look, rng=rng))))
    if not labelled:
        labelled = [(f"{g.spec.format} {g.spec.content!r}, {g.look.name}", g.frame) for g in generated_frames()]
    if args.save is not None:
        args.save.mkdir(parents=True, exist_ok=True)
    settings = DecodeSettings()
    failures = 0
    for index, (label, frame) in enumerate(labelled):
        if args.save is not None:
            Image.fromarray(np.asarray(frame.image)).save(args.save / f"frame-{index:03d}.png")
        started = time.perf_counter()
        results: list[Scan | ScanRejected] = decode_frame(frame, settings)
        elapsed_ms = (time.perf_counter() - started) * 1000
        if not results:
            failures += 1
            print(f"{label}: nothing read ({elapsed_ms:.1f} ms)")
        for result in results:
            if isinstance(result, Scan):
                print(f"{label}: {result.kind.value} {result.text!r} [{result.symbology}] ({elapsed_ms:.1f} ms)")
            else:
                print(f"{label}: rejected: {result.message} ({elapsed_ms:.1f} ms)")
    print(f"{len(labelled) - failures} of {len(labelled)} frames read", file=sys.stderr)
    return 0 if failures == 0 else 1
