"""Device benchmark: scanning, label printing and RFID figures side by side with their targets.

    python tests/benchmarks/scan.py

Runs `devices_bench.scanning.measure()` and, where their modules exist, `devices_bench.printing.measure()`
and `devices_bench.rfid.measure()`. Prints a table (figure, measured, target, baseline from the same run)
and, as its last line, one JSON object with every figure; a part that cannot run is noted and its
figures are null.
"""

from __future__ import annotations

import importlib
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as `python tests/benchmarks/scan.py` from anywhere
    sys.path.insert(0, str(ROOT))

from tests.benchmarks._common import emit, table

PARTS = "tests.benchmarks.devices_bench"
REQUIRED = (
    "serial_scan_p99_ms",
    "decode_median_ms",
    "decode_rate",
    "pyzbar_median_ms",
    "pyzbar_decode_rate",
    "zpl_render_p99_ms",
    "png_preview_median_ms",
    "rfid_reports_per_s",
)


def _run_part(name: str) -> dict[str, Any] | None:
    try:
        module = importlib.import_module(f"{PARTS}.{name}")
    except ModuleNotFoundError as exc:
        if exc.name != f"{PARTS}.{name}":
            raise
        print(f"note: {name} benchmark skipped: tests/benchmarks/devices_bench/{name}.py is not there yet")
        return None
    print(f"running the {name} benchmark ...", flush=True)
    try:
        figures: dict[str, Any] = module.measure()
    except Exception:
        print(f"note: {name} benchmark failed; its figures are left out:")
        traceback.print_exc(file=sys.stdout)
        return None
    return figures


def _fmt(value: Any, unit: str = "") -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:g}{unit}"
    return f"{value}{unit}"


def _judged(value: Any, target: str, met: Callable[[Any], bool]) -> str:
    if value is None:
        return target
    return f"{target} ({'met' if met(value) else 'MISSED'})"


def main() -> int:
    figures: dict[str, Any] = {}
    for part in ("scanning", "printing", "rfid"):
        figures.update(_run_part(part) or {})
    for key in REQUIRED:
        figures.setdefault(key, None)
    get = figures.get
    rows = [
        (
            "serial bytes -> Scan p50",
            _fmt(get("serial_scan_p50_ms"), " ms"),
            "-",
            f"bare pty {_fmt(get('bare_pty_p50_ms'), ' ms')}",
        ),
        (
            "serial bytes -> Scan p99",
            _fmt(get("serial_scan_p99_ms"), " ms"),
            _judged(get("serial_scan_p99_ms"), "<= 5 ms", lambda v: v <= 5),
            f"bare pty {_fmt(get('bare_pty_p99_ms'), ' ms')}",
        ),
        ("SSI read + ACK p99", _fmt(get("ssi_scan_p99_ms"), " ms"), "-", "-"),
        (
            "1080p decode median",
            _fmt(get("decode_median_ms"), " ms"),
            _judged(get("decode_median_ms"), "<= 20 ms", lambda v: v <= 20),
            f"zxing defaults {_fmt(get('zxing_default_median_ms'), ' ms')}, "
            f"pyzbar {_fmt(get('pyzbar_median_ms'), ' ms')}",
        ),
        (
            "1080p decode rate",
            _fmt(get("decode_rate")),
            _judged(
                get("decode_rate"),
                ">= pyzbar",
                lambda v: get("pyzbar_decode_rate") is None or v >= get("pyzbar_decode_rate"),
            ),
            f"zxing defaults {_fmt(get('zxing_default_decode_rate'))}, pyzbar {_fmt(get('pyzbar_decode_rate'))}",
        ),
        (
            "ZPL render p99",
            _fmt(get("zpl_render_p99_ms"), " ms"),
            _judged(get("zpl_render_p99_ms"), "<= 2 ms", lambda v: v <= 2),
            f"one text field {_fmt(get('zpl_render_baseline_p99_ms'), ' ms')}",
        ),
        (
            "PNG preview median",
            _fmt(get("png_preview_median_ms"), " ms"),
            _judged(get("png_preview_median_ms"), "<= 50 ms", lambda v: v <= 50),
            f"one text field {_fmt(get('png_preview_baseline_median_ms'), ' ms')}",
        ),
        (
            "RFID tag reports",
            _fmt(get("rfid_reports_per_s"), " /s"),
            _judged(get("rfid_reports_per_s"), ">= 1000 /s, no backlog", lambda v: v >= 1000),
            ", ".join(f"{k} {_fmt(v)}" for k, v in figures.items() if k.startswith("rfid_") and "baseline" in k) or "-",
        ),
    ]
    print()
    table(rows)
    emit(figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
