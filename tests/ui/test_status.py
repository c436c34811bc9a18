"""What the station says about itself between scans: status chips, the sync queue, wrapped exception rows.

Each is told about every change on the station; these tests pin that telling them the same thing,
or many things at once, costs the GUI thread nothing or one refresh, never one per change.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app.domain.model import ExceptionKind, Operator, Role
from app.services.station import Station
from app.services.views import ExceptionView
from ui.core import StationCore
from ui.models.returns import ExceptionsModel
from ui.profiles import Profile
from ui.screens.base import table
from ui.status_bar import Chip, ChipState
from ui.sync_monitor import QueueState, SyncMonitor
from ui.tasks import TaskRunner
from ui.themes import Theme, apply_theme

ANA = Operator("op-ana", "ana", "Ana Ruiz", Role.INSPECTOR)


class EventCounter(QObject):
    def __init__(self, kind: QEvent.Type) -> None:
        super().__init__()
        self.kind = kind
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == self.kind:
            self.count += 1
        return False


def test_a_chip_told_the_same_again_changes_nothing(qtbot: QtBot) -> None:
    chip = Chip("queue")
    qtbot.addWidget(chip)
    tooltips = EventCounter(QEvent.Type.ToolTipChange)
    chip.installEventFilter(tooltips)
    chip.set_state(ChipState.WARN, "To sync: 1", "Oldest waiting: 2 s")
    told = tooltips.count
    chip.set_state(ChipState.WARN, "To sync: 1", "Oldest waiting: 2 s")
    assert tooltips.count == told
    chip.set_state(ChipState.OK, "To sync: 0", "Oldest waiting: —")
    assert (chip.text(), chip.toolTip(), chip.state) == ("To sync: 0", "Oldest waiting: —", ChipState.OK)


def test_a_burst_of_changes_reads_the_queue_twice_and_shows_the_last(
    qtbot: QtBot, station: Station, runner: TaskRunner
) -> None:
    monitor = SyncMonitor(StationCore.of(station), runner, None)
    shown: list[QueueState] = []
    monitor.updated.connect(shown.append)
    monitor.poke()  # read at once
    station.receiving.open_blind(ANA, None, note="burst")
    for _ in range(20):
        monitor.poke()  # folded into one more read, at the end of the gap
    qtbot.waitUntil(lambda: len(shown) == 2)
    assert shown[-1].outbox.pending == 1
    with qtbot.assertNotEmitted(monitor.updated, wait=400):
        pass
    monitor.stop()


def _exception(n: int, detail: str) -> ExceptionView:
    return ExceptionView(f"e{n}", ExceptionKind.UNDECLARED_ITEM, detail, None, "open")


def test_wrapped_rows_fit_their_text_as_rows_arrive_and_columns_change(qtbot: QtBot) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    model = ExceptionsModel()
    view = table(model, host, wrap_rows=True)
    view.resize(420, 400)
    host.show()
    qtbot.waitExposed(host)
    model.set_items([_exception(1, "Short.")])
    long = " ".join(["This item was not on the return and waits for central to decide."] * 4)
    model.set_items([_exception(1, "Short."), _exception(2, long)])
    short_height, long_height = view.rowHeight(0), view.rowHeight(1)
    assert long_height > 2 * short_height, "the new row was measured as it arrived"
    view.resize(1200, 400)  # wider columns: fewer lines
    qtbot.waitUntil(lambda: view.rowHeight(1) < long_height)
    model.set_items([_exception(1, long), _exception(2, long)])  # a changed row is measured again
    assert view.rowHeight(0) == view.rowHeight(1)


def _luminance(color: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF())


def _contrast(a: QColor, b: QColor) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("theme", list(Theme))
def test_every_row_of_a_table_is_readable(qapp: QApplication, qtbot: QtBot, theme: Theme) -> None:
    # Alternate rows once took Qt's light grey under the high-contrast theme's white text.
    host = QWidget()
    qtbot.addWidget(host)
    view = table(ExceptionsModel(), host)
    apply_theme(qapp, theme, Profile.DESKTOP)
    try:
        host.show()
        qtbot.waitExposed(host)
        palette = view.palette()
        text = palette.color(QPalette.ColorRole.Text)
        for row in (QPalette.ColorRole.Base, QPalette.ColorRole.AlternateBase):
            assert _contrast(text, palette.color(row)) >= 7, f"{theme.value}: {row.name} under the text"
    finally:
        qapp.setStyleSheet("")
