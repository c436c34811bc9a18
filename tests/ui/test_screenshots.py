"""Every screen, in both profiles and both themes, written to tests/screenshots/ for people to look at.

The station's data is made through the core first (a return with an exception, an inspected unit,
a supervisor approval waiting, labels, a parked sync item), then one window switches profile and
theme live and each screen is grabbed. The test also checks what can be checked without eyes: every
screen fits its profile's window, and nothing rendered is empty.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from app.errors import PrinterProblem
from app.services.values import Credentials
from app.store.outbox import DeliveryResult, Outcome
from devices.simulators.zpl_printer import Fault
from tests.app.conftest import HEADPHONES, KETTLE, item, rma
from tests.ui.helpers import settle
from ui.actions import ActionId
from ui.i18n import Language
from ui.ports import Ports
from ui.profiles import Profile
from ui.screens.base import ScreenId
from ui.themes import Theme

SHOTS = Path(__file__).resolve().parents[1] / "screenshots"
ELECTRONICS = {"seal": "no", "powers_on": "yes", "accessories": "yes", "cosmetic": "minor"}


@pytest.fixture
def station(printing_station, printer_simulator):
    """A morning's work, made through the core services."""
    s = printing_station
    ana = s.auth.sign_in(Credentials("ana", "1111"))
    ret = s.receiving.open(ana, rma("RMA-100001"))
    good = s.receiving.receive(ana, ret.return_id, item(HEADPHONES, "HP200-0001")).unit
    kettle = s.receiving.receive(ana, ret.return_id, item(KETTLE)).unit
    s.labels.lpn_label(ana, good.unit_id)
    printer_simulator.set_fault(Fault.PAPER_OUT)
    with pytest.raises(PrinterProblem):
        s.labels.lpn_label(ana, kettle.unit_id)  # kept, waiting for the printer
    printer_simulator.clear_fault()
    other = s.receiving.open(ana, rma("RMA-100003"))
    phone = s.receiving.receive(ana, other.return_id, item("00614141010028", "PHX5-7781")).unit
    s.inspections.inspect(ana, phone.unit_id, grade="A", answers=ELECTRONICS)
    s.dispositions.propose(ana, phone.unit_id)
    s.dispositions.settle(ana, phone.unit_id)  # 699.00: waits for a supervisor
    s.inspections.inspect(ana, good.unit_id, grade="LIKE_NEW", answers=ELECTRONICS)
    s.dispositions.propose(ana, good.unit_id)
    batch = s.sync_queue.outbox.next_batch(1)
    refused = "Return R-100001 is already closed at central: ask a supervisor."
    s.sync_queue.outbox.settle([DeliveryResult(batch[0].id, Outcome.REJECTED, "return_closed", refused)], "now")
    return s


@pytest.fixture
def ports(station) -> Ports:
    return Ports(previews=station.labels.printer)


def grab(ui, qtbot, name: str) -> Path:
    settle(ui, qtbot)
    qtbot.waitUntil(lambda: ui.runner.idle, timeout=5000)
    # What a person would see: layouts settled and deferred deletions done, as after one loop pass.
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    assert ui.window.grab().save(str(path))
    return path


def not_blank(path: Path) -> bool:
    image = QImage(str(path))
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    return len(colours) > 8


def test_every_screen_in_every_profile_and_theme(station_ui, qtbot, station):
    ui = station_ui
    written = []
    combos = [
        (Profile.DESKTOP, Theme.LIGHT),
        (Profile.HANDHELD, Theme.LIGHT),
        (Profile.DESKTOP, Theme.HIGH_CONTRAST),
        (Profile.HANDHELD, Theme.HIGH_CONTRAST),
    ]
    for profile, theme in combos:
        ui.set_theme(theme)
        ui.set_profile(profile)
        qtbot.waitUntil(lambda p=profile: ui.window.size() == p.window_size, timeout=5000)
        prefix = f"{profile.value}-{theme.value}"
        if ui.session.operator is not None:
            ui.session.sign_out()
        written.append(grab(ui, qtbot, f"{prefix}-01-sign_in"))
        ui.session.sign_in(station.auth.sign_in(Credentials("admin", "9999")))
        view = station.return_view(station.receiving.find(rma("RMA-100001")).return_id)
        ui.workbench.show_return(view)
        ui.workbench.show_unit(view.units[0])
        for number, screen_id in enumerate(list(ScreenId)[1:], start=2):
            ui.window.go(screen_id)
            if screen_id is ScreenId.LABELS:
                labels = ui.window.screens[ScreenId.LABELS]
                labels.waiting_view.setFocus()
                settle(ui, qtbot)
                if labels.waiting.rowCount():
                    labels.waiting_view.setCurrentIndex(labels.waiting.index(0, 0))
                    qtbot.waitUntil(lambda labels=labels: not labels.preview.pixmap().isNull(), timeout=5000)
            written.append(grab(ui, qtbot, f"{prefix}-{number:02d}-{screen_id.value}"))
        size = ui.window.size()
        assert size.width() <= profile.window_size.width(), f"{prefix} window grew to {size}"
        assert size.height() <= profile.window_size.height(), f"{prefix} window grew to {size}"
    # The longest words: German on the desktop, Spanish on the handheld.
    for profile, language in ((Profile.DESKTOP, Language.GERMAN), (Profile.HANDHELD, Language.SPANISH)):
        ui.set_theme(Theme.LIGHT)
        ui.set_profile(profile)
        qtbot.waitUntil(lambda p=profile: ui.window.size() == p.window_size, timeout=5000)
        ui.set_language(language)
        # The switch reaches the widgets through posted LanguageChange events: let them arrive.
        qtbot.waitUntil(lambda: ui.actions.action(ActionId.GO_RECEIVE).text() != "Receive", timeout=5000)
        for screen_id in (ScreenId.RECEIVE, ScreenId.DISPOSITION, ScreenId.SETTINGS):
            ui.window.go(screen_id)
            written.append(grab(ui, qtbot, f"{profile.value}-{language.value}-{screen_id.value}"))
        assert ui.window.size().width() <= profile.window_size.width()
    ui.set_language(Language.ENGLISH)
    assert len(written) == 4 * len(ScreenId) + 6
    assert all(not_blank(path) for path in written)
