"""The deployment commands, written the way the composition root should carry them.

    returns-station [--config FILE] [--data-dir DIR] --self-test [--json]
    returns-station [--config FILE] enroll --token TOKEN
    returns-station [--config FILE] [--data-dir DIR] support-bundle --out FILE

`deployment_command(argv)` answers an exit code when `argv` is one of these, else None. The frozen
launcher (`packaging/entry.py`) calls it before the composition root; docs/deployment.md ("Wiring")
says how `app/__main__.py` takes these functions over, after which this module goes away. Each
layer is imported only inside the command that needs it, as in the composition root.
"""

# ruff: noqa: PLC0415 - each command imports only the layers it needs (start-up time), as the composition root does

from __future__ import annotations

import argparse
import json
import logging
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.config import StationConfig
    from app.selftest import Check, Provisioning

COMMANDS = ("enroll", "support-bundle")


def add_deployment_arguments(parser: argparse.ArgumentParser, sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """The options and subcommands, added to the composition root's parser."""
    parser.add_argument("--config", type=Path, help="the provisioning file (default: the machine-wide station.toml)")
    parser.add_argument(
        "--self-test", action="store_true", help="check this machine can run the station; exit 1 if not"
    )
    parser.add_argument("--json", action="store_true", help="with --self-test: print the report as JSON")
    enroll = sub.add_parser("enroll", help="trade IT's one-time enrollment token for the station credential")
    enroll.add_argument("--token", required=True, help="the one-time enrollment token from central's admin page")
    bundle = sub.add_parser("support-bundle", help="write logs, configuration and a queue report to a zip")
    bundle.add_argument("--out", type=Path, required=True, help="the zip file to write")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="returns-station")
    parser.add_argument("--data-dir", type=Path, help="where the station keeps its database, photos and settings")
    sub = parser.add_subparsers(dest="command")
    add_deployment_arguments(parser, sub)
    return parser


def deployment_command(argv: list[str]) -> int | None:
    """Run `argv` when it is a deployment command; None when it is for the station window or another command."""
    if "--self-test" not in argv and not any(word in COMMANDS for word in argv):
        return None
    args = _parser().parse_args(argv)
    if args.self_test:
        return self_test(args.config, args.data_dir, as_json=args.json)
    if args.command == "enroll":
        return enroll_station(args.config, args.token)
    if args.command == "support-bundle":
        return support_bundle(args.config, args.data_dir, args.out)
    return None


def _quiet_logging(config: StationConfig | None) -> None:
    """Commands print their own report: the log goes to its file only."""
    from app.logs import configure_logging

    level = config.log_level.number if config else logging.INFO
    configure_logging(level, to_stderr=False)


def _data_dir(data_dir: Path | None, provisioning: Provisioning) -> Path:
    from app.config import default_data_dir

    if data_dir is not None:
        return data_dir
    return provisioning.config.data_dir if provisioning.config else default_data_dir()


def _environment_checks(config: StationConfig | None) -> list[Check]:
    """Devices and central server: only a provisioned station has any."""
    if config is None:
        return []
    from devices.selftest_checks import device_checks
    from sync.selftest_checks import server_checks

    ports = config.devices
    return [*device_checks(scanner=ports.scanner, rfid=ports.rfid, printer=ports.printer), *server_checks(config)]


def self_test(config_path: Path | None, data_dir: Path | None, *, as_json: bool = False) -> int:
    from app.selftest import Provisioning, SelfTest

    provisioning = Provisioning.load(config_path)
    _quiet_logging(provisioning.config)
    from ui.selftest_checks import qt_checks

    # Qt last: a display that takes the process down still leaves every line before it printed.
    extra = [*_environment_checks(provisioning.config), *qt_checks()]
    self_test = SelfTest(provisioning, _data_dir(data_dir, provisioning), extra)
    report = self_test.run(None if as_json else sys.stdout)
    if as_json:
        print(report.as_json())
    return report.exit_code


def enroll_station(config_path: Path | None, token: str) -> int:
    from app.config import load_config
    from app.errors import StationError
    from sync.enroll import enroll

    try:
        config = load_config(config_path)
        if config is None:
            print(
                "This machine has no provisioning file (station.toml): write it first, see docs/deployment.md.",
                file=sys.stderr,
            )
            return 2
        _quiet_logging(config)
        done = enroll(config, token)
    except StationError as exc:
        print(f"Enrollment failed: {exc.message}", file=sys.stderr)
        return 2
    print(f"Station {done.station_id} enrolled with {done.server_url} (central {done.server_version}).")
    print(f"Its credential is kept in the OS keyring ({done.keyring_backend}); the token is now used up.")
    return 0


def support_bundle(config_path: Path | None, data_dir: Path | None, out: Path) -> int:
    from app.errors import StationError
    from app.selftest import Provisioning, core_checks, run_checks
    from app.support import build_support_bundle
    from sync.enroll import known_secrets

    provisioning = Provisioning.load(config_path)
    _quiet_logging(provisioning.config)
    config = provisioning.config
    folder = _data_dir(data_dir, provisioning)
    # The core's and the environment's checks, not Qt's: the bundle must be writable on a broken display.
    checks = [*core_checks(provisioning, data_dir=folder), *_environment_checks(config)]
    report = run_checks(checks)
    expected = [provisioning.expected_at] if provisioning.expected_at else []
    try:
        bundle = build_support_bundle(
            out,
            data_dir=folder,
            config=config,
            now=datetime.now(UTC),
            config_problem=provisioning.problem.message if provisioning.problem else None,
            config_files=expected,
            secrets=known_secrets(config.station_id) if config else (),
            reports={"self-test": report.text(), "self-test.json": report.as_json()},
        )
    except (StationError, OSError) as exc:
        print(f"The support bundle could not be written: {getattr(exc, 'message', exc)}", file=sys.stderr)
        return 2
    print(f"Support bundle written to {bundle.path} ({len(bundle.members)} files, no credentials).")
    print(json.dumps({"bundle": str(bundle.path), "self_test_ok": report.ok}))
    return 0
