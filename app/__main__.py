"""The composition root: the only module that knows every layer.

It reads the command line, opens the database, builds the services, and (for the window) wires
devices, sync and the UI together, in an order that can be read top to bottom: `open_station`
builds what the sign-in window needs, `RunningStation.start` the rest once that window has painted
(numbered steps 1-11). Every layer is imported only when the chosen command needs it, so
`verify-audit` starts without Qt and the window starts without loading what it does not use.

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
from urllib.parse import urlsplit

import platformdirs

from app import __version__

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

    from app.config import StationConfig
    from app.errors import StationError
    from app.selftest import Check, Provisioning
    from app.services.station import Station
    from app.store.db import Database
    from devices.manager import StationDevices
    from devices.printing.spool import LabelPrinterDevice
    from devices.scanning.http_camera import ScanningCamera
    from devices.simulators.camera import SnapshotCameraSimulator
    from devices.simulators.llrp_reader import LlrpReaderSimulator
    from devices.simulators.serial_scanner import ScannerSimulator
    from devices.simulators.zpl_printer import PrinterSimulator
    from sync.simulators.central.server import CentralSimulator
    from sync.worker import SyncWorker
    from ui.adapters import CoreLabelPrinter
    from ui.application import StationUi
    from ui.device_setup import DeviceAddresses
    from ui.ports import Simulated
    from ui.preferences import Preferences
    from ui.profiles import Profile
    from ui.sync_link import CentralLink, LateSyncLink

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
    # Start-up allocates much and frees little: no cyclic collections until the station is up
    # (`RunningStation.start` freezes what lives as long as the station, then turns them back on).
    gc.disable()
    from PySide6.QtWidgets import QApplication

    from app.config import ConfigError, load_config
    from app.errors import StationError
    from ui.profiles import Profile
    from ui.restart import StationRestart
    from ui.startup import after_first_paint, exit_after_first_window_if_asked

    try:
        provisioning = load_config(args.config)  # None: this machine is not provisioned (demo, development)
    except ConfigError as exc:
        print(f"The station cannot start:\n{exc.message}", file=sys.stderr)
        return 2
    app = QApplication(sys.argv[:1])
    timing = exit_after_first_window_if_asked(app)  # RETURNS_STATION_EXIT_AFTER_FIRST_WINDOW=1: cold-start timing
    app.setApplicationName("Returns Station")
    app.setApplicationVersion(__version__)
    if args.demo:
        data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="returns-station-demo-"))
        print(f"Demo data folder: {data_dir}")
    else:
        data_dir = args.data_dir or (provisioning.data_dir if provisioning else _default_data_dir())
    try:
        running = open_station(
            app,
            data_dir,
            demo=args.demo,
            profile=Profile(args.profile) if args.profile else None,
            provisioning=None if args.demo else provisioning,
        )
    except StationError as exc:
        print(f"The station cannot start: {exc.message}", file=sys.stderr)
        return 2

    def finish_start() -> None:
        try:
            running.start()
        except StationError as exc:  # its database cannot be opened, say
            _cannot_start(app.exit, running.ui.window, exc)
        except Exception:
            log.exception("the station could not finish starting")
            app.exit(1)
        else:
            if timing is not None:
                timing.ready()

    # The sign-in window first; sync, device threads and the scan parsers right after it painted.
    # Whatever is typed or scanned meanwhile waits in Qt's event queue.
    if timing is not None:
        timing.expect_ready()
    after_first_paint(running.ui.window, finish_start)
    running.ui.show()
    _quit_on_ctrl_c(app)
    try:
        code = app.exec()
    finally:
        running.close()
    restart = running.ui.ports.restart
    if isinstance(restart, StationRestart) and restart.requested:
        restart.replace_process()  # Settings: a new station id or central server needs a fresh start
    return code


def _cannot_start(exit_with: Callable[[int], None], window: QWidget, error: StationError) -> QMessageBox:
    """Say why the station stopped, in a box over its window (and on stderr and in the log); closing it exits 2."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox

    from ui.words import shown

    print(f"The station cannot start: {error.message}", file=sys.stderr)
    log.error("the station cannot start: %s", error.message)
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        QCoreApplication.translate("Startup", "The station cannot start"),
        shown(error),
        QMessageBox.StandardButton.Close,
        window,
    )
    box.finished.connect(lambda _result: exit_with(2))
    box.open()
    return box


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
    camera: SnapshotCameraSimulator
    central_db: Path
    seed_folder: Path
    reachable: bool = True

    @classmethod
    def start(cls, data_dir: Path) -> DemoSimulators:
        from devices.simulators.camera import SnapshotCameraSimulator
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
        camera = SnapshotCameraSimulator(port=0).start()  # the bench, until the demo panel shows it a code
        log.info(
            "demo: central %s, printer 127.0.0.1:%s, scanner %s, camera %s",
            central.base_url,
            printer.port,
            scanner.port_path,
            camera.url,
        )
        return cls(central, printer, scanner, rfid, camera, central_db, seed)

    def inject(self, text: str) -> None:
        self.scanner.send_scan(text)

    def set_printer_out_of_labels(self, out: bool) -> None:
        from devices.simulators.zpl_printer import Fault

        self.printer.set_fault(Fault.PAPER_OUT if out else None)

    def set_tag_in_field(self, present: bool) -> None:
        # SGTIN-96 of GTIN 80614141123458, serial 12345 (the LLRP reference example).
        self.rfid.set_tags(["3034257BF7194E4000003039"] if present else [])

    def show_to_camera(self, code: str) -> None:
        from app.errors import InvalidInput
        from app.phrases import QT_TRANSLATE_NOOP

        try:
            self.camera.show(code, seconds=4.0)  # held up to the lens for a moment, as a person would
        except ValueError as refused:  # not a GS1 code, or no barcode can carry it: a typo in the panel
            raise InvalidInput(
                QT_TRANSLATE_NOOP("Core", "The simulated camera cannot show {code}: {problem}"),
                code=code,
                problem=str(refused),
            ) from refused

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
            Simulated.CAMERA: self.camera.url,
        }

    def stop(self) -> None:
        self.camera.stop()
        self.rfid.stop()
        self.scanner.stop()
        self.printer.stop()
        self.central.stop()


@dataclass(frozen=True, slots=True)
class _SyncPlan:
    """What `RunningStation.start` needs to bring up sync with central."""

    link: LateSyncLink
    central_url: str
    station_id: str
    enrollment_token: str | None
    worker_settings: Any
    ca_bundle: Path | None


@dataclass
class RunningStation:
    """Everything `open_station` built; `start()` brings up the rest, `close()` stops it all, last started first."""

    data_dir: Path
    ui: StationUi
    devices: StationDevices
    demo: DemoSimulators | None
    stack: ExitStack
    core_stack: ExitStack  # the core's database: opened in `start`, closed after all that uses it
    core_printer: CoreLabelPrinter | None
    sync_plan: _SyncPlan | None
    readers: DeviceAddresses  # where the scanner, RFID reader and camera are (none: empty)
    worker: SyncWorker | None = None

    @property
    def station(self) -> Station:
        return self.ui.station

    @property
    def db(self) -> Database:
        return self.station.db

    def start(self) -> None:
        """What the sign-in window does not wait for: the core, the other screens, sync, devices, parsers."""
        from app.services.station import Station, open_database
        from devices.scanning.interpret import load_parsers

        # 7. The database and the core services (SQLAlchemy, the store: half of the start-up's
        # imports), then the screens behind sign-in, which use them.
        db = open_database(self.data_dir / "station.db")
        self.core_stack.callback(db.dispose)
        if self.demo is not None:
            from app.store.reference import load_sample_set

            load_sample_set(db, self.demo.seed_folder, datetime.now(UTC).isoformat())
        # A new station has no reference data yet: sync pulls it (operators too) once it is enrolled.
        station = Station(db, station_id=self.ui.core.station_id, data_dir=self.data_dir)
        station.labels.printer = self.core_printer
        self.ui.open_core(station)
        # 8. Sync with central: HTTP client, keyring and worker, behind the link the screens hold.
        plan = self.sync_plan
        if plan is not None:
            self.worker, link = _sync(self.station, self.db, self.stack, plan)
            plan.link.connect(link)
            self.worker.connectivity.add_listener(self.ui.bridge.post_sync_status)
            # Each commit wakes the worker, which lingers a moment so a scan's changes go as one batch.
            self.ui.bridge.station_changed.connect(lambda _changed, worker=self.worker: worker.wake())
        # 9. The devices that read: scanner, RFID reader, camera. Then the threads, once every
        # listener is in place.
        _add_readers(self.devices, self.readers, self.ui.bridge.post)
        self.devices.start()
        if self.worker is not None:
            self.worker.start()
        self.ui.monitor.poke()
        # 10. The GS1, EPC and carrier parsers now, not at the first scan that needs them.
        load_parsers()
        # 11. Everything built so far lives as long as the station: keep it out of the cyclic
        # collector's way, so its pauses stay short while people scan. (Start-up leaves a few hundred
        # objects of garbage; a full collection to free them first would cost more than they weigh.)
        gc.freeze()
        gc.enable()
        log.info("station %s started (demo: %s)", self.station.context.station_id, self.demo is not None)

    def close(self) -> None:
        self.stack.close()


# The builders below take addresses checked as the provisioning file's are (ui/preferences.py blanks
# a bad one when it reads the settings file; Settings and app/config.py refuse them).


def _printer(url: str) -> LabelPrinterDevice | None:
    if not url:
        return None
    from devices.printing.spool import LabelPrinterDevice
    from devices.printing.transport import SerialPrinter, TcpPrinter

    if url.startswith("tcp://"):
        parts = urlsplit(url)
        return LabelPrinterDevice(TcpPrinter(parts.hostname or "", parts.port or 9100), device_id="printer")
    return LabelPrinterDevice(SerialPrinter(url), device_id="printer")


def _rfid_reader(url: str, on_tag: Callable[[Any], None]) -> Any:
    """An LLRP reader for ``llrp://host[:port]``, else a serial UHF desktop reader on that port."""
    if url.startswith("llrp://"):
        from devices.rfid.llrp_client import LlrpReader, LlrpReaderSettings

        parts = urlsplit(url)
        host = parts.hostname or ""
        settings = LlrpReaderSettings(host, parts.port) if parts.port else LlrpReaderSettings(host)
        return LlrpReader(settings, on_tag)
    from devices.rfid.uhf_serial import UhfReaderSettings, UhfSerialReader

    return UhfSerialReader(UhfReaderSettings(url), on_tag)


def _camera(url: str, on_scan: Callable[[Any], None]) -> ScanningCamera:
    """The HTTP snapshot camera at `url` with the decoder that reads codes from its pictures."""
    from devices.scanning.http_camera import HttpSnapshotCamera, ScanningCamera, SnapshotCameraSettings
    from ui.camera import CAMERA_ID

    return ScanningCamera(HttpSnapshotCamera(SnapshotCameraSettings(url, device_id=CAMERA_ID)), on_scan)


def _add_readers(devices: StationDevices, readers: DeviceAddresses, on_event: Callable[[Any], None]) -> None:
    if readers.scanner:
        from devices.scanning.serial_scanner import SerialScanner, SerialScannerSettings

        devices.add(SerialScanner(SerialScannerSettings(url=readers.scanner, device_id="scanner"), on_event))
    if readers.rfid:
        devices.add(_rfid_reader(readers.rfid, on_event))
    if readers.camera:
        devices.add(_camera(readers.camera, on_event))


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
    """Build the whole station over `data_dir` and start it at once (the window starts it after its first paint)."""
    running = open_station(
        app, data_dir, demo=demo, profile=profile, worker_settings=worker_settings, provisioning=provisioning
    )
    try:
        running.start()
    except BaseException:
        running.close()
        raise
    return running


def open_station(
    app: QApplication,
    data_dir: Path,
    *,
    demo: bool = False,
    profile: Profile | None = None,
    worker_settings: Any = None,
    provisioning: StationConfig | None = None,
) -> RunningStation:
    """Build what the sign-in window needs, in the order the parts depend on each other; `start()` does the rest."""
    # Device, database and sync threads run Python too: hand the interpreter back to the GUI thread
    # every millisecond instead of every five, so a scan's answer never waits behind their work.
    sys.setswitchinterval(0.001)
    from devices.manager import StationDevices, ThreadScheduler
    from ui.application import StationUi
    from ui.camera import CameraStill
    from ui.core import StationCore
    from ui.device_setup import DeviceAddresses, DeviceBuilders, LiveDevices
    from ui.ports import Missing, Ports
    from ui.preferences import PreferencesFile, Provisioned
    from ui.restart import StationRestart
    from ui.sync_link import LateSyncLink

    with ExitStack() as stack:
        # 1. Settings, and in demo mode the simulators the settings point at.
        data_dir.mkdir(parents=True, exist_ok=True)
        # What the provisioning file sets is read-only on the Settings screen (and refused below it).
        preferences_file = PreferencesFile.in_folder(data_dir, provisioned=Provisioned.from_config(provisioning))
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
        # 2. The core: its database and services open in `start`, once the window painted. Whatever
        # the window does before then needs the station's id only.
        core = StationCore(preferences.station_id)
        core_stack = stack.enter_context(ExitStack())  # closes after everything registered below
        # 3. Devices: the label printer for the core; the device manager for scanner and printer.
        relay = _Relay()
        label_device = _printer(preferences.printer_url)
        core_printer = _core_printer(label_device, relay)
        scheduler = ThreadScheduler().start()
        stack.callback(scheduler.stop)
        devices = StationDevices(scheduler)
        stack.callback(devices.stop)
        missing = ([] if preferences.rfid_url else [Missing.RFID_READER]) + (
            [] if label_device else [Missing.LABEL_PRINTER]
        )
        # 4. The link to central: the sync worker behind it starts after the first paint (`start`).
        sync_plan: _SyncPlan | None = None
        if preferences.central_url:
            sync_plan = _SyncPlan(
                link=LateSyncLink(),  # loads no sync module: the worker behind it comes in `start`
                central_url=preferences.central_url,
                station_id=preferences.station_id,
                enrollment_token=DEMO_ENROLLMENT_TOKEN if demo else None,
                worker_settings=worker_settings,
                ca_bundle=provisioning.ca_bundle if provisioning else None,
            )
        else:
            missing.append(Missing.CENTRAL_SERVER)
        # Settings changes device addresses while the station runs, with the builders used here.
        live_devices = LiveDevices(
            devices,
            DeviceBuilders(printer=_printer, rfid=_rfid_reader, camera=_camera),
            core=core,
            on_event=relay,
            addresses=DeviceAddresses.of(preferences),
        )
        # 5. The window, with its sign-in screen.
        ui = StationUi.build(
            app,
            core,
            preferences_file=preferences_file,
            ports=Ports(
                sync=sync_plan.link if sync_plan else None,
                devices=devices,
                previews=core_printer,
                demo=simulators,
                camera=CameraStill(devices),  # the camera, when there is one, is the device manager's
                device_setup=live_devices,
                restart=StationRestart(app),
                serial_ports=_serial_ports,
                missing=missing,
            ),
            profile=profile,
            demo=demo,
        )
        stack.callback(ui.close)
        if sync_plan is not None:
            stack.callback(sync_plan.link.close)  # before the UI joins the lane that may wait on it
        # 6. Wiring: device and printer events enter the UI through its bridge only.
        relay.target = ui.bridge.post
        devices.subscribe(ui.bridge.post)
        if label_device is not None:
            from ui.adapters import PrinterAsDevice

            devices.add(PrinterAsDevice(label_device, preferences.station_id, ui.bridge.post))
        # The scanner, RFID reader and camera join in `start` (their modules load after the first paint).
        readers = DeviceAddresses.of(preferences)
        return RunningStation(
            data_dir, ui, devices, simulators, stack.pop_all(), core_stack, core_printer, sync_plan, readers
        )
    raise AssertionError("unreachable")  # the with block returns or raises


def _core_printer(device: LabelPrinterDevice | None, relay: _Relay) -> CoreLabelPrinter | None:
    if device is None:
        return None
    from ui.adapters import CoreLabelPrinter

    return CoreLabelPrinter(device, relay)


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
        camera_url=provisioning.devices.camera,
        language=Language(provisioning.language.value),
        profile=None if provisioning.profile is ProvisionedProfile.AUTO else Profile(provisioning.profile.value),
    )


def _demo_preferences(preferences: Preferences, simulators: DemoSimulators) -> Preferences:
    return replace(
        preferences,
        station_id=DEMO_STATION_ID,
        central_url=simulators.central.base_url,
        printer_url=f"tcp://127.0.0.1:{simulators.printer.port}",
        scanner_port=simulators.scanner.port_path,
        rfid_url=f"llrp://127.0.0.1:{simulators.rfid.port}",
        camera_url=simulators.camera.url,
    )


def _sync(station: Station, db: Database, stack: ExitStack, plan: _SyncPlan) -> tuple[SyncWorker, CentralLink]:
    """The sync worker and the screens' link to it."""
    from app.services.context import utc_now
    from sync.client import CentralClient
    from sync.connectivity import ConnectivityMonitor
    from sync.credentials import StationCredentials
    from sync.target import CentralTarget
    from sync.worker import SyncWorker, WorkerSettings
    from ui.sync_link import CentralLink

    client = CentralClient(plan.central_url, StationCredentials(plan.station_id), ca_bundle=plan.ca_bundle)
    stack.callback(client.close)
    if plan.enrollment_token is not None and client.credentials.credential() is None:
        client.enroll(plan.enrollment_token)
    monitor = ConnectivityMonitor()
    worker = SyncWorker(
        db.path,
        CentralTarget(client),
        feeds=client,
        photos=client,
        connectivity=monitor,
        on_rules_changed=station.reload_rules,
        settings=plan.worker_settings or WorkerSettings(idle_check_s=5.0, backoff_cap_s=15.0),
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
    devices = device_checks(scanner=ports.scanner, rfid=ports.rfid, printer=ports.printer, camera=ports.camera)
    return [*devices, *server_checks(config)]


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
