"""The composition root: the only module that knows every layer.

It reads the command line, opens the database, builds the services, and (for the window) wires
devices, sync and the UI together, in an order that can be read top to bottom in `start_station`.
Every layer is imported only when the chosen command needs it, so `verify-audit` starts without Qt
and the window starts without loading what it does not use.

    returns-station                 the station window (settings from the data folder)
    returns-station --demo          the window on simulators: central RMS, label printer, serial scanner
    returns-station demo-script     the scripted walk through the core services, printed, no window
    returns-station verify-audit    check the audit trail's hash chain
"""

from __future__ import annotations

import argparse
import gc
import json
import logging
import sys
import tempfile
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs

from app import __version__

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from app.config import StationConfig
    from app.selftest import Check, Provisioning
    from app.services.station import Station
    from app.store.db import Database
    from devices.manager import StationDevices
    from devices.printing.spool import LabelPrinterDevice
    from devices.simulators.llrp_reader import LlrpReaderSimulator
    from devices.simulators.serial_scanner import ScannerSimulator
    from devices.simulators.zpl_printer import PrinterSimulator
    from sync.simulators.central.server import CentralSimulator
    from sync.worker import SyncWorker
    from ui.application import StationUi
    from ui.ports import Missing, Simulated
    from ui.preferences import Preferences
    from ui.profiles import Profile

log = logging.getLogger("returns_station")

DEMO_STATION_ID = "DEMO-01"
DEMO_ENROLLMENT_TOKEN = "DEMO-ENROLL-0001"


def _parser() -> argparse.ArgumentParser:
    # Options that may stand before or after the subcommand. The subcommands' copies default to
    # "not given", so `--config F enroll ...` is not overwritten by the subparser's own default.
    def options(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
        parser.add_argument("--data-dir", type=Path, help="where the station keeps its database, photos and settings")
        parser.add_argument(
            "--config", type=Path, help="the provisioning file (default: the machine-wide station.toml)"
        )
        return parser

    common = options(argparse.ArgumentParser(add_help=False))
    common_sub = options(argparse.ArgumentParser(add_help=False, argument_default=argparse.SUPPRESS))
    parser = argparse.ArgumentParser(
        prog="returns-station", description="Returns processing station.", parents=[common]
    )
    parser.add_argument("--version", action="version", version=f"returns-station {__version__}")
    parser.add_argument(
        "--demo", action="store_true", help="demo mode: sample data, simulated scanner, printer and central server"
    )
    parser.add_argument(
        "--profile", choices=["desktop", "handheld"], help="screen layout (default: chosen from the screen size)"
    )
    parser.add_argument(
        "--self-test", action="store_true", help="check this machine can run the station; exit 1 if not"
    )
    parser.add_argument("--json", action="store_true", help="with --self-test: print the report as JSON")
    sub = parser.add_subparsers(dest="command")
    enroll = sub.add_parser(
        "enroll", parents=[common_sub], help="trade IT's one-time enrollment token for the station credential"
    )
    enroll.add_argument("--token", required=True, help="the one-time enrollment token from central's admin page")
    bundle = sub.add_parser(
        "support-bundle", parents=[common_sub], help="write logs, configuration and a queue report to a zip"
    )
    bundle.add_argument("--out", type=Path, required=True, help="the zip file to write")
    sub.add_parser(
        "verify-audit", parents=[common_sub], help="check the audit trail's hash chain; name the first broken record"
    )
    sub.add_parser("demo-script", parents=[common_sub], help="the scripted walk through the core services, no window")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    # The deployment commands print their own report and configure logging themselves.
    if args.self_test:
        return _self_test(args.config, args.data_dir, as_json=args.json)
    if args.command == "enroll":
        return _enroll(args.config, args.token)
    if args.command == "support-bundle":
        return _support_bundle(args.config, args.data_dir, args.out)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if args.command == "verify-audit":
        return _verify_audit(args.data_dir or _default_data_dir())
    if args.command == "demo-script":
        from app.demo import run_scripted_demo

        demo_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="returns-station-demo-"))
        print(f"Demo data folder: {demo_dir}")
        return run_scripted_demo(demo_dir)
    return _run_window(args)


def _default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("returns-station", appauthor=False))


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


def _run_window(args: argparse.Namespace) -> int:
    from PySide6.QtWidgets import QApplication

    from app.config import ConfigError, load_config
    from app.errors import StationError
    from ui.profiles import Profile
    from ui.selftest_checks import exit_after_first_window_if_asked

    try:
        provisioning = load_config(args.config)  # None: this machine is not provisioned (demo, development)
    except ConfigError as exc:
        print(f"The station cannot start:\n{exc.message}", file=sys.stderr)
        return 2
    app = QApplication(sys.argv[:1])
    exit_after_first_window_if_asked(app)  # RETURNS_STATION_EXIT_AFTER_FIRST_WINDOW=1: cold-start timing
    app.setApplicationName("Returns Station")
    app.setApplicationVersion(__version__)
    if args.demo:
        data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="returns-station-demo-"))
        print(f"Demo data folder: {data_dir}")
    else:
        data_dir = args.data_dir or (provisioning.data_dir if provisioning else _default_data_dir())
    try:
        running = start_station(
            app,
            data_dir,
            demo=args.demo,
            profile=Profile(args.profile) if args.profile else None,
            provisioning=None if args.demo else provisioning,
        )
    except StationError as exc:
        print(f"The station cannot start: {exc.message}", file=sys.stderr)
        return 2
    running.ui.show()
    _quit_on_ctrl_c(app)
    try:
        return app.exec()
    finally:
        running.close()


def _quit_on_ctrl_c(app: QApplication) -> None:
    """Ctrl+C in the terminal closes the station cleanly (simulators, threads and all)."""
    import signal

    from PySide6.QtCore import QTimer

    signal.signal(signal.SIGINT, lambda _signum, _frame: app.quit())
    # Qt's event loop does not return to Python on its own; a light timer lets the handler run.
    wake = QTimer(app)
    wake.timeout.connect(lambda: None)
    wake.start(250)


# -- the window: built in one readable order ------------------------------------------------------


class _Relay:
    """A callback whose target is set later (the bridge exists only once the UI is built)."""

    def __init__(self) -> None:
        self.target: Callable[[Any], None] | None = None

    def __call__(self, event: Any) -> None:
        if self.target is not None:
            self.target(event)


@dataclass
class DemoSimulators:
    """Demo mode's stand-ins for hardware and the network, all on this machine."""

    central: CentralSimulator
    printer: PrinterSimulator
    scanner: ScannerSimulator
    rfid: LlrpReaderSimulator
    central_db: Path
    seed_folder: Path
    reachable: bool = True

    @classmethod
    def start(cls, data_dir: Path) -> DemoSimulators:
        from devices.simulators.llrp_reader import LlrpReaderSimulator
        from devices.simulators.serial_scanner import ScannerSimulator
        from devices.simulators.zpl_printer import PrinterSimulator
        from resources import ROOT as RESOURCES
        from sync.simulators.central.server import CentralSimulator

        seed = RESOURCES / "reference"
        central_db = data_dir / "central-simulator.db"
        central = CentralSimulator(central_db, seed_folder=seed, enrollment_tokens=[DEMO_ENROLLMENT_TOKEN]).start()
        printer = PrinterSimulator(port=0).start()
        scanner = ScannerSimulator().start()
        rfid = LlrpReaderSimulator(port=0, tags=()).start()  # an empty field until the demo panel says so
        log.info(
            "demo: central %s, printer 127.0.0.1:%s, scanner %s", central.base_url, printer.port, scanner.port_path
        )
        return cls(central, printer, scanner, rfid, central_db, seed)

    def inject(self, text: str) -> None:
        self.scanner.send_scan(text)

    def set_printer_out_of_labels(self, out: bool) -> None:
        from devices.simulators.zpl_printer import Fault

        self.printer.set_fault(Fault.PAPER_OUT if out else None)

    def set_tag_in_field(self, present: bool) -> None:
        # SGTIN-96 of GTIN 80614141123458, serial 12345 (the LLRP reference example).
        self.rfid.set_tags(["3034257BF7194E4000003039"] if present else [])

    def set_central_reachable(self, reachable: bool) -> None:
        from sync.simulators.central.server import CentralSimulator

        if reachable == self.reachable:
            return
        if reachable:
            # Same port and database: to the station it is the same server, back from an outage.
            self.central = CentralSimulator(self.central_db, port=self.central.port).start()
        else:
            self.central.stop()
        self.reachable = reachable

    def addresses(self) -> dict[Simulated, str]:
        from ui.ports import Simulated

        return {
            Simulated.CENTRAL: self.central.base_url,
            Simulated.PRINTER: f"tcp://127.0.0.1:{self.printer.port}",
            Simulated.SCANNER: self.scanner.port_path,
            Simulated.RFID_READER: f"llrp://127.0.0.1:{self.rfid.port}",
        }

    def stop(self) -> None:
        self.rfid.stop()
        self.scanner.stop()
        self.printer.stop()
        self.central.stop()


@dataclass
class RunningStation:
    """Everything `start_station` built; `close()` stops it all, last started first."""

    db: Database
    station: Station
    ui: StationUi
    devices: StationDevices
    worker: SyncWorker | None
    demo: DemoSimulators | None
    stack: ExitStack

    def close(self) -> None:
        self.stack.close()


def _printer(url: str) -> LabelPrinterDevice | None:
    from devices.printing.spool import LabelPrinterDevice
    from devices.printing.transport import SerialPrinter, TcpPrinter

    if not url:
        return None
    if url.startswith("tcp://"):
        host, _, port = url.removeprefix("tcp://").partition(":")
        return LabelPrinterDevice(TcpPrinter(host, int(port or 9100)), device_id="printer")
    return LabelPrinterDevice(SerialPrinter(url), device_id="printer")


def _rfid_reader(url: str, on_tag: Callable[[Any], None]) -> Any:
    """An LLRP reader for ``llrp://host[:port]``, else a serial UHF desktop reader on that port."""
    if url.startswith("llrp://"):
        from devices.rfid.llrp_client import LlrpReader, LlrpReaderSettings

        host, _, port = url.removeprefix("llrp://").partition(":")
        settings = LlrpReaderSettings(host, int(port)) if port else LlrpReaderSettings(host)
        return LlrpReader(settings, on_tag)
    from devices.rfid.uhf_serial import UhfReaderSettings, UhfSerialReader

    return UhfSerialReader(UhfReaderSettings(url), on_tag)


def _demo_keyring() -> Callable[[], None]:
    """Demo credentials live in memory only: a demo never writes to the machine's real keyring."""
    import keyring
    from keyring.backend import KeyringBackend

    class DemoKeyring(KeyringBackend):
        priority = 1

        def __init__(self) -> None:
            super().__init__()  # type: ignore[no-untyped-call]
            self.items: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self.items.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.items[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            self.items.pop((service, username), None)

    previous = keyring.get_keyring()
    keyring.set_keyring(DemoKeyring())
    return lambda: keyring.set_keyring(previous)


def start_station(
    app: QApplication,
    data_dir: Path,
    *,
    demo: bool = False,
    profile: Profile | None = None,
    worker_settings: Any = None,
    provisioning: StationConfig | None = None,
) -> RunningStation:
    """Build the whole station over `data_dir`, in the order the parts depend on each other."""
    # Device, database and sync threads run Python too: hand the interpreter back to the GUI thread
    # every millisecond instead of every five, so a scan's answer never waits behind their work.
    sys.setswitchinterval(0.001)
    from datetime import UTC, datetime

    from app.services.station import Station, open_database
    from app.store.reference import load_sample_set
    from devices.manager import StationDevices, ThreadScheduler
    from devices.scanning.serial_scanner import SerialScanner, SerialScannerSettings
    from resources import ROOT as RESOURCES
    from ui.adapters import CoreLabelPrinter, PrinterAsDevice
    from ui.application import StationUi
    from ui.ports import Missing, Ports
    from ui.preferences import PreferencesFile

    with ExitStack() as stack:
        # 1. Settings, and in demo mode the simulators the settings point at.
        data_dir.mkdir(parents=True, exist_ok=True)
        preferences_file = PreferencesFile.in_folder(data_dir)
        preferences = preferences_file.load()
        if provisioning is not None:
            preferences = _provisioned(preferences, provisioning)
            preferences_file.save(preferences)
        simulators: DemoSimulators | None = None
        if demo:
            stack.callback(_demo_keyring())
            simulators = DemoSimulators.start(data_dir)
            stack.callback(simulators.stop)
            preferences = _demo_preferences(preferences, simulators)
            preferences_file.save(preferences)
        # 2. The database and the core services.
        db = open_database(data_dir / "station.db")
        stack.callback(db.dispose)
        if demo:
            load_sample_set(db, RESOURCES / "reference", datetime.now(UTC).isoformat())
        # A new station has no reference data yet: sync pulls it (operators too) once it is enrolled.
        station = Station(db, station_id=preferences.station_id, data_dir=data_dir)
        # 3. Devices: the label printer for the core; the device manager for scanner and printer.
        relay = _Relay()
        label_device = _printer(preferences.printer_url)
        core_printer = CoreLabelPrinter(label_device, relay) if label_device else None
        station.labels.printer = core_printer
        scheduler = ThreadScheduler().start()
        stack.callback(scheduler.stop)
        devices = StationDevices(scheduler)
        stack.callback(devices.stop)
        missing = ([] if preferences.rfid_url else [Missing.RFID_READER]) + (
            [] if label_device else [Missing.LABEL_PRINTER]
        )
        # 4. Sync with central.
        enrollment = DEMO_ENROLLMENT_TOKEN if demo else None
        worker, link = _sync(
            station,
            db,
            stack,
            preferences=preferences,
            enrollment_token=enrollment,
            settings=worker_settings,
            missing=missing,
            ca_bundle=provisioning.ca_bundle if provisioning else None,
        )
        # 5. The window.
        ui = StationUi.build(
            app,
            station,
            preferences_file=preferences_file,
            ports=Ports(
                sync=link,
                devices=devices,
                previews=core_printer,
                demo=simulators,
                serial_ports=_serial_ports,
                missing=missing,
            ),
            profile=profile,
            demo=demo,
        )
        stack.callback(ui.close)
        # 6. Wiring: device, printer and sync events enter the UI through its bridge only.
        relay.target = ui.bridge.post
        devices.subscribe(ui.bridge.post)
        if preferences.scanner_port:
            settings = SerialScannerSettings(url=preferences.scanner_port, device_id="scanner")
            devices.add(SerialScanner(settings, ui.bridge.post))
        if label_device is not None:
            devices.add(PrinterAsDevice(label_device, preferences.station_id, ui.bridge.post))
        if preferences.rfid_url:
            devices.add(_rfid_reader(preferences.rfid_url, ui.bridge.post))
        if worker is not None:
            worker.connectivity.add_listener(ui.bridge.post_sync_status)
            _wake_after_changes(ui, worker)
        # 7. Start the threads last, once every listener is in place.
        devices.start()
        if worker is not None:
            worker.start()
        # Everything built so far lives as long as the station: keep the cyclic collector off it, so
        # its pauses stay short while people scan.
        gc.collect()
        gc.freeze()
        log.info("station %s started (demo: %s)", preferences.station_id, demo)
        return RunningStation(db, station, ui, devices, worker, simulators, stack.pop_all())
    raise AssertionError("unreachable")  # the with block returns or raises


def _provisioned(preferences: Preferences, provisioning: StationConfig) -> Preferences:
    """What IT provisioned wins over the settings screen: station id, server, devices, language, profile."""
    from app.config import Profile as ProvisionedProfile
    from ui.i18n import Language
    from ui.profiles import Profile

    return replace(
        preferences,
        station_id=provisioning.station_id,
        central_url=provisioning.server_url,
        scanner_port=provisioning.devices.scanner,
        printer_url=provisioning.devices.printer,
        rfid_url=provisioning.devices.rfid,
        language=Language(provisioning.language.value),
        profile=None if provisioning.profile is ProvisionedProfile.AUTO else Profile(provisioning.profile.value),
    )


def _wake_after_changes(ui: StationUi, worker: SyncWorker) -> None:
    """Wake the sync worker shortly after a burst of changes, not once per change.

    A scan commits two or three changes; pushing each at once would compete with the next scan for
    the database and the interpreter. A quarter of a second later they all go in one batch.
    """
    from PySide6.QtCore import QTimer

    timer = QTimer(ui.window)
    timer.setSingleShot(True)
    timer.setInterval(250)
    timer.timeout.connect(worker.wake)
    ui.bridge.station_changed.connect(lambda _changed: None if timer.isActive() else timer.start())


def _demo_preferences(preferences: Preferences, simulators: DemoSimulators) -> Preferences:
    return replace(
        preferences,
        station_id=DEMO_STATION_ID,
        central_url=simulators.central.base_url,
        printer_url=f"tcp://127.0.0.1:{simulators.printer.port}",
        scanner_port=simulators.scanner.port_path,
        rfid_url=f"llrp://127.0.0.1:{simulators.rfid.port}",
    )


def _sync(
    station: Station,
    db: Database,
    stack: ExitStack,
    *,
    preferences: Preferences,
    enrollment_token: str | None,
    settings: Any,
    missing: list[Missing],
    ca_bundle: Path | None = None,
) -> tuple[SyncWorker | None, Any]:
    """The sync worker and the UI's link to it, or nothing when no central server is configured."""
    from ui.ports import Missing

    if not preferences.central_url:
        missing.append(Missing.CENTRAL_SERVER)
        return None, None
    from app.services.context import utc_now
    from sync.client import CentralClient
    from sync.connectivity import ConnectivityMonitor
    from sync.credentials import StationCredentials
    from sync.target import CentralTarget
    from sync.worker import SyncWorker, WorkerSettings
    from ui.adapters import CentralLink

    client = CentralClient(preferences.central_url, StationCredentials(preferences.station_id), ca_bundle=ca_bundle)
    stack.callback(client.close)
    if enrollment_token is not None and client.credentials.credential() is None:
        client.enroll(enrollment_token)
    monitor = ConnectivityMonitor()
    worker = SyncWorker(
        db.path,
        CentralTarget(client),
        feeds=client,
        photos=client,
        connectivity=monitor,
        on_rules_changed=station.reload_rules,
        settings=settings or WorkerSettings(idle_check_s=5.0, backoff_cap_s=15.0),
    )
    stack.callback(worker.stop)
    link = CentralLink(worker, client, monitor, db, now=utc_now, on_rules_changed=station.reload_rules)
    return worker, link


def _serial_ports() -> list[str]:
    from serial.tools import list_ports

    return sorted(port.device for port in list_ports.comports())


# -- deployment commands (docs/deployment.md) ---------------------------------------------------


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


def _self_test(config_path: Path | None, data_dir: Path | None, *, as_json: bool = False) -> int:
    from app.selftest import Provisioning, SelfTest

    provisioning = Provisioning.load(config_path)
    _quiet_logging(provisioning.config)
    from ui.selftest_checks import qt_checks

    # Qt last: a display that takes the process down still leaves every line before it printed.
    extra = [*_environment_checks(provisioning.config), *qt_checks()]
    runner = SelfTest(provisioning, _data_dir(data_dir, provisioning), extra)
    report = runner.run(None if as_json else sys.stdout)
    if as_json:
        print(report.as_json())
    return report.exit_code


def _enroll(config_path: Path | None, token: str) -> int:
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


def _support_bundle(config_path: Path | None, data_dir: Path | None, out: Path) -> int:
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


if __name__ == "__main__":
    sys.exit(main())
