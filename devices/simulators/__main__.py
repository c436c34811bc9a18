"""Run one device simulator from the command line: ``python -m devices.simulators <kind> [options]``.

Each kind lives in its own module exposing ``main(argv: list[str]) -> int``; it is imported only when
asked for, so starting one simulator never pays for the others.
"""

from __future__ import annotations

import importlib
import sys

KINDS: dict[str, tuple[str, str]] = {
    "scanner": ("devices.simulators.serial_scanner", "serial barcode scanner on a pseudo-terminal"),
    "camera": ("devices.simulators.camera", "decode images or generated barcodes; --serve: an HTTP snapshot camera"),
    "llrp": ("devices.simulators.llrp_reader", "LLRP fixed RFID reader on TCP"),
    "uhf": ("devices.simulators.uhf_reader", "serial desktop UHF RFID reader on a pseudo-terminal"),
    "printer": ("devices.simulators.zpl_printer", "Zebra ZPL label printer on TCP 9100"),
}


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] not in KINDS:
        print("usage: python -m devices.simulators <kind> [options]\n\nkinds:")
        for name, (_, summary) in KINDS.items():
            print(f"  {name:<8} {summary}")
        return 2
    module = importlib.import_module(KINDS[args[0]][0])
    result: int = module.main(args[1:])
    return result


if __name__ == "__main__":
    sys.exit(main())
