"""Label printing benchmark: ZPL render p99 and PNG preview median, each with a baseline from the same run.

`zpl_render_p99_ms` times the whole way from typed template data to printer bytes (template layout,
GS1 validation, ZPL escaping) over the four station templates; the baseline renders a label with one
text field. `png_preview_median_ms` times a full 4x6 in preview to PNG bytes, with the same
one-text-field label as its baseline. Run alone: `python tests/benchmarks/devices_bench/printing.py`.
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from devices.printing.label import Label, Text
from devices.printing.preview import preview_png
from devices.printing.templates import (
    LpnLabelData,
    QuarantineLabelData,
    ResaleLabelData,
    RtvLabelData,
    build_label,
    template_for,
)
from devices.printing.zpl import render_zpl

DAY = dt.date(2026, 11, 23)
STATION_LABELS: list[object] = [
    LpnLabelData("LPN-00012345", "RMA-2026-1001", "DRL-18V-KIT", "Cordless drill 18V with two batteries", DAY),
    ResaleLabelData("09501101530003", "SN20261123A", "B", Decimal("49.90"), description="Cordless drill 18V"),
    RtvLabelData("ACME Tools Ltd", "RTV-2026-0042", "LPN-00012345", "Defective on arrival: motor does not start", DAY),
    QuarantineLabelData("LPN-00012346", "Leaking battery: possible hazard", DAY),
]
ONE_FIELD = Label(812, 1218, (Text(30, 30, "LPN-00012345", height=40),))


def _timings_ms(action: Callable[[], object], runs: int) -> list[float]:
    for _ in range(min(20, runs)):  # warm caches (fonts, imports) before timing
        action()
    samples: list[float] = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def _p99(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=100, method="inclusive")[98]


def measure(runs: int = 2000, preview_runs: int = 100) -> dict[str, float]:
    turn = iter(range(1 << 62))

    def station_label_to_zpl() -> bytes:
        data = STATION_LABELS[next(turn) % len(STATION_LABELS)]
        return render_zpl(build_label(template_for(data).name, data))

    lpn_label = build_label("lpn", STATION_LABELS[0])
    zpl = _timings_ms(station_label_to_zpl, runs)
    zpl_baseline = _timings_ms(lambda: render_zpl(ONE_FIELD), runs)
    png = _timings_ms(lambda: preview_png(lpn_label), preview_runs)
    png_baseline = _timings_ms(lambda: preview_png(ONE_FIELD), preview_runs)
    return {
        "zpl_render_p99_ms": round(_p99(zpl), 4),
        "zpl_render_median_ms": round(statistics.median(zpl), 4),
        "zpl_render_baseline_p99_ms": round(_p99(zpl_baseline), 4),
        "png_preview_median_ms": round(statistics.median(png), 3),
        "png_preview_p99_ms": round(_p99(png), 3),
        "png_preview_baseline_median_ms": round(statistics.median(png_baseline), 3),
    }


if __name__ == "__main__":
    figures = measure()
    print(f"ZPL render p99 {figures['zpl_render_p99_ms']} ms (target <= 2 ms)")
    print(f"PNG preview median {figures['png_preview_median_ms']} ms (target <= 50 ms)")
    print(json.dumps(figures, sort_keys=True))
