"""The return and the unit on the bench, shared by the Receive, Inspect and Disposition screens.

After any committed change to the return on the bench, its view is reloaded once (coalesced) on
the database lane and every screen showing it is told through `return_changed`.
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from app.domain.lifecycle import UnitState
from app.services.values import Changed
from ui.core import StationCore
from ui.tasks import Coalesced, TaskRunner

if TYPE_CHECKING:
    from app.services.views import ReturnView, UnitView


class Workbench(QObject):
    return_changed = Signal(object)  # ReturnView | None
    unit_changed = Signal(object)  # UnitView | None

    def __init__(self, core: StationCore, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._core = core
        self.current_return: ReturnView | None = None
        self.current_unit: UnitView | None = None
        self._reload = Coalesced(runner, self._load, self._on_reloaded, context="reloading the return on the bench")
        # Changes whose effect a shown view already includes: no reload for them (one per scan saved).
        self._seen: deque[str] = deque(maxlen=64)
        self._expected = 0  # use cases in flight that answer with a fresh view of the return
        self._deferred: set[str] = set()  # their news, heard before their answer

    def expect_view(self) -> None:
        """A use case that answers with a fresh view is on its way: hold reloads until it lands."""
        self._expected += 1

    def expected_view_failed(self) -> None:
        self._settle_expected(None)

    def show_return(self, view: ReturnView | None, *, includes: str | None = None) -> None:
        """Show `view`; `includes` names the transaction it already reflects, so its news is not reloaded."""
        if includes:
            self._seen.append(includes)
        self.current_return = view
        if view is None:
            self.show_unit(None)
        elif self.current_unit is not None:
            fresh = next((u for u in view.units if u.unit_id == self.current_unit.unit_id), None)
            if fresh != self.current_unit:
                self.show_unit(fresh)
        self.return_changed.emit(view)
        if self._expected:
            self._settle_expected(includes)

    def _settle_expected(self, includes: str | None) -> None:
        self._expected = max(0, self._expected - 1)
        self._deferred.discard(includes or "")
        self._deferred.difference_update(self._seen)
        if not self._expected and self._deferred:
            self._deferred.clear()
            self._reload.request()

    def show_unit(self, unit: UnitView | None) -> None:
        self.current_unit = unit
        self.unit_changed.emit(unit)

    def clear(self) -> None:
        self.show_return(None)

    def on_station_changed(self, changed: Changed) -> None:
        current = self.current_return
        if current is None or changed.transaction_id in self._seen:
            return
        if changed.labels and not changed.returns:
            # A printed label changes what the return shows only when it moves a unit on (to labelled).
            waiting = {u.unit_id for u in current.units if u.state is UnitState.DISPOSITIONED}
            if waiting & changed.units:
                self._reload.request()
            return
        if current.return_id in changed.returns or {u.unit_id for u in current.units} & changed.units:
            if self._expected:
                self._deferred.add(changed.transaction_id)
            else:
                self._reload.request()

    def reload(self) -> None:
        if self.current_return is not None:
            self._reload.request()

    def _load(self) -> ReturnView | None:
        current = self.current_return
        return self._core.station.return_view(current.return_id) if current else None

    def _on_reloaded(self, view: ReturnView | None) -> None:
        # The operator may have moved to another return while this one was loading.
        if view is not None and self.current_return is not None and view.return_id == self.current_return.return_id:
            self.show_return(view)
