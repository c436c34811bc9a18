"""The composition root: the only module that knows every layer.

It reads the command line, opens the database, builds the services, and (for the window) wires
devices, sync and the UI together, in an order that can be read top to bottom.
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
from pathlib import Path

import platformdirs

from app import __version__

log = logging.getLogger("returns_station")


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", type=Path, help="where the station keeps its database and photos")
    parser = argparse.ArgumentParser(
        prog="returns-station", description="Returns processing station.", parents=[common]
    )
    parser.add_argument("--version", action="version", version=f"returns-station {__version__}")
    parser.add_argument("--demo", action="store_true", help="demo mode: sample data, simulated devices and server")
    sub = parser.add_subparsers(dest="command")
    sub.add_parser(
        "verify-audit", parents=[common], help="check the audit trail's hash chain; name the first broken record"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    data_dir: Path = args.data_dir or Path(platformdirs.user_data_dir("returns-station", appauthor=False))
    if args.command == "verify-audit":
        return _verify_audit(data_dir)
    if args.demo:
        from app.demo import run_scripted_demo

        demo_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="returns-station-demo-"))
        print(f"Demo data folder: {demo_dir}")
        return run_scripted_demo(demo_dir)
    print("The station window is not built yet; run with --demo for the scripted walk-through.")
    return 2


def _verify_audit(data_dir: Path) -> int:
    from app.services.station import open_database
    from app.store.journal import verify_audit_chain

    db = open_database(data_dir / "station.db")
    with db.read() as session:
        report = verify_audit_chain(session)
    db.dispose()
    if report.ok:
        print(f"Audit trail intact: {report.records} records verified.")
        return 0
    print(f"Audit trail BROKEN at record {report.first_broken}: {report.reason}.")
    return 1


if __name__ == "__main__":
    sys.exit(main())
