"""The screens behind sign-in, in the order the window shows them; loaded after the first paint."""

from __future__ import annotations

from ui.screens.approvals import ApprovalsScreen
from ui.screens.base import Screen, ScreenContext
from ui.screens.disposition import DispositionScreen
from ui.screens.history import HistoryScreen
from ui.screens.inspect import InspectScreen
from ui.screens.labels import LabelsScreen
from ui.screens.receive import ReceiveScreen
from ui.screens.settings import SettingsScreen
from ui.screens.sync import SyncScreen
from ui.sync_monitor import SyncMonitor


def work_screens(ctx: ScreenContext, monitor: SyncMonitor) -> list[Screen]:
    """The screens behind sign-in (`ui.screens.sign_in`, which the window opens on, is built apart)."""
    return [
        ReceiveScreen(ctx),
        InspectScreen(ctx),
        DispositionScreen(ctx),
        ApprovalsScreen(ctx),
        LabelsScreen(ctx),
        SyncScreen(ctx, monitor),
        HistoryScreen(ctx),
        SettingsScreen(ctx),
    ]
