"""RFID benchmark: LLRP tag reports from the reader simulator, processed by the station's LLRP client.

The simulator inventories 500 distinct tags and sends one RO_ACCESS_REPORT per tag at a fixed rate
(2,000 reports/s by default) over loopback TCP for a few seconds; the client decodes each report,
collapses repeats and hands the TagReads to a callback. Every half second the backlog (reports sent
minus reports processed) is sampled: a client that keeps up has a small, flat backlog. Baseline from
the same run: the codec alone (framing + decoding the same reports from memory, no socket, no threads).

Figures: `rfid_reports_per_s` (processed), `rfid_sent_per_s`, `rfid_backlog_end` (at the moment the
simulator stops sending), `rfid_backlog_max`, `rfid_drain_ms` (until the backlog is zero),
`rfid_baseline_decode_per_s`. Run alone: `python tests/benchmarks/devices_bench/rfid.py`.
"""

from __future__ import annotations

import json
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from devices.events import TagRead
from devices.rfid import llrp
from devices.rfid.llrp_client import LlrpReader, LlrpReaderSettings
from devices.simulators.llrp_reader import LlrpReaderSimulator, SimulatedTag

POPULATION = [SimulatedTag(f"3034257BF7194E40{n:08X}", 1 + n % 4, -40 - n % 30) for n in range(500)]


def _codec_baseline(reports: int = 20_000) -> float:
    one = [llrp.TagReport(tag.epc_hex, tag.antenna, tag.rssi, 1, 1, 1) for tag in POPULATION]
    wire = b"".join(llrp.ro_access_report(n, [one[n % len(one)]]).encode() for n in range(reports))
    decoder = llrp.FrameDecoder()
    start = time.perf_counter()
    decoded = 0
    for offset in range(0, len(wire), 4096):  # as if read from a socket in 4 KiB chunks
        for frame in decoder.feed(wire[offset : offset + 4096]):
            message = llrp.decode_reader_message(frame)
            assert isinstance(message, llrp.AccessReport)
            decoded += len(message.tags)
    return decoded / (time.perf_counter() - start)


def measure(rate: float = 2000.0, seconds: float = 3.0) -> dict[str, float]:
    reads: list[TagRead] = []
    lock = threading.Lock()

    def on_tag(read: TagRead) -> None:
        with lock:
            reads.append(read)

    with LlrpReaderSimulator(0, tags=POPULATION, reports_per_second=0) as sim:
        reader = LlrpReader(
            LlrpReaderSettings("127.0.0.1", sim.port, device_id="bench", keepalive_interval=1.0), on_tag
        )
        reader.open()
        try:
            sim.set_rate(rate)
            start = time.monotonic()
            sent_0, processed_0 = sim.reports_sent, reader.sightings
            backlogs = []
            while (elapsed := time.monotonic() - start) < seconds:
                time.sleep(0.5)
                backlogs.append(sim.reports_sent - reader.sightings)
            sim.set_rate(0)
            elapsed = time.monotonic() - start
            sent, processed = sim.reports_sent - sent_0, reader.sightings - processed_0
            backlog_end = sim.reports_sent - reader.sightings
            drain_start = time.monotonic()
            while reader.sightings < sim.reports_sent and time.monotonic() - drain_start < 5:
                time.sleep(0.001)
            drain_ms = (time.monotonic() - drain_start) * 1000
        finally:
            reader.close()
    return {
        "rfid_reports_per_s": round(processed / elapsed, 1),
        "rfid_sent_per_s": round(sent / elapsed, 1),
        "rfid_backlog_end": float(backlog_end),
        "rfid_backlog_max": float(max(backlogs, default=0)),
        "rfid_drain_ms": round(drain_ms, 2),
        "rfid_tag_reads": float(len(reads)),
        "rfid_baseline_decode_per_s": round(_codec_baseline(), 1),
    }


if __name__ == "__main__":
    figures = measure()
    print(
        f"RFID: {figures['rfid_reports_per_s']} reports/s processed of {figures['rfid_sent_per_s']} sent "
        f"(target >= 1000/s), backlog at end {figures['rfid_backlog_end']:g}, max {figures['rfid_backlog_max']:g}"
    )
    print(json.dumps(figures, sort_keys=True))
