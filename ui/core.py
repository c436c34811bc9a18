"""The station's core services as the UI holds them: opened only after the first window painted.

The sign-in window needs the station's id, not its database. Opening the core (SQLAlchemy, the
store, the services: about half of the start-up) waits until that window is on screen
(docs/architecture-decisions.md, "Start-up"). Until then `station` is not there to ask; nothing
reaches it before then, because every use of it follows an operator's input, and input waits in
Qt's event queue while the core opens on the GUI thread.

This module is on the start-up path: `Station` is only a type here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.services.station import Station


class CoreNotOpen(RuntimeError):
    """Something asked for the core before the station opened it: a wiring mistake, never an operator's."""


class StationCore:
    def __init__(self, station_id: str, station: Station | None = None) -> None:
        self.station_id = station_id
        self._station = station

    @classmethod
    def of(cls, station: Station) -> StationCore:
        """A core that is open already (tests, tools)."""
        return cls(station.context.station_id, station)

    @property
    def is_open(self) -> bool:
        return self._station is not None

    @property
    def station(self) -> Station:
        if self._station is None:
            raise CoreNotOpen(f"the core of station {self.station_id} is not open yet")
        return self._station

    def open(self, station: Station) -> None:
        if self._station is not None:
            raise CoreNotOpen(f"the core of station {self.station_id} is open already")
        if station.context.station_id != self.station_id:
            raise ValueError(f"station {station.context.station_id} opened for window of {self.station_id}")
        self._station = station
