"""The central RMS simulator: a real HTTP server implementing the Station Sync API v1, with fault knobs.

Run it with ``python -m sync.simulators.central --port 8765``; use it from Python as
``CentralSimulator(...).start()``. See docs/central-simulator.md.
"""

from sync.simulators.central.faults import Endpoint, FaultKind, FaultSettings
from sync.simulators.central.server import CentralSimulator
from sync.simulators.central.store import Feed, ReceivedTransaction

__all__ = ["CentralSimulator", "Endpoint", "FaultKind", "FaultSettings", "Feed", "ReceivedTransaction"]
