"""The station's user interface assembled over one `Station`: what the composition root and the tests run.

`StationUi.build()` wires, in this order: feedback (banner + sound), the task runner, the device
bridge, the session, the action registry, the workbench, the sync monitor and the window with its
sign-in screen. None of that needs the core's database: given a core that is not open yet, the
window can be on screen before it is. `open_core()` (which the station calls right after its
window first painted) then hands over the core services and adds what needs them: the listener
for committed changes, the sync monitor's polling and the screens behind sign-in. `close()` undoes
it in reverse and joins every thread the UI started.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, QTimer
from PySide6.QtWidgets import QApplication

from ui.actions import ActionRegistry
from ui.bridge import DeviceBridge
from ui.core import StationCore
from ui.feedback import Banner, Feedback, Sound
from ui.i18n import Language, Translations
from ui.ports import Ports
from ui.preferences import Preferences, PreferencesFile
from ui.print_log import PrintLog
from ui.profiles import Profile, choose_profile
from ui.screens.base import ScreenContext, ScreenId, Shell
from ui.screens.sign_in import SignInScreen
from ui.session import OperatorSession
from ui.sound import PlaysoundTonePlayer
from ui.sync_monitor import SyncMonitor
from ui.tasks import TaskRunner
from ui.themes import Theme, apply_theme
from ui.wedge import WedgeFilter
from ui.window import MainWindow
from ui.workbench import Workbench

if TYPE_CHECKING:
    from app.services.station import Station

log = logging.getLogger(__name__)


@dataclass
class StationUi:
    app: QApplication
    core: StationCore
    preferences: Preferences
    profile: Profile
    theme: Theme
    translations: Translations
    feedback: Feedback
    runner: TaskRunner
    bridge: DeviceBridge
    session: OperatorSession
    actions: ActionRegistry
    workbench: Workbench
    monitor: SyncMonitor
    window: MainWindow
    ports: Ports
    wedge: WedgeFilter

    @classmethod
    def build(
        cls,
        app: QApplication,
        core: StationCore,
        *,
        preferences_file: PreferencesFile,
        ports: Ports | None = None,
        profile: Profile | None = None,
        demo: bool = False,
    ) -> StationUi:
        """The whole UI over an open core; over one not open yet, the window with only its sign-in screen."""
        ports = ports or Ports()
        preferences = preferences_file.load()
        screen = app.primaryScreen()
        available = screen.availableSize() if screen is not None else None
        chosen = choose_profile(profile or preferences.profile, available)
        translations = Translations(app)
        translations.install(preferences.language)
        apply_theme(app, preferences.theme, chosen)

        banner = Banner()
        sound = Sound(PlaysoundTonePlayer())  # looks for its audio backend once the window is up
        sound.enabled = preferences.sound
        feedback = Feedback(banner, sound)
        runner = TaskRunner(feedback)
        bridge = DeviceBridge()
        session = OperatorSession(preferences.auto_lock_minutes * 60_000)
        actions = ActionRegistry()
        workbench = Workbench(core, runner)
        monitor = SyncMonitor(core, runner, ports.sync)

        shell = Shell()
        ctx = ScreenContext(
            core=core,
            runner=runner,
            feedback=feedback,
            session=session,
            actions=actions,
            workbench=workbench,
            navigator=shell,
            ports=ports,
            preferences=preferences_file,
            print_log=PrintLog(),
            demo=demo,
        )
        window = MainWindow(ctx, banner)
        shell.go_requested.connect(window.go)
        window.add_screens([SignInScreen(ctx)])
        if demo:
            from ui.demo_panel import DemoPanel

            window.add_demo_panel(DemoPanel(ports.demo, bridge, runner, feedback, missing=ports.missing))
        window.set_profile(chosen)
        window.resize(chosen.window_size if chosen is Profile.HANDHELD else QSize(1280, 800))

        # Wiring: every foreign-thread event enters through the bridge, and scans go to the window.
        bridge.scan_read.connect(window.route_scan)
        bridge.scan_rejected.connect(window.route_scan)
        bridge.station_changed.connect(window.on_station_changed)
        bridge.station_changed.connect(lambda _changed: monitor.poke())
        bridge.device_changed.connect(window.status.show_device)
        bridge.printer_changed.connect(window.status.show_printer)
        bridge.sync_changed.connect(lambda _status: monitor.poke())
        monitor.updated.connect(window.status.show_queue)
        app.installEventFilter(session)
        wedge = WedgeFilter(window.route_scan)
        app.installEventFilter(wedge)
        # The window owns every helper object, so closing it leaves no timer or signal behind.
        for helper in (feedback, runner, bridge, session, actions, workbench, monitor, wedge, shell):
            helper.setParent(window)
        log.info("station window built: profile %s, theme %s", chosen.value, preferences.theme.value)
        built = cls(
            app=app,
            core=core,
            preferences=preferences,
            profile=chosen,
            theme=preferences.theme,
            translations=translations,
            feedback=feedback,
            runner=runner,
            bridge=bridge,
            session=session,
            actions=actions,
            workbench=workbench,
            monitor=monitor,
            window=window,
            ports=ports,
            wedge=wedge,
        )
        shell.language_requested.connect(built.set_language)
        shell.theme_requested.connect(built.set_theme)
        shell.profile_requested.connect(built.set_profile)
        if core.is_open:
            built._core_opened()
        return built

    @property
    def station(self) -> Station:
        return self.core.station

    def open_core(self, station: Station) -> None:
        """The core services, once the window first painted, and all that needs them.

        Nobody reaches them before: signing in is the first thing that asks the core, and whatever
        is typed meanwhile waits in Qt's event queue until this returns.
        """
        self.core.open(station)
        self._core_opened()

    def _core_opened(self) -> None:
        self.station.context.listeners.append(self.bridge.post)
        self.monitor.start()
        self._add_work_screens()

    def _add_work_screens(self) -> None:
        """The screens behind sign-in."""
        from ui.screens.inspect import InspectScreen
        from ui.screens.labels import LabelsScreen
        from ui.screens.work import work_screens

        window = self.window
        window.add_screens(work_screens(window.ctx, self.monitor))
        labels = window.screens[ScreenId.LABELS]
        assert isinstance(labels, LabelsScreen)
        self.bridge.printer_changed.connect(labels.show_printer)
        inspect = window.screens[ScreenId.INSPECT]
        assert isinstance(inspect, InspectScreen)
        self.bridge.device_changed.connect(inspect.show_device)  # "Take photo" follows the camera's state

    def set_language(self, language: Language) -> None:
        self.translations.install(language)

    def set_profile(self, profile: Profile) -> None:
        self.profile = profile
        apply_theme(self.app, self.theme, profile)
        self.window.set_profile(profile)
        self.window.resize(profile.window_size)
        # Again once the layouts have dropped the other profile's minimum sizes (next event loop pass).
        QTimer.singleShot(0, self.window, lambda: self.window.resize(profile.window_size))

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        apply_theme(self.app, theme, self.profile)

    def show(self) -> None:
        self.window.show()

    def close(self) -> None:
        """Stop timers, close the window, finish background work and join the UI's threads."""
        self.monitor.stop()
        self.feedback.stop()
        self.session.stop()
        self.wedge.stop()
        self.app.removeEventFilter(self.session)
        self.app.removeEventFilter(self.wedge)
        if self.core.is_open and self.bridge.post in self.station.context.listeners:
            self.station.context.listeners.remove(self.bridge.post)
        self.window.close()
        self.translations.remove()
        self.runner.shutdown()
        self.window.deleteLater()
