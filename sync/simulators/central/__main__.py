"""Command line: ``python -m sync.simulators.central --port 8765 --seed resources/reference [fault knobs]``."""

from __future__ import annotations

import argparse
import contextlib
import sys
from dataclasses import fields
from pathlib import Path

from sync.simulators.central.faults import Endpoint, FaultSettings
from sync.simulators.central.server import CentralSimulator

_KNOB_HELP = {
    "error_rate": "share of requests answered with a 5xx problem, nothing applied",
    "throttle_rate": "share of requests answered 429 with Retry-After, nothing applied",
    "reset_rate": "share of connections dropped (TCP reset) before applying",
    "timeout_rate": "share of requests held for --timeout-s; dropped unapplied if the client gives up first",
    "slow_rate": "share of requests answered --slow-s late (applied)",
    "reset_after_apply_rate": "share of requests applied, then the connection dropped without an answer",
    "malformed_rate": "share of answers replaced by a non-JSON body (after applying)",
    "truncated_rate": "share of answers cut in half (after applying)",
    "bad_item_rate": "share of push answers where one result has an unknown status (after applying)",
    "error_status": "status of injected errors (default 503)",
    "retry_after_s": "Retry-After of injected 429s, in seconds (default 1)",
    "timeout_s": "how long a timeout fault holds the request, in seconds (default 30)",
    "slow_s": "delay of a slow answer, in seconds (default 0.5)",
    "token_lifetime_s": "lifetime of access tokens, in seconds (default 900; 0 = expired at once)",
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m sync.simulators.central",
        description="Central RMS simulator: the Station Sync API v1 over HTTP, with fault knobs.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8765, help="port to listen on (default 8765; 0 = any free)")
    parser.add_argument("--db", type=Path, help="SQLite file to keep (default: a temporary file, deleted on exit)")
    parser.add_argument("--seed", type=Path, metavar="FOLDER", help="load reference data from FOLDER/<feed>.json")
    parser.add_argument(
        "--enrollment-token",
        action="append",
        default=[],
        metavar="TOKEN",
        help="pre-mint this one-time enrollment token (repeatable; one is made up when none is given)",
    )
    parser.add_argument("--bulk-catalog", type=int, default=0, metavar="N", help="add N made-up catalog rows")
    parser.add_argument("--bulk-returns", type=int, default=0, metavar="N", help="add N made-up returns RB-0000000...")
    parser.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"])
    knobs = parser.add_argument_group("fault knobs (all can be changed at run time: POST /admin/faults)")
    for spec in fields(FaultSettings):
        if spec.name in _KNOB_HELP:
            kind = float if spec.name.endswith(("_rate", "timeout_s", "slow_s")) else int
            knobs.add_argument(f"--{spec.name.replace('_', '-')}", type=kind, help=_KNOB_HELP[spec.name])
    knobs.add_argument("--fault-seed", type=int, help="seed of the fault RNG, for reproducible fault sequences")
    knobs.add_argument(
        "--fault-endpoints",
        help=f"comma-separated endpoints faults may strike (default all: {','.join(e.value for e in Endpoint)})",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    knobs = {name: getattr(args, name) for name in _KNOB_HELP if getattr(args, name) is not None}
    if args.fault_seed is not None:
        knobs["seed"] = args.fault_seed
    if args.fault_endpoints:
        knobs["endpoints"] = args.fault_endpoints
    try:
        settings = FaultSettings().merged(knobs)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    simulator = CentralSimulator(args.db, args.port, args.seed, host=args.host, faults=settings)
    tokens = [simulator.mint_enrollment_token(token) for token in args.enrollment_token] or [
        simulator.mint_enrollment_token()
    ]
    if args.bulk_catalog or args.bulk_returns:
        simulator.bulk(catalog=args.bulk_catalog, returns=args.bulk_returns)

    def announce() -> None:
        print(f"Central RMS simulator listening on {simulator.base_url}", flush=True)
        print(f"  database: {simulator.store.path}", flush=True)
        print(f"  enrollment token(s): {', '.join(tokens)}", flush=True)
        active = {k: v for k, v in settings.to_json().items() if k.endswith("_rate") and v}
        print(f"  faults: {active or 'none'} (seed {settings.seed})", flush=True)

    simulator.api.on_started = announce
    # uvicorn re-raises the Ctrl+C it handled once it has shut down cleanly.
    with contextlib.suppress(KeyboardInterrupt):
        simulator.serve_forever(log_level=args.log_level)
    return 0


if __name__ == "__main__":
    sys.exit(main())
